//! HERO Readiness: measure how ready a customer-facing team is to have HEROes (highly empowered and
//! resourceful operatives) and what stands in the way. This library is everything but the window;
//! the desktop app (`app`, behind the `gui` feature), the command line (`cli`) and the room server
//! (`room`: phones answer in a browser on the local network) are front ends over it.
//!
//! # Layers
//!
//! Each layer may use the ones above it in this list, never the ones below; the compiler enforces
//! the last step (without the `gui` feature there is no egui, eframe or rfd in the build, and CI
//! builds that way).
//!
//! | layer | owns |
//! | --- | --- |
//! | [`model`] | what a questionnaire, a response and a workshop are; the meaning check of a questionnaire; exact values at band and zone edges; the three-way merge of two edits of `workshop.ron`. Plain data, no I/O. |
//! | [`storage`] | every byte on disk: the one atomic writer, safe reading (regular files, size caps, BOM, UTF-8), the questionnaire catalogue, the workshop folder (open, save compare-and-swap, refresh), the fast response reader, the CSV layout, the folder watcher. |
//! | [`analysis`] | scores under the disclosure rule, statistics, reliability, waves. Pure functions over loaded data. |
//! | [`inputs`], [`outputs`] | answers that arrive other than by a participant's run (CSV import, the demo, tallies); everything drawn or written from a score (charts, report, CSV and text tables). |
//! | [`session`] | the workflows every front end shares: create and open workshops, a participant's run, tallies, the action plan and settings. |
//! | `app`, [`cli`], [`room`] | front ends: draw (or serve pages), edit drafts, turn clicks, arguments and form posts into calls below. |
//!
//! # One way from a file to a chart
//!
//! `storage::folder::WorkshopFolder::open` reads `workshop.ron`, the catalogue and every response
//! file (problems collected, never fatal) → `analysis::scoring::score_workshop` builds one answer
//! table per questionnaire, scores the whole team and every group from it and applies the
//! disclosure rule, giving a `WorkshopScore` → `outputs::charts::from_score` turns the score into
//! chart data → one drawing function per chart kind renders it to an RGB texture (the window), PNG or
//! SVG; the report, the CSV of scores and the text table read the same score. Nothing downstream of
//! the score goes back to the raw answers.
//!
//! # Where a change goes
//!
//! - A new chart: its data type in `outputs/charts/data.rs`, one drawing file in `outputs/charts/`,
//!   its adapter in `outputs/charts/from_score.rs` (3 files, plus `ChartKind` in `charts/mod.rs`).
//! - A new item kind: the variant in `model/questionnaire.rs`, its behaviour (range, options,
//!   CSV cells, tallies, typed input) in `model/item_kind.rs`, its meaning check in
//!   `model/validate.rs`, demo answers in `inputs/demo.rs`, and the one arm that draws its input in
//!   `app/runner.rs` (5 files); every `match` on a kind is exhaustive, so the compiler lists them.
//! - A new workshop list to ask a questionnaire once per entry of (like projects and channels): a
//!   variant of `AskedPer` in `model/questionnaire.rs` with its list in `AskedPer::entries`, the
//!   list in `model/workshop.rs` (with its merge and its checks), and its editors in the CLI and
//!   the app. The run, scores per entry, disclosure, CSV, report and charts follow by themselves.
//! - A new export format: one file in `outputs/` reading a `WorkshopScore`, one CLI command.
//! - A new app screen: a `Screen` variant and one `*_ui` file in `app/`; work it triggers is a
//!   `Command` applied after the frame, calling the session layer.
//! - A new front end (the room server): a module beside `app` and `cli` that calls the session
//!   layer and reads scores; it must build without the `gui` feature.

pub mod allocator;
pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod cli;
pub mod inputs;
pub mod model;
pub mod outputs;
pub mod room;
pub mod session;
pub mod storage;
