//! Monitoring (绩效运行监控): a project's year so far read the way 财预〔2019〕136号's 双监控
//! reads it — spending against the calendar (序时进度) and the policy's checkpoints, the
//! year-end balance the current pace leads to, each target's progress against the spending,
//! and the unit's own claims (完成可能性) against its figures. Each rule has a stable code, a
//! default severity and its doc for `explain`, like the flags and the review rules; the
//! checkpoints and thresholds are data ([`policy`]).

pub mod calendar;
mod claims;
pub mod forecast;
pub mod input;
pub mod open;
pub mod policy;
pub mod registry;
mod spending;
pub mod table;
mod targets;

use rust_decimal::Decimal;

use crate::flags::{Doc, Severity};
use crate::i18n::{Lang, Text};

pub use calendar::Day;
pub use forecast::Pace;
pub use input::{Cause, Likelihood, Line, Project};
pub use policy::{Checkpoint, Policy, Tier};
pub use targets::share as progress_share;

/// A monitoring rule.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what fires it.
    pub summary: Doc,
    /// What it checks, why it matters, what it rests on, an example, how to fix it.
    pub explain: Doc,
    pub check: fn(&Facts, &mut Sink),
}

impl Rule {
    /// The line of the doc that says what it rests on (`依据：…` / `Basis: …`).
    pub fn basis(&self, lang: Lang) -> &'static str {
        self.explain.basis(lang)
    }
}

/// What a rule looks at.
pub struct Facts<'a> {
    pub project: &'a Project,
    pub policy: &'a Policy,
    pub as_of: Day,
    pub pace: Pace,
}

/// One finding of the monitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// The indicator concerned (its position in the project), or none for the project.
    pub indicator: Option<usize>,
    /// `FILE:LINE`.
    pub at: String,
    pub message: Text,
    order: usize,
}

/// Where a rule puts its findings.
pub struct Sink<'a> {
    project: &'a Project,
    code: &'static str,
    severity: Severity,
    order: usize,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// A finding about the project, at the rule's severity.
    pub fn project(&mut self, message: Text) {
        self.push(None, self.severity, message);
    }

    /// A finding about the project at a severity of its own (a red tier is an error).
    pub fn project_at(&mut self, severity: Severity, message: Text) {
        self.push(None, severity, message);
    }

    /// A finding about indicator number `index`.
    pub fn on(&mut self, index: usize, message: Text) {
        self.push(Some(index), self.severity, message);
    }

    fn push(&mut self, indicator: Option<usize>, severity: Severity, message: Text) {
        self.out.push(Finding {
            code: self.code,
            severity,
            indicator,
            at: self.project.at(indicator),
            message,
            order: self.order,
        });
    }
}

/// One project monitored.
pub struct Monitored<'a> {
    pub project: &'a Project,
    pub pace: Pace,
    /// The latest checkpoint reached, and the tier the rate reaches there.
    pub checkpoint: Option<(&'a Checkpoint, Option<Tier>)>,
    /// Sorted by severity, the project's own before its indicators', then rule.
    pub findings: Vec<Finding>,
}

impl Monitored<'_> {
    /// Whether the project is slow enough for a 提示函: a spending finding (a checkpoint
    /// tier, behind the calendar, a forecast balance) at warning or worse.
    pub fn needs_notice(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity <= Severity::Warning && registry::SPENDING.contains(&f.code))
    }

    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

/// Why a project cannot be monitored at `as_of`.
pub fn unfit(project: &Project, as_of: Day) -> Option<Text> {
    match project.year {
        Some(y) if y != as_of.year => Some(Text::new(
            format!(
                "项目“{}”是 {y} 年的项目，监控日期 {as_of} 不在该年度内",
                project.name
            ),
            format!(
                "project “{}” is of {y}; the as-of date {as_of} is outside that year",
                project.name
            ),
        )),
        Some(_) => None,
        None => Some(Text::new(
            format!("项目“{}”没有年度（year）：无法确定序时进度", project.name),
            format!(
                "project “{}” has no year: the share of the year elapsed cannot be told",
                project.name
            ),
        )),
    }
}

/// Monitors one project at `as_of` (of the project's year: see [`unfit`]).
pub fn monitor<'a>(project: &'a Project, policy: &'a Policy, as_of: Day) -> Monitored<'a> {
    let pace = Pace::of(project.budget, project.executed, as_of);
    let facts = Facts {
        project,
        policy,
        as_of,
        pace,
    };
    let mut out = Vec::new();
    for (order, rule) in registry::RULES.iter().enumerate() {
        let mut sink = Sink {
            project,
            code: rule.code,
            severity: rule.severity,
            order,
            out: &mut out,
        };
        (rule.check)(&facts, &mut sink);
    }
    out.sort_by_key(|f| (f.severity, f.indicator.map_or(0, |p| p + 1), f.order));
    let checkpoint = policy
        .reached(as_of.months_done())
        .map(|c| (c, pace.rate.and_then(|r| c.tier(r)).map(|t| t.1)));
    Monitored {
        project,
        pace,
        checkpoint,
        findings: out,
    }
}

/// A percentage for a message: two decimals.
pub fn pct(d: Decimal) -> String {
    format!("{:.2}%", d.round_dp(2))
}

