//! The questionnaire runner: the participant start screen, one question at a time (number keys
//! choose, Enter / arrow keys move, Backspace goes back), and the thank-you screen. Each answer
//! becomes a [`Command::RecordAnswer`], which the session writes to disk in the same frame; text
//! being typed goes to the session's [`TypingSaver`], written when typing pauses. The run and the
//! thank-you screen are the participant's: a calm centred column of large type, with nothing of
//! the facilitator's on it (see [`super::App::participant_locked`]).

use std::path::PathBuf;

use egui::Key;

use super::{Command, ParticipantDraft};
use crate::model::item_kind::Entry;
use crate::model::questionnaire::{AskedPer, Item, ItemKind};
use crate::model::response::Answer;
use crate::session::{ParticipantRun, TypingSaver};
use crate::storage::folder::WorkshopFolder;

const DIGIT_KEYS: [Key; 10] = [
    Key::Num0,
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// A participant's run as the window shows it: the session's [`ParticipantRun`] and what the
/// screen keeps beside it (the last save, text typed but not yet given).
pub struct Run {
    pub participant: ParticipantRun,
    pub saved_path: Option<PathBuf>,
    pub save_error: Option<String>,
    /// Text typed for a count or free-text item, not yet saved.
    text_draft: String,
    /// The step `text_draft` belongs to.
    draft_position: Option<usize>,
    /// Writes `text_draft` as the answer while the person types.
    pub typing: TypingSaver,
}

impl Run {
    pub fn new(participant: ParticipantRun) -> Self {
        Self {
            participant,
            saved_path: None,
            save_error: None,
            text_draft: String::new(),
            draft_position: None,
            typing: TypingSaver::default(),
        }
    }
}

/// One selectable answer of the current question.
struct Choice {
    answer: Answer,
    label: String,
    key: Option<usize>,
}

/// The options the participant picks from; none for a typed kind (its input reads the text).
fn choices(item: &Item) -> Vec<Choice> {
    if item.kind.entry() == Entry::Typed {
        return Vec::new();
    }
    item.kind
        .options()
        .into_iter()
        .zip(item.kind.digit_keys())
        .map(|((answer, label), key)| Choice { answer, label, key })
        .collect()
}

fn digit_pressed(ui: &egui::Ui) -> Option<usize> {
    ui.input(|input| DIGIT_KEYS.iter().position(|key| input.key_pressed(*key)))
}

/// The widest the participant's column gets: lines of about 70 characters at the question's size.
const COLUMN_MAX_WIDTH: f32 = 760.0;
/// Type sizes of the participant's screens, in points.
const QUESTION_SIZE: f32 = 28.0;
const ANSWER_SIZE: f32 = 22.0;
const BODY_SIZE: f32 = 18.0;
/// Height of an answer button, in points.
const ANSWER_HEIGHT: f32 = 56.0;

/// A participant's screen: a centred column of readable width that scrolls when the window is
/// small (a 1024×768 projector at scale 2 is 512 points wide).
pub fn participant_column_ui(
    ui: &mut egui::Ui,
    id: &str,
    add_contents: impl FnOnce(&mut egui::Ui),
) {
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width().min(COLUMN_MAX_WIDTH);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal_top(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.add_space(24.0);
                    add_contents(ui);
                    ui.add_space(24.0);
                });
            });
        });
}

/// The question the run is on. `locked`: a participant's run, from which nothing leads back to
/// the facilitator's screens (a self-assessment's is not locked: the person is their own
/// facilitator).
pub fn run_ui(
    ui: &mut egui::Ui,
    run: &mut Run,
    folder: &WorkshopFolder,
    locked: bool,
    commands: &mut Vec<Command>,
) {
    participant_column_ui(ui, "run", |ui| {
        question_ui(ui, run, folder, locked, commands)
    });
}

