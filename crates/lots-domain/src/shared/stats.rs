//! The statistics survey results rest on: a mean with its 95 % confidence interval,
//! Welch's test between two periods, and least-squares regression accumulated row by row
//! so a million respondents never need to sit in memory.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// The two-sided significance level used throughout.
pub const ALPHA: f64 = 0.05;

/// The 1 − α/2 quantile of Student's t with `df` degrees of freedom.
pub fn t_quantile(df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |t| t.inverse_cdf(1.0 - ALPHA / 2.0))
}

/// [`t_quantile`] for whole degrees of freedom, remembered per thread: a results table
/// asks for the same few thousand values tens of thousands of times, and each costs an
/// inverse incomplete beta function.
fn t_quantile_whole(df: u64) -> f64 {
    thread_local! {
        static KNOWN: std::cell::RefCell<std::collections::HashMap<u64, f64>> =
            std::cell::RefCell::default();
    }
    KNOWN.with(|k| {
        *k.borrow_mut()
            .entry(df)
            .or_insert_with(|| t_quantile(df as f64))
    })
}

/// The two-sided p-value of a t statistic.
pub fn p_value(t: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |d| 2.0 * (1.0 - d.cdf(t.abs())))
}

/// Values are summed as whole numbers of `1 / SCALE`. A respondent's index on an answer
/// scale of up to eleven steps (a span that divides 2 520), averaged over up to twenty
/// questions (a count that divides 232 792 560), is a whole number of these units, so every
/// sum below is exact: the same in any order, on one core or many, to the last digit.
pub const SCALE: i64 = 2_520 * 232_792_560;

/// A value as whole units of `1 / SCALE` (rounded half away from zero when it is not one).
pub fn units(x: f64) -> i64 {
    (x * SCALE as f64).round() as i64
}

/// Units back as a number.
pub fn value_of(units: i64) -> f64 {
    units as f64 / SCALE as f64
}

/// Exact running sums of a sample: count, sum and sum of squares in units (mergeable across
/// groups in any order), and the smallest and largest value, which tell a sample where
/// every value is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moments {
    pub n: u64,
    sum: i128,
    sum_sq: i128,
    min: i64,
    max: i64,
}

impl Default for Moments {
    fn default() -> Self {
        Moments {
            n: 0,
            sum: 0,
            sum_sq: 0,
            min: i64::MAX,
            max: i64::MIN,
        }
    }
}

impl Moments {
    /// Adds a value given in units of `1 / SCALE`.
    pub fn add_units(&mut self, u: i64) {
        self.n += 1;
        self.sum += i128::from(u);
        self.sum_sq += i128::from(u) * i128::from(u);
        self.min = self.min.min(u);
        self.max = self.max.max(u);
    }

    pub fn add(&mut self, x: f64) {
        self.add_units(units(x));
    }

    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// A sample from sums counted elsewhere (a database's `GROUP BY`): count, sum and sum
    /// of squares in units, smallest and largest value.
    pub fn from_sums(n: u64, sum: i128, sum_sq: i128, min: i64, max: i64) -> Moments {
        if n == 0 {
            return Moments::default();
        }
        Moments {
            n,
            sum,
            sum_sq,
            min,
            max,
        }
    }

    pub fn of(xs: &[f64]) -> Moments {
        let mut m = Moments::default();
        xs.iter().for_each(|x| m.add(*x));
        m
    }

    pub fn mean(&self) -> f64 {
        self.sum as f64 / (self.n as f64 * SCALE as f64)
    }

    /// The mean rounded half up to a whole number, computed exactly (80.5 → 81).
    pub fn rounded_mean(&self) -> Option<i64> {
        if self.n == 0 {
            return None;
        }
        let d = i128::from(self.n) * i128::from(SCALE);
        Some((2 * self.sum + d).div_euclid(2 * d) as i64)
    }

    /// Compares two samples' means exactly.
    pub fn cmp_mean(&self, other: &Moments) -> std::cmp::Ordering {
        let (a, b) = (self.sum, other.sum);
        let (na, nb) = (i128::from(self.n), i128::from(other.n));
        match (a.checked_mul(nb), b.checked_mul(na)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => self.mean().total_cmp(&other.mean()),
        }
    }

    /// Whether every value is the same (an interval of zero width says nothing of certainty).
    pub fn constant(&self) -> bool {
        self.n > 0 && self.min == self.max
    }

