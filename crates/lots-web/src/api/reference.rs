//! Who is calling, and the Swedish reference data.

use axum::Json;
use axum::Router;
use axum::routing::get;
use lots_domain::reference;
use lots_store::Scope;
use serde::Serialize;
use utoipa::ToSchema;

use super::ApiCaller;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/municipalities", get(municipalities))
        .route("/counties", get(counties))
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    /// The SCB code of the token's municipality.
    municipality_code: String,
    municipality_name: String,
    token_name: String,
    #[schema(schema_with = super::scopes)]
    scope: String,
}

#[derive(Serialize, ToSchema)]
pub struct MunicipalityDto {
    /// Four-digit SCB code, e.g. `0139`.
    code: String,
    name: String,
    county_code: String,
    county_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CountyDto {
    /// Two-digit SCB county code, e.g. `01`.
    code: String,
    name: String,
}

/// The token in use and its municipality.
#[utoipa::path(get, path = "/api/v1/me", tag = "access",
    responses((status = 200, description = "The caller", body = Me), (status = 401, description = "No valid token")))]
pub async fn me(caller: ApiCaller) -> Result<Json<Me>, AppError> {
    let tenant = caller.tenant(Scope::Read)?;
    let m = tenant.municipality().await?;
    Ok(Json(Me {
        municipality_code: m.code,
        municipality_name: m.name,
        token_name: caller.token.name.clone(),
        scope: caller.token.scope.code().into(),
    }))
}

/// All 290 Swedish municipalities with their county.
#[utoipa::path(get, path = "/api/v1/municipalities", tag = "reference",
    responses((status = 200, description = "Municipalities in SCB code order", body = [MunicipalityDto]), (status = 401, description = "No valid token")))]
pub async fn municipalities(caller: ApiCaller) -> Result<Json<Vec<MunicipalityDto>>, AppError> {
    caller.tenant(Scope::Read)?;
    Ok(Json(
        reference::municipalities()
            .iter()
            .map(|m| MunicipalityDto {
                code: m.code.clone(),
                name: m.name.clone(),
                county_code: m.county_code.clone(),
                county_name: reference::county(&m.county_code)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
            })
            .collect(),
    ))
}

/// The 21 Swedish counties (län).
#[utoipa::path(get, path = "/api/v1/counties", tag = "reference",
    responses((status = 200, description = "Counties in SCB code order", body = [CountyDto]), (status = 401, description = "No valid token")))]
pub async fn counties(caller: ApiCaller) -> Result<Json<Vec<CountyDto>>, AppError> {
    caller.tenant(Scope::Read)?;
    Ok(Json(
        reference::counties()
            .iter()
            .map(|c| CountyDto {
                code: c.code.clone(),
                name: c.name.clone(),
            })
            .collect(),
    ))
}
