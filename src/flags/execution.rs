//! The claimed budget execution rate against executed / planned.

use super::{Context, Doc, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::score::{fmt_value, fmt2};

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
依据：财预〔2020〕10号 附件2：预算执行率 = 执行数 / 预算数（B/A）。\n\
示例：预算 3.60，执行 3.24，执行率 90%，自报 100% → 报错。\n\
修正：按 B/A 计算执行率。",
        en: "Checks: whether the claimed execution rate differs from executed ÷ planned × 100% by more than 0.01 percentage point.\n\
Why: the rate is worth 10 points directly; claiming 100% when nine tenths were spent is a common error.\n\
Basis: 财预〔2020〕10号, annex 2: execution rate = executed / planned (B/A).\n\
Example: planned 3.60, executed 3.24 → 90%; claimed 100% → flagged.\n\
Fix: compute the rate as B/A.",
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(claimed) = ctx.record.claimed.execution_rate else {
        return;
    };
    let rate = ctx.card.execution.rate;
    if (claimed - rate).abs() > ctx.rubric.thresholds.execution_rate_tolerance {
        let b = &ctx.record.budget;
        sink.record(
            Text::new(
                format!(
                    "自报执行率 {}%，实际 {} / {} = {}%",
                    fmt_value(claimed),
                    fmt_value(b.executed),
                    fmt_value(b.planned),
                    fmt2(rate)
                ),
                format!(
                    "claimed execution rate {}%, actual {} / {} = {}%",
                    fmt_value(claimed),
                    fmt_value(b.executed),
                    fmt_value(b.planned),
                    fmt2(rate)
                ),
            ),
            vec![("claimed", fmt_value(claimed)), ("recomputed", fmt2(rate))],
        );
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
    }
}
