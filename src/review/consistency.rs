//! Consistency: weights against the scoring rubric's split, an indicator set twice, a cost above
//! the budget. (An operator against its 指标方向性 is the flag `direction-conflict`, reviewed as
//! it is.)

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Facts, Rule, Sink, normal};
use crate::flags::{Doc, Severity};
use crate::i18n::Text;
use crate::model::{Level1, Op, Target, Unit};
use crate::num::fmt_value;

pub static WEIGHTS_ABSENT: Rule = Rule {
    code: "weights-absent",
    severity: Severity::Warning,
    summary: Doc {
        zh: "目标表没有给出任何指标权重",
        en: "the target table gives no indicator weights",
    },
    explain: Doc {
        zh: "检查：项目的三级指标是否都没有权重（分值）。\n\
为何重要：权重在批复目标时就应确定；没有权重，年底各指标的分值只能平均分配，重要的指标和次要的指标同分。\n\
依据：财预〔2020〕10号 第十三条（一级指标权重）及附1“分值”栏；公开表6“权重”栏。\n\
示例：000 号文件 2021 年各项目自评表都没有分值 → 提示。\n\
修正：按评分规则的一级指标分配给每个三级指标定权重。",
        en: "Checks: whether none of the project's indicators has a weight (分值).\n\
Why: weights belong to the approved target; without them the year's end splits each share equally, the key line and the minor one alike.\n\
Basis: 财预〔2020〕10号, art. 13 (level1 weights) and annex 1 (the 分值 column); the 权重 column of 公开表6.\n\
Example: none of the 2021 tables of seed 000 gives weights → flagged.\n\
Fix: weight every indicator within the rubric's level1 split.",
    },
    check: check_absent,
};

pub static WEIGHT_MISSING: Rule = Rule {
    code: "weight-missing",
    severity: Severity::Error,
    summary: Doc {
        zh: "部分指标有权重，这一个没有",
        en: "some indicators are weighted and this one is not",
    },
    explain: Doc {
        zh: "检查：项目中有指标给了权重时，其余每个指标是否也给了权重。\n\
为何重要：缺一个权重，权重之和就不闭合，年底这个指标得不到分值或打乱其他指标的分值。\n\
依据：财预〔2020〕10号 第十三条及附1“分值”栏；公开表6“权重”栏。\n\
示例：四个指标中三个写了权重 20、30、20，一个空着 → 报错。\n\
修正：补上权重，使权重之和等于评分规则的指标总分。",
        en: "Checks: when some of a project's indicators are weighted, whether every other one is too.\n\
Why: one missing weight leaves the sum open: the line scores nothing at the year's end, or upsets the others.\n\
Basis: 财预〔2020〕10号, art. 13 and annex 1 (the 分值 column); the 权重 column of 公开表6.\n\
Example: three of four lines weighted 20, 30, 20 and one blank → flagged.\n\
Fix: give it a weight so that the weights add up to the rubric's indicator points.",
    },
    check: check_missing,
};

pub static WEIGHTS_TOTAL: Rule = Rule {
    code: "weights-total",
    severity: Severity::Error,
    summary: Doc {
        zh: "指标权重之和不等于评分规则的指标总分（90）",
        en: "the weights do not add up to the rubric's indicator points (90)",
    },
    explain: Doc {
        zh: "检查：全部指标都有权重时，其和是否等于评分规则各一级指标分值之和（国家规则与中央规则均为 90，另 10 分为预算执行率）。\n\
为何重要：权重不闭合，总分就不是百分制，年底的等级失去意义。\n\
依据：财预〔2020〕10号 第十三条及附1（指标 90 分 + 预算执行率 10 分）；公开表6 每个项目的权重之和为 90。\n\
示例：权重 30 + 30 + 20 = 80 → 报错。\n\
修正：调整权重使其和为 90。",
        en: "Checks: when every indicator is weighted, whether the weights add up to the rubric's level1 points (90 under both the national and the central rubric; budget execution takes the other 10).\n\
Why: weights that do not close make the total something other than a score out of 100, and the grade meaningless.\n\
Basis: 财预〔2020〕10号, art. 13 and annex 1 (indicators 90 + execution 10); every project of 公开表6 weights to 90.\n\
Example: weights 30 + 30 + 20 = 80 → flagged.\n\
Fix: adjust the weights to sum to 90.",
    },
    check: check_total,
};

