//! Crash test: the real binary is killed (SIGKILL, no chance to clean up) at random moments while
//! it writes a workshop — importing answers, or writing a demo — many times over. After every
//! kill each file in the folder must parse and hold exactly what a run that was not killed writes
//! (never half a file), a run that reported success must have written everything, and running
//! the same command again must finish the job.
//!
//! `HERO_KILL_ROUNDS` sets the number of kills (default 60); `HERO_KILL_SEED` replays a run.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use hero_readiness::model::response::Response;
use hero_readiness::model::workshop::Workshop;
use hero_readiness::storage::catalog::ron_files;
use hero_readiness::storage::folder::{RESPONSES_DIR, WORKSHOP_FILE, WorkshopFolder};
use rand::{Rng, SeedableRng};

const DEFAULT_ROUNDS: usize = 60;
/// Participants imported per round: enough that a kill usually lands among the writes.
const IMPORTED: usize = 60;
const DEMO_PARTICIPANTS: usize = 100;

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
}

fn hero(home: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("hero-readiness"));
    command
        .env("HERO_READINESS_HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// Runs `command` to the end; panics unless it exits 0.
fn finish(mut command: std::process::Command) -> Duration {
    let started = Instant::now();
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{command:?}");
    started.elapsed()
}

/// How a killed run ended.
#[derive(Debug, PartialEq)]
enum Ending {
    Killed,
    /// It finished before the kill: its success was acknowledged, so all of its work must be there.
    Acknowledged,
}

/// Starts `command` and SIGKILLs it after `delay` unless it has finished by then.
fn run_and_kill(mut command: std::process::Command, delay: Duration) -> Ending {
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + delay;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0), "{command:?} failed on its own");
            return Ending::Acknowledged;
        }
        let now = Instant::now();
        if now >= deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            return Ending::Killed;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(2)));
    }
}

/// Every response file in `dir`, read: any that does not parse fails the test.
fn responses_by_id(dir: &Path) -> BTreeMap<String, Response> {
    ron_files(&dir.join(RESPONSES_DIR))
        .into_iter()
        .map(|path| {
            let response = hero_readiness::storage::read_response(&path)
                .unwrap_or_else(|problem| panic!("torn file: {problem}"));
            (response.id.clone(), response)
        })
        .collect()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join(RESPONSES_DIR)).unwrap();
    std::fs::copy(from.join(WORKSHOP_FILE), to.join(WORKSHOP_FILE)).unwrap();
    for path in ron_files(&from.join(RESPONSES_DIR)) {
        std::fs::copy(
            &path,
            to.join(RESPONSES_DIR).join(path.file_name().unwrap()),
        )
        .unwrap();
    }
}

