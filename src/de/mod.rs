//! Deserialising YAML, shared by every reader of it (project files, rubrics, the indicator
//! library): decimals written as numbers or text, scalars read as text, vocabulary words,
//! (in `position`) serde errors turned into input errors that keep their position and both
//! languages, and (in `limits`) the size and depth a document may have before it is parsed. It
//! sits below the rubric and the library, which deserialise with it.

pub mod limits;
mod position;

pub use position::yaml_error;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

use crate::i18n::Text;
use crate::model::lexeme::parse_decimal;
use crate::num::decimal_from_f64;

/// Separates the Chinese and English halves of a message carried through a serde error.
const SEP: char = '\u{1f}';

/// A serde error carrying both languages.
pub fn custom<E: de::Error>(t: Text) -> E {
    E::custom(format!("{}{SEP}{}", t.zh, t.en))
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

/// A list of words, each read by `parse`; the first that is not a word is an error that lists
/// the accepted words.
pub fn words<'de, D, T>(
    d: D,
    what: (&str, &str),
    accepted: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
{
    use serde::Deserialize;
    let words = Vec::<String>::deserialize(d)?;
    words
        .iter()
        .map(|w| parse(w).ok_or_else(|| custom(unknown_word(what, w, accepted))))
        .collect()
}

/// A list of level1 words (`[产出指标, cost]`).
pub fn level1s<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<crate::model::Level1>, D::Error> {
    use crate::model::Level1;
    words(d, ("一级指标", "level1"), Level1::ACCEPTED, Level1::parse)
}

/// A list of level2 words (`[满意度指标, quantity]`).
pub fn level2s<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<crate::model::Level2>, D::Error> {
    use crate::model::Level2;
    words(d, ("二级指标", "level2"), Level2::ACCEPTED, Level2::parse)
}
