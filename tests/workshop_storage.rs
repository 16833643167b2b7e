//! Workshops on disk: answers round-trip through RON files, hostile labels stay inside the folder,
//! a corrupt file is reported (path and position) while the rest load and score, and a bad file is
//! never rewritten. Also scoring of a workshop-local questionnaire, worked out by hand.

use std::path::Path;

use chrono::NaiveDate;
use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::model::questionnaire::Questionnaire;
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage;
use hero_readiness::storage::catalog::QUESTIONNAIRES_DIR;
use hero_readiness::storage::folder::WorkshopFolder;

mod common;
use common::SMALL;

fn small() -> Questionnaire {
    storage::parse_ron(Path::new("small.ron"), SMALL).unwrap()
}

/// A workshop that uses only the `small` questionnaire, carried in its own folder.
fn small_workshop(dir: &Path) -> WorkshopFolder {
    let mut workshop = Workshop::new("Small", NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
    workshop.questionnaires = vec!["small".into()];
    workshop.groups = vec!["A".into(), "B".into()];
    workshop.anonymity_threshold = 3;
    std::fs::create_dir_all(dir.join(QUESTIONNAIRES_DIR)).unwrap();
    std::fs::write(dir.join(QUESTIONNAIRES_DIR).join("small.ron"), SMALL).unwrap();
    WorkshopFolder::create(dir, workshop).unwrap()
}

fn answered(id: &str, group: &str, answers: &[(&str, Answer)]) -> Response {
    let q = small();
    let mut response = Response::new(id.into(), Some(format!("P {id}")), Some(group.into()));
    let section = response.section_mut(&q, None);
    section.answers = answers
        .iter()
        .map(|(item, answer)| ((*item).to_owned(), answer.clone()))
        .collect();
    response.completed_at = Some(response.started_at);
    response
}

#[test]
fn hostile_labels_stay_inside_the_folder_and_never_collide() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(&temp.path().join("w"));
    let long = "x".repeat(300);
    let labels = [
        "../../etc/x",
        "CON",
        "a/b",
        "🦸‍♀️",
        long.as_str(),
        "..",
        "a\\b",
        "con",
    ];
    for (index, label) in labels.iter().enumerate() {
        let mut response = Response::new(format!("id{index}"), Some((*label).into()), None);
        response.completed_at = Some(response.started_at);
        let path = folder.save_response(&response).unwrap();
        assert_eq!(path.parent().unwrap(), folder.responses_dir(), "{label}");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.len() < 80 && !name.starts_with('.'), "{name}");
    }
    let reopened = WorkshopFolder::open(&folder.dir).unwrap();
    assert_eq!(
        reopened.responses.len(),
        labels.len(),
        "no two labels collided"
    );
    assert!(reopened.problems.is_empty());
    assert!(!temp.path().join("etc").exists());
    let loaded: Vec<_> = reopened
        .responses
        .iter()
        .map(|r| r.response.label.clone())
        .collect();
    assert!(
        loaded.contains(&Some("../../etc/x".to_owned())),
        "label kept verbatim inside the file"
    );
}

#[test]
fn responses_round_trip_exactly() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    let response = answered(
        "r1",
        "A",
        &[
            ("asked", Answer::Value(3)),
            ("ignored", Answer::Declined),
            ("built", Answer::Value(1)),
            ("told", Answer::Value(0)),
        ],
    );
    let path = folder.save_response(&response).unwrap();
    let back: Response = storage::load_ron(&path, storage::FileKind::Response).unwrap();
    assert_eq!(back, response);
}

