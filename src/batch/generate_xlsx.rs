//! The generated batch table as a workbook (`generate --rows N -o FILE.xlsx`): the same rows as
//! the CSV, one sheet, written in constant memory, for the workbook benchmark. Numbers stay
//! text as the CSV has them, except 权重 and 预算数, written as numbers as 公开表6 has them.

use std::io::{self, Write};

use rust_xlsxwriter::{Workbook, XlsxError};

fn other(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// Writes `rows` generated rows (as [`super::generate::write`] makes them) as an xlsx to `out`.
pub fn write(
    rows: usize,
    seed: u64,
    bad_every: Option<u64>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut csv = Vec::new();
    super::generate::write(rows, seed, bad_every, &mut csv)?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet_with_constant_memory().map_err(other)?;
    ws.set_name("指标").map_err(other)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv[..]);
    let mut numeric: Vec<bool> = Vec::new();
    for (r, rec) in reader.records().enumerate() {
        let rec = rec.map_err(io::Error::other)?;
        if r == 0 {
            numeric = rec
                .iter()
                .map(|h| matches!(h, "预算数" | "权重" | "执行数"))
                .collect();
        }
        for (c, cell) in rec.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && numeric.get(c as usize) == Some(&true) => {
                    ws.write_number(r, c, v).map_err(other)?
                }
                _ => ws.write_string(r, c, cell).map_err(other)?,
            };
        }
    }
    let bytes = book.save_to_buffer().map_err(other)?;
    out.write_all(&bytes)
}
