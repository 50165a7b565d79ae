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

    /// 财预〔2020〕10号 puts the self-evaluation form in 附1, the weights in 第十三条, the scoring
    /// rule in 第十六条 and the grades in 第十八条; earlier docs cited other articles.
    #[test]
    fn no_doc_cites_the_articles_once_misquoted() {
        for r in RULES {
            for text in [r.explain.zh, r.explain.en] {
                for wrong in [
                    "附件2",
                    "第十二条",
                    "第十五条",
                    "第十九条",
                    "第二十条",
                    "annex 2",
                    "art. 12",
                    "art. 15",
                    "art. 19",
                    "art. 20",
                ] {
                    assert!(!text.contains(wrong), "{} cites {wrong}", r.code);
                }
                if text.contains("10号") {
                    assert!(
                        ["附1", "annex 1", "第十", "art. 1"]
                            .iter()
                            .any(|a| text.contains(a)),
                        "{} names 10号 without an article",
                        r.code
                    );
                }
            }
        }
    }

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
