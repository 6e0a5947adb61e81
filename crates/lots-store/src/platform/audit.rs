//! The audit log: append-only (the database refuses updates and deletes), one row for each
//! sign-in, change, and read of personal data.

use sqlx::Row;

use crate::params::{Params, limit_offset};
use crate::{Db, Result, Tenant, now};

/// Who acts through a tenant handle. The store writes it into the audit row of every
/// touch of personal data, in the transaction that makes the touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub organiser_id: Option<i64>,
    /// Who, in words: an e-mail, `cli`, `lots` or `api:<token name>`.
    pub name: String,
    /// From where: the client's address, or `cli`.
    pub ip: String,
}

impl Actor {
    /// The command line, run by whoever holds the server.
    pub fn cli() -> Actor {
        Actor {
            user_id: None,
            organiser_id: None,
            name: "cli".into(),
            ip: "cli".into(),
        }
    }

    /// Lots itself: a job, the demo, a handle no person acts through.
    pub fn system() -> Actor {
        Actor {
            user_id: None,
            organiser_id: None,
            name: "lots".into(),
            ip: "lots".into(),
        }
    }
}

/// A new audit row.
#[derive(Debug, Clone, Default)]
pub struct AuditEntry {
    pub municipality_code: Option<String>,
    pub organiser_id: Option<i64>,
    pub actor_user_id: Option<i64>,
    /// Who, in words: an e-mail, `cli`, or `api:<token name>`.
    pub actor: String,
    /// What, as a stable dotted code such as `user.disable` or `session.sign_in`.
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    /// From where: the client's address, or `cli`.
    pub ip: String,
    pub detail: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub ip: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub record_type: Option<String>,
    /// One record, exactly (with `record_type`).
    pub record_id: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    pub page: usize,
    pub per_page: usize,
}

impl Db {
    pub async fn audit(&self, e: AuditEntry) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        insert(&mut conn, e).await
    }
}

async fn insert(conn: &mut sqlx::AnyConnection, e: AuditEntry) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, municipality_code, organiser_id, actor_user_id, actor,
                                    action, record_type, record_id, ip, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(now())
    .bind(e.municipality_code)
    .bind(e.organiser_id)
    .bind(e.actor_user_id)
    .bind(e.actor)
    .bind(e.action)
    .bind(e.record_type)
    .bind(e.record_id)
    .bind(e.ip)
    .bind(e.detail)
    .execute(conn)
    .await?;
    Ok(())
}

impl Tenant<'_> {
    /// Writes the audit row of a touch made by this handle's actor, on the connection of
    /// the transaction that makes the touch: the row and the touch commit or fail together.
    pub(crate) async fn audit_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        action: &str,
        record: (&str, impl ToString),
        detail: impl Into<String>,
    ) -> Result<()> {
        let entry = AuditEntry {
            municipality_code: Some(self.code.clone()),
            organiser_id: self.actor.organiser_id,
            actor_user_id: self.actor.user_id,
            actor: self.actor.name.clone(),
            action: action.into(),
            record_type: record.0.into(),
            record_id: record.1.to_string(),
            ip: self.actor.ip.clone(),
            detail: detail.into(),
        };
        insert(conn, entry).await
    }

    /// A read of personal data, logged on its own: the read changes nothing, so there is no
    /// transaction to share.
    pub(crate) async fn audit_read(
        &self,
        action: &str,
        record: (&str, impl ToString),
        detail: impl Into<String>,
    ) -> Result<()> {
        let mut conn = self.db.pool.acquire().await?;
        self.audit_in(&mut conn, action, record, detail).await
    }

    /// One page of the municipality's audit log, newest first, and the total count.
    pub async fn audit_log(&self, f: &AuditFilter) -> Result<(usize, Vec<AuditRecord>)> {
        let mut p = Params::new(self.db);
        let mut conditions = vec![format!("municipality_code = {}", p.text(&self.code))];
        for (column, value) in [
            ("actor", &f.actor),
            ("action", &f.action),
            ("record_type", &f.record_type),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                // Codes and e-mail addresses are ASCII, which LOWER() folds on both backends.
                let needle = p.text(format!("%{}%", v.to_lowercase()));
                conditions.push(format!("LOWER({column}) LIKE {needle}"));
            }
        }
        if let Some(v) = &f.record_id {
            conditions.push(format!("record_id = {}", p.text(v.as_str())));
        }
        if let Some(v) = f.from {
            conditions.push(format!("at >= {}", p.int(v)));
        }
        if let Some(v) = f.until {
            conditions.push(format!("at < {}", p.int(v)));
        }
        let where_clause = conditions.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) AS n FROM audit_log WHERE {where_clause}");
        let list_sql = format!(
            "SELECT id, at, actor, action, record_type, record_id, ip, detail FROM audit_log
             WHERE {where_clause} ORDER BY id DESC {}",
            limit_offset(f.page, f.per_page)
        );
        let total: i64 = p
            .bind(&count_sql)
            .fetch_one(&self.db.pool)
            .await?
            .try_get("n")?;
        let rows = p.bind(&list_sql).fetch_all(&self.db.pool).await?;
        let records = rows
            .iter()
            .map(|r| {
                Ok(AuditRecord {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    record_type: r.try_get("record_type")?,
                    record_id: r.try_get("record_id")?,
                    ip: r.try_get("ip")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((total as usize, records))
    }
}
