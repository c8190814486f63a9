//! The committee's configuration, `dvk.toml`: who the committee is, the fields (lĩnh vực) it
//! accepts, and the rules of each cycle year ([`crate::rules`]).
//!
//! Without a `dvk.toml` the built-in values apply: they reproduce the seed documents (plan
//! 61-KH/ĐUSTP for 2016–2020 and its two phases, letter 821-CV/ĐUK for 2024). A file may be
//! partial: every key it leaves out keeps the built-in value. Unknown keys are errors, so a typo
//! is caught rather than silently ignored, and every error names the line, the key and what is
//! expected ([`Error::Config`]).
//!
//! # The file
//!
//! ```toml
//! [committee]                     # the committee: letterheads, signature, fields
//! name = "Đảng bộ Sở Tư pháp"
//! higher = "Đảng ủy Khối các cơ quan tỉnh"
//! place = "Đồng Hới"
//! number_prefix = "KH/ĐU"         # "Số 50-KH/ĐU"
//! signer_role = "T/M BAN CHẤP HÀNH"
//! signer_title = "BÍ THƯ"
//! signer_name = ""
//! fields = ["Kinh tế", "Văn hóa – xã hội"]
//!
//! [default]                       # the rule of every year no [[cycle]] covers
//! source = "Kế hoạch 61-KH/ĐUSTP"
//! registration_opens = "01/10"
//! registration_due = "10/10"      # "chậm nhất ngày": the day itself is on time
//! self_assessment_before = "01/09 năm sau"   # "trước ngày": the day itself is late
//! min_collective = 1
//! min_individual = 1
//!
//! [default.recognition]
//! vote_share_above = 0.5          # strictly more than half
//! ratings = ["Xuất sắc", "Tốt", "Khá", "Đạt", "Không đạt"]
//! min_rating = "Tốt"
//!
//! [[cycle]]                       # one document: the years it covers, what it sets
//! years = "2016-2020"
//! source = "Kế hoạch 61-KH/ĐUSTP"
//! registration_due = "10/10"
//!
//! [[cycle]]
//! year = 2024
//! source = "Công văn 821-CV/ĐUK"
//! registration_before = "26/02"
//!
//! [[phase]]
//! name = "Đợt 1"
//! review = "sơ kết"
//! from = "10/2016"
//! to = "10/2018"
//! review_before = "01/10/2018"
//! ```
//!
//! - **Dates** are strings the way clerks write them. In `[default]` and in a `[[cycle]]` of
//!   several years they name a day of the cycle year, `"dd/mm"`, or of the year after it,
//!   `"dd/mm năm sau"` (or before it, `"dd/mm năm trước"`). A one-year `[[cycle]]` may also
//!   write the full date, `"26/02/2024"`, or a TOML date, `2024-02-26`. 29/02 falls on 28/02 in
//!   years without it.
//! - **Deadlines**: `…_due` is "chậm nhất ngày" (no later than: the day is on time), `…_before`
//!   is "trước ngày" (the day itself is late). Give one of the two, not both.
//! - **Cycles**: `year = 2024` or `years = "2016-2020"` (years 1990 to 2100; a full date in a
//!   one-year cycle at most a year from it). What a cycle leaves out comes from
//!   `[default]`; its registration window is taken whole (a cycle that sets its own deadline
//!   but no `registration_opens` has no opening day). Two cycles may not share a year.
//! - **Phases**: `from`/`to` are months, `"10/2016"` (or days, `"01/10/2016"`); `review_before`
//!   or `review_due` a full date. The cycle years of a phase are those whose registration (the
//!   default rule's opening day, else its deadline) falls in it, a year on the border of two
//!   phases going to the later one; `years = "2016-2017"` says it outright.
//! - **Replacing**: any `[[cycle]]` in the file replaces all the built-in cycles, any
//!   `[[phase]]` all the built-in phases; `fields` replaces the built-in list.
//! - Keys of arrays of tables count from 1 in messages: `cycle[1]` is the first `[[cycle]]`.
//! - **Workspace**: `[workspace]` names the parts of a workspace made by `dvk init`, relative
//!   to the file's folder: `roster`, `inbox`, `templates`; and `send_to`, where cells send
//!   their files ([`Workspace`]).

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use toml::de::{DeTable, DeValue};

use crate::error::{Error, Result};
use crate::recognize::values::DEFAULT_FIELDS;
use crate::rules::{
    Cycle, CycleDate, CycleDeadline, CycleRule, Deadline, Phase, Recognition, RuleOrigin,
    RulePattern, Rules, Window,
};
use crate::sheet::format_date;
use crate::text::{clean, fold};

/// The name of the configuration file dvk looks for.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::rules::config::FILE_NAME, "dvk.toml");
/// ```
pub const FILE_NAME: &str = "dvk.toml";

/// Cycle years a `dvk.toml` may name.
const YEARS: RangeInclusive<i32> = 1990..=2100;

/// The most models of one kind a rule may ask of a cell.
const MAX_QUOTA: i64 = 100;

/// The committee, as its documents name it (Hướng dẫn 36-HD/VPTW: letterhead, place and date
/// line, number, signature block).
///
/// # Example
///
/// ```
/// use dvk::rules::config::Committee;
///
/// let committee = Committee::builtin();
/// assert_eq!(committee.name, "Đảng bộ Sở Tư pháp");
/// assert_eq!(committee.signer_title, "BÍ THƯ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committee {
    /// The committee: "Đảng bộ Sở Tư pháp".
    pub name: String,
    /// The higher committee it reports to: "Đảng ủy Khối các cơ quan tỉnh".
    pub higher: String,
    /// The place of the date line: "Đồng Hới, ngày … tháng … năm …".
    pub place: String,
    /// What follows the number in "Số 50-KH/ĐU": "KH/ĐU".
    pub number_prefix: String,
    /// The first line of the signature block: "T/M BAN THƯỜNG VỤ", "T/M BAN CHẤP HÀNH".
    pub signer_role: String,
    /// The signer's title: "BÍ THƯ", "PHÓ BÍ THƯ".
    pub signer_title: String,
    /// The signer's name; empty to leave the line for a hand-written name.
    pub signer_name: String,
}

impl Committee {
    /// The committee of the seed documents, Đảng bộ Sở Tư pháp, with no signer's name.
    pub fn builtin() -> Self {
        Committee {
            name: "Đảng bộ Sở Tư pháp".to_string(),
            higher: "Đảng ủy Khối các cơ quan tỉnh".to_string(),
            place: "Đồng Hới".to_string(),
            number_prefix: "KH/ĐU".to_string(),
            signer_role: "T/M BAN CHẤP HÀNH".to_string(),
            signer_title: "BÍ THƯ".to_string(),
            signer_name: String::new(),
        }
    }
}

impl Default for Committee {
    fn default() -> Self {
        Committee::builtin()
    }
}

/// The layout of a workspace made by `dvk init` (the `[workspace]` section): where the roster,
/// the inbox and the templates are, relative to the folder of its `dvk.toml`, and where cells
/// send their files.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use dvk::rules::config::{Config, Workspace};
///
/// let workspace = Workspace::builtin();
/// assert_eq!(workspace.inbox, Path::new("hop-thu"));
/// let text = "[workspace]\ninbox = \"ho-so\"\n";
/// let config = Config::from_toml(text, Path::new("dvk.toml")).unwrap();
/// assert_eq!(config.workspace.inbox, Path::new("ho-so"));
/// assert_eq!(config.workspace.roster, workspace.roster); // not in the file: built in
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    /// The roster workbook: `danh-sach-chi-bo.xlsx`.
    pub roster: PathBuf,
    /// The inbox: a folder per cycle year for the files cells send, `hop-thu/2025/`.
    pub inbox: PathBuf,
    /// The blank forms sent to the cells: `mau-bieu/`.
    pub templates: PathBuf,
    /// Where cells send their files, as the forms' instructions say it.
    pub send_to: String,
}

