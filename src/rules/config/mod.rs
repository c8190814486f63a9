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
//! issuer = "Đảng ủy Sở Tư pháp"  # in bold, under the higher organisation
//! higher = "Đảng bộ Khối các cơ quan tỉnh"
//! organisation = "Đảng bộ Sở Tư pháp"   # over "CHI BỘ …" on the cells' forms
//! place = "Đồng Hới"
//! abbreviation = "ĐU"             # "Số 12-BC/ĐU" (report), "-CV/ĐU" (letter)
//! report_recipients = ["Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"]
//! reminder_recipients = ["Như trên", "Lưu Văn phòng Đảng ủy"]
//! signer_role = "T/M BAN CHẤP HÀNH"
//! signer_title = "BÍ THƯ"
//! signer_name = ""
//! fields = ["Kinh tế", "Văn hóa – xã hội"]
//!
//! [committee.field_synonyms]      # other names of a field, as the units write them
//! "Kinh tế" = ["Sản xuất kinh doanh", "Giảm nghèo"]
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
//! - **Fields** are matched tolerantly ([`crate::recognize::values::FieldList::find`]: case,
//!   diacritics, dashes, initials, parts in another order, words around the field's);
//!   `[committee.field_synonyms]` adds other names of a configured field (a key that is not one
//!   of `fields` is refused).
//! - Keys of arrays of tables count from 1 in messages: `cycle[1]` is the first `[[cycle]]`.
//! - **Aliases**: `[aliases]` gives units other names, `"Chi bộ Văn phòng Sở" = ["VP Sở",
//!   "Chi bộ Hành chính"]` (the unit as the roster writes it = its abbreviations, the old names
//!   of units renamed or merged into it): rows and headings written with them count for the
//!   unit.
//! - **Workspace**: `[workspace]` names the parts of a workspace made by `dvk init`, relative
//!   to the file's folder: `roster`, `inbox`, `templates`; and `send_to`, where cells send
//!   their files ([`Workspace`]).

mod sections;
mod show;
mod toml_reader;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::rules::Rules;

/// The name of the configuration file dvk looks for.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::rules::config::FILE_NAME, "dvk.toml");
/// ```
pub const FILE_NAME: &str = "dvk.toml";

/// The fields (lĩnh vực) of the built-in configuration: the four of the movement (Kinh tế, Văn
/// hóa – xã hội, Quốc phòng – an ninh, Xây dựng hệ thống chính trị) and the two a justice
/// department adds. The one list of built-in fields: everything else takes
/// [`Config::builtin`]`().fields`; the `dvk.toml` of `dvk init` spells it out (a test checks).
const BUILTIN_FIELDS: [&str; 6] = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
    "Cải cách hành chính",
    "Phổ biến giáo dục pháp luật",
];

/// The committee, as its documents name it (Hướng dẫn 36-HD/VPTW: the header block, place and
/// date line, number, «Nơi nhận», signature block).
///
/// # Example
///
/// ```
/// use dvk::rules::config::Committee;
///
/// let committee = Committee::builtin();
/// assert_eq!(committee.issuer, "Đảng ủy Sở Tư pháp");
/// assert_eq!(committee.higher, "Đảng bộ Khối các cơ quan tỉnh");
/// assert_eq!(committee.report_recipients[0], "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committee {
    /// The committee that issues the documents, in bold under the higher organisation:
    /// "Đảng ủy Sở Tư pháp" (key `issuer`).
    pub issuer: String,
    /// The higher organisation, the first line of the header block: "Đảng bộ Khối các cơ quan
    /// tỉnh" (key `higher`).
    pub higher: String,
    /// The Party organisation the cells belong to, the first line of their forms: "Đảng bộ Sở
    /// Tư pháp" (key `organisation`; by default the issuer's name with "Đảng bộ" for "Đảng
    /// ủy").
    pub organisation: String,
    /// The place of the date line: "Đồng Hới, ngày … tháng … năm …".
    pub place: String,
    /// The issuer's abbreviation after the kind in a number: "ĐU" in "Số 12-BC/ĐU".
    pub abbreviation: String,
    /// The first line of the signature block: "T/M BAN THƯỜNG VỤ", "T/M BAN CHẤP HÀNH".
    pub signer_role: String,
    /// The signer's title: "BÍ THƯ", "PHÓ BÍ THƯ".
    pub signer_title: String,
    /// The signer's name; empty to leave the line for a hand-written name.
    pub signer_name: String,
    /// «Nơi nhận» of the report (by default the standing committee of the higher
    /// organisation, the cells, the office's file).
    pub report_recipients: Vec<String>,
    /// «Nơi nhận» of the reminder letter ("Như trên", the office's file).
    pub reminder_recipients: Vec<String>,
    /// The tasks ahead, section IV of the Word report: the office's text, one paragraph a
    /// line; empty by default.
    pub report_tasks: String,
    /// The page margins of its documents, every workbook and Word document dvk writes
    /// (`[document] margins_mm` of `dvk.toml`).
    pub margins: Margins,
}

