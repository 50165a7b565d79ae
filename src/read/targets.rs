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
    let bytes = std::fs::read(path).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read file: {e}"),
            ),
        )
    })?;
    if workbook::is_workbook(&bytes) {
        let mut skipped = Vec::new();
        let (cols, rows) = workbook::batch_table(path, &bytes, &mut skipped)?;
        let mut out: Vec<_> = skipped.into_iter().map(Err).collect();
        out.extend(table::records(path, cols, rows));
        return Ok(out);
    }
    let text = std::str::from_utf8(&bytes).ok();
    let yaml = path.ends_with(".yaml") || path.ends_with(".yml");
    match text {
        Some(t) if yaml => Ok(vec![project::read_project(
            path,
            t.strip_prefix('\u{feff}').unwrap_or(t),
            library,
        )]),
        _ => {
            let opened = csv::open_table(&bytes[..], path, None, None)?;
            Ok(table::records(path, opened.columns, opened.source))
        }
    }
}
