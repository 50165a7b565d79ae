//! The engine over a rubric of items: it scores the unit's indicators, hands each leaf item its
//! inputs and lets the item's rule kind (`rubric/rules/`) score it, then totals and grades.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Execution, Line, ScoreError, Scorecard, score_line};
use crate::i18n::{Lang, Text};
use crate::model::{EXECUTION_RATE, Indicator, Level1, Record};
use crate::num::{round2, sum_exact};
use crate::rubric::Rubric;
use crate::rubric::rules::{ExecutionTrace, Head, Inputs, Members, Moved, Outcome, Shown, Trace};

/// One scored leaf item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemLine {
    /// The names of the item's parents, outermost first.
    pub path: Arc<[String]>,
    pub name: Arc<str>,
    /// [`path`](Self::path) and [`name`](Self::name) in English.
    pub path_en: Arc<[String]>,
    pub name_en: Arc<str>,
    /// The measure the item reads, if any.
    pub input: Option<Arc<str>>,
    /// The item's points for this record: the rubric's, with any moved in or out (`if_empty`).
    pub points: Decimal,
    /// The most the item can score: its points, or for a `sum` item the weights of its
    /// indicators (which may differ from the rubric's points).
    pub max: Decimal,
    pub score: Decimal,
    pub kind: &'static str,
    /// The measure as read.
    pub value: Option<Shown>,
    /// The measure the rule reads was not given.
    pub missing: Option<String>,
    /// For a `sum` item: the indexes of its indicators.
    pub indicators: Vec<usize>,
    /// How the rule got the score.
    pub trace: Trace,
}

impl ItemLine {
    /// The one-line reason a person can check.
    pub fn reason(&self, lang: Lang) -> String {
        self.trace.reason(lang)
    }

    /// The measure as the item shows it.
    pub fn value_text(&self) -> Option<String> {
        self.value.as_ref().map(Shown::text)
    }
}

fn err(message: Text) -> ScoreError {
    ScoreError {
        message,
        indicator: None,
    }
}

/// Scores a record under a rubric of items.
pub fn score_items(record: &Record, rubric: &Rubric) -> Result<Scorecard, ScoreError> {
    check_claimed_items(record, rubric)?;
    check_weights(record)?;
    let reads_execution = rubric
        .leaves
        .iter()
        .any(|l| l.item.input.as_deref() == Some(EXECUTION_RATE));
    if reads_execution && record.budget.planned().is_zero() {
        return Err(err(Text::new(
            "全年预算数为 0 或未填写：无法计算预算执行率",
            "planned budget is 0 or not given: the execution rate is undefined",
        )));
    }
    let (owners, members) = members(record, rubric)?;
    let (moved_to, moved) = moved_points(rubric, &members);
    let points = |k: usize| {
        moved_to
            .get(k)
            .copied()
            .unwrap_or(rubric.leaves[k].item.points)
    };
    // every indicator has its `sum` item: score them in order, each with its own weight or an
    // equal share of its item's points
    let leaves = &rubric.leaves;
    let lines: Vec<Line> = record
        .indicators
        .iter()
        .zip(&owners)
        .enumerate()
        .map(|(i, (ind, &k))| {
            let w = ind
                .weight
                .unwrap_or_else(|| points(k) / Decimal::from(members[k].len() as u64));
            score_line(i, ind, w, record, rubric)
        })
        .collect();
    let rate = super::execution_rate(record);
    let mut items = Vec::with_capacity(leaves.len());
    for (k, (lf, members)) in leaves.iter().zip(members).enumerate() {
        let it = &lf.item;
        let rule = it
            .rule
            .as_ref()
            .expect("checked at load: a leaf has a rule");
        let head = Head {
            name: &it.name,
            points: points(k),
            input: it.input.as_deref().unwrap_or(""),
            moved: moved.get(k).map_or(&[], Vec::as_slice),
        };
        let inputs = Inputs {
            record,
            rate,
            tiers: &rubric.qualitative,
            members: Members {
                score: sum_exact(members.iter().map(|i| lines[*i].score)),
                max: sum_exact(members.iter().map(|i| lines[*i].max)),
                count: members.len(),
            },
        };
        let Outcome {
            score,
            max,
            value,
            missing,
            trace,
        } = rule.score(&head, &inputs).map_err(err)?;
        items.push(ItemLine {
            path: lf.path.clone(),
            name: lf.name.clone(),
            path_en: lf.path_en.clone(),
            name_en: lf.name_en.clone(),
            input: it.input.clone(),
            points: points(k),
            max: max.unwrap_or(points(k)),
            score,
            kind: rule.kind(),
            value,
            missing,
            indicators: members,
            trace,
        });
    }
    let total = round2(sum_exact(items.iter().map(|i| i.score)));
    let (rank, band) = rubric.grade_of(total);
    let execution = execution(record, rate, &mut items);
    Ok(Scorecard {
        lines,
        execution,
        items,
        total,
        grade: band.grade.clone(),
        grade_en: band.en.clone(),
        grade_rank: rank,
        claimed_grade: record.claimed.grade.as_deref().and_then(|w| {
            let rank = rubric.grade_rank(w)?;
            let g = &rubric.grades[rank];
            Some(super::ClaimedGrade {
                rank,
                grade: g.grade.clone(),
                en: g.en.clone(),
            })
        }),
        weights_given: !record.indicators.is_empty()
            && record.indicators.iter().all(|i| i.weight.is_some()),
    })
}

