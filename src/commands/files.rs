//! `score` and `check`: every project file read, scored and re-checked, printed as a scorecard,
//! a re-check or JSON.

use std::io::Write;

use super::{Exit, Format, Options, View, emit, flush, write_failed};
use crate::error::InputError;
use crate::i18n::Text;
use crate::library::Library;
use crate::read::project;
use crate::render::{json, table};
use crate::report::{Report, Rubrics, evaluate};
use crate::rubric::Rubric;

/// Reads, scores and checks one project file.
pub fn report_file(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
) -> Result<Report, InputError> {
    let text = std::fs::read(path).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read file: {e}"),
            ),
        )
    })?;
    let text = String::from_utf8(text).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("不是 UTF-8 文本：{e}"),
                format!("not UTF-8 text: {e}"),
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut record = project::read_project(path, text, library)?;
    // a rubric file named in a project file is found beside it, wherever jixiao runs
    if let Some(r) = &record.rubric
        && !Rubric::is_shipped(r)
        && std::path::Path::new(r).is_relative()
        && let Some(dir) = std::path::Path::new(path).parent()
    {
        record.rubric = Some(dir.join(r).to_string_lossy().into_owned());
    }
    let rubric = rubrics.for_record(&record)?;
    evaluate(record, rubric).map_err(|r| {
        let at = r.indicator().map(|ind| (ind.line, ind.name.to_string()));
        let err = InputError::new(path, r.error.message);
        match at {
            Some((line, name)) => err.at(line, None).indicator(name),
            None => err.at(line_of(text, "budget:"), None),
        }
    })
}

/// The 1-based line of the first top-level key `key`.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.starts_with(key)).map(|i| i + 1)
}

/// `score` and `check`: every file is reported, bad ones on `err`. Exit 2 when a file could not be
/// read or standard output written (141, quietly, when its reader went away: the files after
/// are not read); for `check`, 1 when a flag at or above `deny` was found; else 0.
pub fn files(
    paths: &[String],
    view: View,
    opts: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let library = match Library::shipped() {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(opts.lang));
            return Exit::BadInput;
        }
    };
    let mut rubrics = Rubrics::new(opts.rubric.clone());
    let (mut bad, mut denied) = (false, false);
    for (i, path) in paths.iter().enumerate() {
        // a panic (a bug) is this file's error; the other files are still reported
        let report = crate::contain::contained(|| report_file(path, &library, &mut rubrics))
            .unwrap_or_else(|t| Err(InputError::new(path, t)));
        match report {
            Ok(r) => {
                denied |= r.denied(opts.deny);
                let text = match (opts.format, view) {
                    (Format::Json, _) => json::report(&r, opts.lang) + "\n",
                    (Format::Table, View::Score) => table::scorecard(&r, opts.lang),
                    (Format::Table, View::Check) => table::recheck(&r, opts.lang),
                };
                let gap = if opts.format == Format::Table && i > 0 {
                    &b"\n"[..]
                } else {
                    b""
                };
                if let Err(e) = emit(out, gap).and_then(|()| emit(out, text.as_bytes())) {
                    return write_failed(&e, opts.lang, err);
                }
            }
            Err(e) => {
                bad = true;
                let _ = writeln!(err, "{}", e.render(opts.lang));
            }
        }
    }
    if let Err(e) = flush(out) {
        return write_failed(&e, opts.lang, err);
    }
    match (bad, view, denied) {
        (true, _, _) => Exit::BadInput,
        (false, View::Check, true) => Exit::Flagged,
        _ => Exit::Clean,
    }
}
