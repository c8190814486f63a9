//! The whole cycle through the binary: the registration forms → filled in by two units →
//! `check` → the self-assessment forms written in advance with each unit's registered models
//! → filled in → the committee's decision sheet → filled in → `report`, with the figures
//! written by hand first; and the return slips of `feedback`, one per unit, each holding
//! exactly its own findings and missing items.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dvk::recognize::forms::{recognize, ColumnRole, Form};
use dvk::sheet::{CellValue, Sheet};
use serde_json::{json, Value};

use crate::common::fill::{fill_xlsx, text, Typed};
use crate::common::workdir::Workdir;

/// Three units: Kế toán sends nothing.
const ROSTER: &str = "Chi bộ Văn phòng\nChi bộ Thanh tra\nChi bộ Kế toán\n";
const VP: &str = "Chi bộ Văn phòng";
const TT: &str = "Chi bộ Thanh tra";
const KT: &str = "Chi bộ Kế toán";

/// The cycle judged after the self-assessments were due (before 01/09/2025 for 2024).
const AS_OF: &str = "2025-12-30";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// The form of the first sheet of a workbook, and the sheet, as dvk reads them.
fn form_of(path: &Path) -> (Form, Sheet) {
    let book = dvk::ingest::read::read_workbook(path).expect("readable");
    let sheet = book.sheets.into_iter().next().expect("a visible sheet");
    let form = recognize(&sheet).expect("a recognized form");
    (form, sheet)
}

fn column(form: &Form, role: ColumnRole) -> usize {
    form.column(role)
        .unwrap_or_else(|| panic!("a column {role:?}"))
        .index
}

