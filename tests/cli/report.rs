//! Integration tests of `dvk report`: figures checked against counts made by hand on the
//! samples, the written workbook read back with calamine, and the rollup of a report.

use crate::common::book::{row, SheetSpec};
use crate::common::workdir::{run_in_repo, Workdir};
use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;

const ROSTER: &str = "samples/danh-sach-chi-bo.xlsx";

fn row_of<'a>(json: &'a Value, cell: &str, year: i64) -> &'a Value {
    json["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["cell"] == cell && r["year"] == year))
        .unwrap_or(&Value::Null)
}

/// The figures of one cell as (collective, individual, on_time, late, self_assessed, eligible).
fn figures(v: &Value) -> [i64; 6] {
    [
        "collective",
        "individual",
        "on_time",
        "late",
        "self_assessed",
        "eligible",
    ]
    .map(|k| v[k].as_i64().unwrap_or(-1))
}

#[test]
fn yearly_report_figures_match_the_samples_counted_by_hand() {
    let dir = Workdir::new();
    let out = dir.path().join("bao-cao-2018.xlsx");
    let out = out.to_string_lossy().to_string();
    let run = run_in_repo(&[
        "report", "--year", "2018", "samples", "--roster", ROSTER, "--out", &out, "--json",
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let json = run.json();
    // Hand count (samples/README.md): 7 cells registered in 2018; Hành chính tư pháp late on
    // both rows; Bổ trợ tư pháp only a collective; Trợ giúp pháp lý keeps rows 7–8 of 6.
    assert_eq!(
        figures(row_of(&json, "Chi bộ Văn phòng", 2018)),
        [1, 1, 2, 0, 2, 2]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Thanh tra", 2018)),
        [1, 1, 2, 0, 1, 1]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Hành chính tư pháp", 2018)),
        [1, 1, 0, 2, 0, 0]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Phòng Bổ trợ tư pháp", 2018)),
        [1, 0, 1, 0, 0, 0]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Phổ biến giáo dục pháp luật", 2018)),
        [1, 1, 2, 0, 0, 0]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Trung tâm Trợ giúp pháp lý", 2018)),
        [1, 1, 2, 0, 0, 0]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Phòng Công chứng số 1", 2018)),
        [1, 1, 2, 0, 0, 0]
    );
    assert_eq!(
        figures(row_of(&json, "Chi bộ Phòng Công chứng số 2", 2018)),
        [0; 6]
    );
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(10));
    assert_eq!(figures(&json["totals"]), [7, 6, 11, 2, 3, 3]);
    assert_eq!(json["totals"]["recognized"], 0);
    assert_eq!(
        json["missing"][0]["cells"],
        serde_json::json!([
            "Chi bộ Phòng Công chứng số 2",
            "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
            "Chi bộ Phòng Xây dựng và kiểm tra văn bản"
        ])
    );

    // The workbook: the signed page carries the same figures.
    let mut book = open_workbook_auto(&out).expect("report opens");
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "Báo cáo",
            "Danh sách mô hình",
            "Theo lĩnh vực",
            "Còn thiếu",
            "Phát hiện"
        ]
    );
    let page = book.worksheet_range("Báo cáo").expect("report sheet");
    let texts: Vec<String> = page.rows().flatten().map(|c| c.to_string()).collect();
    assert!(texts.iter().any(|t| t == "ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("ngày 30 tháng 12 năm 2018")),
        "{texts:?}"
    );
    let total_row = page
        .rows()
        .find(|r| r.iter().any(|c| *c == "Tổng cộng"))
        .expect("a totals row");
    let numbers: Vec<f64> = total_row
        .iter()
        .filter_map(|c| match c {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        })
        .collect();
    assert_eq!(&numbers[..4], &[7.0, 6.0, 11.0, 2.0], "{total_row:?}");
    let models = book
        .worksheet_range("Danh sách mô hình")
        .expect("models sheet");
    let numbered = models
        .rows()
        .filter(|r| matches!(r.first(), Some(Data::Float(_) | Data::Int(_))))
        .count();
    assert_eq!(numbered, 13, "one row per 2018 model");
}

