//! The fixed vocabulary of the target tables: indicator levels and directions,
//! accepted in the Chinese of the forms and in English.

/// 一级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level1 {
    Output,
    Cost,
    Benefit,
    Satisfaction,
}

/// 二级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level2 {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    EconomicBenefit,
    SocialBenefit,
    EcologicalBenefit,
    Sustainability,
    Satisfaction,
}

/// 指标方向性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Forward,
    Reverse,
}

/// The word as compared: trimmed, lower-case, without inner spaces (` `, U+3000). Borrowed when
/// it is so already. `crate::de::word_schema` writes the same rule as a pattern.
fn key(s: &str) -> std::borrow::Cow<'_, str> {
    let t = super::lexeme::trim(s);
    // upper case, a space, or a lead byte 0xE3 (U+3000 is `E3 80 80`) needs a closer look
    if t.bytes()
        .any(|b| b.is_ascii_uppercase() || b == b' ' || b == 0xE3)
        && t.chars()
            .any(|c| c.is_ascii_uppercase() || c == ' ' || c == '\u{3000}')
    {
        std::borrow::Cow::Owned(t.to_lowercase().replace([' ', '\u{3000}'], ""))
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

impl Level1 {
    pub const ALL: [Level1; 4] = [
        Level1::Output,
        Level1::Cost,
        Level1::Benefit,
        Level1::Satisfaction,
    ];

    pub const ACCEPTED: &'static str =
        "产出指标/output, 成本指标/cost, 效益指标/benefit, 满意度指标/satisfaction";

    /// Every word read as each level, as `key` compares it: what
    /// `parse` accepts, and what the editor schemas list.
    pub const WORDS: &'static [(Level1, &'static [&'static str])] = &[
        (Level1::Output, &["output", "产出指标", "产出", "完成指标"]),
        (Level1::Cost, &["cost", "成本指标", "成本"]),
        (Level1::Benefit, &["benefit", "效益指标", "效益"]),
        (
            Level1::Satisfaction,
            &["satisfaction", "满意度指标", "满意度"],
        ),
    ];

    pub fn parse(s: &str) -> Option<Level1> {
        // the word as the forms write it, before any normalising
        if let Some(l) = Level1::ALL.into_iter().find(|l| l.zh() == s) {
            return Some(l);
        }
        let k = key(s);
        Level1::WORDS
            .iter()
            .find(|(_, words)| words.contains(&&*k))
            .map(|(l, _)| *l)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Cost => "成本指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Level1::Output => "output",
            Level1::Cost => "cost",
            Level1::Benefit => "benefit",
            Level1::Satisfaction => "satisfaction",
        }
    }
}

impl Level2 {
    pub const ALL: [Level2; 9] = [
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::Cost,
        Level2::EconomicBenefit,
        Level2::SocialBenefit,
        Level2::EcologicalBenefit,
        Level2::Sustainability,
        Level2::Satisfaction,
    ];

    /// Every word read as each level, as `key` compares it.
    pub const WORDS: &'static [(Level2, &'static [&'static str])] = &[
        (Level2::Quantity, &["quantity", "数量指标", "数量"]),
        (Level2::Quality, &["quality", "质量指标", "质量"]),
        (Level2::Timeliness, &["timeliness", "时效指标", "时效"]),
        (
            Level2::Cost,
            &[
                "cost",
                "成本指标",
                "成本",
                "经济成本指标",
                "社会成本指标",
                "生态环境成本指标",
            ],
        ),
        (
            Level2::EconomicBenefit,
            &["economic_benefit", "经济效益指标", "经济效益"],
        ),
        (
            Level2::SocialBenefit,
            &["social_benefit", "社会效益指标", "社会效益"],
        ),
        (
            Level2::EcologicalBenefit,
            &["ecological_benefit", "生态效益指标", "生态效益"],
        ),
        (
            Level2::Sustainability,
            &[
                "sustainability",
                "可持续影响指标",
                "可持续发展指标",
                "可持续影响",
            ],
        ),
        (
            Level2::Satisfaction,
            &["satisfaction", "服务对象满意度指标", "满意度指标", "满意度"],
        ),
    ];

