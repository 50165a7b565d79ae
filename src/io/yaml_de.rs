//! Serde helpers shared by every YAML reader: decimals written as numbers or text, scalars read as
//! text, the vocabulary words, and errors that keep their position and both languages.

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

use crate::error::InputError;
use crate::i18n::Text;
use crate::model::lexeme::{leading_number, normalize, small_decimal};

/// Separates the Chinese and English halves of a message carried through a serde error.
const SEP: char = '\u{1f}';

/// A serde error carrying both languages.
pub fn custom<E: de::Error>(t: Text) -> E {
    E::custom(format!("{}{SEP}{}", t.zh, t.en))
}

/// Turns a serde_yaml error into an input error with file, line, column and, for an unknown key,
/// the nearest valid key. `text` is the source, used to point at the offending value itself
/// (serde_yaml reports a value error at the start of the mapping that holds it).
pub fn yaml_error(file: &str, text: &str, e: &serde_yaml::Error) -> InputError {
    let (mut line, mut col) = match e.location() {
        Some(l) => (Some(l.line()), Some(l.column())),
        None => (None, None),
    };
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; the position is reported separately.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let msg = msg
        .split_once(": ")
        .filter(|(path, _)| !path.contains(' ') && !path.contains(SEP))
        .map(|(_, m)| m.to_string())
        .unwrap_or(msg);
    let message = if let Some((zh, en)) = msg.split_once(SEP) {
        if let (Some(l), Some(quoted)) = (line, en.split('`').nth(1))
            && let Some((l2, c2)) = find_after(text, l, quoted)
        {
            (line, col) = (Some(l2), Some(c2));
        }
        Text::new(zh, en)
    } else if let Some(rest) = msg.strip_prefix("unknown field `") {
        unknown_key(rest)
    } else if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        Text::new(
            format!("缺少必填的键 `{field}`"),
            format!("missing required key `{field}`"),
        )
    } else {
        Text::new(format!("YAML 格式错误：{msg}"), format!("bad YAML: {msg}"))
    };
    InputError::new(file, message).at(line, col)
}

/// The first line at or after `line` (1-based, within the next 40) that holds `needle`, and the
/// 1-based column where it starts.
fn find_after(text: &str, line: usize, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .take(40)
        .find_map(|(i, l)| l.find(needle).map(|b| (i + 1, l[..b].chars().count() + 1)))
}

fn unknown_key(rest: &str) -> Text {
    let key = rest.split('`').next().unwrap_or("");
    let expected: Vec<&str> = rest
        .split('`')
        .skip(1)
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect();
    match nearest(key, &expected) {
        Some(near) => Text::new(
            format!("未知的键 `{key}`，是否应为 `{near}`？"),
            format!("unknown key `{key}`: did you mean `{near}`?"),
        ),
        None => Text::new(format!("未知的键 `{key}`"), format!("unknown key `{key}`")),
    }
}

/// The candidate closest to `word` by edit distance.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
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

/// Converts a YAML float to a decimal by its shortest round-trip text, so `3.6` stays `3.6`.
pub fn decimal_from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    format!("{f}")
        .parse()
        .ok()
        .or_else(|| Decimal::try_from(f).ok())
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        decimal_from_f64(v).ok_or_else(|| bad_number(&v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| bad_number(v))
    }
}

fn bad_number<E: de::Error>(v: &str) -> E {
    custom(Text::new(
        format!("`{v}` 不是数值：应为如 `21`、`18.9`、`90%`"),
        format!("`{v}` is not a number: expected e.g. `21`, `18.9`, `90%`"),
    ))
}

pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or nothing")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            decimal(d).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A scalar (text, number, boolean) read as its text.
pub fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

pub fn opt_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a text, a number or nothing")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            scalar(d).map(Some)
        }
    }
    d.deserialize_option(Opt)
}

/// Reads a vocabulary word, with an error that lists the accepted words.
pub fn word<'de, D, T>(
    d: D,
    what: (&str, &str),
    accepted: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let Some(s) = opt_scalar(d)? else {
        return Ok(None);
    };
    parse(&s)
        .map(Some)
        .ok_or_else(|| custom(unknown_word(what, &s, accepted)))
}

/// "`word` not recognised: expected …", naming what the word was for.
pub fn unknown_word(what: (&str, &str), word: &str, accepted: &str) -> Text {
    Text::new(
        format!("{} `{word}` 无法识别：应为 {accepted}", what.0),
        format!("{} `{word}` not recognised: expected {accepted}", what.1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key() {
        assert_eq!(
            nearest("wieght", &["name", "weight", "target"]),
            Some("weight")
        );
        assert_eq!(nearest("x", &[]), None);
    }

    #[test]
    fn decimals_from_text_and_float() {
        assert_eq!(parse_decimal("1,672.81"), Some("1672.81".parse().unwrap()));
        assert_eq!(parse_decimal("100%"), Some(Decimal::from(100)));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("5次"), None);
        assert_eq!(decimal_from_f64(3.6), Some("3.6".parse().unwrap()));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }
}
