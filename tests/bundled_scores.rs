//! Each bundled questionnaire scored on a small workshop whose numbers are worked out by hand in the
//! comments. Answers are chosen so the arithmetic is easy to follow: reverse-coded items are answered
//! (min + max) − v so that every item of a dimension scores v.

mod common;

use chrono::NaiveDate;
use common::{Fixture, close, hand_workshop};
use hero_readiness::analysis::scoring::{QuestionnaireScore, ScoreOptions, score_workshop};
use hero_readiness::model::questionnaire::{Level, Questionnaire};
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage::folder::WorkshopFolder;

fn questionnaire<'a>(fixture: &'a Fixture, id: &str) -> &'a Questionnaire {
    fixture.folder.catalog.get(id).unwrap()
}

/// Answers every item of `dimension` so that it scores `value` after reverse-coding.
fn answer_dimension(
    q: &Questionnaire,
    response: &mut Response,
    project: Option<&str>,
    dimension: &str,
    value: i64,
) {
    let items: Vec<_> = q.items_of(dimension).cloned().collect();
    let section = response.section_mut(q, project);
    for item in items {
        let (min, max) = item.kind.value_range().unwrap();
        let raw = if item.reverse {
            (min + max) as i64 - value
        } else {
            value
        };
        section.answers.insert(item.id.clone(), Answer::Value(raw));
    }
}

fn finish(fixture: &mut Fixture, mut response: Response) {
    response.completed_at = Some(response.started_at);
    fixture.folder.save_response(&response).unwrap();
}

fn score(fixture: &Fixture, rule: Option<&str>) -> QuestionnaireScore {
    let options = ScoreOptions {
        rule: rule.map(str::to_owned),
        ..ScoreOptions::default()
    };
    score_workshop(&fixture.folder, &options)
        .questionnaires
        .remove(0)
}

#[test]
fn hero_index_by_hand() {
    let mut fixture = hand_workshop("hero-index", &[]);
    let q = questionnaire(&fixture, "hero-index").clone();
    // (core agreement, unsanctioned apps, unsanctioned log-in sites)
    let people = [(9, 2, 1), (8, 1, 0), (5, 3, 0), (3, 0, 0), (10, 0, 0)];
    for (index, (core, apps, sites)) in people.into_iter().enumerate() {
        let mut response = Response::new(format!("p{index}"), None, None);
        answer_dimension(&q, &mut response, None, "empowerment", core);
        let section = response.section_mut(&q, None);
        section
            .answers
            .insert("empowered_core".into(), Answer::Value(core));
        section
            .answers
            .insert("unsanctioned_apps".into(), Answer::Value(apps));
        section
            .answers
            .insert("unsanctioned_sites".into(), Answer::Value(sites));
        finish(&mut fixture, response);
    }

    let result = score(&fixture, Some("2010"));
    // Empowerment scores 9, 8, 5, 3, 10: mean 7; deviations 2, 1, −2, −4, 3 → squares 34; sd √(34/4).
    let empowerment = result
        .dimensions
        .iter()
        .find(|d| d.id == "empowerment")
        .unwrap();
    assert_eq!(empowerment.summary.n, 5);
    assert!(close(empowerment.summary.mean, 7.0));
    assert!(close(empowerment.summary.sd, (34.0f64 / 4.0).sqrt()));
    assert!(close(empowerment.summary.median, 8.0));
    // The reverse-coded "I often have to wait…" was answered 11 − v: raw 2, 3, 6, 8, 1 (mean 4),
    // counted in Empowerment as 9, 8, 5, 3, 10 (mean 7).
    let waiting = result
        .items
        .iter()
        .find(|i| i.id == "empowered_waiting")
        .unwrap();
    assert!(waiting.reverse);
    assert!(close(waiting.summary.mean, 4.0));
    assert!(close(waiting.counted_mean, 7.0));
    let core = result
        .items
        .iter()
        .find(|i| i.id == "empowered_core")
        .unwrap();
    assert!(close(core.counted_mean, 7.0), "not reversed: as answered");

    // 2010 rule (x ≥ 8, tools ≥ 2): p0 (9, 3) HERO; p1 (8, 1) locked-down; p2 (5, 3) rogue;
    // p3 (3, 0) disenfranchised; p4 (10, 0) locked-down.
    let segments = result.segments.as_ref().unwrap();
    assert_eq!(segments.rule, "2010");
    let count = |id: &str| {
        segments
            .segments
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .share
            .count
    };
    assert_eq!(
        [
            count("heroes"),
            count("locked_down"),
            count("rogues"),
            count("disenfranchised")
        ],
        [1, 2, 1, 1]
    );
    // Wilson 95% for 1 of 5: centre (0.2 + z²/10)/(1 + z²/5) = 0.330345, half-width 0.294124.
    let heroes = segments.segments.iter().find(|s| s.id == "heroes").unwrap();
    assert!(
        (heroes.share.ci_low - 0.036_221).abs() < 1e-5,
        "{:?}",
        heroes.share
    );
    assert!(
        (heroes.share.ci_high - 0.624_470).abs() < 1e-5,
        "{:?}",
        heroes.share
    );
    // Benchmark 2010: 20% HEROes, 34% locked-down → differences 0 and +6 points.
    assert!(close(heroes.difference, 0.0));
    let locked = segments
        .segments
        .iter()
        .find(|s| s.id == "locked_down")
        .unwrap();
    assert!(close(locked.difference, 0.40 - 0.34));

    // 2011 rule (tools ≥ 1): p1 becomes a HERO.
    let result = score(&fixture, Some("2011"));
    let segments = result.segments.as_ref().unwrap();
    assert_eq!(segments.rule, "2011");
    let count = |id: &str| {
        segments
            .segments
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .share
            .count
    };
    assert_eq!(
        [
            count("heroes"),
            count("locked_down"),
            count("rogues"),
            count("disenfranchised")
        ],
        [2, 1, 1, 1]
    );
    let heroes = segments.segments.iter().find(|s| s.id == "heroes").unwrap();
    assert!(close(heroes.benchmark, 0.17));
    assert!(
        segments
            .segments
            .iter()
            .find(|s| s.id == "rogues")
            .unwrap()
            .benchmark
            .is_none()
    );
}

