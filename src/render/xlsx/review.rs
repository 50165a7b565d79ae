//! `jixiao review`'s 审核意见 as a workbook: 审核结论 (a row per project: its units, budget,
//! verdict, counts by severity and the points taken off in words), 审核发现 (a row per finding)
//! and 审核规则 (the review rubric in use: each code's severity, points, cap; the bands).
//! Text from the tables is always written as a string, never as a formula.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use super::cells::{Cells, Column, Formats, Style, header};
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::render::review::{Item, deduction_words, finding_text, last_words};
use crate::review::{ReviewRubric, registry};

/// The sheets' names.
pub const SHEETS: [(&str, &str); 3] = [
    ("审核结论", "Verdicts"),
    ("审核发现", "Findings"),
    ("审核规则", "Review rubric"),
];

const VERDICTS: &[Column] = &[
    ("主管部门", "Authority", 22.0),
    ("实施单位", "Unit", 26.0),
    ("项目编码", "Project ID", 22.0),
    ("项目名称", "Project", 30.0),
    ("预算数", "Budget", 12.0),
    ("金额单位", "Money unit", 8.0),
    ("审核得分", "Points", 9.0),
    ("审核结论", "Verdict", 9.0),
    ("错误", "Errors", 7.0),
    ("警告", "Warnings", 8.0),
    ("提示", "Info", 7.0),
    ("扣分", "Points off", 60.0),
    ("文件", "File", 24.0),
];

const FINDINGS: &[Column] = &[
    ("项目编码", "Project ID", 22.0),
    ("项目名称", "Project", 30.0),
    ("位置", "Location", 26.0),
    ("严重程度", "Severity", 9.0),
    ("代码", "Code", 24.0),
    ("指标", "Indicator", 28.0),
    ("说明", "Message", 70.0),
    ("依据", "Basis", 50.0),
];

const RULES: &[Column] = &[
    ("代码", "Code", 26.0),
    ("严重程度", "Severity", 9.0),
    ("每条扣分", "Points per finding", 10.0),
    ("封顶", "Cap", 8.0),
    ("说明", "Summary", 70.0),
];

const BANDS: &[Column] = &[
    ("审核结论", "Verdict", 26.0),
    ("最低得分", "Least points", 9.0),
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

/// The workbook of `items` reviewed under `rubric`.
pub fn book(items: &[Item], rubric: &ReviewRubric, lang: Lang) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    // a fixed creation date: the same input makes the same bytes
    let created = ExcelDateTime::from_ymd(2020, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(Text::new("绩效目标审核意见", "Review of performance targets").get(lang))
            .set_creation_datetime(&created),
    );
    let f = Formats::new();
    let name = |k: usize| Text::new(SHEETS[k].0, SHEETS[k].1).get(lang).to_string();

    let ws = book.add_worksheet();
    ws.set_name(name(0))?;
    header(ws, &f, VERDICTS, lang)?;
    // last year's match, when a baseline was given
    let baseline = items.iter().any(|i| i.baseline);
    let last_col = VERDICTS.len() as u16;
    if baseline {
        ws.write_string_with_format(
            0,
            last_col,
            Text::new("上年对应", "Last year").get(lang),
            &f.head,
        )?;
        ws.set_column_width(last_col, 40.0)?;
    }
    for (k, item) in items.iter().enumerate() {
        let r = item.project.record;
        let v = &item.reviewed.verdict;
        let count = |s: Severity| {
            item.reviewed
                .findings
                .iter()
                .filter(|x| x.severity == s)
                .count() as u64
        };
        let mut c = cells(ws, &f, k as u32 + 1);
        c.opt_text(r.authority.as_deref())?
            .opt_text(r.department.as_deref())?
            .text(&r.id)?
            .text(&r.name)?
            .num(r.budget.base().map(|(_, b)| b))?
            .text(r.budget.unit.as_str())?
            .num(Some(v.points))?
            .text(rubric.bands[v.band].word(lang))?
            .count(count(Severity::Error))?
            .count(count(Severity::Warning))?
            .count(count(Severity::Info))?
            .text(&deduction_words(v, lang))?
            .text(item.project.file)?
            .opt_text(last_words(item, lang).as_deref())?;
    }
    ws.autofilter(0, 0, items.len() as u32, last_col - u16::from(!baseline))?;

    let ws = book.add_worksheet();
    ws.set_name(name(1))?;
    header(ws, &f, FINDINGS, lang)?;
    let mut row = 0u32;
    for item in items {
        let r = item.project.record;
        for x in &item.reviewed.findings {
            row += 1;
            let basis = registry::about(x.code).map_or("", |a| a.explain.basis(lang));
            let indicator = x.indicator.map(|i| r.indicators[i].name.as_str());
            cells(ws, &f, row)
                .text(&r.id)?
                .text(&r.name)?
                .text(&x.at)?
                .text(x.severity.label(lang))?
                .text(x.code)?
                .opt_text(indicator)?
                .text(&finding_text(x, lang))?
                .text(basis)?;
        }
    }
    ws.autofilter(0, 0, row, FINDINGS.len() as u16 - 1)?;

    let ws = book.add_worksheet();
    ws.set_name(name(2))?;
    header(ws, &f, RULES, lang)?;
    let mut row = 0u32;
    let off = Text::new("关闭", "off");
    for a in registry::all() {
        row += 1;
        let mut c = cells(ws, &f, row);
        match rubric.severity(a.code, a.severity) {
            Some(s) => {
                let (per, cap) = rubric.deduction(a.code, s);
                c.text(a.code)?
                    .text(s.label(lang))?
                    .num(Some(per))?
                    .num(cap)?
                    .text(a.summary.get(lang))?;
            }
            None => {
                c.text(a.code)?
                    .text(off.get(lang))?
                    .num(None)?
                    .num(None)?
                    .text(a.summary.get(lang))?;
            }
        }
    }
    // the bands below the codes, with the rubric's title
    row += 2;
    cells(ws, &f, row).text(rubric.title(lang))?;
    row += 1;
    for (c, (zh, en, _)) in BANDS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, Text::new(*zh, *en).get(lang), &f.head)?;
    }
    for b in &rubric.bands {
        row += 1;
        cells(ws, &f, row).text(b.word(lang))?.num(Some(b.min))?;
    }
    Ok(book)
}
