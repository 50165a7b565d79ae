//! A run's results as one workbook: 汇总 (a row per project), 明细 (a row per indicator), 标记
//! (a row per flag), 按单位 (by 主管部门 and 实施单位), 结果应用 (what each grade means for next
//! year's budget, from the rubric's `application:` table), and for a few projects their
//! national 自评表 with the recomputed scores beside the claimed ones ([`project`]).
//!
//! Digests come one at a time ([`Book::add`], or a batch's [`crate::report::digest::Sink`]); the three
//! long sheets are written in constant-memory mode, row after row, and continue on a second
//! sheet (明细(2)) past Excel's row limit; what adds up ([`Overview`]) is written at the end.
//! Text from the forms is always written as a string, never as a formula; numbers as numbers
//! with two decimals.
//!
//! [`review`] writes `jixiao review`'s 审核意见 workbook with the same cells and formats.

mod application;
mod cells;
mod flags;
mod lines;
pub mod monitor;
pub mod project;
pub mod review;
mod summary;
mod units;

use std::collections::BTreeMap;
use std::io;
use std::sync::Arc;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::i18n::{Lang, Text};
use crate::read::workbook::written::SHEETS;
use crate::report::Report;
use crate::report::digest::{Digest, Outcome};
use crate::report::overview::Overview;
use crate::rubric::Rubric;
use cells::{Cells, Column, Formats, Style, header};

/// Rows a sheet holds in Excel (the header included).
pub const EXCEL_ROWS: u32 = 1_048_576;

/// Projects that get a sheet of their own (their 自评表): a workbook for a bureau to send back
/// to a few units, not a copy of every form of a large batch.
pub const MAX_FORMS: usize = 50;

pub use crate::read::workbook::written::is_summary_sheet;

/// A workbook being written: digests in, sheets out.
pub struct Book {
    book: Workbook,
    lang: Lang,
    f: Formats,
    summary: Streamed,
    lines: Streamed,
    flags: Streamed,
    /// Sheets added, and their names.
    sheets: usize,
    used: Vec<String>,
    overview: Overview,
    /// Projects by rubric and recomputed grade rank, for 结果应用.
    by_rubric: BTreeMap<(Arc<str>, usize), u64>,
    /// Rubrics in the order first met.
    rubrics: Vec<Arc<str>>,
    /// Projects given a form sheet, and those left without one past [`MAX_FORMS`].
    forms: usize,
    forms_left_out: usize,
    row_limit: u32,
}

/// A sheet written row after row in constant memory, continued on a new sheet (名称(2)) when
/// it reaches the row limit.
struct Streamed {
    /// Its place in [`SHEETS`].
    kind: usize,
    columns: &'static [Column],
    /// Indexes in the workbook of its sheets, first to current.
    sheets: Vec<usize>,
    /// The next row of the current sheet.
    next: u32,
}

impl Book {
    /// The next row of `s`'s current sheet, a new sheet begun first when this one is full.
    fn next_row(&mut self, which: Which) -> Result<(usize, u32), XlsxError> {
        let limit = self.row_limit;
        let lang = self.lang;
        let s = self.streamed(which);
        if s.next < limit {
            s.next += 1;
            return Ok((*s.sheets.last().expect("opened with a sheet"), s.next - 1));
        }
        let (kind, columns, part) = (s.kind, s.columns, s.sheets.len() + 1);
        let base = SHEETS[kind];
        let base = Text::new(
            format!("{}({part})", base.0),
            format!("{} ({part})", base.1),
        );
        let name = crate::render::form_xlsx::unique_name(base.get(lang), &self.used);
        let index = self.add_sheet(&name, true)?;
        header(
            self.book.worksheet_from_index(index)?,
            &self.f,
            columns,
            lang,
        )?;
        let s = self.streamed(which);
        s.sheets.push(index);
        s.next = 2;
        Ok((index, 1))
    }

    fn streamed(&mut self, which: Which) -> &mut Streamed {
        match which {
            Which::Summary => &mut self.summary,
            Which::Lines => &mut self.lines,
            Which::Flags => &mut self.flags,
        }
    }

    /// A new row of `which`, its cells to write.
    fn row(&mut self, which: Which, style: Style) -> Result<Cells<'_>, XlsxError> {
        let (index, row) = self.next_row(which)?;
        Ok(Cells {
            ws: self.book.worksheet_from_index(index)?,
            row,
            col: 0,
            f: &self.f,
            style,
        })
    }

    fn add_sheet(&mut self, name: &str, streamed: bool) -> Result<usize, XlsxError> {
        let ws = if streamed {
            self.book.add_worksheet_with_constant_memory()?
        } else {
            self.book.add_worksheet()
        };
        ws.set_name(name)?;
        self.used.push(name.to_string());
        self.sheets += 1;
        Ok(self.sheets - 1)
    }
}

/// Which of the long sheets a row goes to.
#[derive(Debug, Clone, Copy)]
enum Which {
    Summary,
    Lines,
    Flags,
}

impl Book {
    /// A new book; its long sheets' rows wait in temporary files in `spill` (beside the output,
    /// say), else in the system's temporary directory.
    pub fn new(lang: Lang, spill: Option<&std::path::Path>) -> Result<Book, XlsxError> {
        Book::with_row_limit(lang, EXCEL_ROWS, spill)
    }

