//! Text encodings of batch files: UTF-8 with or without a BOM, and GB18030/GBK, what Excel on a
//! Chinese Windows writes. CSV structure (delimiters, quotes, line ends) is ASCII and never a
//! GBK trail byte, so rows are split on bytes and each field is decoded on its own.

use std::io::{self, Chain, Cursor, Read};

/// The encoding of a batch file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030/GBK",
        }
    }

    /// Appends `bytes` decoded to `out`; false when they are not valid in this encoding.
    pub fn decode_into(self, bytes: &[u8], out: &mut String) -> bool {
        match self {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => {
                    out.push_str(s);
                    true
                }
                Err(_) => false,
            },
            Encoding::Gb18030 => {
                if bytes.is_ascii() {
                    // ASCII is valid UTF-8 as it stands.
                    out.push_str(std::str::from_utf8(bytes).unwrap_or_default());
                    return true;
                }
                let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
                out.push_str(&s);
                !had_errors
            }
        }
    }
}

/// How many bytes are read ahead to recognise the encoding.
const SNIFF: usize = 64 * 1024;

/// The encoding of a file's first bytes: UTF-8 when they are valid UTF-8 (a sequence cut at the
/// end of the sample counts as valid), else GB18030.
pub fn sniff(prefix: &[u8]) -> Encoding {
    match std::str::from_utf8(prefix) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Gb18030,
    }
}

/// The bytes read ahead, then the rest.
pub type Sniffed<R> = Chain<Cursor<Vec<u8>>, R>;

/// Reads ahead to find the encoding (unless forced), drops a UTF-8 BOM, and gives back a reader
/// over the whole content.
pub fn open<R: Read>(mut r: R, forced: Option<Encoding>) -> io::Result<(Encoding, Sniffed<R>)> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut r).take(SNIFF as u64).read_to_end(&mut head)?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let enc = match forced {
        Some(e) => e,
        None if bom => Encoding::Utf8,
        None => sniff(&head),
    };
    let mut cursor = Cursor::new(head);
    if bom && enc == Encoding::Utf8 {
        cursor.set_position(3);
    }
    Ok((enc, cursor.chain(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_utf8_bom_and_gbk() {
        let gbk = encoding_rs::GBK.encode("项目名称,预算数\n").0.into_owned();
        assert_eq!(sniff(&gbk), Encoding::Gb18030);
        assert_eq!(sniff("项目名称".as_bytes()), Encoding::Utf8);
        // a UTF-8 sequence cut by the sample's end is still UTF-8
        assert_eq!(sniff(&"项目".as_bytes()[..4]), Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("项目".as_bytes());
        let (enc, mut rest) = open(&bom[..], None).unwrap();
        let mut s = String::new();
        rest.read_to_string(&mut s).unwrap();
        assert_eq!((enc, s.as_str()), (Encoding::Utf8, "项目"));
    }

    #[test]
    fn decodes_fields() {
        let mut s = String::new();
        let gbk = encoding_rs::GBK.encode("产出指标").0.into_owned();
        assert!(Encoding::Gb18030.decode_into(&gbk, &mut s));
        assert_eq!(s, "产出指标");
        s.clear();
        assert!(!Encoding::Utf8.decode_into(&gbk, &mut s));
        assert!(!Encoding::Gb18030.decode_into(b"\x81", &mut s));
    }
}
