//! A project's verdict on its target table: 100 less the points its findings take off (each
//! code's deduction per finding, capped per code, as the review rubric says), then the band.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Finding, ReviewRubric};

/// The points and the band a project's target table earns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// 100 less the deductions, at least 0.
    pub points: Decimal,
    /// The place of the band in the rubric's `bands` (0 the best).
    pub band: usize,
    /// Points taken off, by code, in registry order of first appearance.
    pub deductions: Vec<(&'static str, Decimal)>,
}

/// The verdict of `findings` under `rubric`.
pub fn of(findings: &[Finding], rubric: &ReviewRubric) -> Verdict {
    let mut by_code: BTreeMap<(usize, &'static str), Decimal> = BTreeMap::new();
    for f in findings {
        let (per, _) = rubric.deduction(f.code, f.severity);
        *by_code.entry((f.order, f.code)).or_default() += per;
    }
    let deductions: Vec<(&'static str, Decimal)> = by_code
        .into_iter()
        .map(|((_, code), total)| {
            let sev = findings.iter().find(|f| f.code == code).map(|f| f.severity);
            let cap = sev.and_then(|s| rubric.deduction(code, s).1);
            (code, cap.map_or(total, |c| total.min(c)))
        })
        .filter(|(_, d)| !d.is_zero())
        .collect();
    let off: Decimal = deductions.iter().map(|(_, d)| *d).sum();
    let points = (Decimal::from(100) - off).max(Decimal::ZERO);
    let band = rubric
        .bands
        .iter()
        .position(|b| points >= b.min)
        .unwrap_or(rubric.bands.len() - 1);
    Verdict {
        points,
        band,
        deductions,
    }
}
