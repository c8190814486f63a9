//! Finding the files under the paths given: folders are walked recursively, in a stable order.
//!
//! Nothing the walk meets is passed over in silence: a folder that cannot be listed, a link
//! that leads nowhere and a folder link that loops back to a folder above it are found too,
//! and [`walk_finding`] says what happened to them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::findings::{Code, Finding};

/// What dvk does with a file it found.
///
/// # Example
///
/// ```
/// use dvk::ingest::discover::{classify, FileKind};
/// use std::path::Path;
///
/// assert_eq!(classify(Path::new("2018/01_van_phong.XLSX")), FileKind::Spreadsheet);
/// assert_eq!(classify(Path::new("2018/~$01_van_phong.xlsx")), FileKind::LockFile);
/// assert_eq!(classify(Path::new("2018/Cong van.docx")), FileKind::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A workbook calamine can read (.xlsx, .xlsm, .xls, .ods, …).
    Spreadsheet,
    /// An Excel or LibreOffice lock file (`~$name.xlsx`, `.~lock.name#`).
    LockFile,
    /// Anything else: Word letters, PDFs, pictures.
    Other,
    /// Not a regular file: a named pipe (FIFO), a device, a socket, or a link to one. Never
    /// opened: reading a pipe waits for a writer for ever, a device can be endless.
    NotRegular,
    /// A link to a folder that contains it: not followed, since its files are read once
    /// through their own path.
    SymlinkLoop,
    /// A folder that cannot be listed (no permission, an I/O error): its files are not read.
    UnreadableFolder,
    /// A file the walk could not reach: a link to nothing, no permission, an I/O error.
    UnreadableFile,
    /// A folder under a path argument that holds its own `dvk.toml`: another committee's
    /// workspace (its roster, its inbox, its rules), not read with this one.
    OtherWorkspace,
    /// The receipt log of `dvk intake` ([`crate::dvk_workbooks::RECEIPT_LOG`]): dvk's own
    /// record of what arrived, not a form.
    ReceiptLog,
    /// The folder where `dvk intake` keeps the files a later version replaced
    /// ([`crate::dvk_workbooks::REPLACED_FOLDER`]): listed once, its files not read.
    ReplacedArchive,
}

/// One file found under a path argument.
///
/// # Example
///
/// ```
/// use dvk::ingest::discover::{find_files, FileKind};
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("ke hoach.pdf"), b"%PDF").unwrap();
/// let found = find_files(&[dir.path().to_path_buf()]).unwrap();
/// assert_eq!(found[0].display, "ke hoach.pdf");
/// assert_eq!(found[0].kind, FileKind::Other);
/// assert!(found[0].problem.is_none());
/// ```
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path shown to users: relative to the argument it was found under.
    pub display: String,
    /// What kind of file it is.
    pub kind: FileKind,
    /// Why the walk could not reach it, in Vietnamese (for the kinds that say so).
    pub problem: Option<String>,
}

/// The file that makes a folder a committee's workspace.
const CONFIG_FILE: &str = "dvk.toml";

/// Spreadsheet extensions calamine reads.
const SPREADSHEET_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "xla", "ods"];

