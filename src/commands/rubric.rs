//! `rubrics`, `rubric check FILE` and `rubric show NAME`.

use std::io::Write;

use super::{Exit, emit, flush, write_failed};
use crate::i18n::Lang;
use crate::render::table;
use crate::rubric;
use crate::scheme::Scheme;

/// `rubrics`: the shipped rubrics, one line each.
pub fn list_rubrics(lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let mut s = String::new();
    for (name, _) in rubric::SHIPPED {
        match Scheme::load(name) {
            Ok(r) => s.push_str(&format!("{name:<20} {}\n", r.title(lang))),
            Err(e) => s.push_str(&format!("{name:<20} {}\n", e.render(lang))),
        }
    }
    match emit(out, s.as_bytes()).and_then(|()| flush(out)) {
        Ok(()) => Exit::Clean,
        Err(e) => write_failed(&e, lang, err),
    }
}

/// `rubric check FILE`: loads and checks a rubric (its flag settings too); exit 0 when it is
/// sound, 2 when not.
pub fn rubric_check(path: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match Scheme::load(path) {
        Ok(r) => {
            let line = match lang {
                Lang::Zh => format!("{path}: 评分规则 {} 检查通过\n", r.id),
                Lang::En => format!("{path}: rubric {} is sound\n", r.id),
            };
            match emit(out, line.as_bytes()).and_then(|()| flush(out)) {
                Ok(()) => Exit::Clean,
                Err(e) => write_failed(&e, lang, err),
            }
        }
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            Exit::BadInput
        }
    }
}

/// `rubric show NAME`: the rubric as a printed table.
pub fn rubric_show(name: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match Scheme::load(name) {
        Ok(r) => match emit(out, table::rubric(&r, lang).as_bytes()).and_then(|()| flush(out)) {
            Ok(()) => Exit::Clean,
            Err(e) => write_failed(&e, lang, err),
        },
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            Exit::BadInput
        }
    }
}
