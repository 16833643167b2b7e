//! A workshop on disk: a folder with `workshop.ron` (title, date, questionnaires, groups, rule,
//! anonymity threshold) and one RON file per participant under `responses/`, plus the catalogue of
//! questionnaires (bundled, the user's own, and any the workshop folder carries). Loading never stops
//! at a bad file: it loads the rest and returns every problem with its path and position.

use crate::model::workshop::{
    SettingsChange, Workshop, check_anonymity_threshold, entry_names, merge_workshops,
};
use crate::storage::catalog::{Catalog, QUESTIONNAIRES_DIR, ron_files};
use crate::storage::paths::Paths;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::model::response::Response;
use crate::storage::{self, FileKind, Problem};

pub const WORKSHOP_FILE: &str = "workshop.ron";
pub const RESPONSES_DIR: &str = "responses";
/// Why settings were not changed: a value that is refused (the user's input to fix) or a file
/// that could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Refused(Problem),
    #[error("{0}")]
    Write(Problem),
}

#[derive(Debug, Clone)]
pub struct LoadedResponse {
    pub path: PathBuf,
    pub response: Response,
}

/// A workshop folder as loaded: its settings, every response that could be read, and the problems
/// of those that could not.
#[derive(Debug, Clone)]
pub struct WorkshopFolder {
    pub dir: PathBuf,
    pub workshop: Workshop,
    /// `workshop.ron` as this folder last read or wrote it: the common ancestor when
    /// [`WorkshopFolder::save_workshop`] merges with changes another program made meanwhile.
    pub workshop_base: Workshop,
    pub responses: Vec<LoadedResponse>,
    pub problems: Vec<Problem>,
    /// Things worth knowing that did not stop anything: an anonymity threshold below the minimum
    /// from an older file, a response found in two files.
    pub warnings: Vec<String>,
    pub catalog: Catalog,
}

impl WorkshopFolder {
    /// Creates the folder (which must be empty or absent) and writes `workshop.ron`.
    /// Refuses a team workshop whose anonymity threshold is below the minimum.
    pub fn create(dir: &Path, workshop: Workshop) -> Result<Self, Problem> {
        Self::create_with(dir, workshop, &Paths::none())
    }

