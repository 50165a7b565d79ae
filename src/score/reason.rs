//! Why a line scored what it did: the figures, kept as numbers and put into words only when a
//! person reads them (a batch that writes only totals never formats a reason).

use rust_decimal::Decimal;

use super::Unmeasured;
use crate::i18n::{Lang, Text};
use crate::model::{Date, Indicator, Tier, Unit};
use crate::num::{fmt_points, fmt_value, fmt2};
use crate::rubric::Range;

/// The reason of a scored line.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Unmeasured(Unmeasured),
    /// A tier; `claimed` is the claimed score when it lies in the tier's range.
    Qualitative {
        tier: Tier,
        range: Range,
        claimed: Option<Decimal>,
        default: Decimal,
        weight: Decimal,
        score: Decimal,
    },
    DeadlineMet {
        done: Date,
        deadline: Date,
        weight: Decimal,
    },
    DeadlineMissed {
        done: Date,
        deadline: Date,
    },
    /// Met: full weight (less a lowball deduction, when the rubric sets one).
    Met {
        actual: Decimal,
        target: Decimal,
        unit: Unit,
        forward: bool,
        weight: Decimal,
        lowball: Option<(Decimal, Decimal)>,
    },
    /// A duration not within its limit.
    LateDuration {
        actual: Decimal,
        target: Decimal,
        unit: Unit,
    },
    /// `weight × num / den`: forward actual/target, reverse target/actual.
    Proportional {
        actual: Decimal,
        target: Decimal,
        unit: Unit,
        forward: bool,
        weight: Decimal,
        score: Decimal,
    },
    /// Not met with a zero denominator.
    ZeroRatio {
        forward: bool,
    },
}

fn tier_word(t: Tier) -> &'static str {
    match t {
        Tier::Achieved => "达成",
        Tier::Partial => "部分达成",
        Tier::NotAchieved => "未达成",
    }
}

impl Reason {
    /// Both languages.
    pub fn text(&self, ind: &Indicator) -> Text {
        Text::new(self.render(ind, Lang::Zh), self.render(ind, Lang::En))
    }

    /// The reason in words. `ind` is the indicator the line scored.
    pub fn render(&self, ind: &Indicator, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let shown = ind.actual_text.as_deref().unwrap_or("").trim();
        let v = |d: &Decimal, u: &Unit| format!("{}{}", fmt_value(*d), u.as_str());
        match self {
            Reason::Unmeasured(why) => match (why, zh) {
                (Unmeasured::Missing, true) => "未填写实际完成值：0".into(),
                (Unmeasured::Missing, false) => "no actual reported: 0".into(),
                (Unmeasured::RestatesTarget, true) => {
                    format!("实际完成值 `{shown}` 只是重述目标，不是实测值：0")
                }
                (Unmeasured::RestatesTarget, false) => {
                    format!("actual `{shown}` restates the target instead of measuring it: 0")
                }
                (Unmeasured::NotMeasured, true) => {
                    format!("实际完成值 `{shown}` 不是可计分的实测值：0")
                }
                (Unmeasured::NotMeasured, false) => {
                    format!("actual `{shown}` is not a value that can be scored: 0")
                }
                (Unmeasured::UnitMismatch { actual, target }, true) => {
                    format!("实际单位「{actual}」与目标单位「{target}」不是同一类：0")
                }
                (Unmeasured::UnitMismatch { actual, target }, false) => {
                    format!(
                        "actual unit `{actual}` is not of the kind of the target unit `{target}`: 0"
                    )
                }
            },
            Reason::Qualitative {
                tier,
                range,
                claimed,
                default,
                weight,
                score,
            } => match (claimed, zh) {
                (Some(c), true) => format!(
                    "定性「{}」，自评 {} 在 {range} 内：{}",
                    tier_word(*tier),
                    fmt_value(*c),
                    fmt2(*score)
                ),
                (Some(c), false) => {
                    format!(
                        "qualitative `{}`: claimed {} lies in {range}: {}",
                        tier.key(),
                        fmt_value(*c),
                        fmt2(*score)
                    )
                }
                (None, true) => format!(
                    "定性「{}」，按默认 {}% × {} = {}",
                    tier_word(*tier),
                    fmt_value(*default),
                    fmt_points(*weight),
                    fmt2(*score)
                ),
                (None, false) => format!(
                    "qualitative `{}`: default {}% × {} = {}",
                    tier.key(),
                    fmt_value(*default),
                    fmt_points(*weight),
                    fmt2(*score)
                ),
            },
            Reason::DeadlineMet {
                done,
                deadline,
                weight,
            } => {
                let (d, t) = (done.display(), deadline.display());
                if zh {
                    format!("完成于 {d}，不晚于 {t}：满分 {}", fmt2(*weight))
                } else {
                    format!("done {d}, by the deadline {t}: full {}", fmt2(*weight))
                }
            }
            Reason::DeadlineMissed { done, deadline } => {
                let (d, t) = (done.display(), deadline.display());
                if zh {
                    format!("完成于 {d}，晚于 {t}：0")
                } else {
                    format!("done {d}, after the deadline {t}: 0")
                }
            }
            Reason::Met {
                actual,
                target,
                unit,
                forward,
                weight,
                lowball,
            } => {
                let cmp = if *forward { "≥" } else { "≤" };
                let (a, t) = (v(actual, unit), v(target, unit));
                let mut s = if zh {
                    format!("实际 {a} {cmp} 目标 {t}：达标，满分 {}", fmt2(*weight))
                } else {
                    format!("actual {a} {cmp} target {t}: met, full {}", fmt2(*weight))
                };
                if let Some((pct, score)) = lowball {
                    if zh {
                        s.push_str(&format!(
                            "；目标偏低，扣 {}% = {}",
                            fmt_value(*pct),
                            fmt2(*score)
                        ));
                    } else {
                        s.push_str(&format!(
                            "; target set too low, less {}% = {}",
                            fmt_value(*pct),
                            fmt2(*score)
                        ));
                    }
                }
                s
            }
            Reason::LateDuration {
                actual,
                target,
                unit,
            } => {
                let (a, t) = (v(actual, unit), v(target, unit));
                if zh {
                    format!("时效：实际 {a}，未在目标 {t} 内：0")
                } else {
                    format!("timeliness: actual {a} not within target {t}: 0")
                }
            }
            Reason::Proportional {
                actual,
                target,
                unit,
                forward,
                weight,
                score,
            } => {
                let (a, t) = (v(actual, unit), v(target, unit));
                let (w, s) = (fmt_points(*weight), fmt2(*score));
                match (forward, zh) {
                    (true, true) => format!("实际 {a} / 目标 {t} × {w} = {s}"),
                    (true, false) => format!("actual {a} / target {t} × {w} = {s}"),
                    (false, true) => format!("目标 {t} / 实际 {a} × {w} = {s}"),
                    (false, false) => format!("target {t} / actual {a} × {w} = {s}"),
                }
            }
            Reason::ZeroRatio { forward } => {
                let (zh_d, en_d) = if *forward {
                    ("目标", "target")
                } else {
                    ("实际", "actual")
                };
                if zh {
                    format!("未达标，{zh_d}为 0，比例无意义：0")
                } else {
                    format!("not met and the {en_d} is 0, so the ratio is undefined: 0")
                }
            }
        }
    }
}
