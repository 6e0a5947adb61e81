//! The platform: staff and their sessions, the municipality's face towards companies, API tokens, organisers, hosted municipalities, the audit log and the job queue.

pub(crate) mod audit;
pub(crate) mod faces;
pub(crate) mod jobs;
pub(crate) mod meta;
pub(crate) mod organisers;
pub(crate) mod reference;
pub(crate) mod sessions;
pub(crate) mod tokens;
pub(crate) mod users;
