//! The demo: Upplands-Bro (0139) as the seed article tells it, with fictional people.
//! Loading is idempotent: a second run finds the demo in place and changes nothing.

use lots_domain::{Role, reference};
use lots_store::{Db, NewUnit, NewUser, Tenant, UnitKind, secret::hash_password};

pub const MUNICIPALITY: &str = "0139";
pub const DOMAIN: &str = "upplands-bro.example";
pub const ORGANISER: &str = "Stockholm Business Alliance";

/// Who can sign in to the demo, for the start-up message.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub name: String,
    pub role: &'static str,
}

struct Person {
    first: &'static str,
    last: &'static str,
    title: &'static str,
    unit: &'static str,
    roles: &'static [Role],
}

const fn p(
    first: &'static str,
    last: &'static str,
    title: &'static str,
    unit: &'static str,
    roles: &'static [Role],
) -> Person {
    Person {
        first,
        last,
        title,
        unit,
        roles,
    }
}

use Role::*;

const CKO: &str = "Kommunledningskontoret";
const NL: &str = "Näringslivsenheten";
const KC: &str = "Kontaktcenter";
const KOM: &str = "Kommunikationsenheten";
const IT: &str = "IT-enheten";
pub(crate) const SBK: &str = "Samhällsbyggnadskontoret";
pub(crate) const BYGG: &str = "Bygglovsenheten";
pub(crate) const MILJO: &str = "Miljö- och hälsoskyddsenheten";
pub(crate) const LIVS: &str = "Livsmedelsenheten";

/// Units: (name, kind, parent).
const UNITS: &[(&str, UnitKind, Option<&str>)] = &[
    (CKO, UnitKind::Kontor, None),
    (NL, UnitKind::Enhet, Some(CKO)),
    (KC, UnitKind::Enhet, Some(CKO)),
    (KOM, UnitKind::Enhet, Some(CKO)),
    (IT, UnitKind::Enhet, Some(CKO)),
    (SBK, UnitKind::Kontor, None),
    (BYGG, UnitKind::Enhet, Some(SBK)),
    (MILJO, UnitKind::Enhet, Some(SBK)),
    (LIVS, UnitKind::Enhet, Some(SBK)),
];

