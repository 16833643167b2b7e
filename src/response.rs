//! One participant's answers: the file under a workshop's `responses/` folder, and also the file an
//! individual keeps from a self-assessment (the same format, so it can be dropped into any workshop).
//! A response holds one section per questionnaire answered (several for per-project questionnaires).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::questionnaire::{Condition, FORMAT_VERSION, Item, ItemKind, Questionnaire};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub format_version: u32,
    /// Short unique id; also the tail of the file name.
    pub id: String,
    /// The participant's label; `None` for anonymous responses.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    pub started_at: DateTime<Utc>,
    /// Set when the participant finished; unfinished responses can be resumed.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    /// Entered by the facilitator from the room's tallies rather than by a participant.
    #[serde(default)]
    pub from_tally: bool,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// The answers to one questionnaire (for per-project questionnaires, to one project).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub questionnaire: String,
    pub version: u32,
    /// [`Questionnaire::content_hash`] at the time of answering.
    pub hash: String,
    #[serde(default)]
    pub project: Option<String>,
    /// Item id → answer. Items never reached are simply absent.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// Likert point, scale value, count, yes (1) / no (0).
    Value(i64),
    /// Id of the chosen option of a single-choice item.
    Choice(String),
    /// Ids of the chosen options of a multiple-choice item.
    Choices(Vec<String>),
    Text(String),
    /// "Prefer not to answer": seen and deliberately skipped; never scored.
    Declined,
}

impl Response {
    pub fn new(id: String, label: Option<String>, group: Option<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            id,
            label,
            group,
            started_at: Utc::now(),
            completed_at: None,
            from_tally: false,
            sections: Vec::new(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.completed_at.is_some()
    }

    /// The section for a questionnaire (and project), created on first use.
    pub fn section_mut(
        &mut self,
        questionnaire: &Questionnaire,
        project: Option<&str>,
    ) -> &mut Section {
        let hash = questionnaire.content_hash();
        self.section_with_hash(questionnaire, &hash, project)
    }

    /// [`Self::section_mut`] with the questionnaire's hash computed once by the caller, for code
    /// that fills thousands of responses.
    pub fn section_with_hash(
        &mut self,
        questionnaire: &Questionnaire,
        hash: &str,
        project: Option<&str>,
    ) -> &mut Section {
        let position = self.sections.iter().position(|section| {
            section.questionnaire == questionnaire.id && section.project.as_deref() == project
        });
        match position {
            Some(index) => &mut self.sections[index],
            None => {
                self.sections.push(Section {
                    questionnaire: questionnaire.id.clone(),
                    version: questionnaire.version,
                    hash: hash.to_owned(),
                    project: project.map(str::to_owned),
                    answers: BTreeMap::new(),
                });
                self.sections.last_mut().expect("just pushed")
            }
        }
    }

    pub fn sections_of<'a>(
        &'a self,
        questionnaire: &'a str,
    ) -> impl Iterator<Item = &'a Section> + 'a {
        self.sections
            .iter()
            .filter(move |section| section.questionnaire == questionnaire)
    }
}

impl Answer {
    /// The numeric value used for scoring, before reverse-coding; `None` for unscored answers.
    pub fn numeric_value(&self, kind: &ItemKind) -> Option<f64> {
        match (self, kind) {
            (
                Answer::Value(value),
                ItemKind::Likert { .. }
                | ItemKind::Scale { .. }
                | ItemKind::YesNo
                | ItemKind::Count { .. },
            ) => {
                let (min, max) = kind.value_range()?;
                let value = *value as f64;
                (min..=max).contains(&value).then_some(value)
            }
            (Answer::Choice(id), ItemKind::SingleChoice { options }) => options
                .iter()
                .position(|option| &option.id == id)
                .map(|index| options[index].score.unwrap_or(index as f64 + 1.0)),
            _ => None,
        }
    }

    /// Why this answer does not fit the item, if it does not.
    pub fn mismatch(&self, kind: &ItemKind) -> Option<String> {
        let fits = match (self, kind) {
            (Answer::Declined, _) => true,
            (Answer::Value(_), ItemKind::Likert { .. })
            | (Answer::Value(_), ItemKind::Scale { .. })
            | (Answer::Value(_), ItemKind::YesNo)
            | (Answer::Value(_), ItemKind::Count { .. }) => {
                return self.numeric_value(kind).is_none().then(|| {
                    let (min, max) = kind.value_range().unwrap_or((0.0, 0.0));
                    format!("value out of range, expected {min} to {max}")
                });
            }
            (Answer::Choice(id), ItemKind::SingleChoice { options }) => {
                options.iter().any(|option| &option.id == id)
            }
            (Answer::Choices(ids), ItemKind::MultipleChoice { options }) => ids
                .iter()
                .all(|id| options.iter().any(|option| &option.id == id)),
            (Answer::Text(_), ItemKind::Text { .. }) => true,
            _ => false,
        };
        (!fits).then(|| format!("answer {self:?} does not fit a {} item", kind.name()))
    }
}

impl Section {
    /// Whether `item` should be asked, given the answers so far.
    pub fn is_shown(&self, questionnaire: &Questionnaire, item: &Item) -> bool {
        let Some(show_if) = &item.show_if else {
            return true;
        };
        let Some(source) = questionnaire.item(&show_if.item) else {
            return false;
        };
        self.is_shown(questionnaire, source) && self.condition_met(source, item)
    }

    /// Whether the answer to `source` meets `item`'s show-if condition, leaving aside whether
    /// `source` itself was shown (the caller knows).
    pub fn condition_met(&self, source: &Item, item: &Item) -> bool {
        item.show_if.as_ref().is_none_or(|show_if| {
            condition_holds(&show_if.when, &source.kind, self.answers.get(&source.id))
        })
    }
}

/// Whether `answer` (to an item of `kind`) satisfies a show-if condition.
pub fn condition_holds(when: &Condition, kind: &ItemKind, answer: Option<&Answer>) -> bool {
    let Some(answer) = answer else {
        return false;
    };
    let value = answer.numeric_value(kind);
    match when {
        Condition::AtLeast(threshold) => value.is_some_and(|v| v >= *threshold),
        Condition::AtMost(threshold) => value.is_some_and(|v| v <= *threshold),
        Condition::IsYes => matches!(answer, Answer::Value(1)),
        Condition::IsNo => matches!(answer, Answer::Value(0)),
        Condition::Chosen(option) => match answer {
            Answer::Choice(id) => id == option,
            Answer::Choices(ids) => ids.contains(option),
            _ => false,
        },
    }
}
