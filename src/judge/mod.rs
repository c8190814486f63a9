//! Stage 3, records → judged models.
//!
//! In: the accepted records of every file, the [`roster::Roster`] when given, the year's
//! [`crate::rules::Rules`] and the date to judge by. Out: the records with unit names spelled
//! as the roster does, duplicates rejected ([`cross_file`]), and every registration as a
//! [`assess::Model`] with its status on the road to recognition, plus the findings of these
//! checks ([`assess::judge`]).

pub mod assess;
pub mod cross_file;
pub mod names;
pub mod resubmissions;
pub mod roster;
pub mod units;
