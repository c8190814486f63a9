//! `dvk template`: the forms the committee sends its cells, made so that they come back right.
//!
//! Four forms ([`Template`]): M1, the registration of collective models; M2, that of
//! individual exemplars; the self-assessment report; the roster of cells. Each carries the
//! committee's heading and the year, a grey example row that dvk skips, a drop-down or a rule
//! on every column with a closed set (fields from the config, kinds, ratings, yes/no, dates of
//! the year, vote counts), and an instructions sheet with that year's deadline and where to
//! send the file. With a roster, every cell gets its own set, its name filled in and locked,
//! in files named after it, so that the files that come back say whose they are.
//!
//! What each form holds is decided here ([`book`]); [`crate::output::templates`] writes it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::judge::assess::Model;
use crate::judge::roster::Roster;
use crate::output::templates::{
    template_workbook, Heading, HeadingLine, Input, TemplateBook, TemplateColumn, Value,
    EXAMPLE_MARK, INSTRUCTIONS_SHEET,
};
use crate::recognize::values::{Kind, VoteShare};
use crate::rules::config::Config;
use crate::rules::CycleRule;
use crate::sheet::format_date;
use crate::text;

/// The forms dvk writes.
///
/// # Example
///
/// ```
/// use dvk::templates::Template;
///
/// assert_eq!(Template::ALL.len(), 4);
/// assert!(!Template::FOR_CELLS.contains(&Template::Roster));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// Mẫu M1: registration of collective models.
    Collective,
    /// Mẫu M2: registration of individual exemplars.
    Individual,
    /// The self-assessment report of the registered models.
    SelfAssessment,
    /// The committee's roster of cells.
    Roster,
    /// The committee's decision sheet (bảng bình xét): every registered model of the year,
    /// with what dvk judged, and the committee's «Công nhận», «Khen thưởng» to fill in.
    Decision,
}

impl Template {
    /// Every form: the cells' three and the roster.
    pub const ALL: [Template; 4] = [
        Template::Collective,
        Template::Individual,
        Template::SelfAssessment,
        Template::Roster,
    ];

    /// The forms a cell fills in.
    pub const FOR_CELLS: [Template; 3] = [
        Template::Collective,
        Template::Individual,
        Template::SelfAssessment,
    ];

    /// The short code that starts its file names: "M1", "M2", "TĐG", "DS".
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::templates::Template;
    ///
    /// assert_eq!(Template::Collective.code(), "M1");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Template::Collective => "M1",
            Template::Individual => "M2",
            Template::SelfAssessment => "TĐG",
            Template::Roster => "DS",
            Template::Decision => "BX",
        }
    }

    /// What the form is, as its generic file name says it.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::templates::Template;
    ///
    /// assert_eq!(Template::Individual.label(), "Đăng ký điển hình cá nhân");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Template::Collective => "Đăng ký mô hình tập thể",
            Template::Individual => "Đăng ký điển hình cá nhân",
            Template::SelfAssessment => "Tự đánh giá mô hình, điển hình",
            Template::Roster => "Danh sách chi bộ",
            Template::Decision => "Bảng bình xét",
        }
    }

    fn sheet_name(self) -> &'static str {
        match self {
            Template::Collective => "Đăng ký M1",
            Template::Individual => "Đăng ký M2",
            Template::SelfAssessment => "Tự đánh giá",
            Template::Roster => "Danh sách chi bộ",
            Template::Decision => "Bình xét",
        }
    }

    /// How many numbered rows the form has to fill in.
    fn entry_rows(self) -> u32 {
        match self {
            Template::Collective | Template::Individual => 10,
            Template::SelfAssessment => 15,
            Template::Roster => 30,
            Template::Decision => 0,
        }
    }

    /// The file name: "M1_Đăng ký mô hình tập thể_2025.xlsx", or for a cell
    /// "M1_Chi bộ Văn phòng_2025.xlsx"; the roster form has no year.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::templates::Template;
    ///
    /// assert_eq!(Template::SelfAssessment.file_name(2025, Some("Chi bộ Kế toán: Tài vụ")),
    ///            "TĐG_Chi bộ Kế toán- Tài vụ_2025.xlsx");
    /// assert_eq!(Template::Roster.file_name(2025, None), "Danh sách chi bộ.xlsx");
    /// ```
    pub fn file_name(self, year: i32, cell: Option<&str>) -> String {
        let stem = match (self, cell) {
            (Template::Roster, _) => self.label().to_string(),
            (_, Some(cell)) => format!("{}_{}_{year}", self.code(), safe_file_name(cell)),
            (_, None) => format!("{}_{}_{year}", self.code(), self.label()),
        };
        format!("{}.xlsx", safe_file_name(&stem))
    }
}

/// A cell's name as forms write it: with the prefix of its kind, "Chi bộ" when it has none
/// ("Văn phòng" becomes "Chi bộ Văn phòng"; "Đảng bộ Công ty May" stays).
///
/// # Example
///
/// ```
/// use dvk::templates::unit_title;
///
/// assert_eq!(unit_title("Văn phòng"), "Chi bộ Văn phòng");
/// assert_eq!(unit_title("Trung tâm Y tế"), "Chi bộ Trung tâm Y tế");
/// assert_eq!(unit_title("Chi bộ Thanh tra"), "Chi bộ Thanh tra");
/// assert_eq!(unit_title("Đảng bộ Công ty May"), "Đảng bộ Công ty May");
/// ```
pub fn unit_title(name: &str) -> String {
    let name = text::clean(name);
    match crate::judge::names::split_prefix(&name) {
        (None, _) => format!("Chi bộ {name}"),
        (Some(_), _) => name,
    }
}

