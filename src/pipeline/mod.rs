//! The pipeline: stages 1–3 over a set of paths, the run behind `dvk check` (and the first
//! step of `dvk missing` and `dvk report`).
//!
//! In: [`CheckOptions`] (paths, roster, rules, fields, the date to judge by). Out: a
//! [`CheckReport`]. Each file is ingested, recognized and validated on its own, in parallel
//! ([`crate::ingest`], [`crate::recognize`]), its unit names matched to the roster
//! ([`crate::judge::cross_file::name_units`]); then the checks that need every file at once run
//! in file order: duplicates, then deadlines, self-assessments and quotas
//! ([`crate::judge::assess`]).

pub mod check_report;
pub(crate) mod memory;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use self::check_report::{
    excel_row, excel_rows, row_ranges, CheckReport, FileEntry, FileForm, FileStatus, RuleApplied,
    SectionEntry, SectionSets, SheetEntry, SheetStructure, Summary, TotalEntry,
};
use self::memory::{free_aside, take_or_append};
use crate::collect::receipts::Receipts;
use crate::dvk_workbooks::{Category, MODELS_SHEET};
use crate::error::Result;
use crate::findings::{Code, Finding, Severity};
use crate::ingest::discover::{self, FileKind, FoundFile};
use crate::ingest::read::{self, ReadError};
use crate::judge::assess;
use crate::judge::cross_file::{name_units, reject_duplicates};
use crate::judge::resubmissions::{self, Fate, Fingerprint};
use crate::judge::roster::Roster;
use crate::judge::units::{Naming, SheetUnit};
use crate::recognize::body::Structure;
use crate::recognize::validate::{self, Record};
use crate::recognize::values::{FieldList, Kind};
use crate::recognize::{forms, reported, vertical};
use crate::rules::Rules;

/// What `dvk check` needs to know.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files and folders to read.
    pub paths: Vec<PathBuf>,
    /// The committee's roster, if given, and its path as shown in findings about cells.
    pub roster: Option<(Roster, String)>,
    /// The date "due" and "late" are judged against.
    pub as_of: chrono::NaiveDate,
    /// The rules of each cycle year.
    pub rules: Rules,
    /// The allowed fields (lĩnh vực).
    pub domains: Vec<String>,
    /// Other names of some fields (`[committee.field_synonyms]` of `dvk.toml`).
    pub field_synonyms: Vec<(String, Vec<String>)>,
    /// Whether to draw a progress bar on stderr.
    pub progress: bool,
    /// The committee's own name and the higher committee's: never read as a unit's.
    pub committees: Vec<String>,
    /// The workspace's receipt log (`dvk intake`), when it has one: the day a file was
    /// received dates the forms that carry no date of their own and no date line.
    pub receipts: Option<Receipts>,
}

impl CheckOptions {
    /// Options with the built-in rules and fields (see [`crate::rules::config::Config::builtin`]), no
    /// roster, judged as of today.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::pipeline::CheckOptions;
    ///
    /// let options = CheckOptions::new(vec!["samples".into()]);
    /// assert!(options.roster.is_none());
    /// ```
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let config = crate::rules::config::Config::builtin();
        CheckOptions {
            paths,
            roster: None,
            as_of: chrono::Local::now().date_naive(),
            rules: config.rules,
            domains: config.fields,
            field_synonyms: config.field_synonyms,
            progress: false,
            committees: vec![
                config.committee.issuer,
                config.committee.organisation,
                config.committee.higher,
            ],
            receipts: None,
        }
    }
}

fn rules_applied(records: &[Record], rules: &Rules) -> Vec<RuleApplied> {
    Record::years(records)
        .into_iter()
        .map(|year| {
            let rule = rules.for_year(year);
            RuleApplied {
                year,
                origin: match rule.origin {
                    crate::rules::RuleOrigin::Builtin => "builtin",
                    crate::rules::RuleOrigin::Config => "config",
                    crate::rules::RuleOrigin::Default => "default",
                },
                source: rule.source,
                registration_due: rule.registration_due.describe(),
                self_assessment_due: rule.self_assessment_due.describe(),
            }
        })
        .collect()
}