    /// [`WorkshopFolder::create`] with the user's questionnaires from `paths` in the catalogue.
    pub fn create_with(dir: &Path, workshop: Workshop, paths: &Paths) -> Result<Self, Problem> {
        let file = dir.join(WORKSHOP_FILE);
        if !workshop.self_assessment
            && let Err(reason) = check_anonymity_threshold(workshop.anonymity_threshold)
        {
            return Err(Problem::new(&file, reason));
        }
        if file.exists() {
            return Err(Problem::new(
                &file,
                "a workshop already exists here; open it instead, or choose another folder",
            ));
        }
        std::fs::create_dir_all(dir.join(RESPONSES_DIR)).map_err(|error| {
            Problem::new(
                dir,
                format!("could not create the workshop folder: {error}"),
            )
        })?;
        // Create, never replace: two laptops creating a workshop in one shared folder at once
        // must not silently overwrite each other.
        storage::create_ron(&file, &workshop).map_err(|error| match error {
            storage::CreateError::AlreadyExists(path) => Problem::new(
                path,
                "a workshop already exists here; open it instead, or choose another folder",
            ),
            storage::CreateError::Failed(problem) => problem,
        })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            workshop_base: workshop.clone(),
            workshop,
            responses: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            catalog: Catalog::load(Some(dir), paths),
        })
    }

    /// Opens a workshop folder. Fails only when `workshop.ron` itself cannot be used; bad response
    /// files become `problems` and the rest load.
    /// Temp files that a killed write left behind (older than [`storage::STALE_TEMP_AGE`]) are
    /// removed first.
    /// Bundled and workshop questionnaires only; front ends use [`WorkshopFolder::open_with`].
    pub fn open(dir: &Path) -> Result<Self, Problem> {
        Self::open_with(dir, &Paths::none())
    }

    /// [`WorkshopFolder::open`] with the user's questionnaires from `paths` in the catalogue.
    pub fn open_with(dir: &Path, paths: &Paths) -> Result<Self, Problem> {
        remove_stale_temp_files(dir);
        let file = dir.join(WORKSHOP_FILE);
        let workshop: Workshop = storage::parse_ron(
            &file,
            &storage::read_text_inside(&file, FileKind::Workshop, dir)?,
        )?;
        let (mut responses, mut problems) = load_responses(&dir.join(RESPONSES_DIR), dir);
        let duplicates = drop_duplicate_responses(&mut responses);
        let catalog = Catalog::load(Some(dir), paths);
        problems.extend(unscorable_responses(&catalog, &responses));
        Ok(Self {
            dir: dir.to_path_buf(),
            warnings: workshop
                .threshold_warning(&file)
                .into_iter()
                .chain(duplicates)
                .collect(),
            workshop_base: workshop.clone(),
            workshop,
            responses,
            problems,
            catalog,
        })
    }

    /// The classification rules the workshop's questionnaires define (e.g. "2010", "2011").
    pub fn known_rules(&self) -> Vec<String> {
        crate::model::questionnaire::rule_choices(
            self.workshop
                .questionnaires
                .iter()
                .filter_map(|id| self.catalog.get(id)),
        )
        .into_iter()
        .map(|choice| choice.id)
        .collect()
    }

    /// Checks and applies a settings change, then saves `workshop.ron`; nothing changes (in memory
    /// or on disk) unless every value is accepted and the file was written. Returns the warnings
    /// about the new values (a threshold of 3 or 4).
    pub fn update_settings(
        &mut self,
        change: &SettingsChange,
    ) -> Result<Vec<String>, SettingsError> {
        let file = self.dir.join(WORKSHOP_FILE);
        let refused = |message: String| SettingsError::Refused(Problem::new(&file, message));
        let mut updated = self.workshop.clone();
        let mut warnings = Vec::new();
        if let Some(title) = &change.title {
            let title = title.trim();
            if title.is_empty() {
                return Err(refused("the title cannot be empty".to_owned()));
            }
            updated.title = title.to_owned();
        }
        if let Some(rule) = &change.rule {
            let known = self.known_rules();
            if !known.is_empty() && !known.contains(rule) {
                return Err(refused(format!(
                    "unknown rule \"{rule}\"; expected one of {}",
                    known.join(", ")
                )));
            }
            updated.rule = rule.clone();
        }
        if let Some(threshold) = change.anonymity_threshold {
            if !updated.self_assessment {
                warnings.extend(check_anonymity_threshold(threshold).map_err(refused)?);
            }
            updated.anonymity_threshold = threshold;
        }
        if let Some(channels) = &change.channels {
            updated.channels = entry_names(channels, "channel").map_err(refused)?;
        }
        // The warning the old threshold gave, taken out below by its own text rather than by a
        // phrase another warning (about a response file, say) might also contain.
        let old_warning = self.workshop.threshold_warning(&file);
        // Saved compare-and-swap, like every other edit, so another program's change is merged.
        let previous = std::mem::replace(&mut self.workshop, updated);
        if let Err(error) = self.save_workshop() {
            self.workshop = previous;
            return Err(SettingsError::Write(error.into()));
        }
        self.warnings
            .retain(|warning| Some(warning) != old_warning.as_ref());
        self.warnings.extend(self.workshop.threshold_warning(&file));
        Ok(warnings)
    }

    /// Re-reads the responses folder (after another process or a drop added files).
    pub fn reload_responses(&mut self) {
        let (mut responses, mut problems) = load_responses(&self.responses_dir(), &self.dir);
        problems.extend(unscorable_responses(&self.catalog, &responses));
        let file = self.dir.join(WORKSHOP_FILE);
        self.warnings = self
            .workshop
            .threshold_warning(&file)
            .into_iter()
            .chain(drop_duplicate_responses(&mut responses))
            .collect();
        self.responses = responses;
        self.problems = problems;
    }

    /// Reads `workshop.ron` again and adopts it (as both the settings and the merge base).
    /// Returns whether it differed from what was in memory.
    pub fn reload_workshop(&mut self) -> Result<bool, Problem> {
        let workshop: Workshop =
            storage::load_ron(&self.dir.join(WORKSHOP_FILE), FileKind::Workshop)?;
        let changed = workshop != self.workshop;
        self.workshop_base = workshop.clone();
        self.workshop = workshop;
        Ok(changed)
    }

    /// Takes in `workshop.ron` as another program left it. Edits in memory not saved yet are kept
    /// on top of it when they merge; when they clash, memory is left alone and saving will report
    /// the conflict.
    fn rebase_workshop(&mut self) -> Result<bool, Problem> {
        let theirs: Workshop =
            storage::load_ron(&self.dir.join(WORKSHOP_FILE), FileKind::Workshop)?;
        if theirs == self.workshop_base {
            return Ok(false);
        }
        let Ok(merged) = merge_workshops(&self.workshop_base, &self.workshop, &theirs) else {
            return Ok(false);
        };
        let changed = merged != self.workshop;
        self.workshop = merged;
        self.workshop_base = theirs;
        Ok(changed)
    }

    /// Brings the folder up to date after files changed on disk (as a file watcher reports them):
    /// `workshop.ron` is read again, each changed response file is read again, added or dropped,
    /// and a changed questionnaire reloads the catalogue. Files whose content is what memory
    /// already holds (this app's own writes) change nothing. Paths outside the workshop's own files
    /// (exports saved into the folder, temp files) are ignored.
    pub fn refresh(&mut self, changed: &[PathBuf]) -> FolderChanges {
        let mut changes = FolderChanges::default();
        let responses_dir = self.responses_dir();
        let questionnaires_dir = self.dir.join(QUESTIONNAIRES_DIR);
        let mut response_paths: Vec<&PathBuf> = Vec::new();
        let mut reload_all_responses = false;
        for path in changed {
            let hidden = path
                .file_name()
                .is_none_or(|name| name.as_encoded_bytes().starts_with(b"."));
            if *path == self.dir.join(WORKSHOP_FILE) {
                match self.rebase_workshop() {
                    Ok(workshop_changed) => changes.workshop |= workshop_changed,
                    Err(problem) => changes.workshop_problem = Some(problem),
                }
            } else if *path == responses_dir || *path == self.dir {
                // The folder itself was replaced or moved: list it again.
                reload_all_responses = true;
            } else if path.starts_with(&questionnaires_dir) {
                self.catalog =
                    Catalog::load_from(Some(&self.dir), self.catalog.user_dir.as_deref());
                changes.questionnaires = true;
            } else if path.parent() == Some(responses_dir.as_path())
                && !hidden
                && path.extension().is_some_and(|extension| extension == "ron")
            {
                response_paths.push(path);
            }
        }
        if reload_all_responses {
            self.reload_responses();
            changes.responses = true;
            return changes;
        }
        for path in response_paths {
            changes.responses |= self.refresh_response(path);
        }
        changes
    }

    /// Re-reads one response file; returns whether anything in memory changed.
    fn refresh_response(&mut self, path: &Path) -> bool {
        let known = self.responses.iter().position(|loaded| loaded.path == path);
        let old_problem = self
            .problems
            .iter()
            .position(|problem| problem.path == path);
        let now = path.is_file().then(|| crate::storage::read_response(path));
        if let (Some(Ok(response)), Some(index)) = (&now, known)
            && self.responses[index].response == *response
        {
            return false;
        }
        if let (Some(Err(problem)), Some(at)) = (&now, old_problem)
            && self.problems[at] == *problem
        {
            return false;
        }
        if now.is_none() && known.is_none() && old_problem.is_none() {
            return false;
        }
        if let Some(index) = known {
            self.responses.remove(index);
        }
        if let Some(at) = old_problem {
            self.problems.remove(at);
        }
        match now {
            Some(Ok(response)) => {
                // Keep the listing's order (by file name), as opening the folder gives it.
                let at = self
                    .responses
                    .partition_point(|loaded| loaded.path.file_name() < path.file_name());
                self.responses.insert(
                    at,
                    LoadedResponse {
                        path: path.to_path_buf(),
                        response,
                    },
                );
            }
            Some(Err(problem)) => self.problems.push(problem),
            None => {}
        }
        true
    }

    pub fn responses_dir(&self) -> PathBuf {
        self.dir.join(RESPONSES_DIR)
    }

    /// Saves `workshop` compare-and-swap: `workshop.ron` is read again first, and when another
    /// program changed it since this folder read it, the two edits are merged (see
    /// [`merge_workshops`]) and the merge is what is written and kept in `workshop`. A true
    /// conflict, or a file on disk that can no longer be read, writes nothing.
    pub fn save_workshop(&mut self) -> Result<WorkshopSaved, SaveWorkshopError> {
        let path = self.dir.join(WORKSHOP_FILE);
        let theirs: Workshop =
            storage::load_ron(&path, FileKind::Workshop).map_err(SaveWorkshopError::Unreadable)?;
        let (to_write, outcome) = if theirs == self.workshop_base {
            (self.workshop.clone(), WorkshopSaved::AsEdited)
        } else {
            let merged = merge_workshops(&self.workshop_base, &self.workshop, &theirs).map_err(
                |conflicts| {
                    SaveWorkshopError::Conflict(WorkshopConflict {
                        path: path.clone(),
                        conflicts,
                    })
                },
            )?;
            (merged, WorkshopSaved::Merged)
        };
        if to_write != theirs {
            storage::save_ron(&path, &to_write).map_err(SaveWorkshopError::Write)?;
        }
        self.workshop = to_write.clone();
        self.workshop_base = to_write;
        Ok(outcome)
    }

    /// Writes a response (atomically, durably) and keeps the in-memory copy in step. The file name
    /// comes from the label's slug and the response id, so it is stable across saves. A response
    /// this folder does not hold yet is created, never written over a file of the same name that
    /// another program put there meanwhile.
    pub fn save_response(&mut self, response: &Response) -> Result<PathBuf, Problem> {
        let path = self.responses_dir().join(response_file_name(response));
        std::fs::create_dir_all(self.responses_dir())
            .map_err(|error| Problem::new(self.responses_dir(), error.to_string()))?;
        let known = self.responses.iter().position(|loaded| loaded.path == path);
        match known {
            Some(_) => storage::save_ron(&path, response)?,
            None => storage::create_ron(&path, response).map_err(|error| match error {
                storage::CreateError::AlreadyExists(path) => Problem::new(
                    path,
                    format!(
                        "another response file of this name (id {}) appeared in the folder; \
                         it was left as it is and this response was not saved",
                        response.id
                    ),
                ),
                storage::CreateError::Failed(problem) => problem,
            })?,
        }
        match known {
            Some(index) => self.responses[index].response = response.clone(),
            None => self.responses.push(LoadedResponse {
                path: path.clone(),
                response: response.clone(),
            }),
        }
        Ok(path)
    }

    /// Writes a response new to this workshop without ever replacing a file: when its file name is
    /// taken (by a file that could not be read, or one added since loading) nothing is written.
    pub fn save_new_response(&mut self, response: &Response) -> Result<PathBuf, Problem> {
        let path = self.responses_dir().join(response_file_name(response));
        if self.responses.iter().any(|loaded| loaded.path == path) {
            return Err(Problem::new(
                &path,
                format!(
                    "a file of this name is already in the workshop; it was left as it is and \
                     response {} was not written",
                    response.id
                ),
            ));
        }
        // Not known here: `save_response` creates it without replacing anything on disk.
        self.save_response(response)
    }

    /// Deletes the file of the response `id` (when an undone tally leaves a response with no
    /// answers) and forgets it; a file already gone is no error.
    pub fn remove_response(&mut self, id: &str) -> Result<(), Problem> {
        let Some(index) = self
            .responses
            .iter()
            .position(|loaded| loaded.response.id == id)
        else {
            return Ok(());
        };
        let path = self.responses[index].path.clone();
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(Problem::new(&path, error.to_string())),
        }
        self.responses.remove(index);
        Ok(())
    }

    /// The response already here whose id is `id` or differs from it only in case or punctuation
    /// (such ids share a file name, see [`response_id_key`]).
    pub fn response_like(&self, id: &str) -> Option<&LoadedResponse> {
        let key = response_id_key(id);
        self.responses
            .iter()
            .find(|loaded| response_id_key(&loaded.response.id) == key)
    }

    /// Copies a response file (a self-assessment, a dropped file) into this workshop. The file is
    /// parsed first, so a bad file is reported and never copied; an id already present (in any
    /// case or punctuation) is refused, and no file is ever replaced.
    pub fn import_response_file(&mut self, source: &Path) -> Result<PathBuf, Problem> {
        let response = crate::storage::read_response(source)?;
        if let Some(present) = self.response_like(&response.id) {
            let message = if present.response.id == response.id {
                format!(
                    "a response with id {} is already in this workshop; it was not added twice",
                    response.id
                )
            } else {
                format!(
                    "its id {} differs from {} (already in this workshop, {}) only in case or \
                     punctuation, so both would share a file; it was not added",
                    response.id,
                    present.response.id,
                    present.path.display()
                )
            };
            return Err(Problem::new(source, message));
        }
        self.save_new_response(&response)
    }

    /// Completed responses: the ones scores count.
    pub fn completed(&self) -> impl Iterator<Item = &LoadedResponse> {
        self.responses
            .iter()
            .filter(|loaded| loaded.response.is_complete())
    }
}

