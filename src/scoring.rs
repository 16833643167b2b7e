//! Scoring: from questionnaires and responses to the numbers every table, chart and export shows.
//! Item values with reverse-coding, dimension scores (mean of answered items, empty below half),
//! team summaries, counts per option, HERO segments with Wilson intervals against the benchmark,
//! roadblocks ranked worst first, effort–value placement per project, and group breakdowns that
//! respect the anonymity threshold. Pure functions: no I/O, no UI.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::questionnaire::{Item, ItemKind, Level, Owner, Questionnaire, Zone, band_for};
use crate::response::{Answer, Response, Section, condition_holds};
use crate::stats::{Share, Summary};
use crate::storage::Problem;
use crate::workshop::WorkshopFolder;

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
    /// Each respondent's score, in response order (for spread bands and reliability).
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
    /// "Prefer not to answer".
    pub declined: usize,
    pub counts: Vec<OptionCount>,
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
    pub classified: usize,
    /// Respondents who skipped an item the classification needs.
    pub unclassified: usize,
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
        map.serialize_entry("benchmark_population", &self.benchmark_population)?;
        map.serialize_entry("benchmark_source", &self.benchmark_source)?;
        for segment in &self.segments {
            map.serialize_entry(&segment.id, segment)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadblockRank {
    /// 1 = the worst roadblock.
    pub rank: usize,
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
}

/// Every section's answers as numbers, item by item, worked out once per questionnaire so that
/// dimension scores, item statistics, reliability and classification all read the same table
/// (and a workshop of 10,000 does not look each answer up a dozen times).
struct AnswerTable<'a> {
    questionnaire: &'a Questionnaire,
    sections: &'a [&'a Section],
    /// `answers[s][i]`: section s's answer to item i, whether or not the item was shown.
    answers: Vec<Vec<Option<&'a Answer>>>,
    /// `raw[s][i]`: section s's numeric answer to item i, when the item was shown and the answer
    /// fits it (before reverse-coding).
    raw: Vec<Vec<Option<f64>>>,
    /// `shown[s][i]`: whether item i was asked of section s (show-if conditions met).
    shown: Vec<Vec<bool>>,
    /// Per questionnaire dimension, the indices of its scored items.
    dimension_items: Vec<Vec<usize>>,
    /// `dimension_values[d][s]`: section s's score on dimension d.
    dimension_values: Vec<Vec<Option<f64>>>,
}

