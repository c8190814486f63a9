//! `dvk report`: the consolidated yearly report (due 30/12) or the phase review, from the
//! checked rows: the figures ([`crate::figures::report`]) written as a print-ready workbook
//! ([`crate::output::report`]).

use std::path::PathBuf;

use clap::Args;

use super::{check_files, refuse_input_as_output, use_workspace, CommonArgs};
use crate::error::{Error, Result};
use crate::figures::report::{self, Span};
use crate::output::{self, terminal::print};

/// Arguments of `dvk report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Năm báo cáo (báo cáo hằng năm, ngày 30/12).
    #[arg(long, value_name = "YEAR", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,
    /// Năm đầu của giai đoạn (sơ kết, tổng kết).
    #[arg(long, value_name = "YEAR", requires = "to")]
    pub from: Option<i32>,
    /// Năm cuối của giai đoạn.
    #[arg(long, value_name = "YEAR", requires = "from")]
    pub to: Option<i32>,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Tệp báo cáo Excel (.xlsx) sẽ ghi, kèm báo cáo Word (.docx) cùng tên; một tệp .docx:
    /// chỉ ghi báo cáo Word.
    #[arg(long, value_name = "FILE.xlsx", required = true)]
    pub out: PathBuf,
    /// Số văn bản (in «Số 12-BC/ĐU»); bỏ trống để Văn phòng ghi tay.
    #[arg(long, value_name = "SỐ")]
    pub number: Option<String>,
}

/// Runs `dvk report`: judged as of 30/12 of the last year unless `--as-of` says otherwise;
/// exit code 1 when some finding is at error level.
pub fn run(mut args: ReportArgs) -> Result<i32> {
    use_workspace(&mut args.common, false)?;
    refuse_input_as_output(&args.out, &args.common)?;
    let span = match (args.year, args.from, args.to) {
        (Some(year), _, _) => Span { first: year, last: year },
        (None, Some(first), Some(last)) if first <= last && last - first < 30 => Span { first, last },
        _ => {
            return Err(Error::Usage(
                "cần --year NĂM, hoặc --from NĂM_ĐẦU --to NĂM_CUỐI (năm đầu không sau năm cuối, tối đa 30 năm)".to_string(),
            ))
        }
    };
    // The yearly report is judged as of its own date, 30/12, unless --as-of says otherwise.
    let (mut checked, options, config) = check_files(&args.common, Some(span.report_date()))?;
    let roster = options.roster.as_ref().map(|(r, _)| r);
    let prepared = report::prepare(&checked, roster, &config, span, options.as_of)?;
    let models = span.models_in(std::mem::take(&mut checked.models));
    let findings = checked.findings_by_unit();
    let input = output::report::ReportInput {
        committee: &config.committee,
        first_year: span.first,
        last_year: span.last,
        date: span.report_date(),
        aggregates: &prepared.aggregates,
        models: &models,
        missing: &prepared.missing,
        findings: &findings,
        number: args.number.as_deref(),
        fields: &config.fields,
    };
    // FILE.docx: the Word report alone; otherwise the workbook, and the Word report beside it.
    let word_only = args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    let written = if word_only {
        output::word::write_report_docx(&input, &args.out, None)?;
        vec![args.out.clone()]
    } else {
        let docx = args.out.with_extension("docx");
        refuse_input_as_output(&docx, &args.common)?;
        output::report::write_report(&input, &args.out)?;
        output::word::write_report_docx(&input, &docx, Some(&args.out))?;
        vec![args.out.clone(), docx]
    };
    if args.common.json {
        print(&output::json::report_json(&prepared))?;
    } else {
        print(&output::terminal::report_text(&prepared, span, &written))?;
    }
    Ok(if checked.has_errors() { 1 } else { 0 })
}
