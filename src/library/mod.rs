//! The indicator library (`indicators/`): reusable indicator definitions that a project refers
//! to with `use: common/<id>`, optionally with a formula that computes the actual from inputs.

mod formula;
mod formula_limits;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;

use crate::de;
use crate::error::InputError;
use crate::i18n::Text;
use crate::model::{Direction, Level1, Level2, Target};

pub use formula::Formula;

/// Libraries shipped inside the binary: (name, YAML text).
pub const SHIPPED: &[(&str, &str)] = &[("common", include_str!("../../indicators/common.yaml"))];

/// One reusable indicator definition.
#[derive(Debug, Clone)]
pub struct Definition {
    pub id: String,
    pub name: String,
    pub level1: Level1,
    pub level2: Level2,
    pub target: Target,
    pub target_text: String,
    pub direction: Option<Direction>,
    /// Compiled once, when the library is loaded.
    pub formula: Option<Formula>,
}

/// All loaded libraries, keyed `library/id`.
#[derive(Debug, Clone, Default)]
pub struct Library {
    defs: BTreeMap<String, Definition>,
}

/// 指标库文件 / an indicator library file (`indicators/*.yaml`).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "jixiao 指标库 / indicator library")]
struct FileIn {
    /// 指标定义，项目文件以 `use: 库名/id` 引用 / the definitions, which a project file refers
    /// to with `use: <library>/<id>`.
    indicators: Vec<DefIn>,
}

/// 一条可复用的指标定义 / one reusable indicator definition.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DefIn {
    /// 指标编号，库内唯一，如 `budget-accuracy` / the id, unique in the library.
    id: String,
    /// 三级指标名称 / the indicator's name (三级指标).
    name: String,
    /// 一级指标：产出指标、成本指标、效益指标、满意度指标 / level1: output, cost, benefit,
    /// satisfaction.
    #[serde(deserialize_with = "de_level1")]
    #[schemars(schema_with = "level1_schema")]
    level1: Option<Level1>,
    /// 二级指标：数量指标、质量指标、时效指标…… / level2: quantity, quality, timeliness, ….
    #[serde(deserialize_with = "de_level2")]
    #[schemars(schema_with = "level2_schema")]
    level2: Option<Level2>,
    /// 年初目标值，如 `≤5%`、`≥90%`、`=100%` / the target as on the form.
    #[serde(deserialize_with = "de::scalar")]
    #[schemars(schema_with = "de::scalar_schema")]
    target: String,
    /// 指标方向：正向或反向 / direction: forward or reverse.
    #[serde(default, deserialize_with = "de_direction")]
    #[schemars(schema_with = "direction_schema")]
    direction: Option<Direction>,
    /// 由 `inputs:` 计算实际完成值的公式，可用 planned、executed，如
    /// `spent / budgeted * 100` / the formula that computes the actual from `inputs:`.
    #[serde(default)]
    formula: Option<String>,
}

/// The schema of what [`de_level1`] reads: a level1 word, or nothing.
pub(crate) fn level1_schema(_: &mut SchemaGenerator) -> Schema {
    let shown: Vec<&str> = Level1::ALL.iter().flat_map(|l| [l.zh(), l.en()]).collect();
    de::word_schema(
        &shown,
        &de::all_words(Level1::WORDS),
        de::Fold::Key,
        Level1::ACCEPTED,
        true,
    )
}

/// The schema of what [`de_level2`] reads: a level2 word, or nothing.
pub(crate) fn level2_schema(_: &mut SchemaGenerator) -> Schema {
    let shown: Vec<&str> = Level2::ALL.iter().flat_map(|l| [l.zh(), l.en()]).collect();
    de::word_schema(
        &shown,
        &de::all_words(Level2::WORDS),
        de::Fold::Key,
        Level2::ACCEPTED,
        true,
    )
}

/// The schema of what [`de_direction`] reads: a direction word, or nothing.
pub(crate) fn direction_schema(_: &mut SchemaGenerator) -> Schema {
    let both = [Direction::Forward, Direction::Reverse];
    let shown: Vec<&str> = both.iter().flat_map(|d| [d.zh(), d.en()]).collect();
    de::word_schema(
        &shown,
        &de::all_words(Direction::WORDS),
        de::Fold::Key,
        Direction::ACCEPTED,
        true,
    )
}

/// The editor schema of an indicator library file.
pub fn schema(g: &mut SchemaGenerator) -> Schema {
    g.root_schema_for::<FileIn>()
}

pub(crate) fn de_level1<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Level1>, D::Error> {
    de::word(d, ("一级指标", "level1"), Level1::ACCEPTED, Level1::parse)
}

pub(crate) fn de_level2<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Level2>, D::Error> {
    de::word(d, ("二级指标", "level2"), Level2::ACCEPTED, Level2::parse)
}

pub(crate) fn de_direction<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Direction>, D::Error> {
    de::word(
        d,
        ("方向", "direction"),
        Direction::ACCEPTED,
        Direction::parse,
    )
}

