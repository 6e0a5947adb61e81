//! Visit campaigns: a campaign whose filters find fewer companies than visits is refused
//! with the numbers; the plan gives every officer exactly their visits, never a pair with a
//! registered conflict of interest, explains each pair, and says which officer makes a plan
//! impossible; planned visits are on the companies' timelines.

use std::collections::HashSet;

use crate::BD;
use crate::support::{TestApp, location};

#[tokio::test]
async fn an_optimal_plan_that_respects_conflicts_of_interest() {
    for app in TestApp::each_with_demo().await {
        let tenant = app.db.tenant("0139").await.unwrap();
        let bd = app.signed_in(BD).await;
        let livs = tenant
            .unit_by_name("Livsmedelsenheten")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
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
        assert!(visits.iter().all(|v| v.explanation.contains(" besöker ")));
        assert_eq!(tenant.campaign(id).await.unwrap().status, "planned");
        let (status, page) = bd.text(&format!("/kampanjer/{id}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Närstående äger företaget") && page.contains("Brunna Logistik AB"));
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
            (kept.officer_user_id, kept.status.as_str()),
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
            .set_visit_status(booked.id, "cancelled")
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
            .find(|v| v.status == "planned")
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
        assert_eq!(tenant.visit(visit.id).await.unwrap().status, "done");
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
