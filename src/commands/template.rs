//! `dvk template`: write the forms the committee sends its units ([`crate::templates`]
//! decides what each holds), into the folder given or the workspace's forms folder.

use std::path::PathBuf;

use clap::Args;

use super::{current_dir, cycle_year, shown};
use crate::error::{Error, Result};
use crate::judge::roster::Roster;
use crate::output::terminal::{print, template_text, warn};
use crate::rules::config::Config;
use crate::templates;
use crate::workspace;

/// Arguments of `dvk template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Thư mục ghi biểu mẫu (mặc định, trong thư mục làm việc: thư mục biểu mẫu của nó).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Năm thi đua ghi trên biểu mẫu (mặc định: năm nay).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Danh sách chi bộ: thêm một bộ biểu mẫu riêng cho từng chi bộ, tên chi bộ ghi sẵn.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Tệp cấu hình dvk.toml (mặc định: dvk.toml ở thư mục hiện tại hoặc thư mục cha, nếu có).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs `dvk template`: into `--out`, or the workspace's forms folder.
pub fn run(args: TemplateArgs) -> Result<i32> {
    let year = cycle_year(args.year)?;
    let workspace = workspace::Paths::find(args.config.as_deref(), &current_dir())?;
    let (out, config) = match (args.out, workspace) {
        (Some(out), Some((_, config))) => (out, config),
        (Some(out), None) => (out, Config::builtin()),
        (None, Some((paths, config))) => (shown(&paths.templates), config),
        (None, None) => {
            return Err(Error::Usage(
                "thiếu --out THƯ_MỤC: cần biết ghi biểu mẫu vào đâu (trong thư mục làm việc thì mặc định là thư mục biểu mẫu)"
                    .to_string(),
            ))
        }
    };
    let roster = args.roster.as_deref().map(Roster::load).transpose()?;
    if let Some(roster) = &roster {
        for name in templates::unreadable_units(year, &config, roster) {
            warn(&format!(
                "tên «{name}» ở tiêu đề biểu mẫu dvk không đọc ra tên chi bộ (trùng tên Đảng bộ hoặc cấp ủy cấp trên trong dvk.toml): tệp chi bộ này gửi về sẽ báo thiếu tên chi bộ; nên sửa tên trong danh sách"
            ));
        }
    }
    let files = templates::plan(year, roster.as_ref(), &templates::Template::ALL);
    let done = templates::write_files(&out, &files, year, &config, templates::Existing::Replace)?;
    print(&template_text(
        &out,
        year,
        &done,
        &config.rules.for_year(year),
    ))?;
    Ok(0)
}
