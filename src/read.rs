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

/// One worksheet as a grid: `rows[r][c]` is Excel row `r + 1`, column `c + 1`.
///
/// Merged regions are already filled: every cell of a merged region holds the value of its
/// top-left cell, so a group header spans all the columns under it.
///
/// # Example
///
/// ```
/// use dvk::read::{Cell, Sheet};
///
/// let sheet = Sheet::from_rows("DS", vec![vec![Cell::Text("STT".into())]]);
/// assert_eq!(sheet.get(0, 0), &Cell::Text("STT".into()));
/// assert_eq!(sheet.get(5, 5), &Cell::Empty);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name as the workbook shows it.
    pub name: String,
    /// The cells, row by row, from A1.
    pub rows: Vec<Vec<Cell>>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// A sheet from rows of cells (row 0 is Excel row 1).
    pub fn from_rows(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        Sheet {
            name: name.into(),
            rows,
        }
    }

    /// The cell at a 0-based row and column, [`Cell::Empty`] outside the grid.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Every text cell, mutably: the text normalizer rewrites them in place.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.rows
            .iter_mut()
            .flatten()
            .filter_map(|cell| match cell {
                Cell::Text(s) => Some(s),
                _ => None,
            })
    }

    /// Every text cell.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().flatten().filter_map(|cell| match cell {
            Cell::Text(s) => Some(s.as_str()),
            _ => None,
        })
    }

    /// Fills every merged region with the value of its top-left cell.
    ///
    /// Regions larger than [`MAX_MERGE_FILL`] cells are left alone: a title merged over a whole
    /// page carries no column information, and filling it would only waste memory.
    fn fill_merges(&mut self, merges: &[calamine::Dimensions]) {
        for merge in merges {
            let (top, left) = (merge.start.0 as usize, merge.start.1 as usize);
            let (bottom, right) = (merge.end.0 as usize, merge.end.1 as usize);
            let area =
                (bottom.saturating_sub(top) + 1).saturating_mul(right.saturating_sub(left) + 1);
            if area > MAX_MERGE_FILL || bottom >= self.rows.len() {
                continue;
            }
            let value = self.get(top, left).clone();
            if value.is_empty() {
                continue;
            }
            for row in &mut self.rows[top..=bottom] {
                if row.len() <= right {
                    row.resize(right + 1, Cell::Empty);
                }
                for cell in &mut row[left..=right] {
                    *cell = value.clone();
                }
            }
        }
    }
}

/// The largest merged region whose value is copied into each of its cells.
pub const MAX_MERGE_FILL: usize = 10_000;

/// The largest file dvk opens; larger ones are refused as unreadable, because a committee's
/// workbooks are small and a huge file is a mistake (or an attack).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The workbook is protected by a password.
    Encrypted,
    /// The file is corrupt, truncated, too large or not a workbook; the reason is Vietnamese.
    Unreadable(String),
}

/// A workbook's visible worksheets, in workbook order.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    /// The visible worksheets.
    pub sheets: Vec<Sheet>,
    /// How many sheets were passed over because they are hidden or are chart sheets.
    pub hidden_sheets: usize,
    /// The legacy encoding the text was converted from, if any sheet was in one.
    pub legacy: Option<crate::text::Legacy>,
    /// The document category when dvk wrote the workbook itself ("dvk-report",
    /// "dvk-findings", "dvk-reminders"), so its own outputs are recognized.
    pub generator: Option<String>,
}

/// The container format, told from the first bytes rather than the name, because files get
/// renamed (.xls saved as .xlsx and the reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Zip,
    Cfb,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Cfb
    } else {
        Container::Unknown
    }
}

