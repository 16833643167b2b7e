//! Benchmark of the desktop window (not a timed test). Run with `cargo bench --bench app`.
//!
//! 1. Frame time of the Results screen on a demo workshop of 1,000 respondents with the charts
//!    already cached (the target is ≤ 2 ms CPU per frame): the full `App::ui` plus egui's
//!    tessellation, as a real frame does on the CPU.
//! 2. Start to first frame: building the app (settings, catalog), opening the workshop, scoring it
//!    and drawing the first Results frame with every chart rendered — what the user waits for.

use std::time::Instant;

use hero_readiness::app::{App, Command, Settings};

fn raw_input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 860.0),
        )),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    }
}

/// Runs one frame and tessellates it; returns how many meshes it produced.
fn frame(ctx: &egui::Context, app: &mut App, index: u64) -> usize {
    let output = ctx.run_ui(raw_input(index), |ui| app.ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives).len()
}

fn main() {
    let respondents: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(1_000);
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("workshop");
    hero_readiness::inputs::demo::write_demo(&dir, respondents, 1).expect("demo written");

    // Start to first frame.
    let started = Instant::now();
    let ctx = egui::Context::default();
    let mut app = App::new(
        Settings::default(),
        hero_readiness::storage::paths::Paths::under(temp.path()),
    );
    app.push(Command::OpenWorkshop(dir.clone()));
    frame(&ctx, &mut app, 0); // applies the command
    frame(&ctx, &mut app, 1); // scores and renders the charts of the first tab
    let first_frame_ms = started.elapsed().as_secs_f64() * 1e3;
    let renders_after_start = app.results.charts.render_count;

    // Steady state: charts cached.
    let mut meshes = 0;
    for index in 2..20 {
        meshes = frame(&ctx, &mut app, index);
    }
    assert!(meshes > 0, "the results screen drew nothing");
    let frames = 300;
    let mut times_ms = Vec::with_capacity(frames);
    for index in 0..frames {
        let started = Instant::now();
        frame(&ctx, &mut app, 20 + index as u64);
        times_ms.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times_ms.sort_by(f64::total_cmp);
    let median = times_ms[frames / 2];
    let p95 = times_ms[frames * 95 / 100];
    let renders_in_steady_state = app.results.charts.render_count - renders_after_start;

    println!(
        "results screen, {respondents} respondents, {} charts on the first tab: \
         median {median:.3} ms, p95 {p95:.3} ms per frame (target ≤ 2 ms); \
         chart renders during {frames} cached frames: {renders_in_steady_state}; \
         {meshes} meshes per frame",
        app.results
            .score
            .as_ref()
            .and_then(|score| score.questionnaires.first())
            .map_or(0, |first| app.results.charts.indices_for(&first.id).len()),
    );
    println!(
        "start to first results frame (catalog, open {respondents} responses, score, render charts): \
         {first_frame_ms:.1} ms"
    );
}