/// What [`WorkshopFolder::refresh`] found changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderChanges {
    /// `workshop.ron` holds other settings now (and memory holds them too).
    pub workshop: bool,
    /// Responses were added, changed, removed, or became (un)readable.
    pub responses: bool,
    /// A questionnaire in the workshop's own folder changed; the catalogue was reloaded.
    pub questionnaires: bool,
    /// `workshop.ron` could not be read; memory keeps the settings it had.
    pub workshop_problem: Option<Problem>,
}

impl FolderChanges {
    /// Whether scores may differ now.
    pub fn any(&self) -> bool {
        self.workshop || self.responses || self.questionnaires
    }
}

/// How [`WorkshopFolder::save_workshop`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkshopSaved {
    /// Nobody else had changed `workshop.ron`: the edit was written as it is.
    AsEdited,
    /// Another program had changed it too; both edits were merged and the merge written.
    Merged,
}

/// Why [`WorkshopFolder::save_workshop`] wrote nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SaveWorkshopError {
    #[error(transparent)]
    Conflict(WorkshopConflict),
    /// The file on disk cannot be read (deleted, or damaged by hand): it is not overwritten.
    #[error("{0}; it was not overwritten: restore or fix it, then save again")]
    Unreadable(Problem),
    #[error(transparent)]
    Write(Problem),
}

