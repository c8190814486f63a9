//! `--out FILE.xlsx`: the findings workbook a clerk can filter, print and forward.
//!
//! Sheet «Phát hiện» has one row per finding (file, sheet, row, column, value, message,
//! severity, code); sheet «Tệp» lists every file with its status. Every text is written as a
//! string, never as a formula, whatever it begins with.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::dvk_workbooks::Category;
use crate::error::Result;
use crate::findings::Severity;
use crate::pipeline::check_report::{excel_ranges, SheetEntry};
use crate::pipeline::check_report::{CheckReport, FileStatus, UnitFinding, NO_UNIT};
use crate::rules::config::Margins;

/// The name of the sheet of findings.
pub(crate) const FINDINGS_SHEET: &str = "Phát hiện";

/// Builds the findings workbook and writes it atomically to `path`.
///
/// # Example
///
/// ```
/// use dvk::pipeline::check_report::CheckReport;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("ket-qua-kiem-tra.xlsx");
/// let margins = dvk::rules::config::Margins::GUIDANCE;
/// dvk::output::workbook::write_findings(&CheckReport::default(), &path, &margins).unwrap();
/// assert!(path.exists());
/// ```
pub fn write_findings(report: &CheckReport, path: &Path, margins: &Margins) -> Result<()> {
    super::atomic::write_workbook(path, findings_workbook(report, margins))
}

fn findings_workbook(
    report: &CheckReport,
    margins: &Margins,
) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties(
        "Kết quả kiểm tra hồ sơ “Dân vận khéo”",
        Some(Category::Findings),
    )?;
    workbook.set_properties(&properties);
    workbook.set_zip_compression_level(super::LIST_ZIP_LEVEL);
    let styles = Styles::new(margins);
    // Streamed row by row to a temporary file rather than held whole: tens of thousands of
    // findings and files.
    findings_sheet(
        workbook.add_worksheet_with_constant_memory()?,
        &report.findings_by_unit(),
        &styles,
    )?;
    files_sheet(
        workbook.add_worksheet_with_constant_memory()?,
        report,
        &styles,
    )?;
    Ok(workbook)
}

pub(super) struct Styles {
    pub(super) margins: Margins,
    pub(super) header: Format,
    pub(super) text: Format,
    pub(super) error: Format,
    pub(super) warning: Format,
    pub(super) number: Format,
}

impl Styles {
    pub(super) fn new(margins: &Margins) -> Self {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Styles {
            margins: *margins,
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            error: base.clone().set_font_color(Color::RGB(0xC00000)).set_bold(),
            warning: base.clone().set_font_color(Color::RGB(0x9C5700)).set_bold(),
            number: base.clone().set_align(FormatAlign::Center),
            text: base,
        }
    }
}

/// A4, landscape, fit to the page width, header row repeated, page numbers in the footer.
fn print_setup(
    sheet: &mut Worksheet,
    columns: u16,
    margins: &Margins,
) -> std::result::Result<(), XlsxError> {
    super::document::set_margins(sheet, margins);
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_footer("&CTrang &P/&N");
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 34)?;
    sheet.autofilter(0, 0, 0, columns.saturating_sub(1))?;
    Ok(())
}

pub(super) fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> std::result::Result<(), XlsxError> {
    let value: String = value.chars().take(super::MAX_CELL_CHARS).collect();
    sheet.write_string_with_format(row, col, value, format)?;
    Ok(())
}

/// A number, or a blank bordered cell when there is none.
pub(super) fn write_optional_number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> std::result::Result<(), XlsxError> {
    match value {
        Some(number) => {
            sheet.write_number_with_format(row, col, number, format)?;
            Ok(())
        }
        None => write_text(sheet, row, col, "", format),
    }
}

/// Gives a row the height of its tallest wrapped text (paths wrap at their slashes' words
/// too: a long path is cut into lines of the column's width).
pub(super) fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    texts: &[&str],
    headers: &[(&str, f64)],
) -> std::result::Result<(), XlsxError> {
    let cells: Vec<(&str, f64)> = texts
        .iter()
        .zip(headers)
        .map(|(text, (_, width))| (*text, *width))
        .collect();
    sheet.set_row_height(row, super::document::table_row_height(&cells))?;
    Ok(())
}

pub(super) fn write_header(
    sheet: &mut Worksheet,
    headers: &[(&str, f64)],
    styles: &Styles,
) -> std::result::Result<(), XlsxError> {
    for (col, (title, width)) in (0u16..).zip(headers) {
        write_text(sheet, 0, col, title, &styles.header)?;
        sheet.set_column_width(col, *width)?;
    }
    print_setup(sheet, headers.len() as u16, &styles.margins)
}

