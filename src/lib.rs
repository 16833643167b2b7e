//! HERO Readiness: measure how ready a customer-facing team is to have HEROes (highly empowered and
//! resourceful operatives) and what stands in the way. This library is everything but the window:
//! the questionnaire model, workshop storage, scoring and statistics, charts and exports. The desktop
//! app (`app`) and the command line (`cli`) both drive it; none of these modules imports egui except
//! `app`.

pub mod app;
pub mod bundled;
pub mod charts;
pub mod cli;
pub mod demo;
pub mod export;
pub mod import;
pub mod questionnaire;
pub mod reliability;
pub mod report;
pub mod response;
pub mod response_reader;
pub mod scoring;
pub mod stats;
pub mod storage;
pub mod tally;
pub mod validate;
pub mod watch;
pub mod waves;
pub mod workshop;
