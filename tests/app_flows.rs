//! Whole flows through the desktop window, driven like a person would: labels, clicks and keys via
//! egui_kittest, then checks on what the window shows and what the files on disk hold.

#![cfg(feature = "gui")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::app::{
    DroppedPath, app_with_paths, fill_path, harness, harness_sized, open, type_into,
};
use common::{demo_workshop, home_with_questionnaire, workshop_of};
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::app::{App, Command, Screen, Settings};
use hero_readiness::model::response::{Answer, Answers, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage;
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// A questionnaire with every runner path: Likert (one reversed), yes/no with a show-if, a count.
const TEAM: &str = r#"Questionnaire(
    format_version: 1,
    id: "team",
    version: 1,
    title: "Team check",
    dimensions: [Dimension(id: "voice", title: "Frontline voice")],
    items: [
        Item(id: "asked", text: "We are asked about the tools we use.", dimension: "voice",
             kind: Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])),
        Item(id: "ignored", text: "Our ideas are ignored.", dimension: "voice", reverse: true,
             kind: Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])),
        Item(id: "built", text: "Have you built your own fix for a customer problem?", kind: YesNo),
        Item(id: "told", text: "Does IT know about it?", kind: YesNo,
             show_if: ShowIf(item: "built", when: IsYes)),
        Item(id: "tools", text: "How many tools not sanctioned by IT do you use?", kind: Count(max: 20)),
    ],
)"#;

/// The shared user folder, passed to every app and folder as [`Paths`], so no test touches the
/// real user folder (or the process environment), and the `team` questionnaire is a user
/// questionnaire.
fn home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| home_with_questionnaire("team", TEAM))
}

/// The app's folders, all under [`home`].
fn paths() -> Paths {
    Paths::under(home())
}

fn new_app() -> App {
    app_with_paths(paths(), Settings::default())
}

fn team_workshop(dir: &Path) -> WorkshopFolder {
    let mut workshop = workshop_of("Team check", &["team"]);
    workshop.anonymity_threshold = 3;
    WorkshopFolder::create_with(dir, workshop, &paths()).expect("create workshop")
}

fn answers_on_disk(dir: &Path) -> BTreeMap<Option<String>, Answers> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("responses")).unwrap() {
        let path = entry.unwrap().path();
        let response: Response = storage::load_ron(&path, storage::FileKind::Response).unwrap();
        assert!(response.is_complete(), "{} is not complete", path.display());
        assert_eq!(response.sections.len(), 1);
        found.insert(response.label, response.sections[0].answers.clone());
    }
    found
}

fn type_count(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// The facilitator's gesture after a participant's run: Ctrl+Shift+F held for the hold time.
fn hand_back(harness: &mut Harness<'_, App>) {
    let held = egui::Modifiers {
        ctrl: true,
        shift: true,
        command: true,
        ..egui::Modifiers::default()
    };
    harness.event(egui::Event::ModifiersChanged(held));
    harness.event(egui::Event::Key {
        key: egui::Key::F,
        pressed: true,
        modifiers: held,
        repeat: false,
        physical_key: None,
    });
    // Each step is a quarter of a second on the harness's clock.
    for _ in 0..12 {
        harness.step();
    }
    harness.event(egui::Event::Key {
        key: egui::Key::F,
        pressed: false,
        modifiers: held,
        repeat: false,
        physical_key: None,
    });
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::default()));
    harness.run();
}

fn value(v: i64) -> Answer {
    Answer::Value(v)
}

#[test]
fn three_participants_answer_by_clicks_and_keys_and_results_show_n_3() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("spring");
    let mut harness = harness(new_app());
    harness.run();

    // Create the workshop through the Home form.
    type_into(&mut harness, "Title", "Spring workshop");
    type_into(&mut harness, "Folder", &dir.display().to_string());
    if let Screen::Home(draft) = &mut harness.state_mut().screen {
        draft.questionnaires = Some(vec!["team".to_owned()]);
        draft.anonymity_threshold = 3;
    }
    harness.run();
    harness.get_by_label("Create workshop").click();
    harness.run();
    assert!(dir.join("workshop.ron").exists());
    assert!(matches!(
        harness.state().screen,
        Screen::ParticipantStart(_)
    ));

    // Participant 1, by clicks (and a typed count).
    type_into(&mut harness, "Your name or initials", "Ann");
    harness.get_by_label("Start").click();
    harness.run();
    harness.get_by_label("Agree").click();
    harness.run();
    // The first answer is on disk before the next question is answered.
    let files: Vec<_> = std::fs::read_dir(dir.join("responses")).unwrap().collect();
    assert_eq!(files.len(), 1, "the first answer was saved at once");
    harness.get_by_label("Disagree").click();
    harness.run();
    harness.get_by_label("Yes").click();
    harness.run();
    harness.get_by_label("No").click();
    harness.run();
    type_count(&mut harness, "3");
    assert!(matches!(harness.state().screen, Screen::ThankYou));
    harness.get_by_label_contains("hand the laptop back");
    assert!(
        harness.query_by_label("Agree").is_none(),
        "the thank-you screen shows none of the answers"
    );
    hand_back(&mut harness);

    // Participant 2, anonymous, by number keys; "No" hides the follow-up question.
    harness.get_by_label("Stay anonymous").click();
    harness.run();
    harness.get_by_label("Start").click();
    harness.run();
    for key in [egui::Key::Num5, egui::Key::Num1, egui::Key::Num2] {
        harness.key_press(key);
        harness.run();
    }
    type_count(&mut harness, "0");
    assert!(matches!(harness.state().screen, Screen::ThankYou));
    hand_back(&mut harness);

    // Participant 3: keys, "prefer not to answer" (P), Backspace to go back and change an answer.
    type_into(&mut harness, "Your name or initials", "Cy");
    harness.get_by_label("Start").click();
    harness.run();
    harness.key_press(egui::Key::Num3);
    harness.run();
    harness.key_press(egui::Key::P);
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label_contains("Our ideas are ignored");
    harness.key_press(egui::Key::Num4);
    harness.run();
    harness.key_press(egui::Key::Num1);
    harness.run();
    harness.key_press(egui::Key::Num1);
    harness.run();
    type_count(&mut harness, "7");
    assert!(matches!(harness.state().screen, Screen::ThankYou));

    // Results show n = 3.
    hand_back(&mut harness);
    harness.get_by_label("Results").click();
    harness.run();
    harness.get_by_label("n = 3");

    // The files hold exactly those answers.
    let on_disk = answers_on_disk(&dir);
    let expected: BTreeMap<Option<String>, Answers> = [
        (
            Some("Ann".to_owned()),
            vec![
                ("asked", value(4)),
                ("ignored", value(2)),
                ("built", value(1)),
                ("told", value(0)),
                ("tools", value(3)),
            ],
        ),
        (
            None,
            vec![
                ("asked", value(5)),
                ("ignored", value(1)),
                ("built", value(0)),
                ("tools", value(0)),
            ],
        ),
        (
            Some("Cy".to_owned()),
            vec![
                ("asked", value(3)),
                ("ignored", value(4)),
                ("built", value(1)),
                ("told", value(1)),
                ("tools", value(7)),
            ],
        ),
    ]
    .into_iter()
    .map(|(label, answers)| {
        let answers = answers
            .into_iter()
            .map(|(id, answer)| (id.to_owned(), answer))
            .collect();
        (label, answers)
    })
    .collect();
    assert_eq!(on_disk, expected);
}

