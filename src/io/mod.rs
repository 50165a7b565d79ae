//! Reading records and rubrics, and rendering reports.

pub mod csv_in;
pub mod json;
pub mod project;
pub mod table;
pub mod yaml_de;
