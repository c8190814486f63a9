//! Recognizing which form a sheet holds, where its header is, which column is which field, and
//! what the title area and the closing lines say (the cell, the year, the date line).
//!
//! Header texts are compared after [`text::fold_compact`], so capitals, diacritics, punctuation,
//! line breaks and spacing do not matter. A sheet whose header matches no form is not guessed at.

use crate::recognize::body::{self, Context, Structure};
use crate::recognize::values::{self, DateLine, Kind};
use crate::sheet::{CellValue, Sheet};
use crate::text;

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnRole {
    /// STT, the row number.
    Seq,
    /// Chi bộ / đơn vị.
    Unit,
    /// Loại: tập thể or cá nhân.
    Kind,
    /// A column «Tập thể» marked ("x") on the rows of collective models.
    CollectiveMark,
    /// A column «Cá nhân» marked ("x") on the rows of individual exemplars.
    IndividualMark,
    /// Tên mô hình, điển hình.
    ModelName,
    /// «Tên điển hình (cá nhân)» beside «Tên mô hình (tập thể)»: a form with a name column
    /// per kind, where the column a row fills tells its kind (then [`ColumnRole::ModelName`]
    /// is the collective models' column).
    IndividualName,
    /// Họ và tên, or the name of the collective.
    Person,
    /// Chức vụ.
    Position,
    /// Lĩnh vực.
    Field,
    /// Nội dung, giải pháp.
    Content,
    /// Mục tiêu.
    Goal,
    /// Thời gian thực hiện.
    Period,
    /// Ngày đăng ký.
    RegistrationDate,
    /// Ghi chú.
    Note,
    /// Năm.
    Year,
    /// Kết quả đạt được.
    Result,
    /// Tự đánh giá, xếp loại.
    SelfRating,
    /// Số phiếu tán thành.
    VotesFor,
    /// Tổng số phiếu.
    VotesTotal,
    /// Kết quả biểu quyết, written "15/20" or "75%".
    VoteResult,
    /// Sức lan tỏa.
    Spread,
    /// Đề nghị công nhận.
    Proposed,
    /// Ngày báo cáo.
    ReportDate,
    /// Công nhận (the committee's decision).
    Recognized,
    /// Khen thưởng.
    Commendation,
    /// Bí thư chi bộ.
    Secretary,
    /// Điện thoại.
    Phone,
}

impl ColumnRole {
    /// The usual Vietnamese header, used in messages when the column is absent.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::forms::ColumnRole;
    ///
    /// assert_eq!(ColumnRole::ModelName.label(), "Tên mô hình, điển hình");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Seq => "STT",
            ColumnRole::Unit => "Chi bộ",
            ColumnRole::Kind => "Loại (Tập thể/Cá nhân)",
            ColumnRole::CollectiveMark => "Tập thể",
            ColumnRole::IndividualMark => "Cá nhân",
            ColumnRole::ModelName => "Tên mô hình, điển hình",
            ColumnRole::IndividualName => "Tên điển hình (cá nhân)",
            ColumnRole::Person => "Họ và tên / Tên tập thể",
            ColumnRole::Position => "Chức vụ",
            ColumnRole::Field => "Lĩnh vực",
            ColumnRole::Content => "Nội dung, giải pháp",
            ColumnRole::Goal => "Mục tiêu",
            ColumnRole::Period => "Thời gian thực hiện",
            ColumnRole::RegistrationDate => "Ngày đăng ký",
            ColumnRole::Note => "Ghi chú",
            ColumnRole::Year => "Năm",
            ColumnRole::Result => "Kết quả đạt được",
            ColumnRole::SelfRating => "Tự đánh giá (xếp loại)",
            ColumnRole::VotesFor => "Số phiếu tán thành",
            ColumnRole::VotesTotal => "Tổng số phiếu",
            ColumnRole::VoteResult => "Kết quả biểu quyết",
            ColumnRole::Spread => "Sức lan tỏa",
            ColumnRole::Proposed => "Đề nghị công nhận",
            ColumnRole::ReportDate => "Ngày báo cáo",
            ColumnRole::Recognized => "Công nhận",
            ColumnRole::Commendation => "Khen thưởng",
            ColumnRole::Secretary => "Bí thư chi bộ",
            ColumnRole::Phone => "Điện thoại",
        }
    }
}

/// Header synonyms per field, folded and without spaces. A header matches a synonym when it
/// starts with it; a synonym ending in `$` must match the whole header (short words such as
/// "nam" would otherwise catch "năm sinh"). The longest match wins, so "Kết quả biểu quyết"
/// is a vote result and not a result.
const SYNONYMS: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Seq,
        &["stt$", "tt$", "sott$", "sothutu$", "thutu$"],
    ),
    (
        ColumnRole::Unit,
        &[
            "chibo",
            "tenchibo",
            "donvi$",
            "tendonvi",
            "chibodonvi",
            "chiuy",
            "cosodang",
            "tenchibotructhuoc",
            "tochucdang",
            "tentochucdang",
            "tochuccosodang",
            "tentochuccosodang",
            "tentcsd",
        ],
    ),
    (
        ColumnRole::Kind,
        &[
            "loai",
            "tapthecanhan",
            "tapthehaycanhan",
            "doituongdangky",
            "mohinhhaydienhinh",
            "loaihinh",
            "hinhthuc$",
            "mohinhdienhinh$",
            "mohinhhoacdienhinh",
        ],
    ),
    (ColumnRole::CollectiveMark, &["tapthe$"]),
    (ColumnRole::IndividualMark, &["canhan$"]),
    (
        ColumnRole::ModelName,
        &[
            "tenmohinh",
            "tendienhinh",
            "mohinh",
            "dienhinh",
            "tenmh",
            "tenmohinhdienhinh",
            "mohinhdienhinhdangky",
            "noidungdangky",
        ],
    ),
    (
        ColumnRole::Person,
        &[
            "hovaten",
            "hoten",
            "tentapthe",
            "nguoithuchien",
            "nguoitapthethuchien",
            "tapthecanhanthuchien",
            "tencanhan",
            "canhantapthe",
            "nguoidangky",
            "tapthecanhandangky",
            "tentapthecanhan",
        ],
    ),
    (ColumnRole::Position, &["chucvu", "chucdanh"]),
    (ColumnRole::Field, &["linhvuc"]),
    (
        ColumnRole::Content,
        &["noidung", "giaiphap", "cachlam", "bienphap"],
    ),
    (ColumnRole::Goal, &["muctieu"]),
    (
        ColumnRole::Period,
        &["thoigianthuchien", "thoigian$", "thoihan"],
    ),
    (
        ColumnRole::RegistrationDate,
        &[
            "ngaydangky",
            "ngaydk",
            "thoigiandangky",
            "ngay$",
            "ngaythangnam$",
        ],
    ),
    (ColumnRole::Note, &["ghichu"]),
    (
        ColumnRole::Year,
        &["nam$", "namdangky", "namthuchien", "namthidua"],
    ),
    (
        ColumnRole::Result,
        &["ketqua", "ketquadatduoc", "ketquathuchien"],
    ),
    (
        ColumnRole::SelfRating,
        &[
            "tudanhgia",
            "xeploai",
            "tuxeploai",
            "mucdodat",
            "danhgia",
            "mucxeploai",
        ],
    ),
    (
        ColumnRole::VotesFor,
        &[
            "sophieutanthanh",
            "tanthanh",
            "phieutanthanh",
            "sophieudongy",
            "dongy",
        ],
    ),
    (
        ColumnRole::VotesTotal,
        &["tongsophieu", "tongso$", "tongsonguoi", "songuoibieuquyet"],
    ),
    (
        ColumnRole::VoteResult,
        &[
            "ketquabieuquyet",
            "bieuquyet",
            "tyletanthanh",
            "tiletanthanh",
        ],
    ),
    (ColumnRole::Spread, &["suclantoa", "lantoa", "nhanrong"]),
    (ColumnRole::Proposed, &["denghicongnhan", "denghi"]),
    (
        ColumnRole::ReportDate,
        &["ngaybaocao", "ngaygui", "ngaynop", "ngaytudanhgia"],
    ),
    (
        ColumnRole::Recognized,
        &[
            "congnhan",
            "quyetdinhcongnhan",
            "ketquacongnhan",
            "duoccongnhan",
            "ketquabinhxet",
        ],
    ),
    (
        ColumnRole::Commendation,
        &["khenthuong", "hinhthuckhenthuong", "bieuduong"],
    ),
    (ColumnRole::Secretary, &["bithu", "hotenbithu"]),
    (
        ColumnRole::Phone,
        &["dienthoai", "sodienthoai", "sdt$", "dt$"],
    ),
];