/// Writes sheet «Phát hiện» as `dvk check --out` does: one row per finding (unit, file, sheet,
/// row, column, value, message, severity, code), in the order given (by unit:
/// [`CheckReport::findings_by_unit`]), under a filterable, frozen header, A4 landscape. Other
/// workbooks (the report) reuse it.
///
/// # Example
///
/// ```
/// use dvk::findings::{Code, Finding};
///
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// let finding = Finding::new(Code::MissingValue, "2018/a.xlsx", "Thiếu tên mô hình").at("DS", 7);
/// let found = dvk::pipeline::check_report::UnitFinding { unit: None, finding: &finding };
/// let margins = dvk::rules::config::Margins::GUIDANCE;
/// dvk::output::workbook::write_findings_sheet(workbook.add_worksheet(), &[found], &margins).unwrap();
/// assert!(workbook.save_to_buffer().is_ok());
/// ```
pub fn write_findings_sheet(
    sheet: &mut Worksheet,
    findings: &[UnitFinding<'_>],
    margins: &Margins,
) -> std::result::Result<(), XlsxError> {
    findings_sheet(sheet, findings, &Styles::new(margins))
}

fn findings_sheet(
    sheet: &mut Worksheet,
    findings: &[UnitFinding<'_>],
    styles: &Styles,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name(FINDINGS_SHEET)?;
    let headers = [
        ("Đơn vị", 24.0),
        ("Tệp", 30.0),
        ("Trang", 14.0),
        ("Dòng", 7.0),
        ("Cột", 18.0),
        ("Giá trị", 22.0),
        ("Nội dung", 60.0),
        ("Mức độ", 11.0),
        ("Mã", 22.0),
    ];
    write_header(sheet, &headers, styles)?;
    for (row, found) in (1u32..).zip(findings) {
        let finding = found.finding;
        let unit = found.unit.unwrap_or(NO_UNIT);
        write_text(sheet, row, 0, unit, &styles.text)?;
        let severity_format = match finding.severity {
            Severity::Error => &styles.error,
            Severity::Warning => &styles.warning,
            Severity::Info => &styles.text,
        };
        write_text(sheet, row, 1, &finding.path, &styles.text)?;
        write_text(
            sheet,
            row,
            2,
            finding.sheet.as_deref().unwrap_or(""),
            &styles.text,
        )?;
        write_optional_number(sheet, row, 3, finding.row.map(f64::from), &styles.number)?;
        write_text(
            sheet,
            row,
            4,
            finding.column.as_deref().unwrap_or(""),
            &styles.text,
        )?;
        write_text(
            sheet,
            row,
            5,
            finding.value.as_deref().unwrap_or(""),
            &styles.text,
        )?;
        write_text(sheet, row, 6, &finding.message, &styles.text)?;
        write_text(sheet, row, 7, finding.severity.label(), severity_format)?;
        write_text(sheet, row, 8, finding.code.as_str(), &styles.text)?;
        let texts = [
            unit,
            &finding.path,
            finding.sheet.as_deref().unwrap_or(""),
            "",
            finding.column.as_deref().unwrap_or(""),
            finding.value.as_deref().unwrap_or(""),
            &finding.message,
            finding.severity.label(),
            finding.code.as_str(),
        ];
        fit_row(sheet, row, &texts, &headers)?;
    }
    Ok(())
}

fn files_sheet(
    sheet: &mut Worksheet,
    report: &CheckReport,
    styles: &Styles,
) -> std::result::Result<(), XlsxError> {
    sheet.set_name("Tệp")?;
    let headers = [
        ("Tệp", 40.0),
        ("Trạng thái", 19.0),
        ("Biểu mẫu", 18.0),
        ("Trang", 14.0),
        ("Chi bộ", 34.0),
        ("Năm", 8.0),
        ("Số dòng", 9.0),
        ("Lỗi", 7.0),
        ("Cảnh báo", 10.0),
        ("Các dòng của từng trang", 70.0),
    ];
    write_header(sheet, &headers, styles)?;
    let mut counts: std::collections::HashMap<(&str, Severity), f64> = Default::default();
    for finding in &report.findings {
        *counts
            .entry((finding.path.as_str(), finding.severity))
            .or_default() += 1.0;
    }
    for (row, file) in (1u32..).zip(&report.files) {
        let of_file = |s: Severity| counts.get(&(file.path.as_str(), s)).copied().unwrap_or(0.0);
        let form = match (file.status, file.form) {
            (FileStatus::Read, form) => form.label(),
            _ => "",
        };
        write_text(sheet, row, 0, &file.path, &styles.text)?;
        // Short words that fit the column; the finding names the other file.
        let status = match (&file.duplicate_of, &file.superseded_by) {
            (Some(_), _) => "bỏ qua (tệp trùng)",
            (None, Some(_)) => "được thay (bản sau)",
            (None, None) => file.status.label(),
        };
        write_text(sheet, row, 1, status, &styles.text)?;
        write_text(sheet, row, 2, form, &styles.text)?;
        write_text(
            sheet,
            row,
            3,
            file.sheet.as_deref().unwrap_or(""),
            &styles.text,
        )?;
        write_text(
            sheet,
            row,
            4,
            file.unit.as_deref().unwrap_or(""),
            &styles.text,
        )?;
        write_optional_number(sheet, row, 5, file.year.map(f64::from), &styles.number)?;
        sheet.write_number_with_format(row, 6, file.rows as f64, &styles.number)?;
        sheet.write_number_with_format(row, 7, of_file(Severity::Error), &styles.number)?;
        sheet.write_number_with_format(row, 8, of_file(Severity::Warning), &styles.number)?;
        let sheets = describe_sheets(&file.sheets);
        write_text(sheet, row, 9, &sheets, &styles.text)?;
        let texts = [
            file.path.as_str(),
            file.status.label(),
            form,
            file.sheet.as_deref().unwrap_or(""),
            file.unit.as_deref().unwrap_or(""),
            "",
            "",
            "",
            "",
            sheets.as_str(),
        ];
        fit_row(sheet, row, &texts, &headers)?;
    }
    Ok(())
}

/// What each row of each sheet is, in words, as the JSON `structure` says it: "Trang «DS»:
/// tiêu đề 1–4; tiêu đề cột 5; dữ liệu 8–9, 12–13 (4 dòng); mục 7 «I. TẬP THỂ»; …".
///
/// # Example
///
/// ```
/// use dvk::output::workbook::describe_sheets;
/// use dvk::pipeline::check_report::{SheetEntry, SheetStructure};
///
/// let sheet = SheetEntry {
///     name: "DS".into(),
///     form: Some(dvk::recognize::forms::FormKind::Registration),
///     rows: 2,
///     structure: Some(SheetStructure {
///         title: vec![1, 2],
///         header: vec![4],
///         data: vec![[5, 6]],
///         closing: vec![8, 9],
///         ..SheetStructure::default()
///     }),
/// };
/// assert_eq!(
///     describe_sheets(&[sheet]),
///     "Trang «DS»: tiêu đề 1–2; tiêu đề cột 4; dữ liệu 5–6 (2 dòng); phần ký tên 8–9"
/// );
/// ```
pub fn describe_sheets(sheets: &[SheetEntry]) -> String {
    let lines: Vec<String> = sheets.iter().map(describe_sheet).collect();
    lines.join("\n")
}

fn describe_sheet(sheet: &SheetEntry) -> String {
    let Some(s) = &sheet.structure else {
        return format!("Trang «{}»: không phải biểu mẫu, không đọc", sheet.name);
    };
    let mut parts: Vec<String> = Vec::new();
    let rows = |parts: &mut Vec<String>, label: &str, rows: &[u32]| {
        if !rows.is_empty() {
            let ranges = excel_ranges(rows.iter().copied());
            parts.push(format!("{label} {}", spans(&ranges)));
        }
    };
    rows(&mut parts, "tiêu đề", &s.title);
    rows(&mut parts, "tiêu đề cột", &s.header);
    rows(&mut parts, "dòng đánh số cột", &s.column_numbers);
    rows(&mut parts, "dòng ví dụ (không tính)", &s.examples);
    rows(
        &mut parts,
        "dòng ví dụ đã ghi đè (có tính)",
        &s.examples_used,
    );
    if !s.data.is_empty() {
        parts.push(format!("dữ liệu {} ({} dòng)", spans(&s.data), sheet.rows));
    }
    if !s.sections.is_empty() {
        let sections: Vec<String> = s
            .sections
            .iter()
            .map(|x| format!("{} «{}»", x.row, x.text))
            .collect();
        parts.push(format!("mục {}", sections.join(", ")));
    }
    rows(&mut parts, "dòng chỉ có số thứ tự", &s.blank_numbered);
    if !s.totals.is_empty() {
        let totals: Vec<String> = s
            .totals
            .iter()
            .map(|t| match t.stated {
                Some(n) => format!("{} (ghi {n})", t.row),
                None => t.row.to_string(),
            })
            .collect();
        parts.push(format!("dòng tổng {}", totals.join(", ")));
    }
    rows(&mut parts, "ghi chú", &s.notes);
    rows(&mut parts, "phần ký tên", &s.closing);
    rows(
        &mut parts,
        "dưới phần ký tên (không tính)",
        &s.after_closing,
    );
    format!("Trang «{}»: {}", sheet.name, parts.join("; "))
}

/// "5–6, 9" from inclusive ranges.
fn spans(ranges: &[[u32; 2]]) -> String {
    let spans: Vec<String> = ranges
        .iter()
        .map(|[a, b]| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    spans.join(", ")
}
