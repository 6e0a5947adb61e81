//! Networks, events and training in the demo, as the seed tells it: the traffic network in
//! Brunna with the logistics companies, Kompetensmässan full with a waiting list (one place
//! given up and taken by the first waiting), a breakfast meeting that has been, the staff
//! network across offices, and the training in service and treatment of over 100 staff of
//! Samhällsbyggnadskontoret.

use lots_domain::events::local_time;
use lots_store::{Db, NewEvent, NewUser, Tenant, Walkin};

use super::staff::{DOMAIN, SBK};

pub const TRAFFIC_NETWORK: &str = "Trafiknätverket i Brunna";
pub const STAFF_NETWORK: &str = "Näringslivsnätverket";
pub const FAIR: &str = "Kompetensmässan";
pub const COURSE: &str = "Service och bemötande";

/// Fictional staff of Samhällsbyggnadskontoret beyond the demo's named accounts: they
/// cannot sign in (no password), but they are staff whose training counts.
const FIRST: &[&str] = &[
    "Anna", "Erik", "Maria", "Per", "Sofia", "Karl", "Emma", "Anders", "Sara", "Mikael", "Hanna",
    "Jonas", "Elin", "Fredrik", "Ida", "Magnus", "Lina", "Daniel", "Amira", "Viktor",
];
const LAST: &[&str] = &[
    "Lund",
    "Holmqvist",
    "Nyberg",
    "Dahl",
    "Forsberg",
    "Engström",
    "Sjögren",
    "Åkesson",
    "Blom",
    "Falk",
    "Hedlund",
    "Wallin",
];
/// (unit, title, how many).
const EXTRA_STAFF: &[(&str, &str, usize)] = &[
    (SBK, "Planarkitekt", 14),
    ("Bygglovsenheten", "Bygglovshandläggare", 30),
    ("Miljö- och hälsoskyddsenheten", "Miljöinspektör", 28),
    ("Livsmedelsenheten", "Livsmedelsinspektör", 24),
];

/// The working day `offset_days` from today, or the nearest one further from today: events,
/// meetings and training fall on working days, never on a weekend or julafton.
fn day(offset_days: i64) -> jiff::civil::Date {
    let today = lots_store::today();
    let step = if offset_days < 0 { -1 } else { 1 };
    let mut day = today
        .checked_add(jiff::Span::new().days(offset_days))
        .unwrap_or(today);
    while !lots_domain::holidays::is_working_day(day) {
        day = day.checked_add(jiff::Span::new().days(step)).unwrap_or(day);
    }
    day
}

pub async fn load(db: &Db, tenant: &Tenant<'_>) -> anyhow::Result<()> {
    if tenant
        .networks()
        .await?
        .iter()
        .any(|n| n.name == TRAFFIC_NETWORK)
    {
        return Ok(());
    }
    let owner = db
        .user_by_email(&format!("sara.holmberg@{DOMAIN}"))
        .await?
        .map(|u| u.id);
    networks(tenant, owner).await?;
    events(tenant).await?;
    training(db, tenant).await?;
    Ok(())
}

async fn networks(tenant: &Tenant<'_>, owner: Option<i64>) -> anyhow::Result<()> {
    let traffic = tenant
        .create_network(
            TRAFFIC_NETWORK,
            Some(lots_domain::networks::NetworkKind::External),
            "Logistikföretagen i Brunna och kommunen löser trafik, parkering och angöring tillsammans.",
            owner,
        )
        .await?;
    let mut members = Vec::new();
    for (i, (name, _, _)) in super::companies::BRUNNA_LOGISTICS.iter().enumerate() {
        let Some(company) = tenant.find_company(name).await? else {
            continue;
        };
        let contact = tenant.contacts(company).await?.first().map(|c| c.id);
        let joined = day(-300 + i as i64 * 20);
        members.push(
            tenant
                .add_network_member(traffic, Some(company), contact, None, Some(joined))
                .await?,
        );
    }
    let agenda = "1. Trafiksituationen vid infarten\n2. Lastzoner och uppställning\n3. Nästa möte";
    let first = tenant
        .record_meeting(
            traffic,
            Some(day(-120)),
            "Brunna Logistik AB, konferensrummet",
            agenda,
            "Köerna vid infarten är värst 06–08. Kommunen ser över signalregleringen.",
            &members[..members.len().min(6)],
        )
        .await?;
    if let Some(owner) = owner {
        tenant
            .add_action(
                first,
                "Begära trafikmätning vid infarten",
                Some(owner),
                Some(day(-60)),
            )
            .await?;
    }
    let second = tenant
        .record_meeting(
            traffic,
            Some(day(-30)),
            "Brunna Terminal AB",
            "1. Resultat av trafikmätningen\n2. Gemensam lastzon",
            "Mätningen bekräftar köerna. Förslag på gemensam lastzon tas fram.",
            &members,
        )
        .await?;
    if let Some(owner) = owner {
        tenant
            .add_action(
                second,
                "Förslag på gemensam lastzon till nästa möte",
                Some(owner),
                Some(day(30)),
            )
            .await?;
    }
    let internal = tenant
        .create_network(
            STAFF_NETWORK,
            Some(lots_domain::networks::NetworkKind::Internal),
            "Medarbetare från alla kontor som möter företag utvecklar servicen tillsammans.",
            owner,
        )
        .await?;
    let staff = tenant
        .staff(&lots_store::StaffFilter {
            page: 1,
            per_page: 40,
            status: Some(lots_store::UserStatus::Active),
            ..Default::default()
        })
        .await?;
    let mut staff_members = Vec::new();
    for user in staff.items.iter().step_by(3) {
        staff_members.push(
            tenant
                .add_network_member(internal, None, None, Some(user.id), Some(day(-200)))
                .await?,
        );
    }
    tenant
        .record_meeting(
            internal,
            Some(day(-14)),
            "Kommunhuset, Kungsängen",
            "Punktlistan från företagsbesöken",
            "Kontoren tar med sig punktlistan; uppföljning i nästa möte.",
            &staff_members,
        )
        .await?;
    Ok(())
}