impl Workspace {
    /// The layout `dvk init` makes when `dvk.toml` says nothing else.
    pub fn builtin() -> Self {
        Workspace {
            roster: PathBuf::from("danh-sach-chi-bo.xlsx"),
            inbox: PathBuf::from("hop-thu"),
            templates: PathBuf::from("mau-bieu"),
            send_to: "Văn phòng Đảng ủy".to_string(),
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::builtin()
    }
}

/// Everything a committee can configure, from its `dvk.toml` or built in.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use dvk::rules::config::Config;
/// use dvk::rules::RuleOrigin;
///
/// let text = "[[cycle]]\nyear = 2025\nregistration_before = \"15/03\"\n";
/// let config = Config::from_toml(text, Path::new("dvk.toml")).unwrap();
/// let rule = config.rules.for_year(2025);
/// assert_eq!(rule.registration_due.describe(), "trước ngày 15/03/2025");
/// assert_eq!(rule.origin, RuleOrigin::Config);
/// // The file has a [[cycle]]: the built-in cycles are replaced, 2018 gets the default rule.
/// assert_eq!(config.rules.for_year(2018).origin, RuleOrigin::Default);
/// assert_eq!(config.committee.name, "Đảng bộ Sở Tư pháp"); // not in the file: built in
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The committee.
    pub committee: Committee,
    /// The rules of each cycle year and the phases.
    pub rules: Rules,
    /// The fields (lĩnh vực) models may be registered in, for the whole committee.
    pub fields: Vec<String>,
    /// The workspace layout (`[workspace]`).
    pub workspace: Workspace,
    /// Where the configuration was read; `None` for the built-in one.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config::builtin()
    }
}

impl Config {
    /// The built-in configuration: the seed documents' rules, Đảng bộ Sở Tư pháp, and the
    /// four fields of the movement with the two a justice department adds.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::config::Config;
    ///
    /// let config = Config::builtin();
    /// assert_eq!(config.fields.len(), 6);
    /// assert!(config.path.is_none());
    /// ```
    pub fn builtin() -> Self {
        Config {
            committee: Committee::builtin(),
            rules: Rules::builtin(),
            fields: DEFAULT_FIELDS
                .iter()
                .copied()
                .chain(["Cải cách hành chính", "Phổ biến giáo dục pháp luật"])
                .map(String::from)
                .collect(),
            workspace: Workspace::builtin(),
            path: None,
        }
    }

    /// Reads a configuration from the text of a `dvk.toml`; `path` is where it came from, for
    /// messages. Anything the text leaves out keeps its built-in value.
    ///
    /// # Example
    ///
    /// ```
    /// use std::path::Path;
    /// use dvk::rules::config::Config;
    ///
    /// let err = Config::from_toml("[default]\nregistration_due = \"31/02\"\n", Path::new("dvk.toml"))
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "dvk.toml, dòng 2, khóa «default.registration_due»: cần ngày dạng dd/mm (ví dụ 10/10), gặp «31/02»: tháng 2 không có ngày 31"
    /// );
    /// ```
    pub fn from_toml(text: &str, path: &Path) -> Result<Config> {
        // Notepad on older Windows starts UTF-8 files with a byte order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config = read_config(text).map_err(|p| p.into_error(text, path))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Reads a `dvk.toml` file.
    ///
    /// # Example
    ///
    /// ```
    /// use std::path::Path;
    /// use dvk::rules::config::Config;
    ///
    /// let err = Config::load(Path::new("does/not/exist/dvk.toml")).unwrap_err();
    /// assert!(err.to_string().contains("không có tệp này"));
    /// ```
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "không có tệp này".to_string(),
                std::io::ErrorKind::InvalidData => {
                    "tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8".to_string()
                }
                _ => format!("không đọc được tệp ({e})"),
            };
            Error::Config {
                path: path.to_path_buf(),
                line: None,
                key: String::new(),
                reason,
            }
        })?;
        Config::from_toml(&text, path)
    }

    /// The configuration in force: `--config FILE` if given, else the `dvk.toml` of `start`
    /// or of its nearest parent folder that has one (a workspace made by `dvk init`), else the
    /// built-in one.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::config::Config;
    ///
    /// let folder = tempfile::tempdir().unwrap();
    /// std::fs::write(folder.path().join("dvk.toml"), "[committee]\nplace = \"Huế\"\n").unwrap();
    /// let inbox = folder.path().join("2024/dang-ky");
    /// std::fs::create_dir_all(&inbox).unwrap();
    /// let config = Config::discover(None, &inbox).unwrap();
    /// assert_eq!(config.committee.place, "Huế");
    /// ```
    pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Config> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
        for folder in start.ancestors() {
            let candidate = folder.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::builtin())
    }

    /// The rules in force for a cycle year, as a clerk reads them: where they come from, the
    /// registration window and deadlines, the quotas, the thresholds of recognition, the phase
    /// and its review, the fields and the committee.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::config::Config;
    ///
    /// let text = Config::builtin().show(2018);
    /// assert!(text.contains("Quy tắc năm 2018: Kế hoạch 61-KH/ĐUSTP (có sẵn trong dvk)"));
    /// assert!(text.contains("Đăng ký: từ ngày 01/10/2018, chậm nhất ngày 10/10/2018"));
    /// assert!(text.contains("Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2019"));
    /// ```
    pub fn show(&self, year: i32) -> String {
        let rule = self.rules.for_year(year);
        let mut lines = vec![self.describe_file(), String::new()];
        lines.extend(describe_rule(&rule));
        lines.push(match self.rules.phase_of(year) {
            Some(phase) => format!("- Giai đoạn: {}", phase.describe()),
            None => format!("- Giai đoạn: năm {year} không thuộc giai đoạn nào đã khai báo"),
        });
        lines.push(String::new());
        lines.push(format!(
            "Lĩnh vực ({}): {}",
            self.fields.len(),
            self.fields.join("; ")
        ));
        lines.push(String::new());
        lines.extend(describe_committee(&self.committee));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    fn describe_file(&self) -> String {
        match &self.path {
            Some(path) => format!("Cấu hình: {}", path.display()),
            None => format!("Cấu hình: có sẵn trong dvk (không có tệp {FILE_NAME})"),
        }
    }
}

/// A deadline with the words a clerk expects: "chậm nhất ngày 10/10/2018", "trước ngày …".
fn deadline_words(deadline: &Deadline) -> String {
    if deadline.exclusive {
        deadline.describe()
    } else {
        format!("chậm nhất ngày {}", deadline.describe())
    }
}

fn describe_rule(rule: &CycleRule) -> Vec<String> {
    let year = rule.year;
    let header = match rule.origin {
        RuleOrigin::Default => format!(
            "Quy tắc năm {year}: {}, vì chưa có văn bản nào quy định riêng năm {year}",
            rule.source
        ),
        RuleOrigin::Builtin | RuleOrigin::Config => {
            format!(
                "Quy tắc năm {year}: {} ({})",
                rule.source,
                rule.origin.label()
            )
        }
    };
    let registration = match rule.registration_opens {
        Some(opens) => format!(
            "- Đăng ký: từ ngày {}, {}",
            format_date(opens),
            deadline_words(&rule.registration_due)
        ),
        None => format!("- Đăng ký: {}", deadline_words(&rule.registration_due)),
    };
    let recognition = &rule.recognition;
    vec![
        header,
        registration,
        format!(
            "- Tự đánh giá, báo cáo kết quả: {}",
            deadline_words(&rule.self_assessment_due)
        ),
        format!(
            "- Mỗi chi bộ: ít nhất {} mô hình tập thể và {} điển hình cá nhân",
            rule.min_collective, rule.min_individual
        ),
        format!(
            "- Công nhận: biểu quyết {}; tự xếp loại từ «{}» trở lên (các mức: {})",
            recognition.describe_vote(),
            recognition.min_rating,
            recognition.ratings.join(", ")
        ),
    ]
}

fn describe_committee(committee: &Committee) -> Vec<String> {
    let name = if committee.signer_name.is_empty() {
        "(chưa ghi họ tên)"
    } else {
        &committee.signer_name
    };
    vec![
        format!(
            "Đảng bộ: {}, trực thuộc {}",
            committee.name, committee.higher
        ),
        format!(
            "- Văn bản: «{}, ngày … tháng … năm …», «Số …-{}»",
            committee.place, committee.number_prefix
        ),
        format!(
            "- Ký: {} / {} / {name}",
            committee.signer_role, committee.signer_title
        ),
    ]
}

// ---------------------------------------------------------------------------
// Reading the file
// ---------------------------------------------------------------------------

/// What is wrong in the file: where (a byte offset), under which key, and why.
#[derive(Debug)]
struct Problem {
    at: Option<usize>,
    key: String,
    reason: String,
}

