//! Facilitator-paced parts on the room screen (the Mentimeter way): the facilitator picks a
//! customer-dialogue prompt or one project's effort–value questions, puts it on every phone, and
//! the projector shows it with how many have answered. The room's answers stay hidden until the
//! facilitator reveals them; then they show as a chart that follows the answers as they arrive,
//! with the facilitator's notes beside it. What the chart may show is
//! [`crate::session::reveal`]'s decision (the anonymity threshold, and no subtraction from the
//! results); this file only draws it. The phones themselves are the room server's.

use super::charts_cache::{ChartCache, ChartEntry};
use super::{Command, ThemeChoice};
use crate::room::Pacer;
use crate::session::{self, PacedPart, Reveal};
use crate::storage::folder::WorkshopFolder;

/// The room screen's pacing state: what can be put on, whether the answers are revealed, the
/// revealed figures and their chart, and the note being typed.
#[derive(Default)]
pub struct PacedPanel {
    pub parts: Vec<PacedPart>,
    pub revealed: bool,
    /// The figures of the part on the phones, as last scored (only while revealed).
    pub reveal: Option<Reveal>,
    charts: ChartCache,
    pub note: NoteDraft,
}

/// The facilitator's note on the part on the phones, as typed.
#[derive(Default)]
pub struct NoteDraft {
    /// The part the note belongs to.
    pub part: Option<PacedPart>,
    /// The note as saved when the draft started (the base of a merge on save).
    pub base: String,
    pub draft: String,
    /// When (window clock) the draft last changed and is not saved yet.
    edited_at_seconds: Option<f64>,
    pub saved: bool,
    pub error: Option<String>,
}

impl NoteDraft {
    /// The saved note of `part`, ready to edit.
    pub fn of(folder: &WorkshopFolder, part: &PacedPart) -> Self {
        let base = session::part_note(folder, part).to_owned();
        Self {
            part: Some(part.clone()),
            draft: base.clone(),
            base,
            ..Self::default()
        }
    }

    /// Whether the draft differs from the saved note.
    pub fn edited(&self) -> bool {
        self.draft.trim() != self.base.trim()
    }

    /// The command saving the draft, when it differs from the saved note.
    pub fn save_command(&self) -> Option<Command> {
        let part = self.part.clone()?;
        self.edited().then(|| Command::SavePacedNote {
            part,
            base: self.base.clone(),
            text: self.draft.clone(),
        })
    }
}

impl PacedPanel {
    pub fn new(folder: &WorkshopFolder) -> Self {
        Self {
            parts: session::paced_parts(folder),
            ..Self::default()
        }
    }

    /// Figures for the part on the phones, scored again from the folder (the caller re-reads the
    /// answers first). The chart is redrawn only when its data changed.
    pub fn rescore(&mut self, folder: &WorkshopFolder, part: &PacedPart) {
        let reveal = session::reveal(folder, part);
        let chart = reveal.chart();
        let current = self.charts.entry(0).map(|entry| &entry.data);
        if current != chart.as_ref() {
            match chart {
                Some(data) => self.charts.set_entries(vec![ChartEntry {
                    questionnaire: part.questionnaire().to_owned(),
                    title: data.kind().title().to_owned(),
                    file_stem: String::new(),
                    data,
                }]),
                None => self.charts.clear(),
            }
        }
        self.reveal = Some(reveal);
    }

    /// Back to hidden, for a part just put on (or taken off).
    pub fn hide(&mut self) {
        self.revealed = false;
        self.reveal = None;
        self.charts.clear();
    }
}

