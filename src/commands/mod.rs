//! One thin driver per command, as in xsv: each module defines its command's arguments and a
//! `run` that reads what the command needs ([`check_files`] runs the [`crate::pipeline`]),
//! computes what it shows, and hands it to [`crate::output`]. What the drivers share is here:
//! the options of the commands that read the units' files ([`CommonArgs`]), the workspace as
//! the default input, the config, and the rule that dvk never writes over what it reads.
//!
//! Every `run` returns the exit code: 0 no error-level finding, 1 some (or, for `missing`,
//! something overdue), and a failure of the run itself is an [`Error`] (exit code 2).

pub mod check;
pub mod config;
pub mod feedback;
pub mod init;
pub mod intake;
pub mod missing;
pub mod report;
pub mod template;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use crate::error::{Error, Result};
use crate::judge::roster::Roster;
use crate::output::terminal::warn;
use crate::pipeline::check_report::CheckReport;
use crate::pipeline::{self, CheckOptions};
use crate::rules::config::Config;
use crate::workspace;

/// Options shared by the commands that read the cells' files.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Tệp hoặc thư mục (đọc cả thư mục con). Bỏ trống khi chạy trong thư mục làm việc
    /// (dvk init): đọc hộp thư, với danh sách chi bộ của thư mục đó.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Danh sách chi bộ của đảng bộ (bảng tính có cột «Tên chi bộ», hoặc tệp văn bản mỗi dòng một tên).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Tệp cấu hình dvk.toml (mặc định: dvk.toml ở thư mục hiện tại hoặc thư mục cha, nếu có).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ngày dùng để xét đến hạn, quá hạn (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay).
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// In kết quả dạng JSON ra stdout thay cho văn bản.
    #[arg(long)]
    pub json: bool,
    /// Chỉ in những gì cần xử lý.
    #[arg(long, short)]
    pub quiet: bool,
}

pub(crate) fn parse_as_of(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| crate::recognize::values::parse_date_text(text).map_err(|e| e.to_string()))
        .map_err(|_| format!("«{text}» không phải ngày: ghi YYYY-MM-DD, ví dụ 2018-12-30"))
}

/// Inside a workspace, a command given no PATH reads the workspace's inbox, with its roster
/// when no `--roster` is given; outside one, no PATH is a usage error.
///
/// A roster not filled in yet is left out, with a note on stderr, unless the command
/// `needs_roster` (then reading it says what is wrong).
pub(crate) fn use_workspace(common: &mut CommonArgs, needs_roster: bool) -> Result<()> {
    if !common.paths.is_empty() {
        return Ok(());
    }
    let Some((paths, _)) = workspace::Paths::find(common.config.as_deref(), &current_dir())? else {
        return Err(Error::Usage(
            "thiếu PATH: ghi tệp hoặc thư mục cần đọc, hoặc chạy lệnh trong thư mục làm việc có dvk.toml (tạo bằng dvk init THƯ_MỤC)"
                .to_string(),
        ));
    };
    if !paths.inbox.is_dir() {
        return Err(Error::Usage(format!(
            "thư mục làm việc {} chưa có hộp thư {}: chạy dvk init {} để tạo, hoặc ghi PATH",
            shown(&paths.root).display(),
            shown(&paths.inbox).display(),
            shown(&paths.root).display()
        )));
    }
    common.paths = vec![shown(&paths.inbox)];
    if common.roster.is_some() || !paths.roster.exists() {
        return Ok(());
    }
    let roster = shown(&paths.roster);
    match Roster::load(&roster) {
        Err(error) if !needs_roster => {
            warn(&format!(
                "{error}; kiểm tra không đối chiếu danh sách chi bộ"
            ));
        }
        _ => common.roster = Some(roster),
    }
    Ok(())
}

