//! Reliability and agreement: how far a scale's items measure one thing (Cronbach's alpha, with
//! "alpha if item deleted"), how far a team agrees on an answer (rwg for one item, rwg(J) and
//! Lindell's r*wg(J) for several), and how much of the spread lies between teams rather than within
//! them (ICC(1) and ICC(2) from a one-way ANOVA). Pure functions over plain numbers, checked against
//! R's `psych` and `multilevel` packages. Never NaN: a figure that cannot be computed (too few
//! answers, no spread, a non-finite input) is `None`.

use serde::Serialize;

use crate::analysis::stats::{mean, sample_variance};

/// Cronbach's alpha of a scale: `rows` are respondents, columns are items, already reverse-coded.
///
/// Missing answers are handled listwise, as SPSS does: only respondents who answered every item
/// count, because alpha compares each item's variance with the variance of the total, and a total
/// over fewer items is not the same total. A row shorter than the longest row misses its last
/// items. `None` below 2 items or 2 complete respondents, when the totals do not vary, or when any
/// answer is not finite. Alpha can be negative (items that pull against each other, e.g. a
/// reverse-worded item left un-reversed); it is returned as computed.
pub fn cronbach_alpha<R: AsRef<[Option<f64>]>>(rows: &[R]) -> Option<f64> {
    alpha_of_columns(&as_slices(&complete_case_columns(rows)?))
}

/// Alpha of the scale without each item in turn, one entry per item, over the same complete
/// respondents as [`cronbach_alpha`]. An item whose removal raises alpha is a candidate for review.
/// Entries are `None` where the rest cannot be computed (e.g. only one item would remain).
pub fn alpha_if_item_deleted<R: AsRef<[Option<f64>]>>(rows: &[R]) -> Vec<Option<f64>> {
    match complete_case_columns(rows) {
        Some(columns) => alphas_without_each(&as_slices(&columns)),
        None => vec![None; item_count(rows)],
    }
}

/// The figures of one scale that the results show, from shared work: equal to
/// [`cronbach_alpha`], [`alpha_if_item_deleted`], [`rwg_j`] and [`rwg_j_lindell`] called one by
/// one, but the complete cases and item variances are found once.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleFigures {
    pub alpha: Option<f64>,
    pub alpha_if_item_deleted: Vec<Option<f64>>,
    pub rwg_j: Option<f64>,
    pub rwg_j_lindell: Option<f64>,
}

pub fn scale_figures<R: AsRef<[Option<f64>]>>(rows: &[R], options: u32) -> ScaleFigures {
    let (alpha, alpha_if_item_deleted) = match complete_case_columns(rows) {
        Some(columns) => {
            let columns = as_slices(&columns);
            (alpha_of_columns(&columns), alphas_without_each(&columns))
        }
        None => (None, vec![None; item_count(rows)]),
    };
    let ratio = mean_variance_ratio(rows, options);
    ScaleFigures {
        alpha,
        alpha_if_item_deleted,
        rwg_j: ratio.and_then(rwg_j_of),
        rwg_j_lindell: ratio.and_then(rwg_j_lindell_of),
    }
}

fn as_slices(columns: &[Vec<f64>]) -> Vec<&[f64]> {
    columns.iter().map(Vec::as_slice).collect()
}

/// Alpha of the columns with each one left out in turn.
fn alphas_without_each(columns: &[&[f64]]) -> Vec<Option<f64>> {
    (0..columns.len())
        .map(|deleted| {
            let rest: Vec<&[f64]> = columns
                .iter()
                .enumerate()
                .filter(|(item, _)| *item != deleted)
                .map(|(_, column)| *column)
                .collect();
            alpha_of_columns(&rest)
        })
        .collect()
}

/// Within-group agreement on one item: rwg = 1 − s²/σ²_EU, where s² is the sample variance of the
/// team's answers and σ²_EU = (A² − 1)/12 the variance expected if `options` (A) answer options
/// were picked at random.
///
/// Floored at 0, as `multilevel::rwg` does: a team more split than random answering has no
/// agreement, not "negative" agreement. No cap at 1 is needed, since s² ≥ 0; identical answers give
/// exactly 1. `None` below 2 answers, below 2 options, or for a non-finite answer. Answers are
/// expected on the 1..=A scale; that is the caller's to ensure.
pub fn rwg(values: &[f64], options: u32) -> Option<f64> {
    let null_variance = uniform_null_variance(options)?;
    if !values.iter().all(|value| value.is_finite()) {
        return None;
    }
    let variance = sample_variance(values)?;
    finite((1.0 - variance / null_variance).max(0.0))
}

/// Within-group agreement over J items (James, Demaree & Wolf, 1984):
/// rwg(J) = J(1 − m/s) / (J(1 − m/s) + m/s), with m the mean of the item variances and s = σ²_EU.
///
/// Missing answers are handled per item: each item's sample variance is taken over the answers it
/// has, so one skipped item does not discard a respondent's other answers. Items with fewer than 2
/// answers have no variance and are left out of both m and J. (`multilevel::rwg.j` instead drops a
/// respondent with any missing answer; on complete data the two agree.) When m > s the team is
/// more split than random answering and the result is 0, as in `multilevel::rwg.j`, rather than the
/// formula's negative or above-1 values. `None` when no item has a variance, below 2 options, or
/// for a non-finite answer.
pub fn rwg_j<R: AsRef<[Option<f64>]>>(rows: &[R], options: u32) -> Option<f64> {
    rwg_j_of(mean_variance_ratio(rows, options)?)
}

