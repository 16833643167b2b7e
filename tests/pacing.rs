//! Facilitator-paced parts in the session layer: which questions a part asks, and what its reveal
//! may show. People answer a paced part before finishing their own run, so the reveal counts
//! unfinished responses too, but only when that cannot expose them by subtraction from the
//! results (which count finished ones): every case below is worked out by hand.

mod common;

use common::paced_workshop;
use hero_readiness::model::response::Answer;
use hero_readiness::outputs::charts::ChartKind;
use hero_readiness::session::{self, PacedPart, Participant, ParticipantRun};
use hero_readiness::storage::catalog::Catalog;
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::paths::Paths;

fn prompt(folder: &WorkshopFolder) -> PacedPart {
    session::paced_parts(folder)
        .into_iter()
        .find(|part| matches!(part, PacedPart::Prompt(prompt) if prompt.item == "prompt_1"))
        .expect("the first prompt can be paced")
}

fn portal() -> PacedPart {
    PacedPart::Entry {
        questionnaire: "effort-value".into(),
        entry: "Portal".into(),
    }
}

/// One person answers every question of `part` with `value` (as the phones would, one position
/// at a time), and finishes their run when `finish`.
fn answer_part(folder: &mut WorkshopFolder, part: &PacedPart, value: i64, finish: bool) {
    let mut run = ParticipantRun::start(folder, Participant::default());
    for position in part.positions(&run, folder) {
        let is_likert = run
            .steps
            .get(position)
            .and_then(|step| folder.catalog.get(&step.questionnaire))
            .and_then(|q| q.items.get(run.steps[position].item))
            .is_some_and(|item| item.dimension.is_some());
        if is_likert {
            run.record_at(folder, position, Some(Answer::Value(value)))
                .unwrap();
        }
    }
    if finish {
        run.finish(folder).unwrap();
    }
    folder.reload_responses();
}

#[test]
fn a_part_asks_one_prompt_or_every_question_of_one_project() {
    let home = tempfile::tempdir().unwrap();
    let folder = paced_workshop(home.path());
    let parts = session::paced_parts(&folder);
    let prompts = session::discussion_prompts(&folder).len();
    // Every prompt, then effort–value once per project.
    assert_eq!(parts.len(), prompts + 2);
    assert!(parts[prompts..].contains(&portal()));
    let run = ParticipantRun::start(&folder, Participant::default());
    let effort_value = folder.catalog.get("effort-value").unwrap().items.len();
    let positions = portal().positions(&run, &folder);
    assert_eq!(positions.len(), effort_value);
    assert!(
        positions
            .iter()
            .all(|&p| run.steps[p].project.as_deref() == Some("Portal"))
    );
    assert_eq!(prompt(&folder).positions(&run, &folder).len(), 1);
    assert_eq!(
        portal().title(&folder),
        format!(
            "{} \u{2014} Portal",
            folder.catalog.get("effort-value").unwrap().title
        )
    );
}

