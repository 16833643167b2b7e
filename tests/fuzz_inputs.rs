//! Fuzzing of every reader of files a person or another program may hand us: response files (the
//! fast reader and `ron`), questionnaires (parser and validator), `workshop.ron` (parser and the
//! three-way merge of concurrent edits) and CSV import. Inputs are valid files damaged by random
//! edits — a number swapped for an extreme one, a line dropped or doubled, a character changed,
//! the file cut short — so most cases get past the first token, plus plain random bytes.
//!
//! Nothing may panic or hang, errors must point inside the file, and where the fast response
//! reader accepts a file `ron` must read the same response. Bounded by case count so CI spends
//! about a minute here: `HERO_FUZZ_CASES` (default 4000) sets the cases per property, e.g.
//! `HERO_FUZZ_CASES=40000 cargo test --test fuzz_inputs` for a longer run.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use hero_readiness::model::bundled::BUNDLED;
use hero_readiness::model::questionnaire::Questionnaire;
use hero_readiness::model::response::Response;
use hero_readiness::model::validate::validate;
use hero_readiness::model::workshop::{Action, ActionStatus, Workshop, merge_workshops};
use hero_readiness::storage::catalog::ron_files;
use hero_readiness::storage::folder::WorkshopFolder;
use hero_readiness::storage::{self, Problem};
use proptest::prelude::*;
use proptest::sample::Index;

const DEFAULT_CASES: u32 = 4000;

fn config() -> ProptestConfig {
    let cases = std::env::var("HERO_FUZZ_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Numbers that break naive code: zero, negatives, the edges of every integer width, huge.
const EXTREMES: &[&str] = &[
    "0",
    "-1",
    "1",
    "255",
    "256",
    "-129",
    "65535",
    "2147483647",
    "-2147483648",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "99999999999999999999999999",
    "1e308",
    "-0.0",
    "NaN",
    "inf",
    "0.5",
];

/// One damaging edit at a position in the text.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the number at or after the position with an extreme one.
    Number(Index, Index),
    DropLine(Index),
    DoubleLine(Index),
    ReplaceChar(Index, char),
    InsertChar(Index, char),
    /// Cut the file short, as a torn write would.
    Truncate(Index),
    /// Swap two lines (fields out of order, an item before the one it refers to).
    SwapLines(Index, Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let interesting_char = prop_oneof![
        Just('"'),
        Just('('),
        Just(')'),
        Just('['),
        Just(']'),
        Just(','),
        Just(':'),
        Just('\\'),
        Just('\n'),
        Just('\u{0}'),
        Just('é'),
        Just('🦸'),
        any::<char>(),
    ];
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(at, n)| Edit::Number(at, n)),
        2 => any::<Index>().prop_map(Edit::DropLine),
        2 => any::<Index>().prop_map(Edit::DoubleLine),
        2 => (any::<Index>(), interesting_char.clone()).prop_map(|(at, c)| Edit::ReplaceChar(at, c)),
        2 => (any::<Index>(), interesting_char).prop_map(|(at, c)| Edit::InsertChar(at, c)),
        1 => any::<Index>().prop_map(Edit::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

/// The nearest char boundary at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edit: &Edit) -> String {
    let at = |index: &Index| boundary(text, index.index(text.len() + 1));
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match edit {
        Edit::Number(position, which) => {
            let start = at(position);
            let Some(offset) = text[start..].find(|c: char| c.is_ascii_digit()) else {
                return text.to_owned();
            };
            let from = start + offset;
            let to = from
                + text[from..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(text.len() - from);
            format!(
                "{}{}{}",
                &text[..from],
                EXTREMES[which.index(EXTREMES.len())],
                &text[to..]
            )
        }
        Edit::DropLine(line) if !lines.is_empty() => {
            lines.remove(line.index(lines.len()));
            lines.concat()
        }
        Edit::DoubleLine(line) if !lines.is_empty() => {
            let index = line.index(lines.len());
            lines.insert(index, lines[index]);
            lines.concat()
        }
        Edit::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            lines.concat()
        }
        Edit::ReplaceChar(position, c) => {
            let from = at(position);
            let to = text[from..]
                .chars()
                .next()
                .map_or(from, |old| from + old.len_utf8());
            format!("{}{c}{}", &text[..from], &text[to..])
        }
        Edit::InsertChar(position, c) => {
            let from = at(position);
            format!("{}{c}{}", &text[..from], &text[from..])
        }
        Edit::Truncate(position) => text[..at(position)].to_owned(),
        _ => text.to_owned(),
    }
}

/// A valid file damaged by one to four edits, or (one case in eight) random text.
fn damaged(valid: Vec<String>) -> impl Strategy<Value = String> {
    let edited = (
        proptest::sample::select(valid),
        proptest::collection::vec(edit(), 1..=4),
    )
        .prop_map(|(text, edits)| edits.iter().fold(text, |text, edit| apply(&text, edit)));
    prop_oneof![7 => edited, 1 => ".{0,400}"]
}

/// A problem must point inside the text it is about.
fn assert_points_inside(problem: &Problem, text: &str) {
    if let (Some(line), Some(column)) = (problem.line, problem.column) {
        let lines = text.split('\n').count();
        assert!(
            (1..=lines + 1).contains(&line) && column >= 1,
            "{problem} points outside a text of {lines} lines"
        );
    }
}

/// A demo workshop written once per test process: its files are the valid inputs.
fn demo() -> &'static Path {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep().join("demo");
        hero_readiness::inputs::demo::write_demo(&dir, 12, 3).unwrap();
        dir
    })
}

