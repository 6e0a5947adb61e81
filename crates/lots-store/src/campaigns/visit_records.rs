//! What a visit found — the battery's answers, notes, needs, challenges, development areas —
//! the referrals made on the spot (to a network: the company becomes a member; to an event:
//! it is invited; or to a unit), each with an owner and a date to follow it up by, and the
//! issues the company raised, each with an owner and a date by which the company hears back
//! (återkoppling). Recording a visit puts the company's contact into the campaign's
//! follow-up survey round.

use std::collections::HashMap;

use lots_domain::battery::Answer;
use lots_domain::campaigns::status::{ReferralKind, VisitStatus};
use sqlx::Row;

use crate::error::{Refusals, field};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, Default)]
pub struct VisitRecord {
    /// The battery's answers, checked against the campaign's battery.
    pub answers: HashMap<String, Answer>,
    pub notes: String,
    pub needs: String,
    pub challenges: String,
    pub development: String,
    /// The issues the company raised that someone must come back on.
    pub feedback: Vec<NewFeedback>,
}

/// An issue the company raised, to be answered by its owner by a date.
#[derive(Debug, Clone, Default)]
pub struct NewFeedback {
    pub issue: String,
    pub owner_user_id: Option<i64>,
    /// `None` when the form gave no readable day; refused for an issue that is written.
    pub due_on: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Feedback {
    pub id: i64,
    pub visit_id: i64,
    pub campaign_id: i64,
    pub company_id: i64,
    pub company_name: String,
    pub issue: String,
    pub owner_user_id: i64,
    pub owner_name: String,
    pub due_on: jiff::civil::Date,
    pub done_on: Option<jiff::civil::Date>,
    pub answer: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, Default)]
