//! The claimed grade (评价等级): its own consistency, against the recomputed grade, and against
//! the money left unspent.

use super::{Check, Context, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::num::{fmt_value, fmt2};

pub static GRADE_MISMATCH: Rule = Rule {
    code: "grade-mismatch",
    severity: Severity::Error,
    summary: Doc {
        zh: "自评等级与自评总分对应的等级不符",
        en: "the claimed grade is not the grade of the claimed total",
    },
    explain: Doc {
        zh: "检查：自评等级是否是自评总分按评分规则分数线（≥90 优，≥80 良，≥60 中，其余差）对应的等级；无法识别的等级词也报此错。\n\
为何重要：等级由总分决定，不能另行选定。\n\
依据：财预〔2020〕10号 第十八条。\n\
示例：自评总分 85，等级报“优” → 报错。\n\
修正：按总分填写等级。",
        en: "Checks: whether the claimed grade is the one the claimed total gets under the rubric's bands (≥90 优, ≥80 良, ≥60 中, else 差); an unknown grade word is flagged too.\n\
Why: the grade follows from the total; it is not chosen separately.\n\
Basis: 财预〔2020〕10号, art. 18.\n\
Example: claimed total 85 with grade 优 → flagged.\n\
Fix: write the grade that the total gets.",
    },
    check: Check::Record(check_mismatch),
};

pub static GRADE_INFLATED: Rule = Rule {
    code: "grade-inflated",
    severity: Severity::Error,
    summary: Doc {
        zh: "自评等级高于复核等级",
        en: "the claimed grade is better than the recomputed grade",
    },
    explain: Doc {
        zh: "检查：自评等级是否优于按复核总分得到的等级。\n\
为何重要：等级是自评结果公开和应用的依据；虚高的等级会误导预算安排。\n\
依据：财预〔2020〕10号 第十八条。\n\
示例：自评“优”，复核总分 77.50 为“中” → 报错。\n\
修正：以复核等级为准。",
        en: "Checks: whether the claimed grade is better than the grade of the recomputed total.\n\
Why: the grade is what is published and used; an inflated grade misleads next year's budget.\n\
Basis: 财预〔2020〕10号, art. 18.\n\
Example: claimed 优, recomputed total 77.50 gives 中 → flagged.\n\
Fix: take the recomputed grade.",
    },
    check: Check::Scorecard(check_inflated),
};

pub static HIGH_GRADE_LOW_EXECUTION: Rule = Rule {
    code: "high-grade-low-execution",
    severity: Severity::Warning,
    summary: Doc {
        zh: "自评为优（或总分 ≥90），但预算执行率低于 90%（结余超过 10%）",
        en: "a top grade (or a total ≥ 90) claimed while the execution rate is below 90% (over 10% unspent)",
    },
    explain: Doc {
        zh: "检查：自评等级为最高档（优）或自评总分达到该档分数线，而预算执行率低于评分规则的阈值（默认 90%）。\n\
为何重要：大量资金未用完，通常说明目标定得宽松或预算编制不准；“优”与之并存需要解释。\n\
依据：财预〔2020〕10号 第十三条（预算执行率权重 10%）；001 号文件中单位自评“优秀”（98.68 分）而一个项目结余 12.54%。\n\
示例：执行率 89.99%，自评“优” → 提示；执行率正好 90.00% → 不提示。\n\
修正：说明结余原因，或如实调低等级。",
        en: "Checks: the claimed grade is the top one (优), or the claimed total reaches its band, while the execution rate is below the rubric's threshold (default 90%).\n\
Why: a large unspent share usually means loose targets or an inaccurate budget; a top grade beside it needs explaining.\n\
Basis: 财预〔2020〕10号, art. 13 (budget execution weighs 10%); seed 001, where a unit rates itself 优秀 (98.68) with 12.54% of a project unspent.\n\
Example: execution 89.99% with 优 → flagged; exactly 90.00% → not flagged.\n\
Fix: explain the unspent money, or lower the grade.",
    },
    check: Check::Scorecard(check_high_grade),
};

fn check_mismatch(ctx: &Facts, sink: &mut Sink) {
    let c = &ctx.record.claimed;
    let Some(word) = &c.grade else { return };
    let Some(rank) = ctx.rubric.grade_rank(word) else {
        let known: Vec<&str> = ctx.rubric.grades.iter().map(|g| &*g.grade).collect();
        sink.record(|| {
            (
                Text::new(
                    format!("自评等级 `{word}` 无法识别：应为 {}", known.join("、")),
                    format!(
                        "claimed grade `{word}` not recognised: expected {}",
                        known.join(", ")
                    ),
                ),
                vec![("claimed_grade", word.clone())],
            )
        });
        return;
    };
    let Some(total) = c.total else { return };
    let (due, band) = ctx.rubric.grade_of(total);
    if due != rank {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自评总分 {} 对应等级「{}」，却报「{word}」",
                        fmt_value(total),
                        band.grade
                    ),
                    format!(
                        "claimed total {} gets `{}` ({}), not `{word}`",
                        fmt_value(total),
                        band.grade,
                        band.en
                    ),
                ),
                vec![
                    ("claimed_total", fmt_value(total)),
                    ("claimed_grade", word.clone()),
                    ("grade_of_total", band.grade.to_string()),
                ],
            )
        });
    }
}

