//! `dvk feedback`: the return slip of each unit for a cycle year ([`crate::figures::feedback`]),
//! written per unit as a workbook, a Word letter and a text body ([`crate::output::feedback`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::{check_files, current_dir, refuse_input_as_output, shown, use_workspace, CommonArgs};
use crate::collect::receipts::Receipts;
use crate::error::{Error, Result};
use crate::figures::feedback::{self, Received};
use crate::figures::missing;
use crate::output::feedback::{slip_stem, SlipLetter};
use crate::output::{self, terminal::print};
use crate::workspace;

/// Arguments of `dvk feedback`.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// Năm thi đua (năm đăng ký).
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Thư mục ghi phiếu phản hồi (mặc định, trong thư mục làm việc: phan-hoi/NĂM).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Ngày các chi bộ phải gửi lại hồ sơ đã sửa, ghi trong phiếu (mặc định: 7 ngày sau ngày
    /// tính).
    #[arg(long, value_name = "DATE", value_parser = super::parse_as_of)]
    pub reply_by: Option<NaiveDate>,
}

/// What the slip says the received day is taken from when the receipt log does not have the
/// file.
pub const MODIFICATION_TIME: &str = "thời điểm sửa tệp";

/// What the slip says the received day is taken from when the receipt log has the file.
pub const RECEIPT_LOG: &str = "sổ nhận hồ sơ";

/// The day a file was received: the receipt log's (`dvk intake`), else the day it was last
/// modified, each saying where it comes from.
fn received_day(receipts: &Receipts, path: &Path) -> Option<Received> {
    if let Some(date) = receipts.received_on(path) {
        return Some(Received {
            date,
            basis: RECEIPT_LOG.to_string(),
        });
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let local: chrono::DateTime<chrono::Local> = modified.into();
    Some(Received {
        date: local.date_naive(),
        basis: MODIFICATION_TIME.to_string(),
    })
}

/// Runs `dvk feedback`: exit code 1 when some finding is at error level.
pub fn run(mut args: FeedbackArgs) -> Result<i32> {
    let workspace = workspace::Paths::find(args.common.config.as_deref(), &current_dir())?;
    use_workspace(&mut args.common, false)?;
    let out = match (&args.out, &workspace) {
        (Some(out), _) => out.clone(),
        (None, Some((paths, _))) => shown(&paths.root.join("phan-hoi").join(args.year.to_string())),
        (None, None) => {
            return Err(Error::Usage(
                "thiếu --out THƯ_MỤC: cần biết ghi phiếu phản hồi vào đâu (trong thư mục làm việc thì mặc định là phan-hoi/NĂM)"
                    .to_string(),
            ))
        }
    };
    refuse_input_as_output(&out, &args.common)?;
    let (report, options, config) = check_files(&args.common, None)?;
    let roster = options.roster.as_ref().map(|(roster, _)| roster);
    let lacking = roster.map(|roster| {
        missing::missing(
            &report.models,
            roster,
            &options.rules,
            args.year,
            options.as_of,
        )
    });
    let receipts = match &workspace {
        Some((paths, _)) => Receipts::load(&paths.root)?,
        None => Receipts::default(),
    };
    let received =
        |file: &crate::pipeline::check_report::FileEntry| received_day(&receipts, &file.location);
    let (slips, unattributed) =
        feedback::slips(&report, roster, lacking.as_ref(), args.year, &received);
    std::fs::create_dir_all(&out).map_err(|e| Error::Output {
        path: out.clone(),
        reason: format!("không tạo được thư mục ({e})"),
    })?;
    let letter = SlipLetter {
        committee: &config.committee,
        send_to: &config.workspace.send_to,
        year: args.year,
        date: options.as_of,
        reply_by: args
            .reply_by
            .unwrap_or(options.as_of + chrono::Days::new(7)),
    };
    let mut taken = HashSet::new();
    let mut written = Vec::with_capacity(slips.len());
    for slip in &slips {
        let stem = crate::templates::unique_name(&slip_stem(&slip.unit, args.year), &mut taken);
        let path = |extension: &str| out.join(format!("{stem}.{extension}"));
        output::feedback::write_slip(slip, &letter, &path("xlsx"))?;
        output::word::write_slip_docx(slip, &letter, &path("docx"))?;
        output::feedback::write_slip_text(slip, &letter, &path("txt"))?;
        written.push(["xlsx", "docx", "txt"].map(|e| shown_string(&path(e))));
    }
    if args.common.json {
        print(&output::json::feedback_json(
            args.year,
            options.as_of,
            &shown_string(&out),
            &slips,
            &written,
            &unattributed,
        ))?;
    } else {
        print(&output::terminal::feedback_text(
            args.year,
            options.as_of,
            &out,
            &slips,
            &written,
            &unattributed,
        ))?;
    }
    Ok(if report.summary.errors > 0 { 1 } else { 0 })
}

fn shown_string(path: &Path) -> String {
    path.display().to_string()
}
