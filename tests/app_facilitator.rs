//! The facilitator's own screens, driven like a person would (labels, clicks, keys via
//! egui_kittest): the action plan, the path fields' defaults, the comparison, the self-assessment
//! written for one person, and start-up (the last workshop reopened, recent workshops by title,
//! messages that replace each other and expire).

#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};

use common::app::{DroppedPath, app_in, fill_path, harness, harness_sized, open};
use common::demo_workshop;
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, INFO_SECONDS, Screen, Settings};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage;
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// A demo workshop with its own title and date, as a team's wave.
fn wave(dir: &Path, title: &str, date: (i32, u32, u32), seed: u64) -> PathBuf {
    demo_workshop(dir, 8, seed);
    let file = dir.join("workshop.ron");
    let mut workshop: Workshop = storage::load_ron(&file, storage::FileKind::Workshop).unwrap();
    workshop.title = title.to_owned();
    workshop.date = chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
    storage::save_ron(&file, &workshop).unwrap();
    dir.to_path_buf()
}

/// What the open dialog's path field suggests.
fn suggested_path(harness: &Harness<'_, App>) -> String {
    harness
        .state()
        .dialogs
        .path_field
        .as_ref()
        .expect("a path field")
        .path
        .clone()
}

/// The eframe storage of a window, in memory: what a restart reads back.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
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
    let first = demo_workshop(&home.join("first"), 6, 5);
    let second = demo_workshop(&home.join("second"), 6, 6);
    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &first);
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
    open(&mut harness, &second);
    harness.get_by_label_contains("unsaved changes; they are kept");
    assert!(saved_actions(&first, home).is_empty());
    open(&mut harness, &first);
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

#[test]
fn a_new_workshop_folder_is_named_after_its_title_never_the_open_workshop() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let today = chrono::Utc::now().date_naive();
    // A folder of that name exists already: the suggestion takes the next free name.
    let taken = home.join(format!("workshops/{today}-spring-review"));
    std::fs::create_dir_all(&taken).unwrap();
    let mut harness = harness(app_in(home, Settings::default()));
    harness.state_mut().push(Command::OpenDemo);
    harness.run();
    assert!(harness.state().workshop.is_some(), "the demo is open");
    harness.get_by_label("Home").click();
    harness.run();
    type_in_field(&mut harness, "Title", "Spring review");
    harness.get_by_label("Choose…").click();
    harness.run();
    let expected = home.join(format!("workshops/{today}-spring-review-2"));
    assert_eq!(suggested_path(&harness), expected.display().to_string());
    harness.get_by_label("OK").click();
    harness.run();
    harness.get_by_label("Create workshop").click();
    harness.run();
    assert!(
        expected.join("workshop.ron").is_file(),
        "created where suggested"
    );
    assert!(
        std::fs::read_dir(&taken).unwrap().next().is_none(),
        "the taken folder is untouched"
    );
    assert!(matches!(
        harness.state().screen,
        Screen::ParticipantStart(_)
    ));
}

