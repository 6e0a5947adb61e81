//! Integration tests: the real `lots` application over HTTP, on every backend under test.

mod activities;
mod campaigns;
mod cases;
mod cli;
mod companies;
mod english;
mod forms;
mod open311;
mod smtp;
mod support;
mod surveys;
mod trust;

use lots_domain::Role;
use lots_store::{NewUnit, NewUser, Scope, UnitKind};
use support::{TestApp, location};

const BD: &str = "sara.holmberg@upplands-bro.example";
const ADMIN: &str = "maja.lindqvist@upplands-bro.example";
const OFFICER: &str = "ahmed.hassan@upplands-bro.example";
const ORGANISER: &str = "elias.sjoberg@sba.example";
const CONTACT_CENTRE: &str = "moa.jakobsson@upplands-bro.example";

#[tokio::test]
async fn sign_in_start_page_and_sign_out() {
    for app in TestApp::each_with_demo().await {
        let c = app.client();
        assert_eq!(location(&c.get("/").await), "/logga-in");
        let r = c.get("/oversikt").await;
        assert_eq!(location(&r), "/logga-in?till=/oversikt");
        let r = c.sign_in(BD, support::PASSWORD).await;
        assert_eq!(r.status(), 303);
        let cookie = r
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert_eq!(location(&r), "/oversikt");
        let (status, page) = c.text("/oversikt").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("Sara Holmberg") && page.contains("Upplands-Bro"));
        assert!(
            page.contains("href=\"/organisation\""),
            "business development sees the organisation"
        );
        assert!(
            !page.contains("/admin/api-nycklar"),
            "only administrators see API tokens"
        );
        assert!(page.contains(">25<"), "25 case officers in the demo");
        let r = c.post("/logga-ut", &[]).await;
        assert_eq!(location(&r), "/logga-in?utloggad=1");
        assert_eq!(c.get("/oversikt").await.status(), 303);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_one_answer_and_failures_are_limited() {
    for app in TestApp::each_with_demo().await {
        let c = app.client();
        let wrong = c.sign_in(BD, "fel lösenord").await;
        assert_eq!(wrong.status(), 422);
        let wrong = wrong.text().await.unwrap();
        let unknown = c
            .sign_in("ingen@upplands-bro.example", "fel lösenord")
            .await
            .text()
            .await
            .unwrap();
        let message = "Fel e-postadress eller lösenord.";
        assert!(wrong.contains(message) && unknown.contains(message));
        assert!(
            wrong.contains("value=\"sara.holmberg@upplands-bro.example\""),
            "the e-mail is kept"
        );
        assert!(
            wrong.contains("href=\"#email\""),
            "the error summary links to the field"
        );
        for _ in 0..4 {
            c.sign_in(BD, "fel igen").await;
        }
        let limited = c.sign_in(BD, support::PASSWORD).await;
        assert_eq!(limited.status(), 422);
        assert!(
            limited
                .text()
                .await
                .unwrap()
                .contains("För många misslyckade försök")
        );
        let empty = c
            .post("/logga-in", &[("email", ""), ("password", "")])
            .await
            .text()
            .await
            .unwrap();
        assert!(
            empty.contains("Skriv din e-postadress.") && empty.contains("Skriv ditt lösenord.")
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    for app in TestApp::each_with_demo().await {
        let c = app.signed_in(ADMIN).await;
        let no_token = c
            .http
            .post(c.url("/personal/bjud-in"))
            .form(&[
                ("name", "X"),
                ("email", "x@bro.example"),
                ("role", "case_officer"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(no_token.status(), 400);
        let wrong = c
            .http
            .post(c.url("/logga-ut"))
            .form(&[("csrf_token", "0".repeat(64))])
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), 400);
        assert!(wrong.text().await.unwrap().contains("Felaktig begäran"));
        assert!(
            app.db
                .user_by_email("x@bro.example")
                .await
                .unwrap()
                .is_none()
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn roles_are_checked_on_the_server() {
    for app in TestApp::each_with_demo().await {
        let officer = app.signed_in(OFFICER).await;
        for path in [
            "/admin/api-nycklar",
            "/admin/granskningslogg",
            "/personal/bjud-in",
        ] {
            assert_eq!(officer.get(path).await.status(), 403, "{path}");
        }
        let ahmed = app.db.user_by_email(OFFICER).await.unwrap().unwrap();
        let r = officer
            .post(&format!("/personal/{}/inaktivera", ahmed.id), &[])
            .await;
        assert_eq!(r.status(), 403);
        let r = officer
            .post("/admin/api-nycklar", &[("name", "x"), ("scope", "write")])
            .await;
        assert_eq!(r.status(), 403);
        let (_, start) = officer.text("/oversikt").await;
        assert!(
            start.contains("Bygglovsenheten") && start.contains("Elin Bergqvist"),
            "own unit and colleagues"
        );
        assert!(!start.contains("Granskningslogg"));

        let organiser = app.signed_in(ORGANISER).await;
        let (status, start) = organiser.text("/oversikt").await;
        assert_eq!(status, 200);
        assert!(start.contains("Stockholm Business Alliance") && start.contains("Nykvarn"));
        assert!(!start.contains("href=\"/personal\""));
        assert_eq!(organiser.get("/organisation").await.status(), 403);
        assert_eq!(organiser.get("/personal").await.status(), 403);

        let (status, forbidden) = officer.text("/admin/api-nycklar").await;
        assert_eq!(status, 403);
        assert!(forbidden.contains("Du saknar behörighet"));
        app.stop().await;
    }
}

#[tokio::test]
async fn one_municipality_never_sees_another_s_records() {
    for app in TestApp::each_with_demo().await {
        // Stockholm (0180) is a second tenant with its own unit, staff and token.
        app.db.host_municipality("0180").await.unwrap();
        let sthlm = app.db.tenant("0180").await.unwrap();
        let unit = sthlm
            .create_unit(NewUnit {
                name: "Stadsbyggnadskontoret",
                kind: UnitKind::Kontor,
                parent_id: None,
            })
            .await
            .unwrap();
        let person = sthlm
            .create_user(NewUser {
                email: "admin@stockholm.example",
                name: "Stina Stockholm",
                title: "",
                unit_id: Some(unit.id),
                roles: &[Role::Administrator],
                password_hash: Some(lots_store::secret::hash_password(support::PASSWORD)),
                language: lots_i18n::Lang::Sv,
            })
            .await
            .unwrap();
        let (token, _) = sthlm
            .create_api_token("Stockholm", Scope::Write, "test")
            .await
            .unwrap();

        let bro = app.signed_in(ADMIN).await;
        let u = unit.id;
        let p = person.id;
        let t = token.id;
        for path in [
            format!("/organisation/enheter/{u}"),
            format!("/personal/{p}"),
            format!("/admin/api-nycklar/{t}/aterkalla"),
        ] {
            assert_eq!(
                bro.get(&path).await.status(),
                404,
                "GET {path} on {}",
                app.backend
            );
        }
        for path in [
            format!("/personal/{p}"),
            format!("/personal/{p}/inaktivera"),
            format!("/personal/{p}/aktivera"),
            format!("/personal/{p}/bjud-in-igen"),
            format!("/admin/api-nycklar/{t}/aterkalla"),
        ] {
            let r = bro.post(&path, &[("role", "case_officer")]).await;
            assert_eq!(r.status(), 404, "POST {path} on {}", app.backend);
        }
        let r = bro
            .post(
                "/organisation/enheter",
                &[
                    ("name", "Smuggel"),
                    ("kind", "enhet"),
                    ("parent", &u.to_string()),
                ],
            )
            .await;
        assert_eq!(r.status(), 404, "a unit under another municipality's unit");
        let r = bro
            .post(
                "/personal/bjud-in",
                &[
                    ("name", "X"),
                    ("email", "x@bro.example"),
                    ("role", "case_officer"),
                    ("unit", &u.to_string()),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            404,
            "staff placed in another municipality's unit"
        );

        let bro_tenant = app.db.tenant("0139").await.unwrap();
        let (_, bro_token) = bro_tenant
            .create_api_token("Bro", Scope::Write, "test")
            .await
            .unwrap();
        let api = reqwest::Client::new();
        for path in [format!("/api/v1/units/{u}"), format!("/api/v1/staff/{p}")] {
            let r = api
                .get(format!("{}{path}", app.base))
                .bearer_auth(&bro_token)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "API {path}");
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["error"]["code"], "not_found");
        }
        let r = api
            .post(format!("{}/api/v1/units", app.base))
            .bearer_auth(&bro_token)
            .json(&serde_json::json!({"name": "X", "kind": "enhet", "parent_id": u}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let listed: serde_json::Value = api
            .get(format!("{}/api/v1/staff", app.base))
            .bearer_auth(&bro_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(!listed.to_string().contains("stockholm.example"));

        // Nothing of Stockholm's changed, and Stockholm's own admin still sees it all.
        let still = sthlm.user(p).await.unwrap();
        assert_eq!(
            (still.status, still.roles.clone()),
            (lots_store::UserStatus::Active, vec![Role::Administrator])
        );
        assert!(sthlm.api_token(t).await.unwrap().revoked_at.is_none());
        let stina = app.signed_in("admin@stockholm.example").await;
        assert_eq!(
            stina
                .get(&format!("/organisation/enheter/{u}"))
                .await
                .status(),
            200
        );
        assert_eq!(stina.get(&format!("/personal/{p}")).await.status(), 200);
        let maja = app.db.user_by_email(ADMIN).await.unwrap().unwrap();
        assert_eq!(
            stina.get(&format!("/personal/{}", maja.id)).await.status(),
            404
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_through_a_one_time_link() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let unit = app
            .db
            .tenant("0139")
            .await
            .unwrap()
            .unit_by_name("Bygglovsenheten")
            .await
            .unwrap()
            .unwrap();
        let r = admin
            .post(
                "/personal/bjud-in",
                &[
                    ("name", "Rut Nyberg"),
                    ("email", "Rut.Nyberg@upplands-bro.example"),
                    ("title", "Bygglovshandläggare"),
                    ("unit", &unit.id.to_string()),
                    ("role", "case_officer"),
                    ("role", "manager"),
                    ("language", "sv"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let page = location(&r);
        assert!(page.ends_with("?klart=inbjuden"), "{page}");
        let (_, shown) = admin.text(&page).await;
        assert!(shown.contains("Inbjudan köades; den skickas inom en minut."));
        assert!(shown.contains("Inbjuden"));

        let mail = app.wait_for_mail("rut.nyberg@upplands-bro.example").await;
        assert!(mail.subject.contains("Upplands-Bro"), "{}", mail.subject);
        let link = mail
            .body
            .lines()
            .find(|l| l.contains("/inbjudan/"))
            .unwrap()
            .trim()
            .to_string();
        let path = &link[link.find("/inbjudan/").unwrap()..];

        let newcomer = app.client();
        let (status, form) = newcomer.text(path).await;
        assert_eq!(status, 200);
        assert!(form.contains("Välj ditt lösenord") && form.contains("Rut Nyberg"));
        let short = newcomer
            .post(path, &[("password", "kort"), ("confirm", "kort")])
            .await;
        assert_eq!(short.status(), 422);
        assert!(short.text().await.unwrap().contains("minst 10 tecken"));
        let differ = newcomer
            .post(
                path,
                &[("password", "ett bra lösenord"), ("confirm", "ett annat")],
            )
            .await;
        assert!(
            differ
                .text()
                .await
                .unwrap()
                .contains("Lösenorden är inte lika.")
        );
        let ok = newcomer
            .post(
                path,
                &[
                    ("password", "ett bra lösenord"),
                    ("confirm", "ett bra lösenord"),
                ],
            )
            .await;
        assert_eq!(location(&ok), "/logga-in?klart=1");
        assert_eq!(
            newcomer.get(path).await.status(),
            404,
            "the link works once"
        );
        assert_eq!(
            newcomer
                .sign_in("rut.nyberg@upplands-bro.example", "ett bra lösenord")
                .await
                .status(),
            303
        );
        let rut = app
            .db
            .user_by_email("rut.nyberg@upplands-bro.example")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(rut.roles, vec![Role::CaseOfficer, Role::Manager]);
        assert_eq!(rut.unit_id, Some(unit.id));

        let (_, log) = admin.text("/admin/granskningslogg?handelse=user.").await;
        assert!(log.contains("user.invite") && log.contains("user.accept_invitation"));
        app.stop().await;
    }
}

#[tokio::test]
async fn a_form_with_errors_names_each_field_and_keeps_what_was_typed() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let r = admin
            .post(
                "/personal/bjud-in",
                &[("name", "Kvar Namn"), ("email", "inte-en-adress")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        assert!(page.contains("class=\"error-summary\""));
        assert!(page.contains("href=\"#email\"") && page.contains("href=\"#roles\""));
        assert!(page.contains("value=\"Kvar Namn\""));
        let dup = admin
            .post(
                "/personal/bjud-in",
                &[("name", "Dubbel"), ("email", BD), ("role", "read_only")],
            )
            .await;
        assert!(
            dup.text()
                .await
                .unwrap()
                .contains("E-postadressen används redan")
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn api_tokens_scopes_and_the_openapi_document() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let r = admin
            .post(
                "/admin/api-nycklar",
                &[("name", "ByggR nattlig export"), ("scope", "read")],
            )
            .await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        let start = page.find("lots_").unwrap();
        let secret: String = page[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        assert_eq!(secret.len(), 5 + 64);
        let api = reqwest::Client::new();
        let get = |path: &str, token: Option<&str>| {
            let mut rb = api.get(format!("{}{path}", app.base));
            if let Some(t) = token {
                rb = rb.bearer_auth(t);
            }
            rb.send()
        };
        let me: serde_json::Value = get("/api/v1/me", Some(&secret))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["municipality_code"], "0139");
        assert_eq!(me["scope"], "read");
        let units: serde_json::Value = get("/api/v1/units", Some(&secret))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(units.as_array().unwrap().len(), 9);
        let muni: serde_json::Value = get("/api/v1/municipalities", Some(&secret))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(muni.as_array().unwrap().len(), 290);
        let officers: serde_json::Value = get("/api/v1/staff?role=case_officer", Some(&secret))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(officers["total"], 25);
        let bad_role = get("/api/v1/staff?role=boss", Some(&secret)).await.unwrap();
        assert_eq!(bad_role.status(), 422);
        assert!(bad_role.text().await.unwrap().contains("role"));
        assert_eq!(get("/api/v1/me", None).await.unwrap().status(), 401);
        assert_eq!(
            get("/api/v1/me", Some("lots_nonsense"))
                .await
                .unwrap()
                .status(),
            401
        );

        let post = |token: String, body: serde_json::Value| {
            api.post(format!("{}/api/v1/units", app.base))
                .bearer_auth(token)
                .json(&body)
                .send()
        };
        let read_only = post(
            secret.clone(),
            serde_json::json!({"name": "Ny", "kind": "enhet"}),
        )
        .await
        .unwrap();
        assert_eq!(read_only.status(), 403);
        let (_, write) = app
            .db
            .tenant("0139")
            .await
            .unwrap()
            .create_api_token("w", Scope::Write, "t")
            .await
            .unwrap();
        let created = post(
            write.clone(),
            serde_json::json!({"name": "Plan- och exploateringsenheten", "kind": "enhet"}),
        )
        .await
        .unwrap();
        assert_eq!(created.status(), 201);
        let wrong_kind = post(
            write.clone(),
            serde_json::json!({"name": "X", "kind": "avdelning"}),
        )
        .await
        .unwrap();
        assert_eq!(wrong_kind.status(), 422);
        assert!(wrong_kind.text().await.unwrap().contains("kind"));
        let not_json = api
            .post(format!("{}/api/v1/units", app.base))
            .bearer_auth(&write)
            .body("{")
            .header("content-type", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(not_json.status(), 422);

        let token_id = app
            .db
            .tenant("0139")
            .await
            .unwrap()
            .api_tokens()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.name == "ByggR nattlig export")
            .unwrap()
            .id;
        let (status, confirm) = admin
            .text(&format!("/admin/api-nycklar/{token_id}/aterkalla"))
            .await;
        assert_eq!(status, 200);
        assert!(confirm.contains("slutar fungera direkt"));
        let r = admin
            .post(&format!("/admin/api-nycklar/{token_id}/aterkalla"), &[])
            .await;
        assert_eq!(location(&r), "/admin/api-nycklar?klart=1");
        assert_eq!(
            get("/api/v1/me", Some(&secret)).await.unwrap().status(),
            401
        );

        let doc: serde_json::Value = get("/api/v1/openapi.json", None)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/api/v1/me",
            "/api/v1/units",
            "/api/v1/units/{id}",
            "/api/v1/staff",
            "/api/v1/municipalities",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} is documented");
        }
        let (status, docs) = admin.text("/api/v1/docs").await;
        assert_eq!(status, 200);
        assert!(
            docs.contains("units&#x2f;{id}") && docs.contains("Bearer"),
            "{docs}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn health_readiness_metrics_and_headers() {
    for app in TestApp::each_with_demo().await {
        let c = app.client();
        assert_eq!(c.text("/healthz").await, (200, "ok\n".into()));
        assert_eq!(c.text("/readyz").await, (200, "ready\n".into()));
        c.get("/logga-in").await;
        let (status, metrics) = c.text("/metrics").await;
        assert_eq!(status, 200);
        assert!(metrics.contains("lots_http_requests_total"), "{metrics}");
        assert!(metrics.contains("lots_jobs"));
        let r = c.get("/logga-in").await;
        let csp = r.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(r.headers()["x-frame-options"], "DENY");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        let css = c.get("/static/lots.css").await;
        assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
        app.stop().await;
    }
}

#[tokio::test]
async fn errors_are_friendly_pages_and_json_under_the_api() {
    for app in TestApp::each_with_demo().await {
        let c = app.signed_in(BD).await;
        let (status, page) = c.text("/finns-inte").await;
        assert_eq!(status, 404);
        assert!(page.contains("Sidan finns inte") && page.contains("<main"));
        let (status, page) = c.text("/personal/999999").await;
        assert_eq!(status, 404);
        assert!(!page.to_lowercase().contains("sql"));
        let (status, page) = c.text("/personal/inte-ett-nummer").await;
        assert!(status == 400 || status == 404, "{status}");
        assert!(!page.contains("panicked"));
        let r = c.get("/api/v1/finns-inte").await;
        assert_eq!(r.status(), 404);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "not_found");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_interface_switches_to_english() {
    for app in TestApp::each_with_demo().await {
        let c = app.client();
        let r = c.get("/sprak/en?till=/logga-in").await;
        assert_eq!(location(&r), "/logga-in");
        let (_, page) = c.text("/logga-in").await;
        assert!(page.contains("<html lang=\"en\">") && page.contains("Sign in"));
        let r = c
            .post("/logga-in", &[("email", ""), ("password", "")])
            .await;
        let page = r.text().await.unwrap();
        assert!(page.contains("There is a problem"), "macros translate too");
        assert!(page.contains("Enter your e-mail address."));
        assert_eq!(
            location(&c.get("/sprak/en?till=//evil.example").await),
            "/oversikt"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_staff_directory_filters_sorts_pages_and_exports_safely() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let r = admin
            .post(
                "/personal/bjud-in",
                &[
                    ("name", "=HYPERLINK(\"http://x\")"),
                    ("email", "formel@upplands-bro.example"),
                    ("role", "read_only"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let bd = app.signed_in(BD).await;
        let (_, page) = bd.text("/personal?roll=case_officer").await;
        assert!(page.contains("25 personer"), "count of the filter");
        assert!(!page.contains("sida=2"), "one page needs no pager");
        let (_, all) = bd.text("/personal").await;
        assert!(
            all.contains("134 personer"),
            "133 demo staff of the municipality and the invited one"
        );
        assert!(all.contains("sida=2"), "paged by 25");
        // Sorted by name in Swedish order across pages.
        assert!(all.contains("Ahmed Hassan") && !all.contains("Wilma Persson"));
        let (_, last) = bd.text("/personal?sida=6").await;
        assert!(last.contains("Wilma Persson") && !last.contains("Ahmed Hassan"));
        let (_, search) = bd.text("/personal?q=livsmedel").await;
        assert!(
            search.contains("30 personer"),
            "29 inspectors and their manager by title"
        );
        let csv = bd.get("/personal.csv?roll=read_only").await;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let bytes = csv.bytes().await.unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        assert!(text.contains("Namn;E-postadress;Titel;Enhet;Roller;Status"));
        assert!(
            text.contains("'=HYPERLINK"),
            "formulas are neutralised: {text}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_administrator_changes_roles_and_disables_and_enables_staff() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let officer = app.signed_in(OFFICER).await;
        let ahmed = app.db.user_by_email(OFFICER).await.unwrap().unwrap();
        let path = format!("/personal/{}", ahmed.id);
        let none = admin.post(&path, &[("unit", "")]).await;
        assert_eq!(none.status(), 422);
        assert!(none.text().await.unwrap().contains("Välj minst en roll."));
        let r = admin
            .post(
                &path,
                &[
                    ("role", "case_officer"),
                    ("role", "manager"),
                    ("unit", &ahmed.unit_id.unwrap().to_string()),
                ],
            )
            .await;
        assert_eq!(location(&r), format!("{path}?klart=sparat"));
        let r = admin.post(&format!("{path}/inaktivera"), &[]).await;
        assert_eq!(location(&r), format!("{path}?klart=inaktiverad"));
        assert_eq!(
            officer.get("/oversikt").await.status(),
            303,
            "a disabled account is signed out"
        );
        assert_eq!(
            app.client()
                .sign_in(OFFICER, support::PASSWORD)
                .await
                .status(),
            422
        );
        admin.post(&format!("{path}/aktivera"), &[]).await;
        assert_eq!(
            app.client()
                .sign_in(OFFICER, support::PASSWORD)
                .await
                .status(),
            303
        );
        let me = app.db.user_by_email(ADMIN).await.unwrap().unwrap();
        assert_eq!(
            admin
                .post(&format!("/personal/{}/inaktivera", me.id), &[])
                .await
                .status(),
            400
        );
        let ahmed = app.db.user_by_email(OFFICER).await.unwrap().unwrap();
        assert_eq!(ahmed.roles, vec![Role::CaseOfficer, Role::Manager]);
        app.stop().await;
    }
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    for app in TestApp::each_with_demo().await {
        let here = app.signed_in(BD).await;
        let elsewhere = app.signed_in(BD).await;
        let wrong = here
            .post(
                "/konto/losenord",
                &[
                    ("current", "fel"),
                    ("password", "ett nytt lösenord"),
                    ("confirm", "ett nytt lösenord"),
                ],
            )
            .await;
        assert!(
            wrong
                .text()
                .await
                .unwrap()
                .contains("Det nuvarande lösenordet stämmer inte.")
        );
        let ok = here
            .post(
                "/konto/losenord",
                &[
                    ("current", support::PASSWORD),
                    ("password", "ett nytt lösenord"),
                    ("confirm", "ett nytt lösenord"),
                ],
            )
            .await;
        assert_eq!(location(&ok), "/konto/losenord?klart=1");
        assert_eq!(here.get("/oversikt").await.status(), 200);
        assert_eq!(elsewhere.get("/oversikt").await.status(), 303);
        assert_eq!(
            app.client().sign_in(BD, "ett nytt lösenord").await.status(),
            303
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn units_are_shown_as_a_tree_and_administrators_add_them() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let (_, tree) = admin.text("/organisation").await;
        assert!(tree.contains("Samhällsbyggnadskontoret") && tree.contains("Bygglovsenheten"));
        assert!(tree.contains("9 enheter"));
        let sbk = app
            .db
            .tenant("0139")
            .await
            .unwrap()
            .unit_by_name("Samhällsbyggnadskontoret")
            .await
            .unwrap()
            .unwrap();
        let empty = admin
            .post("/organisation/enheter", &[("name", ""), ("kind", "enhet")])
            .await;
        assert_eq!(empty.status(), 422);
        let dup = admin
            .post(
                "/organisation/enheter",
                &[
                    ("name", "Bygglovsenheten"),
                    ("kind", "enhet"),
                    ("parent", &sbk.id.to_string()),
                ],
            )
            .await;
        assert!(
            dup.text()
                .await
                .unwrap()
                .contains("Det finns redan en enhet")
        );
        let ok = admin
            .post(
                "/organisation/enheter",
                &[
                    ("name", "Trafikenheten"),
                    ("kind", "enhet"),
                    ("parent", &sbk.id.to_string()),
                ],
            )
            .await;
        assert_eq!(location(&ok), "/organisation?klart=1");
        let bygg = app
            .db
            .tenant("0139")
            .await
            .unwrap()
            .unit_by_name("Bygglovsenheten")
            .await
            .unwrap()
            .unwrap();
        let (_, unit) = admin
            .text(&format!("/organisation/enheter/{}", bygg.id))
            .await;
        assert!(unit.contains("Ahmed Hassan") && unit.contains("Samhällsbyggnadskontoret"));
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(
            officer
                .post("/organisation/enheter", &[("name", "X"), ("kind", "enhet")])
                .await
                .status(),
            403
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_audit_log_filters_and_checks_its_dates() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let (status, log) = admin.text("/admin/granskningslogg?handelse=session").await;
        assert_eq!(status, 200);
        assert!(log.contains("session.sign_in") && log.contains(ADMIN));
        let (status, bad) = admin.text("/admin/granskningslogg?fran=26/11/2026").await;
        assert_eq!(status, 422);
        let asked = lots_i18n::text(lots_i18n::Lang::Sv, "write-the-date-as-2026-11");
        assert!(asked.starts_with("Skriv datumet som 20") && bad.contains(&asked));
        let (_, future) = admin.text("/admin/granskningslogg?fran=2999-01-01").await;
        assert!(future.contains("Inga händelser matchar filtret."));
        app.stop().await;
    }
}

#[tokio::test]
async fn the_demo_loads_once() {
    for app in TestApp::each_with_demo().await {
        let before = app.db.all_users().await.unwrap().len();
        let tenant = app.db.tenant("0139").await.unwrap();
        let audited = || async {
            let filter = lots_store::AuditFilter {
                page: 1,
                per_page: 1,
                ..Default::default()
            };
            tenant.audit_log(&filter).await.unwrap().0
        };
        let rows = audited().await;
        lots::demo::load(&app.db, support::PASSWORD).await.unwrap();
        assert_eq!(app.db.all_users().await.unwrap().len(), before);
        // A second start changes nothing: not the face, not the day's cases.
        assert_eq!(audited().await, rows, "{}", app.backend);
        // 37 named staff, 96 more of Samhällsbyggnadskontoret (training) and the organiser's.
        assert_eq!(before, 134);
        assert_eq!(
            app.db
                .tenant("0139")
                .await
                .unwrap()
                .units()
                .await
                .unwrap()
                .len(),
            9
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn every_platform_page_renders_for_an_administrator() {
    for app in TestApp::each_with_demo().await {
        let admin = app.signed_in(ADMIN).await;
        let tenant = app.db.tenant("0139").await.unwrap();
        let unit = tenant
            .unit_by_name("Bygglovsenheten")
            .await
            .unwrap()
            .unwrap();
        let ahmed = app.db.user_by_email(OFFICER).await.unwrap().unwrap();
        let (token, _) = tenant
            .create_api_token("x", Scope::Read, "t")
            .await
            .unwrap();
        for path in [
            "/oversikt".to_string(),
            "/organisation".into(),
            format!("/organisation/enheter/{}", unit.id),
            "/personal".into(),
            "/personal?q=hass&roll=case_officer&enhet=&status=active&sida=1".into(),
            format!("/personal/{}", ahmed.id),
            "/personal/bjud-in".into(),
            "/personal.csv".into(),
            "/konto/losenord".into(),
            "/admin/api-nycklar".into(),
            format!("/admin/api-nycklar/{}/aterkalla", token.id),
            "/admin/granskningslogg".into(),
            "/admin/kommunen".into(),
            "/admin/granskningslogg?vem=maja&fran=2026-01-01&till=2026-12-31".into(),
            "/api/v1/docs".into(),
            "/api/v1/openapi.json".into(),
            "/static/favicon.svg".into(),
        ] {
            assert_eq!(
                admin.get(&path).await.status(),
                200,
                "{path} on {}",
                app.backend
            );
        }
        app.stop().await;
    }
}

/// The administrator sets how the municipality shows itself to companies: every wrong
/// field is named at once, a logo loses what its file said of the camera and the place,
/// anything but PNG or JPEG is refused, and the pages a company sees carry it all.
#[tokio::test]
async fn the_municipality_s_face_is_set_by_its_administrator_and_shown_to_companies() {
    for app in TestApp::each_with_demo().await {
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(officer.get("/admin/kommunen").await.status(), 403);
        let admin = app.signed_in(ADMIN).await;
        let (status, page) = admin.text("/admin/kommunen").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("value=\"Upplands-Bro kommun\""));

        let wrong = admin
            .post(
                "/admin/kommunen",
                &[
                    ("display_name", ""),
                    ("contact_email", "växel@"),
                    ("contact_phone", "ring oss"),
                    ("web_address", "javascript:alert(1)"),
                    (
                        "privacy_url",
                        "https://www.upplands-bro.example/personuppgifter",
                    ),
                    ("sender_name", "<b>"),
                    ("sender_address", ""),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        let page = wrong.text().await.unwrap();
        support::names_every_field(
            &page,
            &[
                "display_name",
                "contact_email",
                "contact_phone",
                "web_address",
                "sender_name",
            ],
            app.backend,
        );
        assert!(page.contains("value=\"ring oss\""), "what was typed stays");

        let saved = admin
            .post(
                "/admin/kommunen",
                &[
                    ("display_name", "Upplands-Bro kommun"),
                    ("contact_email", "Foretag@Upplands-Bro.example"),
                    ("contact_phone", "08-581 690 00"),
                    ("web_address", "https://www.upplands-bro.example"),
                    ("privacy_url", "https://www.upplands-bro.example/gdpr"),
                    ("sender_name", ""),
                    ("sender_address", ""),
                ],
            )
            .await;
        assert_eq!(location(&saved), "/admin/kommunen?klart=1");
        let face = app.db.face("0139").await.unwrap();
        assert_eq!(face.face.contact_email, "foretag@upplands-bro.example");

        // A JPEG with a camera's EXIF block: kept without it.
        let jpeg = crate::support::jpeg_with_exif();
        let csrf = admin.csrf().await;
        let upload = |bytes: Vec<u8>| {
            let part = reqwest::multipart::Part::bytes(bytes).file_name("vapen.jpg");
            admin
                .http
                .post(admin.url(&format!("/admin/kommunen/logotyp?csrf_token={csrf}")))
                .multipart(reqwest::multipart::Form::new().part("logo", part))
                .send()
        };
        let refused = upload(b"<svg onload=alert(1)>".to_vec()).await.unwrap();
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("ingen hel PNG- eller JPEG-bild")
        );
        assert_eq!(
            location(&upload(jpeg).await.unwrap()),
            "/admin/kommunen?klart=1"
        );
        let version = app.db.face("0139").await.unwrap().logo_version.unwrap();
        let logo = app
            .client()
            .get(&format!("/kommun/0139/logotyp?v={version}"))
            .await;
        assert_eq!(logo.headers()["content-type"], "image/jpeg");
        assert_eq!(logo.headers()["x-content-type-options"], "nosniff");
        let bytes = logo.bytes().await.unwrap();
        assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9]));
        assert!(
            !String::from_utf8_lossy(&bytes).contains("GPS"),
            "{}",
            app.backend
        );
        assert_eq!(app.client().get("/kommun/0180/logotyp").await.status(), 404);

        // The fault form, as a company sees it: the name, logo, contact and privacy notice.
        let (_, form) = app.client().text("/felanmalan/0139").await;
        let form = crate::forms::unescape(&form);
        assert!(form.contains(&format!("src=\"/kommun/0139/logotyp?v={version}\"")));
        assert!(form.contains("<strong>Upplands-Bro kommun</strong>"));
        assert!(form.contains("mailto:foretag@upplands-bro.example"));
        assert!(form.contains("href=\"https://www.upplands-bro.example/gdpr\""));
        assert!(form.contains("levererat av Lots") && !form.contains("Lots · "));
        app.stop().await;
    }
}