fn rwg_j_of((item_count, variance_ratio): (usize, f64)) -> Option<f64> {
    if variance_ratio >= 1.0 {
        return Some(0.0);
    }
    let j = item_count as f64;
    let agreement = j * (1.0 - variance_ratio);
    finite(agreement / (agreement + variance_ratio))
}

/// Lindell's r*wg(J) = 1 − m/s: like [`rwg_j`] (same m, s and missing-answer rule) but without the
/// Spearman–Brown step that makes rwg(J) climb with the number of items.
///
/// Kept as computed, not floored: it goes below 0 when the team is more split than random
/// answering. A team split evenly between the two extremes of a 5-point scale gives −1; longer
/// scales go lower (−1.25 for 7 points), and so do very small teams, because of the n − 1 sample
/// variance (two people answering 1 and 5 give −3).
pub fn rwg_j_lindell<R: AsRef<[Option<f64>]>>(rows: &[R], options: u32) -> Option<f64> {
    rwg_j_lindell_of(mean_variance_ratio(rows, options)?)
}

fn rwg_j_lindell_of((_, variance_ratio): (usize, f64)) -> Option<f64> {
    finite(1.0 - variance_ratio)
}

/// A mean square at or below this share of the squared range of the answers is taken as zero: far
/// below what any real difference between scores on a questionnaire scale produces, far above
/// floating-point noise.
pub const NEGLIGIBLE_MEAN_SQUARE: f64 = 1e-12;

/// Intraclass correlations of respondents nested in groups, from a one-way ANOVA.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Icc {
    /// ICC(1): the share of an individual answer's variance that is due to the group.
    pub icc1: f64,
    /// ICC(2): how reliably the group means tell the groups apart.
    pub icc2: f64,
    /// Mean square between groups.
    pub msb: f64,
    /// Mean square within groups.
    pub msw: f64,
}

/// ICC(1) = (MSB − MSW) / (MSB + (k − 1) MSW) and ICC(2) = (MSB − MSW) / MSB, with `groups` holding
/// each group's answers.
///
/// Groups may differ in size. k is then the usual ANOVA "average" group size for unbalanced data,
/// n0 = (N − Σ n_g² / N) / (G − 1) (N answers, G groups, n_g the size of group g), which equals the
/// plain group size when all groups are equal. Note that `multilevel::ICC1` uses the plain mean
/// N / G instead, so for unequal groups its ICC(1) differs slightly; ICC(2) and the mean squares
/// agree. Empty groups are ignored. `None` below 2 groups, when no group has 2 members (no
/// within-group variance to compare against), for a non-finite answer, and when MSB or MSW is zero
/// or indistinguishable from zero (below [`NEGLIGIBLE_MEAN_SQUARE`] × the squared range of the
/// answers): equal group means give no ICC(2), not one of −1e29, and groups without any spread
/// inside them give no ICC at all. Both ICCs can be negative (groups less different than chance);
/// they are returned as computed.
pub fn icc(groups: &[Vec<f64>]) -> Option<Icc> {
    let groups: Vec<&[f64]> = groups
        .iter()
        .filter(|group| !group.is_empty())
        .map(Vec::as_slice)
        .collect();
    if groups
        .iter()
        .flat_map(|group| group.iter())
        .any(|value| !value.is_finite())
    {
        return None;
    }
    let group_count = groups.len();
    let answer_count: usize = groups.iter().map(|group| group.len()).sum();
    if group_count < 2 || answer_count <= group_count {
        return None;
    }
    let grand_mean =
        groups.iter().flat_map(|group| group.iter()).sum::<f64>() / answer_count as f64;
    let (mut between, mut within) = (0.0, 0.0);
    for group in &groups {
        let group_mean = mean(group);
        between += group.len() as f64 * (group_mean - grand_mean).powi(2);
        within += group
            .iter()
            .map(|value| (value - group_mean).powi(2))
            .sum::<f64>();
    }
    let msb = between / (group_count - 1) as f64;
    let msw = within / (answer_count - group_count) as f64;
    // Equal group means leave MSB as a rounding crumb (say 1e-32) rather than 0, and dividing by
    // it gives an ICC(2) of −1e29. Scores are rationals with small denominators, so a true mean
    // square is never that small next to the data's spread: below this it counts as zero.
    let (lowest, highest) = groups
        .iter()
        .flat_map(|group| group.iter())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &value| {
            (low.min(value), high.max(value))
        });
    let negligible = NEGLIGIBLE_MEAN_SQUARE * (highest - lowest).powi(2);
    if !(msb > negligible && msw > negligible) {
        return None;
    }
    let n = answer_count as f64;
    let squared_sizes: f64 = groups
        .iter()
        .map(|group| (group.len() as f64).powi(2))
        .sum();
    let group_size = (n - squared_sizes / n) / (group_count - 1) as f64;
    Some(Icc {
        icc1: finite((msb - msw) / (msb + (group_size - 1.0) * msw))?,
        icc2: finite((msb - msw) / msb)?,
        msb,
        msw,
    })
}

/// A plain-language reading of an rwg or rwg(J) value, using the customary cut-offs (0.70 for
/// agreement strong enough to report the team average on its own).
pub fn agreement_phrase(rwg: f64) -> &'static str {
    if rwg >= 0.70 {
        "the team largely agrees"
    } else if rwg >= 0.50 {
        "moderate agreement"
    } else {
        "this average hides disagreement"
    }
}

