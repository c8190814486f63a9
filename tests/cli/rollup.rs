//! The rollup: a higher committee points `dvk report` at its member committees' reports and
//! gets every figure each member reported, grouped by member committee. The member reports
//! are made by dvk itself from generated workbooks; the expected figures are counted by hand
//! from those workbooks below.

use crate::common::book::{row, SheetSpec};
use crate::common::workdir::Workdir;
use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;

const COUNTS: [&str; 8] = [
    "collective",
    "individual",
    "on_time",
    "late",
    "self_assessed",
    "eligible",
    "recognized",
    "commended",
];

fn counts(v: &Value) -> [i64; 8] {
    COUNTS.map(|k| v[k].as_i64().unwrap_or(-1))
}

/// One member committee's files: registrations, self-assessments, the committee's decision.
fn member(
    dir: &Workdir,
    folder: &str,
    registrations: &[[&str; 5]],
    assessed: &[[&str; 7]],
    decided: &[[&str; 4]],
) {
    let mut rows = vec![
        row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2018"]),
        row(&["Chi bộ", "Loại", "Tên mô hình", "Họ và tên", "Ngày đăng ký"]),
    ];
    rows.extend(registrations.iter().map(|r| row(r)));
    dir.xlsx(
        &format!("{folder}/dang-ky.xlsx"),
        &[SheetSpec::new("DS", rows)],
    );
    let mut rows = vec![
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
    ];
    rows.extend(assessed.iter().map(|a| {
        let mut r = row(a);
        r.push("20/08/2019".into());
        r
    }));
    dir.xlsx(
        &format!("{folder}/tu-danh-gia.xlsx"),
        &[SheetSpec::new("TĐG", rows)],
    );
    let mut rows = vec![
        row(&["KẾT QUẢ CÔNG NHẬN MÔ HÌNH, ĐIỂN HÌNH NĂM 2018"]),
        row(&[
            "Chi bộ",
            "Tên mô hình, điển hình",
            "Công nhận",
            "Khen thưởng",
        ]),
    ];
    rows.extend(decided.iter().map(|d| row(d)));
    dir.xlsx(
        &format!("{folder}/quyet-dinh.xlsx"),
        &[SheetSpec::new("QĐ", rows)],
    );
}

fn report(dir: &Workdir, args: &[&str]) -> Value {
    let mut all = vec![
        "report",
        "--year",
        "2018",
        "--as-of",
        "2019-12-30",
        "--json",
    ];
    all.extend(args);
    let run = dir.run(&all);
    assert!(run.code <= 1, "{}\n{}", run.stdout, run.stderr);
    run.json()
}