/// What a form holds for a year: the heading from the config, the columns with their
/// drop-downs and rules, the example row, the instructions. `cell` names the cell of a
/// personalised form (its name filled in and locked); `None` leaves a place for it.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::recognize::forms::{recognize, FormKind};
/// use dvk::output::templates::sheet_as_read;
/// use dvk::templates::{book, Template};
/// use dvk::recognize::values::Kind;
///
/// let config = Config::builtin();
/// let m2 = book(Template::Individual, 2025, &config, Some("Chi bộ Văn phòng"));
/// let form = recognize(&sheet_as_read(&m2)).unwrap();
/// assert_eq!(form.kind, FormKind::Registration);
/// assert_eq!(form.fixed_kind, Some(Kind::Individual));
/// assert_eq!(form.title_year, Some(2025));
/// assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ VĂN PHÒNG"));
/// ```
pub fn book(template: Template, year: i32, config: &Config, cell: Option<&str>) -> TemplateBook {
    let rule = config.rules.for_year(year);
    let context = Context {
        template,
        year,
        config,
        rule: &rule,
        cell: cell.map(unit_title),
    };
    let columns = context.columns();
    let instructions = context.instructions(&columns);
    let title = context.title();
    let described = match &context.cell {
        Some(cell) => format!("{} — {cell}", template.label()),
        None => template.label().to_string(),
    };
    TemplateBook {
        title: format!("{described} (“Dân vận khéo” năm {year})"),
        sheet: template.sheet_name().to_string(),
        heading: Heading {
            left: context.heading_left(),
            date_line: format!("{}, ngày …… tháng …… năm ……", config.committee.place),
            title: title.clone(),
            subtitle: context.subtitle(),
        },
        columns,
        entry_rows: template.entry_rows(),
        filled: Vec::new(),
        signature: match template {
            Template::Roster => Vec::new(),
            Template::Decision => vec![
                config.committee.signer_role.clone(),
                config.committee.signer_title.clone(),
            ],
            _ => vec!["T/M CHI BỘ".to_string(), "BÍ THƯ".to_string()],
        },
        instructions_title: format!("HƯỚNG DẪN GHI BIỂU MẪU\n{title}"),
        instructions,
        margins: config.committee.margins,
    }
}

/// Everything a form of a year depends on.
struct Context<'a> {
    template: Template,
    year: i32,
    config: &'a Config,
    rule: &'a CycleRule,
    cell: Option<String>,
}

/// The place for the cell's name in a form sent to every cell.
const CELL_PLACEHOLDER: &str = "CHI BỘ ……………………";

