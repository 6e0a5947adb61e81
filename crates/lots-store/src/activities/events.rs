//! Events (a fair, a breakfast meeting, an information evening): invitations with personal
//! links stored as hashes, registrations that fill the places and then the waiting list,
//! cancellations that move the list up, check-in on the day, the addresses that asked not
//! to be invited again, and the retention of participants' addresses.
//!
//! Places are never given beyond the capacity, also when registrations arrive at the same
//! instant: every registration and cancellation first writes its event's row, so on
//! PostgreSQL they queue on that row's lock and on SQLite on the database's write lock, and
//! each counts the confirmed places only once it holds the turn.

use lots_domain::events::{EventKind, ParticipantStatus, Place, place_for};
use lots_domain::reach::Reach;
use lots_i18n::{Lang, Message};
use sqlx::Row;

use crate::error::{Refusals, field};
use crate::secret::{new_token, token_hash};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    pub name: String,
    /// None when the form named no known kind.
    pub kind: Option<EventKind>,
    pub description: String,
    pub place: String,
    pub audience: String,
    /// Unix seconds.
    pub starts_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub capacity: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Event {
    pub id: i64,
    pub name: String,
    pub kind: EventKind,
    pub description: String,
    pub place: String,
    pub audience: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub created_by: String,
    pub follow_up_round_id: Option<i64>,
    pub invited: i64,
    pub confirmed: i64,
    pub waiting: i64,
    pub declined: i64,
    pub cancelled: i64,
    pub checked_in: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Participant {
    pub id: i64,
    pub event_id: i64,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub language: Lang,
    pub status: ParticipantStatus,
    pub invited_at: Option<i64>,
    pub registered_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub registered_by: String,
    pub checked_in_at: Option<i64>,
}

/// Who an invitation reached, and who it could not.
#[derive(Debug, Clone, Default)]
pub struct EventInvitations {
    /// The new participants, to queue their invitation e-mails.
    pub participant_ids: Vec<i64>,
    /// How many were invited, and the companies left out: already invited, without an
    /// e-mail address, or whose contact asked not to be invited again.
    pub reach: Reach,
}

/// What an answer through a link or by staff did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// A place was given.
    Confirmed,
    /// The places are taken: on the waiting list.
    Waiting,
    /// Already registered (or on the list): nothing changed.
    Unchanged,
}

/// What a cancellation did: whether a place was given up, and who moved up into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cancellation {
    pub changed: bool,
    pub promoted: Option<i64>,
}

/// Someone registered on the spot or by staff on their behalf.
#[derive(Debug, Clone, Default)]
pub struct Walkin {
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub name: String,
    pub email: String,
}

const EVENT_SELECT: &str = "SELECT e.id, e.name, e.kind, e.description, e.place, e.audience,
        e.starts_at, e.ends_at, e.capacity, e.created_by, e.follow_up_round_id,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.status = 'invited') AS invited,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.status = 'confirmed') AS confirmed,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.status = 'waiting') AS waiting,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.status = 'declined') AS declined,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.status = 'cancelled') AS cancelled,
        (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.checked_in_at IS NOT NULL) AS checked_in
    FROM events e";

fn event_from_row(r: &sqlx::any::AnyRow) -> Result<Event> {
    Ok(Event {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        kind: crate::db::code(r, "kind")?,
        description: r.try_get("description")?,
        place: r.try_get("place")?,
        audience: r.try_get("audience")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        capacity: r.try_get("capacity")?,
        created_by: r.try_get("created_by")?,
        follow_up_round_id: r.try_get("follow_up_round_id")?,
        invited: r.try_get("invited")?,
        confirmed: r.try_get("confirmed")?,
        waiting: r.try_get("waiting")?,
        declined: r.try_get("declined")?,
        cancelled: r.try_get("cancelled")?,
        checked_in: r.try_get("checked_in")?,
    })
}

const PARTICIPANT_SELECT: &str = "SELECT p.id, p.event_id, p.company_id, c.name AS company_name,
        p.contact_id, p.name, p.email, p.language, p.status, p.invited_at, p.registered_at,
        p.responded_at, p.registered_by, p.checked_in_at
    FROM event_participants p LEFT JOIN companies c ON c.id = p.company_id";

