//! Facilitator-paced parts of a workshop (room mode, the Mentimeter way): the facilitator asks the
//! whole room one customer-dialogue prompt, or one project's effort–value questions (any
//! questionnaire asked per project or per channel, for one entry), at the same moment; each
//! person answers on their own phone into their own response, and the room's answers are
//! revealed as a chart when the facilitator chooses.
//!
//! What the reveal may show is decided here, not in a front end. People answer a paced part while
//! their own run is still going, so the reveal counts unfinished responses too (the results count
//! finished ones only). Shown side by side, the two figures would give away the answers of the
//! people who have not finished by subtraction; so the figure counting everyone is shown only when
//! it differs from the finished-only one by none or by at least the anonymity threshold of people
//! (or when the finished-only figure is itself withheld). Otherwise the reveal shows the
//! finished-only figure, which the results show anyway, and says so. Both come from the scoring
//! with its own disclosure rule, so nothing is shown for fewer people than the threshold.

use crate::analysis::scoring::{Counted, WorkshopScore, score_questionnaire_of};
use crate::model::questionnaire::AskedPer;
pub use crate::model::workshop::entry_note_key;
use crate::outputs::charts::ChartData;
use crate::outputs::charts::{ChartKind, from_score};
use crate::storage::folder::WorkshopFolder;

use super::discussion::{note_at, save_note_at};
use super::{DiscussionPrompt, ParticipantRun, SessionError, discussion_prompts};

/// One part of the workshop the facilitator puts on every phone at once.
#[derive(Debug, Clone, PartialEq)]
pub enum PacedPart {
    /// One rated prompt of the discussed questionnaire.
    Prompt(DiscussionPrompt),
    /// Every question of a questionnaire asked per project or per channel, for one entry (one
    /// project's effort and value).
    Entry {
        questionnaire: String,
        /// The project or channel, as the workshop names it.
        entry: String,
    },
}

impl From<DiscussionPrompt> for PacedPart {
    fn from(prompt: DiscussionPrompt) -> Self {
        PacedPart::Prompt(prompt)
    }
}

impl PacedPart {
    pub fn questionnaire(&self) -> &str {
        match self {
            PacedPart::Prompt(prompt) => &prompt.questionnaire,
            PacedPart::Entry { questionnaire, .. } => questionnaire,
        }
    }

    /// What the projector and the facilitator's list call it: the prompt's words, or
    /// "Effort and value — Self-service portal".
    pub fn title(&self, folder: &WorkshopFolder) -> String {
        match self {
            PacedPart::Prompt(prompt) => prompt.text.clone(),
            PacedPart::Entry {
                questionnaire,
                entry,
            } => {
                let title = folder
                    .catalog
                    .get(questionnaire)
                    .map_or(questionnaire.as_str(), |q| q.title.as_str());
                format!("{title} \u{2014} {entry}")
            }
        }
    }

    /// Where the facilitator's notes on this part are kept: the prompt's item id, or the entry.
    pub fn note_key(&self) -> String {
        match self {
            PacedPart::Prompt(prompt) => prompt.item.clone(),
            PacedPart::Entry { entry, .. } => entry_note_key(entry),
        }
    }

    /// The questions of `run` this part asks, as indices into its steps, in order. Show-if is
    /// not applied here: ask [`ParticipantRun::is_shown_at`] as the person answers.
    pub fn positions(&self, run: &ParticipantRun, folder: &WorkshopFolder) -> Vec<usize> {
        let questionnaire = folder.catalog.get(self.questionnaire());
        run.steps
            .iter()
            .enumerate()
            .filter(|(_, step)| step.questionnaire == self.questionnaire())
            .filter(|(_, step)| match self {
                PacedPart::Prompt(prompt) => {
                    step.project.is_none()
                        && questionnaire
                            .and_then(|q| q.items.get(step.item))
                            .is_some_and(|item| item.id.as_str() == prompt.item)
                }
                PacedPart::Entry { entry, .. } => step
                    .project
                    .as_deref()
                    .is_some_and(|project| project.eq_ignore_ascii_case(entry)),
            })
            .map(|(position, _)| position)
            .collect()
    }
}

