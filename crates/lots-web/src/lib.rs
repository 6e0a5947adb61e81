//! HTTP for Lots: server-rendered pages, the JSON API with its OpenAPI document, sessions,
//! CSRF protection and security headers. Only this crate knows HTTP.
//!
//! A request passes, outermost first: metrics → security headers → error pages → the
//! input boundary (control characters refused) → CSRF check → router → handler. A handler gets a [`ctx::Ctx`] (language, CSRF token, the
//! signed-in user), asks it for the permission it needs and for the user's [`Tenant`], and
//! renders a template.
//!
//! [`Tenant`]: lots_store::Tenant

mod api;
mod cookies;
mod csrf;
mod ctx;
mod error;
mod headers;
mod health;
mod input;
mod observe;
mod open311;
mod pages;
mod state;
mod templates;
mod url;

pub use state::{AppState, MapTiles, WebConfig};

use axum::Router;
use axum::middleware::from_fn_with_state;

/// The largest request body: a register file uploaded for import.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(health::routes())
        .merge(open311::routes())
        .fallback(error::not_found)
        .layer(from_fn_with_state(state.clone(), csrf::verify))
        .layer(axum::middleware::from_fn(input::refuse_control_characters))
        .layer(from_fn_with_state(state.clone(), error::render_error_pages))
        .layer(from_fn_with_state(state.clone(), headers::security_headers))
        .layer(axum::middleware::from_fn(observe::track))
        // The largest body any route takes (a register file); each route is held to its
        // own below it: forms and JSON to 2 MiB where the input check reads them, uploads
        // to their route's `DefaultBodyLimit` (axum's 2 MB unless the route raises it).
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_UPLOAD_BYTES,
        ))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panic_response,
        ))
        .with_state(state)
}
