//! Completeness: the indicator kinds a project's target table must (or should) have.

use super::{Facts, Rule, Sink};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;
use crate::model::{Level1, Level2, Target};

pub static NO_OUTPUT: Rule = Rule {
    code: "no-output-indicator",
    severity: Severity::Error,
    summary: Doc {
        zh: "项目没有产出指标",
        en: "the project has no output (产出) indicator",
    },
    explain: Doc {
        zh: "检查：项目是否至少有一个一级指标为“产出指标”的三级指标。\n\
为何重要：产出是绩效目标的主体，没有产出指标，年底无从考核钱办成了什么事。\n\
依据：财预〔2021〕101号 附件1 二（绩效指标：产出指标、效益指标为必设）（条文未经核对）。\n\
示例：只填了“社会效益指标”和“满意度指标” → 报错。\n\
修正：按项目的主要工作补充数量、质量、时效指标。",
        en: "Checks: whether the project has at least one indicator under the level1 产出指标 (output).\n\
Why: outputs are the core of a target; without one, the year's end cannot tell what the money achieved.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (output and benefit indicators are required) (not verified against the text).\n\
Example: only 社会效益指标 and 满意度指标 lines → flagged.\n\
Fix: add quantity, quality and timeliness indicators for the project's main work.",
    },
    check: check_output,
};

pub static NO_BENEFIT: Rule = Rule {
    code: "no-benefit-indicator",
    severity: Severity::Error,
    summary: Doc {
        zh: "项目没有效益指标",
        en: "the project has no benefit (效益) indicator",
    },
    explain: Doc {
        zh: "检查：项目是否至少有一个一级指标为“效益指标”的三级指标。\n\
为何重要：效益指标回答“花钱之后带来了什么变化”，缺了它，目标只剩工作量。\n\
依据：财预〔2021〕101号 附件1 二（产出指标、效益指标为必设）（条文未经核对）。\n\
示例：只有数量、质量、时效和满意度指标 → 报错。\n\
修正：补充经济、社会、生态或可持续影响方面的效益指标。",
        en: "Checks: whether the project has at least one indicator under the level1 效益指标 (benefit).\n\
Why: benefit indicators say what changed because the money was spent; without them the target is only a workload.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (output and benefit indicators are required) (not verified against the text).\n\
Example: quantity, quality, timeliness and satisfaction lines only → flagged.\n\
Fix: add an economic, social, ecological or sustainability benefit indicator.",
    },
    check: check_benefit,
};

pub static NO_QUANTITY: Rule = Rule {
    code: "no-quantity-indicator",
    severity: Severity::Warning,
    summary: Doc {
        zh: "项目没有数量指标",
        en: "the project has no quantity (数量) indicator",
    },
    explain: Doc {
        zh: "检查：产出指标中是否有二级指标为“数量指标”的行。\n\
为何重要：数量指标是产出最直接的度量，原则上每个项目都应设置。\n\
依据：财预〔2021〕101号 附件1 二（数量、质量指标原则上均需设置）（条文未经核对）。\n\
示例：004 号文件“四川省医保信息平台乐山系统运维项目”只有质量、时效指标 → 提示。\n\
修正：写明要完成的工作量（次数、家数、人次、条数等）。",
        en: "Checks: whether an output line has the level2 数量指标 (quantity).\n\
Why: a quantity is the most direct measure of output; every project should have one in principle.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (quantity and quality indicators required in principle) (not verified against the text).\n\
Example: in seed 004, 四川省医保信息平台乐山系统运维项目 has only quality and timeliness lines → flagged.\n\
Fix: state the workload (times, institutions, persons, messages …).",
    },
    check: check_quantity,
};

