//! The command line: the arguments of every command, and dispatch to its driver in
//! [`crate::commands`] (each command's arguments are defined beside its driver).

use clap::{Parser, Subcommand};

use crate::commands::{check, config, feedback, init, intake, missing, report, template};
use crate::error::Result;

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
    Check(check::CheckArgs),
    /// Nhận hồ sơ chi bộ gửi (tệp, thư mục, tệp nén .zip, thư .eml): lưu vào hộp thư, ghi sổ nhận hồ sơ.
    Intake(intake::IntakeArgs),
    /// Liệt kê các chi bộ còn thiếu đăng ký, tập thể, cá nhân hoặc tự đánh giá của một năm.
    Missing(missing::MissingArgs),
    /// Lập báo cáo tổng hợp năm (--year) hoặc sơ kết, tổng kết giai đoạn (--from, --to) ra Excel.
    Report(report::ReportArgs),
    /// Ghi phiếu phản hồi cho từng chi bộ: hồ sơ đã nhận, lỗi cần sửa, hồ sơ còn thiếu.
    Feedback(feedback::FeedbackArgs),
    /// Xem cấu hình (hạn nộp, chỉ tiêu, tiêu chí công nhận) đang áp dụng.
    Config(config::ConfigArgs),
    /// Ghi các biểu mẫu gửi chi bộ: M1, M2 (đăng ký), tự đánh giá, danh sách chi bộ.
    Template(template::TemplateArgs),
    /// Tạo thư mục làm việc mới: dvk.toml, danh sách chi bộ, hộp thư, biểu mẫu.
    Init(init::InitArgs),
    /// Reads workbooks for a run of dvk, one path at a time on stdin (internal).
    #[command(name = "read-worker", hide = true)]
    ReadWorker,
}

/// Runs the command line and returns the exit code: 0 no error-level finding, 1 some, 2 the
/// run itself failed (reported on stderr).
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Intake(args) => intake::run(args),
        Command::Missing(args) => missing::run(args),
        Command::Report(args) => report::run(args),
        Command::Feedback(args) => feedback::run(args),
        Command::Config(args) => config::run(args),
        Command::Template(args) => template::run(args),
        Command::Init(args) => init::run(args),
        Command::ReadWorker => Ok(match crate::ingest::read::isolated::serve() {
            Ok(()) => 0,
            Err(_) => 2,
        }),
    }
}
