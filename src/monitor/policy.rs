//! The monitoring policy (`rubrics/monitor/*.yaml`): the checkpoints of the spending calendar
//! with their warning tiers, and the thresholds the rules read. Data, like a rubric: a
//! province's or a city's numbers are a file, not code.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::de;
use crate::error::InputError;
use crate::i18n::{Lang, Text};

/// The monitoring policies shipped in the binary, by name.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "shaanxi-dept-2020-progress",
        include_str!("../../rubrics/monitor/shaanxi-dept-2020-progress.yaml"),
    ),
    (
        "province-bimonthly",
        include_str!("../../rubrics/monitor/province-bimonthly.yaml"),
    ),
];

/// The editor schema of a monitoring policy file.
pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.root_schema_for::<File>()
}

/// The shipped policy used when none is named.
pub const DEFAULT: &str = "shaanxi-dept-2020-progress";

/// 监控规则 / a monitoring policy (`jixiao monitor --policy FILE`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jixiao 监控规则 / monitoring policy")]
struct File {
    /// 规则编号 / the policy's id.
    id: String,
    /// 标题 / title.
    title: String,
    /// 英文标题 / title in English.
    #[serde(default)]
    title_en: Option<String>,
    /// 数字出处 / where the numbers come from.
    source: String,
    /// 是否已逐一核对原文 / whether every number was checked against the source's text.
    verified: bool,
    /// 执行率落后序时进度超过多少个百分点算落后 / points behind the share of the year elapsed that count as behind.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    calendar_gap: Decimal,
    /// 预计结余率上限（%）/ the most a forecast balance may be, in % of the budget.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    balance_max: Decimal,
    /// 指标完成进度与资金执行进度的差距上限（百分点）/ the most points an indicator's progress and the spending may differ.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    target_gap: Decimal,
    /// “确定能”的指标完成进度落后序时进度的上限（百分点）/ the most points a 确定能 line may trail the calendar.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    behind_max: Decimal,
    /// 检查点（按月份从早到晚）/ the checkpoints, in month order.
    checkpoints: Vec<CheckpointFile>,
}

/// 检查点 / a checkpoint.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct CheckpointFile {
    /// 检查点为该月月底（1–12）/ the checkpoint is the end of this month (1–12).
    month: u32,
    /// 名称（如 半年进度）/ its name.
    name: String,
    /// 英文名称 / its name in English.
    #[serde(default)]
    en: Option<String>,
    /// 预警级别：界限从高到低、级别从轻（黄）到重（红）/ tiers, from the highest bound and mildest tier down.
    tiers: Vec<TierFile>,
}

/// 预警级别 / a warning tier.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TierFile {
    /// 执行率低于此值（%）即达到该级 / a rate under this (in %) reaches the tier.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    below: Decimal,
    /// 红、橙、黄（red、orange、yellow）/ the tier.
    tier: String,
    /// 说明（如 得1分）/ what the tier means (the score the rubric gives, say).
    #[serde(default)]
    note: Option<String>,
}

/// A warning tier, the most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    Red,
    Orange,
    Yellow,
}

impl Tier {
    pub fn parse(s: &str) -> Option<Tier> {
        match s.trim().to_ascii_lowercase().as_str() {
            "红" | "红色" | "red" => Some(Tier::Red),
            "橙" | "橙色" | "orange" => Some(Tier::Orange),
            "黄" | "黄色" | "yellow" => Some(Tier::Yellow),
            _ => None,
        }
    }

    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Tier::Red, Lang::Zh) => "红色",
            (Tier::Orange, Lang::Zh) => "橙色",
            (Tier::Yellow, Lang::Zh) => "黄色",
            (Tier::Red, Lang::En) => "red",
            (Tier::Orange, Lang::En) => "orange",
            (Tier::Yellow, Lang::En) => "yellow",
        }
    }
}

/// A checkpoint: the end of a month, and the tiers a rate under its bounds reaches.
#[derive(Debug, Clone)]
pub struct Checkpoint {
    pub month: u32,
    pub name: String,
    pub en: Option<String>,
    /// Descending by bound: (below, tier, note).
    pub tiers: Vec<(Decimal, Tier, Option<String>)>,
}