pub static NO_QUALITY: Rule = Rule {
    code: "no-quality-indicator",
    severity: Severity::Warning,
    summary: Doc {
        zh: "项目没有质量指标",
        en: "the project has no quality (质量) indicator",
    },
    explain: Doc {
        zh: "检查：产出指标中是否有二级指标为“质量指标”的行。\n\
为何重要：只有数量没有质量，做了多少不等于做得好，目标可以用低质量的工作量完成。\n\
依据：财预〔2021〕101号 附件1 二（数量、质量指标原则上均需设置）（条文未经核对）。\n\
示例：工资性支出只有“发放(缴纳)覆盖率”一个数量指标 → 提示。\n\
修正：补充合格率、准确率、达标率等质量指标。",
        en: "Checks: whether an output line has the level2 质量指标 (quality).\n\
Why: a quantity without a quality says how much, not how well; the target can be met with poor work.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (quantity and quality indicators required in principle) (not verified against the text).\n\
Example: a salary project with the one quantity line 发放(缴纳)覆盖率 → flagged.\n\
Fix: add a pass rate, accuracy or compliance rate.",
    },
    check: check_quality,
};

pub static COST_MISSING: Rule = Rule {
    code: "cost-indicator-missing",
    severity: Severity::Warning,
    summary: Doc {
        zh: "工程基建、修缮、购置类项目没有成本指标",
        en: "a construction, repair or purchase project has no cost indicator",
    },
    explain: Doc {
        zh: "检查：项目名称含“建设、工程、基建、修缮、维修、改造、装修、购置”，或年度目标含“工程（不含工程师）、基建、修缮、装修、购置”时，是否设置了成本指标；报告中写明是哪个词、出现在名称还是目标里。\n\
为何重要：这类项目花钱多、单价可比，没有成本指标就无法考核经济性。\n\
依据：财预〔2021〕101号 附件1 二（工程基建类、大型修缮及购置类项目原则上应设置成本指标）（条文未经核对）。\n\
示例：“2024年办公楼修缮工程”没有成本指标 → 提示（名称中的“修缮”）。\n\
修正：补充经济成本指标（如单位造价、设备单价、总成本控制数）。",
        en: "Checks: when the project's name holds 建设, 工程, 基建, 修缮, 维修, 改造, 装修 or 购置, or its goal holds 工程 (not 工程师), 基建, 修缮, 装修 or 购置, whether it has a cost indicator; the finding says which word decided it and where.\n\
Why: such projects spend much on prices that can be compared; without a cost indicator their economy cannot be judged.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (construction, large repair and purchase projects should have a cost indicator) (not verified against the text).\n\
Example: 2024年办公楼修缮工程 with no cost line → flagged (修缮 in the name).\n\
Fix: add an economic cost indicator (unit cost, unit price, total cost ceiling).",
    },
    check: check_cost,
};

pub static TIMELINESS_WITHOUT_DATE: Rule = Rule {
    code: "timeliness-without-date",
    severity: Severity::Warning,
    summary: Doc {
        zh: "时效指标的指标值既不是日期也不是时长",
        en: "a timeliness indicator states neither a date nor a duration",
    },
    explain: Doc {
        zh: "检查：二级指标为“时效指标”的行，其指标值是否为完成期限（如“12月底之前”“2024年11月30日前”）或时长（如“≤30分钟”“≤5天”）。\n\
为何重要：时效指标考核“何时完成、多快响应”；写成次数或定性描述，年底无法判断是否及时。\n\
依据：财预〔2021〕101号 附件1 二（时效指标）（条文未经核对）；公开表6“指标值”“度量单位”两栏。\n\
示例：004 号文件“医保政策法规及业务培训期数(期) =2 次”列在时效指标下 → 提示。\n\
修正：写明完成日期或时限；次数类指标移到数量指标。",
        en: "Checks: whether a line under the level2 时效指标 states a deadline (12月底之前, 2024年11月30日前) or a duration (≤30分钟, ≤5天).\n\
Why: timeliness asks when or how fast; a count or a word cannot tell at the year's end whether it was on time.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (timeliness indicators) (not verified against the text); the 指标值 and 度量单位 columns of 公开表6.\n\
Example: in seed 004, 医保政策法规及业务培训期数(期) =2 次 under 时效指标 → flagged.\n\
Fix: state the date or the time limit; move counts to quantity.",
    },
    check: check_timeliness,
};

