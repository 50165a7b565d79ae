//! Claims that contradict themselves: the unit's 完成可能性 against its own figures.

use super::targets::{misses, share};
use super::{Facts, Likelihood, Rule, Sink, amount, pct};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;

pub static CERTAIN_BUT_SHORT: Rule = Rule {
    code: "monitor-certain-but-short",
    severity: Severity::Warning,
    summary: Doc {
        zh: "完成可能性填“确定能”，全年预计完成值却达不到年度指标值",
        en: "the likelihood is 确定能 (certain) while the unit's own forecast misses the target",
    },
    explain: Doc {
        zh: "检查：完成可能性为“确定能”的指标，全年预计完成值是否低于（上限指标为高于）年度指标值。\n为何重要：监控表的判断自相矛盾，财政部门无法据此判断是否需要纠偏。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）监控表的“全年预计完成情况”和“完成目标可能性”（确定能／有可能／完全不可能）两栏（条文未经核对）。\n示例：年度指标值≥1000人次，全年预计 800 人次，完成可能性“确定能”。\n修正：改正预计值或完成可能性，并填写偏差原因和纠偏措施。",
        en: "Checks: whether an indicator marked 确定能 (certain) has a year-end forecast below its target (above it, for a ceiling).\nWhy: the table contradicts itself, and the finance bureau cannot tell whether to step in.\nBasis: the columns 全年预计完成情况 and 完成目标可能性 (确定能/有可能/完全不可能) of the monitoring table of 财预〔2019〕136号 (not verified against the text).\nExample: target ≥1000 trainees, 800 expected, marked certain.\nFix: correct the forecast or the likelihood, and give the cause and the correction.",
    },
    check: certain_but_short,
};

fn certain_but_short(f: &Facts, s: &mut Sink) {
    for (i, line) in f.project.lines.iter().enumerate() {
        if line.likelihood != Some(Likelihood::Certain) {
            continue;
        }
        let Some(forecast) = line.forecast else {
            continue;
        };
        if misses(line, forecast) == Some(true) {
            s.on(
                i,
                Text::new(
                    format!(
                        "“{}”填“确定能”，但全年预计 {} 达不到年度指标值 {}",
                        line.name,
                        amount(forecast),
                        line.target_text
                    ),
                    format!(
                        "“{}” is marked certain, but its forecast of {} misses the target {}",
                        line.name,
                        amount(forecast),
                        line.target_text
                    ),
                ),
            );
        }
    }
}

pub static CERTAIN_BUT_BEHIND: Rule = Rule {
    code: "monitor-certain-but-behind",
    severity: Severity::Warning,
    summary: Doc {
        zh: "完成可能性填“确定能”，完成进度却远远落后于序时进度",
        en: "the likelihood is 确定能 (certain) while the progress is far behind the calendar",
    },
    explain: Doc {
        zh: "检查：完成可能性为“确定能”的数量指标，完成进度（1–N月执行情况 ÷ 年度指标值）是否落后序时进度超过监控规则的 behind_max 个百分点。\n为何重要：剩下的时间要完成大部分任务，“确定能”需要说明依据（如任务集中在年末）。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）监控表的“完成目标可能性”一栏（条文未经核对）；behind_max 是监控规则文件中的数，默认 30 个百分点为本工具的取值。\n示例：8 月底序时进度 66.58%，完成 20%，仍填“确定能”。\n修正：说明后几个月如何完成，或改为“有可能”并写纠偏措施。",
        en: "Checks: whether a quantity indicator marked 确定能 (certain) has progress (value so far ÷ target) more than the policy's behind_max points behind the share of the year elapsed.\nWhy: most of the work is left for the rest of the year; a claim of certainty needs its reason (work that falls at year end, say).\nBasis: the column 完成目标可能性 of the monitoring table of 财预〔2019〕136号 (not verified against the text); behind_max is the policy file's number, 30 points by this tool's default.\nExample: 66.58% of the year gone, 20% done, marked certain.\nFix: say how the rest will be done, or mark it 有可能 (possible) with a correction.",
    },
    check: certain_but_behind,
};

fn certain_but_behind(f: &Facts, s: &mut Sink) {
    for (i, line) in f.project.lines.iter().enumerate() {
        if line.likelihood != Some(Likelihood::Certain) {
            continue;
        }
        let Some(share) = share(line) else { continue };
        let behind = f.pace.elapsed - share;
        if behind > f.policy.behind_max {
            s.on(
                i,
                Text::new(
                    format!(
                        "“{}”填“确定能”，但仅完成 {}，落后序时进度（{}）{} 个百分点",
                        line.name,
                        pct(share),
                        pct(f.pace.elapsed),
                        amount(behind)
                    ),
                    format!(
                        "“{}” is marked certain but only {} done, {} points behind the {} of the year gone",
                        line.name,
                        pct(share),
                        amount(behind),
                        pct(f.pace.elapsed)
                    ),
                ),
            );
        }
    }
}

