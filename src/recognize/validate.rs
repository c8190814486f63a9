//! Turning the data rows of a recognized form into typed records, or into findings that say,
//! row by row, why not.
//!
//! Everything here is a pure function of the sheet and the form; checks that need other files
//! (duplicates, the roster, deadlines) are in [`crate::pipeline`].

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::findings::{Code, Finding, Severity};
use crate::recognize::body::Context;
use crate::recognize::forms::{Column, ColumnRole, Form, FormKind};
use crate::recognize::values::{self, DateError, FieldList, Kind, VoteShare};
use crate::sheet::{CellValue, Sheet};

/// Where a record came from: the file (relative path), the sheet and the Excel row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The file, relative to the path argument it was found under.
    pub path: String,
    /// The sheet's name.
    pub sheet: String,
    /// The 1-based Excel row number.
    pub row: u32,
}

impl Source {
    /// The place of a 0-based grid row of a sheet.
    pub(crate) fn of_row(path: &str, sheet: &Sheet, row: usize) -> Self {
        Source {
            path: path.to_string(),
            sheet: sheet.name.clone(),
            row: crate::sheet::excel_row(row),
        }
    }

    /// A finding placed on this row.
    pub fn finding(&self, code: Code, message: impl Into<String>) -> Finding {
        Finding::new(code, self.path.clone(), message).at(self.sheet.clone(), self.row)
    }

    /// A finding placed on this row's model name: the column and the name a clerk looks for.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::findings::Code;
    /// use dvk::recognize::validate::Source;
    ///
    /// let source = Source { path: "a.xlsx".into(), sheet: "DS".into(), row: 7 };
    /// let finding = source.model_finding(Code::UnregisteredModel, "Chưa đăng ký", "Một cửa");
    /// assert_eq!(finding.row, Some(7));
    /// assert_eq!(finding.column.as_deref(), Some("Tên mô hình, điển hình"));
    /// assert_eq!(finding.value.as_deref(), Some("Một cửa"));
    /// ```
    pub fn model_finding(&self, code: Code, message: impl Into<String>, name: &str) -> Finding {
        self.finding(code, message)
            .column(crate::recognize::forms::ColumnRole::ModelName.label())
            .value(name.to_string())
    }
}

/// A date and where it was read: the row's own column, or the form's date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// The date.
    pub date: NaiveDate,
    /// The column header it was read from; `None` when it comes from the date line, or from
    /// the receipt log.
    pub column: Option<String>,
    /// True when the form gives no date of its own and no date line, and this is the day the
    /// receipt log (`dvk intake`) says the file was received.
    pub received: bool,
}

/// A registration of one model (collective) or exemplar (individual).
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    /// Where it was read.
    pub source: Source,
    /// The unit's name as written (the roster's spelling once matched).
    pub unit: String,
    /// The cycle year.
    pub year: i32,
    /// Collective or individual.
    pub kind: Kind,
    /// The model's name.
    pub name: String,
    /// The person (individual) or the collective carrying it out.
    pub person: Option<String>,
    /// The person's position.
    pub position: Option<String>,
    /// The field (lĩnh vực), in the configured spelling.
    pub domain: Option<String>,
    /// The field as written when it names none of the configured fields (`unknown-field`):
    /// the row is kept and counted under «Chưa xác định lĩnh vực».
    pub unknown_field: Option<String>,
    /// The registration date, if any.
    pub date: Option<Dated>,
    /// The sub-cell (a chi bộ of the đảng bộ `unit`, not on the roster) that registered it,
    /// when a đảng bộ sends one list for its chi bộ.
    pub sub_unit: Option<String>,
    /// The member committee the unit belongs to, when the row is read back from a member
    /// committee's report (a higher committee consolidating): the issuer of that report's
    /// header block, as written there. `None` for the committee's own units.
    pub committee: Option<String>,
    /// What the member committee's report says of the model, when the row is read back from
    /// one: the higher committee keeps the member's judgement rather than judging again
    /// without the self-assessments and decisions it never received.
    pub reported: Option<Box<Reported>>,
}

/// A model's judgement as a member committee's report states it (its models sheet's
/// «Tình trạng tự đánh giá», «Tình trạng công nhận», «Được khen thưởng» and «Lý do»).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reported {
    /// «Đã tự đánh giá»: the member committee paired a self-assessment with it.
    pub self_assessed: bool,
    /// The status as written («đủ điều kiện công nhận», «được công nhận» …), read by the
    /// judge, which owns the statuses.
    pub status: Option<String>,
    /// The commendation, when one is written.
    pub commendation: Option<String>,
    /// The reasons, as the report lists them («; » between).
    pub reasons: Vec<String>,
}

/// A self-assessment of one registered model.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfAssessment {
    /// Where it was read.
    pub source: Source,
    /// The unit's name as written (the roster's spelling once matched).
    pub unit: String,
    /// The cycle year of the model assessed.
    pub year: i32,
    /// Collective or individual, when the form says.
    pub kind: Option<Kind>,
    /// The model's name.
    pub name: String,
    /// The person or collective, when the form says.
    pub person: Option<String>,
    /// The self-rating as written ("Xuất sắc", "Tốt", …).
    pub rating: Option<String>,
    /// The vote, as counts or a percentage.
    pub vote: Option<VoteShare>,
    /// Whether it spreads in the unit (sức lan tỏa).
    pub spread: Option<bool>,
    /// Whether the cell proposes it for recognition.
    pub proposed: Option<bool>,
    /// The committee's decision, when the form carries it.
    pub recognized: Option<bool>,
    /// The report date, if any.
    pub date: Option<Dated>,
    /// The commendation (khen thưởng), when the form carries it.
    pub commendation: Option<String>,
}