    /// The sample variance (n − 1 in the denominator); 0 for fewer than two values.
    pub fn variance(&self) -> f64 {
        if self.n < 2 || self.constant() {
            return 0.0;
        }
        let n = i128::from(self.n);
        let scale2 = SCALE as f64 * SCALE as f64;
        let spread = n
            .checked_mul(self.sum_sq)
            .and_then(|a| self.sum.checked_mul(self.sum).map(|b| a - b));
        let variance = match spread {
            // n Σx² − (Σx)², exact, over n (n − 1).
            Some(spread) => spread as f64 / scale2 / (self.n as f64 * (self.n as f64 - 1.0)),
            None => {
                let (sum, sum_sq) = (self.sum as f64, self.sum_sq as f64);
                (sum_sq - sum * sum / self.n as f64) / scale2 / (self.n as f64 - 1.0)
            }
        };
        variance.max(0.0)
    }

    /// Mean, standard error and the 95 % interval (Student's t, n − 1 degrees of freedom).
    pub fn estimate(&self) -> Option<Estimate> {
        if self.n == 0 {
            return None;
        }
        let mean = self.mean();
        let se = (self.variance() / self.n as f64).sqrt();
        let half = if self.n > 1 {
            t_quantile_whole(self.n - 1) * se
        } else {
            f64::NAN
        };
        Some(Estimate {
            n: self.n,
            mean,
            se,
            ci_low: mean - half,
            ci_high: mean + half,
        })
    }
}

/// A mean with its standard error and 95 % confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Estimate {
    pub n: u64,
    pub mean: f64,
    pub se: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// The difference between two periods' means and whether it is statistically significant
/// (Welch's unequal-variance t-test, two-sided, 5 %).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Comparison {
    pub difference: f64,
    pub t: f64,
    pub df: f64,
    pub p: f64,
    pub significant: bool,
}

pub fn welch(now: &Moments, before: &Moments) -> Option<Comparison> {
    if now.n < 2 || before.n < 2 {
        return None;
    }
    let (v1, v2) = (
        now.variance() / now.n as f64,
        before.variance() / before.n as f64,
    );
    let difference = now.mean() - before.mean();
    let se = (v1 + v2).sqrt();
    if se == 0.0 {
        return Some(Comparison {
            difference,
            t: f64::INFINITY.copysign(difference),
            df: (now.n + before.n - 2) as f64,
            p: if difference == 0.0 { 1.0 } else { 0.0 },
            significant: difference != 0.0,
        });
    }
    let t = difference / se;
    let df =
        (v1 + v2).powi(2) / (v1 * v1 / (now.n as f64 - 1.0) + v2 * v2 / (before.n as f64 - 1.0));
    let p = p_value(t, df);
    Some(Comparison {
        difference,
        t,
        df,
        p,
        significant: p < ALPHA,
    })
}

/// Ordinary least squares with an intercept, from sums accumulated one observation at a
/// time (XᵀX, Xᵀy, yᵀy) in exact units of [`SCALE`]; groups can be merged in any order with
/// the same result, so the effect analysis of every area is one pass over the answers on
/// any number of cores.
#[derive(Debug, Clone, PartialEq)]
pub struct Ols {
    k: usize,
    n: u64,
    /// (k + 1)² entries of XᵀX, the intercept first; products of units.
    xtx: Vec<i128>,
    xty: Vec<i128>,
    yty: i128,
    y: Moments,
}

/// One coefficient: the estimate, its standard error, t and p.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Coefficient {
    pub estimate: f64,
    pub se: f64,
    pub t: f64,
    pub p: f64,
    pub significant: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Regression {
    pub n: u64,
    pub intercept: f64,
    /// One per predictor, in the order they were given.
    pub coefficients: Vec<Coefficient>,
    pub r2: f64,
}

impl Ols {
    pub fn new(predictors: usize) -> Ols {
        let d = predictors + 1;
        Ols {
            k: predictors,
            n: 0,
            xtx: vec![0; d * d],
            xty: vec![0; d],
            yty: 0,
            y: Moments::default(),
        }
    }

    pub fn add(&mut self, x: &[f64], y: f64) {
        let x: Vec<i64> = x.iter().map(|v| units(*v)).collect();
        self.add_units(&x, units(y));
    }

