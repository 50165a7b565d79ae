//! Actuals that cannot be scored: missing, restating the target, not a measurement, or in a unit
//! of another kind. Each makes the indicator score 0.

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::score::Unmeasured;

pub static RESTATES_TARGET: Rule = Rule {
    code: "actual-restates-target",
    severity: Severity::Error,
    summary: Doc {
        zh: "实际完成值只是重述目标（带不等号或期限），不是实测值",
        en: "the actual restates the target (an inequality or a deadline) instead of measuring it",
    },
    explain: Doc {
        zh: "检查：实际完成值带有不等号（≥、<=、不低于、以上）或期限（12月底之前）。\n\
为何重要：实际完成值应是年终实测的数值或日期；照抄目标（`>=90%` 对 `>=90%`）等于没有报告完成情况，无法核实是否达成。\n\
依据：财预〔2020〕10号 附1《项目支出绩效自评表》“实际完成值”栏；000 号附件中多张自评表即属此类。\n\
示例：目标 `>=70%`，实际 `>=70%` → 按未测量计 0 分并报错。\n\
修正：填写实测值，如 `92%`、`2024-11-30`。",
        en: "Checks: the actual carries an inequality (≥, <=, 不低于, 以上) or a deadline (12月底之前).\n\
Why: an actual must be the value measured at year end; copying the target (`>=90%` against `>=90%`) reports nothing and cannot be verified.\n\
Basis: 财预〔2020〕10号, annex 1, the 实际完成值 column of the self-evaluation table; many tables of seed 000 do this.\n\
Example: target `>=70%`, actual `>=70%` → scored as unmeasured, 0, and flagged.\n\
Fix: give the measured value, e.g. `92%`, `2024-11-30`.",
    },
    check: Check::Scorecard(|ctx, sink| {
        emit(ctx, sink, |u| matches!(u, Unmeasured::RestatesTarget))
    }),
};

pub static WITHOUT_FIGURE: Rule = Rule {
    code: "actual-without-figure",
    severity: Severity::Error,
    summary: Doc {
        zh: "定量或时效指标的实际完成值只声称完成（已完成、达到预期），没有实测数值或日期",
        en: "the actual of a quantitative or timeliness indicator asserts completion (已完成, 达到预期) without a measured figure or date",
    },
    explain: Doc {
        zh: "检查：目标是数值或期限，实际完成值却是“已完成”“达到预期”“按时完成”“全部完成”“符合要求”“达标”之类的完成用语。
为何重要：与照抄目标一样，这是没有数据的完成声明，无法核实；定量指标按完成值与指标值的比例计分，没有完成值就没有得分。评分规则可用 thresholds.claim_credit 给此类声明一定比例的分（国家规则为 0）。定性指标上，这些用语按“达成”档计分。
依据：财预〔2020〕10号 第十六条：定量指标“未完成指标值的，按照完成值与指标值的比例记分”；附1《项目支出绩效自评表》“实际完成值”栏。
示例：目标 `≥95%`，实际 `达到预期` → 计 0 分并报错。
修正：填写实测值，如 `96%`、`2024-11-30`、`3个月`。",
        en: "Checks: the target is a number or a deadline, but the actual is a word of completion such as 已完成, 达到预期, 按时完成, 全部完成, 符合要求 or 达标.
Why: like a restated target, it is a claim without a figure and cannot be verified; a quantitative indicator scores by the ratio of the value reached to the target, so with no value it scores nothing. A rubric may credit such claims with a share of the weight (thresholds.claim_credit; 0 in the national rubric). On a qualitative indicator these words are the 达成 tier.
Basis: 财预〔2020〕10号, art. 16: a quantitative target not reached is scored \"by the ratio of the value reached to the target\"; annex 1, the 实际完成值 column of the self-evaluation table.
Example: target `≥95%`, actual `达到预期` → 0 and flagged.
Fix: give the measured value, e.g. `96%`, `2024-11-30`, `3个月`.",
    },
    check: Check::Scorecard(|ctx, sink| {
        emit(ctx, sink, |u| matches!(u, Unmeasured::AssertsCompletion))
    }),
};