#[test]
fn tally_gives_the_same_item_scores_as_individual_answers() {
    home();
    let temp = tempfile::tempdir().unwrap();

    // Three people answering individually.
    let individual_dir = temp.path().join("individual");
    let mut individual = team_workshop(&individual_dir);
    let questionnaire = individual.catalog.get("team").unwrap().clone();
    let people = [
        [
            ("asked", 4),
            ("ignored", 2),
            ("built", 1),
            ("told", 1),
            ("tools", 3),
        ],
        [
            ("asked", 4),
            ("ignored", 5),
            ("built", 1),
            ("told", 0),
            ("tools", 0),
        ],
        [
            ("asked", 1),
            ("ignored", 2),
            ("built", 0),
            ("told", 1),
            ("tools", 2),
        ],
    ];
    for (index, answers) in people.iter().enumerate() {
        let mut response = Response::new(format!("p{index}"), None, None);
        response.completed_at = Some(chrono::Utc::now());
        let section = response.section_mut(&questionnaire, None);
        for (item, v) in answers {
            if !(*item == "told" && index == 2) {
                section.answers.insert((*item).to_owned(), value(*v));
            }
        }
        individual.save_response(&response).unwrap();
    }

    // The same room, entered as a tally.
    let tally_dir = temp.path().join("tally");
    team_workshop(&tally_dir);
    let mut harness = harness(new_app());
    open(&mut harness, &tally_dir);
    harness.get_by_label("Tally").click();
    harness.run();
    type_number(&mut harness, "People in the room", 3);
    let counts: BTreeMap<String, Vec<u32>> = [
        ("asked", vec![1, 0, 0, 2, 0]),
        ("ignored", vec![0, 2, 0, 0, 1]),
        ("built", vec![2, 1]), // Yes, No
        ("told", vec![1, 1]),  // Yes, No
        ("tools", {
            let mut tools = vec![0; 21];
            tools[0] = 1;
            tools[2] = 1;
            tools[3] = 1;
            tools
        }),
    ]
    .into_iter()
    .map(|(id, counts)| (id.to_owned(), counts))
    .collect();
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            assert_eq!(draft.tally.people, 3, "the room size was typed in");
            draft.tally.counts = counts;
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();
    harness.get_by_label("Save tally").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Results));
    harness.get_by_label("n = 3");

    let tallied = WorkshopFolder::open_with(&tally_dir, &paths()).unwrap();
    assert!(tallied.responses.iter().all(|r| r.response.from_tally));
    assert!(tallied.responses.iter().all(|r| r.response.label.is_none()));
    let individual = WorkshopFolder::open_with(&individual_dir, &paths()).unwrap();
    let a = score_workshop(&individual, &ScoreOptions::default());
    let b = score_workshop(&tallied, &ScoreOptions::default());
    let (a, b) = (&a.questionnaires[0].items, &b.questionnaires[0].items);
    assert_eq!(a.len(), 5);
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.id, y.id);
        // Equal up to the order the values were summed in.
        assert_eq!(x.summary.n, y.summary.n, "item {}", x.id);
        for (left, right) in [
            (x.summary.mean, y.summary.mean),
            (x.summary.sd, y.summary.sd),
            (x.summary.median, y.summary.median),
        ] {
            // Withheld (too few answers) in both, or equal.
            assert_eq!(left.is_some(), right.is_some(), "item {}", x.id);
            if let (Some(left), Some(right)) = (left, right) {
                assert!(
                    (left - right).abs() < 1e-12,
                    "item {}: {left} vs {right}",
                    x.id
                );
            }
        }
        assert_eq!(x.counts, y.counts, "item {}", x.id);
    }
    // A hand-computed check: "asked" = (4 + 4 + 1) / 3.
    assert_eq!(b[0].summary.mean, Some(3.0));
}

