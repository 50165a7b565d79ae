//! HTML escaping: every piece of user text (names, reasons, 偏差原因, file names) goes through
//! [`push`] before it reaches the page, in element content and in quoted attribute values alike.

/// Appends `s` to `out` with `&`, `<`, `>`, `"` and `'` escaped (safe in text and in a quoted
/// attribute).
pub fn push(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_and_the_rest_kept() {
        assert_eq!(
            text(r#"<script>alert("x")</script> & 'y' 项目"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; 项目"
        );
        assert_eq!(text("=1+1"), "=1+1");
        assert_eq!(text(""), "");
    }
}
