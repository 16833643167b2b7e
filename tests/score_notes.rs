//! The score as the one source of truth for discussion notes and what charts draw: notes come
//! from completed responses, only where the prompt was shown, filtered by the chosen group,
//! withheld when too few people wrote one; charts and the report read them from the score alone.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use hero_readiness::analysis::scoring::{NoteList, ScoreOptions, WorkshopScore, score_workshop};
use hero_readiness::model::questionnaire::Questionnaire;
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::outputs::charts::{ChartKind, from_score};
use hero_readiness::storage;
use hero_readiness::storage::catalog::{Catalog, CatalogEntry, Source};
use hero_readiness::storage::folder::WorkshopFolder;

/// A prompt everyone sees, and a follow-up shown only to those who built a fix.
const TALK: &str = r#"Questionnaire(
    format_version: 1,
    id: "talk",
    version: 1,
    title: "Talk",
    items: [
        Item(id: "built", text: "I built a fix.", kind: YesNo),
        Item(id: "what", text: "What did you build?", kind: Text(multiline: false),
             show_if: ShowIf(item: "built", when: IsYes)),
        Item(id: "stops", text: "What stops you?", kind: Text(multiline: true)),
    ],
)"#;

fn talk() -> Questionnaire {
    storage::parse_ron(Path::new("talk.ron"), TALK).unwrap()
}

/// A workshop held in memory with `talk` and the bundled questionnaires.
fn folder(threshold: usize, groups: &[&str], responses: Vec<Response>) -> WorkshopFolder {
    let mut catalog = Catalog::bundled();
    catalog.entries.push(CatalogEntry {
        questionnaire: talk(),
        source: Source::Workshop(PathBuf::from("talk.ron")),
    });
    let mut workshop = Workshop::new("Notes", NaiveDate::from_ymd_opt(2026, 5, 6).unwrap());
    workshop.questionnaires = vec!["talk".into()];
    workshop.groups = groups.iter().map(|g| (*g).to_owned()).collect();
    workshop.anonymity_threshold = threshold;
    common::in_memory_folder(catalog, "notes", workshop, responses)
}

/// A completed response to `talk`.
fn person(id: usize, group: Option<&str>, built: bool, what: &str, stops: &str) -> Response {
    let mut response = Response::new(format!("p{id}"), None, group.map(str::to_owned));
    response.completed_at = Some(response.started_at);
    let section = response.section_mut(&talk(), None);
    section
        .answers
        .insert("built".into(), Answer::Value(i64::from(built)));
    section
        .answers
        .insert("what".into(), Answer::Text(what.into()));
    section
        .answers
        .insert("stops".into(), Answer::Text(stops.into()));
    response
}

fn notes<'a>(score: &'a WorkshopScore, item: &str) -> &'a NoteList {
    score.questionnaires[0]
        .notes
        .iter()
        .find(|list| list.item == item)
        .unwrap()
}

fn texts(list: &NoteList) -> Vec<&str> {
    list.notes.iter().map(|note| note.text.as_str()).collect()
}

#[test]
fn notes_are_sorted_by_text_and_come_only_from_shown_prompts_of_completed_responses() {
    let mut unfinished = person(9, None, true, "Unfinished fix", "Unfinished stop");
    unfinished.completed_at = None;
    let responses = vec![
        person(0, None, true, "  A macro  ", "Sign-off"),
        person(
            1,
            None,
            false,
            "Hidden: the prompt was skipped",
            "Approvals",
        ),
        person(2, None, true, "", "   "),
        person(3, None, true, "A bot", "Budget"),
        person(4, None, true, "A cart", ""),
        unfinished,
    ];
    let score = score_workshop(&folder(3, &[], responses), &ScoreOptions::default());
    // Trimmed, sorted by text; the person not shown "what" contributes nothing to it.
    assert_eq!(texts(notes(&score, "what")), ["A bot", "A cart", "A macro"]);
    assert_eq!(
        texts(notes(&score, "stops")),
        ["Approvals", "Budget", "Sign-off"]
    );
    assert_eq!(notes(&score, "stops").count, 3);
    let json = serde_json::to_value(&score).unwrap();
    let listed = &json["questionnaires"][0]["notes"][0];
    assert_eq!(listed["item"], "what");
    assert_eq!(listed["prompt"], "What did you build?");
    assert_eq!(listed["notes"][0]["text"], "A bot");
}

#[test]
fn notes_follow_the_chosen_group_and_are_withheld_when_few_wrote() {
    let mut responses = Vec::new();
    for id in 0..3 {
        responses.push(person(id, Some("Sales"), true, "", &format!("Sales {id}")));
    }
    for id in 3..6 {
        responses.push(person(
            id,
            Some("Service"),
            true,
            "",
            &format!("Service {id}"),
        ));
    }
    // Only two people wrote to "what": fewer than the threshold of three.
    responses[0] = person(0, Some("Sales"), true, "Fix one", "Sales 0");
    responses[4] = person(4, Some("Service"), true, "Fix two", "Service 4");
    let folder = folder(3, &["Sales", "Service"], responses);

    let whole = score_workshop(&folder, &ScoreOptions::default());
    let what = notes(&whole, "what");
    assert!(
        what.notes.is_empty(),
        "two notes of two people are not shown"
    );
    assert_eq!(what.count, 2);
    assert!(what.withheld.as_deref().unwrap().contains("fewer than 3"));
    assert_eq!(notes(&whole, "stops").notes.len(), 6);

    let sales = score_workshop(
        &folder,
        &ScoreOptions {
            group: Some("Sales".into()),
            ..ScoreOptions::default()
        },
    );
    assert_eq!(
        texts(notes(&sales, "stops")),
        ["Sales 0", "Sales 1", "Sales 2"],
        "only the chosen group's notes"
    );
    let json = serde_json::to_string(&sales).unwrap();
    assert!(!json.contains("Service 3"), "another group's note leaked");
}

