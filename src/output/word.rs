//! `dvk report --out FILE.docx` (and a `.docx` beside every report workbook): the report a
//! committee signs and sends upward, as a Word document in the form of Hướng dẫn 36-HD/VPTW,
//! written with docx-rs.
//!
//! A4 portrait, Times New Roman 14, the committee's margins (`[document] margins_mm`, by default
//! the guidance's),
//! page numbers from the second page. The header block; "BÁO CÁO" and the subject; I. how the
//! movement was organised (registrations: the units that registered, on time, late, and by name
//! those that did not); II. the results (models by kind and by field, self-assessed,
//! recognized, commended, each figure also in words); III. an assessment drafted from the
//! figures, marked as a draft for the office to edit; IV. the tasks ahead (the office's text
//! from `dvk.toml`); «Nơi nhận» and the signature block; then Phụ lục 1 (the table per unit)
//! and Phụ lục 2 (the list of models), their header rows repeated on every page.

use std::io::Cursor;
use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableRow, VAlignType, VMergeType,
    WidthType,
};

use chrono::NaiveDate;

use super::document::{date_line, number_line};
use super::feedback::SlipLetter;
use super::reminders::Letter;
use super::report::{ReportInput, UnitGroup};
use crate::dvk_workbooks::MODELS_SHEET;
use crate::error::{Error, Result};
use crate::figures::aggregate::Counts;
use crate::figures::feedback::Slip;
use crate::figures::missing::{when_words, MissingReport};
use crate::judge::assess::Model;
use crate::rules::config::Committee;

/// The font of every run.
const FONT: &str = "Times New Roman";
/// The body's size in half-points: 14 pt.
const BODY: usize = 28;
/// The size of table text in half-points: 12 pt.
const TABLE: usize = 24;
/// The size of a table's header in half-points: 10 pt, so that "Khen thưởng" fits a column of
/// figures.
const HEADER: usize = 20;
/// The width of A4 portrait, in twentieths of a point.
const PAGE_WIDTH: usize = 11906;

fn mm_twips(mm: f64) -> usize {
    (mm * 1440.0 / 25.4) as usize
}

/// The width between the committee's margins (`[document] margins_mm`) of A4 portrait, in
/// twentieths of a point.
fn text_width(committee: &Committee) -> usize {
    let margins = &committee.margins;
    PAGE_WIDTH.saturating_sub(mm_twips(margins.left) + mm_twips(margins.right))
}

/// Column widths laid out for the guidance's margins, scaled to `width`: the same shares, the
/// rounding left to the last column.
fn fit(widths: &[usize], width: usize) -> Vec<usize> {
    let total: usize = widths.iter().sum::<usize>().max(1);
    let mut fitted: Vec<usize> = widths.iter().map(|w| w * width / total).collect();
    let used: usize = fitted.iter().sum();
    if let Some(last) = fitted.last_mut() {
        *last += width.saturating_sub(used);
    }
    fitted
}

/// The height (twips) given to the header rows of the appendix tables. docx-rs writes no
/// «repeat as header row» (`w:tblHeader`), so rows of this exact height are marked as such in
/// the document's XML after it is built ([`mark_header_rows`]).
const HEADER_ROW_MARK: f32 = 397.5;

/// Vietnamese words for a whole number, as reports write a figure out: "mười ba", "hai mươi
/// mốt", "một trăm linh năm".
pub(crate) fn number_words(n: u32) -> String {
    const DIGITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    /// 0..=999, `full` when a higher group precedes (so "không trăm", "linh").
    fn hundreds(n: u32, full: bool) -> Vec<&'static str> {
        let (h, t, u) = (
            (n / 100) as usize,
            ((n / 10) % 10) as usize,
            (n % 10) as usize,
        );
        let mut words = Vec::new();
        if h > 0 || full {
            words.extend([DIGITS[h], "trăm"]);
        }
        match (t, u) {
            (0, 0) => {}
            (0, u) => {
                if h > 0 || full {
                    words.push("linh");
                }
                words.push(DIGITS[u]);
            }
            (1, u) => {
                words.push("mười");
                match u {
                    0 => {}
                    5 => words.push("lăm"),
                    u => words.push(DIGITS[u]),
                }
            }
            (t, u) => {
                words.extend([DIGITS[t], "mươi"]);
                match u {
                    0 => {}
                    1 => words.push("mốt"),
                    4 => words.push("tư"),
                    5 => words.push("lăm"),
                    u => words.push(DIGITS[u]),
                }
            }
        }
        words
    }
    if n == 0 {
        return "không".to_string();
    }
    let groups = [
        (n / 1_000_000, "triệu"),
        ((n / 1000) % 1000, "nghìn"),
        (n % 1000, ""),
    ];
    let mut words: Vec<&str> = Vec::new();
    for (group, name) in groups {
        if group == 0 {
            continue;
        }
        words.extend(hundreds(group, !words.is_empty()));
        if !name.is_empty() {
            words.push(name);
        }
    }
    words.join(" ")
}

/// "13 (mười ba)".
fn figure(n: u32) -> String {
    format!("{n:02} ({})", number_words(n))
}

fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(
        RunFonts::new()
            .ascii(FONT)
            .hi_ansi(FONT)
            .cs(FONT)
            .east_asia(FONT),
    )
}

/// A paragraph of one run of `size` half-points.
fn para(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text).size(size))
}

fn centered(run: Run) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after.
fn body(text: &str) -> Paragraph {
    para(text, BODY)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
}

/// A section heading: bold, indented like the body.
fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).size(BODY).bold())
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(120))
        .keep_next(true)
}

/// A cell of one paragraph, `width` twips wide.
fn cell(paragraph: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(paragraph)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

fn table_text(text: &str, bold: bool, align: AlignmentType) -> Paragraph {
    let run = run(text).size(TABLE);
    let run = if bold { run.bold() } else { run };
    Paragraph::new()
        .add_run(run)
        .align(align)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A bordered table: a header row repeated on every page, then the rows, the last one in
/// bold when `totals`; texts left aligned in the columns `left`, centred elsewhere. A `None`
/// cell continues the cell above it (merged down: a unit over its rows).
fn grid(
    headers: &[&str],
    widths: &[usize],
    rows: &[Vec<Option<String>>],
    left: &[usize],
    totals: bool,
) -> Table {
    let header = titles_row(headers, widths);
    let bold: Vec<usize> = if totals {
        rows.len().checked_sub(1).into_iter().collect()
    } else {
        Vec::new()
    };
    table(vec![header], widths, rows, left, &bold)
}

/// A header cell's text.
fn header_text(title: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(title).size(HEADER).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0))
}

