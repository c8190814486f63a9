//! The Party document frame (Hướng dẫn 36-HD/VPTW) shared by printed workbooks: the header
//! block, the title, and the closing "Nơi nhận" and signature blocks, in Times New Roman.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, FormatUnderline, Worksheet, XlsxError};

use super::metrics;
use crate::rules::config::{Committee, Margins};

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
    /// "Nơi nhận:": bold italic, 12 pt, left aligned.
    pub bold_left: Format,
    /// A paragraph of the body: wrapped, justified, from the top of its cell.
    pub paragraph: Format,
    /// A line of «Nơi nhận»: 11 pt, wrapped.
    pub recipient: Format,
    /// A letter's subject ("V/v …") under the number: 12 pt, centred, wrapped.
    pub subject: Format,
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
            plain_center: center.clone().set_text_wrap(),
            bold_center: center.clone().set_bold().set_text_wrap(),
            motto: center
                .clone()
                .set_bold()
                .set_underline(FormatUnderline::Single),
            italic_center: center.clone().set_italic().set_text_wrap(),
            title: center.clone().set_bold().set_font_size(14).set_text_wrap(),
            table_header: cell.clone().set_bold().set_align(FormatAlign::Center),
            table_number: cell.clone().set_align(FormatAlign::Center),
            table_total: cell.clone().set_bold().set_align(FormatAlign::Center),
            table_text: cell,
            plain_left: base.clone(),
            subject: center.clone().set_font_size(12).set_text_wrap(),
            recipient: base
                .clone()
                .set_font_size(11)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            paragraph: base
                .clone()
                .set_text_wrap()
                .set_align(FormatAlign::Justify)
                .set_align(FormatAlign::Top),
            bold_left: base.set_bold().set_italic().set_font_size(12),
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

/// The left block of the header and the document's number, as [`write_heading`] prints them.
pub(crate) struct Letterhead<'a> {
    /// The committee that issues the document.
    pub committee: &'a Committee,
    /// The kind's symbol in the number: "BC", "CV", "DS"; empty for a document without a
    /// number (a return slip).
    pub kind: &'a str,
    /// The number, written by hand when `None`.
    pub number: Option<&'a str>,
    /// A letter's subject under the number: "V/v đôn đốc …"; `None` for a report.
    pub subject: Option<&'a str>,
}

/// "Số 12-BC/ĐU", or "Số      -BC/ĐU" with room for the number written by hand.
pub(crate) fn number_line(number: Option<&str>, kind: &str, abbreviation: &str) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(number) => format!("Số {number}-{kind}/{abbreviation}"),
        None => format!("Số        -{kind}/{abbreviation}"),
    }
}

/// A line of the header block: its text, its format, whether it is bold.
type HeadingCell<'a> = (&'a str, &'a Format, bool);

/// The column where the right half of a document starts: the left block gets the most first
/// columns that stay within half the width (at least one column).
fn split_col(widths: &[f64]) -> u16 {
    let total: f64 = widths.iter().sum();
    let last = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    let mut used = 0.0;
    let mut split = 1;
    for (col, width) in (0u16..).zip(widths) {
        used += width;
        if used > total * 0.5 {
            break;
        }
        split = col + 1;
    }
    split.clamp(1, last.max(1))
}

/// The width, in Excel units, of the columns `first..=last`.
fn span_width(widths: &[f64], first: u16, last: u16) -> f64 {
    widths
        .iter()
        .skip(usize::from(first))
        .take(usize::from(last.saturating_sub(first)) + 1)
        .sum()
}

/// The height of a row whose texts, each `(text, Excel width, size, bold)`, wrap in their
/// merged cells: the tallest.
fn block_height(cells: &[(&str, f64, f64, bool)]) -> f64 {
    cells
        .iter()
        .map(|(text, width, size, bold)| {
            metrics::lines_height(
                metrics::wrapped_lines(text, *size, *bold, metrics::column_points(*width)),
                *size,
            )
        })
        .fold(0.0, f64::max)
}

