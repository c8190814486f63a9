//! The rows of a recognized form, each with the role a clerk would name.
//!
//! In: a sheet and where its header is. Out: the data rows, and a [`Structure`] naming every
//! other non-blank row: title, header (and a header repeated on a later page), column numbers,
//! the template's example, sections, rows holding only a row number, totals, notes, the
//! closing block and what comes after it.
//!
//! Why roles and not a list of words to skip: a clerk tells a signature block from a model by
//! its shape and its place (after the data, a few cells, no row number, every text a closing
//! line), never by one word. "Bí thư" is a closing line under the table and a position inside a
//! data row; "Cộng" opens a total row and "Cộng đồng dân cư" a model's name. Each test below
//! asks for the shape first, and words only inside that shape.
//!
//! Every non-blank row ends up in exactly one place: [`Split::data`] or one list of
//! [`Structure`] (`examples_used` rows are data too). Rows after the closing block are not
//! counted; [`Structure::after_closing`] lists them so that a finding can name each.

use crate::recognize::values::{self, Kind};
use crate::sheet::{CellValue, Sheet};
use crate::text;

/// The role of every non-blank row of a form that is not a data row (0-based rows).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// Non-blank rows above the header.
    pub title: Vec<usize>,
    /// The header's rows, and a header repeated further down (a list printed over pages).
    pub header: Vec<usize>,
    /// A row numbering the columns, "(1) (2) (3)", under the header.
    pub column_numbers: Vec<usize>,
    /// The template's example row (STT «Ví dụ») still holding the template's example.
    pub examples: Vec<usize>,
    /// An example row typed over: it is read as data (and is among the data rows).
    pub examples_used: Vec<usize>,
    /// Section rows ("I. TẬP THỂ", "A. Lĩnh vực kinh tế", "1. Chi bộ Văn phòng").
    pub sections: Vec<Section>,
    /// Rows holding only a row number (the numbered blank rows of a form).
    pub blank_numbered: Vec<usize>,
    /// Total rows ("Cộng", "Tổng cộng", "Tổng số: 5 mô hình").
    pub totals: Vec<Total>,
    /// Notes ("Ghi chú: …", "* …", "(Danh sách gồm …)").
    pub notes: Vec<usize>,
    /// The closing block: date line, «Nơi nhận», "T/M …", "BÍ THƯ", the name, "Người lập biểu".
    pub closing: Vec<usize>,
    /// Rows shaped like data after the closing block: not counted.
    pub after_closing: Vec<usize>,
}

/// A section row and what it says about the rows under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// 0-based row.
    pub row: usize,
    /// The row's text as written.
    pub text: String,
    /// How deep the section is: 1 for "I.", 2 for "A." (or no mark), 3 for "1.".
    pub level: u8,
    /// The kind it names ("I. TẬP THỂ").
    pub kind: Option<Kind>,
    /// The unit it names ("1. Chi bộ Văn phòng"), as written.
    pub unit: Option<String>,
    /// The words that may name a field ("A. Lĩnh vực kinh tế" → "kinh tế"), matched against
    /// the configured fields when the rows are read.
    pub field: Option<String>,
    /// The year it names ("I. NĂM 2023" over that year's rows of a list of several years).
    pub year: Option<i32>,
}

/// A total row and the number it states.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// 0-based row.
    pub row: usize,
    /// The row's text ("Tổng số: 5 mô hình").
    pub text: String,
    /// The number the row states, if any.
    pub stated: Option<u32>,
    /// True when the stated number matches no count of the rows it can total: since the
    /// previous total, since each open section, or all data rows above it.
    pub mismatch: bool,
    /// The data rows above it (what a clerk compares the number with).
    pub counted: usize,
}

/// What the sections above a data row say about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The kind, from the nearest kind section above.
    pub kind: Option<Kind>,
    /// The unit, from the nearest unit section above.
    pub unit: Option<String>,
    /// The field's words, from the nearest field section above.
    pub field: Option<String>,
    /// The year, from the nearest year section above.
    pub year: Option<i32>,
}

