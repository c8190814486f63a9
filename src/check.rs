//! `dvk check`: find, read, recognize and validate every workbook under the paths given.
//!
//! Each file is read on its own (in parallel) into rows and findings, its cell names matched to
//! the roster; then the checks that need every file at once run in file order: duplicates and
//! deadlines.

use std::collections::HashMap;
use std::path::PathBuf;

use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::assess;
use crate::discover::{self, FileKind, FoundFile};
use crate::error::Result;
use crate::findings::{Code, Finding, Severity};
use crate::forms::{self, FormKind};
use crate::read::{self, ReadError};
use crate::roster::{self, Roster};
use crate::rules::Rules;
use crate::text;
use crate::validate::{self, Record, Registration};
use crate::values::{FieldList, Kind};

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
    /// Options with the built-in rules and fields (see [`crate::config::Config::builtin`]), no
    /// roster, judged as of today.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::check::CheckOptions;
    ///
    /// let options = CheckOptions::new(vec!["samples".into()]);
    /// assert!(options.roster.is_none());
    /// ```
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let config = crate::config::Config::builtin();
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

/// The document category of the consolidated report (see [`crate::output::report`]).
pub const REPORT_CATEGORY: &str = "dvk-report";

/// How a file was handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    /// Read (whatever was found in it).
    Read,
    /// Not a spreadsheet, or a lock file.
    Skipped,
    /// A spreadsheet that could not be read.
    Failed,
}

/// The form a file holds, as JSON names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileForm {
    /// A registration form.
    Registration,
    /// A self-assessment form.
    SelfAssessment,
    /// A roster.
    Roster,
    /// Nothing recognized (or not read).
    Unknown,
}

impl FileForm {
    /// The Vietnamese name shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            FileForm::Registration => FormKind::Registration.label(),
            FileForm::SelfAssessment => FormKind::SelfAssessment.label(),
            FileForm::Roster => FormKind::Roster.label(),
            FileForm::Unknown => "không rõ biểu mẫu",
        }
    }
}

impl FileStatus {
    /// The Vietnamese word shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            FileStatus::Read => "đã đọc",
            FileStatus::Skipped => "bỏ qua",
            FileStatus::Failed => "không đọc được",
        }
    }
}

impl From<FormKind> for FileForm {
    fn from(kind: FormKind) -> Self {
        match kind {
            FormKind::Registration => FileForm::Registration,
            // The committee's decision belongs to the assessment stage.
            FormKind::SelfAssessment | FormKind::Decision => FileForm::SelfAssessment,
            FormKind::Roster => FileForm::Roster,
        }
    }
}

/// One file in the `files` list of the JSON output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileEntry {
    /// The file, relative to the path argument.
    pub path: String,
    /// How it was handled.
    pub status: FileStatus,
    /// The form recognized in it (that of its first recognized sheet).
    pub form: FileForm,
    /// The first recognized sheet.
    pub sheet: Option<String>,
    /// The cell, when every accepted row of the file belongs to one.
    pub cell: Option<String>,
    /// The cycle year, when every accepted row of the file has the same.
    pub year: Option<i32>,
    /// Data rows read.
    pub rows: usize,
}

/// The counts of the JSON `summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files found.
    pub files: usize,
    /// Files read.
    pub files_read: usize,
    /// Files skipped (not spreadsheets).
    pub files_skipped: usize,
    /// Spreadsheets that could not be read.
    pub files_failed: usize,
    /// Data rows read.
    pub rows: usize,
    /// Rows accepted.
    pub rows_accepted: usize,
    /// Rows rejected, each with a finding.
    pub rows_rejected: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at info level.
    pub infos: usize,
}

/// Everything a check found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// The counts.
    pub summary: Summary,
    /// Every file, in the order found.
    pub files: Vec<FileEntry>,
    /// Every finding, grouped by file in file order, then by sheet and row.
    pub findings: Vec<Finding>,
    /// Every accepted registration with its self-assessment and status.
    pub models: Vec<assess::Model>,
    /// The rule applied to each cycle year seen, in year order.
    pub rules: Vec<RuleApplied>,
}

/// Which rule was applied to a cycle year, so that a clerk knows what was judged by what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleApplied {
    /// The cycle year.
    pub year: i32,
    /// The document the rule comes from.
    pub source: String,
    /// `builtin`, `config` or `default`.
    pub origin: &'static str,
    /// The registration deadline, as a clerk reads it.
    pub registration_due: String,
    /// The self-assessment deadline, as a clerk reads it.
    pub self_assessment_due: String,
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

