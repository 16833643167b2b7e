//! Fixtures shared by the integration tests.

/// A small questionnaire that is valid; tests break one thing at a time.
pub const SMALL: &str = r#"Questionnaire(
    format_version: 1,
    id: "small",
    version: 1,
    title: "Small",
    dimensions: [
        Dimension(id: "voice", title: "Frontline voice"),
    ],
    items: [
        Item(id: "asked", text: "We are asked about our tools.", dimension: "voice",
             kind: Likert(points: 3, labels: ["No", "Partly", "Yes"])),
        Item(id: "ignored", text: "Our ideas are ignored.", dimension: "voice", reverse: true,
             kind: Likert(points: 3, labels: ["No", "Partly", "Yes"])),
        Item(id: "built", text: "I built a fix.", kind: YesNo),
        Item(id: "told", text: "IT knows about it.", kind: YesNo,
             show_if: ShowIf(item: "built", when: IsYes)),
    ],
    interpretation: Interpretation(
        rank_as_roadblocks: true,
        bands: [DimensionBands(dimension: "voice", bands: [
            Band(from: 1.0, label: "Roadblock", level: Roadblock, recommendation: "Ask them.", owner: Managers),
            Band(from: 2.0, label: "Strong", level: Strong, recommendation: "Keep going.", owner: Heroes),
        ])],
    ),
)"#;
