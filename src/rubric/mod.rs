//! Rubrics: the scoring rules as data (`rubrics/*.yaml`), loaded and checked before use.

mod application;
mod curve;
mod item;
mod range;
pub mod rules;
mod tier;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::de;
use crate::error::InputError;
use crate::i18n::{Lang, Text};
use crate::model::{Level1, Tier};

pub use application::{Application, Consequence};
pub use curve::{Curve, LineRule, Of, ShareBand, ShareBands};
pub use item::{Item, Move};
pub use range::Range;
pub use rules::{FORMULA_NAMES, Rule};
pub use tier::TierRule;

/// Rubrics shipped inside the binary: (name, YAML text).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "national-2020",
        include_str!("../../rubrics/national-2020.yaml"),
    ),
    (
        "central-2021",
        include_str!("../../rubrics/central-2021.yaml"),
    ),
    (
        "shaanxi-dept-2020",
        include_str!("../../rubrics/shaanxi-dept-2020.yaml"),
    ),
];

/// The default rubric.
pub const DEFAULT: &str = "national-2020";

/// 评分规则 / a scoring rubric.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jixiao 评分规则 / rubric")]
pub struct Rubric {
    /// 规则编号，如 `national-2020` / the rubric's id, shared by every report scored with it.
    pub id: Arc<str>,
    /// 规则名称 / the title.
    pub title: String,
    /// 英文名称 / the title in English.
    #[serde(default)]
    pub title_en: Option<String>,
    /// 依据（文件文号）/ the document it rests on.
    #[serde(default)]
    pub source: Option<String>,
    /// 总分，须等于一级评分项分值之和 / the total, the sum of the top items' points.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub total: Decimal,
    /// 评分表：评分项树，末级项各用一种计分规则 / the scoring table: a tree of items whose
    /// leaves each use one rule kind.
    pub items: Vec<Item>,
    /// The leaves of `items` in order, flattened once when the rubric is loaded.
    #[serde(skip)]
    pub leaves: Vec<Leaf>,
    /// For each level1 (in the order of `Level1::ALL`), the `sum` leaf that counts its
    /// indicators: the first naming it; a 成本指标 goes with 产出 when no leaf names cost
    /// (财预〔2020〕10号). Worked out once when the rubric is loaded.
    #[serde(skip)]
    pub sum_owner: [Option<usize>; Level1::ALL.len()],
    /// 定量指标的计分曲线，按一级或二级指标，先匹配者适用；未匹配的按完成比例计分 / how
    /// quantitative lines turn what they reached into points, by level1 or level2; a line no
    /// entry matches scores in proportion (财预〔2020〕10号 第十六条).
    #[serde(default)]
    pub lines: Vec<LineRule>,
    /// 定性指标的三档（达成、部分达成、未达成）/ the qualitative tiers.
    pub qualitative: Vec<TierRule>,
    /// 等级分档，自高至低 / the grade bands, best first.
    pub grades: Vec<GradeBand>,
    /// 复核提示的阈值 / the thresholds of the re-check flags.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// 调整提示的级别：代码 → `error`、`warning`、`info` 或 `off`（见 `jixiao explain`）/
    /// severity overrides: code → `error`, `warning`, `info` or `off`.
    #[serde(default)]
    pub flags: BTreeMap<String, String>,
    /// 结果应用：各等级对下年预算的影响 / what each grade means for the next year's budget.
    #[serde(default)]
    pub application: Option<Application>,
}

/// A leaf item with the names of its parents, shared by every scorecard that uses it.
#[derive(Debug, Clone)]
pub struct Leaf {
    pub path: Arc<[String]>,
    pub name: Arc<str>,
    /// The parents' and the leaf's names in English (the names where an item has none).
    pub path_en: Arc<[String]>,
    pub name_en: Arc<str>,
    pub item: Item,
    /// For a `sum` leaf with `if_empty`: the leaves (their indexes) its points go to when it
    /// counts no indicator, and how many.
    pub moves: Vec<(usize, Decimal)>,
}

