//! What the window's commands do: each `App` method here turns a command into one session call
//! (see [`crate::session`]) and the call's result into a screen change or a status message. No
//! workflow is carried out here; no drawing either.

use std::path::{Path, PathBuf};

use super::{
    App, DialogPurpose, KeptActionPlan, ParticipantDraft, RECENT_MAX, ResultsView, Run, Screen,
    Topic, actions,
};
use crate::model::response::Answer;
use crate::model::text;
use crate::model::workshop::SettingsChange;
use crate::session::library::Library;
use crate::session::{self, Moved, Participant, ParticipantRun, SessionError, WorkshopDraft};
use crate::storage;
use crate::storage::folder::{SaveWorkshopError, WorkshopFolder};
use crate::storage::watch::FolderWatcher;

impl App {
    /// Keeps a watcher on the open workshop folder and, once changes made by other programs have
    /// settled, brings the workshop up to date (the watcher wakes the window, so this runs within
    /// about half a second of the last change even when nobody touches the app).
    pub(super) fn follow_folder_changes(&mut self, ctx: &egui::Context) {
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
            let follow_room = self.results_follow_room();
            match &mut self.room {
                // The room's own answers arrive this way too: re-scored on its beat, not twice.
                Some(view) if follow_room => view.stale = true,
                _ => self.results.invalidate(),
            }
        }
        if let Some(problem) = changes.workshop_problem {
            self.error(format!(
                "{problem} (another program changed it; the window keeps the settings it had)"
            ));
        }
    }

    pub(super) fn set_workshop(&mut self, folder: WorkshopFolder, self_assessment: bool) {
        self.keep_unsaved_action_plan();
        if !self_assessment {
            let dir = folder.dir.clone();
            self.settings
                .recent_workshops
                .retain(|recent| recent != &dir);
            self.settings.recent_workshops.insert(0, dir);
            self.settings.recent_workshops.truncate(RECENT_MAX);
        }
        let kept = self.settings.unsaved_action_plans.remove(&folder.dir);
        self.settings.last_workshop = Some(folder.dir.clone());
        self.workshop = Some(folder);
        self.self_assessment = self_assessment;
        self.results = ResultsView::default();
        self.refresh_library();
        if let Some(kept) = kept {
            // Saving merges from the plan the edits started on, as it would have before.
            self.results.action_drafts_base = kept.base;
            self.results.action_drafts = Some(kept.drafts);
            self.info_about(
                Topic::ActionPlan,
                "Your unsaved changes to this workshop's action plan are back; press \
                 Save action plan to keep them.",
            );
        }
    }

    /// Before another workshop replaces the open one: its action plan edits, if any are unsaved,
    /// are kept for when it is opened again (never dropped without a word).
    fn keep_unsaved_action_plan(&mut self) {
        let Some((dir, kept)) = self.unsaved_action_plan() else {
            return;
        };
        let title = self
            .workshop
            .as_ref()
            .map(|folder| folder.workshop.title.clone())
            .unwrap_or_default();
        self.settings.unsaved_action_plans.insert(dir, kept);
        self.info_about(
            Topic::ActionPlan,
            format!(
                "The action plan of “{title}” has unsaved changes; they are kept and come back \
                 when you open it again."
            ),
        );
    }

    /// The open workshop's action plan edits, when some are not saved.
    pub(super) fn unsaved_action_plan(&self) -> Option<(PathBuf, KeptActionPlan)> {
        let folder = self.workshop.as_ref()?;
        let drafts = self.results.action_drafts.as_ref()?;
        actions::has_unsaved_edits(drafts, &self.results.action_drafts_base).then(|| {
            (
                folder.dir.clone(),
                KeptActionPlan {
                    base: self.results.action_drafts_base.clone(),
                    drafts: drafts.clone(),
                },
            )
        })
    }

    /// Lists the workshops on this machine again (after one was created, opened or left).
    pub(super) fn refresh_library(&mut self) {
        self.library = Library::load(
            self.paths.data_dir.as_deref(),
            &self.settings.recent_workshops,
        );
    }

    /// Opens what `hero-readiness PATH` names: a folder as a workshop, a response file as
    /// [`session::library::folder_for_response_file`] decides (its workshop, or that person's
    /// results as a self-assessment).
    pub(super) fn open_path(&mut self, path: &Path) {
        if path.is_dir() {
            self.open_workshop(path);
            return;
        }
        match session::library::folder_for_response_file(
            self.paths.data_dir.as_deref(),
            path,
            &self.catalog,
        ) {
            Ok(dir) => {
                self.open_workshop(&dir);
                if self
                    .workshop
                    .as_ref()
                    .is_some_and(|folder| folder.dir == dir)
                {
                    self.info(format!("Opened {} from {}", path.display(), dir.display()));
                }
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    /// Where a dialog for `purpose` starts (the path field shows it, with the default file name
    /// of a save): never a path that would be refused. A new workshop's folder is the one the
    /// form derives from its title; comparing starts beside the open workshop, not in it; opening
    /// starts in the workshops folder; the rest start in the open workshop's folder.
    pub(super) fn dialog_start(&self, purpose: &DialogPurpose) -> Option<PathBuf> {
        let data_dir = self.paths.data_dir.as_deref();
        let workshop_dir = self.workshop.as_ref().map(|folder| folder.dir.clone());
        let workshops_dir = data_dir.map(|dir| dir.join(session::library::WORKSHOPS_DIR));
        match purpose {
            DialogPurpose::NewWorkshopFolder => match &self.screen {
                Screen::Home(draft) => draft.target_dir(data_dir, &self.library.taken_names),
                _ => workshops_dir,
            },
            DialogPurpose::OpenWorkshop => workshops_dir
                .filter(|dir| dir.is_dir())
                .or_else(|| data_dir.map(Path::to_path_buf)),
            DialogPurpose::CompareWith => workshop_dir
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .or(workshops_dir),
            DialogPurpose::ImportResponse
            | DialogPurpose::SaveResponseCopy
            | DialogPurpose::ExportChart { .. }
            | DialogPurpose::ExportCsv
            | DialogPurpose::ExportReport
            | DialogPurpose::ImportCsv => workshop_dir.or_else(|| data_dir.map(Path::to_path_buf)),
        }
    }

    /// Reopens the workshop open when the window last closed; says so when it has gone.
    pub(super) fn reopen_last(&mut self) {
        let Some(dir) = self.settings.last_workshop.clone() else {
            return;
        };
        if dir.join(storage::folder::WORKSHOP_FILE).is_file() {
            self.open_workshop(&dir);
        } else {
            self.settings.last_workshop = None;
            self.info(format!(
                "The workshop open last time ({}) is no longer there.",
                dir.display()
            ));
        }
    }

    pub(super) fn open_workshop(&mut self, dir: &Path) {
        match WorkshopFolder::open_with(dir, &self.paths) {
            Ok(folder) => {
                let self_assessment = folder.workshop.self_assessment;
                self.set_workshop(folder, self_assessment);
                self.screen = Screen::Results;
            }
            Err(problem) => self.error(format!(
                "{problem} (choose a folder that holds a workshop.ron)"
            )),
        }
    }

    pub(super) fn import_response(&mut self, path: &Path) {
        let Some(folder) = &mut self.workshop else {
            self.error(format!(
                "{}: open a workshop first, then drop response files on the window to add them",
                path.display()
            ));
            return;
        };
        match session::import_response_file(folder, path) {
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

    pub(super) fn compare_with(&mut self, other: &Path) {
        let Some(folder) = &self.workshop else {
            self.error("Open a workshop before comparing it with another.");
            return;
        };
        if same_folder(&folder.dir, other) {
            self.error_about(
                Topic::Compare,
                format!(
                    "{} is the workshop that is open; choose another workshop to compare it with",
                    other.display()
                ),
            );
            return;
        }
        // Both waves under this workshop's one rule.
        let rule = Some(folder.workshop.rule.clone());
        match session::compare_with(folder, other, rule) {
            Ok(comparison) => {
                self.results.comparison = Some(super::compare::ComparisonView::new(&comparison));
                self.info_about(Topic::Compare, format!("Compared with {}", other.display()));
            }
            Err(error) => self.error_about(Topic::Compare, error.to_string()),
        }
    }

    pub(super) fn save_actions(&mut self, drafts: &[actions::ActionDraft]) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before editing its action plan.");
            return;
        };
        let actions = match actions::actions_from_drafts(drafts) {
            Ok(actions) => actions,
            Err(message) => {
                self.error_about(Topic::ActionPlan, message);
                return;
            }
        };
        // The drafts may predate a change the watcher brought in: merge from what they started as.
        let base = match self.results.action_drafts {
            Some(_) => self.results.action_drafts_base.clone(),
            None => folder.workshop.actions.clone(),
        };
        match session::save_action_plan(folder, &base, actions) {
            Ok(saved) => {
                self.results.action_drafts = None;
                let count = saved.count;
                if saved.merged {
                    self.results.invalidate();
                    self.info_about(Topic::ActionPlan, format!(
                        "Action plan saved ({}), together with changes made elsewhere meanwhile",
                        text::count(count, "action", "actions")
                    ));
                } else {
                    self.info_about(
                        Topic::ActionPlan,
                        format!(
                            "Action plan saved ({})",
                            text::count(count, "action", "actions")
                        ),
                    );
                }
            }
            Err(error) => {
                // Clears the plan's earlier outcome; the failure itself is reported below.
                self.messages
                    .retain(|message| message.topic != Some(Topic::ActionPlan));
                self.session_failed(error);
            }
        }
    }

    pub(super) fn set_channels(&mut self, channels: Vec<String>) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before changing its settings.");
            return;
        };
        let change = SettingsChange {
            channels: Some(channels),
            ..SettingsChange::default()
        };
        match session::update_settings(folder, &change) {
            Ok(_) => {
                self.results.invalidate();
                let channels = folder.workshop.channels.clone();
                self.info(if channels.is_empty() {
                    "Channels cleared and saved".to_owned()
                } else {
                    format!("Channels saved: {}", channels.join(", "))
                });
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    pub(super) fn set_anonymity_threshold(&mut self, threshold: usize) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before changing its settings.");
            return;
        };
        let change = SettingsChange {
            anonymity_threshold: Some(threshold),
            ..SettingsChange::default()
        };
        match session::update_settings(folder, &change) {
            Ok(warnings) => {
                self.results.invalidate();
                let mut text = format!("Anonymity threshold set to {threshold} and saved.");
                for warning in warnings {
                    text.push(' ');
                    text.push_str(&session::sentence(&warning));
                }
                self.info_about(Topic::Settings, text);
            }
            Err(error) => self.error_about(Topic::Settings, error.to_string()),
        }
    }

    /// Reports a failed session call; a failed `workshop.ron` save as [`Self::workshop_save_failed`].
    pub(super) fn session_failed(&mut self, error: SessionError) {
        match error {
            SessionError::Workshop(error) => self.workshop_save_failed(error),
            error => self.error(error.to_string()),
        }
    }

    /// Reports a failed `workshop.ron` save; after a conflict the window shows the file as it is
    /// now, so the user can make their change again on top of the other one.
    pub(super) fn workshop_save_failed(&mut self, error: SaveWorkshopError) {
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

    pub(super) fn import_csv(&mut self, path: &Path) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before importing answers.");
            return;
        };
        match session::import_csv(folder, path) {
            Ok(report) => {
                self.results.invalidate();
                let skipped = report.problems.len() + report.write_failures.len();
                let message = format!(
                    "Imported {} from {}; {} already present{}",
                    text::count(report.written.len(), "response", "responses"),
                    path.display(),
                    report.already_present.len(),
                    if skipped == 0 {
                        String::new()
                    } else {
                        format!(
                            "; {}, first: {}",
                            text::count(skipped, "problem", "problems"),
                            first_problem(&report)
                        )
                    }
                );
                if skipped == 0 {
                    self.info_about(Topic::Import, message);
                } else {
                    self.error_about(Topic::Import, message);
                }
            }
            Err(error) => self.error_about(Topic::Import, error.to_string()),
        }
    }

    pub(super) fn save_response_copy(&mut self, target: &Path) {
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

    pub(super) fn create_workshop(&mut self, dir: Option<PathBuf>, draft: &WorkshopDraft) {
        // The form's own checks come first, then where to put it, as the form has always said.
        let result = match (draft.workshop(), dir) {
            (Err(message), _) => Err(SessionError::Refused(message)),
            (Ok(_), None) => Err(SessionError::Refused(
                "Choose a folder for the workshop.".to_owned(),
            )),
            (Ok(_), Some(dir)) => session::create_workshop(&dir, draft, &self.catalog),
        };
        match result {
            Ok(folder) => {
                let dir = folder.dir.clone();
                self.set_workshop(folder, false);
                self.screen = Screen::ParticipantStart(ParticipantDraft::default());
                self.info(format!("Workshop created in {}", dir.display()));
            }
            Err(SessionError::Refused(message)) => match &mut self.screen {
                Screen::Home(form) => form.error = Some(message),
                _ => self.error(message),
            },
            Err(error) => self.error(error.to_string()),
        }
    }

    pub(super) fn start_self_assessment(&mut self) {
        let Some(data_dir) = self.paths.data_dir.clone() else {
            self.error("There is no user data folder on this system to keep a self-assessment in.");
            return;
        };
        match session::start_self_assessment(&data_dir, &self.catalog) {
            Ok((folder, run)) => {
                self.set_workshop(folder, true);
                self.screen = Screen::Run(Run::new(run));
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    pub(super) fn add_project(&mut self, name: String) {
        let Some(folder) = &mut self.workshop else {
            return;
        };
        match session::add_project(folder, &name) {
            Ok(Some(name)) => {
                self.results.invalidate();
                self.info(format!(
                    "Project “{name}” added; the next participants evaluate it"
                ));
            }
            Ok(None) => {}
            Err(error) => self.session_failed(error),
        }
    }

    pub(super) fn start_participant(&mut self, draft: ParticipantDraft) {
        let Some(folder) = &self.workshop else {
            return;
        };
        let participant = Participant {
            label: (!draft.anonymous).then_some(draft.label),
            group: draft.group,
        };
        self.screen = Screen::Run(Run::new(ParticipantRun::start(folder, participant)));
    }

    pub(super) fn resume(&mut self, response_id: &str) {
        let Some(folder) = &self.workshop else {
            return;
        };
        match ParticipantRun::resume(folder, response_id) {
            Ok(run) => self.screen = Screen::Run(Run::new(run)),
            Err(error) => self.error(error.to_string()),
        }
    }

    /// Writes text typed into the current answer once typing has paused, and wakes the window
    /// when it will be due (nothing else redraws a window nobody touches).
    pub(super) fn save_typing_if_due(&mut self, ctx: &egui::Context) {
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        let now_seconds = ctx.input(|input| input.time);
        match run
            .typing
            .save_if_due(&mut run.participant, folder, now_seconds)
        {
            Ok(Some(path)) => {
                run.saved_path = Some(path);
                run.save_error = None;
                self.results.invalidate();
            }
            Ok(None) => {}
            Err(error) => run.save_error = Some(error.to_string()),
        }
        if let Some(wait) = run.typing.due_in(now_seconds) {
            ctx.request_repaint_after(wait.max(std::time::Duration::from_millis(50)));
        }
    }

    /// Writes typed text now, before the run moves or is left.
    pub(super) fn flush_typing(&mut self) {
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        match run.typing.flush(&mut run.participant, folder) {
            Ok(Some(path)) => {
                run.saved_path = Some(path);
                run.save_error = None;
                self.results.invalidate();
            }
            Ok(None) => {}
            Err(error) => run.save_error = Some(error.to_string()),
        }
    }

    /// The facilitator's gesture: typed text is written, then the participants screen (where an
    /// unfinished run is listed to resume). Messages held back during the run show again.
    pub(super) fn unlock_for_facilitator(&mut self) {
        self.flush_typing();
        if let Screen::Run(run) = &self.screen
            && let Some(error) = &run.save_error
        {
            // Leaving would drop the unsaved text with the screen: keep the run instead.
            let error = error.clone();
            self.error(format!(
                "The participant's last answer is not saved yet ({error}); the run stays open"
            ));
            return;
        }
        if let Some(folder) = &mut self.workshop {
            folder.reload_responses();
            self.results.invalidate();
        }
        self.screen = Screen::ParticipantStart(ParticipantDraft::default());
    }

    pub(super) fn show_discussion(&mut self) {
        let Some(folder) = &self.workshop else {
            return;
        };
        let view = super::DiscussionView::new(folder);
        if view.prompts.is_empty() {
            self.error(
                "This workshop uses no questionnaire the room discusses (such as “Customer \
                 dialogue”), so there is nothing to discuss"
                    .to_owned(),
            );
            return;
        }
        self.screen = Screen::Discussion(view);
    }

    pub(super) fn save_discussion_note(
        &mut self,
        prompt: usize,
        base: &str,
        text: &str,
        then: Option<usize>,
    ) {
        let (Some(folder), Screen::Discussion(view)) = (&mut self.workshop, &mut self.screen)
        else {
            return;
        };
        let Some(discussed) = view.prompts.get(prompt).cloned() else {
            return;
        };
        let result = if base.trim() == text.trim() {
            Ok(())
        } else {
            session::save_discussion_note(folder, &discussed, base, text)
        };
        match result {
            Ok(()) => {
                view.error = None;
                view.saved_note = (base.trim() != text.trim()).then_some(prompt);
                view.show_prompt(folder, then.unwrap_or(prompt));
            }
            Err(error) => view.error = Some(error.to_string()),
        }
    }

    pub(super) fn record_answer(&mut self, answer: Answer, advance: bool) {
        self.flush_typing();
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        match run.participant.record(folder, answer) {
            Ok(path) => {
                run.saved_path = Some(path);
                run.save_error = None;
                self.results.invalidate();
                if advance {
                    self.next_question();
                }
            }
            Err(error) => run.save_error = Some(error.to_string()),
        }
    }

    pub(super) fn next_question(&mut self) {
        self.flush_typing();
        let (Some(folder), Screen::Run(run)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        if run.participant.next(folder) != Moved::End {
            return;
        }
        match run.participant.finish(folder) {
            Ok(_) => {
                self.results.invalidate();
                self.screen = Screen::ThankYou;
            }
            Err(error) => run.save_error = Some(error.to_string()),
        }
    }

    pub(super) fn submit_tally(&mut self) {
        let (Some(folder), Screen::Tally(draft)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        let result = session::tally_room(folder, &draft.tally);
        // Even a failed save may have written some of the room's responses.
        self.results.invalidate();
        match result {
            Ok(saved) => {
                // The other questionnaires' unsaved counts wait for the next visit.
                draft.saved();
                self.kept_tally = Some(draft.clone());
                self.screen = Screen::Results;
                self.info(format!(
                    "Tally saved for a room of {}{}",
                    text::count(saved.people, "person", "people"),
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

/// Whether two paths name the same folder (resolved, so `a/../b` and a symlink count).
fn same_folder(a: &Path, b: &Path) -> bool {
    let resolve = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    resolve(a) == resolve(b)
}

impl App {
    pub(super) fn set_rule(&mut self, rule: &str) {
        let Some(folder) = &mut self.workshop else {
            self.error("Open a workshop before changing its rule.");
            return;
        };
        match session::set_rule(folder, rule) {
            Ok(_) => {
                self.results.invalidate();
                self.info(format!(
                    "The {rule} rule is now this workshop's rule, saved in the workshop: the \
                     results, charts, exports, report and presenter use it"
                ));
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    pub(super) fn undo_tally(&mut self, questionnaire: &str, group: Option<&str>) {
        let (Some(folder), Screen::Tally(draft)) = (&mut self.workshop, &mut self.screen) else {
            return;
        };
        let result = session::undo_tally(folder, questionnaire, group);
        // Even a failed undo may have changed some of the room's responses.
        self.results.invalidate();
        if draft.key() == (questionnaire.to_owned(), group.map(str::to_owned)) && draft.reviewing {
            draft.discard();
        }
        let title = folder
            .catalog
            .get(questionnaire)
            .map_or_else(|| questionnaire.to_owned(), |q| q.title.clone());
        match result {
            Ok(changed) => self.info(format!(
                "Tally of {title} undone: its answers were removed from {changed} response {}",
                if changed == 1 { "file" } else { "files" }
            )),
            Err(error) => draft.error = Some(error.to_string()),
        }
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
