//! Measurability: targets that cannot be measured at the year's end.

use rust_decimal::Decimal;

use super::{Facts, Rule, Sink};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;
use crate::model::{Level2, Target, Unit};
use crate::num::fmt_value;

pub static TARGET_WITHOUT_NUMBER: Rule = Rule {
    code: "target-without-number",
    severity: Severity::Warning,
    summary: Doc {
        zh: "数量、质量或成本指标的指标值没有数值（有所提升、显著提高、不低于上一年……）",
        en: "a quantity, quality or cost target has no number (有所提升, 显著提高, 不低于上一年 …)",
    },
    explain: Doc {
        zh: "检查：二级指标为数量、质量或成本的行，指标值是否为定性文字（含“定性”）而没有数值。\n\
为何重要：“有所提升”“较上年提升”“符合实际”在年底无法与实际值比较，任何结果都可以说达成；这类目标只能按定性分档打分。\n\
依据：财预〔2021〕101号 附件1 三（三）（指标值应细化量化，可衡量）（条文未经核对）；财预〔2020〕10号 第十六条（定量指标按完成值与指标值的比例记分）。\n\
示例：000 号文件 2021 年医保骨干网建设“医保公共服务能力 有所提升”（质量指标）→ 提示。\n\
修正：写成数值和单位，如“≥95%”“≤30分钟”；确实无法量化的，写明可核验的分级标准并放到效益指标。",
        en: "Checks: whether a line under the level2 quantity, quality or cost gives a qualitative text (or 定性) instead of a number.\n\
Why: 有所提升, 较上年提升 or 符合实际 cannot be compared with anything at the year's end: any result can be called achieved, and the line can only be scored in tiers.\n\
Basis: 财预〔2021〕101号, annex 1, part 3 (3) (targets quantified and measurable) (not verified against the text); 财预〔2020〕10号, art. 16 (quantitative lines scored by the figure reached).\n\
Example: in seed 000, the 2021 医保骨干网建设 quality line 医保公共服务能力 有所提升 → flagged.\n\
Fix: write a number and a unit (≥95%, ≤30分钟); what truly cannot be quantified needs checkable grades and belongs under benefit.",
    },
    check: check_number,
};

pub static NUMBER_WITHOUT_UNIT: Rule = Rule {
    code: "number-without-unit",
    severity: Severity::Warning,
    summary: Doc {
        zh: "指标值是数值但没有度量单位（或只有“万”这样的数量级）",
        en: "a target is a number with no unit (or a magnitude such as 万 alone)",
    },
    explain: Doc {
        zh: "检查：定量指标值没有度量单位，且指标名称也没有带出单位（如“（次）”“次数”“人数”）；或单位只是“万”“千”“亿”这样的数量级。\n\
为何重要：没有单位的数值无法核对：“240 万”是元、人次还是条？年底的实际值可能用另一个单位填报。\n\
依据：公开表6“度量单位”栏；财预〔2021〕101号 附件1 三（三）（条文未经核对）。\n\
示例：004 号文件“检查医院违规金额 ≥240 万”（质量指标）→ 提示。\n\
修正：写全单位，如“万元”“万条”“人次”。",
        en: "Checks: a quantitative target with no unit while the indicator's name carries none either (（次）, 次数, 人数); or a unit that is only a magnitude (万, 千, 亿).\n\
Why: a number without a unit cannot be checked: is 240 万 yuan, persons or messages? The actual may come in another unit.\n\
Basis: the 度量单位 column of 公开表6; 财预〔2021〕101号, annex 1, part 3 (3) (not verified against the text).\n\
Example: in seed 004, 检查医院违规金额 ≥240 万 (a quality line) → flagged.\n\
Fix: write the whole unit (万元, 万条, 人次).",
    },
    check: check_unit,
};

