//! Scoring one indicator under the rubric, with the reason a person can check.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::reading::{Why, reading};
use super::{Figures, Line, Reason, Status, Unmeasured};
use crate::model::lexeme::{normalize, trim};
use crate::model::{
    Actual, Date, Direction, Indicator, Level2, Money, Record, Target, Tier, Time, Unit,
};
use crate::num::{mul_div_clamped, percent_of};
use crate::rubric::{Curve, Of, Rubric, ShareBands};

struct Builder<'a> {
    index: usize,
    weight: Decimal,
    direction: Direction,
    why: Why,
    ind: &'a Indicator,
    /// Percent of the weight a claim without a figure is credited with (the rubric's policy).
    claim_credit: Decimal,
}

impl Builder<'_> {
    fn line(&self, score: Decimal, status: Status, reason: Reason) -> Line {
        Line {
            index: self.index,
            max: self.weight,
            score,
            status,
            unmeasured: None,
            tier: None,
            direction: self.direction,
            actual: None,
            target: None,
            reason,
        }
    }

    fn unmeasured(&self, why: Unmeasured) -> Line {
        // a claim without a figure gets what the rubric's policy credits it with (none by
        // default); everything else that cannot be measured gets 0
        let credit = match why {
            Unmeasured::RestatesTarget | Unmeasured::AssertsCompletion => self.claim_credit,
            _ => Decimal::ZERO,
        };
        let score = if credit.is_zero() {
            Decimal::ZERO
        } else {
            (self.weight * credit / Decimal::ONE_HUNDRED)
                .max(Decimal::ZERO)
                .min(self.weight)
        };
        let mut l = self.line(
            score,
            Status::Unmeasured,
            Reason::Unmeasured {
                why: why.clone(),
                credit,
                score,
            },
        );
        l.unmeasured = Some(why);
        l
    }

    /// A quantitative or timeliness line whose actual is not a measurement.
    fn unmeasured_from(&self, actual: &Actual) -> Line {
        self.unmeasured(match actual {
            Actual::Missing => Unmeasured::Missing,
            Actual::Claim => Unmeasured::RestatesTarget,
            // 已完成, 达到预期 against a number or a date: a claim without its figure
            Actual::Tier(Tier::Achieved) => Unmeasured::AssertsCompletion,
            _ => Unmeasured::NotMeasured,
        })
    }
}

/// Scores indicator `ind` (number `index`) with `weight` points.
pub fn score_line(
    index: usize,
    ind: &Indicator,
    weight: Decimal,
    record: &Record,
    rubric: &Rubric,
) -> Line {
    let (direction, why) = reading(ind);
    let b = Builder {
        index,
        weight,
        direction,
        why,
        ind,
        claim_credit: rubric.thresholds.claim_credit,
    };
    match &ind.target {
        Target::Qualitative(text) => qualitative(&b, text, rubric),
        Target::Deadline { date, .. } => by_deadline(&b, *date, record),
        Target::Quantity { value, unit, .. } => quantity(&b, *value, unit, record, rubric),
    }
}

fn qualitative(b: &Builder, target_text: &str, rubric: &Rubric) -> Line {
    let ind = b.ind;
    let same_text = ind.actual_text.as_deref().map(trim).is_some_and(|a| {
        !a.is_empty() && (a == trim(target_text) || normalize(a) == normalize(target_text))
    });
    let tier = match &ind.actual {
        _ if same_text => Tier::Achieved,
        Actual::Tier(t) => *t,
        other => return b.unmeasured_from(other),
    };
    let rule = rubric.tier(tier);
    let w = b.weight;
    let claimed = ind
        .claimed_score
        .filter(|c| percent_of(*c, w).is_some_and(|share| rule.range.contains(share)));
    let score = claimed.unwrap_or_else(|| w * rule.default / Decimal::ONE_HUNDRED);
    let reason = Reason::Qualitative {
        tier,
        range: rule.range,
        claimed,
        default: rule.default,
        weight: w,
        score,
    };
    let mut l = b.line(score, Status::Qualitative, reason);
    l.tier = Some(tier);
    l
}

