//! The demo: Upplands-Bro (0139) as the seed article tells it, with fictional people.
//! Loading is idempotent: a second run finds the demo in place and changes nothing.

mod activities;
mod campaigns;
mod cases;
mod companies;
mod contacts;
mod faults;
mod staff;
mod surveys;

use lots_domain::platform::organiser::OrganiserKind;
use lots_domain::{Role, reference};
use lots_store::{Db, NewUnit, NewUser, Tenant, secret::hash_password};
use staff::{PEOPLE, UNITS, email, label};

pub const MUNICIPALITY: &str = "0139";
pub const ORGANISER: &str = "Stockholm Business Alliance";
pub use staff::DOMAIN;

/// Who can sign in to the demo, for the start-up message.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub name: String,
    pub role: String,
}

/// The `lots_meta` key of the day the demo's cases were last dated from.
const CASES_DAY: &str = "demo_cases_day";

/// Loads the demo into `db` (migrated), or leaves an existing demo as it is. Returns the
/// sign-in e-mails, the business developer first.
pub async fn load(db: &Db, password: &str) -> anyhow::Result<Vec<DemoLogin>> {
    let tenant = db.host_municipality(MUNICIPALITY).await?;
    let tenant: Tenant<'_> = db.tenant(&tenant.code).await?;
    // One hash for every demo account: they share a password by design, and hashing three
    // dozen times would make the first start of the demo slow. Once they are all there, no
    // start hashes at all.
    let existing: std::collections::HashSet<String> =
        db.all_users().await?.into_iter().map(|u| u.email).collect();
    let all_there = PEOPLE
        .iter()
        .map(|p| email(p.first, p.last, DOMAIN))
        .chain([email("Elias", "Sjöberg", "sba.example")])
        .all(|e| existing.contains(&e));
    let hash = if all_there {
        String::new()
    } else {
        tokio::task::spawn_blocking({
            let password = password.to_string();
            move || hash_password(&password)
        })
        .await?
    };

    // How the municipality shows itself on the pages and in the e-mails companies get,
    // unless its administrator has set it since.
    if db.face(MUNICIPALITY).await?.face
        == lots_domain::face::Face::of(&tenant.municipality().await?.name)
    {
        tenant
            .set_face(&lots_domain::face::Face {
                display_name: "Upplands-Bro kommun".into(),
                contact_email: format!("kontaktcenter@{DOMAIN}"),
                contact_phone: "08-581 690 00".into(),
                web_address: format!("https://www.{DOMAIN}"),
                privacy_url: format!("https://www.{DOMAIN}/personuppgifter"),
                sender_name: "Upplands-Bro kommun, näringsliv".into(),
                sender_address: String::new(),
            })
            .await?;
    }

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
                    language: lots_i18n::Lang::Sv,
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
            db.create_organiser(ORGANISER, OrganiserKind::Regional, &members)
                .await?
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
                language: lots_i18n::Lang::Sv,
            },
        )
        .await?;
    }
    companies::load(&tenant).await?;
    surveys::load(db, &tenant).await?;
    // The cases are dated from today: brought up to date once a day, not at every start.
    let today = lots_store::today().to_string();
    if db.meta(CASES_DAY).await?.as_deref() != Some(today.as_str()) {
        cases::load(&tenant).await?;
        // The Insikt survey that followed the cases closed before this month.
        lots_jobs::send_case_surveys(db, lots_store::today()).await?;
        db.set_meta(CASES_DAY, &today).await?;
    }
    contacts::load(&tenant).await?;
    faults::load(&tenant).await?;
    activities::load(db, &tenant).await?;
    campaigns::load(db, &tenant).await?;
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