/// The committee's decision on one model, from its decision sheet (unit, model, «Công nhận»,
/// «Khen thưởng»): it overrides what the unit's self-assessment says.
///
/// A decision sheet is read with the self-assessment's columns ([`Decision::from`]): what a
/// decision does not carry (rating, vote, spread, proposal, date) is left behind.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Where it was read.
    pub source: Source,
    /// The unit's name as written (the roster's spelling once matched).
    pub unit: String,
    /// The cycle year of the model decided on.
    pub year: i32,
    /// Collective or individual, when the sheet says.
    pub kind: Option<Kind>,
    /// The model's name.
    pub name: String,
    /// The person or collective, when the sheet says.
    pub person: Option<String>,
    /// Recognized or not, when the sheet says.
    pub recognized: Option<bool>,
    /// The commendation (khen thưởng), when the sheet says.
    pub commendation: Option<String>,
}

impl From<SelfAssessment> for Decision {
    fn from(row: SelfAssessment) -> Self {
        Decision {
            source: row.source,
            unit: row.unit,
            year: row.year,
            kind: row.kind,
            name: row.name,
            person: row.person,
            recognized: row.recognized,
            commendation: row.commendation,
        }
    }
}

/// One cell of the committee's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// Where it was read.
    pub source: Source,
    /// The unit's name.
    pub unit: String,
    /// The cell's secretary, if the roster names one.
    pub secretary: Option<String>,
}

/// A typed row.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A registration row.
    Registration(Registration),
    /// A self-assessment row.
    SelfAssessment(SelfAssessment),
    /// A row of the committee's decision sheet.
    Decision(Decision),
    /// A roster row.
    Roster(RosterEntry),
}

impl Record {
    /// Where the record was read.
    pub fn source(&self) -> &Source {
        match self {
            Record::Registration(r) => &r.source,
            Record::SelfAssessment(s) => &s.source,
            Record::Decision(d) => &d.source,
            Record::Roster(r) => &r.source,
        }
    }

    /// The cell's name.
    pub fn unit(&self) -> &str {
        match self {
            Record::Registration(r) => &r.unit,
            Record::SelfAssessment(s) => &s.unit,
            Record::Decision(d) => &d.unit,
            Record::Roster(r) => &r.unit,
        }
    }

    /// Replaces the cell's name (with the roster's spelling).
    pub(crate) fn set_unit(&mut self, cell: String) {
        match self {
            Record::Registration(r) => r.unit = cell,
            Record::SelfAssessment(s) => s.unit = cell,
            Record::Decision(d) => d.unit = cell,
            Record::Roster(r) => r.unit = cell,
        }
    }

    /// The cycle year, for registrations and self-assessments.
    pub fn year(&self) -> Option<i32> {
        match self {
            Record::Registration(r) => Some(r.year),
            Record::SelfAssessment(s) => Some(s.year),
            Record::Decision(d) => Some(d.year),
            Record::Roster(_) => None,
        }
    }

    /// The cycle years the records name, each once, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::validate::{Record, Registration, Source};
    ///
    /// let registration = |year| Record::Registration(Registration {
    ///     source: Source { path: "a.xlsx".into(), sheet: "DS".into(), row: 7 },
    ///     unit: "Chi bộ Văn phòng".into(), year, kind: dvk::recognize::values::Kind::Collective,
    ///     name: "Một cửa".into(), person: None, position: None, domain: None, unknown_field: None, date: None,
    ///     sub_unit: None, committee: None, reported: None,
    /// });
    /// let records = [registration(2024), registration(2018), registration(2024)];
    /// assert_eq!(Record::years(&records), [2018, 2024]);
    /// ```
    pub fn years(records: &[Record]) -> Vec<i32> {
        // A handful of years over as many as 100,000 records (at most the 201 of 1900–2100
        // that years and dates are read in): each new one is kept as it comes, rather than
        // every record's year collected and sorted.
        let mut years: Vec<i32> = Vec::new();
        for year in records.iter().filter_map(Record::year) {
            if years.last() != Some(&year) && !years.contains(&year) {
                years.push(year);
            }
        }
        years.sort_unstable();
        years
    }
}

/// The outcome of one sheet: the records of accepted rows, the findings, and the row count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetRows {
    /// One record per accepted row.
    pub records: Vec<Record>,
    /// Every finding about the sheet's rows.
    pub findings: Vec<Finding>,
    /// Data rows read; rows rejected are `rows - records.len()`.
    pub rows: usize,
}

/// Shows a cell's value the way Excel does, for findings.
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::validate::display;
///
/// assert_eq!(display(&CellValue::Number(12.0)), "12");
/// assert_eq!(display(&CellValue::Number(1.5)), "1.5");
/// ```
pub fn display(cell: &CellValue) -> String {
    match cell {
        CellValue::Empty => String::new(),
        CellValue::Text(s) => s.clone(),
        CellValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        // As Excel shows a number too long for its cell: 1E+308, not 309 digits.
        CellValue::Number(n) if n.abs() >= 1e15 => format!("{n:E}"),
        CellValue::Number(n) => n.to_string(),
        CellValue::Bool(true) => "TRUE".to_string(),
        CellValue::Bool(false) => "FALSE".to_string(),
        CellValue::Date(d) => crate::sheet::format_date(*d),
        CellValue::Error(e) => e.clone(),
    }
}

