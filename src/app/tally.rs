//! Facilitator tally mode: the facilitator says how many people are in the room (once, per
//! group), reads each question aloud and enters how many chose each option. The room logic
//! (one set of anonymous responses per room, filled questionnaire by questionnaire, read back
//! for review, taken back by undo) lives in [`crate::inputs::tally`]; this screen only draws the
//! drafts and asks for them to be saved. Counts typed for one questionnaire are kept while
//! another is tallied, until they are saved or deliberately discarded.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Command;
use crate::inputs::tally::{RoomTally, SavedTally, room_size, saved_tallies, tallyable};
use crate::storage::folder::WorkshopFolder;

/// A tally is one questionnaire for one room (`None`: the whole room).
pub type TallyKey = (String, Option<String>);

/// A question the screen asks before it drops something.
#[derive(Debug, Clone, PartialEq)]
pub enum TallyConfirm {
    /// Drop the unsaved counts of the tally being entered.
    Discard,
    /// Take back a saved tally (its answers leave the room's response files).
    Undo(TallyKey),
}

/// The tallies being entered.
#[derive(Debug, Clone, Default)]
pub struct TallyDraft {
    /// The workshop the drafts belong to: drafts of another workshop are never shown.
    pub workshop_dir: PathBuf,
    /// The tally on screen.
    pub tally: RoomTally,
    /// Unsaved tallies of other questionnaires or rooms, kept until saved or discarded.
    pub kept: BTreeMap<TallyKey, RoomTally>,
    /// The tally on screen was read back from a saved one (saving it again replaces that one).
    pub reviewing: bool,
    pub confirm: Option<TallyConfirm>,
    pub error: Option<String>,
}

impl TallyDraft {
    pub fn new(folder: &WorkshopFolder) -> Self {
        let mut draft = Self {
            workshop_dir: folder.dir.clone(),
            ..Self::default()
        };
        if let Some(questionnaire) = tallyable(folder).first() {
            draft.tally.questionnaire = questionnaire.id.clone();
        }
        draft
    }

    pub fn key(&self) -> TallyKey {
        (self.tally.questionnaire.clone(), self.tally.group.clone())
    }

    /// Puts the tally on screen aside (when it holds counts) and shows `key`'s: its kept
    /// draft, or a fresh one for the same room size.
    pub fn switch_to(&mut self, key: TallyKey) {
        if key == self.key() {
            return;
        }
        let fresh = RoomTally {
            questionnaire: key.0.clone(),
            group: key.1.clone(),
            people: if key.1 == self.tally.group {
                self.tally.people
            } else {
                0
            },
            counts: BTreeMap::new(),
        };
        let next = self.kept.remove(&key).unwrap_or(fresh);
        let previous = std::mem::replace(&mut self.tally, next);
        // A saved tally under review is on disk already: nothing to keep.
        if previous.has_counts() && !self.reviewing {
            self.kept.insert(
                (previous.questionnaire.clone(), previous.group.clone()),
                previous,
            );
        }
        self.reviewing = false;
        self.confirm = None;
        self.error = None;
    }

    /// Drops the counts on screen (after the facilitator said so).
    pub fn discard(&mut self) {
        self.tally.counts.clear();
        self.reviewing = false;
        self.confirm = None;
        self.error = None;
    }

    /// Whether `key` has counts typed and not saved.
    pub fn has_unsaved(&self, key: &TallyKey) -> bool {
        if *key == self.key() {
            self.tally.has_counts() && !self.reviewing
        } else {
            self.kept.contains_key(key)
        }
    }

    /// After the tally on screen was saved: it is no longer a draft.
    pub fn saved(&mut self) {
        self.tally.counts.clear();
        self.reviewing = false;
    }
}

/// "Team check, whole room" for lists and questions.
fn tally_name(folder: &WorkshopFolder, key: &TallyKey) -> String {
    let title = folder
        .catalog
        .get(&key.0)
        .map_or_else(|| key.0.clone(), |q| q.title.clone());
    match &key.1 {
        Some(group) => format!("{title}, group {group}"),
        None => format!("{title}, whole room"),
    }
}

