//! The participant's private run, driven like a person would through egui_kittest: nothing of the
//! facilitator's is reachable from it whatever keys are pressed, the facilitator's gesture brings
//! the window back, a resumed run carries on where the person stopped, text is saved while it is
//! typed (also across a SIGKILL of a real child process), and the facilitator's discussion notes
//! go to `workshop.ron` and into the report.

#![cfg(feature = "gui")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::app::{app_with_paths, harness, open, type_into};
use common::{demo_workshop, home_with_questionnaire, response_files, workshop_of};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::app::{App, Command, Screen, Settings};
use hero_readiness::model::response::Answer;
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage::folder::{WORKSHOP_FILE, WorkshopFolder};
use hero_readiness::storage::paths::Paths;
use hero_readiness::storage::{self, FileKind};

/// Five questions, none required: a rating, a free text, a rating, a yes/no and a count.
const VOICE: &str = r#"Questionnaire(
    format_version: 1,
    id: "voice",
    version: 1,
    title: "Frontline voice",
    dimensions: [Dimension(id: "voice", title: "Frontline voice")],
    items: [
        Item(id: "asked", text: "We are asked about the tools we use.", dimension: "voice",
             kind: Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])),
        Item(id: "story", text: "Tell us about a customer you helped this week.", kind: Text(multiline: true)),
        Item(id: "heard", text: "Our ideas are heard.", dimension: "voice",
             kind: Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])),
        Item(id: "built", text: "Have you built your own fix for a customer problem?", kind: YesNo),
        Item(id: "tools", text: "How many tools not sanctioned by IT do you use?", kind: Count(max: 30)),
    ],
)"#;

/// The labels only the facilitator's screens carry (the top bar and the participants screen).
const FACILITATOR_LABELS: [&str; 7] = [
    "Home",
    "Participants",
    "Tally",
    "Results",
    "Present",
    "Add project",
    "Discussion notes…",
];

/// A message meant for the facilitator, queued before the participant starts.
const FACILITATOR_MESSAGE: &str = "Another folder could not be read";

fn home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| home_with_questionnaire("voice", VOICE))
}

fn paths() -> Paths {
    Paths::under(home())
}

fn new_app() -> App {
    app_with_paths(paths(), Settings::default())
}

fn voice_workshop(dir: &Path) {
    let mut workshop = workshop_of("Voice check", &["voice"]);
    workshop.anonymity_threshold = 3;
    // A per-project questionnaire would put "Add project" on the participants screen.
    WorkshopFolder::create_with(dir, workshop, &paths()).expect("create workshop");
}

/// A window on the workshop's participants screen, with a facilitator's message showing.
fn participants_screen(dir: &Path) -> Harness<'static, App> {
    let mut harness = harness(new_app());
    open(&mut harness, dir);
    harness.state_mut().report_error(FACILITATOR_MESSAGE);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label_contains(FACILITATOR_MESSAGE);
    harness
}

fn start(harness: &mut Harness<'_, App>, name: &str) {
    type_into(harness, "Your name or initials", name);
    harness.get_by_label("Start").click();
    harness.run();
}

fn held_modifiers() -> Modifiers {
    Modifiers {
        ctrl: true,
        shift: true,
        command: true,
        ..Modifiers::default()
    }
}

/// Holds Ctrl+Shift+F for `steps` quarter-second steps of the harness's clock, then lets go.
fn hold_unlock_keys(harness: &mut Harness<'_, App>, steps: usize) {
    let held = held_modifiers();
    harness.event(Event::ModifiersChanged(held));
    harness.event(Event::Key {
        key: Key::F,
        pressed: true,
        modifiers: held,
        repeat: false,
        physical_key: None,
    });
    for _ in 0..steps {
        harness.step();
    }
    harness.event(Event::Key {
        key: Key::F,
        pressed: false,
        modifiers: held,
        repeat: false,
        physical_key: None,
    });
    harness.event(Event::ModifiersChanged(Modifiers::default()));
    harness.run();
}

/// The facilitator's gesture: the keys held well past the two seconds.
fn hand_back(harness: &mut Harness<'_, App>) {
    hold_unlock_keys(harness, 12);
}

/// Fails if anything of the facilitator's is on screen (or in the accessibility tree, which is
/// what Tab walks through).
fn assert_private(harness: &Harness<'_, App>, context: &str) {
    for label in FACILITATOR_LABELS {
        assert!(
            harness.query_by_label(label).is_none(),
            "{context}: the facilitator's “{label}” is reachable"
        );
    }
    assert!(
        harness
            .query_by_label_contains(FACILITATOR_MESSAGE)
            .is_none(),
        "{context}: the facilitator's message is on the participant's screen"
    );
    let participants = match &harness.state().screen {
        Screen::Run(_) | Screen::ThankYou => true,
        Screen::ParticipantStart(draft) => draft.handed_over,
        _ => false,
    };
    assert!(participants, "{context}: the participant left the run");
    assert!(harness.state().participant_locked(), "{context}");
}