/// Page margins in millimetres (`[document] margins_mm`); by default those of Hướng dẫn
/// 36-HD/VPTW: top and bottom 20, left 30, right 15.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use dvk::rules::config::{Config, Margins};
///
/// assert_eq!(Margins::GUIDANCE.left, 30.0);
/// let text = "[document]\nmargins_mm = { top = 25, left = 35 }\n";
/// let config = Config::from_toml(text, Path::new("dvk.toml")).unwrap();
/// assert_eq!(config.committee.margins, Margins { top: 25.0, left: 35.0, ..Margins::GUIDANCE });
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top margin, mm.
    pub top: f64,
    /// Bottom margin, mm.
    pub bottom: f64,
    /// Left margin, mm.
    pub left: f64,
    /// Right margin, mm.
    pub right: f64,
}

// The margins read from dvk.toml are finite numbers (checked when read): equality is total.
impl Eq for Margins {}

impl Margins {
    /// Hướng dẫn 36-HD/VPTW: top and bottom 20 mm, left 30 mm, right 15 mm.
    pub const GUIDANCE: Margins = Margins {
        top: 20.0,
        bottom: 20.0,
        left: 30.0,
        right: 15.0,
    };

    /// The smallest and largest margin accepted, mm.
    pub const RANGE_MM: std::ops::RangeInclusive<f64> = 5.0..=50.0;
}

impl Default for Margins {
    fn default() -> Self {
        Margins::GUIDANCE
    }
}

/// "Đảng bộ X" for "Đảng ủy X" (the organisation of a committee), or `name` itself.
pub(super) fn organisation_of(name: &str) -> String {
    swap_prefix(name, "Đảng ủy", "Đảng bộ")
}

/// "Đảng ủy X" for "Đảng bộ X" (the committee of an organisation), or `name` itself.
pub(super) fn committee_of(name: &str) -> String {
    swap_prefix(name, "Đảng bộ", "Đảng ủy")
}

fn swap_prefix(name: &str, from: &str, to: &str) -> String {
    let folded = crate::text::fold(name);
    if folded.starts_with(&crate::text::fold(from)) {
        let rest: String = name.chars().skip(from.chars().count()).collect();
        format!("{to}{rest}")
    } else {
        name.to_string()
    }
}

impl Committee {
    /// The committee of the seed documents, Đảng ủy Sở Tư pháp under Đảng bộ Khối các cơ quan
    /// tỉnh, with no signer's name.
    pub fn builtin() -> Self {
        Committee {
            issuer: "Đảng ủy Sở Tư pháp".to_string(),
            higher: "Đảng bộ Khối các cơ quan tỉnh".to_string(),
            organisation: "Đảng bộ Sở Tư pháp".to_string(),
            place: "Đồng Hới".to_string(),
            abbreviation: "ĐU".to_string(),
            signer_role: "T/M BAN CHẤP HÀNH".to_string(),
            signer_title: "BÍ THƯ".to_string(),
            signer_name: String::new(),
            report_recipients: default_report_recipients("Đảng bộ Khối các cơ quan tỉnh"),
            reminder_recipients: vec!["Như trên".to_string(), "Lưu Văn phòng Đảng ủy".to_string()],
            report_tasks: String::new(),
            margins: Margins::GUIDANCE,
        }
    }
}

/// The default «Nơi nhận» of a report to the higher organisation `higher`: its standing
/// committee "(để báo cáo)", the cells, the office's file.
pub(super) fn default_report_recipients(higher: &str) -> Vec<String> {
    vec![
        format!("Ban Thường vụ {} (để báo cáo)", committee_of(higher)),
        "Các chi bộ trực thuộc".to_string(),
        "Lưu Văn phòng Đảng ủy".to_string(),
    ]
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
/// assert_eq!(config.committee.issuer, "Đảng ủy Sở Tư pháp"); // not in the file: built in
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The committee.
    pub committee: Committee,
    /// The rules of each cycle year and the phases.
    pub rules: Rules,
    /// The fields (lĩnh vực) models may be registered in, for the whole committee.
    pub fields: Vec<String>,
    /// Other names of some fields, as the committee's units write them
    /// (`[committee.field_synonyms]`): each pair is a configured field and its other names.
    pub field_synonyms: Vec<(String, Vec<String>)>,
    /// The workspace layout (`[workspace]`).
    pub workspace: Workspace,
    /// Other names of the roster's units (`[aliases]`): each unit's name as the roster writes
    /// it, with its abbreviations and the old names of units renamed or merged into it.
    pub aliases: Vec<(String, Vec<String>)>,
    /// Where the configuration was read; `None` for the built-in one.
    pub path: Option<PathBuf>,
    /// What the file should change though dvk still reads it: keys renamed (`name`,
    /// `number_prefix`), in Vietnamese, for the terminal.
    pub notes: Vec<String>,
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
            fields: BUILTIN_FIELDS.map(String::from).to_vec(),
            field_synonyms: Vec::new(),
            workspace: Workspace::builtin(),
            aliases: Vec::new(),
            path: None,
            notes: Vec::new(),
        }
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
        // dunce: on Windows the plain C:\… spelling, not std's verbatim \\?\C:\… (the
        // workspace's paths are shown to the user).
        let start = dunce::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        for folder in start.ancestors() {
            let candidate = folder.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::builtin())
    }
}

