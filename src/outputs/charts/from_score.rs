//! Adapters from scoring results to chart data: which charts apply to a [`WorkshopScore`] and what
//! each one shows, plus the wave comparison from [`waves::Comparison`]. This is the only place that
//! knows both the scoring types and the chart view-models; the app, the command line and the
//! exports all get their charts from here, so every output draws the same thing.

use chrono::NaiveDate;

use super::data::*;
use super::{ChartData, ChartError, ChartKind};
use crate::analysis::scoring::{DimensionScore, QuestionnaireScore, WorkshopScore};
use crate::analysis::stats::Summary;
use crate::analysis::waves::{self, Comparison};
use crate::model::questionnaire::{self, classification_label};
use crate::model::text::{count, noun};

/// Every chart that applies to `score`, as (questionnaire id, data), in the order a report shows
/// them. Charts of a questionnaire nobody answered yet are included and show "Not enough data".
/// Everything drawn comes from the score: no catalogue, no raw responses.
pub fn charts_for(score: &WorkshopScore) -> Vec<(String, ChartData)> {
    let mut charts = Vec::new();
    for q in &score.questionnaires {
        let subtitle = subtitle(score, q);
        let mut push = |data: ChartData| charts.push((q.id.clone(), data));
        if let Some(data) = quadrant(q, &subtitle) {
            push(ChartData::Quadrant(data));
        }
        if let Some(data) = segments(q, &subtitle) {
            push(ChartData::Segments(data));
        }
        if !q.roadblocks.is_empty() {
            let data = roadblocks(q, &subtitle);
            push(ChartData::RoadblockBars(data.clone()));
            push(ChartData::Roadblocks(data));
        } else if let Some(data) = dimension_profile(q, &subtitle) {
            push(ChartData::RoadblockBars(data.clone()));
            push(ChartData::Roadblocks(data));
        }
        if let Some(data) = effort_value(q, &subtitle) {
            push(ChartData::EffortValue(data));
        }
        for data in items(q, &subtitle) {
            push(ChartData::Items(data));
        }
        if let Some(data) = groups_compared(score, q, &subtitle) {
            push(ChartData::Compare(data));
        }
        if let Some(data) = entries_compared(q, &subtitle) {
            push(ChartData::Compare(data));
        }
    }
    charts
}

/// The first chart of `kind` for `score`, or why there is none (for the command line's message).
pub fn chart_for(kind: ChartKind, score: &WorkshopScore) -> Result<ChartData, ChartError> {
    charts_for(score)
        .into_iter()
        .map(|(_, data)| data)
        .find(|data| data.kind() == kind)
        .ok_or(ChartError::NotApplicable {
            kind,
            reason: not_applicable_reason(kind),
        })
}

fn not_applicable_reason(kind: ChartKind) -> &'static str {
    match kind {
        ChartKind::Quadrant | ChartKind::Segments => {
            "no questionnaire in this workshop sorts people into segments (like the HERO Index)"
        }
        ChartKind::Roadblocks | ChartKind::RoadblockBars => {
            "no questionnaire in this workshop ranks roadblocks"
        }
        ChartKind::Items => "no questionnaire in this workshop has agreement (Likert) items",
        ChartKind::EffortValue => {
            "no questionnaire in this workshop places projects on an effort–value map"
        }
        ChartKind::Compare => {
            "comparing needs at least two groups large enough to be shown apart (or use the wave \
             comparison across workshops)"
        }
    }
}

