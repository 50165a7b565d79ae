//! Batch scoring of a long CSV (one row per indicator) in one streaming pass: one thread reads,
//! decodes and groups rows into projects; workers (one per core) read, score, re-check and
//! render chunks of projects dealt out in turn; the calling thread writes the chunks back in
//! the same turn, so the output is in file order. Memory is bounded by a few chunks of projects,
//! not by the file.

pub mod generate;
mod output;
mod summary;
mod work;

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::Instant;

use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::io::csv_in::{Assembler, Columns, Encoding, Grouper, RawChunk, Records, Row, open};
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
    pub delimiter: u8,
    /// JSON lines (the `score --format json` object per project) instead of CSV.
    pub jsonl: bool,
    /// Projects with a flag at or above this severity count as denied (exit 1).
    pub deny: Option<Severity>,
    /// Scoring threads; 0 means one per core. The output is the same for any number.
    pub workers: usize,
    /// Show a progress line on stderr (set when stderr is a terminal); it appears only once a
    /// run has taken more than a second.
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            rubric: None,
            lang: Lang::Zh,
            encoding: None,
            delimiter: b',',
            jsonl: false,
            deny: None,
            workers: 0,
            progress: false,
        }
    }
}

/// Projects sent from the reading thread at a time.
const CHUNK: usize = 128;

/// From the reading thread to a worker, and from the worker to the writing thread.
enum Message<T> {
    Projects(T),
    /// The input broke off (an I/O error): what was read before is scored.
    Fatal(InputError),
}