pub static COST_NOT_MONEY: Rule = Rule {
    code: "cost-not-money",
    severity: Severity::Warning,
    summary: Doc {
        zh: "成本指标的指标值不是金额",
        en: "a cost target is not an amount of money",
    },
    explain: Doc {
        zh: "检查：成本指标的定量指标值，单位是否为元、万元或亿元（没有单位的按项目资金单位计）。\n\
为何重要：成本指标考核花了多少钱；写成百分比、天数或次数，就不是成本，经济性无从考核。\n\
依据：财预〔2021〕101号 附件1 二（成本指标：经济成本、社会成本、生态环境成本）（条文未经核对）。\n\
示例：成本指标“资金使用率 ≥95%” → 提示。\n\
修正：写成金额（总成本、单位成本），比率类指标移到质量或效益指标。",
        en: "Checks: whether a cost line's quantitative target is in 元, 万元 or 亿元 (a bare number is taken in the budget's unit).\n\
Why: a cost indicator measures money spent; a percentage, days or a count is not a cost, and economy cannot be judged.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (cost: economic, social, ecological) (not verified against the text).\n\
Example: cost line 资金使用率 ≥95% → flagged.\n\
Fix: write an amount (total or unit cost); move rates to quality or benefit.",
    },
    check: check_cost_money,
};

pub static QUALITATIVE_SHARE: Rule = Rule {
    code: "qualitative-share",
    severity: Severity::Warning,
    summary: Doc {
        zh: "定性指标占比超过审核规则的上限（应以定量为主）",
        en: "the share of qualitative indicators exceeds the review rubric's limit (quantitative first)",
    },
    explain: Doc {
        zh: "检查：项目中指标值为定性的三级指标占全部三级指标的比例，是否超过审核规则的 `qualitative_share_max`（内置 50%）。\n\
为何重要：绩效指标应以定量为主、定性为辅；定性指标过多，年底评价只能靠主观判断。\n\
依据：财预〔2021〕101号 附件1 三（三）（定量为主、定性为辅）（条文未经核对）。\n\
示例：004 号文件“2024年城乡医疗救助补助资金”15 个指标中 11 个为定性（73%）→ 提示。\n\
修正：把能量化的定性指标改写为数值目标。",
        en: "Checks: whether the share of a project's indicators with a qualitative target exceeds the review rubric's `qualitative_share_max` (50% shipped).\n\
Why: indicators should be mainly quantitative; with too many qualitative ones the year's end rests on judgement.\n\
Basis: 财预〔2021〕101号, annex 1, part 3 (3) (quantitative first, qualitative second) (not verified against the text).\n\
Example: in seed 004, 2024年城乡医疗救助补助资金 has 11 qualitative lines of 15 (73%) → flagged.\n\
Fix: rewrite the qualitative lines that can be quantified as figures.",
    },
    check: check_share,
};

/// Words that say "more than before" without saying how much.
const VAGUE: &[&str] = &[
    "有所",
    "显著",
    "明显",
    "进一步",
    "不低于上",
    "较上年",
    "稳步",
    "逐步",
    "有效",
    "提升",
    "提高",
    "增强",
];

fn check_number(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        let kind = matches!(ind.level2, Level2::Quantity | Level2::Quality) || ind.is_cost();
        let Target::Qualitative(text) = &ind.target else {
            continue;
        };
        if !kind {
            continue;
        }
        let vague = VAGUE.iter().find(|w| text.contains(*w));
        let (zh, en) = match vague {
            Some(w) => (
                format!("“{}”的指标值 `{text}` 没有数值（“{w}”无法衡量）", ind.name),
                format!(
                    "“{}”: target `{text}` has no number (“{w}” cannot be measured)",
                    ind.name
                ),
            ),
            None => (
                format!(
                    "{}“{}”的指标值 `{text}` 没有数值",
                    ind.level2.zh(),
                    ind.name
                ),
                format!(
                    "{} indicator “{}”: target `{text}` has no number",
                    ind.level2.en(),
                    ind.name
                ),
            ),
        };
        sink.on(i, (Text::new(zh, en), vec![("target", text.clone())]));
    }
}

