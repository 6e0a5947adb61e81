//! Which companies a visit campaign may visit: filters over the register (area, SNI, size,
//! cases in the last months, not visited lately, low satisfaction in earlier surveys, new in
//! the register) and companies picked by hand, each with the priority the plan weighs.

use std::collections::{HashMap, HashSet};

use lots_domain::battery::{Answer, Battery};
use lots_domain::nki::Band;
use lots_domain::survey_results::respondent_values;
use sqlx::Row;

use crate::error::field;
use crate::{CompanyFilter, Result, Tenant};

/// What the campaign's candidates are chosen by.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Area, SNI code and size class.
    pub companies: CompanyFilter,
    /// Only companies with a case received or decided in the last so many months.
    pub cases_within_months: Option<i64>,
    /// Leave out companies visited in the last so many months.
    pub not_visited_months: Option<i64>,
    /// Only companies whose latest survey answer gave an NKI below "Godkänt".
    pub low_satisfaction: bool,
    /// Only companies that came into the register in the last so many months.
    pub new_within_months: Option<i64>,
    /// Organisationsnummer or names, one per line: always among the candidates.
    pub hand_picked: String,
    /// The hand-picked companies alone, without the filters' companies.
    pub only_hand_picked: bool,
}

/// A company the campaign may visit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub orgnr: String,
    pub area: Option<String>,
    /// 0–100: how much the municipality wants the company visited.
    pub priority: i64,
    pub why: Why,
}

/// Why a company is a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Why {
    HandPicked,
    /// Its NKI in the latest survey it answered was low.
    LowSatisfaction(i64),
    /// It meets the selection's conditions.
    Selected,
}

impl Why {
    /// The message id that says it, and the NKI its message names.
    pub fn message(self) -> (&'static str, Option<i64>) {
        match self {
            Why::HandPicked => ("why-hand-picked", None),
            Why::LowSatisfaction(nki) => ("why-low-satisfaction", Some(nki)),
            Why::Selected => ("why-selected", None),
        }
    }
}

/// Hand-picked companies are the ones someone asked for by name.
const HAND_PICKED_PRIORITY: i64 = 90;
/// Dissatisfied companies are the reason to visit at all.
const LOW_SATISFACTION_PRIORITY: i64 = 80;
const DEFAULT_PRIORITY: i64 = 50;

/// More companies than any campaign visits: a selection this wide is to be narrowed, not
/// planned over (a register of a million would otherwise be read whole into the plan).
const MAX_CANDIDATES: usize = 5_000;
/// Said when a selection passes `MAX_CANDIDATES` (a fixed text, so the interface can
/// translate it).
const TOO_WIDE: &str = "the-selection-is-too-wide";

/// Companies read from the register at a time while the other conditions are applied.
const PAGE: usize = 1_000;

fn months(name: &str, value: Option<i64>) -> Result<Option<i64>> {
    match value {
        Some(m) if !(1..=120).contains(&m) => Err(field(name, "write-a-number-of-months")),
        m => Ok(m),
    }
}

/// The first day of the month so many months before today, Europe/Stockholm, and the same
/// instant as a Unix time.
fn months_ago(months: i64) -> (String, i64) {
    let now = jiff::Zoned::now()
        .in_tz("Europe/Stockholm")
        .unwrap_or_else(|_| jiff::Zoned::now());
    let then = now
        .checked_sub(jiff::Span::new().months(months))
        .unwrap_or_else(|_| now.clone());
    (then.date().to_string(), then.timestamp().as_second())
}

