//! Fixtures shared by the integration tests: small questionnaires, the workshops several tests
//! start from, and reading back what a workshop folder holds. The window's own set-up (an app, its
//! test harness, opening a workshop) is in [`app`], built only with the `gui` feature. Each test
//! file uses a part of this, so every item allows being unused in the others.

#[cfg(feature = "gui")]
pub mod app;

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use hero_readiness::model::response::Response;
use hero_readiness::model::workshop::Workshop;
use hero_readiness::room::{Limits, Room, RoomConfig};
use hero_readiness::session;
use hero_readiness::storage::catalog::{Catalog, ron_files};
use hero_readiness::storage::folder::{LoadedResponse, RESPONSES_DIR, WorkshopFolder};
use hero_readiness::storage::paths::Paths;
use hero_readiness::storage::{self, FileKind};

/// A small questionnaire that is valid; tests break one thing at a time.
#[allow(dead_code)]
pub const SMALL: &str = r#"Questionnaire(
    format_version: 1,
    id: "small",
    version: 1,
    title: "Small",
    dimensions: [
        Dimension(id: "voice", title: "Frontline voice"),
    ],
    items: [
        Item(id: "asked", text: "We are asked about our tools.", dimension: "voice",
             kind: Likert(points: 3, labels: ["No", "Partly", "Yes"])),
        Item(id: "ignored", text: "Our ideas are ignored.", dimension: "voice", reverse: true,
             kind: Likert(points: 3, labels: ["No", "Partly", "Yes"])),
        Item(id: "built", text: "I built a fix.", kind: YesNo),
        Item(id: "told", text: "IT knows about it.", kind: YesNo,
             show_if: ShowIf(item: "built", when: IsYes)),
    ],
    interpretation: Interpretation(
        rank_as_roadblocks: true,
        bands: [DimensionBands(dimension: "voice", bands: [
            Band(from: 1.0, label: "Roadblock", level: Roadblock, recommendation: "Ask them.", owner: Managers),
            Band(from: 2.0, label: "Strong", level: Strong, recommendation: "Keep going.", owner: Heroes),
        ])],
    ),
)"#;

/// The demo workshop of `people` answers drawn with `seed`, written to `dir`; returns `dir`.
#[allow(dead_code)]
pub fn demo_workshop(dir: &Path, people: usize, seed: u64) -> PathBuf {
    hero_readiness::inputs::demo::write_demo(dir, people, seed).expect("demo workshop");
    dir.to_path_buf()
}

/// A workshop at `home/w` of effort–value for two projects (Portal, Callbacks) and the dialogue
/// prompts, threshold 3: the room's paced parts.
#[allow(dead_code)]
pub fn paced_workshop(home: &Path) -> WorkshopFolder {
    let catalog = Catalog::load(Some(home), &Paths::none());
    let draft = session::WorkshopDraft {
        title: "Paced".into(),
        date: "2026-11-29".into(),
        facilitator: String::new(),
        questionnaires: vec!["customer-dialogue".into(), "effort-value".into()],
        groups: Vec::new(),
        projects: vec!["Portal".into(), "Callbacks".into()],
        channels: Vec::new(),
        anonymity_threshold: 3,
        rule: "2010".into(),
    };
    session::create_workshop(&home.join("w"), &draft, &catalog).unwrap()
}

/// Every response file of the workshop in `dir`, read; one that does not parse fails the test.
#[allow(dead_code)]
pub fn response_files(dir: &Path) -> Vec<Response> {
    ron_files(&dir.join(RESPONSES_DIR))
        .iter()
        .map(|path| storage::load_ron(path, FileKind::Response).expect("a response that parses"))
        .collect()
}

/// A user folder of the test process's own (kept, not deleted) whose `questionnaires/` holds
/// `text` as `<id>.ron`, so that questionnaire is a user questionnaire.
#[allow(dead_code)]
pub fn home_with_questionnaire(id: &str, text: &str) -> PathBuf {
    let dir = tempfile::tempdir().expect("temp dir").keep();
    std::fs::create_dir_all(dir.join("questionnaires")).expect("questionnaires dir");
    std::fs::write(dir.join(format!("questionnaires/{id}.ron")), text).expect("questionnaire");
    dir
}

/// A workshop held in memory (no files needed to score): `workshop` with `catalog`, and
/// `responses` as if read from `<dir>/<id>.ron` files.
#[allow(dead_code)]
pub fn in_memory_folder(
    catalog: Catalog,
    dir: &str,
    workshop: Workshop,
    responses: Vec<Response>,
) -> WorkshopFolder {
    WorkshopFolder {
        catalog,
        dir: PathBuf::from(dir),
        workshop_base: workshop.clone(),
        workshop,
        responses: responses
            .into_iter()
            .map(|response| LoadedResponse {
                path: PathBuf::from(format!("{}.ron", response.id)),
                response,
            })
            .collect(),
        problems: Vec::new(),
        warnings: Vec::new(),
    }
}

/// How far a computed score may be from its hand computation.
#[allow(dead_code)]
pub const TOLERANCE: f64 = 1e-9;

/// Whether `actual` is a score within [`TOLERANCE`] of the hand-computed `expected`.
#[allow(dead_code)]
pub fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() < TOLERANCE)
}

/// A workshop on disk in a temp dir that lives as long as the fixture.
#[allow(dead_code)]
pub struct Fixture {
    pub _temp: tempfile::TempDir,
    pub folder: WorkshopFolder,
}

/// A workshop of the one bundled `questionnaire` (asked per each of `channels`) for hand-computed
/// scores, at the smallest threshold allowed so that hand-sized teams are shown.
#[allow(dead_code)]
pub fn hand_workshop(questionnaire: &str, channels: &[&str]) -> Fixture {
    let temp = tempfile::tempdir().unwrap();
    let mut workshop = Workshop::new("Hand", chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap());
    workshop.questionnaires = vec![questionnaire.to_owned()];
    workshop.channels = channels.iter().map(|c| (*c).to_owned()).collect();
    workshop.anonymity_threshold = 3;
    let folder = WorkshopFolder::create(&temp.path().join("w"), workshop).unwrap();
    Fixture {
        _temp: temp,
        folder,
    }
}

/// A workshop titled `title` of the `questionnaires` given, dated 2026-11-20, not yet on disk.
#[allow(dead_code)]
pub fn workshop_of(title: &str, questionnaires: &[&str]) -> Workshop {
    let mut workshop = Workshop::new(
        title,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    );
    workshop.questionnaires = questionnaires.iter().map(|id| (*id).to_owned()).collect();
    workshop
}

/// A temp home (deleted when dropped) holding the demo workshop of `people` answers at `home/w`.
#[allow(dead_code)]
pub fn demo_home(people: usize) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = demo_workshop(&home.path().join("w"), people, 2010);
    (home, dir)
}

/// The room for the workshop in `dir`, on loopback at a free port, with `limits`.
#[allow(dead_code)]
pub fn loopback_room(dir: &Path, limits: Limits) -> Room {
    let config = RoomConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        limits,
    };
    Room::open(dir, &Paths::none(), config).expect("the room opens")
}

/// The `hero-readiness` binary run with `args` to its end: its exit status and what it printed.
#[allow(dead_code)]
pub fn run_cli(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("hero-readiness")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}