/// The data rows and the structure of a form's body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Split {
    /// 0-based data rows, in order.
    pub data: Vec<usize>,
    /// Every other non-blank row.
    pub structure: Structure,
    /// Where the context of the rows changes: from each row on, the sections in force.
    pub contexts: Vec<(usize, Context)>,
}

/// The template examples' names: an example row whose model, person or unit is one of these
/// still holds the template's example. `crate::templates` writes its examples from this list
/// (a test there checks it).
pub(crate) const TEMPLATE_EXAMPLE_NAMES: [&str; 6] = [
    "Tiếp công dân thân thiện, trả kết quả đúng hẹn",
    "Hướng dẫn người dân nộp hồ sơ trực tuyến",
    "Văn phòng Sở",
    "Nguyễn Văn An",
    "Chi bộ Văn phòng",
    "Dòng mẫu, dvk không đọc",
];

/// What the STT cell of an example row says: "Ví dụ", "VD", "Mẫu" (folded). The forms of
/// `dvk template` carry such a row, filled in grey, to show how to write each column.
const EXAMPLE_MARKS: [&str; 4] = ["vi du", "vd", "mau", "dong mau"];

/// What the body's walk needs to know of the header's columns (0-based indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The STT column.
    pub seq: Option<usize>,
    /// The columns naming a row: the model, the person, the unit, in that order of preference.
    pub names: Vec<usize>,
    /// Every recognized column.
    pub read: Vec<usize>,
    /// True when the form has a unit column.
    pub unit: bool,
    /// True for a roster, whose rows are units: there, a unit's name alone on a row is data,
    /// not a section.
    pub roster: bool,
}

/// Splits the rows of a sheet around its header (`first..=last`, 0-based) into data rows and
/// roles.
pub fn split(sheet: &Sheet, first: usize, last: usize, columns: &Columns) -> Split {
    let mut out = Split::default();
    let is_blank = |row: usize| sheet.rows[row].iter().all(CellValue::is_empty);
    out.structure.title = (0..first.min(sheet.rows.len()))
        .filter(|&r| !is_blank(r))
        .collect();
    out.structure.header = (first..=last.min(sheet.rows.len().saturating_sub(1)))
        .filter(|&r| !is_blank(r))
        .collect();
    let seq = columns.seq;
    let roster = columns.roster;
    let mut body = Body {
        sheet,
        header: out.structure.header.clone(),
        columns,
        seq,
        roster,
        stack: Vec::new(),
        since_total: 0,
        closing: false,
    };
    for row in last + 1..sheet.rows.len() {
        body.row(row, &mut out);
    }
    out
}

/// The state of the walk down the body.
struct Body<'a> {
    sheet: &'a Sheet,
    /// The header's rows.
    header: Vec<usize>,
    columns: &'a Columns,
    seq: Option<usize>,
    roster: bool,
    /// The open sections, outermost first, each with the data rows counted under it.
    stack: Vec<(Section, usize)>,
    /// Data rows since the previous total row.
    since_total: usize,
    /// True once the closing block has begun.
    closing: bool,
}

/// A row's non-blank cells, a merged region counted once.
struct Cells<'a> {
    /// (column, value) of each non-blank cell that is not the continuation of a merged
    /// region (the same value as its left neighbour).
    distinct: Vec<(usize, &'a CellValue)>,
}

impl<'a> Cells<'a> {
    fn of(row: &'a [CellValue]) -> Self {
        let mut distinct = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            if cell.is_empty() || (i > 0 && row[i - 1] == *cell) {
                continue;
            }
            distinct.push((i, cell));
        }
        Cells { distinct }
    }

    fn texts(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.distinct.iter().filter_map(|&(i, c)| match c {
            CellValue::Text(s) if !s.trim().is_empty() => Some((i, s.trim())),
            _ => None,
        })
    }
}

