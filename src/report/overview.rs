//! What a run's digests add up to, gathered one digest at a time in memory bounded by the
//! number of units (not of projects): grades claimed against recomputed, the distribution of
//! claimed − recomputed totals, flags by code, a table by unit and the ends of the ranking.
//! The workbook's 按单位 sheet and the HTML report's overview are drawn from it.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::digest::{Digest, Outcome};
use crate::flags::{Severity, registry};

/// How many projects each end of the ranking keeps.
pub const RANKED: usize = 10;

/// The buckets of claimed − recomputed totals, by their upper bound: `(−∞, −0.005)` first (the
/// unit claimed less), then `[−0.005, 0.005]` (the same), then up to 5, 10, 20 points and above.
pub const DIFFERENCE_BOUNDS: [&str; 6] = ["<0", "0", "0–5", "5–10", "10–20", ">20"];

/// Counts over many digests.
#[derive(Debug, Default, Clone)]
pub struct Overview {
    pub projects: u64,
    pub failed: u64,
    /// Projects by recomputed grade: (rank, word) → count.
    pub grades: BTreeMap<(usize, Arc<str>), u64>,
    /// Projects by claimed grade, as one of the rubric's: (rank, word) → count.
    pub claimed_grades: BTreeMap<(usize, Arc<str>), u64>,
    /// Projects that claimed no grade, or one the rubric does not know.
    pub claimed_other: u64,
    /// Projects whose claimed grade is better than the recomputed one.
    pub downgraded: u64,
    /// Claimed − recomputed totals, counted in the buckets of [`DIFFERENCE_BOUNDS`].
    pub differences: [u64; 6],
    /// Projects that claimed no total.
    pub unclaimed: u64,
    /// Flags raised, by the rule's place in the registry.
    pub flags: Vec<u64>,
    /// Flags by severity: error, warning, info.
    pub severities: [u64; 3],
    /// By (主管部门, 实施单位), in name order.
    pub units: BTreeMap<(String, String), Unit>,
    /// The best recomputed totals, best first (ties by file order).
    pub top: Vec<Ranked>,
    /// The lowest recomputed totals, lowest first (ties by file order).
    pub bottom: Vec<Ranked>,
    /// Digests seen, for the ranking's ties.
    seen: u64,
}

/// One unit's line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Unit {
    pub projects: u64,
    pub failed: u64,
    pub grades: BTreeMap<(usize, Arc<str>), u64>,
    pub claimed_grades: BTreeMap<(usize, Arc<str>), u64>,
    pub downgraded: u64,
    /// Sum and count of claimed − recomputed, for the mean.
    pub difference_sum: Decimal,
    pub difference_n: u64,
    pub errors: u64,
    pub warnings: u64,
    /// Sums of 全年预算数 and 全年执行数 over the projects that give both, for the unit's rate.
    pub budget: Decimal,
    pub executed: Decimal,
}

impl Unit {
    /// The mean claimed − recomputed, to 2 decimals.
    pub fn mean_difference(&self) -> Option<Decimal> {
        (self.difference_n > 0)
            .then(|| (self.difference_sum / Decimal::from(self.difference_n)).round_dp(2))
    }

    /// Executed over budget, in percent to 2 decimals, over the projects that give both.
    pub fn execution_rate(&self) -> Option<Decimal> {
        crate::num::percent_of(self.executed, self.budget)
            .filter(|_| !self.budget.is_zero())
            .map(|r| r.round_dp(2))
    }
}

/// A project in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub total: Decimal,
    pub grade: Arc<str>,
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    /// Its place in the run, for ties.
    seq: u64,
}

impl Overview {
    pub fn new() -> Overview {
        Overview {
            flags: vec![0; registry::RULES.len()],
            ..Overview::default()
        }
    }

    /// Counts one digest in.
    pub fn add(&mut self, d: &Digest) {
        self.projects += 1;
        self.seen += 1;
        let key = (
            d.authority.clone().unwrap_or_default(),
            d.department.clone().unwrap_or_default(),
        );
        let unit = self.units.entry(key).or_default();
        unit.projects += 1;
        let s = match &d.outcome {
            Outcome::Scored(s) => s,
            Outcome::Failed(_) => {
                self.failed += 1;
                unit.failed += 1;
                return;
            }
        };
        let grade = (s.grade_rank, s.grade.clone());
        *self.grades.entry(grade.clone()).or_default() += 1;
        *unit.grades.entry(grade).or_default() += 1;
        match &s.claimed_as {
            Some(c) => {
                *self.claimed_grades.entry(c.clone()).or_default() += 1;
                *unit.claimed_grades.entry(c.clone()).or_default() += 1;
            }
            None => self.claimed_other += 1,
        }
        if s.downgraded() {
            self.downgraded += 1;
            unit.downgraded += 1;
        }
        match s.difference() {
            Some(diff) => {
                self.differences[bucket(diff)] += 1;
                unit.difference_sum += diff;
                unit.difference_n += 1;
            }
            None => self.unclaimed += 1,
        }
        for f in &s.flags {
            if let Some(i) = registry::RULES.iter().position(|r| r.code == f.code) {
                self.flags[i] += 1;
            }
            let i = match f.severity {
                Severity::Error => {
                    unit.errors += 1;
                    0
                }
                Severity::Warning => {
                    unit.warnings += 1;
                    1
                }
                Severity::Info => 2,
            };
            self.severities[i] += 1;
        }
        if let (Some(b), Some(e)) = (d.budget, d.executed) {
            unit.budget += b;
            unit.executed += e;
        }
        // a later project enters an end only past its last entry (ties keep the earlier)
        let ranked = || Ranked {
            total: s.total,
            grade: s.grade.clone(),
            id: d.id.clone(),
            name: d.name.clone(),
            department: d.department.clone(),
            seq: self.seen,
        };
        if self.top.len() < RANKED || self.top.last().is_some_and(|l| s.total > l.total) {
            keep(&mut self.top, ranked(), |a, b| {
                b.total.cmp(&a.total).then(a.seq.cmp(&b.seq))
            });
        }
        if self.bottom.len() < RANKED || self.bottom.last().is_some_and(|l| s.total < l.total) {
            keep(&mut self.bottom, ranked(), |a, b| {
                a.total.cmp(&b.total).then(a.seq.cmp(&b.seq))
            });
        }
    }

