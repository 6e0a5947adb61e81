use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::{Result, StoreError};

/// Which database an installation runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The database of one installation: a pool and the backend it speaks.
#[derive(Clone)]
pub struct Db {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// Name search indexes, one per municipality, shared by every clone of the handle.
    pub(crate) search: std::sync::Arc<crate::register::search::SearchCache>,
    /// List counts per municipality and filter, shared likewise.
    pub(crate) counts: std::sync::Arc<crate::register::search::CountCache>,
    /// Published battery versions, which never change, by (municipality, version id).
    pub(crate) published_batteries: std::sync::Arc<
        std::sync::Mutex<std::collections::HashMap<(String, i64), crate::BatteryVersion>>,
    >,
    /// Hot write paths take turns here on SQLite: a writer that finds the database locked
    /// falls into SQLite's busy handler, which sleeps in growing steps, while a turn in this
    /// queue is handed on the moment the last writer commits.
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The secret that makes an anonymous round's respondent keys: kept outside the database
    /// (see `lots::anonymity_key`), so the database alone cannot tie an answer to its
    /// invitation.
    anonymity_key: std::sync::Arc<std::sync::OnceLock<[u8; 32]>>,
}

impl Db {
    /// Sets the secret of anonymous rounds' respondent keys; the first one set stays.
    pub fn set_anonymity_key(&self, key: [u8; 32]) {
        let _ = self.anonymity_key.set(key);
    }

    pub(crate) fn anonymity_key(&self) -> crate::Result<&[u8; 32]> {
        self.anonymity_key.get().ok_or_else(|| {
            crate::StoreError::Invalid("no anonymity key is set for anonymous rounds".into())
        })
    }
}

/// The current time as Unix seconds, the unit every timestamp column holds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Db {
    /// Opens a database by URL: `sqlite://path` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let fail = |reason: String| StoreError::Connect {
            url: redact(url),
            reason,
        };
        let (backend, url) = if url.starts_with("sqlite:") {
            (Backend::Sqlite, sqlite_url(url))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            return Err(StoreError::UnknownDatabaseUrl(redact(url)));
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|e| fail(e.to_string()))?;
        let pool_options = match backend {
            // SQLite has one writer; a small pool avoids lock contention while WAL lets
            // readers proceed in parallel.
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // NORMAL in WAL mode survives a killed process; only a power loss can
                        // lose the last commits. See BENCHMARKS.md for the FULL alternative.
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        Ok(())
                    })
                }),
            Backend::Postgres => AnyPoolOptions::new().max_connections(16),
        }
        .acquire_timeout(Duration::from_secs(5));
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|e| fail(e.to_string()))?;
        if backend == Backend::Sqlite {
            // journal_mode is stored in the file, so setting it once per open is enough.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await
                .map_err(|e| fail(e.to_string()))?;
        }
        Ok(Db {
            pool,
            backend,
            search: Default::default(),
            counts: Default::default(),
            published_batteries: Default::default(),
            writers: Default::default(),
            anonymity_key: Default::default(),
        })
    }

    /// A transaction that writes. On SQLite it takes the write lock at its start
    /// (`BEGIN IMMEDIATE`): a transaction that reads first and then writes cannot get the
    /// lock once another connection has committed, and fails at once instead of waiting.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// A turn to write, held until the transaction commits; `None` on PostgreSQL, whose
    /// writers do not exclude each other.
    pub(crate) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.backend {
            Backend::Sqlite => Some(self.writers.lock().await),
            Backend::Postgres => None,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes SQLite create the file when it is missing, as `lots serve` promises.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Hides a password in a URL before it reaches a log line or an error message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A row's `language`: what is stored is `sv` or `en`, and anything else reads as Swedish.
pub(crate) fn language(r: &sqlx::any::AnyRow) -> Result<lots_i18n::Lang> {
    use sqlx::Row;
    Ok(lots_i18n::Lang::or_swedish(
        &r.try_get::<String, _>("language")?,
    ))
}

/// A calendar date column: `YYYY-MM-DD` text on both backends, read once here.
pub(crate) fn date(r: &sqlx::any::AnyRow, column: &str) -> Result<jiff::civil::Date> {
    date_opt(r, column)?.ok_or_else(|| {
        crate::StoreError::Database(sqlx::Error::ColumnDecode {
            index: column.into(),
            source: "a date column held NULL".into(),
        })
    })
}

/// A calendar date column that may be empty (NULL or '').
pub(crate) fn date_opt(r: &sqlx::any::AnyRow, column: &str) -> Result<Option<jiff::civil::Date>> {
    parsed_opt(r, column)
}

/// A time-of-day column (`08:00`).
pub(crate) fn time(r: &sqlx::any::AnyRow, column: &str) -> Result<jiff::civil::Time> {
    parsed_opt(r, column)?.ok_or_else(|| {
        crate::StoreError::Database(sqlx::Error::ColumnDecode {
            index: column.into(),
            source: "a time column held NULL".into(),
        })
    })
}

/// A column that keeps a date or a time as its text, read once here; NULL or '' is none.
fn parsed_opt<T>(r: &sqlx::any::AnyRow, column: &str) -> Result<Option<T>>
where
    T: std::str::FromStr<Err = jiff::Error>,
{
    use sqlx::Row;
    let text: Option<String> = r.try_get(column)?;
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|e: jiff::Error| {
            crate::StoreError::Database(sqlx::Error::ColumnDecode {
                index: column.into(),
                source: e.into(),
            })
        }),
    }
}

/// A time of day as it is stored and shown: `08:00`.
/// A stored picture, read from its type and content columns; none when the row has no
/// picture (an empty or unknown type).
pub(crate) fn picture(
    r: Option<sqlx::any::AnyRow>,
    (kind, content): (&str, &str),
) -> Result<Option<(lots_domain::image::ImageKind, Vec<u8>)>> {
    let Some(r) = r else { return Ok(None) };
    use sqlx::Row;
    let kind = lots_domain::image::ImageKind::from_content_type(&r.try_get::<String, _>(kind)?);
    kind.map(|k| Ok((k, r.try_get(content)?))).transpose()
}

pub(crate) fn hh_mm(t: jiff::civil::Time) -> String {
    t.strftime("%H:%M").to_string()
}

/// A column holding one of a closed set's codes (a status, a kind), read once here.
pub(crate) fn code<T>(r: &sqlx::any::AnyRow, column: &str) -> Result<T>
where
    T: std::str::FromStr<Err = lots_domain::codes::UnknownCode>,
{
    use sqlx::Row;
    r.try_get::<String, _>(column)?
        .parse()
        .map_err(|e: lots_domain::codes::UnknownCode| {
            crate::StoreError::Database(sqlx::Error::ColumnDecode {
                index: column.into(),
                source: e.into(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://lots:hemligt@db:5432/lots"),
            "postgres://lots:***@db:5432/lots"
        );
        assert_eq!(redact("sqlite://lots.db"), "sqlite://lots.db");
    }

    #[test]
    fn sqlite_files_are_created() {
        assert_eq!(sqlite_url("sqlite://lots.db"), "sqlite://lots.db?mode=rwc");
        assert_eq!(sqlite_url("sqlite://x.db?mode=ro"), "sqlite://x.db?mode=ro");
    }
}
