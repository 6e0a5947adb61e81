//! Configuration: a TOML file (`--config`), overridden by `LOTS_*` environment variables,
//! over defaults that need nothing installed.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use lots_jobs::{MailConfig, SmtpConfig, SmtpTls};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    /// The public address, for links in e-mails; defaults to `http://` + listen.
    pub base_url: String,
    pub workers: usize,
    pub mail: MailConfig,
    /// Municipalities (by code) that send their mail through SMTP servers of their own.
    pub own_mail: Vec<(String, SmtpConfig)>,
    pub mail_from: String,
    pub demo_password: String,
    /// Years without activity after which a contact person is listed for review (GDPR).
    pub contact_review_years: i64,
    /// Fewer survey answers than this and a result is not shown (Insikt: 7).
    pub survey_min_answers: u64,
    /// The tile server of the fault form's map; none by default.
    pub map: Option<lots_web::MapTiles>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    server: ServerSection,
    #[serde(default)]
    privacy: PrivacySection,
    #[serde(default)]
    database: DatabaseSection,
    #[serde(default)]
    mail: MailSection,
    #[serde(default)]
    map: MapSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapSection {
    tiles: Option<String>,
    attribution: Option<String>,
}

/// A tile address as the map and the page's policy use it: http(s), a plain host (letters,
/// digits, dots, hyphens, a port) and the `{z}`, `{x}` and `{y}` it is filled in with.
fn tiles_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or_default();
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | ';' | '<' | '>'))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    listen: Option<String>,
    base_url: Option<String>,
    workers: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrivacySection {
    contact_review_years: Option<i64>,
    survey_min_answers: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatabaseSection {
    url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailSection {
    transport: Option<String>,
    from: Option<String>,
    path: Option<PathBuf>,
    host: Option<String>,
    port: Option<u16>,
    tls: Option<String>,
    username: Option<String>,
    password: Option<String>,
    /// `[mail.municipality.0139]`: a municipality's own SMTP server.
    #[serde(default)]
    municipality: std::collections::BTreeMap<String, OwnSmtpSection>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnSmtpSection {
    host: Option<String>,
    port: Option<u16>,
    tls: Option<String>,
    username: Option<String>,
    password: Option<String>,
}

/// An SMTP server's settings: the TLS mode named, and the port it implies unless given.
fn smtp(
    host: String,
    port: Option<u16>,
    tls: Option<&str>,
    (username, password): (Option<String>, Option<String>),
) -> anyhow::Result<SmtpConfig> {
    let tls = match tls {
        None | Some("starttls") => SmtpTls::Starttls,
        Some("tls") => SmtpTls::Tls,
        Some("none") => SmtpTls::None,
        Some(other) => bail!(refusal("cli-config-tls", &[("tls", other.into())])),
    };
    Ok(SmtpConfig {
        host,
        port: port.unwrap_or(match tls {
            SmtpTls::Tls => 465,
            SmtpTls::Starttls => 587,
            SmtpTls::None => 25,
        }),
        tls,
        username,
        password,
    })
}

/// A refusal of the configuration, in the terminal's language.
fn refusal(id: &str, args: &[lots_i18n::Arg]) -> String {
    crate::say::text(id, args)
}

fn number(variable: &str) -> String {
    refusal("cli-config-number", &[("variable", variable.into())])
}

fn file(path: &Path) -> lots_i18n::FluentValue<'static> {
    path.display().to_string().into()
}

impl Config {
    /// Reads the file (if given) and the environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Config> {
        let file: File = match path {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| refusal("cli-config-unreadable", &[("file", file(p))]))?;
                toml::from_str(&text).map_err(|e| {
                    let reason = e.message().to_string();
                    let args = [("file", file(p)), ("reason", reason.as_str().into())];
                    anyhow::anyhow!(refusal("cli-config-wrong", &args))
                })?
            }
            None => File::default(),
        };
        Config::resolve(file, |k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    fn resolve(file: File, env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let database_url = env("LOTS_DATABASE_URL")
            .or(file.database.url)
            .unwrap_or_else(|| "sqlite://lots.db".into());
        let listen_text = env("LOTS_LISTEN")
            .or(file.server.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            let args = [("address", listen_text.as_str().into())];
            anyhow::anyhow!(refusal("cli-config-listen", &args))
        })?;
        let base_url = env("LOTS_BASE_URL")
            .or(file.server.base_url)
            .unwrap_or_else(|| format!("http://{listen}"));
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            bail!(refusal(
                "cli-config-base-url",
                &[("url", base_url.as_str().into())]
            ));
        }
        let workers = env("LOTS_WORKERS")
            .map(|w| w.parse().with_context(|| number("LOTS_WORKERS")))
            .transpose()?
            .or(file.server.workers)
            .unwrap_or(2)
            .clamp(1, 64);
        let m = file.mail;
        let transport = env("LOTS_MAIL_TRANSPORT")
            .or(m.transport)
            .unwrap_or_else(|| "directory".into());
        let mail = match transport.as_str() {
            "smtp" => {
                let host = env("LOTS_SMTP_HOST")
                    .or(m.host)
                    .with_context(|| refusal("cli-config-smtp-host", &[]))?;
                let port = env("LOTS_SMTP_PORT")
                    .map(|p| p.parse().with_context(|| number("LOTS_SMTP_PORT")))
                    .transpose()?
                    .or(m.port);
                let login = (
                    env("LOTS_SMTP_USERNAME").or(m.username),
                    env("LOTS_SMTP_PASSWORD").or(m.password),
                );
                let tls = env("LOTS_SMTP_TLS").or(m.tls);
                MailConfig::Smtp(smtp(host, port, tls.as_deref(), login)?)
            }
            "directory" => MailConfig::Directory {
                path: env("LOTS_MAIL_DIR")
                    .map(PathBuf::from)
                    .or(m.path)
                    .unwrap_or_else(|| PathBuf::from("mail")),
            },
            "memory" => MailConfig::Memory,
            other => bail!(refusal(
                "cli-config-transport",
                &[("transport", other.into())]
            )),
        };
        let map = match env("LOTS_MAP_TILES").or(file.map.tiles) {
            Some(url) if tiles_address(&url) => Some(lots_web::MapTiles {
                url,
                attribution: env("LOTS_MAP_ATTRIBUTION")
                    .or(file.map.attribution)
                    .unwrap_or_default(),
            }),
            Some(url) => bail!(refusal("cli-config-map-tiles", &[("url", url.into())])),
            None => None,
        };
        let mut own_mail = Vec::new();
        for (code, own) in m.municipality {
            if !lots_domain::reference::municipalities()
                .iter()
                .any(|known| known.code == code)
            {
                bail!(refusal(
                    "cli-config-own-smtp-code",
                    &[("code", code.into())]
                ));
            }
            let host = own.host.with_context(|| {
                refusal(
                    "cli-config-own-smtp-host",
                    &[("code", code.as_str().into())],
                )
            })?;
            let login = (own.username, own.password);
            own_mail.push((code, smtp(host, own.port, own.tls.as_deref(), login)?));
        }
        Ok(Config {
            database_url,
            listen,
            base_url,
            workers,
            mail,
            own_mail,
            mail_from: env("LOTS_MAIL_FROM")
                .or(m.from)
                .unwrap_or_else(|| "Lots <lots@localhost.localdomain>".into()),
            demo_password: env("LOTS_DEMO_PASSWORD").unwrap_or_else(|| "lots-demo".into()),
            contact_review_years: env("LOTS_CONTACT_REVIEW_YEARS")
                .map(|y| {
                    y.parse()
                        .with_context(|| number("LOTS_CONTACT_REVIEW_YEARS"))
                })
                .transpose()?
                .or(file.privacy.contact_review_years)
                .unwrap_or(3)
                .clamp(1, 100),
            survey_min_answers: env("LOTS_SURVEY_MIN_ANSWERS")
                .map(|n| n.parse().with_context(|| number("LOTS_SURVEY_MIN_ANSWERS")))
                .transpose()?
                .or(file.privacy.survey_min_answers)
                .unwrap_or(7)
                .clamp(3, 1000),
            map,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_need_nothing_installed() {
        let c = Config::resolve(File::default(), no_env).unwrap();
        assert_eq!(c.database_url, "sqlite://lots.db");
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
        assert!(matches!(c.mail, MailConfig::Directory { .. }));
    }

    #[test]
    fn environment_overrides_the_file() {
        let file: File = toml::from_str(
            "[database]\nurl = \"sqlite://file.db\"\n[server]\nlisten = \"0.0.0.0:9000\"\n",
        )
        .unwrap();
        let c = Config::resolve(file, |k| {
            (k == "LOTS_DATABASE_URL").then(|| "postgres://localhost/lots".to_string())
        })
        .unwrap();
        assert_eq!(c.database_url, "postgres://localhost/lots");
        assert_eq!(c.listen.to_string(), "0.0.0.0:9000");
    }

    #[test]
    fn mistakes_are_named() {
        let err = toml::from_str::<File>("[server]\nlisen = \"x\"\n").unwrap_err();
        assert!(err.message().contains("lisen"), "{}", err.message());
        let bad = Config::resolve(File::default(), |k| {
            (k == "LOTS_LISTEN").then(|| "localhost".to_string())
        });
        assert!(bad.unwrap_err().to_string().contains("IP:PORT"));
        let smtp = Config::resolve(File::default(), |k| {
            (k == "LOTS_MAIL_TRANSPORT").then(|| "smtp".to_string())
        });
        assert!(smtp.unwrap_err().to_string().contains("host"));
        let own = |text: &str| Config::resolve(toml::from_str(text).unwrap(), no_env);
        let unknown = own("[mail.municipality.9999]\nhost = \"smtp.example\"\n");
        assert!(unknown.unwrap_err().to_string().contains("9999"));
        let hostless = own("[mail.municipality.0139]\nport = 587\n");
        assert!(hostless.unwrap_err().to_string().contains("0139"));
    }

    #[test]
    fn a_map_is_shown_only_from_a_tile_server_named_in_full() {
        assert!(
            Config::resolve(File::default(), no_env)
                .unwrap()
                .map
                .is_none()
        );
        let with = |url: &str| {
            Config::resolve(File::default(), |k| {
                (k == "LOTS_MAP_TILES").then(|| url.to_string())
            })
        };
        let map = with("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
            .unwrap()
            .map
            .unwrap();
        assert_eq!(map.origin(), "https://tile.openstreetmap.org");
        for bad in [
            "tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tiles.example/{z}/{x}.png",
            "https://tiles.example; script-src *;/{z}/{x}/{y}.png",
            "javascript:alert(1)//{z}/{x}/{y}",
        ] {
            let refused = with(bad).unwrap_err().to_string();
            assert!(refused.contains("LOTS_MAP_TILES"), "{bad}: {refused}");
        }
    }

    #[test]
    fn a_municipality_sends_through_its_own_smtp_server() {
        let file: File = toml::from_str(
            "[mail.municipality.0139]\nhost = \"smtp.upplands-bro.example\"\ntls = \"tls\"\n\
             username = \"lots\"\npassword = \"hemligt\"\n",
        )
        .unwrap();
        let c = Config::resolve(file, no_env).unwrap();
        let (code, own) = &c.own_mail[0];
        assert_eq!(code, "0139");
        assert_eq!(
            (own.host.as_str(), own.port),
            ("smtp.upplands-bro.example", 465)
        );
        assert_eq!(own.password.as_deref(), Some("hemligt"));
    }
}
