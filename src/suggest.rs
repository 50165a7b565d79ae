//! Did-you-mean: the known word closest to one that was not recognised, for every message that
//! names a key, a code, an item or a word the user mistyped.

/// The candidate closest to `word` by edit distance, when it is close: at most a third of
/// the word's characters differ (two for a short word). Else none: a suggestion with nothing
/// in common with what was typed misleads more than it helps.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let most = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= most)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key() {
        assert_eq!(
            nearest("wieght", &["name", "weight", "target"]),
            Some("weight")
        );
        assert_eq!(nearest("x", &[]), None);
        assert_eq!(
            nearest("score-inflate", &["score-inflated", "goal-text-copied"]),
            Some("score-inflated")
        );
        assert_eq!(
            nearest("效果指标", &["效益指标", "产出指标"]),
            Some("效益指标")
        );
        // nothing in common: no suggestion
        assert_eq!(
            nearest("nonexistent-code", &["goal-text-copied", "weights-sum"]),
            None
        );
        assert_eq!(nearest("xyz", &["weights-sum"]), None);
    }
}
