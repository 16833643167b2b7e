//! The disclosure rule: a figure is shown only when at least the anonymity threshold of people
//! contributed to it, and a group's figure only when the whole minus the groups showing it leaves
//! none or at least that many (secondary suppression hides the smallest group otherwise). Withheld
//! figures are nulled and say why; statistics pooled over groups use the groups shown.

use super::figures::{note_at, rank_roadblocks};
use super::table::{AnswerTable, NO_ANSWER};
use super::*;

/// One figure of a questionnaire score that the disclosure rule decides on as a whole.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Figure {
    Dimension(usize),
    Item(usize),
    /// One dimension of one entry (see [`EntryScore`]), by case-folded name and dimension index.
    EntryDimension(String, usize),
    Segments,
    /// An entry of the list the questionnaire is asked per (a project on the placement, a
    /// channel), by its case-folded name.
    Entry(String),
    /// The notes to one text item, by index into [`QuestionnaireScore::notes`].
    Notes(usize),
}

/// How many people contributed to each figure of one score.
#[derive(Debug, Clone, Default)]
pub(super) struct FigureCounts {
    pub(super) dimensions: Vec<usize>,
    pub(super) items: Vec<usize>,
    pub(super) segments: usize,
    /// Per entry (project or channel), by case-folded name.
    pub(super) entries: Vec<(String, usize)>,
    /// Per entry and dimension of [`QuestionnaireScore::entries`]: (name, dimension, people).
    pub(super) entry_dimensions: Vec<(String, usize, usize)>,
    /// People who wrote a note, per note list.
    pub(super) notes: Vec<usize>,
}

impl FigureCounts {
    /// Counted from the score itself: right when every row is a different person.
    pub(super) fn of_score(score: &QuestionnaireScore) -> Self {
        Self {
            dimensions: score.dimensions.iter().map(|d| d.summary.n).collect(),
            items: score.items.iter().map(|item| item.answered).collect(),
            segments: score.segments.as_ref().map_or(0, |s| s.classified),
            entries: score
                .placement
                .iter()
                .flat_map(|placement| &placement.projects)
                .map(|p| (p.project.to_lowercase(), p.evaluations))
                .chain(
                    score
                        .entries
                        .iter()
                        .map(|e| (e.entry.to_lowercase(), e.evaluations)),
                )
                .collect(),
            entry_dimensions: score
                .entries
                .iter()
                .flat_map(|e| {
                    let key = e.entry.to_lowercase();
                    e.dimensions
                        .iter()
                        .enumerate()
                        .map(move |(d, dimension)| (key.clone(), d, dimension.summary.n))
                })
                .collect(),
            notes: score.notes.iter().map(|list| list.count).collect(),
        }
    }

    /// Counted in people, not rows: one person's evaluations of several entries count once.
    /// `owners[s]` is row s's person; a person's rows are consecutive.
    pub(super) fn of_people(
        table: &AnswerTable,
        rows: &[usize],
        owners: &[usize],
        score: &QuestionnaireScore,
    ) -> Self {
        let people = |contributes: &dyn Fn(usize) -> bool| {
            let mut last = None;
            let mut count = 0;
            for &s in rows {
                if contributes(s) && last != Some(owners[s]) {
                    count += 1;
                    last = Some(owners[s]);
                }
            }
            count
        };
        let mut counts = Self::of_score(score);
        if !table.questionnaire.is_per_entry() {
            return counts;
        }
        counts.dimensions = (0..table.questionnaire.dimensions.len())
            .map(|d| people(&|s| table.dimension_values[d][s].get().is_some()))
            .collect();
        counts.items = (0..table.questionnaire.items.len())
            .map(|i| {
                people(&|s| {
                    let cell = table.cell(s, i);
                    table.shown.get(cell) && table.answers[cell] != NO_ANSWER
                })
            })
            .collect();
        // Each row's case-folded entry name, folded once rather than once per entry and
        // dimension: as an index into `keys` (`usize::MAX` for rows not counted here).
        let mut keys: Vec<String> = Vec::new();
        let mut key_of_row = vec![usize::MAX; table.sections.len()];
        for &s in rows {
            let key = project_name(table.sections[s]).to_lowercase();
            key_of_row[s] = match keys.iter().position(|known| *known == key) {
                Some(k) => k,
                None => {
                    keys.push(key);
                    keys.len() - 1
                }
            };
        }
        let key_index = |key: &str| keys.iter().position(|known| known == key);
        for (key, count) in &mut counts.entries {
            let k = key_index(key);
            *count = people(&|s| Some(key_of_row[s]) == k);
        }
        for (key, d, count) in &mut counts.entry_dimensions {
            let k = key_index(key);
            *count = people(&|s| {
                table.dimension_values[*d][s].get().is_some() && Some(key_of_row[s]) == k
            });
        }
        counts.notes = score
            .notes
            .iter()
            .map(|list| match table.questionnaire.item_index(&list.item) {
                Some(i) => people(&|s| note_at(table, s, i).is_some()),
                None => 0,
            })
            .collect();
        counts
    }

