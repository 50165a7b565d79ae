//! Text from the forms written into a spreadsheet never starts a formula: a cell a unit filled
//! with `=HYPERLINK(…)` or `@SUM(…)` stays the text it was when the bureau opens the output.

/// Whether `s`, typed into a spreadsheet cell as it is, would be read as a formula: it begins
/// with `=`, `+`, `-` or `@` (or a tab or carriage return before one), and is not simply a
/// signed number (`-5`, `+3.5%`), which a spreadsheet reads as the number it is.
pub fn starts_formula(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_signed_number(&s[1..]),
        _ => false,
    }
}

/// Whether a CSV cell of text from the forms needs the `'` that keeps it text: it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return. Signed numbers too: a spreadsheet would
/// show `+1` as 1 and `-1.50` as -1.5, not as the unit wrote them. One comparison for a cell
/// that begins with anything else.
pub fn csv_needs_guard(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// `s` made safe for a CSV cell: prefixed with `'` (which a spreadsheet shows as text and
/// hides) when [`csv_needs_guard`].
pub fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    if csv_needs_guard(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Appends `s` to `out` as [`csv_text`] makes it, without allocating.
pub fn push_csv_text(out: &mut String, s: &str) {
    if csv_needs_guard(s) {
        out.push('\'');
    }
    out.push_str(s);
}

/// Digits with at most one point, optionally ending in `%`.
fn is_signed_number(s: &str) -> bool {
    let s = s.strip_suffix('%').unwrap_or(s);
    let mut points = 0;
    !s.is_empty()
        && s.chars().all(|c| {
            if c == '.' {
                points += 1;
                points == 1
            } else {
                c.is_ascii_digit()
            }
        })
        && s != "."
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `csv_text` and `push_csv_text` (after text already there) give `want`.
    fn guarded(s: &str, want: &str) {
        assert_eq!(csv_text(s), want);
        let mut out = String::from("kept|");
        push_csv_text(&mut out, s);
        assert_eq!(out, format!("kept|{want}"));
    }

    #[test]
    fn formulas_are_told_from_numbers() {
        for f in [
            "=1+1",
            "@SUM(A1)",
            "+A1",
            "-A1+2",
            "=HYPERLINK(\"x\")",
            "\t=1",
            "-",
            "+.",
        ] {
            assert!(starts_formula(f), "{f}");
            guarded(f, &format!("'{f}"));
        }
        for t in ["-5", "+3.5%", "-0.25"] {
            // a spreadsheet reads them as numbers, not formulas; in CSV they are kept as written
            assert!(!starts_formula(t), "{t}");
            guarded(t, &format!("'{t}"));
        }
        for t in ["", "≥90%", ">=90%", "有所提升", "5-6", "a=b", "'=1", "＝1"] {
            assert!(!starts_formula(t), "{t}");
            guarded(t, t);
        }
    }
}
