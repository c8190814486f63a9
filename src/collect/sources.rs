//! What arrived: every file under the sources given to `dvk intake`, out of its folders, its
//! `.zip` archives (nested too) and its e-mails saved as `.eml` (attachments decoded, the
//! sender and the date kept).
//!
//! In: the paths given. Out: one [`Item`] per file received, with its bytes, the name it was
//! sent under, who sent it and when, in a stable order (each folder by name, each archive and
//! e-mail in its own order). Nothing is written, and the sources are only read.
//!
//! An Outlook message (`.msg`) is not opened: no well-kept crate reads that format (the only
//! Rust reader, `msg_parser`, is one person's project), so it is received as a file of its
//! own, with a note saying to save its attachments from Outlook.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// How deep archives and e-mails may nest (a zip in an e-mail in a zip …).
const MAX_DEPTH: usize = 6;

/// The most bytes one file taken out of an archive may have: more is not a form (and a
/// "zip bomb" is not unpacked).
const MAX_MEMBER_BYTES: u64 = 256 * 1024 * 1024;

/// One file received.
#[derive(Debug, Clone)]
pub struct Item {
    /// The name it was sent under, without folders.
    pub name: String,
    /// The folders above it inside its archive (or none), outermost first: they may name
    /// its unit, as a folder of the inbox does.
    pub folders: Vec<String>,
    /// Where it was taken from: the path given, and inside an archive or an e-mail «›» and
    /// its name there.
    pub source: String,
    /// Who sent it: the e-mail's sender, else the path of the file (or archive) given.
    pub from: String,
    /// The date of the e-mail it came with.
    pub mailed: Option<NaiveDate>,
    /// The modification day of the file given (for a file out of an archive, the archive's).
    pub modified: Option<NaiveDate>,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The file on disk when it was given as itself (read in place), `None` when it came out of
    /// an archive or an e-mail.
    pub path: Option<PathBuf>,
    /// The container it came in (an e-mail, an archive, a folder given): the files of one
    /// container are one unit's sending, which places its letters and PDFs.
    pub container: usize,
    /// Why it could not be opened further (an archive that is damaged, an Outlook message).
    pub note: Option<String>,
}

/// What an e-mail or an archive passes to the files inside it.
#[derive(Clone)]
struct Context {
    source: String,
    from: String,
    mailed: Option<NaiveDate>,
    modified: Option<NaiveDate>,
    folders: Vec<String>,
    depth: usize,
}

/// Every file received under `sources`, in order. A source that does not exist stops the
/// run; a damaged archive or e-mail is received as a file of its own, with a note.
///
/// # Example
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("Cong van.pdf"), b"%PDF").unwrap();
/// let items = dvk::collect::sources::gather(&[dir.path().to_path_buf()]).unwrap();
/// assert_eq!(items[0].name, "Cong van.pdf");
/// assert!(items[0].source.ends_with("Cong van.pdf"));
/// ```
pub fn gather(sources: &[PathBuf]) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut containers = 0;
    for source in sources {
        let metadata = std::fs::metadata(source).map_err(|e| Error::Path {
            path: source.clone(),
            source: e,
        })?;
        if metadata.is_file() {
            containers += 1;
            take_file(source, containers, &mut items, &mut containers)?;
            continue;
        }
        // The files of one folder are one sending; each sub-folder is another.
        let mut folder_ids: std::collections::HashMap<PathBuf, usize> = Default::default();
        let walker = walkdir::WalkDir::new(source)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.map_err(|e| Error::Path {
                path: e.path().unwrap_or(source).to_path_buf(),
                source: e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("vòng liên kết thư mục")),
            })?;
            if !entry.file_type().is_file() || is_lock_file(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let folder = entry.path().parent().unwrap_or(source).to_path_buf();
            let next = containers + 1;
            let id = *folder_ids.entry(folder).or_insert(next);
            containers = containers.max(id);
            take_file(entry.path(), id, &mut items, &mut containers)?;
        }
    }
    Ok(items)
}

/// `~$name.xlsx` and `.~lock.name#`: left behind by an open workbook, never sent.
fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with(".~lock.")
}

