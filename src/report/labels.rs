//! Words every renderer shares, in both languages: the recomputed grade, the levels of an
//! indicator, how a line was scored. (A severity's word is `Severity::label`.)

use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::Indicator;
use crate::score::{Scorecard, Status};

/// The recomputed grade's name in `lang` (优 / excellent).
pub fn grade(card: &Scorecard, lang: Lang) -> &Arc<str> {
    match lang {
        Lang::Zh => &card.grade,
        Lang::En => &card.grade_en,
    }
}

/// The grade a record claims, in `lang` when the rubric knows its word, else as written;
/// none when no grade is claimed.
pub fn claimed_grade(r: &crate::report::Report, lang: Lang) -> Option<&str> {
    match (&r.card.claimed_grade, lang) {
        (Some(g), Lang::Zh) => Some(&g.grade),
        (Some(g), Lang::En) => Some(&g.en),
        (None, _) => r.record.claimed.grade.as_deref(),
    }
}

/// An indicator's 一级 and 二级指标 in `lang`.
pub fn levels(ind: &Indicator, lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => (ind.level1.zh(), ind.level2.zh()),
        Lang::En => (ind.level1.en(), ind.level2.en()),
    }
}

/// How a line was scored, in `lang` (达标 / met).
pub fn status(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Met, Lang::Zh) => "达标",
        (Status::NotMet, Lang::Zh) => "未达标",
        (Status::Unmeasured, Lang::Zh) => "未测量",
        (Status::Qualitative, Lang::Zh) => "定性",
        (s, Lang::En) => s.key(),
    }
}
