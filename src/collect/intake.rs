//! `dvk intake`: every file received, filed under the inbox and written in the receipt log.
//!
//! In: the files [`super::sources::gather`] found, the receipt log as it is
//! ([`Receipts`]), the roster and rules of the workspace. Out: the files copied into the inbox
//! (`hop-thu/2025/Chi bộ Văn phòng/2025-03-12 M1 Chi bộ Văn phòng.xlsx`), the earlier
//! versions a later one replaces moved to `hop-thu/2025/_thay-the/…`, and the rows added to
//! the log ([`Intake`]). The sources are only read; nothing in the inbox is overwritten or
//! deleted; a file already received (the same bytes under the same name) is passed over, so a
//! second run on the same sources changes nothing.
//!
//! The rules are the pipeline's: each spreadsheet is read as `dvk check` reads it
//! ([`pipeline::read_alone`]), byte-identical copies are told by
//! [`resubmissions::duplicate_files`], and which version replaces which by
//! [`resubmissions::superseded_files`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::receipts::{self, Outcome, Receipt, Receipts};
use super::sources::{self, Item};
use crate::dvk_workbooks::{RECEIPT_LOG, REPLACED_FOLDER, UNSORTED_FOLDER};
use crate::error::{Error, Result};
use crate::findings::{Code, Severity};
use crate::ingest::discover::{classify, FileKind};
use crate::judge::resubmissions::{self, Fate, Fingerprint, Submission};
use crate::pipeline::check_report::{FileForm, FileStatus};
use crate::pipeline::{self, CheckOptions, Reading};
use crate::recognize::validate::Record;
use crate::recognize::values::Kind;
use crate::templates::{safe_file_name, unit_title};

/// What `dvk intake` needs.
#[derive(Debug, Clone)]
pub struct IntakeOptions {
    /// The files, folders, archives and e-mails to take in.
    pub sources: Vec<PathBuf>,
    /// The workspace's folder: the receipt log is there, and the log's paths are relative to
    /// it.
    pub root: PathBuf,
    /// The inbox: one folder per cycle year.
    pub inbox: PathBuf,
    /// The day every file is taken as received (`--received`), instead of its own.
    pub received: Option<NaiveDate>,
    /// Today: the received day of a file that has no other.
    pub today: NaiveDate,
    /// How the spreadsheets are read: the roster, the fields, the committee's names.
    pub check: CheckOptions,
}

/// A file of the inbox moved to `_thay-the` because a later version replaced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// Where it was, relative to the workspace.
    pub from: String,
    /// Where it is now.
    pub to: String,
    /// The file that replaced it.
    pub replaced_by: String,
}

/// What an intake did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Intake {
    /// The rows added to the receipt log, in the order the files were found.
    pub received: Vec<Receipt>,
    /// The files moved to `_thay-the`.
    pub moved: Vec<Moved>,
    /// Files passed over because the log already has them (the same bytes under the same
    /// name): what a second run on the same sources finds.
    pub already_received: usize,
    /// The receipt log, relative to the workspace.
    pub log: String,
    /// Its rows after the intake.
    pub log_rows: usize,
    /// Whether it was written (only when it gained rows or a file moved).
    pub log_written: bool,
}

/// What became of one item, as planned before anything is written.
struct Plan {
    outcome: Outcome,
    unit: Option<String>,
    year: Option<i32>,
    form: String,
    rows: Option<usize>,
    errors: Option<usize>,
    /// Where it goes, relative to the workspace (none for a duplicate).
    filed: Option<String>,
    note: String,
}

