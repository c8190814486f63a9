//! The committee's roster of cells, and matching the names cells write against it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::ingest::read;
use crate::recognize::forms::{self, ColumnRole};
use crate::text;

/// One cell of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The name as the roster spells it: the spelling every output uses.
    pub name: String,
    /// The secretary, when the roster names one.
    pub secretary: Option<String>,
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

/// The key cell names are compared by: folded, without the optional "Chi bộ" prefix.
///
/// # Example
///
/// ```
/// use dvk::judge::roster::unit_key;
///
/// assert_eq!(unit_key("CHI BỘ VĂN PHÒNG"), "van phong");
/// assert_eq!(unit_key("Văn phòng"), "van phong");
/// ```
pub fn unit_key(name: &str) -> String {
    let folded = text::fold(name);
    folded
        .strip_prefix("chi bo ")
        .map(str::to_string)
        .unwrap_or(folded)
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
            roster.push(name.as_ref(), None);
        }
        roster
    }

    fn push(&mut self, name: &str, secretary: Option<String>) {
        let name = text::clean(name);
        let key = unit_key(&name);
        if !key.is_empty() && !self.index.contains_key(&key) {
            self.index.insert(key.clone(), self.cells.len());
            self.cells.push(Unit {
                name,
                secretary,
                key,
            });
        }
    }

    /// Reads a roster: a workbook with a column of cell names (the roster form, or any form
    /// with a "Chi bộ" column), or a text file with one name per line (`#` starts a comment).
    pub fn load(path: &Path) -> Result<Self> {
        let roster_error = |reason: String| Error::Roster {
            path: path.to_path_buf(),
            reason,
        };
        let roster = match crate::ingest::discover::classify(path) {
            crate::ingest::discover::FileKind::Spreadsheet => {
                Self::from_workbook(path).map_err(roster_error)?
            }
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
                "không tìm thấy tên chi bộ nào (cần cột «Tên chi bộ», hoặc mỗi dòng một tên)"
                    .to_string(),
            ));
        }
        Ok(roster)
    }

    fn from_workbook(path: &Path) -> std::result::Result<Self, String> {
        let book = read::isolated::read_one(path).map_err(|e| e.reason())?;
        let mut roster = Roster::default();
        for sheet in book.sheets {
            let Some(form) = forms::recognize(&sheet) else {
                continue;
            };
            let Some(cell_column) = form.column(ColumnRole::Unit).map(|c| c.index) else {
                continue;
            };
            let secretary_column = form.column(ColumnRole::Secretary).map(|c| c.index);
            for &row in &form.data_rows {
                let name = crate::recognize::validate::display(sheet.get(row, cell_column));
                let secretary = secretary_column
                    .map(|col| crate::recognize::validate::display(sheet.get(row, col)))
                    .filter(|s| !s.trim().is_empty());
                roster.push(&name, secretary);
            }
        }
        Ok(roster)
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
/// ```
pub fn display_name(name: &str) -> String {
    let name = text::clean(name);
    let shouting = name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let has_prefix = text::fold(&name).starts_with("chi bo ");
    if !shouting {
        return if has_prefix {
            name
        } else {
            format!("Chi bộ {name}")
        };
    }
    let words: Vec<&str> = name.split(' ').collect();
    let rest = if has_prefix {
        &words[2.min(words.len())..]
    } else {
        &words[..]
    };
    let rest = rest.join(" ").to_lowercase();
    let mut chars = rest.chars();
    let rest: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("Chi bộ {rest}")
}