/// A header row of one title per column, `widths` wide.
fn titles_row(titles: &[&str], widths: &[usize]) -> TableRow {
    header_row(
        titles
            .iter()
            .zip(widths)
            .map(|(title, width)| cell(header_text(title), *width))
            .collect(),
    )
}

/// A header row, repeated on every page ([`mark_header_rows`]).
fn header_row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells)
        .row_height(HEADER_ROW_MARK)
        .cant_split()
}

/// A bordered table under its header rows; the rows `bold` (section and totals rows) in bold.
fn table(
    header: Vec<TableRow>,
    widths: &[usize],
    rows: &[Vec<Option<String>>],
    left: &[usize],
    bold_rows: &[usize],
) -> Table {
    let mut table_rows = header;
    for index in 0..rows.len() {
        table_rows.push(data_row(widths, rows, index, left, bold_rows));
    }
    bordered(table_rows, widths)
}

/// The table of `rows` under its header rows, bordered, its columns `widths` wide.
fn bordered(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
        .margins(TableCellMargins::new().margin(0, 57, 0, 57))
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// Row `index` of `rows` as [`table`] lays it out.
fn data_row(
    widths: &[usize],
    rows: &[Vec<Option<String>>],
    index: usize,
    left: &[usize],
    bold_rows: &[usize],
) -> TableRow {
    let bold = bold_rows.contains(&index);
    let values = rows.get(index).map_or(&[][..], Vec::as_slice);
    let cells =
        values
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(col, (value, width))| {
                let align = if left.contains(&col) {
                    AlignmentType::Left
                } else {
                    AlignmentType::Center
                };
                let continued_below = rows
                    .get(index + 1)
                    .and_then(|next| next.get(col))
                    .is_some_and(Option::is_none);
                match value {
                    None => cell(table_text("", bold, align), *width)
                        .vertical_merge(VMergeType::Continue),
                    Some(text) if continued_below => cell(table_text(text, bold, align), *width)
                        .vertical_merge(VMergeType::Restart),
                    Some(text) => cell(table_text(text, bold, align), *width),
                }
            })
            .collect();
    TableRow::new(cells).cant_split()
}

/// An appendix's table, its rows already written as XML.
///
/// docx-rs holds a document whole until it writes it, and a table cell costs it about 2.5 KB
/// (a paragraph's every property, a run's): 4,000 rows of an appendix took 110 MB, a
/// consolidated report's whole list 5 GB. So the long tables of the Word report are added to
/// the document as their header rows and one row holding [`ROWS_MARK`]; each data row is
/// made, written to XML (about 3.5 KB) and dropped at once; and [`pack_with_rows`] puts the
/// rows where the mark is.
struct LongTable {
    /// The header rows and the row marking where the data rows go.
    table: Table,
    /// The data rows, as the document's XML.
    rows: Vec<u8>,
}

/// The text of the row a [`LongTable`]'s rows replace: a private-use character no document
/// text has, around a word for whoever reads the XML.
const ROWS_MARK: &str = "\u{E000}dvk-rows\u{E000}";

/// [`table`] as a [`LongTable`].
fn long_table(
    header: Vec<TableRow>,
    widths: &[usize],
    rows: &[Vec<Option<String>>],
    left: &[usize],
    bold_rows: &[usize],
) -> LongTable {
    use docx_rs::BuildXML;
    let mut xml = Vec::new();
    for index in 0..rows.len() {
        xml.extend(data_row(widths, rows, index, left, bold_rows).build());
    }
    let mark = cell(
        table_text(ROWS_MARK, false, AlignmentType::Left),
        widths.iter().sum(),
    )
    .grid_span(widths.len());
    let mut table_rows = header;
    table_rows.push(TableRow::new(vec![mark]));
    LongTable {
        table: bordered(table_rows, widths),
        rows: xml,
    }
}

/// Two columns without borders: the header block and the closing block.
fn two_columns(left: Vec<Paragraph>, right: Vec<Paragraph>, split: usize, width: usize) -> Table {
    let column = |paragraphs: Vec<Paragraph>, width: usize| {
        paragraphs
            .into_iter()
            .fold(TableCell::new().width(width, WidthType::Dxa), |cell, p| {
                cell.add_paragraph(p)
            })
    };
    Table::without_borders(vec![TableRow::new(vec![
        column(left, split),
        column(right, width - split),
    ])
    .cant_split()])
    .set_grid(vec![split, width - split])
    .width(width, WidthType::Dxa)
}

/// The figures of the report's span: the year's, or the phase's sum.
fn span_counts(input: &ReportInput) -> Counts {
    input.aggregates.totals
}

/// The units of the table with their figures over the report's span, in its order.
fn units(input: &ReportInput) -> Vec<(String, Counts)> {
    input
        .per_cell()
        .into_iter()
        .map(|unit| {
            let total = unit
                .per_year
                .into_iter()
                .fold(Counts::default(), |sum, c| sum.plus(&c));
            (unit.unit.to_string(), total)
        })
        .collect()
}

