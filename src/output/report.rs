//! `dvk report --out FILE.xlsx`: the consolidated report of a year (due 30/12) or the review of
//! a phase, as one print-ready workbook.
//!
//! Sheets, in order: «Báo cáo» (the page that is signed: a Party document under Hướng dẫn
//! 36-HD/VPTW, with the figures per cell), «Danh sách mô hình» (every model, readable back by
//! `dvk check` as a registration form, so a higher committee consolidates the reports of its
//! member committees), «Theo lĩnh vực» (figures by field and by cell, with native charts),
//! «Còn thiếu» (what each cell still lacks) and «Phát hiện» (every finding).
//!
//! Every text is written as a string, never as a formula, whatever it begins with; figures are
//! numbers and dates are Excel dates. The document properties are fixed, so the same input
//! always gives the same bytes.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Chart, ChartFont, ChartLegendPosition, ChartMarker, ChartType, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::document::{self, DocumentStyles};
use crate::dvk_workbooks::{
    Category, ASSESSED, ASSESSED_COLUMN, COMMENDATION_COLUMN, MODELS_SHEET, REASONS_COLUMN,
    REASONS_SEPARATOR, STATUS_COLUMN,
};
use crate::error::Result;
use crate::figures::aggregate::{Aggregates, Counts};
use crate::figures::missing::{when_words, MissingReport};
use crate::judge::assess::Model;
use crate::pipeline::check_report::UnitFinding;
use crate::rules::config::{Committee, Margins};

/// The signed page: the Party document with the figures per cell.
pub(crate) const REPORT_SHEET: &str = "Báo cáo";
/// The figures by field and by cell, with charts.
pub(crate) const FIELDS_SHEET: &str = "Theo lĩnh vực";
/// What each cell still lacks.
pub(crate) const MISSING_SHEET: &str = "Còn thiếu";

type XlsxResult<T> = std::result::Result<T, XlsxError>;

/// Everything the report shows.
pub struct ReportInput<'a> {
    /// The committee that reports (header block, date line, signature).
    pub committee: &'a Committee,
    /// The first cycle year: equal to `last_year` for the yearly report.
    pub first_year: i32,
    /// The last cycle year; a range for the phase review.
    pub last_year: i32,
    /// The date of the date line: 30/12 of the last year.
    pub date: NaiveDate,
    /// The figures.
    pub aggregates: &'a Aggregates,
    /// Every accepted registration with its status, in reading order.
    pub models: &'a [Model],
    /// What each roster cell lacks, one report per year (empty without a roster).
    pub missing: &'a [MissingReport],
    /// Every finding of the check, by unit ([`crate::pipeline::check_report::CheckReport::findings_by_unit`]).
    pub findings: &'a [UnitFinding<'a>],
    /// The document's number (`--number`); `None` leaves it to be written by hand.
    pub number: Option<&'a str>,
    /// The fields (lĩnh vực) of the configuration: the Word report names those with no model.
    pub fields: &'a [String],
}

impl ReportInput<'_> {
    /// True for a phase review, which covers several years.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::aggregate::Aggregates;
    /// use dvk::rules::config::Committee;
    /// use dvk::output::report::ReportInput;
    ///
    /// let (committee, aggregates) = (Committee::builtin(), Aggregates::default());
    /// let input = ReportInput { committee: &committee, first_year: 2016, last_year: 2020,
    ///     date: chrono::NaiveDate::from_ymd_opt(2020, 12, 30).unwrap(),
    ///     aggregates: &aggregates, models: &[], missing: &[], findings: &[], number: None,
    ///     fields: &[] };
    /// assert!(input.is_phase());
    /// ```
    pub fn is_phase(&self) -> bool {
        self.first_year < self.last_year
    }

    fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// "năm 2018", "giai đoạn 2016 – 2020".
    pub(crate) fn span_words(&self) -> String {
        if self.is_phase() {
            format!("giai đoạn {} – {}", self.first_year, self.last_year)
        } else {
            format!("năm {}", self.last_year)
        }
    }

    /// The cells of the figures, in their order (roster order; a consolidation's grouped by
    /// member committee), each once, with their figures for each year of the report (zeros
    /// for a year without a row). Indexed in one pass: a consolidated report has thousands of
    /// cells.
    pub(crate) fn per_cell(&self) -> Vec<UnitFigures<'_>> {
        let years: Vec<i32> = self.years().collect();
        let mut slots: HashMap<(Option<&str>, &str), usize> = HashMap::new();
        // (committee, cell, the figures of each year as found).
        type Found<'a> = (Option<&'a str>, &'a str, Vec<Option<Counts>>);
        let mut cells: Vec<Found<'_>> = Vec::new();
        for row in &self.aggregates.rows {
            let Some(year) = years.iter().position(|&y| y == row.year) else {
                continue;
            };
            let key = (row.committee.as_deref(), row.unit.as_str());
            let slot = *slots.entry(key).or_insert_with(|| {
                cells.push((key.0, key.1, vec![None; years.len()]));
                cells.len() - 1
            });
            // The first row of a cell and year counts, as a look-up would find it.
            cells[slot].2[year].get_or_insert(row.counts);
        }
        cells
            .into_iter()
            .map(|(committee, unit, counts)| UnitFigures {
                committee,
                unit,
                per_year: counts.into_iter().map(Option::unwrap_or_default).collect(),
            })
            .collect()
    }

    /// [`ReportInput::per_cell`] in groups of one member committee each, in their order: one
    /// group without a committee for the committee's own cells.
    pub(crate) fn unit_groups(&self) -> Vec<UnitGroup<'_>> {
        let mut groups: Vec<UnitGroup<'_>> = Vec::new();
        for unit in self.per_cell() {
            match groups.last_mut() {
                Some(group) if group.committee == unit.committee => group.units.push(unit),
                _ => groups.push(UnitGroup {
                    committee: unit.committee,
                    units: vec![unit],
                }),
            }
        }
        groups
    }

    /// The figures of one year.
    fn year_counts(&self, year: i32) -> Counts {
        self.aggregates
            .year_totals
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, counts)| *counts)
            .unwrap_or_default()
    }

    /// The figures of each field over the years of the report, fields in their order.
    pub(crate) fn field_counts(&self) -> Vec<(String, Counts)> {
        let mut fields: Vec<(String, Counts)> = Vec::new();
        for row in &self.aggregates.by_field {
            if !self.years().contains(&row.year) {
                continue;
            }
            match fields.iter_mut().find(|(field, _)| *field == row.field) {
                Some((_, counts)) => *counts = counts.plus(&row.counts),
                None => fields.push((row.field.clone(), row.counts)),
            }
        }
        fields
    }
}

