//! Text encodings of batch files: UTF-8 with or without a BOM, GB18030/GBK, what Excel on a
//! Chinese Windows writes as CSV, and UTF-16 with its BOM, what it writes as "Unicode 文本". CSV
//! structure (delimiters, quotes, line ends) is ASCII and never a GBK trail byte, so rows are
//! split on bytes and each field is decoded on its own. UTF-16 is decoded to UTF-8 as it streams
//! (see [`super::utf16`]) and then read as UTF-8 is.
//!
//! A file has one encoding, decided once before its first row: by `--encoding`, else by a
//! byte-order mark, else from the header and the first 64 KiB read as both encodings (see
//! [`sniff`]). It never changes mid-file: a cell that does not decode in it is an error at its
//! line, naming the bytes and how the encoding was decided.

use std::io::{self, Chain, Cursor, Read};

use encoding_rs::DecoderResult;

use super::utf16::{Utf16Reader, unit_at};
use crate::i18n::Text;

/// The encoding of a batch file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    /// Read as UTF-8 once [`open`] has decoded it.
    Utf16Le,
    Utf16Be,
}

/// How a file's encoding was decided, said when a cell does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// `--encoding`.
    Forced,
    /// A byte-order mark.
    Bom,
    /// The header and the first bytes read as both encodings.
    Sample,
}

impl Encoding {
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            // a UTF-16 byte-order mark says the byte order whatever is given (see `open`)
            "utf16" | "utf-16" | "utf16le" | "utf-16le" => Some(Encoding::Utf16Le),
            "utf16be" | "utf-16be" => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030/GBK",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }

    pub fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }

    /// Whether the content [`open`] gives is UTF-8 (once decoded from UTF-16).
    pub fn reads_as_utf8(self) -> bool {
        self != Encoding::Gb18030
    }

    /// Appends `bytes` (of the content [`open`] gives) decoded to `out`, a character that does
    /// not decode as U+FFFD; false when one did not.
    pub fn decode_into(self, bytes: &[u8], out: &mut String) -> bool {
        match self {
            Encoding::Utf16Le | Encoding::Utf16Be => decode_marked(bytes, out),
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    true
                }
                Err(_) => {
                    out.push_str(&String::from_utf8_lossy(bytes));
                    false
                }
            },
            Encoding::Gb18030 => {
                if let Ok(s) = std::str::from_utf8(bytes)
                    && s.is_ascii()
                {
                    // ASCII is valid UTF-8 as it stands.
                    out.push_str(s);
                    return true;
                }
                let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                out.push_str(&s);
                !had_errors
            }
        }
    }

    /// The first bytes of `bytes` that do not decode, when some do not.
    pub fn first_bad(self, bytes: &[u8]) -> Option<&[u8]> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).err().map(|e| {
                let from = e.valid_up_to();
                &bytes[from..from + e.error_len().unwrap_or(bytes.len() - from)]
            }),
            Encoding::Utf16Le | Encoding::Utf16Be => std::str::from_utf8(bytes).err().map(|e| {
                let from = e.valid_up_to();
                let len = unit_at(&bytes[from..]).map_or(1, |(_, len)| len);
                &bytes[from..from + len]
            }),
            Encoding::Gb18030 => {
                let mut d = encoding_rs::GB18030.new_decoder_without_bom_handling();
                let room = d.max_utf8_buffer_length_without_replacement(bytes.len())?;
                let mut s = String::with_capacity(room);
                match d.decode_to_string_without_replacement(bytes, &mut s, true) {
                    (DecoderResult::Malformed(bad, after), read) => {
                        let end = read - usize::from(after);
                        Some(&bytes[end - usize::from(bad)..end])
                    }
                    _ => None,
                }
            }
        }
    }

    /// Why a cell's `bad` bytes (as [`Self::first_bad`] found them) are an error: what they are
    /// not, and how the file's encoding was decided.
    pub fn not_text(self, basis: Basis, bad: &[u8]) -> Text {
        let hex = |bytes: &[u8]| {
            bytes
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let name = self.name();
        let (zh, en) = match basis {
            Basis::Forced => ("由 --encoding 指定", "as --encoding says"),
            Basis::Bom => ("依据字节顺序标记", "as its byte-order mark says"),
            Basis::Sample => ("由表头和前 64 KiB 判定", "as its first 64 KiB showed"),
        };
        if self.is_utf16() {
            let what = match unit_at(bad) {
                Some((Some(unit), _)) => {
                    let bytes = match self {
                        Encoding::Utf16Be => unit.to_be_bytes(),
                        _ => unit.to_le_bytes(),
                    };
                    let hex = hex(&bytes);
                    Text::new(
                        format!("字节 {hex}（U+{unit:04X}）是不成对的代理项"),
                        format!("bytes {hex} (U+{unit:04X}) are an unpaired surrogate"),
                    )
                }
                _ => Text::new(
                    "文件在一个字符的中间结束（字节数为奇数）",
                    "the file ends inside a character (an odd number of bytes)",
                ),
            };
            return Text::new(
                format!(
                    "{}，不是 {name} 文本：本文件按 {name} 读取（{zh}）",
                    what.zh
                ),
                format!(
                    "{}, not {name} text: the file is read as {name} ({en})",
                    what.en
                ),
            );
        }
        let hex = hex(bad);
        Text::new(
            format!(
                "字节 {hex} 不是 {name} 文本：本文件按 {name} 读取（{zh}），可用 --encoding 指定编码"
            ),
            format!(
                "bytes {hex} are not {name} text: the file is read as {name} ({en}); --encoding chooses another"
            ),
        )
    }
}

