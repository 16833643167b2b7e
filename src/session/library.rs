//! The workshops kept on this machine, as the front ends list them: the ones in the data folder's
//! `workshops` folder, the past self-assessments, the demo, and the recently opened folders by
//! title. Only each folder's `workshop.ron` is read (never its responses), so listing stays quick;
//! a folder whose `workshop.ron` cannot be read is listed by its folder name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::SessionError;
use crate::model::workshop::Workshop;
use crate::storage::catalog::Catalog;
use crate::storage::folder::{RESPONSES_DIR, WORKSHOP_FILE, WorkshopFolder};
use crate::storage::{self, FileKind};

/// Folder inside the data folder that holds new workshops.
pub const WORKSHOPS_DIR: &str = "workshops";
/// Folder inside the data folder that holds self-assessments.
pub const SELF_ASSESSMENTS_DIR: &str = "self-assessments";

/// One workshop folder as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopSummary {
    pub dir: PathBuf,
    /// The workshop's title, or the folder name when `workshop.ron` could not be read.
    pub title: String,
    pub date: Option<NaiveDate>,
    pub self_assessment: bool,
    /// Whether `workshop.ron` was read (a missing or broken one still lists the folder).
    pub readable: bool,
}

impl WorkshopSummary {
    /// Reads `dir/workshop.ron`; `None` when the folder holds none.
    pub fn read(dir: &Path) -> Option<Self> {
        let file = dir.join(WORKSHOP_FILE);
        if !file.is_file() {
            return None;
        }
        Some(
            match storage::load_ron::<Workshop>(&file, FileKind::Workshop) {
                Ok(workshop) => Self {
                    dir: dir.to_path_buf(),
                    title: workshop.title,
                    date: Some(workshop.date),
                    self_assessment: workshop.self_assessment,
                    readable: true,
                },
                Err(_) => Self::unreadable(dir),
            },
        )
    }

    fn unreadable(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            title: folder_name(dir),
            date: None,
            self_assessment: false,
            readable: false,
        }
    }
}

/// What Home and "Compare with…" list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// The data folder's `workshops` folder, newest first.
    pub workshops: Vec<WorkshopSummary>,
    /// The data folder's self-assessments, newest first.
    pub self_assessments: Vec<WorkshopSummary>,
    /// The demo workshop, when it exists.
    pub demo: Option<WorkshopSummary>,
    /// The recently opened folders, most recent first (a folder that is gone is left out).
    pub recent: Vec<WorkshopSummary>,
    /// Every name taken in the `workshops` folder (also by folders that are no workshop), so a
    /// new workshop's folder is never one that exists.
    pub taken_names: BTreeSet<String>,
}

impl Library {
    /// Lists what `data_dir` (if any) holds and reads the titles of the `recent` folders.
    pub fn load(data_dir: Option<&Path>, recent: &[PathBuf]) -> Self {
        let mut library = Self::default();
        if let Some(data_dir) = data_dir {
            let workshops_dir = data_dir.join(WORKSHOPS_DIR);
            library.taken_names = subfolders(&workshops_dir)
                .iter()
                .map(|dir| folder_name(dir))
                .collect();
            library.workshops = summaries(&workshops_dir);
            library.self_assessments = summaries(&data_dir.join(SELF_ASSESSMENTS_DIR));
            library.demo = WorkshopSummary::read(&data_dir.join(super::DEMO_DIR));
        }
        library.recent = recent
            .iter()
            .filter_map(|dir| WorkshopSummary::read(dir))
            .collect();
        library
    }

    /// The workshops another one can be compared with: recent ones first, then the workshops
    /// folder and the demo, each once, never `current` itself nor a self-assessment.
    pub fn others_than(&self, current: &Path) -> Vec<&WorkshopSummary> {
        let mut seen = BTreeSet::new();
        let current = same_path_key(current);
        self.recent
            .iter()
            .chain(&self.workshops)
            .chain(&self.demo)
            .filter(|summary| !summary.self_assessment)
            .filter(|summary| {
                let key = same_path_key(&summary.dir);
                key != current && seen.insert(key)
            })
            .collect()
    }
}