/// Everything the facilitator can put on the phones, in workshop order: the discussed
/// questionnaire's prompts, then each per-project (and per-channel) questionnaire once per entry.
pub fn paced_parts(folder: &WorkshopFolder) -> Vec<PacedPart> {
    let mut parts: Vec<PacedPart> = discussion_prompts(folder)
        .into_iter()
        .map(PacedPart::Prompt)
        .collect();
    for id in &folder.workshop.questionnaires {
        let Some(questionnaire) = folder.catalog.get(id) else {
            continue;
        };
        if questionnaire.asks_per() == AskedPer::Once {
            continue;
        }
        for entry in questionnaire.asks_per().entries(&folder.workshop) {
            parts.push(PacedPart::Entry {
                questionnaire: id.clone(),
                entry: entry.clone(),
            });
        }
    }
    parts
}

/// The facilitator's note on a paced part (empty when none).
pub fn part_note<'a>(folder: &'a WorkshopFolder, part: &PacedPart) -> &'a str {
    note_at(folder, part.questionnaire(), &part.note_key())
}

/// Saves the facilitator's note on a paced part, merged like
/// [`super::save_discussion_note`] (a blank note removes it).
pub fn save_part_note(
    folder: &mut WorkshopFolder,
    part: &PacedPart,
    base: &str,
    text: &str,
) -> Result<(), SessionError> {
    save_note_at(folder, part.questionnaire(), &part.note_key(), base, text)
}

/// What the reveal of a paced part shows.
#[derive(Debug, Clone)]
pub struct Reveal {
    /// The score the figures come from, cut down to this part (one questionnaire; for a prompt
    /// its one item, for an entry its one project or channel). `None` when withheld.
    pub score: Option<WorkshopScore>,
    /// People counted in the figures shown (0 when withheld).
    pub people: usize,
    /// Why nothing is shown (too few people, or a subtraction it would allow).
    pub withheld: Option<String>,
    /// The figures count only the people who have finished their own run: counting the others
    /// too would have shown the answers of fewer than the threshold by comparison with the
    /// results.
    pub finished_only: bool,
}

impl Reveal {
    /// The chart of the shown figures: the answers to a prompt by option, or the entry's placement
    /// (effort against value) or dimension profile. Drawn from [`Self::score`], so it always
    /// agrees with the figures.
    pub fn chart(&self) -> Option<ChartData> {
        let score = self.score.as_ref()?;
        let kinds = [
            ChartKind::EffortValue,
            ChartKind::Items,
            ChartKind::RoadblockBars,
        ];
        let chart = kinds
            .iter()
            .find_map(|&kind| from_score::chart_for(kind, score).ok())?;
        Some(match chart {
            // One prompt, whose words head the screen: one bar, no item list around it.
            ChartData::Items(mut data) => {
                data.title = "How the room rated it".to_owned();
                for group in &mut data.groups {
                    group.title.clear();
                    for row in &mut group.items {
                        row.label = "The room".to_owned();
                    }
                }
                ChartData::Items(data)
            }
            other => other,
        })
    }
}

/// Who contributed to one part's figure in one score, and whether the score shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Contributors {
    people: usize,
    shown: bool,
}

/// The room's answers to `part` as the reveal may show them now (see the module's note).
pub fn reveal(folder: &WorkshopFolder, part: &PacedPart) -> Reveal {
    let threshold = folder.workshop.disclosure_threshold();
    // Only the part's questionnaire is scored: this runs once a second while answers arrive.
    let score = |counted| score_questionnaire_of(folder, part.questionnaire(), counted);
    let finished = cut_to_part(score(Counted::Finished), part);
    let everyone = cut_to_part(score(Counted::Everyone), part);
    let (finished_count, everyone_count) =
        (contributors(&finished, part), contributors(&everyone, part));
    let difference = everyone_count.people.saturating_sub(finished_count.people);
    let safe_beside_results = !finished_count.shown || difference == 0 || difference >= threshold;
    if everyone_count.shown && safe_beside_results {
        return Reveal {
            people: everyone_count.people,
            score: Some(counted(everyone, everyone_count.people)),
            withheld: None,
            finished_only: false,
        };
    }
    if finished_count.shown {
        return Reveal {
            people: finished_count.people,
            score: Some(counted(finished, finished_count.people)),
            withheld: None,
            finished_only: true,
        };
    }
    let reason = withheld_reason(&everyone, part).unwrap_or_else(|| {
        if everyone_count.people == 0 {
            "nobody has answered yet".to_owned()
        } else {
            crate::analysis::scoring::too_few_reason(threshold)
        }
    });
    Reveal {
        score: None,
        people: 0,
        withheld: Some(reason),
        finished_only: false,
    }
}

