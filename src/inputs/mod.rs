//! Inputs that are not a participant's own run: answers imported from a spreadsheet, the demo
//! workshop, and a room's tallies turned into responses.

pub mod demo;
pub mod import;
pub mod tally;
