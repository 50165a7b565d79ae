//! Scoring with a rubric of items: each leaf applies its rule kind to a measure of the record,
//! or sums the unit's own indicators.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Execution, Line, ScoreError, Scorecard, score_line};
use crate::i18n::Text;
use crate::model::{Direction, EXECUTION_RATE, Level1, Measure, Record, Tier};
use crate::num::{fmt_points, fmt_value, fmt2, push_fmt2, round2, sum_exact};
use crate::rubric::{Leaf, Reverse, Rounding, Rubric, Rule};

/// One scored leaf item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemLine {
    /// The names of the item's parents, outermost first.
    pub path: Arc<[String]>,
    pub name: Arc<str>,
    /// The measure the item reads, if any.
    pub input: Option<Arc<str>>,
    pub points: Decimal,
    /// The most the item can score: its points, or for a `sum` item the weights of its
    /// indicators (which may differ from the rubric's points).
    pub max: Decimal,
    pub score: Decimal,
    pub kind: &'static str,
    /// The measure as read, for display (left out with the reasons, when they are not wanted).
    pub value: Option<String>,
    /// The measure the rule reads was not given.
    pub missing: Option<String>,
    /// For a `sum` item: the indexes of its indicators.
    pub indicators: Vec<usize>,
    pub reason: Text,
}

fn err(message: Text) -> ScoreError {
    ScoreError {
        message,
        indicator: None,
    }
}

/// A number the rules can read: a numeric measure, or the execution rate (`rate`, computed
/// once from the budget).
fn number(record: &Record, rate: Option<Decimal>, name: &str) -> Option<Decimal> {
    match record.measures.get(name) {
        Some(Measure::Number(d)) => Some(*d),
        Some(_) => None,
        None => match name {
            "budget_completion_rate" | "execution_rate" => rate,
            _ => None,
        },
    }
}

/// A reason, built only when it will be read.
fn lazy(detail: bool, f: impl FnOnce() -> Text) -> Text {
    if detail { f() } else { Text::new("", "") }
}

/// An item's value for display, likewise built only when it will be read.
fn shown(detail: bool, f: impl FnOnce() -> String) -> Option<String> {
    detail.then(f)
}

