//! One participant's answers: the file under a workshop's `responses/` folder, and also the file an
//! individual keeps from a self-assessment (the same format, so it can be dropped into any workshop).
//! A response holds one section per questionnaire answered (several for per-project questionnaires).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::questionnaire::{Condition, FORMAT_VERSION, Item, ItemKind, Questionnaire};
use crate::model::symbol::Symbol;

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
    /// Interned, as are `hash` and the answers' ids: every response repeats them.
    pub questionnaire: Symbol,
    pub version: u32,
    /// [`Questionnaire::content_hash`] at the time of answering.
    pub hash: Symbol,
    #[serde(default)]
    pub project: Option<String>,
    /// Item id → answer. Items never reached are simply absent.
    #[serde(default)]
    pub answers: Answers,
}

/// A section's answers by item id, kept sorted by id. Written and read as a RON map, exactly as a
/// `BTreeMap` would be, but held as two sorted columns: a workshop of thousands of responses parses
/// and scores noticeably faster without a tree node per answer, and scoring walks the ids in order.
/// The ids are [`Symbol`]s, so the same item id in 100,000 responses is one allocation, not 100,000.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    ids: Vec<Symbol>,
    values: Vec<Answer>,
}

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.ids.binary_search_by(|key| key.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.position(id).ok().map(|index| &self.values[index])
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.position(id).is_ok()
    }

    /// Sets the answer to `id`, returning the one it replaces. Takes a `String` as it always has
    /// (so `"id".into()` still reads); the id is interned.
    pub fn insert(&mut self, id: String, answer: Answer) -> Option<Answer> {
        match self.position(&id) {
            Ok(index) => Some(std::mem::replace(&mut self.values[index], answer)),
            Err(index) => {
                self.ids.insert(index, Symbol::from(id));
                self.values.insert(index, answer);
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.position(id).ok().map(|index| {
            self.ids.remove(index);
            self.values.remove(index)
        })
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// (id, answer) in id order.
    pub fn iter(
        &self,
    ) -> std::iter::Zip<std::slice::Iter<'_, Symbol>, std::slice::Iter<'_, Answer>> {
        self.ids.iter().zip(&self.values)
    }

    pub fn keys(&self) -> std::slice::Iter<'_, Symbol> {
        self.ids.iter()
    }

    pub fn values(&self) -> std::slice::Iter<'_, Answer> {
        self.values.iter()
    }

    /// The answers in `entries`, in id order; of repeated ids the last one wins, as it would in a
    /// map. Files the app writes are already in id order, so then this only splits the columns.
    fn from_entries(mut entries: Vec<(Symbol, Answer)>) -> Self {
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so repeated ids stay in the order given and the last can be kept.
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut kept: Vec<(Symbol, Answer)> = Vec::with_capacity(entries.len());
            for entry in entries {
                match kept.last_mut() {
                    Some(last) if last.0 == entry.0 => *last = entry,
                    _ => kept.push(entry),
                }
            }
            entries = kept;
        }
        let (ids, values) = entries.into_iter().unzip();
        Self { ids, values }
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = (&'a Symbol, &'a Answer);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, Symbol>, std::slice::Iter<'a, Answer>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: Into<Symbol>> Extend<(K, Answer)> for Answers {
    fn extend<I: IntoIterator<Item = (K, Answer)>>(&mut self, entries: I) {
        let mut all: Vec<(Symbol, Answer)> = std::mem::take(&mut self.ids)
            .into_iter()
            .zip(std::mem::take(&mut self.values))
            .collect();
        all.extend(entries.into_iter().map(|(id, answer)| (id.into(), answer)));
        *self = Self::from_entries(all);
    }
}

impl<K: Into<Symbol>> FromIterator<(K, Answer)> for Answers {
    fn from_iter<I: IntoIterator<Item = (K, Answer)>>(entries: I) -> Self {
        Self::from_entries(
            entries
                .into_iter()
                .map(|(id, answer)| (id.into(), answer))
                .collect(),
        )
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Answers;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a map from item id to answer")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Answers, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Answers::from_entries(entries))
            }
        }

        deserializer.deserialize_map(Visitor)
    }
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
                    questionnaire: Symbol::new(&questionnaire.id),
                    version: questionnaire.version,
                    hash: Symbol::new(hash),
                    project: project.map(str::to_owned),
                    answers: Answers::new(),
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
    let value = kind.numeric_value(answer);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Answers {
        crate::storage::parse_ron(std::path::Path::new("answers.ron"), text).unwrap()
    }

    #[test]
    fn answers_read_in_any_order_are_kept_in_id_order_and_the_last_repeat_wins() {
        let answers = parse(r#"{"b": Value(2), "a": Value(1), "c": Declined, "b": Value(5)}"#);
        let ids: Vec<&Symbol> = answers.keys().collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(answers.get("b"), Some(&Answer::Value(5)));
        assert_eq!(answers.get("d"), None);
    }

    #[test]
    fn answers_insert_replace_and_remove_keep_id_order() {
        let mut answers = Answers::new();
        assert_eq!(answers.insert("m".into(), Answer::Value(1)), None);
        assert_eq!(answers.insert("a".into(), Answer::Declined), None);
        assert_eq!(
            answers.insert("m".into(), Answer::Value(2)),
            Some(Answer::Value(1))
        );
        assert_eq!(answers.insert("z".into(), Answer::Text("x".into())), None);
        assert_eq!(answers.keys().collect::<Vec<_>>(), ["a", "m", "z"]);
        assert_eq!(answers.remove("a"), Some(Answer::Declined));
        assert!(!answers.contains_key("a"));
        assert_eq!(answers.len(), 2);
    }

    #[test]
    fn answers_are_written_as_the_map_a_reader_expects() {
        let answers: Answers = [
            ("second".to_owned(), Answer::Value(2)),
            ("first".to_owned(), Answer::Choices(vec!["x".into()])),
        ]
        .into_iter()
        .collect();
        let text = crate::storage::to_ron(&answers).unwrap();
        assert!(text.starts_with("{\n"), "{text}");
        assert!(text.find("\"first\"") < text.find("\"second\""), "{text}");
        assert_eq!(parse(&text), answers);
    }
}