impl Problem {
    fn new(at: usize, key: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem {
            at: Some(at),
            key: key.into(),
            reason: reason.into(),
        }
    }

    fn into_error(self, text: &str, path: &Path) -> Error {
        let line = self.at.map(|at| line_of(text, at));
        Error::Config {
            path: path.to_path_buf(),
            line,
            key: self.key,
            reason: self.reason,
        }
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    let end = at.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

type Read<T> = std::result::Result<T, Problem>;

/// A value read from the file, with its dotted key and where that key is.
struct Item<T> {
    value: T,
    key: String,
    at: usize,
}

/// A table of the file with its dotted name ("" for the top, "cycle[2]",
/// "default.recognition") and where it starts.
struct Table<'a, 'i> {
    name: String,
    at: usize,
    entries: &'a DeTable<'i>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn key(&self, key: &str) -> String {
        if self.name.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.name)
        }
    }

    /// The table as a message names it: "[committee]", or "«cycle[2]»" in an array.
    fn section(&self) -> String {
        if self.name.contains('[') {
            format!("«{}»", self.name)
        } else {
            format!("[{}]", self.name)
        }
    }

    /// Refuses the first key that is not one of `allowed`, so typos do not go unnoticed.
    fn expect_keys(&self, allowed: &[&str]) -> Read<()> {
        for key in self.entries.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let place = if self.name.is_empty() {
                    "ở đầu tệp".to_string()
                } else {
                    format!("trong {}", self.section())
                };
                return Err(Problem::new(
                    key.span().start,
                    self.key(key.get_ref()),
                    format!(
                        "khóa không dùng được {place}; các khóa được dùng: {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The value of a key, converted; a conversion error names the key.
    fn get<T>(
        &self,
        key: &str,
        convert: impl FnOnce(&DeValue<'i>) -> std::result::Result<T, String>,
    ) -> Read<Option<Item<T>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(None);
        };
        let at = k.span().start;
        let key = self.key(key);
        match convert(v.get_ref()) {
            Ok(value) => Ok(Some(Item { value, key, at })),
            Err(reason) => Err(Problem::new(at, key, reason)),
        }
    }

    /// A key that must be there.
    fn require<T>(
        &self,
        key: &str,
        expected: &str,
        convert: impl FnOnce(&DeValue<'i>) -> std::result::Result<T, String>,
    ) -> Read<Item<T>> {
        self.get(key, convert)?.ok_or_else(|| {
            Problem::new(
                self.at,
                self.key(key),
                format!("thiếu khóa này trong {}: cần {expected}", self.section()),
            )
        })
    }

    /// A sub-table, `[name.key]` or `key = { … }`.
    fn table(&self, key: &str) -> Read<Option<Table<'a, 'i>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Table(entries) => Ok(Some(Table {
                name: self.key(key),
                at: k.span().start,
                entries,
            })),
            other => Err(Problem::new(
                k.span().start,
                self.key(key),
                format!("cần một bảng [{}], gặp {}", self.key(key), found(other)),
            )),
        }
    }

    /// An array of tables, `[[key]]`, named `key[1]`, `key[2]`, …
    fn tables(&self, key: &str) -> Read<Vec<Table<'a, 'i>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(Vec::new());
        };
        let expected = format!("cần các bảng [[{key}]], gặp {}", found(v.get_ref()));
        let DeValue::Array(items) = v.get_ref() else {
            return Err(Problem::new(k.span().start, self.key(key), expected));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item.get_ref() {
                DeValue::Table(entries) => Ok(Table {
                    name: format!("{}[{}]", self.key(key), i + 1),
                    at: item.span().start,
                    entries,
                }),
                _ => Err(Problem::new(
                    item.span().start,
                    self.key(key),
                    expected.clone(),
                )),
            })
            .collect()
    }
}

/// A value as a message shows it: «10/10», 12, một danh sách.
fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("«{s}»"),
        DeValue::Integer(i) => format!("số {i}"),
        DeValue::Float(f) => format!("số {f}"),
        DeValue::Boolean(b) => format!("giá trị {b}"),
        DeValue::Datetime(d) if d.time.is_none() => format!("ngày {d}"),
        DeValue::Datetime(d) => format!("ngày giờ {d}"),
        DeValue::Array(_) => "một danh sách".to_string(),
        DeValue::Table(_) => "một bảng".to_string(),
    }
}

// --- Converters: a TOML value to what dvk needs, or the reason it cannot be. ---------------

fn text(value: &DeValue<'_>) -> std::result::Result<String, String> {
    match value {
        DeValue::String(s) => Ok(clean(s)),
        other => Err(format!("cần chuỗi trong ngoặc kép, gặp {}", found(other))),
    }
}

fn non_empty_text(value: &DeValue<'_>) -> std::result::Result<String, String> {
    let s = text(value)?;
    if s.is_empty() {
        return Err("không được để trống".to_string());
    }
    Ok(s)
}

fn integer(value: &DeValue<'_>) -> Option<i64> {
    let DeValue::Integer(i) = value else {
        return None;
    };
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

fn quota(value: &DeValue<'_>) -> std::result::Result<u32, String> {
    integer(value)
        .filter(|n| (0..=MAX_QUOTA).contains(n))
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            format!(
                "cần số nguyên từ 0 đến {MAX_QUOTA} (ví dụ 1), gặp {}",
                found(value)
            )
        })
}

fn year(value: &DeValue<'_>) -> std::result::Result<i32, String> {
    integer(value)
        .and_then(|n| i32::try_from(n).ok())
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            format!(
                "cần năm từ {} đến {} (ví dụ 2024), gặp {}",
                YEARS.start(),
                YEARS.end(),
                found(value)
            )
        })
}

/// "2016-2020" (or with an en dash): the first and last year.
fn years(value: &DeValue<'_>) -> std::result::Result<(i32, i32), String> {
    let expected = || format!("cần khoảng năm dạng \"2016-2020\", gặp {}", found(value));
    let DeValue::String(s) = value else {
        return Err(expected());
    };
    let (first, last) = s.split_once(['-', '–']).ok_or_else(expected)?;
    let parse = |y: &str| y.trim().parse::<i32>().ok().filter(|y| YEARS.contains(y));
    match (parse(first), parse(last)) {
        (Some(first), Some(last)) if first <= last => Ok((first, last)),
        (Some(_), Some(_)) => Err(format!("năm đầu sau năm cuối trong «{s}»")),
        _ => Err(format!(
            "cần khoảng năm dạng \"2016-2020\" với các năm từ {} đến {}, gặp «{s}»",
            YEARS.start(),
            YEARS.end()
        )),
    }
}

/// A share strictly between "nobody" and "everybody": 0 ≤ x < 1.
fn share(value: &DeValue<'_>) -> std::result::Result<f64, String> {
    let number = match value {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::Integer(_) => integer(value).map(|n| n as f64),
        _ => None,
    };
    number.filter(|x| (0.0..1.0).contains(x)).ok_or_else(|| {
        format!(
            "cần tỉ lệ từ 0 đến dưới 1 (ví dụ 0.5: quá nửa số phiếu), gặp {}",
            found(value)
        )
    })
}

/// A list of distinct, non-empty strings (compared after folding).
fn texts(value: &DeValue<'_>) -> std::result::Result<Vec<String>, String> {
    let DeValue::Array(items) = value else {
        return Err(format!(
            "cần danh sách chuỗi, ví dụ [\"Kinh tế\", \"Văn hóa – xã hội\"], gặp {}",
            found(value)
        ));
    };
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let s = text(item.get_ref())
            .ok()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                format!(
                    "phần tử thứ {} phải là chuỗi không trống, gặp {}",
                    i + 1,
                    found(item.get_ref())
                )
            })?;
        if out.iter().any(|o| fold(o) == fold(&s)) {
            return Err(format!("«{s}» có hai lần trong danh sách"));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err("danh sách không được để trống".to_string());
    }
    Ok(out)
}

/// Which years a date in a rule serves: every year (the default rule, a cycle of several
/// years) or one year, which may then be written in full.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Every,
    Year(i32),
}

impl Scope {
    fn of(first: i32, last: i32) -> Scope {
        if first == last {
            Scope::Year(first)
        } else {
            Scope::Every
        }
    }
}

const DAY_FORMAT: &str = "ngày dạng dd/mm (ví dụ 10/10)";

