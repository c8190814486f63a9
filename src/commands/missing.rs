//! `dvk missing`: for a cycle year, what each roster unit still lacks as of a date
//! ([`crate::figures::missing`]); with `--out`, the reminder list to print and send.

use std::path::PathBuf;

use clap::Args;

use super::{check_files, refuse_input_as_output, use_workspace, CommonArgs};
use crate::error::{Error, Result};
use crate::figures::missing;
use crate::output::{self, terminal::print};

/// Arguments of `dvk missing`.
#[derive(Debug, Args)]
pub struct MissingArgs {
    /// Năm thi đua (năm đăng ký).
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Ghi công văn đôn đốc ra bảng tính Excel (.xlsx) và tệp Word (.docx) cùng tên, sẵn để
    /// in; một tệp .docx: chỉ ghi bản Word.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
    /// Số công văn (in «Số 15-CV/ĐU»); bỏ trống để Văn phòng ghi tay.
    #[arg(long, value_name = "SỐ")]
    pub number: Option<String>,
    /// Ngày các chi bộ phải gửi hồ sơ còn thiếu, ghi trong công văn (mặc định: 7 ngày sau
    /// ngày tính).
    #[arg(long, value_name = "DATE", value_parser = super::parse_as_of)]
    pub reply_by: Option<chrono::NaiveDate>,
}

/// Runs `dvk missing`: a roster is required; exit code 1 when something is overdue.
pub fn run(mut args: MissingArgs) -> Result<i32> {
    use_workspace(&mut args.common, true)?;
    if let Some(out) = &args.out {
        refuse_input_as_output(out, &args.common)?;
    }
    if args.common.roster.is_none() {
        return Err(Error::Usage(
            "dvk missing cần danh sách chi bộ để biết chi bộ nào còn thiếu: thêm --roster FILE"
                .to_string(),
        ));
    }
    let (report, options, config) = check_files(&args.common, None)?;
    // The roster was asked for above; a check always loads the one it is given.
    let Some((roster, _)) = &options.roster else {
        return Err(Error::Internal(
            "danh sách chi bộ không được nạp".to_string(),
        ));
    };
    let answer = missing::missing(
        &report.models,
        roster,
        &options.rules,
        args.year,
        options.as_of,
    );
    if let Some(out) = &args.out {
        let letter = output::reminders::Letter {
            committee: &config.committee,
            number: args.number.as_deref(),
            send_to: &config.workspace.send_to,
            reply_by: args
                .reply_by
                .unwrap_or(options.as_of + chrono::Days::new(7)),
        };
        // FILE.docx: the letter in Word alone; otherwise the workbook and the Word letter
        // beside it.
        if out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            output::word::write_letter_docx(&answer, &letter, out)?;
        } else {
            let docx = out.with_extension("docx");
            refuse_input_as_output(&docx, &args.common)?;
            output::reminders::write_reminders(&answer, &letter, out)?;
            output::word::write_letter_docx(&answer, &letter, &docx)?;
        }
    }
    if args.common.json {
        print(&output::json::missing_json(&answer))?;
    } else {
        print(&output::terminal::missing_text(&answer))?;
    }
    Ok(if answer.has_overdue() { 1 } else { 0 })
}
