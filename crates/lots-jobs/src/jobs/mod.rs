//! The jobs Lots runs outside requests. Each is a type: its payload (serde, as it rests in
//! the queue), its kind's name, its idempotency key, its retry policy and its `run`, in a
//! file of its own. [`KINDS`] is the one place they are registered: the workers run a
//! queued row through it, and the list of undelivered mail asks it what a row was.

use std::future::Future;
use std::pin::Pin;

use lots_store::{Db, NewJob, Tenant, now};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::JobContext;

/// What a mail belongs to, so the staff who run it see its trouble too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Concern {
    /// A survey round's invitation or reminder.
    Round(i64),
    /// A message to an event's participant.
    Event(i64),
}

/// What a queued mail is, as its kind tells it.
pub(crate) struct Described {
    /// The message id of what it was.
    pub(crate) what: &'static str,
    /// The recipient where it may be shown, else empty.
    pub(crate) to: String,
    pub(crate) concerns: Option<Concern>,
}

pub(crate) mod event_mail;
pub(crate) mod mail;
pub(crate) mod staff_invitation;
pub(crate) mod survey_mail;
pub(crate) mod visit_mail;

/// Why a job did not get done; the worker logs it, keeps it on the row and retries.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("the payload does not read as a {kind} job: {source}")]
    Payload {
        kind: &'static str,
        #[source]
        source: serde_json::Error,
    },
    #[error("a {0} job needs a municipality")]
    NoMunicipality(&'static str),
    #[error("no job kind {0:?} is registered")]
    UnknownKind(String),
    #[error(transparent)]
    Store(#[from] lots_store::StoreError),
    #[error(transparent)]
    Mail(#[from] crate::mailer::MailError),
}

/// A kind of job.
pub(crate) trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The name its rows carry in the queue.
    const KIND: &'static str;

    /// Attempts before it is given up (and listed for staff, if it is a mail).
    const MAX_ATTEMPTS: i64 = crate::MAIL_ATTEMPTS;

    /// Queueing two jobs with the same key runs one.
    fn idempotency_key(&self, municipality: Option<&str>) -> String;

    /// Seconds to wait after failed attempt `attempts` (from 1): 30 s, 1 min, 2 min, … at
    /// most an hour.
    fn backoff(attempts: i64) -> i64 {
        (30i64 << attempts.clamp(0, 8) as u32).min(7200) / 2
    }

    fn run(
        self,
        ctx: &JobContext,
        municipality: Option<&str>,
    ) -> impl Future<Output = Result<(), JobError>> + Send;

    /// What the job is, for the list of undelivered mail.
    fn describe(
        &self,
        tenant: &Tenant<'_>,
    ) -> impl Future<Output = lots_store::Result<Described>> + Send;
}

/// Queues `job`; whether it was new (not already queued under its key).
pub(crate) async fn enqueue<J: Job>(
    db: &Db,
    municipality: Option<&str>,
    job: &J,
) -> lots_store::Result<bool> {
    db.enqueue(NewJob {
        municipality_code: municipality.map(str::to_string),
        kind: J::KIND.into(),
        payload: serde_json::to_value(job).unwrap_or_default(),
        idempotency_key: job.idempotency_key(municipality),
        max_attempts: J::MAX_ATTEMPTS,
        run_at: now(),
    })
    .await
}

/// The municipality a job of kind `kind` needs.
pub(crate) fn municipality_of<'a>(
    kind: &'static str,
    municipality: Option<&'a str>,
) -> Result<&'a str, JobError> {
    municipality.ok_or(JobError::NoMunicipality(kind))
}

/// The row a job is about, or `None` when it was removed meanwhile: nothing to do then.
pub(crate) fn still_there<T>(found: lots_store::Result<T>) -> Result<Option<T>, JobError> {
    match found {
        Ok(row) => Ok(Some(row)),
        Err(lots_store::StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A failed run: why, and in how many seconds to try again (`None`: give up).
pub(crate) struct Failure {
    pub(crate) error: JobError,
    pub(crate) retry_in: Option<i64>,
}

/// One registered kind: how to run its rows and how to describe them.
pub(crate) struct Kind {
    pub(crate) name: &'static str,
    pub(crate) run:
        for<'a> fn(&'a JobContext, &'a lots_store::Job) -> BoxFuture<'a, Result<(), Failure>>,
    pub(crate) describe:
        for<'a> fn(&'a Tenant<'a>, &'a lots_store::Job) -> BoxFuture<'a, Option<Described>>,
}

const fn kind<J: Job>() -> Kind {
    Kind {
        name: J::KIND,
        run: run_as::<J>,
        describe: describe_as::<J>,
    }
}

/// Every kind of job.
pub(crate) static KINDS: [Kind; 5] = [
    kind::<mail::Mail>(),
    kind::<staff_invitation::StaffInvitation>(),
    kind::<survey_mail::SurveyMail>(),
    kind::<event_mail::EventMail>(),
    kind::<visit_mail::VisitMail>(),
];

fn payload<J: Job>(row: &lots_store::Job) -> Result<J, JobError> {
    serde_json::from_value(row.payload.clone()).map_err(|source| JobError::Payload {
        kind: J::KIND,
        source,
    })
}

fn run_as<'a, J: Job>(
    ctx: &'a JobContext,
    row: &'a lots_store::Job,
) -> BoxFuture<'a, Result<(), Failure>> {
    Box::pin(async move {
        let result = match payload::<J>(row) {
            Ok(job) => job.run(ctx, row.municipality_code.as_deref()).await,
            Err(e) => Err(e),
        };
        result.map_err(|error| Failure {
            error,
            retry_in: (row.attempts < row.max_attempts).then(|| J::backoff(row.attempts)),
        })
    })
}

fn describe_as<'a, J: Job>(
    tenant: &'a Tenant<'a>,
    row: &'a lots_store::Job,
) -> BoxFuture<'a, Option<Described>> {
    Box::pin(async move {
        let job = payload::<J>(row).ok()?;
        job.describe(tenant).await.ok()
    })
}

/// The registered kind of a queued row.
pub(crate) fn kind_of(row: &lots_store::Job) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == row.kind)
}