/// Words in an indicator's name that carry its unit.
const UNIT_IN_NAME: &[&str] = &[
    "次数", "人数", "个数", "件数", "天数", "期数", "家数", "人次", "户数", "台数", "份数", "条数",
];

fn unit_in_name(name: &str) -> bool {
    let n = name.trim_end();
    n.ends_with(')') || n.ends_with('）') || UNIT_IN_NAME.iter().any(|w| n.contains(w))
}

fn check_unit(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        let Target::Quantity { unit, value, .. } = &ind.target else {
            continue;
        };
        let magnitude = matches!(unit, Unit::Word(w) if matches!(&**w, "万" | "千" | "百" | "亿"));
        // a bare number on a cost line is in the budget's unit, and 万 there is 万元
        let bare = *unit == Unit::None && !ind.is_cost() && !unit_in_name(&ind.name);
        if ind.is_cost() && magnitude {
            continue;
        }
        if !(magnitude || bare) {
            continue;
        }
        let v = fmt_value(*value);
        let (zh, en) = if magnitude {
            (
                format!(
                    "“{}”的指标值 {v}{} 只有数量级“{}”，没有单位",
                    ind.name,
                    unit.as_str(),
                    unit.as_str()
                ),
                format!(
                    "“{}”: target {v}{} gives the magnitude “{}” but no unit",
                    ind.name,
                    unit.as_str(),
                    unit.as_str()
                ),
            )
        } else {
            (
                format!("“{}”的指标值 {v} 没有度量单位", ind.name),
                format!("“{}”: target {v} has no unit", ind.name),
            )
        };
        sink.on(
            i,
            (
                Text::new(zh, en),
                vec![("target", ind.target_text.to_string())],
            ),
        );
    }
}

fn check_cost_money(facts: &Facts, sink: &mut Sink) {
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        if !ind.is_cost() {
            continue;
        }
        let Target::Quantity { unit, .. } = &ind.target else {
            continue;
        };
        let unit = unit.clone().on_cost(facts.record.budget.unit);
        if unit.is_money() {
            continue;
        }
        sink.on(
            i,
            (
                Text::new(
                    format!(
                        "成本指标“{}”的指标值 `{}` 不是金额",
                        ind.name, ind.target_text
                    ),
                    format!(
                        "cost indicator “{}”: target `{}` is not an amount of money",
                        ind.name, ind.target_text
                    ),
                ),
                vec![("target", ind.target_text.to_string())],
            ),
        );
    }
}

