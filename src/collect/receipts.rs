//! The receipt log (sổ nhận hồ sơ): one row per file `dvk intake` received, kept as a workbook
//! in the workspace ([`crate::dvk_workbooks::RECEIPT_LOG`]) and read back here.
//!
//! In: the workspace's folder. Out: the rows ([`Receipts`]), and the day a file of the inbox
//! was received ([`Receipts::received_on`]): when a form carries no date of its own and no
//! date line, that day decides lateness. `output::receipts` writes the log; the columns both
//! sides use are [`COLUMNS`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use chrono::NaiveDate;
use serde::Serialize;

use crate::dvk_workbooks::RECEIPT_LOG;
use crate::error::{Error, Result};

/// The sheet of the log.
pub const LOG_SHEET: &str = "Sổ nhận hồ sơ";

/// The log's columns, in order, with their width: what the writer writes and the reader
/// looks for.
pub const COLUMNS: [(&str, f64); 14] = [
    ("STT", 5.0),
    ("Ngày nhận", 11.0),
    ("Gửi từ", 22.0),
    ("Tên tệp gốc", 22.0),
    ("Chi bộ", 18.0),
    ("Năm", 6.0),
    ("Biểu mẫu", 8.0),
    ("Số dòng", 6.0),
    ("Số lỗi", 6.0),
    ("Tệp trong hộp thư", 30.0),
    ("Kết quả", 12.0),
    ("Ghi chú", 30.0),
    ("Nơi lấy tệp", 24.0),
    ("SHA-256", 24.0),
];

/// What became of a received file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Filed in its unit's folder.
    Filed,
    /// Filed in its unit's folder, replacing an earlier version (moved to `_thay-the`).
    Replacing,
    /// A later version was already filed: this one went straight to `_thay-the`.
    Replaced,
    /// The same bytes as a file already received: logged, not filed again.
    Duplicate,
    /// Its unit or year could not be told: filed under `chua-xac-dinh`.
    Unsorted,
}

impl Outcome {
    /// Every outcome, in the order of [`Outcome::label`]s.
    pub const ALL: [Outcome; 5] = [
        Outcome::Filed,
        Outcome::Replacing,
        Outcome::Replaced,
        Outcome::Duplicate,
        Outcome::Unsorted,
    ];

    /// The words of the log's «Kết quả» column.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::collect::receipts::Outcome;
    ///
    /// assert_eq!(Outcome::Duplicate.label(), "Trùng, không lưu");
    /// assert_eq!(Outcome::from_label("Trùng, không lưu"), Some(Outcome::Duplicate));
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Filed => "Đã lưu",
            Outcome::Replacing => "Đã lưu, thay bản trước",
            Outcome::Replaced => "Đã có bản sau",
            Outcome::Duplicate => "Trùng, không lưu",
            Outcome::Unsorted => "Chưa xác định",
        }
    }

    /// The outcome a label names (as [`Outcome::label`] writes it).
    pub fn from_label(label: &str) -> Option<Outcome> {
        let label = label.trim();
        Outcome::ALL.into_iter().find(|o| o.label() == label)
    }
}

/// One row of the log: one file received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Receipt {
    /// The day it was received: the e-mail's date, else the file's modification time, else
    /// the day of the intake (`--received` overrides).
    #[serde(serialize_with = "iso_date")]
    pub received: NaiveDate,
    /// Who sent it: the e-mail's sender, else the path it was taken from.
    pub from: String,
    /// Its name as received.
    pub name: String,
    /// Its unit, when told.
    #[serde(rename = "cell")]
    pub unit: Option<String>,
    /// Its cycle year, when told.
    pub year: Option<i32>,
    /// The form's short code ("M1", "M2", "M1-M2", "TĐG", "BX", "DS"), or what the file is
    /// ("Word", "PDF", …).
    pub form: String,
    /// Data rows read (spreadsheets only).
    pub rows: Option<usize>,
    /// Findings at error level (spreadsheets only).
    pub errors: Option<usize>,
    /// Where it is now, relative to the workspace, `/` separated; `None` for a duplicate.
    pub filed: Option<String>,
    /// What became of it.
    pub outcome: Outcome,
    /// What it replaced or was replaced by, what it duplicates, why its unit or year is not
    /// known.
    pub note: String,
    /// Where it was taken from: the path given, and inside an archive or an e-mail, «›» and
    /// the name there.
    pub source: String,
    /// The SHA-256 of its bytes, 64 lowercase hexadecimal digits.
    pub sha256: String,
}

/// A date as JSON writes dates: "2025-03-12".
fn iso_date<S: serde::Serializer>(
    date: &NaiveDate,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(&date.format("%Y-%m-%d").to_string())
}

/// The receipt log of a workspace, as read back.
#[derive(Debug, Clone, Default)]
pub struct Receipts {
    /// The workspace's folder (canonical), which the filed paths are relative to.
    root: PathBuf,
    /// Every row, in the log's order.
    pub rows: Vec<Receipt>,
    /// The row of each filed path.
    by_path: HashMap<String, usize>,
    /// The first row of each SHA-256.
    by_hash: HashMap<String, usize>,
}