#[test]
fn compare_with_lists_the_other_workshops_and_draws_the_comparison() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let spring = wave(
        &home.join("workshops/spring"),
        "Spring wave",
        (2026, 3, 1),
        1,
    );
    let autumn = wave(
        &home.join("workshops/autumn"),
        "Autumn wave",
        (2026, 10, 1),
        2,
    );
    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &autumn);
    harness.get_by_label("Compare with…").click();
    harness.run();
    assert!(
        harness.query_by_label("Autumn wave (2026-10-01)").is_none(),
        "the open workshop is not offered"
    );
    harness.get_by_label("Spring wave (2026-03-01)").click();
    harness.run();
    harness.get_by_label_contains("Compared with");
    let comparison = harness
        .state()
        .results
        .comparison
        .as_ref()
        .expect("compared");
    assert_eq!(
        comparison.titles,
        ["Spring wave", "Autumn wave"],
        "oldest first"
    );
    assert!(
        comparison.table.contains("Roadblocks"),
        "{}",
        comparison.table
    );
    assert!(!comparison.charts.is_empty(), "the comparison has charts");
    assert!(comparison.charts.render_count >= 1, "and they are drawn");
    // The HERO Index chart's axis spans its dimensions' scales (0–1 and 1–10), so no bar is cut.
    match &comparison.charts.entry(0).unwrap().data {
        hero_readiness::outputs::charts::ChartData::Compare(data) => {
            assert_eq!(data.scale, (0.0, 10.0));
        }
        other => panic!("not a comparison chart: {other:?}"),
    }
    harness.get_by_label_contains("HERO Index: change between workshops");
    // One chart at a time, picked by questionnaire (the comparison's row comes before the tabs).
    assert!(comparison.charts.len() >= 2, "HERO Index and Roadblocks");
    harness
        .query_all_by_label("Roadblocks")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label_contains("Roadblocks: change between workshops");
    assert!(
        harness
            .query_by_label_contains("HERO Index: change between workshops")
            .is_none()
    );

    // Typed by hand, the open workshop itself is refused with a reason.
    harness.get_by_label("Compare with…").click();
    harness.run();
    harness.get_by_label("Another folder…").click();
    harness.run();
    assert_eq!(
        suggested_path(&harness),
        home.join("workshops").display().to_string(),
        "it starts beside the open workshop, not in it"
    );
    fill_path(&mut harness, &autumn.join("..").join("autumn"));
    harness.get_by_label_contains("is the workshop that is open");
    assert!(spring.exists());
}

#[test]
fn import_csv_asks_for_a_csv_file_not_a_folder() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let source = demo_workshop(&home.join("source"), 5, 3);
    let source_folder = WorkshopFolder::open_with(&source, &Paths::under(home)).unwrap();
    let csv = home.join("answers.csv");
    hero_readiness::outputs::export::export_csv(&source_folder, &csv).unwrap();
    let target = home.join("target");
    let mut workshop = source_folder.workshop.clone();
    workshop.title = "Imported".into();
    WorkshopFolder::create_with(&target, workshop, &Paths::under(home)).unwrap();

    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &target);
    harness.get_by_label("Import CSV…").click();
    harness.run();
    harness.get_by_label_contains("Type the path of a CSV file (.csv)");
    // The suggestion is the folder to look in; OK on it says a file is needed, and reads nothing.
    harness.get_by_label("OK").click();
    harness.run();
    harness.get_by_label_contains("is a folder; add the name of the CSV file in it");
    assert!(
        harness
            .state()
            .messages
            .iter()
            .all(|m| !m.text.contains("directory"))
    );
    fill_path(&mut harness, &csv);
    harness.get_by_label_contains("Imported 5 responses");
    assert_eq!(
        std::fs::read_dir(target.join("responses")).unwrap().count(),
        5
    );
}

#[test]
fn a_restart_reopens_the_last_workshop_and_lists_recent_ones_by_title() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    hero_readiness::app::App::ensure_demo(home).unwrap();
    let autumn = wave(
        &home.join("elsewhere/autumn-folder"),
        "Autumn wave",
        (2026, 10, 1),
        2,
    );

    // First run: the demo with a welcome, which the next message replaces.
    let mut first = harness(app_in(home, Settings::default()));
    first.state_mut().start_up(None, true);
    first.run();
    first.get_by_label_contains("Welcome!");
    open(&mut first, &autumn);
    first
        .state_mut()
        .push(Command::ExportCsv(home.join("out.csv")));
    first.run();
    first.get_by_label_contains("CSV saved");
    assert!(
        first.query_by_label_contains("Welcome!").is_none(),
        "replaced, not stacked"
    );
    // An action typed but not saved when the window closes.
    first.get_by_label("Action plan").click();
    first.run();
    first.get_by_label("Add action").click();
    first.run();
    type_in_multiline(&mut first, "Action", "Ask IT for an approved app list");
    let mut storage = MemoryStorage::default();
    eframe::App::save(first.state_mut(), &mut storage);
    drop(first);

    // The restart: the same data folder, the settings the first window saved.
    let settings = hero_readiness::app::load_settings(Some(&storage)).expect("settings saved");
    let mut second = harness(app_in(home, settings));
    second.state_mut().start_up(None, false);
    second.run();
    assert!(matches!(second.state().screen, Screen::Results));
    let open = second
        .state()
        .workshop
        .as_ref()
        .expect("a workshop reopened");
    assert_eq!(open.dir, autumn);
    second.get_by_label_contains("Your unsaved changes to this workshop's action plan are back");
    let drafts = second.state().results.action_drafts.clone().unwrap();
    assert_eq!(drafts[0].action, "Ask IT for an approved app list");
    assert!(
        saved_actions(&autumn, home).is_empty(),
        "kept as a draft, not saved unasked"
    );
    second.get_by_label("Home").click();
    second.run();
    second.get_by_label("Autumn wave (2026-10-01)");
    second.get_by_label_contains("autumn-folder ·");

    // Info messages expire; errors stay until dismissed.
    common::app::open(&mut second, &home.join("no-such-folder"));
    second
        .state_mut()
        .push(Command::ExportCsv(home.join("again.csv")));
    second.run();
    assert_eq!(second.state().messages.len(), 2);
    let later = second.ctx.input(|input| input.time) + INFO_SECONDS + 1.0;
    second.input_mut().time = Some(later);
    second.run();
    let left: Vec<bool> = second.state().messages.iter().map(|m| m.is_error).collect();
    assert_eq!(left, [true], "only the error is left");
}

