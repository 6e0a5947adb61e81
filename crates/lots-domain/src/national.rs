//! The national results table of an Insikt-style measurement: respondents of every
//! municipality, service area and year, each with NKI and the six service-factor indices.
//! One pass builds the sums per municipality × area × year, per municipality and year (all
//! areas), per county × area × year and for the nation per area and year, and the
//! regression of NKI on the factors per area; the table then ranks the municipalities that
//! Insikt's thresholds allow.
//!
//! The file format (`lots generate survey`, comma-separated, a header line):
//! `municipality,county,area,year,q01,…,q20` with answers on 1–6 and an empty cell for no
//! answer. q01–q03 are the NKI questions; q04–q15 two questions per factor in
//! [`crate::battery::SERVICE_FACTORS`] order; q16–q20 feed no index.

use std::collections::HashMap;

use crate::battery::SERVICE_FACTORS;
use crate::nki::{Band, IndexResult, Thresholds};
use crate::stats::{Moments, Ols};

/// NKI and the six factors.
pub const INDICES: usize = 7;
pub const QUESTIONS: usize = 20;

pub fn index_names() -> [&'static str; INDICES] {
    let mut names = ["nki"; INDICES];
    names[1..].copy_from_slice(&SERVICE_FACTORS);
    names
}

/// The questions (0-based) feeding each index.
fn questions_of(index: usize) -> std::ops::Range<usize> {
    if index == 0 {
        0..3
    } else {
        3 + (index - 1) * 2..5 + (index - 1) * 2
    }
}

/// A respondent's seven indices from their twenty answers (1–6, 0 = no answer).
pub fn respondent_indices(answers: &[u8; QUESTIONS]) -> [Option<f64>; INDICES] {
    let mut out = [None; INDICES];
    for (i, slot) in out.iter_mut().enumerate() {
        let (mut sum, mut n) = (0.0, 0);
        for q in questions_of(i) {
            if answers[q] > 0 {
                sum += crate::nki::to_index(answers[q] as f64, 1.0, 6.0);
                n += 1;
            }
        }
        if n > 0 {
            *slot = Some(sum / n as f64);
        }
    }
    out
}

/// Where a group sits: the nation, a county or a municipality; `area` empty for all areas.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct GroupKey {
    /// "municipality", "county" or "nation".
    pub level: &'static str,
    pub code: String,
    pub area: String,
    pub year: u16,
}

/// Names (municipality, county and area codes) as small numbers, so a group's key is one
/// integer and adding a respondent allocates nothing.
#[derive(Default)]
struct Names {
    ids: HashMap<Vec<u8>, u32>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, name: &[u8]) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.names.push(String::from_utf8_lossy(name).into_owned());
        self.ids.insert(name.to_vec(), id);
        id
    }
}

const LEVELS: [&str; 3] = ["municipality", "county", "nation"];

fn pack(level: u64, code: u32, area: u32, year: u16) -> u64 {
    level << 62 | u64::from(code) << 38 | u64::from(area) << 16 | u64::from(year)
}

/// Sums of every group, built one respondent at a time.
#[derive(Default)]
pub struct NationalAggregate {
    names: Names,
    groups: HashMap<u64, [Moments; INDICES]>,
    effects: HashMap<u32, Ols>,
}

impl NationalAggregate {
    pub fn add(
        &mut self,
        municipality: &[u8],
        county: &[u8],
        area: &[u8],
        year: u16,
        values: &[Option<f64>; INDICES],
    ) {
        let (m, c, a, none) = (
            self.names.id(municipality),
            self.names.id(county),
            self.names.id(area),
            self.names.id(b""),
        );
        for key in [
            pack(0, m, a, year),
            pack(0, m, none, year),
            pack(1, c, a, year),
            pack(2, none, a, year),
        ] {
            let sums = self.groups.entry(key).or_default();
            for (s, v) in sums.iter_mut().zip(values) {
                if let Some(v) = v {
                    s.add(*v);
                }
            }
        }
        if let Some(all) = values.iter().copied().collect::<Option<Vec<f64>>>() {
            self.effects
                .entry(a)
                .or_insert_with(|| Ols::new(INDICES - 1))
                .add(&all[1..], all[0]);
        }
    }

