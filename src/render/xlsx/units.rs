//! 按单位: a row per 主管部门 and 实施单位, from the run's [`Overview`]: projects, grades claimed
//! and recomputed, downgrades, the mean difference, flags and execution.

use std::sync::Arc;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cells::{Cells, Column, Formats, Style, header};
use crate::i18n::{Lang, Text};
use crate::report::overview::Overview;

const HEAD: &[Column] = &[
    ("主管部门", "Authority", 18.0),
    ("实施单位", "Unit", 18.0),
    ("项目数", "Projects", 8.0),
    ("未能评分", "Not scored", 8.0),
];

const TAIL: &[Column] = &[
    ("等级下调", "Downgraded", 8.0),
    (
        "平均差额（自评−复核）",
        "Mean difference (claimed − recomputed)",
        12.0,
    ),
    ("错误", "Errors", 7.0),
    ("警告", "Warnings", 7.0),
    ("全年预算数", "Annual budget", 12.0),
    ("全年执行数", "Executed", 12.0),
    ("预算执行率（%）", "Execution rate (%)", 10.0),
];

pub(super) fn write(
    ws: &mut Worksheet,
    f: &Formats,
    o: &Overview,
    lang: Lang,
) -> Result<(), XlsxError> {
    // one column per grade met, claimed then recomputed, best first
    let mut grades: Vec<&(usize, Arc<str>)> =
        o.grades.keys().chain(o.claimed_grades.keys()).collect();
    grades.sort();
    grades.dedup();
    let names: Vec<(String, String)> = grades
        .iter()
        .flat_map(|(_, g)| {
            [
                (format!("自评·{g}"), format!("Claimed: {g}")),
                (format!("复核·{g}"), format!("Recomputed: {g}")),
            ]
        })
        .collect();
    // claimed columns first, then recomputed
    let (claimed, recomputed): (Vec<_>, Vec<_>) =
        names.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let grade_cols: Vec<&(String, String)> = claimed
        .into_iter()
        .chain(recomputed)
        .map(|(_, n)| n)
        .collect();
    header(ws, f, HEAD, lang)?;
    let at = HEAD.len() as u16;
    for (k, (zh, en)) in grade_cols.iter().enumerate() {
        let c = at + k as u16;
        ws.write_string_with_format(0, c, Text::new(zh, en).get(lang), &f.head)?;
        ws.set_column_width(c, 9.0)?;
    }
    let at = at + grade_cols.len() as u16;
    for (k, (zh, en, w)) in TAIL.iter().enumerate() {
        let c = at + k as u16;
        ws.write_string_with_format(0, c, Text::new(*zh, *en).get(lang), &f.head)?;
        ws.set_column_width(c, *w)?;
    }
    let last_col = at + TAIL.len() as u16 - 1;
    let mut row = 0;
    for ((authority, unit), u) in &o.units {
        row += 1;
        let mut c = Cells {
            ws: &mut *ws,
            row,
            col: 0,
            f,
            style: Style::Plain,
        };
        c.text(authority)?
            .text(unit)?
            .count(u.projects)?
            .count(u.failed)?;
        for g in &grades {
            c.count(u.claimed_grades.get(*g).copied().unwrap_or(0))?;
        }
        for g in &grades {
            c.count(u.grades.get(*g).copied().unwrap_or(0))?;
        }
        let both = u.budget != Decimal::ZERO || u.executed != Decimal::ZERO;
        c.count(u.downgraded)?
            .num(u.mean_difference())?
            .count(u.errors)?
            .count(u.warnings)?
            .num(both.then_some(u.budget))?
            .num(both.then_some(u.executed))?
            .num(u.execution_rate())?;
    }
    ws.autofilter(0, 0, row, last_col)?;
    Ok(())
}
