//! Weights that do not add up: in total, and per level1.

use rust_decimal::Decimal;

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::num::fmt_value;

pub static WEIGHTS_SUM: Rule = Rule {
    code: "weights-sum",
    severity: Severity::Error,
    summary: Doc {
        zh: "指标权重之和加预算执行分值不等于总分（100）",
        en: "the indicator weights plus the execution points do not make the total (100)",
    },
    explain: Doc {
        zh: "检查：项目给出了各指标分值时，分值之和 + 预算执行率分值（10）是否等于总分 100。\n\
为何重要：权重不闭合时总分不再是百分制，等级（优/良/中/差）失去意义。\n\
依据：财预〔2020〕10号 附1：指标 90 分 + 预算执行率 10 分 = 100 分；公开表6 每个项目的权重之和为 90。\n\
示例：权重 30 + 30 + 20 = 80，加 10 = 90 ≠ 100 → 报错。\n\
修正：调整各指标分值，使其和为 90。",
        en: "Checks: when the project weights its indicators, whether the weights plus the execution points (10) make the total of 100.\n\
Why: weights that do not close make the total something other than a score out of 100, and the grade meaningless.\n\
Basis: 财预〔2020〕10号, annex 1: indicators 90 + execution 10 = 100; every project of 公开表6 weights to 90.\n\
Example: weights 30 + 30 + 20 = 80, plus 10 = 90 ≠ 100 → flagged.\n\
Fix: adjust the weights to sum to 90.",
    },
    check: Check::Scorecard(check_sum),
};

pub static LEVEL1_WEIGHTS: Rule = Rule {
    code: "level1-weights",
    severity: Severity::Warning,
    summary: Doc {
        zh: "一级指标权重与评分规则的分配（产出 50 / 效益 30 / 满意度 10）不同",
        en: "level1 weights differ from the rubric's split (output 50 / benefit 30 / satisfaction 10)",
    },
    explain: Doc {
        zh: "检查：各一级指标（产出含成本、效益、满意度）权重之和与评分规则的分配是否一致；未给权重而某一级指标没有任何三级指标时，该部分分值落空，也会提示。\n\
为何重要：财预〔2020〕10号 对一级指标的权重“原则上”作了规定，偏离时应说明理由；复核时需要知道分数来自哪里。\n\
依据：财预〔2020〕10号 第十三条及附1（产出 50、效益 30、满意度 10）。\n\
示例：产出 60 / 效益 20 / 满意度 10 → 提示。\n\
修正：按 50/30/10 调整，或在报告中说明调整理由。",
        en: "Checks: whether the weights of each level1 (output with cost, benefit, satisfaction) add up to the rubric's share; without weights, a level1 with no indicator leaves its share unscored, which is flagged too.\n\
Why: 财预〔2020〕10号 sets the level1 split \"in principle\"; a different split needs a reason, and a re-check needs to see where the points come from.\n\
Basis: 财预〔2020〕10号, art. 13 and annex 1 (output 50, benefit 30, satisfaction 10).\n\
Example: output 60 / benefit 20 / satisfaction 10 → flagged.\n\
Fix: weight 50/30/10, or state the reason for another split.",
    },
    check: Check::Scorecard(check_level1),
};

fn check_sum(ctx: &Context, sink: &mut Sink) {
    if !ctx.card.weights_given {
        return;
    }
    // every indicator counts in one `sum` item, whose maximum is the sum of their weights
    let weights: Decimal = ctx
        .card
        .items
        .iter()
        .filter(|i| i.kind == "sum")
        .map(|i| i.max)
        .sum();
    let others: Decimal = ctx
        .card
        .items
        .iter()
        .filter(|i| i.kind != "sum")
        .map(|i| i.points)
        .sum();
    let total = weights + others;
    if total != ctx.rubric.total {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "指标权重之和 {} + 其他评分项 {} = {}，应为 {}",
                        fmt_value(weights),
                        fmt_value(others),
                        fmt_value(total),
                        fmt_value(ctx.rubric.total)
                    ),
                    format!(
                        "indicator weights {} + other items {} = {}, should be {}",
                        fmt_value(weights),
                        fmt_value(others),
                        fmt_value(total),
                        fmt_value(ctx.rubric.total)
                    ),
                ),
                vec![
                    ("weights", fmt_value(weights)),
                    ("other_items", fmt_value(others)),
                    ("total", fmt_value(ctx.rubric.total)),
                ],
            )
        });
    }
}

fn check_level1(ctx: &Context, sink: &mut Sink) {
    let sums: Vec<(&crate::score::ItemLine, Decimal, Decimal, usize)> = ctx
        .card
        .items
        .iter()
        .filter(|i| i.kind == "sum")
        .map(|i| (i, i.max, i.points, i.indicators.len()))
        .collect();
    let off = if ctx.card.weights_given {
        sums.iter().any(|(_, w, p, _)| w != p)
    } else {
        // an item whose points moved elsewhere when it is empty (`if_empty`) is not a gap
        sums.iter().any(|(_, _, p, n)| *n == 0 && !p.is_zero())
    };
    if !off || ctx.record.indicators.is_empty() {
        return;
    }
    sink.record(|| {
        let given = |en: bool| {
            sums.iter()
                .map(|(i, w, _, _)| {
                    let name = if en { &i.name_en } else { &i.name };
                    format!("{name} {}", fmt_value(*w))
                })
                .collect::<Vec<_>>()
                .join(" / ")
        };
        let wanted: Vec<String> = sums.iter().map(|(_, _, p, _)| fmt_value(*p)).collect();
        let (given_en, given, wanted) = (given(true), given(false), wanted.join(" / "));
        (
            Text::new(
                format!("一级指标权重为 {given}，评分规则为 {wanted}"),
                format!("level1 weights are {given_en}; the rubric has {wanted}"),
            ),
            vec![("weights", given.clone()), ("rubric", wanted.clone())],
        )
    });
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn weighted(w: [u32; 3]) -> String {
        project(
            "10",
            "10",
            "",
            &[
                ind(&format!("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次, weight: {}", w[0])),
                ind(&format!("name: 乙, level1: 效益指标, level2: 社会效益指标, target: '≥5次', actual: 5次, weight: {}", w[1])),
                ind(&format!("name: 丙, level1: 满意度指标, level2: 满意度指标, target: '≥90%', actual: 95%, weight: {}", w[2])),
            ]
            .concat(),
        )
    }

    #[test]
    fn weights_sum_fires_when_not_closing() {
        assert_eq!(count(&flags(&weighted([50, 30, 10])), "weights-sum"), 0);
        assert_eq!(count(&flags(&weighted([50, 30, 9])), "weights-sum"), 1);
    }

    #[test]
    fn level1_split_other_than_rubric_warns() {
        assert_eq!(count(&flags(&weighted([50, 30, 10])), "level1-weights"), 0);
        let f = flags(&weighted([60, 20, 10]));
        assert_eq!(count(&f, "level1-weights"), 1);
        assert_eq!(count(&f, "weights-sum"), 0);
    }

    #[test]
    fn unweighted_with_an_empty_level1_warns() {
        let y = project(
            "10",
            "10",
            "",
            &ind("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次"),
        );
        assert_eq!(count(&flags(&y), "level1-weights"), 1);
    }
}
