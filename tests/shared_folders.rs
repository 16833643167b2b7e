//! One workshop folder used by several programs at once (two laptops on a shared folder, the app
//! and the command line): answers written elsewhere show up within two seconds, in the library
//! and in the window; a response file is never written over one another program created; and
//! temp files a killed write left behind are removed when the folder is next opened.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::Command;
use hero_readiness::model::response::Response;
use hero_readiness::storage;
use hero_readiness::storage::folder::{WORKSHOP_FILE, WorkshopFolder};
use hero_readiness::storage::paths::Paths;
use hero_readiness::storage::watch::FolderWatcher;

/// What "refreshes within 2 seconds" allows, from the moment the other program finished.
const REFRESH_LIMIT: Duration = Duration::from_secs(2);

/// One user folder for the whole test process, passed in as [`Paths`] (and to the binary through
/// its environment), so nothing reads the real one.
fn home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temp dir").keep())
}

/// The app's folders, all under [`home`].
fn app_paths() -> Paths {
    Paths::under(home())
}

fn hero() -> Command {
    let mut command = Command::cargo_bin("hero-readiness").unwrap();
    command.env("HERO_READINESS_HOME", home());
    command
}

/// A demo workshop of `participants` in `dir`, and beside it `answers.csv`: five more
/// participants (another seed, so other ids) exported for `import-csv` to bring in.
fn workshop_and_more_answers(temp: &Path, participants: usize) -> (PathBuf, PathBuf) {
    let dir = temp.join("w");
    let other = temp.join("other");
    let csv = temp.join("answers.csv");
    for (folder, count, seed) in [(&dir, participants, "1"), (&other, 5, "2")] {
        hero()
            .arg("demo")
            .arg(folder)
            .args(["--participants", &count.to_string(), "--seed", seed])
            .assert()
            .code(0);
    }
    hero()
        .arg("export-csv")
        .arg(&other)
        .arg("--out")
        .arg(&csv)
        .assert()
        .code(0);
    (dir, csv)
}

/// The other program: the real binary importing five responses into the folder.
fn import_elsewhere(csv: &Path, dir: &Path) -> Instant {
    hero()
        .arg("import-csv")
        .arg(csv)
        .arg("--into")
        .arg(dir)
        .assert()
        .code(0);
    Instant::now()
}

#[test]
fn the_library_sees_responses_and_settings_another_program_writes_within_two_seconds() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let (dir, csv) = workshop_and_more_answers(temp.path(), 6);
    let mut folder = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();
    let watcher = FolderWatcher::new(&dir, |_| {}).unwrap();

    let written = import_elsewhere(&csv, &dir);
    loop {
        if let Some(paths) = watcher.take_settled(Instant::now()) {
            folder.refresh(&paths);
        }
        if folder.responses.len() == 11 {
            break;
        }
        assert!(
            written.elapsed() < REFRESH_LIMIT,
            "after {:?} the folder holds {} responses, not 11",
            written.elapsed(),
            folder.responses.len()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Exactly what opening the folder afresh reads.
    let fresh = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();
    let paths = |folder: &WorkshopFolder| -> Vec<PathBuf> {
        folder
            .responses
            .iter()
            .map(|loaded| loaded.path.clone())
            .collect()
    };
    assert_eq!(paths(&folder), paths(&fresh));

    // Settings saved by another instance arrive the same way.
    let mut elsewhere = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();
    elsewhere.workshop.projects.push("Kiosk mode".to_owned());
    elsewhere.save_workshop().unwrap();
    let written = Instant::now();
    while !folder.workshop.projects.contains(&"Kiosk mode".to_owned()) {
        assert!(
            written.elapsed() < REFRESH_LIMIT,
            "the new project never arrived"
        );
        if let Some(paths) = watcher.take_settled(Instant::now()) {
            folder.refresh(&paths);
        }
        std::thread::sleep(Duration::from_millis(20));
    }

    // Our own write of content memory already holds changes nothing.
    let own = folder.responses[0].clone();
    folder.save_response(&own.response).unwrap();
    let changes = folder.refresh(std::slice::from_ref(&own.path));
    assert!(!changes.any(), "{changes:?}");
}

#[cfg(feature = "gui")]
#[test]
fn the_window_shows_responses_another_program_adds_within_two_seconds() {
    use common::app::{app_with_paths, harness, open};
    use egui_kittest::kittest::Queryable;
    use hero_readiness::app::{Screen, Settings};
    home();
    let temp = tempfile::tempdir().unwrap();
    let (dir, csv) = workshop_and_more_answers(temp.path(), 6);
    let mut harness = harness(app_with_paths(app_paths(), Settings::default()));
    open(&mut harness, &dir);
    assert!(matches!(harness.state().screen, Screen::Results));
    assert!(harness.query_by_label("n = 6").is_some());

    let written = import_elsewhere(&csv, &dir);
    // Nobody touches the window: frames come only from the watcher's wake-ups (simulated by
    // stepping), and the count must change without a click.
    while harness.query_by_label("n = 11").is_none() {
        assert!(
            written.elapsed() < REFRESH_LIMIT,
            "the window still shows the old count after {:?}",
            written.elapsed()
        );
        std::thread::sleep(Duration::from_millis(50));
        harness.run();
    }
}

#[test]
fn a_new_response_never_replaces_a_file_another_program_created() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let (dir, _) = workshop_and_more_answers(temp.path(), 3);
    let mut here = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();
    let mut there = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();

    // Two laptops that happen to give a response the same label and id.
    let mut theirs = Response::new("k3x9q2ab".to_owned(), Some("Amira".to_owned()), None);
    theirs.group = Some("Sales".to_owned());
    let path = there.save_response(&theirs).unwrap();
    let on_disk = std::fs::read_to_string(&path).unwrap();

    let ours = Response::new("k3x9q2ab".to_owned(), Some("Amira".to_owned()), None);
    let problem = here.save_response(&ours).unwrap_err();
    assert_eq!(problem.path, path);
    assert!(problem.message.contains("left as it is"), "{problem}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), on_disk);
    assert!(!here.responses.iter().any(|loaded| loaded.path == path));

    // The laptop that created the file keeps saving answers into it.
    theirs.completed_at = Some(theirs.started_at);
    there.save_response(&theirs).unwrap();
    let reread: Response = storage::load_ron(&path, storage::FileKind::Response).unwrap();
    assert!(reread.is_complete());
}

#[test]
fn temp_files_left_by_a_killed_write_are_removed_on_the_next_open() {
    home();
    let temp = tempfile::tempdir().unwrap();
    let (dir, _) = workshop_and_more_answers(temp.path(), 3);
    let responses = dir.join("responses");
    let stale = [
        dir.join(".tmp-Ab12Cd.part"),
        responses.join(".tmp-Ef34Gh.part"),
    ];
    let fresh = responses.join(".tmp-Ij56Kl.part");
    let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
    for path in stale.iter().chain([&fresh]) {
        std::fs::write(path, "Response(\n    format_version: 1,\n    id: \"half").unwrap();
    }
    for path in &stale {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_minutes_ago)
            .unwrap();
    }

    let folder = WorkshopFolder::open_with(&dir, &app_paths()).unwrap();
    assert!(folder.problems.is_empty(), "{:?}", folder.problems);
    assert_eq!(folder.responses.len(), 3);
    for path in &stale {
        assert!(!path.exists(), "{} was left behind", path.display());
    }
    assert!(
        fresh.exists(),
        "a write still in progress elsewhere is left alone"
    );
    assert!(dir.join(WORKSHOP_FILE).exists());
}
