//! The session layer without a window: a participant run driven to completion, resuming after the
//! folder is opened again, a room tally and an action-plan edit, each checked on the files on disk.

use std::path::Path;

use hero_readiness::inputs::tally::RoomTally;
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::{Action, ActionStatus, Workshop};
use hero_readiness::session::{self, Moved, Participant, ParticipantRun, SessionError};
use hero_readiness::storage::catalog::Catalog;
use hero_readiness::storage::folder::WorkshopFolder;

mod common;

/// Asked once per project.
const PROJECTS: &str = r#"Questionnaire(format_version: 1, id: "proj", version: 1,
    title: "Projects", per_project: true,
    items: [Item(id: "worth", text: "Worth it?", kind: YesNo)])"#;

/// A workshop carrying the small questionnaire and a per-project one, for projects A and B.
fn workshop(dir: &Path) -> WorkshopFolder {
    std::fs::create_dir_all(dir.join("questionnaires")).unwrap();
    std::fs::write(dir.join("questionnaires/small.ron"), common::SMALL).unwrap();
    std::fs::write(dir.join("questionnaires/proj.ron"), PROJECTS).unwrap();
    let mut workshop = Workshop::new(
        "Spring",
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    );
    workshop.questionnaires = vec!["small".into(), "proj".into()];
    workshop.projects = vec!["A".into(), "B".into()];
    WorkshopFolder::create(dir, workshop).unwrap()
}

/// The one response file on disk, read back.
fn response_on_disk(dir: &Path) -> Response {
    let files: Vec<_> = std::fs::read_dir(dir.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    hero_readiness::storage::read_response(&files[0]).unwrap()
}

fn current_item(run: &ParticipantRun, folder: &WorkshopFolder) -> String {
    run.current(folder).unwrap().1.id.clone()
}

#[test]
fn a_participant_run_goes_to_the_end_skipping_what_is_not_shown() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = workshop(temp.path());
    let participant = Participant {
        label: Some("  Sam ".into()),
        group: None,
    };
    let mut run = ParticipantRun::start(&folder, participant);
    assert_eq!(current_item(&run, &folder), "asked");
    // 4 small items, of which "told" is hidden until "built" is yes, and one per project.
    assert_eq!(run.progress(&folder), (0, 5));
    assert!(!run.has_previous(&folder));

    assert_eq!(
        run.answer(&mut folder, Answer::Value(3)).unwrap(),
        Moved::Question
    );
    // Saved at once, not at the end.
    let saved = response_on_disk(temp.path());
    assert_eq!(saved.label.as_deref(), Some("Sam"));
    assert!(!saved.is_complete());

    assert_eq!(run.decline(&mut folder).unwrap(), Moved::Question);
    assert_eq!(current_item(&run, &folder), "built");
    // "No": the follow-up "told" is skipped, straight to project A.
    run.answer(&mut folder, Answer::Value(0)).unwrap();
    assert_eq!(current_item(&run, &folder), "worth");
    assert_eq!(run.current_project(), Some("A"));

    // Back to "built", answer yes: now "told" is shown next.
    assert!(run.back(&folder));
    assert_eq!(current_item(&run, &folder), "built");
    run.answer(&mut folder, Answer::Value(1)).unwrap();
    assert_eq!(current_item(&run, &folder), "told");
    assert_eq!(run.progress(&folder), (3, 6));
    run.answer(&mut folder, Answer::Value(1)).unwrap();
    assert_eq!(run.current_project(), Some("A"));
    run.answer(&mut folder, Answer::Value(1)).unwrap();
    assert_eq!(run.current_project(), Some("B"));
    assert!(run.is_last(&folder));
    assert_eq!(
        run.answer(&mut folder, Answer::Value(0)).unwrap(),
        Moved::End
    );
    run.finish(&mut folder).unwrap();

    let saved = response_on_disk(temp.path());
    assert!(saved.is_complete());
    let small = saved.sections_of("small").next().unwrap();
    assert_eq!(small.answers.get("asked"), Some(&Answer::Value(3)));
    assert_eq!(small.answers.get("ignored"), Some(&Answer::Declined));
    assert_eq!(small.answers.get("built"), Some(&Answer::Value(1)));
    assert_eq!(small.answers.get("told"), Some(&Answer::Value(1)));
    let projects: Vec<_> = saved
        .sections_of("proj")
        .map(|section| {
            (
                section.project.clone(),
                section.answers.get("worth").cloned(),
            )
        })
        .collect();
    assert_eq!(
        projects,
        [
            (Some("A".to_owned()), Some(Answer::Value(1))),
            (Some("B".to_owned()), Some(Answer::Value(0)))
        ]
    );
}