pub static WEIGHTS_SPLIT: Rule = Rule {
    code: "weights-split",
    severity: Severity::Warning,
    summary: Doc {
        zh: "一级指标权重与评分规则的分配不同（国家 50/30/10；中央 40/20/20/10）",
        en: "level1 weights differ from the rubric's split (national 50/30/10; central 40/20/20/10)",
    },
    explain: Doc {
        zh: "检查：各一级指标的权重之和是否等于评分规则对该一级指标的分值：national-2020 为产出（含成本）50、效益 30、满意度 10；central-2021 为产出 40、成本 20、效益 20、满意度 10（没有成本或满意度指标时，其分值按规则移给其他一级指标）。\n\
为何重要：一级指标的权重“原则上”统一设置；偏离时年底的分数结构与规则不同，需要说明理由。一条容易完成的指标占去大半权重，分数就由它决定。\n\
依据：财预〔2020〕10号 第十三条；财预〔2021〕101号（六）（中央规则的分配）（条文未经核对）。\n\
示例：004 号文件“工资性支出”产出 60、效益 30、满意度 0，国家规则为 50/30/10 → 提示。\n\
修正：按规则分配权重，或在目标申报中说明调整理由。",
        en: "Checks: whether each level1's weights add up to the rubric's points for it: national-2020 output (with cost) 50, benefit 30, satisfaction 10; central-2021 output 40, cost 20, benefit 20, satisfaction 10 (a level1 with no indicator passes its points on as the rubric says).\n\
Why: the level1 weights are set alike \"in principle\"; a different split changes what the year's score is made of and needs a reason. One easy line holding most of the weight decides the score.\n\
Basis: 财预〔2020〕10号, art. 13; 财预〔2021〕101号 (6) (the central split) (not verified against the text).\n\
Example: in seed 004, 工资性支出 weights output 60, benefit 30, satisfaction 0 against 50/30/10 → flagged.\n\
Fix: weight as the rubric splits, or state the reason for another split.",
    },
    check: check_split,
};

pub static WEIGHT_CONCENTRATED: Rule = Rule {
    code: "weight-concentrated",
    severity: Severity::Warning,
    summary: Doc {
        zh: "一个指标占去项目权重的大半",
        en: "one indicator holds most of the project's weight",
    },
    explain: Doc {
        zh: "检查：一个三级指标的权重占项目全部指标权重的比例，是否超过审核规则的 `weight_share_max`（内置 50%）。\n\
为何重要：一条指标（往往是最容易完成的，如“发放覆盖率 =100%”）占去大半分值时，项目得分由它决定，其他指标形同虚设。\n\
依据：财预〔2020〕10号 第十三条（一级指标权重“原则上”统一设置）；财预〔2021〕101号 附件1 二（突出重点、合理设置权重）（条文未经核对）。\n\
示例：004 号文件“工资性支出”的“发放(缴纳)覆盖率 =100%”权重 60，占 90 分的 67% → 提示。\n\
修正：分拆为更多反映项目质量和效果的指标，降低单一指标的权重。",
        en: "Checks: whether one indicator's weight is more than the review rubric's `weight_share_max` (50% shipped) of all the project's indicator weights.\n\
Why: when one line (often the easiest, such as 发放覆盖率 =100%) holds most of the points, it decides the score and the others hardly count.\n\
Basis: 财预〔2020〕10号, art. 13 (level1 weights set alike in principle); 财预〔2021〕101号, annex 1, part 2 (weights set on the priorities) (not verified against the text).\n\
Example: in seed 004, 工资性支出 weights 发放(缴纳)覆盖率 =100% at 60 of 90 (67%) → flagged.\n\
Fix: split it into indicators of quality and effect, and lower its weight.",
    },
    check: check_concentrated,
};

