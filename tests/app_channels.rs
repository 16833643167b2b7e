//! The workshop's customer channels in the window: edited in the workshop settings (saved to
//! `workshop.ron`, cleaned and checked by the session) and the per-channel scores on the Results
//! screen, driven by labels and clicks like a person would.

#![cfg(feature = "gui")]

mod common;

use std::path::{Path, PathBuf};

use common::app::{app_harness, open};
use common::workshop_of;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::App;
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// Tall enough for the workshop settings' channel list and the per-channel profiles.
const TALL_WINDOW: (f32, f32) = (1280.0, 1400.0);

fn profiles_workshop(dir: &Path, home: &Path, channels: &[&str]) -> WorkshopFolder {
    let mut workshop = workshop_of("Channels", &["customer-profiles"]);
    workshop.channels = channels.iter().map(|c| (*c).to_owned()).collect();
    workshop.anonymity_threshold = 3;
    WorkshopFolder::create_with(dir, workshop, &Paths::under(home)).unwrap()
}

/// Types into the focused field; a line break is the Enter key, as a person types it.
fn type_text(harness: &mut Harness<'_, App>, text: &str) {
    if text == "\n" {
        harness.key_press(egui::Key::Enter);
    } else {
        harness.event(egui::Event::Text(text.to_owned()));
    }
    harness.run();
}

fn temp_dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let home = temp.path().join("home");
    let dir = temp.path().join("w");
    std::fs::create_dir_all(&home).unwrap();
    (temp, home, dir)
}

#[test]
fn channels_edited_in_the_workshop_settings_are_cleaned_and_saved() {
    let (_temp, home, dir) = temp_dirs();
    profiles_workshop(&dir, &home, &["Web site"]);
    let mut harness = app_harness(&home, TALL_WINDOW);
    open(&mut harness, &dir);
    harness.get_by_label("Workshop settings").click();
    harness.run();

    let field = "Customer channels (one per line)";
    harness.get_by_label(field).focus();
    harness.run();
    // After "Web site": a repeat in other case, a blank line and a new channel.
    for text in ["\n", " web SITE ", "\n", "\n", "Kiosk"] {
        type_text(&mut harness, text);
    }
    harness.get_by_label("Save channels").click();
    harness.run();
    harness.get_by_label_contains("Channels saved: Web site, Kiosk");
    let saved = WorkshopFolder::open(&dir).unwrap().workshop;
    assert_eq!(saved.channels, ["Web site", "Kiosk"]);

    // A name with a tab in it is refused, and nothing changes on disk.
    harness.get_by_label(field).focus();
    harness.run();
    type_text(&mut harness, "\n");
    // A pasted name can carry a tab; typing Tab would move the focus instead.
    harness.event(egui::Event::Paste("Call\tcentre".to_owned()));
    harness.run();
    harness.get_by_label("Save channels").click();
    harness.run();
    let refused = harness.state().messages.last().unwrap().clone();
    assert!(refused.is_error, "{refused:?}");
    assert!(
        refused.text.contains("control character"),
        "{}",
        refused.text
    );
    assert_eq!(
        WorkshopFolder::open(&dir).unwrap().workshop.channels,
        ["Web site", "Kiosk"]
    );
}

#[test]
fn the_results_show_the_profiles_by_channel_with_their_bands() {
    let (_temp, home, dir) = temp_dirs();
    let mut folder = profiles_workshop(&dir, &home, &["Web site", "Call centre"]);
    let q = folder.catalog.get("customer-profiles").unwrap().clone();
    // Every item of every dimension scores 2 for the call centre and 4 for the web site.
    for p in 0..3 {
        let mut response = Response::new(format!("p{p}"), None, None);
        for (channel, value) in [("Web site", 4), ("Call centre", 2)] {
            let section = response.section_mut(&q, Some(channel));
            for item in &q.items {
                let raw = if item.reverse { 6 - value } else { value };
                section.answers.insert(item.id.clone(), Answer::Value(raw));
            }
        }
        response.completed_at = Some(response.started_at);
        folder.save_response(&response).unwrap();
    }
    let mut harness = app_harness(&home, TALL_WINDOW);
    open(&mut harness, &dir);
    harness.get_by_label("By channel");
    harness.get_by_label("Call centre");
    harness.get_by_label("Web site");
    // One cell per dimension: four each.
    assert_eq!(harness.query_all_by_label("2.00 Roadblock").count(), 4);
    assert_eq!(harness.query_all_by_label("4.00 Strong").count(), 4);
}

#[test]
fn a_participant_is_asked_about_each_channel_by_name() {
    let (_temp, home, dir) = temp_dirs();
    profiles_workshop(&dir, &home, &[]);
    let mut harness = app_harness(&home, TALL_WINDOW);
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label_contains("no channel is listed yet, so it is skipped");

    let mut folder = WorkshopFolder::open(&dir).unwrap();
    folder.workshop.channels = vec!["Web site".to_owned(), "Call centre".to_owned()];
    folder.save_workshop().unwrap();
    let mut harness = app_harness(&home, TALL_WINDOW);
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label_contains("is asked once for each channel: Web site, Call centre.");
    harness.get_by_label("Stay anonymous").click();
    harness.run();
    harness.get_by_label("Start").click();
    harness.run();
    harness.get_by_label_contains("Customer profiles — channel: Web site");
    harness.key_press(egui::Key::Num4);
    harness.run();
    let on_disk = WorkshopFolder::open(&dir).unwrap();
    let section = &on_disk.responses[0].response.sections[0];
    assert_eq!(section.questionnaire, "customer-profiles");
    assert_eq!(section.project.as_deref(), Some("Web site"));
    assert_eq!(section.answers.len(), 1, "the answer is on disk at once");
}
