//! Facilitator tally mode: the facilitator reads each question aloud and enters how many people
//! chose each option. [`TallyDraft::expand`] turns the counts into anonymous responses marked
//! `from_tally`, so every score is computed exactly as for individual answers.

use std::collections::BTreeMap;

use chrono::Utc;

use super::Command;
use crate::questionnaire::{Item, ItemKind, Questionnaire};
use crate::response::{Answer, Response};
use crate::workshop::WorkshopFolder;

/// Items with more options than this are left to individual answers.
const MAX_TALLY_OPTIONS: usize = 31;

/// The tally being entered.
#[derive(Debug, Clone, Default)]
pub struct TallyDraft {
    pub questionnaire: Option<String>,
    pub group: Option<String>,
    /// Item id → count per option, in [`tally_options`] order.
    pub counts: BTreeMap<String, Vec<u32>>,
    pub error: Option<String>,
}

/// The options of an item that can be tallied, as (answer, label); `None` for items that cannot.
pub fn tally_options(item: &Item) -> Option<Vec<(Answer, String)>> {
    let options: Vec<(Answer, String)> = match &item.kind {
        ItemKind::Likert { .. }
        | ItemKind::Scale { .. }
        | ItemKind::YesNo
        | ItemKind::Count { .. } => item
            .kind
            .value_labels()
            .into_iter()
            .map(|(value, label)| (Answer::Value(value), label))
            .collect(),
        ItemKind::SingleChoice { options } => options
            .iter()
            .map(|option| (Answer::Choice(option.id.clone()), option.label.clone()))
            .collect(),
        ItemKind::MultipleChoice { .. } | ItemKind::Text { .. } => return None,
    };
    (options.len() <= MAX_TALLY_OPTIONS).then_some(options)
}

/// Questionnaires a tally can be entered for (one section per person, not per project).
fn tallyable(folder: &WorkshopFolder) -> Vec<&Questionnaire> {
    folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|questionnaire| !questionnaire.per_project)
        .collect()
}

impl TallyDraft {
    pub fn new(folder: &WorkshopFolder) -> Self {
        Self {
            questionnaire: tallyable(folder).first().map(|q| q.id.clone()),
            ..Self::default()
        }
    }

    /// The anonymous responses the counts stand for: as many as the largest total of any item.
    pub fn expand(&self, folder: &WorkshopFolder) -> Result<Vec<Response>, String> {
        let Some(questionnaire) = self
            .questionnaire
            .as_deref()
            .and_then(|id| folder.catalog.get(id))
        else {
            return Err("Choose a questionnaire to tally.".to_owned());
        };
        let people = questionnaire
            .items
            .iter()
            .filter_map(|item| self.counts.get(&item.id))
            .map(|counts| counts.iter().sum::<u32>())
            .max()
            .unwrap_or(0) as usize;
        if people == 0 {
            return Err("Enter how many people chose each option first.".to_owned());
        }
        let hash = questionnaire.content_hash();
        let now = Utc::now();
        let mut responses: Vec<Response> = (0..people)
            .map(|_| {
                let mut response = Response::new(super::new_id(), None, self.group.clone());
                response.from_tally = true;
                response.completed_at = Some(now);
                response.section_with_hash(questionnaire, &hash, None);
                response
            })
            .collect();
        for item in &questionnaire.items {
            let (Some(options), Some(counts)) = (tally_options(item), self.counts.get(&item.id))
            else {
                continue;
            };
            let answers = options
                .iter()
                .zip(counts)
                .flat_map(|((answer, _), count)| std::iter::repeat_n(answer, *count as usize));
            for (response, answer) in responses.iter_mut().zip(answers) {
                response
                    .section_with_hash(questionnaire, &hash, None)
                    .answers
                    .insert(item.id.clone(), answer.clone());
            }
        }
        Ok(responses)
    }
}

pub fn tally_ui(
    ui: &mut egui::Ui,
    draft: &mut TallyDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    ui.heading("Facilitator tally");
    ui.label(
        "Read each question aloud and enter how many people chose each option. The tally is saved \
         as anonymous responses (marked as entered from a tally), so all results are computed as \
         for individual answers. Items with many options or free text are left out.",
    );
    let questionnaires = tallyable(folder);
    ui.horizontal(|ui| {
        let label = ui.label("Questionnaire");
        let selected_title = draft
            .questionnaire
            .as_deref()
            .and_then(|id| folder.catalog.get(id))
            .map(|q| q.title.clone())
            .unwrap_or_else(|| "Choose…".to_owned());
        egui::ComboBox::from_id_salt("tally_questionnaire")
            .selected_text(selected_title)
            .show_ui(ui, |ui| {
                for questionnaire in &questionnaires {
                    let value = Some(questionnaire.id.clone());
                    if ui
                        .selectable_label(draft.questionnaire == value, &questionnaire.title)
                        .clicked()
                    {
                        draft.questionnaire = value;
                        draft.counts.clear();
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if !folder.workshop.groups.is_empty() {
            let label = ui.label("Group");
            egui::ComboBox::from_id_salt("tally_group")
                .selected_text(draft.group.as_deref().unwrap_or("Whole room"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.group, None, "Whole room");
                    for group in &folder.workshop.groups {
                        ui.selectable_value(&mut draft.group, Some(group.clone()), group);
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
    let Some(questionnaire) = draft
        .questionnaire
        .as_deref()
        .and_then(|id| folder.catalog.get(id))
    else {
        ui.label("This workshop has no questionnaire that can be tallied.");
        return;
    };
    ui.add_space(8.0);
    let save_clicked = ui
        .add(egui::Button::new("Save tally").min_size(egui::vec2(160.0, 36.0)))
        .clicked();
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.add_space(8.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for item in &questionnaire.items {
            let Some(options) = tally_options(item) else {
                continue;
            };
            ui.group(|ui| {
                ui.label(egui::RichText::new(&item.text).strong());
                let counts = draft
                    .counts
                    .entry(item.id.clone())
                    .or_insert_with(|| vec![0; options.len()]);
                counts.resize(options.len(), 0);
                ui.horizontal_wrapped(|ui| {
                    for ((_, label), count) in options.iter().zip(counts.iter_mut()) {
                        ui.horizontal(|ui| {
                            let label = ui.label(label);
                            ui.add(egui::DragValue::new(count).range(0..=10_000))
                                .labelled_by(label.id);
                        });
                        ui.add_space(10.0);
                    }
                    let total: u32 = counts.iter().sum();
                    ui.label(egui::RichText::new(format!("= {total}")).weak());
                });
            });
        }
    });
    if save_clicked {
        draft.error = None;
        commands.push(Command::SubmitTally);
    }
}