/// One cell of the unit table with its figures for each year of the report.
pub(crate) struct UnitFigures<'a> {
    /// Its member committee, in a consolidation of member committees' reports.
    pub(crate) committee: Option<&'a str>,
    /// The cell.
    pub(crate) unit: &'a str,
    /// Its figures, one per year of the report.
    pub(crate) per_year: Vec<Counts>,
}

/// The cells of one member committee (a section of the unit table), or the committee's own.
pub(crate) struct UnitGroup<'a> {
    /// The member committee; `None` for the committee's own cells (no section row).
    pub(crate) committee: Option<&'a str>,
    /// Its cells, in order.
    pub(crate) units: Vec<UnitFigures<'a>>,
}

impl UnitGroup<'_> {
    /// The group's figures for each year of the report.
    pub(crate) fn per_year(&self) -> Vec<Counts> {
        let years = self.units.first().map_or(0, |u| u.per_year.len());
        (0..years)
            .map(|i| sum(self.units.iter().map(|u| u.per_year[i])))
            .collect()
    }
}

/// The numeral of a section: I, II, III, IV …
pub(crate) fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

fn sum(counts: impl IntoIterator<Item = Counts>) -> Counts {
    counts
        .into_iter()
        .fold(Counts::default(), |total, c| total.plus(&c))
}

/// Builds the report and writes it atomically to `path`.
///
/// # Example
///
/// ```
/// use dvk::figures::aggregate::Aggregates;
/// use dvk::rules::config::Committee;
/// use dvk::output::report::{write_report, ReportInput};
///
/// let (committee, aggregates) = (Committee::builtin(), Aggregates::default());
/// let input = ReportInput { committee: &committee, first_year: 2018, last_year: 2018,
///     date: chrono::NaiveDate::from_ymd_opt(2018, 12, 30).unwrap(),
///     aggregates: &aggregates, models: &[], missing: &[], findings: &[], number: None,
///     fields: &[] };
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("bao-cao-2018.xlsx");
/// write_report(&input, &path).unwrap();
/// assert!(path.exists());
/// ```
pub fn write_report(input: &ReportInput, path: &Path) -> Result<()> {
    super::atomic::write_workbook(path, report_workbook(input))
}

/// The report as the bytes of an .xlsx file.
///
/// # Example
///
/// ```
/// use dvk::figures::aggregate::Aggregates;
/// use dvk::rules::config::Committee;
/// use dvk::output::report::{report_bytes, ReportInput};
///
/// let (committee, aggregates) = (Committee::builtin(), Aggregates::default());
/// let input = ReportInput { committee: &committee, first_year: 2018, last_year: 2018,
///     date: chrono::NaiveDate::from_ymd_opt(2018, 12, 30).unwrap(),
///     aggregates: &aggregates, models: &[], missing: &[], findings: &[], number: None,
///     fields: &[] };
/// let bytes = report_bytes(&input).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// assert_eq!(bytes, report_bytes(&input).unwrap(), "the same input gives the same bytes");
/// ```
pub fn report_bytes(input: &ReportInput) -> XlsxResult<Vec<u8>> {
    let bytes = report_workbook(input)?.save_to_buffer()?;
    super::first_page::unnumbered_first_page(bytes)
}

/// The report as a workbook, to be saved.
fn report_workbook(input: &ReportInput) -> XlsxResult<Workbook> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(input)?);
    workbook.set_zip_compression_level(super::LIST_ZIP_LEVEL);
    let styles = Styles::new();
    report_sheet(workbook.add_worksheet(), input, &styles)?;
    // The two long lists are streamed row by row to a temporary file instead of being held
    // whole: a consolidated report lists a hundred thousand models.
    models_sheet(
        workbook.add_worksheet_with_constant_memory()?,
        &models_in_order(input),
        &styles,
        &input.committee.margins,
    )?;
    fields_sheet(workbook.add_worksheet(), input, &styles)?;
    missing_sheet(workbook.add_worksheet(), input, &styles)?;
    super::workbook::write_findings_sheet(
        workbook.add_worksheet_with_constant_memory()?,
        input.findings,
        &input.committee.margins,
    )?;
    Ok(workbook)
}

/// The report's properties ([`super::properties`]), with the committee as subject; the
/// category tells `dvk check` that the workbook is a report of dvk.
fn properties(input: &ReportInput) -> XlsxResult<DocProperties> {
    Ok(super::properties(
        &format!(
            "Báo cáo phong trào thi đua “Dân vận khéo” {}",
            input.span_words()
        ),
        Some(Category::Report),
    )?
    .set_subject(input.committee.issuer.as_str()))
}

/// The document styles plus those of the lists and the figures.
struct Styles {
    doc: DocumentStyles,
    /// The source path: one line, never wrapped (it has no spaces to wrap at).
    source: Format,
    date: Format,
    column_number: Format,
    section: Format,
}