/// Reads every data row of a recognized form.
///
/// `domains` is the configured list of fields (lĩnh vực).
///
/// # Example
///
/// ```
/// use dvk::recognize::forms::recognize;
/// use dvk::sheet::{CellValue, Sheet};
/// use dvk::recognize::validate::read_rows;
/// use dvk::recognize::values::FieldList;
///
/// let t = |s: &str| CellValue::Text(s.to_string());
/// let sheet = Sheet::from_rows("DS", vec![
///     vec![t("CHI BỘ VĂN PHÒNG")],
///     vec![t("ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2024")],
///     vec![t("Loại"), t("Tên mô hình"), t("Ngày đăng ký")],
///     vec![t("Tập thể"), t("Một cửa đúng hẹn"), t("05/02/2024")],
///     vec![t("Cá nhân"), t(""), t("05/02/2024")],
/// ]);
/// let form = recognize(&sheet).unwrap();
/// let out = read_rows("vp.xlsx", &sheet, &form, &FieldList::default());
/// assert_eq!(out.rows, 2);
/// assert_eq!(out.records.len(), 1);
/// assert_eq!(out.findings[0].row, Some(5));
/// ```
pub fn read_rows(path: &str, sheet: &Sheet, form: &Form, domains: &FieldList) -> SheetRows {
    // Rows are independent: a large sheet (a consolidated report) is read on every core, a
    // block of rows per task, and the ordered collect keeps rows and findings in sheet order.
    let blocks: Vec<(SheetRows, usize)> = form
        .data_rows
        .par_chunks(crate::sheet::ROWS_PER_TASK)
        .map(|rows| {
            let mut block = SheetRows {
                rows: rows.len(),
                records: Vec::with_capacity(rows.len()),
                findings: Vec::new(),
            };
            let mut unnamed = 0;
            for &row in rows {
                let (record, mut findings, no_unit) = read_row(path, sheet, form, domains, row);
                block.findings.append(&mut findings);
                block.records.extend(record);
                unnamed += usize::from(no_unit);
            }
            (block, unnamed)
        })
        .collect();
    let mut blocks = blocks.into_iter();
    let (mut out, mut unnamed) = blocks.next().unwrap_or_default();
    for (mut block, block_unnamed) in blocks {
        out.rows += block.rows;
        out.records.append(&mut block.records);
        out.findings.append(&mut block.findings);
        unnamed += block_unnamed;
    }
    if unnamed > 0 {
        out.findings
            .insert(0, unnamed_finding(path, &sheet.name, unnamed));
    }
    out.findings.extend(structure_findings(path, sheet, form));
    out
}

/// A warning for each non-blank row hidden in Excel: it is read like the others (as data, or
/// in its role), and a clerk who did not see it on screen is told.
///
/// # Example
///
/// ```
/// use dvk::recognize::validate::hidden_row_findings;
/// use dvk::sheet::{CellValue, Sheet};
///
/// let mut sheet = Sheet::from_rows("DS", vec![vec![], vec![CellValue::Text("Một cửa".into())]]);
/// sheet.hidden_rows = vec![0, 1];
/// let findings = hidden_row_findings("a.xlsx", &sheet);
/// assert_eq!(findings.len(), 1);
/// assert_eq!(findings[0].row, Some(2));
/// ```
pub fn hidden_row_findings(path: &str, sheet: &Sheet) -> Vec<Finding> {
    hidden_rows(sheet)
        .map(|row| {
            Source::of_row(path, sheet, row).finding(
                Code::HiddenRow,
                "Dòng này đang bị ẩn trong Excel (hoặc bị lọc đi) nhưng có nội dung: dvk vẫn đọc như các dòng khác. Bỏ ẩn để xem lại; nếu không muốn gửi dòng này thì xóa hẳn dòng",
            )
        })
        .collect()
}

/// The non-blank rows of a sheet hidden in Excel (0-based).
pub fn hidden_rows(sheet: &Sheet) -> impl Iterator<Item = usize> + '_ {
    sheet.hidden_rows.iter().copied().filter(|&row| {
        sheet
            .rows
            .get(row)
            .is_some_and(|cells| cells.iter().any(|c| !c.is_empty()))
    })
}

