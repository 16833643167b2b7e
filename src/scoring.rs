//! Scoring: from questionnaires and responses to the numbers every table, chart and export shows.
//! Item values with reverse-coding, dimension scores (mean of answered items, empty below half),
//! team summaries, counts per option, HERO segments with Wilson intervals against the benchmark,
//! roadblocks ranked worst first, effort–value placement per project, and group breakdowns that
//! respect the anonymity threshold. Pure functions: no I/O, no UI.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::questionnaire::{Item, ItemKind, Level, Owner, Questionnaire, Zone, band_for};
use crate::response::{Answer, Response, Section};
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

/// The value an answer contributes to a dimension: raw value, reverse-coded as (min + max) − x.
pub fn scored_value(section: &Section, questionnaire: &Questionnaire, item: &Item) -> Option<f64> {
    let raw = section.value_of(questionnaire, item)?;
    let (min, max) = item.kind.value_range()?;
    Some(if item.reverse { min + max - raw } else { raw })
}

/// One respondent's dimension score: the weighted mean of the answered items among those shown, or
/// `None` when fewer than half of the shown items were answered.
pub fn dimension_value(
    section: &Section,
    questionnaire: &Questionnaire,
    dimension: &str,
) -> Option<f64> {
    let mut shown = 0usize;
    let mut answered = 0usize;
    let mut weighted_sum = 0.0;
    let mut weight_total = 0.0;
    for item in questionnaire.items_of(dimension) {
        if !item.kind.is_scored() || !section.is_shown(questionnaire, item) {
            continue;
        }
        shown += 1;
        if let Some(value) = scored_value(section, questionnaire, item) {
            answered += 1;
            weighted_sum += item.weight * value;
            weight_total += item.weight;
        }
    }
    if shown == 0 || answered * 2 < shown || weight_total <= 0.0 {
        return None;
    }
    Some(weighted_sum / weight_total)
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
    let dimensions: Vec<DimensionScore> = questionnaire
        .dimensions
        .iter()
        .map(|dimension| {
            let values: Vec<f64> = sections
                .iter()
                .filter_map(|section| dimension_value(section, questionnaire, &dimension.id))
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
            let reliability = reliability(questionnaire, &dimension.id, sections, groups);
            DimensionScore {
                id: dimension.id.clone(),
                title: dimension.title.clone(),
                reliability,
                summary,
                scale_min,
                scale_max,
                band,
                values,
            }
        })
        .collect();

    let items = questionnaire
        .items
        .iter()
        .map(|item| score_item(questionnaire, item, sections))
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
        segments: classify(questionnaire, sections, rule),
        placement: place_projects(questionnaire, sections),
        dimensions,
        items,
        roadblocks,
    }
}

/// Alpha and agreement from the reverse-coded item answers, ICC from the dimension scores by group.
fn reliability(
    questionnaire: &Questionnaire,
    dimension: &str,
    sections: &[&Section],
    groups: &[Option<&str>],
) -> Reliability {
    let items: Vec<&Item> = questionnaire
        .items_of(dimension)
        .filter(|item| item.kind.is_scored())
        .collect();
    let rows: Vec<Vec<Option<f64>>> = sections
        .iter()
        .map(|section| {
            items
                .iter()
                .map(|item| scored_value(section, questionnaire, item))
                .collect()
        })
        .collect();
    let (min, max) = dimension_range(questionnaire, dimension);
    let options = (max - min).round() as u32 + 1;
    let alpha_if_item_deleted = items
        .iter()
        .map(|item| item.id.clone())
        .zip(crate::reliability::alpha_if_item_deleted(&rows))
        .collect();
    let mut by_group: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    if groups.len() == sections.len() {
        for (section, group) in sections.iter().zip(groups) {
            if let (Some(group), Some(value)) =
                (group, dimension_value(section, questionnaire, dimension))
            {
                by_group.entry(group).or_default().push(value);
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

fn score_item(questionnaire: &Questionnaire, item: &Item, sections: &[&Section]) -> ItemScore {
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
    for section in sections {
        if !section.is_shown(questionnaire, item) {
            continue;
        }
        let Some(answer) = section.answers.get(&item.id) else {
            continue;
        };
        if matches!(answer, Answer::Declined) {
            declined += 1;
            continue;
        }
        if let Some(value) = answer.numeric_value(&item.kind) {
            values.push(value);
        }
        for chosen in chosen_values(answer, &item.kind) {
            if let Some(count) = counts.iter_mut().find(|count| count.value == chosen) {
                count.count += 1;
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
        declined,
        counts,
    }
}

/// The option values an answer counts towards (option positions for choice items).
fn chosen_values(answer: &Answer, kind: &ItemKind) -> Vec<i64> {
    let position = |options: &[crate::questionnaire::ChoiceOption], id: &str| {
        options
            .iter()
            .position(|option| option.id == id)
            .map(|index| index as i64)
    };
    match (answer, kind) {
        (Answer::Value(value), _) => vec![*value],
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

/// The sum of the axis items' raw answers; `None` if any of them is unanswered.
fn axis_value(section: &Section, questionnaire: &Questionnaire, items: &[String]) -> Option<f64> {
    items.iter().try_fold(0.0, |sum, id| {
        let item = questionnaire.item(id)?;
        Some(sum + section.value_of(questionnaire, item)?)
    })
}

fn classify(
    questionnaire: &Questionnaire,
    sections: &[&Section],
    rule: Option<&str>,
) -> Option<SegmentScore> {
    let classification = questionnaire.interpretation.classification.as_ref()?;
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
    for section in sections {
        let x = axis_value(section, questionnaire, &classification.x.items);
        let y = axis_value(section, questionnaire, &classification.y.items);
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
fn place_projects(questionnaire: &Questionnaire, sections: &[&Section]) -> Option<PlacementScore> {
    let placement = questionnaire.interpretation.placement.as_ref()?;
    let mut by_project: BTreeMap<String, (String, Vec<&Section>)> = BTreeMap::new();
    for section in sections {
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
            .push(section);
    }
    let axis = |evaluations: &[&Section], dimension: &str| -> Option<f64> {
        let values: Vec<f64> = evaluations
            .iter()
            .filter_map(|section| dimension_value(section, questionnaire, dimension))
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
    let questionnaires = score_all(folder, &ids, &responses, rule, &mut warnings);

    let groups = if group.is_none() {
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
    } else {
        Vec::new()
    };

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
    for loaded in responses {
        let path = loaded.path.display();
        for section in &loaded.response.sections {
            let Some(questionnaire) = folder.catalog.get(&section.questionnaire) else {
                continue;
            };
            if !ids.contains(&section.questionnaire) {
                continue;
            }
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
                .filter(|id| questionnaire.item(id).is_none())
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
                if let Some(item) = questionnaire.item(id)
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