#[test]
fn the_models_sheet_of_a_report_is_read_back_by_check() {
    let dir = Workdir::new();
    let out = dir.file("cap-tren/dang-bo-su-tu-phap.xlsx");
    let out_arg = out.to_string_lossy().to_string();
    let run = run_in_repo(&[
        "report", "--year", "2018", "samples", "--roster", ROSTER, "--out", &out_arg,
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    // The higher committee checks the reports of its member committees.
    let rollup = dir.run(&["check", "cap-tren", "--as-of", "2018-12-30", "--json"]);
    let json = rollup.json();
    // The Word report beside the workbook is listed as skipped.
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let book = files
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(".xlsx")))
        .unwrap_or(&Value::Null);
    assert_eq!(book["form"], "registration", "{}", rollup.stdout);
    assert_eq!(book["sheet"], "Danh sách mô hình");
    assert_eq!(json["summary"]["rows"], 13);
    assert_eq!(json["summary"]["rows_accepted"], 13, "{}", rollup.stdout);
    let kinds: Vec<&str> = json["models"]
        .as_array()
        .map(|m| m.iter().filter_map(|m| m["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds.iter().filter(|k| **k == "collective").count(), 7);
    // The late registrations stay late when consolidated.
    let late = json["issues"]
        .as_array()
        .map(|i| {
            i.iter()
                .filter(|i| i["code"] == "late-registration")
                .count()
        })
        .unwrap_or(0);
    assert_eq!(late, 2);
    // And a report of the consolidated rows gives the same totals.
    let again = dir.file("tong-hop.xlsx");
    let again_arg = again.to_string_lossy().to_string();
    let json = dir
        .run(&[
            "report", "--year", "2018", "cap-tren", "--out", &again_arg, "--json",
        ])
        .json();
    assert_eq!(json["totals"]["collective"], 7);
    assert_eq!(json["totals"]["individual"], 6);
    assert_eq!(json["totals"]["late"], 2);
}

#[test]
fn phase_review_has_a_column_per_year() {
    let dir = Workdir::new();
    let out = dir.path().join("tong-ket.xlsx");
    let out = out.to_string_lossy().to_string();
    let run = run_in_repo(&[
        "report", "--from", "2018", "--to", "2024", "samples", "--roster", ROSTER, "--out", &out,
        "--json",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["years"].as_array().map(Vec::len), Some(7));
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(70));
    // 2018: 13 models; 2024: 13 models (Trợ giúp pháp lý registers three).
    assert_eq!(
        json["totals"]["collective"].as_i64().unwrap_or(0)
            + json["totals"]["individual"].as_i64().unwrap_or(0),
        26
    );
    let mut book = open_workbook_auto(&out).expect("phase review opens");
    let page = book.worksheet_range("Báo cáo").expect("report sheet");
    let texts: Vec<String> = page.rows().flatten().map(|c| c.to_string()).collect();
    for year in ["2018", "2024"] {
        assert!(
            texts.iter().any(|t| t.contains(year)),
            "{year} not in {texts:?}"
        );
    }
    // The Word review's Phụ lục 1 has the workbook's columns: a group per year (registered,
    // recognized), then the whole phase (collective, individual, recognized, commended).
    let (_, rows) = docx_text(&dir.path().join("tong-ket.docx"));
    let years: String = (2018..=2024).map(|y| format!("Năm {y} | ")).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains(&format!("STT | Chi bộ | {years}Cả giai đoạn"))),
        "{rows:#?}"
    );
    // Văn phòng: 2 in 2018, 2 in 2024; 2 collective, 2 individual over the phase.
    assert!(
        rows.iter()
            .any(|r| r.ends_with("1 | Chi bộ Văn phòng | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | 0 | 2 | 2 | 0 | 0")),
        "{rows:#?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.ends_with("| Tổng cộng | 13 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 13 | 0 | 13 | 13 | 0 | 0")),
        "{rows:#?}"
    );
}

#[test]
fn report_arguments_are_checked() {
    let dir = Workdir::new();
    assert_eq!(
        dir.run(&["report", "--year", "2018", "x"]).code,
        2,
        "--out is required"
    );
    assert_eq!(
        dir.run(&["report", "--from", "2020", "--to", "2018", "x", "--out", "a.xlsx"])
            .code,
        2
    );
}

/// The text of a Word document's body, paragraph by paragraph (the runs of each `w:p`
/// joined), and of its tables' rows (cells joined by " | ").
pub(crate) fn docx_text(path: &std::path::Path) -> (Vec<String>, Vec<String>) {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("the Word report");
    let mut zip = zip::ZipArchive::new(file).expect("a .docx is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("read the document");
    let text = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").expect("regex");
    let texts_of = |fragment: &str| -> String {
        text.captures_iter(fragment)
            .map(|c| c[1].to_string())
            .collect::<String>()
    };
    let paragraphs = xml
        .split("</w:p>")
        .map(texts_of)
        .filter(|t| !t.is_empty())
        .collect();
    let rows = xml
        .split("</w:tr>")
        .map(|row| {
            row.split("</w:tc>")
                .map(texts_of)
                .collect::<Vec<_>>()
                .join(" | ")
                .trim_end_matches(" | ")
                .to_string()
        })
        .collect();
    (paragraphs, rows)
}

#[test]
fn the_word_report_has_the_sections_the_appendices_and_the_workbooks_figures() {
    let dir = Workdir::new();
    let out = dir.path().join("bao-cao-2018.xlsx");
    let out_arg = out.to_string_lossy().to_string();
    let run = run_in_repo(&[
        "report", "--year", "2018", "samples", "--roster", ROSTER, "--out", &out_arg, "--json",
        "--number", "12",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let docx = dir.path().join("bao-cao-2018.docx");
    assert!(docx.exists(), "the Word report beside the workbook");
    let (paragraphs, rows) = docx_text(&docx);
    let all = paragraphs.join("\n");
    for expected in [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        "ĐẢNG ỦY SỞ TƯ PHÁP",
        "Số 12-BC/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Đồng Hới, ngày 30 tháng 12 năm 2018",
        "BÁO CÁO",
        "Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2018",
        "I. TÌNH HÌNH TRIỂN KHAI, TỔ CHỨC PHONG TRÀO",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "Nơi nhận:",
        "T/M BAN CHẤP HÀNH",
        "Phụ lục 1",
        "Phụ lục 2",
        "(Kèm theo Báo cáo số 12-BC/ĐU, ngày 30/12/2018)",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == expected),
            "«{expected}» in\n{all}"
        );
    }
    // The figures of the JSON (the workbook's), in digits and in words.
    let totals = &json["totals"];
    let total = |key: &str| totals[key].as_u64().unwrap_or(u64::MAX);
    let registered = total("collective") + total("individual");
    assert_eq!((total("collective"), total("individual")), (7, 6));
    assert!(
        all.contains(&format!("đăng ký {registered} (mười ba) mô hình, điển hình, gồm 07 (bảy) mô hình tập thể và 06 (sáu) điển hình cá nhân")),
        "{all}"
    );
    assert!(
        all.contains("Còn 03 (ba) chi bộ chưa đăng ký: Chi bộ Phòng Công chứng số 2"),
        "{all}"
    );
    assert!(
        all.contains("(Dự thảo"),
        "the assessment is marked as a draft"
    );
    // Phụ lục 1: one row per unit, the totals row equal to the workbook's.
    let figures = [
        "collective",
        "individual",
        "on_time",
        "late",
        "self_assessed",
        "eligible",
        "recognized",
        "commended",
    ]
    .map(|key| total(key).to_string())
    .join(" | ");
    assert!(
        rows.iter()
            .any(|r| r.ends_with(&format!("Tổng cộng | {figures}"))),
        "totals {figures} in {rows:?}"
    );
    let units = rows
        .iter()
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()) && r.contains("| Chi bộ "))
        .count();
    assert!(
        units >= 10 + 13,
        "10 units in Phụ lục 1 and 13 models in Phụ lục 2: {rows:?}"
    );
}

