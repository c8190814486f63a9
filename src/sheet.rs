//! The grid every stage reads: one worksheet as rows of [`CellValue`]s, before any
//! interpretation.
//!
//! In: nothing (this module depends on no other). Out: [`CellValue`], [`Sheet`], and the two
//! facts the stages agree on about a grid: where a row ends ([`used_len`]) and how many rows a
//! parallel task takes ([`ROWS_PER_TASK`]).

use chrono::NaiveDate;

/// One cell's value, as read from a workbook, before any interpretation.
///
/// Text is kept exactly as stored (normalizing happens in [`crate::text`]).
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
///
/// let cell = CellValue::Text("05/10/2024".to_string());
/// assert!(!cell.is_empty());
/// assert!(CellValue::Empty.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CellValue {
    /// A blank cell.
    Empty,
    /// A text cell.
    Text(String),
    /// A number (integers included).
    Number(f64),
    /// A boolean (TRUE/FALSE).
    Bool(bool),
    /// A cell formatted as a date in the workbook.
    Date(#[serde(with = "days_from_ce")] NaiveDate),
    /// A formula error such as `#REF!` or `#N/A`, kept as Excel shows it.
    Error(String),
}

/// A date as its day number from 1 January of year 1: four bytes between a worker and the run
/// (see [`crate::ingest::read::isolated`]), not a formatted string.
mod days_from_ce {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(date.num_days_from_ce())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| D::Error::custom("date"))
    }
}

impl CellValue {
    /// True for a blank cell or a text cell holding only white space.
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The length of a row up to its last value: blank cells after it are dropped when a sheet
/// is read.
pub(crate) fn used_len(row: &[CellValue]) -> usize {
    row.len() - row.iter().rev().take_while(|cell| cell.is_empty()).count()
}

/// Rows of a sheet per parallel task (normalizing, validating): a form of a few rows is one
/// task, and a consolidated sheet is shared among every core.
pub(crate) const ROWS_PER_TASK: usize = 512;

/// One worksheet as a grid: `rows[r][c]` is Excel row `r + 1`, column `c + 1`.
///
/// Merged regions are already filled: every cell of a merged region holds the value of its
/// top-left cell, so a group header spans all the columns under it.
///
/// # Example
///
/// ```
/// use dvk::sheet::{CellValue, Sheet};
///
/// let sheet = Sheet::from_rows("DS", vec![vec![CellValue::Text("STT".into())]]);
/// assert_eq!(sheet.get(0, 0), &CellValue::Text("STT".into()));
/// assert_eq!(sheet.get(5, 5), &CellValue::Empty);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    /// The sheet's name as the workbook shows it.
    pub name: String,
    /// The cells, row by row, from A1.
    pub rows: Vec<Vec<CellValue>>,
    /// The rows hidden in Excel (0-based, in order), where the format says (an .xlsx workbook
    /// of one worksheet); they are read like the others.
    pub hidden_rows: Vec<usize>,
}

static EMPTY: CellValue = CellValue::Empty;

impl Sheet {
    /// A sheet from rows of cells (row 0 is Excel row 1).
    pub fn from_rows(name: impl Into<String>, rows: Vec<Vec<CellValue>>) -> Self {
        Sheet {
            name: name.into(),
            rows,
            hidden_rows: Vec::new(),
        }
    }

    /// The cell at a 0-based row and column, [`CellValue::Empty`] outside the grid.
    pub fn get(&self, row: usize, col: usize) -> &CellValue {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Every text cell.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().flatten().filter_map(|cell| match cell {
            CellValue::Text(s) => Some(s.as_str()),
            _ => None,
        })
    }
}

/// A 0-based grid row as the 1-based Excel row number clerks read.
pub(crate) fn excel_row(row: usize) -> u32 {
    u32::try_from(row + 1).unwrap_or(u32::MAX)
}

/// Formats a date the Vietnamese way, dd/mm/yyyy.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::sheet::format_date;
///
/// let d = NaiveDate::from_ymd_opt(2024, 10, 5).unwrap();
/// assert_eq!(format_date(d), "05/10/2024");
/// ```
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}
