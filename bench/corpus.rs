//! Generates the benchmark corpora, deterministically (a fixed seed):
//!
//! ```text
//! cargo run --release --example bench_corpus -- files OUT_DIR COUNT
//! cargo run --release --example bench_corpus -- rollup OUT_FILE ROWS
//! cargo run --release --example bench_corpus -- downloads OUT_DIR COUNT
//! ```
//!
//! `files` writes COUNT cell workbooks of realistic shape (title rows, 2–6 data rows, a mix of
//! registrations and self-assessments, about 5% with a finding) and `OUT_DIR/roster.txt`: each
//! cell of the roster sends its 2023 list, its 2023 self-assessment and its 2024 list, on time;
//! `rollup` writes one consolidated workbook of ROWS registrations (a cell column, one header);
//! `downloads` writes the same COUNT cell workbooks as `files`, as a clerk downloads them for
//! `dvk intake`, in `OUT_DIR/tai-ve`: the first half in zip archives of 5, the second half
//! attached to e-mails (.eml) of 2; and `OUT_DIR/roster.txt`.

#[allow(dead_code)] // the tests use helpers the generator does not
#[path = "../tests/cli/common/book.rs"]
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

/// What a workbook of the corpus is: each cell sends three, in the order a year brings them.
#[derive(Clone, Copy, PartialEq)]
enum Paper {
    /// The 2023 registration list, on time (01–10/10/2023, default rule of Plan 61).
    Registration2023,
    /// The self-assessment of the 2023 models, sent in August 2024 (due before 01/09/2024).
    Assessment2023,
    /// The 2024 registration list, on time (01–20/02/2024; Công văn 821 sets 26/02/2024).
    Registration2024,
}

/// Which cell sends workbook `i`, and what it is: cell `i / 3`, its papers in turn, so that a
/// corpus of any size is a set of cells that did their work (and one that is half-way).
fn paper_of(i: usize) -> (usize, Paper) {
    let paper = match i % 3 {
        0 => Paper::Registration2023,
        1 => Paper::Assessment2023,
        _ => Paper::Registration2024,
    };
    (i / 3, paper)
}

/// How many models a cell registers in a year: 2–6, the same in its list and its
/// self-assessment (a seed of its own, so the two workbooks agree).
fn models_of(cell: usize, year: i32) -> usize {
    fastrand::Rng::with_seed((cell as u64) << 16 | year as u64).usize(2..=6)
}

fn model_name(cell: usize, year: i32, r: usize) -> String {
    format!("Mô hình {} năm {year} của đơn vị {}", r + 1, cell + 1)
}

fn kind(r: usize) -> V {
    t(if r.is_multiple_of(2) {
        "Tập thể"
    } else {
        "Cá nhân"
    })
}

/// One workbook of the corpus. About 5% carry a fault: one more registration row whose date
/// does not exist (31/09), or one more self-assessed model that was never registered.
fn cell_workbook(i: usize, rng: &mut fastrand::Rng) -> SheetSpec {
    let (cell, paper) = paper_of(i);
    let year = if paper == Paper::Registration2024 {
        2024
    } else {
        2023
    };
    let rows = models_of(cell, year);
    let faulty = rng.usize(0..100) < 5;
    let mut sheet = vec![
        vec![t("ĐẢNG BỘ SỞ TƯ PHÁP")],
        vec![t(&cell_name(cell).to_uppercase())],
        vec![],
    ];
    let signed = if paper == Paper::Assessment2023 {
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
        let day = rng.u32(1..=28);
        for r in 0..rows + usize::from(faulty) {
            let name = if r < rows {
                model_name(cell, year, r)
            } else {
                format!("Mô hình chưa đăng ký của đơn vị {}", cell + 1)
            };
            sheet.push(vec![
                V::Num((r + 1) as f64),
                kind(r),
                t(&name),
                t(["Xuất sắc", "Tốt", "Khá"][rng.usize(0..3)]),
                V::Num(rng.usize(15..=20) as f64),
                V::Num(20.0),
                t("Có"),
                t("Có"),
                V::Date(date(year + 1, 8, day)),
            ]);
        }
        format!("Đồng Hới, ngày {day:02} tháng 08 năm {}", year + 1)
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
        let (month, last_day) = if year == 2024 { (2, 20) } else { (10, 10) };
        let day = rng.u32(1..=last_day);
        for r in 0..rows + usize::from(faulty) {
            let (name, registered) = if r < rows {
                (
                    model_name(cell, year, r),
                    t(&format!("{day:02}/{month:02}/{year}")),
                )
            } else {
                (
                    format!("Mô hình bổ sung của đơn vị {}", cell + 1),
                    t(&format!("31/09/{year}")),
                )
            };
            sheet.push(vec![
                V::Num((r + 1) as f64),
                kind(r),
                t(&name),
                t(&format!("Người thực hiện {}", r + 1)),
                t("Chuyên viên"),
                t(FIELDS[rng.usize(0..FIELDS.len())]),
                registered,
            ]);
        }
        format!("Đồng Hới, ngày {day:02} tháng {month:02} năm {year}")
    };
    sheet.push(vec![]);
    sheet.push(vec![V::Blank, V::Blank, t(&signed)]);
    sheet.push(vec![V::Blank, V::Blank, t("T/M CHI BỘ")]);
    SheetSpec::new("Sheet1", sheet)
}

