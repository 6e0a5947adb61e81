//! The seed's spring campaign in the demo: every case officer of Samhällsbyggnadskontoret
//! visits two companies in March and April, 50 visits in all, each booked on a working day,
//! recorded with the battery's answers and what the company said, referrals to the traffic
//! network in Brunna, to Kompetensmässan and to the building permit unit, issues to come back
//! on, the follow-up survey that gave full marks, and the checklist the offices took from it.

use std::collections::HashMap;

use anyhow::Context;

use lots_domain::battery::Answer;
use lots_store::{Db, NewCampaign, NewFeedback, NewReferral, Tenant, VisitRecord};

use super::activities::{FAIR, TRAFFIC_NETWORK};
use super::staff::{BYGG, DOMAIN, LIVS, MILJO, SBK, email};

pub const SPRING_CAMPAIGN: &str = "Vårens företagsbesök 2026";

const NEEDS: &[&str] = &[
    "Kompetensförsörjning: svårt att hitta lagerpersonal med truckkort.",
    "Större lokaler inom två år.",
    "Snabbare besked om bygglov för tillbyggnad.",
    "Bättre kollektivtrafik till arbetsplatsen tidigt på morgonen.",
    "Kontakt med skolorna om praktikplatser.",
];
const CHALLENGES: &[&str] = &[
    "Trafiken vid rondellen i Brunna på morgonen.",
    "Svårt att veta vem på kommunen man ska ringa.",
    "Långa handläggningstider förra året.",
    "Höga energikostnader.",
];

pub async fn load(db: &Db, tenant: &Tenant<'_>) -> anyhow::Result<()> {
    let existing = tenant
        .campaigns()
        .await?
        .into_iter()
        .find(|c| c.name == SPRING_CAMPAIGN);
    let id = match existing {
        Some(c) => c.id,
        None => match spring_campaign(tenant).await? {
            Some(id) => id,
            None => return Ok(()),
        },
    };
    checklist(db, tenant, id).await
}

/// The checklist the offices took from the campaign: the suggestion from its findings and
/// one point of their own, published to the three units; two managers have acknowledged.
async fn checklist(db: &Db, tenant: &Tenant<'_>, campaign: i64) -> anyhow::Result<()> {
    if tenant
        .checklists()
        .await?
        .iter()
        .any(|c| c.campaign_id == Some(campaign))
    {
        return Ok(());
    }
    let mut items = tenant.suggest_checklist(campaign).await?;
    items.push(
        "Boka ett uppföljande besök inom ett år hos de företag som fick återkoppling.".into(),
    );
    let id = tenant
        .create_checklist(
            "Punktlista efter vårens företagsbesök",
            Some(campaign),
            &items.join("\n"),
        )
        .await?;
    let mut units = Vec::new();
    for name in [BYGG, MILJO, LIVS] {
        if let Some(u) = tenant.unit_by_name(name).await? {
            units.push(u.id);
        }
    }
    tenant
        .publish_checklist(id, &units, "Lena Forsberg")
        .await?;
    for (first, last, unit) in [("Per", "Sandberg", BYGG), ("Helena", "Nyström", MILJO)] {
        let manager = db.user_by_email(&email(first, last, DOMAIN)).await?;
        let unit = tenant.unit_by_name(unit).await?;
        if let (Some(manager), Some(unit)) = (manager, unit) {
            tenant
                .acknowledge_checklist(id, unit.id, manager.id)
                .await?;
        }
    }
    Ok(())
}

