//! The command line: argument parsing (clap) and one function per command. Every command returns
//! an [`ExitCode`]-style number: 0 ok, 1 invalid input (a bad file, an unknown option value, an
//! empty workshop), 2 error (a missing file, an unwritable folder).

mod args;
mod charts;

use charts::{ChartSettings, all_charts, chart, export_chart};

pub use args::{Cli, Command, CompareFormat, Format};

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::scoring::{self, ScoreOptions};
use crate::inputs::demo;
use crate::model::workshop::{SettingsChange, Workshop};
use crate::outputs::export;
use crate::session::{self, ErrorKind, SessionError, WorkshopDraft};
use crate::storage::catalog::{Catalog, Source};
use crate::storage::folder::{LoadedResponse, WorkshopFolder};
use crate::storage::paths::Paths;
use crate::storage::{self, Problem, ProblemKind};

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Runs one command, writing results to `out` and messages to `err`; returns the exit code.
/// `paths` says where the user's own questionnaires live (built from the environment in `main`).
///
/// Output goes through [`Output`]: a closed standard output (`| head`) is not an error and keeps
/// the command's own exit code, as in ripgrep; any other failed write to it is an error (2).
pub fn run(command: Command, paths: &Paths, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut output = Output::new(out);
    let code = run_command(command, paths, &mut output, err);
    // Whatever a line buffer still holds is written now, so its failure is seen too.
    let _ = output.flush();
    match output.failed {
        None => code,
        Some(std::io::ErrorKind::BrokenPipe) => code,
        Some(kind) => {
            let error = std::io::Error::from(kind);
            let _ = writeln!(err, "error: could not write to standard output: {error}");
            EXIT_ERROR
        }
    }
}

fn run_command(command: Command, paths: &Paths, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match command {
        Command::List => list(paths, out),
        Command::Validate { files } => validate_files(&files, out, err),
        Command::Demo {
            dir,
            participants,
            seed,
        } => run_demo(&dir, participants, seed, out),
        Command::Score {
            dir,
            format,
            rule,
            group,
        } => score(&dir, paths, format, rule, group, out, err),
        Command::Chart {
            dir,
            kind,
            out: file,
            width,
            height,
            scale,
            theme,
            group,
            rule,
        } => chart(
            &dir,
            paths,
            &kind,
            &file,
            ChartSettings {
                width,
                height,
                scale,
                theme,
                group,
                rule,
            },
            out,
        ),
        Command::Charts {
            dir,
            out_dir,
            theme,
            rule,
        } => all_charts(&dir, paths, &out_dir, &theme, rule, out),
        Command::ExportCsv { dir, out: file } => export_csv(&dir, paths, &file, out, err),
        Command::ImportCsv { file, into } => import_csv(&file, &into, paths, out, err),
        Command::Compare {
            dirs,
            format,
            rule,
            group,
            chart,
        } => compare_waves(
            &dirs,
            paths,
            format,
            rule,
            group,
            chart.as_deref(),
            out,
            err,
        ),
        Command::Report {
            dir,
            out: file,
            show_labels,
        } => write_report(&dir, paths, &file, show_labels, out, err),
        Command::New {
            dir,
            title,
            date,
            facilitator,
            questionnaires,
            groups,
            projects,
            channels,
            anonymity_threshold,
            rule,
        } => {
            let catalog = Catalog::load(None, paths);
            let draft = WorkshopDraft {
                title,
                date: date.unwrap_or_else(|| chrono::Utc::now().date_naive().to_string()),
                facilitator,
                questionnaires: questionnaires.unwrap_or_else(|| {
                    catalog
                        .entries
                        .iter()
                        .map(|entry| entry.questionnaire.id.clone())
                        .collect()
                }),
                groups,
                projects,
                channels,
                anonymity_threshold,
                rule,
            };
            new_workshop(&dir, &draft, &catalog, out, err)
        }
        Command::Set {
            dir,
            anonymity_threshold,
            rule,
            title,
            channels,
        } => set_settings(
            &dir,
            paths,
            &SettingsChange {
                title,
                rule,
                anonymity_threshold,
                channels,
            },
            out,
            err,
        ),
        Command::Serve { dir, bind, port } => serve(&dir, bind, port, paths, out),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(err, "error: {}", failure.problem);
            failure.code()
        }
    }
}

