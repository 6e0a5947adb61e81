//! Migrations: one SQL source per migration in `migrations/` for both backends, and steps
//! in Rust beside them, listed by build.rs and embedded in the binary, applied in order.
//! Each runs in its own transaction with its bookkeeping row, so a failing migration leaves
//! the database exactly as it was (both SQLite and PostgreSQL have transactional DDL). Each
//! applied migration's checksum is kept; a migration changed after it ran stops the start.

use std::future::Future;
use std::pin::Pin;

use sqlx::Row;

use crate::{Backend, Db, Result, StoreError, now};

pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// What a step in Rust returns: it runs inside the migration's transaction.
pub(crate) type StepFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    /// The SQL, written once ([`expand`] gives each backend's).
    pub(crate) sql: &'static str,
    /// A step in Rust after the SQL, for what SQL cannot do.
    pub(crate) step: Option<for<'a> fn(&'a mut Tx) -> StepFuture<'a>>,
    /// The step's source, so a changed step changes the checksum too.
    pub(crate) step_source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// Each backend's spelling of what the two say differently, as placeholders in the source.
const PLACEHOLDERS: [(&str, &str, &str); 3] = [
    (
        "{{identity}}",
        "INTEGER PRIMARY KEY AUTOINCREMENT",
        "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    ),
    ("{{bytes}}", "BLOB", "BYTEA"),
    // Sort keys compare byte by byte on PostgreSQL too, as SQLite's TEXT does.
    ("{{byte_order}}", "", " COLLATE \"C\""),
];

/// A migration's SQL for one backend: the lines of a `-- if sqlite` or `-- if postgres`
/// block (to the next `-- if` or `-- end if`) only for that backend, and the placeholders
/// in each backend's spelling.
pub(crate) fn expand(source: &str, backend: Backend) -> String {
    let mine = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let mut out = String::with_capacity(source.len());
    let mut keep = true;
    for line in source.split_inclusive('\n') {
        let marker = line.trim();
        if let Some(which) = marker.strip_prefix("-- if ") {
            keep = which == mine;
            continue;
        }
        if marker == "-- end if" {
            keep = true;
            continue;
        }
        if keep {
            let mut line = line.to_string();
            for (name, sqlite, postgres) in PLACEHOLDERS {
                let spelled = if backend == Backend::Sqlite {
                    sqlite
                } else {
                    postgres
                };
                line = line.replace(name, spelled);
            }
            out.push_str(&line);
        }
    }
    out
}

impl Migration {
    /// The SHA-256 of what this migration runs on `backend`, in hex.
    fn checksum(&self, backend: Backend) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(expand(self.sql, backend).as_bytes());
        h.update([0]);
        h.update(self.step_source.as_bytes());
        hex::encode(h.finalize())
    }
}

impl Db {
    /// Applies every migration not yet applied; returns the versions applied now.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        let applied = self.apply(MIGRATIONS).await?;
        self.sync_reference_data().await?;
        Ok(applied)
    }

    pub(crate) async fn apply(&self, migrations: &[Migration]) -> Result<Vec<i64>> {
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS lots_migrations (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL,
                checksum TEXT
            )",
        )
        .execute(&self.pool)
        .await?;
        // A database from before checksums were kept has no such column yet.
        if sqlx::query("SELECT checksum FROM lots_migrations WHERE version = 0")
            .fetch_optional(&self.pool)
            .await
            .is_err()
        {
            sqlx::query("ALTER TABLE lots_migrations ADD COLUMN checksum TEXT")
                .execute(&self.pool)
                .await?;
        }
        let mut applied_now = Vec::new();
        for m in migrations {
            let mut tx = self.begin_write().await?;
            if self.backend() == Backend::Postgres {
                // Two servers starting at once must not both apply the same migration.
                sqlx::query("SELECT pg_advisory_xact_lock(7413)")
                    .execute(&mut *tx)
                    .await?;
            }
            let checksum = m.checksum(self.backend());
            let fail = |e: sqlx::Error| StoreError::Migration {
                version: m.version,
                name: m.name.to_string(),
                reason: e.to_string(),
            };
            let stored = sqlx::query("SELECT checksum FROM lots_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = stored {
                match row.try_get::<Option<String>, _>("checksum")? {
                    Some(was) if was != checksum => {
                        return Err(StoreError::MigrationChanged {
                            version: m.version,
                            name: m.name.to_string(),
                            applied: was,
                            now: checksum,
                        });
                    }
                    Some(_) => {}
                    // Applied before checksums were kept: this is what it ran.
                    None => {
                        sqlx::query("UPDATE lots_migrations SET checksum = $1 WHERE version = $2")
                            .bind(&checksum)
                            .bind(m.version)
                            .execute(&mut *tx)
                            .await?;
                        tx.commit().await?;
                    }
                }
                continue;
            }
            sqlx::raw_sql(&expand(m.sql, self.backend()))
                .execute(&mut *tx)
                .await
                .map_err(fail)?;
            if let Some(step) = m.step {
                step(&mut tx).await?;
            }
            sqlx::query(
                "INSERT INTO lots_migrations (version, name, applied_at, checksum)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(m.version)
            .bind(m.name)
            .bind(now())
            .bind(&checksum)
            .execute(&mut *tx)
            .await
            .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
            applied_now.push(m.version);
        }
        Ok(applied_now)
    }
}
