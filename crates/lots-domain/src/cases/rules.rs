//! Cases (ärenden) from the municipality's case systems: the service areas they belong to,
//! the statutory deadlines computed from their dates, the fee reduction of a late bygglov,
//! and handling-time statistics.
//!
//! The law: PBL 9 kap. 27 § gives a bygglov decision 10 weeks from a complete application,
//! extendable once by at most 10 more weeks by a recorded decision; PBL 12 kap. 8 a § reduces
//! the fee by one fifth for every started week over the deadline. Förvaltningslagen 12 §
//! lets a party demand a decision when a case is undecided six months after it began.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// A service area as a municipality configures it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServiceArea {
    /// A short code, stable across renames: `bygglov`, `miljo`, …
    pub code: String,
    pub name: String,
    /// Measured with the Insikt survey when its cases close.
    pub measured: bool,
    pub rule: DeadlineRule,
}

/// How a case's decision deadline follows from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineRule {
    /// PBL 9:27: 10 weeks from the complete application, one extension of ≤ 10 weeks, and
    /// the fee reduction of 12:8 a.
    Pbl,
    /// No statutory deadline beyond förvaltningslagen's six months.
    None,
}

/// The default areas: Insikt's four mandatory ones, measured, and others.
pub fn default_areas() -> Vec<ServiceArea> {
    let area = |code: &str, name: &str, measured: bool, rule: DeadlineRule| ServiceArea {
        code: code.into(),
        name: name.into(),
        measured,
        rule,
    };
    vec![
        area("bygglov", "Bygglov", true, DeadlineRule::Pbl),
        area("miljo", "Miljö- och hälsoskydd", true, DeadlineRule::None),
        area("livsmedel", "Livsmedelskontroll", true, DeadlineRule::None),
        area("servering", "Serveringstillstånd", true, DeadlineRule::None),
        area("brandskydd", "Brandskydd", false, DeadlineRule::None),
        area(
            "markupplatelse",
            "Markupplåtelse",
            false,
            DeadlineRule::None,
        ),
        area("strandskydd", "Strandskydd", false, DeadlineRule::None),
        area("felanmalan", "Felanmälan", false, DeadlineRule::None),
        area("naringsliv", "Näringslivsfrågor", false, DeadlineRule::None),
    ]
}

/// The weeks PBL gives a bygglov decision, and the most an extension may add.
pub const PBL_WEEKS: i32 = 10;
pub const MAX_EXTENSION_WEEKS: i32 = 10;

/// The dates of a case that its deadlines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseDates {
    pub received: Option<Date>,
    pub complete: Option<Date>,
    pub decided: Option<Date>,
    /// Weeks added by a recorded extension decision (0 when none).
    pub extension_weeks: i32,
}

/// What is wrong with a case's dates: the field and the message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub field: &'static str,
    pub message: &'static str,
}

impl CaseDates {
    /// Checks the dates are in the order a case runs: received, complete, decided.
    pub fn check(&self) -> Result<(), DateError> {
        if let (Some(r), Some(d)) = (self.received, self.decided)
            && d < r
        {
            return Err(DateError {
                field: "decided_on",
                message: "the-decision-is-before-the-case-was-received",
            });
        }
        if let (Some(r), Some(c)) = (self.received, self.complete)
            && c < r
        {
            return Err(DateError {
                field: "complete_on",
                message: "the-case-cannot-be-complete-before-received",
            });
        }
        if !(0..=MAX_EXTENSION_WEEKS).contains(&self.extension_weeks) {
            return Err(DateError {
                field: "extension_weeks",
                message: "the-deadline-extends-at-most-ten-weeks",
            });
        }
        Ok(())
    }

    /// The decision deadline: `None` when the rule sets none or the application is not
    /// yet complete.
    pub fn deadline(&self, rule: DeadlineRule) -> Option<Date> {
        match rule {
            DeadlineRule::Pbl => {
                let weeks = PBL_WEEKS + self.extension_weeks.clamp(0, MAX_EXTENSION_WEEKS);
                self.complete?.checked_add((weeks * 7).days()).ok()
            }
            DeadlineRule::None => None,
        }
    }

    /// Days over the deadline on `today` (or on the decision day when decided); 0 within.
    pub fn days_over(&self, rule: DeadlineRule, today: Date) -> i64 {
        let Some(deadline) = self.deadline(rule) else {
            return 0;
        };
        let end = self.decided.unwrap_or(today);
        ((end - deadline).get_days() as i64).max(0)
    }

    /// Started weeks over the deadline (PBL 12:8 a counts a started week as a week).
    pub fn weeks_over(&self, rule: DeadlineRule, today: Date) -> i64 {
        (self.days_over(rule, today) + 6) / 7
    }