/// The `planned` and `executed` a formula is given when it is checked on sample inputs: both
/// positive, as on every form.
pub fn sample_budget() -> [(&'static str, Decimal); 2] {
    [
        ("planned", Decimal::ONE_HUNDRED),
        ("executed", Decimal::from(90)),
    ]
}

impl Library {
    /// The libraries shipped with jixiao.
    pub fn shipped() -> Result<Library, InputError> {
        let mut lib = Library::default();
        for (name, text) in SHIPPED {
            lib.add(name, &format!("indicators/{name}.yaml"), text)?;
        }
        Ok(lib)
    }

    /// Adds the definitions of one library file under `name`.
    pub fn add(&mut self, name: &str, file: &str, text: &str) -> Result<(), InputError> {
        de::limits::check(file, text)?;
        let parsed: FileIn =
            serde_yaml::from_str(text).map_err(|e| de::yaml_error(file, text, &e))?;
        for d in parsed.indicators {
            let err = |t: Text| InputError::new(file, t).indicator(&d.name);
            let target = Target::parse(&d.target).map_err(err)?;
            let formula = match &d.formula {
                Some(f) => {
                    let f = Formula::compile(f).map_err(err)?;
                    f.check_samples(&sample_budget()).map_err(err)?;
                    Some(f)
                }
                None => None,
            };
            let (Some(level1), Some(level2)) = (d.level1, d.level2) else {
                return Err(err(Text::new(
                    "定义缺少一级或二级指标",
                    "definition lacks level1 or level2",
                )));
            };
            self.defs.insert(
                format!("{name}/{}", d.id),
                Definition {
                    id: d.id,
                    name: d.name,
                    level1,
                    level2,
                    target,
                    target_text: d.target,
                    direction: d.direction,
                    formula,
                },
            );
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&Definition> {
        self.defs.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.defs.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_schema_has_the_keys_the_reader_takes() {
        let (read, has) = crate::de::keys_of::<DefIn, DefIn>();
        assert!(read.len() >= 5, "{read:?}");
        assert_eq!(read, has);
    }

    #[test]
    fn shipped_library_has_the_table6_ids() {
        let lib = Library::shipped().unwrap();
        for id in [
            "subject-adjustments",
            "budget-accuracy",
            "three-public-control",
            "operation-guarantee",
            "payroll-coverage",
            "full-guarantee",
        ] {
            assert!(lib.get(&format!("common/{id}")).is_some(), "{id}");
        }
        let acc = lib.get("common/budget-accuracy").unwrap();
        assert_eq!(acc.direction, Some(Direction::Reverse));
        assert!(acc.formula.is_some());
    }

    #[test]
    fn a_formula_that_does_not_compile_names_the_indicator() {
        let mut lib = Library::default();
        let e = lib
            .add(
                "x",
                "x.yaml",
                "indicators:\n  - {id: a, name: 甲, level1: output, level2: quality, target: '≤5%', formula: 'abs(('}\n",
            )
            .unwrap_err();
        assert_eq!(e.indicator.as_deref(), Some("甲"));
        assert!(e.message.en.contains("formula"), "{}", e.message.en);
    }

    #[test]
    fn a_formula_past_the_limits_names_the_indicator() {
        let with = |f: &str| {
            Library::default().add(
                "x",
                "x.yaml",
                &format!("indicators:\n  - {{id: a, name: 甲, level1: output, level2: quality, target: '≤5%', formula: '{f}'}}\n"),
            )
        };
        for (f, want) in [
            ("1+".repeat(600), "formula is too long"),
            (
                "(".repeat(33) + "spent" + &")".repeat(33),
                "nested too deep",
            ),
        ] {
            let e = with(&f).unwrap_err();
            assert_eq!(e.indicator.as_deref(), Some("甲"));
            assert!(e.message.en.contains(want), "{}", e.message.en);
        }
        assert!(with(&("(".repeat(32) + "spent" + &")".repeat(32))).is_ok());
    }

    #[test]
    fn a_formula_that_never_gives_a_number_names_the_indicator() {
        let with = |f: &str| {
            Library::default().add(
                "x",
                "x.yaml",
                &format!("indicators:\n  - {{id: a, name: 甲, level1: output, level2: quality, target: '≤5%', formula: '{f}'}}\n"),
            )
        };
        let e = with("spent / 0").unwrap_err();
        assert_eq!(e.indicator.as_deref(), Some("甲"));
        assert!(
            e.message.en.contains("never gives a number"),
            "{}",
            e.message.en
        );
        // a share of a budget that may be 0 passes
        assert!(with("spent / budgeted * 100").is_ok());
    }

    #[test]
    fn a_library_nested_too_deep_is_refused_before_it_is_parsed() {
        let text = format!("indicators: {}{}\n", "[".repeat(100), "]".repeat(100));
        let e = Library::default().add("x", "x.yaml", &text).unwrap_err();
        assert_eq!((e.line, e.col), (Some(1), Some(13 + 63)));
        assert!(e.message.en.contains("nested too deep"), "{}", e.message.en);
    }
}
