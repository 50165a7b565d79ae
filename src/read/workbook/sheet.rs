//! A workbook's sheets as grids of cell text: numbers written as the decimals they hold, dates
//! as `YYYY-MM-DD`, formula errors as Excel shows them, and a merged range's value in every cell
//! it covers (so a 一级指标 merged over its group reads on each of its rows).

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::cell;
use crate::error::InputError;
use crate::i18n::Text;

/// Cells a sheet may hold before it is refused: far beyond any form (a long table of a
/// million indicators has twelve million), and a bound on what a crafted file can make us hold.
pub const MAX_CELLS: u64 = 50_000_000;

/// What a zipped workbook (xlsx, ods) may unpack to, by the sizes its entries declare: far
/// beyond any form (the 1,000,000-row benchmark table is about 200 MiB of XML), and a bound on
/// what a zip bomb can make us inflate.
pub const MAX_UNZIPPED: u64 = 1 << 30;

/// Entries a zipped workbook may hold.
pub const MAX_ENTRIES: usize = 10_000;

/// One sheet: its name and its cells, `rows[r][c]` for the 0-based row and column (the grid
/// starts at A1 whatever the sheet's used range).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The text of a cell, empty beyond the grid.
    pub fn cell(&self, r: usize, c: usize) -> &str {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    }

    /// `C12` for the 0-based row 11, column 2.
    pub fn a1(r: usize, c: usize) -> String {
        crate::error::a1(r, c)
    }
}

/// Whether `bytes` start as a workbook does: a zip (xlsx, xlsm, ods) or an OLE compound file
/// (xls). Decided by content, whatever the file is called.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn fail(file: &str, zh: String, en: String) -> InputError {
    InputError::new(file, Text::new(zh, en))
}

/// Reads every sheet of a workbook, in order. A workbook that cannot be opened (corrupt,
/// encrypted, not a workbook) is an error naming the file; a sheet that cannot be read is an
/// error naming it, returned in its place so the other sheets are still read.
pub fn read_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Result<Sheet, InputError>>, InputError> {
    check_zip(file, bytes, MAX_UNZIPPED)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        fail(
            file,
            format!("无法打开工作簿（文件损坏、加密或不是 xlsx/xls/ods）：{e}"),
            format!("cannot open the workbook (corrupt, encrypted, or not xlsx/xls/ods): {e}"),
        )
    })?;
    let names = book.sheet_names();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(read_sheet(file, &mut book, &name));
    }
    Ok(out)
}

/// Refuses a zipped workbook whose entries would unpack past [`MAX_UNZIPPED`] or that holds more
/// than [`MAX_ENTRIES`] entries, before anything is inflated. (An xls is not zipped.)
fn check_zip(file: &str, bytes: &[u8], max: u64) -> Result<(), InputError> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    check_zip_reader(file, Cursor::new(bytes), max)
}

/// As [`check_zip`], on a zip read from `r` (only its directory is read).
pub fn check_zip_reader<R: std::io::Read + std::io::Seek>(
    file: &str,
    r: R,
    max: u64,
) -> Result<(), InputError> {
    // a zip that does not open is left to calamine, which says why
    let Ok(mut zip) = zip::ZipArchive::new(r) else {
        return Ok(());
    };
    if zip.len() > MAX_ENTRIES {
        return Err(fail(
            file,
            format!("工作簿含 {} 个条目，超过上限 {MAX_ENTRIES}", zip.len()),
            format!(
                "the workbook holds {} entries, over the bound of {MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > max {
        return Err(fail(
            file,
            format!("工作簿解压后将有 {total} 字节，超过上限 {max} 字节（可能是压缩炸弹）"),
            format!(
                "the workbook would unpack to {total} bytes, over the bound of {max} bytes (a zip bomb?)"
            ),
        ));
    }
    Ok(())
}

fn read_sheet(
    file: &str,
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
) -> Result<Sheet, InputError> {
    let at = format!("{file}[{name}]");
    // calamine lays a sheet out densely over its cells' bounding box: two cells far apart
    // (A1 and XFD1048576) would ask for 17 billion, so the box is measured first
    if let Some((rows, cols)) = bounding_box(book, name)
        && (rows + 1) * (cols + 1) > MAX_CELLS
    {
        let (rows, cols) = (rows + 1, cols + 1);
        return Err(fail(
            &at,
            format!("工作表的单元格跨 {rows} 行 × {cols} 列，超过 {MAX_CELLS} 个单元格的上限"),
            format!(
                "the sheet's cells span {rows} rows × {cols} columns, over the bound of {MAX_CELLS} cells"
            ),
        ));
    }
    let range = book.worksheet_range(name).map_err(|e| {
        fail(
            &at,
            format!("无法读取工作表：{e}"),
            format!("cannot read the sheet: {e}"),
        )
    })?;
    let (h, w) = range.get_size();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r0, c0) = (r0 as usize, c0 as usize);
    if (h as u64 + r0 as u64) * (w as u64 + c0 as u64) > MAX_CELLS {
        return Err(fail(
            &at,
            format!("工作表过大：{h} 行 × {w} 列，超过 {MAX_CELLS} 个单元格的上限"),
            format!(
                "the sheet is too large: {h} rows × {w} columns, over the bound of {MAX_CELLS} cells"
            ),
        ));
    }
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(r0 + h);
    rows.resize_with(r0, Vec::new);
    // a number shown as a percentage (0.985 formatted `0.0%`) reads as the percentage it shows
    let styles = book.worksheet_style(name).ok();
    let percent = |r: usize, c: usize| {
        styles
            .as_ref()
            .and_then(|s| s.get((r as u32, c as u32)))
            .is_some_and(cell::is_percent)
    };
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); c0];
        cells.extend(row.iter().enumerate().map(|(j, d)| {
            let numeric = matches!(d, Data::Float(_) | Data::Int(_));
            cell::text(d, numeric && percent(r0 + i, c0 + j))
        }));
        // trailing empty cells carry nothing
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    // trailing empty rows too (a sheet styled to row 1,048,576)
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    // a formula whose result the file does not hold (written by a program, never opened in
    // Excel) is said, not guessed at: its cell would read as blank
    let uncached = uncached_formulas(book, name, &rows);
    if !uncached.is_empty() {
        let cells = uncached.join("、");
        return Err(fail(
            &at,
            format!(
                "单元格 {cells} 是公式但文件中没有其计算结果：请在 Excel 中打开、重新计算并保存"
            ),
            format!(
                "cells {} hold formulas whose results the file does not keep: open, recalculate and save it in Excel",
                uncached.join(", ")
            ),
        ));
    }
    let mut sheet = Sheet {
        name: name.to_string(),
        rows,
    };
    fill_merged(&mut sheet, &merged(book, name));
    Ok(sheet)
}

