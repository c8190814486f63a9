//! Stage 5, every writer: what dvk prints and what it writes.
//!
//! In: what the other stages produced ([`crate::pipeline::check_report::CheckReport`], the
//! figures, the decided forms). Out: terminal text ([`terminal`]), the JSON of every command
//! ([`json`]), the findings workbook ([`workbook`]), the reminder list ([`reminders`]), the
//! yearly and phase report ([`report`]), the forms units fill in ([`templates`]), the receipt
//! log and what `dvk intake` says ([`receipts`], [`intake`]), all in the
//! Party document frame ([`document`]) and written whole or not at all ([`atomic`]).

pub mod atomic;
pub mod document;
pub mod feedback;
pub(crate) mod first_page;
pub mod intake;
pub mod json;
pub(crate) mod metrics;
pub mod receipts;
pub mod reminders;
pub mod report;
pub mod templates;
pub mod terminal;
pub(crate) mod word;
pub mod workbook;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

use crate::dvk_workbooks::Category;

/// The most characters Excel keeps in one cell: longer texts are cut to it when written.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// The deflate level of the workbooks that hold long lists (report, findings): 3 rather than
/// rust_xlsxwriter's 6, a quarter less time writing them, for files about a fifth larger.
pub(crate) const LIST_ZIP_LEVEL: u8 = 3;

/// Where a finding is, in a clerk's words: "trang «M1» dòng 9, cột «Ngày đăng ký» =
/// «12/10/2025»" (empty for a finding on a whole file). The terminal, the return slip and its
/// Word letter all say it so.
pub(crate) fn finding_place(finding: &crate::findings::Finding) -> String {
    let mut place = Vec::new();
    if let (Some(sheet), Some(row)) = (&finding.sheet, finding.row) {
        place.push(format!("trang «{sheet}» dòng {row}"));
    } else if let Some(sheet) = &finding.sheet {
        place.push(format!("trang «{sheet}»"));
    }
    if let Some(column) = &finding.column {
        let value = finding
            .value
            .as_ref()
            .map(|v| format!(" = «{v}»"))
            .unwrap_or_default();
        place.push(format!("cột «{column}»{value}"));
    }
    place.join(", ")
}

/// The document properties of every workbook dvk writes: its title, "dvk" as author, the
/// category that lets dvk recognize its own outputs ([`Category`]), and a fixed creation time
/// (2000-01-01), so that the same input gives the same bytes.
pub(crate) fn properties(
    title: &str,
    category: Option<Category>,
) -> Result<DocProperties, XlsxError> {
    let properties = DocProperties::new()
        .set_title(title)
        .set_author("dvk")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    Ok(match category {
        Some(category) => properties.set_category(category.name()),
        None => properties,
    })
}
