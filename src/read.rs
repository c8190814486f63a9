//! Reading workbooks with calamine into plain grids of [`Cell`]s.

use chrono::NaiveDate;

/// One cell's value, as read from a workbook, before any interpretation.
///
/// Text is kept exactly as stored (normalizing happens in [`crate::text`]).
///
/// # Example
///
/// ```
/// use dvk::read::Cell;
///
/// let cell = Cell::Text("05/10/2024".to_string());
/// assert!(!cell.is_empty());
/// assert!(Cell::Empty.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A blank cell.
    Empty,
    /// A text cell.
    Text(String),
    /// A number (integers included).
    Number(f64),
    /// A boolean (TRUE/FALSE).
    Bool(bool),
    /// A cell formatted as a date in the workbook.
    Date(NaiveDate),
    /// A formula error such as `#REF!` or `#N/A`, kept as Excel shows it.
    Error(String),
}

impl Cell {
    /// True for a blank cell or a text cell holding only white space.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}
