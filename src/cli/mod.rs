//! The command line: argument parsing (clap) and one function per command. Every command returns
//! an [`ExitCode`]-style number: 0 ok, 1 invalid input (a bad file, an unknown option value, an
//! empty workshop), 2 error (a missing file, an unwritable folder).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::scoring::{self, ScoreOptions};
use crate::inputs::demo;
use crate::model::workshop::{SettingsChange, Workshop};
use crate::outputs::export;
use crate::storage::catalog::{Catalog, Source};
use crate::storage::folder::{LoadedResponse, SettingsError, WorkshopFolder};
use crate::storage::{self, Problem, ProblemKind};

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "hero-readiness",
    version,
    about = "Measure how ready a team is to have HEROes, and what stands in the way.",
    long_about = "HERO Readiness runs the HERO Index, roadblock, effort–value and customer-dialogue \
                  questionnaires with a team and scores them. With no command it opens the desktop app."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the bundled questionnaires and the user's own.
    List,
    /// Check questionnaire files for syntax and meaning. Exit 0 valid, 1 invalid, 2 could not run.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a realistic sample workshop into DIR, deterministic for a seed.
    Demo {
        dir: PathBuf,
        #[arg(long, default_value_t = demo::DEFAULT_PARTICIPANTS)]
        participants: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Score a workshop folder (or a single response file).
    Score {
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// HERO Index rule: 2010 (two or more unsanctioned tools) or 2011 (one or more).
        #[arg(long)]
        rule: Option<String>,
        /// Score one group only (refused below the anonymity threshold).
        #[arg(long)]
        group: Option<String>,
    },
    /// Draw one chart of a workshop to a PNG or SVG file.
    Chart {
        dir: PathBuf,
        /// quadrant, segments, roadblocks, roadblock-bars, items, effort-value or compare.
        #[arg(long)]
        kind: String,
        /// FILE.png or FILE.svg (not `-`: standard output cannot say which).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1600)]
        width: u32,
        #[arg(long, default_value_t = 1000)]
        height: u32,
        /// Pixel multiplier for PNG (2 for print).
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        #[arg(long, default_value = "light")]
        theme: String,
        /// Chart one group only (refused below the anonymity threshold).
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        rule: Option<String>,
    },
    /// Draw every chart that applies, as PNG and SVG, into OUT_DIR.
    Charts {
        dir: PathBuf,
        #[arg(long)]
        out_dir: PathBuf,
        #[arg(long, default_value = "light")]
        theme: String,
        #[arg(long)]
        rule: Option<String>,
    },
    /// Export the raw answers as CSV, with FILE.projects.csv and FILE.codebook.csv beside it.
    ExportCsv {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import answers from a CSV file in the layout export-csv writes (FILE.projects.csv beside
    /// it is read too). Exit 1 if any row was left out.
    ImportCsv {
        file: PathBuf,
        /// The workshop folder to add the responses to.
        #[arg(long)]
        into: PathBuf,
    },
    /// Compare workshops of the same team (waves), oldest first: change per dimension and per
    /// HERO segment, with 95% intervals.
    Compare {
        #[arg(required = true, num_args = 2..)]
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// HERO Index rule for every wave (default: the first workshop's).
        #[arg(long)]
        rule: Option<String>,
        /// Compare one group only (refused where it is below the anonymity threshold).
        #[arg(long)]
        group: Option<String>,
        /// Also draw the dimension means per wave to FILE.png or FILE.svg.
        #[arg(long)]
        chart: Option<PathBuf>,
    },
    /// Write a one-file HTML report of a workshop (prints to PDF from any browser).
    Report {
        dir: PathBuf,
        /// FILE.html, or `-` for standard output.
        #[arg(long)]
        out: PathBuf,
        /// Name participants in the report even if the workshop does not allow it.
        #[arg(long)]
        show_labels: bool,
    },
    /// Change a workshop's settings after it was created; prints the settings it now has.
    Set {
        dir: PathBuf,
        /// Groups (and figures) with fewer people are never shown apart: at least 3, and 5 or
        /// more where you can.
        #[arg(long)]
        anonymity_threshold: Option<usize>,
        /// HERO Index rule: 2010 or 2011.
        #[arg(long)]
        rule: Option<String>,
        #[arg(long)]
        title: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Runs one command, writing results to `out` and messages to `err`; returns the exit code.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match command {
        Command::List => list(out),
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
        } => score(&dir, format, rule, group, out, err),
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
        } => all_charts(&dir, &out_dir, &theme, rule, out),
        Command::ExportCsv { dir, out: file } => export_csv(&dir, &file, out, err),
        Command::ImportCsv { file, into } => import_csv(&file, &into, out, err),
        Command::Compare {
            dirs,
            format,
            rule,
            group,
            chart,
        } => compare_waves(&dirs, format, rule, group, chart.as_deref(), out, err),
        Command::Report {
            dir,
            out: file,
            show_labels,
        } => write_report(&dir, &file, show_labels, out, err),
        Command::Set {
            dir,
            anonymity_threshold,
            rule,
            title,
        } => set_settings(
            &dir,
            &SettingsChange {
                title,
                rule,
                anonymity_threshold,
            },
            out,
            err,
        ),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            let _ = writeln!(err, "error: {}", failure.problem);
            failure.code
        }
    }
}