/// "Workshop title · n = 24 · 16 November 2026 · group: Sales".
fn subtitle(score: &WorkshopScore, q: &QuestionnaireScore) -> String {
    let mut parts = vec![
        score.title.clone(),
        format!("n = {}", count(q.respondents, "respondent", "respondents")),
    ];
    if let Some(date) = score.date {
        parts.push(long_date(date));
    }
    if let Some(group) = &score.group {
        parts.push(format!("group: {group}"));
    }
    parts.join(" · ")
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn corner(x_high: bool, y_high: bool) -> Corner {
    match (x_high, y_high) {
        (true, true) => Corner::TopRight,
        (true, false) => Corner::BottomRight,
        (false, true) => Corner::TopLeft,
        (false, false) => Corner::BottomLeft,
    }
}

fn level(level: questionnaire::Level) -> Level {
    match level {
        questionnaire::Level::Roadblock => Level::Roadblock,
        questionnaire::Level::Watch => Level::Watch,
        questionnaire::Level::Strong => Level::Strong,
    }
}

/// "Empowerment (1–10)" → "Empowerment", for the threshold labels.
fn short_axis_name(label: &str) -> &str {
    label.split(" (").next().unwrap_or(label).trim()
}

fn quadrant(q: &QuestionnaireScore, subtitle: &str) -> Option<QuadrantData> {
    let segments = q.segments.as_ref()?;
    let x_range = segments.x_range?;
    let y_range = segments.y_range?;
    // Counts run to maxima nobody reaches (30 tools): stop a little above the highest answer.
    let highest_y = segments
        .points
        .iter()
        .map(|p| p.1)
        .fold(segments.y_threshold * 2.0, f64::max);
    let y_range = (y_range.0, y_range.1.min((highest_y + 1.0).ceil()));
    // Whole-number answers: draw the line half a step below "at least", so no point sits on it.
    let whole = |v: f64| (v - v.round()).abs() < 1e-9;
    let all_whole = segments.points.iter().all(|p| whole(p.0) && whole(p.1));
    let boundary = |t: f64| if all_whole && whole(t) { t - 0.5 } else { t };
    let labels = segments
        .segments
        .iter()
        .map(|share| SegmentLabel {
            title: share.title.clone(),
            corner: corner(share.x_high, share.y_high),
            count: share.share.count,
            share: share.share.share,
        })
        .collect();
    let mut footnote = format!("{}.", classification_label(&segments.rule_title));
    if segments.tallied > 0 {
        footnote.push_str(&format!(
            " {} entered from a tally {} no per-person pairs and {} not shown.",
            count(segments.tallied, "answer", "answers"),
            noun(segments.tallied, "has", "have"),
            noun(segments.tallied, "is", "are"),
        ));
    }
    if segments.unclassified > 0 {
        footnote.push_str(&format!(
            " {} skipped a question the classification needs and {} not shown.",
            count(segments.unclassified, "respondent", "respondents"),
            noun(segments.unclassified, "is", "are"),
        ));
    }
    footnote.push_str(" Equal answers are drawn side by side.");
    Some(QuadrantData {
        title: segments.title.clone(),
        subtitle: with_withheld(subtitle, segments.withheld.as_deref()),
        x_label: segments.x_label.clone(),
        y_label: segments.y_label.clone(),
        x_range,
        y_range,
        x_threshold: boundary(segments.x_threshold),
        y_threshold: boundary(segments.y_threshold),
        x_threshold_label: format!(
            "{}: {} or more",
            short_axis_name(&segments.x_label),
            segments.x_threshold
        ),
        y_threshold_label: format!(
            "{}: {} or more",
            short_axis_name(&segments.y_label),
            segments.y_threshold
        ),
        points: segments.points.clone(),
        segments: labels,
        footnote,
    })
}

fn segments(q: &QuestionnaireScore, subtitle: &str) -> Option<SegmentSharesData> {
    let segments = q.segments.as_ref()?;
    let bars = segments
        .segments
        .iter()
        .map(|share| SegmentBar {
            title: share.title.clone(),
            corner: corner(share.x_high, share.y_high),
            count: share.share.count,
            share: share.share.share,
            ci_low: share.share.ci_low,
            ci_high: share.share.ci_high,
            benchmark: share.benchmark,
        })
        .collect();
    let mut footnote = format!(
        "{}. Whiskers: 95% Wilson interval.",
        classification_label(&segments.rule_title)
    );
    if let Some(source) = &segments.benchmark_source {
        footnote.push_str(&format!(" Benchmark source: {source}."));
    }
    Some(SegmentSharesData {
        title: format!("{} compared with the benchmark", segments.title),
        subtitle: with_withheld(subtitle, segments.withheld.as_deref()),
        classified: if segments.withheld.is_some() {
            0
        } else {
            segments.classified
        },
        segments: bars,
        benchmark_label: segments.benchmark_population.clone().unwrap_or_default(),
        footnote,
    })
}

/// The dimension profile of a questionnaire that scores two or more dimensions but neither ranks
/// them, classifies people nor places entries (a user's own questionnaire, say): the same bars
/// and radar as the roadblocks, in questionnaire order.
fn dimension_profile(q: &QuestionnaireScore, subtitle: &str) -> Option<RoadblockData> {
    if q.dimensions.len() < 2 || q.segments.is_some() || q.placement.is_some() {
        return None;
    }
    let mut scale = (f64::INFINITY, f64::NEG_INFINITY);
    let categories = q
        .dimensions
        .iter()
        .map(|d| {
            scale = (scale.0.min(d.scale_min), scale.1.max(d.scale_max));
            RoadblockCategory {
                title: d.title.clone(),
                mean: d.summary.mean,
                spread: d.summary.sd.map(Spread::StandardDeviation),
                level: d.band.as_ref().map(|band| level(band.level)),
            }
        })
        .collect();
    if !(scale.0.is_finite() && scale.1 > scale.0) {
        return None;
    }
    let mut footnote =
        "In questionnaire order. Levels come from the questionnaire's score bands.".to_owned();
    footnote.push_str(&withheld_note(
        q.dimensions
            .iter()
            .filter_map(|d| Some((d.title.as_str(), d.withheld.as_deref()?))),
    ));
    Some(RoadblockData {
        title: format!("{}: profile", q.title),
        subtitle: with_withheld(
            subtitle,
            all_withheld(q.dimensions.iter().map(|d| d.withheld.as_deref())),
        ),
        categories,
        scale,
        axis_label: format!("Mean score ({} to {})", scale.0, scale.1),
        spread_label: "±1 standard deviation".to_owned(),
        footnote,
    })
}

fn roadblocks(q: &QuestionnaireScore, subtitle: &str) -> RoadblockData {
    let mut scale = (f64::INFINITY, f64::NEG_INFINITY);
    let categories = q
        .roadblocks
        .iter()
        .map(|roadblock| {
            let dimension = q.dimensions.iter().find(|d| d.id == roadblock.dimension);
            if let Some(d) = dimension {
                scale = (scale.0.min(d.scale_min), scale.1.max(d.scale_max));
            }
            RoadblockCategory {
                title: roadblock.title.clone(),
                mean: roadblock.mean,
                spread: dimension
                    .and_then(|d| d.summary.sd)
                    .map(Spread::StandardDeviation),
                level: roadblock.band.as_ref().map(|band| level(band.level)),
            }
        })
        .collect();
    if !(scale.0.is_finite() && scale.1 > scale.0) {
        scale = (1.0, 5.0);
    }
    let mut footnote = "Ranked worst first; higher is better. Levels come from the \
                        questionnaire's score bands."
        .to_owned();
    footnote.push_str(&withheld_note(
        q.dimensions
            .iter()
            .filter_map(|d| Some((d.title.as_str(), d.withheld.as_deref()?))),
    ));
    RoadblockData {
        title: format!("{}: profile", q.title),
        subtitle: with_withheld(
            subtitle,
            all_withheld(q.dimensions.iter().map(|d| d.withheld.as_deref())),
        ),
        categories,
        scale,
        axis_label: format!("Mean score ({} = blocked, {} = clear)", scale.0, scale.1),
        spread_label: "±1 standard deviation".to_owned(),
        footnote,
    }
}

fn effort_value(q: &QuestionnaireScore, subtitle: &str) -> Option<EffortValueData> {
    let placement = q.placement.as_ref()?;
    let projects = placement
        .projects
        .iter()
        .filter_map(|project| {
            Some(ProjectPoint {
                name: project.project.clone(),
                x: project.x?,
                y: project.y?,
                zone: project.zone_label.clone(),
            })
        })
        .collect();
    Some(EffortValueData {
        title: format!("{}: where the projects fall", q.title),
        subtitle: with_withheld(
            &subtitle.replacen("respondent", "evaluation", 1),
            all_withheld(placement.projects.iter().map(|p| p.withheld.as_deref())),
        ),
        x_label: format!("{} (0–100)", placement.x_label),
        y_label: format!("{} (0–100)", placement.y_label),
        x_range: (0.0, 100.0),
        y_range: (0.0, 100.0),
        zones: placement
            .zones
            .iter()
            .map(|zone| ZoneRect {
                label: zone.label.clone(),
                x: zone.x,
                y: zone.y,
            })
            .collect(),
        projects,
        footnote: format!(
            "Each project is placed at the mean of its evaluations.{}",
            withheld_note(
                placement
                    .projects
                    .iter()
                    .filter_map(|p| Some((p.project.as_str(), p.withheld.as_deref()?)))
            )
        ),
    })
}

/// The subtitle, followed by why the chart's figure is withheld when it is.
fn with_withheld(subtitle: &str, withheld: Option<&str>) -> String {
    match withheld {
        Some(reason) => format!("{subtitle}{}{reason}", super::frame::WITHHELD_MARK),
        None => subtitle.to_owned(),
    }
}

/// The reason to give in a chart's subtitle when every one of its figures is withheld (a chart
/// with nothing to show because of the disclosure rule); `None` when any is shown.
fn all_withheld<'a>(mut reasons: impl Iterator<Item = Option<&'a str>>) -> Option<&'a str> {
    let first = reasons.next()??;
    reasons.all(|reason| reason.is_some()).then_some(first)
}

