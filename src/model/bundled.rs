//! The questionnaires that ship inside the binary, so a fresh install works with no files around it.
//! Their sources are the `.ron` files in the repository's `questionnaires/` folder.

/// (file name, RON text) of every bundled questionnaire, in the order they are offered.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "hero-index.ron",
        include_str!("../../questionnaires/hero-index.ron"),
    ),
    (
        "roadblocks.ron",
        include_str!("../../questionnaires/roadblocks.ron"),
    ),
    (
        "effort-value.ron",
        include_str!("../../questionnaires/effort-value.ron"),
    ),
    (
        "customer-dialogue.ron",
        include_str!("../../questionnaires/customer-dialogue.ron"),
    ),
    (
        "customer-efficiency.ron",
        include_str!("../../questionnaires/customer-efficiency.ron"),
    ),
    (
        "customer-profiles.ron",
        include_str!("../../questionnaires/customer-profiles.ron"),
    ),
];