impl Checkpoint {
    /// The tier a rate (in %) reaches here, with its bound and note: the lowest bound it is
    /// under; none at or above every bound.
    pub fn tier(&self, rate: Decimal) -> Option<&(Decimal, Tier, Option<String>)> {
        self.tiers.iter().rev().find(|(below, _, _)| rate < *below)
    }

    /// The rate at or above which no tier is reached.
    pub fn full(&self) -> Decimal {
        self.tiers.first().map_or(Decimal::ZERO, |t| t.0)
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name,
            Lang::En => self.en.as_deref().unwrap_or(&self.name),
        }
    }
}

/// A loaded and checked monitoring policy.
#[derive(Debug, Clone)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub source: String,
    pub verified: bool,
    pub calendar_gap: Decimal,
    pub balance_max: Decimal,
    pub target_gap: Decimal,
    pub behind_max: Decimal,
    /// By month, ascending.
    pub checkpoints: Vec<Checkpoint>,
}

impl Policy {
    /// A shipped policy by name, or a file.
    pub fn load(name_or_path: &str) -> Result<Policy, InputError> {
        let kind = de::shipped::Kind {
            zh: "监控规则",
            en: "monitoring policy",
            folder: "rubrics/monitor",
        };
        de::shipped::load(name_or_path, SHIPPED, &kind, Policy::from_yaml)
    }

    /// Parses and checks a policy; an error names the line at fault.
    pub fn from_yaml(file: &str, text: &str) -> Result<Policy, InputError> {
        de::limits::check(file, text)?;
        let f: File = serde_yaml::from_str(text).map_err(|e| de::yaml_error(file, text, &e))?;
        let line_of = |needle: &str| de::shipped::line_of(text, needle);
        let bad = |needle: &str, t: Text| InputError::new(file, t).at(line_of(needle), None);
        for (key, v) in [
            ("calendar_gap", f.calendar_gap),
            ("balance_max", f.balance_max),
            ("target_gap", f.target_gap),
            ("behind_max", f.behind_max),
        ] {
            if v.is_sign_negative() || v > Decimal::ONE_HUNDRED {
                return Err(bad(
                    key,
                    Text::new(
                        format!("`{key}` 应在 0 到 100（%）之间"),
                        format!("`{key}` must be between 0 and 100 (%)"),
                    ),
                ));
            }
        }
        let mut checkpoints = Vec::new();
        for c in f.checkpoints {
            let here = format!("name: {}", c.name);
            if !(1..=12).contains(&c.month) {
                return Err(bad(
                    &here,
                    Text::new(
                        format!("检查点“{}”的月份 {} 应在 1 到 12 之间", c.name, c.month),
                        format!("checkpoint “{}”: month {} must be 1 to 12", c.name, c.month),
                    ),
                ));
            }
            if checkpoints.iter().any(|p: &Checkpoint| p.month >= c.month) {
                return Err(bad(
                    &here,
                    Text::new(
                        format!("检查点“{}”应按月份从早到晚排列，且每月只有一个", c.name),
                        format!(
                            "checkpoint “{}”: checkpoints must be in month order, one a month",
                            c.name
                        ),
                    ),
                ));
            }
            let mut tiers = Vec::new();
            for t in c.tiers {
                let Some(tier) = Tier::parse(&t.tier) else {
                    return Err(bad(
                        &format!("tier: {}", t.tier),
                        Text::new(
                            format!("预警级别 `{}` 无法识别：应为 红、橙 或 黄", t.tier),
                            format!(
                                "tier `{}` not recognised: expected 红 (red), 橙 (orange) or 黄 (yellow)",
                                t.tier
                            ),
                        ),
                    ));
                };
                if let Some((prev, ptier, _)) = tiers.last()
                    && (t.below >= *prev || tier >= *ptier)
                {
                    return Err(bad(
                        &here,
                        Text::new(
                            format!(
                                "检查点“{}”的预警级别应按界限从高到低、级别从轻到重排列",
                                c.name
                            ),
                            format!(
                                "checkpoint “{}”: tiers must go from the highest bound and mildest tier down",
                                c.name
                            ),
                        ),
                    ));
                }
                tiers.push((t.below, tier, t.note));
            }
            checkpoints.push(Checkpoint {
                month: c.month,
                name: c.name,
                en: c.en,
                tiers,
            });
        }
        Ok(Policy {
            id: f.id,
            title: f.title,
            title_en: f.title_en,
            source: f.source,
            verified: f.verified,
            calendar_gap: f.calendar_gap,
            balance_max: f.balance_max,
            target_gap: f.target_gap,
            behind_max: f.behind_max,
            checkpoints,
        })
    }

