//! The facilitator's discussion screen: one customer-dialogue prompt at a time, the room's
//! ratings of it beside the notes (the score's figures, so withheld below the anonymity
//! threshold like everywhere else), and the facilitator's notes, saved in `workshop.ron` through
//! the session. Drawing only; saving is a [`Command::SaveDiscussionNote`].
//!
//! While a room is open the facilitator can put the shown prompt on every phone (the room's
//! [`Pacer`]); Previous/Next then move the phones along. The ratings of a prompt on the phones
//! stay hidden until the facilitator presses Reveal, so nobody is swayed by the room's answers
//! before giving their own, and once revealed they follow the answers as they arrive.

use super::Command;
use crate::analysis::scoring::{ScoreOptions, WorkshopScore, score_workshop};
use crate::room::Pacer;
use crate::session::{self, DiscussionPrompt, PacedPart, Reveal};
use crate::storage::folder::WorkshopFolder;

/// The discussion screen's state: the prompts, the one shown and the note being edited.
pub struct DiscussionView {
    pub prompts: Vec<DiscussionPrompt>,
    /// Index into `prompts`.
    pub index: usize,
    pub draft: String,
    /// The note as it was when the draft started (the base of a merge on save).
    pub base: String,
    /// The whole room's score, under the workshop's own rule.
    pub score: WorkshopScore,
    pub error: Option<String>,
    /// The prompt whose note was just saved, for a word of confirmation.
    pub saved_note: Option<usize>,
    /// When (window clock, seconds) the draft last changed and is not saved yet: once typing has
    /// paused for [`NOTE_SAVE_DELAY_SECONDS`] the note saves itself, so leaving the screen
    /// by the top bar loses nothing.
    edited_at_seconds: Option<f64>,
    /// The open room's pacing handle (set each frame while a room serves this workshop).
    pub pacer: Option<Pacer>,
    /// Whether the ratings of the prompt on the phones are shown (pressing Reveal).
    pub revealed: bool,
    /// The revealed figures of the prompt on the phones (unfinished runs counted when safe; see
    /// [`session::reveal`]), scored by the app when revealed and as answers arrive.
    pub reveal: Option<Box<Reveal>>,
}

/// How long the facilitator's typing must pause before the note saves itself.
const NOTE_SAVE_DELAY_SECONDS: f64 = 1.0;

impl DiscussionView {
    /// On the first prompt, with the room's ratings scored now.
    pub fn new(folder: &WorkshopFolder) -> Self {
        let mut view = Self {
            prompts: session::discussion_prompts(folder),
            index: 0,
            draft: String::new(),
            base: String::new(),
            score: score_workshop(folder, &ScoreOptions::default()),
            error: None,
            saved_note: None,
            edited_at_seconds: None,
            pacer: None,
            revealed: false,
            reveal: None,
        };
        view.show_prompt(folder, 0);
        view
    }

    /// Shows prompt `index` (kept in range) with its note as saved.
    pub fn show_prompt(&mut self, folder: &WorkshopFolder, index: usize) {
        let was = self.index;
        self.index = index.min(self.prompts.len().saturating_sub(1));
        // Moving on while the shown prompt is on the phones moves the phones along.
        if let Some(pacer) = &self.pacer
            && self.index != was
            && pacer.part() == self.prompts.get(was).cloned().map(PacedPart::from)
        {
            pacer.put_on(self.prompts.get(self.index).cloned().map(PacedPart::from));
            self.revealed = false;
            self.reveal = None;
        }
        if self.saved_note != Some(self.index) {
            self.saved_note = None;
        }
        self.base = self
            .prompts
            .get(self.index)
            .map(|prompt| session::discussion_note(folder, prompt).to_owned())
            .unwrap_or_default();
        self.draft = self.base.clone();
        self.edited_at_seconds = None;
    }
}

