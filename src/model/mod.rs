//! The model: what a questionnaire, a response and a workshop are, the bundled questionnaires, the
//! meaning check of a questionnaire, what each item kind means, and exact values at boundaries. Plain data and pure functions;
//! nothing here reads a file or knows about any other layer.

pub mod bundled;
pub mod exact;
pub mod item_kind;
pub mod questionnaire;
pub mod response;
pub mod symbol;
pub mod text;
pub mod validate;
pub mod workshop;