    /// A book whose long sheets hold at most `limit` rows each (the header included).
    fn with_row_limit(
        lang: Lang,
        limit: u32,
        spill: Option<&std::path::Path>,
    ) -> Result<Book, XlsxError> {
        let mut book = Workbook::new();
        if let Some(dir) = spill {
            book.set_tempdir(dir)?;
        }
        // a fixed creation date: the same input makes the same bytes
        let created = ExcelDateTime::from_ymd(2020, 1, 1)?;
        book.set_properties(
            &DocProperties::new()
                .set_title(
                    Text::new("预算绩效自评复核", "Performance self-evaluation re-check").get(lang),
                )
                .set_creation_datetime(&created),
        );
        let stream = |kind, columns| Streamed {
            kind,
            columns,
            sheets: Vec::new(),
            next: 1,
        };
        let mut b = Book {
            book,
            lang,
            f: Formats::new(),
            summary: stream(0, summary::COLUMNS),
            lines: stream(1, lines::COLUMNS),
            flags: stream(2, flags::COLUMNS),
            sheets: 0,
            used: Vec::new(),
            overview: Overview::new(),
            by_rubric: BTreeMap::new(),
            rubrics: Vec::new(),
            forms: 0,
            forms_left_out: 0,
            row_limit: limit.max(2),
        };
        for (kind, (zh, en)) in SHEETS.iter().enumerate() {
            let name = Text::new(*zh, *en);
            let index = b.add_sheet(name.get(lang), kind < 3)?;
            let columns = match kind {
                0 => summary::COLUMNS,
                1 => lines::COLUMNS,
                2 => flags::COLUMNS,
                3 => &[],
                _ => application::COLUMNS,
            };
            if !columns.is_empty() {
                header(b.book.worksheet_from_index(index)?, &b.f, columns, lang)?;
            }
            match kind {
                0 => b.summary.sheets.push(index),
                1 => b.lines.sheets.push(index),
                2 => b.flags.sheets.push(index),
                _ => {}
            }
        }
        Ok(b)
    }

    /// Writes one project's rows: its 汇总 row, its indicators and its flags.
    pub fn add(&mut self, d: &Digest) -> Result<(), XlsxError> {
        self.overview.add(d);
        if let Outcome::Scored(s) = &d.outcome {
            if !self.rubrics.contains(&s.rubric) {
                self.rubrics.push(s.rubric.clone());
            }
            *self
                .by_rubric
                .entry((s.rubric.clone(), s.grade_rank))
                .or_default() += 1;
        }
        summary::write(self, d)?;
        lines::write(self, d)?;
        flags::write(self, d)
    }

    /// Adds a project's own sheet (its 自评表, recomputed scores beside the claimed ones and its
    /// flags below), for the first [`MAX_FORMS`] projects; the others are counted. A
    /// department's whole-spending record (measures, no indicator rows) has no such form.
    pub fn add_form(&mut self, r: &Report, d: &Digest) -> Result<(), XlsxError> {
        if !r.record.measures.is_empty() || r.record.indicators.is_empty() {
            return Ok(());
        }
        if self.forms >= MAX_FORMS {
            self.forms_left_out += 1;
            return Ok(());
        }
        let Some(s) = d.scored() else { return Ok(()) };
        let name = crate::render::form_xlsx::unique_name(
            &crate::render::form_xlsx::sheet_name(&r.record),
            &self.used,
        );
        project::add(&mut self.book, &name, r, s, self.lang)?;
        self.used.push(name);
        self.sheets += 1;
        self.forms += 1;
        Ok(())
    }

    /// What the digests added so far come to.
    pub fn overview(&self) -> &Overview {
        &self.overview
    }

    /// Projects left without a sheet of their own past [`MAX_FORMS`].
    pub fn forms_left_out(&self) -> usize {
        self.forms_left_out
    }

    /// Writes the sheets that add up (按单位, 结果应用) and the filters, and gives the workbook
    /// to save. A rubric met in the digests is found among `known`, else shipped by its name.
    pub fn finish(mut self, known: &[&Rubric]) -> Result<Workbook, XlsxError> {
        for which in [Which::Summary, Which::Lines, Which::Flags] {
            let s = self.streamed(which);
            let (sheets, last, n) = (s.sheets.clone(), s.next - 1, s.columns.len() as u16);
            for (k, index) in sheets.iter().enumerate() {
                let rows = if k + 1 == sheets.len() {
                    last
                } else {
                    self.row_limit - 1
                };
                self.book
                    .worksheet_from_index(*index)?
                    .autofilter(0, 0, rows, n - 1)?;
            }
        }
        let ws = self.book.worksheet_from_index(3)?;
        units::write(ws, &self.f, &self.overview, self.lang)?;
        let rubrics: Vec<(Arc<str>, Option<Rubric>)> = self
            .rubrics
            .iter()
            .map(|id| {
                let found = known
                    .iter()
                    .find(|r| r.id == *id)
                    .map(|r| (*r).clone())
                    .or_else(|| {
                        Rubric::is_shipped(id)
                            .then(|| Rubric::load(id).ok())
                            .flatten()
                    });
                (id.clone(), found)
            })
            .collect();
        let ws = self.book.worksheet_from_index(4)?;
        application::write(ws, &self.f, &rubrics, &self.by_rubric, self.lang)?;
        Ok(self.book)
    }
}

/// A batch's digests straight into the book.
impl crate::report::digest::Sink for Book {
    fn add(&mut self, d: Digest) -> io::Result<()> {
        Book::add(self, &d).map_err(to_io)
    }
}

/// A writer's error as an I/O error (its own, when it is one).
pub fn to_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        e => io::Error::other(e.to_string()),
    }
}