#[test]
fn a_path_given_at_start_opens_a_workshop_or_that_persons_results() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let team = demo_workshop(&home.join("team"), 6, 4);
    let inside = std::fs::read_dir(team.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .unwrap();
    let loose = home.join("mine.ron");
    std::fs::copy(&inside, &loose).unwrap();
    let before = std::fs::read(&loose).unwrap();

    // A response file inside a workshop opens that workshop.
    let mut harness = harness(app_in(home, Settings::default()));
    harness.state_mut().start_up(Some(inside.clone()), false);
    harness.run();
    assert_eq!(harness.state().workshop.as_ref().unwrap().dir, team);
    assert!(!harness.state().self_assessment);

    // A loose one opens as that person's results, kept with the self-assessments, once.
    for _ in 0..2 {
        harness.state_mut().push(Command::OpenPath(loose.clone()));
        harness.run();
        let state = harness.state();
        assert!(state.self_assessment, "shown as one person's results");
        assert!(matches!(state.screen, Screen::Results));
        let folder = state.workshop.as_ref().unwrap();
        assert_eq!(folder.completed().count(), 1);
        assert!(folder.dir.starts_with(home.join("self-assessments")));
    }
    assert_eq!(
        std::fs::read_dir(home.join("self-assessments"))
            .unwrap()
            .count(),
        1
    );
    assert_eq!(
        std::fs::read(&loose).unwrap(),
        before,
        "the file given is not written"
    );
    assert_eq!(
        std::fs::read_dir(team.join("responses")).unwrap().count(),
        6,
        "nothing joined the team's workshop"
    );

    // Dropped on a window with nothing open, the file opens the same way (the same folder).
    let mut fresh = self::harness(app_in(home, Settings::default()));
    fresh
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(loose.clone())));
    fresh.run();
    assert!(fresh.state().self_assessment);
    assert_eq!(
        fresh.state().workshop.as_ref().unwrap().completed().count(),
        1
    );
    assert_eq!(
        std::fs::read_dir(home.join("self-assessments"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn a_self_assessment_is_written_for_one_person_and_listed_on_home() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let mut harness = harness(app_in(home, Settings::default()));
    harness.run();
    harness.get_by_label("Take the self-assessment").click();
    harness.run();
    // Empowered (9 of 10) and resourceful (3 unsanctioned apps, no sites): a HERO by the 2010
    // rule (8 or more, and at least 2 tools).
    let mut steps = 0;
    loop {
        let state = harness.state();
        let Screen::Run(run) = &state.screen else {
            break;
        };
        let folder = state.workshop.as_ref().unwrap();
        let item = run
            .participant
            .current(folder)
            .map(|(_, item)| item.id.clone());
        match item.as_deref() {
            Some(id) if id.starts_with("empowered_") => harness.key_press(egui::Key::Num9),
            Some(id @ ("unsanctioned_apps" | "unsanctioned_sites")) => {
                let count = if id == "unsanctioned_apps" { "3" } else { "0" };
                harness.event(egui::Event::Text(count.to_owned()));
                harness.run();
                harness.key_press(egui::Key::Enter);
            }
            _ => harness.get_by_label("Prefer not to answer").click(),
        }
        harness.run();
        steps += 1;
        assert!(steps < 500, "the self-assessment never ends");
    }

    // The thank-you screen says where the answers are, and they are there.
    let kept = {
        let folder = harness.state().workshop.as_ref().unwrap();
        folder.responses.first().unwrap().path.clone()
    };
    assert!(
        kept.starts_with(home.join("self-assessments")),
        "{}",
        kept.display()
    );
    assert!(kept.is_file());
    harness.get_by_label_contains("kept on this computer");
    harness.get_by_label(&kept.display().to_string());

    harness.get_by_label("See my results").click();
    harness.run();
    harness.get_by_label("Your results");
    harness.get_by_label("you are in “HEROes”");
    harness.get_by_label_contains("you answered 9 to “I feel free to solve the problems");
    harness.get_by_label_contains("(8 or more counts as high)");
    harness.get_by_label_contains("You feel free to act and you already use tools of your own");
    harness.get_by_label("What you can do");
    assert!(
        harness
            .query_all_by_label_contains("This one is")
            .next()
            .is_some()
    );
    // None of a team's statistics.
    for team_only in [
        "100%",
        "95% interval",
        "Reliability",
        "n = 1",
        "respondent",
        "for Managers",
    ] {
        assert!(
            harness
                .query_all_by_label_contains(team_only)
                .next()
                .is_none(),
            "{team_only} is shown"
        );
    }

    // Home lists it with the past self-assessments.
    harness.get_by_label("Home").click();
    harness.run();
    harness.get_by_label("Your self-assessments");
    let today = chrono::Utc::now().date_naive();
    harness
        .get_by_label(&format!("My self-assessment ({today})"))
        .click();
    harness.run();
    assert!(harness.state().self_assessment);
    harness.get_by_label("Your results");
}

#[test]
fn an_unfinished_self_assessment_is_listed_and_continued_from_its_results() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let mut harness = harness(app_in(home, Settings::default()));
    harness.run();
    harness.get_by_label("Take the self-assessment").click();
    harness.run();
    harness.key_press(egui::Key::Num9);
    harness.run();
    // Left half-way (the window closed, or Home by the person's own gesture).
    harness.state_mut().push(Command::GoHome);
    harness.run();
    let today = chrono::Utc::now().date_naive();
    harness
        .get_by_label(&format!("My self-assessment ({today})"))
        .click();
    harness.run();
    harness.get_by_label_contains("You have not finished the self-assessment yet");
    harness.get_by_label("Continue where you stopped").click();
    harness.run();
    let state = harness.state();
    let Screen::Run(run) = &state.screen else {
        panic!("not answering again");
    };
    let (_, item) = run
        .participant
        .current(state.workshop.as_ref().unwrap())
        .unwrap();
    assert_ne!(
        item.id, "empowered_core",
        "the answered question is not asked again"
    );
}

#[test]
fn files_dropped_together_are_all_confirmed_and_the_next_action_replaces_them() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let source = demo_workshop(&home.join("source"), 4, 8);
    let target = home.join("target");
    let workshop = WorkshopFolder::open_with(&source, &Paths::under(home))
        .unwrap()
        .workshop;
    WorkshopFolder::create_with(&target, workshop, &Paths::under(home)).unwrap();
    let files: Vec<PathBuf> = std::fs::read_dir(source.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .take(2)
        .collect();
    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &target);
    for file in &files {
        harness
            .input_mut()
            .dropped_files
            .push(std::sync::Arc::new(DroppedPath(file.clone())));
    }
    harness.run();
    let added = harness
        .query_all_by_label_contains("to the workshop as")
        .count();
    assert_eq!(added, 2, "one confirmation per file");
    assert_eq!(
        std::fs::read_dir(target.join("responses")).unwrap().count(),
        2
    );
    harness
        .state_mut()
        .push(Command::ExportCsv(home.join("out.csv")));
    harness.run();
    assert_eq!(
        harness
            .query_all_by_label_contains("to the workshop as")
            .count(),
        0
    );
    harness.get_by_label_contains("CSV saved");
}

