//! The batch CSV as a [`RowSource`]: the header decoded and read into columns, then each line
//! split, decoded (UTF-8, and UTF-16 once decoded to it, borrowed as it is, GB18030 into a
//! reused buffer) and checked for an unclosed quote.

use std::io::Read;

use super::decode::{Basis, Content, OpenError};
use super::records::ReadError;
use super::{Encoding, Records, open};
use crate::error::InputError;
use crate::i18n::Text;
use crate::read::table::{Broken, Columns, Row, RowSource, SourceRow};

/// A CSV file read row by row, with the buffers reused from row to row.
pub struct CsvSource<R: Read> {
    records: Records<R>,
    encoding: Encoding,
    /// How the encoding was decided, said when a cell does not decode.
    basis: Basis,
    delimiter: u8,
    /// The header's cells, decoded, to name the column of a cell that does not decode.
    headers: Vec<String>,
    fields: Vec<(u32, u32)>,
    text: String,
    decoded: Vec<(u32, u32)>,
}

/// A CSV file opened: its encoding, its columns, and the source of its rows.
pub struct Opened<R: Read> {
    pub encoding: Encoding,
    pub columns: Columns,
    pub source: CsvSource<Content<R>>,
}

/// Opens a CSV table: sniffs (or takes) the encoding, reads the header and finds the columns by
/// their words. With no `delimiter`, a UTF-16 file is tab-delimited (Excel's "Unicode 文本"),
/// any other comma-delimited. Errors only when the file cannot be read as a table at all.
pub fn open_table<R: Read>(
    input: R,
    file: &str,
    forced: Option<Encoding>,
    delimiter: Option<u8>,
) -> Result<Opened<R>, InputError> {
    let fail = |zh: String, en: String| InputError::new(file, Text::new(zh, en));
    let (encoding, basis, reader) = open(input, forced).map_err(|e| match e {
        OpenError::Io(e) => fail(format!("无法读取：{e}"), format!("cannot read: {e}")),
        OpenError::Unsupported(name) => fail(
            format!(
                "文件是 {name} 编码（见其字节顺序标记），尚不能读取：请另存为 UTF-8、UTF-16 或 GBK"
            ),
            format!(
                "the file is {name} (its byte-order mark says so), which is not read yet: save it as UTF-8, UTF-16 or GBK"
            ),
        )
        .at(Some(1), None),
        OpenError::Conflict { marked, forced } => {
            let (m, f) = (marked.name(), forced.name());
            fail(
                format!(
                    "字节顺序标记表明文件是 {m} 编码，而 --encoding 指定 {f}：两者不能同时成立，去掉 --encoding 即按标记读取"
                ),
                format!(
                    "the byte-order mark says the file is {m}, but --encoding says {f}: it cannot be both; without --encoding the mark is followed"
                ),
            )
            .at(Some(1), None)
        }
    })?;
    let delimiter = delimiter.unwrap_or(if encoding.is_utf16() { b'\t' } else { b',' });
    let mut records = Records::new(reader, delimiter, encoding.reads_as_utf8());
    let mut fields = Vec::new();
    let header = records.next(&mut fields).map_err(|e| {
        let line = match e {
            ReadError::TooLong { line, .. } => Some(line as usize),
            ReadError::Io(_) => None,
        };
        let t = e.text();
        fail(
            format!("无法读取表头：{}", t.zh),
            format!("cannot read the header row: {}", t.en),
        )
        .at(line, None)
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
    for (i, &(a, b)) in header.fields.iter().enumerate() {
        let bytes = &header.bytes[a as usize..b as usize];
        let mut s = String::new();
        if !encoding.decode_into(bytes, &mut s) {
            let why = encoding.not_text(basis, encoding.first_bad(bytes).unwrap_or_default());
            return Err(fail(
                format!("表头第 {} 格：{}", i + 1, why.zh),
                format!("the header's cell {}: {}", i + 1, why.en),
            )
            .at(Some(header_line as usize), None));
        }
        headers.push(s);
    }
    let columns = Columns::from_headers(&headers)
        .map_err(|t| InputError::new(file, t).at(Some(header_line as usize), None))?;
    Ok(Opened {
        encoding,
        columns,
        source: CsvSource {
            records,
            encoding,
            basis,
            delimiter,
            headers,
            fields,
            text: String::new(),
            decoded: Vec::new(),
        },
    })
}

impl<R: Read> RowSource for CsvSource<R> {
    #[inline]
    fn next_row<T>(&mut self, take: impl FnOnce(SourceRow<'_>) -> T) -> Result<Option<T>, Broken> {
        let CsvSource {
            records,
            encoding,
            basis,
            delimiter,
            headers,
            fields,
            text,
            decoded,
        } = self;
        let (encoding, basis, delimiter) = (*encoding, *basis, *delimiter);
        let ncols = headers.len();
        loop {
            let rec = match records.next(fields) {
                Ok(Some(rec)) => rec,
                Ok(None) => return Ok(None),
                Err(e) => {
                    let line = match e {
                        ReadError::TooLong { line, .. } => line,
                        ReadError::Io(_) => records.line(),
                    };
                    let cause = e.text();
                    return Err(Broken { cause, line });
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
            let line = rec.line;
            let mut problem = None;
            // The usual case: a UTF-8 row is borrowed as it is (a line split at an ASCII delimiter
            // splits on character boundaries; other records are checked); otherwise each field is
            // decoded into `text`.
            let whole = match encoding {
                Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => rec.text.filter(|s| {
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
                        problem.get_or_insert_with(|| {
                            let h = headers.get(i).map_or("?", |h| h.trim());
                            let bad = encoding.first_bad(bytes).unwrap_or_default();
                            let why = encoding.not_text(basis, bad);
                            Text::new(
                                format!("`{h}` 列：{}", why.zh),
                                format!("column `{h}`: {}", why.en),
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
            let row = Row::new(whole.unwrap_or(text.as_str()), bounds);
            return Ok(Some(take(SourceRow { line, row, problem })));
        }
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
