//! The target grammar (年度指标值): what a form writes as the value an indicator must reach.

use rust_decimal::Decimal;

use super::lexeme::{
    Date, Op, leading_number, normalize, parse_date, small_decimal, strip_op, strip_suffix_op, trim,
};
use super::text::CellText;
use super::unit::Unit;
use crate::i18n::Text;

/// A parsed target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `≥90%`, `=8个`, `≤7秒`, `193万元` (no operator means `=`). `guessed`: a bare `N月`
    /// read as a number of months (`≤4月`, `4月`).
    Quantity {
        op: Op,
        value: Decimal,
        unit: Unit,
        guessed: bool,
    },
    /// `12月底之前`, `2024年12月31日前`, `=12月`. `guessed`: a bare `=N月` read as the end of
    /// month N.
    Deadline { date: Date, guessed: bool },
    /// `定性`, or text with no number (`有所提升`, `及时`).
    Qualitative(String),
}

impl Target {
    /// Parses a target written in one cell.
    pub fn parse(text: &str) -> Result<Target, Text> {
        let s = normalize(text);
        if s.is_empty() {
            return Err(Text::new(
                "指标值为空：应为如 `≥90%`、`=8个`、`12月底之前` 或定性描述",
                "empty target: expected e.g. `≥90%`, `=8个`, `12月底之前` or a qualitative text",
            ));
        }
        if s == "定性" {
            return Ok(Target::Qualitative(s.into_owned()));
        }
        if let Some((op, rest)) = strip_op(&s) {
            let word_op = !s.starts_with(['>', '<', '=', '≥', '≤']);
            if word_op && !rest.chars().any(|c| c.is_ascii_digit()) {
                // 不低于上一年: a comparison in words with nothing to measure.
                return Ok(Target::Qualitative(text.trim().to_string()));
            }
            let symbol = !word_op && s.starts_with(['=', '＝']);
            return quantity_or_deadline(op, rest, symbol).ok_or_else(|| {
                Text::new(
                    format!("指标值 `{}` 的运算符后应为数值（可带单位）或日期", text.trim()),
                    format!(
                        "target `{}`: expected a number (with an optional unit) or a date after the operator",
                        text.trim()
                    ),
                )
            });
        }
        if let Some(t) = quantity_or_deadline(Op::Eq, &s, false) {
            return Ok(t);
        }
        // Text that is not a number with a unit: qualitative (有所提升, 显著增强10%, 不低于上一年).
        Ok(Target::Qualitative(text.trim().to_string()))
    }

    /// Parses a target given as separate operator, value and unit (the 公开表6 columns
    /// 指标性质 / 指标值 / 度量单位). An operator of `定性` makes the value a qualitative text.
    pub fn from_parts(op: &str, value: &str, unit: &str) -> Result<Target, Text> {
        Target::from_trimmed_parts(trim(op), trim(value), trim(unit))
    }

    /// [`Target::from_parts`] for cells already trimmed (the batch reader trims each cell it
    /// reads); normalising removes white space inside, so the result is the same.
    pub fn from_trimmed_parts(op: &str, value: &str, unit: &str) -> Result<Target, Text> {
        // The usual cell: one plain operator, a plain number, a plain unit word.
        let qualitative = |value: &str| {
            Ok(Target::Qualitative(if value.is_empty() {
                "定性".to_string()
            } else {
                value.to_string()
            }))
        };
        if op == "定性" {
            return qualitative(value);
        }
        let quick = match op {
            "≥" | ">=" => Some(Op::Ge),
            "≤" | "<=" => Some(Op::Le),
            "=" => Some(Op::Eq),
            ">" => Some(Op::Gt),
            "<" => Some(Op::Lt),
            _ => None,
        };
        // `年` alone after a number is a span of years: a date needs a month after the year
        if let Some(op) = quick
            && let Some(v) = small_decimal(value)
            && (Unit::is_plain(unit) || unit == "年")
        {
            return Ok(Target::Quantity {
                op,
                value: v,
                unit: Unit::parse(unit),
                guessed: false,
            });
        }
        let op_n = normalize(op);
        if op_n == "定性" || op_n == "qualitative" {
            return qualitative(value);
        }
        let parsed = if op_n.is_empty() {
            Some(Op::Eq)
        } else {
            Op::parse_normalized(&op_n)
        };
        let Some(parsed) = parsed else {
            return Err(Text::new(
                format!("指标性质 `{op}` 无法识别：应为 ≥ > ≤ < = 或 定性"),
                format!("operator `{op}` not recognised: expected one of ≥ > ≤ < = or 定性"),
            ));
        };
        // The usual case, a plain number and a unit, needs no concatenation.
        if let Some((v, "")) = leading_number(&normalize(value))
            && !unit.bytes().any(|c| c.is_ascii_digit())
            && !unit.contains(['年', '月', '日'])
        {
            return Ok(Target::Quantity {
                op: parsed,
                value: v,
                unit: Unit::parse(&normalize(unit)),
                guessed: false,
            });
        }
        Target::parse(&format!("{op_n}{value}{unit}"))
    }

