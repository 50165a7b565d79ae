//! Why a line scored what it did: the figures, kept as numbers and put into words only when a
//! person reads them (a batch that writes only totals never formats a reason).

use rust_decimal::Decimal;

use super::{Unmeasured, Why};
use crate::i18n::{Lang, Text};
use crate::model::{Date, Indicator, Tier, Unit};
use crate::num::{fmt_points, fmt_value, fmt2};
use crate::rubric::{Range, ShareBand};

/// The figures of a measured quantitative line, in the target's unit, as its reason shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub actual: Decimal,
    pub target: Decimal,
    pub unit: Unit,
    /// A floor (actual ≥ target) or a ceiling.
    pub forward: bool,
    /// How the target was read.
    pub why: Why,
    pub weight: Decimal,
}

/// The reason of a scored line.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Not measured; `credit` is the percentage of the weight the rubric gives a claim without
    /// a figure, `score` what it came to.
    Unmeasured {
        why: Unmeasured,
        credit: Decimal,
        score: Decimal,
    },
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
        figures: Figures,
        lowball: Option<(Decimal, Decimal)>,
    },
    /// A duration not within its limit.
    LateDuration {
        actual: Decimal,
        target: Decimal,
        unit: Unit,
        why: Why,
    },
    /// `weight × num / den`: forward actual/target, reverse target/actual.
    Proportional {
        figures: Figures,
        score: Decimal,
    },
    /// Not met, under the rubric's pass mark: 0 below it, else
    /// `weight × (ratio − pass) / (100 − pass)`.
    PassMark {
        figures: Figures,
        /// The completion in percent.
        ratio: Decimal,
        pass: Decimal,
        score: Decimal,
    },
    /// The actual, or the completion (`ratio`, in percent), in the rubric's bands:
    /// `weight × share`; no band: 0.
    Banded {
        figures: Figures,
        ratio: Option<Decimal>,
        band: Option<ShareBand>,
        score: Decimal,
    },
    /// Not met with a zero denominator.
    ZeroRatio {
        forward: bool,
    },
}

/// Why a line was not measured, in words, without its score.
fn unmeasured(why: &Unmeasured, shown: &str, zh: bool) -> String {
    match (why, zh) {
        (Unmeasured::Missing, true) => "未填写实际完成值".into(),
        (Unmeasured::Missing, false) => "no actual reported".into(),
        (Unmeasured::RestatesTarget, true) => {
            format!("实际完成值 `{shown}` 只是重述目标，不是实测值")
        }
        (Unmeasured::RestatesTarget, false) => {
            format!("actual `{shown}` restates the target instead of measuring it")
        }
        (Unmeasured::AssertsCompletion, true) => {
            format!("实际完成值 `{shown}` 只声称完成，没有实测数值或日期")
        }
        (Unmeasured::AssertsCompletion, false) => {
            format!("actual `{shown}` asserts completion without a measured figure or date")
        }
        (Unmeasured::NotMeasured, true) => format!("实际完成值 `{shown}` 不是可计分的实测值"),
        (Unmeasured::NotMeasured, false) => {
            format!("actual `{shown}` is not a value that can be scored")
        }
        (Unmeasured::UnitMismatch { actual, target }, true) => {
            format!("实际单位「{actual}」与目标单位「{target}」不是同一类")
        }
        (Unmeasured::UnitMismatch { actual, target }, false) => {
            format!("actual unit `{actual}` is not of the kind of the target unit `{target}`")
        }
    }
}

/// How a target was read, when the comparison alone does not say why: `成本指标：不超过 20.1万元；`.
fn reading(why: Why, target: &str, zh: bool) -> String {
    match (why, zh) {
        (Why::Cost, true) => format!("成本指标：不超过 {target}；"),
        (Why::Cost, false) => format!("cost indicator: at most {target}; "),
        (Why::Zero, true) => format!("目标为 0，按上限：不超过 {target}；"),
        (Why::Zero, false) => format!("a target of zero is a ceiling: at most {target}; "),
        (Why::Duration, true) => format!("时长按上限：不超过 {target}；"),
        (Why::Duration, false) => format!("a duration is a ceiling: at most {target}; "),
        _ => String::new(),
    }
}

impl Figures {
    /// The reading of the target (`成本指标：不超过 15万元；`), and the actual and target as shown.
    fn opening(&self, zh: bool) -> (String, String, String) {
        let v = |d: Decimal| format!("{}{}", fmt_value(d), self.unit.as_str());
        let (a, t) = (v(self.actual), v(self.target));
        (reading(self.why, &t, zh), a, t)
    }
}

