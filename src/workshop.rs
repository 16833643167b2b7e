//! A workshop on disk: a folder with `workshop.ron` (title, date, questionnaires, groups, rule,
//! anonymity threshold) and one RON file per participant under `responses/`, plus the catalogue of
//! questionnaires (bundled, the user's own, and any the workshop folder carries). Loading never stops
//! at a bad file: it loads the rest and returns every problem with its path and position.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bundled::BUNDLED;
use crate::questionnaire::{FORMAT_VERSION, Questionnaire};
use crate::response::Response;
use crate::storage::{self, FileKind, Problem};
use crate::validate::{self, Rejection};

pub const WORKSHOP_FILE: &str = "workshop.ron";
pub const RESPONSES_DIR: &str = "responses";
pub const QUESTIONNAIRES_DIR: &str = "questionnaires";
/// Overrides where the user's own questionnaires live (`$HERO_READINESS_HOME/questionnaires`).
pub const HOME_ENV: &str = "HERO_READINESS_HOME";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    pub format_version: u32,
    pub title: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub facilitator: String,
    /// Questionnaire ids, in the order participants answer them.
    pub questionnaires: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    /// Which classification rule the HERO Index uses (e.g. "2010" or "2011").
    #[serde(default = "default_rule")]
    pub rule: String,
    /// Groups with fewer respondents than this are never reported apart.
    #[serde(default = "default_anonymity_threshold")]
    pub anonymity_threshold: usize,
    /// Proposed HERO projects to run the per-project questionnaires on.
    #[serde(default)]
    pub projects: Vec<String>,
    /// The action plan agreed in the workshop, edited by the facilitator.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Whether reports may name participants; off by default.
    #[serde(default)]
    pub show_labels_in_report: bool,
    /// A one-person self-assessment: the only figures are the person's own, so no anonymity
    /// threshold applies to them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub self_assessment: bool,
}

/// One agreed action: what, who, by when, and how far it has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub action: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Planned,
    Started,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [Self::Planned, Self::Started, Self::Done, Self::Dropped];

    pub fn label(self) -> &'static str {
        match self {
            Self::Planned => "Planned",
            Self::Started => "Started",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
        }
    }
}

fn default_rule() -> String {
    "2010".to_owned()
}

fn default_anonymity_threshold() -> usize {
    5
}

/// The smallest anonymity threshold a team workshop may use: below 3, anyone in a pair can
/// subtract their own answer from a figure and read the other person's.
pub const MIN_ANONYMITY_THRESHOLD: usize = 3;

/// Below this a threshold is allowed but warned about: in groups of 3 or 4, a few people who
/// compare their own answers can still work out a colleague's.
pub const RECOMMENDED_ANONYMITY_THRESHOLD: usize = 5;

/// The one check of a team workshop's anonymity threshold, used by the new-workshop form, the
/// settings editor and `hero-readiness set`: `Err(reason)` below [`MIN_ANONYMITY_THRESHOLD`],
/// `Ok(Some(warning))` below [`RECOMMENDED_ANONYMITY_THRESHOLD`], `Ok(None)` from there.
pub fn check_anonymity_threshold(threshold: usize) -> Result<Option<String>, String> {
    if threshold < MIN_ANONYMITY_THRESHOLD {
        Err(format!(
            "an anonymity threshold of {threshold} is too low: with 2, either person can subtract \
             their own answer and read the other's (and with 1, a group's figures are one \
             person's answers); use at least {MIN_ANONYMITY_THRESHOLD}, and \
             {RECOMMENDED_ANONYMITY_THRESHOLD} or more where you can"
        ))
    } else if threshold < RECOMMENDED_ANONYMITY_THRESHOLD {
        Ok(Some(format!(
            "an anonymity threshold of {threshold} is allowed, but in groups that small a few \
             people who compare their own answers can work out a colleague's; \
             {RECOMMENDED_ANONYMITY_THRESHOLD} or more is safer"
        )))
    } else {
        Ok(None)
    }
}

