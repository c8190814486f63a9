//! The committee's roster of cells, and matching the names cells write against it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::ingest::read;
use crate::judge::names;
use crate::recognize::forms::{self, ColumnRole};
use crate::sheet::{CellValue, Sheet};
use crate::text;

/// One cell of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The name as the roster spells it: the spelling every output uses.
    pub name: String,
    /// The secretary, when the roster names one.
    pub secretary: Option<String>,
    /// The unit's telephone (the roster form's «Số điện thoại»), when the roster gives one.
    pub phone: Option<String>,
    key: String,
}

/// The list of the committee's cells.
///
/// # Example
///
/// ```
/// use dvk::judge::roster::Roster;
///
/// let roster = Roster::from_names(["Chi bộ Văn phòng", "Chi bộ Thanh tra"]);
/// assert_eq!(roster.find("CHI BO VAN PHONG").map(|c| c.name.as_str()), Some("Chi bộ Văn phòng"));
/// assert_eq!(roster.find("Thanh tra").map(|c| c.name.as_str()), Some("Chi bộ Thanh tra"));
/// assert_eq!(roster.nearest("Chi bo Thanh tr").map(|c| c.name.as_str()), Some("Chi bộ Thanh tra"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    cells: Vec<Unit>,
    /// Position of each cell by its key: a committee of thousands of cells is matched in
    /// constant time per row.
    index: std::collections::HashMap<String, usize>,
}

/// The key unit names are compared by: their words folded, abbreviations written out, without
/// the prefix of the unit's kind ("Chi bộ", "Đảng bộ", "CB", …; [`names::name_words`]).
///
/// # Example
///
/// ```
/// use dvk::judge::roster::unit_key;
///
/// assert_eq!(unit_key("CHI BỘ VĂN PHÒNG"), "van phong");
/// assert_eq!(unit_key("Văn phòng"), "van phong");
/// assert_eq!(unit_key("ĐB Cty CP May"), "cty cp may");
/// assert_eq!(unit_key("Đảng bộ Công ty cổ phần May"), "cty cp may");
/// ```
pub fn unit_key(name: &str) -> String {
    names::name_key(name)
}

impl Unit {
    /// The name's [`unit_key`], computed once when the roster is read.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::judge::roster::Roster;
    ///
    /// let roster = Roster::from_names(["Chi bộ Văn phòng"]);
    /// assert_eq!(roster.units()[0].key(), "van phong");
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl Roster {
    /// A roster from bare names.
    pub fn from_names<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut roster = Roster::default();
        for name in names {
            roster.push(name.as_ref(), None, None);
        }
        roster
    }

    fn push(
        &mut self,
        name: &str,
        secretary: Option<String>,
        phone: Option<String>,
    ) -> Option<usize> {
        let name = text::clean(name);
        let key = unit_key(&name);
        if key.is_empty() {
            return None;
        }
        if let Some(&at) = self.index.get(&key) {
            return Some(at);
        }
        let at = self.cells.len();
        self.index.insert(key.clone(), at);
        self.cells.push(Unit {
            name,
            secretary,
            phone,
            key,
        });
        Some(at)
    }

    /// Adds another name of a unit: an abbreviation, the name it is also known by, or the
    /// name of a unit renamed or merged into it. Rows written with it count for the unit.
    ///
    /// # Errors
    ///
    /// The unit is not on the roster, or the other name is another unit's.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::judge::roster::Roster;
    ///
    /// let mut roster = Roster::from_names(["Chi bộ Văn phòng Sở"]);
    /// roster.add_alias("Chi bộ Văn phòng Sở", "Chi bộ Hành chính - Tổng hợp").unwrap();
    /// let unit = roster.find("CB HÀNH CHÍNH - TỔNG HỢP").unwrap();
    /// assert_eq!(unit.name, "Chi bộ Văn phòng Sở");
    /// assert!(roster.add_alias("Chi bộ Kho bạc", "KB").is_err());
    /// ```
    pub fn add_alias(&mut self, unit: &str, alias: &str) -> std::result::Result<(), String> {
        let Some(&at) = self.index.get(&unit_key(unit)) else {
            return Err(format!("«{unit}» không có trong danh sách chi bộ"));
        };
        let key = unit_key(alias);
        match self.index.get(&key) {
            _ if key.is_empty() => Err("tên khác không được để trống".to_string()),
            Some(&other) if other != at => Err(format!(
                "«{alias}» là tên của «{}» trong danh sách chi bộ",
                self.cells[other].name
            )),
            _ => {
                self.index.insert(key, at);
                Ok(())
            }
        }
    }

