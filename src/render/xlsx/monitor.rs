//! `jixiao monitor`'s monitoring table as a workbook: 监控表 (a row per indicator in the layout
//! of 财预〔2019〕136号's table, with its project's spending), 项目 (a row per project: the rate,
//! 序时进度, checkpoint tier, forecast, counts, whether a 提示函 is due) and 监控发现 (a row per
//! finding with its basis). Text from the forms is always written as a string.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::cells::{Cells, Column, Formats, Style, header};
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::monitor::{Day, Monitored, Policy, registry};
use crate::render::monitor::{progress_heading, row};

/// The sheets' names.
pub const SHEETS: [(&str, &str); 3] = [
    ("监控表", "Monitoring table"),
    ("项目", "Projects"),
    ("监控发现", "Findings"),
];

const TABLE: &[Column] = &[
    ("实施单位", "Unit", 24.0),
    ("项目编码", "Project ID", 18.0),
    ("项目名称", "Project", 30.0),
    ("三级指标", "Indicator", 28.0),
    ("年度指标值", "Annual target", 14.0),
    ("执行情况", "Done so far", 14.0),
    ("全年预计完成情况", "Expected for the year", 14.0),
    ("偏差原因", "Cause of deviation", 14.0),
    ("完成可能性", "Likelihood", 12.0),
    ("纠偏措施", "Correction", 40.0),
];

/// The column of [`TABLE`] whose heading names the months (`1–8月执行情况`).
const PROGRESS: u16 = 5;

const PROJECTS: &[Column] = &[
    ("实施单位", "Unit", 24.0),
    ("项目编码", "Project ID", 18.0),
    ("项目名称", "Project", 30.0),
    ("全年预算数", "Budget", 12.0),
    ("截至执行数", "Executed to date", 12.0),
    ("执行率（%）", "Rate (%)", 10.0),
    ("序时进度（%）", "Year elapsed (%)", 10.0),
    ("检查点", "Checkpoint", 14.0),
    ("预警级别", "Tier", 9.0),
    ("预计年末执行率（%）", "Forecast rate (%)", 12.0),
    ("预计结余", "Forecast balance", 12.0),
    ("错误", "Errors", 7.0),
    ("警告", "Warnings", 8.0),
    ("提示", "Info", 7.0),
    ("发提示函", "Reminder due", 9.0),
    ("文件", "File", 24.0),
];

const FINDINGS: &[Column] = &[
    ("项目编码", "Project ID", 18.0),
    ("项目名称", "Project", 30.0),
    ("位置", "Location", 26.0),
    ("严重程度", "Severity", 9.0),
    ("代码", "Code", 28.0),
    ("指标", "Indicator", 28.0),
    ("说明", "Message", 70.0),
    ("依据", "Basis", 50.0),
];

fn cells<'a>(ws: &'a mut rust_xlsxwriter::Worksheet, f: &'a Formats, row: u32) -> Cells<'a> {
    Cells {
        ws,
        row,
        col: 0,
        f,
        style: Style::Plain,
    }
}

/// The workbook of `items` monitored at `as_of` under `policy`.
pub fn book(
    items: &[Monitored],
    policy: &Policy,
    as_of: Day,
    lang: Lang,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // a fixed creation date: the same input makes the same bytes
    let created = ExcelDateTime::from_ymd(2020, 1, 1)?;
    let title = Text::new(
        format!("绩效运行监控表（截至 {as_of}，{}）", policy.label(Lang::Zh)),
        format!(
            "Performance monitoring (to {as_of}, {})",
            policy.label(Lang::En)
        ),
    );
    book.set_properties(
        &DocProperties::new()
            .set_title(title.get(lang))
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    let name = |k: usize| Text::new(SHEETS[k].0, SHEETS[k].1).get(lang).to_string();
    let none = Text::new("（未填单位）", "(no unit)");

    let ws = book.add_worksheet();
    ws.set_name(name(0))?;
    header(ws, &f, TABLE, lang)?;
    ws.write_string_with_format(0, PROGRESS, progress_heading(as_of, lang), &f.head)?;
    let mut r = 0u32;
    for m in items {
        let p = m.project;
        for line in &p.lines {
            r += 1;
            let cols = row(line, lang);
            let mut c = cells(ws, &f, r);
            c.text(p.department.as_deref().unwrap_or(none.get(lang)))?
                .text(&p.id)?
                .text(&p.name)?;
            for s in &cols {
                c.text(s)?;
            }
        }
    }
    ws.autofilter(0, 0, r, TABLE.len() as u16 - 1)?;

    let ws = book.add_worksheet();
    ws.set_name(name(1))?;
    header(ws, &f, PROJECTS, lang)?;
    let yes = Text::new("是", "yes");
    for (k, m) in items.iter().enumerate() {
        let p = m.project;
        let round = |d: Option<rust_decimal::Decimal>| d.map(|d| d.round_dp(2));
        let count = |s: Severity| m.count(s) as u64;
        let mut c = cells(ws, &f, k as u32 + 1);
        c.text(p.department.as_deref().unwrap_or(none.get(lang)))?
            .text(&p.id)?
            .text(&p.name)?
            .num(Some(p.budget))?
            .num(Some(p.executed))?
            .num(round(m.pace.rate))?
            .num(round(Some(m.pace.elapsed)))?
            .opt_text(m.checkpoint.map(|(c, _)| c.label(lang)))?
            .opt_text(m.checkpoint.and_then(|(_, t)| t).map(|t| t.word(lang)))?
            .num(round(m.pace.forecast))?
            .num(round(m.pace.balance))?
            .count(count(Severity::Error))?
            .count(count(Severity::Warning))?
            .count(count(Severity::Info))?
            .opt_text(m.needs_notice().then(|| yes.get(lang)))?
            .text(&p.file)?;
    }
    ws.autofilter(0, 0, items.len() as u32, PROJECTS.len() as u16 - 1)?;

    let ws = book.add_worksheet();
    ws.set_name(name(2))?;
    header(ws, &f, FINDINGS, lang)?;
    let mut r = 0u32;
    for m in items {
        let p = m.project;
        for x in &m.findings {
            r += 1;
            let basis = registry::find(x.code).map_or("", |rule| rule.basis(lang));
            let indicator = x
                .indicator
                .and_then(|i| p.lines.get(i))
                .map(|l| l.name.as_str());
            cells(ws, &f, r)
                .text(&p.id)?
                .text(&p.name)?
                .text(&x.at)?
                .text(x.severity.label(lang))?
                .text(x.code)?
                .opt_text(indicator)?
                .text(x.message.get(lang))?
                .text(basis)?;
        }
    }
    ws.autofilter(0, 0, r, FINDINGS.len() as u16 - 1)?;
    Ok(book)
}
