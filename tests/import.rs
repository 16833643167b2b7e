//! CSV import: the export → import → score round trip is exact, and bad cells are reported by row
//! and column with nothing partial written.

mod common;

use common::run_cli;
use hero_readiness::analysis::scoring::{ScoreOptions, WorkshopScore, score_workshop};
use hero_readiness::inputs::demo::write_demo;
use hero_readiness::inputs::import::{import_csv, plan_import};
use hero_readiness::outputs::export::export_csv;
use hero_readiness::storage::folder::WorkshopFolder;

/// The score as JSON without what legitimately differs between two folders: the title, and the
/// problems and warnings (they name paths). "Prefer not to answer" counts stay in.
fn comparable(score: &WorkshopScore) -> serde_json::Value {
    let mut value = serde_json::to_value(score).unwrap();
    let object = value.as_object_mut().unwrap();
    for key in ["title", "problems", "warnings"] {
        object.remove(key);
    }
    value
}

/// The path to the first difference, so a failure says where instead of printing two megabytes.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let Some(other) = y.get(key) else {
                    return Some(format!("{path}.{key} missing on the right"));
                };
                if let Some(found) = first_difference(value, other, format!("{path}.{key}")) {
                    return Some(found);
                }
            }
            (x.len() != y.len()).then(|| format!("{path}: extra keys on the right"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} vs {} entries", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (p, q))| first_difference(p, q, format!("{path}[{i}]")))
        }
        _ => (a != b).then(|| format!("{path}: {a} vs {b}")),
    }
}

#[test]
fn demo_export_import_scores_identically() {
    let temp = tempfile::tempdir().unwrap();
    let original_dir = temp.path().join("original");
    write_demo(&original_dir, 40, 7).unwrap();
    let original = WorkshopFolder::open(&original_dir).unwrap();
    let csv = temp.path().join("answers.csv");
    export_csv(&original, &csv).unwrap();

    let mut copy =
        WorkshopFolder::create(&temp.path().join("copy"), original.workshop.clone()).unwrap();
    let report = import_csv(&mut copy, &csv).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.written.len(), 40);

    let reopened = WorkshopFolder::open(&copy.dir).unwrap();
    let before = score_workshop(&original, &ScoreOptions::default());
    let after = score_workshop(&reopened, &ScoreOptions::default());
    // A round trip of nothing would pass vacuously: make sure there is something to compare.
    assert!(before.questionnaires.iter().any(|q| q.segments.is_some()));
    assert!(
        before
            .questionnaires
            .iter()
            .any(|q| !q.roadblocks.is_empty())
    );
    assert!(
        before
            .questionnaires
            .iter()
            .any(|q| q.placement.as_ref().is_some_and(|p| !p.projects.is_empty()))
    );
    let declined: usize = before
        .questionnaires
        .iter()
        .flat_map(|q| &q.items)
        .filter_map(|item| item.declined)
        .sum();
    assert!(declined > 0, "the demo declines some answers");
    let difference = first_difference(&comparable(&before), &comparable(&after), String::new());
    assert_eq!(difference, None);

    // Importing the same file again adds nothing and says why.
    let mut again = WorkshopFolder::open(&copy.dir).unwrap();
    let second = import_csv(&mut again, &csv).unwrap();
    assert!(second.written.is_empty());
    assert_eq!(second.already_present.len(), 40);
}

