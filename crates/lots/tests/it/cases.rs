//! Cases and the contact log: a case file in SKR's Insikt template with its bad lines
//! reported, the same case pushed twice over the API staying one case, the demo's late
//! bygglov with its fee reduction, the late list, handling times and the company's
//! timeline, and a call logged by the contact centre.

use lots_store::{CaseFilter, ImportOptions, OnDuplicate};

use crate::support::TestApp;
use crate::{ADMIN, BD, CONTACT_CENTRE, OFFICER, ORGANISER};

fn options(all_or_nothing: bool) -> ImportOptions {
    ImportOptions {
        on_duplicate: OnDuplicate::Update,
        all_or_nothing,
        dry_run: false,
        mapping: Vec::new(),
        sheet: None,
    }
}

/// The handling-time counts the database keeps give what the cases themselves give.
async fn counts_match_the_cases(tenant: &lots_store::Tenant<'_>) {
    let every = tenant
        .cases(
            &CaseFilter {
                page: 1,
                per_page: 10_000,
                ..Default::default()
            },
            today(),
        )
        .await
        .unwrap()
        .items;
    let mut bygglov: Vec<i64> = every
        .iter()
        .filter(|c| c.area_code == "bygglov")
        .filter_map(|c| c.dates.handling_days())
        .collect();
    bygglov.sort_unstable();
    let within: Vec<bool> = every
        .iter()
        .filter_map(|c| {
            c.dates
                .within_deadline(lots_domain::cases::DeadlineRule::Pbl)
                .filter(|_| c.area_code == "bygglov")
        })
        .collect();
    let rows = tenant
        .handling_times(
            "area",
            (jiff::civil::date(2000, 1, 1), jiff::civil::date(2100, 1, 1)),
        )
        .await
        .unwrap();
    let row = rows.iter().find(|r| r.group == "Bygglov").unwrap();
    assert_eq!(row.times.decided, bygglov.len());
    let n = bygglov.len();
    let median = if n % 2 == 1 {
        bygglov[n / 2] as f64
    } else {
        (bygglov[n / 2 - 1] + bygglov[n / 2]) as f64 / 2.0
    };
    assert_eq!(row.times.median_days, Some(median));
    let share = within.iter().filter(|w| **w).count() as f64 / within.len() as f64;
    assert!((row.times.within_deadline.unwrap() - share).abs() < 1e-12);
}

fn today() -> jiff::civil::Date {
    lots_store::today()
}

#[tokio::test]
async fn a_case_file_reports_every_bad_line_and_keeps_the_good_ones() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let brunna = crate::surveys::brunna_logistik(&tenant).await;
        let file = five_bad_lines(&brunna.orgnr);
        let strict = tenant
            .import_cases_file(
                std::io::Cursor::new(file.clone()),
                &options(true),
                "cases.csv",
                &|_| {},
            )
            .await
            .unwrap();
        assert!(strict.outcome.is_none(), "all or nothing: nothing written");
        assert!(
            tenant
                .case_by_reference("BN 2026/9001")
                .await
                .unwrap()
                .is_none()
        );

        let report = tenant
            .import_cases_file(
                std::io::Cursor::new(file),
                &options(false),
                "cases.csv",
                &|_| {},
            )
            .await
            .unwrap();
        let rejected: Vec<(usize, &str)> = report
            .rejects
            .iter()
            .map(|r| (r.line, r.column.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [
                (3, "Myndighetsområde"),
                (4, "Organisationsnummer"),
                (5, "Beslutsdatum"),
                (6, "Ärendenummer"),
                (7, "Enhet"),
            ],
            "{}",
            app.backend
        );
        assert!(
            report.rejects[0]
                .reason
                .text(lots_i18n::Lang::Sv)
                .starts_with("Okänt område")
        );
        assert!(
            report.rejects[2]
                .reason
                .text(lots_i18n::Lang::Sv)
                .contains("före inkomstdatumet")
        );
        assert!(
            report.rejects[3]
                .reason
                .text(lots_i18n::Lang::Sv)
                .contains("rad 2")
        );
        assert_eq!(report.outcome.as_ref().unwrap().created, 2);
        let case = tenant
            .case_by_reference("BN 2026/9001")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(case.company_id, Some(brunna.id));
        assert_eq!(case.unit_name.as_deref(), Some("Bygglovsenheten"));
        assert_eq!(
            case.deadline(),
            None,
            "the ten weeks run from a complete application"
        );
        assert!(
            report
                .rejects_file(lots_i18n::Lang::Sv)
                .starts_with(b"\xef\xbb\xbf")
        );

        // The company's timeline tells of the case, from the case itself.
        let journey = tenant.journey(brunna.id).await.unwrap();
        assert!(journey.iter().any(
            |e| e.kind == lots_store::JourneyKind::Case && e.detail.starts_with("BN 2026/9001")
        ));
        app.stop().await;
    }
}

