//! `dvk init DIR`: make the office's workspace ([`crate::workspace`]) and say what to do next.

use std::path::PathBuf;

use clap::Args;

use super::cycle_year;
use crate::error::Result;
use crate::output::terminal::{init_text, print};
use crate::rules::config::{Config, FILE_NAME};
use crate::workspace;

/// Arguments of `dvk init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục làm việc cần tạo (tạo mới nếu chưa có; tệp đã có được giữ nguyên).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Năm thi đua của hộp thư và biểu mẫu (mặc định: năm nay).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

/// Runs `dvk init DIR`.
pub fn run(args: InitArgs) -> Result<i32> {
    let year = cycle_year(args.year)?;
    let done = workspace::init(&args.dir, year)?;
    let config = Config::load(&args.dir.join(FILE_NAME))?;
    print(&init_text(&args.dir, year, &config, &done))?;
    Ok(0)
}