/// Which field a header text names, if any.
///
/// # Example
///
/// ```
/// use dvk::recognize::forms::{match_header, ColumnRole};
///
/// assert_eq!(match_header("TÊN MÔ HÌNH,\nĐIỂN HÌNH"), Some(ColumnRole::ModelName));
/// assert_eq!(match_header("ngay dang ky"), Some(ColumnRole::RegistrationDate));
/// assert_eq!(match_header("Kết quả biểu quyết"), Some(ColumnRole::VoteResult));
/// assert_eq!(match_header("Năm sinh"), None);
/// ```
pub fn match_header(header: &str) -> Option<ColumnRole> {
    // A header is a few words: a long text (a title, a paragraph) is not worth folding. The
    // white space around does not count, so it never decides.
    if header.trim().len() > MAX_HEADER_BYTES {
        return None;
    }
    let key = text::fold_compact(header);
    let &first = key.as_bytes().first()?;
    let mut best: Option<(usize, ColumnRole)> = None;
    for &(field, synonym) in &SYNONYMS_BY_FIRST_BYTE[usize::from(first)] {
        let score = match synonym.strip_suffix('$') {
            Some(exact) if key == exact => exact.len(),
            Some(_) => continue,
            None if key.starts_with(synonym) => synonym.len(),
            None => continue,
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, field));
        }
    }
    best.map(|(_, field)| field)
}

/// [`SYNONYMS`] by their first byte, in their order: a header is compared only with the
/// synonyms that can match it.
static SYNONYMS_BY_FIRST_BYTE: std::sync::LazyLock<Vec<Vec<(ColumnRole, &str)>>> =
    std::sync::LazyLock::new(|| {
        let mut index = vec![Vec::new(); 256];
        for &(field, synonyms) in SYNONYMS {
            for synonym in synonyms.iter().copied() {
                if let Some(&first) = synonym.as_bytes().first() {
                    index[usize::from(first)].push((field, synonym));
                }
            }
        }
        index
    });

/// The longest text looked at as a header, in bytes.
const MAX_HEADER_BYTES: usize = 240;

/// The kind of form a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// Đăng ký: collective, individual, or a mixed list with a kind column.
    Registration,
    /// Tự đánh giá: a self-assessment of registered models.
    SelfAssessment,
    /// Danh sách chi bộ: the committee's list of cells.
    Roster,
    /// Quyết định công nhận: the committee's decision on each model (a «Công nhận» column
    /// without the rest of a self-assessment).
    Decision,
}

impl FormKind {
    /// The Vietnamese name shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            FormKind::Registration => "đăng ký",
            FormKind::SelfAssessment => "tự đánh giá",
            FormKind::Roster => "danh sách chi bộ",
            FormKind::Decision => "quyết định công nhận",
        }
    }
}

/// A recognized column: its field, its 0-based index and its header as the form writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// What the column holds.
    pub field: ColumnRole,
    /// 0-based column index.
    pub index: usize,
    /// The header text (sub-header under a group, when the header has two rows).
    pub header: String,
}

/// A recognized form: where its header and data rows are, and the context of its title area.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Which form.
    pub kind: FormKind,
    /// For a registration without a kind column: the kind the title or header implies (M1, M2).
    pub fixed_kind: Option<Kind>,
    /// The recognized columns, left to right.
    pub columns: Vec<Column>,
    /// 0-based index of the last header row.
    pub header_last_row: usize,
    /// 0-based indexes of the data rows.
    pub data_rows: Vec<usize>,
    /// The role of every other non-blank row.
    pub structure: Structure,
    /// What the sections say about the rows under them: from each row on, the context.
    pub contexts: Vec<(usize, Context)>,
    /// The cell's name from the title area ("CHI BỘ VĂN PHÒNG"), as written.
    pub title_cell: Option<String>,
    /// The year from the title ("… NĂM 2024").
    pub title_year: Option<i32>,
    /// The texts of the title area (the rows above the header), top to bottom, each once.
    pub title_lines: Vec<String>,
    /// The date line ("Đồng Hới, ngày 12 tháng 10 năm 2018"), above or below the table.
    pub date_line: Option<DateLine>,
    /// Dates written over three columns, «Ngày | Tháng | Năm» under one heading.
    pub date_parts: Vec<DateParts>,
}

/// A date written over three columns, «Ngày | Tháng | Năm», under one heading («Thời gian
/// đăng ký», «Ngày báo cáo»): the form's column of that field is the day's, and these are
/// the other two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    /// The date's field (the day's column is [`Form::column`] of it).
    pub field: ColumnRole,
    /// 0-based column of the month.
    pub month: usize,
    /// 0-based column of the year.
    pub year: usize,
}

impl Form {
    /// The column holding a field, if the form has one.
    pub fn column(&self, field: ColumnRole) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == field)
    }

    /// The month's and year's columns of a date `field` written over three columns.
    pub fn date_parts(&self, field: ColumnRole) -> Option<&DateParts> {
        self.date_parts.iter().find(|p| p.field == field)
    }

    /// What the sections above a row say about it (kind, unit, field), if any section does.
    pub fn context(&self, row: usize) -> Option<&Context> {
        let at = self.contexts.partition_point(|(from, _)| *from <= row);
        at.checked_sub(1).map(|i| &self.contexts[i].1)
    }
}