impl Body<'_> {
    fn row(&mut self, row: usize, out: &mut Split) {
        let cells = Cells::of(&self.sheet.rows[row]);
        if cells.distinct.is_empty() {
            return;
        }
        let numbered = self.is_numbered(row);
        let others = cells
            .distinct
            .iter()
            .filter(|(i, _)| Some(*i) != self.seq)
            .count();
        let s = &mut out.structure;
        if self.closing {
            if self.is_data_shaped(&cells, numbered) {
                s.after_closing.push(row);
            } else {
                s.closing.push(row);
            }
            return;
        }
        // Column numbers "1 2 3 4" come before any data: their first cell looks like a row
        // number.
        if out.data.is_empty() && is_column_number_row(&cells) {
            s.column_numbers.push(row);
            return;
        }
        // The common row: a row number and at least two values. Nothing else has that shape,
        // and a 100,000-row sheet is read without folding a single text.
        if numbered && others >= 2 {
            self.data(row, out);
            return;
        }
        if let Some(used) = self.example(row) {
            if used {
                s.examples_used.push(row);
                self.data(row, out);
            } else {
                s.examples.push(row);
            }
            return;
        }
        if others == 0 && numbered {
            s.blank_numbered.push(row);
            return;
        }
        if !numbered && self.is_repeated_header(&cells) {
            s.header.push(row);
            return;
        }
        let texts: Vec<(usize, &str)> = cells.texts().collect();
        if !numbered && !texts.is_empty() && texts.iter().all(|&(_, t)| is_closing_line(t)) {
            self.closing = true;
            s.closing.push(row);
            return;
        }
        if let Some(total) = self.total(row, &cells, out.data.len()) {
            self.since_total = 0;
            s.totals.push(total);
            return;
        }
        if let Some(&(_, first)) = texts.first() {
            if texts.len() <= 2 && is_note(first) {
                s.notes.push(row);
                return;
            }
        }
        if let Some(section) = self.section(row, &cells, numbered) {
            self.open(section, out);
            return;
        }
        self.data(row, out);
    }

    fn data(&mut self, row: usize, out: &mut Split) {
        out.data.push(row);
        self.since_total += 1;
        for (_, rows) in &mut self.stack {
            *rows += 1;
        }
    }

    /// True when the row's STT cell holds a row number.
    fn is_numbered(&self, row: usize) -> bool {
        let Some(seq) = self.seq else { return false };
        match self.sheet.get(row, seq) {
            CellValue::Number(n) => n.fract() == 0.0 && *n >= 0.0,
            CellValue::Text(s) => {
                let s = s.trim().trim_end_matches('.');
                !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit())
            }
            _ => false,
        }
    }

    /// A row after the closing block that would be data inside the table: a row number with
    /// a value, or three values under the table's columns.
    fn is_data_shaped(&self, cells: &Cells, numbered: bool) -> bool {
        let under = cells
            .distinct
            .iter()
            .filter(|(i, _)| Some(*i) != self.seq && self.columns.read.contains(i))
            .count();
        (numbered && under >= 1) || under >= 3
    }

    /// `Some(false)` for an example row still holding the template's example, `Some(true)`
    /// for one typed over, `None` for any other row.
    fn example(&self, row: usize) -> Option<bool> {
        let seq = self.seq?;
        let CellValue::Text(mark) = self.sheet.get(row, seq) else {
            return None;
        };
        if !EXAMPLE_MARKS.contains(&text::fold(mark).as_str()) {
            return None;
        }
        let key = self
            .columns
            .names
            .iter()
            .find_map(|&c| match self.sheet.get(row, c) {
                CellValue::Text(s) if !s.trim().is_empty() => Some(s.trim()),
                _ => None,
            });
        let still_example = key.is_none_or(|key| {
            let folded = text::fold(key);
            TEMPLATE_EXAMPLE_NAMES
                .iter()
                .any(|e| text::fold(e) == folded)
                || EXAMPLE_MARKS
                    .iter()
                    .any(|m| folded == *m || folded.starts_with(&format!("{m} ")))
        });
        Some(!still_example)
    }

    /// A header printed again further down (a list over several pages): at least two texts,
    /// each the same as the header's text in its column.
    fn is_repeated_header(&self, cells: &Cells) -> bool {
        let mut same = 0;
        for (index, text) in cells.texts() {
            let folded = text::fold(text);
            let in_header = self.header.iter().any(|&r| match self.sheet.get(r, index) {
                CellValue::Text(h) => text::fold(h) == folded,
                _ => false,
            });
            if !in_header {
                return false;
            }
            same += 1;
        }
        same >= 2
    }

    /// A total row: its first text says so, and the rest are numbers (or a number's words).
    fn total(&self, row: usize, cells: &Cells, all: usize) -> Option<Total> {
        let texts: Vec<&str> = cells.texts().map(|(_, t)| t).collect();
        let first = *texts.first()?;
        if !is_total_text(first) || texts.len() > 2 {
            return None;
        }
        let numbers: Vec<f64> = cells
            .distinct
            .iter()
            .filter_map(|(_, c)| match c {
                CellValue::Number(n) => Some(*n),
                _ => None,
            })
            .collect();
        // "Tổng số: 5 mô hình" states 5; "Cộng: 3 tập thể, 2 cá nhân" states 3 and 2, and 5
        // in all: any of them may be the count.
        let written: Vec<u32> = texts.iter().flat_map(|t| numbers_in(t)).collect();
        let stated = written
            .first()
            .copied()
            .or_else(|| match numbers.as_slice() {
                [n] if n.fract() == 0.0 && *n >= 0.0 && *n < 1e6 => Some(*n as u32),
                _ => None,
            });
        let mut candidates = written.clone();
        candidates.extend(stated);
        candidates.push(written.iter().sum());
        let counted = self.since_total;
        let counts: Vec<usize> = [self.since_total, all]
            .into_iter()
            .chain(self.stack.iter().map(|(_, rows)| *rows))
            .collect();
        let mismatch =
            stated.is_some() && !candidates.iter().any(|&n| counts.contains(&(n as usize)));
        Some(Total {
            row,
            text: texts.join(" "),
            stated,
            mismatch,
            counted,
        })
    }

    /// A section row: one text (and perhaps a mark in the STT column) that marks a part of
    /// the list, or names a kind, a field or a unit for the rows under it.
    fn section(&self, row: usize, cells: &Cells, numbered: bool) -> Option<Section> {
        let in_seq = |i: usize| Some(i) == self.seq;
        if cells
            .distinct
            .iter()
            .any(|(i, c)| !matches!(c, CellValue::Text(_)) && !in_seq(*i))
        {
            return None;
        }
        let texts: Vec<(usize, &str)> = cells
            .texts()
            .filter(|&(i, _)| !(numbered && in_seq(i)))
            .collect();
        let (mark, text) = match texts.as_slice() {
            [(_, only)] if numbered => (Some(3), *only),
            [(_, only)] => (None, *only),
            [(i, mark), (_, rest)] if in_seq(*i) && mark_level(mark).is_some() => {
                (mark_level(mark), *rest)
            }
            _ => return None,
        };
        let (level, rest) = match mark {
            Some(level) => (level, text),
            None => leading_mark(text).unwrap_or((0, text)),
        };
        let folded = text::fold(rest);
        let kind = values::kind_in_words(&folded);
        let unit = (!self.roster && UNIT_PREFIXES.iter().any(|p| starts_with_word(&folded, p)))
            .then(|| rest.trim().to_string());
        let names_field = starts_with_word(&folded, "linh vuc");
        // "NĂM 2023", "Năm 2024:": the year of the rows under it.
        let year = (starts_with_word(&folded, "nam") && unit.is_none())
            .then(|| values::find_title_year(rest))
            .flatten();
        let words = folded.split(' ').count();
        let is_section = if self.roster {
            // A roster's parts ("I. CÁC ĐẢNG BỘ CƠ SỞ") are sections; its units are data.
            (level == 1 || level == 2) && words <= 16
        } else {
            match level {
                // No mark: the text must say what it sets, and be short.
                0 => {
                    (kind.is_some() || unit.is_some() || names_field || year.is_some())
                        && words <= 10
                }
                // A row number and one text: data, unless it names a unit in a form without
                // a unit column ("1 | Chi bộ Văn phòng" over that unit's rows).
                3 if numbered => unit.is_some() && !self.columns.unit,
                _ => words <= 16,
            }
        };
        let field = (!self.roster
            && kind.is_none()
            && unit.is_none()
            && year.is_none()
            && (level > 0 || names_field))
            .then(|| rest.trim().to_string());
        is_section.then(|| Section {
            row,
            text: text.to_string(),
            level: if level == 0 { 2 } else { level },
            kind,
            unit,
            field,
            year,
        })
    }

    /// Opens a section: it closes the sections at its level or deeper.
    fn open(&mut self, section: Section, out: &mut Split) {
        while self
            .stack
            .last()
            .is_some_and(|(open, _)| open.level >= section.level)
        {
            self.stack.pop();
        }
        let row = section.row;
        out.structure.sections.push(section.clone());
        self.stack.push((section, 0));
        let mut context = Context::default();
        for (open, _) in &self.stack {
            context.kind = open.kind.or(context.kind);
            if open.unit.is_some() {
                context.unit.clone_from(&open.unit);
            }
            if open.field.is_some() {
                context.field.clone_from(&open.field);
            }
            context.year = open.year.or(context.year);
        }
        out.contexts.push((row, context));
    }
}

