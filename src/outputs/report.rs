//! The one-file report a facilitator hands to the sponsor: a self-contained HTML page (inline CSS,
//! charts as inline SVG, no scripts, no network) that prints cleanly to PDF on A4 or Letter. It
//! reads only a [`WorkshopScore`] (figures and discussion notes alike) and the workshop folder's
//! settings and action plan, so the CLI and the app produce the same file. Everything that comes from a file is HTML-escaped, and
//! participant labels appear only when the facilitator opts in.

use std::fmt::Write;

use crate::analysis::scoring::{
    DimensionScore, QuestionnaireScore, Reliability, ScoreOptions, WorkshopScore, score_workshop,
};
use crate::model::questionnaire::classification_label;
use crate::model::text::{count, percent};
use crate::storage::folder::WorkshopFolder;

/// How the report is made.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Name participants (in the summary and beside notes) even if the workshop does not allow it.
    pub show_labels: bool,
}

/// A chart already rendered as an SVG document, with the heading it sits under.
#[derive(Debug, Clone)]
pub struct ReportChart {
    pub section: ReportSection,
    /// The questionnaire it shows.
    pub questionnaire: String,
    pub svg: String,
}

/// The sections a chart can be placed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportSection {
    Segments,
    /// A questionnaire's own section: its dimensions, bands, remedies and owners.
    Dimensions,
    EffortValue,
}

/// Reads one reliability figure off a dimension's scores.
type Figure = fn(&Reliability) -> Option<f64>;

/// The reliability figures the method section lists, with their column titles.
const RELIABILITY_FIELDS: [(&str, Figure); 5] = [
    ("Cronbach's α", |r| r.alpha),
    ("rwg(J)", |r| r.rwg_j),
    ("r*wg(J)", |r| r.rwg_j_lindell),
    ("ICC(1)", |r| r.icc1),
    ("ICC(2)", |r| r.icc2),
];

/// Scores the workshop (its own rule, whole team) and renders its report with its charts.
pub fn report_for(folder: &WorkshopFolder, options: &ReportOptions) -> String {
    let score = score_workshop(folder, &ScoreOptions::default());
    let charts = report_charts(&score);
    render_html(folder, &score, &charts, options)
}

/// The charts the report shows, drawn by the same chart functions as the app and the CLI: the HERO
/// quadrant and segment shares, each questionnaire's dimension bars and group comparison, the
/// effort–value map. A chart that fails to render is left out (the tables beside it carry the
/// same figures).
pub fn report_charts(score: &WorkshopScore) -> Vec<ReportChart> {
    use crate::outputs::charts::{self, ChartKind, ExportOptions};
    // Smaller than the 1600×1000 default so text stays legible when the SVG is scaled to a page.
    let options = ExportOptions {
        width_px: 1000,
        height_px: 640,
        ..ExportOptions::default()
    };
    let unevaluated: Vec<&str> = score
        .questionnaires
        .iter()
        .filter(|q| q.nobody_evaluated_an_entry())
        .map(|q| q.id.as_str())
        .collect();
    charts::from_score::charts_for(score)
        .into_iter()
        .filter(|(questionnaire, _)| !unevaluated.contains(&questionnaire.as_str()))
        .filter_map(|(questionnaire, data)| {
            let section = match data.kind() {
                ChartKind::Quadrant | ChartKind::Segments => ReportSection::Segments,
                ChartKind::RoadblockBars | ChartKind::Compare => ReportSection::Dimensions,
                ChartKind::EffortValue => ReportSection::EffortValue,
                // The profile repeats the bars; one chart per item would swamp the page.
                ChartKind::Roadblocks | ChartKind::Items => return None,
            };
            let svg = charts::render_svg(&data, &options).ok()?;
            Some(ReportChart {
                section,
                questionnaire,
                svg,
            })
        })
        .collect()
}

