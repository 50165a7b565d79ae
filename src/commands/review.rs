//! `review TABLE... [--baseline FILE...] [--rubric NAME] [--format table|json|xlsx|html]
//! [-o FILE] [--deny …]`: every project of a target table reviewed the way a finance bureau
//! reviews it, findings like a linter and a verdict per project; with `-o FILE.xlsx` or
//! `-o FILE.html` its 审核意见 as a workbook or a self-contained page. Exit 0 when nothing is denied, 1 on a denied finding, 2
//! on bad input (a table, a project or a baseline that cannot be read, a baseline that matches
//! nothing); the projects that can be read are reviewed all the same.

use std::collections::BTreeMap;
use std::io::Write;

use super::{Exit, write_failed};
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::library::Library;
use crate::model::Record;
use crate::output::{Output, STDOUT, same_file};
use crate::read::targets::targets_placed;
use crate::render::review as render;
use crate::review::{Baseline, Project, ReviewRubric, Table, review as review_one, rubric};
use crate::rubric::Rubric;

/// What `review` is asked.
pub struct ReviewArgs {
    pub tables: Vec<String>,
    pub baseline: Vec<String>,
    /// A shipped review rubric or a file; the shipped default without.
    pub rubric: Option<String>,
    pub format: ReviewFormat,
    /// The file to write (`-`: standard output); standard output without.
    pub output: Option<String>,
    /// The least severe finding that makes the exit code 1.
    pub deny: Severity,
}

pub use super::Shown as ReviewFormat;

/// Reads every project of `files`, reporting the ones that cannot be read.
fn read_all(
    files: &[String],
    library: &Library,
    lang: Lang,
    err: &mut dyn Write,
    bad: &mut bool,
) -> Vec<(Record, String)> {
    let mut out = Vec::new();
    for file in files {
        let read = match targets_placed(file, library) {
            Ok(r) => r,
            Err(e) => {
                *bad = true;
                let _ = writeln!(err, "{}", e.render(lang));
                continue;
            }
        };
        for (name, r) in read {
            match r {
                Ok(r) => out.push((r, name)),
                // a subtotal row of a workbook's table is told, and is no fault of the input
                Err(e) if e.message == crate::read::workbook::no_indicator_text() => {
                    let _ = writeln!(err, "{}", e.render(lang));
                }
                Err(e) => {
                    *bad = true;
                    let _ = writeln!(err, "{}", e.render(lang));
                }
            }
        }
    }
    out
}

pub fn review(args: &ReviewArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let fail = |e: InputError, err: &mut dyn Write| {
        let _ = writeln!(err, "{}", e.render(lang));
        Exit::BadInput
    };
    let format = args.format.resolve(args.output.as_deref());
    // an output over one of the tables read would replace it
    if let Some(o) = args.output.as_deref()
        && let Some(input) = args
            .tables
            .iter()
            .chain(&args.baseline)
            .find(|i| o != STDOUT && same_file(o, i))
    {
        let t = Text::new(
            format!("{o}: 输出会覆盖要审核的表 {input}"),
            format!("{o}: the output would overwrite the table {input}"),
        );
        let _ = writeln!(err, "{}", t.get(lang));
        return Exit::BadInput;
    }
    // the output first: an unwritable one fails before any table is read
    let file = match args.output.as_deref().map(Output::open).transpose() {
        Ok(f) => f,
        Err(e) => return write_failed(&e, lang, err),
    };
    let rubric = match ReviewRubric::load(args.rubric.as_deref().unwrap_or(rubric::DEFAULT)) {
        Ok(r) => r,
        Err(e) => return fail(e, err),
    };
    let library = match Library::shipped() {
        Ok(l) => l,
        Err(e) => return fail(e, err),
    };
    let kinds = crate::read::folder::Kinds::TABLES;
    let (tables, mut bad) = super::inputs(&args.tables, kinds, lang, err);
    let records = read_all(&tables, &library, lang, err, &mut bad);
    let baseline = (!args.baseline.is_empty()).then(|| {
        let (files, empty) = super::inputs(&args.baseline, kinds, lang, err);
        bad |= empty;
        Baseline {
            projects: read_all(&files, &library, lang, err, &mut bad),
        }
    });
    // the scoring rubric of each project: its own, else the review rubric's
    let mut scoring: BTreeMap<String, Result<Rubric, InputError>> = BTreeMap::new();
    let all = Table::new(
        records
            .iter()
            .map(|(r, file)| Project { record: r, file })
            .collect(),
    );
    let matches: Vec<_> = all
        .projects
        .iter()
        .map(|p| baseline.as_ref().and_then(|b| b.find(p.record)))
        .collect();
    if let Some(b) = &baseline
        && !all.projects.is_empty()
        && matches.iter().all(Option::is_none)
    {
        bad = true;
        let _ = writeln!(
            err,
            "{}",
            render::baseline_unmatched(&args.baseline, b.projects.len(), lang)
        );
    }
    let mut reviewed = Vec::with_capacity(all.projects.len());
    for (k, p) in all.projects.iter().enumerate() {
        let name = p
            .record
            .rubric
            .clone()
            .unwrap_or_else(|| rubric.scoring.clone());
        let scoring = scoring
            .entry(name.clone())
            .or_insert_with(|| Rubric::load(&name));
        let scoring = match scoring {
            Ok(s) => s,
            Err(e) => {
                bad = true;
                let e = InputError::new(
                    p.file,
                    Text::new(
                        format!(
                            "项目“{}”的评分规则无法载入：{}",
                            p.record.name,
                            e.render(Lang::Zh)
                        ),
                        format!(
                            "project “{}”: its rubric cannot be loaded: {}",
                            p.record.name,
                            e.render(Lang::En)
                        ),
                    ),
                );
                let _ = writeln!(err, "{}", e.render(lang));
                continue;
            }
        };
        let r = review_one(&all, k, scoring, &rubric, matches[k].as_ref());
        reviewed.push(render::Item {
            project: p,
            reviewed: r,
            last: matches[k].as_ref(),
            baseline: baseline.is_some(),
        });
    }
    let bytes = match format {
        ReviewFormat::Table => Ok(render::table(&reviewed, &rubric, lang).into_bytes()),
        ReviewFormat::Json => Ok(render::json(&reviewed, &rubric, lang).into_bytes()),
        ReviewFormat::Html => {
            Ok(
                crate::render::html::review::page(&reviewed, &rubric, &args.tables, lang)
                    .into_bytes(),
            )
        }
        ReviewFormat::Xlsx => crate::render::xlsx::review::book(&reviewed, &rubric, lang)
            .and_then(|mut b| b.save_to_buffer()),
    };
    if let Err(exit) = super::deliver(bytes, file, reviewed.len() as u64, lang, out, err) {
        return exit;
    }
    let denied = reviewed
        .iter()
        .flat_map(|i| &i.reviewed.findings)
        .any(|f| f.severity <= args.deny);
    Exit::of(bad, denied)
}
