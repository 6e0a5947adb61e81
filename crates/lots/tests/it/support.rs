//! Test support: the real application on 127.0.0.1:0 with a fresh database, once per
//! backend (SQLite always, PostgreSQL when LOTS_TEST_DATABASE_URL is set), and a browser-like
//! client that keeps cookies and fills in the CSRF token.

use std::sync::Arc;

use lots::{Config, Server};
use lots_jobs::{MailConfig, Mailer, OutgoingMail};
use lots_store::Db;
use reqwest::cookie::{CookieStore, Jar};
use reqwest::redirect::Policy;

pub const PASSWORD: &str = "lots-demo";

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub mailer: Mailer,
    pub backend: &'static str,
    /// The database's URL, for tests that read it as someone with the whole database would.
    pub url: String,
    server: Server,
    key: std::path::PathBuf,
    scratch: Option<(String, String)>,
}

pub fn test_config() -> Config {
    Config {
        database_url: String::new(),
        listen: "127.0.0.1:0".parse().unwrap(),
        base_url: "http://127.0.0.1".into(),
        workers: 1,
        mail: MailConfig::Memory,
        own_mail: Vec::new(),
        mail_from: "Lots <lots@test.example>".into(),
        demo_password: PASSWORD.into(),
        contact_review_years: 3,
        survey_min_answers: 7,
        map: None,
    }
}

/// A fresh database URL per backend under test.
pub async fn database_urls() -> Vec<(&'static str, String, Option<String>)> {
    let dir = std::env::temp_dir().join(format!("lots-it-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut urls = vec![(
        "sqlite",
        format!("sqlite://{}/lots.db", dir.display()),
        None,
    )];
    if let Ok(admin) = std::env::var("LOTS_TEST_DATABASE_URL") {
        let url = lots_store::scratch::postgres_database(&admin)
            .await
            .unwrap();
        urls.push(("postgres", url, Some(admin)));
    }
    urls
}

impl TestApp {
    /// One app per backend, each with the Upplands-Bro demo loaded.
    pub async fn each_with_demo() -> Vec<TestApp> {
        Self::each(true, None).await
    }

    pub async fn each(demo: bool, mailer: Option<Mailer>) -> Vec<TestApp> {
        Self::each_configured(demo, mailer, test_config()).await
    }

    /// One app per backend, started with `config` (its database and address aside).
    pub async fn each_configured(
        demo: bool,
        mailer: Option<Mailer>,
        config: Config,
    ) -> Vec<TestApp> {
        let mut apps = Vec::new();
        for (backend, url, admin) in database_urls().await {
            let key = std::env::temp_dir().join(format!(
                "lots-it-{}.anonymity-key",
                lots_store::secret::new_token()
            ));
            let db = lots::open_database_keyed(&url, &key).await.unwrap();
            let key = key.clone();
            if demo {
                lots::demo::load(&db, PASSWORD).await.unwrap();
            }
            let mailer = mailer.clone().unwrap_or_else(Mailer::memory);
            let server = Server::start(&config, db.clone(), mailer.clone())
                .await
                .unwrap();
            apps.push(TestApp {
                base: format!("http://{}", server.addr),
                db,
                mailer,
                backend,
                url: url.clone(),
                server,
                key,
                scratch: admin.map(|a| (a, url)),
            });
        }
        apps
    }

    pub fn client(&self) -> Client {
        let jar = Arc::new(Jar::default());
        Client {
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(Policy::none())
                .build()
                .unwrap(),
            jar,
            base: self.base.clone(),
        }
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let r = c.sign_in(email, PASSWORD).await;
        assert_eq!(
            r.status(),
            303,
            "{} could not sign in on {}",
            email,
            self.backend
        );
        c
    }