#[tokio::test]
async fn a_case_pushed_twice_is_one_case() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let (write, read) = crate::support::api_tokens(&tenant).await;
        let api = reqwest::Client::new();
        let url = format!("{}/api/v1/cases/BN%202026%2F777", app.base);
        let body = serde_json::json!({
            "orgnr": "5560360793", "company_name": "Nytt Bygg AB", "area": "bygglov",
            "received_on": "2026-01-05", "complete_on": "2026-01-12",
            "decided_on": "2026-04-01", "fee_sek": 20000
        });
        let put = |token: &str, body: &serde_json::Value| {
            api.put(&url).bearer_auth(token).json(body).send()
        };
        assert_eq!(put(&read, &body).await.unwrap().status(), 403);
        let first = put(&write, &body).await.unwrap();
        assert_eq!(first.status(), 201, "{}", app.backend);
        let case: serde_json::Value = first.json().await.unwrap();
        // Ten weeks from 12 January is 23 March; 1 April is nine days over: two started
        // weeks, two fifths of 20 000 kronor.
        assert_eq!(case["deadline"], "2026-03-23");
        assert_eq!(case["days_over"], 9);
        assert_eq!(case["fee_reduction_sek"], 8000);
        assert_eq!(
            case["company_id"],
            serde_json::Value::Null,
            "not in the register"
        );
        let again = put(&write, &body).await.unwrap();
        assert_eq!(again.status(), 200);
        let mut later = body.clone();
        later["decided_on"] = "2026-04-11".into();
        assert_eq!(put(&write, &later).await.unwrap().status(), 200);
        counts_match_the_cases(&tenant).await;
        let n = tenant
            .cases(
                &CaseFilter {
                    query: Some("BN 2026/777".into()),
                    page: 1,
                    per_page: 10,
                    ..Default::default()
                },
                today(),
            )
            .await
            .unwrap()
            .total;
        assert_eq!(n, 1);

        let mut bad = body.clone();
        bad["area"] = "skolskjuts".into();
        let refused = put(&write, &bad).await.unwrap();
        assert_eq!(refused.status(), 422);
        assert!(refused.text().await.unwrap().contains("area"));
        let mut backwards = body.clone();
        backwards["decided_on"] = "2025-12-01".into();
        assert_eq!(put(&write, &backwards).await.unwrap().status(), 422);
        let read_back: serde_json::Value = api
            .get(&url)
            .bearer_auth(&read)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            read_back["decided_on"], "2026-04-11",
            "a refused push changed nothing"
        );
        let unknown = api
            .get(format!("{}/api/v1/cases/nope", app.base))
            .bearer_auth(&read)
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), 404);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_demo_shows_late_cases_and_handling_times() {
    for app in TestApp::each_with_demo().await {
        let officer = app.signed_in(OFFICER).await;
        let (status, late) = officer.text("/arenden?sena=1").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(late.contains("dagar sent") && late.contains("Obeslutat i sex månader"));

        // The bygglov decided sixteen days late has its fee reduced by three fifths.
        let tenant = app.db.tenant("0139").await.unwrap();
        let all = tenant
            .cases(
                &CaseFilter {
                    status: Some(lots_store::CaseStatus::Closed),
                    page: 1,
                    per_page: 1000,
                    ..Default::default()
                },
                today(),
            )
            .await
            .unwrap()
            .items;
        let late_bygglov = all
            .iter()
            .find(|c| c.area_code == "bygglov" && c.days_over(today()) == 16)
            .expect("the planted late bygglov");
        let fee = late_bygglov.fee_sek.unwrap();
        assert_eq!(late_bygglov.fee_reduction(today()), Some((fee * 3 + 4) / 5));
        let (_, page) = officer.text(&format!("/arenden/{}", late_bygglov.id)).await;
        assert!(page.contains("Avgiften sätts ned med"), "{page}");
        let extended = all
            .iter()
            .find(|c| c.extension_weeks == 6)
            .expect("the extended one");
        assert_eq!(
            extended.days_over(today()),
            0,
            "decided within the extended deadline"
        );
        assert_eq!(
            extended.deadline(),
            extended
                .dates
                .complete
                .map(|c| c.checked_add(jiff::Span::new().weeks(16)).unwrap())
        );

        counts_match_the_cases(&tenant).await;

        let (status, times) = officer.text("/arenden/handlaggningstider").await;
        assert_eq!(status, 200);
        assert!(times.contains("Bygglov") && times.contains("Alla ärenden"));
        let (_, by_unit) = officer.text("/arenden/handlaggningstider?per=unit").await;
        assert!(by_unit.contains("Bygglovsenheten"));

        // The organiser sees no municipality's cases.
        let organiser = app.signed_in(crate::ORGANISER).await;
        assert_eq!(organiser.get("/arenden").await.status(), 403);
        let bd = app.signed_in(BD).await;
        assert_eq!(bd.get("/arenden/999999").await.status(), 404);
        app.stop().await;
    }
}

