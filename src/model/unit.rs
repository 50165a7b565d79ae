//! Units of measure as the forms write them: percent, money, time and counting words.

use std::borrow::Cow;

use rust_decimal::Decimal;

/// The counting words met on the forms, as static text: reading them allocates nothing. A
/// `match` on constant words compares each in a few instructions (a search through a list
/// would call `memcmp` for each).
fn common_word(s: &str) -> Option<&'static str> {
    macro_rules! words {
        ($($w:literal),* $(,)?) => {
            match s {
                $($w => Some($w),)*
                _ => None,
            }
        };
    }
    words!(
        "次",
        "个",
        "家",
        "人次",
        "人",
        "份",
        "期",
        "条",
        "万条",
        "起",
        "件",
        "项",
        "户",
        "篇",
        "场",
        "套",
        "台",
        "所",
        "张",
        "万",
        "万人",
        "万人次",
        "次/年",
        "批",
        "册",
        "宗",
        "辆",
        "处",
        "座",
        "名",
        "小时/次",
    )
}

/// Money units; the factor is in 元. The forms' amounts are in 万元 unless they say otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Money {
    Yuan,
    #[default]
    Wan,
    Yi,
}

/// Units of a duration. They all convert into one another, by the convention that a month is
/// 30 days and a year 12 months (360 days). A working day (工作日) is not a unit of time here:
/// how many calendar days it spans depends on the calendar, so it compares only with itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Time {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// The unit of a target or an actual value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// No unit written.
    None,
    Percent,
    Money(Money),
    Time(Time),
    /// Any other counting word (次, 家, 万条, 人次 …), kept as written. Common words are
    /// borrowed from a static list, so reading them allocates nothing.
    Word(Cow<'static, str>),
}

impl Money {
    pub fn parse(s: &str) -> Option<Money> {
        match s {
            "元" => Some(Money::Yuan),
            "万元" => Some(Money::Wan),
            "亿元" => Some(Money::Yi),
            _ => None,
        }
    }

    pub fn factor(self) -> Decimal {
        match self {
            Money::Yuan => Decimal::ONE,
            Money::Wan => Decimal::from(10_000),
            Money::Yi => Decimal::from(100_000_000),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Money::Yuan => "元",
            Money::Wan => "万元",
            Money::Yi => "亿元",
        }
    }
}

impl Time {
    /// The unit in seconds (a month of 30 days, a year of 12 months).
    fn seconds(self) -> Decimal {
        const DAY: i64 = 86_400;
        Decimal::from(match self {
            Time::Second => 1,
            Time::Minute => 60,
            Time::Hour => 3_600,
            Time::Day => DAY,
            Time::Week => 7 * DAY,
            Time::Month => 30 * DAY,
            Time::Year => 360 * DAY,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Time::Second => "秒",
            Time::Minute => "分钟",
            Time::Hour => "小时",
            Time::Day => "天",
            Time::Week => "周",
            Time::Month => "个月",
            Time::Year => "年",
        }
    }
}

impl Unit {
    /// A unit written plainly: ASCII letters and `%`, or CJK ideographs other than 年, 月 and 日
    /// (which make dates). It needs no normalising and holds no number, date or sign, so a
    /// plain number followed by it reads as that number in this unit, with no closer look.
    pub fn is_plain(unit: &str) -> bool {
        unit.chars().all(|c| {
            c.is_ascii_alphabetic()
                || c == '%'
                || (('\u{4E00}'..='\u{9FFF}').contains(&c) && !matches!(c, '年' | '月' | '日'))
        })
    }