    pub async fn wait_for_mail(&self, to: &str) -> OutgoingMail {
        for _ in 0..100 {
            if let Some(m) = self.mailer.sent().into_iter().rev().find(|m| m.to == to) {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} on {}", self.backend);
    }

    /// The newest mail to `to` that `matches`, waiting for the workers to send it.
    pub async fn mail_where(
        &self,
        to: &str,
        what: &str,
        matches: impl Fn(&OutgoingMail) -> bool,
    ) -> OutgoingMail {
        for _ in 0..200 {
            if let Some(m) = self
                .mailer
                .sent()
                .into_iter()
                .rev()
                .find(|m| m.to == to && matches(m))
            {
                return m;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let sent = self.mailer.sent();
        let subjects: Vec<String> = sent
            .iter()
            .filter(|m| m.to == to)
            .map(|m| m.subject.clone())
            .collect();
        panic!(
            "no mail {what:?} to {to} on {}; {} sent, to them: {subjects:?}",
            self.backend,
            sent.len()
        );
    }

    /// Stops the server as SIGTERM does and starts it again on the same database, sending
    /// mail through `mailer` from then on.
    pub async fn restart(self, mailer: Mailer) -> TestApp {
        let TestApp {
            db: _,
            server,
            key,
            url,
            backend,
            scratch,
            ..
        } = self;
        server.stop().await.unwrap();
        let db = lots::open_database_keyed(&url, &key).await.unwrap();
        let server = Server::start(&test_config(), db.clone(), mailer.clone())
            .await
            .unwrap();
        TestApp {
            base: format!("http://{}", server.addr),
            db,
            mailer,
            backend,
            url,
            server,
            key,
            scratch,
        }
    }

    pub async fn stop(self) {
        self.server.stop().await.unwrap();
        if let Some((admin, url)) = self.scratch {
            lots_store::scratch::drop_postgres_database(&admin, &url)
                .await
                .unwrap();
        }
    }
}

pub struct Client {
    pub http: reqwest::Client,
    jar: Arc<Jar>,
    pub base: String,
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.unwrap()
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// The CSRF token the site gave this client (fetching a page first if needed).
    pub async fn csrf(&self) -> String {
        let url = reqwest::Url::parse(&self.base).unwrap();
        let find = || {
            self.jar.cookies(&url).and_then(|h| {
                h.to_str().ok().and_then(|s| {
                    s.split(';')
                        .filter_map(|p| p.trim().split_once('='))
                        .find(|(k, _)| *k == "lots_csrf")
                        .map(|(_, v)| v.to_string())
                })
            })
        };
        if let Some(t) = find() {
            return t;
        }
        self.get("/logga-in").await;
        find().expect("the site sets a CSRF cookie")
    }

    /// Posts a form as a browser would, with the CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.http
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post(
            "/logga-in",
            &[
                ("email", email),
                ("password", password),
                ("till", "/oversikt"),
            ],
        )
        .await
    }
}

/// A small JPEG as a camera writes it, with an EXIF block that says where it was taken
/// (`GPSLatitude59`), for uploads that must be kept without it.
pub fn jpeg_with_exif() -> Vec<u8> {
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0,
    ];
    let exif = b"Exif\0\0GPSLatitude59";
    jpeg.extend([0xFF, 0xE1, 0x00, exif.len() as u8 + 2]);
    jpeg.extend(exif);
    jpeg.extend([0xFF, 0xDA, 0x00, 0x04, 1, 1, 0x12, 0x34, 0xFF, 0xD9]);
    jpeg
}

/// Asserts that a refused form's page names each of `fields` in its error summary.
pub fn names_every_field(page: &str, fields: &[&str], backend: &str) {
    for field in fields {
        assert!(
            page.contains(&format!("href=\"#{field}\"")),
            "{field} is not named on {backend}"
        );
    }
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// A write token ("ByggR") and a read token ("Rapport") of a municipality, as secrets.
pub async fn api_tokens(tenant: &lots_store::Tenant<'_>) -> (String, String) {
    let (_, write) = tenant
        .create_api_token("ByggR", lots_store::Scope::Write, "test")
        .await
        .unwrap();
    let (_, read) = tenant
        .create_api_token("Rapport", lots_store::Scope::Read, "test")
        .await
        .unwrap();
    (write, read)
}
