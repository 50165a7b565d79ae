//! A record scored and checked: what every output format renders; [`digest`] flattens one
//! for the workbook and HTML outputs, and [`overview`] adds many up.

pub mod digest;
pub mod labels;
pub mod overview;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::InputError;
use crate::flags::{self, Context, Flag, Severity};
use crate::model::Record;
use crate::rubric;
use crate::scheme::Scheme;
use crate::score::{ScoreError, Scorecard, score};

/// A scored and re-checked record.
#[derive(Debug, Clone)]
pub struct Report {
    pub record: Record,
    pub rubric: Arc<str>,
    pub card: Scorecard,
    pub flags: Vec<Flag>,
}

impl Report {
    pub fn count(&self, s: Severity) -> usize {
        self.flags.iter().filter(|f| f.severity == s).count()
    }

    /// Claimed total minus recomputed total, when a total is claimed.
    pub fn difference(&self) -> Option<Decimal> {
        self.record.claimed.total.map(|c| c - self.card.total)
    }

    /// Whether the report has a flag of `deny` severity or worse.
    pub fn denied(&self, deny: Severity) -> bool {
        self.flags.iter().any(|f| f.severity <= deny)
    }
}

/// A record that could not be scored: why, and the record itself, so that the caller can point
/// at the indicator at fault (its line, its name) without copying them out beforehand.
#[derive(Debug)]
pub struct Rejected {
    pub error: ScoreError,
    pub record: Record,
}

impl Rejected {
    /// The indicator at fault, if the error names one.
    pub fn indicator(&self) -> Option<&crate::model::Indicator> {
        self.error.indicator_in(&self.record)
    }
}

/// Scores a record with a scheme's rubric and runs every flag rule it leaves on.
pub fn evaluate(record: Record, scheme: &Scheme) -> Result<Report, Box<Rejected>> {
    match score(&record, scheme) {
        Ok(card) => Ok(check(record, card, scheme, true)),
        Err(error) => Err(Box::new(Rejected { error, record })),
    }
}

/// Runs every flag rule over a record already scored with `scheme` (the second half of
/// [`evaluate`], for callers that score many records before checking them). Without `detail`
/// the flags carry no message or figures (for output that shows only codes and counts).
pub fn check(record: Record, card: Scorecard, scheme: &Scheme, detail: bool) -> Report {
    let flags = flags::check(&Context::new(&record, &card, scheme), &scheme.flags, detail);
    Report {
        rubric: scheme.id.clone(),
        record,
        card,
        flags,
    }
}

/// Rubrics loaded once each, by the name or path that chose them.
#[derive(Default)]
pub struct Rubrics {
    /// Given on the command line: applies to every record.
    forced: Option<String>,
    /// In the order first asked for (a run uses one or a few: a list is the quickest look-up).
    loaded: Vec<(String, Scheme)>,
}

impl Rubrics {
    pub fn new(forced: Option<String>) -> Rubrics {
        Rubrics {
            forced,
            loaded: Vec::new(),
        }
    }

    /// The rubric for a record: the forced one, else the record's, else the default.
    pub fn for_record(&mut self, record: &Record) -> Result<&Scheme, InputError> {
        let i = self.pick(record)?;
        Ok(self.get(i))
    }

    /// Loads the rubric for a record, as [`Rubrics::for_record`], and gives its place for
    /// [`Rubrics::get`].
    pub fn pick(&mut self, record: &Record) -> Result<usize, InputError> {
        let name: &str = self
            .forced
            .as_deref()
            .or(record.rubric.as_deref())
            .unwrap_or(rubric::DEFAULT);
        // looked up without allocating: this runs once per project of a batch
        match self.loaded.iter().position(|(n, _)| n == name) {
            Some(i) => Ok(i),
            None => {
                let r = Scheme::load(name)?;
                self.loaded.push((name.to_string(), r));
                Ok(self.loaded.len() - 1)
            }
        }
    }

    /// The rubrics loaded so far, in the order first asked for.
    pub fn loaded(&self) -> impl Iterator<Item = &Scheme> {
        self.loaded.iter().map(|(_, s)| s)
    }

    /// A rubric loaded by [`Rubrics::pick`].
    pub fn get(&self, i: usize) -> &Scheme {
        &self.loaded[i].1
    }
}