#[test]
fn a_corrupt_file_is_reported_and_the_rest_are_scored_and_it_is_never_rewritten() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    folder
        .save_response(&answered(
            "r1",
            "A",
            &[("asked", Answer::Value(3)), ("ignored", Answer::Value(1))],
        ))
        .unwrap();
    folder
        .save_response(&answered(
            "r2",
            "A",
            &[("asked", Answer::Value(2)), ("ignored", Answer::Value(2))],
        ))
        .unwrap();
    let bad = folder.responses_dir().join("broken-zz.ron");
    let bad_text = "Response(\n    format_version: 1,\n    id: \"zz\",\n    started_at: oops,\n)\n";
    std::fs::write(&bad, bad_text).unwrap();

    let mut reopened = WorkshopFolder::open(temp.path()).unwrap();
    assert_eq!(reopened.responses.len(), 2);
    assert_eq!(reopened.problems.len(), 1);
    let problem = &reopened.problems[0];
    assert_eq!(problem.path, bad);
    assert_eq!(problem.line, Some(4), "{problem}");
    assert!(
        problem.to_string().contains("broken-zz.ron:4:"),
        "{problem}"
    );

    let score = score_workshop(&reopened, &ScoreOptions::default());
    assert_eq!(score.respondents, 2);
    assert_eq!(score.problems.len(), 1);
    // Both good files are scored; two people are fewer than the threshold of 3, so the figure
    // says so instead of showing their mean.
    let voice = &score.questionnaires[0].dimensions[0];
    assert_eq!(voice.summary.n, 2);
    assert_eq!(voice.summary.mean, None);
    assert_eq!(voice.withheld.as_deref(), Some("fewer than 3 answers"));

    // Saving other responses never touches the bad file.
    reopened
        .save_response(&answered("r3", "B", &[("asked", Answer::Value(1))]))
        .unwrap();
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), bad_text);
}

#[test]
fn small_questionnaire_scored_by_hand() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    let responses = [
        // voice = mean(asked, 4 − ignored): (3 + 3)/2 = 3
        answered(
            "a",
            "A",
            &[
                ("asked", Answer::Value(3)),
                ("ignored", Answer::Value(1)),
                ("built", Answer::Value(1)),
                ("told", Answer::Value(1)),
            ],
        ),
        // (2 + 2)/2 = 2
        answered(
            "b",
            "A",
            &[
                ("asked", Answer::Value(2)),
                ("ignored", Answer::Value(2)),
                ("built", Answer::Value(0)),
                ("told", Answer::Value(1)),
            ],
        ),
        // one of two answered: exactly half → scored, 1
        answered(
            "c",
            "B",
            &[
                ("asked", Answer::Value(1)),
                ("ignored", Answer::Declined),
                ("built", Answer::Value(1)),
            ],
        ),
        // none answered → no score
        answered("d", "B", &[("built", Answer::Value(0))]),
    ];
    for response in &responses {
        folder.save_response(response).unwrap();
    }
    // An unfinished response is not counted.
    let mut unfinished = answered("e", "B", &[("asked", Answer::Value(3))]);
    unfinished.completed_at = None;
    folder.save_response(&unfinished).unwrap();

    let score = score_workshop(&folder, &ScoreOptions::default());
    assert_eq!((score.respondents, score.in_progress), (4, 1));
    let q = &score.questionnaires[0];
    let voice = &q.dimensions[0];
    // Scores 3, 2, 1: n 3, mean 2, sd 1, median 2.
    assert_eq!(voice.summary.n, 3);
    assert_eq!(voice.summary.mean, Some(2.0));
    assert_eq!(voice.summary.sd, Some(1.0));
    assert_eq!(voice.summary.median, Some(2.0));
    assert_eq!(
        (voice.summary.min, voice.summary.max),
        (Some(1.0), Some(3.0))
    );
    // Mean 2.0 falls in the band starting at 2.0.
    assert_eq!(voice.band.as_ref().unwrap().label, "Strong");
    assert_eq!(q.roadblocks.len(), 1);

    let told = q.items.iter().find(|item| item.id == "told").unwrap();
    // "b" answered told but built = no, so told was never shown and does not count: one answer,
    // fewer than the threshold, so its figures are withheld.
    assert_eq!((told.summary.n, told.answered), (1, 1));
    assert_eq!(told.summary.mean, None);
    assert_eq!(told.withheld.as_deref(), Some("fewer than 3 answers"));
    let ignored = q.items.iter().find(|item| item.id == "ignored").unwrap();
    assert_eq!(ignored.declined, Some(1));
    let counts: Vec<usize> = ignored.counts.iter().map(|c| c.count).collect();
    assert_eq!(counts, vec![1, 1, 0]);

    // Groups A (2) and B (2 completed, plus one unfinished) are both under the threshold of 3.
    assert!(score.groups.is_empty());
    assert_eq!(
        score.suppressed_groups,
        vec!["A".to_owned(), "B".to_owned()]
    );
}

