//! The rules' docs, as `explain` prints them: every code with its summary (the flags, then the
//! review rules), or one rule's whole doc.

use crate::flags::{Doc, Rule, Severity, registry};
use crate::i18n::Lang;

fn line(s: &mut String, code: &str, severity: Severity, summary: &str) {
    s.push_str(&format!("{:<26} {:<8} {}\n", code, severity.key(), summary));
}

/// Every code, its default severity and its summary, one line each: the flags, then the rules
/// of `jixiao review` (their summaries marked as such).
pub fn list(lang: Lang) -> String {
    let mut s = String::new();
    for r in registry::RULES {
        line(&mut s, r.code, r.severity, r.summary.get(lang));
    }
    let mark = match lang {
        Lang::Zh => "（目标审核）",
        Lang::En => "(review) ",
    };
    for r in crate::review::registry::RULES {
        let summary = format!("{mark}{}", r.summary.get(lang));
        line(&mut s, r.code, r.severity, &summary);
    }
    let mark = match lang {
        Lang::Zh => "（运行监控）",
        Lang::En => "(monitor) ",
    };
    for r in crate::monitor::registry::RULES {
        let summary = format!("{mark}{}", r.summary.get(lang));
        line(&mut s, r.code, r.severity, &summary);
    }
    s
}

fn doc(code: &str, severity: Severity, summary: Doc, explain: Doc, lang: Lang) -> String {
    format!(
        "{} ({}: {})\n{}\n\n{}\n",
        code,
        match lang {
            Lang::Zh => "默认级别",
            Lang::En => "default severity",
        },
        severity.label(lang),
        summary.get(lang),
        explain.get(lang)
    )
}

/// One rule's doc: code, default severity, summary, then what, why, basis, example and fix.
pub fn rule(r: &Rule, lang: Lang) -> String {
    doc(r.code, r.severity, r.summary, r.explain, lang)
}

/// One review rule's doc, as [`rule`].
pub fn review_rule(r: &crate::review::Rule, lang: Lang) -> String {
    doc(r.code, r.severity, r.summary, r.explain, lang)
}

/// One monitoring rule's doc, as [`rule`].
pub fn monitor_rule(r: &crate::monitor::Rule, lang: Lang) -> String {
    doc(r.code, r.severity, r.summary, r.explain, lang)
}

/// No rule has this code: the one meant, when one is close; else every code.
pub fn unknown(code: &str, lang: Lang) -> String {
    let codes: Vec<&str> = registry::RULES
        .iter()
        .map(|r| r.code)
        .chain(crate::review::registry::RULES.iter().map(|r| r.code))
        .chain(crate::monitor::registry::RULES.iter().map(|r| r.code))
        .collect();
    // a close spelling, else the one code that has every word given (`cost-missing`)
    let words: Vec<&str> = code.split('-').filter(|w| !w.is_empty()).collect();
    let having: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|c| !words.is_empty() && words.iter().all(|w| c.split('-').any(|p| p == *w)))
        .collect();
    let near = crate::suggest::nearest(code, &codes).or(match having[..] {
        [one] => Some(one),
        _ => None,
    });
    match (near, lang) {
        (Some(near), Lang::Zh) => {
            format!("没有代码为 `{code}` 的规则；是否应为 `{near}`？用 `jixiao explain` 列出全部")
        }
        (Some(near), Lang::En) => {
            format!("no rule `{code}`; did you mean `{near}`? `jixiao explain` lists them all")
        }
        (None, Lang::Zh) => format!(
            "没有代码为 `{code}` 的规则。规则代码有：{}",
            codes.join("、")
        ),
        (None, Lang::En) => format!("no rule `{code}`. The codes are: {}", codes.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_suggests_only_a_close_one() {
        let near = unknown("score-inflate", Lang::En);
        assert!(near.contains("did you mean `score-inflated`"), "{near}");
        let far = unknown("nonexistent-code", Lang::En);
        assert!(!far.contains("did you mean"), "{far}");
        for r in registry::RULES {
            assert!(far.contains(r.code), "{far}");
        }
        assert!(
            unknown("nonexistent-code", Lang::Zh).contains("规则代码有：actual-restates-target")
        );
        // every word given, in one code only
        let words = unknown("cost-missing", Lang::En);
        assert!(
            words.contains("did you mean `cost-indicator-missing`"),
            "{words}"
        );
        // in many: no guess
        assert!(!unknown("missing", Lang::En).contains("did you mean"));
    }
}
