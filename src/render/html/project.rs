//! One project in the report: its full 复核意见 (review opinion: claimed against recomputed,
//! the scorecard with its reasons, the flags with their figures and basis, the unit's 偏差原因),
//! or its one row in the table of all projects.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::escape::push as esc;
use super::words::Words;
use crate::flags::Severity;
use crate::i18n::Lang;
use crate::num::{fmt_value, fmt2};
use crate::report::digest::{Digest, Outcome, Scored};

/// Claimed − recomputed with its sign (`+4.19`, `-1.00`, `0.00`).
pub fn signed(d: Decimal) -> String {
    let s = fmt2(d);
    if d > Decimal::ZERO && s != "0.00" {
        format!("+{s}")
    } else if s == "-0.00" {
        "0.00".to_string()
    } else {
        s
    }
}

/// The unit a project is counted under: 实施单位, else 主管部门.
fn unit(d: &Digest) -> &str {
    d.department
        .as_deref()
        .or(d.authority.as_deref())
        .unwrap_or("")
}

/// The number of errors a project counts for the filters: its error flags, or 1 when it could
/// not be scored.
pub fn errors(d: &Digest) -> usize {
    match &d.outcome {
        Outcome::Scored(s) => s.count(Severity::Error),
        Outcome::Failed(_) => 1,
    }
}

/// The project's row in the table of all projects (`seq`: its place in the run, from 1).
pub fn row(out: &mut String, seq: u64, d: &Digest) {
    let _ = write!(
        out,
        "<tr id=\"r-{seq}\" data-e=\"{}\"><td>{seq}<td>",
        errors(d)
    );
    esc(out, &d.id);
    out.push_str("<td>");
    esc(out, &d.name);
    out.push_str("<td>");
    esc(out, unit(d));
    match &d.outcome {
        Outcome::Scored(s) => {
            out.push_str("<td>");
            if let Some(c) = s.claimed_total {
                out.push_str(&fmt_value(c));
            }
            let _ = write!(out, "<td>{}<td>", fmt2(s.total));
            if let Some(diff) = s.difference() {
                out.push_str(&signed(diff));
            }
            out.push_str("<td>");
            if let Some(g) = &s.claimed_grade {
                esc(out, g);
            }
            out.push_str("<td>");
            esc(out, &s.grade);
            let _ = write!(
                out,
                "<td>{}<td>{}<td>",
                s.count(Severity::Error),
                s.count(Severity::Warning)
            );
            let mut codes: Vec<&str> = Vec::new();
            for f in &s.flags {
                if !codes.contains(&f.code) {
                    codes.push(f.code);
                }
            }
            out.push_str(&codes.join(" "));
        }
        Outcome::Failed(m) => {
            out.push_str("<td colspan=\"8\" class=\"failed\">");
            esc(out, m);
        }
    }
    out.push_str("</tr>\n");
}

/// The project's full section: its 复核意见.
pub fn section(out: &mut String, seq: u64, d: &Digest, w: &Words, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"project\" id=\"p-{seq}\" data-e=\"{}\">\n<h2><span class=\"pid\">",
        errors(d)
    );
    esc(out, &d.id);
    out.push_str("</span> ");
    esc(out, &d.name);
    out.push_str("</h2>\n<p class=\"meta\">");
    let mut meta: Vec<(&str, &str)> = Vec::new();
    if let Some(dep) = &d.department {
        meta.push((w.department, dep));
    }
    if let Some(a) = &d.authority {
        meta.push((w.authority, a));
    }
    let rubric = d.scored().map(|s| s.rubric.clone());
    if let Some(r) = &rubric {
        meta.push((w.rubric, r));
    }
    meta.push((w.file, &d.file));
    for (i, (k, v)) in meta.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let _ = write!(out, "{k}: ");
        esc(out, v);
    }
    out.push_str("</p>\n");
    match &d.outcome {
        Outcome::Failed(m) => {
            let _ = write!(
                out,
                "<h3>{}</h3>\n<p class=\"failed\"><span class=\"sev sev-error\">{}</span> ",
                w.not_scored,
                Severity::Error.label(lang)
            );
            esc(out, m);
            out.push_str("</p>\n");
        }
        Outcome::Scored(s) => scored(out, d, s, w, lang),
    }
    let _ = write!(
        out,
        "<p class=\"back\"><a href=\"#r-{seq}\">↑ {}</a></p>\n</section>\n",
        w.back_to_row
    );
}

