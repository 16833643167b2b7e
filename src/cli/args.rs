//! The command line's arguments: every command and option, as clap parses them. What each
//! command does is in the parent module.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::inputs::demo;

#[derive(Debug, Parser)]
#[command(
    name = "hero-readiness",
    version,
    about = "Measure how ready a team is to have HEROes, and what stands in the way.",
    long_about = "HERO Readiness runs the HERO Index, roadblock, effort–value and customer-dialogue \
                  questionnaires with a team and scores them. With no command it opens the desktop app; \
                  with a PATH it opens the app on that workshop folder or response file.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A workshop folder or a response file to open in the desktop app (as a double-click does).
    #[arg(value_name = "PATH")]
    pub open: Option<PathBuf>,
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
    /// Create a workshop in DIR (empty or absent), with the same checks as the app's form.
    New {
        dir: PathBuf,
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        facilitator: String,
        /// Questionnaire ids, comma-separated (default: every one `list` shows).
        #[arg(long, value_delimiter = ',')]
        questionnaires: Option<Vec<String>>,
        #[arg(long, value_delimiter = ',')]
        groups: Vec<String>,
        /// Projects for the per-project questionnaire, comma-separated.
        #[arg(long, value_delimiter = ',')]
        projects: Vec<String>,
        /// Customer channels for the per-channel questionnaire, comma-separated, e.g.
        /// "Web site,Mobile app,Call centre".
        #[arg(long, value_delimiter = ',')]
        channels: Vec<String>,
        /// Groups (and figures) with fewer people are never shown apart: at least 3, and 5 or
        /// more where you can.
        #[arg(long, default_value_t = 5)]
        anonymity_threshold: usize,
        /// HERO Index rule: 2010 (two or more unsanctioned tools) or 2011 (one or more).
        #[arg(long, default_value = "2010")]
        rule: String,
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
        /// Replace the customer channels, comma-separated (an empty value clears them).
        #[arg(long, value_delimiter = ',')]
        channels: Option<Vec<String>>,
    },
    /// Open the room: phones on the local network answer the workshop in DIR in a browser. Prints
    /// the join URL first, then its QR code; runs until Ctrl-C or SIGTERM.
    Serve {
        dir: PathBuf,
        /// Listen on this address only (default: every network of this computer).
        #[arg(long)]
        bind: Option<std::net::IpAddr>,
        #[arg(long, default_value_t = crate::room::DEFAULT_PORT)]
        port: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Table,
    Json,
}