    /// The flags raised, most frequent first (ties in registry order): (code, count).
    pub fn flag_counts(&self) -> Vec<(&'static str, u64)> {
        let mut v: Vec<(usize, u64)> = self
            .flags
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, n)| *n > 0)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter()
            .map(|(i, n)| (registry::RULES[i].code, n))
            .collect()
    }
}

/// The bucket of a claimed − recomputed difference.
pub fn bucket(d: Decimal) -> usize {
    let half = Decimal::new(5, 3);
    if d < -half {
        0
    } else if d <= half {
        1
    } else if d <= Decimal::from(5) {
        2
    } else if d <= Decimal::from(10) {
        3
    } else if d <= Decimal::from(20) {
        4
    } else {
        5
    }
}

/// Inserts `r` into the sorted `list` of at most [`RANKED`] entries, by `order`.
fn keep(list: &mut Vec<Ranked>, r: Ranked, order: impl Fn(&Ranked, &Ranked) -> std::cmp::Ordering) {
    let at = list.partition_point(|x| order(x, &r).is_le());
    if at < RANKED {
        list.insert(at, r);
        list.truncate(RANKED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::digest::{Digest, Outcome, Scored};

    fn digest(unit: &str, total: i64, claimed: Option<i64>, rank: usize) -> Digest {
        Digest {
            file: "f".into(),
            id: format!("P{total}"),
            name: format!("项目{total}"),
            department: Some(unit.into()),
            authority: None,
            budget: Some(Decimal::from(100)),
            executed: Some(Decimal::from(90)),
            money: "万元",
            outcome: Outcome::Scored(Box::new(Scored {
                rubric: "national-2020".into(),
                rate: None,
                execution_score: Decimal::ZERO,
                execution_max: Decimal::TEN,
                claimed_total: claimed.map(Decimal::from),
                claimed_grade: None,
                claimed_as: claimed.map(|_| (0, Arc::from("优"))),
                total: Decimal::from(total),
                grade: if rank == 0 {
                    "优".into()
                } else {
                    "中".into()
                },
                grade_rank: rank,
                lines: vec![],
                flags: vec![],
            })),
        }
    }

    #[test]
    fn units_differences_and_ranking_add_up() {
        let mut o = Overview::new();
        for d in [
            digest("甲", 95, Some(95), 0),
            digest("甲", 70, Some(92), 2),
            digest("乙", 75, None, 2),
        ] {
            o.add(&d);
        }
        assert_eq!(o.projects, 3);
        assert_eq!(o.downgraded, 1);
        assert_eq!(o.differences, [0, 1, 0, 0, 0, 1]);
        assert_eq!(o.unclaimed, 1);
        let a = &o.units[&(String::new(), "甲".to_string())];
        assert_eq!(a.projects, 2);
        assert_eq!(a.mean_difference(), Some(Decimal::from(11)));
        assert_eq!(a.execution_rate(), Some(Decimal::from(90)));
        let top: Vec<_> = o.top.iter().map(|r| r.total).collect();
        assert_eq!(top, [95, 75, 70].map(Decimal::from));
        let bottom: Vec<_> = o.bottom.iter().map(|r| r.total).collect();
        assert_eq!(bottom, [70, 75, 95].map(Decimal::from));
    }

    #[test]
    fn the_ranking_keeps_only_its_ends() {
        let mut o = Overview::new();
        for t in 0..100 {
            o.add(&digest("甲", t, None, 2));
        }
        assert_eq!(o.top.len(), RANKED);
        assert_eq!(o.top[0].total, Decimal::from(99));
        assert_eq!(o.bottom[0].total, Decimal::ZERO);
        assert_eq!(o.bottom[RANKED - 1].total, Decimal::from(RANKED as i64 - 1));
    }

    #[test]
    fn differences_fall_in_their_buckets() {
        let d = |s: &str| bucket(s.parse().unwrap());
        assert_eq!(
            [
                "-1", "-0.004", "0", "0.01", "5", "5.01", "10", "20", "20.01"
            ]
            .map(d),
            [0, 1, 1, 2, 2, 3, 3, 4, 5]
        );
    }
}
