//! Writing files whole or not at all: every output goes to a temporary file in the target's
//! folder, synced, then renamed over the target ([`write_atomically`], [`write_workbook`]) or
//! beside it when nothing may be replaced ([`write_new`]). An interrupted run never leaves half
//! a file, and never loses the previous one.

use std::path::Path;

use crate::error::{Error, Result};

/// Writes a file so that it appears whole or not at all: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target. An interrupted run leaves the
/// previous file intact.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("ket-qua.txt");
/// dvk::output::atomic::write_atomically(&path, b"xin chao").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"xin chao");
/// ```
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, staged(path, bytes)?)
}

/// Renames a staged file over `path`.
///
/// On Windows a rename over a file that another program holds open fails ("access denied",
/// a sharing violation): an antivirus scan or the search indexer lets go within a moment, so
/// the rename is tried again for about two seconds ([`RENAME_TRIES`]); Excel keeps its file for
/// as long as it is open, and the message then says to close it. Elsewhere a rename replaces an
/// open file and is tried once.
fn replace(path: &Path, staged: tempfile::NamedTempFile) -> Result<()> {
    replace_retrying(path, staged, RENAME_TRIES, held_open)
}

/// [`replace`], with the number of tries and the test of a failure worth retrying given.
fn replace_retrying(
    path: &Path,
    mut staged: tempfile::NamedTempFile,
    tries: u32,
    held_open: impl Fn(&std::io::Error) -> bool,
) -> Result<()> {
    let mut pause = std::time::Duration::from_millis(50);
    let mut tried = 1;
    loop {
        let e = match staged.persist(path) {
            Ok(_) => return Ok(()),
            Err(e) => e,
        };
        if !held_open(&e.error) {
            return Err(output_error(
                path,
                format!("không thay được tệp cũ ({})", e.error),
            ));
        }
        if tried >= tries {
            return Err(output_error(
                path,
                format!(
                    "không thay được tệp cũ: tệp đang mở trong chương trình khác (Excel?), \
                     hãy đóng tệp rồi chạy lại ({})",
                    e.error
                ),
            ));
        }
        staged = e.file;
        tried += 1;
        std::thread::sleep(pause);
        pause = (pause * 2).min(std::time::Duration::from_millis(500));
    }
}

/// How many times a rename over a file held open is tried: 50, 100, 200, 400, then 500 ms
/// apart, about two seconds in all.
const RENAME_TRIES: u32 = 8;

/// The rename failed because another program holds the target open (Windows only).
#[cfg(windows)]
fn held_open(error: &std::io::Error) -> bool {
    use windows_sys::Win32::Foundation::{
        ERROR_ACCESS_DENIED, ERROR_LOCK_VIOLATION, ERROR_SHARING_VIOLATION,
    };
    let code = error.raw_os_error().and_then(|c| u32::try_from(c).ok());
    matches!(
        code,
        Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
    )
}

/// Elsewhere an open file is replaced by a rename: nothing to wait for.
#[cfg(not(windows))]
fn held_open(_error: &std::io::Error) -> bool {
    false
}

/// Writes a workbook atomically (see [`write_atomically`]); a workbook that could not be
/// built is an output error of `path`.
///
/// The workbook is saved straight into the temporary file: a consolidated report is ten
/// megabytes zipped, and building it in memory first would hold it twice over while the
/// buffer grows.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("so.xlsx");
/// let mut book = rust_xlsxwriter::Workbook::new();
/// book.add_worksheet().write_string(0, 0, "Tập thể").unwrap();
/// dvk::output::atomic::write_workbook(&path, Ok(book)).unwrap();
/// assert!(path.exists());
/// ```
pub fn write_workbook(
    path: &Path,
    built: std::result::Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError>,
) -> Result<()> {
    use std::io::{Seek, Write};
    let mut workbook = built.map_err(build_error(path))?;
    // Saved first to an unnamed file beside the target, then copied into the staged file with
    // the documents' first page unnumbered (`first_page`).
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut saved = tempfile::tempfile_in(folder).map_err(|e| {
        output_error(
            path,
            format!("không tạo được tệp tạm trong thư mục đích ({e})"),
        )
    })?;
    {
        let mut buffered = std::io::BufWriter::new(&mut saved);
        workbook
            .save_to_writer(&mut buffered)
            .map_err(|e| output_error(path, e.to_string()))?;
        buffered
            .flush()
            .map_err(|e| output_error(path, format!("lỗi khi ghi ({e})")))?;
    }
    saved
        .rewind()
        .map_err(|e| output_error(path, format!("lỗi khi đọc lại ({e})")))?;
    let staged = staged_with(path, |file| {
        let mut buffered = std::io::BufWriter::new(file);
        super::first_page::number_from_second_page(
            std::io::BufReader::new(&mut saved),
            &mut buffered,
        )
        .map_err(|e| e.to_string())?;
        // Flushed here, where an error is seen, not when the buffer is dropped.
        buffered.flush().map_err(|e| format!("lỗi khi ghi ({e})"))
    })?;
    replace(path, staged)
}

