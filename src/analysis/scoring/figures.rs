//! The figures of one questionnaire over a set of rows of its answer table: dimension summaries
//! and reliability, item counts, notes, roadblock ranks, HERO segments and project placement.
//! The whole team and every group are scored by the same functions over different rows.

use super::table::{AnswerTable, NO_ANSWER};
use super::*;

/// A dimension's mean as the weighted mean of its items' means (reverse-coded), each over the rows
/// that answered it: what a tally can tell without inventing people.
pub(super) fn mean_of_item_means(table: &AnswerTable, d: usize, rows: &[usize]) -> Option<f64> {
    let (mut weighted_sum, mut weight_total) = (0.0, 0.0);
    for &i in &table.dimension_items[d] {
        let values: Vec<f64> = rows.iter().filter_map(|&s| table.scored(s, i)).collect();
        if values.is_empty() {
            continue;
        }
        let weight = table.questionnaire.items[i].weight;
        weighted_sum += weight * crate::analysis::stats::mean(&values);
        weight_total += weight;
    }
    (weight_total > 0.0).then(|| weighted_sum / weight_total)
}

/// Scores one questionnaire over the given sections (one per respondent, or one per evaluation).
pub fn score_questionnaire(
    questionnaire: &Questionnaire,
    sections: &[&Section],
    rule: Option<&str>,
) -> QuestionnaireScore {
    score_questionnaire_grouped(questionnaire, sections, &[], rule)
}

/// [`score_questionnaire`] with each section's group (parallel to `sections`; may be empty), which
/// adds ICC(1) and ICC(2) across groups.
pub fn score_questionnaire_grouped(
    questionnaire: &Questionnaire,
    sections: &[&Section],
    groups: &[Option<&str>],
    rule: Option<&str>,
) -> QuestionnaireScore {
    let table = AnswerTable::new(questionnaire, sections);
    let rows: Vec<usize> = (0..sections.len()).collect();
    score_rows(&table, &rows, &group_indices(groups), &[], rule, true)
}

/// Each section's group as an index into the group names in sorted order, so that per-row work
/// compares numbers rather than names.
pub(super) fn group_indices(groups: &[Option<&str>]) -> Vec<Option<usize>> {
    // Workshops have a handful of groups: a short list beats hashing every name.
    let mut names: Vec<&str> = Vec::new();
    for group in groups.iter().flatten() {
        if !names.contains(group) {
            names.push(group);
        }
    }
    names.sort_unstable();
    groups
        .iter()
        .map(|group| group.and_then(|group| names.iter().position(|name| *name == group)))
        .collect()
}

/// Every dimension's figures (summary, band, reliability) over the given rows.
pub(super) fn dimension_scores(
    table: &AnswerTable,
    rows: &[usize],
    groups: &[Option<usize>],
    keep_values: bool,
) -> Vec<DimensionScore> {
    let questionnaire = table.questionnaire;
    // Dimensions, items and entries are scored in parallel: questionnaires are scored one at a
    // time (see `score_workshop`), so the cores share the work inside one.
    questionnaire
        .dimensions
        .par_iter()
        .enumerate()
        .map(|(d, dimension)| {
            let values: Vec<f64> = rows
                .iter()
                .filter_map(|&s| table.dimension_values[d][s].get())
                .collect();
            let tallied = rows
                .iter()
                .filter(|&&s| table.tallied[s] && table.dimension_values[d][s].get().is_some())
                .count();
            let (summary, mut values) = if tallied > 0 {
                // A tally pairs answers into invented people: only item-level figures are real.
                let summary = Summary {
                    n: values.len(),
                    mean: mean_of_item_means(table, d, rows).map(crate::analysis::stats::snap),
                    ..Summary::default()
                };
                (summary, Vec::new())
            } else {
                (Summary::of(&values), values)
            };
            if !keep_values {
                values = Vec::new();
            }
            let (scale_min, scale_max) = questionnaire.dimension_range(&dimension.id);
            let band = summary.mean.and_then(|mean| {
                let bands = questionnaire.bands_for(&dimension.id)?;
                band_for(bands, mean).map(|band| BandScore {
                    label: band.label.clone(),
                    level: band.level,
                    recommendation: band.recommendation.clone(),
                    owner: band.owner,
                })
            });
            let reliability = if tallied > 0 {
                Reliability::default()
            } else {
                reliability(table, d, rows, groups, (scale_min, scale_max))
            };
            DimensionScore {
                id: dimension.id.clone(),
                title: dimension.title.clone(),
                reliability,
                summary,
                scale_min,
                scale_max,
                band,
                withheld: None,
                tallied,
                values,
            }
        })
        .collect()
}

