//! Builds records from short YAML projects and reviews them, for rule tests.

use super::{Finding, Match, Project, ReviewRubric, Table, review};
use crate::library::Library;
use crate::model::Record;
use crate::read::project::read_project;
use crate::rubric::Rubric;

/// A project file with this name, budget and indicator lines (one flow mapping a line).
pub fn project(name: &str, planned: &str, goal: &str, indicators: &[&str]) -> String {
    let mut s = format!(
        "project: {{id: T-{name}, name: '{name}', year: 2024}}\nbudget: {{planned: {planned}}}\n"
    );
    if !goal.is_empty() {
        s.push_str(&format!("goals: {{planned: '{goal}', achieved: ''}}\n"));
    }
    s.push_str("indicators:\n");
    for i in indicators {
        s.push_str(&format!("  - {{{i}}}\n"));
    }
    s
}

pub fn record(yaml: &str) -> Record {
    read_project("t.yaml", yaml, &Library::shipped().unwrap())
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"))
}

/// Reviews each record (as one table) under the shipped rubrics; the findings of each.
pub fn review_all(records: &[Record], last: &[Option<Match>]) -> Vec<Vec<Finding>> {
    let scoring = Rubric::load("national-2020").unwrap();
    let rubric = ReviewRubric::shipped();
    let all = Table::new(
        records
            .iter()
            .map(|r| Project {
                record: r,
                file: "t.yaml",
            })
            .collect(),
    );
    (0..all.projects.len())
        .map(|i| {
            review(
                &all,
                i,
                &scoring,
                &rubric,
                last.get(i).and_then(|m| m.as_ref()),
            )
            .findings
        })
        .collect()
}

/// The findings of one project reviewed alone.
pub fn findings(yaml: &str) -> Vec<Finding> {
    review_all(&[record(yaml)], &[]).remove(0)
}

/// How many findings of `code`.
pub fn count(f: &[Finding], code: &str) -> usize {
    f.iter().filter(|f| f.code == code).count()
}

/// A well-set indicator line of each kind, for building projects: quantity, quality,
/// timeliness, benefit, satisfaction.
pub const GOOD: [&str; 5] = [
    "name: 检查医院数量, level1: 产出指标, level2: 数量指标, target: '=8个', weight: 30",
    "name: 审计准确率, level1: 产出指标, level2: 质量指标, target: '≥90%', weight: 20",
    "name: 完成时间, level1: 产出指标, level2: 时效指标, target: '2024年12月31日前', weight: 0",
    "name: 基金安全率, level1: 效益指标, level2: 社会效益指标, target: '≥90%', weight: 30",
    "name: 参保群众满意度, level1: 满意度指标, level2: 服务对象满意度指标, target: '≥90%', weight: 10",
];
