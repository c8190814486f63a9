//! What a check found, as every command and writer sees it: the files with their status, the
//! findings, the judged models, the rules applied, and the counts ([`CheckReport`]).
//!
//! Defined apart from the pipeline that fills it so that the writers of [`crate::output`]
//! depend on these types only, never on the pipeline.

use serde::Serialize;

use std::collections::HashMap;

use crate::findings::{Code, Finding};
use crate::judge::assess;
use crate::recognize::forms::FormKind;

/// How a file was handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Read (whatever was found in it).
    Read,
    /// Not a spreadsheet, or a lock file.
    Skipped,
    /// A spreadsheet that could not be read.
    Failed,
}

/// The form a file holds, as JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileForm {
    /// A registration form.
    Registration,
    /// A self-assessment form.
    SelfAssessment,
    /// A roster.
    Roster,
    /// Nothing recognized (or not read).
    Unknown,
}

impl FileForm {
    /// The Vietnamese name shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            FileForm::Registration => FormKind::Registration.label(),
            FileForm::SelfAssessment => FormKind::SelfAssessment.label(),
            FileForm::Roster => FormKind::Roster.label(),
            FileForm::Unknown => "không rõ biểu mẫu",
        }
    }
}

impl FileStatus {
    /// The Vietnamese word shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            FileStatus::Read => "đã đọc",
            FileStatus::Skipped => "bỏ qua",
            FileStatus::Failed => "không đọc được",
        }
    }
}

impl From<FormKind> for FileForm {
    fn from(kind: FormKind) -> Self {
        match kind {
            FormKind::Registration => FileForm::Registration,
            // The committee's decision belongs to the assessment stage.
            FormKind::SelfAssessment | FormKind::Decision => FileForm::SelfAssessment,
            FormKind::Roster => FileForm::Roster,
        }
    }
}

/// One file in the `files` list of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileEntry {
    /// The file, relative to the path argument.
    pub path: String,
    /// How it was handled.
    pub status: FileStatus,
    /// The form recognized in it (that of its first recognized sheet).
    pub form: FileForm,
    /// The first recognized sheet.
    pub sheet: Option<String>,
    /// The unit, when every accepted row of the file belongs to one.
    #[serde(rename = "cell")]
    pub unit: Option<String>,
    /// The cycle year, when every accepted row of the file has the same.
    pub year: Option<i32>,
    /// Data rows read.
    pub rows: usize,
    /// The copy read instead, when this file has the same bytes as another
    /// (`duplicate-file`): this one is skipped.
    pub duplicate_of: Option<String>,
    /// The later file that replaces this one (`superseded-file`): its rows are read but not
    /// counted.
    pub superseded_by: Option<String>,
    /// Every sheet of the workbook, with the role of each of its non-blank rows.
    pub sheets: Vec<SheetEntry>,
    /// Where the file is on disk, for a command that goes back to it (`dvk feedback` asks the
    /// receipt log, or the file's modification time, for the day it was received). Not in
    /// the JSON, which names files relative to the paths given.
    #[serde(skip)]
    pub location: std::path::PathBuf,
}

impl FileEntry {
    /// The file's status in words for clerks: "đã đọc", "bỏ qua", "không đọc được", or what
    /// happened to a resubmitted file ("bỏ qua: trùng tệp …", "đã đọc, được thay bằng tệp …").
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::pipeline::check_report::{FileEntry, FileForm, FileStatus};
    ///
    /// let mut file = FileEntry {
    ///     path: "vp.xlsx".into(), status: FileStatus::Read, form: FileForm::Registration,
    ///     sheet: None, unit: None, year: None, rows: 2, duplicate_of: None, superseded_by: None, sheets: vec![],
    ///     location: "hop-thu/vp.xlsx".into(),
    /// };
    /// assert_eq!(file.status_words(), "đã đọc");
    /// file.superseded_by = Some("vp (bản sửa).xlsx".into());
    /// assert_eq!(file.status_words(), "đã đọc, được thay bằng tệp vp (bản sửa).xlsx");
    /// ```
    pub fn status_words(&self) -> String {
        match (&self.duplicate_of, &self.superseded_by) {
            (Some(kept), _) => format!("{}: trùng tệp {kept}", self.status.label()),
            (None, Some(by)) => format!("{}, được thay bằng tệp {by}", self.status.label()),
            (None, None) => self.status.label().to_string(),
        }
    }
}

/// One sheet of a file: its form, and what each non-blank row is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetEntry {
    /// The sheet's name.
    pub name: String,
    /// The form recognized, `None` when none was.
    pub form: Option<FormKind>,
    /// Data rows read (accepted and rejected).
    pub rows: usize,
    /// The role of every non-blank row; `None` for a sheet without a recognized form.
    pub structure: Option<SheetStructure>,
}

/// The rows of a sheet by role, as 1-based Excel row numbers (`data` as inclusive ranges).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SheetStructure {
    /// Non-blank rows above the header.
    pub title: Vec<u32>,
    /// The header's rows (and a header repeated lower down).
    pub header: Vec<u32>,
    /// Rows numbering the columns, "(1) (2) (3)".
    pub column_numbers: Vec<u32>,
    /// The template's example row, still holding its example.
    pub examples: Vec<u32>,
    /// The example row typed over: read as data.
    pub examples_used: Vec<u32>,
    /// Section rows and what each sets for the rows under it.
    pub sections: Vec<SectionEntry>,
    /// The data rows, as inclusive ranges `[first, last]`.
    pub data: Vec<[u32; 2]>,
    /// Rows holding only a row number.
    pub blank_numbered: Vec<u32>,
    /// Total rows.
    pub totals: Vec<TotalEntry>,
    /// Notes under or inside the table.
    pub notes: Vec<u32>,
    /// The closing block (date line, «Nơi nhận», signature).
    pub closing: Vec<u32>,
    /// Rows after the closing block: not counted, each with a finding.
    pub after_closing: Vec<u32>,
    /// Non-blank rows hidden in Excel (each also in its role), each with a finding.
    pub hidden: Vec<u32>,
}