    /// The fee reduction in kronor: one fifth per started week over, at most the whole fee.
    /// Rounded to whole kronor in the applicant's favour.
    pub fn fee_reduction(&self, rule: DeadlineRule, fee_sek: i64, today: Date) -> i64 {
        if rule != DeadlineRule::Pbl {
            return 0;
        }
        let fifths = self.weeks_over(rule, today).min(5);
        (fee_sek * fifths + 4) / 5
    }

    /// Undecided six months after it began: the party may demand a decision.
    pub fn undecided_six_months(&self, today: Date) -> bool {
        match (self.received, self.decided) {
            (Some(r), None) => r
                .checked_add(Span::new().months(6))
                .is_ok_and(|limit| today >= limit),
            _ => false,
        }
    }

    /// Days from received to decided, when both are known.
    pub fn handling_days(&self) -> Option<i64> {
        Some((self.decided? - self.received?).get_days() as i64)
    }

    /// Decided within the deadline; `None` when there is no deadline or no decision.
    pub fn within_deadline(&self, rule: DeadlineRule) -> Option<bool> {
        Some(self.decided? <= self.deadline(rule)?)
    }
}

/// Handling-time statistics of a group of decided cases.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HandlingTimes {
    pub decided: usize,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
    /// Of the decided cases with a deadline, the share decided within it.
    pub within_deadline: Option<f64>,
    pub with_deadline: usize,
}

/// Accumulates one group's handling times as a histogram of days, so a group of a million
/// cases is a few hundred counts and can be summed from the database's own grouping.
#[derive(Debug, Clone, Default)]
pub struct HandlingAccumulator {
    days: std::collections::BTreeMap<i64, u64>,
    with_deadline: usize,
    within: usize,
}

impl HandlingAccumulator {
    pub fn add(&mut self, days: Option<i64>, within_deadline: Option<bool>) {
        if let Some(d) = days {
            *self.days.entry(d).or_default() += 1;
        }
        if let Some(w) = within_deadline {
            self.with_deadline += 1;
            self.within += usize::from(w);
        }
    }

    /// Adds `count` cases decided after `days`, of which `with_deadline` had a deadline and
    /// `within` met it.
    pub fn add_count(&mut self, days: i64, count: u64, with_deadline: u64, within: u64) {
        *self.days.entry(days).or_default() += count;
        self.with_deadline += with_deadline as usize;
        self.within += within as usize;
    }

    pub fn merge(&mut self, other: &HandlingAccumulator) {
        for (d, n) in &other.days {
            *self.days.entry(*d).or_default() += n;
        }
        self.with_deadline += other.with_deadline;
        self.within += other.within;
    }

    pub fn finish(self) -> HandlingTimes {
        HandlingTimes {
            decided: self.days.values().sum::<u64>() as usize,
            median_days: percentile(&self.days, 0.5),
            p90_days: percentile(&self.days, 0.9),
            within_deadline: (self.with_deadline > 0)
                .then(|| self.within as f64 / self.with_deadline as f64),
            with_deadline: self.with_deadline,
        }
    }
}

