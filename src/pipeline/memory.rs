//! The pipeline's three memory tricks, each behind one function so that the flow a reader
//! follows in [`super`] says what happens, not how memory is spared.
//!
//! A consolidated sheet of 100,000 rows is a million strings and 100,000 records: copying them
//! from vector to vector, or freeing them on the thread that waits for the checks across files,
//! costs tens of milliseconds (measured on the 100,000-row workbook of `bench/run`).

use crate::recognize::validate::Record;
use crate::sheet::Sheet;

/// Appends `more` to `all`, or takes it whole when `all` is empty and has no more room than
/// `more`: a consolidated sheet's 100,000 records are not copied from one vector to the next,
/// and room made for many files' records is kept.
pub(super) fn take_or_append(all: &mut Vec<Record>, mut more: Vec<Record>) {
    if all.is_empty() && more.capacity() >= all.capacity() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// Frees a large sheet on another core: a consolidated sheet of 100,000 rows is a million
/// strings, 16 ms to free one by one, while the checks across rows wait for nothing from it.
pub(super) fn free_aside(sheet: Sheet) {
    const LARGE_ROWS: usize = 10_000;
    if sheet.rows.len() >= LARGE_ROWS {
        rayon::spawn(move || drop(sheet));
    }
}

/// Ends a report's life without freeing it, for a command about to exit: freeing a large
/// report's every string one by one (16 ms for a consolidated sheet of 100,000 rows) is work
/// the operating system does at once when the process ends.
pub(crate) fn free_at_exit(report: super::check_report::CheckReport) {
    std::mem::forget(report);
}
