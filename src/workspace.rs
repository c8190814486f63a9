//! `dvk init DIR`: a ready workspace for the office, and finding it again.
//!
//! A workspace is a folder with a `dvk.toml`; its `[workspace]` section names the rest,
//! relative to that folder (the built-in names are shown):
//!
//! ```text
//! DIR/
//!   dvk.toml                 every setting, commented in Vietnamese, the built-in rules written out
//!   danh-sach-chi-bo.xlsx    the roster form, to fill in: one cell a row
//!   hop-thu/2025/            the inbox: the files cells send, one folder per cycle year
//!   mau-bieu/                the forms to send the cells (dvk template)
//! ```
//!
//! Inside it (in DIR or any folder below), `dvk check`, `dvk missing` and `dvk report` need
//! no PATH: they read the inbox, with the roster ([`Paths::find`]). `init` never overwrites a
//! file: what exists is kept, and the run says so.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::atomic::write_new;
use crate::output::templates::template_workbook;
use crate::rules::config::{Config, FILE_NAME};
use crate::templates::{self, Existing, Outcome, Template};

/// The `dvk.toml` that `init` writes: every setting at its built-in value, each commented in
/// Vietnamese. Reading it gives the built-in configuration.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use dvk::rules::config::Config;
///
/// let config = Config::from_toml(dvk::workspace::DVK_TOML, Path::new("dvk.toml")).unwrap();
/// assert_eq!(config.committee, Config::builtin().committee);
/// assert_eq!(config.workspace, Config::builtin().workspace);
/// ```
pub const DVK_TOML: &str = r#"# dvk.toml: cấu hình của đảng bộ cho dvk. Khóa nào bỏ trống thì dùng giá trị có sẵn.
# Tệp do "dvk init" tạo; sửa bằng Notepad hoặc trình soạn thảo bất kỳ, lưu với bảng mã UTF-8.
# Dòng bắt đầu bằng # là ghi chú. Chạy "dvk config show --year 2025" để xem quy định của một năm.

[committee]
# Khối tiêu đề ở góc trái văn bản: tổ chức đảng cấp trên, rồi cấp ủy ban hành (in đậm).
higher = "Đảng bộ Khối các cơ quan tỉnh"
issuer = "Đảng ủy Sở Tư pháp"
# Tên đảng bộ in trên biểu mẫu của các chi bộ, trên dòng "CHI BỘ …".
organisation = "Đảng bộ Sở Tư pháp"
# Địa danh ở dòng "Đồng Hới, ngày … tháng … năm …".
place = "Đồng Hới"
# Chữ viết tắt của cấp ủy trong số văn bản: "Số 12-BC/ĐU" (báo cáo), "Số 15-CV/ĐU" (công văn).
abbreviation = "ĐU"
# Nơi nhận của báo cáo và của công văn đôn đốc.
report_recipients = [
    "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)",
    "Các chi bộ trực thuộc",
    "Lưu Văn phòng Đảng ủy",
]
reminder_recipients = ["Như trên", "Lưu Văn phòng Đảng ủy"]
# Mục IV của báo cáo Word (phương hướng, nhiệm vụ thời gian tới), mỗi dòng một đoạn.
report_tasks = ""
# Khối chữ ký: thẩm quyền, chức vụ, họ tên (để trống để ký tay).
signer_role = "T/M BAN CHẤP HÀNH"
signer_title = "BÍ THƯ"
signer_name = ""
# Các lĩnh vực được đăng ký mô hình, dùng chung cho cả đảng bộ.
# Biểu mẫu (dvk template) cho chọn lĩnh vực trong danh sách này.
fields = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
    "Cải cách hành chính",
    "Phổ biến giáo dục pháp luật",
]
# Cách viết khác của một lĩnh vực mà các chi bộ hay dùng. Viết tắt (VH-XH), đảo thứ tự
# (An ninh - Quốc phòng) và thêm chữ (Phát triển kinh tế) đã tự nhận ra; lĩnh vực không khớp
# vẫn được nhận, tính vào «Chưa xác định lĩnh vực». Bỏ dấu # để dùng, ví dụ:
# [committee.field_synonyms]
# "Kinh tế" = ["Sản xuất kinh doanh", "Giảm nghèo"]