/// The customary label for an alpha value (George & Mallery's cut-offs, less the "excellent" tier).
pub fn alpha_phrase(alpha: f64) -> &'static str {
    if alpha >= 0.8 {
        "good"
    } else if alpha >= 0.7 {
        "acceptable"
    } else if alpha >= 0.6 {
        "questionable"
    } else {
        "poor"
    }
}

/// σ²_EU = (A² − 1)/12, the variance of answers picked uniformly at random among A options; `None`
/// below 2 options, where there is nothing to disagree about.
fn uniform_null_variance(options: u32) -> Option<f64> {
    (options >= 2).then(|| (f64::from(options).powi(2) - 1.0) / 12.0)
}

fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// The number of items: the longest row's length.
fn item_count<R: AsRef<[Option<f64>]>>(rows: &[R]) -> usize {
    rows.iter().map(|row| row.as_ref().len()).max().unwrap_or(0)
}

/// The answers of respondents who answered every item, one column per item; `None` if any answer is
/// not finite.
fn complete_case_columns<R: AsRef<[Option<f64>]>>(rows: &[R]) -> Option<Vec<Vec<f64>>> {
    let item_count = item_count(rows);
    let mut columns = vec![Vec::new(); item_count];
    for row in rows {
        let row = row.as_ref();
        if row.iter().flatten().any(|value| !value.is_finite()) {
            return None;
        }
        if row.len() == item_count && row.iter().all(Option::is_some) {
            for (column, value) in columns.iter_mut().zip(row.iter().flatten()) {
                column.push(*value);
            }
        }
    }
    Some(columns)
}

/// Alpha over complete columns of equal length.
fn alpha_of_columns(columns: &[&[f64]]) -> Option<f64> {
    let item_count = columns.len();
    if item_count < 2 {
        return None;
    }
    let respondent_count = columns[0].len();
    let totals: Vec<f64> = (0..respondent_count)
        .map(|respondent| columns.iter().map(|column| column[respondent]).sum())
        .collect();
    // Checked on the totals themselves: a variance computed from identical non-integer totals can
    // come out as a rounding crumb instead of 0, and dividing by it would give nonsense.
    if totals.iter().all(|total| *total == totals[0]) {
        return None;
    }
    let total_variance = sample_variance(&totals)?;
    let item_variances = columns
        .iter()
        .map(|column| sample_variance(column))
        .sum::<Option<f64>>()?;
    let k = item_count as f64;
    finite(k / (k - 1.0) * (1.0 - item_variances / total_variance))
}

/// (J, m/s) for rwg(J): the number of items with a variance and their mean variance over σ²_EU.
fn mean_variance_ratio<R: AsRef<[Option<f64>]>>(rows: &[R], options: u32) -> Option<(usize, f64)> {
    let null_variance = uniform_null_variance(options)?;
    if rows
        .iter()
        .flat_map(|row| row.as_ref())
        .flatten()
        .any(|value| !value.is_finite())
    {
        return None;
    }
    let item_variances: Vec<f64> = (0..item_count(rows))
        .filter_map(|item| {
            let answers: Vec<f64> = rows
                .iter()
                .filter_map(|row| row.as_ref().get(item).copied().flatten())
                .collect();
            sample_variance(&answers)
        })
        .collect();
    if item_variances.is_empty() {
        return None;
    }
    Some((item_variances.len(), mean(&item_variances) / null_variance))
}

#[cfg(test)]
mod tests {
    //! Reference figures come from R 4.2.2 (Debian bookworm `r-base-core` 4.2.2.20221110-2) with
    //! `psych` 2.2.9 (`r-cran-psych` 2.2.9-1) and `multilevel` 2.7 (`r-cran-multilevel` 2.7-1),
    //! printed with `sprintf("%.17g", x)`. Each constant's comment gives the call; the data in R is
    //! the same as the `const` data beside it (NA for `None`).

    use super::*;

    const TOLERANCE: f64 = 1e-9;

    fn assert_close(actual: Option<f64>, expected: f64) {
        let actual = actual.unwrap_or_else(|| panic!("expected {expected}, got None"));
        assert!(
            (actual - expected).abs() < TOLERANCE,
            "expected {expected}, got {actual}"
        );
    }

    fn rows(data: &[&[Option<f64>]]) -> Vec<Vec<Option<f64>>> {
        data.iter().map(|row| row.to_vec()).collect()
    }

    fn complete(data: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        data.iter()
            .map(|row| row.iter().copied().map(Some).collect())
            .collect()
    }

    const N: Option<f64> = None;
    const fn a(value: f64) -> Option<f64> {
        Some(value)
    }

    // 8 respondents × 4 items, 5-point scale.
    const ALPHA_DATA: [[f64; 4]; 8] = [
        [4.0, 5.0, 4.0, 4.0],
        [3.0, 4.0, 3.0, 3.0],
        [5.0, 5.0, 4.0, 5.0],
        [2.0, 3.0, 2.0, 3.0],
        [4.0, 4.0, 5.0, 4.0],
        [3.0, 3.0, 3.0, 2.0],
        [5.0, 4.0, 5.0, 5.0],
        [1.0, 2.0, 2.0, 1.0],
    ];
    // psych::alpha(as.data.frame(ALPHA_DATA))$total$raw_alpha
    const ALPHA_COMPLETE: f64 = 0.951_476_793_248_945_2;
    // psych::alpha(as.data.frame(ALPHA_DATA))$alpha.drop$raw_alpha
    const ALPHA_COMPLETE_DROP: [f64; 4] = [
        0.910_798_122_065_727_7,
        0.952_898_550_724_637_6,
        0.949_218_75,
        0.925_190_839_694_656_4,
    ];