impl Workshop {
    pub fn new(title: impl Into<String>, date: NaiveDate) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            date,
            facilitator: String::new(),
            questionnaires: BUNDLED
                .iter()
                .map(|(name, _)| name.trim_end_matches(".ron").to_owned())
                .collect(),
            groups: Vec::new(),
            rule: default_rule(),
            anonymity_threshold: default_anonymity_threshold(),
            projects: Vec::new(),
            actions: Vec::new(),
            show_labels_in_report: false,
            self_assessment: false,
        }
    }

    /// The number of contributors a figure needs before it is shown: the workshop's threshold,
    /// never below [`MIN_ANONYMITY_THRESHOLD`] (an older file may hold less), and 1 for a
    /// self-assessment, whose only figures are the person's own.
    pub fn disclosure_threshold(&self) -> usize {
        if self.self_assessment {
            1
        } else {
            self.anonymity_threshold.max(MIN_ANONYMITY_THRESHOLD)
        }
    }

    /// What is wrong with the threshold a file holds, as a warning: an older file may hold 1 or
    /// 2, which is still read (and used as [`MIN_ANONYMITY_THRESHOLD`]) but must be raised.
    fn threshold_warning(&self, file: &Path) -> Option<String> {
        if self.self_assessment {
            return None;
        }
        check_anonymity_threshold(self.anonymity_threshold)
            .err()
            .map(|reason| {
                format!(
                    "{}: {reason}. Figures use {MIN_ANONYMITY_THRESHOLD} until it is raised \
                     (`hero-readiness set DIR --anonymity-threshold {recommended}`, or Workshop \
                     settings on the Results screen)",
                    file.display(),
                    recommended = RECOMMENDED_ANONYMITY_THRESHOLD
                )
            })
    }
}

/// Workshop settings to change after creation; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    pub title: Option<String>,
    pub rule: Option<String>,
    pub anonymity_threshold: Option<usize>,
}

/// Why settings were not changed: a value that is refused (the user's input to fix) or a file
/// that could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Refused(Problem),
    #[error("{0}")]
    Write(Problem),
}

/// Where a questionnaire came from; later sources override earlier ones with the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Bundled,
    User(PathBuf),
    Workshop(PathBuf),
}

#[derive(Debug, Clone)]
pub struct CatalogEntry {
    pub questionnaire: Questionnaire,
    pub source: Source,
}

/// A questionnaire file that was left out because it could not be read, parsed or validated.
#[derive(Debug, Clone)]
pub struct RejectedQuestionnaire {
    /// The id the file declares, or its file name without `.ron` when it could not be parsed.
    pub id: String,
    /// The file (for a bundled questionnaire, its file name).
    pub path: PathBuf,
    pub source: Source,
    pub problems: Vec<Problem>,
}

/// Every questionnaire available, by id. Each one passed the full check of
/// [`validate::load_questionnaire`]; the files that did not are in `rejected`, and their problems
/// also in `problems`.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<CatalogEntry>,
    pub rejected: Vec<RejectedQuestionnaire>,
    pub problems: Vec<Problem>,
}

impl Catalog {
    /// Bundled questionnaires only.
    pub fn bundled() -> Self {
        let mut catalog = Self::default();
        for (name, text) in BUNDLED {
            let path = Path::new(name);
            match validate::parse_questionnaire(path, text) {
                Ok(questionnaire) => catalog.insert(questionnaire, Source::Bundled),
                Err(rejection) => catalog.reject(path, Source::Bundled, rejection),
            }
        }
        catalog
    }

