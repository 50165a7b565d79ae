//! The editor schemas: JSON Schemas (draft-07, what the YAML language server of VS Code and
//! other editors reads) of the files a clerk writes by hand, generated from the types those
//! files are read into, so that the two cannot drift. `jixiao schema KIND` prints one; the
//! repository keeps each in `schemas/KIND.schema.json`, which a YAML file names on its first
//! line (`# yaml-language-server: $schema=…`).

use schemars::generate::SchemaSettings;
use schemars::{Schema, SchemaGenerator};
use serde_json::Value;

/// A kind of file with a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// A project file (`examples/*.yaml`).
    Project,
    /// A rubric (`rubrics/*.yaml`).
    Rubric,
    /// An indicator library (`indicators/*.yaml`).
    Library,
    /// A review rubric (`rubrics/review/*.yaml`).
    Review,
    /// A monitoring policy (`rubrics/monitor/*.yaml`).
    Monitor,
}

/// Writes the root schema of a kind with the generator it is given.
type RootOf = fn(&mut SchemaGenerator) -> Schema;

/// Every kind: its name (as `jixiao schema NAME` takes it and `schemas/NAME.schema.json` holds
/// it) and the schema of its root type. A new kind is one line here and one variant above;
/// `jixiao schema` offers every name listed here.
const KINDS: &[(SchemaKind, &str, RootOf)] = &[
    (SchemaKind::Project, "project", crate::read::project::schema),
    (SchemaKind::Rubric, "rubric", rubric),
    (SchemaKind::Library, "library", crate::library::schema),
    (SchemaKind::Review, "review", crate::review::rubric::schema),
    (
        SchemaKind::Monitor,
        "monitor",
        crate::monitor::policy::schema,
    ),
];

/// A rubric's schema, with its `flags:` as the flags read them (the rubric sits below them).
fn rubric(g: &mut SchemaGenerator) -> Schema {
    let mut s = crate::rubric::schema(g);
    if let Some(p) = s.get_mut("properties").and_then(Value::as_object_mut) {
        p.insert("flags".into(), crate::flags::Settings::schema());
    }
    s
}

impl SchemaKind {
    /// Every kind, in the order `jixiao schema` lists them.
    pub fn all() -> impl Iterator<Item = SchemaKind> {
        KINDS.iter().map(|(k, _, _)| *k)
    }

    /// The names of every kind, as `jixiao schema` takes them.
    pub fn names() -> impl Iterator<Item = &'static str> {
        KINDS.iter().map(|(_, n, _)| *n)
    }

    /// The kind named `name` (`project`, `rubric`, `library`).
    pub fn parse(name: &str) -> Option<SchemaKind> {
        KINDS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(k, _, _)| *k)
    }

    pub fn name(self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, n, _)| n)
    }

    /// The file of the repository that holds the schema, relative to its root.
    pub fn file(self) -> String {
        format!("schemas/{}.schema.json", self.name())
    }
}

/// The schema of `kind`, as pretty-printed JSON ending in a newline: the same bytes every time.
pub fn schema(kind: SchemaKind) -> String {
    let of = KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, _, f)| *f)
        .expect("every kind is listed");
    let mut g = SchemaSettings::draft07().into_generator();
    let mut root = of(&mut g).to_value();
    unwrap_descriptions(&mut root);
    if let Some(m) = root.as_object_mut() {
        for (k, x) in m.iter_mut() {
            as_yaml_reads(k, x);
        }
    }
    let mut text = serde_json::to_string_pretty(&root).expect("a schema is JSON");
    text.push('\n');
    text
}

/// Joins the lines of every description that a doc comment wrapped (an editor shows each line
/// break as a new paragraph), keeping blank lines as paragraph breaks.
fn unwrap_descriptions(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if k == "description" => {
                        let paragraphs: Vec<String> = s
                            .split("\n\n")
                            .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect();
                        *s = paragraphs.join("\n\n");
                    }
                    x => unwrap_descriptions(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// Widens the types of `v` (found under `key`) to what serde_yaml reads into them, so that the
/// schema never refuses a file jixiao reads: a text accepts any scalar (`name: 123` is the text
/// `123`, an empty `name:` the empty text), and a mapping or a list accepts an empty value
/// (`notes:` with nothing after it is an empty mapping), which an editor sees as null. A text
/// with a pattern, a list of words or a constant is left alone (its reader parses the text),
/// and so are the alternatives of `anyOf` and `oneOf`, where a null would match several.
fn as_yaml_reads(key: &str, v: &mut Value) {
    /// The key an alternative of `anyOf` or `oneOf` is walked under.
    const BRANCH: &str = "\0branch";
    let Value::Object(m) = v else {
        if let Value::Array(a) = v {
            let each = if matches!(key, "anyOf" | "oneOf") {
                BRANCH
            } else {
                ""
            };
            a.iter_mut().for_each(|x| as_yaml_reads(each, x));
        }
        return;
    };
    let parsed = ["pattern", "enum", "const", "format"]
        .iter()
        .any(|k| m.contains_key(*k));
    let ty = m.get("type").cloned();
    let widened = match ty.as_ref() {
        Some(Value::String(t)) if t == "string" && !parsed => {
            Some(serde_json::json!(["string", "number", "boolean", "null"]))
        }
        Some(Value::Array(t)) if t == &["string", "null"] && !parsed => {
            Some(serde_json::json!(["string", "number", "boolean", "null"]))
        }
        Some(Value::String(t)) if (t == "object" || t == "array") && key != BRANCH => {
            Some(serde_json::json!([t, "null"]))
        }
        _ => None,
    };
    if let Some(w) = widened {
        m.insert("type".into(), w);
    }
    // a decimal's default is written as a number, as a clerk writes it (rust_decimal writes
    // text)
    let number = |x: &Value| x.get("type").and_then(Value::as_str) == Some("number");
    let takes_number = m
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(number));
    if let Some(Value::String(d)) = m.get("default")
        && takes_number
        && let Ok(n) = d.parse::<serde_json::Number>()
    {
        m.insert("default".into(), Value::Number(n));
    }
    for (k, x) in m.iter_mut() {
        as_yaml_reads(k, x);
    }
}
