//! A grouped project's rows to a record: fill-down of the level cells, every cell parsed, every
//! row accounted for. A cell that cannot be read puts its project in error; the rest goes on.

use std::collections::BTreeMap;

use super::columns::{Columns, Field};
use super::{RawChunk, RawProject, Row};
use crate::error::InputError;
use crate::i18n::Text;
use crate::model::lexeme::parse_decimal;
use crate::model::{
    Actual, Budget, CellText, Claimed, Direction, Figures, Goals, Indicator, ItemNotes, Level1,
    Level2, Measure, Money, Notes, Record, Source, Target, bounds,
};
use rust_decimal::Decimal;

/// A finished project: its rows read into a record, or the first reason it could not be.
#[derive(Debug)]
pub struct Block<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub department: Option<&'a str>,
    pub first_line: u64,
    pub rows: usize,
    pub result: Result<Record, InputError>,
}

/// A project being read: its cells borrowed from the grouped rows until the record is made.
#[derive(Default)]
struct Pending<'a> {
    rows: usize,
    /// Bit `k`: the cell of `PROJECT_CELLS[k]` has a column and is still blank.
    open: u32,
    year: &'a str,
    rubric: &'a str,
    annual: &'a str,
    initial: &'a str,
    executed: &'a str,
    /// The cells of `Field::SOURCE_FIGURES`.
    sources: [&'a str; 9],
    budget_unit: &'a str,
    goal: &'a str,
    goal_achieved: &'a str,
    claimed_total: &'a str,
    claimed_grade: &'a str,
    claimed_rate: &'a str,
    claimed_exec_score: &'a str,
    authority: &'a str,
    filled_by: &'a str,
    /// The 一级/二级指标 in force (filled down), as written and as read.
    level1: &'a str,
    level2: &'a str,
    level1_word: Option<Level1>,
    level2_word: Option<Level2>,
    indicators: Vec<Indicator>,
    measures: BTreeMap<String, Measure>,
    claimed_items: BTreeMap<String, Decimal>,
    item_notes: Vec<ItemNotes>,
    error: Option<InputError>,
}

/// The project's own cells, in the order of `Pending`'s fields for them: each is taken from
/// the first of the project's rows that fills it.
const PROJECT_CELLS: [Field; 23] = {
    const OWN: [Field; 14] = [
        Field::Year,
        Field::Rubric,
        Field::Annual,
        Field::Initial,
        Field::Executed,
        Field::BudgetUnit,
        Field::Goal,
        Field::GoalAchieved,
        Field::ClaimedTotal,
        Field::ClaimedGrade,
        Field::ClaimedExecutionRate,
        Field::ClaimedExecutionScore,
        Field::Authority,
        Field::FilledBy,
    ];
    // then the nine figures of the sources of funds, as `Field::SOURCE_FIGURES` lists them
    let mut all = [Field::Year; 23];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < OWN.len() {
            OWN[i]
        } else {
            Field::SOURCE_FIGURES[i - OWN.len()]
        };
        i += 1;
    }
    all
};

/// Reads the cells of a grouped project into a record.
pub struct Assembler {
    cols: Columns,
    file: String,
    /// Whether each indicator keeps its target as written (`target_text`), which only display
    /// reads; output of totals and codes leaves it empty.
    shown: bool,
    /// Bit `k`: the file has a column for `PROJECT_CELLS[k]`.
    present: u32,
    /// Whether the file has a column of the department form's words, and one of the columns
    /// only measure rows read: most files have neither, and their rows skip both.
    words: bool,
    measure_only: bool,
}

/// The department form's words on a row, in the order of [`Notes`]' fields.
const WORDS: [Field; 4] = [
    Field::Explanation,
    Field::Criteria,
    Field::Method,
    Field::Analysis,
];

