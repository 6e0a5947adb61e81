//! E-mail over real SMTP: a staff invitation, a survey invitation and an event confirmation
//! with its calendar file go through the job queue to an SMTP server (mailin) listening on
//! loopback; a municipality with an SMTP server of its own sends through that one.

use std::sync::{Arc, Mutex};

use lots_domain::Role;
use lots_jobs::{MailConfig, Mailer, SmtpConfig, SmtpTls};
use lots_store::NewUser;
use mailin_embedded::{Handler, Response, Server, SslConfig, response};

use crate::support::TestApp;

/// A received message: its recipients and its raw text.
type Received = (Vec<String>, String);

#[derive(Clone, Default)]
struct Inbox {
    messages: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let text = String::from_utf8_lossy(&self.data).to_string();
        self.messages.lock().unwrap().push((self.to.clone(), text));
        response::OK
    }
}

/// An SMTP server on loopback: what it receives, and its settings.
fn smtp_server() -> (Arc<Mutex<Vec<Received>>>, SmtpConfig) {
    let inbox = Inbox::default();
    let messages = inbox.messages.clone();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = Server::new(inbox);
    server
        .with_name("smtp.test.example")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    let config = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
    };
    (messages, config)
}

/// Whether a message is for `address`.
fn for_address(address: &str) -> impl Fn(&Received) -> bool + '_ {
    move |(to, _)| to.iter().any(|t| t.contains(address))
}

/// The first message a server received that is `wanted`, waited for up to ten seconds.
async fn received(
    messages: &Mutex<Vec<Received>>,
    wanted: impl Fn(&Received) -> bool,
) -> Option<Received> {
    for _ in 0..200 {
        let found = messages.lock().unwrap().iter().find(|m| wanted(m)).cloned();
        if found.is_some() {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test]
async fn a_municipality_s_mail_goes_through_its_own_smtp_server() {
    let (installation, default) = smtp_server();
    let (upplands_bro, own) = smtp_server();
    let from = "Lots <lots@lots.example>";
    let mailer = Mailer::from_config(&MailConfig::Smtp(default), from)
        .unwrap()
        .with_own(&[("0139".into(), own)], from)
        .unwrap();
    for app in TestApp::each(true, Some(mailer)).await {
        let mail = |to: &str| lots_jobs::OutgoingMail {
            to: to.into(),
            subject: "Hej".into(),
            body: "Text".into(),
            ..Default::default()
        };
        let (ours, theirs) = (
            format!("egen-{}@upplands-bro.example", app.backend),
            format!("drift-{}@lots.example", app.backend),
        );
        lots_jobs::enqueue_mail(&app.db, Some("0139"), &ours, &mail(&ours))
            .await
            .unwrap();
        lots_jobs::enqueue_mail(&app.db, None, &theirs, &mail(&theirs))
            .await
            .unwrap();
        let own = received(&upplands_bro, for_address(&ours)).await;
        assert!(own.is_some(), "its own server");
        assert!(
            received(&installation, for_address(&theirs))
                .await
                .is_some()
        );
        let has =
            |m: &Mutex<Vec<Received>>, to: &str| m.lock().unwrap().iter().any(for_address(to));
        assert!(
            !has(&installation, &ours) && !has(&upplands_bro, &theirs),
            "not both"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_invitation_is_delivered_over_smtp() {
    let (messages, config) = smtp_server();
    let mailer = Mailer::from_config(
        &MailConfig::Smtp(config),
        "Lots <lots@upplands-bro.example>",
    )
    .unwrap();
    for app in TestApp::each(true, Some(mailer)).await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let email = format!("smtp-{}@upplands-bro.example", app.backend);
        let user = tenant
            .create_user(NewUser {
                email: &email,
                name: "Saga Smtp",
                title: "",
                unit_id: None,
                roles: &[Role::CaseOfficer],
                password_hash: None,
                language: lots_i18n::Lang::Sv,
            })
            .await
            .unwrap();
        lots_jobs::enqueue_invitation(&app.db, &user, "Maja Lindqvist")
            .await
            .unwrap();
        let delivered = received(&messages, for_address(&email)).await;
        let (_, text) = delivered.expect("the SMTP server received the invitation");
        assert!(text.contains("Subject:"), "{text}");
        assert!(text.contains("/inbjudan/"), "{text}");
        // The server has the message before the worker records the job as done; the demo's
        // survey after closed cases goes out over the same server meanwhile.
        let mut counts = app.db.job_counts(None).await.unwrap();
        for _ in 0..200 {
            if counts.queued + counts.running == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            counts = app.db.job_counts(None).await.unwrap();
        }
        assert_eq!((counts.queued + counts.running, counts.failed), (0, 0));
        assert!(counts.done >= 1);

        // A survey invitation to a company's contact person, the same way.
        let company = crate::surveys::brunna_logistik(&tenant).await;
        let battery = crate::surveys::published_battery(&tenant, "foretagsbesok").await;
        let (round, _) = tenant
            .create_round(
                &lots_store::NewRound {
                    battery_version_id: Some(battery),
                    terms: lots_store::RoundTerms {
                        name: "SMTP".into(),
                        opens_on: Some(lots_store::today()),
                        closes_on: Some(jiff::civil::date(2099, 12, 31)),
                        anonymous: false,
                        quarantine_months: 0,
                        reminder_days: vec![],
                    },
                    company_ids: vec![company.id],
                },
                "test",
            )
            .await
            .unwrap();
        let invitation = tenant.invitations(round).await.unwrap().remove(0);
        lots_jobs::enqueue_survey_mail(&app.db, "0139", invitation.id, 0)
            .await
            .unwrap();
        let survey = received(&messages, |m| {
            for_address(&invitation.email)(m) && m.1.contains("/enkat/")
        })
        .await;
        let (_, text) = survey.expect("the SMTP server received the survey invitation");
        assert!(
            text.contains("vill veta") || text.contains("wants to hear"),
            "{text}"
        );

        // An event's confirmation carries its calendar file as an attachment.
        let event = tenant
            .create_event(
                &lots_store::NewEvent {
                    name: "Frukost över SMTP".into(),
                    kind: Some(lots_domain::events::EventKind::Breakfast),
                    starts_at: Some(lots_store::now() + 86_400),
                    ends_at: Some(lots_store::now() + 90_000),
                    capacity: Some(10),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let guest = format!("smtp-event-{}@upplands-bro.example", app.backend);
        let (participant, _) = tenant
            .register_walkin(
                event,
                &lots_store::Walkin {
                    name: "Gäst".into(),
                    email: guest.clone(),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        lots_jobs::enqueue_event_mail(
            &app.db,
            "0139",
            participant,
            lots_jobs::EventMessage::Confirmed,
            1,
        )
        .await
        .unwrap();
        let confirmation = received(&messages, for_address(&guest)).await;
        let (_, text) = confirmation.expect("the SMTP server received the confirmation");
        assert!(text.contains("multipart/mixed"), "{text}");
        assert!(
            text.contains("text/calendar") && text.contains("evenemang.ics"),
            "{text}"
        );
        app.stop().await;
    }
}
