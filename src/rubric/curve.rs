//! How a quantitative line scored by its figure turns what it reached into points: the rubric's
//! `lines:`, each a curve for the indicators of some level1s or level2s, the first that matches
//! winning. A line no entry matches scores in proportion to its completion, as 财预〔2020〕10号
//! 第十六条 has it; a rubric that scores otherwise (a pass mark, satisfaction in bands) says so
//! here, as data any province can reuse.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::Range;
use crate::de;
use crate::i18n::{Lang, Text};
use crate::model::{Indicator, Level1, Level2};
use crate::num::fmt_value;

/// 一条计分曲线 / one entry of `lines:`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineRule {
    /// 名称（`rubric show` 显示）/ what the entry is called on `rubric show`.
    pub name: String,
    /// 适用的一级指标，空为全部 / the level1s it applies to (a 成本 line of 产出 counts as
    /// cost); none: any.
    #[serde(default, deserialize_with = "de::level1s")]
    #[schemars(schema_with = "de::level1s_schema")]
    pub level1: Vec<Level1>,
    /// 适用的二级指标，空为全部 / the level2s it applies to; none: any.
    #[serde(default, deserialize_with = "de::level2s")]
    #[schemars(schema_with = "de::level2s_schema")]
    pub level2: Vec<Level2>,
    #[serde(with = "serde_yaml::with::singleton_map")]
    /// 曲线：proportional、`{pass_mark: 60}` 或 `{bands: {of, bands}}` / the curve.
    #[schemars(with = "Curve")]
    pub curve: Curve,
    /// 依据条款 / the article the entry rests on.
    #[serde(default)]
    pub source: Option<String>,
}

/// A scoring curve of a quantitative line.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Curve {
    /// The weight times the completion ratio, capped at the weight (财预〔2020〕10号 第十六条).
    Proportional,
    /// A completion ratio below this percentage scores 0; at or above it,
    /// (ratio − pass) / (100 − pass) of the weight, capped at the weight.
    PassMark(
        #[serde(deserialize_with = "de::decimal")]
        #[schemars(schema_with = "de::decimal_schema")]
        Decimal,
    ),
    /// The actual (in the target's unit) or the completion ratio, in bands that each give a
    /// share of the weight.
    Bands(ShareBands),
}

/// What a band curve reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Of {
    /// The actual as reached, in the target's unit (a satisfaction of 86%).
    Actual,
    /// The completion ratio in percent: actual / target, or target / actual for a ceiling.
    Ratio,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareBands {
    pub of: Of,
    pub bands: Vec<ShareBand>,
}

/// A band: a range of the value read and the percentage of the weight it gives.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareBand {
    pub range: Range,
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub share: Decimal,
}

/// The curve of lines no entry matches.
pub static PROPORTIONAL: Curve = Curve::Proportional;

impl LineRule {
    /// Whether the entry applies to `ind`.
    pub fn applies(&self, ind: &Indicator) -> bool {
        (self.level1.is_empty() || self.level1.contains(&ind.scored_level1()))
            && (self.level2.is_empty() || self.level2.contains(&ind.level2))
    }

    /// Checks the curve when the rubric is loaded.
    pub fn check(&self) -> Result<(), Text> {
        let name = &self.name;
        let err = |t: Text| {
            Text::new(
                format!("计分曲线「{name}」：{}", t.zh),
                format!("line rule `{name}`: {}", t.en),
            )
        };
        match &self.curve {
            Curve::Proportional => Ok(()),
            Curve::PassMark(p) => {
                if *p < Decimal::ZERO || *p >= Decimal::ONE_HUNDRED {
                    return Err(err(Text::new(
                        format!("及格线 {} 应在 [0, 100) 之间", fmt_value(*p)),
                        format!("the pass mark {} must lie in [0, 100)", fmt_value(*p)),
                    )));
                }
                Ok(())
            }
            Curve::Bands(b) => b.check().map_err(err),
        }
    }

    /// The entry in words, for `rubric show`.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut levels: Vec<&str> = self
            .level1
            .iter()
            .map(|l| if zh { l.zh() } else { l.en() })
            .collect();
        levels.extend(self.level2.iter().map(|l| if zh { l.zh() } else { l.en() }));
        let scope = match (levels.is_empty(), zh) {
            (true, true) => "其他定量指标".to_string(),
            (true, false) => "other quantitative indicators".to_string(),
            (false, _) => levels.join(if zh { "、" } else { ", " }),
        };
        format!("{scope}: {}", self.curve.describe(lang))
    }
}

impl Curve {
    /// The curve in words.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Curve::Proportional if zh => "按完成比例计分".into(),
            Curve::Proportional => "in proportion to completion".into(),
            Curve::PassMark(p) => {
                let p = fmt_value(*p);
                if zh {
                    format!("完成比例低于 {p}% 得 0，否则 (完成比例 − {p}%) / (100% − {p}%) × 分值")
                } else {
                    format!(
                        "a completion below {p}% scores 0, else (completion − {p}%) / (100% − {p}%) × points"
                    )
                }
            }
            Curve::Bands(b) => {
                let of = match (b.of, zh) {
                    (Of::Actual, true) => "实际完成值",
                    (Of::Actual, false) => "the actual",
                    (Of::Ratio, true) => "完成比例",
                    (Of::Ratio, false) => "the completion",
                };
                let parts: Vec<String> = b
                    .bands
                    .iter()
                    .map(|s| format!("{} → {}%", s.range, fmt_value(s.share)))
                    .collect();
                if zh {
                    format!("按{of}分档，得分值的：{}", parts.join("；"))
                } else {
                    format!(
                        "{of} in bands, as shares of the points: {}",
                        parts.join("; ")
                    )
                }
            }
        }
    }
}

impl ShareBands {
    fn check(&self) -> Result<(), Text> {
        if self.bands.is_empty() {
            return Err(Text::new("没有分档", "has no bands"));
        }
        let ranges: Vec<Range> = self.bands.iter().map(|b| b.range).collect();
        Range::check_contiguous(&ranges)?;
        if let Some(b) = self
            .bands
            .iter()
            .find(|b| b.share < Decimal::ZERO || b.share > Decimal::ONE_HUNDRED)
        {
            return Err(Text::new(
                format!(
                    "分档 {} 的比例 {}% 超出 [0, 100]",
                    b.range,
                    fmt_value(b.share)
                ),
                format!(
                    "band {} gives {}%, outside [0, 100]",
                    b.range,
                    fmt_value(b.share)
                ),
            ));
        }
        Ok(())
    }

    /// The band `x` falls in.
    pub fn band(&self, x: Decimal) -> Option<&ShareBand> {
        self.bands.iter().find(|b| b.range.contains(x))
    }
}
