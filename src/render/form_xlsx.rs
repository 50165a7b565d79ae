//! A project as the national 项目支出绩效自评表 (财预〔2020〕10号 附1), written as a workbook sheet
//! laid out as the form prints it (the layout the workbook reader reads): 项目名称, 主管部门 and
//! 实施单位, 项目资金 with its 资金来源 rows, 年度总体目标, the indicator block with 一级/二级指标
//! merged over their groups, 总分 and 评价等级.
//!
//! [`Fill::Template`] leaves empty what a unit fills in at year end (全年执行数, 执行率, 实际完成值,
//! 得分, 偏差原因分析及改进措施, 实际完成情况, 总分, 评价等级) and puts a drop-down of the tier words
//! on qualitative lines; [`Fill::Record`] writes the record whole, as a unit would have filled it.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::model::{Figures, Record, Source, Target};

/// What a written form holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// The targets, weights and budget; the cells of the year's results left to fill.
    Template,
    /// Everything the record holds, results and claims too.
    Record,
}

/// The tier words a qualitative line's 实际完成值 is chosen from.
pub const TIER_WORDS: [&str; 3] = ["达成", "部分达成", "未达成"];

/// A sheet's name: the project's, cut to Excel's 31 characters, without the characters a sheet
/// name cannot hold.
pub fn sheet_name(record: &Record) -> String {
    let name: String = record
        .name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "项目支出绩效自评表".to_string()
    } else {
        name
    }
}

struct Formats {
    title: Format,
    head: Format,
    cell: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            head: cell.clone().set_bold(),
            text: cell.clone().set_align(FormatAlign::Left),
            cell,
        }
    }
}

/// Where a written form's rows are (0-based), for what is written beside or below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The 项目资金 header row (年初预算数 … 得分) and the 年度资金总额 row below it.
    pub money: u32,
    /// The indicator header row; the indicators follow it, one row each, in record order.
    pub indicators: u32,
    /// The 总分 row; 评价等级 is the row below it.
    pub total: u32,
}

/// The last column a form uses (K).
pub const LAST_COL: u16 = 10;

/// Adds the form of `record` to `book` as a sheet named `name`.
pub fn add_form(
    book: &mut Workbook,
    name: &str,
    record: &Record,
    fill: Fill,
) -> Result<Placed, XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    write_form(ws, record, fill)
}