/// Runs the whole check.
///
/// # Example
///
/// ```no_run
/// use dvk::pipeline::{run, CheckOptions};
///
/// let report = run(&CheckOptions::new(vec!["samples".into()])).unwrap();
/// let s = &report.summary;
/// assert_eq!(s.rows, s.rows_accepted + s.rows_rejected);
/// ```
pub fn run(options: &CheckOptions) -> Result<CheckReport> {
    let found = discover::find_files(&options.paths)?;
    let progress = progress_bar(options.progress, found.len());
    let fields = FieldList::with_synonyms(options.domains.clone(), &options.field_synonyms);
    let roster = options.roster.as_ref().map(|(roster, _)| roster);
    let naming = Naming::new(roster, &options.committees);
    // Workbooks are read in worker processes (`read::isolated`), in parallel; each outcome
    // goes to its file's slot, so the output is the same whatever the scheduling.
    let slots: Vec<OnceLock<FileOutcome>> = found.iter().map(|_| OnceLock::new()).collect();
    let mut spreadsheets: Vec<usize> = Vec::new();
    for (i, file) in found.iter().enumerate() {
        if file.kind == FileKind::Spreadsheet {
            spreadsheets.push(i);
        } else {
            let _ = slots[i].set(process_file(file, Err(None), &fields, roster, &naming));
            progress.inc(1);
        }
    }
    let paths: Vec<&Path> = spreadsheets
        .iter()
        .map(|&i| found[i].path.as_path())
        .collect();
    read::isolated::read_all(&paths, |k, book| {
        let i = spreadsheets[k];
        let outcome = process_file(&found[i], book.map_err(Some), &fields, roster, &naming);
        let _ = slots[i].set(outcome);
        progress.inc(1);
    });
    progress.finish_and_clear();
    let mut outcomes: Vec<FileOutcome> = slots
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_default())
        .collect();
    if let Some(receipts) = &options.receipts {
        for (outcome, file) in outcomes.iter_mut().zip(&found) {
            date_by_receipt(&mut outcome.records, &file.path, receipts);
        }
    }
    Ok(assemble(outcomes, &found, options))
}

/// Dates the registrations and self-assessments of a file that carry no date of their own
/// and no date line by the day the receipt log says the file was received.
fn date_by_receipt(records: &mut [Record], path: &Path, receipts: &Receipts) {
    let undated = |r: &Record| match r {
        Record::Registration(r) => r.date.is_none(),
        Record::SelfAssessment(a) => a.date.is_none(),
        _ => false,
    };
    if !records.iter().any(undated) {
        return;
    }
    let Some(day) = receipts.received_on(path) else {
        return;
    };
    for record in records {
        let date = match record {
            Record::Registration(r) => &mut r.date,
            Record::SelfAssessment(a) => &mut a.date,
            _ => continue,
        };
        if date.is_none() {
            *date = Some(validate::Dated {
                date: day,
                column: None,
                received: true,
            });
        }
    }
}

/// One spreadsheet as `dvk check` reads it, alone: what [`read_alone`] gives.
#[derive(Debug)]
pub struct Reading {
    /// The file's entry: form, unit and year (when all its accepted rows agree), rows.
    pub entry: FileEntry,
    /// The findings of reading, recognizing and validating it, and of naming its units.
    pub findings: Vec<Finding>,
    /// Its accepted records.
    pub records: Vec<Record>,
}

/// Reads each spreadsheet on its own, as `dvk check` reads it (in worker processes, in
/// parallel): read, recognize, validate, units named by the roster of `options`; none of the
/// checks across files. `files` are the path of each and the name shown for it.
///
/// # Example
///
/// ```no_run
/// use dvk::pipeline::{read_alone, CheckOptions};
///
/// let file = ("samples/2018/dang-ky/01_van_phong.xlsx".into(), "01_van_phong.xlsx".to_string());
/// let readings = read_alone(&[file], &CheckOptions::new(Vec::new()));
/// assert_eq!(readings[0].entry.year, Some(2018));
/// ```
pub fn read_alone(files: &[(PathBuf, String)], options: &CheckOptions) -> Vec<Reading> {
    let found: Vec<FoundFile> = files
        .iter()
        .map(|(path, display)| FoundFile {
            path: path.clone(),
            display: display.clone(),
            kind: FileKind::Spreadsheet,
            problem: None,
        })
        .collect();
    let fields = FieldList::with_synonyms(options.domains.clone(), &options.field_synonyms);
    let roster = options.roster.as_ref().map(|(roster, _)| roster);
    let naming = Naming::new(roster, &options.committees);
    let slots: Vec<OnceLock<FileOutcome>> = found.iter().map(|_| OnceLock::new()).collect();
    let paths: Vec<&Path> = found.iter().map(|f| f.path.as_path()).collect();
    read::isolated::read_all(&paths, |i, book| {
        let outcome = process_file(&found[i], book.map_err(Some), &fields, roster, &naming);
        let _ = slots[i].set(outcome);
    });
    slots
        .into_iter()
        .zip(&found)
        .map(|(slot, file)| {
            let outcome = slot.into_inner().unwrap_or_default();
            let mut entry = outcome.entry.unwrap_or_else(|| FileEntry {
                path: file.display.clone(),
                status: FileStatus::Failed,
                form: FileForm::Unknown,
                sheet: None,
                unit: None,
                year: None,
                rows: 0,
                duplicate_of: None,
                superseded_by: None,
                sheets: Vec::new(),
                location: file.path.clone(),
            });
            describe_files(std::slice::from_mut(&mut entry), &outcome.records);
            Reading {
                entry,
                findings: outcome.findings,
                records: outcome.records,
            }
        })
        .collect()
}