#[test]
fn roadblocks_by_hand() {
    let mut fixture = hand_workshop("roadblocks", &[]);
    let q = questionnaire(&fixture, "roadblocks").clone();
    // Dimension d is answered 2 + (d mod 3) shifted by −1, 0, 0, +1 for the four respondents:
    // means 2, 3, 4, 2, 3, 4, …; every sd is √((1 + 0 + 0 + 1)/3).
    let shifts = [-1, 0, 0, 1];
    for (r, shift) in shifts.into_iter().enumerate() {
        let mut response = Response::new(format!("r{r}"), Some(format!("R{r}")), None);
        for (d, dimension) in q.dimensions.iter().enumerate() {
            answer_dimension(
                &q,
                &mut response,
                None,
                &dimension.id,
                2 + (d as i64 % 3) + shift,
            );
        }
        finish(&mut fixture, response);
    }
    let result = score(&fixture, None);
    for (d, dimension) in result.dimensions.iter().enumerate() {
        let expected = 2.0 + (d % 3) as f64;
        assert!(close(dimension.summary.mean, expected), "{}", dimension.id);
        assert!(
            close(dimension.summary.sd, (2.0f64 / 3.0).sqrt()),
            "{}",
            dimension.id
        );
        // Bands: Roadblock from 1.0, Watch from 2.6, Strong from 3.6.
        let level = dimension.band.as_ref().unwrap().level;
        let expected_level = match d % 3 {
            0 => Level::Roadblock,
            1 => Level::Watch,
            _ => Level::Strong,
        };
        assert_eq!(level, expected_level, "{}", dimension.id);
    }
    // Ranked worst first: the mean-2 dimensions (0, 3, 6, … in file order), then mean 3, then 4.
    let mut expected: Vec<&str> = Vec::new();
    for remainder in 0..3 {
        expected.extend(
            q.dimensions
                .iter()
                .enumerate()
                .filter(|(d, _)| d % 3 == remainder)
                .map(|(_, dimension)| dimension.id.as_str()),
        );
    }
    let ranked: Vec<&str> = result
        .roadblocks
        .iter()
        .map(|r| r.dimension.as_str())
        .collect();
    assert_eq!(ranked, expected);
    assert_eq!(result.roadblocks[0].rank, Some(1));
    let worst = result.roadblocks[0].band.as_ref().unwrap();
    assert!(!worst.recommendation.is_empty());
}

