//! `--json`: the machine-readable output, exactly as INTERFACE.md shows it (plus `models`).

use serde::Serialize;

use crate::assess::{Model, Status};
use crate::check::{CheckReport, FileEntry, RuleApplied, Summary};
use crate::findings::Finding;
use crate::values::Kind;

#[derive(Serialize)]
struct CheckJson<'a> {
    summary: &'a Summary,
    files: &'a [FileEntry],
    issues: &'a [Finding],
    models: Vec<ModelJson<'a>>,
    rules: &'a [RuleApplied],
}

/// One registered model and where it stands.
#[derive(Serialize)]
struct ModelJson<'a> {
    cell: &'a str,
    year: i32,
    kind: &'static str,
    name: &'a str,
    person: Option<&'a str>,
    status: Status,
    reasons: &'a [String],
    late: bool,
    path: &'a str,
    sheet: &'a str,
    row: u32,
}

fn model_json(model: &Model) -> ModelJson<'_> {
    let r = &model.registration;
    ModelJson {
        cell: &r.cell,
        year: r.year,
        kind: match r.kind {
            Kind::Collective => "collective",
            Kind::Individual => "individual",
        },
        name: &r.name,
        person: r.person.as_deref(),
        status: model.status,
        reasons: &model.reasons,
        late: model.late,
        path: &r.source.path,
        sheet: &r.source.sheet,
        row: r.source.row,
    }
}

/// The JSON document of `dvk check --json`: `summary`, `files` and `issues` as INTERFACE.md
/// shows them; `models`, every accepted registration with its status; `rules`, the rule
/// applied to each cycle year.
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
        models: report.models.iter().map(model_json).collect(),
        rules: &report.rules,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}