/// A progress bar on stderr for long runs, hidden unless asked for (the command line asks
/// only when stderr is a terminal and neither `--quiet` nor `--json` is given).
fn progress_bar(shown: bool, files: usize) -> ProgressBar {
    const MIN_FILES: usize = 50;
    if !shown || files < MIN_FILES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} Đang đọc {pos}/{len} tệp [{bar:30}] {eta} còn lại")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// What reading one file gave, before the checks across files.
#[derive(Debug, Default)]
struct FileOutcome {
    entry: Option<FileEntry>,
    findings: Vec<Finding>,
    records: Vec<Record>,
    rows: usize,
    /// The fingerprint of the file's bytes, when it was read.
    fingerprint: Option<Fingerprint>,
}

/// One file's outcome; `book` is what reading it gave when it is a spreadsheet.
fn process_file(
    file: &FoundFile,
    book: std::result::Result<read::Workbook, Option<ReadError>>,
    domains: &FieldList,
    roster: Option<&Roster>,
    naming: &Naming,
) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let mut entry = FileEntry {
        path: file.display.clone(),
        status: FileStatus::Read,
        form: FileForm::Unknown,
        sheet: None,
        unit: None,
        year: None,
        rows: 0,
        duplicate_of: None,
        superseded_by: None,
        sheets: Vec::new(),
        location: file.path.clone(),
    };
    match file.kind {
        FileKind::LockFile | FileKind::Other | FileKind::NotRegular | FileKind::ReceiptLog => {
            entry.status = FileStatus::Skipped;
            let message = match file.kind {
                FileKind::LockFile => {
                    "Tệp khóa tạm của Excel/LibreOffice, không phải biểu mẫu: bỏ qua"
                }
                FileKind::NotRegular => {
                    "Không phải tệp thường (ống dẫn, thiết bị hay socket): không mở, bỏ qua"
                }
                FileKind::ReceiptLog => {
                    "Sổ nhận hồ sơ do dvk intake ghi, không phải biểu mẫu: bỏ qua"
                }
                _ => "Không phải bảng tính (.xlsx, .xls, .ods): bỏ qua",
            };
            outcome
                .findings
                .push(Finding::new(Code::UnsupportedFile, &file.display, message));
        }
        FileKind::SymlinkLoop
        | FileKind::UnreadableFolder
        | FileKind::UnreadableFile
        | FileKind::OtherWorkspace
        | FileKind::ReplacedArchive => {
            walk_problem(file, &mut entry, &mut outcome);
        }
        FileKind::Spreadsheet => match book {
            Ok(book) => {
                let sheets = Sheets { domains, naming };
                read_book(file, book, &sheets, &mut entry, &mut outcome)
            }
            Err(error) => {
                let error = error.unwrap_or_else(|| {
                    ReadError::Unreadable("không có kết quả đọc tệp".to_string())
                });
                entry.status = FileStatus::Failed;
                let finding = match error {
                    ReadError::Encrypted => Finding::new(
                        Code::EncryptedFile,
                        &file.display,
                        "Tệp được bảo vệ bằng mật khẩu: đề nghị chi bộ gửi lại bản không đặt mật khẩu",
                    ),
                    ReadError::Unreadable(reason) => Finding::new(
                        Code::UnreadableFile,
                        &file.display,
                        format!("Không đọc được tệp: {reason}. Đề nghị chi bộ gửi lại"),
                    ),
                    ReadError::TooLarge(reason) => Finding::new(
                        Code::OversizedFile,
                        &file.display,
                        format!("Không đọc tệp: {reason}. Đề nghị chi bộ kiểm tra lại tệp"),
                    ),
                };
                outcome.findings.push(finding);
            }
        },
    }
    entry.rows = outcome.rows;
    outcome.entry = Some(entry);
    name_units(&mut outcome.records, roster, &mut outcome.findings);
    outcome
}