    /// How a target given in parts is shown: `≥98%`, or the text alone for 定性.
    pub fn shown_parts(op: &str, value: &str, unit: &str) -> CellText {
        Target::shown_trimmed_parts(trim(op), trim(value), trim(unit))
    }

    /// [`Target::shown_parts`] for cells already trimmed.
    pub fn shown_trimmed_parts(op: &str, value: &str, unit: &str) -> CellText {
        if op == "定性" || op.eq_ignore_ascii_case("qualitative") {
            CellText::new(value)
        } else {
            CellText::concat(&[op, value, unit])
        }
    }

    pub fn is_qualitative(&self) -> bool {
        matches!(self, Target::Qualitative(_))
    }

    pub fn op(&self) -> Option<Op> {
        match self {
            Target::Quantity { op, .. } => Some(*op),
            _ => None,
        }
    }

    /// Whether a bare `N月` was read by a guess (as months, or as the end of a month).
    pub fn guessed(&self) -> bool {
        matches!(
            self,
            Target::Quantity { guessed: true, .. } | Target::Deadline { guessed: true, .. }
        )
    }

    /// A duration: a quantity in a unit of time (`≤4个月`, `≤7秒`).
    pub fn is_duration(&self) -> bool {
        matches!(self, Target::Quantity { unit, .. } if unit.is_time())
    }

    /// The target as a person would write it, normalised.
    pub fn display(&self) -> String {
        match self {
            Target::Quantity {
                op, value, unit, ..
            } => {
                format!("{}{}{}", op.symbol(), value.normalize(), unit.as_str())
            }
            Target::Deadline { date, .. } => format!("{}前", date.display()),
            Target::Qualitative(t) => t.clone(),
        }
    }
}