    /// Every name the roster knows, by its [`unit_key`] (the units' own and their other
    /// names), with the position of its unit in [`Roster::units`], in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, usize)> {
        self.index.iter().map(|(key, &at)| (key.as_str(), at))
    }

    /// Reads a roster: a workbook with a column of cell names (the roster form, or any form
    /// with a "Chi bộ" column), or a text file with one name per line (`#` starts a comment).
    pub fn load(path: &Path) -> Result<Self> {
        let roster_error = |reason: String| Error::Roster {
            path: path.to_path_buf(),
            reason,
        };
        // A pipe or a device would be waited on for ever (or read without end).
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(roster_error(
                "không phải tệp thường (ống dẫn, thiết bị hay thư mục): hãy chỉ ra tệp danh sách chi bộ"
                    .to_string(),
            ));
        }
        let is_csv = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let roster = match crate::ingest::discover::classify(path) {
            crate::ingest::discover::FileKind::Spreadsheet => {
                Self::from_workbook(path).map_err(roster_error)?
            }
            _ if is_csv => Self::from_csv(path).map_err(roster_error)?,
            _ => {
                let content = std::fs::read_to_string(path)
                    .map_err(|e| roster_error(format!("không đọc được tệp văn bản ({e})")))?;
                Self::from_names(
                    content
                        .lines()
                        .map(|line| line.split('#').next().unwrap_or_default())
                        .filter(|line| !line.trim().is_empty()),
                )
            }
        };
        if roster.cells.is_empty() {
            return Err(roster_error(
                "không tìm thấy tên chi bộ nào (cần cột «Tên chi bộ», «Tên đơn vị» hoặc «Tên tổ chức cơ sở đảng», hoặc mỗi dòng một tên)"
                    .to_string(),
            ));
        }
        Ok(roster)
    }

    fn from_workbook(path: &Path) -> std::result::Result<Self, String> {
        let book = read::isolated::read_one(path).map_err(|e| e.reason())?;
        Ok(Self::from_sheets(book.sheets))
    }

    /// A roster saved from Excel as CSV: a table as the workbook's, read the same way (its
    /// header names the columns: «Tên chi bộ», «Bí thư», …). Excel writes "CSV UTF-8" with
    /// a byte-order mark, and in a Vietnamese Windows separates the values with ";" (the
    /// decimal mark being ","): the separator is the one the first line uses most. Plain
    /// "CSV" is in the Windows code page, not UTF-8: refused, saying how to save it.
    fn from_csv(path: &Path) -> std::result::Result<Self, String> {
        /// A roster of 300 units is a few tens of kilobytes.
        const MAX_CSV_BYTES: u64 = 16 * 1024 * 1024;
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size > MAX_CSV_BYTES {
            return Err(format!(
                "tệp CSV quá lớn ({} MB) cho một danh sách chi bộ",
                size / (1024 * 1024)
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("không đọc được tệp ({e})"))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if std::str::from_utf8(bytes).is_err() {
            return Err(
                "tệp CSV không ở dạng UTF-8: trong Excel chọn Lưu thành «CSV UTF-8 (phân tách bằng dấu phẩy)», hoặc lưu dạng .xlsx"
                    .to_string(),
            );
        }
        let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let separator = [b',', b';', b'\t']
            .into_iter()
            .max_by_key(|&s| first.iter().filter(|&&b| b == s).count())
            .unwrap_or(b',');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(bytes);
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("tệp CSV hỏng ({e})"))?;
            rows.push(
                record
                    .iter()
                    .map(|value| match value.trim() {
                        "" => CellValue::Empty,
                        value => CellValue::Text(value.to_string()),
                    })
                    .collect(),
            );
        }
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let mut sheet = Sheet::from_rows(name, rows);
        crate::ingest::normalize::normalize_sheet(&mut sheet);
        Ok(Self::from_sheets(vec![sheet]))
    }

    /// The units of a roster's sheets: the rows of each sheet recognized as a roster, under
    /// its unit column.
    fn from_sheets(sheets: Vec<Sheet>) -> Self {
        let mut roster = Roster::default();
        let mut aliases: Vec<(usize, String)> = Vec::new();
        for sheet in sheets {
            let Some(form) = forms::recognize(&sheet) else {
                continue;
            };
            let Some(cell_column) = form.column(ColumnRole::Unit).map(|c| c.index) else {
                continue;
            };
            let column = |role| form.column(role).map(|c| c.index);
            let (secretary_column, phone_column) =
                (column(ColumnRole::Secretary), column(ColumnRole::Phone));
            let alias_column = alias_column(&sheet, form.header_last_row);
            for &row in &form.data_rows {
                let name = crate::recognize::validate::display(sheet.get(row, cell_column));
                let value = |col: Option<usize>| {
                    col.map(|col| crate::recognize::validate::display(sheet.get(row, col)))
                        .filter(|s| !s.trim().is_empty())
                };
                let Some(at) = roster.push(&name, value(secretary_column), value(phone_column))
                else {
                    continue;
                };
                if let Some(names) = value(alias_column) {
                    aliases.push((at, names));
                }
            }
        }
        // Other names are indexed once every unit's own name is: an old name may hold another
        // unit's current name ("Chi bộ Khu phố 3, Phường 5", now Khu phố 2, beside today's
        // Khu phố 3), and a unit's own name wins. Names are separated by ";" or a line break:
        // a comma belongs to names such as "Khu phố 3, Phường 5".
        for (at, names) in aliases {
            for alias in names.split([';', '\n']).map(str::trim) {
                let key = unit_key(alias);
                if !key.is_empty() && !roster.index.contains_key(&key) {
                    roster.index.insert(key, at);
                }
            }
        }
        roster
    }

    /// The roster's units, in roster order.
    pub fn units(&self) -> &[Unit] {
        &self.cells
    }

    /// The roster cell a written name means, ignoring case, diacritics and "Chi bộ".
    pub fn find(&self, name: &str) -> Option<&Unit> {
        self.index
            .get(&unit_key(name))
            .and_then(|&i| self.cells.get(i))
    }

    /// The roster cell whose name is closest to a written one, for hints.
    pub fn nearest(&self, name: &str) -> Option<&Unit> {
        let key = unit_key(name);
        self.cells.iter().max_by(|a, b| {
            let score = |c: &Unit| strsim::normalized_levenshtein(&key, &c.key);
            score(a).total_cmp(&score(b))
        })
    }
}