    // 10 respondents × 4 items, three of them with a missing answer (rows 2, 5 and 9).
    const MISSING_DATA: [[Option<f64>; 4]; 10] = [
        [a(4.0), a(5.0), a(4.0), a(4.0)],
        [a(3.0), N, a(3.0), a(3.0)],
        [a(5.0), a(5.0), a(4.0), a(5.0)],
        [a(2.0), a(3.0), a(2.0), a(3.0)],
        [a(4.0), a(4.0), a(5.0), N],
        [a(3.0), a(3.0), a(3.0), a(2.0)],
        [a(5.0), a(4.0), a(5.0), a(5.0)],
        [a(1.0), a(2.0), a(2.0), a(1.0)],
        [N, a(1.0), a(5.0), a(2.0)],
        [a(2.0), a(2.0), a(3.0), a(3.0)],
    ];
    // psych::alpha(na.omit(as.data.frame(MISSING_DATA)))$total$raw_alpha  (na.omit = listwise)
    const ALPHA_MISSING_LISTWISE: f64 = 0.952_038_369_304_556_3;
    // psych::alpha(na.omit(as.data.frame(MISSING_DATA)))$alpha.drop$raw_alpha
    const ALPHA_MISSING_LISTWISE_DROP: [f64; 4] = [
        0.912_087_912_087_912_2,
        0.950_146_627_565_982_5,
        0.945_833_333_333_333_3,
        0.934_343_434_343_434_3,
    ];
    // psych::alpha(as.data.frame(MISSING_DATA))$total$raw_alpha: psych's default, pairwise
    // covariances. Listwise deletion must not give this.
    const ALPHA_MISSING_PAIRWISE: f64 = 0.913_552_548_552_197_8;

    // 7 respondents × 6 raw answers on 1–5; items 2 and 5 are worded the other way round.
    const REVERSE_KEYED_DATA: [[f64; 6]; 7] = [
        [5.0, 1.0, 4.0, 5.0, 2.0, 4.0],
        [4.0, 2.0, 4.0, 4.0, 2.0, 4.0],
        [2.0, 4.0, 2.0, 3.0, 4.0, 2.0],
        [3.0, 3.0, 3.0, 3.0, 3.0, 4.0],
        [5.0, 2.0, 5.0, 4.0, 1.0, 5.0],
        [1.0, 5.0, 2.0, 1.0, 4.0, 2.0],
        [4.0, 1.0, 4.0, 5.0, 2.0, 3.0],
    ];
    // psych::alpha(as.data.frame(REVERSE_KEYED_DATA), keys = c(1, -1, 1, 1, -1, 1))$total$raw_alpha
    // (psych reverses with min + max = 1 + 5, the same as x' = 6 − x)
    const ALPHA_REVERSED: f64 = 0.967_466_666_666_666_6;
    // ...$alpha.drop$raw_alpha of the same call
    const ALPHA_REVERSED_DROP: [f64; 6] = [
        0.951_544_943_820_224_8,
        0.960_095_497_953_615_3,
        0.957_772_337_821_297_5,
        0.966_346_153_846_153_8,
        0.957_772_337_821_297_5,
        0.972_060_535_506_402_8,
    ];
    // psych::alpha(as.data.frame(REVERSE_KEYED_DATA), check.keys = FALSE)$total$raw_alpha
    const ALPHA_NOT_REVERSED: f64 = -0.998_319_327_731_092_9;

    #[test]
    fn alpha_matches_psych_on_complete_data() {
        let data = complete_rows(&ALPHA_DATA);
        assert_close(cronbach_alpha(&data), ALPHA_COMPLETE);
        let dropped = alpha_if_item_deleted(&data);
        assert_eq!(dropped.len(), 4);
        for (actual, expected) in dropped.into_iter().zip(ALPHA_COMPLETE_DROP) {
            assert_close(actual, expected);
        }
    }

    #[test]
    fn alpha_uses_complete_respondents_only() {
        let data: Vec<Vec<Option<f64>>> = MISSING_DATA.iter().map(|row| row.to_vec()).collect();
        let alpha = cronbach_alpha(&data);
        assert_close(alpha, ALPHA_MISSING_LISTWISE);
        assert!((alpha.unwrap() - ALPHA_MISSING_PAIRWISE).abs() > 0.01);
        let dropped = alpha_if_item_deleted(&data);
        for (actual, expected) in dropped.into_iter().zip(ALPHA_MISSING_LISTWISE_DROP) {
            assert_close(actual, expected);
        }
    }

    #[test]
    fn alpha_of_reverse_coded_items_matches_psych_keys() {
        let reverse_keyed = [false, true, false, false, true, false];
        let recoded: Vec<Vec<Option<f64>>> = REVERSE_KEYED_DATA
            .iter()
            .map(|row| {
                row.iter()
                    .zip(reverse_keyed)
                    .map(|(value, reversed)| Some(if reversed { 6.0 - value } else { *value }))
                    .collect()
            })
            .collect();
        assert_close(cronbach_alpha(&recoded), ALPHA_REVERSED);
        for (actual, expected) in alpha_if_item_deleted(&recoded)
            .into_iter()
            .zip(ALPHA_REVERSED_DROP)
        {
            assert_close(actual, expected);
        }
        let raw = complete_rows(&REVERSE_KEYED_DATA);
        assert_close(cronbach_alpha(&raw), ALPHA_NOT_REVERSED);
    }