/// Renders the report as one HTML document. `charts` are placed in their sections as they are.
pub fn render_html(
    folder: &WorkshopFolder,
    score: &WorkshopScore,
    charts: &[ReportChart],
    options: &ReportOptions,
) -> String {
    let show_labels = options.show_labels || folder.workshop.show_labels_in_report;
    let mut html = String::with_capacity(64 * 1024);
    let _ = writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — HERO readiness report</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&score.title)
    );
    summary_section(&mut html, folder, score, show_labels);
    segments_section(&mut html, score, charts);
    // Questionnaires that rank their dimensions come before the action plan they feed; the
    // others after the effort–value map. Each has a section of its own, whatever its id.
    let own_section = |q: &&QuestionnaireScore| q.segments.is_none() && q.placement.is_none();
    for questionnaire in score.questionnaires.iter().filter(own_section) {
        if !questionnaire.roadblocks.is_empty() {
            questionnaire_section(&mut html, folder, questionnaire, charts, show_labels);
        }
    }
    action_plan_section(&mut html, folder);
    effort_value_section(&mut html, folder, score, charts);
    for questionnaire in score.questionnaires.iter().filter(own_section) {
        if questionnaire.roadblocks.is_empty() {
            questionnaire_section(&mut html, folder, questionnaire, charts, show_labels);
        }
    }
    method_section(&mut html, folder, score);
    html.push_str("</body>\n</html>\n");
    html
}

