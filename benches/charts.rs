//! Chart rendering benchmark: every chart kind at 1600×1000 from the sample data, timed as an
//! in-memory RGB render (the app's texture), a PNG export and an SVG export; prints the median of
//! 20 runs in milliseconds against the targets (PNG ≤ 30 ms, SVG ≤ 5 ms in release). Then one
//! effort–value chart whose project name is 1,000,000 characters long (target ≤ 1 s): labels are
//! cut before they are measured, so drawing time does not grow with the text.
//!
//! `cargo bench --bench charts` runs it. `cargo bench --bench charts -- --write DIR` also writes
//! every sample chart as PNG and SVG in both themes to DIR, for looking at them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use hero_readiness::outputs::charts::sample::sample;
use hero_readiness::outputs::charts::{
    ChartData, ChartKind, ExportOptions, Theme, export, render_png, render_rgb, render_svg,
};

const RUNS: usize = 20;
const PNG_TARGET_MS: f64 = 30.0;
const SVG_TARGET_MS: f64 = 5.0;
const HUGE_LABEL_CHARS: usize = 1_000_000;
const HUGE_LABEL_TARGET_MS: f64 = 1000.0;

/// Median wall time of `RUNS` calls, after two warm-up calls.
fn median_ms(mut f: impl FnMut()) -> f64 {
    f();
    f();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2].as_secs_f64() * 1000.0
}

/// Every chart of a scored 40-person demo workshop, in both themes, as PNG and SVG.
fn write_demo_charts(dir: &std::path::Path) {
    use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
    use hero_readiness::outputs::charts::from_score;
    use hero_readiness::storage::folder::WorkshopFolder;
    let workshop = tempfile::tempdir().expect("temporary folder");
    hero_readiness::inputs::demo::write_demo(workshop.path(), 40, 7).expect("demo workshop");
    let folder = WorkshopFolder::open(workshop.path()).expect("open the demo");
    let score = score_workshop(&folder, &ScoreOptions::default());
    for (i, (questionnaire, data)) in from_score::charts_for(&score).iter().enumerate() {
        for theme in [Theme::Light, Theme::Dark] {
            let options = ExportOptions {
                theme,
                ..ExportOptions::default()
            };
            for extension in ["png", "svg"] {
                let name = format!(
                    "demo-{i:02}-{questionnaire}-{}-{}.{extension}",
                    data.kind().as_str(),
                    theme.as_str()
                );
                export(&dir.join(name), data, &options).expect("export a demo chart");
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let write_dir = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    if let Some(dir) = &write_dir {
        std::fs::create_dir_all(dir).expect("create the output folder");
        for kind in ChartKind::ALL {
            for theme in [Theme::Light, Theme::Dark] {
                let options = ExportOptions {
                    theme,
                    ..ExportOptions::default()
                };
                for extension in ["png", "svg"] {
                    let path =
                        dir.join(format!("{}-{}.{extension}", kind.as_str(), theme.as_str()));
                    export(&path, &sample(kind), &options).expect("export a sample chart");
                }
            }
        }
        write_demo_charts(dir);
        println!("wrote every sample and demo chart to {}", dir.display());
    }

    let options = ExportOptions::default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "chart rendering at {}×{}, median of {RUNS} runs, {cores} cores",
        options.width_px, options.height_px
    );
    println!(
        "{:<16} {:>9} {:>9} {:>9}  {:>10}",
        "chart", "rgb ms", "png ms", "svg ms", "png bytes"
    );
    let mut over = Vec::new();
    for kind in ChartKind::ALL {
        let data = sample(kind);
        let rgb = median_ms(|| {
            render_rgb(&data, &options).expect("render");
        });
        let png = median_ms(|| {
            render_png(&data, &options).expect("png");
        });
        let svg = median_ms(|| {
            render_svg(&data, &options).expect("svg");
        });
        let size = render_png(&data, &options).expect("png").len();
        println!(
            "{:<16} {rgb:>9.2} {png:>9.2} {svg:>9.2}  {size:>10}",
            kind.as_str()
        );
        if png > PNG_TARGET_MS {
            over.push(format!(
                "{} PNG {png:.1} ms > {PNG_TARGET_MS} ms",
                kind.as_str()
            ));
        }
        if svg > SVG_TARGET_MS {
            over.push(format!(
                "{} SVG {svg:.1} ms > {SVG_TARGET_MS} ms",
                kind.as_str()
            ));
        }
    }
    let mut huge = sample(ChartKind::EffortValue);
    if let ChartData::EffortValue(data) = &mut huge {
        data.projects[0].name = "x".repeat(HUGE_LABEL_CHARS);
    }
    let huge_png = median_ms(|| {
        render_png(&huge, &options).expect("png");
    });
    let huge_svg = median_ms(|| {
        render_svg(&huge, &options).expect("svg");
    });
    println!(
        "{:<16} {:>9} {huge_png:>9.2} {huge_svg:>9.2}  ({HUGE_LABEL_CHARS} character project name)",
        "huge-label", "-"
    );
    if huge_png.max(huge_svg) > HUGE_LABEL_TARGET_MS {
        over.push(format!(
            "huge label {:.1} ms > {HUGE_LABEL_TARGET_MS} ms",
            huge_png.max(huge_svg)
        ));
    }
    if over.is_empty() {
        println!("all within target (PNG ≤ {PNG_TARGET_MS} ms, SVG ≤ {SVG_TARGET_MS} ms)");
    } else {
        println!("over target: {}", over.join("; "));
    }
}
