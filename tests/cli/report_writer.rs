//! The report workbook written by `dvk::output::report`, read back with calamine, with dvk's
//! own reader, and as the raw XML of the .xlsx package.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Range, Reader};
use chrono::NaiveDate;
use dvk::dvk_workbooks::MODELS_SHEET;
use dvk::figures::aggregate::{Aggregates, Counts, FieldYear, PhaseFigures, UnitYear};
use dvk::figures::missing::{MissingItem, MissingReport, MissingUnit, Urgency};
use dvk::findings::{Code, Finding};
use dvk::judge::assess::{Model, Status};
use dvk::output::report::{report_bytes, write_report, ReportInput};
use dvk::pipeline::check_report::UnitFinding;
use dvk::recognize::forms::{ColumnRole, FormKind};
use dvk::recognize::validate::{Dated, Registration, SelfAssessment, Source};
use dvk::recognize::values::Kind;
use dvk::rules::config::Committee;

const VAN_PHONG: &str = "Chi bộ Văn phòng";
const THANH_TRA: &str = "Chi bộ Thanh tra";
const CONG_CHUNG: &str = "Chi bộ Phòng Công chứng số 2";

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid test date")
}

fn counts(figures: [u32; 8]) -> Counts {
    Counts::from_figures(figures)
}

/// Per cell of 2018: collective, individual, on time, late, self-assessed, eligible,
/// recognized, commended.
const VAN_PHONG_2018: [u32; 8] = [2, 1, 3, 0, 2, 2, 1, 1];
const THANH_TRA_2018: [u32; 8] = [1, 1, 1, 1, 1, 0, 0, 0];
const TOTALS_2018: [u32; 8] = [3, 2, 4, 1, 3, 2, 1, 1];

fn cell_year(cell: &str, year: i32, figures: [u32; 8]) -> UnitYear {
    UnitYear {
        committee: None,
        unit: cell.to_string(),
        year,
        counts: counts(figures),
    }
}

fn field_year(field: &str, year: i32, figures: [u32; 8]) -> FieldYear {
    FieldYear {
        field: field.to_string(),
        year,
        counts: counts(figures),
    }
}

/// The figures of 2018 (and, for a phase, of 2016–2020 with the same figures in 2020).
fn aggregates(years: &[i32]) -> Aggregates {
    let mut aggregates = Aggregates {
        years: years.to_vec(),
        ..Aggregates::default()
    };
    for cell in [VAN_PHONG, THANH_TRA, CONG_CHUNG] {
        for &year in years {
            let figures = match (cell, year) {
                (VAN_PHONG, 2018) => VAN_PHONG_2018,
                (THANH_TRA, 2018) => THANH_TRA_2018,
                (VAN_PHONG, 2020) => [1, 0, 1, 0, 1, 1, 1, 0],
                _ => [0; 8],
            };
            aggregates.rows.push(cell_year(cell, year, figures));
        }
    }
    for &year in years {
        let total = match year {
            2018 => counts(TOTALS_2018),
            2020 => counts([1, 0, 1, 0, 1, 1, 1, 0]),
            _ => Counts::default(),
        };
        aggregates.year_totals.push((year, total));
        aggregates
            .missing
            .push((year, vec![CONG_CHUNG.to_string()]));
    }
    aggregates.totals = aggregates
        .year_totals
        .iter()
        .fold(Counts::default(), |sum, (_, c)| sum.plus(c));
    aggregates.by_field = vec![
        field_year("Kinh tế", 2018, [2, 0, 2, 0, 2, 1, 1, 1]),
        field_year("Văn hóa – xã hội", 2018, [1, 2, 2, 1, 1, 1, 0, 0]),
    ];
    if years.len() > 1 {
        aggregates.by_phase = vec![PhaseFigures {
            phase: "Giai đoạn 2016 – 2020".to_string(),
            review: "sơ kết".to_string(),
            counts: aggregates.totals,
        }];
    }
    aggregates
}

struct ModelSpec {
    cell: &'static str,
    kind: Kind,
    name: &'static str,
    person: Option<&'static str>,
    date: Option<NaiveDate>,
    status: Status,
    reasons: &'static [&'static str],
    late: bool,
}