#[test]
fn an_unfinished_response_is_resumed_where_it_stopped() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("resume");
    team_workshop(&dir);

    // Dee answers two questions, then the laptop is closed.
    {
        let mut harness = harness(new_app());
        open(&mut harness, &dir);
        harness.get_by_label("Participants").click();
        harness.run();
        type_into(&mut harness, "Your name or initials", "Dee");
        harness.get_by_label("Start").click();
        harness.run();
        harness.key_press(egui::Key::Num2);
        harness.run();
        harness.key_press(egui::Key::Num3);
        harness.run();
        harness.get_by_label_contains("built your own fix");
    }

    // A fresh window: the unfinished response is offered and carries on at question 3.
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("n = 0");
    harness.get_by_label_contains("1 unfinished");
    harness.get_by_label("Participants").click();
    harness.run();
    harness
        .get_by_label_contains("Resume Dee (2 answers")
        .click();
    harness.run();
    harness.get_by_label_contains("built your own fix");
    harness.get_by_label("Question 3 of 4 · 2 left");
    harness.key_press(egui::Key::Num2);
    harness.run();
    type_count(&mut harness, "1");
    assert!(matches!(harness.state().screen, Screen::ThankYou));

    let on_disk = answers_on_disk(&dir);
    let dee = &on_disk[&Some("Dee".to_owned())];
    let expected: Answers = [
        ("asked", value(2)),
        ("ignored", value(3)),
        ("built", value(0)),
        ("tools", value(1)),
    ]
    .into_iter()
    .map(|(id, answer)| (id.to_owned(), answer))
    .collect();
    assert_eq!(dee, &expected);
    assert_eq!(on_disk.len(), 1, "resuming did not start a second file");
}

#[test]
fn a_corrupt_file_is_reported_with_its_path_and_the_rest_is_scored() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("corrupt");
    let mut folder = team_workshop(&dir);
    let questionnaire = folder.catalog.get("team").unwrap().clone();
    for (index, asked) in [(0, 2), (1, 4), (2, 3)] {
        let mut response = Response::new(format!("good{index}"), None, None);
        response.completed_at = Some(chrono::Utc::now());
        response
            .section_mut(&questionnaire, None)
            .answers
            .insert("asked".to_owned(), value(asked));
        folder.save_response(&response).unwrap();
    }
    let bad = dir.join("responses/broken.ron");
    std::fs::write(
        &bad,
        "Response(format_version: 1, id: \"x\", started_at: oops",
    )
    .unwrap();

    // Open it the way a user does without a file-chooser portal: the path field.
    let mut harness = harness(new_app());
    harness.run();
    choose_path(&mut harness, "Open a workshop folder…", &dir);

    assert!(matches!(harness.state().screen, Screen::Results));
    harness.get_by_label("n = 3");
    harness.get_by_label_contains("could not be used");
    harness.get_by_label_contains(&bad.display().to_string());
    // "asked" mean of the three good files: (2 + 4 + 3) / 3 = 3.00.
    harness.get_by_label_contains("Items (5)").click();
    harness.run();
    assert!(harness.query_all_by_label("3.00").count() >= 1);
    // The bad file was left alone.
    assert!(std::fs::read_to_string(&bad).unwrap().ends_with("oops"));
}

#[test]
fn exporting_a_chart_writes_a_valid_png() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 12, 7);
    let out = temp.path().join("chart.png");

    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    assert!(
        !harness.state().results.charts.is_empty(),
        "the demo workshop has charts"
    );
    harness
        .get_all_by_label("Export chart…")
        .next()
        .unwrap()
        .click();
    harness.run();
    fill_path(&mut harness, &out);

    let png = image::open(&out).expect("a PNG that decodes").to_rgb8();
    assert!(
        png.width() >= 800 && png.height() >= 500,
        "{:?}",
        png.dimensions()
    );
    let first = *png.get_pixel(0, 0);
    let differing = png.pixels().filter(|pixel| **pixel != first).count();
    assert!(
        differing > (png.width() * png.height() / 50) as usize,
        "the chart is not blank"
    );
    harness.get_by_label_contains("Chart saved to");
}

#[test]
fn a_self_assessment_ends_on_your_results_and_saves_a_response_file_to_hand_over() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let mut harness = harness(new_app());
    harness.run();
    harness.get_by_label("Take the self-assessment").click();
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Run(_)));
    // The first question is the core empowerment statement; answer it, skip the rest.
    harness.key_press(egui::Key::Num9);
    harness.run();
    let mut steps = 0;
    while matches!(harness.state().screen, Screen::Run(_)) {
        harness.get_by_label("Prefer not to answer").click();
        harness.run();
        steps += 1;
        assert!(steps < 500, "the self-assessment never ends");
    }
    assert!(steps > 5, "only {steps} questions");
    harness.get_by_label("See my results").click();
    harness.run();
    harness.get_by_label("Your results");
    // Written for one person: no team statistics.
    assert!(harness.query_by_label("n = 1").is_none());
    harness.get_by_label_contains("cannot say which segment you are in");

    let out = temp.path().join("mine.ron");
    choose_path(&mut harness, "Save my response file…", &out);
    let saved: Response = storage::load_ron(&out, storage::FileKind::Response)
        .expect("the saved response reads back");
    assert!(saved.is_complete());
    let first = &saved.sections[0];
    assert_eq!(first.questionnaire, "hero-index");
    let answers: Vec<&Answer> = first.answers.values().collect();
    assert!(answers.contains(&&Answer::Value(9)));
    assert!(answers.iter().filter(|a| ***a == Answer::Declined).count() >= 3);
    let home_dir = home().join("self-assessments");
    assert!(
        home_dir.exists(),
        "kept in the user folder, not the current directory"
    );
}

#[test]
fn the_presenter_moves_through_charts_with_arrow_keys_in_the_dark_theme() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 12, 3);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Present").click();
    harness.run();
    harness.get_by_label("12 people took part");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    assert!(
        harness.query_by_label("Home").is_none(),
        "no menus on the projector"
    );
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert!(matches!(
        harness.state().screen,
        Screen::Presenter { chart_index: 1 }
    ));
    let slides = harness.state().results.charts.slides().len() + 1;
    harness.get_by_label(&format!("2 / {slides}"));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(matches!(harness.state().screen, Screen::Results));
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn a_response_file_dropped_on_the_window_joins_the_open_workshop() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("drop");
    let folder = team_workshop(&dir);
    let questionnaire = folder.catalog.get("team").unwrap().clone();
    let mut response = Response::new("selfie01".to_owned(), Some("Eve".to_owned()), None);
    response.completed_at = Some(chrono::Utc::now());
    response
        .section_mut(&questionnaire, None)
        .answers
        .insert("asked".to_owned(), value(5));
    let file = temp.path().join("eve-self-assessment.ron");
    storage::save_ron(&file, &response).unwrap();

    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("n = 0");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(file.clone())));
    harness.run();
    harness.get_by_label("n = 1");
    harness.get_by_label_contains("Added");
    let copied = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert_eq!(copied.responses.len(), 1);
    assert_eq!(copied.responses[0].response, response);

    // The same file again is refused, with its path, and not counted twice.
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(file.clone())));
    harness.run();
    harness.get_by_label_contains("already in this workshop");
    harness.get_by_label("n = 1");
}