#[test]
fn the_rollup_of_member_reports_carries_every_figure_by_member_committee() {
    let dir = Workdir::new();
    // Sở Tài chính. Deadline 10/10/2018. By hand:
    // - Văn phòng: «Một cửa» on time, self-assessed 19/20 Xuất sắc, recognized with a Giấy khen;
    //   «Gần dân» (individual) on time, self-assessed 18/20 Xuất sắc, eligible; «Tiếp dân»
    //   late, not self-assessed, not recognized (stays registered).
    // - Thanh tra: «Thanh tra nhanh» on time, self-assessed 8/20: self-assessed only.
    member(
        &dir,
        "tai-chinh",
        &[
            [
                "Chi bộ Văn phòng",
                "TT",
                "Một cửa liên thông",
                "",
                "05/10/2018",
            ],
            [
                "Chi bộ Văn phòng",
                "CN",
                "Gần dân hiểu dân",
                "Nguyễn Văn An",
                "05/10/2018",
            ],
            [
                "Chi bộ Văn phòng",
                "TT",
                "Tiếp dân thân thiện",
                "",
                "15/10/2018",
            ],
            [
                "Chi bộ Thanh tra",
                "TT",
                "Thanh tra nhanh",
                "",
                "01/10/2018",
            ],
        ],
        &[
            [
                "Chi bộ Văn phòng",
                "Một cửa liên thông",
                "Xuất sắc",
                "19",
                "20",
                "Có",
                "Có",
            ],
            [
                "Chi bộ Văn phòng",
                "Gần dân hiểu dân",
                "Xuất sắc",
                "18",
                "20",
                "Có",
                "Có",
            ],
            [
                "Chi bộ Thanh tra",
                "Thanh tra nhanh",
                "Khá",
                "8",
                "20",
                "Không",
                "Có",
            ],
        ],
        &[
            ["Chi bộ Văn phòng", "Một cửa liên thông", "Có", "Giấy khen"],
            ["Chi bộ Văn phòng", "Tiếp dân thân thiện", "Không", ""],
        ],
    );
    // Sở Y tế, whose Văn phòng has the same name (and a model of the same name) as Sở Tài
    // chính's: a different unit. By hand:
    // - Văn phòng: «Một cửa» on time, nothing more.
    // - Bệnh viện: «Khám bệnh» (individual) on time, 20/20, recognized with a Bằng khen;
    //   «Bệnh viện xanh» late.
    member(
        &dir,
        "y-te",
        &[
            [
                "Chi bộ Văn phòng",
                "TT",
                "Một cửa liên thông",
                "",
                "01/10/2018",
            ],
            [
                "Chi bộ Bệnh viện",
                "CN",
                "Khám bệnh tận tình",
                "Trần Thị Bình",
                "09/10/2018",
            ],
            ["Chi bộ Bệnh viện", "TT", "Bệnh viện xanh", "", "20/10/2018"],
        ],
        &[[
            "Chi bộ Bệnh viện",
            "Khám bệnh tận tình",
            "Xuất sắc",
            "20",
            "20",
            "Có",
            "Có",
        ]],
        &[["Chi bộ Bệnh viện", "Khám bệnh tận tình", "Có", "Bằng khen"]],
    );
    std::fs::create_dir_all(dir.file("cau-hinh")).expect("folder");
    std::fs::create_dir_all(dir.file("cap-tren")).expect("folder");
    for (file, issuer) in [
        ("tai-chinh", "Đảng ủy Sở Tài chính"),
        ("y-te", "Đảng ủy Sở Y tế"),
    ] {
        std::fs::write(
            dir.file(&format!("cau-hinh/{file}.toml")),
            format!("[committee]\nissuer = \"{issuer}\"\n"),
        )
        .expect("config");
    }
    // Counted by hand: collective, individual, on time, late, self-assessed, eligible
    // (eligible or recognized), recognized, commended.
    let tai_chinh = [3, 1, 3, 1, 3, 2, 1, 1];
    let y_te = [2, 1, 2, 1, 1, 1, 1, 1];
    let whole = [5, 2, 5, 2, 4, 3, 2, 2];
    for (folder, expected) in [("tai-chinh", tai_chinh), ("y-te", y_te)] {
        let config = format!("cau-hinh/{folder}.toml");
        let out = format!("cap-tren/{folder}.xlsx");
        let json = report(&dir, &[folder, "--config", &config, "--out", &out]);
        assert_eq!(
            counts(&json["totals"]),
            expected,
            "{folder}: {}",
            json["totals"]
        );
    }
    // The higher committee consolidates the two reports (the .docx beside each is skipped).
    let json = report(&dir, &["cap-tren", "--out", "tong-hop.xlsx"]);
    assert_eq!(counts(&json["totals"]), whole, "{}", json["totals"]);
    let rows: Vec<(String, String, [i64; 8])> = json["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r["committee"].as_str().unwrap_or("").to_string(),
                        r["cell"].as_str().unwrap_or("").to_string(),
                        counts(r),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let row = |committee: &str, cell: &str, figures: [i64; 8]| {
        (committee.to_string(), cell.to_string(), figures)
    };
    assert_eq!(
        rows,
        [
            row(
                "ĐẢNG ỦY SỞ TÀI CHÍNH",
                "Chi bộ Văn phòng",
                [2, 1, 2, 1, 2, 2, 1, 1]
            ),
            row(
                "ĐẢNG ỦY SỞ TÀI CHÍNH",
                "Chi bộ Thanh tra",
                [1, 0, 1, 0, 1, 0, 0, 0]
            ),
            row(
                "ĐẢNG ỦY SỞ Y TẾ",
                "Chi bộ Văn phòng",
                [1, 0, 1, 0, 0, 0, 0, 0]
            ),
            row(
                "ĐẢNG ỦY SỞ Y TẾ",
                "Chi bộ Bệnh viện",
                [1, 1, 1, 1, 1, 1, 1, 1]
            ),
        ]
    );
    // The unit table groups the units under a section row per member committee, with its
    // figures.
    let mut book = open_workbook_auto(dir.file("tong-hop.xlsx")).expect("the consolidated report");
    let page = book.worksheet_range("Báo cáo").expect("«Báo cáo»");
    let figures_of = |label: &str| -> Vec<f64> {
        page.rows()
            .find(|r| r.get(1).is_some_and(|c| *c == label))
            .map(|r| {
                r.iter()
                    .filter_map(|c| match c {
                        Data::Float(f) => Some(*f),
                        Data::Int(i) => Some(*i as f64),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let as_f64 = |f: [i64; 8]| f.map(|n| n as f64).to_vec();
    assert_eq!(figures_of("ĐẢNG ỦY SỞ TÀI CHÍNH"), as_f64(tai_chinh));
    assert_eq!(figures_of("ĐẢNG ỦY SỞ Y TẾ"), as_f64(y_te));
    assert_eq!(figures_of("Tổng cộng"), as_f64(whole));
    // So does Phụ lục 1 of the Word report.
    let (_, rows) = crate::report::docx_text(&dir.file("tong-hop.docx"));
    for expected in [
        "I | ĐẢNG ỦY SỞ TÀI CHÍNH | 3 | 1 | 3 | 1 | 3 | 2 | 1 | 1",
        "1 | Chi bộ Văn phòng | 2 | 1 | 2 | 1 | 2 | 2 | 1 | 1",
        "II | ĐẢNG ỦY SỞ Y TẾ | 2 | 1 | 2 | 1 | 1 | 1 | 1 | 1",
        "2 | Chi bộ Bệnh viện | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1",
        "| Tổng cộng | 5 | 2 | 5 | 2 | 4 | 3 | 2 | 2",
    ] {
        assert!(
            rows.iter().any(|r| r.ends_with(expected)),
            "{expected} in {rows:#?}"
        );
    }
}
