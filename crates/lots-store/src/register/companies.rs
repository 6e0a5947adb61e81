//! The company registry of a municipality: companies keyed by organisationsnummer, areas,
//! search, and the journey timeline every change is written to.

use std::collections::HashMap;

use lots_domain::collation::sort_key;
use lots_domain::company_import::{CompanyRecord, size_class};
use lots_domain::orgnr::{CompanyId, LegalForm};
use lots_domain::sni::SniVersion;
use lots_domain::text::name_words;
use lots_i18n::{Lang, Message};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::Refusals;
use crate::params::{Params, limit_offset};
use crate::{Result, StoreError, Tenant, now};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Company {
    pub id: i64,
    pub orgnr: String,
    /// A sole trader's personnummer: personal data, masked for roles that don't need it.
    pub personal: bool,
    /// Told by the organisationsnummer's first digit (or a personnummer).
    pub legal_form: LegalForm,
    pub name: String,
    pub other_names: Vec<String>,
    /// The primary code first.
    pub sni2007: Vec<String>,
    pub sni2025: Vec<String>,
    pub employees: Option<i64>,
    pub size_class: String,
    pub visit_address: String,
    pub postcode: String,
    pub town: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub area_id: Option<i64>,
    pub area_name: Option<String>,
    pub tags: Vec<String>,
    pub status: CompanyStatus,
    pub notes: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The columns of a register export, as message ids: the headings are in the reader's
/// language, and the importer knows them in both.
pub const EXPORT_COLUMNS: [&str; 13] = [
    "organisation-number",
    "company-name",
    "legal-form",
    "sni-2007",
    "sni-2025",
    "number-of-employees",
    "size-class",
    "visiting-address",
    "postcode",
    "town",
    "area",
    "tags",
    "status",
];

/// The export's headings in `lang`.
pub fn export_header(lang: Lang) -> Vec<String> {
    EXPORT_COLUMNS.map(|id| lots_i18n::text(lang, id)).to_vec()
}

impl Company {
    /// The company as a row under [`EXPORT_COLUMNS`], with its identity as the reader may see it.
    pub fn export_row(&self, shown_orgnr: String, lang: Lang) -> Vec<String> {
        vec![
            shown_orgnr,
            self.name.clone(),
            lots_i18n::text(lang, self.legal_form.message()),
            self.sni2007.join(", "),
            self.sni2025.join(", "),
            self.employees.map(|n| n.to_string()).unwrap_or_default(),
            self.size_class.clone(),
            self.visit_address.clone(),
            self.postcode.clone(),
            self.town.clone(),
            self.area_name.clone().unwrap_or_default(),
            self.tags.join(", "),
            self.status.code().to_string(),
        ]
    }
}

/// What a person or a file says about a company.
#[derive(Debug, Clone, Default)]
pub struct CompanyInput {
    pub orgnr: String,
    pub name: String,
    pub other_names: Vec<String>,
    pub sni2007: Vec<String>,
    pub sni2025: Vec<String>,
    pub employees: Option<i64>,
    pub visit_address: String,
    pub postcode: String,
    pub town: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub area: Option<String>,
    pub tags: Vec<String>,
    /// Active when `None`.
    pub status: Option<CompanyStatus>,
    pub notes: String,
}

#[derive(Debug, Clone, Default)]
pub struct CompanyFilter {
    /// A name (typos allowed), an organisationsnummer in any form, or a contact's name.
    pub query: Option<String>,
    /// An SNI 2007 code at any level: a section letter or the first digits.
    pub sni: Option<String>,
    pub area_id: Option<i64>,
    pub size_class: Option<String>,
    pub tag: Option<String>,
    pub status: Option<CompanyStatus>,
    pub page: usize,
    pub per_page: usize,
    /// Keyset paging: the page after this company, or before it, in the list's order
    /// (instead of `page`, so a late page costs what the first does).
    pub after: Option<i64>,
    pub before: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CompanyPage {
    pub total: usize,
    pub items: Vec<Company>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Area {
    pub id: i64,
    pub name: String,
    pub companies: i64,
}

lots_domain::codes! {
    /// What a step of a company's journey is about; the stored ones are written to the
    /// journey, the others read from the rows they tell of.
    pub enum JourneyKind {
        Created = "created" => "journey-kind-created",
        Changed = "changed" => "journey-kind-changed",
        Note = "note" => "journey-kind-note",
        Contact = "contact" => "journey-kind-contact",
        Imported = "imported" => "journey-kind-imported",
        Merged = "merged" => "journey-kind-merged",
        Case = "case" => "journey-kind-case",
        ContactLog = "contact_log" => "journey-kind-contact-log",
        FaultReport = "fault_report" => "journey-kind-fault-report",
        Event = "event" => "journey-kind-event",
        Network = "network" => "journey-kind-network",
        Visit = "visit" => "journey-kind-visit",
        Referral = "referral" => "journey-kind-referral",
        Feedback = "feedback" => "journey-kind-feedback",
        Survey = "survey" => "journey-kind-survey",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JourneyEvent {
    pub id: i64,
    pub at: i64,
    pub kind: JourneyKind,
    /// The message id of what happened; its `detail` attribute, where it has one, says the
    /// detail and the facts in a sentence.
    pub summary: String,
    /// What it concerns, as stored: a case number, an event's name, the changed fields' ids.
    pub detail: String,
    /// Named facts for the message: a status code, a date, a person.
    pub facts: Vec<(&'static str, String)>,
    pub actor: String,
}

lots_domain::codes! {
    /// A company's standing in the register.
    pub enum CompanyStatus {
        Active = "active" => "company-active",
        Deregistered = "deregistered" => "deregistered",
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    /// Registered companies whose row holds exactly what is stored: nothing written.
    pub unchanged: usize,
}

impl ImportOutcome {
    /// The counts, as the audit row of the import says them.
    pub(crate) fn audit_detail(&self) -> String {
        format!(
            "{} created, {} updated, {} unchanged, {} skipped",
            self.created, self.updated, self.unchanged, self.skipped
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDuplicate {
    Update,
    Skip,
}

const COMPANY_COLUMNS: &str = "c.id, c.orgnr, c.personal, c.legal_form, c.name, c.other_names, \
    c.sni2007, c.sni2025, c.employees, c.size_class, c.visit_address, c.postcode, c.town, \
    c.latitude, c.longitude, c.area_id, a.name AS area_name, c.tags, c.status, c.notes, \
    c.created_at, c.updated_at";

fn list(s: &str, sep: char) -> Vec<String> {
    s.split(sep)
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The legal form of a stored organisationsnummer: stored numbers are canonical and checked,
/// so one that no longer parses is a damaged row.
fn legal_form(orgnr: &str) -> Result<LegalForm> {
    CompanyId::parse(orgnr)
        .map(|id| id.legal_form())
        .map_err(|e| StoreError::Invalid(format!("stored organisationsnummer {orgnr}: {e}")))
}

/// The column `legal_form` keeps the form's Swedish name for those who read the table
/// directly; Lots itself tells the form from the number.
pub(crate) fn stored_legal_form(id: &CompanyId) -> String {
    lots_i18n::text(Lang::Sv, id.legal_form().message())
}

fn company_from_row(r: &AnyRow) -> Result<Company> {
    let personal: i64 = r.try_get("personal")?;
    Ok(Company {
        id: r.try_get("id")?,
        orgnr: r.try_get("orgnr")?,
        personal: personal != 0,
        legal_form: legal_form(&r.try_get::<String, _>("orgnr")?)?,
        name: r.try_get("name")?,
        other_names: list(&r.try_get::<String, _>("other_names")?, '\n'),
        sni2007: list(&r.try_get::<String, _>("sni2007")?, ','),
        sni2025: list(&r.try_get::<String, _>("sni2025")?, ','),
        employees: r.try_get("employees")?,
        size_class: r.try_get("size_class")?,
        visit_address: r.try_get("visit_address")?,
        postcode: r.try_get("postcode")?,
        town: r.try_get("town")?,
        latitude: r.try_get("latitude")?,
        longitude: r.try_get("longitude")?,
        area_id: r.try_get("area_id")?,
        area_name: r.try_get("area_name")?,
        tags: list(&r.try_get::<String, _>("tags")?, ','),
        status: crate::db::code(r, "status")?,
        notes: r.try_get("notes")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The folded words a search matches: the names, then the contact people's names.
pub(crate) fn company_search_text(
    name: &str,
    other_names: &[String],
    contacts: &[String],
) -> String {
    let mut words = name_words(name);
    for other in other_names {
        words.extend(name_words(other));
    }
    words.push("|".into());
    for c in contacts {
        words.extend(name_words(c));
    }
    words.join(" ")
}

impl CompanyInput {
    /// Checks the input against the register's rules; the error names every wrong field.
    pub fn check(&self) -> Result<CompanyId> {
        let mut refusals = Refusals::default();
        let id = CompanyId::parse(&self.orgnr)
            .map_err(|e| refusals.refuse("orgnr", e.message()))
            .ok();
        refusals.check(
            !self.name.trim().is_empty(),
            "name",
            "enter-the-company-name",
        );
        for (field, version, codes) in [
            ("sni2007", SniVersion::Sni2007, &self.sni2007),
            ("sni2025", SniVersion::Sni2025, &self.sni2025),
        ] {
            if let Some(bad) = codes
                .iter()
                .find(|c| lots_domain::sni::lookup(version, c).is_none())
            {
                refusals.refuse(
                    field,
                    Message::new("sni-code-not-in-version")
                        .with("code", bad)
                        .with("version", version.code()),
                );
            }
        }
        refusals.check(
            self.employees.is_none_or(|n| n >= 0),
            "employees",
            "employees-cannot-be-negative",
        );
        refusals.done_with(id)
    }

    pub fn from_record(r: &CompanyRecord) -> CompanyInput {
        CompanyInput {
            orgnr: r.id.canonical(),
            name: r.name.clone(),
            other_names: r.other_names.clone(),
            sni2007: r.sni2007.clone(),
            sni2025: r.sni2025.clone(),
            employees: r.employees,
            visit_address: r.visit_address.clone(),
            postcode: r.postcode.clone(),
            town: r.town.clone(),
            latitude: None,
            longitude: None,
            area: r.area.clone(),
            tags: r.tags.clone(),
            status: None,
            notes: r.notes.clone(),
        }
    }
}

fn normalise_codes(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| lots_domain::sni::normalise(c))
        .collect::<Vec<_>>()
        .join(",")
}

impl Tenant<'_> {
    /// The municipality's areas in Swedish order, with how many companies each has.
    pub async fn areas(&self) -> Result<Vec<Area>> {
        let rows = sqlx::query(
            "SELECT a.id, a.name,
                 (SELECT COUNT(*) FROM companies c
                  WHERE c.municipality_code = $1 AND c.area_id = a.id) AS n
             FROM areas a WHERE a.municipality_code = $2 ORDER BY a.sort_key",
        )
        .bind(&self.code)
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Area {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    companies: r.try_get("n")?,
                })
            })
            .collect()
    }

    /// The id of an area by name, created when it is new.
    pub(crate) async fn area_id(&self, name: Option<&str>) -> Result<Option<i64>> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        sqlx::query(
            "INSERT INTO areas (municipality_code, name, sort_key) VALUES ($1, $2, $3)
             ON CONFLICT (municipality_code, name) DO NOTHING",
        )
        .bind(&self.code)
        .bind(name)
        .bind(sort_key(name))
        .execute(&self.db.pool)
        .await?;
        let id: i64 =
            sqlx::query("SELECT id FROM areas WHERE municipality_code = $1 AND name = $2")
                .bind(&self.code)
                .bind(name)
                .fetch_one(&self.db.pool)
                .await?
                .try_get("id")?;
        Ok(Some(id))
    }

    pub async fn company(&self, id: i64) -> Result<Company> {
        let sql = format!(
            "SELECT {COMPANY_COLUMNS} FROM companies c LEFT JOIN areas a ON a.id = c.area_id
             WHERE c.municipality_code = $1 AND c.id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        company_from_row(&row)
    }

    /// The company a person names by its organisationsnummer, or by its name when exactly
    /// one company of the register has it (any case), or else when the register's search
    /// (which forgives spelling) finds exactly one.
    pub async fn find_company(&self, named: &str) -> Result<Option<i64>> {
        if let Some(c) = self.company_by_orgnr(named).await? {
            return Ok(Some(c.id));
        }
        let rows = sqlx::query(
            "SELECT id FROM companies WHERE municipality_code = $1 AND LOWER(name) = LOWER($2) LIMIT 2",
        )
        .bind(&self.code)
        .bind(named.trim())
        .fetch_all(&self.db.pool)
        .await?;
        if let [one] = rows.as_slice() {
            return Ok(Some(one.try_get("id")?));
        }
        // Else as the register's search finds it (spelling forgiven), when it finds one only.
        let found = self
            .companies(&CompanyFilter {
                query: Some(named.trim().to_string()),
                page: 1,
                per_page: 2,
                ..Default::default()
            })
            .await?;
        match found.items.as_slice() {
            [one] if found.total == 1 => Ok(Some(one.id)),
            _ => Ok(None),
        }
    }

    pub async fn company_by_orgnr(&self, orgnr: &str) -> Result<Option<Company>> {
        let Ok(id) = CompanyId::parse(orgnr) else {
            return Ok(None);
        };
        let found: Option<i64> =
            sqlx::query("SELECT id FROM companies WHERE municipality_code = $1 AND orgnr = $2")
                .bind(&self.code)
                .bind(id.canonical())
                .fetch_optional(&self.db.pool)
                .await?
                .map(|r| r.try_get("id"))
                .transpose()?;
        match found {
            Some(id) => Ok(Some(self.company(id).await?)),
            None => Ok(None),
        }
    }

    pub(crate) async fn contact_names(&self, company_id: i64) -> Result<Vec<String>> {
        let rows =
            sqlx::query("SELECT name FROM contacts WHERE company_id = $1 AND erased_at IS NULL")
                .bind(company_id)
                .fetch_all(&self.db.pool)
                .await?;
        rows.iter().map(|r| Ok(r.try_get("name")?)).collect()
    }

    /// Creates a company; `Conflict` when its organisationsnummer is already registered.
    pub async fn create_company(&self, input: &CompanyInput, actor: &str) -> Result<Company> {
        let id = input.check()?;
        if self.company_by_orgnr(&id.canonical()).await?.is_some() {
            return Err(StoreError::Field(
                "orgnr".into(),
                "a-company-with-that-orgnr-exists".into(),
            ));
        }
        let area = self.area_id(input.area.as_deref()).await?;
        let t = now();
        let name = input.name.trim();
        let mut tx = self.db.begin_write().await?;
        let new_id: i64 = sqlx::query(
            "INSERT INTO companies (municipality_code, orgnr, personal, legal_form, name, other_names,
                 sort_key, search_text, sni2007, sni2025, employees, size_class, visit_address,
                 postcode, town, latitude, longitude, area_id, tags, status, notes, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                     CAST($16 AS DOUBLE PRECISION), CAST($17 AS DOUBLE PRECISION), $18,
                     $19, $20, $21, $22, $22) RETURNING id",
        )
        .bind(&self.code)
        .bind(id.canonical())
        .bind(i64::from(id.is_personal()))
        .bind(stored_legal_form(&id))
        .bind(name)
        .bind(input.other_names.join("\n"))
        .bind(sort_key(name))
        .bind(company_search_text(name, &input.other_names, &[]))
        .bind(normalise_codes(&input.sni2007))
        .bind(normalise_codes(&input.sni2025))
        .bind(input.employees)
        .bind(size_class(input.employees))
        .bind(input.visit_address.trim())
        .bind(input.postcode.trim())
        .bind(input.town.trim())
        .bind(crate::params::coordinate(input.latitude))
        .bind(crate::params::coordinate(input.longitude))
        .bind(area)
        .bind(input.tags.join(","))
        .bind(input.status.unwrap_or(CompanyStatus::Active).code())
        .bind(input.notes.trim())
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let created = (JourneyKind::Created, "journey-created", "");
        self.journey_in(&mut tx, new_id, created, actor).await?;
        self.bump_search_version_in(&mut tx).await?;
        self.audit_in(&mut tx, "company.create", ("company", new_id), "")
            .await?;
        tx.commit().await?;
        self.company(new_id).await
    }

    /// Replaces a company's facts; the journey records which fields changed.
    pub async fn update_company(
        &self,
        company_id: i64,
        input: &CompanyInput,
        actor: &str,
    ) -> Result<Company> {
        let before = self.company(company_id).await?;
        let id = input.check()?;
        if id.canonical() != before.orgnr && self.company_by_orgnr(&id.canonical()).await?.is_some()
        {
            return Err(StoreError::Field(
                "orgnr".into(),
                "a-company-with-that-orgnr-exists".into(),
            ));
        }
        let area = self.area_id(input.area.as_deref()).await?;
        let contacts = self.contact_names(company_id).await?;
        let mut tx = self.db.begin_write().await?;
        update_query(&self.code, company_id, &id, input, area, &contacts)
            .execute(&mut *tx)
            .await?;
        self.bump_search_version_in(&mut tx).await?;
        self.audit_in(&mut tx, "company.update", ("company", company_id), "")
            .await?;
        tx.commit().await?;
        let after = self.company(company_id).await?;
        let changed = changed_fields(&before, &after);
        if !changed.is_empty() {
            self.add_journey_event(
                company_id,
                JourneyKind::Changed,
                "journey-changed",
                &changed.join(", "),
                actor,
            )
            .await?;
        }
        Ok(after)
    }

    /// Writes an event to a company's journey.
    pub async fn add_journey_event(
        &self,
        company_id: i64,
        kind: JourneyKind,
        summary: &str,
        detail: &str,
        actor: &str,
    ) -> Result<()> {
        let mut conn = self.db.pool.acquire().await?;
        self.journey_in(&mut conn, company_id, (kind, summary, detail), actor)
            .await
    }

    /// A journey event as part of a larger change, on that change's transaction;
    /// `what` is (kind, summary message id, detail).
    pub(crate) async fn journey_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        company_id: i64,
        (kind, summary, detail): (JourneyKind, &str, &str),
        actor: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO journey_events (municipality_code, company_id, at, kind, summary, detail, actor)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&self.code)
        .bind(company_id)
        .bind(now())
        .bind(kind.code())
        .bind(summary)
        .bind(detail)
        .bind(actor)
        .execute(conn)
        .await?;
        Ok(())
    }

    /// A note on the company's journey.
    pub async fn add_note(&self, company_id: i64, text: &str, actor: &str) -> Result<()> {
        self.company(company_id).await?;
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Field("note".into(), "write-the-note".into()));
        }
        self.add_journey_event(company_id, JourneyKind::Note, "journey-note", text, actor)
            .await
    }

    /// The company's journey, newest first: the events written to it, the steps of its
    /// cases read from the cases themselves (kind `case`, dated by day), so a case pushed
    /// again never tells its story twice, its entries in the contact log, its fault reports,
    /// its invitations, registrations and attendance at events, its networks, its visits and the referrals made on them.
    pub async fn journey(&self, company_id: i64) -> Result<Vec<JourneyEvent>> {
        self.company(company_id).await?;
        let rows = sqlx::query(
            "SELECT id, at, kind, summary, detail, actor FROM journey_events
             WHERE municipality_code = $1 AND company_id = $2 ORDER BY at DESC, id DESC",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut events = rows
            .iter()
            .map(|r| {
                Ok(JourneyEvent {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    kind: crate::db::code(r, "kind")?,
                    summary: r.try_get("summary")?,
                    detail: r.try_get("detail")?,
                    facts: Vec::new(),
                    actor: r.try_get("actor")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        events.extend(self.import_event(company_id).await?);
        events.extend(self.case_events(company_id).await?);
        events.extend(self.contact_events(company_id).await?);
        events.extend(self.fault_events(company_id).await?);
        events.extend(self.event_journey(company_id).await?);
        events.extend(self.network_journey(company_id).await?);
        events.extend(self.visit_journey(company_id).await?);
        events.extend(self.referral_journey(company_id).await?);
        events.extend(self.feedback_journey(company_id).await?);
        events.sort_by_key(|e| std::cmp::Reverse((e.at, e.id)));
        Ok(events)
    }

    /// The companies with these ids, in the order given, read in one query.
    async fn companies_by_ids(&self, ids: &[i64]) -> Result<Vec<Company>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut p = Params::new(self.db);
        let code = p.text(&self.code);
        let wanted: Vec<String> = ids.iter().map(|id| p.int(*id)).collect();
        let sql = format!(
            "SELECT {COMPANY_COLUMNS} FROM companies c LEFT JOIN areas a ON a.id = c.area_id
             WHERE c.municipality_code = {code} AND c.id IN ({})",
            wanted.join(", ")
        );
        let mut found: HashMap<i64, Company> = p
            .bind(&sql)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| company_from_row(r).map(|c| (c.id, c)))
            .collect::<Result<_>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The import that created the company, if one did: the line of the file it came from.
    async fn import_event(&self, company_id: i64) -> Result<Option<JourneyEvent>> {
        sqlx::query(
            "SELECT i.at, i.actor, c.import_line FROM companies c
             JOIN company_imports i ON i.id = c.import_id
             WHERE c.municipality_code = $1 AND c.id = $2",
        )
        .bind(&self.code)
        .bind(company_id)
        .fetch_optional(&self.db.pool)
        .await?
        .map(|r| {
            Ok(JourneyEvent {
                // Derived events have negative ids, apart from the other kinds'.
                id: -(company_id + 6_000_000_000),
                at: r.try_get("at")?,
                kind: JourneyKind::Imported,
                summary: "journey-imported".into(),
                detail: r.try_get::<i64, _>("import_line")?.to_string(),
                facts: Vec::new(),
                actor: r.try_get("actor")?,
            })
        })
        .transpose()
    }

    /// Companies matching a filter, in Swedish order (by relevance first for a name search).
    /// Every company of a filter, for a file staff download: the export is audited with
    /// how many rows it held and in which format.
    pub async fn export_companies(&self, f: &CompanyFilter, format: &str) -> Result<Vec<Company>> {
        let companies = self.companies(f).await?.items;
        let detail = format!("{} rows, {format}", companies.len());
        self.audit_read("company.export", ("company", "*"), detail)
            .await?;
        Ok(companies)
    }

    pub async fn companies(&self, f: &CompanyFilter) -> Result<CompanyPage> {
        let mut p = Params::new(self.db);
        let mut conditions = vec![format!("c.municipality_code = {}", p.text(&self.code))];
        if let Some(sni) = f
            .sni
            .as_deref()
            .map(lots_domain::sni::normalise)
            .filter(|s| !s.is_empty())
        {
            if sni.chars().all(|c| c.is_ascii_alphabetic()) {
                // A section letter: every code whose division belongs to it.
                let divisions: Vec<String> =
                    lots_domain::sni::codes(lots_domain::sni::SniVersion::Sni2007)
                        .iter()
                        .filter(|c| c.level == 2 && c.parent == sni)
                        .map(|c| {
                            format!(
                                "(',' || c.sni2007) LIKE {}",
                                p.text(format!("%,{}%", c.code))
                            )
                        })
                        .collect();
                conditions.push(if divisions.is_empty() {
                    "1 = 0".into()
                } else {
                    format!("({})", divisions.join(" OR "))
                });
            } else {
                conditions.push(format!(
                    "(',' || c.sni2007) LIKE {}",
                    p.text(format!("%,{sni}%"))
                ));
            }
        }
        if let Some(area) = f.area_id {
            conditions.push(format!("c.area_id = {}", p.int(area)));
        }
        if let Some(size) = f.size_class.as_deref().filter(|s| !s.is_empty()) {
            conditions.push(format!("c.size_class = {}", p.text(size)));
        }
        if let Some(tag) = f.tag.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            conditions.push(format!(
                "(',' || c.tags || ',') LIKE {}",
                p.text(format!("%,{tag},%"))
            ));
        }
        if let Some(status) = f.status {
            conditions.push(format!("c.status = {}", p.text(status.code())));
        }
        let query = f.query.as_deref().map(str::trim).filter(|q| !q.is_empty());
        if let Some(id) = query.and_then(|q| CompanyId::parse(q).ok()) {
            conditions.push(format!("c.orgnr = {}", p.text(id.canonical())));
        } else if let Some(q) = query {
            let mut ids = self.search_ids(&name_words(q)).await?;
            if conditions.len() > 1 {
                // Other filters too: keep the index's order, among the rows they allow.
                let sql = format!(
                    "SELECT c.id FROM companies c WHERE {}",
                    conditions.join(" AND ")
                );
                let allowed: std::collections::HashSet<i64> = p
                    .bind(&sql)
                    .fetch_all(&self.db.pool)
                    .await?
                    .iter()
                    .map(|r| r.try_get("id"))
                    .collect::<Result<_, _>>()?;
                ids.retain(|id| allowed.contains(id));
            }
            let per_page = f.per_page.max(1);
            let start = f.page.max(1).saturating_sub(1).saturating_mul(per_page);
            let page: Vec<i64> = ids.iter().skip(start).take(per_page).copied().collect();
            return Ok(CompanyPage {
                total: ids.len(),
                items: self.companies_by_ids(&page).await?,
            });
        }
        let where_clause = conditions.join(" AND ");
        let version = self.register_version().await?;
        // Every condition of the WHERE clause is in the key (the query too: a number in it
        // is a condition on orgnr).
        let filter_key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            f.sni, f.area_id, f.size_class, f.tag, f.status, query
        );
        let total = match self.cached_count(&filter_key, version) {
            Some(n) => n,
            None => {
                let _counting = self.db.counts.1.lock().await;
                match self.cached_count(&filter_key, version) {
                    Some(n) => n,
                    None => {
                        let n: i64 = p
                            .bind(&format!(
                                "SELECT COUNT(*) AS n FROM companies c WHERE {where_clause}"
                            ))
                            .fetch_one(&self.db.pool)
                            .await?
                            .try_get("n")?;
                        self.remember_count(&filter_key, version, n as usize);
                        n as usize
                    }
                }
            }
        };
        // The page's ids come from the sort index alone; only those rows are read whole.
        // From a cursor the walk starts at the cursor's name; otherwise it skips the pages
        // before this one.
        let cursor = match (f.after, f.before) {
            (Some(id), _) => Some((">", id)),
            (None, Some(id)) => Some(("<", id)),
            (None, None) => None,
        };
        let mut page_where = where_clause.clone();
        let mut order = "c.sort_key, c.id";
        let mut window = limit_offset(f.page, f.per_page);
        if let Some((op, id)) = cursor {
            let key: Option<String> = sqlx::query(
                "SELECT sort_key FROM companies WHERE municipality_code = $1 AND id = $2",
            )
            .bind(&self.code)
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .map(|r| r.try_get("sort_key"))
            .transpose()?;
            if let Some(key) = key {
                // One placeholder per use, in the order they appear: SQLite's are anonymous.
                let from = p.text(key.clone());
                let past = p.text(key);
                let id = p.int(id);
                page_where = format!(
                    "{where_clause} AND c.sort_key {op}= {from} AND (c.sort_key {op} {past} OR c.id {op} {id})"
                );
                if op == "<" {
                    order = "c.sort_key DESC, c.id DESC";
                }
                window = limit_offset(1, f.per_page);
            }
        }
        let sql = format!(
            "SELECT {COMPANY_COLUMNS} FROM companies c LEFT JOIN areas a ON a.id = c.area_id
             WHERE c.id IN (SELECT c.id FROM companies c WHERE {page_where}
                            ORDER BY {order} {window})
             ORDER BY c.sort_key, c.id"
        );
        let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
        Ok(CompanyPage {
            total,
            items: rows.iter().map(company_from_row).collect::<Result<_>>()?,
        })
    }
}

/// The UPDATE that replaces a company's facts, to run on the pool or in a transaction.
pub(crate) fn update_query<'q>(
    code: &'q str,
    company_id: i64,
    id: &CompanyId,
    input: &'q CompanyInput,
    area: Option<i64>,
    contacts: &[String],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let name = input.name.trim();
    sqlx::query(
        "UPDATE companies SET orgnr = $1, personal = $2, legal_form = $3, name = $4,
             other_names = $5, sort_key = $6, search_text = $7, sni2007 = $8, sni2025 = $9,
             employees = $10, size_class = $11, visit_address = $12, postcode = $13, town = $14,
             latitude = CAST($15 AS DOUBLE PRECISION), longitude = CAST($16 AS DOUBLE PRECISION),
             area_id = $17, tags = $18, status = $19,
             notes = $20, updated_at = $21
         WHERE municipality_code = $22 AND id = $23",
    )
    .bind(id.canonical())
    .bind(i64::from(id.is_personal()))
    .bind(stored_legal_form(id))
    .bind(name)
    .bind(input.other_names.join("\n"))
    .bind(sort_key(name))
    .bind(company_search_text(name, &input.other_names, contacts))
    .bind(normalise_codes(&input.sni2007))
    .bind(normalise_codes(&input.sni2025))
    .bind(input.employees)
    .bind(size_class(input.employees))
    .bind(input.visit_address.trim())
    .bind(input.postcode.trim())
    .bind(input.town.trim())
    .bind(crate::params::coordinate(input.latitude))
    .bind(crate::params::coordinate(input.longitude))
    .bind(area)
    .bind(input.tags.join(","))
    .bind(input.status.unwrap_or(CompanyStatus::Active).code())
    .bind(input.notes.trim())
    .bind(now())
    .bind(code)
    .bind(company_id)
}

/// Which facts differ, in Swedish, for the journey.
fn changed_fields(a: &Company, b: &Company) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |changed: bool, label: &'static str| {
        if changed {
            out.push(label);
        }
    };
    check(a.orgnr != b.orgnr, "changed-orgnr");
    check(a.name != b.name, "changed-name");
    check(a.other_names != b.other_names, "changed-other-names");
    check(
        a.sni2007 != b.sni2007 || a.sni2025 != b.sni2025,
        "changed-sni",
    );
    check(a.employees != b.employees, "changed-employees");
    check(
        a.visit_address != b.visit_address || a.postcode != b.postcode || a.town != b.town,
        "changed-address",
    );
    check(
        a.latitude != b.latitude || a.longitude != b.longitude,
        "changed-coordinates",
    );
    check(a.area_id != b.area_id, "changed-area");
    check(a.tags != b.tags, "changed-tags");
    check(a.status != b.status, "changed-status");
    check(a.notes != b.notes, "changed-notes");
    out
}

/// A company filter saved under a name: the list page's query string.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SavedFilter {
    pub id: i64,
    pub name: String,
    pub query: String,
}

impl Tenant<'_> {
    /// Saves a filter under a name; the same name replaces the earlier filter.
    pub async fn save_filter(&self, name: &str, query: &str, actor: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::Field(
                "filter_name".into(),
                "give-the-filter-a-name-at".into(),
            ));
        }
        sqlx::query(
            "INSERT INTO saved_filters (municipality_code, name, query, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (municipality_code, name) DO UPDATE SET query = excluded.query,
                 created_by = excluded.created_by, created_at = excluded.created_at",
        )
        .bind(&self.code)
        .bind(name)
        .bind(query)
        .bind(actor)
        .bind(now())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// The municipality's saved filters in Swedish order.
    pub async fn saved_filters(&self) -> Result<Vec<SavedFilter>> {
        let rows =
            sqlx::query("SELECT id, name, query FROM saved_filters WHERE municipality_code = $1")
                .bind(&self.code)
                .fetch_all(&self.db.pool)
                .await?;
        let mut filters = rows
            .iter()
            .map(|r| {
                Ok(SavedFilter {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    query: r.try_get("query")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        lots_domain::collation::sort_by_key(&mut filters, |f| &f.name);
        Ok(filters)
    }
}
