//! Surveys end to end: a business developer builds a round from the visit battery for ten
//! companies, the invitations go out through the job queue, a respondent answers through
//! the personal link (errors, a saved draft, the submission), staff enter an answer taken
//! by phone, and the results pages show what they must.

use lots_store::CompanyFilter;

use crate::support::{TestApp, location};
use crate::{ADMIN, BD, OFFICER};

/// The published version of one of the municipality's standard batteries.
pub async fn published_battery(tenant: &lots_store::Tenant<'_>, code: &str) -> i64 {
    tenant.install_standard_batteries().await.unwrap();
    tenant
        .batteries()
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.code == code)
        .and_then(|b| b.published)
        .unwrap()
        .0
}

/// The demo's area Brunna.
pub async fn brunna_area(tenant: &lots_store::Tenant<'_>) -> lots_store::Area {
    tenant
        .areas()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "Brunna")
        .unwrap()
}

/// Up to `count` of the demo's companies in Brunna whose contact person has an e-mail address.
pub async fn reachable_in_brunna(
    tenant: &lots_store::Tenant<'_>,
    count: usize,
) -> Vec<lots_store::Company> {
    let brunna = brunna_area(tenant).await;
    let mut companies = Vec::new();
    for c in tenant
        .companies(&CompanyFilter {
            area_id: Some(brunna.id),
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
    {
        let reachable = tenant
            .contacts(c.id)
            .await
            .unwrap()
            .iter()
            .any(|k| !k.email.is_empty());
        if reachable && companies.len() < count {
            companies.push(c);
        }
    }
    companies
}

/// The demo's Brunna Logistik AB, whose contact person has an e-mail address.
pub async fn brunna_logistik(tenant: &lots_store::Tenant<'_>) -> lots_store::Company {
    tenant
        .companies(&CompanyFilter {
            query: Some("Brunna Logistik".into()),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .remove(0)
}

pub const VALID: [(&str, &str); 7] = [
    ("q_f_bemotande", "5"),
    ("q_f_tillganglighet", "4"),
    ("q_f_information", "vet_ej"),
    ("q_nki_overall", "6"),
    ("q_nki_expectations", "5"),
    ("q_nki_ideal", "4"),
    ("q_contacts", "bygglov"),
];

#[tokio::test]
async fn a_round_from_the_visit_battery_is_answered_and_reported() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let companies = reachable_in_brunna(&tenant, 10).await;
        assert_eq!(companies.len(), 10);
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(officer.get("/enkater/ny").await.status(), 403);

        let bd = app.signed_in(BD).await;
        let (status, form) = bd.text("/enkater/ny").await;
        assert_eq!(status, 200);
        let visit = published_battery(&tenant, "foretagsbesok").await;
        assert!(form.contains(&format!("<option value=\"{visit}\"")));
        let mut fields: Vec<(&str, String)> = vec![
            ("name", "Uppföljning företagsbesök".into()),
            ("battery_version_id", visit.to_string()),
            ("opens_on", lots_store::today().to_string()),
            ("closes_on", "2099-12-31".into()),
            ("reminder_days", "7, 14".into()),
            // The demo's Insikt batch after closed cases has just asked many companies.
            ("quarantine_months", "0".into()),
        ];
        let bad: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    if *k == "closes_on" {
                        "2000-01-01"
                    } else {
                        v.as_str()
                    },
                )
            })
            .collect();
        let refused = bd.post("/enkater/ny", &bad).await;
        assert_eq!(refused.status(), 422);
        assert!(
            refused
                .text()
                .await
                .unwrap()
                .contains("href=\"#closes_on\"")
        );
        // Every wrong field at once, and text that is no day or number is refused, not read
        // as empty.
        let all_wrong = bd
            .post(
                "/enkater/ny",
                &[
                    ("name", " "),
                    ("battery_version_id", "första"),
                    ("opens_on", "i morgon"),
                    ("closes_on", "2099-12-31"),
                    ("reminder_days", "sju"),
                    ("quarantine_months", "tolv"),
                ],
            )
            .await;
        assert_eq!(all_wrong.status(), 422);
        let page = all_wrong.text().await.unwrap();
        let wrong = [
            "name",
            "battery_version_id",
            "opens_on",
            "reminder_days",
            "quarantine_months",
            "companies",
        ];
        crate::support::names_every_field(&page, &wrong, app.backend);
        for c in &companies {
            fields.push(("company", c.id.to_string()));
        }
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let created = bd.post("/enkater/ny", &pairs).await;
        assert_eq!(created.status(), 200, "{}", app.backend);
        let receipt = created.text().await.unwrap().replace("&#x2f;", "/");
        assert!(receipt.contains("10 företag bjöds in."), "{receipt}");
        assert!(!receipt.contains("hoppades över"), "{receipt}");
        let round_id = receipt_round(&receipt);
        let round_path = format!("/enkater/{round_id}");
        let invitations = tenant.invitations(round_id).await.unwrap();
        assert_eq!(invitations.len(), 10);

        // The invitation arrives with a personal link; only its hash is stored.
        let mail = app.wait_for_mail(&invitations[0].email).await;
        let token = mail
            .body
            .split("/enkat/")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        assert_eq!(token.len(), 64);
        let link = format!("/enkat/{token}");

        let respondent = app.client();
        let (status, page) = respondent.text(&link).await;
        assert_eq!(status, 200);
        assert!(page.contains("Hur nöjd är du med det bemötande du fick?"));
        // In plain words and in the municipality's name, not in staff jargon.
        assert!(page.contains("<h1>Hur upplevde du kontakten med Upplands-Bro kommun?</h1>"));
        assert!(page.contains("Vi vill veta vad du tycker om kommunens service till företag."));
        assert!(!page.contains("NKI-frågor") && !page.contains("Frågebatteriet"));
        let wrong = respondent
            .post(
                &link,
                &[
                    ("q_nki_overall", "9"),
                    ("q_challenges", "<script>x</script>"),
                ],
            )
            .await;
        assert_eq!(wrong.status(), 422);
        let wrong = wrong.text().await.unwrap();
        assert!(wrong.contains("href=\"#q-nki_overall\"") && wrong.contains("från 1 till 6"));
        assert!(wrong.contains("&lt;script&gt;x") && !wrong.contains("<script>x"));

        let saved = respondent
            .post(&link, &[("action", "spara"), ("q_nki_overall", "5")])
            .await;
        assert_eq!(location(&saved), format!("{link}?sparat=1"));
        let (_, resumed) = respondent.text(&link).await;
        assert!(resumed.contains("name=\"q_nki_overall\" value=\"5\" checked"));
        assert_eq!(
            tenant.round(round_id).await.unwrap().answered,
            0,
            "a draft is not an answer"
        );

        let sent = respondent.post(&link, &VALID).await;
        assert_eq!(location(&sent), format!("{link}/tack"));
        let (_, thanks) = respondent.text(&format!("{link}/tack")).await;
        assert!(thanks.contains("ändra dina svar"));
        // Submitting again replaces the answer: still one.
        respondent.post(&link, &VALID).await;
        assert_eq!(tenant.round(round_id).await.unwrap().answered, 1);
        // A draft saved after submitting changes nothing of the submitted answer.
        let (_, submitted) = respondent.text(&link).await;
        assert!(
            !submitted.contains("value=\"spara\""),
            "no draft button once sent"
        );
        let draft = respondent
            .post(&link, &[("action", "spara"), ("q_nki_overall", "")])
            .await;
        assert_eq!(location(&draft), link);
        let (_, kept) = respondent.text(&link).await;
        assert!(kept.contains("name=\"q_nki_overall\" value=\"6\" checked"));
        assert_eq!(tenant.round(round_id).await.unwrap().answered, 1);

        let mut tampered = token.clone();
        tampered.replace_range(63.., if token.ends_with('0') { "1" } else { "0" });
        assert_eq!(
            respondent.get(&format!("/enkat/{tampered}")).await.status(),
            404
        );
        assert_eq!(respondent.get("/enkat/inte-en-lank").await.status(), 404);

        // An answer taken by phone.
        let phone = format!("{round_path}/telefon/{}", invitations[1].id);
        assert_eq!(bd.get(&phone).await.status(), 200);
        assert_eq!(location(&bd.post(&phone, &VALID).await), round_path);
        assert_eq!(tenant.round(round_id).await.unwrap().answered, 2);

        // The answers as a file: the company named, since the round is not anonymous.
        let answers = bd.get(&format!("{round_path}/svar.csv")).await;
        assert_eq!(answers.status(), 200);
        let answers = answers.text().await.unwrap();
        assert!(
            answers.contains("Företag;Organisationsnummer;Område"),
            "{answers}"
        );
        assert!(
            answers.contains(&invitations[0].company_name)
                || answers.contains(&invitations[1].company_name)
        );
        assert_eq!(answers.lines().count(), 3, "a header and two answers");

        // Two answers: counted, but too few to show.
        let (status, results) = bd.text(&round_path).await;
        assert_eq!(status, 200);
        assert!(results.contains("För få svar för att visas"));
        assert!(results.contains("Har svarat"));

        // The demo's Insikt round: NKI with interval and band, the matrix, the county.
        let insikt = tenant
            .rounds()
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.name.starts_with("Insikt 2025"))
            .unwrap();
        let (status, page) = bd.text(&format!("/enkater/{}", insikt.id)).await;
        assert_eq!(status, 200);
        for needle in [
            "<td>NKI</td><td class=\"num\">180</td>",
            "Högt",
            "<svg",
            "Prioritera",
            "Jämförelse i länet",
            "Stockholms län",
            "signifikant",
            // The county as ranked bars, Upplands-Bro highlighted first.
            "aria-labelledby=\"county-title county-desc\"",
            "font-weight=\"700\">Upplands-Bro</text>",
        ] {
            assert!(page.contains(needle), "{needle} on {}", app.backend);
        }
        let csv = bd
            .get(&format!("/enkater/{}/resultat.csv", insikt.id))
            .await
            .bytes()
            .await
            .unwrap();
        let csv = String::from_utf8(csv.to_vec()).unwrap();
        assert!(
            csv.starts_with("\u{feff}Grupp;Index;Antal svar;Tillfrågade"),
            "{csv}"
        );
        // Swedish Excel reads the figures as numbers: decimal commas, no decimal points.
        let total = csv
            .lines()
            .find(|l| l.starts_with("Totalt;nki;"))
            .expect("{csv}");
        let value = total.split(';').nth(5).unwrap();
        assert!(value.contains(',') && !value.contains('.'), "{total}");

        // Another municipality's round is not there for Upplands-Bro's staff.
        let other = app
            .db
            .tenant_unchecked("0180")
            .rounds()
            .await
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        let admin = app.signed_in(ADMIN).await;
        assert_eq!(
            admin.get(&format!("/enkater/{}", other.id)).await.status(),
            404
        );
        assert_eq!(
            admin
                .get(&format!("/enkater/{round_id}/telefon/999999"))
                .await
                .status(),
            404
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_closed_round_says_so_and_takes_no_answers() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let visit = published_battery(&tenant, "uppfoljning").await;
        let company = brunna_logistik(&tenant).await;
        let (round_id, audience) = tenant
            .create_round(
                &lots_store::NewRound {
                    battery_version_id: Some(visit),
                    terms: lots_store::RoundTerms {
                        name: "Gammal".into(),
                        opens_on: Some(jiff::civil::date(2020, 1, 1)),
                        closes_on: Some(jiff::civil::date(2020, 1, 31)),
                        anonymous: true,
                        quarantine_months: 0,
                        reminder_days: vec![],
                    },
                    company_ids: vec![company.id],
                },
                "test",
            )
            .await
            .unwrap();
        assert_eq!((audience.reached, audience.skipped.len()), (1, 0));
        let invitation = tenant.invitations(round_id).await.unwrap().remove(0);
        let token = tenant.mint_survey_link(invitation.id).await.unwrap();
        let c = app.client();
        let bd = app.signed_in(BD).await;
        assert_eq!(
            bd.get(&format!("/enkater/{round_id}/svar.csv"))
                .await
                .status(),
            422,
            "an anonymous round with too few answers is not handed out"
        );
        let (status, page) = c.text(&format!("/enkat/{token}")).await;
        assert_eq!(status, 410);
        // In the contact person's language (Brunna Logistik's speaks English).
        assert!(page.contains("Enkäten är stängd") || page.contains("The survey is closed"));
        // A page a company sees speaks in the municipality's name; Lots only delivers it.
        assert!(
            page.contains("<span class=\"brand\">Upplands-Bro kommun</span>"),
            "{page}"
        );
        assert!(page.contains("levererat av Lots") || page.contains("delivered by Lots"));
        let r = c
            .post(
                &format!("/enkat/{token}"),
                &[("q_overall", "6"), ("q_helped", "ja")],
            )
            .await;
        assert_eq!(r.status(), 410);
        assert_eq!(tenant.round(round_id).await.unwrap().answered, 0);
        // The quarantine keeps the company out of a new round within a year.
        let (_, again) = tenant
            .create_round(
                &lots_store::NewRound {
                    battery_version_id: Some(visit),
                    terms: lots_store::RoundTerms {
                        name: "Ny".into(),
                        opens_on: Some(jiff::civil::date(2020, 2, 1)),
                        closes_on: Some(jiff::civil::date(2020, 2, 28)),
                        anonymous: false,
                        quarantine_months: 12,
                        reminder_days: vec![7],
                    },
                    company_ids: vec![company.id],
                },
                "test",
            )
            .await
            .unwrap();
        assert_eq!((again.reached, again.skipped.len()), (0, 1));
        // Named with the day the quarantine ends: a year of 30-day months from today.
        let skipped = &again.skipped[0];
        assert_eq!(skipped.name, company.name);
        assert_eq!(skipped.why.id, "skipped-in-quarantine");
        let until = lots_domain::events::local_day(lots_store::now() + 360 * 86_400);
        assert_eq!(
            skipped.why.text(lots_i18n::Lang::Sv),
            format!("I karenstid till {until}")
        );
        app.stop().await;
    }
}

