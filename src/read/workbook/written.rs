//! The summary sheets jixiao's workbook output writes beside its forms (汇总, 明细, 标记, 按单位,
//! 结果应用, in either language, and the long ones continued as 明细(2) …): their names, shared
//! by the writer (`render::xlsx`) and the readers, which leave them out.

/// The sheets, in the order they are written: (Chinese, English).
pub const SHEETS: [(&str, &str); 5] = [
    ("汇总", "Summary"),
    ("明细", "Lines"),
    ("标记", "Flags"),
    ("按单位", "By unit"),
    ("结果应用", "Use of results"),
];

/// Whether a sheet's name is one of [`SHEETS`], or one continued (`明细(2)`, `Lines (3)`).
pub fn is_summary_sheet(name: &str) -> bool {
    let base = match name.trim_end().strip_suffix(')') {
        Some(s) => match s.rsplit_once('(') {
            Some((b, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => b.trim_end(),
            _ => name,
        },
        None => name,
    };
    SHEETS.iter().any(|(zh, en)| base == *zh || base == *en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_sheets_are_known_by_their_names_in_either_language() {
        for n in [
            "汇总",
            "明细",
            "明细(2)",
            "Lines (3)",
            "By unit",
            "结果应用",
        ] {
            assert!(is_summary_sheet(n), "{n}");
        }
        for n in ["自评表", "明细表", "Lines (x)", "汇总 2", "项目(2)"] {
            assert!(!is_summary_sheet(n), "{n}");
        }
    }
}
