//! `explain [CODE]`: every flag and review code with its summary, or one rule's doc.

use std::io::Write;

use super::{Exit, emit, flush, write_failed};
use crate::flags::registry;
use crate::i18n::Lang;
use crate::render::explain;

pub fn explain(code: Option<&str>, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let text = match code {
        None => explain::list(lang),
        Some(c) => match (registry::find(c), crate::review::registry::find(c)) {
            (Some(r), _) => explain::rule(r, lang),
            (None, Some(r)) => explain::review_rule(r, lang),
            (None, None) if crate::monitor::registry::find(c).is_some() => {
                let r = crate::monitor::registry::find(c).expect("found above");
                explain::monitor_rule(r, lang)
            }
            (None, None) => {
                let _ = writeln!(err, "{}", explain::unknown(c, lang));
                return Exit::BadInput;
            }
        },
    };
    match emit(out, text.as_bytes()).and_then(|()| flush(out)) {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}
