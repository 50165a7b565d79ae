//! Batch scoring of a long CSV (one row per indicator) in one streaming pass. Workers (one per
//! core) take turns at the reader, which splits, decodes and groups rows into chunks of projects
//! and numbers them; each worker then reads, scores, re-checks and renders its chunk, and writes
//! it, or leaves it for the worker that writes the chunk before it, so the output is in file
//! order. Memory is bounded by a few chunks of projects, not by the file.

pub mod generate;
pub mod generate_xlsx;
mod summary;
mod work;

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::Instant;

use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::read::csv::{Encoding, Opened, open_table};
use crate::read::table::{Assembler, Chunks, Columns, Grouper, Next, RowSource};
use crate::read::workbook;
use crate::render::csv_rows as output;
use summary::Progress;
pub use summary::{Summary, peak_rss_kib};
use work::{Done, Worker};

/// How a batch is read and written.
pub struct Options {
    /// Applies to every project; else a `rubric` column, else the default.
    pub rubric: Option<String>,
    pub lang: Lang,
    /// Forced encoding; detected when none.
    pub encoding: Option<Encoding>,
    /// The field delimiter; when none, a tab in a UTF-16 file (as Excel writes "Unicode 文本"),
    /// else a comma.
    pub delimiter: Option<u8>,
    /// JSON lines (the `score --format json` object per project) instead of CSV.
    pub jsonl: bool,
    /// The CSV headers' language; none: `lang`'s. Chinese headers come after a UTF-8
    /// byte-order mark; English ones are the stable set for pipelines (see
    /// [`output::Layout`]).
    pub headers: Option<Lang>,
    /// Project rows end with the flags' messages in `lang`, not only their codes.
    pub messages: bool,
    /// Projects with a flag at or above this severity count as denied (exit 1).
    pub deny: Option<Severity>,
    /// Scoring threads; 0 means one per core. The output is the same for any number.
    pub workers: usize,
    /// Projects per chunk handed to a worker; 0 means 192. The output is the same for any
    /// size (small ones exercise the ordering of many chunks).
    pub chunk: usize,
    /// Show a progress line on stderr (set when stderr is a terminal); it appears only once a
    /// run has taken more than a second.
    pub progress: bool,
}

impl Options {
    /// How the CSV rows are laid out.
    pub fn layout(&self) -> output::Layout {
        output::Layout {
            lang: self.lang,
            headers: self.headers.unwrap_or(self.lang),
            messages: self.messages,
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rubric: None,
            lang: Lang::Zh,
            encoding: None,
            delimiter: None,
            jsonl: false,
            headers: None,
            messages: false,
            deny: None,
            workers: 0,
            chunk: 0,
            progress: false,
        }
    }
}

pub use crate::report::digest::{Detail, Sink};

/// What a batch writes to.
pub enum Outputs<'a> {
    /// The project rows (or JSON lines), and the indicator rows when asked for.
    Rows {
        out: &'a mut (dyn Write + Send),
        indicators: Option<&'a mut (dyn Write + Send)>,
    },
    /// Each project's digest.
    Digests(&'a mut dyn Sink),
}

impl Outputs<'_> {
    fn indicators(&self) -> bool {
        matches!(
            self,
            Outputs::Rows {
                indicators: Some(_),
                ..
            }
        )
    }
}

/// The reader and how far the workers have taken from it and the writer written.
struct Source<S: RowSource> {
    reader: Chunks<S>,
    /// Chunks taken (the next one's number).
    taken: u64,
    /// Chunks written.
    written: u64,
    /// A worker stopped without finishing its chunk (it panicked), or a write failed: the
    /// others stop too, rather than wait for a chunk that will never be written or score
    /// chunks that cannot be.
    broken: bool,
}

/// Marks the source broken when the worker holding it unwinds, and wakes the waiting workers.
struct Leaving<'a, S: RowSource> {
    source: &'a Mutex<Source<S>>,
    room: &'a Condvar,
}

impl<S: RowSource> Drop for Leaving<'_, S> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut s = self.source.lock().unwrap_or_else(|e| e.into_inner());
            s.broken = true;
            drop(s);
            self.room.notify_all();
        }
    }
}

/// Chunks written in the order they were read, whichever worker finishes them first, and the
/// run's counts.
struct InOrder<'o, 'e> {
    outputs: Outputs<'o>,
    err: &'e mut (dyn Write + Send),
    summary: Summary,
    progress: Progress,
    /// The number of the next chunk to write.
    next: u64,
    /// Chunks finished before their turn.
    waiting: BTreeMap<u64, (usize, Message)>,
    /// The first write that failed; nothing is written after it.
    failed: Option<(Stream, io::Error)>,
}

