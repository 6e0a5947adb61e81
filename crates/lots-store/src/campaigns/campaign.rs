//! Visit campaigns: a campaign with its case officers (by unit) and its candidate companies
//! (by filters over the register), the register of conflicts of interest (jäv), and the plan
//! — every officer exactly their number of visits at the least total cost, found by the
//! Kuhn–Munkres algorithm (`lots_domain::assignment`) — with a sentence per pair. Planning
//! again moves only visits not yet booked or done.

use std::collections::{HashMap, HashSet};

use lots_domain::assignment::{PairFacts, Problem, assign, explain, pair_cost, travel_minutes};
use lots_domain::campaigns::status::{CampaignStatus, VisitStatus};
use lots_i18n::Message;
use sqlx::Row;

use crate::error::{Refusals, field};
use crate::{Result, Selection, StoreError, Tenant, now};

#[derive(Debug, Clone, Default)]
pub struct NewCampaign {
    pub name: String,
    pub purpose: String,
    /// `None` when the form gave no readable day; refused.
    pub starts_on: Option<jiff::civil::Date>,
    pub ends_on: Option<jiff::civil::Date>,
    pub visits_per_officer: Option<i64>,
    /// How long each visit is booked for; 90 minutes when not given.
    pub visit_minutes: Option<i64>,
    /// The battery the officers carry; the latest company-visit battery when not given.
    pub battery_version_id: Option<i64>,
    /// Case officers of these units and the units under them take part.
    pub unit_ids: Vec<i64>,
    /// The candidate companies.
    pub selection: Selection,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub purpose: String,
    pub starts_on: jiff::civil::Date,
    pub ends_on: jiff::civil::Date,
    pub visits_per_officer: i64,
    pub status: CampaignStatus,
    pub created_by: String,
    /// How long a visit is booked for.
    pub visit_minutes: i64,
    /// The battery the officers carry; answers are kept per question.
    pub battery_version_id: Option<i64>,
    /// The survey round companies enter once their visit is recorded.
    pub follow_up_round_id: Option<i64>,
    pub officers: i64,
    pub candidates: i64,
    /// Visits not cancelled; of them booked (a time agreed) and done (recorded).
    pub visits: i64,
    pub booked: i64,
    pub done: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct PlannedVisit {
    pub id: i64,
    pub campaign_id: i64,
    /// Moved by hand: stays when the campaign is planned again.
    pub fixed: bool,
    pub company_id: i64,
    pub company_name: String,
    pub officer_user_id: i64,
    pub officer_name: String,
    pub unit_name: Option<String>,
    pub status: VisitStatus,
    pub explanation: Message,
    /// When it is booked: `2026-11-26 09:00`, Europe/Stockholm.
    pub time: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ConflictOfInterest {
    pub id: i64,
    pub user_id: i64,
    pub user_name: String,
    pub company_id: i64,
    pub company_name: String,
    pub reason: String,
}

/// A planned visit `v` that re-planning keeps: fixed by hand, already offered to the company
/// (its booking link or offered times point at it), or with something recorded on it (a
/// referral or an issue to hear back on, from before it was set back to planned).
const HELD: &str = "(v.fixed = 1
    OR EXISTS (SELECT 1 FROM visit_links l WHERE l.visit_id = v.id)
    OR EXISTS (SELECT 1 FROM visit_slots s WHERE s.visit_id = v.id)
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.visit_id = v.id)
    OR EXISTS (SELECT 1 FROM feedback_items f WHERE f.visit_id = v.id))";

/// A new campaign as checked: what [`Tenant::create_campaign`] writes.
struct CampaignFacts {
    starts_on: jiff::civil::Date,
    ends_on: jiff::civil::Date,
    per_officer: i64,
    minutes: i64,
    battery: i64,
    officers: Vec<i64>,
    candidates: Vec<crate::campaigns::campaign_selection::Candidate>,
}