#[test]
fn effort_value_by_hand() {
    let mut fixture = hand_workshop("effort-value", &[]);
    let q = questionnaire(&fixture, "effort-value").clone();
    // Project A: effort 1, 2, 3 → mean 2 → (2 − 1)/4 × 100 = 25; value 5, 4, 3 → 4 → 75.
    // Project B: effort 5, 4, 3 → 75; value 1, 2, 3 → 25. Three evaluations each, so that the
    // smallest anonymity threshold (3) lets them be shown.
    let evaluations = [
        ("Project A", 1, 5),
        ("Project A", 2, 4),
        ("Project A", 3, 3),
        ("Project B", 5, 1),
        ("project b ", 4, 2),
        ("PROJECT B", 3, 3),
    ];
    for (index, (project, effort, value)) in evaluations.into_iter().enumerate() {
        let mut response = Response::new(format!("e{index}"), None, None);
        answer_dimension(&q, &mut response, Some(project), "effort", effort);
        answer_dimension(&q, &mut response, Some(project), "value", value);
        finish(&mut fixture, response);
    }
    let result = score(&fixture, None);
    assert_eq!(result.respondents, 6);
    let placement = result.placement.as_ref().unwrap();
    assert_eq!(
        placement.projects.len(),
        2,
        "names match ignoring case and spaces"
    );
    let a = &placement.projects[0];
    assert_eq!((a.project.as_str(), a.evaluations), ("Project A", 3));
    assert!(close(a.x, 25.0) && close(a.y, 75.0), "{a:?}");
    assert_eq!(a.zone.as_deref(), Some("just_do_it"));
    let b = &placement.projects[1];
    assert!(close(b.x, 75.0) && close(b.y, 25.0), "{b:?}");
    assert_eq!(b.zone.as_deref(), Some("rethink"));
}

#[test]
fn customer_dialogue_by_hand() {
    let mut fixture = hand_workshop("customer-dialogue", &[]);
    let q = questionnaire(&fixture, "customer-dialogue").clone();
    // Respondent r rates every prompt r + 1: dimension scores 1, 2, 3, 4 → mean 2.5,
    // sd √((2.25 + 0.25 + 0.25 + 2.25)/3) = √(5/3), median 2.5.
    // The notes are the facilitator's now (workshop.ron): the prompts have no text item.
    assert!(q.items.iter().all(|item| item.kind.is_scored()));
    for r in 0..4 {
        let mut response = Response::new(format!("d{r}"), None, None);
        answer_dimension(&q, &mut response, None, "dialogue", r + 1);
        if r == 0 {
            // A response written with version 1, which had a notes item after each prompt.
            let section = response.section_mut(&q, None);
            section.answers.insert(
                "prompt_1_notes".into(),
                Answer::Text("Call five customers a month.".into()),
            );
        }
        finish(&mut fixture, response);
    }
    let whole = score_workshop(&fixture.folder, &ScoreOptions::default());
    let result = &whole.questionnaires[0];
    let dialogue = &result.dimensions[0];
    assert!(close(dialogue.summary.mean, 2.5));
    assert!(close(dialogue.summary.sd, (5.0f64 / 3.0).sqrt()));
    assert!(close(dialogue.summary.median, 2.5));
    let first = result
        .items
        .iter()
        .find(|item| item.dimension.as_deref() == Some("dialogue"))
        .unwrap();
    let counts: Vec<usize> = first.counts.iter().map(|c| c.count).collect();
    assert_eq!(counts, vec![1, 1, 1, 1, 0]);
    // The old note loads, stays in its file, is not scored, and a warning names it.
    let on_disk =
        std::fs::read_to_string(fixture.folder.responses_dir().join("anonymous-d0.ron")).unwrap();
    assert!(on_disk.contains("Call five customers a month."));
    assert!(
        whole.warnings.iter().any(|warning| warning
            .contains("answers to items no longer in \"customer-dialogue\"")
            && warning.contains("prompt_1_notes")),
        "{:?}",
        whole.warnings
    );
}

/// The group breakdown is computed from rows of the whole workshop's answer table; each group must
/// come out exactly as scoring that group on its own does.
#[test]
fn each_group_in_the_breakdown_matches_scoring_that_group_alone() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    hero_readiness::inputs::demo::write_demo(&dir, 120, 7).unwrap();
    let folder = WorkshopFolder::open(&dir).unwrap();
    let whole = score_workshop(&folder, &ScoreOptions::default());
    assert!(whole.groups.len() >= 3, "{:?}", whole.suppressed_groups);
    for group in &whole.groups {
        let alone = score_workshop(
            &folder,
            &ScoreOptions {
                group: Some(group.group.clone()),
                ..ScoreOptions::default()
            },
        );
        assert_eq!(alone.respondents, group.respondents);
        assert_eq!(
            serde_json::to_value(&alone.questionnaires).unwrap(),
            serde_json::to_value(&group.questionnaires).unwrap(),
            "group {}",
            group.group
        );
        // Each group is a proper part of the whole, not a copy of it.
        assert!(group.respondents < whole.respondents);
    }
    let total: usize = whole.groups.iter().map(|g| g.respondents).sum();
    assert_eq!(
        total, whole.respondents,
        "the demo puts everyone in a group"
    );
}