fn model(spec: ModelSpec, row: u32) -> Model {
    let source = Source {
        path: "2018/dang-ky/tong-hop.xlsx".to_string(),
        sheet: "DS".to_string(),
        row,
    };
    let registration = Registration {
        source: source.clone(),
        unit: spec.cell.to_string(),
        year: 2018,
        kind: spec.kind,
        name: spec.name.to_string(),
        person: spec.person.map(String::from),
        position: spec.person.map(|_| "Chuyên viên".to_string()),
        domain: Some("Kinh tế".to_string()),
        unknown_field: None,
        date: spec.date.map(|date| Dated {
            date,
            column: None,
            received: false,
        }),
        sub_unit: None,
        committee: None,
        reported: None,
    };
    let assessed = !matches!(spec.status, Status::Registered);
    let assessment = assessed.then(|| SelfAssessment {
        source,
        unit: spec.cell.to_string(),
        year: 2018,
        kind: Some(spec.kind),
        name: spec.name.to_string(),
        person: None,
        rating: Some("Tốt".to_string()),
        vote: None,
        spread: Some(true),
        proposed: Some(true),
        recognized: None,
        date: None,
        commendation: None,
    });
    Model {
        registration,
        assessment: assessment.map(Box::new),
        status: spec.status,
        reasons: spec.reasons.iter().map(|r| r.to_string()).collect(),
        late: spec.late,
        commendation: None,
    }
}

/// Four models; the first is recognized (the status that once made a sheet read as a
/// decision), the second has a reason that names a self-assessment column.
fn models() -> Vec<Model> {
    let specs = [
        ModelSpec {
            cell: VAN_PHONG,
            kind: Kind::Collective,
            name: "=SUM(A1)",
            person: None,
            date: Some(day(2018, 10, 5)),
            status: Status::Recognized,
            reasons: &[],
            late: false,
        },
        ModelSpec {
            cell: VAN_PHONG,
            kind: Kind::Individual,
            name: "+84 912 Tổng đài",
            person: Some("Nguyễn Thị Hoa"),
            date: None,
            status: Status::SelfAssessed,
            reasons: &[
                "biểu quyết 10/20 phiếu tán thành, chưa quá 50%",
                "chưa có sức lan tỏa",
            ],
            late: false,
        },
        ModelSpec {
            cell: THANH_TRA,
            kind: Kind::Collective,
            name: "-x",
            person: None,
            date: Some(day(2018, 10, 12)),
            status: Status::Registered,
            reasons: &["chưa có báo cáo tự đánh giá"],
            late: true,
        },
        ModelSpec {
            cell: THANH_TRA,
            kind: Kind::Individual,
            name: "@x",
            person: Some("Lê Văn Nam"),
            date: Some(day(2018, 10, 1)),
            status: Status::NotRecognized,
            reasons: &["Đảng ủy không công nhận"],
            late: false,
        },
    ];
    specs
        .into_iter()
        .zip(7u32..)
        .map(|(spec, row)| model(spec, row))
        .collect()
}

fn missing_2018() -> MissingReport {
    MissingReport {
        year: 2018,
        as_of: "2018-12-30".to_string(),
        roster_units: 3,
        rule: "Kế hoạch 61-KH/ĐUSTP".to_string(),
        units: vec![MissingUnit {
            unit: CONG_CHUNG.to_string(),
            codes: vec![Code::MissingRegistration],
            secretary: Some("Bùi Thị Lan".to_string()),
            phone: None,
            items: vec![MissingItem {
                code: Code::MissingRegistration,
                detail: "Chưa đăng ký mô hình, điển hình nào".to_string(),
                deadline: "10/10/2018".to_string(),
                last_day: "2018-10-10".to_string(),
                status: Urgency::Overdue,
                days: 81,
            }],
        }],
    }
}

fn findings() -> Vec<Finding> {
    vec![Finding::new(
        Code::LateRegistration,
        "2018/dang-ky/tong-hop.xlsx",
        "Đăng ký muộn 2 ngày so với hạn 10/10/2018",
    )
    .at("DS", 9)
    .column("Ngày đăng ký")
    .value("=12/10/2018")]
}

