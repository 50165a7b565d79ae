//! Rubric items: a tree of 一级/二级/三级 items with points, whose leaves each use one rule kind.
//! This is how a finance bureau writes its own scoring table (e.g. 部门整体支出绩效自评表).

use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::rules::{Head, Rule};
use crate::de;
use crate::i18n::Text;

/// 评分项：末级项有 `rule`，上级项有 `items`，其分值之和等于本项 / one item of the tree. A
/// leaf has a `rule`; a branch has `items` whose points add up to its own.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 评分项名称 / the item's name.
    pub name: String,
    /// 英文名称，--lang en 时显示 / the item's name in English, shown with --lang en.
    #[serde(default)]
    pub en: Option<String>,
    /// 分值 / the item's points.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub points: Decimal,
    /// 计分规则读取的计量（`execution_rate`、`budget_completion_rate` 等）/ the measure of the
    /// record the rule reads.
    #[serde(default)]
    pub input: Option<Arc<str>>,
    /// 出处 / where the item comes from on the form it reproduces.
    #[serde(default)]
    pub source: Option<String>,
    /// 下级评分项 / the sub-items.
    #[serde(default)]
    pub items: Vec<Item>,
    /// 计分规则，写作一个键：`rule: {bands: [...]}`（proportional、tiers、bands、deduct、
    /// checklist、formula、sum）/ the rule, written as a one-key map.
    #[serde(
        default,
        deserialize_with = "serde_yaml::with::singleton_map::deserialize"
    )]
    #[schemars(with = "Option<Rule>")]
    pub rule: Option<Rule>,
    /// `sum` 项没有可计的指标时分值移往何处 / for a `sum` item: where its points go when a
    /// record has no indicator it counts
    /// (财预〔2021〕101号: no 成本指标, its 20 to 产出 and 效益).
    #[serde(default)]
    pub if_empty: Vec<Move>,
}

/// Points a `sum` item hands to another when it counts no indicator.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// 接收分值的 `sum` 评分项名称 / the name of the `sum` item that receives them.
    pub to: String,
    /// 移入的分值 / the points moved.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub points: Decimal,
}

