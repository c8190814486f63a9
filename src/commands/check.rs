//! `dvk check`: read, recognize and validate every workbook under the paths given, and say
//! what is wrong, file by file ([`crate::pipeline::run`]); with `--out`, the findings workbook.

use std::path::PathBuf;

use clap::Args;

use super::{check_files, refuse_input_as_output, use_workspace, CommonArgs};
use crate::error::Result;
use crate::output::{self, terminal::print};
use crate::pipeline::memory::free_at_exit;

/// Arguments of `dvk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Ghi kết quả ra bảng tính Excel (.xlsx) để lọc, in và gửi lại chi bộ.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
}

/// Runs `dvk check`: exit code 1 when some finding is at error level.
pub fn run(mut args: CheckArgs) -> Result<i32> {
    use_workspace(&mut args.common, false)?;
    if let Some(out) = &args.out {
        refuse_input_as_output(out, &args.common)?;
    }
    let (report, _, config) = check_files(&args.common, None)?;
    if let Some(out) = &args.out {
        output::workbook::write_findings(&report, out, &config.committee.margins)?;
    }
    if args.common.json {
        print(&output::json::check_json(&report))?;
    } else {
        print(&output::terminal::render(
            &report,
            args.common.quiet,
            output::terminal::stdout_palette(),
        ))?;
    }
    let code = if report.has_errors() { 1 } else { 0 };
    free_at_exit(report);
    Ok(code)
}
