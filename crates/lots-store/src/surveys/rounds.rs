//! Surveys: question batteries as versioned templates, survey rounds and their invited
//! companies, the personal links (stored as hashes only), and the responses.
//!
//! A response is found by its respondent key, a hash of the round's salt and the
//! invitation. In an anonymous round the response row names no invitation, its key is
//! hashed with a secret kept outside the database, its times are whole days and the
//! invitation's answered mark carries no time: nothing in Lots, nor the database on its
//! own, connects an answer to a company.

use lots_domain::reach::Reach;
use lots_i18n::{Lang, Message};
use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use lots_domain::battery::{Answer, Battery};
use sqlx::Row;

use super::index_sums;
use crate::error::{Refusals, field};
use crate::secret::{new_token, token_hash};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, serde::Serialize)]
pub struct BatterySummary {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// The newest published version: (version id, version number).
    pub published: Option<(i64, i64)>,
    /// The draft being edited, if any: its version id.
    pub draft: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct BatteryVersion {
    pub id: i64,
    pub battery_id: i64,
    pub version: i64,
    pub battery: Battery,
    pub published: bool,
}

/// What every round is asked with, a municipality's own and each member's part of a joint
/// measurement.
#[derive(Debug, Clone, Default)]
pub struct RoundTerms {
    pub name: String,
    /// `None` when the form gave no readable day; refused.
    pub opens_on: Option<Date>,
    pub closes_on: Option<Date>,
    pub anonymous: bool,
    pub quarantine_months: i64,
    pub reminder_days: Vec<i64>,
}

impl RoundTerms {
    /// Each wrong term refused with the field it concerns; the opening and closing days when
    /// both are right.
    pub(crate) fn check(&self, refusals: &mut Refusals) -> Option<(Date, Date)> {
        refusals.check(
            !self.name.trim().is_empty(),
            "name",
            "give-the-round-a-name",
        );
        let opens_on = refusals.require(self.opens_on, "opens_on", "write-the-opening-day-as-yyyy");
        let closes_on = refusals.require(
            self.closes_on.filter(|c| opens_on.is_none_or(|o| *c >= o)),
            "closes_on",
            "write-the-closing-day-as-yyyy",
        );
        refusals.check(
            self.reminder_days.len() <= 3
                && self.reminder_days.iter().all(|d| (1..=90).contains(d)),
            "reminder_days",
            "at-most-three-reminders-each-1",
        );
        refusals.check(
            (0..=60).contains(&self.quarantine_months),
            "quarantine_months",
            "the-quarantine-is-0-60-months",
        );
        opens_on.zip(closes_on)
    }

    /// The reminder days as the `reminder_days` column keeps them: `7,14`.
    pub(crate) fn reminder_column(&self) -> String {
        let days: Vec<String> = self.reminder_days.iter().map(i64::to_string).collect();
        days.join(",")
    }
}

#[derive(Debug, Clone)]
pub struct NewRound {
    /// `None` when the form chose none; refused.
    pub battery_version_id: Option<i64>,
    pub terms: RoundTerms,
    pub company_ids: Vec<i64>,
}

impl NewRound {
    /// Every wrong field of the round at once, before anything is written.
    pub fn check(&self) -> Result<()> {
        self.checked().map(|_| ())
    }

    fn checked(&self) -> Result<(i64, Date, Date)> {
        let mut refusals = Refusals::default();
        let version = refusals.require(
            self.battery_version_id,
            "battery_version_id",
            "choose-a-question-battery",
        );
        let days = self.terms.check(&mut refusals);
        refusals.check(
            !self.company_ids.is_empty(),
            "companies",
            "choose-at-least-one-company",
        );
        refusals.done_with(version.zip(days).map(|(v, (o, c))| (v, o, c)))
    }
}

/// The facts of a round that decide whom an invitation may reach.
struct RoundAudience<'a> {
    round_id: i64,
    name: &'a str,
    anonymous: bool,
    quarantine_months: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Round {
    pub id: i64,
    pub name: String,
    pub battery_version_id: i64,
    pub battery_name: String,
    pub battery_version: i64,
    pub opens_on: Date,
    pub closes_on: Date,
    pub anonymous: bool,
    pub quarantine_months: i64,
    pub reminder_days: Vec<i64>,
    pub invited: i64,
    pub answered: i64,
    pub created_by: String,
    /// The organiser's joint measurement this round is the municipality's part of.
    pub joint_round_id: Option<i64>,
    pub joint_name: Option<String>,
    /// Keys responses to invitations; never shown.
    #[serde(skip)]
    salt: String,
}

impl Round {
    /// Open on `today` (Europe/Stockholm): from the opening day through the closing day.
    pub fn is_open(&self, today: Date) -> bool {
        (self.opens_on..=self.closes_on).contains(&today)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Invitation {
    pub id: i64,
    pub company_id: Option<i64>,
    pub company_name: String,
    pub email: String,
    pub language: Lang,
    pub sent_at: Option<i64>,
    pub reminders_sent: i64,
    pub delivery_error: String,
    pub answered: bool,
}

/// An invitation as staff see it. In an anonymous round nothing here changes when the
/// invitee answers: whether they answered and how many reminders they got (reminders go
/// only to those who have not) are left out, and a delivery error shows only while the
/// invitation itself has not gone out, never for a reminder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SeenInvitation {
    pub id: i64,
    pub company_id: Option<i64>,
    pub company_name: String,
    pub email: String,
    pub sent_at: Option<i64>,
    pub reminders_sent: Option<i64>,
    pub delivery_error: String,
    pub answered: Option<bool>,
}

impl SeenInvitation {
    fn of(i: Invitation, anonymous: bool) -> SeenInvitation {
        let before_sending = i.sent_at.is_none();
        SeenInvitation {
            id: i.id,
            company_id: i.company_id,
            company_name: i.company_name,
            email: i.email,
            sent_at: i.sent_at,
            reminders_sent: (!anonymous).then_some(i.reminders_sent),
            delivery_error: if anonymous && !before_sending {
                String::new()
            } else {
                i.delivery_error
            },
            answered: (!anonymous).then_some(i.answered),
        }
    }
}

/// What a personal link opens: the round, its battery and the response so far.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    pub municipality_code: String,
    pub municipality_name: String,
    pub invitation_id: i64,
    /// The invitation's background, copied onto the response.
    background: [String; 4],
    pub round: Round,
    pub battery: Battery,
    pub language: Lang,
    pub answers: HashMap<String, Answer>,
    pub submitted: bool,
    /// The case the invitation asks about, when it came after one.
    pub about: Option<CaseAbout>,
}

/// A closed case as the survey names it to the person who had it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseAbout {
    pub reference: String,
    /// The service area, as the invitation carries it ("Bygglov").
    pub area: String,
    pub decided_on: Option<jiff::civil::Date>,
}