impl CheckReport {
    /// True when some finding is at error level (exit code 1).
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Runs the whole check.
///
/// # Example
///
/// ```no_run
/// use dvk::check::{run, CheckOptions};
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
    // Files are read in parallel; `collect` keeps the order of `found`, so the output is the
    // same whatever the scheduling.
    let outcomes: Vec<FileOutcome> = found
        .par_iter()
        .progress_with(progress.clone())
        .map(|file| process_file(file, &fields, roster))
        .collect();
    progress.finish_and_clear();
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

fn process_file(file: &FoundFile, domains: &FieldList, roster: Option<&Roster>) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    let mut entry = FileEntry {
        path: file.display.clone(),
        status: FileStatus::Read,
        form: FileForm::Unknown,
        sheet: None,
        cell: None,
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
        FileKind::Spreadsheet => match read::read_workbook(&file.path) {
            Ok(book) => read_book(file, book, domains, &mut entry, &mut outcome),
            Err(error) => {
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
    name_cells(&mut outcome.records, roster, &mut outcome.findings);
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
    if let Some(generator) = book.generator.as_deref().filter(|g| *g != REPORT_CATEGORY) {
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
        if is_report && sheet.name != crate::output::report::MODELS_SHEET {
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

/// Appends `more` to `all`, or takes it whole when `all` is empty: a consolidated sheet's
/// 100,000 records are not copied from one vector to the next.
fn take_or_append(all: &mut Vec<Record>, mut more: Vec<Record>) {
    if all.is_empty() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// Frees a large sheet on another core: a consolidated sheet of 100,000 rows is a million
/// strings, 16 ms to free one by one, while the checks across rows wait for nothing from it.
fn free_aside(sheet: read::Sheet) {
    const LARGE_ROWS: usize = 10_000;
    if sheet.rows.len() >= LARGE_ROWS {
        rayon::spawn(move || drop(sheet));
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

/// Spells each cell name of a file's records as the roster does, rejecting rows whose cell is
/// not on it; without a roster, as a clerk would write it ([`roster::display_name`]). Done file
/// by file, on every core, while other files are still being read: it needs nothing from them.
fn name_cells(records: &mut Vec<Record>, roster: Option<&Roster>, findings: &mut Vec<Finding>) {
    match roster {
        Some(roster) => match_roster(records, roster, findings),
        None => {
            let (names, of_record) = per_cell_name(records, roster::display_name);
            for (record, &name) in records.iter_mut().zip(&of_record) {
                // Most names are written for display already: they are left as they are.
                if record.cell() != names[name] {
                    record.set_cell(names[name].clone());
                }
            }
        }
    }
}

/// Replaces each cell name with the roster's spelling, and rejects rows whose cell is not on
/// the roster. Roster rows are left alone: they are the roster, or another one.
fn match_roster(records: &mut Vec<Record>, roster: &Roster, findings: &mut Vec<Finding>) {
    let (cells, of_record) = per_cell_name(records, |name| roster.find(name));
    let mut cell_of_record = of_record.iter().map(|&i| cells[i]);
    records.retain_mut(|record| {
        let cell = cell_of_record.next().flatten();
        if matches!(record, Record::Roster(_)) {
            return true;
        }
        match cell {
            Some(cell) => {
                record.set_cell(cell.name.clone());
                true
            }
            None => {
                let hint = roster
                    .nearest(record.cell())
                    .map(|c| format!(" Có phải là «{}»?", c.name))
                    .unwrap_or_default();
                let message = format!(
                    "Chi bộ «{}» không có trong danh sách chi bộ: dòng này không được nhận.{hint} Sửa tên chi bộ cho đúng như trong danh sách, hoặc bổ sung chi bộ vào danh sách nếu đó là chi bộ mới",
                    record.cell()
                );
                let finding = record
                    .source()
                    .finding(Code::UnknownCell, message)
                    .column(forms::Field::Cell.label())
                    .value(record.cell());
                findings.push(finding);
                false
            }
        }
    });
}

/// `look_up` of each distinct cell name of the records, computed in parallel, and for each
/// record the index of its name's result. A consolidated sheet names a few hundred cells over
/// 100,000 rows: each name is folded once, not once per row.
fn per_cell_name<'r, T: Send>(
    records: &'r [Record],
    look_up: impl Fn(&'r str) -> T + Sync + Send,
) -> (Vec<T>, Vec<usize>) {
    let mut index: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut names = Vec::new();
    let of_record = records
        .iter()
        .map(|record| {
            *index.entry(record.cell()).or_insert_with(|| {
                names.push(record.cell());
                names.len() - 1
            })
        })
        .collect();
    (names.into_par_iter().map(look_up).collect(), of_record)
}

/// The key two registrations are the same model by: cell, year, kind, and the model's name
/// (plus the person's, for individuals: two people may register exemplars of the same name).
fn registration_key(r: &Registration) -> (String, i32, Kind, String, String) {
    let person = match r.kind {
        Kind::Individual => r.person.as_deref().map(text::fold).unwrap_or_default(),
        Kind::Collective => String::new(),
    };
    (
        roster::cell_key(&r.cell),
        r.year,
        r.kind,
        text::fold(&r.name),
        person,
    )
}

/// Rejects every registration after the first of the same model, naming where the first is.
fn reject_duplicates(mut records: Vec<Record>, findings: &mut Vec<Finding>) -> Vec<Record> {
    use std::hash::BuildHasher;
    let hasher = foldhash::fast::RandomState::default();
    // Keys and their hashes are computed in parallel; the pass in record order that decides
    // which registration came first only compares them.
    let keys: Vec<Option<(u64, _)>> = records
        .par_iter()
        .map(|r| match r {
            Record::Registration(registration) => {
                let key = registration_key(registration);
                Some((hasher.hash_one(&key), key))
            }
            _ => None,
        })
        .collect();
    let hash_of = |i: &usize| keys.get(*i).and_then(Option::as_ref).map_or(0, |(h, _)| *h);
    let mut first_seen: hashbrown::HashTable<usize> =
        hashbrown::HashTable::with_capacity(records.len());
    // For each duplicate, the position of the first registration of its model.
    let mut first_of: Vec<Option<usize>> = vec![None; records.len()];
    for (i, (hash, key)) in keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((i, k.as_ref()?)))
    {
        let same = |j: &usize| {
            keys.get(*j)
                .and_then(Option::as_ref)
                .is_some_and(|(_, k)| k == key)
        };
        match first_seen.find(*hash, same) {
            Some(&j) => first_of[i] = Some(j),
            None => {
                first_seen.insert_unique(*hash, i, hash_of);
            }
        }
    }
    for (record, first) in records.iter().zip(&first_of) {
        let (Record::Registration(registration), Some(first)) =
            (record, first.and_then(|j| records.get(j)))
        else {
            continue;
        };
        findings.push(duplicate_finding(registration, first.source()));
    }
    let mut position = 0;
    records.retain(|_| {
        let first = first_of.get(position).is_none_or(Option::is_none);
        position += 1;
        first
    });
    records
}

/// `duplicate-registration`: the registration repeats the model registered at `first`.
fn duplicate_finding(registration: &Registration, first: &validate::Source) -> Finding {
    let place = if first.path == registration.source.path {
        format!("dòng {}", first.row)
    } else {
        format!("tệp {}, dòng {}", first.path, first.row)
    };
    let message = format!(
        "Mô hình «{}» của {} đã đăng ký ở {place} cho năm {}: dòng trùng không được tính, hãy xóa một trong hai dòng",
        registration.name, registration.cell, registration.year
    );
    registration
        .source
        .model_finding(Code::DuplicateRegistration, message, &registration.name)
}

/// Fills each file's cell and year when all its accepted rows agree on them.
fn describe_files(files: &mut [FileEntry], records: &[Record]) {
    // (cell, year) of each file's first record, and whether the others agree.
    let mut seen: HashMap<&str, (&str, Option<i32>, bool, bool)> = HashMap::new();
    for record in records.iter().filter(|r| !matches!(r, Record::Roster(_))) {
        let (cell, year) = (record.cell(), record.year());
        seen.entry(record.source().path.as_str())
            .and_modify(|(c, y, same_cell, same_year)| {
                *same_cell &= *c == cell;
                *same_year &= *y == year;
            })
            .or_insert((cell, year, true, true));
    }
    for file in files {
        if let Some((cell, year, same_cell, same_year)) = seen.get(file.path.as_str()) {
            file.cell = same_cell.then(|| cell.to_string());
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
