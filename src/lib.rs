//! jixiao (绩效): a scoring engine for the performance self-evaluation of public budgets.
//!
//! Data flows one way: [`io`] reads a record, [`model`] holds it, [`score`] applies a
//! [`rubric`] to it, [`flags`] check the claims against the scorecard, and [`io`] renders.

pub mod error;
pub mod flags;
pub mod i18n;
pub mod io;
pub mod library;
pub mod model;
pub mod rubric;
pub mod score;