/// Standard output as the commands see it. It remembers the first failed write and refuses every
/// later one, so a command's writes need no error handling of their own and [`run`] handles the
/// failure exactly once.
struct Output<'a> {
    inner: &'a mut dyn Write,
    failed: Option<std::io::ErrorKind>,
}

impl<'a> Output<'a> {
    fn new(inner: &'a mut dyn Write) -> Self {
        Self {
            inner,
            failed: None,
        }
    }

    fn remember<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(error) = &result
            && error.kind() != std::io::ErrorKind::Interrupted
        {
            self.failed.get_or_insert(error.kind());
        }
        result
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(kind) = self.failed {
            return Err(kind.into());
        }
        let result = self.inner.write(buf);
        self.remember(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(kind) = self.failed {
            return Err(kind.into());
        }
        let result = self.inner.flush();
        self.remember(result)
    }
}

/// Why a command stopped: a problem, whose kind decides the exit code.
pub struct Failure {
    pub problem: Problem,
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        Self { problem }
    }
}

impl Failure {
    pub fn code(&self) -> u8 {
        exit_code(self.problem.kind)
    }

    /// A session error by its kind: a refused value is invalid input (1), a failed write means the
    /// command could not run (2). Errors without a file of their own name `dir`.
    pub fn from_session(error: SessionError, dir: &Path) -> Self {
        let kind = match error.kind() {
            ErrorKind::Refused => ProblemKind::Invalid,
            ErrorKind::Failed => ProblemKind::Unwritable,
        };
        let problem = match error {
            SessionError::Invalid(problem) | SessionError::Write(problem) => problem,
            error => Problem::new(dir, error.to_string()),
        };
        Self::from(problem.with_kind(kind))
    }
}

/// The one place exit codes are chosen, from the kind of problem (never from its message): input
/// that exists but is wrong is invalid (1); input that cannot be read or output that cannot be
/// written means the command could not run (2).
pub fn exit_code(kind: ProblemKind) -> u8 {
    match kind {
        ProblemKind::Invalid => EXIT_INVALID,
        ProblemKind::Unreadable | ProblemKind::Unwritable => EXIT_ERROR,
    }
}

/// Prints the files that could not be read (the rest were used) and gives the exit code for a
/// command that otherwise succeeded: 0, or 1 when something was left out.
fn problems_exit(problems: &[Problem], err: &mut dyn Write) -> u8 {
    for problem in problems {
        let _ = writeln!(err, "problem: {problem}");
    }
    if problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    }
}

type CommandResult = Result<u8, Failure>;

fn serve(
    dir: &Path,
    bind: Option<std::net::IpAddr>,
    port: u16,
    paths: &Paths,
    out: &mut dyn Write,
) -> CommandResult {
    let folder = open_workshop_dir(
        dir,
        paths,
        "no workshop here; create one (or run `hero-readiness demo`) first",
    )?;
    let mut config = crate::room::RoomConfig {
        port,
        ..Default::default()
    };
    if let Some(bind) = bind {
        config.bind = bind;
    }
    match crate::room::serve_command(&folder, config, out) {
        Ok(_) => Ok(EXIT_OK),
        Err(crate::room::RoomError::Folder(problem)) => Err(Failure::from(problem)),
        Err(error) => Err(Failure::from(Problem::unwritable(dir, error.to_string()))),
    }
}

