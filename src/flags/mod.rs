//! Flags: every claim that does not hold, as a linter reports it. Each rule has a stable
//! kebab-case code, a default severity, a doc in Chinese and English, and its tests, in one file
//! per rule or small family; [`registry`] lists them.

mod actual;
mod claims;
mod cost;
mod direction;
mod execution;
mod goals;
mod grade;
mod measures;
mod plausibility;
mod rate_name;
pub mod registry;
mod totals;
mod weights;

#[cfg(test)]
mod testkit;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::i18n::{Lang, Text};
use crate::model::{CellText, Record};
use crate::rubric::Rubric;
use crate::score::Scorecard;

/// How serious a flag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Info, Lang::Zh) => "提示",
            (s, Lang::En) => s.key(),
        }
    }

    /// A rubric's setting for a flag: a severity, or `off` (`Some(None)`).
    pub fn parse_setting(s: &str) -> Option<Option<Severity>> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" | "错误" => Some(Some(Severity::Error)),
            "warning" | "警告" => Some(Some(Severity::Warning)),
            "info" | "提示" => Some(Some(Severity::Info)),
            "off" | "关闭" => Some(None),
            _ => None,
        }
    }
}

/// A text of a rule's documentation, in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Doc {
    /// The line of a rule's doc that says what it rests on (`依据：…` / `Basis: …`), or "" when
    /// the doc has none.
    pub fn basis(&self, lang: Lang) -> &'static str {
        let lead = match lang {
            Lang::Zh => "依据：",
            Lang::En => "Basis: ",
        };
        self.get(lang)
            .lines()
            .find_map(|l| l.trim().strip_prefix(lead))
            .unwrap_or("")
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A check with a stable code.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what fires it.
    pub summary: Doc,
    /// What it checks, why it matters, what it rests on, an example, how to fix it.
    pub explain: Doc,
    pub check: Check,
}

/// A rule's check, by what it needs: the record alone (it can run on a target table that has
/// no actuals yet), or the scorecard too.
#[derive(Clone, Copy)]
pub enum Check {
    Record(fn(&Facts, &mut Sink)),
    Scorecard(fn(&Context, &mut Sink)),
}

impl Rule {
    /// The line of the rule's doc that says what it rests on (`依据：…` / `Basis: …`), or ""
    /// when the doc has none.
    pub fn basis(&self, lang: Lang) -> &'static str {
        self.explain.basis(lang)
    }
}

impl Check {
    /// Whether the rule runs on the record alone.
    pub fn needs_scorecard(&self) -> bool {
        matches!(self, Check::Scorecard(_))
    }
}

/// What a rule that needs no scorecard looks at.
pub struct Facts<'a> {
    pub record: &'a Record,
    pub rubric: &'a Rubric,
}

/// What a rule that needs the scorecard looks at.
pub struct Context<'a> {
    pub record: &'a Record,
    pub card: &'a Scorecard,
    pub rubric: &'a Rubric,
    /// Each line's claimed score against the recomputed one, which two rules compare.
    claims: OnceCell<Vec<Option<Claim>>>,
}

/// An indicator's claimed score, the recomputed score as shown (2 decimals), and which way
/// the claim departs from it beyond the rubric's tolerance, if it does.
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    pub claimed: Decimal,
    pub recomputed: Decimal,
    /// `Greater`: claimed above by more than the tolerance; `Less`: below by more; `Equal`:
    /// within it.
    pub beyond: std::cmp::Ordering,
}

impl<'a> Context<'a> {
    pub fn new(record: &'a Record, card: &'a Scorecard, rubric: &'a Rubric) -> Context<'a> {
        Context {
            record,
            card,
            rubric,
            claims: OnceCell::new(),
        }
    }

    /// The record and rubric alone.
    pub fn facts(&self) -> Facts<'a> {
        Facts {
            record: self.record,
            rubric: self.rubric,
        }
    }