/// The standard output of `program` with `args`, which must succeed (its errors shown).
pub fn run_ok(program: &str, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(program)
        .args(args)
        .env("LOTS_LOG", "error")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `lots survey results --input` on a generated national measurement agrees with a plain
/// recomputation here (every municipality × area × year: n and NKI), and the effect
/// analysis finds the effects the generator planted.
#[test]
fn the_national_table_matches_an_independent_computation() {
    use std::collections::HashMap;
    let dir =
        std::env::temp_dir().join(format!("lots-national-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("national.csv");
    let run = |args: &[&str]| run_ok(env!("CARGO_BIN_EXE_lots"), args);
    run(&[
        "generate",
        "survey",
        "--respondents",
        "60000",
        "--output",
        file.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&run(&[
        "survey",
        "results",
        "--input",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();

    // The independent computation: NKI as the mean of q01–q03 mapped to 0–100.
    let mut sums: HashMap<(String, String, String), (u64, f64)> = HashMap::new();
    for line in std::fs::read_to_string(&file).unwrap().lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let answers: Vec<f64> = cells[4..7]
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| (c.parse::<f64>().unwrap() - 1.0) / 5.0 * 100.0)
            .collect();
        if answers.is_empty() {
            continue;
        }
        let nki = answers.iter().sum::<f64>() / answers.len() as f64;
        let e = sums
            .entry((cells[0].into(), cells[2].into(), cells[3].into()))
            .or_default();
        e.0 += 1;
        e.1 += nki;
    }
    let mut compared = 0;
    let mut withheld_beside = 0;
    for row in json["rows"].as_array().unwrap() {
        if row["level"] != "municipality" || row["area"] == "" || row["index"] != "nki" {
            continue;
        }
        let key = (
            row["code"].as_str().unwrap().to_string(),
            row["area"].as_str().unwrap().to_string(),
            row["year"].to_string(),
        );
        let (n, sum) = sums[&key];
        // A withheld cell shows neither its value nor its count: below seven answers, or
        // beside a total it could be worked back from.
        match (row["n"].as_u64(), row["value"].as_f64()) {
            (Some(shown), Some(v)) => {
                assert_eq!(shown, n, "{key:?}");
                assert!((v - sum / n as f64).abs() < 1e-9, "{key:?}");
            }
            (None, None) => {
                assert!(row["suppressed"] == true, "{key:?}");
                withheld_beside += usize::from(n >= 7);
            }
            other => panic!("{key:?}: {other:?}"),
        }
        compared += 1;
    }
    assert_eq!(compared, sums.len());
    assert!(
        withheld_beside > 0,
        "complementary suppression withholds some cells of 7 or more"
    );
    for area in json["effects"].as_array().unwrap() {
        let found: Vec<f64> = area["factors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["effect"].as_f64().unwrap())
            .collect();
        for (f, planted) in found.iter().zip(lots::generate::PLANTED_EFFECTS) {
            assert!((f - planted).abs() < 0.05, "{area}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The organiser compares its members' NKI with Insikt's ranking rules; a municipality's
/// staff cannot open the comparison.
#[tokio::test]
async fn the_organiser_sees_its_members_ranked() {
    for app in TestApp::each_with_demo().await {
        let organiser = app.signed_in(crate::ORGANISER).await;
        let (status, page) = organiser.text("/medlemmar/nki?ar=2025").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("Upplands-Bro") && page.contains("Danderyd"));
        assert!(
            page.contains("26 av 26 medlemmar"),
            "every county member measured"
        );
        assert!(
            page.contains("<td class=\"num\">1 av "),
            "someone ranks first"
        );
        // As the seed tells it: Upplands-Bro is the best in the county.
        let home = page
            .split("<tr")
            .find(|row| row.contains("Upplands-Bro"))
            .expect("Upplands-Bro's row");
        assert!(home.contains("<td class=\"num\">1 av "), "{home}");
        let (_, empty) = organiser.text("/medlemmar/nki?ar=2019").await;
        assert!(empty.contains("Ingen medlem har mätt"));
        let bd = app.signed_in(BD).await;
        assert_eq!(bd.get("/medlemmar/nki").await.status(), 403);
        app.stop().await;
    }
}

/// An organiser runs one round across two member municipalities with one battery: each
/// gets its own round of the same battery definition, invites its own companies, and sees
/// its NKI beside the other's; the organiser sees both ranked, never who answered.
#[tokio::test]
async fn an_organiser_runs_one_round_across_its_members() {
    for app in TestApp::each_with_demo().await {
        let jarfalla = app.db.host_municipality("0123").await.unwrap().code;
        let organiser = app.signed_in(crate::ORGANISER).await;
        let (status, page) = organiser.text("/medlemmar/matningar").await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("value=\"0139\" checked") && page.contains("använder inte Lots"));
        let mut fields = vec![
            ("name", "Företagsbesök i länet 2026"),
            ("battery_code", "foretagsbesok"),
            ("opens_on", "2026-01-01"),
            ("closes_on", "2099-12-31"),
            ("reminder_days", "7"),
            ("quarantine_months", "0"),
        ];
        let none = organiser.post("/medlemmar/matningar", &fields).await;
        assert_eq!(none.status(), 422, "no member chosen");
        assert!(none.text().await.unwrap().contains("href=\"#members\""));
        fields.extend([("member", "0139"), ("member", jarfalla.as_str())]);
        let created = organiser.post("/medlemmar/matningar", &fields).await;
        let overview = location(&created);
        assert!(
            overview.starts_with("/medlemmar/nki?matning="),
            "{overview}"
        );
        let again = organiser.post("/medlemmar/matningar", &fields).await;
        assert_eq!(again.status(), 422, "the name is taken");

        // Each member has its round of exactly the same battery definition.
        let home = app.db.tenant("0139").await.unwrap();
        let other = app.db.tenant(&jarfalla).await.unwrap();
        let mut definitions = Vec::new();
        let mut rounds = Vec::new();
        for tenant in [&home, &other] {
            let round = tenant
                .rounds()
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.joint_round_id.is_some())
                .unwrap();
            assert_eq!(round.invited, 0, "a member invites its own companies");
            let version = tenant
                .battery_version(round.battery_version_id)
                .await
                .unwrap();
            assert!(version.published);
            definitions.push(serde_json::to_value(&version.battery).unwrap());
            rounds.push(round);
        }
        assert_eq!(definitions[0], definitions[1]);

        // Upplands-Bro's business developer invites three companies and takes their
        // answers by phone; Järfälla's round stays without answers.
        let bd = app.signed_in(BD).await;
        let round_path = format!("/enkater/{}", rounds[0].id);
        let (_, round_page) = bd.text(&round_path).await;
        assert!(
            round_page.contains("Företagsbesök i länet 2026") && round_page.contains("/bjud-in")
        );
        let brunna = brunna_logistik(&home).await;
        let (status, add_page) = bd.text(&format!("{round_path}/bjud-in")).await;
        assert_eq!(status, 200);
        assert!(add_page.contains(&format!("value=\"{}\"", brunna.id)));
        let empty = bd.post(&format!("{round_path}/bjud-in"), &[]).await;
        assert_eq!(empty.status(), 422);
        let mut picked = Vec::new();
        for c in home
            .companies(&CompanyFilter {
                page: 1,
                per_page: 200,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
        {
            let reachable = home
                .contacts(c.id)
                .await
                .unwrap()
                .iter()
                .any(|k| !k.email.is_empty());
            if reachable && picked.len() < 3 {
                picked.push(c.id.to_string());
            }
        }
        let form: Vec<(&str, &str)> = picked.iter().map(|id| ("company", id.as_str())).collect();
        let added = bd.post(&format!("{round_path}/bjud-in"), &form).await;
        assert_eq!(added.status(), 200);
        let receipt = added.text().await.unwrap().replace("&#x2f;", "/");
        assert!(receipt.contains("3 företag bjöds in."), "{receipt}");
        assert!(
            receipt.contains(&format!("href=\"{round_path}\"")),
            "{receipt}"
        );
        let twice = bd.post(&format!("{round_path}/bjud-in"), &form).await;
        let receipt = twice.text().await.unwrap();
        assert!(
            receipt.contains("Inget företag bjöds in."),
            "no one twice: {receipt}"
        );
        assert!(receipt.contains("3 företag hoppades över:"), "{receipt}");
        assert_eq!(receipt.matches("Redan inbjudet").count(), 3, "{receipt}");
        let invitations = home.invitations(rounds[0].id).await.unwrap();
        assert_eq!(invitations.len(), 3);
        for invitation in &invitations {
            let phone = format!("{round_path}/telefon/{}", invitation.id);
            assert_eq!(location(&bd.post(&phone, &VALID).await), round_path);
        }

        let (_, results) = bd.text(&round_path).await;
        assert!(
            results.contains("Jämförelse med de andra deltagarna"),
            "{}",
            app.backend
        );
        assert!(results.contains("Järfälla"));
        let (status, ranking) = organiser.text(&overview).await;
        assert_eq!(status, 200);
        assert!(
            ranking.contains("2 av 26 medlemmar deltar"),
            "{}",
            app.backend
        );
        assert!(ranking.contains("Upplands-Bro") && ranking.contains("Järfälla"));
        assert!(!ranking.contains(&brunna.name), "totals only");
        assert_eq!(bd.get("/medlemmar/matningar").await.status(), 403);
        app.stop().await;
    }
}

/// A published battery stays as it was: editing makes a new draft version, which gets a
/// question, refuses a broken one, and is published as version 2.
#[tokio::test]
async fn editing_a_battery_makes_a_new_version() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        assert_eq!(bd.get("/fragebatterier").await.status(), 200);
        let summary = tenant
            .batteries()
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.code == "uppfoljning")
            .unwrap();
        let (v1, _) = summary.published.unwrap();
        let before = tenant.battery_version(v1).await.unwrap().battery;
        let r = bd
            .post(&format!("/fragebatterier/{v1}/ny-version"), &[])
            .await;
        let edit = location(&r);
        assert!(edit.ends_with("/andra"), "{edit}");
        let draft: i64 = edit.split('/').nth(2).unwrap().parse().unwrap();
        let (status, page) = bd.text(&edit).await;
        assert_eq!(status, 200);
        assert!(page.contains("Lägg till en fråga"));
        let bad = bd
            .post(
                &format!("/fragebatterier/{draft}/fragor"),
                &[
                    ("section", "0"),
                    ("kind", "single_choice"),
                    ("text_sv", "Vilket?"),
                    ("choices", "bara en"),
                ],
            )
            .await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("href=\"#choices\""));
        let ok = bd
            .post(
                &format!("/fragebatterier/{draft}/fragor"),
                &[
                    ("section", "0"),
                    ("kind", "rating"),
                    ("text_sv", "Hur nöjd är du med bemötandet?"),
                    ("min", "1"),
                    ("max", "6"),
                    ("low", "Inte alls"),
                    ("high", "Mycket"),
                    ("index", "bemotande"),
                    ("required", "1"),
                ],
            )
            .await;
        assert_eq!(location(&ok), edit);
        // A follow-up shown only when the earlier yes/no question is answered yes.
        let first_yes_no = before
            .questions()
            .find(|q| matches!(q.kind, lots_domain::battery::Kind::YesNo))
            .map(|q| q.id.clone())
            .unwrap();
        let follow_up = |equals: &'static str| {
            let first_yes_no = first_yes_no.clone();
            let (bd, draft) = (&bd, draft);
            async move {
                bd.post(
                    &format!("/fragebatterier/{draft}/fragor"),
                    &[
                        ("section", "0"),
                        ("kind", "free_text"),
                        ("text_sv", "Berätta mer"),
                        ("show_if", first_yes_no.as_str()),
                        ("show_if_equals", equals),
                    ],
                )
                .await
            }
        };
        let unanswered = follow_up("").await;
        assert_eq!(unanswered.status(), 422);
        assert!(
            unanswered
                .text()
                .await
                .unwrap()
                .contains("href=\"#show_if_equals\"")
        );
        assert_eq!(location(&follow_up("ja").await), edit);
        let published = bd
            .post(&format!("/fragebatterier/{draft}/publicera"), &[])
            .await;
        assert_eq!(location(&published), format!("/fragebatterier/{draft}"));
        let v2 = tenant.battery_version(draft).await.unwrap();
        assert!(v2.published && v2.version == 2);
        assert_eq!(
            v2.battery.questions().count(),
            before.questions().count() + 2
        );
        assert!(
            v2.battery
                .questions()
                .any(|q| q.show_if.as_ref().is_some_and(|c| c.equals == "ja"))
        );
        assert_eq!(
            tenant.battery_version(v1).await.unwrap().battery,
            before,
            "version 1 unchanged"
        );
        // A published version takes no more edits.
        assert_eq!(
            bd.post(
                &format!("/fragebatterier/{draft}/fragor"),
                &[("section", "0")]
            )
            .await
            .status(),
            422
        );
        app.stop().await;
    }
}

/// Reminders go to those who have not answered, on the chosen days after the invitation,
/// each once, with a link that opens the same response.
#[tokio::test]
async fn reminders_follow_the_chosen_days() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let version = published_battery(&tenant, "uppfoljning").await;
        let company = brunna_logistik(&tenant).await;
        let (round, _) = tenant
            .create_round(
                &lots_store::NewRound {
                    battery_version_id: Some(version),
                    terms: lots_store::RoundTerms {
                        name: "Påminnelser".into(),
                        opens_on: Some(lots_store::today()),
                        closes_on: Some(jiff::civil::date(2099, 12, 31)),
                        anonymous: false,
                        quarantine_months: 0,
                        reminder_days: vec![3, 7],
                    },
                    company_ids: vec![company.id],
                },
                "test",
            )
            .await
            .unwrap();
        let invitation = tenant.invitations(round).await.unwrap().remove(0);
        let today = lots_store::today();
        let now = lots_store::now();
        // This round's reminders only: the demo's other rounds have their own.
        let due = |at: i64| {
            let (tenant, today) = (&tenant, today);
            async move {
                tenant
                    .reminders_due(today, at)
                    .await
                    .unwrap()
                    .into_iter()
                    .filter(|(i, _)| *i == invitation.id)
                    .collect::<Vec<_>>()
            }
        };
        assert!(due(now + 10 * 86_400).await.is_empty(), "not sent yet");
        lots_jobs::enqueue_survey_mail(&app.db, "0139", invitation.id, 0)
            .await
            .unwrap();
        app.wait_for_mail(&invitation.email).await;
        for _ in 0..100 {
            if tenant
                .invitation(invitation.id)
                .await
                .unwrap()
                .0
                .sent_at
                .is_some()
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let day = 86_400;
        assert!(due(now + 2 * day).await.is_empty());
        assert_eq!(due(now + 4 * day).await, vec![(invitation.id, 1)]);
        assert_eq!(
            lots_jobs::queue_due_reminders(&app.db).await.unwrap(),
            0,
            "none due today"
        );
        lots_jobs::enqueue_survey_mail(&app.db, "0139", invitation.id, 1)
            .await
            .unwrap();
        for _ in 0..100 {
            if tenant
                .invitation(invitation.id)
                .await
                .unwrap()
                .0
                .reminders_sent
                == 1
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let reminder = app.wait_for_mail(&invitation.email).await;
        assert!(
            reminder.subject.starts_with("Påminnelse") || reminder.subject.starts_with("Reminder"),
            "{}",
            reminder.subject
        );
        assert!(due(now + 4 * day).await.is_empty(), "the first is sent");
        assert_eq!(due(now + 8 * day).await, vec![(invitation.id, 2)]);
        app.stop().await;
    }
}

/// Results over a period gather every round of the battery in it and compare with the
/// period before.
#[tokio::test]
async fn results_over_a_period() {
    for app in TestApp::each_with_demo().await {
        let bd = app.signed_in(BD).await;
        let (status, page) = bd
            .text("/enkater/resultat?batteri=insikt-nki&fran=2025-01-01&till=2025-12-31")
            .await;
        assert_eq!(status, 200, "{}", app.backend);
        assert!(page.contains("180 svar") && page.contains("Prioriteringsmatris"));
        assert!(page.contains("signifikant"), "compared with 2024");
        let (status, both) = bd
            .text("/enkater/resultat?batteri=insikt-nki&fran=2024-01-01&till=2025-12-31")
            .await;
        assert_eq!(status, 200);
        assert!(both.contains("340 svar"), "two years together");
        let (status, bad) = bd.text("/enkater/resultat?fran=2025-13-01").await;
        assert_eq!(status, 422);
        assert!(bad.contains("href=\"#fran\""));
        let (_, none) = bd
            .text("/enkater/resultat?fran=2010-01-01&till=2010-12-31")
            .await;
        assert!(none.contains("Inga omgångar"));
        let csv = bd
            .get("/enkater/resultat.csv?batteri=insikt-nki&fran=2025-01-01&till=2025-12-31")
            .await;
        assert_eq!(csv.status(), 200);
        assert!(csv.text().await.unwrap().contains("Totalt;nki;180;"));
        app.stop().await;
    }
}

/// The round a receipt of invitations leads back to (its first link to a round).
pub(crate) fn receipt_round(receipt: &str) -> i64 {
    let receipt = crate::forms::unescape(receipt);
    let (_, after) = receipt
        .split_once("href=\"/enkater/")
        .expect("a link to the round");
    after[..after.find('"').unwrap()]
        .parse()
        .expect("the round's id")
}

/// A company filter saved under a name comes back on the new-round page; the way back
/// stays inside the survey pages.
#[tokio::test]
async fn a_saved_filter_picks_the_audience_again() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let brunna = brunna_area(&tenant).await;
        let query = format!("omrade={}&storlek=&sni=&tagg=", brunna.id);
        let bd = app.signed_in(BD).await;
        let saved = bd
            .post(
                "/enkater/urval",
                &[
                    ("filter_name", "Företag i Brunna"),
                    ("query", query.as_str()),
                    ("back", "https://elsewhere.example/"),
                ],
            )
            .await;
        assert_eq!(
            location(&saved),
            format!("/enkater/ny?{query}"),
            "{}",
            app.backend
        );
        let (_, page) = bd.text("/enkater/ny").await;
        assert!(page.contains("Sparade urval") && page.contains("Företag i Brunna"));
        assert!(page.contains(&format!(
            "omrade={}&amp;storlek=&amp;sni=&amp;tagg=\">Företag i Brunna</a>",
            brunna.id
        )));
        let unnamed = bd
            .post("/enkater/urval", &[("filter_name", " "), ("query", "")])
            .await;
        assert_eq!(unnamed.status(), 422);
        let officer = app.signed_in(OFFICER).await;
        assert_eq!(
            officer
                .post("/enkater/urval", &[("filter_name", "x"), ("query", "")])
                .await
                .status(),
            403
        );
        app.stop().await;
    }
}
