//! NKI (Nöjd-Kund-Index) and the service-factor indices as SCB and SKR's Insikt compute
//! them: answers on any scale mapped to 0–100, a respondent's index as the (weighted) mean
//! of their mapped answers, the reported index as the mean over respondents with a 95 %
//! confidence interval, SKR's grade bands, Insikt's thresholds for showing and ranking,
//! and the priority matrix from each factor's effect on NKI.

use crate::stats::{Estimate, Moments, Regression};

/// One answer on a scale `min..=max`, mapped linearly to 0–100.
pub fn to_index(value: f64, min: f64, max: f64) -> f64 {
    (value - min) / (max - min) * 100.0
}

/// An answer to one question feeding an index, with the question's scale and weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaledAnswer {
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub weight: f64,
}

/// A respondent's index: the weighted mean of their mapped answers. Unanswered questions
/// and "vet ej" are left out before calling; `None` when nothing is left.
pub fn respondent_index(answers: &[ScaledAnswer]) -> Option<f64> {
    respondent_units(answers).map(crate::stats::value_of)
}

/// [`respondent_index`] in exact units of `1 / stats::SCALE`: whole answers on whole scales
/// with whole weights give the index exactly; anything else is rounded to the nearest unit.
pub fn respondent_units(answers: &[ScaledAnswer]) -> Option<i64> {
    let weight: f64 = answers.iter().map(|a| a.weight).sum();
    if answers.is_empty() || weight <= 0.0 {
        return None;
    }
    let hundred = 100 * i128::from(crate::stats::SCALE);
    let whole = |x: f64| (x.fract() == 0.0 && x.abs() < 1e12).then_some(x as i128);
    let exact = answers.iter().try_fold(0i128, |total, a| {
        let (v, min, max, w) = (
            whole(a.value)?,
            whole(a.min)?,
            whole(a.max)?,
            whole(a.weight)?,
        );
        let span = max - min;
        (span > 0 && hundred % span == 0).then(|| total + w * (v - min) * (hundred / span))
    });
    match (exact, whole(weight)) {
        (Some(total), Some(w)) if w > 0 && total % w == 0 => Some((total / w) as i64),
        _ => Some(crate::stats::units(
            answers
                .iter()
                .map(|a| a.weight * to_index(a.value, a.min, a.max))
                .sum::<f64>()
                / weight,
        )),
    }
}

/// SKR's grade bands for a service index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    VeryHigh,
    High,
    Approved,
    Low,
    VeryLow,
}

impl Band {
    /// Bands are set on the index as published: rounded half up to a whole number.
    pub fn of(index: f64) -> Band {
        Band::of_whole((index + 0.5).floor() as i64)
    }

    /// The band of an index already rounded to a whole number.
    pub fn of_whole(index: i64) -> Band {
        match index {
            i if i > 80 => Band::VeryHigh,
            70..=80 => Band::High,
            62..=69 => Band::Approved,
            50..=61 => Band::Low,
            _ => Band::VeryLow,
        }
    }

    /// The message id of its name, also its code in data files.
    pub fn message(self) -> &'static str {
        match self {
            Band::VeryHigh => "very-high",
            Band::High => "high",
            Band::Approved => "approved",
            Band::Low => "low",
            Band::VeryLow => "very-low",
        }
    }
}

/// Insikt's rules for when a result may be shown and ranked.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Thresholds {
    /// Fewer answers than this: the result is not shown (nor its free text).
    pub min_shown: u64,
    /// Answers a service area needs to be ranked.
    pub rank_area: u64,
    /// Answers the total needs to be ranked …
    pub rank_total: u64,
    /// … with at least this response rate overall …
    pub rate_total: f64,
    /// … and at least this in every area.
    pub rate_area: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_shown: 7,
            rank_area: 10,
            rank_total: 20,
            rate_total: 0.40,
            rate_area: 0.30,
        }
    }
}

impl Thresholds {
    pub fn shown(&self, n: u64) -> bool {
        n >= self.min_shown
    }

    pub fn area_ranked(&self, n: u64) -> bool {
        n >= self.rank_area
    }