/// The findings about the table's shape rather than a row's values: a total that does not
/// add up, rows after the signature, the example row typed over.
fn structure_findings(path: &str, sheet: &Sheet, form: &Form) -> Vec<Finding> {
    let at = |row: usize| Source::of_row(path, sheet, row);
    let s = &form.structure;
    let mut findings = Vec::new();
    for total in s.totals.iter().filter(|t| t.mismatch) {
        let stated = total.stated.unwrap_or_default();
        let message = format!(
            "Dòng tổng ghi {stated} nhưng bảng có {} dòng ở trên: kiểm tra lại dòng tổng hoặc các dòng của bảng (dvk đếm từng dòng, không dùng số ở dòng tổng)",
            total.counted
        );
        findings.push(
            at(total.row)
                .finding(Code::TotalMismatch, message)
                .value(total.text.clone()),
        );
    }
    let closing = s.closing.first().map_or(0, |r| r + 1);
    for &row in &s.after_closing {
        let message = format!(
            "Dòng này nằm dưới phần ký tên (từ dòng {closing}), ngoài bảng: không được tính. Nếu là một mô hình, điển hình thì chuyển lên trong bảng, trên phần ký tên, rồi gửi lại"
        );
        findings.push(at(row).finding(Code::RowAfterClosing, message));
    }
    for &row in &s.examples_used {
        let message = "Dòng «Ví dụ» của biểu mẫu đã được ghi nội dung khác với mẫu: dvk tính đây là một dòng dữ liệu. Nếu chỉ là dòng mẫu thì xóa nội dung; lần sau ghi từ dòng số 1";
        findings.push(at(row).finding(Code::ExampleRowUsed, message));
    }
    findings
}

/// One data row's record (unless rejected) and its findings.
fn read_row(
    path: &str,
    sheet: &Sheet,
    form: &Form,
    domains: &FieldList,
    row: usize,
) -> (Option<Record>, Vec<Finding>, bool) {
    let mut reader = RowReader {
        sheet,
        form,
        row,
        source: Source::of_row(path, sheet, row),
        findings: Vec::new(),
        rejected: false,
        unnamed: false,
    };
    let record = match form.kind {
        FormKind::Registration => reader.registration(domains).map(Record::Registration),
        FormKind::SelfAssessment => reader.self_assessment().map(Record::SelfAssessment),
        FormKind::Decision => reader
            .self_assessment()
            .map(|row| Record::Decision(row.into())),
        FormKind::Roster => reader.roster_entry().map(Record::Roster),
    };
    reader.formula_errors();
    let record = record.filter(|_| !reader.rejected);
    (record, reader.findings, reader.unnamed)
}

/// A cycle year written in a «Năm» cell: a whole number from 1990 to 2100.
fn cycle_year(cell: &CellValue) -> Option<i32> {
    values::cell_number(cell)
        .filter(|y| y.fract() == 0.0 && (1990.0..=2100.0).contains(y))
        .map(|y| y as i32)
}

/// `unnamed-unit`, once for a sheet whose `rows` rows name no unit, under a heading naming
/// none: the form says never to add a column, so the clerk is asked to fill in its heading.
fn unnamed_finding(path: &str, sheet: &str, rows: usize) -> Finding {
    let message = format!(
        "Biểu mẫu không ghi tên chi bộ: dòng «CHI BỘ ……» ở đầu biểu mẫu để trống, tên tệp và thư mục cũng không cho biết là chi bộ nào. {rows} dòng chưa được tính. Ghi tên chi bộ vào dòng đầu biểu mẫu (không thêm cột) rồi gửi lại"
    );
    Finding::new(Code::UnnamedUnit, path, message).in_sheet(sheet)
}

/// Reads one row, collecting its findings; any error-level finding rejects the row.
struct RowReader<'a> {
    sheet: &'a Sheet,
    form: &'a Form,
    row: usize,
    source: Source,
    findings: Vec<Finding>,
    rejected: bool,
    /// No unit column, and the heading names no unit.
    unnamed: bool,
}

