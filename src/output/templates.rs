//! The workbooks of `dvk template`: blank forms the cells fill in, hard to fill in wrongly.
//!
//! A [`TemplateBook`] says what a form holds (the heading, the columns and what each accepts,
//! the example row, the instructions); this module lays it out ([`layout`]) and writes it with
//! rust_xlsxwriter ([`template_workbook`]):
//!
//! - the form sheet: the Party-document heading (committee, cell, "*", "ĐẢNG CỘNG SẢN VIỆT
//!   NAM", the date line), the title with the year, the header row, an example row in grey
//!   italics whose STT cell says «Ví dụ» (dvk skips it, see [`crate::recognize::forms`]), numbered rows
//!   to fill in, and the signature block;
//! - data validation on every column with a closed set (lists, dates in a range, whole
//!   numbers, votes in favour not above the total), each with a Vietnamese input message and
//!   error message, so that Excel and LibreOffice refuse a wrong entry;
//! - the sheet protected without a password: the heading, the header and the example row are
//!   locked, the cells to fill in are not;
//! - A4 landscape, fit to the page width, the header row repeated on every page;
//! - the instructions sheet «Hướng dẫn», and a hidden sheet «Danh mục» holding the lists too
//!   long (or with commas) for a list written in the rule itself.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::document::{self, DocumentStyles};
use crate::rules::config::Margins;
use crate::sheet::format_date;
use crate::sheet::{CellValue, Sheet};

/// The name of the instructions sheet.
pub(crate) const INSTRUCTIONS_SHEET: &str = "Hướng dẫn";

/// The name of the hidden sheet holding long lists.
pub(crate) const LISTS_SHEET: &str = "Danh mục";

/// What the STT cell of the example row says; [`crate::recognize::forms`] skips such a row.
pub(crate) const EXAMPLE_MARK: &str = "Ví dụ";

/// Rows of the heading above the header row: three heading lines, a blank row, the title,
/// the subtitle, a blank row.
const HEADER_ROW: u32 = 7;

/// The height of a row to fill in, in points: room for a line of handwriting too.
const ENTRY_HEIGHT: f64 = 24.0;

/// Excel's limit on the text of a list written in the validation rule itself.
const INLINE_LIST_LIMIT: usize = 255;

/// A form to write: one workbook.
///
/// # Example
///
/// ```
/// use dvk::output::templates::{Heading, HeadingLine, Input, TemplateBook, TemplateColumn, Value};
///
/// let book = TemplateBook {
///     title: "Danh sách chi bộ".to_string(),
///     sheet: "Danh sách chi bộ".to_string(),
///     heading: Heading {
///         left: vec![HeadingLine::Bold("ĐẢNG BỘ SỞ TƯ PHÁP".to_string())],
///         date_line: "Đồng Hới, ngày …… tháng …… năm ……".to_string(),
///         title: "DANH SÁCH CHI BỘ TRỰC THUỘC".to_string(),
///         subtitle: String::new(),
///     },
///     columns: vec![
///         TemplateColumn::new("STT", 6.0, Input::Seq, Value::Text("Ví dụ".to_string())),
///         TemplateColumn::new("Tên chi bộ", 40.0, Input::Text, Value::Text("Chi bộ Văn phòng".to_string())),
///     ],
///     entry_rows: 10,
///     filled: vec![],
///     signature: vec![],
///     instructions_title: "HƯỚNG DẪN".to_string(),
///     instructions: vec!["Mỗi chi bộ một dòng.".to_string()],
///     margins: dvk::rules::config::Margins::GUIDANCE,
/// };
/// let bytes = dvk::output::templates::template_workbook(&book).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateBook {
    /// The document title (file properties).
    pub title: String,
    /// The name of the form sheet (at most 31 characters).
    pub sheet: String,
    /// The heading above the table.
    pub heading: Heading,
    /// The columns of the table, left to right.
    pub columns: Vec<TemplateColumn>,
    /// How many numbered rows to fill in (at least as many as `filled`).
    pub entry_rows: u32,
    /// Values written in advance in the numbered rows, one list per row from the first, one
    /// value per column (`Value::Blank`: left to fill in): written locked, so that the names
    /// dvk wrote come back as they were (the registered models of a self-assessment form).
    pub filled: Vec<Vec<Value>>,
    /// The signature block under the table, right side, one line each ("T/M CHI ỦY",
    /// "BÍ THƯ"); a place for the name follows. Empty for no signature block.
    pub signature: Vec<String>,
    /// The title of the instructions sheet.
    pub instructions_title: String,
    /// The paragraphs of the instructions sheet.
    pub instructions: Vec<String>,
    /// The page margins (`[document] margins_mm`).
    pub margins: Margins,
}

/// The Party-document heading of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The left block, top to bottom: at most two lines, "*" is added under them.
    pub left: Vec<HeadingLine>,
    /// The date line under "ĐẢNG CỘNG SẢN VIỆT NAM", with blanks to fill in.
    pub date_line: String,
    /// The title, in capitals, with the year.
    pub title: String,
    /// The line under the title (the form's code); empty for none.
    pub subtitle: String,
}

