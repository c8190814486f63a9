//! Integration tests of the rules of the year: `dvk check` with `--as-of`, and `dvk missing`.

use crate::common::book::{row, SheetSpec};
use crate::common::workdir::{run_in_repo, Workdir};
use serde_json::Value;

fn codes_of(json: &Value, code: &str) -> Vec<(String, Option<u64>, String)> {
    json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .filter(|i| i["code"] == code)
                .map(|i| {
                    (
                        i["path"].as_str().unwrap_or_default().to_string(),
                        i["row"].as_u64(),
                        i["value"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn count(json: &Value, code: &str) -> usize {
    codes_of(json, code).len()
}

const ROSTER: &str = "samples/danh-sach-chi-bo.xlsx";

/// `in/a.xlsx`: the Văn phòng's one collective model, registered on `day` (dd/mm/yyyy).
fn one_registration(dir: &Workdir, day: &str) {
    dir.xlsx(
        "in/a.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&["Chi bộ", "Loại", "Tên mô hình", "Ngày đăng ký"]),
                row(&["Văn phòng", "TT", "Một cửa", day]),
            ],
        )],
    );
}

#[test]
fn samples_exercise_every_rule_of_the_year() {
    let run = run_in_repo(&[
        "check",
        "samples",
        "--roster",
        ROSTER,
        "--as-of",
        "2024-12-30",
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    // 2018: cells 8–10 sent nothing; 2024: cells 7–10 sent nothing.
    let missing: Vec<String> = codes_of(&json, "missing-registration")
        .into_iter()
        .map(|(_, _, v)| v)
        .collect();
    assert_eq!(
        missing,
        [
            "Chi bộ Phòng Công chứng số 2",
            "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
            "Chi bộ Phòng Xây dựng và kiểm tra văn bản",
            "Chi bộ Phòng Công chứng số 1",
            "Chi bộ Phòng Công chứng số 2",
            "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
            "Chi bộ Phòng Xây dựng và kiểm tra văn bản",
        ]
    );
    let individual: Vec<String> = codes_of(&json, "missing-individual")
        .into_iter()
        .map(|(_, _, v)| v)
        .collect();
    assert_eq!(individual, ["Chi bộ Phòng Bổ trợ tư pháp"]);
    let collective: Vec<String> = codes_of(&json, "missing-collective")
        .into_iter()
        .map(|(_, _, v)| v)
        .collect();
    assert_eq!(collective, ["Chi bộ Thanh tra"]);
    assert_eq!(
        codes_of(&json, "late-self-assessment"),
        [
            (
                "2018/tu-danh-gia/02_thanh_tra.xlsx".to_string(),
                Some(7),
                "15/09/2019".to_string()
            ),
            (
                "2018/tu-danh-gia/02_thanh_tra.xlsx".to_string(),
                Some(8),
                "15/09/2019".to_string()
            ),
        ]
    );
    let unregistered = codes_of(&json, "unregistered-model");
    assert_eq!(unregistered.len(), 1);
    assert_eq!(unregistered[0].1, Some(8));
    // Every accepted 2018 model without a self-assessment: all but Văn phòng's two and one
    // of Thanh tra's. The 2024 ones are not due until 01/09/2025.
    assert_eq!(count(&json, "missing-self-assessment"), 10);
    assert_eq!(count(&json, "late-registration"), 4);
    // Statuses: Văn phòng's two 2018 models meet every principle.
    let statuses: Vec<(String, String)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter(|m| m["year"] == 2018 && m["cell"] == "Chi bộ Văn phòng")
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or_default().to_string(),
                        m["status"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(statuses.len(), 2, "{statuses:?}");
    assert!(
        statuses.iter().all(|(_, s)| s == "eligible"),
        "{statuses:?}"
    );
}

#[test]
fn before_the_deadline_nothing_is_missing_yet() {
    let run = run_in_repo(&[
        "check",
        "samples/2024",
        "--roster",
        ROSTER,
        "--as-of",
        "2024-02-20",
        "--json",
    ]);
    let json = run.json();
    for code in [
        "missing-registration",
        "missing-collective",
        "missing-individual",
        "missing-self-assessment",
    ] {
        assert_eq!(count(&json, code), 0, "{code}");
    }
}

#[test]
fn missing_lists_pending_before_and_overdue_after_the_deadline() {
    let before = run_in_repo(&[
        "missing",
        "--year",
        "2024",
        "samples",
        "--roster",
        ROSTER,
        "--as-of",
        "2024-02-20",
        "--json",
    ]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    let json = before.json();
    assert_eq!(json["year"], 2024);
    assert_eq!(json["as_of"], "2024-02-20");
    let cells: Vec<&str> = json["cells"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["cell"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        cells,
        [
            "Chi bộ Thanh tra",
            "Chi bộ Phòng Công chứng số 1",
            "Chi bộ Phòng Công chứng số 2",
            "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
            "Chi bộ Phòng Xây dựng và kiểm tra văn bản",
        ]
    );
    let first = &json["cells"][1]["items"][0];
    assert_eq!(first["status"], "pending");
    assert_eq!(first["days"], 5, "20/02 to the last day 25/02");
    assert_eq!(
        json["cells"][1]["codes"],
        serde_json::json!(["missing-registration"])
    );
    assert_eq!(json["cells"][1]["secretary"], "Đặng Văn Hải");

    let after = run_in_repo(&[
        "missing",
        "--year",
        "2024",
        "samples",
        "--roster",
        ROSTER,
        "--as-of",
        "2024-03-01",
        "--json",
    ]);
    assert_eq!(after.code, 1);
    let item = &after.json()["cells"][1]["items"][0];
    assert_eq!(item["status"], "overdue");
    assert_eq!(item["days"], 5, "25/02 to 01/03 in a leap year");
}

#[test]
fn missing_2018_as_of_the_yearly_report() {
    let run = run_in_repo(&[
        "missing",
        "--year",
        "2018",
        "samples",
        "--roster",
        ROSTER,
        "--as-of",
        "2019-12-30",
        "--json",
    ]);
    let json = run.json();
    let cells: Vec<(String, Vec<String>)> = json["cells"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|c| {
                    let codes = c["codes"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    (c["cell"].as_str().unwrap_or_default().to_string(), codes)
                })
                .collect()
        })
        .unwrap_or_default();
    let expect = |cell: &str, codes: &[&str]| {
        (
            cell.to_string(),
            codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        cells,
        vec![
            expect("Chi bộ Thanh tra", &["missing-self-assessment"]),
            expect("Chi bộ Hành chính tư pháp", &["missing-self-assessment"]),
            expect(
                "Chi bộ Phòng Bổ trợ tư pháp",
                &["missing-individual", "missing-self-assessment"]
            ),
            expect(
                "Chi bộ Phổ biến giáo dục pháp luật",
                &["missing-self-assessment"]
            ),
            expect(
                "Chi bộ Trung tâm Trợ giúp pháp lý",
                &["missing-self-assessment"]
            ),
            expect("Chi bộ Phòng Công chứng số 1", &["missing-self-assessment"]),
            expect("Chi bộ Phòng Công chứng số 2", &["missing-registration"]),
            expect(
                "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
                &["missing-registration"]
            ),
            expect(
                "Chi bộ Phòng Xây dựng và kiểm tra văn bản",
                &["missing-registration"]
            ),
        ]
    );
}

#[test]
fn missing_needs_a_roster_and_writes_a_printable_reminder_list() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = Workdir::new();
    one_registration(&dir, "05/10/2018");
    dir.bytes(
        "roster.txt",
        "Chi bộ Văn phòng\nChi bộ Thanh tra\n".as_bytes(),
    );
    assert_eq!(dir.run(&["missing", "--year", "2018", "in"]).code, 2);
    let run = dir.run(&[
        "missing",
        "--year",
        "2018",
        "in",
        "--roster",
        "roster.txt",
        "--as-of",
        "2018-10-20",
        "--out",
        "don-doc.xlsx",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("quá hạn 10 ngày"), "{}", run.stdout);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("don-doc.xlsx")).expect("reminder list");
    let sheet = book.worksheet_range("Đôn đốc").expect("sheet");
    let texts: Vec<String> = sheet
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Chi bộ Văn phòng",
        "Chi bộ Thanh tra",
        "Mới đăng ký 0/1 điển hình cá nhân",
        "Chưa đăng ký mô hình, điển hình nào",
        "quá hạn 10 ngày",
        "Nơi nhận:",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(expected)),
            "{expected} not in {texts:?}"
        );
    }
}

#[test]
fn a_custom_config_changes_the_deadlines() {
    let dir = Workdir::new();
    one_registration(&dir, "15/03/2025");
    dir.bytes(
        "dvk.toml",
        "[[cycle]]\nyear = 2025\nsource = \"Công văn 99-CV/ĐU\"\nregistration_before = \"15/03\"\n"
            .as_bytes(),
    );
    let run = dir.run(&["check", "in", "--json", "--as-of", "2025-04-01"]);
    let json = run.json();
    let late: Vec<String> = json["issues"]
        .as_array()
        .map(|i| {
            i.iter()
                .filter(|i| i["code"] == "late-registration")
                .filter_map(|i| i["message"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        late,
        ["Đăng ký muộn 1 ngày so với hạn (trước ngày 15/03/2025)"]
    );
    let shown = dir.run(&["config", "show", "--year", "2025"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown.stdout.contains("Công văn 99-CV/ĐU"),
        "{}",
        shown.stdout
    );
    dir.bytes(
        "dvk.toml",
        b"[[cycle]]\nyear = 2025\nregistration_before = \"31/02\"\n",
    );
    let broken = dir.run(&["check", "in"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("dòng 3"), "{}", broken.stderr);
}

#[test]
fn the_committees_decision_sheet_sets_the_status() {
    let dir = Workdir::new();
    dir.xlsx(
        "in/dang-ky.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&["Chi bộ", "Loại", "Tên mô hình", "Ngày đăng ký"]),
                row(&["Văn phòng", "TT", "Một cửa", "05/10/2018"]),
                row(&["Văn phòng", "CN", "Gần dân", "05/10/2018"]),
                row(&["Văn phòng", "TT", "Tiếp dân", "05/10/2018"]),
            ],
        )],
    );
    dir.xlsx(
        "in/tu-danh-gia.xlsx",
        &[SheetSpec::new(
            "TĐG",
            vec![
                row(&["BÁO CÁO TỰ ĐÁNH GIÁ NĂM 2018"]),
                row(&[
                    "Chi bộ",
                    "Tên mô hình",
                    "Tự đánh giá",
                    "Số phiếu tán thành",
                    "Tổng số phiếu",
                    "Sức lan tỏa",
                    "Đề nghị công nhận",
                    "Ngày báo cáo",
                ]),
                row(&[
                    "Văn phòng",
                    "Một cửa",
                    "Tốt",
                    "15",
                    "20",
                    "Có",
                    "Có",
                    "20/08/2019",
                ]),
                row(&[
                    "Văn phòng",
                    "Gần dân",
                    "Khá",
                    "10",
                    "20",
                    "x",
                    "Có",
                    "20/08/2019",
                ]),
                row(&[
                    "Văn phòng",
                    "Tiếp dân",
                    "Xuất sắc",
                    "19",
                    "20",
                    "✓",
                    "Có",
                    "20/08/2019",
                ]),
            ],
        )],
    );
    dir.xlsx(
        "in/quyet-dinh.xlsx",
        &[SheetSpec::new(
            "QĐ",
            vec![
                row(&["KẾT QUẢ CÔNG NHẬN MÔ HÌNH, ĐIỂN HÌNH NĂM 2018"]),
                row(&[
                    "Chi bộ",
                    "Tên mô hình, điển hình",
                    "Công nhận",
                    "Khen thưởng",
                ]),
                row(&["Văn phòng", "MỘT CỬA", "Có", "Giấy khen"]),
                row(&["Văn phòng", "Tiếp dân", "Không", ""]),
                row(&["Văn phòng", "Chưa đăng ký", "Có", ""]),
            ],
        )],
    );
    let run = dir.run(&["check", "in", "--as-of", "2019-12-30", "--json"]);
    let json = run.json();
    let statuses: Vec<(String, String)> = json["models"]
        .as_array()
        .map(|m| {
            m.iter()
                .map(|m| {
                    (
                        m["name"].as_str().unwrap_or_default().to_string(),
                        m["status"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expect = |n: &str, s: &str| (n.to_string(), s.to_string());
    assert_eq!(
        statuses,
        [
            expect("Một cửa", "recognized"),
            expect("Gần dân", "self_assessed"),
            expect("Tiếp dân", "not_recognized")
        ]
    );
    let reasons = &json["models"][1]["reasons"];
    assert_eq!(reasons.as_array().map(Vec::len), Some(2), "{reasons}");
    let unregistered = codes_of(&json, "unregistered-model");
    assert_eq!(
        unregistered,
        [(
            "quyet-dinh.xlsx".to_string(),
            Some(5),
            "Chưa đăng ký".to_string()
        )]
    );
    assert_eq!(json["files"][1]["form"], "self_assessment");
}

/// Names are printed escaped: a line break or a terminal escape in a cell of the roster or in
/// a sender's file name cannot forge a line of `dvk missing`'s list or `dvk feedback`'s, or
/// recolour the terminal.
#[test]
fn names_cannot_forge_the_missing_list_or_the_return_slips_summary() {
    let dir = Workdir::new();
    one_registration(&dir, "05/10/2018");
    dir.xlsx(
        "roster.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&["STT", "Tên chi bộ", "Bí thư"]),
                row(&["1", "Chi bộ Văn phòng", "Lê Văn A"]),
                row(&[
                    "2",
                    "Chi bộ Thanh tra\n✓ Cả 9 chi bộ đã đủ",
                    "Trần B\r\u{1b}[2J",
                ]),
                row(&["3", "Chi bộ Tư pháp\u{1b}[31m", "Ngô C"]),
            ],
        )],
    );
    let run = dir.run(&[
        "missing",
        "--year",
        "2018",
        "in",
        "--roster",
        "roster.xlsx",
        "--as-of",
        "2018-10-20",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("Chi bộ Thanh tra"), "{}", run.stdout);
    assert!(
        run.stdout.lines().all(|line| !line.starts_with("✓ Cả 9")),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(['\u{1b}', '\r']), "{:?}", run.stdout);

    // A file of no unit on the roster, its name forging a line and an escape.
    dir.xlsx(
        "in/lạ.xlsx\n  Chi bộ Thanh tra: 0 tệp, 0 lỗi\u{1b}[2J.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&["Chi bộ", "Loại", "Tên mô hình", "Ngày đăng ký"]),
                row(&["Phòng Ma", "TT", "Hai cửa", "05/10/2018"]),
            ],
        )],
    );
    let run = dir.run(&[
        "feedback",
        "--year",
        "2018",
        "in",
        "--roster",
        "roster.xlsx",
        "--as-of",
        "2018-10-20",
        "--out",
        "phieu",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("Tệp không rõ chi bộ nào"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("lạ.xlsx\\n"), "{}", run.stdout);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|line| line.starts_with("  Chi bộ Thanh tra"))
            .count(),
        1,
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}

/// A roster saved from Excel as CSV is a table, read by its header as the workbook's: "CSV
/// UTF-8" with its byte-order mark, ";" between values as a Vietnamese Windows writes them, a
/// quoted name holding the separator. By hand: two units, both listed with their secretary:
/// the Văn phòng has registered its collective model and lacks an individual exemplar, the
/// other has registered nothing. A CSV not in UTF-8 is refused, saying how (exit 2).
#[test]
fn a_roster_saved_as_csv_is_read_as_a_table() {
    let dir = Workdir::new();
    one_registration(&dir, "05/10/2018");
    let csv = "\u{feff}TT;Tên chi bộ;Bí thư;Điện thoại\r\n1;Chi bộ Văn phòng;Nguyễn Văn A;0912 345 678\r\n2;\"Chi bộ Khu phố 3; Phường 5\";Lê Thị B;\r\n";
    dir.bytes("chi-bo.csv", csv.as_bytes());
    let run = dir.run(&[
        "missing",
        "--year",
        "2018",
        "in",
        "--roster",
        "chi-bo.csv",
        "--as-of",
        "2018-10-20",
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["roster_cells"], 2);
    let missing: Vec<(&str, &str)> = json["cells"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| {
            (
                u["cell"].as_str().unwrap_or_default(),
                u["secretary"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        missing,
        [
            ("Chi bộ Văn phòng", "Nguyễn Văn A"),
            ("Chi bộ Khu phố 3; Phường 5", "Lê Thị B")
        ]
    );
    assert_eq!(json["cells"][0]["codes"][0], "missing-individual");
    assert_eq!(json["cells"][1]["codes"][0], "missing-registration");
    // Windows-1258 bytes: not UTF-8.
    dir.bytes("ansi.csv", b"STT,T\xean chi b\xf4\r\n1,Chi b\xf4 A\r\n");
    let run = dir.run(&["missing", "--year", "2018", "in", "--roster", "ansi.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
}
