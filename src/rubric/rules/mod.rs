//! The rule kinds a rubric's leaf item can use, one file each: its definition as written in
//! YAML, its load-time check, its description for `rubric show`, and its scoring, which returns
//! the score with a [`Trace`] of what was compared. Reason text is made from the trace only when
//! a renderer asks for it, so scoring never builds text nobody reads.
//!
//! A new rule kind is one new file here plus one line in the `kinds!` list below.

mod bands;
mod checklist;
mod deduct;
mod execution;
mod formula;
mod proportional;
mod sum;
mod tiers;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::TierRule;
use crate::i18n::{Lang, Text};
use crate::model::{EXECUTION_RATE, Measure, Record};
use crate::num::{fmt_value, push_fmt2};

pub use bands::{Band, Bands};
pub use checklist::Checklist;
pub use deduct::{Deduct, Rounding};
pub use execution::ExecutionTrace;
pub use formula::{FORMULA_NAMES, FormulaRule};

pub use proportional::{Proportional, Reverse};
pub use sum::Sum;
pub use tiers::Tiers;

/// What a leaf item is, as the rules see it.
pub struct Head<'a> {
    pub name: &'a str,
    pub points: Decimal,
    /// The measure the item reads (`""` when it names none).
    pub input: &'a str,
    /// Points that moved into or out of the item because a `sum` item counted no indicator.
    pub moved: &'a [Moved],
}

/// Points that moved between `sum` items because one of them counted no indicator
/// (`if_empty`).
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The other item, and its name in English.
    pub item: std::sync::Arc<str>,
    pub item_en: std::sync::Arc<str>,
    pub points: Decimal,
    /// Into this item (from `item`), or out of it (to `item`).
    pub into: bool,
}

impl Moved {
    /// The other item's name in `lang`.
    pub fn item(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh => &self.item,
            crate::i18n::Lang::En => &self.item_en,
        }
    }
}

/// What a rule reads of a record.
pub struct Inputs<'a> {
    pub record: &'a Record,
    /// The execution rate, computed once from the budget.
    pub rate: Option<Decimal>,
    /// The rubric's qualitative tiers.
    pub tiers: &'a [TierRule],
    /// For a `sum` item: its indicators' scores and maxima summed, and how many they are.
    pub members: Members,
}

/// The indicators a `sum` item counts, summed.
#[derive(Debug, Clone, Copy)]
pub struct Members {
    pub score: Decimal,
    pub max: Decimal,
    pub count: usize,
}

impl Inputs<'_> {
    /// A number the rules can read: a numeric measure, or the execution rate.
    pub fn number(&self, name: &str) -> Option<Decimal> {
        match self.record.measures.get(name) {
            Some(Measure::Number(d)) => Some(*d),
            Some(_) => None,
            None => match name {
                "budget_completion_rate" | EXECUTION_RATE => self.rate,
                _ => None,
            },
        }
    }
}

/// A rule kind: one file of this folder.
pub trait Kind {
    /// The key it is written under in YAML (`bands`, `deduct`, …).
    const KEY: &'static str;
    /// Whether the item must name the measure it reads (`input:`).
    const NEEDS_INPUT: bool = true;

    /// Checks the rule against its item when the rubric is loaded.
    fn check(&mut self, _item: &Head) -> Result<(), Text> {
        Ok(())
    }

    /// Checks the names the rule reads besides its item's input (a formula's variables)
    /// against every item's input, once the whole rubric is loaded.
    fn check_names(&self, _inputs: &[&str]) -> Result<(), Text> {
        Ok(())
    }

    /// The rule in words, as a person would print it on the scoring table.
    fn describe(&self, input: &str, lang: Lang) -> String;

    /// Scores the item; an error is about the record's data (a word that is no tier).
    fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text>;
}

/// A leaf's score, with what it read and how it got there.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub score: Decimal,
    /// The most the item can score, when it is not its points (a `sum` item: its weights).
    pub max: Option<Decimal>,
    /// The measure as read, for display.
    pub value: Option<Shown>,
    /// The measure (or the formula's names) the rule reads and was not given.
    pub missing: Option<String>,
    pub trace: Trace,
}

