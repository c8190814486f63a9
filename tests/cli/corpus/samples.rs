//! The second committee of `samples/` (`samples/dang-uy-khoi/`, written by
//! `examples/make_samples.rs`), with its truth counted by hand from `samples/README.md`: every
//! list below is written out, not computed.

use super::{assert_committee_with, fig, Committee, FileTruth};
use crate::common::workdir::run_in_repo;
use serde_json::{json, Value};

const FOLDER: &str = "samples/dang-uy-khoi";
const D1: &str = "Đảng bộ Công ty Cổ phần Cấp thoát nước Quảng Bình";
const D2: &str = "Đảng bộ Công ty Điện lực Quảng Bình";
const C1: &str = "Chi bộ Công ty Cổ phần Sách và Thiết bị trường học Quảng Bình";
const C2: &str = "Chi bộ Công ty Cổ phần Dược phẩm Quảng Bình";
const C3: &str = "Chi bộ Quỹ Đầu tư phát triển tỉnh";
const C4: &str = "Chi bộ Công ty TNHH MTV Lâm nghiệp Long Đại";

#[allow(clippy::too_many_arguments)]
fn sheet(
    name: &str,
    form: &str,
    rows: u64,
    title: Value,
    header: Value,
    column_numbers: Value,
    sections: Value,
    data: Value,
    totals: Value,
    notes: Value,
    closing: Value,
    after_closing: Value,
) -> Value {
    json!({
        "name": name,
        "form": form,
        "rows": rows,
        "structure": {
            "title": title,
            "header": header,
            "column_numbers": column_numbers,
            "examples": [],
            "examples_used": [],
            "sections": sections,
            "data": data,
            "blank_numbered": [],
            "totals": totals,
            "notes": notes,
            "closing": closing,
            "after_closing": after_closing,
            "hidden": [],
        },
    })
}

fn file(path: &str, rows: Option<u64>, sheets: Vec<Value>) -> FileTruth {
    FileTruth {
        path: path.to_string(),
        sheets,
        rows,
    }
}