/// Answers the items of `dimension` in file order with the given scores (after reverse-coding);
/// `None` leaves an item unanswered.
fn answer_items(
    q: &Questionnaire,
    response: &mut Response,
    project: Option<&str>,
    dimension: &str,
    scores: &[Option<i64>],
) {
    let items: Vec<_> = q.items_of(dimension).cloned().collect();
    assert_eq!(items.len(), scores.len(), "{dimension}");
    let section = response.section_mut(q, project);
    for (item, score) in items.iter().zip(scores) {
        let Some(score) = *score else { continue };
        let (min, max) = item.kind.value_range().unwrap();
        let raw = if item.reverse {
            (min + max) as i64 - score
        } else {
            score
        };
        section.answers.insert(item.id.clone(), Answer::Value(raw));
    }
}

/// A mean of exactly 13/5 on the roadblocks bands (Roadblock from 1.0, Watch from 2.6): in floating
/// point the running sum of 1, 1, 11/3, 11/3, 11/3 over 5 is 2.5999999999999996, which used to be
/// banded "Roadblock" and ranked ahead of an equal mean reached through whole numbers.
#[test]
fn a_mean_of_exactly_13_over_5_is_watch_and_ties_share_a_rank() {
    let mut fixture = hand_workshop("roadblocks", &[]);
    let q = questionnaire(&fixture, "roadblocks").clone();
    // Silos: two people score 1; three answer three of the four items (4, 4, 3), i.e. 11/3.
    let silos: [&[Option<i64>]; 5] = [
        &[Some(1); 4],
        &[Some(1); 4],
        &[Some(4), Some(4), Some(3), None],
        &[Some(4), Some(4), Some(3), None],
        &[Some(4), Some(4), Some(3), None],
    ];
    // Leaders' assumptions: 2, 2, 3, 3, 3 → also 13/5, earlier in the questionnaire.
    let leadership = [2, 2, 3, 3, 3];
    for r in 0..5 {
        let mut response = Response::new(format!("p{r}"), None, None);
        answer_items(&q, &mut response, None, "silos", silos[r]);
        answer_dimension(
            &q,
            &mut response,
            None,
            "leadership_assumptions",
            leadership[r],
        );
        finish(&mut fixture, response);
    }
    let result = score(&fixture, None);
    for id in ["silos", "leadership_assumptions"] {
        let dimension = result.dimensions.iter().find(|d| d.id == id).unwrap();
        assert_eq!(dimension.summary.mean, Some(2.6), "{id}");
        assert_eq!(dimension.band.as_ref().unwrap().label, "Watch", "{id}");
    }
    // Equal means share rank 1 in questionnaire order; the six dimensions nobody answered follow
    // with no rank, in questionnaire order too.
    let ranks: Vec<(&str, Option<usize>)> = result
        .roadblocks
        .iter()
        .map(|r| (r.dimension.as_str(), r.rank))
        .collect();
    let unanswered = q
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .filter(|id| !["silos", "leadership_assumptions"].contains(id));
    let expected: Vec<(&str, Option<usize>)> =
        [("leadership_assumptions", Some(1)), ("silos", Some(1))]
            .into_iter()
            .chain(unanswered.map(|id| (id, None)))
            .collect();
    assert_eq!(ranks, expected);
    assert_eq!(expected.len(), 8);

    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["roadblocks"][1]["rank"], 1);
    assert!(json["roadblocks"][2]["rank"].is_null());
    assert_eq!(json["dimensions"][3]["mean"], 2.6);
}

