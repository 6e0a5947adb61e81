//! Counties and municipalities in the database, kept equal to the embedded reference files,
//! and which municipalities this installation hosts (its tenants).

use lots_domain::reference;
use sqlx::Row;

use crate::{Db, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HostedMunicipality {
    pub code: String,
    pub name: String,
    pub county_code: String,
    pub county_name: String,
}

/// A fingerprint of the embedded reference data, so start-up skips the upsert when nothing
/// changed (the common case) and refreshes names when a new release carries new data.
fn reference_version() -> String {
    let mut text = String::new();
    for c in reference::counties() {
        text.push_str(&format!("{}:{};", c.code, c.name));
    }
    for m in reference::municipalities() {
        text.push_str(&format!("{}:{}:{};", m.code, m.name, m.county_code));
    }
    crate::secret::token_hash(&text)
}

impl Db {
    pub(crate) async fn sync_reference_data(&self) -> Result<()> {
        let version = reference_version();
        let stored: Option<String> =
            sqlx::query("SELECT value FROM lots_meta WHERE key = 'reference_version'")
                .fetch_optional(&self.pool)
                .await?
                .map(|r| r.try_get("value"))
                .transpose()?;
        if stored.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        let mut tx = self.begin_write().await?;
        for c in reference::counties() {
            sqlx::query(
                "INSERT INTO counties (code, name) VALUES ($1, $2)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name",
            )
            .bind(&c.code)
            .bind(&c.name)
            .execute(&mut *tx)
            .await?;
        }
        for m in reference::municipalities() {
            sqlx::query(
                "INSERT INTO municipalities (code, name, county_code) VALUES ($1, $2, $3)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, county_code = excluded.county_code",
            )
            .bind(&m.code)
            .bind(&m.name)
            .bind(&m.county_code)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO lots_meta (key, value) VALUES ('reference_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(&version)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes this installation host a municipality, so it can have units, staff and data.
    pub async fn host_municipality(&self, code: &str) -> Result<HostedMunicipality> {
        if reference::municipality(code).is_none() {
            return Err(StoreError::Invalid(format!(
                "{code:?} is not the SCB code of a Swedish municipality"
            )));
        }
        sqlx::query("UPDATE municipalities SET hosted = 1 WHERE code = $1")
            .bind(code)
            .execute(&self.pool)
            .await?;
        self.hosted_municipality(code)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// A hosted municipality by code; `None` when the code is unknown or not hosted here.
    pub async fn hosted_municipality(&self, code: &str) -> Result<Option<HostedMunicipality>> {
        Ok(self
            .hosted_where("m.code = $1", Some(code))
            .await?
            .into_iter()
            .next())
    }

    /// Every municipality this installation hosts, in code order.
    pub async fn hosted_municipalities(&self) -> Result<Vec<HostedMunicipality>> {
        self.hosted_where("1 = 1", None).await
    }

    async fn hosted_where(
        &self,
        condition: &str,
        code: Option<&str>,
    ) -> Result<Vec<HostedMunicipality>> {
        let sql = format!(
            "SELECT m.code, m.name, m.county_code, c.name AS county_name
             FROM municipalities m JOIN counties c ON c.code = m.county_code
             WHERE m.hosted = 1 AND {condition} ORDER BY m.code"
        );
        let mut q = sqlx::query(&sql);
        if let Some(code) = code {
            q = q.bind(code);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(HostedMunicipality {
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                    county_code: r.try_get("county_code")?,
                    county_name: r.try_get("county_name")?,
                })
            })
            .collect()
    }
}
