//! The disclosure rule, checked on the `score --format json` output: no figure, for the whole team
//! or a group, rests on fewer people than the anonymity threshold, and no figure lets the people
//! outside the groups shown be worked out by subtracting the groups from the whole. Random
//! workshops check both halves for every figure in the JSON against contributor counts worked out
//! here from the answers themselves; hand-made workshops pin the three shapes of leak that the
//! rule closes (a person without a group, a questionnaire only one person of the hidden groups
//! answered, and a statistic pooled over groups).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use hero_readiness::analysis::scoring::{ScoreOptions, score_workshop};
use hero_readiness::model::questionnaire::{ItemKind, Questionnaire};
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage;
use hero_readiness::storage::catalog::{Catalog, CatalogEntry, Source};
use hero_readiness::storage::folder::WorkshopFolder;

fn small() -> Questionnaire {
    storage::parse_ron(Path::new("small.ron"), common::SMALL).unwrap()
}

/// A workshop held in memory (no files needed to score), with `small` and the HERO Index.
fn folder(threshold: usize, groups: &[&str], responses: Vec<Response>) -> WorkshopFolder {
    let mut catalog = Catalog::bundled();
    catalog.entries.push(CatalogEntry {
        questionnaire: small(),
        source: Source::Workshop(PathBuf::from("small.ron")),
    });
    let mut workshop = Workshop::new("Disclosure", NaiveDate::from_ymd_opt(2026, 5, 6).unwrap());
    workshop.questionnaires = vec!["small".into(), "hero-index".into()];
    workshop.groups = groups.iter().map(|g| (*g).to_owned()).collect();
    workshop.anonymity_threshold = threshold;
    common::in_memory_folder(catalog, "disclosure", workshop, responses)
}

fn person(id: usize, group: Option<&str>) -> Response {
    let mut response = Response::new(format!("p{id}"), None, group.map(str::to_owned));
    response.completed_at = Some(response.started_at);
    response
}

/// Answers every item of `questionnaire` with `answer(item index)`, skipping `None`.
fn answer_all(
    response: &mut Response,
    questionnaire: &Questionnaire,
    mut answer: impl FnMut(usize, &ItemKind) -> Option<Answer>,
) {
    let section = response.section_mut(questionnaire, None);
    for (i, item) in questionnaire.items.iter().enumerate() {
        if let Some(value) = answer(i, &item.kind) {
            section.answers.insert(item.id.clone(), value);
        }
    }
}

/// Who contributed to each figure of a questionnaire, worked out from the answers alone.
#[derive(Debug, Default, Clone)]
struct Truth {
    /// figure name ("dimension:x", "item:y", "segments") → contributors.
    counts: BTreeMap<String, usize>,
}

fn truth(questionnaire: &Questionnaire, responses: &[&Response]) -> Truth {
    let mut truth = Truth::default();
    for dimension in &questionnaire.dimensions {
        truth
            .counts
            .insert(format!("dimension:{}", dimension.id), 0);
    }
    for item in &questionnaire.items {
        truth.counts.insert(format!("item:{}", item.id), 0);
    }
    let classification = questionnaire.interpretation.classification.as_ref();
    if classification.is_some() {
        truth.counts.insert("segments".into(), 0);
    }
    for response in responses {
        let Some(section) = response.sections_of(&questionnaire.id).next() else {
            continue;
        };
        let value_of = |id: &str| -> Option<i64> {
            let item = questionnaire.item(id)?;
            if !section.is_shown(questionnaire, item) {
                return None;
            }
            match section.answers.get(id) {
                Some(Answer::Value(v)) => Some(*v),
                _ => None,
            }
        };
        for item in &questionnaire.items {
            if section.is_shown(questionnaire, item) && section.answers.get(&item.id).is_some() {
                *truth.counts.get_mut(&format!("item:{}", item.id)).unwrap() += 1;
            }
        }
        for dimension in &questionnaire.dimensions {
            let shown: Vec<&str> = questionnaire
                .items_of(&dimension.id)
                .filter(|item| item.kind.value_range().is_some())
                .filter(|item| section.is_shown(questionnaire, item))
                .map(|item| item.id.as_str())
                .collect();
            let answered = shown.iter().filter(|id| value_of(id).is_some()).count();
            if !shown.is_empty() && answered * 2 >= shown.len() {
                *truth
                    .counts
                    .get_mut(&format!("dimension:{}", dimension.id))
                    .unwrap() += 1;
            }
        }
        if let Some(classification) = classification {
            let all = classification
                .x
                .items
                .iter()
                .chain(&classification.y.items)
                .all(|id| value_of(id).is_some());
            if all {
                *truth.counts.get_mut("segments").unwrap() += 1;
            }
        }
    }
    truth
}

