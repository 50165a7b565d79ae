//! Boilerplate: an indicator set or a 年度目标 copied whole across projects of different purposes.
//! Projects of the same work (日常公用经费 of each unit) may share both: they are told apart by
//! the name of their work ([`super::baseline::work_name`]).

use std::collections::BTreeMap;

use super::baseline::work_name;
use super::{Facts, Project, Rule, Sink, normal};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;

pub static INDICATORS_COPIED: Rule = Rule {
    code: "indicators-copied",
    severity: Severity::Warning,
    summary: Doc {
        zh: "指标（名称与指标值）与用途不同的项目逐一相同",
        en: "the indicators (names and targets) equal those of a project of another purpose",
    },
    explain: Doc {
        zh: "检查：项目的全部三级指标（名称和指标值，忽略空白与全角半角）是否与表中另一个名称不同的项目完全相同；同名项目（如各单位的“日常公用经费”）不算。\n\
为何重要：用途不同的资金套用同一套指标，指标就没有反映这笔钱要办的事（相关性）。\n\
依据：财预〔2021〕101号 附件1 二（指标应与项目的支出内容、范围、方向、效果紧密相关）（条文未经核对）。\n\
示例：004 号文件“公务用车运行维护费”与“日常公用经费”“非定额公用经费”用同一套四个指标（科目调整次数、预算编制准确率……）→ 提示。\n\
修正：按项目的具体用途设置指标。",
        en: "Checks: whether all of a project's indicators (names and targets, ignoring white space and full-width forms) equal those of another project of the table with another name; projects of the same name (each unit's 日常公用经费) do not count.\n\
Why: money for different purposes under one set of indicators means the indicators say nothing of what this money is for (relevance).\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (indicators closely related to what the money is spent on) (not verified against the text).\n\
Example: in seed 004, 公务用车运行维护费 uses the four indicators of 日常公用经费 and 非定额公用经费 (科目调整次数, 预算编制准确率 …) → flagged.\n\
Fix: set indicators for the project's own purpose.",
    },
    check: check_indicators,
};

pub static GOAL_TEXT_SHARED: Rule = Rule {
    code: "goal-text-shared",
    severity: Severity::Info,
    summary: Doc {
        zh: "年度目标与用途不同的项目逐字相同",
        en: "the annual goal is word for word another project's, of another purpose",
    },
    explain: Doc {
        zh: "检查：项目的年度目标（去掉空白和标点）是否与表中另一个名称不同的项目相同。\n\
为何重要：年度目标应写明这笔钱在这一年要做到什么；多个用途不同的项目共用一段目标，说明目标没有针对项目。\n\
依据：财预〔2021〕101号 附件1 一（绩效目标）（条文未经核对）；公开表6“年度目标”栏。\n\
示例：004 号文件“工资性支出”“单位缴费”“劳务派遣人员经费”的年度目标都是“严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳……” → 提示。\n\
修正：写出本项目当年的具体目标。",
        en: "Checks: whether the project's annual goal (without white space and punctuation) equals that of another project of the table with another name.\n\
Why: the goal should say what this money achieves this year; one text for several purposes means the goal does not address the project.\n\
Basis: 财预〔2021〕101号, annex 1, part 1 (performance goals) (not verified against the text); the 年度目标 column of 公开表6.\n\
Example: in seed 004, 工资性支出, 单位缴费 and 劳务派遣人员经费 all have the goal 严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳… → hinted.\n\
Fix: write this project's own goal for the year.",
    },
    check: check_goal,
};

/// The indicator set as compared: (name, target) of each, normalised, sorted.
fn set(p: &Project) -> Vec<(String, String)> {
    let mut s: Vec<(String, String)> = p
        .record
        .indicators
        .iter()
        .map(|i| (normal(&i.name), normal(&i.target_text)))
        .collect();
    s.sort();
    s
}

/// The goal without white space and punctuation.
fn bare_goal(p: &Project) -> String {
    let g = p.record.goals.as_ref().map_or("", |g| g.planned.as_str());
    normal(g).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The projects grouped once by indicator set and by goal, with the name of each one's work.
pub struct Shared {
    work: Vec<String>,
    /// Per project, its group of the same indicator set (none without indicators).
    set: Vec<Option<usize>>,
    /// Per project, its group of the same goal (none without a goal).
    goal: Vec<Option<usize>>,
    sets: Vec<Vec<usize>>,
    goals: Vec<Vec<usize>>,
}

/// Groups `keys` (none: in no group): each project's group, and each group's members.
fn groups<K: Ord>(keys: Vec<Option<K>>) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let mut ids: BTreeMap<K, usize> = BTreeMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let of = keys
        .into_iter()
        .enumerate()
        .map(|(k, key)| {
            let key = key?;
            let next = members.len();
            let id = *ids.entry(key).or_insert(next);
            if id == next {
                members.push(Vec::new());
            }
            members[id].push(k);
            Some(id)
        })
        .collect();
    (of, members)
}