impl Outcome {
    pub fn new(score: Decimal, value: Option<Shown>, trace: Trace) -> Outcome {
        Outcome {
            score,
            max: None,
            value,
            missing: None,
            trace,
        }
    }

    /// The measure `input` was not given: 0.
    pub fn missing(input: &str) -> Outcome {
        Outcome {
            score: Decimal::ZERO,
            max: None,
            value: None,
            missing: Some(input.to_string()),
            trace: Trace::Missing(input.into()),
        }
    }
}

/// A measure as an item shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// `96.5%`
    Percent(Decimal),
    /// `96.5`
    Plain(Decimal),
    /// A rate to two decimals: `90.00%`.
    Rate(Decimal),
    /// Failed items of a checklist: `1/3`.
    Count { failed: usize, of: usize },
    /// A word as written.
    Word(String),
}

impl Shown {
    pub fn text(&self) -> String {
        match self {
            Shown::Percent(d) => format!("{}%", fmt_value(*d)),
            Shown::Plain(d) => fmt_value(*d),
            Shown::Rate(d) => {
                let mut s = String::with_capacity(12);
                push_fmt2(&mut s, *d);
                s.push('%');
                s
            }
            Shown::Count { failed, of } => format!("{failed}/{of}"),
            Shown::Word(w) => w.clone(),
        }
    }
}

/// Generates the rule enum (deserialised from a one-key map such as `rule: {bands: [...]}`),
/// the trace enum and their dispatch from the list of kinds.
macro_rules! kinds {
    ($($variant:ident($ty:ty, $trace:ty)),* $(,)?) => {
        /// The rule of a leaf item.
        #[derive(Debug, Clone, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        pub enum Rule {
            $($variant($ty),)*
        }

        /// How a leaf got its score.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Trace {
            /// The measure the rule reads was not given.
            Missing(String),
            /// The execution item, explained from the budget.
            Execution(ExecutionTrace),
            $($variant($trace),)*
        }

        impl Rule {
            /// The key the rule is written under.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Rule::$variant(_) => <$ty as Kind>::KEY,)*
                }
            }

            pub fn needs_input(&self) -> bool {
                match self {
                    $(Rule::$variant(_) => <$ty as Kind>::NEEDS_INPUT,)*
                }
            }

            pub fn check(&mut self, item: &Head) -> Result<(), Text> {
                match self {
                    $(Rule::$variant(r) => r.check(item),)*
                }
            }

            pub fn check_names(&self, inputs: &[&str]) -> Result<(), Text> {
                match self {
                    $(Rule::$variant(r) => r.check_names(inputs),)*
                }
            }

            pub fn describe(&self, input: &str, lang: Lang) -> String {
                match self {
                    $(Rule::$variant(r) => r.describe(input, lang),)*
                }
            }

            pub fn score(&self, item: &Head, inputs: &Inputs) -> Result<Outcome, Text> {
                match self {
                    $(Rule::$variant(r) => r.score(item, inputs),)*
                }
            }
        }

        impl Trace {
            /// The one-line reason a person can check.
            pub fn reason(&self, lang: Lang) -> String {
                match self {
                    Trace::Missing(input) => match lang {
                        Lang::Zh => format!("未填写 `{input}`：0"),
                        Lang::En => format!("`{input}` not given: 0"),
                    },
                    Trace::Execution(t) => t.reason(lang),
                    $(Trace::$variant(t) => t.reason(lang),)*
                }
            }
        }
    };
}

kinds! {
    Proportional(Proportional, proportional::Trace),
    Tiers(Tiers, tiers::Trace),
    Bands(Bands, bands::Trace),
    Deduct(Deduct, deduct::Trace),
    Checklist(Checklist, checklist::Trace),
    Formula(FormulaRule, formula::Trace),
    Sum(Sum, sum::Trace),
}
