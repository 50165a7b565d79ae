//! The HTML report: one self-contained file (no network, no fonts or scripts from outside: a
//! Content-Security-Policy forbids them) with an overview of the run, every project's 复核意见
//! (review opinion) for the projects shown in full, one row per project, and the flags'
//! explanations.
//!
//! It is written in one pass over the digests, in memory bounded by the number of units and of
//! projects shown in full: each digest is counted into an [`Overview`], its row written to a
//! scratch writer straight away, and its full section kept only while it is among the
//! projects to show in full. At the end [`Ending::write`] writes the page: head and overview
//! (which need the totals), the sections, then the rows copied from the scratch.
//!
//! - [`overview`]: the overview's counts, charts and tables.
//! - [`project`]: a project's section and its row.
//! - [`charts`]: inline SVG bar charts.
//! - [`escape`]: HTML escaping of user text.
//! - [`review`]: `jixiao review`'s 审核意见 page, with the same [`head`], [`tail`] and
//!   [`rule_doc`].

pub mod charts;
pub mod escape;
pub mod monitor;
pub mod overview;
pub mod project;
pub mod review;
pub mod words;

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Read, Seek, SeekFrom, Write};

use rust_decimal::Decimal;

use std::sync::{Arc, Mutex};

use crate::flags::{Severity, registry};
use crate::i18n::Lang;
use crate::num::fmt2;
use crate::report::digest::{Detail, Sink};
use crate::report::digest::{Digest, Outcome};
use crate::report::overview::Overview;
use escape::push as esc;
use overview::Policy;
use words::Words;

/// The page's stylesheet and script, embedded.
const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The policy that forbids every load from outside the file.
pub const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// A page's start, up to its inputs' names (the `<p class="inputs">` left open): the head with
/// the policy and the style, `<body>`, `<header>` and the title. `lang` is the page's language
/// attribute; `inputs` is the label of the list of `files`.
pub fn head(s: &mut String, lang: &str, title: &str, inputs: &str, files: &[String]) {
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n<p class=\"inputs\">{inputs}: "
    );
    for (i, input) in files.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str("<code>");
        esc(s, input);
        s.push_str("</code>");
    }
}

/// A rule's explanation, its section `rule-CODE` (what the pages link a code to).
pub fn rule_doc(
    s: &mut String,
    code: &str,
    severity: Severity,
    summary: crate::flags::Doc,
    explain: crate::flags::Doc,
    w: &Words,
    lang: Lang,
) {
    let _ = write!(
        s,
        "<section class=\"rule\" id=\"rule-{code}\">\n<h3><code>{code}</code> "
    );
    esc(s, summary.get(lang));
    let _ = write!(
        s,
        "</h3>\n<p>{}: {}</p>\n<div class=\"doc\">",
        w.default_severity,
        severity.label(lang)
    );
    esc(s, explain.get(lang).trim());
    s.push_str("</div>\n</section>\n");
}

/// A page's end: the script, and the closing tags.
pub fn tail(s: &mut String) {
    let _ = write!(s, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
}

/// The table of all projects is cut into tables of this many rows, each laid out on its own
/// (a fixed layout, the same columns) and only once scrolled to (`content-visibility`): one
/// table of 80,000 rows took a browser over a minute to lay out.
const ROWS_PER_TABLE: u64 = 500;

/// The columns' widths of the table of all projects, shared by its heading and its parts.
const COLUMNS: &str = "<colgroup><col style=\"width:5%\"><col style=\"width:11%\"><col style=\"width:13%\"><col style=\"width:14%\"><col style=\"width:5%\"><col style=\"width:5%\"><col style=\"width:6%\"><col style=\"width:5%\"><col style=\"width:5%\"><col style=\"width:4%\"><col style=\"width:4%\"><col style=\"width:23%\"></colgroup>";

const ROWS_CLOSE: &str = "</tbody></table></div>\n";

/// How many projects are shown in full by default.
pub const FULL: usize = 200;

/// What the report shows beside its projects.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    /// All projects are shown in full when the run has at most this many; else the projects
    /// with an error flag (or not scored), at most this many, the furthest off first.
    pub full: usize,
    /// The inputs' names, as given.
    pub inputs: Vec<String>,
    /// A date to print in the heading (none: the page carries no date, so that the same input
    /// gives the same bytes).
    pub date: Option<String>,
    /// A project with a flag of this severity or worse counts as denied.
    pub deny: Severity,
}