/// Asserts that a configuration is the built-in one but for the origin of its cycles (a
/// dvk.toml that writes the built-in rules out gives cycles "from the config").
#[cfg(test)]
pub(crate) fn assert_is_builtin(config: &Config) {
    use crate::rules::RuleOrigin;
    let builtin = Config::builtin();
    assert_eq!(config.committee, builtin.committee);
    assert_eq!(config.fields, builtin.fields);
    assert_eq!(config.workspace, builtin.workspace);
    assert_eq!(config.aliases, builtin.aliases);
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
    use crate::rules::{Deadline, RuleOrigin};
    use chrono::NaiveDate;

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
    fn aliases_give_units_other_names() {
        let config = parse(
            "[aliases]\n\"Chi bộ Văn phòng Sở\" = [\"VP Sở\", \"Chi bộ Hành chính\"]\n\"Đảng bộ Công ty May\" = \"Cty May\"\n",
        );
        assert_eq!(
            config.aliases,
            vec![
                (
                    "Chi bộ Văn phòng Sở".to_string(),
                    vec!["VP Sở".to_string(), "Chi bộ Hành chính".to_string()]
                ),
                (
                    "Đảng bộ Công ty May".to_string(),
                    vec!["Cty May".to_string()]
                ),
            ]
        );
        let (line, key, _) = refuse("[aliases]\n\"Chi bộ A\" = 3\n");
        assert_eq!((line, key.as_str()), (Some(2), "aliases.Chi bộ A"));
        assert!(parse("[aliases]\n").aliases.is_empty());
    }

    #[test]
    fn a_partial_file_keeps_the_built_ins() {
        let config = parse("[committee]\nsigner_name = \"Nguyễn Văn A\"\n");
        let builtin = Config::builtin();
        assert_eq!(config.committee.signer_name, "Nguyễn Văn A");
        assert_eq!(config.committee.issuer, builtin.committee.issuer);
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
    fn field_synonyms_name_a_configured_field() {
        let text = "[committee]\nfields = [\"Kinh tế\", \"Văn hóa – xã hội\"]\n\n[committee.field_synonyms]\n\"kinh te\" = [\"Sản xuất kinh doanh\"]\n";
        let config = Config::from_toml(text, Path::new("dvk.toml"));
        let synonyms = config.map(|c| c.field_synonyms).unwrap_or_default();
        assert_eq!(
            synonyms,
            [(
                "Kinh tế".to_string(),
                vec!["Sản xuất kinh doanh".to_string()]
            )]
        );
        let (line, key, message) =
            refuse("[committee.field_synonyms]\n\"Y tế\" = [\"Sức khỏe\"]\n");
        assert_eq!(
            (line, key.as_str()),
            (Some(2), "committee.field_synonyms.Y tế")
        );
        assert!(message.contains("không phải lĩnh vực"), "{message}");
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
    /// The example of README.md spells out the built-in values: reading it changes nothing
    /// but the origin of the cycles.
    #[test]
    fn the_old_committee_keys_are_read_with_a_note() {
        let config = parse(
            "[committee]\nname = \"Đảng bộ Sở Y tế\"\nnumber_prefix = \"KH/ĐUSYT\"\nhigher = \"Đảng bộ Khối Tỉnh\"\n",
        );
        let committee = &config.committee;
        assert_eq!(committee.issuer, "Đảng ủy Sở Y tế");
        assert_eq!(committee.organisation, "Đảng bộ Sở Y tế");
        assert_eq!(committee.abbreviation, "ĐUSYT");
        assert_eq!(
            committee.report_recipients[0],
            "Ban Thường vụ Đảng ủy Khối Tỉnh (để báo cáo)"
        );
        assert_eq!(config.notes.len(), 2, "{:?}", config.notes);
        assert!(config.notes[0].contains("issuer = \"Đảng ủy Sở Y tế\""));
        assert!(config.notes[1].contains("abbreviation = \"ĐUSYT\""));
        let new = parse("[committee]\nissuer = \"Đảng ủy Sở Y tế\"\n");
        assert_eq!(new.committee.organisation, "Đảng bộ Sở Y tế");
        assert!(new.notes.is_empty());
    }

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