fn answer_on_disk(dir: &Path, item: &str) -> Option<Answer> {
    response_files(dir)
        .into_iter()
        .find_map(|response| response.sections.first()?.answers.get(item).cloned())
}

#[test]
fn a_participant_pressing_any_key_never_reaches_the_facilitator() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("voice");
    voice_workshop(&dir);
    let mut harness = participants_screen(&dir);
    start(&mut harness, "Ann");
    assert_private(&harness, "the first question");

    // Every key a participant might reach for, again and again: Tab walks the focus through every
    // control there is, Space and Enter press whatever has it, arrows move, Escape.
    let keys = [
        Key::Tab,
        Key::Space,
        Key::Tab,
        Key::Tab,
        Key::Space,
        Key::Escape,
        Key::Enter,
        Key::ArrowUp,
        Key::ArrowDown,
        Key::ArrowRight,
        Key::ArrowLeft,
        Key::Tab,
        Key::Enter,
    ];
    let mut presses = 0;
    let mut reached_the_text_question = false;
    while !matches!(harness.state().screen, Screen::ThankYou) {
        for key in keys {
            harness.key_press(key);
            harness.run();
            presses += 1;
            assert_private(&harness, &format!("after {presses} key presses ({key:?})"));
            reached_the_text_question |= harness
                .query_by_label_contains("customer you helped")
                .is_some();
        }
        // Shift+Tab walks the focus backwards.
        harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        harness.run();
        harness.key_press(Key::Space);
        harness.run();
        assert_private(&harness, "after Shift+Tab, Space");
        // A number typed, as a participant does on the count question.
        harness.event(Event::Text("2".to_owned()));
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
        assert_private(&harness, "after typing a number and Enter");
        // Enter and the right arrow move on once no text field holds the keys.
        harness.key_press(Key::Escape);
        harness.run();
        harness.key_press(Key::ArrowRight);
        harness.run();
        assert!(presses < 2_000, "the run never ended");
    }
    assert!(
        reached_the_text_question,
        "the keys went through a text question"
    );

    // The thank-you screen names the way back in small print; its keys lead at most to the next
    // participant's locked start form.
    harness.get_by_label_contains("hold Ctrl+Shift+F");
    for key in keys.iter().chain(&keys) {
        harness.key_press(*key);
        harness.run();
        assert_private(&harness, &format!("the thank-you screen after {key:?}"));
    }

    // A short press of the facilitator's keys does nothing; holding them brings the window back,
    // with the message kept for the facilitator.
    harness.key_press_modifiers(held_modifiers(), Key::F);
    harness.run();
    assert_private(&harness, "after a short Ctrl+Shift+F");
    hold_unlock_keys(&mut harness, 4);
    assert_private(&harness, "after holding the keys for one second");
    hand_back(&mut harness);
    assert!(matches!(
        harness.state().screen,
        Screen::ParticipantStart(_)
    ));
    harness.get_by_label("Results");
    harness.get_by_label_contains(FACILITATOR_MESSAGE);
    let responses = response_files(&dir);
    assert!(
        responses
            .iter()
            .any(|response| response.label.as_deref() == Some("Ann") && response.is_complete()),
        "the keys finished Ann's run and it is on disk"
    );
}

#[test]
fn a_handed_over_start_form_and_the_next_participant_button_stay_private() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("voice");
    voice_workshop(&dir);
    let mut harness = participants_screen(&dir);
    start(&mut harness, "Bo");
    harness.get_by_label("Agree").click();
    harness.run();
    hand_back(&mut harness);
    harness.get_by_label_contains("Resume Bo");
    harness
        .get_by_label("Hand the laptop to a participant")
        .click();
    harness.run();
    assert_private(&harness, "the handed-over start form");
    assert!(
        harness.query_by_label_contains("Resume").is_none(),
        "another person's unfinished run cannot be opened"
    );
    harness.get_by_label_contains("hold Ctrl+Shift+F");
    for key in [
        Key::Tab,
        Key::Space,
        Key::Tab,
        Key::Space,
        Key::Escape,
        Key::ArrowDown,
    ] {
        harness.key_press(key);
        harness.run();
        assert_private(&harness, &format!("the start form after {key:?}"));
    }
    // Whatever the keys did to the form, Start begins a run.
    harness.get_by_label("Start").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Run(_)));
    assert_private(&harness, "the new run");
    // Through the five questions by keys: a number where one is typed, Enter or → to move on.
    for _ in 0..10 {
        if matches!(harness.state().screen, Screen::ThankYou) {
            break;
        }
        harness.event(Event::Text("2".to_owned()));
        harness.key_press(Key::Enter);
        harness.run();
        harness.key_press(Key::Escape);
        harness.key_press(Key::ArrowRight);
        harness.run();
        assert_private(&harness, "the new run");
    }
    assert!(matches!(harness.state().screen, Screen::ThankYou));
    // Passing the laptop round: the next person's form, as private as the run.
    harness.get_by_label("Next participant").click();
    harness.run();
    assert_private(&harness, "the next participant's start form");
    harness.get_by_label("Your name or initials");
    hand_back(&mut harness);
    assert!(!harness.state().participant_locked());
    harness.get_by_label("Results");
}

