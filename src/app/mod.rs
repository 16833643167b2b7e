//! The desktop window. [`App`] holds the persisted [`Settings`], the open workshop and the current
//! [`Screen`]; each screen is drawn by one `*_ui` function in its own file. Drawing code only reads
//! state, edits drafts and pushes [`Command`]s; [`App::apply`] carries them out after the frame
//! by calling the session ([`crate::session`], through the methods in `workflows.rs`), which is
//! where the disk is touched.

mod actions;
mod charts_cache;
mod chrome;
mod dialogs;
mod error;
mod home;
mod presenter;
mod results;
mod room_ui;
mod runner;
mod tally;
mod workflows;

pub use error::AppError;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::response::Answer;
use crate::session::{self, WorkshopDraft};
use crate::storage::Problem;
use crate::storage::catalog::Catalog;
use crate::storage::folder::WorkshopFolder;
use crate::storage::paths::Paths;
use crate::storage::watch::FolderWatcher;
use chrome::{collect_dropped_files, messages_ui};

pub use crate::session::new_id;

pub use dialogs::{DialogMode, DialogPurpose, Dialogs};
pub use home::NewWorkshopDraft;
pub use results::ResultsView;
pub use runner::Run;
pub use tally::TallyDraft;

/// Key under which [`Settings`] live in eframe's storage.
pub const SETTINGS_KEY: &str = "hero-readiness-settings";
pub use crate::session::DEMO_DIR;
/// How many recent workshops Home lists.
const RECENT_MAX: usize = 8;

/// Preferences kept between runs (answers always live in workshop files, never here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// 1.0 is normal; projectors want 1.5–2.
    pub ui_scale: f32,
    /// Most recent first.
    pub recent_workshops: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Light,
            ui_scale: 1.0,
            recent_workshops: Vec::new(),
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
}

/// Something the UI asked for, carried out by [`App::apply`] after the frame.
#[derive(Debug, Clone)]
pub enum Command {
    GoHome,
    /// Create the workshop the Home form describes (checked by the session) in `dir` (`None`:
    /// the form could not say where).
    CreateWorkshop {
        dir: Option<PathBuf>,
        draft: WorkshopDraft,
    },
    OpenWorkshop(PathBuf),
    OpenDemo,
    StartSelfAssessment,
    ImportResponse(PathBuf),
    /// A file or folder dropped on the window: a response joins the open workshop; a folder
    /// opens as a workshop.
    Dropped(PathBuf),
    /// Copy the current self-assessment's response file to this path.
    SaveResponseCopy(PathBuf),
    ShowParticipantStart,
    /// Add a project for the per-project questionnaire to the open workshop (saved at once).
    AddProject(String),
    StartParticipant(ParticipantDraft),
    Resume(String),
    /// Record an answer to the current question (written at once), then move on if `advance`.
    RecordAnswer {
        answer: Answer,
        advance: bool,
    },
    /// On to the next shown question; after the last one the response is finished.
    NextQuestion,
    PreviousQuestion,
    ShowTally,
    SubmitTally,
    /// Serve the workshop to phones on the local network and show the room screen.
    OpenRoom,
    /// Stop the room server and go back to the Participants screen.
    CloseRoom,
    ShowResults,
    ShowPresenter,
    SetGroup(Option<String>),
    SetRule(Option<String>),
    ExportChart {
        chart_index: usize,
        path: PathBuf,
    },
    ExportCsv(PathBuf),
    /// Write the one-file HTML report of the open workshop.
    ExportReport(PathBuf),
    /// Turn the rows of an exported-layout CSV file into responses of the open workshop.
    ImportCsv(PathBuf),
    /// Compare the open workshop with another wave of the same team.
    CompareWith(PathBuf),
    /// Store the edited action plan in `workshop.ron`.
    SaveActions(Vec<actions::ActionDraft>),
    /// Change the open workshop's anonymity threshold (checked, then saved in `workshop.ron`).
    SetAnonymityThreshold(usize),
    OpenDialog(DialogPurpose),
    DialogChosen(DialogPurpose, PathBuf),
    SetTheme(ThemeChoice),
    SetUiScale(f32),
    DismissMessage(usize),
}

