//! The session layer: every workflow a front end offers, without a window. Creating and opening
//! workshops, a participant's run ([`ParticipantRun`]), a room tally, the action plan and settings,
//! importing response files and CSVs, adding projects and starting a self-assessment all live
//! here with typed results and errors; the egui app only draws, edits drafts and turns clicks
//! into these calls, and the command line calls the same functions.

mod discussion;
pub mod library;
mod new_workshop;
mod pacing;
mod participant;

use crate::storage::paths::Paths;
use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::analysis::waves::{CompareError, CompareOptions, Comparison};
use crate::inputs::import::{ImportError, ImportReport};
use crate::inputs::tally::{RoomTally, TallyError, TallySaved};
use crate::model::workshop::{Action, SettingsChange, Workshop, merge_action_lists};
use crate::storage::catalog::Catalog;
use crate::storage::folder::{
    SaveWorkshopError, SettingsError, WORKSHOP_FILE, WorkshopConflict, WorkshopFolder,
    WorkshopSaved,
};
use crate::storage::{self, Problem};

pub use discussion::{
    DiscussionPrompt, discussion_note, discussion_prompts, prompt_ratings, save_discussion_note,
};
pub use new_workshop::{WorkshopDraft, create_workshop, sentence};
pub use pacing::{
    PacedPart, Reveal, entry_note_key, paced_parts, part_note, reveal, save_part_note,
};
pub use participant::{Moved, Participant, ParticipantRun, Step, TYPING_SAVE_DELAY, TypingSaver};

/// Why a workflow did nothing (or, for a write, stopped).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SessionError {
    /// A value the user gave is refused; the message is a sentence saying what to fix.
    #[error("{0}")]
    Refused(String),
    /// A file or folder is there but cannot be used as asked.
    #[error("{0}")]
    Invalid(Problem),
    /// A file could not be read or written.
    #[error("{0}")]
    Write(Problem),
    /// `workshop.ron` was not saved (a conflict with another program, or a damaged file).
    #[error(transparent)]
    Workshop(#[from] SaveWorkshopError),
}

/// What kind of failure, for exit codes and for how a front end reacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The user's input is refused: fix it and try again (exit 1).
    Refused,
    /// The disk or folder failed (exit 2).
    Failed,
}

impl SessionError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Refused(_) | Self::Invalid(_) => ErrorKind::Refused,
            Self::Write(_) | Self::Workshop(_) => ErrorKind::Failed,
        }
    }
}

/// Opens a workshop folder (bad response files become the folder's `problems`).
pub fn open_workshop(dir: &Path, paths: &Paths) -> Result<WorkshopFolder, Problem> {
    WorkshopFolder::open_with(dir, paths)
}

/// The folders a catalogue was loaded from, so a folder created or opened with it sees the same
/// user questionnaires.
pub(crate) fn catalog_paths(catalog: &Catalog) -> Paths {
    Paths {
        data_dir: None,
        questionnaire_dir: catalog.user_dir.clone(),
    }
}

/// Creates a self-assessment in `data_dir/self-assessments/<date>-<id>` (the catalogue's
/// questionnaires for one person: none per project, no customer dialogue) and starts the
/// person's anonymous run.
pub fn start_self_assessment(
    data_dir: &Path,
    catalog: &Catalog,
) -> Result<(WorkshopFolder, ParticipantRun), SessionError> {
    let today = Utc::now().date_naive();
    let dir = data_dir
        .join("self-assessments")
        .join(format!("{today}-{}", new_id()));
    let mut workshop = Workshop::new("My self-assessment", today);
    workshop.questionnaires = catalog
        .entries
        .iter()
        .filter(|entry| {
            !entry.questionnaire.is_per_entry()
                && !entry.questionnaire.discussed_in_room
                && workshop.questionnaires.contains(&entry.questionnaire.id)
        })
        .map(|entry| entry.questionnaire.id.clone())
        .collect();
    workshop.self_assessment = true;
    let folder = WorkshopFolder::create_with(&dir, workshop, &catalog_paths(catalog))
        .map_err(SessionError::Write)?;
    let run = ParticipantRun::start(&folder, Participant::default());
    Ok((folder, run))
}

/// Questionnaires of the workshop asked per entry of a list that is empty, so no participant
/// will be asked them, each as a warning naming the list to fill (e.g. the channels).
pub fn skipped_for_empty_lists(folder: &WorkshopFolder) -> Vec<String> {
    folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|q| q.is_per_entry() && q.asks_per().entries(&folder.workshop).is_empty())
        .map(|q| {
            let noun = q.asks_per().noun();
            format!(
                "\"{}\" is asked once per {noun} and no {noun} is listed, so nobody will be \
                 asked it; list the {noun}s first",
                q.id
            )
        })
        .collect()
}

/// Adds a project for the per-project questionnaire and saves `workshop.ron`. Returns the name
/// as added, or `None` when it is blank or already listed (nothing is written then).
pub fn add_project(
    folder: &mut WorkshopFolder,
    name: &str,
) -> Result<Option<String>, SessionError> {
    let name = name.trim().to_owned();
    if name.is_empty() || folder.workshop.projects.contains(&name) {
        return Ok(None);
    }
    folder.workshop.projects.push(name.clone());
    match folder.save_workshop() {
        Ok(_) => Ok(Some(name)),
        Err(error) => {
            folder.workshop.projects.retain(|project| project != &name);
            Err(error.into())
        }
    }
}

