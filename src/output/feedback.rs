//! `dvk feedback`: the return slip of each unit (phiếu phản hồi), as a workbook to print in the
//! Party document format, and as a text body to paste into an e-mail or a Zalo message (the
//! Word letter is [`super::word::write_slip_docx`]).
//!
//! The slip says what was received (each file with the day it was received, what it holds and
//! the rows read), what is wrong (every finding: file, sheet, Excel row, column, value, what to
//! do), and what is still missing with its deadline; then by which day and where to send the
//! corrections, and the signature.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::document::{self, DocumentStyles, Letterhead};
use crate::error::Result;
use crate::figures::feedback::{Slip, SlipFile};
use crate::figures::missing::when_words;
use crate::findings::Finding;
use crate::rules::config::Committee;
use crate::sheet::format_date;

/// What every slip of a run says beyond its unit's own lists.
pub struct SlipLetter<'a> {
    /// The committee that sends the slips.
    pub committee: &'a Committee,
    /// Where the units send their files: `[workspace] send_to`.
    pub send_to: &'a str,
    /// The cycle year.
    pub year: i32,
    /// The day the files were judged by (the slip's date).
    pub date: NaiveDate,
    /// The day by which the units are asked to send what they correct or lack.
    pub reply_by: NaiveDate,
}

/// The name of a unit's slip files, without extension, safe on Windows:
/// "Phiếu phản hồi_Chi bộ Văn phòng_2025". A long unit name is cut, never the year.
///
/// # Example
///
/// ```
/// use dvk::output::feedback::slip_stem;
///
/// assert_eq!(slip_stem("Chi bộ Kế toán: Tài vụ", 2025), "Phiếu phản hồi_Chi bộ Kế toán- Tài vụ_2025");
/// let long = slip_stem(&"Chi bộ Trung tâm Dịch vụ đấu giá tài sản ".repeat(3), 2025);
/// assert!(long.ends_with("_2025") && long.chars().count() <= 80);
/// ```
pub fn slip_stem(unit: &str, year: i32) -> String {
    let (before, after) = ("Phiếu phản hồi_", format!("_{year}"));
    let room = 80usize.saturating_sub(before.chars().count() + after.chars().count());
    let unit: String = crate::templates::safe_file_name(unit)
        .chars()
        .take(room)
        .collect();
    crate::templates::safe_file_name(&format!("{before}{}{after}", unit.trim_end()))
}

/// The title of a slip.
pub(crate) fn title(year: i32) -> String {
    format!("PHIẾU PHẢN HỒI HỒ SƠ THI ĐUA “DÂN VẬN KHÉO” NĂM {year}")
}

/// "Kính gửi: Chi bộ Văn phòng".
pub(crate) fn to_line(slip: &Slip) -> String {
    format!("Kính gửi: {}", crate::templates::unit_title(&slip.unit))
}

/// Where the received days come from: "ngày nhận theo thời điểm sửa tệp".
fn bases(slip: &Slip) -> Option<String> {
    let mut bases: Vec<&str> = Vec::new();
    for file in &slip.files {
        if let Some(received) = &file.received {
            if !bases.contains(&received.basis.as_str()) {
                bases.push(&received.basis);
            }
        }
    }
    (!bases.is_empty()).then(|| format!("ngày nhận theo {}", bases.join(", ")))
}

/// The opening paragraph: who checked what, as of when.
pub(crate) fn opening(slip: &Slip, letter: &SlipLetter) -> String {
    let received = match slip.files.len() {
        0 => "chưa nhận được tệp nào của chi bộ".to_string(),
        n => format!("đã nhận {n} tệp của chi bộ"),
    };
    let basis = bases(slip).map(|b| format!(" ({b})")).unwrap_or_default();
    format!(
        "{} ({}) {received} cho phong trào thi đua “Dân vận khéo” năm {}{basis} và đã kiểm tra đến ngày {}. Kết quả như sau.",
        letter.send_to,
        letter.committee.issuer,
        letter.year,
        format_date(letter.date)
    )
}

/// The closing request: what to do, by when, where.
pub(crate) fn request(slip: &Slip, letter: &SlipLetter) -> String {
    if slip.to_do() == 0 {
        return format!(
            "Hồ sơ năm {} của chi bộ không có lỗi cần sửa và không còn thiếu hồ sơ đến hạn. Cảm ơn chi bộ.",
            letter.year
        );
    }
    format!(
        "Đề nghị chi bộ sửa các lỗi nêu ở mục 2, bổ sung hồ sơ còn thiếu ở mục 3 và gửi lại về {} trước ngày {}. Khi gửi lại, gửi cả tệp đã sửa (không chỉ phần sửa), giữ nguyên tên cột của biểu mẫu.",
        letter.send_to,
        format_date(letter.reply_by)
    )
}

