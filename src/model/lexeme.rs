//! The small pieces that targets and actuals are made of, as the forms write them:
//! normalisation of full-width and typeset characters, operators, numbers and calendar dates.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// A comparison operator of a target (指标性质).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    /// Parses an operator standing alone (the 指标性质 column).
    pub fn parse(s: &str) -> Option<Op> {
        Op::parse_normalized(&normalize(s))
    }

    /// As [`Op::parse`], for text already normalised.
    pub fn parse_normalized(s: &str) -> Option<Op> {
        match strip_op(s) {
            Some((op, "")) => Some(op),
            _ => None,
        }
    }
}

/// Whether UTF-8 text starts with a white-space character, told from its first bytes: ASCII
/// space and controls, U+0085 and U+00A0 (`C2 85`, `C2 A0`), U+1680 (`E1 9A 80`), U+2000–U+200A,
/// U+2028, U+2029, U+202F (`E2 80 ..`), U+205F (`E2 81 9F`), U+3000 (`E3 80 80`).
#[inline(always)]
fn starts_with_space(b: &[u8]) -> bool {
    matches!(
        b,
        [0x09..=0x0D | b' ', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Whether UTF-8 text ends with a white-space character (the same list, from the end).
#[inline(always)]
fn ends_with_space(b: &[u8]) -> bool {
    matches!(
        b,
        [.., 0x09..=0x0D | b' ']
            | [.., 0xC2, 0x85 | 0xA0]
            | [.., 0xE1, 0x9A, 0x80]
            | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [.., 0xE2, 0x81, 0x9F]
            | [.., 0xE3, 0x80, 0x80]
    )
}

/// Bytes that may begin (`START`) or end (`END`) a white-space character: one look-up each
/// tells the usual cell clean before the exact check.
const fn edge_bytes(start: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = true;
        b += 1;
    }
    t[b' ' as usize] = true;
    if start {
        t[0xC2] = true;
        t[0xE1] = true;
        t[0xE2] = true;
        t[0xE3] = true;
    } else {
        let mut b = 0x80;
        while b <= 0x8A {
            t[b] = true;
            b += 1;
        }
        t[0x9F] = true;
        t[0xA0] = true;
        t[0xA8] = true;
        t[0xA9] = true;
        t[0xAF] = true;
    }
    t
}

static START: [bool; 256] = edge_bytes(true);
static END: [bool; 256] = edge_bytes(false);

/// Whether UTF-8 text `b`, whose first and last bytes are given, has no white space at either
/// end: a table look-up at each end, and the exact check only for a byte that may belong to a
/// space.
#[inline(always)]
fn clean_edges(b: &[u8], first: u8, last: u8) -> bool {
    (!START[first as usize] || !starts_with_space(b))
        && (!END[last as usize] || !ends_with_space(b))
}

/// `str::trim`, without its scan when the ends are plainly not white space.
#[inline(always)]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match b {
        [] => s,
        [first, .., last] | [first @ last] if clean_edges(b, *first, *last) => s,
        _ => s.trim(),
    }
}

/// Maps full-width digits, letters and signs to ASCII, typeset operators to plain ones,
/// removes white space and the `$…$` / `\geq` markup that PDF extraction leaves behind.
pub fn normalize(s: &str) -> Cow<'_, str> {
    // Only bytes that can start a character to change (ASCII white space, `$`, `\\`; lead bytes
    // 0xC2 (U+0085, U+00A0), 0xE1–0xE3 (U+1680, U+2000–U+2A7E, U+3000), 0xEF (full-width forms
    // and ﹪)) need the careful look; most cells have none.
    let suspect = |b: &u8| {
        matches!(*b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF | b'$' | b'\\')
            || (b.is_ascii() && !b.is_ascii_graphic())
    };
    let plain = !s.as_bytes().iter().any(suspect)
        || s.chars().all(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{FF01}'..='\u{FF5E}' | '≧' | '⩾' | '≦' | '⩽' | '﹪' | '$' | '\\'
                )
        });
    if plain {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '≧' | '⩾' => '≥',
            '≦' | '⩽' => '≤',
            '﹪' => '%',
            '$' => continue,
            _ => c,
        };
        if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    if out.contains('\\') {
        out = out
            .replace("\\geq", "≥")
            .replace("\\ge", "≥")
            .replace("\\leq", "≤")
            .replace("\\le", "≤")
            .replace("\\%", "%")
            .replace("\\times", "×");
    }
    Cow::Owned(out)
}

