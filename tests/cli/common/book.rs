//! A tiny workbook builder for tests and for `examples/make_samples.rs`.
//!
//! Describe each sheet as rows of [`V`] values plus merged ranges ([`SheetSpec`]), then write the
//! whole workbook as .xlsx ([`write_xlsx`], rust_xlsxwriter) or .ods ([`write_ods`],
//! spreadsheet-ods). [`to_json`] gives the JSON spec that `tools/make_xls.py` turns into a legacy
//! .xls. Output is deterministic: fixed document dates, zip timestamps and XML order.
//!
//! ```ignore
//! let sheet = SheetSpec::new("Sheet1", vec![
//!     vec!["STT".into(), "Tên mô hình".into(), "Ngày đăng ký".into()],
//!     vec![1.into(), "Tiếp công dân thân thiện".into(), date(2018, 10, 5).into()],
//! ]);
//! write_xlsx(&dir.join("a.xlsx"), &[sheet])?;
//! ```

use std::error::Error;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    /// Nothing is written.
    Blank,
    /// A text cell, written exactly as given (no normalization).
    Text(String),
    /// A number cell.
    Num(f64),
    /// A real date cell, formatted `dd/mm/yyyy`.
    Date(NaiveDate),
    /// A boolean cell.
    Bool(bool),
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        V::Text(s.to_string())
    }
}
impl From<String> for V {
    fn from(s: String) -> V {
        V::Text(s)
    }
}
impl From<f64> for V {
    fn from(n: f64) -> V {
        V::Num(n)
    }
}
impl From<i32> for V {
    fn from(n: i32) -> V {
        V::Num(n.into())
    }
}
impl From<NaiveDate> for V {
    fn from(d: NaiveDate) -> V {
        V::Date(d)
    }
}
impl From<bool> for V {
    fn from(b: bool) -> V {
        V::Bool(b)
    }
}

/// A text value.
pub fn t(s: &str) -> V {
    V::Text(s.to_string())
}

/// A row of texts; an empty string is a blank cell.
pub fn row(cells: &[&str]) -> Vec<V> {
    cells
        .iter()
        .map(|c| if c.is_empty() { V::Blank } else { t(c) })
        .collect()
}

/// `NaiveDate` from year, month, day; panics on an impossible date (test data only).
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// One sheet: its name, its rows from the first (row 0 = Excel row 1), its merged ranges.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    pub name: String,
    pub rows: Vec<Vec<V>>,
    /// `(first_row, first_col, last_row, last_col)`, 0-based, inclusive. The first cell keeps
    /// its value; the other cells of the range should be [`V::Blank`].
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl SheetSpec {
    /// A sheet without merged ranges.
    pub fn new(name: &str, rows: Vec<Vec<V>>) -> SheetSpec {
        SheetSpec {
            name: name.to_string(),
            rows,
            merges: Vec::new(),
        }
    }

    /// The value at 0-based `(row, col)`, or blank for a covered cell of a merged range.
    fn cell(&self, row: usize, col: usize) -> &V {
        let covered = self.merges.iter().any(|&(r1, c1, r2, c2)| {
            (r1 as usize..=r2 as usize).contains(&row)
                && (c1 as usize..=c2 as usize).contains(&col)
                && (row, col) != (r1 as usize, c1 as usize)
        });
        match self.rows.get(row).and_then(|r| r.get(col)) {
            Some(v) if !covered => v,
            _ => &V::Blank,
        }
    }

    /// Number of columns of the widest row.
    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Writes `sheets` as an .xlsx workbook (creation time fixed at 2018-01-01 for reproducibility).
pub fn write_xlsx(path: &Path, sheets: &[SheetSpec]) -> Result<(), Box<dyn Error>> {
    let buf = xlsx_bytes(sheets)?;
    std::fs::write(path, buf)?;
    Ok(())
}

/// The bytes of the .xlsx that [`write_xlsx`] would write.
pub fn xlsx_bytes(sheets: &[SheetSpec]) -> Result<Vec<u8>, Box<dyn Error>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2018, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let plain = Format::new();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    for spec in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&spec.name)?;
        for &(r1, c1, r2, c2) in &spec.merges {
            ws.merge_range(r1, c1, r2, c2, "", &plain)?;
        }
        for (r, row) in spec.rows.iter().enumerate() {
            for c in 0..row.len() {
                let (rr, cc) = (r as u32, c as u16);
                match spec.cell(r, c) {
                    V::Blank => {}
                    V::Text(s) => {
                        ws.write_string(rr, cc, s)?;
                    }
                    V::Num(n) => {
                        ws.write_number(rr, cc, *n)?;
                    }
                    V::Bool(b) => {
                        ws.write_boolean(rr, cc, *b)?;
                    }
                    V::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        ws.write_datetime_with_format(rr, cc, &dt, &date_fmt)?;
                    }
                }
            }
        }
        // Readable column widths: the longest line of text in the column, within 5..45.
        for c in 0..spec.width() {
            let longest = (0..spec.rows.len())
                .filter(|&r| !spec.merges.iter().any(|m| m.0 as usize == r && m.1 != m.3))
                .map(|r| match spec.cell(r, c) {
                    V::Text(s) => s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
                    V::Date(_) => 10,
                    _ => 4,
                })
                .max()
                .unwrap_or(0);
            ws.set_column_width(c as u16, (longest as f64 + 2.0).clamp(5.0, 45.0))?;
        }
    }
    Ok(book.save_to_buffer()?)
}