pub struct NewReferral {
    /// `None` when the form named no kind it knows.
    pub kind: Option<ReferralKind>,
    pub target_id: Option<i64>,
    pub owner_user_id: Option<i64>,
    /// `None` when the form gave no readable day; refused.
    pub due_on: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Referral {
    pub id: i64,
    pub kind: ReferralKind,
    pub target_name: String,
    pub owner_name: String,
    pub due_on: jiff::civil::Date,
    pub done_on: Option<jiff::civil::Date>,
}

/// Whose återkoppling to list.
#[derive(Debug, Clone, Copy)]
pub enum FeedbackScope {
    Visit(i64),
    Campaign(i64),
    /// What one member of staff still owes companies.
    OpenFor(i64),
    /// Everything not done whose day has passed, whoever owns it.
    Overdue,
}

/// What recording a visit did beyond the record: the event invitations to send.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    pub invited_participants: Vec<i64>,
    /// The follow-up survey's invitations to send, when the company entered the round now.
    pub survey_invitations: Vec<i64>,
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
        let visit = self.checked_record(visit_id, record, referral).await?;
        let first_record = visit.status != VisitStatus::Done;
        let mut recorded = Recorded::default();
        if let Some(r) = referral {
            let target = r.target_id.unwrap_or_default();
            match r.kind {
                Some(ReferralKind::Network) => {
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
                        Some(crate::today()),
                    )
                    .await?;
                }
                Some(ReferralKind::Event) => {
                    recorded.invited_participants = self
                        .invite_to_event(target, &[visit.company_id], actor)
                        .await?
                        .participant_ids;
                }
                Some(ReferralKind::Unit) | None => {}
            }
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE visits SET status = 'done', recorded_at = $1, notes = $2, needs = $3,
                 challenges = $4, development = $5, answers = $8
             WHERE id = $6 AND municipality_code = $7",
        )
        .bind(now())
        .bind(record.notes.trim())
        .bind(record.needs.trim())
        .bind(record.challenges.trim())
        .bind(record.development.trim())
        .bind(visit_id)
        .bind(&self.code)
        .bind(serde_json::to_string(&record.answers).unwrap_or_else(|_| "{}".into()))
        .execute(&mut *tx)
        .await?;
        for item in record
            .feedback
            .iter()
            .filter(|f| !f.issue.trim().is_empty())
        {
            sqlx::query(
                "INSERT INTO feedback_items (municipality_code, visit_id, company_id, issue,
                     owner_user_id, due_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&self.code)
            .bind(visit_id)
            .bind(visit.company_id)
            .bind(item.issue.trim())
            .bind(item.owner_user_id)
            .bind(item.due_on.map(|d| d.to_string()))
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        if let Some(r) = referral {
            let kind = r.kind.unwrap_or(ReferralKind::Unit);
            let column = match kind {
                ReferralKind::Network => "network_id",
                ReferralKind::Event => "event_id",
                ReferralKind::Unit => "unit_id",
            };
            sqlx::query(&format!(
                "INSERT INTO referrals (municipality_code, visit_id, company_id, kind, {column},
                     owner_user_id, due_on, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            ))
            .bind(&self.code)
            .bind(visit_id)
            .bind(visit.company_id)
            .bind(kind.code())
            .bind(r.target_id)
            .bind(r.owner_user_id)
            .bind(r.due_on.map(|d| d.to_string()))
            .bind(now())
            .execute(&mut *tx)
            .await?;
        }
        let referred = referral.and_then(|r| r.kind).map_or("", ReferralKind::code);
        self.audit_in(&mut tx, "visit.record", ("visit", visit_id), referred)
            .await?;
        tx.commit().await?;
        if first_record {
            recorded.survey_invitations = self
                .enter_follow_up(visit.campaign_id, visit.company_id, actor)
                .await?;
        }
        Ok(recorded)
    }

    /// Puts the company's contact into the campaign's follow-up survey round, made with
    /// the standard follow-up battery on first need; returns the invitations to send.
    async fn enter_follow_up(
        &self,
        campaign_id: i64,
        company_id: i64,
        actor: &str,
    ) -> Result<Vec<i64>> {
        let campaign = self.campaign(campaign_id).await?;
        let round_id = match campaign.follow_up_round_id {
            None => {
                self.install_standard_batteries().await?;
                let Some((version_id, _)) = self
                    .batteries()
                    .await?
                    .into_iter()
                    .find(|b| b.code == "uppfoljning")
                    .and_then(|b| b.published)
                else {
                    return Ok(Vec::new());
                };
                let today = crate::today();
                let closes = campaign
                    .ends_on
                    .checked_add(jiff::Span::new().days(30))
                    .ok()
                    .filter(|d| *d > today)
                    .unwrap_or(today);
                let (id, _) = self
                    .create_round(
                        &crate::NewRound {
                            battery_version_id: Some(version_id),
                            terms: crate::RoundTerms {
                                name: format!("Uppföljning: {}", campaign.name),
                                opens_on: Some(today),
                                closes_on: Some(closes),
                                anonymous: false,
                                quarantine_months: 0,
                                reminder_days: vec![7],
                            },
                            company_ids: vec![company_id],
                        },
                        actor,
                    )
                    .await?;
                sqlx::query(
                    "UPDATE campaigns SET follow_up_round_id = $1 WHERE id = $2 AND municipality_code = $3",
                )
                .bind(id)
                .bind(campaign_id)
                .bind(&self.code)
                .execute(&self.db.pool)
                .await?;
                id
            }
            Some(id) => {
                let round = self.round_facts(id).await?;
                if round.closes_on < crate::today() {
                    return Ok(Vec::new());
                }
                self.add_to_round(id, &[company_id], actor).await?;
                id
            }
        };
        Ok(self
            .invitations(round_id)
            .await?
            .into_iter()
            .filter(|i| i.company_id == Some(company_id) && i.sent_at.is_none())
            .map(|i| i.id)
            .collect())
    }

    /// Refuses every wrong field of a visit's record at once, as [`Tenant::record_visit`]
    /// would, without writing.
    pub async fn check_visit_record(
        &self,
        visit_id: i64,
        record: &VisitRecord,
        referral: Option<&NewReferral>,
    ) -> Result<()> {
        self.checked_record(visit_id, record, referral)
            .await
            .map(|_| ())
    }

    async fn checked_record(
        &self,
        visit_id: i64,
        record: &VisitRecord,
        referral: Option<&NewReferral>,
    ) -> Result<crate::PlannedVisit> {
        let visit = self.visit(visit_id).await?;
        let mut refusals = Refusals::default();
        refusals.check(
            visit.status != VisitStatus::Cancelled,
            "notes",
            "the-visit-is-cancelled",
        );
        for (name, text) in [
            ("notes", &record.notes),
            ("needs", &record.needs),
            ("challenges", &record.challenges),
            ("development", &record.development),
        ] {
            refusals.check(
                text.chars().count() <= MAX_TEXT,
                name,
                "the-text-may-be-at-most",
            );
        }
        for (n, item) in record.feedback.iter().enumerate() {
            self.check_feedback(&mut refusals, n + 1, item).await?;
        }
        if let Some(r) = referral {
            self.check_referral(&mut refusals, r).await?;
        }
        refusals.done()?;
        Ok(visit)
    }

    async fn check_feedback(
        &self,
        refusals: &mut Refusals,
        n: usize,
        item: &NewFeedback,
    ) -> Result<()> {
        if item.issue.trim().is_empty() {
            return Ok(());
        }
        refusals.check(
            item.issue.chars().count() <= MAX_TEXT,
            &format!("issue_{n}"),
            "the-text-may-be-at-most",
        );
        let owner = match item.owner_user_id {
            Some(id) => self.user(id).await.map(|_| id).ok(),
            None => None,
        };
        refusals.require(owner, &format!("issue_owner_{n}"), "choose-who-answers");
        refusals.require(
            item.due_on,
            &format!("issue_due_{n}"),
            "write-the-date-by-which-the",
        );
        Ok(())
    }

    /// The återkoppling of a visit, a campaign, or everything one person owns that is not
    /// done — overdue first.
    pub async fn feedback(&self, scope: FeedbackScope) -> Result<Vec<Feedback>> {
        let today = crate::today();
        let (clause, id) = match scope {
            FeedbackScope::Visit(id) => ("f.visit_id = $2", Some(id)),
            FeedbackScope::Campaign(id) => ("v.campaign_id = $2", Some(id)),
            FeedbackScope::OpenFor(user) => {
                ("f.owner_user_id = $2 AND f.done_on IS NULL", Some(user))
            }
            FeedbackScope::Overdue => ("f.done_on IS NULL AND f.due_on < $2", None),
        };
        let sql = format!(
            "SELECT f.id, f.visit_id, v.campaign_id, f.company_id, c.name AS company_name, f.issue,
                 f.owner_user_id, u.name AS owner_name, f.due_on, f.done_on, f.answer
             FROM feedback_items f JOIN visits v ON v.id = f.visit_id
             JOIN companies c ON c.id = f.company_id JOIN users u ON u.id = f.owner_user_id
             WHERE f.municipality_code = $1 AND {clause}
             ORDER BY f.due_on, c.sort_key, f.id"
        );
        let query = sqlx::query(&sql).bind(&self.code);
        let query = match id {
            Some(id) => query.bind(id),
            None => query.bind(today.to_string()),
        };
        let rows = query.fetch_all(&self.db.pool).await?;
        rows.iter()
            .map(|r| {
                let due_on = crate::db::date(r, "due_on")?;
                let done_on = crate::db::date_opt(r, "done_on")?;
                Ok(Feedback {
                    id: r.try_get("id")?,
                    visit_id: r.try_get("visit_id")?,
                    campaign_id: r.try_get("campaign_id")?,
                    company_id: r.try_get("company_id")?,
                    company_name: r.try_get("company_name")?,
                    issue: r.try_get("issue")?,
                    owner_user_id: r.try_get("owner_user_id")?,
                    owner_name: r.try_get("owner_name")?,
                    overdue: done_on.is_none() && due_on < today,
                    due_on,
                    done_on,
                    answer: r.try_get("answer")?,
                })
            })
            .collect()
    }

    /// The company has heard back: the item is done, with what it was told.
    pub async fn complete_feedback(&self, id: i64, answer: &str) -> Result<Feedback> {
        if answer.trim().is_empty() {
            return Err(field("answer", "write-what-answer-the-company-got"));
        }
        if answer.chars().count() > MAX_TEXT {
            return Err(field("answer", "the-text-may-be-at-most"));
        }
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE feedback_items SET done_on = $1, answer = $2
             WHERE id = $3 AND municipality_code = $4 AND done_on IS NULL",
        )
        .bind(crate::today().to_string())
        .bind(answer.trim())
        .bind(id)
        .bind(&self.code)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let visit: i64 = sqlx::query("SELECT visit_id FROM feedback_items WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .try_get("visit_id")?;
        self.audit_in(&mut tx, "feedback.complete", ("visit", visit), "")
            .await?;
        tx.commit().await?;
        self.feedback(FeedbackScope::Visit(visit))
            .await?
            .into_iter()
            .find(|f| f.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// What a visit's battery answers say, by question id.
    pub async fn visit_answers(&self, visit_id: i64) -> Result<HashMap<String, Answer>> {
        let json: String =
            sqlx::query("SELECT answers FROM visits WHERE id = $1 AND municipality_code = $2")
                .bind(visit_id)
                .bind(&self.code)
                .fetch_optional(&self.db.pool)
                .await?
                .ok_or(StoreError::NotFound)?
                .try_get("answers")?;
        Ok(serde_json::from_str(&json).unwrap_or_default())
    }

    async fn check_referral(&self, refusals: &mut Refusals, r: &NewReferral) -> Result<()> {
        let owner = match r.owner_user_id {
            Some(id) => self.user(id).await.map(|_| id).ok(),
            None => None,
        };
        refusals.require(owner, "owner_user_id", "choose-who-is-responsible");
        refusals.require(r.due_on, "due_on", "enter-the-last-day");
        let Some(target) = r.target_id else {
            refusals.refuse("target", "choose-where-the-company-is-referred");
            return Ok(());
        };
        let found = match r.kind {
            Some(ReferralKind::Network) => match self.network(target).await {
                Ok(n) if n.kind == lots_domain::networks::NetworkKind::External => Ok(()),
                Ok(_) => Err(field("target", "the-network-is-for-staff-not")),
                Err(e) => Err(e),
            },
            Some(ReferralKind::Event) => match self.event(target).await {
                Ok(e) if e.ends_at >= now() => Ok(()),
                Ok(_) => Err(field("target", "the-event-has-already-taken-place")),
                Err(e) => Err(e),
            },
            Some(ReferralKind::Unit) => self.unit(target).await.map(|_| ()),
            None => Err(field("target", "choose-where-the-company-is-referred")),
        };
        match found {
            Err(StoreError::NotFound) => {
                refusals.refuse("target", "choose-where-the-company-is-referred");
            }
            Err(StoreError::Field(name, message)) => refusals.refuse(&name, message),
            other => other?,
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
                    kind: crate::db::code(r, "kind")?,
                    target_name: r.try_get("target_name")?,
                    owner_name: r.try_get("owner_name")?,
                    due_on: crate::db::date(r, "due_on")?,
                    done_on: crate::db::date_opt(r, "done_on")?,
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
                    kind: crate::JourneyKind::Referral,
                    summary: "journey-referred".into(),
                    detail: r.try_get("target_name")?,
                    facts: vec![("owner", owner.clone()), ("due", due)],
                    actor: owner,
                })
            })
            .collect()
    }

    /// A company's återkoppling, for its journey: raised at the visit, answered when done.
    pub(crate) async fn feedback_journey(
        &self,
        company_id: i64,
    ) -> Result<Vec<crate::JourneyEvent>> {
        let rows = sqlx::query(
            "SELECT f.id, f.created_at, f.issue, f.due_on, f.done_on, u.name AS owner_name
             FROM feedback_items f JOIN users u ON u.id = f.owner_user_id
             WHERE f.municipality_code = $1 AND f.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let owner: String = r.try_get("owner_name")?;
                let done: Option<String> = r.try_get("done_on")?;
                let due: String = r.try_get("due_on")?;
                Ok(crate::JourneyEvent {
                    // Derived events have negative ids, apart from the other kinds'.
                    id: -(r.try_get::<i64, _>("id")? + 7_000_000_000),
                    at: r.try_get("created_at")?,
                    kind: crate::JourneyKind::Feedback,
                    summary: if done.is_some() {
                        "journey-feedback-given"
                    } else {
                        "journey-feedback-promised"
                    }
                    .into(),
                    detail: r.try_get("issue")?,
                    facts: vec![
                        ("owner", owner.clone()),
                        ("due", due),
                        ("done", done.unwrap_or_default()),
                    ],
                    actor: owner,
                })
            })
            .collect()
    }
}