fn check_share(facts: &Facts, sink: &mut Sink) {
    let all = facts.record.indicators.len();
    if all == 0 {
        return;
    }
    let q = facts
        .record
        .indicators
        .iter()
        .filter(|i| i.target.is_qualitative())
        .count();
    let share = Decimal::from(q as u64 * 100) / Decimal::from(all as u64);
    let max = facts.rubric.qualitative_share_max;
    if share > max {
        let s = fmt_value(share.round_dp(0));
        sink.project((
            Text::new(
                format!("{all} 个指标中 {q} 个为定性（{s}%），超过上限 {}%：应以定量为主", fmt_value(max)),
                format!(
                    "{q} of {all} indicators are qualitative ({s}%), above the limit of {}%: quantitative first",
                    fmt_value(max)
                ),
            ),
            vec![
                ("qualitative", q.to_string()),
                ("indicators", all.to_string()),
                ("share", s),
            ],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn with(extra: &str) -> Vec<crate::review::Finding> {
        let mut lines = GOOD.to_vec();
        lines.push(extra);
        findings(&project("医保基金审计", "25", "", &lines))
    }

    #[test]
    fn a_quantity_or_quality_target_needs_a_number() {
        let f = with(
            "name: 医保公共服务能力, level1: 产出指标, level2: 质量指标, target: 有所提升, weight: 0",
        );
        assert_eq!(count(&f, "target-without-number"), 1);
        let m = &f
            .iter()
            .find(|f| f.code == "target-without-number")
            .unwrap()
            .message;
        assert!(m.zh.contains("“有所”无法衡量"), "{}", m.zh);
        let f = with(
            "name: 住院救助人次, level1: 产出指标, level2: 数量指标, target: {op: 定性, value: 符合客观需要}, weight: 0",
        );
        assert_eq!(count(&f, "target-without-number"), 1);
        // near misses: a number; a qualitative benefit line (measured in tiers, not flagged here)
        assert_eq!(
            count(
                &with(
                    "name: 服务能力, level1: 产出指标, level2: 质量指标, target: '≥95%', weight: 0"
                ),
                "target-without-number"
            ),
            0
        );
        assert_eq!(
            count(
                &with(
                    "name: 就医方便程度, level1: 效益指标, level2: 社会效益指标, target: 明显提高, weight: 0"
                ),
                "target-without-number"
            ),
            0
        );
    }

    #[test]
    fn a_number_needs_a_unit() {
        let f = with(
            "name: 检查医院违规金额, level1: 产出指标, level2: 质量指标, target: {op: '≥', value: 240, unit: 万}, weight: 0",
        );
        assert_eq!(count(&f, "number-without-unit"), 1);
        let f =
            with("name: 开发需求, level1: 产出指标, level2: 数量指标, target: '>=40', weight: 0");
        assert_eq!(count(&f, "number-without-unit"), 1);
        // near misses: the unit in the name; a whole unit; a cost line (in the budget's unit)
        for ok in [
            "name: 系统需求改造开发次数, level1: 产出指标, level2: 数量指标, target: '>=40', weight: 0",
            "name: 宣传次数(次), level1: 产出指标, level2: 数量指标, target: '>=2', weight: 0",
            "name: 短信送达数量, level1: 产出指标, level2: 数量指标, target: '=72万条', weight: 0",
            "name: 项目预计花费资金, level1: 产出指标, level2: 成本指标, target: '33.55', weight: 0",
        ] {
            assert_eq!(count(&with(ok), "number-without-unit"), 0, "{ok}");
        }
    }

    #[test]
    fn a_cost_is_money() {
        let f =
            with("name: 资金使用率, level1: 产出指标, level2: 成本指标, target: '≥95%', weight: 0");
        assert_eq!(count(&f, "cost-not-money"), 1);
        for ok in ["'≤20万元'", "'5万'", "'18.84'"] {
            let line =
                format!("name: 成本, level1: 产出指标, level2: 成本指标, target: {ok}, weight: 0");
            assert_eq!(count(&with(&line), "cost-not-money"), 0, "{ok}");
        }
    }

    #[test]
    fn qualitative_share_above_the_limit() {
        let q = "level1: 效益指标, level2: 社会效益指标, target: 明显提高, weight: 0";
        let lines: Vec<String> = (0..5).map(|k| format!("name: 定性{k}, {q}")).collect();
        let mut all: Vec<&str> = GOOD.to_vec();
        all.extend(lines.iter().map(String::as_str));
        // 5 of 10: at the limit, not above
        assert_eq!(
            count(
                &findings(&project("甲", "1", "", &all)),
                "qualitative-share"
            ),
            0
        );
        let six = format!("name: 定性5, {q}");
        all.push(&six);
        let f = findings(&project("甲", "1", "", &all));
        assert_eq!(count(&f, "qualitative-share"), 1);
        let m = &f
            .iter()
            .find(|f| f.code == "qualitative-share")
            .unwrap()
            .message;
        assert_eq!(
            m.zh,
            "11 个指标中 6 个为定性（55%），超过上限 50%：应以定量为主"
        );
    }
}
