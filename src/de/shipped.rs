//! Data files that ship in the binary or come from the user's disk (a review rubric, a
//! monitoring policy): one found by its shipped name, else read as a file; and the line of a
//! key in a YAML text, for errors that point at it.

use crate::error::InputError;
use crate::i18n::Text;

/// What is loaded, for the message when nothing is found: its words in both languages
/// (审核规则 / review rubric).
pub struct Kind {
    pub zh: &'static str,
    pub en: &'static str,
    /// The folder of the repository the shipped files come from (`rubrics/review`), which
    /// names them in errors.
    pub folder: &'static str,
}

/// The shipped file named `name_or_path`, else the file at that path, parsed by `parse`
/// (given the name errors use and the text).
pub fn load<T>(
    name_or_path: &str,
    shipped: &[(&str, &str)],
    kind: &Kind,
    parse: impl Fn(&str, &str) -> Result<T, InputError>,
) -> Result<T, InputError> {
    if let Some((name, text)) = shipped.iter().find(|(n, _)| *n == name_or_path) {
        return parse(&format!("{}/{name}.yaml", kind.folder), text);
    }
    if !std::path::Path::new(name_or_path).exists() {
        let names: Vec<&str> = shipped.iter().map(|(n, _)| *n).collect();
        return Err(InputError::new(
            name_or_path,
            Text::new(
                format!(
                    "找不到{}：既不是内置规则（{}），也不是文件",
                    kind.zh,
                    names.join("、")
                ),
                format!(
                    "no such {}: neither a shipped one ({}) nor a file",
                    kind.en,
                    names.join(", ")
                ),
            ),
        ));
    }
    let text = super::limits::read_file(name_or_path)?;
    parse(name_or_path, &text)
}

/// The first line (1-based) of `text` outside a comment that holds `needle`.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIND: Kind = Kind {
        zh: "测试规则",
        en: "test rule",
        folder: "rubrics/test",
    };

    #[test]
    fn shipped_then_file_then_a_message_naming_the_shipped() {
        let shipped = [("one", "a: 1\n")];
        let named = load("one", &shipped, &KIND, |f, t| {
            Ok((f.to_string(), t.to_string()))
        });
        assert_eq!(
            named.unwrap(),
            ("rubrics/test/one.yaml".into(), "a: 1\n".into())
        );
        let e = load("no-such", &shipped, &KIND, |_, _| Ok(())).unwrap_err();
        assert!(e.message.en.contains("no such test rule") && e.message.en.contains("(one)"));
        assert_eq!(line_of("# a: x\nb: 1\na: 2\n", "a:"), Some(3));
        assert_eq!(line_of("b: 1\n", "a:"), None);
    }
}
