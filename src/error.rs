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
}

impl Error {
    /// The process exit code for this error: always 2, "the run itself failed".
    pub fn exit_code(&self) -> i32 {
        2
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