    /// Bundled, then the user's folder, then the workshop's own `questionnaires/` folder. Symbolic
    /// links are the user's business in their own folder, but must stay inside a workshop folder,
    /// which may have come from anyone.
    pub fn load(workshop_dir: Option<&Path>) -> Self {
        let mut catalog = Self::bundled();
        if let Some(dir) = user_questionnaire_dir() {
            catalog.add_folder(&dir, Source::User, None);
        }
        if let Some(root) = workshop_dir {
            let dir = root.join(QUESTIONNAIRES_DIR);
            match storage::check_inside(&dir, root) {
                Ok(()) => catalog.add_folder(&dir, Source::Workshop, Some(root)),
                Err(problem) => catalog.problems.push(problem),
            }
        }
        catalog
    }

    fn add_folder(&mut self, dir: &Path, source: fn(PathBuf) -> Source, root: Option<&Path>) {
        for path in ron_files(dir) {
            let loaded = match root {
                Some(root) => storage::check_inside(&path, root).map_err(|problem| Rejection {
                    id: None,
                    problems: vec![problem],
                }),
                None => Ok(()),
            }
            .and_then(|()| validate::load_questionnaire(&path));
            match loaded {
                Ok(questionnaire) => self.insert(questionnaire, source(path)),
                Err(rejection) => self.reject(&path, source(path.clone()), rejection),
            }
        }
    }

    /// Leaves a questionnaire out. It still claims its id: falling back to another questionnaire
    /// of that id (a bundled one, say) would score answers against questions they were not given.
    fn reject(&mut self, path: &Path, source: Source, rejection: Rejection) {
        let id = rejection.id.unwrap_or_else(|| {
            path.file_name()
                .map(|name| name.to_string_lossy().trim_end_matches(".ron").to_owned())
                .unwrap_or_default()
        });
        self.entries.retain(|entry| entry.questionnaire.id != id);
        self.problems.extend(rejection.problems.iter().cloned());
        self.rejected.push(RejectedQuestionnaire {
            id,
            path: path.to_path_buf(),
            source,
            problems: rejection.problems,
        });
    }

    fn insert(&mut self, questionnaire: Questionnaire, source: Source) {
        self.entries
            .retain(|entry| entry.questionnaire.id != questionnaire.id);
        self.entries.push(CatalogEntry {
            questionnaire,
            source,
        });
    }

    pub fn get(&self, id: &str) -> Option<&Questionnaire> {
        self.entries
            .iter()
            .find(|entry| entry.questionnaire.id == id)
            .map(|entry| &entry.questionnaire)
    }
}

/// `$HERO_READINESS_HOME/questionnaires`, else the platform's data folder (e.g.
/// `~/.local/share/hero-readiness/questionnaires` on Linux).
pub fn user_questionnaire_dir() -> Option<PathBuf> {
    user_data_dir().map(|dir| dir.join(QUESTIONNAIRES_DIR))
}

pub fn user_data_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os(HOME_ENV) {
        return Some(PathBuf::from(home));
    }
    directories::ProjectDirs::from("org", "HERO Readiness", "hero-readiness")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

