//! The cookies Lots sets: the session, the language and the CSRF token of a visitor who is
//! not signed in. Each is HttpOnly, SameSite=Lax and for the whole site; under https each is
//! Secure and carries the `__Host-` prefix, so no other host (a sibling subdomain) can set or
//! shadow it.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    Session,
    Lang,
    Csrf,
}

impl Cookie {
    /// The cookie's name: with the `__Host-` prefix when the site is served over https.
    pub fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (Cookie::Session, false) => "lots_session",
            (Cookie::Session, true) => "__Host-lots_session",
            (Cookie::Lang, false) => "lots_lang",
            (Cookie::Lang, true) => "__Host-lots_lang",
            (Cookie::Csrf, false) => "lots_csrf",
            (Cookie::Csrf, true) => "__Host-lots_csrf",
        }
    }

    /// The cookie's value in a request.
    pub fn read(self, headers: &HeaderMap, secure: bool) -> Option<&str> {
        let name = self.name(secure);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    /// Sets the cookie on a response; `max_age` of 0 removes it.
    pub fn set(self, response: &mut Response, value: &str, max_age: Option<i64>, secure: bool) {
        let mut c = format!(
            "{}={value}; Path=/; HttpOnly; SameSite=Lax",
            self.name(secure)
        );
        if let Some(age) = max_age {
            c.push_str(&format!("; Max-Age={age}"));
        }
        if secure {
            c.push_str("; Secure");
        }
        if let Ok(v) = HeaderValue::from_str(&c) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::IntoResponse;

    #[test]
    fn cookies_are_parsed_and_prefixed_under_https() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; lots_session=abc; __Host-lots_session=def"
                .parse()
                .unwrap(),
        );
        assert_eq!(Cookie::Session.read(&h, false), Some("abc"));
        assert_eq!(Cookie::Session.read(&h, true), Some("def"));
        assert_eq!(Cookie::Lang.read(&h, false), None);
        let mut r = ().into_response();
        Cookie::Session.set(&mut r, "x", None, true);
        let set = r.headers()[header::SET_COOKIE].to_str().unwrap();
        assert_eq!(
            set,
            "__Host-lots_session=x; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