/// How many rows from the top the header is looked for in.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// Recognizes the form of a sheet, or `None` when its layout is unknown.
///
/// # Example
///
/// ```
/// use dvk::recognize::forms::{recognize, ColumnRole, FormKind};
/// use dvk::sheet::{CellValue, Sheet};
///
/// let t = |s: &str| CellValue::Text(s.to_string());
/// let sheet = Sheet::from_rows("DS", vec![
///     vec![t("CHI BỘ VĂN PHÒNG")],
///     vec![t("DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2024")],
///     vec![t("STT"), t("Loại"), t("Tên mô hình, điển hình"), t("Ngày đăng ký")],
///     vec![CellValue::Number(1.0), t("Tập thể"), t("Một cửa đúng hẹn"), t("05/02/2024")],
/// ]);
/// let form = recognize(&sheet).unwrap();
/// assert_eq!(form.kind, FormKind::Registration);
/// assert_eq!(form.column(ColumnRole::ModelName).unwrap().index, 2);
/// assert_eq!(form.title_year, Some(2024));
/// assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ VĂN PHÒNG"));
/// assert_eq!(form.data_rows, vec![3]);
/// ```
pub fn recognize(sheet: &Sheet) -> Option<Form> {
    let mut header = find_header(sheet)?;
    kind_by_values(sheet, &mut header);
    let date_parts = split_dates(sheet, &mut header);
    split_names(sheet, &mut header);
    let fields: Vec<ColumnRole> = header.columns.iter().map(|c| c.field).collect();
    let title = title_texts(sheet, header.first_row);
    let folded_title = text::fold(&title.join(" "));
    let kind = form_kind(&fields, &folded_title)?;
    let fixed_kind = match kind {
        FormKind::Registration if !fields.contains(&ColumnRole::Kind) => {
            implied_kind(&folded_title, &header.columns)
        }
        _ => None,
    };
    let index = |field: ColumnRole| {
        header
            .columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.index)
    };
    let layout = body::Columns {
        seq: index(ColumnRole::Seq),
        names: [
            ColumnRole::ModelName,
            ColumnRole::IndividualName,
            ColumnRole::Person,
            ColumnRole::Unit,
        ]
        .into_iter()
        .filter_map(index)
        .collect(),
        read: header.columns.iter().map(|c| c.index).collect(),
        unit: index(ColumnRole::Unit).is_some(),
        roster: kind == FormKind::Roster,
    };
    let split = body::split(sheet, header.first_row, header.last_row, &layout);
    let date_line = title
        .iter()
        .map(String::as_str)
        .chain(
            split
                .structure
                .closing
                .iter()
                .flat_map(|&r| row_texts(sheet, r)),
        )
        .find_map(values::find_date_line);
    Some(Form {
        kind,
        fixed_kind,
        title_cell: title.iter().find_map(|t| cell_in_title(t)),
        title_year: title.iter().find_map(|t| values::find_title_year(t)),
        date_line,
        columns: header.columns,
        header_last_row: header.last_row,
        data_rows: split.data,
        structure: split.structure,
        contexts: split.contexts,
        title_lines: title,
        date_parts,
    })
}

/// A name column per kind, «Tên mô hình (tập thể)» | «Tên điển hình (cá nhân)»: two header
/// cells naming a model's name, one a collective model's only and the other an individual
/// exemplar's only. The header keeps one column a role, so the second was passed over; a
/// clerk reads the two as one name whose column tells the kind: the collective one stays
/// [`ColumnRole::ModelName`], the other becomes [`ColumnRole::IndividualName`].
fn split_names(sheet: &Sheet, header: &mut Header) {
    let kind_of = |text: &str| values::kind_in_words(&text::fold(text));
    let Some(named) = header
        .columns
        .iter()
        .position(|c| c.field == ColumnRole::ModelName)
    else {
        return;
    };
    let Some(named_kind) = kind_of(&header.columns[named].header) else {
        return;
    };
    let width = sheet
        .rows
        .get(header.last_row)
        .map_or(0, Vec::len)
        .min(MAX_HEADER_COLUMNS);
    // The other column: its header (in any of the header's rows, bottom first) names a
    // model's name of the other kind, and no role was given to it.
    let other = (0..width)
        .filter(|&col| header.columns.iter().all(|c| c.index != col))
        .find_map(|col| {
            (header.first_row..=header.last_row).rev().find_map(|row| {
                let text = cell_text(sheet.get(row, col))?;
                (match_header(text) == Some(ColumnRole::ModelName)
                    && kind_of(text).is_some_and(|k| k != named_kind))
                .then(|| (col, text.to_string()))
            })
        });
    let Some((index, text)) = other else { return };
    // The collective models' column keeps ModelName; the exemplars' is IndividualName.
    let (index, text) = if named_kind == Kind::Collective {
        (index, text)
    } else {
        let column = &mut header.columns[named];
        let moved = (column.index, std::mem::replace(&mut column.header, text));
        column.index = index;
        moved
    };
    header.columns.push(Column {
        field: ColumnRole::IndividualName,
        index,
        header: text,
    });
    header.columns.sort_by_key(|c| c.index);
}

/// The dates a form writes over three columns: «Ngày», «Tháng», «Năm» side by side in the
/// header's last row, under a heading naming the date («Thời gian đăng ký», «Ngày báo cáo»)
/// or heading the day's column as a date. A clerk reads the three as one date: the day's
/// column becomes the date's, headed by the heading above it, and «Năm» is the date's year,
/// not the year of the cycle (a registration for 2025 may be dated December 2024).
fn split_dates(sheet: &Sheet, header: &mut Header) -> Vec<DateParts> {
    const DATES: [ColumnRole; 2] = [ColumnRole::RegistrationDate, ColumnRole::ReportDate];
    let width = sheet
        .rows
        .get(header.last_row)
        .map_or(0, Vec::len)
        .min(MAX_HEADER_COLUMNS);
    // Each cell of the header's last row folded once.
    let parts: Vec<Option<String>> = (0..width)
        .map(|col| cell_text(sheet.get(header.last_row, col)).map(|t| text::fold_compact(t.trim())))
        .collect();
    let mut found = Vec::new();
    for day in 0..width.saturating_sub(2) {
        let three = parts[day..day + 3].iter().map(Option::as_deref);
        if !three.eq([Some("ngay"), Some("thang"), Some("nam")]) {
            continue;
        }
        // The heading above the three (a merged cell, so the same text over each), else the
        // day's own column.
        let above = (header.first_row < header.last_row)
            .then(|| cell_text(sheet.get(header.last_row - 1, day)))
            .flatten()
            .filter(|_| is_group_header(sheet, header.last_row - 1, day));
        let field = above
            .and_then(match_header)
            .filter(|f| DATES.contains(f))
            .or_else(|| {
                header
                    .columns
                    .iter()
                    .find(|c| c.index == day && DATES.contains(&c.field))
                    .map(|c| c.field)
            });
        let Some(field) = field else { continue };
        if found.iter().any(|p: &DateParts| p.field == field) {
            continue;
        }
        header.columns.retain(|c| {
            c.index != day + 1 && c.index != day + 2 && (c.field != field || c.index == day)
        });
        let heading = above.unwrap_or(field.label()).trim().to_string();
        match header.columns.iter_mut().find(|c| c.index == day) {
            Some(column) => {
                column.field = field;
                column.header = heading;
            }
            None => {
                header.columns.push(Column {
                    field,
                    index: day,
                    header: heading,
                });
                header.columns.sort_by_key(|c| c.index);
            }
        }
        found.push(DateParts {
            field,
            month: day + 1,
            year: day + 2,
        });
    }
    found
}

