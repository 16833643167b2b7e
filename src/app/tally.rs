//! Facilitator tally mode: the facilitator says how many people are in the room (once, per
//! group), reads each question aloud and enters how many chose each option. The room logic
//! (one set of anonymous responses per room, filled questionnaire by questionnaire) lives in
//! [`crate::inputs::tally`]; this screen only draws the draft and asks for it to be saved.

use super::Command;
use crate::inputs::tally::{RoomTally, room_size, tallyable};
use crate::storage::folder::WorkshopFolder;

/// The tally being entered.
#[derive(Debug, Clone, Default)]
pub struct TallyDraft {
    pub tally: RoomTally,
    pub error: Option<String>,
}

impl TallyDraft {
    pub fn new(folder: &WorkshopFolder) -> Self {
        let mut draft = Self::default();
        if let Some(questionnaire) = tallyable(folder).first() {
            draft.tally.questionnaire = questionnaire.id.clone();
        }
        draft
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
        "Say how many people are in the room, read each question aloud and enter how many people \
         chose each option. The room is saved as that many anonymous responses (marked as entered \
         from a tally); tallying another questionnaire fills in the same people, and tallying one \
         again replaces its earlier counts. Per-item figures are exact; figures about individual \
         people (segments, agreement) need individual answers. Items with many options or free \
         text are left out.",
    );
    let questionnaires = tallyable(folder);
    ui.horizontal(|ui| {
        let label = ui.label("Questionnaire");
        let selected_title = folder
            .catalog
            .get(&draft.tally.questionnaire)
            .map(|q| q.title.clone())
            .unwrap_or_else(|| "Choose…".to_owned());
        egui::ComboBox::from_id_salt("tally_questionnaire")
            .selected_text(selected_title)
            .show_ui(ui, |ui| {
                for questionnaire in &questionnaires {
                    let selected = draft.tally.questionnaire == questionnaire.id;
                    if ui
                        .selectable_label(selected, &questionnaire.title)
                        .clicked()
                    {
                        draft.tally.questionnaire = questionnaire.id.clone();
                        draft.tally.counts.clear();
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if !folder.workshop.groups.is_empty() {
            let label = ui.label("Group");
            let before = draft.tally.group.clone();
            egui::ComboBox::from_id_salt("tally_group")
                .selected_text(draft.tally.group.as_deref().unwrap_or("Whole room"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.tally.group, None, "Whole room");
                    for group in &folder.workshop.groups {
                        ui.selectable_value(&mut draft.tally.group, Some(group.clone()), group);
                    }
                })
                .response
                .labelled_by(label.id);
            if draft.tally.group != before {
                // Another room: its size is its own, not the last room's.
                draft.tally.people = 0;
            }
        }
    });
    let Some(questionnaire) = folder.catalog.get(&draft.tally.questionnaire) else {
        ui.label("This workshop has no questionnaire that can be tallied.");
        return;
    };
    ui.horizontal(|ui| match room_size(folder, draft.tally.group.as_deref()) {
        Some(people) => {
            // The room was entered before: its people are fixed, only their answers change.
            draft.tally.people = people;
            ui.label(format!(
                "People in the room: {people} (entered with the first tally of this room)"
            ));
        }
        None => {
            let label = ui.label("People in the room");
            ui.add(egui::DragValue::new(&mut draft.tally.people).range(0..=10_000))
                .labelled_by(label.id);
        }
    });
    let people = draft.tally.people;
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
            let Some(options) = item.kind.tally_options() else {
                continue;
            };
            ui.group(|ui| {
                ui.label(egui::RichText::new(&item.text).strong());
                let counts = draft
                    .tally
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
                    if total as usize > people {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("= {total}, more than the {people} people in the room"),
                        );
                    } else {
                        ui.label(egui::RichText::new(format!("= {total}")).weak());
                    }
                });
            });
        }
    });
    if save_clicked {
        draft.error = None;
        commands.push(Command::SubmitTally);
    }
}