    #[test]
    fn alpha_is_none_when_not_computable() {
        // One respondent.
        assert_eq!(cronbach_alpha(&complete(&[&[4.0, 5.0, 3.0]])), None);
        assert_eq!(
            alpha_if_item_deleted(&complete(&[&[4.0, 5.0, 3.0]])),
            vec![None; 3]
        );
        // One item.
        assert_eq!(cronbach_alpha(&complete(&[&[4.0], &[2.0], &[3.0]])), None);
        // Everyone gives the same answers: the totals do not vary.
        assert_eq!(
            cronbach_alpha(&complete(&[&[3.0, 4.0], &[3.0, 4.0], &[3.0, 4.0]])),
            None
        );
        // Totals that do not vary although the items do.
        assert_eq!(
            cronbach_alpha(&complete(&[&[1.0, 5.0], &[5.0, 1.0], &[3.0, 3.0]])),
            None
        );
        // Identical non-integer totals, whose computed variance could be a rounding crumb.
        let tenths = [0.1, 0.2, 0.7];
        let same = complete(&[&tenths, &tenths, &tenths]);
        assert_eq!(cronbach_alpha(&same), None);
        // Only one complete respondent once the missing answers are dropped.
        let sparse = rows(&[&[a(4.0), a(5.0)], &[N, a(2.0)], &[a(1.0), N], &[a(3.0)]]);
        assert_eq!(cronbach_alpha(&sparse), None);
        // Two items: deleting one leaves a single item.
        let two = complete(&[&[4.0, 5.0], &[2.0, 3.0], &[3.0, 2.0]]);
        assert!(cronbach_alpha(&two).is_some());
        assert_eq!(alpha_if_item_deleted(&two), vec![None, None]);
        // No data at all.
        assert_eq!(cronbach_alpha::<Vec<Option<f64>>>(&[]), None);
        assert!(alpha_if_item_deleted::<Vec<Option<f64>>>(&[]).is_empty());
    }

    // Single-item answers; each `rwg` call below is
    // multilevel::rwg(x, rep(1, length(x)), ranvar = (A^2 - 1) / 12)$rwg for A options.
    const RWG_AGREE_5_DATA: [f64; 7] = [4.0, 5.0, 4.0, 4.0, 3.0, 5.0, 4.0];
    const RWG_AGREE_5: f64 = 0.761_904_761_904_761_9; // A = 5
    const RWG_SPLIT_7_DATA: [f64; 7] = [1.0, 7.0, 2.0, 6.0, 1.0, 7.0, 4.0];
    const RWG_SPLIT_7: f64 = 0.0; // A = 7: s² > σ²_EU, floored
    const RWG_4_DATA: [f64; 6] = [3.0, 4.0, 4.0, 2.0, 3.0, 4.0];
    const RWG_4: f64 = 0.466_666_666_666_666_7; // A = 4
    const RWG_6_DATA: [f64; 8] = [5.0, 6.0, 4.0, 5.0, 6.0, 6.0, 3.0, 5.0];
    const RWG_6: f64 = 0.608_163_265_306_122_4; // A = 6

    #[test]
    fn rwg_matches_multilevel() {
        assert_close(rwg(&RWG_AGREE_5_DATA, 5), RWG_AGREE_5);
        assert_close(rwg(&RWG_SPLIT_7_DATA, 7), RWG_SPLIT_7);
        assert_close(rwg(&RWG_4_DATA, 4), RWG_4);
        assert_close(rwg(&RWG_6_DATA, 6), RWG_6);
    }

    #[test]
    fn rwg_is_one_for_identical_answers_and_about_zero_for_a_uniform_spread() {
        assert_eq!(rwg(&[4.0; 9], 5), Some(1.0));
        assert_eq!(rwg(&[0.3; 7], 5), Some(1.0));
        // Each of the five options chosen equally often: s² = 2 · 100/99, just above σ²_EU = 2.
        let uniform: Vec<f64> = (0..100).map(|i| f64::from(i % 5 + 1)).collect();
        let value = rwg(&uniform, 5).unwrap();
        assert!((0.0..0.01).contains(&value), "{value}");
        let lindell = rwg_j_lindell(
            &uniform.iter().map(|v| vec![Some(*v)]).collect::<Vec<_>>(),
            5,
        );
        assert_close(lindell, 1.0 - 100.0 / 99.0);
    }

    #[test]
    fn rwg_is_none_when_not_computable() {
        assert_eq!(rwg(&[3.0], 5), None);
        assert_eq!(rwg(&[], 5), None);
        assert_eq!(rwg(&[3.0, 4.0], 1), None);
        assert_eq!(rwg(&[3.0, 4.0], 0), None);
        assert_eq!(rwg(&[3.0, f64::NAN], 5), None);
    }

    // 6 respondents × 4 items, 5 options.
    const RWGJ_AGREE_DATA: [[f64; 4]; 6] = [
        [4.0, 4.0, 3.0, 5.0],
        [4.0, 5.0, 4.0, 4.0],
        [5.0, 5.0, 4.0, 5.0],
        [3.0, 4.0, 4.0, 4.0],
        [4.0, 4.0, 3.0, 4.0],
        [4.0, 3.0, 4.0, 5.0],
    ];
    // multilevel::rwg.j(RWGJ_AGREE_DATA, rep(1, 6), ranvar = 2)$rwg.j
    const RWGJ_AGREE: f64 = 0.944_038_929_440_389_4;
    // multilevel::rwg.j.lindell(RWGJ_AGREE_DATA, rep(1, 6), ranvar = 2)$rwg.lindell
    const RWGJ_AGREE_LINDELL: f64 = 0.808_333_333_333_333_3;

