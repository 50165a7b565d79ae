//! CSV records with exact line numbers, read from one reused buffer.
//!
//! Most lines of a batch file hold no quote: such a line is a record whose fields lie between
//! delimiters, and it is split in place without copying. A line with a quote (or a bare `\r`)
//! is handed to `csv_core`, which follows the quoting rules (a quoted field may hold delimiters,
//! doubled quotes and line breaks), so every record reads exactly as the csv crate reads it.
//! Blank lines are skipped, as the csv crate skips them; the line of a record is the line its
//! first character is on, counted in `\n`.
//!
//! A record longer than [`MAX_LINE`] stops the reading with an error at its line: the buffer
//! never grows past the limit (and the unquoted record past twice it), whatever the input.

use std::io::{self, Read};

use csv_core::{ReadRecordResult, Reader as CoreReader};

use super::scan::Needles;
use crate::i18n::Text;

/// Bytes read from the input at a time; the buffer grows only for a longer record.
const BUFFER: usize = 256 * 1024;

/// The longest record read, in bytes of the file (a row of a batch file is about 100 bytes, a
/// form's longest cell a few KiB).
pub const MAX_LINE: usize = 1 << 20;

/// Why reading stopped.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A record longer than the limit: its first line, the limit, and whether it holds a
    /// quote (one left open swallows the lines after it).
    TooLong {
        line: u64,
        limit: usize,
        quote: bool,
    },
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

impl ReadError {
    pub fn text(&self) -> Text {
        match *self {
            ReadError::Io(ref e) => Text::same(e.to_string()),
            ReadError::TooLong { line, limit, quote } => {
                let size = match limit % (1 << 20) {
                    0 => format!("{} MiB", limit >> 20),
                    _ => format!("{limit} bytes"),
                };
                if quote {
                    Text::new(
                        format!("自第 {line} 行起的记录超过 {size}：有引号没有闭合？"),
                        format!(
                            "the record from line {line} is longer than {size}: a quote left open?"
                        ),
                    )
                } else {
                    Text::new(
                        format!("第 {line} 行超过 {size} 仍无换行：这不是逐行的表格？"),
                        format!(
                            "line {line} is longer than {size} with no line break: not a table of rows?"
                        ),
                    )
                }
            }
        }
    }
}

/// Reads records one at a time.
pub struct Records<R> {
    inner: R,
    buf: Vec<u8>,
    /// Start of the bytes not yet consumed.
    pos: usize,
    /// End of the bytes read.
    end: usize,
    eof: bool,
    /// The line `pos` is on.
    line: u64,
    needles: Needles,
    /// Split 32 bytes at a time (the processor has AVX2).
    avx2: bool,
    /// The delimiter is a quote or a line break: every record goes through `csv_core`.
    always_core: bool,
    /// Tell which records are UTF-8.
    check_utf8: bool,
    /// `buf[pos..valid_to]` is known to be UTF-8.
    valid_to: usize,
    core: CoreReader,
    /// The longest record read.
    max_line: usize,
    /// A record read by `csv_core`: its fields, unquoted, one after another.
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// How the line at the reading position splits.
enum Split {
    /// `len` bytes with the line break; the last `cut` of them are the break.
    Line { len: usize, cut: usize },
    /// A quote or a bare `\r`: csv_core reads it.
    Quoted,
    /// The line goes on past the bytes read.
    Short,
}

/// One record: its first line, its bytes, and the range of each field in them (untrimmed).
pub struct CsvRecord<'a> {
    pub line: u64,
    pub bytes: &'a [u8],
    pub fields: &'a [(u32, u32)],
    /// The bytes as text, when asked for and they are UTF-8.
    pub text: Option<&'a str>,
    /// Read by `csv_core`: a quoted field may hold line breaks.
    pub quoted: bool,
}