/// `score` saying it counts `people` (the part's own contributors, which the chart's "n =" shows),
/// not the questionnaire's respondents or evaluations of every entry.
fn counted(mut score: WorkshopScore, people: usize) -> WorkshopScore {
    score.respondents = people;
    for questionnaire in &mut score.questionnaires {
        questionnaire.respondents = people;
    }
    score
}

/// `score` with only the part's questionnaire, and in it only the part's item or entry.
fn cut_to_part(mut score: WorkshopScore, part: &PacedPart) -> WorkshopScore {
    score
        .questionnaires
        .retain(|questionnaire| questionnaire.id == part.questionnaire());
    score.groups.clear();
    score.suppressed_groups.clear();
    score.problems.clear();
    score.warnings.clear();
    for questionnaire in &mut score.questionnaires {
        questionnaire.roadblocks.clear();
        questionnaire.segments = None;
        match part {
            PacedPart::Prompt(prompt) => {
                questionnaire.items.retain(|item| item.id == prompt.item);
                questionnaire.dimensions.clear();
                questionnaire.placement = None;
                questionnaire.entries.clear();
                questionnaire.notes.clear();
            }
            PacedPart::Entry { entry, .. } => {
                let same = |name: &str| name.to_lowercase() == entry.to_lowercase();
                questionnaire.items.clear();
                questionnaire.notes.clear();
                if let Some(placement) = &mut questionnaire.placement {
                    placement.projects.retain(|project| same(&project.project));
                }
                questionnaire.entries.retain(|scored| same(&scored.entry));
                // An entry's profile is its own dimension scores (a channel), not the team's.
                questionnaire.dimensions = questionnaire
                    .entries
                    .first()
                    .filter(|_| questionnaire.placement.is_none())
                    .map(|scored| scored.dimensions.clone())
                    .unwrap_or_default();
            }
        }
    }
    score
}

fn contributors(score: &WorkshopScore, part: &PacedPart) -> Contributors {
    let none = Contributors {
        people: 0,
        shown: false,
    };
    let Some(questionnaire) = score.questionnaires.first() else {
        return none;
    };
    match part {
        PacedPart::Prompt(_) => questionnaire
            .items
            .first()
            .map_or(none, |item| Contributors {
                people: item.answered,
                shown: item.withheld.is_none() && item.answered > 0,
            }),
        PacedPart::Entry { .. } => {
            if let Some(project) = questionnaire
                .placement
                .as_ref()
                .and_then(|placement| placement.projects.first())
            {
                return Contributors {
                    people: project.evaluations,
                    shown: project.withheld.is_none()
                        && project.evaluations > 0
                        && (project.x.is_some() || project.y.is_some()),
                };
            }
            questionnaire
                .entries
                .first()
                .map_or(none, |scored| Contributors {
                    people: scored.evaluations,
                    shown: scored.withheld.is_none() && scored.evaluations > 0,
                })
        }
    }
}

fn withheld_reason(score: &WorkshopScore, part: &PacedPart) -> Option<String> {
    let questionnaire = score.questionnaires.first()?;
    match part {
        PacedPart::Prompt(_) => questionnaire.items.first()?.withheld.clone(),
        PacedPart::Entry { .. } => questionnaire
            .placement
            .as_ref()
            .and_then(|placement| placement.projects.first())
            .and_then(|project| project.withheld.clone())
            .or_else(|| questionnaire.entries.first()?.withheld.clone()),
    }
}
