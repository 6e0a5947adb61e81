//! The promises under attack: hostile input refused at one boundary the same way on both
//! databases, the sign-in limit under concurrency, redirects that stay on the site, and
//! CSRF tokens bound to the session and to this site.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

use crate::support::{self, TestApp, location};
use crate::{ADMIN, BD};

/// Strings a fuzzer would send: control characters, line breaks, Swedish letters, C1 codes
/// and anything else, the same list on every backend.
pub(crate) fn hostile_strings(count: usize) -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let chosen = proptest::string::string_regex(
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f} a-zåäöÅÄÖ€<>\"'&;=%+]{1,24}",
    )
    .unwrap();
    let anything = proptest::arbitrary::any::<String>();
    (0..count)
        .map(|i| {
            let tree = if i % 2 == 0 {
                chosen.new_tree(&mut runner).unwrap().current()
            } else {
                anything.new_tree(&mut runner).unwrap().current()
            };
            format!("x{tree}")
        })
        .collect()
}

/// What a backend did with one hostile string: the statuses of the fault form, the sign-in,
/// the Open311 report and the API update, and the company's stored name and town.
type Outcome = (u16, u16, u16, u16, String);

async fn outcomes(app: &TestApp, inputs: &[String]) -> Vec<Outcome> {
    let tenant = app.db.tenant("0139").await.unwrap();
    let (write, _) = support::api_tokens(&tenant).await;
    let (_, open311) = tenant
        .create_api_token("App", lots_store::Scope::Open311, "test")
        .await
        .unwrap();
    let company = crate::surveys::brunna_logistik(&tenant).await;
    let api = reqwest::Client::new();
    let visitor = app.client();
    let mut out = Vec::new();
    for s in inputs {
        let fault = visitor
            .post(
                "/felanmalan/0139",
                &[
                    ("service_code", "hal-i-gatan"),
                    ("attribute[storlek]", "liten"),
                    ("address_string", "Enköpingsvägen"),
                    ("description", s),
                ],
            )
            .await
            .status()
            .as_u16();
        let sign_in = visitor.sign_in(s, s).await.status().as_u16();
        let report = api
            .post(format!("{}/open311/v2/requests.json", app.base))
            .form(&[
                ("api_key", open311.as_str()),
                ("service_code", "hal-i-gatan"),
                ("lat", "59.5181"),
                ("long", "17.8139"),
                ("attribute[storlek]", "stor"),
                ("description", s.as_str()),
            ])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let put = api
            .put(format!("{}/api/v1/companies/{}", app.base, company.id))
            .bearer_auth(&write)
            .json(&json!({ "orgnr": company.orgnr, "name": s, "town": s }))
            .send()
            .await
            .unwrap();
        let put_status = put.status().as_u16();
        let body: Value = put.json().await.unwrap_or(Value::Null);
        let stored = tenant.company(company.id).await.unwrap();
        assert!(
            put_status < 300 || body["error"]["code"].is_string(),
            "an API error is JSON: {body}"
        );
        out.push((
            fault,
            sign_in,
            report,
            put_status,
            format!("{}|{}", stored.name, stored.town),
        ));
    }
    out
}

#[tokio::test]
async fn hostile_strings_are_refused_the_same_on_every_backend_and_never_as_a_500() {
    let inputs = hostile_strings(48);
    let mut seen: Vec<(&str, Vec<Outcome>)> = Vec::new();
    for app in TestApp::each_with_demo().await {
        let got = outcomes(&app, &inputs).await;
        for (input, (fault, sign_in, report, put, _)) in inputs.iter().zip(&got) {
            for status in [fault, sign_in, report, put] {
                assert!(
                    *status < 500,
                    "{input:?} gave {fault} {sign_in} {report} {put} on {}",
                    app.backend
                );
            }
            let control =
                lots_domain::input::forbidden_character(input, lots_domain::input::Breaks::Allowed)
                    .is_some();
            if control {
                assert_eq!(
                    (*fault, *sign_in, *report, *put),
                    (400, 400, 400, 400),
                    "{input:?} on {}",
                    app.backend
                );
            }
        }
        seen.push((app.backend, got));
        app.stop().await;
    }
    if let [(_, sqlite), (_, postgres)] = seen.as_slice() {
        assert_eq!(sqlite, postgres, "the backends differ");
    }
}

