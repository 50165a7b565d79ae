//! `tiers`: the input is a tier word (达成/部分达成/未达成), scored with the rubric's tiers.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome, Shown};
use crate::i18n::{Lang, Text};
use crate::model::{Measure, Tier};
use crate::num::{fmt_points, fmt_value, fmt2};

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiers {}

/// The tier read, its default share of the points, and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    tier: Tier,
    default: Decimal,
    points: Decimal,
    score: Decimal,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let (k, d, p, s) = (
            self.tier.key(),
            fmt_value(self.default),
            fmt_points(self.points),
            fmt2(self.score),
        );
        match lang {
            Lang::Zh => format!("档次 {k}：默认 {d}% × {p} = {s}"),
            Lang::En => format!("tier {k}: default {d}% × {p} = {s}"),
        }
    }
}

impl Kind for Tiers {
    const KEY: &'static str = "tiers";

    fn describe(&self, x: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{x} 按档次（达成/部分达成/未达成）"),
            Lang::En => format!("{x} by tier (achieved/partial/not achieved)"),
        }
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let input = item.input;
        let word = match inputs.record.measures.get(input) {
            None => return Ok(Outcome::missing(input)),
            Some(Measure::Word(w)) => w.clone(),
            Some(other) => format!("{other:?}"),
        };
        let Some(tier) = Tier::parse(&word) else {
            return Err(Text::new(
                format!("`{input}` 的值 `{word}` 不是档次词（达成/部分达成/未达成）"),
                format!("`{input}` = `{word}` is not a tier word (达成/部分达成/未达成)"),
            ));
        };
        let rule = inputs
            .tiers
            .iter()
            .find(|r| r.tier == tier)
            .expect("checked at load: every tier is present");
        let score = item.points * rule.default / Decimal::ONE_HUNDRED;
        Ok(Outcome::new(
            score,
            Some(Shown::Word(word)),
            super::Trace::Tiers(Trace {
                tier,
                default: rule.default,
                points: item.points,
                score,
            }),
        ))
    }
}