/// 等级分档：总分不低于 `min` 得 `grade` / a grade band: totals at or above `min` get `grade`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// 最低分 / the lowest total of the band.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub min: Decimal,
    /// 等级，如 优 / the grade.
    pub grade: Arc<str>,
    /// 英文等级，如 excellent / the grade in English.
    pub en: Arc<str>,
    /// 表上同义的写法（优 的 优秀）/ other words that mean this grade on a form (优秀 for 优).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// 复核提示的阈值 / thresholds of the re-check flags.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// 自评得分与复算得分允许的差 / a claimed score may differ from the recomputed one by this
    /// much.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub score_tolerance: Decimal,
    /// 自评执行率允许的差（百分点）/ percentage points a claimed execution rate may differ by.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub execution_rate_tolerance: Decimal,
    /// 执行率（%）低于此值而评为最高等级时提示 / below this execution rate (percent) a top
    /// grade is questioned.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub high_grade_min_execution: Decimal,
    /// 正向指标实际值达到目标值的此倍数，视为目标偏低 / a forward actual this many times its
    /// target means the target was set too low.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub lowball_ratio: Decimal,
    /// 目标偏低时扣减权重的百分比 / percentage of the weight deducted for a lowball target
    /// (财预〔2020〕10号 allows it).
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub lowball_deduction: Decimal,
    /// 定量指标全部恰好等于目标值、且不少于此数时提示 / how many measured quantitative
    /// indicators, all exactly on target, look copied.
    pub all_on_target_min: usize,
    /// 实际值只是重述目标或“已完成”时给予权重的百分比 / percentage of the weight credited to a
    /// quantitative or timeliness line whose actual is a
    /// claim without a figure: a restated target (`≥90%`) or a bare assertion (`已完成`).
    /// 财预〔2020〕10号 第十六条 scores quantitative lines by the figure reached, so the national
    /// default is 0.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub claim_credit: Decimal,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            score_tolerance: Decimal::new(1, 2),
            execution_rate_tolerance: Decimal::new(1, 2),
            high_grade_min_execution: Decimal::from(90),
            lowball_ratio: Decimal::new(15, 1),
            lowball_deduction: Decimal::ZERO,
            all_on_target_min: 5,
            claim_credit: Decimal::ZERO,
        }
    }
}

/// The editor schema of a rubric file.
pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    g.root_schema_for::<Rubric>()
}

impl Rubric {
    /// Whether `name` names a shipped rubric (rather than a file).
    pub fn is_shipped(name: &str) -> bool {
        SHIPPED.iter().any(|(n, _)| *n == name)
    }

    /// Loads a shipped rubric by name, or a rubric file by path.
    pub fn load(name_or_path: &str) -> Result<Rubric, InputError> {
        Rubric::load_with(name_or_path, |_| Ok(())).map(|(r, ())| r)
    }

    /// As [`Rubric::load`], then `resolve` reads what a layer above makes of the rubric (the flag
    /// settings); its error is reported like the rubric's own, at the line that names the thing.
    pub fn load_with<T>(
        name_or_path: &str,
        resolve: impl FnOnce(&Rubric) -> Result<T, Text>,
    ) -> Result<(Rubric, T), InputError> {
        if let Some((name, text)) = SHIPPED.iter().find(|(n, _)| *n == name_or_path) {
            return Rubric::from_yaml_with(&format!("rubrics/{name}.yaml"), text, resolve);
        }
        let path = Path::new(name_or_path);
        if !path.exists() {
            let names: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
            return Err(InputError::new(
                name_or_path,
                Text::new(
                    format!(
                        "找不到评分规则：既不是内置规则（{}），也不是文件",
                        names.join("、")
                    ),
                    format!(
                        "no such rubric: neither a shipped one ({}) nor a file",
                        names.join(", ")
                    ),
                ),
            ));
        }
        let text = de::limits::read_file(name_or_path)?;
        Rubric::from_yaml_with(name_or_path, &text, resolve)
    }

    /// Parses and checks a rubric; a failed check names the line of the item at fault.
    pub fn from_yaml(file: &str, text: &str) -> Result<Rubric, InputError> {
        Rubric::from_yaml_with(file, text, |_| Ok(())).map(|(r, ())| r)
    }