    fn key_of(&self, packed: u64) -> GroupKey {
        let name = |id: u64| self.names.names[id as usize].clone();
        GroupKey {
            level: LEVELS[(packed >> 62) as usize],
            code: name(packed >> 38 & 0xFF_FFFF),
            area: name(packed >> 16 & 0x3F_FFFF),
            year: (packed & 0xFFFF) as u16,
        }
    }

    /// Adds another aggregate's sums (another part of the same file).
    pub fn merge(&mut self, other: NationalAggregate) {
        let remap =
            |me: &mut Names, id: u64| u64::from(me.id(other.names.names[id as usize].as_bytes()));
        for (k, sums) in &other.groups {
            let (code, area) = (
                remap(&mut self.names, k >> 38 & 0xFF_FFFF),
                remap(&mut self.names, k >> 16 & 0x3F_FFFF),
            );
            let key = (k >> 62) << 62 | code << 38 | area << 16 | (k & 0xFFFF);
            let mine = self.groups.entry(key).or_default();
            for (a, b) in mine.iter_mut().zip(sums) {
                a.merge(b);
            }
        }
        for (area, ols) in &other.effects {
            let area = self.names.id(other.names.names[*area as usize].as_bytes());
            self.effects
                .entry(area)
                .or_insert_with(|| Ols::new(INDICES - 1))
                .merge(ols);
        }
    }

    /// The table: every group and index with n, value, interval, band and suppression, and
    /// the municipalities' rank per area and year (by NKI, among those with enough answers:
    /// ≥ `rank_area` in an area, ≥ `rank_total` for all areas).
    pub fn table(&self, t: &Thresholds) -> Vec<NationalRow> {
        let names = index_names();
        let mut keys: Vec<(GroupKey, &[Moments; INDICES])> = self
            .groups
            .iter()
            .map(|(k, sums)| (self.key_of(*k), sums))
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut ranks: HashMap<usize, usize> = HashMap::new();
        let mut peers: Peers<'_> = HashMap::new();
        for (i, (k, sums)) in keys.iter().enumerate() {
            let needed = if k.area.is_empty() {
                t.rank_total
            } else {
                t.rank_area
            };
            if k.level == "municipality" && sums[0].n >= needed.max(t.min_shown) {
                peers.entry((k.area.as_str(), k.year)).or_default().push((
                    i,
                    k.code.as_str(),
                    sums[0].mean(),
                ));
            }
        }
        for list in peers.values_mut() {
            // Equal means (to a millionth) rank by code: the sums' last bits depend on the
            // order the file was read in, the ranking must not.
            let level = |x: f64| (x * 1e6).round() as i64;
            list.sort_by(|a, b| level(b.2).cmp(&level(a.2)).then_with(|| a.1.cmp(b.1)));
            for (place, (i, _, _)) in list.iter().enumerate() {
                ranks.insert(*i, place + 1);
            }
        }
        let mut rows = Vec::with_capacity(keys.len() * INDICES);
        for (g, (k, sums)) in keys.iter().enumerate() {
            for (i, m) in sums.iter().enumerate() {
                let r = IndexResult::from_moments(m, t);
                rows.push(NationalRow {
                    key: k.clone(),
                    index: names[i],
                    n: m.n,
                    value: r.estimate.map(|e| e.mean),
                    ci_low: r.estimate.map(|e| e.ci_low),
                    ci_high: r.estimate.map(|e| e.ci_high),
                    band: r.band,
                    suppressed: r.suppressed,
                    rank: if i == 0 { ranks.get(&g).copied() } else { None },
                });
            }
        }
        rows
    }