/// A section row in the JSON structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionEntry {
    /// 1-based row.
    pub row: u32,
    /// The text as written.
    pub text: String,
    /// What the section sets for the rows under it.
    pub sets: SectionSets,
}

/// What a section sets: `kind` (`collective`/`individual`), `field` (as configured), `unit`
/// (as written), `year`; a key is absent when the section does not set it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SectionSets {
    /// `collective` or `individual`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// The configured field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The unit, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The year ("I. NĂM 2023").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// A total row in the JSON structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalEntry {
    /// 1-based row.
    pub row: u32,
    /// The row's text.
    pub text: String,
    /// The number the row states, if any.
    pub stated: Option<u32>,
}

/// 0-based rows as 1-based Excel row numbers.
pub(crate) fn excel_rows(rows: &[usize]) -> Vec<u32> {
    rows.iter().map(|&r| excel_row(r)).collect()
}

pub(crate) use crate::sheet::excel_row;

/// Sorted 0-based rows as inclusive ranges of 1-based Excel rows.
///
/// # Example
///
/// ```
/// use dvk::pipeline::check_report::row_ranges;
///
/// assert_eq!(row_ranges(&[4, 5, 6, 9]), vec![[5, 7], [10, 10]]);
/// ```
pub fn row_ranges(rows: &[usize]) -> Vec<[u32; 2]> {
    excel_ranges(rows.iter().map(|&row| excel_row(row)))
}

/// Sorted Excel rows as inclusive ranges `[first, last]`.
pub(crate) fn excel_ranges(rows: impl IntoIterator<Item = u32>) -> Vec<[u32; 2]> {
    let mut ranges: Vec<[u32; 2]> = Vec::new();
    for r in rows {
        match ranges.last_mut() {
            Some(last) if last[1].checked_add(1) == Some(r) => last[1] = r,
            _ => ranges.push([r, r]),
        }
    }
    ranges
}

/// The counts of the JSON `summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// Files read.
    pub files_read: usize,
    /// Files skipped (not spreadsheets).
    pub files_skipped: usize,
    /// Spreadsheets that could not be read.
    pub files_failed: usize,
    /// Data rows read.
    pub rows: usize,
    /// Rows accepted.
    pub rows_accepted: usize,
    /// Rows rejected, each with a finding.
    pub rows_rejected: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at info level.
    pub infos: usize,
}

/// Everything a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// The counts.
    pub summary: Summary,
    /// Every file, in the order found.
    pub files: Vec<FileEntry>,
    /// Every finding, grouped by file in file order, then by sheet and row.
    pub findings: Vec<Finding>,
    /// Every accepted registration with its self-assessment and status.
    pub models: Vec<assess::Model>,
    /// The rule applied to each cycle year seen, in year order.
    pub rules: Vec<RuleApplied>,
}

/// Which rule was applied to a cycle year, so that a clerk knows what was judged by what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleApplied {
    /// The cycle year.
    pub year: i32,
    /// The document the rule comes from.
    pub source: String,
    /// `builtin`, `config` or `default`.
    pub origin: &'static str,
    /// The registration deadline, as a clerk reads it.
    pub registration_due: String,
    /// The self-assessment deadline, as a clerk reads it.
    pub self_assessment_due: String,
}

impl CheckReport {
    /// True when some finding is at error level (exit code 1).
    pub(crate) fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The findings as the lists a clerk works through show them: by unit (names compared
    /// without case and diacritics), then by file, then in the file's order (its own findings
    /// first, then sheet by sheet, row by row); the findings of no unit last. A finding's unit
    /// is its file's (`files[].cell`: every accepted row of the file is that unit's); a quota
    /// finding about a roster cell names the cell as its value.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::pipeline::check_report::CheckReport;
    ///
    /// assert!(CheckReport::default().findings_by_unit().is_empty());
    /// ```
    pub fn findings_by_unit(&self) -> Vec<UnitFinding<'_>> {
        let units: HashMap<&str, &str> = self
            .files
            .iter()
            .filter_map(|f| Some((f.path.as_str(), f.unit.as_deref()?)))
            .collect();
        let mut placed: Vec<(Option<String>, UnitFinding<'_>)> = self
            .findings
            .iter()
            .map(|finding| {
                let unit = units.get(finding.path.as_str()).copied().or_else(|| {
                    matches!(
                        finding.code,
                        Code::MissingRegistration
                            | Code::MissingCollective
                            | Code::MissingIndividual
                    )
                    .then_some(finding.value.as_deref())
                    .flatten()
                });
                (unit.map(crate::text::fold), UnitFinding { unit, finding })
            })
            .collect();
        // Stable: a file's findings keep their order.
        placed.sort_by(|(a, x), (b, y)| {
            (a.is_none(), a, &x.finding.path).cmp(&(b.is_none(), b, &y.finding.path))
        });
        placed.into_iter().map(|(_, found)| found).collect()
    }
}

/// A finding with the unit it is about ([`CheckReport::findings_by_unit`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitFinding<'a> {
    /// The unit; `None` when the finding's file is of no single unit (or none at all).
    pub unit: Option<&'a str>,
    /// The finding.
    pub finding: &'a Finding,
}

/// What the lists print for findings of no unit.
pub const NO_UNIT: &str = "Chưa xác định đơn vị";
