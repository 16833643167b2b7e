//! Renders every screen of the window to PNG files for a person to look at (both themes, and at
//! projector scale). Not part of the normal test run: it needs a GPU or Mesa's llvmpipe
//! (`apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri`). Run with
//! `cargo test --test app_screens -- --ignored`; the images go to `target/screens/`.

#![cfg(feature = "gui")]

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, DialogMode, Screen, Settings, ThemeChoice};
use hero_readiness::storage::paths::Paths;

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screens");
    std::fs::create_dir_all(&dir).expect("target/screens");
    dir
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .wgpu()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

fn save(harness: &mut Harness<'_, App>, name: &str) {
    harness.run();
    let image = harness.render().expect("render (needs a GPU or llvmpipe)");
    let path = out_dir().join(format!("{name}.png"));
    image.save(&path).expect("write screenshot");
    println!("{}", path.display());
}

#[test]
#[ignore = "renders screenshots for review; needs a GPU or llvmpipe"]
fn render_every_screen() {
    let home = tempfile::tempdir().unwrap();
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        let suffix = match theme {
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        };
        let settings = Settings {
            theme,
            ..Settings::default()
        };
        let mut app = App::new(settings, Paths::under(home.path()));
        app.dialogs.set_mode(DialogMode::PathFieldOnly);
        let mut harness = harness(app);
        save(&mut harness, &format!("home-{suffix}"));

        harness.state_mut().push(Command::OpenDemo);
        harness.run();
        save(&mut harness, &format!("results-{suffix}"));
        harness.get_by_label("Roadblocks").click();
        save(&mut harness, &format!("results-roadblocks-{suffix}"));
        harness.get_by_label("Effort–value evaluation").click();
        save(&mut harness, &format!("results-effort-value-{suffix}"));
        harness.get_by_label("Customer dialogue").click();
        save(&mut harness, &format!("results-customer-dialogue-{suffix}"));

        harness.get_by_label("Participants").click();
        save(&mut harness, &format!("participant-start-{suffix}"));
        harness.get_by_label("Start").click();
        save(&mut harness, &format!("question-scale-{suffix}"));
        for _ in 0..6 {
            harness.key_press(egui::Key::Num8);
            harness.run();
        }
        save(&mut harness, &format!("question-count-{suffix}"));
        while matches!(harness.state().screen, Screen::Run(_)) {
            let likert = harness.query_by_label("Agree").is_some();
            if likert {
                save(&mut harness, &format!("question-likert-{suffix}"));
                break;
            }
            harness.get_by_label("Prefer not to answer").click();
            harness.run();
        }
        while matches!(harness.state().screen, Screen::Run(_)) {
            harness.get_by_label("Prefer not to answer").click();
            harness.run();
        }
        save(&mut harness, &format!("thank-you-{suffix}"));

        harness.get_by_label("Tally").click();
        save(&mut harness, &format!("tally-{suffix}"));

        harness.get_by_label("Present").click();
        save(&mut harness, &format!("presenter-title-{suffix}"));
        harness.key_press(egui::Key::ArrowRight);
        save(&mut harness, &format!("presenter-chart-{suffix}"));
        harness.key_press(egui::Key::Escape);
        harness.run();
    }

    // Projector scale.
    let settings = Settings {
        ui_scale: 1.75,
        ..Settings::default()
    };
    let mut app = App::new(settings, Paths::under(home.path()));
    app.dialogs.set_mode(DialogMode::PathFieldOnly);
    let mut harness = harness(app);
    harness.state_mut().push(Command::OpenDemo);
    harness.run();
    save(&mut harness, "results-scale-1.75");
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label("Start").click();
    save(&mut harness, "question-scale-1.75");
}
