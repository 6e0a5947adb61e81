//! When visits happen: each visit not yet booked is offered a few time slots on the
//! campaign's working days, within its officer's working hours and free time; the company
//! books one through a personal link (stored hashed) or the officer books by phone. Every
//! booking, change and cancellation raises the visit's sequence — the calendar file's
//! SEQUENCE, and the version a booking form saw, so two people booking the same visit at the
//! same instant cannot both win. Each officer has a private calendar feed of their visits.

use lots_domain::campaigns::status::{CampaignStatus, VisitStatus};
use lots_domain::reach::Reach;
use lots_domain::scheduling::{Hours, OFFERED_PER_VISIT, free_slots, offer};
use lots_i18n::Message;
use sqlx::Row;

use crate::error::{Refusals, field};
use crate::secret::{new_token, token_hash};
use crate::{Db, Result, StoreError, Tenant, now};

/// A booking link stays usable this long after the campaign's last day.
const LINK_GRACE_SECONDS: i64 = 7 * 86_400;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Slot {
    pub starts_at: i64,
    pub ends_at: i64,
    /// The day, Europe/Stockholm.
    pub day: jiff::civil::Date,
    /// The clock times shown, `09:00` and `10:30`.
    pub starts: String,
    pub ends: String,
}

impl Slot {
    fn new(starts_at: i64, ends_at: i64) -> Slot {
        let (_, starts) = lots_domain::events::local_parts(starts_at);
        let (_, ends) = lots_domain::events::local_parts(ends_at);
        Slot {
            starts_at,
            ends_at,
            day: lots_domain::events::local_day(starts_at),
            starts,
            ends,
        }
    }
}

/// A visit's time and what a booking form needs to know.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Booking {
    pub visit_id: i64,
    pub campaign_id: i64,
    pub campaign_name: String,
    pub campaign_status: CampaignStatus,
    pub company_id: i64,
    pub company_name: String,
    /// Where the visit is: the company's visiting address and town.
    pub place: String,
    pub officer_user_id: i64,
    pub officer_name: String,
    pub officer_email: String,
    pub companion_name: Option<String>,
    pub companion_email: Option<String>,
    pub status: VisitStatus,
    pub sequence: i64,
    pub time: Option<Slot>,
    pub offered: Vec<Slot>,
}

/// A visit an officer is still to make: booked with its time, or waiting for the company
/// to book one.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OfficerVisit {
    pub visit_id: i64,
    pub campaign_id: i64,
    pub campaign_name: String,
    pub company_id: i64,
    pub company_name: String,
    pub status: VisitStatus,
    /// Unix seconds; `None` until a time is booked.
    pub starts_at: Option<i64>,
}

/// An absence of a member of staff: no visits are offered on these days.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Absence {
    pub id: i64,
    pub user_name: String,
    pub starts_on: jiff::civil::Date,
    pub ends_on: jiff::civil::Date,
    pub reason: String,
}

