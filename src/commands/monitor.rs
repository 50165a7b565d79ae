//! `monitor INPUT... --as-of DATE [--policy NAME|PATH] [--format table|json] [--deny …]`: the
//! year so far of every project of the monitoring files (绩效运行监控): the monitoring table,
//! the findings, and the projects to send a 提示函 to. Exit 0 when nothing is denied, 1 on a
//! denied finding, 2 on bad input (a file or a project that cannot be monitored); the projects
//! that can be are monitored all the same.

use std::io::Write;

use super::{Exit, emit, flush, write_failed};
use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::Lang;
use crate::monitor::{Day, Policy, input, monitor as monitor_one, policy, unfit};
use crate::render::monitor as render;

/// What `monitor` is asked.
pub struct MonitorArgs {
    pub inputs: Vec<String>,
    /// `YYYY-MM-DD`.
    pub as_of: String,
    /// A shipped policy or a file; the shipped default without.
    pub policy: Option<String>,
    pub format: MonitorFormat,
    /// The least severe finding that makes the exit code 1.
    pub deny: Severity,
}

/// What `monitor` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonitorFormat {
    Table,
    Json,
}

pub fn monitor(args: &MonitorArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
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
        match input::read(file) {
            Ok(ps) => projects.extend(ps),
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
    let text = match args.format {
        MonitorFormat::Table => render::table(&items, &policy, as_of, lang),
        MonitorFormat::Json => render::json(&items, &policy, as_of, lang),
    };
    if let Err(e) = emit(out, text.as_bytes()).and_then(|()| flush(out)) {
        return write_failed(&e, lang, err);
    }
    let denied = items
        .iter()
        .flat_map(|m| &m.findings)
        .any(|f| f.severity <= args.deny);
    if bad {
        Exit::BadInput
    } else if denied {
        Exit::Flagged
    } else {
        Exit::Clean
    }
}