    // A team split down the middle: 5 respondents × 3 items, 5 options.
    const RWGJ_SPLIT_DATA: [[f64; 3]; 5] = [
        [1.0, 5.0, 1.0],
        [5.0, 1.0, 5.0],
        [1.0, 4.0, 2.0],
        [5.0, 1.0, 5.0],
        [2.0, 5.0, 1.0],
    ];
    // multilevel::rwg.j(RWGJ_SPLIT_DATA, rep(1, 5), ranvar = 2)$rwg.j
    const RWGJ_SPLIT: f64 = 0.0;
    // multilevel::rwg.j.lindell(RWGJ_SPLIT_DATA, rep(1, 5), ranvar = 2)$rwg.lindell, printed as
    // -1.1000000000000001: the same f64 as -1.1.
    const RWGJ_SPLIT_LINDELL: f64 = -1.1;

    // 5 respondents × 3 items, 7 options.
    const RWGJ_7_DATA: [[f64; 3]; 5] = [
        [6.0, 5.0, 7.0],
        [5.0, 5.0, 6.0],
        [6.0, 6.0, 6.0],
        [7.0, 6.0, 7.0],
        [5.0, 4.0, 6.0],
    ];
    // multilevel::rwg.j(RWGJ_7_DATA, rep(1, 5), ranvar = 4)$rwg.j
    const RWGJ_7: f64 = 0.947_852_760_736_196_4;
    // multilevel::rwg.j.lindell(RWGJ_7_DATA, rep(1, 5), ranvar = 4)$rwg.lindell
    const RWGJ_7_LINDELL: f64 = 0.858_333_333_333_333_4;

    // 7 respondents × 4 items, one missing answer in each item.
    const RWGJ_MISSING_DATA: [[Option<f64>; 4]; 7] = [
        [a(4.0), a(4.0), a(3.0), a(5.0)],
        [N, a(5.0), a(4.0), a(4.0)],
        [a(5.0), a(5.0), a(4.0), a(5.0)],
        [a(3.0), N, a(4.0), a(4.0)],
        [a(4.0), a(4.0), N, a(4.0)],
        [a(4.0), a(3.0), a(4.0), a(5.0)],
        [a(2.0), a(3.0), a(4.0), N],
    ];
    // Not from multilevel, which drops every respondent with a missing answer. Computed in R with
    // the same formula over each item's available answers:
    //   m <- mean(apply(RWGJ_MISSING_DATA, 2, var, na.rm = TRUE)); r <- m / 2
    //   (4 * (1 - r)) / (4 * (1 - r) + r)      and      1 - r
    const RWGJ_MISSING_AVAILABLE: f64 = 0.906_666_666_666_666_7;
    const RWGJ_MISSING_AVAILABLE_LINDELL: f64 = 0.708_333_333_333_333_3;
    // multilevel::rwg.j(RWGJ_MISSING_DATA, rep(1, 7), ranvar = 2)$rwg.j (listwise: 3 respondents)
    const RWGJ_MISSING_MULTILEVEL_LISTWISE: f64 = 0.938_271_604_938_271_6;

    fn complete_rows<const K: usize>(data: &[[f64; K]]) -> Vec<Vec<Option<f64>>> {
        data.iter()
            .map(|row| row.iter().copied().map(Some).collect())
            .collect()
    }

    #[test]
    fn rwg_j_and_lindell_match_multilevel() {
        let agree = complete_rows(&RWGJ_AGREE_DATA);
        assert_close(rwg_j(&agree, 5), RWGJ_AGREE);
        assert_close(rwg_j_lindell(&agree, 5), RWGJ_AGREE_LINDELL);
        let split = complete_rows(&RWGJ_SPLIT_DATA);
        assert_close(rwg_j(&split, 5), RWGJ_SPLIT);
        assert_close(rwg_j_lindell(&split, 5), RWGJ_SPLIT_LINDELL);
        let seven = complete_rows(&RWGJ_7_DATA);
        assert_close(rwg_j(&seven, 7), RWGJ_7);
        assert_close(rwg_j_lindell(&seven, 7), RWGJ_7_LINDELL);
    }

    #[test]
    fn rwg_j_uses_each_items_available_answers() {
        let data: Vec<Vec<Option<f64>>> =
            RWGJ_MISSING_DATA.iter().map(|row| row.to_vec()).collect();
        let value = rwg_j(&data, 5);
        assert_close(value, RWGJ_MISSING_AVAILABLE);
        assert_close(rwg_j_lindell(&data, 5), RWGJ_MISSING_AVAILABLE_LINDELL);
        assert!((value.unwrap() - RWGJ_MISSING_MULTILEVEL_LISTWISE).abs() > 0.01);
    }

    #[test]
    fn scale_figures_equal_the_figures_one_by_one() {
        let data_sets: Vec<(Vec<Vec<Option<f64>>>, u32)> = vec![
            (MISSING_DATA.iter().map(|row| row.to_vec()).collect(), 5),
            (
                RWGJ_MISSING_DATA.iter().map(|row| row.to_vec()).collect(),
                5,
            ),
            (complete_rows(&RWGJ_7_DATA), 7),
            (complete_rows(&RWGJ_SPLIT_DATA), 5),
            (complete_rows(&[[4.0; 3]; 5]), 5),
            (Vec::new(), 5),
        ];
        for (rows, options) in &data_sets {
            let figures = scale_figures(rows, *options);
            assert_eq!(figures.alpha, cronbach_alpha(rows));
            assert_eq!(figures.alpha_if_item_deleted, alpha_if_item_deleted(rows));
            assert_eq!(figures.rwg_j, rwg_j(rows, *options));
            assert_eq!(figures.rwg_j_lindell, rwg_j_lindell(rows, *options));
        }
        // And on the R reference data, the figures R gave.
        let listwise = scale_figures(&data_sets[0].0, 5);
        assert_close(listwise.alpha, ALPHA_MISSING_LISTWISE);
        for (got, want) in listwise
            .alpha_if_item_deleted
            .iter()
            .zip(ALPHA_MISSING_LISTWISE_DROP)
        {
            assert_close(*got, want);
        }
        assert_close(scale_figures(&data_sets[2].0, 7).rwg_j, RWGJ_7);
    }