/// The names joined "A, B và C".
fn names(list: &[String]) -> String {
    match list {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// Section I: registrations.
fn organisation_paragraphs(input: &ReportInput) -> Vec<String> {
    let units = units(input);
    let registered: Vec<&(String, Counts)> =
        units.iter().filter(|(_, c)| c.registered() > 0).collect();
    let late: Vec<String> = units
        .iter()
        .filter(|(_, c)| c.late > 0)
        .map(|(unit, _)| unit.clone())
        .collect();
    let on_time = registered.iter().filter(|(_, c)| c.late == 0).count();
    let mut missing: Vec<String> = Vec::new();
    for (year, list) in &input.aggregates.missing {
        if input.first_year <= *year && *year <= input.last_year {
            for unit in list {
                if !missing.contains(unit) {
                    missing.push(unit.clone());
                }
            }
        }
    }
    let mut paragraphs = vec![format!(
        "Thực hiện kế hoạch của {} về phong trào thi đua “Dân vận khéo” {}, các chi bộ trực thuộc đã quán triệt, triển khai và đăng ký mô hình, điển hình. Có {}/{} chi bộ đăng ký, trong đó {} chi bộ đăng ký đúng hạn{}.",
        input.committee.issuer,
        input.span_words(),
        figure(count(registered.len())),
        count(units.len()),
        figure(count(on_time)),
        if late.is_empty() {
            String::new()
        } else {
            format!(", {} chi bộ đăng ký muộn ({})", figure(count(late.len())), names(&late))
        }
    )];
    if !missing.is_empty() {
        paragraphs.push(format!(
            "Còn {} chi bộ chưa đăng ký: {}.",
            figure(count(missing.len())),
            names(&missing)
        ));
    }
    paragraphs
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Section II: results by kind and by field.
fn results_paragraphs(input: &ReportInput) -> Vec<String> {
    let c = span_counts(input);
    let mut paragraphs = vec![format!(
        "Toàn Đảng bộ đăng ký {} mô hình, điển hình, gồm {} mô hình tập thể và {} điển hình cá nhân; {} mô hình, điển hình đã tự đánh giá, {} đủ điều kiện công nhận, {} được công nhận và {} được khen thưởng.",
        figure(c.registered()),
        figure(c.collective),
        figure(c.individual),
        figure(c.self_assessed),
        figure(c.eligible),
        figure(c.recognized),
        figure(c.commended)
    )];
    let fields: Vec<String> = input
        .field_counts()
        .into_iter()
        .filter(|(_, counts)| counts.registered() > 0)
        .map(|(field, counts)| {
            format!(
                "{field}: {} mô hình, điển hình ({} được công nhận)",
                figure(counts.registered()),
                figure(counts.recognized)
            )
        })
        .collect();
    if !fields.is_empty() {
        paragraphs.push(format!("Theo lĩnh vực: {}.", fields.join("; ")));
    }
    paragraphs
}

/// Section III: an assessment drafted from the figures, for the office to edit.
fn assessment_paragraphs(input: &ReportInput) -> Vec<String> {
    let c = span_counts(input);
    let units = units(input);
    let registered = units.iter().filter(|(_, c)| c.registered() > 0).count();
    let mut paragraphs = vec![
        "(Dự thảo do dvk soạn từ số liệu; Văn phòng Đảng ủy biên tập lại trước khi trình ký.)"
            .to_string(),
    ];
    let share = if units.is_empty() {
        0
    } else {
        registered * 100 / units.len()
    };
    paragraphs.push(format!(
        "Ưu điểm: {share}% chi bộ đã đăng ký mô hình, điển hình; {} mô hình, điển hình được công nhận, {} được khen thưởng.",
        figure(c.recognized),
        figure(c.commended)
    ));
    let late: Vec<String> = units
        .iter()
        .filter(|(_, c)| c.late > 0)
        .map(|(u, _)| u.clone())
        .collect();
    let none: Vec<String> = units
        .iter()
        .filter(|(_, c)| c.registered() == 0)
        .map(|(u, _)| u.clone())
        .collect();
    let mut limits = Vec::new();
    if !late.is_empty() {
        limits.push(format!("chi bộ đăng ký muộn: {}", names(&late)));
    }
    if !none.is_empty() {
        limits.push(format!("chi bộ chưa đăng ký: {}", names(&none)));
    }
    let covered: Vec<String> = input
        .field_counts()
        .into_iter()
        .filter(|(_, counts)| counts.registered() > 0)
        .map(|(field, _)| crate::text::fold(&field))
        .collect();
    let empty_fields: Vec<String> = input
        .fields
        .iter()
        .filter(|field| !covered.contains(&crate::text::fold(field)))
        .cloned()
        .collect();
    if !empty_fields.is_empty() {
        limits.push(format!(
            "lĩnh vực chưa có mô hình: {}",
            names(&empty_fields)
        ));
    }
    let unassessed = c.registered().saturating_sub(c.self_assessed);
    if unassessed > 0 {
        limits.push(format!(
            "{} mô hình, điển hình chưa gửi tự đánh giá",
            figure(unassessed)
        ));
    }
    if !limits.is_empty() {
        paragraphs.push(format!("Hạn chế: {}.", limits.join("; ")));
    }
    paragraphs
}

/// The Word report as bytes; `workbook` is the name of the report's workbook written beside
/// it, if any.
pub(crate) fn report_docx(input: &ReportInput, workbook: Option<&str>) -> Result<Vec<u8>> {
    let committee = input.committee;
    let mut docx = document(Letterhead {
        committee,
        kind: "BC",
        number: input.number,
        subject: None,
        date: input.date,
    })
    .add_paragraph(centered(run("BÁO CÁO").size(32).bold()))
    .add_paragraph(centered(run(&subject(input)).size(BODY).bold()))
    .add_paragraph(centered(run("-----").size(BODY)))
    .add_paragraph(para("", 16));
    let sections: [(&str, Vec<String>); 4] = [
        (
            "I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC PHONG TRÀO",
            organisation_paragraphs(input),
        ),
        ("II. KẾT QUẢ THỰC HIỆN", results_paragraphs(input)),
        ("III. ĐÁNH GIÁ CHUNG", assessment_paragraphs(input)),
        (
            "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            committee
                .report_tasks
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(String::from)
                .collect(),
        ),
    ];
    for (title, paragraphs) in sections {
        docx = docx.add_paragraph(heading(title));
        for text in paragraphs {
            docx = docx.add_paragraph(body(&text));
        }
    }
    docx = closing(docx, committee, &committee.report_recipients);
    let mut rows = Vec::new();
    docx = appendix_units(docx, input, workbook, &mut rows);
    docx = appendix_models(docx, input, workbook, &mut rows);
    pack_with_rows(docx, rows)
}

/// "Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2018".
fn subject(input: &ReportInput) -> String {
    format!(
        "Kết quả thực hiện phong trào thi đua “Dân vận khéo” {}",
        input.span_words()
    )
}

fn appendix_title(docx: Docx, number: u32, title: &str, input: &ReportInput) -> Docx {
    docx.add_paragraph(
        Paragraph::new()
            .add_run(run(&format!("Phụ lục {number}")).size(BODY).bold())
            .align(AlignmentType::Center)
            .page_break_before(true),
    )
    .add_paragraph(centered(run(&title.to_uppercase()).size(BODY).bold()))
    .add_paragraph(centered(
        run(&format!(
            "(Kèm theo Báo cáo số {}, ngày {})",
            number_line(input.number, "BC", &input.committee.abbreviation)
                .trim_start_matches("Số ")
                .trim(),
            crate::sheet::format_date(input.date)
        ))
        .size(TABLE)
        .italic(),
    ))
    .add_paragraph(para("", 16))
}

/// Phụ lục 1, its table a [`LongTable`] whose rows go to `xml`.
fn appendix_units(
    docx: Docx,
    input: &ReportInput,
    workbook: Option<&str>,
    xml: &mut Vec<Vec<u8>>,
) -> Docx {
    let docx = appendix_title(
        docx,
        1,
        &format!("Kết quả thực hiện của các chi bộ {}", input.span_words()),
        input,
    );
    let groups = input.unit_groups();
    let (docx, listed) = if input.is_phase() {
        phase_units(docx, input, &groups, xml)
    } else {
        year_units(docx, input, &groups, xml)
    };
    let whole = Whole {
        listed,
        total: groups.iter().map(|g| g.units.len()).sum(),
        what: "chi bộ",
        table: "bảng đầy đủ",
        sheet: super::report::REPORT_SHEET,
    };
    whole.under(docx, workbook)
}

/// Phụ lục 1 of a yearly report: a row per unit with its figures for the year. Returns the
/// document and how many units the table lists.
fn year_units(
    docx: Docx,
    input: &ReportInput,
    groups: &[UnitGroup],
    xml: &mut Vec<Vec<u8>>,
) -> (Docx, usize) {
    let headers = [
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
    // STT 700 twips wide, so that a four-digit number (a rollup's 1,000th unit) stays on
    // one line; a figure's column 780, wider if the totals row's figure needs it; the
    // unit's name the rest.
    let number_width = 700;
    let figure_widths: Vec<usize> = input
        .aggregates
        .totals
        .figures()
        .iter()
        .map(|&total| fits(total, 780, 114))
        .collect();
    let mut widths = vec![
        number_width,
        text_width(input.committee)
            .saturating_sub(number_width + figure_widths.iter().sum::<usize>()),
    ];
    widths.extend(figure_widths);
    let figures = |per_year: &[Counts]| {
        let c = per_year.last().copied().unwrap_or_default();
        c.figures().iter().map(u32::to_string).collect()
    };
    let (rows, bold, listed) =
        unit_rows(groups, figures, input.aggregates.totals.figures().to_vec());
    let header = titles_row(&headers, &widths);
    let long = long_table(vec![header], &widths, &all(rows), &[1], &bold);
    xml.push(long.rows);
    (docx.add_table(long.table), listed)
}

/// The rows of Phụ lục 1, from the report's unit `groups`: a section row per member committee
/// (its numeral, its name, its figures) over its units when the report consolidates member
/// committees' reports, the units numbered within it; then the totals. `figures` gives a row's figures from its per-year
/// counts. At most [`MAX_WORD_ROWS`] units are listed; the totals are always the whole
/// committee's. Returns the rows, those in bold, and how many units are listed.
fn unit_rows(
    groups: &[UnitGroup],
    figures: impl Fn(&[Counts]) -> Vec<String>,
    totals: Vec<u32>,
) -> (Vec<Vec<String>>, Vec<usize>, usize) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut bold = Vec::new();
    let mut listed = 0;
    for (section, group) in (1u32..).zip(groups) {
        if listed == MAX_WORD_ROWS {
            break;
        }
        if let Some(committee) = group.committee {
            bold.push(rows.len());
            let mut row = vec![super::report::roman(section), committee.to_string()];
            row.extend(figures(&group.per_year()));
            rows.push(row);
        }
        for (number, unit) in (1u32..).zip(&group.units) {
            if listed == MAX_WORD_ROWS {
                break;
            }
            let mut row = vec![number.to_string(), unit.unit.to_string()];
            row.extend(figures(&unit.per_year));
            rows.push(row);
            listed += 1;
        }
    }
    bold.push(rows.len());
    let mut row = vec![String::new(), "Tổng cộng".to_string()];
    row.extend(totals.iter().map(u32::to_string));
    rows.push(row);
    (rows, bold, listed)
}

/// Phụ lục 1 of a phase review, as the workbook's table: a column group per year
/// (registered, recognized), then the whole phase (collective, individual, recognized,
/// commended), under two header rows. Returns the document and how many units the table
/// lists.
fn phase_units(
    docx: Docx,
    input: &ReportInput,
    groups: &[UnitGroup],
    xml: &mut Vec<Vec<u8>>,
) -> (Docx, usize) {
    let years: Vec<i32> = (input.first_year..=input.last_year).collect();
    let totals = super::report::phase_figures(
        years.iter().map(|&year| {
            input
                .aggregates
                .year_totals
                .iter()
                .find(|(y, _)| *y == year)
                .map(|(_, c)| *c)
                .unwrap_or_default()
        }),
        &input.aggregates.totals,
    );
    // Units are numbered within their member committee.
    let largest = groups
        .iter()
        .map(|group| group.units.len())
        .max()
        .unwrap_or(0)
        .min(MAX_WORD_ROWS);
    let widths = phase_widths(
        text_width(input.committee),
        years.len(),
        largest,
        totals.get(2 * years.len()..).unwrap_or_default(),
    );
    let (number_width, unit_width, year_width) = (widths[0], widths[1], widths[2]);
    let total_widths: Vec<usize> = widths[2 + 2 * years.len()..].to_vec();
    let merged_down = |title: &str, width: usize, first: bool| {
        let cell = cell(header_text(if first { title } else { "" }), width);
        cell.vertical_merge(if first {
            VMergeType::Restart
        } else {
            VMergeType::Continue
        })
    };
    let mut top = vec![
        merged_down("STT", number_width, true),
        merged_down("Chi bộ", unit_width, true),
    ];
    let mut sub = vec![
        merged_down("STT", number_width, false),
        merged_down("Chi bộ", unit_width, false),
    ];
    for year in &years {
        top.push(cell(header_text(&format!("Năm {year}")), 2 * year_width).grid_span(2));
        sub.push(cell(header_text("ĐK"), year_width));
        sub.push(cell(header_text("CN"), year_width));
    }
    top.push(cell(header_text("Cả giai đoạn"), total_widths.iter().sum()).grid_span(4));
    for (title, width) in ["Tập thể", "Cá nhân", "Công nhận", "Khen thưởng"]
        .into_iter()
        .zip(total_widths)
    {
        sub.push(cell(header_text(title), width));
    }
    let figures = |per_year: &[Counts]| {
        let whole = per_year
            .iter()
            .fold(Counts::default(), |sum, c| sum.plus(c));
        super::report::phase_figures(per_year.iter().copied(), &whole)
            .iter()
            .map(u32::to_string)
            .collect()
    };
    let (rows, bold, listed) = unit_rows(groups, figures, totals);
    let long = long_table(
        vec![header_row(top), header_row(sub)],
        &widths,
        &all(rows),
        &[1],
        &bold,
    );
    xml.push(long.rows);
    let docx = docx
        .add_table(
            long.table
                .margins(TableCellMargins::new().margin(0, 20, 0, 20)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(
                    run("Ghi chú: ĐK: số mô hình, điển hình đăng ký; CN: số được công nhận.")
                        .size(TABLE)
                        .italic(),
                )
                .line_spacing(LineSpacing::new().before(60).after(0)),
        );
    (docx, listed)
}

/// The width (twips) of a column of numbers up to `n`, at least `least`, in a table whose
/// cells' margins take `margins`: 12 pt digits are 120 twips wide, bold ones too, and 40 are
/// left to spare.
fn fits(n: u32, least: usize, margins: usize) -> usize {
    let digits = n.max(1).ilog10() as usize + 1;
    least.max(margins + 40 + 120 * digits)
}

/// The column widths (twips) of a phase review's Phụ lục 1, `text` wide: STT, the unit, two
/// per year of `years`, then the phase's four totals (collective, individual, recognized,
/// commended), whose largest figures are `totals`.
///
/// Narrow columns, narrow cell margins (20 twips a side): seven years still fit «ĐK» and
/// «13» on a line. STT fits the largest number, `largest`, and each total column its
/// figure (12 pt digits are 120 twips wide, bold ones too); a year's column takes what is
/// left, at most 780 twips, as a yearly report's figures; the unit's name takes the rest.
fn phase_widths(text: usize, years: usize, largest: usize, totals: &[u32]) -> Vec<usize> {
    let number = fits(u32::try_from(largest).unwrap_or(u32::MAX), 460, 40);
    let totals: Vec<usize> = [560, 560, 620, 760]
        .iter()
        .enumerate()
        .map(|(i, &least)| fits(totals.get(i).copied().unwrap_or(0), least, 40))
        .collect();
    let fixed = number + totals.iter().sum::<usize>();
    let year = (text.saturating_sub(fixed + 1450) / (2 * years).max(1)).min(780);
    let mut widths = vec![number, text.saturating_sub(fixed + 2 * years * year)];
    widths.extend(std::iter::repeat_n(year, 2 * years));
    widths.extend(totals);
    widths
}

/// Phụ lục 2, its table a [`LongTable`] whose rows go to `xml`.
fn appendix_models(
    docx: Docx,
    input: &ReportInput,
    workbook: Option<&str>,
    xml: &mut Vec<Vec<u8>>,
) -> Docx {
    let docx = appendix_title(docx, 2, "Danh sách mô hình, điển hình", input);
    let headers = [
        "STT",
        "Chi bộ",
        "Năm",
        "Loại",
        "Tên mô hình, điển hình",
        "Lĩnh vực",
        "Tình trạng",
    ];
    let widths = fit(
        &[700, 1900, 650, 850, 2455, 1400, 1400],
        text_width(input.committee),
    );
    let models: Vec<&Model> = super::report::models_in_order(input);
    let listed = models.len().min(MAX_WORD_ROWS);
    let rows: Vec<Vec<String>> = models[..listed]
        .iter()
        .enumerate()
        .map(|(index, model)| {
            let r = &model.registration;
            let name = match &r.person {
                Some(person) if !person.is_empty() => format!("{} ({person})", r.name),
                _ => r.name.clone(),
            };
            vec![
                (index + 1).to_string(),
                r.unit.clone(),
                r.year.to_string(),
                r.kind.label().to_string(),
                name,
                r.domain.clone().unwrap_or_default(),
                model.status.label().to_string(),
            ]
        })
        .collect();
    let header = titles_row(&headers, &widths);
    let long = long_table(vec![header], &widths, &all(rows), &[1, 4, 5], &[]);
    xml.push(long.rows);
    let docx = docx.add_table(long.table);
    let whole = Whole {
        listed,
        total: models.len(),
        what: "mô hình, điển hình",
        table: "danh sách đầy đủ",
        sheet: MODELS_SHEET,
    };
    whole.under(docx, workbook)
}

/// The most rows an appendix of the Word report lists (units in Phụ lục 1, models in Phụ lục
/// 2): about 60 pages each. A longer table is read in the workbook, not on paper. It also
/// bounds the document's XML, which is held whole (about 3.5 KB a row, [`LongTable`]).
const MAX_WORD_ROWS: usize = 2000;

/// An appendix that may list only part of its table, and where the whole table is.
struct Whole<'a> {
    /// How many rows (units, models) the appendix lists.
    listed: usize,
    /// How many the whole table has.
    total: usize,
    /// What a row is: «chi bộ», «mô hình, điển hình».
    what: &'a str,
    /// What the whole is called: «bảng đầy đủ», «danh sách đầy đủ».
    table: &'a str,
    /// The sheet of the report's workbook that holds the whole table.
    sheet: &'a str,
}

impl Whole<'_> {
    /// `docx` with [`Whole::note`] under the table just added, if the table lists only part.
    fn under(&self, docx: Docx, workbook: Option<&str>) -> Docx {
        match self.note(workbook) {
            Some(note) => docx.add_paragraph(body(&note)),
            None => docx,
        }
    }

    /// What the appendix says under its table when it lists only the first `listed` of
    /// `total` rows: how many, and where the whole table is (the sheet of `workbook`, the
    /// report's workbook written beside the Word report; without one, how to write it).
    /// `None` when the appendix lists them all.
    fn note(&self, workbook: Option<&str>) -> Option<String> {
        if self.listed >= self.total {
            return None;
        }
        let sheet = self.sheet;
        let place = match workbook {
            Some(name) => format!("ở trang «{sheet}» của tệp «{name}» gửi kèm"),
            None => format!("ở trang «{sheet}» của báo cáo Excel (dvk report với --out TỆP.xlsx)"),
        };
        Some(format!(
            "Phụ lục này liệt kê {} {} đầu tiên trong tổng số {}; {} {place}.",
            grouped(self.listed),
            self.what,
            grouped(self.total),
            self.table,
        ))
    }
}

/// 100000 → «100.000»: thousands grouped with dots, as Vietnamese writes them.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// Every cell of the rows present (none merged).
fn all(rows: Vec<Vec<String>>) -> Vec<Vec<Option<String>>> {
    rows.into_iter()
        .map(|row| row.into_iter().map(Some).collect())
        .collect()
}

/// Marks the rows of height [`HEADER_ROW_MARK`] as header rows repeated on every page
/// (`<w:tblHeader/>`, which docx-rs does not write), and gives them a whole height.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let mark = format!("w:val=\"{HEADER_ROW_MARK}\"");
    let marked = text
        .split("<w:trHeight ")
        .enumerate()
        .map(|(index, part)| {
            if index > 0 && part.starts_with(&mark) {
                // `part` is the rest of the element: its attributes, then "/>" and what follows.
                let end = part.find("/>").map_or(part.len(), |e| e + 2);
                let (element, rest) = part.split_at(end);
                let element = element.replacen(&mark, "w:val=\"397\"", 1);
                format!("<w:trHeight {element}<w:tblHeader />{rest}")
            } else if index > 0 {
                format!("<w:trHeight {part}")
            } else {
                part.to_string()
            }
        })
        .collect::<String>();
    marked.into_bytes()
}

/// `document` with the row holding the n-th [`ROWS_MARK`] replaced by the n-th of `rows`.
fn put_rows(document: &[u8], rows: Vec<Vec<u8>>) -> Result<Vec<u8>> {
    let finder = memchr::memmem::Finder::new(ROWS_MARK.as_bytes());
    let lost = || Error::Internal("không ghi được tệp Word: thiếu chỗ của một bảng".to_string());
    let mut out = Vec::with_capacity(document.len() + rows.iter().map(Vec::len).sum::<usize>());
    let mut rest = document;
    for xml in rows {
        let at = finder.find(rest).ok_or_else(lost)?;
        let start = memchr::memmem::rfind(&rest[..at], b"<w:tr>").ok_or_else(lost)?;
        let end = memchr::memmem::find(&rest[at..], b"</w:tr>").ok_or_else(lost)? + at;
        out.extend_from_slice(&rest[..start]);
        out.extend(xml);
        rest = &rest[end + b"</w:tr>".len()..];
    }
    out.extend_from_slice(rest);
    Ok(out)
}

/// What the header block of a document says.
struct Letterhead<'a> {
    committee: &'a Committee,
    /// "BC", "CV".
    kind: &'a str,
    number: Option<&'a str>,
    /// A letter's "V/v …" under the number.
    subject: Option<&'a str>,
    date: NaiveDate,
}

