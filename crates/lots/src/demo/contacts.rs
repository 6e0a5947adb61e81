//! A year of the demo municipality's contact log: companies calling, writing and coming by,
//! most often about improving the local business climate (as in Upplands-Bro), taken by the
//! contact centre and mostly resolved at once.

use lots_store::{CompanyFilter, NewContact, Tenant};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Weights of the default reasons, in `lots_store::DEFAULT_REASONS` order.
const REASON_WEIGHTS: [u32; 6] = [22, 14, 10, 12, 30, 12];
const CHANNEL_WEIGHTS: [(&str, u32); 5] = [
    ("phone", 50),
    ("email", 25),
    ("desk", 10),
    ("meeting", 10),
    ("web", 5),
];
const TAKERS: [&str; 3] = ["Moa Jakobsson", "Ali Rahimi", "Tove Lind"];
/// Where a contact not resolved at once goes, by reason.
const PASSED_TO: [&str; 6] = [
    "Bygglovsenheten",
    "Miljö- och hälsoskyddsenheten",
    "Samhällsbyggnadskontoret",
    "Näringslivsenheten",
    "Näringslivsenheten",
    "Kommunledningskontoret",
];

fn pick(rng: &mut StdRng, weights: &[u32]) -> usize {
    let mut x = rng.gen_range(0..weights.iter().sum::<u32>());
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

pub async fn load(tenant: &Tenant<'_>) -> anyhow::Result<()> {
    if !tenant.contact_log(None, 1, 1).await?.is_empty() {
        return Ok(());
    }
    let reasons = tenant.contact_reasons().await?;
    let companies = tenant
        .companies(&CompanyFilter {
            page: 1,
            per_page: 1000,
            ..Default::default()
        })
        .await?
        .items;
    let contact_centre = tenant.unit_by_name("Kontaktcenter").await?.map(|u| u.id);
    let now = lots_store::now();
    let mut rng = StdRng::seed_from_u64(311);
    for _ in 0..320 {
        let reason = pick(&mut rng, &REASON_WEIGHTS);
        let channels: Vec<u32> = CHANNEL_WEIGHTS.iter().map(|(_, w)| *w).collect();
        let channel = CHANNEL_WEIGHTS[pick(&mut rng, &channels)].0;
        let resolved = rng.gen_bool(0.72);
        let passed_to = if resolved {
            None
        } else {
            tenant.unit_by_name(PASSED_TO[reason]).await?.map(|u| u.id)
        };
        let company_id = (!companies.is_empty() && rng.gen_bool(0.6))
            .then(|| companies[rng.gen_range(0..companies.len())].id);
        let new = NewContact {
            channel: lots_store::ContactChannel::parse(channel),
            reason_id: reasons[reason.min(reasons.len() - 1)].id,
            company_id,
            case_id: None,
            resolved: passed_to.is_none(),
            passed_to_unit_id: passed_to,
            note: String::new(),
            unit_id: contact_centre,
            at: Some(office_hours(&mut rng, now)),
        };
        let taker = TAKERS[rng.gen_range(0..TAKERS.len())];
        tenant.log_contact(&new, taker).await?;
    }
    Ok(())
}

/// A moment within the last year when the contact centre is open: a working day, 08:00 to
/// 16:30 Stockholm time, never later than `now`.
fn office_hours(rng: &mut StdRng, now: i64) -> i64 {
    let today = lots_domain::events::local_day(now);
    loop {
        let mut day = today
            .checked_sub(jiff::Span::new().days(rng.gen_range(0..365)))
            .unwrap_or(today);
        while !lots_domain::holidays::is_working_day(day) {
            day = day.yesterday().unwrap_or(day);
        }
        let minute = rng.gen_range(8 * 60..16 * 60 + 30);
        let time = format!("{:02}:{:02}", minute / 60, minute % 60);
        if let Some(at) = lots_domain::events::local_time(&day.to_string(), &time)
            && at <= now
        {
            return at;
        }
    }
}