    /// The latest checkpoint reached by the end of month `months_done`.
    pub fn reached(&self, months_done: u32) -> Option<&Checkpoint> {
        self.checkpoints
            .iter()
            .rev()
            .find(|c| c.month <= months_done)
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.title,
            Lang::En => self.title_en.as_deref().unwrap_or(&self.title),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    #[test]
    fn shipped_policies_load() {
        for (name, _) in SHIPPED {
            let p = Policy::load(name).unwrap_or_else(|e| panic!("{name}: {}", e.render(Lang::En)));
            assert_eq!(p.id, *name);
            assert!(!p.checkpoints.is_empty());
        }
    }

    /// Seed 003's 支出进度率: half year ≥45% full, [40%,45%) partial, <40% nothing; three
    /// quarters ≥75% full, [60%,75%) partial, <60% nothing.
    #[test]
    fn shaanxi_checkpoints_at_and_around_their_bounds() {
        let p = Policy::load("shaanxi-dept-2020-progress").unwrap();
        let half = p.reached(6).unwrap();
        assert_eq!(half.month, 6);
        let tier = |c: &Checkpoint, r: &str| c.tier(d(r)).map(|t| t.1);
        assert_eq!(tier(half, "45"), None);
        assert_eq!(tier(half, "44.99"), Some(Tier::Yellow));
        assert_eq!(tier(half, "40"), Some(Tier::Yellow));
        assert_eq!(tier(half, "39.99"), Some(Tier::Red));
        let three = p.reached(9).unwrap();
        assert_eq!(three.month, 9);
        assert_eq!(tier(three, "75"), None);
        assert_eq!(tier(three, "74.99"), Some(Tier::Yellow));
        assert_eq!(tier(three, "60"), Some(Tier::Yellow));
        assert_eq!(tier(three, "59.99"), Some(Tier::Red));
        assert!(p.reached(5).is_none());
        assert_eq!(p.reached(8).unwrap().month, 6);
        assert_eq!(p.reached(12).unwrap().month, 9);
    }

    #[test]
    fn provincial_checkpoints_have_three_tiers() {
        let p = Policy::load("province-bimonthly").unwrap();
        let months: Vec<u32> = p.checkpoints.iter().map(|c| c.month).collect();
        assert_eq!(months, [4, 6, 8, 10]);
        assert!(!p.verified);
        for c in &p.checkpoints {
            assert_eq!(c.tiers.len(), 3);
            let full = c.full();
            assert_eq!(c.tier(full), None);
            assert_eq!(c.tier(full - d("0.01")).map(|t| t.1), Some(Tier::Yellow));
        }
    }

    #[test]
    fn a_bad_policy_is_located() {
        let text = "id: x\ntitle: x\nsource: x\nverified: false\ncalendar_gap: 10\nbalance_max: 10\ntarget_gap: 10\nbehind_max: 30\ncheckpoints:\n  - month: 6\n    name: 半年\n    tiers:\n      - {below: 45, tier: 紫}\n";
        let e = Policy::from_yaml("p.yaml", text).unwrap_err();
        let s = e.render(Lang::En);
        assert!(s.contains("p.yaml:13"), "{s}");
        assert!(s.contains("紫"), "{s}");
        let text = text.replace("tier: 紫}", "tier: 红}\n      - {below: 50, tier: 黄}");
        let e = Policy::from_yaml("p.yaml", &text).unwrap_err();
        assert!(
            e.render(Lang::En).contains("tiers must go"),
            "{}",
            e.render(Lang::En)
        );
        let text = text.replace("month: 6", "month: 13");
        assert!(Policy::from_yaml("p.yaml", &text).is_err());
    }
}