/// The contact centre logs a call in one form: a refused form names the field, a logged
/// contact is on the company's timeline and in the statistics, where the demo's most common
/// reason is improving the local business climate.
#[tokio::test]
async fn a_call_is_logged_and_counted() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let brunna = crate::surveys::brunna_logistik(&tenant).await;
        let reasons = tenant.contact_reasons().await.unwrap();
        let permit = reasons
            .iter()
            .find(|r| r.name.starts_with("Fråga om tillstånd"))
            .unwrap()
            .id
            .to_string();
        let desk = app.signed_in(CONTACT_CENTRE).await;
        let (status, form) = desk.text("/kontaktlogg").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(form.contains("Hur hörde företaget av sig?"));
        let missing_unit = desk
            .post(
                "/kontaktlogg",
                &[
                    ("channel", "phone"),
                    ("reason", permit.as_str()),
                    ("resolved", "0"),
                ],
            )
            .await;
        assert_eq!(missing_unit.status(), 422);
        assert!(
            missing_unit
                .text()
                .await
                .unwrap()
                .contains("href=\"#passed_to\"")
        );
        let ambiguous = desk
            .post(
                "/kontaktlogg",
                &[
                    ("channel", "phone"),
                    ("reason", permit.as_str()),
                    ("company", "Brunna"),
                ],
            )
            .await;
        assert_eq!(ambiguous.status(), 422);
        assert!(
            ambiguous
                .text()
                .await
                .unwrap()
                .contains("Flera företag matchar")
        );
        let logged = desk
            .post(
                "/kontaktlogg",
                &[
                    ("channel", "phone"),
                    ("reason", permit.as_str()),
                    ("company", brunna.orgnr.as_str()),
                    ("resolved", "1"),
                    ("note", "Frågade om bygglov för en ny lagerhall."),
                ],
            )
            .await;
        assert_eq!(crate::support::location(&logged), "/kontaktlogg?sparad=1");
        let journey = tenant.journey(brunna.id).await.unwrap();
        assert!(
            journey
                .iter()
                .any(|e| e.kind == lots_store::JourneyKind::ContactLog
                    && e.detail.starts_with("Fråga om tillstånd"))
        );

        let (status, stats) = desk.text("/kontaktlogg/statistik").await;
        assert_eq!(status, 200);
        let most_common = stats.split("Vanligaste orsaken</dt><dd>").nth(1).unwrap();
        assert!(
            most_common.starts_with("Förbättra det lokala näringslivsklimatet"),
            "{}",
            &most_common[..80]
        );
        assert!(stats.contains("Lösta vid första kontakten"));
        // Reasons and months as bars, beside the tables with the same numbers.
        for chart in ["reasons-title reasons-desc", "months-title months-desc"] {
            assert!(stats.contains(chart), "{chart}");
        }
        let officer = app.signed_in(crate::ORGANISER).await;
        assert_eq!(officer.get("/kontaktlogg").await.status(), 403);
        app.stop().await;
    }
}

