//! Stage 1, files → clean grids.
//!
//! In: the paths a user gave. Out: for each file found, a [`discover::FoundFile`] (a
//! spreadsheet to read, or what is skipped and why) and, for each spreadsheet,
//! a [`read::Workbook`]: its visible sheets as [`crate::sheet::Sheet`] grids, merged regions
//! filled, every text cleaned and legacy TCVN3/VNI text decoded ([`normalize`]), or a
//! [`read::ReadError`] that says why it could not be read.
//!
//! Nothing here interprets a cell: what a sheet means is [`crate::recognize`]'s.

pub mod discover;
pub mod normalize;
pub mod read;
