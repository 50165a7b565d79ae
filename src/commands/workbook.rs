//! The workbook output of `score`, `check` and `batch` (`-o FILE.xlsx`): the book opened with
//! its file before anything is read, so that an unwritable path fails first, and saved whole
//! under a temporary name and put in place at the end.

use std::io::Write;

use super::{Exit, write_failed};
use crate::i18n::{Lang, Text};
use crate::output::{Output, Step, WriteError};
use crate::render::xlsx::{self, Book, MAX_FORMS};
use crate::rubric::Rubric;

/// Whether an output is a workbook: `--format xlsx`, or a name ending in `.xlsx`.
pub fn is_xlsx(path: &str, format_xlsx: bool) -> bool {
    format_xlsx || path.to_ascii_lowercase().ends_with(".xlsx")
}

/// The output file and an empty book, or the exit of a command that cannot write them.
pub(super) fn open(target: &str, lang: Lang, err: &mut dyn Write) -> Result<(Output, Book), Exit> {
    let out = Output::open(target).map_err(|e| write_failed(&e, lang, err))?;
    // the long sheets' rows wait beside the output file, on the disk that will hold it (not
    // beside a device such as /dev/full, nor for standard output)
    let device = std::fs::metadata(target).is_ok_and(|m| !m.is_file());
    let beside = match std::path::Path::new(target).parent() {
        _ if target == crate::output::STDOUT || device => None,
        Some(p) if p.as_os_str().is_empty() => Some(std::path::Path::new(".")),
        p => p,
    };
    let book = Book::new(lang, beside).map_err(|e| {
        write_failed(
            &WriteError::new(target, Step::Create, xlsx::to_io(e)),
            lang,
            err,
        )
    })?;
    Ok((out, book))
}

/// Writes the sheets that add up, saves the book to `out` and puts it in place; a failure
/// leaves no file (the temporary one is removed) and is the command's exit 2.
pub(super) fn save(
    mut out: Output,
    book: Book,
    known: &[&Rubric],
    lang: Lang,
    err: &mut dyn Write,
) -> Result<(), Exit> {
    let left_out = book.forms_left_out();
    let (projects, failed) = (book.overview().projects, book.overview().failed);
    let target = out.target().to_string();
    let fail = |e, err: &mut dyn Write| {
        write_failed(
            &WriteError::new(&target, Step::Write, xlsx::to_io(e)),
            lang,
            err,
        )
    };
    let mut wb = book.finish(known).map_err(|e| fail(e, err))?;
    wb.save_to_writer(&mut out).map_err(|e| fail(e, err))?;
    out.commit().map_err(|e| write_failed(&e, lang, err))?;
    if left_out > 0 {
        let t = Text::new(
            format!(
                "{target}: 只为前 {MAX_FORMS} 个项目各写了一张自评表；其余 {left_out} 个项目见汇总、明细和标记表"
            ),
            format!(
                "{target}: a form sheet for the first {MAX_FORMS} projects only; the other {left_out} are in Summary, Lines and Flags"
            ),
        );
        let _ = writeln!(err, "{}", t.get(lang));
    }
    let t = Text::new(
        format!("已写出 {target}：{projects} 个项目，其中 {failed} 个无法评分"),
        format!(
            "wrote {target}: {}, {failed} that could not be scored",
            crate::i18n::count(projects, "project")
        ),
    );
    let _ = writeln!(err, "{}", t.get(lang));
    Ok(())
}
