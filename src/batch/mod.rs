//! Batch scoring of a long CSV (one row per indicator) in one streaming pass: one thread reads,
//! decodes and assembles projects, the other scores, re-checks and writes them, in file order.
//! Memory is bounded by a few chunks of projects, not by the file.

pub mod generate;
mod output;
mod summary;

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::Instant;

use crate::error::InputError;
use crate::flags::Severity;
use crate::i18n::{Lang, Text};
use crate::io::csv_in::{
    Assembler, Block, Columns, Encoding, Grouper, RawProject, Records, Row, open,
};
use crate::model::Record;
use crate::report::{Rubrics, evaluate_with};

use summary::Progress;
pub use summary::{Summary, peak_rss_kib};

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
            progress: false,
        }
    }
}

/// Projects sent from the reading thread at a time.
const CHUNK: usize = 128;

/// From the reading thread to the assembling thread, and from there to the scoring thread.
enum Message<T> {
    Projects(Vec<T>),
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

    let mut projects = if opts.jsonl {
        Out::Jsonl(out)
    } else {
        let mut w = csv::WriterBuilder::new().from_writer(out);
        w.write_record(output::PROJECT_HEADER)
            .map_err(|e| fail(format!("无法写出：{e}"), format!("cannot write: {e}")))?;
        Out::Csv(Box::new(w), output::Cells::default())
    };
    let mut per_indicator = indicators.map(|w| csv::WriterBuilder::new().from_writer(w));
    if let Some(w) = per_indicator.as_mut() {
        let _ = w.write_record(output::INDICATOR_HEADER);
    }

