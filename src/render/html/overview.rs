//! The report's overview: the run's counts, claimed against recomputed grades and the
//! distribution of claimed − recomputed totals (charts), flags by code (each linked to its
//! explanation), a table by unit, the ranking, and which projects are shown in full.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use super::escape::push as esc;
use super::words::Words;
use super::{Shown, charts};
use crate::flags::registry;
use crate::i18n::Lang;
use crate::num::fmt2;
use crate::report::overview::{DIFFERENCE_BOUNDS, Overview, Ranked};

/// How the projects shown in full were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The run has at most the limit: all.
    All,
    /// The run has more: those with an error flag (or not scored), up to the limit.
    Errors,
}

/// The overview's section.
pub fn overview(
    out: &mut String,
    o: &Overview,
    shown: &[Shown],
    policy: Policy,
    limit: usize,
    w: &Words,
    lang: Lang,
) {
    let _ = write!(
        out,
        "<section id=\"overview\">\n<h2>{}</h2>\n<ul class=\"facts\">\n<li>{}: <b class=\"n-projects\">{}</b> ({} {}, {} {})\n",
        w.overview,
        w.projects,
        o.projects,
        w.scored,
        o.projects - o.failed,
        w.failed,
        o.failed
    );
    let _ = write!(
        out,
        "<li>{}: <b>{}</b>\n<li>{}: {} {}, {} {}, {} {}\n</ul>\n",
        w.downgraded,
        o.downgraded,
        w.flags,
        crate::flags::Severity::Error.label(lang),
        o.severities[0],
        crate::flags::Severity::Warning.label(lang),
        o.severities[1],
        crate::flags::Severity::Info.label(lang),
        o.severities[2],
    );

    // grades: claimed and recomputed, by the rubric's rank
    let mut grades: BTreeMap<&(usize, Arc<str>), [u64; 2]> = BTreeMap::new();
    for (k, n) in &o.claimed_grades {
        grades.entry(k).or_default()[0] += n;
    }
    for (k, n) in &o.grades {
        grades.entry(k).or_default()[1] += n;
    }
    let mut rows: Vec<(String, Vec<u64>)> = grades
        .into_iter()
        .map(|((_, word), [c, r])| (word.to_string(), vec![c, r]))
        .collect();
    if o.claimed_other > 0 {
        rows.push((w.not_claimed.to_string(), vec![o.claimed_other, 0]));
    }
    let _ = write!(
        out,
        "<div class=\"charts\">\n<figure><figcaption>{}</figcaption>\n{}\n</figure>\n",
        w.grades_chart,
        charts::bars("grades", w.grades_chart, &[w.claimed, w.recomputed], &rows)
    );
    let mut rows: Vec<(String, Vec<u64>)> = DIFFERENCE_BOUNDS
        .iter()
        .zip(o.differences)
        .map(|(b, n)| (b.to_string(), vec![n]))
        .collect();
    rows.push((w.not_claimed.to_string(), vec![o.unclaimed]));
    let _ = write!(
        out,
        "<figure><figcaption>{}</figcaption>\n{}\n</figure>\n</div>\n",
        w.differences_chart,
        charts::bars("differences", w.differences_chart, &[w.projects], &rows)
    );

    flags(out, o, w, lang);
    units(out, o, w);
    ranking(out, o, w);
    in_full(out, o, shown, policy, limit, w);
    out.push_str("</section>\n");
}

