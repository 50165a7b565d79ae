//! `report INPUT... -o report.html`: every project of the inputs (YAML project files, workbooks
//! of forms, batch CSVs or long-table workbooks) in one self-contained HTML file, written in
//! one streaming pass: rows go to a scratch file beside the output as the digests come, and the
//! page (overview first, since it needs the totals) is put together at the end and renamed into
//! place whole.

use std::io::{BufReader, Read, Write};

use super::{Exit, report_files, write_failed};
use crate::batch::{Failure, Outputs, Sink};
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::library::Library;
use crate::output::{AtomicFile, Output, Step, WriteError};
use crate::read::workbook;
use crate::render::html::{Report, Settings};
use crate::report::Rubrics;
use crate::report::digest::{Digest, Who};

/// `report`'s arguments as given on the command line.
pub struct ReportArgs {
    pub inputs: Vec<String>,
    /// The HTML file (`-`: standard output).
    pub output: String,
    pub rubric: Option<String>,
    /// The least severe flag that makes the exit code 1.
    pub deny: Severity,
    /// See [`Settings::full`].
    pub full: usize,
    pub date: Option<String>,
    /// Show a progress bar while a table is read (stderr is a terminal).
    pub progress: bool,
}

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A YAML project file: read whole, as `check` reads it.
    Project,
    /// A CSV or a workbook (long tables, or forms): streamed, as `batch` reads it.
    Table,
}

/// What kind of input `path` is: a workbook or a UTF-16 text by its first bytes, then a
/// `.yaml`/`.yml` name, a `.csv`/`.tsv`/`.txt` name, and else its first line (cells separated
/// by commas or tabs, no `key: value`).
pub fn kind(path: &str) -> Kind {
    if path == "-" {
        return Kind::Table;
    }
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    if workbook::is_workbook(head) || head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff")
    {
        return Kind::Table;
    }
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("yaml" | "yml") => return Kind::Project,
        Some("csv" | "tsv" | "txt") => return Kind::Table,
        _ => {}
    }
    let text = String::from_utf8_lossy(head);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.matches([',', '\t']).count() >= 2 && !first.contains(": ") {
        Kind::Table
    } else {
        Kind::Project
    }
}

/// `report`: exit 2 when an input cannot be read (the report is still written, the input shown
/// in it as not scored) or the output cannot be written (then no file is left); 1 when a
/// project could not be scored or has a flag at or above `deny`; else 0.
pub fn report(args: &ReportArgs, lang: Lang, err: &mut (dyn Write + Send)) -> Exit {
    // the output first: an unwritable one fails before any input is read
    let mut out = match Output::open(&args.output) {
        Ok(o) => o,
        Err(e) => return write_failed(&e, lang, err),
    };
    // scratch files beside the output (in the temporary folder for standard output or a
    // device), never put in place: dropped, they are removed
    let scratch = |part: &str| {
        let path = match &out {
            Output::File(f) if f.temp_path().is_some() => format!("{}.{part}", args.output),
            _ => std::env::temp_dir()
                .join(format!("jixiao-report.{part}"))
                .to_string_lossy()
                .into_owned(),
        };
        AtomicFile::create(&path).map_err(|e| WriteError::new(out.target(), Step::Create, e.error))
    };
    let (rows, sections) = match scratch("rows").and_then(|r| Ok((r, scratch("sections")?))) {
        Ok(s) => s,
        Err(e) => return write_failed(&e, lang, err),
    };
    let library = match Library::shipped() {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
    };
    let settings = Settings {
        lang,
        full: args.full,
        inputs: args.inputs.clone(),
        date: args.date.clone(),
        deny: args.deny,
    };
    let mut sink = Report::new(settings, rows, sections);
    let mut rubrics = Rubrics::new(args.rubric.clone());
    let opts = crate::batch::Options {
        rubric: args.rubric.clone(),
        lang,
        deny: Some(args.deny),
        progress: args.progress,
        ..crate::batch::Options::default()
    };
    let (paths, empty) = super::inputs(&args.inputs, crate::read::folder::Kinds::TABLES, lang, err);
    let (mut bad, mut in_error) = (empty, false);
    for path in &paths {
        let result = match kind(path) {
            Kind::Project => projects(path, &library, &mut rubrics, &mut sink, lang, err),
            Kind::Table => {
                match crate::batch::run_path_to(path, &opts, Outputs::Digests(&mut sink), err) {
                    Ok(summary) => {
                        in_error |= summary.in_error > 0;
                        Ok(false)
                    }
                    Err(Failure::Input(e)) => failed(&mut sink, &e, lang, err),
                    Err(Failure::Write(_, e)) => Err(e),
                }
            }
        };
        match result {
            Ok(b) => bad |= b,
            Err(e) => {
                let e = WriteError::new(out.target(), Step::Write, e);
                return write_failed(&e, lang, err);
            }
        }
    }
    let (mut rows, mut sections, ending) = sink.end();
    let target = out.target().to_string();
    let fail = |e| WriteError::new(&target, Step::Write, e);
    // each scratch read back from its temporary file
    let reopen = |f: &mut AtomicFile| -> Result<BufReader<std::fs::File>, WriteError> {
        f.flush().map_err(fail)?;
        let path = f.temp_path().ok_or_else(|| {
            fail(std::io::Error::other(
                "a scratch file is not a regular file",
            ))
        })?;
        let file = std::fs::File::open(path).map_err(fail)?;
        Ok(BufReader::with_capacity(1 << 16, file))
    };
    let written = reopen(&mut rows)
        .and_then(|r| Ok((r, reopen(&mut sections)?)))
        .and_then(|(mut r, mut s)| ending.write(&mut out, &mut r, &mut s).map_err(fail))
        .and_then(|()| out.commit());
    drop((rows, sections));
    if let Err(e) = written {
        return write_failed(&e, lang, err);
    }
    Exit::of(
        bad,
        in_error || ending.overview().failed > 0 || ending.denied() > 0,
    )
}

/// The projects of a YAML project file (or a workbook of forms, should one be named so);
/// `Ok(true)` when one could not be read.
fn projects(
    path: &str,
    library: &Library,
    rubrics: &mut Rubrics,
    sink: &mut dyn Sink,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    // a panic (a bug) is this file's error; the other inputs are still reported
    let reports = crate::contain::contained(|| report_files(path, library, rubrics))
        .unwrap_or_else(|t| vec![Err(InputError::new(path, t))]);
    let mut bad = false;
    for r in reports {
        let digest = r.map(|r| Digest::of(&r, path, lang));
        match digest {
            Ok(d) => sink.add(d)?,
            Err(e) => bad |= failed(sink, &e, lang, err)?,
        }
    }
    Ok(bad)
}

/// An input, or a project of it, that could not be read: named on `err` and shown in the
/// report as not scored.
fn failed(
    sink: &mut dyn Sink,
    e: &InputError,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let _ = writeln!(err, "{}", e.render(lang));
    let name = Text::new("（无法读取）", "(unreadable)");
    let who = Who {
        id: "",
        name: name.get(lang),
        department: None,
    };
    sink.add(Digest::failed(who, e, lang))?;
    Ok(true)
}
