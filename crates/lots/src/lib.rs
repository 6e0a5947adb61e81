//! Wiring: configuration, the database, the workers and the web server, for the `lots`
//! binary and for the integration tests, which start the real application the same way.

pub mod config;
pub mod demo;
pub mod generate;
pub mod say;

use std::net::SocketAddr;

use anyhow::Context;
use lots_jobs::{JobContext, Mailer, Workers};
use lots_store::Db;
use lots_web::{AppState, WebConfig};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::Config;

/// Opens the configured database, applies pending migrations and loads the secret of
/// anonymous rounds from `LOTS_ANONYMITY_KEY_FILE`, or else from [`anonymity_key_file`].
pub async fn open_database(url: &str) -> anyhow::Result<Db> {
    let key_file = std::env::var_os("LOTS_ANONYMITY_KEY_FILE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| anonymity_key_file(url));
    open_database_keyed(url, &key_file).await
}

/// [`open_database`] with the anonymity key in `key_file`.
pub async fn open_database_keyed(url: &str, key_file: &std::path::Path) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db.migrate().await?;
    db.set_anonymity_key(anonymity_key(key_file)?);
    Ok(db)
}

/// Where the anonymity key lives by default: beside an SQLite file (`lots.db` →
/// `lots.db.anonymity-key`), in the working directory for PostgreSQL. It is not in the
/// database, so a copy of the database cannot tie an anonymous answer to its invitation;
/// every server of one installation needs the same key.
pub fn anonymity_key_file(url: &str) -> std::path::PathBuf {
    match url.strip_prefix("sqlite://") {
        Some(file) => {
            let file = file.split('?').next().unwrap_or(file);
            std::path::PathBuf::from(format!("{file}.anonymity-key"))
        }
        None => std::path::PathBuf::from("lots-anonymity.key"),
    }
}

/// The key in `path` (64 hex digits), made and written readable by its owner only when the
/// file does not exist; two processes starting at once end up with the same key.
pub fn anonymity_key(path: &std::path::Path) -> anyhow::Result<[u8; 32]> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match created {
        Ok(mut file) => {
            let key: [u8; 32] = rand::random();
            file.write_all(hex_of(&key).as_bytes())?;
            file.sync_all()?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .with_context(|| key_refusal("cli-cannot-read-the-anonymity-key", path))?;
            let text = text.trim();
            let mut key = [0u8; 32];
            anyhow::ensure!(
                text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()),
                "{} is not an anonymity key (64 hexadecimal digits)",
                path.display()
            );
            for (i, byte) in key.iter_mut().enumerate() {
                *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)?;
            }
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| key_refusal("cli-cannot-create-the-anonymity-key", path)),
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub db: Db,
    workers: Workers,
    shutdown: watch::Sender<bool>,
    handle: JoinHandle<std::io::Result<()>>,
}

fn key_refusal(id: &str, path: &std::path::Path) -> String {
    let file = path.display().to_string();
    say::text(id, &[("file", file.as_str().into())])
}

impl Server {
    /// Starts the workers and the web server on `listen` (port 0 picks a free port).
    pub async fn start(config: &Config, db: Db, mailer: Mailer) -> anyhow::Result<Server> {
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| {
                let address = config.listen.to_string();
                say::text("cli-cannot-listen", &[("address", address.as_str().into())])
            })?;
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
                map: config.map.clone(),
            },
            workers.clone(),
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
            workers,
            shutdown,
            handle,
        })
    }

    /// Stops taking requests and jobs, lets running ones finish and record their outcome,
    /// then closes the database.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        self.handle.await??;
        self.workers.finished().await;
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
