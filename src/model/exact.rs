//! Exact values at boundaries: figures computed from small whole numbers carry float noise
//! (13/5 as 2.5999999999999996, an sd of identical values as 9.7e-16); [`snap`] removes it, so a
//! value exactly on a band or zone edge lands in the band that starts there and "no variance" is 0.

/// The grid that summaries are snapped to: a billionth of a point, far below the resolution of any
/// questionnaire scale, yet far above floating-point noise at the size of a score.
pub const RESOLUTION: f64 = 1e-9;

/// How far float noise can move a figure computed from a few thousand answers, relative to its
/// size: sums and divisions of small whole numbers err by a few units in the last place.
const NOISE: f64 = 1e-12;

/// `value` moved to the nearest multiple of [`RESOLUTION`] when it lies within float noise of it,
/// so that 2.5999999999999996 and an sd of 9.7e-16 become the exact figures they stand for (2.6,
/// 0), while a figure like 1/3 keeps its digits. Values too large for the grid to be exact in an
/// f64, and non-finite values, are returned as they are.
pub fn snap(value: f64) -> f64 {
    // Steps per point; exact in an f64, unlike RESOLUTION itself.
    const STEPS: f64 = 1e9;
    // Below this, value × STEPS stays under 2^53, so every grid point is a whole number in an f64.
    const LIMIT: f64 = 1e6;
    if !value.is_finite() || value.abs() >= LIMIT {
        return value;
    }
    // Dividing by the exact 1e9 rather than multiplying by the inexact 1e-9: the quotient is the
    // f64 nearest the grid point, the same f64 that parsing "2.6" gives.
    let snapped = (value * STEPS).round() / STEPS;
    // Only float noise is removed: a figure that really lies between grid points (1/3) keeps
    // every digit it has.
    if (snapped - value).abs() > NOISE * value.abs().max(1.0) {
        return value;
    }
    // No negative zero: "-0" in a table reads as a tiny negative number.
    if snapped == 0.0 { 0.0 } else { snapped }
}
