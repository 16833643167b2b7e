//! File I/O shared by every kind of file the app owns: the one atomic writer (temp file in the same
//! folder, fsync, rename), the one RON reader whose errors carry path, line and column, and the
//! slugging that turns a participant's label into a safe, unique file name.

pub mod catalog;
pub mod csv_format;
pub mod folder;
pub mod paths;
pub mod response_reader;
pub mod watch;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::questionnaire::FORMAT_VERSION;

/// Something wrong with one file. Displayed as `path:line:col: message` (position when known), which
/// editors and terminals turn into a link.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Whether the file itself is wrong or could not be read at all; decides exit codes without
    /// reading the message.
    #[serde(skip)]
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProblemKind {
    /// The file (or value) exists but is wrong: bad syntax, meaning, size or encoding.
    #[default]
    Invalid,
    /// The file could not be read at all: missing, not a regular file, not permitted.
    Unreadable,
    /// The file or folder could not be written: not permitted, a full disk, a closed output.
    Unwritable,
}

impl Problem {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            kind: ProblemKind::Invalid,
        }
    }

    /// A file that could not be read at all (see [`ProblemKind::Unreadable`]).
    pub fn unreadable(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            kind: ProblemKind::Unreadable,
            ..Self::new(path, message)
        }
    }

    /// A file or folder that could not be written (see [`ProblemKind::Unwritable`]).
    pub fn unwritable(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            kind: ProblemKind::Unwritable,
            ..Self::new(path, message)
        }
    }

    /// The same problem, of another kind.
    pub fn with_kind(mut self, kind: ProblemKind) -> Self {
        self.kind = kind;
        self
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
    write_atomic_with(path, durability, |file| file.write_all(bytes))
}

/// The one writer behind every file the app produces: `write` fills a temporary file in the
/// destination's folder, which is flushed, synced and renamed over `path` only if every step
/// succeeded. A failed write (a full disk) leaves the old file as it was; a symlink at `path` is
/// replaced by the new file, never written through.
pub fn write_atomic_with(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temp = write_temp(path, durability, write)?;
    temp.persist(path).map_err(|error| error.error)?;
    finish_rename(path, durability);
    Ok(())
}

/// Like [`write_atomic`], but never replaces anything: fails with `AlreadyExists` when `path`
/// exists (checked by the rename itself, so a file appearing meanwhile is not lost either).
pub fn write_atomic_new(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let temp = write_temp(path, durability, |file| file.write_all(bytes))?;
    temp.persist_noclobber(path).map_err(|error| error.error)?;
    finish_rename(path, durability);
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A temporary file beside `path` holding what `write` wrote, flushed and (if asked) synced.
fn write_temp(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(parent_dir(path))?;
    {
        let mut writer = std::io::BufWriter::new(temp.as_file());
        write(&mut writer)?;
        writer.flush()?;
    }
    // Temp files are created private (0600); keep an existing file's mode, else the usual 0644, so
    // exports can be shared and replacing a file never changes who may read it. A symlink's own
    // mode says nothing, and its target's is not ours to copy.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::symlink_metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map_or(0o644, |meta| meta.permissions().mode());
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    if durability == Durability::Synced {
        temp.as_file().sync_all()?;
    }
    Ok(temp)
}

fn finish_rename(path: &Path, durability: Durability) {
    if durability == Durability::Synced {
        sync_dir(parent_dir(path));
    }
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
        .map_err(|error| Problem::unwritable(path, format!("could not write the file: {error}")))
}

/// Writes a value as a new RON file, atomically and durably, refusing to replace a file that is
/// already there (see [`write_atomic_new`]).
pub fn create_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), CreateError> {
    let mut text = to_ron(value).map_err(|error| Problem::new(path, error.to_string()))?;
    text.push('\n');
    write_atomic_new(path, text.as_bytes(), Durability::Synced).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            CreateError::AlreadyExists(path.to_path_buf())
        } else {
            Problem::unwritable(path, format!("could not write the file: {error}")).into()
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

/// Reads and parses a RON file of the given kind.
pub fn load_ron<T: DeserializeOwned>(path: &Path, kind: FileKind) -> Result<T, Problem> {
    parse_ron(path, &read_text(path, kind)?)
}

/// The kinds of file the app reads, each with a size cap far above any real file of its kind, so
/// a wrong or hostile file is refused before it fills memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Questionnaire,
    Workshop,
    Response,
    Csv,
}

