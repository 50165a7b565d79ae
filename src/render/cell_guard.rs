//! Text from the forms written into a spreadsheet never starts a formula: a cell a unit filled
//! with `=HYPERLINK(…)` or `@SUM(…)` stays the text it was when the bureau opens the output.

/// Whether `s`, typed into a spreadsheet cell as it is, would be read as a formula: it begins
/// with `=`, `+`, `-` or `@` (or a tab or carriage return before one), and is not simply a
/// signed number (`-5`, `+3.5%`), which a spreadsheet reads as the number it is.
pub fn starts_formula(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    match first {
        '=' | '@' | '\t' | '\r' => true,
        '+' | '-' => !is_signed_number(&s[1..]),
        _ => false,
    }
}

/// `s` made safe for a CSV cell: prefixed with `'` (which a spreadsheet shows as text and
/// hides) when it would start a formula.
pub fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    if starts_formula(s) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
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
            assert_eq!(csv_text(f), format!("'{f}"));
        }
        for t in [
            "",
            "-5",
            "+3.5%",
            "-0.25",
            "≥90%",
            ">=90%",
            "有所提升",
            "5-6",
            "a=b",
        ] {
            assert!(!starts_formula(t), "{t}");
            assert_eq!(csv_text(t), t);
        }
    }
}
