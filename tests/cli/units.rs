//! Which unit a file counts for (issue 15, classes 1, 2, 4 and the roster shapes of 7): a
//! Đảng ủy Khối with đảng bộ cơ sở and chi bộ cơ sở, its roster headed «Tên tổ chức cơ sở
//! đảng», files whose headings name their unit in every spelling, leave it blank, or list a
//! đảng bộ's own chi bộ. The truth is written before dvk is run.

use serde_json::Value;

use crate::common::book::{row, SheetSpec, V};
use crate::common::workdir::Workdir;

/// The committee and its higher committee, and the other names of two units.
const CONFIG: &str = r#"[committee]
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
higher = "Tỉnh ủy Quảng Bình"

[aliases]
"Chi bộ Xí nghiệp Cơ khí" = ["Chi bộ Xưởng Sửa chữa"]
"Đảng bộ Công ty TNHH MTV Xổ số kiến thiết" = "XSKT"
"#;

const UNITS: [(&str, &str); 7] = [
    ("Đảng bộ Công ty Cổ phần Cấp nước", ""),
    ("Đảng bộ Công ty TNHH MTV Xổ số kiến thiết", ""),
    ("Đảng bộ Công ty Cổ phần May", ""),
    ("Chi bộ Trung tâm Kiểm định chất lượng", "TTKĐ"),
    ("Chi bộ Phòng Kế toán", ""),
    ("Chi bộ Phòng Kế hoạch", ""),
    ("Chi bộ Xí nghiệp Cơ khí", ""),
];

/// The roster as a Đảng ủy Khối writes it: «Tên tổ chức cơ sở đảng», a secretary written
/// "Bí thư" in one row, a column of abbreviations.
fn roster() -> SheetSpec {
    let mut rows = vec![
        row(&["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH"]),
        row(&["DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG TRỰC THUỘC"]),
        row(&["STT", "Tên tổ chức cơ sở đảng", "Tên viết tắt", "Bí thư"]),
    ];
    for (i, (name, short)) in UNITS.iter().enumerate() {
        rows.push(vec![
            V::Num((i + 1) as f64),
            V::Text(name.to_string()),
            if short.is_empty() {
                V::Blank
            } else {
                V::Text(short.to_string())
            },
            V::Text(format!("Nguyễn Văn {}", i + 1)),
        ]);
    }
    SheetSpec::new("Danh sach", rows)
}

/// A generic registration form: the given heading lines, then two or three models.
fn form(heading: &[&str], models: &[&str]) -> SheetSpec {
    let mut rows: Vec<Vec<V>> = heading.iter().map(|h| row(&[h])).collect();
    rows.push(row(&[
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024",
    ]));
    rows.push(row(&[
        "STT",
        "Loại",
        "Tên mô hình, điển hình",
        "Ngày đăng ký",
    ]));
    for (i, name) in models.iter().enumerate() {
        rows.push(vec![
            V::Num((i + 1) as f64),
            V::Text("Tập thể".into()),
            V::Text(name.to_string()),
            V::Text("05/02/2024".into()),
        ]);
    }
    SheetSpec::new("DS", rows)
}

fn check(dir: &Workdir) -> Value {
    dir.bytes("dvk.toml", CONFIG.as_bytes());
    dir.xlsx("danh-sach.xlsx", &[roster()]);
    let run = dir.run(&[
        "check",
        "hop-thu",
        "--roster",
        "danh-sach.xlsx",
        "--as-of",
        "2024-02-10",
        "--json",
    ]);
    assert!(
        run.code == 0 || run.code == 1,
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    run.json()
}

/// The models counted per unit, as (unit, count), sorted.
fn counted(json: &Value) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for model in json["models"].as_array().into_iter().flatten() {
        *counts
            .entry(model["cell"].as_str().unwrap_or_default().to_string())
            .or_default() += 1;
    }
    counts.into_iter().collect()
}

fn issues<'a>(json: &'a Value, code: &str) -> Vec<&'a Value> {
    json["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["code"] == code)
        .collect()
}

