//! Insikt's rules by measurement year, read from `data/insikt_rules.csv`: which service
//! areas make a municipality's total NKI and the thresholds for showing and ranking. A
//! change of rules is data, not code, and a year whose total differs from the year
//! before's is a break in the series that trend views mark.

use std::sync::OnceLock;

use crate::nki::Thresholds;

/// One definition, in force from `from_year` until the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRules {
    pub from_year: u16,
    pub total_areas: Vec<String>,
    /// Reported beside the total, not in it.
    pub beside: Vec<String>,
    pub thresholds: Thresholds,
    pub source: String,
}

impl YearRules {
    pub fn in_total(&self, area: &str) -> bool {
        self.total_areas.iter().any(|a| a == area)
    }
}

/// Every definition, oldest first.
pub fn rules() -> &'static [YearRules] {
    static RULES: OnceLock<Vec<YearRules>> = OnceLock::new();
    RULES.get_or_init(|| parse(include_str!("../../../../data/insikt_rules.csv")))
}

/// The rules of a measurement year.
pub fn for_year(year: u16) -> &'static YearRules {
    let all = rules();
    all.iter()
        .rev()
        .find(|r| r.from_year <= year)
        .unwrap_or(&all[0])
}

/// Whether `year`'s total is defined otherwise than the year before's.
pub fn breaks_series(year: u16) -> bool {
    year > 0 && for_year(year).total_areas != for_year(year - 1).total_areas
}

fn parse(csv_text: &str) -> Vec<YearRules> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let list = |s: &str| -> Vec<String> {
        s.split('|')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut out: Vec<YearRules> = reader
        .records()
        .map(|r| {
            let r = r.expect("data/insikt_rules.csv is well-formed");
            let number = |i: usize| r[i].parse::<f64>().expect("a number in insikt_rules.csv");
            YearRules {
                from_year: r[0].parse().expect("a year in insikt_rules.csv"),
                total_areas: list(&r[1]),
                beside: list(&r[2]),
                thresholds: Thresholds {
                    min_shown: number(3) as u64,
                    rank_area: number(4) as u64,
                    rank_total: number(5) as u64,
                    rate_total: number(6),
                    rate_area: number(7),
                },
                source: r[8].to_string(),
            }
        })
        .collect();
    out.sort_by_key(|r| r.from_year);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_2024_the_total_is_the_four_mandatory_areas() {
        let old = for_year(2023);
        assert_eq!(old.total_areas.len(), 6);
        let new = for_year(2024);
        assert_eq!(
            new.total_areas,
            ["bygglov", "miljo", "livsmedel", "servering"]
        );
        assert_eq!(new.beside, ["brandskydd", "markupplatelse"]);
        assert!(!new.in_total("brandskydd") && new.in_total("servering"));
        assert_eq!(for_year(2031), new);
        assert!(breaks_series(2024));
        assert!(!breaks_series(2025) && !breaks_series(2023));
        assert_eq!(new.thresholds, Thresholds::default());
        assert!(new.source.contains("2024"));
    }
}
