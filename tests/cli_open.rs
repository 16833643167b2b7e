//! `hero-readiness PATH`: a bare path opens the window on it, so it is checked before any window
//! opens; subcommands keep their meaning.

use assert_cmd::Command;
use predicates::prelude::*;

fn hero(home: &std::path::Path) -> Command {
    let mut command = Command::cargo_bin("hero-readiness").unwrap();
    command.env("HERO_READINESS_HOME", home);
    command
}

#[test]
fn a_path_that_does_not_exist_is_refused_with_exit_code_2_and_no_window() {
    let temp = tempfile::tempdir().unwrap();
    let missing = temp.path().join("no-such-workshop");
    hero(temp.path())
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-such-workshop: no such workshop folder or response file",
        ));
}

#[test]
fn help_names_the_path_and_subcommands_still_run() {
    let temp = tempfile::tempdir().unwrap();
    hero(temp.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("[PATH]"))
        .stdout(predicate::str::contains("workshop folder or response file"));
    hero(temp.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("hero-index"));
}
