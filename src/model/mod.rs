//! The model: what a questionnaire, a response and a workshop are, the bundled questionnaires, the
//! meaning check of a questionnaire, and exact values at boundaries. Plain data and pure functions;
//! nothing here reads a file or knows about any other layer.

pub mod bundled;
pub mod exact;
pub mod questionnaire;
pub mod response;
pub mod symbol;
pub mod validate;
pub mod workshop;