/// The figures a questionnaire's JSON shows, by the same names as [`Truth`], with the count the
/// JSON gives for each (n for dimensions, answered for items, classified for segments).
fn shown_figures(questionnaire: &Value) -> BTreeMap<String, (bool, u64)> {
    let mut figures = BTreeMap::new();
    for dimension in questionnaire["dimensions"].as_array().unwrap() {
        let shown = !dimension["mean"].is_null();
        if shown {
            assert!(dimension.get("withheld").is_none(), "{dimension}");
        }
        figures.insert(
            format!("dimension:{}", dimension["id"].as_str().unwrap()),
            (shown, dimension["n"].as_u64().unwrap()),
        );
    }
    for item in questionnaire["items"].as_array().unwrap() {
        let shown = !item["declined"].is_null();
        // A withheld item shows nothing at all: no mean, no counts.
        if !shown {
            assert!(item["mean"].is_null() && item["counts"].as_array().unwrap().is_empty());
        }
        figures.insert(
            format!("item:{}", item["id"].as_str().unwrap()),
            (shown, item["answered"].as_u64().unwrap()),
        );
    }
    if let Some(segments) = questionnaire.get("segments") {
        let shown = !segments["heroes"].is_null();
        figures.insert(
            "segments".into(),
            (shown, segments["classified"].as_u64().unwrap()),
        );
    }
    figures
}

/// Checks both halves of the disclosure rule on every figure of `json` against the truth.
fn check_rule(
    json: &Value,
    threshold: usize,
    whole: &BTreeMap<String, Truth>,
    groups: &BTreeMap<String, BTreeMap<String, Truth>>,
    context: &str,
) {
    let t = threshold as u64;
    for questionnaire in json["questionnaires"].as_array().unwrap() {
        let id = questionnaire["id"].as_str().unwrap();
        let truth = &whole[id];
        let figures = shown_figures(questionnaire);
        for (name, (shown, n)) in &figures {
            let expected = truth.counts[name] as u64;
            assert_eq!(*n, expected, "{context}: whole {id} {name}: contributors");
            // A figure nobody contributed to (all zeros) discloses nothing.
            if *shown && *n > 0 {
                assert!(*n >= t, "{context}: whole {id} {name} shown with {n} < {t}");
            } else if *n >= t {
                panic!("{context}: whole {id} {name} withheld with {n} ≥ {t}");
            }
            // The second half: whole minus every group showing this figure.
            let mut covered = 0;
            for group in json["groups"].as_array().unwrap() {
                let name_of_group = group["group"].as_str().unwrap();
                let Some(same) = group["questionnaires"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|q| q["id"] == id)
                else {
                    continue;
                };
                let group_figures = shown_figures(same);
                let (group_shown, group_n) = group_figures[name];
                let group_truth = groups[name_of_group][id].counts[name] as u64;
                assert_eq!(
                    group_n, group_truth,
                    "{context}: {name_of_group} {id} {name}"
                );
                if group_shown && group_n > 0 {
                    assert!(
                        group_n >= t,
                        "{context}: {name_of_group} {id} {name}: {group_n} < {t}"
                    );
                    covered += group_n;
                }
            }
            // With the whole withheld there is nothing to subtract from.
            let rest = expected - covered;
            assert!(
                !*shown || rest == 0 || rest >= t,
                "{context}: {id} {name}: whole {expected} minus shown groups {covered} leaves {rest}"
            );
        }
    }
    for suppressed in json["suppressed_groups"].as_array().unwrap() {
        assert!(
            !json["groups"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g["group"] == *suppressed)
        );
    }
}

fn truths(
    catalog: &Catalog,
    responses: &[Response],
    names: &[String],
) -> (
    BTreeMap<String, Truth>,
    BTreeMap<String, BTreeMap<String, Truth>>,
) {
    let ids = ["small", "hero-index"];
    let all: Vec<&Response> = responses.iter().collect();
    let whole = ids
        .iter()
        .map(|id| ((*id).to_owned(), truth(catalog.get(id).unwrap(), &all)))
        .collect();
    let groups = names
        .iter()
        .map(|name| {
            let members: Vec<&Response> = responses
                .iter()
                .filter(|r| r.group.as_deref() == Some(name.as_str()))
                .collect();
            let per = ids
                .iter()
                .map(|id| ((*id).to_owned(), truth(catalog.get(id).unwrap(), &members)))
                .collect();
            (name.clone(), per)
        })
        .collect();
    (whole, groups)
}

