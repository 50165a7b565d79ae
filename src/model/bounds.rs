//! What a record's figures may be: every reader checks a record against these bounds before it
//! is scored, so that scoring and the re-check rules can compute with any record that reaches
//! them (a weight near `Decimal::MAX` times a ratio would overflow; a negative weight would
//! score a met line below zero). The bounds are far beyond any real form.

use rust_decimal::Decimal;

use super::{Actual, Measure, Record, Target};
use crate::i18n::Text;
use crate::num::fmt_value;

/// Weights, claimed scores and claimed totals: 0 to one million points.
pub const MAX_POINTS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Budget figures: 0 to 10^15 in the budget's unit (a thousand trillion).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);
/// Targets, actuals and measures: at most 10^15 either side of 0.
pub const MAX_VALUE: Decimal = MAX_AMOUNT;

/// A figure outside its bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Breach {
    /// The indicator (its index), or none for the record's own figures.
    pub indicator: Option<usize>,
    /// What the figure is, in words.
    pub what: Text,
    /// The keys a project file may write it under, to find its line.
    pub keys: &'static [&'static str],
    pub value: Decimal,
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Breach {
    pub fn message(&self) -> Text {
        let (v, lo, hi) = (
            fmt_value(self.value),
            fmt_value(self.lo),
            fmt_value(self.hi),
        );
        let (zh, en) = (&self.what.zh, &self.what.en);
        if self.value.is_sign_negative() && self.lo.is_zero() {
            Text::new(
                format!("{zh} `{v}` 不能为负数：应在 {lo} 到 {hi} 之间"),
                format!("{en} `{v}` cannot be negative: expected {lo} to {hi}"),
            )
        } else {
            Text::new(
                format!("{zh} `{v}` 超出可计算范围：应在 {lo} 到 {hi} 之间"),
                format!(
                    "{en} `{v}` is out of the range that can be computed: expected {lo} to {hi}"
                ),
            )
        }
    }
}

#[inline(always)]
fn within(
    value: Option<Decimal>,
    lo: Decimal,
    hi: Decimal,
    indicator: Option<usize>,
    what: (&str, &str),
    keys: &'static [&'static str],
) -> Result<(), Breach> {
    match value {
        Some(v) if !fits(v, lo, hi) => Err(breach(v, lo, hi, indicator, what, keys)),
        _ => Ok(()),
    }
}

#[cold]
fn breach(
    value: Decimal,
    lo: Decimal,
    hi: Decimal,
    indicator: Option<usize>,
    what: (&str, &str),
    keys: &'static [&'static str],
) -> Breach {
    Breach {
        indicator,
        what: Text::new(what.0, what.1),
        keys,
        value,
        lo,
        hi,
    }
}

/// Whether `lo <= v <= hi`, for bounds that are whole numbers (`hi`, and `lo` either 0 or
/// `-hi`). Nearly every figure has a mantissa no larger than `hi`, and then its magnitude is no
/// larger either (`|v| = mantissa / 10^scale`): that is decided from the integer alone, several
/// times cheaper than comparing decimals; only the rest are compared.
#[inline(always)]
fn fits(v: Decimal, lo: Decimal, hi: Decimal) -> bool {
    let negative = v.is_sign_negative() && !v.is_zero();
    if negative && lo.is_zero() {
        return false;
    }
    if v.mantissa().unsigned_abs() <= hi.mantissa().unsigned_abs() && hi.scale() == 0 {
        return true;
    }
    v >= lo && v <= hi
}

/// Checks every figure of `record`; the first out of bounds is the error.
pub fn check(record: &Record) -> Result<(), Breach> {
    let z = Decimal::ZERO;
    let b = &record.budget;
    let money = |v: Option<Decimal>, what, keys| within(v, z, MAX_AMOUNT, None, what, keys);
    money(
        b.initial,
        ("年初预算数", "initial budget"),
        &["initial", "年初预算数"],
    )?;
    money(
        b.annual,
        ("全年预算数", "annual budget"),
        &["annual", "planned", "全年预算数"],
    )?;
    money(
        b.executed,
        ("全年执行数", "executed amount"),
        &["executed", "全年执行数"],
    )?;
    for (source, f) in &b.sources {
        let what = (source.zh(), source.key());
        let keys: &'static [&'static str] = &["sources"];
        money(f.initial, what, keys)?;
        money(f.annual, what, keys)?;
        money(f.executed, what, keys)?;
    }
    let c = &record.claimed;
    let points = |v, what, keys| within(v, z, MAX_POINTS, None, what, keys);
    points(c.total, ("自评总分", "claimed total"), &["total"])?;
    points(
        c.execution_score,
        ("自评预算执行得分", "claimed execution score"),
        &["execution_score"],
    )?;
    points(
        c.execution_rate,
        ("自报预算执行率", "claimed execution rate"),
        &["execution_rate"],
    )?;
    for v in c.items.values() {
        points(
            Some(*v),
            ("自评评分项得分", "claimed item score"),
            &["items"],
        )?;
    }
    for v in record.measures.values() {
        if let Measure::Number(v) = v {
            within(
                Some(*v),
                -MAX_VALUE,
                MAX_VALUE,
                None,
                ("计量", "measure"),
                &["measures"],
            )?;
        }
    }
    for (i, ind) in record.indicators.iter().enumerate() {
        let at = Some(i);
        within(ind.weight, z, MAX_POINTS, at, ("权重", "weight"), &[])?;
        within(
            ind.claimed_score,
            z,
            MAX_POINTS,
            at,
            ("自评得分", "claimed score"),
            &[],
        )?;
        if let Target::Quantity { value, .. } = &ind.target {
            within(
                Some(*value),
                -MAX_VALUE,
                MAX_VALUE,
                at,
                ("目标值", "target value"),
                &[],
            )?;
        }
        if let Actual::Measured { value, .. } = &ind.actual {
            within(
                Some(*value),
                -MAX_VALUE,
                MAX_VALUE,
                at,
                ("实际完成值", "actual value"),
                &[],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constants_are_what_they_say() {
        assert_eq!(MAX_POINTS, Decimal::from(1_000_000));
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_000u64));
    }

    #[test]
    fn the_quick_test_is_the_comparison() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let (z, hi) = (Decimal::ZERO, MAX_POINTS);
        for v in [
            "0",
            "-0",
            "1",
            "1000000",
            "1000000.0000001",
            "999999.99999999",
            "-0.0001",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-1000000",
            "1000000.00",
            "10000000",
        ] {
            let v = d(v);
            assert_eq!(fits(v, z, hi), v >= z && v <= hi, "{v} in [0, {hi}]");
            assert_eq!(
                fits(v, -hi, hi),
                v >= -hi && v <= hi,
                "{v} in [-{hi}, {hi}]"
            );
        }
    }
}