fn by_deadline(b: &Builder, deadline: Date, record: &Record) -> Line {
    let Actual::Date(done) = &b.ind.actual else {
        return b.unmeasured_from(&b.ind.actual);
    };
    let year = record.year.or(done.year).or(deadline.year).unwrap_or(2000);
    let done = *done;
    if done.resolve(year) <= deadline.resolve(year) {
        let weight = b.weight;
        b.line(
            weight,
            Status::Met,
            Reason::DeadlineMet {
                done,
                deadline,
                weight,
            },
        )
    } else {
        b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::DeadlineMissed { done, deadline },
        )
    }
}

fn quantity(b: &Builder, target: Decimal, unit: &Unit, record: &Record, rubric: &Rubric) -> Line {
    let ind = b.ind;
    // `3月` against a duration (`≤4月`, `4个月`) is three months, as the target wrote it
    let months;
    let (value, a_unit) = match &ind.actual {
        Actual::Measured { value, unit } => (value, unit),
        Actual::Date(Date {
            year: None,
            month,
            day: None,
        }) if unit.is_time() => {
            months = (Decimal::from(*month), Unit::Time(Time::Month));
            (&months.0, &months.1)
        }
        other => return b.unmeasured_from(other),
    };
    let money = record.budget.unit;
    // borrowed as written; a cost indicator's units read in the budget's money
    let (t_unit, a_unit): (Cow<Unit>, Cow<Unit>) = if ind.is_cost() {
        (
            Cow::Owned(unit.clone().on_cost(money)),
            Cow::Owned(a_unit.clone().on_cost(money)),
        )
    } else {
        (Cow::Borrowed(unit), Cow::Borrowed(a_unit))
    };
    // `万` alone beside an amount of money is 万元 (检查医院违规金额 ≥240万 against 180万元).
    let wan = |u: &Unit| matches!(u, Unit::Word(w) if w == "万");
    let wan_yuan = || Cow::Owned(Unit::Money(Money::Wan));
    let (t_unit, a_unit) = match (t_unit, a_unit) {
        (t, a) if wan(&t) && a.is_money() => (wan_yuan(), a),
        (t, a) if wan(&a) && t.is_money() => (t, wan_yuan()),
        pair => pair,
    };
    let Some(actual) = a_unit.convert(*value, &t_unit) else {
        return b.unmeasured(Unmeasured::UnitMismatch {
            actual: a_unit.as_str().to_string(),
            target: t_unit.as_str().to_string(),
        });
    };
    let unit = if *t_unit == Unit::None {
        a_unit.as_ref().clone()
    } else {
        t_unit.as_ref().clone()
    };
    let w = b.weight;
    let forward = b.direction == Direction::Forward;
    let met = if forward {
        actual >= target
    } else {
        actual <= target
    };
    let binary = ind.level2 == Level2::Timeliness && (t_unit.is_time() || a_unit.is_time());
    let f = Figures {
        actual,
        target,
        unit,
        forward,
        why: b.why,
        weight: w,
    };
    let (curve, _) = rubric.curve_for(ind);
    let mut line = match curve {
        _ if binary && !met => b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::LateDuration {
                actual,
                target,
                unit: f.unit,
                why: b.why,
            },
        ),
        Curve::Bands(bands) => banded(b, f, bands, met),
        _ if met => {
            let th = &rubric.thresholds;
            let lowball = (forward
                && target > Decimal::ZERO
                && !th.lowball_deduction.is_zero()
                && target
                    .checked_mul(th.lowball_ratio)
                    .is_some_and(|bar| actual >= bar))
            .then(|| {
                let cut = w * th.lowball_deduction / Decimal::ONE_HUNDRED;
                (th.lowball_deduction, (w - cut).max(Decimal::ZERO))
            });
            let score = lowball.map_or(w, |(_, s)| s);
            let reason = Reason::Met {
                figures: f,
                lowball,
            };
            b.line(score, Status::Met, reason)
        }
        Curve::PassMark(pass) => pass_mark(b, f, *pass),
        Curve::Proportional => proportional(b, f),
    };
    line.actual = Some(actual);
    line.target = Some(target);
    line
}