fn committee() -> Committee {
    let e = || json!([]);
    let duoc_pham = sheet(
        "Sheet1",
        "registration",
        2,
        json!([1, 2, 3]),
        json!([5, 6]),
        e(),
        e(),
        json!([[7, 8]]),
        e(),
        e(),
        json!([10, 11, 14]),
        json!([16]),
    );
    let quy_dau_tu = sheet(
        "Sheet1",
        "registration",
        2,
        json!([1, 2, 3]),
        json!([5]),
        e(),
        json!([
            {"row": 6, "text": "I. TẬP THỂ", "sets": {"kind": "collective"}},
            {"row": 8, "text": "II. CÁ NHÂN", "sets": {"kind": "individual"}},
        ]),
        json!([[7, 7], [9, 9]]),
        e(),
        e(),
        json!([11, 12, 15]),
        e(),
    );
    let files = vec![
        file(
            "2025/DB Cap thoat nuoc/Danh sach dang ky 2025.xlsx",
            Some(4),
            vec![sheet(
                "DS",
                "registration",
                4,
                json!([1, 2, 3, 4, 6]),
                json!([8]),
                json!([9]),
                e(),
                json!([[10, 13]]),
                json!([{"row": 14, "text": "Tổng cộng: 04 mô hình, điển hình", "stated": 4}]),
                e(),
                json!([16, 17, 18, 20]),
                e(),
            )],
        ),
        file(
            "2025/Dien luc - dang ky DVK 2025.xlsx",
            Some(4),
            vec![sheet(
                "Sheet1",
                "registration",
                4,
                json!([1, 2]),
                json!([4]),
                e(),
                json!([
                    {"row": 5, "text": "1. Chi bộ Phòng Kinh doanh", "sets": {"unit": "Chi bộ Phòng Kinh doanh"}},
                    {"row": 8, "text": "2. Chi bộ Điện lực Đồng Hới", "sets": {"unit": "Chi bộ Điện lực Đồng Hới"}},
                ]),
                json!([[6, 7], [9, 10]]),
                json!([{"row": 11, "text": "Cộng: 5", "stated": 5}]),
                e(),
                json!([13, 14, 17]),
                e(),
            )],
        ),
        file(
            "2025/sach_tbth.xlsx",
            Some(2),
            vec![sheet(
                "Sheet1",
                "registration",
                2,
                json!([1, 2, 3]),
                json!([5]),
                e(),
                e(),
                json!([[6, 7]]),
                e(),
                json!([8]),
                json!([10, 11, 14]),
                e(),
            )],
        ),
        file("2025/duoc_pham.xlsx", Some(2), vec![duoc_pham.clone()]),
        file("2025/duoc_pham (1).xlsx", None, vec![duoc_pham]),
        file("2025/quy_dau_tu.xlsx", None, vec![quy_dau_tu.clone()]),
        file("2025/quy_dau_tu (bản sửa).xlsx", Some(2), vec![quy_dau_tu]),
        file(
            "2025/tu-danh-gia/Phieu tu danh gia - nuoc sach hoc duong.xlsx",
            Some(1),
            vec![sheet(
                "Phiếu",
                "self_assessment",
                1,
                json!([1, 2, 4, 5]),
                e(),
                e(),
                e(),
                json!([[7, 16]]),
                e(),
                e(),
                json!([18, 19, 22]),
                e(),
            )],
        ),
        file(
            "2025/quyet-dinh/Ket qua cong nhan 2025.xlsx",
            Some(2),
            vec![sheet(
                "Quyết định",
                "decision",
                2,
                json!([1, 2, 3]),
                json!([5]),
                e(),
                e(),
                json!([[6, 7]]),
                e(),
                e(),
                json!([9, 10, 13]),
                e(),
            )],
        ),
    ];
    let roster_truth = file(
        "danh-sach-to-chuc-co-so-dang.xlsx",
        Some(6),
        vec![sheet(
            "Danh sách",
            "roster",
            6,
            json!([1, 2]),
            json!([4]),
            e(),
            json!([
                {"row": 5, "text": "I. ĐẢNG BỘ CƠ SỞ", "sets": {}},
                {"row": 8, "text": "II. CHI BỘ CƠ SỞ", "sets": {}},
            ]),
            json!([[6, 7], [9, 12]]),
            e(),
            e(),
            json!([14, 15, 18]),
            e(),
        )],
    );
    let p = |s: &str| s.to_string();
    Committee {
        folder: FOLDER.into(),
        roster: format!("{FOLDER}/danh-sach-to-chuc-co-so-dang.xlsx"),
        roster_truth,
        files,
        figures: vec![
            fig(D1, 2, 2, 1, 2, 1),
            fig(D2, 2, 2, 0, 0, 0),
            fig(C1, 1, 1, 0, 0, 0),
            fig(C2, 1, 1, 0, 0, 0),
            fig(C3, 1, 1, 0, 0, 0),
            fig(C4, 0, 0, 0, 0, 0),
        ],
        missing: vec![(C4, vec!["missing-registration"])],
        findings: vec![
            (
                p("2025/Dien luc - dang ky DVK 2025.xlsx"),
                "total-mismatch",
                Some(11),
            ),
            (p("2025/duoc_pham (1).xlsx"), "duplicate-file", None),
            (p("2025/duoc_pham.xlsx"), "row-after-closing", Some(16)),
            (p("2025/quy_dau_tu.xlsx"), "superseded-file", None),
        ],
        by_field: vec![
            ("Kinh tế", 3, 4),
            ("Văn hóa – xã hội", 3, 1),
            ("Quốc phòng – an ninh", 1, 0),
            ("Xây dựng hệ thống chính trị", 0, 1),
            ("Chưa ghi lĩnh vực", 0, 1),
        ],
        earlier: None,
    }
}

#[test]
fn the_second_committee_of_the_samples_reads_as_counted() {
    let c = committee();
    let out = tempfile::tempdir().expect("a folder for the report");
    let report = out.path().join("bao-cao.xlsx");
    assert_committee_with(&|args| run_in_repo(args), &c, &report.to_string_lossy());
}
