//! What every sheet is written with: the shared formats, a row's cells written left to right
//! (text always as a string, figures with two decimals), and a header row.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use crate::i18n::{Lang, Text};

/// The formats the sheets share.
pub(super) struct Formats {
    pub(super) head: Format,
    pub(super) num: Format,
    /// The same, filled: a project whose claimed grade is above the recomputed one.
    pub(super) down_text: Format,
    pub(super) down_num: Format,
    pub(super) down_count: Format,
    /// A project that could not be scored.
    pub(super) failed_text: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let text = Format::new();
        let num = text.clone().set_num_format("0.00");
        let count = text.clone().set_num_format("0");
        let down = |f: &Format| {
            f.clone()
                .set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
        };
        Formats {
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin),
            down_text: down(&text),
            down_num: down(&num),
            down_count: down(&count),
            failed_text: text.set_background_color(Color::RGB(0xFFEB9C)),
            num,
        }
    }
}

/// How a row looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Downgraded,
    Failed,
}

/// One row's cells, written left to right.
pub(super) struct Cells<'a> {
    pub(super) ws: &'a mut Worksheet,
    pub(super) row: u32,
    pub(super) col: u16,
    pub(super) f: &'a Formats,
    pub(super) style: Style,
}

impl<'a> Cells<'a> {
    /// The format of a text cell: none on a plain row (a cell with a format costs a look-up of
    /// it as it is written: a million-row 明细 writes its text cells plain).
    fn text_format(&self) -> Option<&'a Format> {
        let f: &'a Formats = self.f;
        match self.style {
            Style::Plain => None,
            Style::Downgraded => Some(&f.down_text),
            Style::Failed => Some(&f.failed_text),
        }
    }

    /// User text or a label: always a string cell, whatever it starts with.
    pub(super) fn text(&mut self, s: &str) -> Result<&mut Self, XlsxError> {
        let (row, col) = (self.row, self.col);
        match (self.text_format(), s.is_empty()) {
            (None, true) => {}
            (Some(fmt), true) => {
                self.ws.write_blank(row, col, fmt)?;
            }
            (None, false) => {
                self.ws.write_string(row, col, s)?;
            }
            (Some(fmt), false) => {
                self.ws.write_string_with_format(row, col, s, fmt)?;
            }
        }
        self.col += 1;
        Ok(self)
    }

    pub(super) fn opt_text(&mut self, s: Option<&str>) -> Result<&mut Self, XlsxError> {
        self.text(s.unwrap_or(""))
    }

    /// A figure, as a number with two decimals.
    pub(super) fn num(&mut self, v: Option<Decimal>) -> Result<&mut Self, XlsxError> {
        let f: &'a Formats = self.f;
        let fmt = match self.style {
            Style::Downgraded => &f.down_num,
            _ => &f.num,
        };
        match (v, self.style) {
            (Some(v), _) => {
                self.ws.write_with_format(self.row, self.col, v, fmt)?;
            }
            (None, Style::Plain) => {}
            (None, _) => {
                self.ws.write_blank(self.row, self.col, fmt)?;
            }
        }
        self.col += 1;
        Ok(self)
    }

    /// A count, as an integer (Excel's general format shows it so).
    pub(super) fn count(&mut self, n: u64) -> Result<&mut Self, XlsxError> {
        let f: &'a Formats = self.f;
        // counts of rows and projects stay far below 2^53: exact as an f64
        let n = n as f64;
        match self.style {
            Style::Downgraded => {
                self.ws
                    .write_number_with_format(self.row, self.col, n, &f.down_count)?
            }
            _ => self.ws.write_number(self.row, self.col, n)?,
        };
        self.col += 1;
        Ok(self)
    }
}

/// A sheet's columns: header in both languages and width.
pub(super) type Column = (&'static str, &'static str, f64);

/// Writes the header row of `columns` on row 0, freezes it and sets the widths.
pub(super) fn header(
    ws: &mut Worksheet,
    f: &Formats,
    columns: &[Column],
    lang: Lang,
) -> Result<(), XlsxError> {
    for (c, (zh, en, width)) in columns.iter().enumerate() {
        let c = c as u16;
        let h = Text::new(*zh, *en);
        ws.write_string_with_format(0, c, h.get(lang), &f.head)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}
