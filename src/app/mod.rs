//! The desktop window. [`App`] holds the persisted [`Settings`], the open workshop and the current
//! [`Screen`]; each screen is drawn by one `*_ui` function in its own file. Drawing code only reads
//! state, edits drafts and pushes [`Command`]s; [`App::apply`] carries them out after the frame,
//! and is the only place that touches the disk.

mod actions;
mod charts_cache;
mod dialogs;
mod error;
mod home;
mod presenter;
mod results;
mod runner;
mod tally;

pub use error::AppError;

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::model::response::Response;
use crate::model::workshop::{SettingsChange, Workshop};
use crate::storage::catalog::Catalog;
use crate::storage::folder::{SaveWorkshopError, WorkshopFolder, WorkshopSaved};
use crate::storage::paths::Paths;
use crate::storage::watch::FolderWatcher;
use crate::storage::{self, Problem};

pub use dialogs::{DialogMode, DialogPurpose, Dialogs};
pub use home::NewWorkshopDraft;
pub use results::ResultsView;
pub use runner::Run;
pub use tally::TallyDraft;

/// Key under which [`Settings`] live in eframe's storage.
pub const SETTINGS_KEY: &str = "hero-readiness-settings";
/// Folder name of the demo workshop inside the user data folder.
pub const DEMO_DIR: &str = "demo-workshop";
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
    CreateWorkshop {
        dir: PathBuf,
        workshop: Box<Workshop>,
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
    /// The runner's draft response changed: write it to disk now.
    SaveAnswer,
    FinishResponse,
    ShowTally,
    SubmitTally,
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
            applied_theme: None,
            applied_scale: None,
        }
    }

    /// The demo workshop folder, written with [`crate::inputs::demo::write_demo`] if it does not exist yet.
    pub fn ensure_demo(data_dir: &Path) -> Result<PathBuf, Problem> {
        let dir = data_dir.join(DEMO_DIR);
        if !dir.join(crate::storage::folder::WORKSHOP_FILE).exists() {
            crate::inputs::demo::write_demo(&dir, crate::inputs::demo::DEFAULT_PARTICIPANTS, 2010)?;
        }
        Ok(dir)
    }

    /// Queues a command, as the screens do; applied at the end of [`Self::ui`].
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Draws one frame, then applies the commands it produced.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
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

    /// Keeps a watcher on the open workshop folder and, once changes made by other programs have
    /// settled, brings the workshop up to date (the watcher wakes the window, so this runs within
    /// about half a second of the last change even when nobody touches the app).
    fn follow_folder_changes(&mut self, ctx: &egui::Context) {
        let dir = self.workshop.as_ref().map(|folder| folder.dir.clone());
        if self.watched_dir != dir {
            self.watcher = None;
            if let Some(dir) = &dir {
                let waker = ctx.clone();
                match FolderWatcher::new(dir, move |delay| waker.request_repaint_after(delay)) {
                    Ok(watcher) => self.watcher = Some(watcher),
                    Err(error) => self.error(format!(
                        "{}: changes other programs make here are not noticed while it is open \
                         ({error}); press Results to see them",
                        dir.display()
                    )),
                }
            }
            self.watched_dir = dir;
        }
        let (Some(watcher), Some(folder)) = (&self.watcher, &mut self.workshop) else {
            return;
        };
        let Some(paths) = watcher.take_settled(std::time::Instant::now()) else {
            return;
        };
        let changes = folder.refresh(&paths);
        if changes.workshop {
            // Unedited drafts follow the file; edited ones are merged with it when saved.
            let base_drafts: Vec<actions::ActionDraft> = self
                .results
                .action_drafts_base
                .iter()
                .map(actions::ActionDraft::from_action)
                .collect();
            let unedited = self
                .results
                .action_drafts
                .as_ref()
                .is_none_or(|drafts| *drafts == base_drafts);
            if unedited {
                self.results.action_drafts = None;
            }
        }
        if changes.any() {
            self.results.invalidate();
        }
        if let Some(problem) = changes.workshop_problem {
            self.error(format!(
                "{problem} (another program changed it; the window keeps the settings it had)"
            ));
        }
    }

    /// While files are dragged over the window, says what dropping them will do.
    fn drop_hint_ui(&self, ui: &egui::Ui) {
        let hovering = ui.input(|input| !input.raw.hovered_files.is_empty());
        if !hovering {
            return;
        }
        let text = match &self.workshop {
            Some(folder) => format!(
                "Drop response files to add them to “{}”",
                folder.workshop.title
            ),
            None => "Drop a workshop folder to open it".to_owned(),
        };
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_hint"),
        ));
        let rect = ui.ctx().content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            text,
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
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

    fn top_bar_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("HERO Readiness");
            ui.separator();
            if ui.button("Home").clicked() {
                commands.push(Command::GoHome);
            }
            if let Some(folder) = &self.workshop {
                ui.separator();
                ui.label(egui::RichText::new(&folder.workshop.title).strong());
                if !self.self_assessment {
                    if ui.button("Participants").clicked() {
                        commands.push(Command::ShowParticipantStart);
                    }
                    if ui.button("Tally").clicked() {
                        commands.push(Command::ShowTally);
                    }
                }
                if ui.button("Results").clicked() {
                    commands.push(Command::ShowResults);
                }
                if !self.self_assessment && ui.button("Present").clicked() {
                    commands.push(Command::ShowPresenter);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                settings_ui(ui, &self.settings, commands);
            });
        });
    }

    /// Carries out one command; every failure becomes a message naming the file concerned.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::GoHome => {
                self.leave_presenter(ctx);
                self.screen = Screen::Home(NewWorkshopDraft::default());
            }
            Command::CreateWorkshop { dir, workshop } => {
                match WorkshopFolder::create_with(&dir, *workshop, &self.paths) {
                    Ok(folder) => {
                        self.set_workshop(folder, false);
                        self.screen = Screen::ParticipantStart(ParticipantDraft::default());
                        self.info(format!("Workshop created in {}", dir.display()));
                    }
                    Err(problem) => self.error(problem.to_string()),
                }
            }
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
            Command::SaveAnswer => self.save_answer(),
            Command::FinishResponse => self.finish_response(),
            Command::ShowTally => {
                if let Some(folder) = &self.workshop {
                    self.screen = Screen::Tally(TallyDraft::new(folder));
                }
            }
            Command::SubmitTally => self.submit_tally(),
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
                Some(folder) => {
                    let options = crate::outputs::report::ReportOptions {
                        show_labels: folder.workshop.show_labels_in_report,
                    };
                    let html = crate::outputs::report::report_for(folder, &options);
                    match crate::storage::write_atomic(
                        &path,
                        html.as_bytes(),
                        crate::storage::Durability::Synced,
                    ) {
                        Ok(()) => self.info(format!("Report saved to {}", path.display())),
                        Err(error) => self.error(format!(
                            "{}: could not write the report: {error}; choose another folder",
                            path.display()
                        )),
                    }
                }
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

    fn info(&mut self, text: impl Into<String>) {
        self.messages.push(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.messages.push(Message {
            text: text.into(),
            is_error: true,
        });
    }

    fn set_workshop(&mut self, folder: WorkshopFolder, self_assessment: bool) {
        if !self_assessment {
            let dir = folder.dir.clone();
            self.settings
                .recent_workshops
                .retain(|recent| recent != &dir);
            self.settings.recent_workshops.insert(0, dir);
            self.settings.recent_workshops.truncate(RECENT_MAX);
        }
        self.workshop = Some(folder);
        self.self_assessment = self_assessment;
        self.results = ResultsView::default();
    }

    fn open_workshop(&mut self, dir: &Path) {
        match WorkshopFolder::open_with(dir, &self.paths) {
            Ok(folder) => {
                self.set_workshop(folder, false);
                self.screen = Screen::Results;
            }
            Err(problem) => self.error(format!(
                "{problem} (choose a folder that holds a workshop.ron)"
            )),
        }
    }

    fn import_response(&mut self, path: &Path) {
        let Some(folder) = &mut self.workshop else {
            self.error(format!(
                "{}: open a workshop first, then drop response files on the window to add them",
                path.display()
            ));
            return;
        };
        match folder.import_response_file(path) {
            Ok(saved) => {
                self.results.invalidate();
                self.info(format!(
                    "Added {} to the workshop as {}",
                    path.display(),
                    saved.display()
                ));
            }
            Err(problem) => self.error(problem.to_string()),
        }
    }

    fn compare_with(&mut self, other: &Path) {
        let Some(folder) = &self.workshop else {
            self.error("Open a workshop before comparing it with another.");
            return;
        };
        let other_folder = match WorkshopFolder::open_with(other, &self.paths) {
            Ok(other_folder) => other_folder,
            Err(problem) => {
                self.error(format!(
                    "{problem}; choose a workshop folder to compare with"
                ));
                return;
            }
        };
        // Older wave first, so changes read as "since then".
        let mut waves = vec![other_folder, folder.clone()];
        waves.sort_by_key(|wave| wave.workshop.date);
        let options = crate::analysis::waves::CompareOptions {
            rule: self.results.rule.clone(),
            group: None,
        };
        match crate::analysis::waves::compare(&waves, &options) {
            Ok(comparison) => {
                self.results.comparison =
                    Some(crate::analysis::waves::comparison_table(&comparison));
                self.info(format!("Compared with {}", other.display()));
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    fn save_actions(&mut self, drafts: &[actions::ActionDraft]) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before editing its action plan.");
            return;
        };
        let actions = match actions::actions_from_drafts(drafts) {
            Ok(actions) => actions,
            Err(message) => {
                self.error(message);
                return;
            }
        };
        // The drafts may predate a change the watcher brought in: merge from what they started as.
        let drafts_base = match self.results.action_drafts {
            Some(_) => &self.results.action_drafts_base,
            None => &folder.workshop.actions,
        };
        let merged = match crate::model::workshop::merge_action_lists(
            drafts_base,
            &actions,
            &folder.workshop.actions,
        ) {
            Ok(merged) => merged,
            Err(conflicts) => {
                let conflict = crate::storage::folder::WorkshopConflict {
                    path: folder.dir.join(crate::storage::folder::WORKSHOP_FILE),
                    conflicts,
                };
                self.workshop_save_failed(SaveWorkshopError::Conflict(conflict));
                return;
            }
        };
        let merged_here = merged != actions;
        let previous = std::mem::replace(&mut folder.workshop.actions, merged);
        match folder.save_workshop() {
            Ok(saved) => {
                let count = folder.workshop.actions.len();
                self.results.action_drafts = None;
                if merged_here || saved == WorkshopSaved::Merged {
                    self.results.invalidate();
                    self.info(format!(
                        "Action plan saved ({count} actions), together with changes made \
                         elsewhere meanwhile"
                    ));
                } else {
                    self.info(format!("Action plan saved ({count} actions)"));
                }
            }
            Err(error) => {
                // Keep memory and disk in step: the file still holds the previous plan.
                folder.workshop.actions = previous;
                self.workshop_save_failed(error);
            }
        }
    }

    fn set_anonymity_threshold(&mut self, threshold: usize) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before changing its settings.");
            return;
        };
        let change = SettingsChange {
            anonymity_threshold: Some(threshold),
            ..SettingsChange::default()
        };
        match folder.update_settings(&change) {
            Ok(warnings) => {
                self.results.invalidate();
                self.info(format!("Anonymity threshold set to {threshold} and saved"));
                for warning in warnings {
                    self.info(home::sentence(&warning));
                }
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    /// Reports a failed `workshop.ron` save; after a conflict the window shows the file as it is
    /// now, so the user can make their change again on top of the other one.
    fn workshop_save_failed(&mut self, error: SaveWorkshopError) {
        if let (SaveWorkshopError::Conflict(_), Some(folder)) = (&error, &mut self.workshop) {
            match folder.reload_workshop() {
                Ok(_) => {
                    self.results.action_drafts = None;
                    self.results.invalidate();
                    self.error(format!(
                        "{error} The window now shows the current workshop."
                    ));
                }
                Err(problem) => self.error(format!("{error} ({problem})")),
            }
            return;
        }
        self.error(error.to_string());
    }

    fn import_csv(&mut self, path: &Path) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before importing answers.");
            return;
        };
        match crate::inputs::import::import_csv(folder, path) {
            Ok(report) => {
                self.results.invalidate();
                let skipped = report.problems.len() + report.write_failures.len();
                let message = format!(
                    "Imported {} responses from {}; {} already present{}",
                    report.written.len(),
                    path.display(),
                    report.already_present.len(),
                    if skipped == 0 {
                        String::new()
                    } else {
                        format!("; {skipped} problems, first: {}", first_problem(&report))
                    }
                );
                if skipped == 0 {
                    self.info(message);
                } else {
                    self.error(message);
                }
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    fn save_response_copy(&mut self, target: &Path) {
        let Some(source) = self
            .workshop
            .as_ref()
            .and_then(|folder| folder.responses.first())
            .map(|loaded| loaded.response.clone())
        else {
            self.error("There is no response to save yet.");
            return;
        };
        match storage::save_ron(target, &source) {
            Ok(()) => self.info(format!(
                "Your response was saved to {}; give this file to your facilitator",
                target.display()
            )),
            Err(problem) => self.error(problem.to_string()),
        }
    }

    fn start_self_assessment(&mut self) {
        let Some(data_dir) = self.paths.data_dir.clone() else {
            self.error("There is no user data folder on this system to keep a self-assessment in.");
            return;
        };
        let id = new_id();
        let today = Utc::now().date_naive();
        let dir = data_dir
            .join("self-assessments")
            .join(format!("{today}-{id}"));
        let mut workshop = Workshop::new("My self-assessment", today);
        let catalog = crate::storage::catalog::Catalog::load(None, &self.paths);
        workshop.questionnaires = catalog
            .entries
            .iter()
            .filter(|entry| {
                !entry.questionnaire.per_project
                    && entry.questionnaire.id != "customer-dialogue"
                    && workshop.questionnaires.contains(&entry.questionnaire.id)
            })
            .map(|entry| entry.questionnaire.id.clone())
            .collect();
        workshop.self_assessment = true;
        match WorkshopFolder::create_with(&dir, workshop, &self.paths) {
            Ok(folder) => {
                self.set_workshop(folder, true);
                self.start_participant(ParticipantDraft {
                    anonymous: true,
                    ..ParticipantDraft::default()
                });
            }
            Err(problem) => self.error(problem.to_string()),
        }
    }

    fn add_project(&mut self, name: String) {
        let Some(folder) = &mut self.workshop else {
            return;
        };
        let name = name.trim().to_owned();
        if name.is_empty() || folder.workshop.projects.contains(&name) {
            return;
        }
        folder.workshop.projects.push(name.clone());
        match folder.save_workshop() {
            Ok(_) => {
                self.results.invalidate();
                self.info(format!(
                    "Project “{name}” added; the next participants evaluate it"
                ));
            }
            Err(error) => {
                folder.workshop.projects.retain(|project| project != &name);
                self.workshop_save_failed(error);
            }
        }
    }

    fn start_participant(&mut self, draft: ParticipantDraft) {
        let Some(folder) = &self.workshop else {
            return;
        };
        let label = (!draft.anonymous)
            .then(|| draft.label.trim().to_owned())
            .filter(|label| !label.is_empty());
        let id = new_id();
        let response = Response::new(id, label, draft.group);
        self.screen = Screen::Run(Run::new(folder, response));
    }

    fn resume(&mut self, response_id: &str) {
        let Some(folder) = &self.workshop else {
            return;
        };
        let Some(loaded) = folder
            .responses
            .iter()
            .find(|loaded| loaded.response.id == response_id)
        else {
            self.error(format!(
                "The response {response_id} is no longer in the workshop folder."
            ));
            return;
        };
        let mut run = Run::new(folder, loaded.response.clone());
        run.skip_to_first_unanswered(folder);
        self.screen = Screen::Run(run);
    }

    fn save_answer(&mut self) {
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        match folder.save_response(&run.response) {
            Ok(path) => {
                run.saved_path = Some(path);
                run.save_error = None;
                self.results.invalidate();
            }
            Err(problem) => run.save_error = Some(problem.to_string()),
        }
    }

    fn finish_response(&mut self) {
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        run.response.completed_at = Some(Utc::now());
        match folder.save_response(&run.response) {
            Ok(_) => {
                self.results.invalidate();
                self.screen = Screen::ThankYou;
            }
            Err(problem) => {
                run.response.completed_at = None;
                run.save_error = Some(problem.to_string());
            }
        }
    }

    fn submit_tally(&mut self) {
        let (Some(folder), Screen::Tally(draft)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        let result = draft.tally.save(folder, new_id);
        // Even a failed save may have written some of the room's responses.
        self.results.invalidate();
        match result {
            Ok(saved) => {
                self.screen = Screen::Results;
                self.info(format!(
                    "Tally saved for a room of {} people{}",
                    saved.people,
                    if saved.replaced {
                        "; it replaces this room's earlier tally of the questionnaire"
                    } else {
                        ""
                    }
                ));
            }
            Err(error) => draft.error = Some(error.to_string()),
        }
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

/// A fresh short response id, seeded from the clock and a counter (ids only need to be unique
/// within a workshop, and file names carry them, so a collision would be visible, not silent).
pub fn new_id() -> String {
    use rand::SeedableRng;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos() as u64);
    let seed = nanos
        ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32)
        ^ u64::from(std::process::id());
    storage::short_id(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed))
}

fn collect_dropped_files(ui: &egui::Ui, commands: &mut Vec<Command>) {
    let dropped: Vec<PathBuf> = ui.input(|input| {
        input
            .raw
            .dropped_files
            .iter()
            .map(|file| file.path().to_path_buf())
            .collect()
    });
    commands.extend(dropped.into_iter().map(Command::Dropped));
}

fn settings_ui(ui: &mut egui::Ui, settings: &Settings, commands: &mut Vec<Command>) {
    let mut scale = settings.ui_scale;
    let response = ui.add(
        egui::Slider::new(&mut scale, 0.75..=3.0)
            .step_by(0.25)
            .text("UI scale"),
    );
    if response.drag_stopped() || (response.changed() && !response.dragged()) {
        commands.push(Command::SetUiScale(scale));
    }
    let dark = settings.theme == ThemeChoice::Dark;
    let label = if dark { "Light theme" } else { "Dark theme" };
    if ui.button(label).clicked() {
        commands.push(Command::SetTheme(if dark {
            ThemeChoice::Light
        } else {
            ThemeChoice::Dark
        }));
    }
}

fn messages_ui(ui: &mut egui::Ui, messages: &[Message], commands: &mut Vec<Command>) {
    for (index, message) in messages.iter().enumerate().rev().take(4) {
        ui.horizontal(|ui| {
            if ui.button("Dismiss").clicked() {
                commands.push(Command::DismissMessage(index));
            }
            let text = egui::RichText::new(&message.text);
            if message.is_error {
                ui.label(text.color(ui.visuals().error_fg_color));
            } else {
                ui.label(text);
            }
        });
    }
}

/// The first row or write problem of an import, for the status line.
fn first_problem(report: &crate::inputs::import::ImportReport) -> String {
    report
        .problems
        .first()
        .map(ToString::to_string)
        .or_else(|| report.write_failures.first().map(ToString::to_string))
        .unwrap_or_default()
}