/// The last row and column holding a cell of an xlsx sheet, read with the streaming cell reader
/// (none for other formats, or when it cannot be read: `worksheet_range` then says why).
fn bounding_box(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Option<(u64, u64)> {
    let Sheets::Xlsx(x) = book else {
        return None;
    };
    let mut cells = x.worksheet_cells_reader(name).ok()?;
    let (mut r, mut c) = (0u64, 0u64);
    while let Ok(Some(cell)) = cells.next_cell() {
        let (cr, cc) = cell.get_position();
        r = r.max(u64::from(cr));
        c = c.max(u64::from(cc));
    }
    Some((r, c))
}

/// The cells (`G13`, at most five named) that hold a formula and no value.
fn uncached_formulas(
    book: &mut Sheets<Cursor<&[u8]>>,
    name: &str,
    rows: &[Vec<String>],
) -> Vec<String> {
    let Ok(formulas) = book.worksheet_formula(name) else {
        return Vec::new();
    };
    let (r0, c0) = formulas.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    for (r, row) in formulas.rows().enumerate() {
        for (c, f) in row.iter().enumerate() {
            if f.is_empty() {
                continue;
            }
            let (r, c) = (r + r0 as usize, c + c0 as usize);
            let blank = rows
                .get(r)
                .and_then(|x| x.get(c))
                .is_none_or(String::is_empty);
            if blank && out.len() < 5 {
                out.push(Sheet::a1(r, c));
            }
        }
    }
    out
}

/// The merged ranges of a sheet, `(first row, first col, last row, last col)`, 0-based; none for
/// formats whose merges calamine does not read (ods: the table stage fills levels down anyway).
fn merged(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<(usize, usize, usize, usize)> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

/// Copies each merged range's first cell into every cell it covers, within the grid as read
/// (a range reaching past the last row with content stops there, so a merge styled to the
/// sheet's end costs nothing).
fn fill_merged(sheet: &mut Sheet, ranges: &[(usize, usize, usize, usize)]) {
    for &(r0, c0, r1, c1) in ranges {
        let v = sheet.cell(r0, c0).to_string();
        if v.is_empty() {
            continue;
        }
        let last = r1.min(sheet.rows.len().saturating_sub(1));
        for r in r0..=last {
            let row = &mut sheet.rows[r];
            let end = c1.min(c0 + 1_000);
            if row.len() <= end {
                row.resize(end + 1, String::new());
            }
            for cell in &mut row[c0..=end] {
                if cell.is_empty() {
                    *cell = v.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names_columns_past_z() {
        assert_eq!(Sheet::a1(0, 0), "A1");
        assert_eq!(Sheet::a1(11, 2), "C12");
        assert_eq!(Sheet::a1(0, 25), "Z1");
        assert_eq!(Sheet::a1(0, 26), "AA1");
        assert_eq!(Sheet::a1(4, 701), "ZZ5");
        assert_eq!(Sheet::a1(4, 702), "AAA5");
    }

    #[test]
    fn workbooks_are_known_by_their_first_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(is_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]));
        assert!(!is_workbook("项目名称,一级指标".as_bytes()));
        assert!(!is_workbook(b"PK"));
    }

    #[test]
    fn merged_ranges_fill_their_cells_within_the_grid() {
        let mut s = Sheet {
            name: "s".into(),
            rows: vec![
                vec!["产出指标".into(), "a".into()],
                vec![String::new(), "b".into()],
            ],
        };
        // A1:A1048576: stops at the last row read
        fill_merged(&mut s, &[(0, 0, 1_048_575, 0)]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.cell(1, 0), "产出指标");
        assert_eq!(s.cell(1, 1), "b");
    }

    #[test]
    fn a_workbook_that_would_unpack_past_the_bound_is_refused_before_inflating() {
        let bytes = std::fs::read("tests/forms/national-selfeval-sms-auth-2024.xlsx").unwrap();
        assert!(check_zip("f.xlsx", &bytes, MAX_UNZIPPED).is_ok());
        let e = check_zip("f.xlsx", &bytes, 1000).unwrap_err();
        assert!(
            e.to_string().contains("over the bound of 1000 bytes"),
            "{e}"
        );
        // not a zip: nothing to check
        assert!(check_zip("f.xls", &[0xD0, 0xCF, 0x11, 0xE0], 1).is_ok());
    }

    #[test]
    fn two_cells_far_apart_are_refused_before_the_sheet_is_laid_out() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "一级指标").unwrap();
        ws.write(1_048_575, 16_383, "x").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let sheets = read_sheets("far.xlsx", &bytes).unwrap();
        let e = sheets[0].as_ref().unwrap_err().to_string();
        assert!(e.contains("1048576 rows × 16384 columns"), "{e}");
    }
}
