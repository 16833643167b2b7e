//! Questionnaire files as a user writes them: the bundled ones validate, and every kind of mistake
//! (syntax, missing or unknown field, future format, meaning) is reported with path, position and
//! what was expected.

use std::path::Path;

use hero_readiness::bundled::BUNDLED;
use hero_readiness::questionnaire::Questionnaire;
use hero_readiness::storage::{self, parse_ron};
use hero_readiness::validate::validate;
use hero_readiness::workshop::Catalog;

mod common;
use common::SMALL;

fn parse(text: &str) -> Result<Questionnaire, storage::Problem> {
    parse_ron(Path::new("q.ron"), text)
}

#[test]
fn every_bundled_questionnaire_parses_and_validates() {
    assert_eq!(BUNDLED.len(), 4);
    let catalog = Catalog::bundled();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    for id in [
        "hero-index",
        "roadblocks",
        "effort-value",
        "customer-dialogue",
    ] {
        let questionnaire = catalog.get(id).unwrap_or_else(|| panic!("{id} is bundled"));
        assert_eq!(validate(questionnaire), Vec::<String>::new(), "{id}");
    }
    let roadblocks = catalog.get("roadblocks").unwrap();
    assert!(roadblocks.dimensions.len() >= 7);
    for dimension in &roadblocks.dimensions {
        assert!(
            roadblocks.items_of(&dimension.id).count() >= 3,
            "{}",
            dimension.id
        );
    }
    assert!(roadblocks.items.iter().any(|item| item.reverse));
    let dialogue = catalog.get("customer-dialogue").unwrap();
    assert_eq!(
        dialogue
            .items
            .iter()
            .filter(|item| item.kind.is_scored())
            .count(),
        10
    );
}

#[test]
fn the_small_questionnaire_is_valid_and_round_trips() {
    let questionnaire = parse(SMALL).expect("valid");
    assert!(
        validate(&questionnaire).is_empty(),
        "{:?}",
        validate(&questionnaire)
    );
    let text = storage::to_ron(&questionnaire).unwrap();
    assert_eq!(parse(&text).unwrap(), questionnaire);
    assert_eq!(
        parse(&text).unwrap().content_hash(),
        questionnaire.content_hash()
    );
}

#[test]
fn syntax_error_gives_line_and_column() {
    let broken = SMALL.replace("title: \"Small\",", "title: \"Small\"");
    let problem = parse(&broken).unwrap_err();
    assert_eq!(problem.line, Some(6), "{problem}");
    assert!(problem.to_string().starts_with("q.ron:6:5: "), "{problem}");
}

#[test]
fn missing_field_names_the_field() {
    let broken = SMALL.replace("    title: \"Small\",\n", "");
    let problem = parse(&broken).unwrap_err();
    assert!(
        problem.message.contains("missing field `title`"),
        "{problem}"
    );
    assert!(problem.line.is_some());
}

#[test]
fn unknown_field_lists_what_was_expected() {
    let broken = SMALL.replace("reverse: true", "reversed: true");
    let problem = parse(&broken).unwrap_err();
    assert!(
        problem.message.contains("unknown field `reversed`"),
        "{problem}"
    );
    assert!(problem.message.contains("reverse"), "{problem}");
    assert_eq!(problem.line, Some(12), "{problem}");
}

#[test]
fn newer_format_version_is_a_clear_error() {
    let newer = SMALL.replace("format_version: 1", "format_version: 2");
    let problem = parse(&newer).unwrap_err();
    assert!(problem.message.contains("newer than this app"), "{problem}");
    assert_eq!((problem.line, problem.column), (Some(2), Some(5)));
}

#[test]
fn meaning_errors_name_the_item_and_the_expectation() {
    let cases = [
        (
            SMALL.replace("id: \"ignored\"", "id: \"asked\""),
            "item \"asked\": duplicate item id",
        ),
        (
            SMALL.replace(
                "dimension: \"voice\", reverse",
                "dimension: \"vioce\", reverse",
            ),
            "unknown dimension \"vioce\"",
        ),
        (
            SMALL.replace("ShowIf(item: \"built\"", "ShowIf(item: \"nope\""),
            "show_if refers to unknown item \"nope\"",
        ),
        (
            SMALL.replace("ShowIf(item: \"built\"", "ShowIf(item: \"told\""),
            "does not come before it",
        ),
        (
            SMALL.replacen("points: 3", "points: 4", 1),
            "3 labels for 4 points",
        ),
        (
            SMALL.replace(
                "kind: YesNo,\n             show_if",
                "kind: SingleChoice(options: []),\n             show_if",
            ),
            "has no options",
        ),
        (
            SMALL.replace("Band(from: 2.0", "Band(from: 0.5"),
            "thresholds must rise",
        ),
        (
            SMALL.replace("Band(from: 1.0", "Band(from: 1.5"),
            "expected the scale minimum",
        ),
    ];
    for (text, expected) in cases {
        let questionnaire = parse(&text).expect("syntax is fine");
        let findings = validate(&questionnaire);
        assert!(
            findings.iter().any(|finding| finding.contains(expected)),
            "expected {expected:?} in {findings:?}"
        );
    }
}