/// `完成比例 实际 8 / 目标 10 = 80.00%`.
fn completion(a: &str, t: &str, forward: bool, ratio: Decimal, zh: bool) -> String {
    let r = fmt2(ratio);
    match (forward, zh) {
        (true, true) => format!("完成比例 实际 {a} / 目标 {t} = {r}%"),
        (true, false) => format!("completion actual {a} / target {t} = {r}%"),
        (false, true) => format!("完成比例 目标 {t} / 实际 {a} = {r}%"),
        (false, false) => format!("completion target {t} / actual {a} = {r}%"),
    }
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
            Reason::Unmeasured { why, credit, score } => {
                let mut s = unmeasured(why, shown, zh);
                if credit.is_zero() {
                    s.push_str(if zh { "：0" } else { ": 0" });
                } else {
                    if zh {
                        s.push_str(&format!(
                            "，评分规则对此类声明给 {}%：{}",
                            fmt_value(*credit),
                            fmt2(*score)
                        ));
                    } else {
                        s.push_str(&format!(
                            "; the rubric credits a claim without a figure with {}%: {}",
                            fmt_value(*credit),
                            fmt2(*score)
                        ));
                    }
                }
                s
            }
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
            Reason::Met { figures, lowball } => {
                let cmp = if figures.forward { "≥" } else { "≤" };
                let weight = &figures.weight;
                let (mut s, a, t) = figures.opening(zh);
                if zh {
                    s.push_str(&format!(
                        "实际 {a} {cmp} 目标 {t}：达标，满分 {}",
                        fmt2(*weight)
                    ));
                } else {
                    s.push_str(&format!(
                        "actual {a} {cmp} target {t}: met, full {}",
                        fmt2(*weight)
                    ));
                }
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
                why,
            } => {
                let (a, t) = (v(actual, unit), v(target, unit));
                let s = reading(*why, &t, zh);
                if zh {
                    format!("{s}时效：实际 {a}，未在目标 {t} 内：0")
                } else {
                    format!("{s}timeliness: actual {a} not within target {t}: 0")
                }
            }
            Reason::Proportional { figures, score } => {
                let (r, a, t) = figures.opening(zh);
                let (w, s) = (fmt_points(figures.weight), fmt2(*score));
                match (figures.forward, zh) {
                    (true, true) => format!("{r}实际 {a} / 目标 {t} × {w} = {s}"),
                    (true, false) => format!("{r}actual {a} / target {t} × {w} = {s}"),
                    (false, true) => format!("{r}目标 {t} / 实际 {a} × {w} = {s}"),
                    (false, false) => format!("{r}target {t} / actual {a} × {w} = {s}"),
                }
            }
            Reason::PassMark {
                figures,
                ratio,
                pass,
                score,
            } => {
                let (mut s, a, t) = figures.opening(zh);
                s.push_str(&completion(&a, &t, figures.forward, *ratio, zh));
                let weight = &figures.weight;
                let (r, p) = (fmt2(*ratio), fmt_value(*pass));
                let (w, sc) = (fmt_points(*weight), fmt2(*score));
                s.push_str(&match (*ratio < *pass, zh) {
                    (true, true) => format!("，低于及格线 {p}%：0"),
                    (true, false) => format!(", below the pass mark of {p}%: 0"),
                    (false, true) => {
                        format!("，及格线 {p}%：{w} × ({r}% − {p}%) / (100% − {p}%) = {sc}")
                    }
                    (false, false) => {
                        format!(", pass mark {p}%: {w} × ({r}% − {p}%) / (100% − {p}%) = {sc}")
                    }
                });
                s
            }
            Reason::Banded {
                figures,
                ratio,
                band,
                score,
            } => {
                let (mut s, a, t) = figures.opening(zh);
                let weight = &figures.weight;
                match ratio {
                    Some(r) => s.push_str(&completion(&a, &t, figures.forward, *r, zh)),
                    None if zh => s.push_str(&format!("实际 {a}")),
                    None => s.push_str(&format!("actual {a}")),
                }
                let (w, sc) = (fmt_points(*weight), fmt2(*score));
                s.push_str(&match (band, zh) {
                    (Some(b), true) => format!(
                        " 落在 {} 档，得分值的 {}%：{w} × {}% = {sc}",
                        b.range,
                        fmt_value(b.share),
                        fmt_value(b.share)
                    ),
                    (Some(b), false) => format!(
                        " lies in {}, worth {}% of the points: {w} × {}% = {sc}",
                        b.range,
                        fmt_value(b.share),
                        fmt_value(b.share)
                    ),
                    (None, true) => " 不在任何分档内：0".into(),
                    (None, false) => " lies in no band: 0".into(),
                });
                s
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
