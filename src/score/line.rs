//! Scoring one indicator under the rubric, with the reason a person can check.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Line, Reason, Status, Unmeasured};
use crate::model::lexeme::{normalize, trim};
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
    fn line(&self, score: Decimal, status: Status, reason: Reason) -> Line {
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
        let mut l = self.line(
            Decimal::ZERO,
            Status::Unmeasured,
            Reason::Unmeasured(why.clone()),
        );
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
    let same_text = ind.actual_text.as_deref().map(trim).is_some_and(|a| {
        !a.is_empty() && (a == trim(target_text) || normalize(a) == normalize(target_text))
    });
    let tier = match &ind.actual {
        _ if same_text => Tier::Achieved,
        Actual::Tier(t) => *t,
        other => return b.unmeasured_from(other),
    };
    let rule = rubric.tier(tier);
    let w = b.weight;
    let claimed = ind
        .claimed_score
        .filter(|c| !w.is_zero() && rule.range.contains(*c / w * Decimal::ONE_HUNDRED));
    let score = claimed.unwrap_or_else(|| w * rule.default / Decimal::ONE_HUNDRED);
    let reason = Reason::Qualitative {
        tier,
        range: rule.range,
        claimed,
        default: rule.default,
        weight: w,
        score,
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
    let done = *done;
    if done.resolve(year) <= deadline.resolve(year) {
        let weight = b.weight;
        b.line(
            weight,
            Status::Met,
            Reason::DeadlineMet {
                done,
                deadline,
                weight,
            },
        )
    } else {
        b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::DeadlineMissed { done, deadline },
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
    // borrowed as written; a cost indicator's units read in the budget's money
    let (t_unit, a_unit): (Cow<Unit>, Cow<Unit>) = if ind.is_cost() {
        (
            Cow::Owned(unit.clone().on_cost(money)),
            Cow::Owned(a_unit.clone().on_cost(money)),
        )
    } else {
        (Cow::Borrowed(unit), Cow::Borrowed(a_unit))
    };
    // `万` alone beside an amount of money is 万元 (检查医院违规金额 ≥240万 against 180万元).
    let wan = |u: &Unit| matches!(u, Unit::Word(w) if w == "万");
    let wan_yuan = || Cow::Owned(Unit::Money(Money::Wan));
    let (t_unit, a_unit) = match (t_unit, a_unit) {
        (t, a) if wan(&t) && a.is_money() => (wan_yuan(), a),
        (t, a) if wan(&a) && t.is_money() => (t, wan_yuan()),
        pair => pair,
    };
    let Some(actual) = a_unit.convert(*value, &t_unit) else {
        return b.unmeasured(Unmeasured::UnitMismatch {
            actual: a_unit.as_str().to_string(),
            target: t_unit.as_str().to_string(),
        });
    };
    let unit = if *t_unit == Unit::None {
        a_unit.as_ref().clone()
    } else {
        t_unit.as_ref().clone()
    };
    let w = b.weight;
    let forward = b.direction == Direction::Forward;
    let met = if forward {
        actual >= target
    } else {
        actual <= target
    };
    let binary = ind.level2 == Level2::Timeliness && (t_unit.is_time() || a_unit.is_time());
    let mut line = if met {
        let th = &rubric.thresholds;
        let lowball = (forward
            && target > Decimal::ZERO
            && !th.lowball_deduction.is_zero()
            && actual >= target * th.lowball_ratio)
            .then(|| {
                let cut = w * th.lowball_deduction / Decimal::ONE_HUNDRED;
                (th.lowball_deduction, (w - cut).max(Decimal::ZERO))
            });
        let score = lowball.map_or(w, |(_, s)| s);
        let reason = Reason::Met {
            actual,
            target,
            unit,
            forward,
            weight: w,
            lowball,
        };
        b.line(score, Status::Met, reason)
    } else if binary {
        b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::LateDuration {
                actual,
                target,
                unit,
            },
        )
    } else {
        let (num, den) = if forward {
            (actual, target)
        } else {
            (target, actual)
        };
        if den.is_zero() {
            b.line(Decimal::ZERO, Status::NotMet, Reason::ZeroRatio { forward })
        } else {
            // weight × num / den, clamped to [0, weight]
            let score = (w * num / den).max(Decimal::ZERO).min(w);
            let reason = Reason::Proportional {
                actual,
                target,
                unit,
                forward,
                weight: w,
                score,
            };
            b.line(score, Status::NotMet, reason)
        }
    };
    line.actual = Some(actual);
    line.target = Some(target);
    line
}