/// A link loop and another committee's workspace are skipped; a folder or file the walk could
/// not reach has failed.
fn walk_problem(file: &FoundFile, entry: &mut FileEntry, outcome: &mut FileOutcome) {
    entry.status = match file.kind {
        FileKind::SymlinkLoop | FileKind::OtherWorkspace | FileKind::ReplacedArchive => {
            FileStatus::Skipped
        }
        _ => FileStatus::Failed,
    };
    outcome.findings.extend(discover::walk_finding(file));
}

/// What reading a sheet's rows needs besides the sheet.
struct Sheets<'a, 'r> {
    domains: &'a FieldList,
    naming: &'a Naming<'r>,
}

/// The file's path as its unit may be read from it: its name and the two folders above it.
fn path_for_naming(file: &FoundFile) -> String {
    let parts: Vec<String> = file
        .path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts[parts.len().saturating_sub(3)..].join("/")
}

fn read_book(
    file: &FoundFile,
    book: read::Workbook,
    sheets: &Sheets,
    entry: &mut FileEntry,
    outcome: &mut FileOutcome,
) {
    let domains = sheets.domains;
    if let Some(generator) = book
        .generator
        .as_deref()
        .filter(|g| *g != Category::Report.name())
    {
        entry.status = FileStatus::Skipped;
        let message =
            format!("Tệp kết quả do dvk tạo ra ({generator}), không phải biểu mẫu: bỏ qua");
        outcome
            .findings
            .push(Finding::new(Code::UnsupportedFile, &file.display, message));
        return;
    }
    // A report of dvk is read back through its models sheet only (a higher committee
    // consolidates its member committees' reports); its other sheets are summaries.
    outcome.fingerprint = book.fingerprint;
    let is_report = book.generator.is_some();
    // The member committee whose report it is: the issuer of its header block.
    let committee = if is_report {
        book.sheets.first().and_then(reported::issuer)
    } else {
        None
    };
    let mut recognized_any = false;
    let sheet_count = book.sheets.len();
    for sheet in book.sheets {
        if is_report && sheet.name != MODELS_SHEET {
            continue;
        }
        // A table, else a form written down the page (label | value), read as a table.
        let (mut form, vertical) = match forms::recognize(&sheet) {
            Some(form) => (form, None),
            None => match vertical::recognize(&sheet) {
                Some(v) => (v.form.clone(), Some(v)),
                None => {
                    entry.sheets.push(SheetEntry {
                        name: sheet.name.clone(),
                        form: None,
                        rows: 0,
                        structure: None,
                    });
                    continue;
                }
            },
        };
        recognized_any = true;
        // The unit of rows that do not name theirs: the heading's, else the file's name's.
        let sheet_unit = if is_report || form.kind == forms::FormKind::Roster {
            SheetUnit::Unnamed
        } else {
            sheets
                .naming
                .sheet_unit(&form.title_lines, &path_for_naming(file))
        };
        form.title_cell = sheet_unit.rows_unit().map(str::to_string);
        if entry.sheet.is_none() {
            entry.sheet = Some(sheet.name.clone());
            entry.form = form.kind.into();
        }
        let read = vertical.as_ref().map_or(&sheet, |v| &v.sheet);
        let mut rows = validate::read_rows(&file.display, read, &form, domains);
        if is_report {
            reported::carry(read, &form, &mut rows.records, committee.as_deref());
        }
        units_of_sheet(
            &file.display,
            &sheet.name,
            &sheet_unit,
            &mut rows,
            sheets.naming,
        );
        let mut structure = match &vertical {
            Some(v) => {
                v.place(&mut rows);
                let (structure, labels) = v.structure();
                sheet_structure(&structure, &labels, domains)
            }
            None => sheet_structure(&form.structure, &form.data_rows, domains),
        };
        let hidden: Vec<usize> = validate::hidden_rows(&sheet).collect();
        structure.hidden = excel_rows(&hidden);
        rows.findings
            .extend(validate::hidden_row_findings(&file.display, &sheet));
        entry.sheets.push(SheetEntry {
            name: sheet.name.clone(),
            form: Some(form.kind),
            rows: rows.rows,
            structure: Some(structure),
        });
        if rows.rows == 0 {
            let message = format!(
                "Trang «{}» có biểu mẫu {} nhưng không có dòng dữ liệu nào: điền các dòng dưới dòng tiêu đề cột rồi gửi lại",
                sheet.name,
                form.kind.label()
            );
            outcome
                .findings
                .push(Finding::new(Code::EmptyForm, &file.display, message).in_sheet(&sheet.name));
        }
        outcome.rows += rows.rows;
        outcome.findings.append(&mut rows.findings);
        take_or_append(&mut outcome.records, rows.records);
        free_aside(sheet);
    }
    if let Some(legacy) = book.legacy {
        let message = format!(
            "Văn bản được chuyển từ bảng mã {} sang Unicode; nên soạn lại tệp bằng Unicode",
            legacy.label()
        );
        outcome.findings.insert(
            0,
            Finding::new(Code::LegacyEncoding, &file.display, message),
        );
    }
    if !recognized_any {
        let message = if sheet_count == 0 {
            "Tệp không có trang tính nào đang hiện: không có biểu mẫu để đọc".to_string()
        } else {
            "Không nhận ra biểu mẫu nào (đăng ký, tự đánh giá, danh sách chi bộ): cần dòng tiêu đề cột như «Tên mô hình», «Loại», «Ngày đăng ký»".to_string()
        };
        outcome
            .findings
            .push(Finding::new(Code::UnknownForm, &file.display, message));
    }
}

