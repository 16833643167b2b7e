//! Analysis: from a loaded workshop to the figures every output shows — scores under the
//! disclosure rule, descriptive statistics, reliability and the comparison of waves. Pure
//! functions over the model; no I/O.

pub mod reliability;
pub mod scoring;
pub mod stats;
pub mod waves;