/// Tells a spreadsheet from a lock file and from everything else, by name only.
///
/// # Example
///
/// ```
/// use dvk::ingest::discover::{classify, FileKind};
/// use std::path::Path;
///
/// assert_eq!(classify(Path::new("bao cao.ods")), FileKind::Spreadsheet);
/// assert_eq!(classify(Path::new(".~lock.bao cao.ods#")), FileKind::LockFile);
/// ```
pub fn classify(path: &Path) -> FileKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") || name.starts_with(".~lock.") {
        return FileKind::LockFile;
    }
    if name == crate::dvk_workbooks::RECEIPT_LOG {
        return FileKind::ReceiptLog;
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
/// A path that does not exist is an error of the run. Links are followed. Whatever the walk
/// cannot go through — a folder that cannot be listed, a link to nothing, a folder link back
/// to a folder above it — is listed too, with its kind and the reason, so that the other
/// files are still checked and nothing is passed over in silence. A file reached twice (the
/// same argument given twice, a link to a folder also walked) is listed once.
///
/// # Example
///
/// ```no_run
/// use dvk::ingest::discover::find_files;
/// use std::path::PathBuf;
///
/// let files = find_files(&[PathBuf::from("samples")]).unwrap();
/// for file in files {
///     println!("{}", file.display);
/// }
/// ```
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<FoundFile>> {
    let mut found = Vec::new();
    let mut followed_links = false;
    for root in paths {
        let metadata = std::fs::metadata(root).map_err(|source| Error::Path {
            path: root.clone(),
            source,
        })?;
        if metadata.is_file() {
            found.push(found_file(root.clone(), display_name(root, None)));
            continue;
        }
        if !metadata.is_dir() {
            found.push(not_regular(root.clone(), display_name(root, None)));
            continue;
        }
        followed_links |= walk(root, &mut found);
    }
    // One folder walked without links lists each file once: the canonical paths (a system
    // call per folder of each path) are only needed when a file may have been reached twice.
    if paths.len() > 1 || followed_links {
        let mut seen = HashSet::new();
        found.retain(|file| file.problem.is_some() || first_visit(&mut seen, &file.path));
    }
    Ok(found)
}

/// Walks one folder argument, following links; true when some link was followed.
fn walk(root: &Path, found: &mut Vec<FoundFile>) -> bool {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    let mut followed_links = false;
    let mut entries = walker.into_iter();
    while let Some(entry) = entries.next() {
        match entry {
            Ok(entry) => {
                followed_links |= entry.path_is_symlink();
                if entry.depth() > 0
                    && entry.file_type().is_dir()
                    && entry.path().join(CONFIG_FILE).is_file()
                {
                    // Another committee's workspace: its files answer to its own roster
                    // and rules, so they are listed as one skipped entry, never mixed in.
                    let display = display_name(entry.path(), Some(root));
                    found.push(FoundFile {
                        path: entry.into_path(),
                        display,
                        kind: FileKind::OtherWorkspace,
                        problem: None,
                    });
                    entries.skip_current_dir();
                    continue;
                }
                if entry.depth() > 0
                    && entry.file_type().is_dir()
                    && entry.file_name() == crate::dvk_workbooks::REPLACED_FOLDER
                {
                    // The files a later version replaced: kept for the record, never counted.
                    let display = display_name(entry.path(), Some(root));
                    found.push(FoundFile {
                        path: entry.into_path(),
                        display,
                        kind: FileKind::ReplacedArchive,
                        problem: None,
                    });
                    entries.skip_current_dir();
                    continue;
                }
                let display = || display_name(entry.path(), Some(root));
                if entry.file_type().is_file() {
                    let display = display();
                    found.push(found_file(entry.into_path(), display));
                } else if !entry.file_type().is_dir() {
                    let display = display();
                    found.push(not_regular(entry.into_path(), display));
                }
            }
            Err(error) => found.push(walk_problem(&error, root)),
        }
    }
    followed_links
}

/// True the first time a file is met, by its canonical path (or its own, if it has none).
fn first_visit(seen: &mut HashSet<PathBuf>, path: &Path) -> bool {
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    seen.insert(key)
}

fn found_file(path: PathBuf, display: String) -> FoundFile {
    let kind = classify(&path);
    FoundFile {
        path,
        display,
        kind,
        problem: None,
    }
}

/// A pipe, device or socket found by name or in a folder: listed, never opened.
fn not_regular(path: PathBuf, display: String) -> FoundFile {
    FoundFile {
        path,
        display,
        kind: FileKind::NotRegular,
        problem: None,
    }
}

/// What the walk could not go through, as a found file of the matching kind.
fn walk_problem(error: &walkdir::Error, root: &Path) -> FoundFile {
    let path = error.path().unwrap_or(root).to_path_buf();
    let mut display = display_name(&path, Some(root));
    if display.is_empty() {
        display = display_name(&path, None);
    }
    let (kind, problem) = match (error.loop_ancestor(), error.io_error()) {
        (Some(ancestor), _) => {
            let ancestor = match display_name(ancestor, Some(root)) {
                relative if relative.is_empty() => "thư mục gốc".to_string(),
                relative => format!("«{relative}»"),
            };
            (FileKind::SymlinkLoop, ancestor)
        }
        (None, io) => {
            let reason = io.map_or_else(|| error.to_string(), io_reason);
            let is_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            if is_folder {
                (FileKind::UnreadableFolder, reason)
            } else {
                (FileKind::UnreadableFile, reason)
            }
        }
    };
    FoundFile {
        path,
        display,
        kind,
        problem: Some(problem),
    }
}

/// Says in Vietnamese why the system refused a file or folder.
///
/// # Example
///
/// ```
/// use dvk::ingest::discover::io_reason;
/// use std::io::{Error, ErrorKind};
///
/// let denied = Error::from(ErrorKind::PermissionDenied);
/// assert!(io_reason(&denied).starts_with("không có quyền đọc"));
/// ```
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let said = match error.kind() {
        ErrorKind::PermissionDenied => "không có quyền đọc",
        ErrorKind::NotFound => "không tìm thấy (có thể là liên kết trỏ tới nơi không còn tồn tại)",
        _ => "hệ thống báo lỗi khi đọc",
    };
    format!("{said} ({error})")
}