/// Every item a record claims a score for is an item of the rubric.
fn check_claimed_items(record: &Record, rubric: &Rubric) -> Result<(), ScoreError> {
    let leaves = &rubric.leaves;
    for name in record.claimed.items.keys() {
        let known = leaves.iter().any(|l| {
            *l.name == **name || l.path.contains(name) || l.item.input.as_deref() == Some(name)
        });
        if !known {
            let names: Vec<&str> = leaves.iter().map(|l| &*l.name).collect();
            let near = crate::suggest::nearest(name, &names).unwrap_or("");
            return Err(err(Text::new(
                format!(
                    "`claimed.items` 中的 `{name}` 不是评分规则 {} 的评分项；是否应为 `{near}`？",
                    rubric.id
                ),
                format!(
                    "`{name}` in `claimed.items` is not an item of rubric {}: did you mean `{near}`?",
                    rubric.id
                ),
            )));
        }
    }
    Ok(())
}

/// The indicators are weighted all or none.
fn check_weights(record: &Record) -> Result<(), ScoreError> {
    let weighted = record
        .indicators
        .iter()
        .filter(|i| i.weight.is_some())
        .count();
    if weighted == 0 || weighted == record.indicators.len() {
        return Ok(());
    }
    let missing: Vec<&str> = record
        .indicators
        .iter()
        .filter(|i| i.weight.is_none())
        .map(|i| i.name.as_str())
        .collect();
    Err(ScoreError {
        message: Text::new(
            format!(
                "部分指标有分值、部分没有：要么全部给出分值，要么全部不填（缺：{}）",
                missing.join("、")
            ),
            format!(
                "some indicators are weighted and some are not: weight all or none (missing: {})",
                missing.join(", ")
            ),
        ),
        indicator: record.indicators.iter().position(|i| i.weight.is_none()),
    })
}

/// Each leaf's points for this record (none: the rubric's own), and what moved: a `sum` leaf with `if_empty` that counts
/// no indicator hands its points to the leaves it names (moves do not chain: a leaf that
/// received points and is empty itself keeps them, unscored).
fn moved_points(rubric: &Rubric, members: &[Vec<usize>]) -> (Vec<Decimal>, Vec<Vec<Moved>>) {
    let leaves = &rubric.leaves;
    // most rubrics move nothing: no lists then (empty reads as the rubric's own points, and
    // no moves), and nothing allocated per record
    if leaves.iter().all(|l| l.moves.is_empty()) {
        return (Vec::new(), Vec::new());
    }
    let mut points: Vec<Decimal> = leaves.iter().map(|l| l.item.points).collect();
    let mut moved: Vec<Vec<Moved>> = vec![Vec::new(); leaves.len()];
    for (k, leaf) in leaves.iter().enumerate() {
        if leaf.moves.is_empty() || !members[k].is_empty() {
            continue;
        }
        for &(to, p) in &leaf.moves {
            points[k] -= p;
            points[to] += p;
            moved[k].push(Moved {
                item: leaves[to].name.clone(),
                item_en: leaves[to].name_en.clone(),
                points: p,
                into: false,
            });
            moved[to].push(Moved {
                item: leaf.name.clone(),
                item_en: leaf.name_en.clone(),
                points: p,
                into: true,
            });
        }
    }
    (points, moved)
}

