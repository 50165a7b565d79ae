//! A report flattened into what a workbook or an HTML report shows of it, in one language:
//! the project's row, its indicator rows and its flag rows, owned, so that a batch's workers
//! can make them and the writing thread write them in file order. A project that could not be
//! scored is a digest too (its row says why), so no project is left out of an output.

use std::io;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::Report;
use crate::error::InputError;
use crate::flags::{Severity, registry};
use crate::i18n::Lang;
use crate::report::labels;

/// One project, as its outputs show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// The file it was read from.
    pub file: String,
    pub id: String,
    pub name: String,
    /// 实施单位.
    pub department: Option<String>,
    /// 主管部门.
    pub authority: Option<String>,
    /// 全年预算数 (else 年初预算数), in the record's money unit.
    pub budget: Option<Decimal>,
    /// 全年执行数.
    pub executed: Option<Decimal>,
    /// The money unit's word (万元 / 元).
    pub money: &'static str,
    /// Scored, or why not.
    pub outcome: Outcome,
}

/// What scoring a project came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Scored(Box<Scored>),
    /// It could not be read or scored: the message, located.
    Failed(String),
}

/// A scored project's figures, lines and flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub rubric: Arc<str>,
    /// Execution rate in percent, exact.
    pub rate: Option<Decimal>,
    pub execution_score: Decimal,
    pub execution_max: Decimal,
    pub claimed_total: Option<Decimal>,
    pub claimed_grade: Option<String>,
    /// The claimed grade as one of the rubric's: its rank and its word in the digest's
    /// language, when the claimed word is one the rubric knows.
    pub claimed_as: Option<(usize, Arc<str>)>,
    pub total: Decimal,
    /// The recomputed grade in the digest's language.
    pub grade: Arc<str>,
    /// The grade's rank in its rubric, best first.
    pub grade_rank: usize,
    pub lines: Vec<LineRow>,
    pub flags: Vec<FlagRow>,
}

impl Scored {
    /// Claimed total minus recomputed total, when a total is claimed.
    pub fn difference(&self) -> Option<Decimal> {
        self.claimed_total.map(|c| c - self.total)
    }

    pub fn count(&self, s: Severity) -> usize {
        self.flags.iter().filter(|f| f.severity == s).count()
    }

    /// The claimed grade is better than the recomputed one.
    pub fn downgraded(&self) -> bool {
        self.claimed_as
            .as_ref()
            .is_some_and(|(rank, _)| *rank < self.grade_rank)
    }
}

/// One indicator, as the 明细 sheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    pub level1: &'static str,
    pub level2: &'static str,
    pub name: String,
    /// The target as written (`>=90%`).
    pub target: String,
    /// The actual as written.
    pub actual: Option<String>,
    /// Its points (weight).
    pub weight: Decimal,
    pub claimed: Option<Decimal>,
    /// Recomputed, rounded to 2 decimals.
    pub score: Decimal,
    /// How it was scored (达标 / met …).
    pub status: &'static str,
    /// The one-line reason a person can check.
    pub reason: String,
    /// 偏差原因分析及改进措施, as the unit wrote it.
    pub deviation: Option<String>,
    /// Its line (or row) in the input.
    pub line: Option<usize>,
}

/// One flag, as the 标记 sheet shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagRow {
    pub severity: Severity,
    pub code: &'static str,
    /// The indicator or item concerned.
    pub indicator: Option<String>,
    /// The message with its figures.
    pub message: String,
    /// The basis line of the rule's doc (依据：… / Basis: …).
    pub basis: &'static str,
}

impl Digest {
    /// The digest of a scored report, in `lang`. The report's flags need their details
    /// (messages); a flag without them shows its summary line instead.
    pub fn of(r: &Report, file: &str, lang: Lang) -> Digest {
        Digest::make(r, file, lang, true)
    }

    /// A brief digest: the project's row, its totals, grades and flag codes and severities,
    /// but no lines and no flag messages or bases (what an output that shows the project as one row
    /// needs, at a fraction of the cost).
    pub fn brief(r: &Report, file: &str, lang: Lang) -> Digest {
        Digest::make(r, file, lang, false)
    }

