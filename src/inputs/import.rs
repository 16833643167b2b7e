//! CSV import: answers collected elsewhere (a spreadsheet, an online form) in the layout
//! `export-csv` writes become response files in a workshop. `FILE.csv` holds one row
//! per respondent (`id`, `label`, `group`, `completed_at`, then one `questionnaire.item` column per
//! item); `FILE.projects.csv` beside it, when present, holds the per-project evaluations keyed by
//! `respondent_id`. Cells are read by the item's kind exactly as the export writes them (the
//! formula guard removed, `DECLINED` as "prefer not to answer"), so export then import reproduces
//! the same scores.
//!
//! Checking and writing are separate steps ([`plan_import`], then [`ImportPlan::apply`]) so the app
//! can show what will happen before anything is written. A respondent is written whole or not at
//! all: one bad cell in their answers row or in any of their project rows keeps all of it out.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::model::questionnaire::{Item, Questionnaire};
use crate::model::response::{Answer, Response};
use crate::storage::csv_format::{Cell, CsvFiles, read_cell, unguard};
use crate::storage::folder::{WorkshopFolder, response_id_key};
use crate::storage::{self, Problem};

/// Columns of the answers file that are not items.
const ANSWER_META_COLUMNS: [&str; 4] = ["id", "label", "group", "completed_at"];
/// Columns of the projects file that are not items.
const PROJECT_META_COLUMNS: [&str; 5] = [
    "respondent_id",
    "label",
    "group",
    "questionnaire",
    "project",
];

/// Why a whole file could not be imported (as opposed to one row of it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct ImportError {
    pub path: PathBuf,
    pub kind: ImportErrorKind,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportErrorKind {
    /// Missing or unreadable: nothing was checked.
    #[error("could not read the file: {0}")]
    Unreadable(String),
    #[error("not a CSV file this app can read: {0}")]
    Malformed(String),
    #[error("the header has no column \"{0}\"; export a workshop to see the expected layout")]
    MissingColumn(String),
    #[error("column \"{0}\" appears twice in the header")]
    DuplicateColumn(String),
}

impl ImportError {
    fn new(path: &Path, kind: ImportErrorKind) -> Self {
        Self {
            path: path.to_path_buf(),
            kind,
        }
    }
}

impl From<ImportError> for Problem {
    /// An unreadable file stays unreadable; everything else is the file's content.
    fn from(error: ImportError) -> Self {
        let kind = match error.kind {
            ImportErrorKind::Unreadable(_) => storage::ProblemKind::Unreadable,
            ImportErrorKind::Malformed(_)
            | ImportErrorKind::MissingColumn(_)
            | ImportErrorKind::DuplicateColumn(_) => storage::ProblemKind::Invalid,
        };
        Problem::new(error.path, error.kind.to_string()).with_kind(kind)
    }
}

/// One thing wrong with one row (and usually one cell) of an imported file. Rows are numbered as a
/// spreadsheet shows them: the header is row 1, the first answers are row 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub file: PathBuf,
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        write!(f, "{name}: row {}", self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What an import will do: the responses that passed every check, and why the others will not be
/// written.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    pub responses: Vec<Response>,
    /// Rows left out: bad cells, unknown columns with a value, duplicate ids.
    pub problems: Vec<RowProblem>,
    /// Rows whose id is already in the workshop; left alone, never overwritten.
    pub already_present: Vec<RowProblem>,
    /// The projects file read beside the answers file, if there was one.
    pub projects_file: Option<PathBuf>,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// The response files written, one per imported respondent.
    pub written: Vec<PathBuf>,
    pub problems: Vec<RowProblem>,
    pub already_present: Vec<RowProblem>,
    /// Files that could not be written (the rest were).
    pub write_failures: Vec<Problem>,
}

/// Reads `file` (and `FILE.projects.csv` beside it) and writes one response per valid respondent
/// into the workshop.
pub fn import_csv(folder: &mut WorkshopFolder, file: &Path) -> Result<ImportReport, ImportError> {
    Ok(plan_import(folder, file)?.apply(folder))
}

impl ImportPlan {
    /// Writes every planned response (each atomically), never replacing a file. A file that cannot
    /// be written is reported and the others still go in.
    pub fn apply(self, folder: &mut WorkshopFolder) -> ImportReport {
        let mut report = ImportReport {
            problems: self.problems,
            already_present: self.already_present,
            ..ImportReport::default()
        };
        for response in &self.responses {
            match folder.save_new_response(response) {
                Ok(path) => report.written.push(path),
                Err(problem) => report.write_failures.push(problem),
            }
        }
        report
    }
}

