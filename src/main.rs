//! The `hero-readiness` binary: with a command, run it and map the result to an exit code; with no
//! command, open the desktop window on the Home screen (creating the demo workshop on first run).

use std::process::ExitCode;

use clap::Parser;
#[cfg(feature = "gui")]
use hero_readiness::app::{self, App};
use hero_readiness::cli::{self, Cli};

// Opening a large workshop allocates millions of small strings and answer nodes while parsing;
// mimalloc does that markedly faster than the system allocator (see `benches/load_score.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return match run_app() {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("hero-readiness: {error:#}");
                ExitCode::from(cli::EXIT_ERROR)
            }
        };
    };
    let code = cli::run(command, &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}

#[cfg(feature = "gui")]
fn run_app() -> anyhow::Result<()> {
    let data_dir = hero_readiness::storage::catalog::user_data_dir();
    let mut startup_problem = None;
    if let Some(dir) = &data_dir
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
            let mut app = App::new(stored.unwrap_or_default(), data_dir);
            if let Some(problem) = startup_problem {
                app.report_error(format!("The demo workshop could not be created: {problem}"));
            } else if first_run {
                app.open_demo_welcome(&creation.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("the window could not open: {error}"))
}

/// Built without the `gui` feature: the command line only.
#[cfg(not(feature = "gui"))]
fn run_app() -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); run a command, see --help"
    )
}
