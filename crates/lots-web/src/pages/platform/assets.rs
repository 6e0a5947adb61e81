//! Static assets, compiled into the binary: nothing is fetched from a CDN.

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let asset = |content_type: &'static str, seconds: u32, body: &'static str| {
        get(move || async move { serve(content_type, seconds, body) })
    };
    const SCRIPT: &str = "text/javascript; charset=utf-8";
    Router::new()
        .route(
            "/static/lots.css",
            asset(
                "text/css; charset=utf-8",
                3600,
                include_str!("../../../static/lots.css"),
            ),
        )
        .route(
            "/static/favicon.svg",
            asset(
                "image/svg+xml",
                86_400,
                include_str!("../../../static/favicon.svg"),
            ),
        )
        .route(
            "/static/position.js",
            asset(SCRIPT, 3600, include_str!("../../../static/position.js")),
        )
        .route(
            "/static/map.js",
            asset(SCRIPT, 3600, include_str!("../../../static/map.js")),
        )
}

fn serve(content_type: &'static str, seconds: u32, body: &'static str) -> Response {
    let cache = format!("public, max-age={seconds}");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}