/// Fictional staff. The business developer comes first: the README names that account.
const PEOPLE: &[Person] = &[
    p(
        "Sara",
        "Holmberg",
        "Näringslivsutvecklare",
        NL,
        &[BusinessDevelopment],
    ),
    p(
        "Johan",
        "Ekström",
        "Näringslivschef",
        NL,
        &[BusinessDevelopment, Manager],
    ),
    p(
        "Maja",
        "Lindqvist",
        "Systemförvaltare",
        IT,
        &[Administrator],
    ),
    p("Lena", "Forsberg", "Samhällsbyggnadschef", SBK, &[Manager]),
    p("Per", "Sandberg", "Bygglovschef", BYGG, &[Manager]),
    p("Helena", "Nyström", "Miljöchef", MILJO, &[Manager]),
    p("Oskar", "Wikström", "Livsmedelschef", LIVS, &[Manager]),
    p(
        "Ahmed",
        "Hassan",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Elin",
        "Bergqvist",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Mikael",
        "Sundin",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Sofia",
        "Lundgren",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p("David", "Åberg", "Bygglovsarkitekt", BYGG, &[CaseOfficer]),
    p("Emma", "Öberg", "Bygglovshandläggare", BYGG, &[CaseOfficer]),
    p(
        "Viktor",
        "Hedlund",
        "Byggnadsinspektör",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Amanda",
        "Björklund",
        "Byggnadsinspektör",
        BYGG,
        &[CaseOfficer],
    ),
    p(
        "Jonas",
        "Engström",
        "Bygglovshandläggare",
        BYGG,
        &[CaseOfficer],
    ),
    p("Fatima", "Ali", "Bygglovshandläggare", BYGG, &[CaseOfficer]),
    p("Karin", "Sjögren", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Erik", "Norberg", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Linnea", "Strand", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p(
        "Marcus",
        "Blom",
        "Miljö- och hälsoskyddsinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p(
        "Ida",
        "Håkansson",
        "Miljö- och hälsoskyddsinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p(
        "Niklas",
        "Vikström",
        "Miljöinspektör",
        MILJO,
        &[CaseOfficer],
    ),
    p("Hanna", "Ek", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Samir", "Yilmaz", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p("Therese", "Dahl", "Miljöinspektör", MILJO, &[CaseOfficer]),
    p(
        "Gustav",
        "Falk",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Nora",
        "Lindberg",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Leo",
        "Strömberg",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Alva",
        "Mattsson",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Isak",
        "Berglund",
        "Livsmedelsinspektör",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Wilma",
        "Persson",
        "Handläggare serveringstillstånd",
        LIVS,
        &[CaseOfficer],
    ),
    p(
        "Moa",
        "Jakobsson",
        "Kundtjänsthandläggare",
        KC,
        &[ContactCentre],
    ),
    p(
        "Ali",
        "Rahimi",
        "Kundtjänsthandläggare",
        KC,
        &[ContactCentre],
    ),
    p(
        "Tove",
        "Lind",
        "Kontaktcenterchef",
        KC,
        &[ContactCentre, Manager],
    ),
    p("Felix", "Holm", "Kommunikatör", KOM, &[ReadOnly]),
    p(
        "Ebba",
        "Nordin",
        "Kommunikationschef",
        KOM,
        &[ReadOnly, Manager],
    ),
];

pub(crate) fn email(first: &str, last: &str, domain: &str) -> String {
    let ascii = |s: &str| {
        s.to_lowercase()
            .replace(['å', 'ä'], "a")
            .replace('ö', "o")
            .replace('é', "e")
    };
    format!("{}.{}@{domain}", ascii(first), ascii(last))
}

fn label(role: Role) -> &'static str {
    role.label_sv()
}

/// Loads the demo into `db` (migrated), or leaves an existing demo as it is. Returns the
/// sign-in e-mails, the business developer first.
pub async fn load(db: &Db, password: &str) -> anyhow::Result<Vec<DemoLogin>> {
    let tenant = db.host_municipality(MUNICIPALITY).await?;
    let tenant: Tenant<'_> = db.tenant(&tenant.code).await?;
    // One hash for every demo account: they share a password by design, and hashing three
    // dozen times would make the first start of the demo slow.
    let hash = tokio::task::spawn_blocking({
        let password = password.to_string();
        move || hash_password(&password)
    })
    .await?;

    for (name, kind, parent) in UNITS {
        if tenant.unit_by_name(name).await?.is_none() {
            let parent_id = match parent {
                Some(p) => tenant.unit_by_name(p).await?.map(|u| u.id),
                None => None,
            };
            tenant
                .create_unit(NewUnit {
                    name,
                    kind: *kind,
                    parent_id,
                })
                .await?;
        }
    }

    let mut logins = Vec::new();
    for person in PEOPLE {
        let address = email(person.first, person.last, DOMAIN);
        let name = format!("{} {}", person.first, person.last);
        if db.user_by_email(&address).await?.is_none() {
            let unit = tenant.unit_by_name(person.unit).await?.map(|u| u.id);
            tenant
                .create_user(NewUser {
                    email: &address,
                    name: &name,
                    title: person.title,
                    unit_id: unit,
                    roles: person.roles,
                    password_hash: Some(hash.clone()),
                    language: "sv",
                })
                .await?;
        }
        logins.push(DemoLogin {
            email: address,
            name,
            role: label(person.roles[0]),
        });
    }

    // A regional organiser measuring the county's municipalities side by side. The real
    // alliance has members beyond Stockholms län; the demo keeps to the county.
    let organiser = match db.organiser_by_name(ORGANISER).await? {
        Some(o) => o,
        None => {
            let members: Vec<String> = reference::municipalities()
                .iter()
                .filter(|m| m.county_code == "01")
                .map(|m| m.code.clone())
                .collect();
            db.create_organiser(ORGANISER, "regional", &members).await?
        }
    };
    let organiser_email = email("Elias", "Sjöberg", "sba.example");
    if db.user_by_email(&organiser_email).await?.is_none() {
        db.create_organiser_user(
            organiser.id,
            NewUser {
                email: &organiser_email,
                name: "Elias Sjöberg",
                title: "Analytiker",
                unit_id: None,
                roles: &[Role::Organiser],
                password_hash: Some(hash.clone()),
                language: "sv",
            },
        )
        .await?;
    }
    crate::demo_companies::load(&tenant).await?;
    crate::demo_surveys::load(db, &tenant).await?;
    crate::demo_cases::load(&tenant).await?;
    // The Insikt survey that followed the cases closed before this month.
    lots_jobs::send_case_surveys(db, &lots_store::today()).await?;
    crate::demo_contacts::load(&tenant).await?;
    crate::demo_faults::load(&tenant).await?;
    crate::demo_activities::load(db, &tenant).await?;
    crate::demo_campaigns::load(db, &tenant).await?;
    logins.push(DemoLogin {
        email: organiser_email,
        name: "Elias Sjöberg".into(),
        role: label(Role::Organiser),
    });
    Ok(logins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_the_seed_story_with_fictional_people() {
        let case_officers = PEOPLE
            .iter()
            .filter(|p| p.roles.contains(&Role::CaseOfficer))
            .count();
        assert_eq!(case_officers, 25);
        // Nobody named in the seed article appears in the demo.
        for p in PEOPLE {
            for real in ["Barter", "Malm", "Kjos", "Dalqvist"] {
                assert_ne!(p.last, real);
            }
        }
        assert_eq!(
            email("David", "Åberg", DOMAIN),
            "david.aberg@upplands-bro.example"
        );
        for p in PEOPLE {
            assert!(UNITS.iter().any(|(u, _, _)| *u == p.unit), "{}", p.unit);
        }
    }
}