fn summary_section(
    html: &mut String,
    folder: &WorkshopFolder,
    score: &WorkshopScore,
    show_labels: bool,
) {
    let workshop = &folder.workshop;
    let _ = writeln!(
        html,
        "<header id=\"summary\">\n<p class=\"kicker\">HERO readiness report</p>\n<h1>{}</h1>\n\
         <dl class=\"facts\">\n<dt>Date</dt><dd>{}</dd>",
        escape(&score.title),
        workshop.date.format("%-d %B %Y")
    );
    if !workshop.facilitator.is_empty() {
        let _ = writeln!(
            html,
            "<dt>Facilitator</dt><dd>{}</dd>",
            escape(&workshop.facilitator)
        );
    }
    let _ = writeln!(
        html,
        "<dt>Respondents</dt><dd>{} completed{}</dd>",
        score.respondents,
        if score.in_progress > 0 {
            format!(" ({} unfinished, not counted)", score.in_progress)
        } else {
            String::new()
        }
    );
    let groups_shown = if score.groups.is_empty() {
        "none apart (whole team only)".to_owned()
    } else {
        score
            .groups
            .iter()
            .map(|group| format!("{} (n = {})", escape(&group.group), group.respondents))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(html, "<dt>Groups shown</dt><dd>{groups_shown}</dd>");
    if !score.suppressed_groups.is_empty() {
        let _ = writeln!(
            html,
            "<dt>Not shown apart</dt><dd>{} (fewer than {}, or would reveal a \
             smaller group)</dd>",
            score
                .suppressed_groups
                .iter()
                .map(|group| escape(group))
                .collect::<Vec<_>>()
                .join(", "),
            count(score.anonymity_threshold, "respondent", "respondents")
        );
    }
    if show_labels {
        let mut labels: Vec<&str> = folder
            .completed()
            .filter_map(|loaded| loaded.response.label.as_deref())
            .collect();
        labels.sort_unstable();
        let _ = writeln!(
            html,
            "<dt>Participants</dt><dd>{}</dd>",
            labels
                .iter()
                .map(|label| escape(label))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    html.push_str("</dl>\n");
    let headline = headline(score);
    if !headline.is_empty() {
        html.push_str("<ul class=\"headline\">\n");
        for line in headline {
            let _ = writeln!(html, "<li>{line}</li>");
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</header>\n");
}

/// Two or three sentences a sponsor reads first (already escaped).
fn headline(score: &WorkshopScore) -> Vec<String> {
    let mut lines = Vec::new();
    for questionnaire in &score.questionnaires {
        if let Some(segments) = &questionnaire.segments
            && let Some(largest) = segments
                .segments
                .iter()
                .max_by_key(|segment| segment.share.count)
            && segments.classified > 0
            && segments.withheld.is_none()
        {
            lines.push(format!(
                "The largest group is <strong>{}</strong>: {} of {} classified respondents ({}).",
                escape(&largest.title),
                largest.share.count,
                segments.classified,
                percent(largest.share.share)
            ));
        }
        // Equal worst means share rank 1: name them all rather than whichever is listed first.
        let worst: Vec<_> = questionnaire
            .roadblocks
            .iter()
            .filter(|roadblock| roadblock.rank == Some(1))
            .filter_map(|roadblock| Some((roadblock, roadblock.band.as_ref()?)))
            .collect();
        if let [(roadblock, band)] = worst.as_slice() {
            lines.push(format!(
                "{}: the weakest area is <strong>{}</strong> (mean {}, {}); owner: {}.",
                escape(&questionnaire.title),
                escape(&roadblock.title),
                number(roadblock.mean, 2),
                escape(&band.label),
                band.owner.label()
            ));
        } else if let [(first, _), ..] = worst.as_slice() {
            let named: Vec<String> = worst
                .iter()
                .map(|(roadblock, band)| {
                    format!(
                        "<strong>{}</strong> ({}; owner: {})",
                        escape(&roadblock.title),
                        escape(&band.label),
                        band.owner.label()
                    )
                })
                .collect();
            lines.push(format!(
                "{}: the weakest areas, tied at mean {}, are {}.",
                escape(&questionnaire.title),
                number(first.mean, 2),
                named.join(", ")
            ));
        }
    }
    lines
}

fn segments_section(html: &mut String, score: &WorkshopScore, charts: &[ReportChart]) {
    html.push_str("<section id=\"segments\">\n<h2>HERO segments against the benchmark</h2>\n");
    let with_segments: Vec<&QuestionnaireScore> = score
        .questionnaires
        .iter()
        .filter(|q| q.segments.is_some())
        .collect();
    if with_segments.is_empty() {
        html.push_str("<p class=\"empty\">No questionnaire with a HERO classification was scored in this workshop.</p>\n");
    }
    for questionnaire in with_segments {
        let Some(segments) = &questionnaire.segments else {
            continue;
        };
        let _ = writeln!(
            html,
            "<p>{}. {} at least {} and {} at least {}. {} classified{}.</p>",
            escape(&classification_label(&segments.rule_title)),
            escape(&segments.x_label),
            segments.x_threshold,
            escape(&segments.y_label),
            segments.y_threshold,
            count(segments.classified, "respondent", "respondents"),
            if segments.unclassified > 0 {
                format!(
                    ", {} not (an item the rule needs was skipped)",
                    segments.unclassified
                )
            } else {
                String::new()
            }
        );
        if let Some(reason) = &segments.withheld {
            let _ = writeln!(
                html,
                "<p class=\"note\">Segment shares withheld: {}.</p>",
                escape(reason)
            );
            continue;
        }
        html.push_str(
            "<table>\n<thead><tr><th>Segment</th><th class=\"num\">n</th><th class=\"num\">Share</th>\
             <th class=\"num\">95% interval</th><th class=\"num\">Benchmark</th><th>What it means for this team</th></tr></thead>\n<tbody>\n",
        );
        for segment in &segments.segments {
            let share = &segment.share;
            let reading = match segment.benchmark {
                None => "no published benchmark".to_owned(),
                Some(benchmark) if benchmark < share.ci_low => {
                    "more than the benchmark, beyond chance".to_owned()
                }
                Some(benchmark) if benchmark > share.ci_high => {
                    "fewer than the benchmark, beyond chance".to_owned()
                }
                Some(_) => "in line with the benchmark (it lies inside the interval)".to_owned(),
            };
            let lever = if segment.lever.is_empty() {
                String::new()
            } else {
                format!(
                    " <em>Lever ({}):</em> {}",
                    segment.owner.label(),
                    escape(&segment.lever)
                )
            };
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}–{}</td><td class=\"num\">{}</td><td>{}.{}</td></tr>",
                escape(&segment.title),
                share.count,
                percent(share.share),
                percent(share.ci_low),
                percent(share.ci_high),
                segment.benchmark.map_or_else(|| "–".to_owned(), percent),
                capitalise(&reading),
                lever
            );
        }
        html.push_str("</tbody>\n</table>\n");
        if let (Some(population), Some(source)) =
            (&segments.benchmark_population, &segments.benchmark_source)
        {
            let _ = writeln!(
                html,
                "<p class=\"note\">Benchmark: {}; {}.</p>",
                escape(population),
                escape(source)
            );
        }
    }
    place_charts(html, charts, ReportSection::Segments);
    html.push_str("</section>\n");
}

fn action_plan_section(html: &mut String, folder: &WorkshopFolder) {
    html.push_str("<section id=\"action-plan\">\n<h2>Action plan</h2>\n");
    let actions = &folder.workshop.actions;
    if actions.is_empty() {
        html.push_str("<p class=\"empty\">No actions have been agreed yet. The facilitator adds them in the app; they are kept in workshop.ron.</p>\n");
    } else {
        html.push_str(
            "<table>\n<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>\n<tbody>\n",
        );
        for action in actions {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&action.action),
                escape(&action.owner),
                action
                    .due
                    .map_or_else(|| "–".to_owned(), |due| due.to_string()),
                action.status.label()
            );
        }
        html.push_str("</tbody>\n</table>\n");
    }
    html.push_str("</section>\n");
}

fn effort_value_section(
    html: &mut String,
    folder: &WorkshopFolder,
    score: &WorkshopScore,
    charts: &[ReportChart],
) {
    html.push_str(
        "<section id=\"effort-value\">\n<h2>Effort–value map of proposed projects</h2>\n",
    );
    let placed: Vec<&QuestionnaireScore> = score
        .questionnaires
        .iter()
        .filter(|q| q.placement.is_some() && !q.nobody_evaluated_an_entry())
        .collect();
    if placed.is_empty() {
        html.push_str("<p class=\"empty\">No projects were evaluated in this workshop.</p>\n");
    }
    for questionnaire in placed {
        let Some(placement) = &questionnaire.placement else {
            continue;
        };
        let _ = writeln!(
            html,
            "<table>\n<thead><tr><th>Project</th><th class=\"num\">Evaluations</th>\
             <th class=\"num\">{} (0–100)</th><th class=\"num\">{} (0–100)</th><th>Zone</th><th>Advice</th></tr></thead>\n<tbody>",
            escape(&placement.x_label),
            escape(&placement.y_label)
        );
        for project in &placement.projects {
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td>{}</td><td>{}</td></tr>",
                escape(&project.project),
                project.evaluations,
                number(project.x, 0),
                number(project.y, 0),
                escape(
                    project
                        .zone_label
                        .as_deref()
                        .unwrap_or(match &project.withheld {
                            Some(reason) => reason.as_str(),
                            None => "unplaced (too few answers)",
                        })
                ),
                escape(project.advice.as_deref().unwrap_or(""))
            );
        }
        html.push_str("</tbody>\n</table>\n");
        facilitator_notes(html, folder, &questionnaire.id);
    }
    place_charts(html, charts, ReportSection::EffortValue);
    html.push_str("</section>\n");
}