pub static MISSING: Rule = Rule {
    code: "actual-missing",
    severity: Severity::Warning,
    summary: Doc {
        zh: "未填写实际完成值",
        en: "no actual value was reported",
    },
    explain: Doc {
        zh: "检查：指标没有实际完成值。\n\
为何重要：没有完成值就无法评分，该指标计 0 分；目标表（公开表6）导出后尚未填报完成值时，每个指标都会出现此提示。\n\
依据：财预〔2020〕10号 附1，每个三级指标须填“实际完成值”。\n\
示例：`actual:` 缺失 → 0 分。\n\
修正：补填实测值；确实无法测量的，在偏差原因中说明。",
        en: "Checks: the indicator has no actual value.\n\
Why: without an actual the indicator cannot be scored and gets 0; a target table (公开表6) exported before the year's results are in shows this on every indicator.\n\
Basis: 财预〔2020〕10号, annex 1: every 三级指标 needs its 实际完成值.\n\
Example: no `actual:` → 0.\n\
Fix: fill in the measured value; where it truly cannot be measured, explain the gap.",
    },
    check: Check::Scorecard(|ctx, sink| emit(ctx, sink, |u| matches!(u, Unmeasured::Missing))),
};

pub static NOT_MEASURED: Rule = Rule {
    code: "actual-not-measured",
    severity: Severity::Warning,
    summary: Doc {
        zh: "实际完成值是文字，而目标需要数值、日期或定性档次",
        en: "the actual is text where a number, a date or a tier word is needed",
    },
    explain: Doc {
        zh: "检查：定量或时效目标的完成值不是数值或日期，或定性目标的完成值既不是档次词（达成/部分达成/未达成）也不等于目标原文。\n\
为何重要：文字描述（如“有所提升”对 `≥90%`）无法与目标比较，该指标计 0 分。\n\
依据：财预〔2020〕10号 第十六条：定量指标按完成比例计分，定性指标分档计分。\n\
示例：目标 `≥90%`，实际 `显著提高` → 0 分。\n\
修正：给出实测数值；定性指标写“达成”“部分达成”或“未达成”。",
        en: "Checks: a quantitative or timeliness target got an actual that is neither a number nor a date, or a qualitative target got an actual that is neither a tier word (达成/部分达成/未达成) nor the target's own text.\n\
Why: such text (显著提高 against `≥90%`) cannot be compared with the target; the indicator gets 0.\n\
Basis: 财预〔2020〕10号, art. 16: quantitative indicators score in proportion, qualitative ones by tier.\n\
Example: target `≥90%`, actual `显著提高` → 0.\n\
Fix: give the measured number; for a qualitative indicator write 达成, 部分达成 or 未达成.",
    },
    check: Check::Scorecard(|ctx, sink| emit(ctx, sink, |u| matches!(u, Unmeasured::NotMeasured))),
};

pub static UNIT_MISMATCH: Rule = Rule {
    code: "unit-mismatch",
    severity: Severity::Error,
    summary: Doc {
        zh: "实际完成值的单位与目标单位不是同一类",
        en: "the actual's unit is of another kind than the target's",
    },
    explain: Doc {
        zh: "检查：实际值与目标值的单位不可换算（如目标 `万元`、实际 `%`，目标 `家`、实际 `次`）。同类单位会自动换算（`1800000元` 对 `万元` 目标）。\n\
为何重要：单位不同的两个数不能比较，按未测量计 0 分。\n\
依据：公开表6 的“度量单位”栏：实际值应以目标的度量单位报告。\n\
示例：目标 `≥29家`，实际 `30次` → 0 分。\n\
修正：按目标的度量单位填写实际值。",
        en: "Checks: the actual's unit cannot be converted into the target's (target `万元`, actual `%`; target `家`, actual `次`). Units of one kind are converted (`1800000元` against a `万元` target).\n\
Why: numbers in different units cannot be compared; the indicator is scored as unmeasured, 0.\n\
Basis: the 度量单位 column of 公开表6: actuals are reported in the target's unit.\n\
Example: target `≥29家`, actual `30次` → 0.\n\
Fix: report the actual in the target's unit.",
    },
    check: Check::Scorecard(|ctx, sink| {
        emit(ctx, sink, |u| matches!(u, Unmeasured::UnitMismatch { .. }))
    }),
};