impl Receipts {
    /// The log of the workspace in `root`: empty when it has none yet.
    ///
    /// # Example
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let log = dvk::collect::receipts::Receipts::load(dir.path()).unwrap();
    /// assert!(log.rows.is_empty());
    /// assert_eq!(log.received_on(&dir.path().join("hop-thu/2025/a.xlsx")), None);
    /// ```
    pub fn load(root: &Path) -> Result<Receipts> {
        let path = root.join(RECEIPT_LOG);
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let rows = if path.is_file() {
            read_rows(&path).map_err(|reason| Error::ReceiptLog {
                path: path.clone(),
                reason,
            })?
        } else {
            Vec::new()
        };
        Ok(Receipts::from_rows(root, rows))
    }

    /// A log of the given rows for the workspace in `root` (canonical).
    pub fn from_rows(root: PathBuf, rows: Vec<Receipt>) -> Receipts {
        let mut log = Receipts {
            root,
            rows: Vec::new(),
            by_path: HashMap::new(),
            by_hash: HashMap::new(),
        };
        for row in rows {
            log.push(row);
        }
        log
    }

    /// The workspace's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Adds a row at the end.
    pub fn push(&mut self, row: Receipt) {
        let i = self.rows.len();
        if let Some(filed) = &row.filed {
            self.by_path.insert(filed.clone(), i);
        }
        self.by_hash.entry(row.sha256.clone()).or_insert(i);
        self.rows.push(row);
    }

    /// Says that the file of row `i` now lies at `filed` (moved to `_thay-the`), and why.
    pub fn moved(&mut self, i: usize, filed: String, note: &str) {
        let Some(row) = self.rows.get_mut(i) else {
            return;
        };
        if let Some(old) = row.filed.take() {
            self.by_path.remove(&old);
        }
        self.by_path.insert(filed.clone(), i);
        row.filed = Some(filed);
        if !row.note.is_empty() {
            row.note.push_str("; ");
        }
        row.note.push_str(note);
    }

    /// The row of a file filed at `relative` (to the workspace, `/` separated).
    pub fn row_of_filed(&self, relative: &str) -> Option<usize> {
        self.by_path.get(relative).copied()
    }

    /// The first row of a file with these bytes.
    pub fn row_of_hash(&self, sha256: &str) -> Option<usize> {
        self.by_hash.get(sha256).copied()
    }

    /// The day the log says the file at `path` was received: by its place in the inbox, else
    /// (a file the clerk moved or renamed) by its content's SHA-256. `None` when the log does
    /// not know it.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::collect::receipts::{Outcome, Receipt, Receipts};
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let root = dir.path().canonicalize().unwrap();
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    /// let row = Receipt {
    ///     received: day, from: "vp@example.vn".into(), name: "M1.xlsx".into(),
    ///     unit: Some("Chi bộ Văn phòng".into()), year: Some(2025), form: "M1".into(),
    ///     rows: Some(2), errors: Some(0), filed: Some("hop-thu/2025/a.xlsx".into()),
    ///     outcome: Outcome::Filed, note: String::new(), source: "thu.eml › M1.xlsx".into(),
    ///     sha256: "00".repeat(32),
    /// };
    /// std::fs::create_dir_all(root.join("hop-thu/2025")).unwrap();
    /// std::fs::write(root.join("hop-thu/2025/a.xlsx"), b"x").unwrap();
    /// let log = Receipts::from_rows(root.clone(), vec![row]);
    /// assert_eq!(log.received_on(&root.join("hop-thu/2025/a.xlsx")), Some(day));
    /// ```
    pub fn received_on(&self, path: &Path) -> Option<NaiveDate> {
        if self.rows.is_empty() {
            return None;
        }
        let canonical = path.canonicalize().ok();
        let relative = canonical
            .as_deref()
            .and_then(|p| p.strip_prefix(&self.root).ok())
            .map(slashed);
        if let Some(i) = relative.and_then(|r| self.row_of_filed(&r)) {
            return self.rows.get(i).map(|r| r.received);
        }
        let bytes = std::fs::read(path).ok()?;
        let i = self.row_of_hash(&sha256_hex(&bytes))?;
        self.rows.get(i).map(|r| r.received)
    }
}