struct Header {
    first_row: usize,
    last_row: usize,
    columns: Vec<Column>,
}

/// A header being tried: its columns borrow their texts from the sheet, and only the one
/// kept is copied out.
struct Candidate<'a> {
    first_row: usize,
    last_row: usize,
    columns: Vec<(ColumnRole, usize, &'a str)>,
    /// Columns whose header came from the row below, under a group header spanning them.
    grouped: usize,
}

impl Candidate<'_> {
    fn has(&self, field: ColumnRole) -> bool {
        self.columns.iter().any(|&(f, _, _)| f == field)
    }

    /// A header needs a column that says whose row it is, and at least one more field.
    fn is_plausible(&self) -> bool {
        let key = self.has(ColumnRole::ModelName)
            || self.has(ColumnRole::Person)
            || self.has(ColumnRole::Unit);
        key && self.columns.len() >= 2
    }

    fn into_header(self) -> Header {
        Header {
            first_row: self.first_row,
            last_row: self.last_row,
            columns: self
                .columns
                .into_iter()
                .map(|(field, index, header)| Column {
                    field,
                    index,
                    header: header.to_string(),
                })
                .collect(),
        }
    }
}

/// Tries every row of the top of the sheet as a header, alone and with the row below it as
/// sub-headers, and keeps the one that names the most fields.
fn find_header(sheet: &Sheet) -> Option<Header> {
    let last = sheet.rows.len().min(HEADER_SEARCH_ROWS);
    let table = field_table(sheet, last + 1);
    // Each row alone, once: a row is tried alone, and as the row below the one above it.
    let mut singles = (0..=last)
        .map(|row| header_at(sheet, &table, row, None))
        .peekable();
    let mut best: Option<Candidate> = None;
    for row in 0..last {
        let Some(single) = singles.next() else { break };
        let below = singles.peek().map_or(0, |c| c.columns.len());
        let double = header_at(sheet, &table, row, Some(row + 1));
        // Two rows are one header only when together they name more fields than either
        // alone: a title row above a one-row header adds nothing and must stay a title. And
        // the second row must name a column under a group header of the first: a first data
        // row with a stray "Ghi chú" or "Họ và tên" beside the table names columns under
        // nothing, and stays data.
        let candidate =
            if double.grouped > 0 && double.columns.len() > single.columns.len().max(below) {
                double
            } else {
                single
            };
        if candidate.is_plausible()
            && best
                .as_ref()
                .is_none_or(|b| candidate.columns.len() > b.columns.len())
        {
            best = Some(candidate);
        }
    }
    // A header read from its second row alone still has its first: the group headers above
    // it (vertical merges repeat the other columns' texts) are the header too, not the title.
    let best = best.map(|best| match best.first_row.checked_sub(1) {
        Some(above) if best.first_row == best.last_row => {
            let double = header_at(sheet, &table, above, Some(best.first_row));
            // The row above names a column itself (a vertically merged «STT»): a title merged
            // across the table names none.
            let names_one = table
                .get(above)
                .is_some_and(|row| row.iter().any(Option::is_some));
            if names_one && double.grouped > 0 && double.columns.len() >= best.columns.len() {
                double
            } else {
                best
            }
        }
        _ => best,
    });
    best.map(Candidate::into_header)
}

/// Rows under the header whose values are looked at to tell what a column holds.
const SAMPLE_ROWS: usize = 40;

/// The kind column told by its values, as a clerk tells it: a column whose values are all
/// "Tập thể"/"Cá nhân" (or "TT"/"CN", "Mô hình"/"Điển hình") is the kind, whatever its header
/// («Đối tượng», «Phân loại»); a column headed like a kind («Mô hình/Điển hình») whose values
/// are names is the model's name.
fn kind_by_values(sheet: &Sheet, header: &mut Header) {
    let rows = header.last_row + 1..(header.last_row + 1 + SAMPLE_ROWS).min(sheet.rows.len());
    // (non-blank values, kind values) of a column.
    let tally = |col: usize| {
        rows.clone()
            .filter_map(|r| cell_text(sheet.get(r, col)))
            .fold((0usize, 0usize), |(n, k), t| {
                (n + 1, k + usize::from(values::parse_kind(t).is_some()))
            })
    };
    let has = |header: &Header, f: ColumnRole| header.columns.iter().any(|c| c.field == f);
    if let Some(i) = header
        .columns
        .iter()
        .position(|c| c.field == ColumnRole::Kind)
    {
        let (n, kinds) = tally(header.columns[i].index);
        if n >= 2 && kinds * 2 < n && !has(header, ColumnRole::ModelName) {
            header.columns[i].field = ColumnRole::ModelName;
        }
        return;
    }
    if has(header, ColumnRole::CollectiveMark) || has(header, ColumnRole::IndividualMark) {
        return;
    }
    let keys = [
        ColumnRole::Seq,
        ColumnRole::Unit,
        ColumnRole::ModelName,
        ColumnRole::Person,
    ];
    let width = sheet
        .rows
        .get(header.last_row)
        .map_or(0, Vec::len)
        .min(MAX_HEADER_COLUMNS);
    for col in 0..width {
        let column = header.columns.iter().position(|c| c.index == col);
        if column.is_some_and(|i| keys.contains(&header.columns[i].field)) {
            continue;
        }
        let (n, kinds) = tally(col);
        if n < 2 || kinds < n {
            continue;
        }
        match column {
            Some(i) => header.columns[i].field = ColumnRole::Kind,
            None => {
                let text = (header.first_row..=header.last_row)
                    .rev()
                    .find_map(|r| cell_text(sheet.get(r, col)))
                    .unwrap_or(ColumnRole::Kind.label());
                header.columns.push(Column {
                    field: ColumnRole::Kind,
                    index: col,
                    header: text.to_string(),
                });
                header.columns.sort_by_key(|c| c.index);
            }
        }
        return;
    }
}

/// The widest header looked at: forms have a dozen columns, and matching every cell of a
/// 10,000-column row thirty times over would only cost time.
const MAX_HEADER_COLUMNS: usize = 256;

/// The field each cell of the top rows names, matched once per cell.
fn field_table(sheet: &Sheet, rows: usize) -> Vec<Vec<Option<ColumnRole>>> {
    sheet
        .rows
        .iter()
        .take(rows)
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .take(MAX_HEADER_COLUMNS)
                .enumerate()
                .map(|(c, cell)| {
                    let role = cell_text(cell).and_then(remembered_header)?;
                    Some(match role {
                        ColumnRole::Kind if names_both_kinds(cell) => kind_or_name(sheet, r, c),
                        role => role,
                    })
                })
                .collect()
        })
        .collect()
}

