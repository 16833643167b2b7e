//! The real binary in temporary folders: every command's output and exit code (0 ok, 1 invalid
//! input, 2 error), as a user at a terminal or a script would see them.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod common;

fn hero(home: &Path) -> Command {
    let mut command = Command::cargo_bin("hero-readiness").unwrap();
    command.env("HERO_READINESS_HOME", home);
    command
}

/// A temporary home with a demo workshop of `participants` in `home/w`.
fn demo_workshop(participants: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let workshop = home.path().join("w");
    hero(home.path())
        .args(["demo", workshop.to_str().unwrap(), "--participants"])
        .arg(participants.to_string())
        .assert()
        .code(0);
    (home, workshop)
}

#[test]
fn list_shows_the_bundled_questionnaires_and_user_ones() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("questionnaires")).unwrap();
    std::fs::write(home.path().join("questionnaires/small.ron"), common::SMALL).unwrap();
    hero(home.path())
        .arg("list")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("hero-index"))
        .stdout(predicate::str::contains("roadblocks"))
        .stdout(predicate::str::contains("effort-value"))
        .stdout(predicate::str::contains("customer-dialogue"))
        .stdout(predicate::str::contains("small"));
}

#[test]
fn validate_exit_codes() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(dir.join("good.ron"), common::SMALL).unwrap();
    std::fs::write(
        dir.join("syntax.ron"),
        common::SMALL.replace("title: \"Small\",", "title: \"Small\""),
    )
    .unwrap();
    std::fs::write(
        dir.join("meaning.ron"),
        common::SMALL.replace("ShowIf(item: \"built\"", "ShowIf(item: \"told\""),
    )
    .unwrap();

    hero(dir)
        .args(["validate", "good.ron"])
        .current_dir(dir)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("good.ron: ok"));
    hero(dir)
        .args(["validate", "good.ron", "syntax.ron"])
        .current_dir(dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("syntax.ron:6:5: "));
    hero(dir)
        .args(["validate", "meaning.ron"])
        .current_dir(dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "meaning.ron: item \"told\": show_if refers to \"told\", which does not come before it",
        ));
    hero(dir)
        .args(["validate", "missing.ron"])
        .current_dir(dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.ron: file not found"));
}

#[test]
fn bundled_questionnaire_sources_validate() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let mut command = hero(home.path());
    command.arg("validate");
    for name in [
        "hero-index",
        "roadblocks",
        "effort-value",
        "customer-dialogue",
    ] {
        command.arg(root.join(format!("{name}.ron")));
    }
    command.assert().code(0);
}