/// A line of the heading's left block.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadingLine {
    /// A line in plain capitals: the committee.
    Plain(String),
    /// A line in bold capitals: the issuing body.
    Bold(String),
    /// The cell's name, filled in and locked (a personalised form).
    Unit(String),
    /// A place for the cell's name, with this placeholder: the cell writes its name there,
    /// and the rule asks that it start with "Chi bộ".
    UnitInput(String),
}

/// A column of the table.
///
/// # Example
///
/// ```
/// use dvk::output::templates::{Input, TemplateColumn, Value};
///
/// let column = TemplateColumn::new("Họ và tên", 22.0, Input::Text, Value::Text("Nguyễn Văn An".into()))
///     .help("Ghi họ và tên người đăng ký điển hình.");
/// assert_eq!(dvk::recognize::forms::match_header(&column.header), Some(dvk::recognize::forms::ColumnRole::Person));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateColumn {
    /// The header, as [`crate::recognize::forms::match_header`] recognizes it.
    pub header: String,
    /// The width, in Excel's units.
    pub width: f64,
    /// What the column accepts.
    pub input: Input,
    /// The value of the example row.
    pub example: Value,
    /// What to write, for the input message (empty: the input's own words).
    pub help: String,
}

impl TemplateColumn {
    /// A column without its own help text.
    pub fn new(header: &str, width: f64, input: Input, example: Value) -> Self {
        TemplateColumn {
            header: header.to_string(),
            width,
            input,
            example,
            help: String::new(),
        }
    }

    /// The same column with a help text shown when a cell of it is selected.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }
}

/// What a column accepts, and so its data validation.
///
/// # Example
///
/// ```
/// use dvk::output::templates::Input;
///
/// // Votes in favour: a whole number from 0 to the total in column 6 (G) of the same row.
/// let favour = Input::VotesFor { total_column: 6 };
/// let yes_no = Input::List { what: "Có hoặc Không".into(), items: vec!["Có".into(), "Không".into()] };
/// assert_ne!(favour, yes_no);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The row number: numbered in advance, left free.
    Seq,
    /// Free text.
    Text,
    /// One of a closed set, from a drop-down list; `what` names it in messages ("lĩnh vực").
    List {
        /// What the list is, in messages: "loại", "lĩnh vực", "mức xếp loại".
        what: String,
        /// The items, as dvk reads them back.
        items: Vec<String>,
    },
    /// A real date between two days; `example` is shown in the input message.
    Date {
        /// The first day accepted.
        from: NaiveDate,
        /// The last day accepted.
        to: NaiveDate,
        /// The date the input message gives as an example.
        example: NaiveDate,
    },
    /// A whole number of votes, at least 1.
    VotesTotal,
    /// A whole number of votes from 0 to the total in the column with this index.
    VotesFor {
        /// The 0-based index of the total's column.
        total_column: usize,
    },
}

/// A value written in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Blank,
    /// A text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date, shown dd/mm/yyyy.
    Date(NaiveDate),
}

/// How a placed value looks and whether it can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A plain heading line.
    Plain,
    /// A bold heading line, the cell's name when filled in.
    Bold,
    /// The motto, "ĐẢNG CỘNG SẢN VIỆT NAM".
    Motto,
    /// The italic date line, to fill in.
    DateLine,
    /// The title.
    Title,
    /// The subtitle.
    Subtitle,
    /// The place for the cell's name, to fill in.
    CellInput,
    /// A header cell.
    Header,
    /// A cell of the example row.
    Example,
    /// A text cell to fill in.
    Entry,
    /// A centred cell to fill in (STT, choices, numbers).
    EntryCentered,
    /// A date cell to fill in.
    EntryDate,
    /// A value written in advance in a row to fill in (a registered model's name): locked.
    Filled,
    /// A line of the signature block.
    Signature,
    /// The place for the signer's name, to fill in.
    SignatureName,
}

impl Role {
    /// True for the cells a cell fills in (left unlocked in the protected sheet).
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::output::templates::Role;
    ///
    /// assert!(Role::EntryDate.is_editable());
    /// assert!(!Role::Example.is_editable());
    /// ```
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            Role::DateLine
                | Role::CellInput
                | Role::Entry
                | Role::EntryCentered
                | Role::EntryDate
                | Role::SignatureName
        )
    }
}

/// One value placed on the form sheet, over columns `first..=last` of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// 0-based row.
    pub row: u32,
    /// First 0-based column.
    pub first: u16,
    /// Last 0-based column (merged when after `first`).
    pub last: u16,
    /// The value.
    pub value: Value,
    /// How it looks.
    pub role: Role,
}

/// Where things are on a form sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Every value, top to bottom.
    pub placed: Vec<Placed>,
    /// The 0-based header row.
    pub header_row: u32,
    /// The 0-based example row.
    pub example_row: u32,
    /// The 0-based rows to fill in.
    pub entry_rows: std::ops::Range<u32>,
    /// The cell of the cell's name, `(row, column)`, when the heading has one.
    pub cell_name: Option<(u32, u16)>,
}