/// Reads a workbook file: every visible worksheet, merged regions filled, text normalized.
///
/// The format is told from the content, so a renamed file still opens. A panic inside the
/// reader (malformed files have made readers panic) is caught and reported as unreadable.
///
/// # Example
///
/// ```no_run
/// use dvk::read::read_workbook;
///
/// let book = read_workbook(std::path::Path::new("samples/danh-sach-chi-bo.xlsx")).unwrap();
/// assert!(!book.sheets.is_empty());
/// ```
pub fn read_workbook(path: &std::path::Path) -> Result<Workbook, ReadError> {
    let size = std::fs::metadata(path)
        .map_err(|e| ReadError::Unreadable(format!("không mở được tệp: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::Unreadable(format!(
            "tệp quá lớn ({} MB, giới hạn {} MB)",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ReadError::Unreadable(format!("không mở được tệp: {e}")))?;
    if bytes.is_empty() {
        return Err(ReadError::Unreadable("tệp rỗng (0 byte)".to_string()));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    std::panic::catch_unwind(|| read_bytes(bytes, &extension)).unwrap_or_else(|_| {
        Err(ReadError::Unreadable(
            "tệp hỏng: trình đọc bảng tính gặp lỗi khi phân tích nội dung".to_string(),
        ))
    })
}

type Bytes = std::io::Cursor<Vec<u8>>;

fn read_bytes(bytes: Vec<u8>, extension: &str) -> Result<Workbook, ReadError> {
    use calamine::{Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
    let container = sniff(&bytes);
    let cursor = std::io::Cursor::new(bytes);
    let sheets: Sheets<Bytes> = match container {
        Container::Zip if is_ods(cursor.get_ref()) => Sheets::Ods(
            Ods::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Ods(e)))?,
        ),
        Container::Zip if extension == "xlsb" => Sheets::Xlsb(
            Xlsb::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xlsb(e)))?,
        ),
        Container::Zip => Sheets::Xlsx(
            Xlsx::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xlsx(e)))?,
        ),
        // An encrypted .xlsx is an OLE container too: ask the xlsx reader first, it knows.
        Container::Cfb => match Xlsx::new(cursor.clone()) {
            Err(calamine::XlsxError::Password) => return Err(ReadError::Encrypted),
            _ => Sheets::Xls(
                Xls::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xls(e)))?,
            ),
        },
        Container::Unknown => {
            return Err(ReadError::Unreadable(
                "nội dung không phải bảng tính Excel hay OpenDocument (có thể là tệp văn bản, PDF, hoặc tệp bị đổi đuôi)"
                    .to_string(),
            ))
        }
    };
    read_sheets(sheets)
}

/// An OpenDocument zip stores its mimetype uncompressed as the first entry.
fn is_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(128)];
    head.windows(b"opendocument.spreadsheet".len())
        .any(|w| w == b"opendocument.spreadsheet")
}

fn unreadable_or_encrypted(error: calamine::Error) -> ReadError {
    use calamine::{Error, OdsError, XlsError, XlsxError};
    match error {
        Error::Xlsx(XlsxError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Ods(OdsError::Password) => ReadError::Encrypted,
        other => ReadError::Unreadable(format!(
            "tệp hỏng, bị cắt cụt hoặc không đúng định dạng (chi tiết kỹ thuật: {other})"
        )),
    }
}

fn read_sheets(mut sheets: calamine::Sheets<Bytes>) -> Result<Workbook, ReadError> {
    use calamine::{Reader, SheetType, SheetVisible};
    let metadata = sheets.sheets_metadata().to_vec();
    let mut workbook = Workbook {
        sheets: Vec::new(),
        hidden_sheets: 0,
        legacy: None,
        generator: sheets
            .workbook_properties()
            .ok()
            .and_then(|p| p.category)
            .filter(|c| c.starts_with("dvk-")),
    };
    for meta in metadata {
        if meta.visible != SheetVisible::Visible || meta.typ != SheetType::WorkSheet {
            workbook.hidden_sheets += 1;
            continue;
        }
        let range = sheets.worksheet_range(&meta.name).map_err(|e| {
            ReadError::Unreadable(format!("không đọc được trang \"{}\" ({e})", meta.name))
        })?;
        let mut sheet = Sheet::from_rows(meta.name.clone(), grid(&range));
        sheet.fill_merges(&merged_regions(&mut sheets, &meta.name));
        workbook.legacy = workbook.legacy.or(crate::text::normalize_sheet(&mut sheet));
        workbook.sheets.push(sheet);
    }
    Ok(workbook)
}

/// Merged regions, where the format gives them (calamine has none for .ods).
fn merged_regions(sheets: &mut calamine::Sheets<Bytes>, name: &str) -> Vec<calamine::Dimensions> {
    match sheets {
        calamine::Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Lays a calamine range out from A1, so that row indexes are Excel row numbers minus one.
fn grid(range: &calamine::Range<calamine::Data>) -> Vec<Vec<Cell>> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let (top, left) = (top as usize, left as usize);
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
    for source in range.rows() {
        let mut row = vec![Cell::Empty; left];
        row.extend(source.iter().map(convert));
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(Vec::is_empty) {
        rows.pop();
    }
    rows
}

/// Converts one calamine value. Dates are matched before numbers, because calamine would
/// happily turn any number into a date.
fn convert(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match dt.as_datetime() {
            Some(datetime) => Cell::Date(datetime.date()),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => Cell::Date(date),
                Err(_) => Cell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