#[test]
fn the_reveal_counts_unfinished_answers_only_when_no_subtraction_can_expose_them() {
    let home = tempfile::tempdir().unwrap();
    let mut folder = paced_workshop(home.path());
    let part = prompt(&folder);
    let mean_of = |reveal: &session::Reveal| {
        reveal.score.as_ref().unwrap().questionnaires[0].items[0]
            .summary
            .mean
            .unwrap()
    };

    // Nobody yet, then two people mid-run: fewer than 3, nothing shown.
    let reveal = session::reveal(&folder, &part);
    assert!(reveal.score.is_none());
    assert_eq!(reveal.withheld.as_deref(), Some("nobody has answered yet"));
    answer_part(&mut folder, &part, 4, false);
    answer_part(&mut folder, &part, 2, false);
    let reveal = session::reveal(&folder, &part);
    assert!(reveal.score.is_none() && reveal.withheld.is_some());
    assert!(reveal.chart().is_none());

    // A third, still mid-run: the results show nothing of them (nobody finished), so the
    // reveal may count all three: (4 + 2 + 5) / 3.
    answer_part(&mut folder, &part, 5, false);
    let reveal = session::reveal(&folder, &part);
    assert_eq!(reveal.people, 3);
    assert!(!reveal.finished_only);
    assert!((mean_of(&reveal) - 11.0 / 3.0).abs() < 1e-9);
    let chart = reveal.chart().expect("a chart of the answers");
    assert_eq!(chart.kind(), ChartKind::Items);

    // Three finished people (3, 3, 3): the results now show them. Counting the three mid-run as
    // well differs from the results by 3 = the threshold: safe, (4 + 2 + 5 + 9) / 6.
    for _ in 0..3 {
        answer_part(&mut folder, &part, 3, true);
    }
    let reveal = session::reveal(&folder, &part);
    assert_eq!(reveal.people, 6);
    assert!(!reveal.finished_only);
    assert!((mean_of(&reveal) - 20.0 / 6.0).abs() < 1e-9);

    // One more mid-run person (1): 4 mid-run beside 3 finished, still safe: 21 / 7.
    answer_part(&mut folder, &part, 1, false);
    let reveal = session::reveal(&folder, &part);
    assert_eq!(reveal.people, 7);
    assert!((mean_of(&reveal) - 3.0).abs() < 1e-9);

    // The subtraction case: 3 finished and 1 mid-run.
    let home = tempfile::tempdir().unwrap();
    let mut folder = paced_workshop(home.path());
    for value in [3, 4, 5] {
        answer_part(&mut folder, &part, value, true);
    }
    answer_part(&mut folder, &part, 1, false);
    let reveal = session::reveal(&folder, &part);
    assert!(
        reveal.finished_only,
        "4 counted vs 3 in the results would give away the fourth"
    );
    assert_eq!(reveal.people, 3);
    assert!((mean_of(&reveal) - 4.0).abs() < 1e-9);
    // The figure is exactly the one the results show.
    let results = hero_readiness::analysis::scoring::score_workshop(&folder, &Default::default());
    let shown = session::prompt_ratings(
        &results,
        match &part {
            PacedPart::Prompt(prompt) => prompt,
            PacedPart::Entry { .. } => unreachable!(),
        },
    )
    .unwrap();
    assert_eq!(shown.summary.mean, Some(4.0));
}

#[test]
fn a_projects_reveal_is_its_placement_from_everyone_who_rated_it() {
    let home = tempfile::tempdir().unwrap();
    let mut folder = paced_workshop(home.path());
    let part = portal();
    // Three people mid-run rate every effort and value item of the portal 5: effort and value
    // both at the top of the 0–100 scale.
    for _ in 0..2 {
        answer_part(&mut folder, &part, 5, false);
    }
    assert!(
        session::reveal(&folder, &part).score.is_none(),
        "two raters"
    );
    answer_part(&mut folder, &part, 5, false);
    let reveal = session::reveal(&folder, &part);
    assert_eq!(reveal.people, 3);
    let placement = reveal.score.as_ref().unwrap().questionnaires[0]
        .placement
        .as_ref()
        .unwrap();
    assert_eq!(placement.projects.len(), 1, "only the portal");
    assert_eq!(placement.projects[0].project, "Portal");
    assert_eq!(placement.projects[0].x, Some(100.0));
    assert_eq!(placement.projects[0].y, Some(100.0));
    assert_eq!(reveal.chart().unwrap().kind(), ChartKind::EffortValue);
    // The other project has no ratings: nothing to reveal.
    let callbacks = PacedPart::Entry {
        questionnaire: "effort-value".into(),
        entry: "Callbacks".into(),
    };
    assert!(session::reveal(&folder, &callbacks).score.is_none());
}

#[test]
fn notes_on_a_project_are_kept_in_the_workshop_and_printed_in_the_report() {
    let home = tempfile::tempdir().unwrap();
    let mut folder = paced_workshop(home.path());
    let part = portal();
    session::save_part_note(&mut folder, &part, "", "Start with the login page").unwrap();
    let reopened = session::open_workshop(&folder.dir, &Paths::none()).unwrap();
    assert_eq!(
        session::part_note(&reopened, &part),
        "Start with the login page"
    );
    // A note changed elsewhere meanwhile is not overwritten.
    let refused = session::save_part_note(&mut folder, &part, "", "Something else");
    assert!(refused.is_err());
    let mut reopened = reopened;
    for _ in 0..3 {
        answer_part(&mut reopened, &part, 3, true);
    }
    let options = hero_readiness::outputs::report::ReportOptions::default();
    let html = hero_readiness::outputs::report::report_for(&reopened, &options);
    let section = &html[html.find("id=\"effort-value\"").unwrap()..];
    assert!(section.contains("Start with the login page"));
    assert!(section.contains("<p class=\"prompt\">Portal</p>"));
}

