//! The catalogue of questionnaires: bundled, the user's own folder and a workshop's own
//! `questionnaires/`, each file read, parsed and checked for meaning before anything uses it; files
//! that fail are left out and reported with their path and position.

use crate::model::bundled::BUNDLED;
use crate::model::questionnaire::Questionnaire;
use crate::model::validate;
use crate::storage::paths::Paths;
use crate::storage::{self, FileKind, Problem};
use std::path::{Path, PathBuf};

pub const QUESTIONNAIRES_DIR: &str = "questionnaires";
/// Read by `main` only: overrides the data folder (and so `$HERO_READINESS_HOME/questionnaires`).
pub const HOME_ENV: &str = "HERO_READINESS_HOME";

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
/// [`load_questionnaire`]; the files that did not are in `rejected`, and their problems
/// also in `problems`.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The user's questionnaire folder this catalogue was loaded with, so a reload reads it again.
    pub user_dir: Option<PathBuf>,
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
            match parse_questionnaire(path, text) {
                Ok(questionnaire) => catalog.insert(questionnaire, Source::Bundled),
                Err(rejection) => catalog.reject(path, Source::Bundled, rejection),
            }
        }
        catalog
    }

    /// Bundled, then the user's folder, then the workshop's own `questionnaires/` folder. Symbolic
    /// links are the user's business in their own folder, but must stay inside a workshop folder,
    /// which may have come from anyone.
    pub fn load(workshop_dir: Option<&Path>, paths: &Paths) -> Self {
        Self::load_from(workshop_dir, paths.questionnaire_dir())
    }

    /// [`Catalog::load`] with the user's questionnaire folder given directly (or none).
    pub fn load_from(workshop_dir: Option<&Path>, user_dir: Option<&Path>) -> Self {
        let mut catalog = Self::bundled();
        if let Some(dir) = user_dir {
            catalog.add_folder(dir, Source::User, None);
            catalog.user_dir = Some(dir.to_path_buf());
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
            .and_then(|()| load_questionnaire(&path));
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

/// Why a questionnaire file was left out: its problems, and its id when the file got far enough
/// to name one.
#[derive(Debug, Clone)]
pub struct Rejection {
    pub id: Option<String>,
    pub problems: Vec<Problem>,
}

/// Reads, parses and checks a questionnaire file; only a questionnaire with no findings is
/// returned, so nothing downstream (scoring, charts, the runner) meets one that cannot work.
pub fn load_questionnaire(path: &Path) -> Result<Questionnaire, Rejection> {
    let text = storage::read_text(path, FileKind::Questionnaire).map_err(|problem| Rejection {
        id: None,
        problems: vec![problem],
    })?;
    parse_questionnaire(path, &text)
}

/// [`load_questionnaire`] for text already in memory (the bundled questionnaires); `path` labels
/// the problems.
pub fn parse_questionnaire(path: &Path, text: &str) -> Result<Questionnaire, Rejection> {
    let questionnaire: Questionnaire =
        storage::parse_ron(path, text).map_err(|problem| Rejection {
            id: None,
            problems: vec![problem],
        })?;
    let findings = validate::validate(&questionnaire);
    if findings.is_empty() {
        Ok(questionnaire)
    } else {
        Err(Rejection {
            id: Some(questionnaire.id),
            problems: findings
                .into_iter()
                .map(|finding| Problem::new(path, finding))
                .collect(),
        })
    }
}