impl Styles {
    fn new() -> Self {
        let doc = DocumentStyles::new();
        Styles {
            date: doc.table_number.clone().set_num_format("dd/mm/yyyy"),
            column_number: doc.table_number.clone().set_italic().set_font_size(10),
            section: doc.plain_left.clone().set_bold(),
            source: doc
                .plain_left
                .clone()
                .set_font_size(12)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter),
            doc,
        }
    }
}

/// Writes a text as a string (never a formula), cut to Excel's limit.
fn text(sheet: &mut Worksheet, row: u32, col: u16, value: &str, format: &Format) -> XlsxResult<()> {
    sheet.write_string_with_format(row, col, clip(value), format)?;
    Ok(())
}

fn clip(value: &str) -> String {
    value.chars().take(super::MAX_CELL_CHARS).collect()
}

/// Writes figures as numbers from column `first` on.
fn numbers(
    sheet: &mut Worksheet,
    row: u32,
    first: u16,
    values: &[u32],
    format: &Format,
) -> XlsxResult<()> {
    for (col, value) in (first..).zip(values) {
        sheet.write_number_with_format(row, col, f64::from(*value), format)?;
    }
    Ok(())
}

/// Gives a row the height its wrapped texts need (each with its column's width).
fn fit_row(sheet: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> XlsxResult<f64> {
    let height = document::table_row_height(cells);
    sheet.set_row_height(row, height)?;
    Ok(height)
}

fn set_widths(sheet: &mut Worksheet, widths: &[f64]) -> XlsxResult<()> {
    for (col, width) in (0u16..).zip(widths) {
        sheet.set_column_width(col, *width)?;
    }
    Ok(())
}

fn last_col(widths: &[f64]) -> u16 {
    u16::try_from(widths.len().saturating_sub(1)).unwrap_or(0)
}

// «Báo cáo» ---------------------------------------------------------------------------------

const YEARLY_HEADERS: [&str; 10] = [
    "STT",
    "Chi bộ",
    "Tập thể",
    "Cá nhân",
    "Đúng hạn",
    "Muộn",
    "Đã tự đánh giá",
    "Đủ điều kiện",
    "Được công nhận",
    "Khen thưởng",
];
const YEARLY_WIDTHS: [f64; 10] = [5.0, 30.0, 8.0, 8.0, 8.5, 7.5, 10.0, 10.0, 10.0, 10.5];

/// The phase table: STT, cell, (registered, recognized) per year, then the whole phase.
const PHASE_YEAR_HEADERS: [&str; 2] = ["Đăng ký", "Công nhận"];
const PHASE_TOTAL_HEADERS: [&str; 4] = ["Tập thể", "Cá nhân", "Công nhận", "Khen thưởng"];

const PHASE_CELL_WIDTH: f64 = 26.0;

fn phase_widths(years: usize) -> Vec<f64> {
    let mut widths = vec![5.0, PHASE_CELL_WIDTH];
    widths.extend(std::iter::repeat_n(7.5, 2 * years));
    widths.extend([8.0, 8.0, 8.5, 9.5]);
    widths
}

pub(crate) fn phase_figures(per_year: impl Iterator<Item = Counts>, whole: &Counts) -> Vec<u32> {
    let mut values: Vec<u32> = per_year
        .flat_map(|c| [c.registered(), c.recognized])
        .collect();
    values.extend([
        whole.collective,
        whole.individual,
        whole.recognized,
        whole.commended,
    ]);
    values
}

fn report_title(input: &ReportInput) -> String {
    let movement = "phong trào thi đua “Dân vận khéo”";
    if !input.is_phase() {
        return format!(
            "Báo cáo kết quả thực hiện {movement} năm {}",
            input.last_year
        );
    }
    let review = match input.aggregates.by_phase.as_slice() {
        [phase] if !phase.review.trim().is_empty() => phase.review.trim().to_string(),
        _ => "kết quả thực hiện".to_string(),
    };
    format!("Báo cáo {review} {movement} {}", input.span_words())
}

/// "12 mô hình tập thể và 11 điển hình cá nhân; 9 đăng ký đúng hạn, 2 muộn; …".
fn figures_words(c: &Counts) -> String {
    let undated = c.registered().saturating_sub(c.on_time + c.late);
    let undated = if undated > 0 {
        format!(", {undated} không rõ ngày đăng ký")
    } else {
        String::new()
    };
    format!(
        "{} mô hình tập thể và {} điển hình cá nhân; {} đăng ký đúng hạn, {} muộn{undated}; {} mô hình, điển hình đã tự đánh giá, {} đủ điều kiện công nhận, {} được công nhận, {} được khen thưởng",
        c.collective,
        c.individual,
        c.on_time,
        c.late,
        c.self_assessed,
        c.eligible,
        c.recognized,
        c.commended
    )
}

/// How many cells registered something in `year`, out of how many.
fn cells_registered(input: &ReportInput, year: i32) -> (usize, usize) {
    let rows = input.aggregates.rows.iter().filter(|r| r.year == year);
    let (mut registered, mut all) = (0, 0);
    for row in rows {
        all += 1;
        if row.counts.registered() > 0 {
            registered += 1;
        }
    }
    (registered, all)
}

/// " Còn 3 chi bộ chưa đăng ký: A, B, C." for a year, or nothing.
fn unregistered_words(input: &ReportInput, year: i32) -> String {
    match input.aggregates.missing.iter().find(|(y, _)| *y == year) {
        Some((_, cells)) if !cells.is_empty() => format!(
            " Còn {} chi bộ chưa đăng ký: {}.",
            cells.len(),
            cells.join(", ")
        ),
        _ => String::new(),
    }
}

/// The paragraph of figures in words.
fn summary_words(input: &ReportInput) -> String {
    let totals = &input.aggregates.totals;
    if !input.is_phase() {
        let year = input.last_year;
        let (registered, all) = cells_registered(input, year);
        return format!(
            "Năm {year}, {registered}/{all} chi bộ đã đăng ký {}.{}",
            figures_words(totals),
            unregistered_words(input, year)
        );
    }
    let per_year: Vec<String> = input
        .years()
        .map(|year| {
            let (registered, all) = cells_registered(input, year);
            let c = input.year_counts(year);
            format!(
                "năm {year}, {registered}/{all} chi bộ đăng ký {} mô hình, điển hình, {} được công nhận",
                c.registered(),
                c.recognized
            )
        })
        .collect();
    format!(
        "Giai đoạn {} – {}, các chi bộ đã đăng ký {}. Theo từng năm: {}.",
        input.first_year,
        input.last_year,
        figures_words(totals),
        per_year.join("; ")
    )
}

fn report_sheet(sheet: &mut Worksheet, input: &ReportInput, styles: &Styles) -> XlsxResult<()> {
    sheet.set_name(REPORT_SHEET)?;
    let widths = if input.is_phase() {
        phase_widths(input.years().count())
    } else {
        YEARLY_WIDTHS.to_vec()
    };
    set_widths(sheet, &widths)?;
    let last = last_col(&widths);
    let doc = &styles.doc;
    let letterhead = document::Letterhead {
        committee: input.committee,
        kind: "BC",
        number: input.number,
        subject: None,
    };
    let (row, heading_height) = document::write_heading(
        sheet,
        doc,
        &letterhead,
        &widths,
        input.date,
        &clip(&report_title(input)),
        None,
    )?;
    let width: f64 = widths.iter().sum();
    let summary = clip(&summary_words(input));
    let row = document::write_paragraph(sheet, doc, row, last, width, &summary)?;
    sheet.set_row_height(row, 12.0)?;
    let header = row + 1;
    let table = if input.is_phase() {
        phase_table(sheet, input, doc, header)?
    } else {
        yearly_table(sheet, input, doc, header)?
    };
    let next = table.next();
    sheet.set_row_height(next, 12.0)?;
    let recipients = &input.committee.report_recipients;
    let closing =
        document::write_closing(sheet, doc, input.committee, &widths, next + 1, recipients)?;
    let above = heading_height + document::paragraph_height(&summary, width) + 12.0;
    let layout = document::PageLayout::new(input.is_phase(), &widths, &input.committee.margins);
    if let Some(index) =
        layout.break_before_closing(above, table.header_height, &table.heights, 12.0 + closing)
    {
        let first_row = table.header_last + 1;
        sheet.set_page_breaks(&[first_row + u32::try_from(index).unwrap_or(0)])?;
    }
    document::print_setup_rows(
        sheet,
        input.is_phase(),
        header,
        table.header_last,
        &input.committee.margins,
    )?;
    sheet.set_freeze_panes(table.header_last + 1, 0)?;
    Ok(())
}

/// Where the table of the signed page was written: the last row of its header, the header's
/// height and the height of each row under it (the totals row last).
struct Table2 {
    header_last: u32,
    header_height: f64,
    heights: Vec<f64>,
}

impl Table2 {
    /// The row after the totals row.
    fn next(&self) -> u32 {
        self.header_last + 1 + u32::try_from(self.heights.len()).unwrap_or(u32::MAX)
    }
}

/// The yearly table from row `header`.
fn yearly_table(
    sheet: &mut Worksheet,
    input: &ReportInput,
    doc: &DocumentStyles,
    header: u32,
) -> XlsxResult<Table2> {
    for (col, title) in (0u16..).zip(YEARLY_HEADERS) {
        text(sheet, header, col, title, &doc.table_header)?;
    }
    let header_height = YEARLY_HEADERS
        .iter()
        .zip(YEARLY_WIDTHS)
        .map(|(title, width)| document::text_height(&[(title, width)], 12.0, true))
        .fold(18.0, f64::max);
    sheet.set_row_height(header, header_height)?;
    let mut heights = Vec::new();
    let mut row = header + 1;
    for (section, group) in (1u32..).zip(input.unit_groups()) {
        if let Some(committee) = group.committee {
            text(sheet, row, 0, &roman(section), &doc.table_total)?;
            text(sheet, row, 1, committee, &doc.table_total)?;
            heights.push(fit_row(sheet, row, &[(committee, YEARLY_WIDTHS[1])])?);
            let counts = group.per_year().last().copied().unwrap_or_default();
            numbers(sheet, row, 2, &counts.figures(), &doc.table_total)?;
            row += 1;
        }
        for (number, unit) in (1u32..).zip(&group.units) {
            sheet.write_number_with_format(row, 0, number, &doc.table_number)?;
            text(sheet, row, 1, unit.unit, &doc.table_text)?;
            heights.push(fit_row(sheet, row, &[(unit.unit, YEARLY_WIDTHS[1])])?);
            let counts = unit.per_year.last().copied().unwrap_or_default();
            numbers(sheet, row, 2, &counts.figures(), &doc.table_number)?;
            row += 1;
        }
    }
    totals_label(sheet, row, doc)?;
    let totals = input.aggregates.totals.figures();
    numbers(sheet, row, 2, &totals, &doc.table_total)?;
    heights.push(fit_row(sheet, row, &[("Tổng cộng", YEARLY_WIDTHS[1])])?);
    Ok(Table2 {
        header_last: header,
        header_height,
        heights,
    })
}

/// "Tổng cộng" in the cell column, under the names (STT left blank).
fn totals_label(sheet: &mut Worksheet, row: u32, doc: &DocumentStyles) -> XlsxResult<()> {
    sheet.write_blank(row, 0, &doc.table_total)?;
    text(sheet, row, 1, "Tổng cộng", &doc.table_total)
}

/// The phase table from row `header` (two header rows: the years over their columns).
fn phase_table(
    sheet: &mut Worksheet,
    input: &ReportInput,
    doc: &DocumentStyles,
    header: u32,
) -> XlsxResult<Table2> {
    let sub = header + 1;
    sheet.merge_range(header, 0, sub, 0, "STT", &doc.table_header)?;
    sheet.merge_range(header, 1, sub, 1, "Chi bộ", &doc.table_header)?;
    let mut col = 2u16;
    for year in input.years() {
        sheet.merge_range(
            header,
            col,
            header,
            col + 1,
            &format!("Năm {year}"),
            &doc.table_header,
        )?;
        for (offset, title) in (0u16..).zip(PHASE_YEAR_HEADERS) {
            text(sheet, sub, col + offset, title, &doc.table_header)?;
        }
        col += 2;
    }
    sheet.merge_range(
        header,
        col,
        header,
        col + 3,
        "Cả giai đoạn",
        &doc.table_header,
    )?;
    for (offset, title) in (0u16..).zip(PHASE_TOTAL_HEADERS) {
        text(sheet, sub, col + offset, title, &doc.table_header)?;
    }
    sheet.set_row_height(header, 18.0)?;
    sheet.set_row_height(sub, 34)?;
    let header_height = 18.0 + 34.0;
    let mut heights = Vec::new();
    let mut row = sub + 1;
    for (section, group) in (1u32..).zip(input.unit_groups()) {
        if let Some(committee) = group.committee {
            text(sheet, row, 0, &roman(section), &doc.table_total)?;
            text(sheet, row, 1, committee, &doc.table_total)?;
            heights.push(fit_row(sheet, row, &[(committee, PHASE_CELL_WIDTH)])?);
            let per_year = group.per_year();
            let total = sum(per_year.iter().copied());
            let values = phase_figures(per_year.into_iter(), &total);
            numbers(sheet, row, 2, &values, &doc.table_total)?;
            row += 1;
        }
        for (number, unit) in (1u32..).zip(&group.units) {
            sheet.write_number_with_format(row, 0, number, &doc.table_number)?;
            text(sheet, row, 1, unit.unit, &doc.table_text)?;
            heights.push(fit_row(sheet, row, &[(unit.unit, PHASE_CELL_WIDTH)])?);
            let total = sum(unit.per_year.iter().copied());
            let values = phase_figures(unit.per_year.iter().copied(), &total);
            numbers(sheet, row, 2, &values, &doc.table_number)?;
            row += 1;
        }
    }
    totals_label(sheet, row, doc)?;
    let per_year = input.years().map(|year| input.year_counts(year));
    let values = phase_figures(per_year, &input.aggregates.totals);
    numbers(sheet, row, 2, &values, &doc.table_total)?;
    heights.push(fit_row(sheet, row, &[("Tổng cộng", PHASE_CELL_WIDTH)])?);
    Ok(Table2 {
        header_last: sub,
        header_height,
        heights,
    })
}

// «Danh sách mô hình» -----------------------------------------------------------------------

/// The columns of the models sheet. The first ten headers are those `dvk check` knows
/// (`forms::SYNONYMS`); the others match no field, and none a self-assessment field.
/// The judged columns (self-assessment, status, commendation, reasons) are read back as such
/// by a higher committee (`crate::recognize::reported`).
const MODEL_COLUMNS: [(&str, f64); 16] = [
    ("STT", 5.0),
    ("Chi bộ", 18.0),
    ("Năm", 6.5),
    ("Loại", 8.5),
    ("Tên mô hình, điển hình", 28.0),
    ("Họ và tên / Tên tập thể", 17.0),
    ("Chức vụ", 12.0),
    ("Lĩnh vực", 13.0),
    ("Ngày đăng ký", 11.5),
    ("Thời hạn đăng ký", 10.0),
    (ASSESSED_COLUMN, 10.5),
    (STATUS_COLUMN, 13.0),
    (COMMENDATION_COLUMN, 11.0),
    (REASONS_COLUMN, 24.0),
    ("Tệp nguồn", 28.0),
    ("Dòng nguồn", 8.0),
];

/// The columns printed: STT to «Lý do». The source columns are for tracing on screen.
const MODELS_PRINTED: u16 = 14;

/// The models as the list prints them: by unit in the order of the table (the roster's),
/// units outside it after, by name; then by year, kind (collective first) and model name
/// (compared folded: case and diacritics aside). The sort is stable: equal keys keep the
/// reading order.
pub(crate) fn models_in_order<'a>(input: &ReportInput<'a>) -> Vec<&'a Model> {
    let order: HashMap<(Option<&str>, &str), usize> = input
        .per_cell()
        .into_iter()
        .enumerate()
        .map(|(position, unit)| ((unit.committee, unit.unit), position))
        .collect();
    let mut models: Vec<(usize, String, &Model)> = input
        .models
        .iter()
        .map(|model| {
            let r = &model.registration;
            let key = (r.committee.as_deref(), r.unit.as_str());
            let position = order.get(&key).copied().unwrap_or(usize::MAX);
            (position, crate::text::fold(&model.registration.name), model)
        })
        .collect();
    models.sort_by(|(pa, na, a), (pb, nb, b)| {
        let (ra, rb) = (&a.registration, &b.registration);
        pa.cmp(pb)
            .then_with(|| ra.unit.cmp(&rb.unit))
            .then(ra.year.cmp(&rb.year))
            .then(ra.kind.cmp(&rb.kind))
            .then_with(|| na.cmp(nb))
    });
    models.into_iter().map(|(_, _, model)| model).collect()
}

