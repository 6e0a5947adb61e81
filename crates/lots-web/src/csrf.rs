//! CSRF protection for every form: a random token in an HttpOnly cookie that each form
//! repeats in a hidden field (`csrf_token`); a state-changing request without the matching
//! pair is refused. The API and health endpoints do not use cookies and are exempt.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ctx::{cookie, set_cookie};
use crate::error::AppError;
use crate::state::AppState;

pub const CSRF_COOKIE: &str = "lots_csrf";
pub const CSRF_FIELD: &str = "csrf_token";
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The request's CSRF token, for templates to put in forms.
#[derive(Clone)]
pub struct CsrfToken(pub String);

/// The JSON API and Open311 authenticate each call with a key, not a cookie.
fn exempt(path: &str) -> bool {
    path.starts_with("/api/") || path.starts_with("/open311/")
}

/// Compares without an early exit, so timing does not reveal how much matched.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub async fn verify(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let state_changing = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let (mut req, token) = if state_changing && !exempt(req.uri().path()) {
        let Some(expected) = existing.clone() else {
            return AppError::BadRequest("missing CSRF cookie".into()).into_response();
        };
        let (parts, body) = req.into_parts();
        let in_query = parts
            .uri
            .query()
            .and_then(|q| form_urlencoded_field(q.as_bytes(), CSRF_FIELD));
        let urlencoded = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        // An ordinary form carries the token as a field; a file upload (multipart) carries
        // it in the action's query string, so its body is never buffered here.
        let (body, form_token) = if urlencoded {
            let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                return AppError::BadRequest("form too large".into()).into_response();
            };
            let token = form_urlencoded_field(&bytes, CSRF_FIELD).or(in_query);
            (Body::from(bytes), token)
        } else {
            (body, in_query)
        };
        if !form_token.is_some_and(|t| same(&t, &expected)) {
            return AppError::BadRequest("CSRF token missing or wrong".into()).into_response();
        }
        (Request::from_parts(parts, body), expected)
    } else {
        let token = existing
            .clone()
            .unwrap_or_else(lots_store::secret::new_token);
        (req, token)
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if existing.is_none() {
        let value = set_cookie(CSRF_COOKIE, &token, None, app.config.secure_cookies());
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// One field of an `application/x-www-form-urlencoded` body or query.
fn form_urlencoded_field(bytes: &[u8], name: &str) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field() {
        assert_eq!(
            form_urlencoded_field(b"a=1&csrf_token=abc&b=2", "csrf_token"),
            Some("abc".into())
        );
        assert_eq!(form_urlencoded_field(b"a=1", "csrf_token"), None);
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
