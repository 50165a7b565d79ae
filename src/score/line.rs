//! Scoring one indicator under the rubric, with the reason a person can check.

use rust_decimal::Decimal;

use super::{Line, Status, Unmeasured, fmt_points, fmt_value, fmt2};
use crate::i18n::Text;
use crate::model::lexeme::normalize;
use crate::model::{
    Actual, Date, Direction, Indicator, Level2, Money, Op, Record, Target, Tier, Unit,
};
use crate::rubric::Rubric;

/// The direction used: the stated one, else the operator's (`≤`/`<` reverse, others forward).
pub fn direction_of(ind: &Indicator) -> Direction {
    ind.direction.unwrap_or(match ind.target.op() {
        Some(Op::Le | Op::Lt) => Direction::Reverse,
        _ => Direction::Forward,
    })
}

struct Builder<'a> {
    index: usize,
    weight: Decimal,
    direction: Direction,
    ind: &'a Indicator,
}

impl Builder<'_> {
    fn line(&self, score: Decimal, status: Status, reason: Text) -> Line {
        Line {
            index: self.index,
            max: self.weight,
            score,
            status,
            unmeasured: None,
            tier: None,
            direction: self.direction,
            actual: None,
            target: None,
            reason,
        }
    }

    fn unmeasured(&self, why: Unmeasured) -> Line {
        let shown = self.ind.actual_text.as_deref().unwrap_or("").trim();
        let reason = match &why {
            Unmeasured::Missing => Text::new("未填写实际完成值：0", "no actual reported: 0"),
            Unmeasured::RestatesTarget => Text::new(
                format!("实际完成值 `{shown}` 只是重述目标，不是实测值：0"),
                format!("actual `{shown}` restates the target instead of measuring it: 0"),
            ),
            Unmeasured::NotMeasured => Text::new(
                format!("实际完成值 `{shown}` 不是可计分的实测值：0"),
                format!("actual `{shown}` is not a value that can be scored: 0"),
            ),
            Unmeasured::UnitMismatch { actual, target } => Text::new(
                format!("实际单位「{actual}」与目标单位「{target}」不是同一类：0"),
                format!(
                    "actual unit `{actual}` is not of the kind of the target unit `{target}`: 0"
                ),
            ),
        };
        let mut l = self.line(Decimal::ZERO, Status::Unmeasured, reason);
        l.unmeasured = Some(why);
        l
    }

    fn unmeasured_from(&self, actual: &Actual) -> Line {
        self.unmeasured(match actual {
            Actual::Missing => Unmeasured::Missing,
            Actual::Claim => Unmeasured::RestatesTarget,
            _ => Unmeasured::NotMeasured,
        })
    }
}

/// Scores indicator `ind` (number `index`) with `weight` points.
pub fn score_line(
    index: usize,
    ind: &Indicator,
    weight: Decimal,
    record: &Record,
    rubric: &Rubric,
) -> Line {
    let b = Builder {
        index,
        weight,
        direction: direction_of(ind),
        ind,
    };
    match &ind.target {
        Target::Qualitative(text) => qualitative(&b, text, rubric),
        Target::Deadline(deadline) => by_deadline(&b, *deadline, record),
        Target::Quantity { value, unit, .. } => quantity(&b, *value, unit, record, rubric),
    }
}

fn qualitative(b: &Builder, target_text: &str, rubric: &Rubric) -> Line {
    let ind = b.ind;
    let same_text = ind
        .actual_text
        .as_deref()
        .is_some_and(|a| !a.trim().is_empty() && normalize(a) == normalize(target_text));
    let tier = match &ind.actual {
        _ if same_text => Tier::Achieved,
        Actual::Tier(t) => *t,
        other => return b.unmeasured_from(other),
    };
    let rule = rubric.tier(tier);
    let w = b.weight;
    let claimed_in_range = ind
        .claimed_score
        .filter(|c| !w.is_zero() && rule.range.contains(*c / w * Decimal::ONE_HUNDRED));
    let (score, reason) = match claimed_in_range {
        Some(c) => (
            c,
            Text::new(
                format!(
                    "定性「{}」，自评 {} 在 {} 内：{}",
                    rule.name,
                    fmt_value(c),
                    rule.range,
                    fmt2(c)
                ),
                format!(
                    "qualitative `{}`: claimed {} lies in {}: {}",
                    tier.key(),
                    fmt_value(c),
                    rule.range,
                    fmt2(c)
                ),
            ),
        ),
        None => {
            let s = w * rule.default / Decimal::ONE_HUNDRED;
            (
                s,
                Text::new(
                    format!(
                        "定性「{}」，按默认 {}% × {} = {}",
                        rule.name,
                        fmt_value(rule.default),
                        fmt_points(w),
                        fmt2(s)
                    ),
                    format!(
                        "qualitative `{}`: default {}% × {} = {}",
                        tier.key(),
                        fmt_value(rule.default),
                        fmt_points(w),
                        fmt2(s)
                    ),
                ),
            )
        }
    };
    let mut l = b.line(score, Status::Qualitative, reason);
    l.tier = Some(tier);
    l
}