fn models_sheet(
    sheet: &mut Worksheet,
    models: &[&Model],
    styles: &Styles,
    margins: &Margins,
) -> XlsxResult<()> {
    sheet.set_name(MODELS_SHEET)?;
    let doc = &styles.doc;
    // Rows are written in order: the sheet is streamed.
    for (col, (title, width)) in (0u16..).zip(MODEL_COLUMNS) {
        text(sheet, 0, col, title, &doc.table_header)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_row_height(0, 48)?;
    // The row of column numbers "(1) (2) …" under the header, as Vietnamese forms have:
    // `dvk check` skips it.
    for col in (0u16..).take(MODEL_COLUMNS.len()) {
        let number = format!("({})", col + 1);
        text(sheet, 1, col, &number, &styles.column_number)?;
    }
    let mut row = 2u32;
    for (number, model) in (1u32..).zip(models) {
        model_row(sheet, row, number, model, styles)?;
        row += 1;
    }
    let last_row = row.saturating_sub(1).max(1);
    let last = last_col(&[0.0; MODEL_COLUMNS.len()]);
    document::print_setup_rows(sheet, true, 0, 1, margins)?;
    sheet.set_print_area(0, 0, last_row, MODELS_PRINTED - 1)?;
    sheet.set_freeze_panes(2, 0)?;
    sheet.autofilter(1, 0, last_row, last)?;
    Ok(())
}

/// "Đúng hạn", "Muộn", or "Không rõ ngày" when the registration has no date.
fn timing_words(model: &Model) -> &'static str {
    match (&model.registration.date, model.late) {
        (None, _) => "Không rõ ngày",
        (Some(_), true) => "Muộn",
        (Some(_), false) => "Đúng hạn",
    }
}

