//! Surveys: question batteries, NKI by Insikt's rules, results and their disclosure control, the national table.

pub mod battery;
pub mod disclosure;
pub mod insikt;
pub mod national;
pub mod nki;
pub mod survey_results;