#[tokio::test]
async fn a_nul_byte_is_named_in_the_answer_each_caller_reads() {
    for app in TestApp::each_with_demo().await {
        let visitor = app.client();
        let r = visitor
            .post(
                "/felanmalan/0139",
                &[
                    ("service_code", "hal-i-gatan"),
                    ("description", "hål\0i gatan"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400, "{}", app.backend);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Otillåtet tecken") && page.contains("”description”"),
            "{page}"
        );
        assert!(page.contains("U+0000"));

        let xml = reqwest::get(format!(
            "{}/open311/v2/services.xml?jurisdiction_id=01%0039",
            app.base
        ))
        .await
        .unwrap();
        assert_eq!(xml.status(), 400);
        let text = xml.text().await.unwrap();
        assert!(
            text.contains("<errors><error><code>400</code>") && text.contains("jurisdiction_id")
        );

        let path = reqwest::get(format!("{}/api/v1/companies/1%00", app.base))
            .await
            .unwrap();
        assert_eq!(path.status(), 400);
        let body: Value = path.json().await.unwrap();
        assert_eq!(body["error"]["code"], "control_character");

        // The API answers a malformed path or query in its own JSON shape, and its document
        // declares the errors every operation can meet.
        let tenant = app.db.tenant("0139").await.unwrap();
        let (write, _) = support::api_tokens(&tenant).await;
        let api = reqwest::Client::new();
        for path in ["/api/v1/companies/abc", "/api/v1/companies?page=many"] {
            let r = api
                .get(format!("{}{path}", app.base))
                .bearer_auth(&write)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{path}");
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["error"]["code"], "bad_request", "{path}");
        }
        let doc: Value = reqwest::get(format!("{}/api/v1/openapi.json", app.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for status in ["400", "401", "403", "404", "422"] {
                    assert!(
                        operation["responses"].get(status).is_some(),
                        "{method} {path} declares no {status}"
                    );
                }
            }
        }

        // An uploaded file's name is text like any other: C0 controls already fail the
        // multipart parser (a 400), a C1 control reaches the handler, which refuses it.
        let bd = app.signed_in(BD).await;
        let part = reqwest::multipart::Part::bytes(b"Orgnr;Namn\n".to_vec())
            .file_name("register\u{85}.csv");
        let r = bd
            .http
            .post(bd.url(&format!("/foretag/import?csrf_token={}", bd.csrf().await)))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{}", app.backend);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("U+0085"),
            "{}",
            &page[page.find("<main").unwrap_or(0)..]
        );

        // A redirect's target never leaves the site and never fails.
        let c = app.client();
        for till in [
            "/%09/evil.example",
            "/%0a",
            "//evil.example",
            "%2F%5Cevil.example",
        ] {
            let r = c.get(&format!("/sprak/en?till={till}")).await;
            assert_eq!(r.status(), 303, "{till}");
            assert_eq!(location(&r), "/oversikt", "{till}");
        }
        let (_, form) = c.text("/logga-in?till=/%09/evil.example").await;
        assert!(
            form.contains("name=\"till\" value=\"&#x2f;oversikt\""),
            "{form}"
        );
        app.stop().await;
    }
}

