//! Ambition (with `--baseline`): a target set below what last year achieved, a target left where
//! last year's actual passed it by far, last year's missed indicators dropped.

use rust_decimal::Decimal;

use super::{Facts, Rule, Sink};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;
use crate::model::{Actual, Direction, Indicator, Op, Target, Tier, Unit};
use crate::num::fmt_value;

pub static BELOW_LAST_ACTUAL: Rule = Rule {
    code: "below-last-actual",
    severity: Severity::Warning,
    summary: Doc {
        zh: "今年的指标值低于上年实际完成值",
        en: "this year's target is below what last year achieved",
    },
    explain: Doc {
        zh: "检查：与上年同一指标（按编码或名称匹配，见输出中的匹配方式）相比，今年的定量指标值是否低于上年实际完成值（反向指标为高于）。\n\
为何重要：目标低于已经做到的水平，等于预先放宽考核，年底几乎必然“完成”；评价时还可能按偏离度调减分值。\n\
依据：财预〔2020〕10号 第十六条（“如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值”）；财预〔2020〕10号 关于评价标准中“历史标准”的规定：在可实现的条件下应当确定相对较高的评价标准（条文未经核对）。\n\
示例：上年“门诊救助人次”实际 5200 人次，今年目标 ≥5000人次 → 提示。\n\
修正：以上年实际为起点设定目标，或说明今年条件变化的理由。",
        en: "Checks: against the same indicator last year (matched by code or name; the output says how), whether this year's quantitative target is below last year's actual (above it, for a reverse indicator).\n\
Why: a target below what was already achieved loosens the test in advance: it will all but surely be met, and may lose points at evaluation for being set too low.\n\
Basis: 财预〔2020〕10号, art. 16 (a target met by far because it was set too low loses points by the deviation); 财预〔2020〕10号 on the historical standard (历史标准): a relatively high standard where it can be achieved (article not verified against the text).\n\
Example: last year 门诊救助人次 reached 5200; this year's target ≥5000人次 → flagged.\n\
Fix: start from last year's actual, or state what changed this year.",
    },
    check: check_below,
};

pub static UNCHANGED_THOUGH_EXCEEDED: Rule = Rule {
    code: "unchanged-though-exceeded",
    severity: Severity::Warning,
    summary: Doc {
        zh: "指标值与上年相同，而上年实际远超该值",
        en: "the target is last year's, which last year's actual passed by far",
    },
    explain: Doc {
        zh: "检查：今年的指标值与上年相同，而上年实际完成值达到该值的 `exceeded_by` 倍（审核规则，内置 1.2；反向指标为不高于其 1/1.2）。\n\
为何重要：照抄上年目标而上年已远超，说明目标没有随实际调整，考核失去约束。\n\
依据：财预〔2020〕10号 第十六条（指标值设定明显偏低）；财预〔2020〕10号 关于“历史标准”的规定（条文未经核对）。\n\
示例：上年目标“≥2次”、实际 6 次，今年仍为“≥2次” → 提示。\n\
修正：按上年实际重新确定目标。",
        en: "Checks: this year's target equals last year's, and last year's actual reached `exceeded_by` times it (review rubric, 1.2 shipped; at most 1/1.2 of it for a reverse indicator).\n\
Why: a target copied from a year that passed it by far has not followed what is achieved, and binds nothing.\n\
Basis: 财预〔2020〕10号, art. 16 (targets set clearly too low); 财预〔2020〕10号 on the historical standard (article not verified against the text).\n\
Example: last year ≥2次 with 6 reached; this year ≥2次 again → flagged.\n\
Fix: set the target from last year's actual.",
    },
    check: check_unchanged,
};

pub static MISSED_DROPPED: Rule = Rule {
    code: "missed-dropped",
    severity: Severity::Warning,
    summary: Doc {
        zh: "上年未完成的指标今年不再设置",
        en: "an indicator missed last year is dropped this year",
    },
    explain: Doc {
        zh: "检查：上年同一项目中实际值未达到指标值（定量未达标，或定性为部分达成、未达成）的指标，今年是否仍有对应指标。\n\
为何重要：未完成的指标应分析原因并整改；今年直接删去，问题就从考核中消失了。\n\
依据：财预〔2020〕10号 附1“偏差原因分析及改进措施”栏（条文未经核对）。\n\
示例：上年“系统故障率 ≤5%”实际 8%，今年的目标表没有这一指标 → 提示。\n\
修正：保留该指标并写明改进后的目标，或说明删去的理由。",
        en: "Checks: whether an indicator whose actual missed its target last year (a figure short of it, or a partial or not achieved tier) still has a counterpart this year.\n\
Why: a missed indicator calls for its causes and a remedy; dropping it removes the problem from the test.\n\
Basis: 财预〔2020〕10号, annex 1 (偏差原因分析及改进措施) (not verified against the text).\n\
Example: last year 系统故障率 ≤5% reached 8%; this year's table has no such line → flagged.\n\
Fix: keep the indicator with an improved target, or state why it was dropped.",
    },
    check: check_dropped,
};