/// " Withheld (reason): a, b." for the named figures withheld, grouped by reason; empty if none.
fn withheld_note<'a>(withheld: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
    for (name, reason) in withheld {
        match by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, names)) => names.push(name),
            None => by_reason.push((reason, vec![name])),
        }
    }
    by_reason
        .into_iter()
        .map(|(reason, names)| format!(" Withheld ({reason}): {}.", names.join(", ")))
        .collect()
}

/// Most items one chart shows: beyond this, labels get too small to read at 1600×1000.
const ITEMS_PER_CHART: usize = 12;

/// Diverging bars for the questionnaire's agreement items that share its first Likert scale,
/// grouped by dimension, split into charts of at most [`ITEMS_PER_CHART`] items (whole
/// dimensions where possible).
fn items(q: &QuestionnaireScore, subtitle: &str) -> Vec<ItemDistributionData> {
    let Some(options) = q.items.iter().find_map(|item| item.likert_labels.clone()) else {
        return Vec::new();
    };
    let mut groups: Vec<ItemGroup> = Vec::new();
    let mut other_scales = 0;
    for item in &q.items {
        let Some(labels) = &item.likert_labels else {
            continue;
        };
        if *labels != options {
            other_scales += 1;
            continue;
        }
        let counts = if item.withheld.is_some() {
            // Withheld: drawn as an empty row, named in the footnote.
            vec![0; options.len()]
        } else {
            item.counts.iter().map(|c| c.count).collect()
        };
        let title = item
            .dimension
            .as_ref()
            .and_then(|d| q.dimensions.iter().find(|dimension| dimension.id == *d))
            .map_or_else(|| "Other".to_owned(), |d| d.title.clone());
        let mut label = item.text.clone();
        if item.reverse {
            label.push_str(" (reversed)");
        }
        let row = ItemRow { label, counts };
        match groups.iter_mut().find(|group| group.title == title) {
            Some(group) => group.items.push(row),
            None => groups.push(ItemGroup {
                title,
                items: vec![row],
            }),
        }
    }
    if groups.is_empty() {
        return Vec::new();
    }
    let neutral = (options.len() % 2 == 1).then_some(options.len() / 2);
    let mut footnote =
        "Answers as asked (before reverse-coding); “prefer not to answer” left out. \
                        Reversed items are marked."
            .to_owned();
    if other_scales > 0 {
        footnote.push_str(&format!(
            " {} on another answer scale {} not shown.",
            count(other_scales, "item", "items"),
            noun(other_scales, "is", "are")
        ));
    }
    footnote.push_str(&withheld_note(
        q.items
            .iter()
            .filter_map(|item| Some((item.id.as_str(), item.withheld.as_deref()?))),
    ));
    let parts = split_groups(groups, ITEMS_PER_CHART);
    let count = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, groups)| ItemDistributionData {
            title: if count == 1 {
                format!("{}: answers per item", q.title)
            } else {
                format!("{}: answers per item ({} of {count})", q.title, i + 1)
            },
            subtitle: with_withheld(
                subtitle,
                all_withheld(
                    q.items
                        .iter()
                        .filter(|item| item.likert_labels.as_ref() == Some(&options))
                        .map(|item| item.withheld.as_deref()),
                ),
            ),
            options: options.clone(),
            neutral,
            groups,
            footnote: footnote.clone(),
        })
        .collect()
}

