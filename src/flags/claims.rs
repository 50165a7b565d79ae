//! A unit's claimed item scores against the recomputed ones.

use rust_decimal::Decimal;

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::i18n::{Lang, Text};
use crate::num::{fmt_value, fmt2, round2};
use crate::score::{Line, Reason};

pub static SCORE_INFLATED: Rule = Rule {
    code: "score-inflated",
    severity: Severity::Error,
    summary: Doc {
        zh: "指标自评得分高于复核得分 0.01 分以上",
        en: "an indicator's claimed score exceeds the recomputed score by more than 0.01",
    },
    explain: Doc {
        zh: "检查：每个三级指标的自评得分与按目标值、实际值重新计算的得分（保留两位小数）相比，高出 0.01 分以上。\n\
为何重要：未完成目标却给满分是自评中最常见的虚高；财政部门复核时要逐项指出。\n\
依据：财预〔2020〕10号 第十六条：定量指标“未完成指标值的，按照完成值与指标值的比例记分”（正向 实际/目标，反向 目标/实际）。\n\
示例：目标 ≤7秒，实际 9秒，权重 10，自评 10 → 复核 10 × 7/9 = 7.78，报错。\n\
修正：按完成比例重新打分，或补充能证明达标的实测值。",
        en: "Checks: each indicator's claimed score against the score recomputed from its target and actual (to 2 decimals): more than 0.01 above.\n\
Why: full marks for a missed target is the commonest inflation in self-evaluations; a re-check must point at each one.\n\
Basis: 财预〔2020〕10号, art. 16: a missed quantitative target scores in proportion (forward actual/target, reverse target/actual).\n\
Example: target ≤7秒, actual 9秒, weight 10, claimed 10 → recomputed 10 × 7/9 = 7.78: flagged.\n\
Fix: score in proportion, or give the measured value that shows the target was met.",
    },
    check: Check::Scorecard(|ctx, sink| compare(ctx, sink, true)),
};

pub static SCORE_DEFLATED: Rule = Rule {
    code: "score-deflated",
    severity: Severity::Warning,
    summary: Doc {
        zh: "指标自评得分低于复核得分 0.01 分以上",
        en: "an indicator's claimed score is lower than the recomputed score by more than 0.01",
    },
    explain: Doc {
        zh: "检查：自评得分比复核得分低 0.01 分以上。\n\
为何重要：少打分通常是计算或填表错误；也可能是单位有未写明的扣分理由，复核时应问清。\n\
依据：财预〔2020〕10号 第十六条。\n\
示例：目标 98%，实际 98%，权重 20，自评 18 → 复核 20，提示。\n\
修正：改正得分，或写明扣分理由。",
        en: "Checks: the claimed score is more than 0.01 below the recomputed one.\n\
Why: an under-claim is usually an arithmetic or form error, or a deduction whose reason is not written down; a re-check should ask.\n\
Basis: 财预〔2020〕10号, art. 16.\n\
Example: target 98%, actual 98%, weight 20, claimed 18 → recomputed 20: flagged.\n\
Fix: correct the score, or write down the reason for the deduction.",
    },
    check: Check::Scorecard(|ctx, sink| compare(ctx, sink, false)),
};