/// The findings as the report lists them, each with its unit (leaked: a fixture lives for the
/// whole test).
fn placed() -> Vec<UnitFinding<'static>> {
    findings()
        .into_iter()
        .map(|finding| UnitFinding {
            unit: Some(VAN_PHONG),
            finding: Box::leak(Box::new(finding)),
        })
        .collect()
}

struct Fixture {
    committee: Committee,
    aggregates: Aggregates,
    models: Vec<Model>,
    missing: Vec<MissingReport>,
    placed: Vec<UnitFinding<'static>>,
    first_year: i32,
    last_year: i32,
}

impl Fixture {
    fn yearly() -> Fixture {
        Fixture {
            committee: Committee::builtin(),
            aggregates: aggregates(&[2018]),
            models: models(),
            missing: vec![missing_2018()],
            placed: placed(),
            first_year: 2018,
            last_year: 2018,
        }
    }

    fn phase() -> Fixture {
        Fixture {
            aggregates: aggregates(&[2016, 2017, 2018, 2019, 2020]),
            first_year: 2016,
            last_year: 2020,
            ..Fixture::yearly()
        }
    }

    fn input(&self) -> ReportInput<'_> {
        ReportInput {
            committee: &self.committee,
            first_year: self.first_year,
            last_year: self.last_year,
            date: day(self.last_year, 12, 30),
            aggregates: &self.aggregates,
            models: &self.models,
            missing: &self.missing,
            findings: &self.placed,
            number: None,
            fields: &[],
        }
    }

    /// Writes the report into a new folder; returns the folder (kept alive) and the file.
    fn write(&self) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("bao-cao.xlsx");
        write_report(&self.input(), &path).expect("the report is written");
        (dir, path)
    }
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut book = open_workbook_auto(path).expect("the report opens");
    book.worksheet_range(name).expect("the sheet exists")
}

fn texts(range: &Range<Data>) -> Vec<String> {
    range.rows().flatten().map(|c| c.to_string()).collect()
}

/// The row that has a cell equal to `label`.
fn row_with<'a>(range: &'a Range<Data>, label: &str) -> &'a [Data] {
    range
        .rows()
        .find(|r| r.iter().any(|c| matches!(c, Data::String(s) if s == label)))
        .unwrap_or_else(|| panic!("no row «{label}» in {:?}", texts(range)))
}

/// The numbers of a row, in order (text and blanks left out).
fn numbers(row: &[Data]) -> Vec<u32> {
    row.iter()
        .filter_map(|c| match c {
            Data::Float(f) => Some(*f as u32),
            Data::Int(i) => Some(*i as u32),
            _ => None,
        })
        .collect()
}

/// A part of the .xlsx package as text.
fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    Some(text)
}

#[test]
fn the_sheets_come_in_order() {
    let (_dir, path) = Fixture::yearly().write();
    let book = open_workbook_auto(&path).expect("the report opens");
    assert_eq!(
        book.sheet_names(),
        [
            "Báo cáo",
            "Danh sách mô hình",
            "Theo lĩnh vực",
            "Còn thiếu",
            "Phát hiện"
        ]
    );
}

#[test]
fn the_signed_page_is_a_party_document_with_the_figures_per_cell() {
    let (_dir, path) = Fixture::yearly().write();
    let page = sheet(&path, "Báo cáo");
    let all = texts(&page);
    for expected in [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        "ĐẢNG ỦY SỞ TƯ PHÁP",
        "Số        -BC/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Đồng Hới, ngày 30 tháng 12 năm 2018",
        "BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” NĂM 2018",
        "Nơi nhận:",
        "- Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh (để báo cáo)",
        "- Các chi bộ trực thuộc",
        "T/M BAN CHẤP HÀNH",
        "BÍ THƯ",
    ] {
        assert!(all.iter().any(|t| t == expected), "«{expected}» in {all:?}");
    }
    let paragraph = all
        .iter()
        .find(|t| t.starts_with("Năm 2018, "))
        .expect("the figures in words");
    assert!(
        paragraph.contains("2/3 chi bộ đã đăng ký 3 mô hình tập thể và 2 điển hình cá nhân; 4 đăng ký đúng hạn, 1 muộn;"),
        "{paragraph}"
    );
    assert!(paragraph.contains("Còn 1 chi bộ chưa đăng ký: Chi bộ Phòng Công chứng số 2."));
    let header = row_with(&page, "Chi bộ");
    let header: Vec<String> = header.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "STT",
            "Chi bộ",
            "Tập thể",
            "Cá nhân",
            "Đúng hạn",
            "Muộn",
            "Đã tự đánh giá",
            "Đủ điều kiện",
            "Được công nhận",
            "Khen thưởng"
        ]
    );
    let with_stt = |n: u32, figures: [u32; 8]| [vec![n], figures.to_vec()].concat();
    assert_eq!(
        numbers(row_with(&page, VAN_PHONG)),
        with_stt(1, VAN_PHONG_2018)
    );
    assert_eq!(
        numbers(row_with(&page, THANH_TRA)),
        with_stt(2, THANH_TRA_2018)
    );
    assert_eq!(numbers(row_with(&page, CONG_CHUNG)), with_stt(3, [0; 8]));
    // The totals row: numbers (not texts), from the aggregates' totals, no STT.
    assert_eq!(numbers(row_with(&page, "Tổng cộng")), TOTALS_2018);
}

