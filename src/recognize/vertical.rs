//! Forms written down the page: one model per sheet, a label in one column and its value
//! beside it ("PHIẾU TỰ ĐÁNH GIÁ", "BÁO CÁO KẾT QUẢ THỰC HIỆN MÔ HÌNH").
//!
//! In: a sheet no table header was found in. Out: the same content laid out as a one-row
//! table ([`Vertical::sheet`], read by [`crate::recognize::validate::read_rows`] like any
//! form), and the way back to the sheet's own rows for findings and records
//! ([`Vertical::place`]).
//!
//! Why a table and not a reader of its own: every rule of a row (the kind, the votes, the
//! dates, the unit from the title) is then the same for both shapes, and a finding on the
//! vertical form names the row of the label a clerk looks at.

use crate::findings::Finding;
use crate::recognize::body::Structure;
use crate::recognize::forms::{self, ColumnRole, Form};
use crate::recognize::validate::{Record, SheetRows};
use crate::sheet::{CellValue, Sheet};
use crate::text;

/// A vertical form, turned into a one-row table.
#[derive(Debug, Clone)]
pub struct Vertical {
    /// The table: the sheet's title rows, a header row of the labels, a row of the values,
    /// then the rows under the last label (the date line, the signature).
    pub sheet: Sheet,
    /// The form recognized in [`Vertical::sheet`].
    pub form: Form,
    /// The sheet's row of each label (0-based), in the header's column order.
    labels: Vec<usize>,
    /// The header's row in the table (the value row is the next one).
    header_row: usize,
    /// How many rows of the table come after the value row, and from which sheet row on.
    tail_from: usize,
}

/// The fewest labels that make a vertical form (with a model's or person's name among them).
const MIN_LABELS: usize = 3;

/// How far down labels are looked for.
const MAX_ROWS: usize = 80;

/// Recognizes a vertical form, `None` when the sheet is not one.
///
/// # Example
///
/// ```
/// use dvk::recognize::vertical;
/// use dvk::sheet::{CellValue, Sheet};
///
/// let t = |s: &str| CellValue::Text(s.to_string());
/// let sheet = Sheet::from_rows("TĐG", vec![
///     vec![t("CHI BỘ VĂN PHÒNG")],
///     vec![t("PHIẾU TỰ ĐÁNH GIÁ MÔ HÌNH DÂN VẬN KHÉO NĂM 2024")],
///     vec![t("1. Tên mô hình:"), t("Một cửa đúng hẹn")],
///     vec![t("2. Kết quả đạt được:"), t("100% hồ sơ đúng hẹn")],
///     vec![t("3. Tự đánh giá, xếp loại:"), t("Tốt")],
/// ]);
/// let form = vertical::recognize(&sheet).unwrap();
/// assert_eq!(form.form.data_rows.len(), 1);
/// ```
pub fn recognize(sheet: &Sheet) -> Option<Vertical> {
    let mut pairs: Vec<(ColumnRole, usize, String, CellValue)> = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().take(MAX_ROWS) {
        let Some((label, value)) = label_and_value(row) else {
            continue;
        };
        let Some(role) = forms::match_header(&label) else {
            continue;
        };
        if role != ColumnRole::Seq && pairs.iter().all(|(f, ..)| *f != role) {
            pairs.push((role, r, label, value));
        }
    }
    let names = pairs
        .iter()
        .any(|(f, ..)| matches!(f, ColumnRole::ModelName | ColumnRole::Person));
    if pairs.len() < MIN_LABELS || !names {
        return None;
    }
    let first = pairs.iter().map(|p| p.1).min()?;
    let last = pairs.iter().map(|p| p.1).max()?;
    let mut rows: Vec<Vec<CellValue>> = sheet.rows[..first].to_vec();
    let header_row = rows.len();
    rows.push(
        pairs
            .iter()
            .map(|(_, _, label, _)| CellValue::Text(label.clone()))
            .collect(),
    );
    rows.push(pairs.iter().map(|(.., value)| value.clone()).collect());
    rows.extend(sheet.rows[last + 1..].iter().cloned());
    let table = Sheet::from_rows(sheet.name.clone(), rows);
    let form = forms::recognize(&table)?;
    if form.header_last_row != header_row || form.data_rows != [header_row + 1] {
        return None;
    }
    Some(Vertical {
        sheet: table,
        form,
        labels: pairs.iter().map(|p| p.1).collect(),
        header_row,
        tail_from: last + 1,
    })
}

