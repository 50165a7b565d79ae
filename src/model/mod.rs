//! The data model: vocabulary, the target and actual grammar, and the record of a project.

pub mod actual;
pub mod bounds;
pub mod lexeme;
pub mod record;
pub mod target;
pub mod text;
pub mod unit;
pub mod vocab;

pub use actual::{Actual, Tier};
pub use lexeme::{Date, Op};
pub use record::{
    Basis, Budget, Claimed, EXECUTION_RATE, Figures, Goals, Indicator, ItemNotes, Measure, Notes,
    Record, Source,
};
pub use target::Target;
pub use text::CellText;
pub use unit::{Money, Time, Unit};
pub use vocab::{Direction, Level1, Level2};
