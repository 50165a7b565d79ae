//! `schema KIND`: prints the editor schema (JSON Schema, draft-07) of a kind of file, for an
//! editor's YAML language server.

use std::io::Write;

use super::{Exit, emit, flush, write_failed};
use crate::i18n::{Lang, Text};
use crate::schema::{SchemaKind, schema as schema_of};

/// `name` is one of [`SchemaKind::names`] (the argument parser offers only those); another is
/// bad input.
pub fn schema(name: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let Some(kind) = SchemaKind::parse(name) else {
        let names: Vec<&str> = SchemaKind::names().collect();
        let t = Text::new(
            format!("没有 `{name}` 的模式：应为 {}", names.join("、")),
            format!("no schema `{name}`: expected {}", names.join(", ")),
        );
        let _ = writeln!(err, "{}", t.get(lang));
        return Exit::BadInput;
    };
    match emit(out, schema_of(kind).as_bytes()).and_then(|()| flush(out)) {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}
