//! `--json`: the machine-readable output, every key documented in docs/json.md.

use serde::Serialize;

use crate::figures::aggregate::{self, Counts, UnitYear};
use crate::figures::feedback::Slip;
use crate::figures::missing::MissingReport;
use crate::figures::report::Prepared;
use crate::findings::Finding;
use crate::judge::assess::{Model, Status};
use crate::pipeline::check_report::{CheckReport, FileEntry, RuleApplied, Summary};
use crate::recognize::values::Kind;

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
    committee: Option<&'a str>,
    cell: &'a str,
    sub_unit: Option<&'a str>,
    year: i32,
    kind: &'static str,
    name: &'a str,
    person: Option<&'a str>,
    field: Option<&'a str>,
    unknown_field: Option<&'a str>,
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
        committee: r.committee.as_deref(),
        cell: &r.unit,
        sub_unit: r.sub_unit.as_deref(),
        year: r.year,
        kind: match r.kind {
            Kind::Collective => "collective",
            Kind::Individual => "individual",
        },
        name: &r.name,
        person: r.person.as_deref(),
        field: r.domain.as_deref(),
        unknown_field: r.unknown_field.as_deref(),
        status: model.status,
        reasons: &model.reasons,
        late: model.late,
        path: &r.source.path,
        sheet: &r.source.sheet,
        row: r.source.row,
    }
}

/// The JSON document of `dvk check --json`: `summary`, `files` and `issues` as docs/json.md
/// shows them; `models`, every accepted registration with its status; `rules`, the rule
/// applied to each cycle year.
///
/// # Example
///
/// ```
/// use dvk::pipeline::check_report::CheckReport;
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

#[derive(Serialize)]
struct ReportJson<'a> {
    rows: &'a [UnitYear],
    totals: &'a Counts,
    years: &'a [i32],
    by_field: &'a [aggregate::FieldYear],
    by_phase: &'a [aggregate::PhaseFigures],
    missing: Vec<MissingJson<'a>>,
}

#[derive(Serialize)]
struct MissingJson<'a> {
    year: i32,
    cells: &'a [String],
}

/// The JSON of `dvk report --json`: `rows` (one object per cell and year) and `totals`, as
/// docs/json.md shows them, plus the years, the figures by field and phase, and per year the
/// cells with no registration.
///
/// # Example
///
/// ```
/// use dvk::figures::report::Prepared;
/// use dvk::output::json::report_json;
///
/// let prepared = Prepared { aggregates: Default::default(), missing: vec![] };
/// let json: serde_json::Value = serde_json::from_str(&report_json(&prepared)).unwrap();
/// assert_eq!(json["totals"]["collective"], 0);
/// ```
pub fn report_json(prepared: &Prepared) -> String {
    let a = &prepared.aggregates;
    let document = ReportJson {
        rows: &a.rows,
        totals: &a.totals,
        years: &a.years,
        by_field: &a.by_field,
        by_phase: &a.by_phase,
        missing: a
            .missing
            .iter()
            .map(|(year, cells)| MissingJson { year: *year, cells })
            .collect(),
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The JSON of `dvk missing --json`: the [`MissingReport`] as it is.
///
/// # Example
///
/// ```
/// use dvk::figures::missing::MissingReport;
/// use dvk::output::json::missing_json;
///
/// let report = MissingReport { year: 2018, as_of: "2018-12-30".into(), roster_units: 10,
///     rule: "Kế hoạch 61-KH/ĐUSTP".into(), units: vec![] };
/// assert!(missing_json(&report).contains("\"roster_cells\": 10"));
/// ```
pub fn missing_json(report: &MissingReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// One unit's slip in the JSON of `dvk feedback --json`, with the files written for it.
#[derive(Serialize)]
struct SlipJson<'a> {
    #[serde(flatten)]
    slip: &'a Slip,
    written: &'a [String; 3],
}

#[derive(Serialize)]
struct FeedbackJson<'a> {
    year: i32,
    as_of: String,
    out: &'a str,
    slips: Vec<SlipJson<'a>>,
    unattributed: &'a [String],
}

/// The JSON of `dvk feedback --json`: each unit's slip (its files with the day received, its
/// findings, what it lacks) with the three files written for it (`.xlsx`, `.docx`, `.txt`),
/// and the files of no unit.
///
/// # Example
///
/// ```
/// use dvk::output::json::feedback_json;
///
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
/// let json: serde_json::Value =
///     serde_json::from_str(&feedback_json(2025, day, "phan-hoi", &[], &[], &[])).unwrap();
/// assert_eq!(json["as_of"], "2025-12-30");
/// ```
pub fn feedback_json(
    year: i32,
    as_of: chrono::NaiveDate,
    out: &str,
    slips: &[Slip],
    written: &[[String; 3]],
    unattributed: &[String],
) -> String {
    let document = FeedbackJson {
        year,
        as_of: as_of.to_string(),
        out,
        slips: slips
            .iter()
            .zip(written)
            .map(|(slip, written)| SlipJson { slip, written })
            .collect(),
        unattributed,
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}
