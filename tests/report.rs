//! The one-file report: self-contained, every section present, labels kept out unless asked for,
//! and hostile text from files escaped.

mod common;

use common::run_cli;
use hero_readiness::inputs::demo::write_demo;
use hero_readiness::model::response::Answer;
use hero_readiness::model::workshop::{Action, ActionStatus};
use hero_readiness::outputs::report::{ReportOptions, report_for};
use hero_readiness::storage::folder::WorkshopFolder;

const HOSTILE: &str = "<script>alert('x')</script>";

/// A demo workshop whose first participant has a hostile label, with a hostile discussion note
/// and action plan.
fn hostile_workshop(temp: &tempfile::TempDir) -> WorkshopFolder {
    let dir = temp.path().join("w");
    write_demo(&dir, 24, 5).unwrap();
    let mut folder = WorkshopFolder::open(&dir).unwrap();
    folder.workshop.actions = vec![Action {
        action: format!("Fix sign-off {HOSTILE}"),
        owner: "Team lead".to_owned(),
        due: chrono::NaiveDate::from_ymd_opt(2027, 1, 15),
        status: ActionStatus::Started,
    }];
    // The facilitator's note on a discussion prompt.
    folder
        .workshop
        .discussion_notes
        .entry("customer-dialogue".to_owned())
        .or_default()
        .insert("prompt_2".to_owned(), format!("Note with {HOSTILE} & more"));
    folder.save_workshop().unwrap();
    let mut response = folder.responses[0].response.clone();
    std::fs::remove_file(&folder.responses[0].path).unwrap();
    response.label = Some(format!("Mallory {HOSTILE}"));
    folder.save_response(&response).unwrap();
    WorkshopFolder::open(&dir).unwrap()
}

