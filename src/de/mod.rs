//! Deserialising YAML, shared by every reader of it (project files, rubrics, the indicator
//! library): decimals written as numbers or text, scalars read as text, vocabulary words,
//! (in `position`) serde errors turned into input errors that keep their position and both
//! languages, and (in `limits`) the size and depth a document may have before it is parsed. It
//! sits below the rubric and the library, which deserialise with it.

pub mod limits;
mod position;
pub mod shipped;

pub use position::yaml_error;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

use schemars::{Schema, SchemaGenerator, json_schema};

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

// The editor schemas (`jixiao schema`) of what the readers above accept, each next to its
// reader so that the two change together. They accept everything the reader does (a schema
// that rejects a file jixiao reads would put a red line under good work) and reject what they
// can see is wrong.

/// What [`decimal`] reads: a number, or a text holding one (`90%`, `1,672.81`, `18.9万元`).
pub fn decimal_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": DIGIT},
        ]
    })
}

/// What [`opt_decimal`] reads: as [`decimal_schema`], or nothing.
pub fn opt_decimal_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": DIGIT},
            {"type": "null"},
        ]
    })
}

/// A digit, ASCII or full width: a text without one never reads as a number.
const DIGIT: &str = "[0-9\u{ff10}-\u{ff19}]";

/// What [`scalar`] reads: a text, a number or a boolean.
pub fn scalar_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "number", "boolean"]})
}

/// What [`opt_scalar`] reads: as [`scalar_schema`], or nothing.
pub fn opt_scalar_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "number", "boolean", "null"]})
}

/// The white space `str::trim` takes off (Unicode White_Space), as a regular-expression class.
pub const SPACE: &str =
    "[\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

/// How a vocabulary compares a word with its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Trimmed, lower-case, without ` ` or U+3000 inside (`Level1::parse`).
    Key,
    /// Ignoring ASCII case only (`Tier::parse`).
    AsciiCase,
    /// As written (`Money::parse`).
    Exact,
}

/// A regular expression (unanchored) that matches the words of `words` as `fold` compares them.
pub fn word_pattern(words: &[&str], fold: Fold) -> String {
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let chars: Vec<String> = w
                .chars()
                .map(|c| match c {
                    c if c.is_ascii_alphabetic() && fold != Fold::Exact => {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    }
                    c if "\\^$.|?*+()[]{}/".contains(c) => format!("\\{c}"),
                    c => c.to_string(),
                })
                .collect();
            match fold {
                Fold::Key => chars.join("[ \\u3000]*"),
                _ => chars.concat(),
            }
        })
        .collect();
    match fold {
        Fold::Key => format!("{SPACE}*(?:{}){SPACE}*", alts.join("|")),
        _ => format!("(?:{})", alts.join("|")),
    }
}

/// What [`word`] reads for a vocabulary: one of `shown` (offered by the editor), or any of
/// `words` as `fold` compares them; or nothing when `nullable`. `accepted` is what the editor
/// says of a word that is none of them (VS Code's YAML extension shows `patternErrorMessage`
/// rather than the pattern).
pub fn word_schema(
    shown: &[&str],
    words: &[&str],
    fold: Fold,
    accepted: &str,
    nullable: bool,
) -> Schema {
    let mut any = vec![
        serde_json::json!({"enum": shown}),
        serde_json::json!({
            "type": "string",
            "pattern": format!("^{}$", word_pattern(words, fold)),
            "patternErrorMessage": format!("应为 / expected: {accepted}"),
        }),
    ];
    if nullable {
        any.push(serde_json::json!({"type": "null"}));
    }
    json_schema!({"anyOf": any})
}

/// What [`words`] reads for a vocabulary: a list of its words.
pub fn words_schema(shown: &[&str], words: &[&str], fold: Fold, accepted: &str) -> Schema {
    json_schema!({"type": "array", "items": word_schema(shown, words, fold, accepted, false)})
}

/// The words of a vocabulary listed as `(value, words)`, flattened.
pub fn all_words<T>(table: &[(T, &'static [&'static str])]) -> Vec<&'static str> {
    table.iter().flat_map(|(_, w)| w.iter().copied()).collect()
}

/// The schema of a list of level1 words ([`level1s`]).
pub fn level1s_schema(_: &mut SchemaGenerator) -> Schema {
    use crate::model::Level1;
    let shown: Vec<&str> = Level1::ALL.iter().flat_map(|l| [l.zh(), l.en()]).collect();
    words_schema(
        &shown,
        &all_words(Level1::WORDS),
        Fold::Key,
        Level1::ACCEPTED,
    )
}

/// The schema of a list of level2 words ([`level2s`]).
pub fn level2s_schema(_: &mut SchemaGenerator) -> Schema {
    use crate::model::Level2;
    let shown: Vec<&str> = Level2::ALL.iter().flat_map(|l| [l.zh(), l.en()]).collect();
    words_schema(
        &shown,
        &all_words(Level2::WORDS),
        Fold::Key,
        Level2::ACCEPTED,
    )
}

/// Adds to an object schema the other names its reader takes for a key (serde's `alias`), each
/// with the key's schema, and refuses a key given under two of its names, as serde does (a
/// duplicate field). `aliases` pairs a key with one other name; a test of each reader checks
/// that the schema's keys are the reader's.
pub fn add_aliases(schema: &mut Schema, aliases: &[(&str, &str)]) {
    let mut twice = Vec::new();
    if let Some(props) = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
    {
        for (i, (key, alias)) in aliases.iter().enumerate() {
            if let Some(s) = props.get(*key).cloned() {
                props.insert(alias.to_string(), s);
            }
            twice.push(serde_json::json!({"not": {"required": [key, alias]}}));
            for (k2, other) in &aliases[i + 1..] {
                if k2 == key {
                    twice.push(serde_json::json!({"not": {"required": [alias, other]}}));
                }
            }
        }
    }
    if twice.is_empty() {
        return;
    }
    match schema
        .get_mut("allOf")
        .and_then(serde_json::Value::as_array_mut)
    {
        Some(all) => all.extend(twice),
        None => {
            schema.insert("allOf".into(), twice.into());
        }
    }
}

/// The keys a struct's reader takes (serde lists them, aliases too, when it refuses an unknown
/// one) and the keys its editor schema has, for the tests that hold the two together.
#[cfg(test)]
pub(crate) fn keys_of<T, S>() -> (Vec<String>, Vec<String>)
where
    T: serde::de::DeserializeOwned,
    S: schemars::JsonSchema,
{
    let e = match serde_yaml::from_str::<T>("zz_unknown_zz: 1\n") {
        Err(e) => e.to_string(),
        Ok(_) => panic!("an unknown key is read"),
    };
    let list = e.split("expected ").nth(1).unwrap_or("");
    let mut read: Vec<String> = list
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    read.sort();
    let schema = SchemaGenerator::default().into_root_schema_for::<S>();
    let mut has: Vec<String> = schema
        .get("properties")
        .and_then(serde_json::Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    has.sort();
    (read, has)
}
