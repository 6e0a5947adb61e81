//! Fault reports (felanmälan): the services a municipality takes reports for, a report from
//! Open311 or the web form (linked to the company when the reporter is a contact person of
//! one), the unit's queue, status changes with notes, and reports of the same service
//! nearby in recent days (a possible duplicate).

use std::collections::{BTreeMap, HashMap};

use lots_domain::open311::{Attribute, FaultStatus, check_attributes, distance_m, valid_point};
use lots_i18n::Message;
use sqlx::Row;

use super::fault_photos::{CleanPhoto, check_photos, write_photos};
use crate::params::{Params, limit_offset};
use crate::secret::new_token;
use crate::{Result, StoreError, Tenant, now};

lots_domain::codes! {
    /// How a report came in: the municipality's own form or an Open311 client.
    #[derive(Default)]
    pub enum FaultChannel {
        #[default]
        Web = "web" => "fault-channel-web",
        Open311 = "open311" => "fault-channel-open311",
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FaultService {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    pub group: String,
    pub keywords: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub attributes: Vec<Attribute>,
}

#[derive(Debug, Clone, Default)]
pub struct NewFaultReport {
    pub service_code: String,
    pub description: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    /// `attribute[code]` answers.
    pub attributes: HashMap<String, Vec<String>>,
    pub media_url: String,
    /// Photos as sent (at most [`super::fault_photos::MAX_FAULT_PHOTOS`]), before they are
    /// checked and cleaned.
    pub photos: Vec<Vec<u8>>,
    pub channel: FaultChannel,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FaultReport {
    pub id: i64,
    pub service_code: String,
    pub service_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub token: String,
    pub status: FaultStatus,
    pub status_notes: String,
    pub description: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub address: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub company_id: Option<i64>,
    pub company_name: Option<String>,
    pub attributes: BTreeMap<String, String>,
    pub media_url: String,
    /// The token of the first photo sent with the report, if any.
    pub photo: Option<String>,
    pub channel: FaultChannel,
    pub requested_at: i64,
    pub updated_at: i64,
}

/// What a report is refused for, in the terms of both the web form and Open311's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultError {
    /// The form field (or Open311 parameter) at fault.
    pub field: String,
    /// For the person at the form.
    pub message: Message,
    /// For an Open311 client: the description in the API's own terms (its parameter
    /// names, in English like the standard).
    pub api: String,
}

fn refuse(field: &str, message: &'static str, api: &str) -> FaultError {
    FaultError {
        field: field.into(),
        message: Message::new(message),
        api: api.into(),
    }
}

/// A report as checked: what [`Tenant::create_fault_report`] writes beside the form's text.
struct CheckedReport {
    service_id: i64,
    point: Option<(f64, f64)>,
    email: String,
    attributes: std::collections::BTreeMap<String, String>,
    photos: Vec<CleanPhoto>,
}

#[derive(Debug, Clone, Default)]
pub struct FaultFilter {
    pub ids: Vec<i64>,
    pub service_codes: Vec<String>,
    pub statuses: Vec<FaultStatus>,
    pub unit_id: Option<i64>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub limit: usize,
}

/// The longest description a report may have.
pub const MAX_DESCRIPTION: usize = 4000;

const REPORT_SELECT: &str = "SELECT f.id, s.code AS service_code, s.name AS service_name,
        s.unit_id, u.name AS unit_name, f.token, f.status, f.status_notes, f.description,
        f.latitude, f.longitude, f.address, f.email, f.first_name, f.last_name, f.phone,
        f.company_id, c.name AS company_name, f.attributes, f.media_url, f.channel,
        f.requested_at, f.updated_at,
        (SELECT p.token FROM fault_photos p WHERE p.report_id = f.id ORDER BY p.id LIMIT 1)
            AS photo
    FROM fault_reports f
    JOIN fault_services s ON s.id = f.service_id
    LEFT JOIN units u ON u.id = s.unit_id
    LEFT JOIN companies c ON c.id = f.company_id";

fn report_from_row(r: &sqlx::any::AnyRow) -> Result<FaultReport> {
    Ok(FaultReport {
        id: r.try_get("id")?,
        service_code: r.try_get("service_code")?,
        service_name: r.try_get("service_name")?,
        unit_id: r.try_get("unit_id")?,
        unit_name: r.try_get("unit_name")?,
        token: r.try_get("token")?,
        status: crate::db::code(r, "status")?,
        status_notes: r.try_get("status_notes")?,
        description: r.try_get("description")?,
        latitude: r.try_get("latitude")?,
        longitude: r.try_get("longitude")?,
        address: r.try_get("address")?,
        email: r.try_get("email")?,
        first_name: r.try_get("first_name")?,
        last_name: r.try_get("last_name")?,
        phone: r.try_get("phone")?,
        company_id: r.try_get("company_id")?,
        company_name: r.try_get("company_name")?,
        attributes: serde_json::from_str(&r.try_get::<String, _>("attributes")?)
            .unwrap_or_default(),
        media_url: r.try_get("media_url")?,
        photo: r.try_get("photo")?,
        channel: crate::db::code(r, "channel")?,
        requested_at: r.try_get("requested_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl Tenant<'_> {
    /// The active services, the defaults installed on first use.
    pub async fn fault_services(&self) -> Result<Vec<FaultService>> {
        // Every report asks for its service: the common case is this one query.
        let services = self.read_fault_services().await?;
        if services.is_empty() {
            for s in lots_domain::open311::default_services() {
                sqlx::query(
                    "INSERT INTO fault_services (municipality_code, code, name, description,
                         service_group, keywords, attributes)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (municipality_code, code) DO NOTHING",
                )
                .bind(&self.code)
                .bind(s.code)
                .bind(s.name)
                .bind(s.description)
                .bind(s.group)
                .bind(s.keywords)
                .bind(serde_json::to_string(&s.attributes).unwrap_or_default())
                .execute(&self.db.pool)
                .await?;
            }
            return self.read_fault_services().await;
        }
        Ok(services)
    }

    async fn read_fault_services(&self) -> Result<Vec<FaultService>> {
        let rows = sqlx::query(
            "SELECT s.id, s.code, s.name, s.description, s.service_group, s.keywords, s.unit_id,
                 u.name AS unit_name, s.attributes
             FROM fault_services s LEFT JOIN units u ON u.id = s.unit_id
             WHERE s.municipality_code = $1 AND s.active = 1 ORDER BY s.service_group, s.name",
        )
        .bind(&self.code)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FaultService {
                    id: r.try_get("id")?,
                    code: r.try_get("code")?,
                    name: r.try_get("name")?,
                    description: r.try_get("description")?,
                    group: r.try_get("service_group")?,
                    keywords: r.try_get("keywords")?,
                    unit_id: r.try_get("unit_id")?,
                    unit_name: r.try_get("unit_name")?,
                    attributes: serde_json::from_str(&r.try_get::<String, _>("attributes")?)
                        .unwrap_or_default(),
                })
            })
            .collect()
    }

    pub async fn fault_service(&self, code: &str) -> Result<Option<FaultService>> {
        Ok(self
            .fault_services()
            .await?
            .into_iter()
            .find(|s| s.code == code))
    }

    /// Makes a unit responsible for a service: its reports land in that unit's queue.
    pub async fn set_fault_service_unit(&self, code: &str, unit_id: Option<i64>) -> Result<()> {
        if let Some(u) = unit_id {
            self.unit(u).await?;
        }
        self.fault_services().await?;
        sqlx::query(
            "UPDATE fault_services SET unit_id = $1 WHERE municipality_code = $2 AND code = $3",
        )
        .bind(unit_id)
        .bind(&self.code)
        .bind(code)
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// Checks and stores a report; returns its id and token, or every wrong field at once.
    /// A reporter whose e-mail is a contact person's is linked to that person's company.
    pub async fn create_fault_report(
        &self,
        new: &NewFaultReport,
    ) -> Result<std::result::Result<(i64, String), Vec<FaultError>>> {
        let CheckedReport {
            service_id,
            point,
            email,
            attributes,
            photos,
        } = match self.checked_report(new).await? {
            Ok(checked) => checked,
            Err(wrong) => return Ok(Err(wrong)),
        };
        let description = new.description.trim();
        let company_id: Option<i64> = if email.is_empty() {
            None
        } else {
            sqlx::query(
                "SELECT company_id FROM contacts
                 WHERE municipality_code = $1 AND email = $2 AND erased_at IS NULL LIMIT 1",
            )
            .bind(&self.code)
            .bind(&email)
            .fetch_optional(&self.db.pool)
            .await?
            .map(|r| r.try_get("company_id"))
            .transpose()?
        };
        let t = now();
        let token = new_token();
        // Reports arrive from many apps at once: on SQLite they take turns (see write_turn).
        let _turn = self.db.write_turn().await;
        let mut tx = self.db.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO fault_reports (municipality_code, service_id, token, description,
                 latitude, longitude, address, email, first_name, last_name, phone, company_id,
                 attributes, media_url, channel, requested_at, updated_at)
             VALUES ($1, $2, $3, $4, CAST($5 AS DOUBLE PRECISION), CAST($6 AS DOUBLE PRECISION),
                     $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
             RETURNING id",
        )
        .bind(&self.code)
        .bind(service_id)
        .bind(&token)
        .bind(description)
        .bind(crate::params::coordinate(point.map(|p| p.0)))
        .bind(crate::params::coordinate(point.map(|p| p.1)))
        .bind(new.address.trim())
        .bind(&email)
        .bind(new.first_name.trim())
        .bind(new.last_name.trim())
        .bind(new.phone.trim())
        .bind(company_id)
        .bind(serde_json::to_string(&attributes).unwrap_or_default())
        .bind(new.media_url.trim())
        .bind(new.channel.code())
        .bind(t)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sqlx::query(
            "INSERT INTO fault_report_events (municipality_code, report_id, at, status, note, actor)
             VALUES ($1, $2, $3, 'received', '', $4)",
        )
        .bind(&self.code)
        .bind(id)
        .bind(t)
        .bind(new.channel.code())
        .execute(&mut *tx)
        .await?;
        write_photos(&mut tx, (&self.code, id), &photos, t).await?;
        tx.commit().await?;
        Ok(Ok((id, token)))
    }

    /// Refuses every wrong field of a report at once, as [`Tenant::create_fault_report`]
    /// would, without writing.
    pub async fn check_fault_report(
        &self,
        new: &NewFaultReport,
    ) -> Result<std::result::Result<(), Vec<FaultError>>> {
        Ok(self.checked_report(new).await?.map(|_| ()))
    }

    async fn checked_report(
        &self,
        new: &NewFaultReport,
    ) -> Result<std::result::Result<CheckedReport, Vec<FaultError>>> {
        let mut wrong = Vec::new();
        let service = self.fault_service(new.service_code.trim()).await?;
        if service.is_none() {
            wrong.push(refuse(
                "service_code",
                "choose-what-the-fault-concerns",
                "unknown service_code",
            ));
        }
        let point = match (new.latitude, new.longitude) {
            (Some(lat), Some(lon)) if valid_point(lat, lon) => Some((lat, lon)),
            (Some(_), Some(_)) => {
                wrong.push(refuse(
                    "lat",
                    "the-place-has-wrong-coordinates",
                    "lat and long must be a point on the Earth",
                ));
                None
            }
            (None, None) => None,
            _ => {
                wrong.push(refuse(
                    "long",
                    "give-both-latitude-and-longitude",
                    "lat and long must be given together",
                ));
                None
            }
        };
        if new.latitude.is_none() && new.longitude.is_none() && new.address.trim().is_empty() {
            wrong.push(refuse(
                "address_string",
                "write-where-the-fault-is-an",
                "a location is required: lat and long, or address_string",
            ));
        }
        let description = new.description.trim();
        if description.chars().count() > MAX_DESCRIPTION {
            wrong.push(refuse(
                "description",
                "the-description-may-be-at-most",
                "description is longer than 4000 characters",
            ));
        }
        if new.address.chars().count() > 500 || new.media_url.chars().count() > 2000 {
            wrong.push(refuse(
                "address_string",
                "the-address-is-too-long",
                "address_string or media_url is too long",
            ));
        }
        let media_url = new.media_url.trim();
        if !media_url.is_empty() && !lots_domain::open311::acceptable_media_url(media_url) {
            wrong.push(refuse(
                "media_url",
                "the-picture-address-is-http-or-https",
                "media_url must be an http or https address",
            ));
        }
        let email = match new.email.trim() {
            "" => String::new(),
            e => lots_domain::email::normalise(e).unwrap_or_else(|_| {
                wrong.push(refuse(
                    "email",
                    "the-e-mail-address-is-malformed",
                    "email is malformed",
                ));
                String::new()
            }),
        };
        let attributes = match &service {
            Some(service) => match check_attributes(&service.attributes, &new.attributes) {
                Ok(a) => a,
                Err(e) => {
                    wrong.push(FaultError {
                        field: format!("attribute[{}]", e.code),
                        message: Message::new("answer-the-question-with-one-of"),
                        api: e.message,
                    });
                    Default::default()
                }
            },
            None => Default::default(),
        };
        let photos = check_photos(&new.photos, &mut wrong);
        let Some(service) = service.filter(|_| wrong.is_empty()) else {
            return Ok(Err(wrong));
        };
        Ok(Ok(CheckedReport {
            service_id: service.id,
            point,
            email,
            attributes,
            photos,
        }))
    }

    pub async fn fault_reports(&self, f: &FaultFilter) -> Result<Vec<FaultReport>> {
        let mut p = Params::new(self.db);
        let mut conditions = vec![format!("f.municipality_code = {}", p.text(&self.code))];
        if !f.ids.is_empty() {
            let ids: Vec<String> = f.ids.iter().map(|i| p.int(*i)).collect();
            conditions.push(format!("f.id IN ({})", ids.join(", ")));
        }
        if !f.service_codes.is_empty() {
            let codes: Vec<String> = f.service_codes.iter().map(|c| p.text(c.as_str())).collect();
            conditions.push(format!("s.code IN ({})", codes.join(", ")));
        }
        if !f.statuses.is_empty() {
            let statuses: Vec<String> = f.statuses.iter().map(|c| p.text(c.code())).collect();
            conditions.push(format!("f.status IN ({})", statuses.join(", ")));
        }
        if let Some(u) = f.unit_id {
            conditions.push(format!("s.unit_id = {}", p.int(u)));
        }
        if let Some(from) = f.from {
            conditions.push(format!("f.requested_at >= {}", p.int(from)));
        }
        if let Some(to) = f.to {
            conditions.push(format!("f.requested_at <= {}", p.int(to)));
        }
        let sql = format!(
            "{REPORT_SELECT} WHERE {} ORDER BY f.requested_at DESC, f.id DESC {}",
            conditions.join(" AND "),
            limit_offset(1, f.limit.max(1))
        );
        let rows = p.bind(&sql).fetch_all(&self.db.pool).await?;
        rows.iter().map(report_from_row).collect()
    }

    /// A report as staff see it: with the reporter's name, e-mail and phone (an audited
    /// read) when `personal`, without them otherwise.
    pub async fn fault_report_seen(&self, id: i64, personal: bool) -> Result<FaultReport> {
        let mut report = self.fault_report(id).await?;
        if !personal {
            for field in [
                &mut report.email,
                &mut report.first_name,
                &mut report.last_name,
                &mut report.phone,
            ] {
                field.clear();
            }
        } else if !report.email.is_empty() {
            self.audit_read("fault_report.view_reporter", ("fault_report", id), "")
                .await?;
        }
        Ok(report)
    }

    pub async fn fault_report(&self, id: i64) -> Result<FaultReport> {
        self.fault_reports(&FaultFilter {
            ids: vec![id],
            limit: 1,
            ..Default::default()
        })
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
    }

    /// The report a token was given for.
    pub async fn fault_report_by_token(&self, token: &str) -> Result<Option<i64>> {
        sqlx::query("SELECT id FROM fault_reports WHERE municipality_code = $1 AND token = $2")
            .bind(&self.code)
            .bind(token)
            .fetch_optional(&self.db.pool)
            .await?
            .map(|r| Ok(r.try_get("id")?))
            .transpose()
    }

    /// Where the fault form's map opens: the middle of the places the municipality knows
    /// (its fault reports' and companies' positions, latitude and longitude), none before
    /// it knows any.
    pub async fn map_centre(&self) -> Result<Option<(f64, f64)>> {
        // Averaged as text: the Any driver reads an aggregate of DOUBLE PRECISION as
        // NUMERIC on PostgreSQL but REAL on SQLite.
        let row = sqlx::query(
            "SELECT CAST(AVG(latitude) AS TEXT) AS lat, CAST(AVG(longitude) AS TEXT) AS lon
             FROM (SELECT latitude, longitude FROM fault_reports
                   WHERE municipality_code = $1 AND latitude IS NOT NULL
                   UNION ALL
                   SELECT latitude, longitude FROM companies
                   WHERE municipality_code = $1 AND latitude IS NOT NULL) AS known
             WHERE longitude IS NOT NULL",
        )
        .bind(&self.code)
        .fetch_one(&self.db.pool)
        .await?;
        let number = |c: &str| -> Result<Option<f64>> {
            let text: Option<String> = row.try_get(c)?;
            Ok(text.and_then(|t| t.parse().ok()))
        };
        Ok(number("lat")?.zip(number("lon")?))
    }

    /// Reports of the same service within `metres` in the `days` before this one: a hint
    /// that it may already be known.
    pub async fn nearby_fault_reports(
        &self,
        report: &FaultReport,
        metres: f64,
        days: i64,
    ) -> Result<Vec<FaultReport>> {
        let Some(here) = report.latitude.zip(report.longitude) else {
            return Ok(Vec::new());
        };
        let candidates = self
            .fault_reports(&FaultFilter {
                service_codes: vec![report.service_code.clone()],
                from: Some(report.requested_at - days * 86_400),
                to: Some(report.requested_at),
                limit: 500,
                ..Default::default()
            })
            .await?;
        Ok(candidates
            .into_iter()
            .filter(|c| c.id != report.id)
            .filter(|c| {
                c.latitude
                    .zip(c.longitude)
                    .is_some_and(|there| distance_m(here, there) <= metres)
            })
            .collect())
    }

    /// Changes a report's status with a note for the reporter; returns the event's id.
    pub async fn set_fault_status(
        &self,
        id: i64,
        status: FaultStatus,
        note: &str,
        actor: &str,
    ) -> Result<i64> {
        if note.chars().count() > 2000 {
            return Err(StoreError::Field(
                "note".into(),
                "the-message-may-be-at-most-2000".into(),
            ));
        }
        self.fault_report(id).await?;
        let t = now();
        let mut tx = self.db.begin_write().await?;
        // The duplicates merged into the report follow its status.
        sqlx::query(
            "UPDATE fault_reports SET status = $1, status_notes = $2, updated_at = $3
             WHERE municipality_code = $4 AND (id = $5 OR merged_into = $5)",
        )
        .bind(status.code())
        .bind(note.trim())
        .bind(t)
        .bind(&self.code)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let event: i64 = sqlx::query(
            "INSERT INTO fault_report_events (municipality_code, report_id, at, status, note, actor)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&self.code)
        .bind(id)
        .bind(t)
        .bind(status.code())
        .bind(note.trim())
        .bind(actor)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        self.audit_in(
            &mut tx,
            "fault_report.status",
            ("fault_report", id),
            status.code(),
        )
        .await?;
        tx.commit().await?;
        Ok(event)
    }

    /// A company's fault reports as journey events (kind `fault_report`).
    pub(crate) async fn fault_events(&self, company_id: i64) -> Result<Vec<crate::JourneyEvent>> {
        let rows = sqlx::query(&format!(
            "{REPORT_SELECT} WHERE f.municipality_code = $1 AND f.company_id = $2"
        ))
        .bind(&self.code)
        .bind(company_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let report = report_from_row(r)?;
                Ok(crate::JourneyEvent {
                    // Derived events have negative ids, apart from cases' and contacts'.
                    id: -(report.id * 3 + 2_000_000_000),
                    at: report.requested_at,
                    kind: crate::JourneyKind::FaultReport,
                    summary: "journey-fault-report".into(),
                    detail: report.service_name,
                    facts: vec![("status", report.status.code().to_string())],
                    actor: String::new(),
                })
            })
            .collect()
    }
}