pub static SATISFACTION_HINT: Rule = Rule {
    code: "satisfaction-missing",
    severity: Severity::Info,
    summary: Doc {
        zh: "面向群众的服务项目没有满意度指标",
        en: "a service to the public has no satisfaction indicator",
    },
    explain: Doc {
        zh: "检查：项目名称或年度目标含“群众、参保、公众、居民、患者、服务对象、公共服务、办事”等面向公众的词，却没有满意度指标；只是提示。\n\
为何重要：满意度指标适用于面向社会公众提供服务的项目，这类项目缺了它，年底无从听取服务对象的评价。\n\
依据：财预〔2021〕101号 附件1 二（满意度指标根据实际设置）（条文未经核对）；财预〔2020〕10号 第十三条（服务对象满意度指标 10%）。\n\
示例：“医保经办窗口服务”年度目标写“方便参保群众办事”，但没有满意度指标 → 提示。\n\
修正：补充服务对象满意度指标，或说明项目不直接面向公众。",
        en: "Checks: the project's name or goal speaks of the public (群众, 参保, 公众, 居民, 患者, 服务对象, 公共服务, 办事) but it has no satisfaction indicator; a hint only.\n\
Why: satisfaction belongs to services to the public; without it the year's end hears nothing from those served.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (satisfaction set as fits the project) (not verified against the text); 财预〔2020〕10号, art. 13 (服务对象满意度指标 10%).\n\
Example: a service-window project whose goal is 方便参保群众办事 with no satisfaction line → hinted.\n\
Fix: add a satisfaction indicator of those served, or say why the project serves no public.",
    },
    check: check_satisfaction,
};

pub static SATISFACTION_MISPLACED: Rule = Rule {
    code: "satisfaction-misplaced",
    severity: Severity::Warning,
    summary: Doc {
        zh: "满意度指标下的指标并不衡量满意度",
        en: "a line under satisfaction does not measure satisfaction",
    },
    explain: Doc {
        zh: "检查：一级指标为“满意度指标”的行，其名称是否含“满意”（满意度、满意率）。\n\
为何重要：满意度指标反映服务对象对项目的评价；把知晓率、服务质量之类放在这里，满意度的分值就给了别的东西，服务对象的评价反而没有考核。\n\
依据：财预〔2021〕101号 附件1 二（满意度指标反映服务对象的满意程度）（条文未经核对）；财预〔2020〕10号 第十三条（服务对象满意度指标 10%）。\n\
示例：004 号文件“2024年城乡医疗救助补助资金”满意度指标下的“政策知晓率 ≥80%” → 提示。\n\
修正：改为服务对象满意度，原指标移到效益指标。",
        en: "Checks: whether a line under the level1 满意度指标 has 满意 (satisfaction) in its name.\n\
Why: satisfaction lines record what those served think; an awareness rate or a service level placed there gives the satisfaction points to something else, and those served are not asked.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (satisfaction of those served) (not verified against the text); 财预〔2020〕10号, art. 13 (服务对象满意度指标 10%).\n\
Example: in seed 004, 2024年城乡医疗救助补助资金 has 政策知晓率 ≥80% under satisfaction → flagged.\n\
Fix: measure the satisfaction of those served; move the line to benefit.",
    },
    check: check_satisfaction_named,
};

pub static QUANTITY_IS_DURATION: Rule = Rule {
    code: "quantity-is-duration",
    severity: Severity::Info,
    summary: Doc {
        zh: "数量指标的指标值是时长，应为时效指标",
        en: "a quantity target is a duration: it belongs to timeliness",
    },
    explain: Doc {
        zh: "检查：二级指标为“数量指标”的行，其指标值是否为时长（秒、分钟、小时、天、月、年）。\n\
为何重要：响应时间、处理时限衡量的是“多快”，归入数量指标会使数量指标名不副实，时效指标反而缺位。\n\
依据：财预〔2021〕101号 附件1 二（数量、时效指标）（条文未经核对）。\n\
示例：004 号文件“短信发送指令响应时间 ≤7秒”列在数量指标下 → 提示。\n\
修正：移到时效指标。",
        en: "Checks: whether a line under the level2 数量指标 has a duration (seconds, minutes, hours, days, months, years) as its target.\n\
Why: a response time or a time limit measures how fast; under quantity it mislabels the quantity lines and leaves timeliness short.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (quantity and timeliness indicators) (not verified against the text).\n\
Example: in seed 004, 短信发送指令响应时间 ≤7秒 under 数量指标 → hinted.\n\
Fix: move it to timeliness.",
    },
    check: check_quantity_duration,
};

