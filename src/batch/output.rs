//! What a batch writes: a CSV row (or a JSON line) per project, and optionally a CSV row per
//! indicator.

use std::io::Write;

use crate::error::InputError;
use crate::i18n::Lang;
use crate::io::json;
use crate::report::Report;
use crate::score::{fmt_value, fmt2};

pub const PROJECT_HEADER: [&str; 15] = [
    "project_id",
    "project_name",
    "department",
    "total",
    "grade",
    "execution_rate",
    "execution_score",
    "claimed_total",
    "claimed_grade",
    "difference",
    "errors",
    "warnings",
    "flag_codes",
    "status",
    "reason",
];

pub const INDICATOR_HEADER: [&str; 12] = [
    "project_id",
    "project_name",
    "indicator",
    "level1",
    "level2",
    "target",
    "actual",
    "max",
    "score",
    "status",
    "flag_codes",
    "line",
];

/// The codes of `flags`, each once, in report order, joined by `;`.
fn codes<'a>(flags: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for c in flags {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.join(";")
}

/// The project row of a scored report.
pub fn project_ok<W: Write>(w: &mut csv::Writer<W>, r: &Report, lang: Lang) -> csv::Result<()> {
    let rec = &r.record;
    let c = &rec.claimed;
    let grade = match lang {
        Lang::Zh => r.card.grade.as_str(),
        Lang::En => r.card.grade_en.as_str(),
    };
    w.write_record([
        rec.id.as_str(),
        rec.name.as_str(),
        rec.department.as_deref().unwrap_or(""),
        &fmt2(r.card.total),
        grade,
        &r.card.execution.rate.map(fmt2).unwrap_or_default(),
        &fmt2(r.card.execution.score),
        &c.total.map(fmt_value).unwrap_or_default(),
        c.grade.as_deref().unwrap_or(""),
        &r.difference().map(fmt2).unwrap_or_default(),
        &r.count(crate::flags::Severity::Error).to_string(),
        &r.count(crate::flags::Severity::Warning).to_string(),
        &codes(r.flags.iter().map(|f| f.code)),
        "ok",
        "",
    ])
}

/// Which project a row or line is about.
pub struct Who<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub department: Option<&'a str>,
}

/// The project row of a block that could not be read.
pub fn project_error<W: Write>(
    w: &mut csv::Writer<W>,
    b: &Who,
    e: &InputError,
    lang: Lang,
) -> csv::Result<()> {
    let reason = e.render(lang);
    w.write_record([
        b.id,
        b.name,
        b.department.unwrap_or(""),
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "error",
        reason.as_str(),
    ])
}

/// One row per indicator of a scored report.
pub fn indicators<W: Write>(w: &mut csv::Writer<W>, r: &Report, lang: Lang) -> csv::Result<()> {
    for line in &r.card.lines {
        let ind = &r.record.indicators[line.index];
        let (l1, l2) = match lang {
            Lang::Zh => (ind.level1.zh(), ind.level2.zh()),
            Lang::En => (ind.level1.en(), ind.level2.en()),
        };
        let flags = codes(
            r.flags
                .iter()
                .filter(|f| f.position == Some(line.index))
                .map(|f| f.code),
        );
        w.write_record([
            r.record.id.as_str(),
            r.record.name.as_str(),
            ind.name.as_str(),
            l1,
            l2,
            ind.target_text.as_str(),
            ind.actual_text.as_deref().unwrap_or(""),
            &fmt2(line.max),
            &fmt2(line.score),
            line.status.key(),
            &flags,
            &ind.line.map(|l| l.to_string()).unwrap_or_default(),
        ])?;
    }
    Ok(())
}

/// The JSON line of a block that could not be read.
pub fn json_error(b: &Who, e: &InputError, lang: Lang) -> String {
    let mut s = String::from("{\"project\":{\"id\":");
    json::string(&mut s, b.id);
    s.push_str(",\"name\":");
    json::string(&mut s, b.name);
    s.push_str(",\"department\":");
    match b.department {
        Some(d) => json::string(&mut s, d),
        None => s.push_str("null"),
    }
    s.push_str("},\"status\":\"error\",\"error\":{\"line\":");
    s.push_str(&e.line.map_or_else(|| "null".to_string(), |l| l.to_string()));
    s.push_str(",\"message\":");
    json::string(&mut s, e.message.get(lang));
    s.push_str("}}");
    s
}
