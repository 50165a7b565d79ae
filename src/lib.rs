//! jixiao (绩效): a scoring engine for the performance self-evaluation of public budgets.
//!
//! Data flows one way: [`read`] reads a record, [`model`] holds it, [`score`] applies a
//! [`rubric`] to it, [`flags`] check the claims against the scorecard, and [`render`] renders;
//! [`commands`] strings them together for the command line. Every module imports only modules
//! below it in that order, down to [`output`] (files written whole or not at all), [`num`],
//! [`i18n`] (with [`help`], the command line's help in Chinese), [`suggest`], [`error`] and [`contain`] (a panic kept to the project that raised
//! it). (`fuzzing`, hidden, sits beside [`commands`]: the entry points of the fuzz targets and
//! their regression tests.)

// Input errors carry file, position, indicator and a message in two languages; they are built
// on the cold path only, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod commands;
pub mod contain;
pub mod de;
pub mod error;
pub mod flags;
#[doc(hidden)]
pub mod fuzzing;
pub mod help;
pub mod i18n;
pub mod library;
pub mod model;
pub mod monitor;
pub mod num;
pub mod output;
pub mod read;
pub mod render;
pub mod report;
pub mod review;
pub mod rubric;
pub mod schema;
pub mod scheme;
pub mod score;
pub mod suggest;