/// The column of a roster sheet holding the units' other names: «Tên khác», «Tên viết tắt»,
/// «Tên cũ», «Tên gọi khác», in the header rows (up to `header_last`).
fn alias_column(sheet: &crate::sheet::Sheet, header_last: usize) -> Option<usize> {
    const HEADERS: [&str; 6] = [
        "tenkhac",
        "tenviettat",
        "viettat",
        "tencu",
        "tengoikhac",
        "tentruockhisapnhap",
    ];
    (0..=header_last).rev().find_map(|row| {
        sheet.rows.get(row)?.iter().position(|cell| match cell {
            crate::sheet::CellValue::Text(t) => {
                let key = text::fold_compact(t);
                HEADERS.iter().any(|h| key.starts_with(h))
            }
            _ => false,
        })
    })
}

/// A cell's name for display when no roster gives its spelling: "CHI BỘ VĂN PHÒNG" becomes
/// "Chi bộ Văn phòng"; names already in mixed case are kept.
///
/// # Example
///
/// ```
/// use dvk::judge::roster::display_name;
///
/// assert_eq!(display_name("CHI BỘ VĂN PHÒNG"), "Chi bộ Văn phòng");
/// assert_eq!(display_name("Chi bộ Phòng Công chứng số 1"), "Chi bộ Phòng Công chứng số 1");
/// assert_eq!(display_name("THANH TRA"), "Chi bộ Thanh tra");
/// assert_eq!(display_name("ĐẢNG BỘ CÔNG TY MAY"), "Đảng bộ Công ty may");
/// assert_eq!(display_name("CB VĂN PHÒNG"), "Chi bộ Văn phòng");
/// ```
pub fn display_name(name: &str) -> String {
    let (prefix, rest) = names::split_prefix(name);
    let prefix = prefix.unwrap_or("Chi bộ");
    let shouting = rest.chars().any(char::is_alphabetic)
        && rest
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if !shouting {
        return if rest.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix} {rest}")
        };
    }
    let rest = rest.to_lowercase();
    let mut chars = rest.chars();
    let rest: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{prefix} {rest}")
}