/// Closing a case in a measured area puts its contact in the next monthly Insikt batch:
/// the invitation goes out by e-mail, carries the case's area and unit, and a case
/// without a contact or a company asked within the quarantine is skipped and says so.
#[tokio::test]
async fn closing_a_case_sends_the_insikt_survey_in_the_next_batch() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let (write, _) = crate::support::api_tokens(&tenant).await;
        let api = reqwest::Client::new();
        let today = today();
        let put = |reference: &str, body: serde_json::Value| {
            api.put(format!(
                "{}/api/v1/cases/{}",
                app.base,
                reference.replace(' ', "%20").replace('/', "%2F")
            ))
            .bearer_auth(&write)
            .json(&body)
            .send()
        };
        let closed = serde_json::json!({
            "area": "bygglov", "unit": "Bygglovsenheten", "company_name": "Nytt Bygg AB",
            "contact_email": "kund@nyttbygg.example", "received_on": "2026-01-05",
            "decided_on": today.to_string(), "closed_on": today.to_string()
        });
        assert_eq!(
            put("BN 2026/801", closed.clone()).await.unwrap().status(),
            201
        );
        let mut again = closed.clone();
        again["company_name"] = "Nytt Bygg AB, andra ärendet".into();
        assert_eq!(put("BN 2026/802", again).await.unwrap().status(), 201);
        let mut nobody = closed.clone();
        nobody["contact_email"] = "".into();
        assert_eq!(put("BN 2026/803", nobody).await.unwrap().status(), 201);
        let state = |reference: &'static str| {
            let tenant = app.db.tenant_unchecked("0139");
            async move {
                tenant
                    .case_by_reference(reference)
                    .await
                    .unwrap()
                    .unwrap()
                    .survey_state
            }
        };
        assert_eq!(
            state("BN 2026/801").await,
            Some(lots_store::SurveyState::Queued)
        );

        // Closed this month: not yet due. The first of next month: sent.
        assert_eq!(
            lots_jobs::send_case_surveys(&app.db, today).await.unwrap(),
            0
        );
        let next_month = today
            .first_of_month()
            .checked_add(jiff::Span::new().months(1))
            .unwrap();
        lots_jobs::send_case_surveys(&app.db, next_month)
            .await
            .unwrap();
        let mail = app.wait_for_mail("kund@nyttbygg.example").await;
        assert!(mail.body.contains("/enkat/"), "{}", app.backend);
        // In the municipality's name, signed with how to reach it.
        assert_eq!(mail.from_name, "Upplands-Bro kommun, näringsliv");
        assert_eq!(mail.reply_to, "kontaktcenter@upplands-bro.example");
        assert!(mail.body.contains(
            "-- \nUpplands-Bro kommun\nkontaktcenter@upplands-bro.example · 08-581 690 00"
        ));
        assert!(
            mail.body
                .contains("Personuppgiftspolicy: https://www.upplands-bro.example/personuppgifter")
        );
        // The survey names the case it asks about, in plain words.
        let link = mail
            .body
            .split_whitespace()
            .find(|w| w.contains("/enkat/"))
            .unwrap();
        let path = &link[link.find("/enkat/").unwrap()..];
        // The batch went out on the first of next month; until then the page says when
        // it opens, and what it will ask about.
        let (status, survey) = app.client().text(path).await;
        assert_eq!(status, 410, "{}", app.backend);
        assert!(survey.contains(&format!("öppnar {}", as_a_company_reads(next_month))));
        let day = as_a_company_reads(today);
        assert!(
            survey.contains(&format!(
                "i ditt ärende om bygglov, BN 2026&#x2f;801, beslutat {day}"
            )),
            "{}",
            app.backend
        );
        assert!(!survey.contains("NKI-frågor") && !survey.contains("serviceområdena"));
        assert!(
            survey.contains("Så behandlar vi dina personuppgifter")
                && survey.contains("levererat av Lots")
        );
        assert_eq!(
            state("BN 2026/801").await,
            Some(lots_store::SurveyState::Invited)
        );
        assert_eq!(
            state("BN 2026/802").await,
            Some(lots_store::SurveyState::Quarantine)
        );
        assert_eq!(
            state("BN 2026/803").await,
            Some(lots_store::SurveyState::NoContact)
        );

        let round = tenant
            .rounds()
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.name.starts_with("Insikt efter avslutade ärenden"))
            .unwrap();
        assert!(round.anonymous, "officers never see who answered");
        let by_unit = tenant
            .invited_per_group(round.id, "unit", &Default::default())
            .await
            .unwrap();
        assert!(by_unit.get("Bygglovsenheten").copied().unwrap_or(0) >= 1);
        let officer = app.signed_in(OFFICER).await;
        let (status, page) = officer
            .text(&format!("/enkater/{}?per=unit", round.id))
            .await;
        assert_eq!(status, 200);
        assert!(!page.contains("kund@nyttbygg.example"));
        app.stop().await;
    }
}