/// The list of parts to put on the phones, shown on the room screen while none is on.
pub fn parts_list_ui(
    ui: &mut egui::Ui,
    panel: &PacedPanel,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    if panel.parts.is_empty() {
        return;
    }
    ui.heading("Ask the room together");
    ui.label(
        egui::RichText::new(
            "Click one to put it on every phone at once; discuss it, then reveal the room's \
             answers. The phones go back to their own questions when you return to self-paced.",
        )
        .weak(),
    );
    let mut last_questionnaire = "";
    for part in &panel.parts {
        if part.questionnaire() != last_questionnaire {
            last_questionnaire = part.questionnaire();
            ui.add_space(6.0);
            ui.strong(part_group_title(part, folder));
        }
        if ui
            .add(egui::Button::new(part_label(part)).wrap())
            .on_hover_text("Put this on every phone")
            .clicked()
        {
            commands.push(Command::PutOnPhones(Some(part.clone())));
        }
    }
}

/// A part as a button of the list, under its questionnaire's heading.
fn part_label(part: &PacedPart) -> &str {
    match part {
        PacedPart::Prompt(prompt) => &prompt.text,
        PacedPart::Entry { entry, .. } => entry,
    }
}

/// The heading over a questionnaire's parts in the list.
fn part_group_title(part: &PacedPart, folder: &WorkshopFolder) -> String {
    let title = folder
        .catalog
        .get(part.questionnaire())
        .map_or(part.questionnaire(), |questionnaire| {
            questionnaire.title.as_str()
        });
    let entry = match folder
        .catalog
        .get(part.questionnaire())
        .map(|q| q.asks_per())
    {
        Some(crate::model::questionnaire::AskedPer::Channel) => "channel",
        _ => "project",
    };
    match part {
        PacedPart::Prompt(_) => format!("{title}: one prompt at a time"),
        PacedPart::Entry { .. } => format!("{title}: all its questions, one {entry} at a time"),
    }
}

/// The projector view of the part on the phones: its title, how many answered, Reveal, the chart
/// once revealed, and the facilitator's notes.
#[allow(clippy::too_many_arguments)]
pub fn paced_ui(
    ui: &mut egui::Ui,
    panel: &mut PacedPanel,
    pacer: &Pacer,
    part: &PacedPart,
    folder: &WorkshopFolder,
    joined: usize,
    theme: ThemeChoice,
    commands: &mut Vec<Command>,
) {
    let index = panel.parts.iter().position(|candidate| candidate == part);
    if let Some(index) = index {
        ui.label(
            egui::RichText::new(format!(
                "On the phones · part {} of {}",
                index + 1,
                panel.parts.len()
            ))
            .weak(),
        );
    }
    // Projector type, but a long prompt must still leave the controls in view at UI scale 2.
    let title_size = if ui.available_width() >= 800.0 {
        30.0
    } else {
        20.0
    };
    ui.label(
        egui::RichText::new(part.title(folder))
            .size(title_size)
            .strong(),
    );
    if let PacedPart::Entry { .. } = part {
        ui.label(
            egui::RichText::new("Every phone answers all of these questions, then waits.")
                .size(18.0),
        );
    }
    ui.add_space(6.0);
    ui.label(
        egui::RichText::new(format!(
            "{} of {} answered",
            pacer.answered(),
            crate::model::text::count(joined, "phone", "phones")
        ))
        .size(26.0)
        .strong(),
    );
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        // Pressed in front of the room: large targets.
        let big = |text: &str| egui::Button::new(egui::RichText::new(text).size(20.0));
        let move_to = |index: usize| Command::PutOnPhones(panel.parts.get(index).cloned());
        if panel.revealed {
            if ui.add(big("Hide the answers")).clicked() {
                commands.push(Command::RevealPaced(false));
            }
        } else if ui
            .add(egui::Button::new(
                egui::RichText::new("Reveal the answers")
                    .size(20.0)
                    .strong(),
            ))
            .clicked()
        {
            commands.push(Command::RevealPaced(true));
        }
        if let Some(index) = index {
            if ui.add_enabled(index > 0, big("Previous")).clicked() {
                commands.push(move_to(index - 1));
            }
            if ui
                .add_enabled(index + 1 < panel.parts.len(), big("Next"))
                .clicked()
            {
                commands.push(move_to(index + 1));
            }
        }
        if ui.add(big("Back to self-paced")).clicked() {
            commands.push(Command::PutOnPhones(None));
        }
    });
    ui.add_space(10.0);
    let wide = ui.available_width() >= 900.0;
    if wide {
        ui.columns(2, |columns| {
            answers_ui(&mut columns[0], panel, theme);
            notes_ui(&mut columns[1], &mut panel.note, commands);
        });
    } else {
        answers_ui(ui, panel, theme);
        ui.add_space(10.0);
        notes_ui(ui, &mut panel.note, commands);
    }
}

