//! One participant answering a workshop: the questions in order (each questionnaire of the
//! workshop, per-project ones once per project), navigation that skips questions whose show-if
//! condition is not met, and every answer written to disk at once through
//! [`WorkshopFolder::save_response`]. The window's runner and the coming room mode both drive a
//! [`ParticipantRun`]; it never draws anything.

use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;

use super::{SessionError, new_id};
use crate::model::questionnaire::{Item, Questionnaire};
use crate::model::response::{Answer, Response, Section};
use crate::storage::folder::WorkshopFolder;

/// One question of the run: an item of a questionnaire (for one project, if per project).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub questionnaire: String,
    pub project: Option<String>,
    pub item: usize,
}

/// Who is starting: a name or initials (`None`: anonymous) and their group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Participant {
    pub label: Option<String>,
    pub group: Option<String>,
}

/// Where a move left the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// On the next shown question.
    Question,
    /// The last shown question is behind: call [`ParticipantRun::finish`].
    End,
    /// The current question is required and has no answer yet: nothing moved.
    NeedsAnswer,
}

/// A response being answered, and the question it is on.
#[derive(Debug, Clone)]
pub struct ParticipantRun {
    pub response: Response,
    pub steps: Vec<Step>,
    /// Index into `steps` of the current question.
    pub position: usize,
}

impl ParticipantRun {
    /// A new response for `participant`, on the first shown question. Nothing is written until
    /// the first answer.
    pub fn start(folder: &WorkshopFolder, participant: Participant) -> Self {
        let label = participant
            .label
            .map(|label| label.trim().to_owned())
            .filter(|label| !label.is_empty());
        Self::new(folder, Response::new(new_id(), label, participant.group))
    }

    /// Carries on with a response of the folder where the person stopped: on the shown question
    /// after the last one they answered (the first shown question when none is answered yet, the
    /// last when every one is). Questions they skipped on the way stay skipped: walking them
    /// again would cost as many key presses as there are questions behind.
    pub fn resume(folder: &WorkshopFolder, response_id: &str) -> Result<Self, SessionError> {
        let loaded = folder
            .responses
            .iter()
            .find(|loaded| loaded.response.id == response_id)
            .ok_or_else(|| {
                SessionError::Refused(format!(
                    "The response {response_id} is no longer in the workshop folder."
                ))
            })?;
        let mut run = Self::new(folder, loaded.response.clone());
        run.skip_past_last_answered(folder);
        Ok(run)
    }

    /// A run of `response` over the folder's questionnaires, on the first shown question.
    pub fn new(folder: &WorkshopFolder, response: Response) -> Self {
        let mut steps = Vec::new();
        for id in &folder.workshop.questionnaires {
            let Some(questionnaire) = folder.catalog.get(id) else {
                continue;
            };
            let projects: Vec<Option<String>> = if questionnaire.is_per_entry() {
                let entries = questionnaire.asks_per().entries(&folder.workshop);
                entries.iter().cloned().map(Some).collect()
            } else {
                vec![None]
            };
            for project in projects {
                for item in 0..questionnaire.items.len() {
                    steps.push(Step {
                        questionnaire: id.clone(),
                        project: project.clone(),
                        item,
                    });
                }
            }
        }
        let mut run = Self {
            response,
            steps,
            position: 0,
        };
        if !run.is_shown(folder, 0) {
            run.position = run.next_shown(folder, 0).unwrap_or(0);
        }
        run
    }

    fn skip_past_last_answered(&mut self, folder: &WorkshopFolder) {
        let last_answered = (0..self.steps.len())
            .rev()
            .find(|&index| self.is_shown(folder, index) && self.answer_at(folder, index).is_some());
        let Some(last_answered) = last_answered else {
            return;
        };
        self.position = self
            .next_shown(folder, last_answered)
            .unwrap_or(last_answered);
    }

