//! `sum`: the unit's own indicators of these level1s, scored one by one (项目产出 40 = the
//! output indicators, whose weights should sum to 40). The engine scores the indicators and
//! hands this rule their sums.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Moved, Outcome};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::model::Level1;
use crate::num::{fmt_points, fmt2};

/// 指标之和：计入这些一级指标下各指标的得分 / the sum of the scores of the indicators of these
/// level1s.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sum {
    /// 计入的一级指标，如 `[output]` / the level1s counted.
    #[serde(deserialize_with = "de::level1s")]
    #[schemars(schema_with = "de::level1s_schema")]
    pub level1: Vec<Level1>,
}

/// How many indicators, their summed score and maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    count: usize,
    score: Decimal,
    max: Decimal,
    /// The item's points under the rubric for this record (with any moved in or out): the
    /// maximum when the unit sets no weights of its own.
    points: Decimal,
    /// Points moved in or out because a `sum` item counted no indicator.
    moved: Vec<Moved>,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let (n, s, m) = (self.count, fmt2(self.score), fmt_points(self.max));
        let p = fmt_points(self.points);
        let out: Vec<String> = self
            .moved
            .iter()
            .filter(|v| !v.into)
            .map(|v| format!("{} {}", v.item(lang), fmt_points(v.points)))
            .collect();
        if n == 0 && !out.is_empty() {
            let all = fmt_points(
                self.moved
                    .iter()
                    .filter(|v| !v.into)
                    .map(|v| v.points)
                    .sum(),
            );
            return if zh {
                format!("没有指标：本项 {all} 分移入 {}", out.join("、"))
            } else {
                format!("no indicator: its {all} points go to {}", out.join(", "))
            };
        }
        let mut note = String::new();
        // equal shares of an item (50 / 12 each) sum back to its points only to the digits shown
        if m != p {
            note.push_str(&if zh {
                format!("：单位自设权重之和，评分规则原定 {p}")
            } else {
                format!(", the unit's own weights; the rubric sets {p}")
            });
        }
        let ins: Vec<String> = self
            .moved
            .iter()
            .filter(|v| v.into)
            .map(|v| {
                let x = fmt_points(v.points);
                if zh {
                    format!("{x} 分因没有{}", v.item(lang))
                } else {
                    format!("{x} from {}", v.item(lang))
                }
            })
            .collect();
        if !ins.is_empty() {
            note.push_str(&if zh {
                format!("，其中 {}移入", ins.join("、"))
            } else {
                format!(", including {} (no indicator there)", ins.join(", "))
            });
        }
        if zh {
            format!("{n} 个指标得分之和 {s}（满分 {m}{note}）")
        } else {
            format!(
                "sum of {}: {s} (of {m}{note})",
                crate::i18n::count(n as u64, "indicator")
            )
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
                moved: item.moved.to_vec(),
            }),
        );
        out.max = Some(m.max);
        Ok(out)
    }
}
