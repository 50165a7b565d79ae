//! Whether an indicator's name says it is a rate that cannot pass 100% (`监测覆盖率`, not
//! `增长率`), decided once per distinct name: the names of a table repeat across its projects
//! far more than they vary, and searching a Chinese name for nine words costs some two thousand
//! instructions (a two-way searcher is set up for each word), where looking the name up costs a
//! few dozen.

use std::cell::RefCell;

/// Words that make a name a rate or a share.
const RATE_WORDS: &[&str] = &["率", "覆盖", "满意度", "知晓"];
/// Words of rates that may pass 100%.
const MAY_EXCEED: &[&str] = &["控制率", "增长率", "调整率", "变动率", "增幅"];

/// The definition: a rate word, and none of the words of rates that may pass 100%.
fn by_words(name: &str) -> bool {
    RATE_WORDS.iter().any(|w| name.contains(w)) && !MAY_EXCEED.iter().any(|w| name.contains(w))
}

/// Slots of the memo: a table's distinct names are a few hundred at most.
const SLOTS: usize = 512;

/// Names already decided, one per slot by their hash; a name whose slot another holds is
/// decided again and takes the slot. At most `SLOTS` names of `LONGEST` bytes: 48 KiB a thread.
struct Memo {
    slots: Vec<Option<(Box<str>, bool)>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo { slots: vec![None; SLOTS] });
}

/// A quick hash of the name's bytes, eight at a time.
fn slot(name: &str) -> usize {
    let mut h = name.len() as u64;
    for chunk in name.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    (h as usize) % SLOTS
}

/// The longest name remembered: an indicator's name is a few dozen bytes, and a cell may be
/// far longer, which the memo must not keep 512 of.
const LONGEST: usize = 96;

/// Whether `name` is the name of a rate that cannot pass 100%: [`by_words`], remembered.
pub fn is_bounded_rate(name: &str) -> bool {
    if name.len() > LONGEST {
        return by_words(name);
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let held = &mut memo.slots[slot(name)];
        match held {
            Some((n, rate)) if **n == *name => *rate,
            _ => {
                let rate = by_words(name);
                *held = Some((name.into(), rate));
                rate
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_answers_as_the_words_do() {
        // names of every kind, many more than the slots so that names evict one another, each
        // asked several times in a shuffled order
        let parts = [
            "监测",
            "覆盖",
            "率",
            "控制",
            "增长",
            "满意度",
            "知晓",
            "增幅",
            "次数",
            "调整",
            "变动",
            "覆",
            "盖",
            "满意",
            "知",
            "晓",
            "增",
            "幅",
            "资金",
            "a",
            "",
        ];
        let mut names = Vec::new();
        for a in parts {
            for b in parts {
                for c in ["", "率", "度", "项目"] {
                    names.push(format!("{a}{b}{c}"));
                }
            }
        }
        assert!(names.len() > 3 * SLOTS);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..5 * names.len() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let name = &names[(seed % names.len() as u64) as usize];
            assert_eq!(is_bounded_rate(name), by_words(name), "{name}");
        }
        // a name too long to keep is still answered
        let long = format!("{}覆盖率", "很长的名称".repeat(20));
        assert!(long.len() > LONGEST && is_bounded_rate(&long));
        assert!(!is_bounded_rate(&format!("{long}增幅")));
        // both answers occur
        assert!(is_bounded_rate("监测覆盖率"));
        assert!(!is_bounded_rate("GDP增长率"));
        assert!(!is_bounded_rate("培训人次"));
    }
}
