//! The calendar of a monitoring year: an as-of date (`2024-08-31`) and the share of the year it
//! has elapsed (序时进度), counted in whole days with the as-of day included, exact in
//! [`Decimal`]. No date library: the Gregorian rule is all that is needed.

use rust_decimal::Decimal;

use crate::i18n::Text;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Whether `year` has a 29 February.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1–12) of `year`.
pub fn month_days(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The days of `year`.
pub fn year_days(year: i32) -> u32 {
    if is_leap(year) { 366 } else { 365 }
}

impl Day {
    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, and `YYYY年M月D日`).
    pub fn parse(s: &str) -> Result<Day, Text> {
        let bad = || {
            Text::new(
                format!("日期 `{s}` 无法识别：应为如 2024-08-31"),
                format!("date `{s}` not recognised: expected e.g. 2024-08-31"),
            )
        };
        let parts: Vec<&str> = s
            .trim()
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
        else {
            return Err(bad());
        };
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(bad());
        }
        if day == 0 || day > month_days(year, month) {
            return Err(Text::new(
                format!(
                    "日期 `{s}` 不存在：{year}年{month}月只有 {} 天",
                    month_days(year, month)
                ),
                format!(
                    "date `{s}` does not exist: {year}-{month:02} has {} days",
                    month_days(year, month)
                ),
            ));
        }
        Ok(Day { year, month, day })
    }

    /// The last day of `month` of `year`.
    pub fn month_end(year: i32, month: u32) -> Day {
        Day {
            year,
            month,
            day: month_days(year, month),
        }
    }

    /// Which day of its year this is (1 January is 1).
    pub fn ordinal(self) -> u32 {
        (1..self.month)
            .map(|m| month_days(self.year, m))
            .sum::<u32>()
            + self.day
    }

    /// Whether this is the last day of its month.
    pub fn is_month_end(self) -> bool {
        self.day == month_days(self.year, self.month)
    }

    /// The months wholly elapsed by the end of this day (`1–N月`): the month itself at its last
    /// day, else the month before; 0 in January before its 31st.
    pub fn months_done(self) -> u32 {
        if self.is_month_end() {
            self.month
        } else {
            self.month - 1
        }
    }

    /// The share of the year elapsed at the end of this day, in percent (序时进度): days to date
    /// over the days of the year, × 100, unrounded.
    pub fn elapsed(self) -> Decimal {
        Decimal::from(self.ordinal()) * Decimal::ONE_HUNDRED / Decimal::from(year_days(self.year))
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2024));
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(!is_leap(2023));
        assert_eq!(month_days(2024, 2), 29);
        assert_eq!(month_days(2023, 2), 28);
        assert!(Day::parse("2023-02-29").is_err());
        assert!(Day::parse("2024-02-29").is_ok());
        assert!(Day::parse("2024-04-31").is_err());
        assert!(Day::parse("2024-13-01").is_err());
        assert!(Day::parse("2024-8").is_err());
    }

    #[test]
    fn month_ends_count_their_days() {
        // 2024 (leap): Jan 31 + Feb 29 + ... + Aug 31 = 244; 2023: 243.
        assert_eq!(Day::parse("2024-08-31").unwrap().ordinal(), 244);
        assert_eq!(Day::parse("2023-08-31").unwrap().ordinal(), 243);
        assert_eq!(Day::parse("2024-02-29").unwrap().ordinal(), 60);
        assert_eq!(Day::parse("2024-12-31").unwrap().ordinal(), 366);
        assert_eq!(Day::parse("2023-06-30").unwrap().ordinal(), 181);
        assert_eq!(Day::parse("2024年6月30日").unwrap().ordinal(), 182);
    }

    #[test]
    fn elapsed_share_is_exact() {
        assert_eq!(Day::parse("2023-12-31").unwrap().elapsed(), d("100"));
        assert_eq!(Day::parse("2024-12-31").unwrap().elapsed(), d("100"));
        // 183/366 is exactly one half.
        assert_eq!(Day::parse("2024-07-01").unwrap().elapsed(), d("50"));
        // 243/365 = 66.5753…%
        let e = Day::parse("2023-08-31").unwrap().elapsed();
        assert_eq!(e.round_dp(4), d("66.5753"));
        // 244/366 = 66.6666…%
        let e = Day::parse("2024-08-31").unwrap().elapsed();
        assert_eq!(e.round_dp(4), d("66.6667"));
    }

    #[test]
    fn months_done_at_and_before_a_month_end() {
        assert_eq!(Day::parse("2024-08-31").unwrap().months_done(), 8);
        assert_eq!(Day::parse("2024-08-30").unwrap().months_done(), 7);
        assert_eq!(Day::parse("2024-02-29").unwrap().months_done(), 2);
        assert_eq!(Day::parse("2023-02-28").unwrap().months_done(), 2);
        assert_eq!(Day::parse("2024-02-28").unwrap().months_done(), 1);
        assert_eq!(Day::parse("2024-01-15").unwrap().months_done(), 0);
    }
}