fn question_ui(
    ui: &mut egui::Ui,
    run: &mut Run,
    folder: &WorkshopFolder,
    locked: bool,
    commands: &mut Vec<Command>,
) {
    let Some((questionnaire, item)) = run.participant.current(folder) else {
        ui.heading("There are no questions to answer");
        if locked {
            ui.label("Please hand the laptop back to the facilitator.");
            return;
        }
        ui.label(
            "None of this workshop's questionnaires could be loaded (or the per-project \
             questionnaire has no projects). Check the problems listed on the Results screen.",
        );
        if ui.button("Back to Home").clicked() {
            commands.push(Command::GoHome);
        }
        return;
    };
    let project = run.participant.current_project().map(str::to_owned);
    let current = run.participant.current_answer(folder).cloned();
    if run.draft_position != Some(run.participant.position) {
        run.draft_position = Some(run.participant.position);
        run.text_draft = item.kind.typed_text(current.as_ref());
    }
    let typing = ui.ctx().egui_wants_keyboard_input();
    let now_seconds = ui.input(|input| input.time);

    // Header: where we are, and how much is left.
    let (done, total) = run.participant.progress(folder);
    let mut title = questionnaire.title.clone();
    if let Some(project) = &project {
        title = format!("{title} — {}: {project}", questionnaire.asks_per().noun());
    }
    ui.label(egui::RichText::new(title).size(BODY_SIZE).strong());
    let progress = ui.label(egui::RichText::new(progress_text(done, total)).size(BODY_SIZE));
    ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).desired_height(10.0))
        .labelled_by(progress.id);
    ui.add_space(24.0);
    ui.label(egui::RichText::new(&item.text).size(QUESTION_SIZE).strong());
    if let Some(help) = &item.help {
        ui.label(egui::RichText::new(help).size(BODY_SIZE).weak());
    }
    ui.add_space(20.0);

    let choices = choices(item);
    let multiple = item.kind.entry() == Entry::PickSeveral;
    let mut chosen: Option<Answer> = None;
    let mut advance = false;

    match &item.kind {
        ItemKind::Count { max } => {
            ui.horizontal(|ui| {
                let label =
                    ui.label(egui::RichText::new(format!("Number (0 to {max})")).size(ANSWER_SIZE));
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut run.text_draft)
                        .font(egui::FontId::proportional(ANSWER_SIZE + 4.0))
                        .desired_width(140.0),
                );
                let edit = edit.labelled_by(label.id);
                if edit.changed() {
                    run.typing
                        .typed(&run.participant, &run.text_draft, now_seconds);
                }
                if !edit.has_focus() && !typing {
                    edit.request_focus();
                }
                if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    advance = true;
                }
            });
            match item.kind.parse_typed(&run.text_draft) {
                Some(answer) if advance => chosen = Some(answer),
                Some(_) => {}
                None if !run.text_draft.trim().is_empty() => {
                    advance = false;
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Type a whole number from 0 to {max}."),
                    );
                }
                None => {}
            }
        }
        ItemKind::Text { multiline } => {
            let label = ui.label(egui::RichText::new("Your answer").size(BODY_SIZE));
            let editor = if *multiline {
                egui::TextEdit::multiline(&mut run.text_draft).desired_rows(6)
            } else {
                egui::TextEdit::singleline(&mut run.text_draft)
            };
            let edit = ui
                .add(
                    editor
                        .font(egui::FontId::proportional(BODY_SIZE + 2.0))
                        .desired_width(ui.available_width()),
                )
                .labelled_by(label.id);
            if edit.changed() {
                run.typing
                    .typed(&run.participant, &run.text_draft, now_seconds);
            }
            ui.label(
                egui::RichText::new("Saved as you type.")
                    .size(BODY_SIZE - 4.0)
                    .weak(),
            );
            if edit.lost_focus() {
                let text = run.text_draft.trim().to_owned();
                if !text.is_empty() && current != Some(Answer::Text(text.clone())) {
                    chosen = Some(Answer::Text(text));
                }
                if !*multiline && ui.input(|i| i.key_pressed(Key::Enter)) {
                    advance = true;
                }
            }
        }
        ItemKind::Scale {
            min_label,
            max_label,
            ..
        } => {
            ui.horizontal_wrapped(|ui| {
                for choice in &choices {
                    let selected = current.as_ref() == Some(&choice.answer);
                    let value = match choice.answer {
                        Answer::Value(value) => value.to_string(),
                        _ => choice.label.clone(),
                    };
                    let button = egui::Button::new(egui::RichText::new(&value).size(ANSWER_SIZE))
                        .selected(selected)
                        .min_size(egui::vec2(ANSWER_HEIGHT, ANSWER_HEIGHT));
                    if ui.add(button).on_hover_text(&choice.label).clicked() {
                        chosen = Some(choice.answer.clone());
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label(format!("{} = {min_label}", scale_end(&choices, true)));
                ui.separator();
                ui.label(format!("{} = {max_label}", scale_end(&choices, false)));
            });
            if choices.iter().any(|choice| choice.key == Some(0))
                && matches!(
                    choices.last(),
                    Some(Choice {
                        answer: Answer::Value(10),
                        ..
                    })
                )
            {
                ui.label(
                    egui::RichText::new("Keys 1 to 9 choose those values; 0 chooses 10.").weak(),
                );
            }
        }
        ItemKind::Likert { .. }
        | ItemKind::YesNo
        | ItemKind::SingleChoice { .. }
        | ItemKind::MultipleChoice { .. } => {
            for (index, choice) in choices.iter().enumerate() {
                let selected = match (&current, &choice.answer) {
                    (Some(Answer::Choices(ids)), Answer::Choice(id)) => ids.contains(id),
                    (Some(answer), _) => *answer == choice.answer,
                    _ => false,
                };
                ui.horizontal(|ui| {
                    let key = choice.key.map(|k| k.to_string()).unwrap_or_default();
                    ui.add_sized(
                        [28.0, ANSWER_HEIGHT],
                        egui::Label::new(egui::RichText::new(key).size(BODY_SIZE).weak()),
                    );
                    let button =
                        egui::Button::new(egui::RichText::new(&choice.label).size(ANSWER_SIZE))
                            .selected(selected)
                            .min_size(egui::vec2(ui.available_width(), ANSWER_HEIGHT));
                    if ui.add(button).clicked() {
                        chosen = Some(if multiple {
                            toggle(&current, &choices[index].answer)
                        } else {
                            choice.answer.clone()
                        });
                    }
                });
            }
        }
    }

    // Number keys choose.
    if !typing
        && chosen.is_none()
        && let Some(digit) = digit_pressed(ui)
        && let Some(choice) = choices.iter().find(|choice| choice.key == Some(digit))
    {
        chosen = Some(if multiple {
            toggle(&current, &choice.answer)
        } else {
            choice.answer.clone()
        });
    }

    ui.add_space(24.0);
    let mut back = false;
    let mut next = false;
    let may_continue = ui.horizontal_wrapped(|ui| {
        let big = egui::vec2(120.0, 48.0);
        let text = |text: &str| egui::RichText::new(text).size(BODY_SIZE);
        if ui
            .add_enabled(
                run.participant.has_previous(folder),
                egui::Button::new(text("Back")).min_size(big),
            )
            .clicked()
        {
            back = true;
        }
        let declined = current == Some(Answer::Declined);
        if ui
            .add(
                egui::Button::new(text("Prefer not to answer"))
                    .selected(declined)
                    .min_size(big),
            )
            .clicked()
        {
            chosen = Some(Answer::Declined);
        }
        let is_last = run.participant.is_last(folder);
        let answered = current.is_some() || chosen.is_some();
        let may_continue = answered || !item.required;
        let label = if is_last { "Finish" } else { "Next" };
        if ui
            .add_enabled(may_continue, egui::Button::new(text(label)).min_size(big))
            .clicked()
        {
            next = true;
        }
        may_continue
    });
    if !may_continue.inner {
        ui.label(
            egui::RichText::new("This question needs an answer (or “Prefer not to answer”).")
                .size(BODY_SIZE - 2.0),
        );
    }
    ui.label(
        egui::RichText::new(
            "Keys: number keys choose · Enter or right arrow: next · Backspace or left arrow: back · P: prefer not to answer",
        )
        .weak(),
    );
    if let Some(error) = &run.save_error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Your answer could not be saved: {error}. Nothing is lost from the form; try again or check the folder."),
        );
    }

    if !typing {
        ui.input(|input| {
            if input.key_pressed(Key::P) {
                chosen = Some(Answer::Declined);
            }
            if input.key_pressed(Key::Enter) || input.key_pressed(Key::ArrowRight) {
                next = true;
            }
            if input.key_pressed(Key::Backspace) || input.key_pressed(Key::ArrowLeft) {
                back = true;
            }
        });
    }

    // Text typed for a count or text item counts as given when the person moves on.
    if (next || back)
        && chosen.is_none()
        && let Some(typed) = item.kind.parse_typed(&run.text_draft)
        && current.as_ref() != Some(&typed)
    {
        chosen = Some(typed);
    }

    // A pick is the whole answer, so it moves on by itself; a typed answer is taken as the person
    // moves on anyway, and several picks wait for Next.
    let single = item.kind.entry() == Entry::PickOne;
    if let Some(answer) = chosen {
        let auto_advance = single || answer == Answer::Declined;
        let advance = (auto_advance || advance || next) && !back;
        commands.push(Command::RecordAnswer { answer, advance });
    } else if next && !back {
        commands.push(Command::NextQuestion);
    }
    if back {
        commands.push(Command::PreviousQuestion);
    }
}

