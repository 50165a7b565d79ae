//! The claimed budget execution rate against executed / planned.

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::num::{fmt_value, fmt2};

pub static EXECUTION_RATE_MISMATCH: Rule = Rule {
    code: "execution-rate-mismatch",
    severity: Severity::Error,
    summary: Doc {
        zh: "自报预算执行率与 执行数/预算数 相差 0.01 个百分点以上",
        en: "the claimed execution rate differs from executed / planned by more than 0.01 percentage point",
    },
    explain: Doc {
        zh: "检查：自报的预算执行率与全年执行数 ÷ 全年预算数 × 100% 相差是否超过 0.01 个百分点。\n\
为何重要：执行率直接计入 10 分；报 100% 而实际只用了九成，是自评表中常见的错误。\n\
依据：财预〔2020〕10号 附1：预算执行率 = 执行数 / 预算数（B/A）。\n\
示例：预算 3.60，执行 3.24，执行率 90%，自报 100% → 报错。\n\
修正：按 B/A 计算执行率。",
        en: "Checks: whether the claimed execution rate differs from executed ÷ planned × 100% by more than 0.01 percentage point.\n\
Why: the rate is worth 10 points directly; claiming 100% when nine tenths were spent is a common error.\n\
Basis: 财预〔2020〕10号, annex 1: execution rate = executed / planned (B/A).\n\
Example: planned 3.60, executed 3.24 → 90%; claimed 100% → flagged.\n\
Fix: compute the rate as B/A.",
    },
    check: Check::Scorecard(check),
};

pub static EXECUTION_MISSING: Rule = Rule {
    code: "execution-missing",
    severity: Severity::Warning,
    summary: Doc {
        zh: "未填写全年执行数：预算执行率无法计算，计 0 分",
        en: "no executed amount: the execution rate cannot be computed and scores 0",
    },
    explain: Doc {
        zh: "检查：项目资金只有全年预算数，没有全年执行数。\n\
为何重要：预算执行率占 10 分；没有执行数就无法计分。绩效目标表（公开表6）只有预算数，用它批量评分时每个项目都会出现此提示。\n\
依据：财预〔2020〕10号 附1“项目资金”栏：全年预算数（A）、全年执行数（B）、执行率（B/A）。\n\
示例：预算 21 万元，执行数空白 → 预算执行率 0 分并提示。\n\
修正：填写全年执行数。",
        en: "Checks: the project's budget gives the planned amount but no executed amount.\n\
Why: the execution rate is worth 10 points and cannot be scored without it. A target table (公开表6) has budgets only, so batch-scoring one shows this on every project.\n\
Basis: 财预〔2020〕10号, annex 1, the 项目资金 rows: planned (A), executed (B), rate (B/A).\n\
Example: planned 21万元, executed blank → execution scores 0 and is flagged.\n\
Fix: give the executed amount.",
    },
    check: Check::Scorecard(check_missing),
};

fn check_missing(ctx: &Context, sink: &mut Sink) {
    if ctx.record.budget.executed.is_none() && !ctx.card.execution.max.is_zero() {
        sink.record(|| {
            (
                Text::new(
                    "未填写全年执行数：预算执行率计 0 分",
                    "no executed amount recorded: execution scores 0",
                ),
                vec![("planned", fmt_value(ctx.record.budget.planned()))],
            )
        });
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(claimed) = ctx.record.claimed.execution_rate else {
        return;
    };
    let (Some(rate), Some(executed)) = (ctx.card.execution.rate, ctx.record.budget.executed) else {
        return;
    };
    if (claimed - rate).abs() > ctx.rubric.thresholds.execution_rate_tolerance {
        let b = &ctx.record.budget;
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自报执行率 {}%，实际 {} / {} = {}%",
                        fmt_value(claimed),
                        fmt_value(executed),
                        fmt_value(b.planned()),
                        fmt2(rate)
                    ),
                    format!(
                        "claimed execution rate {}%, actual {} / {} = {}%",
                        fmt_value(claimed),
                        fmt_value(executed),
                        fmt_value(b.planned()),
                        fmt2(rate)
                    ),
                ),
                vec![("claimed", fmt_value(claimed)), ("recomputed", fmt2(rate))],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    #[test]
    fn fires_beyond_a_hundredth_of_a_point() {
        let y = |r: &str| {
            flags(&project(
                "3",
                "2",
                &format!("claimed: {{execution_rate: '{r}'}}"),
                &ind("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次"),
            ))
        };
        // 2 / 3 = 66.666…%
        assert_eq!(count(&y("66.67%"), "execution-rate-mismatch"), 0);
        assert_eq!(count(&y("66.68%"), "execution-rate-mismatch"), 1);
        assert_eq!(count(&y("100%"), "execution-rate-mismatch"), 1);
        assert_eq!(count(&y("100%"), "execution-missing"), 0);
    }

    #[test]
    fn missing_executed_amount_warns_and_scores_zero() {
        let y = "project: {id: T, name: 目标表}\nbudget: {planned: 21}\nclaimed: {execution_rate: 90%}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次}\n";
        let f = flags(y);
        assert_eq!(count(&f, "execution-missing"), 1);
        assert_eq!(count(&f, "execution-rate-mismatch"), 0);
    }
}
