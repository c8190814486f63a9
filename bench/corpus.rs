//! Generates the benchmark corpora, deterministically (a fixed seed):
//!
//! ```text
//! cargo run --release --example bench_corpus -- files OUT_DIR COUNT
//! cargo run --release --example bench_corpus -- rollup OUT_FILE ROWS
//! ```
//!
//! `files` writes COUNT cell workbooks of realistic shape (title rows, 2–6 data rows, a mix of
//! registrations and self-assessments, about 5% with a finding) and `OUT_DIR/roster.txt`;
//! `rollup` writes one consolidated workbook of ROWS registrations (a cell column, one header).

#[allow(dead_code)] // the tests use helpers the generator does not
#[path = "../tests/common/book.rs"]
mod book;

use std::error::Error;
use std::path::Path;

use book::{date, t, SheetSpec, V};

const FIELDS: [&str; 4] = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
];

fn cell_name(i: usize) -> String {
    format!("Chi bộ Đơn vị số {}", i + 1)
}

/// One cell's workbook: a registration list (80%) or a self-assessment (20%).
fn cell_workbook(i: usize, rng: &mut fastrand::Rng) -> SheetSpec {
    let year = 2023 + (i % 2) as i32;
    let rows = rng.usize(2..=6);
    let faulty = rng.usize(0..100) < 5;
    let assessment = rng.usize(0..100) < 20;
    let mut sheet = vec![
        vec![t("ĐẢNG BỘ SỞ TƯ PHÁP")],
        vec![t(&cell_name(i).to_uppercase())],
        vec![],
    ];
    if assessment {
        sheet.push(vec![t(&format!(
            "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH “DÂN VẬN KHÉO” NĂM {year}"
        ))]);
        sheet.push(vec![]);
        sheet.push(
            [
                "STT",
                "Loại",
                "Tên mô hình, điển hình",
                "Tự đánh giá (xếp loại)",
                "Số phiếu tán thành",
                "Tổng số phiếu",
                "Sức lan tỏa",
                "Đề nghị công nhận",
                "Ngày báo cáo",
            ]
            .map(t)
            .to_vec(),
        );
        for r in 0..rows {
            sheet.push(vec![
                V::Num((r + 1) as f64),
                t(if r % 2 == 0 {
                    "Tập thể"
                } else {
                    "Cá nhân"
                }),
                t(&format!("Mô hình {} của đơn vị {}", r + 1, i + 1)),
                t(["Xuất sắc", "Tốt", "Khá"][rng.usize(0..3)]),
                V::Num(rng.usize(10..=20) as f64),
                V::Num(20.0),
                t("Có"),
                t("Có"),
                V::Date(date(year + 1, 8, rng.u32(1..=28))),
            ]);
        }
    } else {
        sheet.push(vec![t(&format!(
            "DANH SÁCH TẬP THỂ VÀ CÁ NHÂN ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}"
        ))]);
        sheet.push(vec![]);
        sheet.push(
            [
                "STT",
                "Loại (Tập thể/Cá nhân)",
                "Tên mô hình, điển hình",
                "Tên tập thể / Họ và tên",
                "Chức vụ",
                "Lĩnh vực",
                "Ngày đăng ký",
            ]
            .map(t)
            .to_vec(),
        );
        for r in 0..rows {
            let day = if faulty && r == 0 {
                t("31/09/2023")
            } else {
                t(&format!("{:02}/10/{year}", rng.u32(1..=10)))
            };
            sheet.push(vec![
                V::Num((r + 1) as f64),
                t(if r % 2 == 0 {
                    "Tập thể"
                } else {
                    "Cá nhân"
                }),
                t(&format!("Mô hình {} của đơn vị {}", r + 1, i + 1)),
                t(&format!("Người thực hiện {}", r + 1)),
                t("Chuyên viên"),
                t(FIELDS[rng.usize(0..FIELDS.len())]),
                day,
            ]);
        }
    }
    sheet.push(vec![]);
    sheet.push(vec![
        V::Blank,
        V::Blank,
        t(&format!("Đồng Hới, ngày 05 tháng 10 năm {year}")),
    ]);
    sheet.push(vec![V::Blank, V::Blank, t("T/M CHI BỘ")]);
    SheetSpec::new("Sheet1", sheet)
}

fn files(out: &Path, count: usize) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(out)?;
    let mut rng = fastrand::Rng::with_seed(2024);
    let mut roster = String::new();
    for i in 0..count {
        roster.push_str(&cell_name(i));
        roster.push('\n');
        let folder = out.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&folder)?;
        book::write_xlsx(
            &folder.join(format!("{:05}.xlsx", i)),
            &[cell_workbook(i, &mut rng)],
        )?;
    }
    std::fs::write(out.join("roster.txt"), roster)?;
    Ok(())
}

fn rollup(out: &Path, rows: usize) -> Result<(), Box<dyn Error>> {
    let mut rng = fastrand::Rng::with_seed(2025);
    let mut sheet = vec![[
        "STT",
        "Chi bộ",
        "Năm",
        "Loại",
        "Tên mô hình, điển hình",
        "Họ và tên / Tên tập thể",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]
    .map(t)
    .to_vec()];
    for r in 0..rows {
        let cell = r / 4;
        sheet.push(vec![
            V::Num((r + 1) as f64),
            t(&cell_name(cell)),
            V::Num(2024.0),
            t(if r % 2 == 0 {
                "Tập thể"
            } else {
                "Cá nhân"
            }),
            t(&format!("Mô hình {} của đơn vị {}", r % 4 + 1, cell + 1)),
            t(&format!("Người thực hiện {}", r + 1)),
            t(FIELDS[rng.usize(0..FIELDS.len())]),
            V::Date(date(2024, 2, rng.u32(1..=25))),
        ]);
    }
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    book::write_xlsx(out, &[SheetSpec::new("Danh sách mô hình", sheet)])
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_corpus files OUT_DIR COUNT | rollup OUT_FILE ROWS";
    match args.as_slice() {
        [mode, out, n] if mode == "files" => files(Path::new(out), n.parse()?),
        [mode, out, n] if mode == "rollup" => rollup(Path::new(out), n.parse()?),
        _ => Err(usage.into()),
    }
}