/// Appends UTF-8 decoded from UTF-16 to `out`, each unpaired surrogate (or odd last byte) the
/// decoder marked as one U+FFFD; false when there was one.
fn decode_marked(mut bytes: &[u8], out: &mut String) -> bool {
    let mut ok = true;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return ok;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                out.push('\u{FFFD}');
                let bad = unit_at(rest).map_or(e.error_len().unwrap_or(rest.len()), |(_, n)| n);
                bytes = &rest[bad..];
                ok = false;
            }
        }
    }
}

/// How many bytes are read ahead to recognise the encoding.
const SNIFF: usize = 64 * 1024;

/// What a sample's bytes beyond ASCII say when read as each encoding.
#[derive(Debug, Default, PartialEq, Eq)]
struct Evidence {
    /// Characters of two to four bytes that are valid UTF-8.
    utf8_chars: usize,
    /// Invalid UTF-8 sequences.
    utf8_bad: usize,
    /// GB18030 characters of two bytes above ASCII, or of four bytes.
    gb_chars: usize,
    /// Bytes GB18030 cannot read.
    gb_bad: usize,
}

fn evidence(sample: &[u8]) -> Evidence {
    let mut e = Evidence::default();
    for chunk in sample.utf8_chunks() {
        e.utf8_chars += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        e.utf8_bad += usize::from(!chunk.invalid().is_empty());
    }
    let at = |i: usize| sample.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < sample.len() {
        i += match (at(i), at(i + 1)) {
            (0..0x80, _) | (0x80, _) => 1, // ASCII; 0x80 alone is the euro sign
            (0x81..=0xFE, 0x30..=0x39)
                if matches!(at(i + 2), 0x81..=0xFE) && matches!(at(i + 3), 0x30..=0x39) =>
            {
                e.gb_chars += 1;
                4
            }
            (0x81..=0xFE, 0x80..=0xFE) => {
                e.gb_chars += 1;
                2
            }
            // a character with an ASCII trail byte reads, but says little
            (0x81..=0xFE, 0x40..=0x7E) => 2,
            _ => {
                e.gb_bad += 1;
                1
            }
        };
    }
    e
}

