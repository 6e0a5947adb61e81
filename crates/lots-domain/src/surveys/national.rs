//! The national results table of an Insikt-style measurement: respondents of every
//! municipality, service area and year, each with NKI and the six service-factor indices.
//! One pass builds exact sums per municipality × area × year, per county × area × year and
//! for the nation per area and year, and the regression of NKI on the factors per area. The
//! table adds a municipality's total from the areas its year's rules put in the total
//! ([`crate::insikt`]: from 2024 the four mandatory ones), ranks the municipalities the
//! thresholds allow (equal indices share a rank) and suppresses what could reveal a small
//! group ([`crate::disclosure`]). Sums are whole numbers, so the table is the same to the
//! byte however the file was split between cores.
//!
//! The file format (`lots generate survey`, comma-separated, a header line):
//! `municipality,county,area,year,q01,…,q20` with answers on 1–6 and an empty cell for no
//! answer. q01–q03 are the NKI questions; q04–q15 two questions per factor in
//! [`crate::battery::SERVICE_FACTORS`] order; q16–q20 feed no index.

use std::collections::{HashMap, HashSet};

use crate::disclosure::Sum;

use crate::battery::SERVICE_FACTORS;
use crate::insikt;
use crate::nki::{Band, IndexResult};
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

/// A respondent's seven indices from their twenty answers (1–6, 0 = no answer), in exact
/// units of `1 / stats::SCALE`: an index is 20 × (sum of answers − count) / count.
pub fn respondent_indices(answers: &[u8; QUESTIONS]) -> [Option<i64>; INDICES] {
    let mut out = [None; INDICES];
    for (i, slot) in out.iter_mut().enumerate() {
        let (mut points, mut n) = (0i64, 0i64);
        for q in questions_of(i) {
            if answers[q] > 0 {
                points += i64::from(answers[q]) - 1;
                n += 1;
            }
        }
        if n > 0 {
            *slot = Some(20 * points * crate::stats::SCALE / n);
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
    /// Each municipality's county.
    counties: HashMap<u32, u32>,
    effects: HashMap<u32, Ols>,
}

impl NationalAggregate {
    pub fn add(
        &mut self,
        municipality: &[u8],
        county: &[u8],
        area: &[u8],
        year: u16,
        values: &[Option<i64>; INDICES],
    ) {
        let (m, c, a, none) = (
            self.names.id(municipality),
            self.names.id(county),
            self.names.id(area),
            self.names.id(b""),
        );
        for key in [
            pack(0, m, a, year),
            pack(1, c, a, year),
            pack(2, none, a, year),
        ] {
            let sums = self.groups.entry(key).or_default();
            for (s, v) in sums.iter_mut().zip(values) {
                if let Some(v) = v {
                    s.add_units(*v);
                }
            }
        }
        self.counties.entry(m).or_insert(c);
        if let Some(all) = values.iter().copied().collect::<Option<Vec<i64>>>() {
            self.effects
                .entry(a)
                .or_insert_with(|| Ols::new(INDICES - 1))
                .add_units(&all[1..], all[0]);
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
        for (m, c) in &other.counties {
            let m = self.names.id(other.names.names[*m as usize].as_bytes());
            let c = self.names.id(other.names.names[*c as usize].as_bytes());
            self.counties.entry(m).or_insert(c);
        }
        for (area, ols) in &other.effects {
            let area = self.names.id(other.names.names[*area as usize].as_bytes());
            self.effects
                .entry(area)
                .or_insert_with(|| Ols::new(INDICES - 1))
                .merge(ols);
        }
    }

    /// Every group's sums by key, with each municipality's total (area "") added from the
    /// areas its year's rules count, sorted by key.
    fn sums(&self) -> Vec<(GroupKey, [Moments; INDICES])> {
        let mut totals: HashMap<u64, [Moments; INDICES]> = HashMap::new();
        let none = u64::from(
            self.names
                .ids
                .get(b"".as_slice())
                .copied()
                .unwrap_or(u32::MAX),
        );
        for (k, sums) in &self.groups {
            let key = self.key_of(*k);
            if key.level == "municipality" && insikt::for_year(key.year).in_total(&key.area) {
                let total =
                    (k >> 62) << 62 | (k >> 38 & 0xFF_FFFF) << 38 | none << 16 | (k & 0xFFFF);
                let mine = totals.entry(total).or_default();
                for (a, b) in mine.iter_mut().zip(sums) {
                    a.merge(b);
                }
            }
        }
        let mut all: Vec<(GroupKey, [Moments; INDICES])> = self
            .groups
            .iter()
            .chain(&totals)
            .map(|(k, sums)| (self.key_of(*k), *sums))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// The table: every group and index with n, value, the whole number its band is set on,
    /// interval, band and suppression (below the year's threshold, and what disclosure
    /// control adds), and the municipalities' rank per area and year by NKI among those with
    /// enough answers (≥ `rank_area` in an area, ≥ `rank_total` for the total), ties sharing
    /// a rank, each rank with the number ranked. `min_shown` raises the year's threshold.
    pub fn table(&self, min_shown: u64) -> Vec<NationalRow> {
        let names = index_names();
        let groups = self.sums();
        let threshold = |year: u16| {
            let mut t = insikt::for_year(year).thresholds;
            t.min_shown = t.min_shown.max(min_shown);
            t
        };
        let hidden = withheld(&groups, &self.county_of(), |year| threshold(year).min_shown);
        let ranks = rank(&groups, &hidden, &threshold);
        let mut rows = Vec::with_capacity(groups.len() * INDICES);
        for (g, (k, sums)) in groups.iter().enumerate() {
            let t = threshold(k.year);
            let total = k.level == "municipality" && k.area.is_empty();
            let rules = insikt::for_year(k.year);
            for (i, m) in sums.iter().enumerate() {
                let mut r = IndexResult::from_moments(m, &t);
                let withheld = hidden.contains(&(g, i));
                if withheld {
                    r = IndexResult::from_moments(&Moments::default(), &t);
                }
                rows.push(NationalRow {
                    key: k.clone(),
                    index: names[i],
                    n: (!withheld).then_some(m.n),
                    value: r.estimate.map(|e| e.mean),
                    whole: r.whole,
                    ci_low: r.estimate.map(|e| e.ci_low),
                    ci_high: r.estimate.map(|e| e.ci_high),
                    band: r.band,
                    suppressed: r.suppressed,
                    constant: r.constant,
                    rank: if i == 0 { ranks.get(&g).copied() } else { None },
                    total_areas: if total {
                        rules.total_areas.join("|")
                    } else {
                        String::new()
                    },
                    series_break: total && insikt::breaks_series(k.year),
                });
            }
        }
        rows
    }

    /// The county code of every municipality code.
    fn county_of(&self) -> HashMap<String, String> {
        self.counties
            .iter()
            .map(|(m, c)| {
                (
                    self.names.names[*m as usize].clone(),
                    self.names.names[*c as usize].clone(),
                )
            })
            .collect()
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
                        p_text: crate::numbers::p_value_sv(c.p),
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

/// A rank and the number ranked with it ("18 av 26").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rank {
    pub place: usize,
    pub of: usize,
}

/// The municipalities' ranks by NKI per area and year, among those shown with enough
/// answers: equal indices (compared exactly) share a place, the next place counts them
/// (1, 2, 2, 4); among equals the order is by code, which decides nothing.
fn rank(
    groups: &[(GroupKey, [Moments; INDICES])],
    hidden: &std::collections::HashSet<(usize, usize)>,
    threshold: &dyn Fn(u16) -> crate::nki::Thresholds,
) -> HashMap<usize, Rank> {
    let mut peers: HashMap<(&str, u16), Vec<(usize, &Moments)>> = HashMap::new();
    for (i, (k, sums)) in groups.iter().enumerate() {
        let t = threshold(k.year);
        let needed = if k.area.is_empty() {
            t.rank_total
        } else {
            t.rank_area
        };
        if k.level == "municipality"
            && !hidden.contains(&(i, 0))
            && sums[0].n >= needed.max(t.min_shown)
        {
            peers
                .entry((k.area.as_str(), k.year))
                .or_default()
                .push((i, &sums[0]));
        }
    }
    let mut ranks = HashMap::new();
    for list in peers.values_mut() {
        list.sort_by(|a, b| {
            b.1.cmp_mean(a.1)
                .then_with(|| groups[a.0].0.code.cmp(&groups[b.0].0.code))
        });
        let of = list.len();
        let mut place = 1;
        for (position, (i, m)) in list.iter().enumerate() {
            if position > 0 && list[position - 1].1.cmp_mean(m) != std::cmp::Ordering::Equal {
                place = position + 1;
            }
            ranks.insert(*i, Rank { place, of });
        }
    }
    ranks
}

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
    /// `p` as printed: three decimals, `< 0,001` below that.
    pub p_text: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NationalRow {
    #[serde(flatten)]
    pub key: GroupKey,
    pub index: &'static str,
    /// `None` where disclosure control withholds the cell.
    pub n: Option<u64>,
    pub value: Option<f64>,
    /// The value rounded half up to a whole number: the band is set on it.
    pub whole: Option<i64>,
    /// The interval, clamped to 0–100.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub band: Option<Band>,
    pub suppressed: bool,
    /// Every answer gave the same index: the interval has no width, which is no certainty.
    pub constant: bool,
    pub rank: Option<Rank>,
    /// For a municipality's total: the areas in it that year.
    pub total_areas: String,
    /// For a municipality's total: the year's total is defined otherwise than the year before's.
    pub series_break: bool,
}

/// The columns of the national table, in order.
pub const COLUMNS: [&str; 17] = [
    "level",
    "code",
    "area",
    "year",
    "index",
    "n",
    "value",
    "whole",
    "ci_low",
    "ci_high",
    "band",
    "suppressed",
    "constant",
    "rank",
    "ranked",
    "total_areas",
    "series_break",
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
            self.n.map_or(String::new(), |n| n.to_string()),
            num(self.value),
            self.whole.map_or(String::new(), |w| w.to_string()),
            num(self.ci_low),
            num(self.ci_high),
            self.band.map_or(String::new(), |b| b.message().to_string()),
            self.suppressed.to_string(),
            self.constant.to_string(),
            self.rank.map_or(String::new(), |r| r.place.to_string()),
            self.rank.map_or(String::new(), |r| r.of.to_string()),
            self.total_areas.clone(),
            self.series_break.to_string(),
        ]
    }
}

/// The national table's withheld cells as (group, index): per year and index, the
/// municipality totals over their areas, the counties' areas over their municipalities and
/// the nation's areas over the counties. `groups` are the table's groups in order;
/// `county_of` names each municipality's county; `threshold` gives a year's.
fn withheld(
    groups: &[(GroupKey, [crate::stats::Moments; INDICES])],
    county_of: &std::collections::HashMap<String, String>,
    threshold: impl Fn(u16) -> u64,
) -> HashSet<(usize, usize)> {
    use std::collections::HashMap;
    let position: HashMap<(&str, &str, &str, u16), usize> = groups
        .iter()
        .enumerate()
        .map(|(i, (k, _))| ((k.level, k.code.as_str(), k.area.as_str(), k.year), i))
        .collect();
    let mut by_year: std::collections::BTreeMap<u16, Vec<Sum>> = Default::default();
    // A municipality's total over its areas in the year's total.
    for (i, (k, _)) in groups.iter().enumerate() {
        if k.level != "municipality" || k.area.is_empty() {
            continue;
        }
        let sums = by_year.entry(k.year).or_default();
        let rules = crate::insikt::for_year(k.year);
        if rules.in_total(&k.area)
            && let Some(&total) = position.get(&("municipality", k.code.as_str(), "", k.year))
        {
            push_part(sums, total, i);
        }
        if let Some(county) = county_of.get(&k.code)
            && let Some(&total) =
                position.get(&("county", county.as_str(), k.area.as_str(), k.year))
        {
            push_part(sums, total, i);
        }
    }
    for (i, (k, _)) in groups.iter().enumerate() {
        if k.level == "county"
            && let Some(&total) = position.get(&("nation", "", k.area.as_str(), k.year))
        {
            push_part(by_year.entry(k.year).or_default(), total, i);
        }
    }
    let mut hidden = HashSet::new();
    for (year, sums) in &by_year {
        for index in 0..INDICES {
            let counts: Vec<u64> = groups.iter().map(|(_, m)| m[index].n).collect();
            // Only this year's cells take part: others are marked shown and appear in no sum.
            let withheld =
                crate::disclosure::withhold_within(&counts, sums, threshold(*year), |i| {
                    groups[i].0.year == *year
                });
            hidden.extend(withheld.into_iter().map(|g| (g, index)));
        }
    }
    hidden
}

fn push_part(sums: &mut Vec<Sum>, total: usize, part: usize) {
    match sums.iter_mut().find(|s| s.total == total) {
        Some(s) => s.parts.push(part),
        None => sums.push(Sum {
            total,
            parts: vec![part],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::units;

    #[test]
    fn answers_map_to_the_seven_indices_exactly() {
        let mut a = [0u8; QUESTIONS];
        a[..3].copy_from_slice(&[6, 5, 5]);
        a[3] = 6; // information: one of two answered
        let v = respondent_indices(&a);
        assert_eq!(v[0], Some(units(260.0 / 3.0)));
        assert_eq!(
            v[0].unwrap() % 3,
            0,
            "a third of an index is a whole number of units"
        );
        assert_eq!(v[1], Some(units(100.0)));
        assert_eq!(v[2], None);
    }

    fn same(x: f64) -> [Option<i64>; INDICES] {
        [Some(units(x)); INDICES]
    }

    fn find<'a>(
        rows: &'a [NationalRow],
        level: &str,
        code: &str,
        area: &str,
        year: u16,
    ) -> &'a NationalRow {
        rows.iter()
            .find(|r| {
                r.key.level == level
                    && r.key.code == code
                    && r.key.area == area
                    && r.key.year == year
                    && r.index == "nki"
            })
            .unwrap()
    }

    #[test]
    fn equal_indices_share_a_rank_and_every_rank_says_of_how_many() {
        let mut agg = NationalAggregate::default();
        for (code, base) in [
            (b"0139", 80.0),
            (b"0140", 80.0),
            (b"0180", 70.0),
            (b"0181", 60.0),
        ] {
            for i in 0..12 {
                agg.add(code, b"01", b"bygglov", 2025, &same(base + (i % 3) as f64));
            }
        }
        let rows = agg.table(7);
        let place = |code| {
            find(&rows, "municipality", code, "bygglov", 2025)
                .rank
                .unwrap()
        };
        assert_eq!(place("0139"), Rank { place: 1, of: 4 });
        assert_eq!(place("0140"), Rank { place: 1, of: 4 });
        assert_eq!(place("0180"), Rank { place: 3, of: 4 });
        assert_eq!(place("0181"), Rank { place: 4, of: 4 });
        // 12 answers are too few for the total ranking (20).
        assert_eq!(find(&rows, "municipality", "0139", "", 2025).rank, None);
    }

    #[test]
    fn from_2024_the_total_is_the_four_mandatory_areas_and_the_break_is_marked() {
        let mut agg = NationalAggregate::default();
        for year in [2023, 2024] {
            for _ in 0..10 {
                agg.add(b"0139", b"01", b"bygglov", year, &same(80.0));
                agg.add(b"0139", b"01", b"brandskydd", year, &same(40.0));
            }
        }
        let rows = agg.table(7);
        let old = find(&rows, "municipality", "0139", "", 2023);
        assert_eq!((old.n, old.value), (Some(20), Some(60.0)));
        assert!(!old.series_break && old.total_areas.contains("brandskydd"));
        let new = find(&rows, "municipality", "0139", "", 2024);
        assert_eq!((new.n, new.value), (Some(10), Some(80.0)));
        assert!(new.series_break && !new.total_areas.contains("brandskydd"));
        assert!(new.constant, "ten equal answers: an interval of no width");
    }

    #[test]
    fn a_half_is_rounded_up_before_the_band_is_set() {
        let mut agg = NationalAggregate::default();
        for i in 0..10 {
            agg.add(
                b"0139",
                b"01",
                b"bygglov",
                2025,
                &same(if i < 5 { 80.0 } else { 81.0 }),
            );
        }
        let row = find(&agg.table(7), "municipality", "0139", "bygglov", 2025).clone();
        assert_eq!((row.value, row.whole), (Some(80.5), Some(81)));
        assert_eq!(row.band, Some(Band::VeryHigh));
    }

    #[test]
    fn a_small_municipality_beside_its_county_takes_another_with_it() {
        let mut agg = NationalAggregate::default();
        for i in 0..12 {
            agg.add(
                b"0139",
                b"01",
                b"bygglov",
                2025,
                &same(80.0 + (i % 3) as f64),
            );
            agg.add(
                b"0180",
                b"01",
                b"bygglov",
                2025,
                &same(70.0 + (i % 3) as f64),
            );
        }
        for _ in 0..5 {
            agg.add(b"0181", b"01", b"bygglov", 2025, &same(90.0));
        }
        let rows = agg.table(7);
        let few = find(&rows, "municipality", "0181", "bygglov", 2025);
        assert!(few.suppressed && few.n.is_none() && few.rank.is_none());
        let hidden = ["0139", "0180"]
            .iter()
            .filter(|c| find(&rows, "municipality", c, "bygglov", 2025).suppressed)
            .count();
        assert_eq!(
            hidden, 1,
            "one more municipality is withheld beside the county's 29"
        );
        assert_eq!(find(&rows, "county", "01", "bygglov", 2025).n, Some(29));
        assert_eq!(find(&rows, "nation", "", "bygglov", 2025).n, Some(29));
    }

    #[test]
    fn the_table_is_the_same_however_the_answers_were_split() {
        type Answer<'a> = (&'a [u8], &'a [u8], u16, [Option<i64>; INDICES]);
        let answers: Vec<Answer> = (0..600)
            .map(|i: i64| {
                let code: &[u8] = [b"0139".as_slice(), b"0180", b"1280"][(i % 3) as usize];
                let area: &[u8] =
                    [b"bygglov".as_slice(), b"miljo", b"brandskydd"][(i % 7 % 3) as usize];
                let mut a = [0u8; QUESTIONS];
                for (q, slot) in a.iter_mut().enumerate() {
                    *slot = ((i * 7 + q as i64 * 3) % 6 + 1) as u8;
                }
                (code, area, 2024 + (i % 2) as u16, respondent_indices(&a))
            })
            .collect();
        let county = |code: &[u8]| {
            if code == b"1280" {
                b"12".as_slice()
            } else {
                b"01"
            }
        };
        let table_of = |parts: usize| {
            let mut total = NationalAggregate::default();
            for chunk in answers.chunks(answers.len().div_ceil(parts)) {
                let mut part = NationalAggregate::default();
                for (code, area, year, v) in chunk.iter().rev() {
                    part.add(code, county(code), area, *year, v);
                }
                total.merge(part);
            }
            let rows: Vec<Vec<String>> = total.table(7).iter().map(NationalRow::cells).collect();
            let effects = serde_json::to_string(&total.effects()).unwrap();
            (rows, effects)
        };
        let one = table_of(1);
        assert_eq!(one, table_of(2));
        assert_eq!(one, table_of(7));
    }
}
