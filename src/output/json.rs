//! `--json`: the machine-readable output, exactly as INTERFACE.md shows it.

use serde::Serialize;

use crate::check::{CheckReport, FileEntry, Summary};
use crate::findings::Finding;

#[derive(Serialize)]
struct CheckJson<'a> {
    summary: &'a Summary,
    files: &'a [FileEntry],
    issues: &'a [Finding],
}

/// The JSON document of `dvk check --json`.
///
/// # Example
///
/// ```
/// use dvk::check::CheckReport;
///
/// let json = dvk::output::json::check_json(&CheckReport::default());
/// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(value["summary"]["rows"], 0);
/// assert!(value["issues"].as_array().unwrap().is_empty());
/// ```
pub fn check_json(report: &CheckReport) -> String {
    let document = CheckJson {
        summary: &report.summary,
        files: &report.files,
        issues: &report.findings,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}
