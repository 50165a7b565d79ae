//! A long table in an xlsx of one sheet, streamed: calamine's cell reader hands the cells in
//! order and each row is built into one reused buffer, so memory stays flat however many rows
//! the sheet has (an export of a city's year). Merged cells are not read here: a long table's
//! merges (单位名称, 项目名称, 一级/二级指标 over their rows) are what the table stage fills down.

use std::io::{Read, Seek};
use std::sync::{Arc, Mutex};

use calamine::{Reader, Xlsx, XlsxCellReader};

use super::{Layout, Sheet, cell, form};
use crate::error::InputError;
use crate::i18n::Text;
use crate::read::table::{Broken, Columns, Row, RowSource, SourceRow};

/// Rows read before the header is given up on.
const HEADER_WITHIN: usize = 100;

/// The rows of a streamed sheet.
pub struct XlsxRows<'a, R: Read + Seek> {
    cells: XlsxCellReader<'a, R>,
    /// For each style of the workbook, whether it shows a number as a percentage.
    percent: Vec<bool>,
    /// A cell read that belongs to the next row: (row, column, text).
    next: Option<(u32, u32, String)>,
    row: Vec<String>,
    cell: String,
    text: String,
    bounds: Vec<(u32, u32)>,
    /// The columns that hold an indicator: a row with none of them is not part of a project.
    indicator_cols: Vec<usize>,
    /// The numbers of the rows without an indicator (the subtotal line), for the caller to name.
    pub without_indicator: Arc<Mutex<Vec<u64>>>,
    /// `FILE[SHEET]`, to name those rows.
    pub place: String,
    ended: bool,
}

impl<'a, R: Read + Seek> XlsxRows<'a, R> {
    /// The next row of cells as the sheet has it (1-based number), or none at the end.
    fn read_row(&mut self) -> Result<Option<(u64, Vec<String>)>, String> {
        if self.ended {
            return Ok(None);
        }
        let mut cells: Vec<String> = std::mem::take(&mut self.row);
        for c in cells.iter_mut() {
            c.clear();
        }
        let mut width = 0usize;
        let mut this: Option<u32> = None;
        loop {
            let (r, c, t) = match self.next.take() {
                Some(x) => x,
                None => match self.cells.next_cell_with_style_id() {
                    Ok(Some((cell, style))) => {
                        let (r, c) = cell.get_position();
                        let percent = self.percent.get(style) == Some(&true);
                        cell::write_text(cell.get_value(), percent, &mut self.cell);
                        (r, c, std::mem::take(&mut self.cell))
                    }
                    Ok(None) => {
                        self.ended = true;
                        break;
                    }
                    Err(e) => return Err(e.to_string()),
                },
            };
            match this {
                None => this = Some(r),
                Some(cur) if cur != r => {
                    self.next = Some((r, c, t));
                    break;
                }
                _ => {}
            }
            let c = c as usize;
            if c >= cells.len() {
                cells.resize(c + 1, String::new());
            }
            cells[c].clear();
            cells[c].push_str(&t);
            self.cell = t;
            width = width.max(c + 1);
        }
        let Some(r) = this else {
            return Ok(None);
        };
        cells.truncate(width);
        Ok(Some((r as u64 + 1, cells)))
    }
}

impl<R: Read + Seek> RowSource for XlsxRows<'_, R> {
    fn next_row<T>(&mut self, take: impl FnOnce(SourceRow<'_>) -> T) -> Result<Option<T>, Broken> {
        loop {
            let Some((line, cells)) = self.read_row().map_err(|e| Broken {
                cause: Text::new(
                    format!("工作表读取中断：{e}"),
                    format!("the sheet broke off: {e}"),
                ),
                line: 0,
            })?
            else {
                return Ok(None);
            };
            let blank = cells.iter().all(|c| c.trim().is_empty());
            let no_indicator = !blank
                && self
                    .indicator_cols
                    .iter()
                    .all(|&c| cells.get(c).is_none_or(String::is_empty));
            if no_indicator && let Ok(mut w) = self.without_indicator.lock() {
                w.push(line);
            }
            if blank || no_indicator {
                self.row = cells;
                continue;
            }
            self.text.clear();
            self.bounds.clear();
            for c in &cells {
                let a = self.text.len() as u32;
                self.text.push_str(c);
                self.bounds.push((a, self.text.len() as u32));
            }
            self.row = cells;
            let row = Row::new(&self.text, &self.bounds);
            return Ok(Some(take(SourceRow {
                line,
                row,
                problem: None,
            })));
        }
    }
}

/// Streams the long table of an xlsx of one sheet into `run`, with its columns and the numbers
/// of its rows without an indicator; `Ok(None)` when the workbook is not that (more sheets, a
/// form, another format), to be read whole instead.
pub fn with_long_table<R, T>(
    file: &str,
    reader: R,
    run: impl FnOnce(Columns, XlsxRows<'_, R>) -> T,
) -> Result<Option<T>, InputError>
where
    R: Read + Seek,
{
    let Ok(mut book) = calamine::open_workbook_from_rs::<Xlsx<R>, R>(reader) else {
        return Ok(None);
    };
    let names = book.sheet_names();
    let [name] = names.as_slice() else {
        return Ok(None);
    };
    let at = format!("{file}[{name}]");
    let cells = book.worksheet_cells_reader(name).map_err(|e| {
        InputError::new(
            &at,
            Text::new(
                format!("无法读取工作表：{e}"),
                format!("cannot read the sheet: {e}"),
            ),
        )
    })?;
    let percent = cells.styles().iter().map(cell::is_percent).collect();
    let mut rows = XlsxRows {
        cells,
        percent,
        next: None,
        row: Vec::new(),
        cell: String::new(),
        text: String::new(),
        bounds: Vec::new(),
        indicator_cols: Vec::new(),
        without_indicator: Arc::new(Mutex::new(Vec::new())),
        place: at.clone(),
        ended: false,
    };
    // the rows above and at the header: enough to find the layout, kept to replay after it
    let mut head = Sheet {
        name: name.clone(),
        rows: Vec::new(),
    };
    let mut header = None;
    for _ in 0..HEADER_WITHIN {
        let Some((line, cells)) = rows.read_row().map_err(|e| {
            InputError::new(
                &at,
                Text::new(format!("无法读取：{e}"), format!("cannot read: {e}")),
            )
        })?
        else {
            break;
        };
        // the grid starts at A1: fill the rows the sheet skips
        while head.rows.len() + 1 < line as usize {
            head.rows.push(Vec::new());
        }
        head.rows.push(cells);
        if let Ok(Layout::Long) = form::layout(&head) {
            header = Some(head.rows.len() - 1);
            break;
        }
    }
    let Some(h) = header else {
        return Ok(None);
    };
    let t = form::long(&head);
    rows.indicator_cols = t.indicator_cols.clone();
    let cols = Columns::from_headers(&t.headers)
        .map_err(|e| InputError::new(&at, e).at(Some(h + 1), None))?;
    Ok(Some(run(cols, rows)))
}
