//! Stage 2, grids → records.
//!
//! In: a [`crate::sheet::Sheet`]. Out: the form it holds and where its columns are
//! ([`forms::recognize`]), then each data row as a typed [`validate::Record`] (a registration,
//! a self-assessment, a committee decision, a roster entry) or as findings that say, row by
//! row and column by column, why it was not accepted ([`validate::read_rows`]).
//!
//! Everything here is a pure function of one sheet: the checks that need other files, the
//! roster or the year's deadlines are [`crate::judge`]'s.

pub mod body;
pub mod forms;
pub(crate) mod reported;
pub mod validate;
pub mod values;
pub mod vertical;
