//! The catalogue of finding codes, and the [`Finding`] record every stage reports.
//!
//! Codes are stable (scripts rely on them); messages are Vietnamese and may evolve.

use serde::Serialize;

/// How serious a finding is.
///
/// # Example
///
/// ```
/// use dvk::findings::Severity;
///
/// assert!(Severity::Error > Severity::Warning);
/// assert_eq!(Severity::Error.label(), "lỗi");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information only.
    Info,
    /// Accepted, but a person should look.
    Warning,
    /// The row or file is rejected, or a rule is broken.
    Error,
}

impl Severity {
    /// The English name, as in JSON and the README (the test that README's table of codes is
    /// the catalogue reads it; JSON has it from serde).
    #[cfg(test)]
    fn label_en(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Vietnamese word shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "thông tin",
            Severity::Warning => "cảnh báo",
            Severity::Error => "lỗi",
        }
    }
}

macro_rules! codes {
    ($( $variant:ident = $name:literal, $severity:ident, $about:literal; )*) => {
        /// A stable, kebab-case finding code.
        ///
        /// # Example
        ///
        /// ```
        /// use dvk::findings::{Code, Severity};
        ///
        /// assert_eq!(Code::LateRegistration.as_str(), "late-registration");
        /// assert_eq!(Code::LegacyEncoding.severity(), Severity::Info);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $(
                #[doc = $about]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in JSON and in the README.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The usual severity of findings with this code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code is about, in English, for the README catalogue.
            pub fn about(self) -> &'static str {
                match self { $(Code::$variant => $about,)* }
            }
        }
    };
}

codes! {
    UnsupportedFile = "unsupported-file", Info, "Not a spreadsheet, an Excel lock file `~$…`, or not a regular file (a pipe, a device): skipped.";
    UnreadableFile = "unreadable-file", Error, "A spreadsheet that cannot be opened: corrupt, truncated, wrong format, empty, or unreachable (no permission, a link to nothing).";
    OversizedFile = "oversized-file", Error, "A workbook past dvk's limits (file size, decompressed size, rows, cells): refused unread.";
    UnreadableFolder = "unreadable-folder", Error, "A folder that cannot be listed (no permission): its files are not checked.";
    SymlinkLoop = "symlink-loop", Warning, "A folder link back to a folder that contains it: not followed; its files are read once.";
    OtherWorkspace = "other-workspace", Info, "A folder holding its own `dvk.toml`: another committee's workspace, skipped.";
    ReplacedArchive = "replaced-archive", Info, "The folder `_thay-the` where `dvk intake` keeps files a later version replaced: listed once, its files not read.";
    EncryptedFile = "encrypted-file", Error, "A password-protected workbook.";
    UnknownForm = "unknown-form", Error, "No known form was recognized in any sheet of the workbook.";
    EmptyForm = "empty-form", Warning, "A recognized form, or a workbook, with no data rows.";
    TotalMismatch = "total-mismatch", Warning, "A total row («Cộng», «Tổng số: 5») states a number that differs from the data rows counted above it.";
    RowAfterClosing = "row-after-closing", Warning, "A row shaped like data after the closing block (date line, signature): outside the table, not counted.";
    ExampleRowUsed = "example-row-used", Warning, "The template's example row («Ví dụ») typed over with a real model: read as data.";
    HiddenRow = "hidden-row", Warning, "A row hidden in Excel (or filtered out) holds something: it is read like the others, and named so that a clerk looks at it.";
    MissingColumn = "missing-column", Error, "A column the form needs is absent, and the title does not supply it.";
    MissingValue = "missing-value", Error, "A required value is blank.";
    InvalidValue = "invalid-value", Error, "A value outside its allowed set (kind, yes/no, number).";
    UnknownField = "unknown-field", Warning, "A field (lĩnh vực) that names none of the configured fields: the row is kept, counted under «Chưa xác định lĩnh vực».";
    InvalidDate = "invalid-date", Error, "A date that cannot be read, or is impossible.";
    LegacyEncoding = "legacy-encoding", Info, "Text was converted from TCVN3 (ABC) or VNI-Windows to Unicode.";
    UnknownCell = "unknown-cell", Error, "A cell name not in the roster (in the row's «Chi bộ» column, or in the heading of a sheet whose rows name none); the message names the nearest roster name.";
    UnnamedUnit = "unnamed-unit", Error, "A sheet whose rows name no unit, under a heading that names none (a blank «CHI BỘ ……» line), in a file and folder whose names name none either: one finding per sheet, its rows not counted.";
    AmbiguousUnit = "ambiguous-unit", Error, "The heading (or the file's or folder's name) names two or more roster units equally well; the message names them. The rows that name no unit of their own are not counted.";
    ApproximateUnit = "approximate-unit", Warning, "The heading (or the file's or folder's name) names a roster unit with a word missing, added or misspelt: its rows count for that unit, which the message names.";
    SubUnit = "sub-unit", Info, "A «Chi bộ» column naming units not on the roster, under a heading naming a roster unit (a đảng bộ's list of its own chi bộ): the rows count for the heading's unit, each keeping its sub-cell's name.";
    DuplicateRegistration = "duplicate-registration", Error, "The same model registered twice by one cell for one year.";
    DuplicateFile = "duplicate-file", Info, "A file with the same bytes as another (a double download \"… (1).xlsx\"): read once; the message names the copy kept.";
    SupersededFile = "superseded-file", Info, "A file replaced by a later one of the same unit, year and form that repeats most of its models: its rows are not counted; the message names the later file and why.";
    LateRegistration = "late-registration", Error, "Registered after that year's deadline.";
    MissingDate = "missing-date", Warning, "A registration with no date of its own and no date line in the form: lateness cannot be judged.";
    FutureDate = "future-date", Warning, "A date that has not come yet (after both `--as-of` and today), most often a typo; the message says when swapping day and month would be on time.";
    YearlessDate = "yearless-date", Warning, "A date written without its year («5/2», «ngày 5/2»): read in the year of the form (its year column, year section or title), which the message names; the row is kept.";
    EarlyDate = "early-date", Warning, "A date more than two years before the deadline it answers (05/01/1900 for a 2024 registration): a typo, or a small number in a date column read as a day of 1900. The row is kept, on time.";
    LateSelfAssessment = "late-self-assessment", Error, "A self-assessment sent after its deadline.";
    UnregisteredModel = "unregistered-model", Error, "A self-assessment for a model with no registration.";
    MissingSelfAssessment = "missing-self-assessment", Error, "A registered model whose self-assessment is due and absent.";
    MissingRegistration = "missing-registration", Error, "A roster cell with no registration for the year.";
    MissingCollective = "missing-collective", Error, "A cell with no collective model for the year.";
    MissingIndividual = "missing-individual", Error, "A cell with no individual exemplar for the year.";
}