impl Item {
    /// Leaves in order, each with the names of its parents.
    pub fn leaves<'a>(
        items: &'a [Item],
        parents: &mut Vec<&'a Item>,
        out: &mut Vec<(Vec<&'a Item>, &'a Item)>,
    ) {
        for it in items {
            if it.items.is_empty() {
                out.push((parents.clone(), it));
            } else {
                parents.push(it);
                Item::leaves(&it.items, parents, out);
                parents.pop();
            }
        }
    }

    /// The item's name in `lang`: its English name when it has one, else its name.
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        match (lang, &self.en) {
            (crate::i18n::Lang::En, Some(en)) => en,
            _ => &self.name,
        }
    }

    /// Checks points, bands and rules, and compiles formulas (the names a formula uses are
    /// checked by the rubric, which knows every item's input).
    pub fn check(&mut self) -> Result<(), Text> {
        let name = self.name.clone();
        let err = |zh: String, en: String| {
            Text::new(
                format!("评分项「{name}」：{zh}"),
                format!("item `{name}`: {en}"),
            )
        };
        if !self.items.is_empty() {
            if self.rule.is_some() {
                return Err(err(
                    "既有下级项又有计分规则".into(),
                    "has both sub-items and a rule".into(),
                ));
            }
            let sum: Decimal = self.items.iter().map(|i| i.points).sum();
            if sum != self.points {
                return Err(err(
                    format!(
                        "下级项分值之和 {} ≠ 本项分值 {}",
                        sum.normalize(),
                        self.points.normalize()
                    ),
                    format!(
                        "sub-items sum to {}, not its {} points",
                        sum.normalize(),
                        self.points.normalize()
                    ),
                ));
            }
            for it in &mut self.items {
                it.check()?;
            }
            return Ok(());
        }
        let (name, points) = (self.name.as_str(), self.points);
        let Some(rule) = &mut self.rule else {
            return Err(err("没有计分规则".into(), "has no rule".into()));
        };
        if rule.needs_input() && self.input.is_none() {
            return Err(err(
                "缺少 `input`（所读取的计量）".into(),
                "lacks `input` (the measure it reads)".into(),
            ));
        }
        let head = Head {
            name,
            points,
            input: self.input.as_deref().unwrap_or(""),
            moved: &[],
        };
        rule.check(&head).map_err(|t| err(t.zh, t.en))
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::Rubric;

    fn check(items: &str) -> Result<Rubric, String> {
        let text = format!(
            "id: t\ntitle: t\ntotal: 10\nitems:\n{items}qualitative:\n  - {{tier: achieved, name: 达成, range: '[80, 100]', default: 100}}\n  - {{tier: partial, name: 部分达成, range: '[60, 80)', default: 70}}\n  - {{tier: not_achieved, name: 未达成, range: '[0, 60)', default: 30}}\ngrades:\n  - {{min: 0, grade: 差, en: poor}}\n"
        );
        Rubric::from_yaml("t.yaml", &text).map_err(|e| e.to_string())
    }

    #[test]
    fn bands_with_a_gap_or_an_overlap_are_refused_with_their_line() {
        let ok = "  - name: 甲\n    points: 10\n    input: x\n    rule: {bands: [{range: '[90, inf)', points: 10}, {range: '(-inf, 90)', points: 0}]}\n";
        assert!(check(ok).is_ok());
        let gap = ok.replace("(-inf, 90)", "(-inf, 89)");
        let e = check(&gap).unwrap_err();
        assert!(e.contains("gap") && e.starts_with("t.yaml:5"), "{e}");
        let overlap = ok.replace("(-inf, 90)", "(-inf, 90]");
        assert!(check(&overlap).unwrap_err().contains("overlap"));
    }

    #[test]
    fn points_must_add_up_at_every_level() {
        let bad = "  - name: 甲\n    points: 10\n    items:\n      - {name: 乙, points: 6, input: x, rule: {formula: 'points'}}\n      - {name: 丙, points: 3, input: x, rule: {formula: 'points'}}\n";
        let e = check(bad).unwrap_err();
        assert!(e.contains("sub-items sum to 9"), "{e}");
        assert!(check(&bad.replace("points: 3", "points: 4")).is_ok());
    }

    #[test]
    fn formulas_compile_and_name_known_inputs() {
        let f = |expr: &str| {
            check(&format!(
                "  - {{name: 甲, points: 10, input: x, rule: {{formula: '{expr}'}}}}\n"
            ))
        };
        assert!(f("x / planned * points").is_ok());
        assert!(f("y * 2").unwrap_err().contains("unknown input `y`"));
        assert!(f("x * (").unwrap_err().contains("does not compile"));
    }

    #[test]
    fn tiers_must_cover_zero_to_hundred() {
        let ok = "  - {name: 甲, points: 10, input: x, rule: {tiers: {}}}\n";
        assert!(check(ok).is_ok());
        let text = format!(
            "id: t\ntitle: t\ntotal: 10\nitems:\n{ok}qualitative:\n  - {{tier: achieved, name: 达成, range: '[80, 100]', default: 100}}\n  - {{tier: partial, name: 部分达成, range: '[60, 79)', default: 70}}\n  - {{tier: not_achieved, name: 未达成, range: '[0, 60)', default: 30}}\ngrades:\n  - {{min: 0, grade: 差, en: poor}}\n"
        );
        assert!(
            Rubric::from_yaml("t.yaml", &text)
                .unwrap_err()
                .to_string()
                .contains("cover [0, 100]")
        );
    }

    #[test]
    fn shipped_department_rubric_checks() {
        let r = Rubric::load("shaanxi-dept-2020").unwrap();
        let mut leaves = Vec::new();
        super::Item::leaves(&r.items, &mut Vec::new(), &mut leaves);
        assert_eq!(leaves.len(), 10);
    }
}