/// One submitted response with the background it was given for breakdowns.
#[derive(Debug, Clone)]
pub struct ResponseRecord {
    pub area: String,
    pub industry: String,
    pub size_class: String,
    /// The unit whose case the answer concerns (a survey after a closed case).
    pub unit: String,
    /// YYYY-Qn of the submission, Europe/Stockholm.
    pub quarter: String,
    pub answers: HashMap<String, Answer>,
    /// The company that answered; `None` in an anonymous round (and for imported answers).
    pub company: Option<RespondingCompany>,
}

#[derive(Debug, Clone)]
pub struct RespondingCompany {
    pub name: String,
    pub orgnr: String,
    /// A sole trader: the number is a personnummer.
    pub personal: bool,
}

/// One answer of an earlier measurement brought into Lots (an Insikt or SBA round run
/// before, or elsewhere): its background and answers, no company.
#[derive(Debug, Clone)]
pub struct ImportedResponse {
    pub area: String,
    pub industry: String,
    pub size_class: String,
    /// The unit whose case the answer concerns, when the file says.
    pub unit: String,
    pub submitted_at: i64,
    pub answers: HashMap<String, Answer>,
}

/// What an imported answer says of its background: area, industry, size class, unit.
fn background(r: &ImportedResponse) -> (&str, &str, &str, &str) {
    (&r.area, &r.industry, &r.size_class, &r.unit)
}

/// Today in Europe/Stockholm.
pub fn today() -> Date {
    jiff::Zoned::now()
        .in_tz("Europe/Stockholm")
        .map(|z| z.date())
        .unwrap_or_else(|_| jiff::Zoned::now().date())
}

fn quarter_of(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .ok()
        .and_then(|t| t.in_tz("Europe/Stockholm").ok())
        .map(|z| format!("{}-K{}", z.year(), (z.month() - 1) / 3 + 1))
        .unwrap_or_default()
}

/// The key of an invitation's response. In an anonymous round it needs the installation's
/// secret, which is not in the database.
fn respondent_key(
    db: &crate::Db,
    (salt, anonymous): (&str, bool),
    invitation_id: i64,
) -> Result<String> {
    Ok(if anonymous {
        let secret = hex::encode(db.anonymity_key()?);
        token_hash(&format!("{secret}:{salt}:{invitation_id}"))
    } else {
        token_hash(&format!("{salt}:{invitation_id}"))
    })
}

/// A time as stored on an anonymous round's response: the day (UTC midnight), no more.
fn anonymous_time(anonymous: bool, t: i64) -> i64 {
    if anonymous {
        t - t.rem_euclid(86_400)
    } else {
        t
    }
}

fn parse_days(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|d| d.trim().parse().ok()).collect()
}

const ROUND_SELECT: &str = "SELECT r.id, r.name, r.battery_version_id, b.name AS battery_name,
        v.version AS battery_version, r.opens_on, r.closes_on, r.anonymous,
        r.quarantine_months, r.reminder_days, r.created_by, r.salt, r.joint_round_id,
        j.name AS joint_name,
        (SELECT COUNT(*) FROM survey_invitations i WHERE i.round_id = r.id) AS invited,
        (SELECT COUNT(*) FROM survey_invitations i WHERE i.round_id = r.id AND i.answered = 1) AS answered
    FROM survey_rounds r
    JOIN battery_versions v ON v.id = r.battery_version_id
    JOIN batteries b ON b.id = v.battery_id
    LEFT JOIN joint_rounds j ON j.id = r.joint_round_id";

/// The same without the counts, for the respondent's every request: a round of a hundred
/// thousand invitations must not be counted to show one form.
const ROUND_SELECT_LIGHT: &str =
    "SELECT r.id, r.name, r.battery_version_id, b.name AS battery_name,
        v.version AS battery_version, r.opens_on, r.closes_on, r.anonymous,
        r.quarantine_months, r.reminder_days, r.created_by, r.salt, r.joint_round_id,
        CAST(NULL AS TEXT) AS joint_name, 0 AS invited, 0 AS answered
    FROM survey_rounds r
    JOIN battery_versions v ON v.id = r.battery_version_id
    JOIN batteries b ON b.id = v.battery_id";

