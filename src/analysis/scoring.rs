//! Scoring: from questionnaires and responses to the numbers every table, chart and export shows.
//! Item values with reverse-coding, dimension scores (mean of answered items, empty below half),
//! team summaries, counts per option, HERO segments with Wilson intervals against the benchmark,
//! roadblocks ranked worst first, effort–value placement per project, and group breakdowns under
//! one disclosure rule: a figure is shown only when at least the anonymity threshold of people
//! contributed to it, and never when the whole minus the groups shown would leave fewer than that
//! (see [`disclose`]). Pure functions: no I/O, no UI.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::analysis::stats::{Share, Summary};
use crate::model::questionnaire::{
    ItemKind, Level, Owner, Questionnaire, RuleChoice, Zone, band_for, rule_choices,
};
use crate::model::response::{Answer, Section, condition_holds};
use crate::storage::Problem;
use crate::storage::folder::{LoadedResponse, WorkshopFolder};

/// What to score and how.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// Classification rule id; `None` uses the workshop's (or the questionnaire's default).
    pub rule: Option<String>,
    /// Score only this group (refused below the anonymity threshold).
    pub group: Option<String>,
}

/// Everything the results show, for one workshop (or one group of it).
#[derive(Debug, Clone, Serialize)]
pub struct WorkshopScore {
    pub title: String,
    pub date: Option<NaiveDate>,
    /// Completed responses counted.
    pub respondents: usize,
    /// Responses started but not finished (not counted).
    pub in_progress: usize,
    pub anonymity_threshold: usize,
    pub group: Option<String>,
    pub questionnaires: Vec<QuestionnaireScore>,
    /// Groups large enough to be reported apart.
    pub groups: Vec<GroupScore>,
    /// Groups that are not reported apart (too small, or too easy to work out from the others).
    pub suppressed_groups: Vec<String>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<String>,
    /// The classification rules the scored questionnaires offer (for a rule switch and for
    /// checking a `--rule`); the one chosen is each [`SegmentScore::rule`].
    #[serde(skip)]
    pub rules: Vec<RuleChoice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupScore {
    pub group: String,
    pub respondents: usize,
    pub questionnaires: Vec<QuestionnaireScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireScore {
    pub id: String,
    pub title: String,
    pub version: u32,
    /// Respondents (or, for per-project questionnaires, evaluations) with a section for it.
    pub respondents: usize,
    pub dimensions: Vec<DimensionScore>,
    pub items: Vec<ItemScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<SegmentScore>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roadblocks: Vec<RoadblockRank>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementScore>,
    /// The discussion notes: one list per text item, in questionnaire order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteList>,
}

/// The text answers to one prompt (a text item): from completed responses only, only where the
/// prompt was shown, sorted by text so that nothing follows the order of people. Withheld, like
/// any figure, when fewer than the anonymity threshold of people wrote one.
#[derive(Debug, Clone, Serialize)]
pub struct NoteList {
    /// The text item's id.
    pub item: String,
    /// The prompt, as asked.
    pub prompt: String,
    /// Notes written (kept when withheld, so outputs can say how many are held back).
    pub count: usize,
    /// Empty when withheld.
    pub notes: Vec<Note>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

/// One note, trimmed; with its project when the questionnaire evaluates projects.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The writer's participant label: never in the JSON, shown only where the facilitator opts in
    /// (the report's `show_labels`).
    #[serde(skip)]
    pub label: Option<String>,
}

impl QuestionnaireScore {
    /// Whether any figure holds something to show (not withheld, someone contributed).
    pub fn shows_anything(&self) -> bool {
        self.dimensions
            .iter()
            .any(|d| d.withheld.is_none() && d.summary.n > 0)
            || self
                .items
                .iter()
                .any(|item| item.withheld.is_none() && item.answered > 0)
            || self
                .segments
                .as_ref()
                .is_some_and(|s| s.withheld.is_none() && s.classified > 0)
            || self.placement.as_ref().is_some_and(|placement| {
                placement
                    .projects
                    .iter()
                    .any(|p| p.withheld.is_none() && p.evaluations > 0)
            })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// The lowest and highest possible score.
    pub scale_min: f64,
    pub scale_max: f64,
    pub band: Option<BandScore>,
    #[serde(flatten)]
    pub reliability: Reliability,
    /// Why the figure is not shown (too few answers, or it would reveal others by subtraction);
    /// every other figure of it is then null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// Answers entered from a tally among `n`: a tally has no per-person scores, so the mean is
    /// then the weighted mean of the item means and the per-person figures are null.
    #[serde(skip_serializing_if = "is_zero")]
    pub tallied: usize,
    /// Each respondent's score, in response order (for comparing waves). Empty in a
    /// [`score_workshop`] score: no output of a workshop reads it, and at 100,000 respondents
    /// the whole and every group would hold tens of megabytes of it.
    #[serde(skip)]
    pub values: Vec<f64>,
}

/// How far a dimension's score can be trusted: internal consistency of its items and agreement in
/// the team. Each figure is `None` (JSON `null`) when it cannot be computed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reliability {
    /// Cronbach's alpha over complete cases, after reverse-coding.
    pub alpha: Option<f64>,
    /// Alpha without each item in turn: (item id, alpha).
    pub alpha_if_item_deleted: Vec<(String, Option<f64>)>,
    /// Within-group agreement rwg(J) of the respondents scored together.
    pub rwg_j: Option<f64>,
    /// Lindell's r*wg(J).
    pub rwg_j_lindell: Option<f64>,
    /// ICC(1) and ICC(2) of the dimension score across groups.
    pub icc1: Option<f64>,
    pub icc2: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandScore {
    pub label: String,
    pub level: Level,
    pub recommendation: String,
    pub owner: Owner,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    pub id: String,
    pub text: String,
    pub dimension: Option<String>,
    pub kind: String,
    pub reverse: bool,
    /// Of the raw answers (before reverse-coding), so they read like the question.
    #[serde(flatten)]
    pub summary: Summary,
    /// People shown the item who answered it in any way, "prefer not to answer" included.
    pub answered: usize,
    /// "Prefer not to answer"; null when withheld.
    pub declined: Option<usize>,
    /// Empty when withheld.
    pub counts: Vec<OptionCount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
    /// The answer labels of an agreement (Likert) item, as the questionnaire words them, kept
    /// when the counts are withheld so a chart can still draw the scale.
    #[serde(skip)]
    pub likert_labels: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    pub value: i64,
    pub label: String,
    pub count: usize,
}

/// HERO segments (or any two-axis classification) for a team under one rule.
#[derive(Debug, Clone)]
pub struct SegmentScore {
    pub rule: String,
    pub rule_title: String,
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub x_threshold: f64,
    pub y_threshold: f64,
    /// The lowest and highest possible value on each axis (the sum of its items' ranges); `None`
    /// when an axis item has no numeric range.
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    pub classified: usize,
    /// Respondents who skipped an item the classification needs.
    pub unclassified: usize,
    /// Answers entered from a tally: they have no per-person pairs of axes, so are not classified.
    pub tallied: usize,
    /// Why the shares are not shown; `segments` then hold no counts and `points` is empty.
    pub withheld: Option<String>,
    pub segments: Vec<SegmentShare>,
    pub benchmark_population: Option<String>,
    pub benchmark_source: Option<String>,
    /// Every classified respondent: (x, y, index into `segments`).
    pub points: Vec<(f64, f64, usize)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SegmentShare {
    pub id: String,
    pub title: String,
    #[serde(flatten)]
    pub share: Share,
    /// Published share for this segment under this rule, when the source gives one.
    pub benchmark: Option<f64>,
    /// `share - benchmark`.
    pub difference: Option<f64>,
    pub lever: String,
    pub owner: Owner,
    /// The segment's corner: high on x, high on y.
    #[serde(skip)]
    pub x_high: bool,
    #[serde(skip)]
    pub y_high: bool,
}

impl Serialize for SegmentScore {
    /// `{ rule, classified, unclassified, heroes: {count, share, ci_low, ci_high, …}, … }`: segment
    /// ids as keys, which is the documented JSON interface.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("rule", &self.rule)?;
        map.serialize_entry("rule_title", &self.rule_title)?;
        map.serialize_entry("classified", &self.classified)?;
        map.serialize_entry("unclassified", &self.unclassified)?;
        if self.tallied > 0 {
            map.serialize_entry("tallied", &self.tallied)?;
        }
        map.serialize_entry("benchmark_population", &self.benchmark_population)?;
        map.serialize_entry("benchmark_source", &self.benchmark_source)?;
        if let Some(reason) = &self.withheld {
            map.serialize_entry("withheld", reason)?;
            for segment in &self.segments {
                map.serialize_entry(&segment.id, &serde_json::Value::Null)?;
            }
        } else {
            for segment in &self.segments {
                map.serialize_entry(&segment.id, segment)?;
            }
        }
        map.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadblockRank {
    /// 1 = the worst roadblock; equal means share a rank (1, 2, 2, 4). `None` for a dimension
    /// nobody scored.
    pub rank: Option<usize>,
    pub dimension: String,
    pub title: String,
    pub mean: Option<f64>,
    pub band: Option<BandScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacementScore {
    pub x_label: String,
    pub y_label: String,
    pub zones: Vec<Zone>,
    pub projects: Vec<ProjectScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectScore {
    pub project: String,
    pub evaluations: usize,
    /// 0–100 on the placement's x dimension (effort); `None` if too few items were answered.
    pub x: Option<f64>,
    /// 0–100 on the y dimension (value).
    pub y: Option<f64>,
    pub zone: Option<String>,
    pub zone_label: Option<String>,
    pub advice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Every section's answers as numbers, item by item, worked out once per questionnaire so that
/// dimension scores, item statistics, reliability, classification and every group of the breakdown
/// read the same table (a group is a subset of its rows, not a table of its own). Cells are stored
/// column by column, one column per item, so that the per-item and per-dimension passes read
/// memory in order: cell (s, i) is at `i * rows + s`.
struct AnswerTable<'a> {
    questionnaire: &'a Questionnaire,
    sections: &'a [&'a Section],
    /// Where section s's answer to item i sits among the section's answers ([`NO_ANSWER`] when
    /// absent), whether or not the item was shown: 4 bytes a cell instead of an 8-byte reference.
    answers: Vec<u32>,
    /// The numeric answer, when the item was shown and the answer fits it (before reverse-coding).
    /// What it contributes to its dimension is worked out on reading (see [`AnswerTable::scored`])
    /// rather than stored: a second column of 8 bytes a cell costs more than the subtraction.
    raw: Vec<MaybeValue>,
    /// Whether item i was asked of section s (show-if conditions met).
    shown: BitSet,
    /// Whether section s chose "prefer not to answer" for item i.
    declined: BitSet,
    /// Each item's value range, `None` when it has none (then it scores nothing).
    ranges: Vec<Option<(f64, f64)>>,
    /// Per questionnaire dimension, the indices of its scored items.
    dimension_items: Vec<Vec<usize>>,
    /// `dimension_values[d][s]`: section s's score on dimension d (8 bytes, see [`MaybeValue`]).
    dimension_values: Vec<Vec<MaybeValue>>,
    /// Answers to items the questionnaire no longer has: (section, item id).
    orphans: Vec<(usize, &'a str)>,
    /// Answers that do not fit their item: (section, item, why).
    mismatches: Vec<(usize, usize, String)>,
    /// Whether section s was entered from a tally (no per-person pairing of its answers).
    tallied: Vec<bool>,
}

/// [`AnswerTable::answers`] for a cell without an answer.
const NO_ANSWER: u32 = u32::MAX;

/// One bit per cell: the table's yes/no columns take an eighth of a `Vec<bool>`.
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    fn get(&self, index: usize) -> bool {
        self.0[index / 64] & (1 << (index % 64)) != 0
    }

    fn set(&mut self, index: usize, value: bool) {
        let bit = 1 << (index % 64);
        if value {
            self.0[index / 64] |= bit;
        } else {
            self.0[index / 64] &= !bit;
        }
    }
}

/// An `Option<f64>` in 8 bytes instead of 16: the answer table holds two per (section, item), and
/// for 100,000 respondents that difference is tens of megabytes. "None" is one NaN bit pattern
/// that no arithmetic produces, so every other value, NaN included, round-trips unchanged.
#[derive(Clone, Copy)]
struct MaybeValue(u64);

impl MaybeValue {
    const NONE: Self = Self(0x7ff8_4e6f_6e65_0000);

    fn new(value: Option<f64>) -> Self {
        value.map_or(Self::NONE, |value| Self(value.to_bits()))
    }

    fn get(self) -> Option<f64> {
        (self.0 != Self::NONE.0).then(|| f64::from_bits(self.0))
    }
}

impl<'a> AnswerTable<'a> {
    fn new(questionnaire: &'a Questionnaire, sections: &'a [&'a Section]) -> Self {
        let items = &questionnaire.items;
        let width = items.len();
        let index: HashMap<&str, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.as_str(), i))
            .collect();
        let sources: Vec<Option<usize>> = items
            .iter()
            .map(|item| {
                let show_if = item.show_if.as_ref()?;
                Some(
                    index
                        .get(show_if.item.as_str())
                        .copied()
                        .unwrap_or(usize::MAX),
                )
            })
            .collect();
        let ranges: Vec<Option<(f64, f64)>> =
            items.iter().map(|item| item.kind.value_range()).collect();
        // Item indices in id order: answers are stored sorted by id, so one merge pass pairs
        // every answer with its item without a lookup per item.
        let mut by_id: Vec<usize> = (0..width).collect();
        by_id.sort_by(|&a, &b| items[a].id.cmp(&items[b].id));

        let n = sections.len();
        let cells = n * width;
        let mut answers: Vec<u32> = vec![NO_ANSWER; cells];
        let mut raw = vec![MaybeValue::NONE; cells];
        let mut shown = BitSet::new(cells);
        let mut declined = BitSet::new(cells);
        let mut orphans = Vec::new();
        let mut mismatches = Vec::new();
        for (s, section) in sections.iter().enumerate() {
            let mut next = 0;
            let values = section.answers.values().as_slice();
            let answer_at = |position: u32| values.get(position as usize);
            for (position, id) in section.answers.keys().enumerate() {
                let mut matched = false;
                while let Some(&i) = by_id.get(next) {
                    match items[i].id.as_str().cmp(id.as_str()) {
                        Ordering::Less => next += 1,
                        Ordering::Equal => {
                            answers[i * n + s] =
                                u32::try_from(position).expect("fewer than 2^32 answers");
                            next += 1;
                            matched = true;
                            break;
                        }
                        Ordering::Greater => break,
                    }
                }
                if !matched {
                    orphans.push((s, id.as_str()));
                }
            }
            for (i, item) in items.iter().enumerate() {
                let is_shown = match (sources[i], &item.show_if) {
                    (None, _) | (_, None) => true,
                    // Conditions look back (the validator insists); anything else takes the slow,
                    // general path rather than a wrong answer.
                    (Some(source), Some(show_if)) if source < i => {
                        shown.get(source * n + s)
                            && condition_holds(
                                &show_if.when,
                                &items[source].kind,
                                answer_at(answers[source * n + s]),
                            )
                    }
                    (Some(_), Some(_)) => section.is_shown(questionnaire, item),
                };
                shown.set(i * n + s, is_shown);
                let Some(answer) = answer_at(answers[i * n + s]) else {
                    continue;
                };
                declined.set(i * n + s, matches!(answer, Answer::Declined));
                let value = item.kind.numeric_value(answer);
                // A fitting numeric answer needs no further check; anything else might not fit.
                if value.is_none()
                    && let Some(why) = item.kind.mismatch(answer)
                {
                    mismatches.push((s, i, why));
                }
                if is_shown && let Some(value) = value {
                    raw[i * n + s] = MaybeValue::new(Some(value));
                }
            }
        }
        let dimension_items: Vec<Vec<usize>> = questionnaire
            .dimensions
            .iter()
            .map(|dimension| {
                (0..width)
                    .filter(|&i| {
                        items[i].dimension.as_deref() == Some(dimension.id.as_str())
                            && ranges[i].is_some()
                    })
                    .collect()
            })
            .collect();
        let mut table = Self {
            questionnaire,
            sections,
            answers,
            raw,
            shown,
            declined,
            ranges,
            dimension_items,
            dimension_values: Vec::new(),
            orphans,
            mismatches,
            tallied: vec![false; n],
        };
        table.dimension_values = (0..questionnaire.dimensions.len())
            .map(|d| {
                (0..sections.len())
                    .map(|s| MaybeValue::new(table.dimension_value(s, d)))
                    .collect()
            })
            .collect();
        table
    }

    fn cell(&self, s: usize, i: usize) -> usize {
        i * self.sections.len() + s
    }

    /// Section s's answer to item i, whether or not the item was shown.
    fn answer(&self, s: usize, i: usize) -> Option<&'a Answer> {
        let position = self.answers[self.cell(s, i)];
        let sections: &'a [&'a Section] = self.sections;
        sections[s]
            .answers
            .values()
            .as_slice()
            .get(position as usize)
    }

    /// What section s's answer to item i contributes to its dimension: the raw value,
    /// reverse-coded as (min + max) − x; `None` when unanswered, not shown or without a range.
    fn scored(&self, s: usize, i: usize) -> Option<f64> {
        let value = self.raw[self.cell(s, i)].get()?;
        let (min, max) = self.ranges[i]?;
        Some(if self.questionnaire.items[i].reverse {
            min + max - value
        } else {
            value
        })
    }

    /// The weighted mean of the answered items among those shown, or `None` when fewer than half
    /// of the shown items were answered.
    fn dimension_value(&self, s: usize, d: usize) -> Option<f64> {
        let mut shown = 0usize;
        let mut answered = 0usize;
        let mut weighted_sum = 0.0;
        let mut weight_total = 0.0;
        for &i in &self.dimension_items[d] {
            if !self.shown.get(self.cell(s, i)) {
                continue;
            }
            shown += 1;
            if let Some(value) = self.scored(s, i) {
                let weight = self.questionnaire.items[i].weight;
                answered += 1;
                weighted_sum += weight * value;
                weight_total += weight;
            }
        }
        if shown == 0 || answered * 2 < shown || weight_total <= 0.0 {
            return None;
        }
        Some(weighted_sum / weight_total)
    }

    fn dimension_index(&self, id: &str) -> Option<usize> {
        self.questionnaire
            .dimensions
            .iter()
            .position(|d| d.id == id)
    }
}

/// A dimension's mean as the weighted mean of its items' means (reverse-coded), each over the rows
/// that answered it: what a tally can tell without inventing people.
fn mean_of_item_means(table: &AnswerTable, d: usize, rows: &[usize]) -> Option<f64> {
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
fn group_indices(groups: &[Option<&str>]) -> Vec<Option<usize>> {
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

/// Scores the given rows of a table: all of them for the whole team, or one group's. `groups` is
/// each section's group index (see [`group_indices`]), parallel to the table's sections, or empty.
fn score_rows(
    table: &AnswerTable,
    rows: &[usize],
    groups: &[Option<usize>],
    labels: &[Option<&str>],
    rule: Option<&str>,
    keep_values: bool,
) -> QuestionnaireScore {
    let questionnaire = table.questionnaire;
    let dimensions: Vec<DimensionScore> = questionnaire
        .dimensions
        .iter()
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
        .collect();

    let items = (0..questionnaire.items.len())
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
        dimensions,
        items,
        roadblocks,
        notes: note_lists(table, rows, labels),
    }
}

/// Alpha and agreement from the reverse-coded item answers, ICC from the dimension scores by group.
fn reliability(
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

fn score_item(table: &AnswerTable, i: usize, rows: &[usize]) -> ItemScore {
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
fn note_lists(table: &AnswerTable, rows: &[usize], labels: &[Option<&str>]) -> Vec<NoteList> {
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
                            .per_project
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
fn note_at<'a>(table: &AnswerTable<'a>, s: usize, i: usize) -> Option<&'a str> {
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
fn rank_roadblocks(
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

fn classify(table: &AnswerTable, rows: &[usize], rule: Option<&str>) -> Option<SegmentScore> {
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

/// The project an evaluation is about, as shown; projects are told apart ignoring case.
fn project_name(section: &Section) -> &str {
    let name = section.project.as_deref().unwrap_or("").trim();
    if name.is_empty() {
        "Unnamed project"
    } else {
        name
    }
}

/// Per project: the mean of each evaluation's dimension score, rescaled to 0–100, and its zone (the
/// first whose half-open ranges contain the point).
fn place_projects(table: &AnswerTable, rows: &[usize]) -> Option<PlacementScore> {
    let questionnaire = table.questionnaire;
    let placement = questionnaire.interpretation.placement.as_ref()?;
    let mut by_project: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &s in rows {
        let name = project_name(table.sections[s]);
        by_project
            .entry(name.to_lowercase())
            .or_insert_with(|| (name.to_owned(), Vec::new()))
            .1
            .push(s);
    }
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

/// Scores a loaded workshop folder: every questionnaire the workshop uses (plus any found only in
/// responses), the group breakdown under the disclosure rule, and every problem and warning met on
/// the way.
pub fn score_workshop(folder: &WorkshopFolder, options: &ScoreOptions) -> WorkshopScore {
    let workshop = &folder.workshop;
    let mut problems = folder.catalog.problems.clone();
    problems.extend(folder.problems.iter().cloned());
    let threshold = workshop.disclosure_threshold();
    let rule = options.rule.as_deref().unwrap_or(&workshop.rule);

    let completed: Vec<&LoadedResponse> = folder.completed().collect();
    let in_progress = folder.responses.len() - completed.len();
    let names = group_names(&completed, &workshop.groups);
    let membership: Vec<Option<usize>> = completed
        .iter()
        .map(|loaded| {
            let group = loaded.response.group.as_deref()?;
            names.binary_search_by(|name| name.as_str().cmp(group)).ok()
        })
        .collect();
    let mut head_counts = vec![0usize; names.len()];
    for g in membership.iter().flatten() {
        head_counts[*g] += 1;
    }

    let ids = questionnaire_ids(&workshop.questionnaires, &completed);
    let context = ScoringContext {
        folder,
        responses: &completed,
        membership: &membership,
        group_count: names.len(),
        rule,
        threshold,
    };
    // One questionnaire per task, results in input order; a large questionnaire does not hold up
    // the rest.
    let results: Vec<_> = ids.par_iter().map(|id| score_one(&context, id)).collect();

    let mut questionnaires = Vec::new();
    let mut by_group: Vec<Vec<QuestionnaireScore>> = vec![Vec::new(); names.len()];
    let mut warnings = folder.warnings.clone();
    for result in results {
        warnings.extend(result.warnings);
        if let Some((whole, groups)) = result.scores {
            questionnaires.push(whole);
            for (scores, score) in by_group.iter_mut().zip(groups) {
                scores.push(score);
            }
        }
    }
    // A group is listed when at least one of its figures may be shown; the rest are named only.
    let mut groups = Vec::new();
    let mut suppressed_groups = Vec::new();
    for ((name, questionnaires), respondents) in names.into_iter().zip(by_group).zip(head_counts) {
        if questionnaires
            .iter()
            .any(QuestionnaireScore::shows_anything)
        {
            groups.push(GroupScore {
                group: name,
                respondents,
                questionnaires,
            });
        } else {
            suppressed_groups.push(name);
        }
    }

    let mut score = WorkshopScore {
        title: workshop.title.clone(),
        date: Some(workshop.date),
        respondents: completed.len(),
        in_progress,
        anonymity_threshold: threshold,
        group: None,
        questionnaires,
        groups,
        suppressed_groups,
        problems,
        warnings,
        rules: rule_choices(ids.iter().filter_map(|id| folder.catalog.get(id))),
    };
    if let Some(group) = &options.group {
        // A group's own view is its column of the breakdown, so it shows exactly the figures the
        // breakdown may show and nothing that subtraction from the whole could expose.
        match score.groups.iter().position(|g| &g.group == group) {
            Some(index) => {
                let chosen = score.groups.swap_remove(index);
                score.group = Some(chosen.group);
                score.respondents = chosen.respondents;
                score.questionnaires = chosen.questionnaires;
                score.groups.clear();
                score.suppressed_groups.clear();
            }
            None => score.problems.push(Problem::new(
                &folder.dir,
                format!(
                    "group \"{group}\" is not shown apart: fewer than {threshold} of its people \
                     answered, or its figures would reveal others by subtraction; showing the \
                     whole workshop"
                ),
            )),
        }
    }
    score
}

/// Every group of a workshop, configured or found in answers, in sorted order.
fn group_names(responses: &[&LoadedResponse], configured: &[String]) -> Vec<String> {
    let mut names: Vec<String> = configured.to_vec();
    names.extend(
        responses
            .iter()
            .filter_map(|loaded| loaded.response.group.clone()),
    );
    names.sort();
    names.dedup();
    names
}

/// One questionnaire's share of a workshop score: the whole, each group, and the warnings.
struct QuestionnaireResult {
    scores: Option<(QuestionnaireScore, Vec<QuestionnaireScore>)>,
    warnings: Vec<String>,
}

/// What every questionnaire of one workshop score shares.
struct ScoringContext<'a> {
    folder: &'a WorkshopFolder,
    /// The completed responses scored.
    responses: &'a [&'a LoadedResponse],
    /// Each response's group, as an index into the sorted group names.
    membership: &'a [Option<usize>],
    group_count: usize,
    rule: &'a str,
    threshold: usize,
}

/// Scores questionnaire `id` over the context's responses and over every group, from one answer
/// table, then applies the disclosure rule and the statistics pooled over the groups shown.
fn score_one(context: &ScoringContext, id: &str) -> QuestionnaireResult {
    let responses = context.responses;
    let Some(questionnaire) = context.folder.catalog.get(id) else {
        return QuestionnaireResult {
            scores: None,
            warnings: vec![format!(
                "questionnaire \"{id}\" is not installed; its answers are kept but not scored"
            )],
        };
    };
    let mut warnings = Vec::new();
    // One section per respondent, or one per evaluated project; `owners[s]` is its response.
    let mut sections: Vec<&Section> = Vec::new();
    let mut owners: Vec<usize> = Vec::new();
    for (r, loaded) in responses.iter().enumerate() {
        let mut answered = loaded.response.sections_of(id);
        if questionnaire.per_project {
            for section in answered {
                sections.push(section);
                owners.push(r);
            }
        } else if let Some(section) = answered.next() {
            sections.push(section);
            owners.push(r);
            if answered.next().is_some() {
                warnings.push(format!(
                    "{}: answers \"{id}\" more than once; only the first is scored",
                    loaded.path.display()
                ));
            }
        }
    }
    let mut table = AnswerTable::new(questionnaire, &sections);
    table.tallied = owners
        .iter()
        .map(|&r| responses[r].response.from_tally)
        .collect();
    warnings.extend(table_warnings(&table, |s| &responses[owners[s]].path));

    let rule = Some(context.rule);
    let labels: Vec<Option<&str>> = owners
        .iter()
        .map(|&r| responses[r].response.label.as_deref())
        .collect();
    let all: Vec<usize> = (0..sections.len()).collect();
    let mut whole = score_rows(&table, &all, &[], &labels, rule, false);
    let mut rows_of_group: Vec<Vec<usize>> = vec![Vec::new(); context.group_count];
    for (s, &r) in owners.iter().enumerate() {
        if let Some(g) = context.membership[r] {
            rows_of_group[g].push(s);
        }
    }
    let mut by_group: Vec<QuestionnaireScore> = rows_of_group
        .iter()
        .map(|rows| score_rows(&table, rows, &[], &labels, rule, false))
        .collect();
    let whole_counts = FigureCounts::of_people(&table, &all, &owners, &whole);
    let group_counts: Vec<FigureCounts> = rows_of_group
        .iter()
        .zip(&by_group)
        .map(|(rows, score)| FigureCounts::of_people(&table, rows, &owners, score))
        .collect();
    let shown = disclose(
        questionnaire,
        &mut whole,
        &mut by_group,
        &whole_counts,
        &group_counts,
        context.threshold,
    );
    pool_over_shown_groups(&table, &mut whole, &rows_of_group, &shown);
    QuestionnaireResult {
        scores: Some((whole, by_group)),
        warnings,
    }
}

/// One figure of a questionnaire score that the disclosure rule decides on as a whole.
#[derive(Debug, Clone, PartialEq)]
enum Figure {
    Dimension(usize),
    Item(usize),
    Segments,
    /// A project, by its case-folded name.
    Project(String),
    /// The notes to one text item, by index into [`QuestionnaireScore::notes`].
    Notes(usize),
}

/// How many people contributed to each figure of one score.
#[derive(Debug, Clone, Default)]
struct FigureCounts {
    dimensions: Vec<usize>,
    items: Vec<usize>,
    segments: usize,
    projects: Vec<(String, usize)>,
    /// People who wrote a note, per note list.
    notes: Vec<usize>,
}

impl FigureCounts {
    /// Counted from the score itself: right when every row is a different person.
    fn of_score(score: &QuestionnaireScore) -> Self {
        Self {
            dimensions: score.dimensions.iter().map(|d| d.summary.n).collect(),
            items: score.items.iter().map(|item| item.answered).collect(),
            segments: score.segments.as_ref().map_or(0, |s| s.classified),
            projects: score.placement.as_ref().map_or_else(Vec::new, |placement| {
                placement
                    .projects
                    .iter()
                    .map(|p| (p.project.to_lowercase(), p.evaluations))
                    .collect()
            }),
            notes: score.notes.iter().map(|list| list.count).collect(),
        }
    }

    /// Counted in people, not rows: one person's evaluations of several projects count once.
    /// `owners[s]` is row s's person; a person's rows are consecutive.
    fn of_people(
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
        if !table.questionnaire.per_project {
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
        for (key, count) in &mut counts.projects {
            *count = people(&|s| project_name(table.sections[s]).to_lowercase() == *key);
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

    fn figures(&self) -> Vec<Figure> {
        let mut figures: Vec<Figure> = (0..self.dimensions.len()).map(Figure::Dimension).collect();
        figures.extend((0..self.items.len()).map(Figure::Item));
        figures.push(Figure::Segments);
        figures.extend(
            self.projects
                .iter()
                .map(|(key, _)| Figure::Project(key.clone())),
        );
        figures.extend((0..self.notes.len()).map(Figure::Notes));
        figures
    }

    fn get(&self, figure: &Figure) -> usize {
        match figure {
            Figure::Dimension(d) => self.dimensions.get(*d).copied().unwrap_or(0),
            Figure::Item(i) => self.items.get(*i).copied().unwrap_or(0),
            Figure::Segments => self.segments,
            Figure::Project(key) => self
                .projects
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0, |(_, count)| *count),
            Figure::Notes(n) => self.notes.get(*n).copied().unwrap_or(0),
        }
    }
}

/// The reason given for a figure withheld for having too few contributors.
pub fn too_few_reason(threshold: usize) -> String {
    format!("fewer than {threshold} answers")
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
fn disclose(
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
fn withhold(score: &mut QuestionnaireScore, figure: &Figure, reason: &str) {
    match figure {
        Figure::Dimension(d) => {
            if let Some(dimension) = score.dimensions.get_mut(*d) {
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
        Figure::Item(i) => {
            if let Some(item) = score.items.get_mut(*i) {
                item.summary = Summary {
                    n: item.summary.n,
                    ..Summary::default()
                };
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
        Figure::Project(key) => {
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

/// ICC(1) and ICC(2) of each whole-team dimension, from the groups that show that dimension only:
/// a hidden group's figures must not narrow down through a pooled statistic.
fn pool_over_shown_groups(
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

/// Answers that no longer fit the questionnaire: changed questionnaires, removed items, values out
/// of range. They are kept in the files and named here, never dropped silently.
fn table_warnings<'a>(table: &AnswerTable, path_of: impl Fn(usize) -> &'a Path) -> Vec<String> {
    let questionnaire = table.questionnaire;
    let id = &questionnaire.id;
    let mut warnings = Vec::new();
    // Hashing serialises the whole questionnaire: once per questionnaire, not per response.
    let hash = questionnaire.content_hash();
    for (s, section) in table.sections.iter().enumerate() {
        if section.hash != hash {
            warnings.push(format!(
                "{}: answered \"{id}\" version {}; the questionnaire has changed since (now \
                 version {}), so check the answers still mean the same",
                path_of(s).display(),
                section.version,
                questionnaire.version
            ));
        }
    }
    let mut orphans = table.orphans.iter().peekable();
    while let Some(&(s, first)) = orphans.next() {
        let mut names = vec![first];
        while let Some(&&(_, name)) = orphans.peek().filter(|(next, _)| *next == s) {
            names.push(name);
            orphans.next();
        }
        warnings.push(format!(
            "{}: answers to items no longer in \"{id}\" are kept but not scored: {}",
            path_of(s).display(),
            names.join(", ")
        ));
    }
    for (s, i, why) in &table.mismatches {
        warnings.push(format!(
            "{}: item \"{id}.{}\": {why}; not scored",
            path_of(*s).display(),
            questionnaire.items[*i].id
        ));
    }
    warnings
}

/// The workshop's questionnaires in its order, then any others that responses answered.
fn questionnaire_ids(configured: &[String], responses: &[&LoadedResponse]) -> Vec<String> {
    let mut ids = configured.to_vec();
    for loaded in responses {
        for section in &loaded.response.sections {
            if !ids.iter().any(|id| *id == section.questionnaire) {
                ids.push(section.questionnaire.to_string());
            }
        }
    }
    ids
}