/// Writes `sheets` as an .ods workbook. spreadsheet-ods stamps "now" on the zip entries and writes
/// XML attributes and manifest entries in hash-map order, so the archive is rewritten with fixed
/// times and sorted attributes and entries (neither order has a meaning in ODF).
pub fn write_ods(path: &Path, sheets: &[SheetSpec]) -> Result<(), Box<dyn Error>> {
    use spreadsheet_ods::format::{FormatNumberStyle, ValueFormatDateTime};
    use spreadsheet_ods::{CellStyle, Sheet, WorkBook};

    // An empty workbook: the locale's default styles would be more hash-map-ordered XML.
    let mut book = WorkBook::new_empty();
    let mut fmt = ValueFormatDateTime::new_named("dmy");
    fmt.part_day().style(FormatNumberStyle::Long).build();
    fmt.part_text("/").build();
    fmt.part_month().style(FormatNumberStyle::Long).build();
    fmt.part_text("/").build();
    fmt.part_year().style(FormatNumberStyle::Long).build();
    let fmt = book.add_datetime_format(fmt);
    let date_style = book.add_cellstyle(CellStyle::new("date_dmy", &fmt));
    for spec in sheets {
        let mut sheet = Sheet::new(spec.name.as_str());
        for (r, row) in spec.rows.iter().enumerate() {
            for c in 0..row.len() {
                let (rr, cc) = (r as u32, c as u32);
                match spec.cell(r, c) {
                    V::Blank => {}
                    V::Text(s) => sheet.set_value(rr, cc, s.as_str()),
                    V::Num(n) => sheet.set_value(rr, cc, *n),
                    V::Bool(b) => sheet.set_value(rr, cc, *b),
                    V::Date(d) => sheet.set_styled_value(rr, cc, *d, &date_style),
                }
            }
        }
        for &(r1, c1, r2, c2) in &spec.merges {
            sheet.set_row_span(r1, c1.into(), r2 - r1 + 1);
            sheet.set_col_span(r1, c1.into(), u32::from(c2 - c1) + 1);
        }
        book.push_sheet(sheet);
    }
    let raw = spreadsheet_ods::write_ods_buf(&mut book, Vec::new())?;
    std::fs::write(path, canonical_zip(&raw)?)?;
    Ok(())
}

