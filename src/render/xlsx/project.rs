//! A project's own sheet: its national 自评表 as the unit filled it ([`form_xlsx`], read back
//! by the workbook reader as it was), the recomputed 得分 in a column beside the claimed one
//! (L), and under the table the recomputed total and grade and the flags, so that a bureau can
//! send the sheet back to the unit.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::i18n::{Lang, Text};
use crate::render::form_xlsx::{self, Fill, LAST_COL};
use crate::report::Report;
use crate::report::digest::Scored;

/// The column of the recomputed scores, right of the form.
const REVIEW_COL: u16 = LAST_COL + 1;

pub fn add(
    book: &mut Workbook,
    name: &str,
    r: &Report,
    s: &Scored,
    lang: Lang,
) -> Result<(), XlsxError> {
    let at = form_xlsx::add_form(book, name, &r.record, Fill::Record)?;
    let ws = book.worksheet_from_name(name)?;
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let head = cell.clone().set_bold();
    let num = cell.clone().set_num_format("0.00");
    let text = cell.clone().set_align(FormatAlign::Left);
    let t = |zh: &str, en: &str| Text::new(zh, en).get(lang).to_string();
    let recomputed = t("复核得分", "Recomputed");
    ws.set_column_width(REVIEW_COL, 12)?;
    // beside 项目资金's 得分 and each indicator's, and 总分
    ws.write_string_with_format(at.money, REVIEW_COL, &recomputed, &head)?;
    ws.write_with_format(
        at.money + 1,
        REVIEW_COL,
        s.execution_score.round_dp(2),
        &num,
    )?;
    ws.write_string_with_format(at.indicators, REVIEW_COL, &recomputed, &head)?;
    for line in &r.card.lines {
        let row = at.indicators + 1 + line.index as u32;
        ws.write_with_format(row, REVIEW_COL, line.score.round_dp(2), &num)?;
    }
    ws.write_with_format(at.total, REVIEW_COL, s.total, &num)?;
    // below the table: the recomputed total and grade, then the flags
    let mut row = at.total + 3;
    ws.merge_range(row, 0, row, 1, &t("复核总分", "Recomputed total"), &head)?;
    ws.write_with_format(row, 2, s.total, &num)?;
    ws.write_string_with_format(row, 3, t("复核等级", "Recomputed grade"), &head)?;
    ws.write_string_with_format(row, 4, &*s.grade, &cell)?;
    ws.merge_range(
        row,
        5,
        row,
        6,
        &t("差额（自评−复核）", "Claimed − recomputed"),
        &head,
    )?;
    match s.difference() {
        Some(d) => ws.write_with_format(row, 7, d, &num)?,
        None => ws.write_blank(row, 7, &cell)?,
    };
    ws.write_string_with_format(row, 8, t("评分规则", "Rubric"), &head)?;
    ws.merge_range(row, 9, row, 10, &s.rubric, &cell)?;
    row += 2;
    ws.merge_range(row, 0, row, LAST_COL, &t("复核标记", "Flags"), &head)?;
    row += 1;
    if s.flags.is_empty() {
        ws.merge_range(row, 0, row, LAST_COL, &t("无", "none"), &text)?;
        return Ok(());
    }
    for (c0, c1, h) in [
        (0, 0, t("严重程度", "Severity")),
        (1, 2, t("代码", "Code")),
        (3, 4, t("指标", "Indicator")),
        (5, 8, t("说明", "Message")),
        (9, 10, t("依据", "Basis")),
    ] {
        span(ws, row, c0, c1, &h, &head)?;
    }
    for f in &s.flags {
        row += 1;
        span(ws, row, 0, 0, f.severity.label(lang), &cell)?;
        span(ws, row, 1, 2, f.code, &text)?;
        span(ws, row, 3, 4, f.indicator.as_deref().unwrap_or(""), &text)?;
        span(ws, row, 5, 8, &f.message, &text)?;
        span(ws, row, 9, 10, f.basis, &text)?;
    }
    Ok(())
}

/// A string over columns `c0..=c1` of `row` (merged when more than one).
fn span(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    c0: u16,
    c1: u16,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if c0 == c1 {
        ws.write_string_with_format(row, c0, s, f)?;
    } else {
        ws.merge_range(row, c0, row, c1, s, f)?;
    }
    Ok(())
}
