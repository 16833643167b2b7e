//! Where the app keeps its own files: the data folder (new workshops, self-assessments, the demo)
//! and the user's own questionnaires. Built once from the environment in `main`
//! (`HERO_READINESS_HOME`, else the platform's data folder) and passed down as one value, so the
//! library never reads the environment and tests simply pass a temporary folder.

use std::path::{Path, PathBuf};

use crate::storage::catalog::QUESTIONNAIRES_DIR;

/// The folders the app reads and writes outside any workshop. `None` means "there is none": a
/// catalogue without user questionnaires, an app that cannot create workshops by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    /// New workshops, self-assessments and the demo workshop go here.
    pub data_dir: Option<PathBuf>,
    /// The user's own questionnaire files (`*.ron`), added to the bundled ones.
    pub questionnaire_dir: Option<PathBuf>,
}

impl Paths {
    /// Everything under one folder: `dir` for data, `dir/questionnaires` for questionnaires.
    pub fn under(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Self {
            questionnaire_dir: Some(dir.join(QUESTIONNAIRES_DIR)),
            data_dir: Some(dir),
        }
    }

    /// No folders at all: bundled questionnaires only, nothing written outside a workshop.
    pub fn none() -> Self {
        Self::default()
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    pub fn questionnaire_dir(&self) -> Option<&Path> {
        self.questionnaire_dir.as_deref()
    }
}
