//! Security headers on every response: a strict Content-Security-Policy (no inline script,
//! nothing from another origin but a configured map's tiles), no framing, no MIME
//! sniffing, no referrer leaks.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// The policy: nothing from another origin, but for the map's tiles where the installation
/// has configured a tile server.
pub fn policy(map: Option<&crate::state::MapTiles>) -> HeaderValue {
    let tiles = map.map_or(String::new(), |m| format!(" {}", m.origin()));
    let csp = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; \
         font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'"
    );
    // The origin was checked when the configuration was read: a scheme and a host.
    HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'none'"))
}

pub async fn security_headers(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let cacheable = h.contains_key(header::CACHE_CONTROL);
    h.insert(header::CONTENT_SECURITY_POLICY, app.csp.clone());
    let mut set = |name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "same-origin");
    set(
        HeaderName::from_static("permissions-policy"),
        // The fault form's "Använd min position" asks for the position on this site only.
        "camera=(), microphone=(), geolocation=(self)",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if app.config.secure_cookies() {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !cacheable {
        set(header::CACHE_CONTROL, "no-store");
    }
    response
}
