//! What each [`ItemKind`] means, in one place: its value range and options, whether it is scored,
//! which answers fit it, how it reads from and writes to a CSV cell, what a room tally offers and
//! what a participant types or picks. Every `match` here names every kind, so adding a kind makes
//! the compiler list each behaviour it needs; front ends add only how to draw its input.
//!
//! Kept apart from `questionnaire.rs` (the file format) so that file stays readable.

use crate::model::questionnaire::{ChoiceOption, ItemKind};
use crate::model::response::Answer;

/// Between the option ids of a multiple-choice answer in a CSV cell (`a;b`).
pub const CHOICE_SEPARATOR: &str = ";";

/// Items with more options than this are left to individual answers rather than tallied.
pub const MAX_TALLY_OPTIONS: usize = 31;

/// How a participant gives an answer of a kind, whatever draws the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// One of [`ItemKind::options`]; picking it is the whole answer.
    PickOne,
    /// Any number of [`ItemKind::options`], toggled one by one.
    PickSeveral,
    /// Typed text, read by [`ItemKind::parse_typed`].
    Typed,
}

impl ItemKind {
    /// Range of the numeric value, for kinds that have one.
    pub fn value_range(&self) -> Option<(f64, f64)> {
        match self {
            ItemKind::Likert { points, .. } => Some((1.0, f64::from(*points))),
            ItemKind::Scale { min, max, .. } => Some((*min as f64, *max as f64)),
            ItemKind::YesNo => Some((0.0, 1.0)),
            ItemKind::SingleChoice { options } => {
                let scores: Vec<f64> = options
                    .iter()
                    .enumerate()
                    .map(|(index, option)| option.score.unwrap_or(index as f64 + 1.0))
                    .collect();
                let min = scores.iter().copied().fold(f64::INFINITY, f64::min);
                let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                (min <= max).then_some((min, max))
            }
            ItemKind::Count { max } => Some((0.0, f64::from(*max))),
            ItemKind::MultipleChoice { .. } | ItemKind::Text { .. } => None,
        }
    }