impl InOrder<'_, '_> {
    /// Takes chunk `seq`, finished by worker `id`, and writes every chunk whose turn has come;
    /// each chunk's buffers go back to their worker. Returns how many chunks are written.
    fn put(
        &mut self,
        opts: &Options,
        (seq, id, msg): (u64, usize, Message),
        back: &[mpsc::Sender<Done>],
    ) -> u64 {
        self.waiting.insert(seq, (id, msg));
        while let Some((id, msg)) = self.waiting.remove(&self.next) {
            self.next += 1;
            match msg {
                Message::Projects(_) | Message::Fatal(_) if self.failed.is_some() => {}
                Message::Projects(mut done) => {
                    if let Err(e) = self.write(&mut done) {
                        self.failed = Some(e);
                        let _ = back[id].send(done);
                        continue;
                    }
                    if !done.messages.is_empty() {
                        self.progress.above(self.err, &done.messages);
                    }
                    self.summary.add(&done.tally);
                    if opts.progress {
                        self.progress.tick(&self.summary);
                    }
                    let _ = back[id].send(done);
                }
                Message::Fatal(e) => {
                    let line = format!("{}\n", e.render(opts.lang));
                    self.progress.above(self.err, line.as_bytes());
                    self.summary.in_error += 1;
                    self.summary.projects += 1;
                }
            }
        }
        self.next
    }

    /// A chunk's project rows and indicator rows, or its digests.
    fn write(&mut self, done: &mut Done) -> Result<(), (Stream, io::Error)> {
        match &mut self.outputs {
            Outputs::Rows { out, indicators } => {
                out.write_all(&done.projects)
                    .map_err(|e| (Stream::Projects, e))?;
                if let Some(w) = indicators.as_mut() {
                    w.write_all(&done.indicators)
                        .map_err(|e| (Stream::Indicators, e))?;
                }
            }
            Outputs::Digests(sink) => {
                for d in done.digests.drain(..) {
                    sink.add(d).map_err(|e| (Stream::Projects, e))?;
                }
            }
        }
        Ok(())
    }
}

/// One of a batch's two outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// A row (or a JSON line) per project.
    Projects,
    /// A row per indicator.
    Indicators,
}

/// Why a batch stopped before its end.
#[derive(Debug)]
pub enum Failure {
    /// The input cannot be read at all (no header, a required column missing).
    Input(InputError),
    /// Writing one of the outputs failed; nothing more was written.
    Write(Stream, io::Error),
}

impl Failure {
    /// The input's error, or `project rows: cannot write: REASON` (the caller, which knows
    /// where each output goes, names the output itself).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Failure::Input(e) => e.render(lang),
            Failure::Write(s, e) => {
                let (zh, en) = match s {
                    Stream::Projects => ("项目行", "project rows"),
                    Stream::Indicators => ("指标行", "indicator rows"),
                };
                match lang {
                    Lang::Zh => format!("{zh}: 无法写出：{e}"),
                    Lang::En => format!("{en}: cannot write: {e}"),
                }
            }
        }
    }
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        Failure::Input(e)
    }
}

/// Projects read at a time. On 1M rows (ten interleaved runs each, best wall time): 64 or 128
/// projects 250 ms, 192 or 256 246 ms; peak memory on 10M rows 47 MiB for 192.
const CHUNK: usize = 192;

/// What a worker hands the writer: its projects done, or the error that broke the input off.
enum Message {
    Projects(Done),
    /// The input broke off (an I/O error): what was read before is scored.
    Fatal(InputError),
}

/// Scores every project of `input`. Errors only when the input cannot be read at all (no header,
/// a required column missing) or an output cannot be written (the run stops at the first failed
/// write, flushes included); a bad row puts its project in error and the run goes on. Messages
/// on `err` are written as well as can be: there is nowhere to report their failure.
pub fn run<'a, R: Read + Send>(
    input: R,
    file: &str,
    opts: &Options,
    out: &'a mut (dyn Write + Send),
    indicators: Option<&'a mut (dyn Write + Send)>,
    err: &mut (dyn Write + Send),
) -> Result<Summary, Failure> {
    run_to(input, file, opts, Outputs::Rows { out, indicators }, err)
}

/// [`run`], writing to any [`Outputs`].
pub fn run_to<R: Read + Send>(
    input: R,
    file: &str,
    opts: &Options,
    outputs: Outputs,
    err: &mut (dyn Write + Send),
) -> Result<Summary, Failure> {
    let started = Instant::now();
    let Opened {
        encoding,
        columns: cols,
        source: rows,
    } = open_table(input, file, opts.encoding, opts.delimiter)?;
    run_table(
        rows,
        cols,
        encoding.name(),
        file,
        opts,
        outputs,
        err,
        started,
    )
}

