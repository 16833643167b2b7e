//! Waves: the interval arithmetic against R, and two demo workshops with different seeds compared
//! end to end (library and command line).

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::run_cli;
use hero_readiness::analysis::stats::Share;
use hero_readiness::analysis::waves::{CompareOptions, compare, newcombe_interval, welch_change};
use hero_readiness::inputs::demo::write_demo;
use hero_readiness::model::response::{Answer, Response};
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage::folder::WorkshopFolder;

#[test]
fn welch_interval_matches_r() {
    // R: t.test(c(2, 4, 6), c(1, 2, 3))$conf.int → -2.155399503182504, 6.155399503182505;
    // df = 50/17 (by hand: se² = 4/3 + 1/3 = 5/3; df = (5/3)² / ((4/3)²/2 + (1/3)²/2)).
    let change = welch_change(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]);
    assert_eq!(change.difference, Some(2.0));
    assert!((change.df.unwrap() - 50.0 / 17.0).abs() < 1e-12);
    assert!((change.ci_low.unwrap() - -2.155_399_503_182_504).abs() < 1e-9);
    assert!((change.ci_high.unwrap() - 6.155_399_503_182_505).abs() < 1e-9);
    // One score per wave: a difference, but no interval.
    let thin = welch_change(&[3.0], &[4.0]);
    assert_eq!((thin.difference, thin.ci_low), (Some(1.0), None));
}

#[test]
fn newcombe_interval_matches_the_published_example() {
    // Newcombe (1998), example (a): 56/70 − 48/80, method 10 gives 0.0524 to 0.3339; the digits
    // below are the same formula evaluated in R.
    let before = Share::wilson(48, 80).unwrap();
    let after = Share::wilson(56, 70).unwrap();
    let (low, high) = newcombe_interval(&before, &after);
    assert!((low - 0.052_431_472_402_364_98).abs() < 1e-9, "{low}");
    assert!((high - 0.333_872_654_036_905_9).abs() < 1e-9, "{high}");
}

#[test]
fn two_demo_waves_compare_every_shared_dimension_and_segment() {
    let temp = tempfile::tempdir().unwrap();
    let first = temp.path().join("spring");
    let second = temp.path().join("autumn");
    write_demo(&first, 30, 1).unwrap();
    write_demo(&second, 30, 2).unwrap();
    let folders = [
        WorkshopFolder::open(&first).unwrap(),
        WorkshopFolder::open(&second).unwrap(),
    ];
    let comparison = compare(&folders, &CompareOptions::default()).unwrap();
    assert_eq!(comparison.waves.len(), 2);
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("is asked per project"))
    );
    let hero = comparison
        .questionnaires
        .iter()
        .find(|q| !q.segments.is_empty())
        .expect("the HERO Index is compared");
    assert_eq!(hero.segments.len(), 4);
    for segment in &hero.segments {
        let change = segment.changes[0];
        let (before, after) = (segment.waves[0].unwrap(), segment.waves[1].unwrap());
        assert!((change.difference.unwrap() - (after.share - before.share)).abs() < 1e-12);
        assert!(change.ci_low.unwrap() <= change.difference.unwrap());
        assert!(change.ci_high.unwrap() >= change.difference.unwrap());
    }
    // Every dimension's change is the difference of the two waves' means, inside its interval.
    let mut dimensions = 0;
    for questionnaire in &comparison.questionnaires {
        assert!(
            questionnaire.left_out_items.is_empty(),
            "same questionnaires"
        );
        for dimension in &questionnaire.dimensions {
            dimensions += 1;
            let change = dimension.changes[0];
            let expected = dimension.waves[1].mean.unwrap() - dimension.waves[0].mean.unwrap();
            assert!((change.difference.unwrap() - expected).abs() < 1e-12);
            assert!(change.ci_low.unwrap() < expected && expected < change.ci_high.unwrap());
        }
    }
    assert!(dimensions >= 5, "{dimensions}");

    let output = run_cli(&[
        "compare",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["waves"].as_array().unwrap().len(), 2);
    assert!(
        json["mean_interval_method"]
            .as_str()
            .unwrap()
            .contains("Welch")
    );
    let table = run_cli(&["compare", first.to_str().unwrap(), second.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("Wave 2:") && text.contains("Δ1→2"), "{text}");

    let chart = temp.path().join("waves.svg");
    let charted = run_cli(&[
        "compare",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--chart",
        chart.to_str().unwrap(),
    ]);
    assert_eq!(charted.status.code(), Some(0));
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("workshops compared"),
        "{svg:.200}"
    );
}