pub fn tally_ui(
    ui: &mut egui::Ui,
    draft: &mut TallyDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    // One scroll area for the whole screen, both ways: at any window size and UI scale every
    // option can be scrolled to (a projector at 1024×768 and scale 2 is 512 points wide).
    egui::ScrollArea::both()
        .id_salt("tally")
        .auto_shrink([false, false])
        .show(ui, |ui| tally_body_ui(ui, draft, folder, commands));
}

fn tally_body_ui(
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
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Questionnaire");
        let selected_title = folder
            .catalog
            .get(&draft.tally.questionnaire)
            .map(|q| q.title.clone())
            .unwrap_or_else(|| "Choose…".to_owned());
        let mut chosen = None;
        egui::ComboBox::from_id_salt("tally_questionnaire")
            .selected_text(selected_title)
            .show_ui(ui, |ui| {
                for questionnaire in &questionnaires {
                    let selected = draft.tally.questionnaire == questionnaire.id;
                    let key = (questionnaire.id.clone(), draft.tally.group.clone());
                    let text = if draft.has_unsaved(&key) && !selected {
                        format!("{} (unsaved counts)", questionnaire.title)
                    } else {
                        questionnaire.title.clone()
                    };
                    if ui.selectable_label(selected, text).clicked() {
                        chosen = Some(key);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if !folder.workshop.groups.is_empty() {
            let label = ui.label("Group");
            let mut group = draft.tally.group.clone();
            egui::ComboBox::from_id_salt("tally_group")
                .selected_text(group.as_deref().unwrap_or("Whole room"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut group, None, "Whole room");
                    for name in &folder.workshop.groups {
                        ui.selectable_value(&mut group, Some(name.clone()), name);
                    }
                })
                .response
                .labelled_by(label.id);
            if group != draft.tally.group {
                chosen = Some((draft.tally.questionnaire.clone(), group));
            }
        }
        if let Some(key) = chosen {
            draft.switch_to(key);
        }
    });
    let kept: Vec<String> = draft
        .kept
        .keys()
        .map(|key| tally_name(folder, key))
        .collect();
    if !kept.is_empty() {
        ui.label(
            egui::RichText::new(format!("Unsaved counts kept for: {}", kept.join("; ")))
                .color(ui.visuals().warn_fg_color),
        );
    }
    saved_tallies_ui(ui, draft, folder, commands);

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
    if draft.reviewing {
        ui.label(
            "Reviewing the saved tally: correct any count and save it again to replace it, or \
             undo it above.",
        );
    }
    let people = draft.tally.people;
    ui.add_space(8.0);
    let mut save_clicked = false;
    ui.horizontal_wrapped(|ui| {
        save_clicked = ui
            .add(egui::Button::new("Save tally").min_size(egui::vec2(160.0, 36.0)))
            .clicked();
        if ui
            .add_enabled(
                draft.tally.has_counts(),
                egui::Button::new("Discard counts…").min_size(egui::vec2(0.0, 36.0)),
            )
            .clicked()
        {
            draft.confirm = Some(TallyConfirm::Discard);
        }
    });
    if draft.confirm == Some(TallyConfirm::Discard) {
        let name = tally_name(folder, &draft.key());
        confirm_ui(
            ui,
            &format!("Discard the counts entered for {name}? They have not been saved."),
            "Discard",
            "Keep counts",
            |yes| {
                if yes {
                    draft.discard();
                } else {
                    draft.confirm = None;
                }
            },
        );
    }
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.add_space(8.0);
    for item in &questionnaire.items {
        let Some(options) = item.kind.tally_options() else {
            continue;
        };
        let counts = draft
            .tally
            .counts
            .entry(item.id.clone())
            .or_insert_with(|| vec![0; options.len()]);
        counts.resize(options.len(), 0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(&item.text).strong());
            options_ui(ui, &options, counts, people);
        });
    }
    if save_clicked {
        draft.error = None;
        draft.confirm = None;
        commands.push(Command::SubmitTally);
    }
}

