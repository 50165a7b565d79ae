//! `deduct`: full points within `limit`; `per` points off for each `step` beyond it; floored
//! at 0.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome, Shown};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::num::{fmt_points, fmt_value, fmt2};

/// 超限扣分：不超过 `limit` 得满分，每超 `step` 扣 `per`，扣完为止 / a deduction: full points
/// up to `limit`, `per` off for each `step` beyond, floored at 0.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deduct {
    /// 满分的上限 / the limit up to which the item gets full points.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub limit: Decimal,
    /// 每步扣分 / the points off each step.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub per: Decimal,
    /// 步长 / the step.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub step: Decimal,
    /// 不足一步如何计：exact（按比例）、ceil（算一步）、floor（不算）/ how a part of a step
    /// counts.
    #[serde(default)]
    pub rounding: Rounding,
    /// 取绝对值比较（如预算调整率绝对值）/ compare the absolute value (预算调整率绝对值).
    #[serde(default)]
    pub abs: bool,
}

/// How steps beyond a deduction's limit are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Fractions of a step count in proportion.
    #[default]
    Exact,
    /// A started step counts whole.
    Ceil,
    /// Only whole steps count.
    Floor,
}

/// The value compared, the limit, and (beyond it) the steps counted and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    value: Decimal,
    abs: bool,
    limit: Decimal,
    points: Decimal,
    /// Beyond the limit: the steps counted and the points off each.
    beyond: Option<(Decimal, Decimal)>,
    score: Decimal,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let (v, l, p) = (
            fmt_value(self.value),
            fmt_value(self.limit),
            fmt_points(self.points),
        );
        let Some((steps, per)) = self.beyond else {
            let a = if self.abs { "|x| = " } else { "" };
            return match lang {
                Lang::Zh => format!("{a}{v} ≤ {l}：满分 {p}"),
                Lang::En => format!("{a}{v} ≤ {l}: full {p}"),
            };
        };
        let (n, each, off, s) = (
            fmt_value(steps.round_dp(4)),
            fmt_value(per),
            fmt_value(per.saturating_mul(steps).round_dp(4)),
            fmt2(self.score),
        );
        match lang {
            Lang::Zh => format!("{v} 超出 {l} 共 {n} 步，每步扣 {each}：{p} − {off} = {s}"),
            Lang::En => format!("{v} is {n} steps beyond {l}, {each} off each: {p} − {off} = {s}"),
        }
    }
}

impl Kind for Deduct {
    const KEY: &'static str = "deduct";

    fn check(&mut self, _item: &Head) -> Result<(), Text> {
        if self.step.is_zero() || self.step.is_sign_negative() {
            return Err(Text::new("`step` 须为正数", "`step` must be positive"));
        }
        Ok(())
    }

    fn describe(&self, x: &str, lang: Lang) -> String {
        let v = |d: &Decimal| d.normalize().to_string();
        let x = if self.abs {
            format!("|{x}|")
        } else {
            x.to_string()
        };
        let (l, s, p) = (v(&self.limit), v(&self.step), v(&self.per));
        match lang {
            Lang::Zh => format!("{x} ≤ {l} 得满分，每超 {s} 扣 {p}，扣完为止"),
            Lang::En => format!("{x} ≤ {l}: full points, {p} off per {s} beyond, floored at 0"),
        }
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let Some(x) = inputs.number(item.input) else {
            return Ok(Outcome::missing(item.input));
        };
        let p = item.points;
        let v = if self.abs { x.abs() } else { x };
        let (score, beyond) = if v <= self.limit {
            (p, None)
        } else {
            // a value so far beyond the limit that its steps overflow a Decimal leaves nothing
            let raw = v
                .checked_sub(self.limit)
                .and_then(|over| over.checked_div(self.step))
                .unwrap_or(Decimal::MAX);
            let steps = match self.rounding {
                Rounding::Exact => raw,
                Rounding::Ceil => raw.ceil(),
                Rounding::Floor => raw.floor(),
            };
            let left = self
                .per
                .checked_mul(steps)
                .and_then(|off| p.checked_sub(off))
                .unwrap_or(Decimal::ZERO);
            (left.max(Decimal::ZERO), Some((steps, self.per)))
        };
        Ok(Outcome::new(
            score,
            Some(Shown::Percent(x)),
            super::Trace::Deduct(Trace {
                value: v,
                abs: self.abs,
                limit: self.limit,
                points: p,
                beyond,
                score,
            }),
        ))
    }
}