#[test]
fn killed_writes_leave_only_whole_files_and_lose_no_acknowledged_answer() {
    let rounds = env_number("HERO_KILL_ROUNDS").map_or(DEFAULT_ROUNDS, |n| n as usize);
    let seed = env_number("HERO_KILL_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    println!("kill test: {rounds} rounds, HERO_KILL_SEED={seed}");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);

    let temp = tempfile::tempdir().unwrap();
    let home = temp.path();
    let template = home.join("template");
    let source = home.join("source");
    let csv = home.join("answers.csv");
    let mut command = hero(home);
    command
        .arg("demo")
        .arg(&template)
        .args(["--participants", "3"]);
    finish(command);
    let mut command = hero(home);
    command
        .arg("demo")
        .arg(&source)
        .args(["--participants", &IMPORTED.to_string(), "--seed", "9"]);
    finish(command);
    let mut command = hero(home);
    command
        .arg("export-csv")
        .arg(&source)
        .arg("--out")
        .arg(&csv);
    finish(command);

    // What an import that is not killed writes, and what a demo that is not killed writes.
    let import_into = |dir: &Path| {
        let mut command = hero(home);
        command.arg("import-csv").arg(&csv).arg("--into").arg(dir);
        command
    };
    let reference = home.join("reference");
    copy_folder(&template, &reference);
    let import_time = finish(import_into(&reference));
    let expected_import = responses_by_id(&reference);
    assert_eq!(expected_import.len(), IMPORTED + 3);
    let demo_into = |dir: &Path| {
        let mut command = hero(home);
        command.arg("demo").arg(dir).args([
            "--participants",
            &DEMO_PARTICIPANTS.to_string(),
            "--seed",
            "4",
        ]);
        command
    };
    let demo_reference = home.join("demo-reference");
    let demo_time = finish(demo_into(&demo_reference));
    let expected_demo = responses_by_id(&demo_reference);
    let expected_demo_workshop: Workshop = hero_readiness::storage::load_ron(
        &demo_reference.join(WORKSHOP_FILE),
        hero_readiness::storage::FileKind::Workshop,
    )
    .unwrap();

    let (mut killed, mut acknowledged, mut partial_files) = (0, 0, 0);
    for round in 0..rounds {
        let dir = home.join(format!("round-{round}"));
        // Two rounds in three kill an import, the third a demo; the delay spans the whole run
        // and a little past it, so some runs finish first.
        let demo = round % 3 == 2;
        let full = if demo { demo_time } else { import_time };
        let delay = full.mul_f64(rng.random_range(0.0..1.15));
        let ending = if demo {
            run_and_kill(demo_into(&dir), delay)
        } else {
            copy_folder(&template, &dir);
            run_and_kill(import_into(&dir), delay)
        };
        let expected = if demo {
            &expected_demo
        } else {
            &expected_import
        };
        let found = responses_by_id(&dir);
        for (id, response) in &found {
            assert_eq!(
                Some(response),
                expected.get(id),
                "round {round}: response {id} differs from an uninterrupted run's"
            );
        }
        let workshop_file = dir.join(WORKSHOP_FILE);
        if workshop_file.exists() {
            let workshop: Workshop = hero_readiness::storage::load_ron(
                &workshop_file,
                hero_readiness::storage::FileKind::Workshop,
            )
            .unwrap_or_else(|problem| panic!("round {round}: {problem}"));
            if demo {
                assert_eq!(workshop, expected_demo_workshop);
            }
            let folder = WorkshopFolder::open(&dir).unwrap();
            assert!(folder.problems.is_empty(), "{:?}", folder.problems);
        }
        match ending {
            Ending::Acknowledged => {
                acknowledged += 1;
                assert_eq!(
                    found.len(),
                    expected.len(),
                    "round {round}: acknowledged work lost"
                );
            }
            Ending::Killed => {
                killed += 1;
                if found.len() < expected.len() {
                    partial_files += 1;
                }
            }
        }
        // Running the same command again completes the folder, whatever the kill left.
        let mut again = if demo {
            if workshop_file.exists() {
                // The demo finished its last write before the kill: nothing is left to do.
                assert_eq!(found.len(), expected.len(), "round {round}");
                continue;
            }
            // The demo writes workshop.ron last; without it the folder is not a workshop yet.
            if dir.exists() {
                std::fs::remove_dir_all(&dir).unwrap();
            }
            demo_into(&dir)
        } else {
            import_into(&dir)
        };
        assert_eq!(again.status().unwrap().code(), Some(0), "round {round}");
        assert_eq!(
            &responses_by_id(&dir),
            expected,
            "round {round}: not completed"
        );
    }
    println!(
        "kill test: import {import_time:?}, demo {demo_time:?} uninterrupted; {killed} killed mid-run ({partial_files} with writes missing), \
         {acknowledged} finished first"
    );
    assert!(
        killed * 2 >= rounds,
        "most kills should land mid-run; only {killed} of {rounds} did"
    );
    // The kills must actually have cut writes short, or the test proves nothing.
    assert!(partial_files > 0, "no kill landed among the writes");
}