fn response_texts() -> Vec<String> {
    ron_files(&demo().join("responses"))
        .iter()
        .take(6)
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_files_never_crash_the_readers_and_both_readers_agree(
        text in damaged(response_texts())
    ) {
        let path = Path::new("responses/x.ron");
        let fast = hero_readiness::storage::response_reader::read(&text);
        match storage::parse_ron::<Response>(path, &text) {
            Ok(response) => {
                if let Some(fast) = fast {
                    prop_assert_eq!(fast, response);
                }
            }
            Err(problem) => {
                prop_assert!(fast.is_none(), "the fast reader accepted what ron rejects: {}", problem);
                assert_points_inside(&problem, &text);
            }
        }
    }

    #[test]
    fn questionnaires_never_crash_the_parser_or_the_validator(
        text in damaged(BUNDLED.iter().map(|(_, text)| (*text).to_owned()).collect())
    ) {
        match storage::parse_ron::<Questionnaire>(Path::new("q.ron"), &text) {
            Ok(questionnaire) => {
                let _ = validate(&questionnaire);
                let _ = questionnaire.content_hash();
            }
            Err(problem) => assert_points_inside(&problem, &text),
        }
    }

    #[test]
    fn workshop_files_never_crash_the_parser(
        text in damaged(vec![std::fs::read_to_string(demo().join("workshop.ron")).unwrap()])
    ) {
        match storage::parse_ron::<Workshop>(Path::new("workshop.ron"), &text) {
            Ok(workshop) => {
                prop_assert!(workshop.disclosure_threshold() >= 1);
            }
            Err(problem) => assert_points_inside(&problem, &text),
        }
    }

    #[test]
    fn csv_import_never_crashes_and_names_rows_that_exist(
        text in damaged(vec![exported_csv()])
    ) {
        let folder = WorkshopFolder::open(demo()).unwrap();
        let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
        std::fs::write(file.path(), &text).unwrap();
        if let Ok(plan) = hero_readiness::inputs::import::plan_import(&folder, file.path()) {
            // CSV ends a record at \n, \r or both: an upper bound on the rows.
            let rows = text.matches(['\n', '\r']).count() + 1;
            for problem in plan.problems.iter().chain(&plan.already_present) {
                prop_assert!(problem.row >= 2 && problem.row <= rows + 1, "{}", problem);
            }
            for response in &plan.responses {
                prop_assert!(!response.id.is_empty());
            }
        }
    }

    #[test]
    fn merging_concurrent_workshop_edits_keeps_every_independent_change(
        base in workshop(),
        ours_edits in proptest::collection::vec(workshop_edit(), 0..4),
        theirs_edits in proptest::collection::vec(workshop_edit(), 0..4),
    ) {
        let ours = ours_edits.iter().fold(base.clone(), |w, e| e.apply(w, "here"));
        let theirs = theirs_edits.iter().fold(base.clone(), |w, e| e.apply(w, "there"));
        // One side unchanged: the other side's edit is taken whole.
        prop_assert_eq!(merge_workshops(&base, &ours, &base), Ok(ours.clone()));
        prop_assert_eq!(merge_workshops(&base, &base, &theirs), Ok(theirs.clone()));
        prop_assert_eq!(merge_workshops(&base, &ours, &ours), Ok(ours.clone()));
        if let Ok(merged) = merge_workshops(&base, &ours, &theirs) {
            // Whatever either side added is in the merge, never dropped.
            for side in [&ours, &theirs] {
                for project in &side.projects {
                    if !base.projects.contains(project) {
                        prop_assert!(merged.projects.contains(project), "{} lost", project);
                    }
                }
                for action in &side.actions {
                    if !base.actions.iter().any(|b| b.action == action.action) {
                        prop_assert!(
                            merged.actions.iter().any(|m| m.action == action.action),
                            "{} lost", action.action
                        );
                    }
                }
            }
        }
    }
}

