//! Cases from the case systems: the municipality's service areas, writing a case (from an
//! import, the API or a form; idempotent on the diarienummer), the case list with its
//! computed deadlines, and handling-time statistics.

use jiff::civil::Date;
use lots_domain::case_import::CaseRecord;
use lots_domain::cases::{
    CaseDates, DeadlineRule, HandlingAccumulator, HandlingTimes, ServiceArea,
};
use sqlx::Row;

lots_domain::codes! {
    /// Where a case stands, told by its dates.
    pub enum CaseStatus {
        Open = "open" => "running",
        Decided = "decided" => "decided",
        Closed = "closed" => "case-closed",
    }
}

lots_domain::codes! {
    /// What became of the NKI survey about a closed case.
    pub enum SurveyState {
        /// Waiting for the month's batch.
        Queued = "queued" => "survey-state-queued",
        /// Its service area is not measured.
        NotMeasured = "not_measured" => "survey-state-not-measured",
        Invited = "invited" => "survey-state-invited",
        /// The company was asked recently and is not asked again yet.
        Quarantine = "quarantine" => "survey-state-quarantine",
        /// No one to ask: no contact e-mail.
        NoContact = "no_contact" => "survey-state-no-contact",
    }
}

use crate::params::{Params, limit_offset};
use crate::{Result, StoreError, Tenant, now};

/// A service area as stored: the domain's with its row id.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AreaRow {
    pub id: i64,
    #[serde(flatten)]
    pub area: ServiceArea,
}

/// A case with its dates parsed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Case {
    pub id: i64,
    pub reference: String,
    pub company_id: Option<i64>,
    pub orgnr: String,
    pub company_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub area_code: String,
    pub area_name: String,
    #[serde(skip)]
    pub rule: DeadlineRule,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub officer: String,
    #[serde(skip)]
    pub dates: CaseDates,
    pub received_on: Option<Date>,
    pub complete_on: Option<Date>,
    pub decided_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub extension_weeks: i64,
    pub extension_decision: String,
    pub decision: String,
    pub fee_sek: Option<i64>,
    /// `None` while the case is open.
    pub survey_state: Option<SurveyState>,
    pub updated_at: i64,
}

impl Case {
    pub fn status(&self) -> CaseStatus {
        if self.closed_on.is_some() {
            CaseStatus::Closed
        } else if self.decided_on.is_some() {
            CaseStatus::Decided
        } else {
            CaseStatus::Open
        }
    }

    pub fn deadline(&self) -> Option<Date> {
        self.dates.deadline(self.rule)
    }

    /// Days over the deadline, counted to `today` while undecided.
    pub fn days_over(&self, today: Date) -> i64 {
        self.dates.days_over(self.rule, today)
    }

    /// The fee reduction in kronor, when the fee is known.
    pub fn fee_reduction(&self, today: Date) -> Option<i64> {
        (self.rule == DeadlineRule::Pbl)
            .then_some(self.fee_sek)
            .flatten()
            .map(|fee| self.dates.fee_reduction(self.rule, fee, today))
    }
}

/// What writing a case did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Written {
    Created,
    Updated,
    Unchanged,
}

#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub area_id: Option<i64>,
    pub unit_id: Option<i64>,
    /// Any of these units (a manager's); empty means no such condition.
    pub units: Vec<i64>,
    pub status: Option<CaseStatus>,
    /// Only cases over their deadline or undecided six months.
    pub late: bool,
    pub company_id: Option<i64>,
    /// The case officer's name as the case system gives it ("mina ärenden").
    pub officer: Option<String>,
    pub query: Option<String>,
    pub page: usize,
    pub per_page: usize,
}

#[derive(Debug, Clone)]
pub struct CasePage {
    pub total: usize,
    pub items: Vec<Case>,
}

/// One row of the handling-time table: a group (area, unit or month) and its figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HandlingRow {
    pub group: String,
    #[serde(flatten)]
    pub times: HandlingTimes,
}

pub const HANDLING_GROUPS: [&str; 3] = ["area", "unit", "month"];

const CASE_SELECT: &str = "SELECT k.id, k.reference, k.company_id, k.orgnr, k.company_name,
        k.contact_email, k.contact_phone, s.code AS area_code, s.name AS area_name, s.rule,
        k.unit_id, u.name AS unit_name, k.officer, k.received_on, k.complete_on, k.decided_on,
        k.closed_on, k.extension_weeks, k.extension_decision, k.decision, k.fee_sek,
        k.survey_state, k.updated_at
    FROM cases k
    JOIN service_areas s ON s.id = k.area_id
    LEFT JOIN units u ON u.id = k.unit_id";