async fn events(tenant: &Tenant<'_>) -> anyhow::Result<()> {
    let at = |offset: i64, time: &str| local_time(&day(offset).to_string(), time);
    let fair = tenant
        .create_event(
            &NewEvent {
                name: FAIR.into(),
                kind: Some(lots_domain::events::EventKind::Fair),
                description: "Företagen i Upplands-Bro möter skolor, arbetssökande och varandra."
                    .into(),
                place: "Bro Centrum, Torget 1".into(),
                audience: "Alla företag i kommunen".into(),
                starts_at: at(21, "09:00"),
                ends_at: at(21, "15:00"),
                capacity: Some(20),
            },
            "Sara Holmberg",
        )
        .await?;
    // Twenty-five companies with a contact person register through their links; the last
    // five land on the waiting list, and one confirmed gives up the place.
    let page = tenant
        .companies(&lots_store::CompanyFilter {
            status: Some(lots_store::CompanyStatus::Active),
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await?;
    let mut with_contact = Vec::new();
    for c in &page.items {
        if tenant
            .contacts(c.id)
            .await?
            .iter()
            .any(|k| !k.email.is_empty())
        {
            with_contact.push(c.id);
        }
        if with_contact.len() == 25 {
            break;
        }
    }
    let invited = tenant
        .invite_to_event(fair, &with_contact, "Sara Holmberg")
        .await?;
    for p in &invited.participant_ids {
        tenant.register(*p, None).await?;
    }
    if let Some(first) = invited.participant_ids.get(3) {
        tenant.cancel_participation(*first).await?;
    }

    let breakfast = tenant
        .create_event(
            &NewEvent {
                name: "Frukostmöte: detaljplanen för Brunna".into(),
                kind: Some(lots_domain::events::EventKind::Breakfast),
                description: "Planarkitekterna berättar om detaljplanen och svarar på frågor."
                    .into(),
                place: "Kommunhuset, Kungsängen".into(),
                audience: "Företag i Brunna".into(),
                starts_at: at(-45, "07:30"),
                ends_at: at(-45, "09:00"),
                capacity: Some(40),
            },
            "Sara Holmberg",
        )
        .await?;
    for (i, (name, _, _)) in super::companies::BRUNNA_LOGISTICS.iter().enumerate() {
        let Some(company) = tenant.find_company(name).await? else {
            continue;
        };
        let Some(contact) = tenant.contacts(company).await?.into_iter().next() else {
            continue;
        };
        let (pid, _) = tenant
            .register_walkin(
                breakfast,
                &Walkin {
                    company_id: Some(company),
                    contact_id: Some(contact.id),
                    ..Default::default()
                },
                "Sara Holmberg",
            )
            .await?;
        if i % 4 != 3 {
            tenant.check_in(breakfast, pid, true).await?;
        }
    }
    Ok(())
}

async fn training(db: &Db, tenant: &Tenant<'_>) -> anyhow::Result<()> {
    let mut n = 0;
    for (unit, title, count) in EXTRA_STAFF {
        let unit_id = tenant.unit_by_name(unit).await?.map(|u| u.id);
        for _ in 0..*count {
            let first = FIRST[n % FIRST.len()];
            // Distinct pairs of names for the first 240.
            let last = LAST[(n / FIRST.len() + n * 5) % LAST.len()];
            n += 1;
            let email = super::staff::email(first, &format!("{last}{n}"), DOMAIN);
            if db.user_by_email(&email).await?.is_some() {
                continue;
            }
            tenant
                .create_user(NewUser {
                    email: &email,
                    name: &format!("{first} {last}"),
                    title,
                    unit_id,
                    roles: &[lots_domain::Role::ReadOnly],
                    password_hash: None,
                    language: lots_i18n::Lang::Sv,
                })
                .await?;
        }
    }
    let course = tenant
        .create_course(
            COURSE,
            "Hur vi möter företagen: lätt att göra rätt, enkelt och begripligt språk.",
            "Näringsliv, Kommunikation och Kontaktcenter",
        )
        .await?;
    let sbk = tenant
        .unit_by_name(SBK)
        .await?
        .map(|u| u.id)
        .ok_or_else(|| anyhow::anyhow!("the demo lacks {SBK}"))?;
    let session = tenant
        .create_training_session(
            course,
            local_time(&day(-21).to_string(), "13:00"),
            "Kommunhuset, Kungsängen, stora salen",
            "Näringslivsenheten, Kommunikationsenheten och Kontaktcenter",
        )
        .await?;
    tenant.invite_units_to_training(session, &[sbk]).await?;
    // Most came; one in nine was away.
    let present: Vec<i64> = tenant
        .trainees(session)
        .await?
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 9 != 4)
        .map(|(_, t)| t.user_id)
        .collect();
    tenant.record_training_attendance(session, &present).await?;
    // The contact centre took the course the year before.
    if let Some(kc) = tenant.unit_by_name("Kontaktcenter").await? {
        let earlier = tenant
            .create_training_session(
                course,
                local_time(&day(-300).to_string(), "09:00"),
                "Kontaktcenter",
                "Näringslivsenheten",
            )
            .await?;
        tenant.invite_units_to_training(earlier, &[kc.id]).await?;
        let all: Vec<i64> = tenant
            .trainees(earlier)
            .await?
            .iter()
            .map(|t| t.user_id)
            .collect();
        tenant.record_training_attendance(earlier, &all).await?;
    }
    Ok(())
}