#[test]
fn report_is_self_contained_with_every_section() {
    let temp = tempfile::tempdir().unwrap();
    let folder = hostile_workshop(&temp);
    let html = report_for(&folder, &ReportOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for forbidden in [
        "<script",
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.to_lowercase().contains(forbidden),
            "found {forbidden}"
        );
    }
    for id in [
        "summary",
        "segments",
        "q-roadblocks",
        "action-plan",
        "effort-value",
        "q-customer-dialogue",
        "q-customer-efficiency",
        "method",
    ] {
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "section {id} missing"
        );
    }
    for text in [
        "Groups shown",
        "Benchmark",
        "Remedy",
        "Team lead",
        "2027-01-15",
        "Started",
        "Anonymity threshold: 5 people. A figure is shown only when at least 5 people",
        "other figures are withheld and say so",
        "complete cases",
        "hero-index v",
        "Cronbach",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(!html.contains("<?xml"), "SVG declarations are stripped");
    assert!(html.contains("@page") && html.contains("break-inside: avoid"));
    // The hostile note is shown, escaped; the hostile action too.
    assert!(html.contains("Note with &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("Fix sign-off &lt;script&gt;"));
}

#[test]
fn labels_stay_out_unless_the_facilitator_opts_in() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = hostile_workshop(&temp);
    let labels: Vec<String> = folder
        .responses
        .iter()
        .filter_map(|loaded| loaded.response.label.clone())
        .collect();
    assert!(labels.len() > 5);
    let html = report_for(&folder, &ReportOptions::default());
    for label in &labels {
        assert!(
            !html.contains(&hero_readiness::outputs::report::escape(label)),
            "{label} shown"
        );
    }
    assert!(!html.contains("Mallory"));

    let shown = report_for(&folder, &ReportOptions { show_labels: true });
    assert!(shown.contains("Mallory &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(!shown.contains(HOSTILE), "never raw");

    folder.workshop.show_labels_in_report = true;
    let opted_in = report_for(&folder, &ReportOptions::default());
    assert!(opted_in.contains("Mallory &lt;script&gt;"));
}

#[test]
fn cli_writes_the_report() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    write_demo(&dir, 10, 2).unwrap();
    let out = temp.path().join("report.html");
    let output = run_cli(&[
        "report",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("id=\"method\""));
    let missing = run_cli(&[
        "report",
        "/no/such/workshop",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

/// Two roadblocks tied at the worst mean share rank 1: the headline names both, and the table gives
/// both the rank 1.
#[test]
fn tied_worst_roadblocks_are_named_together() {
    let temp = tempfile::tempdir().unwrap();
    let mut workshop = hero_readiness::model::workshop::Workshop::new(
        "Ties",
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    );
    workshop.questionnaires = vec!["roadblocks".to_owned()];
    workshop.groups.clear();
    let mut folder = WorkshopFolder::create(&temp.path().join("w"), workshop).unwrap();
    let q = folder.catalog.get("roadblocks").unwrap().clone();
    // Everyone scores silos and leaders' assumptions 2 (tied worst), every other dimension 4.
    for person in 0..5 {
        let mut response =
            hero_readiness::model::response::Response::new(format!("t{person}"), None, None);
        let section = response.section_mut(&q, None);
        for item in &q.items {
            let worst = matches!(
                item.dimension.as_deref(),
                Some("silos" | "leadership_assumptions")
            );
            let score = if worst { 2 } else { 4 };
            let raw = if item.reverse { 6 - score } else { score };
            section.answers.insert(item.id.clone(), Answer::Value(raw));
        }
        response.completed_at = Some(response.started_at);
        folder.save_response(&response).unwrap();
    }
    let html = report_for(&folder, &ReportOptions::default());
    assert!(
        html.contains(
            "Roadblocks: the weakest areas, tied at mean 2.00, are <strong>Leaders&#39; view of customers"
        ),
        "{html:.3000}"
    );
    assert!(html.contains("<strong>Information across departments</strong>"));
    let first_cells = html.matches("<tr><td class=\"num\">1</td>").count();
    assert_eq!(first_cells, 2, "two roadblocks share rank 1");
    assert!(html.contains("<tr><td class=\"num\">3</td>"));
}

/// A questionnaire the facilitator wrote, kept in the workshop's own folder, gets a section of its
/// own like the bundled ones: its dimensions with hand-checkable means, bands, remedies and
/// owners, and its profile chart; and the demo's per-channel questionnaire gets a table by channel.
#[test]
fn a_user_written_questionnaire_gets_its_own_section_charts_and_bands() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    let mut workshop = hero_readiness::model::workshop::Workshop::new(
        "Own",
        chrono::NaiveDate::from_ymd_opt(2026, 5, 6).unwrap(),
    );
    workshop.questionnaires = vec!["team-pulse".to_owned()];
    workshop.anonymity_threshold = 3;
    std::fs::create_dir_all(dir.join("questionnaires")).unwrap();
    let likert = r#"Likert(points: 5, labels: ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"])"#;
    let band = |dimension: &str, low: &str, high: &str| {
        format!(
            r#"DimensionBands(dimension: "{dimension}", bands: [
                Band(from: 1.0, label: "Low", level: Roadblock, recommendation: "{low}", owner: Managers),
                Band(from: 3.0, label: "High", level: Strong, recommendation: "{high}", owner: Heroes),
            ])"#
        )
    };
    let ron = format!(
        r#"Questionnaire(
    format_version: 1, id: "team-pulse", version: 1, title: "Team pulse <b>",
    dimensions: [
        Dimension(id: "focus", title: "Focus on customers"),
        Dimension(id: "energy", title: "Energy"),
    ],
    items: [
        Item(id: "focus_1", text: "We talk about customers every day.", kind: {likert}, dimension: "focus"),
        Item(id: "focus_2", text: "We rarely discuss customers.", kind: {likert}, dimension: "focus", reverse: true),
        Item(id: "energy_1", text: "I look forward to work.", kind: {likert}, dimension: "energy"),
    ],
    interpretation: Interpretation(bands: [
        {},
        {},
    ]),
)"#,
        band(
            "focus",
            "Hold a weekly customer story.",
            "Keep the stories coming."
        ),
        band("energy", "Ask what drains the team.", "Protect what works.")
    );
    std::fs::write(dir.join("questionnaires/team-pulse.ron"), ron).unwrap();
    let mut folder = WorkshopFolder::create(&dir, workshop).unwrap();
    assert!(
        folder.catalog.problems.is_empty(),
        "{:?}",
        folder.catalog.problems
    );
    let q = folder.catalog.get("team-pulse").unwrap().clone();
    // (focus_1, focus_2 raw, energy_1): focus scores (5, 5 − raw + 1) → 4, 4, 2; mean 10/3.
    // Energy 2, 2, 3 → 7/3.
    for (p, (focus_1, focus_2, energy)) in [(4, 2, 2), (5, 3, 2), (2, 4, 3)].into_iter().enumerate()
    {
        let mut response =
            hero_readiness::model::response::Response::new(format!("p{p}"), None, None);
        let section = response.section_mut(&q, None);
        section
            .answers
            .insert("focus_1".into(), Answer::Value(focus_1));
        section
            .answers
            .insert("focus_2".into(), Answer::Value(focus_2));
        section
            .answers
            .insert("energy_1".into(), Answer::Value(energy));
        response.completed_at = Some(response.started_at);
        folder.save_response(&response).unwrap();
    }
    let folder = WorkshopFolder::open(&dir).unwrap();
    let html = report_for(&folder, &ReportOptions::default());
    let start = html
        .find("<section id=\"q-team-pulse\"")
        .expect("its own section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(section.contains("<h2>Team pulse &lt;b&gt;"), "{section}");
    // Focus (4 + 4 + 2) / 3 = 3.33: High; energy (2 + 2 + 3) / 3 = 2.33: Low.
    assert!(
        section.contains(
            "<td>Focus on customers</td><td class=\"num\">3</td><td class=\"num\">3.33</td>"
        ),
        "{section}"
    );
    assert!(
        section.contains("Keep the stories coming.</td><td>HEROes</td>"),
        "{section}"
    );
    assert!(section.contains("<td>Energy</td><td class=\"num\">3</td><td class=\"num\">2.33</td>"));
    assert!(section.contains("Ask what drains the team.</td><td>Managers</td>"));
    assert!(
        section.contains("<svg"),
        "its profile chart is in its section"
    );
    assert!(section.contains("Team pulse &lt;b&gt;: profile"));
}

#[test]
fn the_demo_report_shows_the_customer_profiles_by_channel() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    write_demo(&dir, 24, 5).unwrap();
    let folder = WorkshopFolder::open(&dir).unwrap();
    let html = report_for(&folder, &ReportOptions::default());
    let start = html
        .find("<section id=\"q-customer-profiles\"")
        .expect("its own section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(section.contains("<h3>By channel</h3>"), "{section}");
    for channel in &folder.workshop.channels {
        assert!(
            section.contains(&format!("<tr><td>{channel}</td>")),
            "{channel} missing"
        );
    }
    assert!(section.contains("<svg"));
}

#[test]
fn a_workshop_listing_no_project_has_no_empty_effort_value_map_in_its_report() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("fresh");
    std::fs::create_dir_all(&dir).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let workshop = hero_readiness::model::workshop::Workshop::new("Fresh", date);
    assert!(workshop.projects.is_empty());
    hero_readiness::storage::save_ron(&dir.join("workshop.ron"), &workshop).unwrap();
    let html = report_for(
        &WorkshopFolder::open(&dir).unwrap(),
        &ReportOptions::default(),
    );
    let section = html
        .split("<section id=\"effort-value\">")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("the effort-value section");
    assert!(section.contains("No projects were evaluated in this workshop."));
    assert!(!section.contains("<svg"), "no empty map: {section}");
    assert!(!section.contains("<table"), "no empty table");
}
