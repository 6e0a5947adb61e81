//! The demo's measurements: a year of Insikt-style NKI answers for Upplands-Bro (2024 and
//! 2025, overall NKI near 75 and 81) and 2025 for the county's other municipalities, so
//! results, the comparison with the previous year, the priority matrix and the county
//! comparison mean something on first start. As the seed tells it, Upplands-Bro improves
//! and is the best in Stockholms län. All answers are fictional.

use std::collections::HashMap;

use lots_domain::battery::{Answer, SERVICE_FACTORS};
use lots_domain::reference;
use lots_store::{Db, ImportedResponse, Tenant};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Insikt's service areas as the demo's answers spread over them, with the unit whose
/// cases they are: (code, area, unit).
const AREAS: [(&str, &str, &str); 4] = [
    ("bygglov", "Bygglov", super::staff::BYGG),
    ("miljo", "Miljö- och hälsoskydd", super::staff::MILJO),
    ("livsmedel", "Livsmedelskontroll", super::staff::LIVS),
    ("servering", "Serveringstillstånd", super::staff::LIVS),
];

/// How much each factor drives NKI in the demo's answers (planted, so the matrix has an
/// answer): bemötande and effektivitet matter most.
const WEIGHTS: [f64; 6] = [0.10, 0.15, 0.30, 0.15, 0.05, 0.25];

/// One respondent on Insikt's 1–6 scale around `level` (the municipality's mean answer);
/// `weak` is the factor the municipality does worst in.
fn respondent(rng: &mut StdRng, level: f64, weak: usize) -> HashMap<String, Answer> {
    let clamp = |x: f64| (x.round() as i64).clamp(1, 6);
    let mood: f64 = rng.gen_range(-1.0..1.0);
    let mut answers = HashMap::new();
    let mut drive = 0.0;
    for (k, factor) in SERVICE_FACTORS.iter().enumerate() {
        let shift = if k == weak { -0.9 } else { 0.15 };
        let x = clamp(level + shift + mood * 1.1 + rng.gen_range(-0.9..0.9));
        drive += WEIGHTS[k] * x as f64;
        answers.insert(format!("f_{factor}"), Answer::Number(x));
    }
    for q in ["nki_overall", "nki_expectations", "nki_ideal"] {
        let x = clamp(drive + 0.25 + rng.gen_range(-0.7..0.7));
        answers.insert(q.to_string(), Answer::Number(x));
    }
    answers
}

async fn measure(
    tenant: &Tenant<'_>,
    rng: &mut StdRng,
    year: i32,
    level: f64,
    weak: usize,
    respondents: usize,
) -> anyhow::Result<()> {
    let name = format!("Insikt {year} (NKI, tillstånd och tillsyn)");
    if tenant.rounds().await?.iter().any(|r| r.name == name) {
        return Ok(());
    }
    tenant.install_standard_batteries().await?;
    let version = tenant
        .batteries()
        .await?
        .into_iter()
        .find(|b| b.code == "insikt-nki")
        .and_then(|b| b.published)
        .map(|(id, _)| id)
        .ok_or_else(|| anyhow::anyhow!("the Insikt battery is missing"))?;
    let start = jiff::civil::date(year as i16, 1, 1)
        .to_zoned(jiff::tz::TimeZone::UTC)?
        .timestamp()
        .as_second();
    let responses: Vec<ImportedResponse> = (0..respondents)
        .map(|i| {
            let (code, label, unit) = AREAS[i % AREAS.len()];
            let mut answers = respondent(rng, level, weak);
            answers.insert("area".into(), Answer::Choice(code.into()));
            ImportedResponse {
                area: label.into(),
                industry: String::new(),
                size_class: String::new(),
                unit: unit.into(),
                submitted_at: start + rng.gen_range(0..360) * 86_400,
                answers,
            }
        })
        .collect();
    let invited = respondents * 100 / 45;
    tenant
        .import_round(
            version,
            &name,
            (
                jiff::civil::date(year as i16, 1, 1),
                jiff::civil::date(year as i16, 12, 31),
            ),
            invited,
            &responses,
            "Sara Holmberg",
        )
        .await?;
    Ok(())
}

pub async fn load(db: &Db, home: &Tenant<'_>) -> anyhow::Result<()> {
    let mut rng = StdRng::seed_from_u64(2026);
    // Mean answers 4.75 and 5.05 on 1–6 give NKI near 75 and 81.
    measure(home, &mut rng, 2024, 4.75, 5, 160).await?;
    measure(home, &mut rng, 2025, 5.05, 5, 180).await?;
    for m in reference::municipalities()
        .iter()
        .filter(|m| m.county_code == "01" && m.code != home.code())
    {
        let tenant = db.tenant_unchecked(&m.code);
        // Below Upplands-Bro's level, so the county's best is the seed's.
        let level = rng.gen_range(4.3..4.8);
        let weak = rng.gen_range(0..SERVICE_FACTORS.len());
        let respondents = rng.gen_range(40..140);
        measure(&tenant, &mut rng, 2025, level, weak, respondents).await?;
    }
    Ok(())
}
