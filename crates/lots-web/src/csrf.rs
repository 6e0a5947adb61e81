//! CSRF protection for every form. A signed-in person's token is derived from their session
//! (so it is bound to it and renewed at every sign-in); a visitor who is not signed in gets
//! a random token in an HttpOnly cookie. Each form repeats the token in a hidden field
//! (`csrf_token`), and a state-changing request without the right one is refused. Every
//! state-changing request must also come from this site by the browser's word: a
//! `Sec-Fetch-Site` other than `same-origin` (or `none`, typed by the person) or an `Origin`
//! of another host is refused. The API and Open311 authenticate each call with a key, not a
//! cookie, and are exempt.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::cookies::Cookie;
use crate::error::AppError;
use crate::state::AppState;

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

/// The token of a session: a signed-in person's forms carry it, and only the holder of the
/// session cookie can know it.
pub fn session_token(session_cookie: &str) -> String {
    lots_store::secret::token_hash(&format!("lots-csrf:{session_cookie}"))
}

/// Whether the browser says the request comes from another site.
fn cross_site(headers: &axum::http::HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (text("origin"), text("host")) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_none_or(|(_, authority)| !authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

pub async fn verify(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let secure = app.config.secure_cookies();
    let anonymous = Cookie::Csrf
        .read(req.headers(), secure)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let bound = Cookie::Session
        .read(req.headers(), secure)
        .filter(|t| !t.is_empty())
        .map(session_token);
    let expected = bound.clone().or_else(|| anonymous.clone());
    let state_changing = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let (mut req, token) = if state_changing && !exempt(req.uri().path()) {
        if cross_site(req.headers()) {
            return AppError::BadRequest("cross-site request refused".into()).into_response();
        }
        let Some(expected) = expected else {
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
        let token = expected.unwrap_or_else(lots_store::secret::new_token);
        (req, token)
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if anonymous.is_none() && bound.is_none() {
        Cookie::Csrf.set(&mut response, &token, None, secure);
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

    #[test]
    fn requests_from_another_site_are_told_apart() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = axum::http::HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        assert!(!cross_site(&headers(&[])));
        assert!(!cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        let here = ("host", "127.0.0.1:8080");
        assert!(!cross_site(&headers(&[
            here,
            ("origin", "http://127.0.0.1:8080")
        ])));
        assert!(cross_site(&headers(&[
            here,
            ("origin", "https://evil.example")
        ])));
        assert!(cross_site(&headers(&[here, ("origin", "null")])));
        assert_ne!(session_token("a"), session_token("b"));
    }
}
