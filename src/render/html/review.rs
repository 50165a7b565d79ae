//! `jixiao review`'s 审核意见 as one self-contained page, in the style of the report (its head,
//! policy, stylesheet, escaping and script): an overview (the projects' verdicts as a chart,
//! the findings by code, each linked to its doc further down, a table by unit), then each
//! project's 审核意见: its verdict with the points taken off, its findings, and its indicator
//! table as written with the lines that have findings marked. Every figure is in the markup:
//! the page reads the same with scripts off.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::escape::push as esc;
use super::{charts, head, rule_doc, tail, words};
use crate::flags::Severity;
use crate::i18n::Lang;
use crate::num::fmt_value;
use crate::render::review::{Item, finding_text, last_words};
use crate::report::labels;
use crate::review::{ReviewRubric, registry};

/// A word of the page in `lang`.
fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// A project's unit: 实施单位, else 主管部门.
fn unit<'a>(item: &'a Item) -> &'a str {
    let r = item.project.record;
    r.department
        .as_deref()
        .or(r.authority.as_deref())
        .unwrap_or("")
}

fn severity_mark(s: &mut String, sev: Severity, lang: Lang) {
    let _ = write!(
        s,
        "<span class=\"sev sev-{}\">{}</span>",
        sev.key(),
        sev.label(lang)
    );
}

/// The page of `items` reviewed under `rubric`; `inputs` the tables as given.
pub fn page(items: &[Item], rubric: &ReviewRubric, inputs: &[String], lang: Lang) -> String {
    let w = words::of(lang);
    let title = t(lang, "绩效目标审核意见", "Review of performance targets");
    let mut s = String::with_capacity(1 << 16);
    head(&mut s, w.lang, title, w.inputs, inputs);
    s.push_str(" · ");
    esc(&mut s, rubric.title(lang));
    let _ = write!(
        s,
        "</p>\n<nav><a href=\"#overview\">{}</a> <a href=\"#findings\">{}</a> <a href=\"#units\">{}</a> <a href=\"#list\">{}</a> <a href=\"#explanations\">{}</a></nav>\n</header>\n<main>\n",
        w.overview,
        t(lang, "审核发现", "Findings"),
        w.units,
        t(lang, "各项目审核意见", "Each project"),
        w.explanations
    );
    overview(&mut s, items, rubric, lang);
    list(&mut s, items, rubric, lang);
    s.push_str("<div id=\"projects\">\n");
    for (k, item) in items.iter().enumerate() {
        project(&mut s, k + 1, item, rubric, lang);
    }
    s.push_str("</div>\n");
    let _ = writeln!(
        s,
        "<section id=\"explanations\">\n<h2>{}</h2>",
        w.explanations
    );
    for a in registry::all() {
        let found = items
            .iter()
            .any(|i| i.reviewed.findings.iter().any(|f| f.code == a.code));
        if found {
            rule_doc(&mut s, a.code, a.severity, a.summary, a.explain, w, lang);
        }
    }
    s.push_str("</section>\n</main>\n");
    tail(&mut s);
    s
}