/// The finding for what the walk could not go through, `None` for a file it reached.
///
/// # Example
///
/// ```
/// use dvk::ingest::discover::{walk_finding, FileKind, FoundFile};
/// use dvk::findings::Code;
///
/// let file = FoundFile {
///     path: "in/2018/vong".into(),
///     display: "2018/vong".into(),
///     kind: FileKind::SymlinkLoop,
///     problem: Some("«2018»".into()),
/// };
/// assert_eq!(walk_finding(&file).map(|f| f.code), Some(Code::SymlinkLoop));
/// ```
pub fn walk_finding(file: &FoundFile) -> Option<Finding> {
    let problem = file.problem.as_deref().unwrap_or("không rõ lý do");
    let (code, message) = match file.kind {
        FileKind::SymlinkLoop => (
            Code::SymlinkLoop,
            format!(
                "Liên kết thư mục trỏ ngược về {problem}, nơi chứa chính nó: không đi theo để khỏi lặp vô tận (các tệp trong đó vẫn được đọc một lần)"
            ),
        ),
        FileKind::UnreadableFolder => (
            Code::UnreadableFolder,
            format!("Không mở được thư mục: {problem}. Các tệp trong thư mục này chưa được kiểm tra"),
        ),
        FileKind::UnreadableFile => (
            Code::UnreadableFile,
            format!("Không đọc được tệp: {problem}"),
        ),
        FileKind::OtherWorkspace => (
            Code::OtherWorkspace,
            "Thư mục có tệp dvk.toml riêng: hồ sơ của một đảng bộ khác (danh sách, hộp thư, quy định riêng), không đọc cùng. Muốn kiểm tra thì chạy dvk trong thư mục đó".to_string(),
        ),
        FileKind::ReplacedArchive => (
            Code::ReplacedArchive,
            "Thư mục lưu các tệp đã được thay bằng bản gửi sau (dvk intake): giữ lại để đối chiếu, không đọc".to_string(),
        ),
        FileKind::Spreadsheet
        | FileKind::LockFile
        | FileKind::Other
        | FileKind::ReceiptLog
        | FileKind::NotRegular => {
            return None
        }
    };
    Some(Finding::new(code, &file.display, message))
}