impl From<SaveWorkshopError> for Problem {
    fn from(error: SaveWorkshopError) -> Self {
        match error {
            SaveWorkshopError::Conflict(conflict) => {
                Problem::new(conflict.path.clone(), conflict.message())
            }
            SaveWorkshopError::Unreadable(problem) => Problem {
                message: format!(
                    "{}; it was not overwritten: restore or fix it, then save again",
                    problem.message
                ),
                ..problem
            },
            SaveWorkshopError::Write(problem) => problem,
        }
    }
}

/// The same part of `workshop.ron` was changed here and by another program since it was read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {}", path.display(), self.message())]
pub struct WorkshopConflict {
    pub path: PathBuf,
    /// What both sides changed, e.g. `the title ("A" here, "B" there)`.
    pub conflicts: Vec<String>,
}

impl WorkshopConflict {
    /// What happened and what to do, without the path.
    pub fn message(&self) -> String {
        format!(
            "changed by another program while you edited it: {}; your change was not saved. \
             Load the workshop again to see the other change, then make yours again if it \
             still applies",
            self.conflicts.join("; ")
        )
    }
}

/// Removes the writer's stale temp files from the folders the app writes into.
fn remove_stale_temp_files(dir: &Path) {
    for folder in [dir.to_path_buf(), dir.join(RESPONSES_DIR)] {
        storage::remove_stale_temp_files(&folder, storage::STALE_TEMP_AGE);
    }
}