impl RowReader<'_> {
    fn report(&mut self, finding: Finding) {
        if finding.severity == Severity::Error {
            self.rejected = true;
        }
        self.findings.push(finding);
    }

    /// A formula error (#REF!, #N/A, …) in a column the form reads, where no other finding
    /// already names that column, rejects the row: the value it stands for is unknown.
    fn formula_errors(&mut self) {
        let (form, sheet) = (self.form, self.sheet);
        for column in &form.columns {
            let CellValue::Error(error) = sheet.get(self.row, column.index) else {
                continue;
            };
            let named = self
                .findings
                .iter()
                .any(|f| f.column.as_ref() == Some(&column.header));
            if named {
                continue;
            }
            let message = format!(
                "Ô chứa lỗi công thức «{error}» thay cho giá trị: sửa công thức hoặc ghi giá trị vào ô"
            );
            let finding = self.source.finding(Code::InvalidValue, message);
            self.report(finding.column(column.header.clone()).value(error.clone()));
        }
    }

    fn column(&self, field: ColumnRole) -> Option<&Column> {
        self.form.column(field)
    }

    fn cell(&self, field: ColumnRole) -> Option<(&Column, &CellValue)> {
        let column = self.column(field)?;
        Some((column, self.sheet.get(self.row, column.index)))
    }

    /// The text of a column, `None` when the column is absent or the cell blank.
    fn text(&self, field: ColumnRole) -> Option<String> {
        let (_, cell) = self.cell(field)?;
        let shown = display(cell);
        (!shown.trim().is_empty()).then(|| shown.trim().to_string())
    }

    fn missing_value(&mut self, field: ColumnRole, severity: Severity, what_to_do: &str) {
        let header = self
            .column(field)
            .map_or(field.label().to_string(), |c| c.header.clone());
        let message = format!("Thiếu {}: {what_to_do}", field.label().to_lowercase());
        let finding = self
            .source
            .finding(Code::MissingValue, message)
            .column(header)
            .severity(severity);
        self.report(finding);
    }

    fn missing_column(&mut self, field: ColumnRole, hint: &str) {
        let message = format!(
            "Biểu mẫu không có cột «{label}» {hint}: dòng này không được nhận. Thêm cột «{label}» vào biểu mẫu rồi gửi lại",
            label = field.label()
        );
        let finding = self
            .source
            .finding(Code::MissingColumn, message)
            .column(field.label());
        self.report(finding);
    }

    fn invalid(&mut self, code: Code, column: &Column, value: String, message: String) {
        let finding = self
            .source
            .finding(code, message)
            .column(column.header.clone())
            .value(value);
        self.report(finding);
    }

    /// The cell: its column, else the title ("CHI BỘ VĂN PHÒNG").
    fn cell_name(&mut self) -> Option<String> {
        if let Some(name) = self.text(ColumnRole::Unit) {
            return Some(name);
        }
        if let Some(unit) = self.context().and_then(|c| c.unit.clone()) {
            return Some(unit);
        }
        if self.column(ColumnRole::Unit).is_some() {
            if let Some(title) = self.form.title_cell.clone() {
                return Some(title);
            }
            self.missing_value(
                ColumnRole::Unit,
                Severity::Error,
                "ghi tên chi bộ vào cột này",
            );
            return None;
        }
        match self.form.title_cell.clone() {
            Some(title) => Some(title),
            None => {
                // Said once for the sheet ([`unnamed_finding`]), not on every row.
                self.unnamed = true;
                self.rejected = true;
                None
            }
        }
    }

    /// The cycle year: its column, else the year section above the row, else the title, else
    /// the year of `fallback` (the registration date: a cycle's registrations fall within its
    /// year).
    fn year(&mut self, fallback: Option<NaiveDate>) -> Option<i32> {
        use chrono::Datelike;
        if let Some((column, cell)) = self.cell(ColumnRole::Year) {
            if !cell.is_empty() {
                let value = display(cell);
                let year = cycle_year(cell);
                if year.is_none() {
                    let column = column.clone();
                    let message =
                        format!("Năm «{value}» không hợp lệ: ghi năm bằng 4 chữ số, ví dụ 2024");
                    self.invalid(Code::InvalidValue, &column, value, message);
                }
                return year;
            }
        }
        // A year section over the row ("I. NĂM 2023"), else the title's, else the date's.
        let year = self.place_year().or_else(|| fallback.map(|d| d.year()));
        // A date that could not be read would have given the year: its finding says what to
        // fix, and asking for a «Năm» column as well would send the clerk the wrong way.
        let date_unread = self.findings.iter().any(|f| f.code == Code::InvalidDate);
        if year.is_none() && !date_unread {
            self.missing_column(
                ColumnRole::Year,
                "và tiêu đề không ghi năm (ví dụ «NĂM 2024»)",
            );
        }
        year
    }

    /// The year the row's place says: the year section over it, else the title's.
    fn place_year(&self) -> Option<i32> {
        self.context().and_then(|c| c.year).or(self.form.title_year)
    }

    /// What the sections above the row say about it.
    fn context(&self) -> Option<&Context> {
        self.form.context(self.row)
    }

    /// The kind the row's place says: its section ("I. TẬP THỂ"), else the form (M1, M2).
    fn implied_kind(&self) -> Option<Kind> {
        self.context().and_then(|c| c.kind).or(self.form.fixed_kind)
    }

    fn kind(&mut self) -> Option<Kind> {
        let Some((column, cell)) = self.cell(ColumnRole::Kind) else {
            if let Some(kind) = self.marked_kind() {
                return kind;
            }
            if let Some(kind) = self.named_kind() {
                return kind;
            }
            let implied = self.implied_kind();
            if implied.is_none() {
                self.missing_column(
                    ColumnRole::Kind,
                    "và tiêu đề không cho biết là mẫu M1 (tập thể) hay M2 (cá nhân)",
                );
            }
            return implied;
        };
        let column = column.clone();
        let value = display(cell);
        if value.trim().is_empty() {
            if let Some(kind) = self.implied_kind() {
                return Some(kind);
            }
            self.missing_value(
                ColumnRole::Kind,
                Severity::Error,
                "ghi «Tập thể» hoặc «Cá nhân»",
            );
            return None;
        }
        let kind = values::parse_kind(&value);
        if kind.is_none() {
            let message =
                format!("Loại «{value}» không hợp lệ: ghi «Tập thể» (TT) hoặc «Cá nhân» (CN)");
            self.invalid(Code::InvalidValue, &column, value, message);
        }
        kind
    }

    /// The kind from two columns «Tập thể» | «Cá nhân», one of them marked ("x"): `None`
    /// when the form has no such columns, `Some(None)` when the row cannot be read (a finding
    /// says why).
    fn marked_kind(&mut self) -> Option<Option<Kind>> {
        let collective = self.column(ColumnRole::CollectiveMark).cloned();
        let individual = self.column(ColumnRole::IndividualMark).cloned();
        if collective.is_none() && individual.is_none() {
            return None;
        }
        let marked = |reader: &Self, column: &Option<Column>| {
            column.as_ref().is_some_and(|c| {
                let cell = reader.sheet.get(reader.row, c.index);
                !cell.is_empty() && values::cell_yes_no(cell) != Some(false)
            })
        };
        let kind = match (marked(self, &collective), marked(self, &individual)) {
            (true, false) => Some(Kind::Collective),
            (false, true) => Some(Kind::Individual),
            (false, false) if self.implied_kind().is_some() => self.implied_kind(),
            (both, _) => {
                let message = if both {
                    "Đánh dấu cả hai cột «Tập thể» và «Cá nhân»: chỉ đánh dấu (x) một cột"
                } else {
                    "Chưa đánh dấu cột «Tập thể» hay «Cá nhân»: đánh dấu (x) vào một cột"
                };
                let column = collective.or(individual)?;
                let finding = self
                    .source
                    .finding(Code::MissingValue, message)
                    .column(column.header.clone());
                self.report(finding);
                None
            }
        };
        Some(kind)
    }

    /// The kind from a form with a name column per kind ([`ColumnRole::IndividualName`]):
    /// the column the row fills. `None` when the form has no such columns, `Some(None)` when
    /// the row fills both or neither (the name's finding says so).
    fn named_kind(&self) -> Option<Option<Kind>> {
        self.column(ColumnRole::IndividualName)?;
        Some(
            match (
                self.text(ColumnRole::ModelName),
                self.text(ColumnRole::IndividualName),
            ) {
                (Some(_), None) => Some(Kind::Collective),
                (None, Some(_)) => Some(Kind::Individual),
                _ => None,
            },
        )
    }

    fn model_name(&mut self) -> Option<String> {
        // An individual form may name the exemplar by the person alone.
        let mut field = match self.column(ColumnRole::ModelName) {
            Some(_) => ColumnRole::ModelName,
            None => ColumnRole::Person,
        };
        // A name column per kind: the one the row fills.
        if let Some(individual) = self.column(ColumnRole::IndividualName).cloned() {
            match (
                self.text(ColumnRole::ModelName),
                self.text(ColumnRole::IndividualName),
            ) {
                (None, Some(_)) => field = ColumnRole::IndividualName,
                (Some(collective), Some(exemplar)) => {
                    let message = format!(
                        "Ghi cả tên mô hình «{collective}» và tên điển hình «{exemplar}» trên một dòng: mỗi dòng ghi một mô hình (cột «{}») hoặc một điển hình (cột «{}»)",
                        self.column(ColumnRole::ModelName)
                            .map_or("", |c| c.header.as_str()),
                        individual.header
                    );
                    self.invalid(Code::InvalidValue, &individual, exemplar, message);
                    return None;
                }
                _ => {}
            }
        }
        let Some(name) = self.text(field) else {
            self.missing_value(
                ColumnRole::ModelName,
                Severity::Error,
                "ghi tên mô hình, điển hình đăng ký",
            );
            return None;
        };
        if !name.chars().any(char::is_alphabetic) {
            // "12345" or "3." is not a name: most often the columns are shifted and the row
            // number or a count landed in the name column.
            if let Some(column) = self.column(field).cloned() {
                let message = format!(
                    "Tên mô hình «{name}» không có chữ nào: có thể các cột bị lệch (số thứ tự hay con số ghi vào cột tên); ghi tên mô hình, điển hình đăng ký"
                );
                self.invalid(Code::InvalidValue, &column, name, message);
            }
            return None;
        }
        Some(name)
    }

    /// The field its section names ("A. Lĩnh vực kinh tế"), when it is a configured one.
    fn section_domain(&self, domains: &FieldList) -> Option<String> {
        let words = self.context()?.field.as_deref()?;
        let index = domains.find(words)?;
        domains.names().get(index).cloned()
    }

    /// The field in the configured spelling, or the field as written when it names none of
    /// them (a warning: a model is still a model when its field is spelled oddly). A row that
    /// does not say its field takes its section's.
    fn domain(&mut self, domains: &FieldList) -> (Option<String>, Option<String>) {
        let Some((column, cell)) = self.cell(ColumnRole::Field) else {
            return (self.section_domain(domains), None);
        };
        let column = column.clone();
        let value = display(cell);
        if value.trim().is_empty() {
            if let Some(field) = self.section_domain(domains) {
                return (Some(field), None);
            }
            self.missing_value(
                ColumnRole::Field,
                Severity::Warning,
                "nên ghi lĩnh vực của mô hình",
            );
            return (None, None);
        }
        if domains.names().is_empty() {
            return (Some(value), None);
        }
        match domains.find(&value) {
            Some(index) => (domains.names().get(index).cloned(), None),
            None => {
                let message = format!(
                    "Lĩnh vực «{value}» không khớp lĩnh vực nào trong danh mục ({}): dòng vẫn được nhận, mô hình được tính vào «{}». Sửa lĩnh vực cho đúng danh mục, hoặc thêm cách viết này vào [committee.field_synonyms] của dvk.toml",
                    domains.names().join("; "),
                    crate::recognize::values::UNKNOWN_FIELD
                );
                let finding = self
                    .source
                    .finding(Code::UnknownField, message)
                    .column(column.header.clone())
                    .value(value.clone());
                self.report(finding);
                (None, Some(value))
            }
        }
    }

    /// A date column, else the date line of the form.
    fn date(&mut self, field: ColumnRole) -> Option<Dated> {
        if let Some((column, cell)) = self.cell(field) {
            let column = column.clone();
            // A date over three columns (day, month, year) is read as the date they write.
            let joined = self.form.date_parts(field).map(|parts| {
                let show = |col: usize| display(self.sheet.get(self.row, col)).trim().to_string();
                [show(column.index), show(parts.month), show(parts.year)]
            });
            let joined = joined.map(|parts| {
                if parts.iter().all(String::is_empty) {
                    CellValue::Empty
                } else {
                    CellValue::Text(parts.join("/"))
                }
            });
            let cell = joined.as_ref().unwrap_or(cell);
            match values::cell_date(cell) {
                Ok(Some(date)) => {
                    return Some(Dated {
                        date,
                        column: Some(column.header),
                        received: false,
                    })
                }
                Ok(None) => {}
                Err(error) => {
                    if let Some((date, value, year)) = self.yearless(cell) {
                        let message = format!(
                            "Ngày «{value}» không ghi năm: hiểu là {}, năm {year} của biểu mẫu. Nên ghi đủ ngày/tháng/năm",
                            crate::sheet::format_date(date)
                        );
                        let finding = self
                            .source
                            .finding(Code::YearlessDate, message)
                            .column(column.header.clone())
                            .value(value);
                        self.report(finding);
                        return Some(Dated {
                            date,
                            column: Some(column.header),
                            received: false,
                        });
                    }
                    let value = display(cell);
                    let reason = match error {
                        DateError::Impossible => "Ngày không tồn tại",
                        DateError::Unreadable => "Không đọc được ngày",
                    };
                    let message = format!(
                        "{reason} «{value}»: ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2024"
                    );
                    self.invalid(Code::InvalidDate, &column, value, message);
                    return None;
                }
            }
        }
        self.form.date_line.as_ref().map(|line| Dated {
            date: line.date,
            column: None,
            received: false,
        })
    }

    /// A yes/no column of a self-assessment («Sức lan tỏa», «Đề nghị công nhận»), which
    /// units often answer with a sentence ([`values::cell_yes_no_or_described`]).
    /// A day and month without a year («5/2», «ngày 5/2»), read in the form's year: its year
    /// column, else the year section over the row, else the title's. `None` when the text
    /// holds other than two numbers, or the form names no year: (the date, the text, the
    /// year).
    fn yearless(&self, cell: &CellValue) -> Option<(NaiveDate, String, i32)> {
        let CellValue::Text(text) = cell else {
            return None;
        };
        let year = self
            .cell(ColumnRole::Year)
            .and_then(|(_, cell)| cycle_year(cell))
            .or_else(|| self.place_year())?;
        let date = values::parse_day_month(text, year)?;
        Some((date, text.trim().to_string(), year))
    }

    fn yes_no(&mut self, field: ColumnRole) -> Option<bool> {
        let (column, cell) = self.cell(field)?;
        if cell.is_empty() {
            return None;
        }
        let column = column.clone();
        let answer = values::cell_yes_no_or_described(cell);
        if answer.is_none() {
            let value = display(cell);
            let message = format!("«{value}» không phải có/không: ghi «Có» (hoặc x) hay «Không»");
            self.invalid(Code::InvalidValue, &column, value, message);
        }
        answer
    }

    /// The «Công nhận» answer: yes/no, a dash for no, an award for yes
    /// ([`values::cell_recognition`]).
    fn recognition(&mut self) -> Option<bool> {
        let (column, cell) = self.cell(ColumnRole::Recognized)?;
        if cell.is_empty() {
            return None;
        }
        let column = column.clone();
        let answer = values::cell_recognition(cell);
        if answer.is_none() {
            let value = display(cell);
            let message = format!(
                "«{value}» không đọc được là có/không công nhận: ghi «Có» (hoặc x, «Công nhận», tên hình thức khen thưởng) hay «Không» (hoặc -)"
            );
            self.invalid(Code::InvalidValue, &column, value, message);
        }
        answer
    }

    fn count(&mut self, field: ColumnRole) -> Option<u32> {
        let (column, cell) = self.cell(field)?;
        if cell.is_empty() {
            return None;
        }
        let column = column.clone();
        let count = values::cell_number(cell)
            .filter(|n| n.fract() == 0.0 && (0.0..=1_000_000.0).contains(n))
            .map(|n| n as u32);
        if count.is_none() {
            let value = display(cell);
            let message = format!("«{value}» không phải số phiếu: ghi một số nguyên, ví dụ 18");
            self.invalid(Code::InvalidValue, &column, value, message);
        }
        count
    }

    fn vote(&mut self) -> Option<VoteShare> {
        let favour = self.count(ColumnRole::VotesFor);
        let total = self.count(ColumnRole::VotesTotal);
        if let (Some(favour), Some(total)) = (favour, total) {
            if favour > total {
                if let Some(column) = self.column(ColumnRole::VotesFor).cloned() {
                    let message =
                        format!("Số phiếu tán thành ({favour}) lớn hơn tổng số phiếu ({total})");
                    self.invalid(Code::InvalidValue, &column, favour.to_string(), message);
                }
                return None;
            }
            return Some(VoteShare::Count { favour, total });
        }
        let (column, cell) = self.cell(ColumnRole::VoteResult)?;
        if cell.is_empty() {
            return None;
        }
        let column = column.clone();
        let value = display(cell);
        let vote = values::parse_vote(&value);
        if vote.is_none() {
            let message =
                format!("Kết quả biểu quyết «{value}» không đọc được: ghi dạng 18/20 hoặc 90%");
            self.invalid(Code::InvalidValue, &column, value, message);
        }
        vote
    }

    fn registration(&mut self, domains: &FieldList) -> Option<Registration> {
        let cell = self.cell_name();
        let kind = self.kind();
        let name = self.model_name();
        let (domain, unknown_field) = self.domain(domains);
        let date = self.date(ColumnRole::RegistrationDate);
        let year = self.year(date.as_ref().map(|d| d.date));
        let person = self.text(ColumnRole::Person);
        if kind == Some(Kind::Individual)
            && person.is_none()
            && self.column(ColumnRole::Person).is_some()
        {
            self.missing_value(
                ColumnRole::Person,
                Severity::Warning,
                "ghi họ và tên người đăng ký điển hình",
            );
        }
        Some(Registration {
            source: self.source.clone(),
            unit: cell?,
            year: year?,
            kind: kind?,
            name: name?,
            person,
            position: self.text(ColumnRole::Position),
            domain,
            unknown_field,
            date,
            sub_unit: None,
            committee: None,
            reported: None,
        })
    }

    fn self_assessment(&mut self) -> Option<SelfAssessment> {
        let cell = self.cell_name();
        let name = self.model_name();
        let kind = match self.column(ColumnRole::Kind) {
            Some(_) if self.text(ColumnRole::Kind).is_some() => self.kind(),
            _ => match self.marked_kind() {
                Some(kind) => kind,
                None => self.implied_kind(),
            },
        };
        let date = self.date(ColumnRole::ReportDate);
        let year = self.year(None);
        // An unreadable vote or yes/no is the row's finding (an error: fix the cell) and a
        // principle not shown, not a report never sent: the row stays, so that its model is
        // judged "self-assessed, vote unreadable" rather than `missing-self-assessment`.
        let rejected = self.rejected;
        let vote = self.vote();
        let spread = self.yes_no(ColumnRole::Spread);
        let proposed = self.yes_no(ColumnRole::Proposed);
        self.rejected = rejected;
        let assessment = SelfAssessment {
            source: self.source.clone(),
            unit: cell?,
            year: year?,
            kind,
            name: name?,
            person: self.text(ColumnRole::Person),
            rating: self.text(ColumnRole::SelfRating),
            vote,
            spread,
            proposed,
            recognized: self.recognition(),
            date,
            commendation: self
                .cell(ColumnRole::Commendation)
                .and_then(|(_, cell)| values::cell_commendation(cell)),
        };
        // A row of a self-assessment that names a model and assesses nothing (a row of a form
        // written in advance, not filled in) is no self-assessment of it.
        let assessed = assessment.rating.is_some()
            || assessment.vote.is_some()
            || assessment.spread.is_some()
            || assessment.proposed.is_some()
            || assessment.recognized.is_some()
            || assessment.date.is_some()
            || assessment.commendation.is_some()
            || self.text(ColumnRole::Result).is_some();
        if self.form.kind == FormKind::SelfAssessment && !assessed {
            let what = ColumnRole::Result;
            let header = self
                .column(what)
                .map_or(what.label().to_string(), |c| c.header.clone());
            let message = format!(
                "Dòng có tên mô hình, điển hình «{}» nhưng chưa ghi gì về tự đánh giá (kết quả, tự xếp loại, số phiếu, sức lan tỏa, đề nghị công nhận): chưa tính là đã tự đánh giá. Ghi đủ các cột của dòng này rồi gửi lại",
                assessment.name
            );
            let finding = self
                .source
                .finding(Code::MissingValue, message)
                .column(header);
            self.report(finding);
            return None;
        }
        Some(assessment)
    }

    fn roster_entry(&mut self) -> Option<RosterEntry> {
        let cell = self.text(ColumnRole::Unit);
        if cell.is_none() {
            self.missing_value(ColumnRole::Unit, Severity::Error, "ghi tên chi bộ");
        }
        Some(RosterEntry {
            source: self.source.clone(),
            unit: cell?,
            secretary: self.text(ColumnRole::Secretary),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::forms::recognize;

    fn registration_of(name: CellValue) -> SheetRows {
        let t = |s: &str| CellValue::Text(s.to_string());
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![t("CHI BỘ VĂN PHÒNG")],
                vec![t("ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2024")],
                vec![t("Loại"), t("Tên mô hình"), t("Ngày đăng ký")],
                vec![t("Tập thể"), name, t("05/02/2024")],
            ],
        );
        let Some(form) = recognize(&sheet) else {
            panic!("the form is recognized");
        };
        read_rows("vp.xlsx", &sheet, &form, &FieldList::default())
    }

    #[test]
    fn a_model_name_without_letters_is_refused() {
        for name in [CellValue::Number(12345.0), CellValue::Text("3.".into())] {
            let rows = registration_of(name.clone());
            assert!(rows.records.is_empty(), "{name:?}");
            let codes: Vec<Code> = rows.findings.iter().map(|f| f.code).collect();
            assert_eq!(codes, [Code::InvalidValue], "{name:?}");
            assert!(rows.findings[0].message.contains("không có chữ nào"));
        }
        for name in ["5S tại nơi làm việc", "Một cửa 4.0"] {
            let rows = registration_of(CellValue::Text(name.into()));
            assert_eq!(rows.records.len(), 1, "{name}");
        }
    }
}