pub static DUPLICATE_INDICATOR: Rule = Rule {
    code: "duplicate-indicator",
    severity: Severity::Warning,
    summary: Doc {
        zh: "同一项目中同一指标出现两次",
        en: "the same indicator appears twice in a project",
    },
    explain: Doc {
        zh: "检查：同一项目中是否有两个三级指标名称相同（忽略空白与全角半角）。\n\
为何重要：重复的指标把同一件事计分两次，挤占其他指标的权重。\n\
依据：财预〔2021〕101号 附件1 二（指标应精简、不重复）（条文未经核对）。\n\
示例：数量指标和质量指标下都有“审计医保记账凭证完成率” → 提示。\n\
修正：删去重复的一行，或改为衡量不同方面的指标。",
        en: "Checks: whether two indicators of a project have the same name (ignoring white space and full-width forms).\n\
Why: a duplicate scores the same thing twice and takes weight from the others.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (indicators concise, not repeated) (not verified against the text).\n\
Example: 审计医保记账凭证完成率 under both quantity and quality → flagged.\n\
Fix: drop one, or make it measure something else.",
    },
    check: check_duplicate,
};

pub static COST_OVER_BUDGET: Rule = Rule {
    code: "cost-over-budget",
    severity: Severity::Error,
    summary: Doc {
        zh: "成本指标值高于项目预算数",
        en: "a cost target is above the project's budget",
    },
    explain: Doc {
        zh: "检查：以金额表示的成本指标值（多个成本指标时为其和）是否高于项目预算数（按项目资金单位换算）。\n\
为何重要：成本目标超过预算，要么目标写错，要么预算不足以完成目标，两者都使目标不可行。\n\
依据：财预〔2021〕101号 附件1 二（成本指标）（条文未经核对）；财预〔2020〕10号 附1“项目资金”栏。\n\
示例：000 号文件 2021 年医保骨干网建设预算 165 万元，成本指标“项目预计使用资金 193万元” → 报错。\n\
修正：核对成本目标与预算，使成本目标不高于预算。",
        en: "Checks: whether a cost target in money (their sum, with several) is above the project's budget (converted into the budget's unit).\n\
Why: a cost target above the budget is either a mistake or a target the budget cannot reach; either way it is not feasible.\n\
Basis: 财预〔2021〕101号, annex 1, part 2 (cost indicators) (not verified against the text); 财预〔2020〕10号, annex 1 (项目资金).\n\
Example: in seed 000, 2021 医保骨干网建设 has a budget of 165 万元 and the cost target 项目预计使用资金 193万元 → flagged.\n\
Fix: reconcile the cost target with the budget.",
    },
    check: check_cost,
};

fn check_absent(facts: &Facts, sink: &mut Sink) {
    let inds = &facts.record.indicators;
    if !inds.is_empty() && inds.iter().all(|i| i.weight.is_none()) {
        sink.project((
            Text::new(
                format!("{} 个指标都没有权重", inds.len()),
                format!("none of the {} indicators is weighted", inds.len()),
            ),
            vec![],
        ));
    }
}

fn check_missing(facts: &Facts, sink: &mut Sink) {
    let inds = &facts.record.indicators;
    if inds.iter().all(|i| i.weight.is_none()) {
        return;
    }
    for (i, ind) in inds.iter().enumerate() {
        if ind.weight.is_none() {
            sink.on(
                i,
                (
                    Text::new(
                        format!("“{}”没有权重，而其他指标有", ind.name),
                        format!("“{}” has no weight while the others have", ind.name),
                    ),
                    vec![],
                ),
            );
        }
    }
}