/// The leaf whose `sum` counts each indicator (by its level1), and for each leaf the indicators
/// it counts, in record order; an indicator no item counts is an error.
type Owners = (Vec<usize>, Vec<Vec<usize>>);

fn members(record: &Record, rubric: &Rubric) -> Result<Owners, ScoreError> {
    let owner = |ind: &Indicator| {
        let l1 = Level1::ALL.iter().position(|l| *l == ind.scored_level1());
        l1.and_then(|l| rubric.sum_owner[l])
    };
    let mut owners: Vec<usize> = Vec::with_capacity(record.indicators.len());
    for (i, ind) in record.indicators.iter().enumerate() {
        let Some(k) = owner(ind) else {
            return Err(ScoreError {
                message: Text::new(
                    format!("评分规则 {} 没有计入{}的评分项", rubric.id, ind.level1.zh()),
                    format!(
                        "rubric {} has no item that counts {} indicators",
                        rubric.id,
                        ind.level1.en()
                    ),
                ),
                indicator: Some(i),
            });
        };
        owners.push(k);
    }
    let mut counts = vec![0; rubric.leaves.len()];
    for o in &owners {
        counts[*o] += 1;
    }
    let mut members: Vec<Vec<usize>> = counts.iter().map(|n| Vec::with_capacity(*n)).collect();
    for (i, o) in owners.iter().enumerate() {
        members[*o].push(i);
    }
    Ok((owners, members))
}