#[test]
fn a_changed_questionnaire_is_reported_and_only_shared_items_compared() {
    let temp = tempfile::tempdir().unwrap();
    let first = temp.path().join("one");
    let second = temp.path().join("two");
    write_demo(&first, 10, 1).unwrap();
    write_demo(&second, 10, 2).unwrap();
    // The second workshop carries its own roadblocks questionnaire: version 2, one item fewer.
    let mut changed = WorkshopFolder::open(&second)
        .unwrap()
        .catalog
        .get("roadblocks")
        .unwrap()
        .clone();
    changed.version += 1;
    let removed = changed.items.remove(0).id;
    std::fs::create_dir_all(second.join("questionnaires")).unwrap();
    hero_readiness::storage::save_ron(&second.join("questionnaires/roadblocks.ron"), &changed)
        .unwrap();

    let folders = [
        WorkshopFolder::open(&first).unwrap(),
        WorkshopFolder::open(&second).unwrap(),
    ];
    let comparison = compare(&folders, &CompareOptions::default()).unwrap();
    let roadblocks = comparison
        .questionnaires
        .iter()
        .find(|q| q.id == "roadblocks")
        .unwrap();
    assert_eq!(roadblocks.versions, [changed.version - 1, changed.version]);
    assert_eq!(roadblocks.left_out_items, [removed]);
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("\"roadblocks\" differs between workshops")),
        "{:?}",
        comparison.notes
    );
}

#[test]
fn waves_without_variance_have_no_interval() {
    // Seven scores of 11/3 each: their float mean is 3.666666666666667, one bit off, so the raw
    // sd is about 5e-16 and the Welch interval used to be ±1e-15.
    let constant = [11.0 / 3.0; 7];
    let change = welch_change(&constant, &constant);
    assert_eq!(change.difference, Some(0.0));
    assert_eq!(
        (change.ci_low, change.ci_high, change.df),
        (None, None, None)
    );
    // 2.6 → 2.4 is exactly −0.2, not −0.20000000000000018.
    assert_eq!(welch_change(&[2.6; 3], &[2.4; 3]).difference, Some(-0.2));
    // One wave varies: the interval rests on its variance alone, with n − 1 df. By hand: se² =
    // 1/3, half-width qt(0.975, 2) × √(1/3) = 4.302653 × 0.577350 = 2.484138.
    let change = welch_change(&constant, &[3.0, 4.0, 5.0]);
    assert_eq!(change.df, Some(2.0));
    let half = change.ci_high.unwrap() - change.difference.unwrap();
    assert!((half - 2.484_138_1).abs() < 1e-6, "{change:?}");
}

/// A workshop of seven people who each answer three of the four "silos" items 4, 4, 3 (a score of
/// 11/3) and nothing else.
fn unanimous_workshop(dir: &Path, day: u32) {
    let workshop = Workshop::new("Unanimous", NaiveDate::from_ymd_opt(2026, 3, day).unwrap());
    let mut folder = WorkshopFolder::create(dir, workshop).unwrap();
    let q = folder.catalog.get("roadblocks").unwrap().clone();
    let silos: Vec<_> = q.items_of("silos").cloned().collect();
    for person in 0..7 {
        let mut response = Response::new(format!("u{person}"), None, None);
        let section = response.section_mut(&q, None);
        for (item, score) in silos.iter().zip([4, 4, 3]) {
            let raw = if item.reverse { 6 - score } else { score };
            section.answers.insert(item.id.clone(), Answer::Value(raw));
        }
        response.completed_at = Some(response.started_at);
        folder.save_response(&response).unwrap();
    }
}

#[test]
fn identical_answers_in_two_waves_compare_as_no_change_without_an_interval() {
    let temp = tempfile::tempdir().unwrap();
    let (first, second) = (temp.path().join("one"), temp.path().join("two"));
    unanimous_workshop(&first, 2);
    unanimous_workshop(&second, 9);
    let output = run_cli(&[
        "compare",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let roadblocks = json["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "roadblocks")
        .unwrap();
    let silos = roadblocks["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "silos")
        .unwrap();
    for wave in silos["waves"].as_array().unwrap() {
        assert_eq!(wave["n"], 7);
        assert!(
            (wave["mean"].as_f64().unwrap() - 11.0 / 3.0).abs() < 1e-12,
            "{wave}"
        );
        assert_eq!(wave["sd"], 0.0, "{wave}");
    }
    let change = &silos["changes"][0];
    assert_eq!(change["difference"], 0.0, "{change}");
    for undefined in ["ci_low", "ci_high", "df"] {
        assert!(change[undefined].is_null(), "{undefined}: {change}");
    }
    // The table shows no interval rather than [−0.00, 0.00].
    let table = run_cli(&["compare", first.to_str().unwrap(), second.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&table.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("Information across departments"))
        .unwrap_or_default();
    assert!(line.contains("+0.00 [–, –]"), "{text}");
}
