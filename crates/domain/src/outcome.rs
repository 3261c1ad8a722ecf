//! The statistics of outcome reports (issue 16): shares with their 95 % interval, a mean
//! change with its confidence interval, paired timepoints, and the rule that no group
//! smaller than five is ever shown. Pure arithmetic on numbers the store has counted; the
//! distributions come from `statrs`.

use std::collections::HashMap;
use std::hash::Hash;

use statrs::distribution::{Binomial, ContinuousCDF, DiscreteCDF, StudentsT};

/// The smallest group a report shows: fewer patients than this, or a cell counting 1-4
/// of them, could point to a person, so it is suppressed (and the page says so).
pub const MIN_CELL: u64 = 5;

/// Whether a count may be shown: zero, or at least [`MIN_CELL`].
pub fn may_show(count: u64) -> bool {
    count == 0 || count >= MIN_CELL
}

/// `k` of `n`: a share, such as the responders among the patients with both timepoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub k: u64,
    pub n: u64,
}

impl Share {
    /// The share as a fraction; none of nobody.
    pub fn ratio(self) -> Option<f64> {
        (self.n > 0).then(|| to_f64(self.k) / to_f64(self.n))
    }

    /// The Wilson score 95 % interval of the share (good at small `n` and near 0 and 1).
    pub fn wilson95(self) -> Option<(f64, f64)> {
        let p = self.ratio()?;
        let n = to_f64(self.n);
        let z = 1.959_963_984_540_054_f64;
        let z2 = z * z;
        let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
        Some(((centre - half).max(0.0), (centre + half).min(1.0)))
    }

    /// Whether it may be shown: a group of at least [`MIN_CELL`], and a count that is
    /// zero or at least [`MIN_CELL`] (as is what is left of the group).
    pub fn may_show(self) -> bool {
        self.n >= MIN_CELL && may_show(self.k) && may_show(self.n - self.k.min(self.n))
    }
}

/// The range a share of `n` falls in 95 % of the time when the true share is `p`: the
/// 2.5 % and 97.5 % quantiles of Binomial(`n`, `p`), as shares. How a report's figure is
/// compared with a published one for the `n` it shows.
pub fn binomial_range95(p: f64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let b = Binomial::new(p, n).ok()?;
    let (lo, hi) = (b.inverse_cdf(0.025), b.inverse_cdf(0.975));
    Some((to_f64(lo) / to_f64(n), to_f64(hi) / to_f64(n)))
}

/// A mean with its 95 % confidence interval (Student's t), of at least two values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanCi {
    pub n: u64,
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// The mean of `values` with its 95 % confidence interval; none of fewer than two. The
/// values are added in sorted order, so the same values give the same figure to the last
/// digit in whatever order they came (each database returns rows in its own order).
pub fn mean_ci95(values: &[f64]) -> Option<MeanCi> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let values = sorted.as_slice();
    let count = to_f64(u64::try_from(n).ok()?);
    let mean = values.iter().sum::<f64>() / count;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (count - 1.0);
    let t = StudentsT::new(0.0, 1.0, count - 1.0)
        .ok()?
        .inverse_cdf(0.975);
    let half = t * (variance / count).sqrt();
    Some(MeanCi {
        n: u64::try_from(n).ok()?,
        mean,
        low: mean - half,
        high: mean + half,
    })
}

/// The patients with a value at both timepoints, as (first, later), in a stable order:
/// what a paired comparison (Fig. 3's "respondere") counts.
pub fn paired<K: Eq + Hash + Ord + Copy>(
    first: &HashMap<K, f64>,
    later: &HashMap<K, f64>,
) -> Vec<(f64, f64)> {
    let mut keys: Vec<K> = first
        .keys()
        .filter(|k| later.contains_key(*k))
        .copied()
        .collect();
    keys.sort();
    keys.iter().map(|k| (first[k], later[k])).collect()
}

/// How many values fall in each of `labels` (a band per value, or none), in the labels'
/// order; values in no listed band are not counted.
pub fn distribution<'a>(
    labels: &[&'a str],
    bands: impl IntoIterator<Item = Option<&'a str>>,
) -> Vec<(&'a str, u64)> {
    let mut counts: Vec<(&str, u64)> = labels.iter().map(|l| (*l, 0)).collect();
    for band in bands.into_iter().flatten() {
        if let Some(c) = counts.iter_mut().find(|(l, _)| *l == band) {
            c.1 += 1;
        }
    }
    counts
}

/// The counts of one group (a distribution over bands) as a report may show them: none
/// when the group is smaller than [`MIN_CELL`]; else each count of 1-4 hidden, and when
/// only one is hidden, the smallest other non-zero count too, so the hidden one cannot be
/// worked out from the group's total.
pub fn suppress(counts: &[u64]) -> Vec<Option<u64>> {
    let n: u64 = counts.iter().sum();
    if n < MIN_CELL {
        return vec![None; counts.len()];
    }
    let mut shown: Vec<Option<u64>> = counts.iter().map(|c| may_show(*c).then_some(*c)).collect();
    if shown.iter().filter(|c| c.is_none()).count() == 1
        && let Some(i) = (0..counts.len())
            .filter(|i| shown[*i].is_some_and(|c| c > 0))
            .min_by_key(|i| counts[*i])
    {
        shown[i] = None;
    }
    shown
}