/// Scores the given rows of a table: all of them for the whole team, or one group's. `groups` is
/// each section's group index (see [`group_indices`]), parallel to the table's sections, or empty.
pub(super) fn score_rows(
    table: &AnswerTable,
    rows: &[usize],
    groups: &[Option<usize>],
    labels: &[Option<&str>],
    rule: Option<&str>,
    keep_values: bool,
) -> QuestionnaireScore {
    let questionnaire = table.questionnaire;
    let dimensions = dimension_scores(table, rows, groups, keep_values);

    let items = (0..questionnaire.items.len())
        .into_par_iter()
        .map(|i| score_item(table, i, rows))
        .collect();

    let roadblocks = if questionnaire.interpretation.rank_as_roadblocks {
        rank_roadblocks(questionnaire, &dimensions)
    } else {
        Vec::new()
    };

    QuestionnaireScore {
        id: questionnaire.id.clone(),
        title: questionnaire.title.clone(),
        version: questionnaire.version,
        respondents: rows.len(),
        segments: classify(table, rows, rule),
        placement: place_projects(table, rows),
        asked_per: questionnaire.asks_per(),
        entries: score_entries(table, rows),
        dimensions,
        items,
        roadblocks,
        notes: note_lists(table, rows, labels),
    }
}

/// Alpha and agreement from the reverse-coded item answers, ICC from the dimension scores by group.
pub(super) fn reliability(
    table: &AnswerTable,
    d: usize,
    rows: &[usize],
    groups: &[Option<usize>],
    (min, max): (f64, f64),
) -> Reliability {
    let items = &table.dimension_items[d];
    // One flat block, sliced per respondent: no allocation per row.
    let cells: Vec<Option<f64>> = rows
        .iter()
        .flat_map(|&s| items.iter().map(move |&i| table.scored(s, i)))
        .collect();
    let matrix: Vec<&[Option<f64>]> = cells.chunks(items.len().max(1)).collect();
    let options = (max - min).round() as u32 + 1;
    let figures = crate::analysis::reliability::scale_figures(&matrix, options);
    let alpha_if_item_deleted = items
        .iter()
        .map(|&i| table.questionnaire.items[i].id.clone())
        .zip(figures.alpha_if_item_deleted)
        .collect();
    let mut by_group: Vec<Vec<f64>> = Vec::new();
    if groups.len() == table.sections.len() {
        for &s in rows {
            if let (Some(group), Some(value)) = (groups[s], table.dimension_values[d][s].get()) {
                if by_group.len() <= group {
                    by_group.resize_with(group + 1, Vec::new);
                }
                by_group[group].push(value);
            }
        }
    }
    let icc = crate::analysis::reliability::icc(&by_group);
    Reliability {
        alpha: figures.alpha,
        alpha_if_item_deleted,
        rwg_j: figures.rwg_j,
        rwg_j_lindell: figures.rwg_j_lindell,
        icc1: icc.map(|icc| icc.icc1),
        icc2: icc.map(|icc| icc.icc2),
    }
}