/// Checks the file against the workshop's questionnaires without writing anything.
pub fn plan_import(folder: &WorkshopFolder, file: &Path) -> Result<ImportPlan, ImportError> {
    let answers = read_table(file)?;
    let mut plan = ImportPlan::default();
    let columns = ColumnMap::new(folder, file, &answers.header, &ANSWER_META_COLUMNS, false)?;
    // Answers collected by a form have no completion column: they count as finished. An exported
    // file has one, and an empty cell there means the respondent had not finished.
    let has_completed_column = columns.meta.contains_key("completed_at");
    let imported_at = Utc::now();
    let hashes = QuestionnaireHashes::default();
    // Rows without an id (a form's export) get a fresh one; seeded from the clock because the
    // crate's `rand` has no thread-local generator.
    let mut id_rng = {
        use rand::SeedableRng;
        let nanos = imported_at.timestamp_nanos_opt().unwrap_or_default() as u64;
        rand_chacha::ChaCha8Rng::seed_from_u64(nanos ^ u64::from(std::process::id()))
    };

    // Ids are compared by the key their file name is built from: `abc.1` and `ABC_1` would be
    // written to the same file, so the second is never imported over the first.
    let existing: BTreeMap<String, &str> = folder
        .responses
        .iter()
        .map(|loaded| {
            let id = loaded.response.id.as_str();
            (response_id_key(id), id)
        })
        .collect();
    // Ids of rows skipped or refused here; their project rows are reported through them.
    let mut left_out: BTreeSet<String> = BTreeSet::new();
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    // Respondent id → the response being built; `None` once any of its rows failed.
    let mut built: BTreeMap<String, Option<Response>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();

    for (index, record) in answers.rows.iter().enumerate() {
        let row = index + 2;
        let problem = |column: Option<&str>, message: String| RowProblem {
            file: file.to_path_buf(),
            row,
            column: column.map(str::to_owned),
            message,
        };
        let meta = |name: &str| {
            columns
                .meta
                .get(name)
                .map_or("", |&i| unguard(cell_at(record, i)))
        };
        let id = match meta("id").trim() {
            "" => storage::short_id(&mut id_rng),
            id => id.to_owned(),
        };
        let key = response_id_key(&id);
        match existing.get(&key) {
            Some(&present) if present == id => {
                plan.already_present.push(problem(
                    Some("id"),
                    format!("a response with id {id} is already in this workshop; row skipped"),
                ));
                left_out.insert(id);
                continue;
            }
            Some(&present) => {
                plan.problems.push(problem(
                    Some("id"),
                    format!(
                        "id {id} differs from {present}, already in this workshop, only in case \
                         or punctuation; both would share a file, so this row is not imported"
                    ),
                ));
                left_out.insert(id);
                continue;
            }
            None => {}
        }
        match seen_ids.get(&key) {
            Some(earlier) if *earlier == id => {
                plan.problems.push(problem(
                    Some("id"),
                    format!("id {id} appears on an earlier row too; this row is not imported"),
                ));
                continue;
            }
            Some(earlier) => {
                plan.problems.push(problem(
                    Some("id"),
                    format!(
                        "id {id} differs from {earlier} on an earlier row only in case or \
                         punctuation; both would share a file, so this row is not imported"
                    ),
                ));
                left_out.insert(id);
                continue;
            }
            None => {
                seen_ids.insert(key, id.clone());
            }
        }
        let label = non_empty(meta("label"));
        let group = non_empty(meta("group"));
        let mut response = Response::new(id.clone(), label, group);
        let mut row_problems = Vec::new();
        match meta("completed_at").trim() {
            "" if has_completed_column => response.completed_at = None,
            "" => response.completed_at = Some(imported_at),
            text => match DateTime::parse_from_rfc3339(text) {
                Ok(time) => response.completed_at = Some(time.with_timezone(&Utc)),
                Err(_) => row_problems.push(problem(
                    Some("completed_at"),
                    format!("\"{text}\" is not a date and time like 2026-11-16T09:42:00+00:00"),
                )),
            },
        }
        // The export does not keep the start time; the completion time is the closest honest value.
        response.started_at = response.completed_at.unwrap_or(imported_at);
        for (column, target) in &columns.items {
            let text = cell_at(record, target.index);
            if text.is_empty() {
                continue;
            }
            match target.resolved {
                Resolved::Unknown(ref why) => {
                    row_problems.push(problem(Some(column), format!("{why}; row not imported")))
                }
                Resolved::Item {
                    questionnaire,
                    item,
                } => match parse_cell(text, item) {
                    Ok(answer) => {
                        response
                            .section_with_hash(questionnaire, &hashes.of(questionnaire), None)
                            .answers
                            .insert(item.id.clone(), answer);
                    }
                    Err(message) => row_problems.push(problem(Some(column), message)),
                },
            }
        }
        order.push(id.clone());
        if row_problems.is_empty() {
            built.insert(id, Some(response));
        } else {
            plan.problems.extend(row_problems);
            built.insert(id, None);
        }
    }

    let projects_path = CsvFiles::beside(file).projects;
    if projects_path.is_file() {
        read_projects(folder, &projects_path, &left_out, &mut built, &mut plan)?;
        plan.projects_file = Some(projects_path);
    }

    plan.responses = order
        .iter()
        .filter_map(|id| built.remove(id).flatten())
        .collect();
    Ok(plan)
}