#[test]
fn the_models_sheet_has_one_row_per_model_with_its_values() {
    let fixture = Fixture::yearly();
    let (_dir, path) = fixture.write();
    let list = sheet(&path, MODELS_SHEET);
    let rows: Vec<&[Data]> = list.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "STT",
            "Chi bộ",
            "Năm",
            "Loại",
            "Tên mô hình, điển hình",
            "Họ và tên / Tên tập thể",
            "Chức vụ",
            "Lĩnh vực",
            "Ngày đăng ký",
            "Thời hạn đăng ký",
            "Tình trạng tự đánh giá",
            "Tình trạng công nhận",
            "Được khen thưởng",
            "Lý do",
            "Tệp nguồn",
            "Dòng nguồn"
        ]
    );
    assert_eq!(rows[1][0], Data::String("(1)".into()), "the column numbers");
    assert_eq!(rows.len(), 2 + fixture.models.len());
    let first = rows[2];
    assert_eq!(first[0], Data::Float(1.0));
    assert_eq!(first[1], Data::String(VAN_PHONG.into()));
    assert_eq!(first[2], Data::Float(2018.0), "the year is a number");
    assert_eq!(first[3], Data::String("Tập thể".into()));
    assert_eq!(first[7], Data::String("Kinh tế".into()));
    match &first[8] {
        Data::DateTime(date) => {
            let date = date.as_datetime().map(|d| d.date());
            assert_eq!(date, Some(day(2018, 10, 5)));
        }
        other => panic!("the registration date is an Excel date, not {other:?}"),
    }
    assert_eq!(first[9], Data::String("Đúng hạn".into()));
    assert_eq!(first[10], Data::String("Đã tự đánh giá".into()));
    assert_eq!(first[11], Data::String("được công nhận".into()));
    assert_eq!(first[14], Data::String("2018/dang-ky/tong-hop.xlsx".into()));
    assert_eq!(first[15], Data::Float(7.0));
    let second = rows[3];
    assert_eq!(second[3], Data::String("Cá nhân".into()));
    assert_eq!(second[5], Data::String("Nguyễn Thị Hoa".into()));
    assert_eq!(second[6], Data::String("Chuyên viên".into()));
    assert_eq!(second[8], Data::Empty, "no date: a blank cell");
    assert_eq!(second[9], Data::String("Không rõ ngày".into()));
    assert_eq!(
        second[13],
        Data::String("biểu quyết 10/20 phiếu tán thành, chưa quá 50%; chưa có sức lan tỏa".into())
    );
    assert_eq!(rows[4][9], Data::String("Muộn".into()));
    assert_eq!(rows[4][10], Data::String("Chưa".into()));
    assert_eq!(rows[5][11], Data::String("không được công nhận".into()));
    // Texts that look like formulas stay texts.
    let names: Vec<&Data> = rows[2..].iter().map(|r| &r[4]).collect();
    for (name, expected) in names
        .iter()
        .zip(["=SUM(A1)", "+84 912 Tổng đài", "-x", "@x"])
    {
        assert_eq!(**name, Data::String(expected.into()));
    }
}