#[test]
fn small_groups_are_never_reported_apart_even_by_subtraction() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    folder.workshop.anonymity_threshold = 3;
    folder.workshop.groups.push("C".into());
    let plan = [("A", 4), ("B", 3), ("C", 1)];
    let mut n = 0;
    for (group, size) in plan {
        for _ in 0..size {
            n += 1;
            folder
                .save_response(&answered(
                    &format!("r{n}"),
                    group,
                    &[("asked", Answer::Value(2))],
                ))
                .unwrap();
        }
    }
    let score = score_workshop(&folder, &ScoreOptions::default());
    // C (1) is too small; reporting A and B would reveal C as total − A − B, so B (the smaller
    // reportable group) is suppressed with it.
    assert_eq!(
        score.suppressed_groups,
        vec!["B".to_owned(), "C".to_owned()]
    );
    let shown: Vec<&str> = score.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(shown, vec!["A"]);

    let only_c = score_workshop(
        &folder,
        &ScoreOptions {
            group: Some("C".into()),
            ..ScoreOptions::default()
        },
    );
    assert_eq!(only_c.group, None, "a suppressed group is refused");
    assert_eq!(only_c.respondents, 8);
    assert!(
        only_c
            .problems
            .iter()
            .any(|p| p.message.contains("not shown apart"))
    );
}

#[test]
fn a_changed_questionnaire_warns_and_keeps_answers_to_removed_items() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    let mut response = answered("r1", "A", &[("asked", Answer::Value(3))]);
    response.sections[0]
        .answers
        .insert("retired_item".into(), Answer::Value(2));
    response.sections[0].hash = "0000000000000000".into();
    let path = folder.save_response(&response).unwrap();
    let score = score_workshop(&folder, &ScoreOptions::default());
    assert!(
        score
            .warnings
            .iter()
            .any(|w| w.contains("has changed since")),
        "{:?}",
        score.warnings
    );
    assert!(
        score.warnings.iter().any(|w| w.contains("retired_item")),
        "{:?}",
        score.warnings
    );
    let on_disk: Response = storage::load_ron(&path, storage::FileKind::Response).unwrap();
    assert!(on_disk.sections[0].answers.contains_key("retired_item"));
}

#[test]
fn yes_no_answers_are_counted_under_yes_and_no() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    for (id, built) in [("a", 1), ("b", 0), ("c", 0)] {
        folder
            .save_response(&answered(id, "A", &[("built", Answer::Value(built))]))
            .unwrap();
    }
    let score = score_workshop(&folder, &ScoreOptions::default());
    let built = score.questionnaires[0]
        .items
        .iter()
        .find(|item| item.id == "built")
        .unwrap();
    let counts: Vec<(&str, usize)> = built
        .counts
        .iter()
        .map(|c| (c.label.as_str(), c.count))
        .collect();
    assert_eq!(counts, vec![("Yes", 1), ("No", 2)]);
    // Yes = 1, No = 0: mean 1/3.
    assert!((built.summary.mean.unwrap() - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn answers_that_do_not_fit_are_named_and_left_unscored() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    let mut response = answered(
        "r1",
        "A",
        &[
            ("asked", Answer::Value(9)),
            ("ignored", Answer::Text("sometimes".into())),
            ("built", Answer::Value(1)),
            ("gone_1", Answer::Value(1)),
            ("gone_2", Answer::Value(2)),
        ],
    );
    // A second section for the same (not per-project) questionnaire: only the first counts.
    let mut again = response.sections[0].clone();
    again.answers.insert("asked".into(), Answer::Value(1));
    response.sections.push(again);
    folder.save_response(&response).unwrap();
    let score = score_workshop(&folder, &ScoreOptions::default());
    let warnings = score.warnings.join("\n");
    assert!(
        warnings.contains("item \"small.asked\": value out of range, expected 1 to 3"),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "item \"small.ignored\": answer Text(\"sometimes\") does not fit a likert item"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "answers to items no longer in \"small\" are kept but not scored: gone_1, gone_2"
        ),
        "{warnings}"
    );
    assert!(warnings.contains("answers \"small\" more than once; only the first is scored"));
    let small = &score.questionnaires[0];
    let asked = small.items.iter().find(|item| item.id == "asked").unwrap();
    assert_eq!(
        asked.summary.n, 0,
        "neither 9 nor the second section's 1 is scored"
    );
    let built = small.items.iter().find(|item| item.id == "built").unwrap();
    assert_eq!(built.summary.n, 1);
}