#[test]
fn charts_are_rendered_once_and_again_only_when_the_theme_changes() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 12, 5);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    let rendered = harness.state().results.charts.render_count;
    assert!(rendered >= 1);
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(harness.state().results.charts.render_count, rendered);
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert!(harness.state().results.charts.render_count > rendered);
}

#[test]
fn the_group_filter_shows_only_groups_big_enough_to_stay_anonymous() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("groups");
    let mut workshop = workshop_of("Groups", &["team"]);
    workshop.groups = vec!["Sales".to_owned(), "Service".to_owned(), "Field".to_owned()];
    workshop.anonymity_threshold = 5;
    let mut folder = WorkshopFolder::create_with(&dir, workshop, &paths()).unwrap();
    let questionnaire = folder.catalog.get("team").unwrap().clone();
    for (group, people) in [("Sales", 6), ("Service", 5), ("Field", 2)] {
        for index in 0..people {
            let mut response =
                Response::new(format!("{group}{index}"), None, Some(group.to_owned()));
            response.completed_at = Some(chrono::Utc::now());
            response
                .section_mut(&questionnaire, None)
                .answers
                .insert("asked".to_owned(), value(3));
            folder.save_response(&response).unwrap();
        }
    }

    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("n = 13");
    harness.get_by_label("Group").click();
    harness.run();
    // Field is too small; Service would give Field away (13 − 6 − 5 = 2), so neither is offered.
    harness.get_by_label_contains("Field (not shown apart");
    harness.get_by_label_contains("Service (not shown apart");
    harness.get_by_label("Sales").click();
    harness.run();
    harness.get_by_label("n = 6");
}

#[test]
fn the_effort_value_questionnaire_is_asked_once_per_project_by_name() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("projects");
    let workshop = workshop_of("Projects", &["effort-value"]);
    WorkshopFolder::create_with(&dir, workshop, &paths()).unwrap();

    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label_contains("no project is listed");
    type_into(&mut harness, "New project", "Customer chat");
    harness.get_by_label("Add project").click();
    harness.run();
    let saved = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert_eq!(saved.workshop.projects, ["Customer chat"]);

    harness.get_by_label("Stay anonymous").click();
    harness.run();
    harness.get_by_label("Start").click();
    harness.run();
    harness.get_by_label_contains("project: Customer chat");
    harness.key_press(egui::Key::Num2);
    harness.run();
    let on_disk = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    let section = &on_disk.responses[0].response.sections[0];
    assert_eq!(section.questionnaire, "effort-value");
    assert_eq!(section.project.as_deref(), Some("Customer chat"));
    assert_eq!(section.answers.len(), 1);
}

#[test]
fn switching_to_the_2011_rule_rescores_the_segments() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 24, 11);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    let rule_of = |harness: &Harness<'_, App>| {
        let score = harness.state().results.score.as_ref().unwrap();
        let segments = score.questionnaires[0].segments.as_ref().unwrap();
        (segments.rule.clone(), segments.segments[0].share.count)
    };
    let (rule, heroes_2010) = rule_of(&harness);
    assert_eq!(rule, "2010");
    harness.get_by_label("2011").click();
    harness.run();
    harness
        .get_by_label("Make 2011 the workshop's rule")
        .click();
    harness.run();
    let (rule, heroes_2011) = rule_of(&harness);
    assert_eq!(rule, "2011");
    assert!(
        heroes_2011 >= heroes_2010,
        "a lower bar never makes fewer HEROes"
    );
    assert!(
        harness
            .query_all_by_label_contains("Classification: 2011 rule (empowered")
            .count()
            >= 1
    );
}

/// Types a whole number into the number field labelled `label`, replacing what it held.
fn type_number(harness: &mut Harness<'_, App>, label: &str, number: usize) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.event(egui::Event::Text(number.to_string()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Opens the tally screen's questionnaire list and picks `title`.
fn choose_tally_questionnaire(harness: &mut Harness<'_, App>, title: &str) {
    harness.get_by_label("Questionnaire").click();
    harness.run();
    harness.get_by_label(title).click();
    harness.run();
}

#[test]
fn tallies_of_two_questionnaires_for_a_room_of_five_count_five_people() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("room");
    let workshop = workshop_of("Room", &["team", "roadblocks"]);
    WorkshopFolder::create_with(&dir, workshop, &paths()).unwrap();
    let mut harness = harness(new_app());
    open(&mut harness, &dir);

    // The first tally: the facilitator says the room holds 5 people.
    harness.get_by_label("Tally").click();
    harness.run();
    choose_tally_questionnaire(&mut harness, "Team check");
    type_number(&mut harness, "People in the room", 5);
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            draft.tally.counts = [("asked".to_owned(), vec![1, 0, 0, 2, 2])].into();
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();
    harness.get_by_label("Save tally").click();
    harness.run();
    harness.get_by_label_contains("Tally saved for a room of 5 people");
    harness.get_by_label("n = 5");

    // The second questionnaire, for the same room: its size is shown, not asked again, and a
    // count above it is refused with the reason.
    harness.get_by_label("Tally").click();
    harness.run();
    choose_tally_questionnaire(&mut harness, "Roadblocks");
    harness.get_by_label_contains("People in the room: 5");
    assert!(harness.query_by_label("People in the room").is_none());
    let item = {
        let folder = harness.state().workshop.as_ref().unwrap();
        folder.catalog.get("roadblocks").unwrap().items[0]
            .id
            .clone()
    };
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            draft.tally.counts = [(item.clone(), vec![3, 3, 0, 0, 0])].into();
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();
    harness.get_by_label_contains("= 6, more than the 5 people in the room");
    harness.get_by_label("Save tally").click();
    harness.run();
    harness.get_by_label_contains("6 answers counted, but the room has 5 people");
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            draft.tally.counts = [(item, vec![3, 2, 0, 0, 0])].into();
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();
    harness.get_by_label("Save tally").click();
    harness.run();
    harness.get_by_label("n = 5");

    let folder = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert_eq!(folder.responses.len(), 5, "five response files, not ten");
    let score = score_workshop(&folder, &ScoreOptions::default());
    assert_eq!(score.respondents, 5);
    assert_eq!(score.questionnaires.len(), 2);
    for questionnaire in &score.questionnaires {
        assert_eq!(questionnaire.respondents, 5, "{}", questionnaire.id);
    }
}

