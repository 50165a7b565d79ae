//! The commands, as library functions: each writes to the outputs it is given and returns an
//! [`Exit`]; `main.rs` only parses arguments and calls one. `out` is standard output (a failed
//! write there is reported as such); messages go to `err` as well as they can.

mod batch;
mod explain;
mod files;
mod generate;
mod monitor;
mod report;
mod review;
mod rubric;
mod schema;
mod template;
mod workbook;

use std::io::Write;

use crate::flags::Severity;
use crate::i18n::Lang;
use crate::output::{STDOUT, Step, WriteError};

pub use batch::{BatchArgs, batch};
pub use explain::explain;
pub use files::{files, report_file, report_files};
pub use generate::generate;
pub use monitor::{MonitorArgs, MonitorFormat, monitor};
pub use report::{Kind, ReportArgs, kind, report};
pub use review::{ReviewArgs, ReviewFormat, review};
pub use rubric::{list_rubrics, rubric_check, rubric_show};
pub use schema::schema;
pub use template::template;
pub use workbook::is_xlsx;

/// How a command ended: its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, and nothing denied.
    Clean = 0,
    /// 1: a flag at or above the denied severity, or a project in error.
    Flagged = 1,
    /// 2: bad input or arguments, or an output that could not be written.
    BadInput = 2,
    /// 141: standard output's reader went away before the end (`jixiao … | head`). Nothing is
    /// reported; the code is the one a shell shows for a program ended by SIGPIPE, so a
    /// pipeline reads as it does with any other tool, and a `check` cut short never passes
    /// for a clean one.
    StdoutClosed = 141,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }

    /// How a command that ran to its end exits: 2 when some input was bad, else 1 when
    /// something was flagged (a denied finding, a project in error), else 0.
    pub fn of(bad: bool, flagged: bool) -> Exit {
        if bad {
            Exit::BadInput
        } else if flagged {
            Exit::Flagged
        } else {
            Exit::Clean
        }
    }
}

/// Ends a command whose output failed: the error on `err` and exit 2, or quietly with 141 when
/// standard output's reader went away.
pub fn write_failed(e: &WriteError, lang: Lang, err: &mut dyn Write) -> Exit {
    if e.is_closed_stdout() {
        return Exit::StdoutClosed;
    }
    let _ = writeln!(err, "{}", e.render(lang));
    Exit::BadInput
}

/// The input paths with every folder replaced by the files inside it of `kinds`; each file
/// left out is named on `err` with its reason. Also whether a folder held nothing to read
/// (bad input: the command exits 2 once the rest is done).
fn inputs(
    paths: &[String],
    kinds: crate::read::folder::Kinds,
    lang: Lang,
    err: &mut dyn Write,
) -> (Vec<String>, bool) {
    let (files, skipped) = crate::read::folder::expand(paths, kinds);
    let mut empty = false;
    for s in &skipped {
        empty |= paths.contains(&s.path);
        let _ = writeln!(err, "{}", s.render(lang));
    }
    (files, empty)
}

/// Prints `bytes` on standard output (a completion script, say) and ends the command: exit 0,
/// or the failed write's exit.
pub fn print(bytes: &[u8], lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match emit(out, bytes).and_then(|()| flush(out)) {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}

/// Puts a rendered output where it goes: into `file` (whole, then renamed into place, and one
/// line on `err` saying so) or, without one, on standard output. A render that failed, or a
/// write that failed, is the command's exit.
fn deliver(
    bytes: Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
    file: Option<crate::output::Output>,
    projects: u64,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Exit> {
    let mut file = file;
    let written = match (bytes, &mut file) {
        (Err(e), f) => {
            let target = f.as_ref().map_or(STDOUT, |f| f.target());
            Err(WriteError::new(
                target,
                Step::Write,
                crate::render::xlsx::to_io(e),
            ))
        }
        (Ok(b), Some(f)) => f
            .write_all(&b)
            .map_err(|e| WriteError::new(f.target(), Step::Write, e)),
        (Ok(b), None) => emit(out, &b).and_then(|()| flush(out)),
    };
    written.map_err(|e| write_failed(&e, lang, err))?;
    if let Some(f) = file {
        let target = f.target().to_string();
        f.commit().map_err(|e| write_failed(&e, lang, err))?;
        if target != STDOUT {
            let t = crate::i18n::Text::new(
                format!("已写出 {target}：{projects} 个项目"),
                format!(
                    "wrote {target}: {}",
                    crate::i18n::count(projects, "project")
                ),
            );
            let _ = writeln!(err, "{}", t.get(lang));
        }
    }
    Ok(())
}

/// Writes `bytes` to standard output (`out`).
fn emit(out: &mut dyn Write, bytes: &[u8]) -> Result<(), WriteError> {
    out.write_all(bytes)
        .map_err(|e| WriteError::new(STDOUT, Step::Write, e))
}

/// Flushes standard output (`out`) at a command's end.
fn flush(out: &mut dyn Write) -> Result<(), WriteError> {
    out.flush()
        .map_err(|e| WriteError::new(STDOUT, Step::Write, e))
}

/// What `review` and `monitor` write: their text view (the default) or JSON on standard
/// output or into `-o FILE`, or a workbook or a page into `-o FILE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The terminal view.
    Table,
    /// JSON.
    Json,
    /// A workbook.
    Xlsx,
    /// A self-contained HTML page.
    Html,
}

impl Shown {
    /// The format asked for, or told by the output's name (`.xlsx`, `.html`, `.htm`) when the
    /// format is left at its default (the terminal view).
    pub fn resolve(self, output: Option<&str>) -> Shown {
        let name = output.map(str::to_ascii_lowercase).unwrap_or_default();
        match self {
            Shown::Table if name.ends_with(".xlsx") => Shown::Xlsx,
            Shown::Table if name.ends_with(".html") || name.ends_with(".htm") => Shown::Html,
            f => f,
        }
    }
}

/// Output format of `score` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    /// A workbook (to `output`).
    Xlsx,
}

/// Which view of a report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The full scorecard.
    Score,
    /// Claimed against recomputed, and the flags.
    Check,
}

pub struct Options {
    pub rubric: Option<String>,
    pub lang: Lang,
    pub format: Format,
    /// For `check`: the least severe flag that makes the exit code 1.
    pub deny: Severity,
    /// `-o FILE`: where the workbook goes (`-`: standard output); text formats go to standard
    /// output.
    pub output: Option<String>,
}
