//! Joint measurements: an organiser runs one round across its member municipalities with
//! one battery. Each taking part gets its own survey round of the exact same battery
//! definition, invites its own companies and keeps its own answers; the organiser reads
//! totals only (`Db::members_nki`).

use lots_domain::battery::Battery;
use sqlx::Row;

use crate::error::Refusals;
use crate::error::field;
use crate::secret::new_token;
use crate::surveys::rounds::RoundTerms;
use crate::{OrganiserScope, Result, StoreError, now};

#[derive(Debug, Clone)]
pub struct NewJointRound {
    pub terms: RoundTerms,
    /// The code of one of the standard batteries (`lots_domain::battery::standard`).
    pub battery_code: String,
    /// Member municipalities taking part, by code.
    pub members: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct JointRound {
    pub id: i64,
    pub name: String,
    pub battery_code: String,
    pub battery_name: String,
    pub opens_on: jiff::civil::Date,
    pub closes_on: jiff::civil::Date,
    pub anonymous: bool,
    pub created_by: String,
    pub members: Vec<JointMember>,
}

/// One municipality's part: its round and how far it has come.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JointMember {
    pub code: String,
    pub name: String,
    pub round_id: i64,
    pub invited: i64,
    pub answered: i64,
}

impl NewJointRound {
    /// Every wrong field of the measurement at once, before anything is written.
    pub fn check(&self) -> Result<()> {
        self.checked().map(|_| ())
    }

    fn checked(&self) -> Result<(jiff::civil::Date, jiff::civil::Date, Battery)> {
        let mut refusals = Refusals::default();
        let days = self.terms.check(&mut refusals);
        let battery = refusals.require(
            lots_domain::battery::standard()
                .into_iter()
                .find(|b| b.code == self.battery_code),
            "battery_code",
            "choose-a-question-battery",
        );
        refusals.check(
            !self.members.is_empty(),
            "members",
            "choose-at-least-one-member-municipality",
        );
        refusals.done_with(days.zip(battery).map(|((o, c), b)| (o, c, b)))
    }
}