#[test]
fn bad_cells_are_reported_by_row_and_column_and_their_rows_left_out() {
    let temp = tempfile::tempdir().unwrap();
    let source_dir = temp.path().join("source");
    write_demo(&source_dir, 5, 3).unwrap();
    let source = WorkshopFolder::open(&source_dir).unwrap();
    let target_dir = temp.path().join("target");
    let mut target = WorkshopFolder::create(&target_dir, source.workshop.clone()).unwrap();

    let roadblocks = target.catalog.get("roadblocks").unwrap().clone();
    let likert = roadblocks
        .items
        .iter()
        .find(|item| {
            matches!(
                item.kind,
                hero_readiness::model::questionnaire::ItemKind::Likert { points: 5, .. }
            )
        })
        .unwrap()
        .clone();
    let column = format!("roadblocks.{}", likert.id);
    let text = format!(
        "id,label,group,completed_at,{column},roadblocks.no_such_item\n\
         good1,Ann,Sales,2026-11-16T10:00:00+00:00,3,\n\
         bad1,Ben,Sales,2026-11-16T10:00:00+00:00,7,\n\
         bad2,Cy,Sales,2026-11-16T10:00:00+00:00,three,\n\
         bad3,Di,Sales,2026-11-16T10:00:00+00:00,2,5\n\
         bad4,Ed,Sales,yesterday,2,\n"
    );
    let csv = temp.path().join("answers.csv");
    std::fs::write(&csv, text).unwrap();

    let plan = plan_import(&target, &csv).unwrap();
    let messages: Vec<String> = plan.problems.iter().map(ToString::to_string).collect();
    assert!(
        messages.contains(&format!(
            "answers.csv: row 3, column \"{column}\": 7 is out of range 1–5"
        )),
        "{messages:#?}"
    );
    assert!(
        messages.contains(&format!(
            "answers.csv: row 4, column \"{column}\": \"three\" is not a whole number"
        )),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("answers.csv: row 5, column \"roadblocks.no_such_item\":")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("answers.csv: row 6, column \"completed_at\":")),
        "{messages:#?}"
    );

    let report = import_csv(&mut target, &csv).unwrap();
    assert_eq!(report.written.len(), 1, "only the good row is written");
    let reopened = WorkshopFolder::open(&target_dir).unwrap();
    let ids: Vec<&str> = reopened
        .responses
        .iter()
        .map(|loaded| loaded.response.id.as_str())
        .collect();
    assert_eq!(ids, ["good1"]);
    let section = reopened.responses[0]
        .response
        .sections_of("roadblocks")
        .next()
        .unwrap();
    assert_eq!(
        section.answers.get(&likert.id),
        Some(&hero_readiness::model::response::Answer::Value(3))
    );
}

#[test]
fn cli_import_reports_and_exits_1_on_bad_rows() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    write_demo(&dir, 5, 1).unwrap();
    let csv = temp.path().join("in.csv");
    std::fs::write(&csv, "id,label,roadblocks.nope\nx1,Ann,4\n").unwrap();
    let output = run_cli(&[
        "import-csv",
        csv.to_str().unwrap(),
        "--into",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("in.csv: row 2, column \"roadblocks.nope\""),
        "{stderr}"
    );
    let missing = run_cli(&[
        "import-csv",
        "/no/such.csv",
        "--into",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn cli_import_never_lets_ids_differing_in_case_or_punctuation_share_a_file() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    write_demo(&dir, 5, 1).unwrap();
    let import = |csv: &std::path::Path| {
        assert_cmd::Command::cargo_bin("hero-readiness")
            .unwrap()
            .args(["import-csv", csv.to_str().unwrap(), "--into"])
            .arg(&dir)
            .output()
            .unwrap()
    };
    // Anonymous, so every file name is `anonymous-<slug of id>.ron`.
    let csv = temp.path().join("in.csv");
    std::fs::write(&csv, "id,label\nabc.1,\nabc-1,\nABC_1,\nX,\nx,\n").unwrap();
    let output = import(&csv);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (row, id, first) in [(3, "abc-1", "abc.1"), (4, "ABC_1", "abc.1"), (6, "x", "X")] {
        assert!(
            stderr.contains(&format!(
                "in.csv: row {row}, column \"id\": id {id} differs from {first} on an earlier row \
                 only in case or punctuation"
            )),
            "{stderr}"
        );
    }
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 2 responses"));

    // Later, another file tries again: the response already there keeps its file.
    std::fs::write(&csv, "id,label\nABC.1,\n").unwrap();
    let output = import(&csv);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("id ABC.1 differs from abc.1, already in this workshop"),
        "{output:?}"
    );

    let folder = WorkshopFolder::open(&dir).unwrap();
    let mut imported: Vec<&str> = folder
        .responses
        .iter()
        .map(|loaded| loaded.response.id.as_str())
        .filter(|id| id.eq_ignore_ascii_case("abc.1") || id.eq_ignore_ascii_case("x"))
        .collect();
    imported.sort();
    assert_eq!(imported, ["X", "abc.1"]);
    assert_eq!(
        folder.responses.len(),
        7,
        "every response has a file of its own"
    );
}