#[test]
fn the_new_workshop_form_refuses_a_threshold_under_3_and_warns_under_5() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("threshold");
    let mut harness = harness(new_app());
    harness.run();
    type_into(&mut harness, "Title", "Pairs");
    type_into(&mut harness, "Folder", &dir.display().to_string());
    type_number(&mut harness, "Anonymity threshold", 2);
    harness.get_by_label("Create workshop").click();
    harness.run();
    assert!(!dir.join("workshop.ron").exists(), "nothing is created");
    assert!(
        harness
            .query_all_by_label_contains(
                "with 2, either person can subtract their own answer and read the other's"
            )
            .count()
            >= 1
    );

    type_number(&mut harness, "Anonymity threshold", 4);
    harness.get_by_label_contains("An anonymity threshold of 4 is allowed");
    harness.get_by_label("Create workshop").click();
    harness.run();
    let created = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert_eq!(created.workshop.anonymity_threshold, 4);
}

#[test]
fn the_threshold_is_changed_after_creation_in_the_workshop_settings() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("old");
    team_workshop(&dir);
    // A file from before the minimum: it still opens, says what to fix, and uses 3.
    let file = dir.join("workshop.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("anonymity_threshold: 3,", "anonymity_threshold: 2,"),
    )
    .unwrap();
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    assert!(
        harness
            .query_all_by_label_contains("Figures use 3 until it is raised")
            .next()
            .is_some()
    );

    type_number(&mut harness, "Anonymity threshold", 2);
    harness.get_by_label("Save settings").click();
    harness.run();
    let refused = harness.state().messages.last().unwrap().clone();
    assert!(refused.is_error, "{refused:?}");
    assert!(
        refused
            .text
            .contains("workshop.ron: an anonymity threshold of 2 is too low: with 2, either"),
        "{}",
        refused.text
    );
    assert_eq!(
        WorkshopFolder::open_with(&dir, &paths())
            .unwrap()
            .workshop
            .anonymity_threshold,
        2,
        "a refused value is not saved"
    );

    type_number(&mut harness, "Anonymity threshold", 6);
    harness.get_by_label("Save settings").click();
    harness.run();
    harness.get_by_label_contains("Anonymity threshold set to 6 and saved");
    let saved = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert_eq!(saved.workshop.anonymity_threshold, 6);
    assert!(saved.warnings.is_empty());
    assert!(harness.query_by_label_contains("Figures use 3").is_none());
}

/// Chooses `path` in the in-app path field of the dialog that `button` opens.
fn choose_path(harness: &mut Harness<'_, App>, button: &str, path: &Path) {
    harness.get_by_label(button).click();
    harness.run();
    fill_path(harness, path);
}

#[test]
fn export_report_and_import_csv_from_the_results() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let source = temp.path().join("source");
    demo_workshop(&source, 6, 3);
    let source_folder = WorkshopFolder::open_with(&source, &paths()).unwrap();
    let csv = temp.path().join("answers.csv");
    hero_readiness::outputs::export::export_csv(&source_folder, &csv).unwrap();

    // A second workshop with the same settings and no responses takes the CSV.
    let target = temp.path().join("target");
    let mut workshop = source_folder.workshop.clone();
    workshop.title = "Imported".into();
    WorkshopFolder::create_with(&target, workshop, &paths()).unwrap();

    let mut harness = harness(new_app());
    open(&mut harness, &target);
    choose_path(&mut harness, "Import CSV…", &csv);
    harness.get_by_label_contains("Imported 6 responses");
    let imported = std::fs::read_dir(target.join("responses")).unwrap().count();
    assert_eq!(imported, 6);

    let report = temp.path().join("report.html");
    choose_path(&mut harness, "Export report…", &report);
    harness.get_by_label_contains("Report saved to");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("Imported"), "the report names the workshop");
    assert!(html.contains("<svg"), "charts are inline");
}

#[test]
fn the_action_plan_is_edited_in_the_results_and_saved_in_the_workshop() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 6, 5);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Action plan").click();
    harness.run();
    harness.get_by_label("Add action").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Action")
        .focus();
    harness
        .get_by_label("Action")
        .type_text("Invite five agents to the tool review");
    harness
        .get_by_role_and_label(Role::TextInput, "Owner")
        .focus();
    harness
        .get_by_role_and_label(Role::TextInput, "Owner")
        .type_text("Sam");
    harness
        .get_by_role_and_label(Role::TextInput, "Due (YYYY-MM-DD)")
        .focus();
    harness
        .get_by_label("Due (YYYY-MM-DD)")
        .type_text("2026-12-15");
    harness.run();
    harness.get_by_label("Save action plan").click();
    harness.run();
    harness.get_by_label_contains("Action plan saved (1 action)");

    let saved = WorkshopFolder::open_with(&dir, &paths())
        .unwrap()
        .workshop
        .actions;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].action, "Invite five agents to the tool review");
    assert_eq!(saved[0].owner, "Sam");
    assert_eq!(saved[0].due, chrono::NaiveDate::from_ymd_opt(2026, 12, 15));

    // A bad date is named and nothing is written.
    harness
        .get_by_role_and_label(Role::TextInput, "Due (YYYY-MM-DD)")
        .focus();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness
        .get_by_role_and_label(Role::TextInput, "Due (YYYY-MM-DD)")
        .type_text("soon");
    harness.run();
    harness.get_by_label("Save action plan").click();
    harness.run();
    harness.get_by_label_contains("\"soon\"");
    let again = WorkshopFolder::open_with(&dir, &paths())
        .unwrap()
        .workshop
        .actions;
    assert_eq!(again, saved);
}

