//! Builds a record from a short YAML project, scores it and runs the flags, for rule tests.

use super::Settings;
use super::{Context, Flag, check};
use crate::library::Library;
use crate::read::project::read_project;
use crate::rubric::Rubric;
use crate::score::score;

/// A project header with the given budget and extra top-level YAML, and these indicator lines.
pub fn project(planned: &str, executed: &str, extra: &str, indicators: &str) -> String {
    format!(
        "project: {{id: T1, name: 测试项目, year: 2024}}\nbudget: {{planned: {planned}, executed: {executed}}}\n{extra}\nindicators:\n{indicators}"
    )
}

/// One indicator entry in flow style.
pub fn ind(fields: &str) -> String {
    format!("  - {{{fields}}}\n")
}

/// A shipped rubric and its flag settings.
pub fn load(name: &str) -> (Rubric, Settings) {
    Rubric::load_with(name, |r| Settings::resolve(&r.flags)).unwrap()
}

/// Scores `yaml` with the national rubric (or `rubric`) and returns all flags.
pub fn flags_with(yaml: &str, (rubric, settings): &(Rubric, Settings)) -> Vec<Flag> {
    let record = read_project("test.yaml", yaml, &Library::shipped().unwrap())
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let card = score(&record, rubric).unwrap();
    check(&Context::new(&record, &card, rubric), settings, true)
}

pub fn flags(yaml: &str) -> Vec<Flag> {
    flags_with(yaml, &load("national-2020"))
}

/// How many flags of `code` there are.
pub fn count(flags: &[Flag], code: &str) -> usize {
    flags.iter().filter(|f| f.code == code).count()
}