/// The points of each `sum` leaf of the scoring rubric a fully weighted record should give, after
/// the moves of the leaves it leaves empty; and what it gives. By leaf, in leaf order.
fn split(facts: &Facts) -> Option<Vec<(usize, Decimal, Decimal)>> {
    let inds = &facts.record.indicators;
    if inds.is_empty() || inds.iter().any(|i| i.weight.is_none()) {
        return None;
    }
    let rubric = facts.scoring;
    let owner = |l: Level1| {
        Level1::ALL
            .iter()
            .position(|x| *x == l)
            .and_then(|k| rubric.sum_owner[k])
    };
    let mut given: BTreeMap<usize, Decimal> = BTreeMap::new();
    let mut counted: BTreeMap<usize, usize> = BTreeMap::new();
    for k in rubric.sum_owner.iter().flatten() {
        given.insert(*k, Decimal::ZERO);
    }
    for ind in inds {
        let k = owner(ind.scored_level1())?;
        *given.entry(k).or_default() += ind.weight.unwrap_or_default();
        *counted.entry(k).or_default() += 1;
    }
    let mut want: BTreeMap<usize, Decimal> = given
        .keys()
        .map(|k| (*k, rubric.leaves[*k].item.points))
        .collect();
    for k in given.keys() {
        if counted.get(k).copied().unwrap_or(0) == 0 && !rubric.leaves[*k].moves.is_empty() {
            for (to, p) in &rubric.leaves[*k].moves {
                *want.entry(*to).or_default() += *p;
            }
            want.insert(*k, Decimal::ZERO);
        }
    }
    Some(
        given
            .into_iter()
            .map(|(k, g)| (k, g, want.get(&k).copied().unwrap_or_default()))
            .collect(),
    )
}

fn check_total(facts: &Facts, sink: &mut Sink) {
    let Some(split) = split(facts) else { return };
    let given: Decimal = split.iter().map(|(_, g, _)| *g).sum();
    let want: Decimal = split.iter().map(|(_, _, w)| *w).sum();
    if given != want {
        sink.project((
            Text::new(
                format!("权重之和 {}，应为 {}", fmt_value(given), fmt_value(want)),
                format!(
                    "the weights add up to {}, not {}",
                    fmt_value(given),
                    fmt_value(want)
                ),
            ),
            vec![("weights", fmt_value(given)), ("expected", fmt_value(want))],
        ));
    }
}

fn check_split(facts: &Facts, sink: &mut Sink) {
    let Some(split) = split(facts) else { return };
    let given: Decimal = split.iter().map(|(_, g, _)| *g).sum();
    let want: Decimal = split.iter().map(|(_, _, w)| *w).sum();
    // weights that do not close are told by weights-total; the split is compared only then
    if given != want || split.iter().all(|(_, g, w)| g == w) {
        return;
    }
    let leaves = &facts.scoring.leaves;
    let show = |pick: fn(&(usize, Decimal, Decimal)) -> Decimal| {
        split
            .iter()
            .map(|s| fmt_value(pick(s)))
            .collect::<Vec<_>>()
            .join("/")
    };
    let names = split
        .iter()
        .map(|(k, _, _)| leaves[*k].name.to_string())
        .collect::<Vec<_>>()
        .join("/");
    // in English, the first level1 each leaf counts (the rubric's item names are Chinese)
    let names_en = split
        .iter()
        .map(|(k, _, _)| {
            Level1::ALL
                .iter()
                .zip(&facts.scoring.sum_owner)
                .find(|(_, o)| **o == Some(*k))
                .map_or_else(|| leaves[*k].name.to_string(), |(l, _)| l.en().to_string())
        })
        .collect::<Vec<_>>()
        .join("/");
    let (g, w) = (show(|s| s.1), show(|s| s.2));
    sink.project((
        Text::new(
            format!(
                "一级指标权重 {names} 为 {g}，评分规则 {} 为 {w}",
                facts.scoring.id
            ),
            format!(
                "level1 weights {names_en} are {g}; rubric {} has {w}",
                facts.scoring.id
            ),
        ),
        vec![
            ("weights", g),
            ("rubric", w),
            ("scoring", facts.scoring.id.to_string()),
        ],
    ));
}