#[test]
fn tied_means_get_competition_ranks() {
    let mut fixture = hand_workshop("roadblocks", &[]);
    let q = questionnaire(&fixture, "roadblocks").clone();
    // Dimension d scores 2 + (d mod 3) for everyone: means 2, 3, 4, 2, 3, 4, 2, 3.
    for r in 0..3 {
        let mut response = Response::new(format!("t{r}"), None, None);
        for (d, dimension) in q.dimensions.iter().enumerate() {
            answer_dimension(&q, &mut response, None, &dimension.id, 2 + (d as i64 % 3));
        }
        finish(&mut fixture, response);
    }
    let result = score(&fixture, None);
    let ranks: Vec<Option<usize>> = result.roadblocks.iter().map(|r| r.rank).collect();
    // Three at mean 2 share rank 1, three at mean 3 share rank 4, two at mean 4 share rank 7.
    let expected = [1, 1, 1, 4, 4, 4, 7, 7].map(Some);
    assert_eq!(ranks, expected);
    let order: Vec<&str> = result
        .roadblocks
        .iter()
        .map(|r| r.dimension.as_str())
        .collect();
    let ids: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        order,
        [0, 3, 6, 1, 4, 7, 2, 5].map(|d| ids[d]),
        "ties keep the questionnaire's order"
    );
    // Everyone answered identically: every sd is exactly 0.
    assert!(result.dimensions.iter().all(|d| d.summary.sd == Some(0.0)));
}

#[test]
fn a_questionnaire_nobody_answered_ranks_nothing() {
    let fixture = hand_workshop("roadblocks", &[]);
    let result = score(&fixture, None);
    assert_eq!(result.respondents, 0);
    assert!(result.dimensions.iter().all(|d| d.summary.mean.is_none()));
    // Every dimension is listed, in questionnaire order, and none has a rank (or a band).
    let listed: Vec<&str> = result
        .roadblocks
        .iter()
        .map(|r| r.dimension.as_str())
        .collect();
    let ids: Vec<&str> = result.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(listed, ids);
    assert!(
        result
            .roadblocks
            .iter()
            .all(|r| r.rank.is_none() && r.band.is_none()),
        "{:?}",
        result.roadblocks
    );
}

#[test]
fn hero_thresholds_are_inclusive() {
    let mut fixture = hand_workshop("hero-index", &[]);
    let q = questionnaire(&fixture, "hero-index").clone();
    // (core agreement, unsanctioned apps, unsanctioned log-in sites); the thresholds are core ≥ 8
    // and tools ≥ 2 (2010) or ≥ 1 (2011).
    let people = [
        (8, 2, 0),
        (7, 2, 0),
        (8, 1, 0),
        (8, 0, 1),
        (8, 0, 0),
        (7, 0, 1),
        (7, 0, 0),
    ];
    for (index, (core, apps, sites)) in people.into_iter().enumerate() {
        let mut response = Response::new(format!("h{index}"), None, None);
        answer_dimension(&q, &mut response, None, "empowerment", core);
        let section = response.section_mut(&q, None);
        for (id, value) in [
            ("empowered_core", core),
            ("unsanctioned_apps", apps),
            ("unsanctioned_sites", sites),
        ] {
            section.answers.insert(id.into(), Answer::Value(value));
        }
        finish(&mut fixture, response);
    }
    let counts = |rule: &str| {
        let result = score(&fixture, Some(rule));
        let segments = result.segments.unwrap();
        ["heroes", "locked_down", "rogues", "disenfranchised"].map(|id| {
            segments
                .segments
                .iter()
                .find(|s| s.id == id)
                .unwrap()
                .share
                .count
        })
    };
    // 2010: HERO (8, 2); locked-down (8, 1), (8, 0+1), (8, 0); rogue (7, 2); disenfranchised
    // (7, 0+1), (7, 0).
    assert_eq!(counts("2010"), [1, 3, 1, 2]);
    // 2011: HEROes (8, 2), (8, 1), (8, 0+1); locked-down (8, 0); rogues (7, 2), (7, 0+1);
    // disenfranchised (7, 0).
    assert_eq!(counts("2011"), [3, 1, 2, 1]);
}

