//! Outputs, all drawn from a score: charts (PNG, SVG, the window's textures), the one-file HTML
//! report, and CSV and text tables.

pub mod charts;
pub mod export;
pub mod report;
