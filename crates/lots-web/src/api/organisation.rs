//! The municipality's units and staff over the API.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use lots_store::{NewUnit, Scope, StaffFilter, StaffMember, StoreError, Unit, UnitKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/units", get(list_units).post(create_unit))
        .route("/units/{id}", get(get_unit))
        .route("/staff", get(list_staff))
        .route("/staff/{id}", get(get_staff))
}

#[derive(Serialize, ToSchema)]
pub struct UnitDto {
    id: i64,
    parent_id: Option<i64>,
    name: String,
    #[schema(schema_with = super::unit_kinds)]
    kind: String,
    staff_count: i64,
}

impl From<Unit> for UnitDto {
    fn from(u: Unit) -> Self {
        UnitDto {
            id: u.id,
            parent_id: u.parent_id,
            name: u.name,
            kind: u.kind.code().into(),
            staff_count: u.staff_count,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewUnitDto {
    name: String,
    #[schema(schema_with = super::unit_kinds)]
    kind: String,
    parent_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct StaffDto {
    id: i64,
    name: String,
    email: String,
    title: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    #[schema(schema_with = super::role_codes)]
    roles: Vec<String>,
    #[schema(schema_with = super::staff_statuses)]
    status: String,
}

impl From<StaffMember> for StaffDto {
    fn from(m: StaffMember) -> Self {
        StaffDto {
            id: m.id,
            name: m.name,
            email: m.email,
            title: m.title,
            unit_id: m.unit_id,
            unit_name: m.unit_name,
            roles: m.roles.iter().map(|r| r.code().to_string()).collect(),
            status: m.status.code().into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct StaffListDto {
    total: usize,
    items: Vec<StaffDto>,
}

#[derive(Deserialize, IntoParams)]
pub struct StaffQuery {
    /// Part of a name, e-mail or title.
    q: Option<String>,
    /// A role code.
    role: Option<String>,
    unit_id: Option<i64>,
    /// 1-based page number (100 per page).
    page: Option<usize>,
}

/// The municipality's units, parents before children.
#[utoipa::path(get, path = "/api/v1/units", tag = "organisation",
    responses((status = 200, description = "Units", body = [UnitDto]), (status = 401, description = "No valid token")))]
pub async fn list_units(caller: ApiCaller) -> Result<Json<Vec<UnitDto>>, AppError> {
    let units = caller.tenant(Scope::Read)?.units().await?;
    Ok(Json(units.into_iter().map(UnitDto::from).collect()))
}

/// One unit.
#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "organisation",
    params(("id" = i64, Path, description = "Unit id")),
    responses((status = 200, description = "The unit", body = UnitDto), (status = 404, description = "No such unit in the token's municipality")))]
pub async fn get_unit(caller: ApiCaller, Path(id): Path<i64>) -> Result<Json<UnitDto>, AppError> {
    Ok(Json(caller.tenant(Scope::Read)?.unit(id).await?.into()))
}

/// Creates a unit (needs a token with the `write` scope).
#[utoipa::path(post, path = "/api/v1/units", tag = "organisation", request_body = NewUnitDto,
    responses((status = 201, description = "Created", body = UnitDto), (status = 403, description = "The token may only read"), (status = 422, description = "A field is wrong; the message names it")))]
pub async fn create_unit(
    caller: ApiCaller,
    body: Result<Json<NewUnitDto>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<UnitDto>), AppError> {
    let tenant = caller.tenant(Scope::Write)?;
    let Json(body) = body.map_err(|e| AppError::Unprocessable(e.body_text()))?;
    let kind = UnitKind::parse(&body.kind).ok_or_else(|| {
        AppError::Unprocessable("kind: must be forvaltning, kontor or enhet".into())
    })?;
    let unit = tenant
        .create_unit(NewUnit {
            name: &body.name,
            kind,
            parent_id: body.parent_id,
        })
        .await
        .map_err(|e| match e {
            StoreError::NotFound => AppError::Unprocessable("parent_id: no such unit".into()),
            StoreError::Invalid(m) => AppError::Unprocessable(format!("name: {m}")),
            other => other.into(),
        })?;
    Ok((StatusCode::CREATED, Json(unit.into())))
}

/// The staff directory, in Swedish order by name.
#[utoipa::path(get, path = "/api/v1/staff", tag = "organisation", params(StaffQuery),
    responses((status = 200, description = "One page of staff", body = StaffListDto), (status = 401, description = "No valid token")))]
pub async fn list_staff(
    caller: ApiCaller,
    Query(q): Query<StaffQuery>,
) -> Result<Json<StaffListDto>, AppError> {
    let role = match q.role.as_deref() {
        Some(r) => Some(r.parse().map_err(|e: lots_domain::role::UnknownRole| {
            AppError::Unprocessable(format!("role: {e}"))
        })?),
        None => None,
    };
    let page = caller
        .tenant(Scope::Read)?
        .staff(&StaffFilter {
            query: q.q,
            role,
            unit_ids: q.unit_id.into_iter().collect(),
            status: None,
            page: q.page.unwrap_or(1).max(1),
            per_page: 100,
        })
        .await?;
    Ok(Json(StaffListDto {
        total: page.total,
        items: page.items.into_iter().map(StaffDto::from).collect(),
    }))
}

/// One staff member.
#[utoipa::path(get, path = "/api/v1/staff/{id}", tag = "organisation",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "The staff member", body = StaffDto), (status = 404, description = "No such person in the token's municipality")))]
pub async fn get_staff(caller: ApiCaller, Path(id): Path<i64>) -> Result<Json<StaffDto>, AppError> {
    Ok(Json(caller.tenant(Scope::Read)?.user(id).await?.into()))
}
