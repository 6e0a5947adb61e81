//! Swedish reference data embedded in the binary: the 21 counties (län) and the 290
//! municipalities (kommuner) with their SCB codes. The files live in `data/` with their
//! provenance in `data/PROVENANCE.md`; they are read as text so leading zeros survive.

use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct County {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub county_code: String,
}

const COUNTIES_CSV: &str = include_str!("../../../../data/counties.csv");
const MUNICIPALITIES_CSV: &str = include_str!("../../../../data/municipalities.csv");

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        // The files are part of the build and checked by the tests below; a parse failure is
        // a broken build, not bad input.
        .expect("embedded reference data is valid CSV")
}

/// All 21 counties in SCB code order.
pub fn counties() -> &'static [County] {
    static CELL: OnceLock<Vec<County>> = OnceLock::new();
    CELL.get_or_init(|| parse(COUNTIES_CSV))
}

/// All 290 municipalities in SCB code order.
pub fn municipalities() -> &'static [Municipality] {
    static CELL: OnceLock<Vec<Municipality>> = OnceLock::new();
    CELL.get_or_init(|| parse(MUNICIPALITIES_CSV))
}

/// A municipality by its four-digit SCB code, such as `0139` for Upplands-Bro.
pub fn municipality(code: &str) -> Option<&'static Municipality> {
    municipalities().iter().find(|m| m.code == code)
}

/// A county by its two-digit code.
pub fn county(code: &str) -> Option<&'static County> {
    counties().iter().find(|c| c.code == code)
}

/// Whether a string has the shape of an SCB municipality code (four digits).
pub fn is_municipality_code(code: &str) -> bool {
    code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn all_290_municipalities_in_21_counties() {
        assert_eq!(municipalities().len(), 290);
        assert_eq!(counties().len(), 21);
        let codes: HashSet<_> = municipalities().iter().map(|m| &m.code).collect();
        assert_eq!(codes.len(), 290);
        for m in municipalities() {
            assert!(is_municipality_code(&m.code), "{}", m.code);
            assert_eq!(&m.code[..2], m.county_code);
            assert!(county(&m.county_code).is_some(), "{}", m.county_code);
        }
    }

    #[test]
    fn known_codes() {
        assert_eq!(municipality("0139").unwrap().name, "Upplands-Bro");
        assert_eq!(municipality("0180").unwrap().name, "Stockholm");
        assert_eq!(municipality("2584").unwrap().name, "Kiruna");
        assert_eq!(county("01").unwrap().name, "Stockholms län");
        assert_eq!(
            municipalities()
                .iter()
                .filter(|m| m.county_code == "14")
                .count(),
            49
        );
    }
}
