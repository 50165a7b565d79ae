//! Review: a budget-stage target table (公开表6) read the way a finance bureau reviews it
//! (绩效目标审核: 完整性, 相关性, 全面性, 可行性, 可衡量性), before any result exists. Each rule
//! has a stable code, a default severity a review rubric can change or switch off, and its doc
//! for `explain`; rules run on the [`Record`] alone (no scorecard), in one file per family. A
//! project's findings take points off its verdict ([`verdict`]), as the review rubric says.
//!
//! Two flags of [`crate::flags`] that need no scorecard (an operator against its direction, a
//! bare `N月`) are reviewed as they are, under their own codes: see [`registry::BRIDGED`].

mod ambition;
pub mod baseline;
mod boilerplate;
mod completeness;
mod consistency;
mod measurability;
pub mod registry;
pub mod rubric;
pub mod verdict;

#[cfg(test)]
mod testkit;

use crate::flags::{Doc, Severity};
use crate::i18n::{Lang, Text};
use crate::model::Record;
use crate::rubric::Rubric;

pub use baseline::{Baseline, How, Match};
pub use rubric::ReviewRubric;
pub use verdict::Verdict;

/// A review rule.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what fires it.
    pub summary: Doc,
    /// What it checks, why it matters, what it rests on, an example, how to fix it.
    pub explain: Doc,
    pub check: fn(&Facts, &mut Sink),
}

impl Rule {
    /// The line of the doc that says what it rests on (`依据：…` / `Basis: …`).
    pub fn basis(&self, lang: Lang) -> &'static str {
        self.explain.basis(lang)
    }
}

/// One project of the table under review, with where it came from.
pub struct Project<'a> {
    pub record: &'a Record,
    /// The file the project was read from (`book.xlsx`, `table6.csv`).
    pub file: &'a str,
}

/// The projects under review, with what the rules that compare projects need, worked out once:
/// a table of thousands of projects is compared group by group, not pair by pair.
pub struct Table<'a> {
    pub projects: Vec<Project<'a>>,
    shared: boilerplate::Shared,
}

impl<'a> Table<'a> {
    pub fn new(projects: Vec<Project<'a>>) -> Table<'a> {
        let shared = boilerplate::Shared::of(&projects);
        Table { projects, shared }
    }
}

/// What a rule looks at: the project, the whole table (for rules that compare projects), the
/// scoring rubric whose weight split applies, the review rubric, last year's match if any.
pub struct Facts<'a> {
    pub record: &'a Record,
    pub all: &'a Table<'a>,
    /// This project's place in `all`.
    pub index: usize,
    pub scoring: &'a Rubric,
    pub rubric: &'a ReviewRubric,
    pub last: Option<&'a Match<'a>>,
}

/// One finding of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// The indicator concerned (its position in the record), or none for the project.
    pub indicator: Option<usize>,
    /// Where it points: `FILE:LINE`, or the file alone when no line is known.
    pub at: String,
    pub message: Text,
    /// The figures behind the message, as (name, value) pairs.
    pub figures: Vec<(&'static str, String)>,
    /// The rule's place in the registry, for ordering.
    order: usize,
}

/// A finding's message and figures.
pub type Details = (Text, Vec<(&'static str, String)>);

/// Where a rule puts its findings.
pub struct Sink<'a> {
    project: &'a Project<'a>,
    code: &'static str,
    severity: Severity,
    order: usize,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// A finding about indicator number `index`.
    pub fn on(&mut self, index: usize, (message, figures): Details) {
        let line = self
            .project
            .record
            .indicators
            .get(index)
            .and_then(|i| i.line);
        self.push(Some(index), line, message, figures);
    }

    /// A finding about the project as a whole (at its first indicator's line, where known).
    pub fn project(&mut self, (message, figures): Details) {
        let line = self.project.record.indicators.iter().find_map(|i| i.line);
        self.push(None, line, message, figures);
    }

    fn push(
        &mut self,
        indicator: Option<usize>,
        line: Option<usize>,
        message: Text,
        figures: Vec<(&'static str, String)>,
    ) {
        let at = match line {
            Some(l) => format!("{}:{l}", self.project.file),
            None => self.project.file.to_string(),
        };
        self.out.push(Finding {
            code: self.code,
            severity: self.severity,
            indicator,
            at,
            message,
            figures,
            order: self.order,
        });
    }
}

/// One project reviewed: its findings (sorted by severity, then the project's own before its
/// indicators' in line order, then rule) and its verdict.
pub struct Reviewed {
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
}

/// Reviews project number `index` of `all`.
pub fn review(
    all: &Table,
    index: usize,
    scoring: &Rubric,
    rubric: &ReviewRubric,
    last: Option<&Match>,
) -> Reviewed {
    let project = &all.projects[index];
    let facts = Facts {
        record: project.record,
        all,
        index,
        scoring,
        rubric,
        last,
    };
    let mut out = Vec::new();
    for (order, rule) in registry::RULES.iter().enumerate() {
        let Some(severity) = rubric.severity(rule.code, rule.severity) else {
            continue;
        };
        let mut sink = Sink {
            project,
            code: rule.code,
            severity,
            order,
            out: &mut out,
        };
        (rule.check)(&facts, &mut sink);
    }
    bridged(&facts, project, rubric, &mut out);
    out.sort_by_key(|f| (f.severity, f.indicator.map_or(0, |p| p + 1), f.order));
    let verdict = verdict::of(&out, rubric);
    Reviewed {
        findings: out,
        verdict,
    }
}

/// The flags of [`registry::BRIDGED`], from the flags' own check of the record.
fn bridged(facts: &Facts, project: &Project, rubric: &ReviewRubric, out: &mut Vec<Finding>) {
    let flag_facts = crate::flags::Facts {
        record: facts.record,
        rubric: facts.scoring,
    };
    let settings = crate::flags::Settings::defaults();
    for flag in crate::flags::check_record(&flag_facts, &settings, true) {
        let Some(k) = registry::BRIDGED.iter().position(|c| *c == flag.code) else {
            continue;
        };
        let Some(severity) = rubric.severity(flag.code, flag.severity) else {
            continue;
        };
        let mut sink = Sink {
            project,
            code: flag.code,
            severity,
            order: registry::RULES.len() + k,
            out,
        };
        let message = flag
            .detail
            .as_ref()
            .map_or_else(|| Text::same(""), |d| d.message.clone());
        let figures = flag.figures().to_vec();
        match flag.position {
            Some(i) => sink.on(i, (message, figures)),
            None => sink.project((message, figures)),
        }
    }
}

/// The text of a name or a target as compared: without white space, brackets' contents kept,
/// full-width forms folded to ASCII, lower case.
pub fn normal(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}
