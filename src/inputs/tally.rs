//! A facilitator's tally of one room: how many people are in the room (entered once, per group)
//! and, per questionnaire, how many of them chose each option. The room is a fixed set of
//! anonymous responses marked `from_tally`; tallying another questionnaire fills sections of the
//! same responses, so a room of 5 stays 5 respondents however many questionnaires are tallied,
//! and tallying a questionnaire again replaces the room's earlier answers to it.

use std::collections::BTreeMap;

use chrono::Utc;

use crate::model::questionnaire::Questionnaire;
use crate::model::response::Response;
use crate::storage::Problem;
use crate::storage::folder::WorkshopFolder;

/// Questionnaires a tally can be entered for (one section per person, not per project).
pub fn tallyable(folder: &WorkshopFolder) -> Vec<&Questionnaire> {
    folder
        .workshop
        .questionnaires
        .iter()
        .filter_map(|id| folder.catalog.get(id))
        .filter(|questionnaire| !questionnaire.is_per_entry())
        .collect()
}

/// The responses that stand for the room of `group` (`None`: the whole room), in file order.
fn room<'a>(
    folder: &'a WorkshopFolder,
    group: Option<&'a str>,
) -> impl Iterator<Item = &'a Response> {
    folder
        .responses
        .iter()
        .map(|loaded| &loaded.response)
        .filter(move |response| response.from_tally && response.group.as_deref() == group)
}

/// How many people the room of `group` was entered as, once it has been tallied.
pub fn room_size(folder: &WorkshopFolder, group: Option<&str>) -> Option<usize> {
    let size = room(folder, group).count();
    (size > 0).then_some(size)
}

/// One questionnaire's tally for one room.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoomTally {
    pub questionnaire: String,
    pub group: Option<String>,
    /// People in the room; ignored once the room exists (it keeps the size it was entered with).
    pub people: usize,
    /// Item id → count per option, in [`ItemKind::tally_options`] order.
    pub counts: BTreeMap<String, Vec<u32>>,
}

/// Why a tally was not saved, in words for the facilitator.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TallyError {
    #[error("Choose a questionnaire to tally.")]
    NoQuestionnaire,
    #[error("\"{0}\" is asked once per project and cannot be tallied; enter it per participant.")]
    PerProject(String),
    #[error("Enter how many people are in the room first.")]
    NoPeople,
    #[error("Enter how many people chose each option first.")]
    NothingCounted,
    #[error(
        "\"{item}\": {counted} answers counted, but the room has {people} people; each person \
         gives at most one answer"
    )]
    MoreThanTheRoom {
        item: String,
        counted: u32,
        people: usize,
    },
    #[error("{problem} (responses saved before this one are kept)")]
    Write { problem: Problem },
}

/// What a saved tally did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TallySaved {
    pub people: usize,
    /// The room had answered this questionnaire before; those answers were replaced.
    pub replaced: bool,
}

impl RoomTally {
    /// The room's responses with this questionnaire's answers filled in (replacing any earlier
    /// ones): the existing room, or `people` new anonymous responses the first time.
    pub fn fill(
        &self,
        folder: &WorkshopFolder,
        mut new_id: impl FnMut() -> String,
    ) -> Result<(Vec<Response>, TallySaved), TallyError> {
        let questionnaire = folder
            .catalog
            .get(&self.questionnaire)
            .ok_or(TallyError::NoQuestionnaire)?;
        if questionnaire.is_per_entry() {
            return Err(TallyError::PerProject(questionnaire.title.clone()));
        }
        let mut responses: Vec<Response> = room(folder, self.group.as_deref()).cloned().collect();
        let people = if responses.is_empty() {
            self.people
        } else {
            responses.len()
        };
        if people == 0 {
            return Err(TallyError::NoPeople);
        }
        let mut counted_any = false;
        for item in &questionnaire.items {
            let Some(counts) = self.counts.get(&item.id) else {
                continue;
            };
            let counted: u32 = counts.iter().sum();
            if counted as usize > people {
                return Err(TallyError::MoreThanTheRoom {
                    item: item.text.clone(),
                    counted,
                    people,
                });
            }
            counted_any |= counted > 0;
        }
        if !counted_any {
            return Err(TallyError::NothingCounted);
        }

        let now = Utc::now();
        if responses.is_empty() {
            responses = (0..people)
                .map(|_| {
                    let mut response = Response::new(new_id(), None, self.group.clone());
                    response.from_tally = true;
                    response.completed_at = Some(now);
                    response
                })
                .collect();
        }
        let replaced = responses
            .iter()
            .any(|response| response.sections_of(&questionnaire.id).next().is_some());
        let hash = questionnaire.content_hash();
        for response in &mut responses {
            response
                .sections
                .retain(|section| section.questionnaire != questionnaire.id);
            response.section_with_hash(questionnaire, &hash, None);
        }
        for item in &questionnaire.items {
            let (Some(options), Some(counts)) =
                (item.kind.tally_options(), self.counts.get(&item.id))
            else {
                continue;
            };
            let answers = options
                .iter()
                .zip(counts)
                .flat_map(|((answer, _), count)| std::iter::repeat_n(answer, *count as usize));
            for (response, answer) in responses.iter_mut().zip(answers) {
                response
                    .section_with_hash(questionnaire, &hash, None)
                    .answers
                    .insert(item.id.clone(), answer.clone());
            }
        }
        Ok((responses, TallySaved { people, replaced }))
    }