/// The encoding of a sample of whole lines (a file's first bytes). UTF-8 when they are UTF-8;
/// else GB18030 only when they look like it and not like UTF-8 with a few stray bytes: most of
/// the non-ASCII sequences are not UTF-8 (in UTF-8 text with stray bytes, good characters far
/// outnumber bad sequences; GBK text read as UTF-8 is mostly bad), GB18030 reads more of them
/// than UTF-8 does, and at least one character of GB18030 has two bytes beyond ASCII (a stray
/// byte among ASCII is no evidence of GBK). Otherwise UTF-8, with the stray bytes errors at
/// their lines.
pub fn sniff(sample: &[u8]) -> Encoding {
    if simdutf8::basic::from_utf8(sample).is_ok() {
        return Encoding::Utf8;
    }
    let e = evidence(sample);
    if e.utf8_bad > e.utf8_chars && e.gb_bad < e.utf8_bad && e.gb_chars > 0 {
        Encoding::Gb18030
    } else {
        Encoding::Utf8
    }
}

/// The bytes read ahead, then the rest.
type Sniffed<R> = Chain<Cursor<Vec<u8>>, R>;

/// A file's content after its byte-order mark: its bytes, or UTF-16 decoded to UTF-8.
pub enum Content<R> {
    Bytes(Sniffed<R>),
    Utf16(Utf16Reader<Sniffed<R>>),
}

impl<R: Read> Read for Content<R> {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Content::Bytes(r) => r.read(buf),
            Content::Utf16(r) => r.read(buf),
        }
    }
}