#[test]
fn compare_with_shows_the_change_since_an_earlier_wave() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let before = temp.path().join("spring");
    let after = temp.path().join("autumn");
    demo_workshop(&before, 10, 1);
    demo_workshop(&after, 10, 2);
    let mut harness = harness(new_app());
    open(&mut harness, &after);
    harness.get_by_label("Compare with…").click();
    harness.run();
    choose_path(&mut harness, "Another folder…", &before);
    harness.get_by_label_contains("Compared with");
    let table = harness
        .state()
        .results
        .comparison
        .as_ref()
        .expect("a comparison")
        .table
        .clone();
    assert!(table.contains("Roadblocks"), "{table}");
    harness.get_by_label("Comparison with another wave");
}

#[test]
fn the_reliability_panel_shows_the_scored_figures() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 20, 9);
    let folder = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    let score = score_workshop(&folder, &ScoreOptions::default());
    let alpha = score.questionnaires[0].dimensions[0]
        .reliability
        .alpha
        .expect("the demo's first dimension has an alpha");

    // Tall enough that the tables below the charts are on screen.
    let mut harness = harness_sized(new_app(), (1280.0, 9000.0));
    open(&mut harness, &dir);
    harness
        .get_all_by_label("Reliability")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("rwg(J)");
    assert!(
        harness
            .get_all_by_label(&format!("{alpha:.2}"))
            .next()
            .is_some(),
        "alpha {alpha:.2} is shown"
    );
}

/// A group with five people by head count but one answer to the questionnaire is below the
/// threshold by answers: the group filter does not offer it and the presenter never draws it.
#[test]
fn a_group_below_the_threshold_by_answers_is_neither_offered_nor_presented() {
    use hero_readiness::outputs::charts::ChartData;
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("groups");
    let mut workshop = Workshop::new(
        "Groups",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
    );
    workshop.questionnaires = vec!["team".to_owned()];
    workshop.groups = vec!["North".into(), "South".into(), "Tiny".into()];
    workshop.anonymity_threshold = 3;
    let mut folder = WorkshopFolder::create_with(&dir, workshop, &paths()).unwrap();
    let team = folder.catalog.get("team").unwrap().clone();
    let mut id = 0;
    // North and South answer; of Tiny's five, one answers and four open the run and stop.
    for (group, answering, silent) in [("North", 4, 0), ("South", 4, 0), ("Tiny", 1, 4), ("", 3, 0)]
    {
        for k in 0..answering + silent {
            id += 1;
            let group = (!group.is_empty()).then(|| group.to_owned());
            let mut response = Response::new(format!("r{id}"), None, group);
            response.completed_at = Some(chrono::Utc::now());
            if k < answering {
                let section = response.section_mut(&team, None);
                section
                    .answers
                    .insert("asked".into(), value(1 + (id % 5) as i64));
                section.answers.insert("ignored".into(), value(2));
            }
            folder.save_response(&response).unwrap();
        }
    }

    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    assert!(matches!(harness.state().screen, Screen::Results));
    let score = harness.state().results.score.clone().unwrap();
    let listed: Vec<&str> = score.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(listed, vec!["North", "South"]);
    assert_eq!(score.suppressed_groups, vec!["Tiny".to_owned()]);

    // The filter lists Tiny greyed out with the reason, and clicking it changes nothing.
    harness.get_by_label("Group").click();
    harness.run();
    harness.get_by_label("North");
    let tiny = harness.get_by_label_contains("Tiny (not shown apart");
    tiny.click();
    harness.run();
    assert_eq!(harness.state().results.group, None);

    // The presenter's group comparison draws North and South only.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("Present").click();
    harness.run();
    let compared: Vec<String> = (0..harness.state().results.charts.len())
        .filter_map(
            |index| match &harness.state().results.charts.entry(index)?.data {
                ChartData::Compare(data) => Some(
                    data.series
                        .iter()
                        .map(|series| series.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                _ => None,
            },
        )
        .collect();
    assert_eq!(compared, vec!["North (n = 4), South (n = 4)".to_owned()]);
    let slides = harness.state().results.charts.len() + 1;
    for _ in 0..slides {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }
    assert!(harness.query_by_label_contains("Tiny").is_none());
}

/// A questionnaire with a 0–30 count (31 options) after a Likert item, for the tally's layout.
const ROOM: &str = r#"Questionnaire(
    format_version: 1,
    id: "room",
    version: 1,
    title: "Room check",
    items: [
        Item(id: "heard", text: "We are heard.",
             kind: Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"])),
        Item(id: "calls", text: "How many customer calls did you take yesterday?", kind: Count(max: 30)),
    ],
)"#;

/// A workshop of the `team` and `roadblocks` questionnaires, plus `room` from its own folder.
fn tally_workshop(dir: &Path) {
    std::fs::create_dir_all(dir.join("questionnaires")).unwrap();
    std::fs::write(dir.join("questionnaires/room.ron"), ROOM).unwrap();
    let workshop = workshop_of("Tally room", &["team", "roadblocks", "room"]);
    WorkshopFolder::create_with(dir, workshop, &paths()).unwrap();
}

fn tally_draft(harness: &Harness<'_, App>) -> hero_readiness::app::TallyDraft {
    match &harness.state().screen {
        Screen::Tally(draft) => draft.clone(),
        _ => panic!("not on the tally screen"),
    }
}

fn response_files(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("responses")).map_or(0, |entries| entries.count())
}

#[test]
fn tally_counts_survive_switching_questionnaire_and_a_look_at_results_and_discard_asks() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("room");
    tally_workshop(&dir);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Tally").click();
    harness.run();
    choose_tally_questionnaire(&mut harness, "Team check");
    type_number(&mut harness, "People in the room", 5);
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            draft.tally.counts = [("asked".to_owned(), vec![1, 0, 0, 2, 2])].into();
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();

    // Another questionnaire, then a look at Results, then back: the counts are still there.
    choose_tally_questionnaire(&mut harness, "Roadblocks");
    harness.get_by_label_contains("Unsaved counts kept for: Team check, whole room");
    harness.get_by_label("Results").click();
    harness.run();
    harness.get_by_label("Tally").click();
    harness.run();
    // The list marks the questionnaire whose counts wait.
    choose_tally_questionnaire(&mut harness, "Team check (unsaved counts)");
    let draft = tally_draft(&harness);
    assert_eq!(draft.tally.questionnaire, "team");
    assert_eq!(draft.tally.people, 5);
    assert_eq!(draft.tally.counts["asked"], vec![1, 0, 0, 2, 2]);
    assert_eq!(response_files(&dir), 0, "nothing is saved by switching");

    // Discarding asks first; "Keep counts" keeps them, "Discard" drops them.
    harness.get_by_label("Discard counts…").click();
    harness.run();
    harness.get_by_label_contains("Discard the counts entered for Team check, whole room?");
    harness.get_by_label("Keep counts").click();
    harness.run();
    assert_eq!(
        tally_draft(&harness).tally.counts["asked"],
        vec![1, 0, 0, 2, 2]
    );
    assert!(harness.query_by_label("Keep counts").is_none());
    harness.get_by_label("Discard counts…").click();
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!tally_draft(&harness).tally.has_counts());
    assert_eq!(response_files(&dir), 0);
}

