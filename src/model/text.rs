//! Cell text kept inline when it is short.
//!
//! An indicator keeps its name, its target and its actual as written. Most of them are short
//! (`≥95%`, `9.17次`, `检查医院数量`): held inline, up to 30 bytes, they cost no allocation, which
//! on a batch of a million rows is three allocations and frees saved per row.

use std::fmt;
use std::ops::Deref;

/// Bytes held inline.
const INLINE: usize = 30;

/// An immutable string, inline up to 30 bytes.
#[derive(Clone)]
pub struct CellText(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl CellText {
    pub fn new(s: &str) -> CellText {
        CellText(if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Repr::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Repr::Heap(s.into())
        })
    }

    /// The pieces one after another.
    pub fn concat(pieces: &[&str]) -> CellText {
        let len: usize = pieces.iter().map(|p| p.len()).sum();
        if len > INLINE {
            return CellText(Repr::Heap(pieces.concat().into()));
        }
        let mut bytes = [0; INLINE];
        let mut at = 0;
        for p in pieces {
            bytes[at..at + p.len()].copy_from_slice(p.as_bytes());
            at += p.len();
        }
        CellText(Repr::Inline {
            len: len as u8,
            bytes,
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: the bytes were copied whole from a `&str` in `new`, and never change.
            Repr::Inline { len, bytes } => unsafe {
                std::str::from_utf8_unchecked(&bytes[..*len as usize])
            },
            Repr::Heap(s) => s,
        }
    }
}

impl Default for CellText {
    fn default() -> CellText {
        CellText::new("")
    }
}

impl Deref for CellText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for CellText {
    fn from(s: &str) -> CellText {
        CellText::new(s)
    }
}

impl From<String> for CellText {
    fn from(s: String) -> CellText {
        CellText::new(&s)
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &CellText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CellText {}

impl PartialEq<str> for CellText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for CellText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for CellText {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for CellText {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_text_read_back_as_given() {
        let long = "开展医保集中宣传并覆盖全部定点医疗机构的次数";
        for s in [
            "",
            "≥95%",
            "9.17次",
            "检查医院数量",
            "123456789012345678901234567890",
            long,
        ] {
            let t = CellText::new(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(t, s);
            assert_eq!(format!("{t}"), s);
            assert_eq!(format!("{t:?}"), format!("{s:?}"));
            assert_eq!(t.clone(), CellText::from(s.to_string()));
            let (a, b) = s.split_at(s.char_indices().nth(1).map_or(0, |(i, _)| i));
            assert_eq!(CellText::concat(&[a, "", b]), s);
        }
        assert!(matches!(CellText::new("≥95%").0, Repr::Inline { .. }));
        assert!(matches!(CellText::new(long).0, Repr::Heap(_)));
        assert_eq!(std::mem::size_of::<CellText>(), 32);
    }
}
