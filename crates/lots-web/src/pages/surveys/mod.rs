//! Surveys: batteries, rounds, results, the respondent's form, and an organiser's members.

pub(super) mod members;
pub(super) mod respond;
pub(super) mod rounds;