fn rule_of(code: &str) -> DeadlineRule {
    if code == "pbl" {
        DeadlineRule::Pbl
    } else {
        DeadlineRule::None
    }
}

fn rule_code(rule: DeadlineRule) -> &'static str {
    match rule {
        DeadlineRule::Pbl => "pbl",
        DeadlineRule::None => "none",
    }
}

/// Noon of a day in Europe/Stockholm as Unix seconds: where a dated step sits on a timeline.
pub(crate) fn midday(date: Date) -> Option<i64> {
    let zoned = date.at(12, 0, 0, 0).in_tz("Europe/Stockholm").ok()?;
    Some(zoned.timestamp().as_second())
}

fn case_from_row(r: &sqlx::any::AnyRow) -> Result<Case> {
    let received_on = crate::db::date_opt(r, "received_on")?;
    let complete_on = crate::db::date_opt(r, "complete_on")?;
    let decided_on = crate::db::date_opt(r, "decided_on")?;
    let extension_weeks: i64 = r.try_get("extension_weeks")?;
    Ok(Case {
        id: r.try_get("id")?,
        reference: r.try_get("reference")?,
        company_id: r.try_get("company_id")?,
        orgnr: r.try_get("orgnr")?,
        company_name: r.try_get("company_name")?,
        contact_email: r.try_get("contact_email")?,
        contact_phone: r.try_get("contact_phone")?,
        area_code: r.try_get("area_code")?,
        area_name: r.try_get("area_name")?,
        rule: rule_of(&r.try_get::<String, _>("rule")?),
        unit_id: r.try_get("unit_id")?,
        unit_name: r.try_get("unit_name")?,
        officer: r.try_get("officer")?,
        dates: CaseDates {
            received: received_on,
            complete: complete_on,
            decided: decided_on,
            extension_weeks: extension_weeks as i32,
        },
        received_on,
        complete_on,
        decided_on,
        closed_on: crate::db::date_opt(r, "closed_on")?,
        extension_weeks,
        extension_decision: r.try_get("extension_decision")?,
        decision: r.try_get("decision")?,
        fee_sek: r.try_get("fee_sek")?,
        survey_state: match r.try_get::<String, _>("survey_state")?.as_str() {
            "" => None,
            _ => Some(crate::db::code(r, "survey_state")?),
        },
        updated_at: r.try_get("updated_at")?,
    })
}