/// Scores a record under a rubric of items. Without `detail` the items' reasons are left empty
/// (output that shows only totals and codes never reads them).
pub fn score_items(
    record: &Record,
    rubric: &Rubric,
    detail: bool,
) -> Result<Scorecard, ScoreError> {
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
    // which sum item each indicator belongs to, by its level1
    let owner = |ind: &crate::model::Indicator| {
        let l1 = Level1::ALL.iter().position(|l| *l == ind.level1);
        l1.and_then(|l| rubric.sum_owner[l])
    };
    let weighted = record
        .indicators
        .iter()
        .filter(|i| i.weight.is_some())
        .count();
    if weighted != 0 && weighted != record.indicators.len() {
        let missing: Vec<&str> = record
            .indicators
            .iter()
            .filter(|i| i.weight.is_none())
            .map(|i| i.name.as_str())
            .collect();
        return Err(ScoreError {
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
        });
    }
    let reads_execution = leaves
        .iter()
        .any(|l| l.item.input.as_deref() == Some(EXECUTION_RATE));
    if reads_execution && record.budget.planned.is_zero() {
        return Err(err(Text::new(
            "全年预算数为 0 或未填写：无法计算预算执行率",
            "planned budget is 0 or not given: the execution rate is undefined",
        )));
    }
    let mut owners: Vec<usize> = Vec::with_capacity(record.indicators.len());
    for (i, ind) in record.indicators.iter().enumerate() {
        if let Some(k) = owner(ind) {
            owners.push(k);
            continue;
        }
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
    }
    // every indicator has its `sum` item: score them in order, each with its own weight or an
    // equal share of its item's points
    let mut counts = vec![0; leaves.len()];
    for o in &owners {
        counts[*o] += 1;
    }
    let mut members: Vec<Vec<usize>> = counts.iter().map(|n| Vec::with_capacity(*n)).collect();
    for (i, o) in owners.iter().enumerate() {
        members[*o].push(i);
    }
    let lines: Vec<Line> = record
        .indicators
        .iter()
        .zip(&owners)
        .enumerate()
        .map(|(i, (ind, &k))| {
            let w = ind
                .weight
                .unwrap_or_else(|| leaves[k].item.points / Decimal::from(members[k].len() as u64));
            score_line(i, ind, w, record, rubric)
        })
        .collect();
    let rate = super::execution_rate(record);
    let mut items = Vec::with_capacity(leaves.len());
    for (lf, members) in leaves.iter().zip(members) {
        let line = match lf
            .item
            .rule
            .as_ref()
            .expect("checked at load: a leaf has a rule")
        {
            Rule::Sum { .. } => sum(lf, &members, &lines, detail),
            rule => leaf(record, rate, rubric, lf, rule, detail)?,
        };
        items.push(ItemLine {
            indicators: members,
            ..line
        });
    }
    let total = round2(sum_exact(items.iter().map(|i| i.score)));
    let (rank, band) = rubric.grade_of(total);
    let execution = match items
        .iter_mut()
        .find(|i| i.input.as_deref() == Some(EXECUTION_RATE))
    {
        Some(item) => {
            item.reason = lazy(detail, || {
                super::execution_reason(record, rate, item.points, item.score)
            });
            item.value = rate.filter(|_| detail).map(|r| {
                let mut s = String::with_capacity(12);
                push_fmt2(&mut s, r);
                s.push('%');
                s
            });
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
    };
    Ok(Scorecard {
        lines,
        execution,
        items,
        total,
        grade: band.grade.clone(),
        grade_en: band.en.clone(),
        grade_rank: rank,
        weights_given: !record.indicators.is_empty()
            && record.indicators.iter().all(|i| i.weight.is_some()),
    })
}

fn blank(lf: &Leaf, kind: &'static str) -> ItemLine {
    let it = &lf.item;
    ItemLine {
        path: lf.path.clone(),
        name: lf.name.clone(),
        input: it.input.clone(),
        points: it.points,
        max: it.points,
        score: Decimal::ZERO,
        kind,
        value: None,
        missing: None,
        indicators: vec![],
        reason: Text::same(""),
    }
}

fn sum(lf: &Leaf, members: &[usize], lines: &[Line], detail: bool) -> ItemLine {
    let score = sum_exact(members.iter().map(|i| lines[*i].score));
    let max = sum_exact(members.iter().map(|i| lines[*i].max));
    let mut line = blank(lf, "sum");
    line.score = score;
    line.max = max;
    line.reason = lazy(detail, || {
        Text::new(
            format!(
                "{} 个指标得分之和 {}（满分 {}）",
                members.len(),
                fmt2(score),
                fmt_points(max)
            ),
            format!(
                "sum of {} indicators: {} (of {})",
                members.len(),
                fmt2(score),
                fmt_points(max)
            ),
        )
    });
    line
}

fn leaf(
    record: &Record,
    rate: Option<Decimal>,
    rubric: &Rubric,
    lf: &Leaf,
    rule: &Rule,
    detail: bool,
) -> Result<ItemLine, ScoreError> {
    let it = &lf.item;
    let mut line = blank(lf, rule.kind());
    let p = it.points;
    let input = it.input.as_deref().unwrap_or("");
    let missing = |mut line: ItemLine| {
        line.missing = Some(input.to_string());
        line.reason = lazy(detail, || {
            Text::new(
                format!("未填写 `{input}`：0"),
                format!("`{input}` not given: 0"),
            )
        });
        Ok(line)
    };
    match rule {
        Rule::Bands(bands) => {
            let Some(x) = number(record, rate, input) else {
                return missing(line);
            };
            line.value = shown(detail, || format!("{}%", fmt_value(x)));
            match bands.iter().find(|b| b.range.contains(x)) {
                Some(b) => {
                    line.score = b.points;
                    line.reason = lazy(detail, || {
                        Text::new(
                            format!(
                                "{}% 落在 {} → {}",
                                fmt_value(x),
                                b.range,
                                fmt_points(b.points)
                            ),
                            format!(
                                "{}% lies in {} → {}",
                                fmt_value(x),
                                b.range,
                                fmt_points(b.points)
                            ),
                        )
                    });
                }
                None => {
                    line.reason = lazy(detail, || {
                        Text::new(
                            format!("{}% 不在任何分档内：0", fmt_value(x)),
                            format!("{}% lies in no band: 0", fmt_value(x)),
                        )
                    });
                }
            }
        }
        Rule::Deduct {
            limit,
            per,
            step,
            rounding,
            abs,
        } => {
            let Some(x) = number(record, rate, input) else {
                return missing(line);
            };
            line.value = shown(detail, || format!("{}%", fmt_value(x)));
            let v = if *abs { x.abs() } else { x };
            if v <= *limit {
                line.score = p;
                line.reason = lazy(detail, || {
                    Text::new(
                        format!(
                            "{}{} ≤ {}：满分 {}",
                            if *abs { "|x| = " } else { "" },
                            fmt_value(v),
                            fmt_value(*limit),
                            fmt_points(p)
                        ),
                        format!(
                            "{}{} ≤ {}: full {}",
                            if *abs { "|x| = " } else { "" },
                            fmt_value(v),
                            fmt_value(*limit),
                            fmt_points(p)
                        ),
                    )
                });
            } else {
                let raw = (v - limit) / step;
                let steps = match rounding {
                    Rounding::Exact => raw,
                    Rounding::Ceil => raw.ceil(),
                    Rounding::Floor => raw.floor(),
                };
                line.score = (p - per * steps).max(Decimal::ZERO);
                line.reason = lazy(detail, || {
                    Text::new(
                        format!(
                            "{} 超出 {} 共 {} 步，每步扣 {}：{} − {} = {}",
                            fmt_value(v),
                            fmt_value(*limit),
                            fmt_value(steps.round_dp(4)),
                            fmt_value(*per),
                            fmt_points(p),
                            fmt_value((per * steps).round_dp(4)),
                            fmt2(line.score)
                        ),
                        format!(
                            "{} is {} steps beyond {}, {} off each: {} − {} = {}",
                            fmt_value(v),
                            fmt_value(steps.round_dp(4)),
                            fmt_value(*limit),
                            fmt_value(*per),
                            fmt_points(p),
                            fmt_value((per * steps).round_dp(4)),
                            fmt2(line.score)
                        ),
                    )
                });
            }
        }
        Rule::Checklist { items, per } => {
            let failed: Vec<String> = match record.measures.get(input) {
                None => return missing(line),
                Some(Measure::Failed(v)) => v.clone(),
                Some(Measure::FailedCount(n)) => (0..*n).map(|i| format!("#{}", i + 1)).collect(),
                Some(Measure::Number(d))
                    if d.is_integer()
                        && !d.is_sign_negative()
                        && *d <= Decimal::from(items.len()) =>
                {
                    (0..d.mantissa()).map(|i| format!("#{}", i + 1)).collect()
                }
                Some(other) => {
                    return Err(err(Text::new(
                        format!("`{input}` 应为清单结果，如 `{{failed: []}}`，而不是 {other:?}"),
                        format!(
                            "`{input}` should be a checklist result such as `{{failed: []}}`, not {other:?}"
                        ),
                    )));
                }
            };
            if let Some(bad) = failed
                .iter()
                .find(|f| !f.starts_with('#') && !items.contains(f))
            {
                return Err(err(Text::new(
                    format!(
                        "`{input}` 中的 `{bad}` 不是评分项「{}」清单中的条目（{}）",
                        it.name,
                        items.join("；")
                    ),
                    format!(
                        "`{bad}` in `{input}` is not an item of the checklist of `{}` ({})",
                        it.name,
                        items.join("; ")
                    ),
                )));
            }
            let n = Decimal::from(failed.len() as u64);
            line.value = shown(detail, || format!("{}/{}", failed.len(), items.len()));
            line.score = (p - per * n).max(Decimal::ZERO);
            line.reason = lazy(detail, || {
                Text::new(
                    format!(
                        "{} 项中 {} 项不符，每项扣 {}：{}",
                        items.len(),
                        failed.len(),
                        fmt_value(*per),
                        fmt2(line.score)
                    ),
                    format!(
                        "{} of {} items failed, {} off each: {}",
                        failed.len(),
                        items.len(),
                        fmt_value(*per),
                        fmt2(line.score)
                    ),
                )
            });
        }
        Rule::Formula(source) => {
            let f = it
                .compiled
                .as_ref()
                .expect("checked at load: formulas are compiled");
            let mut given: BTreeMap<String, Decimal> = BTreeMap::new();
            for (k, m) in &record.measures {
                if let Measure::Number(d) = m {
                    given.insert(k.clone(), *d);
                }
            }
            given.insert("planned".into(), record.budget.planned);
            if let Some(e) = record.budget.executed {
                given.insert("executed".into(), e);
            }
            given.insert("points".into(), p);
            given.insert("weight".into(), p);
            if let Some(x) = number(record, rate, input) {
                given.insert("value".into(), x);
            }
            let missing_names = f.missing(&given);
            if !missing_names.is_empty() {
                line.missing = Some(missing_names.join(", "));
                line.reason = lazy(detail, || {
                    Text::new(
                        format!("公式缺少输入 `{}`：0", missing_names.join("`、`")),
                        format!("the formula lacks `{}`: 0", missing_names.join("`, `")),
                    )
                });
                return Ok(line);
            }
            let v = f.eval(&given).map_err(|t| {
                err(Text::new(
                    format!("评分项「{}」：{}", it.name, t.zh),
                    format!("item `{}`: {}", it.name, t.en),
                ))
            })?;
            line.score = v.max(Decimal::ZERO).min(p);
            line.reason = lazy(detail, || {
                Text::new(
                    format!(
                        "{source} = {}，限于 [0, {}]：{}",
                        fmt_value(v),
                        fmt_points(p),
                        fmt2(line.score)
                    ),
                    format!(
                        "{source} = {}, within [0, {}]: {}",
                        fmt_value(v),
                        fmt_points(p),
                        fmt2(line.score)
                    ),
                )
            });
        }
        Rule::Proportional {
            target,
            direction,
            reverse,
        } => {
            let Some(x) = number(record, rate, input) else {
                return missing(line);
            };
            line.value = shown(detail, || fmt_value(x));
            let forward = direction.unwrap_or(Direction::Forward) == Direction::Forward;
            let met = if forward { x >= *target } else { x <= *target };
            line.score = if met {
                p
            } else if forward {
                if target.is_zero() {
                    Decimal::ZERO
                } else {
                    p * x / target
                }
            } else {
                match reverse {
                    Reverse::Ratio if x.is_zero() => Decimal::ZERO,
                    Reverse::Ratio => p * target / x,
                    Reverse::Excess if target.is_zero() => Decimal::ZERO,
                    Reverse::Excess => p * (Decimal::ONE - (x - target) / target),
                }
            }
            .max(Decimal::ZERO)
            .min(p);
            line.reason = lazy(detail, || {
                Text::new(
                    format!(
                        "实际 {}，目标 {}{}：{}",
                        fmt_value(x),
                        if forward { "≥" } else { "≤" },
                        fmt_value(*target),
                        fmt2(line.score)
                    ),
                    format!(
                        "actual {}, target {}{}: {}",
                        fmt_value(x),
                        if forward { "≥" } else { "≤" },
                        fmt_value(*target),
                        fmt2(line.score)
                    ),
                )
            });
        }
        Rule::Tiers {} => {
            let word = match record.measures.get(input) {
                None => return missing(line),
                Some(Measure::Word(w)) => w.clone(),
                Some(other) => format!("{other:?}"),
            };
            let Some(tier) = Tier::parse(&word) else {
                return Err(err(Text::new(
                    format!("`{input}` 的值 `{word}` 不是档次词（达成/部分达成/未达成）"),
                    format!("`{input}` = `{word}` is not a tier word (达成/部分达成/未达成)"),
                )));
            };
            let rule = rubric.tier(tier);
            line.value = Some(word);
            line.score = p * rule.default / Decimal::ONE_HUNDRED;
            line.reason = lazy(detail, || {
                Text::new(
                    format!(
                        "档次 {}：默认 {}% × {} = {}",
                        tier.key(),
                        fmt_value(rule.default),
                        fmt_points(p),
                        fmt2(line.score)
                    ),
                    format!(
                        "tier {}: default {}% × {} = {}",
                        tier.key(),
                        fmt_value(rule.default),
                        fmt_points(p),
                        fmt2(line.score)
                    ),
                )
            });
        }
        Rule::Sum { .. } => unreachable!("sum items are scored by `sum`"),
    }
    Ok(line)
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
}
