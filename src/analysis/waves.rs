//! Waves over time: the same team's workshops compared, each wave against the one before. Per
//! dimension the change in the team mean with a 95% Welch t interval on the respondents' dimension
//! scores (unequal variances, Welch–Satterthwaite degrees of freedom); per HERO segment the change
//! in share with a 95% Newcombe hybrid score interval (his method 10, built from the two Wilson
//! intervals). Questionnaire versions that differ between waves are reported, and only items both
//! waves share (same id, kind, dimension, reverse-coding and weight) enter the compared scores, so a
//! reworded or dropped item never shows up as a change in the team. Pure functions: no I/O.

use serde::Serialize;

use crate::analysis::scoring::{self, QuestionnaireScore};
use crate::analysis::stats::{Share, Summary, Z_95, mean, sample_sd, sample_variance, snap};
use crate::model::questionnaire::{Item, Questionnaire};
use crate::model::response::Section;
use crate::model::text::shorten;
use crate::storage::folder::{LoadedResponse, WorkshopFolder};

/// How the interval of a mean change is computed; stated in every comparison.
pub const MEAN_INTERVAL_METHOD: &str =
    "95% Welch t interval on respondents' dimension scores (unequal variances)";
/// How the interval of a share change is computed; stated in every comparison.
pub const SHARE_INTERVAL_METHOD: &str =
    "95% Newcombe hybrid score interval (method 10) from the two Wilson intervals";

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Classification rule for every wave; `None` uses the first wave's rule.
    pub rule: Option<String>,
    /// Compare one group only; it must be reportable (at or above the anonymity threshold) in
    /// every wave.
    pub group: Option<String>,
}

/// Why waves cannot be compared at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    #[error("comparing needs at least two workshops")]
    TooFewWaves,
    #[error(
        "{workshop}: group \"{group}\" is below the anonymity threshold (or would reveal a smaller \
         group) and is not reported apart"
    )]
    GroupNotReportable { workshop: String, group: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub waves: Vec<Wave>,
    pub rule: String,
    pub group: Option<String>,
    pub mean_interval_method: &'static str,
    pub share_interval_method: &'static str,
    pub questionnaires: Vec<QuestionnaireComparison>,
    /// Questionnaire version differences and anything left out of the comparison, in plain words.
    pub notes: Vec<String>,
}

