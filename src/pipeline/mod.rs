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

use self::check_report::{CheckReport, FileEntry, FileForm, FileStatus, RuleApplied, Summary};
use self::memory::{free_aside, take_or_append};
use crate::dvk_workbooks::{Category, MODELS_SHEET};
use crate::error::Result;
use crate::findings::{Code, Finding, Severity};
use crate::ingest::discover::{self, FileKind, FoundFile};
use crate::ingest::read::{self, ReadError};
use crate::judge::assess;
use crate::judge::cross_file::{name_units, reject_duplicates};
use crate::judge::roster::Roster;
use crate::recognize::forms;
use crate::recognize::validate::{self, Record};
use crate::recognize::values::FieldList;
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
    /// Whether to draw a progress bar on stderr.
    pub progress: bool,
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
            progress: false,
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
    let fields = FieldList::new(options.domains.clone());
    let roster = options.roster.as_ref().map(|(roster, _)| roster);
    // Workbooks are read in worker processes (`read::isolated`), in parallel; each outcome
    // goes to its file's slot, so the output is the same whatever the scheduling.
    let slots: Vec<OnceLock<FileOutcome>> = found.iter().map(|_| OnceLock::new()).collect();
    let mut spreadsheets: Vec<usize> = Vec::new();
    for (i, file) in found.iter().enumerate() {
        if file.kind == FileKind::Spreadsheet {
            spreadsheets.push(i);
        } else {
            let _ = slots[i].set(process_file(file, Err(None), &fields, roster));
            progress.inc(1);
        }
    }
    let paths: Vec<&Path> = spreadsheets
        .iter()
        .map(|&i| found[i].path.as_path())
        .collect();
    read::isolated::read_all(&paths, |k, book| {
        let i = spreadsheets[k];
        let _ = slots[i].set(process_file(&found[i], book.map_err(Some), &fields, roster));
        progress.inc(1);
    });
    progress.finish_and_clear();
    let outcomes = slots
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_default())
        .collect();
    Ok(assemble(outcomes, options))
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
}

/// One file's outcome; `book` is what reading it gave when it is a spreadsheet.
fn process_file(
    file: &FoundFile,
    book: std::result::Result<read::Workbook, Option<ReadError>>,
    domains: &FieldList,
    roster: Option<&Roster>,
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
    };
    match file.kind {
        FileKind::LockFile | FileKind::Other => {
            entry.status = FileStatus::Skipped;
            let message = match file.kind {
                FileKind::LockFile => {
                    "Tệp khóa tạm của Excel/LibreOffice, không phải biểu mẫu: bỏ qua"
                }
                _ => "Không phải bảng tính (.xlsx, .xls, .ods): bỏ qua",
            };
            outcome
                .findings
                .push(Finding::new(Code::UnsupportedFile, &file.display, message));
        }
        FileKind::SymlinkLoop | FileKind::UnreadableFolder | FileKind::UnreadableFile => {
            walk_problem(file, &mut entry, &mut outcome);
        }
        FileKind::Spreadsheet => match book {
            Ok(book) => read_book(file, book, domains, &mut entry, &mut outcome),
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

/// A link loop is skipped; a folder or file the walk could not reach has failed.
fn walk_problem(file: &FoundFile, entry: &mut FileEntry, outcome: &mut FileOutcome) {
    entry.status = match file.kind {
        FileKind::SymlinkLoop => FileStatus::Skipped,
        _ => FileStatus::Failed,
    };
    outcome.findings.extend(discover::walk_finding(file));
}

fn read_book(
    file: &FoundFile,
    book: read::Workbook,
    domains: &FieldList,
    entry: &mut FileEntry,
    outcome: &mut FileOutcome,
) {
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
    let is_report = book.generator.is_some();
    let mut recognized_any = false;
    let sheet_count = book.sheets.len();
    for sheet in book.sheets {
        if is_report && sheet.name != MODELS_SHEET {
            continue;
        }
        let Some(form) = forms::recognize(&sheet) else {
            continue;
        };
        recognized_any = true;
        if entry.sheet.is_none() {
            entry.sheet = Some(sheet.name.clone());
            entry.form = form.kind.into();
        }
        let mut rows = validate::read_rows(&file.display, &sheet, &form, domains);
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

/// Puts the files together in order and runs the checks that need all of them.
fn assemble(outcomes: Vec<FileOutcome>, options: &CheckOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let mut rows = 0;
    let mut records = Vec::new();
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
    let judgement = assess::judge(records, &options.rules, options.as_of, roster);
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
    // (cell, year) of each file's first record, and whether the others agree.
    let mut seen: HashMap<&str, (&str, Option<i32>, bool, bool)> = HashMap::new();
    for record in records.iter().filter(|r| !matches!(r, Record::Roster(_))) {
        let (cell, year) = (record.unit(), record.year());
        seen.entry(record.source().path.as_str())
            .and_modify(|(c, y, same_cell, same_year)| {
                *same_cell &= *c == cell;
                *same_year &= *y == year;
            })
            .or_insert((cell, year, true, true));
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