    /// Short name used in the codebook, the score JSON and the validator.
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::Likert { .. } => "likert",
            ItemKind::Scale { .. } => "scale",
            ItemKind::YesNo => "yes-no",
            ItemKind::SingleChoice { .. } => "single-choice",
            ItemKind::MultipleChoice { .. } => "multiple-choice",
            ItemKind::Count { .. } => "count",
            ItemKind::Text { .. } => "text",
        }
    }

    /// Whether answers of this kind feed dimension scores.
    pub fn is_scored(&self) -> bool {
        self.value_range().is_some()
    }

    /// The declared options of a choice kind; `None` for kinds answered with a number or text.
    pub fn choice_options(&self) -> Option<&[ChoiceOption]> {
        match self {
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                Some(options)
            }
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::Count { .. }
            | ItemKind::Text { .. } => None,
        }
    }

    /// The discrete answer options as (value, label), for counts per option and charts. Counts and
    /// wide scales list every whole number in range; choice options are numbered by position from 0.
    pub fn value_labels(&self) -> Vec<(i64, String)> {
        match self {
            ItemKind::Likert { points, labels } => (1..=i64::from(*points))
                .map(|value| {
                    let label = labels
                        .get(value as usize - 1)
                        .cloned()
                        .unwrap_or_else(|| value.to_string());
                    (value, label)
                })
                .collect(),
            ItemKind::Scale {
                min,
                max,
                min_label,
                max_label,
            } => (*min..=*max)
                .map(|value| {
                    let label = if value == *min {
                        format!("{value} – {min_label}")
                    } else if value == *max {
                        format!("{value} – {max_label}")
                    } else {
                        value.to_string()
                    };
                    (value, label)
                })
                .collect(),
            ItemKind::YesNo => vec![(1, "Yes".to_owned()), (0, "No".to_owned())],
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => options
                .iter()
                .enumerate()
                .map(|(index, option)| (index as i64, option.label.clone()))
                .collect(),
            ItemKind::Count { max } => (0..=i64::from(*max))
                .map(|value| (value, value.to_string()))
                .collect(),
            ItemKind::Text { .. } => Vec::new(),
        }
    }

    /// Every answer that is one option of this kind, with its label, in the questionnaire's order:
    /// a value for numeric kinds, an option id for choice kinds (a multiple-choice answer is a set
    /// of these), nothing for free text.
    pub fn options(&self) -> Vec<(Answer, String)> {
        match self {
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::Count { .. } => self
                .value_labels()
                .into_iter()
                .map(|(value, label)| (Answer::Value(value), label))
                .collect(),
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => options
                .iter()
                .map(|option| (Answer::Choice(option.id.clone()), option.label.clone()))
                .collect(),
            ItemKind::Text { .. } => Vec::new(),
        }
    }

    /// The options a facilitator counts hands for, as (answer, label); `None` when the kind cannot
    /// be tallied (one person, several options; free text) or has more than [`MAX_TALLY_OPTIONS`].
    pub fn tally_options(&self) -> Option<Vec<(Answer, String)>> {
        match self {
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::Count { .. }
            | ItemKind::SingleChoice { .. } => {
                let options = self.options();
                (options.len() <= MAX_TALLY_OPTIONS).then_some(options)
            }
            ItemKind::MultipleChoice { .. } | ItemKind::Text { .. } => None,
        }
    }

    /// How a participant answers this kind.
    pub fn entry(&self) -> Entry {
        match self {
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::SingleChoice { .. } => Entry::PickOne,
            ItemKind::MultipleChoice { .. } => Entry::PickSeveral,
            ItemKind::Count { .. } | ItemKind::Text { .. } => Entry::Typed,
        }
    }

    /// The number key (0–9) that picks each of [`options`](Self::options), for keyboards. A scale
    /// whose values are single digits is picked by its value, a 1–10 scale by 0 for 10; other
    /// lists are numbered 1–9 by position. Typed kinds have no options to pick.
    pub fn digit_keys(&self) -> Vec<Option<usize>> {
        let by_position = |count: usize| -> Vec<Option<usize>> {
            (0..count)
                .map(|index| (index < 9).then_some(index + 1))
                .collect()
        };
        match self {
            ItemKind::Scale { min, max, .. } => (*min..=*max)
                .enumerate()
                .map(|(index, value)| {
                    if *min >= 0 && *max <= 9 {
                        Some(value as usize)
                    } else if *min == 1 && *max == 10 {
                        Some(value as usize % 10)
                    } else {
                        (index < 9).then_some(index + 1)
                    }
                })
                .collect(),
            ItemKind::Likert { points, .. } => by_position(*points as usize),
            ItemKind::YesNo => by_position(2),
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => {
                by_position(options.len())
            }
            ItemKind::Count { .. } | ItemKind::Text { .. } => Vec::new(),
        }
    }

    /// Reads what a participant typed for a [`Entry::Typed`] kind: a whole number in range for a
    /// count, the trimmed words for text. `None` when it is not (yet) an answer.
    pub fn parse_typed(&self, typed: &str) -> Option<Answer> {
        let typed = typed.trim();
        match self {
            ItemKind::Count { max } => typed
                .parse::<i64>()
                .ok()
                .filter(|value| (0..=i64::from(*max)).contains(value))
                .map(Answer::Value),
            ItemKind::Text { .. } => (!typed.is_empty()).then(|| Answer::Text(typed.to_owned())),
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::SingleChoice { .. }
            | ItemKind::MultipleChoice { .. } => None,
        }
    }

    /// The text a typed input starts with when the participant comes back to an answer.
    pub fn typed_text(&self, answer: Option<&Answer>) -> String {
        match (self, answer) {
            (ItemKind::Text { .. }, Some(Answer::Text(text))) => text.clone(),
            (ItemKind::Count { .. }, Some(Answer::Value(value))) => value.to_string(),
            (
                ItemKind::Likert { .. }
                | ItemKind::Scale { .. }
                | ItemKind::YesNo
                | ItemKind::SingleChoice { .. }
                | ItemKind::MultipleChoice { .. }
                | ItemKind::Count { .. }
                | ItemKind::Text { .. },
                _,
            ) => String::new(),
        }
    }

    /// The numeric value of `answer` used for scoring, before reverse-coding; `None` for
    /// unscored kinds and for answers that do not fit (out of range, unknown option).
    pub fn numeric_value(&self, answer: &Answer) -> Option<f64> {
        match self {
            ItemKind::Likert { .. }
            | ItemKind::Scale { .. }
            | ItemKind::YesNo
            | ItemKind::Count { .. } => {
                let Answer::Value(value) = answer else {
                    return None;
                };
                let (min, max) = self.value_range()?;
                let value = *value as f64;
                (min..=max).contains(&value).then_some(value)
            }
            ItemKind::SingleChoice { options } => {
                let Answer::Choice(id) = answer else {
                    return None;
                };
                options
                    .iter()
                    .position(|option| &option.id == id)
                    .map(|index| options[index].score.unwrap_or(index as f64 + 1.0))
            }
            ItemKind::MultipleChoice { .. } | ItemKind::Text { .. } => None,
        }
    }

    /// Why `answer` does not fit this kind, if it does not. "Prefer not to answer" fits any kind.
    pub fn mismatch(&self, answer: &Answer) -> Option<String> {
        let fits = match (self, answer) {
            (_, Answer::Declined) => true,
            (
                ItemKind::Likert { .. }
                | ItemKind::Scale { .. }
                | ItemKind::YesNo
                | ItemKind::Count { .. },
                Answer::Value(_),
            ) => {
                return self.numeric_value(answer).is_none().then(|| {
                    let (min, max) = self.value_range().unwrap_or((0.0, 0.0));
                    format!("value out of range, expected {min} to {max}")
                });
            }
            (ItemKind::SingleChoice { options }, Answer::Choice(id)) => {
                options.iter().any(|option| &option.id == id)
            }
            (ItemKind::MultipleChoice { options }, Answer::Choices(ids)) => ids
                .iter()
                .all(|id| options.iter().any(|option| &option.id == id)),
            (ItemKind::Text { .. }, Answer::Text(_)) => true,
            (
                ItemKind::Likert { .. }
                | ItemKind::Scale { .. }
                | ItemKind::YesNo
                | ItemKind::Count { .. }
                | ItemKind::SingleChoice { .. }
                | ItemKind::MultipleChoice { .. }
                | ItemKind::Text { .. },
                Answer::Value(_) | Answer::Choice(_) | Answer::Choices(_) | Answer::Text(_),
            ) => false,
        };
        (!fits).then(|| format!("answer {answer:?} does not fit a {} item", self.name()))
    }

    /// The positions (from 0, as in [`value_labels`](Self::value_labels)) of the options a choice
    /// answer counts towards; empty for other kinds and for answers that do not fit.
    pub fn chosen_positions(&self, answer: &Answer) -> Vec<i64> {
        let position = |options: &[ChoiceOption], id: &str| {
            options
                .iter()
                .position(|option| option.id == id)
                .map(|index| index as i64)
        };
        match (self, answer) {
            (ItemKind::SingleChoice { options }, Answer::Choice(id)) => {
                position(options, id).into_iter().collect()
            }
            (ItemKind::MultipleChoice { options }, Answer::Choices(ids)) => {
                ids.iter().filter_map(|id| position(options, id)).collect()
            }
            (
                ItemKind::SingleChoice { .. }
                | ItemKind::MultipleChoice { .. }
                | ItemKind::Likert { .. }
                | ItemKind::Scale { .. }
                | ItemKind::YesNo
                | ItemKind::Count { .. }
                | ItemKind::Text { .. },
                _,
            ) => Vec::new(),
        }
    }

    /// Reads the text of a CSV cell (guard removed; not empty, not "prefer not to answer") as the
    /// answer this kind stores, or says why it cannot: whole numbers in range (spreadsheets' `3.0`
    /// too; `yes`/`no` for yes/no), option ids (`a;b` for several), text exactly as written.
    pub fn parse_cell(&self, text: &str) -> Result<Answer, String> {
        let whole_number = |text: &str| -> Result<i64, String> {
            let trimmed = text.trim();
            if let Ok(value) = trimmed.parse::<i64>() {
                return Ok(value);
            }
            // Spreadsheets like to write 3 as "3.0".
            match trimmed.parse::<f64>() {
                Ok(value) if value.fract() == 0.0 && value.abs() < 1e15 => Ok(value as i64),
                _ => Err(format!("\"{trimmed}\" is not a whole number")),
            }
        };
        let in_range = |value: i64| -> Result<Answer, String> {
            let (min, max) = self.value_range().unwrap_or((0.0, 0.0));
            if (min..=max).contains(&(value as f64)) {
                Ok(Answer::Value(value))
            } else {
                Err(format!("{value} is out of range {min}–{max}"))
            }
        };
        match self {
            ItemKind::Likert { .. } | ItemKind::Scale { .. } | ItemKind::Count { .. } => {
                in_range(whole_number(text)?)
            }
            ItemKind::YesNo => match text.trim().to_lowercase().as_str() {
                "yes" => Ok(Answer::Value(1)),
                "no" => Ok(Answer::Value(0)),
                _ => whole_number(text)
                    .map_err(|_| format!("\"{}\" is not 1 (yes) or 0 (no)", text.trim()))
                    .and_then(in_range),
            },
            ItemKind::SingleChoice { options } => {
                let id = text.trim();
                if options.iter().any(|option| option.id == id) {
                    Ok(Answer::Choice(id.to_owned()))
                } else {
                    Err(unknown_option(id, options))
                }
            }
            ItemKind::MultipleChoice { options } => {
                let ids: Vec<String> = text
                    .split(CHOICE_SEPARATOR)
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(str::to_owned)
                    .collect();
                match ids
                    .iter()
                    .find(|id| !options.iter().any(|option| &option.id == *id))
                {
                    Some(bad) => Err(unknown_option(bad, options)),
                    None => Ok(Answer::Choices(ids)),
                }
            }
            // Kept exactly as written: notes are the participant's words.
            ItemKind::Text { .. } => Ok(Answer::Text(text.to_owned())),
        }
    }

    /// The codebook's `labels` column: what each stored code means (`1=Yes; 0=No`, `a=Option A`),
    /// the two ends of a scale, nothing for counts and text.
    pub fn codebook_labels(&self) -> String {
        match self {
            ItemKind::SingleChoice { options } | ItemKind::MultipleChoice { options } => options
                .iter()
                .map(|option| format!("{}={}", option.id, option.label))
                .collect::<Vec<_>>()
                .join("; "),
            ItemKind::Likert { .. } | ItemKind::YesNo => self
                .value_labels()
                .iter()
                .map(|(value, label)| format!("{value}={label}"))
                .collect::<Vec<_>>()
                .join("; "),
            ItemKind::Scale {
                min,
                max,
                min_label,
                max_label,
            } => format!("{min}={min_label}; {max}={max_label}"),
            ItemKind::Count { .. } | ItemKind::Text { .. } => String::new(),
        }
    }
}