    pub(super) fn figures(&self) -> Vec<Figure> {
        let mut figures: Vec<Figure> = (0..self.dimensions.len()).map(Figure::Dimension).collect();
        figures.extend((0..self.items.len()).map(Figure::Item));
        figures.push(Figure::Segments);
        figures.extend(
            self.entries
                .iter()
                .map(|(key, _)| Figure::Entry(key.clone())),
        );
        figures.extend(
            self.entry_dimensions
                .iter()
                .map(|(key, d, _)| Figure::EntryDimension(key.clone(), *d)),
        );
        figures.extend((0..self.notes.len()).map(Figure::Notes));
        figures
    }

    pub(super) fn get(&self, figure: &Figure) -> usize {
        match figure {
            Figure::Dimension(d) => self.dimensions.get(*d).copied().unwrap_or(0),
            Figure::Item(i) => self.items.get(*i).copied().unwrap_or(0),
            Figure::Segments => self.segments,
            Figure::Entry(key) => self
                .entries
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0, |(_, count)| *count),
            Figure::EntryDimension(key, d) => self
                .entry_dimensions
                .iter()
                .find(|(k, dimension, _)| k == key && dimension == d)
                .map_or(0, |(_, _, count)| *count),
            Figure::Notes(n) => self.notes.get(*n).copied().unwrap_or(0),
        }
    }
}

/// The reason given for a figure withheld for having too few contributors.
pub fn too_few_reason(threshold: usize) -> String {
    format!(
        "fewer than {}",
        crate::model::text::count(threshold, "answer", "answers")
    )
}

/// The reason given for a figure withheld by secondary suppression.
pub const SUBTRACTION_REASON: &str =
    "withheld so that fewer people cannot be worked out by subtraction from the whole";

/// Which groups may show a figure that `whole` people contributed to, `counts[g]` of them in
/// group g. A group needs at least `threshold` contributors; and while the people left over once
/// the shown groups are taken from the whole (those in hidden groups and those with no group) are
/// more than none but fewer than `threshold`, the smallest shown group is hidden too (secondary
/// suppression), since subtracting would otherwise expose them.
pub fn shown_groups(whole: usize, counts: &[usize], threshold: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = counts.iter().map(|&count| count >= threshold).collect();
    loop {
        let covered: usize = counts
            .iter()
            .zip(&shown)
            .filter(|(_, shown)| **shown)
            .map(|(count, _)| count)
            .sum();
        let rest = whole.saturating_sub(covered);
        if rest == 0 || rest >= threshold {
            return shown;
        }
        let smallest = (0..counts.len())
            .filter(|&g| shown[g])
            .min_by_key(|&g| (counts[g], g));
        match smallest {
            Some(g) => shown[g] = false,
            None => return shown,
        }
    }
}

/// Applies the disclosure rule to every figure of one questionnaire: the whole's figures need at
/// least `threshold` contributors, and each group's figures pass [`shown_groups`]. Withheld
/// figures are nulled and say why. Returns, per figure, which groups show it.
pub(super) fn disclose(
    questionnaire: &Questionnaire,
    whole: &mut QuestionnaireScore,
    groups: &mut [QuestionnaireScore],
    whole_counts: &FigureCounts,
    group_counts: &[FigureCounts],
    threshold: usize,
) -> Vec<(Figure, Vec<bool>)> {
    let mut decisions = Vec::new();
    for figure in whole_counts.figures() {
        let contributors = whole_counts.get(&figure);
        if contributors > 0 && contributors < threshold {
            withhold(whole, &figure, &too_few_reason(threshold));
        }
        let counts: Vec<usize> = group_counts.iter().map(|c| c.get(&figure)).collect();
        let shown = shown_groups(contributors, &counts, threshold);
        for ((score, &count), &shown) in groups.iter_mut().zip(&counts).zip(&shown) {
            if shown || count == 0 {
                continue;
            }
            let reason = if count < threshold {
                too_few_reason(threshold)
            } else {
                SUBTRACTION_REASON.to_owned()
            };
            withhold(score, &figure, &reason);
        }
        decisions.push((figure, shown));
    }
    for score in std::iter::once(&mut *whole).chain(groups.iter_mut()) {
        withhold_entry_remainders(score, threshold);
    }
    if questionnaire.interpretation.rank_as_roadblocks {
        for score in std::iter::once(whole).chain(groups.iter_mut()) {
            score.roadblocks = rank_roadblocks(questionnaire, &score.dimensions);
        }
    }
    decisions
}

/// Applies [`disclose`]'s rule to a score with no groups (a wave, a group already chosen): figures
/// from fewer than `threshold` people are withheld.
pub fn withhold_small_figures(
    questionnaire: &Questionnaire,
    score: &mut QuestionnaireScore,
    threshold: usize,
) {
    disclose(
        questionnaire,
        score,
        &mut [],
        &FigureCounts::of_score(score),
        &[],
        threshold,
    );
}

