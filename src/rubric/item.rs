//! Rubric items: a tree of 一级/二级/三级 items with points, whose leaves each use one rule kind.
//! This is how a finance bureau writes its own scoring table (e.g. 部门整体支出绩效自评表).

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::Range;
use crate::de;
use crate::i18n::Text;
use crate::library::Formula;
use crate::model::Level1;

/// One item of the tree. A leaf has a `rule`; a branch has `items` whose points add up to its own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    #[serde(deserialize_with = "de::decimal")]
    pub points: Decimal,
    /// The measure of the record the rule reads (`budget_completion_rate`, …).
    #[serde(default)]
    pub input: Option<Arc<str>>,
    /// Where the item comes from on the form it reproduces.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Written as a one-key map: `rule: {bands: [...]}`.
    #[serde(default, with = "serde_yaml::with::singleton_map")]
    pub rule: Option<Rule>,
    /// The formula of a `formula` rule, compiled once when the rubric is loaded.
    #[serde(skip)]
    pub compiled: Option<Formula>,
}

/// A band: a range of the measured value and the points it gets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub range: Range,
    #[serde(deserialize_with = "de::decimal")]
    pub points: Decimal,
}

/// How steps beyond a deduction's limit are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
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

/// The reverse formula of a proportional rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reverse {
    /// points × target / actual.
    #[default]
    Ratio,
    /// points × (1 − (actual − target) / target), floored at 0.
    Excess,
}

/// The rule kinds.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Met: full points; else in proportion (forward actual/target, reverse per `reverse`).
    Proportional {
        #[serde(deserialize_with = "de::decimal")]
        target: Decimal,
        #[serde(default, deserialize_with = "crate::library::de_direction")]
        direction: Option<crate::model::Direction>,
        #[serde(default)]
        reverse: Reverse,
    },
    /// The input is a tier word (达成/部分达成/未达成), scored with the rubric's tiers.
    Tiers {},
    /// Ordered ranges of the measured value, each worth some points.
    Bands(Vec<Band>),
    /// Full points within `limit`; `per` points off for each `step` beyond it; floored at 0.
    Deduct {
        #[serde(deserialize_with = "de::decimal")]
        limit: Decimal,
        #[serde(deserialize_with = "de::decimal")]
        per: Decimal,
        #[serde(deserialize_with = "de::decimal")]
        step: Decimal,
        #[serde(default)]
        rounding: Rounding,
        /// Compare the absolute value (预算调整率绝对值).
        #[serde(default)]
        abs: bool,
    },
    /// Named items; each failed item costs `per` points; floored at 0.
    Checklist {
        items: Vec<String>,
        #[serde(deserialize_with = "de::decimal")]
        per: Decimal,
    },
    /// An evalexpr expression over the measures, `planned`, `executed`, `value` (the input) and
    /// `points`; clamped to [0, points].
    Formula(String),
    /// The unit's own indicators of these level1s, scored one by one (项目产出 40 = the output
    /// indicators, whose weights must sum to 40).
    Sum {
        #[serde(deserialize_with = "de_level1s")]
        level1: Vec<Level1>,
    },
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

/// Names a formula may use besides the measures.
pub const FORMULA_NAMES: &[&str] = &["planned", "executed", "value", "points", "weight"];

