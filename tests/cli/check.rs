//! Integration tests of `dvk check`: the real binary on workbooks of every shape.

use crate::common::book::{date, row, t, SheetSpec, V};
use crate::common::workdir::{run_in_repo, Workdir};
use serde_json::Value;

/// (path, code, row) of every finding, in output order.
fn findings(json: &Value) -> Vec<(String, String, Option<u64>)> {
    json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .map(|i| {
                    (
                        i["path"].as_str().unwrap_or_default().to_string(),
                        i["code"].as_str().unwrap_or_default().to_string(),
                        i["row"].as_u64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn assert_rows_add_up(json: &Value) {
    let s = &json["summary"];
    assert_eq!(
        s["rows"].as_u64(),
        Some(s["rows_accepted"].as_u64().unwrap_or(0) + s["rows_rejected"].as_u64().unwrap_or(0)),
        "rows = rows_accepted + rows_rejected in {s}"
    );
    // Every rejected row has a finding at error level that names its row.
    let rejected_rows = json["issues"]
        .as_array()
        .map(|issues| {
            let mut rows: Vec<(String, u64)> = issues
                .iter()
                .filter(|i| i["severity"] == "error" && i["row"].is_u64())
                .filter(|i| {
                    ![
                        "late-registration",
                        "late-self-assessment",
                        "unregistered-model",
                        "missing-self-assessment",
                    ]
                    .contains(&i["code"].as_str().unwrap_or(""))
                })
                .map(|i| (i["path"].to_string(), i["row"].as_u64().unwrap_or(0)))
                .collect();
            rows.sort();
            rows.dedup();
            rows.len() as u64
        })
        .unwrap_or(0);
    assert_eq!(Some(rejected_rows), s["rows_rejected"].as_u64(), "{s}");
}

/// A registration form as cells fill it: title rows, the header, rows, a closing date line.
fn titled_registration(
    cell: &str,
    year: i32,
    header: &[&str],
    rows: Vec<Vec<V>>,
    date_line: &str,
) -> SheetSpec {
    let mut all = vec![
        row(&["ĐẢNG BỘ SỞ TƯ PHÁP"]),
        row(&[cell]),
        vec![],
        row(&[&format!("DANH SÁCH TẬP THỂ VÀ CÁ NHÂN ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}")]),
        vec![],
        row(header),
    ];
    all.extend(rows);
    all.push(vec![]);
    all.push(row(&["", "", date_line]));
    all.push(row(&["", "", "T/M CHI BỘ"]));
    SheetSpec::new("DS dang ky", all)
}

#[test]
fn samples_give_exactly_the_planted_findings() {
    // As of the opening of the 2018 registrations: no quota or self-assessment is due yet.
    let run = run_in_repo(&[
        "check",
        "samples",
        "--roster",
        "samples/danh-sach-chi-bo.xlsx",
        "--as-of",
        "2018-10-01",
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert_rows_add_up(&json);
    let expected: Vec<(&str, &str, Option<u64>)> = vec![
        (
            "2018/dang-ky/03_hanh_chinh_tu_phap.xls",
            "late-registration",
            Some(7),
        ),
        (
            "2018/dang-ky/03_hanh_chinh_tu_phap.xls",
            "late-registration",
            Some(8),
        ),
        (
            "2018/dang-ky/05_pho_bien_gdpl.xlsx",
            "legacy-encoding",
            None,
        ),
        (
            "2018/dang-ky/06_tro_giup_phap_ly.xlsx",
            "missing-value",
            Some(9),
        ),
        (
            "2018/dang-ky/06_tro_giup_phap_ly.xlsx",
            "invalid-value",
            Some(10),
        ),
        (
            "2018/dang-ky/06_tro_giup_phap_ly.xlsx",
            "invalid-date",
            Some(11),
        ),
        (
            "2018/dang-ky/06_tro_giup_phap_ly.xlsx",
            "duplicate-registration",
            Some(12),
        ),
        (
            "2018/dang-ky/07_tong_hop_cong_chung.xlsx",
            "unknown-cell",
            Some(4),
        ),
        (
            "2018/dang-ky/07_tong_hop_cong_chung.xlsx",
            "unknown-cell",
            Some(5),
        ),
        ("2018/dang-ky/08_hong.xlsx", "unreadable-file", None),
        (
            "2018/dang-ky/Cong van dang ky.docx",
            "unsupported-file",
            None,
        ),
        ("2018/dang-ky/ke-hoach-61.pdf", "unsupported-file", None),
        ("2018/dang-ky/~$01_van_phong.xlsx", "unsupported-file", None),
        (
            "2018/tu-danh-gia/02_thanh_tra.xlsx",
            "late-self-assessment",
            Some(7),
        ),
        (
            "2018/tu-danh-gia/02_thanh_tra.xlsx",
            "late-self-assessment",
            Some(8),
        ),
        (
            "2018/tu-danh-gia/02_thanh_tra.xlsx",
            "unregistered-model",
            Some(8),
        ),
        ("2024/04_bo_tro_tu_phap.xlsx", "late-registration", Some(7)),
        ("2024/04_bo_tro_tu_phap.xlsx", "late-registration", Some(8)),
        ("2024/05_pho_bien_gdpl.xlsx", "legacy-encoding", None),
        ("README.md", "unsupported-file", None),
        // The second committee's workspace (its own dvk.toml): skipped whole.
        ("dang-uy-khoi", "other-workspace", None),
        ("danh-sach-chi-bo.txt", "unsupported-file", None),
    ];
    let expected: Vec<(String, String, Option<u64>)> = expected
        .into_iter()
        .map(|(p, c, r)| (p.to_string(), c.to_string(), r))
        .collect();
    assert_eq!(findings(&json), expected);
    let s = &json["summary"];
    assert_eq!(s["files"], 24);
    assert_eq!(s["files_read"], 17);
    assert_eq!(s["files_skipped"], 6);
    assert_eq!(s["files_failed"], 1);
    assert_eq!(s["rows_rejected"], 6);
}

#[test]
fn samples_messages_name_the_deadline_and_the_nearest_cell() {
    let run = run_in_repo(&[
        "check",
        "samples",
        "--roster",
        "samples/danh-sach-chi-bo.txt",
        "--json",
    ]);
    let json = run.json();
    let issues = json["issues"].as_array().cloned().unwrap_or_default();
    let late = issues
        .iter()
        .find(|i| i["code"] == "late-registration")
        .expect("a late registration");
    assert_eq!(late["message"], "Đăng ký muộn 2 ngày so với hạn 10/10/2018");
    assert_eq!(late["column"], "Ngày đăng ký");
    assert_eq!(late["value"], "12/10/2018");
    assert_eq!(late["sheet"], "Đăng ký");
    let unknown = issues
        .iter()
        .find(|i| i["code"] == "unknown-cell")
        .expect("an unknown cell");
    let message = unknown["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Chi bộ Phòng Công chứng số 2"),
        "{message}"
    );
}

#[test]
fn json_has_exactly_the_interface_keys() {
    let run = run_in_repo(&["check", "--as-of", "2018-10-01", "samples", "--json"]);
    let json = run.json();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        k.sort();
        k
    };
    assert_eq!(
        keys(&json),
        ["files", "issues", "models", "rules", "summary"]
    );
    for key in [
        "files",
        "files_read",
        "files_skipped",
        "files_failed",
        "rows",
        "rows_accepted",
        "rows_rejected",
        "errors",
        "warnings",
    ] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
    let file = &json["files"][0];
    for key in ["path", "status", "form", "sheet", "cell", "year", "rows"] {
        assert!(file.get(key).is_some(), "files[].{key}");
    }
    let issue = &json["issues"][0];
    for key in [
        "severity", "code", "path", "sheet", "row", "column", "value", "message",
    ] {
        assert!(issue.get(key).is_some(), "issues[].{key}");
    }
    let forms: Vec<&str> = json["files"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["form"].as_str()).collect())
        .unwrap_or_default();
    assert!(forms
        .iter()
        .all(|f| ["registration", "self_assessment", "roster", "unknown"].contains(f)));
}

#[test]
fn every_shape_is_read_with_its_cell_year_and_date() {
    let dir = Workdir::new();
    let header = [
        "STT",
        "Loại (Tập thể/Cá nhân)",
        "Tên mô hình, điển hình",
        "Tên tập thể / Họ và tên",
        "Lĩnh vực",
    ];
    // Title rows, no cell or date column: the cell from the title, the date from the closing line.
    dir.xlsx(
        "in/a_title.xlsx",
        &[titled_registration(
            "CHI BỘ VĂN PHÒNG",
            2018,
            &header,
            vec![
                vec![
                    1.into(),
                    t("Tập thể"),
                    t("Tiếp công dân thân thiện"),
                    t("Văn phòng Sở"),
                    t("Cải cách hành chính"),
                ],
                vec![
                    2.into(),
                    t("Cá nhân"),
                    t("Công chức tận tụy"),
                    t("Nguyễn Văn An"),
                    t("Kinh tế"),
                ],
            ],
            "Đồng Hới, ngày 05 tháng 10 năm 2018",
        )],
    );
    // Two-row header with a merged group, real Excel dates, TT/CN.
    let mut two_rows = two_row_header("Dang ky", &["CHI BỘ THANH TRA", "NĂM 2024"]);
    two_rows.rows.extend([
        vec![
            1.into(),
            t("TT"),
            t("Thanh tra đúng hẹn"),
            t("Thanh tra Sở"),
            t("VH-XH"),
            date(2024, 2, 20).into(),
        ],
        vec![
            2.into(),
            t("CN"),
            t("Cán bộ gần dân"),
            t("Lê Thị Bình"),
            t("QP-AN"),
            date(2024, 2, 20).into(),
        ],
    ]);
    dir.xlsx("in/b_two_rows.xlsx", &[two_rows]);
    // .ods, cell column, headers in capitals without diacritics, NFD values, ISO dates.
    let nfd = |s: &str| -> V {
        use unicode_normalization::UnicodeNormalization;
        V::Text(s.nfd().collect())
    };
    dir.ods(
        "in/c_list.ods",
        &[SheetSpec::new(
            "Tong hop",
            vec![
                row(&[
                    "CHI BO",
                    "HO VA TEN\n(hoac ten tap the)",
                    "TEN MO HINH",
                    "LOAI",
                    "LINH VUC",
                    "NGAY DANG KY",
                    "SO DIEN THOAI",
                ]),
                vec![
                    nfd("Chi bộ Phòng Công chứng số 1"),
                    nfd("Phòng Công chứng số 1"),
                    nfd("Công chứng không hẹn lại"),
                    t("tap the"),
                    nfd("Cải cách hành chính"),
                    t("2024-02-10"),
                    t("0232 3822 111"),
                ],
                vec![
                    nfd("Chi bộ Phòng Công chứng số 1"),
                    nfd("Trần Thị Hoa"),
                    nfd("Công chứng viên tận tâm"),
                    t("ca nhan"),
                    nfd("Kinh tế"),
                    t("10.02.2024"),
                    V::Blank,
                ],
            ],
        )],
    );
    // Legacy .xls with text dates, from the committed fixture.
    dir.fixture("registration_title_rows.xls", "in/d_legacy.xls");
    let run = dir.run(&["check", "--as-of", "2018-10-01", "in", "--json"]);
    let json = run.json();
    assert_rows_add_up(&json);
    assert_eq!(findings(&json), vec![], "{}", run.stdout);
    assert_eq!(run.code, 0);
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let summary: Vec<(String, String, String, i64, u64)> = files
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_string(),
                f["form"].as_str().unwrap_or_default().to_string(),
                f["cell"].as_str().unwrap_or_default().to_string(),
                f["year"].as_i64().unwrap_or(0),
                f["rows"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expect = |p: &str, c: &str, y: i64, r: u64| {
        (
            p.to_string(),
            "registration".to_string(),
            c.to_string(),
            y,
            r,
        )
    };
    assert_eq!(
        summary,
        vec![
            expect("a_title.xlsx", "Chi bộ Văn phòng", 2018, 2),
            expect("b_two_rows.xlsx", "Chi bộ Thanh tra", 2024, 2),
            expect("c_list.ods", "Chi bộ Phòng Công chứng số 1", 2024, 2),
            expect("d_legacy.xls", "Chi bộ Văn phòng", 2018, 2),
        ]
    );
}

/// A sheet of `titles` then a registration header on two rows: a group "Mô hình, điển hình
/// đăng ký" merged over three columns, the other titles merged down over both rows. Data rows
/// go after it.
fn two_row_header(name: &str, titles: &[&str]) -> SheetSpec {
    let mut rows: Vec<Vec<V>> = titles.iter().map(|title| row(&[title])).collect();
    let top = rows.len() as u32;
    rows.push(row(&[
        "STT",
        "Loại",
        "Mô hình, điển hình đăng ký",
        "",
        "",
        "Ngày đăng ký",
    ]));
    rows.push(row(&[
        "",
        "",
        "Tên mô hình",
        "Người / tập thể thực hiện",
        "Lĩnh vực",
        "",
    ]));
    let mut sheet = SheetSpec::new(name, rows);
    sheet.merges = vec![
        (top, 0, top + 1, 0),
        (top, 1, top + 1, 1),
        (top, 2, top, 4),
        (top, 5, top + 1, 5),
    ];
    sheet
}

/// A two-row registration header under `titles`, whose "Loại" is merged down over the two
/// data rows it applies to: without the merges the second row has no kind.
fn merged_registration(name: &str, titles: &[&str]) -> SheetSpec {
    let mut sheet = two_row_header(name, titles);
    let first = sheet.rows.len() as u32;
    for (n, model) in ["Thanh tra đúng hẹn", "Tiếp dân tận tình"]
        .into_iter()
        .enumerate()
    {
        sheet.rows.push(vec![
            (n as i32 + 1).into(),
            if n == 0 { t("TT") } else { V::Blank },
            t(&format!("{model} ({name})")),
            t("Thanh tra Sở"),
            t("Kinh tế"),
            date(2024, 2, 20).into(),
        ]);
    }
    sheet.merges.push((first, 1, first + 1, 1));
    sheet
}

#[test]
fn merged_cells_are_filled_in_every_sheet_of_a_workbook() {
    let dir = Workdir::new();
    // Several sheets: each sheet's merges are its own (header rows at different heights).
    dir.xlsx(
        "in/a_two_sheets.xlsx",
        &[
            merged_registration("Dot 1", &["CHI BỘ THANH TRA", "NĂM 2024"]),
            merged_registration(
                "Dot 2",
                &[
                    "ĐẢNG BỘ SỞ TƯ PHÁP",
                    "CHI BỘ THANH TRA",
                    "ĐĂNG KÝ NĂM 2024",
                    "",
                ],
            ),
        ],
    );
    // One sheet: its merges are found in its one worksheet part.
    dir.xlsx(
        "in/b_one_sheet.xlsx",
        &[merged_registration(
            "DS",
            &["CHI BỘ THANH TRA", "", "NĂM 2024"],
        )],
    );
    let run = dir.run(&["check", "--as-of", "2024-12-30", "in", "--json"]);
    let json = run.json();
    assert_eq!(findings(&json), vec![], "{}", run.stdout);
    assert_eq!(json["summary"]["rows_accepted"], 6, "{}", json["summary"]);
    let rows: Vec<u64> = json["files"]
        .as_array()
        .map(|files| files.iter().filter_map(|f| f["rows"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(rows, vec![4, 2]);
}

#[test]
fn the_date_line_makes_a_title_only_form_late() {
    let dir = Workdir::new();
    dir.xlsx(
        "a.xlsx",
        &[titled_registration(
            "CHI BỘ VĂN PHÒNG",
            2018,
            &["STT", "Loại", "Tên mô hình"],
            vec![vec![1.into(), t("TT"), t("Một cửa đúng hẹn")]],
            "Đồng Hới, ngày 12 tháng 10 năm 2018",
        )],
    );
    let run = dir.run(&["check", "--as-of", "2018-10-01", "a.xlsx", "--json"]);
    let json = run.json();
    assert_eq!(
        findings(&json),
        vec![("a.xlsx".into(), "late-registration".into(), Some(7))]
    );
    assert_eq!(
        json["issues"][0]["message"],
        "Đăng ký muộn 2 ngày so với hạn 10/10/2018"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn legacy_encodings_are_converted_and_reported_once_per_file() {
    use bamboo_core::{encode_charset, Charset};
    let dir = Workdir::new();
    let files = [
        ("tcvn3.xlsx", Charset::Tcvn3, "CHI BỘ VĂN PHÒNG"),
        (
            "vni.xlsx",
            Charset::VniWindows,
            "CHI BỘ PHÒNG CÔNG CHỨNG SỐ 1",
        ),
    ];
    for (name, charset, cell) in files {
        let enc = |s: &str| V::Text(encode_charset(charset, s).into_owned());
        dir.xlsx(
            name,
            &[SheetSpec::new(
                "DS",
                vec![
                    vec![enc(cell)],
                    vec![enc("DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2018")],
                    row(&["STT", "LOAI", "TEN MO HINH", "HO VA TEN", "NGAY DANG KY"]),
                    vec![
                        1.into(),
                        enc("Tập thể"),
                        enc("Tiếp công dân thân thiện"),
                        enc("Văn phòng Sở"),
                        t("05/10/2018"),
                    ],
                    vec![
                        2.into(),
                        enc("Cá nhân"),
                        enc("Công chức tận tụy, gần dân"),
                        enc("Nguyễn Thị Hương"),
                        t("05/10/2018"),
                    ],
                ],
            )],
        );
    }
    let run = dir.run(&["check", "--as-of", "2018-10-01", ".", "--json"]);
    let json = run.json();
    assert_eq!(
        findings(&json),
        vec![
            ("tcvn3.xlsx".into(), "legacy-encoding".into(), None),
            ("vni.xlsx".into(), "legacy-encoding".into(), None),
        ]
    );
    let cells: Vec<&str> = json["files"]
        .as_array()
        .map(|files| files.iter().filter_map(|f| f["cell"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(cells, ["Chi bộ Văn phòng", "Chi bộ Phòng công chứng số 1"]);
    // Without a roster, a name in capitals is shown in sentence case.
    assert_eq!(run.code, 0);
}

/// A form of one unit («CHI BỘ …» in its first row) in the given rows (after the title and the
/// header): (kind, model, person), each registered 05/10/2018.
fn form_rows(unit: &str, title: V, rows: &[[V; 3]]) -> Vec<Vec<V>> {
    let mut all = vec![
        vec![t(unit)],
        vec![title],
        row(&["STT", "LOAI", "TEN MO HINH", "HO VA TEN", "NGAY DANG KY"]),
    ];
    for (i, [kind, model, person]) in rows.iter().enumerate() {
        all.push(vec![
            (i as i32 + 1).into(),
            kind.clone(),
            model.clone(),
            person.clone(),
            t("05/10/2018"),
        ]);
    }
    all
}

/// The names of the models read from `path`, sorted.
fn model_names(json: &Value, path: &str) -> Vec<String> {
    let mut names: Vec<String> = json["models"]
        .as_array()
        .map(|models| {
            models
                .iter()
                .filter(|m| m["path"] == path)
                .filter_map(|m| m["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Issue 16, item 5: names in Unicode written with Latin-1 letters only ("Lê Minh Tâm" would
/// read "Lờ Minh Tõm" in TCVN3, "Ngô" "Ngơ" in VNI) are never converted because older rows of
/// the list are in a legacy encoding; the cell's font comes first where the format records it.
#[test]
fn clean_unicode_text_is_never_converted_for_older_rows() {
    use bamboo_core::{encode_charset, Charset};
    let dir = Workdir::new();
    let tcvn3 = |s: &str| V::Text(encode_charset(Charset::Tcvn3, s).into_owned());
    let vni = |s: &str| V::Text(encode_charset(Charset::VniWindows, s).into_owned());
    let new = |model: &str| [t("Cá nhân"), t(model), t(model)];
    let latin1 = ["Lê Minh Tâm", "Ngô Thanh Tâm", "Phan Thanh Hòa"];
    let title = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2018";
    // Old rows in TCVN3 (one of them "Lờ Minh Tõm", stored as "Lê Minh Tâm"), then new ones
    // in Unicode: an .xlsx in one font, as generators write it.
    let mut rows = vec![
        [
            tcvn3("Tập thể"),
            tcvn3("Tiếp công dân thân thiện"),
            tcvn3("Văn phòng"),
        ],
        [tcvn3("Cá nhân"), tcvn3("Lờ Minh Tõm"), tcvn3("Lờ Minh Tõm")],
        [
            tcvn3("Cá nhân"),
            tcvn3("Công chức tận tụy, gần dân"),
            tcvn3("Nguyễn Thị Hương"),
        ],
    ];
    rows.extend(latin1.map(new));
    dir.xlsx(
        "cu-moi.xlsx",
        &[SheetSpec::new(
            "DS",
            form_rows("CHI BỘ KHU PHỐ 1", tcvn3(title), &rows),
        )],
    );
    // The same with VNI old rows, in an .ods (no fonts: each cell's own evidence and its
    // neighbours').
    let mut rows = vec![
        [
            vni("Tập thể"),
            vni("Tiếp công dân thân thiện"),
            vni("Văn phòng"),
        ],
        [
            vni("Cá nhân"),
            vni("Công chức tận tụy, gần dân"),
            vni("Nguyễn Thị Hương"),
        ],
    ];
    rows.extend(latin1.map(new));
    dir.ods(
        "vni.ods",
        &[SheetSpec::new(
            "DS",
            form_rows("CHI BỘ KHU PHỐ 2", t(title), &rows),
        )],
    );
    // A legacy title over Unicode rows only.
    let rows = latin1.map(new);
    dir.xlsx(
        "tieu-de.xlsx",
        &[SheetSpec::new(
            "DS",
            form_rows("CHI BỘ KHU PHỐ 3", tcvn3(title), &rows),
        )],
    );
    // Fonts: .VnTime rows typed in TCVN3 whose text reads as Unicode too, Times New Roman
    // rows in Unicode; and a file converted to Unicode that kept its .VnTime everywhere.
    let fonts = |converted: bool| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let old = rust_xlsxwriter::Format::new().set_font_name(".VnTime");
        let new = rust_xlsxwriter::Format::new().set_font_name("Times New Roman");
        let encoded = |s: &str| encode_charset(Charset::Tcvn3, s).into_owned();
        let sheet = book.add_worksheet();
        let written = (|| -> Result<(), rust_xlsxwriter::XlsxError> {
            let unit = if converted {
                "CHI BỘ KHU PHỐ 5"
            } else {
                "CHI BỘ KHU PHỐ 4"
            };
            sheet.write_string(0, 0, unit)?;
            sheet.write_string(1, 0, title)?;
            for (c, h) in (0u16..).zip(["STT", "LOAI", "TEN MO HINH", "HO VA TEN", "NGAY DANG KY"])
            {
                sheet.write_string(2, c, h)?;
            }
            let rows: Vec<(String, &str, bool)> = if converted {
                vec![
                    ("Tập thể".into(), "Tiếp công dân thân thiện", true),
                    ("Cá nhân".into(), "Lê Minh Tâm", true),
                    ("Cá nhân".into(), "Ngô Thanh Tâm", true),
                ]
            } else {
                vec![
                    (encoded("Cá nhân"), "Lê Minh Tâm", true),
                    ("Cá nhân".into(), "Ngô Thanh Tâm", false),
                    (encoded("Cá nhân"), "Phan Thanh Hòa", true),
                ]
            };
            for (i, (kind, model, in_vntime)) in rows.iter().enumerate() {
                let r = 3 + i as u32;
                let format = if *in_vntime { &old } else { &new };
                sheet.write_number(r, 0, f64::from(r - 2))?;
                sheet.write_string_with_format(r, 1, kind, format)?;
                sheet.write_string_with_format(r, 2, *model, format)?;
                sheet.write_string_with_format(r, 3, *model, format)?;
                sheet.write_string_with_format(r, 4, "05/10/2018", format)?;
            }
            Ok(())
        })();
        assert!(written.is_ok(), "{written:?}");
        book.save_to_buffer().expect("xlsx")
    };
    dir.bytes("phong-chu.xlsx", &fonts(false));
    dir.bytes("da-chuyen.xlsx", &fonts(true));

    let run = dir.run(&["check", "--as-of", "2018-10-01", ".", "--json"]);
    let json = run.json();
    let sorted = |names: &[&str]| {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort();
        names
    };
    assert_eq!(
        model_names(&json, "cu-moi.xlsx"),
        sorted(&[
            "Tiếp công dân thân thiện",
            "Lờ Minh Tõm",
            "Công chức tận tụy, gần dân",
            "Lê Minh Tâm",
            "Ngô Thanh Tâm",
            "Phan Thanh Hòa",
        ])
    );
    assert_eq!(
        model_names(&json, "vni.ods"),
        sorted(&[
            "Tiếp công dân thân thiện",
            "Công chức tận tụy, gần dân",
            "Lê Minh Tâm",
            "Ngô Thanh Tâm",
            "Phan Thanh Hòa",
        ])
    );
    assert_eq!(model_names(&json, "tieu-de.xlsx"), sorted(&latin1));
    assert_eq!(
        model_names(&json, "phong-chu.xlsx"),
        sorted(&["Lờ Minh Tõm", "Ngô Thanh Tâm", "Phan Thanh Hũa"])
    );
    assert_eq!(
        model_names(&json, "da-chuyen.xlsx"),
        sorted(&["Tiếp công dân thân thiện", "Lê Minh Tâm", "Ngô Thanh Tâm"])
    );
    let legacy: Vec<String> = findings(&json)
        .into_iter()
        .filter(|(_, code, _)| code == "legacy-encoding")
        .map(|(path, _, _)| path)
        .collect();
    assert_eq!(
        legacy,
        ["cu-moi.xlsx", "phong-chu.xlsx", "tieu-de.xlsx", "vni.ods"]
    );
}

#[test]
fn other_files_are_skipped_broken_ones_failed_and_the_run_goes_on() {
    let dir = Workdir::new();
    dir.bytes("in/~$a.xlsx", b"\x05lock");
    dir.bytes("in/Cong van.docx", b"PK\x03\x04 not really");
    dir.bytes("in/ke hoach.pdf", b"%PDF-1.4\n%%EOF\n");
    dir.bytes("in/truncated.xlsx", b"PK\x03\x04\x14\x00\x06\x00");
    dir.bytes("in/text.xlsx", b"this is plain text, not a workbook");
    dir.bytes("in/empty.xls", b"");
    dir.xlsx(
        "in/unknown.xlsx",
        &[SheetSpec::new(
            "S",
            vec![row(&["Mã hàng", "Đơn giá", "Số lượng"])],
        )],
    );
    dir.xlsx(
        "in/empty_form.xlsx",
        &[SheetSpec::new(
            "S",
            vec![row(&["STT", "Loại", "Tên mô hình"])],
        )],
    );
    dir.fixture("registration_title_rows.xls", "in/ok.xls");
    dir.fixture("encrypted.xlsx", "in/encrypted.xlsx");
    let run = dir.run(&["check", "--as-of", "2018-10-01", "in", "--json"]);
    let json = run.json();
    assert_rows_add_up(&json);
    let got: Vec<(String, String)> = findings(&json)
        .into_iter()
        .map(|(p, c, _)| (p, c))
        .collect();
    let want = [
        ("Cong van.docx", "unsupported-file"),
        ("empty.xls", "unreadable-file"),
        ("empty_form.xlsx", "empty-form"),
        ("encrypted.xlsx", "encrypted-file"),
        ("ke hoach.pdf", "unsupported-file"),
        ("text.xlsx", "unreadable-file"),
        ("truncated.xlsx", "unreadable-file"),
        ("unknown.xlsx", "unknown-form"),
        ("~$a.xlsx", "unsupported-file"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(json["summary"]["files_failed"], 4, "{}", run.stdout);
    assert_eq!(json["summary"]["files_skipped"], 3);
    assert_eq!(
        json["summary"]["rows_accepted"], 2,
        "the good file is still read"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn renamed_files_are_read_by_their_content() {
    let dir = Workdir::new();
    let sheet = |cell: &str| {
        titled_registration(
            cell,
            2018,
            &["STT", "Loại", "Tên mô hình", "Ngày đăng ký"],
            vec![vec![
                1.into(),
                t("TT"),
                t("Một cửa đúng hẹn"),
                t("05/10/2018"),
            ]],
            "",
        )
    };
    dir.fixture("registration_title_rows.xls", "xls_named.xlsx");
    dir.xlsx("xlsx_named.xls", &[sheet("CHI BỘ THANH TRA")]);
    dir.ods("ods_named.xlsx", &[sheet("CHI BỘ HÀNH CHÍNH TƯ PHÁP")]);
    let run = dir.run(&["check", "--as-of", "2018-10-01", ".", "--json"]);
    let json = run.json();
    assert_eq!(findings(&json), vec![], "{}", run.stdout);
    assert_eq!(json["summary"]["rows_accepted"], 4);
}

#[test]
fn exit_codes() {
    let dir = Workdir::new();
    dir.fixture("registration_title_rows.xls", "ok.xls");
    assert_eq!(
        dir.run(&["check", "--as-of", "2018-10-01", "ok.xls"]).code,
        0
    );
    assert_eq!(
        dir.run(&["check", "--as-of", "2018-10-01", "missing-folder"])
            .code,
        2
    );
    assert_eq!(
        dir.run(&[
            "check",
            "--as-of",
            "2018-10-01",
            "ok.xls",
            "--roster",
            "no-such-roster.txt"
        ])
        .code,
        2
    );
    assert_eq!(dir.run(&["check"]).code, 2);
    dir.bytes("empty-roster.txt", b"# nothing\n\n");
    let run = dir.run(&[
        "check",
        "--as-of",
        "2018-10-01",
        "ok.xls",
        "--roster",
        "empty-roster.txt",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("danh sách chi bộ"), "{}", run.stderr);
}

#[test]
fn validation_rules_reject_rows_with_their_excel_row_numbers() {
    let dir = Workdir::new();
    dir.bytes(
        "roster.txt",
        "Chi bộ Văn phòng\nChi bộ Thanh tra\n".as_bytes(),
    );
    dir.xlsx(
        "a.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&[
                    "Chi bộ",
                    "Loại",
                    "Tên mô hình",
                    "Họ và tên",
                    "Lĩnh vực",
                    "Ngày đăng ký",
                    "Năm",
                ]),
                row(&[
                    "Văn phòng",
                    "TT",
                    "Một cửa",
                    "",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Văn phòng",
                    "x",
                    "Hai cửa",
                    "",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Văn phòng",
                    "TT",
                    "Ba cửa",
                    "",
                    "Thể thao",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Văn phòng",
                    "TT",
                    "Bốn cửa",
                    "",
                    "Kinh tế",
                    "32/10/2018",
                    "2018",
                ]),
                row(&[
                    "Văn phòng",
                    "",
                    "Năm cửa",
                    "",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "VAN PHONG",
                    "Tập thể",
                    "MỘT  CỬA",
                    "",
                    "Kinh tế",
                    "06/10/2018",
                    "2018",
                ]),
                row(&[
                    "Van phong",
                    "TT",
                    "Một cửa",
                    "",
                    "Kinh tế",
                    "06/10/2019",
                    "2019",
                ]),
                row(&[
                    "Thanh tra",
                    "CN",
                    "Gần dân",
                    "Lê Thị Bình",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Thanh tra",
                    "CN",
                    "Gần dân",
                    "Lê Văn Cường",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Thanh tra Sở",
                    "CN",
                    "Gần dân",
                    "Lê Văn Cường",
                    "Kinh tế",
                    "05/10/2018",
                    "2018",
                ]),
                row(&[
                    "Thanh tra",
                    "CN",
                    "Đúng hẹn",
                    "Lê Thị Bình",
                    "Kinh tế",
                    "05/10/2018",
                    "hai nghìn",
                ]),
            ],
        )],
    );
    let run = dir.run(&[
        "check",
        "--as-of",
        "2018-10-01",
        "a.xlsx",
        "--roster",
        "roster.txt",
        "--json",
    ]);
    let json = run.json();
    assert_rows_add_up(&json);
    let got: Vec<(String, Option<u64>)> = findings(&json)
        .into_iter()
        .map(|(_, c, r)| (c, r))
        .collect();
    let want = vec![
        ("invalid-value", Some(3)),
        // A field matching none of the list keeps its row (issue 15, class 6).
        ("unknown-field", Some(4)),
        ("invalid-date", Some(5)),
        ("missing-value", Some(6)),
        ("duplicate-registration", Some(7)),
        ("unknown-cell", Some(11)),
        ("invalid-value", Some(12)),
    ];
    let want: Vec<(String, Option<u64>)> =
        want.into_iter().map(|(c, r)| (c.to_string(), r)).collect();
    assert_eq!(got, want, "{}", run.stdout);
    assert_eq!(json["summary"]["rows"], 11);
    assert_eq!(json["summary"]["rows_accepted"], 5);
    let unknown = &json["issues"][5];
    assert!(unknown["message"]
        .as_str()
        .unwrap_or_default()
        .contains("«Chi bộ Thanh tra»"));
}

#[test]
fn the_findings_workbook_reads_back() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = Workdir::new();
    dir.xlsx(
        "in/a.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![
                row(&["Chi bộ", "Loại", "Tên mô hình", "Ngày đăng ký"]),
                row(&[
                    "Chi bộ Văn phòng",
                    "=HYPERLINK(\"x\")",
                    "Một cửa",
                    "05/10/2018",
                ]),
            ],
        )],
    );
    let run = dir.run(&[
        "check",
        "--as-of",
        "2018-10-01",
        "in",
        "--out",
        "ket-qua.xlsx",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(dir.path().join("ket-qua.xlsx")).expect("open output");
    assert_eq!(book.sheet_names(), ["Phát hiện", "Tệp"]);
    let findings = book.worksheet_range("Phát hiện").expect("findings sheet");
    let header: Vec<String> = findings
        .rows()
        .next()
        .unwrap_or_default()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Đơn vị",
            "Tệp",
            "Trang",
            "Dòng",
            "Cột",
            "Giá trị",
            "Nội dung",
            "Mức độ",
            "Mã"
        ]
    );
    let first: Vec<Data> = findings
        .rows()
        .nth(1)
        .map(|r| r.to_vec())
        .unwrap_or_default();
    assert_eq!(first[0], Data::String("Chưa xác định đơn vị".into()));
    assert_eq!(first[1], Data::String("a.xlsx".into()));
    assert_eq!(first[3], Data::Float(2.0));
    // A value that looks like a formula is kept as text.
    assert_eq!(first[5], Data::String("=HYPERLINK(\"x\")".into()));
    assert_eq!(first[7], Data::String("lỗi".into()));
    assert_eq!(first[8], Data::String("invalid-value".into()));
    let files = book.worksheet_range("Tệp").expect("files sheet");
    assert_eq!(files.get_size().0, 2);
}

#[test]
fn the_output_never_overwrites_an_input() {
    let dir = Workdir::new();
    let input = dir.fixture("registration_title_rows.xls", "in/ok.xls");
    let before = std::fs::read(&input).expect("read input");
    let run = dir.run(&["check", "--as-of", "2018-10-01", "in", "--out", "in/ok.xls"]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read(&input).expect("read input"), before);
}

#[test]
fn output_is_deterministic() {
    let first = run_in_repo(&["check", "--as-of", "2018-10-01", "samples", "--json"]);
    let second = run_in_repo(&["check", "--as-of", "2018-10-01", "samples", "--json"]);
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn the_output_never_overwrites_the_roster_or_the_config() {
    let dir = Workdir::new();
    dir.fixture("registration_title_rows.xls", "in/ok.xls");
    let roster = dir.bytes("roster.txt", "Chi bộ Văn phòng\n".as_bytes());
    let config = dir.bytes("rules.toml", b"[committee]\nplace = \"Dong Hoi\"\n");
    let run = dir.run(&[
        "check",
        "in",
        "--roster",
        "roster.txt",
        "--out",
        "roster.txt",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read(&roster).unwrap_or_default(),
        "Chi bộ Văn phòng\n".as_bytes()
    );
    let run = dir.run(&[
        "check",
        "in",
        "--config",
        "rules.toml",
        "--out",
        "rules.toml",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(std::fs::read(&config)
        .unwrap_or_default()
        .starts_with(b"[committee]"));
}

#[test]
fn the_findings_workbook_lists_findings_by_unit_then_file_then_row() {
    let dir = Workdir::new();
    let undated = |unit: &str, names: &[&str]| {
        let mut rows = vec![
            row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2018"]),
            row(&["Chi bộ", "Loại", "Tên mô hình"]),
        ];
        rows.extend(names.iter().map(|n| row(&[unit, "TT", n])));
        SheetSpec::new("DS", rows)
    };
    // File order: Văn phòng's file first; unit order: Thanh tra first.
    dir.xlsx(
        "in/a-van-phong.xlsx",
        &[undated("Chi bộ Văn phòng", &["Một cửa", "Gần dân"])],
    );
    dir.xlsx(
        "in/b-thanh-tra.xlsx",
        &[undated("Chi bộ Thanh tra", &["Thanh tra nhanh"])],
    );
    dir.xlsx(
        "in/c-ghi-chu.xlsx",
        &[SheetSpec::new("Ghi chú", vec![row(&["Ghi chú riêng"])])],
    );
    let run = dir.run(&[
        "check",
        "in",
        "--as-of",
        "2018-12-30",
        "--out",
        "ket-qua.xlsx",
        "--json",
    ]);
    let json = run.json();
    // The JSON keeps file order.
    let paths: Vec<&str> = json["issues"]
        .as_array()
        .map(|i| i.iter().filter_map(|i| i["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(paths.first(), Some(&"a-van-phong.xlsx"), "{paths:?}");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("ket-qua.xlsx")).expect("open output");
    use calamine::Reader;
    let sheet = book.worksheet_range("Phát hiện").expect("findings sheet");
    let listed: Vec<(String, String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (r[0].to_string(), r[1].to_string(), r[3].to_string()))
        .collect();
    let line =
        |unit: &str, file: &str, row: &str| (unit.to_string(), file.to_string(), row.to_string());
    assert_eq!(
        listed,
        [
            line("Chi bộ Thanh tra", "b-thanh-tra.xlsx", "3"),
            line("Chi bộ Văn phòng", "a-van-phong.xlsx", "3"),
            line("Chi bộ Văn phòng", "a-van-phong.xlsx", "4"),
            line("Chưa xác định đơn vị", "c-ghi-chu.xlsx", ""),
        ],
        "{}",
        run.stdout
    );
}