#[test]
fn the_models_sheet_is_recognized_as_a_registration_form() {
    let fixture = Fixture::yearly();
    let (_dir, path) = fixture.write();
    let book = dvk::ingest::read::read_workbook(&path).expect("dvk reads its own report");
    let list = book
        .sheets
        .iter()
        .find(|s| s.name == MODELS_SHEET)
        .expect("the models sheet is visible");
    let form = dvk::recognize::forms::recognize(list).expect("a known form");
    assert_eq!(form.kind, FormKind::Registration);
    assert_eq!(form.header_last_row, 0, "one header row");
    let column = |field: ColumnRole| form.column(field).map(|c| c.index);
    assert_eq!(column(ColumnRole::Unit), Some(1));
    assert_eq!(column(ColumnRole::Year), Some(2));
    assert_eq!(column(ColumnRole::Kind), Some(3));
    assert_eq!(column(ColumnRole::ModelName), Some(4));
    assert_eq!(column(ColumnRole::Person), Some(5));
    assert_eq!(column(ColumnRole::Field), Some(7));
    assert_eq!(column(ColumnRole::RegistrationDate), Some(8));
    for field in [
        ColumnRole::Result,
        ColumnRole::SelfRating,
        ColumnRole::VoteResult,
        ColumnRole::Recognized,
        ColumnRole::Proposed,
    ] {
        assert_eq!(column(field), None, "{field:?}");
    }
    assert_eq!(
        form.data_rows,
        vec![2, 3, 4, 5],
        "the column numbers are skipped"
    );
}

#[test]
fn a_check_of_the_report_reads_back_every_model() {
    let fixture = Fixture::yearly();
    let (dir, _path) = fixture.write();
    let mut options = dvk::pipeline::CheckOptions::new(vec![dir.path().to_path_buf()]);
    // After the registration deadline, before the self-assessments are due.
    options.as_of = day(2018, 10, 15);
    let report = dvk::pipeline::run(&options).expect("the check runs");
    assert_eq!(report.files.len(), 1);
    assert_eq!(
        report.files[0].form,
        dvk::pipeline::check_report::FileForm::Registration
    );
    assert_eq!(report.files[0].sheet.as_deref(), Some(MODELS_SHEET));
    assert_eq!(report.summary.rows, 4);
    assert_eq!(report.summary.rows_accepted, 4, "{:?}", report.findings);
    let names: Vec<&str> = report
        .models
        .iter()
        .map(|m| m.registration.name.as_str())
        .collect();
    assert_eq!(names, ["=SUM(A1)", "+84 912 Tổng đài", "-x", "@x"]);
    let kinds: Vec<Kind> = report.models.iter().map(|m| m.registration.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Collective,
            Kind::Individual,
            Kind::Collective,
            Kind::Individual
        ]
    );
    let dates: Vec<Option<NaiveDate>> = report
        .models
        .iter()
        .map(|m| m.registration.date.as_ref().map(|d| d.date))
        .collect();
    assert_eq!(
        dates,
        [
            Some(day(2018, 10, 5)),
            None,
            Some(day(2018, 10, 12)),
            Some(day(2018, 10, 1))
        ]
    );
    // The late registration stays late; nothing else is an error.
    let errors: Vec<Code> = report
        .findings
        .iter()
        .filter(|f| f.severity == dvk::findings::Severity::Error)
        .map(|f| f.code)
        .collect();
    assert_eq!(errors, [Code::LateRegistration], "{:?}", report.findings);
}

