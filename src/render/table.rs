//! Plain-text tables a person reads: the scorecard (`score`) and the re-check (`check`).

use std::fmt::Write;

use crate::flags::{Flag, Severity};
use crate::i18n::Lang;
use crate::model::{Figures, Notes};
use crate::num::{fmt_value, fmt2};
use crate::report::Report;
use crate::report::labels;

/// Columns a terminal gives a character: 2 for CJK and full-width, 1 otherwise.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

/// Lays out rows in columns separated by two spaces; the last column is not padded.
fn columns(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; n];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    let mut out = String::new();
    for r in rows {
        let last = r.len().saturating_sub(1);
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.clone()
                } else {
                    pad(c, widths[i])
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

struct Labels {
    project: &'static str,
    rubric: &'static str,
    head: [&'static str; 9],
    total: &'static str,
    grade: &'static str,
    claimed: &'static str,
    recomputed: &'static str,
    difference: &'static str,
    flags: &'static str,
    no_flags: &'static str,
    not_claimed: &'static str,
    authority: &'static str,
    deviation: &'static str,
    filled_by: &'static str,
    /// The heading of the rows' words, then 年初目标值, 实际完成值 and the words of [`Notes`].
    words: &'static str,
    row_words: [&'static str; 6],
}

const ZH: Labels = Labels {
    project: "项目",
    rubric: "评分规则",
    head: [
        "一级指标",
        "二级指标",
        "三级指标",
        "目标",
        "实际",
        "分值",
        "得分",
        "状态",
        "计分说明",
    ],
    total: "总分",
    grade: "等级",
    claimed: "自评",
    recomputed: "复核",
    difference: "差额",
    flags: "标记",
    no_flags: "无标记",
    not_claimed: "未填",
    authority: "主管部门",
    deviation: "偏差原因分析及改进措施",
    filled_by: "填报单位",
    words: "各行说明",
    row_words: [
        "年初目标值",
        "实际完成值",
        Notes::ZH[0],
        Notes::ZH[1],
        Notes::ZH[2],
        Notes::ZH[3],
    ],
};

const EN: Labels = Labels {
    project: "Project",
    rubric: "Rubric",
    head: [
        "Level 1",
        "Level 2",
        "Indicator",
        "Target",
        "Actual",
        "Max",
        "Score",
        "Status",
        "Reason",
    ],
    total: "Total",
    grade: "Grade",
    claimed: "Claimed",
    recomputed: "Recomputed",
    difference: "Difference",
    flags: "Flags",
    no_flags: "no flags",
    not_claimed: "not given",
    authority: "supervising department",
    deviation: "reasons for deviations and improvements",
    filled_by: "Filled in by",
    words: "The rows' words",
    row_words: [
        "target",
        "actual",
        "explanation",
        "scoring criteria",
        "formula and data source",
        "analysis and advice",
    ],
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn header(out: &mut String, r: &Report, lang: Lang) {
    let l = labels(lang);
    let rec = &r.record;
    // a form gives no id: the name is shown once
    if rec.id == rec.name {
        let _ = write!(out, "{}: {}", l.project, rec.name);
    } else {
        let _ = write!(out, "{}: {} {}", l.project, rec.id, rec.name);
    }
    match (&rec.department, &rec.authority) {
        (Some(d), Some(a)) => {
            let _ = write!(out, " ({d}; {}: {a})", l.authority);
        }
        (Some(d), None) => {
            let _ = write!(out, " ({d})");
        }
        (None, Some(a)) => {
            let _ = write!(out, " ({}: {a})", l.authority);
        }
        (None, None) => {}
    }
    out.push('\n');
    if let Some(f) = &rec.filled_by {
        let _ = writeln!(out, "{}: {f}", l.filled_by);
    }
    let _ = writeln!(out, "{}: {}", l.rubric, r.rubric);
}

/// 偏差原因分析及改进措施 as the unit wrote them, one line per row that has one: the rows of
/// measures (the department form's), then the indicators.
fn deviations(out: &mut String, r: &Report, lang: Lang) {
    let rec = &r.record;
    let items = rec
        .item_notes
        .iter()
        .filter_map(|n| n.deviation.as_deref().map(|d| (n.item.as_str(), d)));
    let indicators = rec
        .indicators
        .iter()
        .filter_map(|i| i.deviation.as_deref().map(|d| (&*i.name, d)));
    let given: Vec<_> = items.chain(indicators).collect();
    if given.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}:", labels(lang).deviation);
    for (name, d) in given {
        let _ = writeln!(out, "  {name}: {d}");
    }
}

/// The values of [`Notes::fields`].
fn given(n: &Notes) -> [Option<&str>; 4] {
    n.fields().map(|(_, v)| v)
}

/// The department form's words, row by row (the rows of measures, then the indicators), each
/// row's given words on a line of their own; nothing when no row has any.
fn words(out: &mut String, r: &Report, lang: Lang) {
    let l = labels(lang);
    let rec = &r.record;
    let items = rec.item_notes.iter().map(|n| {
        let [a, b, c, d] = given(&n.notes);
        (
            n.item.as_str(),
            [n.target.as_deref(), n.actual.as_deref(), a, b, c, d],
        )
    });
    let indicators = rec.indicators.iter().filter_map(|i| {
        let [a, b, c, d] = given(i.notes.as_deref()?);
        Some((&*i.name, [None, None, a, b, c, d]))
    });
    let mut rows = items
        .chain(indicators)
        .filter(|(_, v)| v.iter().any(Option::is_some))
        .peekable();
    if rows.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "{}:", l.words);
    for (name, given) in rows {
        let _ = writeln!(out, "  {name}");
        for (label, v) in l.row_words.iter().zip(given) {
            if let Some(v) = v {
                let _ = writeln!(out, "    {label}: {v}");
            }
        }
    }
}

fn grade(r: &Report, lang: Lang) -> &str {
    labels::grade(&r.card, lang)
}

/// The items of a rubric of items: path, item, points, score, claimed, reason.
fn items(r: &Report, lang: Lang) -> String {
    let head: [&str; 6] = match lang {
        Lang::Zh => ["评分项", "计量", "分值", "得分", "自评", "计分说明"],
        Lang::En => ["Item", "Measure", "Max", "Score", "Claimed", "Reason"],
    };
    let mut rows = vec![head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for it in &r.card.items {
        let (path, shown) = match lang {
            Lang::Zh => (&it.path, &it.name),
            Lang::En => (&it.path_en, &it.name_en),
        };
        let mut name = path.join(" / ");
        if !name.is_empty() {
            name.push_str(" / ");
        }
        name.push_str(shown);
        let claimed = it
            .path
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(&*it.name))
            .chain(it.input.as_deref())
            .find_map(|n| r.record.claimed.items.get(n))
            .map(|d| fmt_value(*d))
            .unwrap_or_default();
        rows.push(vec![
            name,
            it.value_text().unwrap_or_default(),
            fmt2(it.max),
            fmt2(it.score),
            claimed,
            it.reason(lang),
        ]);
    }
    columns(&rows)
}

/// The three figures of a row of 项目资金, those given.
fn figures(f: &Figures, unit: &str, lang: Lang) -> String {
    let names = match lang {
        Lang::Zh => Figures::ZH,
        Lang::En => ["initial", "annual", "executed"],
    };
    let parts: Vec<String> = [f.initial, f.annual, f.executed]
        .iter()
        .zip(names)
        .filter_map(|(v, n)| v.map(|v| format!("{n} {}{unit}", fmt_value(v))))
        .collect();
    parts.join("  ")
}

/// 项目资金: the figures given, which one the execution rate is measured against, and the split
/// by source of funds. Nothing when the record gives no budget.
fn budget(out: &mut String, r: &Report, lang: Lang) {
    let b = &r.record.budget;
    let u = b.unit.as_str();
    let totals = b.totals();
    if totals.is_empty() && b.sources.is_empty() {
        return;
    }
    let head = match lang {
        Lang::Zh => "项目资金",
        Lang::En => "Budget",
    };
    let _ = write!(out, "{head}: {}", figures(&totals, u, lang));
    if let Some((basis, _)) = b.base() {
        let _ = match lang {
            Lang::Zh => write!(out, "（执行率 = 全年执行数 / {}）", basis.zh()),
            Lang::En => write!(out, " (rate = executed / {})", basis.key()),
        };
    }
    out.push('\n');
    for (src, f) in &b.sources {
        let name = match lang {
            Lang::Zh => src.zh(),
            Lang::En => src.key(),
        };
        let lead = match lang {
            Lang::Zh => "  其中：",
            Lang::En => "  of which ",
        };
        let _ = writeln!(out, "{lead}{name}: {}", figures(f, u, lang));
    }
}

/// The scorecard: every indicator with its reason, execution, total, grade, then the flags.
pub fn scorecard(r: &Report, lang: Lang) -> String {
    let l = labels(lang);
    let mut out = String::new();
    header(&mut out, r, lang);
    budget(&mut out, r, lang);
    out.push('\n');
    let mut rows = vec![l.head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for line in &r.card.lines {
        let ind = &r.record.indicators[line.index];
        let (l1, l2) = labels::levels(ind, lang);
        rows.push(vec![
            l1.to_string(),
            l2.to_string(),
            ind.name.to_string(),
            ind.target_text.to_string(),
            ind.actual_text.as_deref().unwrap_or("—").to_string(),
            fmt2(line.max),
            fmt2(line.score),
            labels::status(line.status, lang).to_string(),
            line.reason.render(ind, lang),
        ]);
    }
    // the items first (the scoring table's own lines, budget execution among them), then the
    // indicators the `sum` items add up
    out.push_str(&items(r, lang));
    out.push('\n');
    if rows.len() > 1 {
        out.push_str(&columns(&rows));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}: {}  {}: {}",
        l.total,
        fmt2(r.card.total),
        l.grade,
        grade(r, lang)
    );
    claimed_line(&mut out, r, lang);
    deviations(&mut out, r, lang);
    words(&mut out, r, lang);
    out.push('\n');
    flags(&mut out, &r.flags, lang);
    out
}

fn claimed_line(out: &mut String, r: &Report, lang: Lang) {
    let l = labels(lang);
    let c = &r.record.claimed;
    if c.total.is_none() && c.grade.is_none() {
        return;
    }
    let total = c.total.map_or_else(|| l.not_claimed.to_string(), fmt_value);
    let g = crate::report::labels::claimed_grade(r, lang).unwrap_or(l.not_claimed);
    let _ = write!(out, "{}: {}: {total}  {}: {g}", l.claimed, l.total, l.grade);
    if let Some(d) = r.difference() {
        let sign = if d > rust_decimal::Decimal::ZERO {
            "+"
        } else {
            ""
        };
        let _ = write!(out, "  {}: {sign}{}", l.difference, fmt2(d));
    }
    out.push('\n');
}

/// The flags grouped by severity, each with its indicator and figures.
pub fn flags(out: &mut String, flags: &[Flag], lang: Lang) {
    let l = labels(lang);
    if flags.is_empty() {
        let _ = writeln!(out, "{}: {}", l.flags, l.no_flags);
        return;
    }
    let _ = writeln!(out, "{}:", l.flags);
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<&Flag> = flags.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  {} ({})", sev.label(lang), group.len());
        for f in group {
            let _ = write!(out, "    {}", f.code);
            if let Some(i) = f.indicator() {
                let _ = write!(out, " [{i}]");
            }
            let _ = writeln!(out, ": {}", f.message(lang));
        }
    }
}

/// The re-check view: claimed against recomputed, then the flags.
pub fn recheck(r: &Report, lang: Lang) -> String {
    let l = labels(lang);
    let mut out = String::new();
    header(&mut out, r, lang);
    let c = &r.record.claimed;
    let ct = c.total.map_or_else(|| l.not_claimed.to_string(), fmt_value);
    let cg = crate::report::labels::claimed_grade(r, lang)
        .unwrap_or(l.not_claimed)
        .to_string();
    let diff = r
        .difference()
        .map(|d| {
            format!(
                "{}{}",
                if d > rust_decimal::Decimal::ZERO {
                    "+"
                } else {
                    ""
                },
                fmt2(d)
            )
        })
        .unwrap_or_else(|| "—".into());
    let rows = vec![
        vec![String::new(), l.total.to_string(), l.grade.to_string()],
        vec![l.claimed.to_string(), ct, cg],
        vec![
            l.recomputed.to_string(),
            fmt2(r.card.total),
            grade(r, lang).to_string(),
        ],
        vec![l.difference.to_string(), diff, String::new()],
    ];
    out.push_str(&columns(&rows));
    flags(&mut out, &r.flags, lang);
    out
}

/// A rubric as the table a person would print on paper: item, points, rule in words.
pub fn rubric(r: &crate::rubric::Rubric, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", r.title(lang), r.id);
    if let Some(s) = &r.source {
        let _ = writeln!(out, "{}: {s}", if zh { "依据" } else { "Source" });
    }
    out.push('\n');
    let head = if zh {
        ["评分项", "分值", "计分规则"]
    } else {
        ["Item", "Points", "Rule"]
    };
    let mut rows = vec![head.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    fn walk(items: &[crate::rubric::Item], depth: usize, lang: Lang, rows: &mut Vec<Vec<String>>) {
        for it in items {
            let mut rule = it.rule.as_ref().map_or(String::new(), |rl| {
                rl.describe(it.input.as_deref().unwrap_or(""), lang)
            });
            if !it.if_empty.is_empty() {
                let to: Vec<String> = it
                    .if_empty
                    .iter()
                    .map(|m| format!("{} {}", m.to, m.points.normalize()))
                    .collect();
                rule.push_str(&match lang {
                    Lang::Zh => format!("；没有指标时分值移入 {}", to.join("、")),
                    Lang::En => format!("; with no indicator, its points go to {}", to.join(", ")),
                });
            }
            // in English, the English name with the item's own (what a claim names it by)
            let name = match (lang, &it.en) {
                (Lang::En, Some(en)) => format!("{en} ({})", it.name),
                _ => it.name.clone(),
            };
            rows.push(vec![
                format!("{}{name}", "  ".repeat(depth)),
                it.points.normalize().to_string(),
                rule,
            ]);
            walk(&it.items, depth + 1, lang, rows);
        }
    }
    walk(&r.items, 0, lang, &mut rows);
    rows.push(vec![
        if zh { "合计" } else { "Total" }.to_string(),
        r.total.normalize().to_string(),
        String::new(),
    ]);
    out.push_str(&columns(&rows));
    out.push('\n');
    // where each item comes from, as the rubric cites it
    fn sources<'a>(items: &'a [crate::rubric::Item], out: &mut Vec<(&'a str, &'a str)>) {
        for it in items {
            if let Some(s) = &it.source {
                out.push((&it.name, s));
            }
            sources(&it.items, out);
        }
    }
    if !r.lines.is_empty() {
        let _ = writeln!(
            out,
            "{}:",
            if zh {
                "定量指标计分"
            } else {
                "Scoring of quantitative lines"
            }
        );
        for l in &r.lines {
            let _ = writeln!(out, "  {}: {}", l.name, l.describe(lang));
        }
        let _ = writeln!(
            out,
            "  {}",
            if zh {
                "（按顺序取第一条适用的；时效时长未达标、期限逾期计 0；定性指标按定性档次）"
            } else {
                "(the first that applies; a late duration or deadline scores 0; qualitative lines by the tiers)"
            }
        );
        out.push('\n');
    }
    let mut cited = Vec::new();
    sources(&r.items, &mut cited);
    cited.extend(
        r.lines
            .iter()
            .filter_map(|l| Some((l.name.as_str(), l.source.as_deref()?))),
    );
    if !cited.is_empty() {
        let _ = writeln!(
            out,
            "{}:",
            if zh {
                "各项依据"
            } else {
                "Basis of each item"
            }
        );
        for (name, s) in cited {
            let _ = writeln!(out, "  {name}: {s}");
        }
        out.push('\n');
    }
    let tiers: Vec<String> = r
        .qualitative
        .iter()
        .map(|t| format!("{} {} → {}%", t.name, t.range, t.default.normalize()))
        .collect();
    let _ = writeln!(
        out,
        "{}: {}",
        if zh {
            "定性档次"
        } else {
            "Qualitative tiers"
        },
        tiers.join("; ")
    );
    let grades: Vec<String> = r
        .grades
        .iter()
        .map(|g| format!("{} ≥ {}", g.grade, g.min.normalize()))
        .collect();
    let _ = writeln!(
        out,
        "{}: {}",
        if zh { "等级" } else { "Grades" },
        grades.join("; ")
    );
    if let Some(a) = &r.application {
        let _ = writeln!(out, "{}:", if zh { "结果应用" } else { "Use of results" });
        for c in &a.grades {
            let change = match c.change {
                Some(v) if zh => format!("（预算增减 {}%）", v.normalize()),
                Some(v) => format!(" (budget change {}%)", v.normalize()),
                None => String::new(),
            };
            let _ = writeln!(out, "  {}: {}{change}", c.grade, c.text(lang));
        }
        let bases: Vec<&str> = a.grades.iter().map(|c| a.basis(c, lang)).collect();
        if let Some(first) = bases.first().filter(|b| bases.iter().all(|x| x == *b)) {
            let _ = writeln!(out, "  {}: {first}", if zh { "依据" } else { "Basis" });
        } else {
            for (c, b) in a.grades.iter().zip(bases) {
                let _ = writeln!(
                    out,
                    "  {} {}: {b}",
                    c.grade,
                    if zh { "依据" } else { "basis" }
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_cjk_double() {
        assert_eq!(width("ab"), 2);
        assert_eq!(width("指标"), 4);
        assert_eq!(width("≥90%"), 4);
        assert_eq!(pad("指标", 6), "指标  ");
    }
}