/// Measurement adherence of each of `patients` enrolled patients: for each who measured,
/// the days with at least one measurement over their days in the program so far
/// (`(days measured, days in the program)`, at least one day, at most 100 %); each patient
/// who never measured counts as 0.
pub fn adherence(measured: &[(u64, u64)], patients: usize) -> Vec<f64> {
    let mut shares: Vec<f64> = measured
        .iter()
        .map(|(days, span)| (to_f64(*days) / to_f64((*span).max(1))).min(1.0))
        .collect();
    shares.resize(patients.max(shares.len()), 0.0);
    shares
}

#[allow(clippy::cast_precision_loss)] // Counts far below 2^52.
fn to_f64(n: u64) -> f64 {
    n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-4
    }

    #[test]
    fn a_mean_does_not_depend_on_the_order_of_its_values() {
        let values = [0.1, 1e16, 0.2, -1e16, 0.3, 7.25];
        let mut reversed = values;
        reversed.reverse();
        assert_eq!(mean_ci95(&values), mean_ci95(&reversed));
    }

    #[test]
    fn adherence_is_days_measured_over_days_enrolled_and_never_measuring_counts_as_zero() {
        // 30 of 60 days, every day (capped at 100 %), 0 days in (counts as one), and two
        // patients who never measured.
        let a = adherence(&[(30, 60), (70, 60), (1, 0)], 5);
        assert_eq!(a, vec![0.5, 1.0, 1.0, 0.0, 0.0]);
        let m = mean_ci95(&a).unwrap();
        assert!(close(m.mean, 0.5), "{}", m.mean);
        // More patients measured than counted as enrolled: none is dropped.
        assert_eq!(adherence(&[(7, 14), (14, 14)], 1), vec![0.5, 1.0]);
    }

    #[test]
    fn a_share_has_its_wilson_interval() {
        let (lo, hi) = Share { k: 44, n: 100 }.wilson95().unwrap();
        assert!(close(lo, 0.3467) && close(hi, 0.5377), "{lo} {hi}");
        let (lo, hi) = Share { k: 0, n: 10 }.wilson95().unwrap();
        assert!(close(lo, 0.0) && close(hi, 0.2775), "{lo} {hi}");
        assert_eq!(Share { k: 0, n: 0 }.wilson95(), None);
    }

    #[test]
    fn a_hidden_cell_cannot_be_worked_out_from_the_total() {
        assert_eq!(suppress(&[3, 1]), vec![None, None], "a group of four");
        assert_eq!(suppress(&[10, 0, 20]), vec![Some(10), Some(0), Some(20)]);
        assert_eq!(
            suppress(&[10, 3, 20]),
            vec![None, None, Some(20)],
            "the three, and the ten that would give it away"
        );
        assert_eq!(
            suppress(&[10, 3, 2, 20]),
            vec![Some(10), None, None, Some(20)]
        );
    }

    #[test]
    fn small_groups_and_small_cells_are_not_shown() {
        assert!(may_show(0) && !may_show(1) && !may_show(4) && may_show(5));
        assert!(Share { k: 5, n: 10 }.may_show());
        assert!(!Share { k: 3, n: 10 }.may_show(), "three people");
        assert!(
            !Share { k: 8, n: 10 }.may_show(),
            "the two left are two people"
        );
        assert!(!Share { k: 0, n: 4 }.may_show(), "a group of four");
        assert!(Share { k: 0, n: 5 }.may_show());
    }

    #[test]
    fn a_published_share_has_a_range_for_the_n_shown() {
        // Fig. 3: 44 % with no or mild symptoms after 3 months, n = 376.
        let (lo, hi) = binomial_range95(0.44, 376).unwrap();
        assert!(lo < 0.44 && hi > 0.44);
        assert!((lo - 0.388).abs() < 0.005, "{lo}");
        assert!((hi - 0.489).abs() < 0.005, "{hi}");
        assert!(binomial_range95(1.2, 10).is_none());
        assert!(binomial_range95(0.5, 0).is_none());
    }

    #[test]
    fn a_mean_change_has_its_t_interval() {
        let m = mean_ci95(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(m.n, 5);
        assert!(close(m.mean, 3.0));
        assert!(close(m.low, 1.0368) && close(m.high, 4.9632), "{m:?}");
        assert_eq!(mean_ci95(&[1.0]), None);
    }

    #[test]
    fn pairs_are_the_patients_with_both_timepoints() {
        let first = HashMap::from([(1, 300.0), (2, 250.0), (3, 400.0)]);
        let later = HashMap::from([(3, 150.0), (1, 200.0), (4, 100.0)]);
        assert_eq!(paired(&first, &later), [(300.0, 200.0), (400.0, 150.0)]);
    }

    #[test]
    fn a_distribution_counts_each_band_in_order() {
        let d = distribution(
            &["ingen", "mild", "moderat", "alvorlig"],
            [
                Some("mild"),
                Some("alvorlig"),
                None,
                Some("mild"),
                Some("ukjent"),
            ],
        );
        assert_eq!(
            d,
            [("ingen", 0), ("mild", 2), ("moderat", 0), ("alvorlig", 1)]
        );
    }
}
