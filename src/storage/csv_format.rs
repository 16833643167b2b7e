//! The CSV layout that `export-csv` writes and `import-csv` reads: the three files beside each
//! other, the cell for "prefer not to answer", and the guard that keeps text cells from ever being
//! read as spreadsheet formulas. Both directions live here so they cannot drift apart.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The three files `export_csv` writes.
#[derive(Debug, Clone)]
pub struct CsvFiles {
    pub answers: PathBuf,
    pub projects: PathBuf,
    pub codebook: PathBuf,
}

impl CsvFiles {
    /// `FILE.csv` → `FILE.projects.csv` and `FILE.codebook.csv` beside it.
    pub fn beside(out: &Path) -> Self {
        let stem = out.with_extension("");
        let sibling = |suffix: &str| {
            let mut name = stem.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        Self {
            answers: out.to_path_buf(),
            projects: sibling(".projects.csv"),
            codebook: sibling(".codebook.csv"),
        }
    }
}

/// The cell for "prefer not to answer". A word rather than a numeric code such as -99, because a
/// scale may run below zero and no number is safe from being a real answer; the codebook declares it
/// in its `missing` column. A text answer or option id that happens to read `DECLINED` is guarded
/// like a formula, so the two never meet.
pub const DECLINED_CELL: &str = "DECLINED";

/// What the codebook's `missing` column says for every item.
pub const MISSING_CODES: &str = "DECLINED=prefer not to answer";

/// OWASP's advice against CSV injection: a leading single quote makes a spreadsheet show the cell
/// as text instead of evaluating it.
const TEXT_GUARD: char = '\'';

/// Whether a text cell needs [`TEXT_GUARD`] in front: it would start a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return), it starts with the guard itself (so removing one on import is never
/// ambiguous), or it would read as [`DECLINED_CELL`].
fn needs_guard(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r', TEXT_GUARD]) || text == DECLINED_CELL
}

/// A text cell (a label, a note, an option id, an item's wording) as it is written to any CSV file.
/// Numbers are written as they are, so they stay numbers in a spreadsheet: only text is guarded.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    if needs_guard(text) {
        Cow::Owned(format!("{TEXT_GUARD}{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell of an exported file, read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Unanswered.
    Empty,
    /// "Prefer not to answer".
    Declined,
    /// Anything else, with the guard [`text_cell`] adds removed.
    Text(&'a str),
}

/// The inverse of [`text_cell`] for answer cells. The guard is removed only where `text_cell` would
/// have put it, so a hand-typed `'tis` in a spreadsheet keeps its apostrophe.
pub fn read_cell(raw: &str) -> Cell<'_> {
    match raw {
        "" => Cell::Empty,
        DECLINED_CELL => Cell::Declined,
        _ => Cell::Text(unguard(raw)),
    }
}

/// A non-answer cell (id, label, group, header) read back: the guard removed, nothing else.
pub fn unguard(raw: &str) -> &str {
    match raw.strip_prefix(TEXT_GUARD) {
        Some(text) if needs_guard(text) => text,
        _ => raw,
    }
}