/// Adds the per-project sections to the respondents they belong to; a bad project row keeps its
/// respondent out entirely.
fn read_projects(
    folder: &WorkshopFolder,
    path: &Path,
    left_out: &BTreeSet<String>,
    built: &mut BTreeMap<String, Option<Response>>,
    plan: &mut ImportPlan,
) -> Result<(), ImportError> {
    let table = read_table(path)?;
    let columns = ColumnMap::new(folder, path, &table.header, &PROJECT_META_COLUMNS, true)?;
    let hashes = QuestionnaireHashes::default();
    for column in ["respondent_id", "questionnaire"] {
        if !columns.meta.contains_key(column) {
            return Err(ImportError::new(
                path,
                ImportErrorKind::MissingColumn(column.to_owned()),
            ));
        }
    }
    for (index, record) in table.rows.iter().enumerate() {
        let row = index + 2;
        let problem = |column: Option<&str>, message: String| RowProblem {
            file: path.to_path_buf(),
            row,
            column: column.map(str::to_owned),
            message,
        };
        let meta = |name: &str| {
            columns
                .meta
                .get(name)
                .map_or("", |&i| unguard(cell_at(record, i)))
        };
        let id = meta("respondent_id").trim();
        if left_out.contains(id) {
            continue; // Reported once, from the answers file.
        }
        let Some(slot) = built.get_mut(id) else {
            plan.problems.push(problem(
                Some("respondent_id"),
                format!("no respondent with id \"{id}\" in the answers file; row not imported"),
            ));
            continue;
        };
        let questionnaire_id = meta("questionnaire").trim();
        let Some(questionnaire) = folder
            .catalog
            .get(questionnaire_id)
            .filter(|q| q.is_per_entry())
        else {
            plan.problems.push(problem(
                Some("questionnaire"),
                format!(
                    "\"{questionnaire_id}\" is not a per-project or per-channel questionnaire installed here; \
                     respondent {id} not imported"
                ),
            ));
            *slot = None;
            continue;
        };
        let project = non_empty(meta("project"));
        let mut answers = BTreeMap::new();
        let mut row_problems = Vec::new();
        for (column, target) in &columns.items {
            let text = cell_at(record, target.index);
            if text.is_empty() {
                continue;
            }
            match target.resolved {
                Resolved::Item {
                    questionnaire: owner,
                    item,
                } if owner.id == questionnaire.id => match parse_cell(text, item) {
                    Ok(answer) => {
                        answers.insert(item.id.clone(), answer);
                    }
                    Err(message) => row_problems.push(problem(Some(column), message)),
                },
                Resolved::Item { .. } => row_problems.push(problem(
                    Some(column),
                    format!(
                        "this row evaluates \"{}\" but the column belongs to another \
                         questionnaire",
                        questionnaire.id
                    ),
                )),
                Resolved::Unknown(ref why) => row_problems.push(problem(Some(column), why.clone())),
            }
        }
        if !row_problems.is_empty() {
            plan.problems.extend(row_problems);
            plan.problems.push(problem(
                None,
                format!("respondent {id} is not imported because this project row has problems"),
            ));
            *slot = None;
            continue;
        }
        if let Some(response) = slot {
            response
                .section_with_hash(questionnaire, &hashes.of(questionnaire), project.as_deref())
                .answers
                .extend(answers);
        }
    }
    Ok(())
}

