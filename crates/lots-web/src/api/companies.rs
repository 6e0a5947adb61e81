//! The company registry over the API.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use lots_store::{Company, CompanyFilter, CompanyInput, CompanyStatus, Scope, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies", get(list_companies).post(create_company))
        .route("/companies/{id}", get(get_company).put(update_company))
}

#[derive(Serialize, ToSchema)]
pub struct CompanyDto {
    id: i64,
    /// Canonical `NNNNNN-NNNN`.
    orgnr: String,
    /// True for a sole trader registered under a personnummer (personal data).
    personal: bool,
    /// The legal form's Swedish name, told by the number, e.g. `Aktiebolag`.
    legal_form: String,
    name: String,
    other_names: Vec<String>,
    /// SNI 2007 codes, the primary first.
    sni2007: Vec<String>,
    sni2025: Vec<String>,
    employees: Option<i64>,
    /// SCB size class, e.g. `10–19`.
    size_class: String,
    visit_address: String,
    postcode: String,
    town: String,
    area: Option<String>,
    tags: Vec<String>,
    #[schema(schema_with = super::company_statuses)]
    status: String,
}

impl From<Company> for CompanyDto {
    fn from(c: Company) -> Self {
        CompanyDto {
            id: c.id,
            orgnr: c.orgnr,
            personal: c.personal,
            legal_form: lots_i18n::text(lots_i18n::Lang::Sv, c.legal_form.message()),
            name: c.name,
            other_names: c.other_names,
            sni2007: c.sni2007,
            sni2025: c.sni2025,
            employees: c.employees,
            size_class: c.size_class,
            visit_address: c.visit_address,
            postcode: c.postcode,
            town: c.town,
            area: c.area_name,
            tags: c.tags,
            status: c.status.code().into(),
        }
    }
}

/// A company as a case system or a person sends it. Fields left out are empty.
#[derive(Deserialize, ToSchema)]
pub struct CompanyBody {
    /// Any accepted form: `5560125790`, `556012-5790`, `16556012-5790`, `SE556012579001`.
    orgnr: String,
    name: String,
    #[serde(default)]
    other_names: Vec<String>,
    #[serde(default)]
    sni2007: Vec<String>,
    #[serde(default)]
    sni2025: Vec<String>,
    employees: Option<i64>,
    #[serde(default)]
    visit_address: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    town: String,
    area: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    /// `active` when left out.
    #[serde(default)]
    #[schema(schema_with = super::company_statuses)]
    status: String,
    #[serde(default)]
    notes: String,
}

impl CompanyBody {
    /// The body as the register's input: a status that is neither `active` nor
    /// `deregistered` is refused beside every other wrong field.
    fn input(self) -> Result<CompanyInput, StoreError> {
        let status = match self.status.trim() {
            "" => Ok(None),
            code => CompanyStatus::parse(code).map(Some).ok_or(()),
        };
        let input = CompanyInput {
            orgnr: self.orgnr,
            name: self.name,
            other_names: self.other_names,
            sni2007: self.sni2007,
            sni2025: self.sni2025,
            employees: self.employees,
            visit_address: self.visit_address,
            postcode: self.postcode,
            town: self.town,
            latitude: None,
            longitude: None,
            area: self.area,
            tags: self.tags,
            status: status.unwrap_or(None),
            notes: self.notes,
        };
        if status.is_ok() {
            return Ok(input);
        }
        let mut wrong = vec![(
            "status".to_string(),
            lots_i18n::Message::new("status-is-active-or-deregistered"),
        )];
        if let Err(e) = input.check() {
            wrong.extend(e.into_fields().unwrap_or_default());
        }
        Err(StoreError::Fields(wrong))
    }
}

#[derive(Serialize, ToSchema)]
pub struct CompanyListDto {
    total: usize,
    items: Vec<CompanyDto>,
}

#[derive(Deserialize, IntoParams)]
pub struct CompanyQuery {
    /// A name (typos allowed), an organisationsnummer in any form, or a contact's name.
    q: Option<String>,
    /// An SNI 2007 code at any level: a section letter or leading digits.
    sni: Option<String>,
    area_id: Option<i64>,
    size_class: Option<String>,
    tag: Option<String>,
    /// `active` or `deregistered`.
    #[param(schema_with = super::company_statuses)]
    status: Option<String>,
    /// 1-based page number (100 per page).
    page: Option<usize>,
}

/// Searches and lists the municipality's companies.
#[utoipa::path(get, path = "/api/v1/companies", tag = "companies", params(CompanyQuery),
    responses((status = 200, description = "One page of companies, best matches first for a name search", body = CompanyListDto), (status = 401, description = "No valid token"), (status = 422, description = "The status is neither active nor deregistered")))]
pub async fn list_companies(
    caller: ApiCaller,
    Query(q): Query<CompanyQuery>,
) -> Result<Json<CompanyListDto>, AppError> {
    let status = match q.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            CompanyStatus::parse(code)
                .ok_or_else(|| AppError::Unprocessable("status: active or deregistered".into()))?,
        ),
    };
    let page = caller
        .tenant(Scope::Read)?
        .companies(&CompanyFilter {
            query: q.q,
            sni: q.sni,
            area_id: q.area_id,
            size_class: q.size_class,
            tag: q.tag,
            status,
            page: q.page.unwrap_or(1).max(1),
            per_page: 100,
            ..Default::default()
        })
        .await?;
    Ok(Json(CompanyListDto {
        total: page.total,
        items: page.items.into_iter().map(CompanyDto::from).collect(),
    }))
}

/// One company.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "companies",
    params(("id" = i64, Path, description = "Company id")),
    responses((status = 200, description = "The company", body = CompanyDto), (status = 404, description = "No such company in the token's municipality")))]
pub async fn get_company(
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<CompanyDto>, AppError> {
    Ok(Json(caller.tenant(Scope::Read)?.company(id).await?.into()))
}

/// Registers a company (needs the `write` scope).
#[utoipa::path(post, path = "/api/v1/companies", tag = "companies", request_body = CompanyBody,
    responses((status = 201, description = "Created", body = CompanyDto), (status = 403, description = "The token may only read"), (status = 422, description = "A field is wrong; the message names it")))]
pub async fn create_company(
    caller: ApiCaller,
    body: Result<Json<CompanyBody>, JsonRejection>,
) -> Result<(StatusCode, Json<CompanyDto>), AppError> {
    let tenant = caller.tenant(Scope::Write)?;
    let Json(body) = body.map_err(|e| AppError::Unprocessable(e.body_text()))?;
    let actor = format!("api:{}", caller.token.name);
    let company = tenant.create_company(&body.input()?, &actor).await?;
    Ok((StatusCode::CREATED, Json(company.into())))
}

/// Replaces a company's facts (needs the `write` scope).
#[utoipa::path(put, path = "/api/v1/companies/{id}", tag = "companies", request_body = CompanyBody,
    params(("id" = i64, Path, description = "Company id")),
    responses((status = 200, description = "Updated", body = CompanyDto), (status = 404, description = "No such company"), (status = 422, description = "A field is wrong; the message names it")))]
pub async fn update_company(
    caller: ApiCaller,
    Path(id): Path<i64>,
    body: Result<Json<CompanyBody>, JsonRejection>,
) -> Result<Json<CompanyDto>, AppError> {
    let tenant = caller.tenant(Scope::Write)?;
    let Json(body) = body.map_err(|e| AppError::Unprocessable(e.body_text()))?;
    let actor = format!("api:{}", caller.token.name);
    Ok(Json(
        tenant
            .update_company(id, &body.input()?, &actor)
            .await?
            .into(),
    ))
}