#[test]
fn a_group_note_list_that_subtraction_would_expose_is_withheld() {
    // Three in A, three in B and one without a group wrote: showing both groups would give the
    // loner's note by subtraction from the whole, so one group's list is withheld.
    let mut responses = Vec::new();
    for id in 0..3 {
        responses.push(person(id, Some("A"), false, "", &format!("A {id}")));
        responses.push(person(id + 3, Some("B"), false, "", &format!("B {id}")));
    }
    responses.push(person(6, None, false, "", "Loner"));
    let score = score_workshop(&folder(3, &["A", "B"], responses), &ScoreOptions::default());
    assert_eq!(notes(&score, "stops").notes.len(), 7);
    let shown: Vec<&str> = score
        .groups
        .iter()
        .filter(|group| {
            group.questionnaires[0]
                .notes
                .iter()
                .any(|list| list.item == "stops" && list.withheld.is_none())
        })
        .map(|group| group.group.as_str())
        .collect();
    assert_eq!(shown.len(), 1, "only one group shows its notes: {shown:?}");
}

#[test]
fn charts_need_only_the_score() {
    let dir = tempfile::tempdir().unwrap();
    hero_readiness::inputs::demo::write_demo(dir.path(), 40, 7).unwrap();
    let mut score = score_workshop(
        &WorkshopFolder::open(dir.path()).unwrap(),
        &ScoreOptions::default(),
    );
    // The folder (and its catalogue) is gone; the score alone gives every chart kind.
    score.rules.clear();
    for kind in [ChartKind::Quadrant, ChartKind::Segments, ChartKind::Items] {
        let data = from_score::chart_for(kind, &score).unwrap();
        assert_eq!(data.kind(), kind);
    }
    let segments = score
        .questionnaires
        .iter()
        .find_map(|q| q.segments.as_ref())
        .unwrap();
    let heroes = segments.segments.iter().find(|s| s.id == "heroes").unwrap();
    assert!(heroes.x_high && heroes.y_high, "HEROes sit top right");
    assert!(segments.x_range.is_some() && segments.y_range.is_some());
}

#[test]
fn the_score_offers_the_questionnaires_rules() {
    let dir = tempfile::tempdir().unwrap();
    hero_readiness::inputs::demo::write_demo(dir.path(), 10, 7).unwrap();
    let score = score_workshop(
        &WorkshopFolder::open(dir.path()).unwrap(),
        &ScoreOptions::default(),
    );
    let ids: Vec<&str> = score.rules.iter().map(|rule| rule.id.as_str()).collect();
    assert_eq!(ids, ["2010", "2011"]);
    assert!(score.rules.iter().all(|rule| !rule.title.is_empty()));
}

/// The report prints exactly the score's notes (the app's notes panel draws the same lists): the
/// same texts in the same order, and the same lists withheld.
#[test]
fn the_report_shows_the_notes_the_score_holds() {
    use hero_readiness::outputs::report::{ReportOptions, escape, report_for};
    // Six people: two built a fix (too few to show what), all six say what stops them.
    let stops = [
        "Sign-off",
        "Approvals",
        "Budget",
        "Approvals",
        "Time",
        "The CRM",
    ];
    let responses = stops
        .iter()
        .enumerate()
        .map(|(id, stop)| person(id, None, id < 2, &format!("Fix {id}"), stop))
        .collect();
    let folder = folder(3, &[], responses);
    let score = score_workshop(&folder, &ScoreOptions::default());
    let html = report_for(&folder, &ReportOptions::default());

    // The report prints each questionnaire's notes in its own section: every questionnaire that
    // neither classifies nor places projects, those ranking their dimensions first.
    let own: Vec<_> = score
        .questionnaires
        .iter()
        .filter(|q| q.segments.is_none() && q.placement.is_none())
        .collect();
    let in_report_order = own
        .iter()
        .filter(|q| !q.roadblocks.is_empty())
        .chain(own.iter().filter(|q| q.roadblocks.is_empty()));
    let mut expected = Vec::new();
    for list in in_report_order.flat_map(|q| &q.notes) {
        if list.count == 0 {
            continue;
        }
        match &list.withheld {
            Some(reason) => expected.push(format!(
                "{} withheld: {}.",
                hero_readiness::model::text::count(list.count, "note", "notes"),
                escape(reason)
            )),
            None => expected.extend(list.notes.iter().map(|note| escape(&note.text))),
        }
    }
    assert!(expected.len() > 3, "the demo has notes: {expected:?}");
    let mut printed: Vec<String> = Vec::new();
    for (start, _) in html.match_indices("Notes from the discussion") {
        let end = start + html[start..].find("</section>").unwrap();
        printed.extend(html[start..end].split("<li").skip(1).map(|item| {
            let text = &item[item.find('>').unwrap() + 1..];
            text[..text.find("</li>").unwrap()].to_owned()
        }));
    }
    assert_eq!(printed, expected);
}