    /// As [`Rubric::from_yaml`], then `resolve` (see [`Rubric::load_with`]).
    pub fn from_yaml_with<T>(
        file: &str,
        text: &str,
        resolve: impl FnOnce(&Rubric) -> Result<T, Text>,
    ) -> Result<(Rubric, T), InputError> {
        de::limits::check(file, text)?;
        let mut r: Rubric =
            serde_yaml::from_str(text).map_err(|e| de::yaml_error(file, text, &e))?;
        // a failed check names a thing in backquotes: point at the first line that holds it
        let at = |t: Text| {
            // the item's own `name:` line if there is one, else the first line (not a comment)
            // that holds the name
            let find = |name: &str| {
                let code = |l: &&str| !l.trim_start().starts_with('#');
                let named = format!("name: {name}");
                let lines = || text.lines().enumerate().filter(|(_, l)| code(l));
                lines()
                    .find(|(_, l)| l.contains(&named))
                    .or_else(|| lines().find(|(_, l)| l.contains(name)))
                    .map(|(i, _)| i + 1)
            };
            let line = t.en.split('`').nth(1).and_then(find);
            InputError::new(file, t).at(line, None)
        };
        r.check().map_err(at)?;
        let resolved = resolve(&r).map_err(at)?;
        Ok((r, resolved))
    }

    /// Checks that the points add up at every level, bands leave no gap, tiers cover [0, 100],
    /// formulas compile and use known names, and grades descend. (The `flags:` settings are
    /// resolved by the flags, through [`Rubric::load_with`].)
    pub fn check(&mut self) -> Result<(), Text> {
        self.check_tiers()?;
        self.check_items()?;
        self.check_moves()?;
        for l in &self.lines {
            l.check()?;
        }
        self.check_thresholds()?;
        self.check_grades()?;
        match &self.application {
            Some(a) => a.check(|w| self.grade_rank(w)),
            None => Ok(()),
        }
    }

    fn check_thresholds(&self) -> Result<(), Text> {
        let t = &self.thresholds;
        for (name, v) in [
            ("score_tolerance", t.score_tolerance),
            ("execution_rate_tolerance", t.execution_rate_tolerance),
            ("claim_credit", t.claim_credit),
        ] {
            if v.is_sign_negative() && !v.is_zero() {
                return Err(Text::new(
                    format!("thresholds.{name} 不能为负数（{v}）"),
                    format!("thresholds.{name} cannot be negative ({v})"),
                ));
            }
        }
        if t.claim_credit > Decimal::ONE_HUNDRED {
            return Err(Text::new(
                format!(
                    "thresholds.claim_credit 是权重的百分比，应在 0 到 100 之间（{}）",
                    t.claim_credit
                ),
                format!(
                    "thresholds.claim_credit is a percentage of the weight, between 0 and 100 ({})",
                    t.claim_credit
                ),
            ));
        }
        Ok(())
    }

    fn check_items(&mut self) -> Result<(), Text> {
        // points a record's figures are bounded by too, so that scoring cannot overflow
        let max = crate::model::bounds::MAX_POINTS;
        fn any_out(items: &[Item], out: &dyn Fn(Decimal) -> bool) -> bool {
            items
                .iter()
                .any(|it| out(it.points) || any_out(&it.items, out))
        }
        let out = |p: Decimal| p < Decimal::ZERO || p > max;
        if out(self.total) || any_out(&self.items, &out) {
            return Err(Text::new(
                format!("总分和各评分项的分值应在 0 到 {max} 之间"),
                format!("the total and every item's points must lie between 0 and {max}"),
            ));
        }
        let top: Decimal = self.items.iter().map(|i| i.points).sum();
        if top != self.total {
            return Err(Text::new(
                format!(
                    "一级评分项分值之和 {} ≠ 总分 {}",
                    top.normalize(),
                    self.total.normalize()
                ),
                format!(
                    "top items sum to {}, not the total {}",
                    top.normalize(),
                    self.total.normalize()
                ),
            ));
        }
        for it in &mut self.items {
            it.check()?;
        }
        let mut leaves = Vec::new();
        Item::leaves(&self.items, &mut Vec::new(), &mut leaves);
        self.leaves = leaves
            .iter()
            .map(|(path, it)| Leaf {
                path: path.iter().map(|p| p.name.clone()).collect(),
                name: Arc::from(it.name.as_str()),
                path_en: path
                    .iter()
                    .map(|p| p.name_in(Lang::En).to_string())
                    .collect(),
                name_en: Arc::from(it.name_in(Lang::En)),
                item: (*it).clone(),
                moves: Vec::new(),
            })
            .collect();
        self.sum_owner = [None; Level1::ALL.len()];
        for pass in [false, true] {
            for (k, leaf) in self.leaves.iter().enumerate() {
                let Some(Rule::Sum(rules::Sum { level1 })) = &leaf.item.rule else {
                    continue;
                };
                for (owner, l1) in self.sum_owner.iter_mut().zip(Level1::ALL) {
                    let l1 = if pass && l1 == Level1::Cost {
                        Level1::Output
                    } else {
                        l1
                    };
                    if owner.is_none() && level1.contains(&l1) {
                        *owner = Some(k);
                    }
                }
            }
        }
        let inputs: Vec<&str> = leaves
            .iter()
            .filter_map(|(_, i)| i.input.as_deref())
            .collect();
        for (_, it) in &leaves {
            if let Some(rule) = &it.rule {
                rule.check_names(&inputs).map_err(|t| {
                    Text::new(
                        format!("评分项「{}」：{}", it.name, t.zh),
                        format!("item `{}`: {}", it.name, t.en),
                    )
                })?;
            }
        }
        Ok(())
    }