#[test]
fn resuming_after_reopening_lands_on_the_first_unanswered_shown_question() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = workshop(temp.path());
    let mut run = ParticipantRun::start(&folder, Participant::default());
    run.answer(&mut folder, Answer::Value(2)).unwrap();
    run.answer(&mut folder, Answer::Value(2)).unwrap();
    // "built" = no hides "told": the first unanswered shown question is project A's.
    run.answer(&mut folder, Answer::Value(0)).unwrap();
    let id = run.response.id.clone();
    drop(run);

    let folder =
        session::open_workshop(temp.path(), &hero_readiness::storage::paths::Paths::none())
            .unwrap();
    let resumed = ParticipantRun::resume(&folder, &id).unwrap();
    assert_eq!(current_item(&resumed, &folder), "worth");
    assert_eq!(resumed.current_project(), Some("A"));
    assert_eq!(resumed.progress(&folder), (3, 5));
    assert!(matches!(
        ParticipantRun::resume(&folder, "gone"),
        Err(SessionError::Refused(_))
    ));
}

#[test]
fn a_room_tally_through_the_session_writes_one_anonymous_response_per_person() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = workshop(temp.path());
    let tally = RoomTally {
        questionnaire: "small".into(),
        group: None,
        people: 4,
        counts: [("asked".to_owned(), vec![1, 1, 2])].into(),
    };
    let saved = session::tally_room(&mut folder, &tally).unwrap();
    assert_eq!(saved.people, 4);
    let reopened = WorkshopFolder::open(temp.path()).unwrap();
    let mut asked: Vec<_> = reopened
        .responses
        .iter()
        .map(|loaded| {
            assert!(loaded.response.from_tally && loaded.response.is_complete());
            assert_eq!(loaded.response.label, None);
            loaded
                .response
                .sections_of("small")
                .next()
                .unwrap()
                .answers
                .get("asked")
                .cloned()
        })
        .collect();
    asked.sort_by_key(|answer| format!("{answer:?}"));
    assert_eq!(
        asked,
        [
            Some(Answer::Value(1)),
            Some(Answer::Value(2)),
            Some(Answer::Value(3)),
            Some(Answer::Value(3))
        ]
    );
}

#[test]
fn an_action_plan_edit_is_saved_and_merged_with_one_made_elsewhere() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = workshop(temp.path());
    let action = |text: &str| Action {
        action: text.to_owned(),
        owner: "Kim".to_owned(),
        due: None,
        status: ActionStatus::default(),
    };
    let saved = session::save_action_plan(&mut folder, &[], vec![action("Ask IT")]).unwrap();
    assert_eq!((saved.count, saved.merged), (1, false));
    let on_disk = WorkshopFolder::open(temp.path()).unwrap().workshop.actions;
    assert_eq!(on_disk, [action("Ask IT")]);

    // Another laptop adds an action meanwhile; this one's edit keeps both.
    let mut other = WorkshopFolder::open(temp.path()).unwrap();
    session::save_action_plan(
        &mut other,
        &[action("Ask IT")],
        vec![action("Ask IT"), action("Fix the form")],
    )
    .unwrap();
    let base = folder.workshop.actions.clone();
    let saved =
        session::save_action_plan(&mut folder, &base, vec![action("Ask IT"), action("Train")])
            .unwrap();
    assert!(saved.merged);
    let texts: Vec<String> = WorkshopFolder::open(temp.path())
        .unwrap()
        .workshop
        .actions
        .into_iter()
        .map(|action| action.action)
        .collect();
    assert_eq!(texts, ["Ask IT", "Fix the form", "Train"]);
}

