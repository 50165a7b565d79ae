//! `rubrics`, `rubric check FILE` and `rubric show NAME`.

use std::io::Write;

use super::Exit;
use crate::i18n::Lang;
use crate::render::table;
use crate::rubric;
use crate::scheme::Scheme;

/// `rubrics`: the shipped rubrics, one line each.
pub fn list_rubrics(lang: Lang, out: &mut dyn Write) -> Exit {
    let mut s = String::new();
    for (name, _) in rubric::SHIPPED {
        match Scheme::load(name) {
            Ok(r) => s.push_str(&format!("{name:<20} {}\n", r.title(lang))),
            Err(e) => s.push_str(&format!("{name:<20} {}\n", e.render(lang))),
        }
    }
    let _ = out.write_all(s.as_bytes());
    Exit::Clean
}

/// `rubric check FILE`: loads and checks a rubric (its flag settings too); exit 0 when it is
/// sound, 2 when not.
pub fn rubric_check(path: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    match Scheme::load(path) {
        Ok(r) => {
            let _ = match lang {
                Lang::Zh => writeln!(out, "{path}: 评分规则 {} 检查通过", r.id),
                Lang::En => writeln!(out, "{path}: rubric {} is sound", r.id),
            };
            Exit::Clean
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
        Ok(r) => {
            let _ = out.write_all(table::rubric(&r, lang).as_bytes());
            Exit::Clean
        }
        Err(e) => {
            let _ = writeln!(err, "{}", e.render(lang));
            Exit::BadInput
        }
    }
}