/// Measures are named by snake_case identifiers with an underscore (`budget_completion_rate`);
/// indicators are named in words.
fn is_measure_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.contains('_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A cell's text, none when empty.
fn text(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

/// Items separated by `；` or `;`.
fn items(list: &str) -> Vec<String> {
    list.split(['；', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A checklist's 不符项: `无` (or `0`, `全部符合`), a count (`2`, `2项`, `2项不符`), or the
/// failed items by name (`不符：` before them allowed).
fn checklist(cell: &str) -> Option<Measure> {
    if matches!(cell, "无" | "0" | "全部符合" | "均符合" | "none") {
        return Some(Measure::Failed(Vec::new()));
    }
    let count = cell
        .strip_suffix("项不符")
        .or_else(|| cell.strip_suffix('项'))
        .unwrap_or(cell)
        .trim();
    if let Ok(n) = count.parse::<u32>() {
        return Some(Measure::FailedCount(n));
    }
    let list = cell
        .strip_prefix("不符：")
        .or_else(|| cell.strip_prefix("不符:"))
        .or_else(|| cell.strip_prefix("failed:"))
        .unwrap_or(cell);
    let v = items(list);
    (!v.is_empty()).then_some(Measure::Failed(v))
}

/// 公开表6 prints 项目名称 as `code-name` (`51000021Y000000011490-日常公用经费`): the code is
/// the project's id when the file has no id column.
fn split_code(name: &str) -> Option<(&str, &str)> {
    let (code, rest) = name.split_once('-')?;
    (code.len() >= 10 && code.bytes().all(|b| b.is_ascii_alphanumeric()) && !rest.trim().is_empty())
        .then(|| (code, rest.trim()))
}

impl Assembler {
    pub fn new(file: &str, cols: Columns) -> Assembler {
        let present = PROJECT_CELLS
            .iter()
            .enumerate()
            .filter(|(_, f)| cols.position(**f).is_some())
            .fold(0, |m, (k, _)| m | 1 << k);
        Assembler {
            file: file.to_string(),
            shown: true,
            present,
            words: WORDS.iter().any(|f| cols.position(*f).is_some()),
            measure_only: [Field::Item, Field::Failed]
                .iter()
                .any(|f| cols.position(*f).is_some()),
            cols,
        }
    }

    /// Leaves each indicator's `target_text` empty, for output that never shows it.
    pub fn without_shown_targets(mut self) -> Assembler {
        self.shown = false;
        self
    }

    /// Reads the rows of a project of `chunk`: fill-down of the level cells, indicators and
    /// measures, the project's own cells. The first unreadable cell puts the whole project in
    /// error.
    pub fn assemble<'a>(&self, chunk: &'a RawChunk, mut raw: RawProject) -> Block<'a> {
        let (mut id, mut name) = (chunk.id(&raw), chunk.name(&raw));
        let department = chunk.department(&raw);
        // A project written `code-name` without an id takes the code as its id.
        if id.is_empty()
            && let Some((code, rest)) = split_code(name)
        {
            (id, name) = (code, rest);
        }
        let mut p = Pending {
            open: self.present,
            indicators: Vec::with_capacity(16),
            error: raw.error.take(),
            ..Pending::default()
        };
        for (line, row, error) in chunk.rows(&raw) {
            p.rows += 1;
            if let Some(e) = error {
                p.error.get_or_insert_with(|| e.clone());
            }
            self.read_row(line, &row, &mut p);
        }
        let rows = p.rows;
        let result = match p.error.take() {
            Some(e) => Err(e),
            None => self.record(raw.first_line, [id, name, department], &mut p),
        };
        Block {
            id,
            name,
            department: (!department.is_empty()).then_some(department),
            first_line: raw.first_line,
            rows,
            result,
        }
    }

    fn err(&self, line: u64, f: Field, what: Text) -> InputError {
        let h = self.cols.header(f);
        let e = InputError::new(
            &self.file,
            Text::new(
                format!("`{h}` 列：{}", what.zh),
                format!("column `{h}`: {}", what.en),
            ),
        );
        // on a sheet, the cell itself: `[自评表]!F13`
        match self.cols.sheet_column(f) {
            Some(col) => e.at(Some(line as usize), col.map(|c| c + 1)).in_sheet(),
            None => e.at(Some(line as usize), None),
        }
    }

    fn read_row<'a>(&self, line: u64, row: &Row<'a>, p: &mut Pending<'a>) {
        let c = &self.cols;
        // the project's own cells still blank (most often none after its first row)
        let mut open = p.open;
        if open != 0 {
            let [s0, s1, s2, s3, s4, s5, s6, s7, s8] = &mut p.sources;
            let slots = [
                &mut p.year,
                &mut p.rubric,
                &mut p.annual,
                &mut p.initial,
                &mut p.executed,
                &mut p.budget_unit,
                &mut p.goal,
                &mut p.goal_achieved,
                &mut p.claimed_total,
                &mut p.claimed_grade,
                &mut p.claimed_rate,
                &mut p.claimed_exec_score,
                &mut p.authority,
                &mut p.filled_by,
                s0,
                s1,
                s2,
                s3,
                s4,
                s5,
                s6,
                s7,
                s8,
            ];
            for (k, (slot, f)) in slots.into_iter().zip(PROJECT_CELLS).enumerate() {
                if open & (1 << k) != 0 {
                    *slot = c.get(f, row);
                    if !slot.is_empty() {
                        open &= !(1 << k);
                    }
                }
            }
            p.open = open;
        }
        // the cells every row reads, looked up together
        let [l1, l2, name] = c.cells([Field::Level1, Field::Level2, Field::Name], row);
        if !l1.is_empty() {
            p.level1 = l1;
            p.level1_word = Level1::parse(l1);
            p.level2 = "";
            p.level2_word = None;
        }
        if !l2.is_empty() {
            p.level2 = l2;
            p.level2_word = Level2::parse(l2);
        }
        if p.error.is_some() {
            return; // the project is in error already; its rows are still counted
        }
        if is_measure_name(name) {
            if let Err(e) = self.measure(line, row, name, p) {
                p.error = Some(e);
            }
            return;
        }
        if let Err(e) = self.indicator(line, row, name, p) {
            p.error = Some(e);
        }
    }

    /// A measure row (部门整体): its value in the actual (else the target) column, or a
    /// checklist's in its 不符项 column; its claimed score in the claimed-score column and its
    /// words, both under the rubric item of the 评分项 column (else under the measure's name).
    fn measure(&self, line: u64, row: &Row, name: &str, p: &mut Pending) -> Result<(), InputError> {
        let c = &self.cols;
        if p.measures.contains_key(name) {
            return Err(self.err(
                line,
                Field::Name,
                Text::new(
                    format!("计量 `{name}` 已在前面的行给出：每个计量只能给出一次"),
                    format!("measure `{name}` is given on an earlier row already: give it once"),
                ),
            ));
        }
        let (target, actual) = (c.get(Field::Target, row), c.get(Field::Actual, row));
        let failed = c.get(Field::Failed, row);
        let (m, from) = if !failed.is_empty() {
            let m = checklist(failed).ok_or_else(|| {
                self.err(
                    line,
                    Field::Failed,
                    Text::new(
                        format!("`{failed}` 无法识别：应为 `无`、不符的项数（如 `2项`）或以“；”分隔的不符条目"),
                        format!("`{failed}` not recognised: expected `无` (none), a count of failed items (`2项`) or the failed items separated by `；`"),
                    ),
                )
            })?;
            (m, Field::Failed)
        } else if actual.is_empty() {
            (self.value(line, name, target)?, Field::Target)
        } else {
            (self.value(line, name, actual)?, Field::Actual)
        };
        p.measures.insert(name.to_string(), m);
        let item = match c.get(Field::Item, row) {
            "" => name,
            item => item,
        };
        let claimed = c.get(Field::ClaimedScore, row);
        if !claimed.is_empty() {
            let d = parse_decimal(claimed).ok_or_else(|| {
                self.err(
                    line,
                    Field::ClaimedScore,
                    Text::new(
                        format!("`{claimed}` 不是数值"),
                        format!("`{claimed}` is not a number"),
                    ),
                )
            })?;
            if p.claimed_items.insert(item.to_string(), d).is_some() {
                return Err(self.err(
                    line,
                    Field::ClaimedScore,
                    Text::new(
                        format!("评分项「{item}」的自评得分已在前面的行给出"),
                        format!(
                            "the claimed score of item `{item}` is given on an earlier row already"
                        ),
                    ),
                ));
            }
        }
        // the cells the measure was not read from, and the row's words
        let notes = ItemNotes {
            item: item.to_string(),
            target: text(target).filter(|_| from != Field::Target),
            actual: text(actual).filter(|_| from == Field::Failed),
            deviation: text(c.get(Field::Deviation, row)),
            notes: self.notes(row),
        };
        let empty = notes.target.is_none()
            && notes.actual.is_none()
            && notes.deviation.is_none()
            && notes.notes.is_empty();
        if !empty {
            if p.item_notes.iter().any(|n| n.item == item) {
                return Err(self.err(
                    line,
                    Field::Item,
                    Text::new(
                        format!("评分项「{item}」的说明已在前面的行给出"),
                        format!("the words of item `{item}` are given on an earlier row already"),
                    ),
                ));
            }
            p.item_notes.push(notes);
        }
        Ok(())
    }

    /// A measure's value as written: a number, `failed: a；b` (`不符：…`), or a word.
    fn value(&self, line: u64, name: &str, value: &str) -> Result<Measure, InputError> {
        let failed = value
            .strip_prefix("failed:")
            .or_else(|| value.strip_prefix("不符："))
            .or_else(|| value.strip_prefix("不符:"));
        Ok(match (failed, parse_decimal(value)) {
            (Some(list), _) => Measure::Failed(items(list)),
            (None, Some(d)) => Measure::Number(d),
            (None, None) if value.is_empty() => {
                return Err(self.err(
                    line,
                    Field::Actual,
                    Text::new(
                        format!("计量 `{name}` 没有值"),
                        format!("measure `{name}` has no value"),
                    ),
                ));
            }
            (None, None) => Measure::Word(value.to_string()),
        })
    }

    /// The department form's words on a row.
    fn notes(&self, row: &Row) -> Notes {
        let [explanation, criteria, method, analysis] = WORDS.map(|f| text(self.cols.get(f, row)));
        Notes {
            explanation,
            criteria,
            method,
            analysis,
        }
    }

    /// Reads an indicator row and adds it to the project (pushed here rather than returned: an
    /// indicator is 280 bytes, and each move is a copy).
    fn indicator(
        &self,
        line: u64,
        row: &Row,
        name: &str,
        p: &mut Pending,
    ) -> Result<(), InputError> {
        let c = &self.cols;
        let bad = |f: Field, cell: &str, expected: &str, expected_en: &str| {
            self.err(
                line,
                f,
                Text::new(
                    format!("`{cell}` 无法识别：应为{expected}"),
                    format!("`{cell}` not recognised: expected {expected_en}"),
                ),
            )
        };
        // the cells only a measure row reads: kept by none on an indicator's row
        let only = if self.measure_only {
            &[Field::Item, Field::Failed][..]
        } else {
            &[]
        };
        for &f in only {
            let cell = c.get(f, row);
            if !cell.is_empty() {
                return Err(self.err(
                    line,
                    f,
                    Text::new(
                        format!("`{cell}`：此列只用于计量行（三级指标为计量名，如 `asset_management`），指标行应留空"),
                        format!("`{cell}`: this column is for measure rows only (whose 三级指标 is a measure's name, such as `asset_management`); leave it empty on an indicator's row"),
                    ),
                ));
            }
        }
        let level1 = p
            .level1_word
            .ok_or_else(|| bad(Field::Level1, p.level1, Level1::ACCEPTED, Level1::ACCEPTED))?;
        let level2 = p
            .level2_word
            .ok_or_else(|| bad(Field::Level2, p.level2, Level2::ACCEPTED, Level2::ACCEPTED))?;
        if name.is_empty() {
            return Err(self.err(
                line,
                Field::Name,
                Text::new(
                    "为空：每行须有三级指标名称",
                    "empty: every row needs an indicator name",
                ),
            ));
        }
        let [op, value, unit, weight, claimed, dir, actual, deviation] = c.cells(
            [
                Field::Op,
                Field::Target,
                Field::Unit,
                Field::Weight,
                Field::ClaimedScore,
                Field::Direction,
                Field::Actual,
                Field::Deviation,
            ],
            row,
        );
        let (target, target_text) = if c.position(Field::Op).is_some() {
            (
                // cells come trimmed
                Target::from_trimmed_parts(op, value, unit),
                if self.shown {
                    Target::shown_trimmed_parts(op, value, unit)
                } else {
                    CellText::new("")
                },
            )
        } else {
            let text = if unit.is_empty() || value.ends_with(unit) {
                CellText::new(value)
            } else {
                CellText::concat(&[value, unit])
            };
            (Target::parse(&text), text)
        };
        let target = target.map_err(|t| self.err(line, Field::Target, t))?;
        // the error is built apart from the reading: a small result on the path every row takes
        let number = |f: Field, cell: &str| -> Result<Option<Decimal>, Field> {
            if cell.is_empty() {
                return Ok(None);
            }
            parse_decimal(cell).map(Some).ok_or(f)
        };
        let not_a_number = |f: Field| {
            bad(
                f,
                c.get(f, row),
                "数值，如 `30`、`7.5`",
                "a number such as `30` or `7.5`",
            )
        };
        let weight = number(Field::Weight, weight).map_err(not_a_number)?;
        let claimed_score = number(Field::ClaimedScore, claimed).map_err(not_a_number)?;
        let direction = if dir.is_empty() {
            None
        } else {
            Some(Direction::parse(dir).ok_or_else(|| {
                bad(
                    Field::Direction,
                    dir,
                    Direction::ACCEPTED,
                    Direction::ACCEPTED,
                )
            })?)
        };
        let actual_text = (!actual.is_empty()).then(|| CellText::new(actual));
        p.indicators.push(Indicator {
            name: name.into(),
            level1,
            level2,
            target,
            target_text,
            direction,
            weight,
            actual: actual_text
                .as_deref()
                .map_or(Actual::Missing, Actual::parse),
            actual_text,
            claimed_score,
            deviation: text(deviation),
            notes: if self.words {
                Some(self.notes(row))
                    .filter(|n| !n.is_empty())
                    .map(Box::new)
            } else {
                None
            },
            line: Some(line as usize),
        });
        Ok(())
    }

    /// The record of a project read without error, from its first line and its id, name and
    /// department.
    fn record(
        &self,
        line: u64,
        [id, name, department]: [&str; 3],
        p: &mut Pending,
    ) -> Result<Record, InputError> {
        let num = |f: Field, cell: &str| -> Result<Option<Decimal>, InputError> {
            if cell.is_empty() {
                return Ok(None);
            }
            parse_decimal(cell).map(Some).ok_or_else(|| {
                self.err(
                    line,
                    f,
                    Text::new(
                        format!("`{cell}` 不是数值"),
                        format!("`{cell}` is not a number"),
                    ),
                )
            })
        };
        // a department-wide record may have no budget; the project form then reports it
        let annual = num(Field::Annual, p.annual)?;
        let initial = num(Field::Initial, p.initial)?;
        let executed = num(Field::Executed, p.executed)?;
        let mut sources = Vec::new();
        for (k, src) in Source::ALL.into_iter().enumerate() {
            let cell = |j: usize| num(Field::SOURCE_FIGURES[3 * k + j], p.sources[3 * k + j]);
            let f = Figures {
                initial: cell(0)?,
                annual: cell(1)?,
                executed: cell(2)?,
            };
            if !f.is_empty() {
                sources.push((src, f));
            }
        }
        let unit = if p.budget_unit.is_empty() {
            Money::Wan
        } else {
            Money::parse(p.budget_unit).ok_or_else(|| {
                self.err(
                    line,
                    Field::BudgetUnit,
                    Text::new(
                        format!("`{}` 无法识别：应为 元、万元 或 亿元", p.budget_unit),
                        format!(
                            "`{}` not recognised: expected 元, 万元 or 亿元",
                            p.budget_unit
                        ),
                    ),
                )
            })?
        };
        let year = if p.year.is_empty() {
            None
        } else {
            Some(p.year.parse::<i32>().map_err(|_| {
                self.err(
                    line,
                    Field::Year,
                    Text::new(
                        format!("`{}` 不是年份", p.year),
                        format!("`{}` is not a year", p.year),
                    ),
                )
            })?)
        };
        let goals = (!p.goal.is_empty() || !p.goal_achieved.is_empty()).then(|| Goals {
            planned: p.goal.to_string(),
            achieved: p.goal_achieved.to_string(),
        });
        let record = Record {
            id: if id.is_empty() { name } else { id }.to_string(),
            name: name.to_string(),
            department: (!department.is_empty()).then(|| department.to_string()),
            authority: (!p.authority.is_empty()).then(|| p.authority.to_string()),
            filled_by: (!p.filled_by.is_empty()).then(|| p.filled_by.to_string()),
            year,
            rubric: (!p.rubric.is_empty()).then(|| p.rubric.to_string()),
            budget: Budget {
                initial,
                annual,
                executed,
                sources,
                unit,
            },
            goals,
            indicators: std::mem::take(&mut p.indicators),
            measures: std::mem::take(&mut p.measures),
            item_notes: std::mem::take(&mut p.item_notes),
            claimed: Claimed {
                total: num(Field::ClaimedTotal, p.claimed_total)?,
                grade: (!p.claimed_grade.is_empty()).then(|| p.claimed_grade.to_string()),
                execution_rate: num(Field::ClaimedExecutionRate, p.claimed_rate)?,
                execution_score: num(Field::ClaimedExecutionScore, p.claimed_exec_score)?,
                items: std::mem::take(&mut p.claimed_items),
            },
        };
        // a figure out of bounds: at its indicator's row, else at the project's first row
        bounds::check(&record).map_err(|b| {
            let ind = b.indicator.and_then(|i| record.indicators.get(i));
            let e = InputError::new(&self.file, b.message()).at(
                Some(ind.and_then(|i| i.line).unwrap_or(line as usize)),
                None,
            );
            match ind {
                Some(i) => e.indicator(i.name.to_string()),
                None => e,
            }
        })?;
        Ok(record)
    }
}