#[test]
fn the_figures_sheet_has_native_charts_over_its_own_cells() {
    let fixture = Fixture::yearly();
    let bytes = report_bytes(&fixture.input()).expect("the report is built");
    let cells_chart = part(&bytes, "xl/charts/chart1.xml").expect("a first chart");
    assert!(
        cells_chart.contains("<c:grouping val=\"stacked\"/>"),
        "{cells_chart}"
    );
    // The per-cell table is the second table of «Theo lĩnh vực»: three cells, rows 12–14.
    assert!(
        cells_chart.contains("<c:f>'Theo lĩnh vực'!$A$12:$A$14</c:f>"),
        "{cells_chart}"
    );
    assert!(cells_chart.contains("<c:f>'Theo lĩnh vực'!$B$12:$B$14</c:f>"));
    assert!(cells_chart.contains("<c:f>'Theo lĩnh vực'!$C$12:$C$14</c:f>"));
    let fields_chart = part(&bytes, "xl/charts/chart2.xml").expect("a chart by field");
    assert!(fields_chart.contains("<c:barDir val=\"col\"/>"));
    assert!(fields_chart.contains("<c:f>'Theo lĩnh vực'!$A$6:$A$7</c:f>"));
    assert!(
        part(&bytes, "xl/charts/chart3.xml").is_none(),
        "no trend for a single year"
    );
    // The ranges hold what the charts say.
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("bao-cao.xlsx");
    std::fs::write(&path, &bytes).expect("written");
    let figures = sheet(&path, "Theo lĩnh vực");
    let cell = |row: u32, col: u32| figures.get_value((row, col)).cloned();
    assert_eq!(cell(11, 0), Some(Data::String(VAN_PHONG.into())));
    assert_eq!(cell(13, 0), Some(Data::String(CONG_CHUNG.into())));
    assert_eq!(cell(10, 1), Some(Data::String("Tập thể".into())));
    assert_eq!(cell(11, 1), Some(Data::Float(2.0)));
    assert_eq!(cell(11, 2), Some(Data::Float(1.0)));
    assert_eq!(cell(5, 0), Some(Data::String("Kinh tế".into())));
    assert_eq!(cell(6, 0), Some(Data::String("Văn hóa – xã hội".into())));
    assert_eq!(
        numbers(row_with(&figures, "Văn hóa – xã hội")),
        [1, 2, 3, 0]
    );
}

#[test]
fn a_chart_by_cell_is_only_drawn_while_its_bars_stay_legible() {
    let with_cells = |count: usize| {
        let mut fixture = Fixture::yearly();
        fixture.aggregates.rows = (1..=count)
            .map(|n| cell_year(&format!("Chi bộ số {n}"), 2018, [1, 0, 1, 0, 0, 0, 0, 0]))
            .collect();
        report_bytes(&fixture.input()).expect("the report is built")
    };
    let stacked = |bytes: &[u8]| {
        part(bytes, "xl/charts/chart1.xml").is_some_and(|c| c.contains("val=\"stacked\""))
    };
    assert!(stacked(&with_cells(60)), "60 cells: one bar each");
    let many = with_cells(61);
    assert!(!stacked(&many), "61 cells: the table alone");
    let fields_chart = part(&many, "xl/charts/chart1.xml").expect("the chart by field remains");
    assert!(fields_chart.contains("<c:barDir val=\"col\"/>"));
    let figures = {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("bao-cao.xlsx");
        std::fs::write(&path, &many).expect("written");
        sheet(&path, "Theo lĩnh vực")
    };
    assert_eq!(
        numbers(row_with(&figures, "Chi bộ số 61")),
        [1, 0, 1, 0],
        "every cell stays in the table"
    );
}