    /// [`Self::fill`], then writes every response of the room.
    pub fn save(
        &self,
        folder: &mut WorkshopFolder,
        new_id: impl FnMut() -> String,
    ) -> Result<TallySaved, TallyError> {
        let (responses, saved) = self.fill(folder, new_id)?;
        for response in &responses {
            folder
                .save_response(response)
                .map_err(|problem| TallyError::Write { problem })?;
        }
        Ok(saved)
    }
}

/// A tally saved earlier: one questionnaire tallied for one room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedTally {
    pub questionnaire: String,
    pub group: Option<String>,
    /// The room's size.
    pub people: usize,
}

/// Every saved tally of the workshop, room by room (the whole room first, then groups by name),
/// questionnaires in the workshop's order.
pub fn saved_tallies(folder: &WorkshopFolder) -> Vec<SavedTally> {
    let mut groups: Vec<Option<&str>> = folder
        .responses
        .iter()
        .filter(|loaded| loaded.response.from_tally)
        .map(|loaded| loaded.response.group.as_deref())
        .collect();
    groups.sort();
    groups.dedup();
    let mut saved = Vec::new();
    for group in groups {
        let people = room(folder, group).count();
        for questionnaire in tallyable(folder) {
            if room(folder, group)
                .any(|response| response.sections_of(&questionnaire.id).next().is_some())
            {
                saved.push(SavedTally {
                    questionnaire: questionnaire.id.clone(),
                    group: group.map(str::to_owned),
                    people,
                });
            }
        }
    }
    saved
}

impl RoomTally {
    /// The counts a saved tally holds, read back from the room's responses (how many of the
    /// room gave each option), ready to be reviewed, corrected and saved again.
    pub fn from_saved(folder: &WorkshopFolder, questionnaire: &str, group: Option<&str>) -> Self {
        let mut tally = RoomTally {
            questionnaire: questionnaire.to_owned(),
            group: group.map(str::to_owned),
            people: room(folder, group).count(),
            counts: BTreeMap::new(),
        };
        let Some(questionnaire) = folder.catalog.get(questionnaire) else {
            return tally;
        };
        for item in &questionnaire.items {
            let Some(options) = item.kind.tally_options() else {
                continue;
            };
            let mut counts = vec![0u32; options.len()];
            for section in room(folder, group).flat_map(|r| r.sections_of(&questionnaire.id)) {
                if let Some(answer) = section.answers.get(&item.id)
                    && let Some(index) = options.iter().position(|(option, _)| option == answer)
                {
                    counts[index] += 1;
                }
            }
            tally.counts.insert(item.id.clone(), counts);
        }
        tally
    }

    /// Whether any option has a count: a draft worth keeping (or asking before it is dropped).
    pub fn has_counts(&self) -> bool {
        self.counts.values().flatten().any(|count| *count > 0)
    }
}

