//! Integration tests of the configuration, `dvk.toml`: through the library, and through
//! `dvk config show` on the real binary.

use std::path::Path;

use crate::common::workdir::Workdir;
use dvk::rules::config::Config;
use dvk::rules::RuleOrigin;

/// A committee with its own letterhead, two documents with different rules, and one phase.
const DVK_TOML: &str = r#"
[committee]
name = "Đảng bộ Sở Tư pháp"
place = "Đồng Hới"
signer_role = "T/M BAN THƯỜNG VỤ"
signer_name = "Nguyễn Văn An"
fields = ["Kinh tế", "Văn hóa – xã hội", "Cải cách hành chính"]

[default.recognition]
min_rating = "Khá"

[[cycle]]
years = "2016-2020"
source = "Kế hoạch 61-KH/ĐUSTP"
registration_opens = "01/10"
registration_due = "10/10"
self_assessment_before = "01/09 năm sau"

[[cycle]]
year = 2024
source = "Công văn 821-CV/ĐUK"
registration_before = "26/02/2024"

[[phase]]
name = "Đợt 2"
review = "tổng kết"
from = "10/2018"
to = "10/2020"
review_before = "01/09/2020"
"#;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn a_config_read_and_shown_for_two_years() {
    let config = Config::from_toml(DVK_TOML, Path::new("dvk.toml")).expect("valid dvk.toml");
    assert_eq!(config.rules.for_year(2018).origin, RuleOrigin::Config);

    let shown = config.show(2018);
    let shown = lines(&shown);
    for line in [
        "Cấu hình: dvk.toml",
        "Quy tắc năm 2018: Kế hoạch 61-KH/ĐUSTP (theo tệp cấu hình)",
        "- Đăng ký: từ ngày 01/10/2018, chậm nhất ngày 10/10/2018",
        "- Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2019",
        "- Mỗi chi bộ: ít nhất 1 mô hình tập thể và 1 điển hình cá nhân",
        "- Công nhận: biểu quyết trên 50% số phiếu tán thành; tự xếp loại từ «Khá» trở lên (các mức: Xuất sắc, Tốt, Khá, Đạt, Không đạt)",
        "- Giai đoạn: Đợt 2 (10/2018 – 10/2020; các năm 2018–2020): tổng kết trước ngày 01/09/2020",
        "Lĩnh vực (3): Kinh tế; Văn hóa – xã hội; Cải cách hành chính",
        "- Ký: T/M BAN THƯỜNG VỤ / BÍ THƯ / Nguyễn Văn An",
    ] {
        assert!(shown.contains(&line), "missing «{line}» in {shown:#?}");
    }

    let shown = config.show(2024);
    let shown = lines(&shown);
    for line in [
        "Quy tắc năm 2024: Công văn 821-CV/ĐUK (theo tệp cấu hình)",
        "- Đăng ký: trước ngày 26/02/2024",
        "- Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2025",
        "- Giai đoạn: năm 2024 không thuộc giai đoạn nào đã khai báo",
    ] {
        assert!(shown.contains(&line), "missing «{line}» in {shown:#?}");
    }

    let shown = config.show(2031);
    assert!(shown.contains(
        "Quy tắc năm 2031: quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP), vì chưa có văn bản nào quy định riêng năm 2031"
    ));
}

#[test]
fn config_show_finds_the_workspace_file() {
    let dir = Workdir::new();
    std::fs::write(dir.file("dvk.toml"), DVK_TOML).expect("write dvk.toml");
    let run = dir.run(&["config", "show", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("- Đăng ký: trước ngày 26/02/2024"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nguyễn Văn An"), "{}", run.stdout);
}

#[test]
fn config_show_prefers_the_explicit_file() {
    let dir = Workdir::new();
    std::fs::write(dir.file("dvk.toml"), DVK_TOML).expect("write dvk.toml");
    let other = dir.file("khac/dvk.toml");
    std::fs::write(
        &other,
        "[[cycle]]\nyear = 2024\nregistration_due = \"15/03\"\n",
    )
    .expect("write other config");
    let run = dir.run(&[
        "config",
        "show",
        "--year",
        "2024",
        "--config",
        "khac/dvk.toml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("- Đăng ký: chậm nhất ngày 15/03/2024"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_config_stops_the_run_with_line_and_key() {
    let dir = Workdir::new();
    let text = DVK_TOML.replace(
        "registration_due = \"10/10\"",
        "registration_due = \"31/02\"",
    );
    std::fs::write(dir.file("dvk.toml"), text).expect("write dvk.toml");
    let run = dir.run(&["config", "show", "--year", "2018"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "dvk.toml, dòng 16, khóa «cycle[1].registration_due»: cần ngày dạng dd/mm (ví dụ 10/10), gặp «31/02»: tháng 2 không có ngày 31"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn margins_come_from_the_document_section_and_a_bad_one_is_refused() {
    let dir = Workdir::new();
    std::fs::write(
        dir.file("dvk.toml"),
        "[document]\nmargins_mm = { top = 2, left = 35 }\n",
    )
    .expect("write dvk.toml");
    let run = dir.run(&["config", "show", "--year", "2018"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "dvk.toml, dòng 2, khóa «document.margins_mm.top»: cần lề trang tính bằng mi-li-mét, từ 5 đến 50 (ví dụ 20), gặp số 2"
        ),
        "{}",
        run.stderr
    );
    std::fs::write(
        dir.file("dvk.toml"),
        "[document]\nmargins_mm = { top = 25, left = 35 }\n",
    )
    .expect("write dvk.toml");
    let run = dir.run(&["config", "show", "--year", "2018"]);
    assert!(
        run.stdout.contains(
            "- Lề trang ([document] margins_mm): trên 25 mm, dưới 20 mm, trái 35 mm, phải 15 mm"
        ),
        "{}",
        run.stdout
    );
    // Every workbook and Word document takes them: 35 mm is 1.378 inch, 1984 twips.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2018");
    let samples = samples.to_string_lossy().to_string();
    let run = dir.run(&[
        "report",
        "--year",
        "2018",
        &samples,
        "--out",
        "bao-cao.xlsx",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let run = dir.run(&["check", &samples, "--out", "ket-qua.xlsx"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let part = |file: &str, name: &str| -> String {
        use std::io::Read;
        let zip = std::fs::File::open(dir.file(file)).expect("written");
        let mut zip = zip::ZipArchive::new(zip).expect("a zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("the part")
            .read_to_string(&mut text)
            .expect("read");
        text
    };
    for (file, sheet) in [
        ("bao-cao.xlsx", "xl/worksheets/sheet1.xml"),
        ("bao-cao.xlsx", "xl/worksheets/sheet2.xml"),
        ("ket-qua.xlsx", "xl/worksheets/sheet1.xml"),
    ] {
        let xml = part(file, sheet);
        assert!(
            xml.contains("<pageMargins left=\"1.37"),
            "{file} {sheet}: {xml}"
        );
        assert!(xml.contains("top=\"0.98"), "{file} {sheet}");
    }
    let xml = part("bao-cao.docx", "word/document.xml");
    assert!(xml.contains("w:left=\"1984\""), "{xml}");
    assert!(xml.contains("w:top=\"1417\""), "{xml}");
}
