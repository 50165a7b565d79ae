//! Targets against spending: each indicator's progress share (1–N月执行情况 ÷ 年度指标值) against
//! the project's spending share, and a ceiling already passed.

use rust_decimal::Decimal;

use super::{Facts, Line, Rule, Sink, amount, pct};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;
use crate::model::{Op, Target};

/// The share of its target (in %) an indicator has reached: progress ÷ target × 100, for a
/// quantity to reach (≥, >, =) above 0; none for a ceiling, a deadline or a qualitative target.
pub fn share(line: &Line) -> Option<Decimal> {
    let Target::Quantity { op, value, .. } = &line.target else {
        return None;
    };
    if matches!(op, Op::Le | Op::Lt) || *value <= Decimal::ZERO {
        return None;
    }
    line.progress.map(|p| p * Decimal::ONE_HUNDRED / *value)
}

/// Whether a figure misses the target: under a floor (≥, >, =), over a ceiling (≤, <); none
/// for a target that is not a quantity.
pub fn misses(line: &Line, figure: Decimal) -> Option<bool> {
    let Target::Quantity { op, value, .. } = &line.target else {
        return None;
    };
    Some(match op {
        Op::Ge | Op::Eq => figure < *value,
        Op::Gt => figure <= *value,
        Op::Le => figure > *value,
        Op::Lt => figure >= *value,
    })
}

pub static TARGET_SPENDING_GAP: Rule = Rule {
    code: "monitor-target-spending-gap",
    severity: Severity::Warning,
    summary: Doc {
        zh: "指标完成进度与资金执行进度相差超过监控规则的差距",
        en: "an indicator's progress and the project's spending differ by more than the policy's gap",
    },
    explain: Doc {
        zh: "检查：数量指标的完成进度（1–N月执行情况 ÷ 年度指标值）与项目的资金执行率相差是否超过监控规则的 target_gap 个百分点，两个方向都查：钱花得快而事做得慢，或事做得快而钱花得慢。上限指标（≤）、时限和定性指标不查。\n为何重要：“双监控”要求同时看预算执行和绩效目标；两者脱节，说明资金没有用在目标上，或目标定得不实。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）的“双监控”（条文未经核对）；差距 target_gap 是监控规则文件中的数，默认 10 个百分点为本工具的取值（条文未经核对）。\n示例：执行率 38%，培训人次完成 80%：相差 42 个百分点。\n修正：核对执行数和完成数；确有脱节的，在纠偏措施中说明。",
        en: "Checks: whether a quantity indicator's progress (value so far ÷ annual target) and the project's execution rate differ by more than the policy's target_gap points, either way: money spent faster than the work is done, or work done faster than money is spent. Ceilings (≤), deadlines and qualitative targets are not checked.\nWhy: the two things monitored during the year are spending and targets; apart, they say the money is not going to the targets or the targets are not real.\nBasis: the 双监控 of 财预〔2019〕136号 (not verified against the text); target_gap is the policy file's number, 10 points by this tool's default (not verified against the text).\nExample: 38% spent while 80% of the trainees are trained: 42 points apart.\nFix: check both figures; where they truly differ, say why in the correction.",
    },
    check: target_spending_gap,
};

fn target_spending_gap(f: &Facts, s: &mut Sink) {
    let Some(rate) = f.pace.rate else { return };
    for (i, line) in f.project.lines.iter().enumerate() {
        let Some(share) = share(line) else { continue };
        let gap = (share - rate).abs();
        if gap > f.policy.target_gap {
            let (zh, en) = if share > rate {
                ("快于", "ahead of")
            } else {
                ("慢于", "behind")
            };
            s.on(
                i,
                Text::new(
                    format!(
                        "“{}”完成 {}（{} / {}），{zh}资金执行率 {}，相差 {} 个百分点（允许 {}）",
                        line.name,
                        pct(share),
                        line.progress.unwrap_or_default().normalize(),
                        line.target_text,
                        pct(rate),
                        amount(gap),
                        amount(f.policy.target_gap)
                    ),
                    format!(
                        "“{}” is {} done ({} of {}), {en} the {} spent: {} points apart (allowed {})",
                        line.name,
                        pct(share),
                        line.progress.unwrap_or_default().normalize(),
                        line.target_text,
                        pct(rate),
                        amount(gap),
                        amount(f.policy.target_gap)
                    ),
                ),
            );
        }
    }
}

pub static CEILING_PASSED: Rule = Rule {
    code: "monitor-ceiling-passed",
    severity: Severity::Error,
    summary: Doc {
        zh: "上限指标（≤）的已完成值已超过年度指标值",
        en: "a ceiling indicator (≤) has already passed its annual target",
    },
    explain: Doc {
        zh: "检查：年度指标值为上限（≤、<）的指标，1–N月执行情况是否已超过它。\n为何重要：成本、时长等上限已被突破，全年不可能再达标；要么填错，要么须立即纠偏。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）要求对偏离目标的情况及时纠偏（条文未经核对）。\n示例：单位成本≤500元，1–8月已达 620 元。\n修正：核对执行情况；确已超出的，写明偏差原因和纠偏措施，并把完成可能性改为实际判断。",
        en: "Checks: whether an indicator whose annual target is a ceiling (≤, <) has already passed it so far this year.\nWhy: a ceiling on cost or time that is already passed cannot be met this year; either the figure is wrong or the course must change now.\nBasis: 财预〔2019〕136号 asks for a deviation from the targets to be corrected in time (not verified against the text).\nExample: unit cost ≤500 yuan, 620 reached by August.\nFix: check the figure; where it is true, give the cause and the correction, and a likelihood that says so.",
    },
    check: ceiling_passed,
};

fn ceiling_passed(f: &Facts, s: &mut Sink) {
    for (i, line) in f.project.lines.iter().enumerate() {
        let Target::Quantity { op, .. } = &line.target else {
            continue;
        };
        if !matches!(op, Op::Le | Op::Lt) {
            continue;
        }
        let Some(progress) = line.progress else {
            continue;
        };
        if misses(line, progress) == Some(true) {
            s.on(
                i,
                Text::new(
                    format!(
                        "“{}”截至 {} 已为 {}，超过年度指标值 {}",
                        line.name,
                        f.as_of,
                        amount(progress),
                        line.target_text
                    ),
                    format!(
                        "“{}” is already {} by {}, past its annual target {}",
                        line.name,
                        amount(progress),
                        f.as_of,
                        line.target_text
                    ),
                ),
            );
        }
    }
}