/// The options of one item in cells of one width that wrap with the window, so a 0–30 count
/// runs onto more rows instead of off the right edge.
fn options_ui(
    ui: &mut egui::Ui,
    options: &[(crate::model::response::Answer, String)],
    counts: &mut [u32],
    people: usize,
) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let label_width = options
        .iter()
        .map(|(_, label)| {
            ui.painter()
                .layout_no_wrap(label.clone(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let value_width = 56.0;
    let cell_width = label_width + ui.spacing().item_spacing.x + value_width + 24.0;
    ui.horizontal_wrapped(|ui| {
        for ((_, label), count) in options.iter().zip(counts.iter_mut()) {
            // Fixed-width cells: the counts line up in columns and a cell wraps as a whole.
            ui.allocate_ui_with_layout(
                egui::vec2(cell_width, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(cell_width);
                    let label = ui.label(label);
                    ui.add_space((label_width - label.rect.width()).max(0.0));
                    ui.add_sized(
                        [value_width, ui.spacing().interact_size.y],
                        egui::DragValue::new(count).range(0..=10_000),
                    )
                    .labelled_by(label.id);
                },
            );
        }
    });
    let total: u32 = counts.iter().sum();
    if total as usize > people {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!(
                "= {total}, more than the {} in the room",
                crate::model::text::count(people, "person", "people")
            ),
        );
    } else {
        ui.label(egui::RichText::new(format!("= {total} of {people}")).weak());
    }
}

/// The tallies saved so far, each with Review (its counts back in the form) and Undo.
fn saved_tallies_ui(
    ui: &mut egui::Ui,
    draft: &mut TallyDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    let saved = saved_tallies(folder);
    if saved.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Saved tallies ({})", saved.len()))
        .id_salt("saved-tallies")
        .default_open(true)
        .show(ui, |ui| {
            for SavedTally {
                questionnaire,
                group,
                people,
            } in saved
            {
                let key = (questionnaire, group);
                let name = tally_name(folder, &key);
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{name}: {people} {}", people_word(people)));
                    let unsaved = draft.has_unsaved(&key);
                    if ui
                        .add_enabled(!unsaved, egui::Button::new(format!("Review {name}")))
                        .on_disabled_hover_text(
                            "Counts for this tally are typed and not saved: save or discard them \
                             first.",
                        )
                        .clicked()
                    {
                        draft.switch_to(key.clone());
                        draft.tally = RoomTally::from_saved(folder, &key.0, key.1.as_deref());
                        draft.reviewing = true;
                    }
                    if ui.button(format!("Undo {name}")).clicked() {
                        draft.confirm = Some(TallyConfirm::Undo(key.clone()));
                    }
                });
                if draft.confirm == Some(TallyConfirm::Undo(key.clone())) {
                    confirm_ui(
                        ui,
                        &format!(
                            "Undo the tally of {name}? Its answers are removed from the room's \
                             {people} response {}; a response left with no answers is deleted.",
                            if people == 1 { "file" } else { "files" }
                        ),
                        "Undo tally",
                        "Keep it",
                        |yes| {
                            draft.confirm = None;
                            if yes {
                                commands.push(Command::UndoTally {
                                    questionnaire: key.0.clone(),
                                    group: key.1.clone(),
                                });
                            }
                        },
                    );
                }
            }
        });
}

fn people_word(count: usize) -> &'static str {
    if count == 1 { "person" } else { "people" }
}

/// A question in a frame with a yes and a no button; `answer` is called once one is clicked.
fn confirm_ui(ui: &mut egui::Ui, question: &str, yes: &str, no: &str, answer: impl FnOnce(bool)) {
    let mut answered = None;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.5, ui.visuals().warn_fg_color))
        .show(ui, |ui| {
            ui.label(question);
            ui.horizontal(|ui| {
                if ui.button(yes).clicked() {
                    answered = Some(true);
                }
                if ui.button(no).clicked() {
                    answered = Some(false);
                }
            });
        });
    if let Some(yes) = answered {
        answer(yes);
    }
}