#[test]
fn the_results_lead_to_the_discussion_notes_beside_the_customer_dialogue_tab() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let dir = demo_workshop(&home.join("workshops/demo"), 8, 3);
    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &dir);
    assert!(matches!(harness.state().screen, Screen::Results));
    harness.get_by_label("Customer dialogue");
    harness.get_by_label("Discussion notes…").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Discussion(_)));
    harness.get_by_label_contains("Discussion — prompt 1 of");
}

#[test]
fn ctrl_plus_and_minus_move_the_ui_scale_setting_with_the_window_zoom() {
    let temp = tempfile::tempdir().unwrap();
    let mut harness = harness(app_in(temp.path(), Settings::default()));
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::Plus]);
    harness.run();
    let scale = harness.state().settings.ui_scale;
    assert!(scale > 1.05, "the setting follows Ctrl+plus: {scale}");
    assert!(
        (harness.ctx.zoom_factor() - scale).abs() < 1e-3,
        "the window is drawn at the scale the slider shows"
    );
    for _ in 0..3 {
        harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::Minus]);
        harness.run();
    }
    harness.run();
    let scale = harness.state().settings.ui_scale;
    assert!(scale < 0.95, "the setting follows Ctrl+minus: {scale}");
    assert!((harness.ctx.zoom_factor() - scale).abs() < 1e-3);
}

