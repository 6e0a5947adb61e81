//! The company registry over HTTP and the command line, on every backend.

use std::process::Command;

use lots_domain::Role;
use lots_store::{CompanyInput, NewUser};

use crate::support::{PASSWORD, TestApp, location};
use crate::{ADMIN, BD, OFFICER};

#[tokio::test]
async fn a_business_developer_finds_a_company_with_a_typo_and_opens_its_journey() {
    for app in TestApp::each_with_demo().await {
        let bd = app.signed_in(BD).await;
        let (status, list) = bd.text("/foretag").await;
        assert_eq!(status, 200);
        assert!(list.contains("företag"), "{}", app.backend);
        let (_, hits) = bd.text("/foretag?q=brunna+logsitik").await;
        assert!(
            hits.contains("Brunna Logistik AB"),
            "typo-tolerant search on {}",
            app.backend
        );
        let (_, tagged) = bd
            .text("/foretag?q=brunna+logsitik&tagg=trafikn%C3%A4tverket&status=active")
            .await;
        assert!(
            tagged.contains("Brunna Logistik AB"),
            "a name search within filters"
        );
        let (_, filtered_out) = bd
            .text("/foretag?q=brunna+logistik&status=deregistered")
            .await;
        assert!(filtered_out.contains("Inget företag matchar sökningen."));
        let (_, none) = bd.text("/foretag?q=zzzqqq").await;
        assert!(none.contains("Inget företag matchar sökningen."));
        let (_, by_area) = bd.text("/foretag?q=kungsangen+kyl").await;
        assert!(
            by_area.contains("Kungsängens Kyltransporter AB"),
            "å/ä/ö typed as a/o"
        );

        let tenant = app.db.tenant("0139").await.unwrap();
        let company = tenant
            .companies(&lots_store::CompanyFilter {
                query: Some("Brunna Logistik".into()),
                page: 1,
                per_page: 1,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
            .remove(0);
        let (_, by_number) = bd
            .text(&format!("/foretag?q={}", company.orgnr.replace('-', "")))
            .await;
        assert!(
            by_number.contains("1 företag") || by_number.contains("1\u{a0}företag"),
            "search by organisationsnummer"
        );
        let contact_name = tenant.contacts(company.id).await.unwrap()[0].name.clone();
        let (_, by_contact) = bd
            .text(&format!("/foretag?q={}", contact_name.replace(' ', "+")))
            .await;
        assert!(
            by_contact.contains("Brunna Logistik AB"),
            "search by contact person"
        );

        let (status, journey) = bd.text(&format!("/foretag/{}", company.id)).await;
        assert_eq!(status, 200);
        assert!(journey.contains("Företagets resa") && journey.contains("Uppgifter importerades"));
        assert!(
            journey.contains("Vägtransport") || journey.contains("Magasinering"),
            "SNI names are shown"
        );
        let r = bd
            .post(
                &format!("/foretag/{}/anteckningar", company.id),
                &[("note", "Besökt i kampanjen; vill gå med i trafiknätverket.")],
            )
            .await;
        assert_eq!(location(&r), format!("/foretag/{}", company.id));
        let (_, journey) = bd.text(&format!("/foretag/{}", company.id)).await;
        assert!(journey.contains("vill gå med i trafiknätverket"));
        let empty = bd
            .post(
                &format!("/foretag/{}/anteckningar", company.id),
                &[("note", " ")],
            )
            .await;
        assert_eq!(empty.status(), 422);
        app.stop().await;
    }
}

#[tokio::test]
async fn pages_from_a_cursor_are_the_pages_by_number() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let page = |page: usize, after: Option<i64>, before: Option<i64>| {
            let tenant = &tenant;
            async move {
                tenant
                    .companies(&lots_store::CompanyFilter {
                        page,
                        per_page: 20,
                        after,
                        before,
                        status: Some(lots_store::CompanyStatus::Active),
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        let (first, second, third) = (
            page(1, None, None).await,
            page(2, None, None).await,
            page(3, None, None).await,
        );
        assert_eq!(first.len(), 20);
        assert_eq!(
            page(2, Some(*first.last().unwrap()), None).await,
            second,
            "{}",
            app.backend
        );
        assert_eq!(page(3, Some(*second.last().unwrap()), None).await, third);
        assert_eq!(page(2, None, Some(third[0])).await, second);
        assert_eq!(page(1, None, Some(second[0])).await, first);

        // The list page (25 to a page) links to the next and previous pages by cursor.
        let listed = tenant
            .companies(&lots_store::CompanyFilter {
                page: 1,
                per_page: 25,
                status: Some(lots_store::CompanyStatus::Active),
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        let last = listed.last().unwrap().id;
        let bd = app.signed_in(BD).await;
        let (_, list) = bd.text("/foretag?status=active").await;
        assert!(list.contains(&format!("sida=2&amp;efter={last}")), "{list}");
        let (_, later) = bd
            .text(&format!("/foretag?status=active&sida=2&efter={last}"))
            .await;
        assert!(!later.contains(&format!(">{}</a>", listed[24].name)));
        let next_id: String = later
            .split("/foretag/")
            .filter_map(|rest| rest.split('"').next())
            .find(|id| id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
            .unwrap()
            .to_string();
        assert!(
            later.contains(&format!("sida=1&amp;fore={next_id}")),
            "{later}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn registering_and_changing_a_company_checks_every_field() {
    for app in TestApp::each_with_demo().await {
        let bd = app.signed_in(BD).await;
        let bad = bd
            .post(
                "/foretag",
                &[("orgnr", "556012-5791"), ("name", "Ny Firma AB")],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let page = bad.text().await.unwrap();
        assert!(page.contains("href=\"#orgnr\"") && page.contains("Kontrollsiffran"));
        assert!(
            page.contains("value=\"Ny Firma AB\""),
            "entered values are kept"
        );
        let bad_sni = bd
            .post(
                "/foretag",
                &[
                    ("orgnr", "556012-5790"),
                    ("name", "Ny Firma AB"),
                    ("sni2007", "99999"),
                ],
            )
            .await;
        assert!(bad_sni.text().await.unwrap().contains("99999"));
        // Every wrong field at once: the form's own (a count that is not a number) and the
        // register's (the check digit, the missing name, an unknown SNI code).
        let all_wrong = bd
            .post(
                "/foretag",
                &[
                    ("orgnr", "556012-5791"),
                    ("name", ""),
                    ("sni2007", "99999"),
                    ("employees", "tolv"),
                ],
            )
            .await;
        assert_eq!(all_wrong.status(), 422);
        let page = all_wrong.text().await.unwrap();
        let wrong = ["orgnr", "name", "sni2007", "employees"];
        crate::support::names_every_field(&page, &wrong, app.backend);
        let ok = bd
            .post(
                "/foretag",
                &[
                    ("orgnr", "5560125790"),
                    ("name", "Ny Firma AB"),
                    ("sni2007", "62.010"),
                    ("employees", "12"),
                    ("area", "Bro"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(ok.status(), 303, "{}", app.backend);
        let path = location(&ok);
        let (_, page) = bd.text(&path).await;
        assert!(
            page.contains("556012-5790") && page.contains("Aktiebolag") && page.contains("10–19")
        );
        let dup = bd
            .post(
                "/foretag",
                &[("orgnr", "SE556012579001"), ("name", "Samma AB")],
            )
            .await;
        assert!(
            dup.text()
                .await
                .unwrap()
                .contains("Det finns redan ett företag")
        );
        let changed = bd
            .post(
                &format!("{path}/andra"),
                &[
                    ("orgnr", "556012-5790"),
                    ("name", "Ny Firma i Bro AB"),
                    ("employees", "25"),
                    ("area", "Bro"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(location(&changed), path);
        let (_, page) = bd.text(&path).await;
        assert!(
            page.contains("Uppgifterna ändrades") && page.contains("namn, SNI, antal anställda")
        );
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(
            officer.get("/foretag.csv").await.status(),
            403,
            "export needs the register role"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn contact_people_are_personal_data_with_extract_and_erasure() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let company = tenant
            .create_company(
                &CompanyInput {
                    orgnr: "556012-5790".into(),
                    name: "Kontaktfirman AB".into(),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let bd = app.signed_in(BD).await;
        let bad = bd
            .post(
                &format!("/foretag/{}/kontakter/ny", company.id),
                &[
                    ("name", "Vera Viklund"),
                    ("email", "inte-en-adress"),
                    ("legal_basis", "public_task"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        let ok = bd
            .post(
                &format!("/foretag/{}/kontakter/ny", company.id),
                &[
                    ("name", "Vera Viklund"),
                    ("role", "Vd"),
                    ("email", "vera@kontaktfirman.example"),
                    ("phone", "08-123 45 67"),
                    ("language", "sv"),
                    ("legal_basis", "legitimate_interest"),
                ],
            )
            .await;
        assert_eq!(ok.status(), 303, "{}", app.backend);
        let contact = tenant.contacts(company.id).await.unwrap().remove(0);
        let (_, recent) = bd.text("/kontakter/granska").await;
        assert!(
            !recent.contains("Vera Viklund"),
            "active within the configured 3 years"
        );
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let (_, review) = bd.text("/kontakter/granska?ar=0").await;
        assert!(review.contains("Vera Viklund") && review.contains("Kontaktfirman AB"));
        let (status, page) = bd.text(&format!("/kontakter/{}", contact.id)).await;
        assert_eq!(status, 200);
        assert!(page.contains("Visningen loggas."));
        let (_, extract) = bd
            .text(&format!("/kontakter/{}/registerutdrag", contact.id))
            .await;
        assert!(extract.contains("vera@kontaktfirman.example") && extract.contains("contact.view"));
        let json: serde_json::Value = bd
            .get(&format!("/kontakter/{}/registerutdrag.json", contact.id))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(json["person"]["email"], "vera@kontaktfirman.example");
        assert!(json["processing_log"].as_array().unwrap().len() >= 2);

        let readonly = app.db.tenant("0139").await.unwrap();
        readonly
            .create_user(NewUser {
                email: "las@upplands-bro.example",
                name: "Läs Läsare",
                title: "",
                unit_id: None,
                roles: &[Role::ReadOnly],
                password_hash: Some(lots_store::secret::hash_password(PASSWORD)),
                language: lots_i18n::Lang::Sv,
            })
            .await
            .unwrap();
        let reader = app.signed_in("las@upplands-bro.example").await;
        assert_eq!(
            reader
                .get(&format!("/kontakter/{}", contact.id))
                .await
                .status(),
            403
        );
        let (_, company_page) = reader.text(&format!("/foretag/{}", company.id)).await;
        assert!(
            !company_page.contains("Vera Viklund")
                && company_page.contains("Din roll visar inte personuppgifter.")
        );

        let r = bd
            .post(&format!("/kontakter/{}/radera", contact.id), &[])
            .await;
        assert_eq!(location(&r), format!("/foretag/{}", company.id));
        assert_eq!(
            bd.get(&format!("/kontakter/{}", contact.id)).await.status(),
            404
        );
        let erased = tenant.contact(contact.id).await.unwrap();
        assert!(erased.erased && erased.name.is_empty() && erased.email.is_empty());
        let (_, journey) = bd.text(&format!("/foretag/{}", company.id)).await;
        assert!(!journey.contains("Vera") && journey.contains("En kontaktperson raderades"));
        let (_, log) = app
            .signed_in(ADMIN)
            .await
            .text("/admin/granskningslogg?handelse=contact")
            .await;
        for action in [
            "contact.create",
            "contact.view",
            "contact.extract",
            "contact.erase",
        ] {
            assert!(log.contains(action), "{action} is logged");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn company_records_stay_within_their_municipality() {
    for app in TestApp::each_with_demo().await {
        app.db.host_municipality("0180").await.unwrap();
        let sthlm = app.db.tenant("0180").await.unwrap();
        let company = sthlm
            .create_company(
                &CompanyInput {
                    orgnr: "556012-5790".into(),
                    name: "Stockholmsbolaget AB".into(),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let contact = sthlm
            .create_contact(
                company.id,
                &lots_store::ContactInput {
                    name: "Sten Sthlm".into(),
                    legal_basis: Some(lots_domain::contact_import::LegalBasis::Consent),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let bd = app.signed_in(BD).await;
        let c = company.id;
        let k = contact.id;
        for path in [
            format!("/foretag/{c}"),
            format!("/foretag/{c}/andra"),
            format!("/foretag/{c}/kontakter/ny"),
            format!("/kontakter/{k}"),
            format!("/kontakter/{k}/registerutdrag"),
            format!("/kontakter/{k}/registerutdrag.json"),
            format!("/kontakter/{k}/radera"),
        ] {
            assert_eq!(bd.get(&path).await.status(), 404, "GET {path}");
        }
        for path in [
            format!("/foretag/{c}/andra"),
            format!("/foretag/{c}/anteckningar"),
            format!("/foretag/{c}/kontakter/ny"),
            format!("/kontakter/{k}"),
            format!("/kontakter/{k}/radera"),
        ] {
            let r = bd
                .post(
                    &path,
                    &[
                        ("orgnr", "556012-5790"),
                        ("name", "Kapad"),
                        ("note", "x"),
                        ("legal_basis", "consent"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 404, "POST {path}");
        }
        let (_, list) = bd.text("/foretag?q=stockholmsbolaget").await;
        assert!(!list.contains("Stockholmsbolaget"));
        assert_eq!(sthlm.company(c).await.unwrap().name, "Stockholmsbolaget AB");
        assert!(!sthlm.contact(k).await.unwrap().erased);
        app.stop().await;
    }
}

/// Runs the `lots` command line against a database, speaking Swedish whatever the locale
/// of the machine running the tests.
pub(crate) fn lots(args: &[&str], db: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lots"))
        .args(args)
        .env("LOTS_LANG", "sv")
        .env("LOTS_DATABASE_URL", db)
        .env("LOTS_LOG", "error")
        .output()
        .unwrap()
}

/// A file large enough for the importer to defer index upkeep: an all-or-nothing import
/// that meets a bad line halfway leaves nothing and the indexes as they were; a clean
/// import brings every row in and the indexes back.
#[test]
fn a_large_import_streams_and_rolls_back_or_commits_whole() {
    let dir = std::env::temp_dir().join(format!("lots-large-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/l.db", dir.display());
    assert!(
        lots(&["municipality", "host", "0139"], &db)
            .status
            .success()
    );
    let file = dir.join("register.csv");
    let generated = lots(
        &[
            "generate",
            "companies",
            "--count",
            "130000",
            "--invalid-every",
            "0",
            "--output",
            file.to_str().unwrap(),
        ],
        &db,
    );
    assert!(generated.status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.len() > 8 << 20,
        "the file must pass the large-file threshold"
    );
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(60_000, "556012-5791;Fel Kontrollsiffra AB;;;Bro;0139");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let args = |f: &std::path::Path, all: bool| {
        let mut a = vec![
            "import",
            "companies",
            f.to_str().unwrap(),
            "--municipality",
            "0139",
        ];
        if all {
            a.push("--all-or-nothing");
        }
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| lots(&a.iter().map(String::as_str).collect::<Vec<_>>(), &db);

    let refused = run(args(&bad, true));
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("rad 60001, kolumn"), "{err}");

    let count = || async {
        let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM companies")
            .fetch_one(&pool)
            .await
            .unwrap();
        let indexes: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN
             ('companies_sort', 'companies_area', 'journey_company') ORDER BY name",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        (n, indexes)
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let all_indexes = ["companies_area", "companies_sort", "journey_company"];
    assert_eq!(
        rt.block_on(count()),
        (0, all_indexes.map(String::from).to_vec())
    );

    let done = run(args(&file, false));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let created = format!("{} nya", lots_i18n::numbers::integer_sv(130_000));
    assert!(String::from_utf8_lossy(&done.stdout).contains(&created));
    assert_eq!(
        rt.block_on(count()),
        (130_000, all_indexes.map(String::from).to_vec())
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_windows_1252_file_with_three_bad_lines_reports_exactly_those() {
    let dir = std::env::temp_dir().join(format!("lots-import-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/i.db", dir.display());
    assert!(
        lots(&["municipality", "host", "0139"], &db)
            .status
            .success()
    );
    let file = dir.join("register.csv");
    std::fs::write(&file, three_bad_lines()).unwrap();

    let all_or_nothing = lots(
        &[
            "import",
            "companies",
            file.to_str().unwrap(),
            "--municipality",
            "0139",
            "--all-or-nothing",
        ],
        &db,
    );
    assert_eq!(all_or_nothing.status.code(), Some(1));
    let out = String::from_utf8_lossy(&all_or_nothing.stdout);
    assert!(out.contains("Inget skrevs"), "{out}");

    let dry = lots(
        &[
            "import",
            "companies",
            file.to_str().unwrap(),
            "--municipality",
            "0139",
            "--dry-run",
        ],
        &db,
    );
    assert!(
        String::from_utf8_lossy(&dry.stdout)
            .contains("5 rader lästa (Windows-1252), 2 giltiga, 3 avvisade")
    );

    let run = lots(
        &[
            "import",
            "companies",
            file.to_str().unwrap(),
            "--municipality",
            "0139",
        ],
        &db,
    );
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    let reported: Vec<&str> = err.lines().filter(|l| l.starts_with("rad ")).collect();
    assert_eq!(reported.len(), 3, "{err}");
    assert!(reported[0].starts_with("rad 3, kolumn \"Org.nr\", värde \"556012-5791\""));
    assert!(reported[1].starts_with("rad 4, kolumn \"SNI\", värde \"99999\""));
    assert!(reported[2].starts_with("rad 6, kolumn \"Företagsnamn\""));
    assert!(String::from_utf8_lossy(&run.stdout).contains("2 nya"));

    let rejects = dir.join("register.csv.avvisade.csv");
    let text = String::from_utf8(std::fs::read(&rejects).unwrap()).unwrap();
    assert!(text.contains("Fel") && text.contains("Rad 3") && text.contains("Rad 6"));

    let again = lots(
        &[
            "import",
            "companies",
            file.to_str().unwrap(),
            "--municipality",
            "0139",
            "--on-duplicate",
            "skip",
        ],
        &db,
    );
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("0 nya, 0 uppdaterade, 0 oförändrade, 2 redan registrerade")
    );
    let missing = lots(
        &[
            "import",
            "companies",
            "/no/such/file.csv",
            "--municipality",
            "0139",
        ],
        &db,
    );
    assert_eq!(missing.status.code(), Some(2));
    let headerless = dir.join("bad.csv");
    std::fs::write(&headerless, "Namn;Ort\nX;Y\n").unwrap();
    let unmapped = lots(
        &[
            "import",
            "companies",
            headerless.to_str().unwrap(),
            "--municipality",
            "0139",
        ],
        &db,
    );
    assert_eq!(unmapped.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unmapped.stderr).contains("--map"));

    let export = lots(&["export", "companies", "--municipality", "0139"], &db);
    let csv = String::from_utf8(export.stdout).unwrap();
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("Ängsö Åkeri AB")
            && csv.contains("Organisationsnummer;Företagsnamn")
    );
}

#[tokio::test]
async fn the_company_api_searches_creates_and_updates() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let (write, read) = crate::support::api_tokens(&tenant).await;
        let api = reqwest::Client::new();
        let url = |p: &str| format!("{}{p}", app.base);
        let found: serde_json::Value = api
            .get(url("/api/v1/companies?q=brunna%20logsitik"))
            .bearer_auth(&read)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            found["items"][0]["name"], "Brunna Logistik AB",
            "{}",
            app.backend
        );
        let body = serde_json::json!({"orgnr": "5560125790", "name": "API-bolaget AB", "sni2007": ["62010"], "employees": 7, "area": "Bro"});
        assert_eq!(
            api.post(url("/api/v1/companies"))
                .bearer_auth(&read)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status(),
            403
        );
        let created = api
            .post(url("/api/v1/companies"))
            .bearer_auth(&write)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let created: serde_json::Value = created.json().await.unwrap();
        assert_eq!(
            (created["orgnr"].as_str(), created["size_class"].as_str()),
            (Some("556012-5790"), Some("5–9"))
        );
        let id = created["id"].as_i64().unwrap();
        let bad = api
            .post(url("/api/v1/companies"))
            .bearer_auth(&write)
            .json(&serde_json::json!({"orgnr": "556012-5791", "name": "X"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("orgnr"));
        let put = api
            .put(url(&format!("/api/v1/companies/{id}")))
            .bearer_auth(&write)
            .json(&serde_json::json!({"orgnr": "556012-5790", "name": "API-bolaget i Bro AB"}))
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 200);
        let one: serde_json::Value = api
            .get(url(&format!("/api/v1/companies/{id}")))
            .bearer_auth(&read)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(one["name"], "API-bolaget i Bro AB");
        let journey = tenant.journey(id).await.unwrap();
        assert!(
            journey
                .iter()
                .any(|e| e.actor == "api:ByggR" && e.kind == lots_store::JourneyKind::Changed)
        );
        app.db.host_municipality("0180").await.unwrap();
        let (_, other) = app
            .db
            .tenant("0180")
            .await
            .unwrap()
            .create_api_token("S", lots_store::Scope::Write, "t")
            .await
            .unwrap();
        assert_eq!(
            api.get(url(&format!("/api/v1/companies/{id}")))
                .bearer_auth(&other)
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            api.put(url(&format!("/api/v1/companies/{id}")))
                .bearer_auth(&other)
                .json(&serde_json::json!({"orgnr": "556012-5790", "name": "Kapad"}))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        let doc: serde_json::Value = api
            .get(url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["paths"]["/api/v1/companies/{id}"]["put"].is_object());
        app.stop().await;
    }
}

/// A register file with three bad lines (3: check digit, 4: unknown SNI, 6: no name).
fn three_bad_lines() -> Vec<u8> {
    let text = "Org.nr;Företagsnamn;SNI;Antal anställda;Postort;Område\r\n\
                556012-5790;Ängsö Åkeri AB;49410;12;Bro;Bro\r\n\
                556012-5791;Fel Siffra AB;;3;Bro;Bro\r\n\
                559900-0006;Okänd Bransch AB;99999;2;Kungsängen;Brunna\r\n\
                212000-0076;Kommunens Bolag AB;84111;40;Kungsängen;Kungsängen\r\n\
                556677-8899;;;;;\r\n";
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

#[tokio::test]
async fn an_upload_is_previewed_with_its_rejects_and_imported_on_confirmation() {
    for app in TestApp::each_with_demo().await {
        let bd = app.signed_in(BD).await;
        let (status, form) = bd.text("/foretag/import").await;
        assert_eq!(status, 200);
        assert!(form.contains("enctype=\"multipart/form-data\""));
        let csrf = bd.csrf().await;
        let upload = |bytes: Vec<u8>, token: String| {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("register.csv");
            bd.http
                .post(bd.url(&format!("/foretag/import?csrf_token={token}")))
                .multipart(reqwest::multipart::Form::new().part("file", part))
                .send()
        };
        assert_eq!(
            upload(three_bad_lines(), "0".repeat(64))
                .await
                .unwrap()
                .status(),
            400,
            "CSRF applies to uploads"
        );
        let r = upload(three_bad_lines(), csrf.clone()).await.unwrap();
        assert_eq!(r.status(), 200, "{}", app.backend);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("5 rader (Windows-1252), 2 går att importera, 3 avvisas"),
            "{page}"
        );
        for line in [
            "<td class=\"num\">3</td>",
            "<td class=\"num\">4</td>",
            "<td class=\"num\">6</td>",
        ] {
            assert!(page.contains(line), "line {line} reported");
        }
        assert!(page.contains("Kontrollsiffran") && page.contains("99999"));
        let tenant = app.db.tenant("0139").await.unwrap();
        assert!(
            tenant
                .company_by_orgnr("556012-5790")
                .await
                .unwrap()
                .is_none(),
            "a preview writes nothing"
        );
        let start =
            page.find("action=\"/foretag/import/").unwrap() + "action=\"/foretag/import/".len();
        let id: String = page[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();

        let all = bd
            .post(
                &format!("/foretag/import/{id}"),
                &[("on_duplicate", "update"), ("all_or_nothing", "1")],
            )
            .await;
        assert!(all.text().await.unwrap().contains("Inget sparades"));
        assert!(
            tenant
                .company_by_orgnr("556012-5790")
                .await
                .unwrap()
                .is_none()
        );
        let done = bd
            .post(
                &format!("/foretag/import/{id}"),
                &[("on_duplicate", "update")],
            )
            .await;
        assert!(done.text().await.unwrap().contains("2 nya företag"));
        assert!(
            tenant
                .company_by_orgnr("556012-5790")
                .await
                .unwrap()
                .is_some()
        );
        let rejects = bd
            .get(&format!("/foretag/import/{id}/avvisade.csv"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            rejects.contains("Rad 3") && rejects.contains("Rad 4") && rejects.contains("Rad 6")
        );
        let empty = bd
            .http
            .post(bd.url(&format!("/foretag/import?csrf_token={csrf}")))
            .multipart(reqwest::multipart::Form::new().text("x", "y"))
            .send()
            .await
            .unwrap();
        assert_eq!(empty.status(), 422);
        let other = app.signed_in(ADMIN).await;
        assert_eq!(
            other
                .post(&format!("/foretag/import/{id}"), &[])
                .await
                .status(),
            404,
            "an upload belongs to its uploader"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_duplicate_is_found_and_merged_with_a_choice_per_field() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let input = |orgnr: &str, name: &str, employees| CompanyInput {
            orgnr: orgnr.into(),
            name: name.into(),
            employees,
            visit_address: "Bygatan 4".into(),
            postcode: "197 30".into(),
            town: "Bro".into(),
            ..Default::default()
        };
        let a = tenant
            .create_company(&input("556012-5790", "Bro Bilservice AB", Some(3)), "t")
            .await
            .unwrap();
        let b = tenant
            .create_company(&input("559900-0006", "Bro Bilservise", Some(8)), "t")
            .await
            .unwrap();
        tenant
            .create_contact(
                b.id,
                &lots_store::ContactInput {
                    name: "Maria Motor".into(),
                    legal_basis: Some(lots_domain::contact_import::LegalBasis::Consent),
                    ..Default::default()
                },
                "t",
            )
            .await
            .unwrap();
        tenant
            .add_note(b.id, "Ringde om bygglov för ny verkstad.", "t")
            .await
            .unwrap();

        let bd = app.signed_in(BD).await;
        let (_, list) = bd.text("/foretag/dubbletter").await;
        assert!(
            list.contains("Bro Bilservise") && list.contains(&format!("a={}&amp;b={}", a.id, b.id)),
            "{}",
            app.backend
        );
        let (status, compare) = bd
            .text(&format!("/foretag/sammanfoga?a={}&b={}", a.id, b.id))
            .await;
        assert_eq!(status, 200);
        assert!(compare.contains("559900-0006") && compare.contains("556012-5790"));
        let r = bd
            .post(
                "/foretag/sammanfoga",
                &[
                    ("a", &a.id.to_string()),
                    ("b", &b.id.to_string()),
                    ("orgnr", "b"),
                    ("name", "a"),
                    ("employees", "b"),
                ],
            )
            .await;
        assert_eq!(location(&r), format!("/foretag/{}", a.id));
        let kept = tenant.company(a.id).await.unwrap();
        assert_eq!(
            (kept.orgnr.as_str(), kept.name.as_str(), kept.employees),
            ("559900-0006", "Bro Bilservice AB", Some(8))
        );
        assert!(matches!(
            tenant.company(b.id).await,
            Err(lots_store::StoreError::NotFound)
        ));
        assert_eq!(tenant.contacts(a.id).await.unwrap()[0].name, "Maria Motor");
        let (_, journey) = bd.text(&format!("/foretag/{}", a.id)).await;
        assert!(
            journey.contains("Ringde om bygglov")
                && journey.contains("Sammanfogades med en dubblett")
        );
        let (_, hits) = bd.text("/foretag?q=maria+motor").await;
        assert!(
            hits.contains("Bro Bilservice AB"),
            "the moved contact is searchable on the survivor"
        );
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(officer.get("/foretag/dubbletter").await.status(), 403);
        app.stop().await;
    }
}

#[tokio::test]
async fn every_registry_page_renders_for_the_roles_that_use_it() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let company = tenant
            .company_by_orgnr(
                &tenant
                    .companies(&lots_store::CompanyFilter {
                        query: Some("Brunna Logistik".into()),
                        page: 1,
                        per_page: 1,
                        ..Default::default()
                    })
                    .await
                    .unwrap()
                    .items[0]
                    .orgnr,
            )
            .await
            .unwrap()
            .unwrap();
        let contact = tenant.contacts(company.id).await.unwrap().remove(0);
        let (c, k) = (company.id, contact.id);
        let bd = app.signed_in(BD).await;
        for path in [
            "/foretag".to_string(),
            "/foretag?q=brunna&omrade=&storlek=1–4&sni=H&tagg=trafiknätverket&status=active".into(),
            "/foretag/nytt".into(),
            format!("/foretag/{c}"),
            format!("/foretag/{c}/andra"),
            format!("/foretag/{c}/kontakter/ny"),
            format!("/kontakter/{k}"),
            format!("/kontakter/{k}/registerutdrag"),
            format!("/kontakter/{k}/radera"),
            "/foretag/import".into(),
            "/foretag/dubbletter".into(),
            "/kontakter/granska".into(),
            "/foretag.csv".into(),
            "/foretag.xlsx".into(),
        ] {
            assert_eq!(
                bd.get(&path).await.status(),
                200,
                "{path} on {}",
                app.backend
            );
        }
        let (_, english) = {
            bd.get("/sprak/en?till=/foretag").await;
            bd.text(&format!("/foretag/{c}")).await
        };
        assert!(
            english.contains("The company&#x27;s journey")
                || english.contains("The company's journey")
        );
        let officer = app.signed_in(OFFICER).await;
        for path in [
            "/foretag".to_string(),
            "/foretag/nytt".into(),
            format!("/foretag/{c}"),
            format!("/kontakter/{k}"),
        ] {
            assert_eq!(
                officer.get(&path).await.status(),
                200,
                "{path} for a case officer"
            );
        }
        for path in [
            "/foretag/import",
            "/foretag/dubbletter",
            "/kontakter/granska",
        ] {
            assert_eq!(
                officer.get(path).await.status(),
                403,
                "{path} is for the register's owners"
            );
        }
        app.stop().await;
    }
}
