//! Questionnaire files as a user writes them: the bundled ones validate, and every kind of mistake
//! (syntax, missing or unknown field, future format, meaning) is reported with path, position and
//! what was expected.

use std::path::Path;

use hero_readiness::model::bundled::BUNDLED;
use hero_readiness::model::questionnaire::Questionnaire;
use hero_readiness::model::validate::validate;
use hero_readiness::storage::catalog::Catalog;
use hero_readiness::storage::{self, parse_ron};

mod common;
use common::SMALL;

fn parse(text: &str) -> Result<Questionnaire, storage::Problem> {
    parse_ron(Path::new("q.ron"), text)
}

#[test]
fn every_bundled_questionnaire_parses_and_validates() {
    assert_eq!(BUNDLED.len(), 6);
    let catalog = Catalog::bundled();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    for id in [
        "hero-index",
        "roadblocks",
        "effort-value",
        "customer-dialogue",
        "customer-efficiency",
        "customer-profiles",
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
    // The two newer ones: several reverse-coded items, every dimension banded with at least 3
    // items, and the profiles asked once per channel.
    for id in ["customer-efficiency", "customer-profiles"] {
        let questionnaire = catalog.get(id).unwrap();
        assert!(
            questionnaire
                .items
                .iter()
                .filter(|item| item.reverse)
                .count()
                >= 3,
            "{id}"
        );
        for dimension in &questionnaire.dimensions {
            assert!(
                questionnaire.items_of(&dimension.id).count() >= 3,
                "{id}.{}",
                dimension.id
            );
            assert!(
                questionnaire.bands_for(&dimension.id).is_some(),
                "{id}.{}",
                dimension.id
            );
        }
    }
    assert_eq!(
        catalog.get("customer-profiles").unwrap().asks_per(),
        hero_readiness::model::questionnaire::AskedPer::Channel
    );
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

/// The format's bounds: the largest allowed value of each kind passes, one more is refused with
/// what was allowed.
#[test]
fn bounds_accept_the_largest_allowed_value_and_refuse_one_more() {
    let labels = |n: usize| {
        (1..=n)
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let options = |n: usize| {
        (1..=n)
            .map(|i| format!("ChoiceOption(id: \"o{i}\", label: \"Option {i}\")"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let with_kind = |kind: &str| {
        SMALL.replace(
            "items: [",
            &format!("items: [\n        Item(id: \"extra\", text: \"Extra\", kind: {kind}),"),
        )
    };
    let long = |n: usize| "x".repeat(n);
    let cases: Vec<(String, Option<&str>)> = vec![
        (
            SMALL.replacen(
                "points: 3, labels: [\"No\", \"Partly\", \"Yes\"]",
                &format!("points: 11, labels: [{}]", labels(11)),
                2,
            ),
            None,
        ),
        (
            SMALL.replacen(
                "points: 3, labels: [\"No\", \"Partly\", \"Yes\"]",
                &format!("points: 12, labels: [{}]", labels(12)),
                2,
            ),
            Some("12 points; a Likert scale has 2 to 11 points"),
        ),
        (
            with_kind("Scale(min: -1000, max: -900, min_label: \"a\", max_label: \"b\")"),
            None,
        ),
        (
            with_kind("Scale(min: 0, max: 101, min_label: \"a\", max_label: \"b\")"),
            Some("scale from 0 to 101 spans 101; at most 100 is allowed"),
        ),
        (
            with_kind("Scale(min: 1000, max: 1001, min_label: \"a\", max_label: \"b\")"),
            Some("both ends must lie within ±1000"),
        ),
        (with_kind("Count(max: 1000)"), None),
        (
            with_kind("Count(max: 1001)"),
            Some("count with max 1001; expected a max from 1 to 1000"),
        ),
        (
            with_kind(&format!("SingleChoice(options: [{}])", options(50))),
            None,
        ),
        (
            with_kind(&format!("SingleChoice(options: [{}])", options(51))),
            Some("has 51 options; at most 50 are allowed"),
        ),
        (
            with_kind("SingleChoice(options: [ChoiceOption(id: \"A;B\", label: \"x\")])"),
            Some("option \"A;B\": id must be 1 to 64 lower-case letters"),
        ),
        (SMALL.replace("I built a fix.", &long(1000)), None),
        (
            SMALL.replace("I built a fix.", &long(1001)),
            Some("item \"built\": text is 1001 characters long; at most 1000 are allowed"),
        ),
        (
            SMALL.replace("label: \"Strong\"", &format!("label: \"{}\"", long(201))),
            Some("label is 201 characters long; at most 200 are allowed"),
        ),
        (
            SMALL.replace("id: \"small\"", &format!("id: \"{}\"", long(64))),
            None,
        ),
        (
            SMALL.replace("id: \"small\"", &format!("id: \"{}\"", long(65))),
            Some("id must be 1 to 64 lower-case letters"),
        ),
        (
            SMALL.replace("id: \"small\"", "id: \"../small\""),
            Some("id must be 1 to 64 lower-case letters"),
        ),
        (
            SMALL.replace("kind: YesNo)", "kind: YesNo, weight: 101.0)"),
            Some("weight 101 must be a positive number no larger than 100"),
        ),
    ];
    for (text, expected) in cases {
        let questionnaire = parse(&text).expect("syntax is fine");
        let findings = validate(&questionnaire);
        match expected {
            None => assert_eq!(findings, Vec::<String>::new()),
            Some(expected) => assert!(
                findings.iter().any(|finding| finding.contains(expected)),
                "expected {expected:?} in {findings:?}"
            ),
        }
    }
}

#[test]
fn too_many_items_is_one_finding_not_a_slow_check() {
    let item = "Item(id: \"same\", text: \"t\", kind: YesNo, \
                show_if: ShowIf(item: \"nowhere\", when: IsYes)),";
    let text = SMALL.replace(
        "items: [",
        &format!(
            "items: [{}",
            item.repeat(hero_readiness::model::questionnaire::limits::ITEMS)
        ),
    );
    let findings = validate(&parse(&text).unwrap());
    assert_eq!(
        findings,
        vec!["questionnaire: has 504 items; at most 500 are allowed".to_owned()]
    );
}

/// Every source goes through the same check: an invalid questionnaire in a workshop folder is
/// left out with its path, and shadows a bundled one of the same id rather than falling back.
#[test]
fn an_invalid_workshop_questionnaire_is_left_out_and_keeps_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("questionnaires");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("roadblocks.ron"),
        SMALL
            .replace("id: \"small\"", "id: \"roadblocks\"")
            .replace("kind: YesNo)", "kind: Count(max: 4294967295))"),
    )
    .unwrap();
    std::fs::write(folder.join("broken.ron"), "Questionnaire(").unwrap();
    let catalog = Catalog::load(
        Some(dir.path()),
        &hero_readiness::storage::paths::Paths::none(),
    );
    assert!(catalog.get("roadblocks").is_none());
    assert!(catalog.get("hero-index").is_some());
    // The user's own folder may hold files of its own; only this workshop's count here.
    let rejected: Vec<_> = catalog
        .rejected
        .iter()
        .filter(|r| r.path.starts_with(dir.path()))
        .collect();
    let ids: Vec<&str> = rejected.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["broken", "roadblocks"]);
    assert!(
        catalog
            .problems
            .iter()
            .any(|p| p.path == folder.join("roadblocks.ron")
                && p.message.contains("count with max 4294967295")),
        "{:?}",
        catalog.problems
    );
    assert_eq!(rejected[0].problems[0].line, Some(1));
}

/// The user's questionnaire folder comes in as a value: the catalogue reads the folder it is
/// given (no environment involved), and a folder reopened later still sees it.
#[test]
fn user_questionnaires_come_from_the_paths_given() {
    use hero_readiness::storage::catalog::Source;
    use hero_readiness::storage::paths::Paths;
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("questionnaires")).unwrap();
    std::fs::write(home.path().join("questionnaires/small.ron"), SMALL).unwrap();

    let paths = Paths::under(home.path());
    let catalog = Catalog::load(None, &paths);
    let entry = catalog
        .entries
        .iter()
        .find(|entry| entry.questionnaire.id == "small")
        .expect("the user questionnaire is in the catalogue");
    assert!(
        matches!(entry.source, Source::User(_)),
        "{:?}",
        entry.source
    );
    assert!(Catalog::load(None, &Paths::none()).get("small").is_none());
}

/// `asked_per` names the workshop list; `per_project: true` still reads as asking per project,
/// and saying both with different lists is refused.
#[test]
fn asked_per_reads_old_and_new_spellings_and_refuses_a_contradiction() {
    use hero_readiness::model::questionnaire::AskedPer;
    let with = |fields: &str| SMALL.replacen("items: [", &format!("{fields}\n    items: ["), 1);
    assert_eq!(parse(SMALL).unwrap().asks_per(), AskedPer::Once);
    let old = parse(&with("per_project: true,")).unwrap();
    assert_eq!(old.asks_per(), AskedPer::Project);
    let channel = parse(&with("asked_per: Channel,")).unwrap();
    assert_eq!(channel.asks_per(), AskedPer::Channel);
    assert!(validate(&channel).is_empty(), "{:?}", validate(&channel));
    let both = parse(&with("per_project: true, asked_per: Channel,")).unwrap();
    let findings = validate(&both);
    assert!(
        findings.iter().any(|f| f.contains("keep only `asked_per`")),
        "{findings:?}"
    );
    let unknown = parse(&with("asked_per: Region,")).unwrap_err();
    assert!(unknown.to_string().contains("Channel"), "{unknown}");
}
