//! Integration tests of `dvk template`: the forms are written, filled in as a cell would fill
//! them (the example row left in place), and read back by `dvk check` with no finding; their
//! data validation, protection and print setup are read back from the XML.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::fill::{fill_xlsx, reference, text, Typed};
use crate::common::workdir::Workdir;
use chrono::NaiveDate;
use dvk::recognize::forms::{recognize, ColumnRole, Form, FormKind};
use dvk::recognize::values::Kind;
use serde_json::Value;

const ROSTER: &str = "Chi bộ Văn phòng\nThanh tra\n";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// Writes the templates of 2025 with a roster of two cells into `mau/`.
fn templates(dir: &Workdir) {
    std::fs::write(dir.file("chi-bo.txt"), ROSTER).expect("roster");
    let run = dir.run(&[
        "template",
        "--out",
        "mau",
        "--year",
        "2025",
        "--roster",
        "chi-bo.txt",
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

/// The form of the first sheet of a written workbook, as dvk recognizes it.
fn form_of(path: &Path) -> (Form, dvk::sheet::Sheet) {
    let book = dvk::ingest::read::read_workbook(path).expect("readable");
    let sheet = book.sheets.into_iter().next().expect("a visible sheet");
    let form = recognize(&sheet).expect("a recognized form");
    (form, sheet)
}

/// Fills the `rows` (field, value) of a template, from its first numbered row, and the
/// cell's name when the form leaves a place for it; returns where the file went.
fn fill(
    dir: &Workdir,
    template: &str,
    inbox_name: &str,
    cell: Option<&str>,
    rows: &[Vec<(ColumnRole, Typed)>],
) -> PathBuf {
    let target = dir.file(&format!("hop-thu/2025/{inbox_name}"));
    std::fs::copy(dir.path().join("mau").join(template), &target).expect("copy");
    let (form, sheet) = form_of(&target);
    let mut cells = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        // The example row is right under the header; the numbered rows follow it.
        let at = form.header_last_row + 2 + n;
        for (field, value) in row {
            let col = form.column(*field).expect("the column").index;
            cells.push((at, col, value.clone()));
        }
    }
    if let Some(cell) = cell {
        let place = (0..form.header_last_row)
            .find(|&r| matches!(sheet.get(r, 0), dvk::sheet::CellValue::Text(t) if t.starts_with("CHI BỘ …")))
            .expect("a place for the cell's name");
        cells.push((place, 0, text(cell)));
    }
    fill_xlsx(&target, 1, &cells);
    target
}

fn registration(name: &str, person: &str, field: &str, day: u32) -> Vec<(ColumnRole, Typed)> {
    vec![
        (ColumnRole::ModelName, text(name)),
        (ColumnRole::Person, text(person)),
        (ColumnRole::Field, text(field)),
        (
            ColumnRole::Content,
            text("Công khai thủ tục, hẹn ngày trả kết quả"),
        ),
        (
            ColumnRole::RegistrationDate,
            Typed::Date(date(2025, 10, day)),
        ),
    ]
}

fn assessment(
    kind: &str,
    name: &str,
    rating: &str,
    favour: f64,
    proposed: &str,
) -> Vec<(ColumnRole, Typed)> {
    vec![
        (ColumnRole::Kind, text(kind)),
        (ColumnRole::ModelName, text(name)),
        (ColumnRole::Result, text("Trả 100% hồ sơ đúng hẹn")),
        (ColumnRole::SelfRating, text(rating)),
        (ColumnRole::VotesTotal, Typed::Number(20.0)),
        (ColumnRole::VotesFor, Typed::Number(favour)),
        (ColumnRole::Spread, text("Có")),
        (ColumnRole::Proposed, text(proposed)),
        (ColumnRole::ReportDate, Typed::Date(date(2026, 8, 20))),
    ]
}

fn strings(json: &Value, key: &str) -> Vec<String> {
    json.as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i[key].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn filled_templates_read_back_with_no_finding_and_exactly_the_rows_entered() {
    let dir = Workdir::new();
    templates(&dir);
    // Văn phòng fills its own forms: its name is already in them.
    let vp = "Chi bộ Văn phòng";
    let own = |form: &str| format!("{vp}/{form}_{vp}_2025.xlsx");
    fill(
        &dir,
        &own("M1"),
        "vp-m1.xlsx",
        None,
        &[
            registration(
                "Một cửa thân thiện",
                "Bộ phận một cửa",
                "Cải cách hành chính",
                5,
            ),
            registration("Tiếp công dân đúng hẹn", "Văn phòng Sở", "kinh te", 6),
        ],
    );
    let mut exemplar = registration(
        "Hướng dẫn thủ tục trực tuyến",
        "Nguyễn Văn An",
        "Phổ biến giáo dục pháp luật",
        7,
    );
    exemplar.push((ColumnRole::Position, text("Chuyên viên")));
    fill(&dir, &own("M2"), "vp-m2.xlsx", None, &[exemplar]);
    fill(
        &dir,
        &own("TĐG"),
        "vp-tdg.xlsx",
        None,
        &[
            assessment("Tập thể", "Một cửa thân thiện", "Tốt", 18.0, "Có"),
            assessment("Tập thể", "Tiếp công dân đúng hẹn", "Xuất sắc", 15.0, "Có"),
            assessment(
                "Cá nhân",
                "Hướng dẫn thủ tục trực tuyến",
                "Khá",
                11.0,
                "Không",
            ),
        ],
    );
    // Thanh tra fills the forms sent to every cell, writing its name at the top.
    let tt = Some("Chi bộ Thanh tra");
    fill(
        &dir,
        "M1_Đăng ký mô hình tập thể_2025.xlsx",
        "tt-m1.xlsx",
        tt,
        &[registration(
            "Thanh tra công khai",
            "Đoàn thanh tra",
            "Xây dựng hệ thống chính trị",
            9,
        )],
    );
    fill(
        &dir,
        "M2_Đăng ký điển hình cá nhân_2025.xlsx",
        "tt-m2.xlsx",
        tt,
        &[registration(
            "Nói không với phong bì",
            "Lê Thị Bình",
            "Kinh tế",
            10,
        )],
    );
    fill(
        &dir,
        "TĐG_Tự đánh giá mô hình, điển hình_2025.xlsx",
        "tt-tdg.xlsx",
        tt,
        &[
            assessment("Tập thể", "Thanh tra công khai", "Tốt", 12.0, "Có"),
            assessment("Cá nhân", "Nói không với phong bì", "Tốt", 10.0, "Có"),
        ],
    );

    let run = dir.run(&[
        "check",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--as-of",
        "2026-09-30",
        "--json",
    ]);
    let json = run.json();
    assert_eq!(json["issues"], serde_json::json!([]), "{}", run.stdout);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = &json["summary"];
    assert_eq!(summary["files"], 6);
    assert_eq!(summary["rows"], 10, "{summary}");
    assert_eq!(summary["rows_accepted"], 10, "{summary}");
    let files = &json["files"];
    assert_eq!(
        strings(files, "form"),
        [
            "registration",
            "registration",
            "self_assessment",
            "registration",
            "registration",
            "self_assessment"
        ]
    );
    // Outputs use the roster's spelling («Thanh tra»), whatever the cell wrote.
    assert_eq!(
        strings(files, "cell"),
        ["Thanh tra", "Thanh tra", "Thanh tra", vp, vp, vp]
    );
    assert!(files
        .as_array()
        .is_some_and(|f| f.iter().all(|f| f["year"] == 2025)));
    let rows: Vec<u64> = files
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["rows"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(rows, [1, 1, 2, 2, 1, 3]);
    // Exactly the models entered, with their kinds, matched to their self-assessments.
    let models: Vec<(String, String, String, String)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    let s = |k: &str| m[k].as_str().unwrap_or_default().to_string();
                    (s("cell"), s("kind"), s("name"), s("status"))
                })
                .collect()
        })
        .unwrap_or_default();
    let expected = [
        ("Thanh tra", "collective", "Thanh tra công khai", "eligible"),
        (
            "Thanh tra",
            "individual",
            "Nói không với phong bì",
            "self_assessed",
        ),
        (vp, "collective", "Một cửa thân thiện", "eligible"),
        (vp, "collective", "Tiếp công dân đúng hẹn", "eligible"),
        (
            vp,
            "individual",
            "Hướng dẫn thủ tục trực tuyến",
            "self_assessed",
        ),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(models, expected);
}

#[test]
fn a_model_typed_over_the_example_row_counts_and_a_note_under_the_table_does_not() {
    let dir = Workdir::new();
    templates(&dir);
    let vp = "Chi bộ Văn phòng";
    let target = dir.file("hop-thu/2025/vp-m1.xlsx");
    std::fs::copy(
        dir.path()
            .join("mau")
            .join(format!("{vp}/M1_{vp}_2025.xlsx")),
        &target,
    )
    .expect("copy");
    let (form, _) = form_of(&target);
    let example = form.header_last_row + 1;
    let mut cells = Vec::new();
    for (n, name) in ["Số hóa hồ sơ lưu trữ", "Một cửa thân thiện"]
        .into_iter()
        .enumerate()
    {
        for (field, value) in registration(name, "Văn phòng Sở", "Kinh tế", 5 + n as u32) {
            let col = form.column(field).expect("the column").index;
            cells.push((example + n, col, value));
        }
    }
    let name = form.column(ColumnRole::ModelName).expect("name").index;
    let note = "Ghi chú: danh sách đã được chi bộ thông qua ngày 01/10/2025";
    cells.push((example + 2, name, text(note)));
    fill_xlsx(&target, 1, &cells);

    let run = dir.run(&[
        "check",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--as-of",
        "2025-10-08",
        "--json",
    ]);
    let json = run.json();
    let codes = strings(&json["issues"], "code");
    assert_eq!(codes, ["example-row-used"], "{}", run.stdout);
    assert_eq!(json["summary"]["rows"], 2);
    assert_eq!(json["summary"]["rows_accepted"], 2);
    let structure = &json["files"][0]["sheets"][0]["structure"];
    let excel = |row: usize| serde_json::json!([row + 1]);
    assert_eq!(structure["examples_used"], excel(example));
    assert_eq!(structure["examples"], serde_json::json!([]));
    assert_eq!(structure["notes"], excel(example + 2));
    assert_eq!(
        structure["data"],
        serde_json::json!([[example + 1, example + 2]])
    );
    // The numbered rows left blank are named, and so is the signature block.
    assert!(structure["blank_numbered"]
        .as_array()
        .is_some_and(|rows| rows.len() >= 5));
    assert!(structure["closing"]
        .as_array()
        .is_some_and(|rows| rows.len() >= 2));
}

#[test]
fn unfilled_templates_are_recognized_as_their_forms_with_no_row() {
    let dir = Workdir::new();
    templates(&dir);
    let expected = [
        (
            "M1_Đăng ký mô hình tập thể_2025.xlsx",
            FormKind::Registration,
            Some(Kind::Collective),
        ),
        (
            "M2_Đăng ký điển hình cá nhân_2025.xlsx",
            FormKind::Registration,
            Some(Kind::Individual),
        ),
        (
            "TĐG_Tự đánh giá mô hình, điển hình_2025.xlsx",
            FormKind::SelfAssessment,
            None,
        ),
        ("Danh sách chi bộ.xlsx", FormKind::Roster, None),
        (
            "Chi bộ Văn phòng/M1_Chi bộ Văn phòng_2025.xlsx",
            FormKind::Registration,
            Some(Kind::Collective),
        ),
        (
            "Chi bộ Thanh tra/M2_Chi bộ Thanh tra_2025.xlsx",
            FormKind::Registration,
            Some(Kind::Individual),
        ),
        (
            "Chi bộ Thanh tra/TĐG_Chi bộ Thanh tra_2025.xlsx",
            FormKind::SelfAssessment,
            None,
        ),
    ];
    for (file, kind, fixed) in expected {
        let (form, _) = form_of(&dir.path().join("mau").join(file));
        assert_eq!((form.kind, form.fixed_kind), (kind, fixed), "{file}");
        assert!(form.data_rows.is_empty(), "{file}");
        if kind != FormKind::Roster {
            assert_eq!(form.title_year, Some(2025), "{file}");
        }
    }
    let (form, _) = form_of(
        &dir.path()
            .join("mau/Chi bộ Thanh tra/M1_Chi bộ Thanh tra_2025.xlsx"),
    );
    assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ THANH TRA"));
    // dvk check sees 10 forms and no row: the example rows are skipped.
    let run = dir.run(&["check", "mau", "--json"]);
    let json = run.json();
    assert_eq!(json["summary"]["files_read"], 10, "{}", run.stdout);
    assert_eq!(json["summary"]["rows"], 0);
    let codes = strings(&json["issues"], "code");
    assert!(codes.iter().all(|c| c == "empty-form"), "{codes:?}");
}

// ---------------------------------------------------------------------------------------------
// The XML of the written workbook
// ---------------------------------------------------------------------------------------------

/// The text of a part of an .xlsx.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", path.display()));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8");
    text
}

