//! `dvk feedback`: what goes back to each unit for a cycle year — the files received from it
//! (with the day each was received, the rows read and what became of the file), every finding
//! of those files, and what it still lacks with the deadline ([`crate::figures::missing`]).
//!
//! Computation only: one [`Slip`] per unit that sent something or lacks something; the
//! return slips themselves are written by [`crate::output::feedback`].

use chrono::NaiveDate;
use serde::Serialize;

use crate::figures::missing::{MissingItem, MissingReport};
use crate::findings::{Code, Finding};
use crate::judge::roster::{self, Roster};
use crate::pipeline::check_report::{CheckReport, FileEntry, FileForm, FileStatus};
use crate::recognize::forms::FormKind;

/// The day a file was received, and what that day is taken from (said on the slip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    /// The day.
    pub date: NaiveDate,
    /// Where the day comes from, in Vietnamese: "thời điểm sửa tệp", "sổ nhận hồ sơ".
    pub basis: String,
}

/// One file received from a unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlipFile {
    /// The file, as `dvk check` names it.
    pub path: String,
    /// The form it holds.
    pub form: FileForm,
    /// When it was received, when that can be told.
    pub received: Option<Received>,
    /// Data rows read.
    pub rows: usize,
    /// What became of it, in words: "đã đọc", "đã đọc, được thay bằng tệp …".
    pub status: String,
    /// Findings of the file at error level.
    pub errors: usize,
}

/// The return slip of one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slip {
    /// The unit, in the roster's spelling.
    #[serde(rename = "cell")]
    pub unit: String,
    /// The unit's secretary, where the roster names one.
    pub secretary: Option<String>,
    /// The files received from it, in the order found.
    pub files: Vec<SlipFile>,
    /// Every finding of those files (what it lacks is in `missing`, not here).
    pub findings: Vec<Finding>,
    /// What it still lacks, with the deadlines.
    pub missing: Vec<MissingItem>,
}

impl Slip {
    /// Findings at error level, and overdue items: what the unit must do.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::feedback::Slip;
    ///
    /// let slip = Slip { unit: "Chi bộ Văn phòng".into(), secretary: None, files: vec![],
    ///     findings: vec![], missing: vec![] };
    /// assert_eq!(slip.to_do(), 0);
    /// ```
    pub fn to_do(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == crate::findings::Severity::Error)
            .count()
            + self.missing.len()
    }
}

/// The codes of what a unit lacks: on its slip they come with their deadline from the missing
/// list, not as findings.
const MISSING_CODES: [Code; 4] = [
    Code::MissingRegistration,
    Code::MissingCollective,
    Code::MissingIndividual,
    Code::MissingSelfAssessment,
];

/// The slips of cycle year `year`: one per unit that sent a file of that year (or a file of
/// no single year) or lacks something in `missing`, in roster order (units not on the roster
/// after, in the order their files were found). `received` tells the day each file was
/// received, from its path as `dvk check` names it. Also returns the files of no unit (their
/// unit could not be told): they go back to nobody, and the office looks at them.
///
/// # Example
///
/// ```
/// use dvk::figures::feedback::slips;
/// use dvk::pipeline::check_report::CheckReport;
///
/// let (slips, unattributed) = slips(&CheckReport::default(), None, None, 2025, &|_| None);
/// assert!(slips.is_empty() && unattributed.is_empty());
/// ```
pub fn slips(
    report: &CheckReport,
    roster: Option<&Roster>,
    missing: Option<&MissingReport>,
    year: i32,
    received: &dyn Fn(&FileEntry) -> Option<Received>,
) -> (Vec<Slip>, Vec<String>) {
    let mut slips: Vec<Slip> = roster
        .map(Roster::units)
        .unwrap_or_default()
        .iter()
        .map(|unit| Slip {
            unit: unit.name.clone(),
            secretary: unit.secretary.clone(),
            files: Vec::new(),
            findings: Vec::new(),
            missing: Vec::new(),
        })
        .collect();
    let mut unattributed = Vec::new();
    for file in &report.files {
        let committees = file.form == FileForm::Roster
            || file
                .sheets
                .iter()
                .any(|sheet| sheet.form == Some(FormKind::Decision));
        if (file.status == FileStatus::Skipped && file.duplicate_of.is_none()) || committees {
            continue; // not a spreadsheet, or the committee's roster or decision: no unit's
        }
        if file.year.is_some_and(|y| y != year) {
            continue;
        }
        let Some(unit) = &file.unit else {
            if file.year.is_none() || file.year == Some(year) {
                unattributed.push(file.path.clone());
            }
            continue;
        };
        let findings: Vec<Finding> = report
            .findings
            .iter()
            .filter(|f| f.path == file.path && !MISSING_CODES.contains(&f.code))
            .cloned()
            .collect();
        let slip = slip_of(&mut slips, unit);
        slip.files.push(slip_file(file, &findings, received));
        slip.findings.extend(findings);
    }
    for unit in missing.map(|m| m.units.as_slice()).unwrap_or_default() {
        let slip = slip_of(&mut slips, &unit.unit);
        slip.missing.extend(unit.items.iter().cloned());
        if slip.secretary.is_none() {
            slip.secretary.clone_from(&unit.secretary);
        }
    }
    slips.retain(|slip| !slip.files.is_empty() || !slip.missing.is_empty());
    (slips, unattributed)
}

