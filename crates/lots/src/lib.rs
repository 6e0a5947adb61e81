//! Wiring: configuration, the database, the workers and the web server, for the `lots`
//! binary and for the integration tests, which start the real application the same way.

pub mod config;
pub mod demo;
mod demo_activities;
mod demo_campaigns;
mod demo_cases;
mod demo_companies;
mod demo_contacts;
mod demo_faults;
mod demo_surveys;
pub mod generate;

use std::net::SocketAddr;

use anyhow::Context;
use lots_jobs::{JobContext, Mailer, Workers};
use lots_store::Db;
use lots_web::{AppState, WebConfig};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::Config;

/// Opens the configured database and applies pending migrations.
pub async fn open_database(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    Ok(db)
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub db: Db,
    shutdown: watch::Sender<bool>,
    handle: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Starts the workers and the web server on `listen` (port 0 picks a free port).
    pub async fn start(config: &Config, db: Db, mailer: Mailer) -> anyhow::Result<Server> {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen))?;
        let addr = listener.local_addr()?;
        let base_url = if config.listen.port() == 0 {
            format!("http://{addr}")
        } else {
            config.base_url.clone()
        };
        let (shutdown, shutdown_rx) = watch::channel(false);
        let workers = Workers::start(
            JobContext {
                db: db.clone(),
                mailer,
                base_url: base_url.clone(),
            },
            config.workers,
            shutdown_rx.clone(),
        );
        spawn_housekeeping(db.clone(), shutdown_rx.clone());
        let app = lots_web::router(AppState::new(
            db.clone(),
            WebConfig {
                base_url,
                contact_review_years: config.contact_review_years,
                survey_thresholds: lots_domain::nki::Thresholds {
                    min_shown: config.survey_min_answers,
                    ..Default::default()
                },
            },
            workers,
        ));
        let mut rx = shutdown_rx;
        let handle = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                let _ = rx.wait_for(|stop| *stop).await;
            })
            .await
        });
        Ok(Server {
            addr,
            db,
            shutdown,
            handle,
        })
    }

    /// Stops taking requests, lets running ones finish, stops the workers.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        self.handle.await??;
        self.db.close().await;
        Ok(())
    }
}

/// Removes expired sessions and invitations once an hour.
fn spawn_housekeeping(db: Db, mut shutdown: watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = db.purge_expired().await {
                tracing::warn!(error = %e, "housekeeping failed");
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {}
                _ = shutdown.changed() => break,
            }
        }
    });
}