/// A new A4 document (Times New Roman 14, the guidance's margins, page numbers from the second
/// page) that begins with the header block.
fn document(letterhead: Letterhead) -> Docx {
    let committee = letterhead.committee;
    let width = text_width(committee);
    let split = width / 2;
    // The higher organisation's line in 13 pt, or 12 pt when 13 would wrap in its half.
    let higher = committee.higher.to_uppercase();
    let room = (split - 2 * 108) as f64 / 20.0;
    let higher_size = if super::metrics::text_width(&higher, 13.0, false) <= room {
        26
    } else {
        24
    };
    let number = number_line(letterhead.number, letterhead.kind, &committee.abbreviation);
    let mut left = vec![
        centered(run(&higher).size(higher_size)),
        centered(run(&committee.issuer.to_uppercase()).size(26).bold()),
        centered(run("*").size(26)),
    ];
    // A document without a kind (a return slip) has no number.
    if !letterhead.kind.is_empty() {
        left.push(centered(run(&number).size(26)));
    }
    if let Some(subject) = letterhead.subject {
        left.push(centered(run(subject).size(TABLE)));
    }
    let header = two_columns(
        left,
        vec![
            centered(
                run("ĐẢNG CỘNG SẢN VIỆT NAM")
                    .size(30)
                    .bold()
                    .underline("single"),
            ),
            centered(run("")),
            centered(
                run(&date_line(&committee.place, letterhead.date))
                    .size(BODY)
                    .italic(),
            ),
        ],
        split,
        width,
    );
    let font = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    Docx::new()
        .created_at("2000-01-01T00:00:00Z")
        .updated_at("2000-01-01T00:00:00Z")
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm_twips(committee.margins.top) as i32)
                .bottom(mm_twips(committee.margins.bottom) as i32)
                .left(mm_twips(committee.margins.left) as i32)
                .right(mm_twips(committee.margins.right) as i32)
                .header(567)
                .footer(567),
        )
        .default_fonts(font)
        .default_size(BODY)
        // The first page has no number; the others do, centred.
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_page_num(PageNum::new())
                    .align(AlignmentType::Center),
            ),
        )
        .first_footer(Footer::new().add_paragraph(Paragraph::new()))
        .title_pg()
        .add_table(header)
        .add_paragraph(para("", BODY))
}