#[test]
fn the_national_table_is_the_same_to_the_byte_on_one_core_and_on_two() {
    let dir = std::env::temp_dir().join(format!("lots-cores-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("national.csv");
    let lots = env!("CARGO_BIN_EXE_lots");
    let run = crate::surveys::run_ok;
    let path = file.to_str().unwrap();
    run(
        lots,
        &[
            "generate",
            "survey",
            "--respondents",
            "30000",
            "--output",
            path,
        ],
    );
    for format in ["csv", "json"] {
        let args = ["survey", "results", "--input", path, "--format", format];
        let two = run(lots, &args);
        let mut pinned = vec!["-c", "0", lots];
        pinned.extend(args);
        let one = run("taskset", &pinned);
        assert!(two == one, "{format} differs between one core and two");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn forty_parallel_sign_ins_check_no_more_passwords_than_the_limit() {
    for app in TestApp::each_with_demo().await {
        let clients: Vec<_> = (0..40).map(|_| app.client()).collect();
        for c in &clients {
            c.csrf().await;
        }
        let mut tasks = Vec::new();
        for (i, c) in clients.into_iter().enumerate() {
            tasks.push(tokio::spawn(async move {
                let password = if i == 20 {
                    support::PASSWORD
                } else {
                    "fel lösenord"
                };
                let r = c.sign_in(BD, password).await;
                let status = r.status().as_u16();
                let text = r.text().await.unwrap();
                (status, text.contains("För många misslyckade försök"))
            }));
        }
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.unwrap());
        }
        let checked = results.iter().filter(|(_, limited)| !limited).count();
        let signed_in = results.iter().filter(|(s, _)| *s == 303).count();
        assert!(
            checked <= lots_store::MAX_FAILURES_PER_EMAIL as usize,
            "{checked} of 40 were checked against the password on {}",
            app.backend
        );
        assert!(signed_in <= 1);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_csrf_token_is_bound_to_the_session_and_to_this_site() {
    for app in TestApp::each_with_demo().await {
        let c = app.client();
        let before = c.csrf().await;
        c.sign_in(ADMIN, support::PASSWORD).await;
        let after = c.csrf().await;
        assert_ne!(before, after, "a new token at sign-in");
        let invite = [
            ("name", "Ny Person"),
            ("email", "ny.person@upplands-bro.example"),
            ("role", "case_officer"),
        ];
        let with_token = |token: &str| {
            let mut fields: Vec<(&str, String)> =
                invite.iter().map(|(k, v)| (*k, v.to_string())).collect();
            fields.push(("csrf_token", token.to_string()));
            c.http.post(c.url("/personal/bjud-in")).form(&fields)
        };
        // The token from before signing in no longer works.
        let r = with_token(&before).send().await.unwrap();
        assert_eq!(r.status(), 400, "{}", app.backend);
        // Another session's token does not work in this one.
        let other = app.signed_in(BD).await;
        let r = with_token(&other.csrf().await).send().await.unwrap();
        assert_eq!(r.status(), 400);
        // The right token from another site is refused by the browser's own word.
        for (header, value) in [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ] {
            let r = with_token(&after)
                .header(header, value)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{header}");
        }
        assert!(
            app.db
                .user_by_email("ny.person@upplands-bro.example")
                .await
                .unwrap()
                .is_none()
        );
        let r = with_token(&after)
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        app.stop().await;
    }
}

/// The token of the newest link to a survey closing 2099-12-31 mailed to `email`: the demo's
/// own rounds mail the same companies, and their queue goes first.
async fn survey_token(app: &TestApp, email: &str) -> String {
    for _ in 0..1200 {
        let found =
            app.mailer.sent().into_iter().rev().find(|m| {
                m.to == email && m.body.contains("/enkat/") && m.body.contains("2099-12-31")
            });
        if let Some(mail) = found {
            return mail
                .body
                .split("/enkat/")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .to_string();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no survey link to {email} on {}", app.backend);
}

/// The part of the round page that lists the invited.
fn invited_table(page: &str) -> &str {
    let start = page
        .find("aria-label=\"Inbjudna\"")
        .expect("the table of invited");
    let end = start + page[start..].find("</table>").unwrap();
    &page[start..end]
}

/// An anonymous round of the visit battery to `companies` reachable companies in Brunna,
/// created through the form by `staff`: its id.
async fn anonymous_round(app: &TestApp, staff: &support::Client, companies: usize) -> i64 {
    let tenant = app.db.tenant("0139").await.unwrap();
    let companies: Vec<String> = crate::surveys::reachable_in_brunna(&tenant, companies)
        .await
        .iter()
        .map(|c| c.id.to_string())
        .collect();
    let visit = crate::surveys::published_battery(&tenant, "foretagsbesok").await;
    let mut fields: Vec<(&str, String)> = vec![
        ("name", "Anonym uppföljning".into()),
        ("battery_version_id", visit.to_string()),
        ("opens_on", lots_store::today().to_string()),
        ("closes_on", "2099-12-31".into()),
        ("reminder_days", "7".into()),
        ("quarantine_months", "0".into()),
        ("anonymous", "1".into()),
    ];
    fields.extend(companies.iter().map(|c| ("company", c.clone())));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = staff.post("/enkater/ny", &pairs).await;
    assert_eq!(created.status(), 200, "{}", app.backend);
    crate::surveys::receipt_round(&created.text().await.unwrap())
}

#[tokio::test]
async fn an_anonymous_round_shows_staff_nothing_that_tells_who_answered() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let round_id = anonymous_round(&app, &bd, 9).await;
        let round_path = format!("/enkater/{round_id}");
        let invitations = tenant.invitations(round_id).await.unwrap();
        let mut tokens = Vec::new();
        for i in &invitations {
            tokens.push(survey_token(&app, &i.email).await);
        }
        // Every invitation has gone out before the page is read.
        for _ in 0..100 {
            if tenant
                .invitations(round_id)
                .await
                .unwrap()
                .iter()
                .all(|i| i.sent_at.is_some())
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let (_, before) = bd.text(&round_path).await;
        let respondent = app.client();
        let sent = respondent
            .post(&format!("/enkat/{}", tokens[0]), &crate::surveys::VALID)
            .await;
        assert_eq!(sent.status(), 303);
        let (_, after) = bd.text(&round_path).await;
        assert_eq!(tenant.round(round_id).await.unwrap().answered, 1);
        assert_eq!(
            invited_table(&before),
            invited_table(&after),
            "the list of invited is the same before and after an answer on {}",
            app.backend
        );
        let table = invited_table(&after);
        assert!(
            !table.contains("Har svarat") && !table.contains("Påminnelser"),
            "{table}"
        );

        // A burst of answers, then both tables as someone with the whole database reads them.
        for token in &tokens[1..] {
            let r = app
                .client()
                .post(&format!("/enkat/{token}"), &crate::surveys::VALID)
                .await;
            assert_eq!(r.status(), 303);
        }
        let pool = sqlx_pool(&app).await;
        use sqlx::Row;
        let responses = sqlx::query(
            "SELECT id, invitation_id, respondent_key, submitted_at, updated_at FROM survey_responses WHERE round_id = $1",
        )
        .bind(round_id)
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(responses.len(), invitations.len());
        let salt: String = sqlx::query("SELECT salt FROM survey_rounds WHERE id = $1")
            .bind(round_id)
            .fetch_one(&pool)
            .await
            .unwrap()
            .get("salt");
        let invited = sqlx::query("SELECT * FROM survey_invitations WHERE round_id = $1")
            .bind(round_id)
            .fetch_all(&pool)
            .await
            .unwrap();
        let mut invitation_times = std::collections::HashSet::new();
        let mut keys_from_invitations = std::collections::HashSet::new();
        for i in &invited {
            let id: i64 = i.get("id");
            keys_from_invitations.insert(lots_store::secret::token_hash(&format!("{salt}:{id}")));
            for column in ["created_at", "sent_at"] {
                if let Ok(Some(t)) = i.try_get::<Option<i64>, _>(column) {
                    invitation_times.insert(t);
                }
            }
        }
        for r in &responses {
            assert_eq!(r.get::<Option<i64>, _>("invitation_id"), None);
            assert!(!keys_from_invitations.contains(&r.get::<String, _>("respondent_key")));
            for column in ["submitted_at", "updated_at"] {
                let t: i64 = r.get::<Option<i64>, _>(column).unwrap();
                assert_eq!(t % 86_400, 0, "{column} holds the day, no time");
                assert!(
                    !invitation_times.contains(&t),
                    "{column} matches an invitation's time"
                );
            }
        }
        // Not even the database lets the round stop being anonymous now.
        let switched = sqlx::query("UPDATE survey_rounds SET anonymous = 0 WHERE id = $1")
            .bind(round_id)
            .execute(&pool)
            .await;
        assert!(switched.is_err(), "{}", app.backend);
        pool.close().await;
        app.stop().await;
    }
}

/// A pool on the app's database, for reading it as someone with the whole database would.
async fn sqlx_pool(app: &TestApp) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::pool::PoolOptions::<sqlx::Any>::new()
        .max_connections(1)
        .connect(&app.url)
        .await
        .unwrap()
}

/// An organisationsnummer of a limited company (5569…), from nine digits of `seed`.
fn orgnr(seed: u32) -> String {
    let nine: Vec<u8> = format!("55690{:04}", seed % 10_000)
        .bytes()
        .map(|b| b - b'0')
        .collect();
    let check = lots_domain::orgnr::luhn_sum(&nine);
    let digits: String = nine.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{}-{}{check}", &digits[..6], &digits[6..])
}

#[tokio::test]
async fn re_importing_an_unchanged_register_writes_nothing() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let options = lots_store::ImportOptions {
            on_duplicate: lots_store::OnDuplicate::Update,
            all_or_nothing: false,
            dry_run: false,
            mapping: Vec::new(),
            sheet: None,
        };
        let file = |town: &str, eol: &str| {
            let mut lines = vec!["Organisationsnummer;Namn;Ort;Anställda".to_string()];
            for i in 0..30 {
                let place = if i == 7 { town } else { "Kungsängen" };
                lines.push(format!("{};Testbolag {i} AB;{place};{}", orgnr(i), i % 9));
            }
            lines.push("12345;Felaktigt nummer AB;Bro;1".into());
            lines.join(eol).into_bytes()
        };
        let import = |bytes: Vec<u8>| {
            let tenant = &tenant;
            let options = &options;
            async move {
                tenant
                    .import_companies_file(std::io::Cursor::new(bytes), options, "test", &|_| {})
                    .await
                    .unwrap()
            }
        };
        let first = import(file("Bro", "\n")).await;
        assert_eq!(
            first.outcome.as_ref().unwrap().created,
            30,
            "{}",
            app.backend
        );
        let journeys = |ids: Vec<i64>| {
            let tenant = &tenant;
            async move {
                let mut n = 0;
                for id in ids {
                    n += tenant.journey(id).await.unwrap().len();
                }
                n
            }
        };
        let ids: Vec<i64> = {
            let mut ids = Vec::new();
            for i in 0..30 {
                ids.push(
                    tenant
                        .company_by_orgnr(&orgnr(i))
                        .await
                        .unwrap()
                        .unwrap()
                        .id,
                );
            }
            ids
        };
        let before = journeys(ids.clone()).await;
        let pool = sqlx_pool(&app).await;
        let search_version = || {
            let pool = &pool;
            async move {
                use sqlx::Row;
                sqlx::query("SELECT version FROM search_versions WHERE municipality_code = '0139'")
                    .fetch_one(pool)
                    .await
                    .unwrap()
                    .get::<i64, _>("version")
            }
        };
        let version = search_version().await;
        // The same rows again, with other line endings: nothing changes, the bad line is
        // still line 32 whatever ends the lines.
        for eol in ["\r\n", "\r", "\n"] {
            let again = import(file("Bro", eol)).await;
            let o = again.outcome.unwrap();
            assert_eq!((o.created, o.updated, o.unchanged), (0, 0, 30), "{eol:?}");
            assert_eq!(again.rejects.len(), 1);
            assert_eq!(again.rejects[0].line, 32, "{eol:?} on {}", app.backend);
        }
        assert_eq!(
            journeys(ids.clone()).await,
            before,
            "no journey row for an unchanged row"
        );
        assert_eq!(
            search_version().await,
            version,
            "nothing for search to rebuild"
        );
        let changed = import(file("Brunna", "\n")).await.outcome.unwrap();
        assert_eq!((changed.updated, changed.unchanged), (1, 29));
        assert_eq!(journeys(ids).await, before + 1);
        assert_eq!(search_version().await, version + 1);
        pool.close().await;
        app.stop().await;
    }
}

#[tokio::test]
async fn mail_queued_before_a_shutdown_goes_out_exactly_once() {
    for app in TestApp::each(false, None).await {
        let first = app.mailer.clone();
        for i in 0..60 {
            let mail = lots_jobs::OutgoingMail {
                to: format!("mottagare{i}@example.se"),
                subject: format!("Brev {i}"),
                body: "Hej".into(),
                ..Default::default()
            };
            lots_jobs::enqueue_mail(&app.db, None, &format!("burst-{i}"), &mail)
                .await
                .unwrap();
        }
        // Stop while the workers are at it, as SIGTERM does, and start again.
        while first.sent().is_empty() {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let second = lots_jobs::Mailer::memory();
        let app = app.restart(second.clone()).await;
        for _ in 0..400 {
            if first.sent().len() + second.sent().len() >= 60 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let mut subjects: Vec<String> = first
            .sent()
            .into_iter()
            .chain(second.sent())
            .map(|m| m.subject)
            .collect();
        subjects.sort();
        let total = subjects.len();
        subjects.dedup();
        assert_eq!(
            (total, subjects.len()),
            (60, 60),
            "every mail once on {}",
            app.backend
        );
        app.stop().await;
    }
}

/// The first mail's id on a list of undelivered mail (from its "Skicka igen" form).
fn first_mail_id(page: &str) -> i64 {
    page.split("/admin/utskick/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_mail_that_cannot_go_out_is_shown_to_the_administrator_and_sent_again() {
    // An SMTP server that is not there: the port was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = lots_jobs::Mailer::from_config(
        &lots_jobs::MailConfig::Smtp(lots_jobs::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: lots_jobs::SmtpTls::None,
            username: None,
            password: None,
        }),
        "Lots <lots@upplands-bro.example>",
    )
    .unwrap();
    for app in TestApp::each(true, Some(mailer.clone())).await {
        let mail = lots_jobs::OutgoingMail {
            to: "nagon@foretag.example".into(),
            subject: "Inbjudan".into(),
            body: "Hej".into(),
            ..Default::default()
        };
        lots_jobs::enqueue_mail(&app.db, Some("0139"), "unreachable", &mail)
            .await
            .unwrap();
        let admin = app.signed_in(ADMIN).await;
        let mut page = String::new();
        for _ in 0..200 {
            page = admin.text("/admin/utskick").await.1;
            if page.contains("nagon@foretag.example") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            page.contains("nagon@foretag.example") && page.contains("Nytt försök"),
            "{page}"
        );
        let id = first_mail_id(&page);
        let again = admin
            .post(&format!("/admin/utskick/{id}/skicka-igen"), &[])
            .await;
        assert_eq!(location(&again), "/admin/utskick?igen=1");
        let officer = app.signed_in(crate::OFFICER).await;
        assert_eq!(officer.get("/admin/utskick").await.status(), 403);
        assert_eq!(
            officer
                .post(&format!("/admin/utskick/{id}/skicka-igen"), &[])
                .await
                .status(),
            403
        );

        // Whoever runs a round sees its undelivered invitations on the round's page and may
        // send those again, not the municipality's other mail.
        let bd = app.signed_in(BD).await;
        let round = anonymous_round(&app, &bd, 3).await;
        let mut page = String::new();
        for _ in 0..200 {
            page = bd.text(&format!("/enkater/{round}")).await.1;
            if page.contains("Meddelanden som inte kom fram: 3.") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            page.contains("Meddelanden som inte kom fram: 3."),
            "{}",
            app.backend
        );
        let list_path = format!("/admin/utskick?enkat={round}");
        assert!(page.contains("Se varför och skicka igen"), "{page}");
        let (status, list) = bd.text(&list_path).await;
        assert_eq!(status, 200);
        assert_eq!(list.matches("Inbjudan till enkät").count(), 3, "{list}");
        assert!(
            !list.contains("nagon@foretag.example"),
            "only the round's mail"
        );
        let theirs = first_mail_id(&list);
        let again = bd
            .post(
                &format!("/admin/utskick/{theirs}/skicka-igen?enkat={round}"),
                &[],
            )
            .await;
        assert_eq!(
            location(&again),
            format!("/admin/utskick?enkat={round}&igen=1")
        );
        let other = bd
            .post(
                &format!("/admin/utskick/{id}/skicka-igen?enkat={round}"),
                &[],
            )
            .await;
        assert_eq!(other.status(), 404, "another mail than the round's");
        assert_eq!(bd.get("/admin/utskick").await.status(), 403);
        app.stop().await;
    }
}

/// An imported Insikt round of `year`: `areas` gives each area's name, how many answered
/// and the answer every one of them gave to the three NKI questions.
async fn insikt_round(
    tenant: &lots_store::Tenant<'_>,
    year: i32,
    areas: &[(&str, usize, i64)],
) -> i64 {
    use lots_domain::battery::Answer;
    let version = crate::surveys::published_battery(tenant, "insikt-nki").await;
    tenant.service_areas().await.unwrap();
    let responses: Vec<lots_store::ImportedResponse> = areas
        .iter()
        .flat_map(|&(area, n, answer)| {
            (0..n).map(move |_| lots_store::ImportedResponse {
                area: area.into(),
                industry: String::new(),
                size_class: String::new(),
                unit: String::new(),
                submitted_at: 1_700_000_000,
                answers: lots_domain::battery::SERVICE_FACTORS
                    .iter()
                    .map(|f| format!("f_{f}"))
                    .chain(["nki_overall", "nki_expectations", "nki_ideal"].map(String::from))
                    .map(|q| (q, Answer::Number(answer)))
                    .collect(),
            })
        })
        .collect();
    let total: usize = areas.iter().map(|a| a.1).sum();
    tenant
        .import_round(
            version,
            &format!("Insikt {year}"),
            (
                jiff::civil::date(year as i16, 1, 1),
                jiff::civil::date(year as i16, 12, 31),
            ),
            total * 2,
            &responses,
            "test",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn from_2024_a_rounds_total_leaves_brandskydd_beside_it() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let t = lots_domain::nki::Thresholds::default();
        let areas = [
            ("Bygglov", 20, 6),
            ("Livsmedelskontroll", 10, 6),
            ("Brandskydd", 12, 1),
        ];
        let before = insikt_round(&tenant, 2023, &areas).await;
        // The demo measured in 2024 and 2025 too; this round's previous one is 2023's.
        let after = insikt_round(&tenant, 2024, &areas).await;
        let nki = |rows: &[lots_domain::survey_results::ResultRow], group: &str| {
            rows.iter()
                .find(|r| r.group == group && r.index == "nki")
                .cloned()
                .unwrap()
        };
        let old = tenant
            .round_results(before, "area", lots_i18n::Lang::Sv, &t)
            .await
            .unwrap();
        let total = nki(&old.rows, "");
        assert_eq!(total.n, Some(42), "until 2023 every area is in the total");
        assert!(!nki(&old.rows, "Brandskydd").beside_total);

        let new = tenant
            .round_results(after, "area", lots_i18n::Lang::Sv, &t)
            .await
            .unwrap();
        let total = nki(&new.rows, "");
        assert_eq!(total.n, Some(30), "{}", app.backend);
        assert_eq!(total.value, Some(100.0));
        assert_eq!(total.invited, Some(58), "the invited of the total's areas");
        let brandskydd = nki(&new.rows, "Brandskydd");
        assert!(brandskydd.beside_total);
        assert_eq!((brandskydd.n, brandskydd.value), (Some(12), Some(0.0)));
        // The previous round is counted with this year's definition: no change.
        assert_eq!(total.previous, Some(100.0));
        // Every breakdown keeps Brandskydd beside the total, not in it.
        let by_industry = tenant
            .round_results(after, "industry", lots_i18n::Lang::Sv, &t)
            .await
            .unwrap();
        assert_eq!(nki(&by_industry.rows, "").n, Some(30));
        assert!(nki(&by_industry.rows, "Brandskydd").beside_total);

        // The round's page says so.
        let (status, page) = app
            .signed_in(BD)
            .await
            .text(&format!("/enkater/{after}"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("bredvid totalen"), "{}", app.backend);

        // The organiser's table: 2024 breaks the series, Brandskydd stands beside the
        // total, and Upplands-Bro's total is the demo's 160 answers and this round's 30.
        let organiser = app.signed_in(crate::ORGANISER).await;
        let (_, page) = organiser.text("/medlemmar/nki?ar=2024").await;
        assert!(page.contains("Brott i serien"), "{page}");
        assert!(page.contains("Brandskydd <span class=\"muted\">(bredvid totalen)"));
        let row = &page[page.find(">Upplands-Bro<").unwrap()..];
        assert!(
            row.starts_with(">Upplands-Bro</th><td class=\"num\">190</td>"),
            "{row:.200}"
        );
        let (_, later) = organiser.text("/medlemmar/nki?ar=2025").await;
        assert!(!later.contains("Brott i serien"));
        assert!(later.contains("Totalen omfattar Bygglov, Miljö- och hälsoskydd, Livsmedelskontroll, Serveringstillstånd."));
        app.stop().await;
    }
}

#[tokio::test]
async fn the_database_s_sums_equal_the_answers_counted_one_by_one() {
    use lots_domain::battery::Answer;
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let t = lots_domain::nki::Thresholds {
            min_shown: 1,
            ..Default::default()
        };
        let version = crate::surveys::published_battery(&tenant, "insikt-nki").await;
        let areas = tenant.service_areas().await.unwrap();
        // Answers of every size, "vet ej" to a factor here and there, several areas
        // (Brandskydd beside the total) and units.
        let questions: Vec<String> = lots_domain::battery::SERVICE_FACTORS
            .iter()
            .map(|f| format!("f_{f}"))
            .chain(["nki_overall", "nki_expectations", "nki_ideal"].map(String::from))
            .collect();
        let responses: Vec<lots_store::ImportedResponse> = (0..157_i64)
            .map(|i| lots_store::ImportedResponse {
                area: areas[(i % 4) as usize].area.name.clone(),
                industry: String::new(),
                size_class: String::new(),
                unit: ["Bygglovsenheten", "Miljöenheten", ""][(i % 3) as usize].into(),
                submitted_at: 1_700_000_000,
                answers: questions
                    .iter()
                    .enumerate()
                    .map(|(q, id)| {
                        let q = q as i64;
                        let answer = match (i + q) % 5 {
                            0 if id.starts_with("f_") => Answer::DontKnow,
                            _ => Answer::Number(1 + (i * 7 + q * 3) % 6),
                        };
                        (id.clone(), answer)
                    })
                    .collect(),
            })
            .collect();
        let round = tenant
            .import_round(
                version,
                "Insikt 2031",
                (
                    jiff::civil::date(2031, 1, 1),
                    jiff::civil::date(2031, 12, 31),
                ),
                300,
                &responses,
                "test",
            )
            .await
            .unwrap();
        let counted = tenant
            .round_results(round, "area", lots_i18n::Lang::Sv, &t)
            .await
            .unwrap();
        let summed = tenant.trend("insikt-nki", &t).await.unwrap();
        let year = summed.iter().find(|y| y.year == 2031).unwrap();
        let totals: Vec<_> = counted.rows.iter().filter(|r| r.group.is_empty()).collect();
        assert_eq!(year.rows.len(), totals.len());
        for (a, b) in year.rows.iter().zip(totals) {
            assert_eq!(
                (&a.index, a.n, a.value, a.ci_low, a.ci_high, a.constant),
                (&b.index, b.n, b.value, b.ci_low, b.ci_high, b.constant)
            );
        }
        // By unit (the latest year's, this one): each unit as its answers give it.
        let units: Vec<String> = ["Bygglovsenheten", "Miljöenheten"].map(String::from).into();
        let by_unit = tenant.units_nki(&units, &t).await.unwrap().unwrap();
        let counted = tenant
            .round_results(round, "unit", lots_i18n::Lang::Sv, &t)
            .await
            .unwrap();
        for unit in &units {
            let a = by_unit.rows.iter().find(|r| &r.group == unit).unwrap();
            let b = counted
                .rows
                .iter()
                .find(|r| &r.group == unit && r.index == "nki")
                .unwrap();
            assert_eq!((a.n, a.value, a.ci_low), (b.n, b.value, b.ci_low));
        }
        app.stop().await;
    }
}
