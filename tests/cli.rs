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
        .stdout(predicate::str::contains("Ranked, weakest first"));

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
    assert!(
        projects
            .lines()
            .next()
            .unwrap()
            .contains("customer-profiles.metrics_1"),
        "every per-entry questionnaire shares the file: per-channel answers too"
    );
    assert!(projects.contains(",customer-profiles,Call centre,"));
    // The demo has each person rate two projects and two channels.
    assert_eq!(projects.lines().count(), 1 + 8 * 2 + 8 * 2);

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

/// The score JSON of a workshop, run through the binary.
fn score_json(home: &Path, workshop: &Path) -> serde_json::Value {
    let output = hero(home)
        .args(["score", workshop.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every cell of a CSV file, header included.
fn csv_cells(path: &Path) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .flat_map(|record| {
            let record = record.unwrap();
            record.iter().map(str::to_owned).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn export_then_import_keeps_declined_answers_and_writes_no_formulas() {
    use hero_readiness::model::response::Answer;
    use hero_readiness::storage::folder::WorkshopFolder;

    let (home, original_dir) = demo_workshop(24);
    // Labels, a group, a project and notes a spreadsheet would run as formulas, text that looks
    // like a number or the declined code, and answers declined in every questionnaire.
    let labels = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-2",
        "@a",
        "\tx",
        "\rcr",
        "DECLINED",
        "'quoted",
        "'=both",
    ];
    let notes = ["-5", "DECLINED", "=1+1", "'tis", "5", "@here"];
    let mut folder = WorkshopFolder::open(&original_dir).unwrap();
    let project = folder.workshop.projects[0].clone();
    let rename = |name: &mut String| match name.as_str() {
        "Sales" => *name = "=Sales".to_owned(),
        other if other == project => *name = "+Pilot".to_owned(),
        _ => {}
    };
    folder.workshop.groups.iter_mut().for_each(rename);
    folder.workshop.projects.iter_mut().for_each(rename);
    folder.save_workshop().unwrap();
    // The roadblocks' free-text item (the customer dialogue has none: its notes are the
    // facilitator's, in workshop.ron).
    let dialogue = folder.catalog.get("roadblocks").unwrap().clone();
    let note_items: Vec<String> = dialogue
        .items
        .iter()
        .filter(|item| {
            matches!(
                item.kind,
                hero_readiness::model::questionnaire::ItemKind::Text { .. }
            )
        })
        .map(|item| item.id.clone())
        .collect();
    assert!(!note_items.is_empty());
    for (index, loaded) in folder.responses.clone().iter().enumerate() {
        let mut response = loaded.response.clone();
        response.label = (index % 5 != 4).then(|| labels[index % labels.len()].to_owned());
        response.group.iter_mut().for_each(rename);
        for section in &mut response.sections {
            section.project.iter_mut().for_each(rename);
            if index % 3 == 0 {
                let first = section.answers.iter().next().map(|(id, _)| id.to_string());
                if let Some(id) = first {
                    section.answers.insert(id, Answer::Declined);
                }
            }
            if section.questionnaire == dialogue.id {
                let note = notes[index % notes.len()].to_owned();
                section.answers.insert(
                    note_items[index % note_items.len()].clone(),
                    Answer::Text(note),
                );
            }
        }
        // The file name follows the label: drop the old file so each response stays one file.
        std::fs::remove_file(&loaded.path).unwrap();
        folder.save_response(&response).unwrap();
    }

    let out = home.path().join("out/answers.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    hero(home.path())
        .args([
            "export-csv",
            original_dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(0);

    // No cell a spreadsheet would evaluate, in any of the three files; numbers stay numbers.
    let files = [
        "answers.csv",
        "answers.projects.csv",
        "answers.codebook.csv",
    ];
    for name in files {
        for cell in csv_cells(&home.path().join("out").join(name)) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || cell.parse::<f64>().is_ok(),
                "{name}: {cell:?}"
            );
        }
    }
    let answers = csv_cells(&out);
    for expected in [
        "'=HYPERLINK(\"http://x\",\"y\")",
        "'+1",
        "'-2",
        "'\tx",
        "'DECLINED",
        "''quoted",
        "'=Sales",
        "'-5",
        "'=1+1",
        "DECLINED",
    ] {
        assert!(answers.iter().any(|cell| cell == expected), "{expected:?}");
    }
    let projects = csv_cells(&home.path().join("out/answers.projects.csv"));
    assert!(projects.iter().any(|cell| cell == "'+Pilot"));
    assert!(projects.iter().any(|cell| cell == "DECLINED"));
    let codebook = std::fs::read_to_string(home.path().join("out/answers.codebook.csv")).unwrap();
    let header = codebook.lines().next().unwrap();
    assert!(header.ends_with(",labels,missing"), "{header}");
    assert!(
        codebook
            .lines()
            .skip(1)
            .all(|line| line.ends_with(",DECLINED=prefer not to answer"))
    );

    let copy_dir = home.path().join("copy");
    let original = WorkshopFolder::open(&original_dir).unwrap();
    WorkshopFolder::create(&copy_dir, original.workshop.clone()).unwrap();
    hero(home.path())
        .args([
            "import-csv",
            out.to_str().unwrap(),
            "--into",
            copy_dir.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("imported 24 responses"));

    let before = score_json(home.path(), &original_dir);
    let after = score_json(home.path(), &copy_dir);
    let declined: u64 = before["questionnaires"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|q| q["items"].as_array().unwrap())
        .filter_map(|item| item["declined"].as_u64())
        .sum();
    assert!(declined >= 8, "{declined} declined answers");
    let groups: Vec<&str> = before["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert!(groups.contains(&"=Sales"), "{groups:?}");
    assert!(before.to_string().contains("\"+Pilot\""));
    for key in [
        "respondents",
        "questionnaires",
        "groups",
        "suppressed_groups",
    ] {
        // Not assert_eq: the whole score would bury the failure.
        assert!(
            before[key] == after[key],
            "{key} differs after the round trip"
        );
    }

    // Labels, groups, notes and declined answers come back exactly, response by response.
    let copy = WorkshopFolder::open(&copy_dir).unwrap();
    assert_eq!(copy.responses.len(), 24);
    for loaded in &original.responses {
        let mut expected = loaded.response.clone();
        let mut imported = copy
            .responses
            .iter()
            .find(|other| other.response.id == expected.id)
            .unwrap()
            .response
            .clone();
        // The export keeps no start time; the import uses the completion time.
        imported.started_at = expected.started_at;
        for response in [&mut expected, &mut imported] {
            response.sections.sort_by(|a, b| {
                (&a.questionnaire, &a.project).cmp(&(&b.questionnaire, &b.project))
            });
        }
        assert_eq!(imported, expected);
    }
}

#[test]
fn hand_made_csv_with_declined_cells_scores_and_score_csv_guards_text() {
    use hero_readiness::model::workshop::Workshop;
    use hero_readiness::storage::folder::WorkshopFolder;

    let home = tempfile::tempdir().unwrap();
    // A questionnaire whose dimension title and band label a spreadsheet would run as formulas.
    std::fs::create_dir_all(home.path().join("questionnaires")).unwrap();
    let hostile = common::SMALL
        .replace("title: \"Frontline voice\"", "title: \"-Frontline voice\"")
        .replace("label: \"Strong\"", "label: \"=Strong\"");
    std::fs::write(home.path().join("questionnaires/small.ron"), hostile).unwrap();
    let dir = home.path().join("w");
    let mut workshop = Workshop::new("Small", "2026-11-16".parse().unwrap());
    workshop.questionnaires = vec!["small".to_owned()];
    WorkshopFolder::create(&dir, workshop).unwrap();

    // "ignored" is reverse-coded on 1–3: scores 3, 1 (one of two items is enough), 2, 2, 2.5.
    let csv = home.path().join("form.csv");
    std::fs::write(
        &csv,
        "id,label,small.asked,small.ignored\n\
         a,'=x,3,1\n\
         b,,1,DECLINED\n\
         c,,2,2\n\
         d,,3,3\n\
         e,,2,1\n",
    )
    .unwrap();
    hero(home.path())
        .args(["import-csv", csv.to_str().unwrap(), "--into"])
        .arg(&dir)
        .assert()
        .code(0);
    let imported = WorkshopFolder::open(&dir).unwrap();
    let labels: Vec<Option<&str>> = imported
        .responses
        .iter()
        .map(|loaded| loaded.response.label.as_deref())
        .filter(Option::is_some)
        .collect();
    assert_eq!(labels, [Some("=x")], "the guard is removed on import");
    let json = score_json(home.path(), &dir);
    let small = &json["questionnaires"][0];
    assert_eq!(small["dimensions"][0]["mean"], 2.1);
    let ignored = small["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == "ignored")
        .unwrap();
    assert_eq!(ignored["declined"], 1);
    assert_eq!(ignored["n"], 4);

    hero(home.path())
        .args(["score", dir.to_str().unwrap(), "--format", "csv"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "small,voice,'-Frontline voice,5,2.1000,",
        ))
        .stdout(predicate::str::contains(",'=Strong,\n"));
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
    let mut workshop_file = hero_readiness::model::workshop::Workshop::new(
        "Empty",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    workshop_file.groups.clear();
    hero_readiness::storage::folder::WorkshopFolder::create(&empty, workshop_file).unwrap();
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

#[test]
fn set_changes_the_threshold_rule_and_title_and_refuses_a_threshold_under_3() {
    let (home, w) = demo_workshop(6);
    let file = w.join("workshop.ron");
    let before = std::fs::read_to_string(&file).unwrap();
    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--anonymity-threshold", "2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "workshop.ron: an anonymity threshold of 2 is too low",
        ))
        .stderr(predicate::str::contains(
            "with 2, either person can subtract their own answer and read the other's",
        ));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        before,
        "nothing written"
    );

    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--anonymity-threshold", "4"])
        .args(["--rule", "2011", "--title", "Autumn wave"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "title \"Autumn wave\", rule 2011, anonymity threshold 4",
        ))
        .stderr(predicate::str::contains(
            "warning: an anonymity threshold of 4 is allowed",
        ));
    let saved: hero_readiness::model::workshop::Workshop =
        hero_readiness::storage::load_ron(&file, hero_readiness::storage::FileKind::Workshop)
            .unwrap();
    assert_eq!(
        (
            saved.anonymity_threshold,
            saved.rule.as_str(),
            saved.title.as_str()
        ),
        (4, "2011", "Autumn wave")
    );

    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--anonymity-threshold", "5"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--rule", "1999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown rule \"1999\"; expected one of 2010, 2011",
        ));
    hero(home.path())
        .args([
            "set",
            home.path().join("nowhere").to_str().unwrap(),
            "--title",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no workshop here"));
}

#[test]
fn an_older_workshop_with_threshold_2_still_scores_with_3_and_set_fixes_it() {
    let (home, w) = demo_workshop(6);
    let file = w.join("workshop.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("anonymity_threshold: 5,"), "{text}");
    std::fs::write(
        &file,
        text.replace("anonymity_threshold: 5,", "anonymity_threshold: 2,"),
    )
    .unwrap();
    let output = hero(home.path())
        .args(["score", w.to_str().unwrap(), "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(json["anonymity_threshold"], 3);
    assert_eq!(json["respondents"], 6);

    // Changing something else keeps the old value and says what to fix.
    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--title", "Spring"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "an anonymity threshold of 2 is too low",
        ))
        .stderr(predicate::str::contains("Figures use 3 until it is raised"));
    hero(home.path())
        .args(["set", w.to_str().unwrap(), "--anonymity-threshold", "5"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

// Hostile and broken input: every case below used to abort, hang or exhaust memory.

/// Long enough for a debug build on a busy machine; a hang or a runaway allocation fails instead
/// of stalling the suite.
const HOSTILE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

fn bundled_source(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("questionnaires/{name}.ron"));
    std::fs::read_to_string(path).unwrap()
}

/// Puts `text` in the workshop's own `questionnaires/NAME.ron`.
fn workshop_questionnaire(workshop: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let dir = workshop.join("questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ron"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_show_if_pointing_at_itself_is_reported_and_its_answers_named_not_a_crash() {
    let (home, workshop) = demo_workshop(6);
    let self_referencing = common::SMALL
        .replace("id: \"small\"", "id: \"hero-index\"")
        .replace("ShowIf(item: \"built\"", "ShowIf(item: \"told\"");
    workshop_questionnaire(&workshop, "hero-index", &self_referencing);
    let dir = workshop.to_str().unwrap();

    hero(home.path())
        .args(["score", dir])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "hero-index.ron: item \"told\": show_if refers to \"told\", which does not come before it",
        ))
        .stdout(predicate::str::contains(
            "questionnaire \"hero-index\" was left out because of the problems in this file; 6 \
             response files answer it",
        ))
        // The other questionnaires are still scored.
        .stdout(predicate::str::contains("Ranked, weakest first"));

    let report = home.path().join("report.html");
    hero(home.path())
        .args(["report", dir, "--out", report.to_str().unwrap()])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("6 response files answer it"));
    assert!(std::fs::read_to_string(&report).unwrap().contains("<html"));

    let chart = home.path().join("roadblocks.png");
    hero(home.path())
        .args(["chart", dir, "--kind", "roadblocks"])
        .args(["--out", chart.to_str().unwrap()])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(0);
    assert!(std::fs::metadata(&chart).unwrap().len() > 0);
    hero(home.path())
        .args(["chart", dir, "--kind", "quadrant"])
        .args(["--out", home.path().join("q.png").to_str().unwrap()])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(1);
}

#[test]
fn list_shows_an_invalid_user_questionnaire_with_its_problem_and_exits_1() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("questionnaires")).unwrap();
    std::fs::write(
        home.path().join("questionnaires/mine.ron"),
        common::SMALL
            .replace("id: \"small\"", "id: \"mine\"")
            .replace("ShowIf(item: \"built\"", "ShowIf(item: \"told\""),
    )
    .unwrap();
    hero(home.path())
        .arg("list")
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("hero-index"))
        .stdout(predicate::str::is_match(r"mine +not loaded: 1 problem .*mine\.ron").unwrap())
        .stdout(predicate::str::contains(
            "mine.ron: item \"told\": show_if refers to \"told\"",
        ));
}

#[test]
fn out_of_bounds_kinds_fail_validate_and_never_reach_scoring() {
    let hero_index = bundled_source("hero-index");
    let roadblocks = bundled_source("roadblocks");
    let cases = [
        (
            "hero-index",
            hero_index.replace("Count(max: 30)", "Count(max: 4294967295)"),
            "count with max 4294967295; expected a max from 1 to 1000",
        ),
        (
            "hero-index",
            hero_index.replace(
                "Scale(min: 1, max: 10,",
                "Scale(min: -9223372036854775808, max: 9223372036854775807,",
            ),
            "both ends must lie within ±1000",
        ),
        (
            "roadblocks",
            roadblocks.replace("Likert(points: 5,", "Likert(points: 4294967295,"),
            "4294967295 points; a Likert scale has 2 to 11 points",
        ),
    ];
    for (name, text, expected) in cases {
        let (home, workshop) = demo_workshop(5);
        let path = workshop_questionnaire(&workshop, name, &text);
        hero(home.path())
            .arg("validate")
            .arg(&path)
            .timeout(HOSTILE_TIMEOUT)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
        hero(home.path())
            .args(["score", workshop.to_str().unwrap()])
            .timeout(HOSTILE_TIMEOUT)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(expected))
            .stdout(predicate::str::contains(format!(
                "questionnaire \"{name}\" was left out"
            )));
    }
}

/// The response files of a workshop, sorted by name.
fn response_files(workshop: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(workshop.join("responses"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_link_to_a_device_in_responses_is_reported_not_read() {
    let (home, workshop) = demo_workshop(5);
    let responses = workshop.join("responses");
    let fifo = responses.join("pipe.ron");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", responses.join("zero.ron")).unwrap();

    hero(home.path())
        .args(["score", workshop.to_str().unwrap()])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("5 respondents"))
        .stdout(predicate::str::contains(
            "pipe.ron: a named pipe (FIFO) is not a regular file; only regular files are read",
        ))
        .stdout(predicate::str::contains(
            "zero.ron: a symbolic link to /dev/zero, outside the workshop folder",
        ));
    // Named directly, a pipe is reported too, not waited on.
    hero(home.path())
        .args(["score", fifo.to_str().unwrap()])
        .timeout(HOSTILE_TIMEOUT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a named pipe (FIFO) is not a regular file",
        ));
}

#[test]
fn a_byte_order_mark_is_accepted_in_questionnaires_workshops_and_responses() {
    let (home, workshop) = demo_workshop(5);
    let with_bom = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        std::fs::write(path, format!("\u{feff}{text}")).unwrap();
    };
    let questionnaire = home.path().join("small.ron");
    std::fs::write(&questionnaire, format!("\u{feff}{}", common::SMALL)).unwrap();
    hero(home.path())
        .arg("validate")
        .arg(&questionnaire)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "small.ron: ok (small v1, 4 items)",
        ));

    with_bom(&workshop.join("workshop.ron"));
    for entry in std::fs::read_dir(workshop.join("responses")).unwrap() {
        with_bom(&entry.unwrap().path());
    }
    hero(home.path())
        .args(["score", workshop.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("5 respondents"));
}

#[test]
fn an_oversized_or_non_utf8_questionnaire_is_refused_with_a_clear_message() {
    let home = tempfile::tempdir().unwrap();
    let huge = home.path().join("huge.ron");
    // Valid RON all the way: only the size is wrong.
    let padding = format!("// {}\n", "x".repeat(1000)).repeat(1100);
    std::fs::write(&huge, format!("{padding}{}", common::SMALL)).unwrap();
    hero(home.path())
        .arg("validate")
        .arg(&huge)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "huge.ron: the file is larger than 1 MiB, the most a questionnaire file may be",
        ));

    let latin1 = home.path().join("latin1.ron");
    let mut bytes = common::SMALL.as_bytes().to_vec();
    let at = common::SMALL.find("Small\"").unwrap() + 2;
    bytes[at] = 0xe9; // "é" in Latin-1
    std::fs::write(&latin1, bytes).unwrap();
    hero(home.path())
        .arg("validate")
        .arg(&latin1)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "latin1.ron:5:15: invalid UTF-8 at byte {at}"
        )));
}

