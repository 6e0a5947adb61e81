//! A year of fictional cases for the demo municipality: bygglov, environmental and food
//! inspection, serving permits and more, spread over its companies, most decided in time,
//! some late (one bygglov with its fee reduced), one extended, a few undecided for long.
//! Dates are counted back from today, so the demo's deadlines are current on any day.

use jiff::ToSpan;
use jiff::civil::Date;
use lots_domain::case_import::CaseRecord;
use lots_domain::cases::CaseDates;
use lots_store::{CompanyFilter, Tenant};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// An area's year: (area code, unit, officers, cases, handling days (from, to), fee range).
type AreaYear = (
    &'static str,
    &'static str,
    &'static [&'static str],
    usize,
    (i64, i64),
    (i64, i64),
);

const AREAS: &[AreaYear] = &[
    (
        "bygglov",
        "Bygglovsenheten",
        &[
            "Ahmed Hassan",
            "Elin Bergqvist",
            "Mikael Sundin",
            "Fatima Ali",
        ],
        70,
        (25, 80),
        (8_000, 45_000),
    ),
    (
        "miljo",
        "Miljö- och hälsoskyddsenheten",
        &["Karin Sjögren", "Erik Norberg", "Linnea Strand"],
        45,
        (10, 120),
        (0, 0),
    ),
    (
        "livsmedel",
        "Livsmedelsenheten",
        &["Gustav Falk", "Nora Lindberg"],
        35,
        (5, 60),
        (0, 0),
    ),
    ("servering", "", &["Marcus Blom"], 10, (20, 70), (0, 0)),
    ("brandskydd", "", &["Marcus Blom"], 10, (10, 40), (0, 0)),
    ("markupplatelse", "", &["Marcus Blom"], 12, (3, 20), (0, 0)),
];

/// The unit's diarienummer prefix.
fn prefix(area: &str) -> &'static str {
    match area {
        "bygglov" => "BN",
        "miljo" | "livsmedel" => "MHN",
        _ => "KS",
    }
}

fn day(today: Date, days_ago: i64) -> Date {
    today.checked_sub(days_ago.days()).unwrap_or(today)
}

pub async fn load(tenant: &Tenant<'_>) -> anyhow::Result<()> {
    let today = lots_store::today();
    let companies = tenant
        .companies(&CompanyFilter {
            page: 1,
            per_page: 1000,
            ..Default::default()
        })
        .await?
        .items;
    if companies.is_empty() {
        return Ok(());
    }
    let mut rng = StdRng::seed_from_u64(2025);
    let mut records = Vec::new();
    let mut serial = 100;
    for &(area, unit, officers, count, (fast, slow), (fee_low, fee_high)) in AREAS {
        for i in 0..count {
            serial += 1;
            let company = &companies[rng.gen_range(0..companies.len())];
            let contact = tenant.reachable_contact(company.id).await?;
            let received_ago = rng.gen_range(3..365);
            let complete_after = rng.gen_range(0..15);
            let mut handling = rng.gen_range(fast..=slow);
            let mut extension_weeks = 0;
            let mut extension_decision = String::new();
            // (received, complete) days ago for the planted cases, else drawn.
            let mut planted: Option<(i64, i64)> = None;
            match (area, i) {
                // Decided three weeks and two days late: the fee drops by three fifths.
                ("bygglov", 0) => (planted, handling) = (Some((200, 195)), 70 + 16),
                // Extended by six weeks, decided within the new deadline.
                ("bygglov", 1) => {
                    (planted, handling) = (Some((200, 195)), 70 + 30);
                    extension_weeks = 6;
                    extension_decision =
                        "Tidsfristen förlängd med 6 veckor på grund av ärendets omfattning".into();
                }
                // A few decided late.
                ("bygglov", 2..=5) => handling = 70 + rng.gen_range(1..30),
                // Complete four months ago and still undecided.
                ("bygglov", 6) => (planted, handling) = (Some((130, 120)), 1_000),
                // Undecided for more than six months.
                ("miljo", 0) => (planted, handling) = (Some((220, 200)), 1_000),
                _ => {}
            }
            let (received, complete) = match planted {
                Some((r, c)) => (day(today, r), day(today, c)),
                None => {
                    let received = day(today, received_ago);
                    let complete = received
                        .checked_add(complete_after.days())
                        .unwrap_or(received)
                        .min(today);
                    (received, complete)
                }
            };
            let decided = complete
                .checked_add(handling.days())
                .ok()
                .filter(|d| *d <= today);
            let closed = decided.and_then(|d| {
                d.checked_add(rng.gen_range(0..10).days())
                    .ok()
                    .filter(|c| *c <= today)
            });
            records.push(CaseRecord {
                reference: format!("{} {}/{}", prefix(area), received.year(), serial),
                company: lots_domain::orgnr::CompanyId::parse(&company.orgnr).ok(),
                company_name: company.name.clone(),
                contact_email: contact
                    .as_ref()
                    .map(|c| c.email.clone())
                    .unwrap_or_default(),
                contact_phone: contact
                    .as_ref()
                    .map(|c| c.phone.clone())
                    .unwrap_or_default(),
                area_code: area.into(),
                unit: unit.into(),
                officer: officers[i % officers.len()].into(),
                dates: CaseDates {
                    received: Some(received),
                    complete: Some(complete),
                    decided,
                    extension_weeks,
                },
                closed,
                extension_decision,
                decision: if decided.is_some() {
                    ["Beviljat", "Beviljat med villkor", "Avslag"][i % 7 / 3].into()
                } else {
                    String::new()
                },
                fee_sek: (fee_high > 0).then(|| rng.gen_range(fee_low..fee_high) / 100 * 100),
            });
        }
    }
    tenant.write_cases(&records, "Maja Lindqvist").await?;
    Ok(())
}