/// Packs dimension groups into charts of at most `limit` items, never splitting a dimension that
/// fits in one chart; one that does not is cut into "(continued)" pieces.
fn split_groups(groups: Vec<ItemGroup>, limit: usize) -> Vec<Vec<ItemGroup>> {
    let mut parts: Vec<Vec<ItemGroup>> = vec![Vec::new()];
    let mut in_part = 0;
    for group in groups {
        let pieces: Vec<ItemGroup> = group
            .items
            .chunks(limit)
            .enumerate()
            .map(|(k, items)| ItemGroup {
                title: if k == 0 {
                    group.title.clone()
                } else {
                    format!("{} (continued)", group.title)
                },
                items: items.to_vec(),
            })
            .collect();
        for piece in pieces {
            if in_part > 0 && in_part + piece.items.len() > limit {
                parts.push(Vec::new());
                in_part = 0;
            }
            in_part += piece.items.len();
            parts.last_mut().expect("parts start non-empty").push(piece);
        }
    }
    parts
}

/// Mean ± t-based 95% interval, when there are at least two scores.
fn mean_interval(summary: &Summary) -> Option<(f64, f64)> {
    let (mean, sd) = (summary.mean?, summary.sd?);
    if summary.n < 2 {
        return None;
    }
    let n = summary.n as f64;
    let half = waves::t_quantile(0.975, n - 1.0) * sd / n.sqrt();
    Some((mean - half, mean + half))
}