/// Scores every project of the file at `path` (`-`: standard input): a CSV file, or a
/// workbook (recognised by its content) whose long tables, or else forms, are read as one
/// table; a workbook's sheets that hold neither are named on `err`.
pub fn run_path<'a>(
    path: &str,
    opts: &Options,
    out: &'a mut (dyn Write + Send),
    indicators: Option<&'a mut (dyn Write + Send)>,
    err: &mut (dyn Write + Send),
) -> Result<Summary, Failure> {
    run_path_to(path, opts, Outputs::Rows { out, indicators }, err)
}

/// [`run_path`], writing to any [`Outputs`].
pub fn run_path_to(
    path: &str,
    opts: &Options,
    outputs: Outputs,
    err: &mut (dyn Write + Send),
) -> Result<Summary, Failure> {
    let started = Instant::now();
    if path == "-" {
        return run_to(std::io::stdin(), "-", opts, outputs, err);
    }
    let open_err = |e: std::io::Error| {
        Failure::Input(InputError::new(
            path,
            Text::new(format!("无法打开：{e}"), format!("cannot open: {e}")),
        ))
    };
    let mut f = std::fs::File::open(path).map_err(open_err)?;
    let mut magic = [0u8; 4];
    let n = read_prefix(&mut f, &mut magic).map_err(open_err)?;
    if !workbook::is_workbook(&magic[..n]) {
        use std::io::{Seek, SeekFrom};
        f.seek(SeekFrom::Start(0)).map_err(open_err)?;
        return run_to(f, path, opts, outputs, err);
    }
    // a long table in an xlsx of one sheet streams; anything else is read whole
    let mut slot = Some(outputs);
    if magic.starts_with(b"PK") {
        use std::io::{BufReader, Seek, SeekFrom};
        f.seek(SeekFrom::Start(0)).map_err(open_err)?;
        workbook::sheet::check_zip_reader(path, BufReader::new(&f), workbook::sheet::MAX_UNZIPPED)?;
        f.seek(SeekFrom::Start(0)).map_err(open_err)?;
        let streamed = workbook::stream::with_long_table(path, BufReader::new(f), |cols, rows| {
            let without = (rows.place.clone(), rows.without_indicator.clone());
            let Some(outputs) = slot.take() else {
                unreachable!("the long table is streamed once")
            };
            let result = run_table(rows, cols, "xlsx", path, opts, outputs, err, started);
            (result, without)
        })?;
        if let Some((result, (place, without))) = streamed {
            let lines = without.lock().map(|w| w.clone()).unwrap_or_default();
            for line in lines {
                let e = InputError::new(&place, workbook::no_indicator_text())
                    .at(Some(line as usize), None);
                let _ = writeln!(err, "{}", e.render(opts.lang));
            }
            return result;
        }
    }
    let Some(outputs) = slot else {
        unreachable!("a streamed long table returns above")
    };
    let bytes = std::fs::read(path).map_err(open_err)?;
    let mut skipped = Vec::new();
    let (cols, rows) = workbook::batch_table(path, &bytes, &mut skipped)?;
    for e in &skipped {
        let _ = writeln!(err, "{}", e.render(opts.lang));
    }
    run_table(rows, cols, "xlsx", path, opts, outputs, err, started)
}

