//! `checklist`: named items; each failed item costs `per` points; floored at 0.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Head, Inputs, Kind, Outcome, Shown};
use crate::de;
use crate::i18n::{Lang, Text};
use crate::model::Measure;
use crate::num::{fmt_value, fmt2};

/// 清单：每项不符扣 `per` / a checklist: `per` off for each item that failed.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// 清单各项 / the items.
    pub items: Vec<String>,
    /// 每项不符扣分 / the points off each item that failed.
    #[serde(deserialize_with = "de::decimal")]
    #[schemars(schema_with = "de::decimal_schema")]
    pub per: Decimal,
}

/// How many items failed of how many, the points off each, and the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    failed: usize,
    of: usize,
    per: Decimal,
    score: Decimal,
}

impl Trace {
    pub fn reason(&self, lang: Lang) -> String {
        let (n, of, per, s) = (self.failed, self.of, fmt_value(self.per), fmt2(self.score));
        match lang {
            Lang::Zh => format!("{of} 项中 {n} 项不符，每项扣 {per}：{s}"),
            Lang::En => format!(
                "{n} of {} failed, {per} off each: {s}",
                crate::i18n::count(of as u64, "item")
            ),
        }
    }
}

impl Kind for Checklist {
    const KEY: &'static str = "checklist";

    fn check(&mut self, _item: &Head) -> Result<(), Text> {
        if self.items.is_empty() {
            return Err(Text::new("清单没有条目", "the checklist has no items"));
        }
        Ok(())
    }

    fn describe(&self, _input: &str, lang: Lang) -> String {
        let (n, per) = (self.items.len(), self.per.normalize());
        match lang {
            Lang::Zh => format!("{n} 项，每项不符扣 {per}：{}", self.items.join("；")),
            Lang::En => format!(
                "{}, {per} off per failed item: {}",
                crate::i18n::count(n as u64, "item"),
                self.items.join("; ")
            ),
        }
    }

    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
        let (input, items) = (item.input, &self.items);
        let failed: Vec<String> = match inputs.record.measures.get(input) {
            None => return Ok(Outcome::missing(input)),
            Some(Measure::Failed(v)) => v.clone(),
            Some(Measure::FailedCount(n)) => (0..*n).map(|i| format!("#{}", i + 1)).collect(),
            Some(Measure::Number(d))
                if d.is_integer() && !d.is_sign_negative() && *d <= Decimal::from(items.len()) =>
            {
                (0..d.mantissa()).map(|i| format!("#{}", i + 1)).collect()
            }
            Some(other) => {
                return Err(Text::new(
                    format!("`{input}` 应为清单结果，如 `{{failed: []}}`，而不是 {other:?}"),
                    format!(
                        "`{input}` should be a checklist result such as `{{failed: []}}`, not {other:?}"
                    ),
                ));
            }
        };
        if let Some(bad) = failed
            .iter()
            .find(|f| !f.starts_with('#') && !items.contains(f))
        {
            return Err(Text::new(
                format!(
                    "`{input}` 中的 `{bad}` 不是评分项「{}」清单中的条目（{}）",
                    item.name,
                    items.join("；")
                ),
                format!(
                    "`{bad}` in `{input}` is not an item of the checklist of `{}` ({})",
                    item.name,
                    items.join("; ")
                ),
            ));
        }
        let n = Decimal::from(failed.len() as u64);
        let score = self
            .per
            .checked_mul(n)
            .and_then(|off| item.points.checked_sub(off))
            .unwrap_or(Decimal::ZERO)
            .max(Decimal::ZERO);
        Ok(Outcome::new(
            score,
            Some(Shown::Count {
                failed: failed.len(),
                of: items.len(),
            }),
            super::Trace::Checklist(Trace {
                failed: failed.len(),
                of: items.len(),
                per: self.per,
                score,
            }),
        ))
    }
}
