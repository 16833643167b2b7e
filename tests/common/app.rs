//! The desktop window as the egui tests drive it: an app whose folders are all under a test's own
//! home, the kittest harness around it, and opening a workshop in it. Dialogs are path fields so a
//! test types a path instead of meeting the system's file picker.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, DialogMode, Settings};
use hero_readiness::storage::paths::Paths;

/// The window size most tests use, in points.
#[allow(dead_code)]
pub const WINDOW: (f32, f32) = (1280.0, 900.0);

/// An app with `settings` whose folders are all under `home`, with path-field dialogs.
#[allow(dead_code)]
pub fn app_in(home: &Path, settings: Settings) -> App {
    app_with_paths(Paths::under(home), settings)
}

/// An app with `settings` and the given folders, with path-field dialogs.
#[allow(dead_code)]
pub fn app_with_paths(paths: Paths, settings: Settings) -> App {
    let mut app = App::new(settings, paths);
    app.dialogs.set_mode(DialogMode::PathFieldOnly);
    app
}

/// A window of `size` points around `app`.
#[allow(dead_code)]
pub fn harness_sized(app: App, size: (f32, f32)) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

/// A window of the usual [`WINDOW`] size around `app`.
#[allow(dead_code)]
pub fn harness(app: App) -> Harness<'static, App> {
    harness_sized(app, WINDOW)
}

/// A window of `size` points around a default-settings app under `home`.
#[allow(dead_code)]
pub fn app_harness(home: &Path, size: (f32, f32)) -> Harness<'static, App> {
    harness_sized(app_in(home, Settings::default()), size)
}

/// Opens the workshop in `dir`, as the open dialog would, and lets the window settle.
#[allow(dead_code)]
pub fn open(harness: &mut Harness<'_, App>, dir: &Path) {
    harness
        .state_mut()
        .push(Command::OpenWorkshop(dir.to_path_buf()));
    harness.run();
}

/// Focuses the text field labelled `label` and types `text` into it.
#[allow(dead_code)]
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Types `path` into the open dialog's path field (the way without a file-chooser portal),
/// replacing what it suggests, and confirms it.
#[allow(dead_code)]
pub fn fill_path(harness: &mut Harness<'_, App>, path: &Path) {
    harness.get_by_label("Path").focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness
        .get_by_label("Path")
        .type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
}

/// A file dropped on the window, as the platform layer hands it to egui.
#[allow(dead_code)]
#[derive(Debug)]
pub struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}