/// The findings of a sheet's unit: read approximately, or as close to several units (then its
/// rows that do not name their unit are not counted, and the finding says why instead of
/// `unnamed-unit`); and its rows naming sub-cells counted for the heading's unit.
fn units_of_sheet(
    path: &str,
    sheet: &str,
    unit: &SheetUnit,
    rows: &mut validate::SheetRows,
    naming: &Naming,
) {
    match unit {
        SheetUnit::Approximate {
            unit,
            written,
            place,
        } => {
            let message = format!(
                "{} ghi «{written}», không đúng tên trong danh sách chi bộ: đã hiểu là «{unit}». Nếu không đúng, sửa tên cho đúng như trong danh sách",
                crate::text::capitalized(place.label())
            );
            rows.findings.insert(
                0,
                Finding::new(Code::ApproximateUnit, path, message)
                    .in_sheet(sheet)
                    .value(written.clone()),
            );
        }
        SheetUnit::Ambiguous {
            candidates,
            written,
            place,
        } => {
            rows.findings.retain(|f| f.code != Code::UnnamedUnit);
            let candidates = candidates
                .iter()
                .map(|c| format!("«{c}»"))
                .collect::<Vec<_>>()
                .join(", ");
            let message = format!(
                "{} ghi «{written}», có thể là {candidates}: các dòng không ghi tên chi bộ chưa được tính. Ghi tên chi bộ đúng như trong danh sách chi bộ rồi gửi lại",
                crate::text::capitalized(place.label())
            );
            rows.findings.insert(
                0,
                Finding::new(Code::AmbiguousUnit, path, message)
                    .in_sheet(sheet)
                    .value(written.clone()),
            );
        }
        SheetUnit::Named { .. } | SheetUnit::Unlisted { .. } | SheetUnit::Unnamed => {}
    }
    if let Some(unit) = unit.unit() {
        if let Some(finding) = naming.cover_sub_units(&mut rows.records, unit) {
            rows.findings.push(finding.in_sheet(sheet));
        }
    }
}