impl Tenant<'_> {
    /// Creates a campaign with its officers and candidates; refuses one whose filters find
    /// fewer companies than it needs visits.
    pub async fn create_campaign(&self, new: &NewCampaign, actor: &str) -> Result<i64> {
        let facts = self.campaign_facts(new).await?;
        let mut tx = self.db.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO campaigns (municipality_code, name, purpose, starts_on, ends_on,
                 visits_per_officer, created_by, created_at, visit_minutes, battery_version_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&self.code)
        .bind(new.name.trim())
        .bind(new.purpose.trim())
        .bind(facts.starts_on.to_string())
        .bind(facts.ends_on.to_string())
        .bind(facts.per_officer)
        .bind(actor)
        .bind(now())
        .bind(facts.minutes)
        .bind(facts.battery)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for officer in &facts.officers {
            sqlx::query(
                "INSERT INTO campaign_officers (campaign_id, user_id, visits) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(officer)
            .bind(facts.per_officer)
            .execute(&mut *tx)
            .await?;
        }
        for company in &facts.candidates {
            sqlx::query(
                "INSERT INTO campaign_candidates (campaign_id, company_id, priority)
                 VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(company.id)
            .bind(company.priority)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Refuses every wrong field of a new campaign at once, as [`Tenant::create_campaign`]
    /// would, without writing.
    pub async fn check_campaign(&self, new: &NewCampaign) -> Result<()> {
        self.campaign_facts(new).await.map(|_| ())
    }

    /// The checked facts of a new campaign, with every wrong field refused at once.
    async fn campaign_facts(&self, new: &NewCampaign) -> Result<CampaignFacts> {
        let mut refusals = Refusals::default();
        refusals.check(
            !new.name.trim().is_empty(),
            "name",
            "enter-the-campaigns-name",
        );
        let starts_on = refusals.require(new.starts_on, "starts_on", "enter-the-first-day-as-2026");
        let ends_on = refusals.require(
            new.ends_on.filter(|e| starts_on.is_none_or(|s| *e >= s)),
            "ends_on",
            "enter-the-last-day-as-2026",
        );
        let per_officer = refusals.require(
            new.visits_per_officer.filter(|v| (1..=50).contains(v)),
            "visits_per_officer",
            "visits-per-case-officer-must-be",
        );
        let minutes = new.visit_minutes.unwrap_or(90);
        refusals.check(
            (15..=480).contains(&minutes),
            "visit_minutes",
            "a-visit-must-be-15-480",
        );
        let battery = match new.battery_version_id {
            Some(v) => self.battery_version(v).await.ok().map(|_| v),
            None => {
                self.install_standard_batteries().await?;
                self.batteries()
                    .await?
                    .into_iter()
                    .find(|b| b.code == "foretagsbesok")
                    .and_then(|b| b.published)
                    .map(|(id, _)| id)
            }
        };
        let battery = refusals.require(battery, "battery", "choose-a-question-battery");
        let officers = self.case_officers_of(&new.unit_ids).await?;
        refusals.check(
            !officers.is_empty(),
            "units",
            "choose-a-unit-with-case-officers",
        );
        let candidates = self.select_companies(&new.selection).await?;
        if let Some(per_officer) = per_officer
            && !officers.is_empty()
        {
            let visits = officers.len() as i64 * per_officer;
            refusals.check(
                candidates.len() as i64 >= visits,
                "companies",
                Message::new("selection-too-small-for-the-visits")
                    .with("companies", candidates.len())
                    .with("visits", visits),
            );
        }
        let (((starts_on, ends_on), per_officer), battery) =
            refusals.done_with(starts_on.zip(ends_on).zip(per_officer).zip(battery))?;
        Ok(CampaignFacts {
            starts_on,
            ends_on,
            per_officer,
            minutes,
            battery,
            officers,
            candidates,
        })
    }

    /// Active case officers of the units and the units under them.
    pub async fn case_officers_of(&self, unit_ids: &[i64]) -> Result<Vec<i64>> {
        let units = self.units().await?;
        let within = |unit: i64| {
            unit_ids
                .iter()
                .any(|chosen| crate::activities::training::is_within(&units, unit, *chosen))
        };
        let rows = sqlx::query(
            "SELECT id, unit_id FROM users
             WHERE municipality_code = $1 AND status = 'active' AND unit_id IS NOT NULL
               AND (',' || roles || ',') LIKE '%,case_officer,%'
             ORDER BY sort_key",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut out = Vec::new();
        for r in &rows {
            if within(r.try_get("unit_id")?) {
                out.push(r.try_get("id")?);
            }
        }
        Ok(out)
    }

    pub async fn campaigns(&self) -> Result<Vec<Campaign>> {
        let rows = sqlx::query(
            "SELECT c.id, c.name, c.purpose, c.starts_on, c.ends_on, c.visits_per_officer, c.status,
                 c.created_by, c.visit_minutes, c.battery_version_id, c.follow_up_round_id,
                 (SELECT COUNT(*) FROM campaign_officers o WHERE o.campaign_id = c.id) AS officers,
                 (SELECT COUNT(*) FROM campaign_candidates k WHERE k.campaign_id = c.id) AS candidates,
                 (SELECT COUNT(*) FROM visits v WHERE v.campaign_id = c.id AND v.status <> 'cancelled') AS visits,
                 (SELECT COUNT(*) FROM visits v WHERE v.campaign_id = c.id AND v.status = 'booked') AS booked,
                 (SELECT COUNT(*) FROM visits v WHERE v.campaign_id = c.id AND v.status = 'done') AS done
             FROM campaigns c WHERE c.municipality_code = $1 ORDER BY c.starts_on DESC, c.id DESC",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Campaign {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    purpose: r.try_get("purpose")?,
                    starts_on: crate::db::date(r, "starts_on")?,
                    ends_on: crate::db::date(r, "ends_on")?,
                    visits_per_officer: r.try_get("visits_per_officer")?,
                    status: crate::db::code(r, "status")?,
                    created_by: r.try_get("created_by")?,
                    visit_minutes: r.try_get("visit_minutes")?,
                    battery_version_id: r.try_get("battery_version_id")?,
                    follow_up_round_id: r.try_get("follow_up_round_id")?,
                    officers: r.try_get("officers")?,
                    candidates: r.try_get("candidates")?,
                    visits: r.try_get("visits")?,
                    booked: r.try_get("booked")?,
                    done: r.try_get("done")?,
                })
            })
            .collect()
    }

    pub async fn campaign(&self, id: i64) -> Result<Campaign> {
        self.campaigns()
            .await?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// Registers that a member of staff may not visit a company (a personal tie, a case).
    pub async fn register_conflict(
        &self,
        user_id: Option<i64>,
        company_id: Option<i64>,
        reason: &str,
        actor: &str,
    ) -> Result<()> {
        let user = user_id.ok_or_else(|| field("user_id", "choose-a-staff-member"))?;
        self.user(user).await?;
        let company =
            company_id.ok_or_else(|| field("organisation", "no-company-in-the-register-has"))?;
        self.company(company).await?;
        if reason.trim().is_empty() {
            return Err(field("reason", "enter-why-the-member-of-staff"));
        }
        sqlx::query(
            "INSERT INTO conflicts_of_interest (municipality_code, user_id, company_id, reason,
                 registered_by, registered_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (user_id, company_id) DO UPDATE SET reason = $4",
        )
        .bind(&self.code)
        .bind(user)
        .bind(company)
        .bind(reason.trim())
        .bind(actor)
        .bind(now())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    pub async fn conflicts_of_interest(&self) -> Result<Vec<ConflictOfInterest>> {
        let rows = sqlx::query(
            "SELECT j.id, j.user_id, u.name AS user_name, j.company_id, c.name AS company_name, j.reason
             FROM conflicts_of_interest j
             JOIN users u ON u.id = j.user_id JOIN companies c ON c.id = j.company_id
             WHERE j.municipality_code = $1 ORDER BY u.sort_key, c.sort_key",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ConflictOfInterest {
                    id: r.try_get("id")?,
                    user_id: r.try_get("user_id")?,
                    user_name: r.try_get("user_name")?,
                    company_id: r.try_get("company_id")?,
                    company_name: r.try_get("company_name")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    /// Plans the campaign's visits at the least total cost. Visits already booked or done
    /// stay, and so do the planned ones [`HELD`] says; the rest are planned again.
    /// `Err(StoreError::Refused(reason))` says why no plan exists.
    pub async fn plan_campaign(&self, id: i64) -> Result<usize> {
        let campaign = self.campaign(id).await?;
        let officers = sqlx::query(&format!(
            "SELECT o.user_id, o.visits, o.home_area_id, u.name, u.unit_id,
                 (SELECT COUNT(*) FROM visits v WHERE v.campaign_id = o.campaign_id
                  AND v.officer_user_id = o.user_id
                  AND (v.status IN ('booked', 'done') OR (v.status = 'planned' AND {HELD}))) AS kept
             FROM campaign_officers o JOIN users u ON u.id = o.user_id
             WHERE o.campaign_id = $1 ORDER BY u.sort_key"
        ))
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        // Companies with a visit that stays, and those that cancelled theirs, are not
        // planned again.
        let kept_companies: HashSet<i64> = sqlx::query(&format!(
            "SELECT company_id FROM visits v WHERE campaign_id = $1 AND (status <> 'planned' OR {HELD})"
        ))
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| r.try_get("company_id"))
        .collect::<Result<_, _>>()?;
        let candidates = sqlx::query(
            "SELECT k.company_id, k.priority, c.name, c.area_id, c.sni2007
             FROM campaign_candidates k JOIN companies c ON c.id = k.company_id
             WHERE k.campaign_id = $1 AND c.status = 'active' ORDER BY c.sort_key",
        )
        .bind(id)
        .fetch_all(&self.db.pool)
        .await?;
        struct Candidate {
            id: i64,
            priority: i64,
            name: String,
            area: Option<i64>,
            division: String,
        }
        let candidates: Vec<Candidate> = candidates
            .iter()
            .map(|r| {
                let sni: String = r.try_get("sni2007")?;
                Ok(Candidate {
                    id: r.try_get("company_id")?,
                    priority: r.try_get("priority")?,
                    name: r.try_get("name")?,
                    area: r.try_get("area_id")?,
                    division: sni.chars().take(2).collect(),
                })
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .filter(|c| !kept_companies.contains(&c.id))
            .collect();
        // What each unit knows: the companies whose cases it handled, and their industries.
        let case_rows = sqlx::query(
            "SELECT DISTINCT k.unit_id, k.company_id, c.sni2007 FROM cases k
             JOIN companies c ON c.id = k.company_id
             WHERE k.municipality_code = $1 AND k.unit_id IS NOT NULL",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let mut handled: HashSet<(i64, i64)> = HashSet::new();
        let mut industries: HashSet<(i64, String)> = HashSet::new();
        for r in &case_rows {
            let unit: i64 = r.try_get("unit_id")?;
            handled.insert((unit, r.try_get("company_id")?));
            let sni: String = r.try_get("sni2007")?;
            industries.insert((unit, sni.chars().take(2).collect()));
        }
        let conflicts: HashSet<(i64, i64)> = self
            .conflicts_of_interest()
            .await?
            .iter()
            .map(|c| (c.user_id, c.company_id))
            .collect();
        let mut names: Vec<String> = Vec::new();
        let mut facts: Vec<Vec<PairFacts>> = Vec::new();
        let mut visits = Vec::new();
        let mut user_ids = Vec::new();
        for o in &officers {
            let user: i64 = o.try_get("user_id")?;
            let unit: Option<i64> = o.try_get("unit_id")?;
            let home: Option<i64> = o.try_get("home_area_id")?;
            let wanted: i64 = o.try_get("visits")?;
            let kept: i64 = o.try_get("kept")?;
            user_ids.push(user);
            names.push(o.try_get("name")?);
            visits.push((wanted - kept).max(0) as usize);
            facts.push(
                candidates
                    .iter()
                    .map(|c| PairFacts {
                        relevance: match unit {
                            Some(u) if handled.contains(&(u, c.id)) => 90,
                            Some(u) if industries.contains(&(u, c.division.clone())) => 50,
                            _ => 10,
                        },
                        travel_minutes: travel_minutes(home, c.area),
                        priority: c.priority,
                        conflict: conflicts.contains(&(user, c.id)),
                    })
                    .collect(),
            );
        }
        let problem = Problem {
            visits,
            cost: facts
                .iter()
                .map(|row| row.iter().map(pair_cost).collect())
                .collect(),
        };
        let plan = match assign(&problem) {
            Ok(plan) => plan,
            Err(why) => return Err(StoreError::Refused(why.message(|o| names[o].clone()))),
        };
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(&format!(
            "DELETE FROM visits WHERE id IN (SELECT v.id FROM visits v
                 WHERE v.campaign_id = $1 AND v.status = 'planned' AND NOT {HELD})"
        ))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let t = now();
        for (officer, company) in &plan.pairs {
            let c = &candidates[*company];
            sqlx::query(
                "INSERT INTO visits (municipality_code, campaign_id, company_id, officer_user_id,
                     explanation, cost, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&self.code)
            .bind(id)
            .bind(c.id)
            .bind(user_ids[*officer])
            .bind(explain(&names[*officer], &c.name, &facts[*officer][*company]).to_stored())
            .bind(problem.cost[*officer][*company].unwrap_or_default())
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
        if campaign.status == CampaignStatus::Draft {
            sqlx::query("UPDATE campaigns SET status = 'planned' WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(plan.pairs.len())
    }

    /// The campaign's visits by officer, in Swedish order.
    pub async fn campaign_visits(&self, id: i64) -> Result<Vec<PlannedVisit>> {
        self.visits_where(id, None).await
    }

    pub async fn visit(&self, id: i64) -> Result<PlannedVisit> {
        self.visits_where(0, Some(id))
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    async fn visits_where(&self, id: i64, visit: Option<i64>) -> Result<Vec<PlannedVisit>> {
        let rows = sqlx::query(
            "SELECT v.id, v.campaign_id, v.fixed, v.company_id, c.name AS company_name,
                 v.officer_user_id, u.name AS officer_name, un.name AS unit_name, v.status,
                 v.explanation, v.starts_at
             FROM visits v JOIN companies c ON c.id = v.company_id
             JOIN users u ON u.id = v.officer_user_id LEFT JOIN units un ON un.id = u.unit_id
             WHERE v.municipality_code = $1 AND (v.campaign_id = $2 OR v.id = $3)
             ORDER BY u.sort_key, c.sort_key",
        )
        .bind(&self.code)
        .bind(id)
        .bind(visit.unwrap_or(0))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PlannedVisit {
                    id: r.try_get("id")?,
                    campaign_id: r.try_get("campaign_id")?,
                    fixed: r.try_get::<i64, _>("fixed")? == 1,
                    company_id: r.try_get("company_id")?,
                    company_name: r.try_get("company_name")?,
                    officer_user_id: r.try_get("officer_user_id")?,
                    officer_name: r.try_get("officer_name")?,
                    unit_name: r.try_get("unit_name")?,
                    status: crate::db::code(r, "status")?,
                    explanation: Message::from_stored(&r.try_get::<String, _>("explanation")?),
                    time: r.try_get::<Option<i64>, _>("starts_at")?.map(|t| {
                        let (day, time) = lots_domain::events::local_parts(t);
                        format!("{day} {time}")
                    }),
                })
            })
            .collect()
    }

    /// A visit booked with the company, made, cancelled (the company cancelled: it is not
    /// planned again), or back to planned.
    pub async fn set_visit_status(&self, visit_id: i64, status: VisitStatus) -> Result<()> {
        self.visit(visit_id).await?;
        sqlx::query("UPDATE visits SET status = $1 WHERE id = $2 AND municipality_code = $3")
            .bind(status.code())
            .bind(visit_id)
            .bind(&self.code)
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    /// Moves a visit to another officer of the campaign by hand; it then stays there when
    /// the campaign is planned again. A conflict of interest refuses the move.
    pub async fn move_visit(&self, visit_id: i64, officer: Option<i64>, actor: &str) -> Result<()> {
        let visit = self.visit(visit_id).await?;
        let officers = self.campaign_officers(visit.campaign_id).await?;
        let Some((officer, name)) =
            officer.and_then(|o| officers.into_iter().find(|(id, _)| *id == o))
        else {
            return Err(field("officer", "choose-a-case-officer-of-the"));
        };
        let conflicted = self
            .conflicts_of_interest()
            .await?
            .iter()
            .any(|c| c.user_id == officer && c.company_id == visit.company_id);
        if conflicted {
            return Err(field(
                "officer",
                Message::new("officer-has-a-conflict-of-interest")
                    .with("officer", name)
                    .with("company", &visit.company_name),
            ));
        }
        sqlx::query(
            "UPDATE visits SET officer_user_id = $1, fixed = 1, explanation = $2
             WHERE id = $3 AND municipality_code = $4",
        )
        .bind(officer)
        .bind(
            Message::new("officer-visits-company-moved-by-hand")
                .with("officer", name)
                .with("company", &visit.company_name)
                .with("actor", actor)
                .to_stored(),
        )
        .bind(visit_id)
        .bind(&self.code)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// The campaign's officers: (user id, name), for the conflict form.
    pub async fn campaign_officers(&self, id: i64) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT u.id, u.name FROM campaign_officers o JOIN users u ON u.id = o.user_id
             WHERE o.campaign_id = $1 AND u.municipality_code = $2 ORDER BY u.sort_key",
        )
        .bind(id)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect()
    }

    /// A company's planned and made visits, for its journey.
    pub(crate) async fn visit_journey(&self, company_id: i64) -> Result<Vec<crate::JourneyEvent>> {
        let visits: HashMap<i64, (i64, String, String, VisitStatus)> = sqlx::query(
            "SELECT v.id, v.created_at, u.name AS officer, k.name AS campaign, v.status
             FROM visits v JOIN users u ON u.id = v.officer_user_id
             JOIN campaigns k ON k.id = v.campaign_id
             WHERE v.municipality_code = $1 AND v.company_id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                (
                    r.try_get("created_at")?,
                    r.try_get("officer")?,
                    r.try_get("campaign")?,
                    crate::db::code::<VisitStatus>(r, "status")?,
                ),
            ))
        })
        .collect::<Result<_>>()?;
        Ok(visits
            .into_iter()
            .map(
                |(id, (at, officer, campaign, status))| crate::JourneyEvent {
                    // Derived events have negative ids, apart from the other kinds'.
                    id: -(id + 5_000_000_000),
                    at,
                    kind: crate::JourneyKind::Visit,
                    summary: match status {
                        VisitStatus::Done => "journey-visit-done",
                        VisitStatus::Cancelled => "journey-visit-cancelled",
                        VisitStatus::Planned | VisitStatus::Booked => "journey-visit-planned",
                    }
                    .into(),
                    detail: campaign,
                    facts: Vec::new(),
                    actor: officer,
                },
            )
            .collect())
    }
}