/// «Nơi nhận» on the left, the signature block with room to sign and stamp on the right.
fn closing(docx: Docx, committee: &Committee, recipients: &[String]) -> Docx {
    let width = text_width(committee);
    let split = width / 2;
    let mut left = vec![Paragraph::new()
        .add_run(run("Nơi nhận:").size(TABLE).bold().italic())
        .line_spacing(LineSpacing::new().before(0).after(0))];
    for recipient in recipients {
        left.push(para(&format!("- {recipient},"), 22));
    }
    let mut signature = vec![
        centered(run(&committee.signer_role).size(BODY).bold()),
        centered(run(&committee.signer_title).size(BODY).bold()),
    ];
    // Room to sign and stamp: about 3.5 cm.
    for _ in 0..4 {
        signature.push(centered(run("").size(BODY)));
    }
    signature.push(centered(run(&committee.signer_name).size(BODY).bold()));
    // The blank line before the closing block keeps with it, so the block never starts a page
    // alone (a section heading before it keeps with the next paragraph too).
    docx.add_paragraph(para("", BODY).keep_next(true))
        .add_table(two_columns(left, signature, split, width))
}

/// The document's bytes, with the appendix tables' header rows marked as repeated.
fn pack(docx: Docx) -> Result<Vec<u8>> {
    pack_with_rows(docx, Vec::new())
}