/// A 1024×768 screen at UI scale 2 is 512×384 points. (The harness is sized in points directly:
/// it hands egui the same screen size every frame, which undoes a zoom.)
#[test]
fn at_ui_scale_2_on_a_1024_wide_screen_the_new_workshop_fields_keep_their_width() {
    let temp = tempfile::tempdir().unwrap();
    let mut harness = harness_sized(app_in(temp.path(), Settings::default()), (512.0, 384.0));
    harness.run();
    // Each field is whole, and none runs under the recent-workshops column (where it would be
    // cut to a few letters).
    let recent = harness.get_by_label("Recent workshops").rect();
    for label in ["Title", "Date", "Facilitator"] {
        let field = harness.get_by_role_and_label(Role::TextInput, label).rect();
        assert!(field.width() >= 200.0, "{label}: {field:?}");
        assert!(
            field.right() <= 512.0,
            "{label} runs off the window: {field:?}"
        );
        assert!(
            field.right() <= recent.left() || field.bottom() <= recent.top(),
            "{label} {field:?} runs under the recent workshops {recent:?}"
        );
    }
}

#[test]
fn the_tally_and_the_results_open_at_their_top_however_far_home_was_scrolled() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let dir = demo_workshop(&home.join("workshops/demo"), 8, 4);
    let mut harness = harness_sized(app_in(home, Settings::default()), (1024.0, 500.0));
    open(&mut harness, &dir);
    harness.get_by_label("Home").click();
    harness.run();
    harness.get_by_label("Create workshop").scroll_to_me();
    harness.run();
    let top_bar = harness.get_by_label("Home").rect().bottom();
    assert!(
        harness
            .get_by_label("How ready is your team to have HEROes?")
            .rect()
            .top()
            < top_bar,
        "Home is scrolled"
    );
    harness.get_by_label("Tally").click();
    harness.run();
    let heading = harness.get_by_label("Facilitator tally").rect();
    assert!(
        heading.top() >= top_bar,
        "the tally opens scrolled: {heading:?}"
    );
    harness.get_by_label("Results").click();
    harness.run();
    let group = harness.get_by_label("Group").rect();
    assert!(
        group.top() >= top_bar,
        "the results open scrolled: {group:?}"
    );
}