pub static LAST_ACTUAL_UNMEASURED: Rule = Rule {
    code: "last-actual-unmeasured",
    severity: Severity::Info,
    summary: Doc {
        zh: "上年实际值只重复了目标（如“≥90%”），无法判断今年目标是否偏低",
        en: "last year's actual only restates its target (≥90%): whether this year's is too low cannot be judged",
    },
    explain: Doc {
        zh: "检查：与上年对应、两年都是定量的指标，上年“实际完成值”是否只是一个不等式或期限（如“≥90%”“12月底之前”），而不是实测数值。\n\
为何重要：上年没有实测值，就无法用历史标准检验今年的目标是否偏低；审核时应要求单位补报上年实际。\n\
依据：财预〔2020〕10号 第十六条（定量指标按完成值记分）；财预〔2020〕10号 关于“历史标准”的规定（条文未经核对）。\n\
示例：000 号文件 2021 年“开展医保集中宣传次数(次)”实际完成值写“>=2”，2024 年目标仍为“≥2次” → 提示。\n\
修正：向单位索取上年的实测值，再确定今年目标。",
        en: "Checks: for an indicator matched to last year's, quantitative in both years, whether last year's actual is only an inequality or a deadline (≥90%, 12月底之前) rather than a measured figure.\n\
Why: without last year's figure the historical standard cannot test whether this year's target is too low; the unit should be asked for it.\n\
Basis: 财预〔2020〕10号, art. 16 (quantitative lines scored by the figure reached); 财预〔2020〕10号 on the historical standard (article not verified against the text).\n\
Example: in seed 000, the 2021 actual of 开展医保集中宣传次数(次) is >=2, and the 2024 target is ≥2次 again → hinted.\n\
Fix: ask the unit for last year's measured figure before setting this year's target.",
    },
    check: check_unmeasured,
};

/// Whether higher is better for an indicator: its stated direction, else its operator.
fn forward(ind: &Indicator) -> bool {
    match ind.direction {
        Some(d) => d == Direction::Forward,
        None => !matches!(ind.target.op(), Some(Op::Le | Op::Lt)),
    }
}

/// A quantity target's value and unit.
fn quantity(t: &Target) -> Option<(Op, Decimal, &Unit)> {
    match t {
        Target::Quantity {
            op, value, unit, ..
        } => Some((*op, *value, unit)),
        _ => None,
    }
}

/// Last year's measured actual of `last`, in the unit `to`.
fn actual_in(last: &Indicator, to: &Unit) -> Option<Decimal> {
    match &last.actual {
        Actual::Measured { value, unit } => unit.convert(*value, to),
        _ => None,
    }
}

/// The pairs whose target is a quantity and last year's actual a measurement: (this index,
/// this target value, last year's actual, last year's target value in this unit if a quantity
/// with the same operator, forward).
fn measured<'a>(
    facts: &'a Facts,
) -> impl Iterator<Item = (usize, Decimal, Decimal, Option<Decimal>, bool)> + 'a {
    let m = facts.last;
    m.into_iter().flat_map(move |m| {
        m.pairs.iter().filter_map(move |(i, k, _)| {
            let this = &facts.record.indicators[*i];
            let last = &m.last.indicators[*k];
            let (op, v, unit) = quantity(&this.target)?;
            let a = actual_in(last, unit)?;
            let same = quantity(&last.target)
                .filter(|(lop, _, _)| *lop == op)
                .and_then(|(_, lv, lu)| lu.convert(lv, unit));
            Some((*i, v, a, same, forward(this)))
        })
    })
}

fn exceeded(facts: &Facts, v: Decimal, a: Decimal, same: Option<Decimal>, fwd: bool) -> bool {
    let k = facts.rubric.exceeded_by;
    same == Some(v)
        && if fwd {
            a >= v * k && a > v
        } else {
            a * k <= v && a < v
        }
}

fn last_line(facts: &Facts, i: usize) -> String {
    let Some(m) = facts.last else {
        return String::new();
    };
    let Some((k, _)) = m.last_of(i) else {
        return String::new();
    };
    m.last.indicators[k]
        .line
        .map_or(m.file.to_string(), |l| format!("{}:{l}", m.file))
}