#[cfg(unix)]
#[test]
fn chart_out_replaces_a_symlink_instead_of_writing_through_it() {
    let (home, workshop) = demo_workshop(12);
    let victim = home.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let out = home.path().join("segments.png");
    std::os::unix::fs::symlink(&victim, &out).unwrap();
    hero(home.path())
        .args(["chart", workshop.to_str().unwrap(), "--kind", "segments"])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let written = std::fs::symlink_metadata(&out).unwrap();
    assert!(
        written.is_file(),
        "the link itself is replaced by the chart"
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"\x89PNG"));
    // Nothing but the chart, the victim and the workshop: no temporary file left behind.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 3);
}

#[test]
fn charts_out_dir_never_writes_outside_it_whatever_the_questionnaire_id() {
    use hero_readiness::model::response::{Answer, Response};
    use hero_readiness::model::workshop::Workshop;
    use hero_readiness::storage::catalog::QUESTIONNAIRES_DIR;
    use hero_readiness::storage::folder::WorkshopFolder;
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    std::fs::create_dir_all(dir.join(QUESTIONNAIRES_DIR)).unwrap();
    std::fs::write(
        dir.join(QUESTIONNAIRES_DIR).join("escape.ron"),
        common::SMALL.replace("id: \"small\"", "id: \"../../escape\""),
    )
    .unwrap();
    let mut workshop = Workshop::new(
        "Escape",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
    );
    workshop.questionnaires = vec!["../../escape".into()];
    workshop.anonymity_threshold = 3;
    let mut folder = WorkshopFolder::create(&dir, workshop).unwrap();
    let questionnaire = folder.catalog.get("../../escape").cloned();
    for index in 0..4 {
        let mut response = Response::new(format!("r{index}"), None, None);
        if let Some(questionnaire) = &questionnaire {
            let section = response.section_mut(questionnaire, None);
            section.answers.insert("asked".into(), Answer::Value(2));
            section.answers.insert("built".into(), Answer::Value(1));
        }
        response.completed_at = Some(response.started_at);
        folder.save_response(&response).unwrap();
    }

    let out_dir = home.path().join("a/b/charts");
    let output = hero(home.path())
        .args(["charts", dir.to_str().unwrap(), "--out-dir"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{output:?}"
    );
    // Every file written is inside the folder asked for.
    let outside: Vec<_> = walk(home.path())
        .into_iter()
        .filter(|path| !path.starts_with(&out_dir) && !path.starts_with(&dir))
        .collect();
    assert!(outside.is_empty(), "written outside --out-dir: {outside:?}");
    for path in walk(&out_dir) {
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            name.starts_with("escape-") && !name.contains(".."),
            "{name}"
        );
    }
}

