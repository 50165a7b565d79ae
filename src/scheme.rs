//! A rubric ready for use: loaded, checked, and its `flags:` settings resolved against the
//! registry of flag rules, once, when it is loaded. Every command scores and checks with a
//! scheme, so no record re-reads the settings.

use std::ops::Deref;

use crate::error::InputError;
use crate::flags::Settings;
use crate::rubric::Rubric;

/// A rubric and the severity of every flag rule under it.
#[derive(Debug, Clone)]
pub struct Scheme {
    pub rubric: Rubric,
    pub flags: Settings,
}

impl Scheme {
    /// Loads a shipped rubric by name, or a rubric file by path, and resolves its flag settings
    /// (an unknown code or severity is an error at the line that names it).
    pub fn load(name_or_path: &str) -> Result<Scheme, InputError> {
        let (rubric, flags) = Rubric::load_with(name_or_path, |r| Settings::resolve(&r.flags))?;
        Ok(Scheme { rubric, flags })
    }

    /// As [`Scheme::load`], from a rubric's text.
    pub fn from_yaml(file: &str, text: &str) -> Result<Scheme, InputError> {
        let (rubric, flags) = Rubric::from_yaml_with(file, text, |r| Settings::resolve(&r.flags))?;
        Ok(Scheme { rubric, flags })
    }
}

impl Deref for Scheme {
    type Target = Rubric;

    fn deref(&self) -> &Rubric {
        &self.rubric
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::{Facts, check_record, registry};
    use crate::library::Library;
    use crate::read::project::read_project;

    const NATIONAL: &str = include_str!("../rubrics/national-2020.yaml");

    #[test]
    fn flag_settings_are_resolved_at_load_and_a_bad_one_names_its_line() {
        let with = |flags: &str| NATIONAL.replace("flags: {}", flags);
        let s = Scheme::from_yaml("r.yaml", &with("flags:\n  target-lowball: off")).unwrap();
        let order = registry::RULES
            .iter()
            .position(|r| r.code == "target-lowball")
            .unwrap();
        assert_eq!(s.flags.severity(order), None);
        let e = Scheme::from_yaml("r.yaml", &with("flags:\n  no-such-code: off")).unwrap_err();
        let line = NATIONAL.lines().position(|l| l == "flags: {}").unwrap() + 1;
        assert!(
            e.message.en.contains("unknown flag code `no-such-code`"),
            "{e}"
        );
        assert_eq!(e.line, Some(line + 1), "{e}");
        let e = Scheme::from_yaml("r.yaml", &with("flags:\n  target-lowball: loud")).unwrap_err();
        assert!(e.message.en.contains("`loud` not recognised"), "{e}");
    }

    #[test]
    fn record_rules_run_on_a_target_table_without_actuals() {
        // a reverse direction stated on a `≥` target, and no actual anywhere
        let y = "project: {id: T, name: 目标表}\nbudget: {planned: 10}\nindicators:\n  - {name: 甲, level1: 产出指标, level2: 数量指标, target: '≥5次', direction: 反向}\n";
        let record = read_project("t.yaml", y, &Library::shipped().unwrap()).unwrap();
        let s = Scheme::load("national-2020").unwrap();
        let facts = Facts {
            record: &record,
            rubric: &s.rubric,
        };
        let flags = check_record(&facts, &s.flags, true);
        let codes: Vec<&str> = flags.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["direction-conflict"]);
        // and no rule that needs a scorecard ran (actual-missing would fire on every line)
        for f in &flags {
            let rule = registry::find(f.code).unwrap();
            assert!(!rule.check.needs_scorecard(), "{}", f.code);
        }
    }
}
