//! dvk: read, check and consolidate the "Dân vận khéo" workbooks of a Party committee's cells.
//!
//! The pipeline, in the order data flows through it:
//!
//! 1. [`discover`]: find the files under the paths given, and skip what is not a spreadsheet;
//! 2. [`read`]: open each workbook with calamine into plain [`read::Sheet`] grids;
//! 3. [`text`]: normalize every text (NFC, white space, legacy TCVN3/VNI encodings);
//! 4. [`forms`]: recognize which form a sheet holds and where its columns are;
//! 5. [`values`]: parse kinds, fields, yes/no, numbers and dates the way clerks write them;
//! 6. [`validate`]: turn rows into typed records, or findings that say why not;
//! 7. [`check`]: the checks across files: [`roster`], duplicates;
//! 8. [`assess`]: the rules of each year ([`rules`], [`config`]): deadlines, self-assessments,
//!    quotas, each model's status; [`missing`] lists what each cell still lacks;
//! 9. [`output`]: print or write the findings (terminal text, JSON, Excel).
//!
//! Upstream of the pipeline, [`template`] writes the forms the cells fill in (so that they come
//! back right), and [`init`] makes the office's workspace (config, roster, inbox, forms).
//!
//! Every problem found in the files is a [`findings::Finding`]; only a failure of the run
//! itself is an [`error::Error`].

pub mod aggregate;
pub mod assess;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod error;
pub mod findings;
pub mod forms;
pub mod init;
pub mod missing;
pub mod output;
pub mod read;
pub mod report;
pub mod roster;
pub mod rules;
pub mod template;
pub mod text;
pub mod validate;
pub mod values;