impl Context<'_> {
    fn heading_left(&self) -> Vec<HeadingLine> {
        let committee = &self.config.committee;
        match (self.template, &self.cell) {
            (Template::Roster | Template::Decision, _) => vec![
                HeadingLine::Plain(committee.higher.to_uppercase()),
                HeadingLine::Bold(committee.issuer.to_uppercase()),
            ],
            (_, Some(cell)) => vec![
                HeadingLine::Plain(committee.organisation.to_uppercase()),
                HeadingLine::Unit(cell.to_uppercase()),
            ],
            (_, None) => vec![
                HeadingLine::Plain(committee.organisation.to_uppercase()),
                HeadingLine::UnitInput(CELL_PLACEHOLDER.to_string()),
            ],
        }
    }

    fn title(&self) -> String {
        let year = self.year;
        match self.template {
            Template::Collective => {
                format!("DANH SÁCH ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM {year}")
            }
            Template::Individual => {
                format!("DANH SÁCH ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}")
            }
            Template::SelfAssessment => format!(
                "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM {year}"
            ),
            Template::Roster => format!(
                "DANH SÁCH CÁC CHI BỘ TRỰC THUỘC {}",
                self.config.committee.organisation.to_uppercase()
            ),
            Template::Decision => format!(
                "BẢNG BÌNH XÉT MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}"
            ),
        }
    }

    fn subtitle(&self) -> String {
        let see = format!("cách ghi: xem trang «{INSTRUCTIONS_SHEET}»");
        match self.template {
            Template::Collective => format!("(Mẫu M1: mô hình của tập thể; {see})"),
            Template::Individual => format!("(Mẫu M2: điển hình cá nhân; {see})"),
            Template::SelfAssessment | Template::Roster => format!("({see})"),
            Template::Decision => {
                format!("(Đảng ủy ghi kết quả bình xét ở cột «Công nhận», «Khen thưởng»; {see})")
            }
        }
    }

    /// The registration date of the example row, and the example of the date messages.
    fn registration_example(&self) -> NaiveDate {
        self.rule
            .registration_opens
            .unwrap_or_else(|| self.rule.registration_due.last_day())
    }

    /// The days a date column accepts: from 01/01 of the year before to 31/12 of the year
    /// after, widened to take in the rule's own days.
    fn date_input(&self, example: NaiveDate) -> Input {
        let first = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(example);
        let last = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(example);
        let days = [
            self.rule.registration_opens,
            Some(self.rule.registration_due.date),
            Some(self.rule.self_assessment_due.date),
            Some(example),
        ];
        let earliest = days.iter().flatten().map(|d| d.year()).min();
        let latest = days.iter().flatten().map(|d| d.year()).max();
        Input::Date {
            from: first(earliest.unwrap_or(self.year).min(self.year - 1)),
            to: last(latest.unwrap_or(self.year).max(self.year + 1)),
            example,
        }
    }

    fn fields(&self) -> Input {
        Input::List {
            what: "lĩnh vực".to_string(),
            items: self.config.fields.clone(),
        }
    }

    fn first_field(&self) -> Value {
        self.config
            .fields
            .first()
            .map_or(Value::Blank, |f| Value::Text(f.clone()))
    }

    fn columns(&self) -> Vec<TemplateColumn> {
        match self.template {
            Template::Collective => self.registration_columns(Kind::Collective),
            Template::Individual => self.registration_columns(Kind::Individual),
            Template::SelfAssessment => self.assessment_columns(),
            Template::Roster => roster_columns(),
            Template::Decision => self.decision_columns(),
        }
    }

    fn registration_columns(&self, kind: Kind) -> Vec<TemplateColumn> {
        let date = self.registration_example();
        let mut columns = vec![seq()];
        match kind {
            Kind::Collective => columns.extend([
                text_column("Tên mô hình", 32.0, "Tiếp công dân thân thiện, trả kết quả đúng hẹn")
                    .help("Ghi tên mô hình ngắn gọn. Báo cáo tự đánh giá sau này ghi lại đúng tên này."),
                text_column("Tên tập thể thực hiện", 24.0, "Văn phòng Sở")
                    .help("Ghi tên tập thể thực hiện mô hình, ví dụ: Văn phòng Sở, Phòng Hành chính tư pháp."),
            ]),
            Kind::Individual => columns.extend([
                text_column("Tên điển hình", 32.0, "Hướng dẫn người dân nộp hồ sơ trực tuyến")
                    .help("Ghi tên điển hình ngắn gọn. Báo cáo tự đánh giá sau này ghi lại đúng tên này."),
                text_column("Họ và tên", 22.0, "Nguyễn Văn An")
                    .help("Ghi họ và tên người đăng ký điển hình."),
                text_column("Chức vụ", 16.0, "Chuyên viên"),
            ]),
        }
        columns.extend([
            TemplateColumn::new("Lĩnh vực", 22.0, self.fields(), self.first_field()),
            text_column(
                "Nội dung, giải pháp",
                40.0,
                "Niêm yết công khai thủ tục; hẹn ngày trả kết quả và báo tin khi có kết quả",
            )
            .help("Ghi việc làm cụ thể, cách làm mới."),
            text_column("Mục tiêu", 26.0, "Trả 100% hồ sơ đúng hẹn")
                .help("Ghi kết quả muốn đạt được, đo được thì tốt."),
            text_column("Thời gian thực hiện", 16.0, &format!("Năm {}", self.year))
                .help("Ghi từ khi nào đến khi nào, ví dụ: từ tháng 10 đến hết năm."),
            TemplateColumn::new(
                "Ngày đăng ký",
                14.0,
                self.date_input(date),
                Value::Date(date),
            )
            .help("Ngày chi bộ thông qua danh sách đăng ký."),
            text_column("Ghi chú", 18.0, "Dòng mẫu, dvk không đọc"),
        ]);
        columns
    }

    fn assessment_columns(&self) -> Vec<TemplateColumn> {
        let recognition = &self.rule.recognition;
        let date = self.rule.self_assessment_due.last_day();
        let yes_no = || Input::List {
            what: "Có hoặc Không".to_string(),
            items: vec!["Có".to_string(), "Không".to_string()],
        };
        let rating = recognition
            .ratings
            .iter()
            .find(|r| text::fold(r) == text::fold(&recognition.min_rating))
            .or(recognition.ratings.first())
            .map_or(Value::Blank, |r| Value::Text(r.clone()));
        let mut columns = vec![
            seq(),
            TemplateColumn::new(
                "Loại (Tập thể/Cá nhân)",
                12.0,
                Input::List {
                    what: "loại".to_string(),
                    items: vec![
                        Kind::Collective.label().to_string(),
                        Kind::Individual.label().to_string(),
                    ],
                },
                Value::Text(Kind::Collective.label().to_string()),
            )
            .help("Chọn «Tập thể» cho mô hình (mẫu M1), «Cá nhân» cho điển hình (mẫu M2)."),
            text_column(
                "Tên mô hình, điển hình",
                30.0,
                "Tiếp công dân thân thiện, trả kết quả đúng hẹn",
            )
            .help("Ghi đúng tên đã đăng ký ở mẫu M1, M2 để dvk ghép với bản đăng ký."),
            text_column("Họ và tên / Tên tập thể", 22.0, "Văn phòng Sở")
                .help("Điển hình: họ và tên người đăng ký. Mô hình: tên tập thể thực hiện."),
            text_column(
                "Kết quả đạt được",
                36.0,
                "Trả 100% hồ sơ đúng hẹn; không có đơn thư phản ánh",
            )
            .help("Ghi kết quả cụ thể, có số liệu càng tốt."),
            TemplateColumn::new(
                "Tự đánh giá (xếp loại)",
                14.0,
                Input::List {
                    what: "mức xếp loại".to_string(),
                    items: recognition.ratings.clone(),
                },
                rating,
            ),
            TemplateColumn::new(
                "Tổng số phiếu",
                10.0,
                Input::VotesTotal,
                Value::Number(20.0),
            )
            .help(
                "Ghi tổng số phiếu biểu quyết (số người biểu quyết), ví dụ 20. Ghi cột này trước.",
            ),
            TemplateColumn::new(
                "Số phiếu tán thành",
                11.0,
                Input::VotesFor { total_column: 0 },
                Value::Number(18.0),
            )
            .help("Ghi số phiếu tán thành: số nguyên, không lớn hơn tổng số phiếu."),
            TemplateColumn::new("Sức lan tỏa", 10.0, yes_no(), Value::Text("Có".to_string()))
                .help("Mô hình, điển hình có được nhân rộng, học tập trong đơn vị không."),
            TemplateColumn::new(
                "Đề nghị công nhận",
                11.0,
                yes_no(),
                Value::Text("Có".to_string()),
            )
            .help("Chi bộ có đề nghị công nhận mô hình, điển hình này không."),
            TemplateColumn::new(
                "Ngày báo cáo",
                13.0,
                self.date_input(date),
                Value::Date(date),
            )
            .help("Ngày chi bộ lập báo cáo này."),
            text_column("Ghi chú", 16.0, "Dòng mẫu, dvk không đọc"),
        ];
        link_votes(&mut columns);
        columns
    }

    fn decision_columns(&self) -> Vec<TemplateColumn> {
        let list = |what: &str, items: &[&str]| Input::List {
            what: what.to_string(),
            items: items.iter().map(|i| i.to_string()).collect(),
        };
        let field = match self.first_field() {
            Value::Text(field) => field,
            _ => String::new(),
        };
        vec![
            seq(),
            text_column(DECISION_UNIT, 16.0, "Chi bộ Văn phòng"),
            text_column(DECISION_KIND, 8.0, Kind::Collective.label()),
            text_column(
                DECISION_NAME,
                26.0,
                "Tiếp công dân thân thiện, trả kết quả đúng hẹn",
            ),
            text_column(DECISION_PERSON, 14.0, "Văn phòng Sở"),
            text_column(DECISION_FIELD, 12.0, &field),
            text_column(DECISION_RATING, 9.0, "Tốt"),
            text_column(DECISION_VOTE, 9.0, "18/20"),
            text_column(DECISION_ELIGIBLE, 20.0, ELIGIBLE),
            TemplateColumn::new(
                "Công nhận",
                10.0,
                list("kết quả công nhận", &["Có", "Không"]),
                Value::Text("Có".to_string()),
            )
            .help("Đảng ủy có công nhận mô hình, điển hình này không. Để trống: chưa quyết định."),
            TemplateColumn::new(
                "Khen thưởng",
                11.0,
                list(
                    "hình thức khen thưởng",
                    &["Giấy khen", "Bằng khen", "Không"],
                ),
                Value::Text("Giấy khen".to_string()),
            )
            .help("Hình thức khen thưởng, nếu có."),
            text_column("Ghi chú", 10.0, "Dòng mẫu, dvk không đọc"),
        ]
    }

    // --- Instructions --------------------------------------------------------------------

    fn instructions(&self, columns: &[TemplateColumn]) -> Vec<String> {
        let mut paragraphs = vec![self.purpose()];
        if !matches!(self.template, Template::Roster | Template::Decision) {
            paragraphs.push(self.cell_paragraph());
        }
        paragraphs.push(self.rows_paragraph());
        paragraphs.push("Cách ghi từng cột:".to_string());
        paragraphs.extend(columns.iter().filter_map(column_paragraph));
        if self.template == Template::Decision {
            paragraphs.push(
                "Hai cột «Công nhận», «Khen thưởng» chỉ nhận giá trị trong danh sách thả xuống: \
                 ghi sai thì Excel (hoặc LibreOffice) báo lỗi và không nhận."
                    .to_string(),
            );
        } else {
            paragraphs.push(format!(
            "Các cột có danh sách thả xuống, các cột ngày và số phiếu chỉ nhận giá trị đúng: ghi \
             sai thì Excel (hoặc LibreOffice) báo lỗi và không nhận. Ngày ghi theo thứ tự \
             ngày/tháng/năm, ví dụ {}.",
            format_date(self.registration_example())
            ));
        }
        paragraphs.extend(self.rule_paragraphs());
        paragraphs.push(self.sending_paragraph());
        paragraphs
    }

    fn purpose(&self) -> String {
        let year = self.year;
        let committee = &self.config.committee.issuer;
        match self.template {
            Template::Collective => format!(
                "Mẫu M1 dùng để chi bộ đăng ký các mô hình “Dân vận khéo” của tập thể năm \
                 {year} với {committee}. Điển hình cá nhân đăng ký ở mẫu M2."
            ),
            Template::Individual => format!(
                "Mẫu M2 dùng để chi bộ đăng ký các điển hình “Dân vận khéo” của cá nhân năm \
                 {year} với {committee}. Mô hình của tập thể đăng ký ở mẫu M1."
            ),
            Template::SelfAssessment => format!(
                "Mẫu này dùng để chi bộ báo cáo kết quả tự đánh giá các mô hình, điển hình \
                 “Dân vận khéo” đã đăng ký năm {year}: mỗi mô hình, điển hình một dòng."
            ),
            Template::Roster => format!(
                "Danh sách các chi bộ trực thuộc {committee}: mỗi chi bộ một dòng. dvk dùng \
                 danh sách này để nhận ra tệp của từng chi bộ, lập biểu mẫu riêng cho từng chi \
                 bộ (dvk template --roster) và danh sách đôn đốc (dvk missing)."
            ),
            Template::Decision => format!(
                "Bảng bình xét các mô hình, điển hình “Dân vận khéo” đăng ký năm {year}: mỗi \
                 mô hình, điển hình một dòng, do dvk ghi sẵn từ hồ sơ các chi bộ đã gửi (chi \
                 bộ, loại, tên, lĩnh vực, tự xếp loại, biểu quyết) và kết quả xét theo năm \
                 nguyên tắc công nhận. {committee} ghi kết quả bình xét vào hai cột «Công \
                 nhận» và «Khen thưởng»."
            ),
        }
    }

    fn cell_paragraph(&self) -> String {
        match &self.cell {
            Some(cell) => format!(
                "Tên chi bộ đã ghi sẵn ở góc trên bên trái: {cell}. Ô này không sửa được; nếu \
                 tên sai, xin báo {}.",
                self.config.workspace.send_to
            ),
            None => "Tên chi bộ: ghi vào ô «CHI BỘ ……» ở góc trên bên trái, bắt đầu bằng chữ \
                     «Chi bộ», ví dụ: Chi bộ Văn phòng. dvk nhận ra tệp của chi bộ nhờ tên này."
                .to_string(),
        }
    }

    fn rows_paragraph(&self) -> String {
        let what = match self.template {
            Template::Collective => "mô hình",
            Template::Individual => "điển hình",
            Template::SelfAssessment => "mô hình, điển hình",
            Template::Roster => "chi bộ",
            Template::Decision => {
                return format!(
                    "Các dòng do dvk ghi sẵn (nền xanh nhạt) không sửa được: tên mô hình, điển \
                     hình giữ đúng như chi bộ đã đăng ký. Dòng «{EXAMPLE_MARK}» chữ nghiêng màu \
                     xám chỉ để xem cách ghi, dvk không đọc. Không thêm, xóa hay đổi tên cột."
                )
            }
        };
        format!(
            "Mỗi {what} ghi một dòng của bảng, bắt đầu từ dòng số 1. Dòng «{EXAMPLE_MARK}» chữ \
             nghiêng màu xám chỉ để xem cách ghi: để nguyên, dvk không đọc dòng này. Cần thêm \
             dòng thì chèn dòng mới vào giữa bảng. Không thêm, xóa hay đổi tên cột."
        )
    }

    fn rule_paragraphs(&self) -> Vec<String> {
        let rule = self.rule;
        match self.template {
            Template::Collective | Template::Individual => vec![
                format!(
                    "Mỗi chi bộ đăng ký ít nhất {} mô hình của tập thể (mẫu M1) và {} điển \
                     hình cá nhân (mẫu M2) mỗi năm.",
                    rule.min_collective, rule.min_individual
                ),
                format!(
                    "Hạn gửi: {}. Căn cứ: {}.",
                    rule.registration_window(),
                    rule.source
                ),
            ],
            Template::SelfAssessment => {
                let recognition = &rule.recognition;
                vec![
                    format!(
                        "Được xét công nhận khi: biểu quyết công khai, {}; tự xếp loại từ «{}» \
                         trở lên; có sức lan tỏa; được chi bộ đề nghị công nhận.",
                        recognition.describe_vote(),
                        recognition.min_rating
                    ),
                    format!(
                        "Hạn gửi: {}. Căn cứ: {}.",
                        rule.self_assessment_due.words(),
                        rule.source
                    ),
                ]
            }
            Template::Decision => {
                let recognition = &rule.recognition;
                vec![format!(
                    "Cột «Đủ điều kiện công nhận» do dvk xét theo năm nguyên tắc: đã đăng ký; \
                     biểu quyết công khai, {}; tự xếp loại từ «{}» trở lên; có sức lan tỏa; \
                     được chi bộ đề nghị công nhận. «Đủ» là đạt cả năm nguyên tắc; «Chưa: …» \
                     nêu nguyên tắc chưa đạt. Căn cứ: {}.",
                    recognition.describe_vote(),
                    recognition.min_rating,
                    rule.source
                )]
            }
            Template::Roster => Vec::new(),
        }
    }

    fn sending_paragraph(&self) -> String {
        let office = &self.config.workspace.send_to;
        let committee = &self.config.committee.issuer;
        match self.template {
            Template::Roster => {
                format!("Lưu tệp này ở dạng Excel (.xlsx) trong thư mục làm việc của {office}.")
            }
            Template::Decision => format!(
                "Ghi xong, lưu tệp (giữ dạng .xlsx) vào thư mục hộp thư của năm {} rồi chạy \
                 dvk report --year {}: dvk đọc cột «Công nhận», «Khen thưởng» làm quyết định \
                 của {committee}; dòng để trống cột «Công nhận» thì giữ kết quả xét ở trên.",
                self.year, self.year
            ),
            _ => format!(
                "Nơi gửi: {office} ({committee}). Gửi nguyên tệp Excel này (.xlsx), không đặt \
                 mật khẩu. Cuối trang: ghi ngày ở dòng «{}, ngày … tháng … năm …»; bí thư ký \
                 và ghi rõ họ tên.",
                self.config.committee.place
            ),
        }
    }
}