impl Shared {
    pub fn of(projects: &[Project]) -> Shared {
        let work = projects.iter().map(|p| work_name(&p.record.name)).collect();
        let (set, sets) = groups(
            projects
                .iter()
                .map(|p| (!p.record.indicators.is_empty()).then(|| set(p)))
                .collect(),
        );
        let (goal, goals) = groups(
            projects
                .iter()
                .map(|p| Some(bare_goal(p)).filter(|g| !g.is_empty()))
                .collect(),
        );
        Shared {
            work,
            set,
            goal,
            sets,
            goals,
        }
    }
}

/// The other projects of `group`, of other work than project `index`; their names, first met
/// first.
fn others<'a>(facts: &'a Facts, group: &[usize]) -> Vec<&'a str> {
    let shared = &facts.all.shared;
    let work = &shared.work[facts.index];
    let mut names: Vec<&str> = Vec::new();
    for &k in group {
        if k == facts.index || shared.work[k] == *work {
            continue;
        }
        let n = facts.all.projects[k].record.name.as_str();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn listed(names: &[&str]) -> (String, String) {
    const SHOWN: usize = 3;
    let shown = names[..names.len().min(SHOWN)].join("、");
    let more = names.len().saturating_sub(SHOWN);
    if more > 0 {
        (
            format!("{shown} 等 {} 个", names.len()),
            format!("{} and {more} more", names[..SHOWN].join(", ")),
        )
    } else {
        (shown, names.join(", "))
    }
}

fn check_indicators(facts: &Facts, sink: &mut Sink) {
    let shared = &facts.all.shared;
    let Some(g) = shared.set[facts.index] else {
        return;
    };
    let names = others(facts, &shared.sets[g]);
    if names.is_empty() {
        return;
    }
    let count = facts.record.indicators.len();
    let (zh, en) = listed(&names);
    sink.project((
        Text::new(
            format!("{count} 个指标与用途不同的项目（{zh}）逐一相同"),
            format!("its {count} indicators are those of projects of other purposes ({en})"),
        ),
        vec![("projects", names.join("; "))],
    ));
}

fn check_goal(facts: &Facts, sink: &mut Sink) {
    let shared = &facts.all.shared;
    let Some(g) = shared.goal[facts.index] else {
        return;
    };
    let names = others(facts, &shared.goals[g]);
    if names.is_empty() {
        return;
    }
    let (zh, en) = listed(&names);
    sink.project((
        Text::new(
            format!("年度目标与用途不同的项目（{zh}）逐字相同"),
            format!("the goal is word for word that of projects of other purposes ({en})"),
        ),
        vec![("projects", names.join("; "))],
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    const GOAL: &str = "提高预算编制质量，严格执行预算，保障单位正常运转。";

    #[test]
    fn copied_across_purposes_not_across_units() {
        let a = record(&project("日常公用经费", "53.2", GOAL, &GOOD));
        let b = record(&project("日常公用经费", "9", GOAL, &GOOD));
        let c = record(&project(
            "公务用车运行维护费",
            "3.8",
            &GOAL.replace('，', ","),
            &GOOD,
        ));
        let f = review_all(&[a.clone(), b.clone(), c.clone()], &[]);
        assert_eq!(count(&f[0], "indicators-copied"), 1, "a shares with c");
        assert_eq!(count(&f[2], "indicators-copied"), 1);
        assert_eq!(count(&f[2], "goal-text-shared"), 1, "punctuation ignored");
        // near miss: the two units' 日常公用经费 alone
        let f = review_all(&[a.clone(), b], &[]);
        assert_eq!(
            count(&f[0], "indicators-copied") + count(&f[0], "goal-text-shared"),
            0
        );
        // near miss: one target differs
        let mut lines = GOOD.to_vec();
        lines[0] =
            "name: 检查医院数量, level1: 产出指标, level2: 数量指标, target: '=9个', weight: 30";
        let d = record(&project(
            "公务用车运行维护费",
            "3.8",
            "保障公务用车运行",
            &lines,
        ));
        let f = review_all(&[a, d], &[]);
        assert_eq!(
            count(&f[0], "indicators-copied") + count(&f[0], "goal-text-shared"),
            0
        );
    }
}