/// Reads up to `buf.len()` bytes from the start of `r`.
fn read_prefix(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Scores every project of a table already opened: its rows from any [`RowSource`] (a CSV
/// file, a workbook's sheet), its columns found, `encoding` as the summary names it.
#[allow(clippy::too_many_arguments)]
pub fn run_table<S: RowSource + Send>(
    rows: S,
    cols: Columns,
    encoding: &'static str,
    file: &str,
    opts: &Options,
    outputs: Outputs,
    err: &mut (dyn Write + Send),
    started: Instant,
) -> Result<Summary, Failure> {
    let fail = |zh: String, en: String| InputError::new(file, Text::new(zh, en));
    let summary = Summary {
        file: file.to_string(),
        flags: vec![0; crate::flags::registry::RULES.len()],
        encoding,
        ignored_columns: cols.ignored.clone(),
        ..Summary::default()
    };
    if !cols.ignored.is_empty() {
        let _ = match opts.lang {
            Lang::Zh => writeln!(err, "{file}: 忽略的列：{}", cols.ignored.join("、")),
            Lang::En => writeln!(err, "{file}: ignored columns: {}", cols.ignored.join(", ")),
        };
    }

    // The headers; the workers render rows without them.
    let layout = opts.layout();
    let mut outputs = outputs;
    if let Outputs::Rows { out, indicators } = &mut outputs {
        if !opts.jsonl {
            out.write_all(&layout.project_header())
                .map_err(|e| Failure::Write(Stream::Projects, e))?;
        }
        if let Some(w) = indicators.as_mut() {
            w.write_all(&layout.indicator_header())
                .map_err(|e| Failure::Write(Stream::Indicators, e))?;
        }
    }

    // Each worker takes the next chunk of projects from the reader in turn (a lock around the
    // reader keeps chunks in file order and numbers them), reads, scores and renders it, then
    // writes it, or leaves it for whichever worker writes the chunk before it: output is in
    // file order, and no thread but the workers runs. (A reading thread beside two workers,
    // or a writing one, made three threads share two cores.)
    let workers = match opts.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 16)),
        n => n,
    };
    let assembler = Assembler::new(file, cols.clone());
    // project rows show no target; JSON lines, indicator rows, digests and flag messages do
    let digests = matches!(outputs, Outputs::Digests(_));
    let assembler = if opts.jsonl || digests || outputs.indicators() || opts.messages {
        assembler
    } else {
        assembler.without_shown_targets()
    };
    let detail = match &outputs {
        Outputs::Digests(sink) => sink.detail(),
        Outputs::Rows { .. } => None,
    };
    let want = work::Wants {
        indicators: outputs.indicators(),
        digests,
        detail: detail.as_ref(),
    };
    let source = Mutex::new(Source {
        reader: Chunks::new(
            rows,
            Grouper::new(file, cols, if opts.chunk == 0 { CHUNK } else { opts.chunk }),
        ),
        taken: 0,
        written: 0,
        broken: false,
    });
    // a worker waits before reading further ahead of the writing than this many chunks (one
    // in hand per worker and two more: twice that bought no speed and held more memory)
    let ahead = workers as u64 + 2;
    let room = Condvar::new();
    let writer = Mutex::new(InOrder {
        outputs,
        err,
        summary,
        progress: Progress::new(started, opts.lang),
        next: 0,
        waiting: BTreeMap::new(),
        failed: None,
    });
    // each chunk's buffers go back to the worker that filled them
    let (back, backs): (Vec<_>, Vec<_>) = (0..workers).map(|_| mpsc::channel::<Done>()).unzip();
    std::thread::scope(|scope| {
        for (id, back_rx) in backs.into_iter().enumerate() {
            let (source, room, assembler, writer, back) =
                (&source, &room, &assembler, &writer, &back);
            scope.spawn(move || {
                let _leaving = Leaving { source, room };
                let mut w = Worker::new(opts, file, assembler, want);
                loop {
                    let (seq, msg) = {
                        let Ok(mut s) = source.lock() else { return };
                        while s.taken >= s.written + ahead && !s.broken {
                            match room.wait(s) {
                                Ok(g) => s = g,
                                Err(_) => return,
                            }
                        }
                        if s.broken {
                            return;
                        }
                        let Some(msg) = s.reader.next_chunk() else {
                            return;
                        };
                        s.taken += 1;
                        (s.taken - 1, msg)
                    };
                    let (out, raw) = match msg {
                        Next::Projects(mut raw) => {
                            let done = w.chunk(&mut raw, back_rx.try_recv().ok());
                            (Message::Projects(done), Some(raw))
                        }
                        Next::Fatal(e) => (Message::Fatal(e), None),
                    };
                    let Ok((written, failed)) = writer.lock().map(|mut o| {
                        let written = o.put(opts, (seq, id, out), back);
                        (written, o.failed.is_some())
                    }) else {
                        return;
                    };
                    if let Ok(mut s) = source.lock() {
                        // the largest count: another worker may have written more since
                        s.written = s.written.max(written);
                        s.broken |= failed;
                        // its buffers hold a chunk read later
                        if let Some(raw) = raw {
                            s.reader.recycle(raw);
                        }
                    }
                    room.notify_all();
                }
            });
        }
    });
    let Ok(InOrder {
        mut outputs,
        mut summary,
        progress,
        failed,
        ..
    }) = writer.into_inner()
    else {
        // only a worker that panicked while writing leaves the lock poisoned
        return Err(Failure::Input(fail(
            "内部错误：一个工作线程在写出时中断".into(),
            "internal error: a worker stopped while writing".into(),
        )));
    };
    progress.clear();
    if let Some((stream, e)) = failed {
        return Err(Failure::Write(stream, e));
    }
    let rows = source.into_inner().map_or(0, |s| s.reader.rows);
    if let Outputs::Rows { out, indicators } = &mut outputs {
        out.flush()
            .map_err(|e| Failure::Write(Stream::Projects, e))?;
        if let Some(w) = indicators.as_mut() {
            w.flush()
                .map_err(|e| Failure::Write(Stream::Indicators, e))?;
        }
    }
    summary.rows = rows;
    summary.elapsed = started.elapsed();
    summary.peak_rss_kib = peak_rss_kib();
    Ok(summary)
}