pub static IMPOSSIBLE_BUT_FULL: Rule = Rule {
    code: "monitor-impossible-but-full",
    severity: Severity::Warning,
    summary: Doc {
        zh: "完成可能性填“完全不可能”，全年预计完成值却达到年度指标值",
        en: "the likelihood is 完全不可能 (impossible) while the unit's own forecast meets the target",
    },
    explain: Doc {
        zh: "检查：完成可能性为“完全不可能”的指标，全年预计完成值是否已达到年度指标值。\n为何重要：判断与预计相反，或者预计值是照抄的指标值；两者必有一错。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）监控表的“全年预计完成情况”和“完成目标可能性”两栏（条文未经核对）。\n示例：年度指标值≥4次，全年预计 4 次，完成可能性“完全不可能”。\n修正：改正其中错的一栏。",
        en: "Checks: whether an indicator marked 完全不可能 (impossible) has a year-end forecast that meets its target.\nWhy: the judgement and the forecast say opposite things, or the forecast was copied from the target; one of them is wrong.\nBasis: the columns 全年预计完成情况 and 完成目标可能性 of the monitoring table of 财预〔2019〕136号 (not verified against the text).\nExample: target ≥4 sessions, 4 expected, marked impossible.\nFix: correct the column that is wrong.",
    },
    check: impossible_but_full,
};

fn impossible_but_full(f: &Facts, s: &mut Sink) {
    for (i, line) in f.project.lines.iter().enumerate() {
        if line.likelihood != Some(Likelihood::Impossible) {
            continue;
        }
        let Some(forecast) = line.forecast else {
            continue;
        };
        if misses(line, forecast) == Some(false) {
            s.on(
                i,
                Text::new(
                    format!(
                        "“{}”填“完全不可能”，但全年预计 {} 已达到年度指标值 {}",
                        line.name,
                        amount(forecast),
                        line.target_text
                    ),
                    format!(
                        "“{}” is marked impossible, but its forecast of {} meets the target {}",
                        line.name,
                        amount(forecast),
                        line.target_text
                    ),
                ),
            );
        }
    }
}

pub static SHORT_WITHOUT_CAUSE: Rule = Rule {
    code: "monitor-short-without-cause",
    severity: Severity::Info,
    summary: Doc {
        zh: "全年预计达不到年度指标值，却没有填偏差原因或纠偏措施",
        en: "the forecast misses the target with no cause of the deviation or no correction given",
    },
    explain: Doc {
        zh: "检查：全年预计完成值达不到年度指标值的指标，是否填了偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）和纠偏措施。\n为何重要：监控表要求对偏差分析原因、提出纠偏措施；空着的行无法审核。\n依据：《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）监控表的“偏差原因分析”和“完成目标可能性”等栏（条文未经核对）。\n示例：全年预计 800 人次，指标值≥1000人次，偏差原因和纠偏措施均空。\n修正：选一个偏差原因类别并写明纠偏措施。",
        en: "Checks: whether an indicator whose forecast misses its target gives the cause of the deviation (经费保障 funds, 制度保障 rules, 人员保障 staff, 硬件条件保障 equipment, 其他 other) and a correction.\nWhy: the monitoring table asks for the cause of each deviation and what will be done; a blank row cannot be reviewed.\nBasis: the cause-of-deviation columns of the monitoring table of 财预〔2019〕136号 (not verified against the text).\nExample: 800 trainees expected against ≥1000, no cause and no correction.\nFix: pick a cause and say what will be done.",
    },
    check: short_without_cause,
};

fn short_without_cause(f: &Facts, s: &mut Sink) {
    for (i, line) in f.project.lines.iter().enumerate() {
        let Some(forecast) = line.forecast else {
            continue;
        };
        if misses(line, forecast) != Some(true) {
            continue;
        }
        let missing: Vec<(&str, &str)> = [
            (line.cause.is_none(), ("偏差原因", "cause")),
            (line.correction.is_none(), ("纠偏措施", "correction")),
        ]
        .into_iter()
        .filter_map(|(m, w)| m.then_some(w))
        .collect();
        if missing.is_empty() {
            continue;
        }
        let zh: Vec<&str> = missing.iter().map(|w| w.0).collect();
        let en: Vec<&str> = missing.iter().map(|w| w.1).collect();
        s.on(
            i,
            Text::new(
                format!(
                    "“{}”全年预计 {} 达不到 {}，未填{}",
                    line.name,
                    amount(forecast),
                    line.target_text,
                    zh.join("、")
                ),
                format!(
                    "“{}” is expected at {} against {} with no {}",
                    line.name,
                    amount(forecast),
                    line.target_text,
                    en.join(" and no ")
                ),
            ),
        );
    }
}