/// Writes the header block and the title over the columns of `widths`; returns the next free
/// row.
///
/// Left: the higher organisation ("ĐẢNG BỘ KHỐI …"), the issuing committee in bold ("ĐẢNG ỦY
/// …"), "*", the number. Right: "ĐẢNG CỘNG SẢN VIỆT NAM" and the italic date line. Then the
/// title and an optional subtitle. A line too long for its half wraps, and its row is given
/// the height of its lines. Returns the next free row and the height of the rows written.
pub(crate) fn write_heading(
    sheet: &mut Worksheet,
    styles: &DocumentStyles,
    letterhead: &Letterhead,
    widths: &[f64],
    date: NaiveDate,
    title: &str,
    subtitle: Option<&str>,
) -> Result<(u32, f64), XlsxError> {
    let mut total = 0.0;
    let mut set = |sheet: &mut Worksheet, row: u32, height: f64| {
        total += height;
        sheet.set_row_height(row, height).map(|_| ())
    };
    let committee = letterhead.committee;
    let last_col = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    let split = split_col(widths);
    let (left_width, right_width) = (
        span_width(widths, 0, split - 1),
        span_width(widths, split, last_col),
    );
    let higher = committee.higher.to_uppercase();
    let issuer = committee.issuer.to_uppercase();
    let number = number_line(letterhead.number, letterhead.kind, &committee.abbreviation);
    let date_text = date_line(&committee.place, date);
    let rows: [(Option<HeadingCell>, Option<HeadingCell>); 4] = [
        (
            Some((&higher, &styles.plain_center, false)),
            Some(("ĐẢNG CỘNG SẢN VIỆT NAM", &styles.motto, true)),
        ),
        (Some((&issuer, &styles.bold_center, true)), None),
        (
            Some(("*", &styles.plain_center, false)),
            Some((&date_text, &styles.italic_center, false)),
        ),
        (
            (!letterhead.kind.is_empty()).then_some((number.as_str(), &styles.plain_center, false)),
            None,
        ),
    ];
    for (row, (left, right)) in (0u32..).zip(rows) {
        let mut cells = Vec::new();
        if let Some((text, format, bold)) = left {
            merge(sheet, row, 0, split - 1, text, format)?;
            cells.push((text, left_width, 13.0, bold));
        }
        if let Some((text, format, bold)) = right {
            merge(sheet, row, split, last_col, text, format)?;
            cells.push((text, right_width, 13.0, bold));
        }
        set(sheet, row, block_height(&cells).max(18.0))?;
    }
    let mut next = 4;
    if let Some(subject) = letterhead.subject {
        merge(sheet, next, 0, split - 1, subject, &styles.subject)?;
        let height = block_height(&[(subject, left_width, 12.0, false)]);
        set(sheet, next, height)?;
        next += 1;
    }
    set(sheet, next, 10.0)?;
    next += 1;
    let title_width = span_width(widths, 0, last_col);
    if !title.is_empty() {
        merge(
            sheet,
            next,
            0,
            last_col,
            &title.to_uppercase(),
            &styles.title,
        )?;
        let height = block_height(&[(&title.to_uppercase(), title_width, 14.0, true)]);
        set(sheet, next, height)?;
        next += 1;
    }
    if let Some(subtitle) = subtitle {
        merge(sheet, next, 0, last_col, subtitle, &styles.italic_center)?;
        set(
            sheet,
            next,
            block_height(&[(subtitle, title_width, 13.0, false)]),
        )?;
        next += 1;
    }
    set(sheet, next, 10.0)?;
    Ok((next + 1, total))
}

/// Blank lines between the signer's title and name: room to sign and stamp (about 3.5 cm).
pub(crate) const SIGNATURE_ROOM: u32 = 5;

/// The rows the closing block takes: "Nơi nhận" and its lines, or the signature block with
/// its room to sign, whichever is longer.
pub(crate) fn closing_rows(recipients: usize) -> u32 {
    let recipients = u32::try_from(recipients)
        .unwrap_or(u32::MAX)
        .saturating_add(1);
    recipients.max(2 + SIGNATURE_ROOM + 1)
}

