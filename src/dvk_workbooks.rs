//! The names by which dvk recognizes the workbooks it wrote itself when it reads them back.
//!
//! Each workbook dvk writes carries a document category ([`Category`]); the reader takes it
//! from the file's properties, and the pipeline skips dvk's own findings and reminder lists,
//! and reads a report of dvk (a member committee's, consolidated by the higher committee)
//! through its models sheet only ([`MODELS_SHEET`]). Both sides import these names from here,
//! so neither the pipeline nor the writers depend on the other.

/// The document category of a workbook dvk wrote, stored in its properties.
///
/// # Example
///
/// ```
/// use dvk::dvk_workbooks::Category;
///
/// assert_eq!(Category::Report.name(), "dvk-report");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// The consolidated report (`dvk report`).
    Report,
    /// The findings workbook (`dvk check --out`).
    Findings,
    /// The reminder list (`dvk missing --out`).
    Reminders,
    /// The receipt log (`dvk intake`).
    Receipts,
}

impl Category {
    /// What every category of dvk starts with: the reader looks for it before parsing a
    /// workbook's properties, so that only dvk's own workbooks are parsed.
    pub(crate) const PREFIX: &'static str = "dvk-";

    /// The category as written in the workbook's properties.
    pub fn name(self) -> &'static str {
        match self {
            Category::Report => "dvk-report",
            Category::Findings => "dvk-findings",
            Category::Reminders => "dvk-reminders",
            Category::Receipts => "dvk-receipts",
        }
    }
}

/// The sheet of a report that lists every model, one per row, in the registration form's
/// columns: what a higher committee reads back.
pub const MODELS_SHEET: &str = "Danh sách mô hình";

/// The models sheet's column saying whether the member committee received the model's
/// self-assessment ([`ASSESSED`], else «Chưa»).
pub const ASSESSED_COLUMN: &str = "Tình trạng tự đánh giá";

/// What [`ASSESSED_COLUMN`] holds for a self-assessed model.
pub const ASSESSED: &str = "Đã tự đánh giá";

/// The models sheet's column holding the model's status as the member committee judged it.
pub const STATUS_COLUMN: &str = "Tình trạng công nhận";

/// The models sheet's column holding the commendation (khen thưởng), blank when none. Its
/// header matches no column of the forms units fill in, so the sheet stays a registration.
pub const COMMENDATION_COLUMN: &str = "Được khen thưởng";

/// The models sheet's column of reasons, joined by [`REASONS_SEPARATOR`].
pub const REASONS_COLUMN: &str = "Lý do";

/// What separates the reasons of one model in [`REASONS_COLUMN`].
pub const REASONS_SEPARATOR: &str = "; ";

/// The receipt log `dvk intake` keeps in the workspace (sổ nhận hồ sơ): one row per file
/// received. `dvk check` never reads it as a form.
pub const RECEIPT_LOG: &str = "so-nhan-ho-so.xlsx";

/// The folder of a year of the inbox where `dvk intake` moves the files a later version
/// replaced (`hop-thu/2025/_thay-the/…`): kept, never read as the unit's files.
pub const REPLACED_FOLDER: &str = "_thay-the";

/// The folder of the inbox for the files whose unit or year could not be told
/// (`hop-thu/chua-xac-dinh/`).
pub const UNSORTED_FOLDER: &str = "chua-xac-dinh";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_starts_with_the_prefix_the_reader_looks_for() {
        for category in [
            Category::Report,
            Category::Findings,
            Category::Reminders,
            Category::Receipts,
        ] {
            assert!(
                category.name().starts_with(Category::PREFIX),
                "{category:?}"
            );
        }
    }
}
