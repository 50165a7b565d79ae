//! The actual grammar (实际完成值): a measurement, a date, a tier word, or a claim.

use rust_decimal::Decimal;

use super::lexeme::{
    Date, leading_number, normalize, parse_date, small_decimal, strip_op, strip_suffix_op,
};
use super::unit::Unit;

/// A qualitative tier word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    Achieved,
    Partial,
    NotAchieved,
}

impl Tier {
    /// Every tier word, compared ignoring ASCII case: what `parse` accepts, and what the editor
    /// schemas list.
    pub const WORDS: &'static [(&'static str, Tier)] = &[
        ("达成", Tier::Achieved),
        ("已达成", Tier::Achieved),
        ("完全达成", Tier::Achieved),
        ("achieved", Tier::Achieved),
        // words that assert completion: the 达成 tier on a qualitative line, a claim
        // without its figure on a quantitative one
        ("完成", Tier::Achieved),
        ("已完成", Tier::Achieved),
        ("全部完成", Tier::Achieved),
        ("全面完成", Tier::Achieved),
        ("圆满完成", Tier::Achieved),
        ("顺利完成", Tier::Achieved),
        ("按时完成", Tier::Achieved),
        ("按期完成", Tier::Achieved),
        ("如期完成", Tier::Achieved),
        ("已按时完成", Tier::Achieved),
        ("达到预期", Tier::Achieved),
        ("达到目标", Tier::Achieved),
        ("达到要求", Tier::Achieved),
        ("符合要求", Tier::Achieved),
        ("满足要求", Tier::Achieved),
        ("达标", Tier::Achieved),
        ("已达标", Tier::Achieved),
        ("部分达成", Tier::Partial),
        ("基本达成", Tier::Partial),
        ("partial", Tier::Partial),
        ("partially_achieved", Tier::Partial),
        ("未达成", Tier::NotAchieved),
        ("not_achieved", Tier::NotAchieved),
        ("notachieved", Tier::NotAchieved),
    ];

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::WORDS
            .iter()
            .find(|(w, _)| w.eq_ignore_ascii_case(s))
            .map(|(_, t)| *t)
    }

    pub fn key(self) -> &'static str {
        match self {
            Tier::Achieved => "achieved",
            Tier::Partial => "partial",
            Tier::NotAchieved => "not_achieved",
        }
    }
}

/// A parsed actual value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actual {
    /// Not reported.
    Missing,
    /// A number with an optional unit: `99.2%`, `65万条`, `=100%`.
    Measured { value: Decimal, unit: Unit },
    /// A completion date: `2024-11-30`, `2024年11月30日`.
    Date(Date),
    /// 达成 / 部分达成 / 未达成.
    Tier(Tier),
    /// An inequality or a deadline (`≥90%`, `不低于90%`, `12月底之前`): a claim, not a measurement.
    Claim,
    /// Any other text (compared with a qualitative target's text).
    Text(String),
}

impl Actual {
    pub fn parse(text: &str) -> Actual {
        // The usual cell, a plain number and a plain unit (`9.17次`, `98%`), is a measurement:
        // no date (it would need a separator, 年 or 月), no operator, no 以上/以下/以内.
        let digits = text
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (number, unit) = text.split_at(digits);
        // (`年` alone after a number is a span of years: a date needs a month after the year)
        if let Some(value) = small_decimal(number)
            && (Unit::is_plain(unit) || unit == "年")
            && strip_suffix_op(unit).is_none()
        {
            return Actual::Measured {
                value,
                unit: Unit::parse(unit),
            };
        }
        // A tier word as written (`达成`) needs no normalising: none of them changes under it.
        if let Some(t) = Tier::parse(text) {
            return Actual::Tier(t);
        }
        Actual::parse_closer(text)
    }

    /// Every other form of an actual.
    fn parse_closer(text: &str) -> Actual {
        let s = normalize(text);
        if s.is_empty() {
            return Actual::Missing;
        }
        // A measurement starts with a digit: no tier word, no operator in front.
        let digit_first = s.as_bytes()[0].is_ascii_digit();
        if !digit_first && let Some(t) = Tier::parse(&s) {
            return Actual::Tier(t);
        }
        if let Some(d) = parse_date(&s) {
            return if d.by {
                Actual::Claim
            } else {
                Actual::Date(d.date)
            };
        }
        let rest = match if digit_first { None } else { strip_op(&s) } {
            Some((super::lexeme::Op::Eq, r)) => r,
            Some(_) => return Actual::Claim,
            None => &s,
        };
        if strip_suffix_op(rest).is_some() {
            return Actual::Claim;
        }
        if let Some((value, unit)) = leading_number(rest)
            && !unit.chars().any(|c| c.is_ascii_digit())
        {
            return Actual::Measured {
                value,
                unit: Unit::parse(unit.trim_start_matches('(').trim_end_matches(')')),
            };
        }
        Actual::Text(text.trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::Money;

    #[test]
    fn plain_cells_read_as_the_closer_look_reads_them() {
        for number in [
            "0", "7", "9.17", "98", ".5", "5.", "1.2.3", "2024", "2024.11", "12",
        ] {
            for unit in [
                "",
                "%",
                "次",
                "万元",
                "个",
                "km",
                "天",
                "小时",
                "年",
                "月",
                "日",
                "以上",
                "次以下",
                "人次",
                "分",
                "万条",
                "月底",
                "年底",
                "年12月",
                "年内",
                "-11-30",
                "/3",
                ".30",
                " 次",
            ] {
                let s = format!("{number}{unit}");
                assert_eq!(Actual::parse(&s), Actual::parse_closer(&s), "{s:?}");
            }
        }
        // tier words, and words near them
        for s in [
            "达成",
            "已达成",
            "完全达成",
            "部分达成",
            "基本达成",
            "未达成",
            "Achieved",
            "PARTIAL",
            "not_achieved",
            "达 成",
            "达成。",
            "未达成率",
            "partially_achieved",
        ] {
            assert_eq!(Actual::parse(s), Actual::parse_closer(s), "{s:?}");
        }
    }

    #[test]
    fn measurements() {
        assert_eq!(
            Actual::parse("99.2%"),
            Actual::Measured {
                value: "99.2".parse().unwrap(),
                unit: Unit::Percent
            }
        );
        assert_eq!(
            Actual::parse("=100%"),
            Actual::Measured {
                value: "100".parse().unwrap(),
                unit: Unit::Percent
            }
        );
        assert_eq!(
            Actual::parse("1800000元"),
            Actual::Measured {
                value: "1800000".parse().unwrap(),
                unit: Unit::Money(Money::Yuan)
            }
        );
    }

    #[test]
    fn claims_are_not_measurements() {
        for s in [
            "≥90%",
            ">=90%",
            "<=5件",
            "≤5 件",
            "不低于90%",
            "12月底之前",
            "12 月底前",
            "90%以上",
            "$\\geq 98\\%$",
        ] {
            assert_eq!(Actual::parse(s), Actual::Claim, "{s}");
        }
    }

    #[test]
    fn dates_tiers_text() {
        assert!(matches!(Actual::parse("2024-11-30"), Actual::Date(_)));
        assert!(matches!(Actual::parse("2024年11月30日"), Actual::Date(_)));
        assert_eq!(Actual::parse("部分达成"), Actual::Tier(Tier::Partial));
        assert_eq!(Actual::parse("Achieved"), Actual::Tier(Tier::Achieved));
        assert_eq!(Actual::parse("有所提升"), Actual::Text("有所提升".into()));
        assert_eq!(Actual::parse("  "), Actual::Missing);
    }
}