fn scored(out: &mut String, d: &Digest, s: &Scored, w: &Words, lang: Lang) {
    let claimed_total = s.claimed_total.map(fmt_value);
    let na = w.not_claimed;
    let _ = write!(
        out,
        "<h3>{}</h3>\n<table class=\"verdict\"><thead><tr><th><th>{}<th>{}</tr></thead><tbody>\n<tr><th>{}<td>{}<td>",
        w.opinion,
        w.total,
        w.grade,
        w.claimed,
        claimed_total.as_deref().unwrap_or(na),
    );
    esc(out, s.claimed_grade.as_deref().unwrap_or(na));
    let _ = write!(
        out,
        "</tr>\n<tr class=\"recomputed\"><th>{}<td class=\"total\">{}<td class=\"grade\">",
        w.recomputed,
        fmt2(s.total)
    );
    esc(out, &s.grade);
    let diff = s.difference().map(signed);
    let _ = write!(
        out,
        "</tr>\n<tr><th>{}<td>{}<td></tr>\n</tbody></table>\n<p class=\"opinion\">",
        w.difference,
        diff.as_deref().unwrap_or("")
    );
    opinion(out, s, diff.as_deref(), lang);
    out.push_str("</p>\n<p class=\"money\">");
    let mut parts = Vec::new();
    if let Some(b) = d.budget {
        parts.push(format!("{} {}{}", w.budget, fmt_value(b), d.money));
    }
    if let Some(e) = d.executed {
        parts.push(format!("{} {}{}", w.executed, fmt_value(e), d.money));
    }
    if let Some(r) = s.rate {
        parts.push(format!("{} {}%", w.execution_rate, fmt2(r)));
    }
    parts.push(format!(
        "{} {} / {}",
        w.execution,
        fmt2(s.execution_score),
        fmt2(s.execution_max)
    ));
    out.push_str(&parts.join(" · "));
    out.push_str("</p>\n");

    let _ = write!(
        out,
        "<h3>{}</h3>\n<table class=\"card\"><thead><tr>",
        w.scorecard
    );
    for h in w.head {
        let _ = write!(out, "<th>{h}");
    }
    out.push_str("</tr></thead><tbody>\n");
    for l in &s.lines {
        let _ = write!(out, "<tr><td>{}<td>{}<td>", l.level1, l.level2);
        esc(out, &l.name);
        out.push_str("<td>");
        esc(out, &l.target);
        out.push_str("<td>");
        esc(out, l.actual.as_deref().unwrap_or(""));
        let _ = write!(out, "<td class=\"n\">{}<td class=\"n\">", fmt2(l.weight));
        if let Some(c) = l.claimed {
            out.push_str(&fmt_value(c));
        }
        let _ = write!(
            out,
            "<td class=\"n\">{}<td>{}<td class=\"reason\">",
            fmt2(l.score),
            l.status
        );
        esc(out, &l.reason);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");

    let _ = writeln!(out, "<h3>{} ({})</h3>", w.flags, s.flags.len());
    if s.flags.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.no_flags);
    } else {
        let _ = writeln!(
            out,
            "<table class=\"flags\"><thead><tr><th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
            w.level, w.code, w.indicator, w.message, w.basis
        );
        for f in &s.flags {
            let _ = write!(
                out,
                "<tr><td><span class=\"sev sev-{}\">{}</span><td class=\"code\"><a href=\"#rule-{code}\">{code}</a><td>",
                f.severity.key(),
                f.severity.label(lang),
                code = f.code
            );
            esc(out, f.indicator.as_deref().unwrap_or(""));
            out.push_str("<td>");
            esc(out, &f.message);
            out.push_str("<td class=\"basis\">");
            esc(out, f.basis);
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    let _ = writeln!(out, "<h3>{}</h3>", w.deviation);
    let reasons: Vec<_> = s
        .lines
        .iter()
        .filter_map(|l| {
            l.deviation
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| (&l.name, t))
        })
        .collect();
    if reasons.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.no_deviation);
    } else {
        out.push_str("<dl class=\"deviation\">\n");
        for (name, text) in reasons {
            out.push_str("<dt>");
            esc(out, name);
            out.push_str("<dd>");
            esc(out, text);
            out.push('\n');
        }
        out.push_str("</dl>\n");
    }
}

/// The opinion in one sentence: claimed against recomputed, and the flags counted.
fn opinion(out: &mut String, s: &Scored, diff: Option<&str>, lang: Lang) {
    let (e, wn) = (s.count(Severity::Error), s.count(Severity::Warning));
    let claimed = s.claimed_total.map(fmt_value);
    match lang {
        Lang::Zh => {
            match (&claimed, &s.claimed_grade) {
                (Some(c), g) => {
                    let _ = write!(out, "单位自评总分 {c}");
                    if let Some(g) = g {
                        out.push_str("、等级 ");
                        esc(out, g);
                    }
                    out.push('；');
                }
                (None, _) => out.push_str("单位未填自评总分；"),
            }
            let _ = write!(out, "复核总分 {}、等级 ", fmt2(s.total));
            esc(out, &s.grade);
            if let Some(d) = diff {
                let _ = write!(out, "，差额 {d}");
            }
            if s.downgraded() {
                out.push_str("，复核等级低于自评");
            }
            if e + wn == 0 {
                out.push_str("。未发现问题。");
            } else {
                let _ = write!(out, "。错误 {e} 个，警告 {wn} 个，见下表。");
            }
        }
        Lang::En => {
            match (&claimed, &s.claimed_grade) {
                (Some(c), g) => {
                    let _ = write!(out, "The unit claimed a total of {c}");
                    if let Some(g) = g {
                        out.push_str(", grade ");
                        esc(out, g);
                    }
                    out.push_str("; ");
                }
                (None, _) => out.push_str("The unit claimed no total; "),
            }
            let _ = write!(out, "recomputed {}, grade ", fmt2(s.total));
            esc(out, &s.grade);
            if let Some(d) = diff {
                let _ = write!(out, ", difference {d}");
            }
            if s.downgraded() {
                out.push_str(", a lower grade than claimed");
            }
            if e + wn == 0 {
                out.push_str(". Nothing found.");
            } else {
                let _ = write!(
                    out,
                    ". {}, {}; see below.",
                    crate::i18n::count(e as u64, "error"),
                    crate::i18n::count(wn as u64, "warning")
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_their_sign() {
        let d = |s: &str| signed(s.parse().unwrap());
        assert_eq!(d("4.19"), "+4.19");
        assert_eq!(d("-1"), "-1.00");
        assert_eq!(d("0"), "0.00");
        assert_eq!(d("0.001"), "0.00");
        assert_eq!(d("-0.001"), "0.00");
    }
}
