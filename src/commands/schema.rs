//! `schema KIND`: prints the editor schema (JSON Schema, draft-07) of a kind of file, for an
//! editor's YAML language server.

use std::io::Write;

use super::{Exit, emit, flush, write_failed};
use crate::i18n::Lang;
use crate::schema::{SchemaKind, schema as schema_of};

pub fn schema(kind: SchemaKind, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match emit(out, schema_of(kind).as_bytes()).and_then(|()| flush(out)) {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}