pub fn discussion_ui(ui: &mut egui::Ui, view: &mut DiscussionView, commands: &mut Vec<Command>) {
    let Some(prompt) = view.prompts.get(view.index).cloned() else {
        ui.heading("No prompts to discuss");
        return;
    };
    let count = view.prompts.len();
    let unit = type_unit(ui.ctx());
    egui::ScrollArea::vertical()
        .id_salt("discussion")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(
                egui::RichText::new(format!("Discussion — prompt {} of {count}", view.index + 1))
                    .size(20.0 * unit),
            );
            ui.label(
                egui::RichText::new(
                    "Discuss the prompt with the room, then note the main points and any next \
                     step. The notes are kept in the workshop and printed in the report.",
                )
                .weak(),
            );
            ui.add_space(8.0);
            ui.label(egui::RichText::new(&prompt.text).size(20.0 * unit).strong());
            let hidden = pacing_ui(ui, view, &prompt);
            ui.add_space(12.0);
            let wide = ui.available_width() >= 820.0;
            if wide {
                ui.columns(2, |columns| {
                    if !hidden {
                        ratings_ui(&mut columns[0], ratings_score(view), &prompt, unit);
                    }
                    notes_ui(&mut columns[1], view, commands);
                });
            } else {
                if !hidden {
                    ratings_ui(ui, ratings_score(view), &prompt, unit);
                }
                ui.add_space(12.0);
                notes_ui(ui, view, commands);
            }
        });
}

/// The room controls for the shown prompt while a room is open: put it on the phones or take it
/// off, how many answered, and Reveal. Returns whether the ratings are to stay hidden.
fn pacing_ui(ui: &mut egui::Ui, view: &mut DiscussionView, prompt: &DiscussionPrompt) -> bool {
    let Some(pacer) = view.pacer.clone() else {
        return false;
    };
    let part = PacedPart::from(prompt.clone());
    let on = pacer.part().as_ref() == Some(&part);
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if on {
            ui.label(
                egui::RichText::new(format!("On the phones · {} answered", pacer.answered()))
                    .size(18.0)
                    .strong(),
            );
            if !view.revealed && ui.button("Reveal").clicked() {
                view.revealed = true;
            }
            if ui.button("Back to self-paced").clicked() {
                pacer.put_on(None);
                view.revealed = false;
                view.reveal = None;
            }
        } else if ui.button("Put this prompt on the phones").clicked() {
            pacer.put_on(Some(part.clone()));
            view.revealed = false;
            view.reveal = None;
        }
    });
    let hidden = pacer.part().as_ref() == Some(&part) && !view.revealed;
    if hidden {
        ui.weak("The room's ratings stay hidden until you press Reveal.");
    } else if view
        .reveal
        .as_ref()
        .is_some_and(|reveal| reveal.finished_only)
    {
        ui.weak(
            "Only people who have finished their own answers are counted for now: counting the \
             others too would let their answers be worked out from the results.",
        );
    }
    hidden
}

/// Where the shown ratings come from: the reveal while the prompt is on the phones (and revealed),
/// else the results' score. `None`: the reveal withholds them.
fn ratings_score(view: &DiscussionView) -> Result<&WorkshopScore, String> {
    match &view.reveal {
        Some(reveal) => reveal.score.as_ref().ok_or_else(|| {
            reveal
                .withheld
                .clone()
                .unwrap_or_else(|| "too few answers".to_owned())
        }),
        None => Ok(&view.score),
    }
}

/// How much larger than at a 768-point-high window the prompt and ratings are drawn: like the
/// presenter's type, they follow the window's height, so the room can read them on a large
/// projector; never smaller than 1, so a 1024×768 projector at UI scale 2 stays as laid out.
fn type_unit(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().height() / 768.0).clamp(1.0, 1.8)
}

