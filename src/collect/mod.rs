//! Stage 0, collecting: what the units sent → the inbox and the receipt log.
//!
//! In: the files, folders, `.zip` archives and `.eml` e-mails a clerk downloaded
//! ([`sources`]). Out: each spreadsheet read as `dvk check` reads it
//! ([`crate::pipeline::read_alone`]) and filed under the inbox by year and unit with a name a
//! clerk can scan, letters and PDFs beside it, a later version replacing the earlier (kept in
//! `_thay-the`), what cannot be placed under `chua-xac-dinh` ([`intake`]); and one row per
//! file in the receipt log ([`receipts`]), whose dates later date the undated forms.

pub mod intake;
pub mod receipts;
pub mod sources;
