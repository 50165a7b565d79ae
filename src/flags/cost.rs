//! Cost claimed above what was spent.

use rust_decimal::Decimal;

use super::{Check, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::model::{Actual, Unit};
use crate::num::fmt_value;

pub static COST_EXCEEDS_EXECUTION: Rule = Rule {
    code: "cost-exceeds-execution",
    severity: Severity::Error,
    summary: Doc {
        zh: "成本指标的实际金额（或各成本金额之和）超过全年执行数",
        en: "a cost indicator's actual amount, or the sum of the money-valued cost actuals, exceeds the executed budget",
    },
    explain: Doc {
        zh: "检查：成本指标以金额报告的实际值（换算到预算的金额单位）是否超过全年执行数；有多个金额成本指标时，其和是否超过执行数。\n\
为何重要：项目不可能花掉比实际支出更多的钱；这样的“完成值”是照抄目标或预算编制时的估算，不是实际成本。\n\
依据：财预〔2020〕10号 附1“全年执行数”栏；000 号文件 2021 年医保骨干网建设项目成本指标报 193 万元，而预算和执行数都是 165 万元。\n\
示例：执行数 165 万元，成本实际 193万元 → 报错。\n\
修正：填写该项成本的实际支出金额。",
        en: "Checks: whether a cost indicator's actual amount (converted to the budget's money unit) exceeds the executed budget; with several money-valued cost indicators, whether their sum does.\n\
Why: a project cannot have cost more than it spent; such an \"actual\" is the target or the budget estimate copied, not the cost.\n\
Basis: 财预〔2020〕10号, annex 1, the 全年执行数 column; in seed 000 the 2021 医保骨干网建设 table claims a cost of 193万元 where the budget and the spending were both 165万元.\n\
Example: executed 165万元, cost actual 193万元 → flagged.\n\
Fix: give the amount actually spent on that cost item.",
    },
    check: Check::Record(check),
};

/// The actual of a cost indicator in the budget's unit, when it is an amount of money.
fn amount(ctx: &Facts, i: usize) -> Option<Decimal> {
    let ind = &ctx.record.indicators[i];
    if !ind.is_cost() {
        return None;
    }
    let Actual::Measured { value, unit } = &ind.actual else {
        return None;
    };
    let budget = ctx.record.budget.unit;
    match unit.clone().on_cost(budget) {
        // the same value either way; it is compared and shown without trailing zeros
        Unit::Money(m) if m == budget => Some(*value),
        Unit::Money(m) => Some(*value * m.factor() / budget.factor()),
        _ => None,
    }
}

fn check(ctx: &Facts, sink: &mut Sink) {
    let b = &ctx.record.budget;
    let Some(executed) = b.executed else { return };
    let u = b.unit.as_str();
    // each amount over the executed budget, and their sum
    let (mut any, mut amounts, mut sum) = (false, 0, Decimal::ZERO);
    for i in 0..ctx.record.indicators.len() {
        let Some(a) = amount(ctx, i) else { continue };
        amounts += 1;
        sum += a;
        if a > executed {
            any = true;
            sink.on(i, || {
                (
                    Text::new(
                        format!(
                            "成本实际 {}{u}，超过全年执行数 {}{u}（预算 {}{u}）",
                            fmt_value(a),
                            fmt_value(executed),
                            fmt_value(b.planned())
                        ),
                        format!(
                            "cost actual {}{u} exceeds the executed budget {}{u} (planned {}{u})",
                            fmt_value(a),
                            fmt_value(executed),
                            fmt_value(b.planned())
                        ),
                    ),
                    vec![
                        ("actual", format!("{}{u}", fmt_value(a))),
                        ("executed", format!("{}{u}", fmt_value(executed))),
                    ],
                )
            });
        }
    }
    if !any && amounts > 1 && sum > executed {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "各成本指标实际金额合计 {}{u}，超过全年执行数 {}{u}",
                        fmt_value(sum),
                        fmt_value(executed)
                    ),
                    format!(
                        "the cost actuals sum to {}{u}, more than the executed budget {}{u}",
                        fmt_value(sum),
                        fmt_value(executed)
                    ),
                ),
                vec![
                    ("sum", format!("{}{u}", fmt_value(sum))),
                    ("executed", format!("{}{u}", fmt_value(executed))),
                ],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn costs(executed: &str, actuals: &[&str]) -> usize {
        let inds: String = actuals
            .iter()
            .enumerate()
            .map(|(i, a)| ind(&format!("name: 成本{i}, level1: 产出指标, level2: 成本指标, target: '≤100万元', actual: '{a}'")))
            .collect();
        count(
            &flags(&project("165", executed, "", &inds)),
            "cost-exceeds-execution",
        )
    }

    #[test]
    fn single_amount_over_execution() {
        assert_eq!(costs("165", &["193万元"]), 1);
        assert_eq!(costs("165", &["165万元"]), 0);
        assert_eq!(costs("165", &["1650000元"]), 0);
        assert_eq!(costs("165", &["1650001元"]), 1);
        assert_eq!(costs("165", &["166"]), 1); // a bare number is in the budget's unit
        assert_eq!(costs("165", &["166万"]), 1);
    }

    #[test]
    fn sum_over_execution_fires_once() {
        assert_eq!(costs("100", &["60万元", "50万元"]), 1);
        assert_eq!(costs("110", &["60万元", "50万元"]), 0);
        assert_eq!(costs("100", &["120万元", "50万元"]), 1);
    }
}
