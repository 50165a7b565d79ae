//! `monitor INPUT... --as-of DATE [--policy NAME|PATH] [--format table|json] [--deny …]`: the
//! year so far of every project of the monitoring files (绩效运行监控): the monitoring table,
//! the findings, and the projects to send a 提示函 to. Exit 0 when nothing is denied, 1 on a
//! denied finding, 2 on bad input (a file or a project that cannot be monitored); the projects
//! that can be are monitored all the same.

use std::io::Write;

use super::{Exit, write_failed};
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::monitor::{Day, Policy, monitor as monitor_one, open, policy, unfit};
use crate::output::{Output, STDOUT, same_file};
use crate::render::monitor as render;

/// What `monitor` is asked.
pub struct MonitorArgs {
    pub inputs: Vec<String>,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    /// A shipped policy or a file; the shipped default without.
    pub policy: Option<String>,
    pub format: MonitorFormat,
    /// The file to write (`-`: standard output); standard output without.
    pub output: Option<String>,
    /// The least severe finding that makes the exit code 1.
    pub deny: Severity,
}

pub use super::Shown as MonitorFormat;

pub fn monitor(args: &MonitorArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let format = args.format.resolve(args.output.as_deref());
    // an output over one of the inputs would replace it
    if let Some(o) = args.output.as_deref()
        && let Some(input) = args.inputs.iter().find(|i| o != STDOUT && same_file(o, i))
    {
        let t = Text::new(
            format!("{o}: 输出会覆盖要监控的文件 {input}"),
            format!("{o}: the output would overwrite the input {input}"),
        );
        let _ = writeln!(err, "{}", t.get(lang));
        return Exit::BadInput;
    }
    if format == MonitorFormat::Xlsx && args.output.as_deref().is_none_or(|o| o == STDOUT) {
        let t = Text::new(
            "工作簿须用 -o FILE.xlsx 写到文件",
            "a workbook is written to a file: -o FILE.xlsx",
        );
        let _ = writeln!(err, "{}", t.get(lang));
        return Exit::BadInput;
    }
    // the output first: an unwritable one fails before any input is read
    let file = match args.output.as_deref().map(Output::open).transpose() {
        Ok(f) => f,
        Err(e) => return write_failed(&e, lang, err),
    };
    let as_of = match Day::parse(&args.as_of) {
        Ok(d) => d,
        Err(t) => {
            let _ = writeln!(err, "--as-of: {}", t.get(lang));
            return Exit::BadInput;
        }
    };
    let policy = match Policy::load(args.policy.as_deref().unwrap_or(policy::DEFAULT)) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            return Exit::BadInput;
        }
    };
    let (files, mut bad) =
        super::inputs(&args.inputs, crate::read::folder::Kinds::TABLES, lang, err);
    let mut projects = Vec::new();
    for file in &files {
        match open::read(file) {
            Ok((ps, errors)) => {
                projects.extend(ps);
                for e in errors {
                    bad = true;
                    let _ = writeln!(err, "{}", e.render(lang));
                }
            }
            Err(e) => {
                bad = true;
                let _ = writeln!(err, "{}", e.render(lang));
            }
        }
    }
    let mut fit = Vec::with_capacity(projects.len());
    for p in &projects {
        match unfit(p, as_of) {
            Some(t) => {
                bad = true;
                let e = InputError::new(&p.file, t).at(p.line, None);
                let _ = writeln!(err, "{}", e.render(lang));
            }
            None => fit.push(p),
        }
    }
    let items: Vec<_> = fit
        .into_iter()
        .map(|p| monitor_one(p, &policy, as_of))
        .collect();
    let bytes = match format {
        MonitorFormat::Table => Ok(render::table(&items, &policy, as_of, lang).into_bytes()),
        MonitorFormat::Json => Ok(render::json(&items, &policy, as_of, lang).into_bytes()),
        MonitorFormat::Html => {
            Ok(
                crate::render::html::monitor::page(&items, &policy, as_of, &args.inputs, lang)
                    .into_bytes(),
            )
        }
        MonitorFormat::Xlsx => crate::render::xlsx::monitor::book(&items, &policy, as_of, lang)
            .and_then(|mut b| b.save_to_buffer()),
    };
    if let Err(exit) = super::deliver(bytes, file, items.len() as u64, lang, out, err) {
        return exit;
    }
    let denied = items
        .iter()
        .flat_map(|m| &m.findings)
        .any(|f| f.severity <= args.deny);
    Exit::of(bad, denied)
}