const INVITATION_SELECT: &str = "SELECT i.id, i.round_id, i.company_id,
        COALESCE(c.name, '') AS company_name, i.email, i.language, i.sent_at, i.reminders_sent,
        i.delivery_error, i.answered
    FROM survey_invitations i LEFT JOIN companies c ON c.id = i.company_id";

fn invitation_from_row(r: &sqlx::any::AnyRow) -> Result<Invitation> {
    Ok(Invitation {
        id: r.try_get("id")?,
        company_id: r.try_get("company_id")?,
        company_name: r.try_get("company_name")?,
        email: r.try_get("email")?,
        language: crate::db::language(r)?,
        sent_at: r.try_get("sent_at")?,
        reminders_sent: r.try_get("reminders_sent")?,
        delivery_error: r.try_get("delivery_error")?,
        answered: r.try_get::<i64, _>("answered")? == 1,
    })
}

fn round_from_row(r: &sqlx::any::AnyRow) -> Result<Round> {
    Ok(Round {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        battery_version_id: r.try_get("battery_version_id")?,
        battery_name: r.try_get("battery_name")?,
        battery_version: r.try_get("battery_version")?,
        opens_on: crate::db::date(r, "opens_on")?,
        closes_on: crate::db::date(r, "closes_on")?,
        anonymous: r.try_get::<i64, _>("anonymous")? == 1,
        quarantine_months: r.try_get("quarantine_months")?,
        reminder_days: parse_days(&r.try_get::<String, _>("reminder_days")?),
        invited: r.try_get("invited")?,
        answered: r.try_get("answered")?,
        created_by: r.try_get("created_by")?,
        joint_round_id: r.try_get("joint_round_id")?,
        joint_name: r.try_get("joint_name")?,
        salt: r.try_get("salt")?,
    })
}

fn parse_battery(json: &str) -> Result<Battery> {
    Battery::from_json(json).map_err(|e| StoreError::Invalid(e.to_string()))
}

