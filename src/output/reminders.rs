//! `dvk missing --out FILE.xlsx`: the reminder letter (công văn đôn đốc), ready to print and
//! sign: the header block with the subject ("V/v đôn đốc …"), "Kính gửi", the request (what is
//! missing, by which day, where to send), the list per unit with its secretary, «Nơi nhận»
//! and the signature.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, XlsxError};

use super::document::{self, DocumentStyles, Letterhead};
use crate::dvk_workbooks::Category;
use crate::error::Result;
use crate::figures::missing::{when_words, MissingReport};
use crate::rules::config::Committee;

/// What the letter says beyond the list: who sends it, its number, where the files go and by
/// which day.
pub struct Letter<'a> {
    /// The committee that sends the letter.
    pub committee: &'a Committee,
    /// The letter's number (`--number`); `None` leaves it to be written by hand.
    pub number: Option<&'a str>,
    /// Where the units send their files: `[workspace] send_to`.
    pub send_to: &'a str,
    /// The day by which the units are asked to send what they lack.
    pub reply_by: NaiveDate,
}

/// Writes the reminder letter atomically to `path`.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::figures::missing::MissingReport;
/// use dvk::output::reminders::{write_reminders, Letter};
///
/// let report = MissingReport { year: 2018, as_of: "2018-12-30".into(), roster_units: 10,
///     rule: "Kế hoạch 61-KH/ĐUSTP".into(), units: vec![] };
/// let config = Config::builtin();
/// let letter = Letter { committee: &config.committee, number: None, send_to: "Văn phòng Đảng ủy",
///     reply_by: chrono::NaiveDate::from_ymd_opt(2019, 1, 6).unwrap() };
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("don-doc.xlsx");
/// write_reminders(&report, &letter, &path).unwrap();
/// assert!(path.exists());
/// ```
pub fn write_reminders(report: &MissingReport, letter: &Letter, path: &Path) -> Result<()> {
    super::atomic::write_workbook(path, reminders_workbook(report, letter))
}

const HEADERS: [(&str, f64); 6] = [
    ("STT", 5.0),
    ("Chi bộ", 24.0),
    ("Bí thư chi bộ, điện thoại", 17.0),
    ("Còn thiếu", 36.0),
    ("Hạn", 12.0),
    ("Tình trạng", 12.0),
];

/// "V/v đôn đốc hoàn thành hồ sơ thi đua “Dân vận khéo” năm 2018".
pub(crate) fn subject(year: i32) -> String {
    format!("V/v đôn đốc hoàn thành hồ sơ thi đua “Dân vận khéo” năm {year}")
}

/// The request paragraph: the rule, what is missing as of the date, by which day and where
/// to send.
pub(crate) fn request(report: &MissingReport, letter: &Letter) -> String {
    let as_of = NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d").unwrap_or_default();
    format!(
        "Thực hiện {} về phong trào thi đua “Dân vận khéo” năm {}, tính đến ngày {}, còn {}/{} chi bộ chưa hoàn thành hồ sơ (danh sách dưới đây). {} đề nghị các chi bộ có tên trong danh sách khẩn trương hoàn thiện và gửi hồ sơ về {} trước ngày {}, để tổng hợp báo cáo theo quy định.",
        report.rule,
        report.year,
        crate::sheet::format_date(as_of),
        report.units.len(),
        report.roster_units,
        letter.committee.issuer,
        letter.send_to,
        crate::sheet::format_date(letter.reply_by)
    )
}

