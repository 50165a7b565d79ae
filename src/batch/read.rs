//! The reading side of a batch: records split, decoded and grouped into chunks of projects,
//! one chunk each time a worker asks for one.

use std::io::Read;

use super::Message;
use crate::error::InputError;
use crate::i18n::Text;
use crate::io::csv_in::{Encoding, Grouper, RawChunk, Records, Row};

/// The file being read, with the buffers reused from row to row.
pub struct Reader<R: Read> {
    records: Records<R>,
    grouper: Grouper,
    encoding: Encoding,
    delimiter: u8,
    fields: Vec<(u32, u32)>,
    text: String,
    decoded: Vec<(u32, u32)>,
    /// Rows read so far (blank lines not counted).
    pub rows: u64,
    /// What is left to hand out once the input has ended or broken off.
    ending: Vec<Message<RawChunk>>,
    ended: bool,
}

impl<R: Read> Reader<R> {
    pub fn new(records: Records<R>, grouper: Grouper, encoding: Encoding, delimiter: u8) -> Self {
        Reader {
            records,
            grouper,
            encoding,
            delimiter,
            fields: Vec::new(),
            text: String::new(),
            decoded: Vec::new(),
            rows: 0,
            ending: Vec::new(),
            ended: false,
        }
    }

    /// The next chunk of projects, in file order; after the last, the error that broke the
    /// input off, if one did; then `None`.
    pub fn next_chunk(&mut self) -> Option<Message<RawChunk>> {
        if self.ended {
            return self.ending.pop();
        }
        let Reader {
            records,
            grouper: asm,
            encoding,
            delimiter,
            fields,
            text,
            decoded,
            rows,
            ..
        } = self;
        let (encoding, delimiter) = (*encoding, *delimiter);
        let ncols = asm.columns().len();
        loop {
            let rec = match records.next(fields) {
                Ok(Some(rec)) => rec,
                Ok(None) => break,
                Err(e) => {
                    // handed out last first: the chunk read, then the error
                    self.ending.push(Message::Fatal(
                        InputError::new(
                            asm.file(),
                            Text::new(
                                format!("读取中断，其后的行未读：{e}"),
                                format!("reading stopped, the rows after it are not read: {e}"),
                            ),
                        )
                        .at(Some(records.line() as usize), None),
                    ));
                    break;
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
            *rows += 1;
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
                    if !encoding.decode_into(bytes, text) {
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
                &decoded[..]
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
            let decode_error = problem
                .map(|t| Box::new(InputError::new(asm.file(), t).at(Some(line as usize), None)));
            let row = Row::new(whole.unwrap_or(text.as_str()), bounds);
            if let Some(chunk) = asm.push(line, &row, decode_error) {
                return Some(Message::Projects(chunk));
            }
        }
        if let Some(chunk) = asm.finish() {
            self.ending.push(Message::Projects(chunk));
        }
        self.ended = true;
        self.ending.pop()
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
