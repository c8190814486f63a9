//! Stage 4, judged models → figures.
//!
//! In: the [`crate::judge::assess::Model`]s of a check, the roster and the rules. Out: the
//! counts by unit, year, kind, field and phase ([`aggregate`], with polars) and, for a cycle
//! year, what each unit still lacks as of a date ([`missing`]). Computation only: writing the
//! figures is [`crate::output`]'s.

pub mod aggregate;
pub mod feedback;
pub mod missing;
pub mod report;