const OPS: &[(&str, Op)] = &[
    (">=", Op::Ge),
    ("≥", Op::Ge),
    ("=>", Op::Ge),
    ("<=", Op::Le),
    ("≤", Op::Le),
    ("=<", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("==", Op::Eq),
    ("=", Op::Eq),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("达到", Op::Ge),
    ("大于等于", Op::Ge),
    ("高于", Op::Gt),
    ("大于", Op::Gt),
    ("超过", Op::Gt),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不多于", Op::Le),
    ("不大于", Op::Le),
    ("小于等于", Op::Le),
    ("低于", Op::Lt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
    ("控制在", Op::Le),
    ("等于", Op::Eq),
];

/// Splits a leading operator off a normalised text.
pub fn strip_op(s: &str) -> Option<(Op, &str)> {
    OPS.iter()
        .find(|(p, _)| s.starts_with(p))
        .map(|(p, op)| (*op, &s[p.len()..]))
}

/// Splits a trailing `以上`/`以下`/`以内` off a normalised text.
pub fn strip_suffix_op(s: &str) -> Option<(Op, &str)> {
    for (suf, op) in [
        ("及以上", Op::Ge),
        ("以上", Op::Ge),
        ("及以下", Op::Le),
        ("以下", Op::Le),
        ("以内", Op::Le),
    ] {
        if let Some(rest) = s.strip_suffix(suf) {
            return Some((op, rest));
        }
    }
    None
}

/// Reads a leading decimal number (sign, thousands separators, decimal point) and returns it
/// with the rest of the text.
pub fn leading_number(s: &str) -> Option<(Decimal, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let start_digits = i;
    let (mut seen_point, mut separators) = (false, false);
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => {}
            b'.' if !seen_point && i + 1 < b.len() && b[i + 1].is_ascii_digit() => {
                seen_point = true
            }
            // A thousands separator: a comma followed by exactly three digits.
            b',' if !seen_point
                && i > start_digits
                && b.len() >= i + 4
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit()) =>
            {
                separators = true;
            }
            _ => break,
        }
        i += 1;
    }
    if i == start_digits {
        return None;
    }
    let negative = b[0] == b'-';
    let body = &s[start_digits..i];
    // The usual number is parsed where it stands; only separators need a copy.
    let value: Decimal = if separators {
        body.replace(',', "").parse().ok()?
    } else if let Some(d) = small_decimal(body) {
        d
    } else {
        body.parse().ok()?
    };
    Some((if negative { -value } else { value }, &s[i..]))
}