#[test]
fn headings_name_their_unit_in_every_spelling() {
    let dir = Workdir::new();
    let khoi = "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH";
    // One line holding the committee and the unit, in capitals, abbreviated.
    dir.xlsx(
        "hop-thu/cap-nuoc.xlsx",
        &[form(
            &[&format!("{khoi} / ĐẢNG ỦY CÔNG TY CP CẤP NƯỚC")],
            &["Nước sạch về bản", "Hóa đơn điện tử"],
        )],
    );
    // Without diacritics, the higher committee above it.
    dir.xlsx(
        "hop-thu/ke-toan.xlsx",
        &[form(
            &["TỈNH ỦY QUẢNG BÌNH", "CHI BO P. KE TOAN"],
            &["Sổ sách minh bạch"],
        )],
    );
    // A word missing: counted, with a warning naming the unit taken.
    dir.xlsx(
        "hop-thu/kiem-dinh.xlsx",
        &[form(
            &[khoi, "CHI BỘ TRUNG TÂM KIỂM ĐỊNH"],
            &["Kiểm định lưu động"],
        )],
    );
    // The roster's abbreviation column, and an old name from dvk.toml.
    dir.xlsx(
        "hop-thu/ttkd.xlsx",
        &[form(&["CB TTKĐ"], &["Một cửa kiểm định"])],
    );
    dir.xlsx(
        "hop-thu/xuong.xlsx",
        &[form(
            &[khoi, "CHI BỘ XƯỞNG SỬA CHỮA"],
            &["Sửa chữa tận nơi"],
        )],
    );
    dir.xlsx(
        "hop-thu/xskt.xlsx",
        &[form(&["ĐẢNG ỦY XSKT"], &["Vé số minh bạch"])],
    );
    // As close to two units: no choice, the rows are not counted.
    dir.xlsx(
        "hop-thu/phong-ke.xlsx",
        &[form(&["CHI BỘ PHÒNG KẾ"], &["Không biết của ai"])],
    );
    // The committee's own heading names no unit.
    dir.xlsx("hop-thu/khoi.xlsx", &[form(&[khoi], &["Của Đảng ủy Khối"])]);
    // A unit the roster lacks: its heading is not blank, each row is a unit not on the roster.
    dir.xlsx(
        "hop-thu/cang-ca.xlsx",
        &[form(
            &[khoi, "CHI BỘ BAN QUẢN LÝ CẢNG CÁ"],
            &["Cảng sạch", "Bến văn minh"],
        )],
    );
    let json = check(&dir);
    assert_eq!(
        counted(&json),
        vec![
            ("Chi bộ Phòng Kế toán".to_string(), 1),
            ("Chi bộ Trung tâm Kiểm định chất lượng".to_string(), 2),
            ("Chi bộ Xí nghiệp Cơ khí".to_string(), 1),
            ("Đảng bộ Công ty Cổ phần Cấp nước".to_string(), 2),
            ("Đảng bộ Công ty TNHH MTV Xổ số kiến thiết".to_string(), 1),
        ]
    );
    let approximate = issues(&json, "approximate-unit");
    assert_eq!(approximate.len(), 1, "{approximate:?}");
    assert_eq!(approximate[0]["path"], "kiem-dinh.xlsx");
    let ambiguous = issues(&json, "ambiguous-unit");
    assert_eq!(ambiguous.len(), 1, "{ambiguous:?}");
    let message = ambiguous[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Chi bộ Phòng Kế toán") && message.contains("Chi bộ Phòng Kế hoạch"),
        "{message}"
    );
    let unnamed = issues(&json, "unnamed-unit");
    assert_eq!(unnamed.len(), 1, "{unnamed:?}");
    assert_eq!(unnamed[0]["path"], "khoi.xlsx");
    let unknown = issues(&json, "unknown-cell");
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    for issue in unknown {
        assert_eq!(issue["path"], "cang-ca.xlsx");
        assert_eq!(issue["value"], "Chi bộ BAN QUẢN LÝ CẢNG CÁ");
    }
    let s = &json["summary"];
    assert_eq!(
        (s["rows"].as_u64(), s["rows_accepted"].as_u64()),
        (Some(11), Some(7))
    );
}