fn dimension_scale(dimensions: &[DimensionScore]) -> (f64, f64) {
    let scale = dimensions
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), d| {
            (low.min(d.scale_min), high.max(d.scale_max))
        });
    if scale.0.is_finite() && scale.1 > scale.0 {
        scale
    } else {
        (1.0, 5.0)
    }
}

/// The axis of a wave comparison: from the lowest to the highest end of the dimensions' scales
/// (the chart falls back to 1–5 when none is known).
fn compared_scale(dimensions: &[waves::DimensionComparison]) -> (f64, f64) {
    dimensions
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), d| {
            (low.min(d.scale_min), high.max(d.scale_max))
        })
}

/// Dimension means per group, for the groups large enough to be shown apart.
fn groups_compared(
    score: &WorkshopScore,
    q: &QuestionnaireScore,
    subtitle: &str,
) -> Option<ComparisonData> {
    if score.groups.len() < 2 || q.dimensions.is_empty() {
        return None;
    }
    let series = score
        .groups
        .iter()
        .filter_map(|group| {
            let same = group.questionnaires.iter().find(|g| g.id == q.id)?;
            if same
                .dimensions
                .iter()
                .all(|d| d.withheld.is_some() || d.summary.n == 0)
            {
                return None;
            }
            let summaries: Vec<Option<&Summary>> = q
                .dimensions
                .iter()
                .map(|d| {
                    same.dimensions
                        .iter()
                        .find(|g| g.id == d.id)
                        .map(|g| &g.summary)
                })
                .collect();
            Some(ComparisonSeries {
                name: format!("{} (n = {})", group.group, group.respondents),
                means: summaries.iter().map(|s| s.and_then(|s| s.mean)).collect(),
                intervals: summaries
                    .iter()
                    .map(|s| s.and_then(mean_interval))
                    .collect(),
            })
        })
        .collect();
    let mut footnote = format!(
        "Whiskers: 95% interval of the mean. Groups of fewer than {} people are not shown apart.",
        score.anonymity_threshold
    );
    if !score.suppressed_groups.is_empty() {
        footnote.push_str(&format!(
            " Not shown: {}.",
            score.suppressed_groups.join(", ")
        ));
    }
    Some(ComparisonData {
        title: format!("{}: groups compared", q.title),
        subtitle: subtitle.to_owned(),
        y_label: "Mean score".to_owned(),
        dimensions: q.dimensions.iter().map(|d| d.title.clone()).collect(),
        series,
        scale: dimension_scale(&q.dimensions),
        footnote,
    })
}

