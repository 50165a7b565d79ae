//! The monitoring table (绩效运行监控表) in the layout of 财预〔2019〕136号's table — 年度指标值 |
//! 1–N月执行情况 | 全年预计完成情况 | 偏差原因 | 完成可能性 | 纠偏措施 — per project with its
//! spending and findings, then a tally and the projects to send a 提示函 to, by unit. As a
//! terminal view and as JSON.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::monitor::{Day, Line, Monitored, Policy, amount, pct};

/// A figure of the form as given (`2`, `2.4`, `1400`), without trailing zeros.
fn opt(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// The heading of the progress column: `1–8月执行情况`.
pub fn progress_heading(as_of: Day, lang: Lang) -> String {
    let n = as_of.months_done();
    match (lang, n) {
        (Lang::Zh, 0) => format!("截至{}执行情况", as_of),
        (Lang::Zh, 1) => "1月执行情况".to_string(),
        (Lang::Zh, n) => format!("1–{n}月执行情况"),
        (Lang::En, 0) => format!("done to {as_of}"),
        (Lang::En, 1) => "done in January".to_string(),
        (Lang::En, n) => format!("done in months 1–{n}"),
    }
}

/// The columns of the monitoring table.
pub fn headings(as_of: Day, lang: Lang) -> [String; 7] {
    let t = |zh: &str, en: &str| Text::new(zh, en).get(lang).to_string();
    [
        t("三级指标", "indicator"),
        t("年度指标值", "annual target"),
        progress_heading(as_of, lang),
        t("全年预计完成情况", "expected for the year"),
        t("偏差原因", "cause of deviation"),
        t("完成可能性", "likelihood"),
        t("纠偏措施", "correction"),
    ]
}

/// One indicator's row of the table.
pub fn row(line: &Line, lang: Lang) -> [String; 7] {
    [
        line.name.clone(),
        line.target_text.clone(),
        opt(line.progress),
        opt(line.forecast),
        line.cause
            .map(|c| c.word(lang))
            .unwrap_or_default()
            .to_string(),
        line.likelihood
            .map(|c| c.word(lang))
            .unwrap_or_default()
            .to_string(),
        line.correction.clone().unwrap_or_default(),
    ]
}

fn unit_of<'a>(m: &'a Monitored, lang: Lang) -> &'a str {
    let none = match lang {
        Lang::Zh => "（未填单位）",
        Lang::En => "(no unit)",
    };
    m.project.department.as_deref().unwrap_or(none)
}

/// The projects to send a 提示函 to, by unit (units in name order, projects in input order).
pub fn notices<'a>(
    items: &'a [Monitored<'a>],
    lang: Lang,
) -> BTreeMap<&'a str, Vec<&'a Monitored<'a>>> {
    let mut by: BTreeMap<&str, Vec<&Monitored>> = BTreeMap::new();
    for m in items.iter().filter(|m| m.needs_notice()) {
        by.entry(unit_of(m, lang)).or_default().push(m);
    }
    by
}

pub fn spending_line(m: &Monitored, as_of: Day, lang: Lang) -> String {
    let p = m.project;
    let u = &p.money_unit;
    let rate = m.pace.rate.map(pct).unwrap_or_else(|| "—".into());
    Text::new(
        format!(
            "预算 {} {u}，截至 {as_of} 执行 {} {u}，执行率 {rate}（序时进度 {}）",
            amount(p.budget),
            amount(p.executed),
            pct(m.pace.elapsed)
        ),
        format!(
            "budget {} {u}, executed to {as_of} {} {u}, rate {rate} ({} of the year gone)",
            amount(p.budget),
            amount(p.executed),
            pct(m.pace.elapsed)
        ),
    )
    .get(lang)
    .to_string()
}

pub fn checkpoint_line(m: &Monitored, lang: Lang) -> Option<String> {
    let (c, tier) = m.checkpoint?;
    let tier = match tier {
        Some(t) => t.word(lang).to_string(),
        None => Text::new("达标", "met").get(lang).to_string(),
    };
    Some(
        Text::new(
            format!("检查点：{}（满分界限 {}）：{tier}", c.name, pct(c.full())),
            format!(
                "checkpoint: {} (full at {}): {tier}",
                c.label(Lang::En),
                pct(c.full())
            ),
        )
        .get(lang)
        .to_string(),
    )
}

pub fn forecast_line(m: &Monitored, lang: Lang) -> Option<String> {
    let (f, b, s) = (m.pace.forecast?, m.pace.balance?, m.pace.balance_share?);
    let u = &m.project.money_unit;
    Some(
        Text::new(
            format!(
                "按当前进度预计年末执行率 {}，预计结余 {} {u}（{}）",
                pct(f),
                amount(b),
                pct(s)
            ),
            format!(
                "at this pace: {} by year end, {} {u} ({}) unspent",
                pct(f),
                amount(b),
                pct(s)
            ),
        )
        .get(lang)
        .to_string(),
    )
}