#[test]
fn demo_then_score_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let workshop = home.path().join("demo");
    hero(home.path())
        .args([
            "demo",
            workshop.to_str().unwrap(),
            "--participants",
            "40",
            "--seed",
            "7",
        ])
        .assert()
        .code(0);
    let files = std::fs::read_dir(workshop.join("responses"))
        .unwrap()
        .count();
    assert_eq!(files, 40);

    hero(home.path())
        .args(["score", workshop.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("40 respondents"))
        .stdout(predicate::str::contains("Roadblocks, worst first"));

    let output = hero(home.path())
        .args([
            "score",
            workshop.to_str().unwrap(),
            "--format",
            "json",
            "--rule",
            "2011",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["respondents"], 40);
    let hero_index = json["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "hero-index")
        .unwrap();
    let segments = &hero_index["segments"];
    assert_eq!(segments["rule"], "2011");
    let total: u64 = ["heroes", "locked_down", "rogues", "disenfranchised"]
        .iter()
        .map(|id| segments[id]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, segments["classified"].as_u64().unwrap());
    for key in ["id", "n", "mean", "sd", "median", "min", "max"] {
        assert!(hero_index["dimensions"][0].get(key).is_some(), "{key}");
    }
    assert!(json["problems"].as_array().unwrap().is_empty());

    hero(home.path())
        .args(["score", workshop.to_str().unwrap(), "--format", "csv"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "questionnaire,dimension,title,n,mean",
        ));

    hero(home.path())
        .args(["score", workshop.to_str().unwrap(), "--rule", "1999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown rule \"1999\""));
}

#[test]
fn demo_is_deterministic_for_a_seed() {
    let home = tempfile::tempdir().unwrap();
    let score = |seed: &str, name: &str| {
        let dir = home.path().join(name);
        hero(home.path())
            .args([
                "demo",
                dir.to_str().unwrap(),
                "--participants",
                "12",
                "--seed",
                seed,
            ])
            .assert()
            .code(0);
        let output = hero(home.path())
            .args(["score", dir.to_str().unwrap(), "--format", "csv"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(score("3", "a"), score("3", "b"));
    assert_ne!(score("3", "c"), score("4", "d"));
}

#[test]
fn score_reports_bad_files_and_still_scores_the_rest() {
    let (home, workshop) = demo_workshop(6);
    std::fs::write(workshop.join("responses/zz-bad.ron"), "Response(\n  id: ").unwrap();
    hero(home.path())
        .args(["score", workshop.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("6 respondents"))
        .stdout(predicate::str::contains("zz-bad.ron:2:"));
}

#[test]
fn export_csv_writes_answers_projects_and_codebook() {
    let (home, workshop) = demo_workshop(8);
    let out = home.path().join("out/answers.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    hero(home.path())
        .args([
            "export-csv",
            workshop.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    let answers = std::fs::read_to_string(&out).unwrap();
    let mut lines = answers.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,label,group,completed_at,hero-index.empowered_core"),
        "{header}"
    );
    assert!(header.contains("roadblocks."));
    assert!(
        !header.contains("effort-value."),
        "per-project answers go to the projects file"
    );
    assert_eq!(lines.count(), 8);

    let projects = std::fs::read_to_string(home.path().join("out/answers.projects.csv")).unwrap();
    assert!(projects.starts_with("respondent_id,label,group,questionnaire,project,effort-value."));
    assert_eq!(projects.lines().count(), 9);

    let codebook = std::fs::read_to_string(home.path().join("out/answers.codebook.csv")).unwrap();
    assert!(codebook.starts_with("questionnaire,item,text,dimension,kind,min,max,reverse,labels"));
    assert!(codebook.contains("hero-index,empowered_core,"));

    hero(home.path())
        .args([
            "export-csv",
            workshop.to_str().unwrap(),
            "--out",
            "/nonexistent-dir/x.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent-dir/x.csv"));
}

#[test]
fn missing_workshop_and_bad_arguments() {
    let home = tempfile::tempdir().unwrap();
    hero(home.path())
        .args(["score", "/no/such/workshop"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/no/such/workshop: no such workshop folder",
        ));
    hero(home.path())
        .args([
            "demo",
            home.path().join("x").to_str().unwrap(),
            "--participants",
            "0",
        ])
        .assert()
        .code(1);
    let existing = home.path().join("twice");
    hero(home.path())
        .args(["demo", existing.to_str().unwrap()])
        .assert()
        .code(0);
    hero(home.path())
        .args(["demo", existing.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn a_self_assessment_file_scores_on_its_own() {
    let (home, workshop) = demo_workshop(1);
    let file = std::fs::read_dir(workshop.join("responses"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    hero(home.path())
        .args(["score", file.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("— 1 respondent,"));
}

#[test]
fn chart_and_charts_write_real_images_and_refuse_bad_requests() {
    let (home, workshop) = demo_workshop(12);
    let w = workshop.to_str().unwrap();

    let png = home.path().join("q.png");
    hero(home.path())
        .args([
            "chart",
            w,
            "--kind",
            "quadrant",
            "--out",
            png.to_str().unwrap(),
        ])
        .args([
            "--width", "800", "--height", "500", "--scale", "2", "--theme", "dark",
        ])
        .assert()
        .code(0);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // IHDR width and height (big-endian) at bytes 16..24: the requested size times the scale.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1600, 1000));

    let svg = home.path().join("r.svg");
    hero(home.path())
        .args([
            "chart",
            w,
            "--kind",
            "roadblock-bars",
            "--out",
            svg.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<svg") || text.starts_with("<?xml"),
        "{}",
        &text[..40]
    );
    assert!(text.contains("Roadblocks"));

    let out_dir = home.path().join("all");
    hero(home.path())
        .args(["charts", w, "--out-dir", out_dir.to_str().unwrap()])
        .assert()
        .code(0);
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "hero-index-quadrant.png",
        "hero-index-segments.svg",
        "roadblocks-roadblocks.png",
        "effort-value-effort-value.svg",
    ] {
        assert!(
            names.iter().any(|name| name == expected),
            "{expected} in {names:?}"
        );
    }

    hero(home.path())
        .args(["chart", w, "--kind", "pie", "--out", "x.png"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown chart kind \"pie\""));
    hero(home.path())
        .args([
            "chart",
            w,
            "--kind",
            "items",
            "--out",
            home.path().join("x.gif").to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(".png or .svg"));
    hero(home.path())
        .args([
            "chart",
            w,
            "--kind",
            "items",
            "--out",
            "/nonexistent-dir/x.png",
        ])
        .assert()
        .code(2);

    let empty = home.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let mut workshop_file = hero_readiness::workshop::Workshop::new(
        "Empty",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    workshop_file.groups.clear();
    hero_readiness::workshop::WorkshopFolder::create(&empty, workshop_file).unwrap();
    hero(home.path())
        .args([
            "chart",
            empty.to_str().unwrap(),
            "--kind",
            "quadrant",
            "--out",
            "x.png",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to chart"));
}

/// A mean of exactly 13/5 on the roadblocks' "Watch from 2.6" edge, through the binary: answers
/// imported from a spreadsheet, then scored as JSON. Two people score silos 1; three skip one item
/// and score 4, 4, 3 (11/3), so the float mean is 2.5999999999999996 unless it is snapped.
#[test]
fn a_mean_of_exactly_13_over_5_prints_as_2_6_and_is_banded_watch() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    let mut workshop = hero_readiness::workshop::Workshop::new(
        "Edge",
        chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
    );
    workshop.questionnaires = vec!["roadblocks".to_owned()];
    workshop.groups.clear();
    hero_readiness::workshop::WorkshopFolder::create(&dir, workshop).unwrap();
    // silos_3 is reverse-coded on 1–5: a raw 5 scores 1, a raw 3 scores 3.
    let csv = "id,label,group,roadblocks.silos_1,roadblocks.silos_2,roadblocks.silos_3,roadblocks.silos_4\n\
               p0,,,1,1,5,1\n\
               p1,,,1,1,5,1\n\
               p2,,,4,4,3,\n\
               p3,,,4,4,3,\n\
               p4,,,4,4,3,\n";
    let answers = home.path().join("answers.csv");
    std::fs::write(&answers, csv).unwrap();
    hero(home.path())
        .args(["import-csv", answers.to_str().unwrap(), "--into"])
        .arg(&dir)
        .assert()
        .code(0);

    let output = hero(home.path())
        .args(["score", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains("2.5999"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let roadblocks = &json["questionnaires"][0];
    assert_eq!(roadblocks["id"], "roadblocks");
    let silos = roadblocks["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "silos")
        .unwrap();
    assert_eq!(silos["n"], 5);
    assert_eq!(silos["mean"], 2.6);
    assert_eq!(silos["band"]["label"], "Watch");
    // The only scored roadblock ranks 1; the seven nobody answered have no rank.
    let ranks: Vec<&serde_json::Value> = roadblocks["roadblocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["rank"])
        .collect();
    assert_eq!(ranks[0], 1);
    assert_eq!(ranks.len(), 8);
    assert!(ranks[1..].iter().all(|rank| rank.is_null()), "{ranks:?}");

    hero(home.path())
        .args(["score", dir.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1. Information across departments (2.6",
        ));
}
