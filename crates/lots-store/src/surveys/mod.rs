//! Surveys: question batteries, rounds and their invitations, results and their trend over the years, joint measurements and the surveys sent after cases.

pub(crate) mod case_surveys;
pub(crate) mod index_sums;
pub(crate) mod joint_rounds;
pub(crate) mod rounds;
pub(crate) mod survey_results;
pub(crate) mod trend;
