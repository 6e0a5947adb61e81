//! The demo's companies: a few hundred fictional firms in Upplands-Bro's areas, with a
//! logistics cluster in Brunna, plausible SNI codes and sizes, and contact people.

use lots_domain::company_import::{CompanyRecord, Field};
use lots_domain::orgnr::{CompanyId, luhn_sum};
use lots_store::{ContactInput, OnDuplicate, Tenant};

/// Areas with their postcode prefix and postal town.
const AREAS: &[(&str, &str, &str)] = &[
    ("Brunna", "196 3", "Kungsängen"),
    ("Kungsängen", "196 3", "Kungsängen"),
    ("Bro", "197 3", "Bro"),
    ("Tibble", "196 4", "Kungsängen"),
    ("Ådö", "197 9", "Bro"),
    ("Låssa", "197 9", "Bro"),
    ("Håtuna", "197 9", "Bro"),
];

/// (word in the name, SNI 2007 code, typical size) per line of business.
const TRADES: &[(&str, &str, i64)] = &[
    ("Bageri", "10710", 6),
    ("Restaurang", "56100", 8),
    ("Café", "56100", 3),
    ("Frisör", "96021", 2),
    ("Bygg", "41200", 12),
    ("El", "43210", 7),
    ("VVS", "43221", 6),
    ("Måleri", "43341", 4),
    ("Bilverkstad", "45201", 5),
    ("Redovisning", "69201", 3),
    ("IT-konsult", "62010", 9),
    ("Städ", "81210", 15),
    ("Tandvård", "86230", 6),
    ("Livs", "47111", 18),
    ("Fastigheter", "68320", 4),
    ("Lantbruk", "01110", 2),
    ("Trädgård", "81300", 3),
    ("Snickeri", "16239", 5),
    ("Hotell", "55101", 20),
    ("Åkeri", "49410", 10),
];

const PREFIXES: &[&str] = &[
    "Mälar",
    "Ekhagens",
    "Granbacka",
    "Sjövik",
    "Norrgårds",
    "Lindbacka",
    "Björkviks",
    "Aspnäs",
    "Hagby",
    "Solbacka",
    "Tallbo",
    "Stenhamra",
    "Viksjö",
    "Klövervalls",
    "Ängsbacka",
    "Östra",
];

/// The logistics cluster in Brunna industrial area.
pub(crate) const BRUNNA_LOGISTICS: &[(&str, &str, i64)] = &[
    ("Brunna Logistik AB", "52100", 85),
    ("Brunna Terminal AB", "52249", 60),
    ("Mälardalens Åkeri AB", "49410", 40),
    ("Brunna Lager & Distribution AB", "52100", 120),
    ("Nordisk Fraktförmedling Brunna AB", "52290", 25),
    ("Kungsängens Kyltransporter AB", "49410", 30),
    ("Brunna Pall & Emballage AB", "16240", 18),
    ("E-handelslagret i Brunna AB", "52100", 210),
    ("Brunna Truckservice AB", "33120", 9),
    ("Stockholm Nord Logistikcenter AB", "52100", 150),
];

const FIRST: &[&str] = &[
    "Lars", "Karin", "Mohammed", "Elsa", "Björn", "Sanna", "Nils", "Yasmin", "Olof", "Greta",
    "Reza", "Ingrid", "Axel", "Linda", "Tomas", "Mira",
];
const LAST: &[&str] = &[
    "Ekman",
    "Sundqvist",
    "Haddad",
    "Westin",
    "Lövgren",
    "Nordqvist",
    "Karlsson",
    "Bergström",
    "Sandell",
    "Öhman",
    "Jönsson",
    "Hallberg",
];

/// A deterministic, valid organisationsnummer for the n-th demo company: in the 5-series of
/// aktiebolag, or the 9-series of handelsbolag for a name that ends in "HB", so that the legal
/// form the register reads from the number matches the name.
fn orgnr(n: u64, name: &str) -> CompanyId {
    let series = if name.ends_with(" HB") {
        969_000_000
    } else {
        559_000_000
    };
    let body = series + (n * 7_919) % 999_999;
    let nine: Vec<u8> = format!("{body:09}").bytes().map(|b| b - b'0').collect();
    let check = luhn_sum(&nine);
    let text: String = nine
        .iter()
        .chain(std::iter::once(&check))
        .map(|d| char::from(b'0' + d))
        .collect();
    CompanyId::parse(&text).expect("demo numbers are valid")
}