/// The room's ratings of the prompt, as the score holds them (withheld when too few rated it),
/// in type `unit` times the usual size.
fn ratings_ui(
    ui: &mut egui::Ui,
    score: Result<&WorkshopScore, String>,
    prompt: &DiscussionPrompt,
    unit: f32,
) {
    let body = 14.0 * unit;
    ui.label(
        egui::RichText::new("The room's ratings")
            .size(16.0 * unit)
            .strong(),
    );
    let score = match score {
        Ok(score) => score,
        Err(reason) => {
            ui.label(
                egui::RichText::new(format!("Withheld: {reason}."))
                    .size(body)
                    .weak(),
            );
            return;
        }
    };
    let Some(item) = session::prompt_ratings(score, prompt) else {
        ui.label(
            egui::RichText::new("Nobody has rated this prompt yet.")
                .size(body)
                .weak(),
        );
        return;
    };
    if let Some(reason) = &item.withheld {
        ui.label(
            egui::RichText::new(format!("Withheld: {reason}."))
                .size(body)
                .weak(),
        );
        return;
    }
    if item.answered == 0 {
        ui.label(
            egui::RichText::new("Nobody has rated this prompt yet.")
                .size(body)
                .weak(),
        );
        return;
    }
    let people = if item.summary.n == 1 {
        "person"
    } else {
        "people"
    };
    let mean = item
        .summary
        .mean
        .map_or_else(|| "no mean".to_owned(), |mean| format!("mean {mean:.1}"));
    ui.label(
        egui::RichText::new(format!("{} {people} rated it · {mean}", item.summary.n)).size(body),
    );
    let most = item
        .counts
        .iter()
        .map(|c| c.count)
        .max()
        .unwrap_or(0)
        .max(1);
    egui::Grid::new(("discussion_counts", &prompt.item))
        .num_columns(2)
        .spacing([8.0 * unit, 4.0 * unit])
        .show(ui, |ui| {
            for option in &item.counts {
                ui.label(egui::RichText::new(&option.label).size(body));
                ui.add(
                    egui::ProgressBar::new(option.count as f32 / most as f32)
                        .desired_width(180.0 * unit)
                        .desired_height(18.0 * unit)
                        .text(egui::RichText::new(option.count.to_string()).size(body)),
                );
                ui.end_row();
            }
        });
    if let Some(declined) = item.declined.filter(|&declined| declined > 0) {
        ui.label(
            egui::RichText::new(format!("Preferred not to answer: {declined}"))
                .size(body)
                .weak(),
        );
    }
}

/// What the notes field saw this frame.
pub(super) struct NoteTyping {
    /// The text changed.
    pub changed: bool,
    /// Typing has just paused for [`NOTE_SAVE_DELAY_SECONDS`]: time to save (once per pause, so
    /// a refused save waits for the next edit instead of repeating).
    pub paused: bool,
}

/// The "Discussion notes" field, and the clock of its typing pause in `edited_at_seconds` (window
/// clock): shared by the discussion screen and the room screen's paced part.
pub(super) fn note_field(
    ui: &mut egui::Ui,
    draft: &mut String,
    edited_at_seconds: &mut Option<f64>,
) -> NoteTyping {
    let label = ui.strong("Discussion notes");
    let edit = ui
        .add(
            egui::TextEdit::multiline(draft)
                .desired_rows(8)
                .desired_width(ui.available_width()),
        )
        .labelled_by(label.id);
    let now_seconds = ui.input(|input| input.time);
    let changed = edit.changed();
    if changed {
        *edited_at_seconds = Some(now_seconds);
    }
    let mut paused = false;
    if let Some(edited_at) = *edited_at_seconds {
        let waited = now_seconds - edited_at;
        if waited >= NOTE_SAVE_DELAY_SECONDS {
            *edited_at_seconds = None;
            paused = true;
        } else {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(
                    NOTE_SAVE_DELAY_SECONDS - waited,
                ));
        }
    }
    NoteTyping { changed, paused }
}

fn notes_ui(ui: &mut egui::Ui, view: &mut DiscussionView, commands: &mut Vec<Command>) {
    let typing = note_field(ui, &mut view.draft, &mut view.edited_at_seconds);
    let edited = view.draft.trim() != view.base.trim();
    if typing.paused && edited {
        commands.push(Command::SaveDiscussionNote {
            prompt: view.index,
            base: view.base.clone(),
            text: view.draft.clone(),
            then: None,
        });
    }
    let save = |then: Option<usize>| Command::SaveDiscussionNote {
        prompt: view.index,
        base: view.base.clone(),
        text: view.draft.clone(),
        then,
    };
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(view.index > 0, egui::Button::new("Previous prompt"))
            .clicked()
        {
            commands.push(save(Some(view.index - 1)));
        }
        if ui
            .add_enabled(edited, egui::Button::new("Save note"))
            .clicked()
        {
            commands.push(save(None));
        }
        if ui
            .add_enabled(
                view.index + 1 < view.prompts.len(),
                egui::Button::new("Next prompt"),
            )
            .clicked()
        {
            commands.push(save(Some(view.index + 1)));
        }
    });
    if edited {
        ui.weak("Saved when you pause typing, press Save note or move to another prompt.");
    } else if view.saved_note == Some(view.index) {
        ui.label("Note saved in the workshop.");
    }
    if let Some(error) = &view.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}
