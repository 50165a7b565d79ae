//! How a target reads: a stated direction that contradicts its operator, and a bare `N月`
//! whose reading (a number of months or the end of a month) is a guess.

use super::{Check, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::model::{Direction, Op, Target};

pub static DIRECTION_CONFLICT: Rule = Rule {
    code: "direction-conflict",
    severity: Severity::Warning,
    summary: Doc {
        zh: "填写的指标方向与目标运算符矛盾（正向配 ≤，反向配 ≥）",
        en: "the stated direction contradicts the operator (forward with ≤, reverse with ≥)",
    },
    explain: Doc {
        zh: "检查：指标方向性写“正向”而目标用 ≤/<，或写“反向”而目标用 ≥/>。\n\
为何重要：方向决定达标判断和计分公式（正向：实际/目标；反向：目标/实际）。二者矛盾时按填写的方向计分，结果可能与编制者本意相反。\n\
依据：公开表6“指标方向性”与“指标性质”两栏；财预〔2020〕10号 第十六条。\n\
示例：`≤5次`、方向“正向” → 提示。\n\
修正：改正方向或运算符，使二者一致。",
        en: "Checks: the direction says forward while the target uses ≤/<, or reverse while it uses ≥/>.\n\
Why: the direction decides when a target is met and which ratio scores it (forward actual/target, reverse target/actual). When they contradict, the stated direction is used, which may be the opposite of what was meant.\n\
Basis: the 指标方向性 and 指标性质 columns of 公开表6; 财预〔2020〕10号, art. 16.\n\
Example: `≤5次` with direction 正向 → flagged.\n\
Fix: correct the direction or the operator so that they agree.",
    },
    check: Check::Record(check),
};

fn check(ctx: &Facts, sink: &mut Sink) {
    for (i, ind) in ctx.record.indicators.iter().enumerate() {
        let (Some(dir), Some(op)) = (ind.direction, ind.target.op()) else {
            continue;
        };
        let conflict = matches!(
            (dir, op),
            (Direction::Forward, Op::Le | Op::Lt) | (Direction::Reverse, Op::Ge | Op::Gt)
        );
        if conflict {
            sink.on(i, || {
                (
                    Text::new(
                        format!(
                            "方向为{}，但目标 `{}` 的运算符是 {}：按{}计分",
                            dir.zh(),
                            ind.target_text,
                            op.symbol(),
                            dir.zh()
                        ),
                        format!(
                            "direction {} but target `{}` uses {}: scored as {}",
                            dir.en(),
                            ind.target_text,
                            op.symbol(),
                            dir.en()
                        ),
                    ),
                    vec![
                        ("direction", dir.en().to_string()),
                        ("operator", op.symbol().to_string()),
                    ],
                )
            });
        }
    }
}

pub static MONTH_GUESSED: Rule = Rule {
    code: "target-month-guessed",
    severity: Severity::Warning,
    summary: Doc {
        zh: "目标写作“N月”，是时长还是截止月份只能推断",
        en: "a target written `N月` may be a number of months or the end of a month: the reading is a guess",
    },
    explain: Doc {
        zh: "检查：目标值是数字加“月”，没有“个”“底”“前”“份”或日期（`≤4月`、`4月`、`=12月`）。jixiao 的读法：带 `=` 的（`=12月`）是当年该月底前完成的期限；其余（`≤4月`、`4月`）是 N 个月的时长，以上限计。
为何重要：同一指标在不同年份的表里写法不同：公开表6 的“审计医保记账凭证的时间”写作指标值 4、度量单位 月、指标性质 ≤（即 4 个月），2021 年的自评表写作 `4个月`；同一张表又用 `=12月` 表示年底前。读错一次，达标的指标就会被判为 0 分。
依据：公开表6“指标值”“度量单位”“指标性质”三栏（004 号文件）；财预〔2020〕10号 第十六条（定量指标按完成值与指标值比较计分）。时长换算：1 年 = 12 个月，1 个月 = 30 天，1 周 = 7 天；工作日不与天换算。
示例：目标 `≤4月`，实际 `3个月` → 按 4 个月的时长计，达标，并提示此读法。
修正：时长写作 `≤4个月`，期限写作 `4月底前` 或 `2024年4月30日前`。",
        en: "Checks: the target is a number and 月 alone, with no 个, 底, 前, 份 or date (`≤4月`, `4月`, `=12月`). jixiao reads one with `=` (`=12月`) as a deadline, the end of that month in the project year, and any other (`≤4月`, `4月`) as a duration of N months, scored as a ceiling.
Why: the same indicator is written differently from year to year: 公开表6 gives 审计医保记账凭证的时间 as value 4, unit 月, operator ≤ (four months), the 2021 self-evaluation table as `4个月`, and the same table writes year-end deadlines as `=12月`. One wrong reading scores a met target 0.
Basis: the 指标值, 度量单位 and 指标性质 columns of 公开表6 (seed 004); 财预〔2020〕10号, art. 16 (a quantitative target is scored against the value reached). Durations convert by 1 year = 12 months, 1 month = 30 days, 1 week = 7 days; working days do not convert to days.
Example: target `≤4月`, actual `3个月` → read as four months, met, and flagged so the reading can be checked.
Fix: write a duration as `≤4个月`, a deadline as `4月底前` or `2024年4月30日前`.",
    },
    check: Check::Record(check_month),
};

fn check_month(ctx: &Facts, sink: &mut Sink) {
    for (i, ind) in ctx.record.indicators.iter().enumerate() {
        let (zh, en) = match &ind.target {
            Target::Quantity {
                value,
                guessed: true,
                ..
            } => (
                format!(
                    "目标 `{}` 按 {} 个月的时长计（上限）；若指截止月份，请写作「{}月底前」",
                    ind.target_text,
                    value.normalize(),
                    value.normalize()
                ),
                format!(
                    "target `{}` read as a duration of {} months (a ceiling); if it means the end of a month, write `{}月底前`",
                    ind.target_text,
                    value.normalize(),
                    value.normalize()
                ),
            ),
            Target::Deadline {
                date,
                guessed: true,
            } => (
                format!(
                    "目标 `{}` 按 {}月底前完成的期限计；若指时长，请写作「{}个月」",
                    ind.target_text, date.month, date.month
                ),
                format!(
                    "target `{}` read as a deadline, the end of month {}; if it means a duration, write `{}个月`",
                    ind.target_text, date.month, date.month
                ),
            ),
            _ => continue,
        };
        sink.on(i, || {
            (
                Text::new(zh, en),
                vec![("target", ind.target_text.to_string())],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn one(fields: &str) -> usize {
        let y = project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 甲, level1: 产出指标, level2: 数量指标, actual: 3次, {fields}"
            )),
        );
        count(&flags(&y), "direction-conflict")
    }

    #[test]
    fn fires_on_contradiction_only() {
        assert_eq!(one("target: '≤5次', direction: 正向"), 1);
        assert_eq!(one("target: '≥5次', direction: 反向指标"), 1);
        assert_eq!(one("target: '≤5次', direction: 反向"), 0);
        assert_eq!(one("target: '=5次', direction: 反向"), 0);
        assert_eq!(one("target: '≤5次'"), 0);
    }

    fn month(target: &str, actual: &str) -> Vec<super::super::Flag> {
        flags(&project(
            "10",
            "10",
            "",
            &ind(&format!(
                "name: 审计医保记账凭证的时间, level1: 产出指标, level2: 时效指标, target: '{target}', actual: '{actual}', weight: 10"
            )),
        ))
    }

    #[test]
    fn a_bare_month_is_flagged_as_a_guess() {
        for t in ["≤4月", "4月", "≤ 4 月", "=12月"] {
            assert_eq!(count(&month(t, "3个月"), "target-month-guessed"), 1, "{t}");
        }
        for t in [
            "≤4个月",
            "4个月",
            "4月底前",
            "12月底之前",
            "2024年12月31日前",
            "=12月份",
        ] {
            assert_eq!(count(&month(t, "3个月"), "target-month-guessed"), 0, "{t}");
        }
    }
}