fn cell_text(sheet: &Sheet, row: usize, col: usize) -> String {
    match sheet.get(row, col) {
        CellValue::Text(t) => t.clone(),
        CellValue::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

/// The 0-based row of the first numbered row holding `name` in the name column.
fn row_of(form: &Form, sheet: &Sheet, name: &str) -> usize {
    let col = column(form, ColumnRole::ModelName);
    (form.header_last_row + 2..sheet.rows.len())
        .find(|&row| cell_text(sheet, row, col) == name)
        .unwrap_or_else(|| panic!("no row for «{name}»"))
}

/// Copies a written form into the inbox and types `rows` (role, value) into its numbered
/// rows, from the first.
fn fill_form(dir: &Workdir, form_path: &Path, inbox: &str, rows: &[Vec<(ColumnRole, Typed)>]) {
    let target = dir.file(&format!("hop-thu/2024/{inbox}"));
    std::fs::copy(form_path, &target).expect("copy the form");
    let (form, _) = form_of(&target);
    let mut cells = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        for (role, value) in row {
            cells.push((
                form.header_last_row + 2 + n,
                column(&form, *role),
                value.clone(),
            ));
        }
    }
    fill_xlsx(&target, 1, &cells);
}

fn registration(name: &str, person: &str, day: u32) -> Vec<(ColumnRole, Typed)> {
    vec![
        (ColumnRole::ModelName, text(name)),
        (ColumnRole::Person, text(person)),
        (ColumnRole::Field, text("Cải cách hành chính")),
        (ColumnRole::Content, text("Công khai thủ tục, hẹn ngày trả")),
        (
            ColumnRole::RegistrationDate,
            Typed::Date(date(2024, 2, day)),
        ),
    ]
}

/// Whether the cell (0-based) of the first sheet is locked when the sheet is protected: its
/// format has no `<protection locked="0"/>`.
fn locked(path: &Path, row: usize, col: usize) -> bool {
    let part = |name: &str| {
        let file = std::fs::File::open(path).expect("the workbook");
        let mut zip = zip::ZipArchive::new(file).expect("a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    let reference = crate::common::fill::reference(row, col);
    let tag = sheet
        .split(&format!("<c r=\"{reference}\""))
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_else(|| panic!("cell {reference}"));
    let style: usize = tag
        .split("s=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let styles = part("xl/styles.xml");
    let xfs = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|rest| rest.split("</cellXfs>").next())
        .expect("cellXfs");
    let xf = xfs.split("<xf ").nth(style + 1).expect("the format");
    let xf = xf.split("</xf>").next().unwrap_or(xf);
    !xf.contains("locked=\"0\"")
}

fn names(values: &Value, key: &str) -> Vec<String> {
    values
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i[key].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_cycle_from_registration_forms_to_the_report_and_the_return_slips() {
    let dir = Workdir::new();
    std::fs::write(dir.file("chi-bo.txt"), ROSTER).expect("roster");
    let run = dir.run(&[
        "template",
        "--out",
        "mau",
        "--year",
        "2024",
        "--roster",
        "chi-bo.txt",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Registration (821-CV/ĐUK: before 26/02/2024). Văn phòng: two models and one exemplar,
    // on time; Thanh tra: one model, late, and no exemplar; Kế toán: nothing.
    let own = |unit: &str, code: &str| {
        dir.path()
            .join(format!("mau/{unit}/{code}_{unit}_2024.xlsx"))
    };
    fill_form(
        &dir,
        &own(VP, "M1"),
        "vp-m1.xlsx",
        &[
            registration("Một cửa thân thiện", "Bộ phận một cửa", 5),
            registration("Tiếp dân cuối tuần", "Phòng Tiếp dân", 6),
        ],
    );
    fill_form(
        &dir,
        &own(VP, "M2"),
        "vp-m2.xlsx",
        &[registration(
            "Hướng dẫn dịch vụ công trực tuyến",
            "Nguyễn Thị Hoa",
            7,
        )],
    );
    fill_form(
        &dir,
        &own(TT, "M1"),
        "tt-m1.xlsx",
        &[registration("Thanh tra gần dân", "Đoàn thanh tra", 28)],
    );
    let check = dir.run(&[
        "check",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--as-of",
        "2024-03-30",
        "--json",
    ]);
    let checked = check.json();
    assert_eq!(checked["summary"]["rows_accepted"], 4, "{}", check.stdout);
    let codes: Vec<String> = names(&checked["issues"], "code");
    assert_eq!(
        codes,
        [
            "late-registration",
            "missing-individual",
            "missing-registration"
        ]
    );

    // The self-assessment forms, written in advance with each unit's registered models.
    let run = dir.run(&[
        "template",
        "--stage",
        "tu-danh-gia",
        "--year",
        "2024",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--out",
        "tdg",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tdg = |unit: &str| dir.path().join(format!("tdg/{unit}/TĐG_{unit}_2024.xlsx"));
    assert!(tdg(VP).exists() && tdg(TT).exists(), "{}", run.stdout);
    assert!(
        !dir.path().join(format!("tdg/{KT}")).exists(),
        "nothing registered"
    );
    let (form, sheet) = form_of(&tdg(VP));
    assert_eq!(form.title_cell.as_deref(), Some("CHI BỘ VĂN PHÒNG"));
    let name_col = column(&form, ColumnRole::ModelName);
    let first = form.header_last_row + 2;
    let written: Vec<(String, String, String)> = (first..first + 3)
        .map(|row| {
            (
                cell_text(&sheet, row, column(&form, ColumnRole::Kind)),
                cell_text(&sheet, row, name_col),
                cell_text(&sheet, row, column(&form, ColumnRole::Person)),
            )
        })
        .collect();
    let expected = [
        ("Tập thể", "Một cửa thân thiện", "Bộ phận một cửa"),
        ("Tập thể", "Tiếp dân cuối tuần", "Phòng Tiếp dân"),
        (
            "Cá nhân",
            "Hướng dẫn dịch vụ công trực tuyến",
            "Nguyễn Thị Hoa",
        ),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(written, expected);
    assert_eq!(
        cell_text(&sheet, first + 3, name_col),
        "",
        "no row past the models"
    );
    // The names are locked; the cells to fill in are not.
    assert!(locked(&tdg(VP), first, name_col));
    assert!(locked(&tdg(VP), first, column(&form, ColumnRole::Kind)));
    assert!(!locked(
        &tdg(VP),
        first,
        column(&form, ColumnRole::SelfRating)
    ));
    assert!(!locked(
        &tdg(VP),
        first,
        column(&form, ColumnRole::VotesFor)
    ));

    // Văn phòng assesses two of its three (one row left as written); Thanh tra its one.
    let assess = |path: &Path, inbox: &str, rows: &[(&str, &str, f64)]| {
        let target = dir.file(&format!("hop-thu/2024/{inbox}"));
        std::fs::copy(path, &target).expect("copy");
        let (form, sheet) = form_of(&target);
        let mut cells = Vec::new();
        for (name, rating, favour) in rows {
            let row = row_of(&form, &sheet, name);
            for (role, value) in [
                (ColumnRole::Result, text("Trả 100% hồ sơ đúng hẹn")),
                (ColumnRole::SelfRating, text(rating)),
                (ColumnRole::VotesTotal, Typed::Number(20.0)),
                (ColumnRole::VotesFor, Typed::Number(*favour)),
                (ColumnRole::Spread, text("Có")),
                (ColumnRole::Proposed, text("Có")),
                (ColumnRole::ReportDate, Typed::Date(date(2025, 8, 20))),
            ] {
                cells.push((row, column(&form, role), value));
            }
        }
        fill_xlsx(&target, 1, &cells);
    };
    assess(
        &tdg(VP),
        "vp-tdg.xlsx",
        &[
            ("Một cửa thân thiện", "Tốt", 18.0),
            ("Hướng dẫn dịch vụ công trực tuyến", "Khá", 16.0),
        ],
    );
    assess(
        &tdg(TT),
        "tt-tdg.xlsx",
        &[("Thanh tra gần dân", "Xuất sắc", 15.0)],
    );

    // The decision sheet: every registered model with what dvk judged.
    let run = dir.run(&[
        "template",
        "--stage",
        "binh-xet",
        "--year",
        "2024",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--out",
        "bx",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bx = dir.path().join("bx/BX_Bảng bình xét_2024.xlsx");
    let (form, sheet) = form_of(&bx);
    assert_eq!(form.kind, dvk::recognize::forms::FormKind::Decision);
    let eligible_col = (0..16)
        .find(|&c| cell_text(&sheet, form.header_last_row, c) == "Đủ điều kiện công nhận")
        .expect("the eligibility column");
    let rows: Vec<(String, String, String, String)> = (first..first + 4)
        .map(|row| {
            (
                cell_text(&sheet, row, column(&form, ColumnRole::Unit)),
                cell_text(&sheet, row, column(&form, ColumnRole::ModelName)),
                cell_text(&sheet, row, column(&form, ColumnRole::VoteResult)),
                cell_text(&sheet, row, eligible_col),
            )
        })
        .collect();
    let expected = [
        (VP, "Một cửa thân thiện", "18/20", "Đủ"),
        (
            VP,
            "Tiếp dân cuối tuần",
            "",
            "Chưa: chưa có báo cáo tự đánh giá",
        ),
        (
            VP,
            "Hướng dẫn dịch vụ công trực tuyến",
            "16/20",
            "Chưa: tự xếp loại «Khá», dưới mức «Tốt»",
        ),
        (TT, "Thanh tra gần dân", "15/20", "Đủ"),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(rows, expected);
    assert!(locked(&bx, first, column(&form, ColumnRole::ModelName)));
    assert!(!locked(&bx, first, column(&form, ColumnRole::Recognized)));
    let xml = {
        let file = std::fs::File::open(&bx).expect("the sheet");
        let mut zip = zip::ZipArchive::new(file).expect("a zip");
        let mut text = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .expect("the sheet")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    };
    assert!(xml.contains("\"Có,Không\""), "the «Công nhận» drop-down");
    assert!(
        xml.contains("\"Giấy khen,Bằng khen,Không\""),
        "the «Khen thưởng» drop-down"
    );

    // The committee decides: two recognized and commended, one not, one left undecided.
    let decided = dir.file("hop-thu/2024/bang-binh-xet.xlsx");
    std::fs::copy(&bx, &decided).expect("copy");
    let decide = |name: &str, recognized: &str, award: &str| {
        let row = row_of(&form, &sheet, name);
        vec![
            (row, column(&form, ColumnRole::Recognized), text(recognized)),
            (row, column(&form, ColumnRole::Commendation), text(award)),
        ]
    };
    let cells: Vec<(usize, usize, Typed)> = [
        decide("Một cửa thân thiện", "Có", "Giấy khen"),
        decide("Hướng dẫn dịch vụ công trực tuyến", "Không", "Không"),
        decide("Thanh tra gần dân", "Có", "Bằng khen"),
    ]
    .concat();
    fill_xlsx(&decided, 1, &cells);

    // The figures, by hand: 3 collective and 1 individual; 1 late (Thanh tra, 28/02);
    // 3 self-assessed («Tiếp dân cuối tuần» left as written is not); recognized 2 («Một cửa»,
    // «Thanh tra gần dân»), the third assessed one not; eligible counts the recognized;
    // commended 2 (Giấy khen, Bằng khen).
    let report = dir.run(&[
        "report",
        "--year",
        "2024",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--as-of",
        AS_OF,
        "--out",
        "bao-cao.xlsx",
        "--json",
    ]);
    let figures = report.json();
    assert_eq!(
        figures["totals"],
        json!({"collective": 3, "individual": 1, "on_time": 3, "late": 1, "self_assessed": 3,
               "eligible": 2, "recognized": 2, "commended": 2}),
        "{}",
        report.stdout
    );

    // The return slips: one per unit, each with exactly its own findings and missing items.
    let run = dir.run(&[
        "feedback",
        "--year",
        "2024",
        "hop-thu",
        "--roster",
        "chi-bo.txt",
        "--as-of",
        AS_OF,
        "--out",
        "phan-hoi",
        "--json",
    ]);
    assert_eq!(run.code, 1, "findings at error level: {}", run.stderr);
    let feedback = run.json();
    let slips = feedback["slips"].as_array().expect("slips");
    assert_eq!(names(&feedback["slips"], "cell"), [VP, TT, KT]);
    assert_eq!(
        feedback["unattributed"],
        json!([]),
        "the decision sheet is the committee's"
    );
    let of = |slip: &Value, list: &str, key: &str| names(&slip[list], key);
    assert_eq!(
        of(&slips[0], "files", "path"),
        ["2024/vp-m1.xlsx", "2024/vp-m2.xlsx", "2024/vp-tdg.xlsx"]
    );
    assert_eq!(of(&slips[0], "findings", "code"), ["missing-value"]);
    assert_eq!(of(&slips[0], "findings", "path"), ["2024/vp-tdg.xlsx"]);
    assert_eq!(
        of(&slips[0], "missing", "code"),
        ["missing-self-assessment"]
    );
    assert!(slips[0]["missing"][0]["detail"]
        .as_str()
        .is_some_and(|d| d.contains("Tiếp dân cuối tuần")));
    assert_eq!(
        of(&slips[1], "files", "path"),
        ["2024/tt-m1.xlsx", "2024/tt-tdg.xlsx"]
    );
    assert_eq!(of(&slips[1], "findings", "code"), ["late-registration"]);
    assert_eq!(of(&slips[1], "missing", "code"), ["missing-individual"]);
    assert_eq!(slips[2]["files"], json!([]));
    assert_eq!(slips[2]["findings"], json!([]));
    assert_eq!(of(&slips[2], "missing", "code"), ["missing-registration"]);
    // The day received is the file's modification day, and the slip says so.
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(slips[0]["files"][0]["received"]["date"], json!(today));
    assert_eq!(
        slips[0]["files"][0]["received"]["basis"],
        "thời điểm sửa tệp"
    );
    // Three files per unit, named after it; the text body holds its items and no other's.
    for (slip, unit) in slips.iter().zip([VP, TT, KT]) {
        let written: Vec<PathBuf> = slip["written"]
            .as_array()
            .expect("written")
            .iter()
            .map(|p| dir.path().join(p.as_str().unwrap_or_default()))
            .collect();
        let stem = format!("Phiếu phản hồi_{unit}_2024");
        for (path, extension) in written.iter().zip(["xlsx", "docx", "txt"]) {
            assert_eq!(
                path.file_name().map(|n| n.to_string_lossy().into_owned()),
                Some(format!("{stem}.{extension}"))
            );
            assert!(path.exists(), "{}", path.display());
        }
        let body = std::fs::read_to_string(&written[2]).expect("the text body");
        assert!(body.starts_with(&format!("Kính gửi: {unit}")), "{body}");
        assert!(
            body.contains("ngày nhận theo thời điểm sửa tệp") || unit == KT,
            "{body}"
        );
        for (other, marker) in [
            (VP, "Tiếp dân cuối tuần"),
            (TT, "Đăng ký muộn"),
            (KT, "Chưa đăng ký"),
        ] {
            assert_eq!(
                body.contains(marker),
                other == unit,
                "{unit}: «{marker}»\n{body}"
            );
        }
        // The workbook holds the same findings, one row each, with file, sheet and row.
        let book = dvk::ingest::read::read_workbook(&written[0]).expect("the slip");
        let texts: Vec<String> = book.sheets[0]
            .rows
            .iter()
            .flatten()
            .filter_map(|c| match c {
                CellValue::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        let all = texts.join("\n");
        for (other, marker) in [
            (VP, "Tiếp dân cuối tuần"),
            (TT, "Đăng ký muộn"),
            (KT, "Chưa đăng ký"),
        ] {
            assert_eq!(all.contains(marker), other == unit, "{unit}: «{marker}»");
        }
    }
}

#[test]
fn feedback_in_a_workspace_writes_to_its_folder_and_outside_one_needs_out() {
    let dir = Workdir::new();
    let run = dir.run(&["init", "ws", "--year", "2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(dir.file("ws/chi-bo.txt"), ROSTER).expect("roster");
    let run = crate::common::workdir::run_in(
        &dir.path().join("ws"),
        &[
            "feedback",
            "--year",
            "2025",
            "--roster",
            "chi-bo.txt",
            "--as-of",
            "2025-12-30",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("3 chi bộ, ghi vào phan-hoi/2025"),
        "{}",
        run.stdout
    );
    for unit in [VP, TT, KT] {
        let slip = dir
            .path()
            .join(format!("ws/phan-hoi/2025/Phiếu phản hồi_{unit}_2025.txt"));
        let body = std::fs::read_to_string(&slip).expect("the slip");
        assert!(
            body.contains("Chưa đăng ký mô hình, điển hình nào"),
            "{body}"
        );
    }
    let outside = dir.run(&["feedback", "--year", "2025", "ws/hop-thu"]);
    assert_eq!(outside.code, 2, "{}", outside.stderr);
    assert!(outside.stderr.contains("--out"), "{}", outside.stderr);
}