/// An amount for a message: two decimals.
pub fn amount(d: Decimal) -> String {
    format!("{:.2}", d.round_dp(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes found for one project of `budget` 100 with `executed` spent and one indicator,
    /// on 1 July 2024 (183 of 366 days: exactly 50% of the year), under the default policy
    /// (calendar_gap 10, balance_max 10, target_gap 10, behind_max 30).
    fn codes(executed: &str, indicator: &str) -> Vec<&'static str> {
        let text = format!(
            "id: T\nname: 测试\nyear: 2024\nbudget: 100\nexecuted_to_date: {executed}\nindicators:\n  - name: 指标\n{indicator}"
        );
        let projects = input::parse("t.yaml", &text).unwrap_or_else(|e| panic!("{e:?}"));
        let policy = Policy::load(policy::DEFAULT).unwrap();
        let as_of = Day::parse("2024-07-01").unwrap();
        assert_eq!(as_of.elapsed(), Decimal::from(50));
        monitor(&projects[0], &policy, as_of)
            .findings
            .iter()
            .map(|f| f.code)
            .collect()
    }

    const PLAIN: &str = "    target: \"≥100人次\"\n    progress: 50\n    forecast: 100\n";

    fn has(executed: &str, indicator: &str, code: &str) -> bool {
        codes(executed, indicator).contains(&code)
    }

    #[test]
    fn behind_the_calendar_at_and_around_the_gap() {
        // 50% of the year gone, a gap of 10: 40% is at the bound, 39.99% past it
        assert!(!has("40", PLAIN, "monitor-behind-calendar"));
        assert!(has("39.99", PLAIN, "monitor-behind-calendar"));
    }

    #[test]
    fn forecast_balance_at_and_around_the_threshold() {
        // 45% at half the year leads to 90%: 10% unspent, at the bound; 44.99% to 10.02%
        assert!(!has("45", PLAIN, "monitor-forecast-balance"));
        assert!(has("44.99", PLAIN, "monitor-forecast-balance"));
    }

    #[test]
    fn executed_over_budget_at_and_around_the_budget() {
        assert!(!has("100", PLAIN, "monitor-executed-over-budget"));
        assert!(has("100.01", PLAIN, "monitor-executed-over-budget"));
    }

    #[test]
    fn target_against_spending_both_ways_at_and_around_the_gap() {
        let at = |p: &str| format!("    target: \"≥100人次\"\n    progress: {p}\n");
        let code = "monitor-target-spending-gap";
        assert!(!has("50", &at("60"), code));
        assert!(has("50", &at("60.01"), code));
        assert!(!has("50", &at("40"), code));
        assert!(has("50", &at("39.99"), code));
        // a ceiling is not compared
        assert!(!has(
            "50",
            "    target: \"≤100元\"\n    progress: 5\n",
            code
        ));
    }

    #[test]
    fn ceiling_passed_at_and_around_the_ceiling() {
        let at = |t: &str, p: &str| format!("    target: \"{t}\"\n    progress: {p}\n");
        let code = "monitor-ceiling-passed";
        assert!(!has("50", &at("≤2万元", "2"), code));
        assert!(has("50", &at("≤2万元", "2.01"), code));
        assert!(has("50", &at("<2万元", "2"), code));
        assert!(!has("50", &at("≥2万元", "3"), code));
    }

    #[test]
    fn claims_against_the_figures() {
        let line = |likely: &str, progress: &str, forecast: &str| {
            format!(
                "    target: \"≥6个\"\n    progress: {progress}\n    forecast: {forecast}\n    likelihood: {likely}\n"
            )
        };
        let short = "monitor-certain-but-short";
        assert!(!has("50", &line("确定能", "3", "6"), short));
        assert!(has("50", &line("确定能", "3", "5.99"), short));
        assert!(!has("50", &line("有可能", "3", "5"), short));
        let full = "monitor-impossible-but-full";
        assert!(has("50", &line("完全不可能", "3", "6"), full));
        assert!(!has("50", &line("完全不可能", "3", "5.99"), full));
        // 50% of the year gone, behind_max 30: 20% done is at the bound (1.2 of 6)
        let behind = "monitor-certain-but-behind";
        assert!(!has("50", &line("确定能", "1.2", "6"), behind));
        assert!(has("50", &line("确定能", "1.19", "6"), behind));
        let cause = "monitor-short-without-cause";
        assert!(has("50", &line("有可能", "3", "5"), cause));
        let given = format!(
            "{}    deviation_cause: 人员保障\n    correction: 增派人员\n",
            line("有可能", "3", "5")
        );
        assert!(!has("50", &given, cause));
    }

    /// On 1 July 2024 (day 183) the next checkpoint is the end of September (day 274 of 366):
    /// a rate r leads to r × 274/183 there; 75% needs r ≥ 75 × 183/274 = 50.0912…%.
    #[test]
    fn the_next_checkpoint_at_and_around_its_bound() {
        let code = "monitor-checkpoint-ahead";
        assert!(!has("50.10", PLAIN, code));
        assert!(has("50.09", PLAIN, code));
    }

    #[test]
    fn a_project_outside_the_year_is_unfit() {
        let text = "id: T\nname: 测试\nyear: 2023\nbudget: 100\nexecuted_to_date: 1\n";
        let p = &input::parse("t.yaml", text).unwrap()[0];
        assert!(unfit(p, Day::parse("2024-08-31").unwrap()).is_some());
        assert!(unfit(p, Day::parse("2023-08-31").unwrap()).is_none());
        let text = text.replace("year: 2023\n", "");
        let p = &input::parse("t.yaml", &text).unwrap()[0];
        assert!(unfit(p, Day::parse("2023-08-31").unwrap()).is_some());
    }
}
