//! Facilitator-paced parts from the window. On the discussion screen, while the room is open, the
//! facilitator puts the shown prompt on every phone, sees how many answered, and reveals the room's
//! ratings only when pressing Reveal; Next prompt moves the phones along, and "Back to self-paced"
//! returns them to their own runs. On the room screen the facilitator picks a part from the list
//! (here one project's effort–value questions), reveals the room's answers as a chart that follows
//! the phones live, reads the placement in words, and takes notes that save themselves.

#![cfg(feature = "gui")]

mod common;
mod room_support;

use std::net::SocketAddr;

use common::app::{WINDOW, app_harness, app_in, open, type_into};
use common::{demo_home, paced_workshop};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, Screen, Settings};
use hero_readiness::session;
use hero_readiness::storage::paths::Paths;
use room_support::{Phone, as_pairs, hidden, plain_answer};

#[test]
fn the_discussion_screen_puts_a_prompt_on_the_phones_and_reveals_only_when_asked() {
    let (home, dir) = demo_home(1);
    let prompts =
        session::discussion_prompts(&session::open_workshop(&dir, &Paths::none()).unwrap());
    let mut harness = app_harness(home.path(), WINDOW);
    open(&mut harness, &dir);
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    harness.state_mut().push(Command::ShowDiscussion);
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Discussion(_)));
    let (code, port, pacer) = {
        let view = harness.state().room.as_ref().expect("a room is open");
        (
            view.room.code().to_owned(),
            view.room.local_addr().port(),
            view.room.pacer(),
        )
    };
    assert_eq!(pacer.part(), None);
    // With nothing on the phones the ratings show as on any discussion.
    harness.get_by_label("The room's ratings");

    harness
        .get_by_label("Put this prompt on the phones")
        .click();
    harness.run();
    assert_eq!(pacer.part(), Some(prompts[0].clone().into()));
    harness.get_by_label("On the phones · 0 answered");
    assert!(
        harness.query_by_label("The room's ratings").is_none(),
        "hidden before Reveal"
    );

    // A phone answers it; the count follows.
    let base = format!("/{code}");
    let mut phone = Phone::new(SocketAddr::from(([127, 0, 0, 1], port)));
    let page = phone.join(&base, "Ada", "");
    let mut form = plain_answer(&page.body, 0);
    form.push(("paced".to_owned(), hidden(&page.body, "paced").unwrap()));
    assert_eq!(
        phone.post(&format!("{base}/q"), &as_pairs(&form)).status,
        303
    );
    harness.run();
    harness.get_by_label("On the phones · 1 answered");
    assert!(harness.query_by_label("The room's ratings").is_none());

    harness.get_by_label("Reveal").click();
    harness.run();
    harness.get_by_label("The room's ratings");
    // One demo participant: below the threshold, so the figures are withheld, not shown.
    harness.get_by_label_contains("Withheld");
    assert!(harness.query_by_label_contains("rated it ·").is_none());

    // Next prompt moves the phones along, hidden again until revealed.
    harness.get_by_label("Next prompt").click();
    harness.run();
    assert_eq!(pacer.part(), Some(prompts[1].clone().into()));
    assert!(harness.query_by_label("The room's ratings").is_none());
    let page = phone.get(&format!("{base}/q"));
    assert!(
        page.body.contains("name=\"paced\""),
        "the phone shows the next prompt"
    );

    harness.get_by_label("Back to self-paced").click();
    harness.run();
    assert_eq!(pacer.part(), None);
    let page = phone.get(&format!("{base}/q"));
    assert!(!page.body.contains("name=\"paced\""));
    assert!(page.body.contains("Question 1 of"), "back in her own run");
}

/// Someone rates every effort and value question of the portal `value`, without finishing.
fn rate_portal(dir: &std::path::Path, value: i64) {
    let mut folder = session::open_workshop(dir, &Paths::none()).unwrap();
    let part = session::PacedPart::Entry {
        questionnaire: "effort-value".into(),
        entry: "Portal".into(),
    };
    let mut run = session::ParticipantRun::start(&folder, session::Participant::default());
    for position in part.positions(&run, &folder) {
        let step = run.steps[position].clone();
        let rated = folder.catalog.get(&step.questionnaire).unwrap().items[step.item]
            .dimension
            .is_some();
        if rated {
            run.record_at(
                &mut folder,
                position,
                Some(hero_readiness::model::response::Answer::Value(value)),
            )
            .unwrap();
        }
    }
}