/// A problem and the exit code it deserves.
pub struct Failure {
    pub problem: Problem,
    pub code: u8,
}

impl Failure {
    pub fn invalid(problem: Problem) -> Self {
        Self {
            problem,
            code: EXIT_INVALID,
        }
    }

    pub fn error(problem: Problem) -> Self {
        Self {
            problem,
            code: EXIT_ERROR,
        }
    }

    /// Missing or unreadable files are errors (2); files that exist but are wrong are invalid (1).
    pub fn from_load(problem: Problem) -> Self {
        match problem.kind {
            ProblemKind::Invalid => Self::invalid(problem),
            ProblemKind::Unreadable => Self::error(problem),
        }
    }
}

type CommandResult = Result<u8, Failure>;

fn list(out: &mut dyn Write) -> CommandResult {
    let catalog = Catalog::load(None);
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
    if let Some(dir) = crate::storage::catalog::user_questionnaire_dir() {
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
                    let failure = Failure::from_load(problem);
                    let _ = writeln!(err, "{}", failure.problem);
                    worst = worst.max(failure.code);
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
        return Err(Failure::invalid(Problem::new(
            dir,
            format!(
                "--participants must be between 1 and {}",
                demo::MAX_PARTICIPANTS
            ),
        )));
    }
    let workshop = demo::write_demo(dir, participants, seed).map_err(Failure::error)?;
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
pub fn open_target(path: &Path) -> Result<WorkshopFolder, Failure> {
    if path.exists() && !path.is_dir() {
        let response = crate::storage::read_response(path).map_err(Failure::from_load)?;
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
        let catalog = Catalog::load(None);
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
        return Err(Failure::error(Problem::new(
            path,
            "no such workshop folder or response file",
        )));
    }
    WorkshopFolder::open(path).map_err(Failure::from_load)
}

fn score(
    dir: &Path,
    format: Format,
    rule: Option<String>,
    group: Option<String>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let folder = open_target(dir)?;
    if let Some(rule) = &rule {
        let known = folder.known_rules();
        if !known.is_empty() && !known.contains(rule) {
            return Err(Failure::invalid(Problem::new(
                dir,
                format!(
                    "unknown rule \"{rule}\"; expected one of {}",
                    known.join(", ")
                ),
            )));
        }
    }
    let score = scoring::score_workshop(&folder, &ScoreOptions { rule, group });
    let text = match format {
        Format::Table => export::score_table(&score),
        Format::Json => serde_json::to_string_pretty(&score).unwrap_or_default() + "\n",
        Format::Csv => export::score_csv(&score),
    };
    let _ = out.write_all(text.as_bytes());
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

fn export_csv(dir: &Path, file: &Path, out: &mut dyn Write, err: &mut dyn Write) -> CommandResult {
    refuse_stdout(
        file,
        "export-csv writes three files (answers, projects, codebook); name the first, e.g. \
         --out answers.csv",
    )?;
    let folder = open_target(dir)?;
    let files = export::export_csv(&folder, file).map_err(Failure::error)?;
    for path in [&files.answers, &files.projects, &files.codebook] {
        let _ = writeln!(out, "wrote {}", path.display());
    }
    for problem in &folder.problems {
        let _ = writeln!(err, "problem: {problem}");
    }
    Ok(if folder.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
}

fn import_csv(file: &Path, into: &Path, out: &mut dyn Write, err: &mut dyn Write) -> CommandResult {
    if !into.join(crate::storage::folder::WORKSHOP_FILE).is_file() {
        return Err(Failure::error(Problem::new(
            into,
            "no workshop here; create one (or run `hero-readiness demo`) first",
        )));
    }
    let mut folder = WorkshopFolder::open(into).map_err(Failure::from_load)?;
    let report = crate::inputs::import::import_csv(&mut folder, file).map_err(|error| {
        let unreadable = matches!(
            error.kind,
            crate::inputs::import::ImportErrorKind::Unreadable(_)
        );
        let problem = Problem::from(error);
        if unreadable {
            Failure::error(problem)
        } else {
            Failure::invalid(problem)
        }
    })?;
    let _ = writeln!(
        out,
        "imported {} response{} into {}",
        report.written.len(),
        if report.written.len() == 1 { "" } else { "s" },
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

fn compare_waves(
    dirs: &[PathBuf],
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
        .map(|dir| open_target(dir))
        .collect::<Result<Vec<_>, _>>()?;
    let options = crate::analysis::waves::CompareOptions { rule, group };
    let comparison = crate::analysis::waves::compare(&folders, &options).map_err(|error| {
        Failure::invalid(Problem::new(
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
            return Err(Failure::invalid(Problem::new(
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
    file: &Path,
    show_labels: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    let folder = open_target(dir)?;
    let options = crate::outputs::report::ReportOptions { show_labels };
    let html = crate::outputs::report::report_for(&folder, &options);
    if is_stdout(file) {
        out.write_all(html.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|error| {
                Failure::error(Problem::new(
                    file,
                    format!("could not write the report to standard output: {error}"),
                ))
            })?;
    } else {
        storage::write_atomic(file, html.as_bytes(), storage::Durability::Synced).map_err(
            |error| {
                Failure::error(Problem::new(
                    file,
                    format!("could not write the report: {error}"),
                ))
            },
        )?;
        let _ = writeln!(out, "wrote {}", file.display());
    }
    for problem in &folder.problems {
        let _ = writeln!(err, "problem: {problem}");
    }
    Ok(if folder.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}

fn set_settings(
    dir: &Path,
    change: &SettingsChange,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CommandResult {
    if !dir.join(crate::storage::folder::WORKSHOP_FILE).is_file() {
        return Err(Failure::error(Problem::new(
            dir,
            "no workshop here; give the folder that holds workshop.ron",
        )));
    }
    let mut folder = WorkshopFolder::open(dir).map_err(Failure::from_load)?;
    let warnings = folder
        .update_settings(change)
        .map_err(|error| match error {
            SettingsError::Refused(problem) => Failure::invalid(problem),
            SettingsError::Write(problem) => Failure::error(problem),
        })?;
    let workshop = &folder.workshop;
    let _ = writeln!(
        out,
        "{}: title \"{}\", rule {}, anonymity threshold {}",
        dir.join(crate::storage::folder::WORKSHOP_FILE).display(),
        workshop.title,
        workshop.rule,
        workshop.anonymity_threshold
    );
    for warning in warnings.iter().chain(&folder.warnings) {
        let _ = writeln!(err, "warning: {warning}");
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
        return Err(Failure::invalid(Problem::new(path, why)));
    }
    Ok(())
}

/// Size, look and selection of a `chart` command.
struct ChartSettings {
    width: u32,
    height: u32,
    scale: f64,
    theme: String,
    group: Option<String>,
    rule: Option<String>,
}

fn parse_theme(theme: &str, dir: &Path) -> Result<crate::outputs::charts::Theme, Failure> {
    theme
        .parse()
        .map_err(|message: String| Failure::invalid(Problem::new(dir, message)))
}

/// Scores the workshop for charting; an empty workshop is invalid input for a chart.
fn score_for_charts(
    dir: &Path,
    rule: Option<String>,
    group: Option<String>,
) -> Result<(WorkshopFolder, scoring::WorkshopScore), Failure> {
    let folder = open_target(dir)?;
    let score = scoring::score_workshop(&folder, &ScoreOptions { rule, group });
    if score.respondents == 0 {
        return Err(Failure::invalid(Problem::new(
            dir,
            "no completed responses yet; there is nothing to chart",
        )));
    }
    Ok((folder, score))
}

fn chart(
    dir: &Path,
    kind: &str,
    file: &Path,
    settings: ChartSettings,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::outputs::charts::{self, ChartKind, ExportOptions};
    refuse_stdout(
        file,
        "standard output cannot say whether the chart is PNG or SVG; name a file ending in .png \
         or .svg",
    )?;
    let kind: ChartKind = kind.parse().map_err(|error: charts::ChartError| {
        Failure::invalid(Problem::new(dir, error.to_string()))
    })?;
    let options = ExportOptions {
        width_px: settings.width,
        height_px: settings.height,
        scale: settings.scale,
        theme: parse_theme(&settings.theme, dir)?,
    };
    options
        .pixel_size()
        .map_err(|error| Failure::invalid(Problem::new(file, error.to_string())))?;
    let (folder, score) = score_for_charts(dir, settings.rule, settings.group)?;
    let data = charts::from_score::chart_for(kind, &score, &folder.catalog)
        .map_err(|error| Failure::invalid(Problem::new(dir, error.to_string())))?;
    export_chart(file, &data, &options)?;
    let _ = writeln!(out, "wrote {}", file.display());
    Ok(EXIT_OK)
}

/// Writes a chart to the file the user named: an extension we cannot write is their input to fix
/// (exit 1), anything else (an unwritable folder, say) an error (exit 2).
fn export_chart(
    file: &Path,
    data: &crate::outputs::charts::ChartData,
    options: &crate::outputs::charts::ExportOptions,
) -> Result<(), Failure> {
    crate::outputs::charts::export(file, data, options).map_err(|error| match error {
        crate::outputs::charts::ChartError::UnsupportedFormat { .. } => {
            Failure::invalid(Problem::new(file, error.to_string()))
        }
        other => Failure::error(Problem::new(file, other.to_string())),
    })
}

fn all_charts(
    dir: &Path,
    out_dir: &Path,
    theme: &str,
    rule: Option<String>,
    out: &mut dyn Write,
) -> CommandResult {
    use crate::outputs::charts::{self, ExportOptions};
    let options = ExportOptions {
        theme: parse_theme(theme, dir)?,
        ..ExportOptions::default()
    };
    let (folder, score) = score_for_charts(dir, rule, None)?;
    std::fs::create_dir_all(out_dir).map_err(|error| {
        Failure::error(Problem::new(
            out_dir,
            format!("could not create the folder: {error}"),
        ))
    })?;
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for (questionnaire, data) in charts::from_score::charts_for(&score, &folder.catalog) {
        // The id comes from a file: slugged, so `../x` cannot leave the folder. Several item charts
        // per questionnaire (or ids slugging alike) are numbered so no file overwrites another.
        let stem = format!("{}-{}", storage::slug(&questionnaire), data.kind().as_str());
        let count = seen.entry(stem.clone()).or_default();
        *count += 1;
        let stem = if *count == 1 {
            stem
        } else {
            format!("{stem}-{count}")
        };
        for extension in ["png", "svg"] {
            let path = out_dir.join(format!("{stem}.{extension}"));
            charts::export(&path, &data, &options)
                .map_err(|error| Failure::error(Problem::new(&path, error.to_string())))?;
            let _ = writeln!(out, "wrote {}", path.display());
        }
    }
    Ok(EXIT_OK)
}
