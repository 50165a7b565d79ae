//! What happened so far, as a monitoring file gives it (YAML): per project the budget and the
//! amount executed by the as-of date (截至 as-of 执行数); per indicator its target (年度指标值),
//! the value reached so far (1–N月执行情况), the unit's forecast (全年预计完成值), its cause of a
//! deviation, its likelihood of completion and its correction. One project, or a batch under
//! `projects:`.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

use crate::de;
use crate::error::InputError;
use crate::i18n::{Lang, Text};
use crate::model::Target;

/// 偏差原因: the categories of 财预〔2019〕136号's monitoring table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    Funds,
    Rules,
    Staff,
    Equipment,
    Other,
}

impl Cause {
    pub const WORDS: &'static [(Cause, &'static [&'static str])] = &[
        (Cause::Funds, &["经费保障", "funds"]),
        (Cause::Rules, &["制度保障", "rules"]),
        (Cause::Staff, &["人员保障", "staff"]),
        (Cause::Equipment, &["硬件条件保障", "equipment"]),
        (Cause::Other, &["其他", "other"]),
    ];

    pub fn word(self, lang: Lang) -> &'static str {
        let words = Cause::WORDS.iter().find(|(c, _)| *c == self).map(|w| w.1);
        let words = words.unwrap_or(&["", ""]);
        match lang {
            Lang::Zh => words[0],
            Lang::En => words[1],
        }
    }
}

/// 完成目标可能性.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likelihood {
    Certain,
    Possible,
    Impossible,
}

impl Likelihood {
    pub const WORDS: &'static [(Likelihood, &'static [&'static str])] = &[
        (Likelihood::Certain, &["确定能", "certain"]),
        (Likelihood::Possible, &["有可能", "possible"]),
        (Likelihood::Impossible, &["完全不可能", "impossible"]),
    ];

    pub fn word(self, lang: Lang) -> &'static str {
        let words = Likelihood::WORDS
            .iter()
            .find(|(c, _)| *c == self)
            .map(|w| w.1);
        let words = words.unwrap_or(&["", ""]);
        match lang {
            Lang::Zh => words[0],
            Lang::En => words[1],
        }
    }
}

/// The value of `table` a word names (its form word or English key), or the error that lists
/// them.
pub fn word<T: Copy>(
    s: &str,
    table: &[(T, &'static [&'static str])],
    what: (&str, &str),
) -> Result<T, Text> {
    let t = s.trim();
    match table.iter().find(|(_, w)| w.contains(&t)) {
        Some((v, _)) => Ok(*v),
        None => {
            let accepted: Vec<String> = table
                .iter()
                .map(|(_, w)| format!("{} ({})", w[0], w[1]))
                .collect();
            Err(de::unknown_word(what, t, &accepted.join(", ")))
        }
    }
}

fn word_of<'de, D, T: Copy>(
    d: D,
    table: &[(T, &'static [&'static str])],
    what: (&str, &str),
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
{
    let Some(s) = de::opt_scalar(d)? else {
        return Ok(None);
    };
    if s.trim().is_empty() {
        return Ok(None);
    }
    word(&s, table, what).map(Some).map_err(de::custom)
}

fn cause<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cause>, D::Error> {
    word_of(d, Cause::WORDS, ("偏差原因", "deviation cause"))
}

