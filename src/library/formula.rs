//! Formulas (evalexpr 11) that compute an indicator's actual from named inputs.
//!
//! evalexpr computes in f64; inputs are converted from decimals and the result is converted back
//! and rounded to 10 decimal places, which removes binary noise such as `10.000000000000002`.
//! A formula's text is held to the limits of [`super::formula_limits`] before it is compiled.

use std::collections::BTreeMap;

use evalexpr::{
    ContextWithMutableFunctions, ContextWithMutableVariables, EvalexprError, Function,
    HashMapContext, Node, Value,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::formula_limits;
use crate::i18n::Text;
use crate::num::decimal_from_f64;

/// A compiled formula and the names of its inputs.
#[derive(Debug, Clone)]
pub struct Formula {
    pub source: String,
    node: Node,
    pub inputs: Vec<String>,
}

impl Formula {
    pub fn compile(source: &str) -> Result<Formula, Text> {
        formula_limits::check(source)?;
        let node = evalexpr::build_operator_tree(source).map_err(|e| {
            Text::new(
                format!("公式 `{source}` 无法编译：{e}"),
                format!("formula `{source}` does not compile: {e}"),
            )
        })?;
        let mut inputs: Vec<String> = node
            .iter_variable_identifiers()
            .map(str::to_string)
            .collect();
        inputs.sort();
        inputs.dedup();
        Ok(Formula {
            source: source.to_string(),
            node,
            inputs,
        })
    }

    /// Names of inputs the formula uses and `given` lacks.
    pub fn missing<'a>(&'a self, given: &BTreeMap<String, Decimal>) -> Vec<&'a str> {
        self.inputs
            .iter()
            .filter(|i| !given.contains_key(*i))
            .map(String::as_str)
            .collect()
    }

    pub fn eval(&self, given: &BTreeMap<String, Decimal>) -> Result<Decimal, Text> {
        let fail = |why: String| {
            Text::new(
                format!("公式 `{}` 无法计算：{why}", self.source),
                format!("formula `{}` cannot be evaluated: {why}", self.source),
            )
        };
        let missing = self.missing(given);
        if !missing.is_empty() {
            return Err(fail(format!("missing input {}", missing.join(", "))));
        }
        let mut ctx = HashMapContext::new();
        let set = |ctx: &mut HashMapContext| -> Result<(), EvalexprError> {
            ctx.set_function(
                "abs".into(),
                Function::new(|a| match a {
                    Value::Int(i) => Ok(Value::Int(i.abs())),
                    Value::Float(f) => Ok(Value::Float(f.abs())),
                    other => Err(EvalexprError::expected_number(other.clone())),
                }),
            )?;
            for (k, v) in given {
                ctx.set_value(k.clone(), Value::Float(v.to_f64().unwrap_or(f64::NAN)))?;
            }
            Ok(())
        };
        set(&mut ctx).map_err(|e| fail(e.to_string()))?;
        let v = self
            .node
            .eval_number_with_context(&ctx)
            .map_err(|e| fail(e.to_string()))?;
        if !v.is_finite() {
            return Err(fail("division by zero or overflow".into()));
        }
        decimal_from_f64(v)
            .map(|d| d.round_dp(10).normalize())
            .ok_or_else(|| fail("result out of range".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.parse().unwrap()))
            .collect()
    }

    #[test]
    fn budget_accuracy() {
        let f = Formula::compile("abs(executed - planned) / planned * 100").unwrap();
        assert_eq!(f.inputs, vec!["executed", "planned"]);
        let v = f
            .eval(&inputs(&[("executed", "18.9"), ("planned", "21")]))
            .unwrap();
        assert_eq!(v, "10".parse().unwrap());
    }

    #[test]
    fn formulas_at_the_limits_compile_and_evaluate_on_a_worker_stack() {
        use super::formula_limits::{MAX_CHARS, MAX_DEPTH};
        let pad = |s: String| {
            let mut s = s;
            while s.len() + 2 <= MAX_CHARS {
                s.insert_str(0, "1+");
            }
            s
        };
        let worst = [
            // the longest chain of binary operators
            pad("1".to_string()),
            pad(vec!["1"; MAX_CHARS / 4].join("^")),
            // the deepest parentheses and signs, then padded to the length
            pad("(".repeat(MAX_DEPTH) + "1" + &")".repeat(MAX_DEPTH)),
            pad("-".repeat(MAX_DEPTH) + "1"),
            pad("abs ".repeat(MAX_CHARS / 8) + "1"),
        ];
        // batch workers run on the default 2 MiB stack
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                for src in worst {
                    assert!(src.chars().count() <= MAX_CHARS);
                    let f = Formula::compile(&src).unwrap_or_else(|e| panic!("{}", e.en));
                    let g = f.clone();
                    assert!(g.eval(&BTreeMap::new()).is_ok(), "{src}");
                    drop((f, g));
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn division_by_zero_is_an_error() {
        let f = Formula::compile("spent / budgeted * 100").unwrap();
        assert!(
            f.eval(&inputs(&[("spent", "1"), ("budgeted", "0")]))
                .is_err()
        );
        assert!(f.eval(&inputs(&[("spent", "1")])).is_err());
    }
}