/// Dimension means per entry (each channel, say) of a questionnaire asked per entry, side by
/// side; withheld figures are gaps, and an entry with nothing to show is left out.
fn entries_compared(q: &QuestionnaireScore, subtitle: &str) -> Option<ComparisonData> {
    if q.entries.is_empty() || q.dimensions.is_empty() {
        return None;
    }
    let entry_noun = q.asked_per.noun();
    let series: Vec<ComparisonSeries> = q
        .entries
        .iter()
        .filter(|entry| {
            entry.withheld.is_none()
                && entry
                    .dimensions
                    .iter()
                    .any(|d| d.withheld.is_none() && d.summary.mean.is_some())
        })
        .map(|entry| ComparisonSeries {
            name: format!("{} (n = {})", entry.entry, entry.evaluations),
            means: entry.dimensions.iter().map(|d| d.summary.mean).collect(),
            intervals: entry
                .dimensions
                .iter()
                .map(|d| mean_interval(&d.summary))
                .collect(),
        })
        .collect();
    let hidden = q.entries.len() - series.len();
    let mut footnote = "Whiskers: 95% interval of the mean.".to_owned();
    if hidden > 0 {
        // The nouns are "project" and "channel": an added "s" is their plural.
        footnote.push_str(&format!(
            " {} not shown: too few people rated {}.",
            count(hidden, entry_noun, &format!("{entry_noun}s")),
            noun(hidden, "it", "them")
        ));
    }
    let withheld: Vec<(String, &str)> = q
        .entries
        .iter()
        .filter(|entry| entry.withheld.is_none())
        .flat_map(|entry| {
            entry.dimensions.iter().filter_map(move |d| {
                Some((
                    format!("{} – {}", entry.entry, d.title),
                    d.withheld.as_deref()?,
                ))
            })
        })
        .collect();
    footnote.push_str(&withheld_note(
        withheld
            .iter()
            .map(|(name, reason)| (name.as_str(), *reason)),
    ));
    // Nothing drawn, and withheld figures are why: the subtitle says so.
    let hidden_reason = series
        .is_empty()
        .then(|| {
            q.entries.iter().find_map(|entry| {
                entry
                    .withheld
                    .as_deref()
                    .or_else(|| entry.dimensions.iter().find_map(|d| d.withheld.as_deref()))
            })
        })
        .flatten();
    Some(ComparisonData {
        title: format!("{}: by {entry_noun}", q.title),
        subtitle: with_withheld(subtitle, hidden_reason),
        y_label: "Mean score".to_owned(),
        dimensions: q.dimensions.iter().map(|d| d.title.clone()).collect(),
        series,
        scale: dimension_scale(&q.dimensions),
        footnote,
    })
}