/// A quantity or a deadline after operator `op`; `equals` when the operator was written as
/// `=` (a bare `=12月` is then the end of December; `≤4月` or `4月` is four months).
fn quantity_or_deadline(op: Op, rest: &str, equals: bool) -> Option<Target> {
    if let Some(d) = parse_date(rest) {
        if d.bare_month && !equals {
            return Some(Target::Quantity {
                op,
                value: Decimal::from(d.date.month),
                unit: Unit::Time(super::unit::Time::Month),
                guessed: true,
            });
        }
        return Some(Target::Deadline {
            date: d.date,
            guessed: d.bare_month,
        });
    }
    let (op, rest) = match strip_suffix_op(rest) {
        Some((suffix_op, r)) if op == Op::Eq => (suffix_op, r),
        _ => (op, rest),
    };
    let (value, unit) = leading_number(rest)?;
    let unit = unit.trim_start_matches('(').trim_end_matches(')');
    if unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(Target::Quantity {
        op,
        value,
        unit: Unit::parse(unit),
        guessed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::{Money, Time};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn q(op: Op, v: &str, unit: Unit) -> Target {
        Target::Quantity {
            op,
            value: d(v),
            unit,
            guessed: false,
        }
    }

    #[test]
    fn plain_parts_read_as_the_written_target() {
        for op in ["≥", ">=", "≤", "<=", "=", ">", "<", " ≥ "] {
            for value in [
                "0", "90", "7.5", "100", "0.01", "1,000", "９０", "-3", "5.", "1", "12", "2024",
            ] {
                for unit in [
                    "", "%", "次", "万元", "个", "km", "天", "小时", "年", "ｋｍ", "月", "日",
                    "年底", "年12月",
                ] {
                    let whole = format!("{}{value}{unit}", op.trim());
                    assert_eq!(
                        Target::from_parts(op, value, unit).ok(),
                        Target::parse(&whole).ok(),
                        "{op:?} {value:?} {unit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_operator_form() {
        for (text, op) in [
            ("≥90%", Op::Ge),
            (">=90%", Op::Ge),
            ("≧90%", Op::Ge),
            ("＞＝90%", Op::Ge),
            (">90%", Op::Gt),
            ("＞90%", Op::Gt),
            ("≤90%", Op::Le),
            ("<=90%", Op::Le),
            ("≦90%", Op::Le),
            ("＜＝90%", Op::Le),
            ("<90%", Op::Lt),
            ("＜90%", Op::Lt),
            ("=90%", Op::Eq),
            ("＝90%", Op::Eq),
            ("90%", Op::Eq),
            ("９０％", Op::Eq),
            ("不低于90%", Op::Ge),
            ("90%以上", Op::Ge),
        ] {
            assert_eq!(
                Target::parse(text),
                Ok(q(op, "90", Unit::Percent)),
                "{text}"
            );
        }
    }

    #[test]
    fn units_and_separators() {
        assert_eq!(
            Target::parse("193万元"),
            Ok(q(Op::Eq, "193", Unit::Money(Money::Wan)))
        );
        assert_eq!(
            Target::parse("≥1,200,000元"),
            Ok(q(Op::Ge, "1200000", Unit::Money(Money::Yuan)))
        );
        assert_eq!(
            Target::parse("≤4个月"),
            Ok(q(Op::Le, "4", Unit::Time(Time::Month)))
        );
        assert_eq!(
            Target::parse("≤60 分钟"),
            Ok(q(Op::Le, "60", Unit::Time(Time::Minute)))
        );
        assert_eq!(
            Target::parse("=72万条"),
            Ok(q(Op::Eq, "72", Unit::Word("万条".into())))
        );
        assert_eq!(Target::parse(">=2"), Ok(q(Op::Ge, "2", Unit::None)));
        assert_eq!(
            Target::parse("5万"),
            Ok(q(Op::Eq, "5", Unit::Word("万".into())))
        );
    }

    #[test]
    fn deadlines() {
        let dec = Date {
            year: None,
            month: 12,
            day: None,
        };
        let by = |date| Target::Deadline {
            date,
            guessed: false,
        };
        assert_eq!(Target::parse("12月底之前"), Ok(by(dec)));
        assert_eq!(Target::parse("12 月底前"), Ok(by(dec)));
        assert_eq!(Target::parse("12月前"), Ok(by(dec)));
        assert_eq!(Target::parse("=12月份"), Ok(by(dec)));
        assert_eq!(
            Target::parse("2024年12月31日前"),
            Ok(by(Date {
                year: Some(2024),
                month: 12,
                day: Some(31)
            }))
        );
        // `=12月` is the end of December, by a guess the reader is told of
        assert_eq!(
            Target::parse("=12月"),
            Ok(Target::Deadline {
                date: dec,
                guessed: true
            })
        );
        assert_eq!(Target::from_parts("=", "12", "月"), Target::parse("=12月"));
    }

    #[test]
    fn durations_in_months() {
        let months = |op, v: &str, guessed| Target::Quantity {
            op,
            value: d(v),
            unit: Unit::Time(Time::Month),
            guessed,
        };
        // 公开表6: 指标值 4, 度量单位 月 — four months, a guess; `4个月` says so itself
        assert_eq!(
            Target::from_parts("≤", "4", "月"),
            Ok(months(Op::Le, "4", true))
        );
        assert_eq!(Target::parse("≤ 4 月"), Ok(months(Op::Le, "4", true)));
        assert_eq!(Target::parse("4月"), Ok(months(Op::Eq, "4", true)));
        assert_eq!(Target::parse("4个月"), Ok(months(Op::Eq, "4", false)));
        assert_eq!(Target::parse("≤4个月"), Ok(months(Op::Le, "4", false)));
        assert!(Target::parse("≤4月").unwrap().is_duration());
        assert!(!Target::parse("=4月").unwrap().is_duration());
        assert!(Target::parse("=4月").unwrap().guessed());
        assert!(!Target::parse("4月底前").unwrap().guessed());
    }

    #[test]
    fn qualitative_texts() {
        for t in [
            "定性",
            "有所提升",
            "显著提高",
            "及时",
            "显著增强 10%",
            "不低于上一年",
        ] {
            assert!(Target::parse(t).unwrap().is_qualitative(), "{t}");
        }
    }

    #[test]
    fn separate_fields() {
        assert_eq!(
            Target::from_parts("≥", "90", "%"),
            Ok(q(Op::Ge, "90", Unit::Percent))
        );
        assert_eq!(
            Target::from_parts("定性", "高", ""),
            Ok(Target::Qualitative("高".into()))
        );
        assert!(Target::from_parts("约", "90", "%").is_err());
        assert!(Target::from_parts("≥", "高", "").is_err());
    }

    #[test]
    fn garbage_errors_never_panics() {
        for t in ["≥abc", ">=", "≤%", "", "   ", "=万元", "≥1.2.3.4"] {
            let r = std::panic::catch_unwind(|| Target::parse(t));
            assert!(r.is_ok(), "panicked on {t:?}");
        }
        assert!(Target::parse("≥abc").is_err());
        assert!(Target::parse(">=").is_err());
        assert!(Target::parse("").is_err());
        assert!(Target::parse("=万元").is_err());
        for t in [
            "\u{0}",
            "≥\u{FFFF}",
            "９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９９",
        ] {
            let _ = Target::parse(t);
        }
    }
}
