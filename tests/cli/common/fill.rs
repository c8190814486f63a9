//! Filling in an existing .xlsx the way a person does in Excel: typing values into cells that
//! are already there (blank, with their format), leaving everything else of the workbook as it
//! was: other cells, merged ranges, data validation, protection, other sheets.
//!
//! Only cells that exist in the sheet's XML can be filled: the cells a template leaves to fill
//! in are written blank with their format, so they do.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use chrono::NaiveDate;

/// A value typed into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// Text, as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// A date: Excel stores its serial number, and the cell's date format shows it.
    Date(NaiveDate),
}

/// Types text.
pub fn text(s: &str) -> Typed {
    Typed::Text(s.to_string())
}

/// "A1" for 0-based row 0, column 0.
pub fn reference(row: usize, col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), row + 1)
}

/// Fills cells `(row, column, value)` (0-based) of the `sheet`-th worksheet (1-based, in
/// workbook order) of the .xlsx at `path`, in place. Panics when a cell is not in the sheet.
pub fn fill_xlsx(path: &Path, sheet: usize, cells: &[(usize, usize, Typed)]) {
    let raw = std::fs::read(path).expect("read the workbook");
    let mut input = zip::ZipArchive::new(Cursor::new(raw)).expect("a zip archive");
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    for i in 0..input.len() {
        let mut entry = input.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read an entry");
        if name == target {
            let mut xml = String::from_utf8(data).expect("UTF-8 XML");
            for (row, col, value) in cells {
                xml = fill_cell(&xml, &reference(*row, *col), value);
            }
            data = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        output.start_file(name, options).expect("start an entry");
        output.write_all(&data).expect("write an entry");
    }
    let bytes = output.finish().expect("finish the zip").into_inner();
    std::fs::write(path, bytes).expect("write the workbook");
}

/// The sheet XML with the cell `reference` holding `value`, its format kept.
fn fill_cell(xml: &str, reference: &str, value: &Typed) -> String {
    let open = format!("<c r=\"{reference}\"");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("cell {reference} is not in the sheet"));
    let tag_end = start + xml[start..].find('>').expect("a closed tag");
    let end = if xml[..tag_end].ends_with('/') {
        tag_end + 1
    } else {
        tag_end + xml[tag_end..].find("</c>").expect("the cell's end") + "</c>".len()
    };
    let style = xml[start..tag_end]
        .split_whitespace()
        .find(|a| a.starts_with("s=\""))
        .map(|a| format!(" {}", a.trim_end_matches('/')))
        .unwrap_or_default();
    let cell = match value {
        Typed::Text(t) => format!(
            "<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{}</t></is></c>",
            escape(t)
        ),
        Typed::Number(n) => format!("<c r=\"{reference}\"{style}><v>{n}</v></c>"),
        Typed::Date(d) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("Excel's epoch");
            let serial = (*d - epoch).num_days();
            format!("<c r=\"{reference}\"{style}><v>{serial}</v></c>")
        }
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Types `value` into `(row, col)` (0-based) of the `sheet`-th worksheet of the .xlsx at `path`
/// when that row is not in the sheet at all: a line typed under a template's table, where the
/// template wrote nothing. Panics when the row already exists (use [`fill_xlsx`] there).
pub fn type_new_row(path: &Path, sheet: usize, row: usize, col: usize, value: &str) {
    let raw = std::fs::read(path).expect("read the workbook");
    let mut input = zip::ZipArchive::new(Cursor::new(raw)).expect("a zip archive");
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    for i in 0..input.len() {
        let mut entry = input.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read an entry");
        if name == target {
            let xml = String::from_utf8(data).expect("UTF-8 XML");
            data = insert_row(&xml, row + 1, &reference(row, col), value).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        output.start_file(name, options).expect("start an entry");
        output.write_all(&data).expect("write an entry");
    }
    let bytes = output.finish().expect("finish the zip").into_inner();
    std::fs::write(path, bytes).expect("write the workbook");
}

/// The sheet XML with a new `<row r="number">` holding one text cell, in row order.
fn insert_row(xml: &str, number: usize, reference: &str, value: &str) -> String {
    assert!(
        !xml.contains(&format!("<row r=\"{number}\"")),
        "row {number} is already in the sheet"
    );
    let new = format!(
        "<row r=\"{number}\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
        escape(value)
    );
    // Before the first row numbered higher, else at the end of the sheet data.
    let mut at = xml.find("</sheetData>").expect("sheet data");
    let mut rest = 0;
    while let Some(found) = xml[rest..].find("<row r=\"") {
        let start = rest + found;
        let digits: String = xml[start + 8..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.parse::<usize>().unwrap_or(0) > number {
            at = start;
            break;
        }
        rest = start + 8;
    }
    format!("{}{new}{}", &xml[..at], &xml[at..])
}

/// Hides rows (1-based Excel numbers) of the `sheet`-th worksheet of the .xlsx at `path`, as
/// Excel does when a clerk hides them (`hidden="1"` on the row). Panics when a row is not in
/// the sheet.
pub fn hide_rows(path: &Path, sheet: usize, rows: &[u64]) {
    let raw = std::fs::read(path).expect("read the workbook");
    let mut input = zip::ZipArchive::new(Cursor::new(raw)).expect("a zip archive");
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    for i in 0..input.len() {
        let mut entry = input.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read an entry");
        if name == target {
            let mut xml = String::from_utf8(data).expect("UTF-8 XML");
            for row in rows {
                let open = format!("<row r=\"{row}\"");
                assert!(xml.contains(&open), "row {row} is not in the sheet");
                xml = xml.replacen(&open, &format!("{open} hidden=\"1\""), 1);
            }
            data = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        output.start_file(name, options).expect("start an entry");
        output.write_all(&data).expect("write an entry");
    }
    let bytes = output.finish().expect("finish the zip").into_inner();
    std::fs::write(path, bytes).expect("write the workbook");
}