fn exported_csv() -> String {
    static CSV: OnceLock<String> = OnceLock::new();
    CSV.get_or_init(|| {
        let folder = WorkshopFolder::open(demo()).unwrap();
        let out = demo().parent().unwrap().join("answers.csv");
        hero_readiness::outputs::export::export_csv(&folder, &out).unwrap();
        // Ids already in the workshop would only be skipped: give half of the rows new ones.
        let text = std::fs::read_to_string(&out).unwrap();
        text.lines()
            .enumerate()
            .map(|(index, line)| {
                if index % 2 == 1 {
                    format!("n{index}{line}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect()
    })
    .clone()
}

fn workshop() -> impl Strategy<Value = Workshop> {
    (
        proptest::collection::vec("[a-c]", 0..3),
        proptest::collection::vec(("[a-c]", 0..4usize), 0..3),
    )
        .prop_map(|(projects, actions)| {
            let mut workshop = Workshop::new("W", NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
            workshop.projects = projects;
            workshop.projects.dedup();
            workshop.actions = actions
                .into_iter()
                .map(|(text, status)| Action {
                    action: text,
                    owner: String::new(),
                    due: None,
                    status: ActionStatus::ALL[status],
                })
                .collect();
            workshop
        })
}

/// One edit a facilitator can make to `workshop.ron`.
#[derive(Debug, Clone)]
enum WorkshopEdit {
    Title,
    Threshold(usize),
    AddProject(String),
    RemoveProject(Index),
    AddAction(String),
    RemoveAction(Index),
    SetStatus(Index, usize),
}

fn workshop_edit() -> impl Strategy<Value = WorkshopEdit> {
    prop_oneof![
        Just(WorkshopEdit::Title),
        (3..9usize).prop_map(WorkshopEdit::Threshold),
        "[a-e]".prop_map(WorkshopEdit::AddProject),
        any::<Index>().prop_map(WorkshopEdit::RemoveProject),
        "[a-e]".prop_map(WorkshopEdit::AddAction),
        any::<Index>().prop_map(WorkshopEdit::RemoveAction),
        (any::<Index>(), 0..4usize).prop_map(|(at, status)| WorkshopEdit::SetStatus(at, status)),
    ]
}

impl WorkshopEdit {
    fn apply(&self, mut workshop: Workshop, side: &str) -> Workshop {
        match self {
            Self::Title => workshop.title = format!("Edited {side}"),
            Self::Threshold(threshold) => workshop.anonymity_threshold = *threshold,
            Self::AddProject(name) => {
                let name = format!("{name}-{side}");
                if !workshop.projects.contains(&name) {
                    workshop.projects.push(name);
                }
            }
            Self::RemoveProject(at) if !workshop.projects.is_empty() => {
                workshop.projects.remove(at.index(workshop.projects.len()));
            }
            Self::AddAction(text) => workshop.actions.push(Action {
                action: format!("{text}-{side}"),
                owner: side.to_owned(),
                due: None,
                status: ActionStatus::Planned,
            }),
            Self::RemoveAction(at) if !workshop.actions.is_empty() => {
                workshop.actions.remove(at.index(workshop.actions.len()));
            }
            Self::SetStatus(at, status) if !workshop.actions.is_empty() => {
                let index = at.index(workshop.actions.len());
                workshop.actions[index].status = ActionStatus::ALL[*status];
            }
            _ => {}
        }
        workshop
    }
}
