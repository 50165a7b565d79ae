//! The list of every review rule, in report order, and the flags reviewed as they are.

use super::Rule;
use super::{ambition, boilerplate, completeness, consistency, measurability};

/// Every review rule.
pub static RULES: &[&Rule] = &[
    &completeness::NO_OUTPUT,
    &completeness::NO_BENEFIT,
    &completeness::NO_QUANTITY,
    &completeness::NO_QUALITY,
    &completeness::COST_MISSING,
    &completeness::TIMELINESS_WITHOUT_DATE,
    &completeness::SATISFACTION_HINT,
    &completeness::SATISFACTION_MISPLACED,
    &completeness::QUANTITY_IS_DURATION,
    &measurability::TARGET_WITHOUT_NUMBER,
    &measurability::NUMBER_WITHOUT_UNIT,
    &measurability::COST_NOT_MONEY,
    &measurability::QUALITATIVE_SHARE,
    &consistency::WEIGHTS_ABSENT,
    &consistency::WEIGHT_MISSING,
    &consistency::WEIGHTS_TOTAL,
    &consistency::WEIGHTS_SPLIT,
    &consistency::WEIGHT_CONCENTRATED,
    &consistency::DUPLICATE_INDICATOR,
    &consistency::COST_OVER_BUDGET,
    &ambition::BELOW_LAST_ACTUAL,
    &ambition::UNCHANGED_THOUGH_EXCEEDED,
    &ambition::MISSED_DROPPED,
    &ambition::LAST_ACTUAL_UNMEASURED,
    &boilerplate::INDICATORS_COPIED,
    &boilerplate::GOAL_TEXT_SHARED,
];

/// Flags of [`crate::flags`] that need no scorecard and are reviewed under their own codes,
/// severities and docs (`jixiao explain` finds them among the flags).
pub static BRIDGED: &[&str] = &["direction-conflict", "target-month-guessed"];

/// What a review code is: its default severity, its summary and its doc (a review rule's, or a
/// bridged flag's).
#[derive(Clone, Copy)]
pub struct About {
    pub code: &'static str,
    pub severity: crate::flags::Severity,
    pub summary: crate::flags::Doc,
    pub explain: crate::flags::Doc,
}

/// What `code` is, when it is a review rule or a bridged flag.
pub fn about(code: &str) -> Option<About> {
    all().find(|a| a.code == code)
}

/// Every code a review can find, in report order: the rules, then the bridged flags.
pub fn all() -> impl Iterator<Item = About> {
    let rules = RULES.iter().map(|r| About {
        code: r.code,
        severity: r.severity,
        summary: r.summary,
        explain: r.explain,
    });
    let bridged = BRIDGED.iter().filter_map(|c| {
        crate::flags::registry::RULES
            .iter()
            .find(|r| r.code == *c)
            .map(|r| About {
                code: r.code,
                severity: r.severity,
                summary: r.summary,
                explain: r.explain,
            })
    });
    rules.chain(bridged)
}

/// The review rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Whether a review rubric may name `code`.
pub fn is_known(code: &str) -> bool {
    find(code).is_some() || BRIDGED.contains(&code)
}

/// The known code nearest to `code`.
pub fn nearest(code: &str) -> &'static str {
    let codes: Vec<&'static str> = RULES
        .iter()
        .map(|r| r.code)
        .chain(BRIDGED.iter().copied())
        .collect();
    crate::suggest::nearest(code, &codes).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_documented_and_apart_from_the_flags() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(
                crate::flags::registry::find(r.code).is_none(),
                "{} is also a flag code",
                r.code
            );
            assert!(
                r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.code
            );
            for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
                assert!(!r.basis(lang).is_empty(), "{} has no basis", r.code);
                for part in match lang {
                    crate::i18n::Lang::Zh => ["检查：", "为何重要：", "示例：", "修正："],
                    crate::i18n::Lang::En => ["Checks: ", "Why: ", "Example: ", "Fix: "],
                } {
                    assert!(r.explain.get(lang).contains(part), "{}: no {part}", r.code);
                }
            }
        }
        for code in BRIDGED {
            let flag = crate::flags::registry::find(code).expect("a bridged code is a flag");
            assert!(!flag.check.needs_scorecard(), "{code} needs a scorecard");
        }
    }

    /// The articles the codebase has verified (see `flags::registry`) are cited as such; any
    /// other article is marked as not verified, in both languages.
    #[test]
    fn unverified_articles_say_so() {
        for r in RULES {
            for (text, mark) in [
                (r.explain.zh, "条文未经核对"),
                (r.explain.en, "not verified against the text"),
            ] {
                let basis = text
                    .lines()
                    .find(|l| l.starts_with("依据：") || l.starts_with("Basis: "));
                let basis = basis.unwrap_or("");
                let cites_101 = basis.contains("101号");
                if cites_101 {
                    assert!(basis.contains(mark), "{}: 101号 cited unmarked", r.code);
                }
                for wrong in [
                    "第十二条",
                    "第十五条",
                    "第十九条",
                    "第二十条",
                    "art. 12",
                    "art. 15",
                ] {
                    assert!(!text.contains(wrong), "{} cites {wrong}", r.code);
                }
            }
        }
    }
}