/// Scores every project of `input`. Errors only when the input cannot be read at all (no header,
/// a required column missing); a bad row puts its project in error and the run goes on.
pub fn run<R: Read + Send>(
    input: R,
    file: &str,
    opts: &Options,
    out: &mut dyn Write,
    indicators: Option<&mut dyn Write>,
    err: &mut dyn Write,
) -> Result<Summary, InputError> {
    let started = Instant::now();
    let fail = |zh: String, en: String| InputError::new(file, Text::new(zh, en));
    let (encoding, reader) = open(input, opts.encoding)
        .map_err(|e| fail(format!("无法读取：{e}"), format!("cannot read: {e}")))?;
    let mut records = Records::new(reader, opts.delimiter, encoding == Encoding::Utf8);
    let mut fields = Vec::new();
    let header = records.next(&mut fields).map_err(|e| {
        fail(
            format!("无法读取表头：{e}"),
            format!("cannot read the header row: {e}"),
        )
    })?;
    let Some(header) = header else {
        return Err(fail(
            "文件为空：没有表头行".into(),
            "empty file: no header row".into(),
        )
        .at(Some(records.line() as usize), None));
    };
    let header_line = header.line;
    let mut headers = Vec::with_capacity(header.fields.len());
    for &(a, b) in header.fields {
        let mut s = String::new();
        if !encoding.decode_into(&header.bytes[a as usize..b as usize], &mut s) {
            return Err(fail(
                format!(
                    "表头不是 {} 文本：可用 --encoding 指定编码",
                    encoding.name()
                ),
                format!(
                    "the header row is not {} text: use --encoding",
                    encoding.name()
                ),
            )
            .at(Some(1), None));
        }
        headers.push(s);
    }
    let cols = Columns::from_headers(&headers)
        .map_err(|t| InputError::new(file, t).at(Some(header_line as usize), None))?;
    let mut summary = Summary {
        file: file.to_string(),
        flags: vec![0; crate::flags::registry::RULES.len()],
        encoding: encoding.name(),
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
    if !opts.jsonl {
        let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
        w.write_record(output::PROJECT_HEADER)
            .and_then(|()| w.flush().map_err(Into::into))
            .map_err(|e| fail(format!("无法写出：{e}"), format!("cannot write: {e}")))?;
    }
    let mut indicators = indicators;
    if let Some(w) = indicators.as_mut() {
        let mut w = csv::WriterBuilder::new().from_writer(&mut **w);
        let _ = w.write_record(output::INDICATOR_HEADER);
        let _ = w.flush();
    }

    // One thread reads and groups rows (CSV, decoding, line numbers); the workers each read,
    // score and render whole chunks of projects, dealt out in turn; this thread writes the
    // chunks back in file order, taking them from the workers in the same turn.
    let workers = match opts.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 16)),
        n => n,
    };
    let mut to_workers = Vec::with_capacity(workers);
    let mut from_workers = Vec::with_capacity(workers);
    let file_name = file.to_string();
    let assembler = Assembler::new(file, cols.clone());
    let mut progress = Progress::new(started);
    let want_indicators = indicators.is_some();
    let rows = std::thread::scope(|scope| {
        let mut inputs = Vec::with_capacity(workers);
        let mut written = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (tx, rx) = mpsc::sync_channel::<Message<RawChunk>>(2);
            let (done_tx, done_rx) = mpsc::sync_channel::<Message<Done>>(2);
            let (back_tx, back_rx) = mpsc::channel::<Done>();
            to_workers.push(tx);
            from_workers.push(done_rx);
            written.push(back_tx);
            inputs.push((rx, done_tx, back_rx));
        }
        let reader = scope.spawn(move || {
            let reading = Reading {
                records,
                grouper: Grouper::new(&file_name, cols, CHUNK),
                encoding,
                delimiter: opts.delimiter,
            };
            read_all(reading, to_workers)
        });
        let (assembler, file) = (&assembler, file);
        for (rx, tx, back) in inputs {
            scope.spawn(move || {
                let mut w = Worker::new(opts, file, assembler, want_indicators);
                for msg in rx {
                    let out = match msg {
                        Message::Projects(raw) => {
                            Message::Projects(w.chunk(raw, back.try_recv().ok()))
                        }
                        Message::Fatal(e) => Message::Fatal(e),
                    };
                    if tx.send(out).is_err() {
                        return;
                    }
                }
            });
        }
        for turn in 0.. {
            let Ok(msg) = from_workers[turn % workers].recv() else {
                break; // the chunk of this turn was never read: the input has ended
            };
            match msg {
                Message::Projects(done) => {
                    let _ = out.write_all(&done.projects);
                    if let Some(w) = indicators.as_mut() {
                        let _ = w.write_all(&done.indicators);
                    }
                    if !done.messages.is_empty() {
                        if opts.progress {
                            let _ = write!(err, "\r\x1b[2K"); // over the progress line, if any
                        }
                        let _ = err.write_all(&done.messages);
                    }
                    summary.add(&done.tally);
                    if opts.progress {
                        progress.tick(&summary, err, opts.lang);
                    }
                    // back to its worker, to be filled again
                    let _ = written[turn % workers].send(done);
                }
                Message::Fatal(e) => {
                    let _ = writeln!(err, "{}", e.render(opts.lang));
                    summary.in_error += 1;
                    summary.projects += 1;
                }
            }
        }
        progress.clear(err);
        reader.join().unwrap_or(0)
    });
    let _ = out.flush();
    if let Some(w) = indicators.as_mut() {
        let _ = w.flush();
    }
    summary.rows = rows;
    summary.elapsed = started.elapsed();
    summary.peak_rss_kib = peak_rss_kib();
    Ok(summary)
}

/// What the reading thread works with.
struct Reading<R: Read> {
    records: Records<R>,
    grouper: Grouper,
    encoding: Encoding,
    delimiter: u8,
}