/// "Question 3 of 12 · 10 left": how far the person is, and how much is still ahead of them.
fn progress_text(done: usize, total: usize) -> String {
    let left = total.saturating_sub(done);
    let left = match left {
        1 => "this is the last one".to_owned(),
        left => format!("{left} left"),
    };
    format!("Question {} of {total} · {left}", done + 1)
}

fn scale_end(choices: &[Choice], first: bool) -> String {
    let choice = if first {
        choices.first()
    } else {
        choices.last()
    };
    match choice.map(|choice| &choice.answer) {
        Some(Answer::Value(value)) => value.to_string(),
        _ => String::new(),
    }
}

fn toggle(current: &Option<Answer>, option: &Answer) -> Answer {
    let Answer::Choice(id) = option else {
        return option.clone();
    };
    let mut ids = match current {
        Some(Answer::Choices(ids)) => ids.clone(),
        _ => Vec::new(),
    };
    if let Some(position) = ids.iter().position(|existing| existing == id) {
        ids.remove(position);
    } else {
        ids.push(id.clone());
    }
    Answer::Choices(ids)
}

/// Where a participant says who they are (in the participant's column, which scrolls on a small
/// screen), with the facilitator's tools below a rule.
pub fn participant_start_ui(
    ui: &mut egui::Ui,
    draft: &mut ParticipantDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    participant_column_ui(ui, "participant_start", |ui| {
        start_form_ui(ui, draft, folder, commands);
    });
}

