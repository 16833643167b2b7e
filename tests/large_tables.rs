//! Scores of a table large enough to be filled in blocks of rows in parallel (1,000 sections, not
//! a multiple of the 64-row block): every row's show-if condition, declined answers and dimension
//! score land in the right cell, checked against a plain count over the same answers.

use std::path::Path;

use hero_readiness::analysis::scoring::score_questionnaire;
use hero_readiness::model::questionnaire::Questionnaire;
use hero_readiness::model::response::{Answer, Response, Section};
use hero_readiness::storage;

/// `a` is asked only of those who answer yes to `gate`; `a` and `b` make up dimension `d`.
const GATED: &str = r#"Questionnaire(
    format_version: 1,
    id: "gated",
    version: 1,
    title: "Gated",
    dimensions: [Dimension(id: "d", title: "D")],
    items: [
        Item(id: "gate", text: "Gate?", kind: YesNo),
        Item(id: "a", text: "A", kind: Likert(points: 5, labels: ["1", "2", "3", "4", "5"]),
             dimension: "d", show_if: ShowIf(item: "gate", when: IsYes)),
        Item(id: "b", text: "B", kind: Likert(points: 5, labels: ["1", "2", "3", "4", "5"]),
             dimension: "d"),
    ],
)"#;

const SECTIONS: usize = 1000;

/// Section k: gate yes unless k is a multiple of 3; a = k mod 5 + 1 (answered even when not
/// asked); b = 3, or declined when k is a multiple of 11.
fn answers(k: usize) -> (bool, i64, Option<i64>) {
    (
        !k.is_multiple_of(3),
        (k % 5) as i64 + 1,
        (!k.is_multiple_of(11)).then_some(3),
    )
}

#[test]
fn a_thousand_sections_score_as_counted_by_hand() {
    let questionnaire: Questionnaire = storage::parse_ron(Path::new("gated.ron"), GATED).unwrap();
    let responses: Vec<Response> = (0..SECTIONS)
        .map(|k| {
            let (gate, a, b) = answers(k);
            let mut response = Response::new(format!("p{k}"), None, None);
            let section = response.section_mut(&questionnaire, None);
            section
                .answers
                .insert("gate".into(), Answer::Value(i64::from(gate)));
            section.answers.insert("a".into(), Answer::Value(a));
            section
                .answers
                .insert("b".into(), b.map_or(Answer::Declined, Answer::Value));
            response
        })
        .collect();
    let sections: Vec<&Section> = responses.iter().map(|r| &r.sections[0]).collect();
    let score = score_questionnaire(&questionnaire, &sections, None);

    // By hand: a counts where the gate opened it; a section's dimension score is the mean of
    // its answered shown items, none when fewer than half of them are answered.
    let (mut a_answered, mut a_fives, mut b_declined) = (0, 0, 0);
    let mut dimension_values = Vec::new();
    for k in 0..SECTIONS {
        let (gate, a, b) = answers(k);
        if gate {
            a_answered += 1;
            a_fives += usize::from(a == 5);
        }
        b_declined += usize::from(b.is_none());
        let shown = 1 + usize::from(gate);
        let values: Vec<f64> = [gate.then_some(a), b]
            .into_iter()
            .flatten()
            .map(|v| v as f64)
            .collect();
        if !values.is_empty() && values.len() * 2 >= shown {
            dimension_values.push(values.iter().sum::<f64>() / values.len() as f64);
        }
    }
    assert_eq!(a_answered, 666, "1000 less the 334 multiples of 3");

    let item = |id: &str| score.items.iter().find(|item| item.id == id).unwrap();
    assert_eq!(item("a").answered, a_answered);
    assert_eq!(item("a").summary.n, a_answered);
    let fives = item("a").counts.iter().find(|c| c.value == 5).unwrap();
    assert_eq!(fives.count, a_fives);
    assert_eq!(item("b").answered, SECTIONS, "declined counts as answered");
    assert_eq!(item("b").declined, Some(b_declined));
    assert_eq!(item("b").summary.n, SECTIONS - b_declined);

    let dimension = &score.dimensions[0];
    assert_eq!(dimension.summary.n, dimension_values.len());
    let mean = dimension_values.iter().sum::<f64>() / dimension_values.len() as f64;
    let scored = dimension.summary.mean.unwrap();
    assert!((scored - mean).abs() < 1e-9, "{scored} against {mean}");
}