#[test]
fn a_team_workshop_needs_a_threshold_of_3_but_an_older_file_with_1_still_opens() {
    let temp = tempfile::tempdir().unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
    let mut workshop = Workshop::new("Pair", date);
    workshop.anonymity_threshold = 2;
    let refused = WorkshopFolder::create(&temp.path().join("pair"), workshop.clone()).unwrap_err();
    assert_eq!(refused.path, temp.path().join("pair").join("workshop.ron"));
    assert!(
        refused
            .message
            .contains("with 2, either person can subtract their own answer and read the other's"),
        "{refused}"
    );
    assert!(!temp.path().join("pair").join("workshop.ron").exists());

    // A self-assessment has no groups to protect: any threshold is fine.
    let mut own = Workshop::new("Me", date);
    own.anonymity_threshold = 1;
    own.self_assessment = true;
    WorkshopFolder::create(&temp.path().join("me"), own).unwrap();
    assert!(
        WorkshopFolder::open(&temp.path().join("me"))
            .unwrap()
            .warnings
            .is_empty()
    );

    // An older file holding 1 opens, is scored with 3, and says what to fix.
    let dir = temp.path().join("old");
    std::fs::create_dir_all(&dir).unwrap();
    workshop.anonymity_threshold = 1;
    storage::save_ron(&dir.join("workshop.ron"), &workshop).unwrap();
    let folder = WorkshopFolder::open(&dir).unwrap();
    assert_eq!(folder.workshop.anonymity_threshold, 1);
    assert_eq!(folder.workshop.disclosure_threshold(), 3);
    assert_eq!(folder.warnings.len(), 1);
    assert!(folder.warnings[0].contains("workshop.ron: an anonymity threshold of 1 is too low"));
    assert!(folder.problems.is_empty(), "a warning, not a problem");
}

#[test]
fn settings_are_checked_then_saved_and_a_threshold_of_3_or_4_is_warned_about() {
    use hero_readiness::model::workshop::{SettingsChange, check_anonymity_threshold};
    use hero_readiness::storage::folder::SettingsError;
    assert!(check_anonymity_threshold(2).is_err());
    assert!(check_anonymity_threshold(3).unwrap().is_some());
    assert!(check_anonymity_threshold(4).unwrap().is_some());
    assert_eq!(check_anonymity_threshold(5), Ok(None));

    let temp = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(temp.path());
    let refused = folder
        .update_settings(&SettingsChange {
            title: Some("Renamed".into()),
            anonymity_threshold: Some(1),
            ..SettingsChange::default()
        })
        .unwrap_err();
    assert!(matches!(refused, SettingsError::Refused(_)), "{refused}");
    assert_eq!(
        folder.workshop.title, "Small",
        "nothing changes when one value is refused"
    );

    let warnings = folder
        .update_settings(&SettingsChange {
            title: Some(" Renamed ".into()),
            anonymity_threshold: Some(4),
            ..SettingsChange::default()
        })
        .unwrap();
    assert_eq!(warnings.len(), 1);
    let reopened = WorkshopFolder::open(temp.path()).unwrap();
    assert_eq!(reopened.workshop.title, "Renamed");
    assert_eq!(reopened.workshop.anonymity_threshold, 4);
}