fn has(facts: &Facts, f: impl Fn(&crate::model::Indicator) -> bool) -> bool {
    facts.record.indicators.iter().any(f)
}

fn none_of(what_zh: &str, what_en: &str) -> super::Details {
    (
        Text::new(
            format!("项目没有{what_zh}"),
            format!("the project has no {what_en}"),
        ),
        vec![],
    )
}

fn check_output(facts: &Facts, sink: &mut Sink) {
    if !has(facts, |i| i.level1 == Level1::Output) {
        sink.project(none_of("产出指标", "output indicator"));
    }
}

fn check_benefit(facts: &Facts, sink: &mut Sink) {
    if !has(facts, |i| i.level1 == Level1::Benefit) {
        sink.project(none_of("效益指标", "benefit indicator"));
    }
}

fn check_quantity(facts: &Facts, sink: &mut Sink) {
    // a table with no output at all is told once, by no-output-indicator
    if has(facts, |i| i.level1 == Level1::Output) && !has(facts, |i| i.level2 == Level2::Quantity) {
        sink.project(none_of("数量指标", "quantity indicator"));
    }
}

fn check_quality(facts: &Facts, sink: &mut Sink) {
    if has(facts, |i| i.level1 == Level1::Output) && !has(facts, |i| i.level2 == Level2::Quality) {
        sink.project(none_of("质量指标", "quality indicator"));
    }
}

/// Words of a project's name that make it construction, repair or purchase.
const COST_NAME_WORDS: &[&str] = &[
    "建设", "工程", "基建", "修缮", "维修", "改造", "装修", "购置",
];
/// Words of a goal that do (建设 alone is too common in goals: 为建设……强国).
const COST_GOAL_WORDS: &[&str] = &["工程", "基建", "修缮", "装修", "购置"];

/// The word that makes the project construction, repair or purchase, and whether it was found in
/// the name (else the goal).
pub fn cost_word(record: &crate::model::Record) -> Option<(&'static str, bool)> {
    if let Some(w) = COST_NAME_WORDS.iter().find(|w| record.name.contains(*w)) {
        return Some((w, true));
    }
    let goal = record.goals.as_ref()?;
    // 工程师 (the engineers of a maintenance contract) is no 工程
    let found = |w: &str| {
        goal.planned
            .match_indices(w)
            .any(|(k, _)| !goal.planned[k + w.len()..].starts_with('师'))
    };
    COST_GOAL_WORDS
        .iter()
        .find(|w| found(w))
        .map(|w| (*w, false))
}

fn check_cost(facts: &Facts, sink: &mut Sink) {
    if has(facts, |i| i.is_cost()) {
        return;
    }
    let Some((word, in_name)) = cost_word(facts.record) else {
        return;
    };
    let (zh, en) = if in_name {
        ("项目名称", "name")
    } else {
        ("年度目标", "goal")
    };
    sink.project((
        Text::new(
            format!("{zh}含“{word}”，属工程基建、修缮或购置类，但没有成本指标"),
            format!(
                "the {en} holds “{word}”: a construction, repair or purchase project, but it has no cost indicator"
            ),
        ),
        vec![("word", word.to_string()), ("found_in", en.to_string())],
    ));
}

fn check_timeliness(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        if ind.level2 != Level2::Timeliness {
            continue;
        }
        let dated = matches!(ind.target, Target::Deadline { .. }) || ind.target.is_duration();
        if !dated {
            sink.on(
                i,
                (
                    Text::new(
                        format!("时效指标“{}”的指标值 `{}` 既不是完成期限也不是时长", ind.name, ind.target_text),
                        format!(
                            "timeliness indicator “{}”: target `{}` is neither a deadline nor a duration",
                            ind.name, ind.target_text
                        ),
                    ),
                    vec![("target", ind.target_text.to_string())],
                ),
            );
        }
    }
}

