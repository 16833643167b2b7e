//! The desktop window. [`App`] holds the persisted [`Settings`], the open workshop and the current
//! [`Screen`]; each screen is drawn by one `*_ui` function in its own file. Drawing code only reads
//! state, edits drafts and pushes [`Command`]s; [`App::apply`] carries them out after the frame
//! by calling the session ([`crate::session`], through the methods in `workflows.rs`), which is
//! where the disk is touched.

mod actions;
mod channels;
mod charts_cache;
mod chrome;
mod commands;
mod compare;
mod dialogs;
mod discussion;
mod entries;
mod error;
mod home;
mod paced_ui;
mod presenter;
mod results;
mod room_ui;
mod runner;
mod self_assessment;
mod tally;
mod workflows;

pub use error::AppError;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::response::Answer;
use crate::session::library::Library;
use crate::session::{self, WorkshopDraft};
use crate::storage::Problem;
use crate::storage::catalog::Catalog;
use crate::storage::folder::WorkshopFolder;
use crate::storage::paths::Paths;
use crate::storage::watch::FolderWatcher;
use chrome::{collect_dropped_files, messages_ui};

pub use crate::session::new_id;

pub use actions::ActionDraft;
pub use compare::ComparisonView;
pub use dialogs::{DialogMode, DialogPurpose, Dialogs};
pub use discussion::DiscussionView;
pub use home::NewWorkshopDraft;
pub use results::ResultsView;
pub use runner::Run;
pub use tally::TallyDraft;

/// Key under which [`Settings`] live in eframe's storage.
pub const SETTINGS_KEY: &str = "hero-readiness-settings";

/// The smallest and largest UI scale (egui zoom factor) the settings keep.
pub const UI_SCALE_RANGE: (f32, f32) = (0.75, 3.0);
pub use crate::session::DEMO_DIR;
/// How many recent workshops Home lists.
const RECENT_MAX: usize = 8;

/// The facilitator's way back from a participant's run: this key, with Ctrl and Shift (Cmd and
/// Shift on a Mac), held for [`UNLOCK_HOLD_SECONDS`]. Nothing a participant does by accident:
/// no control of the run needs Ctrl, and a press shorter than that does nothing.
pub const UNLOCK_KEY: egui::Key = egui::Key::F;
pub const UNLOCK_HOLD_SECONDS: f64 = 2.0;
/// The gesture in words, on the thank-you screen and in the README.
pub const UNLOCK_HINT: &str =
    "Facilitator: hold Ctrl+Shift+F (Cmd+Shift+F on a Mac) for 2 seconds to return.";

/// Preferences kept between runs (answers always live in workshop files, never here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// 1.0 is normal; projectors want 1.5–2.
    pub ui_scale: f32,
    /// Most recent first.
    pub recent_workshops: Vec<PathBuf>,
    /// The workshop (or self-assessment) open when the window last closed: reopened at start.
    pub last_workshop: Option<PathBuf>,
    /// Action plan edits not saved yet, by workshop folder: kept when another workshop is opened
    /// or the window closes, and given back when that workshop is opened again.
    pub unsaved_action_plans: std::collections::BTreeMap<PathBuf, KeptActionPlan>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Light,
            ui_scale: 1.0,
            recent_workshops: Vec::new(),
            last_workshop: None,
            unsaved_action_plans: std::collections::BTreeMap::new(),
        }
    }
}

/// The app's light or dark look is the charts' [`Theme`](crate::outputs::charts::Theme): one enum,
/// so the window and the charts it shows can never disagree. Stored settings read as before
/// (`Light`, `Dark`).
pub use crate::outputs::charts::Theme as ThemeChoice;

impl ThemeChoice {
    fn egui(self) -> egui::Theme {
        match self {
            Self::Light => egui::Theme::Light,
            Self::Dark => egui::Theme::Dark,
        }
    }
}

/// What fills the window.
pub enum Screen {
    Home(NewWorkshopDraft),
    /// A participant (or the individual of a self-assessment) says who they are.
    ParticipantStart(ParticipantDraft),
    Run(Run),
    /// After the last answer; shows none of the answers.
    ThankYou,
    Tally(TallyDraft),
    Results,
    Presenter {
        chart_index: usize,
    },
    /// The facilitator notes the room's discussion of the customer-dialogue prompts.
    Discussion(DiscussionView),
    /// The open room for the projector (the server is [`App::room`]).
    Room,
}

/// The participant start form.
#[derive(Debug, Clone, Default)]
pub struct ParticipantDraft {
    pub label: String,
    pub anonymous: bool,
    pub group: Option<String>,
    /// A project the facilitator is adding for the per-project (effort–value) questionnaire.
    pub new_project: String,
    /// The facilitator handed the laptop over: the form is the participant's, locked like
    /// their run (see [`App::participant_locked`]).
    pub handed_over: bool,
}