/// Nulls one figure of a score and records why.
pub(super) fn withhold(score: &mut QuestionnaireScore, figure: &Figure, reason: &str) {
    match figure {
        Figure::Dimension(d) => withhold_dimension(&mut score.dimensions, *d, reason),
        Figure::Item(i) => {
            if let Some(item) = score.items.get_mut(*i) {
                item.summary = Summary {
                    n: item.summary.n,
                    ..Summary::default()
                };
                item.counted_mean = None;
                item.declined = None;
                item.counts.clear();
                item.withheld = Some(reason.to_owned());
            }
        }
        Figure::Segments => {
            if let Some(segments) = &mut score.segments {
                segments.points.clear();
                for segment in &mut segments.segments {
                    segment.share = Share {
                        count: 0,
                        share: 0.0,
                        ci_low: 0.0,
                        ci_high: 0.0,
                    };
                    segment.difference = None;
                }
                segments.withheld = Some(reason.to_owned());
            }
        }
        Figure::EntryDimension(key, d) => {
            for entry in score
                .entries
                .iter_mut()
                .filter(|e| e.entry.to_lowercase() == *key)
            {
                withhold_dimension(&mut entry.dimensions, *d, reason);
            }
        }
        Figure::Entry(key) => {
            for entry in score.entries.iter_mut() {
                if entry.entry.to_lowercase() != *key {
                    continue;
                }
                for d in 0..entry.dimensions.len() {
                    withhold_dimension(&mut entry.dimensions, d, reason);
                }
                entry.withheld = Some(reason.to_owned());
            }
            let projects = score.placement.iter_mut().flat_map(|p| &mut p.projects);
            for project in projects.filter(|p| p.project.to_lowercase() == *key) {
                project.x = None;
                project.y = None;
                project.zone = None;
                project.zone_label = None;
                project.advice = None;
                project.withheld = Some(reason.to_owned());
            }
        }
        Figure::Notes(n) => {
            if let Some(list) = score.notes.get_mut(*n) {
                list.notes.clear();
                list.withheld = Some(reason.to_owned());
            }
        }
    }
}

/// Secondary suppression across entries: every evaluation belongs to exactly one entry, so the
/// whole's dimension minus the entries shown would reveal the entries withheld. Per dimension,
/// entries are hidden (smallest first) until the evaluations left over are none or at least the
/// threshold, as [`shown_groups`] does for groups.
fn withhold_entry_remainders(score: &mut QuestionnaireScore, threshold: usize) {
    for d in 0..score.dimensions.len() {
        let whole = score.dimensions[d].summary.n;
        let counts: Vec<usize> = score
            .entries
            .iter()
            .map(|e| match e.dimensions.get(d) {
                Some(dimension) if dimension.withheld.is_none() => dimension.summary.n,
                _ => 0,
            })
            .collect();
        let shown = shown_groups(whole, &counts, threshold);
        for ((entry, shown), count) in score.entries.iter_mut().zip(shown).zip(counts) {
            if !shown && count > 0 {
                withhold_dimension(&mut entry.dimensions, d, SUBTRACTION_REASON);
            }
        }
    }
}

/// Nulls one dimension's figures and records why.
fn withhold_dimension(dimensions: &mut [DimensionScore], d: usize, reason: &str) {
    if let Some(dimension) = dimensions.get_mut(d) {
        dimension.summary = Summary {
            n: dimension.summary.n,
            ..Summary::default()
        };
        dimension.band = None;
        dimension.reliability = Reliability::default();
        dimension.values.clear();
        dimension.withheld = Some(reason.to_owned());
    }
}

/// ICC(1) and ICC(2) of each whole-team dimension, from the groups that show that dimension only:
/// a hidden group's figures must not narrow down through a pooled statistic.
pub(super) fn pool_over_shown_groups(
    table: &AnswerTable,
    whole: &mut QuestionnaireScore,
    rows_of_group: &[Vec<usize>],
    decisions: &[(Figure, Vec<bool>)],
) {
    for (figure, shown) in decisions {
        let Figure::Dimension(d) = *figure else {
            continue;
        };
        let Some(dimension) = whole.dimensions.get_mut(d) else {
            continue;
        };
        if dimension.withheld.is_some() || dimension.tallied > 0 {
            continue;
        }
        let by_group: Vec<Vec<f64>> = rows_of_group
            .iter()
            .zip(shown)
            .filter(|(_, shown)| **shown)
            .map(|(rows, _)| {
                rows.iter()
                    .filter_map(|&s| table.dimension_values[d][s].get())
                    .collect()
            })
            .collect();
        let icc = crate::analysis::reliability::icc(&by_group);
        dimension.reliability.icc1 = icc.map(|icc| icc.icc1);
        dimension.reliability.icc2 = icc.map(|icc| icc.icc2);
    }
}
