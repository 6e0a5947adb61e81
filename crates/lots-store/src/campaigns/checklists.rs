//! Punktlistor: versioned checklists an office takes up after a visit campaign. The latest
//! version is a draft until it is published to units; a published version never changes
//! (editing makes the next version), and each unit's manager acknowledges it.

use lots_domain::Role;
use lots_domain::checklist::{Changes, Findings, changes, parse_items, suggest};
use sqlx::Row;

use crate::activities::training::is_within;
use crate::error::{Refusals, field};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistSummary {
    pub id: i64,
    pub title: String,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    pub version: i64,
    pub published: bool,
    pub units: i64,
    pub acknowledged: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Checklist {
    pub id: i64,
    pub title: String,
    pub campaign_id: Option<i64>,
    pub campaign_name: Option<String>,
    /// Newest first.
    pub versions: Vec<ChecklistVersion>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistVersion {
    pub id: i64,
    pub version: i64,
    pub items: Vec<String>,
    /// Unix seconds; `None` while a draft.
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
    pub units: Vec<ChecklistUnit>,
    /// Against the version before it.
    pub changes: Changes,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistUnit {
    pub unit_id: i64,
    pub unit_name: String,
    pub acknowledged_by: Option<String>,
    /// Unix seconds; `None` until a manager of the unit acknowledges the version.
    pub acknowledged_at: Option<i64>,
}

/// A published version a manager has yet to acknowledge for one of their units.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChecklistToAcknowledge {
    pub checklist_id: i64,
    pub title: String,
    pub version: i64,
    pub unit_name: String,
}

impl Tenant<'_> {
    /// A new checklist, its first version a draft.
    pub async fn create_checklist(
        &self,
        title: &str,
        campaign_id: Option<i64>,
        items: &str,
    ) -> Result<i64> {
        let mut refusals = Refusals::default();
        refusals.check(
            !title.trim().is_empty(),
            "title",
            "write-the-checklists-title",
        );
        if let Some(c) = campaign_id {
            let found = self.campaign(c).await.is_ok();
            refusals.check(found, "campaign", "choose-a-campaign");
        }
        let items = match parse_items(items) {
            Ok(items) => Some(items),
            Err(m) => {
                refusals.refuse("items", m);
                None
            }
        };
        let items = refusals.done_with(items)?;
        let mut tx = self.db.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO checklists (municipality_code, campaign_id, title, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(&self.code)
        .bind(campaign_id)
        .bind(title.trim())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sqlx::query(
            "INSERT INTO checklist_versions (checklist_id, version, items) VALUES ($1, 1, $2)",
        )
        .bind(id)
        .bind(items.join("\n"))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// New points: the draft changes, or — when the latest version is published — the next
    /// version is drafted, so what units acknowledged stays as it was.
    pub async fn revise_checklist(&self, id: i64, items: &str) -> Result<()> {
        let list = self.checklist(id).await?;
        let items = parse_items(items)
            .map_err(|m| field("items", m))?
            .join("\n");
        let latest = &list.versions[0];
        let _turn = self.db.write_turn().await;
        if latest.published_at.is_none() {
            sqlx::query(
                "UPDATE checklist_versions SET items = $1 WHERE id = $2 AND published_at IS NULL",
            )
            .bind(items)
            .bind(latest.id)
            .execute(&self.db.pool)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO checklist_versions (checklist_id, version, items) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(latest.version + 1)
            .bind(items)
            .execute(&self.db.pool)
            .await
            .map_err(|_| field("items", "someone-else-just-changed-the-checklist"))?;
        }
        Ok(())
    }

    /// Publishes the draft to units; each unit's manager is then asked to acknowledge it.
    pub async fn publish_checklist(&self, id: i64, unit_ids: &[i64], actor: &str) -> Result<i64> {
        let list = self.checklist(id).await?;
        let draft = &list.versions[0];
        if draft.published_at.is_some() {
            return Err(field("units", "the-latest-version-is-already-published"));
        }
        let units = self.units().await?;
        if unit_ids.is_empty() || !unit_ids.iter().all(|u| units.iter().any(|x| x.id == *u)) {
            return Err(field("units", "choose-at-least-one-unit-to"));
        }
        let mut tx = self.db.begin_write().await?;
        let published = sqlx::query(
            "UPDATE checklist_versions SET published_at = $1, published_by = $2
             WHERE id = $3 AND published_at IS NULL",
        )
        .bind(now())
        .bind(actor)
        .bind(draft.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if published == 0 {
            return Err(field("units", "someone-else-just-published-the-version"));
        }
        for unit in unit_ids {
            sqlx::query(
                "INSERT INTO checklist_units (version_id, unit_id) VALUES ($1, $2)
                 ON CONFLICT (version_id, unit_id) DO NOTHING",
            )
            .bind(draft.id)
            .bind(unit)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(draft.version)
    }

    /// The unit's manager (or the manager of an office above it) acknowledges that the unit
    /// has taken up the published version.
    pub async fn acknowledge_checklist(&self, id: i64, unit_id: i64, user_id: i64) -> Result<()> {
        let list = self.checklist(id).await?;
        let user = self.user(user_id).await?;
        // Only the latest published version is taken up; earlier ones are history.
        let Some((version, unit)) = list
            .versions
            .iter()
            .find(|v| v.published_at.is_some())
            .and_then(|v| Some((v, v.units.iter().find(|u| u.unit_id == unit_id)?)))
        else {
            return Err(StoreError::NotFound);
        };
        if !self.units_managed_by(&user).await?.contains(&unit_id) {
            return Err(StoreError::Field(
                "unit".into(),
                lots_i18n::Message::new("only-the-manager-can-acknowledge")
                    .with("unit", &unit.unit_name),
            ));
        }
        sqlx::query(
            "UPDATE checklist_units SET acknowledged_by = $1, acknowledged_at = $2
             WHERE version_id = $3 AND unit_id = $4 AND acknowledged_at IS NULL",
        )
        .bind(&user.name)
        .bind(now())
        .bind(version.id)
        .bind(unit_id)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    pub async fn checklists(&self) -> Result<Vec<ChecklistSummary>> {
        let rows = sqlx::query(
            "SELECT l.id, l.title, l.campaign_id, k.name AS campaign_name, v.version, v.published_at,
                 (SELECT COUNT(*) FROM checklist_units u WHERE u.version_id = v.id) AS units,
                 (SELECT COUNT(*) FROM checklist_units u WHERE u.version_id = v.id
                    AND u.acknowledged_at IS NOT NULL) AS acknowledged
             FROM checklists l LEFT JOIN campaigns k ON k.id = l.campaign_id
             JOIN checklist_versions v ON v.checklist_id = l.id
             WHERE l.municipality_code = $1
               AND v.version = (SELECT MAX(w.version) FROM checklist_versions w WHERE w.checklist_id = l.id)
             ORDER BY l.created_at DESC, l.id DESC",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ChecklistSummary {
                    id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    campaign_id: r.try_get("campaign_id")?,
                    campaign_name: r.try_get("campaign_name")?,
                    version: r.try_get("version")?,
                    published: r.try_get::<Option<i64>, _>("published_at")?.is_some(),
                    units: r.try_get("units")?,
                    acknowledged: r.try_get("acknowledged")?,
                })
            })
            .collect()
    }

    pub async fn checklist(&self, id: i64) -> Result<Checklist> {
        let row = sqlx::query(
            "SELECT l.id, l.title, l.campaign_id, k.name AS campaign_name
             FROM checklists l LEFT JOIN campaigns k ON k.id = l.campaign_id
             WHERE l.municipality_code = $1 AND l.id = $2",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let units = sqlx::query(
            "SELECT c.version_id, c.unit_id, u.name, c.acknowledged_by, c.acknowledged_at
             FROM checklist_units c JOIN checklist_versions v ON v.id = c.version_id
             JOIN units u ON u.id = c.unit_id
             WHERE v.checklist_id = $1 ORDER BY u.name",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut versions: Vec<ChecklistVersion> = Vec::new();
        for r in sqlx::query(
            "SELECT id, version, items, published_at, published_by FROM checklist_versions
             WHERE checklist_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?
        {
            let version_id: i64 = r.try_get("id")?;
            let items: Vec<String> = r
                .try_get::<String, _>("items")?
                .lines()
                .map(str::to_string)
                .collect();
            let mut own_units = Vec::new();
            for u in units.iter() {
                if u.try_get::<i64, _>("version_id")? == version_id {
                    own_units.push(ChecklistUnit {
                        unit_id: u.try_get("unit_id")?,
                        unit_name: u.try_get("name")?,
                        acknowledged_by: u.try_get("acknowledged_by")?,
                        acknowledged_at: u.try_get("acknowledged_at")?,
                    });
                }
            }
            own_units.sort_by_key(|u| lots_domain::collation::sort_key(&u.unit_name));
            versions.push(ChecklistVersion {
                id: version_id,
                version: r.try_get("version")?,
                changes: versions
                    .last()
                    .map(|before| changes(&before.items, &items))
                    .unwrap_or_default(),
                items,
                published_at: r.try_get("published_at")?,
                published_by: r.try_get("published_by")?,
                units: own_units,
            });
        }
        versions.reverse();
        Ok(Checklist {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            campaign_id: row.try_get("campaign_id")?,
            campaign_name: row.try_get("campaign_name")?,
            versions,
        })
    }

    /// The latest published versions a manager has yet to acknowledge for their units.
    pub async fn checklists_to_acknowledge(
        &self,
        user_id: i64,
    ) -> Result<Vec<ChecklistToAcknowledge>> {
        let managed = self.managed_units(user_id).await?;
        if managed.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT l.id, l.title, v.version, c.unit_id, u.name
             FROM checklist_units c JOIN checklist_versions v ON v.id = c.version_id
             JOIN checklists l ON l.id = v.checklist_id JOIN units u ON u.id = c.unit_id
             WHERE l.municipality_code = $1 AND c.acknowledged_at IS NULL
               AND v.version = (SELECT MAX(w.version) FROM checklist_versions w
                                WHERE w.checklist_id = l.id AND w.published_at IS NOT NULL)
             ORDER BY l.id, u.name",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            if managed.contains(&r.try_get("unit_id")?) {
                out.push(ChecklistToAcknowledge {
                    checklist_id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    version: r.try_get("version")?,
                    unit_name: r.try_get("name")?,
                });
            }
        }
        Ok(out)
    }

    /// The units a manager answers for: their own and every unit under it; none for staff
    /// who are not managers.
    pub async fn managed_units(&self, user_id: i64) -> Result<Vec<i64>> {
        self.units_managed_by(&self.user(user_id).await?).await
    }

    async fn units_managed_by(&self, user: &crate::StaffMember) -> Result<Vec<i64>> {
        let Some(own) = user.unit_id.filter(|_| user.roles.contains(&Role::Manager)) else {
            return Ok(Vec::new());
        };
        let units = self.units().await?;
        Ok(units
            .iter()
            .filter(|u| is_within(&units, u.id, own))
            .map(|u| u.id)
            .collect())
    }

    /// A draft of points from the campaign's visit template and what its visits found.
    pub async fn suggest_checklist(&self, campaign_id: i64) -> Result<Vec<String>> {
        let campaign = self.campaign(campaign_id).await?;
        let report = self
            .campaign_report(campaign_id, lots_i18n::Lang::Sv)
            .await?;
        let Some(version) = campaign.battery_version_id else {
            return Ok(Vec::new());
        };
        let battery = self.battery_version(version).await?.battery;
        let referrals: Vec<(String, i64)> = report
            .referrals
            .iter()
            .filter(|r| !r.target.is_empty())
            .map(|r| (r.target.clone(), r.total))
            .collect();
        Ok(suggest(&Findings {
            battery: &battery,
            answers: &report.answers,
            referrals: &referrals,
            feedback_total: report.feedback_total,
            feedback_overdue: report.feedback_overdue,
        }))
    }
}