/// [`pack`] for a document with [`LongTable`]s: the `rows` of each, in the order the tables
/// were added, in place of the row holding its [`ROWS_MARK`].
fn pack_with_rows(docx: Docx, rows: Vec<Vec<u8>>) -> Result<Vec<u8>> {
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    if !rows.is_empty() {
        xml.document = put_rows(&xml.document, rows)?;
    }
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| Error::Internal(format!("không ghi được tệp Word: {e}")))?;
    Ok(bytes.into_inner())
}

/// The reminder letter (công văn đôn đốc) as a Word document: the header block with "V/v
/// …" under the number, "Kính gửi", the request, the list per unit with its secretary and
/// telephone, «Nơi nhận», the signature.
pub(crate) fn letter_docx(report: &MissingReport, letter: &Letter) -> Result<Vec<u8>> {
    let date = NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d").unwrap_or_default();
    let subject = super::reminders::subject(report.year);
    let docx = document(Letterhead {
        committee: letter.committee,
        kind: "CV",
        number: letter.number,
        subject: Some(&subject),
        date,
    })
    .add_paragraph(centered(
        run("Kính gửi: Các chi bộ có tên trong danh sách dưới đây").size(BODY),
    ))
    .add_paragraph(para("", 16))
    .add_paragraph(body(&super::reminders::request(report, letter)));
    let headers = [
        "STT",
        "Chi bộ",
        "Bí thư chi bộ, điện thoại",
        "Còn thiếu",
        "Hạn",
        "Tình trạng",
    ];
    let widths = fit(
        &[560, 1900, 1700, 2645, 1400, 1150],
        text_width(letter.committee),
    );
    let mut rows = Vec::new();
    for (number, unit) in (1..).zip(&report.units) {
        let secretary = match (&unit.secretary, &unit.phone) {
            (Some(name), Some(phone)) => format!("{name}, ĐT: {phone}"),
            (Some(name), None) => name.clone(),
            (None, Some(phone)) => format!("ĐT: {phone}"),
            (None, None) => String::new(),
        };
        for (index, item) in unit.items.iter().enumerate() {
            let (stt, name, who) = if index == 0 {
                (
                    Some(format!("{number}")),
                    Some(unit.unit.clone()),
                    Some(secretary.clone()),
                )
            } else {
                (None, None, None)
            };
            rows.push(vec![
                stt,
                name,
                who,
                Some(item.detail.clone()),
                Some(item.deadline.clone()),
                Some(when_words(item)),
            ]);
        }
    }
    let docx = docx.add_table(grid(&headers, &widths, &rows, &[1, 2, 3], false));
    pack(closing(
        docx,
        letter.committee,
        &letter.committee.reminder_recipients,
    ))
}