/// The headers of the decision sheet's columns that dvk fills in (they are read back as the
/// unit, the kind, the name and the person of each model).
const DECISION_UNIT: &str = "Chi bộ";
const DECISION_KIND: &str = "Loại";
const DECISION_NAME: &str = "Tên mô hình, điển hình";
const DECISION_PERSON: &str = "Họ và tên / Tên tập thể";
const DECISION_FIELD: &str = "Lĩnh vực";
const DECISION_RATING: &str = "Tự xếp loại";
const DECISION_VOTE: &str = "Biểu quyết";
const DECISION_ELIGIBLE: &str = "Đủ điều kiện công nhận";

/// What the decision sheet says of a model that meets the five principles.
const ELIGIBLE: &str = "Đủ";

/// A row written in advance: each column's value from its header (blank when `value_of` has
/// none).
fn filled_row(columns: &[TemplateColumn], value_of: impl Fn(&str) -> Option<String>) -> Vec<Value> {
    columns
        .iter()
        .map(|column| {
            value_of(&column.header)
                .filter(|v| !v.is_empty())
                .map_or(Value::Blank, Value::Text)
        })
        .collect()
}

/// A unit's self-assessment form for cycle year `year`, each of its registered `models`
/// written in a row in advance — kind, name and person exactly as registered, locked — so
/// that the self-assessments that come back match their registrations.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::output::templates::{sheet_as_read, Value};
/// use dvk::templates::self_assessment_book;
///
/// let book = self_assessment_book(2025, &Config::builtin(), "Chi bộ Văn phòng", &[]);
/// assert!(book.filled.is_empty());
/// let form = dvk::recognize::forms::recognize(&sheet_as_read(&book)).unwrap();
/// assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ VĂN PHÒNG"));
/// ```
pub fn self_assessment_book(
    year: i32,
    config: &Config,
    unit: &str,
    models: &[&Model],
) -> TemplateBook {
    use crate::recognize::forms::{match_header, ColumnRole};
    let mut contents = book(Template::SelfAssessment, year, config, Some(unit));
    contents.filled = models
        .iter()
        .map(|model| {
            let r = &model.registration;
            filled_row(&contents.columns, |header| match match_header(header)? {
                ColumnRole::Kind => Some(r.kind.label().to_string()),
                ColumnRole::ModelName => Some(r.name.clone()),
                ColumnRole::Person => r.person.clone(),
                _ => None,
            })
        })
        .collect();
    contents.entry_rows = 0;
    let rows = format!(
        "Các mô hình, điển hình chi bộ đã đăng ký năm {year} đã ghi sẵn, mỗi mô hình, điển hình \
         một dòng (nền xanh nhạt): loại, tên và người, tập thể thực hiện giữ đúng như bản đăng \
         ký, không sửa được. Ghi kết quả tự đánh giá vào các ô còn trống của từng dòng; dòng \
         để trống thì chưa tính là đã tự đánh giá. Dòng «{EXAMPLE_MARK}» chữ nghiêng màu xám \
         chỉ để xem cách ghi: để nguyên, dvk không đọc dòng này. Không thêm, xóa hay đổi tên cột."
    );
    if let Some(paragraph) = contents
        .instructions
        .iter_mut()
        .find(|p| p.starts_with("Mỗi ") && p.contains(EXAMPLE_MARK))
    {
        *paragraph = rows;
    }
    contents
}