/// Lays out the form sheet of a book: where each value goes and how it looks.
///
/// # Example
///
/// ```
/// use dvk::output::templates::{layout, Heading, Input, TemplateBook, TemplateColumn, Value};
///
/// let book = TemplateBook {
///     title: String::new(),
///     sheet: "DS".to_string(),
///     heading: Heading { left: vec![], date_line: String::new(), title: "DANH SÁCH".to_string(), subtitle: String::new() },
///     columns: vec![TemplateColumn::new("Tên chi bộ", 40.0, Input::Text, Value::Blank)],
///     entry_rows: 3,
///     filled: vec![],
///     signature: vec![],
///     instructions_title: String::new(),
///     instructions: vec![],
///     margins: dvk::rules::config::Margins::GUIDANCE,
/// };
/// let layout = layout(&book);
/// assert_eq!(layout.example_row, layout.header_row + 1);
/// assert_eq!(layout.entry_rows.len(), 3);
/// ```
pub fn layout(book: &TemplateBook) -> Layout {
    let last = last_column(book);
    let split = (last / 2).max(1);
    let left_last = split - 1;
    let mut placed = Vec::new();
    let mut put = |row: u32, first: u16, last: u16, value: Value, role: Role| {
        placed.push(Placed {
            row,
            first,
            last,
            value,
            role,
        })
    };
    let mut cell_name = None;
    let lines = book.heading.left.iter().take(2);
    let rows_used = lines.len() as u32;
    for (row, line) in (0u32..).zip(lines) {
        let (text, role) = match line {
            HeadingLine::Plain(t) => (t, Role::Plain),
            HeadingLine::Bold(t) | HeadingLine::Unit(t) => (t, Role::Bold),
            HeadingLine::UnitInput(t) => (t, Role::CellInput),
        };
        if matches!(line, HeadingLine::Unit(_) | HeadingLine::UnitInput(_)) {
            cell_name = Some((row, 0));
        }
        put(row, 0, left_last, Value::Text(text.clone()), role);
    }
    if rows_used > 0 {
        put(rows_used, 0, left_last, text("*"), Role::Plain);
    }
    put(0, split, last, text("ĐẢNG CỘNG SẢN VIỆT NAM"), Role::Motto);
    if !book.heading.date_line.is_empty() {
        put(
            2,
            split,
            last,
            text(&book.heading.date_line),
            Role::DateLine,
        );
    }
    put(4, 0, last, text(&book.heading.title), Role::Title);
    if !book.heading.subtitle.is_empty() {
        put(5, 0, last, text(&book.heading.subtitle), Role::Subtitle);
    }
    let header_row = HEADER_ROW;
    let example_row = header_row + 1;
    let count = book
        .entry_rows
        .max(u32::try_from(book.filled.len()).unwrap_or(u32::MAX));
    let entry_rows = example_row + 1..example_row + 1 + count;
    for (index, (col, column)) in (0u16..).zip(&book.columns).enumerate() {
        put(header_row, col, col, text(&column.header), Role::Header);
        put(example_row, col, col, column.example.clone(), Role::Example);
        for (number, row) in (1u32..).zip(entry_rows.clone()) {
            let given = book
                .filled
                .get(number as usize - 1)
                .and_then(|values| values.get(index))
                .filter(|value| **value != Value::Blank);
            let (value, role) = match given {
                Some(value) => (value.clone(), Role::Filled),
                None => entry_cell(&column.input, number),
            };
            put(row, col, col, value, role);
        }
    }
    // The signature block spans at most three columns: dvk reads a short row under the
    // table as a closing line, and a merged cell is read in every column it covers.
    let sign_first = last.saturating_sub(2).max(split);
    let mut row = entry_rows.end + 1;
    for line in &book.signature {
        put(row, sign_first, last, text(line), Role::Signature);
        row += 1;
    }
    if !book.signature.is_empty() {
        put(row + 3, sign_first, last, Value::Blank, Role::SignatureName);
    }
    Layout {
        placed,
        header_row,
        example_row,
        entry_rows,
        cell_name,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn last_column(book: &TemplateBook) -> u16 {
    u16::try_from(book.columns.len().saturating_sub(1))
        .unwrap_or(u16::MAX)
        .max(1)
}

/// The value and look of a cell to fill in: the STT numbered, the rest blank.
fn entry_cell(input: &Input, number: u32) -> (Value, Role) {
    match input {
        Input::Seq => (Value::Number(f64::from(number)), Role::EntryCentered),
        Input::Text => (Value::Blank, Role::Entry),
        Input::Date { .. } => (Value::Blank, Role::EntryDate),
        Input::List { .. } | Input::VotesTotal | Input::VotesFor { .. } => {
            (Value::Blank, Role::EntryCentered)
        }
    }
}

/// The form sheet as dvk reads it back: values in place, merged ranges filled across, as
/// [`crate::ingest::read`] gives them. Lets a test see what [`crate::recognize::forms::recognize`] makes of a
/// template without writing a file.
///
/// # Example
///
/// ```
/// use dvk::output::templates::{sheet_as_read, Heading, Input, TemplateBook, TemplateColumn, Value};
///
/// let book = TemplateBook {
///     title: String::new(),
///     sheet: "DS".to_string(),
///     heading: Heading { left: vec![], date_line: String::new(), title: "DANH SÁCH".to_string(), subtitle: String::new() },
///     columns: vec![
///         TemplateColumn::new("STT", 6.0, Input::Seq, Value::Text("Ví dụ".into())),
///         TemplateColumn::new("Tên chi bộ", 40.0, Input::Text, Value::Text("Chi bộ Văn phòng".into())),
///     ],
///     entry_rows: 2,
///     filled: vec![],
///     signature: vec![],
///     instructions_title: String::new(),
///     instructions: vec![],
///     margins: dvk::rules::config::Margins::GUIDANCE,
/// };
/// let sheet = sheet_as_read(&book);
/// let form = dvk::recognize::forms::recognize(&sheet).unwrap();
/// assert_eq!(form.kind, dvk::recognize::forms::FormKind::Roster);
/// assert!(form.data_rows.is_empty()); // the example row and the numbered rows are not data
/// ```
pub fn sheet_as_read(book: &TemplateBook) -> Sheet {
    let placed = layout(book).placed;
    let height = placed.iter().map(|p| p.row + 1).max().unwrap_or(0) as usize;
    let mut rows: Vec<Vec<CellValue>> = vec![Vec::new(); height];
    for p in &placed {
        let cell = match &p.value {
            Value::Blank => CellValue::Empty,
            Value::Text(t) => CellValue::Text(t.clone()),
            Value::Number(n) => CellValue::Number(*n),
            Value::Date(d) => CellValue::Date(*d),
        };
        let row = &mut rows[p.row as usize];
        for col in p.first..=p.last {
            let col = usize::from(col);
            if row.len() <= col {
                row.resize(col + 1, CellValue::Empty);
            }
            row[col] = cell.clone();
        }
    }
    for row in &mut rows {
        while row.last().is_some_and(CellValue::is_empty) {
            row.pop();
        }
    }
    Sheet::from_rows(book.sheet.clone(), rows)
}

/// The bytes of the workbook of a form: the form sheet, the instructions, the hidden lists.
///
/// An error is a bug in the book (a sheet name or a message over Excel's limits).
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::templates::{book, Template};
///
/// let m1 = book(Template::Collective, 2025, &Config::builtin(), None);
/// let bytes = dvk::output::templates::template_workbook(&m1).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn template_workbook(book: &TemplateBook) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = super::properties(&book.title, None)?;
    workbook.set_properties(&properties);
    let lists = long_lists(book);
    let styles = Styles::new();
    let layout = layout(book);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&book.sheet)?;
        write_form(sheet, book, &layout, &styles)?;
        add_validations(sheet, book, &layout, &lists)?;
    }
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name(INSTRUCTIONS_SHEET)?;
        write_instructions(sheet, book, &styles)?;
    }
    if !lists.is_empty() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(LISTS_SHEET)?;
        for (col, (_, items)) in (0u16..).zip(&lists) {
            for (row, item) in (0u32..).zip(items) {
                sheet.write_string(row, col, item)?;
            }
        }
        sheet.protect();
        sheet.set_hidden(true);
    }
    let bytes = workbook.save_to_buffer()?;
    super::first_page::unnumbered_first_page(bytes)
}