/// The bundled effort–value map: effort edges at 40 and 75, value edge at 50, ranges half-open with
/// the map's far edge (100) included.
#[test]
fn projects_exactly_on_a_zone_edge_land_in_the_zone_that_starts_there() {
    let mut fixture = hand_workshop("effort-value", &[]);
    let q = questionnaire(&fixture, "effort-value").clone();
    // "Edge": effort 1, 1, 11/3, 11/3, 11/3 (three of six items answered: 4, 4, 3) has mean
    // 13/5, computed as 2.5999999999999996 → (2.6 − 1)/4 × 100 = 40; value 3 → 50.
    let third = [Some(4), Some(4), Some(3), None, None, None];
    let edge_efforts: [&[Option<i64>]; 5] = [&[Some(1); 6], &[Some(1); 6], &third, &third, &third];
    for (index, efforts) in edge_efforts.into_iter().enumerate() {
        let mut response = Response::new(format!("d{index}"), None, None);
        answer_items(&q, &mut response, Some("Edge"), "effort", efforts);
        answer_dimension(&q, &mut response, Some("Edge"), "value", 3);
        finish(&mut fixture, response);
    }
    // (project, effort scores, value scores), one evaluation per position: effort 4 → 75; 5 → 100;
    // 1 → 0; value 3 → 50. These and "Edge" used to land in the zones that end on the edge
    // ("quick_win", "worth_the_effort", "rethink").
    // Three evaluations each, the fewest the anonymity threshold lets a project be shown with.
    let projects: [(&str, &[i64], &[i64]); 3] = [
        ("Cheap", &[1, 1, 1], &[3, 3, 3]),
        ("Hard", &[4, 4, 4], &[5, 5, 5]),
        ("Corner", &[5, 5, 5], &[1, 1, 1]),
    ];
    let mut index = 0;
    for (project, efforts, values) in projects {
        for (effort, value) in efforts.iter().zip(values) {
            let mut response = Response::new(format!("e{index}"), None, None);
            index += 1;
            answer_dimension(&q, &mut response, Some(project), "effort", *effort);
            answer_dimension(&q, &mut response, Some(project), "value", *value);
            finish(&mut fixture, response);
        }
    }
    let result = score(&fixture, None);
    let placement = result.placement.as_ref().unwrap();
    let place = |name: &str| {
        let project = placement
            .projects
            .iter()
            .find(|p| p.project == name)
            .unwrap();
        (project.x, project.y, project.zone.as_deref())
    };
    assert_eq!(
        place("Edge"),
        (Some(40.0), Some(50.0), Some("worth_the_effort"))
    );
    assert_eq!(place("Cheap"), (Some(0.0), Some(50.0), Some("just_do_it")));
    assert_eq!(
        place("Hard"),
        (Some(75.0), Some(100.0), Some("shadow_it_risk"))
    );
    assert_eq!(place("Corner"), (Some(100.0), Some(0.0), Some("rethink")));
}

/// Both groups average exactly 31/9 on silos (scores in thirds: three of four items answered), so
/// the mean square between groups is 0; in floating point it was about 6e-31 and ICC(2) −4e30.
#[test]
fn equal_group_means_give_no_icc() {
    let temp = tempfile::tempdir().unwrap();
    let mut workshop = Workshop::new("Groups", NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
    workshop.questionnaires = vec!["roadblocks".to_owned()];
    workshop.groups = vec!["A".to_owned(), "B".to_owned()];
    workshop.anonymity_threshold = 3;
    let mut fixture = Fixture {
        folder: WorkshopFolder::create(&temp.path().join("w"), workshop).unwrap(),
        _temp: temp,
    };
    let q = questionnaire(&fixture, "roadblocks").clone();
    // A: 8/3, 14/3, 9/3; B: 4/3, 12/3, 15/3.
    let people: [(&str, [i64; 3]); 6] = [
        ("A", [3, 3, 2]),
        ("A", [5, 5, 4]),
        ("A", [3, 3, 3]),
        ("B", [2, 1, 1]),
        ("B", [4, 4, 4]),
        ("B", [5, 5, 5]),
    ];
    for (index, (group, [a, b, c])) in people.into_iter().enumerate() {
        let mut response = Response::new(format!("g{index}"), None, Some(group.to_owned()));
        answer_items(
            &q,
            &mut response,
            None,
            "silos",
            &[Some(a), Some(b), Some(c), None],
        );
        finish(&mut fixture, response);
    }
    let result = score(&fixture, None);
    let silos = result.dimensions.iter().find(|d| d.id == "silos").unwrap();
    assert_eq!(silos.summary.n, 6);
    assert_eq!(silos.summary.mean, Some(snap_ninths(31)));
    assert_eq!(
        (silos.reliability.icc1, silos.reliability.icc2),
        (None, None)
    );
    let json = serde_json::to_value(&result).unwrap();
    let reliability = &json["dimensions"][3]["reliability"];
    assert!(reliability["icc2"].is_null(), "{reliability}");
}

fn snap_ninths(ninths: i64) -> f64 {
    hero_readiness::analysis::stats::snap(ninths as f64 / 9.0)
}
