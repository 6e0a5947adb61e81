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
}

impl AppState {
    pub fn new(db: Db, config: WebConfig, workers: Workers) -> AppState {
        AppState(Arc::new(Inner {
            db,
            config,
            workers,
            templates: crate::templates::environment(),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