impl Tenant<'_> {
    /// Gives the municipality the standard batteries (as published version 1) it lacks.
    pub async fn install_standard_batteries(&self) -> Result<()> {
        for battery in lots_domain::battery::standard() {
            let exists =
                sqlx::query("SELECT id FROM batteries WHERE municipality_code = $1 AND code = $2")
                    .bind(&self.code)
                    .bind(&battery.code)
                    .fetch_optional(&self.db.pool)
                    .await?
                    .is_some();
            if exists {
                continue;
            }
            let mut tx = self.db.begin_write().await?;
            let t = now();
            let id: i64 = sqlx::query(
                "INSERT INTO batteries (municipality_code, code, name, created_at)
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&self.code)
            .bind(&battery.code)
            .bind(&battery.name.sv)
            .bind(t)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
            sqlx::query(
                "INSERT INTO battery_versions (municipality_code, battery_id, version, definition, published_at)
                 VALUES ($1, $2, 1, $3, $4)",
            )
            .bind(&self.code)
            .bind(id)
            .bind(serde_json::to_string(&battery).unwrap_or_default())
            .bind(t)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    pub async fn batteries(&self) -> Result<Vec<BatterySummary>> {
        let rows = sqlx::query(
            "SELECT b.id, b.code, b.name,
                 (SELECT MAX(v.version) FROM battery_versions v
                  WHERE v.battery_id = b.id AND v.published_at IS NOT NULL) AS published_version,
                 (SELECT MAX(v.id) FROM battery_versions v
                  WHERE v.battery_id = b.id AND v.published_at IS NOT NULL
                    AND v.version = (SELECT MAX(w.version) FROM battery_versions w
                                     WHERE w.battery_id = b.id AND w.published_at IS NOT NULL)) AS published_id,
                 (SELECT MAX(v.id) FROM battery_versions v
                  WHERE v.battery_id = b.id AND v.published_at IS NULL) AS draft_id
             FROM batteries b WHERE b.municipality_code = $1 ORDER BY b.name",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let published_id: Option<i64> = r.try_get("published_id")?;
                let published_version: Option<i64> = r.try_get("published_version")?;
                Ok(BatterySummary {
                    id: r.try_get("id")?,
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                    published: published_id.zip(published_version),
                    draft: r.try_get("draft_id")?,
                })
            })
            .collect()
    }

    pub async fn battery_version(&self, id: i64) -> Result<BatteryVersion> {
        let cached = self
            .db
            .published_batteries
            .lock()
            .ok()
            .and_then(|c| c.get(&(self.code.clone(), id)).cloned());
        if let Some(v) = cached {
            return Ok(v);
        }
        let r = sqlx::query(
            "SELECT id, battery_id, version, definition, published_at FROM battery_versions
             WHERE municipality_code = $1 AND id = $2",
        )
        .bind(&self.code)
        .bind(id)
        .fetch_optional(&self.db.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let v = BatteryVersion {
            id: r.try_get("id")?,
            battery_id: r.try_get("battery_id")?,
            version: r.try_get("version")?,
            battery: parse_battery(&r.try_get::<String, _>("definition")?)?,
            published: r.try_get::<Option<i64>, _>("published_at")?.is_some(),
        };
        // A published version never changes (a trigger sees to it), so it can be kept.
        if v.published
            && let Ok(mut cache) = self.db.published_batteries.lock()
        {
            cache.insert((self.code.clone(), id), v.clone());
        }
        Ok(v)
    }

    /// Saves a battery's draft: the open draft is replaced, or a new version (one above
    /// the newest) is started. Published versions are never touched.
    pub async fn save_battery_draft(&self, battery_id: i64, battery: &Battery) -> Result<i64> {
        battery
            .validate()
            .map_err(|e| field("definition", e.to_string()))?;
        let json = serde_json::to_string(battery).unwrap_or_default();
        let mut tx = self.db.begin_write().await?;
        let latest = sqlx::query(
            "SELECT id, version, published_at FROM battery_versions
             WHERE municipality_code = $1 AND battery_id = $2 ORDER BY version DESC LIMIT 1",
        )
        .bind(&self.code)
        .bind(battery_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let (id, version): (i64, i64) = (latest.try_get("id")?, latest.try_get("version")?);
        let draft_id = if latest.try_get::<Option<i64>, _>("published_at")?.is_none() {
            sqlx::query("UPDATE battery_versions SET definition = $1 WHERE municipality_code = $2 AND id = $3")
                .bind(&json)
                .bind(&self.code)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        } else {
            sqlx::query(
                "INSERT INTO battery_versions (municipality_code, battery_id, version, definition)
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&self.code)
            .bind(battery_id)
            .bind(version + 1)
            .bind(&json)
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?
        };
        sqlx::query("UPDATE batteries SET name = $1 WHERE municipality_code = $2 AND id = $3")
            .bind(&battery.name.sv)
            .bind(&self.code)
            .bind(battery_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(draft_id)
    }

    /// Publishes a draft; from now on it cannot change.
    pub async fn publish_battery_version(&self, version_id: i64) -> Result<()> {
        let done = sqlx::query(
            "UPDATE battery_versions SET published_at = $1
             WHERE municipality_code = $2 AND id = $3 AND published_at IS NULL",
        )
        .bind(now())
        .bind(&self.code)
        .bind(version_id)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Creates a round and invites the chosen companies' first contact person with an
    /// e-mail address; companies asked in another round within the quarantine are left
    /// out and named.
    pub async fn create_round(&self, new: &NewRound, actor: &str) -> Result<(i64, Reach)> {
        let (version_id, opens_on, closes_on) = new.checked()?;
        let version = match self.battery_version(version_id).await {
            Err(StoreError::NotFound) => {
                return Err(field("battery_version_id", "choose-a-question-battery"));
            }
            version => version?,
        };
        if !version.published {
            return Err(field(
                "battery_version_id",
                "the-question-battery-must-be-published",
            ));
        }
        let t = now();
        let mut tx = self.db.begin_write().await?;
        let round_id: i64 = sqlx::query(
            "INSERT INTO survey_rounds (municipality_code, battery_version_id, name, opens_on, closes_on,
                 anonymous, quarantine_months, reminder_days, salt, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&self.code)
        .bind(version_id)
        .bind(new.terms.name.trim())
        .bind(opens_on.to_string())
        .bind(closes_on.to_string())
        .bind(i64::from(new.terms.anonymous))
        .bind(new.terms.quarantine_months)
        .bind(new.terms.reminder_column())
        .bind(new_token())
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let audience = self
            .invite(
                &mut tx,
                RoundAudience {
                    round_id,
                    name: new.terms.name.trim(),
                    anonymous: new.terms.anonymous,
                    quarantine_months: new.terms.quarantine_months,
                },
                &new.company_ids,
                actor,
            )
            .await?;
        let round = ("survey_round", round_id);
        self.audit_in(&mut tx, "survey.create", round, audience.audit_detail())
            .await?;
        tx.commit().await?;
        Ok((round_id, audience))
    }

    /// Invites the chosen companies' first contact person with an e-mail address to a round,
    /// inside the caller's transaction; companies asked in another round within the
    /// quarantine, or already invited to this one, are left out and named.
    async fn invite(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        round: RoundAudience<'_>,
        company_ids: &[i64],
        actor: &str,
    ) -> Result<Reach> {
        let t = now();
        let quarantine = round.quarantine_months * 30 * 86_400;
        let mut audience = Reach::default();
        let mut ids = company_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for company_id in ids {
            let company = self.company(company_id).await?;
            let invited_here = sqlx::query(
                "SELECT 1 AS x FROM survey_invitations WHERE round_id = $1 AND company_id = $2",
            )
            .bind(round.round_id)
            .bind(company_id)
            .fetch_optional(&mut **tx)
            .await?;
            if invited_here.is_some() {
                audience.skip(company.name, Message::new("skipped-already-invited"));
                continue;
            }
            if round.quarantine_months > 0 {
                let latest: Option<i64> = sqlx::query(
                    "SELECT MAX(created_at) AS at FROM survey_invitations
                     WHERE municipality_code = $1 AND company_id = $2 AND created_at >= $3",
                )
                .bind(&self.code)
                .bind(company_id)
                .bind(t - quarantine)
                .fetch_one(&mut **tx)
                .await?
                .try_get("at")?;
                if let Some(at) = latest {
                    let until = lots_domain::events::local_day(at + quarantine);
                    let why = Message::new("skipped-in-quarantine").with("until", until);
                    audience.skip(company.name, why);
                    continue;
                }
            }
            let Some(contact) = self.reachable_contact(company_id).await? else {
                audience.skip(company.name, Message::new("skipped-without-email"));
                continue;
            };
            let industry = company
                .sni2007
                .first()
                .and_then(|code| {
                    lots_domain::sni::lineage(lots_domain::sni::SniVersion::Sni2007, code)
                        .first()
                        .map(|s| format!("{} {}", s.code, s.name))
                })
                .unwrap_or_default();
            sqlx::query(
                "INSERT INTO survey_invitations (municipality_code, round_id, company_id, contact_id,
                     email, language, area, industry, size_class, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(&self.code)
            .bind(round.round_id)
            .bind(company_id)
            .bind(contact.id)
            .bind(&contact.email)
            .bind(contact.language.code())
            .bind(company.area_name.clone().unwrap_or_default())
            .bind(industry)
            .bind(&company.size_class)
            .bind(t)
            .execute(&mut **tx)
            .await?;
            if !round.anonymous {
                sqlx::query(
                    "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
                     VALUES ($1, $2, $3, 'survey', 'journey-survey-invited', $4, $5)",
                )
                .bind(&self.code)
                .bind(company_id)
                .bind(t)
                .bind(round.name)
                .bind(actor)
                .execute(&mut **tx)
                .await?;
            }
            audience.reached += 1;
        }
        Ok(audience)
    }

    /// Adds companies to a round that has not closed (a municipality's part of a joint
    /// measurement starts without any); returns who was reached.
    pub async fn add_to_round(
        &self,
        round_id: i64,
        company_ids: &[i64],
        actor: &str,
    ) -> Result<Reach> {
        let round = self.round_facts(round_id).await?;
        if round.closes_on < today() {
            return Err(field("companies", "the-round-has-closed"));
        }
        if company_ids.is_empty() {
            return Err(field("companies", "choose-at-least-one-company"));
        }
        let mut tx = self.db.begin_write().await?;
        let audience = self
            .invite(
                &mut tx,
                RoundAudience {
                    round_id,
                    name: &round.name,
                    anonymous: round.anonymous,
                    quarantine_months: round.quarantine_months,
                },
                company_ids,
                actor,
            )
            .await?;
        let round = ("survey_round", round_id);
        self.audit_in(&mut tx, "survey.invite", round, audience.audit_detail())
            .await?;
        tx.commit().await?;
        Ok(audience)
    }

    /// Brings in an earlier measurement as a closed, anonymous round: `invited` people were
    /// asked, and these responses came back. Idempotent on the round's name.
    pub async fn import_round(
        &self,
        battery_version_id: i64,
        name: &str,
        period: (Date, Date),
        invited: usize,
        responses: &[ImportedResponse],
        actor: &str,
    ) -> Result<i64> {
        if let Some(r) =
            sqlx::query("SELECT id FROM survey_rounds WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(name)
                .fetch_optional(&self.db.pool)
                .await?
        {
            return Ok(r.try_get("id")?);
        }
        if responses.len() > invited {
            return Err(field("invited", "more-answers-than-invited"));
        }
        let version = self.battery_version(battery_version_id).await?;
        for (i, r) in responses.iter().enumerate() {
            let form = lots_domain::battery::as_form(&r.answers);
            version.battery.check(&form, true).map_err(|errors| {
                StoreError::Invalid(format!(
                    "response {}: question {}: {}",
                    i + 1,
                    errors[0].question,
                    errors[0].message.text(lots_i18n::Lang::En)
                ))
            })?;
        }
        let t = now();
        let salt = new_token();
        let mut tx = self.db.begin_write().await?;
        let round_id: i64 = sqlx::query(
            "INSERT INTO survey_rounds (municipality_code, battery_version_id, name, opens_on, closes_on,
                 anonymous, quarantine_months, reminder_days, salt, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 1, 0, '', $6, $7, $8) RETURNING id",
        )
        .bind(&self.code)
        .bind(battery_version_id)
        .bind(name)
        .bind(period.0.to_string())
        .bind(period.1.to_string())
        .bind(&salt)
        .bind(actor)
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        // Those who did not answer are spread over the groups of those who did, so the
        // response rate per area stays an estimate rather than 100 %.
        let mut groups: Vec<(&str, &str, &str, &str)> = responses.iter().map(background).collect();
        groups.sort_unstable();
        groups.dedup();
        for i in 0..invited {
            let response = responses.get(i);
            let (area, industry, size_class, unit) = match response {
                Some(r) => background(r),
                None => groups
                    .get(i % groups.len().max(1))
                    .copied()
                    .unwrap_or_default(),
            };
            let invitation_id: i64 = sqlx::query(
                "INSERT INTO survey_invitations (municipality_code, round_id, email, area, industry,
                     size_class, unit, sent_at, answered, created_at)
                 VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, $7) RETURNING id",
            )
            .bind(&self.code)
            .bind(round_id)
            .bind(area)
            .bind(industry)
            .bind(size_class)
            .bind(unit)
            .bind(t)
            .bind(i64::from(response.is_some()))
            .fetch_one(&mut *tx)
            .await?
            .try_get("id")?;
            if let Some(r) = response {
                let response_id: i64 = sqlx::query(
                    "INSERT INTO survey_responses (municipality_code, round_id, respondent_key, answers,
                         area, industry, size_class, unit, channel, submitted_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'import', $9, $9) RETURNING id",
                )
                .bind(&self.code)
                .bind(round_id)
                .bind(respondent_key(self.db, (&salt, true), invitation_id)?)
                .bind(serde_json::to_string(&r.answers).unwrap_or_default())
                .bind(&r.area)
                .bind(&r.industry)
                .bind(&r.size_class)
                .bind(&r.unit)
                .bind(anonymous_time(true, r.submitted_at))
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
                let background = [&r.area, &r.industry, &r.size_class, &r.unit].map(String::clone);
                index_sums::write_values(
                    &mut tx,
                    (response_id, round_id, &background),
                    &version.battery,
                    &r.answers,
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(round_id)
    }

    pub async fn rounds(&self) -> Result<Vec<Round>> {
        let sql = format!(
            "{ROUND_SELECT} WHERE r.municipality_code = $1 ORDER BY r.opens_on DESC, r.id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(&self.code)
            .fetch_all(&self.db.pool)
            .await?;
        rows.iter().map(round_from_row).collect()
    }

    pub async fn round(&self, id: i64) -> Result<Round> {
        self.round_from(ROUND_SELECT, id).await
    }

    /// Moves a round to the period it ran, first and last day: a round entered after the
    /// fact (answers taken by phone, a history brought in) keeps the dates it had.
    pub async fn set_round_period(
        &self,
        id: i64,
        (opens_on, closes_on): (Date, Date),
    ) -> Result<()> {
        if closes_on < opens_on {
            return Err(StoreError::Field(
                "closes_on".into(),
                Message::new("write-the-closing-day-as-yyyy"),
            ));
        }
        let mut tx = self.db.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE survey_rounds SET opens_on = $1, closes_on = $2
             WHERE municipality_code = $3 AND id = $4",
        )
        .bind(opens_on.to_string())
        .bind(closes_on.to_string())
        .bind(&self.code)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.audit_in(
            &mut tx,
            "survey.period",
            ("survey_round", id),
            format!("{opens_on}..{closes_on}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A round without its counts (`invited` and `answered` are 0), for work done once per
    /// invitation: sending, answering.
    pub async fn round_facts(&self, id: i64) -> Result<Round> {
        self.round_from(ROUND_SELECT_LIGHT, id).await
    }

    async fn round_from(&self, select: &str, id: i64) -> Result<Round> {
        let sql = format!("{select} WHERE r.municipality_code = $1 AND r.id = $2");
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        round_from_row(&row)
    }

    pub async fn invitations(&self, round_id: i64) -> Result<Vec<Invitation>> {
        self.round_facts(round_id).await?;
        let sql = format!(
            "{INVITATION_SELECT} WHERE i.municipality_code = $1 AND i.round_id = $2 ORDER BY c.sort_key"
        );
        let rows = sqlx::query(&sql)
            .bind(&self.code)
            .bind(round_id)
            .fetch_all(&self.db.pool)
            .await?;
        rows.iter().map(invitation_from_row).collect()
    }

    /// A round's invitations as staff may see them (see [`SeenInvitation`]).
    pub async fn staff_invitations(&self, round_id: i64) -> Result<Vec<SeenInvitation>> {
        let anonymous = self.round_facts(round_id).await?.anonymous;
        Ok(self
            .invitations(round_id)
            .await?
            .into_iter()
            .map(|i| SeenInvitation::of(i, anonymous))
            .collect())
    }

    /// One invitation and its round's id, read alone: a send job must not read the other
    /// hundred thousand of its round.
    pub async fn invitation(&self, id: i64) -> Result<(Invitation, i64)> {
        let sql = format!("{INVITATION_SELECT} WHERE i.municipality_code = $1 AND i.id = $2");
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((invitation_from_row(&row)?, row.try_get("round_id")?))
    }

    /// A new personal link for an invitation (the invitation e-mail or a reminder): the
    /// token is returned once and only its hash is kept.
    pub async fn mint_survey_link(&self, invitation_id: i64) -> Result<String> {
        let token = new_token();
        sqlx::query(
            "INSERT INTO survey_links (token_hash, municipality_code, invitation_id, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(&self.code)
        .bind(invitation_id)
        .bind(now())
        .execute(&self.db.pool)
        .await?;
        Ok(token)
    }

    /// Records that the invitation (`reminder` false) or a reminder went out, or why not.
    pub async fn record_delivery(
        &self,
        invitation_id: i64,
        reminder: bool,
        error: Option<&str>,
    ) -> Result<()> {
        let sql = match (reminder, error) {
            (_, Some(_)) => {
                "UPDATE survey_invitations SET delivery_error = $1 WHERE municipality_code = $2 AND id = $3"
            }
            (false, None) => {
                "UPDATE survey_invitations SET delivery_error = $1, sent_at = $4 WHERE municipality_code = $2 AND id = $3"
            }
            (true, None) => {
                "UPDATE survey_invitations SET delivery_error = $1, reminders_sent = reminders_sent + 1 WHERE municipality_code = $2 AND id = $3 AND $4 > 0"
            }
        };
        sqlx::query(sql)
            .bind(error.unwrap_or(""))
            .bind(&self.code)
            .bind(invitation_id)
            .bind(now())
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    /// Invitations due a reminder today: sent, unanswered, the round open, and the next
    /// reminder's day reached.
    pub async fn reminders_due(&self, today: Date, now: i64) -> Result<Vec<(i64, i64)>> {
        let mut due = Vec::new();
        for round in self.rounds().await? {
            if !round.is_open(today) || round.reminder_days.is_empty() {
                continue;
            }
            for i in self.invitations(round.id).await? {
                let Some(sent) = i.sent_at else { continue };
                let Some(days) = round.reminder_days.get(i.reminders_sent as usize) else {
                    continue;
                };
                if !i.answered && now >= sent + days * 86_400 {
                    due.push((i.id, i.reminders_sent + 1));
                }
            }
        }
        Ok(due)
    }

    /// Staff enter an answer taken by phone for an invitation.
    pub async fn enter_phone_answer(
        &self,
        invitation_id: i64,
        answers: &HashMap<String, Answer>,
    ) -> Result<()> {
        let (_, round_id) = self.invitation(invitation_id).await?;
        let round = self.round_facts(round_id).await?;
        let background = invitation_background(self, invitation_id).await?;
        let battery = self
            .battery_version(round.battery_version_id)
            .await?
            .battery;
        save_response(
            self,
            (&round, &battery),
            invitation_id,
            &background,
            answers,
            true,
            "phone",
        )
        .await
    }

    /// The answers of a round's respondents for a file staff download, an audited read;
    /// `None`, and nothing read, when `allowed` refuses that many answers.
    pub async fn export_round_responses(
        &self,
        round_id: i64,
        format: &str,
        allowed: impl Fn(usize) -> bool,
    ) -> Result<Option<Vec<ResponseRecord>>> {
        let responses = self.round_responses(round_id).await?;
        if !allowed(responses.len()) {
            return Ok(None);
        }
        let detail = format!("{} answers, {format}", responses.len());
        self.audit_read("survey.export_answers", ("survey_round", round_id), detail)
            .await?;
        Ok(Some(responses))
    }

    /// The submitted responses of a round, with their background.
    pub async fn round_responses(&self, round_id: i64) -> Result<Vec<ResponseRecord>> {
        // In the order of the respondent key, a hash: nothing about who answered when.
        let rows = sqlx::query(
            "SELECT s.answers, s.area, s.industry, s.size_class, s.unit, s.submitted_at,
                    c.name AS company_name, c.orgnr, c.personal
             FROM survey_responses s
             LEFT JOIN survey_invitations i ON i.id = s.invitation_id
             LEFT JOIN companies c ON c.id = i.company_id
             WHERE s.municipality_code = $1 AND s.round_id = $2 AND s.submitted_at IS NOT NULL
             ORDER BY s.respondent_key",
        )
        .bind(&self.code)
        .bind(round_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ResponseRecord {
                    area: r.try_get("area")?,
                    industry: r.try_get("industry")?,
                    size_class: r.try_get("size_class")?,
                    unit: r.try_get("unit")?,
                    quarter: quarter_of(r.try_get("submitted_at")?),
                    answers: serde_json::from_str(&r.try_get::<String, _>("answers")?)
                        .unwrap_or_default(),
                    company: match r.try_get::<Option<String>, _>("company_name")? {
                        Some(name) => Some(RespondingCompany {
                            name,
                            orgnr: r.try_get("orgnr")?,
                            personal: r.try_get::<i64, _>("personal")? == 1,
                        }),
                        None => None,
                    },
                })
            })
            .collect()
    }

    /// How many were invited per group of a breakdown ("area", "industry", "size_class",
    /// "unit"; any other gives the total alone), "" being the total. Invitations in an area
    /// of `beside` are counted under that area, beside the total and not in it.
    pub async fn invited_per_group(
        &self,
        round_id: i64,
        by: &str,
        beside: &HashSet<String>,
    ) -> Result<HashMap<String, u64>> {
        let (column, group_by) = match by {
            "area" => ("area", "area".to_string()),
            "industry" | "size_class" | "unit" => (by, format!("area, {by}")),
            _ => ("''", "area".to_string()),
        };
        let sql = format!(
            "SELECT area, {column} AS g, COUNT(*) AS n FROM survey_invitations
             WHERE municipality_code = $1 AND round_id = $2 GROUP BY {group_by}"
        );
        let mut out: HashMap<String, u64> = HashMap::from([(String::new(), 0)]);
        for r in sqlx::query(&sql)
            .bind(&self.code)
            .bind(round_id)
            .fetch_all(&self.db.pool)
            .await?
        {
            let n = r.try_get::<i64, _>("n")? as u64;
            let area: String = r.try_get("area")?;
            if beside.contains(&area) {
                *out.entry(area).or_default() += n;
                continue;
            }
            *out.entry(String::new()).or_default() += n;
            let group: String = r.try_get("g")?;
            if !group.is_empty() {
                *out.entry(group).or_default() += n;
            }
        }
        Ok(out)
    }
}

/// The background an invitation carries for breakdowns: area, industry, size class, unit.
async fn invitation_background(tenant: &Tenant<'_>, invitation_id: i64) -> Result<[String; 4]> {
    let r = sqlx::query(
        "SELECT area, industry, size_class, unit FROM survey_invitations
         WHERE municipality_code = $1 AND id = $2",
    )
    .bind(&tenant.code)
    .bind(invitation_id)
    .fetch_one(&tenant.db.pool)
    .await?;
    Ok([
        r.try_get("area")?,
        r.try_get("industry")?,
        r.try_get("size_class")?,
        r.try_get("unit")?,
    ])
}

/// Saves a draft or submits a response, keyed so an anonymous round stores no invitation.
/// Submitting again before the round closes replaces the answers, and their indices with
/// them.
async fn save_response(
    tenant: &Tenant<'_>,
    (round, battery): (&Round, &Battery),
    invitation_id: i64,
    background: &[String; 4],
    answers: &HashMap<String, Answer>,
    submit: bool,
    channel: &str,
) -> Result<()> {
    let key = respondent_key(tenant.db, (&round.salt, round.anonymous), invitation_id)?;
    let json = serde_json::to_string(answers).unwrap_or_default();
    let t = anonymous_time(round.anonymous, now());
    // The transaction writes first: on SQLite one that read before writing could not get
    // the write lock while other respondents submit.
    let _turn = tenant.db.write_turn().await;
    let mut tx = tenant.db.begin_write().await?;
    let saved = sqlx::query(
        "INSERT INTO survey_responses (municipality_code, round_id, invitation_id, respondent_key,
             answers, area, industry, size_class, unit, channel, submitted_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (respondent_key) DO UPDATE SET answers = excluded.answers,
             channel = excluded.channel, updated_at = excluded.updated_at,
             submitted_at = COALESCE(excluded.submitted_at, survey_responses.submitted_at)
         WHERE survey_responses.submitted_at IS NULL OR excluded.submitted_at IS NOT NULL
         RETURNING id",
    )
    .bind(&tenant.code)
    .bind(round.id)
    .bind((!round.anonymous).then_some(invitation_id))
    .bind(&key)
    .bind(&json)
    .bind(&background[0])
    .bind(&background[1])
    .bind(&background[2])
    .bind(&background[3])
    .bind(channel)
    .bind(submit.then_some(t))
    .bind(t)
    .fetch_optional(&mut *tx)
    .await?;
    if let (true, Some(row)) = (submit, saved) {
        let saved = (row.try_get("id")?, round.id, background);
        index_sums::write_values(&mut tx, saved, battery, answers).await?;
        sqlx::query(
            "UPDATE survey_invitations SET answered = 1 WHERE municipality_code = $1 AND id = $2",
        )
        .bind(&tenant.code)
        .bind(invitation_id)
        .execute(&mut *tx)
        .await?;
    }
    if channel == "phone" {
        // In an anonymous round not even the audit log says whose answer it was.
        let record = if round.anonymous {
            ("survey_round", round.id)
        } else {
            ("survey_invitation", invitation_id)
        };
        tenant
            .audit_in(&mut tx, "survey.phone_answer", record, "")
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

impl crate::Db {
    /// What a personal survey link opens; `None` for an unknown or tampered token.
    pub async fn survey_link(&self, token: &str) -> Result<Option<LinkTarget>> {
        let Some(row) = sqlx::query(
            "SELECT l.municipality_code, l.invitation_id, i.round_id, i.language, i.area, i.industry,
                    i.size_class, i.unit, m.name AS municipality_name,
                    c.reference AS case_reference, COALESCE(c.decided_on, c.closed_on) AS case_day
             FROM survey_links l
             JOIN survey_invitations i ON i.id = l.invitation_id
             JOIN municipalities m ON m.code = l.municipality_code
             LEFT JOIN cases c ON c.id = i.case_id AND c.municipality_code = i.municipality_code
             WHERE l.token_hash = $1",
        )
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let code: String = row.try_get("municipality_code")?;
        let tenant = self.tenant_unchecked(&code);
        let round = tenant.round_facts(row.try_get("round_id")?).await?;
        let version = tenant.battery_version(round.battery_version_id).await?;
        let invitation_id: i64 = row.try_get("invitation_id")?;
        let response = sqlx::query(
            "SELECT answers, submitted_at FROM survey_responses WHERE respondent_key = $1",
        )
        .bind(respondent_key(
            self,
            (&round.salt, round.anonymous),
            invitation_id,
        )?)
        .fetch_optional(&self.pool)
        .await?;
        let (answers, submitted) = match response {
            Some(r) => (
                serde_json::from_str(&r.try_get::<String, _>("answers")?).unwrap_or_default(),
                r.try_get::<Option<i64>, _>("submitted_at")?.is_some(),
            ),
            None => (HashMap::new(), false),
        };
        Ok(Some(LinkTarget {
            municipality_code: code,
            municipality_name: row.try_get("municipality_name")?,
            invitation_id,
            background: [
                row.try_get("area")?,
                row.try_get("industry")?,
                row.try_get("size_class")?,
                row.try_get("unit")?,
            ],
            round,
            battery: version.battery,
            language: crate::db::language(&row)?,
            answers,
            submitted,
            about: row
                .try_get::<Option<String>, _>("case_reference")?
                .map(|reference| {
                    Ok::<_, crate::StoreError>(CaseAbout {
                        reference,
                        area: row.try_get("area")?,
                        decided_on: row
                            .try_get::<Option<String>, _>("case_day")?
                            .and_then(|d| d.parse().ok()),
                    })
                })
                .transpose()?,
        }))
    }

    /// Saves (or submits) the answers given through a personal link.
    pub async fn save_link_response(
        &self,
        target: &LinkTarget,
        answers: &HashMap<String, Answer>,
        submit: bool,
    ) -> Result<()> {
        let tenant = self.tenant_unchecked(&target.municipality_code);
        save_response(
            &tenant,
            (&target.round, &target.battery),
            target.invitation_id,
            &target.background,
            answers,
            submit,
            "web",
        )
        .await
    }
}