fn model_row(
    sheet: &mut Worksheet,
    row: u32,
    number: u32,
    model: &Model,
    styles: &Styles,
) -> XlsxResult<()> {
    let doc = &styles.doc;
    let r = &model.registration;
    let assessed = if model.self_assessed() {
        ASSESSED
    } else {
        "Chưa"
    };
    sheet.write_number_with_format(row, 0, number, &doc.table_number)?;
    sheet.write_number_with_format(row, 2, r.year, &doc.table_number)?;
    date(sheet, row, 8, r.date.as_ref().map(|d| d.date), styles)?;
    sheet.write_number_with_format(row, 15, r.source.row, &doc.table_number)?;
    let reasons = model.reasons.join(REASONS_SEPARATOR);
    // A đảng bộ's list of its own chi bộ: the sub-cell is the collective carrying it out.
    let person = match (&r.person, &r.sub_unit) {
        (Some(person), Some(sub)) => format!("{person} ({sub})"),
        (Some(person), None) => person.clone(),
        (None, Some(sub)) => sub.clone(),
        (None, None) => String::new(),
    };
    let texts = [
        (1, r.unit.as_str(), &doc.table_text),
        (3, r.kind.label(), &doc.table_number),
        (4, r.name.as_str(), &doc.table_text),
        (5, person.as_str(), &doc.table_text),
        (6, r.position.as_deref().unwrap_or(""), &doc.table_text),
        (
            7,
            r.domain
                .as_deref()
                .or(r.unknown_field.as_deref())
                .unwrap_or(""),
            &doc.table_text,
        ),
        (9, timing_words(model), &doc.table_number),
        (10, assessed, &doc.table_number),
        (11, model.status.label(), &doc.table_text),
        (
            12,
            model.commendation.as_deref().unwrap_or(""),
            &doc.table_text,
        ),
        (13, reasons.as_str(), &doc.table_text),
    ];
    let mut widths = Vec::with_capacity(texts.len());
    for (col, value, format) in texts {
        text(sheet, row, col, value, format)?;
        widths.push((value, MODEL_COLUMNS[usize::from(col)].1));
    }
    text(sheet, row, 14, &r.source.path, &styles.source)?;
    fit_row(sheet, row, &widths)?;
    Ok(())
}