/// "12/10/2025", or "không rõ" when the day cannot be told.
pub(crate) fn received_words(file: &SlipFile) -> String {
    file.received
        .as_ref()
        .map_or_else(|| "không rõ".to_string(), |r| format_date(r.date))
}

/// "đăng ký, 3 dòng".
pub(crate) fn file_words(file: &SlipFile) -> String {
    format!("{}, {} dòng", file.form.label(), file.rows)
}

/// The slip as a text body, ready to paste into an e-mail or a message.
///
/// # Example
///
/// ```
/// use dvk::figures::feedback::Slip;
/// use dvk::output::feedback::{slip_text, SlipLetter};
/// use dvk::rules::config::Config;
///
/// let config = Config::builtin();
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
/// let letter = SlipLetter { committee: &config.committee, send_to: "Văn phòng Đảng ủy",
///     year: 2025, date: day, reply_by: day };
/// let slip = Slip { unit: "Văn phòng".into(), secretary: None, files: vec![], findings: vec![],
///     missing: vec![] };
/// assert!(slip_text(&slip, &letter).starts_with("Kính gửi: Chi bộ Văn phòng"));
/// ```
pub fn slip_text(slip: &Slip, letter: &SlipLetter) -> String {
    let mut lines = vec![
        to_line(slip),
        String::new(),
        opening(slip, letter),
        String::new(),
        "1. Hồ sơ đã nhận:".to_string(),
    ];
    if slip.files.is_empty() {
        lines.push("- Chưa nhận được tệp nào.".to_string());
    }
    for file in &slip.files {
        lines.push(format!(
            "- {}: nhận ngày {}; {}; {}.",
            file.path,
            received_words(file),
            file_words(file),
            file.status
        ));
    }
    lines.push(String::new());
    lines.push("2. Cần sửa:".to_string());
    if slip.findings.is_empty() {
        lines.push("- Không có lỗi nào cần sửa.".to_string());
    }
    for finding in &slip.findings {
        let place = super::finding_place(finding);
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(", {place}")
        };
        lines.push(format!(
            "- ({}) Tệp {}{place}: {}.",
            finding.severity.label(),
            finding.path,
            finding.message.trim_end_matches('.')
        ));
    }
    lines.push(String::new());
    lines.push("3. Còn thiếu:".to_string());
    if slip.missing.is_empty() {
        lines.push("- Không còn thiếu hồ sơ đến hạn.".to_string());
    }
    for item in &slip.missing {
        lines.push(format!(
            "- {} (hạn {}; {}).",
            item.detail,
            item.deadline,
            when_words(item)
        ));
    }
    lines.push(String::new());
    lines.push(request(slip, letter));
    lines.push(String::new());
    lines.push(format!("{} — {}", letter.send_to, letter.committee.issuer));
    lines.join("\n") + "\n"
}

/// Writes the slip's text body atomically to `path`.
pub fn write_slip_text(slip: &Slip, letter: &SlipLetter, path: &Path) -> Result<()> {
    super::atomic::write_atomically(path, slip_text(slip, letter).as_bytes())
}

/// Writes the slip's workbook atomically to `path`.
///
/// # Example
///
/// ```
/// use dvk::figures::feedback::Slip;
/// use dvk::output::feedback::{write_slip, SlipLetter};
/// use dvk::rules::config::Config;
///
/// let config = Config::builtin();
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
/// let letter = SlipLetter { committee: &config.committee, send_to: "Văn phòng Đảng ủy",
///     year: 2025, date: day, reply_by: day };
/// let slip = Slip { unit: "Chi bộ Văn phòng".into(), secretary: None, files: vec![],
///     findings: vec![], missing: vec![] };
/// let dir = tempfile::tempdir().unwrap();
/// write_slip(&slip, &letter, &dir.path().join("vp.xlsx")).unwrap();
/// ```
pub fn write_slip(slip: &Slip, letter: &SlipLetter, path: &Path) -> Result<()> {
    super::atomic::write_workbook(path, slip_workbook(slip, letter))
}