/// A unit's return slip (phiếu phản hồi) as a Word letter: the header block, the title,
/// "Kính gửi" the unit, what was received, what is wrong, what is missing, the request, «Nơi
/// nhận» and the signature.
pub(crate) fn slip_docx(slip: &Slip, letter: &SlipLetter) -> Result<Vec<u8>> {
    use super::feedback::{file_words, opening, received_words, request, title, to_line};
    use super::finding_place as place;
    let width = text_width(letter.committee);
    let mut docx = document(Letterhead {
        committee: letter.committee,
        kind: "",
        number: None,
        subject: None,
        date: letter.date,
    })
    .add_paragraph(centered(run(&title(letter.year)).size(BODY).bold()))
    .add_paragraph(para("", 16))
    .add_paragraph(centered(run(&to_line(slip)).size(BODY).bold()))
    .add_paragraph(para("", 16))
    .add_paragraph(body(&opening(slip, letter)));
    docx = docx.add_paragraph(heading("1. Hồ sơ đã nhận"));
    if slip.files.is_empty() {
        docx = docx.add_paragraph(body("Chưa nhận được tệp nào."));
    } else {
        let rows: Vec<Vec<String>> = (1..)
            .zip(&slip.files)
            .map(|(n, file): (u32, _)| {
                vec![
                    n.to_string(),
                    file.path.clone(),
                    file_words(file),
                    received_words(file),
                    file.status.clone(),
                ]
            })
            .collect();
        docx = docx.add_table(grid(
            &["STT", "Tệp", "Biểu mẫu, số dòng", "Ngày nhận", "Tình trạng"],
            &[560, 2700, 1700, 1300, width - 560 - 2700 - 1700 - 1300],
            &all(rows),
            &[1, 2, 4],
            false,
        ));
    }
    docx = docx.add_paragraph(heading("2. Những lỗi cần sửa"));
    if slip.findings.is_empty() {
        docx = docx.add_paragraph(body("Không có lỗi nào cần sửa."));
    } else {
        let rows: Vec<Vec<String>> = (1..)
            .zip(&slip.findings)
            .map(|(n, f): (u32, &crate::findings::Finding)| {
                vec![
                    n.to_string(),
                    match place(f) {
                        place if place.is_empty() => f.path.clone(),
                        place => format!("{}: {place}", f.path),
                    },
                    f.message.clone(),
                    f.severity.label().to_string(),
                ]
            })
            .collect();
        docx = docx.add_table(grid(
            &["STT", "Tệp, vị trí", "Lỗi và cách sửa", "Mức"],
            &[560, 2900, width - 560 - 2900 - 1000, 1000],
            &all(rows),
            &[1, 2],
            false,
        ));
    }
    docx = docx.add_paragraph(heading("3. Hồ sơ còn thiếu"));
    if slip.missing.is_empty() {
        docx = docx.add_paragraph(body("Không còn thiếu hồ sơ đến hạn."));
    } else {
        let rows: Vec<Vec<String>> = (1..)
            .zip(&slip.missing)
            .map(|(n, item): (u32, _)| {
                vec![
                    n.to_string(),
                    item.detail.clone(),
                    item.deadline.clone(),
                    when_words(item),
                ]
            })
            .collect();
        docx = docx.add_table(grid(
            &["STT", "Còn thiếu", "Hạn", "Tình trạng"],
            &[560, width - 560 - 1700 - 1500, 1700, 1500],
            &all(rows),
            &[1],
            false,
        ));
    }
    docx = docx
        .add_paragraph(para("", 16))
        .add_paragraph(body(&request(slip, letter)).keep_next(true));
    let recipients = [
        crate::templates::unit_title(&slip.unit),
        "Lưu Văn phòng".to_string(),
    ];
    pack(closing(docx, letter.committee, &recipients))
}

