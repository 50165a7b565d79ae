//! Scoring: applies a rubric to a record and gives a scorecard with a reason per line.

pub mod items;
mod line;
pub mod reading;
mod reason;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::i18n::Text;
use crate::model::{Direction, Record, Tier};
use crate::rubric::Rubric;

pub use items::ItemLine;
pub use line::score_line;
pub use reading::{Why, reading};
pub use reason::{Figures, Reason};

/// How an indicator was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    NotMet,
    Unmeasured,
    Qualitative,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Unmeasured => "unmeasured",
            Status::Qualitative => "qualitative",
        }
    }
}

/// Why an indicator counts as unmeasured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmeasured {
    /// No actual was reported.
    Missing,
    /// The actual carries an inequality or a deadline: it restates the target.
    RestatesTarget,
    /// A word of completion (已完成, 达到预期, 按时完成) where a number or a date is needed: a
    /// claim without its figure.
    AssertsCompletion,
    /// The actual is text where a number, a date or a tier word is needed.
    NotMeasured,
    /// The actual's unit is of another kind than the target's.
    UnitMismatch { actual: String, target: String },
}

/// One scored indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Index into `Record::indicators`.
    pub index: usize,
    /// The indicator's points (its weight).
    pub max: Decimal,
    /// The exact score, before display rounding.
    pub score: Decimal,
    pub status: Status,
    pub unmeasured: Option<Unmeasured>,
    pub tier: Option<Tier>,
    /// The direction used (stated, or from the operator).
    pub direction: Direction,
    /// The actual in the target's unit, when measured as a number.
    pub actual: Option<Decimal>,
    /// The target value in its own unit, for quantitative targets.
    pub target: Option<Decimal>,
    /// The one-line reason a person can check.
    pub reason: Reason,
}

/// 预算执行率 and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// executed / [`crate::model::Budget::base`] × 100, exact; none when nothing executed is recorded.
    pub rate: Option<Decimal>,
    pub score: Decimal,
    pub max: Decimal,
}

/// The scorecard of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub lines: Vec<Line>,
    /// The rubric's leaf items, when it is a rubric of items (else empty).
    pub items: Vec<ItemLine>,
    pub execution: Execution,
    /// The total, rounded once to 2 decimals.
    pub total: Decimal,
    pub grade: Arc<str>,
    pub grade_en: Arc<str>,
    pub grade_rank: usize,
    /// The grade the unit claims, as one of the rubric's (when the rubric knows its word).
    pub claimed_grade: Option<ClaimedGrade>,
    /// Whether the record gave its own weights.
    pub weights_given: bool,
}

/// A claimed grade word read as one of the rubric's grades: its rank (best first) and its
/// words in both languages, so that a view in one language shows it in that language.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimedGrade {
    pub rank: usize,
    pub grade: Arc<str>,
    pub en: Arc<str>,
}

/// 全年执行数 / the budget's base (全年预算数, else 年初预算数) × 100, when both are known and the
/// base is not 0.
pub fn execution_rate(record: &Record) -> Option<Decimal> {
    let b = &record.budget;
    let (_, base) = b.base()?;
    b.executed
        .filter(|_| !base.is_zero())
        .and_then(|e| crate::num::percent_of(e, base))
}

/// Why a record cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreError {
    pub message: Text,
    /// The indicator at fault (its index), or none for the budget.
    pub indicator: Option<usize>,
}

impl ScoreError {
    /// The indicator at fault in the record that was scored, if the error names one.
    pub fn indicator_in<'r>(&self, record: &'r Record) -> Option<&'r crate::model::Indicator> {
        self.indicator.and_then(|i| record.indicators.get(i))
    }
}

/// Scores a record. Errors are about the record as a whole (planned budget of 0, some
/// indicators weighted and some not).
pub fn score(record: &Record, rubric: &Rubric) -> Result<Scorecard, ScoreError> {
    items::score_items(record, rubric)
}