/// The `q` quantile of values given as counts per value, by linear interpolation between
/// the closest ranks (the method of Excel's PERCENTILE.INC and NumPy's default), so a
/// statistician can check it.
pub fn percentile(counts: &std::collections::BTreeMap<i64, u64>, q: f64) -> Option<f64> {
    let n: u64 = counts.values().sum();
    if n == 0 {
        return None;
    }
    let rank = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let (low, high) = (rank.floor() as u64, rank.ceil() as u64);
    let value_at = |r: u64| {
        let mut seen = 0;
        for (v, c) in counts {
            seen += c;
            if r < seen {
                return *v;
            }
        }
        *counts.keys().next_back().unwrap_or(&0)
    };
    let (a, b) = (value_at(low) as f64, value_at(high) as f64);
    Some(a + (b - a) * (rank - low as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn bygglov(complete: Date, decided: Option<Date>, extension_weeks: i32) -> CaseDates {
        CaseDates {
            received: Some(complete),
            complete: Some(complete),
            decided,
            extension_weeks,
        }
    }

    #[test]
    fn a_bygglov_has_ten_weeks_from_the_complete_application() {
        let case = bygglov(date(2026, 3, 2), None, 0);
        assert_eq!(case.deadline(DeadlineRule::Pbl), Some(date(2026, 5, 11)));
        let extended = bygglov(date(2026, 3, 2), None, 10);
        assert_eq!(
            extended.deadline(DeadlineRule::Pbl),
            Some(date(2026, 7, 20))
        );
        assert_eq!(case.deadline(DeadlineRule::None), None);
        let incomplete = CaseDates {
            received: Some(date(2026, 3, 2)),
            ..Default::default()
        };
        assert_eq!(incomplete.deadline(DeadlineRule::Pbl), None);
    }

    #[test]
    fn the_fee_drops_a_fifth_per_started_week_over() {
        let fee = 24_000;
        let on_time = bygglov(date(2026, 3, 2), Some(date(2026, 5, 11)), 0);
        assert_eq!(
            on_time.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            0
        );
        // One day over is a started week: a fifth.
        let one_day = bygglov(date(2026, 3, 2), Some(date(2026, 5, 12)), 0);
        assert_eq!(one_day.weeks_over(DeadlineRule::Pbl, date(2026, 12, 1)), 1);
        assert_eq!(
            one_day.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            4_800
        );
        // Seven days over is still one week; eight days is two.
        let seven = bygglov(date(2026, 3, 2), Some(date(2026, 5, 18)), 0);
        assert_eq!(
            seven.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            4_800
        );
        let eight = bygglov(date(2026, 3, 2), Some(date(2026, 5, 19)), 0);
        assert_eq!(
            eight.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            9_600
        );
        // Five started weeks or more: no fee at all.
        let late = bygglov(date(2026, 3, 2), Some(date(2026, 8, 1)), 0);
        assert_eq!(
            late.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            fee
        );
        // Undecided: counted to today.
        let open = bygglov(date(2026, 3, 2), None, 0);
        assert_eq!(
            open.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 5, 20)),
            9_600
        );
        // An extension moves the deadline; no reduction for other areas.
        let extended = bygglov(date(2026, 3, 2), Some(date(2026, 6, 1)), 4);
        assert_eq!(
            extended.fee_reduction(DeadlineRule::Pbl, fee, date(2026, 12, 1)),
            0
        );
        assert_eq!(
            late.fee_reduction(DeadlineRule::None, fee, date(2026, 12, 1)),
            0
        );
    }

    #[test]
    fn six_months_undecided_is_flagged() {
        let case = CaseDates {
            received: Some(date(2026, 1, 15)),
            ..Default::default()
        };
        assert!(!case.undecided_six_months(date(2026, 7, 14)));
        assert!(case.undecided_six_months(date(2026, 7, 15)));
        let decided = CaseDates {
            decided: Some(date(2026, 2, 1)),
            ..case
        };
        assert!(!decided.undecided_six_months(date(2027, 1, 1)));
    }

    #[test]
    fn dates_out_of_order_are_refused() {
        let bad = CaseDates {
            received: Some(date(2026, 3, 2)),
            decided: Some(date(2026, 3, 1)),
            ..Default::default()
        };
        assert_eq!(bad.check().unwrap_err().field, "decided_on");
        let long = CaseDates {
            extension_weeks: 11,
            ..Default::default()
        };
        assert_eq!(long.check().unwrap_err().field, "extension_weeks");
        assert!(
            bygglov(date(2026, 3, 2), Some(date(2026, 4, 1)), 10)
                .check()
                .is_ok()
        );
    }

    #[test]
    fn percentiles_follow_linear_interpolation() {
        let counts = |values: &[i64]| {
            let mut m = std::collections::BTreeMap::new();
            for v in values {
                *m.entry(*v).or_insert(0) += 1;
            }
            m
        };
        let days = counts(&[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
        assert_eq!(percentile(&days, 0.5), Some(55.0));
        assert_eq!(percentile(&days, 0.9), Some(91.0));
        assert_eq!(percentile(&counts(&[7]), 0.9), Some(7.0));
        assert_eq!(percentile(&counts(&[]), 0.5), None);
        // Repeated values count once each: 5, 5, 5, 9 has its median at 5.
        assert_eq!(percentile(&counts(&[5, 9, 5, 5]), 0.5), Some(5.0));
        let p90 = percentile(&counts(&[5, 9, 5, 5]), 0.9).unwrap();
        assert!((p90 - 7.8).abs() < 1e-9, "{p90}");
    }

    #[test]
    fn handling_times_count_the_share_within_deadline() {
        let mut acc = HandlingAccumulator::default();
        for (days, within) in [
            (30, Some(true)),
            (80, Some(false)),
            (50, None),
            (40, Some(true)),
        ] {
            acc.add(Some(days), within);
        }
        acc.add(None, None);
        let t = acc.finish();
        assert_eq!(t.decided, 4);
        assert_eq!(t.median_days, Some(45.0));
        assert_eq!(t.with_deadline, 3);
        assert!((t.within_deadline.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    }
}
