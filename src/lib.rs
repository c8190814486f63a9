//! dvk: read, check and consolidate the "Dân vận khéo" workbooks of a Party committee's units.
//!
//! The stages, in the order data flows through them (each a folder whose `mod.rs` says what
//! goes in and what comes out):
//!
//! 0. [`collect`]: what the units sent → the inbox. [`collect::sources`] takes the files out
//!    of folders, zip archives and e-mails; [`collect::intake`] reads each spreadsheet as
//!    `dvk check` does ([`pipeline::read_alone`]) and files it by year and unit;
//!    [`collect::receipts`] is the receipt log, whose dates date the undated forms;
//! 1. [`ingest`]: files → clean grids. [`ingest::discover`] finds the files under the paths
//!    given and skips what is not a spreadsheet; [`ingest::read`] opens each workbook with
//!    calamine into [`sheet::Sheet`] grids of [`sheet::CellValue`]s and repairs legacy
//!    TCVN3/VNI text ([`ingest::normalize`]);
//! 2. [`recognize`]: grids → records. [`recognize::forms`] finds which form a sheet holds and
//!    what each column means; [`recognize::values`] reads kinds, fields, yes/no, numbers and
//!    dates the way clerks write them; [`recognize::validate`] turns rows into typed records,
//!    or findings that say why not;
//! 3. [`judge`]: records → judged models. [`judge::cross_file`] matches unit names to the
//!    [`judge::roster`] and rejects duplicates; [`judge::assess`] applies each year's
//!    [`rules`] (deadlines, self-assessments, quotas) and gives each model its status;
//! 4. [`figures`]: judged models → figures. [`figures::aggregate`] counts with polars;
//!    [`figures::missing`] lists what each unit still lacks;
//! 5. [`output`]: every writer — terminal text, JSON, the findings and reminder workbooks, the
//!    yearly and phase reports, the forms — in the Party document format, written atomically.
//!
//! [`pipeline`] drives stages 1–3 over a set of paths (it is what `dvk check` runs, and what
//! `dvk missing` and `dvk report` run first); [`commands`] holds one thin driver per command;
//! [`cli`] parses the command line and dispatches to them. Upstream of the pipeline,
//! [`commands::template`] decides the forms the units fill in, so that they come back right,
//! and [`commands::init`] makes the office's workspace.
//!
//! Every problem found in the files is a [`findings::Finding`]; only a failure of the run
//! itself is an [`error::Error`]. The JSON contract of every command is `docs/json.md`.

pub mod cli;
pub mod collect;
pub mod commands;
pub mod dvk_workbooks;
pub mod error;
pub mod figures;
pub mod findings;
pub mod ingest;
pub mod judge;
pub mod output;
pub mod pipeline;
pub mod recognize;
pub mod rules;
pub mod sheet;
pub mod templates;
pub mod text;
pub mod workspace;