/// A real Excel date shown dd/mm/yyyy; blank when there is none, and the text of the date if
/// Excel cannot hold it (before 1900).
fn date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<NaiveDate>,
    styles: &Styles,
) -> XlsxResult<()> {
    let Some(value) = value else {
        sheet.write_blank(row, col, &styles.date)?;
        return Ok(());
    };
    let excel = u16::try_from(value.year())
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, value.month() as u8, value.day() as u8).ok());
    match excel {
        Some(excel) => {
            sheet.write_datetime_with_format(row, col, &excel, &styles.date)?;
        }
        None => text(
            sheet,
            row,
            col,
            &crate::sheet::format_date(value),
            &styles.date,
        )?,
    }
    Ok(())
}

// «Theo lĩnh vực» ---------------------------------------------------------------------------

const FIGURE_HEADERS: [&str; 4] = ["Tập thể", "Cá nhân", "Tổng số đăng ký", "Được công nhận"];
const FIGURE_WIDTHS: [f64; 5] = [38.0, 11.0, 11.0, 12.0, 12.0];
/// The column of registered models and of recognized ones in a figures table.
const REGISTERED_COL: u16 = 3;
const RECOGNIZED_COL: u16 = 4;

fn figure_values(c: &Counts) -> [u32; 4] {
    [c.collective, c.individual, c.registered(), c.recognized]
}

/// Where a figures table was written: its header row and its data rows.
struct Table {
    header: u32,
    first: u32,
    rows: u32,
}

impl Table {
    fn last(&self) -> u32 {
        self.first + self.rows.saturating_sub(1)
    }

    /// The next free row, after the totals row.
    fn next(&self) -> u32 {
        self.first + self.rows + 1
    }
}