/// The formats of a template.
struct Styles {
    doc: DocumentStyles,
    cell_input: Format,
    example: Format,
    example_date: Format,
    entry: Format,
    entry_centered: Format,
    entry_date: Format,
    filled: Format,
    date_line: Format,
    signature_name: Format,
    instruction: Format,
}

impl Styles {
    fn new() -> Self {
        let doc = DocumentStyles::new();
        let example = doc
            .table_text
            .clone()
            .set_italic()
            .set_font_color(0x7F7F7F)
            .set_background_color(0xF2F2F2);
        let entry = doc.table_text.clone().set_unlocked();
        let fill_in = 0xFFF9E5;
        Styles {
            cell_input: doc
                .bold_center
                .clone()
                .set_unlocked()
                .set_background_color(fill_in)
                .set_border_bottom(FormatBorder::Dotted),
            example_date: example
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            example,
            entry_centered: entry.clone().set_align(FormatAlign::Center),
            entry_date: entry
                .clone()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            entry,
            // Locked, on a light blue: written by dvk, not to be changed.
            filled: doc.table_text.clone().set_background_color(0xEAF1FB),
            date_line: doc.italic_center.clone().set_unlocked(),
            signature_name: doc.bold_center.clone().set_unlocked(),
            instruction: doc
                .paragraph
                .clone()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top),
            doc,
        }
    }

    fn of(&self, role: Role) -> &Format {
        match role {
            Role::Plain => &self.doc.plain_center,
            Role::Bold | Role::Signature => &self.doc.bold_center,
            Role::Motto => &self.doc.motto,
            Role::DateLine => &self.date_line,
            Role::Title => &self.doc.title,
            Role::Subtitle => &self.doc.italic_center,
            Role::CellInput => &self.cell_input,
            Role::Header => &self.doc.table_header,
            Role::Example => &self.example,
            Role::Entry => &self.entry,
            Role::EntryCentered => &self.entry_centered,
            Role::EntryDate => &self.entry_date,
            Role::Filled => &self.filled,
            Role::SignatureName => &self.signature_name,
        }
    }
}