/// Writes "Nơi nhận" on the left and the signature block on the right from `row` over the
/// columns of `widths`; returns the height of the rows written.
pub(crate) fn write_closing(
    sheet: &mut Worksheet,
    styles: &DocumentStyles,
    committee: &Committee,
    widths: &[f64],
    row: u32,
    recipients: &[String],
) -> Result<f64, XlsxError> {
    let last_col = u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0);
    let split = split_col(widths);
    let left_width = span_width(widths, 0, split - 1);
    let right_width = span_width(widths, split, last_col);
    let rows = closing_rows(recipients.len());
    let mut heights = vec![18.0f64; rows as usize];
    merge(sheet, row, 0, split - 1, "Nơi nhận:", &styles.bold_left)?;
    for (offset, recipient) in (1u32..).zip(recipients) {
        let line = format!("- {recipient}");
        merge(sheet, row + offset, 0, split - 1, &line, &styles.recipient)?;
        let height = block_height(&[(&line, left_width, 11.0, false)]);
        if let Some(slot) = heights.get_mut(offset as usize) {
            *slot = slot.max(height);
        }
    }
    let signer = [
        (0, committee.signer_role.as_str()),
        (1, committee.signer_title.as_str()),
        (2 + SIGNATURE_ROOM, committee.signer_name.as_str()),
    ];
    for (offset, text) in signer {
        merge(
            sheet,
            row + offset,
            split,
            last_col,
            text,
            &styles.bold_center,
        )?;
        let height = block_height(&[(text, right_width, 13.0, true)]);
        if let Some(slot) = heights.get_mut(offset as usize) {
            *slot = slot.max(height);
        }
    }
    for (offset, height) in (0u32..).zip(&heights) {
        sheet.set_row_height(row + offset, *height)?;
    }
    Ok(heights.iter().sum())
}

/// How a sheet's rows fall on A4 pages when printed fit to the page width, to keep the
/// signature block with the last rows of the table.
///
/// The page's height in the sheet's points is known only as a range, because Excel and
/// LibreOffice scale the same sheet differently to the page's width: a column's width is
/// counted in digits of the workbook's default font (Calibri 11), which Excel rounds to
/// 7 pixels and LibreOffice takes at its true 7.43 (Carlito, with Calibri's metrics), so
/// LibreOffice prints a sheet about 6% smaller and fits that many more rows on a page; and
/// row rounding differs by a little more. A layout that trusted one figure would misplace the
/// signature block whenever the table ends near a page's foot (all the rows fit, the block
/// goes alone to the next page), so the block is placed by both ends of the range (see
/// [`PageLayout::break_before_closing`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageLayout {
    /// The height of a page's rows, in the sheet's points (before scaling to the page), in
    /// the program that fits the fewest: Excel, with a little room.
    least: f64,
    /// The same in the program that fits the most: LibreOffice.
    most: f64,
}

/// The share of Excel's computed page height that the layout takes it to fit, for the
/// rounding of row heights and of the scale.
const EXCEL_ROOM: f64 = 0.96;

/// The width of a digit of Calibri 11 in pixels as LibreOffice counts it (Carlito's advance
/// of "0", 1038 of 2048 units, at 11 pt and 96 pixels to the inch); Excel rounds it to 7.
const LIBREOFFICE_DIGIT: f64 = 11.0 * 1038.0 / 2048.0 * 96.0 / 72.0;