/// The path relative to the argument it was found under, with `/` separators on every system.
fn display_name(path: &Path, root: Option<&Path>) -> String {
    let relative = match root {
        Some(root) => path.strip_prefix(root).unwrap_or(path),
        None => path.file_name().map(Path::new).unwrap_or(path),
    };
    relative
        .components()
        .map(|c| crate::text::path_name(c.as_os_str()))
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

    #[cfg(unix)]
    #[test]
    fn loops_and_dead_links_are_listed_with_their_reason() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let inner = dir.path().join("a/b");
        std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("mkdir: {e}"));
        std::fs::write(inner.join("x.xlsx"), b"").unwrap_or_else(|e| panic!("write: {e}"));
        let link = |target: &str, name: &Path| {
            std::os::unix::fs::symlink(target, name).unwrap_or_else(|e| panic!("symlink: {e}"))
        };
        link("..", &inner.join("up"));
        link("nowhere.xlsx", &dir.path().join("dead.xlsx"));
        let found = find_files(&[dir.path().to_path_buf()]).unwrap_or_default();
        let kinds: Vec<(&str, FileKind)> =
            found.iter().map(|f| (f.display.as_str(), f.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("a/b/up", FileKind::SymlinkLoop),
                ("a/b/x.xlsx", FileKind::Spreadsheet),
                ("dead.xlsx", FileKind::UnreadableFile),
            ]
        );
        assert_eq!(found[0].problem.as_deref(), Some("«a»"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_a_folder_link_is_listed_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let inner = dir.path().join("b");
        std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("mkdir: {e}"));
        std::fs::write(inner.join("x.xlsx"), b"").unwrap_or_else(|e| panic!("write: {e}"));
        std::os::unix::fs::symlink("b", dir.path().join("a"))
            .unwrap_or_else(|e| panic!("symlink: {e}"));
        let found = find_files(&[dir.path().to_path_buf()]).unwrap_or_default();
        let shown: Vec<&str> = found.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(shown, ["a/x.xlsx"]);
    }

    #[test]
    fn a_folder_with_its_own_config_is_another_workspace_listed_once_unread() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2025")).unwrap();
        std::fs::write(root.join("2025/a.xlsx"), b"x").unwrap();
        std::fs::create_dir_all(root.join("khoi/hop-thu/2025")).unwrap();
        std::fs::write(root.join("khoi/dvk.toml"), b"").unwrap();
        std::fs::write(root.join("khoi/hop-thu/2025/b.xlsx"), b"x").unwrap();
        // The argument's own dvk.toml does not make it another committee's.
        std::fs::write(root.join("dvk.toml"), b"").unwrap();
        let found = find_files(&[root.to_path_buf()]).unwrap();
        let shown: Vec<(&str, FileKind)> =
            found.iter().map(|f| (f.display.as_str(), f.kind)).collect();
        assert_eq!(
            shown,
            [
                ("2025/a.xlsx", FileKind::Spreadsheet),
                ("dvk.toml", FileKind::Other),
                ("khoi", FileKind::OtherWorkspace),
            ]
        );
        let finding = walk_finding(&found[2]).unwrap();
        assert_eq!(finding.code, Code::OtherWorkspace);
        assert_eq!(finding.path, "khoi");
        // Given as the argument itself, the workspace is read.
        let inside = find_files(&[root.join("khoi")]).unwrap();
        assert_eq!(inside.len(), 2);
        assert_eq!(inside[1].display, "hop-thu/2025/b.xlsx");
    }

    #[test]
    fn a_file_given_twice_is_listed_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let file = dir.path().join("a.xlsx");
        std::fs::write(&file, b"").unwrap_or_else(|e| panic!("write: {e}"));
        let found = find_files(&[file.clone(), dir.path().to_path_buf(), file]);
        assert_eq!(found.map(|f| f.len()).unwrap_or(0), 1);
    }
}
