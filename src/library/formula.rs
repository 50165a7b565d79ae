//! Formulas (evalexpr 11) that compute an indicator's actual from named inputs.
//!
//! evalexpr computes in f64; inputs are converted from decimals and the result is converted back
//! and rounded to 10 decimal places, which removes binary noise such as `10.000000000000002`.
//! A formula's text is held to the limits of [`super::formula_limits`] before it is compiled,
//! and a formula that gives no number on any sample input is refused ([`Formula::check_samples`]).

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

/// The values [`Formula::check_samples`] gives the inputs in turn.
pub const SAMPLES: [i64; 4] = [0, 1, 50, 100];

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
        self.value(given).map_err(|why| {
            Text::new(
                format!("公式 `{}` 无法计算：{}", self.source, why.zh),
                format!("formula `{}` cannot be evaluated: {}", self.source, why.en),
            )
        })
    }

    /// Refuses a formula that gives no finite number on any sample: each input set in turn to
    /// each of [`SAMPLES`], except those `fixed` gives (`planned`, `points`, …). A formula that
    /// fails on some samples only passes: at scoring time that is the record's error.
    pub fn check_samples(&self, fixed: &[(&str, Decimal)]) -> Result<(), Text> {
        let mut first = None;
        for s in SAMPLES {
            let given: BTreeMap<String, Decimal> = self
                .inputs
                .iter()
                .map(|n| {
                    let v = fixed.iter().find(|(k, _)| k == n).map(|(_, v)| *v);
                    (n.clone(), v.unwrap_or(Decimal::from(s)))
                })
                .collect();
            match self.value(&given) {
                Ok(_) => return Ok(()),
                Err(why) => {
                    first.get_or_insert((why, given));
                }
            }
        }
        let (why, given) = first.expect("SAMPLES is not empty");
        let sample = |none: &str| {
            if given.is_empty() {
                return none.to_string();
            }
            let pairs: Vec<String> = given
                .iter()
                .map(|(k, v)| format!("{k} = {}", v.normalize()))
                .collect();
            pairs.join(", ")
        };
        let values = SAMPLES.map(|s| s.to_string());
        Err(Text::new(
            format!(
                "公式 `{}` 在样例输入（各输入依次取 {}）下都得不出数值：{}（样例：{}）",
                self.source,
                values.join("、"),
                why.zh,
                sample("无输入")
            ),
            format!(
                "formula `{}` never gives a number on the sample inputs (each input {} in turn): {} (sample: {})",
                self.source,
                values.join(", "),
                why.en,
                sample("no inputs")
            ),
        ))
    }

    /// The formula's finite value on `given`, or why there is none.
    fn value(&self, given: &BTreeMap<String, Decimal>) -> Result<Decimal, Text> {
        let plain = |why: String| Text::new(why.clone(), why);
        let missing = self.missing(given);
        if !missing.is_empty() {
            return Err(plain(format!("missing input {}", missing.join(", "))));
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
        set(&mut ctx).map_err(|e| plain(e.to_string()))?;
        let v = match self.node.eval_with_context(&ctx) {
            Ok(Value::Float(f)) => f,
            Ok(Value::Int(i)) => i as f64,
            Ok(Value::Boolean(b)) => {
                return Err(Text::new(
                    format!("结果是布尔值 {b}，不是数值"),
                    format!("it gives the boolean {b}, not a number"),
                ));
            }
            Ok(Value::String(t)) => {
                return Err(Text::new(
                    format!("结果是文字 \"{t}\"，不是数值"),
                    format!("it gives the text \"{t}\", not a number"),
                ));
            }
            Ok(other) => {
                return Err(Text::new(
                    format!("结果 {other} 不是数值"),
                    format!("it gives {other}, not a number"),
                ));
            }
            Err(e) => return Err(plain(e.to_string())),
        };
        if !v.is_finite() {
            return Err(Text::new("除以零或溢出", "division by zero or overflow"));
        }
        decimal_from_f64(v)
            .map(|d| d.round_dp(10).normalize())
            .ok_or_else(|| Text::new("结果超出范围", "result out of range"))
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
    fn a_formula_that_never_gives_a_number_is_refused_with_its_sample() {
        let fixed = [("points", Decimal::from(10))];
        let check = |src: &str| Formula::compile(src).unwrap().check_samples(&fixed);
        let e = check("points / (value - value)").unwrap_err();
        assert_eq!(
            e.en,
            "formula `points / (value - value)` never gives a number on the sample inputs \
             (each input 0, 1, 50, 100 in turn): division by zero or overflow \
             (sample: points = 10, value = 0)"
        );
        assert!(e.zh.contains("都得不出数值：除以零或溢出（样例：points = 10, value = 0）"));
        let e = check("value > 50").unwrap_err();
        assert!(
            e.en.contains("it gives the boolean false, not a number"),
            "{}",
            e.en
        );
        let e = check("\"abc\"").unwrap_err();
        assert!(e.en.contains("(sample: no inputs)"), "{}", e.en);
        // a number on some samples only: passes
        assert!(check("points / value").is_ok());
        assert!(check("points / (value - 50)").is_ok());
        assert!(check("if(value > 50, points, \"no\")").is_ok());
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