    /// Every `if_empty` is on a `sum` leaf, moves all its points, and names other `sum` leaves.
    fn check_moves(&mut self) -> Result<(), Text> {
        let names: Vec<Arc<str>> = self.leaves.iter().map(|l| l.name.clone()).collect();
        let is_sum = |l: &Leaf| matches!(l.item.rule, Some(Rule::Sum(_)));
        let sums: Vec<bool> = self.leaves.iter().map(is_sum).collect();
        for (k, leaf) in self.leaves.iter_mut().enumerate() {
            let it = &leaf.item;
            if it.if_empty.is_empty() {
                continue;
            }
            let err = |zh: String, en: String| {
                Text::new(
                    format!("评分项「{}」的 if_empty：{zh}", it.name),
                    format!("item `{}`, if_empty: {en}", it.name),
                )
            };
            if !sums[k] {
                return Err(err(
                    "只有计入指标之和（sum）的评分项才能在没有指标时移出分值".into(),
                    "only a `sum` item can move its points when it counts no indicator".into(),
                ));
            }
            let mut moved = Decimal::ZERO;
            let mut moves = Vec::with_capacity(it.if_empty.len());
            for m in &it.if_empty {
                let to = names.iter().position(|n| **n == *m.to);
                let Some(to) = to.filter(|t| *t != k && sums[*t]) else {
                    return Err(err(
                        format!("`{}` 不是本规则中另一个计入指标之和的评分项", m.to),
                        format!("`{}` is not another `sum` item of this rubric", m.to),
                    ));
                };
                if m.points <= Decimal::ZERO {
                    return Err(err(
                        format!("移入 `{}` 的分值应为正数", m.to),
                        format!("the points moved to `{}` must be positive", m.to),
                    ));
                }
                moved += m.points;
                moves.push((to, m.points));
            }
            if moved != it.points {
                return Err(err(
                    format!(
                        "移出的分值之和 {} ≠ 本项分值 {}",
                        moved.normalize(),
                        it.points.normalize()
                    ),
                    format!(
                        "the points moved sum to {}, not the item's {}",
                        moved.normalize(),
                        it.points.normalize()
                    ),
                ));
            }
            leaf.moves = moves;
        }
        Ok(())
    }

    /// The curve that scores a quantitative `ind`: the first of `lines` that applies, else
    /// proportional.
    pub fn curve_for(&self, ind: &crate::model::Indicator) -> (&Curve, Option<&LineRule>) {
        match self.lines.iter().find(|l| l.applies(ind)) {
            Some(l) => (&l.curve, Some(l)),
            None => (&curve::PROPORTIONAL, None),
        }
    }

    fn check_tiers(&self) -> Result<(), Text> {
        for t in [Tier::Achieved, Tier::Partial, Tier::NotAchieved] {
            if !self.qualitative.iter().any(|r| r.tier == t) {
                return Err(Text::new(
                    format!("定性档次缺少 `{}`", t.key()),
                    format!("qualitative tiers lack `{}`", t.key()),
                ));
            }
        }
        // together the tiers cover [0, 100] with no gap or overlap
        let mut ranges: Vec<Range> = self.qualitative.iter().map(|t| t.range).collect();
        ranges.sort_by_key(|r| r.lo);
        let covers = ranges
            .first()
            .is_some_and(|r| r.lo == Some(Decimal::ZERO) && r.lo_closed)
            && ranges
                .last()
                .is_some_and(|r| r.hi == Some(Decimal::ONE_HUNDRED) && r.hi_closed)
            && ranges.windows(2).all(|w| w[0].meets(&w[1]));
        if !covers {
            return Err(Text::new(
                "定性档次的区间应无缝覆盖 [0, 100]",
                "the qualitative tiers' ranges must cover [0, 100] with no gap or overlap",
            ));
        }
        Ok(())
    }

