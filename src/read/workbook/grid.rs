//! Rows of cell text as a [`RowSource`]: how the table stage reads a sheet (a long table as it
//! is, or a form laid out as one), with one buffer reused from row to row.

use crate::error::InputError;
use crate::model::Record;
use crate::read::table::{self, Broken, Columns, Row, RowSource, SourceRow};

/// Rows, each with its 1-based row number on the sheet.
pub struct GridSource {
    rows: std::vec::IntoIter<(u64, Vec<String>)>,
    text: String,
    bounds: Vec<(u32, u32)>,
}

impl GridSource {
    pub fn new(rows: Vec<(u64, Vec<String>)>) -> GridSource {
        GridSource {
            rows: rows.into_iter(),
            text: String::new(),
            bounds: Vec::new(),
        }
    }
}

impl RowSource for GridSource {
    fn next_row<T>(&mut self, take: impl FnOnce(SourceRow<'_>) -> T) -> Result<Option<T>, Broken> {
        for (line, cells) in self.rows.by_ref() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            self.text.clear();
            self.bounds.clear();
            for c in &cells {
                let a = self.text.len() as u32;
                self.text.push_str(c);
                self.bounds.push((a, self.text.len() as u32));
            }
            let row = Row::new(&self.text, &self.bounds);
            return Ok(Some(take(SourceRow {
                line,
                row,
                problem: None,
            })));
        }
        Ok(None)
    }
}

/// The records of a table given as its header words and its rows; `file` names them in errors
/// (`book.xlsx[项目支出绩效自评表]`). Each project is a record or the error that keeps it from
/// being one; the table is an error as a whole only when its headers lack a required column.
pub fn records(
    file: &str,
    headers: &[String],
    rows: Vec<(u64, Vec<String>)>,
    header_line: u64,
    sheet_columns: &[Option<usize>],
) -> Result<Vec<Result<Record, InputError>>, InputError> {
    let mut cols = Columns::from_headers(headers)
        .map_err(|t| InputError::new(file, t).at(Some(header_line as usize), None))?;
    if !sheet_columns.is_empty() {
        cols = cols.on_sheet(sheet_columns.to_vec());
    }
    Ok(table::records(file, cols, GridSource::new(rows)))
}
