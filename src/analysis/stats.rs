//! Descriptive statistics for team scores (n, mean, sample sd, median, min, max) and the Wilson score
//! interval for shares. Pure functions over plain numbers; never NaN: an undefined figure is `None`.
//!
//! Scores are rationals with small denominators (a mean of 13 answers over 5 people is 13/5), but
//! floating point adds noise in the last bit: 13/5 can come out as 2.5999999999999996 and fall
//! below a band that starts at 2.6. Summaries are therefore [`snap`]ped to a grid of
//! [`RESOLUTION`], far finer than any scale's steps, so that a value on an edge is on it exactly.

use serde::Serialize;

pub use crate::model::exact::{RESOLUTION, snap};

/// z for a two-sided 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The usual summary of a set of scores. `sd` is the sample standard deviation (n − 1), `None` below
/// two values; everything else is `None` only for an empty set. Every figure is [`snap`]ped, so a
/// mean of exactly 13/5 is 2.6 and the sd of identical values is exactly 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Summary {
    pub fn of(values: &[f64]) -> Self {
        let n = values.len();
        if n == 0 {
            return Self::default();
        }
        let mean = mean(values);
        // Selection rather than a full sort: summaries run per item over thousands of answers.
        let mut scratch = values.to_vec();
        let (_, &mut upper, _) = scratch.select_nth_unstable_by(n / 2, f64::total_cmp);
        let median = if n % 2 == 1 {
            upper
        } else {
            let lower = scratch[..n / 2]
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            (lower + upper) / 2.0
        };
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Self {
            n,
            mean: Some(snap(mean)),
            sd: sample_sd(values),
            median: Some(snap(median)),
            min: Some(snap(min)),
            max: Some(snap(max)),
        }
    }
}

pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample variance (n − 1 in the denominator); `None` below two values.
pub fn sample_variance(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean = mean(values);
    Some(values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64)
}

/// Sample standard deviation, [`snap`]ped: exactly 0 when the values do not vary, even when their
/// mean is not exact in an f64; `None` below two values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    sample_variance(values).map(|variance| snap(variance.sqrt()))
}

/// A share with its 95% Wilson score interval, which stays inside 0–1 and behaves for small teams
/// and for shares of 0% or 100%, unlike the textbook p ± z·se.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub count: usize,
    pub share: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

impl Share {
    /// `None` when there is nothing to share out (`total` is 0).
    pub fn wilson(count: usize, total: usize) -> Option<Self> {
        if total == 0 {
            return None;
        }
        let n = total as f64;
        let p = count as f64 / n;
        let z2 = Z_95 * Z_95;
        let denominator = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denominator;
        let half = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
        Some(Self {
            count,
            share: p,
            ci_low: (centre - half).max(0.0),
            ci_high: (centre + half).min(1.0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn summary_by_hand() {
        // 2, 4, 4, 5: mean 15/4 = 3.75; deviations -1.75, .25, .25, 1.25 → squares sum 3.0 + .0625*2
        // + 1.5625 = 4.75; sample variance 4.75/3; median (4+4)/2 = 4.
        let summary = Summary::of(&[4.0, 2.0, 5.0, 4.0]);
        assert_eq!(summary.n, 4);
        assert!(close(summary.mean.unwrap(), 3.75));
        assert!(close(summary.sd.unwrap(), (4.75f64 / 3.0).sqrt()));
        assert_eq!(summary.median, Some(4.0));
        assert_eq!((summary.min, summary.max), (Some(2.0), Some(5.0)));
        let odd = Summary::of(&[3.0, 1.0, 2.0]);
        assert_eq!(odd.median, Some(2.0));
    }

    #[test]
    fn summary_of_nothing_and_of_one() {
        assert_eq!(Summary::of(&[]), Summary::default());
        let one = Summary::of(&[7.0]);
        assert_eq!((one.n, one.mean, one.sd), (1, Some(7.0), None));
    }

    #[test]
    fn a_mean_of_exactly_13_over_5_is_2_point_6() {
        // Dimension scores of 1, 1, 11/3, 11/3, 11/3 (three items answered out of four): the running
        // sum over 5 comes out one bit below 2.6 without snapping.
        let third = 11.0 / 3.0;
        let values = [1.0, 1.0, third, third, third];
        assert_eq!(mean(&values), 2.599_999_999_999_999_6);
        let summary = Summary::of(&values);
        assert_eq!(summary.mean, Some(2.6));
        assert_eq!(summary.median, Some(snap(third)));
        assert_eq!(format!("{}", summary.mean.unwrap()), "2.6");
    }

    #[test]
    fn the_sd_of_identical_values_is_exactly_zero() {
        // Three times 0.1: their float mean is 0.10000000000000002, so the raw sd is a crumb.
        let values = [0.1, 0.1, 0.1];
        assert!(sample_variance(&values).unwrap() > 0.0);
        let summary = Summary::of(&values);
        assert_eq!((summary.mean, summary.sd), (Some(0.1), Some(0.0)));
        assert_eq!(sample_sd(&[7.0 / 3.0; 4]), Some(0.0));
        assert_eq!(sample_sd(&[2.0]), None);
    }

    #[test]
    fn snapping_leaves_real_figures_alone() {
        assert_eq!(snap(2.5), 2.5);
        assert_eq!(snap(0.1 + 0.2), 0.3);
        assert_eq!(snap(1.0 / 3.0), 1.0 / 3.0);
        let negative_crumb = snap(-1e-16);
        assert!(negative_crumb == 0.0 && negative_crumb.is_sign_positive());
        assert_eq!(snap(-2.000_000_000_000_000_4), -2.0);
        // Beyond the grid's exact range, and non-finite values, pass through.
        assert_eq!(snap(1e12 + 0.1), 1e12 + 0.1);
        assert!(snap(f64::NAN).is_nan());
    }

    #[test]
    fn wilson_by_hand() {
        // 2 of 10: p = .2, z² = 3.841459; denominator 1.3841459; centre (.2 + .1920729)/1.3841459
        // = .2832773; half = 1.959964 * sqrt(.016 + .0096036)/1.3841459 = .2265951 (R: prop.test(2, 10,
        // correct = FALSE) gives .05668215 to .50983753).
        let share = Share::wilson(2, 10).unwrap();
        assert!((share.ci_low - 0.056_682_151).abs() < 1e-8, "{share:?}");
        assert!((share.ci_high - 0.509_837_528).abs() < 1e-8, "{share:?}");
        let none = Share::wilson(0, 5).unwrap();
        assert_eq!(none.ci_low, 0.0);
        assert!(none.ci_high > 0.4 && none.ci_high < 0.44);
        assert!(Share::wilson(0, 0).is_none());
    }
}