# Tên khác của các đơn vị trong danh sách chi bộ: tên viết tắt, tên cũ của đơn vị đã đổi tên
# hoặc sáp nhập. Tiêu đề, tên tệp hay cột «Chi bộ» ghi tên khác được tính cho đơn vị đó.
# "Tên như trong danh sách" = ["Tên khác", "Tên cũ"]
[aliases]
# "Chi bộ Văn phòng Sở" = ["VP Sở", "Chi bộ Hành chính - Tổng hợp"]

# Trình bày văn bản: lề trang (mi-li-mét, từ 5 đến 50) của mọi văn bản dvk ghi ra (Excel, Word).
# Mặc định theo Hướng dẫn 36-HD/VPTW: trên 20, dưới 20, trái 30, phải 15.
[document]
margins_mm = { top = 20, bottom = 20, left = 30, right = 15 }

# Thư mục làm việc. Đường dẫn tính từ thư mục chứa tệp dvk.toml này.
[workspace]
# Danh sách chi bộ: bảng tính có cột «Tên chi bộ» (hoặc tệp văn bản, mỗi dòng một tên).
roster = "danh-sach-chi-bo.xlsx"
# Hộp thư: tệp các chi bộ gửi về, mỗi năm thi đua một thư mục con (hop-thu/2025).
# Đăng ký và tự đánh giá các mô hình của năm 2025 đều để trong hop-thu/2025.
inbox = "hop-thu"
# Biểu mẫu gửi các chi bộ (dvk template).
templates = "mau-bieu"
# Nơi các chi bộ gửi hồ sơ về, in trong trang hướng dẫn của biểu mẫu.
send_to = "Văn phòng Đảng ủy"

# Quy tắc mặc định: dùng cho năm không có [[cycle]] nào, và cho những khóa một [[cycle]] bỏ trống.
[default]
source = "Kế hoạch 61-KH/ĐUSTP"
# Ngày mở đăng ký và hạn đăng ký của năm chu kỳ.
registration_opens = "01/10"
# "_due": chậm nhất ngày đó (ngày đó vẫn đúng hạn); "_before": trước ngày đó (ngày đó đã muộn).
registration_due = "10/10"
# Hạn tự đánh giá, báo cáo kết quả: trước ngày 01/9 của năm sau.
self_assessment_before = "01/09 năm sau"
# Mỗi chi bộ ít nhất 1 mô hình tập thể và 1 điển hình cá nhân mỗi năm.
min_collective = 1
min_individual = 1

# Điều kiện công nhận (Kế hoạch 61-KH/ĐUSTP, mục 5).
[default.recognition]
# Số phiếu tán thành phải TRÊN tỉ lệ này: 0.5 là quá nửa (10/20 chưa đạt, 11/20 đạt).
vote_share_above = 0.5
# Các mức tự xếp loại, từ cao xuống thấp, đúng chữ chi bộ ghi.
ratings = ["Xuất sắc", "Tốt", "Khá", "Đạt", "Không đạt"]
# Mức thấp nhất được xét công nhận.
min_rating = "Tốt"

# Mỗi [[cycle]] là một văn bản: các năm nó áp dụng và những gì nó quy định.
# Có [[cycle]] trong tệp thì các chu kỳ có sẵn không dùng nữa.
# Năm mới có văn bản mới: thêm một [[cycle]], ví dụ year = 2025, registration_before = "15/03/2025".
[[cycle]]
years = "2016-2020"
source = "Kế hoạch 61-KH/ĐUSTP"
registration_opens = "01/10"
registration_due = "10/10"
self_assessment_before = "01/09 năm sau"
min_collective = 1
min_individual = 1