fn start_form_ui(
    ui: &mut egui::Ui,
    draft: &mut ParticipantDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    ui.heading(egui::RichText::new("Welcome — your answers are private").size(28.0));
    ui.label(
        "Answer one question at a time. Nobody sees your individual answers on this laptop; \
         results are only shown for the whole team (and for groups big enough to stay anonymous).",
    );
    ui.add_space(16.0);
    egui::Grid::new("participant_start")
        .num_columns(2)
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            let label = ui.label("Your name or initials");
            let edit = ui
                .add_enabled(
                    !draft.anonymous,
                    egui::TextEdit::singleline(&mut draft.label).desired_width(280.0),
                )
                .labelled_by(label.id);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                commands.push(Command::StartParticipant(draft.clone()));
            }
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut draft.anonymous, "Stay anonymous");
            ui.end_row();
            if !folder.workshop.groups.is_empty() {
                let label = ui.label("Your group");
                egui::ComboBox::from_id_salt("participant_group")
                    .selected_text(draft.group.as_deref().unwrap_or("Not saying"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.group, None, "Not saying");
                        for group in &folder.workshop.groups {
                            ui.selectable_value(&mut draft.group, Some(group.clone()), group);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
    ui.add_space(12.0);
    if ui
        .add(
            egui::Button::new(egui::RichText::new("Start").size(22.0))
                .min_size(egui::vec2(200.0, 52.0)),
        )
        .clicked()
    {
        commands.push(Command::StartParticipant(draft.clone()));
    }

    if draft.handed_over {
        // The participant has the laptop: nothing of the facilitator's below the form.
        ui.add_space(48.0);
        ui.label(egui::RichText::new(super::UNLOCK_HINT).size(13.0).weak());
        return;
    }

    projects_ui(ui, draft, folder, commands);
    super::channels::channels_hint_ui(ui, folder);

    ui.add_space(16.0);
    if ui
        .button("Open the room: everyone answers on their own phone")
        .clicked()
    {
        commands.push(Command::OpenRoom);
    }

    let finished = folder.completed().count();
    ui.add_space(24.0);
    ui.separator();
    ui.label(format!("For the facilitator: {finished} finished so far."));
    if ui
        .button("Hand the laptop to a participant")
        .on_hover_text(
            "Leaves only the form above on screen: no top bar, no messages, nothing of yours \
             until you hold Ctrl+Shift+F",
        )
        .clicked()
    {
        draft.handed_over = true;
        draft.label.clear();
        draft.anonymous = false;
        draft.group = None;
    }
    if !crate::session::discussion_prompts(folder).is_empty()
        && ui
            .button("Discussion notes…")
            .on_hover_text(
                "Take the notes of the room's discussion of the customer-dialogue prompts, \
                 with the room's ratings beside each",
            )
            .clicked()
    {
        commands.push(Command::ShowDiscussion);
    }
    ui.label(
        egui::RichText::new(format!(
            "Once a participant starts (or the laptop is handed over), only their screens are \
             shown. {}",
            super::UNLOCK_HINT
        ))
        .weak(),
    );
    let unfinished: Vec<_> = folder
        .responses
        .iter()
        .filter(|loaded| !loaded.response.is_complete())
        .collect();
    if !unfinished.is_empty() {
        ui.label("Unfinished responses (the participant can carry on where they stopped):");
        for loaded in unfinished {
            let response = &loaded.response;
            let answers: usize = response
                .sections
                .iter()
                .map(|section| section.answers.len())
                .sum();
            let who = response.label.as_deref().unwrap_or("Anonymous");
            let text = format!(
                "Resume {who} ({}, started {})",
                crate::model::text::count(answers, "answer", "answers"),
                response.started_at.format("%Y-%m-%d %H:%M")
            );
            if ui.button(text).clicked() {
                commands.push(Command::Resume(response.id.clone()));
            }
        }
    }
}

/// After the last answer. A participant's (`locked`) leads only to the next participant's locked
/// start form; the facilitator comes back with the gesture named in small print. A
/// self-assessment leads to its results.
pub fn thank_you_ui(
    ui: &mut egui::Ui,
    self_assessment: bool,
    locked: bool,
    commands: &mut Vec<Command>,
) {
    participant_column_ui(ui, "thank_you", |ui| {
        ui.add_space(32.0);
        ui.vertical_centered(|ui| {
            if self_assessment {
                ui.heading(egui::RichText::new("Thank you — your answers are saved").size(34.0));
                ui.add_space(24.0);
                if ui
                    .add(
                        egui::Button::new(egui::RichText::new("See my results").size(ANSWER_SIZE))
                            .min_size(egui::vec2(240.0, ANSWER_HEIGHT)),
                    )
                    .clicked()
                {
                    commands.push(Command::ShowResults);
                }
            } else {
                ui.heading(egui::RichText::new("Thank you — hand the laptop back").size(34.0));
                ui.add_space(12.0);
                ui.label(
                    egui::RichText::new(
                        "Your answers are saved. Hand the laptop back to the facilitator, or \
                         pass it on to the next participant.",
                    )
                    .size(BODY_SIZE + 2.0),
                );
                if locked {
                    // Passing the laptop round: the next person's form, locked like this one.
                    ui.add_space(32.0);
                    if ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new("Next participant").size(ANSWER_SIZE),
                            )
                            .min_size(egui::vec2(240.0, ANSWER_HEIGHT)),
                        )
                        .clicked()
                    {
                        commands.push(Command::NextParticipant);
                    }
                }
            }
            if locked {
                ui.add_space(48.0);
                ui.label(egui::RichText::new(super::UNLOCK_HINT).size(13.0).weak());
            }
        });
    });
}

