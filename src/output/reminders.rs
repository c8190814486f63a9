//! `dvk missing --out FILE.xlsx`: the reminder list (danh sách đôn đốc), ready to print and sign.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::document::{self, DocumentStyles};
use crate::dvk_workbooks::Category;
use crate::error::Result;
use crate::figures::missing::{when_words, MissingReport};
use crate::rules::config::Committee;

/// Writes the reminder list atomically to `path`.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::figures::missing::MissingReport;
///
/// let report = MissingReport { year: 2018, as_of: "2018-12-30".into(), roster_units: 10,
///     rule: "Kế hoạch 61-KH/ĐUSTP".into(), units: vec![] };
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("don-doc.xlsx");
/// dvk::output::reminders::write_reminders(&report, &Config::builtin().committee, &path).unwrap();
/// assert!(path.exists());
/// ```
pub fn write_reminders(report: &MissingReport, committee: &Committee, path: &Path) -> Result<()> {
    super::atomic::write_workbook(path, reminders_workbook(report, committee))
}

const HEADERS: [(&str, f64); 6] = [
    ("STT", 6.0),
    ("Chi bộ", 30.0),
    ("Bí thư chi bộ", 20.0),
    ("Còn thiếu", 42.0),
    ("Hạn", 14.0),
    ("Tình trạng", 16.0),
];

fn reminders_workbook(
    report: &MissingReport,
    committee: &Committee,
) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties(
        &format!("Danh sách đôn đốc “Dân vận khéo” năm {}", report.year),
        Some(Category::Reminders),
    )?;
    workbook.set_properties(&properties);
    let styles = DocumentStyles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Đôn đốc")?;
    let last_col = HEADERS.len() as u16 - 1;
    for (col, (_, width)) in (0u16..).zip(HEADERS) {
        sheet.set_column_width(col, width)?;
    }
    let as_of = NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d").unwrap_or_default();
    let title = format!(
        "Danh sách các chi bộ còn thiếu hồ sơ “Dân vận khéo” năm {}",
        report.year
    );
    let subtitle = format!(
        "(Tính đến ngày {}; {} / {} chi bộ còn thiếu)",
        crate::sheet::format_date(as_of),
        report.units.len(),
        report.roster_units
    );
    let header_row = document::write_heading(
        sheet,
        &styles,
        committee,
        last_col,
        as_of,
        &title,
        Some(&subtitle),
    )?;
    for (col, (title, _)) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(header_row, col, title, &styles.table_header)?;
    }
    let mut row = header_row + 1;
    for (number, cell) in (1u32..).zip(&report.units) {
        let first = row;
        for item in &cell.items {
            sheet.write_string_with_format(row, 3, &item.detail, &styles.table_text)?;
            sheet.write_string_with_format(row, 4, &item.deadline, &styles.table_number)?;
            sheet.write_string_with_format(row, 5, when_words(item), &styles.table_number)?;
            row += 1;
        }
        let last = row - 1;
        let secretary = cell.secretary.as_deref().unwrap_or("");
        if last > first {
            sheet.merge_range(first, 0, last, 0, &number.to_string(), &styles.table_number)?;
            sheet.merge_range(first, 1, last, 1, &cell.unit, &styles.table_text)?;
            sheet.merge_range(first, 2, last, 2, secretary, &styles.table_text)?;
        } else {
            sheet.write_number_with_format(first, 0, number, &styles.table_number)?;
            sheet.write_string_with_format(first, 1, &cell.unit, &styles.table_text)?;
            sheet.write_string_with_format(first, 2, secretary, &styles.table_text)?;
        }
    }
    document::write_closing(
        sheet,
        &styles,
        committee,
        last_col,
        row + 1,
        &["Các chi bộ có tên trên", "Lưu Văn phòng Đảng ủy"],
    )?;
    document::print_setup(sheet, true, header_row)?;
    Ok(workbook)
}