impl Tenant<'_> {
    /// Offers every visit of the campaign not yet booked its time slots and starts the
    /// campaign; the reach counts the companies whose offer can go out by e-mail and names
    /// those without an address (to book by phone). `Err(StoreError::Refused(reason))` says
    /// which officer has no free time; then nothing is changed.
    pub async fn schedule_campaign(&self, id: i64) -> Result<Reach> {
        let campaign = self.campaign(id).await?;
        if campaign.status == CampaignStatus::Closed {
            return Err(StoreError::Refused(Message::new("the-campaign-is-closed")));
        }
        let (from, to) = (campaign.starts_on, campaign.ends_on);
        // Nothing is offered for today or earlier: the company needs a day to answer.
        let tomorrow = crate::today().tomorrow().unwrap_or(jiff::civil::Date::MAX);
        let not_before =
            lots_domain::events::local_time(&tomorrow.to_string(), "00:00").unwrap_or(0);
        let officers = sqlx::query(
            "SELECT o.user_id, o.day_starts, o.day_ends, u.name FROM campaign_officers o
             JOIN users u ON u.id = o.user_id WHERE o.campaign_id = $1 ORDER BY u.sort_key",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut offers: Vec<(i64, Vec<(i64, i64)>)> = Vec::new();
        let mut companies = Vec::new();
        for o in &officers {
            let user: i64 = o.try_get("user_id")?;
            let name: String = o.try_get("name")?;
            let open: Vec<(i64, i64)> = sqlx::query(
                "SELECT id, company_id FROM visits WHERE campaign_id = $1 AND officer_user_id = $2
                 AND status = 'planned' ORDER BY id",
            )
            .bind(id)
            .bind(user)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("company_id")?)))
            .collect::<Result<_>>()?;
            if open.is_empty() {
                continue;
            }
            let (starts, ends) = (
                crate::db::time(o, "day_starts")?,
                crate::db::time(o, "day_ends")?,
            );
            let Some(hours) = Hours::new(starts, ends, campaign.visit_minutes) else {
                return Err(StoreError::Refused(
                    Message::new("the-working-day-is-too-short")
                        .with("officer", &name)
                        .with_number("minutes", campaign.visit_minutes),
                ));
            };
            let busy = self.busy_times(user).await?;
            let slots = free_slots(from, to, hours, campaign.visit_minutes, &busy, not_before);
            if slots.len() < open.len() {
                return Err(StoreError::Refused(
                    Message::new("officer-has-no-time-for-the-visits")
                        .with("officer", &name)
                        .with_number("visits", open.len() as i64)
                        .with("from", campaign.starts_on)
                        .with("to", campaign.ends_on)
                        .with_number("free", slots.len() as i64),
                ));
            }
            for ((visit, _), slots) in open
                .iter()
                .zip(offer(&slots, open.len(), OFFERED_PER_VISIT))
            {
                offers.push((*visit, slots));
            }
            companies.extend(open.iter().map(|(_, company)| *company));
        }
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        for (visit, slots) in &offers {
            sqlx::query("DELETE FROM visit_slots WHERE visit_id = $1")
                .bind(visit)
                .execute(&mut *tx)
                .await?;
            for (s, e) in slots {
                sqlx::query(
                    "INSERT INTO visit_slots (visit_id, starts_at, ends_at) VALUES ($1, $2, $3)",
                )
                .bind(visit)
                .bind(s)
                .bind(e)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "UPDATE campaigns SET status = 'running' WHERE id = $1 AND municipality_code = $2",
        )
        .bind(id)
        .bind(&self.code)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut reach = Reach::default();
        for company in companies {
            let company = self.company(company).await?;
            match self.reachable_contact(company.id).await? {
                Some(_) => reach.reached += 1,
                None => reach.skip(company.name, Message::new("skipped-book-by-phone")),
            }
        }
        Ok(reach)
    }

    /// An officer's busy times, `[start, end)` in Unix seconds: absences (whole days) and
    /// visits booked in any campaign.
    async fn busy_times(&self, user: i64) -> Result<Vec<(i64, i64)>> {
        let mut busy: Vec<(i64, i64)> = sqlx::query(
            "SELECT starts_at, ends_at FROM visits
             WHERE officer_user_id = $1 AND status = 'booked' AND starts_at IS NOT NULL",
        )
        .bind(user)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("starts_at")?, r.try_get("ends_at")?)))
        .collect::<Result<_>>()?;
        let absences = sqlx::query(
            "SELECT starts_on, ends_on FROM staff_absences WHERE user_id = $1 AND municipality_code = $2",
        )
        .bind(user)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        for a in &absences {
            let from: String = a.try_get("starts_on")?;
            let to: String = a.try_get("ends_on")?;
            let next = to
                .parse::<jiff::civil::Date>()
                .ok()
                .and_then(|d| d.tomorrow().ok())
                .map(|d| d.to_string())
                .unwrap_or(to);
            if let (Some(s), Some(e)) = (
                lots_domain::events::local_time(&from, "00:00"),
                lots_domain::events::local_time(&next, "00:00"),
            ) {
                busy.push((s, e));
            }
        }
        Ok(busy)
    }

    /// Registers that a member of staff is away (leave, a course): no visits those days.
    pub async fn add_absence(
        &self,
        user_id: Option<i64>,
        (starts_on, ends_on): (Option<jiff::civil::Date>, Option<jiff::civil::Date>),
        reason: &str,
    ) -> Result<()> {
        let mut refusals = Refusals::default();
        let user = match user_id {
            Some(id) => self.user(id).await.ok().map(|_| id),
            None => None,
        };
        let user = refusals.require(user, "absent_user", "choose-a-staff-member");
        let starts_on = refusals.require(starts_on, "absent_from", "enter-the-first-day-as-2026");
        let ends_on = refusals.require(
            ends_on.filter(|e| starts_on.is_none_or(|s| *e >= s)),
            "absent_to",
            "write-the-last-day-as-2026",
        );
        let (user, (starts_on, ends_on)) = refusals.done_with(user.zip(starts_on.zip(ends_on)))?;
        sqlx::query(
            "INSERT INTO staff_absences (municipality_code, user_id, starts_on, ends_on, reason)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&self.code)
        .bind(user)
        .bind(starts_on.to_string())
        .bind(ends_on.to_string())
        .bind(reason.trim())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// Takes back a registered absence.
    pub async fn remove_absence(&self, id: i64) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM staff_absences WHERE id = $1 AND municipality_code = $2")
                .bind(id)
                .bind(&self.code)
                .execute(&self.db.pool)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The absences of the campaign's officers.
    pub async fn campaign_absences(&self, id: i64) -> Result<Vec<Absence>> {
        let rows = sqlx::query(
            "SELECT a.id, u.name, a.starts_on, a.ends_on, a.reason FROM staff_absences a
             JOIN users u ON u.id = a.user_id
             JOIN campaign_officers o ON o.user_id = a.user_id AND o.campaign_id = $1
             WHERE a.municipality_code = $2 ORDER BY a.starts_on, u.sort_key",
        )
        .bind(id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Absence {
                    id: r.try_get("id")?,
                    user_name: r.try_get("name")?,
                    starts_on: crate::db::date(r, "starts_on")?,
                    ends_on: crate::db::date(r, "ends_on")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    /// A visit's time, its offered slots and who takes part.
    pub async fn booking(&self, visit_id: i64) -> Result<Booking> {
        let r = sqlx::query(
            "SELECT v.id, v.campaign_id, k.name AS campaign_name, k.status AS campaign_status,
                 v.company_id, c.name AS company_name, c.visit_address, c.town,
                 v.officer_user_id, u.name AS officer_name,
                 u.email AS officer_email, p.name AS companion_name, p.email AS companion_email,
                 v.status, v.sequence, v.starts_at, v.ends_at
             FROM visits v JOIN campaigns k ON k.id = v.campaign_id
             JOIN companies c ON c.id = v.company_id JOIN users u ON u.id = v.officer_user_id
             LEFT JOIN users p ON p.id = v.companion_user_id
             WHERE v.id = $1 AND v.municipality_code = $2",
        )
        .bind(visit_id)
        .bind(&self.code)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let offered = sqlx::query(
            "SELECT starts_at, ends_at FROM visit_slots WHERE visit_id = $1 ORDER BY starts_at",
        )
        .bind(visit_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|s| Ok(Slot::new(s.try_get("starts_at")?, s.try_get("ends_at")?)))
        .collect::<Result<_>>()?;
        let starts: Option<i64> = r.try_get("starts_at")?;
        let ends: Option<i64> = r.try_get("ends_at")?;
        Ok(Booking {
            visit_id,
            campaign_id: r.try_get("campaign_id")?,
            campaign_name: r.try_get("campaign_name")?,
            campaign_status: crate::db::code(&r, "campaign_status")?,
            company_id: r.try_get("company_id")?,
            company_name: r.try_get("company_name")?,
            place: [
                r.try_get::<String, _>("visit_address")?,
                r.try_get::<String, _>("town")?,
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
            officer_user_id: r.try_get("officer_user_id")?,
            officer_name: r.try_get("officer_name")?,
            officer_email: r.try_get("officer_email")?,
            companion_name: r.try_get("companion_name")?,
            companion_email: r.try_get("companion_email")?,
            status: crate::db::code(&r, "status")?,
            sequence: r.try_get("sequence")?,
            time: starts.zip(ends).map(|(s, e)| Slot::new(s, e)),
            offered,
        })
    }

    /// Books a visit at `starts_at`, or moves its booking there. The company may take only
    /// an offered slot; the officer (by phone) any time on a working day of the campaign.
    /// `seen` is the sequence the booker's form showed: if someone else booked or changed
    /// the visit meanwhile, nothing is written and the message says so. Returns the new
    /// sequence.
    pub async fn book_visit(
        &self,
        visit_id: i64,
        starts_at: Option<i64>,
        seen: i64,
        by_company: bool,
    ) -> Result<i64> {
        let booking = self.booking(visit_id).await?;
        let campaign = self.campaign(booking.campaign_id).await?;
        self.check_bookable(&booking, seen)?;
        let Some(starts_at) = starts_at else {
            return Err(field("slot", "choose-a-time"));
        };
        let offered = booking.offered.iter().find(|s| s.starts_at == starts_at);
        let ends_at = match offered {
            Some(s) => s.ends_at,
            None if by_company => {
                return Err(field("slot", "choose-one-of-the-offered-times"));
            }
            None => {
                let (day, _) = lots_domain::events::local_parts(starts_at);
                let day = day.parse::<jiff::civil::Date>().ok();
                let working = day.is_some_and(lots_domain::holidays::is_working_day);
                let within =
                    day.is_some_and(|d| (campaign.starts_on..=campaign.ends_on).contains(&d));
                if !working || !within {
                    return Err(field("slot", "choose-a-working-day-within-the"));
                }
                starts_at + campaign.visit_minutes * 60
            }
        };
        let _turn = self.db.write_turn().await;
        let updated = sqlx::query(
            "UPDATE visits SET status = 'booked', starts_at = $1, ends_at = $2,
                 sequence = sequence + 1
             WHERE id = $3 AND municipality_code = $4 AND sequence = $5
               AND status IN ('planned', 'booked')
               AND NOT EXISTS (SELECT 1 FROM visits o WHERE o.officer_user_id = visits.officer_user_id
                   AND o.id <> visits.id AND o.status = 'booked'
                   AND o.starts_at < $2 AND o.ends_at > $1)",
        )
        .bind(starts_at)
        .bind(ends_at)
        .bind(visit_id)
        .bind(&self.code)
        .bind(seen)
        .execute(&self.db.pool)
        .await;
        match updated {
            Ok(done) if done.rows_affected() == 1 => Ok(seen + 1),
            Ok(_) => {
                let now_booking = self.booking(visit_id).await?;
                if now_booking.sequence != seen {
                    Err(changed_meanwhile())
                } else {
                    Err(officer_taken(&booking.officer_name))
                }
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(officer_taken(&booking.officer_name))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The company (or its officer) cancels a booked visit: it is not planned again.
    /// Returns the new sequence, for the calendar file that takes the entry out.
    pub async fn cancel_booking(&self, visit_id: i64, seen: i64) -> Result<i64> {
        let booking = self.booking(visit_id).await?;
        self.check_bookable(&booking, seen)?;
        let _turn = self.db.write_turn().await;
        let done = sqlx::query(
            "UPDATE visits SET status = 'cancelled', sequence = sequence + 1
             WHERE id = $1 AND municipality_code = $2 AND sequence = $3
               AND status IN ('planned', 'booked')",
        )
        .bind(visit_id)
        .bind(&self.code)
        .bind(seen)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 1 {
            Ok(seen + 1)
        } else {
            Err(changed_meanwhile())
        }
    }

    fn check_bookable(&self, booking: &Booking, seen: i64) -> Result<()> {
        if booking.campaign_status == CampaignStatus::Closed {
            return Err(field("slot", "the-campaign-has-closed-so-the"));
        }
        match booking.status {
            VisitStatus::Cancelled => return Err(field("slot", "the-visit-is-cancelled")),
            VisitStatus::Done => return Err(field("slot", "the-visit-has-already-been-made")),
            VisitStatus::Planned | VisitStatus::Booked => {}
        }
        if booking.sequence != seen {
            return Err(changed_meanwhile());
        }
        Ok(())
    }

    /// A new personal booking link for the visit's company.
    pub async fn mint_booking_link(&self, visit_id: i64) -> Result<String> {
        let booking = self.booking(visit_id).await?;
        let campaign = self.campaign(booking.campaign_id).await?;
        let expires = lots_domain::events::local_time(&campaign.ends_on.to_string(), "23:59")
            .unwrap_or(0)
            + LINK_GRACE_SECONDS;
        let token = new_token();
        sqlx::query(
            "INSERT INTO visit_links (token_hash, municipality_code, visit_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash(&token))
        .bind(&self.code)
        .bind(visit_id)
        .bind(now())
        .bind(expires)
        .execute(&self.db.pool)
        .await?;
        Ok(token)
    }

    /// A new private calendar feed address for a member of staff; the old one stops working.
    pub async fn mint_calendar_feed(&self, user_id: i64) -> Result<String> {
        self.user(user_id).await?;
        let token = new_token();
        sqlx::query(
            "UPDATE users SET calendar_token_hash = $1 WHERE id = $2 AND municipality_code = $3",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        Ok(token)
    }

    /// The visits an officer is still to make in campaigns not closed: the booked ones from
    /// now on by time, then those not yet booked by company, in one query.
    pub async fn officer_visits(&self, user_id: i64) -> Result<Vec<OfficerVisit>> {
        let rows = sqlx::query(
            "SELECT v.id, v.campaign_id, c.name AS campaign_name, v.company_id,
                 k.name AS company_name, v.status, v.starts_at
             FROM visits v JOIN campaigns c ON c.id = v.campaign_id
             JOIN companies k ON k.id = v.company_id
             WHERE v.municipality_code = $1 AND v.officer_user_id = $2 AND c.status <> 'closed'
               AND (v.status = 'planned' OR (v.status = 'booked' AND v.ends_at >= $3))
             ORDER BY CASE WHEN v.status = 'booked' THEN 0 ELSE 1 END, v.starts_at, k.sort_key, v.id",
        )
        .bind(&self.code)
        .bind(user_id)
        .bind(now())
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OfficerVisit {
                    visit_id: r.try_get("id")?,
                    campaign_id: r.try_get("campaign_id")?,
                    campaign_name: r.try_get("campaign_name")?,
                    company_id: r.try_get("company_id")?,
                    company_name: r.try_get("company_name")?,
                    status: crate::db::code(r, "status")?,
                    starts_at: r.try_get("starts_at")?,
                })
            })
            .collect()
    }

    /// The booked visits an officer makes or accompanies, for their calendar feed.
    pub async fn officer_bookings(&self, user_id: i64) -> Result<Vec<Booking>> {
        let ids: Vec<i64> = sqlx::query(
            "SELECT id FROM visits WHERE municipality_code = $1 AND status IN ('booked', 'done')
               AND starts_at IS NOT NULL AND (officer_user_id = $2 OR companion_user_id = $2)
             ORDER BY starts_at",
        )
        .bind(&self.code)
        .bind(user_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.booking(id).await?);
        }
        Ok(out)
    }

    /// Sets who accompanies a visit (a business developer, a politician), or no one.
    pub async fn set_companion(&self, visit_id: i64, companion: Option<i64>) -> Result<()> {
        let visit = self.visit(visit_id).await?;
        if let Some(c) = companion {
            if c == visit.officer_user_id {
                return Err(field("companion", "choose-someone-other-than-the-officer"));
            }
            // Only someone who can sign in gets the visit's calendar file and can record it.
            if self.user(c).await?.status != crate::UserStatus::Active {
                return Err(field("companion", "choose-someone-with-an-active-account"));
            }
        }
        sqlx::query(
            "UPDATE visits SET companion_user_id = $1 WHERE id = $2 AND municipality_code = $3",
        )
        .bind(companion)
        .bind(visit_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// Closes the campaign: booking links stop working and nothing more is offered.
    pub async fn close_campaign(&self, id: i64) -> Result<()> {
        self.campaign(id).await?;
        sqlx::query(
            "UPDATE campaigns SET status = 'closed' WHERE id = $1 AND municipality_code = $2",
        )
        .bind(id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

fn changed_meanwhile() -> StoreError {
    field("slot", "someone-else-just-booked-or-changed")
}

fn officer_taken(officer: &str) -> StoreError {
    field(
        "slot",
        lots_i18n::Message::new("officer-already-has-a-visit-then").with("officer", officer),
    )
}

impl Db {
    /// The visit a booking link opens, while it is valid: (municipality, visit id).
    pub async fn booking_link(&self, token: &str) -> Result<Option<(String, i64)>> {
        let row = sqlx::query(
            "SELECT municipality_code, visit_id AS id FROM visit_links
             WHERE token_hash = $1 AND expires_at >= $2",
        )
        .bind(token_hash(token))
        .bind(now())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get("municipality_code")?, r.try_get("id")?)))
            .transpose()
    }

    /// Whose calendar feed an address opens: (municipality, user id).
    pub async fn calendar_feed(&self, token: &str) -> Result<Option<(String, i64)>> {
        let row = sqlx::query(
            "SELECT municipality_code, id FROM users
             WHERE calendar_token_hash = $1 AND status = 'active'",
        )
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.try_get("municipality_code")?, r.try_get("id")?)))
            .transpose()
    }
}