/// Creates, plans, books, records and closes the spring campaign; `None` when the demo's
/// office is missing.
async fn spring_campaign(tenant: &Tenant<'_>) -> anyhow::Result<Option<i64>> {
    let Some(sbk) = tenant.unit_by_name(SBK).await? else {
        return Ok(None);
    };
    let id = tenant
        .create_campaign(
            &NewCampaign {
                name: SPRING_CAMPAIGN.into(),
                purpose: "50 besök på två månader: varje handläggare besöker två företag med frågebatteriet, \
                          hjälper till på plats och ser till att företaget får svar."
                    .into(),
                starts_on: Some(jiff::civil::date(2026, 3, 2)),
                ends_on: Some(jiff::civil::date(2026, 4, 30)),
                visits_per_officer: Some(2),
                unit_ids: vec![sbk.id],
                ..Default::default()
            },
            "Sara Holmberg",
        )
        .await?;
    tenant
        .plan_campaign(id)
        .await
        .context("the demo campaign has no plan")?;
    let days = lots_domain::holidays::working_days("2026-03-02".parse()?, "2026-04-30".parse()?);
    let network = tenant
        .networks()
        .await?
        .into_iter()
        .find(|n| n.name == TRAFFIC_NETWORK)
        .map(|n| n.id);
    let fair = tenant.events().await?.into_iter().find(|e| e.name == FAIR);
    let fair_companies: Vec<i64> = match &fair {
        Some(f) => tenant
            .participants(f.id)
            .await?
            .iter()
            .filter_map(|p| p.company_id)
            .collect(),
        None => Vec::new(),
    };
    let bygglov = tenant.unit_by_name("Bygglovsenheten").await?.map(|u| u.id);
    let logistics: Vec<i64> = match network {
        Some(n) => tenant
            .network_members(n)
            .await?
            .iter()
            .filter_map(|m| m.company_id)
            .collect(),
        None => Vec::new(),
    };
    let visits = tenant.campaign_visits(id).await?;
    let mut per_officer: HashMap<i64, usize> = HashMap::new();
    for (n, v) in visits.iter().enumerate() {
        let nth = per_officer.entry(v.officer_user_id).or_default();
        let day = days[(n * 3 + *nth * 17) % days.len()].to_string();
        let time = if *nth == 0 { "09:00" } else { "13:00" };
        *nth += 1;
        let starts = lots_domain::events::local_time(&day, time).unwrap_or_default();
        tenant.book_visit(v.id, Some(starts), 0, false).await?;
        let referral = if logistics.contains(&v.company_id) {
            network.map(|n| ("network", n))
        } else if fair_companies.contains(&v.company_id) {
            fair.as_ref().map(|f| ("event", f.id))
        } else if n % 4 == 0 {
            bygglov.map(|u| ("unit", u))
        } else {
            None
        };
        let referral = referral.map(|(kind, target)| NewReferral {
            kind: kind.parse().ok(),
            target_id: Some(target),
            owner_user_id: Some(v.officer_user_id),
            due_on: Some(jiff::civil::date(2026, 5, 29)),
        });
        let feedback = if n % 5 == 0 {
            vec![NewFeedback {
                issue: "Vill veta när detaljplanen för området blir klar.".into(),
                owner_user_id: Some(v.officer_user_id),
                // One promise not yet kept, for the overdue list.
                due_on: Some(if n == 0 {
                    jiff::civil::date(2026, 11, 20)
                } else {
                    jiff::civil::date(2026, 5, 15)
                }),
            }]
        } else {
            Vec::new()
        };
        tenant
            .record_visit(
                v.id,
                &VisitRecord {
                    answers: visit_answers(n),
                    notes: format!("Besök {day}: bra samtal med ledningen."),
                    needs: NEEDS[n % NEEDS.len()].into(),
                    challenges: CHALLENGES[n % CHALLENGES.len()].into(),
                    development: String::new(),
                    feedback,
                },
                referral.as_ref(),
                &v.officer_name,
            )
            .await?;
    }
    // Every promise but the first was kept.
    for item in tenant
        .feedback(lots_store::FeedbackScope::Campaign(id))
        .await?
    {
        if item.due_on != jiff::civil::date(2026, 11, 20) {
            tenant
                .complete_feedback(item.id, "Svar per telefon med tidplanen.")
                .await?;
        }
    }
    // The follow-up survey went out as the visits ended, and gave full marks.
    if let Some(round) = tenant.campaign(id).await?.follow_up_round_id {
        for invitation in tenant.invitations(round).await? {
            let answers = HashMap::from([
                ("overall".to_string(), Answer::Number(6)),
                ("helped".to_string(), Answer::YesNo(true)),
                ("nps".to_string(), Answer::Number(10)),
            ]);
            tenant.enter_phone_answer(invitation.id, &answers).await?;
        }
        let opens = jiff::civil::date(2026, 5, 4);
        tenant
            .set_round_period(round, (opens, jiff::civil::date(2026, 5, 29)))
            .await?;
    }
    tenant.close_campaign(id).await?;
    Ok(Some(id))
}

/// The battery's answers of the nth visit: mostly satisfied companies, as in the seed.
fn visit_answers(n: usize) -> HashMap<String, Answer> {
    let contacts = ["bygglov", "miljo", "livsmedel", "naringsliv", "brandskydd"];
    let support = ["kompetens", "lokaler", "tillstand", "natverk", "trafik"];
    let grade = |offset: usize| Answer::Number(4 + ((n + offset) % 3) as i64);
    HashMap::from([
        (
            "contacts".to_string(),
            Answer::Choices(vec![
                contacts[n % contacts.len()].into(),
                contacts[(n + 2) % contacts.len()].into(),
            ]),
        ),
        ("f_bemotande".to_string(), grade(2)),
        ("f_tillganglighet".to_string(), grade(1)),
        ("f_information".to_string(), grade(0)),
        ("nki_overall".to_string(), grade(2)),
        ("nki_expectations".to_string(), grade(1)),
        ("nki_ideal".to_string(), grade(0)),
        (
            "support".to_string(),
            Answer::Choices(vec![support[n % support.len()].into()]),
        ),
        (
            "wants_contact".to_string(),
            Answer::YesNo(n.is_multiple_of(3)),
        ),
    ])
}