fn likelihood<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Likelihood>, D::Error> {
    word_of(d, Likelihood::WORDS, ("完成可能性", "likelihood"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchFile {
    #[serde(default)]
    year: Option<i32>,
    projects: Vec<ProjectFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectFile {
    id: String,
    name: String,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    money_unit: Option<String>,
    /// 全年预算数.
    #[serde(deserialize_with = "de::decimal")]
    budget: Decimal,
    /// 截至 as-of 执行数.
    #[serde(deserialize_with = "de::decimal")]
    executed_to_date: Decimal,
    #[serde(default)]
    indicators: Vec<IndicatorFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFile {
    name: String,
    #[serde(deserialize_with = "de::scalar")]
    target: String,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    progress: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    forecast: Option<Decimal>,
    #[serde(default, deserialize_with = "cause")]
    deviation_cause: Option<Cause>,
    #[serde(default, deserialize_with = "likelihood")]
    likelihood: Option<Likelihood>,
    #[serde(default)]
    correction: Option<String>,
}

/// One indicator as monitored.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    /// 年度指标值 as written.
    pub target_text: String,
    pub target: Target,
    /// 1–N月执行情况.
    pub progress: Option<Decimal>,
    /// 全年预计完成值.
    pub forecast: Option<Decimal>,
    pub cause: Option<Cause>,
    pub likelihood: Option<Likelihood>,
    /// 纠偏措施.
    pub correction: Option<String>,
    pub line: Option<usize>,
}

/// One project as monitored.
#[derive(Debug, Clone)]
pub struct Project {
    pub file: String,
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub money_unit: String,
    pub budget: Decimal,
    pub executed: Decimal,
    pub lines: Vec<Line>,
    /// The line of the project's `id:`.
    pub line: Option<usize>,
}

impl Project {
    /// `FILE:LINE` of the project, or of one of its indicators.
    pub fn at(&self, indicator: Option<usize>) -> String {
        let line = indicator
            .and_then(|i| self.lines.get(i))
            .and_then(|l| l.line)
            .or(self.line);
        match line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        }
    }
}

/// Parses a monitoring file's text.
pub fn parse(file: &str, text: &str) -> Result<Vec<Project>, InputError> {
    de::limits::check(file, text)?;
    let yaml_err = |e: serde_yaml::Error| de::yaml_error(file, text, &e);
    let batch = text.lines().any(|l| l.starts_with("projects:"));
    let (year, projects) = if batch {
        let b: BatchFile = serde_yaml::from_str(text).map_err(yaml_err)?;
        (b.year, b.projects)
    } else {
        let p: ProjectFile = serde_yaml::from_str(text).map_err(yaml_err)?;
        (None, vec![p])
    };
    // lines: each project's `id:` in order, each indicator's `- name:` after it
    let lines: Vec<&str> = text.lines().collect();
    let mut cursor = 0;
    let mut out = Vec::new();
    for p in projects {
        let id_line = find(&lines, &mut cursor, |l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.starts_with("id:") && l.contains(p.id.as_str())
        });
        let mut rows = Vec::new();
        for i in p.indicators {
            let line = find(&lines, &mut cursor, |l| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                l.starts_with("name:") && l.contains(i.name.as_str())
            });
            let target = Target::parse(&i.target).map_err(|t| {
                InputError::new(file, t)
                    .at(line, None)
                    .indicator(i.name.clone())
            })?;
            rows.push(Line {
                name: i.name,
                target_text: i.target,
                target,
                progress: i.progress,
                forecast: i.forecast,
                cause: i.deviation_cause,
                likelihood: i.likelihood,
                correction: i.correction.filter(|c| !c.trim().is_empty()),
                line,
            });
        }
        out.push(Project {
            file: file.to_string(),
            id: p.id,
            name: p.name,
            department: p.department,
            year: p.year.or(year),
            money_unit: p.money_unit.unwrap_or_else(|| "万元".to_string()),
            budget: p.budget,
            executed: p.executed_to_date,
            lines: rows,
            line: id_line,
        });
    }
    if out.is_empty() {
        return Err(InputError::new(
            file,
            Text::new("监控文件中没有项目", "the monitoring file has no project"),
        ));
    }
    Ok(out)
}

/// The 1-based number of the first line from `cursor` on that `hit` accepts; the cursor moves
/// past it.
fn find(lines: &[&str], cursor: &mut usize, hit: impl Fn(&str) -> bool) -> Option<usize> {
    let k = lines[*cursor..].iter().position(|l| hit(l))?;
    let n = *cursor + k;
    *cursor = n + 1;
    Some(n + 1)
}