/// Reading rules: a symbolic link may point within the workshop but not out of it, a file over
/// its kind's cap is refused with the cap named, and invalid UTF-8 is placed by line and column.
#[cfg(unix)]
#[test]
fn links_out_of_the_folder_oversized_and_non_utf8_responses_are_reported() {
    let temp = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let mut folder = small_workshop(&temp.path().join("w"));
    let saved = folder
        .save_response(&answered("a", "A", &[("asked", Answer::Value(2))]))
        .unwrap();
    let responses = folder.responses_dir();
    // Within the folder: followed (a second copy of the same response).
    std::os::unix::fs::symlink(&saved, responses.join("inside.ron")).unwrap();
    // Out of the folder: reported, even though the target is a valid response.
    let elsewhere = outside.path().join("elsewhere.ron");
    std::fs::copy(&saved, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, responses.join("outside.ron")).unwrap();
    // Valid all the way (the padding is a comment): only the size is wrong.
    let big = std::fs::read_to_string(&saved).unwrap() + "// " + &"x".repeat(5 << 20);
    std::fs::write(responses.join("big.ron"), big).unwrap();
    let mut latin1 = std::fs::read(&saved).unwrap();
    latin1.extend_from_slice(b"\n// caf\xe9\n");
    std::fs::write(responses.join("latin1.ron"), &latin1).unwrap();

    folder.reload_responses();
    let loaded: Vec<String> = folder
        .responses
        .iter()
        .map(|r| r.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // The link inside is followed; it holds the same response, so it is counted once.
    assert_eq!(loaded, ["p-a-a.ron"]);
    assert!(
        folder
            .warnings
            .iter()
            .any(|w| w.contains("inside.ron") && w.contains("counted once")),
        "{:?}",
        folder.warnings
    );
    let problem = |name: &str| {
        folder
            .problems
            .iter()
            .find(|p| p.path == responses.join(name))
            .unwrap_or_else(|| panic!("{name} reported in {:?}", folder.problems))
    };
    assert!(
        problem("outside.ron")
            .message
            .contains("outside the workshop folder"),
        "{}",
        problem("outside.ron")
    );
    assert!(
        problem("big.ron")
            .message
            .starts_with("the file is larger than 4 MiB, the most a response file may be"),
        "{}",
        problem("big.ron")
    );
    let text_lines = std::fs::read_to_string(&saved).unwrap().lines().count();
    let utf8 = problem("latin1.ron");
    assert_eq!((utf8.line, utf8.column), (Some(text_lines + 2), Some(7)));
    assert_eq!(
        utf8.message,
        format!(
            "invalid UTF-8 at byte {}; save the file as UTF-8 text",
            latin1.len() - 2
        )
    );
}

/// Changing the threshold drops the old threshold's warning and nothing else, even a warning
/// whose path happens to contain the words (a folder named after the setting, say).
#[test]
fn a_settings_change_keeps_the_warnings_that_are_not_about_the_threshold() {
    use hero_readiness::model::workshop::SettingsChange;
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("anonymity threshold trial");
    let mut folder = small_workshop(&dir);
    let saved = folder
        .save_response(&answered("r1", "A", &[("asked", Answer::Value(3))]))
        .unwrap();
    std::fs::copy(&saved, saved.with_file_name("copy-of-r1.ron")).unwrap();
    let mut folder = WorkshopFolder::open(&dir).unwrap();
    assert_eq!(folder.warnings.len(), 1, "{:?}", folder.warnings);
    assert!(folder.warnings[0].contains("hold the same response"));

    let returned = folder
        .update_settings(&SettingsChange {
            anonymity_threshold: Some(4),
            ..SettingsChange::default()
        })
        .unwrap();
    assert_eq!(
        returned.len(),
        1,
        "4 is allowed with a warning: {returned:?}"
    );
    assert_eq!(folder.warnings.len(), 1, "{:?}", folder.warnings);
    assert!(folder.warnings[0].contains("hold the same response"));
}