fn check_satisfaction_named(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        if ind.level1 == Level1::Satisfaction && !ind.name.contains("满意") {
            sink.on(
                i,
                (
                    Text::new(
                        format!("满意度指标下的“{}”不衡量服务对象满意度", ind.name),
                        format!(
                            "“{}” under satisfaction does not measure the satisfaction of those served",
                            ind.name
                        ),
                    ),
                    vec![],
                ),
            );
        }
    }
}

fn check_quantity_duration(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        if ind.level2 == Level2::Quantity && ind.target.is_duration() && !ind.target.guessed() {
            sink.on(
                i,
                (
                    Text::new(
                        format!(
                            "数量指标“{}”的指标值 `{}` 是时长，应列为时效指标",
                            ind.name, ind.target_text
                        ),
                        format!(
                            "quantity indicator “{}”: target `{}` is a duration, a timeliness line",
                            ind.name, ind.target_text
                        ),
                    ),
                    vec![("target", ind.target_text.to_string())],
                ),
            );
        }
    }
}

/// Words that make a project a service to the public.
const PUBLIC_WORDS: &[&str] = &[
    "群众",
    "参保",
    "公众",
    "居民",
    "患者",
    "服务对象",
    "公共服务",
    "办事",
];

fn check_satisfaction(facts: &Facts, sink: &mut Sink) {
    if has(facts, |i| {
        i.level1 == Level1::Satisfaction || i.level2 == Level2::Satisfaction
    }) {
        return;
    }
    let goal = facts
        .record
        .goals
        .as_ref()
        .map_or("", |g| g.planned.as_str());
    let Some(word) = PUBLIC_WORDS
        .iter()
        .find(|w| facts.record.name.contains(*w) || goal.contains(*w))
    else {
        return;
    };
    sink.project((
        Text::new(
            format!("名称或年度目标含“{word}”，是面向公众的服务，但没有满意度指标"),
            format!(
                "the name or goal holds “{word}”: a service to the public, but it has no satisfaction indicator"
            ),
        ),
        vec![("word", word.to_string())],
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn with(lines: &[&str]) -> String {
        project("乐山市医保审计项目", "25", "", lines)
    }

    #[test]
    fn output_and_benefit_are_required() {
        let f = findings(&with(&[GOOD[3], GOOD[4]]));
        assert_eq!(count(&f, "no-output-indicator"), 1);
        assert_eq!(
            count(&f, "no-quantity-indicator"),
            0,
            "told once, by no-output"
        );
        let f = findings(&with(&[GOOD[0], GOOD[1], GOOD[4]]));
        assert_eq!(count(&f, "no-benefit-indicator"), 1);
        let f = findings(&with(&GOOD));
        assert_eq!(count(&f, "no-output-indicator"), 0);
        assert_eq!(count(&f, "no-benefit-indicator"), 0);
    }

    #[test]
    fn quantity_and_quality_in_principle() {
        let f = findings(&with(&[GOOD[1], GOOD[2], GOOD[3], GOOD[4]]));
        assert_eq!(count(&f, "no-quantity-indicator"), 1);
        assert_eq!(count(&f, "no-quality-indicator"), 0);
        let f = findings(&with(&[GOOD[0], GOOD[2], GOOD[3], GOOD[4]]));
        assert_eq!(count(&f, "no-quality-indicator"), 1);
        assert_eq!(count(&f, "no-quantity-indicator"), 0);
    }

    #[test]
    fn cost_for_construction_names_the_word() {
        let f = findings(&project("2024年办公楼修缮工程", "80", "", &GOOD));
        assert_eq!(count(&f, "cost-indicator-missing"), 1);
        let msg = &f
            .iter()
            .find(|f| f.code == "cost-indicator-missing")
            .unwrap()
            .message;
        assert!(msg.zh.contains("项目名称含“工程”"), "{}", msg.zh);
        // from the goal, and the goal's 建设 alone does not count
        let f = findings(&project("2024年设备更新", "80", "购置服务器 4 台", &GOOD));
        assert!(count(&f, "cost-indicator-missing") == 1);
        let f = findings(&project(
            "2024年宣传费",
            "80",
            "为建设现代化乐山贡献力量",
            &GOOD,
        ));
        assert_eq!(count(&f, "cost-indicator-missing"), 0);
        // near miss: the same project with a cost line
        let mut lines = GOOD.to_vec();
        lines.push(
            "name: 工程造价, level1: 产出指标, level2: 成本指标, target: '≤80万元', weight: 0",
        );
        let f = findings(&project("2024年办公楼修缮工程", "80", "", &lines));
        assert_eq!(count(&f, "cost-indicator-missing"), 0);
    }

    #[test]
    fn timeliness_needs_a_date_or_a_duration() {
        let bad = "name: 培训期数, level1: 产出指标, level2: 时效指标, target: '=2次', weight: 0";
        let mut lines = GOOD.to_vec();
        lines[2] = bad;
        assert_eq!(
            count(&findings(&with(&lines)), "timeliness-without-date"),
            1
        );
        for ok in ["'≤30分钟'", "'12月底之前'", "'=1年'", "'≤4个月'"] {
            let line =
                format!("name: 时限, level1: 产出指标, level2: 时效指标, target: {ok}, weight: 0");
            let mut lines = GOOD.to_vec();
            lines[2] = &line;
            assert_eq!(
                count(&findings(&with(&lines)), "timeliness-without-date"),
                0,
                "{ok}"
            );
        }
    }

    #[test]
    fn satisfaction_measures_satisfaction() {
        let mut lines = GOOD.to_vec();
        lines.push("name: 政策知晓率, level1: 满意度指标, level2: 服务对象满意度指标, target: '≥80%', weight: 0");
        let f = findings(&with(&lines));
        assert_eq!(count(&f, "satisfaction-misplaced"), 1);
        // near miss: GOOD's 参保群众满意度, and a 满意率
        lines.pop();
        lines.push("name: 服务对象满意率, level1: 满意度指标, level2: 服务对象满意度指标, target: '≥80%', weight: 0");
        assert_eq!(count(&findings(&with(&lines)), "satisfaction-misplaced"), 0);
    }

    #[test]
    fn a_duration_is_no_quantity() {
        let mut lines = GOOD.to_vec();
        lines.push("name: 短信发送指令响应时间, level1: 产出指标, level2: 数量指标, target: '≤7秒', weight: 0");
        assert_eq!(count(&findings(&with(&lines)), "quantity-is-duration"), 1);
        lines.pop();
        lines.push(
            "name: 短信送达数量, level1: 产出指标, level2: 数量指标, target: '=72万条', weight: 0",
        );
        assert_eq!(count(&findings(&with(&lines)), "quantity-is-duration"), 0);
        // under 时效 the same line is where it belongs
        lines.pop();
        lines.push("name: 短信发送指令响应时间, level1: 产出指标, level2: 时效指标, target: '≤7秒', weight: 0");
        assert_eq!(count(&findings(&with(&lines)), "quantity-is-duration"), 0);
    }

    #[test]
    fn satisfaction_is_a_hint_for_services_to_the_public() {
        let lines = &GOOD[..4];
        let f = findings(&project(
            "医保经办窗口服务",
            "10",
            "方便参保群众办事",
            lines,
        ));
        let hint: Vec<_> = f
            .iter()
            .filter(|f| f.code == "satisfaction-missing")
            .collect();
        assert_eq!(hint.len(), 1);
        assert_eq!(hint[0].severity, crate::flags::Severity::Info);
        let f = findings(&project("日常公用经费", "10", "保障单位正常运转", lines));
        assert_eq!(count(&f, "satisfaction-missing"), 0);
        let f = findings(&project(
            "医保经办窗口服务",
            "10",
            "方便参保群众办事",
            &GOOD,
        ));
        assert_eq!(count(&f, "satisfaction-missing"), 0);
    }
}
