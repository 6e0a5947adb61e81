//! Following a fault report: the reporter's own link, what they add to the report or
//! reopen it with, the duplicates staff merge into the report they repeat, and everyone
//! a status change reaches (the reporter and those of the merged duplicates).

use lots_domain::open311::FaultStatus;
use lots_i18n::Message;
use sqlx::Row;

use crate::secret::{new_token, token_hash};
use crate::{Db, Result, StoreError, Tenant, now};

/// The longest text a reporter adds at a time.
pub const MAX_ADDITION: usize = 2000;

/// One entry of a report's history, as staff and the reporter see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FaultEvent {
    pub at: i64,
    pub status: FaultStatus,
    pub note: String,
    /// Who: staff's name, the channel it came by, or `reporter`.
    pub actor: String,
}

impl Db {
    /// The report a reporter's link opens: (municipality, report id); `None` for an unknown
    /// or tampered token.
    pub async fn fault_link(&self, token: &str) -> Result<Option<(String, i64)>> {
        sqlx::query("SELECT municipality_code, report_id FROM fault_links WHERE token_hash = $1")
            .bind(token_hash(token))
            .fetch_optional(&self.pool)
            .await?
            .map(|r| Ok((r.try_get("municipality_code")?, r.try_get("report_id")?)))
            .transpose()
    }
}

impl Tenant<'_> {
    /// A new link for the reporter to follow report `id` by; only its hash is kept.
    pub async fn mint_fault_link(&self, id: i64) -> Result<String> {
        let token = new_token();
        sqlx::query(
            "INSERT INTO fault_links (token_hash, municipality_code, report_id, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(&self.code)
        .bind(id)
        .bind(now())
        .execute(&self.db.pool)
        .await?;
        Ok(token)
    }

    /// The report's history, oldest first.
    pub async fn fault_history(&self, id: i64) -> Result<Vec<FaultEvent>> {
        let rows = sqlx::query(
            "SELECT at, status, note, actor FROM fault_report_events
             WHERE municipality_code = $1 AND report_id = $2 ORDER BY at, id",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FaultEvent {
                    at: r.try_get("at")?,
                    status: crate::db::code(r, "status")?,
                    note: r.try_get("note")?,
                    actor: r.try_get("actor")?,
                })
            })
            .collect()
    }

    /// The report a duplicate was merged into, if it was.
    pub async fn merged_into(&self, id: i64) -> Result<Option<i64>> {
        Ok(sqlx::query(
            "SELECT merged_into FROM fault_reports WHERE municipality_code = $1 AND id = $2",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?
        .try_get("merged_into")?)
    }

    /// Everyone a change of report `id` reaches: (report, e-mail) of its reporter and of
    /// each duplicate merged into it that left an address.
    pub async fn fault_followers(&self, id: i64) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT id, email FROM fault_reports
             WHERE municipality_code = $1 AND (id = $2 OR merged_into = $2) AND email <> ''
             ORDER BY id",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("email")?)))
            .collect()
    }

    /// Merges `duplicate` into `original`: the duplicate takes the original's status and
    /// follows it from now on, and the history of both says so.
    pub async fn merge_fault_report(
        &self,
        duplicate: i64,
        original: i64,
        actor: &str,
    ) -> Result<()> {
        let target = self.fault_report(original).await?;
        self.fault_report(duplicate).await?;
        if duplicate == original || self.merged_into(original).await?.is_some() {
            return Err(StoreError::Field(
                "original".into(),
                Message::new("fault-choose-another-report-to-merge-into"),
            ));
        }
        let t = now();
        let mut tx = self.db.begin_write().await?;
        // Duplicates of the duplicate follow the original too.
        sqlx::query(
            "UPDATE fault_reports SET merged_into = $1, status = $2, updated_at = $3
             WHERE municipality_code = $4 AND (id = $5 OR merged_into = $5)",
        )
        .bind(original)
        .bind(target.status.code())
        .bind(t)
        .bind(&self.code)
        .bind(duplicate)
        .execute(&mut *tx)
        .await?;
        for (report, note) in [
            (duplicate, format!("merged-into:{original}")),
            (original, format!("merged-from:{duplicate}")),
        ] {
            sqlx::query(
                "INSERT INTO fault_report_events (municipality_code, report_id, at, status, note, actor)
                 SELECT municipality_code, id, $1, status, $2, $3 FROM fault_reports
                 WHERE municipality_code = $4 AND id = $5",
            )
            .bind(t)
            .bind(note)
            .bind(actor)
            .bind(&self.code)
            .bind(report)
            .execute(&mut *tx)
            .await?;
        }
        self.audit_in(
            &mut tx,
            "fault_report.merge",
            ("fault_report", duplicate),
            original.to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// What the reporter adds to report `id` by their link; `reopen` takes a closed report
    /// back to received. Returns whether the report was reopened.
    pub async fn add_to_fault_report(&self, id: i64, text: &str, reopen: bool) -> Result<bool> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_ADDITION {
            return Err(StoreError::Field(
                "text".into(),
                Message::new("fault-write-what-you-want-to-add")
                    .with_number("max", MAX_ADDITION as i64),
            ));
        }
        let report = self.fault_report(id).await?;
        let reopened = reopen && report.status.is_closed();
        let status = if reopened {
            FaultStatus::Received
        } else {
            report.status
        };
        let t = now();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE fault_reports SET status = $1, updated_at = $2
             WHERE municipality_code = $3 AND (id = $4 OR merged_into = $4)",
        )
        .bind(status.code())
        .bind(t)
        .bind(&self.code)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO fault_report_events (municipality_code, report_id, at, status, note, actor)
             VALUES ($1, $2, $3, $4, $5, 'reporter')",
        )
        .bind(&self.code)
        .bind(id)
        .bind(t)
        .bind(status.code())
        .bind(text)
        .execute(&mut *tx)
        .await?;
        self.audit_in(
            &mut tx,
            "fault_report.reporter_added",
            ("fault_report", id),
            if reopened { "reopened" } else { "" },
        )
        .await?;
        tx.commit().await?;
        Ok(reopened)
    }
}