fn write_form(
    sheet: &mut Worksheet,
    book: &TemplateBook,
    layout: &Layout,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (col, column) in (0u16..).zip(&book.columns) {
        sheet.set_column_width(col, column.width)?;
    }
    for p in &layout.placed {
        write_placed(sheet, p, styles)?;
    }
    // Every row of the heading gets the height of its wrapped lines, in the width it spans.
    let mut heights: std::collections::BTreeMap<u32, f64> = Default::default();
    for p in layout.placed.iter().filter(|p| p.row < layout.header_row) {
        let Value::Text(text) = &p.value else {
            continue;
        };
        let width: f64 = book
            .columns
            .iter()
            .skip(usize::from(p.first))
            .take(usize::from(p.last - p.first) + 1)
            .map(|c| c.width)
            .sum();
        let (size, bold) = match p.role {
            Role::Title => (14.0, true),
            Role::Bold | Role::Motto | Role::CellInput => (13.0, true),
            _ => (13.0, false),
        };
        let height = document::text_height(&[(text.as_str(), width)], size, bold);
        let slot = heights.entry(p.row).or_insert(18.0);
        *slot = slot.max(height);
    }
    for (row, height) in heights {
        sheet.set_row_height(row, height)?;
    }
    let header_height = book
        .columns
        .iter()
        .map(|c| document::text_height(&[(c.header.as_str(), c.width)], 12.0, true))
        .fold(20.0, f64::max);
    sheet.set_row_height(layout.header_row, header_height)?;
    let example: Vec<(&str, f64)> = book
        .columns
        .iter()
        .filter_map(|c| match &c.example {
            Value::Text(t) => Some((t.as_str(), c.width)),
            _ => None,
        })
        .collect();
    // Wrapped italics need a little more room than the estimate for upright text.
    let example_height = document::table_row_height(&example) * 1.1;
    sheet.set_row_height(layout.example_row, example_height.max(ENTRY_HEIGHT))?;
    for (index, row) in layout.entry_rows.clone().enumerate() {
        // A row written in advance is as high as its wrapped texts.
        let texts: Vec<(&str, f64)> = book
            .filled
            .get(index)
            .into_iter()
            .flatten()
            .zip(&book.columns)
            .filter_map(|(value, column)| match value {
                Value::Text(t) => Some((t.as_str(), column.width)),
                _ => None,
            })
            .collect();
        let height = document::table_row_height(&texts).max(ENTRY_HEIGHT);
        sheet.set_row_height(row, height)?;
    }
    sheet.set_freeze_panes(layout.header_row + 1, 0)?;
    document::print_setup(sheet, true, layout.header_row, &book.margins)?;
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        ..ProtectionOptions::new()
    };
    sheet.protect_with_options(&options);
    sheet.set_active(true);
    Ok(())
}

fn write_placed(sheet: &mut Worksheet, p: &Placed, styles: &Styles) -> Result<(), XlsxError> {
    let format = match (p.role, &p.value) {
        (Role::Example, Value::Date(_)) => &styles.example_date,
        (role, _) => styles.of(role),
    };
    if p.first < p.last {
        let shown = match &p.value {
            Value::Text(t) => t.clone(),
            _ => String::new(),
        };
        sheet.merge_range(p.row, p.first, p.row, p.last, &shown, format)?;
        return Ok(());
    }
    match &p.value {
        Value::Blank => sheet.write_blank(p.row, p.first, format)?,
        Value::Text(t) => sheet.write_string_with_format(p.row, p.first, t, format)?,
        Value::Number(n) => sheet.write_number_with_format(p.row, p.first, *n, format)?,
        Value::Date(d) => {
            sheet.write_datetime_with_format(p.row, p.first, excel_date(*d)?, format)?
        }
    };
    Ok(())
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year())
        .map_err(|_| XlsxError::ParameterError(format!("năm {} ngoài phạm vi", date.year())))?;
    // Month and day always fit in a byte.
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

