use std::sync::Arc;

use lots_jobs::Workers;
use lots_store::Db;
use minijinja::Environment;

/// Settings the web layer needs from the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address, such as `https://lots.upplands-bro.se`, for links in e-mails.
    pub base_url: String,
    /// Contacts with no activity for this many years are listed for a retention review.
    pub contact_review_years: i64,
    /// When survey results are shown and ranked.
    pub survey_thresholds: lots_domain::nki::Thresholds,
    /// The tile server the fault form's map shows, when the installation has one.
    pub map: Option<MapTiles>,
}

/// A tile server in the usual `{z}/{x}/{y}` scheme (OpenStreetMap's, a municipality's own
/// GIS), and the attribution its terms ask for. None by default: no page loads anything
/// from another site unless the installation says so.
#[derive(Debug, Clone)]
pub struct MapTiles {
    /// `https://tiles.example/{z}/{x}/{y}.png`.
    pub url: String,
    pub attribution: String,
}

impl MapTiles {
    /// The origin the tiles come from (`https://tiles.example`), for the page's policy.
    pub fn origin(&self) -> &str {
        let after_scheme = self.url.find("://").map_or(0, |i| i + 3);
        let end = self.url[after_scheme..]
            .find('/')
            .map_or(self.url.len(), |i| after_scheme + i);
        &self.url[..end]
    }
}

impl WebConfig {
    /// Cookies get `Secure` when the installation is served over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub config: WebConfig,
    pub workers: Workers,
    pub templates: Environment<'static>,
    /// The Content-Security-Policy of every response, with the map's tile server if any.
    pub csp: axum::http::HeaderValue,
}

impl AppState {
    pub fn new(db: Db, config: WebConfig, workers: Workers) -> AppState {
        AppState(Arc::new(Inner {
            db,
            csp: crate::headers::policy(config.map.as_ref()),
            workers,
            templates: crate::templates::environment(),
            config,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