    /// Adds one observation given in units of `1 / SCALE`.
    pub fn add_units(&mut self, x: &[i64], y: i64) {
        debug_assert_eq!(x.len(), self.k);
        let d = self.k + 1;
        // The intercept's column is 1, held as SCALE units like every other value.
        let row = |i: usize| i128::from(if i == 0 { SCALE } else { x[i - 1] });
        let y = i128::from(y);
        for i in 0..d {
            let xi = row(i);
            self.xty[i] += xi * y;
            for j in i..d {
                self.xtx[i * d + j] += xi * row(j);
            }
        }
        self.yty += y * y;
        self.y.add_units(y as i64);
        self.n += 1;
    }

    pub fn merge(&mut self, other: &Ols) {
        self.xtx
            .iter_mut()
            .zip(&other.xtx)
            .for_each(|(a, b)| *a += b);
        self.xty
            .iter_mut()
            .zip(&other.xty)
            .for_each(|(a, b)| *a += b);
        self.yty += other.yty;
        self.y.merge(&other.y);
        self.n += other.n;
    }

    /// The fitted model; `None` with too few observations or collinear predictors.
    pub fn fit(&self) -> Option<Regression> {
        let d = self.k + 1;
        if self.n <= d as u64 {
            return None;
        }
        let scale2 = SCALE as f64 * SCALE as f64;
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                a[i * d + j] = self.xtx[i.min(j) * d + i.max(j)] as f64 / scale2;
            }
        }
        let xty: Vec<f64> = self.xty.iter().map(|v| *v as f64 / scale2).collect();
        let inverse = invert(&a, d)?;
        let beta: Vec<f64> = (0..d)
            .map(|i| (0..d).map(|j| inverse[i * d + j] * xty[j]).sum())
            .collect();
        let explained: f64 = beta.iter().zip(&xty).map(|(b, v)| b * v).sum();
        let rss = (self.yty as f64 / scale2 - explained).max(0.0);
        let df = (self.n - d as u64) as f64;
        let sigma2 = rss / df;
        let tss = self.y.variance() * (self.n as f64 - 1.0);
        let r2 = if tss > 0.0 { 1.0 - rss / tss } else { 0.0 };
        let coefficients = (1..d)
            .map(|i| {
                let se = (sigma2 * inverse[i * d + i]).sqrt();
                let t = beta[i] / se;
                let p = p_value(t, df);
                Coefficient {
                    estimate: beta[i],
                    se,
                    t,
                    p,
                    significant: p < ALPHA,
                }
            })
            .collect();
        Some(Regression {
            n: self.n,
            intercept: beta[0],
            coefficients,
            r2,
        })
    }
}

