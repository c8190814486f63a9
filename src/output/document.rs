//! The Party document frame (Hướng dẫn 36-HD/VPTW) shared by printed workbooks: the header
//! block, the title, and the closing "Nơi nhận" and signature blocks, in Times New Roman.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, FormatUnderline, Worksheet, XlsxError};

use crate::rules::config::Committee;

/// The fonts and borders of a printed document.
pub struct DocumentStyles {
    /// Upper-case header lines on the left ("ĐẢNG BỘ KHỐI …").
    pub plain_center: Format,
    /// Bold, centred (committee name, "ĐẢNG CỘNG SẢN VIỆT NAM" without underline).
    pub bold_center: Format,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM": bold, underlined.
    pub motto: Format,
    /// The italic date line.
    pub italic_center: Format,
    /// The title: bold, 14 pt.
    pub title: Format,
    /// Table header cells.
    pub table_header: Format,
    /// Table text cells.
    pub table_text: Format,
    /// Table number cells.
    pub table_number: Format,
    /// Table cells of a totals row.
    pub table_total: Format,
    /// Text outside the table, left aligned.
    pub plain_left: Format,
    /// Bold text outside the table, left aligned ("Nơi nhận:").
    pub bold_left: Format,
    /// A paragraph of the body: wrapped, justified, from the top of its cell.
    pub paragraph: Format,
}

impl DocumentStyles {
    /// The styles of a Party document: Times New Roman 13 pt.
    pub fn new() -> Self {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(13);
        let center = base
            .clone()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let cell = base
            .clone()
            .set_font_size(12)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        DocumentStyles {
            plain_center: center.clone(),
            bold_center: center.clone().set_bold(),
            motto: center
                .clone()
                .set_bold()
                .set_underline(FormatUnderline::Single),
            italic_center: center.clone().set_italic(),
            title: center.clone().set_bold().set_font_size(14).set_text_wrap(),
            table_header: cell.clone().set_bold().set_align(FormatAlign::Center),
            table_number: cell.clone().set_align(FormatAlign::Center),
            table_total: cell.clone().set_bold().set_align(FormatAlign::Center),
            table_text: cell,
            plain_left: base.clone(),
            paragraph: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Justify)
                .set_align(FormatAlign::Top),
            bold_left: base.set_bold().set_underline(FormatUnderline::Single),
        }
    }
}

impl Default for DocumentStyles {
    fn default() -> Self {
        Self::new()
    }
}

/// "Đồng Hới, ngày 30 tháng 12 năm 2024".
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
/// assert_eq!(dvk::output::document::date_line("Đồng Hới", date), "Đồng Hới, ngày 30 tháng 12 năm 2024");
/// ```
pub fn date_line(place: &str, date: NaiveDate) -> String {
    format!(
        "{place}, ngày {:02} tháng {:02} năm {}",
        date.day(),
        date.month(),
        date.year()
    )
}

/// Writes the header block and the title over columns `0..=last_col`; returns the next free row.
///
/// Left: the higher committee, the committee in bold, "*", the document number. Right:
/// "ĐẢNG CỘNG SẢN VIỆT NAM" and the italic date line. Then the title and an optional subtitle.
pub(crate) fn write_heading(
    sheet: &mut Worksheet,
    styles: &DocumentStyles,
    committee: &Committee,
    last_col: u16,
    date: NaiveDate,
    title: &str,
    subtitle: Option<&str>,
) -> Result<u32, XlsxError> {
    let split = (last_col / 2).max(1);
    let left = |sheet: &mut Worksheet, row: u32, text: &str, format: &Format| {
        merge(sheet, row, 0, split - 1, text, format)
    };
    let right = |sheet: &mut Worksheet, row: u32, text: &str, format: &Format| {
        merge(sheet, row, split, last_col, text, format)
    };
    left(
        sheet,
        0,
        &committee.higher.to_uppercase(),
        &styles.plain_center,
    )?;
    left(
        sheet,
        1,
        &committee.name.to_uppercase(),
        &styles.bold_center,
    )?;
    left(sheet, 2, "*", &styles.plain_center)?;
    left(
        sheet,
        3,
        &format!("Số        -{}", committee.number_prefix),
        &styles.plain_center,
    )?;
    right(sheet, 0, "ĐẢNG CỘNG SẢN VIỆT NAM", &styles.motto)?;
    right(
        sheet,
        2,
        &date_line(&committee.place, date),
        &styles.italic_center,
    )?;
    merge(sheet, 5, 0, last_col, &title.to_uppercase(), &styles.title)?;
    sheet.set_row_height(5, 40)?;
    let mut next = 6;
    if let Some(subtitle) = subtitle {
        merge(sheet, next, 0, last_col, subtitle, &styles.italic_center)?;
        next += 1;
    }
    Ok(next + 1)
}

/// Writes "Nơi nhận" on the left and the signature block on the right from `row`.
pub(crate) fn write_closing(
    sheet: &mut Worksheet,
    styles: &DocumentStyles,
    committee: &Committee,
    last_col: u16,
    row: u32,
    recipients: &[&str],
) -> Result<(), XlsxError> {
    let split = (last_col / 2).max(1);
    merge(sheet, row, 0, split - 1, "Nơi nhận:", &styles.bold_left)?;
    for (offset, recipient) in (1u32..).zip(recipients) {
        merge(
            sheet,
            row + offset,
            0,
            split - 1,
            &format!("- {recipient}"),
            &styles.plain_left,
        )?;
    }
    merge(
        sheet,
        row,
        split,
        last_col,
        &committee.signer_role,
        &styles.bold_center,
    )?;
    merge(
        sheet,
        row + 1,
        split,
        last_col,
        &committee.signer_title,
        &styles.bold_center,
    )?;
    merge(
        sheet,
        row + 5,
        split,
        last_col,
        &committee.signer_name,
        &styles.bold_center,
    )?;
    Ok(())
}