/// One file on disk: unpacked when it is an archive or an e-mail.
fn take_file(
    path: &Path,
    container: usize,
    items: &mut Vec<Item>,
    containers: &mut usize,
) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| Error::Path {
        path: path.to_path_buf(),
        source: e,
    })?;
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
    let shown = path.display().to_string();
    let context = Context {
        source: shown.clone(),
        from: shown,
        mailed: None,
        modified,
        folders: Vec::new(),
        depth: 0,
    };
    let name = file_name(path);
    let before = items.len();
    unpack(&name, bytes, &context, container, items, containers);
    // A file given as itself is read where it is.
    if items.len() == before + 1 && items[before].source == context.source {
        items[before].path = Some(path.to_path_buf());
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A file of `context`: its members when it is an archive or an e-mail, else itself.
fn unpack(
    name: &str,
    bytes: Vec<u8>,
    context: &Context,
    container: usize,
    items: &mut Vec<Item>,
    containers: &mut usize,
) {
    let item = |bytes: Vec<u8>, note: Option<String>| Item {
        name: name.to_string(),
        folders: context.folders.clone(),
        source: context.source.clone(),
        from: context.from.clone(),
        mailed: context.mailed,
        modified: context.modified,
        bytes,
        path: None,
        container,
        note,
    };
    if context.depth >= MAX_DEPTH {
        items.push(item(
            bytes,
            Some("tệp nén, thư lồng nhau quá sâu: không mở tiếp".to_string()),
        ));
        return;
    }
    let result = match extension(name).as_str() {
        "zip" => unzip(&bytes, context, items, containers),
        "eml" => unmail(&bytes, context, items, containers),
        "msg" => Err("thư Outlook (.msg) dvk chưa đọc được: mở thư trong Outlook, lưu các tệp đính kèm (hoặc lưu thư dạng .eml) rồi chạy lại dvk intake".to_string()),
        _ => {
            items.push(item(bytes, None));
            return;
        }
    };
    if let Err(note) = result {
        items.push(item(bytes, Some(note)));
    }
}

/// The members of a zip archive, each with the folders above it inside the archive.
fn unzip(
    bytes: &[u8],
    context: &Context,
    items: &mut Vec<Item>,
    containers: &mut usize,
) -> std::result::Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("tệp nén .zip hỏng, không mở được ({e})"))?;
    *containers += 1;
    let id = *containers;
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive
            .by_index(i)
            .map_err(|e| format!("tệp nén .zip hỏng, không mở được ({e})"))?;
        if member.is_dir() {
            continue;
        }
        let inner = match member.name() {
            Ok(name) => name.replace('\\', "/"),
            Err(_) => format!("tep-{}", i + 1),
        };
        let mut parts: Vec<String> = inner
            .split('/')
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .map(str::to_string)
            .collect();
        let Some(name) = parts.pop() else { continue };
        // macOS leaves resource forks beside every file: never sent on purpose.
        if parts.first().is_some_and(|p| p == "__MACOSX") || is_lock_file(&name) {
            continue;
        }
        if member.size() > MAX_MEMBER_BYTES {
            return Err(format!(
                "tệp nén có tệp «{inner}» quá lớn ({} MB): không giải nén",
                member.size() / (1024 * 1024)
            ));
        }
        let mut content = Vec::with_capacity(member.size() as usize);
        member
            .by_ref()
            .take(MAX_MEMBER_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|e| format!("tệp nén .zip hỏng, không giải nén được «{inner}» ({e})"))?;
        members.push((inner, parts, name, content));
    }
    for (inner, parts, name, content) in members {
        let mut folders = context.folders.clone();
        folders.extend(parts);
        let inner_context = Context {
            source: format!("{} › {inner}", context.source),
            folders,
            depth: context.depth + 1,
            ..context.clone()
        };
        unpack(&name, content, &inner_context, id, items, containers);
    }
    Ok(())
}

/// The attachments of an e-mail saved as `.eml`, with its sender and its date.
fn unmail(
    bytes: &[u8],
    context: &Context,
    items: &mut Vec<Item>,
    containers: &mut usize,
) -> std::result::Result<(), String> {
    use mail_parser::MimeHeaders;
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .filter(|m| m.from().is_some() || m.date().is_some())
        .ok_or_else(|| "không đọc được thư .eml (không có người gửi, ngày gửi)".to_string())?;
    *containers += 1;
    let id = *containers;
    let from = message
        .from()
        .and_then(|a| a.first())
        .map(|a| match (a.name(), a.address()) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (None, Some(address)) => address.to_string(),
            (Some(name), None) => name.to_string(),
            (None, None) => String::new(),
        })
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| context.from.clone());
    let mailed = message
        .date()
        .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()))
        .or(context.mailed);
    for (n, part) in message.attachments().enumerate() {
        let name = part
            .attachment_name()
            .map(str::to_string)
            .unwrap_or_else(|| format!("tep-dinh-kem-{}", n + 1));
        let name = name.replace(['/', '\\'], "-");
        let inner_context = Context {
            source: format!("{} › {name}", context.source),
            from: from.clone(),
            mailed,
            modified: context.modified,
            folders: context.folders.clone(),
            depth: context.depth + 1,
        };
        // A forwarded e-mail attached as a message: its attachments are what was sent.
        let name = if part.is_message() && extension(&name) != "eml" {
            format!("{name}.eml")
        } else {
            name
        };
        unpack(
            &name,
            part.contents().to_vec(),
            &inner_context,
            id,
            items,
            containers,
        );
    }
    Ok(())
}
