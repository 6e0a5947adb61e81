//! A synthetic national company register for benchmarks and scale tests: N companies over
//! the 290 municipalities with SCB-like columns, a share of deliberately invalid
//! organisationsnummer, in UTF-8 or Windows-1252.

use std::io::Write;

use lots_domain::orgnr::luhn_sum;
use lots_domain::reference;
use lots_domain::sni::{self, SniVersion};

/// A small, fast, deterministic generator (SplitMix64), so the same seed gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const WORDS: &[&str] = &[
    "Logistik",
    "Transport",
    "Bygg",
    "El",
    "Konsult",
    "Fastighet",
    "Måleri",
    "Bageri",
    "Åkeri",
    "Data",
    "Teknik",
    "Design",
    "Service",
    "Handel",
    "Verkstad",
    "Städ",
    "Trädgård",
    "Café",
    "Restaurang",
    "Hälsa",
    "Ekonomi",
    "Juridik",
    "Media",
    "Energi",
];
const PLACES: &[&str] = &[
    "Norr", "Söder", "Väst", "Öst", "Mälar", "Fjäll", "Skog", "Sjö", "Berg", "Dal", "Ängs", "Å",
];
const FORMS: &[(&str, u8)] = &[
    ("AB", 5),
    ("AB", 5),
    ("AB", 5),
    ("HB", 9),
    ("Ekonomisk förening", 7),
];

/// Writes `count` companies as semicolon CSV; every `invalid_every`-th line carries a wrong
/// check digit. Returns how many lines are invalid.
pub fn companies(
    out: &mut impl Write,
    count: u64,
    invalid_every: u64,
    windows_1252: bool,
    seed: u64,
) -> std::io::Result<u64> {
    let mut rng = Rng(seed);
    let codes: Vec<&str> = sni::codes(SniVersion::Sni2007)
        .iter()
        .filter(|c| c.level == 5)
        .map(|c| c.code.as_str())
        .collect();
    let municipalities = reference::municipalities();
    let mut invalid = 0;
    let write = |line: &str, out: &mut dyn Write| -> std::io::Result<()> {
        if windows_1252 {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(line);
            out.write_all(&bytes)
        } else {
            out.write_all(line.as_bytes())
        }
    };
    write(
        "Organisationsnummer;Företagsnamn;SNI 2007;Antal anställda;Postort;Kommun\r\n",
        out,
    )?;
    for n in 0..count {
        let (form, first) = FORMS[rng.below(FORMS.len() as u64) as usize];
        // Distinct numbers for up to 80 million lines: digits 3–4 (the group, 20–99) and the
        // five after them come from the running number.
        let group = 20 + (n / 100_000) % 80;
        let second = (n / 8_000_000) % 10;
        let body =
            u64::from(first) * 100_000_000 + second * 10_000_000 + group * 100_000 + n % 100_000;
        let nine: Vec<u8> = format!("{body:09}").bytes().map(|b| b - b'0').collect();
        let mut check = luhn_sum(&nine);
        if invalid_every > 0 && n % invalid_every == invalid_every - 1 {
            check = (check + 1) % 10;
            invalid += 1;
        }
        let digits: String = format!("{body:09}{check}");
        let orgnr = format!("{}-{}", &digits[..6], &digits[6..]);
        let m = &municipalities[rng.below(municipalities.len() as u64) as usize];
        let name = format!(
            "{}{} {} {} {}",
            PLACES[rng.below(PLACES.len() as u64) as usize],
            WORDS[rng.below(WORDS.len() as u64) as usize].to_lowercase(),
            WORDS[rng.below(WORDS.len() as u64) as usize],
            n,
            form
        );
        let employees = [0, 1, 2, 3, 5, 8, 12, 25, 60, 150, 700][rng.below(11) as usize];
        let line = format!(
            "{orgnr};{name};{};{employees};{};{}\r\n",
            codes[rng.below(codes.len() as u64) as usize],
            m.name,
            m.code
        );
        write(&line, out)?;
    }
    Ok(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_file_imports_with_exactly_the_invalid_lines_rejected() {
        let mut buf = Vec::new();
        let invalid = companies(&mut buf, 1000, 100, true, 7).unwrap();
        assert_eq!(invalid, 10);
        let table = lots_domain::tabular::read_csv(&buf).unwrap();
        assert_eq!((table.encoding, table.rows.len()), ("Windows-1252", 1000));
        let fields =
            lots_domain::company_import::map_columns::<lots_domain::company_import::Field>(
                &table.headers,
                &[],
            )
            .unwrap();
        let (ok, bad) = lots_domain::company_import::check_rows(&table, &fields);
        assert_eq!((ok.len(), bad.len()), (990, 10));
        assert!(bad.iter().all(|r| r.reason_en.contains("check digit")));
    }
}