pub(crate) fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// A path as the user sees it: relative to the current folder when it is inside it.
pub(crate) fn shown(path: &Path) -> PathBuf {
    let here = current_dir();
    let here = dunce::canonicalize(&here).unwrap_or(here);
    match path.strip_prefix(&here) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

/// A cycle year from the command line, or this year.
pub(crate) fn cycle_year(year: Option<i32>) -> Result<i32> {
    use chrono::Datelike;
    let year = year.unwrap_or_else(|| chrono::Local::now().year());
    if !(1990..=2100).contains(&year) {
        return Err(Error::Usage(format!(
            "năm {year} không hợp lệ: cần năm từ 1990 đến 2100, ví dụ --year 2025"
        )));
    }
    Ok(year)
}

pub(crate) fn load_config(explicit: Option<&Path>) -> Result<Config> {
    let config = Config::discover(explicit, &current_dir())?;
    for note in &config.notes {
        warn(note);
    }
    Ok(config)
}

/// Reads and checks every file, with the config and roster the options name.
pub(crate) fn check_files(
    common: &CommonArgs,
    default_as_of: Option<NaiveDate>,
) -> Result<(CheckReport, CheckOptions, Config)> {
    let config = load_config(common.config.as_deref())?;
    let mut options = CheckOptions::new(common.paths.clone());
    options.rules = config.rules.clone();
    options.domains = config.fields.clone();
    options.field_synonyms = config.field_synonyms.clone();
    options.progress =
        !common.quiet && !common.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
    if let Some(as_of) = common.as_of.or(default_as_of) {
        options.as_of = as_of;
    }
    options.committees = vec![
        config.committee.issuer.clone(),
        config.committee.organisation.clone(),
        config.committee.higher.clone(),
    ];
    if let Some(path) = &common.roster {
        let roster = with_aliases(Roster::load(path)?, &config)?;
        options.roster = Some((roster, path.display().to_string()));
    }
    // The receipt log dates the forms that carry no date of their own.
    if let Some(paths) = workspace::Paths::of(&config) {
        match crate::collect::receipts::Receipts::load(&paths.root) {
            Ok(receipts) if !receipts.rows.is_empty() => options.receipts = Some(receipts),
            Ok(_) => {}
            Err(error) => warn(&format!(
                "{error}; ngày nhận hồ sơ không được dùng để xét đúng hạn"
            )),
        }
    }
    let report = pipeline::run(&options)?;
    Ok((report, options, config))
}

/// The roster with the other names `dvk.toml` gives its units (`[aliases]`).
pub(crate) fn with_aliases(mut roster: Roster, config: &Config) -> Result<Roster> {
    for (unit, others) in &config.aliases {
        for other in others {
            roster
                .add_alias(unit, other)
                .map_err(|reason| Error::Config {
                    path: config.path.clone().unwrap_or_default(),
                    line: None,
                    key: format!("aliases.{unit}"),
                    reason,
                })?;
        }
    }
    Ok(roster)
}

/// dvk never writes over a file it reads: the output must not be one of the inputs, the
/// roster or the config, nor lie inside a folder it reads, even as a file that does not exist
/// yet (the next run would read it as a unit's file). And it writes only onto a regular file
/// or a new path (or into a folder, for the commands that write one): a pipe or a device
/// would be replaced by the renamed output, or block it.
pub(crate) fn refuse_input_as_output(out: &Path, common: &CommonArgs) -> Result<()> {
    if let Ok(metadata) = std::fs::metadata(out) {
        if !metadata.is_file() && !metadata.is_dir() {
            return Err(Error::Usage(format!(
                "{} không phải tệp thường (ống dẫn hay thiết bị): dvk chỉ ghi ra tệp, hãy chọn tên tệp khác",
                out.display()
            )));
        }
    }
    let Some(out) = resolved(out) else {
        return Ok(()); // its folder does not exist either: the writer says so
    };
    let inputs = common
        .paths
        .iter()
        .chain(&common.roster)
        .chain(&common.config);
    for input in inputs {
        let Ok(input) = dunce::canonicalize(input) else {
            continue;
        };
        if out == input || out.starts_with(&input) {
            return Err(Error::Usage(format!(
                "tệp kết quả {} nằm trong dữ liệu đầu vào {}: dvk không ghi vào nơi nó đọc, hãy chọn nơi khác",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Where a path leads, links resolved: the path itself when it exists, else its nearest
/// existing folder resolved, with the rest of the path joined (the writer may create the
/// folders in between); `None` when no part of it exists.
fn resolved(path: &Path) -> Option<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        current_dir().join(path)
    };
    let mut rest = Vec::new();
    let mut existing = path.as_path();
    loop {
        if let Ok(found) = dunce::canonicalize(existing) {
            return Some(rest.iter().rev().fold(found, |path, part| path.join(part)));
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}