/// "10/10", "01/09 năm sau", "15/12 năm trước", or in a one-year scope "26/02/2024" and
/// `2024-02-26`.
fn cycle_date(value: &DeValue<'_>, scope: Scope) -> std::result::Result<CycleDate, String> {
    let (day, month, year, offset) = match value {
        DeValue::String(s) => {
            split_day(s).ok_or_else(|| format!("cần {DAY_FORMAT} hoặc dd/mm năm sau, gặp «{s}»"))?
        }
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => (
                u32::from(date.day),
                u32::from(date.month),
                Some(i32::from(date.year)),
                0,
            ),
            _ => return Err(format!("cần ngày, không có giờ, gặp {}", found(value))),
        },
        other => {
            return Err(format!(
                "cần {DAY_FORMAT} trong ngoặc kép, gặp {}",
                found(other)
            ))
        }
    };
    let shown = || match value {
        DeValue::String(s) => format!("«{}»", s.trim()),
        other => found(other),
    };
    let Some(year) = year else {
        return CycleDate::new(day, month, offset).ok_or_else(|| {
            format!(
                "cần {DAY_FORMAT}, gặp {}: {}",
                shown(),
                no_such_day(day, month)
            )
        });
    };
    let Scope::Year(cycle_year) = scope else {
        return Err(format!(
            "quy tắc này dùng cho nhiều năm: cần {DAY_FORMAT} hoặc dd/mm năm sau, không ghi năm, gặp {}",
            shown()
        ));
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "cần ngày có thật, gặp {}: {}",
            shown(),
            no_such_day(day, month)
        )
    })?;
    if (year - cycle_year).abs() > 1 {
        return Err(format!(
            "ngày {} cách năm {cycle_year} của chu kỳ hơn một năm",
            shown()
        ));
    }
    Ok(CycleDate::of(date, cycle_year))
}

/// "tháng 2 không có ngày 31", "không có tháng 13".
fn no_such_day(day: u32, month: u32) -> String {
    if (1..=12).contains(&month) {
        format!("tháng {month} không có ngày {day}")
    } else {
        format!("không có tháng {month}")
    }
}

/// Day, month, year if written, and the year offset of "năm sau"/"năm trước".
fn split_day(s: &str) -> Option<(u32, u32, Option<i32>, i32)> {
    let s = s.trim();
    let (date, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let offset = match fold(rest).as_str() {
        "" => 0,
        "nam sau" => 1,
        "nam truoc" => -1,
        _ => return None,
    };
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let number = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts[..] {
        [d, m] => Some((number(d)?, number(m)?, None, offset)),
        [d, m, y] if offset == 0 && y.len() == 4 => Some((
            number(d)?,
            number(m)?,
            Some(i32::try_from(number(y)?).ok()?),
            0,
        )),
        _ => None,
    }
}

/// A full date, "01/10/2018" or `2018-10-01`.
fn full_date(value: &DeValue<'_>) -> std::result::Result<NaiveDate, String> {
    let expected = || {
        format!(
            "cần ngày dạng dd/mm/yyyy (ví dụ 01/10/2018), gặp {}",
            found(value)
        )
    };
    match value {
        DeValue::String(s) => {
            let (day, month, year, _) = split_day(s).ok_or_else(expected)?;
            let year = year.ok_or_else(expected)?;
            NaiveDate::from_ymd_opt(year, month, day)
                .ok_or_else(|| format!("cần ngày có thật, gặp «{s}»: {}", no_such_day(day, month)))
        }
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(expected),
            _ => Err(expected()),
        },
        _ => Err(expected()),
    }
}

/// A month, "10/2016", as its first day (or its last, for the end of a phase); a full date
/// stands for itself.
fn month(value: &DeValue<'_>, last_day: bool) -> std::result::Result<NaiveDate, String> {
    if let DeValue::String(s) = value {
        if let Some((m, y)) = s.trim().split_once('/').filter(|(_, y)| !y.contains('/')) {
            let first = m
                .trim()
                .parse::<u32>()
                .ok()
                .zip(y.trim().parse::<i32>().ok())
                .and_then(|(m, y)| NaiveDate::from_ymd_opt(y, m, 1))
                .ok_or_else(|| format!("cần tháng dạng mm/yyyy (ví dụ 10/2016), gặp «{s}»"))?;
            return Ok(if last_day { end_of_month(first) } else { first });
        }
    }
    full_date(value).map_err(|_| {
        format!(
            "cần tháng dạng mm/yyyy (ví dụ 10/2016), gặp {}",
            found(value)
        )
    })
}

fn end_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

// --- Sections -------------------------------------------------------------------------------

fn read_config(text: &str) -> Read<Config> {
    let document = DeTable::parse(text).map_err(|e| syntax_problem(text, &e))?;
    let top = Table {
        name: String::new(),
        at: 0,
        entries: document.get_ref(),
    };
    top.expect_keys(&["committee", "workspace", "default", "cycle", "phase"])?;
    let mut config = Config::builtin();
    if let Some(table) = top.table("committee")? {
        read_committee(&table, &mut config)?;
    }
    if let Some(table) = top.table("workspace")? {
        read_workspace(&table, &mut config.workspace)?;
    }
    let builtin = &config.rules;
    let default_table = top.table("default")?;
    let default = match &default_table {
        Some(table) => read_default(table, builtin.default_rule())?,
        None => builtin.default_rule().clone(),
    };
    let cycles = top.tables("cycle")?;
    let cycles = if cycles.is_empty() {
        if let Some(table) = &default_table {
            check_builtin_cycles(builtin.cycles(), &default, table)?;
        }
        builtin.cycles().to_vec()
    } else {
        read_cycles(&cycles, &default)?
    };
    let phases = top.tables("phase")?;
    let phases = if phases.is_empty() {
        builtin.phases().to_vec()
    } else {
        read_phases(&phases, &default)?
    };
    config.rules = Rules::new(default, cycles, phases);
    Ok(config)
}

/// A TOML syntax error, with the few messages clerks meet in Vietnamese.
fn syntax_problem(text: &str, error: &toml::de::Error) -> Problem {
    let span = error.span();
    let message = error.message();
    let (key, reason) = if message.starts_with("duplicate key") {
        let key = span
            .clone()
            .and_then(|s| text.get(s))
            .unwrap_or_default()
            .trim_matches(['"', '\'', '[', ']'])
            .to_string();
        (
            key,
            "khóa này đã có ở trên; mỗi khóa chỉ ghi một lần".to_string(),
        )
    } else if message.contains("must be quoted") {
        (
            String::new(),
            "chuỗi phải đặt trong ngoặc kép, ví dụ name = \"Đảng bộ Sở Tư pháp\"".to_string(),
        )
    } else {
        (
            String::new(),
            format!("không đúng cú pháp TOML ({message})"),
        )
    };
    Problem {
        at: span.map(|s| s.start),
        key,
        reason,
    }
}

fn read_committee(table: &Table<'_, '_>, config: &mut Config) -> Read<()> {
    table.expect_keys(&[
        "name",
        "higher",
        "place",
        "number_prefix",
        "signer_role",
        "signer_title",
        "signer_name",
        "fields",
    ])?;
    let committee = &mut config.committee;
    for (key, slot) in [
        ("name", &mut committee.name),
        ("higher", &mut committee.higher),
        ("place", &mut committee.place),
        ("number_prefix", &mut committee.number_prefix),
        ("signer_role", &mut committee.signer_role),
        ("signer_title", &mut committee.signer_title),
    ] {
        if let Some(item) = table.get(key, non_empty_text)? {
            *slot = item.value;
        }
    }
    if let Some(item) = table.get("signer_name", text)? {
        committee.signer_name = item.value;
    }
    if let Some(item) = table.get("fields", texts)? {
        config.fields = item.value;
    }
    Ok(())
}

/// `[workspace]`: each key given replaces the built-in value.
fn read_workspace(table: &Table<'_, '_>, workspace: &mut Workspace) -> Read<()> {
    table.expect_keys(&["roster", "inbox", "templates", "send_to"])?;
    for (key, slot) in [
        ("roster", &mut workspace.roster),
        ("inbox", &mut workspace.inbox),
        ("templates", &mut workspace.templates),
    ] {
        if let Some(item) = table.get(key, non_empty_text)? {
            *slot = PathBuf::from(item.value);
        }
    }
    if let Some(item) = table.get("send_to", non_empty_text)? {
        workspace.send_to = item.value;
    }
    Ok(())
}