/// The item that reads the execution rate, explained from the budget; and the execution's
/// score.
fn execution(record: &Record, rate: Option<Decimal>, items: &mut [ItemLine]) -> Execution {
    match items
        .iter_mut()
        .find(|i| i.input.as_deref() == Some(EXECUTION_RATE))
    {
        Some(item) => {
            // a `proportional` rule is shown as the formula on the budget; any other keeps its
            // own account (the band the rate fell in)
            let own = std::mem::replace(&mut item.trace, Trace::Missing(String::new()));
            let own = (item.kind != "proportional").then_some(own);
            item.trace = Trace::Execution(ExecutionTrace::new(
                record,
                rate,
                item.points,
                item.score,
                own,
            ));
            item.value = rate.map(Shown::Rate);
            Execution {
                rate,
                score: item.score,
                max: item.points,
            }
        }
        None => Execution {
            rate,
            score: Decimal::ZERO,
            max: Decimal::ZERO,
        },
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::library::Library;
    use crate::read::project::read_project;
    use crate::rubric::Rubric;
    use crate::score::{ScoreError, score};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A rubric of one 10-point item with `rule` reading `x`, plus a 90-point sum of outputs.
    fn rubric(rule: &str) -> Rubric {
        let text = format!(
            "id: t\ntitle: t\ntotal: 100\nitems:\n  - {{name: 甲, points: 10, input: x, rule: {rule}}}\n  - {{name: 产出, points: 90, rule: {{sum: {{level1: [output]}}}}}}\nqualitative:\n  - {{tier: achieved, name: 达成, range: '[80, 100]', default: 100}}\n  - {{tier: partial, name: 部分达成, range: '[60, 80)', default: 70}}\n  - {{tier: not_achieved, name: 未达成, range: '[0, 60)', default: 30}}\ngrades:\n  - {{min: 90, grade: 优, en: excellent}}\n  - {{min: 0, grade: 差, en: poor}}\n"
        );
        Rubric::from_yaml("t.yaml", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn item_score(rule: &str, measure: &str) -> Result<Decimal, ScoreError> {
        let y = format!(
            "project: {{id: D, name: 部门}}\nmeasures: {{x: {measure}}}\nindicators:\n  - {{name: 产出, level1: 产出指标, level2: 数量指标, target: 100%, actual: 100%}}\n"
        );
        let record = read_project("t.yaml", &y, &Library::default()).unwrap();
        score(&record, &rubric(rule)).map(|c| c.items[0].score)
    }

    const BANDS: &str = "{bands: [{range: '[100, inf)', points: 10}, {range: '[95, 100)', points: 9}, {range: '[90, 95)', points: 8}, {range: '(-inf, 90)', points: 0}]}";

    #[test]
    fn bands_at_each_side_of_a_boundary() {
        assert_eq!(item_score(BANDS, "95").unwrap(), d("9"));
        assert_eq!(item_score(BANDS, "94.99").unwrap(), d("8"));
        assert_eq!(item_score(BANDS, "100").unwrap(), d("10"));
        assert_eq!(item_score(BANDS, "99.999").unwrap(), d("9"));
        assert_eq!(item_score(BANDS, "89.99").unwrap(), d("0"));
        assert_eq!(item_score(BANDS, "120%").unwrap(), d("10"));
    }

    #[test]
    fn deduct_at_the_limit_and_beyond() {
        let ceil = "{deduct: {limit: 5, step: 0.1, per: 0.1, rounding: ceil, abs: true}}";
        assert_eq!(item_score(ceil, "5").unwrap(), d("10"));
        assert_eq!(item_score(ceil, "-5").unwrap(), d("10"));
        assert_eq!(item_score(ceil, "5.1").unwrap(), d("9.9")); // one step over
        assert_eq!(item_score(ceil, "5.01").unwrap(), d("9.9")); // a started step counts
        let floor = "{deduct: {limit: 5, step: 0.1, per: 0.1, rounding: floor}}";
        assert_eq!(item_score(floor, "5.09").unwrap(), d("10"));
        let exact = "{deduct: {limit: 100, step: 0.1, per: 0.5}}";
        assert_eq!(item_score(exact, "100.05").unwrap(), d("9.75"));
        assert_eq!(item_score(exact, "200").unwrap(), d("0")); // floored at 0
    }

    #[test]
    fn checklist_floors_at_zero_and_knows_its_items() {
        let rule = "{checklist: {per: 4, items: [一, 二, 三]}}";
        assert_eq!(item_score(rule, "{failed: []}").unwrap(), d("10"));
        assert_eq!(item_score(rule, "{failed: [二]}").unwrap(), d("6"));
        assert_eq!(item_score(rule, "{failed: [一, 二, 三]}").unwrap(), d("0"));
        assert_eq!(item_score(rule, "{failed: 2}").unwrap(), d("2"));
        assert!(item_score(rule, "{failed: [四]}").is_err());
    }

    #[test]
    fn formula_clamps_and_division_by_zero_is_an_error() {
        assert_eq!(item_score("{formula: 'value / 10'}", "50").unwrap(), d("5"));
        assert_eq!(
            item_score("{formula: 'value * 10'}", "50").unwrap(),
            d("10")
        );
        assert_eq!(
            item_score("{formula: 'value - 100'}", "50").unwrap(),
            d("0")
        );
        let e = item_score("{formula: 'points / (value - 50)'}", "50").unwrap_err();
        assert!(
            e.message.en.contains("cannot be evaluated"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn proportional_forward_and_reverse() {
        assert_eq!(
            item_score("{proportional: {target: 90}}", "90").unwrap(),
            d("10")
        );
        assert_eq!(
            item_score("{proportional: {target: 90}}", "45").unwrap(),
            d("5")
        );
        let rev = "{proportional: {target: 5, direction: reverse}}";
        assert_eq!(item_score(rev, "10").unwrap(), d("5"));
        assert_eq!(item_score(rev, "0").unwrap(), d("10"));
        let excess = "{proportional: {target: 5, direction: reverse, reverse: excess}}";
        assert_eq!(item_score(excess, "6").unwrap(), d("8")); // 10 × (1 − 1/5)
        assert_eq!(item_score(excess, "20").unwrap(), d("0"));
    }

    #[test]
    fn tiers_use_the_rubric_defaults() {
        assert_eq!(item_score("{tiers: {}}", "部分达成").unwrap(), d("7"));
        assert!(item_score("{tiers: {}}", "很好").is_err());
    }

    #[test]
    fn an_indicator_no_item_counts_is_an_error() {
        let y = "project: {id: D, name: 部门}\nmeasures: {x: 1}\nindicators:\n  - {name: 效益, level1: 效益指标, level2: 社会效益指标, target: 100%, actual: 100%}\n";
        let record = read_project("t.yaml", y, &Library::default()).unwrap();
        let e = score(&record, &rubric(BANDS)).unwrap_err();
        assert_eq!(e.indicator, Some(0));
    }

    /// The items' points and scores of `indicators` under central-2021, with `executed` of 100.
    fn central(executed: &str, indicators: &str) -> Vec<(String, Decimal, Decimal)> {
        let y = format!(
            "project: {{id: C, name: 测, year: 2021}}\nbudget: {{planned: 100, executed: {executed}}}\nindicators:\n{indicators}"
        );
        let record = read_project("t.yaml", &y, &Library::default()).unwrap();
        let card = score(&record, &Rubric::load("central-2021").unwrap()).unwrap();
        card.items
            .iter()
            .map(|i| (i.name.to_string(), i.points, i.score.round_dp(2)))
            .collect()
    }

    const OUT: &str =
        "  - {name: 甲, level1: 产出指标, level2: 数量指标, target: 100%, actual: 100%}\n";
    const COST: &str =
        "  - {name: 乙, level1: 产出指标, level2: 成本指标, target: 10万元, actual: 9万元}\n";
    const BEN: &str =
        "  - {name: 丙, level1: 效益指标, level2: 社会效益指标, target: 100%, actual: 100%}\n";
    const SAT: &str =
        "  - {name: 丁, level1: 满意度指标, level2: 满意度指标, target: 90%, actual: 95%}\n";

    #[test]
    fn points_move_only_from_an_empty_item() {
        let pts = |ind: &str| -> Vec<Decimal> { central("100", ind).iter().map(|i| i.1).collect() };
        let n = |v: &[u32]| -> Vec<Decimal> { v.iter().map(|x| Decimal::from(*x)).collect() };
        // all four level1s: 40 / 20 / 20 / 10 / 10 (a 成本 line under 产出 counts as cost)
        assert_eq!(
            pts(&[OUT, COST, BEN, SAT].concat()),
            n(&[40, 20, 20, 10, 10])
        );
        // no cost: 50 / 0 / 30 / 10
        assert_eq!(pts(&[OUT, BEN, SAT].concat()), n(&[50, 0, 30, 10, 10]));
        // no satisfaction: its 10 to benefit
        assert_eq!(pts(&[OUT, COST, BEN].concat()), n(&[40, 20, 30, 0, 10]));
        // neither
        assert_eq!(pts(&[OUT, BEN].concat()), n(&[50, 0, 40, 0, 10]));
        // unweighted lines share their item's points after the move: all met, 100
        let items = central("100", &[OUT, BEN].concat());
        let total: Decimal = items.iter().map(|i| i.2).sum();
        assert_eq!(total, Decimal::from(100));
    }

    #[test]
    fn execution_in_the_central_bands() {
        for (executed, want) in [
            ("100", "10"),
            ("100.01", "0"), // above the budget: not within it
            ("99.99", "7"),
            ("80", "7"),
            ("79.99", "5"),
            ("60", "5"),
            ("59.99", "0"),
        ] {
            let items = central(executed, &[OUT, BEN].concat());
            assert_eq!(items[4].0, "预算执行率");
            assert_eq!(items[4].2, d(want), "executed {executed}");
        }
    }
}