/// Every file under `dir`, recursively.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_conflicted_copy_of_a_response_is_counted_once_and_named() {
    let (home, workshop) = demo_workshop(12);
    let original = response_files(&workshop).remove(0);
    let stem = original.file_stem().unwrap().to_str().unwrap().to_owned();
    let copy = workshop.join(format!("responses/{stem} (conflicted copy 2026-11-16).ron"));
    std::fs::copy(&original, &copy).unwrap();

    let output = hero(home.path())
        .args(["score", workshop.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let score: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(score["respondents"], 12);
    let warnings: Vec<&str> = score["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w.as_str())
        .filter(|w| w.contains("same response"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(&format!("{stem}.ron")) && warnings[0].contains("conflicted copy"),
        "{warnings:?}"
    );
    // Counted from the file named as the app names it, whichever order the files come in.
    assert!(
        warnings[0].ends_with(&format!("from {}", original.display())),
        "{warnings:?}"
    );
}

#[test]
fn out_dash_means_standard_output_where_one_file_is_written_and_is_refused_elsewhere() {
    let (home, workshop) = demo_workshop(12);
    let w = workshop.to_str().unwrap();
    let report = hero(home.path())
        .args(["report", w, "--out", "-"])
        .current_dir(home.path())
        .output()
        .unwrap();
    assert_eq!(report.status.code(), Some(0));
    let html = String::from_utf8(report.stdout).unwrap();
    assert!(
        html.trim_start().starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..80]
    );
    assert!(html.trim_end().ends_with("</html>"));

    for args in [
        vec!["chart", w, "--kind", "segments", "--out", "-"],
        vec!["export-csv", w, "--out", "-"],
        vec!["compare", w, w, "--chart", "-"],
    ] {
        hero(home.path())
            .args(&args)
            .current_dir(home.path())
            .assert()
            .code(1)
            .stderr(predicate::str::contains("-: "));
    }
    assert!(!home.path().join("-").exists(), "no file called -");
}

/// A mean of exactly 13/5 on the roadblocks' "Watch from 2.6" edge, through the binary: answers
/// imported from a spreadsheet, then scored as JSON. Two people score silos 1; three skip one item
/// and score 4, 4, 3 (11/3), so the float mean is 2.5999999999999996 unless it is snapped.
#[test]
fn a_mean_of_exactly_13_over_5_prints_as_2_6_and_is_banded_watch() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    let mut workshop = hero_readiness::model::workshop::Workshop::new(
        "Edge",
        chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
    );
    workshop.questionnaires = vec!["roadblocks".to_owned()];
    workshop.groups.clear();
    hero_readiness::storage::folder::WorkshopFolder::create(&dir, workshop).unwrap();
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

#[test]
fn new_creates_a_workshop_with_the_forms_checks() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("spring");
    hero(home.path())
        .args(["new", dir.to_str().unwrap(), "--title", "  Spring  "])
        .args([
            "--date",
            "2026-03-02",
            "--questionnaires",
            "hero-index,roadblocks",
        ])
        .args(["--groups", "Sales, Service,Sales", "--projects", "Portal"])
        .args(["--anonymity-threshold", "4", "--rule", "2011"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "workshop \"Spring\" of 2026-03-02",
        ))
        .stderr(predicate::str::contains(
            "anonymity threshold of 4 is allowed",
        ));
    let folder = hero_readiness::storage::folder::WorkshopFolder::open(&dir).unwrap();
    let workshop = folder.workshop;
    assert_eq!(workshop.title, "Spring");
    assert_eq!(workshop.questionnaires, ["hero-index", "roadblocks"]);
    assert_eq!(workshop.groups, ["Sales", "Service"]);
    assert_eq!(workshop.projects, ["Portal"]);
    assert_eq!(workshop.anonymity_threshold, 4);
    assert_eq!(workshop.rule, "2011");
    // The folder now holds a workshop: creating another there is refused, the first kept.
    hero(home.path())
        .args(["new", dir.to_str().unwrap(), "--title", "Other"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a workshop already exists here"));
    assert!(
        std::fs::read_to_string(dir.join("workshop.ron"))
            .unwrap()
            .contains("Spring")
    );
}

#[test]
fn new_refuses_values_the_form_refuses_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    let cases: [(&[&str], &str); 5] = [
        (&["--title", " "], "Give the workshop a title."),
        (
            &["--title", "T", "--anonymity-threshold", "2"],
            "anonymity threshold of 2 is too low",
        ),
        (
            &["--title", "T", "--questionnaires", "hero-index,nope"],
            "Unknown questionnaire nope",
        ),
        (&["--title", "T", "--rule", "1999"], "Unknown rule \"1999\""),
        (
            &["--title", "T", "--date", "02/03/2026"],
            "expected YYYY-MM-DD",
        ),
    ];
    for (args, message) in cases {
        hero(home.path())
            .arg("new")
            .arg(&dir)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
        assert!(!dir.exists(), "{args:?} wrote the folder");
    }
}

#[test]
fn new_into_a_folder_that_cannot_be_made_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    hero(home.path())
        .arg("new")
        .arg(file.join("w"))
        .args(["--title", "T"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "could not create the workshop folder",
        ));
}

/// Runs the real binary with standard output a pipe whose reading end is already closed (as
/// `| head -c1` leaves it); returns the exit code and what it said on standard error.
fn run_into_closed_pipe(home: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("hero-readiness"))
        .env("HERO_READINESS_HOME", home)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_standard_output_ends_quietly_with_the_commands_own_exit_code() {
    let (home, workshop) = demo_workshop(40);
    let dir = workshop.to_str().unwrap();
    // Far more than a pipe buffer holds, so the write meets the closed pipe whatever the timing.
    let json = hero(home.path())
        .args(["score", dir, "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert!(json.len() > 256 * 1024, "{} bytes", json.len());
    for args in [
        vec!["score", dir, "--format", "json"],
        vec!["report", dir, "--out", "-"],
    ] {
        let (code, stderr) = run_into_closed_pipe(home.path(), &args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_an_error_exit_2() {
    let (home, workshop) = demo_workshop(5);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("hero-readiness"))
        .env("HERO_READINESS_HOME", home.path())
        .args(["score", workshop.to_str().unwrap(), "--format", "json"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: could not write to standard output: "),
        "{stderr}"
    );
}
