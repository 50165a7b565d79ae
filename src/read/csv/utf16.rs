//! UTF-16 decoded to UTF-8 as it streams, in front of the byte reader, so a UTF-16 file is read
//! exactly as a UTF-8 one is. Memory is two fixed buffers, whatever the file's size.
//!
//! What is not UTF-16 is kept, as bytes that are not UTF-8, for the row it is in to report at
//! its line: an unpaired surrogate as its three bytes of generalised UTF-8 (`0xED 0xA0..0xBF
//! ..`, which no UTF-8 decoder accepts), an odd byte at the end of the file as `0xFF`.
//! [`unit_at`] reads them back.

use std::io::{self, Read};

use encoding_rs::{DecoderResult, UTF_16BE, UTF_16LE};

/// Bytes of UTF-16 decoded at a time.
const CHUNK: usize = 64 * 1024;

/// The byte an odd last byte of the file is decoded to.
pub const ODD_BYTE: u8 = 0xFF;

/// A UTF-16 reader's bytes as UTF-8.
pub struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    /// UTF-16 read and not yet decoded: `input[..held]`.
    input: Box<[u8]>,
    held: usize,
    eof: bool,
    /// Decoded: `out[out_pos..out_end]` is still to be handed out.
    out: Vec<u8>,
    out_pos: usize,
    out_end: usize,
}

impl<R: Read> Utf16Reader<R> {
    pub fn new(inner: R, big_endian: bool) -> Utf16Reader<R> {
        Utf16Reader {
            inner,
            big_endian,
            input: vec![0; CHUNK].into_boxed_slice(),
            held: 0,
            eof: false,
            out: vec![0; 3 * CHUNK.div_ceil(2) + 4],
            out_pos: 0,
            out_end: 0,
        }
    }

