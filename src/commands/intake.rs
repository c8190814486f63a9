//! `dvk intake SOURCE…`: take in what the units sent — files, folders, `.zip` archives, `.eml`
//! e-mails — file each in the inbox and write it in the receipt log
//! ([`crate::collect::intake`]); print a summary per unit, or the JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::{load_config, parse_as_of, shown, with_aliases};
use crate::collect::intake::{self, IntakeOptions};
use crate::collect::receipts::Outcome;
use crate::error::{Error, Result};
use crate::judge::roster::Roster;
use crate::output::terminal::{print, warn};
use crate::pipeline::CheckOptions;
use crate::workspace;

/// Arguments of `dvk intake`.
#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Tệp, thư mục, tệp nén .zip hoặc thư .eml cần nhận (thư mục đọc cả thư mục con).
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<PathBuf>,
    /// Thư mục nhận hồ sơ khi không chạy trong thư mục làm việc: hộp thư DIR/hop-thu và sổ
    /// nhận hồ sơ DIR/so-nhan-ho-so.xlsx.
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Danh sách chi bộ (mặc định: danh sách của thư mục làm việc).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Tệp cấu hình dvk.toml (mặc định: dvk.toml ở thư mục hiện tại hoặc thư mục cha, nếu có).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ngày nhận ghi vào sổ cho mọi tệp lần này (YYYY-MM-DD hoặc dd/mm/yyyy), thay cho ngày
    /// của thư hoặc ngày sửa tệp.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub received: Option<NaiveDate>,
    /// In kết quả dạng JSON ra stdout thay cho văn bản.
    #[arg(long)]
    pub json: bool,
}

/// Runs `dvk intake`: exit code 1 when some file received has errors or could not be placed
/// (its unit or year unknown), 0 otherwise.
pub fn run(args: IntakeArgs) -> Result<i32> {
    let config = load_config(args.config.as_deref())?;
    let (root, inbox, workspace_roster) = match (&args.into, workspace::Paths::of(&config)) {
        (Some(dir), _) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::Output {
                path: dir.clone(),
                reason: format!("không tạo được thư mục ({e})"),
            })?;
            (dir.clone(), dir.join(&config.workspace.inbox), None)
        }
        (None, Some(paths)) => (paths.root, paths.inbox, Some(paths.roster)),
        (None, None) => {
            return Err(Error::Usage(
                "chưa biết lưu hồ sơ vào đâu: chạy dvk intake trong thư mục làm việc có dvk.toml (tạo bằng dvk init THƯ_MỤC), hoặc ghi --into THƯ_MỤC".to_string(),
            ))
        }
    };
    let mut check = CheckOptions::new(Vec::new());
    check.rules = config.rules.clone();
    check.domains = config.fields.clone();
    check.field_synonyms = config.field_synonyms.clone();
    check.committees = vec![
        config.committee.issuer.clone(),
        config.committee.organisation.clone(),
        config.committee.higher.clone(),
    ];
    let roster_path = args
        .roster
        .clone()
        .or(workspace_roster.filter(|p| p.exists()));
    if let Some(path) = roster_path {
        match Roster::load(&path) {
            Ok(roster) => {
                let roster = with_aliases(roster, &config)?;
                check.roster = Some((roster, shown(&path).display().to_string()));
            }
            Err(error) if args.roster.is_none() => {
                warn(&format!("{error}; chi bộ được nhận theo tên ghi trong tệp"))
            }
            Err(error) => return Err(error),
        }
    }
    let options = IntakeOptions {
        sources: args.sources.clone(),
        root: shown(&root),
        inbox: shown(&inbox),
        received: args.received,
        today: chrono::Local::now().date_naive(),
        check,
    };
    let intake = intake::run(&options)?;
    if args.json {
        print(&crate::output::intake::intake_json(&intake))?;
    } else {
        print(&crate::output::intake::intake_text(&intake))?;
    }
    let needs_work = intake
        .received
        .iter()
        .any(|r| r.outcome == Outcome::Unsorted || r.errors.is_some_and(|e| e > 0));
    Ok(if needs_work { 1 } else { 0 })
}
