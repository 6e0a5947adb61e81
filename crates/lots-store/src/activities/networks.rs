//! Networks: external ones of companies (a traffic network in an industrial area, a
//! breakfast network) and internal ones of staff across offices (Näringslivsnätverket), with
//! members who join and leave, meetings with agenda, minutes and attendance, and the
//! actions a meeting decides, each with an owner and a due date.

use jiff::civil::Date;
use lots_domain::networks::NetworkKind;
use sqlx::Row;

use crate::db::{date, date_opt};
use crate::error::{Refusals, field};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Network {
    pub id: i64,
    pub name: String,
    pub kind: NetworkKind,
    pub purpose: String,
    pub owner_user_id: Option<i64>,
    pub owner_name: Option<String>,
    pub members: i64,
    pub meetings: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Member {
    pub id: i64,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub contact_id: Option<i64>,
    pub contact_name: Option<String>,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub joined_on: Date,
    pub left_on: Option<Date>,
}

impl Member {
    /// The company (with its person) or the staff member, as a list shows them.
    pub fn label(&self) -> String {
        match (&self.company_name, &self.contact_name, &self.user_name) {
            (Some(c), Some(p), _) => format!("{c} ({p})"),
            (Some(c), None, _) => c.clone(),
            (_, _, Some(u)) => u.clone(),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Meeting {
    pub id: i64,
    pub network_id: i64,
    pub held_on: Date,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    /// Member ids present.
    pub present: Vec<i64>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Action {
    pub id: i64,
    pub meeting_id: i64,
    pub title: String,
    pub owner_user_id: Option<i64>,
    pub owner_name: Option<String>,
    pub due_on: Date,
    pub done_on: Option<Date>,
}

impl Tenant<'_> {
    pub async fn create_network(
        &self,
        name: &str,
        kind: Option<NetworkKind>,
        purpose: &str,
        owner_user_id: Option<i64>,
    ) -> Result<i64> {
        let mut refusals = Refusals::default();
        refusals.check(!name.trim().is_empty(), "name", "enter-the-networks-name");
        let kind = refusals.require(kind, "kind", "choose-whether-the-network-is-for");
        let kind = refusals.done_with(kind)?;
        if let Some(owner) = owner_user_id {
            self.user(owner).await?;
        }
        let taken =
            sqlx::query("SELECT 1 AS x FROM networks WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(name.trim())
                .fetch_optional(&self.db.pool)
                .await?;
        if taken.is_some() {
            return Err(field("name", "there-is-already-a-network-with"));
        }
        Ok(sqlx::query(
            "INSERT INTO networks (municipality_code, name, kind, purpose, owner_user_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&self.code)
        .bind(name.trim())
        .bind(kind.code())
        .bind(purpose.trim())
        .bind(owner_user_id)
        .bind(now())
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    pub async fn networks(&self) -> Result<Vec<Network>> {
        let rows = sqlx::query(
            "SELECT n.id, n.name, n.kind, n.purpose, n.owner_user_id, u.name AS owner_name,
                 (SELECT COUNT(*) FROM network_members m WHERE m.network_id = n.id AND m.left_on IS NULL) AS members,
                 (SELECT COUNT(*) FROM network_meetings g WHERE g.network_id = n.id) AS meetings
             FROM networks n LEFT JOIN users u ON u.id = n.owner_user_id
             WHERE n.municipality_code = $1 ORDER BY n.name",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut networks = rows
            .iter()
            .map(|r| {
                Ok(Network {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    kind: crate::db::code(r, "kind")?,
                    purpose: r.try_get("purpose")?,
                    owner_user_id: r.try_get("owner_user_id")?,
                    owner_name: r.try_get("owner_name")?,
                    members: r.try_get("members")?,
                    meetings: r.try_get("meetings")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        networks.sort_by(|a, b| lots_domain::collation::compare(&a.name, &b.name));
        Ok(networks)
    }

    pub async fn network(&self, id: i64) -> Result<Network> {
        self.networks()
            .await?
            .into_iter()
            .find(|n| n.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// Members, present ones first, each group in Swedish order.
    pub async fn network_members(&self, network_id: i64) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT m.id, m.company_id, c.name AS company_name, m.contact_id, k.name AS contact_name,
                 m.user_id, u.name AS user_name, m.joined_on, m.left_on
             FROM network_members m
             LEFT JOIN companies c ON c.id = m.company_id
             LEFT JOIN contacts k ON k.id = m.contact_id
             LEFT JOIN users u ON u.id = m.user_id
             WHERE m.municipality_code = $1 AND m.network_id = $2",
        )
        .bind(&self.code)
        .bind(network_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut members = rows
            .iter()
            .map(member_from_row)
            .collect::<Result<Vec<_>>>()?;
        members.sort_by(|a, b| {
            a.left_on
                .is_some()
                .cmp(&b.left_on.is_some())
                .then_with(|| lots_domain::collation::compare(&a.label(), &b.label()))
        });
        Ok(members)
    }

    /// Adds a company (with the person who takes part for it) or a staff member, as fits the
    /// network's kind; one who is already a member is not added twice.
    pub async fn add_network_member(
        &self,
        network_id: i64,
        company_id: Option<i64>,
        contact_id: Option<i64>,
        user_id: Option<i64>,
        joined_on: Option<Date>,
    ) -> Result<i64> {
        let network = self.network(network_id).await?;
        let joined_on = joined_on
            .map(|d| d.to_string())
            .ok_or_else(|| field("joined_on", "write-the-date-as-2026-11"))?;
        match (network.kind, company_id, user_id) {
            (NetworkKind::External, Some(company), _) => {
                self.company(company).await?;
                if let Some(contact) = contact_id
                    && self.contact(contact).await?.company_id != company
                {
                    return Err(field("contact_id", "the-contact-person-does-not-belong"));
                }
            }
            (NetworkKind::Internal, None, Some(user)) => {
                self.user(user).await?;
            }
            (NetworkKind::External, _, _) => return Err(field("company_id", "choose-a-company")),
            _ => return Err(field("user_id", "choose-a-staff-member")),
        }
        let present = self
            .network_members(network_id)
            .await?
            .into_iter()
            .find(|m| {
                m.left_on.is_none()
                    && ((company_id.is_some() && m.company_id == company_id)
                        || (user_id.is_some() && m.user_id == user_id))
            });
        if let Some(m) = present {
            return Ok(m.id);
        }
        Ok(sqlx::query(
            "INSERT INTO network_members (municipality_code, network_id, company_id, contact_id, user_id, joined_on)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&self.code)
        .bind(network_id)
        .bind(company_id)
        .bind(contact_id.filter(|_| company_id.is_some()))
        .bind(user_id.filter(|_| company_id.is_none()))
        .bind(joined_on)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    pub async fn leave_network(&self, member_id: i64, left_on: Date) -> Result<()> {
        let done = sqlx::query(
            "UPDATE network_members SET left_on = $1
             WHERE id = $2 AND municipality_code = $3 AND left_on IS NULL AND joined_on <= $1",
        )
        .bind(left_on.to_string())
        .bind(member_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(field("left_on", "the-member-cannot-leave-before-joining"));
        }
        Ok(())
    }

    /// Records a meeting with who was there (member ids of this network).
    pub async fn record_meeting(
        &self,
        network_id: i64,
        held_on: Option<Date>,
        place: &str,
        agenda: &str,
        minutes: &str,
        present: &[i64],
    ) -> Result<i64> {
        self.network(network_id).await?;
        let held_on = held_on
            .map(|d| d.to_string())
            .ok_or_else(|| field("held_on", "enter-the-meeting-day-as-2026"))?;
        let members = self.network_members(network_id).await?;
        let mut tx = self.db.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO network_meetings (municipality_code, network_id, held_on, place, agenda, minutes)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&self.code)
        .bind(network_id)
        .bind(held_on)
        .bind(place.trim())
        .bind(agenda.trim())
        .bind(minutes.trim())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for m in members.iter().filter(|m| present.contains(&m.id)) {
            sqlx::query("INSERT INTO network_attendance (meeting_id, member_id) VALUES ($1, $2)")
                .bind(id)
                .bind(m.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Meetings, newest first, with attendance and actions.
    pub async fn meetings(&self, network_id: i64) -> Result<Vec<Meeting>> {
        let rows = sqlx::query(
            "SELECT id, network_id, held_on, place, agenda, minutes FROM network_meetings
             WHERE municipality_code = $1 AND network_id = $2 ORDER BY held_on DESC, id DESC",
        )
        .bind(&self.code)
        .bind(network_id)
        .fetch_all(&self.db.pool)
        .await?;
        let attendance = sqlx::query(
            "SELECT a.meeting_id, a.member_id FROM network_attendance a
             JOIN network_meetings g ON g.id = a.meeting_id
             WHERE g.municipality_code = $1 AND g.network_id = $2",
        )
        .bind(&self.code)
        .bind(network_id)
        .fetch_all(&self.db.pool)
        .await?;
        let actions = self.network_actions(Some(network_id)).await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(Meeting {
                    id,
                    network_id: r.try_get("network_id")?,
                    held_on: date(r, "held_on")?,
                    place: r.try_get("place")?,
                    agenda: r.try_get("agenda")?,
                    minutes: r.try_get("minutes")?,
                    present: attendance
                        .iter()
                        .filter(|a| a.try_get::<i64, _>("meeting_id").ok() == Some(id))
                        .filter_map(|a| a.try_get("member_id").ok())
                        .collect(),
                    actions: actions
                        .iter()
                        .filter(|a| a.meeting_id == id)
                        .cloned()
                        .collect(),
                })
            })
            .collect()
    }

    pub async fn add_action(
        &self,
        meeting_id: i64,
        title: &str,
        owner_user_id: Option<i64>,
        due_on: Option<Date>,
    ) -> Result<i64> {
        let mut refusals = Refusals::default();
        refusals.check(
            !title.trim().is_empty(),
            "title",
            "enter-what-is-to-be-done",
        );
        let due_on = refusals.require(due_on, "due_on", "enter-the-last-day");
        let owner = match owner_user_id {
            Some(id) => self.user(id).await.ok().map(|_| id),
            None => None,
        };
        let owner = refusals.require(owner, "owner_user_id", "choose-who-is-responsible");
        let (due_on, owner) = refusals.done_with(due_on.zip(owner))?;
        let due_on = due_on.to_string();
        let meeting = sqlx::query(
            "SELECT 1 AS x FROM network_meetings WHERE id = $1 AND municipality_code = $2",
        )
        .bind(meeting_id)
        .bind(&self.code)
        .fetch_optional(&self.db.pool)
        .await?;
        if meeting.is_none() {
            return Err(StoreError::NotFound);
        }
        Ok(sqlx::query(
            "INSERT INTO network_actions (municipality_code, meeting_id, title, owner_user_id, due_on)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&self.code)
        .bind(meeting_id)
        .bind(title.trim())
        .bind(owner)
        .bind(due_on)
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    pub async fn complete_action(&self, action_id: i64, done_on: Option<Date>) -> Result<()> {
        let done = sqlx::query(
            "UPDATE network_actions SET done_on = $1 WHERE id = $2 AND municipality_code = $3",
        )
        .bind(done_on.map(|d| d.to_string()))
        .bind(action_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Actions of one network's meetings, or of all, by due date.
    pub async fn network_actions(&self, network_id: Option<i64>) -> Result<Vec<Action>> {
        let rows = sqlx::query(
            "SELECT a.id, a.meeting_id, a.title, a.owner_user_id, u.name AS owner_name, a.due_on, a.done_on
             FROM network_actions a
             JOIN network_meetings g ON g.id = a.meeting_id
             LEFT JOIN users u ON u.id = a.owner_user_id
             WHERE a.municipality_code = $1 AND ($2 = 0 OR g.network_id = $2)
             ORDER BY a.due_on, a.id",
        )
        .bind(&self.code)
        .bind(network_id.unwrap_or(0))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Action {
                    id: r.try_get("id")?,
                    meeting_id: r.try_get("meeting_id")?,
                    title: r.try_get("title")?,
                    owner_user_id: r.try_get("owner_user_id")?,
                    owner_name: r.try_get("owner_name")?,
                    due_on: date(r, "due_on")?,
                    done_on: date_opt(r, "done_on")?,
                })
            })
            .collect()
    }

    /// A company's joining and leaving networks and the meetings it attended, for its journey.
    pub(crate) async fn network_journey(
        &self,
        company_id: i64,
    ) -> Result<Vec<crate::JourneyEvent>> {
        let rows = sqlx::query(
            "SELECT m.id, n.name, m.joined_on, m.left_on FROM network_members m
             JOIN networks n ON n.id = m.network_id
             WHERE m.municipality_code = $1 AND m.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        let meetings = sqlx::query(
            "SELECT g.id, n.name, g.held_on FROM network_attendance a
             JOIN network_members m ON m.id = a.member_id
             JOIN network_meetings g ON g.id = a.meeting_id
             JOIN networks n ON n.id = g.network_id
             WHERE m.municipality_code = $1 AND m.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        let day = |d: Date| crate::cases::case::midday(d).unwrap_or_default();
        let event = |id: i64, at: i64, summary: &str, name: String| crate::JourneyEvent {
            // Derived events have negative ids, apart from the other kinds'.
            id: -(id * 4 + 4_000_000_000),
            at,
            kind: crate::JourneyKind::Network,
            summary: summary.into(),
            detail: name,
            facts: Vec::new(),
            actor: String::new(),
        };
        let mut out = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let name: String = r.try_get("name")?;
            out.push(event(
                id,
                day(date(r, "joined_on")?),
                "journey-network-joined",
                name.clone(),
            ));
            if let Some(left) = date_opt(r, "left_on")? {
                out.push(event(id, day(left) + 1, "journey-network-left", name));
            }
        }
        for r in &meetings {
            out.push(event(
                r.try_get::<i64, _>("id")? + 1_000_000,
                day(date(r, "held_on")?) + 2,
                "journey-network-meeting",
                r.try_get("name")?,
            ));
        }
        Ok(out)
    }
}

fn member_from_row(r: &sqlx::any::AnyRow) -> Result<Member> {
    Ok(Member {
        id: r.try_get("id")?,
        company_id: r.try_get("company_id")?,
        company_name: r.try_get("company_name")?,
        contact_id: r.try_get("contact_id")?,
        contact_name: r.try_get("contact_name")?,
        user_id: r.try_get("user_id")?,
        user_name: r.try_get("user_name")?,
        joined_on: date(r, "joined_on")?,
        left_on: date_opt(r, "left_on")?,
    })
}
