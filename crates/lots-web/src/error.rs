//! Errors as the user sees them: a friendly page (or JSON under /api) with no stack trace
//! and no SQL; an internal error carries a reference that is also in the log.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lots_store::StoreError;
use minijinja::context;

use crate::cookies::Cookie;
use crate::state::AppState;
use crate::url::urlencode;
use lots_i18n::Lang;

#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    /// Not signed in; carries the path to come back to.
    SignInRequired(String),
    /// The request itself is wrong (an expired form, a malformed parameter).
    BadRequest(String),
    /// An API call without a valid token.
    Unauthorized,
    /// An API request whose body breaks a rule; the message names the field.
    Unprocessable(String),
    Internal(String),
    /// A field holds a control character (see `input`).
    ControlCharacter(Refused),
    /// A form or JSON body larger than the server reads.
    TooLarge,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(m) => AppError::BadRequest(m),
            StoreError::Field(field, m) => {
                AppError::Unprocessable(format!("{field}: {}", m.text(Lang::Sv)))
            }
            StoreError::Fields(all) => AppError::Unprocessable(
                all.iter()
                    .map(|(field, m)| format!("{field}: {}", m.text(Lang::Sv)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            StoreError::Conflict(c) => AppError::Unprocessable(c.to_string()),
            StoreError::Refused(m) => AppError::Unprocessable(m.text(Lang::Sv)),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        // An include's error says where; its cause says what.
        let mut text = format!("template: {e:#}");
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            text.push_str(&format!(" <- {c:#}"));
            cause = c.source();
        }
        AppError::Internal(text)
    }
}

/// The body of every API error, as the OpenAPI document declares it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    error: ApiErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorDetail {
    /// A stable code: `bad_request`, `control_character`, `unauthorized`, `forbidden`,
    /// `not_found`, `invalid`, `too_large`, `internal`, …
    code: String,
    /// What was wrong, naming the field where there is one.
    message: String,
    /// For an internal error, the reference that is also in the server's log.
    reference: Option<String>,
}

fn api_error(
    status: StatusCode,
    code: &str,
    message: String,
    reference: Option<String>,
) -> Response {
    let body = ApiErrorBody {
        error: ApiErrorDetail {
            code: code.into(),
            message,
            reference,
        },
    };
    (status, axum::Json(body)).into_response()
}

/// Marks a response as an error to be rendered by [`render_error_pages`].
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message: String,
    pub reference: Option<String>,
    pub refused: Option<Refused>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let refused = match &self {
            AppError::ControlCharacter(r) => Some(r.clone()),
            _ => None,
        };
        let (status, code, message, reference) = match self {
            AppError::SignInRequired(next) => {
                return Redirect::to(&format!("/logga-in?till={}", urlencode(&next)))
                    .into_response();
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", "not found".into(), None),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "forbidden".into(), None),
            AppError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a valid API token is required as Authorization: Bearer <token>".into(),
                None,
            ),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m, None),
            AppError::Unprocessable(m) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid", m, None),
            AppError::ControlCharacter(r) => (
                StatusCode::BAD_REQUEST,
                "control_character",
                r.message(),
                None,
            ),
            AppError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "the request body is too large".into(),
                None,
            ),
            AppError::Internal(detail) => {
                let reference = format!("{:08x}", rand::random::<u32>());
                tracing::error!(%reference, error = %detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error".into(),
                    Some(reference),
                )
            }
        };
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorInfo {
            code,
            message,
            reference,
            refused,
        });
        response
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// An API error that did not come from a handler (an extractor's refusal of a malformed
/// path or query string, a method not allowed) in the API's JSON shape, with its text as
/// the message.
async fn json_of_plain_error(response: Response) -> Response {
    let status = response.status();
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid",
        s if s.is_server_error() => "internal",
        _ => "bad_request",
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text
    };
    api_error(status, code, message, None)
}

/// Turns error markers into a page in the user's language, or JSON for the API.
pub async fn render_error_pages(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let lang = Cookie::Lang
        .read(req.headers(), app.config.secure_cookies())
        .and_then(Lang::parse)
        .unwrap_or(Lang::Sv);
    let response = next.run(req).await;
    let Some(info) = response.extensions().get::<ErrorInfo>().cloned() else {
        if api && (response.status().is_client_error() || response.status().is_server_error()) {
            return json_of_plain_error(response).await;
        }
        return response;
    };
    let status = response.status();
    if api {
        return api_error(status, info.code, info.message, info.reference);
    }
    if let Some(refused) = &info.refused {
        let character = lots_domain::input::code_point(refused.character);
        let text = lots_i18n::text_with(
            lang,
            "field-holds-a-control-character",
            &[
                ("field", refused.field.as_str().into()),
                ("character", character.as_str().into()),
            ],
        );
        return error_page(&app, lang, status, "character-not-allowed", text, None);
    }
    let (title, text) = match status {
        StatusCode::NOT_FOUND => ("page-not-found", "the-page-you-are-looking-for"),
        StatusCode::FORBIDDEN => ("you-do-not-have-access", "your-role-does-not-give-access"),
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            ("bad-request", "the-form-was-too-old-or")
        }
        _ => ("something-went-wrong", "we-could-not-show-the-page"),
    };
    error_page(
        &app,
        lang,
        status,
        title,
        lots_i18n::text(lang, text),
        info.reference,
    )
}

fn error_page(
    app: &AppState,
    lang: Lang,
    status: StatusCode,
    title: &'static str,
    text: String,
    reference: Option<String>,
) -> Response {
    let ctx = context! {
        lang => lang.code(),
        title => lots_i18n::text(lang, title),
        text,
        reference,
        csrf => "",
        here => "/",
        nav => Vec::<String>::new(),
        user => (),
        other_lang => if lang == Lang::Sv { "en" } else { "sv" },
        lang_switch => "",
    };
    match crate::templates::render(&app.templates, "shared/error.html", ctx) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the error page itself failed");
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                title,
            )
                .into_response()
        }
    }
}

/// A panic in a handler becomes an ordinary 500 page, never a dropped connection.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "panic".into());
    AppError::Internal(format!("panic: {detail}")).into_response()
}

/// A field that holds a character Lots does not store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub field: String,
    pub character: char,
}

impl Refused {
    pub fn message(&self) -> String {
        format!(
            "{}: a control character ({}) is not allowed",
            self.field,
            lots_domain::input::code_point(self.character)
        )
    }
}
