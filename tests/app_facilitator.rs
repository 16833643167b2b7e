//! The facilitator's own screens, driven like a person would (labels, clicks, keys via
//! egui_kittest): the action plan, the path fields' defaults, the comparison, the self-assessment
//! written for one person, and start-up (the last workshop reopened, recent workshops by title,
//! messages that replace each other and expire).

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, DialogMode, INFO_SECONDS, Screen, Settings};
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// The app's folders, under a temp dir of the test's own so its workshops list is its own.
fn app_in(home: &Path, settings: Settings) -> App {
    let mut app = App::new(settings, Paths::under(home));
    app.dialogs.set_mode(DialogMode::PathFieldOnly);
    app
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

fn demo(dir: &Path, people: usize, seed: u64) -> PathBuf {
    hero_readiness::inputs::demo::write_demo(dir, people, seed).unwrap();
    dir.to_path_buf()
}

fn type_in_field(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

fn type_in_multiline(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .type_text(text);
    harness.run();
}

fn saved_actions(dir: &Path, home: &Path) -> Vec<hero_readiness::model::workshop::Action> {
    WorkshopFolder::open_with(dir, &Paths::under(home))
        .unwrap()
        .workshop
        .actions
}

#[test]
fn action_fields_are_wide_and_unsaved_edits_survive_a_workshop_switch() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let first = demo(&home.join("first"), 6, 5);
    let second = demo(&home.join("second"), 6, 6);
    let mut harness = harness(app_in(home, Settings::default()));
    harness
        .state_mut()
        .push(Command::OpenWorkshop(first.clone()));
    harness.run();
    harness.get_by_label("Action plan").click();
    harness.run();
    harness.get_by_label("Add action").click();
    harness.run();

    let action = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Action")
        .rect();
    let owner = harness
        .get_by_role_and_label(Role::TextInput, "Owner")
        .rect();
    assert!(action.width() >= 400.0, "action field {action:?}");
    assert!(owner.width() >= 150.0, "owner field {owner:?}");

    // A bad date: the error names it.
    type_in_multiline(
        &mut harness,
        "Action",
        "Invite five agents\nto the tool review",
    );
    type_in_field(&mut harness, "Due (YYYY-MM-DD)", "soon");
    harness.get_by_label("Save action plan").click();
    harness.run();
    harness.get_by_label_contains("\"soon\"");
    // The action is two lines long: the field grew to show both.
    let taller = harness
        .get_by_role_and_label(Role::MultilineTextInput, "Action")
        .rect();
    assert!(
        taller.height() > 1.5 * owner.height(),
        "{taller:?} vs {owner:?}"
    );

    // Another workshop opened before saving: the edits are kept, not dropped without a word.
    harness
        .state_mut()
        .push(Command::OpenWorkshop(second.clone()));
    harness.run();
    harness.get_by_label_contains("unsaved changes; they are kept");
    assert!(saved_actions(&first, home).is_empty());
    harness
        .state_mut()
        .push(Command::OpenWorkshop(first.clone()));
    harness.run();
    harness.get_by_label_contains("Your unsaved changes to this workshop's action plan are back");
    harness.get_by_label("Action plan (unsaved changes)");

    // Fixed and saved: the old red error goes with it.
    harness
        .get_by_role_and_label(Role::TextInput, "Due (YYYY-MM-DD)")
        .focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness
        .get_by_role_and_label(Role::TextInput, "Due (YYYY-MM-DD)")
        .type_text("2026-12-15");
    harness.run();
    harness.get_by_label("Save action plan").click();
    harness.run();
    harness.get_by_label_contains("Action plan saved (1 action)");
    assert!(harness.query_by_label_contains("\"soon\"").is_none());
    assert!(harness.state().messages.iter().all(|m| !m.is_error));
    let saved = saved_actions(&first, home);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].action, "Invite five agents\nto the tool review");
    assert_eq!(saved[0].due, chrono::NaiveDate::from_ymd_opt(2026, 12, 15));
    harness.get_by_label("Action plan");
}
