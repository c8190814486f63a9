//! Every non-blank row accounted for, through the real binary: the rows of each role in
//! `files[].sheets[].structure`, the findings about the table's shape, and the figures that
//! count only the data rows.

use crate::common::book::{row, t, SheetSpec, V};
use crate::common::workdir::Workdir;
use serde_json::{json, Value};

fn codes(json: &Value) -> Vec<(String, Option<u64>)> {
    json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .map(|i| {
                    (
                        i["code"].as_str().unwrap_or("").to_string(),
                        i["row"].as_u64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A Đảng ủy Khối's list as a đảng bộ cơ sở types it: Party heading, sections for the kinds,
/// a total under each, a note, the closing block merged across, and one model typed under the
/// signature. The truth below was counted by hand from the rows as written.
#[test]
fn a_party_list_with_sections_totals_notes_and_a_signature() {
    let dir = Workdir::new();
    let n = |x: f64| V::Num(x);
    let blank = V::Blank;
    let mut sheet = SheetSpec::new(
        "DS",
        vec![
            row(&[
                "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH",
                "",
                "",
                "ĐẢNG CỘNG SẢN VIỆT NAM",
            ]),
            row(&[
                "CHI BỘ CÔNG TY CẤP NƯỚC",
                "",
                "",
                "Hải Phòng, ngày 06 tháng 3 năm 2025",
            ]),
            vec![],
            row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO NĂM 2025"]),
            row(&[
                "STT",
                "Tên mô hình, điển hình",
                "Người thực hiện",
                "Chức vụ",
                "Lĩnh vực",
            ]),
            row(&["(1)", "(2)", "(3)", "(4)", "(5)"]),
            row(&["I", "TẬP THỂ"]),
            vec![
                n(1.0),
                t("Ghi chỉ số bằng điện thoại"),
                t("Phòng Kinh doanh"),
                blank.clone(),
                t("Kinh tế"),
            ],
            vec![
                n(2.0),
                t("Sửa ống trong 24 giờ"),
                t("Tổ Quản lý mạng"),
                blank.clone(),
                t("Kinh tế"),
            ],
            row(&["", "Cộng: 2 mô hình"]),
            row(&["II. CÁ NHÂN"]),
            vec![
                n(1.0),
                t("Dân vận khéo khi thu tiền nước"),
                t("Nguyễn Thị Lan"),
                t("Bí thư chi bộ"),
                t("Kinh tế"),
            ],
            vec![
                n(2.0),
                t("Nói không với phong bì"),
                t("Trần Văn Bình"),
                t("Nhân viên"),
            ],
            row(&["", "Tổng cộng: 5"]),
            row(&["Ghi chú: danh sách đã được chi bộ thông qua ngày 01/3/2025"]),
            row(&["Nơi nhận:", "", "", "T/M CHI BỘ"]),
            row(&["- Đảng ủy Khối;", "", "", "BÍ THƯ"]),
            row(&["- Lưu."]),
            row(&["", "", "", "Nguyễn Thị Lan"]),
            vec![
                n(3.0),
                t("Mô hình ghi dưới chữ ký"),
                t("Tổ Thu ngân"),
                blank,
                t("Kinh tế"),
            ],
        ],
    );
    // The section «II. CÁ NHÂN» and the note are merged across the table.
    sheet.merges = vec![(10, 0, 10, 4), (14, 0, 14, 4)];
    dir.xlsx("khoi/cap-nuoc.xlsx", &[sheet]);
    let run = dir.run(&["check", "khoi", "--as-of", "2025-03-30", "--json"]);
    let json = run.json();
    let structure = &json["files"][0]["sheets"][0]["structure"];
    assert_eq!(
        *structure,
        json!({
            "title": [1, 2, 4],
            "header": [5],
            "column_numbers": [6],
            "examples": [],
            "examples_used": [],
            "sections": [
                {"row": 7, "text": "TẬP THỂ", "sets": {"kind": "collective"}},
                {"row": 11, "text": "II. CÁ NHÂN", "sets": {"kind": "individual"}}
            ],
            "data": [[8, 9], [12, 13]],
            "blank_numbered": [],
            "totals": [
                {"row": 10, "text": "Cộng: 2 mô hình", "stated": 2},
                {"row": 14, "text": "Tổng cộng: 5", "stated": 5}
            ],
            "notes": [15],
            "closing": [16, 17, 18, 19],
            "after_closing": [20],
            "hidden": []
        }),
        "{}",
        run.stdout
    );
    assert_eq!(json["summary"]["rows"], 4, "{}", run.stdout);
    assert_eq!(json["summary"]["rows_accepted"], 4, "{}", run.stdout);
    assert_eq!(
        codes(&json),
        [
            // Row 13 leaves the field blank: a warning, the row is kept.
            ("missing-value".to_string(), Some(13)),
            ("total-mismatch".to_string(), Some(14)),
            ("row-after-closing".to_string(), Some(20)),
        ],
        "{}",
        run.stdout
    );
    // The kinds come from the sections; "Bí thư chi bộ" is a position, not a signature.
    let kinds: Vec<(&str, &str)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    (
                        m["kind"].as_str().unwrap_or(""),
                        m["name"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        kinds,
        [
            ("collective", "Ghi chỉ số bằng điện thoại"),
            ("collective", "Sửa ống trong 24 giờ"),
            ("individual", "Dân vận khéo khi thu tiền nước"),
            ("individual", "Nói không với phong bì"),
        ]
    );
}

/// A self-assessment written down the page, one model per sheet, pairs with its registration;
/// a finding on it names the label's row.
#[test]
fn a_vertical_self_assessment_is_one_model_per_sheet() {
    let dir = Workdir::new();
    dir.xlsx(
        "hs/dang-ky.xlsx",
        &[SheetSpec::new(
            "DK",
            vec![
                row(&["CHI BỘ VĂN PHÒNG"]),
                row(&["DANH SÁCH ĐĂNG KÝ NĂM 2024"]),
                row(&["STT", "Loại", "Tên mô hình", "Ngày đăng ký"]),
                row(&["1", "Tập thể", "Một cửa đúng hẹn", "05/10/2024"]),
                row(&[
                    "2",
                    "Cá nhân",
                    "Hướng dẫn nộp hồ sơ trực tuyến",
                    "05/10/2024",
                ]),
            ],
        )],
    );
    let form = |name: &str, votes: &str| {
        vec![
            row(&["CHI BỘ VĂN PHÒNG", "", "ĐẢNG CỘNG SẢN VIỆT NAM"]),
            vec![],
            row(&["PHIẾU TỰ ĐÁNH GIÁ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO NĂM 2024"]),
            row(&["1. Tên mô hình, điển hình:", name]),
            row(&["2. Kết quả đạt được:", "Trả đúng hẹn 100% hồ sơ"]),
            row(&["3. Tự đánh giá, xếp loại:", "Tốt"]),
            row(&["4. Số phiếu tán thành:", votes]),
            row(&["5. Tổng số phiếu:", "20"]),
            row(&["6. Ngày báo cáo:", "20/08/2025"]),
            vec![],
            row(&["", "", "T/M CHI BỘ"]),
            row(&["", "", "BÍ THƯ"]),
        ]
    };
    dir.xlsx(
        "hs/tu-danh-gia.xlsx",
        &[
            SheetSpec::new("MH1", form("Một cửa đúng hẹn", "18")),
            SheetSpec::new("MH2", form("Hướng dẫn nộp hồ sơ trực tuyến", "mười tám")),
        ],
    );
    let run = dir.run(&["check", "hs", "--as-of", "2025-08-30", "--json"]);
    let json = run.json();
    assert_eq!(json["summary"]["rows"], 4, "{}", run.stdout);
    let sheets = &json["files"][1]["sheets"];
    assert_eq!(sheets[0]["form"], "self_assessment", "{}", run.stdout);
    assert_eq!(sheets[0]["rows"], 1);
    assert_eq!(
        sheets[0]["structure"]["data"],
        json!([[4, 9]]),
        "{}",
        run.stdout
    );
    assert_eq!(sheets[0]["structure"]["title"], json!([1, 3]));
    assert_eq!(sheets[0]["structure"]["closing"], json!([11, 12]));
    // The vote written in words is refused on the row of its label.
    let bad: Vec<(String, Option<u64>)> = codes(&json)
        .into_iter()
        .filter(|(c, _)| c == "invalid-value")
        .collect();
    assert_eq!(
        bad,
        [("invalid-value".to_string(), Some(7))],
        "{}",
        run.stdout
    );
    let statuses: Vec<(&str, &str)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or(""),
                        m["status"].as_str().unwrap_or(""),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        statuses[0],
        ("Một cửa đúng hẹn", "self_assessed"),
        "{}",
        run.stdout
    );
}