fn check_below(facts: &Facts, sink: &mut Sink) {
    for (i, v, a, same, fwd) in measured(facts) {
        let below = if fwd { v < a } else { v > a };
        if !below || exceeded(facts, v, a, same, fwd) {
            continue;
        }
        let ind = &facts.record.indicators[i];
        let (vs, av) = (fmt_value(v), fmt_value(a));
        let (zh, en) = if fwd {
            ("低于", "below")
        } else {
            ("高于", "above")
        };
        sink.on(
            i,
            (
                Text::new(
                    format!(
                        "“{}”今年目标 `{}` {zh}上年实际 {av}（{}）",
                        ind.name,
                        ind.target_text,
                        last_line(facts, i)
                    ),
                    format!(
                        "“{}”: this year's target `{}` is {en} last year's actual {av} ({})",
                        ind.name,
                        ind.target_text,
                        last_line(facts, i)
                    ),
                ),
                vec![
                    ("target", vs),
                    ("last_actual", av),
                    ("last", last_line(facts, i)),
                ],
            ),
        );
    }
}

fn check_unchanged(facts: &Facts, sink: &mut Sink) {
    for (i, v, a, same, fwd) in measured(facts) {
        if !exceeded(facts, v, a, same, fwd) {
            continue;
        }
        let ind = &facts.record.indicators[i];
        let times = super::baseline::ratio(a, v).map_or(String::new(), fmt_value);
        let k = fmt_value(facts.rubric.exceeded_by);
        sink.on(
            i,
            (
                Text::new(
                    format!(
                        "“{}”目标 `{}` 与上年相同，而上年实际 {}（{times} 倍，阈值 {k} 倍）",
                        ind.name,
                        ind.target_text,
                        fmt_value(a)
                    ),
                    format!(
                        "“{}”: target `{}` is last year's, whose actual reached {} ({times} ×, threshold {k} ×)",
                        ind.name,
                        ind.target_text,
                        fmt_value(a)
                    ),
                ),
                vec![
                    ("target", fmt_value(v)),
                    ("last_actual", fmt_value(a)),
                    ("last", last_line(facts, i)),
                ],
            ),
        );
    }
}

fn check_unmeasured(facts: &Facts, sink: &mut Sink) {
    let Some(m) = facts.last else { return };
    for (i, k, _) in &m.pairs {
        let this = &facts.record.indicators[*i];
        let last = &m.last.indicators[*k];
        let quantities = matches!(this.target, Target::Quantity { .. })
            && matches!(last.target, Target::Quantity { .. });
        if !quantities || last.actual != Actual::Claim {
            continue;
        }
        let shown = last.actual_text.as_ref().map_or("", |t| t.as_str());
        let at = last
            .line
            .map_or(m.file.to_string(), |l| format!("{}:{l}", m.file));
        sink.on(
            *i,
            (
                Text::new(
                    format!(
                        "“{}”上年实际完成值只写了 `{shown}`（{at}），无法与今年目标 `{}` 比较",
                        this.name, this.target_text
                    ),
                    format!(
                        "“{}”: last year's actual is only `{shown}` ({at}): this year's target `{}` cannot be compared with it",
                        this.name, this.target_text
                    ),
                ),
                vec![("last_actual", shown.to_string()), ("last", at)],
            ),
        );
    }
}

/// Whether last year's indicator missed its target.
fn missed(last: &Indicator) -> Option<String> {
    match (&last.target, &last.actual) {
        (Target::Quantity { value, unit, .. }, Actual::Measured { .. }) => {
            let a = actual_in(last, unit)?;
            let short = if forward(last) {
                a < *value
            } else {
                a > *value
            };
            short.then(|| format!("{}{}", fmt_value(a), unit.as_str()))
        }
        (Target::Qualitative(_), Actual::Tier(t)) if *t != Tier::Achieved => {
            Some(t.key().to_string())
        }
        _ => None,
    }
}