/// Takes in every file of the sources: see the module's documentation.
///
/// # Example
///
/// ```no_run
/// use dvk::collect::intake::{run, IntakeOptions};
/// use dvk::pipeline::CheckOptions;
///
/// let options = IntakeOptions {
///     sources: vec!["tai-ve".into()],
///     root: ".".into(),
///     inbox: "hop-thu".into(),
///     received: None,
///     today: chrono::Local::now().date_naive(),
///     check: CheckOptions::new(Vec::new()),
/// };
/// let intake = run(&options).unwrap();
/// println!("{} tệp mới", intake.received.len());
/// ```
pub fn run(options: &IntakeOptions) -> Result<Intake> {
    refuse_sources_in_inbox(options)?;
    let mut log = Receipts::load(&options.root)?;
    let root = log.root().to_path_buf();
    create_folder(&options.inbox)?;
    let inbox = options
        .inbox
        .canonicalize()
        .unwrap_or_else(|_| options.inbox.clone());
    let items = sources::gather(&options.sources)?;
    let hashes: Vec<String> = items
        .par_iter()
        .map(|item| receipts::sha256_hex(&item.bytes))
        .collect();
    // Already received: the same bytes under the same name (a second run on the same sources).
    let known: HashSet<(&str, &str)> = log
        .rows
        .iter()
        .map(|r| (r.sha256.as_str(), r.name.as_str()))
        .collect();
    let fresh: Vec<usize> = (0..items.len())
        .filter(|&i| !known.contains(&(hashes[i].as_str(), items[i].name.as_str())))
        .collect();
    let already_received = items.len() - fresh.len();
    // Copies among the new files: the one without a copy mark ("(1)") is kept.
    let prints: Vec<Option<Fingerprint>> = fresh
        .iter()
        .map(|&i| Some(fingerprint(&hashes[i], items[i].bytes.len())))
        .collect();
    let names: Vec<&str> = fresh.iter().map(|&i| items[i].name.as_str()).collect();
    let copy_of: Vec<Option<usize>> = resubmissions::duplicate_files(&prints, &names)
        .into_iter()
        .map(|kept| kept.map(|k| fresh[k]))
        .collect();
    let mut plans: HashMap<usize, Plan> = HashMap::new();
    let mut to_read: Vec<usize> = Vec::new();
    for (k, &i) in fresh.iter().enumerate() {
        if let Some(row) = log.row_of_hash(&hashes[i]) {
            plans.insert(i, duplicate_plan(&log.rows[row], &items[i]));
        } else if copy_of[k].is_some() {
            // Planned once the copy kept is placed.
        } else if classify(Path::new(&items[i].name)) == FileKind::Spreadsheet
            && items[i].note.is_none()
        {
            to_read.push(i);
        }
    }
    let staging = tempfile::tempdir().map_err(|e| Error::Output {
        path: std::env::temp_dir(),
        reason: format!("không tạo được thư mục tạm ({e})"),
    })?;
    let readings = read_items(&items, &to_read, staging.path(), &options.check)?;
    let mut read_of: HashMap<usize, Reading> = to_read.iter().copied().zip(readings).collect();
    for &i in &to_read {
        if let Some(reading) = read_of.get(&i) {
            plans.insert(i, spreadsheet_plan(reading));
        }
    }
    // Letters, PDFs, anything else: with the spreadsheets that came in the same sending.
    for (k, &i) in fresh.iter().enumerate() {
        if plans.contains_key(&i) || copy_of[k].is_some() {
            continue;
        }
        plans.insert(i, companion_plan(&items, i, &plans));
    }
    let replaced = supersede(&items, &mut plans, &mut read_of, &log, options, &root)?;
    let received_on = |i: usize| {
        options
            .received
            .or(items[i].mailed)
            .or(items[i].modified)
            .unwrap_or(options.today)
    };
    // Places in the inbox, never taken twice, never over a file that is there.
    let mut taken: HashSet<String> = HashSet::new();
    for &i in &fresh {
        let Some(plan) = plans.get_mut(&i) else {
            continue;
        };
        if plan.outcome == Outcome::Duplicate {
            continue;
        }
        let folder = folder_of(plan, &inbox);
        let name = file_name(plan, &items[i], received_on(i));
        let path = unique_path(&folder, &name, &mut taken);
        plan.filed = Some(relative(&root, &path));
    }
    // The copies point at the file kept.
    for (k, &i) in fresh.iter().enumerate() {
        let Some(kept) = copy_of[k] else { continue };
        if plans.contains_key(&i) {
            continue; // the log has its bytes already: a duplicate of that
        }
        let kept_filed = plans.get(&kept).and_then(|p| p.filed.clone());
        let kept_plan = plans.get(&kept);
        let plan = Plan {
            outcome: Outcome::Duplicate,
            unit: kept_plan.and_then(|p| p.unit.clone()),
            year: kept_plan.and_then(|p| p.year),
            form: kept_plan.map(|p| p.form.clone()).unwrap_or_default(),
            rows: None,
            errors: None,
            filed: None,
            note: format!(
                "Giống hệt tệp «{}» nhận cùng lần ({}): không lưu lại",
                items[kept].name,
                kept_filed.as_deref().unwrap_or("")
            ),
        };
        plans.insert(i, plan);
    }
    // Which replaced which, in words, now that every place is known.
    let mut moved = Vec::new();
    for replacement in &replaced {
        let by = filed_of(&plans, &log, replacement.by);
        match replacement.earlier {
            Earlier::New(i) => {
                if let Some(plan) = plans.get_mut(&i) {
                    plan.note = format!(
                        "Đã có bản sau «{by}» ({}): lưu vào {REPLACED_FOLDER}",
                        replacement.why
                    );
                }
            }
            Earlier::Filed(row) => {
                let Some(from) = log.rows.get(row).and_then(|r| r.filed.clone()) else {
                    continue;
                };
                let from_path = root.join(&from);
                let year_folder = from_path
                    .parent()
                    .and_then(Path::parent)
                    .unwrap_or(&root)
                    .to_path_buf();
                let unit_folder = from_path
                    .parent()
                    .and_then(Path::file_name)
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let name = from_path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let to_path = unique_path(
                    &year_folder.join(REPLACED_FOLDER).join(unit_folder),
                    &name,
                    &mut taken,
                );
                let to = relative(&root, &to_path);
                moved.push(Moved {
                    from: from.clone(),
                    to,
                    replaced_by: by.clone(),
                });
            }
        }
        if let Replacer::New(i) = replacement.by {
            let earlier = filed_of_earlier(&plans, &log, &replacement.earlier, &moved);
            if let Some(plan) = plans.get_mut(&i) {
                plan.outcome = Outcome::Replacing;
                let note = format!("Thay bản trước «{earlier}» ({})", replacement.why);
                plan.note = if plan.note.is_empty() {
                    note
                } else {
                    format!("{}; {note}", plan.note)
                };
            }
        }
    }
    // Writing: the moves, then the new files, then the log.
    for m in &moved {
        move_file(&root.join(&m.from), &root.join(&m.to))?;
        if let Some(row) = log.row_of_filed(&m.from) {
            log.moved(
                row,
                m.to.clone(),
                &format!(
                    "được thay bằng «{}»: chuyển vào {REPLACED_FOLDER}",
                    m.replaced_by
                ),
            );
        }
    }
    let mut received = Vec::new();
    for &i in &fresh {
        let Some(plan) = plans.remove(&i) else {
            continue;
        };
        let item = &items[i];
        if let Some(filed) = &plan.filed {
            let path = root.join(filed);
            create_folder(path.parent().unwrap_or(&root))?;
            crate::output::atomic::write_new(&path, &item.bytes)?;
        }
        let mut note = plan.note;
        if let Some(extra) = &item.note {
            note = if note.is_empty() {
                crate::text::capitalized(extra)
            } else {
                format!("{note}; {extra}")
            };
        }
        let row = Receipt {
            received: received_on(i),
            from: item.from.clone(),
            name: item.name.clone(),
            unit: plan.unit,
            year: plan.year,
            form: plan.form,
            rows: plan.rows,
            errors: plan.errors,
            filed: plan.filed,
            outcome: plan.outcome,
            note,
            source: item.source.clone(),
            sha256: hashes[i].clone(),
        };
        log.push(row.clone());
        received.push(row);
    }
    let log_path = root.join(RECEIPT_LOG);
    let log_written = !received.is_empty() || !moved.is_empty();
    if log_written {
        crate::output::receipts::write_log(&log_path, &log.rows)?;
    }
    Ok(Intake {
        received,
        moved,
        already_received,
        log: RECEIPT_LOG.to_string(),
        log_rows: log.rows.len(),
        log_written,
    })
}

