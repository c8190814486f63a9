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
fn replace(path: &Path, staged: tempfile::NamedTempFile) -> Result<()> {
    staged
        .persist(path)
        .map_err(|e| output_error(path, format!("không thay được tệp cũ ({})", e.error)))?;
    Ok(())
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