/// `<slug of label>-<id>.ron`; the id keeps two participants called "Sam" apart.
pub fn response_file_name(response: &Response) -> String {
    let label = response.label.as_deref().unwrap_or("anonymous");
    format!(
        "{}-{}.ron",
        storage::slug(label),
        storage::slug(&response.id)
    )
}

/// One problem per questionnaire that was left out but is answered in `responses`, naming the
/// files, so those answers are reported as unscored rather than silently missing from the results.
pub fn unscorable_responses(catalog: &Catalog, responses: &[LoadedResponse]) -> Vec<Problem> {
    const NAMED_FILES: usize = 5;
    let mut problems = Vec::new();
    let mut reported = std::collections::BTreeSet::new();
    for rejected in &catalog.rejected {
        if catalog.get(&rejected.id).is_some() || !reported.insert(rejected.id.as_str()) {
            continue;
        }
        let files: Vec<String> = responses
            .iter()
            .filter(|loaded| loaded.response.sections_of(&rejected.id).next().is_some())
            .map(|loaded| {
                loaded.path.file_name().map_or_else(
                    || loaded.path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                )
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        let mut named = files[..files.len().min(NAMED_FILES)].join(", ");
        if files.len() > NAMED_FILES {
            named.push_str(&format!(" and {} more", files.len() - NAMED_FILES));
        }
        let count = if files.len() == 1 {
            "1 response file answers".to_owned()
        } else {
            format!("{} response files answer", files.len())
        };
        problems.push(Problem::new(
            &rejected.path,
            format!(
                "questionnaire \"{}\" was left out because of the problems in this file; {count} \
                 it and those answers are not scored until it is fixed: {named}",
                rejected.id
            ),
        ));
    }
    problems
}

/// What a response id is compared by: the slug its file name is built from. Ids differing only in
/// case or punctuation (`abc.1`, `ABC_1`) have the same key and could overwrite each other's file.
pub fn response_id_key(id: &str) -> String {
    storage::slug(id)
}

/// Keeps one file per response id and says which copies were left out. Two files with one id are
/// typically a sync tool's "conflicted copy"; counting both would count the person twice. The copy
/// kept is the one under the name the app gives it, else the one completed last, else the first
/// by name, so every load makes the same choice.
fn drop_duplicate_responses(responses: &mut Vec<LoadedResponse>) -> Vec<String> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (index, loaded) in responses.iter().enumerate() {
        by_id.entry(&loaded.response.id).or_default().push(index);
    }
    let mut dropped = vec![false; responses.len()];
    let mut warnings = Vec::new();
    for (id, copies) in by_id.into_iter().filter(|(_, copies)| copies.len() > 1) {
        let preference = |&index: &usize| {
            let loaded = &responses[index];
            let named_by_app = loaded.path.file_name().and_then(|name| name.to_str())
                == Some(response_file_name(&loaded.response).as_str());
            // Highest wins; among equals the first by name (the lowest index, as files are sorted).
            (
                named_by_app,
                loaded.response.completed_at,
                std::cmp::Reverse(index),
            )
        };
        let kept = *copies
            .iter()
            .max_by_key(|index| preference(index))
            .expect("copies");
        for &index in copies.iter().filter(|&&index| index != kept) {
            dropped[index] = true;
            warnings.push(format!(
                "{} and {} hold the same response (id {id}), perhaps a sync tool's conflicted \
                 copy; it is counted once, from {}",
                responses[kept].path.display(),
                responses[index].path.display(),
                responses[kept].path.display(),
            ));
        }
    }
    let mut index = 0;
    responses.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
    warnings
}

/// Loads every response file in `dir`, in parallel (parsing dominates when a workshop has
/// thousands). `root` is the workshop folder, which symbolic links may not lead out of.
pub fn load_responses(dir: &Path, root: &Path) -> (Vec<LoadedResponse>, Vec<Problem>) {
    if let Err(problem) = storage::check_inside(dir, root) {
        return (Vec::new(), vec![problem]);
    }
    let paths = ron_files(dir);
    // rayon splits the files among its threads and keeps them in listing order.
    let results: Vec<Result<LoadedResponse, Problem>> = paths
        .par_iter()
        .map(|path| {
            storage::read_text_inside(path, FileKind::Response, root)
                .and_then(|text| crate::storage::parse_response(path, &text))
                .map(|response| LoadedResponse {
                    path: path.clone(),
                    response,
                })
        })
        .collect();
    // Sized exactly: grown by doubling, the list of 100,000 responses would hold tens of megabytes
    // of spare room beside `results` at the load's peak.
    let loaded = results.iter().filter(|result| result.is_ok()).count();
    let mut responses = Vec::with_capacity(loaded);
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(loaded) => responses.push(loaded),
            Err(problem) => problems.push(problem),
        }
    }
    (responses, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workshop::*;

    fn action(text: &str, status: ActionStatus) -> Action {
        Action {
            action: text.to_owned(),
            owner: "Kim".to_owned(),
            due: None,
            status,
        }
    }

    fn base() -> Workshop {
        let mut workshop = Workshop::new(
            "Spring",
            chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        );
        workshop.projects = vec!["Chat".to_owned()];
        workshop.actions = vec![action("Ask five customers", ActionStatus::Planned)];
        workshop
    }

    #[test]
    fn independent_edits_on_both_sides_are_all_kept() {
        let base = base();
        let mut ours = base.clone();
        ours.actions
            .push(action("Open the wiki", ActionStatus::Planned));
        ours.title = "Spring wave".to_owned();
        let mut theirs = base.clone();
        theirs.projects.push("Photo upload".to_owned());
        theirs.actions[0].status = ActionStatus::Done;
        theirs.anonymity_threshold = 7;

        let merged = merge_workshops(&base, &ours, &theirs).unwrap();
        assert_eq!(merged.title, "Spring wave");
        assert_eq!(merged.anonymity_threshold, 7);
        assert_eq!(merged.projects, ["Chat", "Photo upload"]);
        assert_eq!(
            merged.actions,
            [
                action("Ask five customers", ActionStatus::Done),
                action("Open the wiki", ActionStatus::Planned),
            ]
        );
        // Both sides removing and adding names still merge as sets.
        let mut ours = base.clone();
        ours.projects = vec!["Wiki".to_owned()];
        let mut theirs = base.clone();
        theirs.projects = vec!["Chat".to_owned(), "Photo upload".to_owned()];
        let merged = merge_workshops(&base, &ours, &theirs).unwrap();
        assert_eq!(merged.projects, ["Photo upload", "Wiki"]);
    }

    #[test]
    fn the_same_thing_changed_on_both_sides_is_a_conflict_naming_it() {
        let base = base();
        let mut ours = base.clone();
        ours.actions[0].status = ActionStatus::Started;
        ours.title = "A".to_owned();
        let mut theirs = base.clone();
        theirs.actions[0].status = ActionStatus::Dropped;
        theirs.title = "B".to_owned();
        let conflicts = merge_workshops(&base, &ours, &theirs).unwrap_err();
        assert_eq!(
            conflicts,
            [
                "the title (\"A\" here, \"B\" there)",
                "the status of the action “Ask five customers” (Started here, Dropped there)",
            ]
        );

        let mut ours = base.clone();
        ours.actions.clear();
        let conflicts = merge_workshops(&base, &ours, &theirs).unwrap_err();
        assert!(
            conflicts.contains(
                &"the action “Ask five customers” (removed here, changed there)".to_owned()
            ),
            "{conflicts:?}"
        );
    }

    #[test]
    fn saving_merges_with_another_programs_edit_and_refuses_a_conflict() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("w");
        let mut here = WorkshopFolder::create(&dir, base()).unwrap();
        let mut there = WorkshopFolder::open(&dir).unwrap();

        there.workshop.projects.push("Photo upload".to_owned());
        assert_eq!(there.save_workshop().unwrap(), WorkshopSaved::AsEdited);
        here.workshop
            .actions
            .push(action("Open the wiki", ActionStatus::Planned));
        assert_eq!(here.save_workshop().unwrap(), WorkshopSaved::Merged);
        let on_disk: Workshop =
            storage::load_ron(&dir.join(WORKSHOP_FILE), FileKind::Workshop).unwrap();
        assert_eq!(on_disk.projects, ["Chat", "Photo upload"]);
        assert_eq!(on_disk.actions.len(), 2);
        assert_eq!(here.workshop, on_disk, "memory holds what was written");

        let before = std::fs::read_to_string(dir.join(WORKSHOP_FILE)).unwrap();
        let mut stale = WorkshopFolder::open(&dir).unwrap();
        here.workshop.title = "Ours".to_owned();
        here.save_workshop().unwrap();
        stale.workshop.title = "Stale".to_owned();
        let error = stale.save_workshop().unwrap_err();
        let SaveWorkshopError::Conflict(conflict) = &error else {
            panic!("expected a conflict, got {error:?}");
        };
        assert_eq!(
            conflict.conflicts,
            ["the title (\"Stale\" here, \"Ours\" there)"]
        );
        let text = error.to_string();
        assert!(text.contains("workshop.ron"), "{text}");
        assert!(text.contains("make yours again"), "{text}");
        let after: Workshop =
            storage::load_ron(&dir.join(WORKSHOP_FILE), FileKind::Workshop).unwrap();
        assert_eq!(after.title, "Ours", "the other edit was not overwritten");
        assert_ne!(
            before,
            std::fs::read_to_string(dir.join(WORKSHOP_FILE)).unwrap()
        );
    }

    #[test]
    fn refreshing_keeps_unsaved_edits_on_top_of_another_programs_save() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("w");
        let mut here = WorkshopFolder::create(&dir, base()).unwrap();
        here.workshop.facilitator = "Noor".to_owned();
        let mut there = WorkshopFolder::open(&dir).unwrap();
        there.workshop.projects.push("Photo upload".to_owned());
        there.save_workshop().unwrap();

        let changes = here.refresh(&[dir.join(WORKSHOP_FILE)]);
        assert!(changes.workshop && !changes.responses, "{changes:?}");
        assert_eq!(here.workshop.projects, ["Chat", "Photo upload"]);
        assert_eq!(
            here.workshop.facilitator, "Noor",
            "the unsaved edit is kept"
        );
        here.save_workshop().unwrap();
        let on_disk: Workshop =
            storage::load_ron(&dir.join(WORKSHOP_FILE), FileKind::Workshop).unwrap();
        assert_eq!(on_disk, here.workshop);
        assert!(
            !here.refresh(&[dir.join(WORKSHOP_FILE)]).any(),
            "our own save changes nothing"
        );
    }
}
