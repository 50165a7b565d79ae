//! Ranges written as on paper: `[80, 100]`, `[60, 80)`, `(-inf, 70)`.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::fmt;

use crate::de::custom;
use crate::i18n::Text;
use crate::model::lexeme::parse_decimal;

/// A range of decimals with each end open or closed; `None` is an infinite end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub lo: Option<Decimal>,
    pub lo_closed: bool,
    pub hi: Option<Decimal>,
    pub hi_closed: bool,
}

fn end(s: &str) -> Option<Option<Decimal>> {
    match s.trim() {
        "inf" | "+inf" | "∞" | "+∞" | "-inf" | "-∞" => Some(None),
        t => parse_decimal(t).map(Some),
    }
}

impl Range {
    pub fn parse(s: &str) -> Result<Range, Text> {
        let bad = || {
            Text::new(
                format!("区间 `{s}` 无法识别：应为如 `[80, 100]`、`[60, 80)` 或 `(-inf, 70)`"),
                format!(
                    "range `{s}` not recognised: expected e.g. `[80, 100]`, `[60, 80)` or `(-inf, 70)`"
                ),
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
        if t.len() < 2 {
            return Err(bad());
        }
        let inner = &t[1..t.len() - 1];
        let (a, b) = inner.split_once(',').ok_or_else(bad)?;
        let lo = end(a).ok_or_else(bad)?;
        let hi = end(b).ok_or_else(bad)?;
        if let (Some(l), Some(h)) = (lo, hi)
            && (l > h || (l == h && !(lo_closed && hi_closed)))
        {
            return Err(bad());
        }
        // an infinite end is open
        Ok(Range {
            lo,
            lo_closed: lo_closed && lo.is_some(),
            hi,
            hi_closed: hi_closed && hi.is_some(),
        })
    }

    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lo {
            None => true,
            Some(lo) if self.lo_closed => x >= lo,
            Some(lo) => x > lo,
        };
        let below = match self.hi {
            None => true,
            Some(hi) if self.hi_closed => x <= hi,
            Some(hi) => x < hi,
        };
        above && below
    }

    /// Checks that `ranges`, in any order, follow one another with no gap and no overlap.
    pub fn check_contiguous(ranges: &[Range]) -> Result<(), Text> {
        let mut sorted: Vec<&Range> = ranges.iter().collect();
        // an open lower end (-∞) sorts first
        sorted.sort_by(|a, b| match (a.lo, b.lo) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, _) => std::cmp::Ordering::Less,
            (_, None) => std::cmp::Ordering::Greater,
            // at the same lower end, the closed one (`[100, 100]`) comes before `(100, inf)`
            (Some(x), Some(y)) => x.cmp(&y).then(b.lo_closed.cmp(&a.lo_closed)),
        });
        for w in sorted.windows(2) {
            if !w[0].meets(w[1]) {
                return Err(Text::new(
                    format!("分档 {} 与 {} 之间有重叠或缺口", w[0], w[1]),
                    format!("bands {} and {} overlap or leave a gap", w[0], w[1]),
                ));
            }
        }
        Ok(())
    }

    /// Whether `next` starts exactly where `self` ends, neither overlapping nor leaving a gap.
    pub fn meets(&self, next: &Range) -> bool {
        match (self.hi, next.lo) {
            (Some(h), Some(l)) => h == l && self.hi_closed != next.lo_closed,
            _ => false,
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lo = self
            .lo
            .map_or("-∞".to_string(), |d| format!("{}%", d.normalize()));
        let hi = self
            .hi
            .map_or("∞".to_string(), |d| format!("{}%", d.normalize()));
        write!(
            f,
            "{}{lo}, {hi}{}",
            if self.lo_closed { '[' } else { '(' },
            if self.hi_closed { ']' } else { ')' }
        )
    }
}

/// The editor schema of a range, written by hand next to the reader above (which parses the
/// text): a text that opens with `[` or `(`, closes with `]` or `)` and holds a comma. Lenient
/// about the ends, which are read as decimals are (`90%`, `1,000`).
impl schemars::JsonSchema for Range {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Range".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let space = crate::de::SPACE;
        schemars::json_schema!({
            "description": "区间，方括号含端点、圆括号不含，inf 为无穷，如 `[80, 100]`、`[60, 80)`、`(-inf, 60)` / a range, `[` `]` closed, `(` `)` open, `inf` unbounded",
            "type": "string",
            "pattern": format!("^{space}*[\\[(].*,.*[\\])]{space}*$"),
            "examples": ["[80, 100]", "[60, 80)", "(-inf, 60)", "[90, inf)"],
        })
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
        assert!(Range::parse("[5, 5)").is_err());
    }

    #[test]
    fn infinite_ends_and_meeting() {
        let low = Range::parse("(-inf, 70)").unwrap();
        let mid = Range::parse("[70, 80)").unwrap();
        let top = Range::parse("[100, inf)").unwrap();
        assert!(low.contains(d("-1000")) && !low.contains(d("70")));
        assert!(top.contains(d("1000000")));
        assert!(low.meets(&mid));
        assert!(!mid.meets(&top));
        assert!(
            !Range::parse("[70, 80]")
                .unwrap()
                .meets(&Range::parse("[80, 90)").unwrap())
        );
    }
}