    /// Each factor's effect on NKI per area.
    pub fn effects(&self) -> Vec<AreaEffects> {
        let mut out: Vec<_> = self
            .effects
            .iter()
            .filter_map(|(a, ols)| {
                let fit = ols.fit()?;
                let factors = SERVICE_FACTORS
                    .iter()
                    .zip(&fit.coefficients)
                    .map(|(f, c)| FactorFit {
                        factor: f,
                        effect: c.estimate,
                        p: c.p,
                    })
                    .collect();
                Some(AreaEffects {
                    area: self.names.names[*a as usize].clone(),
                    r2: fit.r2,
                    factors,
                })
            })
            .collect();
        out.sort_by(|a, b| a.area.cmp(&b.area));
        out
    }
}

/// Municipalities that may be ranked, per area and year: (group, code, NKI).
type Peers<'a> = HashMap<(&'a str, u16), Vec<(usize, &'a str, f64)>>;

/// The regression of NKI on the factors in one service area.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AreaEffects {
    pub area: String,
    pub r2: f64,
    pub factors: Vec<FactorFit>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FactorFit {
    pub factor: &'static str,
    pub effect: f64,
    pub p: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NationalRow {
    #[serde(flatten)]
    pub key: GroupKey,
    pub index: &'static str,
    pub n: u64,
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub band: Option<Band>,
    pub suppressed: bool,
    pub rank: Option<usize>,
}

/// The columns of the national table, in order.
pub const COLUMNS: [&str; 12] = [
    "level",
    "code",
    "area",
    "year",
    "index",
    "n",
    "value",
    "ci_low",
    "ci_high",
    "band",
    "suppressed",
    "rank",
];

impl NationalRow {
    pub fn cells(&self) -> Vec<String> {
        let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.3}"));
        vec![
            self.key.level.to_string(),
            self.key.code.clone(),
            self.key.area.clone(),
            self.key.year.to_string(),
            self.index.to_string(),
            self.n.to_string(),
            num(self.value),
            num(self.ci_low),
            num(self.ci_high),
            self.band
                .map_or(String::new(), |b| b.label_sv().to_string()),
            self.suppressed.to_string(),
            self.rank.map_or(String::new(), |r| r.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_map_to_the_seven_indices() {
        let mut a = [0u8; QUESTIONS];
        a[..3].copy_from_slice(&[6, 5, 4]);
        a[3] = 6; // information: one of two answered
        let v = respondent_indices(&a);
        assert_eq!(v[0], Some(80.0));
        assert_eq!(v[1], Some(100.0));
        assert_eq!(v[2], None);
    }

    #[test]
    fn groups_roll_up_and_rank_with_thresholds() {
        let mut agg = NationalAggregate::default();
        let v = |x: f64| {
            [
                Some(x),
                Some(x),
                Some(x),
                Some(x),
                Some(x),
                Some(x),
                Some(x),
            ]
        };
        for i in 0..12 {
            agg.add(b"0139", b"01", b"bygglov", 2025, &v(80.0 + (i % 3) as f64));
            let mut part = NationalAggregate::default();
            part.add(b"0180", b"01", b"bygglov", 2025, &v(70.0 + (i % 3) as f64));
            agg.merge(part);
        }
        for _ in 0..5 {
            agg.add(b"0181", b"01", b"bygglov", 2025, &v(90.0));
        }
        let rows = agg.table(&Thresholds::default());
        let find = |level: &str, code: &str, area: &str| {
            rows.iter()
                .find(|r| {
                    r.key.level == level
                        && r.key.code == code
                        && r.key.area == area
                        && r.index == "nki"
                })
                .unwrap()
        };
        assert_eq!(find("municipality", "0139", "bygglov").rank, Some(1));
        assert_eq!(find("municipality", "0180", "bygglov").rank, Some(2));
        let few = find("municipality", "0181", "bygglov");
        assert!(few.suppressed && few.rank.is_none());
        assert_eq!(find("county", "01", "bygglov").n, 29);
        assert_eq!(find("nation", "", "bygglov").n, 29);
        // All areas together: 12 answers are too few for the total ranking (20).
        assert_eq!(find("municipality", "0139", "").rank, None);
    }
}