pub(super) fn score_item(table: &AnswerTable, i: usize, rows: &[usize]) -> ItemScore {
    let item = &table.questionnaire.items[i];
    let mut values = Vec::with_capacity(rows.len());
    let mut declined = 0;
    let mut counts: Vec<OptionCount> = item
        .kind
        .value_labels()
        .into_iter()
        .map(|(value, label)| OptionCount {
            value,
            label,
            count: 0,
        })
        .collect();
    let choices = item.kind.choice_options().is_some();
    let first_value = counts.first().map_or(0, |count| count.value);
    let mut answered = 0;
    let counted: Vec<f64> = rows.iter().filter_map(|&s| table.scored(s, i)).collect();
    for &s in rows {
        let cell = table.cell(s, i);
        if !table.shown.get(cell) {
            continue;
        }
        if table.answers[cell] != NO_ANSWER {
            answered += 1;
        }
        if let Some(value) = table.raw[cell].get() {
            values.push(value);
            if !choices {
                // Numeric options are mostly consecutive whole numbers from the first one (yes/no
                // lists yes first): try that slot, else search.
                let value = value as i64;
                let slot = usize::try_from(value - first_value)
                    .ok()
                    .filter(|&slot| counts.get(slot).is_some_and(|c| c.value == value))
                    .or_else(|| counts.iter().position(|c| c.value == value));
                if let Some(slot) = slot {
                    counts[slot].count += 1;
                }
            }
        }
        if table.declined.get(cell) {
            declined += 1;
        } else if choices && let Some(answer) = table.answer(s, i) {
            for chosen in item.kind.chosen_positions(answer) {
                if let Some(count) = counts.get_mut(chosen as usize) {
                    count.count += 1;
                }
            }
        }
    }
    ItemScore {
        id: item.id.clone(),
        text: item.text.clone(),
        dimension: item.dimension.clone(),
        kind: item.kind.name().to_owned(),
        reverse: item.reverse,
        summary: Summary::of(&values),
        counted_mean: (!counted.is_empty()).then(|| crate::analysis::stats::mean(&counted)),
        answered,
        declined: Some(declined),
        counts,
        withheld: None,
        likert_labels: match &item.kind {
            ItemKind::Likert { labels, .. } => Some(labels.clone()),
            ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::SingleChoice { .. }
            | ItemKind::MultipleChoice { .. }
            | ItemKind::Count { .. }
            | ItemKind::Text { .. } => None,
        },
    }
}

/// The notes to each text item over the given rows, sorted by text (see [`NoteList`]). `labels`
/// is each section's participant label, parallel to the table's sections, or empty.
pub(super) fn note_lists(
    table: &AnswerTable,
    rows: &[usize],
    labels: &[Option<&str>],
) -> Vec<NoteList> {
    let questionnaire = table.questionnaire;
    questionnaire
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| matches!(item.kind, ItemKind::Text { .. }))
        .map(|(i, item)| {
            let mut notes: Vec<Note> = rows
                .iter()
                .filter_map(|&s| {
                    let text = note_at(table, s, i)?;
                    Some(Note {
                        text: text.to_owned(),
                        project: questionnaire
                            .is_per_entry()
                            .then(|| project_name(table.sections[s]).to_owned()),
                        label: labels.get(s).copied().flatten().map(str::to_owned),
                    })
                })
                .collect();
            notes.sort();
            NoteList {
                item: item.id.clone(),
                prompt: item.text.clone(),
                count: notes.len(),
                notes,
                withheld: None,
            }
        })
        .collect()
}

/// Section s's note to text item i, trimmed: only when the item was shown and the note says
/// something.
pub(super) fn note_at<'a>(table: &AnswerTable<'a>, s: usize, i: usize) -> Option<&'a str> {
    if !table.shown.get(table.cell(s, i)) {
        return None;
    }
    match table.answer(s, i)? {
        Answer::Text(text) => Some(text.trim()).filter(|text| !text.is_empty()),
        _ => None,
    }
}

