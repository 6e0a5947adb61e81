//! Migrations: one folder per backend, embedded in the binary, applied in order. Each runs
//! in its own transaction with its bookkeeping row, so a failing migration leaves the
//! database exactly as it was (both SQLite and PostgreSQL have transactional DDL).

use sqlx::Row;

use crate::{Backend, Db, Result, StoreError, now};

pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    pub(crate) sqlite: &'static str,
    pub(crate) postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "platform",
        sqlite: include_str!("../migrations/sqlite/0001_platform.sql"),
        postgres: include_str!("../migrations/postgres/0001_platform.sql"),
    },
    Migration {
        version: 2,
        name: "companies",
        sqlite: include_str!("../migrations/sqlite/0002_companies.sql"),
        postgres: include_str!("../migrations/postgres/0002_companies.sql"),
    },
    Migration {
        version: 3,
        name: "uploads",
        sqlite: include_str!("../migrations/sqlite/0003_uploads.sql"),
        postgres: include_str!("../migrations/postgres/0003_uploads.sql"),
    },
    Migration {
        version: 4,
        name: "search_versions",
        sqlite: include_str!("../migrations/sqlite/0004_search_versions.sql"),
        postgres: include_str!("../migrations/postgres/0004_search_versions.sql"),
    },
    Migration {
        version: 5,
        name: "company_area_index",
        sqlite: include_str!("../migrations/sqlite/0005_company_area_index.sql"),
        postgres: include_str!("../migrations/postgres/0005_company_area_index.sql"),
    },
    Migration {
        version: 6,
        name: "surveys",
        sqlite: include_str!("../migrations/sqlite/0006_surveys.sql"),
        postgres: include_str!("../migrations/postgres/0006_surveys.sql"),
    },
    Migration {
        version: 7,
        name: "joint_rounds",
        sqlite: include_str!("../migrations/sqlite/0007_joint_rounds.sql"),
        postgres: include_str!("../migrations/postgres/0007_joint_rounds.sql"),
    },
    Migration {
        version: 8,
        name: "cases",
        sqlite: include_str!("../migrations/sqlite/0008_cases.sql"),
        postgres: include_str!("../migrations/postgres/0008_cases.sql"),
    },
    Migration {
        version: 9,
        name: "fault_reports",
        sqlite: include_str!("../migrations/sqlite/0009_fault_reports.sql"),
        postgres: include_str!("../migrations/postgres/0009_fault_reports.sql"),
    },
    Migration {
        version: 10,
        name: "saved_filters",
        sqlite: include_str!("../migrations/sqlite/0010_saved_filters.sql"),
        postgres: include_str!("../migrations/postgres/0010_saved_filters.sql"),
    },
    Migration {
        version: 11,
        name: "case_handling_counts",
        sqlite: include_str!("../migrations/sqlite/0011_case_handling_counts.sql"),
        postgres: include_str!("../migrations/postgres/0011_case_handling_counts.sql"),
    },
    Migration {
        version: 12,
        name: "case_survey_batches",
        sqlite: include_str!("../migrations/sqlite/0012_case_survey_batches.sql"),
        postgres: include_str!("../migrations/postgres/0012_case_survey_batches.sql"),
    },
    Migration {
        version: 13,
        name: "networks_events_training",
        sqlite: include_str!("../migrations/sqlite/0013_networks_events_training.sql"),
        postgres: include_str!("../migrations/postgres/0013_networks_events_training.sql"),
    },
    Migration {
        version: 14,
        name: "campaigns",
        sqlite: include_str!("../migrations/sqlite/0014_campaigns.sql"),
        postgres: include_str!("../migrations/postgres/0014_campaigns.sql"),
    },
    Migration {
        version: 15,
        name: "visit_overrides",
        sqlite: include_str!("../migrations/sqlite/0015_visit_overrides.sql"),
        postgres: include_str!("../migrations/postgres/0015_visit_overrides.sql"),
    },
    Migration {
        version: 16,
        name: "visit_records",
        sqlite: include_str!("../migrations/sqlite/0016_visit_records.sql"),
        postgres: include_str!("../migrations/postgres/0016_visit_records.sql"),
    },
    Migration {
        version: 17,
        name: "visit_scheduling",
        sqlite: include_str!("../migrations/sqlite/0017_visit_scheduling.sql"),
        postgres: include_str!("../migrations/postgres/0017_visit_scheduling.sql"),
    },
    Migration {
        version: 18,
        name: "officer_home_areas",
        sqlite: include_str!("../migrations/sqlite/0018_officer_home_areas.sql"),
        postgres: include_str!("../migrations/postgres/0018_officer_home_areas.sql"),
    },
    Migration {
        version: 19,
        name: "company_imports",
        sqlite: include_str!("../migrations/sqlite/0019_company_imports.sql"),
        postgres: include_str!("../migrations/postgres/0019_company_imports.sql"),
    },
    Migration {
        version: COMPACT_SORT_KEYS,
        name: "compact_sort_keys",
        sqlite: include_str!("../migrations/sqlite/0020_compact_sort_keys.sql"),
        postgres: include_str!("../migrations/postgres/0020_compact_sort_keys.sql"),
    },
    Migration {
        version: 21,
        name: "partial_area_index",
        sqlite: include_str!("../migrations/sqlite/0021_partial_area_index.sql"),
        postgres: include_str!("../migrations/postgres/0021_partial_area_index.sql"),
    },
    Migration {
        version: 22,
        name: "sign_in_attempts",
        sqlite: include_str!("../migrations/sqlite/0022_sign_in_attempts.sql"),
        postgres: include_str!("../migrations/postgres/0022_sign_in_attempts.sql"),
    },
    Migration {
        version: 23,
        name: "anonymity_stays",
        sqlite: include_str!("../migrations/sqlite/0023_anonymity_stays.sql"),
        postgres: include_str!("../migrations/postgres/0023_anonymity_stays.sql"),
    },
];

