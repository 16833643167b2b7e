//! A self-assessment as one person reads it: their segment and what it means, their own score on
//! each dimension, and the recommendations addressed to them; none of a team's statistics (no
//! shares of one person, intervals, spreads or reliability). Also the thank-you screen, which says
//! where the answers are kept. Every figure comes from the workshop's score (one respondent, so a
//! dimension's mean is the person's own score); nothing is computed here.

use super::{Command, DialogPurpose};
use crate::analysis::scoring::{
    BandScore, ItemScore, QuestionnaireScore, SegmentScore, WorkshopScore,
};
use crate::model::questionnaire::{Axis, Owner, Questionnaire};
use crate::model::text::shorten;
use crate::storage::folder::WorkshopFolder;

/// Where the person's answers are: the response file when there is one, else the folder.
pub fn answers_kept_in(folder: &WorkshopFolder) -> String {
    folder.responses.first().map_or_else(
        || folder.dir.display().to_string(),
        |loaded| loaded.path.display().to_string(),
    )
}

/// After the last answer of a self-assessment.
pub fn thank_you_ui(
    ui: &mut egui::Ui,
    folder: Option<&WorkshopFolder>,
    commands: &mut Vec<Command>,
) {
    ui.add_space(80.0);
    ui.vertical_centered(|ui| {
        ui.heading(egui::RichText::new("Thank you — your answers are saved").size(34.0));
        if let Some(folder) = folder {
            ui.add_space(12.0);
            ui.label("Your answers are kept on this computer, in");
            ui.label(egui::RichText::new(answers_kept_in(folder)).monospace());
            ui.label(
                "Nobody else sees them unless you give them the file (\"Save my response file…\" \
                 on your results). Home lists your past self-assessments.",
            );
        }
        ui.add_space(24.0);
        if ui
            .add(egui::Button::new("See my results").min_size(egui::vec2(220.0, 48.0)))
            .clicked()
        {
            commands.push(Command::ShowResults);
        }
    });
}

/// The results of a self-assessment.
pub fn results_ui(
    ui: &mut egui::Ui,
    score: &WorkshopScore,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(egui::RichText::new("Your results").size(24.0));
        if let Some(date) = score.date {
            ui.label(date.to_string());
        }
        if ui.button("Save my response file…").clicked() {
            commands.push(Command::OpenDialog(DialogPurpose::SaveResponseCopy));
        }
    });
    ui.label(
        egui::RichText::new(format!(
            "Your answers are kept in {}",
            answers_kept_in(folder)
        ))
        .size(12.0)
        .weak(),
    );
    if score.respondents == 0 {
        ui.add_space(8.0);
        ui.label(
            "You have not finished the self-assessment yet, so there is nothing to show. \
             Your answers so far are kept.",
        );
        let unfinished = folder
            .responses
            .iter()
            .find(|loaded| !loaded.response.is_complete());
        if let Some(loaded) = unfinished
            && ui
                .add(
                    egui::Button::new("Continue where you stopped")
                        .min_size(egui::vec2(220.0, 40.0)),
                )
                .clicked()
        {
            commands.push(Command::Resume(loaded.response.id.clone()));
        }
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("self-assessment-results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(900.0);
            for questionnaire in &score.questionnaires {
                ui.add_space(12.0);
                ui.heading(&questionnaire.title);
                let definition = folder.catalog.get(&questionnaire.id);
                if let Some(segments) = &questionnaire.segments {
                    segment_ui(ui, segments, definition);
                }
                scores_ui(ui, questionnaire);
                recommendations_ui(ui, questionnaire);
            }
        });
}

/// The person's segment, how their answers put them there, and what it means for them.
fn segment_ui(ui: &mut egui::Ui, segments: &SegmentScore, definition: Option<&Questionnaire>) {
    let Some(&(x, y, index)) = segments.points.first() else {
        ui.label(
            "You skipped a question needed to place you, so the results cannot say which segment \
             you are in.",
        );
        return;
    };
    let Some(segment) = segments.segments.get(index) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}:", segments.title));
        ui.label(egui::RichText::new(format!("you are in “{}”", segment.title)).strong());
    });
    let classification = definition.and_then(|q| q.interpretation.classification.as_ref());
    let axis_items = |axis: Option<&Axis>| -> Vec<&str> {
        let (Some(axis), Some(questionnaire)) = (axis, definition) else {
            return Vec::new();
        };
        axis.items
            .iter()
            .filter_map(|id| questionnaire.item(id))
            .map(|item| item.text.as_str())
            .collect()
    };
    ui.label(format!(
        "{} {} {}.",
        axis_sentence(
            &segments.x_label,
            x,
            segments.x_threshold,
            &axis_items(classification.map(|c| &c.x))
        ),
        axis_sentence(
            &segments.y_label,
            y,
            segments.y_threshold,
            &axis_items(classification.map(|c| &c.y))
        ),
        crate::model::questionnaire::classification_label(&segments.rule_title)
    ));
    let defined = classification.and_then(|c| c.segments.iter().find(|s| s.id == segment.id));
    if let Some(defined) = defined {
        let text = if defined.for_you.is_empty() {
            &defined.description
        } else {
            &defined.for_you
        };
        ui.label(text);
    }
}

