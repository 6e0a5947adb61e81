//! Networks, events and training: an event with 20 places that 25 companies register for
//! through their links (20 confirmed, 5 waiting), a cancellation that moves the first
//! waiting up and tells them by e-mail with a calendar file, check-in, the companies'
//! timelines, exports, tampered links, opting out, retention; places never over capacity
//! when registrations arrive at once; the demo's network, staff network and training
//! coverage.

use std::collections::HashSet;

use lots_store::NewEvent;

use crate::support::{TestApp, location};
use crate::{BD, OFFICER};

/// Companies of the demo with a contact person's e-mail address, each address once.
async fn companies_with_email(tenant: &lots_store::Tenant<'_>, n: usize) -> Vec<(i64, String)> {
    let page = tenant
        .companies(&lots_store::CompanyFilter {
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut out = Vec::new();
    for c in page.items {
        if let Some(k) = tenant.reachable_contact(c.id).await.unwrap()
            && !out.iter().any(|(_, e)| *e == k.email.to_lowercase())
        {
            out.push((c.id, k.email.to_lowercase()));
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn english(subject: &str) -> &'static str {
    match subject {
        "Inbjudan" => "Invitation",
        "Du har en plats" => "You have a place",
        "Väntelista" => "Waiting list",
        "Avbokad" => "Cancelled",
        _ => "\u{0}",
    }
}

fn token_in(body: &str) -> String {
    body.split("/evenemang/svar/")
        .nth(1)
        .expect("a personal link")
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The newest mail to `to` whose subject starts with `subject` (Swedish) or its English.
async fn mail_with(app: &TestApp, to: &str, subject: &str) -> lots_jobs::OutgoingMail {
    app.mail_where(to, subject, |m| {
        m.subject.starts_with(subject) || m.subject.starts_with(english(subject))
    })
    .await
}

fn in_two_weeks() -> String {
    let today = lots_store::today();
    today
        .checked_add(jiff::Span::new().days(14))
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn twenty_places_twenty_five_registrations_a_cancellation_and_check_in() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let date = in_two_weeks();
        // Bad input names its field.
        let r = bd
            .post(
                "/evenemang/nytt",
                &[
                    ("name", "Frukost"),
                    ("kind", "breakfast"),
                    ("date", &date),
                    ("start", "09:00"),
                    ("end", "08:00"),
                    ("capacity", "20"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Evenemanget måste sluta efter att det börjar.")
        );
        let r = bd
            .post(
                "/evenemang/nytt",
                &[
                    ("name", "Frukostmöte om kompetensförsörjning"),
                    ("kind", "breakfast"),
                    ("date", &date),
                    ("start", "07:30"),
                    ("end", "09:00"),
                    ("place", "Kommunhuset, Kungsängen"),
                    ("capacity", "20"),
                    ("audience", "Alla företag"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let event_path = location(&r);
        let event_id: i64 = event_path.rsplit('/').next().unwrap().parse().unwrap();

        let companies = companies_with_email(&tenant, 25).await;
        assert_eq!(companies.len(), 25);
        let ids: Vec<String> = companies.iter().map(|(id, _)| id.to_string()).collect();
        let mut fields: Vec<(&str, &str)> = ids.iter().map(|id| ("company", id.as_str())).collect();
        fields.push(("omrade", ""));
        let r = bd
            .post(&format!("/evenemang/{event_id}/bjud-in"), &fields)
            .await;
        assert_eq!(r.status(), 200, "{}", app.backend);
        let receipt = r.text().await.unwrap();
        assert!(receipt.contains("25 företag bjöds in."), "{receipt}");
        assert!(!receipt.contains("hoppades över"), "{receipt}");

        // Each company's person registers through the link in their invitation, in order.
        let mut tokens = Vec::new();
        for (_, email) in &companies {
            let invitation = mail_with(&app, email, "Inbjudan").await;
            let token = token_in(&invitation.body);
            let person = app.client();
            let (status, page) = person.text(&format!("/evenemang/svar/{token}")).await;
            assert_eq!(status, 200);
            assert!(page.contains("Du är inbjuden."));
            let r = person
                .post(
                    &format!("/evenemang/svar/{token}"),
                    &[("action", "register")],
                )
                .await;
            assert_eq!(r.status(), 303);
            tokens.push(token);
        }
        let event = tenant.event(event_id).await.unwrap();
        assert_eq!((event.confirmed, event.waiting), (20, 5), "{}", app.backend);

        // Registering twice changes nothing.
        let again = app.client();
        again
            .post(
                &format!("/evenemang/svar/{}", tokens[0]),
                &[("action", "register")],
            )
            .await;
        let event = tenant.event(event_id).await.unwrap();
        assert_eq!((event.confirmed, event.waiting), (20, 5));

        // The confirmed get a calendar file; the last five are told they wait.
        let confirmed = mail_with(&app, &companies[0].1, "Du har en plats").await;
        let ics = &confirmed.attachments[0];
        assert!(ics.content_type.starts_with("text/calendar"));
        assert!(
            ics.content.contains("BEGIN:VEVENT")
                && ics
                    .content
                    .contains(&format!("UID:event-{event_id}-participant-"))
        );
        mail_with(&app, &companies[24].1, "Väntelista").await;
        let (_, page) = app
            .client()
            .text(&format!("/evenemang/svar/{}", tokens[20]))
            .await;
        assert!(
            page.contains("Du står på väntelistan") && page.contains("plats 1"),
            "{page}"
        );

        // One confirmed cancels: the first on the waiting list gets the place and an e-mail.
        let r = app
            .client()
            .post(
                &format!("/evenemang/svar/{}", tokens[3]),
                &[("action", "cancel")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let cancelled = mail_with(&app, &companies[3].1, "Avbokad").await;
        assert!(cancelled.attachments[0].content.contains("METHOD:CANCEL"));
        let promoted = mail_with(&app, &companies[20].1, "Du har en plats").await;
        assert!(
            promoted.body.contains("En plats har blivit ledig")
                || promoted.body.contains("A place has come free")
        );
        assert!(promoted.attachments[0].content.contains("METHOD:PUBLISH"));
        let event = tenant.event(event_id).await.unwrap();
        assert_eq!(
            (event.confirmed, event.waiting, event.cancelled),
            (20, 4, 1)
        );
        let (status, calendar) = app
            .client()
            .text(&format!(
                "/evenemang/svar/{}/kalender.ics",
                token_in(&promoted.body)
            ))
            .await;
        assert_eq!(status, 200);
        assert!(calendar.contains("SUMMARY:Frukostmöte om kompetensförsörjning"));

        // Staff cancelling a place are asked first; the participant is mailed only after.
        let fifth = tenant
            .participants(event_id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.email == companies[5].1)
            .unwrap();
        let cancel = format!("/evenemang/{event_id}/deltagare/{}/avboka", fifth.id);
        let (status, ask) = bd.text(&cancel).await;
        assert_eq!(status, 200);
        assert!(ask.contains("Ja, avboka platsen") && ask.contains("e-postmeddelande"));
        assert_eq!(
            tenant.participant(fifth.id).await.unwrap().status,
            fifth.status
        );
        assert_eq!(bd.post(&cancel, &[]).await.status(), 303);
        mail_with(&app, &companies[5].1, "Avbokad").await;
        assert_eq!(bd.get(&cancel).await.status(), 404, "cancelled once");
        let event = tenant.event(event_id).await.unwrap();
        assert_eq!(
            (event.confirmed, event.waiting, event.cancelled),
            (20, 3, 2)
        );

        // A tampered or unknown link is a plain 404.
        let mut tampered = tokens[0].clone();
        tampered.replace_range(0..1, if tampered.starts_with('a') { "b" } else { "a" });
        assert_eq!(
            app.client()
                .get(&format!("/evenemang/svar/{tampered}"))
                .await
                .status(),
            404
        );
        assert_eq!(
            app.client().get("/evenemang/svar/nonsense").await.status(),
            404
        );

        // Check-in on the day, by a case officer helping at the door.
        let officer = app.signed_in(OFFICER).await;
        let participants = tenant.participants(event_id).await.unwrap();
        let first = participants
            .iter()
            .find(|p| p.status == lots_domain::events::ParticipantStatus::Confirmed)
            .unwrap();
        let (status, page) = officer
            .text(&format!("/evenemang/{event_id}/incheckning"))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Checka in"));
        let r = officer
            .post(
                &format!("/evenemang/{event_id}/incheckning/{}", first.id),
                &[("present", "1")],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(tenant.event(event_id).await.unwrap().checked_in, 1);
        // Only the confirmed can be checked in.
        let waiting = participants
            .iter()
            .find(|p| p.status == lots_domain::events::ParticipantStatus::Waiting)
            .unwrap();
        let r = officer
            .post(
                &format!("/evenemang/{event_id}/incheckning/{}", waiting.id),
                &[("present", "1")],
            )
            .await;
        assert_eq!(r.status(), 404);

        // The follow-up survey goes to the companies that came.
        tenant.install_standard_batteries().await.unwrap();
        let battery = tenant.batteries().await.unwrap()[0].published.unwrap().0;
        let r = bd
            .post(
                &format!("/evenemang/{event_id}/uppfoljning"),
                &[
                    ("battery_version_id", &battery.to_string()),
                    ("closes_on", &in_two_weeks()),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", app.backend);
        let round = tenant
            .event(event_id)
            .await
            .unwrap()
            .follow_up_round_id
            .unwrap();
        let invited = tenant.invitations(round).await.unwrap();
        assert_eq!(invited.len(), 1);
        assert_eq!(invited[0].company_id, first.company_id);
        assert_eq!(
            tenant.event(event_id).await.unwrap().follow_up_round_id,
            Some(round)
        );

        // It is all on the companies' timelines.
        let (_, journey) = bd
            .text(&format!("/foretag/{}", first.company_id.unwrap()))
            .await;
        assert!(
            journey.contains("Inbjuden till evenemang"),
            "{}",
            app.backend
        );
        assert!(journey.contains("Deltog i evenemang"));
        let (_, journey) = bd.text(&format!("/foretag/{}", companies[3].0)).await;
        assert!(journey.contains("Avbokade evenemang"));

        // Staff register someone by phone; the participant list neutralises formulas.
        let r = bd
            .post(
                &format!("/evenemang/{event_id}/anmal"),
                &[
                    ("organisation", ""),
                    ("name", "=HYPERLINK(\"http://x\")"),
                    ("email", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let csv = bd
            .get(&format!("/evenemang/{event_id}/deltagare.csv"))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.contains("'=HYPERLINK"), "{csv}");
        assert!(csv.contains("På väntelistan"));
        let xlsx = bd
            .get(&format!("/evenemang/{event_id}/deltagare.xlsx"))
            .await
            .bytes()
            .await
            .unwrap();
        assert!(xlsx.starts_with(b"PK"));

        // A person who asks to be removed gets no further invitations.
        let r = app
            .client()
            .post(
                &format!("/evenemang/svar/{}", tokens[24]),
                &[("action", "optout")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let next = tenant
            .create_event(
                &NewEvent {
                    name: "Informationsträff".into(),
                    kind: Some(lots_domain::events::EventKind::Information),
                    starts_at: Some(lots_store::now() + 86_400 * 30),
                    ends_at: Some(lots_store::now() + 86_400 * 30 + 3600),
                    capacity: Some(50),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let outcome = tenant
            .invite_to_event(next, &[companies[24].0, companies[23].0], "test")
            .await
            .unwrap();
        assert_eq!(outcome.participant_ids.len(), 1);
        assert_eq!(outcome.reach.reached, 1);
        assert_eq!(outcome.reach.skipped.len(), 1);
        let opted_out = tenant.company(companies[24].0).await.unwrap();
        assert_eq!(outcome.reach.skipped[0].name, opted_out.name);
        assert_eq!(outcome.reach.skipped[0].why.id, "skipped-opted-out");

        // After the retention the addresses of a past event's participants are forgotten.
        let forgotten = tenant
            .forget_past_participants(lots_store::now() + 86_400 * 500)
            .await
            .unwrap();
        assert!(forgotten >= 26, "{forgotten}");
        assert!(
            tenant
                .participants(event_id)
                .await
                .unwrap()
                .iter()
                .all(|p| p.email.is_empty())
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn places_never_go_over_capacity_when_registrations_arrive_at_once() {
    for app in TestApp::each(true, None).await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let event = tenant
            .create_event(
                &NewEvent {
                    name: "Rusning".into(),
                    kind: Some(lots_domain::events::EventKind::Other),
                    starts_at: Some(lots_store::now() + 86_400),
                    ends_at: Some(lots_store::now() + 90_000),
                    capacity: Some(5),
                    ..Default::default()
                },
                "test",
            )
            .await
            .unwrap();
        let companies = companies_with_email(&tenant, 24).await;
        let company_ids: Vec<i64> = companies.iter().map(|(id, _)| *id).collect();
        let ids = tenant
            .invite_to_event(event, &company_ids, "test")
            .await
            .unwrap()
            .participant_ids;
        assert_eq!(ids.len(), 24);
        let mut tasks = Vec::new();
        for id in ids.iter().copied() {
            // Everyone clicks twice at once, too.
            for _ in 0..2 {
                let db = app.db.clone();
                tasks.push(tokio::spawn(async move {
                    db.tenant_unchecked("0139")
                        .register(id, None)
                        .await
                        .unwrap()
                }));
            }
        }
        let mut outcomes = Vec::new();
        for t in tasks {
            outcomes.push(t.await.unwrap());
        }
        let given = outcomes
            .iter()
            .filter(|o| **o == lots_store::Registration::Confirmed)
            .count();
        assert_eq!(given, 5, "{}", app.backend);
        let e = tenant.event(event).await.unwrap();
        assert_eq!((e.confirmed, e.waiting), (5, 19), "{}", app.backend);
        // Cancellations at once move exactly as many up.
        let confirmed: Vec<i64> = tenant
            .participants(event)
            .await
            .unwrap()
            .iter()
            .filter(|p| p.status == lots_domain::events::ParticipantStatus::Confirmed)
            .map(|p| p.id)
            .collect();
        let mut tasks = Vec::new();
        for id in confirmed.iter().take(3).copied() {
            let db = app.db.clone();
            tasks.push(tokio::spawn(async move {
                db.tenant_unchecked("0139")
                    .cancel_participation(id)
                    .await
                    .unwrap()
            }));
        }
        let mut promoted = HashSet::new();
        for t in tasks {
            promoted.insert(t.await.unwrap().promoted.unwrap());
        }
        assert_eq!(promoted.len(), 3);
        let e = tenant.event(event).await.unwrap();
        assert_eq!(
            (e.confirmed, e.waiting, e.cancelled),
            (5, 16, 3),
            "{}",
            app.backend
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_demo_has_the_networks_and_the_training_coverage() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let (status, page) = bd.text("/natverk").await;
        assert_eq!(status, 200);
        assert!(page.contains("Trafiknätverket i Brunna") && page.contains("Näringslivsnätverket"));
        let traffic = tenant
            .networks()
            .await
            .unwrap()
            .into_iter()
            .find(|n| n.name == "Trafiknätverket i Brunna")
            .unwrap();
        assert_eq!(traffic.members, 10);
        let (_, page) = bd.text(&format!("/natverk/{}", traffic.id)).await;
        assert!(page.contains("Brunna Logistik AB") && page.contains("Begära trafikmätning"));
        // A new member, a meeting with attendance and an action, a member leaving.
        let r = bd
            .post(
                &format!("/natverk/{}/medlemmar", traffic.id),
                &[
                    ("organisation", "Inget Sådant AB"),
                    ("joined_on", "2026-11-01"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let brunna = crate::surveys::brunna_logistik(&tenant).await.id;
        let members = tenant.network_members(traffic.id).await.unwrap();
        let member = members
            .iter()
            .find(|m| m.company_id == Some(brunna))
            .unwrap();
        let r = bd
            .post(
                &format!("/natverk/{}/moten", traffic.id),
                &[
                    ("held_on", "2026-11-20"),
                    ("place", "Brunna"),
                    ("agenda", "Lastzonen"),
                    ("minutes", "Beslutad"),
                    ("present", &member.id.to_string()),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        // The list links to a page that asks first; only its button records the leaving.
        let leave = format!("/natverk/{}/medlemmar/{}/lamna", traffic.id, member.id);
        let (_, network_page) = bd.text(&format!("/natverk/{}", traffic.id)).await;
        assert!(crate::forms::unescape(&network_page).contains(&format!("href=\"{leave}\"")));
        let (status, ask) = bd.text(&leave).await;
        assert_eq!(status, 200);
        assert!(ask.contains(&format!("lämnat {}?", traffic.name)), "{ask}");
        assert!(ask.contains("Ja, har lämnat i dag"));
        assert!(
            tenant
                .network_members(traffic.id)
                .await
                .unwrap()
                .iter()
                .all(|m| m.left_on.is_none() || m.id != member.id),
            "asking changes nothing"
        );
        let r = bd.post(&leave, &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(bd.get(&leave).await.status(), 404, "a member who has left");
        let (_, journey) = bd.text(&format!("/foretag/{brunna}")).await;
        assert!(journey.contains("Gick med i nätverk") && journey.contains("Lämnade nätverk"));
        assert!(journey.contains("Deltog i nätverksmöte"));
        assert!(
            journey.contains("Deltog i evenemang"),
            "the demo's breakfast meeting"
        );

        // A link to an event long past has expired: a plain 404.
        let past = tenant
            .events()
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.name.starts_with("Frukostmöte"))
            .unwrap();
        let someone = tenant.participants(past.id).await.unwrap()[0].id;
        let expired = tenant.mint_event_link(someone).await.unwrap();
        let r = app
            .client()
            .get(&format!("/evenemang/svar/{expired}"))
            .await;
        assert_eq!(r.status(), 404);

        // Over 100 staff of Samhällsbyggnadskontoret trained in service and treatment.
        let (status, page) = bd.text("/utbildning/tackning").await;
        assert_eq!(status, 200);
        assert!(page.contains("Service och bemötande"));
        let course = tenant.courses().await.unwrap()[0].id;
        let coverage = tenant.training_coverage(course, 0, i64::MAX).await.unwrap();
        let sbk = coverage
            .iter()
            .find(|c| c.unit_name == "Samhällsbyggnadskontoret")
            .unwrap();
        assert!(sbk.staff > 100 && sbk.trained > 100, "{sbk:?}");
        assert_eq!(
            sbk.percent,
            lots_domain::events::percent(sbk.trained, sbk.staff)
        );
        assert!(page.contains(&format!("{} %", sbk.percent.unwrap())));
        let kc = coverage
            .iter()
            .find(|c| c.unit_name == "Kontaktcenter")
            .unwrap();
        assert_eq!(kc.percent, Some(100));
        // The attendance list exports for the spreadsheet.
        let sessions = tenant.training_sessions(Some(course)).await.unwrap();
        let csv = bd
            .get(&format!(
                "/utbildning/tillfallen/{}/narvaro.csv",
                sessions[0].id
            ))
            .await
            .text()
            .await
            .unwrap();
        assert!(csv.starts_with('\u{feff}') && csv.contains("Namn;Enhet;Kurs;Tillfälle;Deltog"));
        assert!(
            csv.contains("Service och bemötande") && csv.contains(";Ja") && csv.contains(";Nej")
        );
        // A staff member's record is on their profile.
        let session = tenant.training_sessions(Some(course)).await.unwrap()[0].id;
        let trainee = tenant
            .trainees(session)
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.attended)
            .unwrap();
        let (_, profile) = bd.text(&format!("/personal/{}", trainee.user_id)).await;
        assert!(profile.contains("Service och bemötande"), "{}", app.backend);

        // A read-only member of staff sees but cannot change.
        let reader = app.signed_in("felix.holm@upplands-bro.example").await;
        assert_eq!(reader.get("/evenemang").await.status(), 200);
        let r = reader
            .post("/natverk", &[("name", "X"), ("kind", "external")])
            .await;
        assert_eq!(r.status(), 403);

        // A choice no page offered is refused as unreadable, not read as no choice.
        for (field, value) in [("kind", "hemligt"), ("owner", "ingen")] {
            let mut fields = vec![("name", "Nytt nätverk"), ("kind", "external")];
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value));
            let r = bd.post("/natverk", &fields).await;
            assert_eq!(r.status(), 400, "{field}={value} on {}", app.backend);
        }
        app.stop().await;
    }
}
