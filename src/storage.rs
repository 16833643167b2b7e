//! File I/O shared by every kind of file the app owns: the one atomic writer (temp file in the same
//! folder, fsync, rename), the one RON reader whose errors carry path, line and column, and the
//! slugging that turns a participant's label into a safe, unique file name.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::questionnaire::FORMAT_VERSION;

/// Something wrong with one file. Displayed as `path:line:col: message` (position when known), which
/// editors and terminals turn into a link.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Whether a write must survive a power cut the moment it returns. Answers always do; bulk-generated
/// demo data syncs the folder once at the end instead of every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Synced,
    Deferred,
}

/// Every temporary file the writer creates starts with this and ends with [`TEMP_SUFFIX`], so a
/// temp file left by a killed write can be recognised and removed; listings skip dot-files.
pub const TEMP_PREFIX: &str = ".tmp-";
pub const TEMP_SUFFIX: &str = ".part";
/// A temp file older than this belongs to no live write (another laptop on a shared folder may be
/// in the middle of one, so fresh temp files are left alone).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a torn mix.
pub fn write_atomic(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let (temp, dir) = write_temp(path, bytes, durability)?;
    temp.persist(path).map_err(|error| error.error)?;
    if durability == Durability::Synced {
        sync_dir(dir);
    }
    Ok(())
}

/// Like [`write_atomic`], but only creates: when `path` already exists (another program wrote it
/// meanwhile) nothing is replaced and the error's kind is [`std::io::ErrorKind::AlreadyExists`].
/// The new name appears whole or not at all (rename without replace, or hard link then unlink).
pub fn write_new_atomic(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let (temp, dir) = write_temp(path, bytes, durability)?;
    temp.persist_noclobber(path).map_err(|error| error.error)?;
    if durability == Durability::Synced {
        sync_dir(dir);
    }
    Ok(())
}

/// The complete new content in a temp file beside `path`, ready to be renamed into place.
fn write_temp<'a>(
    path: &'a Path,
    bytes: &[u8],
    durability: Durability,
) -> std::io::Result<(tempfile::NamedTempFile, &'a Path)> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    // Temp files are created private (0600); keep an existing file's mode, else the usual 0644, so
    // exports can be shared and replacing a file never changes who may read it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |meta| meta.permissions().mode());
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    if durability == Durability::Synced {
        temp.as_file().sync_all()?;
    }
    Ok((temp, dir))
}

/// Removes the writer's temp files in `dir` that were last modified at least `min_age` ago: what a
/// killed or crashed write leaves behind. Returns the paths removed; anything unreadable is left.
pub fn remove_stale_temp_files(dir: &Path, min_age: Duration) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= min_age);
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// Makes renames in `dir` durable. Best effort: not every platform can open a folder for syncing.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .new_line("\n".to_owned())
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Serialises a value as the pretty RON the app writes everywhere.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, ron::Error> {
    ron_options().to_string_pretty(value, pretty())
}

/// Writes a value as RON, atomically and durably.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), Problem> {
    save_ron_with(path, value, Durability::Synced)
}

pub fn save_ron_with<T: Serialize>(
    path: &Path,
    value: &T,
    durability: Durability,
) -> Result<(), Problem> {
    let mut text = to_ron(value).map_err(|error| Problem::new(path, error.to_string()))?;
    text.push('\n');
    write_atomic(path, text.as_bytes(), durability)
        .map_err(|error| Problem::new(path, format!("could not write the file: {error}")))
}

/// Writes a value as a new RON file, atomically and durably, refusing to replace a file that is
/// already there (see [`write_new_atomic`]).
pub fn create_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), CreateError> {
    let mut text = to_ron(value).map_err(|error| Problem::new(path, error.to_string()))?;
    text.push('\n');
    write_new_atomic(path, text.as_bytes(), Durability::Synced).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            CreateError::AlreadyExists(path.to_path_buf())
        } else {
            Problem::new(path, format!("could not write the file: {error}")).into()
        }
    })
}

/// Why [`create_ron`] wrote nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CreateError {
    /// Another program created the file first; it was left as it is.
    #[error("{}: a file of that name already exists; it was left as it is", .0.display())]
    AlreadyExists(PathBuf),
    #[error(transparent)]
    Failed(#[from] Problem),
}

impl From<CreateError> for Problem {
    fn from(error: CreateError) -> Self {
        match error {
            CreateError::AlreadyExists(path) => Problem::new(
                path,
                "a file of that name already exists; it was left as it is",
            ),
            CreateError::Failed(problem) => problem,
        }
    }
}

/// Parses RON text. `path` only labels the errors.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    match ron_options().from_str::<T>(text) {
        Ok(value) => {
            check_format_version(path, text)?;
            Ok(value)
        }
        Err(error) => {
            // A newer file fails on fields this build does not know; say so instead of the field.
            check_format_version(path, text)?;
            let position = error.span.start;
            Err(Problem::new(path, describe_ron_error(&error.code)).at(position.line, position.col))
        }
    }
}

/// Reads and parses a RON file.
pub fn load_ron<T: DeserializeOwned>(path: &Path) -> Result<T, Problem> {
    parse_ron(path, &read_text(path)?)
}