/// Flags every line whose unmeasured cause matches, with its reason.
fn emit(ctx: &Context, sink: &mut Sink, which: fn(&Unmeasured) -> bool) {
    for line in &ctx.card.lines {
        let Some(why) = &line.unmeasured else {
            continue;
        };
        if !which(why) {
            continue;
        }
        let ind = &ctx.record.indicators[line.index];
        sink.on(line.index, || {
            let mut figures = vec![
                ("target", ind.target_text.to_string()),
                (
                    "actual",
                    ind.actual_text.as_deref().unwrap_or("").to_string(),
                ),
            ];
            if let Unmeasured::UnitMismatch { actual, target } = why {
                figures.push(("actual_unit", actual.clone()));
                figures.push(("target_unit", target.clone()));
            }
            (line.reason.text(ind), figures)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn one(fields: &str) -> Vec<super::super::Flag> {
        flags(&project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 甲, level1: 产出指标, level2: 数量指标, {fields}"
            )),
        ))
    }

    #[test]
    fn restated_target_fires_and_measured_equal_value_does_not() {
        assert_eq!(
            count(
                &one("target: '>=70%', actual: '>=70%'"),
                "actual-restates-target"
            ),
            1
        );
        assert_eq!(
            count(
                &one("target: '12月底之前', actual: '12月底之前'"),
                "actual-restates-target"
            ),
            1
        );
        assert_eq!(
            count(
                &one("target: '>=70%', actual: '不低于70%'"),
                "actual-restates-target"
            ),
            1
        );
        assert_eq!(
            count(
                &one("target: '100%', actual: '=100%'"),
                "actual-restates-target"
            ),
            0
        );
        assert_eq!(
            count(
                &one("target: '100%', actual: '100%'"),
                "actual-restates-target"
            ),
            0
        );
    }

    #[test]
    fn missing_fires_only_without_actual() {
        assert_eq!(count(&one("target: '≥5次'"), "actual-missing"), 1);
        assert_eq!(
            count(&one("target: '≥5次', actual: 0次"), "actual-missing"),
            0
        );
    }

    #[test]
    fn text_against_number_is_not_measured() {
        assert_eq!(
            count(
                &one("target: '≥90%', actual: 显著提高"),
                "actual-not-measured"
            ),
            1
        );
        assert_eq!(
            count(&one("target: '≥90%', actual: '91%'"), "actual-not-measured"),
            0
        );
        assert_eq!(
            count(
                &one("target: 有所提升, actual: 很好"),
                "actual-not-measured"
            ),
            1
        );
        assert_eq!(
            count(
                &one("target: 有所提升, actual: 有所提升"),
                "actual-not-measured"
            ),
            0
        );
    }

    #[test]
    fn unit_of_another_kind_mismatches_but_same_kind_converts() {
        assert_eq!(
            count(&one("target: '≥29家', actual: 30次"), "unit-mismatch"),
            1
        );
        assert_eq!(
            count(&one("target: '≥90%', actual: 95万元"), "unit-mismatch"),
            1
        );
        assert_eq!(
            count(&one("target: '≥29家', actual: 30家"), "unit-mismatch"),
            0
        );
        assert_eq!(
            count(&one("target: '≥29家', actual: 30"), "unit-mismatch"),
            0
        );
        assert_eq!(
            count(&one("target: '≤2小时', actual: 90分钟"), "unit-mismatch"),
            0
        );
    }
}