fn write_instructions(
    sheet: &mut Worksheet,
    book: &TemplateBook,
    styles: &Styles,
) -> Result<(), XlsxError> {
    // LibreOffice does not shrink this sheet to the page width: 64 units fit A4 portrait
    // between its margins in LibreOffice as in Excel.
    const WIDTH: f64 = 64.0;
    sheet.set_column_width(0, WIDTH)?;
    sheet.write_string_with_format(0, 0, &book.instructions_title, &styles.doc.title)?;
    // 14 pt bold capitals: about 40 letters a line.
    let title_lines: usize = book
        .instructions_title
        .lines()
        .map(|line| line.chars().count().div_ceil(40).max(1))
        .sum();
    sheet.set_row_height(0, title_lines as f64 * 20.0 + 6.0)?;
    for (row, paragraph) in (2u32..).zip(&book.instructions) {
        sheet.write_string_with_format(row, 0, paragraph, &styles.instruction)?;
        sheet.set_row_height(row, document::paragraph_height(paragraph, WIDTH))?;
    }
    document::page_setup(sheet, false, &book.margins);
    sheet.protect();
    Ok(())
}

/// The lists that cannot be written in the rule itself (too long, or an item with a comma),
/// each with the items; they go to the hidden sheet, one column each.
fn long_lists(book: &TemplateBook) -> Vec<(usize, Vec<String>)> {
    book.columns
        .iter()
        .enumerate()
        .filter_map(|(index, column)| match &column.input {
            Input::List { items, .. } if !fits_inline(items) => Some((index, items.clone())),
            _ => None,
        })
        .collect()
}

/// True when a list can be written in the rule: at most 255 characters with the commas, and
/// no item holding a comma (Excel would split it).
///
/// # Example
///
/// ```
/// use dvk::output::templates::fits_inline;
///
/// assert!(fits_inline(&["Có".to_string(), "Không".to_string()]));
/// assert!(!fits_inline(&["Văn hóa, xã hội".to_string()]));
/// assert!(!fits_inline(&vec!["Cải cách hành chính".to_string(); 20]));
/// ```
pub fn fits_inline(items: &[String]) -> bool {
    let length: usize = items.iter().map(|i| i.encode_utf16().count() + 1).sum();
    length <= INLINE_LIST_LIMIT + 1 && items.iter().all(|i| !i.contains(['"', ',']))
}

fn add_validations(
    sheet: &mut Worksheet,
    book: &TemplateBook,
    layout: &Layout,
    lists: &[(usize, Vec<String>)],
) -> Result<(), XlsxError> {
    let (first, last) = (
        layout.entry_rows.start,
        layout.entry_rows.end.saturating_sub(1),
    );
    for (index, column) in book.columns.iter().enumerate() {
        let list_column = lists.iter().position(|(i, _)| *i == index);
        let Some(rule) = column_rule(column, first, list_column)? else {
            continue;
        };
        let col = u16::try_from(index).unwrap_or(u16::MAX);
        sheet.add_data_validation(first, col, last, col, &rule)?;
    }
    let input = (0u32..)
        .zip(&book.heading.left)
        .find(|(_, line)| matches!(line, HeadingLine::UnitInput(_)));
    if let Some((row, _)) = input {
        sheet.add_data_validation(row, 0, row, 0, &cell_name_rule(row, 0)?)?;
    }
    Ok(())
}

/// The rule of a column's cells (relative to its first entry row), if it has one.
fn column_rule(
    column: &TemplateColumn,
    first_row: u32,
    list_column: Option<usize>,
) -> Result<Option<DataValidation>, XlsxError> {
    let header = column.header.as_str();
    let (rule, help, error) = match &column.input {
        Input::Seq => return Ok(None),
        Input::Text => (
            DataValidation::new().allow_any_value(),
            column.help.clone(),
            String::new(),
        ),
        Input::List { what, items } => {
            let rule = match list_column {
                Some(col) => DataValidation::new().allow_list_formula(Formula::new(format!(
                    "='{LISTS_SHEET}'!${letter}$1:${letter}${count}",
                    letter = column_letter(col),
                    count = items.len().max(1)
                ))),
                None => DataValidation::new().allow_list_strings(items)?,
            };
            let error = fit(
                format!("Chọn {what} trong danh sách: {}.", items.join("; ")),
                format!("Chọn {what} trong danh sách thả xuống của ô."),
            );
            let help = if column.help.is_empty() {
                format!("Chọn {what} trong danh sách thả xuống.")
            } else {
                format!("{} Chọn trong danh sách thả xuống.", column.help)
            };
            (rule, help, error)
        }
        Input::Date { from, to, example } => {
            let rule = DataValidation::new().allow_date(DataValidationRule::Between(
                excel_date(*from)?,
                excel_date(*to)?,
            ));
            let help = format!(
                "Nhập ngày dạng dd/mm/yyyy, ví dụ {}.{}",
                format_date(*example),
                prefixed(&column.help)
            );
            let error = format!(
                "Cần một ngày có thật từ {} đến {}, ghi dạng dd/mm/yyyy, ví dụ {}.",
                format_date(*from),
                format_date(*to),
                format_date(*example)
            );
            (rule, help, error)
        }
        Input::VotesTotal => (
            DataValidation::new().allow_whole_number(DataValidationRule::Between(1, 1_000_000)),
            or(
                &column.help,
                "Ghi tổng số phiếu biểu quyết: một số nguyên, ví dụ 20.".to_string(),
            ),
            "Tổng số phiếu là một số nguyên từ 1 trở lên, ví dụ 20.".to_string(),
        ),
        Input::VotesFor { total_column } => {
            let total = format!("={}{}", column_letter(*total_column), first_row + 1);
            let rule = DataValidation::new().allow_whole_number_formula(
                DataValidationRule::Between(Formula::new("=0"), Formula::new(total)),
            );
            (
                rule,
                or(
                    &column.help,
                    "Ghi số phiếu tán thành: một số nguyên, không lớn hơn tổng số phiếu (ghi tổng số phiếu trước).".to_string(),
                ),
                "Số phiếu tán thành là một số nguyên từ 0 đến tổng số phiếu của dòng này; hãy ghi tổng số phiếu trước.".to_string(),
            )
        }
    };
    let mut rule = rule
        .set_input_title(title(header))?
        .set_input_message(fit(help, String::new()))?;
    if !error.is_empty() {
        rule = rule
            .set_error_title(title(&format!("{header} không hợp lệ")))?
            .set_error_message(error)?;
    }
    Ok(Some(rule))
}

