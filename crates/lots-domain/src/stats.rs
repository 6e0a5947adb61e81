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

/// Running sums of a sample: count, sum and sum of squares (mergeable across groups).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Moments {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    pub fn of(xs: &[f64]) -> Moments {
        let mut m = Moments::default();
        xs.iter().for_each(|x| m.add(*x));
        m
    }

    pub fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }

    /// The sample variance (n − 1 in the denominator); 0 for fewer than two values.
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0)
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
/// time (XᵀX, Xᵀy, yᵀy); groups can be merged, so the effect analysis of every area is
/// one pass over the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Ols {
    k: usize,
    n: u64,
    /// (k + 1)² entries of XᵀX, the intercept first.
    xtx: Vec<f64>,
    xty: Vec<f64>,
    yty: f64,
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
            xtx: vec![0.0; d * d],
            xty: vec![0.0; d],
            yty: 0.0,
            y: Moments::default(),
        }
    }

    pub fn add(&mut self, x: &[f64], y: f64) {
        debug_assert_eq!(x.len(), self.k);
        let d = self.k + 1;
        let row = |i: usize| if i == 0 { 1.0 } else { x[i - 1] };
        for i in 0..d {
            let xi = row(i);
            self.xty[i] += xi * y;
            for j in i..d {
                self.xtx[i * d + j] += xi * row(j);
            }
        }
        self.yty += y * y;
        self.y.add(y);
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
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            for j in 0..d {
                a[i * d + j] = self.xtx[i.min(j) * d + i.max(j)];
            }
        }
        let inverse = invert(&a, d)?;
        let beta: Vec<f64> = (0..d)
            .map(|i| (0..d).map(|j| inverse[i * d + j] * self.xty[j]).sum())
            .collect();
        let explained: f64 = beta.iter().zip(&self.xty).map(|(b, v)| b * v).sum();
        let rss = (self.yty - explained).max(0.0);
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