/// Digits with an optional decimal point and at most 18 digits, read straight into a mantissa
/// and a scale (the common case, without `Decimal`'s general parser).
/// `None` for anything else, including `.`, `5.` and the empty text.
pub fn small_decimal(body: &str) -> Option<Decimal> {
    let b = body.as_bytes();
    if b.len() > 18 || !b.last().is_some_and(u8::is_ascii_digit) {
        return None; // 18 digits always fit in a u64
    }
    let (mut m, mut scale, mut point) = (0u64, 0u32, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                if point {
                    scale += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    // at most 18 digits: the mantissa fits in the low 64 bits, the scale is at most 18
    Some(Decimal::from_parts(
        m as u32,
        (m >> 32) as u32,
        0,
        false,
        scale,
    ))
}

/// A calendar date, possibly without year or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    /// `None` for the end of the month (月底).
    pub day: Option<u32>,
}

impl Date {
    /// The last day of the month in `year` (31 when the year is unknown is not needed:
    /// callers resolve the year first).
    pub fn last_day(year: i32, month: u32) -> u32 {
        match month {
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// (year, month, day) with the year filled from `year` and 月底 made the last day.
    pub fn resolve(self, year: i32) -> (i32, u32, u32) {
        let y = self.year.unwrap_or(year);
        let d = self.day.unwrap_or_else(|| Date::last_day(y, self.month));
        (y, self.month, d)
    }

    pub fn display(&self) -> String {
        let mut s = String::new();
        if let Some(y) = self.year {
            s.push_str(&format!("{y}年"));
        }
        s.push_str(&format!("{}月", self.month));
        match self.day {
            Some(d) => s.push_str(&format!("{d}日")),
            None => s.push('底'),
        }
        s
    }
}

/// What follows a date: nothing, or a word meaning "by" (之前, 前, 以前).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateText {
    pub date: Date,
    /// The text says "by this date" (之前/前/以前/月底/月末) rather than naming a day or month.
    pub by: bool,
    /// The text is a number and `月` alone (`4月`, `12月`): a month of the year or a number of
    /// months, which the text alone cannot tell apart.
    pub bare_month: bool,
}

/// One to four leading ASCII digits, and the rest.
fn small_number(s: &str) -> Option<(u32, &str)> {
    let b = s.as_bytes();
    let end = b.iter().take(5).take_while(|c| c.is_ascii_digit()).count();
    if end == 0 || end > 4 {
        return None;
    }
    let n = b[..end]
        .iter()
        .fold(0, |n, &c| n * 10 + u32::from(c - b'0'));
    Some((n, &s[end..]))
}

/// Reads a whole normalised text as a date: `2024-11-30`, `2024/11/30`, `2024年11月30日`,
/// `12月底之前`, `12月底前`, `2024年12月31日前`, `年底前`. `None` when it is not a date.
pub fn parse_date(s: &str) -> Option<DateText> {
    if matches!(
        s,
        "年底" | "年底前" | "年底之前" | "年内" | "年末" | "年末前"
    ) {
        return Some(DateText {
            date: Date {
                year: None,
                month: 12,
                day: None,
            },
            by: true,
            bare_month: false,
        });
    }
    // Every other date starts with a number of one to four digits and a separator, 年 or 月.
    let (_, after) = small_number(s)?;
    if !(after.starts_with(['-', '/', '.', '年', '月'])) {
        return None;
    }
    let (date, rest) = iso_date(s).or_else(|| chinese_date(s))?;
    let (by_word, rest) = match ["之前", "以前", "前", "止", "内"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
    {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest
        .strip_prefix("完成")
        .or_else(|| rest.strip_prefix("完工"))
        .unwrap_or(rest);
    if !rest.is_empty() || !valid(&date) {
        return None;
    }
    let by = by_word || s.contains('底') || s.contains('末');
    let bare_month = !by
        && date.year.is_none()
        && date.day.is_none()
        && small_number(s).is_some_and(|(_, after)| after == "月");
    Some(DateText {
        date,
        by,
        bare_month,
    })
}

fn valid(d: &Date) -> bool {
    if !(1..=12).contains(&d.month) {
        return false;
    }
    match d.day {
        None => true,
        Some(day) => day >= 1 && day <= Date::last_day(d.year.unwrap_or(2000), d.month),
    }
}

fn iso_date(s: &str) -> Option<(Date, &str)> {
    let (y, rest) = small_number(s)?;
    if !(1900..=2999).contains(&y) {
        return None;
    }
    let sep = rest.chars().next()?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let (m, rest) = small_number(&rest[1..])?;
    let rest = rest.strip_prefix(sep)?;
    let (d, rest) = small_number(rest)?;
    Some((
        Date {
            year: Some(y as i32),
            month: m,
            day: Some(d),
        },
        rest,
    ))
}

fn chinese_date(s: &str) -> Option<(Date, &str)> {
    let (first, rest) = small_number(s)?;
    let (year, month, rest) = if let Some(r) = rest.strip_prefix('年') {
        let (m, r) = small_number(r)?;
        (Some(first as i32), m, r.strip_prefix('月')?)
    } else {
        (None, first, rest.strip_prefix('月')?)
    };
    if let Some(r) = rest.strip_prefix('底').or_else(|| rest.strip_prefix('末')) {
        return Some((
            Date {
                year,
                month,
                day: None,
            },
            r,
        ));
    }
    if let Some((d, r)) = small_number(rest) {
        let r = r.strip_prefix('日').or_else(|| r.strip_prefix('号'))?;
        return Some((
            Date {
                year,
                month,
                day: Some(d),
            },
            r,
        ));
    }
    // `12月` alone, or `12月份`: the month as a whole.
    let rest = rest.strip_prefix('份').unwrap_or(rest);
    Some((
        Date {
            year,
            month,
            day: None,
        },
        rest,
    ))
}

/// Parses a decimal written as text: `3.60`, `1,672.81`, `100%`, `30分`.
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    if let Some(d) = small_decimal(s) {
        return Some(d); // the usual cell: plain digits
    }
    let n = normalize(s);
    let (v, rest) = leading_number(&n)?;
    matches!(rest, "" | "%" | "分" | "万元" | "元").then_some(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_from_text() {
        assert_eq!(
            super::parse_decimal("1,672.81"),
            Some("1672.81".parse().unwrap())
        );
        assert_eq!(
            super::parse_decimal("100%"),
            Some(rust_decimal::Decimal::from(100))
        );
        assert_eq!(super::parse_decimal("abc"), None);
        assert_eq!(super::parse_decimal("5次"), None);
    }

    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn edges_clean(b: &[u8]) -> bool {
        match b {
            [] => true,
            [first, .., last] | [first @ last] => clean_edges(b, *first, *last),
        }
    }

    #[test]
    fn clean_edges_are_exactly_those_without_white_space() {
        // every white-space character, alone and at either end, is seen as a possible space
        let spaces = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace());
        for c in spaces {
            for s in [format!("{c}"), format!("{c}指标"), format!("指标{c}")] {
                assert!(!edges_clean(s.as_bytes()), "{s:?}");
                assert_eq!(trim(&s), s.trim());
            }
        }
        // and every other character is told clean, at either end
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}");
            assert_eq!(edges_clean(s.as_bytes()), !c.is_whitespace(), "{c:?}");
        }
        assert!(edges_clean(b""));
    }

    #[test]
    fn normalizes_full_width_and_markup() {
        assert_eq!(normalize("＞＝９０％"), ">=90%");
        assert_eq!(normalize("$\\geq 98\\%$"), "≥98%");
        assert_eq!(normalize(" 12 月底之前 "), "12月底之前");
        assert_eq!(normalize("≧5"), "≥5");
    }

    #[test]
    fn reads_numbers_fast_and_slow_alike() {
        for t in [
            "0",
            "7",
            "99.2",
            "0.05",
            "3.60",
            "123456789012345678",
            "9999999999999999999",
            "1234567890123456789012",
            "12.3456789012345678901",
        ] {
            let (fast, _) = leading_number(t).unwrap();
            assert_eq!(fast, t.parse::<Decimal>().unwrap(), "{t}");
            assert_eq!(
                fast.to_string(),
                t.parse::<Decimal>().unwrap().to_string(),
                "{t}"
            );
        }
        assert_eq!(leading_number("-0.5").unwrap().0, d("-0.5"));
    }

    #[test]
    fn reads_numbers_with_separators() {
        assert_eq!(leading_number("1,672.81万元"), Some((d("1672.81"), "万元")));
        assert_eq!(leading_number("-3.5%"), Some((d("-3.5"), "%")));
        assert_eq!(leading_number("12,34"), Some((d("12"), ",34")));
        assert_eq!(leading_number("abc"), None);
        assert_eq!(leading_number("5."), Some((d("5"), ".")));
    }

    #[test]
    fn reads_dates() {
        let by_dec = parse_date("12月底之前").unwrap();
        assert!(by_dec.by);
        assert_eq!(by_dec.date.month, 12);
        assert_eq!(by_dec.date.day, None);
        assert!(parse_date("12月底前").unwrap().by);
        let full = parse_date("2024年12月31日前").unwrap();
        assert_eq!(full.date.resolve(2000), (2024, 12, 31));
        assert!(full.by);
        let iso = parse_date("2024-11-30").unwrap();
        assert!(!iso.by);
        assert_eq!(iso.date.resolve(1), (2024, 11, 30));
        assert!(!parse_date("2024年11月30日").unwrap().by);
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("13月底前"), None);
        assert_eq!(parse_date("12月底之前完成系统"), None);
        assert_eq!(Date::last_day(2024, 2), 29);
        assert_eq!(Date::last_day(2100, 2), 28);
    }

    #[test]
    fn reads_operators() {
        assert_eq!(Op::parse("≥"), Some(Op::Ge));
        assert_eq!(Op::parse("＜＝"), Some(Op::Le));
        assert_eq!(Op::parse("定性"), None);
        assert_eq!(strip_op("不低于90%"), Some((Op::Ge, "90%")));
    }
}