    pub const ACCEPTED: &'static str = "数量指标/quantity, 质量指标/quality, 时效指标/timeliness, 成本指标/cost, 经济效益指标/economic_benefit, 社会效益指标/social_benefit, 生态效益指标/ecological_benefit, 可持续影响指标/sustainability, 服务对象满意度指标/satisfaction";

    pub fn parse(s: &str) -> Option<Level2> {
        // the word as the forms write it, before any normalising
        if let Some(l) = Level2::ALL.into_iter().find(|l| l.zh() == s) {
            return Some(l);
        }
        let k = key(s);
        Level2::WORDS
            .iter()
            .find(|(_, words)| words.contains(&&*k))
            .map(|(l, _)| *l)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::EconomicBenefit => "经济效益指标",
            Level2::SocialBenefit => "社会效益指标",
            Level2::EcologicalBenefit => "生态效益指标",
            Level2::Sustainability => "可持续影响指标",
            Level2::Satisfaction => "服务对象满意度指标",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Level2::Quantity => "quantity",
            Level2::Quality => "quality",
            Level2::Timeliness => "timeliness",
            Level2::Cost => "cost",
            Level2::EconomicBenefit => "economic_benefit",
            Level2::SocialBenefit => "social_benefit",
            Level2::EcologicalBenefit => "ecological_benefit",
            Level2::Sustainability => "sustainability",
            Level2::Satisfaction => "satisfaction",
        }
    }
}

impl Direction {
    pub const ACCEPTED: &'static str = "正向/forward, 反向/reverse";

    /// Every word read as each direction, as `key` compares it.
    pub const WORDS: &'static [(Direction, &'static [&'static str])] = &[
        (Direction::Forward, &["forward", "正向", "正向指标", "正"]),
        (Direction::Reverse, &["reverse", "反向", "反向指标", "反"]),
    ];

    pub fn parse(s: &str) -> Option<Direction> {
        // 正向指标 / 反向指标, as the forms write them, before any normalising
        if let Some(word) = s.strip_suffix("指标")
            && let Some(d) = [Direction::Forward, Direction::Reverse]
                .into_iter()
                .find(|d| d.zh() == word)
        {
            return Some(d);
        }
        let k = key(s);
        Direction::WORDS
            .iter()
            .find(|(_, words)| words.contains(&&*k))
            .map(|(d, _)| *d)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Direction::Forward => "正向",
            Direction::Reverse => "反向",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Reverse => "reverse",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_chinese_english_and_old_names() {
        assert_eq!(Level1::parse("完成指标"), Some(Level1::Output));
        assert_eq!(Level1::parse(" Output "), Some(Level1::Output));
        assert_eq!(
            Level2::parse("可持续发展指标"),
            Some(Level2::Sustainability)
        );
        assert_eq!(Level2::parse("生态环境成本指标"), Some(Level2::Cost));
        assert_eq!(Direction::parse("反向指标"), Some(Direction::Reverse));
        assert_eq!(Level1::parse("产出"), Some(Level1::Output));
        assert_eq!(Level1::parse("效果指标"), None);
    }

    #[test]
    fn the_words_of_the_forms_read_as_their_level() {
        for l in Level1::ALL {
            assert_eq!(Level1::parse(l.zh()), Some(l));
            assert_eq!(Level1::parse(l.en()), Some(l));
        }
        for l in Level2::ALL {
            assert_eq!(Level2::parse(l.zh()), Some(l));
            assert_eq!(Level2::parse(l.en()), Some(l));
        }
        for d in [Direction::Forward, Direction::Reverse] {
            assert_eq!(Direction::parse(&format!("{}指标", d.zh())), Some(d));
            assert_eq!(Direction::parse(d.en()), Some(d));
        }
    }
}