/// For the facilitator: the projects each participant evaluates with the per-project questionnaire.
fn projects_ui(
    ui: &mut egui::Ui,
    draft: &mut ParticipantDraft,
    folder: &WorkshopFolder,
    commands: &mut Vec<Command>,
) {
    let per_project: Vec<&str> = folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|questionnaire| questionnaire.asks_per() == AskedPer::Project)
        .map(|questionnaire| questionnaire.title.as_str())
        .collect();
    if per_project.is_empty() {
        return;
    }
    ui.add_space(24.0);
    ui.separator();
    let titles = per_project.join(", ");
    if folder.workshop.projects.is_empty() {
        ui.label(format!(
            "For the facilitator: {titles} is asked once per project, and no project is listed \
             yet, so it is skipped. Add the projects the team proposes:"
        ));
    } else {
        ui.label(format!(
            "For the facilitator: {titles} is asked once for each project: {}.",
            folder.workshop.projects.join(", ")
        ));
    }
    ui.horizontal(|ui| {
        let label = ui.label("New project");
        let edit = ui
            .add(egui::TextEdit::singleline(&mut draft.new_project).desired_width(280.0))
            .labelled_by(label.id);
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if (ui.button("Add project").clicked() || enter) && !draft.new_project.trim().is_empty() {
            commands.push(Command::AddProject(std::mem::take(&mut draft.new_project)));
        }
    });
}
