//! `dvk config show --year YEAR`: the rules that apply to a cycle year, as the office reads
//! them (deadlines, quotas, criteria of recognition).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::load_config;
use crate::error::Result;
use crate::output::terminal::print;

/// Arguments of `dvk config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The config subcommand.
    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// The subcommands of `dvk config`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// In các quy định áp dụng cho một năm: hạn đăng ký, hạn tự đánh giá, chỉ tiêu, tiêu chí công nhận.
    Show {
        /// Năm thi đua.
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// Tệp cấu hình dvk.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

/// Runs `dvk config`.
pub fn run(args: ConfigArgs) -> Result<i32> {
    match args.command {
        ConfigCommand::Show { year, config } => {
            let config = load_config(config.as_deref())?;
            print(&config.show(year))?;
            Ok(0)
        }
    }
}