/// Keys a rule may set, in `[default]` and `[[cycle]]`.
const RULE_KEYS: [&str; 9] = [
    "source",
    "registration_opens",
    "registration_due",
    "registration_before",
    "self_assessment_due",
    "self_assessment_before",
    "min_collective",
    "min_individual",
    "recognition",
];

/// What a `[default]` or `[[cycle]]` table says, each value with where it is.
struct RuleKeys<'a, 'i> {
    source: Option<Item<String>>,
    opens: Option<Item<CycleDate>>,
    registration: Option<Item<CycleDeadline>>,
    self_assessment: Option<Item<CycleDeadline>>,
    min_collective: Option<Item<u32>>,
    min_individual: Option<Item<u32>>,
    recognition: Option<Table<'a, 'i>>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn rule_keys(&self, scope: Scope) -> Read<RuleKeys<'a, 'i>> {
        Ok(RuleKeys {
            source: self.get("source", non_empty_text)?,
            opens: self.get("registration_opens", |v| cycle_date(v, scope))?,
            registration: self.deadline("registration", scope)?,
            self_assessment: self.deadline("self_assessment", scope)?,
            min_collective: self.get("min_collective", quota)?,
            min_individual: self.get("min_individual", quota)?,
            recognition: self.table("recognition")?,
        })
    }

    /// `{what}_due` (no later than) or `{what}_before` (before), not both.
    fn deadline(&self, what: &str, scope: Scope) -> Read<Option<Item<CycleDeadline>>> {
        let due_key = format!("{what}_due");
        let before_key = format!("{what}_before");
        let due = self.get(&due_key, |v| cycle_date(v, scope))?;
        let before = self.get(&before_key, |v| cycle_date(v, scope))?;
        match (due, before) {
            (Some(_), Some(before)) => Err(Problem::new(
                before.at,
                before.key,
                format!(
                    "chỉ ghi một trong hai khóa {due_key} (chậm nhất ngày, ngày đó vẫn đúng hạn) \
                     và {before_key} (trước ngày, ngày đó đã muộn)"
                ),
            )),
            (Some(due), None) => Ok(Some(Item {
                value: CycleDeadline::on_or_before(due.value),
                key: due.key,
                at: due.at,
            })),
            (None, Some(before)) => Ok(Some(Item {
                value: CycleDeadline::before(before.value),
                key: before.key,
                at: before.at,
            })),
            (None, None) => Ok(None),
        }
    }
}

/// `[default]`: each key given replaces the built-in value.
fn read_default(table: &Table<'_, '_>, builtin: &RulePattern) -> Read<RulePattern> {
    table.expect_keys(&RULE_KEYS)?;
    let keys = table.rule_keys(Scope::Every)?;
    let mut pattern = builtin.clone();
    let sets_dates_or_quotas = keys.opens.is_some()
        || keys.registration.is_some()
        || keys.self_assessment.is_some()
        || keys.min_collective.is_some()
        || keys.min_individual.is_some();
    if let Some(source) = &keys.source {
        pattern.source = source.value.clone();
    } else if sets_dates_or_quotas {
        pattern.source = FILE_NAME.to_string();
    }
    if let Some(opens) = &keys.opens {
        pattern.registration_opens = Some(opens.value);
    }
    if let Some(due) = &keys.registration {
        pattern.registration_due = due.value;
    }
    if let Some(due) = &keys.self_assessment {
        pattern.self_assessment_due = due.value;
    }
    if let Some(n) = &keys.min_collective {
        pattern.min_collective = n.value;
    }
    if let Some(n) = &keys.min_individual {
        pattern.min_individual = n.value;
    }
    if let Some(recognition) = &keys.recognition {
        pattern.recognition = read_recognition(recognition, &builtin.recognition)?;
    }
    // Any year shows an impossible order; 2001 has no 29/02, like most years.
    check_calendar(
        &pattern.rule(2001, RuleOrigin::Default),
        Some(&pattern),
        &keys,
        table,
    )?;
    Ok(pattern)
}

/// The built-in cycles take from `[default]` what they do not say (the letter 821-CV/ĐUK its
/// self-assessment day): a changed default must leave their dates in order too.
fn check_builtin_cycles(
    cycles: &[Cycle],
    default: &RulePattern,
    table: &Table<'_, '_>,
) -> Read<()> {
    let keys = table.rule_keys(Scope::Every)?;
    for cycle in cycles {
        for year in cycle.first_year..=cycle.last_year {
            check_calendar(&cycle.rule(default, year), None, &keys, table)?;
        }
    }
    Ok(())
}

/// `[default.recognition]`, `[cycle.recognition]`: each key given replaces the inherited one.
fn read_recognition(table: &Table<'_, '_>, base: &Recognition) -> Read<Recognition> {
    table.expect_keys(&["vote_share_above", "ratings", "min_rating"])?;
    let mut recognition = base.clone();
    if let Some(item) = table.get("vote_share_above", share)? {
        recognition.vote_share_above = item.value;
    }
    let ratings = table.get("ratings", texts)?;
    let min_rating = table.get("min_rating", non_empty_text)?;
    if let Some(item) = &ratings {
        recognition.ratings = item.value.clone();
    }
    if let Some(item) = &min_rating {
        recognition.min_rating = item.value.clone();
    }
    if recognition.rank(&recognition.min_rating).is_none() {
        let (at, key) = match (&min_rating, &ratings) {
            (Some(item), _) => (item.at, item.key.clone()),
            (None, Some(item)) => (item.at, item.key.clone()),
            (None, None) => (table.at, table.name.clone()),
        };
        return Err(Problem::new(
            at,
            key,
            format!(
                "mức tối thiểu «{}» không có trong các mức xếp loại ({})",
                recognition.min_rating,
                recognition.ratings.join(", ")
            ),
        ));
    }
    Ok(recognition)
}

/// Refuses a rule whose dates are out of order: registration opening after its deadline, or
/// a self-assessment due before registration closes (a forgotten "năm sau").
///
/// The rule of one year is checked; `pattern`, for `[default]`, words the message with the
/// days as written ("01/09") rather than the dates of that year.
fn check_calendar(
    rule: &CycleRule,
    pattern: Option<&RulePattern>,
    keys: &RuleKeys<'_, '_>,
    table: &Table<'_, '_>,
) -> Read<()> {
    // The first of the keys the table gives, else the table itself.
    let place = |keys: [Option<(usize, &String)>; 2]| {
        keys.into_iter()
            .flatten()
            .next()
            .map(|(at, key)| (at, key.clone()))
            .unwrap_or_else(|| (table.at, table.name.clone()))
    };
    let opens_key = keys.opens.as_ref().map(|i| (i.at, &i.key));
    let due_key = keys.registration.as_ref().map(|i| (i.at, &i.key));
    let self_key = keys.self_assessment.as_ref().map(|i| (i.at, &i.key));
    let due = rule.registration_due;
    let words = Calendar::of(rule, pattern);
    if rule
        .registration_opens
        .is_some_and(|opens| opens > due.last_day())
    {
        let (at, key) = place([opens_key, due_key]);
        return Err(Problem::new(
            at,
            key,
            format!(
                "{}ngày mở đăng ký {} sau hạn đăng ký ({})",
                words.prefix, words.opens, words.registration
            ),
        ));
    }
    if rule.self_assessment_due.last_day() <= due.last_day() {
        let (at, key) = place([self_key, due_key]);
        return Err(Problem::new(
            at,
            key,
            format!(
                "{}hạn tự đánh giá ({}) không sau hạn đăng ký ({}); nếu là năm sau, hãy ghi \
                 dạng \"01/09 năm sau\"",
                words.prefix, words.self_assessment, words.registration
            ),
        ));
    }
    Ok(())
}

/// The words of a calendar message: for a year ("năm 2024 (Công văn 821-CV/ĐUK): …", with
/// dates), or for the default rule (the days as written).
struct Calendar {
    prefix: String,
    opens: String,
    registration: String,
    self_assessment: String,
}

