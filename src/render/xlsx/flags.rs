//! 标记: one row per flag, its message with its figures and the rule's basis.

use rust_xlsxwriter::XlsxError;

use super::cells::{Column, Style};
use super::{Book, Which};
use crate::report::digest::Digest;

pub(super) const COLUMNS: &[Column] = &[
    ("项目编码", "Project ID", 14.0),
    ("项目名称", "Project name", 24.0),
    ("严重程度", "Severity", 8.0),
    ("代码", "Code", 24.0),
    ("指标", "Indicator", 24.0),
    ("说明", "Message", 60.0),
    ("依据", "Basis", 40.0),
];

pub(super) fn write(book: &mut Book, d: &Digest) -> Result<(), XlsxError> {
    let Some(s) = d.scored() else { return Ok(()) };
    let lang = book.lang;
    for f in &s.flags {
        let mut c = book.row(Which::Flags, Style::Plain)?;
        c.text(&d.id)?
            .text(&d.name)?
            .text(f.severity.label(lang))?
            .text(f.code)?
            .opt_text(f.indicator.as_deref())?
            .text(&f.message)?
            .text(f.basis)?;
    }
    Ok(())
}