/// The JSON structure of a recognized sheet; a section's field is named as configured.
fn sheet_structure(s: &Structure, data: &[usize], domains: &FieldList) -> SheetStructure {
    SheetStructure {
        title: excel_rows(&s.title),
        header: excel_rows(&s.header),
        column_numbers: excel_rows(&s.column_numbers),
        examples: excel_rows(&s.examples),
        examples_used: excel_rows(&s.examples_used),
        sections: s
            .sections
            .iter()
            .map(|section| SectionEntry {
                row: excel_row(section.row),
                text: section.text.clone(),
                sets: SectionSets {
                    kind: section.kind.map(|k| match k {
                        Kind::Collective => "collective",
                        Kind::Individual => "individual",
                    }),
                    field: section
                        .field
                        .as_deref()
                        .and_then(|words| domains.find(words))
                        .and_then(|i| domains.names().get(i).cloned()),
                    unit: section.unit.clone(),
                    year: section.year,
                },
            })
            .collect(),
        data: row_ranges(data),
        blank_numbered: excel_rows(&s.blank_numbered),
        totals: s
            .totals
            .iter()
            .map(|t| TotalEntry {
                row: excel_row(t.row),
                text: t.text.clone(),
                stated: t.stated,
            })
            .collect(),
        notes: excel_rows(&s.notes),
        closing: excel_rows(&s.closing),
        after_closing: excel_rows(&s.after_closing),
        hidden: Vec::new(),
    }
}

/// Byte-identical copies read once, and files replaced by a later one of the same unit, year
/// and form ([`crate::judge::resubmissions`]): such a file keeps its entry (with
/// `duplicate_of` or `superseded_by`) and one info finding in place of its own; its records
/// and rows leave the count. The file that replaces others takes their first dates.
fn resolve_resubmissions(outcomes: &mut [FileOutcome], found: &[FoundFile]) {
    let paths: Vec<&str> = found.iter().map(|f| f.display.as_str()).collect();
    let prints: Vec<Option<Fingerprint>> = outcomes.iter().map(|o| o.fingerprint).collect();
    let duplicates = resubmissions::duplicate_files(&prints, &paths);
    for (i, kept) in duplicates.iter().enumerate() {
        let (Some(kept), Some(path)) = (*kept, paths.get(i)) else {
            continue;
        };
        let kept_path = paths.get(kept).copied().unwrap_or_default();
        let message = format!(
            "Tệp giống hệt tệp «{kept_path}» (cùng nội dung từng byte, thường do tải về hai lần): chỉ đọc một lần, giữ tệp «{kept_path}». Nếu không cần tệp này, chuyển nó ra khỏi hộp thư"
        );
        let outcome = &mut outcomes[i];
        outcome.findings = vec![Finding::new(Code::DuplicateFile, *path, message)];
        outcome.records.clear();
        outcome.rows = 0;
        if let Some(entry) = outcome.entry.as_mut() {
            entry.status = FileStatus::Skipped;
            entry.rows = 0;
            entry.duplicate_of = Some(kept_path.to_string());
        }
    }
    let fates = {
        let submissions: Vec<resubmissions::Submission<'_>> = outcomes
            .iter()
            .zip(&paths)
            .map(|(o, path)| resubmissions::Submission {
                path,
                fingerprint: o.fingerprint,
                records: &o.records,
            })
            .collect();
        let modified = |i: usize| {
            let file = found.get(i)?;
            std::fs::metadata(&file.path).ok()?.modified().ok()
        };
        resubmissions::superseded_files(&submissions, modified)
    };
    // The file that finally replaces each one (a chain of corrections ends at the last).
    let last = |mut i: usize| {
        while let Some(Fate::Superseded(by, _)) = fates.get(i) {
            i = *by;
        }
        i
    };
    for (i, fate) in fates.iter().enumerate() {
        let Fate::Superseded(by, why) = fate else {
            continue;
        };
        let by_path = paths.get(*by).copied().unwrap_or_default();
        let path = paths.get(i).copied().unwrap_or_default();
        let records = std::mem::take(&mut outcomes[i].records);
        if let Some(target) = outcomes.get_mut(last(*by)) {
            resubmissions::carry_first_dates(&records, &mut target.records);
        }
        let message = format!(
            "Tệp được thay bằng tệp «{by_path}» ({}): tệp sau có lại phần lớn các mô hình của tệp này, nên các dòng của tệp này không được tính; hạn đăng ký của mỗi mô hình vẫn tính theo lần gửi đầu. Nếu tệp này mới là bản đúng, chuyển tệp «{by_path}» ra khỏi hộp thư rồi chạy lại",
            why.words()
        );
        let outcome = &mut outcomes[i];
        outcome.findings = vec![Finding::new(Code::SupersededFile, path, message)];
        outcome.rows = 0;
        if let Some(entry) = outcome.entry.as_mut() {
            entry.superseded_by = Some(by_path.to_string());
            if let Some(first) = records.first() {
                entry.unit = Some(first.unit().to_string());
                entry.year = first.year();
            }
        }
    }
}

