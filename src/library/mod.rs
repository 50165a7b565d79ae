//! The indicator library (`indicators/`): reusable indicator definitions that a project refers
//! to with `use: common/<id>`, optionally with a formula that computes the actual from inputs.

mod formula;
mod formula_limits;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    indicators: Vec<DefIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefIn {
    id: String,
    name: String,
    #[serde(deserialize_with = "de_level1")]
    level1: Option<Level1>,
    #[serde(deserialize_with = "de_level2")]
    level2: Option<Level2>,
    #[serde(deserialize_with = "de::scalar")]
    target: String,
    #[serde(default, deserialize_with = "de_direction")]
    direction: Option<Direction>,
    #[serde(default)]
    formula: Option<String>,
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
