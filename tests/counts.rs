//! Counts read as English: "1 respondent", "2 respondents", never "1 people" or "note(s)", in every
//! text output of a one-person workshop (the report, its charts, the score table).

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::outputs::export::score_table;
use hero_readiness::outputs::report::{ReportOptions, report_for};
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

/// `1 <plural>` for the plurals the outputs use, and the "(s)" shortcut.
fn wrong_counts(text: &str) -> Vec<String> {
    let plurals = [
        "people",
        "respondents",
        "responses",
        "questions",
        "notes",
        "answers",
        "actions",
        "files",
        "warnings",
        "evaluations",
    ];
    let mut found: Vec<String> = plurals
        .iter()
        .map(|plural| format!(" 1 {plural}"))
        .filter(|wrong| text.contains(wrong.as_str()))
        .collect();
    if text.contains("(s)") {
        found.push("(s)".to_owned());
    }
    found
}

#[test]
fn a_one_person_workshop_reads_1_respondent_everywhere() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("one");
    hero_readiness::inputs::demo::write_demo(&dir, 1, 3).unwrap();
    let folder = WorkshopFolder::open_with(&dir, &Paths::under(temp.path())).unwrap();
    let score = score_workshop(&folder, &ScoreOptions::default());
    assert_eq!(score.respondents, 1);

    let table = score_table(&score);
    assert!(table.contains("1 respondent"), "{table}");
    assert_eq!(wrong_counts(&table), Vec::<String>::new(), "{table}");

    let html = report_for(&folder, &ReportOptions { show_labels: false });
    assert!(
        html.contains("n = 1 respondent"),
        "the chart subtitles count one person"
    );
    assert_eq!(wrong_counts(&html), Vec::<String>::new());
}