fn files(out: &Path, count: usize) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(out)?;
    let mut rng = fastrand::Rng::with_seed(2024);
    for i in 0..count {
        let folder = out.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&folder)?;
        book::write_xlsx(
            &folder.join(format!("{:05}.xlsx", i)),
            &[cell_workbook(i, &mut rng)],
        )?;
    }
    let roster: String = (0..count.div_ceil(3))
        .map(|cell| cell_name(cell) + "\n")
        .collect();
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

fn downloads(out: &Path, count: usize) -> Result<(), Box<dyn Error>> {
    use base64::Engine;
    use std::io::Write;
    let folder = out.join("tai-ve");
    std::fs::create_dir_all(&folder)?;
    let mut rng = fastrand::Rng::with_seed(2024);
    let books: Vec<Vec<u8>> = (0..count)
        .map(|i| book::xlsx_bytes(&[cell_workbook(i, &mut rng)]))
        .collect::<Result<_, _>>()?;
    let half = count / 2;
    for (n, chunk) in books[..half].chunks(5).enumerate() {
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (k, bytes) in chunk.iter().enumerate() {
            zip.start_file(format!("ho-so/{:05}.xlsx", n * 5 + k), options)?;
            zip.write_all(bytes)?;
        }
        zip.finish()?;
        std::fs::write(
            folder.join(format!("tai-ve-{n:03}.zip")),
            buffer.into_inner(),
        )?;
    }
    for (n, chunk) in books[half..].chunks(2).enumerate() {
        let first = half + n * 2;
        let cell = first / 3;
        let mut mail = format!(
            "From: Chi bo {} <chibo{}@example.vn>\r\nTo: vanphong@example.vn\r\nSubject: Ho so\r\nDate: Mon, 05 Feb 2024 09:00:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nKinh gui.\r\n",
            cell + 1,
            cell + 1
        );
        for (k, bytes) in chunk.iter().enumerate() {
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            let lines: Vec<&str> = encoded
                .as_bytes()
                .chunks(76)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .collect();
            mail.push_str(&format!(
                "--B\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=\"{0:05}.xlsx\"\r\nContent-Disposition: attachment; filename=\"{0:05}.xlsx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{1}\r\n",
                first + k,
                lines.join("\r\n")
            ));
        }
        mail.push_str("--B--\r\n");
        std::fs::write(folder.join(format!("thu-{n:03}.eml")), mail)?;
    }
    let roster: String = (0..count.div_ceil(3))
        .map(|cell| cell_name(cell) + "\n")
        .collect();
    std::fs::write(out.join("roster.txt"), roster)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: bench_corpus files OUT_DIR COUNT | rollup OUT_FILE ROWS | downloads OUT_DIR COUNT";
    match args.as_slice() {
        [mode, out, n] if mode == "files" => files(Path::new(out), n.parse()?),
        [mode, out, n] if mode == "rollup" => rollup(Path::new(out), n.parse()?),
        [mode, out, n] if mode == "downloads" => downloads(Path::new(out), n.parse()?),
        _ => Err(usage.into()),
    }
}