/// Puts the files together in order and runs the checks that need all of them.
fn assemble(
    mut outcomes: Vec<FileOutcome>,
    found: &[FoundFile],
    options: &CheckOptions,
) -> CheckReport {
    resolve_resubmissions(&mut outcomes, found);
    let mut report = CheckReport::default();
    let mut rows = 0;
    // Room for every file's records at once: 10,000 files' records are not moved again
    // each time the vector grows.
    let mut records = Vec::with_capacity(outcomes.iter().map(|o| o.records.len()).sum());
    let mut file_findings: Vec<Vec<Finding>> = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        rows += outcome.rows;
        report.files.extend(outcome.entry);
        file_findings.push(outcome.findings);
        take_or_append(&mut records, outcome.records);
    }
    let mut cross = Vec::new();
    records = reject_duplicates(records, &mut cross);
    describe_files(&mut report.files, &records);
    report.rules = rules_applied(&records, &options.rules);
    let accepted = records.len();
    let roster = options.roster.as_ref().map(|(r, path)| (r, path.as_str()));
    let today = chrono::Local::now().date_naive();
    let judgement = assess::judge(records, &options.rules, options.as_of, today, roster);
    cross.extend(judgement.findings);
    merge_findings(&mut report, file_findings, cross);
    report.summary = summarize(&report, rows, accepted);
    report.models = judgement.models;
    report
}

/// Gives each cross-file finding its place in its file's group, ordered by sheet and row.
fn merge_findings(report: &mut CheckReport, mut by_file: Vec<Vec<Finding>>, cross: Vec<Finding>) {
    let index: HashMap<&str, usize> = report
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    for finding in cross {
        match index.get(finding.path.as_str()) {
            Some(&i) => by_file[i].push(finding),
            None => by_file.push(vec![finding]),
        }
    }
    for mut findings in by_file {
        // File-level findings first, then sheet by sheet in the order seen, row by row.
        let mut sheets: Vec<Option<String>> = Vec::new();
        for f in &findings {
            if f.row.is_some() && !sheets.contains(&f.sheet) {
                sheets.push(f.sheet.clone());
            }
        }
        findings.sort_by_key(|f| match f.row {
            None => (0, 0, 0),
            Some(row) => (
                1,
                sheets.iter().position(|s| *s == f.sheet).unwrap_or(0),
                row,
            ),
        });
        report.findings.append(&mut findings);
    }
}

/// Fills each file's cell and year when all its accepted rows agree on them.
fn describe_files(files: &mut [FileEntry], records: &[Record]) {
    // (cell, year) of each file's first record, and whether the others agree. A file's
    // records come one after another: its path is looked up once per run, not per record.
    let mut seen: HashMap<&str, (&str, Option<i32>, bool, bool)> = HashMap::new();
    let counted = records.iter().filter(|r| !matches!(r, Record::Roster(_)));
    let same_file = |a: &&Record, b: &&Record| a.source().path == b.source().path;
    for run in counted.collect::<Vec<_>>().chunk_by(same_file) {
        let Some(first) = run.first() else { continue };
        let (cell, year) = (first.unit(), first.year());
        let same_cell = run.iter().all(|r| r.unit() == cell);
        let same_year = run.iter().all(|r| r.year() == year);
        seen.entry(first.source().path.as_str())
            .and_modify(|(c, y, c_same, y_same)| {
                *c_same &= same_cell && *c == cell;
                *y_same &= same_year && *y == year;
            })
            .or_insert((cell, year, same_cell, same_year));
    }
    for file in files {
        if let Some((cell, year, same_cell, same_year)) = seen.get(file.path.as_str()) {
            file.unit = same_cell.then(|| cell.to_string());
            file.year = if *same_year { *year } else { None };
        }
    }
}

fn summarize(report: &CheckReport, rows: usize, accepted: usize) -> Summary {
    let count = |status: FileStatus| report.files.iter().filter(|f| f.status == status).count();
    let severity = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    Summary {
        files: report.files.len(),
        files_read: count(FileStatus::Read),
        files_skipped: count(FileStatus::Skipped),
        files_failed: count(FileStatus::Failed),
        rows,
        rows_accepted: accepted,
        rows_rejected: rows.saturating_sub(accepted),
        errors: severity(Severity::Error),
        warnings: severity(Severity::Warning),
        infos: severity(Severity::Info),
    }
}
