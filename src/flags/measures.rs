//! Measures a rubric of items reads but the record does not give, and measures a record gives
//! that its rubric does not read.

use super::{Check, Context, Doc, Rule, Severity, Sink};
use crate::i18n::Text;

pub static MEASURE_MISSING: Rule = Rule {
    code: "measure-missing",
    severity: Severity::Warning,
    summary: Doc {
        zh: "评分项所需的计量（如预算调整率、清单结果）未填写，该项计 0 分",
        en: "a measure an item reads (an adjustment rate, a checklist result) is not given; the item scores 0",
    },
    explain: Doc {
        zh: "检查：按评分项形式的规则（如部门整体支出绩效自评表）计分时，某一评分项读取的计量在记录的 `measures:` 中没有给出（预算完成率可由预算数和执行数算出）。\n\
为何重要：没有数据就无法计分，该项计 0 分；自评表上填了得分却没有依据的数据，复核时无法核实。\n\
依据：评分规则中各评分项的 `input`；003 号部门整体支出绩效自评表的“年初目标值”“实际完成值”两栏。\n\
示例：`budget_adjustment_rate` 未填 → 预算调整率 0 分并提示。\n\
修正：在 `measures:` 中给出该计量，如 `budget_adjustment_rate: 3.2%`、`asset_management: {failed: []}`。",
        en: "Checks: under a rubric of items (such as the department-wide form), an item reads a measure that the record's `measures:` does not give (the budget completion rate can be computed from planned and executed).\n\
Why: without the figure the item cannot be scored and gets 0; a claimed score with no figure behind it cannot be verified.\n\
Basis: each item's `input` in the rubric; the 年初目标值 and 实际完成值 columns of the department form of seed 003.\n\
Example: no `budget_adjustment_rate` → 预算调整率 scores 0, flagged.\n\
Fix: give the measure under `measures:`, e.g. `budget_adjustment_rate: 3.2%`, `asset_management: {failed: []}`.",
    },
    check: Check::Scorecard(check),
};

fn check(ctx: &Context, sink: &mut Sink) {
    for item in &ctx.card.items {
        // budget execution has its own flag, execution-missing
        if item.input.as_deref() == Some(crate::model::EXECUTION_RATE) {
            continue;
        }
        if let Some(m) = &item.missing {
            sink.item(&item.name, || {
                (
                    Text::new(
                        format!("未填写 `{m}`：评分项「{}」计 0 分", item.name),
                        format!("`{m}` not given: item `{}` scores 0", item.name),
                    ),
                    vec![("measure", m.clone())],
                )
            });
        }
    }
}

pub static MEASURE_UNREAD: Rule = Rule {
    code: "measure-unread",
    severity: Severity::Warning,
    summary: Doc {
        zh: "记录给出的计量，评分规则的评分项都不读取：可能用错了评分规则或写错了计量名",
        en: "the record gives a measure that no item of its rubric reads: a wrong rubric or a misspelt measure",
    },
    explain: Doc {
        zh: "检查：记录的 `measures:` 中有某个计量，而所用评分规则没有任何评分项以它为 `input`。
为何重要：部门整体自评的数据交给了项目支出的评分规则（或计量名写错），这些数据不会计入得分，结果看似正常其实漏算；复核时应知道哪些数据没有用上。
依据：评分规则中各评分项的 `input`；003 号部门整体支出绩效自评表的各评分项。
示例：`measures: {budget_adjustment_rate: 3.2%}` 按 national-2020 计分 → 提示该计量未被读取。
修正：改用读取这些计量的评分规则（`--rubric shaanxi-dept-2020`），或改正计量名。",
        en: "Checks: the record's `measures:` holds a measure that no item of the rubric in use reads as its `input`.
Why: department-wide figures given to a project rubric (or a misspelt measure name) never reach the score; the result looks normal but leaves them out, and a re-check should know which figures went unused.
Basis: each item's `input` in the rubric; the items of the department form of seed 003.
Example: `measures: {budget_adjustment_rate: 3.2%}` scored under national-2020 → flagged as unread.
Fix: use the rubric that reads these measures (`--rubric shaanxi-dept-2020`), or correct the measure's name.",
    },
    check: Check::Scorecard(check_unread),
};

fn check_unread(ctx: &Context, sink: &mut Sink) {
    let unread: Vec<&str> = ctx
        .record
        .measures
        .keys()
        .filter(|m| {
            !ctx.card
                .items
                .iter()
                .any(|i| i.input.as_deref() == Some(m.as_str()))
        })
        .map(String::as_str)
        .collect();
    if unread.is_empty() {
        return;
    }
    sink.record(|| {
        (
            Text::new(
                format!(
                    "评分规则「{}」不读取计量 `{}`，这些数据未计入得分",
                    ctx.rubric.id,
                    unread.join("`、`")
                ),
                format!(
                    "rubric `{}` has no item that reads `{}`: these figures are not scored",
                    ctx.rubric.id,
                    unread.join("`, `")
                ),
            ),
            vec![("measures", unread.join(", "))],
        )
    });
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn dept(measures: &str) -> Vec<super::super::Flag> {
        let y = format!(
            "project: {{id: D, name: 部门}}\nrubric: shaanxi-dept-2020\nmeasures: {{{measures}}}\nindicators:\n  - {{name: 产出, level1: 产出指标, level2: 数量指标, target: 100%, actual: 100%, weight: 40}}\n  - {{name: 效益, level1: 效益指标, level2: 社会效益指标, target: 98%, actual: 98%, weight: 20}}\n"
        );
        flags_with(&y, &load("shaanxi-dept-2020"))
    }

    #[test]
    fn fires_per_missing_measure() {
        let all = "budget_completion_rate: 100, budget_adjustment_rate: 5, half_year_progress: 50, three_quarter_progress: 80, budget_accuracy_rate: 10, three_public_control_rate: 100, asset_management: {failed: []}, fund_compliance: {failed: 0}";
        assert_eq!(count(&dept(all), "measure-missing"), 0);
        let without = all.replace("budget_adjustment_rate: 5, ", "");
        assert_eq!(count(&dept(&without), "measure-missing"), 1);
        assert_eq!(count(&dept(all), "measure-unread"), 0);
        let typo = all.replace("budget_adjustment_rate", "budget_adjustmnt_rate");
        assert_eq!(count(&dept(&typo), "measure-unread"), 1);
    }

    #[test]
    fn department_figures_under_a_project_rubric_are_unread() {
        let y = project(
            "10",
            "10",
            "measures: {budget_adjustment_rate: 3.2, half_year_progress: 50}",
            &ind("name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', actual: 6次"),
        );
        let f = flags(&y);
        assert_eq!(count(&f, "measure-unread"), 1);
        let flag = f.iter().find(|f| f.code == "measure-unread").unwrap();
        assert_eq!(
            flag.message(crate::i18n::Lang::Zh),
            "评分规则「national-2020」不读取计量 `budget_adjustment_rate`、`half_year_progress`，这些数据未计入得分"
        );
    }
}
