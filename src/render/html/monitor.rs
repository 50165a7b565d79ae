//! `jixiao monitor`'s monitoring table as one self-contained page in the report's style: the
//! tally and the projects to send a 提示函 to by unit, then each project's spending, checkpoint,
//! forecast, its table in the layout of 财预〔2019〕136号's (年度指标值 | 1–N月执行情况 |
//! 全年预计完成情况 | 偏差原因 | 完成可能性 | 纠偏措施) and its findings linked to their docs.
//! Every text from the forms is escaped.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::escape::push as esc;
use super::{head, rule_doc, tail, words};
use crate::flags::Severity;
use crate::i18n::Lang;
use crate::monitor::{Day, Monitored, Policy, registry};
use crate::render::monitor::{
    checkpoint_line, forecast_line, headings, notice_entry, notices, row, spending_line,
};

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The page of `items` monitored at `as_of` under `policy`; `inputs` the files as given.
pub fn page(
    items: &[Monitored],
    policy: &Policy,
    as_of: Day,
    inputs: &[String],
    lang: Lang,
) -> String {
    let w = words::of(lang);
    let title = t(lang, "绩效运行监控表", "Performance monitoring");
    let mut s = String::with_capacity(1 << 14);
    head(&mut s, w.lang, title, w.inputs, inputs);
    s.push_str(" · ");
    esc(&mut s, policy.label(lang));
    let _ = write!(
        s,
        " · {} {as_of}（{} {}）</p>\n</header>\n<main>\n",
        t(lang, "截至", "to"),
        t(lang, "序时进度", "year elapsed"),
        crate::monitor::pct(as_of.elapsed())
    );
    // the tally and the notices
    let count = |sev| items.iter().map(|m| m.count(sev)).sum::<usize>();
    let _ = write!(
        s,
        "<section id=\"overview\">\n<h2>{}</h2>\n<p>{} {}; {} {}, {} {}, {} {}</p>\n",
        t(lang, "概况", "Overview"),
        items.len(),
        t(lang, "个项目", "projects"),
        Severity::Error.label(lang),
        count(Severity::Error),
        Severity::Warning.label(lang),
        count(Severity::Warning),
        Severity::Info.label(lang),
        count(Severity::Info)
    );
    let by = notices(items, lang);
    let _ = writeln!(
        s,
        "<h3>{}</h3>",
        t(
            lang,
            "应发提示函的项目（按单位）",
            "Projects to send a reminder (提示函) to, by unit"
        )
    );
    if by.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", t(lang, "无", "None"));
    } else {
        s.push_str("<ul>\n");
        for (unit, ms) in &by {
            s.push_str("<li>");
            esc(&mut s, unit);
            s.push_str("<ul>");
            for m in ms {
                s.push_str("<li>");
                esc(&mut s, &notice_entry(m, lang));
                s.push_str("</li>");
            }
            s.push_str("</ul></li>\n");
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
    // each project
    let mut codes = BTreeSet::new();
    for m in items {
        let p = m.project;
        s.push_str("<section class=\"project\">\n<h2>");
        esc(&mut s, &format!("【{}】{}", p.id, p.name));
        if let Some(d) = &p.department {
            s.push_str(" — ");
            esc(&mut s, d);
        }
        s.push_str("</h2>\n");
        let mut lines = vec![spending_line(m, as_of, lang)];
        lines.extend(checkpoint_line(m, lang));
        lines.extend(forecast_line(m, lang));
        for l in lines {
            s.push_str("<p>");
            esc(&mut s, &l);
            s.push_str("</p>\n");
        }
        if !p.lines.is_empty() {
            s.push_str("<table>\n<thead><tr>");
            for h in headings(as_of, lang) {
                s.push_str("<th>");
                esc(&mut s, &h);
                s.push_str("</th>");
            }
            s.push_str("</tr></thead>\n<tbody>\n");
            for line in &p.lines {
                s.push_str("<tr>");
                for c in row(line, lang) {
                    s.push_str("<td>");
                    esc(&mut s, &c);
                    s.push_str("</td>");
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</tbody></table>\n");
        }
        if !m.findings.is_empty() {
            s.push_str("<ul class=\"findings\">\n");
            for f in &m.findings {
                codes.insert(f.code);
                let _ = write!(
                    s,
                    "<li><span class=\"sev sev-{}\">{}</span> <a href=\"#rule-{}\"><code>{}</code></a> <code>",
                    f.severity.key(),
                    f.severity.label(lang),
                    f.code,
                    f.code
                );
                esc(&mut s, &f.at);
                s.push_str("</code> ");
                esc(&mut s, f.message.get(lang));
                s.push_str("</li>\n");
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</section>\n");
    }
    // the docs of the codes found
    if !codes.is_empty() {
        let _ = write!(
            s,
            "<section id=\"explanations\">\n<h2>{}</h2>\n",
            t(lang, "规则说明", "The rules")
        );
        for r in registry::RULES.iter().filter(|r| codes.contains(r.code)) {
            rule_doc(&mut s, r.code, r.severity, r.summary, r.explain, w, lang);
        }
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n");
    tail(&mut s);
    s
}