/// Reads a text file, saying plainly why it could not be read.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    std::fs::read_to_string(path).map_err(|error| {
        let message = match error.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_owned(),
            std::io::ErrorKind::InvalidData => "not a text file (invalid UTF-8)".to_owned(),
            _ => format!("could not read the file: {error}"),
        };
        Problem::new(path, message)
    })
}

/// Finds `format_version: N` in the text without trusting the rest of it, and refuses versions from
/// the future. Cheap: a text scan, not a second parse.
fn check_format_version(path: &Path, text: &str) -> Result<(), Problem> {
    let Some(start) = text.find("format_version") else {
        return Ok(());
    };
    let rest = text[start + "format_version".len()..].trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return Ok(());
    };
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.parse::<u64>() {
        Ok(found) if found > u64::from(FORMAT_VERSION) => {
            let line = text[..start].matches('\n').count() + 1;
            let column = start - text[..start].rfind('\n').map_or(0, |newline| newline + 1) + 1;
            Err(Problem::new(
                path,
                format!(
                    "format_version {found} is newer than this app understands (up to \
                     {FORMAT_VERSION}); update HERO Readiness to open this file"
                ),
            )
            .at(line, column))
        }
        _ => Ok(()),
    }
}

/// Turns ron's terse messages into "what is wrong, what was expected".
fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing field `{field}` in {outer}; add `{field}: …`"),
            None => format!("missing field `{field}`; add `{field}: …`"),
        },
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let place = outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            format!(
                "unknown field `{found}`{place}; expected one of: {}",
                expected.join(", ")
            )
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let place = outer
                .as_deref()
                .map(|o| format!(" for {o}"))
                .unwrap_or_default();
            format!(
                "unknown variant `{found}`{place}; expected one of: {}",
                expected.join(", ")
            )
        }
        other => other.to_string(),
    }
}

/// Maximum length, in characters, of the readable part of a file name.
const SLUG_MAX_CHARS: usize = 40;

/// Names reserved by Windows whatever their extension; a file called `CON.ron` cannot be opened there.
const RESERVED_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file-name-safe slug of a label: lower-case ASCII letters, digits and single dashes, at most
/// [`SLUG_MAX_CHARS`] long, never empty, never a reserved device name. Path separators, dots and
/// anything else outside that alphabet cannot survive, so the result never leaves its folder.
pub fn slug(label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= SLUG_MAX_CHARS {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "anonymous".to_owned()
    } else if RESERVED_NAMES.contains(&slug.as_str()) {
        format!("{slug}-file")
    } else {
        slug
    }
}

/// Maps common accented Latin letters to their base letter so "Zoë" becomes "zoe", not "zo".
fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => 's',
        other => other,
    }
}

/// A short random id (8 lower-case base-32 characters, 40 bits): unique enough for the responses of
/// one workshop, short enough to read aloud.
pub fn short_id(rng: &mut impl rand::Rng) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_never_leave_the_folder_or_take_reserved_names() {
        assert_eq!(slug("../../etc/x"), "etc-x");
        assert_eq!(slug("a/b"), "a-b");
        assert_eq!(slug("CON"), "con-file");
        assert_eq!(slug("🦸"), "anonymous");
        assert_eq!(slug("Zoë Ångström"), "zoe-angstrom");
        assert_eq!(slug(&"x".repeat(300)).len(), SLUG_MAX_CHARS);
        assert_eq!(slug("   "), "anonymous");
        assert_eq!(slug("C:\\Windows\\system32"), "c-windows-system32");
    }

    #[test]
    fn problems_print_path_line_and_column() {
        let problem = Problem::new("w/responses/a.ron", "expected `)`").at(3, 14);
        assert_eq!(problem.to_string(), "w/responses/a.ron:3:14: expected `)`");
        assert_eq!(
            Problem::new("w/x.ron", "file not found").to_string(),
            "w/x.ron: file not found"
        );
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"first", Durability::Synced).unwrap();
        write_atomic(&path, b"second", Durability::Synced).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file left behind");
    }

    #[test]
    fn creating_never_replaces_a_file_another_program_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_new_atomic(&path, b"theirs", Durability::Synced).unwrap();
        let error = write_new_atomic(&path, b"ours", Durability::Synced).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"theirs");
        assert!(matches!(
            create_ron(&path, &1),
            Err(CreateError::AlreadyExists(found)) if found == path
        ));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the refused write leaves no temp file");
    }

    #[test]
    fn only_stale_temp_files_of_the_writer_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".tmp-abc.part");
        let fresh = dir.path().join(".tmp-def.part");
        let other = dir.path().join(".tmp-notes.txt");
        for path in [&old, &fresh, &other] {
            std::fs::write(path, b"half").unwrap();
        }
        let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
        for path in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(two_minutes_ago)
                .unwrap();
        }
        assert_eq!(
            remove_stale_temp_files(dir.path(), STALE_TEMP_AGE),
            vec![old.clone()]
        );
        assert!(!old.exists());
        assert!(
            fresh.exists(),
            "a write in progress elsewhere is left alone"
        );
        assert!(other.exists(), "not the writer's file");
    }

    #[test]
    fn future_format_version_is_refused_with_position() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Probe {
            format_version: u32,
        }
        let problem =
            parse_ron::<Probe>(Path::new("f.ron"), "(\n  format_version: 9,\n)").unwrap_err();
        assert_eq!(problem.line, Some(2));
        assert_eq!(problem.column, Some(3));
        assert!(problem.message.contains("newer than this app"));
    }
}