    /// The current question and its questionnaire (`None` when there are no questions at all).
    pub fn current<'a>(&self, folder: &'a WorkshopFolder) -> Option<(&'a Questionnaire, &'a Item)> {
        self.lookup(folder, self.position)
    }

    /// The current question's answer so far.
    pub fn current_answer(&self, folder: &WorkshopFolder) -> Option<&Answer> {
        self.answer_at(folder, self.position)
    }

    /// The project the current question is about, for a per-project questionnaire.
    pub fn current_project(&self) -> Option<&str> {
        self.steps.get(self.position)?.project.as_deref()
    }

    /// Whether [`Self::back`] has a shown question to go to.
    pub fn has_previous(&self, folder: &WorkshopFolder) -> bool {
        self.previous_shown(folder, self.position).is_some()
    }

    /// Whether the current question is the last shown one.
    pub fn is_last(&self, folder: &WorkshopFolder) -> bool {
        self.next_shown(folder, self.position).is_none()
    }

    /// How many shown questions lie before the current one, and how many are shown in all.
    pub fn progress(&self, folder: &WorkshopFolder) -> (usize, usize) {
        let shown: Vec<usize> = (0..self.steps.len())
            .filter(|&index| self.is_shown(folder, index))
            .collect();
        let done = shown.iter().filter(|&&index| index < self.position).count();
        (done, shown.len())
    }

    /// Records an answer to the current question and writes the response, staying on the
    /// question (a multiple choice or a text being typed). On a failed write the answer stays in
    /// memory, so trying again loses nothing.
    pub fn record(
        &mut self,
        folder: &mut WorkshopFolder,
        answer: Answer,
    ) -> Result<PathBuf, SessionError> {
        self.record_at(folder, self.position, Some(answer))
    }

    /// Sets (`Some`) or removes (`None`) the answer to the question at `position` (an index into
    /// `steps`, not necessarily the current one: text saved after its typist moved on) and
    /// writes the response. On a failed write memory keeps the change, as with [`Self::record`].
    pub fn record_at(
        &mut self,
        folder: &mut WorkshopFolder,
        position: usize,
        answer: Option<Answer>,
    ) -> Result<PathBuf, SessionError> {
        let Some((questionnaire, item)) = self.lookup(folder, position) else {
            return Err(SessionError::Refused(
                "There is no question to answer.".to_owned(),
            ));
        };
        let (questionnaire, item_id) = (questionnaire.clone(), item.id.clone());
        let project = self.steps[position].project.clone();
        let answers = &mut self
            .response
            .section_mut(&questionnaire, project.as_deref())
            .answers;
        match answer {
            Some(answer) => {
                answers.insert(item_id, answer);
            }
            None => {
                answers.remove(&item_id);
            }
        }
        folder
            .save_response(&self.response)
            .map_err(SessionError::Write)
    }

    /// The answer so far to the question at `position` (an index into `steps`).
    pub fn answer_at_position(&self, folder: &WorkshopFolder, position: usize) -> Option<&Answer> {
        self.answer_at(folder, position)
    }

    /// Whether the question at `position` is shown, given the answers so far (its show-if).
    pub fn is_shown_at(&self, folder: &WorkshopFolder, position: usize) -> bool {
        self.is_shown(folder, position)
    }

    /// [`Self::record`], then on to the next shown question.
    pub fn answer(
        &mut self,
        folder: &mut WorkshopFolder,
        answer: Answer,
    ) -> Result<Moved, SessionError> {
        self.record(folder, answer)?;
        Ok(self.next(folder))
    }

    /// "Prefer not to answer": saved like an answer, and on to the next shown question.
    pub fn decline(&mut self, folder: &mut WorkshopFolder) -> Result<Moved, SessionError> {
        self.answer(folder, Answer::Declined)
    }

    /// On to the next shown question, unless the current one is required and unanswered.
    pub fn next(&mut self, folder: &WorkshopFolder) -> Moved {
        let required = self.current(folder).is_some_and(|(_, item)| item.required);
        if required && self.current_answer(folder).is_none() {
            return Moved::NeedsAnswer;
        }
        match self.next_shown(folder, self.position) {
            Some(next) => {
                self.position = next;
                Moved::Question
            }
            None => Moved::End,
        }
    }

    /// Back to the previous shown question; `false` on the first.
    pub fn back(&mut self, folder: &WorkshopFolder) -> bool {
        match self.previous_shown(folder, self.position) {
            Some(previous) => {
                self.position = previous;
                true
            }
            None => false,
        }
    }

    /// Marks the response complete and writes it; on a failed write it stays incomplete.
    pub fn finish(&mut self, folder: &mut WorkshopFolder) -> Result<PathBuf, SessionError> {
        self.response.completed_at = Some(Utc::now());
        folder.save_response(&self.response).map_err(|problem| {
            self.response.completed_at = None;
            SessionError::Write(problem)
        })
    }

    fn lookup<'a>(
        &self,
        folder: &'a WorkshopFolder,
        index: usize,
    ) -> Option<(&'a Questionnaire, &'a Item)> {
        let step = self.steps.get(index)?;
        let questionnaire = folder.catalog.get(&step.questionnaire)?;
        Some((questionnaire, questionnaire.items.get(step.item)?))
    }

    fn section(&self, step: &Step) -> Option<&Section> {
        self.response.sections.iter().find(|section| {
            section.questionnaire == step.questionnaire && section.project == step.project
        })
    }

    fn is_shown(&self, folder: &WorkshopFolder, index: usize) -> bool {
        let Some((questionnaire, item)) = self.lookup(folder, index) else {
            return false;
        };
        match self.section(&self.steps[index]) {
            Some(section) => section.is_shown(questionnaire, item),
            None => {
                let empty = Section {
                    questionnaire: questionnaire.id.as_str().into(),
                    version: questionnaire.version,
                    hash: "".into(),
                    project: None,
                    answers: Default::default(),
                };
                empty.is_shown(questionnaire, item)
            }
        }
    }

    fn answer_at(&self, folder: &WorkshopFolder, index: usize) -> Option<&Answer> {
        let (_, item) = self.lookup(folder, index)?;
        self.section(&self.steps[index])?.answers.get(&item.id)
    }

    fn next_shown(&self, folder: &WorkshopFolder, from: usize) -> Option<usize> {
        (from + 1..self.steps.len()).find(|&index| self.is_shown(folder, index))
    }

    fn previous_shown(&self, folder: &WorkshopFolder, from: usize) -> Option<usize> {
        (0..from).rev().find(|&index| self.is_shown(folder, index))
    }
}

