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

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(f64::MIN_POSITIVE);
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos()
    }
}

/// The effect of each service factor on NKI planted in [`survey`]'s answers, in
/// [`lots_domain::battery::SERVICE_FACTORS`] order; they sum to 1, so NKI and the factors
/// share a scale and the regression of NKI on the factor indices should find these.
pub const PLANTED_EFFECTS: [f64; 6] = [0.10, 0.15, 0.30, 0.15, 0.05, 0.25];

/// Insikt's six service areas in the generated national measurement.
pub const SURVEY_AREAS: [&str; 6] = [
    "bygglov",
    "miljo",
    "livsmedel",
    "servering",
    "brandskydd",
    "markupplatelse",
];

/// Writes `respondents` answers of a national Insikt-style measurement (290 municipalities
/// × six areas × the five years 2021–2025) in the format [`lots_domain::national`] reads:
/// each municipality has its own level, each area a shift, and NKI follows the factors with
/// [`PLANTED_EFFECTS`] plus noise; about one answer in fifty is left empty.
pub fn survey(out: &mut impl Write, respondents: u64, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let municipalities = reference::municipalities();
    let levels: Vec<f64> = municipalities
        .iter()
        .map(|_| 3.9 + rng.unit() * 1.1)
        .collect();
    let area_shift = [-0.35, 0.0, 0.2, 0.1, 0.15, -0.1];
    writeln!(
        out,
        "municipality,county,area,year,{}",
        (1..=20)
            .map(|q| format!("q{q:02}"))
            .collect::<Vec<_>>()
            .join(",")
    )?;
    let mut line = String::with_capacity(128);
    for _ in 0..respondents {
        let m = rng.below(municipalities.len() as u64) as usize;
        let a = rng.below(SURVEY_AREAS.len() as u64) as usize;
        let year = 2021 + rng.below(5);
        let clamp = |x: f64| x.round().clamp(1.0, 6.0) as u8;
        let mut answers = [0u8; 20];
        let mut drive = 0.0;
        for (k, w) in PLANTED_EFFECTS.iter().enumerate() {
            let f = levels[m] + area_shift[a] + 0.7 * rng.normal();
            let (mut sum, mut n) = (0.0, 0);
            for q in 0..2 {
                if rng.below(50) > 0 {
                    let x = clamp(f + 0.5 * rng.normal());
                    answers[3 + k * 2 + q] = x;
                    sum += x as f64;
                    n += 1;
                }
            }
            drive += w * if n > 0 { sum / n as f64 } else { f };
        }
        let latent = drive + 0.35 * rng.normal();
        for q in answers.iter_mut().take(3) {
            *q = clamp(latent + 0.3 * rng.normal());
        }
        for q in answers.iter_mut().skip(15) {
            *q = clamp(3.5 + 1.2 * rng.normal());
        }
        line.clear();
        let muni = &municipalities[m];
        line.push_str(&format!(
            "{},{},{},{year}",
            muni.code, muni.county_code, SURVEY_AREAS[a]
        ));
        for x in answers {
            line.push(',');
            if x > 0 {
                line.push(char::from(b'0' + x));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Reads a national measurement file and computes its results: the file is split at a
/// line break into one part per core, each part summed apart, and the sums merged.
pub fn national_results(
    path: &std::path::Path,
) -> anyhow::Result<lots_domain::national::NationalAggregate> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let body_start = memchr::memchr(b'\n', &bytes).map_or(bytes.len(), |i| i + 1);
    let parts = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let mut bounds = vec![body_start];
    for p in 1..parts {
        let guess = body_start + (bytes.len() - body_start) * p / parts;
        let cut = memchr::memchr(b'\n', &bytes[guess..]).map_or(bytes.len(), |i| guess + i + 1);
        bounds.push(cut.max(*bounds.last().unwrap_or(&0)));
    }
    bounds.push(bytes.len());
    let results: Vec<anyhow::Result<lots_domain::national::NationalAggregate>> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = bounds
                .windows(2)
                .map(|w| {
                    let (from, to) = (w[0], w[1]);
                    let first_line = bytes[..from].iter().filter(|b| **b == b'\n').count() + 1;
                    let part = &bytes[from..to];
                    scope.spawn(move || sum_part(part, first_line))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a worker panicked")))
                })
                .collect()
        });
    let mut total = lots_domain::national::NationalAggregate::default();
    for r in results {
        total.merge(r?);
    }
    Ok(total)
}

/// Sums one part of a national measurement file; `first_line` is its first line's number.
fn sum_part(
    part: &[u8],
    first_line: usize,
) -> anyhow::Result<lots_domain::national::NationalAggregate> {
    use anyhow::Context;
    use lots_domain::national::{NationalAggregate, QUESTIONS, respondent_indices};
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(part);
    let mut agg = NationalAggregate::default();
    let mut record = csv::ByteRecord::new();
    let mut line = first_line - 1;
    while reader.read_byte_record(&mut record)? {
        line += 1;
        if record.len() != 4 + QUESTIONS {
            anyhow::bail!(
                "line {line}: {} columns, expected {}",
                record.len(),
                4 + QUESTIONS
            );
        }
        let field = |i: usize| record.get(i).unwrap_or_default();
        let year: u16 = std::str::from_utf8(field(3))
            .ok()
            .and_then(|y| y.parse().ok())
            .with_context(|| {
                format!(
                    "line {line}, column year: {:?} is not a year",
                    String::from_utf8_lossy(field(3))
                )
            })?;
        let mut answers = [0u8; QUESTIONS];
        for (q, slot) in answers.iter_mut().enumerate() {
            *slot = match field(4 + q) {
                [] => 0,
                [d @ b'1'..=b'6'] => d - b'0',
                other => anyhow::bail!(
                    "line {line}, column q{:02}: {:?} is not an answer 1–6",
                    q + 1,
                    String::from_utf8_lossy(other)
                ),
            };
        }
        agg.add(
            field(0),
            field(1),
            field(2),
            year,
            &respondent_indices(&answers),
        );
    }
    Ok(agg)
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

/// The areas a synthetic case falls in, with the handling days (least, most) it takes.
const CASE_AREAS: [(&str, &str, u64, u64); 4] = [
    ("Bygglov", "BN", 20, 110),
    ("Miljö- och hälsoskydd", "MHN", 5, 150),
    ("Livsmedelskontroll", "MHN", 3, 60),
    ("Serveringstillstånd", "KS", 15, 90),
];

/// Writes `count` cases of one municipality as semicolon CSV in the columns of SKR's Insikt
/// template plus the dates: received over the two years before 2026-11-01, most decided by
/// then (some late), a quarter of those closed.
pub fn cases(out: &mut impl Write, count: u64, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng(seed);
    let start: jiff::civil::Date = jiff::civil::date(2024, 11, 1);
    out.write_all(
        "Ärendenummer;Myndighetsområde;Företag;E-postadress kontaktperson;Inkom;Komplett;Beslutsdatum;Avslutat;Avgift\r\n"
            .as_bytes(),
    )?;
    let day =
        |d: jiff::civil::Date, n: u64| d.checked_add(jiff::Span::new().days(n as i64)).unwrap_or(d);
    for n in 0..count {
        let (area, prefix, least, most) = CASE_AREAS[rng.below(CASE_AREAS.len() as u64) as usize];
        let received = day(start, rng.below(720));
        let complete = day(received, rng.below(20));
        let decided = day(complete, least + rng.below(most - least));
        // A tenth undecided, and none decided after the day the file describes.
        let decided = if rng.below(10) == 0 || decided > jiff::civil::date(2026, 11, 1) {
            String::new()
        } else {
            decided.to_string()
        };
        let closed = if !decided.is_empty() && rng.below(4) == 0 {
            decided.clone()
        } else {
            String::new()
        };
        let fee = if area == "Bygglov" {
            format!("{}", 5_000 + rng.below(40_000))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{prefix} {}/{n};{area};Företag {n} AB;kontakt{n}@foretag.example;{received};{complete};{decided};{closed};{fee}\r",
            received.year()
        )?;
    }
    Ok(())
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
        assert!(
            bad.iter()
                .all(|r| r.reason.text(lots_i18n::Lang::En).contains("check digit"))
        );
    }
}