#[test]
fn creating_a_workshop_refuses_what_the_form_refuses_and_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    let catalog = Catalog::load(
        Some(temp.path()),
        &hero_readiness::storage::paths::Paths::none(),
    );
    let draft = session::WorkshopDraft {
        title: "Spring".into(),
        date: "2026-03-02".into(),
        facilitator: String::new(),
        questionnaires: vec!["hero-index".into()],
        groups: vec![" Sales".into(), "Sales ".into(), "".into()],
        projects: Vec::new(),
        channels: Vec::new(),
        anonymity_threshold: 2,
        rule: "2010".into(),
    };
    let refused = session::create_workshop(&dir, &draft, &catalog).unwrap_err();
    assert_eq!(refused.kind(), session::ErrorKind::Refused);
    assert!(!dir.exists());
    let draft = session::WorkshopDraft {
        anonymity_threshold: 5,
        ..draft
    };
    let folder = session::create_workshop(&dir, &draft, &catalog).unwrap();
    assert_eq!(folder.workshop.groups, ["Sales"]);
    assert_eq!(
        WorkshopFolder::open(&dir).unwrap().workshop,
        folder.workshop
    );
}

#[test]
fn a_self_assessment_runs_the_bundled_questionnaires_to_a_complete_file() {
    let temp = tempfile::tempdir().unwrap();
    let catalog = Catalog::load(
        Some(temp.path()),
        &hero_readiness::storage::paths::Paths::none(),
    );
    let (mut folder, mut run) = session::start_self_assessment(temp.path(), &catalog).unwrap();
    assert!(folder.workshop.self_assessment);
    assert!(folder.dir.starts_with(temp.path().join("self-assessments")));
    // Declining every question still walks through every shown one, once.
    let (_, total) = run.progress(&folder);
    let mut answered = 0;
    while run.decline(&mut folder).unwrap() == Moved::Question {
        answered += 1;
    }
    assert_eq!(answered + 1, total);
    run.finish(&mut folder).unwrap();
    let reopened = WorkshopFolder::open(&folder.dir).unwrap();
    assert_eq!(reopened.completed().count(), 1);
    assert!(reopened.responses[0].response.label.is_none());
}

#[test]
fn projects_and_settings_are_saved_through_the_session_and_refusals_write_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = workshop(temp.path());
    assert_eq!(
        session::add_project(&mut folder, "  C ")
            .unwrap()
            .as_deref(),
        Some("C")
    );
    assert_eq!(session::add_project(&mut folder, "A").unwrap(), None);
    assert_eq!(session::add_project(&mut folder, " ").unwrap(), None);
    let on_disk = WorkshopFolder::open(temp.path()).unwrap().workshop;
    assert_eq!(on_disk.projects, ["A", "B", "C"]);

    let too_low = hero_readiness::model::workshop::SettingsChange {
        anonymity_threshold: Some(2),
        ..Default::default()
    };
    let refused = session::update_settings(&mut folder, &too_low).unwrap_err();
    assert_eq!(refused.kind(), session::ErrorKind::Refused);
    let on_disk = WorkshopFolder::open(temp.path()).unwrap().workshop;
    assert_eq!(on_disk.anonymity_threshold, 5);
    let fine = hero_readiness::model::workshop::SettingsChange {
        anonymity_threshold: Some(7),
        ..Default::default()
    };
    assert!(
        session::update_settings(&mut folder, &fine)
            .unwrap()
            .is_empty()
    );
    let on_disk = WorkshopFolder::open(temp.path()).unwrap().workshop;
    assert_eq!(on_disk.anonymity_threshold, 7);
}

#[test]
fn the_form_counts_a_run_with_each_project_and_channel() {
    let temp = tempfile::tempdir().unwrap();
    let catalog = Catalog::load(
        Some(temp.path()),
        &hero_readiness::storage::paths::Paths::none(),
    );
    let items = |id: &str| catalog.get(id).unwrap().items.len();
    let mut draft = session::WorkshopDraft {
        title: "Spring".into(),
        date: "2026-03-02".into(),
        facilitator: String::new(),
        questionnaires: vec![
            "hero-index".into(),
            "effort-value".into(),
            "customer-profiles".into(),
        ],
        groups: Vec::new(),
        projects: Vec::new(),
        channels: Vec::new(),
        anonymity_threshold: 5,
        rule: "2010".into(),
    };
    // Nothing listed yet: the per-entry questionnaires ask nothing.
    assert_eq!(draft.questions_per_person(&catalog), items("hero-index"));
    draft.projects = vec!["Chat".into(), " ".into(), "Wiki".into()];
    draft.channels = vec!["Web site".into()];
    assert_eq!(
        draft.questions_per_person(&catalog),
        items("hero-index") + 2 * items("effort-value") + items("customer-profiles")
    );
}