/// The columns of the findings table, the widest of the three: the other two merge them.
const COLUMNS: [(&str, f64); 8] = [
    ("STT", 5.0),
    ("Tệp", 18.0),
    ("Trang", 10.0),
    ("Dòng", 6.0),
    ("Cột", 12.0),
    ("Giá trị", 13.0),
    ("Lỗi và cách sửa", 34.0),
    ("Mức", 8.0),
];

/// One cell of a table row: its text and the columns it spans.
type Span = (String, u16, u16);

/// The rows written under the heading with their heights, to keep the signature block with
/// the last of them on one page.
#[derive(Default)]
struct Body {
    rows: Vec<(u32, f64)>,
}

impl Body {
    fn set(
        &mut self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        row: u32,
        height: f64,
    ) -> std::result::Result<(), XlsxError> {
        sheet.set_row_height(row, height)?;
        self.rows.push((row, height));
        Ok(())
    }

    /// A paragraph over the whole width; returns the next row.
    fn paragraph(
        &mut self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        styles: &DocumentStyles,
        row: u32,
        text: &str,
    ) -> std::result::Result<u32, XlsxError> {
        let last = COLUMNS.len() as u16 - 1;
        let total: f64 = COLUMNS.iter().map(|(_, w)| w).sum();
        document::merge(sheet, row, 0, last, text, &styles.paragraph)?;
        self.set(sheet, row, document::paragraph_height(text, total))?;
        Ok(row + 1)
    }

    /// A section heading ("1. Hồ sơ đã nhận") after a little space; returns the next row.
    fn section(
        &mut self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        styles: &DocumentStyles,
        row: u32,
        text: &str,
    ) -> std::result::Result<u32, XlsxError> {
        let last = COLUMNS.len() as u16 - 1;
        self.set(sheet, row, 8.0)?;
        document::merge(sheet, row + 1, 0, last, text, &styles.bold_left)?;
        self.set(sheet, row + 1, 22.0)?;
        Ok(row + 2)
    }

    /// A numbered section of the slip: its heading, then `empty` when it has no row, else a
    /// table whose rows are numbered from 1 in the STT column; returns the next row.
    #[allow(clippy::too_many_arguments)]
    fn numbered_section(
        &mut self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        styles: &DocumentStyles,
        row: u32,
        (title, empty): (&str, &str),
        headers: &[Span],
        rows: Vec<Vec<Span>>,
        centred: &[u16],
    ) -> std::result::Result<u32, XlsxError> {
        let row = self.section(sheet, styles, row, title)?;
        if rows.is_empty() {
            return self.paragraph(sheet, styles, row, empty);
        }
        let numbered: Vec<Vec<Span>> = (1u32..)
            .zip(rows)
            .map(|(n, cells)| {
                let mut numbered = vec![(n.to_string(), 0, 0)];
                numbered.extend(cells);
                numbered
            })
            .collect();
        self.table(sheet, styles, row, headers, &numbered, centred)
    }

    /// A table of rows whose cells span columns, under its header; returns the next row.
    fn table(
        &mut self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        styles: &DocumentStyles,
        row: u32,
        headers: &[Span],
        rows: &[Vec<Span>],
        centred: &[u16],
    ) -> std::result::Result<u32, XlsxError> {
        let width = |first: u16, last: u16| -> f64 {
            COLUMNS
                .iter()
                .skip(usize::from(first))
                .take(usize::from(last - first) + 1)
                .map(|(_, w)| w)
                .sum()
        };
        let mut row = row;
        for (text, first, last) in headers {
            document::merge(sheet, row, *first, *last, text, &styles.table_header)?;
        }
        let cells: Vec<(&str, f64)> = headers
            .iter()
            .map(|(t, f, l)| (t.as_str(), width(*f, *l)))
            .collect();
        self.set(sheet, row, document::text_height(&cells, 12.0, true))?;
        row += 1;
        for cells in rows {
            for (text, first, last) in cells {
                let format = if centred.contains(first) {
                    &styles.table_number
                } else {
                    &styles.table_text
                };
                document::merge(sheet, row, *first, *last, text, format)?;
            }
            let texts: Vec<(&str, f64)> = cells
                .iter()
                .map(|(t, f, l)| (t.as_str(), width(*f, *l)))
                .collect();
            self.set(sheet, row, document::table_row_height(&texts))?;
            row += 1;
        }
        Ok(row)
    }
}

