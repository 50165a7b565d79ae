//! `jixiao review`'s output: the linter view (one line per finding, grouped by project, a verdict
//! per project, a tally at the end) and JSON (one object per project, on one line); and the
//! words the workbook ([`super::xlsx::review`]) and the page ([`super::html::review`]) share
//! with them (the points taken off, a finding with its figures, last year's match).

use std::fmt::Write;

use super::json::Obj;
use crate::flags::Severity;
use crate::i18n::Lang;
use crate::num::fmt_value;
use crate::review::{Finding, Match, Project, ReviewRubric, Reviewed, Verdict, registry};

/// The points a verdict takes off, in words: `target-without-number 扣 16 分（summary）；…`, or
/// that none are.
pub fn deduction_words(v: &Verdict, lang: Lang) -> String {
    if v.deductions.is_empty() {
        return match lang {
            Lang::Zh => "无扣分".to_string(),
            Lang::En => "none".to_string(),
        };
    }
    let parts: Vec<String> = v
        .deductions
        .iter()
        .map(|(c, p)| {
            let summary = registry::about(c).map_or("", |a| a.summary.get(lang));
            match lang {
                Lang::Zh => format!("{c} 扣 {} 分（{summary}）", fmt_value(*p)),
                Lang::En => format!("{c} {} off ({summary})", counted_points(*p)),
            }
        })
        .collect();
    parts.join(match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    })
}

fn counted_points(p: rust_decimal::Decimal) -> String {
    if p == rust_decimal::Decimal::ONE {
        "1 point".to_string()
    } else {
        format!("{} points", fmt_value(p))
    }
}

/// A finding's message with its figures after it: `… [weight=30, total=110]`.
pub fn finding_text(f: &Finding, lang: Lang) -> String {
    let m = f.message.get(lang);
    if f.figures.is_empty() {
        return m.to_string();
    }
    let figs: Vec<String> = f.figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{m} [{}]", figs.join(", "))
}

/// One project reviewed, with last year's match when a baseline was given.
pub struct Item<'a> {
    pub project: &'a Project<'a>,
    pub reviewed: Reviewed,
    pub last: Option<&'a Match<'a>>,
    /// Whether a baseline was given (so that "no match" is said).
    pub baseline: bool,
}

fn title(p: &Project) -> String {
    let r = p.record;
    let mut s = if r.id != r.name && !r.id.is_empty() {
        format!("{}-{}", r.id, r.name)
    } else {
        r.name.clone()
    };
    if let Some(d) = &r.department {
        s.push_str(&format!(" · {d}"));
    }
    s
}

fn budget(p: &Project, lang: Lang) -> String {
    let b = &p.record.budget;
    match b.base() {
        Some((_, v)) => match lang {
            Lang::Zh => format!("预算 {}{}", fmt_value(v), b.unit.as_str()),
            Lang::En => format!("budget {} {}", fmt_value(v), b.unit.as_str()),
        },
        None => String::new(),
    }
}

fn finding_line(out: &mut String, f: &Finding, lang: Lang) {
    let _ = writeln!(
        out,
        "  {}: {} [{}] {}",
        f.at,
        f.severity.label(lang),
        f.code,
        f.message.get(lang)
    );
}

/// What last year's table says of the project: its match (`2023.xlsx 的“…”（按编码），5 个指标对应`)
/// or that none was found; none when no baseline was given.
pub fn last_words(item: &Item, lang: Lang) -> Option<String> {
    if !item.baseline {
        return None;
    }
    Some(match (item.last, lang) {
        (Some(m), Lang::Zh) => format!(
            "{} 的“{}”（{}），{} 个指标对应",
            m.file,
            m.last.name,
            m.how.text().zh,
            m.pairs.len()
        ),
        (Some(m), Lang::En) => format!(
            "“{}” of {} ({}), {} indicators matched",
            m.last.name,
            m.file,
            m.how.text().en,
            m.pairs.len()
        ),
        (None, Lang::Zh) => "没有对应的项目".to_string(),
        (None, Lang::En) => "no matching project".to_string(),
    })
}

fn last_line(out: &mut String, item: &Item, lang: Lang) {
    if let Some(w) = last_words(item, lang) {
        let _ = match lang {
            Lang::Zh => writeln!(out, "  上年：{w}"),
            Lang::En => writeln!(out, "  last year: {w}"),
        };
    }
}

fn deductions(item: &Item, lang: Lang) -> String {
    let d = &item.reviewed.verdict.deductions;
    if d.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = d
        .iter()
        .map(|(c, p)| format!("{c} {}", fmt_value(*p)))
        .collect();
    match lang {
        Lang::Zh => format!("；扣分：{}", parts.join("、")),
        Lang::En => format!("; off: {}", parts.join(", ")),
    }
}