/// A project shown in full: its place, what the overview's list says of it, and its section.
#[derive(Debug, Clone)]
pub struct Shown {
    pub seq: u64,
    pub id: String,
    pub name: String,
    /// `95.81 优 · 错误 3`.
    pub note: String,
    /// Where its section is in the sections' scratch: offset and length.
    at: u64,
    len: u64,
}

/// Which projects most need showing in full: error-flagged (or unscored) ones first, then the
/// largest claimed − recomputed, then the most errors, then input order. Smaller is first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Priority {
    calm: bool,
    difference: Reverse<Decimal>,
    errors: Reverse<usize>,
    seq: u64,
}

/// A priority without its place in the run.
type Prefix = (bool, Reverse<Decimal>, Reverse<usize>);

impl Priority {
    fn of(d: &Digest, seq: u64) -> Priority {
        let (calm, difference, errors) =
            prefix(project::errors(d), d.scored().and_then(|s| s.difference()));
        Priority {
            calm,
            difference,
            errors,
            seq,
        }
    }

    fn prefix(&self) -> Prefix {
        (self.calm, self.difference, self.errors)
    }
}

fn prefix(errors: usize, difference: Option<Decimal>) -> Prefix {
    (
        errors == 0,
        Reverse(difference.unwrap_or(Decimal::MIN)),
        Reverse(errors),
    )
}

/// Which projects can still be shown in full, shared with a batch's workers so that they make
/// the others' digests brief: any (the projects in full are not yet as many as the limit),
/// those before the last one kept (a project read later comes after every one kept, so it
/// needs a smaller prefix to get in), or none (a limit of 0).
#[derive(Debug, Clone, Copy)]
enum Gate {
    Open,
    Below(Prefix),
    Closed,
}

/// The report being gathered: a [`Sink`] for a batch's digests (and for digests of project
/// files). Two scratch writers take the rows and the sections of projects that may be shown in
/// full (a section pushed out by a worse project stays there unread), so that memory does not
/// grow with `--full`.
pub struct Report<W: Write + Send> {
    settings: Settings,
    overview: Overview,
    rows: W,
    sections: W,
    /// Bytes written to `sections`.
    sections_len: u64,
    row: String,
    kept: BTreeMap<Priority, Shown>,
    gate: Arc<Mutex<Gate>>,
    seq: u64,
    denied: u64,
}

impl<W: Write + Send> Report<W> {
    pub fn new(settings: Settings, rows: W, sections: W) -> Report<W> {
        let gate = if settings.full == 0 {
            Gate::Closed
        } else {
            Gate::Open
        };
        Report {
            settings,
            overview: Overview::new(),
            rows,
            sections,
            sections_len: 0,
            row: String::new(),
            gate: Arc::new(Mutex::new(gate)),
            kept: BTreeMap::new(),
            seq: 0,
            denied: 0,
        }
    }

    /// Everything gathered, and the scratch writers back, rows and sections (to be read by
    /// [`Ending::write`]).
    pub fn end(self) -> (W, W, Ending) {
        let mut kept: Vec<(Priority, Shown)> = self.kept.into_iter().collect();
        let policy = if self.overview.projects as usize <= self.settings.full {
            Policy::All
        } else {
            kept.retain(|(p, _)| !p.calm);
            Policy::Errors
        };
        let mut shown: Vec<Shown> = kept.into_iter().map(|(_, s)| s).collect();
        shown.sort_by_key(|s| s.seq);
        (
            self.rows,
            self.sections,
            Ending {
                settings: self.settings,
                overview: self.overview,
                shown,
                policy,
                denied: self.denied,
            },
        )
    }
}