impl<'a> AnswerTable<'a> {
    fn new(questionnaire: &'a Questionnaire, sections: &'a [&'a Section]) -> Self {
        let items = &questionnaire.items;
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
        // Item indices in id order: answers are stored sorted by id, so one merge pass pairs
        // every answer with its item without a lookup per item.
        let mut by_id: Vec<usize> = (0..items.len()).collect();
        by_id.sort_by(|&a, &b| items[a].id.cmp(&items[b].id));
        let mut answers = Vec::with_capacity(sections.len());
        let mut raw = Vec::with_capacity(sections.len());
        let mut shown = Vec::with_capacity(sections.len());
        for section in sections {
            let mut answer_row: Vec<Option<&'a Answer>> = vec![None; items.len()];
            let mut next = by_id.iter().peekable();
            for (id, answer) in &section.answers {
                while let Some(&&i) = next.peek() {
                    match items[i].id.as_str().cmp(id.as_str()) {
                        Ordering::Less => {
                            next.next();
                        }
                        Ordering::Equal => {
                            answer_row[i] = Some(answer);
                            next.next();
                            break;
                        }
                        Ordering::Greater => break,
                    }
                }
            }
            let mut raw_row = Vec::with_capacity(items.len());
            let mut shown_row: Vec<bool> = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let is_shown = match (sources[i], &item.show_if) {
                    (None, _) | (_, None) => true,
                    // Conditions look back (the validator insists); anything else takes the slow,
                    // general path rather than a wrong answer.
                    (Some(source), Some(show_if)) if source < i => {
                        shown_row[source]
                            && condition_holds(
                                &show_if.when,
                                &items[source].kind,
                                answer_row[source],
                            )
                    }
                    (Some(_), Some(_)) => section.is_shown(questionnaire, item),
                };
                let value = answer_row[i]
                    .filter(|_| is_shown)
                    .and_then(|answer| answer.numeric_value(&item.kind));
                shown_row.push(is_shown);
                raw_row.push(value);
            }
            answers.push(answer_row);
            raw.push(raw_row);
            shown.push(shown_row);
        }
        let dimension_items: Vec<Vec<usize>> = questionnaire
            .dimensions
            .iter()
            .map(|dimension| {
                questionnaire
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| {
                        item.dimension.as_deref() == Some(dimension.id.as_str())
                            && item.kind.is_scored()
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let mut table = Self {
            questionnaire,
            sections,
            answers,
            raw,
            shown,
            dimension_items,
            dimension_values: Vec::new(),
        };
        table.dimension_values = (0..questionnaire.dimensions.len())
            .map(|d| {
                (0..sections.len())
                    .map(|s| table.dimension_value(s, d))
                    .collect()
            })
            .collect();
        table
    }

    /// The value item i contributes to a dimension: reverse-coded as (min + max) − x.
    fn scored(&self, s: usize, i: usize) -> Option<f64> {
        let raw = self.raw[s][i]?;
        let item = &self.questionnaire.items[i];
        let (min, max) = item.kind.value_range()?;
        Some(if item.reverse { min + max - raw } else { raw })
    }

    /// The weighted mean of the answered items among those shown, or `None` when fewer than half
    /// of the shown items were answered.
    fn dimension_value(&self, s: usize, d: usize) -> Option<f64> {
        let mut shown = 0usize;
        let mut answered = 0usize;
        let mut weighted_sum = 0.0;
        let mut weight_total = 0.0;
        for &i in &self.dimension_items[d] {
            if !self.shown[s][i] {
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

    /// The sum of the raw answers to `items`; `None` if any of them is unanswered.
    fn axis_value(&self, s: usize, items: &[String]) -> Option<f64> {
        items.iter().try_fold(0.0, |sum, id| {
            let i = self.questionnaire.item_index(id)?;
            Some(sum + self.raw[s][i]?)
        })
    }
}

/// Lowest and highest possible score of a dimension, from its scored items.
pub fn dimension_range(questionnaire: &Questionnaire, dimension: &str) -> (f64, f64) {
    questionnaire
        .items_of(dimension)
        .filter_map(|item| item.kind.value_range())
        .fold(None, |acc: Option<(f64, f64)>, (min, max)| {
            Some(acc.map_or((min, max), |(a, b)| (a.min(min), b.max(max))))
        })
        .unwrap_or((0.0, 1.0))
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
    let dimensions: Vec<DimensionScore> = questionnaire
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let values: Vec<f64> = table.dimension_values[d]
                .iter()
                .flatten()
                .copied()
                .collect();
            let summary = Summary::of(&values);
            let (scale_min, scale_max) = dimension_range(questionnaire, &dimension.id);
            let band = summary.mean.and_then(|mean| {
                let bands = questionnaire.bands_for(&dimension.id)?;
                band_for(bands, mean).map(|band| BandScore {
                    label: band.label.clone(),
                    level: band.level,
                    recommendation: band.recommendation.clone(),
                    owner: band.owner,
                })
            });
            DimensionScore {
                id: dimension.id.clone(),
                title: dimension.title.clone(),
                reliability: reliability(&table, d, groups, (scale_min, scale_max)),
                summary,
                scale_min,
                scale_max,
                band,
                values,
            }
        })
        .collect();

    let items = (0..questionnaire.items.len())
        .map(|i| score_item(&table, i))
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
        respondents: sections.len(),
        segments: classify(&table, rule),
        placement: place_projects(&table),
        dimensions,
        items,
        roadblocks,
    }
}

/// Alpha and agreement from the reverse-coded item answers, ICC from the dimension scores by group.
fn reliability(
    table: &AnswerTable,
    d: usize,
    groups: &[Option<&str>],
    (min, max): (f64, f64),
) -> Reliability {
    let items = &table.dimension_items[d];
    let rows: Vec<Vec<Option<f64>>> = (0..table.sections.len())
        .map(|s| items.iter().map(|&i| table.scored(s, i)).collect())
        .collect();
    let options = (max - min).round() as u32 + 1;
    let alpha_if_item_deleted = items
        .iter()
        .map(|&i| table.questionnaire.items[i].id.clone())
        .zip(crate::reliability::alpha_if_item_deleted(&rows))
        .collect();
    let mut by_group: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    if groups.len() == table.sections.len() {
        for (value, group) in table.dimension_values[d].iter().zip(groups) {
            if let (Some(group), Some(value)) = (group, value) {
                by_group.entry(group).or_default().push(*value);
            }
        }
    }
    let icc = crate::reliability::icc(&by_group.into_values().collect::<Vec<_>>());
    Reliability {
        alpha: crate::reliability::cronbach_alpha(&rows),
        alpha_if_item_deleted,
        rwg_j: crate::reliability::rwg_j(&rows, options),
        rwg_j_lindell: crate::reliability::rwg_j_lindell(&rows, options),
        icc1: icc.map(|icc| icc.icc1),
        icc2: icc.map(|icc| icc.icc2),
    }
}

fn score_item(table: &AnswerTable, i: usize) -> ItemScore {
    let item = &table.questionnaire.items[i];
    let mut values = Vec::new();
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
    let choices = matches!(
        item.kind,
        ItemKind::SingleChoice { .. } | ItemKind::MultipleChoice { .. }
    );
    let first_value = counts.first().map_or(0, |count| count.value);
    for s in 0..table.sections.len() {
        if !table.shown[s][i] {
            continue;
        }
        if let Some(value) = table.raw[s][i] {
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
        match table.answers[s][i] {
            Some(Answer::Declined) => declined += 1,
            Some(answer) if choices => {
                for chosen in chosen_positions(answer, &item.kind) {
                    if let Some(count) = counts.get_mut(chosen as usize) {
                        count.count += 1;
                    }
                }
            }
            _ => {}
        }
    }
    ItemScore {
        id: item.id.clone(),
        text: item.text.clone(),
        dimension: item.dimension.clone(),
        kind: item.kind.name().to_owned(),
        reverse: item.reverse,
        summary: Summary::of(&values),
        declined,
        counts,
    }
}

/// The option positions a choice answer counts towards.
fn chosen_positions(answer: &Answer, kind: &ItemKind) -> Vec<i64> {
    let position = |options: &[crate::questionnaire::ChoiceOption], id: &str| {
        options
            .iter()
            .position(|option| option.id == id)
            .map(|index| index as i64)
    };
    match (answer, kind) {
        (Answer::Choice(id), ItemKind::SingleChoice { options }) => {
            position(options, id).into_iter().collect()
        }
        (Answer::Choices(ids), ItemKind::MultipleChoice { options }) => {
            ids.iter().filter_map(|id| position(options, id)).collect()
        }
        _ => Vec::new(),
    }
}

/// Banded dimensions ordered worst (lowest mean) first; unscored ones last.
fn rank_roadblocks(
    questionnaire: &Questionnaire,
    dimensions: &[DimensionScore],
) -> Vec<RoadblockRank> {
    let mut ranked: Vec<&DimensionScore> = dimensions
        .iter()
        .filter(|dimension| questionnaire.bands_for(&dimension.id).is_some())
        .collect();
    ranked.sort_by(|a, b| match (a.summary.mean, b.summary.mean) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    ranked
        .into_iter()
        .enumerate()
        .map(|(index, dimension)| RoadblockRank {
            rank: index + 1,
            dimension: dimension.id.clone(),
            title: dimension.title.clone(),
            mean: dimension.summary.mean,
            band: dimension.band.clone(),
        })
        .collect()
}

fn classify(table: &AnswerTable, rule: Option<&str>) -> Option<SegmentScore> {
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
    let mut points = Vec::new();
    let mut unclassified = 0;
    let mut counts = vec![0usize; classification.segments.len()];
    for s in 0..table.sections.len() {
        let x = table.axis_value(s, &classification.x.items);
        let y = table.axis_value(s, &classification.y.items);
        let (Some(x), Some(y)) = (x, y) else {
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
        classified,
        unclassified,
        segments,
        benchmark_population: benchmark.map(|b| b.population.clone()),
        benchmark_source: benchmark.map(|b| b.source.clone()),
        points,
    })
}

/// Per project: the mean of each evaluation's dimension score, rescaled to 0–100, and its zone.
fn place_projects(table: &AnswerTable) -> Option<PlacementScore> {
    let questionnaire = table.questionnaire;
    let placement = questionnaire.interpretation.placement.as_ref()?;
    let mut by_project: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (s, section) in table.sections.iter().enumerate() {
        let name = section.project.as_deref().unwrap_or("").trim();
        let name = if name.is_empty() {
            "Unnamed project"
        } else {
            name
        };
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
            .filter_map(|&s| table.dimension_values[d][s])
            .collect();
        let mean = Summary::of(&values).mean?;
        let (min, max) = dimension_range(questionnaire, dimension);
        Some(if max > min {
            (mean - min) / (max - min) * 100.0
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
/// responses), the group breakdown, and every problem and warning met on the way.
pub fn score_workshop(folder: &WorkshopFolder, options: &ScoreOptions) -> WorkshopScore {
    let workshop = &folder.workshop;
    let mut problems = folder.catalog.problems.clone();
    problems.extend(folder.problems.iter().cloned());
    let threshold = workshop.anonymity_threshold.max(1);
    let rule = options.rule.as_deref().unwrap_or(&workshop.rule);

    let completed: Vec<&crate::workshop::LoadedResponse> = folder.completed().collect();
    let in_progress = folder.responses.len() - completed.len();
    let (reportable, suppressed) = reportable_groups(&completed, &workshop.groups, threshold);

    let selected: Vec<&crate::workshop::LoadedResponse> = match &options.group {
        Some(group) if reportable.contains(group) => completed
            .iter()
            .copied()
            .filter(|loaded| loaded.response.group.as_ref() == Some(group))
            .collect(),
        Some(group) => {
            problems.push(Problem::new(
                &folder.dir,
                format!(
                    "group \"{group}\" has fewer than {threshold} respondents (or would reveal a \
                     smaller group) and is not reported apart; showing the whole workshop"
                ),
            ));
            completed.clone()
        }
        None => completed.clone(),
    };
    let group = options
        .group
        .clone()
        .filter(|group| reportable.contains(group));

    let ids = questionnaire_ids(&workshop.questionnaires, &selected);
    let mut warnings = collect_warnings(folder, &selected, &ids);
    let responses: Vec<&Response> = selected.iter().map(|loaded| &loaded.response).collect();
    // The whole and the groups are independent: score them side by side.
    let (questionnaires, groups) = std::thread::scope(|scope| {
        let groups = scope.spawn(|| {
            if group.is_some() {
                return Vec::new();
            }
            reportable
                .iter()
                .map(|name| {
                    let members: Vec<&Response> = completed
                        .iter()
                        .filter(|loaded| loaded.response.group.as_ref() == Some(name))
                        .map(|loaded| &loaded.response)
                        .collect();
                    GroupScore {
                        group: name.clone(),
                        respondents: members.len(),
                        questionnaires: score_all(folder, &ids, &members, rule, &mut Vec::new()),
                    }
                })
                .collect()
        });
        let questionnaires = score_all(folder, &ids, &responses, rule, &mut warnings);
        (
            questionnaires,
            groups.join().expect("group scoring panicked"),
        )
    });

    WorkshopScore {
        title: workshop.title.clone(),
        date: Some(workshop.date),
        respondents: responses.len(),
        in_progress,
        anonymity_threshold: threshold,
        group,
        questionnaires,
        groups,
        suppressed_groups: suppressed,
        problems,
        warnings,
    }
}

fn score_all(
    folder: &WorkshopFolder,
    ids: &[String],
    responses: &[&Response],
    rule: &str,
    warnings: &mut Vec<String>,
) -> Vec<QuestionnaireScore> {
    ids.iter()
        .filter_map(|id| {
            let Some(questionnaire) = folder.catalog.get(id) else {
                warnings.push(format!(
                    "questionnaire \"{id}\" is not installed; its answers are kept but not scored"
                ));
                return None;
            };
            let (sections, groups): (Vec<&Section>, Vec<Option<&str>>) = responses
                .iter()
                .flat_map(|response| {
                    let mut sections = response.sections_of(id);
                    let sections: Vec<&Section> = if questionnaire.per_project {
                        sections.collect()
                    } else {
                        sections.next().into_iter().collect()
                    };
                    sections
                        .into_iter()
                        .map(|section| (section, response.group.as_deref()))
                })
                .unzip();
            Some(score_questionnaire_grouped(
                questionnaire,
                &sections,
                &groups,
                Some(rule),
            ))
        })
        .collect()
}

/// The workshop's questionnaires in its order, then any others that responses answered.
fn questionnaire_ids(
    configured: &[String],
    responses: &[&crate::workshop::LoadedResponse],
) -> Vec<String> {
    let mut ids = configured.to_vec();
    for loaded in responses {
        for section in &loaded.response.sections {
            if !ids.contains(&section.questionnaire) {
                ids.push(section.questionnaire.clone());
            }
        }
    }
    ids
}

/// Answers that no longer fit the questionnaire: changed questionnaires, removed items, values out
/// of range. They are kept in the files and named here, never dropped silently.
fn collect_warnings(
    folder: &WorkshopFolder,
    responses: &[&crate::workshop::LoadedResponse],
    ids: &[String],
) -> Vec<String> {
    let mut warnings = Vec::new();
    // Hashing serialises the whole questionnaire: do it once per questionnaire, not per response.
    let hashes: BTreeMap<&str, String> = ids
        .iter()
        .filter_map(|id| Some((id.as_str(), folder.catalog.get(id)?.content_hash())))
        .collect();
    let items: HashMap<&str, HashMap<&str, &Item>> = ids
        .iter()
        .filter_map(|id| {
            let questionnaire = folder.catalog.get(id)?;
            let by_id = questionnaire
                .items
                .iter()
                .map(|item| (item.id.as_str(), item))
                .collect();
            Some((id.as_str(), by_id))
        })
        .collect();
    for loaded in responses {
        let path = loaded.path.display();
        for section in &loaded.response.sections {
            let (Some(questionnaire), Some(items)) = (
                folder.catalog.get(&section.questionnaire),
                items.get(section.questionnaire.as_str()),
            ) else {
                continue;
            };
            if hashes.get(section.questionnaire.as_str()) != Some(&section.hash) {
                warnings.push(format!(
                    "{path}: answered \"{}\" version {}; the questionnaire has changed since \
                     (now version {}), so check the answers still mean the same",
                    section.questionnaire, section.version, questionnaire.version
                ));
            }
            let orphans: Vec<&str> = section
                .answers
                .keys()
                .filter(|id| !items.contains_key(id.as_str()))
                .map(String::as_str)
                .collect();
            if !orphans.is_empty() {
                warnings.push(format!(
                    "{path}: answers to items no longer in \"{}\" are kept but not scored: {}",
                    section.questionnaire,
                    orphans.join(", ")
                ));
            }
            for (id, answer) in &section.answers {
                if let Some(item) = items.get(id.as_str())
                    && let Some(mismatch) = answer.mismatch(&item.kind)
                {
                    warnings.push(format!(
                        "{path}: item \"{}.{id}\": {mismatch}; not scored",
                        section.questionnaire
                    ));
                }
            }
        }
    }
    warnings
}

/// Splits groups into those reported apart and those suppressed. A group below `threshold` is
/// suppressed; and when the suppressed groups together hold fewer than `threshold` people, the
/// smallest reportable groups are suppressed too, so no small group can be worked out by
/// subtracting the others from the whole.
pub fn reportable_groups(
    responses: &[&crate::workshop::LoadedResponse],
    configured: &[String],
    threshold: usize,
) -> (Vec<String>, Vec<String>) {
    let mut sizes: BTreeMap<&str, usize> = configured.iter().map(|g| (g.as_str(), 0)).collect();
    for loaded in responses {
        if let Some(group) = &loaded.response.group {
            *sizes.entry(group.as_str()).or_default() += 1;
        }
    }
    let ungrouped = responses
        .iter()
        .filter(|loaded| loaded.response.group.is_none())
        .count();
    let mut reportable: Vec<(&str, usize)> = Vec::new();
    let mut suppressed: Vec<(&str, usize)> = Vec::new();
    for (group, size) in sizes {
        if size >= threshold {
            reportable.push((group, size));
        } else {
            suppressed.push((group, size));
        }
    }
    // Hidden people: suppressed groups and respondents with no group.
    let hidden =
        |suppressed: &[(&str, usize)]| suppressed.iter().map(|(_, n)| n).sum::<usize>() + ungrouped;
    let any_hidden_people = |suppressed: &[(&str, usize)]| suppressed.iter().any(|(_, n)| *n > 0);
    reportable.sort_by_key(|(group, size)| (*size, *group));
    while any_hidden_people(&suppressed)
        && hidden(&suppressed) < threshold
        && !reportable.is_empty()
    {
        suppressed.push(reportable.remove(0));
    }
    let mut reportable: Vec<String> = reportable.into_iter().map(|(g, _)| g.to_owned()).collect();
    reportable.sort();
    let mut suppressed: Vec<String> = suppressed.into_iter().map(|(g, _)| g.to_owned()).collect();
    suppressed.sort();
    (reportable, suppressed)
}