/// A source inside the inbox (or holding it) would take the inbox in again.
fn refuse_sources_in_inbox(options: &IntakeOptions) -> Result<()> {
    let Ok(inbox) = options.inbox.canonicalize() else {
        return Ok(());
    };
    for source in &options.sources {
        let Ok(canonical) = source.canonicalize() else {
            continue;
        };
        if canonical.starts_with(&inbox) || inbox.starts_with(&canonical) {
            return Err(Error::Usage(format!(
                "nguồn {} là hộp thư hoặc chứa hộp thư {}: ghi thư mục tải về, tệp nén hoặc thư .eml cần nhận",
                source.display(),
                options.inbox.display()
            )));
        }
    }
    Ok(())
}

/// A fingerprint made of the SHA-256, for the rule of copies.
fn fingerprint(sha256: &str, len: usize) -> Fingerprint {
    let part = |from: usize| {
        sha256
            .get(from..from + 16)
            .and_then(|h| u64::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    (len as u64, part(0), part(16))
}

/// A file whose bytes the log already has under another name.
fn duplicate_plan(first: &Receipt, item: &Item) -> Plan {
    let place = first.filed.as_deref().unwrap_or(first.name.as_str());
    let _ = item;
    Plan {
        outcome: Outcome::Duplicate,
        unit: first.unit.clone(),
        year: first.year,
        form: first.form.clone(),
        rows: None,
        errors: None,
        filed: None,
        note: format!(
            "Giống hệt tệp «{}» đã nhận ngày {} ({place}): không lưu lại",
            first.name,
            crate::sheet::format_date(first.received)
        ),
    }
}

/// Reads the spreadsheets among `items`: those given as themselves where they are, the others
/// (out of archives and e-mails) from a staging folder, under the folders they had.
fn read_items(
    items: &[Item],
    indices: &[usize],
    staging: &Path,
    check: &CheckOptions,
) -> Result<Vec<Reading>> {
    let mut files = Vec::with_capacity(indices.len());
    for (k, &i) in indices.iter().enumerate() {
        let item = &items[i];
        let path = match &item.path {
            Some(path) => path.clone(),
            None => {
                let mut path = staging.join(format!("{k:05}"));
                for folder in &item.folders {
                    path.push(safe_file_name(folder));
                }
                create_folder(&path)?;
                path.push(safe_file_name(&item.name));
                std::fs::write(&path, &item.bytes).map_err(|e| Error::Output {
                    path: path.clone(),
                    reason: format!("không ghi được tệp tạm ({e})"),
                })?;
                path
            }
        };
        files.push((path, item.name.clone()));
    }
    Ok(pipeline::read_alone(&files, check))
}

/// The form's short code, as the templates name their files: M1 (collective registrations),
/// M2 (individual), M1-M2 (both), TĐG (self-assessment), BX (the committee's decision), DS
/// (a roster).
fn form_code(reading: &Reading) -> String {
    let (mut collective, mut individual, mut assessed, mut decided, mut roster) =
        (false, false, false, false, false);
    for record in &reading.records {
        match record {
            Record::Registration(r) => match r.kind {
                Kind::Collective => collective = true,
                Kind::Individual => individual = true,
            },
            Record::SelfAssessment(_) => assessed = true,
            Record::Decision(_) => decided = true,
            Record::Roster(_) => roster = true,
        }
    }
    let code = match (collective, individual) {
        (true, true) => "M1-M2",
        (true, false) => "M1",
        (false, true) => "M2",
        _ if assessed => "TĐG",
        _ if decided => "BX",
        _ if roster => "DS",
        _ => match reading.entry.form {
            FileForm::Registration => "ĐK",
            FileForm::SelfAssessment => "TĐG",
            FileForm::Roster => "DS",
            FileForm::Unknown => "",
        },
    };
    code.to_string()
}

/// A spreadsheet read: its unit's folder when its unit and year are told, else
/// `chua-xac-dinh` with the reason.
fn spreadsheet_plan(reading: &Reading) -> Plan {
    let entry = &reading.entry;
    let errors = reading
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let reason = unsorted_reason(reading);
    Plan {
        outcome: if reason.is_some() {
            Outcome::Unsorted
        } else {
            Outcome::Filed
        },
        unit: entry.unit.clone(),
        year: entry.year,
        form: form_code(reading),
        rows: Some(entry.rows),
        errors: Some(errors),
        filed: None,
        note: reason.unwrap_or_default(),
    }
}

/// Why a spreadsheet's unit or year cannot be told, in words for the clerk; `None` when both
/// are.
fn unsorted_reason(reading: &Reading) -> Option<String> {
    let entry = &reading.entry;
    if entry.status == FileStatus::Failed {
        let why = reading
            .findings
            .first()
            .map(|f| f.message.clone())
            .unwrap_or_else(|| "không đọc được tệp".to_string());
        return Some(why);
    }
    if entry.form == FileForm::Unknown {
        return Some("Không nhận ra biểu mẫu nào trong tệp".to_string());
    }
    if entry.form == FileForm::Roster {
        return Some("Danh sách chi bộ, không phải hồ sơ của một chi bộ".to_string());
    }
    if entry.unit.is_none() {
        let units: HashSet<&str> = reading.records.iter().map(Record::unit).collect();
        let unknown: Vec<String> = reading
            .findings
            .iter()
            .filter(|f| f.code == Code::UnknownCell)
            .filter_map(|f| f.value.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|u| format!("«{u}»"))
            .collect();
        let said = reading
            .findings
            .iter()
            .find(|f| matches!(f.code, Code::UnnamedUnit | Code::AmbiguousUnit))
            .map(|f| f.message.clone());
        return Some(if units.len() > 1 {
            format!(
                "Tệp có dòng của {} chi bộ: không xếp vào một chi bộ",
                units.len()
            )
        } else if !unknown.is_empty() {
            format!("{} không có trong danh sách chi bộ", unknown.join(", "))
        } else if let Some(said) = said {
            said
        } else {
            "Không xác định được chi bộ (tiêu đề, tên tệp và các dòng không ghi tên chi bộ nào được nhận)".to_string()
        });
    }
    if entry.year.is_none() {
        return Some("Không xác định được năm thi đua".to_string());
    }
    None
}

/// A letter, a PDF or another file: beside the spreadsheets of its sending (its e-mail, its
/// archive, its folder) when they are all of one unit and year, else `chua-xac-dinh`.
fn companion_plan(items: &[Item], i: usize, plans: &HashMap<usize, Plan>) -> Plan {
    let item = &items[i];
    let places: HashSet<(String, i32)> = plans
        .iter()
        .filter(|(&j, _)| items[j].container == item.container)
        .filter_map(|(_, p)| match (p.outcome, &p.unit, p.year) {
            (Outcome::Filed, Some(unit), Some(year)) => Some((unit.clone(), year)),
            _ => None,
        })
        .collect();
    let form = kind_of_file(&item.name);
    let many = places.len() > 1;
    if places.len() == 1 {
        if let Some((unit, year)) = places.into_iter().next() {
            return Plan {
                outcome: Outcome::Filed,
                unit: Some(unit),
                year: Some(year),
                form,
                rows: None,
                errors: None,
                filed: None,
                note: String::new(),
            };
        }
    }
    let note = if !many {
        "Không phải bảng tính, gửi kèm không có biểu mẫu nào của một chi bộ: không rõ của chi bộ nào"
    } else {
        "Không phải bảng tính, gửi kèm biểu mẫu của nhiều chi bộ: không rõ của chi bộ nào"
    };
    Plan {
        outcome: Outcome::Unsorted,
        unit: None,
        year: None,
        form,
        rows: None,
        errors: None,
        filed: None,
        note: note.to_string(),
    }
}

/// What a file that is not a form is, by its extension: "Word", "PDF", "Ảnh", "Thư Outlook" …
fn kind_of_file(name: &str) -> String {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "doc" | "docx" | "odt" | "rtf" => "Word".to_string(),
        "pdf" => "PDF".to_string(),
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "tif" | "tiff" | "heic" => "Ảnh".to_string(),
        "msg" => "Thư Outlook".to_string(),
        "zip" | "rar" | "7z" => "Tệp nén".to_string(),
        "eml" => "Thư".to_string(),
        "" => "Tệp".to_string(),
        other => other.to_uppercase(),
    }
}

/// The earlier file of a replacement: one received now, or one the log has filed.
enum Earlier {
    New(usize),
    Filed(usize),
}

/// The later file of a replacement.
#[derive(Clone, Copy)]
enum Replacer {
    New(usize),
    Filed(usize),
}

struct Replacement {
    earlier: Earlier,
    by: Replacer,
    why: String,
}

/// Which versions replace which, among the new spreadsheets and those the inbox holds in force
/// for the same units and years: [`resubmissions::superseded_files`]. A new file replaced
/// becomes [`Outcome::Replaced`] (filed in `_thay-the`).
fn supersede(
    items: &[Item],
    plans: &mut HashMap<usize, Plan>,
    read_of: &mut HashMap<usize, Reading>,
    log: &Receipts,
    options: &IntakeOptions,
    root: &Path,
) -> Result<Vec<Replacement>> {
    let mut new: Vec<usize> = plans
        .iter()
        .filter(|(i, p)| p.outcome == Outcome::Filed && read_of.contains_key(i))
        .map(|(&i, _)| i)
        .collect();
    new.sort_unstable();
    let touched: HashSet<(String, i32)> = new
        .iter()
        .filter_map(|i| {
            let p = plans.get(i)?;
            Some((crate::judge::roster::unit_key(p.unit.as_deref()?), p.year?))
        })
        .collect();
    if touched.is_empty() {
        return Ok(Vec::new());
    }
    // The files the inbox holds in force for those units and years.
    let filed: Vec<usize> = log
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.outcome, Outcome::Filed | Outcome::Replacing))
        .filter(|(_, r)| {
            let in_force = r.filed.as_deref().is_some_and(|f| {
                !f.split('/').any(|part| part == REPLACED_FOLDER) && root.join(f).is_file()
            });
            let key = r
                .unit
                .as_deref()
                .map(crate::judge::roster::unit_key)
                .zip(r.year);
            in_force && key.is_some_and(|k| touched.contains(&k))
        })
        .map(|(i, _)| i)
        .collect();
    let files: Vec<(PathBuf, String)> = filed
        .iter()
        .filter_map(|&row| {
            let r = log.rows.get(row)?;
            let f = r.filed.as_deref()?;
            Some((root.join(f), f.to_string()))
        })
        .collect();
    let earlier_readings = pipeline::read_alone(&files, &options.check);
    // Earlier files first: with nothing else to tell them apart, the later in order wins.
    let names: Vec<String> = filed
        .iter()
        .map(|&row| log.rows[row].name.clone())
        .chain(new.iter().map(|&i| items[i].name.clone()))
        .collect();
    let received: Vec<NaiveDate> = filed
        .iter()
        .map(|&row| log.rows[row].received)
        .chain(new.iter().map(|&i| {
            options
                .received
                .or(items[i].mailed)
                .or(items[i].modified)
                .unwrap_or(options.today)
        }))
        .collect();
    let records: Vec<&[Record]> = earlier_readings
        .iter()
        .map(|r| r.records.as_slice())
        .chain(
            new.iter()
                .map(|i| read_of.get(i).map_or(&[][..], |r| r.records.as_slice())),
        )
        .collect();
    let submissions: Vec<Submission<'_>> = names
        .iter()
        .zip(&records)
        .map(|(name, records)| Submission {
            path: name,
            fingerprint: None,
            records,
        })
        .collect();
    let modified = |k: usize| {
        let day = received.get(k)?;
        let seconds = day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(seconds).ok()?))
    };
    let fates = resubmissions::superseded_files(&submissions, modified);
    let who = |k: usize| {
        if k < filed.len() {
            Replacer::Filed(filed[k])
        } else {
            Replacer::New(new[k - filed.len()])
        }
    };
    let mut replacements = Vec::new();
    for (k, fate) in fates.iter().enumerate() {
        let Fate::Superseded(by, why) = fate else {
            continue;
        };
        let earlier = match who(k) {
            Replacer::Filed(row) => Earlier::Filed(row),
            Replacer::New(i) => {
                if let Some(plan) = plans.get_mut(&i) {
                    plan.outcome = Outcome::Replaced;
                }
                Earlier::New(i)
            }
        };
        replacements.push(Replacement {
            earlier,
            by: who(*by),
            why: why.words(),
        });
    }
    Ok(replacements)
}

