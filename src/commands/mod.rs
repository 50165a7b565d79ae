//! The commands, as library functions: each writes to the outputs it is given and returns an
//! [`Exit`]; `main.rs` only parses arguments and calls one.

mod batch;
mod explain;
mod files;
mod generate;
mod rubric;

use crate::flags::Severity;
use crate::i18n::Lang;

pub use batch::{BatchArgs, batch};
pub use explain::explain;
pub use files::{files, report_file};
pub use generate::generate;
pub use rubric::{list_rubrics, rubric_check, rubric_show};

/// How a command ended: its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, and nothing denied.
    Clean = 0,
    /// 1: a flag at or above the denied severity, or a project in error.
    Flagged = 1,
    /// 2: bad input or arguments.
    BadInput = 2,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Output format of `score` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// Which view of a report to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The full scorecard.
    Score,
    /// Claimed against recomputed, and the flags.
    Check,
}

pub struct Options {
    pub rubric: Option<String>,
    pub lang: Lang,
    pub format: Format,
    /// For `check`: the least severe flag that makes the exit code 1.
    pub deny: Severity,
}