/// What saving an action plan did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionPlanSaved {
    /// Actions in the plan now.
    pub count: usize,
    /// Changes made elsewhere meanwhile were merged in, so the plan differs from the edit.
    pub merged: bool,
}

/// Saves an edited action plan. `base` is the plan the edit started from: when another program
/// changed the plan meanwhile, the two edits are merged; a true conflict saves nothing. On any
/// failure memory and disk keep the previous plan.
pub fn save_action_plan(
    folder: &mut WorkshopFolder,
    base: &[Action],
    edited: Vec<Action>,
) -> Result<ActionPlanSaved, SessionError> {
    let merged =
        merge_action_lists(base, &edited, &folder.workshop.actions).map_err(|conflicts| {
            SaveWorkshopError::Conflict(WorkshopConflict {
                path: folder.dir.join(WORKSHOP_FILE),
                conflicts,
            })
        })?;
    let merged_here = merged != edited;
    let previous = std::mem::replace(&mut folder.workshop.actions, merged);
    match folder.save_workshop() {
        Ok(saved) => Ok(ActionPlanSaved {
            count: folder.workshop.actions.len(),
            merged: merged_here || saved == WorkshopSaved::Merged,
        }),
        Err(error) => {
            folder.workshop.actions = previous;
            Err(error.into())
        }
    }
}

/// Checks and saves a settings change (see [`WorkshopFolder::update_settings`]); returns the
/// warnings about the new values.
pub fn update_settings(
    folder: &mut WorkshopFolder,
    change: &SettingsChange,
) -> Result<Vec<String>, SessionError> {
    folder.update_settings(change).map_err(|error| match error {
        SettingsError::Refused(problem) => SessionError::Invalid(problem),
        SettingsError::Write(problem) => SessionError::Write(problem),
    })
}

/// Saves a room's tally as that room's anonymous responses.
pub fn tally_room(
    folder: &mut WorkshopFolder,
    tally: &RoomTally,
) -> Result<TallySaved, TallyError> {
    tally.save(folder, new_id)
}

/// Takes back the saved tally of `questionnaire` for the room of `group` (see
/// [`crate::inputs::tally::undo_tally`]); returns how many responses changed.
pub fn undo_tally(
    folder: &mut WorkshopFolder,
    questionnaire: &str,
    group: Option<&str>,
) -> Result<usize, TallyError> {
    crate::inputs::tally::undo_tally(folder, questionnaire, group)
}

/// Makes `rule` the workshop's classification rule, saved in `workshop.ron`: the one rule the
/// results, the charts, the exports, the report and the presenter all use.
pub fn set_rule(folder: &mut WorkshopFolder, rule: &str) -> Result<Vec<String>, SessionError> {
    update_settings(
        folder,
        &SettingsChange {
            rule: Some(rule.to_owned()),
            ..SettingsChange::default()
        },
    )
}

/// Copies a response file (a self-assessment, a dropped file) into the workshop; returns where.
pub fn import_response_file(
    folder: &mut WorkshopFolder,
    source: &Path,
) -> Result<PathBuf, SessionError> {
    folder
        .import_response_file(source)
        .map_err(SessionError::Invalid)
}

/// Turns the rows of an exported-layout CSV file into responses of the workshop.
pub fn import_csv(folder: &mut WorkshopFolder, path: &Path) -> Result<ImportReport, ImportError> {
    crate::inputs::import::import_csv(folder, path)
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

/// Folder name of the demo workshop inside the user data folder.
pub const DEMO_DIR: &str = "demo-workshop";

/// The demo workshop folder in `data_dir`, written with [`crate::inputs::demo::write_demo`] if it
/// does not exist yet.
pub fn ensure_demo(data_dir: &Path) -> Result<PathBuf, Problem> {
    let dir = data_dir.join(DEMO_DIR);
    if !dir.join(WORKSHOP_FILE).exists() {
        crate::inputs::demo::write_demo(&dir, crate::inputs::demo::DEFAULT_PARTICIPANTS, 2010)?;
    }
    Ok(dir)
}

/// Why two waves could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareWithError {
    #[error("{0}; choose a workshop folder to compare with")]
    Open(Problem),
    #[error(transparent)]
    Compare(#[from] CompareError),
}

/// Compares the open workshop with another wave of the same team, older wave first so changes
/// read as "since then".
pub fn compare_with(
    folder: &WorkshopFolder,
    other: &Path,
    rule: Option<String>,
) -> Result<Comparison, CompareWithError> {
    let other_folder = WorkshopFolder::open_with(other, &catalog_paths(&folder.catalog))
        .map_err(CompareWithError::Open)?;
    let mut waves = vec![other_folder, folder.clone()];
    waves.sort_by_key(|wave| wave.workshop.date);
    let options = CompareOptions { rule, group: None };
    Ok(crate::analysis::waves::compare(&waves, &options)?)
}

/// Writes the one-file HTML report of the workshop to `path`.
pub fn export_report(folder: &WorkshopFolder, path: &Path) -> Result<(), SessionError> {
    let options = crate::outputs::report::ReportOptions {
        show_labels: folder.workshop.show_labels_in_report,
    };
    let html = crate::outputs::report::report_for(folder, &options);
    storage::write_atomic(path, html.as_bytes(), storage::Durability::Synced).map_err(|error| {
        SessionError::Write(Problem::new(
            path,
            format!("could not write the report: {error}; choose another folder"),
        ))
    })
}
