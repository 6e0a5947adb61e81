//! What a visit found — notes, needs, challenges, development areas — and the referrals made
//! on the spot: to a network (the company becomes a member), to an event (the company is
//! invited) or to a unit, each with an owner and a date to follow it up by.

use sqlx::Row;

use crate::error::{field, is_date};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, Default)]
pub struct VisitRecord {
    pub notes: String,
    pub needs: String,
    pub challenges: String,
    pub development: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewReferral {
    /// network, event or unit.
    pub kind: String,
    pub target_id: Option<i64>,
    pub owner_user_id: Option<i64>,
    pub due_on: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Referral {
    pub id: i64,
    pub kind: String,
    pub target_name: String,
    pub owner_name: String,
    pub due_on: String,
    pub done_on: Option<String>,
}

/// What recording a visit did beyond the record: the event invitations to send.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    pub invited_participants: Vec<i64>,
}

/// The longest text of one field of a visit record.
const MAX_TEXT: usize = 4000;

impl Tenant<'_> {
    /// Records a visit as made, with an optional referral. A referral is checked before
    /// anything is written.
    pub async fn record_visit(
        &self,
        visit_id: i64,
        record: &VisitRecord,
        referral: Option<&NewReferral>,
        actor: &str,
    ) -> Result<Recorded> {
        let visit = self.visit(visit_id).await?;
        if visit.status == "cancelled" {
            return Err(field("notes", "Besöket är avbokat."));
        }
        for (name, text) in [
            ("notes", &record.notes),
            ("needs", &record.needs),
            ("challenges", &record.challenges),
            ("development", &record.development),
        ] {
            if text.chars().count() > MAX_TEXT {
                return Err(field(name, "Texten får vara högst 4 000 tecken."));
            }
        }
        if let Some(r) = referral {
            self.check_referral(r).await?;
        }
        let mut recorded = Recorded::default();
        if let Some(r) = referral {
            let target = r.target_id.unwrap_or_default();
            match r.kind.as_str() {
                "network" => {
                    let contact = self
                        .contacts(visit.company_id)
                        .await?
                        .into_iter()
                        .find(|c| !c.erased)
                        .map(|c| c.id);
                    self.add_network_member(
                        target,
                        Some(visit.company_id),
                        contact,
                        None,
                        &crate::today(),
                    )
                    .await?;
                }
                "event" => {
                    recorded.invited_participants = self
                        .invite_to_event(target, &[visit.company_id], actor)
                        .await?
                        .participant_ids;
                }
                _ => {}
            }
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE visits SET status = 'done', recorded_at = $1, notes = $2, needs = $3,
                 challenges = $4, development = $5
             WHERE id = $6 AND municipality_code = $7",
        )
        .bind(now())
        .bind(record.notes.trim())
        .bind(record.needs.trim())
        .bind(record.challenges.trim())
        .bind(record.development.trim())
        .bind(visit_id)
        .bind(&self.code)
        .execute(&mut *tx)
        .await?;
        if let Some(r) = referral {
            let column = match r.kind.as_str() {
                "network" => "network_id",
                "event" => "event_id",
                _ => "unit_id",
            };
            sqlx::query(&format!(
                "INSERT INTO referrals (municipality_code, visit_id, company_id, kind, {column},
                     owner_user_id, due_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ))
            .bind(&self.code)
            .bind(visit_id)
            .bind(visit.company_id)
            .bind(&r.kind)
            .bind(r.target_id)
            .bind(r.owner_user_id)
            .bind(&r.due_on)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(recorded)
    }

    async fn check_referral(&self, r: &NewReferral) -> Result<()> {
        let target = r
            .target_id
            .ok_or_else(|| field("target", "Välj vart företaget hänvisas."))?;
        let found = match r.kind.as_str() {
            "network" => match self.network(target).await {
                Ok(n) if n.kind == "external" => Ok(()),
                Ok(_) => Err(field(
                    "target",
                    "Nätverket är för medarbetare, inte företag.",
                )),
                Err(e) => Err(e),
            },
            "event" => match self.event(target).await {
                Ok(e) if e.ends_at >= now() => Ok(()),
                Ok(_) => Err(field("target", "Evenemanget har redan varit.")),
                Err(e) => Err(e),
            },
            "unit" => self.unit(target).await.map(|_| ()),
            _ => Err(field("target", "Välj vart företaget hänvisas.")),
        };
        match found {
            Err(StoreError::NotFound) => {
                return Err(field("target", "Välj vart företaget hänvisas."));
            }
            other => other?,
        }
        let owner = r
            .owner_user_id
            .ok_or_else(|| field("owner_user_id", "Välj vem som ansvarar."))?;
        self.user(owner).await?;
        if !is_date(&r.due_on) {
            return Err(field("due_on", "Skriv sista dagen som 2026-11-26."));
        }
        Ok(())
    }

    /// What a visit's record says: (notes, needs, challenges, development areas).
    pub async fn visit_notes(&self, visit_id: i64) -> Result<(String, String, String, String)> {
        let r = sqlx::query(
            "SELECT notes, needs, challenges, development FROM visits
             WHERE id = $1 AND municipality_code = $2",
        )
        .bind(visit_id)
        .bind(&self.code)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok((
            r.try_get("notes")?,
            r.try_get("needs")?,
            r.try_get("challenges")?,
            r.try_get("development")?,
        ))
    }

    /// A visit's referrals, or a company's when `company` is set.
    pub async fn referrals(&self, visit_id: i64, company: Option<i64>) -> Result<Vec<Referral>> {
        let rows = sqlx::query(
            "SELECT r.id, r.kind, COALESCE(n.name, e.name, un.name, '') AS target_name,
                 u.name AS owner_name, r.due_on, r.done_on, r.created_at
             FROM referrals r
             LEFT JOIN networks n ON n.id = r.network_id
             LEFT JOIN events e ON e.id = r.event_id
             LEFT JOIN units un ON un.id = r.unit_id
             JOIN users u ON u.id = r.owner_user_id
             WHERE r.municipality_code = $1 AND (r.visit_id = $2 OR r.company_id = $3)
             ORDER BY r.created_at, r.id",
        )
        .bind(&self.code)
        .bind(visit_id)
        .bind(company.unwrap_or(0))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Referral {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    target_name: r.try_get("target_name")?,
                    owner_name: r.try_get("owner_name")?,
                    due_on: r.try_get("due_on")?,
                    done_on: r.try_get("done_on")?,
                })
            })
            .collect()
    }

    /// A company's referrals, for its journey.
    pub(crate) async fn referral_journey(
        &self,
        company_id: i64,
    ) -> Result<Vec<crate::JourneyEvent>> {
        let rows = sqlx::query(
            "SELECT r.id, r.created_at, COALESCE(n.name, e.name, un.name, '') AS target_name,
                 u.name AS owner_name, r.due_on
             FROM referrals r
             LEFT JOIN networks n ON n.id = r.network_id
             LEFT JOIN events e ON e.id = r.event_id
             LEFT JOIN units un ON un.id = r.unit_id
             JOIN users u ON u.id = r.owner_user_id
             WHERE r.municipality_code = $1 AND r.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let due: String = r.try_get("due_on")?;
                let owner: String = r.try_get("owner_name")?;
                Ok(crate::JourneyEvent {
                    // Derived events have negative ids, apart from the other kinds'.
                    id: -(r.try_get::<i64, _>("id")? + 6_000_000_000),
                    at: r.try_get("created_at")?,
                    kind: "referral".into(),
                    summary: "Hänvisad".into(),
                    detail: format!(
                        "{} · följs upp av {owner} senast {due}",
                        r.try_get::<String, _>("target_name")?
                    ),
                    actor: owner,
                })
            })
            .collect()
    }
}