#[test]
fn random_workshops_never_disclose_fewer_than_the_threshold() {
    let cases: u64 = std::env::var("DISCLOSURE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let catalog = {
        let mut catalog = Catalog::bundled();
        catalog.entries.push(CatalogEntry {
            questionnaire: small(),
            source: Source::Bundled,
        });
        catalog
    };
    let small_q = catalog.get("small").unwrap().clone();
    let hero = catalog.get("hero-index").unwrap().clone();
    let mut shown_groups_seen = 0;
    let mut withheld_seen = 0;
    for case in 0..cases {
        let mut rng = ChaCha8Rng::seed_from_u64(case);
        let threshold = rng.random_range(3..=10);
        let group_count = rng.random_range(0..=4);
        let names: Vec<String> = (0..group_count).map(|g| format!("G{g}")).collect();
        let mut responses = Vec::new();
        let mut id = 0;
        let mut sizes: Vec<(Option<&str>, usize)> = names
            .iter()
            .map(|name| {
                let size = if rng.random_bool(0.4) {
                    rng.random_range(0..=2)
                } else {
                    rng.random_range(3..=24)
                };
                (Some(name.as_str()), size)
            })
            .collect();
        sizes.push((None, rng.random_range(0..=3)));
        // How keen this workshop's people are on each questionnaire and item.
        let takes_small = rng.random_range(0.2..=1.0);
        let takes_hero = rng.random_range(0.2..=1.0);
        let answers_item = rng.random_range(0.3..=1.0);
        for (group, size) in sizes {
            for _ in 0..size {
                id += 1;
                let mut response = person(id, group);
                for (questionnaire, keen) in [(&small_q, takes_small), (&hero, takes_hero)] {
                    if !rng.random_bool(keen) {
                        continue;
                    }
                    answer_all(&mut response, questionnaire, |_, kind| {
                        if !rng.random_bool(answers_item) {
                            return None;
                        }
                        if rng.random_bool(0.1) {
                            return Some(Answer::Declined);
                        }
                        let (min, max) = kind.value_range()?;
                        Some(Answer::Value(rng.random_range(min as i64..=max as i64)))
                    });
                }
                responses.push(response);
            }
        }
        let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let folder = folder(threshold, &name_refs, responses.clone());
        let score = score_workshop(&folder, &ScoreOptions::default());
        let json = serde_json::to_value(&score).unwrap();
        let (whole, groups) = truths(&folder.catalog, &responses, &names);
        check_rule(
            &json,
            threshold,
            &whole,
            &groups,
            &format!("case {case} (threshold {threshold})"),
        );
        shown_groups_seen += score.groups.len();
        withheld_seen += json.to_string().matches("\"withheld\"").count();

        // A group's own view shows exactly what the breakdown showed for it.
        for group in &score.groups {
            let alone = score_workshop(
                &folder,
                &ScoreOptions {
                    group: Some(group.group.clone()),
                    ..ScoreOptions::default()
                },
            );
            assert_eq!(
                serde_json::to_value(&alone.questionnaires).unwrap(),
                serde_json::to_value(&group.questionnaires).unwrap(),
                "case {case}: group {}",
                group.group
            );
        }
    }
    // The generator reaches both outcomes often, so the checks above have something to check.
    assert!(
        shown_groups_seen > cases as usize / 2,
        "{shown_groups_seen}"
    );
    assert!(withheld_seen > cases as usize, "{withheld_seen}");
}

fn answer_small(response: &mut Response, asked: i64) {
    answer_all(response, &small(), |i, _| match i {
        0 => Some(Answer::Value(asked)),
        1 => Some(Answer::Value(2)),
        _ => None,
    });
}

fn dimension_mean(questionnaire: &Value) -> &Value {
    &questionnaire["dimensions"][0]["mean"]
}

