//! 汇总: one row per project, a project that failed included (its row says why).

use rust_xlsxwriter::XlsxError;

use super::cells::{Column, Style};
use super::{Book, Which};
use crate::flags::{Severity, registry};
use crate::i18n::{Lang, Text};
use crate::report::digest::{Digest, Outcome, Scored};

pub(super) const COLUMNS: &[Column] = &[
    ("主管部门", "Authority", 18.0),
    ("实施单位", "Unit", 18.0),
    ("项目编码", "Project ID", 14.0),
    ("项目名称", "Project name", 28.0),
    ("金额单位", "Money unit", 8.0),
    ("全年预算数", "Annual budget", 12.0),
    ("全年执行数", "Executed", 12.0),
    ("预算执行率（%）", "Execution rate (%)", 10.0),
    ("自评总分", "Claimed total", 10.0),
    ("自评等级", "Claimed grade", 10.0),
    ("复核总分", "Recomputed total", 10.0),
    ("复核等级", "Recomputed grade", 10.0),
    (
        "差额（自评−复核）",
        "Difference (claimed − recomputed)",
        12.0,
    ),
    ("错误", "Errors", 7.0),
    ("警告", "Warnings", 7.0),
    ("主要标记", "Main flags", 40.0),
    ("说明", "Note", 30.0),
    ("评分规则", "Rubric", 16.0),
    ("文件", "File", 24.0),
];

/// How many flags the 主要标记 cell names.
const MAIN_FLAGS: usize = 3;

pub(super) fn write(book: &mut Book, d: &Digest) -> Result<(), XlsxError> {
    let lang = book.lang;
    let scored = d.scored();
    let style = match scored {
        None => Style::Failed,
        Some(s) if s.downgraded() => Style::Downgraded,
        Some(_) => Style::Plain,
    };
    let mut c = book.row(Which::Summary, style)?;
    c.opt_text(d.authority.as_deref())?
        .opt_text(d.department.as_deref())?
        .text(&d.id)?
        .text(&d.name)?
        .text(d.money)?
        .num(d.budget)?
        .num(d.executed)?;
    match (&d.outcome, scored) {
        (_, Some(s)) => {
            let claimed = s
                .claimed_as
                .as_ref()
                .map(|(_, w)| &**w)
                .or(s.claimed_grade.as_deref());
            c.num(s.rate.map(|r| r.round_dp(2)))?
                .num(s.claimed_total)?
                .opt_text(claimed)?
                .num(Some(s.total))?
                .text(&s.grade)?
                .num(s.difference())?
                .count(s.count(Severity::Error) as u64)?
                .count(s.count(Severity::Warning) as u64)?
                .text(&main_flags(s, lang))?;
            let note = s.downgraded().then(|| {
                Text::new(
                    "自评等级高于复核等级",
                    "claimed grade above the recomputed one",
                )
            });
            c.text(note.as_ref().map_or("", |t| t.get(lang)))?
                .text(&s.rubric)?;
        }
        (Outcome::Failed(why), None) => {
            for _ in 0..9 {
                c.text("")?;
            }
            c.text(why)?.text("")?;
        }
        (Outcome::Scored(_), None) => unreachable!("a scored digest is scored"),
    }
    c.text(&d.file)?;
    Ok(())
}

/// The errors' and warnings' rules in words (their summaries), most severe first, each once:
/// the first few, then how many more.
pub(super) fn main_flags(s: &Scored, lang: Lang) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for sev in [Severity::Error, Severity::Warning] {
        for f in s.flags.iter().filter(|f| f.severity == sev) {
            if !codes.contains(&f.code) {
                codes.push(f.code);
            }
        }
    }
    let words: Vec<&str> = codes
        .iter()
        .take(MAIN_FLAGS)
        .map(|code| {
            registry::RULES
                .iter()
                .find(|r| r.code == *code)
                .map_or(*code, |r| r.summary.get(lang))
        })
        .collect();
    let more = codes.len().saturating_sub(MAIN_FLAGS);
    let sep = Text::new("；", "; ");
    let mut out = words.join(sep.get(lang));
    if more > 0 {
        let t = Text::new(format!("另 {more} 项"), format!("and {more} more"));
        out.push_str(sep.get(lang));
        out.push_str(t.get(lang));
    }
    out
}
