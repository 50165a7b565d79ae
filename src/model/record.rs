//! A project's record: its targets, actuals, budget and what the unit claims.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::actual::Actual;
use super::target::Target;
use super::text::CellText;
use super::unit::Money;
use super::vocab::{Direction, Level1, Level2};

/// The measure of budget execution (全年执行数 / [`Budget::base`] × 100): a rubric item reads it by this
/// name, and it is computed from the budget rather than given.
pub const EXECUTION_RATE: &str = "execution_rate";

/// One project (or department) to be scored, whatever file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub name: String,
    /// 实施单位: the unit that carries the project out (单位名称 on 公开表6).
    pub department: Option<String>,
    /// 主管部门 (with its code where the form gives one): the department the unit answers to.
    pub authority: Option<String>,
    /// 填报单位: the unit that filled the form in (the department form prints it above its table).
    pub filled_by: Option<String>,
    pub year: Option<i32>,
    /// The rubric named by the record, if any.
    pub rubric: Option<String>,
    pub budget: Budget,
    pub goals: Option<Goals>,
    pub indicators: Vec<Indicator>,
    /// Measures a rubric of items reads (部门整体: 预算完成率, checklists …), by name.
    pub measures: BTreeMap<String, Measure>,
    /// The words of the rows that give measures (the department form's 预算完成率 …), row by
    /// row as given: an indicator keeps its own in [`Indicator::notes`].
    pub item_notes: Vec<ItemNotes>,
    pub claimed: Claimed,
}

/// What the department form (部门整体支出绩效自评表) says in words on a row, beside its
/// figures: how the figure is defined, scored, computed, and what the unit advises.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    /// 指标说明.
    pub explanation: Option<String>,
    /// 评分标准.
    pub criteria: Option<String>,
    /// 指标值计算公式和数据获取方式.
    pub method: Option<String>,
    /// 绩效指标分析与建议.
    pub analysis: Option<String>,
}

impl Notes {
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_none())
    }

    /// The fields by their English keys, in the form's order.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("explanation", self.explanation.as_deref()),
            ("criteria", self.criteria.as_deref()),
            ("method", self.method.as_deref()),
            ("analysis", self.analysis.as_deref()),
        ]
    }

    /// The form's words for [`Notes::fields`], in their order.
    pub const ZH: [&'static str; 4] = [
        "指标说明",
        "评分标准",
        "指标值计算公式和数据获取方式",
        "绩效指标分析与建议",
    ];
}

/// The words of a row that gives measures rather than an indicator, under the rubric item it
/// is claimed for (支出进度率), or the measure's name when the row names no item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemNotes {
    pub item: String,
    /// 年初目标值 as written, when the measure was read from another cell.
    pub target: Option<String>,
    /// 实际完成值 as written, when the measure was read from another cell (a checklist's
    /// result from its 不符项, the unit's own words here).
    pub actual: Option<String>,
    /// 未完成原因分析与改进措施.
    pub deviation: Option<String>,
    pub notes: Notes,
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

/// 项目资金 as the national form has it (财预〔2020〕10号): 年初预算数, 全年预算数 (the budget as
/// adjusted during the year) and 全年执行数, in `unit`, with their split by source of funds when
/// given. The execution rate is measured against [`Budget::base`], never against a field read
/// directly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Budget {
    /// 年初预算数.
    pub initial: Option<Decimal>,
    /// 全年预算数.
    pub annual: Option<Decimal>,
    /// 全年执行数: not known before the year's results are in (a target table).
    pub executed: Option<Decimal>,
    /// 其中：当年财政拨款 / 上年结转资金 / 其他资金, in the order of [`Source::ALL`], each source
    /// once; empty when no split is given. Whether the split adds up is not checked.
    pub sources: Vec<(Source, Figures)>,
    pub unit: Money,
}

/// The three figures of one row of 项目资金.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub initial: Option<Decimal>,
    pub annual: Option<Decimal>,
    pub executed: Option<Decimal>,
}

