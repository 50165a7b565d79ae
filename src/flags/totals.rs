//! A unit's claimed total: its own arithmetic, and against the recomputed total.

use rust_decimal::Decimal;

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::model::EXECUTION_RATE;
use crate::num::{fmt_value, fmt2};

pub static TOTAL_MISMATCH: Rule = Rule {
    code: "total-mismatch",
    severity: Severity::Error,
    summary: Doc {
        zh: "自评总分与自评各项得分之和不符（相差 0.01 分以上）",
        en: "the claimed total differs from the sum of the claimed item scores by more than 0.01",
    },
    explain: Doc {
        zh: "检查：所有指标和预算执行率都填了自评得分时，其和与自评总分是否相差 0.01 分以上。\n\
为何重要：总分是各项之和；加错的总分说明表格未经核对，也常是虚高的来源。\n\
依据：财预〔2020〕10号 附1 自评表“总分”行；003 号部门整体自评表各项自评得分合计 98，却报总分 100。\n\
示例：各项 10+5+5+5+5+5+5+40+18 = 98，总分报 100 → 报错。\n\
修正：按各项得分之和填写总分。",
        en: "Checks: when every indicator and the execution rate carry a claimed score, whether their sum differs from the claimed total by more than 0.01.\n\
Why: the total is the sum of the items; a total that does not add up shows the table was not checked, and is a common source of inflation.\n\
Basis: 财预〔2020〕10号, annex 1, the 总分 row; the department table of seed 003 claims 100 while its items sum to 98.\n\
Example: items 10+5+5+5+5+5+5+40+18 = 98, total claimed 100 → flagged.\n\
Fix: write the sum of the item scores as the total.",
    },
    check: Check::Scorecard(check_sum),
};

pub static TOTAL_INFLATED: Rule = Rule {
    code: "total-inflated",
    severity: Severity::Error,
    summary: Doc {
        zh: "自评总分高于复核总分 0.01 分以上",
        en: "the claimed total exceeds the recomputed total by more than 0.01",
    },
    explain: Doc {
        zh: "检查：自评总分与复核总分（各指标复核得分 + 预算执行率得分，合计后四舍五入到两位小数）相比，高出 0.01 分以上。\n\
为何重要：总分决定等级和结果应用（预算安排、政策调整）；虚高的总分会让低效项目继续拿到资金。\n\
依据：财预〔2020〕10号 第十六条（总分由各项指标得分汇总形成）、第十八条。\n\
示例：自评 100，复核 95.81 → 报错。\n\
修正：以复核得分为准更正总分，或补充能证明达标的实测值。",
        en: "Checks: the claimed total against the recomputed total (recomputed indicator scores + execution score, summed and rounded once to 2 decimals): more than 0.01 above.\n\
Why: the total decides the grade and how the result is used (next year's budget, policy changes); an inflated total keeps money flowing to weak projects.\n\
Basis: 财预〔2020〕10号, art. 16 (the total is the sum of the indicators' scores) and art. 18.\n\
Example: claimed 100, recomputed 95.81 → flagged.\n\
Fix: correct the total to the recomputed one, or give the measured values that justify it.",
    },
    check: Check::Scorecard(check_inflated),
};

fn check_sum(ctx: &Context, sink: &mut Sink) {
    let c = &ctx.record.claimed;
    let Some(total) = c.total else { return };
    let Some(sum) = ctx
        .rubric
        .items
        .iter()
        .map(|it| claimed_of(ctx, it))
        .sum::<Option<Decimal>>()
    else {
        return;
    };
    if (total - sum).abs() > ctx.rubric.thresholds.score_tolerance {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自评总分 {}，而自评各项之和为 {}",
                        fmt_value(total),
                        fmt_value(sum)
                    ),
                    format!(
                        "claimed total {}, but the claimed items sum to {}",
                        fmt_value(total),
                        fmt_value(sum)
                    ),
                ),
                vec![
                    ("claimed_total", fmt_value(total)),
                    ("sum_of_items", fmt_value(sum)),
                ],
            )
        });
    }
}

/// What the unit claims for an item: its own claim, else the sum of its parts' claims (a `sum`
/// item's indicators, a branch's sub-items), when every part is claimed.
fn claimed_of(ctx: &Context, item: &crate::rubric::Item) -> Option<Decimal> {
    let claims = &ctx.record.claimed.items;
    if item.input.as_deref() == Some(EXECUTION_RATE)
        && let Some(c) = ctx.record.claimed.execution_score
    {
        return Some(c);
    }
    if let Some(c) = claims
        .get(&item.name)
        .or_else(|| item.input.as_deref().and_then(|i| claims.get(i)))
    {
        return Some(*c);
    }
    if !item.items.is_empty() {
        return item.items.iter().map(|i| claimed_of(ctx, i)).sum();
    }
    let line = ctx
        .card
        .items
        .iter()
        .find(|l| *l.name == *item.name && l.kind == "sum")?;
    // every indicator's claim, or none
    let claims = line
        .indicators
        .iter()
        .map(|i| ctx.record.indicators[*i].claimed_score);
    if claims.clone().any(|c| c.is_none()) {
        return None;
    }
    Some(crate::num::sum_exact(claims.flatten()))
}

fn check_inflated(ctx: &Context, sink: &mut Sink) {
    let Some(total) = ctx.record.claimed.total else {
        return;
    };
    let recomputed = ctx.card.total;
    if total - recomputed > ctx.rubric.thresholds.score_tolerance {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自评总分 {}，复核 {}，高出 {}",
                        fmt_value(total),
                        fmt2(recomputed),
                        fmt2(total - recomputed)
                    ),
                    format!(
                        "claimed total {}, recomputed {}: {} too high",
                        fmt_value(total),
                        fmt2(recomputed),
                        fmt2(total - recomputed)
                    ),
                ),
                vec![
                    ("claimed", fmt_value(total)),
                    ("recomputed", fmt2(recomputed)),
                ],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn with(claimed: &str, item: &str) -> Vec<super::super::Flag> {
        // recomputed: 90 (met) + 10 (execution) = 100; item claims one indicator of weight 90
        flags(&project(
            "10",
            "10",
            &format!("claimed: {{{claimed}}}"),
            &ind(&format!(
                "name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次, weight: 90, claimed_score: {item}"
            )),
        ))
    }

    #[test]
    fn total_mismatch_needs_every_item_claimed() {
        assert_eq!(
            count(
                &with("total: 100, execution_score: 10", "89.99"),
                "total-mismatch"
            ),
            0
        );
        assert_eq!(
            count(
                &with("total: 100, execution_score: 10", "89.98"),
                "total-mismatch"
            ),
            1
        );
        assert_eq!(count(&with("total: 100", "80"), "total-mismatch"), 0);
    }

    #[test]
    fn total_inflated_at_the_boundary() {
        let y = |t: &str| {
            flags(&project(
                "10",
                "9",
                &format!("claimed: {{total: {t}}}"),
                &ind(
                    "name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次, weight: 90",
                ),
            ))
        };
        // recomputed 90 + 9 = 99
        assert_eq!(count(&y("99.01"), "total-inflated"), 0);
        assert_eq!(count(&y("99.02"), "total-inflated"), 1);
    }
}
