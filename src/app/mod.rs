//! The desktop window (in progress).
