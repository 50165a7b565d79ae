//! A scoring worker: takes a chunk of grouped projects, reads, scores and re-checks each, and
//! renders what is to be written (project rows or JSON lines, indicator rows, error lines) into
//! buffers that the writing thread copies out in file order. Records are freed where they were
//! made.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use super::Options;
use crate::contain::contained;
use crate::error::InputError;
use crate::i18n::{Lang, Text};
use crate::model::Record;
use crate::read::table::{Assembler, RawChunk, RawProject};
use crate::render::csv_rows::{self as output, Cells, Layout};
use crate::report::digest::{self, Digest};
use crate::report::{Report, Rubrics, check};
use crate::score::{Scorecard, score};

/// What a chunk of projects came to.
#[derive(Default)]
pub struct Done {
    /// Project rows (CSV) or lines (JSON), in order.
    pub projects: Vec<u8>,
    /// Indicator rows, when asked for.
    pub indicators: Vec<u8>,
    /// Error lines for stderr, in order.
    pub messages: Vec<u8>,
    /// Each project's digest, when the batch writes digests.
    pub digests: Vec<Digest>,
    pub tally: Tally,
}

impl Done {
    /// Empties the buffers and counts, keeping what they have allocated.
    fn reset(&mut self) {
        self.projects.clear();
        self.indicators.clear();
        self.messages.clear();
        self.digests.clear();
        let t = &mut self.tally;
        (t.projects, t.scored, t.in_error, t.denied, t.rows_scored) = (0, 0, 0, 0, 0);
        t.grades.clear();
        t.flags.clear();
        t.flags.resize(crate::flags::registry::RULES.len(), 0);
    }
}

/// The counts of a chunk, added into the run's summary.
#[derive(Default)]
pub struct Tally {
    pub projects: u64,
    pub scored: u64,
    pub in_error: u64,
    pub denied: u64,
    pub rows_scored: u64,
    pub grades: BTreeMap<(usize, Arc<str>), u64>,
    /// Flags raised, by the rule's place in the registry.
    pub flags: Vec<u64>,
}

/// Projects taken through the steps together. Measured on 1M rows (`perf stat -e task-clock`,
/// ten interleaved runs each): one at a time 660 ms of CPU, 8 or 32 at a time 610 ms, a whole
/// chunk of 128 at a time 626 ms (their records no longer fit the data cache).
const STEP: usize = 16;

/// A project checked, or why it could not be.
type Checked = Result<Report, InputError>;

/// A project's own cells, carried through the steps for its output row.
struct Meta<'a> {
    id: &'a str,
    name: &'a str,
    department: Option<&'a str>,
    first_line: u64,
    rows: usize,
}

/// A record scored with the scheme at this place of the worker's `Rubrics`.
type Scored = (Record, Scorecard, usize);

/// What a worker makes of each project besides its tally.
#[derive(Clone, Copy)]
pub struct Wants<'a> {
    /// Indicator rows.
    pub indicators: bool,
    /// A digest (instead of a project row); flags then carry their messages.
    pub digests: bool,
    /// Which digests are made in full (the others brief); all when none.
    pub detail: Option<&'a super::Detail>,
}

/// One worker's state, kept from chunk to chunk.
pub struct Worker<'a> {
    opts: &'a Options,
    file: &'a str,
    assembler: &'a Assembler,
    rubrics: Rubrics,
    cells: Cells,
    layout: Layout,
    want: Wants<'a>,
}

impl<'a> Worker<'a> {
    pub fn new(
        opts: &'a Options,
        file: &'a str,
        assembler: &'a Assembler,
        want: Wants<'a>,
    ) -> Self {
        Worker {
            opts,
            file,
            assembler,
            rubrics: Rubrics::new(opts.rubric.clone()),
            cells: Cells::default(),
            layout: opts.layout(),
            want,
        }
    }

    /// Reads, scores and renders a chunk of projects, into the buffers of a chunk already
    /// written when there is one (`reuse`): buffers freed by the thread that made them, and
    /// made once, keep memory flat.
    pub fn chunk(&mut self, raw: &mut RawChunk, reuse: Option<Done>) -> Done {
        let mut done = reuse.unwrap_or_default();
        done.reset();
        // indicator rows go through a csv writer over the chunk's buffer; project rows are
        // written straight into theirs
        let mut indicators = self
            .want
            .indicators
            .then(|| csv::Writer::from_writer(std::mem::take(&mut done.indicators)));
        let mut projects = std::mem::take(&mut raw.projects).into_iter().peekable();
        while projects.peek().is_some() {
            let step = projects.by_ref().take(STEP);
            self.steps(raw, step, &mut done, indicators.as_mut());
        }
        if let Some(w) = indicators {
            done.indicators = w.into_inner().unwrap_or_default();
        }
        done
    }