/// A header naming both kinds, «Mô hình/Điển hình»: it heads the kind or the model's name.
fn names_both_kinds(cell: &CellValue) -> bool {
    cell_text(cell).is_some_and(|t| {
        let key = text::fold_compact(t);
        key.starts_with("mohinh") && key.ends_with("dienhinh") && key.len() <= 20
    })
}

/// What a column headed «Mô hình/Điển hình» at `row` holds, told by its values below: the
/// kind when they are all kinds ("Mô hình", "Điển hình", "TT"), else the model's name.
fn kind_or_name(sheet: &Sheet, row: usize, col: usize) -> ColumnRole {
    let mut values = (row + 1..(row + 1 + SAMPLE_ROWS).min(sheet.rows.len()))
        .filter_map(|r| cell_text(sheet.get(r, col)))
        // The sub-header of a two-row header, or the column numbers, are not values.
        .filter(|t| match_header(t).is_none() && t.chars().any(char::is_alphabetic))
        .peekable();
    if values.peek().is_none() {
        return ColumnRole::Kind;
    }
    if values.all(|t| values::parse_kind(t).is_some()) {
        ColumnRole::Kind
    } else {
        ColumnRole::ModelName
    }
}

/// [`match_header`], remembered per thread: the same headers, titles, kinds and fields come
/// back in every file of a committee, and matching one folds it first.
fn remembered_header(text: &str) -> Option<ColumnRole> {
    thread_local! {
        static SEEN: std::cell::RefCell<text::Memo<Option<ColumnRole>>> = std::cell::RefCell::default();
    }
    text::remembered(&SEEN, text, usize::MAX, match_header)
}

fn header_at<'a>(
    sheet: &'a Sheet,
    table: &[Vec<Option<ColumnRole>>],
    top: usize,
    sub: Option<usize>,
) -> Candidate<'a> {
    let mut columns: Vec<(ColumnRole, usize, &str)> = Vec::new();
    let mut grouped = 0;
    let field = |row: usize, col: usize| table.get(row).and_then(|r| r.get(col)).copied().flatten();
    let width = table
        .get(top)
        .map_or(0, Vec::len)
        .max(sub.map_or(0, |s| table.get(s).map_or(0, Vec::len)));
    for index in 0..width {
        let above = cell_text(sheet.get(top, index));
        // A sub-header sits under a group header (a merged cell, filled across its columns)
        // or under nothing; under an ordinary header it is a data row and is not read.
        let under_group = above.is_none_or(|_| is_group_header(sheet, top, index));
        let below = sub
            .filter(|_| under_group)
            .and_then(|s| Some((field(s, index)?, cell_text(sheet.get(s, index))?)));
        let from_below = below.is_some() && above.is_some();
        let matched = below.or_else(|| Some((field(top, index)?, above?)));
        if let Some((field, header)) = matched {
            if columns.iter().all(|&(f, _, _)| f != field) {
                columns.push((field, index, header));
                grouped += usize::from(from_below);
            }
        }
    }
    Candidate {
        first_row: top,
        last_row: sub.unwrap_or(top),
        columns,
        grouped,
    }
}

/// True when a header cell spans several columns: the merged region was filled, so its
/// neighbour holds the same text.
fn is_group_header(sheet: &Sheet, row: usize, col: usize) -> bool {
    let here = sheet.get(row, col);
    let same = |c: usize| sheet.get(row, c) == here;
    (col > 0 && same(col - 1)) || same(col + 1)
}

fn cell_text(cell: &CellValue) -> Option<&str> {
    match cell {
        CellValue::Text(s) if !s.trim().is_empty() => Some(s.as_str()),
        _ => None,
    }
}

fn row_texts(sheet: &Sheet, row: usize) -> impl Iterator<Item = &str> {
    sheet
        .rows
        .get(row)
        .into_iter()
        .flatten()
        .filter_map(cell_text)
}

/// The distinct texts above the header, top to bottom (merged titles appear once).
fn title_texts(sheet: &Sheet, header_row: usize) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for row in 0..header_row {
        for t in row_texts(sheet, row) {
            if !texts.iter().any(|seen| seen == t) {
                texts.push(t.to_string());
            }
        }
    }
    texts
}

/// Self-assessment columns: a form with two of them reports results rather than registering.
const ASSESSMENT_FIELDS: [ColumnRole; 9] = [
    ColumnRole::Result,
    ColumnRole::SelfRating,
    ColumnRole::VotesFor,
    ColumnRole::VotesTotal,
    ColumnRole::VoteResult,
    ColumnRole::Spread,
    ColumnRole::Proposed,
    ColumnRole::ReportDate,
    ColumnRole::Recognized,
];

fn form_kind(fields: &[ColumnRole], folded_title: &str) -> Option<FormKind> {
    let has = |f: ColumnRole| fields.contains(&f);
    let assessment = fields
        .iter()
        .filter(|f| ASSESSMENT_FIELDS.contains(f))
        .count();
    let titled_assessment =
        folded_title.contains("tu danh gia") || folded_title.contains("bao cao ket qua");
    let names_models = has(ColumnRole::ModelName) || has(ColumnRole::Person);
    // The committee's sheet of bình xét decides, whatever of the units' assessments it repeats.
    let titled_decision = folded_title.contains("binh xet");
    if names_models && has(ColumnRole::Recognized) && (assessment == 1 || titled_decision) {
        Some(FormKind::Decision)
    } else if names_models && (assessment >= 2 || (titled_assessment && assessment >= 1)) {
        Some(FormKind::SelfAssessment)
    } else if names_models {
        Some(FormKind::Registration)
    } else if has(ColumnRole::Unit)
        && (has(ColumnRole::Secretary) || has(ColumnRole::Phone) || has(ColumnRole::Seq))
    {
        Some(FormKind::Roster)
    } else {
        None
    }
}

/// The kind a registration form without a kind column implies: forms M1 (collective models)
/// and M2 (individual exemplars), told by the title, else by the name column's header.
fn implied_kind(folded_title: &str, columns: &[Column]) -> Option<Kind> {
    let words: Vec<&str> = folded_title.split(' ').collect();
    if words.contains(&"m1") {
        return Some(Kind::Collective);
    }
    if words.contains(&"m2") {
        return Some(Kind::Individual);
    }
    let name_header = columns
        .iter()
        .find(|c| c.field == ColumnRole::ModelName)
        .map(|c| text::fold(&c.header))
        .unwrap_or_default();
    // A name column per kind: each row's kind is the column it fills.
    if columns
        .iter()
        .any(|c| c.field == ColumnRole::IndividualName)
    {
        return None;
    }
    let implied = |t: &str| match (t.contains("mo hinh"), t.contains("dien hinh")) {
        (true, false) => Some(Kind::Collective),
        (false, true) => Some(Kind::Individual),
        _ => None,
    };
    implied(folded_title).or_else(|| implied(&name_header))
}