/// A relative path with `/` separators on every system.
///
/// # Example
///
/// ```
/// use std::path::Path;
///
/// assert_eq!(dvk::collect::receipts::slashed(Path::new("hop-thu/2025/a.xlsx")), "hop-thu/2025/a.xlsx");
/// ```
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The SHA-256 of `bytes`, as 64 lowercase hexadecimal digits.
///
/// # Example
///
/// ```
/// assert_eq!(
///     dvk::collect::receipts::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 as the log prints it: eight groups of eight digits, so that it wraps in its
/// column and a clerk can compare the first group.
///
/// # Example
///
/// ```
/// let shown = dvk::collect::receipts::grouped(&"ab".repeat(32));
/// assert_eq!(shown.split(' ').count(), 8);
/// ```
pub fn grouped(sha256: &str) -> String {
    let chars: Vec<char> = sha256.chars().collect();
    chars
        .chunks(8)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of the log's sheet, under its header row.
fn read_rows(path: &Path) -> std::result::Result<Vec<Receipt>, String> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = book
        .worksheet_range(LOG_SHEET)
        .map_err(|_| format!("không có trang «{LOG_SHEET}»"))?;
    let mut rows = range.rows();
    let header = rows
        .next()
        .ok_or_else(|| "trang trống, thiếu dòng tiêu đề cột".to_string())?;
    let column = |title: &str| {
        header
            .iter()
            .position(|cell| text(cell) == title)
            .ok_or_else(|| format!("thiếu cột «{title}»"))
    };
    let at: Vec<usize> = COLUMNS
        .iter()
        .map(|(title, _)| column(title))
        .collect::<std::result::Result<_, _>>()?;
    let mut receipts = Vec::new();
    for (n, row) in rows.enumerate() {
        let cell = |k: usize| row.get(at[k]).unwrap_or(&Data::Empty);
        if row.iter().all(|c| text(c).is_empty()) {
            continue;
        }
        let excel_row = n + 2;
        let received = date(cell(1))
            .ok_or_else(|| format!("dòng {excel_row}: cột «Ngày nhận» không có ngày"))?;
        let outcome = Outcome::from_label(&text(cell(10)))
            .ok_or_else(|| format!("dòng {excel_row}: cột «Kết quả» ghi «{}»", text(cell(10))))?;
        let sha256: String = text(cell(13)).split_whitespace().collect();
        let optional = |s: String| (!s.is_empty()).then_some(s);
        receipts.push(Receipt {
            received,
            from: text(cell(2)),
            name: text(cell(3)),
            unit: optional(text(cell(4))),
            year: number(cell(5)).map(|n| n as i32),
            form: text(cell(6)),
            rows: number(cell(7)).map(|n| n as usize),
            errors: number(cell(8)).map(|n| n as usize),
            filed: optional(text(cell(9))),
            outcome,
            note: text(cell(11)),
            source: text(cell(12)),
            sha256,
        });
    }
    Ok(receipts)
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        other => other.to_string().trim().to_string(),
    }
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Int(n) => Some(*n as f64),
        Data::Float(f) => Some(*f),
        Data::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn date(cell: &Data) -> Option<NaiveDate> {
    match cell {
        Data::DateTime(d) => d.as_datetime().map(|d| d.date()),
        Data::DateTimeIso(s) | Data::String(s) => NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y")
            .or_else(|_| NaiveDate::parse_from_str(s.trim().get(..10).unwrap_or(""), "%Y-%m-%d"))
            .ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_reads_back_what_was_written() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let day = NaiveDate::from_ymd_opt(2025, 10, 8).unwrap_or(NaiveDate::MIN);
        let rows = vec![
            Receipt {
                received: day,
                from: "Chi bộ Bổ trợ tư pháp <botro@stp.gov.vn>".into(),
                name: "M1_Bo tro.xlsx".into(),
                unit: Some("Chi bộ Bổ trợ tư pháp".into()),
                year: Some(2025),
                form: "M1".into(),
                rows: Some(3),
                errors: Some(1),
                filed: Some(
                    "hop-thu/2025/Chi bộ Bổ trợ tư pháp/2025-10-08 M1 Chi bộ Bổ trợ tư pháp.xlsx"
                        .into(),
                ),
                outcome: Outcome::Replacing,
                note: "=SUM(A1) thay bản trước".into(),
                source: "tai-ve/thu.eml › M1_Bo tro.xlsx".into(),
                sha256: sha256_hex(b"m1"),
            },
            Receipt {
                received: day,
                from: "tai-ve/x (1).pdf".into(),
                name: "x (1).pdf".into(),
                unit: None,
                year: None,
                form: "PDF".into(),
                rows: None,
                errors: None,
                filed: None,
                outcome: Outcome::Duplicate,
                note: String::new(),
                source: "tai-ve/x (1).pdf".into(),
                sha256: sha256_hex(b"pdf"),
            },
        ];
        crate::output::receipts::write_log(&dir.path().join(RECEIPT_LOG), &rows).expect("write");
        let log = Receipts::load(dir.path()).expect("read");
        assert_eq!(log.rows, rows);
        assert_eq!(log.row_of_hash(&sha256_hex(b"pdf")), Some(1));
    }

    #[test]
    fn a_log_that_is_not_one_stops_rather_than_being_replaced() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join(RECEIPT_LOG), b"not a workbook").expect("write");
        assert!(matches!(
            Receipts::load(dir.path()),
            Err(Error::ReceiptLog { .. })
        ));
    }
}
