//! The one error type of dvk: what makes a whole run fail (exit code 2).
//!
//! Problems in the files a user gives are not errors of the run: they are
//! [`crate::findings::Finding`]s, and the run goes on with the other files.

use std::path::PathBuf;

/// An error that stops the run.
///
/// # Example
///
/// ```
/// use dvk::error::Error;
///
/// let err = Error::Usage("thiếu đường dẫn".to_string());
/// assert_eq!(err.exit_code(), 2);
/// ```
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad arguments, or arguments that contradict each other.
    #[error("{0}")]
    Usage(String),
    /// A path given on the command line does not exist or cannot be listed.
    #[error("không đọc được đường dẫn {path}: {source}")]
    Path {
        /// The path as given.
        path: PathBuf,
        /// The reason from the operating system.
        source: std::io::Error,
    },
    /// The roster cannot be read or holds no cell.
    #[error("không dùng được danh sách chi bộ {path}: {reason}")]
    Roster {
        /// The roster file.
        path: PathBuf,
        /// What is wrong, in Vietnamese.
        reason: String,
    },
    /// An output file cannot be written.
    #[error("không ghi được tệp {path}: {reason}")]
    Output {
        /// The output file.
        path: PathBuf,
        /// What is wrong, in Vietnamese.
        reason: String,
    },
    /// The configuration file (`dvk.toml`) cannot be read, or says something dvk cannot use.
    ///
    /// The message names the file, the line, the key and what is expected: «dvk.toml, dòng 12,
    /// khóa «cycle[1].registration_due»: cần ngày dạng dd/mm (ví dụ 10/10), gặp «31/02»». Keys
    /// of an array of tables count from 1: `cycle[1]` is the first `[[cycle]]` of the file.
    #[error("{}", config_message(path, *line, key, reason))]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// The 1-based line of the key, when known.
        line: Option<usize>,
        /// The dotted key, as `cycle[1].registration_due`; empty when the file as a whole is
        /// at fault (unreadable, not TOML).
        key: String,
        /// What is wrong and what is expected, in Vietnamese.
        reason: String,
    },
    /// The receipt log of the workspace (`dvk intake`) cannot be read: intake stops rather
    /// than write a new log over it.
    #[error("không đọc được sổ nhận hồ sơ {path}: {reason}")]
    ReceiptLog {
        /// The log.
        path: PathBuf,
        /// What is wrong, in Vietnamese.
        reason: String,
    },
    /// A failure inside dvk itself (a bug): the message says where.
    #[error("lỗi nội bộ: {0}")]
    Internal(String),
}

/// "dvk.toml, dòng 12, khóa «cycle[1].registration_due»: …", leaving out what is unknown.
fn config_message(path: &std::path::Path, line: Option<usize>, key: &str, reason: &str) -> String {
    let mut message = path.display().to_string();
    if let Some(line) = line {
        message.push_str(&format!(", dòng {line}"));
    }
    if !key.is_empty() {
        message.push_str(&format!(", khóa «{key}»"));
    }
    format!("{message}: {reason}")
}

impl Error {
    /// The process exit code for this error: always 2, "the run itself failed".
    pub fn exit_code(&self) -> i32 {
        2
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