impl PageLayout {
    /// The layout of an A4 sheet with the document's `margins`, printed fit to the page
    /// width, of columns `widths` wide (Excel units).
    pub(crate) fn new(landscape: bool, widths: &[f64], margins: &Margins) -> Self {
        let (width_mm, height_mm) = if landscape {
            (297.0, 210.0)
        } else {
            (210.0, 297.0)
        };
        let points = |mm: f64| mm / 25.4 * 72.0;
        let printable_width = points(width_mm - margins.left - margins.right);
        let printable_height = points(height_mm - margins.top - margins.bottom);
        // A column of w units is round(7w) + 5 pixels of 0.75 pt in Excel, as rust_xlsxwriter
        // stores it.
        let excel_width: f64 = widths
            .iter()
            .map(|w| ((w * 7.0).round() + 5.0) * 0.75)
            .sum();
        // Both scale by whole percents, rounded down, never above 100%.
        let height_at = |sheet_width: f64| {
            let scale = (printable_width / sheet_width.max(1.0) * 100.0)
                .floor()
                .min(100.0)
                / 100.0;
            printable_height / scale.max(0.1)
        };
        PageLayout {
            least: height_at(excel_width) * EXCEL_ROOM,
            most: height_at(excel_width * LIBREOFFICE_DIGIT / 7.0),
        }
    }

    /// Where to break the page so that the closing block (`closing` high) shares its page with
    /// the table's last rows: the index in `rows` of the row that starts a new page, or `None`
    /// when the block already does. `above` is the height above the table on the first page,
    /// `header` the table's header, repeated on every page.
    ///
    /// The rows are laid out twice, on pages as high as the fewest and the most that fit
    /// ([`PageLayout`]); when either leaves the block alone on a page, the last rows are
    /// carried over with it. The cost of a needless break is a page a little shorter; the
    /// cost of a missed one is a signature with nothing above it.
    pub(crate) fn break_before_closing(
        &self,
        above: f64,
        header: f64,
        rows: &[f64],
        closing: f64,
    ) -> Option<usize> {
        [self.least, self.most]
            .into_iter()
            .find_map(|capacity| Self::carried(capacity, above, header, rows, closing))
    }

    /// [`PageLayout::break_before_closing`] on pages `capacity` high.
    fn carried(
        capacity: f64,
        above: f64,
        header: f64,
        rows: &[f64],
        closing: f64,
    ) -> Option<usize> {
        let mut used = above + header;
        for &height in rows {
            if used + height > capacity {
                used = header;
            }
            used += height;
        }
        if used + closing <= capacity || rows.is_empty() {
            return None;
        }
        // Carry the last rows over with the block: the totals row and the row above it, or
        // as many as fit with it under the repeated header.
        let mut carried = header + closing;
        let mut start = rows.len();
        while start > 0 && rows.len() - start < 2 && carried + rows[start - 1] <= capacity {
            start -= 1;
            carried += rows[start];
        }
        (start < rows.len()).then_some(start)
    }
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
    margins: &Margins,
) -> Result<(), XlsxError> {
    print_setup_rows(sheet, landscape, header_row, header_row, margins)
}

/// [`print_setup`] for a table header of several rows (`first..=last`), such as a group
/// header over sub-headers.
///
/// # Example
///
/// ```
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// let sheet = workbook.add_worksheet();
/// let margins = dvk::rules::config::Margins::GUIDANCE;
/// dvk::output::document::print_setup_rows(sheet, true, 8, 9, &margins).unwrap();
/// ```
pub fn print_setup_rows(
    sheet: &mut Worksheet,
    landscape: bool,
    first: u32,
    last: u32,
    margins: &Margins,
) -> Result<(), XlsxError> {
    page_setup(sheet, landscape, margins);
    sheet.set_repeat_rows(first, last)?;
    Ok(())
}

/// A4 in the orientation given, fit to the page width, the page number in the footer from
/// the second page on ([`super::first_page`]), without a header row repeated (a sheet of
/// several short tables).
///
/// # Example
///
/// ```
/// let mut workbook = rust_xlsxwriter::Workbook::new();
/// let margins = dvk::rules::config::Margins::GUIDANCE;
/// dvk::output::document::page_setup(workbook.add_worksheet(), false, &margins);
/// ```
pub fn page_setup(sheet: &mut Worksheet, landscape: bool, margins: &Margins) {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer(super::first_page::DOCUMENT_FOOTER);
    set_margins(sheet, margins);
}

