//! Ranges written as on paper: `[80, 100]`, `[60, 80)`, `(0, 60)`.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::fmt;

use crate::i18n::Text;
use crate::io::yaml_de::{custom, parse_decimal};

/// A range of decimals with each end open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub lo: Decimal,
    pub lo_closed: bool,
    pub hi: Decimal,
    pub hi_closed: bool,
}

impl Range {
    pub fn parse(s: &str) -> Result<Range, Text> {
        let bad = || {
            Text::new(
                format!("区间 `{s}` 无法识别：应为如 `[80, 100]` 或 `[60, 80)`"),
                format!("range `{s}` not recognised: expected e.g. `[80, 100]` or `[60, 80)`"),
            )
        };
        let t = s.trim();
        let lo_closed = match t.chars().next() {
            Some('[') => true,
            Some('(') => false,
            _ => return Err(bad()),
        };
        let hi_closed = match t.chars().last() {
            Some(']') => true,
            Some(')') => false,
            _ => return Err(bad()),
        };
        let inner = &t[1..t.len() - 1];
        let (a, b) = inner.split_once(',').ok_or_else(bad)?;
        let lo = parse_decimal(a).ok_or_else(bad)?;
        let hi = parse_decimal(b).ok_or_else(bad)?;
        if lo > hi {
            return Err(bad());
        }
        Ok(Range {
            lo,
            lo_closed,
            hi,
            hi_closed,
        })
    }

    pub fn contains(&self, x: Decimal) -> bool {
        let above = if self.lo_closed {
            x >= self.lo
        } else {
            x > self.lo
        };
        let below = if self.hi_closed {
            x <= self.hi
        } else {
            x < self.hi
        };
        above && below
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}%, {}%{}",
            if self.lo_closed { '[' } else { '(' },
            self.lo.normalize(),
            self.hi.normalize(),
            if self.hi_closed { ']' } else { ')' }
        )
    }
}

impl<'de> Deserialize<'de> for Range {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Range, D::Error> {
        let s = String::deserialize(d)?;
        Range::parse(&s).map_err(custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn open_and_closed_ends() {
        let r = Range::parse("[60, 80)").unwrap();
        assert!(r.contains(d("60")));
        assert!(r.contains(d("79.99")));
        assert!(!r.contains(d("80")));
        assert!(!r.contains(d("59.99")));
        let c = Range::parse("(0,100]").unwrap();
        assert!(!c.contains(d("0")));
        assert!(c.contains(d("100")));
        assert!(Range::parse("80, 100").is_err());
        assert!(Range::parse("[100, 80]").is_err());
        assert!(Range::parse("[").is_err());
    }
}
