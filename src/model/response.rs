//! One participant's answers: the file under a workshop's `responses/` folder, and also the file an
//! individual keeps from a self-assessment (the same format, so it can be dropped into any workshop).
//! A response holds one section per questionnaire answered (several for per-project questionnaires).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

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
/// `BTreeMap` would be, but held compactly, because a workshop of 100,000 responses holds millions
/// of answers:
/// - the ids are one shared list: sections of one questionnaire mostly answer the same items, so
///   responses read on one thread share the list (one `Arc`) instead of holding 16 bytes an answer;
/// - each answer is a 4-byte code: a small whole number or "prefer not to answer" stands for one
///   of a fixed set of [`Answer`]s shared by the whole program (`SHARED`), and anything else (text,
///   choices, large numbers) is an index into `others`.
///
/// [`Answers::get`] still hands out an `&Answer`, so callers see no difference.
#[derive(Clone, Default)]
pub struct Answers {
    ids: Arc<Vec<Symbol>>,
    codes: Vec<u32>,
    /// The answers that are not in `SHARED`, in no particular order.
    others: Vec<Answer>,
}

/// The smallest whole-number answer with a shared code; counts and scales rarely leave the range.
const SHARED_MIN: i64 = -256;
const SHARED_VALUES: u32 = 1280;
/// The code of "prefer not to answer"; codes above it index `others`.
const DECLINED_CODE: u32 = SHARED_VALUES;
const FIRST_OTHER: u32 = DECLINED_CODE + 1;

/// `Value(SHARED_MIN)` … `Value(SHARED_MIN + SHARED_VALUES - 1)`, then `Declined`: what the
/// shared codes stand for.
static SHARED: LazyLock<Vec<Answer>> = LazyLock::new(|| {
    (0..SHARED_VALUES)
        .map(|code| Answer::Value(SHARED_MIN + i64::from(code)))
        .chain([Answer::Declined])
        .collect()
});

/// How many distinct id lists a thread keeps for sharing (see [`shared_ids`]).
const ID_LISTS_LIMIT: usize = 4096;

thread_local! {
    // By a hash of the symbols' addresses: cheap, and symbols read on one thread that are equal
    // share an address. Per thread, like the symbol table, so loading never waits on a lock.
    static ID_LISTS: RefCell<HashMap<u64, Arc<Vec<Symbol>>>> = RefCell::new(HashMap::new());
}

/// `ids` as a list shared with earlier sections of the same ids, when this thread has seen one.
fn shared_ids(ids: Vec<Symbol>) -> Arc<Vec<Symbol>> {
    let key = ids.iter().fold(ids.len() as u64, |hash, id| {
        (hash.rotate_left(5) ^ id.address() as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    });
    let same = |list: &Vec<Symbol>, ids: &Vec<Symbol>| {
        list.len() == ids.len()
            && list
                .iter()
                .zip(ids)
                .all(|(a, b)| a.address() == b.address())
    };
    ID_LISTS.with_borrow_mut(|lists| match lists.get(&key) {
        Some(list) if same(list, &ids) => list.clone(),
        Some(_) => Arc::new(ids),
        None => {
            let list = Arc::new(ids);
            if lists.len() < ID_LISTS_LIMIT {
                lists.insert(key, list.clone());
            }
            list
        }
    })
}

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.ids.binary_search_by(|key| key.as_str().cmp(id))
    }

    /// The answer a code stands for.
    fn decode(&self, code: u32) -> &Answer {
        match code.checked_sub(FIRST_OTHER) {
            Some(index) => &self.others[index as usize],
            None => &SHARED[code as usize],
        }
    }

    /// The code for `answer`, adding it to `others` when it has no shared one.
    fn encode(&mut self, answer: Answer) -> u32 {
        match answer {
            Answer::Value(value)
                if (SHARED_MIN..SHARED_MIN + i64::from(SHARED_VALUES)).contains(&value) =>
            {
                (value - SHARED_MIN) as u32
            }
            Answer::Declined => DECLINED_CODE,
            other => {
                self.others.push(other);
                u32::try_from(self.others.len() - 1)
                    .ok()
                    .and_then(|index| index.checked_add(FIRST_OTHER))
                    .expect("fewer than 2^32 answers in a section")
            }
        }
    }

    /// The answer of a code that is being dropped, taken out of `others` if it is there.
    fn take(&mut self, code: u32) -> Answer {
        let Some(index) = code.checked_sub(FIRST_OTHER) else {
            return SHARED[code as usize].clone();
        };
        // The last of `others` moves into the freed place; its code follows it.
        let last = FIRST_OTHER + (self.others.len() - 1) as u32;
        if let Some(moved) = self.codes.iter_mut().find(|c| **c == last) {
            *moved = code;
        }
        self.others.swap_remove(index as usize)
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.position(id)
            .ok()
            .map(|index| self.decode(self.codes[index]))
    }

    /// The answer at `position` in id order (the position of its id in [`Answers::keys`]).
    pub fn value_at(&self, position: usize) -> Option<&Answer> {
        self.codes.get(position).map(|&code| self.decode(code))
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.position(id).is_ok()
    }

    /// Sets the answer to `id`, returning the one it replaces. Takes a `String` as it always has
    /// (so `"id".into()` still reads); the id is interned.
    pub fn insert(&mut self, id: String, answer: Answer) -> Option<Answer> {
        match self.position(&id) {
            Ok(index) => {
                let old = self.take(self.codes[index]);
                self.codes[index] = self.encode(answer);
                Some(old)
            }
            Err(index) => {
                Arc::make_mut(&mut self.ids).insert(index, Symbol::from(id));
                let code = self.encode(answer);
                self.codes.insert(index, code);
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.position(id).ok().map(|index| {
            Arc::make_mut(&mut self.ids).remove(index);
            let code = self.codes.remove(index);
            self.take(code)
        })
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// (id, answer) in id order.
    pub fn iter(&self) -> AnswersIter<'_> {
        AnswersIter {
            answers: self,
            ids: self.ids.iter(),
            codes: self.codes.iter(),
        }
    }

    pub fn keys(&self) -> std::slice::Iter<'_, Symbol> {
        self.ids.iter()
    }

    /// The answers in id order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Answer> + '_ {
        self.codes.iter().map(|&code| self.decode(code))
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
        let mut answers = Self::default();
        let mut ids = Vec::with_capacity(entries.len());
        answers.codes.reserve_exact(entries.len());
        for (id, answer) in entries {
            ids.push(id);
            let code = answers.encode(answer);
            answers.codes.push(code);
        }
        answers.others.shrink_to_fit();
        answers.ids = shared_ids(ids);
        answers
    }
}