#[test]
fn the_room_screen_paces_one_projects_questions_reveals_a_chart_and_keeps_the_notes() {
    let home = tempfile::tempdir().unwrap();
    let dir = paced_workshop(home.path()).dir;
    let app = app_in(home.path(), Settings::default());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_step_dt(0.25)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    open(&mut harness, &dir);
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    let pacer = harness.state().room.as_ref().unwrap().room.pacer();
    harness.get_by_label("Ask the room together");

    // The portal's effort and value, from the list on the room screen.
    harness.get_by_label("Portal").click();
    harness.run();
    let portal = session::PacedPart::Entry {
        questionnaire: "effort-value".into(),
        entry: "Portal".into(),
    };
    assert_eq!(pacer.part(), Some(portal.clone()));
    harness.get_by_label("0 of 0 phones answered");
    harness.get_by_label_contains("Hidden until you reveal them");
    assert!(harness.query_by_label("Ask the room together").is_none());

    // Two people rated it: revealed, it is still hidden for anonymity (threshold 3).
    rate_portal(&dir, 5);
    rate_portal(&dir, 5);
    harness.get_by_label("Reveal the answers").click();
    harness.run();
    harness.get_by_label_contains("Hidden to keep answers anonymous");
    assert!(harness.query_by_label("The room's answers").is_some());

    // A third. Written straight into the folder (not by a phone, whose saves the room counts
    // for its once-a-second beat), so revealing again is what reads it.
    rate_portal(&dir, 1);
    harness.get_by_label("Hide the answers").click();
    harness.run();
    harness.get_by_label("Reveal the answers").click();
    harness.run();
    harness.get_by_label("3 people answered");
    // The chart is drawn (an image named after it).
    harness.get_by_role_and_label(egui::accesskit::Role::Image, "The room's answers");
    let reveal = harness
        .state()
        .room
        .as_ref()
        .unwrap()
        .paced
        .reveal
        .clone()
        .unwrap();
    let placement = reveal.score.unwrap().questionnaires[0]
        .placement
        .clone()
        .unwrap();
    // (5 + 5 + 1) / 3 on every item: 11/3 on 1–5, so (11/3 - 1) / 4 × 100 = 66.7 on 0–100.
    let x = placement.projects[0].x.unwrap();
    assert!((x - 200.0 / 3.0).abs() < 1e-9, "{x}");
    // And in words, as the score places it: 67 on both, in the "worth the effort" zone.
    harness.get_by_label("Worth the effort (Effort and resistance 67 · Value 67)");

    // A phone walks the portal's questions: the count and the chart follow on the room's
    // beat (at most once a second), with frames passing and nothing clicked.
    let (code, port) = {
        let view = harness.state().room.as_ref().unwrap();
        (view.room.code().to_owned(), view.room.local_addr().port())
    };
    let base = format!("/{code}");
    let mut phone = Phone::new(SocketAddr::from(([127, 0, 0, 1], port)));
    let mut page = phone.join(&base, "Ada", "");
    for step in 0..20 {
        if page.body.contains("Waiting for the next question") {
            break;
        }
        let mut form = plain_answer(&page.body, step);
        form.push(("paced".to_owned(), hidden(&page.body, "paced").unwrap()));
        let reply = phone.post(&format!("{base}/q"), &as_pairs(&form));
        assert_eq!(reply.status, 303);
        page = phone.get(&format!("{base}/q"));
    }
    assert!(page.body.contains("Waiting for the next question"));
    for _ in 0..6 {
        harness.step();
    }
    harness.run();
    harness.get_by_label("1 of 1 phone answered");
    harness.get_by_label("4 people answered");

    // The facilitator's note saves itself after a pause, and moving on keeps it.
    harness.get_by_label("Discussion notes").focus();
    harness.run();
    harness
        .get_by_label("Discussion notes")
        .type_text("Quick win if IT agrees");
    // A pause in typing (six quarter-second frames) saves it, with nothing pressed.
    for _ in 0..6 {
        harness.step();
    }
    harness.run();
    harness.get_by_label("Note saved in the workshop.");
    let saved = std::fs::read_to_string(dir.join("workshop.ron")).unwrap();
    assert!(saved.contains("Quick win if IT agrees"), "{saved}");
    assert!(saved.contains("entry:Portal"));

    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(
        pacer.part(),
        Some(session::PacedPart::Entry {
            questionnaire: "effort-value".into(),
            entry: "Callbacks".into(),
        })
    );
    harness.get_by_label_contains("Hidden until you reveal them");
    harness.get_by_label("Previous").click();
    harness.run();
    assert_eq!(pacer.part(), Some(portal));
    harness.get_by_label("Back to self-paced").click();
    harness.run();
    assert_eq!(pacer.part(), None);
    harness.get_by_label("Ask the room together");
}

#[test]
fn a_note_typed_on_the_room_screen_is_saved_when_the_facilitator_leaves_it_at_once() {
    let home = tempfile::tempdir().unwrap();
    let dir = paced_workshop(home.path()).dir;
    let mut harness = app_harness(home.path(), WINDOW);
    open(&mut harness, &dir);
    harness.state_mut().push(Command::OpenRoom);
    harness.run();
    harness.get_by_label("Portal").click();
    harness.run();
    type_into(&mut harness, "Discussion notes", "Ask IT first");
    // Straight to Results, before the typing pause: the note is saved on the way.
    harness.state_mut().push(Command::ShowResults);
    harness.run();
    let saved = std::fs::read_to_string(dir.join("workshop.ron")).unwrap();
    assert!(saved.contains("Ask IT first"), "{saved}");
    // And closing the room keeps a note typed just before.
    harness.state_mut().push(Command::ShowRoom);
    harness.run();
    type_into(&mut harness, "Discussion notes", ", then Legal");
    harness.state_mut().push(Command::CloseRoom);
    harness.run();
    let saved = std::fs::read_to_string(dir.join("workshop.ron")).unwrap();
    assert!(saved.contains("Ask IT first, then Legal"), "{saved}");
}