/// A day as a company reads it: `torsdag 2026-12-03`.
fn as_a_company_reads(day: jiff::civil::Date) -> String {
    lots_i18n::weekday_date(
        lots_i18n::Lang::Sv,
        day.weekday().to_monday_one_offset(),
        &day.to_string(),
    )
}

/// The administrator configures the service areas and contact reasons; others cannot.
#[tokio::test]
async fn areas_and_reasons_are_configured_per_municipality() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(crate::ADMIN).await;
        let (status, page) = admin.text("/admin/arendeinstallningar").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("Livsmedelskontroll") && page.contains("Förbättra det lokala"));
        let added = admin
            .post(
                "/admin/arendeinstallningar/omraden",
                &[("name", "Bostadsanpassning"), ("measured", "1")],
            )
            .await;
        assert_eq!(
            crate::support::location(&added),
            "/admin/arendeinstallningar?klart=1"
        );
        let twice = admin
            .post(
                "/admin/arendeinstallningar/omraden",
                &[("name", "bostadsanpassning")],
            )
            .await;
        assert_eq!(twice.status(), 422);
        let reason = admin
            .post(
                "/admin/arendeinstallningar/orsaker",
                &[("reason", "Upphandling")],
            )
            .await;
        assert_eq!(reason.status(), 303);
        let tenant = app.db.tenant("0139").await.unwrap();
        let area = tenant
            .service_areas()
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.area.code == "bostadsanpassning")
            .unwrap();
        assert!(area.area.measured);
        admin
            .post(
                &format!("/admin/arendeinstallningar/omraden/{}", area.id),
                &[("measured", "0")],
            )
            .await;
        assert!(
            !tenant
                .service_areas()
                .await
                .unwrap()
                .iter()
                .any(|a| a.id == area.id && a.area.measured)
        );
        assert!(
            tenant
                .contact_reasons()
                .await
                .unwrap()
                .iter()
                .any(|r| r.name == "Upphandling")
        );
        let quarterly = admin
            .post(
                "/admin/arendeinstallningar/utskick",
                &[("batch", "quarter")],
            )
            .await;
        assert_eq!(quarterly.status(), 303);
        assert_eq!(tenant.case_survey_batch().await.unwrap(), "quarter");
        let bd = app.signed_in(BD).await;
        assert_eq!(bd.get("/admin/arendeinstallningar").await.status(), 403);
        app.stop().await;
    }
}

/// Seven cases of Brunna Logistik AB, five of them wrong: an unknown area (line 3), an
/// organisationsnummer not in the register (4), a decision before the case came in (5), a
/// diarienummer seen twice (6) and an unknown unit (7).
fn five_bad_lines(orgnr: &str) -> String {
    format!(
        "Organisationsnummer;Företag;E-postadress kontaktperson;Myndighetsområde;Ärendenummer;Inkom;Beslutsdatum;Enhet\n\
         {orgnr};Brunna Logistik AB;anna@brunna.example;Bygglov;BN 2026/9001;2026-03-02;2026-04-20;Bygglovsenheten\n\
         {orgnr};Brunna Logistik AB;;Skolskjuts;BN 2026/9002;2026-03-02;;\n\
         556036-0793;Okänt AB;;Miljö;MHN 2026/9003;2026-03-02;;\n\
         {orgnr};Brunna Logistik AB;;Livsmedel;MHN 2026/9004;2026-03-02;2026-03-01;\n\
         {orgnr};Brunna Logistik AB;;Bygglov;BN 2026/9001;2026-03-02;;\n\
         {orgnr};Brunna Logistik AB;;Bygglov;BN 2026/9006;2026-03-02;;Parkförvaltningen\n\
         ;Privatperson;;Miljö;MHN 2026/9007;2026-05-02;;\n",
        orgnr = orgnr
    )
}