/// The iterator of [`Answers::iter`]: (id, answer) in id order.
#[derive(Clone)]
pub struct AnswersIter<'a> {
    answers: &'a Answers,
    ids: std::slice::Iter<'a, Symbol>,
    codes: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for AnswersIter<'a> {
    type Item = (&'a Symbol, &'a Answer);

    fn next(&mut self) -> Option<Self::Item> {
        let id = self.ids.next()?;
        let code = *self.codes.next()?;
        Some((id, self.answers.decode(code)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl ExactSizeIterator for AnswersIter<'_> {}

impl PartialEq for Answers {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = (&'a Symbol, &'a Answer);
    type IntoIter = AnswersIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: Into<Symbol>> Extend<(K, Answer)> for Answers {
    fn extend<I: IntoIterator<Item = (K, Answer)>>(&mut self, entries: I) {
        let mut all: Vec<(Symbol, Answer)> = self
            .iter()
            .map(|(id, answer)| (id.clone(), answer.clone()))
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
    fn answers_of_every_kind_survive_replacing_and_removing_in_any_order() {
        // Small numbers and "declined" are shared codes; text, choices and large or negative
        // numbers are held apart, and moving them about must never mix two answers up.
        let kinds = |n: i64| match n % 6 {
            0 => Answer::Value(n),
            1 => Answer::Value(1_000_000 + n),
            2 => Answer::Text(format!("note {n}")),
            3 => Answer::Choices(vec![format!("c{n}"), "d".into()]),
            4 => Answer::Declined,
            _ => Answer::Value(-300 - n),
        };
        let mut answers = Answers::new();
        let mut expected = std::collections::BTreeMap::new();
        for step in 0..300_i64 {
            let id = format!("item{}", (step * 7) % 23);
            if step % 5 == 4 {
                assert_eq!(answers.remove(&id), expected.remove(&id), "step {step}");
            } else {
                let answer = kinds(step);
                assert_eq!(
                    answers.insert(id.clone(), answer.clone()),
                    expected.insert(id, answer),
                    "step {step}"
                );
            }
            let now: Vec<(String, Answer)> = answers
                .iter()
                .map(|(id, answer)| (id.to_string(), answer.clone()))
                .collect();
            let wanted: Vec<(String, Answer)> = expected.clone().into_iter().collect();
            assert_eq!(now, wanted, "step {step}");
        }
        let copy: Answers = expected.clone().into_iter().collect();
        assert_eq!(copy, answers);
        assert_eq!(parse(&crate::storage::to_ron(&answers).unwrap()), answers);
    }

    #[test]
    fn sections_read_with_the_same_ids_share_one_id_list() {
        let first = parse(r#"{"a": Value(1), "b": Text("x")}"#);
        let second = parse(r#"{"a": Value(2), "b": Declined}"#);
        let other = parse(r#"{"a": Value(2)}"#);
        assert!(Arc::ptr_eq(&first.ids, &second.ids));
        assert!(!Arc::ptr_eq(&first.ids, &other.ids));
        // Editing one copies its list first; the other keeps its ids.
        let mut edited = second.clone();
        edited.insert("c".into(), Answer::Value(3));
        assert_eq!(first.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(edited.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
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