/// Gauss–Jordan inversion with partial pivoting of a small d × d matrix.
fn invert(a: &[f64], d: usize) -> Option<Vec<f64>> {
    let mut m = a.to_vec();
    let mut inv = vec![0.0; d * d];
    (0..d).for_each(|i| inv[i * d + i] = 1.0);
    let scale = a.iter().fold(0.0f64, |s, v| s.max(v.abs())).max(1.0);
    for col in 0..d {
        let pivot =
            (col..d).max_by(|&x, &y| m[x * d + col].abs().total_cmp(&m[y * d + col].abs()))?;
        if m[pivot * d + col].abs() < 1e-12 * scale {
            return None;
        }
        for j in 0..d {
            m.swap(col * d + j, pivot * d + j);
            inv.swap(col * d + j, pivot * d + j);
        }
        let p = m[col * d + col];
        for j in 0..d {
            m[col * d + j] /= p;
            inv[col * d + j] /= p;
        }
        for r in 0..d {
            if r != col {
                let f = m[r * d + col];
                if f != 0.0 {
                    for j in 0..d {
                        m[r * d + j] -= f * m[col * d + j];
                        inv[r * d + j] -= f * inv[col * d + j];
                    }
                }
            }
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn t_quantiles_match_the_tables() {
        assert!(close(t_quantile(1.0), 12.7062, 1e-3));
        assert!(close(t_quantile(6.0), 2.4469, 1e-3));
        assert!(close(t_quantile(1e6), 1.95996, 1e-3));
    }

    #[test]
    fn a_mean_and_its_interval_by_hand() {
        // 80, 90, 100: mean 90, sd 10, se 10/√3, t(2) = 4.3027.
        let e = Moments::of(&[80.0, 90.0, 100.0]).estimate().unwrap();
        assert_eq!(e.mean, 90.0);
        assert!(close(e.se, 5.7735, 1e-4));
        assert!(close(e.ci_low, 90.0 - 4.302_65 * 5.773_50, 1e-3));
        assert!(close(e.ci_high, 114.841, 1e-3));
    }

    #[test]
    fn welch_against_a_known_value() {
        // Welch's example pair (as computed by scipy.stats.ttest_ind(equal_var=False)):
        // a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
        // b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
        // t = -2.46, p = 0.0211, df = 24.99.
        let a = [
            27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7,
            21.4,
        ];
        let b = [
            27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5,
            24.4,
        ];
        let c = welch(&Moments::of(&a), &Moments::of(&b)).unwrap();
        assert!(close(c.t, -2.46, 0.01), "{c:?}");
        assert!(close(c.df, 24.99, 0.01), "{c:?}");
        assert!(close(c.p, 0.0211, 0.0005), "{c:?}");
        assert!(c.significant);
        let same = welch(&Moments::of(&a), &Moments::of(&a)).unwrap();
        assert!(!same.significant && close(same.p, 1.0, 1e-9));
    }

    #[test]
    fn regression_recovers_an_exact_plane_and_a_noisy_one() {
        let mut exact = Ols::new(2);
        for i in 0..50 {
            let (x1, x2) = (i as f64, ((i * 7) % 11) as f64);
            exact.add(&[x1, x2], 3.0 + 0.5 * x1 - 2.0 * x2);
        }
        let fit = exact.fit().unwrap();
        assert!(close(fit.intercept, 3.0, 1e-8));
        assert!(close(fit.coefficients[0].estimate, 0.5, 1e-9));
        assert!(close(fit.coefficients[1].estimate, -2.0, 1e-9));
        assert!(close(fit.r2, 1.0, 1e-9));

        // y = 1 + 2x + noise where the noise is a fixed, mean-zero pattern, and a second
        // predictor that has nothing to do with y: its effect is not significant.
        let noise = [0.3, -0.5, 0.1, 0.4, -0.2, -0.1];
        let mut noisy = Ols::new(2);
        let mut halves = (Ols::new(2), Ols::new(2));
        for i in 0..600 {
            let x = (i % 20) as f64;
            let z = ((i * 13) % 17) as f64;
            let y = 1.0 + 2.0 * x + noise[i % 6];
            noisy.add(&[x, z], y);
            if i % 2 == 0 {
                &mut halves.0
            } else {
                &mut halves.1
            }
            .add(&[x, z], y);
        }
        let fit = noisy.fit().unwrap();
        assert!(close(fit.coefficients[0].estimate, 2.0, 0.01));
        assert!(fit.coefficients[0].significant);
        assert!(fit.r2 > 0.99);
        halves.0.merge(&halves.1);
        assert_eq!(halves.0.fit().unwrap().n, 600);
        assert!(close(halves.0.fit().unwrap().r2, fit.r2, 1e-9));
    }

    #[test]
    fn sums_are_exact_in_any_order_and_a_half_rounds_up() {
        // Thirds and ninths have no exact binary fraction: summed as floats in two orders
        // their last bits differ, as units they do not.
        let values: Vec<f64> = (0..999).map(|i| f64::from(i % 37) * 100.0 / 9.0).collect();
        let forward = Moments::of(&values);
        let mut backward = Moments::default();
        values.iter().rev().for_each(|v| backward.add(*v));
        assert_eq!(forward, backward);
        let mut halves = Moments::of(&values[..500]);
        halves.merge(&Moments::of(&values[500..]));
        assert_eq!(halves, forward);
        assert_eq!(Moments::of(&[80.0, 81.0]).rounded_mean(), Some(81));
        assert_eq!(Moments::of(&[80.0, 80.0, 81.5]).rounded_mean(), Some(81));
        assert_eq!(
            Moments::of(&[100.0 / 3.0, 100.0 / 3.0, 100.0 / 6.0]).rounded_mean(),
            Some(28)
        );
        assert!(Moments::of(&[75.0; 9]).constant());
        assert_eq!(Moments::of(&[75.0; 9]).variance(), 0.0);
        assert!(!Moments::of(&[75.0, 76.0]).constant());
        let (a, b) = (Moments::of(&[60.0, 70.0]), Moments::of(&[65.0, 65.0, 65.0]));
        assert_eq!(a.cmp_mean(&b), std::cmp::Ordering::Equal);
    }

    #[test]
    fn collinear_or_too_few_rows_give_no_model() {
        let mut ols = Ols::new(2);
        for i in 0..10 {
            ols.add(&[i as f64, 2.0 * i as f64], i as f64);
        }
        assert_eq!(ols.fit(), None);
        let mut few = Ols::new(2);
        few.add(&[1.0, 2.0], 3.0);
        assert_eq!(few.fit(), None);
    }
}
