//! The facilitator's discussion of the customer-dialogue prompts: participants rate each prompt
//! in their run; the facilitator takes the room's notes, one prompt at a time, with the room's
//! ratings beside it as the score discloses them. Notes are kept in `workshop.ron`
//! ([`Workshop::discussion_notes`](crate::model::workshop::Workshop::discussion_notes)), saved
//! through the folder's compare-and-swap like the action plan, so a note saved on another laptop
//! meanwhile is merged, not overwritten.

use crate::analysis::scoring::{ItemScore, WorkshopScore};
use crate::storage::folder::{SaveWorkshopError, WORKSHOP_FILE, WorkshopConflict, WorkshopFolder};

use super::SessionError;

/// One prompt of the discussion: a rated item of the discussed questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscussionPrompt {
    pub questionnaire: String,
    pub item: String,
    pub text: String,
}

/// The prompts to discuss, in the workshop's order: the rated (scored) items of every
/// questionnaire of the workshop the room discusses (`discussed_in_room`).
pub fn discussion_prompts(folder: &WorkshopFolder) -> Vec<DiscussionPrompt> {
    folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|questionnaire| questionnaire.discussed_in_room && !questionnaire.is_per_entry())
        .flat_map(|questionnaire| {
            questionnaire
                .items
                .iter()
                .filter(|item| item.dimension.is_some())
                .map(|item| DiscussionPrompt {
                    questionnaire: questionnaire.id.to_string(),
                    item: item.id.to_string(),
                    text: item.text.clone(),
                })
        })
        .collect()
}

/// The facilitator's note on a prompt (empty when none was taken).
pub fn discussion_note<'a>(folder: &'a WorkshopFolder, prompt: &DiscussionPrompt) -> &'a str {
    note_at(folder, &prompt.questionnaire, &prompt.item)
}

/// The facilitator's note kept under `questionnaire` and `key` (an item id, or a paced part's
/// key), empty when none.
pub(super) fn note_at<'a>(folder: &'a WorkshopFolder, questionnaire: &str, key: &str) -> &'a str {
    folder
        .workshop
        .discussion_notes
        .get(questionnaire)
        .and_then(|items| items.get(key))
        .map_or("", String::as_str)
}

/// The room's ratings of a prompt as the score holds them: the item's figures, already withheld
/// by the disclosure rule when too few people rated it.
pub fn prompt_ratings<'a>(
    score: &'a WorkshopScore,
    prompt: &DiscussionPrompt,
) -> Option<&'a ItemScore> {
    score
        .questionnaires
        .iter()
        .find(|questionnaire| questionnaire.id == prompt.questionnaire)?
        .items
        .iter()
        .find(|item| item.id == prompt.item)
}

/// Saves the facilitator's note on a prompt (a blank note removes it). `base` is the note as the
/// edit started from it: when the folder's note changed meanwhile (another laptop, picked up by
/// the watcher) and the edit differs from both, nothing is saved and the conflict is returned.
/// On any failure memory and disk keep the previous note.
pub fn save_discussion_note(
    folder: &mut WorkshopFolder,
    prompt: &DiscussionPrompt,
    base: &str,
    text: &str,
) -> Result<(), SessionError> {
    save_note_at(folder, &prompt.questionnaire, &prompt.item, base, text)
}

/// [`save_discussion_note`] for the note under `questionnaire` and `key`.
pub(super) fn save_note_at(
    folder: &mut WorkshopFolder,
    questionnaire: &str,
    key: &str,
    base: &str,
    text: &str,
) -> Result<(), SessionError> {
    let text = text.trim();
    let current = note_at(folder, questionnaire, key).to_owned();
    if current != base.trim() && current != text {
        return Err(SaveWorkshopError::Conflict(WorkshopConflict {
            path: folder.dir.join(WORKSHOP_FILE),
            conflicts: vec![format!(
                "the discussion note on {questionnaire}.{key} ({text:?} here, {current:?} there)"
            )],
        })
        .into());
    }
    let previous = folder.workshop.discussion_notes.clone();
    let notes = &mut folder.workshop.discussion_notes;
    if text.is_empty() {
        if let Some(items) = notes.get_mut(questionnaire) {
            items.remove(key);
            if items.is_empty() {
                notes.remove(questionnaire);
            }
        }
    } else {
        notes
            .entry(questionnaire.to_owned())
            .or_default()
            .insert(key.to_owned(), text.to_owned());
    }
    match folder.save_workshop() {
        Ok(_) => Ok(()),
        Err(error) => {
            folder.workshop.discussion_notes = previous;
            Err(error.into())
        }
    }
}
