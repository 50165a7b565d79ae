//! `generate --rows N`: a realistic batch file, for trials and benchmarks; bad rows only when
//! asked for (`--bad-every K`).

use std::io::Write;

use super::{Exit, write_failed};
use crate::i18n::Lang;
use crate::output::{Output, Step, WriteError};

/// Writes the file to `output` (`-`: standard output); a file is put in place once complete.
pub fn generate(
    rows: usize,
    seed: u64,
    bad_every: Option<u64>,
    output: &str,
    lang: Lang,
    err: &mut dyn Write,
) -> Exit {
    let written = Output::open(output).and_then(|mut out| {
        // a workbook when the output is named so (for the workbook benchmark), else CSV
        if output.ends_with(".xlsx") {
            crate::batch::generate_xlsx::write(rows, seed, bad_every, &mut out)
        } else {
            crate::batch::generate::write(rows, seed, bad_every, &mut out)
        }
        .map_err(|e| WriteError::new(output, Step::Write, e))?;
        out.commit()
    });
    match written {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}