    #[test]
    fn rwg_j_edge_cases() {
        assert_eq!(rwg_j(&complete_rows(&[[4.0; 3]; 5]), 5), Some(1.0));
        assert_eq!(rwg_j_lindell(&complete_rows(&[[4.0; 3]; 5]), 5), Some(1.0));
        assert_eq!(rwg_j(&complete(&[&[4.0, 3.0, 5.0]]), 5), None);
        assert_eq!(rwg_j_lindell(&complete(&[&[4.0, 3.0, 5.0]]), 5), None);
        assert_eq!(rwg_j::<Vec<Option<f64>>>(&[], 5), None);
        assert_eq!(rwg_j(&complete(&[&[4.0, 3.0], &[4.0, 3.0]]), 1), None);
        // An item with a single answer is left out: this equals the one-item rwg of the first item.
        let one_usable = rows(&[&[a(4.0), a(1.0)], &[a(5.0), N], &[a(4.0), N]]);
        assert_close(rwg_j(&one_usable, 5), rwg(&[4.0, 5.0, 4.0], 5).unwrap());
        // Two people at the extremes: Lindell's index goes below −1 with the n − 1 variance.
        assert_close(rwg_j_lindell(&complete(&[&[1.0], &[5.0]]), 5), -3.0);
        assert_eq!(rwg_j(&complete(&[&[1.0], &[5.0]]), 5), Some(0.0));
    }

    // Four groups of five.
    const ICC_BALANCED_DATA: [[f64; 5]; 4] = [
        [4.0, 5.0, 4.0, 4.0, 5.0],
        [2.0, 3.0, 2.0, 3.0, 2.0],
        [3.0, 4.0, 3.0, 3.0, 4.0],
        [5.0, 4.0, 5.0, 5.0, 4.0],
    ];
    // With y the answers in order and g <- rep(1:4, each = 5), model <- aov(y ~ as.factor(g)):
    // summary(model)[[1]][1, 3] and [2, 3] (MSB, MSW), multilevel::ICC1(model), multilevel::ICC2(model)
    const ICC_BALANCED_MSB: f64 = 5.133_333_333_333_336;
    const ICC_BALANCED_MSW: f64 = 0.300_000_000_000_000_1;
    const ICC_BALANCED_ICC1: f64 = 0.763_157_894_736_842_2;
    const ICC_BALANCED_ICC2: f64 = 0.941_558_441_558_441_6;

    // Five groups of 3, 5, 8, 1 and 6.
    fn icc_unbalanced_data() -> Vec<Vec<f64>> {
        vec![
            vec![4.0, 5.0, 4.0],
            vec![2.0, 3.0, 2.0, 3.0, 2.0],
            vec![3.0, 4.0, 3.0, 3.0, 4.0, 4.0, 2.0, 3.0],
            vec![5.0],
            vec![4.0, 5.0, 5.0, 4.0, 3.0, 5.0],
        ]
    }
    // g <- rep(1:5, times = c(3, 5, 8, 1, 6)), model <- aov(y ~ as.factor(g)):
    // MSB and MSW from summary(model)[[1]][, 3]; ICC2 from multilevel::ICC2(model).
    const ICC_UNBALANCED_MSB: f64 = 3.738_043_478_260_872_5;
    const ICC_UNBALANCED_MSW: f64 = 0.483_333_333_333_333_5;
    const ICC_UNBALANCED_ICC2: f64 = 0.870_698_846_563_923_7;
    // multilevel::ICC1 has no n0 option, so ICC(1) was computed in R from the aov mean squares:
    //   N <- 23; ng <- c(3, 5, 8, 1, 6); n0 <- (N - sum(ng^2) / N) / 4   # 4.2826086956521738
    //   (MSB - MSW) / (MSB + (n0 - 1) * MSW)
    const ICC_UNBALANCED_ICC1: f64 = 0.611_254_763_200_871_1;
    // multilevel::ICC1(model), which uses k = N / G = 4.6 instead of n0.
    const ICC_UNBALANCED_MULTILEVEL_ICC1: f64 = 0.594_137_333_492_069_9;

    #[test]
    fn icc_matches_multilevel_for_equal_groups() {
        let groups: Vec<Vec<f64>> = ICC_BALANCED_DATA
            .iter()
            .map(|group| group.to_vec())
            .collect();
        let result = icc(&groups).unwrap();
        assert_close(Some(result.msb), ICC_BALANCED_MSB);
        assert_close(Some(result.msw), ICC_BALANCED_MSW);
        assert_close(Some(result.icc1), ICC_BALANCED_ICC1);
        assert_close(Some(result.icc2), ICC_BALANCED_ICC2);
    }

