//! A stated direction that contradicts the target's operator.

use super::{Check, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;
use crate::model::{Direction, Op};

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
依据：公开表6“指标方向性”与“指标性质”两栏；财预〔2020〕10号 第十五条。\n\
示例：`≤5次`、方向“正向” → 提示。\n\
修正：改正方向或运算符，使二者一致。",
        en: "Checks: the direction says forward while the target uses ≤/<, or reverse while it uses ≥/>.\n\
Why: the direction decides when a target is met and which ratio scores it (forward actual/target, reverse target/actual). When they contradict, the stated direction is used, which may be the opposite of what was meant.\n\
Basis: the 指标方向性 and 指标性质 columns of 公开表6; 财预〔2020〕10号, art. 15.\n\
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
}
