//! Swedish industry codes (SNI, Standard för svensk näringsgrensindelning) in both versions
//! in use: SNI 2007 (NACE Rev. 2), which case systems and older registers still carry, and
//! SNI 2025 (NACE Rev. 2.1), which new registrations carry since 2025. Every code is kept
//! with the version it belongs to. The lists are embedded from `data/` (see PROVENANCE.md).

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum SniVersion {
    #[serde(rename = "2007")]
    Sni2007,
    #[serde(rename = "2025")]
    Sni2025,
}

impl SniVersion {
    pub fn code(self) -> &'static str {
        match self {
            SniVersion::Sni2007 => "2007",
            SniVersion::Sni2025 => "2025",
        }
    }

    pub fn parse(s: &str) -> Option<SniVersion> {
        match s.trim() {
            "2007" | "SNI 2007" | "SNI2007" => Some(SniVersion::Sni2007),
            "2025" | "SNI 2025" | "SNI2025" => Some(SniVersion::Sni2025),
            _ => None,
        }
    }
}

/// One code of a version: avdelning (a letter, level 1) down to detaljgrupp (5 digits).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct SniCode {
    pub code: String,
    pub level: u8,
    pub parent: String,
    pub name: String,
}

struct Table {
    codes: Vec<SniCode>,
    by_code: HashMap<String, usize>,
}

fn load(text: &str) -> Table {
    let codes: Vec<SniCode> = csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        // Part of the build and covered by the tests below.
        .expect("embedded SNI list is valid CSV");
    let by_code = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    Table { codes, by_code }
}

fn table(version: SniVersion) -> &'static Table {
    static SNI2007: OnceLock<Table> = OnceLock::new();
    static SNI2025: OnceLock<Table> = OnceLock::new();
    match version {
        SniVersion::Sni2007 => {
            SNI2007.get_or_init(|| load(include_str!("../../../../data/sni2007.csv")))
        }
        SniVersion::Sni2025 => {
            SNI2025.get_or_init(|| load(include_str!("../../../../data/sni2025.csv")))
        }
    }
}

/// Every code of a version in hierarchical order.
pub fn codes(version: SniVersion) -> &'static [SniCode] {
    &table(version).codes
}

/// Writes a code the way the lists do: without dots or spaces (`01.110` → `01110`), a
/// section letter in capitals.
pub fn normalise(code: &str) -> String {
    code.trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A code of a version, if it exists there.
pub fn lookup(version: SniVersion, code: &str) -> Option<&'static SniCode> {
    let t = table(version);
    t.by_code.get(&normalise(code)).map(|i| &t.codes[*i])
}

/// The code and its ancestors, from the section down: for filters "by any level".
pub fn lineage(version: SniVersion, code: &str) -> Vec<&'static SniCode> {
    let mut chain = Vec::new();
    let mut current = lookup(version, code);
    while let Some(c) = current {
        chain.push(c);
        current = if c.parent.is_empty() {
            None
        } else {
            lookup(version, &c.parent)
        };
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_versions_have_their_published_counts() {
        let count = |v, level| codes(v).iter().filter(|c| c.level == level).count();
        assert_eq!(
            (1..=5)
                .map(|l| count(SniVersion::Sni2007, l))
                .collect::<Vec<_>>(),
            [21, 88, 272, 615, 821]
        );
        assert_eq!(
            (1..=5)
                .map(|l| count(SniVersion::Sni2025, l))
                .collect::<Vec<_>>(),
            [22, 87, 287, 651, 835]
        );
    }

    #[test]
    fn codes_are_found_in_any_written_form_and_know_their_section() {
        let c = lookup(SniVersion::Sni2007, "49.410").unwrap();
        assert_eq!(c.level, 5);
        let chain: Vec<&str> = lineage(SniVersion::Sni2007, "49410")
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(chain, ["H", "49", "494", "4941", "49410"]);
        assert!(lookup(SniVersion::Sni2007, "99999").is_none());
        assert!(
            lookup(SniVersion::Sni2025, "v").is_some(),
            "section V exists only in SNI 2025"
        );
        assert!(lookup(SniVersion::Sni2007, "V").is_none());
    }
}
