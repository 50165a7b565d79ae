//! Exact line numbers for CSV records. The csv crate reports where it *started looking* for a
//! record, which lags behind on CRLF files and after blank lines; this reader notes where the
//! line breaks are as bytes stream through, so a record's first line can be told exactly.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Breaks {
    /// Offsets of `\r` and `\n` bytes not yet passed, with the byte.
    pending: VecDeque<(u64, u8)>,
    /// `\n` bytes already passed.
    passed: u64,
}

/// Wraps the input and records its line breaks.
pub struct LineCounter<R> {
    inner: R,
    offset: u64,
    breaks: Arc<Mutex<Breaks>>,
}

/// Tells the line of a byte offset seen by a [`LineCounter`].
#[derive(Clone)]
pub struct Lines {
    breaks: Arc<Mutex<Breaks>>,
}

impl<R: Read> LineCounter<R> {
    pub fn new(inner: R) -> (LineCounter<R>, Lines) {
        let breaks = Arc::new(Mutex::new(Breaks::default()));
        (
            LineCounter {
                inner,
                offset: 0,
                breaks: breaks.clone(),
            },
            Lines { breaks },
        )
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Ok(mut b) = self.breaks.lock() {
            for i in memchr::memchr2_iter(b'\n', b'\r', &buf[..n]) {
                b.pending.push_back((self.offset + i as u64, buf[i]));
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// The 1-based line of the first character of a record that the csv reader began looking
    /// for at byte `start`: skips the line breaks (blank lines, a pending `\n`) right at `start`.
    /// Offsets must be asked in increasing order.
    pub fn line_at(&self, start: u64) -> u64 {
        let Ok(mut b) = self.breaks.lock() else {
            return 0;
        };
        while let Some(&(o, c)) = b.pending.front() {
            if o >= start {
                break;
            }
            b.pending.pop_front();
            if c == b'\n' {
                b.passed += 1;
            }
        }
        // The run of line breaks right at `start` (blank lines, a CRLF's pending `\n`).
        let run = b
            .pending
            .iter()
            .zip(start..)
            .take_while(|((o, _), want)| o == want)
            .filter(|((_, c), _)| *c == b'\n')
            .count() as u64;
        1 + b.passed + run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(data: &str) -> Vec<(u64, String)> {
        let (counter, lines) = LineCounter::new(data.as_bytes());
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(counter);
        let mut rec = csv::ByteRecord::new();
        let mut out = vec![];
        while r.read_byte_record(&mut rec).unwrap() {
            let start = rec.position().unwrap().byte();
            out.push((
                lines.line_at(start),
                String::from_utf8_lossy(&rec[0]).to_string(),
            ));
        }
        out
    }

    #[test]
    fn exact_on_lf_crlf_blank_lines_and_quoted_breaks() {
        let want = |v: &[(u64, &str)]| {
            v.iter()
                .map(|(l, s)| (*l, s.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines_of("h\na\nc\n"), want(&[(1, "h"), (2, "a"), (3, "c")]));
        assert_eq!(
            lines_of("h\r\na\r\nc\r\n"),
            want(&[(1, "h"), (2, "a"), (3, "c")])
        );
        assert_eq!(
            lines_of("h\n\n\na\n\"x\ny\",z\nc"),
            want(&[(1, "h"), (4, "a"), (5, "x\ny"), (7, "c")])
        );
        assert_eq!(
            lines_of("h\r\n\r\na\r\n\"x\r\ny\",z\r\nc\r\n"),
            want(&[(1, "h"), (3, "a"), (4, "x\r\ny"), (6, "c")])
        );
        assert_eq!(lines_of("\n\nh\n"), want(&[(3, "h")]));
    }
}