/// Whether a model meets the five principles of recognition, in the decision sheet's words:
/// «Đủ», or «Chưa: …» and the principles not met.
fn eligibility(model: &Model, rule: &CycleRule) -> String {
    let unmet = match &model.assessment {
        None => vec!["chưa có báo cáo tự đánh giá".to_string()],
        Some(assessment) => crate::judge::assess::unmet_principles(assessment, rule),
    };
    if unmet.is_empty() {
        ELIGIBLE.to_string()
    } else {
        format!("Chưa: {}", unmet.join("; "))
    }
}

/// The committee's decision sheet (bảng bình xét) of cycle year `year`: every registered model
/// in a row written in advance and locked — unit, kind, name, person, field, self-rating, vote
/// and whether it meets the five principles — with «Công nhận» and «Khen thưởng» to choose
/// from drop-down lists. Filled in and put in the inbox, it is read back as the committee's
/// decision.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::output::templates::sheet_as_read;
/// use dvk::recognize::forms::{recognize, FormKind};
/// use dvk::templates::decision_book;
///
/// let book = decision_book(2025, &Config::builtin(), &[]);
/// assert_eq!(recognize(&sheet_as_read(&book)).unwrap().kind, FormKind::Decision);
/// ```
pub fn decision_book(year: i32, config: &Config, models: &[&Model]) -> TemplateBook {
    let rule = config.rules.for_year(year);
    let mut contents = book(Template::Decision, year, config, None);
    contents.filled = models
        .iter()
        .map(|model| {
            let r = &model.registration;
            let assessment = model.assessment.as_deref();
            filled_row(&contents.columns, |header| match header {
                DECISION_UNIT => Some(r.unit.clone()),
                DECISION_KIND => Some(r.kind.label().to_string()),
                DECISION_NAME => Some(r.name.clone()),
                DECISION_PERSON => r.person.clone(),
                DECISION_FIELD => r.domain.clone().or_else(|| r.unknown_field.clone()),
                DECISION_RATING => assessment.and_then(|a| a.rating.clone()),
                DECISION_VOTE => assessment.and_then(|a| a.vote).map(|vote| match vote {
                    VoteShare::Count { favour, total } => format!("{favour}/{total}"),
                    VoteShare::Percent(p) => format!("{p}%"),
                }),
                DECISION_ELIGIBLE => Some(eligibility(model, &rule)),
                _ => None,
            })
        })
        .collect();
    contents
}