/// One questionnaire's section, for any questionnaire without a classification or a placement
/// (bundled or the user's own): its dimensions (ranked weakest first when it ranks them) with
/// mean, band, remedy and owner, its scores per entry when it is asked per channel or the like,
/// its charts and its notes. The anchor is `q-` and the questionnaire id.
fn questionnaire_section(
    html: &mut String,
    folder: &WorkshopFolder,
    questionnaire: &QuestionnaireScore,
    charts: &[ReportChart],
    show_labels: bool,
) {
    let ranked = !questionnaire.roadblocks.is_empty();
    let _ = writeln!(
        html,
        "<section id=\"q-{}\" class=\"questionnaire\">\n<h2>{}{} <span class=\"n\">(n = {})</span></h2>",
        escape(&questionnaire.id),
        escape(&questionnaire.title),
        if ranked { ", weakest first" } else { "" },
        questionnaire.respondents
    );
    if questionnaire.respondents == 0 {
        html.push_str("<p class=\"empty\">Nobody has answered this questionnaire yet.</p>\n");
    }
    // Ranked order when the questionnaire ranks; questionnaire order otherwise.
    let order: Vec<(Option<usize>, &DimensionScore)> = if ranked {
        questionnaire
            .roadblocks
            .iter()
            .filter_map(|rank| {
                let dimension = questionnaire
                    .dimensions
                    .iter()
                    .find(|d| d.id == rank.dimension)?;
                Some((rank.rank, dimension))
            })
            .collect()
    } else {
        questionnaire.dimensions.iter().map(|d| (None, d)).collect()
    };
    if !order.is_empty() {
        dimension_table(html, &order, ranked);
    }
    entries_table(html, questionnaire);
    for chart in charts.iter().filter(|chart| {
        chart.section == ReportSection::Dimensions && chart.questionnaire == questionnaire.id
    }) {
        let _ = writeln!(
            html,
            "<figure class=\"chart\">{}</figure>",
            strip_xml_declaration(&chart.svg)
        );
    }
    facilitator_notes(html, folder, &questionnaire.id);
    notes_list(html, questionnaire, show_labels);
    html.push_str("</section>\n");
}