/// The same zip archive with entries dated 1980-01-01 and its XML made canonical.
fn canonical_zip(raw: &[u8]) -> Result<Vec<u8>, Box<dyn Error>> {
    use std::io::{Cursor, Read, Write};
    use zip::write::SimpleFileOptions;

    let mut input = zip::ZipArchive::new(Cursor::new(raw))?;
    let mut output = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..input.len() {
        let mut entry = input.by_index(i)?;
        let options = SimpleFileOptions::default()
            .compression_method(entry.compression())
            .last_modified_time(zip::DateTime::default());
        let name = entry.name()?.to_string();
        if entry.is_dir() {
            output.add_directory(name, options)?;
            continue;
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if name.ends_with(".xml") {
            data = canonical_xml(std::str::from_utf8(&data)?, &name).into_bytes();
        }
        output.start_file(name, options)?;
        output.write_all(&data)?;
    }
    Ok(output.finish()?.into_inner())
}

/// `xml` with the attributes of every start tag sorted, and for the manifest, its entries sorted.
fn canonical_xml(xml: &str, name: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // The end of the tag: the first '>' outside quotes.
        let mut quoted = false;
        let end = rest
            .char_indices()
            .find(|&(_, ch)| {
                quoted ^= ch == '"';
                ch == '>' && !quoted
            })
            .map_or(rest.len(), |(i, _)| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("</") || tag.starts_with("<?") || tag.starts_with("<!") {
            out.push_str(tag);
            continue;
        }
        let body = tag[1..tag.len() - 1].trim_end();
        let (body, close) = match body.strip_suffix('/') {
            Some(b) => (b, "/>"),
            None => (body, ">"),
        };
        // `name a="1" b="2"`: split on the spaces outside quotes.
        let mut parts = Vec::new();
        let (mut start, mut quoted) = (0, false);
        for (i, ch) in body.char_indices() {
            quoted ^= ch == '"';
            if ch == ' ' && !quoted {
                parts.push(&body[start..i]);
                start = i + 1;
            }
        }
        parts.push(&body[start..]);
        parts.retain(|p| !p.is_empty());
        parts[1..].sort_unstable();
        out.push('<');
        out.push_str(&parts.join(" "));
        out.push_str(close);
    }
    out.push_str(rest);
    if name.ends_with("manifest.xml") {
        const ENTRY: &str = "<manifest:file-entry ";
        if let (Some(first), Some(last)) = (out.find(ENTRY), out.rfind("/>")) {
            let mut entries: Vec<String> = out[first..last + 2]
                .split(ENTRY)
                .filter(|e| !e.is_empty())
                .map(|e| format!("{ENTRY}{e}"))
                .collect();
            entries.sort();
            out = format!("{}{}{}", &out[..first], entries.concat(), &out[last + 2..]);
        }
    }
    out
}

/// The JSON spec that `tools/make_xls.py` reads: `{"sheets": [{"name", "rows", "merges"}]}`,
/// each value `{"t": "text"|"num"|"date"|"bool"|"blank", "v": ...}`, dates as `"2018-10-05"`,
/// merges as `[first_row, first_col, last_row, last_col]`.
pub fn to_json(sheets: &[SheetSpec]) -> serde_json::Value {
    use serde_json::json;
    let sheets: Vec<_> = sheets
        .iter()
        .map(|s| {
            let rows: Vec<Vec<_>> = s
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| match v {
                            V::Blank => json!({"t": "blank"}),
                            V::Text(t) => json!({"t": "text", "v": t}),
                            V::Num(n) => json!({"t": "num", "v": n}),
                            V::Bool(b) => json!({"t": "bool", "v": b}),
                            V::Date(d) => {
                                json!({"t": "date", "v": d.format("%Y-%m-%d").to_string()})
                            }
                        })
                        .collect()
                })
                .collect();
            json!({"name": s.name, "rows": rows, "merges": s.merges})
        })
        .collect();
    json!({ "sheets": sheets })
}