/// Words that open a unit's name.
const UNIT_PREFIXES: [&str; 7] = [
    "chi bo",
    "dang bo",
    "cb",
    "db",
    "dbbp",
    "chi uy",
    "to chuc co so dang",
];

fn starts_with_word(folded: &str, word: &str) -> bool {
    folded
        .strip_prefix(word)
        .is_some_and(|rest| rest.starts_with(' '))
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

/// The level of a mark written alone in the STT column: "I" (1), "A" (2), "1" (3).
fn mark_level(mark: &str) -> Option<u8> {
    let m = mark
        .trim()
        .trim_end_matches(['.', ')', ':'])
        .trim_start_matches("Phần ")
        .trim();
    if ROMAN.contains(&m) {
        Some(1)
    } else if m.len() == 1 && m.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(2)
    } else if !m.is_empty() && m.len() <= 3 && m.bytes().all(|b| b.is_ascii_digit()) {
        Some(3)
    } else {
        None
    }
}

/// A mark opening a text, "I. ", "A) ", "2. ", "Phần II: ", and the text after it.
fn leading_mark(text: &str) -> Option<(u8, &str)> {
    let t = text.trim_start();
    let t = t
        .strip_prefix("Phần ")
        .or_else(|| t.strip_prefix("PHẦN "))
        .unwrap_or(t);
    let end = t.find(['.', ')', ':', '-', '–'])?;
    let (mark, rest) = t.split_at(end);
    let level = mark_level(mark.trim())?;
    let rest = rest[rest.chars().next()?.len_utf8()..].trim_start();
    // "1.5" or "I.2" is a number, not a mark.
    if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((level, rest))
}

