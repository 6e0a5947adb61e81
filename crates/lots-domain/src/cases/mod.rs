//! Cases: service areas, deadlines and handling times, the rows of case files, and Open311 fault reports.

mod rules;

pub mod case_import;
pub mod open311;

pub use rules::*;