impl Figures {
    /// The completion in percent: actual / target, or target / actual for a ceiling; none when
    /// the denominator is 0.
    fn ratio(&self) -> Option<Decimal> {
        let (num, den) = self.num_den();
        percent_of(num, den)
    }

    fn num_den(&self) -> (Decimal, Decimal) {
        if self.forward {
            (self.actual, self.target)
        } else {
            (self.target, self.actual)
        }
    }
}

/// Not met, scored in proportion: weight × actual / target (target / actual for a ceiling),
/// clamped to [0, weight] (财预〔2020〕10号 第十六条).
fn proportional(b: &Builder, f: Figures) -> Line {
    let (num, den) = f.num_den();
    let w = f.weight;
    let Some(score) = mul_div_clamped(w, num, den, Decimal::ZERO, w) else {
        return b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::ZeroRatio { forward: f.forward },
        );
    };
    let reason = Reason::Proportional { figures: f, score };
    b.line(score, Status::NotMet, reason)
}

/// Not met, under a pass mark: a completion below `pass` percent scores 0; at or above it,
/// weight × (ratio − pass) / (100 − pass), clamped to [0, weight].
fn pass_mark(b: &Builder, f: Figures, pass: Decimal) -> Line {
    let Some(ratio) = f.ratio() else {
        return b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::ZeroRatio { forward: f.forward },
        );
    };
    let w = f.weight;
    let score = if ratio < pass {
        Decimal::ZERO
    } else {
        // the rubric holds pass below 100; a saturated ratio (a tiny target) clamps to w
        let above = ratio.saturating_sub(pass);
        mul_div_clamped(w, above, Decimal::ONE_HUNDRED - pass, Decimal::ZERO, w)
            .unwrap_or(Decimal::ZERO)
    };
    let reason = Reason::PassMark {
        figures: f,
        ratio,
        pass,
        score,
    };
    b.line(score, Status::NotMet, reason)
}

