//! `score` and `check`: every project file read, scored and re-checked, printed as a scorecard,
//! a re-check or JSON.

use std::io::Write;

use super::{Exit, Format, Options, View, emit, flush, write_failed};
use crate::error::InputError;
use crate::i18n::Text;
use crate::library::Library;
use crate::model::Record;
use crate::output::{Step, WriteError};
use crate::read::{project, workbook};
use crate::render::xlsx;
use crate::render::{json, table};
use crate::report::digest::{Digest, Who};
use crate::report::{Report, Rubrics, evaluate};
use crate::rubric::Rubric;

/// Reads, scores and checks one project file (YAML).
pub fn report_file(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
) -> Result<Report, InputError> {
    let bytes = read_bytes(path)?;
    report_yaml(path, &bytes, library, rubrics)
}

/// Reads, scores and checks every project of a file: a YAML project file, or a workbook of
/// forms (one project per sheet), recognised by its content whatever its name.
pub fn report_files(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
) -> Vec<Result<Report, InputError>> {
    report_files_noting(path, library, rubrics, &mut Vec::new())
}

/// [`report_files`], the sheets of a workbook left out (the summary sheets jixiao writes
/// beside its forms) named on `skipped`.
pub fn report_files_noting(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
    skipped: &mut Vec<InputError>,
) -> Vec<Result<Report, InputError>> {
    let bytes = match read_bytes(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    if !workbook::is_workbook(&bytes) {
        return vec![report_yaml(path, &bytes, library, rubrics)];
    }
    match workbook::form_records(path, &bytes, skipped) {
        Err(e) => vec![Err(e)],
        Ok(records) => records
            .into_iter()
            .map(|r| r.and_then(|record| report_record(path, None, record, rubrics)))
            .collect(),
    }
}

fn read_bytes(path: &str) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("无法读取文件：{e}"),
                format!("cannot read file: {e}"),
            ),
        )
    })
}

fn report_yaml(
    path: &str,
    bytes: &[u8],
    library: &Library,
    rubrics: &mut Rubrics,
) -> Result<Report, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::new(
            path,
            Text::new(
                format!("不是 UTF-8 文本：{e}"),
                format!("not UTF-8 text: {e}"),
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let record = project::read_project(path, text, library).map_err(|e| wrong_file(text, e))?;
    report_record(path, Some(text), record, rubrics)
}

/// A file that is not a project file at all says what it looks like and which command reads
/// it; an error never quotes more than a line of the input.
fn wrong_file(text: &str, mut e: InputError) -> InputError {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let cells = first.matches([',', '\t']).count();
    if cells >= 2 && !first.contains(": ") {
        return InputError::new(
            &e.file,
            Text::new(
                "这看起来是指标长表（CSV），不是项目文件：请用 jixiao batch 读取",
                "this looks like a long table (CSV), not a project file: read it with jixiao batch",
            ),
        )
        .at(Some(1), None);
    }
    for m in [&mut e.message.zh, &mut e.message.en] {
        if m.chars().count() > 200 || m.contains('\n') {
            let line = m.lines().next().unwrap_or("");
            *m = format!("{}…", line.chars().take(200).collect::<String>());
        }
    }
    e
}

/// Scores and checks a record read from `path` (`text`: the project file, to place an error
/// about the budget at its line).
fn report_record(
    path: &str,
    text: Option<&str>,
    mut record: Record,
    rubrics: &mut Rubrics,
) -> Result<Report, InputError> {
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
            None => err.at(text.and_then(|t| line_of(t, "budget:")), None),
        }
    })
}

/// The 1-based line of the first top-level key `key`.
fn line_of(text: &str, key: &str) -> Option<usize> {
    text.lines().position(|l| l.starts_with(key)).map(|i| i + 1)
}

/// A project that could not be read: known by its file alone.
const NOBODY: Who<'static> = Who {
    id: "",
    name: "",
    department: None,
};

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
    let lang = opts.lang;
    let mut book = match (opts.format, &opts.output) {
        (Format::Xlsx, Some(target)) => match super::workbook::open(target, lang, err) {
            Ok(b) => Some(b),
            Err(exit) => return exit,
        },
        (Format::Xlsx, None) | (_, Some(_)) => {
            let t = Text::new(
                "jixiao：工作簿需要 -o 文件.xlsx（-o 目前只写工作簿）",
                "jixiao: a workbook needs -o FILE.xlsx (-o writes workbooks only, for now)",
            );
            let _ = writeln!(err, "{}", t.get(lang));
            return Exit::BadInput;
        }
        _ => None,
    };
    let mut rubrics = Rubrics::new(opts.rubric.clone());
    let (paths, empty) = super::inputs(paths, crate::read::folder::Kinds::PROJECTS, lang, err);
    let (mut bad, mut denied) = (empty, false);
    let mut first = true;
    for path in &paths {
        // a panic (a bug) is this file's error; the other files are still reported
        let mut skipped = Vec::new();
        let reports = crate::contain::contained(|| {
            report_files_noting(path, &library, &mut rubrics, &mut skipped)
        })
        .unwrap_or_else(|t| vec![Err(InputError::new(path, t))]);
        for e in &skipped {
            let _ = writeln!(err, "{}", e.render(lang));
        }
        for report in reports {
            if let Some((_, b)) = &mut book {
                let digest = match &report {
                    Ok(r) => Digest::of(r, path, lang),
                    Err(e) => Digest::failed(NOBODY, e, lang),
                };
                let written = b.add(&digest).and_then(|()| match &report {
                    Ok(r) => b.add_form(r, &digest),
                    Err(_) => Ok(()),
                });
                if let Err(e) = written {
                    let target = opts.output.as_deref().unwrap_or("-");
                    let e = WriteError::new(target, Step::Write, xlsx::to_io(e));
                    return write_failed(&e, lang, err);
                }
            }
            match report {
                Ok(r) => {
                    denied |= r.denied(opts.deny);
                    let text = match (opts.format, view) {
                        (Format::Xlsx, _) => String::new(),
                        (Format::Json, _) => json::report(&r, opts.lang) + "\n",
                        (Format::Table, View::Score) => table::scorecard(&r, opts.lang),
                        (Format::Table, View::Check) => table::recheck(&r, opts.lang),
                    };
                    let gap = if opts.format == Format::Table && !first {
                        &b"\n"[..]
                    } else {
                        b""
                    };
                    first = false;
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
    }
    if let Err(e) = flush(out) {
        return write_failed(&e, opts.lang, err);
    }
    if let Some((file, b)) = book {
        let known: Vec<&crate::rubric::Rubric> = rubrics.loaded().map(|s| &s.rubric).collect();
        if let Err(exit) = super::workbook::save(file, b, &known, lang, err) {
            return exit;
        }
    }
    match (bad, view, denied) {
        (true, _, _) => Exit::BadInput,
        (false, View::Check, true) => Exit::Flagged,
        _ => Exit::Clean,
    }
}
