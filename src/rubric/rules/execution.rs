//! The reason of the item that reads the execution rate (预算执行率), whatever its rule kind:
//! explained from the budget itself, which is what a finance officer checks.

use rust_decimal::Decimal;

use crate::i18n::Lang;
use crate::model::{Basis, Record};
use crate::num::{fmt_points, fmt_value, fmt2};

/// Executed against the budget's base (全年预算数, else 年初预算数), the rate, and the score out
/// of the item's points.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionTrace {
    /// Executed, the base and which figure it is, and the rate; none when nothing executed is
    /// recorded.
    figures: Option<(Decimal, (Basis, Decimal), Decimal)>,
    unit: &'static str,
    points: Decimal,
    score: Decimal,
    /// How the item's own rule scored the rate, when it is not in proportion to 100%.
    rule: Option<Box<super::Trace>>,
}

impl ExecutionTrace {
    /// `rule` is the trace of the item's rule, kept when the rule is not `proportional` (bands:
    /// the band the rate fell in).
    pub fn new(
        record: &Record,
        rate: Option<Decimal>,
        points: Decimal,
        score: Decimal,
        rule: Option<super::Trace>,
    ) -> Self {
        let b = &record.budget;
        ExecutionTrace {
            figures: b
                .executed
                .zip(b.base())
                .zip(rate)
                .map(|((e, base), r)| (e, base, r)),
            unit: b.unit.as_str(),
            points,
            score,
            rule: rule.map(Box::new),
        }
    }

    pub fn reason(&self, lang: Lang) -> String {
        let Some((executed, (basis, planned), rate)) = self.figures else {
            return match lang {
                Lang::Zh => "未填写全年执行数：0".into(),
                Lang::En => "no executed amount recorded: 0".into(),
            };
        };
        let u = self.unit;
        let (e, p, r, m, s) = (
            fmt_value(executed),
            fmt_value(planned),
            fmt2(rate),
            fmt_points(self.points),
            fmt2(self.score),
        );
        let how = match (&self.rule, lang) {
            (Some(t), _) => t.reason(lang),
            (None, _) => format!("{m} × min({r}%, 100%) = {s}"),
        };
        match lang {
            Lang::Zh => {
                let b = basis.zh();
                format!("全年执行数 {e}{u} / {b} {p}{u} = {r}%；{how}")
            }
            Lang::En => {
                let b = basis.key();
                format!("executed {e}{u} / {b} budget {p}{u} = {r}%; {how}")
            }
        }
    }
}