/// One thing dvk found, about a file, a sheet, a row or a cell.
///
/// Serialized exactly as the `issues` entries of `dvk check --json`.
///
/// # Example
///
/// ```
/// use dvk::findings::{Code, Finding};
///
/// let f = Finding::new(Code::MissingValue, "2018/a.xlsx", "Thiếu tên mô hình")
///     .at("DS", 7)
///     .column("Tên mô hình");
/// assert_eq!(f.row, Some(7));
/// assert_eq!(f.severity, Code::MissingValue.severity());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The file, relative to the path argument it was found under.
    pub path: String,
    /// The sheet, if the finding is about one.
    pub sheet: Option<String>,
    /// The 1-based row number as Excel shows it; `None` for a whole file or cell.
    pub row: Option<u32>,
    /// The column header as the form writes it.
    pub column: Option<String>,
    /// The value as read (after text normalizing).
    pub value: Option<String>,
    /// What is wrong and what to do, in Vietnamese.
    pub message: String,
}

impl Finding {
    /// A finding about a whole file, with the code's usual severity.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: code.severity(),
            code,
            path: path.into(),
            sheet: None,
            row: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }

    /// Places the finding on a sheet and an Excel row.
    pub fn at(mut self, sheet: impl Into<String>, row: u32) -> Self {
        self.sheet = Some(sheet.into());
        self.row = Some(row);
        self
    }

    /// Places the finding on a sheet, without a row.
    pub(crate) fn in_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// Names the column the finding is about.
    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Records the value the finding is about; a blank value is left out.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.value = Some(value);
        }
        self
    }

    /// Overrides the code's usual severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            let json = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(json, format!("\"{name}\""));
        }
    }

    #[test]
    fn readme_documents_every_code() {
        let readme = include_str!("../README.md");
        for code in Code::ALL {
            let row = format!("| `{}` | {} |", code.as_str(), code.severity().label_en());
            assert!(
                readme.contains(&row),
                "README lacks the row of {}",
                code.as_str()
            );
        }
    }

    #[test]
    fn finding_serializes_with_interface_keys() {
        let f = Finding::new(Code::LateRegistration, "a.xls", "muộn").at("Sheet", 7);
        let json = serde_json::to_value(&f).unwrap_or_default();
        let keys: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        for key in [
            "severity", "code", "path", "sheet", "row", "column", "value", "message",
        ] {
            assert!(keys.contains(&key), "missing key {key}");
        }
        assert_eq!(json["severity"], "error");
        assert_eq!(json["column"], serde_json::Value::Null);
    }
}
