//! Surveys: batteries, rounds, results, the respondent's form, and an organiser's members.

pub(in crate::pages) mod members;
pub(super) mod respond;
pub(super) mod rounds;