/// A row's label and its value: "Tên mô hình: Một cửa" in one cell, or the label in one cell
/// and the value in the next filled one.
///
/// A label is marked as one (it ends with a colon, or is numbered "1.", "a)", "-"), or it is
/// written as a label is, in sentence case with its value beside it: a title line in
/// capitals ("CHI BỘ VĂN PHÒNG", "BÍ THƯ") is not a label. Unmarked, the unit's label must be
/// the label alone («Chi bộ», «Đơn vị»): "Chi bộ Văn phòng" names a unit, it does not ask for one.
fn label_and_value(row: &[CellValue]) -> Option<(String, CellValue)> {
    let (at, first) = row.iter().enumerate().find_map(|(i, c)| match c {
        CellValue::Text(s) if !s.trim().is_empty() => Some((i, s.as_str())),
        _ => None,
    })?;
    let label = strip_mark(first);
    let marked = label.len() < first.trim_start().len();
    if let Some((label, value)) = label.split_once(':') {
        if !value.trim().is_empty() {
            return Some((
                label.trim().to_string(),
                CellValue::Text(value.trim().to_string()),
            ));
        }
    }
    let colon = label.trim_end().ends_with(':');
    let label = label.trim().trim_end_matches(':').trim().to_string();
    let value = row[at + 1..]
        .iter()
        .find(|c| !c.is_empty() && **c != row[at])
        .cloned()
        .unwrap_or(CellValue::Empty);
    if !marked && !colon {
        let capitals = !label.chars().any(char::is_lowercase);
        let bare_unit = ["chibo", "tenchibo", "donvi", "tendonvi", "chibodonvi"]
            .contains(&text::fold_compact(&label).as_str());
        let unit = forms::match_header(&label) == Some(ColumnRole::Unit);
        if capitals || value.is_empty() || (unit && !bare_unit) {
            return None;
        }
    }
    Some((label, value))
}

/// "1. ", "a) ", "- ", "+ ", "• " before a label.
fn strip_mark(label: &str) -> &str {
    let t = label.trim_start();
    let t = t.trim_start_matches(['-', '+', '•', '*']).trim_start();
    let cut = t
        .find(['.', ')'])
        .filter(|&i| i <= 4 && t[..i].chars().all(|c| c.is_ascii_alphanumeric()));
    match cut {
        Some(i) => t[i + 1..].trim_start(),
        None => t,
    }
}

impl Vertical {
    /// Puts the findings and records of the table back on the sheet's rows: a finding about a
    /// column on its label's row, anything else on the first label's row.
    pub fn place(&self, rows: &mut SheetRows) {
        let first = self.labels.iter().copied().min().unwrap_or(0);
        let value_row = self.header_row + 1;
        let to_sheet = |row: usize| -> usize {
            if row > value_row {
                self.tail_from + (row - value_row - 1)
            } else if row >= self.header_row {
                first
            } else {
                row
            }
        };
        for finding in &mut rows.findings {
            place_finding(finding, self, &to_sheet);
        }
        let name_row = self
            .form
            .column(ColumnRole::ModelName)
            .or_else(|| self.form.column(ColumnRole::Person))
            .and_then(|c| self.labels.get(c.index).copied())
            .unwrap_or(first);
        for record in &mut rows.records {
            let source = match record {
                Record::Registration(r) => &mut r.source,
                Record::SelfAssessment(s) => &mut s.source,
                Record::Decision(d) => &mut d.source,
                Record::Roster(r) => &mut r.source,
            };
            source.row = crate::sheet::excel_row(name_row);
        }
    }

    /// The sheet's rows by role: the title, the labels as one data range (one model), the
    /// closing block under them.
    pub fn structure(&self) -> (Structure, Vec<usize>) {
        let s = &self.form.structure;
        let tail = |rows: &[usize]| -> Vec<usize> {
            rows.iter()
                .filter(|&&r| r > self.header_row + 1)
                .map(|&r| self.tail_from + (r - self.header_row - 2))
                .collect()
        };
        let first = self.labels.iter().copied().min().unwrap_or(0);
        let last = self.labels.iter().copied().max().unwrap_or(0);
        let structure = Structure {
            title: s.title.clone(),
            notes: tail(&s.notes),
            closing: tail(&s.closing),
            after_closing: tail(&s.after_closing),
            totals: Vec::new(),
            ..Structure::default()
        };
        (structure, (first..=last).collect())
    }
}

fn place_finding(finding: &mut Finding, vertical: &Vertical, to_sheet: &dyn Fn(usize) -> usize) {
    let Some(row) = finding.row else { return };
    let table_row = (row as usize).saturating_sub(1);
    let by_column = finding.column.as_ref().and_then(|header| {
        vertical
            .form
            .columns
            .iter()
            .find(|c| c.header == *header)
            .and_then(|c| vertical.labels.get(c.index).copied())
    });
    let sheet_row = match by_column {
        Some(label_row) if table_row == vertical.header_row + 1 => label_row,
        _ => to_sheet(table_row),
    };
    finding.row = Some(crate::sheet::excel_row(sheet_row));
}