/// How long typing must pause before the text is written: short enough that a crash loses at
/// most about a second of typing, long enough not to write the file at every key.
pub const TYPING_SAVE_DELAY: Duration = Duration::from_millis(600);

/// Text being typed into a free-text or count answer, saved while the person types: each change
/// restarts a short wait ([`TYPING_SAVE_DELAY`]), and when typing pauses the text is written as
/// the answer (removed when the field is emptied). Times are seconds on the front end's clock
/// (the window's frame time), so the window and tests share the one debounce.
#[derive(Debug, Clone, Default)]
pub struct TypingSaver {
    pending: Option<PendingText>,
}

#[derive(Debug, Clone)]
struct PendingText {
    /// Index into the run's `steps` of the question typed into.
    position: usize,
    text: String,
    changed_at_seconds: f64,
}

impl TypingSaver {
    /// The text in the current question's field is now `text` (called every frame; only a change
    /// restarts the wait).
    pub fn typed(&mut self, run: &ParticipantRun, text: &str, now_seconds: f64) {
        let unchanged = self
            .pending
            .as_ref()
            .is_some_and(|pending| pending.position == run.position && pending.text == text);
        if !unchanged {
            self.pending = Some(PendingText {
                position: run.position,
                text: text.to_owned(),
                changed_at_seconds: now_seconds,
            });
        }
    }

    /// Whether typed text waits to be written.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// How long until the pending text is due (zero when it is), so a front end that only draws
    /// on input can wake up for it; `None` when nothing waits.
    pub fn due_in(&self, now_seconds: f64) -> Option<Duration> {
        let pending = self.pending.as_ref()?;
        let waited = (now_seconds - pending.changed_at_seconds).max(0.0);
        Some(TYPING_SAVE_DELAY.saturating_sub(Duration::from_secs_f64(waited)))
    }

    /// Writes the pending text once typing has paused for [`TYPING_SAVE_DELAY`]; `Ok(None)` when
    /// nothing was due or the answer on file already says it.
    pub fn save_if_due(
        &mut self,
        run: &mut ParticipantRun,
        folder: &mut WorkshopFolder,
        now_seconds: f64,
    ) -> Result<Option<PathBuf>, SessionError> {
        if self.due_in(now_seconds) == Some(Duration::ZERO) {
            self.flush(run, folder)
        } else {
            Ok(None)
        }
    }

    /// Writes the pending text now (the person moves on, or the run is left). Text that is not
    /// a valid answer yet (a count out of range) is dropped, as the form would refuse it.
    pub fn flush(
        &mut self,
        run: &mut ParticipantRun,
        folder: &mut WorkshopFolder,
    ) -> Result<Option<PathBuf>, SessionError> {
        let Some(pending) = self.pending.take() else {
            return Ok(None);
        };
        let Some((_, item)) = run.lookup(folder, pending.position) else {
            return Ok(None);
        };
        let typed = item.kind.parse_typed(&pending.text);
        let emptied = pending.text.trim().is_empty();
        if typed.is_none() && !emptied {
            return Ok(None);
        }
        if run.answer_at(folder, pending.position) == typed.as_ref() {
            return Ok(None);
        }
        match run.record_at(folder, pending.position, typed) {
            Ok(path) => Ok(Some(path)),
            Err(error) => {
                // Kept, so the next frame tries again and nothing typed is lost.
                self.pending = Some(pending);
                Err(error)
            }
        }
    }
}