/// The rule of the place for the cell's name: a text that starts with "Chi bộ".
fn cell_name_rule(row: u32, col: u16) -> Result<DataValidation, XlsxError> {
    let cell = format!("{}{}", column_letter(usize::from(col)), row + 1);
    let formula = format!("=OR(LEFT(TRIM({cell}),7)=\"Chi bộ \",LEFT(TRIM({cell}),7)=\"Chi bo \")");
    DataValidation::new()
        .allow_custom(Formula::new(formula))
        .set_input_title("Tên chi bộ")?
        .set_input_message("Ghi tên chi bộ, bắt đầu bằng chữ «Chi bộ», ví dụ: Chi bộ Văn phòng.")?
        .set_error_title("Tên chi bộ không hợp lệ")?
        .set_error_message("Tên chi bộ phải bắt đầu bằng chữ «Chi bộ», ví dụ: Chi bộ Văn phòng.")
}

/// The column letters of a 0-based index: 0 is A, 26 is AA.
///
/// # Example
///
/// ```
/// use dvk::output::templates::column_letter;
///
/// assert_eq!(column_letter(0), "A");
/// assert_eq!(column_letter(27), "AB");
/// ```
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A title within Excel's 32 characters.
fn title(text: &str) -> String {
    cut(text, 32)
}

/// A message within Excel's 255 characters: `fallback` when it is longer (or cut, when the
/// fallback is empty or longer too).
fn fit(message: String, fallback: String) -> String {
    if message.encode_utf16().count() <= 255 {
        message
    } else if !fallback.is_empty() && fallback.encode_utf16().count() <= 255 {
        fallback
    } else {
        cut(&message, 255)
    }
}