/// Content hashes computed once per questionnaire: hashing serialises the whole questionnaire, too
/// slow to repeat for every cell.
#[derive(Default)]
struct QuestionnaireHashes(std::cell::RefCell<BTreeMap<String, String>>);

impl QuestionnaireHashes {
    fn of(&self, questionnaire: &Questionnaire) -> String {
        self.0
            .borrow_mut()
            .entry(questionnaire.id.clone())
            .or_insert_with(|| questionnaire.content_hash())
            .clone()
    }
}

/// What a `questionnaire.item` header names.
enum Resolved<'a> {
    Item {
        questionnaire: &'a Questionnaire,
        item: &'a Item,
    },
    /// Why the column matches nothing installed.
    Unknown(String),
}

struct ItemColumn<'a> {
    index: usize,
    resolved: Resolved<'a>,
}

/// The header of one file, resolved against the workshop's catalogue.
struct ColumnMap<'a> {
    meta: BTreeMap<String, usize>,
    /// In header order, so problems come out in the order a person reads the row.
    items: Vec<(String, ItemColumn<'a>)>,
}

impl<'a> ColumnMap<'a> {
    fn new(
        folder: &'a WorkshopFolder,
        path: &Path,
        header: &[String],
        meta_columns: &[&str],
        per_project: bool,
    ) -> Result<Self, ImportError> {
        let mut meta = BTreeMap::new();
        let mut items = Vec::new();
        let mut seen = BTreeSet::new();
        for (index, name) in header.iter().enumerate() {
            let name = unguard(name.trim());
            if !seen.insert(name.to_owned()) {
                return Err(ImportError::new(
                    path,
                    ImportErrorKind::DuplicateColumn(name.to_owned()),
                ));
            }
            if meta_columns.contains(&name) {
                meta.insert(name.to_owned(), index);
                continue;
            }
            let resolved = match name.split_once('.') {
                None => Resolved::Unknown(format!(
                    "unknown column; expected {} or questionnaire.item",
                    meta_columns.join(", ")
                )),
                Some((questionnaire_id, item_id)) => match folder.catalog.get(questionnaire_id) {
                    None => Resolved::Unknown(format!(
                        "no questionnaire \"{questionnaire_id}\" is installed"
                    )),
                    Some(q) if q.is_per_entry() != per_project => Resolved::Unknown(format!(
                        "\"{questionnaire_id}\" belongs in the {} file",
                        if q.is_per_entry() {
                            "projects"
                        } else {
                            "answers"
                        }
                    )),
                    Some(q) => match q.item(item_id) {
                        Some(item) => Resolved::Item {
                            questionnaire: q,
                            item,
                        },
                        None => Resolved::Unknown(format!(
                            "questionnaire \"{questionnaire_id}\" (version {}) has no item \
                             \"{item_id}\"",
                            q.version
                        )),
                    },
                },
            };
            items.push((name.to_owned(), ItemColumn { index, resolved }));
        }
        Ok(Self { meta, items })
    }
}

/// Converts one non-empty cell, as written in the file, to the answer the item's kind stores, or
/// says why it cannot. [`crate::storage::csv_format::DECLINED_CELL`] is "prefer not to answer" for any kind.
pub fn parse_cell(raw: &str, item: &Item) -> Result<Answer, String> {
    match read_cell(raw) {
        Cell::Declined => Ok(Answer::Declined),
        Cell::Empty => Err("the cell is empty".to_owned()),
        Cell::Text(text) => item.kind.parse_cell(text),
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn cell_at(record: &csv::StringRecord, index: usize) -> &str {
    record.get(index).unwrap_or("")
}

struct Table {
    header: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

/// Reads a whole CSV file; ragged rows are allowed (missing cells read as empty).
fn read_table(path: &Path) -> Result<Table, ImportError> {
    let bytes = storage::read_bytes(path, storage::FileKind::Csv, None).map_err(|problem| {
        let kind = match problem.kind {
            storage::ProblemKind::Unreadable | storage::ProblemKind::Unwritable => {
                ImportErrorKind::Unreadable(problem.message)
            }
            storage::ProblemKind::Invalid => ImportErrorKind::Malformed(problem.message),
        };
        ImportError::new(path, kind)
    })?;
    // Excel writes a byte-order mark; it must not become part of the first column's name.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let malformed =
        |error: csv::Error| ImportError::new(path, ImportErrorKind::Malformed(error.to_string()));
    let header = reader
        .headers()
        .map_err(malformed)?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(malformed)?;
    Ok(Table { header, rows })
}
