//! A project's record: its targets, actuals, budget and what the unit claims.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::actual::Actual;
use super::target::Target;
use super::text::CellText;
use super::unit::Money;
use super::vocab::{Direction, Level1, Level2};

/// The measure of budget execution (executed / planned × 100): a rubric item reads it by this
/// name, and it is computed from the budget rather than given.
pub const EXECUTION_RATE: &str = "execution_rate";

/// One project (or department) to be scored, whatever file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    /// The rubric named by the record, if any.
    pub rubric: Option<String>,
    pub budget: Budget,
    pub goals: Option<Goals>,
    pub indicators: Vec<Indicator>,
    /// Measures a rubric of items reads (部门整体: 预算完成率, checklists …), by name.
    pub measures: BTreeMap<String, Measure>,
    pub claimed: Claimed,
}

/// A measure of a department-wide record.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// A number (a rate in percent, an amount).
    Number(Decimal),
    /// A word: a tier (达成) or a text.
    Word(String),
    /// A checklist's failed items, by name.
    Failed(Vec<String>),
    /// A checklist's number of failed items.
    FailedCount(u32),
}

/// 项目资金 (A: planned, B: executed), in `unit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub planned: Decimal,
    /// Not known before the year's results are in (a target table).
    pub executed: Option<Decimal>,
    pub unit: Money,
}

/// 年度总体目标: 预期目标 and 实际完成情况.
#[derive(Debug, Clone, PartialEq)]
pub struct Goals {
    pub planned: String,
    pub achieved: String,
}

/// One 三级指标 with its target and what was recorded against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub name: CellText,
    pub level1: Level1,
    pub level2: Level2,
    pub target: Target,
    /// The target as written, for display (a batch that shows none leaves it empty).
    pub target_text: CellText,
    pub direction: Option<Direction>,
    pub weight: Option<Decimal>,
    pub actual: Actual,
    /// The actual as written, for display.
    pub actual_text: Option<CellText>,
    pub claimed_score: Option<Decimal>,
    /// The source line of the indicator, where the reader knows it.
    pub line: Option<usize>,
}

/// What the unit claims overall.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claimed {
    pub total: Option<Decimal>,
    pub grade: Option<String>,
    /// In percent.
    pub execution_rate: Option<Decimal>,
    pub execution_score: Option<Decimal>,
    /// Claimed scores of a rubric's items, by item name.
    pub items: BTreeMap<String, Decimal>,
}

impl Indicator {
    /// Cost is scored as cost when either level says so.
    pub fn is_cost(&self) -> bool {
        self.level1 == Level1::Cost || self.level2 == Level2::Cost
    }
}
