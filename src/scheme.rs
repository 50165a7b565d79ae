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