#[test]
fn a_per_project_tab_with_no_project_listed_says_how_to_add_one_instead_of_empty_charts() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let dir = home.join("workshops/fresh");
    std::fs::create_dir_all(&dir).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let workshop = Workshop::new("Fresh workshop", date);
    assert!(workshop.projects.is_empty() && workshop.channels.is_empty());
    storage::save_ron(&dir.join("workshop.ron"), &workshop).unwrap();
    let mut harness = harness(app_in(home, Settings::default()));
    open(&mut harness, &dir);
    harness.get_by_label("Results").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Results));
    let charts_of =
        |harness: &Harness<'_, App>, id: &str| harness.state().results.charts.indices_for(id).len();
    let slides_of = |harness: &Harness<'_, App>, id: &str| {
        let charts = &harness.state().results.charts;
        charts
            .slides()
            .iter()
            .filter(|slide| charts.entry(slide.chart_index).unwrap().questionnaire == id)
            .count()
    };

    harness.get_by_label("Effort–value evaluation").click();
    harness.run();
    harness.get_by_label_contains("this workshop lists no project yet");
    harness.get_by_label_contains("on the Participants screen (New project)");
    assert_eq!(charts_of(&harness, "effort-value"), 0, "no empty chart");
    assert_eq!(slides_of(&harness, "effort-value"), 0, "no empty slide");
    // The questionnaires asked once per person still draw their (not enough data) charts.
    assert!(charts_of(&harness, "hero-index") > 0);

    harness.get_by_label("Customer profiles").click();
    harness.run();
    harness.get_by_label_contains("this workshop lists no channel yet");
    harness.get_by_label_contains("List the customer channels under Workshop settings");
    assert_eq!(charts_of(&harness, "customer-profiles"), 0);

    // Listed but not yet rated: still no empty chart, and the sentence says so.
    harness
        .state_mut()
        .push(Command::AddProject("Chat on the web site".to_owned()));
    harness.run();
    harness.get_by_label("Results").click();
    harness.run();
    harness.get_by_label("Effort–value evaluation").click();
    harness.run();
    harness.get_by_label_contains("Nobody has evaluated a project of Effort–value evaluation yet");
    harness.get_by_label_contains("(1 project listed)");
    assert_eq!(charts_of(&harness, "effort-value"), 0);
}

/// Answers a self-assessment: `scale(id)` for each 1–10 statement, the two tool counts, and
/// "Prefer not to answer" for the rest.
fn answer_self_assessment(harness: &mut Harness<'_, App>, scale: impl Fn(&str) -> egui::Key) {
    let mut steps = 0;
    loop {
        let state = harness.state();
        let Screen::Run(run) = &state.screen else {
            break;
        };
        let folder = state.workshop.as_ref().unwrap();
        let item = run
            .participant
            .current(folder)
            .map(|(_, item)| item.id.clone());
        match item.as_deref() {
            Some(id) if id.starts_with("empowered_") => harness.key_press(scale(id)),
            Some(id @ ("unsanctioned_apps" | "unsanctioned_sites")) => {
                let count = if id == "unsanctioned_apps" { "3" } else { "0" };
                harness.event(egui::Event::Text(count.to_owned()));
                harness.run();
                harness.key_press(egui::Key::Enter);
            }
            _ => harness.get_by_label("Prefer not to answer").click(),
        }
        harness.run();
        steps += 1;
        assert!(steps < 500, "the self-assessment never ends");
    }
}

#[test]
fn a_self_assessment_says_why_an_answer_of_8_gives_a_score_of_7() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let mut harness = harness(app_in(home, Settings::default()));
    harness.run();
    harness.get_by_label("Take the self-assessment").click();
    harness.run();
    // 8 to every empowerment statement, the reverse-coded "I often have to wait…" included: it
    // counts as (1 + 10) − 8 = 3, so Empowerment is (8 + 8 + 8 + 8 + 3) / 5 = 7.
    answer_self_assessment(&mut harness, |_| egui::Key::Num8);
    harness.get_by_label("See my results").click();
    harness.run();
    harness.get_by_label("Your results");
    harness.get_by_label("7");
    harness.get_by_label_contains(
        "you answered 8 to “I feel free to solve the problems I come across at work",
    );
    let explained = harness.get_by_label_contains(
        "Empowerment: your score is the mean of your 5 answers to its statements",
    );
    let text = format!("{explained:?}");
    assert!(
        text.contains(
            "you answered 8 to “I often have to wait for someone's sign-off before I can fix a \
             problem, even a small one”: this statement counts the other way, so it adds 3"
        ),
        "{text}"
    );
    // The behaviour dimension has no reversed statement: nothing to explain there.
    assert!(
        harness
            .query_by_label_contains("Resourcefulness (behaviour): your score is")
            .is_none()
    );
}