/// The migration after which every stored sort key is the compact one: it recomputes them.
const COMPACT_SORT_KEYS: i64 = 20;

/// Every table whose rows carry a sort key of their name.
const SORTED_BY_NAME: [&str; 4] = ["users", "areas", "companies", "contacts"];

/// Writes every stored sort key anew from its name, in the migration's transaction. An
/// erased contact's empty key stays empty.
async fn recompute_sort_keys(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> Result<()> {
    for table in SORTED_BY_NAME {
        let rows = sqlx::query(&format!(
            "SELECT id, name FROM {table} WHERE sort_key <> ''"
        ))
        .fetch_all(&mut **tx)
        .await?;
        let update = format!("UPDATE {table} SET sort_key = $1 WHERE id = $2");
        for r in &rows {
            let name: String = r.try_get("name")?;
            sqlx::query(&update)
                .bind(lots_domain::collation::sort_key(&name))
                .bind(r.try_get::<i64, _>("id")?)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
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
                applied_at BIGINT NOT NULL
            )",
        )
        .execute(&self.pool)
        .await?;
        let mut applied_now = Vec::new();
        for m in migrations {
            let mut tx = self.begin_write().await?;
            if self.backend() == Backend::Postgres {
                // Two servers starting at once must not both apply the same migration.
                sqlx::query("SELECT pg_advisory_xact_lock(7413)")
                    .execute(&mut *tx)
                    .await?;
            }
            let done: i64 =
                sqlx::query("SELECT COUNT(*) AS n FROM lots_migrations WHERE version = $1")
                    .bind(m.version)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("n")?;
            if done > 0 {
                continue;
            }
            let sql = match self.backend() {
                Backend::Sqlite => m.sqlite,
                Backend::Postgres => m.postgres,
            };
            let fail = |e: sqlx::Error| StoreError::Migration {
                version: m.version,
                name: m.name.to_string(),
                reason: e.to_string(),
            };
            sqlx::raw_sql(sql).execute(&mut *tx).await.map_err(fail)?;
            if m.version == COMPACT_SORT_KEYS {
                recompute_sort_keys(&mut tx).await?;
            }
            sqlx::query(
                "INSERT INTO lots_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(m.version)
            .bind(m.name)
            .bind(now())
            .execute(&mut *tx)
            .await
            .map_err(fail)?;
            tx.commit().await.map_err(fail)?;
            applied_now.push(m.version);
        }
        Ok(applied_now)
    }
}
