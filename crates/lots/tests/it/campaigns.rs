//! Visit campaigns: a campaign whose filters find fewer companies than visits is refused
//! with the numbers; the plan gives every officer exactly their visits, never a pair with a
//! registered conflict of interest, explains each pair, and says which officer makes a plan
//! impossible; planned visits are on the companies' timelines.

use lots_domain::campaigns::status::{CampaignStatus, VisitStatus};
use std::collections::HashSet;

use crate::BD;
use crate::support::{TestApp, location};

#[tokio::test]
async fn an_optimal_plan_that_respects_conflicts_of_interest() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let livs = unit_id(&tenant, "Livsmedelsenheten").await.to_string();
        let fields = |visits: &'static str| {
            vec![
                ("name", "Logistikbesök"),
                ("starts_on", "2027-03-01"),
                ("ends_on", "2027-04-30"),
                ("visits_per_officer", visits),
                ("unit", livs.as_str()),
                ("sni", "52"),
            ]
        };
        // A form with several wrong fields names them all in one answer, each by its field:
        // the form's own (a visit length that is no number) beside the store's.
        let r = bd
            .post(
                "/kampanjer",
                &[
                    ("name", " "),
                    ("starts_on", "1 mars"),
                    ("ends_on", "2027-02-30"),
                    ("visits_per_officer", "0"),
                    ("visit_minutes", "nittio"),
                    ("unit", livs.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), 422, "{}", app.backend);
        let html = r.text().await.unwrap();
        for (field, id) in [
            ("name", "enter-the-campaigns-name"),
            ("starts_on", "enter-the-first-day-as-2026"),
            ("ends_on", "enter-the-last-day-as-2026"),
            ("visits_per_officer", "visits-per-case-officer-must-be"),
            ("visit_minutes", "a-visit-must-be-15-480"),
        ] {
            let text = lots_i18n::text(lots_i18n::Lang::Sv, id);
            assert!(
                html.contains(&format!("href=\"#{field}\"")) && html.contains(&text),
                "{field} is not named on {}",
                app.backend
            );
        }
        // Six logistics companies cannot take two visits from each of six inspectors.
        let r = bd.post("/kampanjer", &fields("2")).await;
        assert_eq!(r.status(), 422, "{}", app.backend);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Urvalet har 6 företag men kampanjen behöver 12 besök."),
            "{}",
            app.backend
        );
        let r = bd.post("/kampanjer", &fields("1")).await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let id: i64 = location(&r)
            .trim_start_matches("/kampanjer/")
            .parse()
            .unwrap();

        let officers = tenant.campaign_officers(id).await.unwrap();
        assert_eq!(officers.len(), 6);
        let (barred, _) = officers[0].clone();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/jav"),
                &[
                    ("user_id", &barred.to_string()),
                    ("organisation", "Brunna Logistik AB"),
                    ("reason", "Närstående äger företaget"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let r = bd.post(&format!("/kampanjer/{id}/planera"), &[]).await;
        assert_eq!(r.status(), 303, "{}", app.backend);

        let visits = tenant.campaign_visits(id).await.unwrap();
        assert_eq!(visits.len(), 6);
        for (officer, _) in &officers {
            assert_eq!(
                visits
                    .iter()
                    .filter(|v| v.officer_user_id == *officer)
                    .count(),
                1
            );
        }
        let companies: HashSet<i64> = visits.iter().map(|v| v.company_id).collect();
        assert_eq!(companies.len(), 6, "each company once");
        assert!(
            !visits
                .iter()
                .any(|v| v.officer_user_id == barred && v.company_name == "Brunna Logistik AB"),
            "the conflict of interest is respected"
        );
        assert!(visits.iter().all(|v| {
            v.explanation
                .text(lots_i18n::Lang::Sv)
                .contains(" besöker ")
        }));
        assert_eq!(
            tenant.campaign(id).await.unwrap().status,
            CampaignStatus::Planned
        );
        let (status, page) = bd.text(&format!("/kampanjer/{id}?del=plan")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Närstående äger företaget") && page.contains("Brunna Logistik AB"));
        assert_eq!(
            bd.get(&format!("/kampanjer/{id}?del=annat")).await.status(),
            404
        );
        // March and April 2027 without Good Friday and Easter Monday.
        assert!(
            page.contains("43 arbetsdagar i perioden"),
            "{}",
            app.backend
        );
        assert!(page.contains("2027-03-26 Långfredagen, 2027-03-29 Annandag påsk"));
        let visited = visits[0].company_id;
        let (_, journey) = bd.text(&format!("/foretag/{visited}")).await;
        assert!(journey.contains("Företagsbesök planerat"));

        // A visit booked with its company and one moved by hand stay when planned again.
        let mut others = visits.iter().filter(|v| v.officer_user_id != barred);
        let booked = others.next().unwrap().clone();
        let moved = others.next().unwrap().clone();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/besok/{}/status", booked.id),
                &[("status", "booked")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let target = officers
            .iter()
            .map(|(o, _)| *o)
            .find(|o| *o != barred && *o != moved.officer_user_id && *o != booked.officer_user_id)
            .unwrap();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/besok/{}/flytta", moved.id),
                &[("officer", &target.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);
        // Moving a visit to an officer with a conflict of interest is refused.
        let brunna = visits
            .iter()
            .find(|v| v.company_name == "Brunna Logistik AB")
            .unwrap();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/besok/{}/flytta", brunna.id),
                &[("officer", &barred.to_string())],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("är jävig mot Brunna Logistik AB")
        );
        let r = bd.post(&format!("/kampanjer/{id}/planera"), &[]).await;
        assert_eq!(r.status(), 303);
        let again = tenant.campaign_visits(id).await.unwrap();
        assert_eq!(again.len(), 6);
        let kept = again.iter().find(|v| v.id == booked.id).unwrap();
        assert_eq!(
            (kept.officer_user_id, kept.status.code()),
            (booked.officer_user_id, "booked")
        );
        let still = again.iter().find(|v| v.id == moved.id).unwrap();
        assert!(still.fixed && still.officer_user_id == target);
        assert_eq!(
            again.iter().filter(|v| v.officer_user_id == target).count(),
            1,
            "the moved visit is the officer's one"
        );
        assert_eq!(
            again
                .iter()
                .filter(|v| v.officer_user_id == moved.officer_user_id)
                .count(),
            1
        );

        // Barred from every candidate, the inspector makes a plan impossible, and says so.
        for v in &visits {
            tenant
                .register_conflict(
                    Some(barred),
                    Some(v.company_id),
                    "Tidigare anställd",
                    "test",
                )
                .await
                .unwrap();
        }
        let r = bd.post(&format!("/kampanjer/{id}/planera"), &[]).await;
        assert_eq!(r.status(), 422);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("ska göra 1 besök men får bara besöka 0"),
            "{}",
            app.backend
        );
        assert_eq!(
            tenant.campaign_visits(id).await.unwrap().len(),
            6,
            "the plan stays as it was"
        );

        // The booked company cancels: too few companies are left for a new plan, and the
        // page says so with the numbers.
        tenant
            .set_visit_status(booked.id, VisitStatus::Cancelled)
            .await
            .unwrap();
        let r = bd.post(&format!("/kampanjer/{id}/planera"), &[]).await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Urvalet har 4 företag men kampanjen behöver 5 besök."),
            "{}",
            app.backend
        );

        // The visit is recorded with a referral to the traffic network in Brunna.
        let visit = tenant
            .campaign_visits(id)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.status == VisitStatus::Planned)
            .unwrap();
        let path = format!("/kampanjer/{id}/besok/{}", visit.id);
        let (status, page) = bd.text(&path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Hänvisa företaget"));
        let traffic = tenant
            .networks()
            .await
            .unwrap()
            .into_iter()
            .find(|n| n.name == "Trafiknätverket i Brunna")
            .unwrap();
        let sara = app
            .db
            .user_by_email(BD)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let r = bd
            .post(
                &path,
                &[
                    ("notes", "Vill ha bättre skyltning"),
                    ("kind", "unit"),
                    ("target_unit", ""),
                    ("owner_user_id", &sara),
                    ("due_on", "2027-01-15"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Välj vart företaget hänvisas.")
        );
        let r = bd
            .post(
                &path,
                &[
                    ("notes", "Vill ha bättre skyltning"),
                    ("needs", "Rekrytera lagerpersonal"),
                    ("kind", "network"),
                    ("target_network", &traffic.id.to_string()),
                    ("owner_user_id", &sara),
                    ("due_on", "2027-01-15"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        assert_eq!(
            tenant.visit(visit.id).await.unwrap().status,
            VisitStatus::Done
        );
        let referrals = tenant.referrals(visit.id, None).await.unwrap();
        assert_eq!(referrals.len(), 1);
        assert_eq!(referrals[0].target_name, "Trafiknätverket i Brunna");
        assert!(
            tenant
                .network_members(traffic.id)
                .await
                .unwrap()
                .iter()
                .any(|m| m.company_id == Some(visit.company_id) && m.left_on.is_none())
        );
        let (_, journey) = bd.text(&format!("/foretag/{}", visit.company_id)).await;
        assert!(journey.contains("Hänvisad") && journey.contains("Företagsbesök"));

        // Only those who run campaigns may.
        let reader = app.signed_in("felix.holm@upplands-bro.example").await;
        assert_eq!(reader.get(&format!("/kampanjer/{id}")).await.status(), 200);
        assert_eq!(
            reader
                .post(&format!("/kampanjer/{id}/planera"), &[])
                .await
                .status(),
            403
        );
        app.stop().await;
    }
}

/// The personal booking link in a mail.
fn booking_token(body: &str) -> String {
    body.split("/besok/boka/")
        .nth(1)
        .expect("a booking link")
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

/// The calendar file attached to a mail.
fn ics(mail: &lots_jobs::OutgoingMail) -> String {
    mail.attachments
        .iter()
        .find(|a| a.content_type.starts_with("text/calendar"))
        .expect("a calendar file")
        .content
        .clone()
}

/// A campaign of the food unit's officers, one visit each, to the logistics companies
/// (SNI 52) in March and April 2027, with `battery` if given.
async fn logistics_campaign(
    tenant: &lots_store::Tenant<'_>,
    name: &str,
    battery: Option<i64>,
) -> i64 {
    tenant
        .create_campaign(
            &lots_store::NewCampaign {
                name: name.into(),
                starts_on: Some(jiff::civil::date(2027, 3, 1)),
                ends_on: Some(jiff::civil::date(2027, 4, 30)),
                visits_per_officer: Some(1),
                unit_ids: vec![unit_id(tenant, "Livsmedelsenheten").await],
                battery_version_id: battery,
                selection: lots_store::Selection {
                    companies: lots_store::CompanyFilter {
                        sni: Some("52".into()),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                ..Default::default()
            },
            "test",
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn companies_book_through_their_links_and_the_follow_up_goes_out() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let id = logistics_campaign(&tenant, "Vårens logistikbesök", None).await;
        assert!(tenant.plan_campaign(id).await.is_ok());
        let visits = tenant.campaign_visits(id).await.unwrap();

        // An officer away for the whole period has no time: the page says who, and nothing
        // is offered until the absence is taken back.
        let away = visits[0].officer_user_id;
        let r = bd
            .post(
                &format!("/kampanjer/{id}/franvaro"),
                &[
                    ("absent_user", &away.to_string()),
                    ("absent_from", "2027-02-20"),
                    ("absent_to", "2027-05-10"),
                    ("absent_reason", "Föräldraledig"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let r = bd.post(&format!("/kampanjer/{id}/tider"), &[]).await;
        assert_eq!(r.status(), 422, "{}", app.backend);
        assert!(r.text().await.unwrap().contains(&format!(
            "{} har inte tid för 1 besök",
            visits[0].officer_name
        )));
        assert!(
            tenant
                .booking(visits[0].id)
                .await
                .unwrap()
                .offered
                .is_empty()
        );
        let absence = tenant.campaign_absences(id).await.unwrap()[0].id;
        let r = bd
            .post(&format!("/kampanjer/{id}/franvaro/{absence}/ta-bort"), &[])
            .await;
        assert_eq!(r.status(), 303);

        let r = bd.post(&format!("/kampanjer/{id}/tider"), &[]).await;
        assert_eq!(r.status(), 200, "{}", app.backend);
        let receipt = r.text().await.unwrap();
        let mut by_phone = Vec::new();
        for v in &visits {
            if tenant
                .reachable_contact(v.company_id)
                .await
                .unwrap()
                .is_none()
            {
                by_phone.push(tenant.company(v.company_id).await.unwrap().name);
            }
        }
        let sent = visits.len() - by_phone.len();
        assert!(
            receipt.contains(&format!("{sent} företag fick tider att välja bland")),
            "{receipt}"
        );
        for name in &by_phone {
            assert!(
                receipt.contains(name.as_str()),
                "{name} is named: {receipt}"
            );
        }
        assert_eq!(
            receipt.matches("boka besöket per telefon").count(),
            by_phone.len()
        );
        assert_eq!(
            tenant.campaign(id).await.unwrap().status,
            CampaignStatus::Running
        );
        let mut offered = std::collections::HashSet::new();
        for v in &visits {
            let b = tenant.booking(v.id).await.unwrap();
            assert_eq!(b.offered.len(), 3, "three times each");
            for s in &b.offered {
                let day = s.day;
                assert!(lots_domain::holidays::is_working_day(day), "{}", s.day);
                assert!(s.starts.as_str() >= "08:00" && s.ends.as_str() <= "16:30");
                assert!(
                    offered.insert((v.officer_user_id, s.starts_at)),
                    "never offered twice"
                );
            }
        }

        // The company books one of its times through the link in its mail, and it and the
        // officer get a calendar file with the visit's UID.
        let visit = &visits[1];
        let contact = tenant
            .reachable_contact(visit.company_id)
            .await
            .unwrap()
            .unwrap()
            .email;
        let offer = app
            .mail_where(&contact, "offer", |m| m.subject.contains("vill besöka"))
            .await;
        let token = booking_token(&offer.body);
        let company = app.client();
        let (status, page) = company.text(&format!("/besok/boka/{token}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Välj en tid som passar er"));
        let booking = tenant.booking(visit.id).await.unwrap();
        let slot = booking.offered[1].clone();
        let r = company
            .post(
                &format!("/besok/boka/{token}"),
                &[
                    ("sequence", "0"),
                    ("slot", &slot.starts_at.to_string()),
                    ("action", "book"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let booked = tenant.booking(visit.id).await.unwrap();
        assert_eq!(booked.status, VisitStatus::Booked);
        assert_eq!(booked.time.as_ref().unwrap().starts_at, slot.starts_at);
        let uid = format!("UID:visit-{}@127.0.0.1", visit.id);
        let to_company = app
            .mail_where(&contact, "booked", |m| m.subject.starts_with("Bokat"))
            .await;
        let file = ics(&to_company);
        assert!(
            file.contains(&uid) && file.contains("SEQUENCE:1") && file.contains("METHOD:PUBLISH")
        );
        let start = jiff::Timestamp::from_second(slot.starts_at)
            .unwrap()
            .strftime("DTSTART:%Y%m%dT%H%M%SZ")
            .to_string();
        assert!(file.contains(&start), "{file}");
        let officer = tenant.user(visit.officer_user_id).await.unwrap().email;
        let to_officer = app
            .mail_where(&officer, "booked", |m| m.subject.starts_with("Bokat"))
            .await;
        assert!(ics(&to_officer).contains(&uid));
        // A tampered link is a plain 404.
        let mut tampered = token.clone();
        tampered.replace_range(0..1, if token.starts_with('0') { "1" } else { "0" });
        assert_eq!(
            company
                .get(&format!("/besok/boka/{tampered}"))
                .await
                .status(),
            404
        );
        // A time that was not offered is refused.
        let r = company
            .post(
                &format!("/besok/boka/{token}"),
                &[
                    ("sequence", "1"),
                    ("slot", "1800000000"),
                    ("action", "book"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Välj en av de föreslagna tiderna.")
        );

        // Two people book the same visit at the same instant: one wins, the other is told.
        let other = &visits[2];
        let times = tenant.booking(other.id).await.unwrap().offered;
        let lead = app.signed_in(BD).await;
        let path = format!("/kampanjer/{id}/besok/{}/boka", other.id);
        let (a, b) = (
            times[0].starts_at.to_string(),
            times[2].starts_at.to_string(),
        );
        let form_a = [("sequence", "0"), ("slot", a.as_str()), ("action", "book")];
        let form_b = [("sequence", "0"), ("slot", b.as_str()), ("action", "book")];
        let (first, second) = tokio::join!(bd.post(&path, &form_a), lead.post(&path, &form_b));
        let mut statuses = [first.status().as_u16(), second.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [303, 422], "{}", app.backend);
        let loser = if first.status() == 422 { first } else { second };
        assert!(
            loser
                .text()
                .await
                .unwrap()
                .contains("Besöket bokades eller ändrades nyss av någon annan.")
        );
        let after = tenant.booking(other.id).await.unwrap();
        assert_eq!((after.status.code(), after.sequence), ("booked", 1));

        // By phone the officer may agree another time, but only on a working day.
        let r = bd
            .post(
                &path,
                &[
                    ("sequence", "1"),
                    ("slot", ""),
                    ("day", "2027-03-29"),
                    ("time", "10:00"),
                    ("action", "book"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Välj en arbetsdag inom kampanjens period")
        );
        let r = bd
            .post(
                &path,
                &[
                    ("sequence", "1"),
                    ("slot", ""),
                    ("day", "2027-04-06"),
                    ("time", "13:15"),
                    ("action", "book"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let moved = tenant.booking(other.id).await.unwrap();
        assert_eq!(moved.time.as_ref().unwrap().starts, "13:15");
        assert_eq!(moved.sequence, 2);

        // The company cancels through its link: the calendar entry is taken out.
        let r = company
            .post(
                &format!("/besok/boka/{token}"),
                &[("sequence", "1"), ("action", "cancel")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let cancelled = app
            .mail_where(&contact, "cancelled", |m| m.subject.starts_with("Avbokat"))
            .await;
        let file = ics(&cancelled);
        assert!(
            file.contains(&uid) && file.contains("METHOD:CANCEL") && file.contains("SEQUENCE:2")
        );

        // The officer records a visit with the battery's answers and an issue to come back
        // on; the company's contact is invited to the follow-up survey.
        let recorded = &visits[3];
        let contact3 = tenant
            .reachable_contact(recorded.company_id)
            .await
            .unwrap()
            .unwrap()
            .email;
        let sara = app
            .db
            .user_by_email(BD)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let visit_path = format!("/kampanjer/{id}/besok/{}", recorded.id);
        let (status, page) = bd.text(&visit_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Vilka kontakter har företaget haft med kommunen"));
        let r = bd
            .post(
                &visit_path,
                &[
                    ("q_contacts", "bygglov"),
                    ("q_contacts", "livsmedel"),
                    ("q_nki_overall", "9"),
                    ("notes", "Bra samtal"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422, "an answer out of the scale");
        let r = bd
            .post(
                &visit_path,
                &[
                    ("q_contacts", "bygglov"),
                    ("q_contacts", "livsmedel"),
                    ("q_nki_overall", "5"),
                    ("q_challenges", "Svårt att rekrytera"),
                    ("notes", "Bra samtal"),
                    ("issue_1", "När blir detaljplanen för Brunna klar?"),
                    ("issue_owner_1", &sara),
                    ("issue_due_1", "2026-11-01"),
                    ("issue_2", ""),
                    ("issue_3", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let answers = tenant.visit_answers(recorded.id).await.unwrap();
        assert_eq!(
            answers.get("nki_overall"),
            Some(&lots_domain::battery::Answer::Number(5))
        );
        app.mail_where(&contact3, "follow-up", |m| {
            m.subject.contains("vill veta vad du tycker")
        })
        .await;
        let campaign = tenant.campaign(id).await.unwrap();
        let round = tenant
            .round(campaign.follow_up_round_id.unwrap())
            .await
            .unwrap();
        assert_eq!(round.invited, 1);
        // The issue is overdue: its owner and the campaign lead see it.
        let (_, mine) = bd.text("/aterkoppling").await;
        assert!(
            mine.contains("När blir detaljplanen för Brunna klar?") && mine.contains("Försenad")
        );
        let (_, page) = bd.text(&format!("/kampanjer/{id}?del=aterkoppling")).await;
        assert!(page.contains("Försenad återkoppling"), "{}", app.backend);
        let (_, page) = bd.text(&format!("/kampanjer/{id}")).await;
        assert!(page.contains("Per handläggare") && page.contains("progress-title"));
        let (_, journey) = bd.text(&format!("/foretag/{}", recorded.company_id)).await;
        assert!(journey.contains("Återkoppling utlovad"));
        let item = tenant
            .feedback(lots_store::FeedbackScope::Visit(recorded.id))
            .await
            .unwrap()[0]
            .id;
        let r = bd
            .post(
                &format!("/aterkoppling/{item}"),
                &[
                    ("answer", "Samrådet är i april."),
                    ("back", "/aterkoppling"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, report) = bd.text(&format!("/kampanjer/{id}/rapport")).await;
        assert!(
            report.contains("Bra samtal") && report.contains("1 utlovade, 1 klara, 0 försenade"),
            "{report}"
        );

        // The officer's private feed holds their booked visit.
        let me = app
            .signed_in(&officer_email(&tenant, other.officer_user_id).await)
            .await;
        let r = me.post("/konto/kalender", &[]).await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        let address = page
            .split("id=\"address\" type=\"text\" readonly value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&#x2f;", "/");
        let feed_path = address.split("127.0.0.1").nth(1).unwrap();
        let feed_path = &feed_path[feed_path.find('/').unwrap()..];
        let feed = app.client().get(feed_path).await;
        assert_eq!(feed.status(), 200);
        assert!(
            feed.text()
                .await
                .unwrap()
                .contains(&format!("UID:visit-{}@", other.id))
        );

        // Someone comes along: only staff with an active account, named with their unit.
        let visit_path = format!("/kampanjer/{id}/besok/{}", visits[4].id);
        let (_, visit_page) = bd.text(&visit_path).await;
        let sara = app.db.user_by_email(crate::BD).await.unwrap().unwrap();
        let unit = sara.unit_name.clone().unwrap();
        assert!(
            visit_page.contains(&format!(">Sara Holmberg ({unit})</option>")),
            "{}",
            app.backend
        );
        let inactive = tenant
            .staff(&lots_store::StaffFilter {
                status: Some(lots_store::UserStatus::Invited),
                page: 1,
                per_page: 1,
                ..Default::default()
            })
            .await
            .unwrap()
            .items;
        if let Some(inactive) = inactive.first() {
            let (_, select) = visit_page.split_once("<select id=\"companion\"").unwrap();
            let select = &select[..select.find("</select>").unwrap()];
            assert!(
                !select.contains(&format!("value=\"{}\"", inactive.id)),
                "{select}"
            );
            let r = bd
                .post(
                    &format!("{visit_path}/sallskap"),
                    &[("companion", &inactive.id.to_string())],
                )
                .await;
            assert_eq!(r.status(), 422, "{}", app.backend);
        }
        let r = bd
            .post(
                &format!("{visit_path}/sallskap"),
                &[("companion", &sara.id.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);
        let booking = tenant.booking(visits[4].id).await.unwrap();
        assert_eq!(booking.companion_name.as_deref(), Some("Sara Holmberg"));

        // Once the campaign is closed, a booking link no longer books.
        let r = bd.post(&format!("/kampanjer/{id}/avsluta"), &[]).await;
        assert_eq!(r.status(), 303);
        // A closed campaign is a record: its page offers no planning or other changes.
        let mut closed = String::new();
        for part in ["", "?del=plan", "?del=besok"] {
            closed += &bd.text(&format!("/kampanjer/{id}{part}")).await.1;
        }
        let closed = crate::forms::unescape(&closed);
        for action in [
            "/planera\"",
            "/tider\"",
            "/arbetstid\"",
            "/franvaro\"",
            "/status\"",
        ] {
            assert!(!closed.contains(action), "{action} on a closed campaign");
        }
        let late = tenant.mint_booking_link(visits[4].id).await.unwrap();
        let r = company
            .post(
                &format!("/besok/boka/{late}"),
                &[
                    ("sequence", "0"),
                    (
                        "slot",
                        &tenant.booking(visits[4].id).await.unwrap().offered[0]
                            .starts_at
                            .to_string(),
                    ),
                    ("action", "book"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Kampanjen är avslutad"));
        assert_eq!(
            tenant.booking(visits[4].id).await.unwrap().status,
            VisitStatus::Planned
        );
        app.stop().await;
    }
}

async fn unit_id(tenant: &lots_store::Tenant<'_>, name: &str) -> i64 {
    tenant.unit_by_name(name).await.unwrap().unwrap().id
}

/// The demo's "Vårens företagsbesök 2026".
async fn spring_campaign(tenant: &lots_store::Tenant<'_>) -> lots_store::Campaign {
    tenant
        .campaigns()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Vårens företagsbesök 2026")
        .unwrap()
}

async fn officer_email(tenant: &lots_store::Tenant<'_>, id: i64) -> String {
    tenant.user(id).await.unwrap().email
}

#[tokio::test]
async fn the_demo_has_the_seeds_spring_campaign() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let campaign = spring_campaign(&tenant).await;
        assert_eq!((campaign.officers, campaign.visits_per_officer), (25, 2));
        let report = tenant
            .campaign_report(campaign.id, lots_i18n::Lang::Sv)
            .await
            .unwrap();
        assert_eq!(report.total.done, 50, "{}", app.backend);
        assert_eq!(report.by_officer.len(), 25);
        assert!(report.by_officer.iter().all(|o| o.done == 2));
        let targets: Vec<&str> = report.referrals.iter().map(|r| r.target.as_str()).collect();
        assert!(targets.contains(&"Trafiknätverket i Brunna"), "{targets:?}");
        assert!(targets.contains(&"Kompetensmässan"), "{targets:?}");
        assert_eq!(report.feedback_overdue, 1);
        let round = campaign.follow_up_round_id.unwrap();
        let results = tenant
            .round_results(
                round,
                "area",
                lots_i18n::Lang::Sv,
                &lots_domain::nki::Thresholds::default(),
            )
            .await
            .unwrap();
        let overall = results
            .rows
            .iter()
            .find(|r| r.group.is_empty() && r.index == "helhet")
            .unwrap();
        assert_eq!(overall.value, Some(100.0), "full marks");
        let bd = app.signed_in(BD).await;
        let (status, page) = bd
            .text(&format!("/kampanjer/{}/rapport", campaign.id))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains("Trafiken vid rondellen i Brunna"));
        app.stop().await;
    }
}

#[tokio::test]
async fn offices_take_up_a_checklist_from_the_campaign() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let spring = spring_campaign(&tenant).await;
        // The demo's checklist: published to the three units, two managers have signed.
        let demo = tenant.checklists().await.unwrap();
        assert_eq!(demo.len(), 1, "{}", app.backend);
        assert_eq!((demo[0].units, demo[0].acknowledged), (3, 2));
        let bd = app.signed_in(BD).await;
        let (status, page) = bd.text(&format!("/punktlistor/{}", demo[0].id)).await;
        assert_eq!(status, 200);
        assert!(page.contains("Trafiknätverket i Brunna"), "{page}");
        assert!(page.contains("Per Sandberg"));

        // The suggestion from the campaign's findings fills the new checklist's form.
        let (status, page) = bd
            .text(&format!("/punktlistor?kampanj={}", spring.id))
            .await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Förbättra det företagen gav lägst betyg"),
            "{page}"
        );
        assert!(page.contains("Kompetensmässan"));

        // Bad points are named and nothing is stored.
        let campaign = spring.id.to_string();
        let new = |items: &'static str| {
            vec![
                ("title", "Punktlista för livsmedelskontrollen"),
                ("campaign", campaign.as_str()),
                ("items", items),
            ]
        };
        let r = bd.post("/punktlistor", &new("  \n")).await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Skriv minst en punkt, en per rad.")
        );
        let r = bd
            .post(
                "/punktlistor",
                &new("- Ring upp samma dag\n- ring upp samma dag"),
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Punkt 2 upprepar punkt 1.")
        );
        assert_eq!(tenant.checklists().await.unwrap().len(), 1);

        let r = bd
            .post(
                "/punktlistor",
                &new("- Ring upp samma dag\n- Förklara avgiften före kontrollen"),
            )
            .await;
        assert_eq!(r.status(), 303);
        let id: i64 = location(&r)
            .trim_start_matches("/punktlistor/")
            .parse()
            .unwrap();
        let (status, page) = bd.text(&format!("/punktlistor/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("utkast, inte publicerat"));
        // Editing a draft keeps it version 1.
        let r = bd
            .post(
                &format!("/punktlistor/{id}"),
                &[(
                    "items",
                    "Ring upp samma dag\nFörklara avgiften före kontrollen\nLämna visitkort",
                )],
            )
            .await;
        assert_eq!(r.status(), 303);
        let list = tenant.checklist(id).await.unwrap();
        assert_eq!(list.versions.len(), 1);
        assert_eq!(list.versions[0].items.len(), 3);

        let livs = unit_id(&tenant, "Livsmedelsenheten").await;
        let r = bd.post(&format!("/punktlistor/{id}/publicera"), &[]).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Välj minst en enhet"));
        let r = bd
            .post(
                &format!("/punktlistor/{id}/publicera"),
                &[("unit", &livs.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);

        // Only the unit's manager, or a manager above it, acknowledges.
        let acknowledge = format!("/punktlistor/{id}/kvittera/{livs}");
        let r = bd.post(&acknowledge, &[]).await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Bara chefen för Livsmedelsenheten kan kvittera punktlistan.")
        );
        let environment = app.signed_in("helena.nystrom@upplands-bro.example").await;
        assert_eq!(environment.post(&acknowledge, &[]).await.status(), 422);
        let food = app.signed_in("oskar.wikstrom@upplands-bro.example").await;
        let (_, overview) = food.text("/oversikt").await;
        assert!(
            overview.contains("Punktlista för livsmedelskontrollen"),
            "{overview}"
        );
        assert_eq!(food.post(&acknowledge, &[]).await.status(), 303);
        let (_, overview) = food.text("/oversikt").await;
        assert!(!overview.contains("Punktlista för livsmedelskontrollen"));
        let list = tenant.checklist(id).await.unwrap();
        assert_eq!(
            list.versions[0].units[0].acknowledged_by.as_deref(),
            Some("Oskar Wikström")
        );

        // A published version stays as acknowledged; changing it drafts version 2.
        let r = bd
            .post(
                &format!("/punktlistor/{id}"),
                &[(
                    "items",
                    "Ring upp samma dag\nLämna visitkort\nSkicka sammanfattning efter besöket",
                )],
            )
            .await;
        assert_eq!(r.status(), 303);
        let list = tenant.checklist(id).await.unwrap();
        assert_eq!(list.versions.len(), 2);
        assert_eq!(list.versions[1].items.len(), 3);
        assert!(list.versions[1].units[0].acknowledged_at.is_some());
        assert_eq!(
            list.versions[0].changes.added,
            ["Skicka sammanfattning efter besöket"]
        );
        assert_eq!(
            list.versions[0].changes.removed,
            ["Förklara avgiften före kontrollen"]
        );
        let (_, page) = bd.text(&format!("/punktlistor/{id}")).await;
        assert!(page.contains("Nya punkter"));
        // The head of the office signs for the unit under it.
        bd.post(
            &format!("/punktlistor/{id}/publicera"),
            &[("unit", &livs.to_string())],
        )
        .await;
        let office = app.signed_in("lena.forsberg@upplands-bro.example").await;
        assert_eq!(office.post(&acknowledge, &[]).await.status(), 303);
        assert_eq!(
            tenant.checklists().await.unwrap()[0].acknowledged,
            1,
            "{}",
            app.backend
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn candidates_are_chosen_by_filters_and_by_hand_with_a_preview() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let livs = unit_id(&tenant, "Livsmedelsenheten").await.to_string();
        let form = |extra: &[(&'static str, &'static str)]| {
            let mut f = vec![
                ("name", "Urvalsprov"),
                ("starts_on", "2027-03-01"),
                ("ends_on", "2027-04-30"),
                ("visits_per_officer", "1"),
                ("unit", livs.as_str()),
            ];
            f.extend_from_slice(extra);
            f
        };
        let r = bd.post("/kampanjer/urval", &form(&[("sni", "52")])).await;
        assert_eq!(r.status(), 200, "{}", app.backend);
        let page = r.text().await.unwrap();
        assert!(page.contains("Urvalet: 6 företag"), "{page}");
        assert!(page.contains("6 handläggare i de valda enheterna behöver 6 besök"));
        assert!(page.contains("Brunna Logistik AB"));

        // A hand-picked line that names no company is named by its line.
        let r = bd
            .post(
                "/kampanjer/urval",
                &form(&[("hand_picked", "Brunna Logistik AB\nFinns Inte AB")]),
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Rad 2: ”Finns Inte AB” finns inte i registret.")
        );
        let r = bd
            .post("/kampanjer/urval", &form(&[("cases_months", "ett år")]))
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Skriv antal månader, 1–120.")
        );
        let r = bd
            .post(
                "/kampanjer/urval",
                &form(&[
                    ("hand_picked", "Brunna Logistik AB"),
                    ("only_hand_picked", "1"),
                ]),
            )
            .await;
        let page = r.text().await.unwrap();
        assert!(page.contains("Urvalet: 1 företag"), "{page}");
        assert!(page.contains("Urvalet räcker inte"));
        // A name written as people write it is matched the way the register's search
        // matches, and the preview shows which company it found.
        let r = bd
            .post(
                "/kampanjer/urval",
                &form(&[
                    ("hand_picked", "brunna logistik"),
                    ("only_hand_picked", "1"),
                ]),
            )
            .await;
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Urvalet: 1 företag") && page.contains("Brunna Logistik AB"),
            "{page}"
        );

        // Each filter narrows the register as it says.
        let all = tenant
            .select_companies(&lots_store::Selection::default())
            .await
            .unwrap();
        let unvisited = tenant
            .select_companies(&lots_store::Selection {
                not_visited_months: Some(24),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            all.len() - unvisited.len(),
            50,
            "the spring campaign's 50 companies"
        );
        let with_cases = tenant
            .select_companies(&lots_store::Selection {
                cases_within_months: Some(120),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(!with_cases.is_empty() && with_cases.len() < all.len());
        let dissatisfied = tenant
            .select_companies(&lots_store::Selection {
                low_satisfaction: true,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(dissatisfied.len() < all.len());
        assert!(
            dissatisfied
                .iter()
                .all(|c| matches!(c.why, lots_store::Why::LowSatisfaction(_)) && c.priority == 80),
            "{dissatisfied:?}"
        );
        let picked = tenant
            .select_companies(&lots_store::Selection {
                hand_picked: "Brunna Logistik AB".into(),
                new_within_months: Some(1),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(
            (picked[0].name.as_str(), picked[0].priority),
            ("Brunna Logistik AB", 90)
        );
        assert_eq!(
            picked.len(),
            all.len(),
            "the demo's companies came into the register now"
        );

        // The campaign keeps its candidates with their priorities; an officer's working day
        // must hold a visit, and their home area is what the plan weighs travel from.
        let r = bd
            .post(
                "/kampanjer",
                &form(&[("sni", "52"), ("hand_picked", "Brunna Logistik AB")]),
            )
            .await;
        assert_eq!(r.status(), 303);
        let id: i64 = location(&r)
            .trim_start_matches("/kampanjer/")
            .parse()
            .unwrap();
        let terms = tenant.officer_terms(id).await.unwrap();
        assert_eq!(terms.len(), 6);
        let officer = terms[0].user_id.to_string();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/arbetstid"),
                &[
                    ("terms_user", &officer),
                    ("day_starts", "16:00"),
                    ("day_ends", "16:30"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("ska rymma ett besök på 90 minuter")
        );
        let area = tenant.areas().await.unwrap()[0].clone();
        let r = bd
            .post(
                &format!("/kampanjer/{id}/arbetstid"),
                &[
                    ("terms_user", &officer),
                    ("day_starts", "07:30"),
                    ("day_ends", "15:00"),
                    ("home_area", &area.id.to_string()),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let terms = tenant.officer_terms(id).await.unwrap();
        assert_eq!(
            (terms[0].day_starts, terms[0].home_area.as_deref()),
            (jiff::civil::time(7, 30, 0, 0), Some(area.name.as_str()))
        );
        assert!(tenant.plan_campaign(id).await.is_ok());
        let (_, page) = bd.text(&format!("/kampanjer/{id}?del=plan")).await;
        assert!(page.contains("07:30–15:00"), "{}", app.backend);
        app.stop().await;
    }
}

/// A selection is read from the register a page at a time, and one wider than any campaign
/// visits is refused with the advice to narrow it, instead of loading the register whole.
#[tokio::test]
async fn a_selection_wider_than_any_campaign_is_refused() {
    let dir = std::env::temp_dir().join(format!("lots-wide-{}", lots_store::secret::new_token()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("register.csv");
    let generated = crate::companies::lots(
        &[
            "generate",
            "companies",
            "--count",
            "6000",
            "--invalid-every",
            "0",
            "--output",
            file.to_str().unwrap(),
        ],
        &format!("sqlite://{}/unused.db", dir.display()),
    );
    assert!(generated.status.success());
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first = dir.join("first.csv");
    std::fs::write(&first, lines[..4001].join("\n")).unwrap();
    let rest = dir.join("rest.csv");
    std::fs::write(&rest, [&lines[..1], &lines[4001..]].concat().join("\n")).unwrap();
    let options = lots_store::ImportOptions {
        on_duplicate: lots_store::OnDuplicate::Update,
        all_or_nothing: true,
        dry_run: false,
        mapping: Vec::new(),
        sheet: None,
    };
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let import = |path: std::path::PathBuf| {
            let (tenant, options) = (&tenant, &options);
            async move {
                let file = std::fs::File::open(path).unwrap();
                let report = tenant
                    .import_companies_file(file, options, "test", &|_| ())
                    .await
                    .unwrap();
                assert!(report.rejects.is_empty(), "{:?}", report.rejects);
            }
        };
        let demo = tenant
            .select_companies(&lots_store::Selection::default())
            .await
            .unwrap()
            .len();
        import(first.clone()).await;
        let all = tenant
            .select_companies(&lots_store::Selection::default())
            .await
            .unwrap();
        let ids: HashSet<i64> = all.iter().map(|c| c.id).collect();
        assert_eq!(
            (all.len(), ids.len()),
            (demo + 4000, demo + 4000),
            "every page read once, none skipped ({})",
            app.backend
        );

        import(rest.clone()).await;
        let wide = tenant
            .select_companies(&lots_store::Selection::default())
            .await;
        match wide {
            Err(lots_store::StoreError::Field(f, m)) => {
                assert_eq!(f, "companies");
                assert_eq!(m.id, "the-selection-is-too-wide");
            }
            other => panic!("a selection of 6 000 companies: {other:?}"),
        }
        let brunna = tenant
            .areas()
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.name == "Brunna")
            .unwrap();
        let narrowed = tenant
            .select_companies(&lots_store::Selection {
                companies: lots_store::CompanyFilter {
                    area_id: Some(brunna.id),
                    ..Default::default()
                },
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(!narrowed.is_empty() && narrowed.len() <= brunna.companies as usize);

        // The preview says so beside the selection's fields.
        let bd = app.signed_in(BD).await;
        let r = bd.post("/kampanjer/urval", &[("name", "Alla")]).await;
        assert_eq!(r.status(), 422);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Urvalet ger fler än 5 000 företag.")
        );
        app.stop().await;
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The visit record asks each thing once: what the campaign's battery asks (the company's
/// challenges, development areas, support needed) is not asked again as a note, and the
/// battery's answer is what the report groups under its heading.
#[tokio::test]
async fn a_visit_record_asks_each_thing_once() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        tenant.install_standard_batteries().await.unwrap();
        let battery = tenant
            .batteries()
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.code == "foretagsbesok")
            .and_then(|b| b.published)
            .unwrap()
            .0;
        let id = logistics_campaign(&tenant, "Besök med frågebatteriet", Some(battery)).await;
        tenant.plan_campaign(id).await.unwrap();
        let visit = tenant.campaign_visits(id).await.unwrap().remove(0);
        let bd = app.signed_in(BD).await;
        let path = format!("/kampanjer/{id}/besok/{}", visit.id);
        let (_, page) = bd.text(&path).await;
        assert!(page.contains("name=\"notes\"") && page.contains("name=\"q_challenges\""));
        for twice in [
            "name=\"challenges\"",
            "name=\"development\"",
            "name=\"needs\"",
        ] {
            assert!(
                !page.contains(twice),
                "{twice} is asked twice on {}",
                app.backend
            );
        }
        let r = bd
            .post(
                &path,
                &[
                    ("notes", "Bra samtal om lagret"),
                    ("q_challenges", "Svårt att hitta lagerpersonal"),
                    ("challenges", "ett gammalt fält som inte finns på sidan"),
                    ("kind", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", app.backend);
        let (notes, _, challenges, _) = tenant.visit_notes(visit.id).await.unwrap();
        assert_eq!(notes, "Bra samtal om lagret");
        assert_eq!(challenges, "Svårt att hitta lagerpersonal");
        app.stop().await;
    }
}
