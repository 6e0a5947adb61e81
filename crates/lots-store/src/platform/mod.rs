//! The platform: staff and their sessions, API tokens, organisers, hosted municipalities, the audit log and the job queue.

pub(crate) mod audit;
pub(crate) mod jobs;
pub(crate) mod organisers;
pub(crate) mod reference;
pub(crate) mod sessions;
pub(crate) mod tokens;
pub(crate) mod users;