/// One workshop in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Wave {
    pub title: String,
    pub date: chrono::NaiveDate,
    pub dir: std::path::PathBuf,
    /// Completed responses counted (of the group, when one is compared).
    pub respondents: usize,
    pub rule: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireComparison {
    pub id: String,
    pub title: String,
    /// The installed questionnaire version each wave was scored with.
    pub versions: Vec<u32>,
    pub shared_items: usize,
    /// Items in some wave's questionnaire but not comparable across all of them.
    pub left_out_items: Vec<String>,
    pub dimensions: Vec<DimensionComparison>,
    /// Empty when the questionnaire has no classification (or its axes are not shared).
    pub segments: Vec<SegmentComparison>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionComparison {
    pub id: String,
    pub title: String,
    /// The team summary in each wave, from the shared items only.
    pub waves: Vec<Summary>,
    /// Change from each wave to the next (`changes[0]` is wave 1 → wave 2).
    pub changes: Vec<MeanChange>,
    /// The dimension's scale (the lowest and highest score it can take), for a chart's axis.
    pub scale_min: f64,
    pub scale_max: f64,
}

/// `to` minus `from`; `None` parts when undefined (fewer than two scores in a wave, no spread).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanChange {
    pub from: usize,
    pub to: usize,
    pub difference: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentComparison {
    pub id: String,
    pub title: String,
    /// The share in each wave; `None` when nobody could be classified.
    pub waves: Vec<Option<Share>>,
    pub changes: Vec<ShareChange>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShareChange {
    pub from: usize,
    pub to: usize,
    pub difference: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// Compares the workshops in the order given (oldest first, as a rule).
pub fn compare(
    folders: &[WorkshopFolder],
    options: &CompareOptions,
) -> Result<Comparison, CompareError> {
    if folders.len() < 2 {
        return Err(CompareError::TooFewWaves);
    }
    let rule = options
        .rule
        .clone()
        .unwrap_or_else(|| folders[0].workshop.rule.clone());
    let mut notes = Vec::new();
    if folders.iter().any(|f| f.workshop.rule != rule) {
        notes.push(format!(
            "the workshops use different HERO Index rules; every wave is classified under rule {rule}"
        ));
    }

    let mut waves = Vec::new();
    let mut members: Vec<Vec<&LoadedResponse>> = Vec::new();
    for folder in folders {
        let completed: Vec<&LoadedResponse> = folder.completed().collect();
        let selected = match &options.group {
            None => completed,
            Some(group) => {
                // The same rule as the workshop's own breakdown decides whether a group is shown.
                let listed = scoring::score_workshop(folder, &scoring::ScoreOptions::default())
                    .groups
                    .iter()
                    .any(|g| &g.group == group);
                if !listed {
                    return Err(CompareError::GroupNotReportable {
                        workshop: folder.dir.display().to_string(),
                        group: group.clone(),
                    });
                }
                completed
                    .into_iter()
                    .filter(|loaded| loaded.response.group.as_ref() == Some(group))
                    .collect()
            }
        };
        waves.push(Wave {
            title: folder.workshop.title.clone(),
            date: folder.workshop.date,
            dir: folder.dir.clone(),
            respondents: selected.len(),
            rule: folder.workshop.rule.clone(),
        });
        members.push(selected);
    }

    let mut questionnaires = Vec::new();
    for id in &folders[0].workshop.questionnaires {
        let installed: Vec<Option<&Questionnaire>> = folders
            .iter()
            .map(|folder| {
                folder
                    .workshop
                    .questionnaires
                    .contains(id)
                    .then(|| folder.catalog.get(id))
                    .flatten()
            })
            .collect();
        let Some(installed) = installed.into_iter().collect::<Option<Vec<_>>>() else {
            notes.push(format!(
                "\"{id}\" is not used (or not installed) in every workshop; not compared"
            ));
            continue;
        };
        if installed[0].is_per_entry() {
            notes.push(format!(
                "\"{id}\" is asked per {}, and those differ between workshops; not compared",
                installed[0].asks_per().noun()
            ));
            continue;
        }
        let versions: Vec<u32> = installed.iter().map(|q| q.version).collect();
        let hashes: Vec<String> = installed.iter().map(|q| q.content_hash()).collect();
        if hashes.iter().any(|hash| hash != &hashes[0]) {
            notes.push(format!(
                "\"{id}\" differs between workshops (versions {}); only the items they share are \
                 compared",
                versions
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for (wave, wave_members) in members.iter().enumerate() {
            let mut answered: Vec<u32> = wave_members
                .iter()
                .flat_map(|loaded| loaded.response.sections_of(id))
                .map(|section| section.version)
                .filter(|version| *version != versions[wave])
                .collect();
            answered.sort_unstable();
            answered.dedup();
            if !answered.is_empty() {
                notes.push(format!(
                    "wave {}: some answers to \"{id}\" were given to version(s) {} but are scored \
                     with version {}",
                    wave + 1,
                    answered
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    versions[wave]
                ));
            }
        }
        let (shared, left_out_items) = shared_questionnaire(&installed);
        let scores: Vec<QuestionnaireScore> = members
            .iter()
            .zip(folders)
            .map(|(wave_members, folder)| {
                let sections: Vec<&Section> = wave_members
                    .iter()
                    .filter_map(|loaded| loaded.response.sections_of(id).next())
                    .collect();
                let mut score = scoring::score_questionnaire(&shared, &sections, Some(&rule));
                let threshold = folder.workshop.disclosure_threshold();
                scoring::withhold_small_figures(&shared, &mut score, threshold);
                score
            })
            .collect();
        questionnaires.push(compare_scores(&shared, versions, left_out_items, &scores));
    }
    Ok(Comparison {
        waves,
        rule,
        group: options.group.clone(),
        mean_interval_method: MEAN_INTERVAL_METHOD,
        share_interval_method: SHARE_INTERVAL_METHOD,
        questionnaires,
        notes,
    })
}

/// The first wave's questionnaire cut down to the items every wave has in the same form. Items
/// whose show-if depends on a left-out item go too; so do classification axes that need one.
fn shared_questionnaire(installed: &[&Questionnaire]) -> (Questionnaire, Vec<String>) {
    let first = installed[0];
    let same = |a: &Item, b: &Item| {
        a.kind == b.kind
            && a.dimension == b.dimension
            && a.reverse == b.reverse
            && a.weight == b.weight
            && a.show_if == b.show_if
    };
    let mut kept: Vec<Item> = first
        .items
        .iter()
        .filter(|item| {
            installed[1..]
                .iter()
                .all(|q| q.item(&item.id).is_some_and(|other| same(item, other)))
        })
        .cloned()
        .collect();
    // Drop items whose condition points at a dropped item, until nothing changes.
    loop {
        let before = kept.len();
        let ids: Vec<String> = kept.iter().map(|item| item.id.clone()).collect();
        kept.retain(|item| item.show_if.as_ref().is_none_or(|s| ids.contains(&s.item)));
        if kept.len() == before {
            break;
        }
    }
    let mut left_out: Vec<String> = installed
        .iter()
        .flat_map(|q| q.items.iter().map(|item| item.id.clone()))
        .filter(|id| !kept.iter().any(|item| &item.id == id))
        .collect();
    left_out.sort();
    left_out.dedup();
    let mut shared = first.clone();
    shared.items = kept;
    if let Some(classification) = &shared.interpretation.classification {
        let has = |id: &String| shared.items.iter().any(|item| &item.id == id);
        if !classification.x.items.iter().all(has) || !classification.y.items.iter().all(has) {
            shared.interpretation.classification = None;
        }
    }
    (shared, left_out)
}

fn compare_scores(
    shared: &Questionnaire,
    versions: Vec<u32>,
    left_out_items: Vec<String>,
    scores: &[QuestionnaireScore],
) -> QuestionnaireComparison {
    let dimensions = shared
        .dimensions
        .iter()
        .enumerate()
        .filter(|(_, dimension)| shared.items_of(&dimension.id).next().is_some())
        .map(|(index, dimension)| {
            let per_wave: Vec<&scoring::DimensionScore> = scores
                .iter()
                .map(|score| &score.dimensions[index])
                .collect();
            DimensionComparison {
                id: dimension.id.clone(),
                title: dimension.title.clone(),
                scale_min: per_wave.first().map_or(f64::NAN, |d| d.scale_min),
                scale_max: per_wave.first().map_or(f64::NAN, |d| d.scale_max),
                waves: per_wave.iter().map(|d| d.summary.clone()).collect(),
                changes: per_wave
                    .windows(2)
                    .enumerate()
                    .map(|(from, pair)| {
                        let mut change = welch_change(&pair[0].values, &pair[1].values);
                        change.from = from;
                        change.to = from + 1;
                        change
                    })
                    .collect(),
            }
        })
        .collect();

    let segments = match scores[0].segments.as_ref() {
        None => Vec::new(),
        Some(first) => first
            .segments
            .iter()
            .enumerate()
            .map(|(index, segment)| {
                let shares: Vec<Option<Share>> = scores
                    .iter()
                    .map(|score| {
                        let segments = score.segments.as_ref()?;
                        (segments.classified > 0).then(|| segments.segments[index].share)
                    })
                    .collect();
                SegmentComparison {
                    id: segment.id.clone(),
                    title: segment.title.clone(),
                    changes: shares
                        .windows(2)
                        .enumerate()
                        .map(|(from, pair)| match (pair[0], pair[1]) {
                            (Some(before), Some(after)) => {
                                let (low, high) = newcombe_interval(&before, &after);
                                ShareChange {
                                    from,
                                    to: from + 1,
                                    difference: Some(after.share - before.share),
                                    ci_low: Some(low),
                                    ci_high: Some(high),
                                }
                            }
                            _ => ShareChange {
                                from,
                                to: from + 1,
                                difference: None,
                                ci_low: None,
                                ci_high: None,
                            },
                        })
                        .collect(),
                    waves: shares,
                }
            })
            .collect(),
    };

    QuestionnaireComparison {
        id: shared.id.clone(),
        title: shared.title.clone(),
        versions,
        shared_items: shared.items.len(),
        left_out_items,
        dimensions,
        segments,
    }
}

/// The change in mean from `before` to `after` with its 95% Welch t interval. The difference needs
/// one score in each wave; the interval and df need two in each and some spread. The difference is
/// that of the two waves' snapped means (as [`Summary::of`] reports them), itself snapped, so
/// identical waves differ by exactly 0 and 2.6 → 2.4 is −0.2. A wave whose scores do not vary
/// (its snapped sd is 0) counts as having no variance at all; when neither wave varies there is no
/// interval and no df, rather than ±1e-15.
pub fn welch_change(before: &[f64], after: &[f64]) -> MeanChange {
    let mut change = MeanChange {
        from: 0,
        to: 1,
        difference: None,
        ci_low: None,
        ci_high: None,
        df: None,
    };
    if before.is_empty() || after.is_empty() {
        return change;
    }
    let difference = snap(snap(mean(after)) - snap(mean(before)));
    change.difference = Some(difference);
    let (Some(var_before), Some(var_after)) = (variance(before), variance(after)) else {
        return change;
    };
    let a = var_before / before.len() as f64;
    let b = var_after / after.len() as f64;
    let se_squared = a + b;
    if se_squared <= 0.0 {
        return change;
    }
    let df = se_squared.powi(2)
        / (a.powi(2) / (before.len() - 1) as f64 + b.powi(2) / (after.len() - 1) as f64);
    let half = t_quantile(0.975, df) * se_squared.sqrt();
    change.ci_low = Some(difference - half);
    change.ci_high = Some(difference + half);
    change.df = Some(df);
    change
}

/// Sample variance, exactly 0 when the snapped sd is: scores that are all the same but for float
/// noise have no variance.
fn variance(values: &[f64]) -> Option<f64> {
    let variance = sample_variance(values)?;
    Some(if sample_sd(values)? == 0.0 {
        0.0
    } else {
        variance
    })
}

/// Newcombe's hybrid score interval for `after.share - before.share` (Newcombe 1998, method 10):
/// the difference widened by each share's distance to its Wilson limit.
pub fn newcombe_interval(before: &Share, after: &Share) -> (f64, f64) {
    let difference = after.share - before.share;
    let low = difference
        - ((after.share - after.ci_low).powi(2) + (before.ci_high - before.share).powi(2)).sqrt();
    let high = difference
        + ((after.ci_high - after.share).powi(2) + (before.share - before.ci_low).powi(2)).sqrt();
    (low, high)
}

/// The `p` quantile of Student's t with `df` (not necessarily whole) degrees of freedom, by
/// bisection on the distribution function; the normal quantile once `df` is astronomically large.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if df > 1e7 && (p - 0.975).abs() < 1e-15 {
        return Z_95;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    let mut high = 1.0;
    while t_cdf(high, df) < p {
        high *= 2.0;
    }
    let mut low = 0.0;
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if t_cdf(middle, df) < p {
            low = middle;
        } else {
            high = middle;
        }
        if high - low <= 1e-15 * high {
            break;
        }
    }
    0.5 * (low + high)
}

/// P(T ≤ t) for Student's t with `df` degrees of freedom.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * regularized_incomplete_beta(df / (df + t * t), df / 2.0, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// I_x(a, b) by its continued fraction (modified Lentz), using the symmetry relation where the
/// fraction converges slowly.
fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        log_front.exp() * beta_continued_fraction(x, a, b) / a
    } else {
        1.0 - log_front.exp() * beta_continued_fraction(1.0 - x, b, a) / b
    }
}

fn beta_continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut result = d;
    for m in 1..=500 {
        let m = f64::from(m);
        let even_step = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        let odd_step = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        let mut last_factor = 1.0;
        for step in [even_step, odd_step] {
            d = 1.0 + step * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + step / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            last_factor = d * c;
            result *= last_factor;
        }
        if (last_factor - 1.0).abs() < 1e-16 {
            break;
        }
    }
    result
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; about 15 significant digits).
fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (index, coefficient) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += coefficient / (x + index as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The comparison as a plain-text table for the terminal.
pub fn comparison_table(comparison: &Comparison) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let number = |value: Option<f64>, digits: usize| {
        value.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
    };
    for (index, wave) in comparison.waves.iter().enumerate() {
        let _ = writeln!(
            out,
            "Wave {}: {} ({}), n = {}",
            index + 1,
            wave.title,
            wave.date,
            wave.respondents
        );
    }
    if let Some(group) = &comparison.group {
        let _ = writeln!(out, "Group: {group}");
    }
    let _ = writeln!(out, "Mean change: {}", comparison.mean_interval_method);
    let _ = writeln!(out, "Share change: {}", comparison.share_interval_method);
    for questionnaire in &comparison.questionnaires {
        let _ = writeln!(
            out,
            "\n{} (versions {})",
            questionnaire.title,
            questionnaire
                .versions
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" → ")
        );
        for dimension in &questionnaire.dimensions {
            let means: Vec<String> = dimension
                .waves
                .iter()
                .map(|summary| number(summary.mean, 2))
                .collect();
            let _ = write!(
                out,
                "  {:<34} {}",
                shorten(&dimension.title, 34),
                means.join(" → ")
            );
            for change in &dimension.changes {
                let _ = write!(
                    out,
                    "   Δ{}→{} {} [{}, {}]",
                    change.from + 1,
                    change.to + 1,
                    signed(change.difference, 2),
                    number(change.ci_low, 2),
                    number(change.ci_high, 2)
                );
            }
            let _ = writeln!(out);
        }
        if !questionnaire.segments.is_empty() {
            let _ = writeln!(out, "  Segments (rule {}):", comparison.rule);
        }
        for segment in &questionnaire.segments {
            let shares: Vec<String> = segment
                .waves
                .iter()
                .map(|share| number(share.map(|s| s.share * 100.0), 0) + "%")
                .collect();
            let _ = write!(out, "    {:<32} {}", segment.title, shares.join(" → "));
            for change in &segment.changes {
                let percent = |v: Option<f64>| v.map(|v| v * 100.0);
                let _ = write!(
                    out,
                    "   Δ{}→{} {} pts [{}, {}]",
                    change.from + 1,
                    change.to + 1,
                    signed(percent(change.difference), 0),
                    number(percent(change.ci_low), 0),
                    number(percent(change.ci_high), 0)
                );
            }
            let _ = writeln!(out);
        }
    }
    for note in &comparison.notes {
        let _ = writeln!(out, "\nnote: {note}");
    }
    out
}

fn signed(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:+.digits$}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_r() {
        // R: qt(0.975, c(1, 2, 10, 30, 50/17))
        let expected = [
            (1.0, 12.706_204_736_174_694),
            (2.0, 4.302_652_729_749_462),
            (10.0, 2.228_138_851_986_274),
            (30.0, 2.042_272_456_301_238),
            (50.0 / 17.0, 3.218_758_614_532_883),
        ];
        for (df, quantile) in expected {
            let ours = t_quantile(0.975, df);
            assert!(
                (ours - quantile).abs() < 1e-9,
                "df {df}: {ours} vs {quantile}"
            );
        }
    }
}