fn record(n: usize, name: String, sni: &str, employees: i64, area: usize) -> CompanyRecord {
    let (area_name, postcode, town) = AREAS[area % AREAS.len()];
    CompanyRecord {
        line: n + 2,
        id: orgnr(n as u64 + 1, &name),
        name,
        other_names: Vec::new(),
        sni2007: vec![sni.to_string()],
        sni2025: Vec::new(),
        employees: Some(employees),
        visit_address: format!(
            "{} {}",
            [
                "Industrivägen",
                "Kungsvägen",
                "Bygatan",
                "Enköpingsvägen",
                "Stationsvägen"
            ][n % 5],
            1 + n % 40
        ),
        postcode: format!("{postcode}{}", n % 10),
        town: town.to_string(),
        area: Some(area_name.to_string()),
        tags: if area_name == "Brunna" {
            vec!["trafiknätverket".to_string()]
        } else {
            Vec::new()
        },
        notes: String::new(),
        present: Field::ALL.to_vec(),
    }
}

/// The demo's companies; already-registered ones are left as they are.
pub async fn load(tenant: &Tenant<'_>) -> anyhow::Result<()> {
    // Once the register is there, a start imports nothing (and audits no empty import).
    let filter = lots_store::CompanyFilter {
        page: 1,
        per_page: 1,
        ..Default::default()
    };
    if tenant.companies(&filter).await?.total > 0 {
        return Ok(());
    }
    let mut records = Vec::new();
    for (i, (name, sni, employees)) in BRUNNA_LOGISTICS.iter().enumerate() {
        records.push(record(i, name.to_string(), sni, *employees, 0));
    }
    let mut n = records.len();
    for (p, prefix) in PREFIXES.iter().enumerate() {
        for (t, (trade, sni, size)) in TRADES.iter().enumerate() {
            if (p + t) % 3 == 0 {
                continue;
            }
            let suffix = if t % 4 == 0 { "HB" } else { "AB" };
            let employees = (size * (1 + ((p * 7 + t * 3) % 5) as i64)) / 2;
            records.push(record(
                n,
                format!("{prefix} {trade} {suffix}"),
                sni,
                employees,
                p + t,
            ));
            n += 1;
        }
    }
    let outcome = tenant
        .import_companies(&records, OnDuplicate::Skip, "Maja Lindqvist")
        .await?;
    if outcome.created == 0 {
        return Ok(());
    }
    // Contact people for the logistics cluster and every fifth other company.
    for (i, r) in records
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < BRUNNA_LOGISTICS.len() || i % 5 == 0)
    {
        let Some(company) = tenant.company_by_orgnr(&r.id.canonical()).await? else {
            continue;
        };
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len() + i) % LAST.len()];
        let domain: String = lots_domain::text::fold(&company.name)
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join("");
        tenant
            .create_contact(
                company.id,
                &ContactInput {
                    name: format!("{first} {last}"),
                    role: ["Vd", "Platschef", "Ekonomiansvarig", "Ägare"][i % 4].into(),
                    email: format!("{}@{domain}.example", lots_domain::text::fold(first)),
                    phone: format!(
                        "08-{:03} {:02} {:02}",
                        500 + i % 400,
                        i % 90 + 10,
                        (i * 7) % 90 + 10
                    ),
                    language: if i % 9 == 0 {
                        lots_i18n::Lang::En
                    } else {
                        lots_i18n::Lang::Sv
                    },
                    legal_basis: Some(lots_domain::contact_import::LegalBasis::PublicTask),
                },
                "Maja Lindqvist",
            )
            .await?;
    }
    Ok(())
}

/// The e-mail address of the first logistics company's contact person, when it has one.
pub async fn brunna_contact_email(tenant: &Tenant<'_>) -> anyhow::Result<Option<String>> {
    let first = BRUNNA_LOGISTICS[0].0;
    let found = tenant
        .companies(&lots_store::CompanyFilter {
            query: Some(first.to_string()),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await?;
    let Some(company) = found.items.into_iter().find(|c| c.name == first) else {
        return Ok(None);
    };
    Ok(tenant.reachable_contact(company.id).await?.map(|c| c.email))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lots_domain::sni::{SniVersion, lookup};

    #[test]
    fn every_demo_code_exists_in_sni_2007() {
        for (_, code, _) in TRADES.iter().chain(BRUNNA_LOGISTICS) {
            assert!(lookup(SniVersion::Sni2007, code).is_some(), "{code}");
        }
    }

    #[test]
    fn demo_numbers_are_distinct() {
        let ids: std::collections::HashSet<String> = (1..400)
            .map(|n| orgnr(n, "Bro Bygg AB").canonical())
            .collect();
        assert_eq!(ids.len(), 399);
    }

    #[test]
    fn a_handelsbolag_is_numbered_as_one() {
        use lots_domain::orgnr::LegalForm;
        assert_eq!(
            orgnr(7, "Tallbo Måleri HB").legal_form(),
            LegalForm::TradingPartnership
        );
        assert_eq!(
            orgnr(7, "Tallbo Måleri AB").legal_form(),
            LegalForm::LimitedCompany
        );
    }
}