/// The first chart's image on the results: its rectangle in points.
fn first_chart_rect(harness: &Harness<'_, App>) -> egui::Rect {
    harness
        .get_by_role_and_label(Role::Image, "HERO quadrant")
        .rect()
}

#[test]
fn at_1024x768_and_ui_scale_2_the_first_chart_starts_in_the_top_half() {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let dir = demo_workshop(&home.join("workshops/demo"), 24, 7);
    let settings = Settings {
        ui_scale: 2.0,
        ..Settings::default()
    };
    // A 1024×768 projector at UI scale 2: 512×384 points.
    let mut harness = harness_sized(app_in(home, settings), (512.0, 384.0));
    open(&mut harness, &dir);
    assert!(matches!(harness.state().screen, Screen::Results));
    let chart = first_chart_rect(&harness);
    assert!(
        chart.top() < 384.0 / 2.0,
        "the first chart starts at {} of 384 points",
        chart.top()
    );
    // The tabs, the heading and n stay in view; the tools are one click away.
    harness.get_by_label("Demo: customer care readiness");
    harness.get_by_label("n = 24");
    harness.get_by_label("Roadblocks");
    assert!(harness.query_by_label("Export CSV…").is_none());
    harness.get_by_label("Show group, rule, export").click();
    harness.run();
    harness.get_by_label("Export CSV…").click();
    harness.run();
    // An action plan edit left unsaved is announced once the tools are folded away again.
    harness.get_by_label("Action plan").click();
    harness.run();
    harness.get_by_label("Add action").click();
    harness.run();
    type_in_multiline(&mut harness, "Action", "Invite five agents");
    assert!(harness.query_by_label("Action plan not saved").is_none());
    harness.get_by_label("Hide group, rule, export").click();
    harness.run();
    assert!(harness.query_by_label("Export CSV…").is_none());
    harness.get_by_label("Action plan not saved");

    // A taller window keeps every row open.
    harness.set_size(egui::vec2(1280.0, 900.0));
    harness.run();
    harness.get_by_label("Export CSV…");
    harness.get_by_label("Workshop settings");
}

/// The discussion screen of a demo workshop in a window of `points`, at `scale`: the heights of
/// the ratings' heading and of one answer option's label, and the prompt heading's rectangle.
fn discussion_type_at(points: (f32, f32), scale: f32) -> (f32, f32, egui::Rect) {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let dir = demo_workshop(&home.join("workshops/demo"), 24, 3);
    let settings = Settings {
        ui_scale: scale,
        ..Settings::default()
    };
    let mut harness = harness_sized(app_in(home, settings), (points.0, points.1));
    open(&mut harness, &dir);
    harness.state_mut().push(Command::ShowDiscussion);
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Discussion(_)));
    let heading = harness.get_by_label("The room's ratings").rect().height();
    let option = harness.get_by_label("Not at all").rect().height();
    let prompt = harness
        .get_by_label_contains("Discussion — prompt 1 of")
        .rect();
    (heading, option, prompt)
}

#[test]
fn the_discussion_prompt_and_ratings_grow_with_a_large_window_and_fit_a_small_one() {
    let (heading_768, option_768, _) = discussion_type_at((1024.0, 768.0), 1.0);
    let (heading_1080, option_1080, _) = discussion_type_at((1920.0, 1080.0), 1.0);
    // 1080 / 768 ≈ 1.4 times the type, as the presenter does.
    assert!(
        heading_1080 > heading_768 * 1.3 && option_1080 > option_768 * 1.3,
        "768: {heading_768}, {option_768}; 1080: {heading_1080}, {option_1080}"
    );
    // A 1024×768 projector at UI scale 2 (512×384 points) keeps the usual size, on screen.
    let (heading_small, _, prompt) = discussion_type_at((512.0, 384.0), 2.0);
    assert!((heading_small - heading_768).abs() < 1.0);
    assert!(prompt.right() <= 512.0, "{prompt:?}");
}