/// The revealed answers as a chart (or why they are hidden).
fn answers_ui(ui: &mut egui::Ui, panel: &mut PacedPanel, theme: ThemeChoice) {
    ui.strong("The room's answers");
    if !panel.revealed {
        ui.label(
            "Hidden until you reveal them, so nobody is swayed before giving their own answer.",
        );
        return;
    }
    let Some(reveal) = &panel.reveal else {
        return;
    };
    if let Some(reason) = &reveal.withheld {
        ui.label(format!("Hidden to keep answers anonymous: {reason}."));
        return;
    }
    ui.label(format!(
        "{} answered",
        crate::model::text::count(reveal.people, "person", "people")
    ));
    if reveal.finished_only {
        ui.weak(
            "Only people who have finished their own answers are counted for now: counting the \
             others too would let their answers be worked out from the results.",
        );
    }
    placement_ui(ui, reveal);
    if panel.charts.is_empty() {
        return;
    }
    let width = ui.available_width();
    // One prompt is one bar: a short chart. A placement or a profile needs its square.
    let tall = !matches!(
        panel.charts.entry(0).map(|entry| entry.data.kind()),
        Some(crate::outputs::charts::ChartKind::Items)
    );
    let height = if tall { width * 0.62 } else { width * 0.32 };
    let size = egui::vec2(width, height.clamp(220.0, 620.0));
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let pixels_per_point = ui.ctx().pixels_per_point();
    let rect = egui::emath::GuiRounding::round_to_pixels(rect, pixels_per_point);
    match panel
        .charts
        .texture(ui.ctx(), 0, size, pixels_per_point, theme)
    {
        Ok(texture) => {
            ui.put(
                rect,
                egui::Image::new((texture.id(), size)).alt_text("The room's answers"),
            );
        }
        Err(error) => {
            ui.put(
                rect,
                egui::Label::new(
                    egui::RichText::new(error.to_string()).color(ui.visuals().error_fg_color),
                ),
            );
        }
    }
}

/// A project's place on the effort–value map in words, as the score gives it: where it falls
/// and the advice for that zone.
fn placement_ui(ui: &mut egui::Ui, reveal: &Reveal) {
    let project = reveal
        .score
        .as_ref()
        .and_then(|score| score.questionnaires.first())
        .and_then(|questionnaire| questionnaire.placement.as_ref())
        .and_then(|placement| Some((placement, placement.projects.first()?)));
    let Some((placement, project)) = project else {
        return;
    };
    let (Some(x), Some(y), Some(zone)) = (project.x, project.y, &project.zone_label) else {
        return;
    };
    ui.label(
        egui::RichText::new(format!(
            "{zone} ({} {x:.0} · {} {y:.0})",
            placement.x_label, placement.y_label
        ))
        .size(18.0)
        .strong(),
    );
    if let Some(advice) = &project.advice {
        ui.label(advice);
    }
}

/// The facilitator's notes on the part, saved after a pause in typing or on "Save note".
fn notes_ui(ui: &mut egui::Ui, note: &mut NoteDraft, commands: &mut Vec<Command>) {
    let typing = super::discussion::note_field(ui, &mut note.draft, &mut note.edited_at_seconds);
    if typing.changed {
        note.saved = false;
    }
    if typing.paused {
        commands.extend(note.save_command());
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(note.edited(), egui::Button::new("Save note"))
            .clicked()
        {
            commands.extend(note.save_command());
        }
        if note.edited() {
            ui.weak("Saved when you pause typing.");
        } else if note.saved {
            ui.label("Note saved in the workshop.");
        }
    });
    if let Some(error) = &note.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}