/// A total's first text: "Cộng", "Cộng: 5", "Cộng tập thể", "Tổng cộng", "Tổng số: 5 mô hình",
/// "Tổng: 5", and the subtotal of a part of the list: "Cộng năm 2023", "Cộng chi bộ Văn
/// phòng", "Cộng phần I", "Cộng lĩnh vực kinh tế". Not "Cộng đồng …", "Cộng tác viên …" nor
/// "Tổng hợp …": a model's name may start so.
fn is_total_text(text: &str) -> bool {
    let folded = text::fold(text);
    let mut words = folded.split(' ');
    let after = |w: Option<&str>| {
        w.is_none_or(|w| {
            w.bytes().all(|b| b.is_ascii_digit())
                || ROMAN.iter().any(|r| r.eq_ignore_ascii_case(w))
                || [
                    "tap", "ca", "mo", "dien", "chung", "toan", "so", "cong", "la", "co",
                    // The parts a list is divided in.
                    "nam", "chi", "dang", "don", "phan", "muc", "khoi", "linh", "quy", "cac",
                ]
                .contains(&w)
        })
    };
    match words.next() {
        Some("cong") => after(words.next()),
        Some("tong") => match words.next() {
            Some("cong" | "so") | None => true,
            Some(w) => w.bytes().all(|b| b.is_ascii_digit()),
        },
        _ => false,
    }
}

