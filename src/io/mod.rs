//! Reading records and rubrics, and rendering scorecards.

pub mod project;
pub mod yaml_de;