    /// The claim of each scorecard line that has a claimed score, in line order; computed once.
    pub fn claims(&self) -> &[Option<Claim>] {
        let tol = self.rubric.thresholds.score_tolerance;
        self.claims.get_or_init(|| {
            self.card
                .lines
                .iter()
                .map(|line| {
                    let claimed = self.record.indicators[line.index].claimed_score?;
                    let recomputed = crate::num::round2(line.score);
                    let diff = claimed - recomputed;
                    let beyond = if diff.abs() > tol {
                        if diff.is_sign_negative() {
                            std::cmp::Ordering::Less
                        } else {
                            std::cmp::Ordering::Greater
                        }
                    } else {
                        std::cmp::Ordering::Equal
                    };
                    Some(Claim {
                        claimed,
                        recomputed,
                        beyond,
                    })
                })
                .collect()
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub code: &'static str,
    pub severity: Severity,
    /// For ordering: the indicator's position, or none for record-level flags.
    pub position: Option<usize>,
    /// For ordering: the rule's place in the registry.
    pub order: usize,
    /// What a person reads; left out when details were not asked for (a batch writing only
    /// codes), which keeps a flag small to sort and cheap to make.
    pub detail: Option<Box<FlagDetail>>,
}

/// The readable part of a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagDetail {
    /// The indicator or rubric item concerned, if any.
    pub indicator: Option<CellText>,
    pub message: Text,
    /// The figures behind the message, as (name, value) pairs.
    pub figures: Vec<(&'static str, String)>,
}

impl Flag {
    /// The name of the indicator or item concerned (with details only).
    pub fn indicator(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.indicator.as_deref())
    }

    /// The message in `lang` (empty without details).
    pub fn message(&self, lang: Lang) -> &str {
        self.detail.as_ref().map_or("", |d| d.message.get(lang))
    }

    /// The figures behind the message (none without details).
    pub fn figures(&self) -> &[(&'static str, String)] {
        self.detail.as_ref().map_or(&[], |d| &d.figures)
    }
}

/// A flag's message and figures, built only when they will be read.
pub type Details = (Text, Vec<(&'static str, String)>);

/// Where a rule puts its flags; applies the rubric's severity.
pub struct Sink<'a> {
    record: &'a Record,
    rule: &'static Rule,
    order: usize,
    severity: Severity,
    /// Whether messages and figures are wanted (a batch writing only codes skips them).
    detail: bool,
    out: &'a mut Vec<Flag>,
}

impl Sink<'_> {
    /// A flag about indicator number `index` of the record.
    pub fn on(&mut self, index: usize, details: impl FnOnce() -> Details) {
        let record = self.record;
        let name = || Some(record.indicators[index].name.clone());
        self.push(name, Some(index), details);
    }

    /// A flag about a rubric item, by name.
    pub fn item(&mut self, name: &str, details: impl FnOnce() -> Details) {
        self.push(|| Some(name.into()), None, details);
    }

    /// A flag about the record as a whole.
    pub fn record(&mut self, details: impl FnOnce() -> Details) {
        self.push(|| None, None, details);
    }

    fn push(
        &mut self,
        indicator: impl FnOnce() -> Option<CellText>,
        position: Option<usize>,
        details: impl FnOnce() -> Details,
    ) {
        let detail = self.detail.then(|| {
            let (message, figures) = details();
            Box::new(FlagDetail {
                indicator: indicator(),
                message,
                figures,
            })
        });
        self.out.push(Flag {
            code: self.rule.code,
            severity: self.severity,
            position,
            order: self.order,
            detail,
        });
    }
}

/// Each rule's severity under a rubric's `flags:` settings, or off; resolved once, when the
/// rubric is loaded.
#[derive(Debug, Clone)]
pub struct Settings {
    /// In registry order.
    severities: Vec<Option<Severity>>,
}

impl Settings {
    /// Every rule at its default severity.
    pub fn defaults() -> Settings {
        Settings {
            severities: registry::RULES.iter().map(|r| Some(r.severity)).collect(),
        }
    }

    /// A rubric's `flags:` (code → `error`, `warning`, `info` or `off`) against the registry;
    /// an unknown code or severity is an error that names it.
    pub fn resolve(overrides: &BTreeMap<String, String>) -> Result<Settings, Text> {
        let mut s = Settings::defaults();
        for (code, sev) in overrides {
            let Some(i) = registry::RULES.iter().position(|r| r.code == code) else {
                return Err(Text::new(
                    format!("未知的标记代码 `{code}`"),
                    format!("unknown flag code `{code}`"),
                ));
            };
            let Some(setting) = Severity::parse_setting(sev) else {
                return Err(Text::new(
                    format!(
                        "标记 `{code}` 的级别 `{sev}` 无法识别：应为 error、warning、info 或 off"
                    ),
                    format!(
                        "flag `{code}`: severity `{sev}` not recognised: expected error, warning, info or off"
                    ),
                ));
            };
            s.severities[i] = setting;
        }
        Ok(s)
    }

    /// The editor schema of a rubric's `flags:`, next to [`Settings::resolve`] that reads it:
    /// each code of the registry (with its summary, for the editor to show) set to a severity
    /// or `off`; an unknown code is refused, as `resolve` refuses it.
    pub fn schema() -> serde_json::Value {
        let words = [
            "error", "错误", "warning", "警告", "info", "提示", "off", "关闭",
        ];
        let shown = ["error", "warning", "info", "off"];
        let accepted = "error（错误）、warning（警告）、info（提示）、off（关闭）";
        let setting = crate::de::word_schema(&shown, &words, crate::de::Fold::Key, accepted, false);
        let props: serde_json::Map<String, serde_json::Value> = registry::RULES
            .iter()
            .map(|r| {
                let mut s = setting.clone();
                let default = r.severity.key();
                s.insert(
                    "description".into(),
                    format!(
                        "{} / {}（默认 / default: {default}）",
                        r.summary.zh, r.summary.en
                    )
                    .into(),
                );
                (r.code.to_string(), s.to_value())
            })
            .collect();
        serde_json::json!({
            "description": "调整提示的级别：代码 → error、warning、info 或 off（见 `jixiao explain`）/ severity overrides: code → error, warning, info or off",
            "type": "object",
            "properties": props,
            "additionalProperties": false,
        })
    }

    /// The severity of rule number `order` of the registry, or none when it is off.
    pub fn severity(&self, order: usize) -> Option<Severity> {
        self.severities[order]
    }
}

/// Runs every rule the settings leave on; flags come sorted by severity, then rule, then
/// position. Without `detail`, flags carry their code, severity and position but no name,
/// message or figures.
pub fn check(ctx: &Context, settings: &Settings, detail: bool) -> Vec<Flag> {
    run(ctx.record, settings, detail, |check, sink| match check {
        Check::Record(f) => f(&ctx.facts(), sink),
        Check::Scorecard(f) => f(ctx, sink),
    })
}

/// Runs the rules that need no scorecard (units, directions, weights as written, goals, cost
/// against spending): what can be said of a target table before anything is scored.
pub fn check_record(facts: &Facts, settings: &Settings, detail: bool) -> Vec<Flag> {
    run(facts.record, settings, detail, |check, sink| {
        if let Check::Record(f) = check {
            f(facts, sink)
        }
    })
}

fn run(
    record: &Record,
    settings: &Settings,
    detail: bool,
    mut apply: impl FnMut(Check, &mut Sink),
) -> Vec<Flag> {
    let mut out = Vec::with_capacity(16);
    for (order, rule) in registry::RULES.iter().enumerate() {
        let Some(severity) = settings.severity(order) else {
            continue;
        };
        let mut sink = Sink {
            record,
            rule,
            order,
            severity,
            detail,
            out: &mut out,
        };
        apply(rule.check, &mut sink);
    }
    out.sort_by_key(|f| (f.severity, f.order, f.position.map_or(0, |p| p + 1)));
    out
}