/// How one axis placed the person, naming the question(s) it reads, so the answer is not taken
/// for a dimension score of the same name (a dimension averages more statements than the axis).
fn axis_sentence(label: &str, value: f64, threshold: f64, questions: &[&str]) -> String {
    let (value, threshold) = (number(value), number(threshold));
    match questions {
        [question] => format!(
            "{label}: you answered {value} to “{}” ({threshold} or more counts as high).",
            quoted(question)
        ),
        [] => format!("{label}: you answered {value} ({threshold} or more counts as high)."),
        several => format!(
            "{label}: your answers to its {} questions add up to {value} ({threshold} or more \
             counts as high).",
            several.len()
        ),
    }
}

/// Under the scores: how a dimension score comes from the person's answers when one of its
/// statements is worded the other way (reverse-coded), so an answer of 8 beside a score of 7
/// does not read as a mistake. Both numbers are the score's own (raw and counted answers).
fn reversed_items_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    for dimension in &questionnaire.dimensions {
        let answered: Vec<&ItemScore> = questionnaire
            .items
            .iter()
            .filter(|item| item.dimension.as_deref() == Some(dimension.id.as_str()))
            .filter(|item| item.counted_mean.is_some())
            .collect();
        let reversed: Vec<String> = answered
            .iter()
            .filter(|item| item.reverse)
            .filter_map(|item| {
                let (Some(raw), Some(counted)) = (item.summary.mean, item.counted_mean) else {
                    return None;
                };
                Some(format!(
                    "you answered {} to “{}”: this statement counts the other way, so it adds {}",
                    number(raw),
                    quoted(&item.text),
                    number(counted)
                ))
            })
            .collect();
        if reversed.is_empty() || dimension.summary.mean.is_none() {
            continue;
        }
        ui.label(
            egui::RichText::new(format!(
                "{}: your score is the mean of your {} answers to its statements; {}.",
                dimension.title,
                answered.len(),
                reversed.join("; ")
            ))
            .weak(),
        );
    }
}

/// The person's own score on each dimension, with its band.
fn scores_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    if questionnaire.dimensions.is_empty() {
        return;
    }
    ui.add_space(6.0);
    egui::Grid::new(("your-scores", &questionnaire.id))
        .striped(true)
        .show(ui, |ui| {
            for header in ["", "Your score", "Scale", "Reads as"] {
                ui.strong(header);
            }
            ui.end_row();
            for dimension in &questionnaire.dimensions {
                ui.label(&dimension.title);
                ui.label(
                    dimension
                        .summary
                        .mean
                        .map_or_else(|| "not answered".to_owned(), number),
                );
                ui.label(format!(
                    "{}–{}",
                    number(dimension.scale_min),
                    number(dimension.scale_max)
                ));
                ui.label(dimension.band.as_ref().map_or("–", |band| &band.label));
                ui.end_row();
            }
        });
    reversed_items_ui(ui, questionnaire);
}

/// The recommendations, worst first for roadblocks, each addressed to the person: what they can
/// do, or what to take to the people who own it.
fn recommendations_ui(ui: &mut egui::Ui, questionnaire: &QuestionnaireScore) {
    let advice: Vec<(String, &BandScore)> = if questionnaire.roadblocks.is_empty() {
        questionnaire
            .dimensions
            .iter()
            .filter_map(|d| d.band.as_ref().map(|band| (d.title.clone(), band)))
            .collect()
    } else {
        questionnaire
            .roadblocks
            .iter()
            .filter_map(|r| r.band.as_ref().map(|band| (r.title.clone(), band)))
            .collect()
    };
    if advice.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.strong("What you can do");
    for (title, band) in advice {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(format!("{title} ({})", band.label)).strong());
            ui.label(addressed_to_you(band.owner));
            ui.label(&band.recommendation);
        });
        ui.add_space(4.0);
    }
}

/// Who a recommendation is for, said to the one person who took the self-assessment.
pub fn addressed_to_you(owner: Owner) -> &'static str {
    match owner {
        Owner::Heroes => "This one is yours:",
        Owner::Managers => "This one is for your manager; you could raise it with them:",
        Owner::It => "This one is for IT; you could raise it with them:",
        Owner::Leadership => {
            "This one is for your leadership; you could raise it with your manager:"
        }
    }
}

/// A statement quoted inside a sentence: without its full stop, shortened when long.
fn quoted(statement: &str) -> String {
    shorten(statement.trim_end().trim_end_matches('.'), 90)
}

/// A score as a person reads it: whole numbers without decimals.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}