/// Where a replacing file lies (or will lie), relative to the workspace.
fn filed_of(plans: &HashMap<usize, Plan>, log: &Receipts, who: Replacer) -> String {
    match who {
        Replacer::New(i) => plans.get(&i).and_then(|p| p.filed.clone()),
        Replacer::Filed(row) => log.rows.get(row).and_then(|r| r.filed.clone()),
    }
    .unwrap_or_default()
}

/// Where a replaced file lies after the intake.
fn filed_of_earlier(
    plans: &HashMap<usize, Plan>,
    log: &Receipts,
    earlier: &Earlier,
    moved: &[Moved],
) -> String {
    match earlier {
        Earlier::New(i) => plans.get(i).and_then(|p| p.filed.clone()),
        Earlier::Filed(row) => log.rows.get(*row).and_then(|r| {
            let from = r.filed.as_deref()?;
            moved
                .iter()
                .find(|m| m.from == from)
                .map(|m| m.to.clone())
                .or_else(|| Some(from.to_string()))
        }),
    }
    .unwrap_or_default()
}

/// The unit's folder of the year (`hop-thu/2025/Chi bộ Văn phòng`), its `_thay-the` for a file
/// already replaced, or `hop-thu/chua-xac-dinh`.
fn folder_of(plan: &Plan, inbox: &Path) -> PathBuf {
    match (plan.outcome, &plan.unit, plan.year) {
        (Outcome::Filed | Outcome::Replacing, Some(unit), Some(year)) => inbox
            .join(year.to_string())
            .join(safe_file_name(&unit_title(unit))),
        (Outcome::Replaced, Some(unit), Some(year)) => inbox
            .join(year.to_string())
            .join(REPLACED_FOLDER)
            .join(safe_file_name(&unit_title(unit))),
        _ => inbox.join(UNSORTED_FOLDER),
    }
}