pub static QUALITATIVE_OUT_OF_TIER: Rule = Rule {
    code: "qualitative-out-of-tier",
    severity: Severity::Error,
    summary: Doc {
        zh: "定性指标的自评得分不在其档次的分值区间内",
        en: "a claimed qualitative score lies outside its tier's range",
    },
    explain: Doc {
        zh: "检查：定性指标按档次计分（达成 [80%,100%]、部分达成 [60%,80%)、未达成 [0,60%) × 权重），自评得分超出所报档次的区间。\n\
为何重要：报“部分达成”却给满分，得分与档次自相矛盾；复核按该档默认比例（100%/70%/30%）计分。\n\
依据：财预〔2020〕10号 第十六条：定性指标分为达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差三档，“分别按照该指标对应分值区间100-80%（含）、80-60%（含）、60-0%合理确定分值”；档次区间见评分规则。\n\
示例：权重 10，报“部分达成”，自评 10 → 区间 [6, 8)，复核 7，报错。\n\
修正：在档次区间内打分，或改报与得分相符的档次并提供依据。",
        en: "Checks: qualitative indicators score by tier (达成 [80%,100%], 部分达成 [60%,80%), 未达成 [0,60%) of the weight); the claimed score lies outside the range of the tier reported.\n\
Why: full marks for 部分达成 contradicts itself; the re-check scores the tier's default share (100%/70%/30%).\n\
Basis: 财预〔2020〕10号, art. 16: qualitative indicators fall in three tiers (achieved; partly achieved with some effect; not achieved), scored within 100–80% (inclusive), 80–60% (inclusive) and 60–0% of their points; the ranges are in the rubric.\n\
Example: weight 10, tier 部分达成, claimed 10 → range [6, 8), recomputed 7: flagged.\n\
Fix: claim a score within the tier's range, or report the tier that matches the score, with evidence.",
    },
    check: Check::Scorecard(check_tier),
};

/// The claimed score of a qualitative line whose claim lies outside its tier's range. Scoring
/// already decided it: an in-range claim is the score, recorded in the line's reason.
fn out_of_tier(ctx: &Context, line: &Line) -> Option<Decimal> {
    let claimed = ctx.record.indicators[line.index].claimed_score?;
    match &line.reason {
        Reason::Qualitative { claimed: None, .. } if !line.max.is_zero() => Some(claimed),
        _ => None,
    }
}