    /// Reads, scores, checks and renders a few projects, each step over all of them before the
    /// next begins: the code of one step stays in the instruction cache, where taking each
    /// project through all four in turn evicted it.
    fn steps(
        &mut self,
        chunk: &RawChunk,
        raw: impl Iterator<Item = RawProject>,
        done: &mut Done,
        mut indicators: Option<&mut csv::Writer<Vec<u8>>>,
    ) {
        let opts = self.opts;
        let file = self.file;
        // a panic in any step (a bug: the arithmetic is bounded) is its own project's error
        let internal = |meta: &Meta, t: Text| {
            InputError::new(file, t).at(Some(meta.first_line as usize), None)
        };
        let read: Vec<(Meta, Result<Record, InputError>)> = raw
            .map(|r| {
                let meta = Meta {
                    id: chunk.id(&r),
                    name: chunk.name(&r),
                    department: None,
                    first_line: r.first_line,
                    rows: r.rows(),
                };
                let b = match contained(|| self.assembler.assemble(chunk, r)) {
                    Ok(b) => b,
                    Err(t) => {
                        let e = internal(&meta, t);
                        return (meta, Err(e));
                    }
                };
                let meta = Meta {
                    id: b.id,
                    name: b.name,
                    department: b.department,
                    first_line: b.first_line,
                    rows: b.rows,
                };
                (meta, b.result)
            })
            .collect();
        let rubrics = &mut self.rubrics;
        let scored: Vec<(Meta, Result<Scored, InputError>)> = read
            .into_iter()
            .map(|(meta, result)| {
                let scored = result.and_then(|record| {
                    let r = rubrics.pick(&record)?;
                    match contained(|| score(&record, rubrics.get(r))) {
                        Ok(Ok(card)) => Ok((record, card, r)),
                        Ok(Err(e)) => {
                            let line = e
                                .indicator_in(&record)
                                .and_then(|ind| ind.line)
                                .unwrap_or(meta.first_line as usize);
                            Err(InputError::new(file, e.message).at(Some(line), None))
                        }
                        Err(t) => Err(internal(&meta, t)),
                    }
                });
                (meta, scored)
            })
            .collect();
        let rubrics = &self.rubrics;
        let chosen = self.want.digests.then_some(self.want.detail).flatten();
        let detail = opts.jsonl || opts.messages || (self.want.digests && chosen.is_none());
        let checked: Vec<(Meta, Checked, bool)> = scored
            .into_iter()
            .map(|(meta, scored)| {
                let mut full = detail;
                let report = scored.and_then(|(record, card, r)| {
                    contained(|| {
                        let scheme = rubrics.get(r);
                        let mut report = check(record, card, scheme, detail);
                        // a digest wanted in full: checked again, the flags with their messages
                        if let Some(wants) = chosen
                            && wants(&report)
                        {
                            full = true;
                            report = check(report.record, report.card, scheme, true);
                        }
                        report
                    })
                    .map_err(|t| internal(&meta, t))
                });
                (meta, report, full)
            })
            .collect();
        for (meta, result, full) in checked {
            self.render(meta, result, full, done, indicators.as_deref_mut());
        }
    }

    fn render(
        &mut self,
        meta: Meta,
        result: Checked,
        full: bool,
        done: &mut Done,
        indicators: Option<&mut csv::Writer<Vec<u8>>>,
    ) {
        let opts = self.opts;
        let t = &mut done.tally;
        t.projects += 1;
        let Meta {
            id,
            name,
            department,
            rows,
            ..
        } = meta;
        t.rows_scored += rows as u64;
        let file = self.file;
        match result {
            Ok(r) => {
                t.scored += 1;
                // counted under the grade's name in the summary's language
                let grade = crate::report::labels::grade(&r.card, opts.lang);
                *t.grades
                    .entry((r.card.grade_rank, Arc::clone(grade)))
                    .or_default() += 1;
                for f in &r.flags {
                    t.flags[f.order] += 1;
                }
                if opts.deny.is_some_and(|d| r.denied(d)) {
                    t.denied += 1;
                }
                if self.want.digests {
                    done.digests.push(if full {
                        Digest::of(&r, file, opts.lang)
                    } else {
                        Digest::brief(&r, file, opts.lang)
                    });
                } else if opts.jsonl {
                    done.projects
                        .extend_from_slice(crate::render::json::report(&r, opts.lang).as_bytes());
                    done.projects.push(b'\n');
                } else {
                    output::project_ok(&mut done.projects, &mut self.cells, &r, &self.layout);
                }
                if let Some(w) = indicators {
                    let _ = output::indicators(w, &r, &self.layout);
                }
            }
            Err(mut e) => {
                t.in_error += 1;
                if e.file.is_empty() {
                    e.file = file.to_string();
                }
                let who = output::Who {
                    id,
                    name,
                    department,
                };
                let shown = if name.is_empty() { id } else { name };
                let msg = e.render(opts.lang);
                let _ = match opts.lang {
                    Lang::Zh => writeln!(done.messages, "{msg}（项目：{shown}）"),
                    Lang::En => writeln!(done.messages, "{msg} (project: {shown})"),
                };
                if self.want.digests {
                    let who = digest::Who {
                        id,
                        name,
                        department,
                    };
                    done.digests.push(Digest::failed(who, &e, opts.lang));
                } else if opts.jsonl {
                    done.projects
                        .extend_from_slice(output::json_error(&who, &e, opts.lang).as_bytes());
                    done.projects.push(b'\n');
                } else {
                    output::project_error(&mut done.projects, &who, &e, &self.layout);
                }
            }
        }
    }
}
