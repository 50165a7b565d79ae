//! `sum`: the unit's own indicators of these level1s, scored one by one (项目产出 40 = the
//! output indicators, whose weights should sum to 40). The engine scores the indicators and
//! hands this rule their sums.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::model::Level1;
use crate::num::{fmt_points, fmt2};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sum {
    #[serde(deserialize_with = "de_level1s")]
    pub level1: Vec<Level1>,
}

fn de_level1s<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Level1>, D::Error> {
    let words = Vec::<String>::deserialize(d)?;
    words
        .iter()
        .map(|w| {
            Level1::parse(w).ok_or_else(|| {
                de::custom(de::unknown_word(
                    ("一级指标", "level1"),
                    w,
                    Level1::ACCEPTED,
                ))
            })
        })
        .collect()
}

/// How many indicators, their summed score and maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    count: usize,
    score: Decimal,
    max: Decimal,
    /// The item's points under the rubric: the maximum when the unit sets no weights of its own.
    points: Decimal,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let (n, s, m) = (self.count, fmt2(self.score), fmt_points(self.max));
        let p = fmt_points(self.points);
        // equal shares of an item (50 / 12 each) sum back to its points only to the digits shown
        match (lang, m == p) {
            (Lang::Zh, true) => format!("{n} 个指标得分之和 {s}（满分 {m}）"),
            (Lang::Zh, false) => {
                format!("{n} 个指标得分之和 {s}（满分 {m}：单位自设权重之和，评分规则原定 {p}）")
            }
            (Lang::En, true) => format!("sum of {n} indicators: {s} (of {m})"),
            (Lang::En, false) => format!(
                "sum of {n} indicators: {s} (of {m}, the unit's own weights; the rubric sets {p})"
            ),
        }
    }
}

impl Kind for Sum {
    const KEY: &'static str = "sum";
    const NEEDS_INPUT: bool = false;

    fn describe(&self, _input: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => {
                let l: Vec<&str> = self.level1.iter().map(|l| l.zh()).collect();
                format!("单位自设的{}之和", l.join("、"))
            }
            Lang::En => {
                let l: Vec<&str> = self.level1.iter().map(|l| l.en()).collect();
                format!("sum of the unit's own {} indicators", l.join(", "))
            }
        }
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let m = inputs.members;
        let mut out = Outcome::new(
            m.score,
            None,
            super::Trace::Sum(Trace {
                count: m.count,
                score: m.score,
                max: m.max,
                points: item.points,
            }),
        );
        out.max = Some(m.max);
        Ok(out)
    }
}