/// Which budget figure the execution rate is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// 全年预算数: the national form's rate, 全年执行数 / 全年预算数.
    Annual,
    /// 年初预算数, when no 全年预算数 is given.
    Initial,
}

impl Basis {
    pub fn key(self) -> &'static str {
        match self {
            Basis::Annual => "annual",
            Basis::Initial => "initial",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Basis::Annual => Figures::ZH[1],
            Basis::Initial => Figures::ZH[0],
        }
    }
}

/// A source of funds, a row of 项目资金 under 年度资金总额.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// 当年财政拨款.
    Appropriation,
    /// 上年结转资金.
    CarriedOver,
    /// 其他资金.
    Other,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Appropriation, Source::CarriedOver, Source::Other];
    /// The accepted words, for error messages.
    pub const ACCEPTED: &'static str =
        "当年财政拨款 (appropriation), 上年结转资金 (carried_over), 其他资金 (other)";

    /// The form's word or the English key; `其中：` before the word is allowed.
    pub fn parse(s: &str) -> Option<Source> {
        let s = s.trim();
        let s = s
            .strip_prefix("其中：")
            .or_else(|| s.strip_prefix("其中:"))
            .unwrap_or(s)
            .trim();
        Source::WORDS
            .iter()
            .find(|(_, words)| words.contains(&s))
            .map(|(src, _)| *src)
    }

    /// Every word read as each source (after `其中：` and white space are taken off): what
    /// `parse` accepts, and what the editor schemas list.
    pub const WORDS: &'static [(Source, &'static [&'static str])] = &[
        (
            Source::Appropriation,
            &["当年财政拨款", "财政拨款", "appropriation"],
        ),
        (
            Source::CarriedOver,
            &["上年结转资金", "上年结转", "carried_over"],
        ),
        (Source::Other, &["其他资金", "other"]),
    ];

    pub fn key(self) -> &'static str {
        match self {
            Source::Appropriation => "appropriation",
            Source::CarriedOver => "carried_over",
            Source::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Source::Appropriation => "当年财政拨款",
            Source::CarriedOver => "上年结转资金",
            Source::Other => "其他资金",
        }
    }
}

impl Budget {
    /// A budget of `planned` (全年预算数) and `executed`, with no split by source.
    pub fn of(planned: Decimal, executed: Option<Decimal>, unit: Money) -> Budget {
        Budget {
            annual: Some(planned),
            executed,
            unit,
            ..Budget::default()
        }
    }

    /// The budget the execution rate is measured against, and which figure it is: 全年预算数,
    /// else 年初预算数. The one place that decides it.
    pub fn base(&self) -> Option<(Basis, Decimal)> {
        match (self.annual, self.initial) {
            (Some(a), _) => Some((Basis::Annual, a)),
            (None, Some(i)) => Some((Basis::Initial, i)),
            (None, None) => None,
        }
    }

    /// The amount of [`Budget::base`] (what formulas and flags call `planned`); 0 when no budget
    /// figure is given.
    pub fn planned(&self) -> Decimal {
        self.base().map_or(Decimal::ZERO, |(_, d)| d)
    }

    /// The figures of the whole (年度资金总额).
    pub fn totals(&self) -> Figures {
        Figures {
            initial: self.initial,
            annual: self.annual,
            executed: self.executed,
        }
    }
}

impl Figures {
    /// The form's words for the three figures, in their order.
    pub const ZH: [&'static str; 3] = ["年初预算数", "全年预算数", "全年执行数"];

    pub fn is_empty(&self) -> bool {
        self.initial.is_none() && self.annual.is_none() && self.executed.is_none()
    }
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
    /// 偏差原因分析及改进措施 (未完成原因分析与改进措施 on the department form): why the target was
    /// missed and what will change, as the unit wrote it.
    pub deviation: Option<String>,
    /// The department form's other words on the row; boxed, as most indicators have none.
    pub notes: Option<Box<Notes>>,
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

    /// The level1 the indicator is scored under: a 成本 line under 产出 (the 2020 form) is cost.
    pub fn scored_level1(&self) -> Level1 {
        if self.is_cost() {
            Level1::Cost
        } else {
            self.level1
        }
    }
}