fn by_deadline(b: &Builder, deadline: Date, record: &Record) -> Line {
    let Actual::Date(done) = &b.ind.actual else {
        return b.unmeasured_from(&b.ind.actual);
    };
    let year = record.year.or(done.year).or(deadline.year).unwrap_or(2000);
    let met = done.resolve(year) <= deadline.resolve(year);
    let (d, t) = (done.display(), deadline.display());
    if met {
        b.line(
            b.weight,
            Status::Met,
            Text::new(
                format!("完成于 {d}，不晚于 {t}：满分 {}", fmt2(b.weight)),
                format!("done {d}, by the deadline {t}: full {}", fmt2(b.weight)),
            ),
        )
    } else {
        b.line(
            Decimal::ZERO,
            Status::NotMet,
            Text::new(
                format!("完成于 {d}，晚于 {t}：0"),
                format!("done {d}, after the deadline {t}: 0"),
            ),
        )
    }
}

fn quantity(b: &Builder, target: Decimal, unit: &Unit, record: &Record, rubric: &Rubric) -> Line {
    let ind = b.ind;
    let Actual::Measured {
        value,
        unit: a_unit,
    } = &ind.actual
    else {
        return b.unmeasured_from(&ind.actual);
    };
    let money = record.budget.unit;
    let (t_unit, a_unit) = if ind.is_cost() {
        (unit.clone().on_cost(money), a_unit.clone().on_cost(money))
    } else {
        (unit.clone(), a_unit.clone())
    };
    // `万` alone beside an amount of money is 万元 (检查医院违规金额 ≥240万 against 180万元).
    let wan = Unit::Word("万".into());
    let (t_unit, a_unit) = match (t_unit, a_unit) {
        (t, a) if t == wan && a.is_money() => (Unit::Money(Money::Wan), a),
        (t, a) if a == wan && t.is_money() => (t, Unit::Money(Money::Wan)),
        pair => pair,
    };
    let Some(actual) = a_unit.convert(*value, &t_unit) else {
        return b.unmeasured(Unmeasured::UnitMismatch {
            actual: a_unit.as_str().to_string(),
            target: t_unit.as_str().to_string(),
        });
    };
    let u = if t_unit == Unit::None {
        a_unit.as_str()
    } else {
        t_unit.as_str()
    };
    let a_s = format!("{}{u}", fmt_value(actual));
    let t_s = format!("{}{u}", fmt_value(target));
    let w = b.weight;
    let forward = b.direction == Direction::Forward;
    let met = if forward {
        actual >= target
    } else {
        actual <= target
    };
    let binary = ind.level2 == Level2::Timeliness && (t_unit.is_time() || a_unit.is_time());
    let mut line = if met {
        let cmp = if forward { "≥" } else { "≤" };
        let mut score = w;
        let mut zh = format!("实际 {a_s} {cmp} 目标 {t_s}：达标，满分 {}", fmt2(w));
        let mut en = format!("actual {a_s} {cmp} target {t_s}: met, full {}", fmt2(w));
        let th = &rubric.thresholds;
        if forward
            && target > Decimal::ZERO
            && !th.lowball_deduction.is_zero()
            && actual >= target * th.lowball_ratio
        {
            let cut = w * th.lowball_deduction / Decimal::ONE_HUNDRED;
            score = (w - cut).max(Decimal::ZERO);
            zh.push_str(&format!(
                "；目标偏低，扣 {}% = {}",
                fmt_value(th.lowball_deduction),
                fmt2(score)
            ));
            en.push_str(&format!(
                "; target set too low, less {}% = {}",
                fmt_value(th.lowball_deduction),
                fmt2(score)
            ));
        }
        b.line(score, Status::Met, Text::new(zh, en))
    } else if binary {
        b.line(
            Decimal::ZERO,
            Status::NotMet,
            Text::new(
                format!("时效：实际 {a_s}，未在目标 {t_s} 内：0"),
                format!("timeliness: actual {a_s} not within target {t_s}: 0"),
            ),
        )
    } else if forward {
        proportional(b, actual, target, (&a_s, &t_s))
    } else {
        proportional(b, target, actual, (&t_s, &a_s))
    };
    line.actual = Some(actual);
    line.target = Some(target);
    line
}

/// `weight × num / den`, clamped to [0, weight]; a zero denominator scores 0. `shown` is the
/// numerator and denominator as written, for the reason.
fn proportional(b: &Builder, num: Decimal, den: Decimal, shown: (&str, &str)) -> Line {
    let w = b.weight;
    let (n_zh, d_zh, n_en, d_en) = if b.direction == Direction::Forward {
        ("实际", "目标", "actual", "target")
    } else {
        ("目标", "实际", "target", "actual")
    };
    if den.is_zero() {
        return b.line(
            Decimal::ZERO,
            Status::NotMet,
            Text::new(
                format!("未达标，{d_zh}为 0，比例无意义：0"),
                format!("not met and the {d_en} is 0, so the ratio is undefined: 0"),
            ),
        );
    }
    let score = (w * num / den).max(Decimal::ZERO).min(w);
    b.line(
        score,
        Status::NotMet,
        Text::new(
            format!(
                "{n_zh} {} / {d_zh} {} × {} = {}",
                shown.0,
                shown.1,
                fmt_points(w),
                fmt2(score)
            ),
            format!(
                "{n_en} {} / {d_en} {} × {} = {}",
                shown.0,
                shown.1,
                fmt_points(w),
                fmt2(score)
            ),
        ),
    )
}