/// The reading thread: rows grouped into projects, sent in chunks to the workers in turn.
/// Returns the number of rows read.
fn read_all<R: Read>(r: Reading<R>, workers: Vec<mpsc::SyncSender<Message<RawChunk>>>) -> u64 {
    // chunks go to the workers in turn, which is the order they are written back in
    let mut turn = 0;
    let mut send = |m: Message<RawChunk>| {
        let sent = workers[turn % workers.len()].send(m).is_ok();
        turn += 1;
        sent
    };
    let Reading {
        mut records,
        grouper: mut asm,
        encoding,
        delimiter,
    } = r;
    let ncols = asm.columns().len();
    let mut fields = Vec::new();
    let mut text = String::new();
    let mut decoded: Vec<(u32, u32)> = Vec::new();
    let mut rows = 0u64;
    loop {
        let rec = match records.next(&mut fields) {
            Ok(Some(rec)) => rec,
            Ok(None) => break,
            Err(e) => {
                if let Some(chunk) = asm.finish() {
                    send(Message::Projects(chunk));
                }
                send(Message::Fatal(
                    InputError::new(
                        asm.file(),
                        Text::new(
                            format!("读取中断，其后的行未读：{e}"),
                            format!("reading stopped, the rows after it are not read: {e}"),
                        ),
                    )
                    .at(Some(records.line() as usize), None),
                ));
                return rows;
            }
        };
        let field = |&(a, b): &(u32, u32)| &rec.bytes[a as usize..b as usize];
        let blank = if rec.quoted {
            rec.fields
                .iter()
                .all(|f| field(f).iter().all(u8::is_ascii_whitespace))
        } else {
            rec.bytes
                .iter()
                .all(|&b| b == delimiter || b.is_ascii_whitespace())
        };
        if blank {
            continue; // a blank line of delimiters carries nothing
        }
        rows += 1;
        let line = rec.line;
        let mut problem = None;
        // The usual case: a UTF-8 row is borrowed as it is (a line split at an ASCII delimiter
        // splits on character boundaries; other records are checked); otherwise each field is
        // decoded into `text`.
        let whole = match encoding {
            Encoding::Utf8 => rec.text.filter(|s| {
                (!rec.quoted && delimiter.is_ascii())
                    || rec.fields.iter().all(|&(a, b)| {
                        s.is_char_boundary(a as usize) && s.is_char_boundary(b as usize)
                    })
            }),
            Encoding::Gb18030 => None,
        };
        let bounds: &[(u32, u32)] = if whole.is_some() {
            rec.fields
        } else {
            decoded.clear();
            text.clear();
            for (i, f) in rec.fields.iter().enumerate() {
                let bytes = field(f);
                let start = text.len() as u32;
                if !encoding.decode_into(bytes, &mut text) {
                    text.push_str(&String::from_utf8_lossy(bytes));
                    problem.get_or_insert_with(|| {
                        let h = asm.columns().header_at(i).to_string();
                        Text::new(
                            format!(
                                "`{h}` 列不是 {} 文本：可用 --encoding 指定编码",
                                encoding.name()
                            ),
                            format!(
                                "column `{h}` is not {} text: use --encoding",
                                encoding.name()
                            ),
                        )
                    });
                }
                decoded.push((start, text.len() as u32));
            }
            &decoded
        };
        if rec.quoted
            && memchr::memchr(b'\n', rec.bytes).is_some()
            && rec
                .fields
                .iter()
                .any(|f| swallows_rows(field(f), delimiter, ncols))
        {
            problem.get_or_insert_with(|| {
                Text::new(
                    "引号没有闭合：此字段吞掉了其后的若干行",
                    "an unclosed quote: this field swallowed the rows after it",
                )
            });
        }
        let decode_error =
            problem.map(|t| Box::new(InputError::new(asm.file(), t).at(Some(line as usize), None)));
        let row = Row::new(whole.unwrap_or(&text), bounds);
        if let Some(chunk) = asm.push(line, &row, decode_error)
            && !send(Message::Projects(chunk))
        {
            return rows;
        }
    }
    if let Some(chunk) = asm.finish() {
        send(Message::Projects(chunk));
    }
    rows
}

/// A quoted field that spans lines looking like rows of their own: an unclosed quote.
fn swallows_rows(field: &[u8], delimiter: u8, ncols: usize) -> bool {
    if !field.contains(&b'\n') {
        return false;
    }
    let threshold = (ncols / 2).max(3);
    field
        .split(|b| *b == b'\n')
        .skip(1)
        .any(|l| l.iter().filter(|b| **b == delimiter).count() >= threshold)
}