    /// Whether a municipality's total is ranked: enough answers, enough responses overall
    /// and in each of its areas (given as response rates).
    pub fn total_ranked(&self, n: u64, rate: f64, area_rates: &[f64]) -> bool {
        n >= self.rank_total
            && rate >= self.rate_total
            && area_rates.iter().all(|r| *r >= self.rate_area)
    }
}

/// A reported index: the estimate with its band, or suppressed below the threshold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct IndexResult {
    pub n: u64,
    /// `None` when suppressed.
    pub estimate: Option<Estimate>,
    /// The index rounded half up to a whole number, as published: the band is set on it.
    pub whole: Option<i64>,
    pub band: Option<Band>,
    pub suppressed: bool,
    /// Every answer gave the same index: the interval has no width, which is no certainty.
    pub constant: bool,
}

impl IndexResult {
    pub fn from_moments(m: &Moments, thresholds: &Thresholds) -> IndexResult {
        if !thresholds.shown(m.n) {
            return IndexResult {
                n: m.n,
                estimate: None,
                whole: None,
                band: None,
                suppressed: true,
                constant: false,
            };
        }
        let estimate = m.estimate().map(|mut e| {
            // An index lives on 0–100; the interval of a small group may not leave it.
            e.ci_low = e.ci_low.max(0.0);
            e.ci_high = e.ci_high.min(100.0);
            e
        });
        let whole = estimate.and(m.rounded_mean());
        IndexResult {
            n: m.n,
            band: whole.map(Band::of_whole),
            whole,
            estimate,
            suppressed: false,
            constant: m.constant(),
        }
    }
}

/// The quadrants of the priority matrix: index (high/low) against effect on NKI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High index, high effect.
    Preserve,
    /// Low index, low effect.
    ImproveIfPossible,
    /// High index, low effect.
    LowerPriority,
    /// Low index, high effect: where improvement moves NKI the most.
    Prioritise,
}

impl Quadrant {
    /// The message id of its name, also its code in data files.
    pub fn message(self) -> &'static str {
        match self {
            Quadrant::Preserve => "preserve",
            Quadrant::ImproveIfPossible => "improve-if-possible",
            Quadrant::LowerPriority => "lower-priority",
            Quadrant::Prioritise => "prioritise",
        }
    }
}

/// One service factor in the effect analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FactorEffect {
    pub factor: String,
    pub index: f64,
    /// NKI points per index point of the factor (the regression coefficient).
    pub effect: f64,
    pub p: f64,
    pub significant: bool,
    pub quadrant: Quadrant,
}