/// Why a file could not be opened.
pub enum OpenError {
    Io(io::Error),
    /// A byte-order mark of an encoding not read: its name.
    Unsupported(&'static str),
    /// `--encoding` says UTF-16 and the byte-order mark another encoding, or the other way
    /// round: the bytes cannot be both.
    Conflict {
        marked: Encoding,
        forced: Encoding,
    },
}

/// Byte-order marks: the encodings read, dropped whatever the encoding; the others named.
/// UTF-32 LE's begins with UTF-16 LE's, so it comes first.
const BOMS: [(&[u8], Result<Encoding, &str>); 6] = [
    (b"\xEF\xBB\xBF", Ok(Encoding::Utf8)),
    (b"\x84\x31\x95\x33", Ok(Encoding::Gb18030)),
    (b"\xFF\xFE\x00\x00", Err("UTF-32 LE")),
    (b"\x00\x00\xFE\xFF", Err("UTF-32 BE")),
    (b"\xFF\xFE", Ok(Encoding::Utf16Le)),
    (b"\xFE\xFF", Ok(Encoding::Utf16Be)),
];

/// Reads ahead to find the encoding (unless forced), drops a byte-order mark, and gives back a
/// reader over the whole content, UTF-16 decoded to UTF-8. A UTF-16 mark says the byte order
/// even when `--encoding` gives the other (U+FFFE, a mark read the wrong way round, is no
/// character); a UTF-16 mark with a forced encoding of another kind, or the other way round,
/// is an error.
pub fn open<R: Read>(
    mut r: R,
    forced: Option<Encoding>,
) -> Result<(Encoding, Basis, Content<R>), OpenError> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut r)
        .take(SNIFF as u64)
        .read_to_end(&mut head)
        .map_err(OpenError::Io)?;
    let bom = BOMS.iter().find(|(b, _)| head.starts_with(b));
    let (skip, marked) = match bom {
        Some((_, Err(name))) => return Err(OpenError::Unsupported(name)),
        Some((b, Ok(e))) => (b.len(), Some(*e)),
        None => (0, None),
    };
    let (enc, basis) = match (forced, marked) {
        (Some(f), Some(m)) if f.is_utf16() != m.is_utf16() => {
            return Err(OpenError::Conflict {
                marked: m,
                forced: f,
            });
        }
        (Some(f), Some(m)) if f.is_utf16() => (m, Basis::Forced),
        (Some(e), _) => (e, Basis::Forced),
        (None, Some(e)) => (e, Basis::Bom),
        (None, None) => {
            // whole lines, unless the sample is the whole file (or holds no line break)
            let mut sample = &head[..];
            if head.len() == SNIFF
                && let Some(i) = memchr::memrchr(b'\n', sample)
            {
                sample = &sample[..=i];
            }
            (sniff(sample), Basis::Sample)
        }
    };
    let mut cursor = Cursor::new(head);
    cursor.set_position(skip as u64);
    let bytes = cursor.chain(r);
    let content = match enc {
        Encoding::Utf8 | Encoding::Gb18030 => Content::Bytes(bytes),
        Encoding::Utf16Le => Content::Utf16(Utf16Reader::new(bytes, false)),
        Encoding::Utf16Be => Content::Utf16(Utf16Reader::new(bytes, true)),
    };
    Ok((enc, basis, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        encoding_rs::GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn sniffs_utf8_bom_and_gbk() {
        assert_eq!(sniff(&gbk("项目名称,预算数\n")), Encoding::Gb18030);
        assert_eq!(sniff("项目名称".as_bytes()), Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("项目".as_bytes());
        let Ok((enc, basis, mut rest)) = open(&bom[..], None) else {
            panic!()
        };
        let mut s = String::new();
        rest.read_to_string(&mut s).unwrap();
        assert_eq!(
            (enc, basis, s.as_str()),
            (Encoding::Utf8, Basis::Bom, "项目")
        );
    }

    #[test]
    fn stray_bytes_in_utf8_do_not_make_it_gbk() {
        let utf8 = |s: &str, stray: &[u8]| [s.as_bytes(), stray, b"\n"].concat();
        for stray in [&b"\xFF"[..], b"\x80", b"\xB0\xA1", b"\xE4\xBA", b"\xC3\x28"] {
            // among Chinese text, and among ASCII
            assert_eq!(sniff(&utf8("项目名称,预算数\n甲", stray)), Encoding::Utf8);
            // two bytes that make a GBK character, alone among ASCII, are read as GBK
            if ![&b"\xB0\xA1"[..], b"\xE4\xBA"].contains(&stray) {
                assert_eq!(sniff(&utf8("id,name\nP1,a", stray)), Encoding::Utf8);
            }
        }
        // one GBK character among ASCII is GBK
        assert_eq!(
            sniff(&[b"id,name\nP1,", &gbk("甲")[..]].concat()),
            Encoding::Gb18030
        );
        // GBK text with a stray byte is still GBK
        assert_eq!(
            sniff(&[&gbk("项目名称,预算数\n甲")[..], b"\xFF\n"].concat()),
            Encoding::Gb18030
        );
    }

    #[test]
    fn generated_gbk_is_gbk_with_a_wide_margin() {
        let mut text = Vec::new();
        crate::batch::generate::write(2000, 3, Some(1000), &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let g = gbk(&text);
        let e = evidence(&g[..SNIFF]);
        // read as UTF-8, GBK text is mostly bad; as GB18030, it has no error
        assert!(e.utf8_bad > 4 * e.utf8_chars, "{e:?}");
        assert!(e.gb_bad <= 1 && e.gb_chars > 10_000, "{e:?}");
        assert_eq!(sniff(&g[..SNIFF]), Encoding::Gb18030);
        let e = evidence(&text.as_bytes()[..SNIFF]);
        assert!(e.utf8_chars > 10_000 && e.utf8_bad <= 1, "{e:?}");
    }

    #[test]
    fn byte_order_marks_are_dropped_or_named() {
        for (bytes, forced, want) in [
            (
                &b"\xEF\xBB\xBFid"[..],
                Some(Encoding::Gb18030),
                Encoding::Gb18030,
            ),
            (b"\x84\x31\x95\x33id", None, Encoding::Gb18030),
            (b"\x84\x31\x95\x33id", Some(Encoding::Utf8), Encoding::Utf8),
        ] {
            let Ok((enc, _, mut rest)) = open(bytes, forced) else {
                panic!()
            };
            let mut s = String::new();
            rest.read_to_string(&mut s).unwrap();
            assert_eq!((enc, s.as_str()), (want, "id"));
        }
        for (bytes, name) in [
            (&b"\xFF\xFE\x00\x00i\x00\x00\x00"[..], "UTF-32 LE"),
            (b"\x00\x00\xFE\xFFi\x00\x00\x00", "UTF-32 BE"),
        ] {
            assert!(matches!(open(bytes, None), Err(OpenError::Unsupported(n)) if n == name));
        }
        // UTF-16: the mark says the byte order, forced or not; a forced 8-bit encoding, or
        // UTF-16 forced on an 8-bit mark, is a conflict
        let (le, be) = (Some(Encoding::Utf16Le), Some(Encoding::Utf16Be));
        for (bytes, forced, want) in [
            (&b"\xFF\xFEi\x00d\x00"[..], None, Encoding::Utf16Le),
            (b"\xFE\xFF\x00i\x00d", None, Encoding::Utf16Be),
            (b"\xFE\xFF\x00i\x00d", le, Encoding::Utf16Be),
            (b"\xFF\xFEi\x00d\x00", be, Encoding::Utf16Le),
            (b"i\x00d\x00", le, Encoding::Utf16Le),
            (b"\x00i\x00d", be, Encoding::Utf16Be),
        ] {
            let Ok((enc, _, mut rest)) = open(bytes, forced) else {
                panic!("{bytes:?}")
            };
            let mut s = String::new();
            rest.read_to_string(&mut s).unwrap();
            assert_eq!((enc, s.as_str()), (want, "id"), "{bytes:?}");
        }
        for (bytes, forced) in [
            (&b"\xFF\xFEi\x00"[..], Encoding::Utf8),
            (b"\xFE\xFF\x00i", Encoding::Gb18030),
            (b"\xEF\xBB\xBFid", Encoding::Utf16Le),
        ] {
            assert!(matches!(
                open(bytes, Some(forced)),
                Err(OpenError::Conflict { forced: f, .. }) if f == forced
            ));
        }
    }

    #[test]
    fn decodes_fields_and_finds_the_bad_bytes() {
        let mut s = String::new();
        let g = gbk("产出指标");
        assert!(Encoding::Gb18030.decode_into(&g, &mut s));
        assert_eq!(s, "产出指标");
        s.clear();
        assert!(!Encoding::Utf8.decode_into(&g, &mut s));
        assert!(s.contains('\u{FFFD}'));
        s.clear();
        assert!(!Encoding::Gb18030.decode_into(b"a\x81", &mut s));
        assert_eq!(s, "a\u{FFFD}", "decoded once, not twice");
        assert_eq!(Encoding::Utf8.first_bad(b"ab\xFFc"), Some(&b"\xFF"[..]));
        assert_eq!(
            Encoding::Utf8.first_bad(b"ab\xE4\xBA"),
            Some(&b"\xE4\xBA"[..])
        );
        assert_eq!(Encoding::Utf8.first_bad("产".as_bytes()), None);
        assert_eq!(
            Encoding::Gb18030.first_bad(&[&g[..], b"\xFF"].concat()),
            Some(&b"\xFF"[..])
        );
        assert_eq!(Encoding::Gb18030.first_bad(b"a\x81,"), Some(&b"\x81"[..]));
        assert_eq!(Encoding::Gb18030.first_bad(&g), None);
        // UTF-16 decoded: an unpaired surrogate's mark is one bad character
        s.clear();
        assert!(!Encoding::Utf16Le.decode_into(b"a\xED\xA0\x80b\xFF", &mut s));
        assert_eq!(s, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(
            Encoding::Utf16Be.first_bad(b"ab\xED\xB0\x80c"),
            Some(&b"\xED\xB0\x80"[..])
        );
        let t = Encoding::Utf16Be.not_text(Basis::Bom, b"\xED\xB0\x80");
        assert!(t.en.contains("bytes 0xDC 0x00 (U+DC00)"), "{}", t.en);
    }
}
