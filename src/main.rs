//! The `hero-readiness` binary: with a command, run it and map the result to an exit code; with no
//! command, open the desktop window (creating the demo workshop on first run), on the `PATH` given
//! if any, else on the workshop open when it last closed.
//! This is the one place that reads the environment: `HERO_READINESS_HOME` (else the platform's
//! data folder) becomes the [`Paths`] every front end is given.

use std::process::ExitCode;

use clap::Parser;
#[cfg(feature = "gui")]
use hero_readiness::app::{self, App};
use hero_readiness::cli::{self, Cli};
use hero_readiness::storage::catalog::HOME_ENV;
use hero_readiness::storage::paths::Paths;

// Opening a large workshop allocates millions of small strings and answer nodes while parsing;
// mimalloc does that markedly faster than the system allocator (see `benches/load_score.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    hero_readiness::allocator::tune();
    let cli = Cli::parse();
    let paths = paths_from_env();
    let Some(command) = cli.command else {
        if let Some(path) = &cli.open
            && !path.exists()
        {
            eprintln!(
                "hero-readiness: {}: no such workshop folder or response file",
                path.display()
            );
            return ExitCode::from(cli::EXIT_ERROR);
        }
        return match run_app(paths, cli.open) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("hero-readiness: {error:#}");
                ExitCode::from(cli::EXIT_ERROR)
            }
        };
    };
    let code = cli::run(
        command,
        &paths,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    ExitCode::from(code)
}

/// `$HERO_READINESS_HOME`, else the platform's data folder (e.g. `~/.local/share/hero-readiness`
/// on Linux), with the user's questionnaires in its `questionnaires` folder.
fn paths_from_env() -> Paths {
    let home = std::env::var_os(HOME_ENV)
        .map(std::path::PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("org", "HERO Readiness", "hero-readiness")
                .map(|dirs| dirs.data_dir().to_path_buf())
        });
    home.map_or_else(Paths::none, Paths::under)
}

#[cfg(feature = "gui")]
fn run_app(paths: Paths, open: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let mut startup_problem = None;
    if let Some(dir) = paths.data_dir()
        && let Err(problem) = App::ensure_demo(dir)
    {
        startup_problem = Some(problem.to_string());
    }
    let icon =
        eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")).unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("HERO Readiness")
            .with_app_id("hero-readiness")
            .with_inner_size([1280.0, 860.0])
            .with_min_inner_size([720.0, 520.0])
            .with_icon(icon)
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "hero-readiness",
        options,
        Box::new(move |creation| {
            let stored = app::load_settings(creation.storage);
            let first_run = stored.is_none();
            let mut app = App::new(stored.unwrap_or_default(), paths);
            if let Some(problem) = &startup_problem {
                app.report_error(format!("The demo workshop could not be created: {problem}"));
            }
            // Without a demo there is nothing to welcome to; a given path still opens.
            app.start_up(open, first_run && startup_problem.is_none());
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("the window could not open: {error}"))
}

/// Built without the `gui` feature: the command line only.
#[cfg(not(feature = "gui"))]
fn run_app(_paths: Paths, _open: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); run a command, see --help"
    )
}