/// Leak (a): three and three people in two groups, and one person with no group. Showing both
/// groups and the whole would give that person's exact score by subtraction.
#[test]
fn a_person_without_a_group_is_not_exposed_by_subtraction() {
    let mut responses = Vec::new();
    for id in 0..3 {
        let mut response = person(id, Some("A"));
        answer_small(&mut response, 1);
        responses.push(response);
    }
    for id in 3..6 {
        let mut response = person(id, Some("B"));
        answer_small(&mut response, 2);
        responses.push(response);
    }
    let mut loner = person(6, None);
    answer_small(&mut loner, 3);
    responses.push(loner);
    let folder = folder(3, &["A", "B"], responses);
    let json = serde_json::to_value(score_workshop(&folder, &ScoreOptions::default())).unwrap();
    let small = &json["questionnaires"][0];
    assert!(!dimension_mean(small).is_null(), "the whole of 7 is shown");
    let groups = json["groups"].as_array().unwrap();
    let showing: Vec<&str> = groups
        .iter()
        .filter(|g| !dimension_mean(&g["questionnaires"][0]).is_null())
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    // One group is hidden too, so the remainder is four people, not one.
    assert_eq!(showing, vec!["B"]);
    let a = groups.iter().find(|g| g["group"] == "A");
    let reason = a.map(|a| a["questionnaires"][0]["dimensions"][0]["withheld"].clone());
    assert!(
        a.is_none()
            || reason
                .as_ref()
                .and_then(Value::as_str)
                .is_some_and(|r| r.contains("subtraction")),
        "{reason:?}"
    );
}

/// Leak (b): three groups of five by head count, but of group C only one person answered the
/// HERO Index. C's HERO Index figures are withheld, and so is another group's, or the whole minus
/// A and B would be that one person.
#[test]
fn a_questionnaire_one_hidden_person_answered_is_not_exposed() {
    let hero = Catalog::bundled().get("hero-index").unwrap().clone();
    let mut responses = Vec::new();
    let mut id = 0;
    for (group, hero_answers) in [("A", 5), ("B", 6), ("C", 1)] {
        for k in 0..5 {
            id += 1;
            let mut response = person(id, Some(group));
            answer_small(&mut response, 2);
            if k < hero_answers {
                answer_all(&mut response, &hero, |_, kind| {
                    kind.value_range()
                        .map(|(min, _)| Answer::Value(min as i64 + (id % 2) as i64))
                });
            }
            responses.push(response);
        }
    }
    let folder = folder(5, &["A", "B", "C"], responses);
    let score = score_workshop(&folder, &ScoreOptions::default());
    let json = serde_json::to_value(&score).unwrap();
    let hero_of = |group: &str| {
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == group)
            .map(|g| g["questionnaires"][1].clone())
    };
    // Everyone answered `small`: every group is listed.
    assert_eq!(score.groups.len(), 3);
    let c = hero_of("C").unwrap();
    assert_eq!(c["segments"]["withheld"], "fewer than 5 answers");
    assert!(c["segments"]["heroes"].is_null());
    assert!(dimension_mean(&c).is_null());
    let a = hero_of("A").unwrap();
    assert_eq!(
        a["segments"]["withheld"].as_str(),
        Some(hero_readiness::analysis::scoring::SUBTRACTION_REASON),
        "A (5) is the smallest group left: hidden with C"
    );
    let b = hero_of("B").unwrap();
    assert!(b["segments"].get("withheld").is_none());
    assert!(!b["segments"]["heroes"].is_null());
    // The whole (11) minus B (5 answered of its 5) leaves 6: enough.
    assert!(!json["questionnaires"][1]["segments"]["heroes"].is_null());
}

/// Leak (c): ICC across groups pools the groups' means; pooled over a hidden group it narrows that
/// group's mean down. It is computed over the groups shown for that dimension only.
#[test]
fn pooled_statistics_use_only_the_groups_shown() {
    let mut responses = Vec::new();
    let mut id = 0;
    for (group, size, base) in [("A", 3, 1), ("B", 4, 1), ("C", 4, 2), ("D", 1, 2)] {
        for k in 0..size {
            id += 1;
            let mut response = person(id, Some(group));
            answer_small(&mut response, base + (k % 2));
            responses.push(response);
        }
    }
    let folder = folder(3, &["A", "B", "C", "D"], responses.clone());
    let score = score_workshop(&folder, &ScoreOptions::default());
    let voice = &score.questionnaires[0].dimensions[0];
    // D (1) is hidden; A (3) goes with it so the remainder is 4. B and C are shown.
    let shown: Vec<&str> = score
        .groups
        .iter()
        .filter(|g| g.questionnaires[0].dimensions[0].withheld.is_none())
        .map(|g| g.group.as_str())
        .collect();
    assert_eq!(shown, vec!["B", "C"]);
    // voice = mean(asked, 4 − 2) = (asked + 2)/2.
    let scores = |group: &str| -> Vec<f64> {
        responses
            .iter()
            .filter(|r| r.group.as_deref() == Some(group))
            .map(|r| match r.sections[0].answers.get("asked") {
                Some(Answer::Value(v)) => (*v as f64 + 2.0) / 2.0,
                _ => unreachable!(),
            })
            .collect()
    };
    let over_shown =
        hero_readiness::analysis::reliability::icc(&[scores("B"), scores("C")]).unwrap();
    let over_all = hero_readiness::analysis::reliability::icc(&[
        scores("A"),
        scores("B"),
        scores("C"),
        scores("D"),
    ])
    .unwrap();
    assert_eq!(voice.reliability.icc1, Some(over_shown.icc1));
    assert_eq!(voice.reliability.icc2, Some(over_shown.icc2));
    assert_ne!(voice.reliability.icc1, Some(over_all.icc1));
}