fn participant_from_row(r: &sqlx::any::AnyRow) -> Result<Participant> {
    Ok(Participant {
        id: r.try_get("id")?,
        event_id: r.try_get("event_id")?,
        company_id: r.try_get("company_id")?,
        company_name: r.try_get("company_name")?,
        contact_id: r.try_get("contact_id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        language: crate::db::language(r)?,
        status: crate::db::code(r, "status")?,
        invited_at: r.try_get("invited_at")?,
        registered_at: r.try_get("registered_at")?,
        responded_at: r.try_get("responded_at")?,
        registered_by: r.try_get("registered_by")?,
        checked_in_at: r.try_get("checked_in_at")?,
    })
}

/// The hash under which an address that asked not to be invited again is kept.
fn optout_hash(email: &str) -> String {
    token_hash(&email.trim().to_lowercase())
}

/// How long after its event a personal link still opens (to fetch the calendar file).
const LINK_GRACE_SECONDS: i64 = 7 * 86_400;

impl NewEvent {
    /// Every wrong field of the event at once, before anything is written.
    pub fn check(&self) -> Result<()> {
        check_event(self).map(|_| ())
    }
}

fn check_event(new: &NewEvent) -> Result<(EventKind, i64, i64, i64)> {
    let mut refusals = Refusals::default();
    refusals.check(!new.name.trim().is_empty(), "name", "enter-the-events-name");
    let kind = refusals.require(new.kind, "kind", "choose-what-kind-of-event-it");
    let starts = refusals.require(new.starts_at, "date", "enter-the-day-and-start-time");
    let ends = refusals.require(new.ends_at, "end", "enter-the-end-time-as-10");
    if let (Some(starts), Some(ends)) = (starts, ends) {
        refusals.check(ends > starts, "end", "the-event-must-end-after-it");
    }
    let capacity = refusals.require(
        new.capacity.filter(|c| (1..=100_000).contains(c)),
        "capacity",
        "the-number-of-places-must-be",
    );
    refusals.done_with((|| Some((kind?, starts?, ends?, capacity?)))())
}

impl Tenant<'_> {
    pub async fn create_event(&self, new: &NewEvent, actor: &str) -> Result<i64> {
        let (kind, starts, ends, capacity) = check_event(new)?;
        let t = now();
        let id: i64 = sqlx::query(
            "INSERT INTO events (municipality_code, name, kind, description, place, audience,
                 starts_at, ends_at, capacity, created_by, created_at, changed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(&self.code)
        .bind(new.name.trim())
        .bind(kind.code())
        .bind(new.description.trim())
        .bind(new.place.trim())
        .bind(new.audience.trim())
        .bind(starts)
        .bind(ends)
        .bind(capacity)
        .bind(actor)
        .bind(t)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?;
        Ok(id)
    }

    /// Changes an event's facts. More places move the waiting list up; returns who moved.
    pub async fn update_event(&self, id: i64, new: &NewEvent) -> Result<Vec<i64>> {
        let (kind, starts, ends, capacity) = check_event(new)?;
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        let confirmed = self.take_event_turn(&mut tx, id).await?.1;
        if capacity < confirmed {
            return Err(field("capacity", "more-are-already-registered-than-that"));
        }
        sqlx::query(
            "UPDATE events SET name = $1, kind = $2, description = $3, place = $4, audience = $5,
                 starts_at = $6, ends_at = $7, capacity = $8
             WHERE id = $9 AND municipality_code = $10",
        )
        .bind(new.name.trim())
        .bind(kind.code())
        .bind(new.description.trim())
        .bind(new.place.trim())
        .bind(new.audience.trim())
        .bind(starts)
        .bind(ends)
        .bind(capacity)
        .bind(id)
        .bind(&self.code)
        .execute(&mut *tx)
        .await?;
        let mut promoted = Vec::new();
        for _ in confirmed..capacity {
            match promote_first_waiting(&mut tx, id).await? {
                Some(p) => promoted.push(p),
                None => break,
            }
        }
        tx.commit().await?;
        Ok(promoted)
    }

    /// Events, the coming ones first and then the past ones, newest first.
    pub async fn events(&self) -> Result<Vec<Event>> {
        let rows = sqlx::query(&format!(
            "{EVENT_SELECT} WHERE e.municipality_code = $1 ORDER BY e.starts_at DESC, e.id DESC"
        ))
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let t = now();
        let (mut coming, past): (Vec<Event>, Vec<Event>) = rows
            .iter()
            .map(event_from_row)
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .partition(|e| e.ends_at >= t);
        coming.reverse();
        coming.extend(past);
        Ok(coming)
    }

    pub async fn event(&self, id: i64) -> Result<Event> {
        let row = sqlx::query(&format!(
            "{EVENT_SELECT} WHERE e.municipality_code = $1 AND e.id = $2"
        ))
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        event_from_row(&row)
    }

    /// The participants of an event: confirmed first, then the waiting list in its order,
    /// then the invited and those who said no.
    /// The participants as staff see them: with their e-mail addresses (an audited read)
    /// when `personal`, without them otherwise.
    pub async fn participants_seen(
        &self,
        event_id: i64,
        personal: bool,
    ) -> Result<Vec<Participant>> {
        let mut participants = self.participants(event_id).await?;
        if !personal {
            participants.iter_mut().for_each(|p| p.email.clear());
        } else if !participants.is_empty() {
            self.audit_read("event.view_participants", ("event", event_id), "")
                .await?;
        }
        Ok(participants)
    }

    /// The participant list for a file staff download, an audited read.
    pub async fn export_participants(
        &self,
        event_id: i64,
        personal: bool,
        format: &str,
    ) -> Result<Vec<Participant>> {
        let participants = self.participants_seen(event_id, personal).await?;
        let detail = format!("participants, {format}");
        self.audit_read("event.export", ("event", event_id), detail)
            .await?;
        Ok(participants)
    }

    pub async fn participants(&self, event_id: i64) -> Result<Vec<Participant>> {
        let rows = sqlx::query(&format!(
            "{PARTICIPANT_SELECT} WHERE p.municipality_code = $1 AND p.event_id = $2
             ORDER BY CASE p.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1
                 WHEN 'invited' THEN 2 ELSE 3 END, p.queue_number, p.id"
        ))
        .bind(&self.code)
        .bind(event_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(participant_from_row).collect()
    }

    pub async fn participant(&self, id: i64) -> Result<Participant> {
        let row = sqlx::query(&format!(
            "{PARTICIPANT_SELECT} WHERE p.municipality_code = $1 AND p.id = $2"
        ))
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        participant_from_row(&row)
    }

    /// Whether the address asked not to be invited again.
    async fn opted_out(&self, email: &str) -> Result<bool> {
        Ok(sqlx::query(
            "SELECT 1 AS x FROM mail_optouts WHERE municipality_code = $1 AND email_hash = $2",
        )
        .bind(&self.code)
        .bind(optout_hash(email))
        .fetch_optional(&self.db.pool)
        .await?
        .is_some())
    }

    /// Invites each chosen company's first contact person with an e-mail address; the
    /// e-mails are the caller's to queue, one per returned participant.
    pub async fn invite_to_event(
        &self,
        event_id: i64,
        company_ids: &[i64],
        actor: &str,
    ) -> Result<EventInvitations> {
        let event = self.event(event_id).await?;
        if event.ends_at < now() {
            return Err(field("companies", "the-event-has-already-taken-place"));
        }
        if company_ids.is_empty() {
            return Err(field("companies", "choose-at-least-one-company"));
        }
        let mut out = EventInvitations::default();
        let mut ids = company_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let t = now();
        let mut tx = self.db.begin_write().await?;
        for company_id in ids {
            let company = self.company(company_id).await?;
            let Some(contact) = self.reachable_contact(company_id).await? else {
                out.reach
                    .skip(company.name, Message::new("skipped-without-email"));
                continue;
            };
            if self.opted_out(&contact.email).await? {
                out.reach
                    .skip(company.name, Message::new("skipped-opted-out"));
                continue;
            }
            let inserted = sqlx::query(
                "INSERT INTO event_participants (municipality_code, event_id, company_id, contact_id,
                     name, email, language, status, invited_at, registered_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'invited', $8, $9)
                 ON CONFLICT (event_id, email) WHERE email <> '' DO NOTHING RETURNING id",
            )
            .bind(&self.code)
            .bind(event_id)
            .bind(company_id)
            .bind(contact.id)
            .bind(&contact.name)
            .bind(contact.email.trim().to_lowercase())
            .bind(contact.language.code())
            .bind(t)
            .bind(actor)
            .fetch_optional(&mut *tx)
            .await?;
            match inserted {
                Some(r) => {
                    out.participant_ids.push(r.try_get("id")?);
                    out.reach.reached += 1;
                }
                None => out
                    .reach
                    .skip(company.name, Message::new("skipped-already-invited")),
            }
        }
        let detail = out.reach.audit_detail();
        self.audit_in(&mut tx, "event.invite", ("event", event_id), detail)
            .await?;
        tx.commit().await?;
        Ok(out)
    }

    /// Registers someone staff enter by hand (by phone, at the door), or finds them when
    /// their address is already on the list; then gives them a place or a waiting one.
    pub async fn register_walkin(
        &self,
        event_id: i64,
        walkin: &Walkin,
        actor: &str,
    ) -> Result<(i64, Registration)> {
        let mut person = walkin.clone();
        if let Some(contact_id) = person.contact_id {
            let contact = self.contact(contact_id).await?;
            if person.company_id.is_some_and(|c| c != contact.company_id) {
                return Err(field("contact_id", "the-contact-person-does-not-belong"));
            }
            person.company_id = Some(contact.company_id);
            if person.name.is_empty() {
                person.name = contact.name;
            }
            if person.email.is_empty() {
                person.email = contact.email;
            }
        }
        if let Some(company_id) = person.company_id {
            self.company(company_id).await?;
        }
        let email = person.email.trim().to_lowercase();
        let mut refusals = Refusals::default();
        refusals.check(
            !person.name.trim().is_empty(),
            "name",
            "enter-the-participants-name",
        );
        refusals.check(
            email.is_empty() || lots_domain::email::normalise(&email).is_ok(),
            "email",
            "the-e-mail-address-does-not",
        );
        refusals.done()?;
        self.event(event_id).await?;
        let existing = if email.is_empty() {
            None
        } else {
            sqlx::query(
                "SELECT id FROM event_participants
                 WHERE municipality_code = $1 AND event_id = $2 AND email = $3",
            )
            .bind(&self.code)
            .bind(event_id)
            .bind(&email)
            .fetch_optional(&self.db.pool)
            .await?
            .map(|r| r.try_get::<i64, _>("id"))
            .transpose()?
        };
        let id = match existing {
            Some(id) => id,
            None => sqlx::query(
                "INSERT INTO event_participants (municipality_code, event_id, company_id, contact_id,
                     name, email, status, registered_by)
                 VALUES ($1, $2, $3, $4, $5, $6, 'invited', $7)
                 ON CONFLICT (event_id, email) WHERE email <> '' DO UPDATE SET name = event_participants.name
                 RETURNING id",
            )
            .bind(&self.code)
            .bind(event_id)
            .bind(person.company_id)
            .bind(person.contact_id)
            .bind(person.name.trim())
            .bind(&email)
            .bind(actor)
            .fetch_one(&self.db.pool)
            .await?
            .try_get("id")?,
        };
        let outcome = self.register(id, Some(actor)).await?;
        Ok((id, outcome))
    }

    /// Locks the event for one change (see the module's note): its capacity and the places
    /// taken, counted once the lock is held.
    async fn take_event_turn(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        event_id: i64,
    ) -> Result<(i64, i64)> {
        let locked = sqlx::query(
            "UPDATE events SET changed_at = $1 WHERE id = $2 AND municipality_code = $3",
        )
        .bind(now())
        .bind(event_id)
        .bind(&self.code)
        .execute(&mut **tx)
        .await?;
        if locked.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let row = sqlx::query(
            "SELECT e.capacity,
                 (SELECT COUNT(*) FROM event_participants p
                  WHERE p.event_id = e.id AND p.status = 'confirmed') AS confirmed
             FROM events e WHERE e.id = $1",
        )
        .bind(event_id)
        .fetch_one(&mut **tx)
        .await?;
        Ok((row.try_get("capacity")?, row.try_get("confirmed")?))
    }

    /// The participant asks for a place (through their link, `by` None, or staff on their
    /// behalf). Asking again changes nothing.
    pub async fn register(&self, participant_id: i64, by: Option<&str>) -> Result<Registration> {
        let participant = self.participant(participant_id).await?;
        if participant.status.is_registered() {
            return Ok(Registration::Unchanged);
        }
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        let (capacity, confirmed) = self.take_event_turn(&mut tx, participant.event_id).await?;
        // Read again under the lock: a second click may have been first.
        let row = sqlx::query("SELECT status FROM event_participants WHERE id = $1")
            .bind(participant_id)
            .fetch_one(&mut *tx)
            .await?;
        if crate::db::code::<ParticipantStatus>(&row, "status")?.is_registered() {
            return Ok(Registration::Unchanged);
        }
        let (status, outcome) = match place_for(confirmed, capacity) {
            Place::Confirmed => (ParticipantStatus::Confirmed, Registration::Confirmed),
            Place::Waiting => (ParticipantStatus::Waiting, Registration::Waiting),
        };
        let t = now();
        sqlx::query(
            "UPDATE event_participants SET status = $1, registered_at = $2, responded_at = $2,
                 registered_by = $3,
                 queue_number = (SELECT COALESCE(MAX(queue_number), 0) + 1
                                 FROM event_participants WHERE event_id = $4)
             WHERE id = $5",
        )
        .bind(status.code())
        .bind(t)
        .bind(by.unwrap_or(""))
        .bind(participant.event_id)
        .bind(participant_id)
        .execute(&mut *tx)
        .await?;
        let who = ("event_participant", participant_id);
        self.audit_in(&mut tx, "event.register", who, "").await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// The participant cannot come (an invitation declined, or a place or waiting place
    /// given up). A place given up goes to the first on the waiting list.
    pub async fn cancel_participation(&self, participant_id: i64) -> Result<Cancellation> {
        let participant = self.participant(participant_id).await?;
        if participant.status.has_left() {
            return Ok(Cancellation::default());
        }
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        self.take_event_turn(&mut tx, participant.event_id).await?;
        let row = sqlx::query("SELECT status FROM event_participants WHERE id = $1")
            .bind(participant_id)
            .fetch_one(&mut *tx)
            .await?;
        let status: ParticipantStatus = crate::db::code(&row, "status")?;
        let new_status = match status {
            ParticipantStatus::Invited => ParticipantStatus::Declined,
            ParticipantStatus::Confirmed | ParticipantStatus::Waiting => {
                ParticipantStatus::Cancelled
            }
            ParticipantStatus::Declined | ParticipantStatus::Cancelled => {
                return Ok(Cancellation::default());
            }
        };
        sqlx::query(
            "UPDATE event_participants SET status = $1, responded_at = $2, checked_in_at = NULL
             WHERE id = $3",
        )
        .bind(new_status.code())
        .bind(now())
        .bind(participant_id)
        .execute(&mut *tx)
        .await?;
        let promoted = if status == ParticipantStatus::Confirmed {
            promote_first_waiting(&mut tx, participant.event_id).await?
        } else {
            None
        };
        let who = ("event_participant", participant_id);
        self.audit_in(&mut tx, "event.cancel", who, "").await?;
        tx.commit().await?;
        Ok(Cancellation {
            changed: true,
            promoted,
        })
    }

    /// Marks a confirmed participant as come (or not, `present` false).
    pub async fn check_in(&self, event_id: i64, participant_id: i64, present: bool) -> Result<()> {
        let done = sqlx::query(
            "UPDATE event_participants SET checked_in_at = $1
             WHERE id = $2 AND event_id = $3 AND municipality_code = $4 AND status = 'confirmed'",
        )
        .bind(present.then(now))
        .bind(participant_id)
        .bind(event_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// A new personal link for a participant; only its hash is kept. It opens until a week
    /// after the event.
    pub async fn mint_event_link(&self, participant_id: i64) -> Result<String> {
        let participant = self.participant(participant_id).await?;
        let event = self.event(participant.event_id).await?;
        let token = new_token();
        sqlx::query(
            "INSERT INTO event_links (token_hash, municipality_code, participant_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash(&token))
        .bind(&self.code)
        .bind(participant_id)
        .bind(now())
        .bind(event.ends_at + LINK_GRACE_SECONDS)
        .execute(&self.db.pool)
        .await?;
        Ok(token)
    }

    /// The person asks not to be invited again: the address is kept only as its hash, and
    /// invitations to coming events that they have not answered are withdrawn.
    pub async fn opt_out(&self, email: &str) -> Result<()> {
        let email = email.trim().to_lowercase();
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO mail_optouts (municipality_code, email_hash, at) VALUES ($1, $2, $3)
             ON CONFLICT (municipality_code, email_hash) DO NOTHING",
        )
        .bind(&self.code)
        .bind(optout_hash(&email))
        .bind(now())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE event_participants SET status = 'declined', responded_at = $1
             WHERE municipality_code = $2 AND email = $3 AND status = 'invited'
               AND event_id IN (SELECT id FROM events WHERE ends_at >= $1)",
        )
        .bind(now())
        .bind(&self.code)
        .bind(&email)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Blanks the names and addresses of participants of events that ended longer ago than
    /// the municipality's retention; the counts, the companies and the attendance stay.
    pub async fn forget_past_participants(&self, now: i64) -> Result<u64> {
        let months: i64 =
            sqlx::query("SELECT participant_retention_months FROM municipalities WHERE code = $1")
                .bind(&self.code)
                .fetch_one(&self.db.pool)
                .await?
                .try_get("participant_retention_months")?;
        let before = now - months * 30 * 86_400;
        let done = sqlx::query(
            "UPDATE event_participants SET email = '', name = ''
             WHERE municipality_code = $1 AND (email <> '' OR name <> '')
               AND event_id IN (SELECT id FROM events WHERE municipality_code = $1 AND ends_at < $2)",
        )
        .bind(&self.code)
        .bind(before)
        .execute(&self.db.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Companies that came to the event, for its follow-up survey.
    pub async fn attended_companies(&self, event_id: i64) -> Result<Vec<i64>> {
        let rows = sqlx::query(
            "SELECT DISTINCT company_id FROM event_participants
             WHERE municipality_code = $1 AND event_id = $2 AND checked_in_at IS NOT NULL
               AND company_id IS NOT NULL",
        )
        .bind(&self.code)
        .bind(event_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("company_id")?)).collect()
    }

    pub async fn set_follow_up_round(&self, event_id: i64, round_id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE events SET follow_up_round_id = $1 WHERE id = $2 AND municipality_code = $3",
        )
        .bind(round_id)
        .bind(event_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// A company's invitations, registrations and attendance, for its journey.
    pub(crate) async fn event_journey(&self, company_id: i64) -> Result<Vec<crate::JourneyEvent>> {
        let rows = sqlx::query(
            "SELECT p.id, p.status, p.invited_at, p.registered_at, p.responded_at, p.checked_in_at,
                 p.registered_by, e.name, e.starts_at
             FROM event_participants p JOIN events e ON e.id = p.event_id
             WHERE p.municipality_code = $1 AND p.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let name: String = r.try_get("name")?;
            let starts_at: i64 = r.try_get("starts_at")?;
            let by: String = r.try_get("registered_by")?;
            let status: ParticipantStatus = crate::db::code(r, "status")?;
            let mut push = |n: i64, at: Option<i64>, summary: &str| {
                if let Some(at) = at {
                    out.push(crate::JourneyEvent {
                        // Derived events have negative ids, apart from the other kinds'.
                        id: -(id * 4 + n + 3_000_000_000),
                        at,
                        kind: crate::JourneyKind::Event,
                        summary: summary.into(),
                        detail: name.clone(),
                        facts: Vec::new(),
                        actor: by.clone(),
                    });
                }
            };
            push(0, r.try_get("invited_at")?, "journey-event-invited");
            let answer = match status {
                ParticipantStatus::Confirmed => Some("journey-event-confirmed"),
                ParticipantStatus::Waiting => Some("journey-event-waiting"),
                ParticipantStatus::Declined => Some("journey-event-declined"),
                ParticipantStatus::Cancelled => Some("journey-event-cancelled"),
                ParticipantStatus::Invited => None,
            };
            if let Some(summary) = answer {
                let at: Option<i64> = r.try_get("responded_at")?;
                push(1, at.or(r.try_get("registered_at")?), summary);
            }
            let came: Option<i64> = r.try_get("checked_in_at")?;
            push(2, came.map(|_| starts_at), "journey-event-attended");
        }
        Ok(out)
    }
}

/// Gives the first on the event's waiting list the free place; returns who, if anyone.
async fn promote_first_waiting(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event_id: i64,
) -> Result<Option<i64>> {
    let first = sqlx::query(
        "SELECT id FROM event_participants WHERE event_id = $1 AND status = 'waiting'
         ORDER BY queue_number LIMIT 1",
    )
    .bind(event_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(first) = first else {
        return Ok(None);
    };
    let id: i64 = first.try_get("id")?;
    sqlx::query(
        "UPDATE event_participants SET status = 'confirmed', responded_at = $1 WHERE id = $2",
    )
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(Some(id))
}

impl crate::Db {
    /// The participant a personal link opens: (municipality, participant id); `None` when
    /// the link is unknown, tampered with or expired.
    pub async fn event_link(&self, token: &str) -> Result<Option<(String, i64)>> {
        let row = sqlx::query(
            "SELECT municipality_code, participant_id FROM event_links
             WHERE token_hash = $1 AND expires_at >= $2",
        )
        .bind(token_hash(token))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok((
                r.try_get("municipality_code")?,
                r.try_get("participant_id")?,
            ))
        })
        .transpose()
    }
}
