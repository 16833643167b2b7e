//! Image snapshots of the facilitator's screens — the tally, the results, the presenter and the
//! discussion — at a 1024×768 projector and a 1920×1080 screen, at UI scale 1 and 2, compared
//! with the images under `tests/snapshots/` (kittest's comparison, with a small per-pixel
//! tolerance). They fail when a screen's layout changes: an action falling off the top bar, chart
//! text shrinking, a slide losing its chart. Rendering needs a GPU or Mesa's llvmpipe (CI
//! installs libegl1, libegl-mesa0 and libgl1-mesa-dri). After an intended change, regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots_facilitator` and look at every image.

#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::app::{app_in, open};
use common::demo_workshop;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions, SnapshotResults};
use hero_readiness::app::{App, Command, Screen, Settings, ThemeChoice};

/// The screens (in pixels, as the images are) and UI scales shown. kittest's window size is in
/// points after the UI scale, so a 1024×768 projector at scale 2 is a 512×384-point window.
const SIZES: [(f32, f32); 2] = [(1024.0, 768.0), (1920.0, 1080.0)];
const SCALES: [f32; 2] = [1.0, 2.0];

/// One demo workshop for every snapshot, written once with a fixed seed (and a fixed date), so
/// the screens show the same figures on every run.
fn demo() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let home = tempfile::tempdir().expect("temp dir").keep();
        demo_workshop(&home.join("demo"), 24, 7)
    })
}

fn harness(size: (f32, f32), scale: f32) -> Harness<'static, App> {
    harness_with(
        size,
        Settings {
            ui_scale: scale,
            ..Settings::default()
        },
    )
}

fn harness_with(size: (f32, f32), settings: Settings) -> Harness<'static, App> {
    let home = tempfile::tempdir().expect("temp dir").keep();
    let scale = settings.ui_scale;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1) / scale)
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app_in(&home, settings));
    open(&mut harness, demo());
    harness
}

/// Tolerates the few colour steps different GPU drivers round differently; a moved widget or a
/// changed text still fails.
fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(1.2)
}

fn name(screen: &str, size: (f32, f32), scale: f32) -> String {
    format!("{screen}-{}x{}-scale{scale}", size.0, size.1)
}

/// Shoots `screen` at every size and scale after `show` put the app there, and reports every
/// mismatch at the end rather than the first only.
fn snapshot_everywhere(screen: &str, show: impl Fn(&mut Harness<'static, App>)) {
    let mut results = SnapshotResults::new();
    for size in SIZES {
        for scale in SCALES {
            let mut harness = harness(size, scale);
            show(&mut harness);
            harness.snapshot_options(name(screen, size, scale), &options());
            results.extend_harness(&mut harness);
        }
    }
    results.unwrap();
}

#[test]
fn tally_screen() {
    snapshot_everywhere("tally", |harness| {
        harness.get_by_label("Tally").click();
        harness.run();
        assert!(matches!(harness.state().screen, Screen::Tally(_)));
        // A room of 12, so the totals read "= 0 of 12".
        if let Screen::Tally(draft) = &mut harness.state_mut().screen {
            draft.tally.people = 12;
        }
        harness.run();
    });
}

#[test]
fn results_screen() {
    snapshot_everywhere("results", |harness| {
        assert!(matches!(harness.state().screen, Screen::Results));
        harness.get_by_label("n = 24");
    });
}

#[test]
fn presenter_screen() {
    snapshot_everywhere("presenter", |harness| {
        harness.get_by_label("Present").click();
        harness.run();
        // The first chart slide: the title slide has no chart to check.
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        assert!(matches!(
            harness.state().screen,
            Screen::Presenter { chart_index: 1 }
        ));
    });
}

/// The discussion screen the room reads on the projector: larger type on a larger screen.
#[test]
fn discussion_screen() {
    snapshot_everywhere("discussion", |harness| {
        harness.state_mut().push(Command::ShowDiscussion);
        harness.run();
        assert!(matches!(harness.state().screen, Screen::Discussion(_)));
        harness.get_by_label("The room's ratings");
    });
}

/// The other theme, at the third projector size the app is made for, between the two scales.
#[test]
fn results_screen_dark_at_1280x800_scale_1_5() {
    let size = (1280.0, 800.0);
    let settings = Settings {
        theme: ThemeChoice::Dark,
        ui_scale: 1.5,
        ..Settings::default()
    };
    let mut harness = harness_with(size, settings);
    assert!(matches!(harness.state().screen, Screen::Results));
    harness.get_by_label("Light theme");
    harness.snapshot_options(name("results-dark", size, 1.5), &options());
}