fn list(paths: &Paths, out: &mut dyn Write) -> CommandResult {
    let catalog = Catalog::load(None, paths);
    for entry in &catalog.entries {
        let q = &entry.questionnaire;
        let source = match &entry.source {
            Source::Bundled => "bundled".to_owned(),
            Source::User(path) | Source::Workshop(path) => path.display().to_string(),
        };
        let _ = writeln!(
            out,
            "{:<20} v{:<3} {:>3} items  {}  [{}]",
            q.id,
            q.version,
            q.items.len(),
            q.title,
            source
        );
    }
    for rejected in &catalog.rejected {
        let count = rejected.problems.len();
        let _ = writeln!(
            out,
            "{:<20} not loaded: {count} problem{} (below)  [{}]",
            rejected.id,
            if count == 1 { "" } else { "s" },
            rejected.path.display()
        );
    }
    if let Some(dir) = paths.questionnaire_dir() {
        let _ = writeln!(out, "\nYour own questionnaires go in {}", dir.display());
    }
    for problem in &catalog.problems {
        let _ = writeln!(out, "problem: {problem}");
    }
    Ok(if catalog.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

fn validate_files(files: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> CommandResult {
    let mut worst = EXIT_OK;
    for path in files {
        match crate::storage::catalog::load_questionnaire(path) {
            Err(rejection) => {
                for problem in rejection.problems {
                    let _ = writeln!(err, "{problem}");
                    worst = worst.max(exit_code(problem.kind));
                }
            }
            Ok(questionnaire) => {
                let _ = writeln!(
                    out,
                    "{}: ok ({} v{}, {} items)",
                    path.display(),
                    questionnaire.id,
                    questionnaire.version,
                    questionnaire.items.len()
                );
            }
        }
    }
    Ok(worst)
}

fn run_demo(dir: &Path, participants: usize, seed: u64, out: &mut dyn Write) -> CommandResult {
    if participants == 0 || participants > demo::MAX_PARTICIPANTS {
        return Err(Failure::from(Problem::new(
            dir,
            format!(
                "--participants must be between 1 and {}",
                demo::MAX_PARTICIPANTS
            ),
        )));
    }
    let workshop = demo::write_demo(dir, participants, seed).map_err(Failure::from)?;
    let _ = writeln!(
        out,
        "Wrote \"{}\" with {participants} participants to {}",
        workshop.title,
        dir.display()
    );
    Ok(EXIT_OK)
}

/// Opens a workshop folder, or wraps a single response file (a self-assessment) as a one-person
/// workshop. Anything that exists and is not a folder is read as a response file, which reports
/// a pipe or a device instead of calling it missing.
pub fn open_target(path: &Path, paths: &Paths) -> Result<WorkshopFolder, Failure> {
    if path.exists() && !path.is_dir() {
        let response = crate::storage::read_response(path).map_err(Failure::from)?;
        let mut workshop = Workshop::new(
            response
                .label
                .clone()
                .unwrap_or_else(|| "Self-assessment".to_owned()),
            response.started_at.date_naive(),
        );
        workshop.questionnaires = response
            .sections
            .iter()
            .map(|section| section.questionnaire.to_string())
            .collect();
        workshop.questionnaires.dedup();
        workshop.self_assessment = true;
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let catalog = Catalog::load(None, paths);
        let responses = vec![LoadedResponse {
            path: path.to_path_buf(),
            response,
        }];
        return Ok(WorkshopFolder {
            problems: crate::storage::folder::unscorable_responses(&catalog, &responses),
            catalog,
            dir,
            workshop_base: workshop.clone(),
            workshop,
            responses,
            warnings: Vec::new(),
        });
    }
    if !path.is_dir() {
        return Err(Failure::from(Problem::unreadable(
            path,
            "no such workshop folder or response file",
        )));
    }
    WorkshopFolder::open_with(path, paths).map_err(Failure::from)
}

fn score(
    dir: &Path,
    paths: &Paths,
    format: Format,
    rule: Option<String>,
    group: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let folder = open_target(dir, paths)?;
    let score = scoring::score_workshop(
        &folder,
        &ScoreOptions {
            rule: rule.clone(),
            group,
        },
    );
    // The score lists the rules its questionnaires offer; an unknown one is refused, not scored
    // under the default.
    if let Some(rule) = &rule
        && !score.rules.is_empty()
        && !score.rules.iter().any(|choice| &choice.id == rule)
    {
        let known: Vec<&str> = score
            .rules
            .iter()
            .map(|choice| choice.id.as_str())
            .collect();
        return Err(Failure::from(Problem::new(
            dir,
            format!(
                "unknown rule \"{rule}\"; expected one of {}",
                known.join(", ")
            ),
        )));
    }
    match format {
        Format::Table => {
            let _ = out.write_all(export::score_table(&score).as_bytes());
        }
        // Streamed rather than built as one string: for a large workshop the text is several
        // times the size of the score, and would set the peak memory of the whole run. Buffered,
        // because standard output flushes at every line otherwise. A failed write is recorded by
        // `out` (see `run`).
        Format::Json => {
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
            let _ = serde_json::to_writer_pretty(&mut buffered, &score)
                .map_err(std::io::Error::from)
                .and_then(|()| buffered.write_all(b"\n"))
                .and_then(|()| buffered.flush());
        }
        Format::Csv => {
            let _ = out.write_all(export::score_csv(&score).as_bytes());
        }
    }
    if format != Format::Table {
        for problem in &score.problems {
            let _ = writeln!(err, "problem: {problem}");
        }
    }
    Ok(if score.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

fn export_csv(
    dir: &Path,
    paths: &Paths,
    file: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    refuse_stdout(
        file,
        "export-csv writes three files (answers, projects, codebook); name the first, e.g. \
         --out answers.csv",
    )?;
    let folder = open_target(dir, paths)?;
    let files = export::export_csv(&folder, file).map_err(Failure::from)?;
    for path in [&files.answers, &files.projects, &files.codebook] {
        let _ = writeln!(out, "wrote {}", path.display());
    }
    Ok(problems_exit(&folder.problems, err))
}

/// Opens a workshop folder a command writes into; a folder without `workshop.ron` is refused with
/// `hint` (exit 2) rather than treated as an empty workshop.
fn open_workshop_dir(dir: &Path, paths: &Paths, hint: &str) -> Result<WorkshopFolder, Failure> {
    if !dir.join(crate::storage::folder::WORKSHOP_FILE).is_file() {
        return Err(Failure::from(Problem::unreadable(dir, hint)));
    }
    WorkshopFolder::open_with(dir, paths).map_err(Failure::from)
}

fn import_csv(
    file: &Path,
    into: &Path,
    paths: &Paths,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let mut folder = open_workshop_dir(
        into,
        paths,
        "no workshop here; create one (or run `hero-readiness demo`) first",
    )?;
    let report = crate::inputs::import::import_csv(&mut folder, file)
        .map_err(|error| Failure::from(Problem::from(error)))?;
    let _ = writeln!(
        out,
        "imported {} into {}",
        crate::model::text::count(report.written.len(), "response", "responses"),
        into.display()
    );
    for skipped in &report.already_present {
        let _ = writeln!(err, "skipped: {skipped}");
    }
    for problem in &report.problems {
        let _ = writeln!(err, "{problem}");
    }
    for failure in &report.write_failures {
        let _ = writeln!(err, "error: {failure}");
    }
    Ok(if !report.write_failures.is_empty() {
        EXIT_ERROR
    } else if !report.problems.is_empty() {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

#[allow(clippy::too_many_arguments)]
fn compare_waves(
    dirs: &[PathBuf],
    paths: &Paths,
    format: CompareFormat,
    rule: Option<String>,
    group: Option<String>,
    chart: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    if let Some(file) = chart {
        refuse_stdout(
            file,
            "standard output carries the comparison; name a file ending in .png or .svg",
        )?;
    }
    let folders = dirs
        .iter()
        .map(|dir| open_target(dir, paths))
        .collect::<Result<Vec<_>, _>>()?;
    let options = crate::analysis::waves::CompareOptions { rule, group };
    let comparison = crate::analysis::waves::compare(&folders, &options).map_err(|error| {
        Failure::from(Problem::new(
            dirs.first().cloned().unwrap_or_default(),
            error.to_string(),
        ))
    })?;
    let text = match format {
        CompareFormat::Table => crate::analysis::waves::comparison_table(&comparison),
        CompareFormat::Json => serde_json::to_string_pretty(&comparison).unwrap_or_default() + "\n",
    };
    let _ = out.write_all(text.as_bytes());
    if let Some(file) = chart {
        use crate::outputs::charts::{self, ExportOptions};
        let Some(data) = charts::from_score::waves_compared(&comparison, None) else {
            return Err(Failure::from(Problem::new(
                file,
                "no dimension is shared by every workshop; there is nothing to chart",
            )));
        };
        export_chart(file, &data, &ExportOptions::default())?;
        let _ = writeln!(err, "wrote {}", file.display());
    }
    Ok(EXIT_OK)
}

fn write_report(
    dir: &Path,
    paths: &Paths,
    file: &Path,
    show_labels: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let folder = open_target(dir, paths)?;
    let options = crate::outputs::report::ReportOptions { show_labels };
    let html = crate::outputs::report::report_for(&folder, &options);
    if is_stdout(file) {
        // A failed write is remembered by `Output` and handled once, in `run`.
        let _ = out.write_all(html.as_bytes());
    } else {
        storage::write_atomic(file, html.as_bytes(), storage::Durability::Synced).map_err(
            |error| {
                Failure::from(Problem::unwritable(
                    file,
                    format!("could not write the report: {error}"),
                ))
            },
        )?;
        let _ = writeln!(out, "wrote {}", file.display());
    }
    Ok(problems_exit(&folder.problems, err))
}

fn set_settings(
    dir: &Path,
    paths: &Paths,
    change: &SettingsChange,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let mut folder = open_workshop_dir(
        dir,
        paths,
        "no workshop here; give the folder that holds workshop.ron",
    )?;
    let warnings = session::update_settings(&mut folder, change)
        .map_err(|error| Failure::from_session(error, dir))?;
    let workshop = &folder.workshop;
    let _ = writeln!(
        out,
        "{}: title \"{}\", rule {}, anonymity threshold {}, channels: {}",
        dir.join(crate::storage::folder::WORKSHOP_FILE).display(),
        workshop.title,
        workshop.rule,
        workshop.anonymity_threshold,
        if workshop.channels.is_empty() {
            "none".to_owned()
        } else {
            workshop.channels.join(", ")
        }
    );
    for warning in warnings.iter().chain(&folder.warnings) {
        let _ = writeln!(err, "warning: {warning}");
    }
    Ok(EXIT_OK)
}

fn new_workshop(
    dir: &Path,
    draft: &WorkshopDraft,
    catalog: &Catalog,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let folder = session::create_workshop(dir, draft, catalog)
        .map_err(|error| Failure::from_session(error, dir))?;
    let workshop = &folder.workshop;
    let _ = writeln!(
        out,
        "{}: workshop \"{}\" of {} with {}",
        dir.join(crate::storage::folder::WORKSHOP_FILE).display(),
        workshop.title,
        workshop.date,
        workshop.questionnaires.join(", ")
    );
    if let Ok(Some(warning)) =
        crate::model::workshop::check_anonymity_threshold(workshop.anonymity_threshold)
    {
        let _ = writeln!(err, "warning: {warning}");
    }
    for warning in session::skipped_for_empty_lists(&folder) {
        let _ = writeln!(err, "warning: {warning} (--projects, --channels)");
    }
    Ok(EXIT_OK)
}

/// Whether `path` is `-`, the usual name for standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses `-` (exit 1) where an output cannot go to standard output, rather than writing a file
/// called `-`.
fn refuse_stdout(path: &Path, why: &str) -> Result<(), Failure> {
    if is_stdout(path) {
        return Err(Failure::from(Problem::new(path, why)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_kind_of_problem_not_its_wording() {
        // The same words, three kinds: only the kind decides.
        let problem = Problem::new("w/workshop.ron", "could not write the file");
        assert_eq!(Failure::from(problem.clone()).code(), EXIT_INVALID);
        let unreadable = problem.clone().with_kind(ProblemKind::Unreadable);
        assert_eq!(Failure::from(unreadable).code(), EXIT_ERROR);
        let unwritable = problem.with_kind(ProblemKind::Unwritable);
        assert_eq!(Failure::from(unwritable).code(), EXIT_ERROR);
    }
}