impl<W: Write + Send> Sink for Report<W> {
    fn add(&mut self, d: Digest) -> io::Result<()> {
        self.seq += 1;
        let seq = self.seq;
        self.overview.add(&d);
        let deny = self.settings.deny;
        if d.scored()
            .is_some_and(|s| s.flags.iter().any(|f| f.severity <= deny))
        {
            self.denied += 1;
        }
        self.row.clear();
        if (seq - 1).is_multiple_of(ROWS_PER_TABLE) {
            if seq > 1 {
                self.row.push_str(ROWS_CLOSE);
            }
            self.row
                .push_str("<div class=\"rows\"><table class=\"all\">");
            self.row.push_str(COLUMNS);
            self.row.push_str("<tbody>\n");
        }
        project::row(&mut self.row, seq, &d);
        self.rows.write_all(self.row.as_bytes())?;

        let full = self.settings.full;
        let p = Priority::of(&d, seq);
        // past the limit a project without an error is never shown in full
        let wanted = !(p.calm && seq as usize > full)
            && (self.kept.len() < full || self.kept.last_key_value().is_some_and(|(k, _)| p < *k));
        if wanted {
            let (lang, w) = (self.settings.lang, words::of(self.settings.lang));
            self.row.clear();
            project::section(&mut self.row, seq, &d, w, lang);
            self.sections.write_all(self.row.as_bytes())?;
            let (at, len) = (self.sections_len, self.row.len() as u64);
            self.sections_len += len;
            let note = note(&d, w, lang);
            self.kept.insert(
                p,
                Shown {
                    seq,
                    id: d.id,
                    name: d.name,
                    note,
                    at,
                    len,
                },
            );
            if self.kept.len() > full {
                self.kept.pop_last();
            }
            if self.kept.len() == full
                && let Some((last, _)) = self.kept.last_key_value()
                && let Ok(mut g) = self.gate.lock()
            {
                *g = Gate::Below(last.prefix());
            }
        }
        Ok(())
    }

    fn detail(&self) -> Option<Detail> {
        let gate = Arc::clone(&self.gate);
        Some(Arc::new(move |r: &crate::report::Report| {
            let g = *gate.lock().unwrap_or_else(|e| e.into_inner());
            match g {
                Gate::Open => true,
                Gate::Closed => false,
                Gate::Below(last) => {
                    let difference = r.record.claimed.total.map(|c| c - r.card.total);
                    prefix(r.count(Severity::Error), difference) < last
                }
            }
        }))
    }
}

/// What the overview's list says of a project shown in full.
fn note(d: &Digest, w: &Words, lang: Lang) -> String {
    match &d.outcome {
        Outcome::Scored(s) => {
            let mut n = format!("{} {}", fmt2(s.total), s.grade);
            let e = s.count(Severity::Error);
            if e > 0 {
                let _ = write!(n, " · {} {e}", Severity::Error.label(lang));
            }
            n
        }
        Outcome::Failed(_) => w.not_scored.to_string(),
    }
}

/// What the sections are read back from.
pub trait Scratch: Read + Seek {}
impl<T: Read + Seek> Scratch for T {}

/// A report gathered, ready to be written.
pub struct Ending {
    settings: Settings,
    overview: Overview,
    shown: Vec<Shown>,
    policy: Policy,
    denied: u64,
}

impl Ending {
    pub fn overview(&self) -> &Overview {
        &self.overview
    }

    /// Projects with a flag at or above the denied severity.
    pub fn denied(&self) -> u64 {
        self.denied
    }

