//! The command line: arguments, and dispatch to the subcommands.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::check::{self, CheckOptions};
use crate::error::{Error, Result};
use crate::output;
use crate::roster::Roster;

/// dvk: đọc, kiểm tra và tổng hợp hồ sơ phong trào thi đua "Dân vận khéo" của các chi bộ.
#[derive(Debug, Parser)]
#[command(name = "dvk", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Đọc mọi bảng tính trong các đường dẫn, nhận dạng biểu mẫu, kiểm tra từng dòng.
    Check(CheckArgs),
}

/// Arguments of `dvk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tệp hoặc thư mục (đọc cả thư mục con).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Danh sách chi bộ của đảng bộ (bảng tính có cột «Tên chi bộ», hoặc tệp văn bản mỗi dòng một tên).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// In kết quả dạng JSON ra stdout thay cho văn bản.
    #[arg(long)]
    pub json: bool,
    /// Ghi kết quả ra bảng tính Excel (.xlsx) để lọc, in và gửi lại chi bộ.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
    /// Chỉ in các tệp có lỗi hoặc cảnh báo.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs the command line and returns the exit code: 0 no error-level finding, 1 some, 2 the
/// run itself failed (reported on stderr).
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => run_check(args),
    }
}

fn run_check(args: CheckArgs) -> Result<i32> {
    if let Some(out) = &args.out {
        refuse_input_as_output(out, &args.paths)?;
    }
    let mut options = CheckOptions::new(args.paths);
    if let Some(path) = &args.roster {
        options.roster = Some(Roster::load(path)?);
    }
    let report = check::run(&options)?;
    if let Some(out) = &args.out {
        output::workbook::write_findings(&report, out)?;
    }
    let mut stdout = anstream::stdout();
    let printed = if args.json {
        writeln!(stdout, "{}", output::json::check_json(&report))
    } else {
        write!(stdout, "{}", output::terminal::render(&report, args.quiet))
    };
    // A closed pipe (`dvk check … | head`) is not a failure of the check.
    if let Err(e) = printed {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(Error::Output {
                path: PathBuf::from("<stdout>"),
                reason: e.to_string(),
            });
        }
    }
    Ok(if report.has_errors() { 1 } else { 0 })
}

/// dvk never writes over a file it reads: the output must not be one of the inputs.
fn refuse_input_as_output(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(out) = out.canonicalize() else {
        return Ok(()); // does not exist yet: nothing to overwrite
    };
    for input in inputs {
        let Ok(input) = input.canonicalize() else {
            continue;
        };
        if out == input || out.starts_with(&input) {
            return Err(Error::Usage(format!(
                "tệp kết quả {} nằm trong dữ liệu đầu vào {}: dvk không ghi đè tệp đầu vào, hãy chọn nơi khác",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}