    /// Classifies the unit text that follows a number.
    pub fn parse(s: &str) -> Unit {
        let s = super::lexeme::trim(s);
        if s.is_empty() {
            return Unit::None;
        }
        if s == "%" {
            return Unit::Percent;
        }
        if let Some(m) = Money::parse(s) {
            return Unit::Money(m);
        }
        let t = match s {
            "秒" | "秒钟" | "s" => Some(Time::Second),
            "分钟" | "min" => Some(Time::Minute),
            "小时" | "个小时" | "h" => Some(Time::Hour),
            "天" | "日" | "个自然日" | "自然日" => Some(Time::Day),
            "周" | "个周" | "星期" | "个星期" => Some(Time::Week),
            "个月" | "月" => Some(Time::Month),
            "年" => Some(Time::Year),
            // a working day counts only against working days
            "个工作日" | "工作日" => return Unit::Word(Cow::Borrowed("工作日")),
            _ => None,
        };
        match t {
            Some(t) => Unit::Time(t),
            None => Unit::Word(match common_word(s) {
                Some(w) => Cow::Borrowed(w),
                None => Cow::Owned(s.to_string()),
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Unit::None => "",
            Unit::Percent => "%",
            Unit::Money(m) => m.as_str(),
            Unit::Time(t) => t.as_str(),
            Unit::Word(w) => w,
        }
    }

    /// On a cost indicator `万` alone means 万元, and a bare number is in the budget's unit.
    pub fn on_cost(self, budget_unit: Money) -> Unit {
        match self {
            Unit::Word(w) if w == "万" => Unit::Money(Money::Wan),
            Unit::None => Unit::Money(budget_unit),
            u => u,
        }
    }

    /// Converts `value` in `self` into `to`; `None` when the two units are of different kinds.
    /// A value with no unit is taken to be in the other's unit.
    pub fn convert(&self, value: Decimal, to: &Unit) -> Option<Decimal> {
        match (self, to) {
            (Unit::None, _) | (_, Unit::None) => Some(value),
            (Unit::Percent, Unit::Percent) => Some(value),
            (Unit::Money(a), Unit::Money(b)) if a == b => Some(value),
            (Unit::Money(a), Unit::Money(b)) => Some(value * a.factor() / b.factor()),
            (Unit::Time(a), Unit::Time(b)) if a == b => Some(value),
            (Unit::Time(a), Unit::Time(b)) => value
                .checked_mul(a.seconds())
                .and_then(|s| s.checked_div(b.seconds())),
            (Unit::Word(a), Unit::Word(b)) => (a == b).then_some(value),
            _ => None,
        }
    }

    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Money(_))
    }

    pub fn is_time(&self) -> bool {
        matches!(self, Unit::Time(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn converts_money_and_time_within_kind() {
        let yuan = Unit::Money(Money::Yuan);
        let wan = Unit::Money(Money::Wan);
        assert_eq!(yuan.convert(d("1800000"), &wan), Some(d("180")));
        assert_eq!(
            Unit::Time(Time::Year).convert(d("1"), &Unit::Time(Time::Month)),
            Some(d("12"))
        );
        assert_eq!(
            Unit::Time(Time::Minute).convert(d("2"), &Unit::Time(Time::Second)),
            Some(d("120"))
        );
        // a month is 30 days, a week 7, a year 12 months
        let days = Unit::Time(Time::Day);
        let months = Unit::Time(Time::Month);
        assert_eq!(days.convert(d("90"), &months), Some(d("3")));
        assert_eq!(months.convert(d("4"), &days), Some(d("120")));
        assert_eq!(Unit::parse("周").convert(d("2"), &days), Some(d("14")));
        assert_eq!(
            Unit::Time(Time::Year).convert(d("1"), &days),
            Some(d("360"))
        );
        assert_eq!(Unit::parse("小时").convert(d("36"), &days), Some(d("1.5")));
        // a working day is not a calendar day
        assert_eq!(Unit::parse("工作日"), Unit::parse("个工作日"));
        assert_eq!(Unit::parse("工作日").convert(d("5"), &days), None);
        assert_eq!(
            Unit::parse("个工作日").convert(d("5"), &Unit::parse("工作日")),
            Some(d("5"))
        );
        assert_eq!(Unit::Percent.convert(d("5"), &wan), None);
        assert_eq!(Unit::parse("家").convert(d("5"), &Unit::parse("次")), None);
    }

    #[test]
    fn wan_alone_is_money_on_cost() {
        assert_eq!(
            Unit::parse("万").on_cost(Money::Wan),
            Unit::Money(Money::Wan)
        );
        assert_eq!(Unit::None.on_cost(Money::Yuan), Unit::Money(Money::Yuan));
        assert_eq!(Unit::parse("万条").on_cost(Money::Wan), Unit::parse("万条"));
    }
}
