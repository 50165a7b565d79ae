//! A target table, whatever its layout: a workbook's long tables or forms, a CSV (公开表6 as
//! exported), or a project file. For the commands that take targets rather than results
//! (`template`, `review`).

use crate::error::InputError;
use crate::i18n::Text;
use crate::library::Library;
use crate::model::Record;
use crate::read::{csv, project, table, workbook};

/// The records of a target table: a workbook's long tables or forms, a CSV, or a project file.
pub fn targets(
    path: &str,
    library: &Library,
) -> Result<Vec<Result<Record, InputError>>, InputError> {
    targets_placed(path, library).map(|r| r.into_iter().map(|(_, r)| r).collect())
}

/// A record read (or the reason it could not be), with the name that places its lines.
pub type Placed = (String, Result<Record, InputError>);

/// [`targets`], each with the name that places its lines: `book.xlsx[公开表6]` for a workbook's
/// record whose sheet is known (the one sheet of a long table, a form's own sheet), else the path.
pub fn targets_placed(path: &str, library: &Library) -> Result<Vec<Placed>, InputError> {
    let bytes = std::fs::read(path).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read file: {e}"),
            ),
        )
    })?;
    let whole =
        |v: Vec<Result<Record, InputError>>| v.into_iter().map(|r| (path.to_string(), r)).collect();
    if workbook::is_workbook(&bytes) {
        let mut skipped = Vec::new();
        let (cols, rows, sheets) = workbook::batch_table_sheets(path, &bytes, &mut skipped)?;
        let records = table::records(path, cols, rows);
        // one sheet holds them all, or (forms) each record is a sheet of its own
        let names: Vec<String> = match sheets.as_slice() {
            [one] => vec![format!("{path}[{one}]"); records.len()],
            many if many.len() == records.len() => {
                many.iter().map(|s| format!("{path}[{s}]")).collect()
            }
            _ => vec![path.to_string(); records.len()],
        };
        let mut out: Vec<_> = skipped
            .into_iter()
            .map(|e| (path.to_string(), Err(e)))
            .collect();
        out.extend(names.into_iter().zip(records));
        return Ok(out);
    }
    let text = std::str::from_utf8(&bytes).ok();
    let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    match text {
        Some(t) if yaml => Ok(whole(vec![project::read_project(
            path,
            t.strip_prefix('\u{feff}').unwrap_or(t),
            library,
        )])),
        _ => {
            let opened = csv::open_table(&bytes[..], path, None, None)?;
            Ok(whole(table::records(path, opened.columns, opened.source)))
        }
    }
}
