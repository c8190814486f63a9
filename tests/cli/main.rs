//! The integration tests of dvk, one module per former test file: the real `dvk` binary run on
//! generated workbooks, and the library's public API on inputs of every shape.
//!
//! They are one test binary on purpose: each test binary links the whole of dvk and polars, so
//! one binary means one link instead of ten (a much faster CI). Fixtures stay in
//! `tests/fixtures/`; the shared helpers are in `common/`.

mod check;
mod common;
mod config;
mod corpus;
mod cycle;
mod faults;
mod init;
mod intake;
mod layout;
mod missing;
mod parallel;
mod print;
mod properties;
mod report;
mod report_writer;
mod resubmissions;
mod rollup;
mod structure;
mod templates;
mod units;
mod values;