#[tokio::test]
async fn a_case_file_is_uploaded_previewed_and_imported_from_the_browser() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let brunna = crate::surveys::brunna_logistik(&tenant).await;
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(officer.text("/arenden/import").await.0, 403);
        let bd = app.signed_in(BD).await;
        let (status, form) = bd.text("/arenden").await;
        assert_eq!(status, 200);
        assert!(form.contains("href=\"/arenden/import\""));
        let csrf = bd.csrf().await;
        let part = reqwest::multipart::Part::bytes(five_bad_lines(&brunna.orgnr).into_bytes())
            .file_name("arenden.csv");
        let r = bd
            .http
            .post(bd.url(&format!("/arenden/import?csrf_token={csrf}")))
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{}", app.backend);
        let page = r.text().await.unwrap();
        assert!(page.contains("2 går att importera, 5 avvisas"), "{page}");
        assert!(page.contains("Skolskjuts"));
        assert!(
            tenant
                .case_by_reference("BN 2026/9001")
                .await
                .unwrap()
                .is_none(),
            "a preview writes nothing"
        );
        let start =
            page.find("action=\"/arenden/import/").unwrap() + "action=\"/arenden/import/".len();
        let id: String = page[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (status, rejects) = bd.text(&format!("/arenden/import/{id}/avvisade.csv")).await;
        assert_eq!(status, 200);
        assert!(rejects.contains("BN 2026/9002"));
        let done = bd.post(&format!("/arenden/import/{id}"), &[]).await;
        assert!(done.text().await.unwrap().contains("2 nya ärenden"));
        assert!(
            tenant
                .case_by_reference("BN 2026/9001")
                .await
                .unwrap()
                .is_some()
        );
        app.stop().await;
    }
}