fn slip_workbook(slip: &Slip, letter: &SlipLetter) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties(
        &format!("Phiếu phản hồi — {} — năm {}", slip.unit, letter.year),
        None,
    )?;
    workbook.set_properties(&properties);
    let styles = DocumentStyles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Phiếu phản hồi")?;
    let widths: Vec<f64> = COLUMNS.iter().map(|(_, w)| *w).collect();
    for (col, width) in (0u16..).zip(&widths) {
        sheet.set_column_width(col, *width)?;
    }
    let last = COLUMNS.len() as u16 - 1;
    let total: f64 = widths.iter().sum();
    let letterhead = Letterhead {
        committee: letter.committee,
        kind: "",
        number: None,
        subject: None,
    };
    let (mut row, mut above) = document::write_heading(
        sheet,
        &styles,
        &letterhead,
        &widths,
        letter.date,
        &title(letter.year),
        None,
    )?;
    let to = to_line(slip);
    document::merge(sheet, row, 0, last, &to, &styles.bold_center)?;
    let to_height = document::paragraph_height(&to, total);
    sheet.set_row_height(row, to_height)?;
    above += to_height;
    row += 1;
    let mut body = Body::default();
    row = body.paragraph(sheet, &styles, row, &opening(slip, letter))?;
    let s = |text: &str, first: u16, last: u16| (text.to_string(), first, last);

    let received: Vec<Vec<Span>> = slip
        .files
        .iter()
        .map(|file| {
            vec![
                s(&file.path, 1, 2),
                s(&file_words(file), 3, 4),
                s(&received_words(file), 5, 5),
                s(&file.status, 6, 7),
            ]
        })
        .collect();
    row = body.numbered_section(
        sheet,
        &styles,
        row,
        ("1. Hồ sơ đã nhận", "Chưa nhận được tệp nào."),
        &[
            s("STT", 0, 0),
            s("Tệp", 1, 2),
            s("Biểu mẫu, số dòng", 3, 4),
            s("Ngày nhận", 5, 5),
            s("Tình trạng", 6, 7),
        ],
        received,
        &[0, 5],
    )?;
    let errors: Vec<Vec<Span>> = slip
        .findings
        .iter()
        .map(|f: &Finding| {
            vec![
                s(&f.path, 1, 1),
                s(f.sheet.as_deref().unwrap_or_default(), 2, 2),
                s(&f.row.map(|r| r.to_string()).unwrap_or_default(), 3, 3),
                s(f.column.as_deref().unwrap_or_default(), 4, 4),
                s(f.value.as_deref().unwrap_or_default(), 5, 5),
                s(&f.message, 6, 6),
                s(f.severity.label(), 7, 7),
            ]
        })
        .collect();
    let headers: Vec<Span> = (0u16..)
        .zip(COLUMNS)
        .map(|(col, (title, _))| s(title, col, col))
        .collect();
    row = body.numbered_section(
        sheet,
        &styles,
        row,
        ("2. Những lỗi cần sửa", "Không có lỗi nào cần sửa."),
        &headers,
        errors,
        &[0, 3, 7],
    )?;
    let missing: Vec<Vec<Span>> = slip
        .missing
        .iter()
        .map(|item| {
            vec![
                s(&item.detail, 1, 5),
                s(&item.deadline, 6, 6),
                s(&when_words(item), 7, 7),
            ]
        })
        .collect();
    row = body.numbered_section(
        sheet,
        &styles,
        row,
        ("3. Hồ sơ còn thiếu", "Không còn thiếu hồ sơ đến hạn."),
        &[
            s("STT", 0, 0),
            s("Còn thiếu", 1, 5),
            s("Hạn", 6, 6),
            s("Tình trạng", 7, 7),
        ],
        missing,
        &[0, 6, 7],
    )?;
    body.set(sheet, row, 8.0)?;
    row = body.paragraph(sheet, &styles, row + 1, &request(slip, letter))?;
    sheet.set_row_height(row, 12.0)?;
    let recipients = [
        crate::templates::unit_title(&slip.unit),
        "Lưu Văn phòng".to_string(),
    ];
    let closing = document::write_closing(
        sheet,
        &styles,
        letter.committee,
        &widths,
        row + 1,
        &recipients,
    )?;
    // The signature block never stands alone on the last page: the request and the last rows
    // go over with it.
    let layout = document::PageLayout::new(false, &widths, &letter.committee.margins);
    let heights: Vec<f64> = body.rows.iter().map(|(_, h)| *h).collect();
    if let Some(&(first, _)) = layout
        .break_before_closing(above, 0.0, &heights, 12.0 + closing)
        .and_then(|index| body.rows.get(index))
    {
        sheet.set_page_breaks(&[first])?;
    }
    document::page_setup(sheet, false, &letter.committee.margins);
    Ok(workbook)
}
