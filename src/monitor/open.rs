//! A monitoring file opened by its kind: YAML (read by [`super::input`]), or a CSV or a
//! workbook (read as a table by [`super::table`]).

use crate::de;
use crate::error::InputError;
use crate::i18n::Text;

/// Reads a monitoring file: its projects and the errors of the projects that cannot be read
/// (a table's), or the error that stops the whole file being read (a YAML file's).
pub fn read(file: &str) -> Result<super::table::Read, InputError> {
    let lower = file.to_ascii_lowercase();
    let yaml = lower.ends_with(".yaml") || lower.ends_with(".yml");
    let csv = lower.ends_with(".csv");
    let book = [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e));
    if book {
        let bytes = std::fs::read(file).map_err(|e| {
            InputError::new(
                file,
                Text::new(format!("无法读取：{e}"), format!("cannot be read: {e}")),
            )
        })?;
        return super::table::parse_book(file, &bytes);
    }
    if !yaml && !csv {
        return Err(InputError::new(
            file,
            Text::new(
                "监控只读 YAML、CSV 或工作簿（xlsx/xls/ods）",
                "monitoring reads YAML, CSV or workbooks (xlsx/xls/ods) only",
            ),
        ));
    }
    let text = de::limits::read_file(file)?;
    if csv {
        de::limits::check(file, &text)?;
        return super::table::parse(file, text.trim_start_matches('\u{feff}'));
    }
    super::input::parse(file, &text).map(|ps| (ps, Vec::new()))
}