pub use commands::Command;

/// How long a message that is not an error stays in the status area.
pub const INFO_SECONDS: f64 = 8.0;

/// A message in the status area. A newer message replaces the older ones that are not errors
/// (those of the same action, such as several files dropped at once, stay together) and any message
/// about the same [`Topic`]; the rest expire after [`INFO_SECONDS`]. Errors stay until dismissed
/// or answered by a newer message about their topic, so a fixed problem never sits beside the
/// success that fixed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
    pub topic: Option<Topic>,
    /// The window's clock (seconds) when an info message goes; set when it is first drawn.
    expires_at: Option<f64>,
}

/// What a message is about, so an outcome replaces the earlier outcome of the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    ActionPlan,
    Settings,
    Compare,
    Import,
}

/// Unsaved action plan edits of a workshop, and the plan they started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptActionPlan {
    pub base: Vec<crate::model::workshop::Action>,
    pub drafts: Vec<actions::ActionDraft>,
}

/// The whole window's state.
pub struct App {
    pub settings: Settings,
    /// Where new workshops go and where the user's own questionnaires live (from `main`).
    pub paths: Paths,
    /// Bundled and user questionnaires, offered by the new-workshop form.
    pub catalog: Catalog,
    pub screen: Screen,
    pub workshop: Option<WorkshopFolder>,
    /// Whether the open workshop is a self-assessment (results read "your results").
    pub self_assessment: bool,
    pub results: ResultsView,
    /// The workshops on this machine as Home and "Compare with…" list them; read again when
    /// Home is shown or a workshop is opened or created (never while drawing).
    pub library: Library,
    pub dialogs: Dialogs,
    pub messages: Vec<Message>,
    /// The folder being watched for other programs' changes, and its watcher (`None` when
    /// watching it failed: changes then show when Results is pressed).
    watched_dir: Option<PathBuf>,
    watcher: Option<FolderWatcher>,
    commands: Vec<Command>,
    /// The room being served: open while its workshop is (see `room_ui`'s `follow_room`).
    pub room: Option<room_ui::RoomView>,
    applied_theme: Option<ThemeChoice>,
    applied_scale: Option<f32>,
    /// When (on the window's clock) the facilitator's unlock keys were first seen held.
    unlock_held_since: Option<f64>,
    /// The tally drafts while another screen shows: unsaved counts survive a look at Results.
    kept_tally: Option<TallyDraft>,
}

impl App {
    /// An app on the Home screen. `paths.data_dir` is where new workshops, self-assessments and
    /// the demo go (`None` when the platform has no such folder: the user then picks folders by
    /// path); `paths.questionnaire_dir` adds the user's own questionnaires.
    pub fn new(settings: Settings, paths: Paths) -> Self {
        let library = Library::load(paths.data_dir.as_deref(), &settings.recent_workshops);
        Self {
            settings,
            library,
            catalog: Catalog::load(None, &paths),
            paths,
            screen: Screen::Home(NewWorkshopDraft::default()),
            workshop: None,
            self_assessment: false,
            results: ResultsView::default(),
            dialogs: Dialogs::new(DialogMode::Native),
            messages: Vec::new(),
            watched_dir: None,
            watcher: None,
            commands: Vec::new(),
            room: None,
            applied_theme: None,
            applied_scale: None,
            unlock_held_since: None,
            kept_tally: None,
        }
    }

    /// The demo workshop folder, written with [`crate::inputs::demo::write_demo`] if it does not exist yet.
    pub fn ensure_demo(data_dir: &Path) -> Result<PathBuf, Problem> {
        session::ensure_demo(data_dir)
    }

    /// Queues a command, as the screens do; applied at the end of [`Self::ui`].
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Whether a participant has the window: on the start form once the facilitator handed the
    /// laptop over, during their run and on the thank-you screen of a team workshop. Nothing of
    /// the facilitator's is drawn then (no top bar, no messages, no dialogs, dropped files
    /// ignored); [`UNLOCK_KEY`] held gives the window back.
    pub fn participant_locked(&self) -> bool {
        let participants_screen = match &self.screen {
            Screen::ParticipantStart(draft) => draft.handed_over,
            Screen::Run(_) | Screen::ThankYou => true,
            Screen::Home(_)
            | Screen::Tally(_)
            | Screen::Results
            | Screen::Presenter { .. }
            | Screen::Discussion(_)
            | Screen::Room => false,
        };
        !self.self_assessment && participants_screen
    }