/// The terminal view.
pub fn table(items: &[Monitored], policy: &Policy, as_of: Day, lang: Lang) -> String {
    let mut s = String::new();
    s.push_str(
        Text::new(
            format!(
                "绩效运行监控表（截至 {as_of}，序时进度 {}；监控规则：{}）\n",
                pct(as_of.elapsed()),
                policy.label(Lang::Zh)
            ),
            format!(
                "Performance monitoring (to {as_of}, {} of the year gone; policy: {})\n",
                pct(as_of.elapsed()),
                policy.label(Lang::En)
            ),
        )
        .get(lang),
    );
    for m in items {
        let p = m.project;
        s.push('\n');
        match &p.department {
            Some(d) => s.push_str(&format!("【{}】{} — {d}\n", p.id, p.name)),
            None => s.push_str(&format!("【{}】{}\n", p.id, p.name)),
        }
        s.push_str(&format!("  {}\n", spending_line(m, as_of, lang)));
        if let Some(c) = checkpoint_line(m, lang) {
            s.push_str(&format!("  {c}\n"));
        }
        if let Some(f) = forecast_line(m, lang) {
            s.push_str(&format!("  {f}\n"));
        }
        if !p.lines.is_empty() {
            s.push_str(&format!("  {}\n", headings(as_of, lang).join(" | ")));
            for line in &p.lines {
                s.push_str(&format!("  {}\n", row(line, lang).join(" | ")));
            }
        }
        for f in &m.findings {
            s.push_str(&format!(
                "  {:<8} {:<30} {}  {}\n",
                f.severity.key(),
                f.code,
                f.at,
                f.message.get(lang)
            ));
        }
    }
    let count = |sev| items.iter().map(|m| m.count(sev)).sum::<usize>();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let n = items.len();
    s.push('\n');
    s.push_str(
        Text::new(
            format!("合计：{n} 个项目；错误 {e} 条，警告 {w} 条，提示 {i} 条\n"),
            {
                use crate::i18n::count as c;
                let (n, e, w, i) = (n as u64, e as u64, w as u64, i as u64);
                format!(
                    "Total: {}; {}, {}, {}\n",
                    c(n, "project"),
                    c(e, "error"),
                    c(w, "warning"),
                    c(i, "hint")
                )
            },
        )
        .get(lang),
    );
    let by = notices(items, lang);
    if by.is_empty() {
        s.push_str(Text::new("无需发提示函的项目\n", "No project needs a reminder\n").get(lang));
    } else {
        let k: usize = by.values().map(Vec::len).sum();
        s.push_str(
            Text::new(
                format!("应发提示函的项目（{k} 个，按单位）：\n"),
                format!("Projects to send a reminder (提示函) to ({k}, by unit):\n"),
            )
            .get(lang),
        );
        for (unit, ms) in by {
            let names: Vec<String> = ms.iter().map(|m| notice_entry(m, lang)).collect();
            let (colon, semi) = match lang {
                Lang::Zh => ("：", "；"),
                Lang::En => (": ", "; "),
            };
            s.push_str(&format!("  {unit}{colon}{}\n", names.join(semi)));
        }
    }
    s
}

pub fn notice_entry(m: &Monitored, lang: Lang) -> String {
    let mut why = Vec::new();
    if let Some((_, Some(t))) = m.checkpoint {
        why.push(t.word(lang).to_string());
    }
    if let Some(r) = m.pace.rate {
        why.push(
            Text::new(format!("执行率 {}", pct(r)), format!("rate {}", pct(r)))
                .get(lang)
                .to_string(),
        );
    }
    if let Some(b) = m.pace.balance_share {
        why.push(
            Text::new(
                format!("预计结余 {}", pct(b)),
                format!("{} expected unspent", pct(b)),
            )
            .get(lang)
            .to_string(),
        );
    }
    match lang {
        Lang::Zh => format!("{} {}（{}）", m.project.id, m.project.name, why.join("，")),
        Lang::En => format!("{} {} ({})", m.project.id, m.project.name, why.join(", ")),
    }
}

/// The JSON view: one object with the date, the policy, every project and the notices.
pub fn json(items: &[Monitored], policy: &Policy, as_of: Day, lang: Lang) -> String {
    let projects: Vec<Value> = items
        .iter()
        .map(|m| {
            let p = m.project;
            let lines: Vec<Value> = p
                .lines
                .iter()
                .map(|l| {
                    json!({
                        "name": l.name,
                        "target": l.target_text,
                        "progress": opt(l.progress),
                        "forecast": opt(l.forecast),
                        "deviation_cause": l.cause.map(|c| c.word(lang)),
                        "likelihood": l.likelihood.map(|c| c.word(lang)),
                        "correction": l.correction,
                    })
                })
                .collect();
            let findings: Vec<Value> = m
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "code": f.code,
                        "severity": f.severity.key(),
                        "at": f.at,
                        "indicator": f.indicator.and_then(|i| p.lines.get(i)).map(|l| &l.name),
                        "message": f.message.get(lang),
                    })
                })
                .collect();
            json!({
                "file": p.file,
                "id": p.id,
                "name": p.name,
                "department": p.department,
                "money_unit": p.money_unit,
                "budget": amount(p.budget),
                "executed_to_date": amount(p.executed),
                "rate": m.pace.rate.map(amount),
                "forecast_rate": m.pace.forecast.map(amount),
                "forecast_balance": m.pace.balance.map(amount),
                "forecast_balance_share": m.pace.balance_share.map(amount),
                "checkpoint": m.checkpoint.map(|(c, t)| json!({
                    "name": c.label(lang),
                    "month": c.month,
                    "tier": t.map(|t| t.word(lang)),
                })),
                "notice": m.needs_notice(),
                "lines": lines,
                "findings": findings,
            })
        })
        .collect();
    let notices: serde_json::Map<String, Value> = notices(items, lang)
        .into_iter()
        .map(|(u, ms)| {
            (
                u.to_string(),
                Value::from(ms.iter().map(|m| m.project.id.clone()).collect::<Vec<_>>()),
            )
        })
        .collect();
    let v = json!({
        "as_of": as_of.to_string(),
        "elapsed": amount(as_of.elapsed()),
        "policy": policy.id,
        "policy_verified": policy.verified,
        "projects": projects,
        "notices": notices,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
