//! The session layer under the participant's run and the facilitator's discussion, without a
//! window: where a resumed run lands, the debounce that saves typed text, and discussion notes
//! saved from two laptops into one `workshop.ron`.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use hero_readiness::model::response::Answer;
use hero_readiness::model::workshop::Workshop;
use hero_readiness::session::{
    DiscussionPrompt, Participant, ParticipantRun, SessionError, TYPING_SAVE_DELAY, TypingSaver,
    discussion_note, discussion_prompts, save_discussion_note,
};
use hero_readiness::storage::folder::{SaveWorkshopError, WorkshopFolder};
use hero_readiness::storage::{self, FileKind};

/// Bundled questionnaires only: the customer dialogue's ten rated prompts.
fn dialogue_workshop(dir: &Path) -> WorkshopFolder {
    let mut workshop = Workshop::new("Dialogue", NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    workshop.questionnaires = vec!["customer-dialogue".to_owned(), "roadblocks".to_owned()];
    WorkshopFolder::create(dir, workshop).unwrap()
}

fn item_id(run: &ParticipantRun, folder: &WorkshopFolder) -> String {
    run.current(folder).unwrap().1.id.to_string()
}

#[test]
fn a_resumed_run_starts_after_the_last_answer_not_at_a_skipped_question() {
    let temp = tempfile::tempdir().unwrap();
    let mut folder = dialogue_workshop(&temp.path().join("w"));
    let mut run = ParticipantRun::start(&folder, Participant::default());
    // Prompt 1 rated, prompts 2 and 3 skipped (none is required), prompt 4 rated.
    run.answer(&mut folder, Answer::Value(3)).unwrap();
    run.next(&folder);
    run.next(&folder);
    assert_eq!(item_id(&run, &folder), "prompt_4");
    run.answer(&mut folder, Answer::Value(4)).unwrap();
    let id = run.response.id.clone();

    let folder = WorkshopFolder::open(&temp.path().join("w")).unwrap();
    let resumed = ParticipantRun::resume(&folder, &id).unwrap();
    assert_eq!(item_id(&resumed, &folder), "prompt_5");
    assert_eq!(resumed.progress(&folder).0, 4, "four questions lie behind");

    // Nothing answered yet: the first question.
    let fresh = ParticipantRun::start(&folder, Participant::default());
    assert_eq!(item_id(&fresh, &folder), "prompt_1");
}

#[test]
fn typed_text_is_written_once_typing_pauses_and_removed_when_cleared() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    let mut folder = dialogue_workshop(&dir);
    let mut run = ParticipantRun::start(&folder, Participant::default());
    // The roadblocks' open question is its last item.
    while item_id(&run, &folder) != "biggest_roadblock" {
        run.next(&folder);
    }
    let on_disk = |folder: &WorkshopFolder| {
        let path = &folder.responses.first()?.path;
        let response: hero_readiness::model::response::Response =
            storage::load_ron(path, FileKind::Response).unwrap();
        response
            .sections
            .iter()
            .find_map(|section| section.answers.get("biggest_roadblock").cloned())
    };
    let delay = TYPING_SAVE_DELAY.as_secs_f64();
    let mut typing = TypingSaver::default();
    typing.typed(&run, "Sign", 10.0);
    typing.typed(&run, "Sign-off", 10.2);
    // Typing went on 0.2 s ago: not yet.
    assert_eq!(
        typing.due_in(10.2 + delay / 2.0),
        Some(TYPING_SAVE_DELAY / 2)
    );
    assert_eq!(
        typing
            .save_if_due(&mut run, &mut folder, 10.2 + delay / 2.0)
            .unwrap(),
        None
    );
    assert!(folder.responses.is_empty(), "nothing written while typing");
    // A pause of the delay: written, and nothing waits any more.
    assert!(
        typing
            .save_if_due(&mut run, &mut folder, 10.2 + delay)
            .unwrap()
            .is_some()
    );
    assert_eq!(on_disk(&folder), Some(Answer::Text("Sign-off".to_owned())));
    assert_eq!(typing.due_in(20.0), None);
    // The same text again writes nothing; a cleared field removes the answer.
    typing.typed(&run, " Sign-off ", 30.0);
    assert_eq!(
        typing.save_if_due(&mut run, &mut folder, 31.0).unwrap(),
        None
    );
    typing.typed(&run, "", 40.0);
    assert!(typing.flush(&mut run, &mut folder).unwrap().is_some());
    assert_eq!(on_disk(&folder), None);
    assert!(
        Duration::from_secs(1) > TYPING_SAVE_DELAY,
        "saved within a second"
    );
}

fn prompt(folder: &WorkshopFolder, item: &str) -> DiscussionPrompt {
    discussion_prompts(folder)
        .into_iter()
        .find(|prompt| prompt.item == item)
        .unwrap()
}

#[test]
fn notes_saved_on_two_laptops_are_merged_and_a_true_conflict_saves_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("w");
    let mut here = dialogue_workshop(&dir);
    let mut there = WorkshopFolder::open(&dir).unwrap();
    let prompts = discussion_prompts(&here);
    assert_eq!(prompts.len(), 10, "the ten rated prompts, no notes items");
    assert!(
        prompts
            .iter()
            .all(|prompt| !prompt.item.ends_with("_notes"))
    );

    let first = prompt(&here, "prompt_1");
    let second = prompt(&here, "prompt_2");
    save_discussion_note(&mut here, &first, "", "Jargon everywhere.").unwrap();
    // The other laptop has not seen that save; its note on another prompt merges with it.
    save_discussion_note(&mut there, &second, "", "  Resellers forgotten.  ").unwrap();
    let on_disk: Workshop =
        storage::load_ron(&dir.join("workshop.ron"), FileKind::Workshop).unwrap();
    let notes = &on_disk.discussion_notes["customer-dialogue"];
    assert_eq!(notes["prompt_1"], "Jargon everywhere.");
    assert_eq!(notes["prompt_2"], "Resellers forgotten.");

    // Both change the note on prompt 1 from the same start: the second save is refused.
    let mut again = WorkshopFolder::open(&dir).unwrap();
    save_discussion_note(
        &mut again,
        &first,
        "Jargon everywhere.",
        "Jargon; list our terms.",
    )
    .unwrap();
    let refused = save_discussion_note(&mut there, &first, "", "Our words, not theirs.");
    assert!(
        matches!(
            refused,
            Err(SessionError::Workshop(SaveWorkshopError::Conflict(_)))
        ),
        "{refused:?}"
    );
    let on_disk: Workshop =
        storage::load_ron(&dir.join("workshop.ron"), FileKind::Workshop).unwrap();
    assert_eq!(
        on_disk.discussion_notes["customer-dialogue"]["prompt_1"],
        "Jargon; list our terms."
    );
    assert_eq!(discussion_note(&there, &first), "Jargon everywhere.");

    // A blank note removes it.
    save_discussion_note(&mut again, &second, "Resellers forgotten.", " ").unwrap();
    let on_disk: Workshop =
        storage::load_ron(&dir.join("workshop.ron"), FileKind::Workshop).unwrap();
    assert!(!on_disk.discussion_notes["customer-dialogue"].contains_key("prompt_2"));
}