/// "2025-03-12 M1 Chi bộ Văn phòng.xlsx" for a form of a unit; "2025-03-12 Công văn.docx" for
/// any other file (the folder says whose it is).
fn file_name(plan: &Plan, item: &Item, day: NaiveDate) -> String {
    let path = Path::new(&item.name);
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy().to_ascii_lowercase()))
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let date = day.format("%Y-%m-%d");
    let is_form = classify(path) == FileKind::Spreadsheet && !plan.form.is_empty();
    let name = match (&plan.unit, plan.outcome) {
        (Some(unit), Outcome::Filed | Outcome::Replacing | Outcome::Replaced) if is_form => {
            format!("{date} {} {}", plan.form, unit_title(unit))
        }
        _ => format!("{date} {stem}"),
    };
    format!("{}{extension}", safe_file_name(&name))
}

/// `folder/name`, or `name (2)`, `name (3)` … when a file of that name (compared as Windows
/// does, ignoring case) is there or already planned.
fn unique_path(folder: &Path, name: &str, taken: &mut HashSet<String>) -> PathBuf {
    let path = Path::new(name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let existing: HashSet<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let mut candidate = name.to_string();
    let mut n = 2;
    loop {
        let key = folder.join(candidate.to_lowercase()).display().to_string();
        if !existing.contains(&candidate.to_lowercase()) && taken.insert(key) {
            return folder.join(candidate);
        }
        candidate = format!("{stem} ({n}){extension}");
        n += 1;
    }
}

/// `path` relative to the workspace, `/` separated (absolute when outside it).
fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(relative) => receipts::slashed(relative),
        Err(_) => path.display().to_string(),
    }
}

