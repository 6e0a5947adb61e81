//! Errors as the user sees them: a friendly page (or JSON under /api) with no stack trace
//! and no SQL; an internal error carries a reference that is also in the log.

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lots_store::StoreError;
use minijinja::context;

use crate::ctx::{LANG_COOKIE, cookie, urlencode};
use crate::i18n::{Lang, translate};
use crate::state::AppState;

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
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(m) => AppError::BadRequest(m),
            StoreError::Field(field, m) => AppError::Unprocessable(format!("{field}: {m}")),
            StoreError::Conflict(c) => AppError::Unprocessable(c.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::Internal(format!("template: {e:#}"))
    }
}

/// Marks a response as an error to be rendered by [`render_error_pages`].
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message: String,
    pub reference: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
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
        });
        response
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Turns error markers into a page in the user's language, or JSON for the API.
pub async fn render_error_pages(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let lang = cookie(req.headers(), LANG_COOKIE)
        .and_then(Lang::parse)
        .unwrap_or(Lang::Sv);
    let response = next.run(req).await;
    let Some(info) = response.extensions().get::<ErrorInfo>().cloned() else {
        return response;
    };
    let status = response.status();
    if api {
        let body = serde_json::json!({
            "error": { "code": info.code, "message": info.message, "reference": info.reference }
        });
        return (status, axum::Json(body)).into_response();
    }
    let (title, text) = match status {
        StatusCode::NOT_FOUND => (
            "Sidan finns inte",
            "Sidan du söker finns inte, eller så har du inte tillgång till den.",
        ),
        StatusCode::FORBIDDEN => (
            "Du saknar behörighet",
            "Din roll ger inte tillgång till den här sidan. Fråga din administratör om du behöver den.",
        ),
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => (
            "Felaktig begäran",
            "Formuläret var för gammalt eller kom från en annan sida. Ladda om sidan och försök igen.",
        ),
        _ => (
            "Något gick fel",
            "Vi kunde inte visa sidan. Försök igen om en stund. Om felet finns kvar, ge administratören den här referensen:",
        ),
    };
    let ctx = context! {
        lang => lang.code(),
        title => translate(lang, title),
        text => translate(lang, text),
        reference => info.reference,
        csrf => "",
        here => "/",
        nav => Vec::<String>::new(),
        user => (),
        other_lang => if lang == Lang::Sv { "en" } else { "sv" },
        lang_switch => "",
    };
    match crate::templates::render(&app.templates, "error.html", ctx) {
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
