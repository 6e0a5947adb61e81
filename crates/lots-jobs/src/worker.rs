//! Workers that run queued jobs inside `lots serve`.

use std::sync::Arc;
use std::time::Duration;

use lots_store::{Db, Job, now};
use tokio::sync::{Notify, watch};

use crate::Mailer;
use crate::jobs::{Failure, JobError, kind_of};

/// What jobs need from the running installation.
#[derive(Clone)]
pub struct JobContext {
    pub db: Db,
    pub mailer: Mailer,
    /// The public address of the installation, for links in e-mails.
    pub base_url: String,
}

/// The running workers; `notify` wakes them when a request has just queued work.
#[derive(Clone)]
pub struct Workers {
    notify: Arc<Notify>,
    /// The worker tasks, to wait for on shutdown.
    running: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Workers {
    /// Starts `count` workers that stop when `shutdown` turns true.
    pub fn start(ctx: JobContext, count: usize, shutdown: watch::Receiver<bool>) -> Workers {
        let notify = Arc::new(Notify::new());
        let sweeper = ctx.db.clone();
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = queue_due_reminders(&sweeper).await {
                    tracing::warn!(error = %e, "could not queue survey reminders");
                }
                if let Err(e) = send_case_surveys(&sweeper, lots_store::today()).await {
                    tracing::warn!(error = %e, "could not send the survey after closed cases");
                }
                if let Err(e) = forget_past_participants(&sweeper).await {
                    tracing::warn!(error = %e, "could not forget past events' participants");
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(600)) => {}
                    _ = stop.changed() => break,
                }
            }
        });
        let mut running = Vec::new();
        for _ in 0..count {
            let ctx = ctx.clone();
            let notify = notify.clone();
            let mut shutdown = shutdown.clone();
            running.push(tokio::spawn(async move {
                loop {
                    let ran = match ctx.db.claim_job().await {
                        Ok(Some(job)) => {
                            run_one(&ctx, job).await;
                            true
                        }
                        Ok(None) => false,
                        Err(e) => {
                            tracing::warn!(error = %e, "could not claim a job");
                            false
                        }
                    };
                    if *shutdown.borrow() {
                        break;
                    }
                    if !ran {
                        tokio::select! {
                            _ = notify.notified() => {}
                            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                            _ = shutdown.changed() => break,
                        }
                    }
                }
            }));
        }
        Workers {
            notify,
            running: Arc::new(std::sync::Mutex::new(running)),
        }
    }

    /// Waits, after shutdown was signalled, until every worker has finished the job it was
    /// running and recorded its outcome: only then may the database close.
    pub async fn finished(&self) {
        let running = std::mem::take(&mut *self.running.lock().unwrap_or_else(|e| e.into_inner()));
        for task in running {
            if let Err(e) = task.await {
                tracing::error!(error = %e, "a worker ended abnormally");
            }
        }
    }

    /// Wakes a worker now instead of at its next poll.
    pub fn wake(&self) {
        self.notify.notify_one();
    }
}

async fn run_one(ctx: &JobContext, job: Job) {
    let result = match kind_of(&job) {
        Some(kind) => (kind.run)(ctx, &job).await,
        None => Err(Failure {
            error: JobError::UnknownKind(job.kind.clone()),
            retry_in: None,
        }),
    };
    let outcome = match result {
        Ok(()) => ctx.db.complete_job(job.id).await,
        Err(Failure { error, retry_in }) => {
            let retry = retry_in.map(|s| now() + s);
            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, retry = retry.is_some(), "job failed");
            ctx.db.fail_job(job.id, &error.to_string(), retry).await
        }
    };
    if let Err(e) = outcome {
        // The lease runs out and the job is claimed again; jobs are idempotent.
        tracing::error!(job = job.id, error = %e, "could not record the outcome of a job");
    }
}

/// Queues the survey reminders that are due, in every hosted municipality; the jobs'
/// idempotency keys make a second sweep the same day a no-op.
pub async fn queue_due_reminders(db: &Db) -> lots_store::Result<usize> {
    let today = lots_store::today();
    let mut queued = 0;
    for m in db.hosted_municipalities().await? {
        let tenant = db.tenant_unchecked(&m.code);
        for (invitation_id, number) in tenant.reminders_due(today, now()).await? {
            if crate::enqueue_survey_mail(db, &m.code, invitation_id, number).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Makes each hosted municipality's batch of surveys after closed cases due on `today`
/// and queues the invitations; returns how many were queued.
pub async fn send_case_surveys(db: &Db, today: jiff::civil::Date) -> lots_store::Result<usize> {
    let mut queued = 0;
    for m in db.hosted_municipalities().await? {
        let tenant = db.tenant_unchecked(&m.code);
        let batch = tenant.send_case_survey_batch(today).await?;
        let Some(round_id) = batch.round_id else {
            continue;
        };
        for invitation in tenant.invitations(round_id).await? {
            if crate::enqueue_survey_mail(db, &m.code, invitation.id, 0).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Blanks the addresses of past events' participants once each municipality's retention
/// has run out.
pub async fn forget_past_participants(db: &Db) -> lots_store::Result<u64> {
    let mut forgotten = 0;
    for m in db.hosted_municipalities().await? {
        forgotten += db
            .tenant_unchecked(&m.code)
            .forget_past_participants(now())
            .await?;
    }
    Ok(forgotten)
}

#[cfg(test)]
mod tests {
    use crate::jobs::Job;
    use crate::jobs::survey_mail::SurveyMail;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(SurveyMail::backoff(1), 30);
        assert_eq!(SurveyMail::backoff(20), 3600);
        // A mail keeps trying for at least three days before staff are asked to send again.
        let waited: i64 = (1..SurveyMail::MAX_ATTEMPTS).map(SurveyMail::backoff).sum();
        assert!(waited >= 3 * 24 * 3600, "{waited} s");
    }
}