#[test]
fn the_gesture_leaves_a_run_halfway_and_it_resumes_after_the_last_answer() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("voice");
    voice_workshop(&dir);
    let mut harness = participants_screen(&dir);
    start(&mut harness, "Bo");
    // Question 1 answered, question 2 (the optional text) skipped, question 3 answered.
    harness.get_by_label("Agree").click();
    harness.run();
    harness.get_by_label_contains("customer you helped");
    harness.get_by_label("Next").click();
    harness.run();
    harness.get_by_label("Disagree").click();
    harness.run();
    harness.get_by_label_contains("built your own fix");
    assert_private(&harness, "halfway");

    // The facilitator takes the laptop back in the middle of the run.
    hand_back(&mut harness);
    assert!(matches!(
        harness.state().screen,
        Screen::ParticipantStart(_)
    ));
    harness
        .get_by_label_contains("Resume Bo (2 answers")
        .click();
    harness.run();
    // On question 4, the one after the last answered, not on the skipped question 2.
    harness.get_by_label_contains("built your own fix");
    harness.get_by_label("Question 4 of 5 · 2 left");
    assert_private(&harness, "the resumed run");
    harness.get_by_label("Yes").click();
    harness.run();
    harness.get_by_label("Question 5 of 5 · this is the last one");
}

#[test]
fn text_is_on_disk_within_a_second_of_typing_without_pressing_anything() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("voice");
    voice_workshop(&dir);
    let mut harness = participants_screen(&dir);
    start(&mut harness, "Cy");
    harness.get_by_label("Neutral").click();
    harness.run();
    harness.get_by_label("Your answer").focus();
    harness.run();
    harness
        .get_by_label("Your answer")
        .type_text("A delivery arrived damaged");
    // Four frames: one second on the harness's clock, with nobody touching anything.
    for _ in 0..4 {
        harness.step();
    }
    assert_eq!(
        answer_on_disk(&dir, "story"),
        Some(Answer::Text("A delivery arrived damaged".to_owned()))
    );
    // More typing replaces it; clearing the field removes the answer.
    harness
        .get_by_label("Your answer")
        .type_text("; we sent a new one.");
    for _ in 0..4 {
        harness.step();
    }
    assert_eq!(
        answer_on_disk(&dir, "story"),
        Some(Answer::Text(
            "A delivery arrived damaged; we sent a new one.".to_owned()
        ))
    );
    harness.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    harness.key_press(Key::Backspace);
    for _ in 0..4 {
        harness.step();
    }
    assert_eq!(answer_on_disk(&dir, "story"), None);
    assert!(matches!(harness.state().screen, Screen::Run(_)));
}

/// Where the child process of the kill test keeps its workshop (set only for the child).
const CHILD_DIR_VAR: &str = "HERO_TYPING_CHILD_DIR";
const TYPED_NOTE: &str = "The courier left it at the wrong door";

/// The child of [`a_note_being_typed_survives_a_sigkill`]: the real window's code in a harness,
/// typing a note one character at a time in real time, then idling as a window nobody touches
/// (a frame about every 50 ms, timed by the wall clock), until it is killed. Does nothing unless
/// run as that child.
#[test]
#[ignore = "run by a_note_being_typed_survives_a_sigkill as its child process"]
fn typing_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_VAR).map(PathBuf::from) else {
        return;
    };
    let step = Duration::from_millis(50);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_step_dt(step.as_secs_f32())
        .build_ui_state(|ui, app: &mut App| app.ui(ui), new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    start(&mut harness, "Dee");
    harness.get_by_label("Neutral").click();
    harness.run();
    harness.get_by_label("Your answer").focus();
    harness.run();
    // From here the frames run on the wall clock, as eframe's do, however slowly they draw.
    let clock = Instant::now();
    let frame = |harness: &mut Harness<'_, App>| {
        harness.input_mut().time = Some(100.0 + clock.elapsed().as_secs_f64());
        harness.step();
        std::thread::sleep(step);
    };
    for character in TYPED_NOTE.chars() {
        harness.event(Event::Text(character.to_string()));
        frame(&mut harness);
    }
    println!("typed");
    loop {
        frame(&mut harness);
    }
}