#[test]
fn a_word_appendix_too_long_for_paper_lists_two_thousand_rows_and_says_where_the_rest_are() {
    // 2,001 units, one model each, no roster: the workbook lists them all; the Word report's
    // Phụ lục 1 lists 2,000 units and the whole committee's totals (2,001), Phụ lục 2 lists
    // 2,000 models, and each says under its table where the whole table is.
    let dir = Workdir::new();
    let mut rows = vec![
        row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2018"]),
        row(&["Chi bộ", "Loại", "Tên mô hình", "Ngày đăng ký"]),
    ];
    for n in 1..=2001 {
        rows.push(row(&[
            &format!("Chi bộ Tổ dân phố {n}"),
            "Tập thể",
            &format!("Mô hình số {n}"),
            "05/10/2018",
        ]));
    }
    dir.xlsx("in/dang-ky.xlsx", &[SheetSpec::new("DS", rows)]);
    let run = dir.run(&[
        "report", "--year", "2018", "in", "--out", "bc.xlsx", "--json",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(run.json()["totals"]["collective"], 2001);
    let (paragraphs, rows) = docx_text(&dir.path().join("bc.docx"));
    let units = rows
        .iter()
        .filter(|r| r.contains("| Chi bộ Tổ dân phố ") && !r.contains("| 2018 |"))
        .count();
    let models = rows.iter().filter(|r| r.contains("| Mô hình số ")).count();
    assert_eq!((units, models), (2000, 2000), "{:?}", &rows[..5]);
    assert!(
        rows.iter()
            .any(|r| r.ends_with("| Tổng cộng | 2001 | 0 | 2001 | 0 | 0 | 0 | 0 | 0")),
        "the totals are the whole committee's"
    );
    for note in [
        "Phụ lục này liệt kê 2.000 chi bộ đầu tiên trong tổng số 2.001; bảng đầy đủ ở trang «Báo cáo» của tệp «bc.xlsx» gửi kèm.",
        "Phụ lục này liệt kê 2.000 mô hình, điển hình đầu tiên trong tổng số 2.001; danh sách đầy đủ ở trang «Danh sách mô hình» của tệp «bc.xlsx» gửi kèm.",
    ] {
        assert!(paragraphs.iter().any(|p| p == note), "«{note}»");
    }
}
