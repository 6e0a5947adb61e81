//! The contact log: each contact a company makes (by phone, e-mail, at the desk, in a
//! meeting, on the web), why it made it, and whether it was resolved at once or passed to a
//! unit; and what the log says: the most common reasons, first-contact resolution, by month
//! and unit.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::error::{Refusals, field};
use crate::params::{Params, limit_offset};
use crate::{Result, Tenant, now};

lots_domain::codes! {
    /// How a company got in touch.
    pub enum ContactChannel {
        Phone = "phone" => "phone",
        Email = "email" => "e-mail",
        Desk = "desk" => "visit-to-the-front-desk",
        Meeting = "meeting" => "meeting",
        Web = "web" => "the-web",
    }
}

/// The reasons a municipality starts with; it may add, rename and retire its own.
pub const DEFAULT_REASONS: [&str; 6] = [
    "Fråga om tillstånd eller bygglov",
    "Tillsyn eller inspektion",
    "Felanmälan",
    "Starta eller etablera företag",
    "Förbättra det lokala näringslivsklimatet",
    "Övrigt",
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct ContactReason {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewContact {
    /// `None` when the form chose none; refused.
    pub channel: Option<ContactChannel>,
    pub reason_id: i64,
    pub company_id: Option<i64>,
    pub case_id: Option<i64>,
    pub resolved: bool,
    /// The unit a contact not resolved at once was passed to.
    pub passed_to_unit_id: Option<i64>,
    pub note: String,
    /// The unit of the person who took the contact.
    pub unit_id: Option<i64>,
    /// When the contact was made (Unix seconds) when logged afterwards; now by default.
    pub at: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct LoggedContact {
    pub id: i64,
    pub at: i64,
    pub channel: ContactChannel,
    pub reason: String,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub case_id: Option<i64>,
    pub case_reference: Option<String>,
    pub resolved: bool,
    pub passed_to: Option<String>,
    pub note: String,
    pub logged_by: String,
}

/// One group of the statistics: contacts, and how many were resolved at first contact.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ContactCount {
    pub group: String,
    pub contacts: u64,
    pub resolved: u64,
}

impl ContactCount {
    pub fn resolved_share(&self) -> Option<f64> {
        (self.contacts > 0).then(|| self.resolved as f64 / self.contacts as f64)
    }
}

/// The contact statistics of a period.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ContactStats {
    pub total: ContactCount,
    /// Most common first.
    pub reasons: Vec<ContactCount>,
    pub months: Vec<ContactCount>,
    pub units: Vec<ContactCount>,
    pub channels: Vec<ContactCount>,
}

const LOG_SELECT: &str = "SELECT l.id, l.at, l.channel, r.name AS reason, l.company_id,
        c.name AS company_name, l.case_id, k.reference AS case_reference, l.resolved,
        u.name AS passed_to, l.note, l.logged_by
    FROM contact_log l
    JOIN contact_reasons r ON r.id = l.reason_id
    LEFT JOIN companies c ON c.id = l.company_id
    LEFT JOIN cases k ON k.id = l.case_id
    LEFT JOIN units u ON u.id = l.passed_to_unit_id";

fn logged_from_row(r: &sqlx::any::AnyRow) -> Result<LoggedContact> {
    Ok(LoggedContact {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        channel: crate::db::code(r, "channel")?,
        reason: r.try_get("reason")?,
        company_id: r.try_get("company_id")?,
        company_name: r.try_get("company_name")?,
        case_id: r.try_get("case_id")?,
        case_reference: r.try_get("case_reference")?,
        resolved: r.try_get::<i64, _>("resolved")? == 1,
        passed_to: r.try_get("passed_to")?,
        note: r.try_get("note")?,
        logged_by: r.try_get("logged_by")?,
    })
}

/// Year and month of a Unix time in Europe/Stockholm: `2026-11`.
fn month_of(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .ok()
        .and_then(|t| t.in_tz("Europe/Stockholm").ok())
        .map(|z| format!("{:04}-{:02}", z.year(), z.month()))
        .unwrap_or_default()
}

impl Tenant<'_> {
    /// Refuses every wrong field of a contact at once, as [`Tenant::log_contact`] would,
    /// without writing.
    pub async fn check_contact(&self, new: &NewContact) -> Result<()> {
        self.checked_contact(new).await.map(|_| ())
    }

    async fn checked_contact(&self, new: &NewContact) -> Result<ContactChannel> {
        let mut refusals = Refusals::default();
        let channel = refusals.require(new.channel, "channel", "choose-how-the-company-got-in");
        let reasons = self.contact_reasons().await?;
        refusals.check(
            reasons.iter().any(|r| r.id == new.reason_id),
            "reason",
            "choose-why-the-company-got-in",
        );
        refusals.check(
            new.resolved || new.passed_to_unit_id.is_some(),
            "passed_to",
            "choose-the-unit-that-takes-over",
        );
        refusals.check(
            new.note.chars().count() <= 2000,
            "note",
            "a-note-may-be-at-most",
        );
        if let Some(c) = new.company_id {
            self.company(c).await?;
        }
        if let Some(c) = new.case_id {
            self.case(c).await?;
        }
        for unit in [new.passed_to_unit_id, new.unit_id].into_iter().flatten() {
            self.unit(unit).await?;
        }
        refusals.done_with(channel)
    }

    /// The active contact reasons in their order, the defaults installed on first use.
    pub async fn contact_reasons(&self) -> Result<Vec<ContactReason>> {
        let reasons = self.read_contact_reasons().await?;
        if reasons.is_empty() {
            for (i, name) in DEFAULT_REASONS.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO contact_reasons (municipality_code, name, position)
                     VALUES ($1, $2, $3) ON CONFLICT (municipality_code, name) DO NOTHING",
                )
                .bind(&self.code)
                .bind(*name)
                .bind(i as i64)
                .execute(&self.db.pool)
                .await?;
            }
            return self.read_contact_reasons().await;
        }
        Ok(reasons)
    }

    async fn read_contact_reasons(&self) -> Result<Vec<ContactReason>> {
        let rows = sqlx::query(
            "SELECT id, name FROM contact_reasons
             WHERE municipality_code = $1 AND active = 1 ORDER BY position, id",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ContactReason {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    /// Adds a reason at the end of the list.
    pub async fn add_contact_reason(&self, name: &str) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(field("name", "write-the-reason-at-most-100"));
        }
        let reasons = self.contact_reasons().await?;
        if reasons.iter().any(|r| r.name.eq_ignore_ascii_case(name)) {
            return Err(field("name", "that-reason-already-exists"));
        }
        Ok(sqlx::query(
            "INSERT INTO contact_reasons (municipality_code, name, position)
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(&self.code)
        .bind(name)
        .bind(reasons.len() as i64 + 100)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    /// Logs a contact; the company, case and units must be the municipality's own.
    pub async fn log_contact(&self, new: &NewContact, actor: &str) -> Result<i64> {
        let channel = self.checked_contact(new).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO contact_log (municipality_code, at, channel, reason_id, company_id,
                 case_id, resolved, passed_to_unit_id, note, unit_id, logged_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&self.code)
        .bind(new.at.filter(|t| *t <= now()).unwrap_or_else(now))
        .bind(channel.code())
        .bind(new.reason_id)
        .bind(new.company_id)
        .bind(new.case_id)
        .bind(i64::from(new.resolved))
        .bind(if new.resolved {
            None
        } else {
            new.passed_to_unit_id
        })
        .bind(new.note.trim())
        .bind(new.unit_id)
        .bind(actor)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?;
        Ok(id)
    }

    /// The latest contacts, newest first; of one company when `company_id` is given.
    pub async fn contact_log(
        &self,
        company_id: Option<i64>,
        page: usize,
        per_page: usize,
    ) -> Result<Vec<LoggedContact>> {
        let mut p = Params::new(self.db);
        let mut condition = format!("l.municipality_code = {}", p.text(&self.code));
        if let Some(c) = company_id {
            condition.push_str(&format!(" AND l.company_id = {}", p.int(c)));
        }
        let sql = format!(
            "{LOG_SELECT} WHERE {condition} ORDER BY l.at DESC, l.id DESC {}",
            limit_offset(page, per_page)
        );
        let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
        rows.iter().map(logged_from_row).collect()
    }

    /// The contacts of a company as journey events (kind `contact_log`).
    pub(crate) async fn contact_events(&self, company_id: i64) -> Result<Vec<crate::JourneyEvent>> {
        Ok(self
            .contact_log(Some(company_id), 1, 1000)
            .await?
            .into_iter()
            .map(|c| crate::JourneyEvent {
                // Derived events have negative ids; cases take the multiples of three.
                id: -(c.id * 3 + 1_000_000_000),
                at: c.at,
                kind: crate::JourneyKind::ContactLog,
                summary: "journey-contact-log".into(),
                detail: [Some(c.reason), c.case_reference, c.passed_to]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                facts: Vec::new(),
                actor: c.logged_by,
            })
            .collect())
    }

    /// What the log says for contacts in `[from, to]` (Unix seconds, inclusive).
    pub async fn contact_stats(&self, from: i64, to: i64) -> Result<ContactStats> {
        let rows = sqlx::query(
            "SELECT l.at, l.channel, l.resolved, r.name AS reason, COALESCE(u.name, '') AS unit
             FROM contact_log l
             JOIN contact_reasons r ON r.id = l.reason_id
             LEFT JOIN units u ON u.id = l.unit_id
             WHERE l.municipality_code = $1 AND l.at >= $2 AND l.at <= $3",
        )
        .bind(&self.code)
        .bind(from)
        .bind(to)
        .fetch_all(&self.db.pool)
        .await?;
        let mut stats = ContactStats::default();
        let mut reasons: BTreeMap<String, ContactCount> = BTreeMap::new();
        let mut months: BTreeMap<String, ContactCount> = BTreeMap::new();
        let mut units: BTreeMap<String, ContactCount> = BTreeMap::new();
        let mut channels: BTreeMap<String, ContactCount> = BTreeMap::new();
        for r in &rows {
            let resolved = u64::from(r.try_get::<i64, _>("resolved")? == 1);
            let keys = [
                (&mut reasons, r.try_get::<String, _>("reason")?),
                (&mut months, month_of(r.try_get("at")?)),
                (&mut units, r.try_get::<String, _>("unit")?),
                (&mut channels, r.try_get::<String, _>("channel")?),
            ];
            for (map, key) in keys {
                let count = map.entry(key.clone()).or_insert_with(|| ContactCount {
                    group: key,
                    ..Default::default()
                });
                count.contacts += 1;
                count.resolved += resolved;
            }
            stats.total.contacts += 1;
            stats.total.resolved += resolved;
        }
        stats.reasons = reasons.into_values().collect();
        stats
            .reasons
            .sort_by(|a, b| b.contacts.cmp(&a.contacts).then(a.group.cmp(&b.group)));
        stats.months = months.into_values().collect();
        stats.units = units.into_values().collect();
        lots_domain::collation::sort_by_key(&mut stats.units, |c| &c.group);
        stats.channels = channels.into_values().collect();
        stats
            .channels
            .sort_by_key(|c| std::cmp::Reverse(c.contacts));
        Ok(stats)
    }
}