impl<R: Read> Records<R> {
    pub fn new(inner: R, delimiter: u8, check_utf8: bool) -> Records<R> {
        Records {
            inner,
            buf: vec![0; BUFFER],
            pos: 0,
            end: 0,
            eof: false,
            line: 1,
            needles: Needles::new(delimiter),
            avx2: Needles::avx2(),
            check_utf8,
            valid_to: 0,
            always_core: matches!(delimiter, b'"' | b'\r' | b'\n'),
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            max_line: MAX_LINE,
            out: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// The line reading has reached.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The next record, with its fields' ranges written to `fields`; `None` at the end.
    pub fn next<'s>(
        &'s mut self,
        fields: &'s mut Vec<(u32, u32)>,
    ) -> Result<Option<CsvRecord<'s>>, ReadError> {
        fields.clear();
        // Skip blank lines, counting them.
        loop {
            while self.pos < self.end {
                match self.buf[self.pos] {
                    b'\n' => self.line += 1,
                    b'\r' => {}
                    _ => break,
                }
                self.pos += 1;
            }
            if self.pos < self.end {
                break;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
        let line = self.line;
        if self.always_core {
            return self.read_core(line, fields);
        }
        // The line, split as it is scanned; read more and scan again when it is not whole.
        let (len, cut) = loop {
            match self.split(fields) {
                Split::Line { len, cut } => break (len, cut),
                Split::Quoted => return self.read_core(line, fields),
                // (one byte more: a `\r` at the end may begin the line break)
                Split::Short if self.end - self.pos > self.max_line + 1 => {
                    return Err(self.too_long(line, false));
                }
                Split::Short => {
                    fields.clear();
                    self.fill()?;
                }
            }
        };
        if len - cut > self.max_line {
            return Err(self.too_long(line, false));
        }
        let from = self.pos;
        let text_end = from + len - cut;
        let utf8 = self.check_utf8 && self.valid_utf8(from, text_end);
        self.pos += len;
        if cut > 0 {
            self.line += 1;
        }
        let bytes = &self.buf[from..text_end];
        Ok(Some(CsvRecord {
            line,
            bytes,
            text: utf8.then(|| {
                // SAFETY: checked just above by `valid_utf8`.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }),
            fields,
            quoted: false,
        }))
    }

    /// Splits the line at `pos` into fields, by its delimiters, when it holds no quote and no
    /// bare `\r` (at the end of the input, a line without a final `\n` is whole).
    #[inline]
    fn split(&self, fields: &mut Vec<(u32, u32)>) -> Split {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is set only when the processor has it.
            return unsafe { self.split_avx2(fields) };
        }
        let needles = self.needles;
        self.split_by::<16>(fields, |b| needles.masks(b))
    }

    /// [`Self::split`] 32 bytes at a time, the whole loop compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn split_avx2(&self, fields: &mut Vec<(u32, u32)>) -> Split {
        let needles = self.needles;
        // (AVX2 is enabled here, so the closure may call it safely)
        self.split_by::<32>(fields, |b| needles.masks32(b))
    }

    /// The split, `W` bytes a block, with `masks` giving a block's delimiters and special bytes.
    #[inline(always)]
    fn split_by<const W: usize>(
        &self,
        fields: &mut Vec<(u32, u32)>,
        masks: impl Fn(&[u8]) -> (u32, u32),
    ) -> Split {
        let bytes = &self.buf[self.pos..self.end];
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (delimiters, specials) = masks(&bytes[i..]);
            // the fields that end before the block's first special byte (all, when none)
            let before = match specials {
                0 => u32::MAX,
                s => (1 << s.trailing_zeros()) - 1,
            };
            let mut d = delimiters & before;
            while d != 0 {
                let j = i + d.trailing_zeros() as usize;
                d &= d - 1;
                fields.push((start as u32, j as u32));
                start = j + 1;
            }
            if specials != 0 {
                let j = i + specials.trailing_zeros() as usize;
                match bytes[j] {
                    b'\n' => {
                        let cr = usize::from(j > 0 && bytes[j - 1] == b'\r');
                        fields.push((start as u32, (j - cr) as u32));
                        return Split::Line {
                            len: j + 1,
                            cut: 1 + cr,
                        };
                    }
                    // the `\n` of a CRLF: scan on from it
                    b'\r' if j + 1 < bytes.len() && bytes[j + 1] == b'\n' => {
                        i = j + 1;
                        continue;
                    }
                    b'\r' if j + 1 == bytes.len() && !self.eof => return Split::Short,
                    _ => return Split::Quoted,
                }
            }
            i += W;
        }
        if !self.eof {
            return Split::Short;
        }
        fields.push((start as u32, bytes.len() as u32));
        Split::Line {
            len: bytes.len(),
            cut: 0,
        }
    }

    /// Whether `buf[from..to]`, a line, is UTF-8. Checks from `from` to the last line break
    /// read in one pass, and remembers how far the bytes are known good.
    #[inline]
    fn valid_utf8(&mut self, from: usize, to: usize) -> bool {
        to <= self.valid_to || self.check_utf8_from(from, to)
    }

    /// [`Self::valid_utf8`] past the bytes known good.
    #[inline(never)]
    fn check_utf8_from(&mut self, from: usize, to: usize) -> bool {
        if self.valid_to > from {
            return false; // the check stopped inside this line
        }
        let end = memchr::memrchr(b'\n', &self.buf[to..self.end]).map_or(to, |i| to + i);
        match simdutf8::compat::from_utf8(&self.buf[from..end]) {
            Ok(_) => {
                self.valid_to = end;
                true
            }
            Err(e) => {
                self.valid_to = from + e.valid_up_to();
                self.valid_to >= to
            }
        }
    }

    /// One record read by `csv_core`, from `pos`, reading more input as it needs.
    fn read_core<'s>(
        &'s mut self,
        line: u64,
        fields: &'s mut Vec<(u32, u32)>,
    ) -> Result<Option<CsvRecord<'s>>, ReadError> {
        self.core.reset();
        fields.clear();
        let (mut nout, mut nends) = (0, 0);
        let (mut taken, mut quote) = (0, false);
        loop {
            let input = &self.buf[self.pos..self.end];
            let (res, nin, o, e) =
                self.core
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nends..]);
            self.line += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            quote = quote || memchr::memchr(b'"', &input[..nin]).is_some();
            taken += nin;
            // with the line break it ends at
            if taken > self.max_line + 1 {
                return Err(self.too_long(line, quote));
            }
            self.pos += nin;
            nout += o;
            nends += e;
            match res {
                // at the end of the input, the next call (with nothing) ends the record
                ReadRecordResult::InputEmpty if nin > 0 || !self.eof => {
                    self.fill()?;
                }
                ReadRecordResult::InputEmpty => break,
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        let ended_at_break = self.pos > 0 && matches!(self.buf[self.pos - 1], b'\n' | b'\r');
        if taken - usize::from(ended_at_break && taken > 0) > self.max_line {
            return Err(self.too_long(line, quote));
        }
        // A record that ended at a `\r` leaves a following `\n` to the blank-line skip.
        let mut start = 0;
        for &e in &self.ends[..nends] {
            fields.push((start as u32, e as u32));
            start = e;
        }
        let bytes = &self.out[..nout];
        let text = if self.check_utf8 {
            simdutf8::basic::from_utf8(bytes).ok()
        } else {
            None
        };
        Ok(Some(CsvRecord {
            line,
            bytes,
            text,
            fields,
            quoted: true,
        }))
    }

    #[cold]
    fn too_long(&self, line: u64, quote: bool) -> ReadError {
        ReadError::TooLong {
            line,
            limit: self.max_line,
            quote,
        }
    }

    /// Reads more input, keeping the bytes from `pos` on. False at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.valid_to = self.valid_to.saturating_sub(self.pos);
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            // no more than a line at the limit and its line break needs
            let grown = (self.buf.len() * 2).min(self.max_line + 2);
            self.buf.resize(grown.max(self.buf.len() + 1), 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::csv::Chunked;

    /// Reads every record of `data`, `buffer` bytes at a time, as (line, fields).
    fn read(data: &str, chunk: usize) -> Vec<(u64, Vec<String>)> {
        read_bytes(data.as_bytes(), chunk)
    }

    /// Also checks that a record's text is there exactly when its bytes are UTF-8, and that the
    /// split 32 bytes at a time (where the processor has AVX2) reads what 16 at a time reads.
    fn read_bytes(data: &[u8], chunk: usize) -> Vec<(u64, Vec<String>)> {
        let narrow = read_split(data, chunk, false);
        assert_eq!(read_split(data, chunk, Needles::avx2()), narrow, "{data:?}");
        narrow
    }

    fn read_split(data: &[u8], chunk: usize, avx2: bool) -> Vec<(u64, Vec<String>)> {
        let mut r = Records::new(Chunked(data, chunk), b',', true);
        r.avx2 = avx2;
        r.buf = vec![0; chunk.max(1)];
        let mut fields = vec![];
        let mut out = vec![];
        while let Some(rec) = r.next(&mut fields).unwrap() {
            assert_eq!(
                rec.text.is_some(),
                std::str::from_utf8(rec.bytes).is_ok(),
                "{:?}",
                rec.bytes
            );
            let f = rec
                .fields
                .iter()
                .map(|&(a, b)| String::from_utf8_lossy(&rec.bytes[a as usize..b as usize]).into())
                .collect();
            out.push((rec.line, f));
        }
        out
    }

    /// What the csv crate reads, with the line of each record found by hand.
    fn csv_crate(data: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(data.as_bytes());
        let mut rec = csv::ByteRecord::new();
        let mut out = vec![];
        while r.read_byte_record(&mut rec).unwrap() {
            out.push(
                rec.iter()
                    .map(|f| String::from_utf8_lossy(f).into())
                    .collect(),
            );
        }
        out
    }

    const CASES: &[&str] = &[
        "h\na\nc\n",
        "h\r\na\r\nc\r\n",
        "h\n\n\na\n\"x\ny\",z\nc",
        "h\r\n\r\na\r\n\"x\r\ny\",z\r\nc\r\n",
        "\n\nh\n",
        "a,b,,c\n,,\n",
        "a,\"b,c\",\"d\"\"e\"\nf,g\n",
        "a,b\"c,d\n",
        "a\rb\rc,d\n",
        "\"never closed,a\nb,c\n",
        "",
        "\n\r\n",
        "x",
        "a,\"\"\n\"\",b",
        "产出指标,≥5次,\"数量,指标\"\r\n",
    ];

    #[test]
    fn reads_what_the_csv_crate_reads_at_any_buffer_size() {
        for data in CASES {
            let want = csv_crate(data);
            for chunk in [1, 2, 3, 7, 64, 1 << 16] {
                let got: Vec<Vec<String>> = read(data, chunk).into_iter().map(|r| r.1).collect();
                assert_eq!(got, want, "{data:?} read {chunk} bytes at a time");
            }
        }
    }

    #[test]
    fn random_bytes_read_as_the_csv_crate_reads_them() {
        const ALPHABET: [&str; 8] = ["a", "b", ",", ",", "\"", "\r", "\n", "产"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let data: String = (0..len).map(|_| ALPHABET[(next() % 8) as usize]).collect();
            let chunk = 1 + (next() % 9) as usize;
            let got: Vec<Vec<String>> = read(&data, chunk).into_iter().map(|r| r.1).collect();
            assert_eq!(
                got,
                csv_crate(&data),
                "{data:?} read {chunk} bytes at a time"
            );
        }
    }

    #[test]
    fn text_is_given_only_for_utf8_lines() {
        let pieces: [&[u8]; 6] = [b"ab", "产".as_bytes(), b"\xE4\xBA", b"\xFF", b",", b"\n"];
        let mut seed = 0x1234_5678_9abc_def1_u64;
        for _ in 0..3000 {
            let mut data = vec![];
            for _ in 0..(seed % 30) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                data.extend_from_slice(pieces[(seed % 6) as usize]);
            }
            seed = seed.wrapping_add(1);
            for chunk in [1, 5, 64] {
                read_bytes(&data, chunk);
            }
        }
    }

    #[test]
    fn lines_are_exact_on_lf_crlf_blank_lines_and_quoted_breaks() {
        let lines = |data: &str| -> Vec<(u64, String)> {
            read(data, 5)
                .into_iter()
                .map(|(l, f)| (l, f[0].clone()))
                .collect()
        };
        let want = |v: &[(u64, &str)]| {
            v.iter()
                .map(|(l, s)| (*l, s.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("h\na\nc\n"), want(&[(1, "h"), (2, "a"), (3, "c")]));
        assert_eq!(
            lines("h\r\na\r\nc\r\n"),
            want(&[(1, "h"), (2, "a"), (3, "c")])
        );
        assert_eq!(
            lines("h\n\n\na\n\"x\ny\",z\nc"),
            want(&[(1, "h"), (4, "a"), (5, "x\ny"), (7, "c")])
        );
        assert_eq!(
            lines("h\r\n\r\na\r\n\"x\r\ny\",z\r\nc\r\n"),
            want(&[(1, "h"), (3, "a"), (4, "x\r\ny"), (6, "c")])
        );
        assert_eq!(lines("\n\nh\n"), want(&[(3, "h")]));
    }

    /// Reads `data` with a limit of `limit` bytes a record: the records, or the line of the
    /// one too long and whether it held a quote.
    fn read_limited(data: &[u8], chunk: usize, limit: usize) -> Result<Vec<u64>, (u64, bool)> {
        let mut r = Records::new(Chunked(data, chunk), b',', true);
        r.buf = vec![0; chunk.max(1)];
        r.max_line = limit;
        let mut fields = vec![];
        let mut lines = vec![];
        loop {
            match r.next(&mut fields) {
                Ok(Some(rec)) => lines.push(rec.line),
                Ok(None) => return Ok(lines),
                Err(ReadError::TooLong { line, quote, .. }) => return Err((line, quote)),
                Err(e) => panic!("{e:?}"),
            }
        }
    }

    #[test]
    fn a_record_longer_than_the_limit_is_an_error_at_its_line() {
        for chunk in [1, 3, 8, 64, 1 << 16] {
            // at the limit, with LF, CRLF, a bare CR, a quote, or at the end of the input
            for data in [
                &b"h\n0123456789\nz\n"[..],
                b"h\r\n0123456789\r\nz\r\n",
                b"h\r0123456789\rz\r",
                b"h\n\"1234567\"8\nz\n",
                b"h\n\"12\n4567\"8\nz\n",
                b"h\n0123456789",
                b"h\n\"12345678\"",
            ] {
                assert!(read_limited(data, chunk, 10).is_ok(), "{data:?} {chunk}");
            }
            // one byte over
            for (data, want) in [
                (&b"h\n01234567890\nz\n"[..], (2, false)),
                (b"h\n\n\r\n01234567890\r\nz\n", (4, false)),
                (b"h\r01234567890\rz\r", (1, false)),
                (b"h\n\"12345678\"9\nz\n", (2, true)),
                (b"h\n\"12\n45678\"9\nz\n", (2, true)),
                (b"h\n01234567890", (2, false)),
                (b"h\n\"never closed\nz\nz\nz\n", (2, true)),
            ] {
                assert_eq!(read_limited(data, chunk, 10), Err(want), "{data:?} {chunk}");
            }
        }
        // the buffer stays near the limit on a line that never ends
        let mut r = Records::new(io::repeat(0), b',', true);
        r.max_line = 1 << 20;
        let mut fields = vec![];
        assert!(matches!(
            r.next(&mut fields),
            Err(ReadError::TooLong { line: 1, .. })
        ));
        assert_eq!(r.buf.len(), (1 << 20) + 2);
        let mut r = Records::new(b"\"".chain(io::repeat(b'x')), b',', true);
        assert!(matches!(
            r.next(&mut fields),
            Err(ReadError::TooLong { quote: true, .. })
        ));
        assert!(r.out.len() <= 4 * MAX_LINE, "{}", r.out.len());
    }

    #[test]
    fn tab_and_quote_delimiters() {
        let mut r = Records::new("a\tb\n\"c\td\"\te\n".as_bytes(), b'\t', true);
        let mut fields = vec![];
        let rec = r.next(&mut fields).unwrap().unwrap();
        assert_eq!((rec.bytes, rec.fields.len()), (&b"a\tb"[..], 2));
        let rec = r.next(&mut fields).unwrap().unwrap();
        assert_eq!(
            (rec.bytes, rec.fields),
            (&b"c\tde"[..], &[(0, 3), (3, 4)][..])
        );
        assert!(r.next(&mut fields).unwrap().is_none());
        // a quote as delimiter goes through csv_core and never panics
        let mut r = Records::new("a\"b\n".as_bytes(), b'"', false);
        let mut fields = vec![];
        while r.next(&mut fields).unwrap().is_some() {}
    }
}