/// The linter view of every project, then the tally.
pub fn table(items: &[Item], rubric: &ReviewRubric, lang: Lang) -> String {
    let mut out = String::new();
    let mut bands = vec![0usize; rubric.bands.len()];
    let mut sev = [0usize; 3];
    for item in items {
        let b = budget(item.project, lang);
        let _ = if b.is_empty() {
            writeln!(out, "{}", title(item.project))
        } else {
            writeln!(out, "{}  {b}", title(item.project))
        };
        last_line(&mut out, item, lang);
        for f in &item.reviewed.findings {
            finding_line(&mut out, f, lang);
            sev[f.severity as usize] += 1;
        }
        let v = &item.reviewed.verdict;
        bands[v.band] += 1;
        let word = rubric.bands[v.band].word(lang);
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "  审核结论：{word}（{} 分）{}\n",
                fmt_value(v.points),
                deductions(item, lang)
            ),
            Lang::En => writeln!(
                out,
                "  verdict: {word} ({} points){}\n",
                fmt_value(v.points),
                deductions(item, lang)
            ),
        };
    }
    let band_list: Vec<String> = rubric
        .bands
        .iter()
        .zip(&bands)
        .map(|(b, n)| format!("{} {n}", b.word(lang)))
        .collect();
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "共 {} 个项目：{}；错误 {} 条、警告 {} 条、提示 {} 条（审核规则 {}）",
            items.len(),
            band_list.join("、"),
            sev[Severity::Error as usize],
            sev[Severity::Warning as usize],
            sev[Severity::Info as usize],
            rubric.id
        ),
        Lang::En => writeln!(
            out,
            "{}: {}; {}, {}, {} info (review rubric {})",
            counted(items.len(), "project"),
            band_list.join(", "),
            counted(sev[Severity::Error as usize], "error"),
            counted(sev[Severity::Warning as usize], "warning"),
            sev[Severity::Info as usize],
            rubric.id
        ),
    };
    out
}

/// `1 project`, `2 projects`.
fn counted(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// One JSON object per project, one a line.
pub fn json(items: &[Item], rubric: &ReviewRubric, lang: Lang) -> String {
    let mut out = String::new();
    for item in items {
        let p = item.project;
        let r = p.record;
        let mut o = Obj::open(&mut out);
        o.str("file", p.file);
        o.str("id", &r.id);
        o.str("name", &r.name);
        o.opt_str("department", r.department.as_deref());
        o.opt_num("budget", r.budget.base().map(|(_, v)| fmt_value(v)));
        o.str("money_unit", r.budget.unit.as_str());
        let v = &item.reviewed.verdict;
        o.num("points", &fmt_value(v.points));
        o.str("verdict", rubric.bands[v.band].word(lang));
        {
            let d = o.key("deductions");
            let mut g = Obj::open(d);
            for (code, pts) in &v.deductions {
                g.num(code, &fmt_value(*pts));
            }
            g.close();
        }
        if item.baseline {
            let b = o.key("baseline");
            match item.last {
                None => b.push_str("null"),
                Some(m) => {
                    let mut g = Obj::open(b);
                    g.str("file", m.file);
                    g.str("name", &m.last.name);
                    g.str("matched", &m.how.key());
                    let pairs = g.key("indicators");
                    pairs.push('[');
                    for (k, (i, l, how)) in m.pairs.iter().enumerate() {
                        if k > 0 {
                            pairs.push(',');
                        }
                        let mut x = Obj::open(pairs);
                        x.str("indicator", &r.indicators[*i].name);
                        x.str("last", &m.last.indicators[*l].name);
                        x.str("matched", &how.key());
                        x.close();
                    }
                    pairs.push(']');
                    g.close();
                }
            }
        }
        let fs = o.key("findings");
        fs.push('[');
        for (k, f) in item.reviewed.findings.iter().enumerate() {
            if k > 0 {
                fs.push(',');
            }
            let mut x = Obj::open(fs);
            x.str("code", f.code);
            x.str("severity", f.severity.key());
            x.opt_str(
                "indicator",
                f.indicator.map(|i| r.indicators[i].name.as_str()),
            );
            x.str("at", &f.at);
            x.str("message", f.message.get(lang));
            {
                let figs = x.key("figures");
                let mut g = Obj::open(figs);
                for (k, v) in &f.figures {
                    g.str(k, v);
                }
                g.close();
            }
            x.close();
        }
        fs.push(']');
        o.close();
        out.push('\n');
    }
    out
}

/// What is said when a baseline matches no project.
pub fn baseline_unmatched(files: &[String], projects: usize, lang: Lang) -> String {
    let files = files.join(", ");
    match lang {
        Lang::Zh => format!(
            "{files}：上年表中的 {projects} 个项目与本次审核的项目都对应不上（按编码、名称、相近名称和共同指标），上年比较未做"
        ),
        Lang::En => format!(
            "{files}: none of its {projects} projects matches a project under review (by code, name, similar name or indicators): no comparison with last year was made"
        ),
    }
}
