//! Mail that could not go out, as staff see it: what it was, to whom, why, and whether it is
//! still being tried. Nothing is dropped silently: a mail given up stays listed until someone
//! sends it again. Each kind of job says what it was ([`crate::jobs::Job::describe`]).

use lots_store::{Db, TroubledJob};

use crate::jobs::{Concern, Described};

/// One mail that failed, for the administrator's list and the round's or event's page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Undelivered {
    pub id: i64,
    pub concerns: Option<Concern>,
    /// The message id of what it was.
    pub what: &'static str,
    /// The recipient where it may be shown.
    pub to: String,
    pub error: String,
    pub attempts: i64,
    pub next_attempt: Option<i64>,
    pub queued_at: i64,
}

/// A municipality's mail that has failed, newest first.
pub async fn undelivered(db: &Db, municipality: &str) -> lots_store::Result<Vec<Undelivered>> {
    let tenant = db.tenant_unchecked(municipality);
    let mut out = Vec::new();
    for t in db.troubled_jobs(municipality).await? {
        let TroubledJob {
            job,
            last_error,
            next_attempt,
            created_at,
        } = t;
        let described = match crate::jobs::kind_of(&job) {
            Some(kind) => (kind.describe)(&tenant, &job).await,
            None => None,
        };
        let described = described.unwrap_or(Described {
            what: "other-message",
            to: String::new(),
            concerns: None,
        });
        out.push(Undelivered {
            id: job.id,
            concerns: described.concerns,
            what: described.what,
            to: described.to,
            error: last_error,
            attempts: job.attempts,
            next_attempt,
            queued_at: created_at,
        });
    }
    Ok(out)
}
