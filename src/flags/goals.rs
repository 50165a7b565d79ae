//! The overall goal's achievement text copied from the planned goal.

use super::{Check, Doc, Facts, Rule, Severity, Sink};
use crate::i18n::Text;

pub static GOAL_TEXT_COPIED: Rule = Rule {
    code: "goal-text-copied",
    severity: Severity::Warning,
    summary: Doc {
        zh: "年度总体目标的“实际完成情况”与“预期目标”逐字相同",
        en: "the overall goal's achieved text equals the planned text",
    },
    explain: Doc {
        zh: "检查：年度总体目标的实际完成情况与预期目标，去掉空白和标点后是否相同。\n\
为何重要：完成情况应写做了什么、做到什么程度；照抄预期目标等于没有报告。\n\
依据：财预〔2020〕10号 附1“年度总体目标”栏；000 号文件 2021 年医保骨干网建设项目的完成情况与预期目标一字不差。\n\
示例：预期“完成医保骨干网络组网”，完成情况“完成医保骨干网络组网。” → 提示。\n\
修正：写明实际完成的内容和数量。",
        en: "Checks: whether the overall goal's achieved text equals the planned text once white space and punctuation are removed.\n\
Why: the achievement should say what was done and how far; copying the plan reports nothing.\n\
Basis: 财预〔2020〕10号, annex 1, the 年度总体目标 row; in seed 000 the 2021 医保骨干网建设 table's achievement is the plan word for word.\n\
Example: planned 完成医保骨干网络组网, achieved 完成医保骨干网络组网。 → flagged.\n\
Fix: write what was actually achieved, with figures.",
    },
    check: Check::Record(check),
};

/// The text without white space and punctuation.
fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punct(*c))
        .collect()
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

fn check(ctx: &Facts, sink: &mut Sink) {
    let Some(g) = &ctx.record.goals else { return };
    let (p, a) = (bare(&g.planned), bare(&g.achieved));
    if !p.is_empty() && p == a {
        sink.record(|| {
            (
                Text::new(
                    "实际完成情况与预期目标逐字相同",
                    "the achieved text repeats the planned goal word for word",
                ),
                vec![
                    ("planned", g.planned.clone()),
                    ("achieved", g.achieved.clone()),
                ],
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn goals(planned: &str, achieved: &str) -> usize {
        let y = project(
            "10",
            "10",
            &format!("goals: {{planned: '{planned}', achieved: '{achieved}'}}"),
            &ind("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥2次', actual: 2次"),
        );
        count(&flags(&y), "goal-text-copied")
    }

    #[test]
    fn copied_ignoring_spaces_and_punctuation() {
        assert_eq!(
            goals(
                "目标 1:完成组网; 目标 2:及时排查",
                "目标1：完成组网；目标2：及时排查。"
            ),
            1
        );
        assert_eq!(goals("完成组网", "完成组网并投入运行"), 0);
        assert_eq!(goals("", ""), 0);
    }
}