/// A project two people evaluated is withheld; its name still appears, with the reason.
#[test]
fn a_project_evaluated_by_too_few_people_is_withheld() {
    let effort = Catalog::bundled().get("effort-value").unwrap().clone();
    let mut responses = Vec::new();
    for id in 0..4 {
        let mut response = person(id, None);
        for project in ["Kiosk", "Chatbot"] {
            if project == "Chatbot" && id >= 2 {
                continue;
            }
            let section = response.section_mut(&effort, Some(project));
            for item in &effort.items {
                if let Some((min, _)) = item.kind.value_range() {
                    section
                        .answers
                        .insert(item.id.clone(), Answer::Value(min as i64 + 1));
                }
            }
        }
        responses.push(response);
    }
    let mut folder = folder(3, &[], responses);
    folder.workshop.questionnaires = vec!["effort-value".into()];
    let score = score_workshop(&folder, &ScoreOptions::default());
    let placement = score.questionnaires[0].placement.as_ref().unwrap();
    let by_name = |name: &str| {
        placement
            .projects
            .iter()
            .find(|p| p.project == name)
            .unwrap()
    };
    let kiosk = by_name("Kiosk");
    assert!(kiosk.x.is_some() && kiosk.withheld.is_none());
    let chatbot = by_name("Chatbot");
    assert_eq!((chatbot.x, chatbot.zone.as_deref()), (None, None));
    assert_eq!(chatbot.withheld.as_deref(), Some("fewer than 3 answers"));
    // Four people, six evaluations: the dimension figures count people.
    assert_eq!(score.questionnaires[0].dimensions[0].summary.n, 6);
    assert!(score.questionnaires[0].dimensions[0].withheld.is_none());
}

/// A self-assessment is one person's own results: nothing is withheld from them.
#[test]
fn a_self_assessment_shows_its_one_person_everything() {
    let mut response = person(1, None);
    answer_small(&mut response, 3);
    let mut folder = folder(5, &[], vec![response]);
    folder.workshop.self_assessment = true;
    let score = score_workshop(&folder, &ScoreOptions::default());
    let voice = &score.questionnaires[0].dimensions[0];
    assert_eq!(voice.summary.mean, Some(2.5));
    assert!(voice.withheld.is_none());
}

/// A tally has no per-person answers: a dimension that includes tallied answers gives the weighted
/// mean of its item means and no per-person figures, and tallied answers are not classified.
#[test]
fn tallied_answers_give_item_figures_and_no_per_person_ones() {
    let hero = Catalog::bundled().get("hero-index").unwrap().clone();
    let mut responses = Vec::new();
    for id in 0..5 {
        let mut response = person(id, None);
        response.from_tally = true;
        // asked: 1, 2, 3, 1, 2 (mean 1.8); ignored: 2 everywhere, scored (1 + 3) − 2 = 2.
        answer_small(&mut response, 1 + (id as i64 % 3));
        answer_all(&mut response, &hero, |_, kind| {
            kind.value_range().map(|(min, _)| Answer::Value(min as i64))
        });
        responses.push(response);
    }
    let folder = folder(3, &[], responses);
    let score = score_workshop(&folder, &ScoreOptions::default());
    let voice = &score.questionnaires[0].dimensions[0];
    assert_eq!((voice.summary.n, voice.tallied), (5, 5));
    // (1.8 + 2) / 2 = 1.9, from the item means.
    assert!((voice.summary.mean.unwrap() - 1.9).abs() < 1e-12);
    assert_eq!((voice.summary.sd, voice.summary.median), (None, None));
    assert_eq!(voice.reliability.alpha, None);
    let asked = &score.questionnaires[0].items[0];
    assert_eq!(
        asked.counts.iter().map(|c| c.count).collect::<Vec<_>>(),
        [2, 2, 1]
    );
    let segments = score.questionnaires[1].segments.as_ref().unwrap();
    assert_eq!((segments.classified, segments.tallied), (0, 5));
}