    /// Draws one frame, then applies the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.follow_room(ui.ctx());
        self.apply_preferences(ui.ctx());
        self.expire_messages(ui.ctx());
        self.follow_folder_changes(ui.ctx());
        let mut commands = std::mem::take(&mut self.commands);
        let locked = self.participant_locked();
        if locked {
            self.watch_unlock_gesture(ui, &mut commands);
        } else {
            self.unlock_held_since = None;
            self.dialogs.poll(&mut commands);
            collect_dropped_files(ui, &mut commands);
        }

        let presenting = matches!(self.screen, Screen::Presenter { .. });
        if !presenting && !locked {
            egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, &mut commands));
            if !self.messages.is_empty() {
                egui::Panel::bottom("messages")
                    .show(ui, |ui| messages_ui(ui, &self.messages, &mut commands));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if !locked {
                self.dialogs.fallback_ui(ui, &mut commands);
            }
            match &mut self.screen {
                Screen::Home(draft) => home::home_ui(
                    ui,
                    draft,
                    &self.library,
                    &self.catalog,
                    self.paths.data_dir.as_deref(),
                    self.dialogs.chosen_new_workshop_folder.take(),
                    &mut commands,
                ),
                Screen::ParticipantStart(draft) => {
                    if let Some(folder) = &self.workshop {
                        runner::participant_start_ui(ui, draft, folder, &mut commands);
                    }
                }
                Screen::Run(run) => {
                    if let Some(folder) = &self.workshop {
                        runner::run_ui(ui, run, folder, locked, &mut commands);
                    }
                }
                Screen::ThankYou if self.self_assessment => {
                    self_assessment::thank_you_ui(ui, self.workshop.as_ref(), &mut commands);
                }
                Screen::ThankYou => {
                    runner::thank_you_ui(ui, self.self_assessment, locked, &mut commands);
                }
                Screen::Discussion(view) => discussion::discussion_ui(ui, view, &mut commands),
                Screen::Tally(draft) => {
                    if let Some(folder) = &self.workshop {
                        tally::tally_ui(ui, draft, folder, &mut commands);
                    }
                }
                Screen::Results => {
                    if let Some(folder) = &self.workshop {
                        self.results.ensure_scored(folder);
                        if self.self_assessment {
                            // One person's results are written for them.
                            if let Some(score) = &self.results.score {
                                self_assessment::results_ui(ui, score, folder, &mut commands);
                            }
                        } else {
                            results::results_ui(
                                ui,
                                &mut self.results,
                                folder,
                                &self.library,
                                self.settings.theme,
                                &mut commands,
                            );
                        }
                    }
                }
                Screen::Presenter { chart_index } => {
                    if let Some(folder) = &self.workshop {
                        self.results.ensure_scored(folder);
                        presenter::presenter_ui(ui, &mut self.results, chart_index, &mut commands);
                    }
                }
                Screen::Room => {
                    if let (Some(view), Some(folder)) = (&mut self.room, &self.workshop) {
                        room_ui::room_ui(ui, view, folder, self.settings.theme, &mut commands);
                    }
                }
            }
        });

        if !locked {
            self.drop_hint_ui(ui);
        }
        self.save_typing_if_due(ui.ctx());
        if !commands.is_empty() {
            // The state changed after this frame was drawn: draw the next one at once.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command, ui.ctx());
        }
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        let theme = if matches!(self.screen, Screen::Presenter { .. }) {
            ThemeChoice::Dark
        } else {
            self.settings.theme
        };
        if self.applied_theme != Some(theme) {
            ctx.set_theme(theme.egui());
            self.applied_theme = Some(theme);
        }
        // Ctrl+plus/minus/0 are egui's own zoom keys: they change the zoom without a command.
        // The setting follows them, so the slider shows (and a restart keeps) the scale the
        // window and its charts are drawn at.
        if let Some(applied) = self.applied_scale {
            let zoom = ctx.zoom_factor();
            if (zoom - applied).abs() > 1e-3 {
                self.settings.ui_scale = zoom.clamp(UI_SCALE_RANGE.0, UI_SCALE_RANGE.1);
                self.applied_scale = Some(zoom);
            }
        }
        if self.applied_scale != Some(self.settings.ui_scale) {
            ctx.set_zoom_factor(self.settings.ui_scale);
            self.applied_scale = Some(self.settings.ui_scale);
        }
    }

    /// Carries out one command; every failure becomes a message naming the file concerned.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        if let Screen::Tally(draft) = &self.screen {
            // Kept in case this command leaves the tally screen.
            self.kept_tally = Some(draft.clone());
        }
        self.apply_command(command, ctx);
        if matches!(self.screen, Screen::Tally(_)) {
            self.kept_tally = None;
        }
    }

    /// Counts how long the facilitator's keys are held; once long enough, unlocks. Key repeat
    /// and other keys pressed meanwhile do not matter; letting go starts over.
    fn watch_unlock_gesture(&mut self, ui: &egui::Ui, commands: &mut Vec<Command>) {
        let (held, now) = ui.input(|input| {
            let modifiers = input.modifiers;
            let held = (modifiers.command || modifiers.ctrl)
                && modifiers.shift
                && input.keys_down.contains(&UNLOCK_KEY);
            (held, input.time)
        });
        if !held {
            self.unlock_held_since = None;
            return;
        }
        let since = *self.unlock_held_since.get_or_insert(now);
        if now - since >= UNLOCK_HOLD_SECONDS {
            self.unlock_held_since = None;
            commands.push(Command::UnlockForFacilitator);
            return;
        }
        // Held keys send no events: wake up to see the time pass.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }

    fn leave_presenter(&self, ctx: &egui::Context) {
        if matches!(self.screen, Screen::Presenter { .. }) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// What the first frame opens: `path` when one was given (`hero-readiness PATH`), else the
    /// demo with a welcome on the very first run, else the workshop open when the window last
    /// closed. Queued as commands, so it is carried out like any click.
    pub fn start_up(&mut self, path: Option<PathBuf>, first_run: bool) {
        self.push(match path {
            Some(path) => Command::OpenPath(path),
            None if first_run => Command::OpenDemoWelcome,
            None => Command::ReopenLast,
        });
    }

    /// Opens the demo workshop's results with a word of welcome: what a first run shows.
    pub fn open_demo_welcome(&mut self, ctx: &egui::Context) {
        self.apply(Command::OpenDemo, ctx);
        if self.workshop.is_some() {
            self.info(
                "Welcome! This is a demo workshop of 24 people. Press Home to run your own \
                 workshop or take the self-assessment.",
            );
        }
    }

    /// Shows an error in the status area (e.g. one met before the window opened).
    pub fn report_error(&mut self, text: impl Into<String>) {
        self.error(text);
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.say(None, text.into(), false);
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.say(None, text.into(), true);
    }

    /// An outcome about `topic`: replaces every earlier message about it.
    pub(super) fn info_about(&mut self, topic: Topic, text: impl Into<String>) {
        self.say(Some(topic), text.into(), false);
    }

    pub(super) fn error_about(&mut self, topic: Topic, text: impl Into<String>) {
        self.say(Some(topic), text.into(), true);
    }

    fn say(&mut self, topic: Option<Topic>, text: String, is_error: bool) {
        self.messages.retain(|message| {
            let same_topic = topic.is_some() && message.topic == topic;
            // Not drawn yet: said by the same action (e.g. several files dropped at once).
            let same_action = message.expires_at.is_none();
            !same_topic && (message.is_error || same_action)
        });
        self.messages.push(Message {
            text,
            is_error,
            topic,
            expires_at: None,
        });
    }

    /// Starts each new info message's clock and drops the ones whose time is up (the window is
    /// woken when the next one is due, so they go even when nobody touches it).
    fn expire_messages(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|input| input.time);
        for message in &mut self.messages {
            if !message.is_error && message.expires_at.is_none() {
                message.expires_at = Some(now + INFO_SECONDS);
            }
        }
        self.messages
            .retain(|message| message.expires_at.is_none_or(|at| at > now));
        let next = self
            .messages
            .iter()
            .filter_map(|message| message.expires_at)
            .min_by(f64::total_cmp);
        if let Some(at) = next {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((at - now).max(0.0)));
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Also called as the window closes: text typed in the last moment is written too.
        self.flush_typing();
        // The open workshop's unsaved action plan goes with the settings, so closing the window
        // (or a crash after the last periodic save) does not drop it without a word.
        let mut settings = self.settings.clone();
        if let Some((dir, kept)) = self.unsaved_action_plan() {
            settings.unsaved_action_plans.insert(dir, kept);
        }
        match ron::to_string(&settings) {
            Ok(text) => storage.set_string(SETTINGS_KEY, text),
            Err(error) => self.error(format!("Preferences could not be saved: {error}")),
        }
    }
}

/// Reads [`Settings`] from eframe's storage; `None` on the first run (or when unreadable).
pub fn load_settings(storage: Option<&dyn eframe::Storage>) -> Option<Settings> {
    storage
        .and_then(|storage| storage.get_string(SETTINGS_KEY))
        .and_then(|text| ron::from_str(&text).ok())
}