/// The slip of a unit, added at the end when it has none yet.
fn slip_of<'a>(slips: &'a mut Vec<Slip>, unit: &str) -> &'a mut Slip {
    let key = roster::unit_key(unit);
    let index = match slips.iter().position(|s| roster::unit_key(&s.unit) == key) {
        Some(index) => index,
        None => {
            slips.push(Slip {
                unit: unit.to_string(),
                secretary: None,
                files: Vec::new(),
                findings: Vec::new(),
                missing: Vec::new(),
            });
            slips.len() - 1
        }
    };
    &mut slips[index]
}

fn slip_file(
    file: &FileEntry,
    findings: &[Finding],
    received: &dyn Fn(&FileEntry) -> Option<Received>,
) -> SlipFile {
    SlipFile {
        path: file.path.clone(),
        form: file.form,
        received: received(file),
        rows: file.rows,
        status: file.status_words(),
        errors: findings
            .iter()
            .filter(|f| f.severity == crate::findings::Severity::Error)
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::missing::Urgency;
    use crate::pipeline::check_report::FileEntry;

    fn file(path: &str, unit: Option<&str>, year: Option<i32>) -> FileEntry {
        FileEntry {
            path: path.into(),
            status: FileStatus::Read,
            form: FileForm::Registration,
            sheet: None,
            unit: unit.map(String::from),
            year,
            rows: 2,
            duplicate_of: None,
            superseded_by: None,
            sheets: vec![],
            location: path.into(),
        }
    }

    #[test]
    fn each_unit_gets_its_own_files_findings_and_missing_items() {
        let report = CheckReport {
            files: vec![
                file("vp.xlsx", Some("Chi bộ Văn phòng"), Some(2025)),
                file("tt.xlsx", Some("Chi bộ Thanh tra"), Some(2025)),
                file("vp-2018.xlsx", Some("Chi bộ Văn phòng"), Some(2018)),
                file("la.xlsx", None, None),
            ],
            findings: vec![
                Finding::new(Code::LateRegistration, "vp.xlsx", "muộn").at("M1", 9),
                Finding::new(Code::MissingValue, "tt.xlsx", "thiếu").at("M1", 10),
                Finding::new(Code::MissingValue, "vp-2018.xlsx", "thiếu").at("M1", 10),
                Finding::new(Code::MissingSelfAssessment, "vp.xlsx", "chưa gửi"),
                Finding::new(Code::UnknownForm, "la.xlsx", "không rõ"),
            ],
            ..CheckReport::default()
        };
        let roster = Roster::from_names(["Chi bộ Thanh tra", "Chi bộ Văn phòng", "Chi bộ Kế toán"]);
        let missing = MissingReport {
            year: 2025,
            as_of: "2025-12-30".into(),
            roster_units: 3,
            rule: String::new(),
            units: vec![crate::figures::missing::MissingUnit {
                unit: "Chi bộ Kế toán".into(),
                codes: vec![Code::MissingRegistration],
                secretary: Some("Lê Văn Ba".into()),
                phone: None,
                items: vec![MissingItem {
                    code: Code::MissingRegistration,
                    detail: "Chưa gửi đăng ký".into(),
                    deadline: "10/10/2025".into(),
                    last_day: "2025-10-10".into(),
                    status: Urgency::Overdue,
                    days: 81,
                }],
            }],
        };
        let day = NaiveDate::from_ymd_opt(2025, 10, 5).unwrap_or_default();
        let received = |file: &FileEntry| {
            (file.path == "vp.xlsx").then(|| Received {
                date: day,
                basis: "thời điểm sửa tệp".into(),
            })
        };
        let (slips, unattributed) = slips(&report, Some(&roster), Some(&missing), 2025, &received);
        let units: Vec<&str> = slips.iter().map(|s| s.unit.as_str()).collect();
        assert_eq!(
            units,
            ["Chi bộ Thanh tra", "Chi bộ Văn phòng", "Chi bộ Kế toán"]
        );
        assert_eq!(slips[0].findings.len(), 1);
        assert_eq!(slips[0].files[0].received, None);
        assert_eq!(
            slips[1].files.len(),
            1,
            "the 2018 file is not in the 2025 slip"
        );
        let codes: Vec<Code> = slips[1].findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::LateRegistration]);
        assert_eq!(
            slips[1].files[0].received.as_ref().map(|r| r.date),
            Some(day)
        );
        assert_eq!(slips[2].missing.len(), 1);
        assert_eq!(slips[2].secretary.as_deref(), Some("Lê Văn Ba"));
        assert_eq!(unattributed, ["la.xlsx"]);
    }
}