/// Met or not, the actual (or the completion) in the rubric's bands: weight × the band's share.
fn banded(b: &Builder, f: Figures, bands: &ShareBands, met: bool) -> Line {
    let ratio = f.ratio();
    let value = match bands.of {
        Of::Actual => Some(f.actual),
        Of::Ratio => ratio,
    };
    let Some(value) = value else {
        return b.line(
            Decimal::ZERO,
            Status::NotMet,
            Reason::ZeroRatio { forward: f.forward },
        );
    };
    let w = f.weight;
    let band = bands.band(value).copied();
    let score = band.map_or(Decimal::ZERO, |band| {
        (w * band.share / Decimal::ONE_HUNDRED)
            .max(Decimal::ZERO)
            .min(w)
    });
    let status = if met { Status::Met } else { Status::NotMet };
    let reason = Reason::Banded {
        figures: f,
        ratio: (bands.of == Of::Ratio).then_some(value),
        band,
        score,
    };
    b.line(score, status, reason)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::i18n::Lang;
    use crate::library::Library;
    use crate::read::project::read_project;
    use crate::rubric::Rubric;
    use crate::score::{Status, Unmeasured, score};

    /// Scores one 10-point indicator (`level1`/`level2`, target, actual) under the national
    /// rubric; returns its score (to 2 decimals), status and reason in both languages.
    fn one(levels: &str, target: &str, actual: &str) -> (Decimal, Status, String, String) {
        let y = format!(
            "project: {{id: T, name: 测, year: 2024}}\nbudget: {{planned: 100, executed: 100}}\nindicators:\n  - {{name: 甲, {levels}, target: '{target}', actual: '{actual}', weight: 10}}\n"
        );
        let record = read_project("t.yaml", &y, &Library::default()).unwrap();
        let card = score(&record, &Rubric::load("national-2020").unwrap()).unwrap();
        let l = &card.lines[0];
        let ind = &record.indicators[0];
        (
            l.score.round_dp(2),
            l.status,
            l.reason.render(ind, Lang::Zh),
            l.reason.render(ind, Lang::En),
        )
    }

    const COST: &str = "level1: 成本指标, level2: 经济成本指标";
    const QUALITY: &str = "level1: 产出指标, level2: 质量指标";
    const TIMELY: &str = "level1: 产出指标, level2: 时效指标";
    const COUNT: &str = "level1: 产出指标, level2: 数量指标";

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_cost_line_is_a_ceiling_whatever_its_operator() {
        // 193万元 with no operator, 150 spent: under the ceiling, full marks (was 10 × 150/193)
        let (s, st, zh, en) = one(COST, "193万元", "150万元");
        assert_eq!((s, st), (d("10"), Status::Met));
        assert_eq!(
            zh,
            "成本指标：不超过 193万元；实际 150万元 ≤ 目标 193万元：达标，满分 10.00"
        );
        assert!(en.starts_with("cost indicator: at most 193万元; "), "{en}");
        // =20.1万元 with 25 spent: overspent, 10 × 20.1/25 = 8.04 (was full marks)
        let (s, st, zh, _) = one(COST, "=20.1万元", "25万元");
        assert_eq!((s, st), (d("8.04"), Status::NotMet));
        assert_eq!(
            zh,
            "成本指标：不超过 20.1万元；目标 20.1万元 / 实际 25万元 × 10 = 8.04"
        );
        // at the ceiling, and a written ≥ on a cost line
        assert_eq!(one(COST, "=20.1万元", "20.1万元").0, d("10"));
        assert_eq!(one(COST, "≥20万元", "25万元").0, d("8"));
        // a stated direction wins over the cost reading
        assert_eq!(
            one(&format!("{COST}, direction: 正向"), "=20万元", "25万元").0,
            d("10")
        );
    }

    #[test]
    fn a_zero_target_is_a_ceiling() {
        // 机房消防事故发生率 =0%: 1% is not met (was met, 1% ≥ 0%)
        let (s, st, zh, en) = one(QUALITY, "=0%", "1%");
        assert_eq!((s, st), (d("0"), Status::NotMet));
        assert!(zh.starts_with("目标为 0，按上限：不超过 0%；"), "{zh}");
        assert!(
            en.starts_with("a target of zero is a ceiling: at most 0%; "),
            "{en}"
        );
        assert_eq!(one(QUALITY, "=0%", "0%").1, Status::Met);
        assert_eq!(one(QUALITY, "0起", "0起").1, Status::Met);
        assert_eq!(one(QUALITY, "0起", "2起").1, Status::NotMet);
        // just above zero, `=` is a floor again
        assert_eq!(one(QUALITY, "=0.5%", "1%").1, Status::Met);
    }

    #[test]
    fn durations_are_ceilings_and_convert() {
        // a bare duration: 5个月 against 4个月 is late (was met)
        let (s, st, zh, _) = one(TIMELY, "4个月", "5个月");
        assert_eq!((s, st), (d("0"), Status::NotMet));
        assert_eq!(
            zh,
            "时长按上限：不超过 4个月；时效：实际 5个月，未在目标 4个月 内：0"
        );
        assert_eq!(one(TIMELY, "4个月", "4个月").1, Status::Met);
        // ≤4月 (公开表6: 4, 月, ≤) is four months: 3个月 meets it (was 0, read as April)
        assert_eq!(one(TIMELY, "≤4月", "3个月").1, Status::Met);
        assert_eq!(one(TIMELY, "≤4月", "3月").1, Status::Met);
        assert_eq!(one(TIMELY, "≤4月", "5个月").1, Status::NotMet);
        // days against months, at 30 days a month (was refused as another kind of unit)
        assert_eq!(one(TIMELY, "≤4个月", "90天").1, Status::Met);
        assert_eq!(one(TIMELY, "≤4个月", "120天").1, Status::Met);
        assert_eq!(one(TIMELY, "≤4个月", "121天").1, Status::NotMet);
        assert_eq!(one(TIMELY, "≤1年", "2周").1, Status::Met);
        // a working day is not a calendar day
        assert_eq!(one(TIMELY, "≤5个工作日", "6天").1, Status::Unmeasured);
        assert_eq!(one(TIMELY, "≤5个工作日", "4个工作日").1, Status::Met);
        // =12月 is a deadline in the project year
        assert_eq!(one(TIMELY, "=12月", "2024-11-30").1, Status::Met);
        assert_eq!(one(TIMELY, "=12月", "2025-01-05").1, Status::NotMet);
        // a duration off a timeliness line scores in proportion: 10 × 60 / 75 = 8
        assert_eq!(one(QUALITY, "≤60分钟", "75分钟").0, d("8"));
    }

    #[test]
    fn a_word_of_completion_is_a_claim_without_a_figure() {
        for word in [
            "达到预期",
            "按时完成",
            "已完成",
            "全部完成",
            "符合要求",
            "达成",
        ] {
            for (levels, target) in [(COUNT, "≥95%"), (TIMELY, "12月底前")] {
                let (s, st, zh, en) = one(levels, target, word);
                assert_eq!((s, st), (d("0"), Status::Unmeasured), "{word} {target}");
                assert_eq!(
                    zh,
                    format!("实际完成值 `{word}` 只声称完成，没有实测数值或日期：0")
                );
                assert!(
                    en.starts_with(&format!("actual `{word}` asserts completion")),
                    "{en}"
                );
            }
            // on a qualitative line the same word is the 达成 tier
            assert_eq!(one(QUALITY, "有所提升", word).0, d("10"), "{word}");
        }
        // 部分达成 on a number is not a claim of completion: not measured, as before
        let y = "project: {id: T, name: 测}\nbudget: {planned: 1, executed: 1}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥95%', actual: 部分达成, weight: 10}\n";
        let record = read_project("t.yaml", y, &Library::default()).unwrap();
        let card = score(&record, &Rubric::load("national-2020").unwrap()).unwrap();
        assert_eq!(card.lines[0].unmeasured, Some(Unmeasured::NotMeasured));
    }

    #[test]
    fn a_rubric_may_credit_claims_without_a_figure() {
        let base = Rubric::load("national-2020").unwrap();
        let mut rubric = base.clone();
        rubric.thresholds.claim_credit = d("50");
        let y = "project: {id: T, name: 测}\nbudget: {planned: 1, executed: 1}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥95%', actual: 已完成, weight: 10}\n  - {name: 乙, level1: 产出指标, level2: 数量指标, target: '≥95%', actual: '≥95%', weight: 10}\n  - {name: 丙, level1: 产出指标, level2: 数量指标, target: '≥95%', actual: 显著提高, weight: 10}\n";
        let record = read_project("t.yaml", y, &Library::default()).unwrap();
        let card = score(&record, &rubric).unwrap();
        let scores: Vec<Decimal> = card.lines.iter().map(|l| l.score).collect();
        assert_eq!(scores, [d("5"), d("5"), d("0")]);
        assert_eq!(
            card.lines[0].reason.render(&record.indicators[0], Lang::Zh),
            "实际完成值 `已完成` 只声称完成，没有实测数值或日期，评分规则对此类声明给 50%：5.00"
        );
        let zero = score(&record, &base).unwrap();
        assert!(zero.lines.iter().all(|l| l.score.is_zero()));
    }

    /// Scores one 10-point line under central-2021 (财预〔2021〕101号), the project weighted
    /// as that rubric splits it so that the line keeps its 10 points.
    fn central(levels: &str, target: &str, actual: &str) -> (Decimal, Status, String) {
        let y = format!(
            "project: {{id: T, name: 测, year: 2021}}\nbudget: {{planned: 100, executed: 100}}\nindicators:\n  - {{name: 甲, {levels}, target: '{target}', actual: '{actual}', weight: 10}}\n"
        );
        let record = read_project("t.yaml", &y, &Library::default()).unwrap();
        let card = score(&record, &Rubric::load("central-2021").unwrap()).unwrap();
        let l = &card.lines[0];
        (
            l.score.round_dp(2),
            l.status,
            l.reason.render(&record.indicators[0], Lang::Zh),
        )
    }

    const SATISFACTION: &str = "level1: 满意度指标, level2: 服务对象满意度指标";

    #[test]
    fn a_pass_mark_scores_nothing_below_it_and_the_rest_in_proportion_above() {
        // 60% of the target is the mark: below it 0, at it 0, then (ratio − 60) / 40 × points
        assert_eq!(central(COUNT, "≥100次", "59.99次").0, d("0"));
        assert_eq!(central(COUNT, "≥100次", "60次").0, d("0"));
        assert_eq!(central(COUNT, "≥100次", "61次").0, d("0.25"));
        assert_eq!(central(COUNT, "≥100次", "80次").0, d("5"));
        assert_eq!(central(COUNT, "≥100次", "99.99次").0, d("10.00")); // 9.9975
        assert_eq!(central(COUNT, "≥100次", "100次").1, Status::Met);
        let (s, _, zh) = central(COUNT, "≥100次", "50次");
        assert_eq!(s, d("0"));
        assert_eq!(
            zh,
            "完成比例 实际 50次 / 目标 100次 = 50.00%，低于及格线 60%：0"
        );
        // a ceiling: target / actual, and a cost line is a ceiling whatever its operator
        assert_eq!(central(COST, "=15万元", "16万元").0, d("8.44")); // 93.75%: 10 × 33.75 / 40
        assert_eq!(central(COST, "=15万元", "30万元").0, d("0")); // 50%
        // a zero target cannot give a ratio
        assert_eq!(central(COUNT, "≥0次", "-1次").0, d("0"));
        // under 10号 the same line scores in proportion
        assert_eq!(one(COUNT, "≥100次", "50次").0, d("5"));
    }

    #[test]
    fn satisfaction_scores_in_bands_of_what_was_reached() {
        for (actual, want) in [
            ("100%", "10"),
            ("90%", "10"),
            ("89.99%", "8"),
            ("80%", "8"),
            ("79.99%", "5"),
            ("60%", "5"),
            ("59.99%", "0"),
            ("0%", "0"),
        ] {
            assert_eq!(central(SATISFACTION, "≥90%", actual).0, d(want), "{actual}");
        }
        // the band is of the satisfaction reached, not of the target: ≥85% met at 86% is 8
        let (s, st, zh) = central(SATISFACTION, "≥85%", "86%");
        assert_eq!((s, st), (d("8"), Status::Met));
        assert_eq!(
            zh,
            "实际 86% 落在 [80%, 90%) 档，得分值的 80%：10 × 80% = 8.00"
        );
        // a qualitative satisfaction line keeps its tiers
        assert_eq!(central(SATISFACTION, "满意", "部分达成").0, d("7"));
    }

    #[test]
    fn late_durations_and_deadlines_stay_binary_under_a_pass_mark() {
        assert_eq!(central(TIMELY, "≤4个月", "5个月").0, d("0"));
        assert_eq!(central(TIMELY, "12月底前", "2022-01-10").0, d("0"));
        assert_eq!(central(TIMELY, "≤4个月", "4个月").0, d("10"));
    }
}