    /// Reads more UTF-16 and decodes it into `out`, keeping back a last byte or lead surrogate
    /// that may pair with what comes next.
    fn refill(&mut self) -> io::Result<()> {
        loop {
            match self.inner.read(&mut self.input[self.held..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.held += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            break;
        }
        let mut clean = self.held;
        if !self.eof {
            clean &= !1;
            let lead = |i: usize| self.input[i + usize::from(!self.big_endian)] & 0xFC == 0xD8;
            if clean >= 2 && lead(clean - 2) {
                clean -= 2;
            }
        }
        self.decode(clean);
        self.input.copy_within(clean..self.held, 0);
        self.held -= clean;
        Ok(())
    }

    /// Decodes `input[..len]`, which ends on a whole character or at the end of the file.
    fn decode(&mut self, len: usize) {
        let encoding = if self.big_endian { UTF_16BE } else { UTF_16LE };
        // a decoder of its own: nothing is carried over from the last chunk
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let input = &self.input[..len];
        let out = &mut self.out;
        let (mut at, mut written) = (0, 0);
        loop {
            let (result, read, w) =
                decoder.decode_to_utf8_without_replacement(&input[at..], &mut out[written..], true);
            at += read;
            written += w;
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => out.resize(out.len() * 2, 0),
                DecoderResult::Malformed(bad, after) => {
                    // within this chunk: its decoder started with nothing pending
                    let end = at - usize::from(after);
                    let bad = &input[end.saturating_sub(usize::from(bad))..end];
                    if out.len() < written + 6 {
                        out.resize(out.len() * 2 + 6, 0);
                    }
                    for unit in bad.chunks(2) {
                        let mark = match *unit {
                            [a, b] => {
                                let u = if self.big_endian { [a, b] } else { [b, a] };
                                generalized_utf8(u16::from_be_bytes(u))
                            }
                            _ => [ODD_BYTE, 0, 0],
                        };
                        let n = if unit.len() == 2 { 3 } else { 1 };
                        out[written..written + n].copy_from_slice(&mark[..n]);
                        written += n;
                    }
                }
            }
        }
        self.out_pos = 0;
        self.out_end = written;
    }
}

/// A surrogate code unit as the three bytes UTF-8 would give it, were it a character.
fn generalized_utf8(unit: u16) -> [u8; 3] {
    [
        0xE0 | (unit >> 12) as u8,
        0x80 | ((unit >> 6) & 0x3F) as u8,
        0x80 | (unit & 0x3F) as u8,
    ]
}

/// What [`Utf16Reader`] made of bytes that were not UTF-16, at the start of `bytes`: the
/// unpaired surrogate (`Some`) and the bytes it takes, or the odd last byte (`None`, 1).
pub fn unit_at(bytes: &[u8]) -> Option<(Option<u16>, usize)> {
    match *bytes {
        [ODD_BYTE, ..] => Some((None, 1)),
        [0xED, b, c, ..] if b & 0xE0 == 0xA0 && c & 0xC0 == 0x80 => {
            let unit = 0xD000 | u16::from(b & 0x3F) << 6 | u16::from(c & 0x3F);
            Some((Some(unit), 3))
        }
        _ => None,
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out_end {
                let n = buf.len().min(self.out_end - self.out_pos);
                buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            if buf.is_empty() || (self.eof && self.held == 0) {
                return Ok(0);
            }
            self.refill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::csv::Chunked;

    /// What the reader should give: each unit decoded, an unpaired one marked.
    fn expected(units: &[u16], odd: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for c in char::decode_utf16(units.iter().copied()) {
            match c {
                Ok(c) => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                Err(e) => out.extend_from_slice(&generalized_utf8(e.unpaired_surrogate())),
            }
        }
        if odd {
            out.push(ODD_BYTE);
        }
        out
    }

    fn decode(bytes: &[u8], big_endian: bool, chunk: usize, take: usize) -> Vec<u8> {
        let mut r = Utf16Reader::new(Chunked(bytes, chunk), big_endian);
        let mut out = Vec::new();
        let mut buf = vec![0; take];
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn decodes_as_the_standard_library_does_with_unpaired_surrogates_marked() {
        const UNITS: [u16; 9] = [
            b'a' as u16,
            b',' as u16,
            b'\n' as u16,
            0x4EA7, // 产
            0x00E9,
            0xD83D, // lead
            0xDE00, // trail
            0xDBFF,
            0xDC00,
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let units: Vec<u16> = (0..len).map(|_| UNITS[(next() % 9) as usize]).collect();
            let odd = next() % 5 == 0;
            for big_endian in [false, true] {
                let mut bytes: Vec<u8> = units
                    .iter()
                    .flat_map(|u| match big_endian {
                        true => u.to_be_bytes(),
                        false => u.to_le_bytes(),
                    })
                    .collect();
                if odd {
                    bytes.push(b'x');
                }
                let want = expected(&units, odd);
                for (chunk, take) in [(1, 1), (3, 2), (7, 5), (64, 1 << 16), (1 << 16, 3)] {
                    let got = decode(&bytes, big_endian, chunk, take);
                    assert_eq!(got, want, "{units:X?} {big_endian} {chunk} {take}");
                }
            }
        }
    }

    #[test]
    fn marks_read_back_as_their_units() {
        for unit in [0xD800, 0xD83D, 0xDBFF, 0xDC00, 0xDFFF] {
            let mark = generalized_utf8(unit);
            assert!(std::str::from_utf8(&mark).is_err());
            assert_eq!(unit_at(&[&mark[..], b"a"].concat()), Some((Some(unit), 3)));
        }
        assert_eq!(unit_at(&[ODD_BYTE]), Some((None, 1)));
        assert_eq!(unit_at("产".as_bytes()), None);
    }

    #[test]
    fn memory_stays_at_two_buffers_on_a_long_input() {
        // 64 MiB of 产 and line breaks, decoded 256 KiB at a time
        let pattern: Vec<u8> = "产出指标,≥5次\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let bytes = pattern.repeat(1000);
        let mut r = Utf16Reader::new(Repeat(bytes, 0), false);
        let mut buf = vec![0; 256 * 1024];
        let mut total = 0u64;
        let capacity = r.out.capacity();
        while total < 64 << 20 {
            let n = r.read(&mut buf).unwrap();
            assert!(n > 0);
            total += n as u64;
        }
        assert_eq!(r.out.capacity(), capacity);
        assert_eq!(r.input.len(), CHUNK);
    }

    /// `bytes` over and over.
    struct Repeat(Vec<u8>, usize);

    impl Read for Repeat {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len() - self.1);
            buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
            self.1 = (self.1 + n) % self.0.len();
            Ok(n)
        }
    }
}
