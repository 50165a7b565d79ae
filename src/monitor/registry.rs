//! The list of every monitoring rule, in report order.

use super::Rule;
use super::{claims, forecast, spending, targets};

/// Every monitoring rule.
pub static RULES: &[&Rule] = &[
    &spending::EXECUTED_OVER_BUDGET,
    &spending::CHECKPOINT,
    &spending::CHECKPOINT_AHEAD,
    &spending::BEHIND_CALENDAR,
    &forecast::FORECAST_BALANCE,
    &targets::CEILING_PASSED,
    &targets::TARGET_SPENDING_GAP,
    &claims::CERTAIN_BUT_SHORT,
    &claims::CERTAIN_BUT_BEHIND,
    &claims::IMPOSSIBLE_BUT_FULL,
    &claims::SHORT_WITHOUT_CAUSE,
];

/// The codes of slow spending: a project with one of them is sent a 提示函.
pub static SPENDING: &[&str] = &[
    "monitor-checkpoint",
    "monitor-checkpoint-ahead",
    "monitor-behind-calendar",
    "monitor-forecast-balance",
];

/// The monitoring rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_documented_and_apart_from_the_others() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(crate::flags::registry::find(r.code).is_none(), "{}", r.code);
            assert!(
                crate::review::registry::find(r.code).is_none(),
                "{}",
                r.code
            );
            for lang in [Lang::Zh, Lang::En] {
                assert!(!r.basis(lang).is_empty(), "{} has no basis", r.code);
                for part in match lang {
                    Lang::Zh => ["检查：", "为何重要：", "示例：", "修正："],
                    Lang::En => ["Checks: ", "Why: ", "Example: ", "Fix: "],
                } {
                    assert!(r.explain.get(lang).contains(part), "{}: no {part}", r.code);
                }
            }
        }
        for c in SPENDING {
            assert!(find(c).is_some(), "{c}");
        }
    }

    /// 136号 has not been checked against its text here: every citation of it says so.
    #[test]
    fn unverified_citations_say_so() {
        for r in RULES {
            for (lang, mark) in [
                (Lang::Zh, "条文未经核对"),
                (Lang::En, "not verified against the text"),
            ] {
                let basis = r.basis(lang);
                if basis.contains("136号") {
                    assert!(basis.contains(mark), "{}: 136号 cited unmarked", r.code);
                }
            }
        }
    }
}
