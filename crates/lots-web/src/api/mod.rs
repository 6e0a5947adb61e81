//! The JSON API under `/api/v1`, described by an OpenAPI document and a documentation page.
//! Every call carries an API token of one municipality (`Authorization: Bearer …`) and sees
//! only that municipality's data.

mod cases;
mod companies;
mod docs;
mod organisation;
mod reference;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::routing::get;
use lots_store::{Scope, Tenant, TokenIdentity};
use utoipa::OpenApi;

use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Lots API",
        version = "1",
        description = "Lots is the system a Swedish municipality uses to work systematically with its service to companies. This API gives other systems (case systems, reporting tools) access to one municipality's data. Every call needs an API token created by an administrator under Administration → API-nycklar."
    ),
    paths(
        reference::me,
        reference::municipalities,
        reference::counties,
        organisation::list_units,
        organisation::get_unit,
        organisation::create_unit,
        organisation::list_staff,
        organisation::get_staff,
        companies::list_companies,
        companies::get_company,
        companies::create_company,
        companies::update_company,
        cases::get_case,
        cases::put_case,
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(docs::openapi_json))
        .route("/docs", get(docs::docs_page))
        .merge(reference::routes())
        .merge(organisation::routes())
        .merge(companies::routes())
        .merge(cases::routes())
}

/// The caller of an API endpoint, identified by a valid token.
pub struct ApiCaller {
    pub token: TokenIdentity,
    app: AppState,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, AppError> {
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let token = app
            .db
            .verify_api_token(secret)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(ApiCaller {
            token,
            app: app.clone(),
        })
    }
}

impl ApiCaller {
    /// The token's municipality, if the token's scope covers `needed`.
    pub fn tenant(&self, needed: Scope) -> Result<Tenant<'_>, AppError> {
        if !self.token.scope.allows(needed) {
            return Err(AppError::Forbidden);
        }
        Ok(self.app.db.tenant_unchecked(&self.token.municipality_code))
    }
}
