//! Input errors that name the file, the line and what was expected.

use std::fmt;

use crate::i18n::{Lang, Text};

/// Bad input: never a panic, always a position and a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// The indicator concerned, when there is one.
    pub indicator: Option<String>,
    pub message: Text,
}

impl InputError {
    pub fn new(file: &str, message: Text) -> InputError {
        InputError {
            file: file.to_string(),
            line: None,
            col: None,
            indicator: None,
            message,
        }
    }

    pub fn at(mut self, line: Option<usize>, col: Option<usize>) -> InputError {
        self.line = line;
        self.col = col;
        self
    }

    pub fn indicator(mut self, name: impl Into<String>) -> InputError {
        self.indicator = Some(name.into());
        self
    }

    /// `FILE:LINE:COL: message (indicator …)` in the chosen language.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
            if let Some(c) = self.col {
                s.push_str(&format!(":{c}"));
            }
        }
        s.push_str(": ");
        s.push_str(self.message.get(lang));
        if let Some(i) = &self.indicator {
            match lang {
                Lang::Zh => s.push_str(&format!("（指标：{i}）")),
                Lang::En => s.push_str(&format!(" (indicator: {i})")),
            }
        }
        s
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for InputError {}
