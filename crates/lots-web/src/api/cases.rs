//! Cases over the API: a case system pushes each case by its diarienummer (a nightly export
//! or a webhook may send the same case again: it stays one case), and reads it back with its
//! computed deadline.

use axum::extract::Path;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use lots_domain::case_import::{CaseField, check_case};
use lots_domain::columns::Column;
use lots_i18n::Lang;
use lots_store::{Case, Scope, Written};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/cases/{reference}", get(get_case).put(put_case))
}

/// A case as a case system sends it. Dates are `YYYY-MM-DD`; fields left out are empty.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default, deny_unknown_fields)]
pub struct CaseBody {
    /// Any accepted form of the company's organisationsnummer.
    orgnr: String,
    company_name: String,
    contact_email: String,
    contact_phone: String,
    /// The service area's code (`bygglov`) or name (`Miljö- och hälsoskydd`).
    area: String,
    /// The unit's name as in Lots.
    unit: String,
    officer: String,
    received_on: String,
    /// The day the application was complete; a bygglov's 10 weeks run from here.
    complete_on: String,
    decided_on: String,
    closed_on: String,
    /// Weeks added by a recorded extension decision (0–10).
    extension_weeks: Option<i64>,
    extension_decision: String,
    decision: String,
    /// The fee in kronor, when known: the fee reduction of a late bygglov is shown from it.
    fee_sek: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct CaseDto {
    id: i64,
    reference: String,
    orgnr: String,
    company_id: Option<i64>,
    company_name: String,
    area: String,
    unit: Option<String>,
    officer: String,
    received_on: Option<String>,
    complete_on: Option<String>,
    decided_on: Option<String>,
    closed_on: Option<String>,
    extension_weeks: i64,
    decision: String,
    fee_sek: Option<i64>,
    #[schema(schema_with = super::case_statuses)]
    status: String,
    /// The statutory decision deadline, when the area has one and the application is complete.
    deadline: Option<String>,
    /// Days over the deadline, counted to today while undecided.
    days_over: i64,
    /// PBL 12:8 a: the fee reduction in kronor, when the fee is known.
    fee_reduction_sek: Option<i64>,
    /// Undecided six months after it was received (förvaltningslagen 12 §).
    undecided_six_months: bool,
}

impl From<Case> for CaseDto {
    fn from(c: Case) -> Self {
        let today = lots_store::today();
        CaseDto {
            status: c.status().code().into(),
            deadline: c.deadline().map(|d| d.to_string()),
            days_over: c.days_over(today),
            fee_reduction_sek: c.fee_reduction(today),
            undecided_six_months: c.decided_on.is_none() && c.dates.undecided_six_months(today),
            id: c.id,
            reference: c.reference,
            orgnr: c.orgnr,
            company_id: c.company_id,
            company_name: c.company_name,
            area: c.area_name,
            unit: c.unit_name,
            officer: c.officer,
            received_on: c.received_on.map(|d| d.to_string()),
            complete_on: c.complete_on.map(|d| d.to_string()),
            decided_on: c.decided_on.map(|d| d.to_string()),
            closed_on: c.closed_on.map(|d| d.to_string()),
            extension_weeks: c.extension_weeks,
            decision: c.decision,
            fee_sek: c.fee_sek,
        }
    }
}

/// One case by its diarienummer.
#[utoipa::path(get, path = "/api/v1/cases/{reference}", tag = "cases",
    params(("reference" = String, Path, description = "The diarienummer (URL-encoded: `BN%202026%2F114`)")),
    responses((status = 200, description = "The case", body = CaseDto), (status = 404, description = "No such case in the token's municipality")))]
pub async fn get_case(
    caller: ApiCaller,
    Path(reference): Path<String>,
) -> Result<Json<CaseDto>, AppError> {
    let tenant = caller.tenant(Scope::Read)?;
    let case = tenant
        .case_by_reference(&reference)
        .await?
        .ok_or(lots_store::StoreError::NotFound)?;
    Ok(Json(case.into()))
}

/// Creates or replaces a case by its diarienummer (needs the `write` scope). Sending the
/// same case again changes nothing; the response says whether it was created.
#[utoipa::path(put, path = "/api/v1/cases/{reference}", tag = "cases", request_body = CaseBody,
    params(("reference" = String, Path, description = "The diarienummer (URL-encoded)")),
    responses((status = 201, description = "Created", body = CaseDto), (status = 200, description = "Updated or unchanged", body = CaseDto), (status = 403, description = "The token may only read"), (status = 422, description = "A field is wrong; the message names it")))]
pub async fn put_case(
    caller: ApiCaller,
    Path(reference): Path<String>,
    body: Result<Json<CaseBody>, JsonRejection>,
) -> Result<(StatusCode, Json<CaseDto>), AppError> {
    let tenant = caller.tenant(Scope::Write)?;
    let Json(body) = body.map_err(|e| AppError::Unprocessable(e.body_text()))?;
    let weeks = body
        .extension_weeks
        .map(|w| w.to_string())
        .unwrap_or_default();
    let fee = body.fee_sek.map(|f| f.to_string()).unwrap_or_default();
    let areas: Vec<_> = tenant
        .service_areas()
        .await?
        .into_iter()
        .map(|a| a.area)
        .collect();
    let value = |f: CaseField| -> &str {
        match f {
            CaseField::Reference => &reference,
            CaseField::OrgNr => &body.orgnr,
            CaseField::CompanyName => &body.company_name,
            CaseField::ContactEmail => &body.contact_email,
            CaseField::ContactPhone => &body.contact_phone,
            CaseField::Area => &body.area,
            CaseField::Unit => &body.unit,
            CaseField::Officer => &body.officer,
            CaseField::Received => &body.received_on,
            CaseField::Complete => &body.complete_on,
            CaseField::Decided => &body.decided_on,
            CaseField::Closed => &body.closed_on,
            CaseField::ExtensionWeeks => &weeks,
            CaseField::ExtensionDecision => &body.extension_decision,
            CaseField::Decision => &body.decision,
            CaseField::Fee => &fee,
        }
    };
    let record = check_case(value, &areas).map_err(|e| {
        AppError::Unprocessable(format!("{}: {}", e.field.code(), e.message.text(Lang::En)))
    })?;
    let source = format!("api:{}", caller.token.name);
    let (id, written) = tenant.write_case(&record, &source).await?;
    let status = if written == Written::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(tenant.case(id).await?.into())))
}