impl Rule {
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Proportional { .. } => "proportional",
            Rule::Tiers {} => "tiers",
            Rule::Bands(_) => "bands",
            Rule::Deduct { .. } => "deduct",
            Rule::Checklist { .. } => "checklist",
            Rule::Formula(_) => "formula",
            Rule::Sum { .. } => "sum",
        }
    }

    /// The rule in words, as a person would print it on the scoring table.
    pub fn describe(&self, input: Option<&str>, zh: bool) -> String {
        let x = input.unwrap_or("");
        let v = |d: &Decimal| d.normalize().to_string();
        match (self, zh) {
            (Rule::Proportional { target, .. }, true) => {
                format!("{x} 达到 {} 得满分，否则按完成比例", v(target))
            }
            (Rule::Proportional { target, .. }, false) => {
                format!("{x} at {}: full points, else in proportion", v(target))
            }
            (Rule::Tiers {}, true) => format!("{x} 按档次（达成/部分达成/未达成）"),
            (Rule::Tiers {}, false) => format!("{x} by tier (achieved/partial/not achieved)"),
            (Rule::Bands(bands), _) => {
                let parts: Vec<String> = bands
                    .iter()
                    .map(|b| format!("{} → {}", b.range, v(&b.points)))
                    .collect();
                format!("{x}: {}", parts.join("; "))
            }
            (
                Rule::Deduct {
                    limit,
                    per,
                    step,
                    abs,
                    ..
                },
                true,
            ) => format!(
                "{} ≤ {} 得满分，每超 {} 扣 {}，扣完为止",
                if *abs {
                    format!("|{x}|")
                } else {
                    x.to_string()
                },
                v(limit),
                v(step),
                v(per)
            ),
            (
                Rule::Deduct {
                    limit,
                    per,
                    step,
                    abs,
                    ..
                },
                false,
            ) => format!(
                "{} ≤ {}: full points, {} off per {} beyond, floored at 0",
                if *abs {
                    format!("|{x}|")
                } else {
                    x.to_string()
                },
                v(limit),
                v(per),
                v(step)
            ),
            (Rule::Checklist { items, per }, true) => format!(
                "{} 项，每项不符扣 {}：{}",
                items.len(),
                v(per),
                items.join("；")
            ),
            (Rule::Checklist { items, per }, false) => format!(
                "{} items, {} off per failed item: {}",
                items.len(),
                v(per),
                items.join("; ")
            ),
            (Rule::Formula(f), _) => format!("= {f}"),
            (Rule::Sum { level1 }, true) => {
                let l: Vec<&str> = level1.iter().map(|l| l.zh()).collect();
                format!("单位自设的{}之和", l.join("、"))
            }
            (Rule::Sum { level1 }, false) => {
                let l: Vec<&str> = level1.iter().map(|l| l.en()).collect();
                format!("sum of the unit's own {} indicators", l.join(", "))
            }
        }
    }
}

impl Item {
    /// Leaves in order, each with the names of its parents.
    pub fn leaves<'a>(
        items: &'a [Item],
        parents: &mut Vec<&'a str>,
        out: &mut Vec<(Vec<&'a str>, &'a Item)>,
    ) {
        for it in items {
            if it.items.is_empty() {
                out.push((parents.clone(), it));
            } else {
                parents.push(&it.name);
                Item::leaves(&it.items, parents, out);
                parents.pop();
            }
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
        let Some(rule) = &self.rule else {
            return Err(err("没有计分规则".into(), "has no rule".into()));
        };
        let needs_input = !matches!(rule, Rule::Sum { .. } | Rule::Formula(_));
        if needs_input && self.input.is_none() {
            return Err(err(
                "缺少 `input`（所读取的计量）".into(),
                "lacks `input` (the measure it reads)".into(),
            ));
        }
        match rule {
            Rule::Bands(bands) => {
                if bands.is_empty() {
                    return Err(err("没有分档".into(), "has no bands".into()));
                }
                let mut sorted: Vec<&Band> = bands.iter().collect();
                sorted.sort_by(|a, b| match (a.range.lo, b.range.lo) {
                    (None, None) => std::cmp::Ordering::Equal,
                    (None, _) => std::cmp::Ordering::Less,
                    (_, None) => std::cmp::Ordering::Greater,
                    (Some(x), Some(y)) => x.cmp(&y),
                });
                for w in sorted.windows(2) {
                    if !w[0].range.meets(&w[1].range) {
                        return Err(err(
                            format!("分档 {} 与 {} 之间有重叠或缺口", w[0].range, w[1].range),
                            format!(
                                "bands {} and {} overlap or leave a gap",
                                w[0].range, w[1].range
                            ),
                        ));
                    }
                }
                if let Some(b) = bands
                    .iter()
                    .find(|b| b.points > self.points || b.points < Decimal::ZERO)
                {
                    return Err(err(
                        format!(
                            "分档 {} 的分值 {} 超出 [0, {}]",
                            b.range,
                            b.points.normalize(),
                            self.points.normalize()
                        ),
                        format!(
                            "band {} gives {} points, outside [0, {}]",
                            b.range,
                            b.points.normalize(),
                            self.points.normalize()
                        ),
                    ));
                }
            }
            Rule::Deduct { step, .. } if step.is_zero() || step.is_sign_negative() => {
                return Err(err(
                    "`step` 须为正数".into(),
                    "`step` must be positive".into(),
                ));
            }
            Rule::Checklist { items, .. } if items.is_empty() => {
                return Err(err(
                    "清单没有条目".into(),
                    "the checklist has no items".into(),
                ));
            }
            Rule::Formula(f) => {
                self.compiled = Some(Formula::compile(f).map_err(|t| err(t.zh, t.en))?);
            }
            _ => {}
        }
        Ok(())
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
