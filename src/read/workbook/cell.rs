//! A cell's text as the sheet shows it, for the sheet read whole ([`super::sheet`]) and the
//! sheet streamed ([`super::stream`]) alike: numbers as the decimals they hold, a number
//! formatted as a percentage as the percentage it shows, dates as `YYYY-MM-DD`, formula errors
//! as Excel shows them.

use std::fmt::Write;

use calamine::{Data, DataRef, Style};
use rust_decimal::Decimal;

use crate::num::decimal_from_f64;

/// Whether a cell style shows a number as a percentage (`0%`, `0.0%`, built-in formats 9, 10).
pub fn is_percent(style: &Style) -> bool {
    style
        .number_format
        .as_ref()
        .is_some_and(|f| f.format_code.contains('%') || matches!(f.format_id, Some(9 | 10)))
}

/// A cell read whole, borrowed as the streamed reader hands one out.
pub fn as_ref(d: &Data) -> DataRef<'_> {
    match d {
        Data::Empty => DataRef::Empty,
        Data::String(s) => DataRef::SharedString(s),
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
    }
}

/// Writes the text of `d` into `out` (cleared first); `percent`: its style shows a number as a
/// percentage (`0.985` → `98.5%`).
pub fn write_text(d: &DataRef, percent: bool, out: &mut String) {
    out.clear();
    if percent {
        let v = match d {
            DataRef::Float(f) => decimal_from_f64(*f),
            DataRef::Int(i) => Some(Decimal::from(*i)),
            _ => None,
        };
        if let Some(p) = v.and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED)) {
            let _ = write!(out, "{}%", p.normalize());
            return;
        }
    }
    match d {
        DataRef::Empty => {}
        DataRef::String(s) => out.push_str(s.trim()),
        DataRef::SharedString(s) => out.push_str(s.trim()),
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => match decimal_from_f64(*f) {
            Some(x) => {
                let _ = write!(out, "{}", x.normalize());
            }
            None => {
                let _ = write!(out, "{f}");
            }
        },
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        // a date held as a serial number: the date it shows (`2024-11-30 00:00:00` as chrono
        // writes it: the date alone when it has no time)
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(t) => {
                let s = t.to_string();
                out.push_str(s.strip_suffix(" 00:00:00").unwrap_or(&s));
            }
            None => {
                let _ = write!(out, "{}", dt.as_f64());
            }
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// The text of a cell read whole.
pub fn text(d: &Data, percent: bool) -> String {
    let mut s = String::new();
    write_text(&as_ref(d), percent, &mut s);
    s
}
