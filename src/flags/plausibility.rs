//! Actuals that are possible on paper but not believable: targets set far too low, rates
//! outside 0–100%, and whole tables exactly on target.

use rust_decimal::Decimal;

use super::{Check, Context, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::model::{Actual, Direction, Target, Unit};
use crate::num::fmt_value;
use crate::score::Status;

pub static TARGET_LOWBALL: Rule = Rule {
    code: "target-lowball",
    severity: Severity::Warning,
    summary: Doc {
        zh: "正向定量指标的实际值达到目标的 1.5 倍以上：目标定得过低",
        en: "a forward quantitative actual is at least 1.5 × its target: the target was set too low",
    },
    explain: Doc {
        zh: "检查：正向定量指标的实际值 ≥ 目标值 × 倍数阈值（默认 1.5）。\n\
为何重要：大幅超额通常不是绩效突出，而是目标定得过低、容易“达标”；财预〔2020〕10号 要求对此类情况扣分。评分规则可设扣分比例（默认不扣）。\n\
依据：财预〔2020〕10号 第十六条：“对完成值高于指标值较多的，要分析原因，如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值”。\n\
示例：目标 ≥2次，实际 6次 → 提示；实际 2.9次 → 不提示。\n\
修正：下一年按实际能力设定目标；本年在报告中说明超额原因。",
        en: "Checks: a forward quantitative actual ≥ target × the ratio threshold (default 1.5).\n\
Why: a large overshoot usually means an easy target, not outstanding performance; 财预〔2020〕10号 asks for points to be cut for it. The rubric may set a deduction (none by default).\n\
Basis: 财预〔2020〕10号, art. 16: where the value reached is well above the target, find out why; if the target was set clearly too low at the start of the year, reduce the score according to the deviation.\n\
Example: target ≥2次, actual 6次 → flagged; actual 2.9次 → not flagged.\n\
Fix: set next year's target at what can really be done; explain the overshoot in this year's report.",
    },
    check: Check::Scorecard(check_lowball),
};

pub static RATE_OUT_OF_RANGE: Rule = Rule {
    code: "rate-out-of-range",
    severity: Severity::Error,
    summary: Doc {
        zh: "率、覆盖率、满意度、知晓率的百分比实际值小于 0 或大于 100",
        en: "a percentage actual below 0 or above 100 on a rate, coverage or satisfaction indicator",
    },
    explain: Doc {
        zh: "检查：名称含“率”“覆盖”“满意度”“知晓”的指标，以 % 报告的实际值小于 0% 或大于 100%。控制率、增长率、调整率、变动率可以超过 100%，不在此列。\n\
为何重要：比例不可能超过 100%（或为负）；这样的数值是填错或编造的。\n\
依据：比例的定义；公开表6 中此类指标的度量单位均为 %。\n\
示例：满意度 105% → 报错。\n\
修正：核对分子分母，填写正确的比例。",
        en: "Checks: an indicator whose name contains 率, 覆盖, 满意度 or 知晓, reported in %, below 0% or above 100%. Control, growth, adjustment and change rates (控制率, 增长率, 调整率, 变动率) can pass 100% and are left out.\n\
Why: a share cannot pass 100% or be negative; such a figure is mistyped or made up.\n\
Basis: what a proportion is; every such indicator of 公开表6 is measured in %.\n\
Example: satisfaction 105% → flagged.\n\
Fix: check numerator and denominator and give the right share.",
    },
    check: Check::Record(check_rate),
};

pub static ALL_ON_TARGET: Rule = Rule {
    code: "all-on-target",
    severity: Severity::Warning,
    summary: Doc {
        zh: "五个以上定量指标有实测值，且每一个都恰好等于目标值",
        en: "five or more quantitative indicators are measured and every one equals its target exactly",
    },
    explain: Doc {
        zh: "检查：有实测值的定量指标不少于阈值（默认 5 个），且全部恰好等于目标值。\n\
为何重要：真实的年终结果很少每项都分毫不差地落在目标上；这通常是把目标抄成了完成值。\n\
依据：000 号文件的自评表，“实际完成指标值”一栏几乎逐项照抄“预期指标值”。\n\
示例：5 个指标，实际均等于目标 → 提示；其中一个为 99% 对 98% → 不提示。\n\
修正：填写各项的真实测量结果。",
        en: "Checks: at least the threshold (default 5) quantitative indicators are measured and every one equals its target exactly.\n\
Why: real year-end results rarely land exactly on every target; this is usually the targets copied into the actuals.\n\
Basis: the tables of seed 000, whose 实际完成指标值 column repeats the 预期指标值 almost line by line.\n\
Example: 5 indicators all equal to their targets → flagged; one of them 99% against 98% → not flagged.\n\
Fix: give each indicator's real measurement.",
    },
    check: Check::Scorecard(check_all_on_target),
};

fn check_lowball(ctx: &Context, sink: &mut Sink) {
    let ratio = ctx.rubric.thresholds.lowball_ratio;
    // a forward target missed is below its target, so below any multiple of it from 1 up
    let missed_is_below = ratio >= Decimal::ONE;
    for line in &ctx.card.lines {
        let (Some(a), Some(t)) = (line.actual, line.target) else {
            continue;
        };
        if line.direction != Direction::Forward
            || (missed_is_below && line.status == Status::NotMet)
            || t <= Decimal::ZERO
            || t.checked_mul(ratio).is_none_or(|bar| a < bar)
        {
            continue;
        }
        sink.on(line.index, || {
            (
                Text::new(
                    format!(
                        "实际 {} 是目标 {} 的 {} 倍（阈值 {} 倍）：目标偏低",
                        fmt_value(a),
                        fmt_value(t),
                        fmt_value(a.checked_div(t).unwrap_or(Decimal::MAX).round_dp(2)),
                        fmt_value(ratio)
                    ),
                    format!(
                        "actual {} is {} × the target {} (threshold {} ×): target set too low",
                        fmt_value(a),
                        fmt_value(a.checked_div(t).unwrap_or(Decimal::MAX).round_dp(2)),
                        fmt_value(t),
                        fmt_value(ratio)
                    ),
                ),
                vec![("actual", fmt_value(a)), ("target", fmt_value(t))],
            )
        });
    }
}

/// Whether `d` lies in [0, 100], as `(0..=100).contains(&d)` says, without `Decimal`'s
/// general comparison: this runs for every measured indicator.
fn within_percent(d: Decimal) -> bool {
    if d.is_zero() {
        return true;
    }
    // 100 at the value's scale is 10^(scale + 2)
    !d.is_sign_negative()
        && d.mantissa().unsigned_abs() <= crate::num::POW10[d.scale() as usize + 2]
}

fn check_rate(ctx: &Facts, sink: &mut Sink) {
    for (i, ind) in ctx.record.indicators.iter().enumerate() {
        let Actual::Measured { value, unit } = &ind.actual else {
            continue;
        };
        if within_percent(*value) {
            continue;
        }
        let percent = *unit == Unit::Percent
            || (*unit == Unit::None
                && matches!(
                    &ind.target,
                    Target::Quantity {
                        unit: Unit::Percent,
                        ..
                    }
                ));
        // the unit before the name: a count of 152 人次 needs no search of its name for 率
        if !percent || !super::rate_name::is_bounded_rate(&ind.name) {
            continue;
        }
        // outside [0, 100], as `within_percent` found
        sink.on(i, || {
            (
                Text::new(
                    format!("比例类指标的实际值 {}% 不在 0–100% 之间", fmt_value(*value)),
                    format!(
                        "actual {}% of a rate lies outside 0–100%",
                        fmt_value(*value)
                    ),
                ),
                vec![("actual", format!("{}%", fmt_value(*value)))],
            )
        });
    }
}

fn check_all_on_target(ctx: &Context, sink: &mut Sink) {
    // counted in one pass, which ends at the first measurement off its target
    let mut measured = 0;
    for l in &ctx.card.lines {
        if let (Some(a), Some(t)) = (l.actual, l.target) {
            if a != t {
                return;
            }
            measured += 1;
        }
    }
    if measured >= ctx.rubric.thresholds.all_on_target_min {
        sink.record(|| (Text::new(
                format!("{measured} 个有实测值的定量指标全部恰好等于目标值：疑为照抄目标"),
                format!("all {measured} measured quantitative indicators equal their targets exactly: the targets look copied"),
            ), vec![("measured", measured.to_string())]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    #[test]
    fn within_percent_is_the_range_check() {
        use rust_decimal::Decimal;
        let mut values: Vec<Decimal> = [
            "0", "-0", "0.000", "100", "100.0000", "100.0001", "99.9999", "-0.0001", "101", "1e2",
        ]
        .iter()
        .map(|s| Decimal::from_scientific(s).or_else(|_| s.parse()).unwrap())
        .collect();
        values.extend([Decimal::MAX, Decimal::MIN, Decimal::new(1, 28)]);
        for scale in 0..=28 {
            for m in [1i128, 99, 100, 101, 1_000_000, i128::from(u64::MAX)] {
                let scaled = m.checked_mul(10i128.pow(scale.min(20)));
                for m in [Some(m), Some(-m), scaled, Some((1i128 << 96) - 1)]
                    .into_iter()
                    .flatten()
                {
                    values.extend(Decimal::try_from_i128_with_scale(m, scale));
                }
            }
        }
        for d in values {
            let want = (Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(&d);
            assert_eq!(super::within_percent(d), want, "{d:?}");
        }
    }

    fn one(fields: &str) -> Vec<super::super::Flag> {
        flags(&project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 甲率, level1: 产出指标, level2: 数量指标, {fields}"
            )),
        ))
    }

    #[test]
    fn lowball_at_one_and_a_half() {
        assert_eq!(
            count(&one("target: '≥2次', actual: 3次"), "target-lowball"),
            1
        );
        assert_eq!(
            count(&one("target: '≥2次', actual: 2.99次"), "target-lowball"),
            0
        );
        assert_eq!(
            count(&one("target: '≤2次', actual: 1次"), "target-lowball"),
            0
        );
        assert_eq!(
            count(&one("target: '≥0次', actual: 3次"), "target-lowball"),
            0
        );
    }

    #[test]
    fn rubric_may_switch_it_off_or_deduct() {
        let mut r = load("national-2020");
        let set = |r: &mut (crate::rubric::Rubric, super::super::Settings), s: &str| {
            r.0.flags.insert("target-lowball".into(), s.into());
            r.1 = super::super::Settings::resolve(&r.0.flags).unwrap();
        };
        set(&mut r, "off");
        let y = project(
            "10",
            "10",
            "",
            &ind("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥2次', actual: 3次"),
        );
        assert_eq!(count(&flags_with(&y, &r), "target-lowball"), 0);
        set(&mut r, "error");
        let f = flags_with(&y, &r);
        assert_eq!(f[0].severity, super::super::Severity::Error);
    }

    #[test]
    fn rates_within_zero_to_hundred() {
        assert_eq!(
            count(
                &one("target: '≥90%', actual: '100.5%'"),
                "rate-out-of-range"
            ),
            1
        );
        assert_eq!(
            count(&one("target: '≥90%', actual: '100%'"), "rate-out-of-range"),
            0
        );
        assert_eq!(
            count(&one("target: '≥90%', actual: '-1%'"), "rate-out-of-range"),
            1
        );
        assert_eq!(
            count(&one("target: '≥90%', actual: '0%'"), "rate-out-of-range"),
            0
        );
        let ctl = flags(&project(
            "10",
            "10",
            "",
            &ind(
                "name: 三公经费控制率, level1: 产出指标, level2: 数量指标, target: '≤100%', actual: '105%'",
            ),
        ));
        assert_eq!(count(&ctl, "rate-out-of-range"), 0);
    }

    #[test]
    fn all_on_target_needs_five_exact() {
        let make = |n: usize, last: &str| {
            let mut s = String::new();
            for i in 0..n {
                let a = if i + 1 == n { last } else { "98%" };
                s.push_str(&ind(&format!("name: 指标{i}, level1: 产出指标, level2: 数量指标, target: '≥98%', actual: '{a}'")));
            }
            project("10", "10", "", &s)
        };
        assert_eq!(count(&flags(&make(5, "98%")), "all-on-target"), 1);
        assert_eq!(count(&flags(&make(4, "98%")), "all-on-target"), 0);
        assert_eq!(count(&flags(&make(5, "99%")), "all-on-target"), 0);
    }
}