/// The whole numbers written in a text, in order ("Cộng: 3 tập thể, 2 cá nhân" → 3, 2); a
/// year after "năm" counts nothing ("Cộng năm 2023: 2" → 2).
fn numbers_in(text: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut after_year_word = false;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            if !after_year_word && word.len() <= 6 {
                numbers.extend(word.parse::<u32>().ok());
            }
            after_year_word = false;
        } else {
            after_year_word = text::fold(word) == "nam";
        }
    }
    numbers
}

/// A note: "Ghi chú: …", "Lưu ý", "Chú thích", "* …", "(*) …", "(**) …" (the footnote of a
/// header marked "Tên mô hình (*)"), "(Danh sách gồm …)".
fn is_note(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with('*')
        || t.starts_with("(*")
        || (t.starts_with('(') && t.ends_with(')') && t.len() > 12)
    {
        return true;
    }
    let folded = text::fold(t);
    ["ghi chu", "luu y", "chu y", "chu thich", "nb"]
        .iter()
        .any(|w| folded == *w || starts_with_word(&folded, w))
}

/// Words that open a line of a closing block.
const CLOSING_OPENINGS: [&str; 15] = [
    "noi nhan",
    "t m",
    "tm",
    "k t",
    "kt",
    "thay mat",
    "nguoi lap",
    "nguoi lap bieu",
    "xac nhan",
    "ky ten",
    "ky va ghi ro",
    "ky ghi ro",
    "ky dong dau",
    "bi thu",
    "pho bi thu",
];

/// The longest closing line, in words: a signature title or a recipient, never a paragraph.
const MAX_CLOSING_WORDS: usize = 12;

/// A line of a closing block: a date line (written or left to fill in), or a short line
/// opening with a closing's words ("Nơi nhận:", "T/M CHI BỘ", "BÍ THƯ", "Người lập biểu",
/// "(Ký, ghi rõ họ tên)", "Xác nhận của …"). A signature title is a few words: "Bí thư chi bộ
/// gương mẫu đi đầu" is a model's name.
fn is_closing_line(text: &str) -> bool {
    if values::find_date_line(text).is_some() {
        return true;
    }
    let folded = text::fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    if words.len() > MAX_CLOSING_WORDS {
        return false;
    }
    if ["ngay", "thang", "nam"].iter().all(|w| words.contains(w)) {
        return true;
    }
    if text.trim_start().starts_with('(') && folded.starts_with("ky") {
        return true;
    }
    let title = |o: &str| o.ends_with("bi thu");
    CLOSING_OPENINGS
        .iter()
        .any(|o| (folded == *o || starts_with_word(&folded, o)) && (!title(o) || words.len() <= 4))
}

/// True for a row like "(1) (2) (3) (4)" or "1 2 3 4" that numbers the columns under a header.
fn is_column_number_row(cells: &Cells) -> bool {
    let numbers: Vec<Option<u32>> = cells
        .distinct
        .iter()
        .map(|(_, cell)| match cell {
            CellValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 100.0 => Some(*n as u32),
            CellValue::Text(s) => s
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse()
                .ok(),
            _ => None,
        })
        .collect();
    numbers.len() >= 3
        && numbers.iter().all(Option::is_some)
        && numbers.windows(2).all(|w| w[0] < w[1])
}

#[cfg(test)]
mod tests;