    fn make(r: &Report, file: &str, lang: Lang, full: bool) -> Digest {
        let rec = &r.record;
        let lines = r
            .card
            .lines
            .iter()
            .filter(|_| full)
            .map(|line| {
                let ind = &rec.indicators[line.index];
                let (level1, level2) = labels::levels(ind, lang);
                LineRow {
                    level1,
                    level2,
                    name: ind.name.to_string(),
                    target: ind.target_text.to_string(),
                    actual: ind.actual_text.as_deref().map(str::to_string),
                    weight: line.max,
                    claimed: ind.claimed_score,
                    score: line.score.round_dp(2),
                    status: labels::status(line.status, lang),
                    reason: line.reason.render(ind, lang),
                    deviation: ind.deviation.clone(),
                    line: ind.line,
                }
            })
            .collect();
        let flags = r
            .flags
            .iter()
            .map(|f| {
                let rule = registry::RULES.get(f.order).copied();
                FlagRow {
                    severity: f.severity,
                    code: f.code,
                    indicator: f.indicator().map(str::to_string),
                    message: match &f.detail {
                        _ if !full => String::new(),
                        Some(_) => f.message(lang).to_string(),
                        None => rule.map_or("", |r| r.summary.get(lang)).to_string(),
                    },
                    basis: rule.filter(|_| full).map_or("", |r| r.basis(lang)),
                }
            })
            .collect();
        let c = &rec.claimed;
        let scored = Scored {
            rubric: r.rubric.clone(),
            rate: r.card.execution.rate,
            execution_score: r.card.execution.score,
            execution_max: r.card.execution.max,
            claimed_total: c.total,
            claimed_grade: c.grade.clone(),
            claimed_as: r.card.claimed_grade.as_ref().map(|g| {
                let word = match lang {
                    Lang::Zh => &g.grade,
                    Lang::En => &g.en,
                };
                (g.rank, word.clone())
            }),
            total: r.card.total,
            grade: labels::grade(&r.card, lang).clone(),
            grade_rank: r.card.grade_rank,
            lines,
            flags,
        };
        Digest {
            file: file.to_string(),
            outcome: Outcome::Scored(Box::new(scored)),
            ..Digest::head(rec, file)
        }
    }

    /// The digest of a project that could not be scored.
    pub fn failed(who: Who, e: &InputError, lang: Lang) -> Digest {
        Digest {
            file: e.file.clone(),
            id: who.id.to_string(),
            name: who.name.to_string(),
            department: who.department.map(str::to_string),
            authority: None,
            budget: None,
            executed: None,
            money: "",
            outcome: Outcome::Failed(e.render(lang)),
        }
    }

    /// A record's own cells, with no outcome yet.
    fn head(rec: &crate::model::Record, file: &str) -> Digest {
        let b = &rec.budget;
        Digest {
            file: file.to_string(),
            id: rec.id.clone(),
            name: rec.name.clone(),
            department: rec.department.clone(),
            authority: rec.authority.clone(),
            budget: b.base().map(|(_, v)| v),
            executed: b.executed,
            money: b.unit.as_str(),
            outcome: Outcome::Failed(String::new()),
        }
    }

    pub fn scored(&self) -> Option<&Scored> {
        match &self.outcome {
            Outcome::Scored(s) => Some(s),
            Outcome::Failed(_) => None,
        }
    }
}

/// Which project a digest of an error is about: what could be read of it.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub department: Option<&'a str>,
}

/// Where a batch's digests go, one per project in file order, when it writes a workbook or a
/// report instead of CSV rows (its workers then make a [`Digest`] of each project, flags with
/// their messages).
pub trait Sink: Send {
    fn add(&mut self, d: Digest) -> io::Result<()>;

    /// Which projects need their digest in full (each line's reason, each flag's message): the
    /// others come brief ([`Digest::brief`]: every figure, count and flag code, no lines), which
    /// costs a fraction of a full one. Asked once before a run; `None` (the default): every
    /// digest in full. The workers ask it of each report as they go, so it may only ever narrow
    /// down (what it refuses once it must refuse for the rest of the run).
    fn detail(&self) -> Option<Detail> {
        None
    }
}

/// See [`Sink::detail`].
pub type Detail = std::sync::Arc<dyn Fn(&Report) -> bool + Send + Sync>;