/// A message shown in the status area until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
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
    pub dialogs: Dialogs,
    pub messages: Vec<Message>,
    /// The folder being watched for other programs' changes, and its watcher (`None` when
    /// watching it failed: changes then show when Results is pressed).
    watched_dir: Option<PathBuf>,
    watcher: Option<FolderWatcher>,
    commands: Vec<Command>,
    /// The room being served, while the room screen shows (leaving the screen closes it).
    pub room: Option<room_ui::RoomView>,
    applied_theme: Option<ThemeChoice>,
    applied_scale: Option<f32>,
}

impl App {
    /// An app on the Home screen. `paths.data_dir` is where new workshops, self-assessments and
    /// the demo go (`None` when the platform has no such folder: the user then picks folders by
    /// path); `paths.questionnaire_dir` adds the user's own questionnaires.
    pub fn new(settings: Settings, paths: Paths) -> Self {
        Self {
            settings,
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

    /// Draws one frame, then applies the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if self.room.is_some() && !matches!(self.screen, Screen::Room) {
            // Whatever left the room screen closed the room: dropping it stops the server.
            self.room = None;
        }
        self.apply_preferences(ui.ctx());
        self.follow_folder_changes(ui.ctx());
        let mut commands = std::mem::take(&mut self.commands);
        self.dialogs.poll(&mut commands);
        collect_dropped_files(ui, &mut commands);

        let presenting = matches!(self.screen, Screen::Presenter { .. });
        if !presenting {
            egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui, &mut commands));
            if !self.messages.is_empty() {
                egui::Panel::bottom("messages")
                    .show(ui, |ui| messages_ui(ui, &self.messages, &mut commands));
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.dialogs.fallback_ui(ui, &mut commands);
            match &mut self.screen {
                Screen::Home(draft) => home::home_ui(
                    ui,
                    draft,
                    &self.settings,
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
                        runner::run_ui(ui, run, folder, &mut commands);
                    }
                }
                Screen::ThankYou => runner::thank_you_ui(ui, self.self_assessment, &mut commands),
                Screen::Tally(draft) => {
                    if let Some(folder) = &self.workshop {
                        tally::tally_ui(ui, draft, folder, &mut commands);
                    }
                }
                Screen::Results => {
                    if let Some(folder) = &self.workshop {
                        self.results.ensure_scored(folder);
                        results::results_ui(
                            ui,
                            &mut self.results,
                            folder,
                            self.self_assessment,
                            self.settings.theme,
                            &mut commands,
                        );
                    }
                }
                Screen::Presenter { chart_index } => {
                    if let Some(folder) = &self.workshop {
                        self.results.ensure_scored(folder);
                        presenter::presenter_ui(ui, &mut self.results, chart_index, &mut commands);
                    }
                }
                Screen::Room => {
                    if let Some(view) = &mut self.room {
                        room_ui::room_ui(ui, view, &mut commands);
                    }
                }
            }
        });

        self.drop_hint_ui(ui);
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
        if self.applied_scale != Some(self.settings.ui_scale) {
            ctx.set_zoom_factor(self.settings.ui_scale);
            self.applied_scale = Some(self.settings.ui_scale);
        }
    }

    /// Carries out one command; every failure becomes a message naming the file concerned.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::GoHome => {
                self.leave_presenter(ctx);
                self.screen = Screen::Home(NewWorkshopDraft::default());
            }
            Command::CreateWorkshop { dir, draft } => self.create_workshop(dir, &draft),
            Command::OpenWorkshop(dir) => self.open_workshop(&dir),
            Command::OpenDemo => match &self.paths.data_dir {
                Some(data_dir) => match Self::ensure_demo(data_dir) {
                    Ok(dir) => self.open_workshop(&dir),
                    Err(problem) => self.error(problem.to_string()),
                },
                None => self.error(
                    "There is no user data folder on this system to hold the demo workshop; \
                     create one with `hero-readiness demo DIR` and open that folder.",
                ),
            },
            Command::StartSelfAssessment => self.start_self_assessment(),
            Command::ImportResponse(path) => self.import_response(&path),
            Command::Dropped(path) => {
                if self.workshop.is_none() && path.is_dir() {
                    self.open_workshop(&path);
                } else {
                    self.import_response(&path);
                }
            }
            Command::SaveResponseCopy(target) => self.save_response_copy(&target),
            Command::ShowParticipantStart => {
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                    self.screen = Screen::ParticipantStart(ParticipantDraft::default());
                }
            }
            Command::StartParticipant(draft) => self.start_participant(draft),
            Command::AddProject(name) => self.add_project(name),
            Command::Resume(response_id) => self.resume(&response_id),
            Command::RecordAnswer { answer, advance } => self.record_answer(answer, advance),
            Command::NextQuestion => self.next_question(),
            Command::PreviousQuestion => {
                if let (Some(folder), Screen::Run(run)) = (&self.workshop, &mut self.screen) {
                    run.participant.back(folder);
                }
            }
            Command::ShowTally => {
                if let Some(folder) = &self.workshop {
                    self.screen = Screen::Tally(TallyDraft::new(folder));
                }
            }
            Command::SubmitTally => self.submit_tally(),
            Command::OpenRoom => {
                if let Some(folder) = &self.workshop {
                    match room_ui::RoomView::open(folder) {
                        Ok(view) => {
                            self.room = Some(view);
                            self.screen = Screen::Room;
                        }
                        Err(error) => self.error(format!("The room could not open: {error}")),
                    }
                }
            }
            Command::CloseRoom => {
                self.room = None;
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                }
                self.screen = Screen::ParticipantStart(ParticipantDraft::default());
            }
            Command::ShowResults => {
                self.leave_presenter(ctx);
                if let Some(folder) = &mut self.workshop {
                    folder.reload_responses();
                    self.results.invalidate();
                    self.screen = Screen::Results;
                }
            }
            Command::ShowPresenter => {
                if self.workshop.is_some() {
                    self.screen = Screen::Presenter { chart_index: 0 };
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                }
            }
            Command::SetGroup(group) => self.results.set_group(group),
            Command::SetRule(rule) => self.results.set_rule(rule),
            Command::ExportChart { chart_index, path } => {
                match self.results.export_chart(chart_index, &path) {
                    Ok(()) => self.info(format!("Chart saved to {}", path.display())),
                    Err(error) => self.error(error.to_string()),
                }
            }
            Command::ExportCsv(path) => match &self.workshop {
                Some(folder) => match crate::outputs::export::export_csv(folder, &path) {
                    Ok(files) => self.info(format!(
                        "CSV saved: {}, {} and {}",
                        files.answers.display(),
                        files.projects.display(),
                        files.codebook.display()
                    )),
                    Err(problem) => self.error(problem.to_string()),
                },
                None => self.error("Open a workshop before exporting."),
            },
            Command::ExportReport(path) => match &self.workshop {
                Some(folder) => match session::export_report(folder, &path) {
                    Ok(()) => self.info(format!("Report saved to {}", path.display())),
                    Err(error) => self.error(error.to_string()),
                },
                None => self.error("Open a workshop before exporting."),
            },
            Command::ImportCsv(path) => self.import_csv(&path),
            Command::SaveActions(drafts) => self.save_actions(&drafts),
            Command::SetAnonymityThreshold(threshold) => self.set_anonymity_threshold(threshold),
            Command::CompareWith(path) => self.compare_with(&path),
            Command::OpenDialog(purpose) => {
                let start_dir = self
                    .workshop
                    .as_ref()
                    .map(|folder| folder.dir.clone())
                    .or_else(|| self.paths.data_dir.clone());
                self.dialogs.open(purpose, start_dir, ctx);
            }
            Command::DialogChosen(purpose, path) => {
                if let Some(command) = purpose.command_for(path) {
                    self.apply(command, ctx);
                }
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetUiScale(scale) => self.settings.ui_scale = scale.clamp(0.75, 3.0),
            Command::DismissMessage(index) => {
                if index < self.messages.len() {
                    self.messages.remove(index);
                }
            }
        }
    }

    fn leave_presenter(&self, ctx: &egui::Context) {
        if matches!(self.screen, Screen::Presenter { .. }) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
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
        self.messages.push(Message {
            text: text.into(),
            is_error: false,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.messages.push(Message {
            text: text.into(),
            is_error: true,
        });
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        match ron::to_string(&self.settings) {
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