fn reminders_workbook(
    report: &MissingReport,
    letter: &Letter,
) -> std::result::Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties(&subject(report.year), Some(Category::Reminders))?;
    workbook.set_properties(&properties);
    let styles = DocumentStyles::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Đôn đốc")?;
    let widths: Vec<f64> = HEADERS.iter().map(|(_, width)| *width).collect();
    let last_col = HEADERS.len() as u16 - 1;
    for (col, width) in (0u16..).zip(&widths) {
        sheet.set_column_width(col, *width)?;
    }
    let as_of = NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d").unwrap_or_default();
    let subject = subject(report.year);
    let letterhead = Letterhead {
        committee: letter.committee,
        kind: "CV",
        number: letter.number,
        subject: Some(&subject),
    };
    let (mut row, mut above) =
        document::write_heading(sheet, &styles, &letterhead, &widths, as_of, "", None)?;
    let width: f64 = widths.iter().sum();
    let to = "Kính gửi: Các chi bộ có tên trong danh sách dưới đây";
    document::merge(sheet, row, 0, last_col, to, &styles.plain_center)?;
    let to_height = document::paragraph_height(to, width);
    sheet.set_row_height(row, to_height)?;
    sheet.set_row_height(row + 1, 8.0)?;
    row += 2;
    let request = request(report, letter);
    row = document::write_paragraph(sheet, &styles, row, last_col, width, &request)?;
    sheet.set_row_height(row, 12.0)?;
    above += to_height + 8.0 + document::paragraph_height(&request, width) + 12.0;
    let header_row = row + 1;
    for (col, (title, _)) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(header_row, col, title, &styles.table_header)?;
    }
    let header_height = document::text_height(&HEADERS.map(|(t, w)| (t, w)), 12.0, true);
    sheet.set_row_height(header_row, header_height)?;
    let mut row = header_row + 1;
    // The height of each unit's group of rows: a unit's rows are merged, so they move to a
    // new page together.
    let mut groups = Vec::new();
    for (number, unit) in (1u32..).zip(&report.units) {
        let first = row;
        let secretary = match (&unit.secretary, &unit.phone) {
            (Some(name), Some(phone)) => format!("{name}\nĐT: {phone}"),
            (Some(name), None) => name.clone(),
            (None, Some(phone)) => format!("ĐT: {phone}"),
            (None, None) => String::new(),
        };
        let secretary = secretary.as_str();
        // The unit's name and secretary span its rows: the rows together must hold them.
        let mut heights = Vec::new();
        for item in &unit.items {
            let when = when_words(item);
            sheet.write_string_with_format(row, 3, &item.detail, &styles.table_text)?;
            sheet.write_string_with_format(row, 4, &item.deadline, &styles.table_number)?;
            sheet.write_string_with_format(row, 5, &when, &styles.table_number)?;
            heights.push(document::table_row_height(&[
                (item.detail.as_str(), HEADERS[3].1),
                (item.deadline.as_str(), HEADERS[4].1),
                (when.as_str(), HEADERS[5].1),
            ]));
            row += 1;
        }
        let last = row.saturating_sub(1).max(first);
        let names = document::table_row_height(&[
            (unit.unit.as_str(), HEADERS[1].1),
            (secretary, HEADERS[2].1),
        ]);
        let have: f64 = heights.iter().sum();
        if let Some(last_height) = heights.last_mut() {
            *last_height += (names - have).max(0.0);
        }
        groups.push((first, heights.iter().sum::<f64>()));
        for (offset, height) in (0u32..).zip(heights) {
            sheet.set_row_height(first + offset, height)?;
        }
        if last > first {
            sheet.merge_range(first, 0, last, 0, &number.to_string(), &styles.table_number)?;
            sheet.merge_range(first, 1, last, 1, &unit.unit, &styles.table_text)?;
            sheet.merge_range(first, 2, last, 2, secretary, &styles.table_text)?;
        } else {
            sheet.write_number_with_format(first, 0, number, &styles.table_number)?;
            sheet.write_string_with_format(first, 1, &unit.unit, &styles.table_text)?;
            sheet.write_string_with_format(first, 2, secretary, &styles.table_text)?;
        }
    }
    let recipients = &letter.committee.reminder_recipients;
    sheet.set_row_height(row, 12.0)?;
    let closing = document::write_closing(
        sheet,
        &styles,
        letter.committee,
        &widths,
        row + 1,
        recipients,
    )?;
    let layout = document::PageLayout::new(false, &widths, &letter.committee.margins);
    let heights: Vec<f64> = groups.iter().map(|(_, height)| *height).collect();
    let at = layout.break_before_closing(above, header_height, &heights, 12.0 + closing);
    if let Some((first, _)) = at.and_then(|index| groups.get(index)) {
        sheet.set_page_breaks(&[*first])?;
    }
    document::print_setup(sheet, false, header_row, &letter.committee.margins)?;
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_says_by_when_and_where() {
        let report = MissingReport {
            year: 2018,
            as_of: "2019-12-30".into(),
            roster_units: 10,
            rule: "Kế hoạch 61-KH/ĐUSTP".into(),
            units: vec![],
        };
        let committee = Committee::builtin();
        let letter = Letter {
            committee: &committee,
            number: None,
            send_to: "Văn phòng Đảng ủy",
            reply_by: NaiveDate::from_ymd_opt(2020, 1, 6).unwrap_or_default(),
        };
        let text = request(&report, &letter);
        assert!(text.contains("trước ngày 06/01/2020"), "{text}");
        assert!(text.contains("về Văn phòng Đảng ủy"), "{text}");
        assert!(text.contains("còn 0/10 chi bộ"), "{text}");
        assert_eq!(
            subject(2018),
            "V/v đôn đốc hoàn thành hồ sơ thi đua “Dân vận khéo” năm 2018"
        );
    }
}