#[test]
fn a_channels_reveal_is_its_own_dimension_profile() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::load(Some(home.path()), &Paths::none());
    let draft = session::WorkshopDraft {
        title: "Channels".into(),
        date: "2026-11-29".into(),
        facilitator: String::new(),
        questionnaires: vec!["customer-profiles".into()],
        groups: Vec::new(),
        projects: Vec::new(),
        channels: vec!["Web site".into(), "Call centre".into()],
        anonymity_threshold: 3,
        rule: "2010".into(),
    };
    let mut folder = session::create_workshop(&home.path().join("w"), &draft, &catalog).unwrap();
    let web = PacedPart::Entry {
        questionnaire: "customer-profiles".into(),
        entry: "Web site".into(),
    };
    assert!(session::paced_parts(&folder).contains(&web));
    // The midpoint reads the same reversed or not: every dimension of the web site is 3.0.
    for _ in 0..3 {
        answer_part(&mut folder, &web, 3, false);
    }
    // And the call centre's ratings never leak into the web site's figures.
    for _ in 0..3 {
        answer_part(
            &mut folder,
            &PacedPart::Entry {
                questionnaire: "customer-profiles".into(),
                entry: "Call centre".into(),
            },
            5,
            false,
        );
    }
    let reveal = session::reveal(&folder, &web);
    assert_eq!(reveal.people, 3);
    let questionnaire = &reveal.score.as_ref().unwrap().questionnaires[0];
    assert!(!questionnaire.dimensions.is_empty());
    for dimension in &questionnaire.dimensions {
        assert_eq!(dimension.summary.mean, Some(3.0), "{}", dimension.title);
        assert_eq!(dimension.summary.n, 3);
    }
    assert_eq!(reveal.chart().unwrap().kind(), ChartKind::RoadblockBars);
}

/// A team's own questionnaire that the room discusses, kept in the workshop's folder.
const RETRO: &str = r#"Questionnaire(
    format_version: 1,
    id: "retro",
    version: 1,
    title: "Retro",
    discussed_in_room: true,
    dimensions: [Dimension(id: "flow", title: "Flow")],
    items: [
        Item(id: "handoffs", text: "Hand-offs work without chasing.", dimension: "flow",
             kind: Likert(points: 5, labels: ["Never", "Rarely", "Sometimes", "Often", "Always"])),
        Item(id: "idea", text: "One thing to try next month", kind: Text(multiline: false)),
    ],
)"#;

#[test]
fn any_questionnaire_can_be_discussed_in_the_room_by_saying_so_in_its_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("w");
    std::fs::create_dir_all(dir.join("questionnaires")).unwrap();
    std::fs::write(dir.join("questionnaires/retro.ron"), RETRO).unwrap();
    let mut workshop = hero_readiness::model::workshop::Workshop::new(
        "Own",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    );
    workshop.questionnaires = vec!["hero-index".into(), "retro".into()];
    WorkshopFolder::create_with(&dir, workshop, &Paths::none()).unwrap();
    let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
    assert!(folder.problems.is_empty(), "{:?}", folder.problems);
    // Its rated item is a prompt (the text item is not); the HERO Index is not discussed.
    let prompts = session::discussion_prompts(&folder);
    assert_eq!(prompts.len(), 1);
    assert_eq!(
        (prompts[0].questionnaire.as_str(), prompts[0].item.as_str()),
        ("retro", "handoffs")
    );
    assert_eq!(
        session::paced_parts(&folder),
        vec![PacedPart::Prompt(prompts[0].clone())]
    );
}

#[test]
fn the_discussed_flag_leaves_the_questionnaires_fingerprint_alone() {
    // Answers given before the flag existed still match the questionnaire they answered.
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::load(Some(home.path()), &Paths::none());
    let dialogue = catalog.get("customer-dialogue").unwrap();
    assert!(dialogue.discussed_in_room);
    let mut plain = dialogue.clone();
    plain.discussed_in_room = false;
    assert_eq!(plain.content_hash(), dialogue.content_hash());
}

#[test]
fn scoring_one_questionnaire_gives_the_same_figures_as_scoring_the_workshop() {
    use hero_readiness::analysis::scoring::{Counted, score_questionnaire_of, score_workshop};
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("demo");
    hero_readiness::inputs::demo::write_demo(&dir, 40, 7).unwrap();
    let folder = session::open_workshop(&dir, &Paths::none()).unwrap();
    let whole = score_workshop(&folder, &Default::default());
    for questionnaire in &whole.questionnaires {
        let one = score_questionnaire_of(&folder, &questionnaire.id, Counted::Finished);
        assert_eq!(one.questionnaires.len(), 1);
        assert_eq!(
            serde_json::to_string(&one.questionnaires[0]).unwrap(),
            serde_json::to_string(questionnaire).unwrap(),
            "{}",
            questionnaire.id
        );
    }
}