impl Calendar {
    fn of(rule: &CycleRule, pattern: Option<&RulePattern>) -> Calendar {
        match pattern {
            Some(p) => Calendar {
                prefix: String::new(),
                opens: p
                    .registration_opens
                    .map(|o| o.describe())
                    .unwrap_or_default(),
                registration: p.registration_due.describe(),
                self_assessment: p.self_assessment_due.describe(),
            },
            None => Calendar {
                prefix: format!("năm {} ({}): ", rule.year, rule.source),
                opens: rule.registration_opens.map(format_date).unwrap_or_default(),
                registration: deadline_words(&rule.registration_due),
                self_assessment: deadline_words(&rule.self_assessment_due),
            },
        }
    }
}

/// `[[cycle]]` tables, refusing two that share a year.
fn read_cycles(tables: &[Table<'_, '_>], default: &RulePattern) -> Read<Vec<Cycle>> {
    let mut cycles: Vec<Cycle> = Vec::new();
    for table in tables {
        let (cycle, years) = read_cycle(table, default)?;
        if let Some((i, other)) = cycles
            .iter()
            .enumerate()
            .find(|(_, c)| c.first_year <= cycle.last_year && cycle.first_year <= c.last_year)
        {
            return Err(Problem::new(
                years.at,
                years.key,
                format!(
                    "năm {} đã có trong cycle[{}] ({}); mỗi năm chỉ theo một văn bản",
                    cycle.describe_years(),
                    i + 1,
                    other.describe_years()
                ),
            ));
        }
        cycles.push(cycle);
    }
    Ok(cycles)
}

/// One `[[cycle]]`: its years, then what it sets over `[default]`.
fn read_cycle(table: &Table<'_, '_>, default: &RulePattern) -> Read<(Cycle, Item<(i32, i32)>)> {
    let mut allowed = RULE_KEYS.to_vec();
    allowed.extend(["year", "years"]);
    table.expect_keys(&allowed)?;
    let one = table.get("year", year)?.map(|item| Item {
        value: (item.value, item.value),
        key: item.key,
        at: item.at,
    });
    let many = table.get("years", years)?;
    let years = match (one, many) {
        (Some(_), Some(many)) => {
            return Err(Problem::new(
                many.at,
                many.key,
                "chỉ ghi một trong hai khóa year (một năm) và years (nhiều năm)",
            ))
        }
        (Some(item), None) | (None, Some(item)) => item,
        (None, None) => {
            return Err(Problem::new(
                table.at,
                table.key("year"),
                "thiếu năm: cần year = 2024 (một năm) hoặc years = \"2016-2020\" (nhiều năm)",
            ))
        }
    };
    let (first, last) = years.value;
    let keys = table.rule_keys(Scope::of(first, last))?;
    let source = keys
        .source
        .as_ref()
        .map_or_else(|| FILE_NAME.to_string(), |s| s.value.clone());
    let mut cycle = Cycle::new(first, last, &source, RuleOrigin::Config);
    cycle.registration = match (&keys.opens, &keys.registration) {
        (opens, Some(due)) => Some(Window {
            opens: opens.as_ref().map(|o| o.value),
            due: due.value,
        }),
        (Some(opens), None) => Some(Window {
            opens: Some(opens.value),
            due: default.registration_due,
        }),
        (None, None) => None,
    };
    cycle.self_assessment_due = keys.self_assessment.as_ref().map(|i| i.value);
    cycle.min_collective = keys.min_collective.as_ref().map(|i| i.value);
    cycle.min_individual = keys.min_individual.as_ref().map(|i| i.value);
    if let Some(recognition) = &keys.recognition {
        cycle.recognition = Some(read_recognition(recognition, &default.recognition)?);
    }
    for year in first..=last {
        check_calendar(&cycle.rule(default, year), None, &keys, table)?;
    }
    Ok((cycle, years))
}

/// `[[phase]]` tables, with their cycle years derived when not given, refusing overlaps.
fn read_phases(tables: &[Table<'_, '_>], default: &RulePattern) -> Read<Vec<Phase>> {
    let drafts = tables
        .iter()
        .map(read_phase)
        .collect::<Read<Vec<PhaseDraft>>>()?;
    let anchor = default
        .registration_opens
        .unwrap_or(default.registration_due.on);
    let mut phases: Vec<Phase> = Vec::new();
    for (draft, table) in drafts.iter().zip(tables) {
        let (first_year, last_year) = match &draft.years {
            Some(item) => item.value,
            None => derive_years(draft, &drafts, anchor).ok_or_else(|| {
                Problem::new(
                    table.at,
                    table.name.clone(),
                    format!(
                        "giai đoạn không chứa năm chu kỳ nào (năm tính theo ngày {} mở đăng ký); \
                         hãy ghi years = \"2016-2017\"",
                        anchor.describe()
                    ),
                )
            })?,
        };
        let phase = Phase {
            first_year,
            last_year,
            ..draft.phase.clone()
        };
        if let Some((i, other)) = phases
            .iter()
            .enumerate()
            .find(|(_, p)| p.first_year <= last_year && first_year <= p.last_year)
        {
            let (at, key) = draft
                .years
                .as_ref()
                .map_or_else(|| (table.at, table.name.clone()), |y| (y.at, y.key.clone()));
            return Err(Problem::new(
                at,
                key,
                format!(
                    "các năm {first_year}–{last_year} đã thuộc phase[{}] «{}» ({}–{}); \
                     hãy ghi years cho từng giai đoạn",
                    i + 1,
                    other.name,
                    other.first_year,
                    other.last_year
                ),
            ));
        }
        phases.push(phase);
    }
    Ok(phases)
}

/// A `[[phase]]` as read, before its years are known.
struct PhaseDraft {
    phase: Phase,
    years: Option<Item<(i32, i32)>>,
}

fn read_phase(table: &Table<'_, '_>) -> Read<PhaseDraft> {
    table.expect_keys(&[
        "name",
        "review",
        "from",
        "to",
        "years",
        "review_before",
        "review_due",
    ])?;
    let name = table.require("name", "tên, ví dụ \"Đợt 1\"", non_empty_text)?;
    let review = table.require("review", "\"sơ kết\" hoặc \"tổng kết\"", non_empty_text)?;
    let starts = table.require("from", "tháng bắt đầu, ví dụ \"10/2016\"", |v| {
        month(v, false)
    })?;
    let ends = table.require("to", "tháng kết thúc, ví dụ \"10/2018\"", |v| {
        month(v, true)
    })?;
    if ends.value < starts.value {
        return Err(Problem::new(
            ends.at,
            ends.key,
            format!(
                "giai đoạn kết thúc ({}) trước khi bắt đầu ({})",
                format_date(ends.value),
                format_date(starts.value)
            ),
        ));
    }
    let due = table.get("review_due", full_date)?;
    let before = table.get("review_before", full_date)?;
    let review_due = match (due, before) {
        (Some(due), None) => Deadline::on_or_before(due.value),
        (None, Some(before)) => Deadline::before(before.value),
        (Some(_), Some(before)) => return Err(Problem::new(
            before.at,
            before.key,
            "chỉ ghi một trong hai khóa review_due (chậm nhất ngày) và review_before (trước ngày)",
        )),
        (None, None) => {
            return Err(Problem::new(
                table.at,
                table.key("review_before"),
                format!(
                    "thiếu khóa này trong {}: cần hạn {}, ví dụ review_before = \"01/10/2018\"",
                    table.section(),
                    review.value
                ),
            ))
        }
    };
    Ok(PhaseDraft {
        phase: Phase {
            name: name.value,
            review: review.value,
            starts: starts.value,
            ends: ends.value,
            first_year: starts.value.year(),
            last_year: ends.value.year(),
            review_due,
        },
        years: table.get("years", years)?,
    })
}

/// The cycle years whose registration day (`anchor`) falls in the phase, a year on the border
/// of two phases going to the one that starts later.
fn derive_years(draft: &PhaseDraft, all: &[PhaseDraft], anchor: CycleDate) -> Option<(i32, i32)> {
    let inside = |p: &Phase, year: i32| (p.starts..=p.ends).contains(&anchor.in_year(year));
    let phase = &draft.phase;
    let mut years = (phase.starts.year() - 1..=phase.ends.year() + 1).filter(|&y| {
        inside(phase, y)
            && !all
                .iter()
                .any(|other| other.phase.starts > phase.starts && inside(&other.phase, y))
    });
    let first = years.next()?;
    Some((first, years.next_back().unwrap_or(first)))
}

