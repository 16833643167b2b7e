//! Image snapshots of the participant's screens (a question and the thank-you screen) at the sizes
//! a workshop meets: 1024×768 and 1920×1080 pixels, at scale 1 and 2. Each is compared with its
//! PNG under `tests/snapshots/` with a small tolerance, so a layout that breaks (the column
//! off-centre, answers cut off, the top bar back) fails. Needs a GPU or Mesa's llvmpipe
//! (`libegl1 libegl-mesa0 libgl1-mesa-dri`); after a deliberate change to these screens run
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots_participant` and look at the new images.

#![cfg(feature = "gui")]

mod common;

use std::path::Path;

use common::app::app_in;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions, SnapshotResults};
use hero_readiness::app::{App, Command, ParticipantDraft, Screen, Settings};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// Window sizes in pixels, and the scales (pixels per point) they are seen at.
const SIZES_PX: [(f32, f32); 2] = [(1024.0, 768.0), (1920.0, 1080.0)];
const SCALES: [f32; 2] = [1.0, 2.0];

/// Per-pixel colour distance tolerated (antialiasing differs a little between GPU drivers).
const THRESHOLD: f32 = 2.0;

fn harness(app: App, size_px: (f32, f32), scale: f32) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(size_px.0 / scale, size_px.1 / scale))
        .with_pixels_per_point(scale)
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// A workshop of the bundled questionnaires, on the participants screen, in `home`.
fn app_in_a_workshop(home: &Path) -> App {
    let dir = home.join("spring");
    let workshop = Workshop::new(
        "Spring workshop",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    );
    WorkshopFolder::create_with(&dir, workshop, &Paths::under(home)).expect("create workshop");
    let mut app = app_in(home, Settings::default());
    app.push(Command::OpenWorkshop(dir));
    app
}

#[test]
fn participant_question_and_thank_you_screens() {
    let options = SnapshotOptions::new().threshold(THRESHOLD);
    let mut results = SnapshotResults::new();
    for size_px in SIZES_PX {
        for scale in SCALES {
            let home = tempfile::tempdir().unwrap();
            let name = format!("{}x{}@{scale}x", size_px.0, size_px.1);
            let mut harness = harness(app_in_a_workshop(home.path()), size_px, scale);
            harness.run();
            // The facilitator's screens are another engineer's snapshots (the top bar is cramped
            // at 512 points wide): go straight to the run, as the participants screen's Start does.
            harness.state_mut().push(Command::ShowParticipantStart);
            harness.run();
            harness
                .state_mut()
                .push(Command::StartParticipant(ParticipantDraft {
                    anonymous: true,
                    ..ParticipantDraft::default()
                }));
            harness.run();
            // The first question of the HERO Index: a five-point agreement question.
            assert!(matches!(harness.state().screen, Screen::Run(_)));
            assert_eq!(harness.ctx.theme(), egui::Theme::Light);
            harness.get_by_label_contains("Question 1 of");
            results.add(
                harness.try_snapshot_options(format!("participant_question_{name}"), &options),
            );

            if let Screen::Run(_) = harness.state().screen {
                harness.state_mut().screen = Screen::ThankYou;
            }
            harness.remove_cursor();
            harness.run();
            harness.get_by_label_contains("hand the laptop back");
            results.add(
                harness.try_snapshot_options(format!("participant_thank_you_{name}"), &options),
            );
        }
    }
    results.unwrap();
}
