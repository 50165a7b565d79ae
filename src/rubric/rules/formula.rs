//! `formula`: an evalexpr expression over the measures, `planned`, `executed`, `value` (the
//! item's input) and `points`; clamped to [0, points]. Compiled once when the rubric is loaded.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome};
use crate::i18n::{Lang, Text};
use crate::library::{self, Formula};
use crate::model::Measure;
use crate::num::{fmt_points, fmt_value, fmt2};

/// Names a formula may use besides the measures.
pub const FORMULA_NAMES: &[&str] = &["planned", "executed", "value", "points", "weight"];

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct FormulaRule {
    pub source: Arc<str>,
    /// Compiled by [`Kind::check`] when the rubric is loaded.
    #[serde(skip)]
    compiled: Option<Formula>,
}

/// The formula, what it gave, and the score within [0, points]; or the names it lacked.
#[derive(Debug, Clone, PartialEq)]
pub enum Trace {
    Evaluated {
        source: Arc<str>,
        value: Decimal,
        points: Decimal,
        score: Decimal,
    },
    Lacks(Vec<String>),
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        match (self, lang) {
            (Trace::Lacks(names), Lang::Zh) => {
                format!("公式缺少输入 `{}`：0", names.join("`、`"))
            }
            (Trace::Lacks(names), Lang::En) => {
                format!("the formula lacks `{}`: 0", names.join("`, `"))
            }
            (
                Trace::Evaluated {
                    source,
                    value,
                    points,
                    score,
                },
                _,
            ) => {
                let (v, p, s) = (fmt_value(*value), fmt_points(*points), fmt2(*score));
                match lang {
                    Lang::Zh => format!("{source} = {v}，限于 [0, {p}]：{s}"),
                    Lang::En => format!("{source} = {v}, within [0, {p}]: {s}"),
                }
            }
        }
    }
}

impl FormulaRule {
    fn compiled(&self) -> &Formula {
        self.compiled
            .as_ref()
            .expect("checked at load: formulas are compiled")
    }
}

impl Kind for FormulaRule {
    const KEY: &'static str = "formula";
    const NEEDS_INPUT: bool = false;

    /// Compiles the formula (within the limits on its text) and refuses it when it gives no
    /// number on any sample input: the measures and `value` 0, 1, 50 and 100 in turn, `planned`
    /// 100, `executed` 90, `points` and `weight` the item's points.
    fn check(&mut self, item: &Head) -> Result<(), Text> {
        let f = Formula::compile(&self.source)?;
        let [planned, executed] = library::sample_budget();
        f.check_samples(&[
            planned,
            executed,
            ("points", item.points),
            ("weight", item.points),
        ])?;
        self.compiled = Some(f);
        Ok(())
    }

    fn check_names(&self, inputs: &[&str]) -> Result<(), Text> {
        let Some(bad) = self
            .compiled()
            .inputs
            .iter()
            .find(|n| !FORMULA_NAMES.contains(&n.as_str()) && !inputs.contains(&n.as_str()))
        else {
            return Ok(());
        };
        Err(Text::new(
            format!(
                "公式 `{}` 用到未知的输入 `{bad}`（可用：{}、各项的 input）",
                self.source,
                FORMULA_NAMES.join("、")
            ),
            format!(
                "formula `{}` names an unknown input `{bad}` (known: {}, and the items' inputs)",
                self.source,
                FORMULA_NAMES.join(", ")
            ),
        ))
    }

    fn describe(&self, _input: &str, _lang: Lang) -> String {
        format!("= {}", self.source)
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let f = self.compiled();
        let record = inputs.record;
        let p = item.points;
        let mut given: BTreeMap<String, Decimal> = BTreeMap::new();
        for (k, m) in &record.measures {
            if let Measure::Number(d) = m {
                given.insert(k.clone(), *d);
            }
        }
        given.insert("planned".into(), record.budget.planned());
        if let Some(e) = record.budget.executed {
            given.insert("executed".into(), e);
        }
        given.insert("points".into(), p);
        given.insert("weight".into(), p);
        if let Some(x) = inputs.number(item.input) {
            given.insert("value".into(), x);
        }
        let missing: Vec<String> = f.missing(&given).iter().map(|s| s.to_string()).collect();
        if !missing.is_empty() {
            let lacks = missing.join(", ");
            let mut out = Outcome::new(
                Decimal::ZERO,
                None,
                super::Trace::Formula(Trace::Lacks(missing)),
            );
            out.missing = Some(lacks);
            return Ok(out);
        }
        let v = f.eval(&given).map_err(|t| {
            Text::new(
                format!("评分项「{}」：{}", item.name, t.zh),
                format!("item `{}`: {}", item.name, t.en),
            )
        })?;
        let score = v.max(Decimal::ZERO).min(p);
        Ok(Outcome::new(
            score,
            None,
            super::Trace::Formula(Trace::Evaluated {
                source: self.source.clone(),
                value: v,
                points: p,
                score,
            }),
        ))
    }
}
