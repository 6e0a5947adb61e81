//! Small facts the installation keeps about itself (`lots_meta`): the reference data's
//! version, the day the demo last refreshed its dated rows.

use sqlx::Row;

use crate::{Db, Result};

impl Db {
    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        sqlx::query("SELECT value FROM lots_meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| r.try_get("value"))
            .transpose()
            .map_err(Into::into)
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO lots_meta (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
