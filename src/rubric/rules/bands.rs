//! `bands`: ordered ranges of the measured value, each worth some points, with explicit
//! open/closed ends; no gap, no overlap.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome, Shown};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::num::{fmt_points, fmt_value};
use crate::rubric::Range;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Bands {
    pub bands: Vec<Band>,
}

/// 分档：计量所在区间及其得分 / a band: a range of the measured value and the points it gets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub range: Range,
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub points: Decimal,
}

/// The value and the band it fell in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    value: Decimal,
    band: Option<(Range, Decimal)>,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        // the band is decided on the exact value; four decimals show which side of a boundary
        // it lies on without printing all 28
        let x = fmt_value(self.value.round_dp(4));
        match (&self.band, lang) {
            (Some((r, p)), Lang::Zh) => format!("{x}% 落在 {r} → {}", fmt_points(*p)),
            (Some((r, p)), Lang::En) => format!("{x}% lies in {r} → {}", fmt_points(*p)),
            (None, Lang::Zh) => format!("{x}% 不在任何分档内：0"),
            (None, Lang::En) => format!("{x}% lies in no band: 0"),
        }
    }
}

impl Kind for Bands {
    const KEY: &'static str = "bands";

    fn check(&mut self, item: &Head) -> Result<(), Text> {
        let bands = &self.bands;
        if bands.is_empty() {
            return Err(Text::new("没有分档", "has no bands"));
        }
        let ranges: Vec<Range> = bands.iter().map(|b| b.range).collect();
        Range::check_contiguous(&ranges)?;
        if let Some(b) = bands
            .iter()
            .find(|b| b.points > item.points || b.points < Decimal::ZERO)
        {
            return Err(Text::new(
                format!(
                    "分档 {} 的分值 {} 超出 [0, {}]",
                    b.range,
                    b.points.normalize(),
                    item.points.normalize()
                ),
                format!(
                    "band {} gives {} points, outside [0, {}]",
                    b.range,
                    b.points.normalize(),
                    item.points.normalize()
                ),
            ));
        }
        Ok(())
    }

    fn describe(&self, x: &str, _lang: Lang) -> String {
        let parts: Vec<String> = self
            .bands
            .iter()
            .map(|b| format!("{} → {}", b.range, b.points.normalize()))
            .collect();
        format!("{x}: {}", parts.join("; "))
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let Some(x) = inputs.number(item.input) else {
            return Ok(Outcome::missing(item.input));
        };
        let band = self.bands.iter().find(|b| b.range.contains(x));
        Ok(Outcome::new(
            band.map_or(Decimal::ZERO, |b| b.points),
            Some(Shown::Percent(x)),
            super::Trace::Bands(Trace {
                value: x,
                band: band.map(|b| (b.range, b.points)),
            }),
        ))
    }
}