fn unknown_option(id: &str, options: &[ChoiceOption]) -> String {
    let known: Vec<&str> = options.iter().map(|option| option.id.as_str()).collect();
    format!(
        "\"{id}\" is not an option; expected one of {}",
        known.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(id: &str, score: Option<f64>) -> ChoiceOption {
        ChoiceOption {
            id: id.to_owned(),
            label: format!("Option {id}"),
            score,
        }
    }

    fn likert(points: u32) -> ItemKind {
        ItemKind::Likert {
            points,
            labels: (1..=points).map(|point| format!("L{point}")).collect(),
        }
    }

    fn scale(min: i64, max: i64) -> ItemKind {
        ItemKind::Scale {
            min,
            max,
            min_label: "low".to_owned(),
            max_label: "high".to_owned(),
        }
    }

    fn single() -> ItemKind {
        ItemKind::SingleChoice {
            options: vec![
                option("a", None),
                option("b", Some(-2.0)),
                option("c", None),
            ],
        }
    }

    fn multiple() -> ItemKind {
        ItemKind::MultipleChoice {
            options: vec![option("a", None), option("b", None)],
        }
    }

    /// One of every kind, so a test over all of them grows with the enum.
    fn every_kind() -> Vec<ItemKind> {
        vec![
            likert(5),
            scale(-5, 5),
            ItemKind::YesNo,
            single(),
            multiple(),
            ItemKind::Count { max: 30 },
            ItemKind::Text { multiline: true },
        ]
    }

    fn value(value: i64) -> Result<Answer, String> {
        Ok(Answer::Value(value))
    }

    #[test]
    fn numeric_cells_are_whole_numbers_in_the_kinds_range() {
        assert_eq!(likert(5).parse_cell("4"), value(4));
        assert_eq!(
            likert(5).parse_cell(" 3.0 "),
            value(3),
            "a spreadsheet's 3.0"
        );
        assert_eq!(
            likert(5).parse_cell("6"),
            Err("6 is out of range 1–5".to_owned())
        );
        assert_eq!(
            likert(5).parse_cell("3.5"),
            Err("\"3.5\" is not a whole number".to_owned())
        );
        assert_eq!(scale(-5, 5).parse_cell("-5"), value(-5));
        assert!(scale(-5, 5).parse_cell("6").is_err());
        assert_eq!(ItemKind::Count { max: 30 }.parse_cell("0"), value(0));
        assert!(ItemKind::Count { max: 30 }.parse_cell("-1").is_err());
    }

    #[test]
    fn yes_no_cells_read_words_or_one_and_zero() {
        assert_eq!(ItemKind::YesNo.parse_cell("Yes"), value(1));
        assert_eq!(ItemKind::YesNo.parse_cell(" no "), value(0));
        assert_eq!(ItemKind::YesNo.parse_cell("1"), value(1));
        assert_eq!(ItemKind::YesNo.parse_cell("0"), value(0));
        assert!(ItemKind::YesNo.parse_cell("2").is_err());
        assert_eq!(
            ItemKind::YesNo.parse_cell("maybe"),
            Err("\"maybe\" is not 1 (yes) or 0 (no)".to_owned())
        );
    }

    #[test]
    fn choice_cells_name_declared_options() {
        assert_eq!(single().parse_cell(" b "), Ok(Answer::Choice("b".into())));
        assert_eq!(
            single().parse_cell("z"),
            Err("\"z\" is not an option; expected one of a, b, c".to_owned())
        );
        assert_eq!(
            multiple().parse_cell("b; a;;"),
            Ok(Answer::Choices(vec!["b".into(), "a".into()]))
        );
        assert!(multiple().parse_cell("a;z").is_err());
    }

    #[test]
    fn text_cells_are_kept_exactly_as_written() {
        let kind = ItemKind::Text { multiline: false };
        assert_eq!(
            kind.parse_cell("  two spaces; a semicolon "),
            Ok(Answer::Text("  two spaces; a semicolon ".into()))
        );
    }

    #[test]
    fn every_option_written_as_a_cell_reads_back_as_the_same_answer() {
        for kind in every_kind() {
            for (answer, _) in kind.options() {
                let cell = match &answer {
                    Answer::Value(value) => value.to_string(),
                    Answer::Choice(id) => id.clone(),
                    other => panic!("{other:?} is not one option"),
                };
                // A multiple-choice option is stored as a set of one.
                let expected = match (&kind, answer) {
                    (ItemKind::MultipleChoice { .. }, Answer::Choice(id)) => {
                        Answer::Choices(vec![id])
                    }
                    (_, answer) => answer,
                };
                assert_eq!(kind.parse_cell(&cell), Ok(expected), "{}", kind.name());
            }
        }
    }

    #[test]
    fn value_ranges_follow_the_declaration() {
        assert_eq!(likert(5).value_range(), Some((1.0, 5.0)));
        assert_eq!(scale(-5, 5).value_range(), Some((-5.0, 5.0)));
        assert_eq!(ItemKind::YesNo.value_range(), Some((0.0, 1.0)));
        // Scores where given, positions (from 1) where not: a 1, b −2, c 3.
        assert_eq!(single().value_range(), Some((-2.0, 3.0)));
        assert_eq!(
            ItemKind::SingleChoice { options: vec![] }.value_range(),
            None
        );
        assert_eq!(ItemKind::Count { max: 30 }.value_range(), Some((0.0, 30.0)));
        assert_eq!(multiple().value_range(), None);
        assert_eq!(ItemKind::Text { multiline: false }.value_range(), None);
        let scored: Vec<&str> = every_kind()
            .iter()
            .filter(|kind| kind.is_scored())
            .map(ItemKind::name)
            .collect();
        assert_eq!(
            scored,
            ["likert", "scale", "yes-no", "single-choice", "count"]
        );
    }

    #[test]
    fn a_single_choice_scores_its_options_score_or_position() {
        let kind = single();
        assert_eq!(kind.numeric_value(&Answer::Choice("a".into())), Some(1.0));
        assert_eq!(kind.numeric_value(&Answer::Choice("b".into())), Some(-2.0));
        assert_eq!(kind.numeric_value(&Answer::Choice("c".into())), Some(3.0));
        assert_eq!(kind.numeric_value(&Answer::Choice("z".into())), None);
        assert_eq!(likert(5).numeric_value(&Answer::Value(6)), None);
        assert_eq!(likert(5).numeric_value(&Answer::Choice("a".into())), None);
    }

    #[test]
    fn tally_options_are_the_pickable_answers_of_one_choice_kinds() {
        assert_eq!(
            ItemKind::YesNo.tally_options(),
            Some(vec![
                (Answer::Value(1), "Yes".to_owned()),
                (Answer::Value(0), "No".to_owned())
            ])
        );
        assert_eq!(
            single().tally_options().unwrap()[1],
            (Answer::Choice("b".into()), "Option b".to_owned())
        );
        assert_eq!(
            scale(1, 3).tally_options().unwrap(),
            [
                (Answer::Value(1), "1 – low".to_owned()),
                (Answer::Value(2), "2".to_owned()),
                (Answer::Value(3), "3 – high".to_owned()),
            ]
        );
        assert_eq!(likert(5).tally_options().unwrap().len(), 5);
        // One person may pick several, or write words: nothing to count hands for.
        assert_eq!(multiple().tally_options(), None);
        assert_eq!(ItemKind::Text { multiline: false }.tally_options(), None);
        // 0–30 is 31 options, the most a tally shows.
        assert_eq!(
            ItemKind::Count { max: 30 }.tally_options().unwrap().len(),
            31
        );
        assert_eq!(ItemKind::Count { max: 31 }.tally_options(), None);
    }

    #[test]
    fn number_keys_pick_single_digit_scales_by_value_and_lists_by_position() {
        assert_eq!(
            scale(0, 5).digit_keys(),
            [0, 1, 2, 3, 4, 5].map(Some).to_vec()
        );
        let one_to_ten = scale(1, 10).digit_keys();
        assert_eq!(one_to_ten[0], Some(1));
        assert_eq!(one_to_ten[9], Some(0), "0 picks 10");
        let zero_to_ten = scale(0, 10).digit_keys();
        assert_eq!((zero_to_ten[0], zero_to_ten[8]), (Some(1), Some(9)));
        assert_eq!((zero_to_ten[9], zero_to_ten[10]), (None, None));
        // Yes is listed first, so it is key 1 and No key 2 (not 1 and 0).
        assert_eq!(ItemKind::YesNo.digit_keys(), [Some(1), Some(2)]);
        assert!(ItemKind::Count { max: 5 }.digit_keys().is_empty());
        for kind in every_kind() {
            if kind.entry() != Entry::Typed {
                assert_eq!(
                    kind.digit_keys().len(),
                    kind.options().len(),
                    "{}",
                    kind.name()
                );
            }
        }
    }

    #[test]
    fn typed_answers_are_whole_numbers_in_range_or_non_empty_words() {
        let count = ItemKind::Count { max: 30 };
        assert_eq!(count.parse_typed(" 7 "), Some(Answer::Value(7)));
        assert_eq!(count.parse_typed("31"), None);
        assert_eq!(count.parse_typed("3.0"), None);
        assert_eq!(count.typed_text(Some(&Answer::Value(7))), "7");
        let text = ItemKind::Text { multiline: true };
        assert_eq!(
            text.parse_typed("  more time \n"),
            Some(Answer::Text("more time".into()))
        );
        assert_eq!(text.parse_typed("   "), None);
        assert_eq!(text.typed_text(Some(&Answer::Text("x".into()))), "x");
        assert_eq!(text.typed_text(None), "");
        assert_eq!(likert(5).parse_typed("3"), None, "picked, not typed");
    }

    #[test]
    fn declined_fits_every_kind_and_other_answers_only_their_own() {
        for kind in every_kind() {
            assert_eq!(kind.mismatch(&Answer::Declined), None, "{}", kind.name());
        }
        assert_eq!(
            likert(5).mismatch(&Answer::Value(6)),
            Some("value out of range, expected 1 to 5".to_owned())
        );
        assert_eq!(
            ItemKind::Text { multiline: false }.mismatch(&Answer::Value(1)),
            Some("answer Value(1) does not fit a text item".to_owned())
        );
        assert_eq!(
            multiple().mismatch(&Answer::Choices(vec!["a".into()])),
            None
        );
        assert!(multiple().mismatch(&Answer::Choice("a".into())).is_some());
        assert_eq!(
            multiple().chosen_positions(&Answer::Choices(vec!["b".into(), "z".into()])),
            [1]
        );
    }

    #[test]
    fn the_codebook_says_what_each_code_means() {
        assert_eq!(ItemKind::YesNo.codebook_labels(), "1=Yes; 0=No");
        assert_eq!(
            single().codebook_labels(),
            "a=Option a; b=Option b; c=Option c"
        );
        assert_eq!(scale(1, 10).codebook_labels(), "1=low; 10=high");
        assert_eq!(ItemKind::Count { max: 3 }.codebook_labels(), "");
    }
}