fn write_form(ws: &mut Worksheet, record: &Record, fill: Fill) -> Result<Placed, XlsxError> {
    let f = Formats::new();
    let results = fill == Fill::Record;
    for (c, w) in [
        (0u16, 10.0),
        (1, 12.0),
        (2, 14.0),
        (3, 14.0),
        (4, 14.0),
        (5, 14.0),
        (6, 14.0),
        (7, 12.0),
        (8, 10.0),
        (9, 14.0),
        (10, 14.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.merge_range(0, 0, 0, 10, "项目支出绩效自评表", &f.title)?;
    let year = record
        .year
        .map_or("（    年度）".to_string(), |y| format!("（{y}年度）"));
    ws.merge_range(
        1,
        0,
        1,
        10,
        &year,
        &Format::new().set_align(FormatAlign::Center),
    )?;
    ws.write_with_format(2, 0, "项目名称", &f.head)?;
    ws.merge_range(2, 1, 2, 10, &record.name, &f.text)?;
    ws.write_with_format(3, 0, "主管部门", &f.head)?;
    ws.merge_range(
        3,
        1,
        3,
        4,
        record.authority.as_deref().unwrap_or(""),
        &f.text,
    )?;
    ws.merge_range(3, 5, 3, 6, "实施单位", &f.head)?;
    ws.merge_range(
        3,
        7,
        3,
        10,
        record.department.as_deref().unwrap_or(""),
        &f.text,
    )?;
    // 项目资金
    ws.merge_range(4, 0, 8, 0, "项目资金\n（万元）", &f.head)?;
    ws.merge_range(4, 1, 4, 4, "", &f.head)?;
    for (c, h) in [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(4, 5 + c as u16, *h, &f.head)?;
    }
    let b = &record.budget;
    let totals = Figures {
        initial: b.initial,
        annual: b.annual,
        executed: b.executed,
    };
    let mut figures_row =
        |r: u32, label: &str, fig: &Figures, own: bool| -> Result<(), XlsxError> {
            ws.merge_range(r, 1, r, 4, label, &f.text)?;
            let executed = if results { fig.executed } else { None };
            for (c, v) in [(5u16, fig.initial), (6, fig.annual), (7, executed)] {
                match v {
                    Some(v) => ws.write_with_format(r, c, v, &f.cell)?,
                    None => ws.write_blank(r, c, &f.cell)?,
                };
            }
            if own {
                ws.write_with_format(r, 8, 10, &f.cell)?;
                let rate = record.claimed.execution_rate.filter(|_| results);
                match rate {
                    Some(v) => {
                        ws.write_with_format(r, 9, format!("{}%", v.normalize()), &f.cell)?
                    }
                    None => ws.write_blank(r, 9, &f.cell)?,
                };
                match record.claimed.execution_score.filter(|_| results) {
                    Some(v) => ws.write_with_format(r, 10, v, &f.cell)?,
                    None => ws.write_blank(r, 10, &f.cell)?,
                };
            } else {
                for c in 8..=10 {
                    ws.write_with_format(r, c, "—", &f.cell)?;
                }
            }
            Ok(())
        };
    figures_row(5, "年度资金总额", &totals, true)?;
    for (k, (src, label)) in [
        (Source::Appropriation, "其中：当年财政拨款"),
        (Source::CarriedOver, "上年结转资金"),
        (Source::Other, "其他资金"),
    ]
    .into_iter()
    .enumerate()
    {
        let fig = b
            .sources
            .iter()
            .find(|(s, _)| *s == src)
            .map(|(_, f)| *f)
            .unwrap_or_default();
        figures_row(6 + k as u32, label, &fig, false)?;
    }
    // 年度总体目标
    ws.merge_range(9, 0, 10, 0, "年度总体目标", &f.head)?;
    ws.merge_range(9, 1, 9, 5, "预期目标", &f.head)?;
    ws.merge_range(9, 6, 9, 10, "实际完成情况", &f.head)?;
    let goals = record.goals.as_ref();
    ws.merge_range(
        10,
        1,
        10,
        5,
        goals.map_or("", |g| g.planned.as_str()),
        &f.text,
    )?;
    let achieved = goals
        .filter(|_| results)
        .map_or("", |g| g.achieved.as_str());
    ws.merge_range(10, 6, 10, 10, achieved, &f.text)?;
    ws.set_row_height(10, 60)?;
    // 绩效指标
    let first = 12u32;
    let n = record.indicators.len() as u32;
    let last = first + n.max(1) - 1;
    if n > 1 {
        ws.merge_range(11, 0, last, 0, "绩效指标", &f.head)?;
    } else {
        ws.merge_range(11, 0, 12, 0, "绩效指标", &f.head)?;
    }
    for (c, h) in [
        (1u16, "一级指标"),
        (2, "二级指标"),
        (5, "年度指标值"),
        (6, "实际完成值"),
        (7, "分值"),
        (8, "得分"),
    ] {
        ws.write_with_format(11, c, h, &f.head)?;
    }
    ws.merge_range(11, 3, 11, 4, "三级指标", &f.head)?;
    ws.merge_range(11, 9, 11, 10, "偏差原因分析及改进措施", &f.head)?;
    let tiers = DataValidation::new().allow_list_strings(&TIER_WORDS)?;
    let mut points = Decimal::from(10);
    for (i, ind) in record.indicators.iter().enumerate() {
        let r = first + i as u32;
        ws.merge_range(r, 3, r, 4, &ind.name, &f.text)?;
        ws.write_with_format(r, 5, &*ind.target_text, &f.cell)?;
        let actual = ind.actual_text.as_deref().filter(|_| results).unwrap_or("");
        ws.write_with_format(r, 6, actual, &f.cell)?;
        if matches!(ind.target, Target::Qualitative(_)) {
            ws.add_data_validation(r, 6, r, 6, &tiers)?;
        }
        match ind.weight {
            Some(w) => {
                points += w;
                ws.write_with_format(r, 7, w, &f.cell)?
            }
            None => ws.write_blank(r, 7, &f.cell)?,
        };
        match ind.claimed_score.filter(|_| results) {
            Some(s) => ws.write_with_format(r, 8, s, &f.cell)?,
            None => ws.write_blank(r, 8, &f.cell)?,
        };
        let deviation = ind.deviation.as_deref().filter(|_| results).unwrap_or("");
        ws.merge_range(r, 9, r, 10, deviation, &f.text)?;
    }
    // 一级 and 二级指标, each merged over its group of rows
    let groups = |key: &dyn Fn(usize) -> String| -> Vec<(u32, u32, String)> {
        let mut out: Vec<(u32, u32, String)> = Vec::new();
        for i in 0..record.indicators.len() {
            let k = key(i);
            match out.last_mut() {
                Some((_, end, last)) if *last == k => *end = first + i as u32,
                _ => out.push((first + i as u32, first + i as u32, k)),
            }
        }
        out
    };
    let inds = &record.indicators;
    let l1 = groups(&|i| inds[i].level1.zh().to_string());
    let l2 = groups(&|i| format!("{}\u{1f}{}", inds[i].level1.zh(), inds[i].level2.zh()));
    for (col, spans) in [(1u16, l1), (2, l2)] {
        for (a, z, k) in spans {
            let text = k.rsplit('\u{1f}').next().unwrap_or("");
            if a == z {
                ws.write_with_format(a, col, text, &f.cell)?;
            } else {
                ws.merge_range(a, col, z, col, text, &f.cell)?;
            }
        }
    }
    // 总分 and 评价等级
    let total_row = last + 1;
    ws.merge_range(total_row, 0, total_row, 6, "总分", &f.head)?;
    if record.indicators.iter().all(|i| i.weight.is_some()) && !record.indicators.is_empty() {
        ws.write_with_format(total_row, 7, points, &f.cell)?;
    } else {
        ws.write_blank(total_row, 7, &f.cell)?;
    }
    match record.claimed.total.filter(|_| results) {
        Some(t) => ws.write_with_format(total_row, 8, t, &f.cell)?,
        None => ws.write_blank(total_row, 8, &f.cell)?,
    };
    ws.merge_range(total_row, 9, total_row, 10, "", &f.cell)?;
    ws.merge_range(total_row + 1, 0, total_row + 1, 6, "评价等级", &f.head)?;
    let grade = record
        .claimed
        .grade
        .as_deref()
        .filter(|_| results)
        .unwrap_or("");
    ws.merge_range(total_row + 1, 7, total_row + 1, 10, grade, &f.cell)?;
    Ok(Placed {
        money: 4,
        indicators: 11,
        total: total_row,
    })
}

/// `base`, or `base (2)`, `base (3)` … cut to Excel's 31 characters: the first that no name of
/// `used` already is (sheet names compare without case).
pub fn unique_name(base: &str, used: &[String]) -> String {
    let mut name = base.to_string();
    let mut k = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        let suffix = format!(" ({k})");
        let keep = 31 - suffix.chars().count();
        name = base.chars().take(keep).collect::<String>() + &suffix;
        k += 1;
    }
    name
}

/// A workbook of one form per record, in order, each sheet named for its project (a name met
/// twice gets ` (2)`, ` (3)`).
pub fn workbook(records: &[&Record], fill: Fill) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut used: Vec<String> = Vec::new();
    for r in records {
        let name = unique_name(&sheet_name(r), &used);
        add_form(&mut book, &name, r, fill)?;
        used.push(name);
    }
    book.save_to_buffer()
}