/// Writes a text over merged columns (a plain cell when the range is one column). Text is
/// always a string, never a formula.
pub(crate) fn merge(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if first >= last {
        sheet.write_string_with_format(row, first, text, format)?;
    } else {
        sheet.merge_range(row, first, row, last, text, format)?;
    }
    Ok(())
}

/// A4, fit to the page width, the table header repeated on every page, page numbers.
pub fn print_setup(
    sheet: &mut Worksheet,
    landscape: bool,
    header_row: u32,
) -> Result<(), XlsxError> {
    print_setup_rows(sheet, landscape, header_row, header_row)
}

/// [`print_setup`] for a table header of several rows (`first..=last`), such as a group
/// header over sub-headers.
///
/// # Example
///
/// ```
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// let sheet = workbook.add_worksheet();
/// dvk::output::document::print_setup_rows(sheet, true, 8, 9).unwrap();
/// ```
pub fn print_setup_rows(
    sheet: &mut Worksheet,
    landscape: bool,
    first: u32,
    last: u32,
) -> Result<(), XlsxError> {
    page_setup(sheet, landscape);
    sheet.set_repeat_rows(first, last)?;
    Ok(())
}

/// A4 in the orientation given, fit to the page width, "Trang 1/3" in the footer, without a
/// header row repeated (a sheet of several short tables).
///
/// # Example
///
/// ```
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// dvk::output::document::page_setup(workbook.add_worksheet(), false);
/// ```
pub fn page_setup(sheet: &mut Worksheet, landscape: bool) {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer("&CTrang &P/&N");
    sheet.set_margins(0.6, 0.5, 0.6, 0.6, 0.3, 0.3);
}

/// Writes a paragraph of the body over columns `0..=last_col`, `width` wide (in Excel's
/// column-width units), with a row height that shows every line; returns the next row.
///
/// Neither Excel nor LibreOffice grows a merged row to fit its text, so the height is
/// estimated here from the length of the text.
///
/// # Example
///
/// ```
/// use dvk::output::document::{write_paragraph, DocumentStyles};
///
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// let sheet = workbook.add_worksheet();
/// let next = write_paragraph(sheet, &DocumentStyles::new(), 7, 9, 100.0, "Năm 2018, …").unwrap();
/// assert_eq!(next, 8);
/// ```
pub fn write_paragraph(
    sheet: &mut Worksheet,
    styles: &DocumentStyles,
    row: u32,
    last_col: u16,
    width: f64,
    text: &str,
) -> Result<u32, XlsxError> {
    merge(sheet, row, 0, last_col, text, &styles.paragraph)?;
    sheet.set_row_height(row, paragraph_height(text, width))?;
    Ok(row + 1)
}

/// The height in points of a 13 pt paragraph `width` column units wide.
///
/// # Example
///
/// ```
/// use dvk::output::document::paragraph_height;
///
/// assert!(paragraph_height(&"chữ ".repeat(100), 80.0) > paragraph_height("Ngắn", 80.0));
/// ```
pub fn paragraph_height(text: &str, width: f64) -> f64 {
    // A column unit is one digit of the default font (7 px); a 13 pt Times New Roman letter
    // averages a little more, so about 0.9 letter per unit, less a margin for whole words.
    let per_line = (width * 0.85).max(10.0);
    let letters = text.chars().count() as f64;
    let lines = (letters / per_line).ceil().max(1.0);
    lines * 17.5 + 4.0
}

/// The height in points of a table row (12 pt text) whose texts wrap in their columns, each
/// given with its column's width; `None` when every text fits on one line, so that the row
/// keeps its automatic height.
///
/// LibreOffice does not grow a row for wrapped text when it opens an .xlsx, so a long name
/// would be cut; the height is estimated here by wrapping the words.
///
/// # Example
///
/// ```
/// use dvk::output::document::table_row_height;
///
/// assert_eq!(table_row_height(&[("Chi bộ Văn phòng", 30.0)]), None);
/// let two_lines = table_row_height(&[("Chi bộ Trung tâm Dịch vụ đấu giá tài sản", 30.0)]);
/// assert_eq!(two_lines, Some(32.0));
/// ```
pub fn table_row_height(cells: &[(&str, f64)]) -> Option<f64> {
    let lines = cells
        .iter()
        .map(|(text, width)| wrapped_lines(text, *width))
        .max()
        .unwrap_or(1);
    (lines > 1).then_some(lines as f64 * 15.0 + 2.0)
}

/// How many lines a text takes in a column `width` units wide, wrapped at spaces.
fn wrapped_lines(text: &str, width: f64) -> usize {
    // About 1.15 letters of 12 pt Times New Roman per column unit (7 px).
    let per_line = ((width * 1.15) as usize).max(4);
    let mut lines = 0;
    for paragraph in text.split('\n') {
        let mut used = 0usize;
        lines += 1;
        for word in paragraph.split_whitespace() {
            let letters = word.chars().count();
            if used > 0 && used + 1 + letters > per_line {
                lines += 1;
                used = 0;
            }
            used += if used > 0 { 1 + letters } else { letters };
            while used > per_line {
                lines += 1;
                used -= per_line;
            }
        }
    }
    lines.max(1)
}