impl OrganiserScope<'_> {
    /// Creates the joint measurement and, in the same transaction, a round in every
    /// municipality taking part, answering a published version of exactly the chosen battery
    /// (the member's own when it has one with the same definition, else a new version).
    pub async fn create_joint_round(&self, new: &NewJointRound, actor: &str) -> Result<i64> {
        let (opens_on, closes_on, battery) = new.checked()?;
        let hosted: Vec<String> = self
            .db
            .hosted_municipalities()
            .await?
            .into_iter()
            .map(|m| m.code)
            .collect();
        let members: Vec<String> = self.members().await?.into_iter().map(|m| m.code).collect();
        if let Some(code) = new
            .members
            .iter()
            .find(|c| !members.contains(c) || !hosted.contains(c))
        {
            return Err(field(
                "members",
                lots_i18n::Message::new("municipality-is-not-a-member-using-lots")
                    .with("code", code),
            ));
        }
        for code in &new.members {
            self.db
                .tenant_unchecked(code)
                .install_standard_batteries()
                .await?;
        }
        let definition = serde_json::to_string(&battery).unwrap_or_default();
        let t = now();
        let mut tx = self.db.begin_write().await?;
        let taken =
            sqlx::query("SELECT id FROM joint_rounds WHERE organiser_id = $1 AND name = $2")
                .bind(self.id)
                .bind(new.terms.name.trim())
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(field("name", "there-is-already-a-measurement-with"));
        }
        let joint_id: i64 = sqlx::query(
            "INSERT INTO joint_rounds (organiser_id, name, battery_code, definition, opens_on,
                 closes_on, anonymous, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(self.id)
        .bind(new.terms.name.trim())
        .bind(&battery.code)
        .bind(&definition)
        .bind(opens_on.to_string())
        .bind(closes_on.to_string())
        .bind(i64::from(new.terms.anonymous))
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let reminders = new.terms.reminder_column();
        for code in &new.members {
            let version_id = same_published_version(&mut tx, code, &battery, &definition).await?;
            sqlx::query(
                "INSERT INTO survey_rounds (municipality_code, battery_version_id, name, opens_on,
                     closes_on, anonymous, quarantine_months, reminder_days, salt, created_by,
                     created_at, joint_round_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(code)
            .bind(version_id)
            .bind(new.terms.name.trim())
            .bind(opens_on.to_string())
            .bind(closes_on.to_string())
            .bind(i64::from(new.terms.anonymous))
            .bind(new.terms.quarantine_months)
            .bind(&reminders)
            .bind(new_token())
            .bind(actor)
            .bind(t)
            .bind(joint_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(joint_id)
    }

    /// The organiser's joint measurements, newest first, each with its members' progress.
    pub async fn joint_rounds(&self) -> Result<Vec<JointRound>> {
        let rows = sqlx::query(
            "SELECT id, name, battery_code, definition, opens_on, closes_on, anonymous, created_by
             FROM joint_rounds WHERE organiser_id = $1 ORDER BY opens_on DESC, id DESC",
        )
        .bind(self.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let battery_name = Battery::from_json(&r.try_get::<String, _>("definition")?)
                .map(|b| b.name.sv)
                .unwrap_or_default();
            out.push(JointRound {
                id,
                name: r.try_get("name")?,
                battery_code: r.try_get("battery_code")?,
                battery_name,
                opens_on: crate::db::date(r, "opens_on")?,
                closes_on: crate::db::date(r, "closes_on")?,
                anonymous: r.try_get::<i64, _>("anonymous")? == 1,
                created_by: r.try_get("created_by")?,
                members: self.joint_members(id).await?,
            });
        }
        Ok(out)
    }

    pub async fn joint_round(&self, id: i64) -> Result<JointRound> {
        self.joint_rounds()
            .await?
            .into_iter()
            .find(|j| j.id == id)
            .ok_or(StoreError::NotFound)
    }

    async fn joint_members(&self, joint_id: i64) -> Result<Vec<JointMember>> {
        let rows = sqlx::query(
            "SELECT r.municipality_code, m.name, r.id,
                 (SELECT COUNT(*) FROM survey_invitations i WHERE i.round_id = r.id) AS invited,
                 (SELECT COUNT(*) FROM survey_invitations i
                  WHERE i.round_id = r.id AND i.answered = 1) AS answered
             FROM survey_rounds r JOIN municipalities m ON m.code = r.municipality_code
             WHERE r.joint_round_id = $1 ORDER BY m.name",
        )
        .bind(joint_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut members = rows
            .iter()
            .map(|r| {
                Ok(JointMember {
                    code: r.try_get("municipality_code")?,
                    name: r.try_get("name")?,
                    round_id: r.try_get("id")?,
                    invited: r.try_get("invited")?,
                    answered: r.try_get("answered")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        lots_domain::collation::sort_by_key(&mut members, |m| &m.name);
        Ok(members)
    }
}

/// The member's published version of `battery` whose definition is the same, made (as the
/// next version) when it has none.
async fn same_published_version(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    code: &str,
    battery: &Battery,
    definition: &str,
) -> Result<i64> {
    let battery_id: i64 =
        sqlx::query("SELECT id FROM batteries WHERE municipality_code = $1 AND code = $2")
            .bind(code)
            .bind(&battery.code)
            .fetch_one(&mut **tx)
            .await?
            .try_get("id")?;
    let wanted: serde_json::Value = serde_json::from_str(definition).unwrap_or_default();
    let versions = sqlx::query(
        "SELECT id, version, definition, published_at FROM battery_versions
         WHERE battery_id = $1 ORDER BY version DESC",
    )
    .bind(battery_id)
    .fetch_all(&mut **tx)
    .await?;
    for v in &versions {
        let published: Option<i64> = v.try_get("published_at")?;
        let same =
            serde_json::from_str::<serde_json::Value>(&v.try_get::<String, _>("definition")?)
                .is_ok_and(|d| d == wanted);
        if published.is_some() && same {
            return Ok(v.try_get("id")?);
        }
    }
    let next: i64 = versions
        .first()
        .map(|v| v.try_get::<i64, _>("version"))
        .transpose()?
        .unwrap_or(0)
        + 1;
    Ok(sqlx::query(
        "INSERT INTO battery_versions (municipality_code, battery_id, version, definition, published_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(code)
    .bind(battery_id)
    .bind(next)
    .bind(definition)
    .bind(now())
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?)
}