fn check_concentrated(facts: &Facts, sink: &mut Sink) {
    let inds = &facts.record.indicators;
    let total: Decimal = inds.iter().filter_map(|i| i.weight).sum();
    if total <= Decimal::ZERO || inds.len() < 2 {
        return;
    }
    let max = facts.rubric.weight_share_max;
    for (i, ind) in inds.iter().enumerate() {
        let Some(w) = ind.weight else { continue };
        let share = w * Decimal::from(100) / total;
        if share > max {
            let s = fmt_value(share.round_dp(0));
            sink.on(
                i,
                (
                    Text::new(
                        format!(
                            "“{}”权重 {} 占全部指标权重 {} 的 {s}%，超过上限 {}%",
                            ind.name,
                            fmt_value(w),
                            fmt_value(total),
                            fmt_value(max)
                        ),
                        format!(
                            "“{}” weighs {} of the {} of all indicators ({s}%), above the limit of {}%",
                            ind.name,
                            fmt_value(w),
                            fmt_value(total),
                            fmt_value(max)
                        ),
                    ),
                    vec![("weight", fmt_value(w)), ("total", fmt_value(total)), ("share", s)],
                ),
            );
        }
    }
}

fn check_duplicate(facts: &Facts, sink: &mut Sink) {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, ind) in facts.record.indicators.iter().enumerate() {
        let n = normal(&ind.name);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == n) {
            let first_line = facts.record.indicators[*first].line;
            let at = first_line.map_or(String::new(), |l| l.to_string());
            sink.on(
                i,
                (
                    Text::new(
                        format!(
                            "“{}”在本项目中已出现过{}",
                            ind.name,
                            if at.is_empty() {
                                String::new()
                            } else {
                                format!("（第 {at} 行）")
                            }
                        ),
                        format!(
                            "“{}” appears earlier in the project{}",
                            ind.name,
                            if at.is_empty() {
                                String::new()
                            } else {
                                format!(" (line {at})")
                            }
                        ),
                    ),
                    vec![("first_line", at)],
                ),
            );
        } else {
            seen.push((n, i));
        }
    }
}

