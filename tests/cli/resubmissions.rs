//! Integration tests of files sent twice (issue 15, class 8): byte-identical copies read once,
//! a corrected file replacing the original, an addition adding to it, and lateness judged by
//! the first submission.

use crate::common::book::{row, SheetSpec, V};
use crate::common::workdir::Workdir;
use serde_json::Value;

/// A 2024 registration list of the Văn phòng unit: (kind, name, date) per row.
fn list(rows: &[(&str, &str, &str)]) -> Vec<SheetSpec> {
    let mut all = vec![
        row(&["ĐẢNG BỘ SỞ TƯ PHÁP"]),
        row(&["CHI BỘ VĂN PHÒNG"]),
        row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024"]),
        row(&["STT", "Loại", "Tên mô hình, điển hình", "Ngày đăng ký"]),
    ];
    for (i, (kind, name, date)) in rows.iter().enumerate() {
        let mut r = vec![V::Num((i + 1) as f64)];
        r.extend(row(&[kind, name, date]));
        all.push(r);
    }
    vec![SheetSpec::new("DS", all)]
}

/// (path, code) of every finding.
fn codes(json: &Value) -> Vec<(String, String)> {
    json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .map(|i| {
                    (
                        i["path"].as_str().unwrap_or("").to_string(),
                        i["code"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn file<'a>(json: &'a Value, path: &str) -> &'a Value {
    json["files"]
        .as_array()
        .and_then(|files| files.iter().find(|f| f["path"] == path))
        .unwrap_or(&Value::Null)
}

#[test]
fn a_double_download_is_read_once_naming_the_copy_kept() {
    let dir = Workdir::new();
    let sheets = list(&[
        ("Tập thể", "Một cửa thân thiện", "05/02/2024"),
        ("Cá nhân", "Gần dân", "05/02/2024"),
    ]);
    dir.xlsx("hop-thu/vp (1).xlsx", &sheets);
    dir.xlsx("hop-thu/vp.xlsx", &sheets);
    let run = dir.run(&["check", "hop-thu", "--json", "--as-of", "2024-03-01"]);
    let json = run.json();
    // Hand count: two models, once.
    assert_eq!(json["summary"]["rows"], 2, "{}", run.stdout);
    assert_eq!(json["summary"]["rows_accepted"], 2);
    assert_eq!(
        codes(&json),
        [("vp (1).xlsx".to_string(), "duplicate-file".to_string())]
    );
    let copy = file(&json, "vp (1).xlsx");
    assert_eq!(copy["status"], "skipped");
    assert_eq!(copy["duplicate_of"], "vp.xlsx");
    assert_eq!(copy["superseded_by"], Value::Null);
    assert_eq!(file(&json, "vp.xlsx")["duplicate_of"], Value::Null);
    assert_eq!(json["issues"][0]["severity"], "info");
    assert!(json["issues"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("giữ tệp «vp.xlsx»")));
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_corrected_file_replaces_the_original_and_keeps_its_first_dates() {
    let dir = Workdir::new();
    dir.xlsx(
        "hop-thu/vp.xlsx",
        &list(&[
            ("Tập thể", "Một cửa thân thiện", "05/02/2024"),
            ("Cá nhân", "Gần dân", "05/02/2024"),
            ("Tập thể", "Sổ tay pháp luật", "abc"),
        ]),
    );
    // Sent after the deadline (before 26/02/2024): one model added, a detail corrected.
    dir.xlsx(
        "hop-thu/vp (bản sửa).xlsx",
        &list(&[
            ("Tập thể", "Một cửa thân thiện", "01/03/2024"),
            ("Cá nhân", "Gần dân", "01/03/2024"),
            ("Tập thể", "Sổ tay pháp luật", "01/03/2024"),
            ("Tập thể", "Tủ sách pháp luật", "01/03/2024"),
        ]),
    );
    // Only new models: it adds.
    dir.xlsx(
        "hop-thu/vp bo sung.xlsx",
        &list(&[("Cá nhân", "Tổ hòa giải giỏi", "20/02/2024")]),
    );
    let run = dir.run(&["check", "hop-thu", "--json", "--as-of", "2024-03-10"]);
    let json = run.json();
    // Hand count: the corrected file's 4 rows and the addition's 1; the original not counted
    // (its unreadable date is no longer an error).
    assert_eq!(json["summary"]["rows"], 5, "{}", run.stdout);
    assert_eq!(json["summary"]["rows_accepted"], 5);
    let original = file(&json, "vp.xlsx");
    assert_eq!(original["superseded_by"], "vp (bản sửa).xlsx");
    assert_eq!(original["status"], "read");
    assert_eq!(original["cell"], "Chi bộ Văn phòng");
    assert_eq!(file(&json, "vp bo sung.xlsx")["superseded_by"], Value::Null);
    let mut got = codes(&json);
    got.sort();
    assert_eq!(
        got,
        [
            (
                "vp (bản sửa).xlsx".to_string(),
                "late-registration".to_string()
            ),
            (
                "vp (bản sửa).xlsx".to_string(),
                "late-registration".to_string()
            ),
            ("vp.xlsx".to_string(), "superseded-file".to_string()),
        ],
        "{}",
        run.stdout
    );
    let message = json["issues"]
        .as_array()
        .and_then(|i| i.iter().find(|i| i["code"] == "superseded-file"))
        .and_then(|i| i["message"].as_str())
        .unwrap_or("");
    assert!(
        message.contains("«vp (bản sửa).xlsx» (tên tệp ghi «bản sửa»)"),
        "{message}"
    );
    assert!(
        message.contains("chuyển tệp «vp (bản sửa).xlsx» ra khỏi hộp thư"),
        "{message}"
    );
    // Lateness by the first submission: the two models sent on 05/02 are on time; the one
    // with an unreadable first date and the new one are late.
    let late: Vec<(&str, bool)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or(""),
                        m["late"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        late,
        [
            ("Một cửa thân thiện", false),
            ("Gần dân", false),
            ("Sổ tay pháp luật", true),
            ("Tủ sách pháp luật", true),
            ("Tổ hòa giải giỏi", false),
        ]
    );
}

#[test]
fn without_a_mark_the_later_dates_decide_and_the_report_counts_once() {
    let dir = Workdir::new();
    dir.xlsx(
        "hop-thu/vp-a.xlsx",
        &list(&[
            ("Tập thể", "Một cửa thân thiện", "10/02/2024"),
            ("Cá nhân", "Gần dân", "10/02/2024"),
        ]),
    );
    dir.xlsx(
        "hop-thu/vp-b.xlsx",
        &list(&[
            ("Tập thể", "Một cửa thân thiện", "05/02/2024"),
            ("Cá nhân", "Gần dân", "05/02/2024"),
        ]),
    );
    let run = dir.run(&[
        "report",
        "--year",
        "2024",
        "hop-thu",
        "--out",
        "r.xlsx",
        "--json",
        "--as-of",
        "2024-03-10",
    ]);
    let json = run.json();
    assert_eq!(json["totals"]["collective"], 1, "{}", run.stdout);
    assert_eq!(json["totals"]["individual"], 1, "{}", run.stdout);
    let check = dir
        .run(&["check", "hop-thu", "--json", "--as-of", "2024-03-10"])
        .json();
    assert_eq!(file(&check, "vp-b.xlsx")["superseded_by"], "vp-a.xlsx");
    let message = check["issues"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("ngày trên biểu muộn hơn (10/02/2024 so với 05/02/2024)"),
        "{message}"
    );
}
