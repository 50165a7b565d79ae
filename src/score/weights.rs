//! Indicator weights: the record's own, or each level1 share split equally.

use rust_decimal::Decimal;

use crate::i18n::Text;
use crate::model::Record;
use crate::rubric::Rubric;

/// The weight of every indicator, in order. When none is weighted, each level1 group's points are
/// split equally among its indicators, as exact decimals. Some weighted and some not is an error.
pub fn weights(record: &Record, rubric: &Rubric) -> Result<Vec<Decimal>, Text> {
    let given = record
        .indicators
        .iter()
        .filter(|i| i.weight.is_some())
        .count();
    if given == record.indicators.len() {
        return Ok(record.indicators.iter().filter_map(|i| i.weight).collect());
    }
    if given > 0 {
        let missing: Vec<&str> = record
            .indicators
            .iter()
            .filter(|i| i.weight.is_none())
            .map(|i| i.name.as_str())
            .collect();
        return Err(Text::new(
            format!(
                "部分指标有分值、部分没有：要么全部给出分值，要么全部不填（缺：{}）",
                missing.join("、")
            ),
            format!(
                "some indicators are weighted and some are not: weight all or none (missing: {})",
                missing.join(", ")
            ),
        ));
    }
    let groups: Vec<Option<usize>> = record
        .indicators
        .iter()
        .map(|i| rubric.group_of(i.level1))
        .collect();
    let mut counts = vec![0u32; rubric.indicators.groups.len()];
    for g in groups.iter().flatten() {
        counts[*g] += 1;
    }
    Ok(groups
        .iter()
        .map(|g| match g {
            Some(g) => rubric.indicators.groups[*g].points / Decimal::from(counts[*g]),
            None => Decimal::ZERO,
        })
        .collect())
}