fn compare(ctx: &Context, sink: &mut Sink, inflated: bool) {
    let tol = ctx.rubric.thresholds.score_tolerance;
    let fires = if inflated {
        std::cmp::Ordering::Greater
    } else {
        std::cmp::Ordering::Less
    };
    for (line, claim) in ctx.card.lines.iter().zip(ctx.claims()) {
        let Some(super::Claim {
            claimed,
            recomputed,
            beyond,
        }) = *claim
        else {
            continue;
        };
        if beyond != fires {
            continue; // within tolerance, or the other way
        }
        let ind = &ctx.record.indicators[line.index];
        sink.on(line.index, || {
            (
                Text::new(
                    format!(
                        "自评 {}，复核 {}：{}",
                        fmt_value(claimed),
                        fmt2(recomputed),
                        line.reason.render(ind, Lang::Zh)
                    ),
                    format!(
                        "claimed {}, recomputed {}: {}",
                        fmt_value(claimed),
                        fmt2(recomputed),
                        line.reason.render(ind, Lang::En)
                    ),
                ),
                vec![
                    ("claimed", fmt_value(claimed)),
                    ("recomputed", fmt2(recomputed)),
                ],
            )
        });
    }
    // claimed scores of rubric items (a leaf, or a branch: the sum of its leaves)
    for (name, &claimed) in &ctx.record.claimed.items {
        let under: Vec<&crate::score::ItemLine> = ctx
            .card
            .items
            .iter()
            .filter(|l| {
                *l.name == **name
                    || l.input.as_deref() == Some(name.as_str())
                    || l.path.iter().any(|p| p == name)
            })
            .collect();
        if under.is_empty() {
            continue;
        }
        let recomputed = round2(under.iter().map(|l| l.score).sum());
        let diff = claimed - recomputed;
        if (inflated && diff > tol) || (!inflated && -diff > tol) {
            let reasons = |lang: Lang| {
                under
                    .iter()
                    .map(|l| format!("{}: {}", l.name, l.reason(lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            sink.item(name, || {
                (
                    Text::new(
                        format!(
                            "自评 {}，复核 {}：{}",
                            fmt_value(claimed),
                            fmt2(recomputed),
                            reasons(Lang::Zh)
                        ),
                        format!(
                            "claimed {}, recomputed {}: {}",
                            fmt_value(claimed),
                            fmt2(recomputed),
                            reasons(Lang::En)
                        ),
                    ),
                    vec![
                        ("claimed", fmt_value(claimed)),
                        ("recomputed", fmt2(recomputed)),
                    ],
                )
            });
        }
    }
}

fn check_tier(ctx: &Context, sink: &mut Sink) {
    for line in &ctx.card.lines {
        let Some(claimed) = out_of_tier(ctx, line) else {
            continue;
        };
        let rule = ctx
            .rubric
            .tier(line.tier.expect("out_of_tier needs a tier"));
        let lo = line.max * rule.range.lo.unwrap_or(Decimal::ZERO) / Decimal::ONE_HUNDRED;
        let hi = line.max * rule.range.hi.unwrap_or(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED;
        sink.on(line.index, || (Text::new(
                format!(
                    "档次「{}」的分值区间为 {}（{} 至 {} 分），自评 {} 不在其中；复核按默认 {}% 计 {}",
                    rule.name, rule.range, fmt_value(lo), fmt_value(hi), fmt_value(claimed), fmt_value(rule.default), fmt2(line.score)
                ),
                format!(
                    "tier `{}` ranges over {} ({} to {} points); claimed {} lies outside; recomputed at the default {}%: {}",
                    rule.tier.key(), rule.range, fmt_value(lo), fmt_value(hi), fmt_value(claimed), fmt_value(rule.default), fmt2(line.score)
                ),
            ), vec![("claimed", fmt_value(claimed)), ("recomputed", fmt2(line.score)), ("range", rule.range.to_string())]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn reverse(claimed: &str) -> Vec<super::super::Flag> {
        // 10 × 7 / 9 = 7.777… → 7.78
        flags(&project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 甲, level1: 产出指标, level2: 数量指标, target: '≤7秒', actual: 9秒, weight: 10, claimed_score: {claimed}"
            )),
        ))
    }

    #[test]
    fn inflated_at_the_boundary() {
        assert_eq!(count(&reverse("7.79"), "score-inflated"), 0); // 0.01 above: no
        assert_eq!(count(&reverse("7.80"), "score-inflated"), 1); // 0.02 above: yes
        assert_eq!(count(&reverse("10"), "score-inflated"), 1);
        assert_eq!(count(&reverse("7.78"), "score-inflated"), 0);
    }

    #[test]
    fn deflated_at_the_boundary() {
        assert_eq!(count(&reverse("7.77"), "score-deflated"), 0);
        assert_eq!(count(&reverse("7.76"), "score-deflated"), 1);
        assert_eq!(count(&reverse("7.76"), "score-inflated"), 0);
    }

    fn tier(actual: &str, claimed: &str) -> Vec<super::super::Flag> {
        flags(&project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 甲, level1: 产出指标, level2: 质量指标, target: 有所提升, actual: {actual}, weight: 10, claimed_score: {claimed}"
            )),
        ))
    }

    #[test]
    fn qualitative_tier_ranges() {
        assert_eq!(count(&tier("部分达成", "10"), "qualitative-out-of-tier"), 1);
        // out of its tier and above it: inflated too, so a bureau counting inflated claims sees it
        assert_eq!(count(&tier("部分达成", "10"), "score-inflated"), 1);
        assert_eq!(count(&tier("部分达成", "6"), "score-inflated"), 0); // in [6, 8): the claim is the score
        assert_eq!(count(&tier("未达成", "10"), "score-inflated"), 1);
        assert_eq!(count(&tier("达成", "7.9"), "score-deflated"), 1);
        assert_eq!(count(&tier("达成", "7.9"), "score-inflated"), 0);
        assert_eq!(count(&tier("部分达成", "8"), "qualitative-out-of-tier"), 1); // [60%, 80%) is open at 8
        assert_eq!(
            count(&tier("部分达成", "7.99"), "qualitative-out-of-tier"),
            0
        );
        assert_eq!(count(&tier("部分达成", "6"), "qualitative-out-of-tier"), 0);
        assert_eq!(count(&tier("达成", "8"), "qualitative-out-of-tier"), 0);
        assert_eq!(count(&tier("达成", "7.9"), "qualitative-out-of-tier"), 1);
    }
}