#[test]
fn option_30_of_a_0_to_30_count_can_be_reached_and_set_at_1024x768() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("room");
    tally_workshop(&dir);
    for scale in [1.0, 2.0] {
        let mut app = new_app();
        app.settings.ui_scale = scale;
        // kittest's size is in points after the UI scale: a 1024×768-pixel screen at scale 2
        // is 512×384 points.
        let mut harness = harness_sized(app, (1024.0 / scale, 768.0 / scale));
        open(&mut harness, &dir);
        harness.get_by_label("Tally").click();
        harness.run();
        choose_tally_questionnaire(&mut harness, "Room check");
        type_number(&mut harness, "People in the room", 9);
        // The options wrap to the width: option 30 needs no sideways scrolling, only down.
        let screen = harness.ctx.content_rect();
        let option = harness.get_by_label("30").rect();
        assert!(
            option.max.x <= screen.max.x,
            "option 30 at {option:?} runs off the right of {screen:?} at scale {scale}"
        );
        harness.get_by_label("30").scroll_to_me();
        harness.run();
        let screen = harness.ctx.content_rect();
        let option = harness.get_by_label("30").rect();
        assert!(
            screen.contains_rect(option),
            "option 30 at {option:?} is outside the window {screen:?} at scale {scale}"
        );
        type_number(&mut harness, "30", 4);
        let draft = tally_draft(&harness);
        assert_eq!(draft.tally.counts["calls"].len(), 31);
        assert_eq!(draft.tally.counts["calls"][30], 4, "scale {scale}");
    }
}

#[test]
fn a_saved_tally_is_listed_reviewed_and_undone() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("room");
    tally_workshop(&dir);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Tally").click();
    harness.run();
    choose_tally_questionnaire(&mut harness, "Team check");
    type_number(&mut harness, "People in the room", 5);
    match &mut harness.state_mut().screen {
        Screen::Tally(draft) => {
            draft.tally.counts = [("asked".to_owned(), vec![1, 0, 0, 2, 2])].into();
        }
        _ => panic!("not on the tally screen"),
    }
    harness.run();
    harness.get_by_label("Save tally").click();
    harness.run();
    assert_eq!(response_files(&dir), 5);

    harness.get_by_label("Tally").click();
    harness.run();
    harness.get_by_label("Team check, whole room: 5 people");
    harness
        .get_by_label("Review Team check, whole room")
        .click();
    harness.run();
    let draft = tally_draft(&harness);
    assert!(draft.reviewing);
    assert_eq!(draft.tally.questionnaire, "team");
    assert_eq!(draft.tally.counts["asked"], vec![1, 0, 0, 2, 2]);
    harness.get_by_label_contains("Reviewing the saved tally");

    // Undo asks, then removes the room's files (it held only this questionnaire).
    harness.get_by_label("Undo Team check, whole room").click();
    harness.run();
    harness.get_by_label_contains("Undo the tally of Team check, whole room?");
    assert_eq!(response_files(&dir), 5, "nothing removed before the answer");
    harness.get_by_label("Undo tally").click();
    harness.run();
    assert_eq!(response_files(&dir), 0);
    harness.get_by_label_contains("Tally of Team check undone");
    assert!(harness.query_by_label_contains("Saved tallies").is_none());
    let folder = WorkshopFolder::open_with(&dir, &paths()).unwrap();
    assert!(folder.responses.is_empty());
}