/// The first characters of a text, at most `limit` UTF-16 units, ending with "…" when cut.
fn cut(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.encode_utf16().count() + c.len_utf16() + 1 > limit {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn or(help: &str, default: String) -> String {
    if help.is_empty() {
        default
    } else {
        help.to_string()
    }
}

fn prefixed(help: &str) -> String {
    if help.is_empty() {
        String::new()
    } else {
        format!(" {help}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(columns: Vec<TemplateColumn>, left: Vec<HeadingLine>) -> TemplateBook {
        TemplateBook {
            title: "Mẫu".to_string(),
            sheet: "Đăng ký".to_string(),
            heading: Heading {
                left,
                date_line: "Đồng Hới, ngày …… tháng …… năm ……".to_string(),
                title: "DANH SÁCH ĐĂNG KÝ NĂM 2025".to_string(),
                subtitle: "(Mẫu M1)".to_string(),
            },
            columns,
            entry_rows: 5,
            filled: vec![],
            signature: vec!["T/M CHI ỦY".to_string(), "BÍ THƯ".to_string()],
            instructions_title: "HƯỚNG DẪN".to_string(),
            instructions: vec!["Một.".to_string(), "Hai.".to_string()],
            margins: Margins::GUIDANCE,
        }
    }

    fn columns() -> Vec<TemplateColumn> {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap_or_default();
        vec![
            TemplateColumn::new("STT", 6.0, Input::Seq, Value::Text("Ví dụ".into())),
            TemplateColumn::new("Tên mô hình", 30.0, Input::Text, Value::Text("A".into())),
            TemplateColumn::new(
                "Lĩnh vực",
                20.0,
                Input::List {
                    what: "lĩnh vực".into(),
                    items: vec!["Kinh tế".into(), "Văn hóa – xã hội".into()],
                },
                Value::Text("Kinh tế".into()),
            ),
            TemplateColumn::new(
                "Ngày đăng ký",
                13.0,
                Input::Date {
                    from: d(1, 1),
                    to: d(12, 31),
                    example: d(10, 5),
                },
                Value::Date(d(10, 5)),
            ),
        ]
    }

    #[test]
    fn the_layout_puts_heading_header_example_entries_and_signature() {
        let book = book(
            columns(),
            vec![
                HeadingLine::Plain("ĐẢNG BỘ SỞ TƯ PHÁP".into()),
                HeadingLine::UnitInput("CHI BỘ ……".into()),
            ],
        );
        let layout = layout(&book);
        assert_eq!(layout.header_row, 7);
        assert_eq!(layout.example_row, 8);
        assert_eq!(layout.entry_rows, 9..14);
        assert_eq!(layout.cell_name, Some((1, 0)));
        let at = |row, col| {
            layout
                .placed
                .iter()
                .find(|p| p.row == row && p.first == col)
                .map(|p| (p.value.clone(), p.role))
        };
        assert_eq!(at(9, 0), Some((Value::Number(1.0), Role::EntryCentered)));
        assert_eq!(at(13, 3), Some((Value::Blank, Role::EntryDate)));
        assert_eq!(at(8, 0), Some((Value::Text("Ví dụ".into()), Role::Example)));
        assert_eq!(
            at(2, 0),
            Some((Value::Text("*".into()), Role::Plain)),
            "the star under the left block"
        );
        assert_eq!(
            at(15, 1).map(|(v, _)| v),
            Some(Value::Text("T/M CHI ỦY".into()))
        );
        let editable: Vec<Role> = layout
            .placed
            .iter()
            .filter(|p| p.row < layout.header_row && p.role.is_editable())
            .map(|p| p.role)
            .collect();
        assert_eq!(editable, [Role::CellInput, Role::DateLine]);
    }

    #[test]
    fn rows_written_in_advance_are_locked_and_the_rest_left_to_fill_in() {
        let mut book = book(columns(), vec![]);
        book.entry_rows = 0;
        book.filled = vec![
            vec![Value::Blank, Value::Text("Một cửa thân thiện".into())],
            vec![Value::Blank, Value::Text("Tiếp dân cuối tuần".into())],
        ];
        let layout = layout(&book);
        assert_eq!(layout.entry_rows, 9..11, "as many rows as written");
        let at = |row, col| {
            layout
                .placed
                .iter()
                .find(|p| p.row == row && p.first == col)
                .map(|p| (p.value.clone(), p.role))
        };
        assert_eq!(
            at(10, 1),
            Some((Value::Text("Tiếp dân cuối tuần".into()), Role::Filled))
        );
        assert!(!Role::Filled.is_editable());
        assert_eq!(at(10, 0), Some((Value::Number(2.0), Role::EntryCentered)));
        assert_eq!(at(10, 2), Some((Value::Blank, Role::EntryCentered)));
        assert!(template_workbook(&book).is_ok_and(|b| b.starts_with(b"PK")));
    }

    #[test]
    fn the_sheet_as_read_fills_merged_cells() {
        let book = book(
            columns(),
            vec![HeadingLine::Unit("CHI BỘ VĂN PHÒNG".into())],
        );
        let sheet = sheet_as_read(&book);
        assert_eq!(sheet.get(0, 0), &CellValue::Text("CHI BỘ VĂN PHÒNG".into()));
        assert_eq!(
            sheet.get(4, 3),
            &CellValue::Text("DANH SÁCH ĐĂNG KÝ NĂM 2025".into())
        );
        assert_eq!(sheet.get(9, 0), &CellValue::Number(1.0));
        assert_eq!(sheet.get(9, 1), &CellValue::Empty);
    }

    #[test]
    fn long_lists_and_lists_with_commas_go_to_the_lists_sheet() {
        let mut columns = columns();
        assert!(long_lists(&book(columns.clone(), vec![])).is_empty());
        columns[2].input = Input::List {
            what: "lĩnh vực".into(),
            items: vec!["Văn hóa, xã hội".into()],
        };
        let lists = long_lists(&book(columns, vec![]));
        assert_eq!(lists, vec![(2, vec!["Văn hóa, xã hội".to_string()])]);
    }

    #[test]
    fn messages_fit_excel_limits() {
        assert_eq!(title("Tên mô hình"), "Tên mô hình");
        let long = title(&"Số phiếu tán thành không hợp lệ".repeat(2));
        assert_eq!(long.encode_utf16().count(), 32);
        assert!(long.ends_with('…'));
        assert_eq!(fit("x".repeat(300), "ngắn".into()), "ngắn");
        assert_eq!(fit("x".repeat(300), String::new()).chars().count(), 255);
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn every_book_writes() {
        let mut many = columns();
        many[2].input = Input::List {
            what: "lĩnh vực".into(),
            items: vec!["Lĩnh vực rất dài số mười hai".to_string(); 12],
        };
        for columns in [columns(), many] {
            let bytes = template_workbook(&book(
                columns,
                vec![HeadingLine::UnitInput("CHI BỘ ……".into())],
            ));
            assert!(bytes.is_ok_and(|b| b.starts_with(b"PK")));
        }
    }
}
