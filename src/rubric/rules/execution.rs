//! The reason of the item that reads the execution rate (预算执行率), whatever its rule kind:
//! explained from the budget itself, which is what a finance officer checks.

use rust_decimal::Decimal;

use crate::i18n::Lang;
use crate::model::Record;
use crate::num::{fmt_points, fmt_value, fmt2};

/// Executed against planned, the rate, and the score out of the item's points.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionTrace {
    /// Executed, planned and the rate; none when nothing executed is recorded.
    figures: Option<(Decimal, Decimal, Decimal)>,
    unit: &'static str,
    points: Decimal,
    score: Decimal,
}

impl ExecutionTrace {
    pub fn new(record: &Record, rate: Option<Decimal>, points: Decimal, score: Decimal) -> Self {
        let b = &record.budget;
        ExecutionTrace {
            figures: b.executed.zip(rate).map(|(e, r)| (e, b.planned, r)),
            unit: b.unit.as_str(),
            points,
            score,
        }
    }

    pub fn reason(&self, lang: Lang) -> String {
        let Some((executed, planned, rate)) = self.figures else {
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
        match lang {
            Lang::Zh => format!("执行 {e}{u} / 预算 {p}{u} = {r}%；{m} × min({r}%, 100%) = {s}"),
            Lang::En => {
                format!("executed {e}{u} / planned {p}{u} = {r}%; {m} × min({r}%, 100%) = {s}")
            }
        }
    }
}