#[test]
fn a_blank_heading_line_takes_the_file_or_folder_name_else_one_finding() {
    let dir = Workdir::new();
    let blank = ["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH", "CHI BỘ ……………………"];
    dir.xlsx(
        "hop-thu/CB Phong Ke hoach - dang ky 2024.xlsx",
        &[form(&blank, &["Kế hoạch số", "Họp không giấy"])],
    );
    dir.xlsx(
        "hop-thu/Cty May/dang-ky.xlsx",
        &[form(&blank, &["Áo đẹp cho em"])],
    );
    dir.xlsx(
        "hop-thu/dang-ky (1).xlsx",
        &[form(&blank, &["Một", "Hai", "Ba"])],
    );
    let json = check(&dir);
    assert_eq!(
        counted(&json),
        vec![
            ("Chi bộ Phòng Kế hoạch".to_string(), 2),
            ("Đảng bộ Công ty Cổ phần May".to_string(), 1),
        ]
    );
    // One finding for the sheet, not one per row; no advice to add a column.
    let unnamed = issues(&json, "unnamed-unit");
    assert_eq!(unnamed.len(), 1, "{unnamed:?}");
    assert_eq!(unnamed[0]["sheet"], "DS");
    assert!(unnamed[0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("3 dòng"));
    assert!(issues(&json, "missing-column").is_empty());
    let s = &json["summary"];
    assert_eq!(
        (s["rows"].as_u64(), s["rows_rejected"].as_u64()),
        (Some(6), Some(3))
    );
    // The unit whose file named it has registered; the others are missing.
    let missing = issues(&json, "missing-registration");
    let names: Vec<&str> = missing.iter().filter_map(|i| i["value"].as_str()).collect();
    assert!(!names.contains(&"Chi bộ Phòng Kế hoạch"), "{names:?}");
}

#[test]
fn a_dang_bo_lists_its_own_chi_bo_under_its_heading() {
    let dir = Workdir::new();
    let mut rows = vec![
        row(&["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH"]),
        row(&["ĐẢNG BỘ CÔNG TY CỔ PHẦN MAY"]),
        row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024"]),
        row(&[
            "STT",
            "Chi bộ",
            "Loại",
            "Tên mô hình, điển hình",
            "Ngày đăng ký",
        ]),
    ];
    for (i, (cell, name)) in [
        ("Chi bộ Phân xưởng 1", "Dây chuyền xanh"),
        ("Chi bộ Phân xưởng 2", "Ca đêm an toàn"),
        ("Chi bộ Phòng Kế toán", "Đối soát hằng ngày"),
    ]
    .iter()
    .enumerate()
    {
        rows.push(vec![
            V::Num((i + 1) as f64),
            V::Text(cell.to_string()),
            V::Text("Tập thể".into()),
            V::Text(name.to_string()),
            V::Text("05/02/2024".into()),
        ]);
    }
    dir.xlsx("hop-thu/may.xlsx", &[SheetSpec::new("DS", rows)]);
    let json = check(&dir);
    // The sub-cells count for the heading's đảng bộ; a roster unit counts for itself.
    assert_eq!(
        counted(&json),
        vec![
            ("Chi bộ Phòng Kế toán".to_string(), 1),
            ("Đảng bộ Công ty Cổ phần May".to_string(), 2),
        ]
    );
    let subs: Vec<&str> = json["models"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["sub_unit"].as_str())
        .collect();
    assert_eq!(subs, ["Chi bộ Phân xưởng 1", "Chi bộ Phân xưởng 2"]);
    assert_eq!(issues(&json, "sub-unit").len(), 1);
    assert!(issues(&json, "unknown-cell").is_empty());
}

#[test]
fn template_writes_a_form_for_every_unit_of_a_khoi_roster() {
    let dir = Workdir::new();
    dir.bytes("dvk.toml", CONFIG.as_bytes());
    dir.xlsx("danh-sach.xlsx", &[roster()]);
    let run = dir.run(&[
        "template",
        "--year",
        "2024",
        "--roster",
        "danh-sach.xlsx",
        "--out",
        "mau",
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let written = walkdir::WalkDir::new(dir.path().join("mau"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    // M1, M2 and TĐG for each of the 7 units, besides the 4 files of the committee.
    assert_eq!(written, 4 + 3 * UNITS.len(), "{}", run.stdout);
    for (unit, _) in UNITS {
        assert!(
            run.stdout.contains(&format!("{unit}/M1_{unit}_2024.xlsx")),
            "{unit}"
        );
    }
    // Every unit's heading reads back as the unit, the Đảng bộ ones too.
    assert!(!run.stderr.contains("không đọc ra"), "{}", run.stderr);
}
