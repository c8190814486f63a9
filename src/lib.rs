//! dvk: read, check and consolidate the "Dân vận khéo" workbooks of a Party committee's cells.
//!
//! The pipeline, in the order data flows through it:
//!
//! 1. [`discover`]: find the files under the paths given, and skip what is not a spreadsheet;
//! 2. [`read`]: open each workbook with calamine into plain [`read::Sheet`] grids;
//! 3. [`text`]: normalize every text (NFC, white space, legacy TCVN3/VNI encodings);
//! 4. [`values`]: parse kinds, fields, yes/no, numbers and dates the way clerks write them;
//! 5. [`forms`]: recognize which form a sheet holds and where its columns are;
//! 6. [`validate`]: turn rows into typed records, or findings that say why not;
//! 7. [`output`]: print or write the findings (terminal text, JSON, Excel).
//!
//! [`check`] runs the whole pipeline for the `dvk check` command.

pub mod read;
pub mod text;
pub mod values;