/// A `<dataValidation>` element: its attributes and formulas.
#[derive(Debug, Clone, Default)]
struct Rule {
    attributes: String,
    formula1: String,
    formula2: String,
}

impl Rule {
    fn attribute(&self, name: &str) -> Option<String> {
        let key = format!(" {name}=\"");
        let start = self.attributes.find(&key)? + key.len();
        let end = start + self.attributes[start..].find('"')?;
        Some(unescape(&self.attributes[start..end]))
    }
}

fn unescape(xml: &str) -> String {
    xml.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn inner(xml: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    xml.find(&open)
        .and_then(|start| {
            let from = start + open.len();
            xml[from..]
                .find(&format!("</{tag}>"))
                .map(|end| unescape(&xml[from..from + end]))
        })
        .unwrap_or_default()
}

fn rules(sheet_xml: &str) -> Vec<Rule> {
    sheet_xml
        .split("<dataValidation ")
        .skip(1)
        .map(|chunk| {
            let element = chunk.split("</dataValidation>").next().unwrap_or_default();
            let (attributes, body) = element.split_once('>').unwrap_or((element, ""));
            Rule {
                attributes: format!(" {attributes}"),
                formula1: inner(body, "formula1"),
                formula2: inner(body, "formula2"),
            }
        })
        .collect()
}

/// The rule whose range starts in the column of `field`.
fn rule_of(rules: &[Rule], form: &Form, field: ColumnRole) -> Rule {
    let col = form.column(field).expect("the column").index;
    let first = reference(form.header_last_row + 2, col);
    rules
        .iter()
        .find(|r| {
            r.attribute("sqref")
                .is_some_and(|s| s.starts_with(&format!("{first}:")))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no rule on {first} for {field:?} in {rules:?}"))
}

fn serial(d: NaiveDate) -> String {
    (d - date(1899, 12, 30)).num_days().to_string()
}

#[test]
fn registration_forms_validate_fields_and_dates() {
    let dir = Workdir::new();
    templates(&dir);
    let path = dir.path().join("mau/M1_Đăng ký mô hình tập thể_2025.xlsx");
    let (form, _) = form_of(&path);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let rules = rules(&xml);

    let field = rule_of(&rules, &form, ColumnRole::Field);
    assert_eq!(field.attribute("type").as_deref(), Some("list"));
    assert_eq!(
        field.formula1,
        "\"Kinh tế,Văn hóa – xã hội,Quốc phòng – an ninh,Xây dựng hệ thống chính trị,Cải cách hành chính,Phổ biến giáo dục pháp luật\""
    );
    // Ten numbered rows, from the one under the example row.
    let first = form.header_last_row + 2;
    let col = form
        .column(ColumnRole::Field)
        .map(|c| c.index)
        .unwrap_or_default();
    assert_eq!(
        field.attribute("sqref"),
        Some(format!(
            "{}:{}",
            reference(first, col),
            reference(first + 9, col)
        ))
    );
    assert_eq!(
        field.attribute("errorTitle").as_deref(),
        Some("Lĩnh vực không hợp lệ")
    );
    assert!(field
        .attribute("error")
        .is_some_and(|e| e.starts_with("Chọn lĩnh vực trong danh sách: Kinh tế;")));

    let dates = rule_of(&rules, &form, ColumnRole::RegistrationDate);
    assert_eq!(dates.attribute("type").as_deref(), Some("date"));
    assert_eq!(dates.formula1, serial(date(2024, 1, 1)));
    assert_eq!(dates.formula2, serial(date(2026, 12, 31)));
    assert!(
        dates.attribute("operator").is_none(),
        "between is the default"
    );
    assert!(
        dates
            .attribute("prompt")
            .is_some_and(|p| p.starts_with("Nhập ngày dạng dd/mm/yyyy, ví dụ 01/10/2025")),
        "{dates:?}"
    );
    assert_eq!(dates.attribute("showInputMessage").as_deref(), Some("1"));
    assert_eq!(dates.attribute("showErrorMessage").as_deref(), Some("1"));
    assert!(dates
        .attribute("error")
        .is_some_and(|e| e.contains("từ 01/01/2024 đến 31/12/2026")));

    // The place for the cell's name asks for a name that starts with «Chi bộ».
    let name = rules
        .iter()
        .find(|r| r.attribute("type").as_deref() == Some("custom"))
        .expect("a rule on the cell's name");
    assert_eq!(name.attribute("sqref").as_deref(), Some("A2"));
    assert_eq!(
        name.formula1,
        "OR(LEFT(TRIM(A2),7)=\"Chi bộ \",LEFT(TRIM(A2),7)=\"Chi bo \")"
    );
    // Free-text columns have an input message and no rule.
    let model = rule_of(&rules, &form, ColumnRole::ModelName);
    assert_eq!(model.attribute("type"), None);
    assert!(model
        .attribute("prompt")
        .is_some_and(|p| p.starts_with("Ghi tên mô hình")));

    // Locked but for the cells to fill in; rows may be inserted; A4, fit to width, the
    // header row repeated.
    assert!(xml.contains("<sheetProtection sheet=\"1\""), "protected");
    assert!(xml.contains("insertRows=\"0\""), "rows may be inserted");
    assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"));
    assert!(xml.contains("paperSize=\"9\"") && xml.contains("fitToHeight=\"0\""));
    let header = form.header_last_row + 1;
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(&format!("'Đăng ký M1'!${header}:${header}")),
        "{workbook}"
    );
    assert!(part(&path, "xl/styles.xml").contains("<protection locked=\"0\"/>"));
}

#[test]
fn personal_forms_have_the_cell_locked_in() {
    let dir = Workdir::new();
    templates(&dir);
    let path = dir
        .path()
        .join("mau/Chi bộ Văn phòng/M2_Chi bộ Văn phòng_2025.xlsx");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(rules(&xml)
        .iter()
        .all(|r| r.attribute("type").as_deref() != Some("custom")));
    let (form, sheet) = form_of(&path);
    assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ VĂN PHÒNG"));
    assert_eq!(
        sheet.get(1, 0),
        &dvk::sheet::CellValue::Text("CHI BỘ VĂN PHÒNG".into())
    );
    assert!(xml.contains("<sheetProtection sheet=\"1\""));
}

#[test]
fn self_assessment_forms_validate_kinds_ratings_votes_and_yes_no() {
    let dir = Workdir::new();
    templates(&dir);
    let path = dir
        .path()
        .join("mau/TĐG_Tự đánh giá mô hình, điển hình_2025.xlsx");
    let (form, _) = form_of(&path);
    let rules = rules(&part(&path, "xl/worksheets/sheet1.xml"));
    let list = |field| rule_of(&rules, &form, field).formula1;
    assert_eq!(list(ColumnRole::Kind), "\"Tập thể,Cá nhân\"");
    assert_eq!(
        list(ColumnRole::SelfRating),
        "\"Xuất sắc,Tốt,Khá,Đạt,Không đạt\""
    );
    assert_eq!(list(ColumnRole::Spread), "\"Có,Không\"");
    assert_eq!(list(ColumnRole::Proposed), "\"Có,Không\"");

    let total = rule_of(&rules, &form, ColumnRole::VotesTotal);
    assert_eq!(total.attribute("type").as_deref(), Some("whole"));
    assert_eq!(
        (total.formula1.as_str(), total.formula2.as_str()),
        ("1", "1000000")
    );
    // In favour: a whole number from 0 to the total of the same row.
    let favour = rule_of(&rules, &form, ColumnRole::VotesFor);
    assert_eq!(favour.attribute("type").as_deref(), Some("whole"));
    let total_col = form
        .column(ColumnRole::VotesTotal)
        .map(|c| c.index)
        .unwrap_or_default();
    assert_eq!(favour.formula1, "0");
    assert_eq!(
        favour.formula2,
        reference(form.header_last_row + 2, total_col)
    );
    assert!(favour
        .attribute("error")
        .is_some_and(|e| e.contains("từ 0 đến tổng số phiếu")));

    let report = rule_of(&rules, &form, ColumnRole::ReportDate);
    assert_eq!(report.formula2, serial(date(2026, 12, 31)));
    assert!(report
        .attribute("prompt")
        .is_some_and(|p| p.contains("ví dụ 31/08/2026")));
}

#[test]
fn a_long_list_of_fields_comes_from_a_hidden_sheet() {
    let dir = Workdir::new();
    let fields: Vec<String> = (1..=12)
        .map(|i| format!("\"Lĩnh vực công tác dân vận số {i}, mở rộng\""))
        .collect();
    std::fs::write(
        dir.file("dvk.toml"),
        format!("[committee]\nfields = [{}]\n", fields.join(", ")),
    )
    .expect("config");
    let run = dir.run(&["template", "--out", "mau", "--year", "2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.path().join("mau/M1_Đăng ký mô hình tập thể_2025.xlsx");
    let (form, _) = form_of(&path);
    let rules = rules(&part(&path, "xl/worksheets/sheet1.xml"));
    assert_eq!(
        rule_of(&rules, &form, ColumnRole::Field).formula1,
        "'Danh mục'!$A$1:$A$12"
    );
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"Danh mục\" sheetId=\"3\" state=\"hidden\""),
        "{workbook}"
    );
    // The lists sheet is hidden: dvk does not read it, and the form is still recognized.
    let book = dvk::ingest::read::read_workbook(&path).expect("readable");
    assert_eq!(book.hidden_sheets, 1);
    assert_eq!(book.sheets.len(), 2);
}

#[test]
fn template_needs_an_output_folder_outside_a_workspace() {
    let dir = Workdir::new();
    let run = dir.run(&["template", "--year", "2025"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("thiếu --out"), "{}", run.stderr);
    let run = dir.run(&["template", "--out", "mau", "--year", "3000"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("năm 3000 không hợp lệ"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cell_name_dvk_would_not_read_back_is_flagged() {
    let dir = Workdir::new();
    std::fs::write(
        dir.file("chi-bo.txt"),
        "Chi bộ cơ sở Phòng Tư pháp\nVăn phòng\nChi bộ Sở Tư pháp\n",
    )
    .expect("roster");
    let run = dir.run(&[
        "template",
        "--out",
        "mau",
        "--year",
        "2025",
        "--roster",
        "chi-bo.txt",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("chú ý: tên «Chi bộ Sở Tư pháp» ở tiêu đề biểu mẫu"),
        "{}",
        run.stderr
    );
    // The committee's name is never a unit's; a «cơ sở» name reads back since issue 15.
    assert!(!run.stderr.contains("Văn phòng"), "{}", run.stderr);
    assert!(!run.stderr.contains("cơ sở"), "{}", run.stderr);
}

/// A roster name that looks like a formula goes into the personal forms as text: no cell of
/// any sheet holds a formula, and the file name made from it is safe.
#[test]
fn roster_names_that_look_like_formulas_stay_text() {
    let dir = Workdir::new();
    dir.bytes(
        "roster.txt",
        "=HYPERLINK(\"http://x\",\"y\")\n+84 912\n-Chi bộ\n@SUM(A1)\n../../etc\n".as_bytes(),
    );
    let run = dir.run(&[
        "template",
        "--out",
        "mau",
        "--year",
        "2025",
        "--roster",
        "roster.txt",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let mut written = 0;
    for entry in walkdir::WalkDir::new(dir.path().join("mau"))
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "xlsx") {
            continue;
        }
        assert!(
            path.starts_with(dir.path().join("mau")),
            "{}",
            path.display()
        );
        let file = std::fs::File::open(path).expect("open");
        let mut zip = zip::ZipArchive::new(file).expect("zip");
        for index in 0..zip.len() {
            let mut entry = zip.by_index(index).expect("entry");
            if !entry
                .name()
                .is_ok_and(|n| n.starts_with("xl/worksheets/sheet"))
            {
                continue;
            }
            let mut xml = String::new();
            entry.read_to_string(&mut xml).expect("UTF-8");
            // Data-validation rules carry formulas on purpose; cells never do.
            assert!(!xml.contains("<f>"), "a formula cell in {}", path.display());
        }
        written += 1;
    }
    assert!(written >= 5 * 3, "{written} workbooks");
}