/// Dimension means per workshop (wave) of one questionnaire in a comparison, oldest first; the
/// first questionnaire with dimensions when `questionnaire_id` is `None`.
pub fn waves_compared(
    comparison: &Comparison,
    questionnaire_id: Option<&str>,
) -> Option<ChartData> {
    let q = comparison
        .questionnaires
        .iter()
        .filter(|q| !q.dimensions.is_empty())
        .find(|q| questionnaire_id.is_none_or(|id| q.id == id))?;
    let series = comparison
        .waves
        .iter()
        .enumerate()
        .map(|(w, wave)| ComparisonSeries {
            name: format!("{} (n = {})", long_date(wave.date), wave.respondents),
            means: q
                .dimensions
                .iter()
                .map(|d| d.waves.get(w).and_then(|s| s.mean))
                .collect(),
            intervals: q
                .dimensions
                .iter()
                .map(|d| d.waves.get(w).and_then(mean_interval))
                .collect(),
        })
        .collect();
    let mut subtitle = comparison
        .waves
        .iter()
        .map(|w| w.title.as_str())
        .collect::<Vec<_>>()
        .join(", then ");
    if let Some(group) = &comparison.group {
        subtitle.push_str(&format!(" · group: {group}"));
    }
    let mut footnote =
        "Whiskers: 95% interval of the mean. Only items shared by every wave count.".to_owned();
    for note in &comparison.notes {
        footnote.push(' ');
        footnote.push_str(note);
    }
    Some(ChartData::Compare(ComparisonData {
        title: format!("{}: workshops compared", q.title),
        subtitle,
        y_label: "Mean score".to_owned(),
        dimensions: q.dimensions.iter().map(|d| d.title.clone()).collect(),
        series,
        scale: compared_scale(&q.dimensions),
        footnote,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_names_lose_their_range() {
        assert_eq!(short_axis_name("Empowerment (1–10)"), "Empowerment");
        assert_eq!(
            short_axis_name("Unsanctioned tools used regularly"),
            "Unsanctioned tools used regularly"
        );
    }

    #[test]
    fn mean_interval_uses_t_and_needs_two_scores() {
        let summary = Summary {
            n: 4,
            mean: Some(3.0),
            sd: Some(1.0),
            ..Summary::default()
        };
        let (low, high) = mean_interval(&summary).unwrap();
        // t(0.975, 3) = 3.182; half-width = 3.182 / 2.
        assert!((high - 3.0 - 1.591).abs() < 0.001, "{high}");
        assert!((3.0 - low - 1.591).abs() < 0.001, "{low}");
        let one = Summary {
            n: 1,
            mean: Some(3.0),
            sd: None,
            ..Summary::default()
        };
        assert_eq!(mean_interval(&one), None);
    }

    #[test]
    fn items_split_into_readable_charts_keeping_dimensions_whole() {
        let group = |title: &str, n: usize| ItemGroup {
            title: title.into(),
            items: (0..n)
                .map(|i| ItemRow {
                    label: format!("{title} {i}"),
                    counts: vec![1, 2],
                })
                .collect(),
        };
        let sizes = |parts: &[Vec<ItemGroup>]| -> Vec<Vec<usize>> {
            parts
                .iter()
                .map(|p| p.iter().map(|g| g.items.len()).collect())
                .collect()
        };
        let four = vec![group("A", 4), group("B", 4), group("C", 4), group("D", 4)];
        assert_eq!(sizes(&split_groups(four, 12)), vec![vec![4, 4, 4], vec![4]]);
        let parts = split_groups(vec![group("A", 3), group("B", 15)], 12);
        assert_eq!(sizes(&parts), vec![vec![3], vec![12], vec![3]]);
        assert_eq!(parts[2][0].title, "B (continued)");
        assert_eq!(sizes(&split_groups(vec![group("A", 5)], 12)), vec![vec![5]]);
    }

    #[test]
    fn long_dates_read_like_a_report() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 6).unwrap();
        assert_eq!(long_date(date), "6 November 2026");
    }
}
