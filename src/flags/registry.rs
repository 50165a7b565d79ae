//! The list of every rule, in report order.

use super::Rule;
use super::{
    actual, claims, cost, direction, execution, goals, grade, measures, plausibility, totals,
    weights,
};

/// Every rule jixiao knows.
pub static RULES: &[&Rule] = &[
    &actual::RESTATES_TARGET,
    &actual::WITHOUT_FIGURE,
    &actual::MISSING,
    &actual::NOT_MEASURED,
    &actual::UNIT_MISMATCH,
    &measures::MEASURE_MISSING,
    &measures::MEASURE_UNREAD,
    &direction::DIRECTION_CONFLICT,
    &direction::MONTH_GUESSED,
    &weights::WEIGHTS_SUM,
    &weights::LEVEL1_WEIGHTS,
    &claims::SCORE_INFLATED,
    &claims::SCORE_DEFLATED,
    &claims::QUALITATIVE_OUT_OF_TIER,
    &totals::TOTAL_MISMATCH,
    &totals::TOTAL_INFLATED,
    &grade::GRADE_MISMATCH,
    &grade::GRADE_INFLATED,
    &execution::EXECUTION_RATE_MISMATCH,
    &execution::EXECUTION_MISSING,
    &cost::COST_EXCEEDS_EXECUTION,
    &grade::HIGH_GRADE_LOW_EXECUTION,
    &plausibility::TARGET_LOWBALL,
    &plausibility::RATE_OUT_OF_RANGE,
    &goals::GOAL_TEXT_COPIED,
    &plausibility::ALL_ON_TARGET,
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(
                r.code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                r.code
            );
            for doc in [r.summary, r.explain] {
                assert!(
                    !doc.zh.trim().is_empty() && !doc.en.trim().is_empty(),
                    "{}",
                    r.code
                );
            }
            assert!(r.explain.en.len() > 200, "{}: explain too short", r.code);
        }
        assert!(find("score-inflated").is_some());
        assert!(find("no-such-code").is_none());
    }
}
