//! The receipt log (sổ nhận hồ sơ) `dvk intake` keeps: one row per file received, under a
//! frozen, filterable header, A4 landscape, written whole or not at all. The columns are
//! [`crate::collect::receipts::COLUMNS`], which the reader looks for.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Workbook, Worksheet, XlsxError};

use super::workbook::{fit_row, write_header, write_optional_number, write_text, Styles};
use crate::collect::receipts::{grouped, Receipt, COLUMNS, LOG_SHEET};
use crate::dvk_workbooks::Category;
use crate::error::Result;

/// Writes the log with every row, atomically (the previous log stays whole until the new one
/// replaces it).
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("so-nhan-ho-so.xlsx");
/// dvk::output::receipts::write_log(&path, &[]).unwrap();
/// let log = dvk::collect::receipts::Receipts::load(dir.path()).unwrap();
/// assert!(log.rows.is_empty());
/// ```
pub fn write_log(path: &Path, rows: &[Receipt]) -> Result<()> {
    super::atomic::write_workbook(path, log_workbook(rows))
}

fn log_workbook(rows: &[Receipt]) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties("Sổ nhận hồ sơ “Dân vận khéo”", Some(Category::Receipts))?;
    workbook.set_properties(&properties);
    // A register kept by the office, not a signed document: the guidance's margins.
    let styles = Styles::new(&crate::rules::config::Margins::GUIDANCE);
    let sheet = workbook.add_worksheet();
    log_sheet(sheet, rows, &styles)?;
    Ok(workbook)
}

fn log_sheet(
    sheet: &mut Worksheet,
    rows: &[Receipt],
    styles: &Styles,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(LOG_SHEET)?;
    write_header(sheet, &COLUMNS, styles)?;
    let date_format = styles.number.clone().set_num_format("dd/mm/yyyy");
    for (row, receipt) in (1u32..).zip(rows) {
        let number = |n: Option<usize>| n.map(|n| n as f64);
        sheet.write_number_with_format(row, 0, f64::from(row), &styles.number)?;
        let day = &receipt.received;
        use chrono::Datelike;
        let date = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
        sheet.write_datetime_with_format(row, 1, &date, &date_format)?;
        let unit = receipt.unit.as_deref().unwrap_or("");
        let filed = receipt.filed.as_deref().unwrap_or("");
        let sha = grouped(&receipt.sha256);
        let texts = [
            "",
            "",
            receipt.from.as_str(),
            receipt.name.as_str(),
            unit,
            "",
            receipt.form.as_str(),
            "",
            "",
            filed,
            receipt.outcome.label(),
            receipt.note.as_str(),
            receipt.source.as_str(),
            sha.as_str(),
        ];
        for (col, text) in (0u16..).zip(&texts) {
            if !matches!(col, 0 | 1 | 5 | 7 | 8) {
                write_text(sheet, row, col, text, &styles.text)?;
            }
        }
        write_optional_number(sheet, row, 5, receipt.year.map(f64::from), &styles.number)?;
        write_optional_number(sheet, row, 7, number(receipt.rows), &styles.number)?;
        let errors = match receipt.errors {
            Some(n) if n > 0 => &styles.error,
            _ => &styles.number,
        };
        write_optional_number(sheet, row, 8, number(receipt.errors), errors)?;
        let mut measured = texts;
        measured[1] = "00/00/0000";
        fit_row(sheet, row, &measured, &COLUMNS)?;
    }
    Ok(())
}
