//! Workers that run queued jobs inside `lots serve`.

use std::sync::Arc;
use std::time::Duration;

use lots_store::{Db, Job, now};
use tokio::sync::{Notify, watch};

use crate::messages::{KIND_INVITATION, KIND_MAIL, KIND_SURVEY, invitation_mail, survey_mail};
use crate::{Mailer, OutgoingMail};

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
                if let Err(e) = send_case_surveys(&sweeper, &lots_store::today()).await {
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

/// Seconds to wait after failed attempt `n` (counted from 1): 30 s, 1 min, 2 min, … at most 1 h.
fn backoff(attempts: i64) -> i64 {
    (30i64 << attempts.clamp(0, 8) as u32).min(7200) / 2
}

async fn run_one(ctx: &JobContext, job: Job) {
    let result = execute(ctx, &job).await;
    let outcome = match result {
        Ok(()) => ctx.db.complete_job(job.id).await,
        Err(error) => {
            let retry = (job.attempts < job.max_attempts).then(|| now() + backoff(job.attempts));

            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, retry = retry.is_some(), "job failed");
            ctx.db.fail_job(job.id, &error, retry).await
        }
    };
    if let Err(e) = outcome {
        // The lease runs out and the job is claimed again; jobs are idempotent.
        tracing::error!(job = job.id, error = %e, "could not record the outcome of a job");
    }
}

async fn execute(ctx: &JobContext, job: &Job) -> Result<(), String> {
    match job.kind.as_str() {
        KIND_MAIL => {
            let mail: OutgoingMail =
                serde_json::from_value(job.payload.clone()).map_err(|e| e.to_string())?;
            ctx.mailer.send(&mail).await.map_err(|e| e.to_string())
        }
        KIND_INVITATION => {
            let user_id = job.payload["user_id"]
                .as_i64()
                .ok_or("payload lacks user_id")?;
            let sent_by = job.payload["sent_by"].as_str().unwrap_or("Lots");
            let code = job
                .municipality_code
                .as_deref()
                .ok_or("invitation without municipality")?;
            let tenant = ctx.db.tenant_unchecked(code);
            let user = match tenant.user(user_id).await {
                Ok(user) => user,
                // The account was removed meanwhile: nothing to send.
                Err(lots_store::StoreError::NotFound) => return Ok(()),
                Err(e) => return Err(e.to_string()),
            };
            if user.status != lots_store::UserStatus::Invited {
                return Ok(());
            }
            let municipality = tenant.municipality().await.map_err(|e| e.to_string())?;
            let token = ctx
                .db
                .create_invitation(user.id)
                .await
                .map_err(|e| e.to_string())?;
            let link = format!("{}/inbjudan/{token}", ctx.base_url.trim_end_matches('/'));
            let mail = invitation_mail(&user, &municipality.name, &link, sent_by);
            ctx.mailer.send(&mail).await.map_err(|e| e.to_string())
        }
        KIND_SURVEY => send_survey_mail(ctx, job).await,
        crate::event_mail::KIND_EVENT_MAIL => crate::event_mail::send_event_mail(ctx, job).await,
        crate::visit_mail::KIND_VISIT_MAIL => crate::visit_mail::send_visit_mail(ctx, job).await,
        other => Err(format!("unknown job kind {other:?}")),
    }
}

/// Sends a survey invitation or reminder with a new personal link, and records on the
/// invitation that it went out or why it did not.
async fn send_survey_mail(ctx: &JobContext, job: &Job) -> Result<(), String> {
    let invitation_id = job.payload["invitation_id"]
        .as_i64()
        .ok_or("payload lacks invitation_id")?;
    let reminder = job.payload["reminder"].as_i64().unwrap_or(0);
    let code = job
        .municipality_code
        .as_deref()
        .ok_or("survey mail without municipality")?;
    let tenant = ctx.db.tenant_unchecked(code);
    let (invitation, round_id) = match tenant.invitation(invitation_id).await {
        Ok(found) => found,
        Err(lots_store::StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.to_string()),
    };
    let round = tenant
        .round_facts(round_id)
        .await
        .map_err(|e| e.to_string())?;
    if invitation.answered || round.closes_on.as_str() < lots_store::today().as_str() {
        return Ok(());
    }
    let municipality = tenant.municipality().await.map_err(|e| e.to_string())?;
    let token = tenant
        .mint_survey_link(invitation_id)
        .await
        .map_err(|e| e.to_string())?;
    let link = format!("{}/enkat/{token}", ctx.base_url.trim_end_matches('/'));
    let mail = survey_mail(
        &invitation.email,
        &invitation.language,
        &municipality.name,
        &round,
        &link,
        reminder > 0,
    );
    let sent = ctx.mailer.send(&mail).await.map_err(|e| e.to_string());
    tenant
        .record_delivery(
            invitation_id,
            reminder > 0,
            sent.as_ref().err().map(String::as_str),
        )
        .await
        .map_err(|e| e.to_string())?;
    sent
}

/// Queues the survey reminders that are due, in every hosted municipality; the jobs'
/// idempotency keys make a second sweep the same day a no-op.
pub async fn queue_due_reminders(db: &Db) -> lots_store::Result<usize> {
    let today = lots_store::today();
    let mut queued = 0;
    for m in db.hosted_municipalities().await? {
        let tenant = db.tenant_unchecked(&m.code);
        for (invitation_id, number) in tenant.reminders_due(&today, now()).await? {
            if crate::enqueue_survey_mail(db, &m.code, invitation_id, number).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Makes each hosted municipality's batch of surveys after closed cases due on `today`
/// and queues the invitations; returns how many were queued.
pub async fn send_case_surveys(db: &Db, today: &str) -> lots_store::Result<usize> {
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
    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(super::backoff(1), 30);
        assert_eq!(super::backoff(20), 3600);
        // A mail keeps trying for at least three days before staff are asked to send again.
        let waited: i64 = (1..crate::MAIL_ATTEMPTS).map(super::backoff).sum();
        assert!(waited >= 3 * 24 * 3600, "{waited} s");
    }
}