#[test]
fn the_rule_switch_asks_and_then_charts_report_and_presenter_use_the_workshops_rule() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 24, 11);
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    let rule_on_disk = |dir: &Path| {
        WorkshopFolder::open_with(dir, &paths())
            .unwrap()
            .workshop
            .rule
    };
    let shown_rule = |harness: &Harness<'_, App>| {
        let score = harness.state().results.score.as_ref().unwrap();
        score.questionnaires[0]
            .segments
            .as_ref()
            .unwrap()
            .rule
            .clone()
    };
    assert_eq!(rule_on_disk(&dir), "2010");

    // Picking 2011 only asks; "Keep 2010" changes nothing.
    harness.get_by_label("2011").click();
    harness.run();
    harness.get_by_label_contains("Make 2011 the workshop's rule?");
    assert_eq!(shown_rule(&harness), "2010");
    harness.get_by_label("Keep 2010").click();
    harness.run();
    assert!(harness.query_by_label("Keep 2010").is_none());
    assert_eq!(rule_on_disk(&dir), "2010");

    harness.get_by_label("2011").click();
    harness.run();
    harness
        .get_by_label("Make 2011 the workshop's rule")
        .click();
    harness.run();
    assert_eq!(rule_on_disk(&dir), "2011", "saved in workshop.ron");
    assert_eq!(shown_rule(&harness), "2011");

    // The exported chart, the report and the presenter all say 2011.
    let quadrant = {
        let charts = &harness.state().results.charts;
        (0..charts.len())
            .find(|&i| charts.entry(i).unwrap().file_stem.ends_with("quadrant"))
            .expect("a quadrant chart")
    };
    let chart = temp.path().join("quadrant.svg");
    let report = temp.path().join("report.html");
    harness.state_mut().push(Command::ExportChart {
        chart_index: quadrant,
        path: chart.clone(),
    });
    harness
        .state_mut()
        .push(Command::ExportReport(report.clone()));
    harness.run();
    // Each names the rule once, as "Classification: 2011 rule (…)", never "Rule: 2011 rule: …".
    let rule_2011 = "2011 rule (empowered at 8 or more, resourceful with 1 or more";
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(
        svg.contains(rule_2011),
        "the exported chart names the 2011 rule"
    );
    assert!(!svg.contains("2010 rule"));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains(rule_2011), "the report names the 2011 rule");
    assert!(!html.contains("2010 rule"));
    assert!(!html.contains("Rule: ") && !svg.contains("Rule: "));
    assert!(!html.contains("Rule <strong>"));
    // The segment table under the results' HERO tab says it the same way.
    harness.get_by_label_contains(&format!("Classification: {rule_2011}"));
    harness.get_by_label("Present").click();
    harness.run();
    harness.get_by_label_contains(&format!("Classification: {rule_2011}"));
    assert!(harness.query_by_label_contains("Rule: ").is_none());
}

#[test]
fn every_top_bar_action_is_on_screen_and_apart_at_projector_sizes() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 24, 11);
    for (width, height, scale) in [
        (1024.0, 768.0, 1.5),
        (1280.0, 800.0, 1.5),
        (1024.0, 768.0, 2.0),
    ] {
        let mut app = new_app();
        app.settings.ui_scale = scale;
        // In points after the UI scale, as the screen's pixels divided by it.
        let mut harness = harness_sized(app, (width / scale, height / scale));
        open(&mut harness, &dir);
        let screen = harness.ctx.content_rect();
        let actions = [
            "Home",
            "Participants",
            "Tally",
            "Results",
            "Present",
            "UI scale",
            "Dark theme",
        ];
        // Every node of each label: the UI scale is a slider and its value box.
        let (labels, rects): (Vec<&str>, Vec<egui::Rect>) = actions
            .iter()
            .flat_map(|label| {
                let nodes: Vec<egui::Rect> = harness
                    .query_all_by_label(label)
                    .map(|node| node.rect())
                    .collect();
                assert!(!nodes.is_empty(), "no {label} in the top bar");
                nodes.into_iter().map(move |rect| (*label, rect))
            })
            .unzip();
        for (label, rect) in labels.iter().zip(&rects) {
            assert!(
                screen.contains_rect(*rect),
                "{label} at {rect:?} is off the {width}×{height} window at scale {scale}"
            );
        }
        for (a, rect_a) in rects.iter().enumerate() {
            for (b, rect_b) in rects.iter().enumerate().skip(a + 1) {
                assert!(
                    !rect_a.intersects(*rect_b),
                    "{} and {} overlap at {width}×{height}, scale {scale}",
                    labels[a],
                    labels[b]
                );
            }
        }
        // And each does what it says when clicked.
        harness.get_by_label("Tally").click();
        harness.run();
        assert!(matches!(harness.state().screen, Screen::Tally(_)));
        harness.get_by_label("Present").click();
        harness.run();
        assert!(matches!(harness.state().screen, Screen::Presenter { .. }));
    }
}

#[test]
fn presenter_splits_long_item_charts_over_slides_instead_of_leaving_items_out() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    demo_workshop(&dir, 24, 11);
    let mut harness = harness_sized(new_app(), (1024.0, 768.0));
    open(&mut harness, &dir);
    harness.get_by_label("Present").click();
    harness.run();
    let (slides, items_charted, items_scored) = {
        let results = &harness.state().results;
        let slides = results.charts.slides().to_vec();
        let charted: usize = slides
            .iter()
            .filter_map(|slide| match &slide.data {
                hero_readiness::outputs::charts::ChartData::Items(data) => {
                    Some(data.groups.iter().map(|g| g.items.len()).sum::<usize>())
                }
                _ => None,
            })
            .sum();
        let per_chart: usize = (0..results.charts.len())
            .filter_map(|i| match &results.charts.entry(i).unwrap().data {
                hero_readiness::outputs::charts::ChartData::Items(data) => {
                    Some(data.groups.iter().map(|g| g.items.len()).sum::<usize>())
                }
                _ => None,
            })
            .sum();
        (slides, charted, per_chart)
    };
    assert_eq!(items_charted, items_scored, "every item is on a slide");
    assert!(
        slides.iter().any(|slide| slide.title.contains("(2 of")),
        "a long item chart is split: {:?}",
        slides.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
    // Every slide can be reached by keys; the counter says how many there are.
    for _ in 0..slides.len() {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
    }
    harness.get_by_label(&format!("{} / {}", slides.len() + 1, slides.len() + 1));
}

#[test]
fn an_unfinished_response_with_one_answer_is_offered_as_one_answer() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("resume-one");
    team_workshop(&dir);
    {
        let mut harness = harness(new_app());
        open(&mut harness, &dir);
        harness.get_by_label("Participants").click();
        harness.run();
        type_into(&mut harness, "Your name or initials", "Dee");
        harness.get_by_label("Start").click();
        harness.run();
        harness.key_press(egui::Key::Num2);
        harness.run();
    }
    let mut harness = harness(new_app());
    open(&mut harness, &dir);
    harness.get_by_label("Participants").click();
    harness.run();
    harness.get_by_label_contains("Resume Dee (1 answer,");
}