/// A case file large enough for the importer to count handling times once at the end
/// instead of by trigger per row: the statistics come out as from two small files whose
/// rows the triggers counted, and the triggers are back afterwards.
#[test]
fn a_large_case_file_counts_handling_times_as_the_triggers_do() {
    use crate::companies::lots;
    let dir = std::env::temp_dir().join(format!("lots-cases-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let at_once = format!("sqlite://{}/once.db", dir.display());
    let in_halves = format!("sqlite://{}/halves.db", dir.display());
    for db in [&at_once, &in_halves] {
        assert!(lots(&["municipality", "host", "0139"], db).status.success());
    }
    let file = dir.join("cases.csv");
    let generate = [
        "generate",
        "cases",
        "--count",
        "80000",
        "--output",
        file.to_str().unwrap(),
    ];
    assert!(lots(&generate, &at_once).status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.len() > 8 << 20,
        "the file must pass the large-file threshold"
    );
    let lines: Vec<&str> = text.lines().collect();
    let (header, rows) = lines.split_first().unwrap();
    let halves: Vec<std::path::PathBuf> = rows
        .chunks(rows.len() / 2 + 1)
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.join(format!("half{i}.csv"));
            std::fs::write(&path, format!("{header}\n{}\n", chunk.join("\n"))).unwrap();
            assert!(std::fs::metadata(&path).unwrap().len() < 8 << 20);
            path
        })
        .collect();
    let import = |path: &std::path::Path, db: &str| {
        let out = lots(
            &[
                "import",
                "cases",
                path.to_str().unwrap(),
                "--municipality",
                "0139",
            ],
            db,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    import(&file, &at_once);
    for half in &halves {
        import(half, &in_halves);
    }
    let times = |db: &str| {
        let out = lots(
            &[
                "cases",
                "times",
                "--municipality",
                "0139",
                "--from",
                "2024-11-01",
                "--to",
                "2026-11-01",
            ],
            db,
        );
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let counted_once = times(&at_once);
    assert!(counted_once.lines().count() > 3, "{counted_once}");
    assert_eq!(counted_once, times(&in_halves));
    let rt = tokio::runtime::Runtime::new().unwrap();
    let triggers: i64 = rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&at_once).await.unwrap();
        let n = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cases_count_%'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        pool.close().await;
        n
    });
    assert_eq!(triggers, 4, "the count triggers are back");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn each_role_s_start_page_shows_its_own_work() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let ahmed = app.db.user_by_email(OFFICER).await.unwrap().unwrap();
        let officer = app.signed_in(OFFICER).await;
        let (status, start) = officer.text("/oversikt").await;
        assert_eq!(status, 200);
        let start = crate::forms::unescape(&start);
        assert!(start.contains("Mina besök") && start.contains("Mina ärenden"));

        // His open cases from the case system, nearest deadline first.
        let mut open = tenant
            .cases(
                &CaseFilter {
                    officer: Some(ahmed.name.clone()),
                    status: Some(lots_store::CaseStatus::Open),
                    page: 1,
                    per_page: 500,
                    ..Default::default()
                },
                today(),
            )
            .await
            .unwrap()
            .items;
        assert!(!open.is_empty(), "the demo gives Ahmed open cases");
        assert!(open.iter().all(|c| c.officer == ahmed.name));
        open.sort_by_key(|c| (c.deadline().unwrap_or(jiff::civil::Date::MAX), c.id));
        let first = start
            .find(&open[0].reference)
            .expect("the nearest deadline is listed");
        if let Some(second) = open.get(1) {
            assert!(
                first < start.find(&second.reference).unwrap(),
                "nearest first"
            );
        }
        for v in tenant
            .officer_visits(ahmed.id)
            .await
            .unwrap()
            .iter()
            .take(8)
        {
            assert!(start.contains(&v.company_name), "{}", v.company_name);
        }

        // "Mina ärenden" in the case list: only his, with the officer column.
        let (_, mine) = officer.text("/arenden?mina=1").await;
        assert!(mine.contains("<h1>Mina ärenden</h1>") && mine.contains("Handläggare"));
        assert!(mine.contains(&format!("<td>{}</td>", ahmed.name)));
        assert!(!mine.contains("<td>Elin Bergqvist</td>"), "{}", app.backend);

        // The business developer sees the campaigns under way and the coming events.
        let bd = app.signed_in(BD).await;
        let (_, start) = bd.text("/oversikt").await;
        let start = crate::forms::unescape(&start);
        for c in tenant.campaigns().await.unwrap() {
            let open = c.status != lots_domain::campaigns::status::CampaignStatus::Closed;
            assert_eq!(
                start.contains(&format!("/kampanjer/{}\"", c.id)),
                open,
                "{}",
                c.name
            );
        }
        let now = lots_store::now();
        for e in tenant
            .events()
            .await
            .unwrap()
            .iter()
            .filter(|e| e.starts_at >= now)
            .take(3)
        {
            assert!(start.contains(&e.name), "{}", e.name);
        }

        // The contact centre logs a call from its start page.
        let centre = app.signed_in(CONTACT_CENTRE).await;
        let (_, start) = centre.text("/oversikt").await;
        assert!(start.contains("Logga ett samtal") && start.contains("loggad"));
        assert!(crate::forms::unescape(&start).contains("action=\"/kontaktlogg\""));

        // The latest NKI beside the county: the demo's Upplands-Bro leads Stockholms län.
        let standing = tenant
            .nki_standing(&lots_domain::nki::Thresholds::default())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(standing.county.as_ref().unwrap().rank, Some(1));
        let (_, start) = bd.text("/oversikt").await;
        assert!(start.contains(&format!("Kommunens NKI {}", standing.year)));
        assert!(start.contains("plats av 26 i Stockholms län") && start.contains("bäst i länet"));

        // The head of the building permit unit: the unit's late cases, its NKI and how
        // much of its staff the courses have reached.
        let manager = app.signed_in("per.sandberg@upplands-bro.example").await;
        let (_, start) = manager.text("/oversikt").await;
        assert!(start.contains("i dina enheter"), "{}", app.backend);
        let units = tenant
            .units_nki(&["Bygglovsenheten".to_string()], &Default::default())
            .await
            .unwrap()
            .unwrap();
        let nki = lots_domain::numbers::decimal_sv(units.rows[0].value.unwrap(), 1);
        assert!(start.contains(&format!("Enhetens NKI {}", units.year)));
        assert!(start.contains(&format!(
            "<td>Bygglovsenheten</td><td class=\"num\">{nki}</td>"
        )));
        assert!(start.contains("Utbildning i dina enheter") && start.contains("har gått"));

        // The administrator: undelivered mail, recent imports, the municipality's face.
        let admin = app.signed_in(ADMIN).await;
        let (_, start) = admin.text("/oversikt").await;
        assert!(start.contains("/admin/utskick") && start.contains("/admin/kommunen"));

        // The organiser: the members ranked by last year's NKI, the best first.
        let organiser = app.signed_in(ORGANISER).await;
        let (_, start) = organiser.text("/oversikt").await;
        let start = crate::forms::unescape(&start);
        assert!(start.contains("Medlemmarnas NKI"), "{}", app.backend);
        assert!(start.contains("<tr><td class=\"num\">1</td><td>Upplands-Bro</td>"));
        app.stop().await;
    }
}
