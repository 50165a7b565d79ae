//! Which way a quantitative target points: a floor to reach or a ceiling to stay under, and
//! why it was read so. The forms often leave the direction unsaid (`193万元`, `=0%`, `4个月`).

use rust_decimal::Decimal;

use crate::model::{Direction, Indicator, Op, Target};

/// Why a target was read as a floor or as a ceiling, in the order the reasons are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Why {
    /// The indicator states its direction (`direction:`, the 指标方向性 column).
    Stated,
    /// A cost indicator is a ceiling, whatever its operator: spending less is not failing.
    Cost,
    /// `≤ < 不高于 不超过 以内 以下` are ceilings; `≥ > 不低于 以上 达到` floors.
    Operator,
    /// `=` or no operator on a target of zero (`=0%`, `0起`): nothing is the most allowed.
    Zero,
    /// `=` or no operator on a duration (`4个月`): the time allowed.
    Duration,
    /// `=` or no operator on anything else: the value to reach.
    Equals,
}

/// The direction a target is scored in, and why.
pub fn reading(ind: &Indicator) -> (Direction, Why) {
    if let Some(d) = ind.direction {
        return (d, Why::Stated);
    }
    if ind.is_cost() {
        return (Direction::Reverse, Why::Cost);
    }
    match &ind.target {
        Target::Quantity { op, value, .. } => match op {
            Op::Le | Op::Lt => (Direction::Reverse, Why::Operator),
            Op::Ge | Op::Gt => (Direction::Forward, Why::Operator),
            Op::Eq if *value == Decimal::ZERO => (Direction::Reverse, Why::Zero),
            Op::Eq if ind.target.is_duration() => (Direction::Reverse, Why::Duration),
            Op::Eq => (Direction::Forward, Why::Equals),
        },
        _ => (Direction::Forward, Why::Equals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actual, CellText, Level1, Level2};

    fn ind(
        level1: Level1,
        level2: Level2,
        target: &str,
        direction: Option<Direction>,
    ) -> Indicator {
        Indicator {
            name: CellText::new("甲"),
            level1,
            level2,
            target: Target::parse(target).unwrap(),
            target_text: CellText::new(target),
            direction,
            weight: None,
            actual: Actual::Missing,
            actual_text: None,
            claimed_score: None,
            deviation: None,
            notes: None,
            line: None,
        }
    }

    #[test]
    fn each_reading_in_its_order() {
        use Direction::{Forward, Reverse};
        use Level1::{Cost, Output};
        use Level2::{Quality, Quantity, Timeliness};
        let cases = [
            // a stated direction wins, even against the operator or on a cost line
            (
                Output,
                Quantity,
                "≤5次",
                Some(Forward),
                Forward,
                Why::Stated,
            ),
            (
                Cost,
                Level2::Cost,
                "≤20万元",
                Some(Forward),
                Forward,
                Why::Stated,
            ),
            // a cost line is a ceiling whatever its operator
            (Cost, Level2::Cost, "193万元", None, Reverse, Why::Cost),
            (Cost, Level2::Cost, "=20.1万元", None, Reverse, Why::Cost),
            (Cost, Level2::Cost, "≥20万元", None, Reverse, Why::Cost),
            (Output, Level2::Cost, "≥20万元", None, Reverse, Why::Cost),
            // operators, in symbols and in words
            (Output, Quality, "≤1%", None, Reverse, Why::Operator),
            (Output, Quality, "不超过1%", None, Reverse, Why::Operator),
            (Output, Quality, "1%以内", None, Reverse, Why::Operator),
            (Output, Quality, "5%以下", None, Reverse, Why::Operator),
            (Output, Quality, "不高于1%", None, Reverse, Why::Operator),
            (Output, Quality, "<1%", None, Reverse, Why::Operator),
            (Output, Quality, "≥90%", None, Forward, Why::Operator),
            (Output, Quality, "不低于90%", None, Forward, Why::Operator),
            (Output, Quality, "90%以上", None, Forward, Why::Operator),
            (Output, Quality, "达到90%", None, Forward, Why::Operator),
            (Output, Quality, ">0", None, Forward, Why::Operator),
            // `=` or none: a floor, but a ceiling on zero and on a duration
            (Output, Quality, "=0%", None, Reverse, Why::Zero),
            (Output, Quality, "0起", None, Reverse, Why::Zero),
            (Output, Quality, "=0.00%", None, Reverse, Why::Zero),
            (Output, Quality, "=0.01%", None, Forward, Why::Equals),
            (Output, Quality, "≥0", None, Forward, Why::Operator),
            (Output, Timeliness, "4个月", None, Reverse, Why::Duration),
            (Output, Timeliness, "=30天", None, Reverse, Why::Duration),
            (Output, Timeliness, "4月", None, Reverse, Why::Duration),
            (Output, Quantity, "=8个", None, Forward, Why::Equals),
            (Output, Quantity, "100%", None, Forward, Why::Equals),
            (Output, Timeliness, "12月底前", None, Forward, Why::Equals),
        ];
        for (l1, l2, target, stated, dir, why) in cases {
            assert_eq!(
                reading(&ind(l1, l2, target, stated)),
                (dir, why),
                "{target} {stated:?}"
            );
        }
    }
}