#[cfg(unix)]
#[test]
fn a_note_being_typed_survives_a_sigkill() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("voice");
    voice_workshop(&dir);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "typing_child", "--ignored", "--nocapture"])
        .env(CHILD_DIR_VAR, &dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let started = Instant::now();
    let typed = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("typed"));
    assert!(
        typed,
        "the child never finished typing ({:?})",
        started.elapsed()
    );
    // About a second after the last key: no Next, no focus change, then no chance to clean up.
    std::thread::sleep(Duration::from_millis(1_000));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(
        answer_on_disk(&dir, "story"),
        Some(Answer::Text(TYPED_NOTE.to_owned())),
        "the note typed before the kill is on disk"
    );
}

#[test]
fn the_facilitator_notes_the_discussion_beside_the_rooms_ratings_and_the_report_shows_it() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 24, 13);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label("Discussion notes…").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Discussion(_)));

    // Prompt 1: the demo's note, and the room's ratings beside it (24 people, all shown).
    harness.get_by_label("Discussion — prompt 1 of 10");
    harness.get_by_label_contains("What we offer");
    harness.get_by_label_contains("rated it · mean");
    harness.get_by_label("Very well");
    let Screen::Discussion(view) = &harness.state().screen else {
        unreachable!()
    };
    assert!(view.draft.contains("customer phrases"), "{}", view.draft);

    // Prompt 5 has no note yet: the facilitator writes one and moves on, which saves it.
    for _ in 0..4 {
        harness.get_by_label("Next prompt").click();
        harness.run();
    }
    harness.get_by_label("Discussion — prompt 5 of 10");
    harness.get_by_label("Discussion notes").focus();
    harness.run();
    harness
        .get_by_label("Discussion notes")
        .type_text("Nobody runs our user group any more.");
    // A pause in typing (six quarter-second frames) saves it, with nothing pressed.
    for _ in 0..6 {
        harness.step();
    }
    harness.run();
    harness.get_by_label("Note saved in the workshop.");
    let workshop: Workshop =
        storage::load_ron(&dir.join(WORKSHOP_FILE), FileKind::Workshop).unwrap();
    assert!(workshop.discussion_notes["customer-dialogue"].contains_key("prompt_5"));
    // More text, then straight on to the next prompt: saved on the way.
    harness
        .get_by_label("Discussion notes")
        .type_text(" Next: Kofi restarts it in March.");
    harness.get_by_label("Next prompt").click();
    harness.run();
    harness.get_by_label("Discussion — prompt 6 of 10");

    let workshop: Workshop =
        storage::load_ron(&dir.join(WORKSHOP_FILE), FileKind::Workshop).unwrap();
    let notes = &workshop.discussion_notes["customer-dialogue"];
    assert_eq!(
        notes["prompt_5"],
        "Nobody runs our user group any more. Next: Kofi restarts it in March."
    );
    assert!(
        notes["prompt_1"].contains("customer phrases"),
        "the demo's note stays"
    );

    // Back on prompt 5 the note is there; the report prints it under its prompt.
    harness.get_by_label("Previous prompt").click();
    harness.run();
    let Screen::Discussion(view) = &harness.state().screen else {
        unreachable!()
    };
    assert!(view.draft.starts_with("Nobody runs our user group"));
    let report = temp.path().join("report.html");
    harness
        .state_mut()
        .push(Command::ExportReport(report.clone()));
    harness.run();
    let html = std::fs::read_to_string(&report).unwrap();
    let notes_at = html
        .find("The facilitator's notes of the discussion")
        .expect("the report has the facilitator's notes");
    let note_at = html
        .find("Nobody runs our user group any more. Next: Kofi restarts it in March.")
        .expect("the note is in the report");
    assert!(note_at > notes_at);
}

#[test]
fn the_discussion_withholds_the_ratings_of_fewer_people_than_the_threshold() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("small");
    // Two people rated the prompts; the workshop's threshold is 5.
    demo_workshop(&dir, 2, 13);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label("Discussion notes…").click();
    harness.run();
    harness.get_by_label_contains("Withheld:");
    assert!(
        harness.query_by_label_contains("rated it").is_none(),
        "no figure of two people's ratings is shown"
    );
    assert!(harness.query_by_label("Very well").is_none());
}