fn fields_sheet(sheet: &mut Worksheet, input: &ReportInput, styles: &Styles) -> XlsxResult<()> {
    sheet.set_name(FIELDS_SHEET)?;
    set_widths(sheet, &FIGURE_WIDTHS)?;
    let doc = &styles.doc;
    let last = last_col(&FIGURE_WIDTHS);
    let title = "Số liệu theo lĩnh vực, theo chi bộ".to_uppercase();
    document::merge(sheet, 0, 0, last, &title, &doc.title)?;
    let subtitle = if input.is_phase() {
        format!(
            "Giai đoạn {} – {} (cộng các năm)",
            input.first_year, input.last_year
        )
    } else {
        format!("Năm {}", input.last_year)
    };
    document::merge(sheet, 1, 0, last, &subtitle, &doc.italic_center)?;
    let by_field = figures_table(
        sheet,
        styles,
        3,
        ("1. Theo lĩnh vực", "Lĩnh vực"),
        &input.field_counts(),
    )?;
    let cells: Vec<(String, Counts)> = input
        .per_cell()
        .into_iter()
        .map(|unit| (unit.unit.to_string(), sum(unit.per_year)))
        .collect();
    let by_cell = figures_table(
        sheet,
        styles,
        by_field.next() + 1,
        ("2. Theo chi bộ", "Chi bộ"),
        &cells,
    )?;
    let mut row = by_cell.next() + 1;
    let by_year = if input.is_phase() {
        let years: Vec<(String, Counts)> = input
            .years()
            .map(|year| (format!("Năm {year}"), input.year_counts(year)))
            .collect();
        let table = figures_table(sheet, styles, row, ("3. Theo năm", "Năm"), &years)?;
        row = table.next() + 1;
        Some(table)
    } else {
        None
    };
    insert_charts(sheet, row, &by_field, &by_cell, by_year.as_ref())?;
    // Three short tables and the charts: no one header to repeat on every page.
    document::page_setup(sheet, false, &input.committee.margins);
    Ok(())
}

/// Writes a section title, a figures table with a totals row, from `row`.
fn figures_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    (section, label): (&str, &str),
    figures: &[(String, Counts)],
) -> XlsxResult<Table> {
    let doc = &styles.doc;
    text(sheet, row, 0, section, &styles.section)?;
    let header = row + 1;
    text(sheet, header, 0, label, &doc.table_header)?;
    for (col, title) in (1u16..).zip(FIGURE_HEADERS) {
        text(sheet, header, col, title, &doc.table_header)?;
    }
    sheet.set_row_height(header, 34)?;
    let first = header + 1;
    for (row, (name, counts)) in (first..).zip(figures) {
        text(sheet, row, 0, name, &doc.table_text)?;
        fit_row(sheet, row, &[(name, FIGURE_WIDTHS[0])])?;
        numbers(sheet, row, 1, &figure_values(counts), &doc.table_number)?;
    }
    let rows = u32::try_from(figures.len()).unwrap_or(u32::MAX);
    let table = Table {
        header,
        first,
        rows,
    };
    let totals = sum(figures.iter().map(|(_, counts)| *counts));
    text(sheet, first + rows, 0, "Tổng cộng", &doc.table_total)?;
    numbers(
        sheet,
        first + rows,
        1,
        &figure_values(&totals),
        &doc.table_total,
    )?;
    Ok(table)
}

/// The most cells the chart by cell draws: about what an A4 landscape page shows legibly.
const MAX_CHART_BARS: u32 = 60;

/// The charts under the tables: models per cell (stacked, up to [`MAX_CHART_BARS`] cells), per
/// field, and per year for a phase; two to a printed page, each page of charts after a page
/// break, so that no chart is cut in two.
fn insert_charts(
    sheet: &mut Worksheet,
    row: u32,
    by_field: &Table,
    by_cell: &Table,
    by_year: Option<&Table>,
) -> XlsxResult<()> {
    /// Rows of the default height a chart takes, with a blank row under it.
    const CHART_ROWS: u32 = 19;
    const TWO_SERIES: [u16; 2] = [REGISTERED_COL, RECOGNIZED_COL];
    let mut charts = vec![
        (
            by_cell,
            ChartType::ColumnStacked,
            "Mô hình, điển hình đăng ký theo chi bộ",
            &[1u16, 2][..],
        ),
        (
            by_field,
            ChartType::Column,
            "Đăng ký và được công nhận theo lĩnh vực",
            &TWO_SERIES[..],
        ),
    ];
    if let Some(table) = by_year {
        let title = "Đăng ký và được công nhận qua các năm";
        charts.push((table, ChartType::Line, title, &TWO_SERIES[..]));
    }
    let mut breaks = Vec::new();
    let mut next = row;
    for (index, (table, kind, title, series)) in charts
        .into_iter()
        .filter(|(table, ..)| table.rows > 0)
        // A bar per cell is unreadable past a page's width (a consolidated report has
        // thousands of cells): the table above still gives every figure.
        .filter(|(table, kind, ..)| {
            *kind != ChartType::ColumnStacked || table.rows <= MAX_CHART_BARS
        })
        .enumerate()
    {
        if index % 2 == 0 {
            breaks.push(next);
        }
        // A few pixels below the row's top: LibreOffice draws an object that starts exactly
        // on a page break on the page above it too, cut off by that page's foot and over its
        // page number.
        sheet.insert_chart_with_offset(next, 0, &chart(kind, title, table, series), 0, 4)?;
        next += CHART_ROWS;
    }
    sheet.set_page_breaks(&breaks)?;
    Ok(())
}

/// A chart of the columns `series` of a figures table of sheet «Theo lĩnh vực», with the
/// table's first column as the categories and its header as the series names.
fn chart(kind: ChartType, title: &str, table: &Table, series: &[u16]) -> Chart {
    let font = |size: u16| {
        let mut font = ChartFont::new();
        font.set_name("Times New Roman").set_size(size);
        font
    };
    let mut chart = Chart::new(kind);
    for &col in series {
        let added = chart
            .add_series()
            .set_name((FIELDS_SHEET, table.header, col))
            .set_categories((FIELDS_SHEET, table.first, 0, table.last(), 0))
            .set_values((FIELDS_SHEET, table.first, col, table.last(), col));
        if kind == ChartType::Line {
            added.set_marker(ChartMarker::new().set_automatic());
        }
    }
    chart.title().set_name(title).set_font(font(12).set_bold());
    chart
        .legend()
        .set_position(ChartLegendPosition::Bottom)
        .set_font(&font(10));
    chart.x_axis().set_font(&font(10));
    chart.y_axis().set_font(&font(10)).set_num_format("0");
    chart.set_width(640).set_height(360);
    chart
}

