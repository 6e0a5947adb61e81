//! Organisers: a region (Stockholm Business Alliance) or a national body (SKR's Insikt)
//! that runs one measurement across member municipalities.

use lots_domain::platform::organiser::OrganiserKind;
use lots_domain::reference;
use sqlx::Row;

use crate::error::{Conflict, conflict_on_unique};
use crate::{Db, Result, StoreError, now};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organiser {
    pub id: i64,
    pub name: String,
    pub kind: OrganiserKind,
}

/// Data reachable by an organiser's staff: the organiser and its members.
pub struct OrganiserScope<'a> {
    pub(crate) db: &'a Db,
    pub(crate) id: i64,
}

impl Db {
    /// Creates an organiser with member municipalities (SCB codes).
    pub async fn create_organiser(
        &self,
        name: &str,
        kind: OrganiserKind,
        members: &[String],
    ) -> Result<Organiser> {
        if let Some(bad) = members
            .iter()
            .find(|c| reference::municipality(c).is_none())
        {
            return Err(StoreError::Invalid(format!(
                "{bad:?} is not the SCB code of a Swedish municipality"
            )));
        }
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO organisers (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(name.trim())
        .bind(kind.code())
        .bind(now())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| conflict_on_unique(e, Conflict::OrganiserNameTaken))?
        .try_get("id")?;
        for code in members {
            sqlx::query(
                "INSERT INTO organiser_members (organiser_id, municipality_code) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(code)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Organiser {
            id,
            name: name.trim().to_string(),
            kind,
        })
    }

    pub async fn organisers(&self) -> Result<Vec<Organiser>> {
        let rows = sqlx::query("SELECT id, name, kind FROM organisers ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(organiser_from_row).collect()
    }

    pub async fn organiser_by_name(&self, name: &str) -> Result<Option<Organiser>> {
        sqlx::query("SELECT id, name, kind FROM organisers WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(organiser_from_row)
            .transpose()
    }

    /// The scope of one organiser's staff.
    pub fn organiser_scope(&self, id: i64) -> OrganiserScope<'_> {
        OrganiserScope { db: self, id }
    }
}

impl OrganiserScope<'_> {
    pub async fn organiser(&self) -> Result<Organiser> {
        sqlx::query("SELECT id, name, kind FROM organisers WHERE id = $1")
            .bind(self.id)
            .fetch_optional(&self.db.pool)
            .await?
            .as_ref()
            .map(organiser_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    /// Member municipalities with their county, in code order.
    pub async fn members(&self) -> Result<Vec<reference::Municipality>> {
        let rows = sqlx::query(
            "SELECT municipality_code FROM organiser_members WHERE organiser_id = $1
             ORDER BY municipality_code",
        )
        .bind(self.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.try_get("municipality_code")?;
                reference::municipality(&code)
                    .cloned()
                    .ok_or_else(|| StoreError::Invalid(format!("unknown municipality {code}")))
            })
            .collect()
    }
}

fn organiser_from_row(r: &sqlx::any::AnyRow) -> Result<Organiser> {
    Ok(Organiser {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        kind: crate::db::code(r, "kind")?,
    })
}