impl Tenant<'_> {
    /// The campaign's candidates, hand-picked first; `Err` names the wrong field or line.
    pub async fn select_companies(&self, s: &Selection) -> Result<Vec<Candidate>> {
        let cases = months("cases_months", s.cases_within_months)?;
        let not_visited = months("visited_months", s.not_visited_months)?;
        let new = months("new_months", s.new_within_months)?;
        let mut out: Vec<Candidate> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        for (n, line) in s.hand_picked.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some(id) = self.find_company(line).await? else {
                return Err(crate::error::field(
                    "hand_picked",
                    lots_i18n::Message::new("line-company-not-in-register")
                        .with("line", n + 1)
                        .with("name", line),
                ));
            };
            let c = self.company(id).await?;
            if c.status != crate::CompanyStatus::Active {
                return Err(crate::error::field(
                    "hand_picked",
                    lots_i18n::Message::new("line-company-deregistered")
                        .with("line", n + 1)
                        .with("name", &c.name),
                ));
            }
            if seen.insert(id) {
                out.push(Candidate {
                    id,
                    name: c.name,
                    orgnr: c.orgnr,
                    area: c.area_name,
                    priority: HAND_PICKED_PRIORITY,
                    why: Why::HandPicked,
                });
            }
        }
        if s.only_hand_picked {
            if out.is_empty() {
                return Err(field("hand_picked", "write-at-least-one-company-one"));
            }
            return Ok(out);
        }
        let mut filter = s.companies.clone();
        filter.status = Some(crate::CompanyStatus::Active);
        filter.page = 1;
        filter.per_page = PAGE;
        let with_cases = match cases {
            Some(m) => Some(self.companies_with_cases_since(&months_ago(m).0).await?),
            None => None,
        };
        let visited = match not_visited {
            Some(m) => self.companies_visited_since(months_ago(m).1).await?,
            None => HashSet::new(),
        };
        let dissatisfied = if s.low_satisfaction {
            Some(self.dissatisfied_companies().await?)
        } else {
            None
        };
        let new_since = new.map(|m| months_ago(m).1);
        loop {
            let page = self.companies(&filter).await?.items;
            let last = (page.len() == PAGE)
                .then(|| page.last().map(|c| c.id))
                .flatten();
            for c in page {
                let keep = with_cases.as_ref().is_none_or(|w| w.contains(&c.id))
                    && !visited.contains(&c.id)
                    && dissatisfied.as_ref().is_none_or(|d| d.contains_key(&c.id))
                    && new_since.is_none_or(|t| c.created_at >= t);
                if !keep || !seen.insert(c.id) {
                    continue;
                }
                if out.len() == MAX_CANDIDATES {
                    return Err(field("companies", TOO_WIDE));
                }
                let why = match dissatisfied.as_ref().and_then(|d| d.get(&c.id)) {
                    Some(nki) => Why::LowSatisfaction(nki.round() as i64),
                    None => Why::Selected,
                };
                out.push(Candidate {
                    id: c.id,
                    name: c.name,
                    orgnr: c.orgnr,
                    area: c.area_name,
                    priority: if s.low_satisfaction {
                        LOW_SATISFACTION_PRIORITY
                    } else {
                        DEFAULT_PRIORITY
                    },
                    why,
                });
            }
            match last {
                Some(id) => filter.after = Some(id),
                None => break,
            }
        }
        Ok(out)
    }

    async fn companies_with_cases_since(&self, day: &str) -> Result<HashSet<i64>> {
        sqlx::query(
            "SELECT DISTINCT company_id FROM cases
             WHERE municipality_code = $1 AND company_id IS NOT NULL
               AND (received_on >= $2 OR decided_on >= $2)",
        )
        .bind(&self.code)
        .bind(day)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("company_id")?))
        .collect()
    }

    /// Companies with a visit made (or booked to be made) since then, in any campaign.
    async fn companies_visited_since(&self, since: i64) -> Result<HashSet<i64>> {
        sqlx::query(
            "SELECT DISTINCT company_id FROM visits
             WHERE municipality_code = $1 AND status IN ('done', 'booked')
               AND COALESCE(starts_at, created_at) >= $2",
        )
        .bind(&self.code)
        .bind(since)
        .fetch_all(&self.db.pool)
        .await?
        .iter()
        .map(|r| Ok(r.try_get("company_id")?))
        .collect()
    }

    /// Companies whose latest answer to a survey with an NKI gave one below "Godkänt"
    /// (SKR's band, under 62), with that NKI. Anonymous answers name no company.
    async fn dissatisfied_companies(&self) -> Result<HashMap<i64, f64>> {
        let rows = sqlx::query(
            "SELECT i.company_id, r.answers, b.definition
             FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id
             JOIN survey_rounds s ON s.id = r.round_id
             JOIN battery_versions b ON b.id = s.battery_version_id
             WHERE r.municipality_code = $1 AND r.submitted_at IS NOT NULL
               AND i.company_id IS NOT NULL
             ORDER BY r.submitted_at, r.id",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        let nki = ["nki".to_string()];
        let mut batteries: HashMap<String, Option<Battery>> = HashMap::new();
        let mut latest: HashMap<i64, f64> = HashMap::new();
        for r in &rows {
            let definition: String = r.try_get("definition")?;
            let battery = batteries
                .entry(definition)
                .or_insert_with_key(|d| Battery::from_json(d).ok());
            let Some(battery) = battery else { continue };
            let answers: HashMap<String, Answer> =
                serde_json::from_str(&r.try_get::<String, _>("answers")?).unwrap_or_default();
            if let Some(value) = respondent_values(battery, &nki, &answers)[0] {
                latest.insert(
                    r.try_get("company_id")?,
                    lots_domain::stats::value_of(value),
                );
            }
        }
        latest.retain(|_, v| matches!(Band::of(*v), Band::Low | Band::VeryLow));
        Ok(latest)
    }
}