impl FileKind {
    /// The bundled questionnaires are about 20 KiB, a workshop.ron with a long action plan a few
    /// KiB, a response with long notes some KiB, and a CSV of 10,000 answers a few MiB.
    pub fn max_bytes(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Self::Questionnaire => MIB,
            Self::Workshop | Self::Response => 4 * MIB,
            Self::Csv => 64 * MIB,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Self::Questionnaire => "a questionnaire file",
            Self::Workshop => "workshop.ron",
            Self::Response => "a response file",
            Self::Csv => "a CSV file",
        }
    }
}

/// Reads a text file of `kind`: see [`read_bytes`]; a UTF-8 byte-order mark is dropped and
/// invalid UTF-8 is reported with its line, column and byte offset.
pub fn read_text(path: &Path, kind: FileKind) -> Result<String, Problem> {
    decode_utf8(path, read_bytes(path, kind, None)?)
}

/// [`read_text`] for a file inside the folder `root` (a workshop): a symbolic link that leads
/// outside it is reported, not followed, so a shared folder cannot make the app read elsewhere.
pub fn read_text_inside(path: &Path, kind: FileKind, root: &Path) -> Result<String, Problem> {
    decode_utf8(path, read_bytes(path, kind, Some(root))?)
}

/// Reads at most the cap of `kind` from a regular file. Named pipes, devices, sockets and folders
/// are reported without being opened (a pipe would block for ever, `/dev/zero` never ends), and
/// the file is opened non-blocking in case it is swapped for one between the check and the open.
pub fn read_bytes(path: &Path, kind: FileKind, root: Option<&Path>) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| {
        let message = match error.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_owned(),
            _ => format!("could not read the file: {error}"),
        };
        Problem::unreadable(path, message)
    };
    // One `lstat` for an ordinary file; only a symbolic link costs more.
    let mut meta = std::fs::symlink_metadata(path).map_err(unreadable)?;
    if meta.file_type().is_symlink() {
        if let Some(root) = root {
            check_inside(path, root)?;
        }
        meta = std::fs::metadata(path).map_err(unreadable)?;
    }
    if !meta.is_file() {
        return Err(Problem::unreadable(
            path,
            format!(
                "{} is not a regular file; only regular files are read",
                describe_file_type(&meta.file_type())
            ),
        ));
    }
    let cap = kind.max_bytes();
    let too_large = || {
        Problem::new(
            path,
            format!(
                "the file is larger than {}, the most {} may be; it was not read",
                describe_size(cap),
                kind.noun()
            ),
        )
    };
    if meta.len() > cap {
        return Err(too_large());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    // Reading one byte past the cap tells a file that grew since the check from one that did not.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reports `path` when it is a symbolic link that resolves outside `root`.
pub fn check_inside(path: &Path, root: &Path) -> Result<(), Problem> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    if !is_link {
        return Ok(());
    }
    let target = std::fs::canonicalize(path)
        .map_err(|error| Problem::unreadable(path, format!("a broken symbolic link: {error}")))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if target.starts_with(&root) {
        Ok(())
    } else {
        Err(Problem::unreadable(
            path,
            format!(
                "a symbolic link to {}, outside the workshop folder {}; it was not followed. \
                 Copy the file into the folder instead",
                target.display(),
                root.display()
            ),
        ))
    }
}

fn describe_file_type(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "this"
    }
}

fn describe_size(bytes: u64) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}

/// UTF-8 text without a leading byte-order mark (some Windows editors write one), or a problem
/// placing the first invalid byte by line, column and offset.
fn decode_utf8(path: &Path, mut bytes: Vec<u8>) -> Result<String, Problem> {
    const BOM: &[u8] = b"\xef\xbb\xbf";
    let bom_len = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom_len);
    String::from_utf8(bytes).map_err(|error| {
        let valid_len = error.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&error.as_bytes()[..valid_len]).unwrap_or_default();
        let offset = bom_len + valid_len;
        let line = valid.matches('\n').count() + 1;
        let column = valid[valid.rfind('\n').map_or(0, |newline| newline + 1)..]
            .chars()
            .count()
            + 1;
        Problem::new(
            path,
            format!("invalid UTF-8 at byte {offset}; save the file as UTF-8 text"),
        )
        .at(line, column)
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

/// `text` as it may appear in any output (SVG, HTML, CSV): tab and newline kept, other whitespace
/// controls (carriage return, form feed, …) turned into spaces, every other control character and
/// the XML non-characters U+FFFE/U+FFFF dropped. They make SVG ill-formed and hide in spreadsheets.
pub fn without_control_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\t' && c != '\n') || is_xml_nonchar(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' => Some(c),
            c if c.is_control() && c.is_whitespace() => Some(' '),
            c if unsafe_char(c) => None,
            c => Some(c),
        })
        .collect()
}