fn overview(s: &mut String, items: &[Item], rubric: &ReviewRubric, lang: Lang) {
    let w = words::of(lang);
    let mut bands = vec![0u64; rubric.bands.len()];
    let mut sev = [0u64; 3];
    // by code, in report order: count and projects
    let mut codes: BTreeMap<usize, (&'static str, Severity, u64, u64)> = BTreeMap::new();
    let order: Vec<&'static str> = registry::all().map(|a| a.code).collect();
    for item in items {
        bands[item.reviewed.verdict.band] += 1;
        let mut seen: Vec<&str> = Vec::new();
        for f in &item.reviewed.findings {
            sev[f.severity as usize] += 1;
            let k = order
                .iter()
                .position(|c| *c == f.code)
                .unwrap_or(order.len());
            let e = codes.entry(k).or_insert((f.code, f.severity, 0, 0));
            e.2 += 1;
            if !seen.contains(&f.code) {
                seen.push(f.code);
                e.3 += 1;
            }
        }
    }
    let _ = write!(
        s,
        "<section id=\"overview\">\n<h2>{}</h2>\n<ul class=\"facts\">\n<li>{}: <b class=\"n-projects\">{}</b>\n<li>{}: {} {}, {} {}, {} {}\n<li>{}: ",
        w.overview,
        w.projects,
        items.len(),
        t(lang, "审核发现", "Findings"),
        Severity::Error.label(lang),
        sev[0],
        Severity::Warning.label(lang),
        sev[1],
        Severity::Info.label(lang),
        sev[2],
        t(lang, "审核规则", "Review rubric"),
    );
    esc(s, rubric.title(lang));
    let _ = write!(s, " (<code>");
    esc(s, &rubric.id);
    s.push_str("</code>)\n</ul>\n");
    let chart_title = t(lang, "审核结论", "Verdicts");
    let rows: Vec<(String, Vec<u64>)> = rubric
        .bands
        .iter()
        .zip(&bands)
        .map(|(b, n)| (b.word(lang).to_string(), vec![*n]))
        .collect();
    let _ = write!(
        s,
        "<div class=\"charts\">\n<figure><figcaption>{chart_title}</figcaption>\n{}\n</figure>\n</div>\n",
        charts::bars("verdicts", chart_title, &[w.projects], &rows)
    );
    // the bands as a table too
    let _ = writeln!(
        s,
        "<table class=\"bands\"><thead><tr><th>{}<th>{}<th>{}</tr></thead><tbody>",
        chart_title,
        t(lang, "最低得分", "Least points"),
        w.projects
    );
    for (b, n) in rubric.bands.iter().zip(&bands) {
        s.push_str("<tr><td>");
        esc(s, b.word(lang));
        let _ = writeln!(
            s,
            "<td class=\"n\">{}<td class=\"n\">{n}</tr>",
            fmt_value(b.min)
        );
    }
    s.push_str("</tbody></table>\n</section>\n");

    let _ = write!(
        s,
        "<section id=\"findings\">\n<h2>{}</h2>\n",
        t(lang, "审核发现（按代码）", "Findings by code")
    );
    if codes.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", t(lang, "没有审核发现。", "No findings."));
    } else {
        let _ = writeln!(
            s,
            "<table class=\"flags sortable\"><thead><tr><th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
            w.code,
            t(lang, "严重程度", "Severity"),
            w.count,
            w.projects,
            w.summary
        );
        for (code, sev, n, p) in codes.values() {
            let _ = write!(
                s,
                "<tr><td class=\"code\"><a href=\"#rule-{code}\"><code>{code}</code></a><td>"
            );
            severity_mark(s, *sev, lang);
            let summary = registry::about(code).map_or("", |a| a.summary.get(lang));
            let _ = write!(s, "<td class=\"n\">{n}<td class=\"n\">{p}<td>");
            esc(s, summary);
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</section>\n");

    // by unit: projects, verdicts, findings by severity
    let mut units: BTreeMap<&str, (u64, Vec<u64>, [u64; 3])> = BTreeMap::new();
    for item in items {
        let e = units
            .entry(unit(item))
            .or_insert_with(|| (0, vec![0; rubric.bands.len()], [0; 3]));
        e.0 += 1;
        e.1[item.reviewed.verdict.band] += 1;
        for f in &item.reviewed.findings {
            e.2[f.severity as usize] += 1;
        }
    }
    let _ = write!(
        s,
        "<section id=\"units\">\n<h2>{}</h2>\n<table class=\"units sortable\"><thead><tr><th>{}<th>{}",
        w.units, w.department, w.projects
    );
    for b in &rubric.bands {
        s.push_str("<th>");
        esc(s, b.word(lang));
    }
    for sev in SEVERITIES {
        let _ = write!(s, "<th>{}", sev.label(lang));
    }
    s.push_str("</tr></thead><tbody>\n");
    for (name, (n, bands, sev)) in &units {
        s.push_str("<tr><td>");
        esc(s, name);
        let _ = write!(s, "<td class=\"n\">{n}");
        for b in bands {
            let _ = write!(s, "<td class=\"n\">{b}");
        }
        for c in sev {
            let _ = write!(s, "<td class=\"n\">{c}");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n</section>\n");
}

/// Every project on a row, linked to its 审核意见.
fn list(s: &mut String, items: &[Item], rubric: &ReviewRubric, lang: Lang) {
    let w = words::of(lang);
    let _ = writeln!(
        s,
        "<section id=\"list\">\n<h2>{}</h2>\n<table class=\"list sortable\"><thead><tr><th>#<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
        t(lang, "各项目审核意见", "Each project"),
        w.id,
        w.name,
        w.department,
        t(lang, "审核得分", "Points"),
        t(lang, "审核结论", "Verdict"),
        Severity::Error.label(lang),
        Severity::Warning.label(lang),
        Severity::Info.label(lang),
    );
    for (k, item) in items.iter().enumerate() {
        let r = item.project.record;
        let v = &item.reviewed.verdict;
        let _ = write!(s, "<tr><td class=\"n\">{}<td>", k + 1);
        esc(s, &r.id);
        let _ = write!(s, "<td><a href=\"#p-{}\">", k + 1);
        esc(s, &r.name);
        s.push_str("</a><td>");
        esc(s, unit(item));
        let _ = write!(s, "<td class=\"n\">{}<td>", fmt_value(v.points));
        esc(s, rubric.bands[v.band].word(lang));
        for sev in SEVERITIES {
            let n = item
                .reviewed
                .findings
                .iter()
                .filter(|f| f.severity == sev)
                .count();
            let _ = write!(s, "<td class=\"n\">{n}");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n</section>\n");
}

/// Project number `seq`'s 审核意见.
fn project(s: &mut String, seq: usize, item: &Item, rubric: &ReviewRubric, lang: Lang) {
    let w = words::of(lang);
    let r = item.project.record;
    let v = &item.reviewed.verdict;
    let f = &item.reviewed.findings;
    let errors = item
        .reviewed
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let _ = write!(
        s,
        "<section class=\"project\" id=\"p-{seq}\" data-e=\"{errors}\">\n<h2><span class=\"pid\">"
    );
    esc(s, &r.id);
    s.push_str("</span> ");
    esc(s, &r.name);
    s.push_str("</h2>\n<p class=\"meta\">");
    let budget = r
        .budget
        .base()
        .map(|(_, b)| format!("{} {}", fmt_value(b), r.budget.unit.as_str()));
    let last = last_words(item, lang);
    let meta = [
        (w.department, r.department.as_deref()),
        (w.authority, r.authority.as_deref()),
        (w.budget, budget.as_deref()),
        (w.file, Some(item.project.file)),
        (t(lang, "上年", "Last year"), last.as_deref()),
    ];
    let mut first = true;
    for (k, val) in meta {
        let Some(val) = val else { continue };
        if !first {
            s.push_str(" · ");
        }
        first = false;
        let _ = write!(s, "{k}: ");
        esc(s, val);
    }
    let _ = write!(
        s,
        "</p>\n<p class=\"opinion\">{}: <span class=\"verdict\">",
        t(lang, "审核结论", "Verdict")
    );
    esc(s, rubric.bands[v.band].word(lang));
    let _ = writeln!(
        s,
        "</span> (<span class=\"points\">{}</span> {})</p>",
        fmt_value(v.points),
        t(lang, "分", "points"),
    );
    if v.deductions.is_empty() {
        let _ = writeln!(
            s,
            "<p class=\"deductions\">{}</p>",
            t(lang, "无扣分。", "No points off.")
        );
    } else {
        let _ = write!(
            s,
            "<p class=\"deductions\">{}:</p>\n<ul class=\"deductions\">\n",
            t(lang, "扣分", "Points off")
        );
        for (code, pts) in &v.deductions {
            let n = f.iter().filter(|x| x.code == *code).count();
            let _ = write!(
                s,
                "<li><a href=\"#rule-{code}\"><code>{code}</code></a> −{} ({}) ",
                fmt_value(*pts),
                match lang {
                    Lang::Zh => format!("{n} 条"),
                    Lang::En => crate::i18n::count(n as u64, "finding"),
                }
            );
            esc(s, registry::about(code).map_or("", |a| a.summary.get(lang)));
            s.push('\n');
        }
        s.push_str("</ul>\n");
    }

    let _ = writeln!(
        s,
        "<h3>{} ({})</h3>",
        t(lang, "审核发现", "Findings"),
        f.len()
    );
    if f.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", t(lang, "没有审核发现。", "No findings."));
    } else {
        let _ = writeln!(
            s,
            "<table class=\"flags findings\"><thead><tr><th>{}<th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>",
            t(lang, "位置", "Location"),
            t(lang, "严重程度", "Severity"),
            w.code,
            w.indicator,
            w.message,
            w.basis
        );
        for x in f {
            s.push_str("<tr><td class=\"code\">");
            esc(s, &x.at);
            s.push_str("<td>");
            severity_mark(s, x.severity, lang);
            let _ = write!(
                s,
                "<td class=\"code\"><a href=\"#rule-{c}\"><code>{c}</code></a><td>",
                c = x.code
            );
            if let Some(i) = x.indicator {
                esc(s, r.indicators[i].name.as_str());
            }
            s.push_str("<td>");
            esc(s, &finding_text(x, lang));
            s.push_str("<td class=\"basis\">");
            esc(
                s,
                registry::about(x.code).map_or("", |a| a.explain.basis(lang)),
            );
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table>\n");
    }

    let _ = write!(
        s,
        "<h3>{}</h3>\n<table class=\"card targets\"><thead><tr><th>#<th>{}<th>{}<th>{}<th>{}<th>{}<th>{}</tr></thead><tbody>\n",
        t(lang, "绩效指标（如填报）", "Indicators as written"),
        t(lang, "一级指标", "Level 1"),
        t(lang, "二级指标", "Level 2"),
        t(lang, "三级指标", "Indicator"),
        t(lang, "指标值", "Target"),
        t(lang, "权重", "Weight"),
        t(lang, "审核发现", "Findings")
    );
    for (i, ind) in r.indicators.iter().enumerate() {
        let mut codes: Vec<&str> = Vec::new();
        for x in f.iter().filter(|x| x.indicator == Some(i)) {
            if !codes.contains(&x.code) {
                codes.push(x.code);
            }
        }
        let (l1, l2) = labels::levels(ind, lang);
        if codes.is_empty() {
            s.push_str("<tr>");
        } else {
            s.push_str("<tr class=\"marked\">");
        }
        let _ = write!(s, "<td class=\"n\">{}<td>{l1}<td>{l2}<td>", i + 1);
        esc(s, ind.name.as_str());
        s.push_str("<td>");
        esc(s, ind.target_text.as_str());
        s.push_str("<td class=\"n\">");
        if let Some(wt) = ind.weight {
            s.push_str(&fmt_value(wt));
        }
        s.push_str("<td class=\"code\">");
        if !codes.is_empty() {
            s.push_str("&#9873; ");
        }
        for (k, c) in codes.iter().enumerate() {
            if k > 0 {
                s.push(' ');
            }
            let _ = write!(s, "<a href=\"#rule-{c}\"><code>{c}</code></a>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table>\n</section>\n");
}