/// Takes a saved tally back: the room's answers to `questionnaire` are removed, and a response of
/// the room left with no answers at all is deleted, so a room tallied for one questionnaire only
/// disappears entirely. Returns how many responses were changed or deleted.
pub fn undo_tally(
    folder: &mut WorkshopFolder,
    questionnaire: &str,
    group: Option<&str>,
) -> Result<usize, TallyError> {
    let room: Vec<Response> = room(folder, group).cloned().collect();
    let mut touched = 0;
    for mut response in room {
        let before = response.sections.len();
        response
            .sections
            .retain(|section| section.questionnaire != questionnaire);
        if response.sections.len() == before {
            continue;
        }
        let result = if response.sections.is_empty() {
            folder.remove_response(&response.id)
        } else {
            folder.save_response(&response).map(|_| ())
        };
        result.map_err(|problem| TallyError::Write { problem })?;
        touched += 1;
    }
    Ok(touched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::scoring::{ScoreOptions, score_workshop};
    use crate::model::response::Answer;
    use crate::model::workshop::Workshop;

    /// Two small questionnaires in the workshop's own folder.
    const ONE: &str = r#"Questionnaire(format_version: 1, id: "one", version: 1, title: "One",
        items: [
            Item(id: "a", text: "A?", kind: Likert(points: 3, labels: ["No", "Maybe", "Yes"])),
            Item(id: "b", text: "B?", kind: YesNo),
        ])"#;
    const TWO: &str = r#"Questionnaire(format_version: 1, id: "two", version: 1, title: "Two",
        items: [
            Item(id: "c", text: "C?", kind: Likert(points: 3, labels: ["No", "Maybe", "Yes"])),
        ])"#;

    fn workshop(dir: &std::path::Path) -> WorkshopFolder {
        std::fs::create_dir_all(dir.join("questionnaires")).unwrap();
        std::fs::write(dir.join("questionnaires/one.ron"), ONE).unwrap();
        std::fs::write(dir.join("questionnaires/two.ron"), TWO).unwrap();
        let mut workshop =
            Workshop::new("Room", chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
        workshop.questionnaires = vec!["one".into(), "two".into()];
        WorkshopFolder::create(dir, workshop).unwrap()
    }

    fn ids() -> impl FnMut() -> String {
        let mut next = 0;
        move || {
            next += 1;
            format!("t{next}")
        }
    }

    fn tally(questionnaire: &str, people: usize, counts: &[(&str, &[u32])]) -> RoomTally {
        RoomTally {
            questionnaire: questionnaire.into(),
            group: None,
            people,
            counts: counts
                .iter()
                .map(|(item, counts)| ((*item).to_owned(), counts.to_vec()))
                .collect(),
        }
    }

    #[test]
    fn two_questionnaires_tallied_for_a_room_of_five_are_five_respondents() {
        let temp = tempfile::tempdir().unwrap();
        let mut folder = workshop(temp.path());
        let mut new_id = ids();
        let first = tally("one", 5, &[("a", &[1, 2, 2]), ("b", &[3, 1])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        assert_eq!(
            first,
            TallySaved {
                people: 5,
                replaced: false
            }
        );
        // The room size typed the second time is ignored: the room is already 5 people.
        let second = tally("two", 0, &[("c", &[0, 1, 4])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        assert_eq!(second.people, 5);

        let reopened = WorkshopFolder::open(temp.path()).unwrap();
        assert_eq!(reopened.responses.len(), 5, "five files on disk");
        assert!(
            reopened
                .responses
                .iter()
                .all(|loaded| loaded.response.from_tally && loaded.response.sections.len() == 2)
        );
        let score = score_workshop(&reopened, &ScoreOptions::default());
        assert_eq!(score.respondents, 5);
        for questionnaire in &score.questionnaires {
            assert_eq!(questionnaire.respondents, 5, "{}", questionnaire.id);
        }
        // Per item, the counts come back: a = 1×1, 2×2, 2×3 → mean 11/5; b: 4 answered.
        let one = &score.questionnaires[0];
        let a = one.items.iter().find(|item| item.id == "a").unwrap();
        assert_eq!(a.summary.n, 5);
        assert!((a.summary.mean.unwrap() - 2.2).abs() < 1e-12);
        let b = one.items.iter().find(|item| item.id == "b").unwrap();
        assert_eq!(b.summary.n, 4, "one person in the room did not answer b");
    }

    #[test]
    fn tallying_a_questionnaire_again_replaces_the_rooms_answers_to_it() {
        let temp = tempfile::tempdir().unwrap();
        let mut folder = workshop(temp.path());
        let mut new_id = ids();
        tally("one", 4, &[("a", &[4, 0, 0])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        let again = tally("one", 4, &[("a", &[0, 0, 3])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        assert!(again.replaced);
        let reopened = WorkshopFolder::open(temp.path()).unwrap();
        assert_eq!(reopened.responses.len(), 4);
        let answers: Vec<Option<&Answer>> = reopened
            .responses
            .iter()
            .map(|loaded| {
                assert_eq!(
                    loaded.response.sections.len(),
                    1,
                    "no second section of \"one\""
                );
                loaded.response.sections[0].answers.get("a")
            })
            .collect();
        assert_eq!(
            answers
                .iter()
                .filter(|a| **a == Some(&Answer::Value(3)))
                .count(),
            3
        );
        assert_eq!(answers.iter().filter(|a| a.is_none()).count(), 1);
    }

    #[test]
    fn each_group_is_its_own_room_and_counts_cannot_exceed_it() {
        let temp = tempfile::tempdir().unwrap();
        let mut folder = workshop(temp.path());
        let mut new_id = ids();
        let mut sales = tally("one", 3, &[("a", &[1, 1, 1])]);
        sales.group = Some("Sales".into());
        sales.save(&mut folder, &mut new_id).unwrap();
        assert_eq!(room_size(&folder, Some("Sales")), Some(3));
        assert_eq!(room_size(&folder, None), None);

        let too_many = tally("two", 3, &[("c", &[2, 2, 0])]);
        let mut too_many_sales = too_many.clone();
        too_many_sales.group = Some("Sales".into());
        assert_eq!(
            too_many_sales
                .save(&mut folder, &mut new_id)
                .unwrap_err()
                .to_string(),
            "\"C?\": 4 answers counted, but the room has 3 people; each person gives at most one \
             answer"
        );
        // The whole room is another room, entered with its own size.
        assert_eq!(
            tally("two", 4, &[("c", &[2, 2, 0])])
                .save(&mut folder, &mut new_id)
                .unwrap()
                .people,
            4
        );
        assert_eq!(folder.responses.len(), 7);
        assert_eq!(
            tally("two", 0, &[("c", &[1, 0, 0])]).fill(&workshop(&temp.path().join("x")), ids()),
            Err(TallyError::NoPeople)
        );
        assert_eq!(
            tally("two", 2, &[]).fill(&folder, ids()),
            Err(TallyError::NothingCounted)
        );
    }

    #[test]
    fn a_saved_tally_is_listed_read_back_and_undone() {
        let temp = tempfile::tempdir().unwrap();
        let mut folder = workshop(temp.path());
        let mut new_id = ids();
        tally("one", 4, &[("a", &[1, 0, 3]), ("b", &[2, 1])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        tally("two", 0, &[("c", &[0, 4, 0])])
            .save(&mut folder, &mut new_id)
            .unwrap();
        let listed = saved_tallies(&folder);
        assert_eq!(
            listed,
            vec![
                SavedTally {
                    questionnaire: "one".into(),
                    group: None,
                    people: 4
                },
                SavedTally {
                    questionnaire: "two".into(),
                    group: None,
                    people: 4
                },
            ]
        );
        // Read back: the counts as typed (b: one person gave no answer).
        let back = RoomTally::from_saved(&folder, "one", None);
        assert_eq!(back.people, 4);
        assert_eq!(back.counts["a"], vec![1, 0, 3]);
        assert_eq!(back.counts["b"], vec![2, 1]);

        // Undoing "one" keeps the room (it still holds "two"), without "one"'s answers.
        assert_eq!(undo_tally(&mut folder, "one", None).unwrap(), 4);
        let reopened = WorkshopFolder::open(temp.path()).unwrap();
        assert_eq!(reopened.responses.len(), 4);
        assert!(reopened.responses.iter().all(|loaded| {
            loaded.response.sections.len() == 1
                && loaded.response.sections[0].questionnaire == "two"
        }));
        assert_eq!(saved_tallies(&reopened).len(), 1);
        // Undoing the last one deletes the room's files: no empty respondents are left.
        assert_eq!(undo_tally(&mut folder, "two", None).unwrap(), 4);
        assert!(folder.responses.is_empty());
        let files = std::fs::read_dir(temp.path().join("responses"))
            .unwrap()
            .count();
        assert_eq!(files, 0);
        assert_eq!(room_size(&folder, None), None);
    }
}
