//! HERO Readiness: measure how ready a customer-facing team is to have HEROes (highly empowered and
//! resourceful operatives) and what stands in the way. This library is everything but the window:
//! the questionnaire model, workshop storage, scoring and statistics, charts and exports, and the
//! `session` layer holding every workflow (creating a workshop, a participant's run, a tally, the
//! action plan). The desktop app (`app`) and the command line (`cli`) both drive the session; none
//! of these modules imports egui except `app`.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod inputs;
pub mod model;
pub mod outputs;
pub mod session;
pub mod storage;
