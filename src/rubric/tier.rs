//! The qualitative tiers of a rubric (达成/部分达成/未达成): each a range as a percentage of an
//! indicator's weight, and the default share a line gets when its claimed score is absent or
//! out of range.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::Range;
use crate::de;
use crate::i18n::Text;
use crate::model::Tier;

/// 定性档次：得分占权重百分比的区间与默认值 / a qualitative tier: its range as a percentage of
/// the weight and its default.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierRule {
    /// 档次：achieved、partial、not_achieved / the tier.
    #[serde(deserialize_with = "de_tier")]
    #[schemars(schema_with = "tier_schema")]
    pub tier: Tier,
    /// 档次名称，如 达成 / the tier's name.
    pub name: String,
    /// 得分占权重百分比的区间 / the range of the score, as a percentage of the weight.
    pub range: Range,
    /// 未自评或自评超出区间时的默认百分比 / default percentage of the weight when the claimed
    /// score is absent or out of range.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub default: Decimal,
}

/// The editor schema of what [`de_tier`] reads: a tier word, any ASCII case.
fn tier_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let words: Vec<&str> = Tier::WORDS.iter().map(|(w, _)| *w).collect();
    let shown = ["achieved", "partial", "not_achieved"];
    let accepted = "achieved、partial、not_achieved（或 达成、部分达成、未达成）";
    de::word_schema(&shown, &words, de::Fold::AsciiCase, accepted, false)
}

fn de_tier<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Tier, D::Error> {
    let w = String::deserialize(d)?;
    Tier::parse(&w).ok_or_else(|| {
        de::custom(Text::new(
            format!("档次 `{w}` 无法识别：应为 achieved、partial 或 not_achieved"),
            format!("tier `{w}` not recognised: expected achieved, partial or not_achieved"),
        ))
    })
}