[[cycle]]
year = 2024
source = "Công văn 821-CV/ĐUK"
# "trước ngày 26/02/2024": ngày 26/02 đã là muộn. Không ghi ngày mở đăng ký.
registration_before = "26/02/2024"

# Các đợt sơ kết, tổng kết. Có [[phase]] trong tệp thì các đợt có sẵn không dùng nữa.
[[phase]]
name = "Đợt 1"
review = "sơ kết"
from = "10/2016"
to = "10/2018"
# Năm chu kỳ thuộc đợt, nếu muốn ghi rõ (mặc định tính theo tháng mở đăng ký).
years = "2016-2017"
review_before = "01/10/2018"

[[phase]]
name = "Đợt 2"
review = "tổng kết"
from = "10/2018"
to = "10/2020"
review_before = "01/09/2020"
"#;

/// Where the parts of a workspace are: see [`Paths::of`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The folder of `dvk.toml`.
    pub root: PathBuf,
    /// The roster.
    pub roster: PathBuf,
    /// The inbox: one folder per cycle year.
    pub inbox: PathBuf,
    /// The forms sent to the cells.
    pub templates: PathBuf,
}

impl Paths {
    /// The workspace of a configuration read from a file: its folder, and the parts its
    /// `[workspace]` names. `None` for the built-in configuration (no workspace).
    ///
    /// # Example
    ///
    /// ```
    /// use std::path::Path;
    /// use dvk::rules::config::Config;
    /// use dvk::workspace::Paths;
    ///
    /// assert_eq!(Paths::of(&Config::builtin()), None);
    /// let config = Config::from_toml("", Path::new("/vp/dvk.toml")).unwrap();
    /// let paths = Paths::of(&config).unwrap();
    /// assert_eq!(paths.inbox, Path::new("/vp/hop-thu"));
    /// ```
    pub fn of(config: &Config) -> Option<Paths> {
        let root = config.path.as_deref()?.parent()?.to_path_buf();
        let workspace = &config.workspace;
        Some(Paths {
            roster: root.join(&workspace.roster),
            inbox: root.join(&workspace.inbox),
            templates: root.join(&workspace.templates),
            root,
        })
    }

    /// The workspace the current folder is in: that of the `dvk.toml` given, or found in
    /// `start` or its nearest parent (as [`Config::discover`] finds it); `None` outside any.
    ///
    /// # Example
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// dvk::workspace::init(dir.path(), 2025).unwrap();
    /// let below = dir.path().join("hop-thu/2025");
    /// let (paths, _) = dvk::workspace::Paths::find(None, &below).unwrap().unwrap();
    /// assert_eq!(paths.root, dir.path().canonicalize().unwrap());
    /// ```
    pub fn find(explicit: Option<&Path>, start: &Path) -> Result<Option<(Paths, Config)>> {
        let config = Config::discover(explicit, start)?;
        Ok(Paths::of(&config).map(|paths| (paths, config)))
    }
}

/// Creates a workspace in `dir` for cycle year `year`, keeping every file that exists:
/// `dvk.toml`, the roster to fill in, the inbox folder of the year, and the cells' forms
/// of the year. When `dir` already has a `dvk.toml`, its settings (names, fields, rules)
/// are used. Returns what was created and what was kept, relative to `dir`.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let first = dvk::workspace::init(dir.path(), 2025).unwrap();
/// assert!(first.iter().all(|o| o.written));
/// assert!(dir.path().join("hop-thu/2025").is_dir());
/// let second = dvk::workspace::init(dir.path(), 2025).unwrap();
/// assert!(second.iter().all(|o| !o.written));
/// ```
pub fn init(dir: &Path, year: i32) -> Result<Vec<Outcome>> {
    create_folder(dir)?;
    let config_path = dir.join(FILE_NAME);
    let mut outcomes = vec![Outcome {
        path: PathBuf::from(FILE_NAME),
        written: write_new(&config_path, DVK_TOML.as_bytes())?,
    }];
    let config = Config::load(&config_path)?;
    let workspace = &config.workspace;
    outcomes.push(Outcome {
        path: workspace.roster.clone(),
        written: write_roster(&dir.join(&workspace.roster), year, &config)?,
    });
    let inbox = workspace.inbox.join(year.to_string());
    outcomes.push(Outcome {
        written: !dir.join(&inbox).is_dir(),
        path: inbox.clone(),
    });
    create_folder(&dir.join(&inbox))?;
    let forms = templates::plan(year, None, &Template::FOR_CELLS);
    let templates = templates::write_files(
        &dir.join(&workspace.templates),
        &forms,
        year,
        &config,
        Existing::Keep,
    )?;
    outcomes.extend(templates.into_iter().map(|o| Outcome {
        path: workspace.templates.join(o.path),
        written: o.written,
    }));
    Ok(outcomes)
}

fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::Output {
        path: folder.to_path_buf(),
        reason: format!("không tạo được thư mục ({e})"),
    })
}

/// The roster to fill in: the roster form, or for a roster named `.txt` (or any other
/// extension than a spreadsheet's) a text file with a comment on how to fill it.
fn write_roster(path: &Path, year: i32, config: &Config) -> Result<bool> {
    if let Some(folder) = path.parent() {
        create_folder(folder)?;
    }
    let is_workbook = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_workbook {
        let text = "# Danh sách chi bộ: mỗi dòng một tên, ví dụ: Chi bộ Văn phòng\n";
        return write_new(path, text.as_bytes());
    }
    if path.exists() {
        return Ok(false);
    }
    let book = templates::book(Template::Roster, year, config, None);
    let bytes = template_workbook(&book).map_err(crate::output::atomic::build_error(path))?;
    write_new(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_config_is_the_built_in_one() {
        let config = Config::from_toml(DVK_TOML, Path::new("dvk.toml")).expect("valid");
        crate::rules::config::assert_is_builtin(&config);
    }

    #[test]
    fn every_setting_is_commented() {
        // Each of these keys has a comment in the lines just above it (the block it is in).
        let lines: Vec<&str> = DVK_TOML.lines().collect();
        for key in ["roster", "inbox", "templates", "send_to", "fields", "place"] {
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{key} =")))
                .unwrap_or_else(|| panic!("{key} is written"));
            assert!(
                lines[..at]
                    .iter()
                    .rev()
                    .take_while(|l| !l.is_empty())
                    .any(|l| l.starts_with('#')),
                "{key}"
            );
        }
    }

    #[test]
    fn the_workspace_is_found_from_below() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let done = init(dir.path(), 2024).expect("init");
        let paths: Vec<String> = done.iter().map(|o| o.path.display().to_string()).collect();
        assert_eq!(
            paths,
            [
                "dvk.toml",
                "danh-sach-chi-bo.xlsx",
                "hop-thu/2024",
                "mau-bieu/M1_Đăng ký mô hình tập thể_2024.xlsx",
                "mau-bieu/M2_Đăng ký điển hình cá nhân_2024.xlsx",
                "mau-bieu/TĐG_Tự đánh giá mô hình, điển hình_2024.xlsx",
            ]
        );
        let (paths, config) = Paths::find(None, &dir.path().join("mau-bieu"))
            .expect("config")
            .expect("a workspace");
        assert!(paths.inbox.ends_with("hop-thu"));
        assert_eq!(config.committee.issuer, "Đảng ủy Sở Tư pháp");
    }

    #[test]
    fn a_text_roster_is_a_text_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[workspace]\nroster = \"chi-bo.txt\"\ninbox = \"ho-so\"\n",
        )
        .expect("write");
        let done = init(dir.path(), 2025).expect("init");
        assert!(!done[0].written, "dvk.toml is kept");
        assert!(done[1].written);
        let roster = std::fs::read_to_string(dir.path().join("chi-bo.txt")).expect("roster");
        assert!(roster.starts_with("# Danh sách chi bộ"));
        assert!(dir.path().join("ho-so/2025").is_dir());
    }
}