/// Points the rule of the votes in favour at the column of the total.
fn link_votes(columns: &mut [TemplateColumn]) {
    let total = columns
        .iter()
        .position(|c| matches!(c.input, Input::VotesTotal));
    for column in columns.iter_mut() {
        if let (Input::VotesFor { total_column }, Some(total)) = (&mut column.input, total) {
            *total_column = total;
        }
    }
}

fn seq() -> TemplateColumn {
    TemplateColumn::new(
        "STT",
        6.0,
        Input::Seq,
        Value::Text(EXAMPLE_MARK.to_string()),
    )
}

fn text_column(header: &str, width: f64, example: &str) -> TemplateColumn {
    TemplateColumn::new(header, width, Input::Text, Value::Text(example.to_string()))
}

fn roster_columns() -> Vec<TemplateColumn> {
    vec![
        seq(),
        text_column("Tên chi bộ", 40.0, "Chi bộ Văn phòng")
            .help("Ghi tên chi bộ đầy đủ, bắt đầu bằng chữ «Chi bộ», ví dụ: Chi bộ Văn phòng."),
        text_column("Bí thư chi bộ", 26.0, "Nguyễn Văn An")
            .help("Họ và tên bí thư chi bộ: in trong danh sách đôn đốc."),
        text_column("Điện thoại", 16.0, "0912 345 678"),
        text_column("Ghi chú", 24.0, "Dòng mẫu, dvk không đọc"),
    ]
}

/// "- Lĩnh vực: chọn trong danh sách: Kinh tế; …" for the instructions.
fn column_paragraph(column: &TemplateColumn) -> Option<String> {
    let how = match &column.input {
        Input::Seq => return None,
        Input::List { what, items } => {
            let choose = format!(
                "chọn {what} trong danh sách thả xuống: {}.",
                items.join("; ")
            );
            if column.help.is_empty() {
                choose
            } else {
                format!("{} Danh sách thả xuống: {}.", column.help, items.join("; "))
            }
        }
        Input::Date { example, .. } => format!(
            "{} Ghi dạng ngày/tháng/năm, ví dụ {}.",
            column.help,
            format_date(*example)
        ),
        _ if column.help.is_empty() => return None,
        _ => column.help.clone(),
    };
    Some(format!("- {}: {}", column.header, how.trim()))
}

// ---------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------

/// The longest file or folder name written, in characters (Vietnamese letters take up to
/// three bytes: 80 stay under the 255 bytes most file systems allow).
const MAX_NAME_CHARS: usize = 80;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A name that is safe as a file or folder name on Windows, macOS and Linux, Vietnamese
/// letters kept: `/\:*?"<>|` become "-", control characters are dropped, white space is
/// collapsed, trailing dots and spaces go, reserved device names (CON, NUL, COM1, …) get a
/// "_" in front, and the name is cut to 80 characters. Give it a name without extension.
///
/// # Example
///
/// ```
/// use dvk::templates::safe_file_name;
///
/// assert_eq!(safe_file_name("Chi bộ Phòng Công chứng số 1/2"), "Chi bộ Phòng Công chứng số 1-2");
/// assert_eq!(safe_file_name("Chi bộ  Văn phòng ..."), "Chi bộ Văn phòng");
/// assert_eq!(safe_file_name("con"), "_con");
/// ```
pub fn safe_file_name(name: &str) -> String {
    let replaced: String = text::clean(name)
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c => c,
        })
        .collect();
    let collapsed = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = collapsed.chars().take(MAX_NAME_CHARS).collect();
    let trimmed = cut.trim_end_matches(['.', ' ']).trim_start();
    let base = trimmed.split('.').next().unwrap_or_default().trim_end();
    if trimmed.is_empty() {
        "_".to_string()
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base)) {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Writing the files
// ---------------------------------------------------------------------------------------------

/// One file of a set of templates: where it goes (relative to the output folder) and what
/// it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The file, relative to the output folder.
    pub path: PathBuf,
    /// The form.
    pub template: Template,
    /// The unit of a personalised form, as the form writes it.
    pub unit: Option<String>,
}