    fn check_grades(&self) -> Result<(), Text> {
        if self.grades.is_empty() || self.grades.windows(2).any(|w| w[0].min <= w[1].min) {
            return Err(Text::new(
                "评价等级应按分数线从高到低排列",
                "grade bands must be listed from the highest minimum down",
            ));
        }
        Ok(())
    }

    pub fn tier(&self, t: Tier) -> &TierRule {
        self.qualitative
            .iter()
            .find(|r| r.tier == t)
            .expect("checked at load: every tier is present")
    }

    /// The grade of a total, and its rank (0 is best).
    pub fn grade_of(&self, total: Decimal) -> (usize, &GradeBand) {
        self.grades
            .iter()
            .enumerate()
            .find(|(_, g)| total >= g.min)
            .unwrap_or((self.grades.len() - 1, &self.grades[self.grades.len() - 1]))
    }

    /// The rank of a grade word as written on a form (`优`, `优秀`, `excellent`).
    pub fn grade_rank(&self, word: &str) -> Option<usize> {
        let w = crate::model::lexeme::trim(word);
        self.grades.iter().position(|g| {
            &*g.grade == w || g.en.eq_ignore_ascii_case(w) || g.aliases.iter().any(|a| a == w)
        })
    }

    pub fn title(&self, lang: Lang) -> &str {
        match (lang, &self.title_en) {
            (Lang::En, Some(t)) => t,
            _ => &self.title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_rubric_loads_and_adds_up() {
        let r = Rubric::load("national-2020").unwrap();
        assert_eq!(r.total, Decimal::from(100));
        assert_eq!(r.grade_of(Decimal::from(90)).1.grade.as_ref(), "优");
        assert_eq!(r.grade_of("89.99".parse().unwrap()).1.grade.as_ref(), "良");
        assert_eq!(r.grade_of(Decimal::ZERO).1.grade.as_ref(), "差");
        assert_eq!(r.grade_rank("优秀"), Some(0));
    }

    #[test]
    fn a_rubric_whose_points_do_not_add_up_is_refused() {
        let text = SHIPPED[0].1.replace("points: 30", "points: 35");
        let e = Rubric::from_yaml("bad.yaml", &text).unwrap_err();
        assert!(e.message.en.contains("sum"), "{}", e.message.en);
    }

    #[test]
    fn a_negative_tolerance_is_refused() {
        let with = |v: &str| {
            SHIPPED[0]
                .1
                .replace("score_tolerance: 0.01", &format!("score_tolerance: {v}"))
        };
        let e = Rubric::from_yaml("bad.yaml", &with("-0.01")).unwrap_err();
        assert!(e.message.en.contains("score_tolerance"), "{}", e.message.en);
        assert!(Rubric::from_yaml("ok.yaml", &with("0")).is_ok());
    }

    #[test]
    fn a_claim_credit_is_a_share_of_the_weight() {
        let with = |v: &str| {
            let t = SHIPPED[0]
                .1
                .replace("claim_credit: 0 ", &format!("claim_credit: {v} "));
            assert!(t.contains(&format!("claim_credit: {v} ")));
            Rubric::from_yaml("r.yaml", &t)
        };
        for bad in ["-1", "100.01"] {
            let e = with(bad).unwrap_err();
            assert!(
                e.message.en.contains("claim_credit"),
                "{bad}: {}",
                e.message.en
            );
        }
        // not a number: located at the line that gives it
        let line = SHIPPED[0]
            .1
            .lines()
            .position(|l| l.contains("claim_credit"))
            .unwrap()
            + 1;
        let e = with("abc").unwrap_err();
        assert!(e.to_string().contains(&format!("r.yaml:{line}:")), "{e}");
        assert_eq!(
            with("50").unwrap().thresholds.claim_credit,
            Decimal::from(50)
        );
        assert!(with("100").is_ok());
    }

    #[test]
    fn the_editor_schema_has_the_keys_the_reader_takes() {
        use crate::de::keys_of;
        for (read, has) in [
            keys_of::<Rubric, Rubric>(),
            keys_of::<GradeBand, GradeBand>(),
            keys_of::<Thresholds, Thresholds>(),
            keys_of::<Item, Item>(),
            keys_of::<item::Move, item::Move>(),
            keys_of::<LineRule, LineRule>(),
            keys_of::<ShareBands, ShareBands>(),
            keys_of::<ShareBand, ShareBand>(),
            keys_of::<TierRule, TierRule>(),
            keys_of::<Application, Application>(),
            keys_of::<Consequence, Consequence>(),
            keys_of::<rules::Deduct, rules::Deduct>(),
            keys_of::<rules::Checklist, rules::Checklist>(),
            keys_of::<rules::Proportional, rules::Proportional>(),
        ] {
            assert!(read.len() >= 2, "{read:?}");
            assert_eq!(read, has);
        }
    }

    #[test]
    fn unknown_rubric_name_is_an_error() {
        assert!(Rubric::load("no-such-rubric").is_err());
    }

    fn central_with(from: &str, to: &str) -> Result<Rubric, String> {
        let (_, text) = SHIPPED.iter().find(|(n, _)| *n == "central-2021").unwrap();
        assert!(text.contains(from), "{from}");
        Rubric::from_yaml("c.yaml", &text.replacen(from, to, 1)).map_err(|e| e.to_string())
    }

    #[test]
    fn central_rubric_loads_with_its_moves_and_curves() {
        let r = Rubric::load("central-2021").unwrap();
        let names: Vec<&str> = r.leaves.iter().map(|l| &*l.name).collect();
        assert_eq!(
            names,
            [
                "产出指标",
                "成本指标",
                "效益指标",
                "满意度指标",
                "预算执行率"
            ]
        );
        // 成本 → 产出 10, 效益 10; 满意度 → 效益 10
        assert_eq!(
            r.leaves[1].moves,
            [(0, Decimal::from(10)), (2, Decimal::from(10))]
        );
        assert_eq!(r.leaves[3].moves, [(2, Decimal::from(10))]);
        assert_eq!(r.lines.len(), 2);
    }

    #[test]
    fn moves_that_do_not_hold_are_refused_at_their_line() {
        // the moved points must add up to the item's
        let e2 = central_with(
            "      - {to: 效益指标, points: 10}\n  - name: 效益指标",
            "      - {to: 效益指标, points: 9}\n  - name: 效益指标",
        )
        .unwrap_err();
        assert!(e2.contains("moved sum to 19, not the item's 20"), "{e2}");
        // located at the item's `name:` line, not at a comment that names it
        let (_, text) = SHIPPED.iter().find(|(n, _)| *n == "central-2021").unwrap();
        let line = text
            .lines()
            .position(|l| l == "  - name: 成本指标")
            .unwrap()
            + 1;
        assert!(e2.starts_with(&format!("c.yaml:{line}:")), "{e2}");
        // to an item that is not there, or to itself
        let e = central_with("{to: 产出指标, points: 10}", "{to: 产出, points: 10}").unwrap_err();
        assert!(e.contains("`产出` is not another `sum` item"), "{e}");
        let e =
            central_with("{to: 产出指标, points: 10}", "{to: 成本指标, points: 10}").unwrap_err();
        assert!(e.contains("`成本指标` is not another `sum` item"), "{e}");
        // only a `sum` item moves its points
        let e = central_with(
            "    input: execution_rate\n",
            "    input: execution_rate\n    if_empty: [{to: 产出指标, points: 10}]\n",
        )
        .unwrap_err();
        assert!(e.contains("only a `sum` item"), "{e}");
    }

    #[test]
    fn line_curves_that_do_not_hold_are_refused() {
        let e = central_with("{pass_mark: 60}", "{pass_mark: 100}").unwrap_err();
        assert!(e.contains("pass mark 100 must lie in [0, 100)"), "{e}");
        let e = central_with(
            "{range: '[80, 90)', share: 80}",
            "{range: '[81, 90)', share: 80}",
        )
        .unwrap_err();
        assert!(e.contains("overlap or leave a gap"), "{e}");
        let e = central_with(
            "{range: '[80, 90)', share: 80}",
            "{range: '[80, 90)', share: 180}",
        )
        .unwrap_err();
        assert!(e.contains("gives 180%, outside [0, 100]"), "{e}");
        let e = central_with("level1: [satisfaction]", "level1: [满足度]").unwrap_err();
        assert!(e.contains("level1 `满足度` not recognised"), "{e}");
        let e = central_with("{pass_mark: 60}", "{pass_line: 60}").unwrap_err();
        assert!(e.contains("pass_line"), "{e}");
    }
}