// «Còn thiếu» -------------------------------------------------------------------------------

const MISSING_COLUMNS: [(&str, f64); 7] = [
    ("STT", 5.0),
    ("Năm", 7.0),
    ("Chi bộ", 28.0),
    ("Bí thư", 20.0),
    ("Còn thiếu", 48.0),
    ("Hạn", 16.0),
    ("Tình trạng", 16.0),
];

/// "Năm 2018 — tính đến ngày 30/12/2018".
fn missing_subtitle(input: &ReportInput) -> String {
    let span = input.span_words();
    let mut span_chars = span.chars();
    let span: String = span_chars
        .next()
        .map(|c| c.to_uppercase().chain(span_chars).collect())
        .unwrap_or_default();
    let as_of = input
        .missing
        .first()
        .and_then(|m| NaiveDate::parse_from_str(&m.as_of, "%Y-%m-%d").ok());
    match as_of {
        Some(date) => format!("{span} — tính đến ngày {}", crate::sheet::format_date(date)),
        None => span,
    }
}

fn missing_sheet(sheet: &mut Worksheet, input: &ReportInput, styles: &Styles) -> XlsxResult<()> {
    sheet.set_name(MISSING_SHEET)?;
    let doc = &styles.doc;
    let last = u16::try_from(MISSING_COLUMNS.len() - 1).unwrap_or(0);
    let title = "Các chi bộ còn thiếu hồ sơ “Dân vận khéo”".to_uppercase();
    document::merge(sheet, 0, 0, last, &title, &doc.title)?;
    document::merge(
        sheet,
        1,
        0,
        last,
        &missing_subtitle(input),
        &doc.italic_center,
    )?;
    let header = 3;
    for (col, (title, width)) in (0u16..).zip(MISSING_COLUMNS) {
        text(sheet, header, col, title, &doc.table_header)?;
        sheet.set_column_width(col, width)?;
    }
    let mut row = header + 1;
    let nothing_anywhere = input.missing.iter().all(|m| m.units.is_empty());
    if input.missing.is_empty() {
        let line = "Không chi bộ nào còn thiếu được liệt kê: không có danh sách chi bộ (--roster) để đối chiếu";
        document::merge(sheet, row, 0, last, line, &doc.table_text)?;
    } else if nothing_anywhere {
        document::merge(
            sheet,
            row,
            0,
            last,
            "Không chi bộ nào còn thiếu",
            &doc.table_text,
        )?;
    } else {
        let mut number = 1u32;
        for report in input.missing {
            row = missing_rows(sheet, doc, row, &mut number, report)?;
        }
    }
    document::print_setup(sheet, true, header, &input.committee.margins)?;
    sheet.set_freeze_panes(header + 1, 0)?;
    Ok(())
}

/// The rows of one year from `row`, numbered on from `number`; returns the next free row.
fn missing_rows(
    sheet: &mut Worksheet,
    doc: &DocumentStyles,
    mut row: u32,
    number: &mut u32,
    report: &MissingReport,
) -> XlsxResult<u32> {
    let last = u16::try_from(MISSING_COLUMNS.len() - 1).unwrap_or(0);
    if report.units.is_empty() {
        let line = format!("Năm {}: không chi bộ nào còn thiếu", report.year);
        document::merge(sheet, row, 0, last, &line, &doc.table_text)?;
        return Ok(row + 1);
    }
    for cell in &report.units {
        let secretary = cell.secretary.as_deref().unwrap_or("");
        for item in &cell.items {
            sheet.write_number_with_format(row, 0, *number, &doc.table_number)?;
            sheet.write_number_with_format(row, 1, report.year, &doc.table_number)?;
            text(sheet, row, 2, &cell.unit, &doc.table_text)?;
            text(sheet, row, 3, secretary, &doc.table_text)?;
            text(sheet, row, 4, &item.detail, &doc.table_text)?;
            text(sheet, row, 5, &item.deadline, &doc.table_number)?;
            let when = when_words(item);
            text(sheet, row, 6, &when, &doc.table_number)?;
            let texts = [
                (cell.unit.as_str(), MISSING_COLUMNS[2].1),
                (secretary, MISSING_COLUMNS[3].1),
                (item.detail.as_str(), MISSING_COLUMNS[4].1),
                (item.deadline.as_str(), MISSING_COLUMNS[5].1),
                (when.as_str(), MISSING_COLUMNS[6].1),
            ];
            fit_row(sheet, row, &texts)?;
            *number += 1;
            row += 1;
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::forms::{match_header, ColumnRole};

    #[test]
    fn model_headers_match_registration_fields_only() {
        let expected = [
            Some(ColumnRole::Seq),
            Some(ColumnRole::Unit),
            Some(ColumnRole::Year),
            Some(ColumnRole::Kind),
            Some(ColumnRole::ModelName),
            Some(ColumnRole::Person),
            Some(ColumnRole::Position),
            Some(ColumnRole::Field),
            Some(ColumnRole::RegistrationDate),
            Some(ColumnRole::Period),
            None,
            None,
            None,
            None,
            None,
            None,
        ];
        let found: Vec<Option<ColumnRole>> =
            MODEL_COLUMNS.iter().map(|(h, _)| match_header(h)).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn figures_in_words_name_undated_registrations() {
        let counts = Counts {
            collective: 2,
            individual: 1,
            on_time: 1,
            late: 1,
            ..Counts::default()
        };
        let words = figures_words(&counts);
        assert!(words.starts_with("2 mô hình tập thể và 1 điển hình cá nhân; 1 đăng ký đúng hạn, 1 muộn, 1 không rõ ngày"), "{words}");
    }
}