/// Banded dimensions ordered worst (lowest mean) first, with competition ranks (1, 2, 2, 4): equal
/// means share a rank and keep the questionnaire's order, and means are compared as snapped by
/// [`Summary::of`], so float noise never splits a tie. Dimensions without a mean come last with no
/// rank, so a questionnaire nobody answered lists its dimensions unranked (charts then show "not
/// enough data" rather than claim the questionnaire ranks nothing).
pub(super) fn rank_roadblocks(
    questionnaire: &Questionnaire,
    dimensions: &[DimensionScore],
) -> Vec<RoadblockRank> {
    let mut ranked: Vec<&DimensionScore> = dimensions
        .iter()
        .filter(|dimension| questionnaire.bands_for(&dimension.id).is_some())
        .collect();
    let means: Vec<f64> = ranked.iter().filter_map(|d| d.summary.mean).collect();
    // Stable: ties stay in questionnaire order.
    ranked.sort_by(|a, b| match (a.summary.mean, b.summary.mean) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    ranked
        .into_iter()
        .map(|dimension| RoadblockRank {
            rank: dimension
                .summary
                .mean
                .map(|mean| 1 + means.iter().filter(|&&other| other < mean).count()),
            dimension: dimension.id.clone(),
            title: dimension.title.clone(),
            mean: dimension.summary.mean,
            band: dimension.band.clone(),
        })
        .collect()
}

pub(super) fn classify(
    table: &AnswerTable,
    rows: &[usize],
    rule: Option<&str>,
) -> Option<SegmentScore> {
    let classification = table.questionnaire.interpretation.classification.as_ref()?;
    let rule = rule
        .and_then(|id| classification.rules.iter().find(|rule| rule.id == id))
        .or_else(|| {
            classification
                .rules
                .iter()
                .find(|rule| rule.id == classification.default_rule)
        })
        .or_else(|| classification.rules.first())?;
    // Each axis is the sum of raw answers to its items; `None` if any is unanswered (or unknown).
    let axis_items = |ids: &[String]| -> Option<Vec<usize>> {
        ids.iter()
            .map(|id| table.questionnaire.item_index(id))
            .collect()
    };
    let (x_items, y_items) = (
        axis_items(&classification.x.items),
        axis_items(&classification.y.items),
    );
    let axis_value = |s: usize, items: &Option<Vec<usize>>| -> Option<f64> {
        items.as_ref()?.iter().try_fold(0.0, |sum, &i| {
            Some(sum + table.raw[table.cell(s, i)].get()?)
        })
    };
    let mut points = Vec::new();
    let mut unclassified = 0;
    let mut tallied = 0;
    let mut counts = vec![0usize; classification.segments.len()];
    for &s in rows {
        if table.tallied[s] {
            tallied += 1;
            continue;
        }
        let (Some(x), Some(y)) = (axis_value(s, &x_items), axis_value(s, &y_items)) else {
            unclassified += 1;
            continue;
        };
        let x_high = x >= rule.x_at_least;
        let y_high = y >= rule.y_at_least;
        match classification
            .segments
            .iter()
            .position(|segment| segment.x_high == x_high && segment.y_high == y_high)
        {
            Some(index) => {
                counts[index] += 1;
                points.push((x, y, index));
            }
            None => unclassified += 1,
        }
    }
    let classified = points.len();
    let benchmark = rule.benchmark.as_ref();
    let axis_range = |ids: &[String]| {
        ids.iter().try_fold((0.0, 0.0), |(low, high), id| {
            let (item_low, item_high) = table.questionnaire.item(id)?.kind.value_range()?;
            Some((low + item_low, high + item_high))
        })
    };
    let segments = classification
        .segments
        .iter()
        .zip(&counts)
        .map(|(segment, &count)| {
            let share = Share::wilson(count, classified).unwrap_or(Share {
                count: 0,
                share: 0.0,
                ci_low: 0.0,
                ci_high: 0.0,
            });
            let published = benchmark.and_then(|b| b.shares.get(&segment.id).copied());
            SegmentShare {
                id: segment.id.clone(),
                title: segment.title.clone(),
                difference: published
                    .filter(|_| classified > 0)
                    .map(|b| share.share - b),
                share,
                benchmark: published,
                lever: segment.lever.clone(),
                owner: segment.owner,
                x_high: segment.x_high,
                y_high: segment.y_high,
            }
        })
        .collect();
    Some(SegmentScore {
        rule: rule.id.clone(),
        rule_title: rule.title.clone(),
        title: classification.title.clone(),
        x_label: classification.x.label.clone(),
        y_label: classification.y.label.clone(),
        x_threshold: rule.x_at_least,
        y_threshold: rule.y_at_least,
        x_range: axis_range(&classification.x.items),
        y_range: axis_range(&classification.y.items),
        classified,
        unclassified,
        tallied,
        withheld: None,
        segments,
        benchmark_population: benchmark.map(|b| b.population.clone()),
        benchmark_source: benchmark.map(|b| b.source.clone()),
        points,
    })
}

/// Per entry of the list a questionnaire is asked per (each channel, say): its dimension scores
/// and bands over that entry's evaluations, entries in name order. Empty for questionnaires asked
/// once, and for those whose placement already scores each entry (the effort–value map).
pub(super) fn score_entries(table: &AnswerTable, rows: &[usize]) -> Vec<EntryScore> {
    let questionnaire = table.questionnaire;
    if !questionnaire.is_per_entry() || questionnaire.interpretation.placement.is_some() {
        return Vec::new();
    }
    let entries: Vec<(String, Vec<usize>)> = entry_rows(table, rows).into_values().collect();
    entries
        .into_par_iter()
        .map(|(entry, evaluations)| EntryScore {
            entry,
            evaluations: evaluations.len(),
            dimensions: dimension_scores(table, &evaluations, &[], false),
            withheld: None,
        })
        .collect()
}

/// The given rows by entry, keyed by the case-folded name: (name as shown, rows).
fn entry_rows(table: &AnswerTable, rows: &[usize]) -> BTreeMap<String, (String, Vec<usize>)> {
    let mut by_entry: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &s in rows {
        let name = project_name(table.sections[s]);
        by_entry
            .entry(name.to_lowercase())
            .or_insert_with(|| (name.to_owned(), Vec::new()))
            .1
            .push(s);
    }
    by_entry
}

/// The project an evaluation is about, as shown; projects are told apart ignoring case.
pub(super) fn project_name(section: &Section) -> &str {
    let name = section.project.as_deref().unwrap_or("").trim();
    if name.is_empty() {
        "Unnamed project"
    } else {
        name
    }
}

/// Per project: the mean of each evaluation's dimension score, rescaled to 0–100, and its zone (the
/// first whose half-open ranges contain the point).
pub(super) fn place_projects(table: &AnswerTable, rows: &[usize]) -> Option<PlacementScore> {
    let questionnaire = table.questionnaire;
    let placement = questionnaire.interpretation.placement.as_ref()?;
    let by_project = entry_rows(table, rows);
    let axis = |evaluations: &[usize], dimension: &str| -> Option<f64> {
        let d = table.dimension_index(dimension)?;
        let values: Vec<f64> = evaluations
            .iter()
            .filter_map(|&s| table.dimension_values[d][s].get())
            .collect();
        let mean = Summary::of(&values).mean?;
        let (min, max) = questionnaire.dimension_range(dimension);
        // Snapped, so rescaling adds no float noise: a mean of 1.1 on 1–5 is 2.5, not
        // 2.500000000000002 (zones are half-open, see `Zone::contains`).
        Some(if max > min {
            crate::analysis::stats::snap((mean - min) / (max - min) * 100.0)
        } else {
            0.0
        })
    };
    let projects = by_project
        .into_values()
        .map(|(project, evaluations)| {
            let x = axis(&evaluations, &placement.x_dimension);
            let y = axis(&evaluations, &placement.y_dimension);
            let zone = x
                .zip(y)
                .and_then(|(x, y)| placement.zones.iter().find(|zone| zone.contains(x, y)));
            ProjectScore {
                project,
                evaluations: evaluations.len(),
                x,
                y,
                zone: zone.map(|zone| zone.id.clone()),
                zone_label: zone.map(|zone| zone.label.clone()),
                advice: zone.map(|zone| zone.advice.clone()),
                withheld: None,
            }
        })
        .collect();
    let title_of = |id: &str| {
        questionnaire
            .dimension(id)
            .map_or_else(|| id.to_owned(), |dimension| dimension.title.clone())
    };
    Some(PlacementScore {
        x_label: title_of(&placement.x_dimension),
        y_label: title_of(&placement.y_dimension),
        zones: placement.zones.clone(),
        projects,
    })
}
