//! `template TARGETS -o DIR/` (or `-o FILE.xlsx`): fill-in forms from a target table. Each
//! project of a 公开表6 (xlsx or CSV) or a project file without actuals becomes the national
//! 自评表, its targets, weights (as 分值) and budget written in, the cells of the year's results
//! left to fill, a drop-down of the tier words on each qualitative line. Read back by `check`.

use std::io::Write;

use super::{Exit, write_failed};
use crate::i18n::Lang;
use crate::library::Library;
use crate::model::Record;
use crate::output::{Output, Step, WriteError};
use crate::read::targets::targets;
use crate::render::form_xlsx::{self, Fill};

/// A file name for a project's form: its name without the characters a file name cannot hold.
fn file_name(r: &Record) -> String {
    let name: String = r
        .name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .collect();
    let name = name.trim();
    if name.is_empty() {
        r.id.clone()
    } else {
        name.to_string()
    }
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let mut out = Output::open(path)?;
    out.write_all(bytes)
        .map_err(|e| WriteError::new(path, Step::Write, e))?;
    out.commit()
}

/// Writes the forms of every project of `input` into the folder `output` (one workbook each),
/// or into the one workbook `output` when it ends in `.xlsx` (a sheet each). A project that
/// cannot be read is reported and the others are still written; exit 2 if any was not.
pub fn template(input: &str, output: &str, lang: Lang, err: &mut dyn Write) -> Exit {
    let library = match Library::shipped() {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
    };
    let read = match targets(input, &library) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
    };
    let mut bad = false;
    let mut records = Vec::new();
    for r in read {
        match r {
            Ok(r) => records.push(r),
            Err(e) => {
                bad = true;
                let _ = writeln!(err, "{}", e.render(lang));
            }
        }
    }
    let fail = |e: rust_xlsxwriter::XlsxError| {
        WriteError::new(output, Step::Write, std::io::Error::other(e.to_string()))
    };
    let written = if output.ends_with(".xlsx") {
        let all: Vec<&Record> = records.iter().collect();
        form_xlsx::workbook(&all, Fill::Template)
            .map_err(fail)
            .and_then(|bytes| write_file(output, &bytes))
            .map(|()| all.len())
    } else {
        std::fs::create_dir_all(output)
            .map_err(|e| WriteError::new(output, Step::Create, e))
            .and_then(|()| {
                // a name met twice (日常公用经费 of each unit) takes its unit, then a number
                let mut used: Vec<String> = Vec::new();
                for r in &records {
                    let base = file_name(r);
                    let with_unit = match &r.department {
                        Some(d) => format!("{base}（{}）", d.replace(['/', '\\'], "_")),
                        None => base.clone(),
                    };
                    let mut name = base.clone();
                    let mut k = 1;
                    while used.contains(&name) {
                        k += 1;
                        name = if k == 2 {
                            with_unit.clone()
                        } else {
                            format!("{with_unit} ({k})")
                        };
                    }
                    let path = std::path::Path::new(output).join(format!("{name}.xlsx"));
                    let path = path.to_string_lossy().into_owned();
                    let bytes = form_xlsx::workbook(&[r], Fill::Template).map_err(fail)?;
                    write_file(&path, &bytes)?;
                    used.push(name);
                }
                Ok(records.len())
            })
    };
    match written {
        Ok(n) => {
            let _ = match lang {
                Lang::Zh => writeln!(err, "{input}：写出自评表 {n} 份 → {output}"),
                Lang::En => writeln!(err, "{input}: {n} forms written to {output}"),
            };
            if bad { Exit::BadInput } else { Exit::Clean }
        }
        Err(e) => write_failed(&e, lang, err),
    }
}