impl Tenant<'_> {
    /// The municipality's service areas, the defaults installed on first use (a
    /// municipality always has some, so the common case is one query).
    pub async fn service_areas(&self) -> Result<Vec<AreaRow>> {
        let areas = self.read_service_areas().await?;
        if !areas.is_empty() {
            return Ok(areas);
        }
        let mut tx = self.db.begin_write().await?;
        for a in lots_domain::cases::default_areas() {
            sqlx::query(
                "INSERT INTO service_areas (municipality_code, code, name, measured, rule)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (municipality_code, code) DO NOTHING",
            )
            .bind(&self.code)
            .bind(&a.code)
            .bind(&a.name)
            .bind(i64::from(a.measured))
            .bind(rule_code(a.rule))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        self.read_service_areas().await
    }

    pub(crate) async fn read_service_areas(&self) -> Result<Vec<AreaRow>> {
        let rows = sqlx::query(
            "SELECT id, code, name, measured, rule FROM service_areas
             WHERE municipality_code = $1 ORDER BY id",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AreaRow {
                    id: r.try_get("id")?,
                    area: ServiceArea {
                        code: r.try_get("code")?,
                        name: r.try_get("name")?,
                        measured: r.try_get::<i64, _>("measured")? == 1,
                        rule: rule_of(&r.try_get::<String, _>("rule")?),
                    },
                })
            })
            .collect()
    }

    /// The steps of a company's cases as journey events: received, decided, closed.
    pub(crate) async fn case_events(&self, company_id: i64) -> Result<Vec<crate::JourneyEvent>> {
        let page = self
            .cases(
                &CaseFilter {
                    company_id: Some(company_id),
                    page: 1,
                    per_page: 1000,
                    ..Default::default()
                },
                Date::default(),
            )
            .await?;
        let mut events = Vec::new();
        for c in page.items {
            let steps = [
                (c.received_on, "journey-case-received", c.area_name.clone()),
                (c.decided_on, "journey-case-decided", c.decision.clone()),
                (c.closed_on, "journey-case-closed", String::new()),
            ];
            for (i, (day, summary, what)) in steps.into_iter().enumerate() {
                let Some(at) = day.and_then(midday) else {
                    continue;
                };
                events.push(crate::JourneyEvent {
                    // Negative ids keep derived events apart from written ones.
                    id: -(c.id * 3 + i as i64),
                    at,
                    kind: crate::JourneyKind::Case,
                    summary: summary.into(),
                    detail: [c.reference.as_str(), what.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · "),
                    facts: Vec::new(),
                    actor: c.officer.clone(),
                });
            }
        }
        Ok(events)
    }

    /// Adds a service area; its code is made from its name.
    pub async fn add_service_area(
        &self,
        name: &str,
        measured: bool,
        rule: DeadlineRule,
    ) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::Field(
                "name".into(),
                "write-the-areas-name-at-most".into(),
            ));
        }
        let code: String = lots_domain::text::fold(name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if self
            .service_areas()
            .await?
            .iter()
            .any(|a| a.area.code == code || a.area.name.eq_ignore_ascii_case(name))
        {
            return Err(StoreError::Field(
                "name".into(),
                "that-area-already-exists".into(),
            ));
        }
        Ok(sqlx::query(
            "INSERT INTO service_areas (municipality_code, code, name, measured, rule)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&self.code)
        .bind(&code)
        .bind(name)
        .bind(i64::from(measured))
        .bind(rule_code(rule))
        .fetch_one(&self.db.pool)
        .await?
        .try_get("id")?)
    }

    /// Whether closed cases of an area are followed by the Insikt survey.
    pub async fn set_area_measured(&self, id: i64, measured: bool) -> Result<()> {
        let done = sqlx::query(
            "UPDATE service_areas SET measured = $1 WHERE municipality_code = $2 AND id = $3",
        )
        .bind(i64::from(measured))
        .bind(&self.code)
        .bind(id)
        .execute(&self.db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// A case as staff see it: with its contact's e-mail and phone (an audited read) when
    /// `personal`, without them otherwise.
    pub async fn case_seen(&self, id: i64, personal: bool) -> Result<Case> {
        let mut case = self.case(id).await?;
        let has_contact = !case.contact_email.is_empty() || !case.contact_phone.is_empty();
        if !personal {
            case.contact_email.clear();
            case.contact_phone.clear();
        } else if has_contact {
            self.audit_read("case.view_contact", ("case", id), "")
                .await?;
        }
        Ok(case)
    }

    pub async fn case(&self, id: i64) -> Result<Case> {
        let sql = format!("{CASE_SELECT} WHERE k.municipality_code = $1 AND k.id = $2");
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        case_from_row(&row)
    }

    pub async fn case_by_reference(&self, reference: &str) -> Result<Option<Case>> {
        let sql = format!("{CASE_SELECT} WHERE k.municipality_code = $1 AND k.reference = $2");
        sqlx::query(&sql)
            .bind(&self.code)
            .bind(reference.trim())
            .fetch_optional(&self.db.pool)
            .await?
            .as_ref()
            .map(case_from_row)
            .transpose()
    }

    /// Writes a checked case: created, or updated when its diarienummer is known (the same
    /// case pushed twice is one case, and an unchanged one is not written again).
    /// `source` says who sent it (`api:TOKEN`, `import:FILE`).
    pub async fn write_case(&self, record: &CaseRecord, source: &str) -> Result<(i64, Written)> {
        let before = self.case_by_reference(&record.reference).await?;
        if let Some(b) = &before
            && self.unchanged(b, record).await?
        {
            return Ok((b.id, Written::Unchanged));
        }
        let targets = CaseTargets::load(self).await?;
        targets.check_unit(record)?;
        let mut tx = self.db.begin_write().await?;
        targets
            .upsert(&mut tx, std::slice::from_ref(record), source)
            .await?;
        tx.commit().await?;
        let id = self
            .case_by_reference(&record.reference)
            .await?
            .ok_or(StoreError::NotFound)?
            .id;
        let written = if before.is_some() {
            Written::Updated
        } else {
            Written::Created
        };
        Ok((id, written))
    }

    /// Writes many checked cases in one transaction (distinct diarienummer; known ones are
    /// updated). Returns how many were new.
    pub async fn write_cases(&self, records: &[CaseRecord], source: &str) -> Result<usize> {
        let targets = CaseTargets::load(self).await?;
        for r in records {
            targets.check_unit(r)?;
        }
        let mut tx = self.db.begin_write().await?;
        let mut created = 0;
        for chunk in records.chunks(500) {
            created += targets.upsert(&mut tx, chunk, source).await?;
        }
        tx.commit().await?;
        Ok(created)
    }

    /// Whether writing `record` would change nothing of `before`.
    async fn unchanged(&self, b: &Case, r: &CaseRecord) -> Result<bool> {
        let company_id = match &r.company {
            Some(id) => self.company_by_orgnr(&id.canonical()).await?.map(|c| c.id),
            None => None,
        };
        let unit_name = (!r.unit.is_empty()).then(|| r.unit.clone());
        Ok(b.company_id == company_id
            && b.orgnr
                == r.company
                    .as_ref()
                    .map(|c| c.canonical())
                    .unwrap_or_default()
            && b.company_name == r.company_name
            && b.contact_email == r.contact_email
            && b.contact_phone == r.contact_phone
            && b.area_code == r.area_code
            && b.unit_name == unit_name
            && b.officer == r.officer
            && b.received_on == r.dates.received
            && b.complete_on == r.dates.complete
            && b.decided_on == r.dates.decided
            && b.closed_on == r.closed
            && b.extension_weeks == i64::from(r.dates.extension_weeks)
            && b.extension_decision == r.extension_decision
            && b.decision == r.decision
            && b.fee_sek == r.fee_sek)
    }

    /// Cases matching a filter, newest received first; `late` is decided against `today`.
    pub async fn cases(&self, f: &CaseFilter, today: Date) -> Result<CasePage> {
        let mut p = Params::new(self.db);
        let mut conditions = vec![format!("k.municipality_code = {}", p.text(&self.code))];
        if let Some(a) = f.area_id {
            conditions.push(format!("k.area_id = {}", p.int(a)));
        }
        if let Some(u) = f.unit_id {
            conditions.push(format!("k.unit_id = {}", p.int(u)));
        }
        if !f.units.is_empty() {
            let ids: Vec<String> = f.units.iter().map(|u| p.int(*u)).collect();
            conditions.push(format!("k.unit_id IN ({})", ids.join(", ")));
        }
        if let Some(c) = f.company_id {
            conditions.push(format!("k.company_id = {}", p.int(c)));
        }
        if let Some(o) = f.officer.as_deref() {
            conditions.push(format!("k.officer = {}", p.text(o)));
        }
        match f.status {
            Some(CaseStatus::Open) => {
                conditions.push("k.decided_on IS NULL AND k.closed_on IS NULL".into())
            }
            Some(CaseStatus::Decided) => {
                conditions.push("k.decided_on IS NOT NULL AND k.closed_on IS NULL".into())
            }
            Some(CaseStatus::Closed) => conditions.push("k.closed_on IS NOT NULL".into()),
            None => {}
        }
        if let Some(q) = f.query.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            let like = format!("%{}%", q.to_lowercase());
            conditions.push(format!(
                "(LOWER(k.reference) LIKE {} OR LOWER(k.company_name) LIKE {} OR k.orgnr LIKE {})",
                p.text(like.as_str()),
                p.text(like.as_str()),
                p.text(like.as_str())
            ));
        }
        if f.late {
            // Lateness depends on today and the area's rule, so it is decided here over the
            // undecided cases, which are few beside the decided ones.
            conditions.push("k.decided_on IS NULL AND k.closed_on IS NULL".into());
            let sql = format!("{CASE_SELECT} WHERE {}", conditions.join(" AND "));
            let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
            let mut items = rows.iter().map(case_from_row).collect::<Result<Vec<_>>>()?;
            items.retain(|c| c.days_over(today) > 0 || c.dates.undecided_six_months(today));
            items.sort_by_key(|c| (std::cmp::Reverse(c.days_over(today)), c.id));
            let total = items.len();
            let per_page = f.per_page.max(1);
            let skip = (f.page.max(1) - 1).saturating_mul(per_page);
            let items = items.into_iter().skip(skip).take(per_page).collect();
            return Ok(CasePage { total, items });
        }
        let count_sql = format!(
            "SELECT COUNT(*) AS n FROM cases k WHERE {}",
            conditions.join(" AND ")
        );
        let total: i64 = p
            .bind(&count_sql)
            .fetch_one(&self.db.pool)
            .await?
            .try_get("n")?;
        let sql = format!(
            "{CASE_SELECT} WHERE {} ORDER BY k.received_on DESC, k.id DESC {}",
            conditions.join(" AND "),
            limit_offset(f.page, f.per_page)
        );
        let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
        Ok(CasePage {
            total: total as usize,
            items: rows.iter().map(case_from_row).collect::<Result<_>>()?,
        })
    }

    /// Handling times of the cases received in the months of `[from, to]` (whole months, as
    /// the counts are kept), grouped by
    /// `by` (one of [`HANDLING_GROUPS`]), with the total first (group "").
    pub async fn handling_times(&self, by: &str, period: (Date, Date)) -> Result<Vec<HandlingRow>> {
        // Counts per area, unit, month and handling day are kept by triggers (migration
        // 0011); percentiles come from them, so a million cases cost a few hundred rows.
        let group = match by {
            "unit" => "COALESCE(u.name, '')",
            "month" => "h.month",
            _ => "s.name",
        };
        let sql = format!(
            "SELECT {group} AS g, h.days, CAST(SUM(h.n) AS BIGINT) AS n,
                 CAST(SUM(h.with_deadline) AS BIGINT) AS with_deadline,
                 CAST(SUM(h.met) AS BIGINT) AS met
             FROM case_handling_counts h JOIN service_areas s ON s.id = h.area_id
             LEFT JOIN units u ON u.id = h.unit_id
             WHERE h.municipality_code = $1 AND h.month >= $2 AND h.month <= $3 AND h.n > 0
             GROUP BY {group}, h.days"
        );
        let month = |d: Date| d.strftime("%Y-%m").to_string();
        let rows = sqlx::query(&sql)
            .bind(&self.code)
            .bind(month(period.0))
            .bind(month(period.1))
            .fetch_all(&self.db.pool)
            .await?;
        let mut total = HandlingAccumulator::default();
        let mut groups: std::collections::BTreeMap<String, HandlingAccumulator> =
            Default::default();
        for r in &rows {
            let (days, n): (i64, i64) = (r.try_get("days")?, r.try_get("n")?);
            let with_deadline: i64 = r.try_get("with_deadline")?;
            let met: i64 = r.try_get("met")?;
            let counts = (days, n as u64, with_deadline as u64, met as u64);
            total.add_count(counts.0, counts.1, counts.2, counts.3);
            groups
                .entry(r.try_get("g")?)
                .or_default()
                .add_count(counts.0, counts.1, counts.2, counts.3);
        }
        let mut groups: Vec<(String, HandlingAccumulator)> = groups.into_iter().collect();
        if by != "month" {
            lots_domain::collation::sort_by_key(&mut groups, |(g, _)| g);
        }
        let mut out = vec![HandlingRow {
            group: String::new(),
            times: total.finish(),
        }];
        out.extend(groups.into_iter().map(|(group, acc)| HandlingRow {
            group,
            times: acc.finish(),
        }));
        Ok(out)
    }
}

/// What a batch of case rows is written against: the municipality's areas and units by
/// name, so each row's ids are found without a query of its own.
#[derive(Clone)]
pub(crate) struct CaseTargets {
    code: String,
    pool: sqlx::AnyPool,
    backend_numbered: bool,
    areas: std::collections::HashMap<String, (i64, bool, DeadlineRule)>,
    units: std::collections::HashMap<String, i64>,
}

impl CaseTargets {
    pub(crate) async fn load(tenant: &Tenant<'_>) -> Result<CaseTargets> {
        let areas = tenant
            .service_areas()
            .await?
            .into_iter()
            .map(|a| (a.area.code, (a.id, a.area.measured, a.area.rule)))
            .collect();
        let units = tenant
            .units()
            .await?
            .into_iter()
            .map(|u| (u.name, u.id))
            .collect();
        Ok(CaseTargets {
            code: tenant.code.clone(),
            pool: tenant.db.pool.clone(),
            backend_numbered: tenant.db.backend() == crate::Backend::Postgres,
            areas,
            units,
        })
    }

    /// Refuses a unit the municipality does not have.
    pub(crate) fn check_unit(&self, r: &CaseRecord) -> Result<()> {
        if r.unit.is_empty() || self.units.contains_key(&r.unit) {
            return Ok(());
        }
        let mut known: Vec<&str> = self.units.keys().map(String::as_str).collect();
        lots_domain::collation::sort_by_key(&mut known, |u| u);
        Err(StoreError::Field(
            "unit".into(),
            lots_i18n::Message::new("unknown-unit-known-units").with("known", known.join(", ")),
        ))
    }

    /// Inserts the cases, or updates those whose diarienummer is known, in one statement;
    /// the company is found by its organisationsnummer inside it. A case closed in a
    /// measured area is queued for the next Insikt survey batch, once. The references must
    /// be distinct. Returns how many were new.
    pub(crate) async fn upsert(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        records: &[CaseRecord],
        source: &str,
    ) -> Result<usize> {
        if records.is_empty() {
            return Ok(0);
        }
        let mut p = Params::new_numbered(self.backend_numbered);
        let refs: Vec<String> = records
            .iter()
            .map(|r| p.text(r.reference.as_str()))
            .collect();
        let existing_sql = format!(
            "SELECT COUNT(*) AS n FROM cases WHERE municipality_code = {} AND reference IN ({})",
            p.text(self.code.as_str()),
            refs.join(", ")
        );
        // Counted outside the transaction: on SQLite a transaction that reads before it
        // writes cannot take the write lock once another connection has committed. The
        // file's references are distinct, so earlier batches of this transaction cannot
        // hold them.
        let existing: i64 = p
            .bind(&existing_sql)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let t = now();
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut p = Params::new_numbered(self.backend_numbered);
        let mut rows = Vec::with_capacity(records.len());
        for r in records {
            let &(area_id, measured, rule) = self
                .areas
                .get(&r.area_code)
                .ok_or_else(|| StoreError::Field("area".into(), "unknown-area".into()))?;
            let orgnr = r
                .company
                .as_ref()
                .map(|c| c.canonical())
                .unwrap_or_default();
            let survey_state = match r.closed {
                Some(_) if measured => "queued",
                Some(_) => "not_measured",
                None => "",
            };
            // Anonymous placeholders bind in the order they are made: left to right.
            let values = [
                p.text(self.code.as_str()),
                p.text(r.reference.as_str()),
                format!(
                    "(SELECT id FROM companies WHERE municipality_code = {} AND orgnr = {})",
                    p.text(self.code.as_str()),
                    p.text(orgnr.as_str())
                ),
                p.text(orgnr),
                p.text(r.company_name.as_str()),
                p.text(r.contact_email.as_str()),
                p.text(r.contact_phone.as_str()),
                p.int(area_id),
                p.opt_int(self.units.get(&r.unit).copied()),
                p.text(r.officer.as_str()),
                format!("NULLIF({}, '')", p.text(date(r.dates.received))),
                format!("NULLIF({}, '')", p.text(date(r.dates.complete))),
                format!("NULLIF({}, '')", p.text(date(r.dates.decided))),
                format!("NULLIF({}, '')", p.text(date(r.closed))),
                p.int(i64::from(r.dates.extension_weeks)),
                p.text(r.extension_decision.as_str()),
                p.text(r.decision.as_str()),
                p.opt_int(r.fee_sek),
                p.opt_int(r.dates.handling_days()),
                p.opt_int(r.dates.within_deadline(rule).map(i64::from)),
                p.text(survey_state),
                p.text(source),
                p.int(t),
                p.int(t),
            ];
            rows.push(format!("({})", values.join(", ")));
        }
        let sql = format!(
            "INSERT INTO cases (municipality_code, reference, company_id, orgnr, company_name,
                 contact_email, contact_phone, area_id, unit_id, officer, received_on, complete_on,
                 decided_on, closed_on, extension_weeks, extension_decision, decision, fee_sek,
                 handling_days, deadline_met, survey_state, source, created_at, updated_at)
             VALUES {}
             ON CONFLICT (municipality_code, reference) DO UPDATE SET
                 company_id = excluded.company_id, orgnr = excluded.orgnr,
                 company_name = excluded.company_name, contact_email = excluded.contact_email,
                 contact_phone = excluded.contact_phone, area_id = excluded.area_id,
                 unit_id = excluded.unit_id, officer = excluded.officer,
                 received_on = excluded.received_on, complete_on = excluded.complete_on,
                 decided_on = excluded.decided_on, closed_on = excluded.closed_on,
                 extension_weeks = excluded.extension_weeks,
                 extension_decision = excluded.extension_decision, decision = excluded.decision,
                 fee_sek = excluded.fee_sek, handling_days = excluded.handling_days,
                 deadline_met = excluded.deadline_met,
                 survey_state = CASE WHEN cases.survey_state = '' THEN excluded.survey_state
                     ELSE cases.survey_state END,
                 source = excluded.source, updated_at = excluded.updated_at",
            rows.join(", ")
        );
        p.bind(&sql).execute(&mut **tx).await?;
        Ok(records.len() - existing as usize)
    }
}