fn flags(out: &mut String, o: &Overview, w: &Words, lang: Lang) {
    let _ = writeln!(out, "<h3 id=\"flags\">{}</h3>", w.flags);
    let counts = o.flag_counts();
    if counts.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.no_flags);
        return;
    }
    let max = counts.first().map_or(1, |c| c.1.max(1));
    let _ = writeln!(
        out,
        "<table class=\"flag-counts sortable\"><thead><tr><th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
        w.code, w.severity, w.count, w.summary
    );
    for (code, n) in counts {
        let Some(rule) = registry::find(code) else {
            continue;
        };
        let pct = n * 100 / max;
        let _ = write!(
            out,
            "<tr><td><a href=\"#rule-{code}\">{code}</a><td><span class=\"sev sev-{}\">{}</span><td class=\"bar-cell\"><span class=\"bar\" style=\"width:{pct}px\"></span> {n}<td>",
            rule.severity.key(),
            rule.severity.label(lang)
        );
        esc(out, rule.summary.get(lang));
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn units(out: &mut String, o: &Overview, w: &Words) {
    let _ = write!(
        out,
        "<h3 id=\"units\">{}</h3>\n<table class=\"units sortable\"><thead><tr><th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>\n",
        w.units,
        w.authority,
        w.department,
        w.projects,
        w.failed_head,
        w.grades,
        w.downgraded_head,
        w.mean_difference,
        w.errors,
        w.warnings,
        w.execution_rate
    );
    for ((authority, department), u) in &o.units {
        out.push_str("<tr><td>");
        esc(out, authority);
        out.push_str("<td>");
        esc(out, department);
        let _ = write!(
            out,
            "<td class=\"n\">{}<td class=\"n\">{}<td>",
            u.projects, u.failed
        );
        let grades: Vec<String> = u
            .grades
            .iter()
            .map(|((_, g), n)| format!("{g} {n}"))
            .collect();
        esc(out, &grades.join(" · "));
        let _ = writeln!(
            out,
            "<td class=\"n\">{}<td class=\"n\">{}<td class=\"n\">{}<td class=\"n\">{}<td class=\"n\">{}</tr>",
            u.downgraded,
            u.mean_difference()
                .map(super::project::signed)
                .unwrap_or_default(),
            u.errors,
            u.warnings,
            u.execution_rate()
                .map(|r| format!("{}%", fmt2(r)))
                .unwrap_or_default()
        );
    }
    out.push_str("</tbody></table>\n");
}

fn ranking(out: &mut String, o: &Overview, w: &Words) {
    let _ = writeln!(
        out,
        "<h3 id=\"ranking\">{}</h3>\n<div class=\"ranking\">",
        w.ranking
    );
    for (title, list) in [(w.top, &o.top), (w.bottom, &o.bottom)] {
        let _ = writeln!(
            out,
            "<table class=\"rank\"><caption>{title}</caption><thead><tr><th>{}<th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
            w.rank, w.id, w.name, w.department, w.total, w.grade
        );
        for (i, r) in list.iter().enumerate() {
            ranked(out, i + 1, r);
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</div>\n");
}

fn ranked(out: &mut String, place: usize, r: &Ranked) {
    let _ = write!(out, "<tr><td class=\"n\">{place}<td>");
    esc(out, &r.id);
    out.push_str("<td>");
    esc(out, &r.name);
    out.push_str("<td>");
    esc(out, r.department.as_deref().unwrap_or(""));
    let _ = write!(out, "<td class=\"n\">{}<td>", fmt2(r.total));
    esc(out, &r.grade);
    out.push_str("</tr>\n");
}

fn in_full(
    out: &mut String,
    o: &Overview,
    shown: &[Shown],
    policy: Policy,
    limit: usize,
    w: &Words,
) {
    let text = match policy {
        Policy::All => w.in_full_all,
        Policy::Errors if shown.is_empty() => w.in_full_none,
        Policy::Errors => w.in_full_some,
    };
    let _ = write!(
        out,
        "<h3 id=\"in-full\">{} ({} / {})</h3>\n<p class=\"policy\">{}</p>\n",
        w.in_full,
        shown.len(),
        o.projects,
        text.replace("{n}", &limit.to_string())
    );
    if shown.is_empty() {
        return;
    }
    out.push_str("<ol class=\"in-full\">\n");
    for s in shown {
        let _ = write!(out, "<li><a href=\"#p-{}\">", s.seq);
        esc(out, &s.id);
        out.push(' ');
        esc(out, &s.name);
        out.push_str("</a> ");
        esc(out, &s.note);
        out.push('\n');
    }
    out.push_str("</ol>\n");
}