fn is_xml_nonchar(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FFFF}')
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

/// Reads a response file: the fast reader when the file is laid out as the app writes it,
/// `ron` otherwise (which also gives any error its line and column).
pub fn read_response(path: &Path) -> Result<crate::model::response::Response, Problem> {
    parse_response(path, &read_text(path, FileKind::Response)?)
}

/// [`read_response`] for text already read; `path` labels the errors.
pub fn parse_response(
    path: &Path,
    text: &str,
) -> Result<crate::model::response::Response, Problem> {
    match response_reader::read(text) {
        Some(response) => Ok(response),
        None => parse_ron(path, text),
    }
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_destination_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let link = dir.path().join("chart.png");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"new chart", Durability::Synced).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&link).unwrap(), b"new chart");
    }

    #[test]
    fn a_write_failing_midway_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.png");
        write_atomic(&path, b"good old chart", Durability::Synced).unwrap();
        // What a full disk does: some bytes go out, then the write fails.
        let error = write_atomic_with(&path, Durability::Synced, |out| {
            out.write_all(b"half a ch")?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        })
        .unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&path).unwrap(), b"good old chart");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the temporary file is removed");
    }

    #[test]
    fn writing_a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic_new(&path, b"first", Durability::Synced).unwrap();
        let error = write_atomic_new(&path, b"second", Durability::Synced).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn control_characters_never_reach_an_output() {
        assert_eq!(
            without_control_chars("Sales\tEMEA\nteam"),
            "Sales\tEMEA\nteam"
        );
        assert_eq!(
            without_control_chars("a\u{0}b\u{1b}[31mc\r\nd\u{7f}\u{85}e\u{FFFF}"),
            "ab[31mc \nd e"
        );
        assert!(matches!(
            without_control_chars("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_bom_is_dropped_and_invalid_utf8_is_placed_in_the_file_as_written() {
        let path = Path::new("f.ron");
        assert_eq!(
            decode_utf8(path, b"\xef\xbb\xbf(a: 1)".to_vec()).unwrap(),
            "(a: 1)"
        );
        // Offsets count the BOM, as an editor's "go to byte" would; columns count characters.
        let problem =
            decode_utf8(path, b"\xef\xbb\xbf(\n  a: \"\xc3\xa9\xff\")".to_vec()).unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(8)));
        assert_eq!(
            problem.message,
            "invalid UTF-8 at byte 13; save the file as UTF-8 text"
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_within_the_cap_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.ron");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let problem = read_text(&fifo, FileKind::Response).unwrap_err();
        assert_eq!(problem.kind, ProblemKind::Unreadable);
        assert!(
            problem
                .message
                .starts_with("a named pipe (FIFO) is not a regular file")
        );
        let problem = read_text(dir.path(), FileKind::Response).unwrap_err();
        assert!(
            problem
                .message
                .starts_with("a folder is not a regular file")
        );

        let exact = dir.path().join("exact.ron");
        std::fs::write(
            &exact,
            vec![b' '; FileKind::Questionnaire.max_bytes() as usize],
        )
        .unwrap();
        assert!(read_text(&exact, FileKind::Questionnaire).is_ok());
        std::fs::write(
            &exact,
            vec![b' '; FileKind::Questionnaire.max_bytes() as usize + 1],
        )
        .unwrap();
        let problem = read_text(&exact, FileKind::Questionnaire).unwrap_err();
        assert_eq!(problem.kind, ProblemKind::Invalid);
        assert!(problem.message.contains("larger than 1 MiB"), "{problem}");
    }

    #[test]
    fn creating_never_replaces_a_file_another_program_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic_new(&path, b"theirs", Durability::Synced).unwrap();
        let error = write_atomic_new(&path, b"ours", Durability::Synced).unwrap_err();
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