fn check_cost(facts: &Facts, sink: &mut Sink) {
    let budget = facts.record.budget.planned();
    if budget <= Decimal::ZERO {
        return;
    }
    let unit = Unit::Money(facts.record.budget.unit);
    let lines: Vec<(usize, Decimal)> = facts
        .record
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, ind)| ind.is_cost())
        .filter_map(|(i, ind)| match &ind.target {
            Target::Quantity {
                op, value, unit: u, ..
            } if !matches!(op, Op::Ge | Op::Gt) => {
                let u = u.clone().on_cost(facts.record.budget.unit);
                u.is_money()
                    .then(|| u.convert(*value, &unit))
                    .flatten()
                    .map(|v| (i, v))
            }
            _ => None,
        })
        .collect();
    let money = facts.record.budget.unit.as_str();
    let b = fmt_value(budget);
    for (i, v) in &lines {
        if *v > budget {
            let ind = &facts.record.indicators[*i];
            let v = fmt_value(v.round_dp(2));
            sink.on(
                *i,
                (
                    Text::new(
                        format!("成本指标“{}”为 {v}{money}，高于预算数 {b}{money}", ind.name),
                        format!(
                            "cost target “{}” is {v} {money}, above the budget of {b} {money}",
                            ind.name
                        ),
                    ),
                    vec![("cost", v), ("budget", b.clone())],
                ),
            );
        }
    }
    let sum: Decimal = lines.iter().map(|(_, v)| *v).sum();
    if lines.len() > 1 && lines.iter().all(|(_, v)| *v <= budget) && sum > budget {
        let s = fmt_value(sum.round_dp(2));
        sink.project((
            Text::new(
                format!(
                    "{} 个成本指标合计 {s}{money}，高于预算数 {b}{money}",
                    lines.len()
                ),
                format!(
                    "{} cost targets add up to {s} {money}, above the budget of {b} {money}",
                    lines.len()
                ),
            ),
            vec![("cost", s), ("budget", b)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;

    fn weighted(ws: [&str; 5]) -> String {
        let lines: Vec<String> = GOOD
            .iter()
            .zip(ws)
            .map(|(l, w)| {
                let base = l.rsplit_once(", weight:").unwrap().0;
                if w.is_empty() {
                    base.to_string()
                } else {
                    format!("{base}, weight: {w}")
                }
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        project("审计项目", "25", "", &refs)
    }

    #[test]
    fn weights_absent_missing_and_total() {
        let f = findings(&weighted(["", "", "", "", ""]));
        assert_eq!(count(&f, "weights-absent"), 1);
        assert_eq!(count(&f, "weight-missing"), 0);
        let f = findings(&weighted(["30", "20", "", "30", "10"]));
        assert_eq!(count(&f, "weight-missing"), 1);
        assert_eq!(count(&f, "weights-absent"), 0);
        assert_eq!(count(&f, "weights-total"), 0, "not all weighted: no total");
        let f = findings(&weighted(["30", "20", "0", "20", "10"]));
        assert_eq!(count(&f, "weights-total"), 1);
        assert_eq!(count(&f, "weights-split"), 0, "told by the total");
        let f = findings(&weighted(["30", "20", "0", "30", "10"]));
        assert_eq!(count(&f, "weights-total"), 0);
        assert_eq!(count(&f, "weights-split"), 0);
    }

    #[test]
    fn split_against_the_rubric() {
        let f = findings(&weighted(["40", "20", "0", "30", "0"]));
        let s: Vec<_> = f.iter().filter(|f| f.code == "weights-split").collect();
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].message.zh,
            "一级指标权重 产出指标/效益指标/满意度指标 为 60/30/0，评分规则 national-2020 为 50/30/10"
        );
        // the near miss: 50/30/10 exactly
        assert_eq!(
            count(
                &findings(&weighted(["30", "20", "0", "30", "10"])),
                "weights-split"
            ),
            0
        );
    }

    #[test]
    fn one_line_carrying_the_score() {
        // 46 of 90 is 51%: above half
        let f = findings(&weighted(["46", "4", "0", "30", "10"]));
        assert_eq!(count(&f, "weight-concentrated"), 1);
        // 45 of 90 is half: not above
        let f = findings(&weighted(["45", "5", "0", "30", "10"]));
        assert_eq!(count(&f, "weight-concentrated"), 0);
    }

    #[test]
    fn duplicates() {
        let mut lines = GOOD.to_vec();
        lines.push(
            "name: 审计准确率 , level1: 效益指标, level2: 社会效益指标, target: '≥90%', weight: 0",
        );
        assert_eq!(
            count(
                &findings(&project("甲", "1", "", &lines)),
                "duplicate-indicator"
            ),
            1
        );
        lines.pop();
        lines.push(
            "name: 审计完整率, level1: 效益指标, level2: 社会效益指标, target: '≥90%', weight: 0",
        );
        assert_eq!(
            count(
                &findings(&project("甲", "1", "", &lines)),
                "duplicate-indicator"
            ),
            0
        );
    }

    #[test]
    fn cost_above_the_budget() {
        let with = |planned: &str, costs: &[&str]| {
            let mut lines = GOOD.to_vec();
            let c: Vec<String> = costs
                .iter()
                .enumerate()
                .map(|(k, t)| format!("name: 成本{k}, level1: 产出指标, level2: 成本指标, target: '{t}', weight: 0"))
                .collect();
            lines.extend(c.iter().map(String::as_str));
            findings(&project("2021年医保骨干网建设", planned, "", &lines))
        };
        let f = with("165", &["193万元"]);
        assert_eq!(count(&f, "cost-over-budget"), 1);
        let m = &f
            .iter()
            .find(|f| f.code == "cost-over-budget")
            .unwrap()
            .message;
        assert_eq!(m.zh, "成本指标“成本0”为 193万元，高于预算数 165万元");
        assert_eq!(count(&with("165", &["165万元"]), "cost-over-budget"), 0);
        assert_eq!(count(&with("165", &["1650000元"]), "cost-over-budget"), 0);
        assert_eq!(count(&with("165", &["1650001元"]), "cost-over-budget"), 1);
        // two lines, each within, together above
        assert_eq!(count(&with("6", &["5万", "2万"]), "cost-over-budget"), 1);
        assert_eq!(count(&with("7", &["5万", "2万"]), "cost-over-budget"), 0);
        // a floor (≥) is not a ceiling on spending
        assert_eq!(count(&with("165", &["≥193万元"]), "cost-over-budget"), 0);
    }
}
