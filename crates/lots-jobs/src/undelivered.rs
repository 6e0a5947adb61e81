//! Mail that could not go out, as staff see it: what it was, to whom, why, and whether it is
//! still being tried. Nothing is dropped silently: a mail given up stays listed until someone
//! sends it again. A survey reminder of an anonymous round names no recipient, since only
//! those who have not answered get reminders.

use lots_store::{Db, TroubledJob};

use crate::event_mail::KIND_EVENT_MAIL;
use crate::messages::{KIND_INVITATION, KIND_MAIL, KIND_SURVEY};
use crate::visit_mail::KIND_VISIT_MAIL;

/// What a mail belongs to, so the staff who run it see its trouble too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Concern {
    /// A survey round's invitation or reminder.
    Round(i64),
    /// A message to an event's participant.
    Event(i64),
}

/// One mail that failed, for the administrator's list and the round's or event's page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Undelivered {
    pub id: i64,
    pub concerns: Option<Concern>,
    /// What it was, in Swedish (the page translates).
    pub what: &'static str,
    /// The recipient where it may be shown.
    pub to: String,
    pub error: String,
    pub attempts: i64,
    pub next_attempt: Option<i64>,
    pub queued_at: i64,
}

/// A municipality's mail that has failed, newest first.
pub async fn undelivered(db: &Db, municipality: &str) -> lots_store::Result<Vec<Undelivered>> {
    let tenant = db.tenant_unchecked(municipality);
    let mut out = Vec::new();
    for t in db.troubled_jobs(municipality).await? {
        let TroubledJob {
            job,
            last_error,
            next_attempt,
            created_at,
        } = t;
        let p = &job.payload;
        let mut concerns = None;
        let (what, to) = match job.kind.as_str() {
            KIND_MAIL => ("E-post", p["to"].as_str().unwrap_or("").to_string()),
            KIND_INVITATION => {
                let to = match p["user_id"].as_i64() {
                    Some(id) => tenant.user(id).await.map(|u| u.email).unwrap_or_default(),
                    None => String::new(),
                };
                ("Inbjudan till Lots", to)
            }
            KIND_SURVEY => {
                let reminder = p["reminder"].as_i64().unwrap_or(0) > 0;
                let invitation = match p["invitation_id"].as_i64() {
                    Some(id) => tenant.invitation(id).await.ok(),
                    None => None,
                };
                concerns = invitation.as_ref().map(|(_, round)| Concern::Round(*round));
                let anonymous = match &invitation {
                    Some((_, round)) => tenant.round_facts(*round).await.is_ok_and(|r| r.anonymous),
                    None => false,
                };
                let what = if reminder {
                    "Påminnelse om enkät"
                } else {
                    "Inbjudan till enkät"
                };
                let to = match invitation {
                    Some(_) if anonymous && reminder => String::new(),
                    Some((i, _)) => i.email,
                    None => String::new(),
                };
                (what, to)
            }
            KIND_EVENT_MAIL => {
                let participant = match p["participant_id"].as_i64() {
                    Some(id) => tenant.participant(id).await.ok(),
                    None => None,
                };
                concerns = participant.as_ref().map(|p| Concern::Event(p.event_id));
                (
                    "Meddelande om evenemang",
                    participant.map(|p| p.email).unwrap_or_default(),
                )
            }
            KIND_VISIT_MAIL => ("Meddelande om företagsbesök", String::new()),
            _ => ("Annat utskick", String::new()),
        };
        out.push(Undelivered {
            id: job.id,
            concerns,
            what,
            to,
            error: last_error,
            attempts: job.attempts,
            next_attempt,
            queued_at: created_at,
        });
    }
    Ok(out)
}