#[test]
fn every_sheet_is_set_up_for_printing() {
    let bytes = report_bytes(&Fixture::yearly().input()).expect("the report is built");
    for number in 1..=5 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{number}.xml")).expect("a sheet");
        assert!(
            xml.contains("<pageSetup paperSize=\"9\""),
            "sheet {number}: {xml}"
        );
        assert!(xml.contains("fitToHeight=\"0\""), "sheet {number}");
        assert!(
            xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
            "sheet {number}"
        );
        // The document's sheets are numbered from their second page (the page number alone,
        // as in the Word report); the findings list, a working list, from its first.
        let footer = if number < 5 {
            "<headerFooter differentFirst=\"1\"><oddFooter>&amp;C&amp;P</oddFooter>"
        } else {
            "<headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>"
        };
        assert!(xml.contains(footer), "sheet {number}: {xml}");
    }
    let page = part(&bytes, "xl/worksheets/sheet1.xml").expect("the signed page");
    assert!(
        page.contains("orientation=\"portrait\""),
        "the yearly page is portrait"
    );
    assert!(
        page.contains("<pane ySplit="),
        "frozen under the table header"
    );
    let list = part(&bytes, "xl/worksheets/sheet2.xml").expect("the models sheet");
    assert!(list.contains("orientation=\"landscape\""));
    assert!(list.contains("<autoFilter ref=\"A2:P6\"/>"), "{list}");
    assert!(list.contains("<pane ySplit=\"2\""));
    let workbook = part(&bytes, "xl/workbook.xml").expect("the workbook part");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    assert!(workbook.contains("'Danh sách mô hình'!$1:$2"), "{workbook}");
    assert!(
        workbook.contains("'Danh sách mô hình'!$A$1:$N$6"),
        "the print area leaves out the source columns: {workbook}"
    );
    let core = part(&bytes, "docProps/core.xml").expect("the properties");
    assert!(
        core.contains("<cp:category>dvk-report</cp:category>"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>dvk</dc:creator>"));
    assert!(core.contains("2000-01-01T00:00:00Z"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let fixture = Fixture::yearly();
    let first = report_bytes(&fixture.input()).expect("built once");
    let second = report_bytes(&fixture.input()).expect("built twice");
    assert!(first == second);
}

#[test]
fn the_missing_sheet_lists_each_item_or_says_none_is_missing() {
    let fixture = Fixture::yearly();
    let (_dir, path) = fixture.write();
    let missing = sheet(&path, "Còn thiếu");
    let all = texts(&missing);
    assert!(
        all.iter()
            .any(|t| t == "Năm 2018 — tính đến ngày 30/12/2018"),
        "{all:?}"
    );
    let header: Vec<String> = row_with(&missing, "Bí thư")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "STT",
            "Năm",
            "Chi bộ",
            "Bí thư",
            "Còn thiếu",
            "Hạn",
            "Tình trạng"
        ]
    );
    let row = row_with(&missing, CONG_CHUNG);
    assert_eq!(row[0], Data::Float(1.0));
    assert_eq!(row[1], Data::Float(2018.0));
    assert_eq!(row[3], Data::String("Bùi Thị Lan".into()));
    assert_eq!(
        row[4],
        Data::String("Chưa đăng ký mô hình, điển hình nào".into())
    );
    assert_eq!(row[5], Data::String("10/10/2018".into()));
    assert_eq!(row[6], Data::String("quá hạn 81 ngày".into()));

    let mut nothing = Fixture::yearly();
    nothing.missing[0].units.clear();
    let (_dir, path) = nothing.write();
    let all = texts(&sheet(&path, "Còn thiếu"));
    assert!(
        all.iter().any(|t| t == "Không chi bộ nào còn thiếu"),
        "{all:?}"
    );

    let mut no_roster = Fixture::yearly();
    no_roster.missing.clear();
    let (_dir, path) = no_roster.write();
    let all = texts(&sheet(&path, "Còn thiếu"));
    assert!(
        all.iter()
            .any(|t| t.starts_with("Không chi bộ nào còn thiếu") && t.contains("--roster")),
        "{all:?}"
    );
}

#[test]
fn the_findings_sheet_is_that_of_check() {
    let (_dir, path) = Fixture::yearly().write();
    let findings = sheet(&path, "Phát hiện");
    let rows: Vec<&[Data]> = findings.rows().collect();
    assert_eq!(rows[0][0], Data::String("Đơn vị".into()));
    assert_eq!(rows[0][1], Data::String("Tệp".into()));
    assert_eq!(rows[1][0], Data::String("Chi bộ Văn phòng".into()));
    assert_eq!(rows[1][3], Data::Float(9.0));
    assert_eq!(rows[1][5], Data::String("=12/10/2018".into()));
    assert_eq!(rows[1][8], Data::String("late-registration".into()));
}

#[test]
fn texts_are_cut_to_the_limit_of_a_cell() {
    let mut fixture = Fixture::yearly();
    let long = "ả".repeat(40_000);
    fixture.models[0].reasons = vec![long];
    let (_dir, path) = fixture.write();
    let list = sheet(&path, MODELS_SHEET);
    let reason = list
        .get_value((2, 13))
        .map(|c| c.to_string())
        .unwrap_or_default();
    assert_eq!(reason.chars().count(), 32_767);
}

#[test]
fn the_phase_review_has_a_column_group_per_year_and_a_trend() {
    let fixture = Fixture::phase();
    let bytes = report_bytes(&fixture.input()).expect("the review is built");
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("so-ket.xlsx");
    std::fs::write(&path, &bytes).expect("written");
    let page = sheet(&path, "Báo cáo");
    let all = texts(&page);
    assert!(
        all.iter()
            .any(|t| t == "BÁO CÁO SƠ KẾT PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” GIAI ĐOẠN 2016 – 2020"),
        "{all:?}"
    );
    assert!(all
        .iter()
        .any(|t| t == "Đồng Hới, ngày 30 tháng 12 năm 2020"));
    let years = row_with(&page, "Năm 2016");
    let years: Vec<String> = years
        .iter()
        .map(|c| c.to_string())
        .filter(|t| t.starts_with("Năm "))
        .collect();
    assert_eq!(
        years,
        ["Năm 2016", "Năm 2017", "Năm 2018", "Năm 2019", "Năm 2020"]
    );
    assert!(all.iter().any(|t| t == "Cả giai đoạn"));
    // STT, then (registered, recognized) for 2016…2020, then collective, individual,
    // recognized and commended over the phase.
    assert_eq!(
        numbers(row_with(&page, VAN_PHONG)),
        [1, 0, 0, 0, 0, 3, 1, 0, 0, 1, 1, 3, 1, 2, 1]
    );
    assert_eq!(
        numbers(row_with(&page, "Tổng cộng")),
        [0, 0, 0, 0, 5, 1, 0, 0, 1, 1, 4, 2, 2, 1]
    );
    let paragraph = all
        .iter()
        .find(|t| t.starts_with("Giai đoạn 2016 – 2020, "))
        .expect("the figures in words");
    assert!(
        paragraph.contains("năm 2018, 2/3 chi bộ đăng ký 5 mô hình, điển hình, 1 được công nhận"),
        "{paragraph}"
    );
    let signed = part(&bytes, "xl/worksheets/sheet1.xml").expect("the signed page");
    assert!(signed.contains("orientation=\"landscape\""));
    let workbook = part(&bytes, "xl/workbook.xml").expect("the workbook part");
    assert!(
        workbook.contains("'Báo cáo'!$10:$11"),
        "two header rows repeat: {workbook}"
    );
    let trend = part(&bytes, "xl/charts/chart3.xml").expect("a trend over the years");
    assert!(trend.contains("<c:lineChart>"), "{trend}");
    assert!(trend.contains("'Theo lĩnh vực'!$A$19:$A$23"), "{trend}");
    let figures = sheet(&path, "Theo lĩnh vực");
    assert_eq!(numbers(row_with(&figures, "Năm 2018")), [3, 2, 5, 1]);
    assert_eq!(numbers(row_with(&figures, VAN_PHONG)), [3, 1, 4, 2]);
}

#[test]
fn a_phase_of_several_reviews_gets_the_general_title() {
    let mut fixture = Fixture::phase();
    let second = PhaseFigures {
        phase: "Giai đoạn 2021 – 2025".to_string(),
        review: "tổng kết".to_string(),
        counts: Counts::default(),
    };
    fixture.aggregates.by_phase.push(second);
    let (_dir, path) = fixture.write();
    let all = texts(&sheet(&path, "Báo cáo"));
    assert!(
        all.iter().any(|t| t
            == "BÁO CÁO KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA “DÂN VẬN KHÉO” GIAI ĐOẠN 2016 – 2020"),
        "{all:?}"
    );
}

#[test]
fn the_models_list_is_by_unit_in_the_table_order_then_kind() {
    let (_dir, path) = Fixture::yearly().write();
    let table: Vec<String> = sheet(&path, "Báo cáo")
        .rows()
        .filter(|row| matches!(row.first(), Some(Data::Float(_))))
        .filter_map(|row| row.get(1).map(|c| c.to_string()))
        .collect();
    let list = sheet(&path, MODELS_SHEET);
    let listed: Vec<(String, String)> = list
        .rows()
        .skip(2)
        .map(|row| (row[1].to_string(), row[3].to_string()))
        .collect();
    assert!(listed.len() > 1, "{listed:?}");
    let key = |(unit, kind): &(String, String)| {
        let position = table.iter().position(|u| u == unit).unwrap_or(usize::MAX);
        (position, kind != "Tập thể")
    };
    let keys: Vec<_> = listed.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "{listed:?} against the table {table:?}");
}