/// The files of a set of templates for a year: the generic forms in `forms` at the top,
/// and with a roster, the cells' forms in one folder per cell, named after it.
///
/// # Example
///
/// ```
/// use dvk::judge::roster::Roster;
/// use dvk::templates::{plan, Template};
///
/// let roster = Roster::from_names(["Văn phòng", "Chi bộ Thanh tra"]);
/// let files = plan(2025, Some(&roster), &[Template::Collective, Template::Roster]);
/// let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
/// assert_eq!(paths[0], "M1_Đăng ký mô hình tập thể_2025.xlsx");
/// assert!(paths.contains(&"Chi bộ Văn phòng/M2_Chi bộ Văn phòng_2025.xlsx".to_string()));
/// assert_eq!(files.len(), 2 + 2 * 3);
/// ```
pub fn plan(year: i32, roster: Option<&Roster>, forms: &[Template]) -> Vec<Planned> {
    let mut files: Vec<Planned> = forms
        .iter()
        .map(|&template| Planned {
            path: PathBuf::from(template.file_name(year, None)),
            template,
            unit: None,
        })
        .collect();
    let mut folders: HashSet<String> = HashSet::new();
    for cell in roster.map(Roster::units).unwrap_or_default() {
        let name = unit_title(&cell.name);
        let folder = unique_name(&safe_file_name(&name), &mut folders);
        for template in Template::FOR_CELLS {
            files.push(Planned {
                path: Path::new(&folder).join(template.file_name(year, Some(&name))),
                template,
                unit: Some(name.clone()),
            });
        }
    }
    files
}

/// The roster cells whose name, written in the heading of their forms, dvk would not read
/// back as the cell (a name that is the committee's or the higher committee's, never read as
/// a unit's): their files would come back without a cell.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::judge::roster::Roster;
/// use dvk::templates::unreadable_units;
///
/// let roster = Roster::from_names(["Chi bộ Văn phòng", "Chi bộ cơ sở Phòng Tư pháp", "Chi bộ Sở Tư pháp"]);
/// assert_eq!(unreadable_units(2025, &Config::builtin(), &roster), ["Chi bộ Sở Tư pháp"]);
/// ```
pub fn unreadable_units(year: i32, config: &Config, roster: &Roster) -> Vec<String> {
    let committees = [
        config.committee.issuer.clone(),
        config.committee.organisation.clone(),
        config.committee.higher.clone(),
    ];
    let naming = crate::judge::units::Naming::new(Some(roster), &committees);
    roster
        .units()
        .iter()
        .filter(|cell| {
            let name = unit_title(&cell.name);
            let form = book(Template::Collective, year, config, Some(&name));
            crate::recognize::forms::recognize(&crate::output::templates::sheet_as_read(&form))
                .map(|form| naming.sheet_unit(&form.title_lines, ""))
                .and_then(|read| read.unit().map(|unit| unit == cell.name))
                != Some(true)
        })
        .map(|cell| unit_title(&cell.name))
        .collect()
}

/// A file or folder name not yet taken, compared as Windows does (ignoring case): "… (2)"
/// if needed. Every name dvk writes several of in one folder (per-unit folders, return
/// slips) is made unique by it.
pub(crate) fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    candidate
}

/// Whether an existing file is replaced: see [`write_files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (`dvk template`: the forms follow the config).
    Replace,
    /// Keep it (`dvk init` never overwrites).
    Keep,
}

/// What happened to a file: see [`write_files`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The file, relative to the folder it was written in.
    pub path: PathBuf,
    /// False when it existed and was kept.
    pub written: bool,
}

