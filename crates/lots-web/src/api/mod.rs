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
    components(schemas(crate::error::ApiErrorBody, crate::error::ApiErrorDetail)),
    modifiers(&Conventions),
    security(("bearer" = []))
)]
pub struct ApiDoc;

/// What every operation shares: the bearer token, and the errors any call can meet, each
/// a JSON `ApiErrorBody`.
struct Conventions;

/// The errors every operation declares, unless it describes one itself.
const COMMON_ERRORS: [(&str, &str); 6] = [
    (
        "400",
        "The request is malformed: a path or query parameter of the wrong form, a control character in a field, a body that is not JSON",
    ),
    ("401", "No valid API token (Authorization: Bearer …)"),
    ("403", "The token's scope does not allow this"),
    ("404", "Nothing with that id in the token's municipality"),
    ("413", "The body is too large"),
    ("422", "A field breaks a rule; the message names it"),
];

impl utoipa::Modify for Conventions {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiErrorBody")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                for (status, description) in COMMON_ERRORS {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(description).into());
                }
            }
        }
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

/// A text field that takes one of `values`: an enumeration in the schema, from the same
/// codes the server reads and writes.
fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
}

pub(crate) fn unit_kinds() -> utoipa::openapi::schema::Object {
    use lots_store::UnitKind;
    one_of([UnitKind::Forvaltning, UnitKind::Kontor, UnitKind::Enhet].map(UnitKind::code))
}

pub(crate) fn staff_statuses() -> utoipa::openapi::schema::Object {
    use lots_store::UserStatus;
    one_of(
        [
            UserStatus::Invited,
            UserStatus::Active,
            UserStatus::Disabled,
        ]
        .map(UserStatus::code),
    )
}

pub(crate) fn scopes() -> utoipa::openapi::schema::Object {
    one_of([Scope::Read, Scope::Write, Scope::Open311].map(Scope::code))
}

pub(crate) fn role_codes() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(one_of(lots_domain::Role::ALL.map(lots_domain::Role::code)))
        .build()
}

pub(crate) fn company_statuses() -> utoipa::openapi::schema::Object {
    one_of(lots_store::CompanyStatus::ALL.iter().map(|s| s.code()))
}

pub(crate) fn case_statuses() -> utoipa::openapi::schema::Object {
    one_of(lots_store::CaseStatus::ALL.iter().map(|s| s.code()))
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
        Ok(self
            .app
            .db
            .tenant_unchecked(&self.token.municipality_code)
            .acting(lots_store::Actor {
                user_id: None,
                organiser_id: None,
                name: format!("api:{}", self.token.name),
                ip: "api".into(),
            }))
    }
}