    #[test]
    fn icc_uses_n0_for_unequal_groups() {
        let result = icc(&icc_unbalanced_data()).unwrap();
        assert_close(Some(result.msb), ICC_UNBALANCED_MSB);
        assert_close(Some(result.msw), ICC_UNBALANCED_MSW);
        assert_close(Some(result.icc1), ICC_UNBALANCED_ICC1);
        assert_close(Some(result.icc2), ICC_UNBALANCED_ICC2);
        assert!((result.icc1 - ICC_UNBALANCED_MULTILEVEL_ICC1).abs() > 0.01);
        // Empty groups change nothing.
        let mut with_empty = icc_unbalanced_data();
        with_empty.insert(2, Vec::new());
        assert_eq!(icc(&with_empty), Some(result));
    }

    #[test]
    fn icc_is_none_when_not_computable() {
        // One group.
        assert_eq!(icc(&[vec![3.0, 4.0, 5.0]]), None);
        // No group with two members: no within-group variance.
        assert_eq!(icc(&[vec![3.0], vec![4.0], vec![5.0]]), None);
        // All group means equal: MSB = 0.
        assert_eq!(icc(&[vec![3.0, 5.0], vec![4.0, 4.0], vec![5.0, 3.0]]), None);
        // Nobody at all, and a non-finite answer.
        assert_eq!(icc(&[]), None);
        assert_eq!(icc(&[vec![3.0, f64::NAN], vec![4.0, 5.0]]), None);
    }

    #[test]
    fn icc_is_none_when_a_mean_square_is_zero_but_for_rounding() {
        // Dimension scores in thirds (three items answered): both groups average exactly 31/9, so
        // MSB is 0; in floating point it comes out near 6e-31, which used to give ICC(2) = −4e30.
        let thirds =
            |scores: [i32; 3]| -> Vec<f64> { scores.iter().map(|&s| f64::from(s) / 3.0).collect() };
        assert_eq!(icc(&[thirds([8, 14, 9]), thirds([4, 12, 15])]), None);
        // No spread inside any group: MSW = 0, exactly or as a crumb.
        assert_eq!(icc(&[vec![2.0, 2.0], vec![3.0, 3.0]]), None);
        assert_eq!(icc(&[vec![0.1; 3], vec![0.3; 3]]), None);
        // Everyone the same.
        assert_eq!(icc(&[vec![3.0, 3.0], vec![3.0, 3.0]]), None);
        // A small but real difference between the groups is kept.
        let small = icc(&[vec![3.0, 4.0, 5.0], vec![3.0, 4.0, 5.1]]).unwrap();
        assert!(small.msb > 0.0 && small.icc2 < 0.0, "{small:?}");
    }

    #[test]
    fn icc_can_be_negative_when_groups_differ_less_than_chance() {
        let result = icc(&[vec![1.0, 5.0, 3.0], vec![5.0, 1.0, 2.0]]).unwrap();
        assert!(result.icc1 < 0.0 && result.icc2 < 0.0, "{result:?}");
    }

    #[test]
    fn degenerate_input_never_gives_nan() {
        let nan = f64::NAN;
        let inputs: Vec<Vec<Vec<Option<f64>>>> = vec![
            vec![],
            vec![vec![]],
            vec![vec![], vec![]],
            vec![vec![None, None], vec![None, None]],
            vec![vec![Some(nan), Some(1.0)], vec![Some(2.0), Some(3.0)]],
            vec![
                vec![Some(f64::INFINITY), Some(1.0)],
                vec![Some(2.0), Some(3.0)],
            ],
            vec![vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0)]],
            vec![
                vec![Some(1e308), Some(1e308)],
                vec![Some(-1e308), Some(-1e308)],
            ],
            vec![
                vec![Some(1.0)],
                vec![Some(2.0), Some(3.0)],
                vec![Some(4.0), Some(5.0)],
            ],
        ];
        let ok = |value: Option<f64>| value.is_none_or(f64::is_finite);
        for input in &inputs {
            assert!(ok(cronbach_alpha(input)), "{input:?}");
            assert!(
                alpha_if_item_deleted(input).into_iter().all(ok),
                "{input:?}"
            );
            for options in [0, 1, 2, 5, 7] {
                assert!(ok(rwg_j(input, options)), "{input:?}");
                assert!(ok(rwg_j_lindell(input, options)), "{input:?}");
            }
        }
        for values in [vec![], vec![nan, nan], vec![1e308, -1e308], vec![2.0, 2.0]] {
            assert!(ok(rwg(&values, 5)), "{values:?}");
            let groups = vec![values.clone(), vec![1.0, 2.0]];
            let result = icc(&groups);
            assert!(
                result.is_none_or(|r| [r.icc1, r.icc2, r.msb, r.msw].iter().all(|v| v.is_finite()))
            );
        }
    }

    #[test]
    fn phrases_follow_the_cut_offs() {
        assert_eq!(agreement_phrase(1.0), "the team largely agrees");
        assert_eq!(agreement_phrase(0.70), "the team largely agrees");
        assert_eq!(agreement_phrase(0.69), "moderate agreement");
        assert_eq!(agreement_phrase(0.50), "moderate agreement");
        assert_eq!(agreement_phrase(0.49), "this average hides disagreement");
        assert_eq!(agreement_phrase(-0.5), "this average hides disagreement");
        assert_eq!(alpha_phrase(0.95), "good");
        assert_eq!(alpha_phrase(0.8), "good");
        assert_eq!(alpha_phrase(0.75), "acceptable");
        assert_eq!(alpha_phrase(0.65), "questionable");
        assert_eq!(alpha_phrase(0.59), "poor");
        assert_eq!(alpha_phrase(-1.0), "poor");
    }
}