/// Where a response file given to the app (`hero-readiness FILE`, a double-click) is opened.
/// A file inside a workshop's `responses` folder opens that workshop. Any other file is that
/// person's own results: it is copied into a self-assessment folder named after its id (the same
/// one each time the file is opened, so opening it twice lists it once), and the original is
/// never written to. Adding a file to a workshop stays a deliberate act: drop it on the open
/// workshop.
pub fn folder_for_response_file(
    data_dir: Option<&Path>,
    path: &Path,
    catalog: &Catalog,
) -> Result<PathBuf, SessionError> {
    let response = storage::read_response(path).map_err(SessionError::Invalid)?;
    if let Some(workshop_dir) = path
        .parent()
        .filter(|dir| dir.file_name().is_some_and(|name| name == RESPONSES_DIR))
        .and_then(Path::parent)
        .filter(|dir| dir.join(WORKSHOP_FILE).is_file())
    {
        return Ok(workshop_dir.to_path_buf());
    }
    let Some(data_dir) = data_dir else {
        return Err(SessionError::Refused(format!(
            "{}: there is no user data folder on this system to open a response file in; add it \
             to a workshop instead (open the workshop, then drop the file on the window)",
            path.display()
        )));
    };
    let dir = data_dir
        .join(SELF_ASSESSMENTS_DIR)
        .join(format!("opened-{}", storage::slug(&response.id)));
    if dir.join(WORKSHOP_FILE).is_file() {
        return Ok(dir);
    }
    let mut workshop = Workshop::new(
        match &response.label {
            Some(label) => format!("Self-assessment of {label}"),
            None => "Self-assessment".to_owned(),
        },
        response.started_at.date_naive(),
    );
    workshop.questionnaires = Vec::new();
    for section in &response.sections {
        let id = section.questionnaire.to_string();
        if !workshop.questionnaires.contains(&id) {
            workshop.questionnaires.push(id);
        }
    }
    workshop.self_assessment = true;
    let mut folder = WorkshopFolder::create_with(&dir, workshop, &super::catalog_paths(catalog))
        .map_err(SessionError::Write)?;
    folder
        .import_response_file(path)
        .map_err(SessionError::Write)?;
    Ok(dir)
}

/// `stem` if no folder of that name is taken, else `stem-2`, `stem-3`, …
pub fn unique_name(stem: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(stem) {
        return stem.to_owned();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| stem.to_owned())
}

/// The last part of `dir`, or the whole path when it has none.
pub fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A path as compared for "the same folder": resolved when it exists, so `a/../b` and a
/// symlink name the folder they point to.
fn same_path_key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The workshop folders directly inside `dir`, newest first, then by title.
fn summaries(dir: &Path) -> Vec<WorkshopSummary> {
    let mut found: Vec<WorkshopSummary> = subfolders(dir)
        .iter()
        .filter_map(|dir| WorkshopSummary::read(dir))
        .collect();
    found.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.dir.cmp(&b.dir))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_free_number() {
        let taken: BTreeSet<String> = ["spring".to_owned(), "spring-2".to_owned()].into();
        assert_eq!(unique_name("autumn", &taken), "autumn");
        assert_eq!(unique_name("spring", &taken), "spring-3");
    }

    #[test]
    fn the_library_lists_titles_newest_first_and_never_offers_a_workshop_itself() {
        let temp = tempfile::tempdir().unwrap();
        let data = temp.path();
        let write = |dir: &Path, title: &str, date: (i32, u32, u32), self_assessment: bool| {
            let mut workshop = Workshop::new(
                title,
                NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            );
            workshop.self_assessment = self_assessment;
            std::fs::create_dir_all(dir).unwrap();
            storage::save_ron(&dir.join(WORKSHOP_FILE), &workshop).unwrap();
        };
        let spring = data.join("workshops/2026-03-01-spring");
        let autumn = data.join("workshops/2026-10-01-autumn");
        write(&spring, "Spring", (2026, 3, 1), false);
        write(&autumn, "Autumn", (2026, 10, 1), false);
        std::fs::create_dir_all(data.join("workshops/not-a-workshop")).unwrap();
        let mine = data.join("self-assessments/2026-11-01-abc");
        write(&mine, "My self-assessment", (2026, 11, 1), true);

        let library = Library::load(Some(data), &[spring.clone(), data.join("gone")]);
        let titles: Vec<&str> = library.workshops.iter().map(|w| w.title.as_str()).collect();
        assert_eq!(titles, ["Autumn", "Spring"]);
        assert_eq!(library.self_assessments.len(), 1);
        assert_eq!(library.recent.len(), 1, "a folder that is gone is left out");
        assert_eq!(library.recent[0].title, "Spring");
        assert!(library.taken_names.contains("not-a-workshop"));

        let others: Vec<&Path> = library
            .others_than(&spring)
            .iter()
            .map(|w| w.dir.as_path())
            .collect();
        assert_eq!(others, [autumn.as_path()]);
        let via_dots = spring.join("..").join("2026-03-01-spring");
        assert_eq!(library.others_than(&via_dots).len(), 1);
    }
}