    /// The projects shown in full, in input order.
    pub fn shown(&self) -> &[Shown] {
        &self.shown
    }

    /// Writes the page to `out`, the rows and sections read back from the scratch writers'
    /// bytes.
    pub fn write(
        &self,
        out: &mut dyn Write,
        rows: &mut dyn Read,
        sections: &mut dyn Scratch,
    ) -> io::Result<()> {
        let lang = self.settings.lang;
        let w = words::of(lang);
        let mut s = String::with_capacity(1 << 16);
        head(&mut s, w.lang, w.title, w.inputs, &self.settings.inputs);
        if let Some(d) = &self.settings.date {
            let _ = write!(s, " · {}: ", w.date);
            esc(&mut s, d);
        }
        let _ = write!(
            s,
            "</p>\n<nav><a href=\"#overview\">{}</a> <a href=\"#flags\">{}</a> <a href=\"#units\">{}</a> <a href=\"#ranking\">{}</a> <a href=\"#in-full\">{}</a> <a href=\"#all\">{}</a> <a href=\"#explanations\">{}</a></nav>\n",
            w.overview, w.flags, w.units, w.ranking, w.in_full, w.all_projects, w.explanations
        );
        let _ = write!(
            s,
            "<div class=\"controls\" id=\"controls\" hidden><label>{} <input type=\"search\" id=\"filter\"></label> <label><input type=\"checkbox\" id=\"only-errors\"> {}</label> <span id=\"shown\"></span> <span class=\"hint\">{}</span></div>\n</header>\n<main>\n",
            w.filter, w.only_errors, w.sort_hint
        );
        overview::overview(
            &mut s,
            &self.overview,
            &self.shown,
            self.policy,
            self.settings.full,
            w,
            lang,
        );
        out.write_all(s.as_bytes())?;
        s.clear();
        s.push_str("<div id=\"projects\">\n");
        out.write_all(s.as_bytes())?;
        for shown in &self.shown {
            sections.seek(SeekFrom::Start(shown.at))?;
            let n = io::copy(&mut Read::take(&mut *sections, shown.len), out)?;
            if n != shown.len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "a section's scratch ended early",
                ));
            }
        }
        s.clear();
        let _ = write!(
            s,
            "</div>\n<section id=\"all\">\n<h2>{} ({})</h2>\n<p>{}</p>\n<table class=\"all-head sortable\">{COLUMNS}<thead><tr><th>#<th>{}<th>{}<th>{}<th>{} {}<th>{} {}<th>{}<th>{} {}<th>{} {}<th>{}<th>{}<th>{}</tr></thead></table>\n",
            w.all_projects,
            self.overview.projects,
            w.all_projects_note,
            w.id,
            w.name,
            w.department,
            w.claimed,
            w.total,
            w.recomputed,
            w.total,
            w.difference,
            w.claimed,
            w.grade,
            w.recomputed,
            w.grade,
            w.errors,
            w.warnings,
            w.flags
        );
        out.write_all(s.as_bytes())?;
        io::copy(rows, out)?;
        s.clear();
        if self.overview.projects > 0 {
            s.push_str(ROWS_CLOSE);
        }
        s.push_str("</section>\n");
        self.explanations(&mut s, w, lang);
        s.push_str("</main>\n");
        tail(&mut s);
        out.write_all(s.as_bytes())
    }

    /// The explanation of every rule that raised a flag, in registry order.
    fn explanations(&self, s: &mut String, w: &Words, lang: Lang) {
        let _ = writeln!(
            s,
            "<section id=\"explanations\">\n<h2>{}</h2>",
            w.explanations
        );
        for (rule, n) in registry::RULES.iter().zip(&self.overview.flags) {
            if *n == 0 {
                continue;
            }
            rule_doc(
                s,
                rule.code,
                rule.severity,
                rule.summary,
                rule.explain,
                w,
                lang,
            );
        }
        s.push_str("</section>\n");
    }
}
