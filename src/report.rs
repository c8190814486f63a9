//! `dvk report`: the consolidated yearly report (due 30/12) and the phase review, from the
//! checked rows: figures with polars ([`crate::aggregate`]), what is missing per year
//! ([`crate::missing`]), written as a print-ready workbook ([`crate::output::report`]).

use chrono::NaiveDate;
use serde::Serialize;

use crate::aggregate::{self, Aggregates, CellYear, Counts};
use crate::check::CheckReport;
use crate::config::Config;
use crate::error::Result;
use crate::missing::{self, MissingReport};
use crate::roster::Roster;

/// The cycle years a report covers: one year, or a phase from `first` to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first cycle year.
    pub first: i32,
    /// The last cycle year (equal to `first` for the yearly report).
    pub last: i32,
}

impl Span {
    /// The date of the report: 30/12 of its last year, when the office reports every year.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::report::Span;
    ///
    /// let span = Span { first: 2016, last: 2018 };
    /// assert_eq!(span.report_date().to_string(), "2018-12-30");
    /// ```
    pub fn report_date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.last, 12, 30).unwrap_or_default()
    }
}

/// Everything a report shows, computed from a check.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The figures.
    pub aggregates: Aggregates,
    /// What each roster cell lacks, per year (empty without a roster).
    pub missing: Vec<MissingReport>,
}

/// Computes the figures and the missing lists of a report.
pub fn prepare(
    checked: &CheckReport,
    roster: Option<&Roster>,
    config: &Config,
    span: Span,
    as_of: NaiveDate,
) -> Result<Prepared> {
    let aggregates = aggregate::aggregate(
        &checked.models,
        roster,
        &config.rules,
        span.first,
        span.last,
        &config.fields,
    )?;
    let missing = match roster {
        Some(roster) => (span.first..=span.last)
            .map(|year| missing::missing(&checked.models, roster, &config.rules, year, as_of))
            .collect(),
        None => Vec::new(),
    };
    Ok(Prepared {
        aggregates,
        missing,
    })
}

#[derive(Serialize)]
struct ReportJson<'a> {
    rows: &'a [CellYear],
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
/// INTERFACE.md shows them, plus the years, the figures by field and phase, and per year the
/// cells with no registration.
///
/// # Example
///
/// ```
/// use dvk::report::{report_json, Prepared};
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

/// A few lines for the terminal about the report written.
pub fn summary_text(prepared: &Prepared, span: Span, path: &std::path::Path) -> String {
    let a = &prepared.aggregates;
    let t = &a.totals;
    let years = if span.first == span.last {
        format!("năm {}", span.first)
    } else {
        format!("giai đoạn {}–{}", span.first, span.last)
    };
    let cells: Vec<&str> = a
        .rows
        .iter()
        .map(|r| r.cell.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    format!(
        "Đã ghi báo cáo {years}: {}\n{} chi bộ; {} mô hình tập thể, {} điển hình cá nhân; {} đúng hạn, {} muộn; {} đã tự đánh giá, {} đủ điều kiện, {} được công nhận, {} được khen thưởng.\n",
        path.display(),
        cells.len(),
        t.collective,
        t.individual,
        t.on_time,
        t.late,
        t.self_assessed,
        t.eligible,
        t.recognized,
        t.commended
    )
}