fn check_inflated(ctx: &Context, sink: &mut Sink) {
    let Some(word) = &ctx.record.claimed.grade else {
        return;
    };
    let Some(rank) = ctx.rubric.grade_rank(word) else {
        return;
    };
    if rank < ctx.card.grade_rank {
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自评等级「{word}」，复核总分 {} 为「{}」",
                        fmt2(ctx.card.total),
                        ctx.card.grade
                    ),
                    format!(
                        "claimed grade `{word}`, recomputed total {} gets `{}` ({})",
                        fmt2(ctx.card.total),
                        ctx.card.grade,
                        ctx.card.grade_en
                    ),
                ),
                vec![
                    ("claimed_grade", word.clone()),
                    ("recomputed_grade", ctx.card.grade.to_string()),
                    ("recomputed_total", fmt2(ctx.card.total)),
                ],
            )
        });
    }
}

fn check_high_grade(ctx: &Context, sink: &mut Sink) {
    let c = &ctx.record.claimed;
    let top = &ctx.rubric.grades[0];
    let claims_top = c.grade.as_deref().and_then(|g| ctx.rubric.grade_rank(g)) == Some(0)
        || c.total.is_some_and(|t| t >= top.min);
    let (Some(rate), Some(executed)) = (ctx.card.execution.rate, ctx.record.budget.executed) else {
        return;
    };
    let min = ctx.rubric.thresholds.high_grade_min_execution;
    if claims_top && rate < min {
        let unspent = ctx.record.budget.planned() - executed;
        sink.record(|| {
            (
                Text::new(
                    format!(
                        "自评「{}」，但预算执行率仅 {}%（低于 {}%），结余 {}{}",
                        top.grade,
                        fmt2(rate),
                        fmt_value(min),
                        fmt_value(unspent),
                        ctx.record.budget.unit.as_str()
                    ),
                    format!(
                        "claims `{}` but the execution rate is {}% (below {}%), {}{} unspent",
                        top.grade,
                        fmt2(rate),
                        fmt_value(min),
                        fmt_value(unspent),
                        ctx.record.budget.unit.as_str()
                    ),
                ),
                vec![
                    ("execution_rate", fmt2(rate)),
                    ("threshold", fmt_value(min)),
                ],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn with(executed: &str, claimed: &str) -> Vec<super::super::Flag> {
        flags(&project(
            "100",
            executed,
            &format!("claimed: {{{claimed}}}"),
            &ind(
                "name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 5次, weight: 90",
            ),
        ))
    }

    #[test]
    fn grade_mismatch_against_own_total() {
        assert_eq!(
            count(&with("100", "total: 89.99, grade: 优"), "grade-mismatch"),
            1
        );
        assert_eq!(
            count(&with("100", "total: 90, grade: 优秀"), "grade-mismatch"),
            0
        );
        assert_eq!(
            count(&with("100", "total: 90, grade: 极好"), "grade-mismatch"),
            1
        );
    }

    #[test]
    fn grade_inflated_against_recomputed() {
        // recomputed 90 + 10 × 0.5 = 95 → 优; with 20% executed: 92 → 优; 0 executed: 90 → 优
        assert_eq!(count(&with("50", "grade: 优"), "grade-inflated"), 0);
        let low = flags(&project(
            "100",
            "100",
            "claimed: {grade: 优}",
            &ind(
                "name: 甲, level1: 产出指标, level2: 数量指标, target: '≥10次', actual: 5次, weight: 90",
            ),
        ));
        // 45 + 10 = 55 → 差
        assert_eq!(count(&low, "grade-inflated"), 1);
    }

    #[test]
    fn high_grade_low_execution_at_ninety_percent() {
        assert_eq!(
            count(&with("90", "grade: 优"), "high-grade-low-execution"),
            0
        );
        assert_eq!(
            count(&with("89.99", "grade: 优"), "high-grade-low-execution"),
            1
        );
        assert_eq!(
            count(&with("89.99", "total: 90"), "high-grade-low-execution"),
            1
        );
        assert_eq!(
            count(&with("89.99", "grade: 良"), "high-grade-low-execution"),
            0
        );
    }
}
