//! The durable job queue. A job is a row; a worker claims it with a lease, and a job whose
//! worker died is claimed again when the lease runs out, so nothing queued is lost to a
//! restart. The idempotency key makes enqueueing the same work twice a no-op.

use sqlx::Row;

use crate::{Db, Result, now};

/// How long a claimed job is reserved for its worker.
pub const LEASE_SECS: i64 = 300;

#[derive(Debug, Clone)]
pub struct NewJob {
    pub municipality_code: Option<String>,
    pub kind: String,
    pub payload: serde_json::Value,
    pub idempotency_key: String,
    pub max_attempts: i64,
    pub run_at: i64,
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub municipality_code: Option<String>,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i64,
    pub max_attempts: i64,
}

/// A job that has failed at least once: still being retried, or given up.
#[derive(Debug, Clone)]
pub struct TroubledJob {
    pub job: Job,
    pub last_error: String,
    /// The next attempt; `None` once given up.
    pub next_attempt: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct JobCounts {
    pub queued: i64,
    pub running: i64,
    pub done: i64,
    pub failed: i64,
}

impl Db {
    /// Queues a job; returns false when a job with the same idempotency key exists.
    pub async fn enqueue(&self, job: NewJob) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO jobs (municipality_code, kind, payload, idempotency_key, status,
                               attempts, max_attempts, run_at, created_at)
             VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7)
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(job.municipality_code)
        .bind(job.kind)
        .bind(job.payload.to_string())
        .bind(job.idempotency_key)
        .bind(job.max_attempts)
        .bind(job.run_at)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Claims the next due job, if any. Safe with many workers in many processes: the
    /// conditional update lets exactly one of them win each job.
    pub async fn claim_job(&self) -> Result<Option<Job>> {
        let t = now();
        let candidates = sqlx::query(
            "SELECT id FROM jobs
             WHERE (status = 'queued' AND run_at <= $1)
                OR (status = 'running' AND locked_until < $1)
             ORDER BY run_at, id LIMIT 8",
        )
        .bind(t)
        .fetch_all(&self.pool)
        .await?;
        for c in candidates {
            let id: i64 = c.try_get("id")?;
            let claimed = sqlx::query(
                "UPDATE jobs SET status = 'running', locked_until = $1, attempts = attempts + 1
                 WHERE id = $2 AND ((status = 'queued' AND run_at <= $3)
                                 OR (status = 'running' AND locked_until < $3))",
            )
            .bind(t + LEASE_SECS)
            .bind(id)
            .bind(t)
            .execute(&self.pool)
            .await?;
            if claimed.rows_affected() == 1 {
                let r = sqlx::query(
                    "SELECT id, municipality_code, kind, payload, attempts, max_attempts
                     FROM jobs WHERE id = $1",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
                let payload: String = r.try_get("payload")?;
                return Ok(Some(Job {
                    id,
                    municipality_code: r.try_get("municipality_code")?,
                    kind: r.try_get("kind")?,
                    payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
                    attempts: r.try_get("attempts")?,
                    max_attempts: r.try_get("max_attempts")?,
                }));
            }
        }
        Ok(None)
    }

    pub async fn complete_job(&self, id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE jobs SET status = 'done', locked_until = NULL, finished_at = $1, last_error = NULL
             WHERE id = $2",
        )
        .bind(now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: the job runs again at `retry_at`, or fails for good when
    /// `retry_at` is `None`.
    pub async fn fail_job(&self, id: i64, error: &str, retry_at: Option<i64>) -> Result<()> {
        let (status, run_at, finished) = match retry_at {
            Some(at) => ("queued", Some(at), None),
            None => ("failed", None, Some(now())),
        };
        sqlx::query(
            "UPDATE jobs SET status = $1, run_at = COALESCE($2, run_at), locked_until = NULL,
                             last_error = $3, finished_at = $4
             WHERE id = $5",
        )
        .bind(status)
        .bind(run_at)
        .bind(error)
        .bind(finished)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A municipality's jobs that have failed: being retried or given up, newest first.
    pub async fn troubled_jobs(&self, municipality_code: &str) -> Result<Vec<TroubledJob>> {
        let rows = sqlx::query(
            "SELECT id, municipality_code, kind, payload, attempts, max_attempts, status, run_at,
                    last_error, created_at
             FROM jobs
             WHERE municipality_code = $1 AND last_error IS NOT NULL AND status IN ('queued', 'failed')
             ORDER BY created_at DESC, id DESC LIMIT 500",
        )
        .bind(municipality_code)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let status: String = r.try_get("status")?;
                Ok(TroubledJob {
                    job: Job {
                        id: r.try_get("id")?,
                        municipality_code: r.try_get("municipality_code")?,
                        kind: r.try_get("kind")?,
                        payload: serde_json::from_str(&r.try_get::<String, _>("payload")?)
                            .unwrap_or_default(),
                        attempts: r.try_get("attempts")?,
                        max_attempts: r.try_get("max_attempts")?,
                    },
                    last_error: r.try_get("last_error")?,
                    next_attempt: (status == "queued")
                        .then(|| r.try_get("run_at"))
                        .transpose()?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Sends a failed job again from its first attempt; false when the municipality has no
    /// such job waiting or given up.
    pub async fn retry_job(&self, municipality_code: &str, id: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'queued', attempts = 0, run_at = $1, locked_until = NULL,
                             finished_at = NULL
             WHERE id = $2 AND municipality_code = $3 AND status IN ('queued', 'failed')
               AND last_error IS NOT NULL",
        )
        .bind(now())
        .bind(id)
        .bind(municipality_code)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn job_counts(&self, municipality_code: Option<&str>) -> Result<JobCounts> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM jobs
             WHERE ($1 IS NULL OR municipality_code = $1) GROUP BY status",
        )
        .bind(municipality_code)
        .fetch_all(&self.pool)
        .await?;
        let mut counts = JobCounts::default();
        for r in rows {
            let n: i64 = r.try_get("n")?;
            match r.try_get::<String, _>("status")?.as_str() {
                "queued" => counts.queued = n,
                "running" => counts.running = n,
                "done" => counts.done = n,
                _ => counts.failed = n,
            }
        }
        Ok(counts)
    }
}
