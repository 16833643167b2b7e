//! Tuning of mimalloc, the allocator of the `hero-readiness` binary and the benchmarks. Each of
//! them installs `mimalloc::MiMalloc` as its global allocator and calls [`tune`] first thing, so
//! that the figures the benchmarks report are the app's.

// Links mimalloc (and its exported `mi_option_set`) into every program that calls `tune`.
extern crate mimalloc as _;

/// mimalloc's `mi_option_purge_delay` (its `mi_option_t` value in the bundled mimalloc 2).
const PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// Gives freed memory back to the system at once rather than 10 ms (100 ms for whole arenas)
/// later. Loading and scoring free large blocks (file text, answer tables) in quick succession;
/// with the delay, the freed pages still count as resident when the next ones are touched, which
/// put about 20 MB on the peak of a 10,000-person workshop and about 90 MB on a 100,000-person one
/// (see the README's "Benchmarks"). Costs a little system time for the extra `madvise` calls.
pub fn tune() {
    // SAFETY: sets one integer option; mimalloc reads options afresh on each purge decision.
    unsafe { mi_option_set(PURGE_DELAY, 0) };
}