/// Writes the planned files under `out` (created if needed), each whole or not at all.
///
/// # Example
///
/// ```
/// use dvk::rules::config::Config;
/// use dvk::templates::{plan, write_files, Existing, Template};
///
/// let out = tempfile::tempdir().unwrap();
/// let files = plan(2025, None, &[Template::Collective]);
/// let done = write_files(out.path(), &files, 2025, &Config::builtin(), Existing::Keep).unwrap();
/// assert!(done[0].written);
/// let again = write_files(out.path(), &files, 2025, &Config::builtin(), Existing::Keep).unwrap();
/// assert!(!again[0].written);
/// ```
pub fn write_files(
    out: &Path,
    files: &[Planned],
    year: i32,
    config: &Config,
    existing: Existing,
) -> Result<Vec<Outcome>> {
    let mut outcomes = Vec::with_capacity(files.len());
    for file in files {
        let path = out.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::Output {
                path: folder.to_path_buf(),
                reason: format!("không tạo được thư mục ({e})"),
            })?;
        }
        if existing == Existing::Keep && path.exists() {
            outcomes.push(Outcome {
                path: file.path.clone(),
                written: false,
            });
            continue;
        }
        let contents = book(file.template, year, config, file.unit.as_deref());
        let bytes =
            template_workbook(&contents).map_err(crate::output::atomic::build_error(&path))?;
        let written = match existing {
            Existing::Replace => {
                crate::output::atomic::write_atomically(&path, &bytes).map(|()| true)
            }
            Existing::Keep => crate::output::atomic::write_new(&path, &bytes),
        }?;
        outcomes.push(Outcome {
            path: file.path.clone(),
            written,
        });
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::templates::sheet_as_read;
    use crate::recognize::forms::{recognize, ColumnRole, FormKind};
    use crate::recognize::values::find_date_line;

    fn config() -> Config {
        Config::builtin()
    }

    #[test]
    fn every_template_is_recognized_as_its_form() {
        let config = config();
        let expected = [
            (
                Template::Collective,
                FormKind::Registration,
                Some(Kind::Collective),
            ),
            (
                Template::Individual,
                FormKind::Registration,
                Some(Kind::Individual),
            ),
            (Template::SelfAssessment, FormKind::SelfAssessment, None),
            (Template::Roster, FormKind::Roster, None),
        ];
        for (template, kind, fixed) in expected {
            for cell in [None, Some("Chi bộ Văn phòng")] {
                let contents = book(template, 2025, &config, cell);
                let form = recognize(&sheet_as_read(&contents)).expect("recognized");
                assert_eq!(form.kind, kind, "{template:?}");
                assert_eq!(form.fixed_kind, fixed, "{template:?}");
                assert!(
                    form.data_rows.is_empty(),
                    "{template:?}: {:?}",
                    form.data_rows
                );
                assert_eq!(form.date_line, None, "{template:?}");
                // Every column is recognized: none is lost to a header dvk does not know.
                assert_eq!(form.columns.len(), contents.columns.len(), "{template:?}");
                if template != Template::Roster {
                    assert_eq!(form.title_year, Some(2025), "{template:?}");
                    let expected = cell.map(|c| c.to_uppercase());
                    assert_eq!(form.title_cell, expected, "{template:?}");
                }
            }
        }
    }

    #[test]
    fn the_date_line_placeholder_is_no_date() {
        assert_eq!(find_date_line("Đồng Hới, ngày …… tháng …… năm ……"), None);
    }

    #[test]
    fn the_self_assessment_votes_rule_points_at_the_total() {
        let contents = book(Template::SelfAssessment, 2025, &config(), None);
        let sheet = sheet_as_read(&contents);
        let form = recognize(&sheet).expect("recognized");
        let total = form.column(ColumnRole::VotesTotal).map(|c| c.index);
        let favour = contents.columns.iter().find_map(|c| match c.input {
            Input::VotesFor { total_column } => Some(total_column),
            _ => None,
        });
        assert_eq!(favour, total);
        assert!(total < form.column(ColumnRole::VotesFor).map(|c| c.index));
    }

    #[test]
    fn dates_are_accepted_around_the_year_and_the_rule() {
        let config = config();
        let contents = book(Template::Collective, 2024, &config, None);
        let date = contents.columns.iter().find_map(|c| match c.input {
            Input::Date { from, to, example } => Some((from, to, example)),
            _ => None,
        });
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // 2024: letter 821-CV/ĐUK, register before 26/02/2024, no opening day.
        assert_eq!(date, Some((d(2023, 1, 1), d(2025, 12, 31), d(2024, 2, 25))));
        let contents = book(Template::SelfAssessment, 2025, &config, None);
        let example = contents.columns.iter().find_map(|c| match c.input {
            Input::Date { example, .. } => Some(example),
            _ => None,
        });
        assert_eq!(example, Some(d(2026, 8, 31)));
    }

    #[test]
    fn instructions_say_what_when_and_where() {
        let config = config();
        let m1 = book(Template::Collective, 2025, &config, None).instructions;
        let all = m1.join("\n");
        assert!(
            all.contains("Hạn gửi: từ ngày 01/10/2025, chậm nhất ngày 10/10/2025"),
            "{all}"
        );
        assert!(
            all.contains("Nơi gửi: Văn phòng Đảng ủy (Đảng ủy Sở Tư pháp)"),
            "{all}"
        );
        assert!(
            all.contains("- Lĩnh vực: chọn lĩnh vực trong danh sách thả xuống: Kinh tế;"),
            "{all}"
        );
        assert!(all.contains("ví dụ 01/10/2025"), "{all}");
        let tdg = book(Template::SelfAssessment, 2024, &config, Some("Văn phòng")).instructions;
        let all = tdg.join("\n");
        assert!(
            all.contains("Hạn gửi: trước ngày 01/09/2025. Căn cứ: Công văn 821-CV/ĐUK."),
            "{all}"
        );
        assert!(
            all.contains("trên 50% số phiếu tán thành; tự xếp loại từ «Tốt» trở lên"),
            "{all}"
        );
        assert!(
            all.contains("Tên chi bộ đã ghi sẵn ở góc trên bên trái: Chi bộ Văn phòng."),
            "{all}"
        );
    }

    #[test]
    fn safe_file_names() {
        let cases = [
            ("Chi bộ Văn phòng", "Chi bộ Văn phòng"),
            ("a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"),
            ("Chi bộ Tổ chức.", "Chi bộ Tổ chức"),
            ("  Chi bộ\tKế toán \u{7}  ", "Chi bộ Kế toán"),
            ("NUL", "_NUL"),
            ("com1", "_com1"),
            ("LPT9.txt", "_LPT9.txt"),
            ("COM10", "COM10"),
            ("CONSOLE", "CONSOLE"),
            ("...", "_"),
            ("", "_"),
            // Decomposed input comes out composed (NFC).
            ("Chi bo\u{323}\u{302}", "Chi bộ"),
        ];
        for (name, safe) in cases {
            assert_eq!(safe_file_name(name), safe, "{name:?}");
        }
        let long = safe_file_name(&"Chi bộ Trung tâm Dịch vụ đấu giá tài sản ".repeat(5));
        assert_eq!(long.chars().count(), 80);
        assert!(!long.ends_with(' '));
        assert!(long.len() <= 255);
    }

    #[test]
    fn personal_sets_get_one_folder_per_cell_even_when_names_collide() {
        // Names that differ only after 80 characters make the same folder name.
        let stem = "Chi bộ Trung tâm Dịch vụ đấu giá tài sản và Tư vấn pháp luật tỉnh Quảng Bình, cơ sở số";
        let roster =
            Roster::from_names([format!("{stem} 1"), format!("{stem} 2"), "Văn/phòng".into()]);
        let files = plan(2025, Some(&roster), &[]);
        let folders: Vec<String> = files
            .iter()
            .filter_map(|f| f.path.parent().map(|p| p.display().to_string()))
            .collect();
        assert_eq!(folders.len(), 9);
        assert_eq!(folders[0].chars().count(), 80);
        assert_eq!(folders[3], format!("{} (2)", folders[0]));
        assert_eq!(folders[6], "Chi bộ Văn-phòng");
        assert_eq!(files[6].unit.as_deref(), Some("Chi bộ Văn/phòng"));
    }
}