/// The `.ron` files directly in `dir`, sorted by name so every listing is deterministic. A missing
/// folder is simply empty.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    // Sorted by name before the paths are built: comparing whole paths component by component
    // is slow enough to show when a workshop holds thousands of responses.
    let mut names: Vec<std::ffi::OsString> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| {
            let name = name.as_encoded_bytes();
            name.ends_with(b".ron") && !name.starts_with(b".")
        })
        .collect();
    names.sort_unstable();
    names.into_iter().map(|name| dir.join(name)).collect()
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
        storage::save_ron(&file, &workshop)?;
        Ok(Self {
            dir: dir.to_path_buf(),
            workshop,
            responses: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            catalog: Catalog::load(Some(dir)),
        })
    }

    /// Opens a workshop folder. Fails only when `workshop.ron` itself cannot be used; bad response
    /// files become `problems` and the rest load.
    pub fn open(dir: &Path) -> Result<Self, Problem> {
        let file = dir.join(WORKSHOP_FILE);
        let workshop: Workshop = storage::parse_ron(
            &file,
            &storage::read_text_inside(&file, FileKind::Workshop, dir)?,
        )?;
        let (mut responses, mut problems) = load_responses(&dir.join(RESPONSES_DIR), dir);
        let duplicates = drop_duplicate_responses(&mut responses);
        let catalog = Catalog::load(Some(dir));
        problems.extend(unscorable_responses(&catalog, &responses));
        Ok(Self {
            dir: dir.to_path_buf(),
            warnings: workshop
                .threshold_warning(&file)
                .into_iter()
                .chain(duplicates)
                .collect(),
            workshop,
            responses,
            problems,
            catalog,
        })
    }

    /// The classification rules the workshop's questionnaires define (e.g. "2010", "2011").
    pub fn known_rules(&self) -> Vec<String> {
        self.workshop
            .questionnaires
            .iter()
            .filter_map(|id| self.catalog.get(id))
            .filter_map(|q| q.interpretation.classification.as_ref())
            .flat_map(|c| c.rules.iter().map(|r| r.id.clone()))
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
        storage::save_ron(&file, &updated).map_err(SettingsError::Write)?;
        self.warnings = updated.threshold_warning(&file).into_iter().collect();
        self.workshop = updated;
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

    pub fn responses_dir(&self) -> PathBuf {
        self.dir.join(RESPONSES_DIR)
    }

    pub fn save_workshop(&self) -> Result<(), Problem> {
        storage::save_ron(&self.dir.join(WORKSHOP_FILE), &self.workshop)
    }

    /// Writes a response (atomically, durably) and keeps the in-memory copy in step. The file name
    /// comes from the label's slug and the response id, so it is stable across saves.
    pub fn save_response(&mut self, response: &Response) -> Result<PathBuf, Problem> {
        let path = self.responses_dir().join(response_file_name(response));
        std::fs::create_dir_all(self.responses_dir())
            .map_err(|error| Problem::new(self.responses_dir(), error.to_string()))?;
        storage::save_ron(&path, response)?;
        match self.responses.iter_mut().find(|loaded| loaded.path == path) {
            Some(loaded) => loaded.response = response.clone(),
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
        std::fs::create_dir_all(self.responses_dir())
            .map_err(|error| Problem::new(self.responses_dir(), error.to_string()))?;
        storage::save_new_ron(&path, response).map_err(|error| {
            let message = if error.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "a file of this name is already in the workshop; it was left as it is and \
                     response {} was not written",
                    response.id
                )
            } else {
                format!("could not write the file: {error}")
            };
            Problem::new(&path, message)
        })?;
        self.responses.push(LoadedResponse {
            path: path.clone(),
            response: response.clone(),
        });
        Ok(path)
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
        let response = Response::load(source)?;
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
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len().div_ceil(64).max(1));
    let chunk_size = paths.len().div_ceil(threads).max(1);
    let load_chunk = |chunk: &[PathBuf]| -> Vec<Result<LoadedResponse, Problem>> {
        chunk
            .iter()
            .map(|path| {
                storage::read_text_inside(path, FileKind::Response, root)
                    .and_then(|text| Response::parse(path, &text))
                    .map(|response| LoadedResponse {
                        path: path.clone(),
                        response,
                    })
            })
            .collect()
    };
    let mut chunks = paths.chunks(chunk_size);
    let first = chunks.next().unwrap_or_default();
    // The calling thread takes the first chunk itself rather than idling until the others finish.
    let results: Vec<Result<LoadedResponse, Problem>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .map(|chunk| scope.spawn(move || load_chunk(chunk)))
            .collect();
        let mut results = load_chunk(first);
        for handle in handles {
            results.extend(handle.join().expect("response loader thread panicked"));
        }
        results
    });
    let mut responses = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(loaded) => responses.push(loaded),
            Err(problem) => problems.push(problem),
        }
    }
    (responses, problems)
}