/// Dimensions with their band, remedy and owner; `#` is the rank when `ranked`.
fn dimension_table(html: &mut String, order: &[(Option<usize>, &DimensionScore)], ranked: bool) {
    html.push_str("<table class=\"dimensions\">\n<thead><tr>");
    if ranked {
        html.push_str("<th class=\"num\">#</th>");
    }
    html.push_str(
        "<th>Dimension</th><th class=\"num\">n</th><th class=\"num\">Mean</th>\
         <th class=\"num\">Range</th><th>Band</th><th>Remedy</th><th>Owner</th></tr></thead>\n<tbody>\n",
    );
    for (rank, dimension) in order {
        let (band, level, remedy, owner) = band_cells(dimension);
        html.push_str("<tr>");
        if ranked {
            let _ = write!(
                html,
                "<td class=\"num\">{}</td>",
                rank.map_or_else(|| "–".to_owned(), |rank| rank.to_string())
            );
        }
        let _ = writeln!(
            html,
            "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}–{}</td><td><span class=\"band {level}\">{band}</span></td>\
             <td>{remedy}</td><td>{owner}</td></tr>",
            escape(&dimension.title),
            dimension.summary.n,
            number(dimension.summary.mean, 2),
            number(Some(dimension.scale_min), 0),
            number(Some(dimension.scale_max), 0),
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

/// (band label, level class, remedy, owner) of a dimension, already escaped; a withheld figure
/// says why in the remedy cell.
fn band_cells(dimension: &DimensionScore) -> (String, &'static str, String, &'static str) {
    match (&dimension.band, &dimension.withheld) {
        (Some(band), _) => (
            escape(&band.label),
            band.level.label(),
            escape(&band.recommendation),
            band.owner.label(),
        ),
        (None, Some(reason)) => (
            "–".to_owned(),
            "none",
            format!("Withheld: {}", escape(reason)),
            "",
        ),
        (None, None) => ("–".to_owned(), "none", String::new(), ""),
    }
}

/// Per entry (each channel, say): its mean and band on every dimension, for questionnaires
/// asked once per entry of a workshop list.
fn entries_table(html: &mut String, questionnaire: &QuestionnaireScore) {
    if questionnaire.entries.is_empty() {
        return;
    }
    let noun = capitalise(questionnaire.asked_per.noun());
    let _ = writeln!(
        html,
        "<h3>By {}</h3>\n<table class=\"entries\">\n<thead><tr><th>{noun}</th><th class=\"num\">Evaluations</th>",
        questionnaire.asked_per.noun()
    );
    for dimension in &questionnaire.dimensions {
        let _ = write!(html, "<th>{}</th>", escape(&dimension.title));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for entry in &questionnaire.entries {
        let _ = write!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td>",
            escape(&entry.entry),
            entry.evaluations
        );
        for dimension in &entry.dimensions {
            let (band, level, _, _) = band_cells(dimension);
            let cell = match (&dimension.withheld, dimension.summary.mean) {
                (Some(reason), _) => {
                    format!("<span class=\"note\">withheld: {}</span>", escape(reason))
                }
                (None, Some(mean)) => {
                    format!("{mean:.2} <span class=\"band {level}\">{band}</span>")
                }
                (None, None) => "–".to_owned(),
            };
            let _ = write!(html, "<td>{cell}</td>");
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
}

/// The facilitator's notes of the room's discussion, in prompt order. They are the
/// facilitator's own words about the room, not a participant's answer, so no threshold applies.
fn facilitator_notes(html: &mut String, folder: &WorkshopFolder, questionnaire_id: &str) {
    let Some(notes) = folder.workshop.discussion_notes.get(questionnaire_id) else {
        return;
    };
    let Some(questionnaire) = folder.catalog.get(questionnaire_id) else {
        return;
    };
    // Notes on each prompt, then on each project or channel (taken while the room answered its
    // questions together), as (what was discussed, note).
    let on_items = questionnaire.items.iter().filter_map(|item| {
        let note = notes.get(item.id.as_str())?;
        Some((item.text.as_str(), note))
    });
    let on_entries = questionnaire
        .asks_per()
        .entries(&folder.workshop)
        .iter()
        .filter_map(|entry| {
            let note = notes.get(&crate::model::workshop::entry_note_key(entry))?;
            Some((entry.as_str(), note))
        });
    let mut any = false;
    for (discussed, note) in on_items.chain(on_entries) {
        if !any {
            html.push_str("<h4>The facilitator's notes of the discussion</h4>\n");
            any = true;
        }
        let _ = writeln!(
            html,
            "<div class=\"notes\"><p class=\"prompt\">{}</p>\n<p class=\"discussion\">{}</p></div>",
            escape(discussed),
            escape(note).replace('\n', "<br>")
        );
    }
}

/// The discussion notes of a questionnaire, grouped by prompt, as the score holds them (sorted by
/// text, withheld when too few people wrote one).
fn notes_list(html: &mut String, questionnaire: &QuestionnaireScore, show_labels: bool) {
    let mut any = false;
    for list in questionnaire.notes.iter().filter(|list| list.count > 0) {
        if !any {
            html.push_str("<h4>Notes from the discussion</h4>\n");
            any = true;
        }
        let _ = writeln!(
            html,
            "<div class=\"notes\"><p class=\"prompt\">{}</p>\n<ul>",
            escape(&list.prompt)
        );
        if let Some(reason) = &list.withheld {
            let _ = writeln!(
                html,
                "<li class=\"empty\">{} withheld: {}.</li></ul></div>",
                count(list.count, "note", "notes"),
                escape(reason)
            );
            continue;
        }
        for note in &list.notes {
            let project = note
                .project
                .as_ref()
                .map(|project| format!("{}: ", escape(project)))
                .unwrap_or_default();
            let by = match (show_labels, &note.label) {
                (true, Some(label)) => format!(" <span class=\"by\">— {}</span>", escape(label)),
                _ => String::new(),
            };
            let _ = writeln!(html, "<li>{project}{}{by}</li>", escape(&note.text));
        }
        html.push_str("</ul></div>\n");
    }
}

fn method_section(html: &mut String, folder: &WorkshopFolder, score: &WorkshopScore) {
    html.push_str("<section id=\"method\">\n<h2>Method</h2>\n<ul>\n");
    for questionnaire in &score.questionnaires {
        if let Some(segments) = &questionnaire.segments {
            let _ = writeln!(
                html,
                "<li>HERO Index. {}. Empowered when {} ≥ {}, resourceful when {} ≥ {}. Shares \
                 carry 95% Wilson score intervals.</li>",
                escape(&classification_label(&segments.rule_title)),
                escape(&segments.x_label),
                segments.x_threshold,
                escape(&segments.y_label),
                segments.y_threshold
            );
        }
    }
    let _ = writeln!(
        html,
        "<li>Anonymity threshold: {0} people. A figure is shown only when at least {0} people \
         contributed to it, and a group's figure only when the whole minus the groups shown \
         leaves none or at least {0} people (people without a group count as a hidden group); \
         other figures are withheld and say so. ICC(1) and ICC(2) pool only the groups shown for \
         that dimension. Tallied answers count towards item figures only: a tally has no \
         per-person scores, segments or agreement statistics.</li>",
        score.anonymity_threshold
    );
    html.push_str(
        "<li>Reverse-coded items count as (min + max) − answer. A dimension score is the mean of \
         the answered items, left empty when fewer than half were answered; the team figure is the \
         mean of those scores.</li>\n\
         <li>Cronbach's α uses complete cases (listwise) after reverse-coding. rwg(J) and Lindell's \
         r*wg(J) compare the observed item variance with a uniform null; ICC(1) and ICC(2) come from \
         a one-way ANOVA of respondents nested in groups.</li>\n",
    );
    let _ = writeln!(
        html,
        "<li>Questionnaire versions: {}.</li>",
        score
            .questionnaires
            .iter()
            .map(|q| format!("{} v{}", escape(&q.id), q.version))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !score.warnings.is_empty() || !score.problems.is_empty() {
        let _ = writeln!(
            html,
            "<li>{} and {} were met while scoring; run <code>hero-readiness \
             score</code> on the folder to see them.</li>",
            count(score.problems.len(), "file problem", "file problems"),
            count(score.warnings.len(), "warning", "warnings")
        );
    }
    html.push_str("</ul>\n");
    reliability_table(html, score);
    let _ = writeln!(
        html,
        "<p class=\"note\">Made with HERO Readiness {} on {}. The HERO idea comes from Bernoff &amp; \
         Schadler, <em>Empowered</em> (2010); the questions and scores are this tool's own, not \
         Forrester's instrument.</p>",
        env!("CARGO_PKG_VERSION"),
        escape(&folder.workshop.date.to_string())
    );
    html.push_str("</section>\n");
}

/// The reliability figures per dimension ("–" where one cannot be computed).
fn reliability_table(html: &mut String, score: &WorkshopScore) {
    let mut rows = String::new();
    for questionnaire in &score.questionnaires {
        for dimension in &questionnaire.dimensions {
            let _ = write!(
                rows,
                "<tr><td>{} — {}</td>",
                escape(&questionnaire.title),
                escape(&dimension.title)
            );
            for (_, figure) in RELIABILITY_FIELDS {
                let value = figure(&dimension.reliability);
                let _ = write!(rows, "<td class=\"num\">{}</td>", number(value, 2));
            }
            rows.push_str("</tr>\n");
        }
    }
    if rows.is_empty() {
        html.push_str("<p class=\"note\">Reliability figures (α, rwg(J), ICC) are not available for this workshop.</p>\n");
        return;
    }
    html.push_str("<table class=\"reliability\">\n<thead><tr><th>Dimension</th>");
    for (title, _) in RELIABILITY_FIELDS {
        let _ = write!(html, "<th class=\"num\">{title}</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    html.push_str(&rows);
    html.push_str("</tbody>\n</table>\n");
}

fn place_charts(html: &mut String, charts: &[ReportChart], section: ReportSection) {
    for chart in charts.iter().filter(|chart| chart.section == section) {
        let _ = writeln!(
            html,
            "<figure class=\"chart\">{}</figure>",
            strip_xml_declaration(&chart.svg)
        );
    }
}

/// An SVG document inlined in HTML must not carry its own `<?xml …?>` line.
fn strip_xml_declaration(svg: &str) -> &str {
    let trimmed = svg.trim_start();
    match trimmed.strip_prefix("<?xml") {
        Some(rest) => rest
            .find("?>")
            .map_or(trimmed, |end| rest[end + 2..].trim_start()),
        None => trimmed,
    }
}

/// Escapes text for HTML element content and attribute values; control characters (other than
/// tab and newline) are left out, as HTML does not allow them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::storage::without_control_chars(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn number(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.digits$}"))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Screen and print styles. No `size` in `@page`, so the browser's paper (A4 or Letter) is used;
/// tables rows, figures and note blocks never split across pages.
const STYLE: &str = r#"
:root { --ink: #1d2430; --muted: #5b6472; --rule: #d5dae1; --accent: #2b5d8a;
  --strong: #2e7d4f; --watch: #b7791f; --roadblock: #b23b3b; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink);
  max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; color: var(--accent); border-bottom: 1.5px solid var(--accent);
  padding-bottom: 1mm; margin: 9mm 0 3mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: 9pt; margin: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 6mm; margin: 0 0 4mm; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.headline { background: #f2f5f8; border-left: 3px solid var(--accent); padding: 3mm 3mm 3mm 8mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9.5pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid var(--rule); }
th { background: #eef1f5; font-weight: 600; }
thead { display: table-header-group; }
tr, figure, .notes, .headline, .facts { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
td:first-child { min-width: 28mm; }
.band { display: inline-block; padding: 0 2mm; border-radius: 2mm; color: #fff; font-size: 8.5pt;
  white-space: nowrap; }
.band.strong { background: var(--strong); }
.band.watch { background: var(--watch); }
.band.roadblock { background: var(--roadblock); }
.band.none { color: var(--ink); }
.note, .empty, .n { color: var(--muted); font-size: 9pt; }
.notes .prompt { font-weight: 600; margin: 2mm 0 1mm; }
.notes ul { margin: 0 0 2mm; }
.by { color: var(--muted); }
figure.chart { margin: 3mm 0; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; max-height: 120mm; }
@page { margin: 15mm 14mm; }
@media print {
  body { max-width: none; padding: 0; }
  h2 { margin-top: 6mm; }
  #action-plan, #method { break-before: page; page-break-before: always; }
  .headline { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  th, .band { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
