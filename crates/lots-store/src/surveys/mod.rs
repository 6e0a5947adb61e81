//! Surveys: question batteries, rounds and their invitations, results, joint measurements and the surveys sent after cases.

pub(crate) mod case_surveys;
pub(crate) mod joint_rounds;
pub(crate) mod rounds;
pub(crate) mod survey_results;