fn check_dropped(facts: &Facts, sink: &mut Sink) {
    let Some(m) = facts.last else { return };
    for k in &m.dropped {
        let last = &m.last.indicators[*k];
        let Some(reached) = missed(last) else {
            continue;
        };
        let at = last
            .line
            .map_or(m.file.to_string(), |l| format!("{}:{l}", m.file));
        sink.project((
            Text::new(
                format!(
                    "上年“{}”目标 `{}`、实际 {reached}，未完成（{at}），今年没有对应指标",
                    last.name, last.target_text
                ),
                format!(
                    "last year's “{}” (target `{}`, reached {reached}) was missed ({at}) and has no counterpart this year",
                    last.name, last.target_text
                ),
            ),
            vec![
                ("indicator", last.name.to_string()),
                ("target", last.target_text.to_string()),
                ("reached", reached),
                ("last", at),
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use crate::review::{Baseline, Finding};

    /// This year's project with `line`, reviewed against last year's with `last_line`.
    fn against(line: &str, last_line: &str) -> Vec<Finding> {
        let this = record(&project(
            "2024年医疗救助",
            "200",
            "",
            &[GOOD[1], GOOD[3], GOOD[4], line],
        ));
        let last = record(&project(
            "2023年医疗救助",
            "200",
            "",
            &[GOOD[1], GOOD[3], GOOD[4], last_line],
        ));
        let base = Baseline {
            projects: vec![(last, "last.yaml".into())],
        };
        let m = base.find(&this).expect("matched by name");
        assert_eq!(m.how, crate::review::How::Name);
        review_all(std::slice::from_ref(&this), &[Some(m)]).remove(0)
    }

    const Q: &str = "level1: 产出指标, level2: 数量指标";

    #[test]
    fn below_last_actual() {
        let f = against(
            &format!("name: 门诊救助人次, {Q}, target: '≥5000人次', weight: 30"),
            &format!("name: 门诊救助人次, {Q}, target: '≥4000人次', actual: 5200人次, weight: 30"),
        );
        assert_eq!(count(&f, "below-last-actual"), 1);
        let m = &f
            .iter()
            .find(|f| f.code == "below-last-actual")
            .unwrap()
            .message;
        assert_eq!(
            m.zh,
            "“门诊救助人次”今年目标 `≥5000人次` 低于上年实际 5200（last.yaml:7）"
        );
        // near miss: at last year's actual
        let f = against(
            &format!("name: 门诊救助人次, {Q}, target: '≥5200人次', weight: 30"),
            &format!("name: 门诊救助人次, {Q}, target: '≥4000人次', actual: 5200人次, weight: 30"),
        );
        assert_eq!(count(&f, "below-last-actual"), 0);
        // reverse: a ceiling looser than last year's 3%
        let f = against(
            &format!("name: 系统故障率, {Q}, target: '≤5%', weight: 30"),
            &format!("name: 系统故障率, {Q}, target: '≤6%', actual: 3%, weight: 30"),
        );
        assert_eq!(count(&f, "below-last-actual"), 1);
        // a claim is not a measurement: nothing to compare (seed 000 writes ≥2 as its actual),
        // which is said
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥1次', weight: 30"),
            &format!("name: 宣传次数, {Q}, target: '≥2次', actual: '≥2次', weight: 30"),
        );
        assert_eq!(count(&f, "below-last-actual"), 0);
        assert_eq!(count(&f, "last-actual-unmeasured"), 1);
    }

    #[test]
    fn unchanged_though_exceeded() {
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥2次', weight: 30"),
            &format!("name: 宣传次数, {Q}, target: '≥2次', actual: 6次, weight: 30"),
        );
        assert_eq!(count(&f, "unchanged-though-exceeded"), 1);
        assert_eq!(count(&f, "below-last-actual"), 0, "told once");
        assert_eq!(count(&f, "last-actual-unmeasured"), 0, "measured");
        // near miss: 2.3 is under 1.2 × 2 = 2.4, so below-last-actual instead
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥2次', weight: 30"),
            &format!("name: 宣传次数, {Q}, target: '≥2次', actual: 2.3次, weight: 30"),
        );
        assert_eq!(count(&f, "unchanged-though-exceeded"), 0);
        assert_eq!(count(&f, "below-last-actual"), 1);
        // raised to last year's actual: neither
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥6次', weight: 30"),
            &format!("name: 宣传次数, {Q}, target: '≥2次', actual: 6次, weight: 30"),
        );
        assert_eq!(
            count(&f, "unchanged-though-exceeded") + count(&f, "below-last-actual"),
            0
        );
    }

    #[test]
    fn missed_and_dropped() {
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥2次', weight: 30"),
            &format!("name: 系统故障率, {Q}, target: '≤5%', actual: 8%, weight: 30"),
        );
        assert_eq!(count(&f, "missed-dropped"), 1);
        // near misses: met last year; or kept this year
        let f = against(
            &format!("name: 宣传次数, {Q}, target: '≥2次', weight: 30"),
            &format!("name: 系统故障率, {Q}, target: '≤5%', actual: 4%, weight: 30"),
        );
        assert_eq!(count(&f, "missed-dropped"), 0);
        let f = against(
            &format!("name: 系统故障率, {Q}, target: '≤5%', weight: 30"),
            &format!("name: 系统故障率, {Q}, target: '≤5%', actual: 8%, weight: 30"),
        );
        assert_eq!(count(&f, "missed-dropped"), 0);
    }
}
