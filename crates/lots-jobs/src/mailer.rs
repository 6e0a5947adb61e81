//! The Mailer: SMTP for production, a directory of .eml files for a demo or an
//! installation that hands mail to another system, and memory for tests.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<MailAttachment>,
    /// Who the mail is from, when not the installation's sender: the municipality's name,
    /// and its own address where its mail provider lets it send from one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from_address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reply_to: String,
}

impl OutgoingMail {
    /// The mail in the municipality's name: its sender and reply address, and its
    /// signature (name, contact details, privacy notice) under the text.
    pub fn in_face(mut self, face: &lots_domain::face::Face, lang: lots_i18n::Lang) -> Self {
        self.from_name = if face.sender_name.is_empty() {
            face.display_name.clone()
        } else {
            face.sender_name.clone()
        };
        self.from_address = face.sender_address.clone();
        self.reply_to = face.contact_email.clone();
        let label = lots_i18n::text(lang, "face-privacy-label");
        self.body = format!("{}\n{}\n", self.body.trim_end(), face.signature(&label));
        self
    }
}

/// A text file sent with a mail, such as a calendar entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MailAttachment {
    pub filename: String,
    /// e.g. `text/calendar; charset=utf-8; method=PUBLISH`.
    pub content_type: String,
    pub content: String,
}

impl MailAttachment {
    /// A calendar file (RFC 5545) whose content type carries its method, as calendars
    /// expect of an invitation or a cancellation.
    pub fn calendar(
        filename: &str,
        method: lots_domain::calendar::Method,
        content: String,
    ) -> MailAttachment {
        let method = match method {
            lots_domain::calendar::Method::Publish => "PUBLISH",
            lots_domain::calendar::Method::Cancel => "CANCEL",
        };
        MailAttachment {
            filename: filename.into(),
            content_type: format!("text/calendar; charset=utf-8; method={method}"),
            content,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP: only for a relay on the same host or a test server.
    None,
    /// STARTTLS on the submission port (587), required.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

#[derive(Debug, Clone, serde::Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
}

/// How mail leaves Lots, as configured in `[mail]`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(tag = "transport", rename_all = "lowercase")]
pub enum MailConfig {
    Smtp(SmtpConfig),
    Directory { path: PathBuf },
    Memory,
}

/// Where mail goes: the installation's transport, and the SMTP server of each municipality
/// that sends through its own.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    own: Arc<HashMap<String, Transport>>,
}

#[derive(Clone)]
enum Transport {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Directory {
        path: PathBuf,
        from: Mailbox,
    },
    Memory {
        sent: Arc<Mutex<Vec<OutgoingMail>>>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("could not build message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("writing mail file: {0}")]
    Io(#[from] std::io::Error),
}

impl Mailer {
    pub fn from_config(config: &MailConfig, from: &str) -> Result<Mailer, MailError> {
        let from = mailbox(from)?;
        let transport = match config {
            MailConfig::Smtp(smtp) => smtp_transport(smtp, from)?,
            MailConfig::Directory { path } => Transport::Directory {
                path: path.clone(),
                from,
            },
            MailConfig::Memory => return Ok(Mailer::memory()),
        };
        Ok(Mailer {
            transport,
            own: Default::default(),
        })
    }

    /// The same mailer, with municipalities (by code) that send through SMTP servers of
    /// their own, from `from` unless a mail names its own sender.
    pub fn with_own(
        mut self,
        own: &[(String, SmtpConfig)],
        from: &str,
    ) -> Result<Mailer, MailError> {
        let from = mailbox(from)?;
        let mut servers = HashMap::new();
        for (code, smtp) in own {
            servers.insert(code.clone(), smtp_transport(smtp, from.clone())?);
        }
        self.own = Arc::new(servers);
        Ok(self)
    }

    pub fn memory() -> Mailer {
        Mailer {
            transport: Transport::Memory {
                sent: Arc::new(Mutex::new(Vec::new())),
            },
            own: Default::default(),
        }
    }

    /// What the memory transport has sent (empty for the others).
    pub fn sent(&self) -> Vec<OutgoingMail> {
        match &self.transport {
            Transport::Memory { sent } => sent.lock().map(|s| s.clone()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    fn build(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.clone()))?;
        let address = if mail.from_address.is_empty() {
            from.email.clone()
        } else {
            mail.from_address
                .parse()
                .map_err(|_| MailError::Address(mail.from_address.clone()))?
        };
        let name = if mail.from_name.is_empty() {
            from.name.clone()
        } else {
            Some(mail.from_name.clone())
        };
        let mut builder = Message::builder()
            .from(Mailbox::new(name, address))
            .to(to)
            .subject(&mail.subject);
        if !mail.reply_to.is_empty() {
            let reply_to: Mailbox = mail
                .reply_to
                .parse()
                .map_err(|_| MailError::Address(mail.reply_to.clone()))?;
            builder = builder.reply_to(reply_to);
        }
        let message = if mail.attachments.is_empty() {
            builder
                .header(ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
        } else {
            let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(mail.body.clone()));
            for a in &mail.attachments {
                let content_type = ContentType::parse(&a.content_type)
                    .map_err(|e| MailError::Build(e.to_string()))?;
                parts = parts.singlepart(
                    Attachment::new(a.filename.clone()).body(a.content.clone(), content_type),
                );
            }
            builder.multipart(parts)
        };
        message.map_err(|e| MailError::Build(e.to_string()))
    }

    /// Sends a mail of a municipality (none: the installation's own) through that
    /// municipality's SMTP server where it has one, else the installation's transport.
    pub async fn send(
        &self,
        municipality: Option<&str>,
        mail: &OutgoingMail,
    ) -> Result<(), MailError> {
        let transport = municipality
            .and_then(|code| self.own.get(code))
            .unwrap_or(&self.transport);
        match transport {
            Transport::Smtp { transport, from } => {
                let message = Self::build(from, mail)?;
                transport
                    .send(message)
                    .await
                    .map_err(|e| MailError::Smtp(e.to_string()))?;
            }
            Transport::Directory { path, from } => {
                let message = Self::build(from, mail)?;
                tokio::fs::create_dir_all(path).await?;
                let name = format!(
                    "{}-{:08x}.eml",
                    jiff::Timestamp::now().as_millisecond(),
                    rand::random::<u32>()
                );
                // Written under a temporary name and renamed, so a reader never sees half a file.
                let tmp = path.join(format!(".{name}.tmp"));
                tokio::fs::write(&tmp, message.formatted()).await?;
                tokio::fs::rename(&tmp, path.join(name)).await?;
            }
            Transport::Memory { sent } => {
                if let Ok(mut sent) = sent.lock() {
                    sent.push(mail.clone());
                }
            }
        }
        Ok(())
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address
        .parse()
        .map_err(|_| MailError::Address(address.to_string()))
}

fn smtp_transport(smtp: &SmtpConfig, from: Mailbox) -> Result<Transport, MailError> {
    let tls_params =
        || TlsParameters::new(smtp.host.clone()).map_err(|e| MailError::Smtp(e.to_string()));
    let tls = match smtp.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::Starttls => Tls::Required(tls_params()?),
        SmtpTls::Tls => Tls::Wrapper(tls_params()?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(std::time::Duration::from_secs(30)));
    if let (Some(user), Some(pass)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    Ok(Transport::Smtp {
        transport: builder.build(),
        from,
    })
}