/// Turns the error of building a workbook meant for `path` into the run's output error.
///
/// # Example
///
/// ```
/// use std::path::Path;
///
/// let error = dvk::output::atomic::build_error(Path::new("a.xlsx"))(rust_xlsxwriter::XlsxError::SheetnameCannotBeBlank(String::new()));
/// assert!(error.to_string().contains("a.xlsx"));
/// ```
pub fn build_error(path: &Path) -> impl FnOnce(rust_xlsxwriter::XlsxError) -> Error + '_ {
    move |e| output_error(path, e.to_string())
}

fn output_error(path: &Path, reason: String) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        reason,
    }
}

/// The bytes written and synced to a temporary file in the target's folder, ready to be
/// renamed over (or beside) the target: a rename is all-or-nothing.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("dvk.toml");
/// let staged = dvk::output::atomic::staged(&path, b"# mot").unwrap();
/// assert!(!path.exists());
/// staged.persist_noclobber(&path).unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"# mot");
/// ```
pub fn staged(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    use std::io::Write;
    staged_with(path, |file| {
        file.write_all(bytes)
            .map_err(|e| format!("lỗi khi ghi ({e})"))
    })
}

/// A temporary file in the target's folder, filled by `write` (which says in Vietnamese what
/// went wrong) and synced (see [`staged`]).
fn staged_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::result::Result<(), String>,
) -> Result<tempfile::NamedTempFile> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(|e| {
        output_error(
            path,
            format!("không tạo được tệp tạm trong thư mục đích ({e})"),
        )
    })?;
    write(temporary.as_file_mut()).map_err(|reason| output_error(path, reason))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| output_error(path, format!("lỗi khi ghi ({e})")))?;
    // A temporary file is private (0600); the output is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temporary
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    Ok(temporary)
}

/// Writes a new file whole or not at all, never replacing one: `Ok(false)` when the file
/// already exists (it is left as it was).
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("dvk.toml");
/// assert!(dvk::output::atomic::write_new(&path, b"# mot").unwrap());
/// assert!(!dvk::output::atomic::write_new(&path, b"# hai").unwrap());
/// assert_eq!(std::fs::read(&path).unwrap(), b"# mot");
/// ```
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    match staged(path, bytes)?.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::Output {
            path: path.to_path_buf(),
            reason: format!("không ghi được tệp ({})", e.error),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rename that fails because of something in the way: a non-empty folder at the target
    /// (a file held open on Windows, here).
    fn blocked(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("so.xlsx");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), b"x").unwrap();
        path
    }

    #[test]
    fn a_rename_held_up_for_a_moment_is_tried_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = blocked(dir.path());
        let staged = staged(&path, b"moi").unwrap();
        // The first failure clears the way, as a scanner letting go of the file would.
        let let_go = |_: &std::io::Error| {
            let _ = std::fs::remove_dir_all(&path);
            true
        };
        replace_retrying(&path, staged, 3, let_go).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"moi");
    }

    #[test]
    fn a_file_held_open_for_good_is_kept_and_the_message_says_to_close_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = blocked(dir.path());
        let staged = staged(&path, b"moi").unwrap();
        let error = replace_retrying(&path, staged, 2, |_| true).unwrap_err();
        assert!(
            error.to_string().contains("hãy đóng tệp rồi chạy lại"),
            "{error}"
        );
        assert!(path.join("x").exists());
        // No temporary file left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn any_other_failure_is_not_retried() {
        let dir = tempfile::tempdir().unwrap();
        let path = blocked(dir.path());
        let staged = staged(&path, b"moi").unwrap();
        let tries = std::cell::Cell::new(0);
        let error = replace_retrying(&path, staged, 5, |_| {
            tries.set(tries.get() + 1);
            false
        })
        .unwrap_err();
        assert_eq!(tries.get(), 1);
        assert!(!error.to_string().contains("đóng tệp"), "{error}");
    }
}
