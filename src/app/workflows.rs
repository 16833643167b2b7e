//! What the window's commands do: each `App` method here turns a command into one session call
//! (see [`crate::session`]) and the call's result into a screen change or a status message. No
//! workflow is carried out here; no drawing either.

use std::path::{Path, PathBuf};

use super::{App, ParticipantDraft, RECENT_MAX, ResultsView, Run, Screen, actions};
use crate::model::response::Answer;
use crate::model::workshop::SettingsChange;
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
            self.results.invalidate();
        }
        if let Some(problem) = changes.workshop_problem {
            self.error(format!(
                "{problem} (another program changed it; the window keeps the settings it had)"
            ));
        }
    }

    pub(super) fn set_workshop(&mut self, folder: WorkshopFolder, self_assessment: bool) {
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

    pub(super) fn open_workshop(&mut self, dir: &Path) {
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
        // Both waves under this workshop's one rule.
        let rule = Some(folder.workshop.rule.clone());
        match session::compare_with(folder, other, rule) {
            Ok(comparison) => {
                self.results.comparison =
                    Some(crate::analysis::waves::comparison_table(&comparison));
                self.info(format!("Compared with {}", other.display()));
            }
            Err(error) => self.error(error.to_string()),
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
                self.error(message);
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
                    self.info(format!(
                        "Action plan saved ({count} actions), together with changes made \
                         elsewhere meanwhile"
                    ));
                } else {
                    self.info(format!("Action plan saved ({count} actions)"));
                }
            }
            Err(error) => self.session_failed(error),
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
                self.info(format!("Anonymity threshold set to {threshold} and saved"));
                for warning in warnings {
                    self.info(session::sentence(&warning));
                }
            }
            Err(error) => self.error(error.to_string()),
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

    pub(super) fn record_answer(&mut self, answer: Answer, advance: bool) {
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