/// Places each factor in the matrix, split at the mean index and the mean effect of the
/// factors (as Insikt's reports draw it).
pub fn priority_matrix(
    factors: &[String],
    indices: &[f64],
    regression: &Regression,
) -> Vec<FactorEffect> {
    let k = factors.len() as f64;
    let mean_index = indices.iter().sum::<f64>() / k;
    let mean_effect = regression
        .coefficients
        .iter()
        .map(|c| c.estimate)
        .sum::<f64>()
        / k;
    factors
        .iter()
        .zip(indices)
        .zip(&regression.coefficients)
        .map(|((factor, &index), c)| {
            let quadrant = match (index >= mean_index, c.estimate >= mean_effect) {
                (true, true) => Quadrant::Preserve,
                (false, true) => Quadrant::Prioritise,
                (true, false) => Quadrant::LowerPriority,
                (false, false) => Quadrant::ImproveIfPossible,
            };
            FactorEffect {
                factor: factor.clone(),
                index,
                effect: c.estimate,
                p: c.p,
                significant: c.significant,
                quadrant,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Ols;
    use proptest::prelude::*;

    fn answers(values: &[f64], min: f64, max: f64) -> Vec<ScaledAnswer> {
        values
            .iter()
            .map(|&value| ScaledAnswer {
                value,
                min,
                max,
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn hand_computed_respondents() {
        // 6, 5 and 4 on a 1–6 scale: (100 + 80 + 60) / 3 = 80.
        assert_eq!(
            respondent_index(&answers(&[6.0, 5.0, 4.0], 1.0, 6.0)),
            Some(80.0)
        );
        // 10, 8 and 7 on a 1–10 scale: (100 + 77.78 + 66.67) / 3 = 81.48, published 81.5.
        let nki = respondent_index(&answers(&[10.0, 8.0, 7.0], 1.0, 10.0)).unwrap();
        assert_eq!((nki * 10.0).round() / 10.0, 81.5);
        assert_eq!(respondent_index(&[]), None);
        let weighted = [
            ScaledAnswer {
                value: 6.0,
                min: 1.0,
                max: 6.0,
                weight: 2.0,
            },
            ScaledAnswer {
                value: 1.0,
                min: 1.0,
                max: 6.0,
                weight: 1.0,
            },
        ];
        assert!((respondent_index(&weighted).unwrap() - 200.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn grade_bands_follow_skr() {
        assert_eq!(Band::of(80.4), Band::High);
        assert_eq!(Band::of(80.6), Band::VeryHigh);
        assert_eq!(Band::of(70.0), Band::High);
        assert_eq!(Band::of(69.4), Band::Approved);
        assert_eq!(Band::of(62.0), Band::Approved);
        assert_eq!(Band::of(61.0), Band::Low);
        assert_eq!(Band::of(50.0), Band::Low);
        assert_eq!(Band::of(49.4), Band::VeryLow);
    }

    #[test]
    fn fewer_than_seven_answers_are_not_shown() {
        let t = Thresholds::default();
        let six = IndexResult::from_moments(&Moments::of(&[80.0; 6]), &t);
        assert!(six.suppressed && six.estimate.is_none() && six.band.is_none());
        let seven = IndexResult::from_moments(&Moments::of(&[80.0; 7]), &t);
        assert!(!seven.suppressed);
        assert_eq!(seven.band, Some(Band::High));
        assert!(t.area_ranked(10) && !t.area_ranked(9));
        assert!(t.total_ranked(20, 0.4, &[0.3, 0.5]));
        assert!(!t.total_ranked(20, 0.4, &[0.29, 0.5]));
        assert!(!t.total_ranked(19, 0.9, &[]));
        assert!(!t.total_ranked(40, 0.39, &[]));
    }

    #[test]
    fn the_interval_stays_on_the_index_scale() {
        let r = IndexResult::from_moments(
            &Moments::of(&[100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 40.0]),
            &Thresholds::default(),
        );
        let e = r.estimate.unwrap();
        assert!(e.ci_high <= 100.0 && e.ci_low < e.mean);
    }

    #[test]
    fn the_priority_matrix_puts_each_factor_in_its_quadrant() {
        // NKI driven strongly by factor a, weakly by b, c and d.
        let mut ols = Ols::new(4);
        for i in 0..400 {
            let x = [
                (i % 7) as f64 * 10.0,
                ((i * 3) % 11) as f64 * 9.0,
                ((i * 5) % 13) as f64 * 7.0,
                ((i * 7) % 17) as f64 * 6.0,
            ];
            ols.add(
                &x,
                10.0 + 0.6 * x[0] + 0.1 * x[1] + 0.3 * x[2] + 0.05 * x[3],
            );
        }
        let fit = ols.fit().unwrap();
        let names: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let m = priority_matrix(&names, &[60.0, 85.0, 82.0, 55.0], &fit);
        let quadrants: Vec<Quadrant> = m.iter().map(|f| f.quadrant).collect();
        assert_eq!(
            quadrants,
            [
                Quadrant::Prioritise,
                Quadrant::LowerPriority,
                Quadrant::Preserve,
                Quadrant::ImproveIfPossible
            ]
        );
        assert_eq!(Quadrant::Prioritise.message(), "prioritise");
    }

    proptest! {
        #[test]
        fn an_index_is_always_between_0_and_100(
            min in 0i32..5, span in 1i32..10, picks in proptest::collection::vec(0.0f64..1.0, 1..6)
        ) {
            let (min, max) = (min as f64, (min + span) as f64);
            let values: Vec<f64> = picks.iter().map(|p| min + (p * span as f64).round()).collect();
            let i = respondent_index(&answers(&values, min, max)).unwrap();
            prop_assert!((0.0..=100.0).contains(&i));
        }
    }
}