/// The cell's name in a title line: "CHI BỘ VĂN PHÒNG", "Chi bộ: Thanh tra", "Tên chi bộ: …".
fn cell_in_title(line: &str) -> Option<String> {
    let folded = text::fold(line);
    let named = folded.starts_with("chi bo ") || folded.starts_with("ten chi bo ");
    let generic = ["truc thuoc", "co so", "cac chi bo"]
        .iter()
        .any(|w| folded.contains(w));
    if !named || generic || folded.split(' ').count() > 14 {
        return None;
    }
    let name = match line.split_once(':') {
        Some((_, rest)) if text::fold(rest).starts_with("chi bo") => rest.trim(),
        Some((_, rest)) => return Some(format!("Chi bộ {}", rest.trim())),
        None => line.trim(),
    };
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_around_a_long_header_does_not_decide() {
        // Found by the fuzzer: a header just under the length limit matched, and the same
        // header with spaces around it did not.
        let header = format!("lo{}ai", "\u{FFFD}".repeat(78));
        assert!(header.len() <= MAX_HEADER_BYTES);
        assert_eq!(match_header(&header), Some(ColumnRole::Kind));
        assert_eq!(
            match_header(&format!("  {header}\n")),
            Some(ColumnRole::Kind)
        );
    }

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn headers_in_every_spelling_match() {
        let cases = [
            ("STT", ColumnRole::Seq),
            ("Chi bộ", ColumnRole::Unit),
            ("CHI BO", ColumnRole::Unit),
            ("Tên chi bộ", ColumnRole::Unit),
            ("Loại (Tập thể/Cá nhân)", ColumnRole::Kind),
            ("LOAI", ColumnRole::Kind),
            ("Tên mô hình, điển hình", ColumnRole::ModelName),
            ("TEN MO HINH", ColumnRole::ModelName),
            ("Tên điển hình", ColumnRole::ModelName),
            ("Tên tập thể / Họ và tên", ColumnRole::Person),
            ("HO VA TEN\n(hoac ten tap the)", ColumnRole::Person),
            ("Người / tập thể thực hiện", ColumnRole::Person),
            ("Chức vụ", ColumnRole::Position),
            ("Lĩnh vực", ColumnRole::Field),
            ("Nội dung, giải pháp", ColumnRole::Content),
            ("Ngày đăng ký", ColumnRole::RegistrationDate),
            ("NGÀY ĐK", ColumnRole::RegistrationDate),
            ("Thời gian đăng ký", ColumnRole::RegistrationDate),
            ("Thời gian thực hiện", ColumnRole::Period),
            ("Ghi chú", ColumnRole::Note),
            ("Kết quả đạt được", ColumnRole::Result),
            ("Tự đánh giá (xếp loại)", ColumnRole::SelfRating),
            ("Số phiếu tán thành", ColumnRole::VotesFor),
            ("Tổng số phiếu", ColumnRole::VotesTotal),
            ("Kết quả biểu quyết", ColumnRole::VoteResult),
            ("Sức lan tỏa", ColumnRole::Spread),
            ("Đề nghị công nhận", ColumnRole::Proposed),
            ("Ngày báo cáo", ColumnRole::ReportDate),
            ("Bí thư chi bộ", ColumnRole::Secretary),
            ("Số điện thoại", ColumnRole::Phone),
            ("Năm", ColumnRole::Year),
            ("Tập thể", ColumnRole::CollectiveMark),
            ("CÁ NHÂN", ColumnRole::IndividualMark),
            ("Loại hình", ColumnRole::Kind),
            ("Hình thức", ColumnRole::Kind),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
        // Decomposed Unicode (NFD) headers match too.
        let nfd = "Te\u{302}n mo\u{302} hi\u{300}nh";
        assert_eq!(match_header(nfd), Some(ColumnRole::ModelName));
        for other in [
            "Năm sinh",
            "Email",
            "",
            "Ngày sinh",
            "12/10/2018",
            "Số lượng",
        ] {
            assert_eq!(match_header(other), None, "{other}");
        }
    }

    #[test]
    fn two_row_header_uses_the_sub_headers() {
        let group = t("Mô hình, điển hình đăng ký");
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![t("CHI BỘ THANH TRA")],
                vec![
                    t("STT"),
                    t("Loại"),
                    group.clone(),
                    group.clone(),
                    group,
                    t("Ngày đăng ký"),
                ],
                vec![
                    t("STT"),
                    t("Loại"),
                    t("Tên mô hình"),
                    t("Người / tập thể thực hiện"),
                    t("Lĩnh vực"),
                    t("Ngày đăng ký"),
                ],
                vec![
                    CellValue::Number(1.0),
                    t("TT"),
                    t("Tiếp dân"),
                    t("Phòng"),
                    t("Kinh tế"),
                ],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(form.header_last_row, 2);
        assert_eq!(form.column(ColumnRole::ModelName).map(|c| c.index), Some(2));
        assert_eq!(form.column(ColumnRole::Person).map(|c| c.index), Some(3));
        assert_eq!(form.column(ColumnRole::Field).map(|c| c.index), Some(4));
        assert_eq!(form.data_rows, vec![3]);
    }

    #[test]
    fn a_stray_text_beside_the_first_data_row_does_not_make_it_a_header() {
        for stray in ["Ghi chú", "STT", "Họ và tên"] {
            let sheet = Sheet::from_rows(
                "DS",
                vec![
                    vec![t("Loại"), t("Tên mô hình"), t("Ngày đăng ký")],
                    vec![
                        t("Tập thể"),
                        t("Một cửa"),
                        t("05/03/2025"),
                        CellValue::Empty,
                        t(stray),
                    ],
                    vec![t("Cá nhân"), t("Tuyên truyền"), t("05/03/2025")],
                ],
            );
            let form = recognize(&sheet).expect("recognized");
            assert_eq!(form.header_last_row, 0, "{stray}");
            assert_eq!(form.data_rows, vec![1, 2], "{stray}");
        }
    }

    #[test]
    fn the_kind_column_is_told_by_its_values() {
        let n = |x: f64| CellValue::Number(x);
        // A kind column under a header dvk does not know.
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![
                    t("STT"),
                    t("Đối tượng"),
                    t("Tên mô hình"),
                    t("Ngày đăng ký"),
                ],
                vec![n(1.0), t("Tập thể"), t("Một cửa"), t("05/03/2025")],
                vec![n(2.0), t("CN"), t("Tuyên truyền"), t("05/03/2025")],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(form.column(ColumnRole::Kind).map(|c| c.index), Some(1));
        assert_eq!(
            form.column(ColumnRole::Kind).map(|c| c.header.as_str()),
            Some("Đối tượng")
        );
        // «Mô hình, điển hình» over the values "Mô hình"/"Điển hình" is the kind; over names,
        // the model's name.
        let kinds = Sheet::from_rows(
            "DS",
            vec![
                vec![
                    t("STT"),
                    t("Mô hình, điển hình"),
                    t("Tên mô hình, điển hình"),
                ],
                vec![n(1.0), t("Mô hình"), t("Một cửa")],
                vec![n(2.0), t("Điển hình"), t("Nguyễn Văn An")],
            ],
        );
        let form = recognize(&kinds).expect("recognized");
        assert_eq!(form.column(ColumnRole::Kind).map(|c| c.index), Some(1));
        let names = Sheet::from_rows(
            "DS",
            vec![
                vec![
                    t("STT"),
                    t("Loại"),
                    t("Mô hình, điển hình"),
                    t("Người thực hiện"),
                ],
                vec![n(1.0), t("TT"), t("Một cửa"), t("Văn phòng")],
                vec![n(2.0), t("CN"), t("Số hóa"), t("Nguyễn Văn An")],
            ],
        );
        let form = recognize(&names).expect("recognized");
        assert_eq!(form.column(ColumnRole::Kind).map(|c| c.index), Some(1));
        assert_eq!(form.column(ColumnRole::ModelName).map(|c| c.index), Some(2));
    }

    #[test]
    fn kind_marked_in_two_columns_under_a_group() {
        let group = t("Loại");
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![t("CHI BỘ THANH TRA")],
                vec![t("ĐĂNG KÝ NĂM 2025")],
                vec![t("STT"), t("Tên mô hình, điển hình"), group.clone(), group],
                vec![
                    t("STT"),
                    t("Tên mô hình, điển hình"),
                    t("Tập thể"),
                    t("Cá nhân"),
                ],
                vec![CellValue::Number(1.0), t("Một cửa"), t("x")],
                vec![
                    CellValue::Number(2.0),
                    t("Tuyên truyền"),
                    CellValue::Empty,
                    t("X"),
                ],
                vec![CellValue::Number(3.0), t("Không rõ loại")],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(
            form.column(ColumnRole::CollectiveMark).map(|c| c.index),
            Some(2)
        );
        let rows = crate::recognize::validate::read_rows(
            "a.xlsx",
            &sheet,
            &form,
            &crate::recognize::values::FieldList::default(),
        );
        let kinds: Vec<Option<Kind>> = rows
            .records
            .iter()
            .map(|r| match r {
                crate::recognize::validate::Record::Registration(r) => Some(r.kind),
                _ => None,
            })
            .collect();
        assert_eq!(kinds, [Some(Kind::Collective), Some(Kind::Individual)]);
        assert_eq!(rows.rows, 3);
        assert_eq!(rows.findings.len(), 1, "{:?}", rows.findings);
    }

    #[test]
    fn the_group_row_over_a_complete_second_row_is_part_of_the_header() {
        let group = t("Mô hình, điển hình đăng ký");
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![t("CHI BỘ THANH TRA")],
                vec![
                    t("STT"),
                    group.clone(),
                    group.clone(),
                    group,
                    t("Lĩnh vực"),
                    t("Ngày đăng ký"),
                ],
                vec![
                    t("STT"),
                    t("Tên mô hình, điển hình"),
                    t("Người/tập thể thực hiện"),
                    t("Chức vụ"),
                    t("Lĩnh vực"),
                    t("Ngày đăng ký"),
                ],
                vec![
                    CellValue::Number(1.0),
                    t("Tiếp dân"),
                    t("Phòng"),
                    t("Trưởng phòng"),
                ],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(form.structure.header, vec![1, 2]);
        assert_eq!(form.structure.title, vec![0]);
        assert_eq!(form.data_rows, vec![3]);
    }

    #[test]
    fn a_data_row_under_a_plain_header_is_never_a_sub_header() {
        // The first model's texts look like headers ("Công nhận", "Tự xếp loại …"), but
        // nothing above them is a merged group, so they stay data.
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![
                    t("Chi bộ"),
                    t("Loại"),
                    t("Tên mô hình"),
                    t("Tình trạng"),
                    t("Lý do"),
                ],
                vec![
                    t("Văn phòng"),
                    t("TT"),
                    t("Một cửa"),
                    t("Công nhận"),
                    t("Tự xếp loại Khá"),
                ],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(form.kind, FormKind::Registration);
        assert_eq!(form.header_last_row, 0);
        assert_eq!(form.data_rows, vec![1]);
    }

    #[test]
    fn closing_lines_end_the_data_and_give_the_date() {
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                vec![t("STT"), t("Loại"), t("Tên mô hình"), t("Họ và tên")],
                vec![t("(1)"), t("(2)"), t("(3)"), t("(4)")],
                vec![CellValue::Number(1.0), t("TT"), t("A"), t("Phòng")],
                vec![CellValue::Number(2.0)],
                vec![CellValue::Number(3.0), t("CN"), t("B"), t("Nguyễn Văn An")],
                vec![],
                vec![
                    CellValue::Empty,
                    CellValue::Empty,
                    t("Đồng Hới, ngày 05 tháng 10 năm 2018"),
                ],
                vec![CellValue::Empty, CellValue::Empty, t("T/M CHI BỘ")],
                vec![CellValue::Empty, CellValue::Empty, t("Nguyễn Văn An")],
            ],
        );
        let form = recognize(&sheet).expect("recognized");
        assert_eq!(form.data_rows, vec![2, 4]);
        let date = form.date_line.map(|d| d.date);
        assert_eq!(date, chrono::NaiveDate::from_ymd_opt(2018, 10, 5));
    }

    #[test]
    fn an_example_row_is_neither_data_nor_closing() {
        let header = vec![t("STT"), t("Loại"), t("Tên mô hình"), t("Ngày đăng ký")];
        let example = |mark: &str| vec![t(mark), t("TT"), t("Mẫu"), t("05/10/2025")];
        for mark in ["Ví dụ", "VÍ DỤ:", "vd", "Mẫu", "(Dòng mẫu)"] {
            let sheet = Sheet::from_rows(
                "DS",
                vec![
                    header.clone(),
                    example(mark),
                    vec![CellValue::Number(1.0), t("CN"), t("B"), t("06/10/2025")],
                    vec![CellValue::Number(2.0)],
                ],
            );
            let form = recognize(&sheet).expect("recognized");
            assert_eq!(form.data_rows, vec![2], "{mark}");
            assert_eq!(form.date_line, None, "{mark}");
        }
        // Only the STT column marks an example: a model named «Mẫu» is data.
        let sheet = Sheet::from_rows(
            "DS",
            vec![
                header,
                vec![CellValue::Number(1.0), t("TT"), t("Mẫu"), t("05/10/2025")],
            ],
        );
        assert_eq!(recognize(&sheet).map(|f| f.data_rows), Some(vec![1]));
    }

    #[test]
    fn forms_are_told_apart() {
        let row = |cells: &[&str]| cells.iter().map(|s| t(s)).collect::<Vec<_>>();
        let roster = Sheet::from_rows("CB", vec![row(&["STT", "Tên chi bộ", "Bí thư chi bộ"])]);
        assert_eq!(recognize(&roster).map(|f| f.kind), Some(FormKind::Roster));
        let assessment = Sheet::from_rows(
            "TDG",
            vec![row(&[
                "Tên mô hình",
                "Tự đánh giá",
                "Số phiếu tán thành",
                "Ngày báo cáo",
            ])],
        );
        assert_eq!(
            recognize(&assessment).map(|f| f.kind),
            Some(FormKind::SelfAssessment)
        );
        let decision = Sheet::from_rows(
            "QĐ",
            vec![row(&["Chi bộ", "Tên mô hình", "Công nhận", "Khen thưởng"])],
        );
        assert_eq!(
            recognize(&decision).map(|f| f.kind),
            Some(FormKind::Decision)
        );
        let unknown = Sheet::from_rows("X", vec![row(&["Mã hàng", "Đơn giá", "Số lượng"])]);
        assert_eq!(recognize(&unknown), None);
    }

    #[test]
    fn a_binh_xet_sheet_is_the_committees_decision_whatever_it_repeats() {
        let header = [
            "Chi bộ",
            "Tên mô hình",
            "Tự xếp loại",
            "Biểu quyết",
            "Công nhận",
        ];
        let header: Vec<CellValue> = header.iter().map(|s| t(s)).collect();
        let titled = |title: &str| Sheet::from_rows("BX", vec![vec![t(title)], header.clone()]);
        let decision = titled("BẢNG BÌNH XÉT MÔ HÌNH, ĐIỂN HÌNH NĂM 2025");
        assert_eq!(
            recognize(&decision).map(|f| f.kind),
            Some(FormKind::Decision)
        );
        // A unit's self-assessment that carries the committee's «Công nhận» stays one.
        let assessment = titled("BÁO CÁO TỰ ĐÁNH GIÁ NĂM 2025");
        assert_eq!(
            recognize(&assessment).map(|f| f.kind),
            Some(FormKind::SelfAssessment)
        );
    }

    #[test]
    fn m1_and_m2_imply_the_kind() {
        let m2 = Sheet::from_rows(
            "M2",
            vec![
                vec![t("Mẫu M2")],
                vec![t("ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024")],
                vec![t("Tên chi bộ"), t("Họ và tên"), t("Tên điển hình")],
            ],
        );
        let form = recognize(&m2).expect("recognized");
        assert_eq!(form.fixed_kind, Some(Kind::Individual));
        let m1 = Sheet::from_rows(
            "M1",
            vec![
                vec![t("ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024")],
                vec![t("Tên chi bộ"), t("Tên mô hình"), t("Lĩnh vực")],
            ],
        );
        assert_eq!(
            recognize(&m1).and_then(|f| f.fixed_kind),
            Some(Kind::Collective)
        );
    }

    #[test]
    fn a_date_over_day_month_and_year_columns_is_one_date() {
        let n = CellValue::Number;
        let parts = vec![
            t("STT"),
            t("Tên mô hình"),
            t("Loại"),
            t("Ngày"),
            t("Tháng"),
            t("Năm"),
        ];
        let model = vec![n(1.0), t("Sổ tay"), t("Tập thể"), n(5.0), n(2.0), n(2024.0)];
        // «Thời gian đăng ký» merged over «Ngày | Tháng | Năm»: the merge fills each cell.
        let mut group = parts.clone();
        group.splice(3.., vec![t("Thời gian đăng ký"); 3]);
        let sheet = Sheet::from_rows(
            "DK",
            vec![
                vec![t("CHI BỘ VĂN PHÒNG")],
                group,
                parts.clone(),
                model.clone(),
            ],
        );
        let form = recognize(&sheet).expect("a registration");
        let date = form.column(ColumnRole::RegistrationDate).expect("the date");
        assert_eq!((date.index, date.header.as_str()), (3, "Thời gian đăng ký"));
        assert_eq!(
            form.date_parts(ColumnRole::RegistrationDate),
            Some(&DateParts {
                field: ColumnRole::RegistrationDate,
                month: 4,
                year: 5
            })
        );
        // The date's year is not the cycle's.
        assert!(form.column(ColumnRole::Year).is_none());
        // «Ngày báo cáo» over the three, after a self-assessment's columns: the report's date.
        let assessed = |row: Vec<CellValue>| {
            let mut row = row;
            row.splice(2..3, [t("Kết quả"), t("Tự xếp loại")]);
            row
        };
        let mut group = assessed(parts.clone());
        group.splice(4.., vec![t("Ngày báo cáo"); 3]);
        let mut result = assessed(model.clone());
        result.splice(2..4, [t("Tốt"), t("Tốt")]);
        let sheet = Sheet::from_rows("TĐG", vec![group, assessed(parts.clone()), result]);
        let form = recognize(&sheet).expect("a self-assessment");
        assert_eq!(form.kind, FormKind::SelfAssessment);
        assert_eq!(
            form.column(ColumnRole::ReportDate).map(|c| c.index),
            Some(4)
        );
        assert!(form.date_parts(ColumnRole::ReportDate).is_some());
        // A one-row header «Ngày | Tháng | Năm»: «Ngày» heads a date, and the three are one.
        let form = recognize(&Sheet::from_rows("DK", vec![parts, model])).expect("a registration");
        assert_eq!(
            form.date_parts(ColumnRole::RegistrationDate)
                .map(|p| p.month),
            Some(4)
        );
    }

    #[test]
    fn a_name_column_per_kind_tells_each_rows_kind() {
        let n = CellValue::Number;
        for (first, second) in [
            ("Tên mô hình (tập thể)", "Tên điển hình (cá nhân)"),
            ("Điển hình cá nhân", "Mô hình tập thể"),
        ] {
            let sheet = Sheet::from_rows(
                "DK",
                vec![
                    vec![t("CHI BỘ VĂN PHÒNG")],
                    vec![t("STT"), t(first), t(second), t("Ngày đăng ký")],
                    vec![n(1.0), t("Một cửa"), CellValue::Empty, t("05/02/2024")],
                ],
            );
            let form = recognize(&sheet).expect("a registration");
            let (collective, individual) = if first.starts_with("Tên mô hình") {
                (1, 2)
            } else {
                (2, 1)
            };
            assert_eq!(
                form.column(ColumnRole::ModelName).map(|c| c.index),
                Some(collective),
                "{first}"
            );
            assert_eq!(
                form.column(ColumnRole::IndividualName).map(|c| c.index),
                Some(individual),
                "{first}"
            );
            assert_eq!(form.fixed_kind, None, "{first}");
        }
        // One name column naming both kinds: no split.
        let sheet = Sheet::from_rows(
            "DK",
            vec![
                vec![
                    t("STT"),
                    t("Loại"),
                    t("Tên mô hình, điển hình"),
                    t("Ghi chú"),
                ],
                vec![n(1.0), t("TT"), t("Một cửa"), CellValue::Empty],
            ],
        );
        let form = recognize(&sheet).expect("a registration");
        assert!(form.column(ColumnRole::IndividualName).is_none());
    }

    #[test]
    fn title_cell_names() {
        assert_eq!(
            cell_in_title("CHI BỘ VĂN PHÒNG").as_deref(),
            Some("CHI BỘ VĂN PHÒNG")
        );
        assert_eq!(
            cell_in_title("Chi bo Thanh tra").as_deref(),
            Some("Chi bo Thanh tra")
        );
        assert_eq!(
            cell_in_title("Tên chi bộ: Văn phòng").as_deref(),
            Some("Chi bộ Văn phòng")
        );
        assert_eq!(cell_in_title("ĐẢNG BỘ SỞ TƯ PHÁP"), None);
        assert_eq!(cell_in_title("Kính gửi: Các chi bộ trực thuộc"), None);
    }
}