fn create_folder(folder: &Path) -> Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| Error::Output {
        path: folder.to_path_buf(),
        reason: format!("không tạo được thư mục ({e})"),
    })
}

/// Moves a file of the inbox, never over another.
fn move_file(from: &Path, to: &Path) -> Result<()> {
    if let Some(folder) = to.parent() {
        create_folder(folder)?;
    }
    if to.exists() {
        return Err(Error::Output {
            path: to.to_path_buf(),
            reason: "đã có tệp cùng tên: không ghi đè".to_string(),
        });
    }
    std::fs::rename(from, to).map_err(|e| Error::Output {
        path: to.to_path_buf(),
        reason: format!("không chuyển được tệp {} vào đây ({e})", from.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_ignoring_case_and_kinds_are_named() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("a.xlsx"), b"x").expect("write");
        let mut taken = HashSet::new();
        let first = unique_path(dir.path(), "A.xlsx", &mut taken);
        assert!(first.ends_with("A (2).xlsx"));
        let second = unique_path(dir.path(), "A.xlsx", &mut taken);
        assert!(second.ends_with("A (3).xlsx"));
        assert_eq!(kind_of_file("Cong van.DOCX"), "Word");
        assert_eq!(kind_of_file("ky.pdf"), "PDF");
        assert_eq!(kind_of_file("thu.msg"), "Thư Outlook");
        let print = fingerprint(&"ab".repeat(32), 10);
        assert_eq!(print.0, 10);
    }
}
