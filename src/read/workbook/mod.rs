//! Workbooks (xlsx, xlsm, xls, ods, recognised by their content): each sheet read as a grid of
//! cell text ([`sheet`]), its layout found from its header words ([`form`]), and read by the
//! table stage through a [`grid::GridSource`]. A form (one project per sheet) is read by
//! `score` and `check`; a long table (one row per indicator, many projects) by `batch`.

pub mod cell;
pub mod department;
pub mod form;
pub mod grid;
pub mod sheet;
pub mod stream;
pub mod written;

pub use form::Layout;
pub use sheet::{Sheet, is_workbook, read_sheets};

use crate::error::InputError;
use crate::i18n::Text;
use crate::model::Record;
use crate::read::table::{Columns, key};

/// The projects of a workbook's forms, sheet by sheet: each a record or the error that keeps it
/// from being one (`book.xlsx[工作表]:13: …`). A sheet that holds a long table, or nothing jixiao
/// reads, is an error that says so; the other sheets are still read. The summary sheets jixiao
/// writes beside the forms (汇总, 明细 …) are left out, each named on `skipped`.
pub fn form_records(
    file: &str,
    bytes: &[u8],
    skipped: &mut Vec<InputError>,
) -> Result<Vec<Result<Record, InputError>>, InputError> {
    let mut out = Vec::new();
    for sheet in read_sheets(file, bytes)? {
        let sheet = match sheet {
            Ok(s) => s,
            Err(e) => {
                out.push(Err(e));
                continue;
            }
        };
        let at = format!("{file}[{}]", sheet.name);
        let layout = form::layout(&sheet);
        if is_written_summary(&sheet, &layout) {
            skipped.push(summary_skipped(&at));
            continue;
        }
        match layout {
            Ok(Layout::Long) => out.push(Err(InputError::new(
                &at,
                Text::new(
                    "这是指标长表（每行一个指标、含多个项目），请用 jixiao batch 读取",
                    "this is a long table (one indicator per row, many projects): read it with jixiao batch",
                ),
            ))),
            Ok(layout) => {
                let t = match table(&at, &sheet, layout) {
                    Ok(t) => t,
                    Err(e) => {
                        out.push(Err(e));
                        continue;
                    }
                };
                match grid::records(&at, &t.headers, t.rows, t.header_line, &t.sheet_columns) {
                    Ok(records) if records.is_empty() => out.push(Err(InputError::new(
                        &at,
                        Text::new("表中没有指标行", "the form has no indicator rows"),
                    )
                    .at(Some(t.header_line as usize), None))),
                    Ok(records) => out.extend(records),
                    Err(e) => out.push(Err(e)),
                }
            }
            Err(why) => out.push(Err(InputError::new(&at, why))),
        }
    }
    Ok(out)
}

/// A form's one-project table: the department form's, whose rows may be in error, or a
/// project form's.
fn table(at: &str, sheet: &Sheet, layout: Layout) -> Result<form::Table, InputError> {
    match layout {
        Layout::Department => department::table(at, sheet),
        l => Ok(form::table(sheet, l)),
    }
}

/// A workbook as one table for `batch`: its long tables (公开表6, an export), their rows below
/// their header in sheet order; or, when it has none, its forms, each laid out as a one-project
/// table. Sheets that are neither are named on `skipped`. Positions in errors are the rows of
/// the sheets (a workbook of one table sheet is the usual case).
pub fn batch_table(
    file: &str,
    bytes: &[u8],
    skipped: &mut Vec<InputError>,
) -> Result<(Columns, grid::GridSource), InputError> {
    batch_table_sheets(file, bytes, skipped).map(|(c, g, _)| (c, g))
}

/// [`batch_table`], and the names of the sheets whose rows it holds, in order.
pub fn batch_table_sheets(
    file: &str,
    bytes: &[u8],
    skipped: &mut Vec<InputError>,
) -> Result<(Columns, grid::GridSource, Vec<String>), InputError> {
    let mut used = Vec::new();
    let sheets: Vec<Sheet> = read_sheets(file, bytes)?
        .into_iter()
        .filter_map(|s| s.map_err(|e| skipped.push(e)).ok())
        .collect();
    let layouts: Vec<Result<Layout, Text>> = sheets.iter().map(form::layout).collect();
    let (sheets, layouts): (Vec<Sheet>, Vec<Result<Layout, Text>>) = sheets
        .into_iter()
        .zip(layouts)
        .filter(|(sheet, layout)| {
            let summary = is_written_summary(sheet, layout);
            if summary {
                skipped.push(summary_skipped(&format!("{file}[{}]", sheet.name)));
            }
            !summary
        })
        .unzip();
    let long = layouts.iter().any(|l| matches!(l, Ok(Layout::Long)));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut header_line = 1;
    for (sheet, layout) in sheets.iter().zip(layouts) {
        let at = format!("{file}[{}]", sheet.name);
        let (h, mut r, line) = match layout {
            Ok(Layout::Long) => {
                let t = form::long(sheet);
                for line in t.without_indicator {
                    skipped.push(
                        InputError::new(&at, no_indicator_text()).at(Some(line as usize), None),
                    );
                }
                (t.headers, t.rows, t.header_line)
            }
            Ok(l) if !long => match table(&at, sheet, l) {
                Ok(t) => (t.headers, t.rows, t.header_line),
                Err(e) => {
                    skipped.push(e);
                    continue;
                }
            },
            Ok(_) => continue, // a form beside long tables: not part of the batch
            Err(why) => {
                skipped.push(InputError::new(&at, why));
                continue;
            }
        };
        match &headers {
            None => {
                headers = Some(h);
                header_line = line;
            }
            Some(first) => {
                let same =
                    first.len() == h.len() && first.iter().zip(&h).all(|(a, b)| key(a) == key(b));
                if !same {
                    skipped.push(InputError::new(
                        &at,
                        Text::new(
                            "表头与第一个表不同，未读入批量评分",
                            "its headers differ from the first table's: not read into the batch",
                        ),
                    ));
                    continue;
                }
            }
        }
        rows.append(&mut r);
        used.push(sheet.name.clone());
    }
    let Some(headers) = headers else {
        return Err(InputError::new(
            file,
            Text::new(
                "工作簿中没有可读的表（指标长表或自评表）",
                "the workbook holds no table jixiao reads (a long table or a form)",
            ),
        ));
    };
    let cols = Columns::from_headers(&headers)
        .map_err(|t| InputError::new(file, t).at(Some(header_line as usize), None))?;
    Ok((cols, grid::GridSource::new(rows), used))
}

/// A summary sheet of a workbook jixiao wrote (its name, and no form on it): not an input.
fn is_written_summary(sheet: &Sheet, layout: &Result<Layout, Text>) -> bool {
    written::is_summary_sheet(&sheet.name)
        && !matches!(
            layout,
            Ok(Layout::National | Layout::Provincial | Layout::Department)
        )
}

fn summary_skipped(at: &str) -> InputError {
    InputError::new(
        at,
        Text::new(
            "jixiao 写出的汇总表（不是自评表），已跳过",
            "a summary sheet jixiao wrote (not a form): skipped",
        ),
    )
}

/// What is said of a long table's row that holds no indicator.
pub fn no_indicator_text() -> Text {
    Text::new(
        "此行没有指标（如部门合计行），不计入任何项目",
        "this row has no indicator (a department's subtotal line, say): not part of any project",
    )
}