/// The page margins (`[document] margins_mm`, by default Hướng dẫn 36-HD/VPTW's), with the
/// header and footer 0.3 inch from the edge.
pub(crate) fn set_margins(sheet: &mut Worksheet, margins: &Margins) {
    sheet.set_margins(
        margins.left / 25.4,
        margins.right / 25.4,
        margins.top / 25.4,
        margins.bottom / 25.4,
        0.3,
        0.3,
    );
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
    let lines = metrics::wrapped_lines(text, 13.0, false, metrics::column_points(width));
    metrics::lines_height(lines, 13.0)
}

/// The height in points of a table row (12 pt text) whose texts wrap in their columns, each
/// given with its column's width: the tallest cell's lines, at least one line.
///
/// LibreOffice does not grow a row for wrapped text when it opens an .xlsx, so a long name
/// would be cut or print over the next row; the height is measured here by wrapping the words
/// in Times New Roman ([`metrics`]).
///
/// # Example
///
/// ```
/// use dvk::output::document::table_row_height;
///
/// let one = table_row_height(&[("Chi bộ Văn phòng", 30.0)]);
/// let two = table_row_height(&[("Chi bộ Trung tâm Dịch vụ đấu giá tài sản tỉnh", 30.0)]);
/// assert!(two > one);
/// ```
pub fn table_row_height(cells: &[(&str, f64)]) -> f64 {
    text_height(cells, 12.0, false)
}

/// [`table_row_height`] for text of `size` points, bold or not.
pub(crate) fn text_height(cells: &[(&str, f64)], size: f64, bold: bool) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            metrics::wrapped_lines(text, size, bold, metrics::column_points(*width))
        })
        .max()
        .unwrap_or(1);
    metrics::lines_height(lines, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_blank_unless_given() {
        assert_eq!(number_line(Some("12"), "BC", "ĐU"), "Số 12-BC/ĐU");
        assert!(number_line(None, "CV", "ĐU").starts_with("Số    "));
        assert!(number_line(Some(" "), "CV", "ĐU").ends_with("-CV/ĐU"));
    }

    #[test]
    fn the_closing_block_has_room_to_sign() {
        assert_eq!(closing_rows(3), 8);
        assert_eq!(closing_rows(10), 11);
    }

    #[test]
    fn bold_headers_wrap_on_more_lines() {
        let bold = text_height(&[("Tình trạng tự đánh giá", 10.5)], 12.0, true);
        assert!(bold >= 2.0 * 12.0);
    }

    #[test]
    fn the_signature_block_keeps_with_the_last_rows() {
        let layout = PageLayout::new(false, &[5.0, 30.0, 10.0, 10.0], &Margins::GUIDANCE);
        // 28 rows of 20 pt under 130 pt fill a page: the closing block of 150 pt would be
        // alone on the next, so the last two rows go with it.
        let rows = vec![20.0; 28];
        assert_eq!(
            layout.break_before_closing(100.0, 30.0, &rows, 150.0),
            Some(26)
        );
        assert_eq!(
            layout.break_before_closing(100.0, 30.0, &rows[..5], 150.0),
            None
        );
        assert_eq!(layout.break_before_closing(100.0, 30.0, &[], 150.0), None);
    }

    #[test]
    fn a_table_that_ends_near_the_foot_carries_rows_over_either_way() {
        let layout = PageLayout {
            least: 960.0,
            most: 1000.0,
        };
        // 980 pt of rows: on pages of 1000 pt they all fit and the block of 150 pt would go
        // alone (on pages of 960 pt the last row would go over with it): two rows go over.
        let rows = vec![20.0; 49];
        assert_eq!(
            layout.break_before_closing(0.0, 0.0, &rows, 150.0),
            Some(47)
        );
        // 900 pt of rows and a block of 80 pt: together on pages of 1000 pt, not on pages of
        // 960 pt: two rows go over.
        assert_eq!(
            layout.break_before_closing(0.0, 0.0, &rows[..45], 80.0),
            Some(43)
        );
        // Far from the foot: no break.
        assert_eq!(
            layout.break_before_closing(0.0, 0.0, &rows[..10], 150.0),
            None
        );
    }
}
