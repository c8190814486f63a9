//! Finding the files under the paths given: folders are walked recursively, in a stable order.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What dvk does with a file it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A workbook calamine can read (.xlsx, .xlsm, .xls, .ods, …).
    Spreadsheet,
    /// An Excel or LibreOffice lock file (`~$name.xlsx`, `.~lock.name#`).
    LockFile,
    /// Anything else: Word letters, PDFs, pictures.
    Other,
}

/// One file found under a path argument.
///
/// # Example
///
/// ```
/// use dvk::discover::{classify, FileKind};
/// use std::path::Path;
///
/// assert_eq!(classify(Path::new("2018/01_van_phong.XLSX")), FileKind::Spreadsheet);
/// assert_eq!(classify(Path::new("2018/~$01_van_phong.xlsx")), FileKind::LockFile);
/// assert_eq!(classify(Path::new("2018/Cong van.docx")), FileKind::Other);
/// ```
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path shown to users: relative to the argument it was found under.
    pub display: String,
    /// What kind of file it is.
    pub kind: FileKind,
}

/// Spreadsheet extensions calamine reads.
const SPREADSHEET_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "xla", "ods"];

/// Tells a spreadsheet from a lock file and from everything else, by name only.
pub fn classify(path: &Path) -> FileKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") || name.starts_with(".~lock.") {
        return FileKind::LockFile;
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if SPREADSHEET_EXTENSIONS.contains(&extension.as_str()) {
        FileKind::Spreadsheet
    } else {
        FileKind::Other
    }
}

/// Lists every file under the given paths, each folder sorted by name, folders recursively.
///
/// A path that does not exist is an error of the run. A sub-folder that cannot be listed, or a
/// symlink loop, is passed over, because the other files should still be checked.
///
/// # Example
///
/// ```no_run
/// use dvk::discover::find_files;
/// use std::path::PathBuf;
///
/// let files = find_files(&[PathBuf::from("samples")]).unwrap();
/// for file in files {
///     println!("{}", file.display);
/// }
/// ```
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<FoundFile>> {
    let mut found = Vec::new();
    for root in paths {
        let metadata = std::fs::metadata(root).map_err(|source| Error::Path {
            path: root.clone(),
            source,
        })?;
        if metadata.is_file() {
            found.push(found_file(root.clone(), display_name(root, None)));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker.into_iter().filter_map(|e| e.ok()) {
            if entry.file_type().is_file() {
                let display = display_name(entry.path(), Some(root));
                found.push(found_file(entry.into_path(), display));
            }
        }
    }
    Ok(found)
}

fn found_file(path: PathBuf, display: String) -> FoundFile {
    let kind = classify(&path);
    FoundFile {
        path,
        display,
        kind,
    }
}

/// The path relative to the argument it was found under, with `/` separators on every system.
fn display_name(path: &Path, root: Option<&Path>) -> String {
    let relative = match root {
        Some(root) => path.strip_prefix(root).unwrap_or(path),
        None => path.file_name().map(Path::new).unwrap_or(path),
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_relative_to_the_argument() {
        let root = Path::new("samples");
        let path = Path::new("samples/2018/dang-ky/01.xlsx");
        assert_eq!(display_name(path, Some(root)), "2018/dang-ky/01.xlsx");
        assert_eq!(display_name(path, None), "01.xlsx");
    }

    #[test]
    fn lock_files_and_letters_are_not_spreadsheets() {
        assert_eq!(classify(Path::new(".~lock.a.ods#")), FileKind::LockFile);
        assert_eq!(classify(Path::new("a.pdf")), FileKind::Other);
        assert_eq!(classify(Path::new("noextension")), FileKind::Other);
        assert_eq!(classify(Path::new("a.ods")), FileKind::Spreadsheet);
        assert_eq!(classify(Path::new("a.xls")), FileKind::Spreadsheet);
    }
}
