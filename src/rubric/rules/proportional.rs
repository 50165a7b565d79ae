//! `proportional`: a measure against a target. Met: full points; else in proportion (forward
//! actual/target, reverse by `reverse`).

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome, Shown};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::model::Direction;
use crate::num::{fmt_value, fmt2, mul_div_clamped};

/// 按完成比例计分：计量与目标之比乘以分值 / in proportion: the measure against the target, times
/// the points.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proportional {
    /// 目标值 / the target.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub target: Decimal,
    /// 方向：正向（越大越好）或反向 / direction: forward (more is better) or reverse.
    #[serde(default, deserialize_with = "crate::library::de_direction")]
    #[schemars(schema_with = "crate::library::direction_schema")]
    pub direction: Option<Direction>,
    /// 反向公式：ratio（分值×目标/实际）或 excess（按超出比例扣减）/ the reverse formula.
    #[serde(default)]
    pub reverse: Reverse,
}

/// The reverse formula of a proportional rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reverse {
    /// points × target / actual.
    #[default]
    Ratio,
    /// points × (1 − (actual − target) / target), floored at 0.
    Excess,
}

/// The actual against the target, and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    actual: Decimal,
    forward: bool,
    target: Decimal,
    score: Decimal,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let (x, op, t, s) = (
            fmt_value(self.actual),
            if self.forward { "≥" } else { "≤" },
            fmt_value(self.target),
            fmt2(self.score),
        );
        match lang {
            Lang::Zh => format!("实际 {x}，目标 {op}{t}：{s}"),
            Lang::En => format!("actual {x}, target {op}{t}: {s}"),
        }
    }
}

impl Kind for Proportional {
    const KEY: &'static str = "proportional";

    fn describe(&self, x: &str, lang: Lang) -> String {
        let t = self.target.normalize();
        match lang {
            Lang::Zh => format!("{x} 达到 {t} 得满分，否则按完成比例"),
            Lang::En => format!("{x} at {t}: full points, else in proportion"),
        }
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let Some(x) = inputs.number(item.input) else {
            return Ok(Outcome::missing(item.input));
        };
        let (p, target) = (item.points, self.target);
        let forward = self.direction.unwrap_or(Direction::Forward) == Direction::Forward;
        let met = if forward { x >= target } else { x <= target };
        let z = Decimal::ZERO;
        let score = if met {
            p
        } else if forward {
            mul_div_clamped(p, x, target, z, p).unwrap_or(z)
        } else {
            match self.reverse {
                Reverse::Ratio => mul_div_clamped(p, target, x, z, p).unwrap_or(z),
                // an excess too large for a Decimal is far past the target: nothing left
                Reverse::Excess => x
                    .checked_sub(target)
                    .and_then(|over| over.checked_div(target))
                    .and_then(|share| Decimal::ONE.checked_sub(share))
                    .and_then(|left| p.checked_mul(left))
                    .unwrap_or(z),
            }
        }
        .max(z)
        .min(p);
        Ok(Outcome::new(
            score,
            Some(Shown::Plain(x)),
            super::Trace::Proportional(Trace {
                actual: x,
                forward,
                target,
                score,
            }),
        ))
    }
}
