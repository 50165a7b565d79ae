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
    /// The position is a sheet's cell: rendered `FILE[SHEET]!C12` (`col` 1-based) rather than
    /// `FILE:LINE:COL`.
    pub cell: bool,
}

impl InputError {
    pub fn new(file: &str, message: Text) -> InputError {
        InputError {
            file: file.to_string(),
            line: None,
            col: None,
            indicator: None,
            message,
            cell: false,
        }
    }

    pub fn at(mut self, line: Option<usize>, col: Option<usize>) -> InputError {
        self.line = line;
        self.col = col;
        self
    }

    /// Marks the position as a sheet's row (`line`) and column (`col`, 1-based).
    pub fn in_sheet(mut self) -> InputError {
        self.cell = true;
        self
    }

    pub fn indicator(mut self, name: impl Into<String>) -> InputError {
        self.indicator = Some(name.into());
        self
    }

    /// `FILE:LINE:COL: message (indicator …)` in the chosen language.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        match (self.line, self.col) {
            (Some(l), Some(c)) if self.cell && l > 0 && c > 0 => {
                s.push('!');
                s.push_str(&a1(l - 1, c - 1));
            }
            (Some(l), col) => {
                s.push_str(&format!(":{l}"));
                if let Some(c) = col.filter(|_| !self.cell) {
                    s.push_str(&format!(":{c}"));
                }
            }
            (None, _) => {}
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

/// `C12` for the 0-based row 11 and column 2.
pub fn a1(r: usize, c: usize) -> String {
    let mut col = String::new();
    let mut n = c + 1;
    while n > 0 {
        let d = (n - 1) % 26;
        col.insert(0, (b'A' + d as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{col}{}", r + 1)
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for InputError {}