/// Asserts that a configuration is the built-in one but for the origin of its cycles (a
/// dvk.toml that writes the built-in rules out gives cycles "from the config").
#[cfg(test)]
pub(crate) fn assert_is_builtin(config: &Config) {
    let builtin = Config::builtin();
    assert_eq!(config.committee, builtin.committee);
    assert_eq!(config.fields, builtin.fields);
    assert_eq!(config.workspace, builtin.workspace);
    assert_eq!(config.rules.phases(), builtin.rules.phases());
    for year in 2010..2035 {
        let (mut a, b) = (config.rules.for_year(year), builtin.rules.for_year(year));
        if a.origin == RuleOrigin::Config {
            a.origin = RuleOrigin::Builtin;
        }
        assert_eq!(a, b, "year {year}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parse(text: &str) -> Config {
        Config::from_toml(text, Path::new("dvk.toml")).unwrap()
    }

    /// (line, key, message) of a refused file.
    fn refuse(text: &str) -> (Option<usize>, String, String) {
        match Config::from_toml(text, Path::new("dvk.toml")) {
            Err(e @ Error::Config { .. }) => {
                let message = e.to_string();
                let Error::Config { line, key, .. } = e else {
                    unreachable!()
                };
                (line, key, message)
            }
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    const TWO_CYCLES: &str = r#"
[[cycle]]
years = "2016-2020"
source = "Kế hoạch 61-KH/ĐUSTP"
registration_opens = "01/10"
registration_due = "10/10"
self_assessment_before = "01/09 năm sau"

[[cycle]]
year = 2024
source = "Công văn 821-CV/ĐUK"
registration_before = "26/02/2024"
"#;

    #[test]
    fn two_cycles_with_different_rules() {
        let rules = parse(TWO_CYCLES).rules;
        let a = rules.for_year(2018);
        assert_eq!(a.origin, RuleOrigin::Config);
        assert_eq!(a.registration_opens, Some(date(2018, 10, 1)));
        assert_eq!(a.registration_due.days_late(date(2018, 10, 10)), None);
        assert_eq!(a.registration_due.days_late(date(2018, 10, 11)), Some(1));
        assert_eq!(a.self_assessment_due, Deadline::before(date(2019, 9, 1)));
        let b = rules.for_year(2024);
        assert_eq!(b.source, "Công văn 821-CV/ĐUK");
        assert_eq!(b.registration_opens, None, "the window is taken whole");
        assert_eq!(b.registration_due.days_late(date(2024, 2, 25)), None);
        assert_eq!(b.registration_due.days_late(date(2024, 2, 26)), Some(1));
        assert_eq!(b.registration_due.days_late(date(2024, 2, 29)), Some(4));
        assert_eq!(b.self_assessment_due, Deadline::before(date(2025, 9, 1)));
        let c = rules.for_year(2031);
        assert_eq!(c.origin, RuleOrigin::Default);
        assert!(c.source.contains("mặc định"));
    }

    #[test]
    fn a_partial_file_keeps_the_built_ins() {
        let config = parse("[committee]\nsigner_name = \"Nguyễn Văn A\"\n");
        let builtin = Config::builtin();
        assert_eq!(config.committee.signer_name, "Nguyễn Văn A");
        assert_eq!(config.committee.name, builtin.committee.name);
        assert_eq!(config.rules, builtin.rules);
        assert_eq!(config.fields, builtin.fields);
        assert_eq!(config.path.as_deref(), Some(Path::new("dvk.toml")));
        assert_eq!(parse("").rules, builtin.rules);
        let windows = parse("\u{feff}[committee]\r\nplace = \"  Huế \"\r\n");
        assert_eq!(windows.committee.place, "Huế");
    }

    #[test]
    fn the_default_rule_applies_to_built_in_cycles_too() {
        let config = parse("[default.recognition]\nmin_rating = \"Khá\"\n");
        assert_eq!(config.rules.for_year(2018).recognition.min_rating, "Khá");
        assert_eq!(config.rules.for_year(2018).origin, RuleOrigin::Builtin);
        assert_eq!(config.rules.for_year(2031).recognition.min_rating, "Khá");
        // Plan 61 names its own deadline: a changed default does not move it.
        let config =
            parse("[default]\nregistration_opens = \"01/09\"\nregistration_due = \"30/09\"\n");
        assert_eq!(
            config.rules.for_year(2018).registration_due.describe(),
            "10/10/2018"
        );
        let default = config.rules.for_year(2031);
        assert_eq!(default.registration_due.describe(), "30/09/2031");
        assert_eq!(default.source, "quy tắc mặc định (theo dvk.toml)");
    }

    #[test]
    fn a_cycle_recognition_overrides_part_of_the_default() {
        let config = parse("[[cycle]]\nyear = 2025\n[cycle.recognition]\nvote_share_above = 0.6\n");
        let r = config.rules.for_year(2025).recognition;
        assert_eq!(r.vote_share_above, 0.6);
        assert_eq!(r.min_rating, "Tốt");
    }

    #[test]
    fn phases_from_the_file() {
        let config = parse(
            r#"
[[phase]]
name = "Giai đoạn 1"
review = "sơ kết"
from = "10/2022"
to = "10/2023"
review_before = "01/11/2023"
[[phase]]
name = "Giai đoạn 2"
review = "tổng kết"
from = "10/2023"
to = "12/2025"
review_due = 2025-12-15
"#,
        );
        let rules = &config.rules;
        let name = |y| rules.phase_of(y).map(|p| p.name.clone());
        assert_eq!(name(2021), None);
        assert_eq!(name(2022).as_deref(), Some("Giai đoạn 1"));
        assert_eq!(name(2023).as_deref(), Some("Giai đoạn 2"));
        assert_eq!(name(2025).as_deref(), Some("Giai đoạn 2"));
        assert_eq!(name(2026), None);
        let last = &rules.phases()[1];
        assert_eq!(last.ends, date(2025, 12, 31));
        assert_eq!(last.review_due, Deadline::on_or_before(date(2025, 12, 15)));
    }

    #[test]
    fn built_in_phases_are_derived_the_same_way() {
        let builtin = Rules::builtin();
        let text = r#"
[[phase]]
name = "Đợt 1"
review = "sơ kết"
from = "10/2016"
to = "10/2018"
review_before = "01/10/2018"
[[phase]]
name = "Đợt 2"
review = "tổng kết"
from = "10/2018"
to = "10/2020"
review_before = "01/09/2020"
"#;
        assert_eq!(parse(text).rules.phases(), builtin.phases());
    }

    #[test]
    fn a_bad_date_names_line_and_key() {
        let (line, key, message) =
            refuse("[[cycle]]\nyear = 2024\n\n[[cycle]]\nyears = \"2016-2020\"\nregistration_due = \"31/02\"\n");
        assert_eq!(line, Some(6));
        assert_eq!(key, "cycle[2].registration_due");
        assert_eq!(
            message,
            "dvk.toml, dòng 6, khóa «cycle[2].registration_due»: cần ngày dạng dd/mm (ví dụ 10/10), gặp «31/02»: tháng 2 không có ngày 31"
        );
        let (line, key, message) = refuse("[default]\nself_assessment_before = \"1 tháng 9\"\n");
        assert_eq!(
            (line, key.as_str()),
            (Some(2), "default.self_assessment_before")
        );
        assert!(message.contains("gặp «1 tháng 9»"), "{message}");
        let (_, _, message) = refuse("[default]\nregistration_due = \"10/10/2024\"\n");
        assert!(message.contains("không ghi năm"), "{message}");
    }

    #[test]
    fn an_unknown_key_names_line_and_key() {
        let (line, key, message) = refuse("[committee]\nname = \"Đảng bộ\"\nsigner = \"BÍ THƯ\"\n");
        assert_eq!(line, Some(3));
        assert_eq!(key, "committee.signer");
        assert!(
            message.contains("khóa không dùng được trong [committee]"),
            "{message}"
        );
        assert!(message.contains("signer_title"), "{message}");
        let (line, key, _) = refuse("\n\n[cycles]\nyear = 2024\n");
        assert_eq!((line, key.as_str()), (Some(3), "cycles"));
        let (line, key, _) = refuse("[[cycle]]\nyear = 2024\nregistraton_due = \"10/10\"\n");
        assert_eq!((line, key.as_str()), (Some(3), "cycle[1].registraton_due"));
    }

    #[test]
    fn the_workspace_section() {
        let config = parse(
            "[workspace]\nroster = \"chi-bo.txt\"\ntemplates = \"bieu-mau\"\nsend_to = \"Văn phòng Đảng ủy Sở\"\n",
        );
        let workspace = &config.workspace;
        assert_eq!(workspace.roster, Path::new("chi-bo.txt"));
        assert_eq!(workspace.templates, Path::new("bieu-mau"));
        assert_eq!(workspace.inbox, Workspace::builtin().inbox);
        assert_eq!(workspace.send_to, "Văn phòng Đảng ủy Sở");
        assert_eq!(parse("").workspace, Workspace::builtin());
        let (line, key, message) = refuse("[workspace]\ninbox = \"hop-thu\"\noutbox = \"x\"\n");
        assert_eq!((line, key.as_str()), (Some(3), "workspace.outbox"));
        assert!(
            message.contains("roster, inbox, templates, send_to"),
            "{message}"
        );
        let (line, key, message) = refuse("[workspace]\n\ninbox = \"  \"\n");
        assert_eq!((line, key.as_str()), (Some(3), "workspace.inbox"));
        assert!(message.contains("không được để trống"), "{message}");
        let (line, key, _) = refuse("[workspace]\nroster = 3\n");
        assert_eq!((line, key.as_str()), (Some(2), "workspace.roster"));
    }

    #[test]
    fn a_wrong_type_names_line_and_key() {
        let (line, key, message) = refuse("[default]\n\nmin_collective = \"1\"\n");
        assert_eq!((line, key.as_str()), (Some(3), "default.min_collective"));
        assert!(
            message.ends_with("cần số nguyên từ 0 đến 100 (ví dụ 1), gặp «1»"),
            "{message}"
        );
        let (line, key, message) = refuse("[committee]\nfields = \"Kinh tế\"\n");
        assert_eq!((line, key.as_str()), (Some(2), "committee.fields"));
        assert!(message.contains("cần danh sách chuỗi"), "{message}");
        let (line, key, _) = refuse("committee = 3\n");
        assert_eq!((line, key.as_str()), (Some(1), "committee"));
    }

    #[test]
    fn semantic_errors_name_line_and_key() {
        let cases: [(&str, usize, &str, &str); 9] = [
            (
                "[default]\nregistration_opens = \"15/10\"\n",
                2,
                "default.registration_opens",
                "sau hạn đăng ký",
            ),
            (
                "[default]\nself_assessment_before = \"01/09\"\n",
                2,
                "default.self_assessment_before",
                "01/09 năm sau",
            ),
            (
                "[default.recognition]\nvote_share_above = 50\n",
                2,
                "default.recognition.vote_share_above",
                "cần tỉ lệ từ 0 đến dưới 1",
            ),
            (
                "[default.recognition]\nmin_rating = \"Giỏi\"\n",
                2,
                "default.recognition.min_rating",
                "không có trong các mức",
            ),
            (
                "[[cycle]]\nyears = \"2016-2020\"\n[[cycle]]\nyear = 2018\n",
                4,
                "cycle[2].year",
                "đã có trong cycle[1]",
            ),
            (
                "[[cycle]]\nyear = 2024\nregistration_due = \"25/02\"\nregistration_before = \"26/02\"\n",
                4,
                "cycle[1].registration_before",
                "chỉ ghi một trong hai khóa",
            ),
            (
                "[[cycle]]\nyear = 2024\nregistration_before = \"26/02/2042\"\n",
                3,
                "cycle[1].registration_before",
                "hơn một năm",
            ),
            (
                "[[cycle]]\nsource = \"x\"\n",
                1,
                "cycle[1].year",
                "thiếu năm",
            ),
            (
                "[[phase]]\nname = \"Đợt 1\"\nreview = \"sơ kết\"\nfrom = \"10/2018\"\nto = \"10/2016\"\nreview_before = \"01/10/2018\"\n",
                5,
                "phase[1].to",
                "trước khi bắt đầu",
            ),
        ];
        for (text, line, key, part) in cases {
            let (l, k, message) = refuse(text);
            assert_eq!((l, k.as_str()), (Some(line), key), "{text}\n{message}");
            assert!(message.contains(part), "{text}\n{message}");
        }
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let (line, key, message) = refuse("[committee]\nname = Đảng bộ\n");
        assert_eq!((line, key.as_str()), (Some(2), ""));
        assert!(message.contains("ngoặc kép"), "{message}");
        let (line, key, message) = refuse("[committee]\nplace = \"Huế\"\nplace = \"Vinh\"\n");
        assert_eq!((line, key.as_str()), (Some(3), "place"));
        assert!(message.contains("đã có ở trên"), "{message}");
    }

    #[test]
    fn discover_prefers_the_explicit_file_then_the_nearest_parent() {
        let root = tempfile::tempdir().unwrap();
        let workspace = root.path().join("workspace");
        let inbox = workspace.join("2024/dang-ky");
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(workspace.join(FILE_NAME), "[committee]\nplace = \"Huế\"\n").unwrap();
        let found = Config::discover(None, &inbox).unwrap();
        assert_eq!(found.committee.place, "Huế");
        assert!(found.path.unwrap().ends_with("workspace/dvk.toml"));

        let other = root.path().join("other.toml");
        std::fs::write(&other, "[committee]\nplace = \"Vinh\"\n").unwrap();
        let explicit = Config::discover(Some(&other), &inbox).unwrap();
        assert_eq!(explicit.committee.place, "Vinh");

        let missing = Config::discover(Some(&root.path().join("nope.toml")), &inbox);
        assert!(missing
            .unwrap_err()
            .to_string()
            .contains("không có tệp này"));
    }

    #[test]
    fn discover_without_a_file_is_built_in() {
        let root = tempfile::tempdir().unwrap();
        // A temporary folder has no dvk.toml above it, unless the machine put one there.
        if root.path().ancestors().any(|a| a.join(FILE_NAME).is_file()) {
            return;
        }
        assert_eq!(
            Config::discover(None, root.path()).unwrap(),
            Config::builtin()
        );
    }

    #[test]
    fn show_names_everything_a_clerk_checks() {
        let config = Config::builtin();
        let text = config.show(2024);
        for line in [
            "Cấu hình: có sẵn trong dvk (không có tệp dvk.toml)",
            "Quy tắc năm 2024: Công văn 821-CV/ĐUK (có sẵn trong dvk)",
            "- Đăng ký: trước ngày 26/02/2024",
            "- Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2025",
            "- Mỗi chi bộ: ít nhất 1 mô hình tập thể và 1 điển hình cá nhân",
            "- Công nhận: biểu quyết trên 50% số phiếu tán thành; tự xếp loại từ «Tốt» trở lên (các mức: Xuất sắc, Tốt, Khá, Đạt, Không đạt)",
            "- Giai đoạn: năm 2024 không thuộc giai đoạn nào đã khai báo",
            "Lĩnh vực (6): Kinh tế; Văn hóa – xã hội; Quốc phòng – an ninh; Xây dựng hệ thống chính trị; Cải cách hành chính; Phổ biến giáo dục pháp luật",
            "Đảng bộ: Đảng bộ Sở Tư pháp, trực thuộc Đảng ủy Khối các cơ quan tỉnh",
            "- Ký: T/M BAN CHẤP HÀNH / BÍ THƯ / (chưa ghi họ tên)",
        ] {
            assert!(text.lines().any(|l| l == line), "missing «{line}» in:\n{text}");
        }
        let text = config.show(2031);
        assert!(text.contains(
            "Quy tắc năm 2031: quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP), vì chưa có văn bản nào quy định riêng năm 2031"
        ));
        assert!(config.show(2017).contains("- Giai đoạn: Đợt 1 (10/2016 – 10/2018; các năm 2016–2017): sơ kết trước ngày 01/10/2018"));
    }

    /// The example of README.md spells out the built-in values: reading it changes nothing
    /// but the origin of the cycles.
    #[test]
    fn the_readme_example_is_the_built_in_configuration() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## Configuration (dvk.toml)")
            .nth(1)
            .expect("README has a Configuration section");
        let example = section
            .split("```toml\n")
            .nth(1)
            .and_then(|s| s.split("```").next())
            .expect("the section has a toml example");
        assert_is_builtin(&parse(example));
    }
}