/// Writes a unit's return slip as a Word letter atomically to `path`.
pub(crate) fn write_slip_docx(slip: &Slip, letter: &SlipLetter, path: &Path) -> Result<()> {
    super::atomic::write_atomically(path, &slip_docx(slip, letter)?)
}

/// Writes the reminder letter as a Word document atomically to `path`.
pub(crate) fn write_letter_docx(
    report: &MissingReport,
    letter: &Letter,
    path: &Path,
) -> Result<()> {
    super::atomic::write_atomically(path, &letter_docx(report, letter)?)
}

/// Writes the Word report atomically to `path`.
pub(crate) fn write_report_docx(
    input: &ReportInput,
    path: &Path,
    workbook: Option<&Path>,
) -> Result<()> {
    let workbook = workbook
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy());
    super::atomic::write_atomically(path, &report_docx(input, workbook.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_are_marked_repeated() {
        let xml = format!(
            "<w:tr><w:trPr><w:trHeight w:val=\"{HEADER_ROW_MARK}\" w:hRule=\"atLeast\" /></w:trPr></w:tr><w:tr><w:trPr><w:trHeight w:val=\"300\" w:hRule=\"atLeast\" /></w:trPr></w:tr>"
        );
        let marked = String::from_utf8(mark_header_rows(xml.as_bytes())).unwrap();
        assert_eq!(marked.matches("<w:tblHeader />").count(), 1, "{marked}");
        assert!(
            marked.contains("<w:trHeight w:val=\"397\" w:hRule=\"atLeast\" /><w:tblHeader />"),
            "{marked}"
        );
        assert!(marked.contains("<w:trHeight w:val=\"300\""));
    }

    #[test]
    fn a_phase_reviews_columns_fit_its_numbers() {
        let text = 9355;
        // Seven years of a small committee: the narrow layout, the unit's name 1,450 wide.
        let seven = phase_widths(text, 7, 10, &[13, 13, 0, 0]);
        assert_eq!(seven.len(), 2 + 14 + 4);
        assert_eq!((seven[0], seven[1]), (460, 1453));
        assert_eq!(seven.iter().sum::<usize>(), text);
        // Two years of 3,334 units: STT fits «2000» (the appendix lists 2,000), the totals
        // «14732», a year's columns are a yearly report's, the name takes the rest.
        let two = phase_widths(text, 2, 2000, &[14732, 12051, 0, 0]);
        assert_eq!(two[0], 560);
        assert_eq!(&two[2..6], &[780; 4]);
        assert_eq!(&two[6..], &[680, 680, 620, 760]);
        assert_eq!(two.iter().sum::<usize>(), text);
        assert!(two[1] > 1450, "{two:?}");
        // A yearly report's figure columns (margins 57 a side): five digits fit 780 twips,
        // six need more.
        assert_eq!(fits(13, 780, 114), 780);
        assert_eq!(fits(50_000, 780, 114), 780);
        assert_eq!(fits(100_000, 780, 114), 874);
    }

    #[test]
    fn a_long_table_is_written_as_the_table_would_be() {
        let widths = [700, 3000, 1000];
        let header = || vec![titles_row(&["STT", "Chi bộ", "Tập thể"], &widths)];
        let rows = vec![
            vec![
                Some("1".to_string()),
                Some("Chi bộ <Văn phòng> & Tổ 1".to_string()),
                Some("2".to_string()),
            ],
            vec![Some("2".to_string()), None, Some("0".to_string())],
            vec![None, Some("Tổng cộng".to_string()), Some("2".to_string())],
        ];
        let document = |docx: Docx| docx.build().document;
        // docx-rs numbers every paragraph (w14:paraId) in the order they are made.
        let ids = regex::Regex::new(r#" w14:paraId="[0-9A-Fa-f]+""#).expect("regex");
        let whole = document(
            Docx::new()
                .add_paragraph(para("Trước", 16))
                .add_table(table(header(), &widths, &rows, &[1], &[2]))
                .add_paragraph(para("Sau", 16)),
        );
        let long = long_table(header(), &widths, &rows, &[1], &[2]);
        let put = put_rows(
            &document(
                Docx::new()
                    .add_paragraph(para("Trước", 16))
                    .add_table(long.table)
                    .add_paragraph(para("Sau", 16)),
            ),
            vec![long.rows],
        )
        .expect("the mark is found");
        let text = |xml: &[u8]| {
            ids.replace_all(&String::from_utf8_lossy(xml), "")
                .to_string()
        };
        assert_eq!(text(&put), text(&whole));
        assert!(text(&whole).contains("&lt;Văn phòng&gt; &amp; Tổ 1"));
        // A mark missing is an error, not a document without its table.
        assert!(put_rows(&whole, vec![Vec::new()]).is_err());
    }

    #[test]
    fn a_list_too_long_for_paper_says_where_the_whole_is() {
        let models = |listed, total| Whole {
            listed,
            total,
            what: "mô hình, điển hình",
            table: "danh sách đầy đủ",
            sheet: MODELS_SHEET,
        };
        assert_eq!(models(3, 3).note(None), None);
        assert_eq!(
            models(2000, 100000)
                .note(Some("Báo cáo 2024.xlsx"))
                .as_deref(),
            Some(
                "Phụ lục này liệt kê 2.000 mô hình, điển hình đầu tiên trong tổng số 100.000; \
                 danh sách đầy đủ ở trang «Danh sách mô hình» của tệp «Báo cáo 2024.xlsx» gửi kèm."
            )
        );
        assert!(models(2000, 2001)
            .note(None)
            .is_some_and(|note| note.contains("2.001") && note.contains("--out TỆP.xlsx")));
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1.000");
        assert_eq!(grouped(1234567), "1.234.567");
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(number_words(0), "không");
        assert_eq!(number_words(15), "mười lăm");
        assert_eq!(number_words(21), "hai mươi mốt");
        assert_eq!(number_words(105), "một trăm linh năm");
        assert_eq!(number_words(1_024), "một nghìn không trăm hai mươi tư");
    }

    #[test]
    fn figures_are_written_in_words_too() {
        assert_eq!(figure(7), "07 (bảy)");
        assert_eq!(number_words(2_000_000), "hai triệu");
        assert_eq!(number_words(1_010), "một nghìn không trăm mười");
    }
}