    let mut rubrics = Rubrics::new(opts.rubric.clone());
    // Three stages, in file order: reading and grouping rows (CSV, decoding, line numbers),
    // assembling records (every cell parsed), scoring and writing. Records go back to the
    // assembling thread to be freed where they were allocated.
    let (raw_tx, raw_rx) = mpsc::sync_channel::<Message<RawProject>>(4);
    let (tx, rx) = mpsc::sync_channel::<Message<Block>>(4);
    let (back_tx, back_rx) = mpsc::channel::<Vec<Record>>();
    let file_name = file.to_string();
    let assembler = Assembler::new(file, cols.clone());
    let mut progress = Progress::new(started);
    let rows = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let reading = Reading {
                records,
                grouper: Grouper::new(&file_name, cols),
                encoding,
                delimiter: opts.delimiter,
            };
            read_all(reading, raw_tx)
        });
        scope.spawn(move || assemble_all(&assembler, raw_rx, tx, back_rx));
        for msg in rx {
            match msg {
                Message::Projects(blocks) => {
                    let mut done = Vec::with_capacity(blocks.len());
                    if opts.progress {
                        progress.tick(&summary, err, opts.lang);
                    }
                    for b in blocks {
                        done.extend(score_block(
                            b,
                            opts,
                            &mut rubrics,
                            &mut projects,
                            per_indicator.as_mut(),
                            err,
                            &mut summary,
                        ));
                    }
                    let _ = back_tx.send(done);
                }
                Message::Fatal(e) => {
                    let _ = writeln!(err, "{}", e.render(opts.lang));
                    summary.in_error += 1;
                    summary.projects += 1;
                }
            }
        }
        drop(back_tx);
        progress.clear(err);
        reader.join().unwrap_or(0)
    });
    projects.flush();
    if let Some(w) = per_indicator.as_mut() {
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

/// The reading thread: rows to blocks, sent in chunks; finished records come back on `back` to
/// be freed here. Returns the number of rows read.
fn read_all<R: Read>(r: Reading<R>, tx: mpsc::SyncSender<Message<RawProject>>) -> u64 {
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
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut rows = 0u64;
    loop {
        let rec = match records.next(&mut fields) {
            Ok(Some(rec)) => rec,
            Ok(None) => break,
            Err(e) => {
                let _ = tx.send(Message::Projects(std::mem::take(&mut chunk)));
                let _ = tx.send(Message::Fatal(
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
        // The usual case: a UTF-8 row is borrowed as it is (a line split at ASCII delimiters
        // splits on character boundaries; a quoted record is checked); otherwise each field is
        // decoded into `text`.
        let whole = match encoding {
            Encoding::Utf8 => rec.text.filter(|s| {
                !rec.quoted
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
            problem.map(|t| InputError::new(asm.file(), t).at(Some(line as usize), None));
        let row = Row::new(whole.unwrap_or(&text), bounds);
        if let Some(b) = asm.push(line, &row, decode_error) {
            chunk.push(b);
            if chunk.len() == CHUNK
                && tx
                    .send(Message::Projects(std::mem::replace(
                        &mut chunk,
                        Vec::with_capacity(CHUNK),
                    )))
                    .is_err()
            {
                return rows;
            }
        }
    }
    if let Some(b) = asm.finish() {
        chunk.push(b);
    }
    let _ = tx.send(Message::Projects(chunk));
    rows
}

/// The assembling thread: grouped rows to records, in order; frees the records that come back.
fn assemble_all(
    asm: &Assembler,
    rx: mpsc::Receiver<Message<RawProject>>,
    tx: mpsc::SyncSender<Message<Block>>,
    back: mpsc::Receiver<Vec<Record>>,
) {
    for msg in rx {
        let out = match msg {
            Message::Projects(raw) => {
                Message::Projects(raw.into_iter().map(|r| asm.assemble(r)).collect())
            }
            Message::Fatal(e) => Message::Fatal(e),
        };
        if tx.send(out).is_err() {
            return;
        }
        while let Ok(done) = back.try_recv() {
            drop(done);
        }
    }
    drop(tx);
    for done in back {
        drop(done);
    }
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

/// Where project results go.
enum Out<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>, output::Cells),
    Jsonl(&'a mut dyn Write),
}

impl Out<'_> {
    fn flush(&mut self) {
        let _ = match self {
            Out::Csv(w, _) => w.flush(),
            Out::Jsonl(w) => w.flush(),
        };
    }
}

fn score_block<I: Write>(
    b: Block,
    opts: &Options,
    rubrics: &mut Rubrics,
    projects: &mut Out,
    indicators: Option<&mut csv::Writer<I>>,
    err: &mut dyn Write,
    summary: &mut Summary,
) -> Option<Record> {
    summary.projects += 1;
    let Block {
        id,
        name,
        department,
        first_line,
        rows,
        result,
    } = b;
    summary.rows_scored += rows as u64;
    let result = result.and_then(|record| {
        let rubric = rubrics.for_record(&record)?;
        let lines: Vec<Option<usize>> = record.indicators.iter().map(|i| i.line).collect();
        evaluate_with(record, rubric, opts.jsonl).map_err(|e| {
            let line = e
                .indicator
                .and_then(|i| lines[i])
                .unwrap_or(first_line as usize);
            InputError::new(&summary.file, e.message).at(Some(line), None)
        })
    });
    let who = output::Who {
        id: &id,
        name: &name,
        department: department.as_deref(),
    };
    match result {
        Ok(r) => {
            summary.scored += 1;
            *summary
                .grades
                .entry((r.card.grade_rank, r.card.grade.clone()))
                .or_default() += 1;
            for f in &r.flags {
                summary.flags[f.order] += 1;
            }
            if opts.deny.is_some_and(|d| r.denied(d)) {
                summary.denied += 1;
            }
            let _ = match projects {
                Out::Jsonl(w) => {
                    let mut line = crate::io::json::report(&r, opts.lang);
                    line.push('\n');
                    w.write_all(line.as_bytes())
                }
                Out::Csv(w, cells) => {
                    output::project_ok(w, cells, &r, opts.lang).map_err(Into::into)
                }
            };
            if let Some(w) = indicators {
                let _ = output::indicators(w, &r, opts.lang);
            }
            return Some(r.record);
        }
        Err(mut e) => {
            summary.in_error += 1;
            if e.file.is_empty() {
                e.file.clone_from(&summary.file);
            }
            let shown = if name.is_empty() { &id } else { &name };
            let msg = e.render(opts.lang);
            if opts.progress {
                let _ = write!(err, "\r\x1b[2K"); // over the progress line, if any
            }
            let _ = match opts.lang {
                Lang::Zh => writeln!(err, "{msg}（项目：{shown}）"),
                Lang::En => writeln!(err, "{msg} (project: {shown})"),
            };
            let _ = match projects {
                Out::Jsonl(w) => {
                    let mut line = output::json_error(&who, &e, opts.lang);
                    line.push('\n');
                    w.write_all(line.as_bytes())
                }
                Out::Csv(w, _) => output::project_error(w, &who, &e, opts.lang).map_err(Into::into),
            };
        }
    }
    None
}
