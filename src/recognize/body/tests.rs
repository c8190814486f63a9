use super::*;
use crate::recognize::forms::{recognize, Form};

fn t(s: &str) -> CellValue {
    CellValue::Text(s.to_string())
}

fn n(x: f64) -> CellValue {
    CellValue::Number(x)
}

fn form(rows: Vec<Vec<CellValue>>) -> Form {
    let sheet = Sheet::from_rows("DS", rows);
    match recognize(&sheet) {
        Some(form) => form,
        None => panic!("the form is recognized"),
    }
}

/// 1-based rows, as a clerk reads them.
fn excel(rows: &[usize]) -> Vec<usize> {
    rows.iter().map(|r| r + 1).collect()
}

const E: CellValue = CellValue::Empty;

#[test]
fn every_role_of_a_party_list() {
    let header = vec![
        t("STT"),
        t("Họ và tên / Tên tập thể"),
        t("Chức vụ"),
        t("Tên mô hình, điển hình"),
        t("Ngày đăng ký"),
    ];
    let f = form(vec![
        vec![
            t("ĐẢNG BỘ KHỐI DOANH NGHIỆP"),
            E,
            E,
            t("ĐẢNG CỘNG SẢN VIỆT NAM"),
        ],
        vec![t("CHI BỘ CÔNG TY CP CẤP NƯỚC")],
        vec![],
        vec![t(
            "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH DÂN VẬN KHÉO NĂM 2025",
        )],
        header,
        vec![t("(1)"), t("(2)"), t("(3)"), t("(4)"), t("(5)")],
        vec![t("I"), t("TẬP THỂ")],
        vec![
            n(1.0),
            t("Phòng Kinh doanh"),
            E,
            t("Ghi chỉ số bằng điện thoại"),
            t("05/03/2025"),
        ],
        vec![
            n(2.0),
            t("Tổ Quản lý mạng"),
            E,
            t("Sửa ống trong 24 giờ"),
            t("05/03/2025"),
        ],
        vec![t("Cộng: 2 mô hình")],
        vec![t("II. CÁ NHÂN"), t("II. CÁ NHÂN"), t("II. CÁ NHÂN")],
        vec![
            n(1.0),
            t("Nguyễn Thị Lan"),
            t("Bí thư chi bộ"),
            t("Dân vận khéo trong thu tiền nước"),
        ],
        vec![E, t("Trần Văn Bình"), t("Bí thư chi bộ")],
        vec![t("Tổng cộng"), E, E, n(5.0)],
        vec![t(
            "Ghi chú: danh sách đã được chi bộ thông qua ngày 01/03/2025",
        )],
        vec![E, E, E, t("Hải Phòng, ngày 06 tháng 3 năm 2025")],
        vec![t("Nơi nhận:"), E, E, t("T/M CHI BỘ")],
        vec![t("- Đảng ủy Khối;"), E, E, t("BÍ THƯ")],
        vec![t("- Lưu."), E, E, E],
        vec![E, E, E, t("Nguyễn Thị Lan")],
        vec![n(3.0), t("Lê Văn Cường"), E, t("Mô hình ghi sau chữ ký")],
    ]);
    let s = &f.structure;
    assert_eq!(excel(&s.title), [1, 2, 4]);
    assert_eq!(excel(&s.header), [5]);
    assert_eq!(excel(&s.column_numbers), [6]);
    assert_eq!(excel(&f.data_rows), [8, 9, 12, 13]);
    let sections: Vec<(usize, Option<Kind>)> =
        s.sections.iter().map(|x| (x.row + 1, x.kind)).collect();
    assert_eq!(
        sections,
        [(7, Some(Kind::Collective)), (11, Some(Kind::Individual))]
    );
    let totals: Vec<(usize, Option<u32>, bool)> = s
        .totals
        .iter()
        .map(|x| (x.row + 1, x.stated, x.mismatch))
        .collect();
    // "Cộng: 2" totals the section above it; "Tổng cộng 5" matches nothing (4 rows).
    assert_eq!(totals, [(10, Some(2), false), (14, Some(5), true)]);
    assert_eq!(excel(&s.notes), [15]);
    assert_eq!(excel(&s.closing), [16, 17, 18, 19, 20]);
    assert_eq!(excel(&s.after_closing), [21]);
    assert_eq!(f.context(11).and_then(|c| c.kind), Some(Kind::Individual));
    assert_eq!(f.context(7).and_then(|c| c.kind), Some(Kind::Collective));
}

#[test]
fn a_secretary_inside_a_data_row_is_data() {
    // A roster whose secretary cell says "Bí thư 1", then "Bí thư": every unit is data.
    let f = form(vec![
        vec![
            t("STT"),
            t("Tên chi bộ"),
            t("Bí thư chi bộ"),
            t("Điện thoại"),
        ],
        vec![n(1.0), t("Chi bộ Văn phòng"), t("Bí thư 1")],
        vec![n(2.0), t("Chi bộ Thanh tra"), t("Bí thư")],
        vec![n(3.0), t("Chi bộ Kế toán"), t("Nguyễn Văn An"), t("0912")],
        vec![E, t("Chi bộ Kho vận"), t("Bí thư chi bộ")],
    ]);
    assert_eq!(excel(&f.data_rows), [2, 3, 4, 5], "{:?}", f.structure);
    assert!(f.structure.closing.is_empty());
}

#[test]
fn the_closing_block_is_told_by_shape_not_by_a_word() {
    let header = vec![t("STT"), t("Tên mô hình"), t("Họ và tên"), t("Chức vụ")];
    // A model's name opening with "Cộng đồng", a person "Lưu Văn Bình": data.
    let f = form(vec![
        header.clone(),
        vec![E, t("Cộng đồng dân cư tự quản")],
        vec![E, t("Tổng hợp ý kiến nhân dân"), t("Lưu Văn Bình")],
        vec![E, E, t("Người lập biểu"), t("XÁC NHẬN CỦA CHI BỘ")],
        vec![E, E, t("(Ký, ghi rõ họ tên)"), t("(Ký tên, đóng dấu)")],
        vec![E, E, t("Phạm Thu Hà"), t("Đỗ Văn Minh")],
    ]);
    assert_eq!(excel(&f.data_rows), [2, 3]);
    assert_eq!(excel(&f.structure.closing), [4, 5, 6]);
    assert!(f.structure.totals.is_empty());
    // A date line left to fill in still opens the closing block.
    let f = form(vec![
        header,
        vec![n(1.0), t("Một cửa"), t("Phòng A"), t("Trưởng phòng")],
        vec![E, E, t("……, ngày … tháng … năm 20…")],
        vec![E, E, t("BÍ THƯ")],
    ]);
    assert_eq!(excel(&f.data_rows), [2]);
    assert_eq!(excel(&f.structure.closing), [3, 4]);
}

#[test]
fn the_template_example_row_is_skipped_only_while_it_holds_the_example() {
    let header = vec![t("STT"), t("Tên mô hình"), t("Ghi chú")];
    let example = |name: &str| vec![t("Ví dụ"), t(name), t("Dòng mẫu, dvk không đọc")];
    let f = form(vec![
        header.clone(),
        example("Tiếp công dân thân thiện, trả kết quả đúng hẹn"),
        vec![n(1.0), t("Mô hình thật"), t("")],
        vec![n(2.0)],
        vec![n(3.0)],
    ]);
    assert_eq!(excel(&f.structure.examples), [2]);
    assert_eq!(excel(&f.data_rows), [3]);
    assert_eq!(excel(&f.structure.blank_numbered), [4, 5]);
    let f = form(vec![header, example("Số hóa hồ sơ lưu trữ"), vec![n(1.0)]]);
    assert!(f.structure.examples.is_empty());
    assert_eq!(excel(&f.structure.examples_used), [2]);
    assert_eq!(excel(&f.data_rows), [2]);
}

#[test]
fn sections_set_kind_unit_and_field_for_the_rows_under_them() {
    let f = form(vec![
        vec![t("STT"), t("Tên mô hình"), t("Người thực hiện")],
        vec![t("A. Lĩnh vực kinh tế")],
        vec![t("1. Chi bộ Phòng Kỹ thuật")],
        vec![n(1.0), t("Mô hình 1"), t("Tổ 1")],
        vec![t("2. Chi bộ Phòng Tài chính")],
        vec![n(1.0), t("Mô hình 2"), t("Tổ 2")],
        vec![t("B. Văn hóa - xã hội")],
        vec![n(1.0), t("Mô hình 3"), t("Tổ 3")],
    ]);
    assert_eq!(excel(&f.data_rows), [4, 6, 8]);
    let at = |row: usize| f.context(row - 1).cloned().unwrap_or_default();
    assert_eq!(at(4).unit.as_deref(), Some("Chi bộ Phòng Kỹ thuật"));
    assert_eq!(at(4).field.as_deref(), Some("Lĩnh vực kinh tế"));
    assert_eq!(at(6).unit.as_deref(), Some("Chi bộ Phòng Tài chính"));
    // A new letter section closes the numbered ones under the previous letter.
    assert_eq!(at(8).unit, None);
    assert_eq!(at(8).field.as_deref(), Some("Văn hóa - xã hội"));
}

#[test]
fn a_header_repeated_on_the_next_page_is_a_header() {
    let header = vec![t("STT"), t("Tên mô hình"), t("Ngày đăng ký")];
    let f = form(vec![
        header.clone(),
        vec![n(1.0), t("A"), t("01/03/2025")],
        header,
        vec![n(2.0), t("B"), t("01/03/2025")],
    ]);
    assert_eq!(excel(&f.structure.header), [1, 3]);
    assert_eq!(excel(&f.data_rows), [2, 4]);
}

#[test]
fn notes_and_totals_in_their_usual_spellings() {
    for note in [
        "Ghi chú: danh sách đã được chi bộ thông qua",
        "* Chi bộ đăng ký thêm trong quý II",
        "(Danh sách gồm 05 mô hình)",
        "Lưu ý: gửi bản mềm qua thư điện tử",
        // The footnotes of a header marked «Tên mô hình (*)», «Lĩnh vực (**)».
        "(*) Ghi rõ tên mô hình",
        "(**) Kinh tế, Văn hóa - xã hội, QP-AN, XDHTCT",
    ] {
        assert!(is_note(note), "{note}");
    }
    for text in ["Tên mô hình", "Nguyễn Văn An", "(1)", "Ghi chép sổ sách"] {
        assert!(!is_note(text), "{text}");
    }
    for line in [
        "BÍ THƯ",
        "T/M CHI BỘ",
        "Nơi nhận:",
        "Người lập biểu",
        "(Ký, ghi rõ họ tên)",
    ] {
        assert!(is_closing_line(line), "{line}");
    }
    for text in [
        "Bí thư chi bộ gương mẫu đi đầu",
        "Chi bộ Văn phòng",
        "Nguyễn Văn An",
    ] {
        assert!(!is_closing_line(text), "{text}");
    }
    for total in [
        "Cộng",
        "Cộng:",
        "CỘNG: 5",
        "Tổng cộng",
        "Tổng số: 5 mô hình",
        "Tổng: 7",
        "Cộng tập thể",
        // Subtotals of the parts of a list.
        "Cộng năm 2023",
        "Cộng chi bộ Văn phòng",
        "Cộng phần I",
        "Cộng lĩnh vực kinh tế",
    ] {
        assert!(is_total_text(total), "{total}");
    }
    for text in [
        "Cộng đồng dân cư",
        "Cộng tác viên pháp luật tận tâm",
        "Tổng hợp ý kiến",
        "Công khai tài chính",
    ] {
        assert!(!is_total_text(text), "{text}");
    }
    assert_eq!(numbers_in("Tổng số: 05 mô hình"), [5]);
    assert_eq!(numbers_in("Cộng: 3 tập thể, 2 cá nhân"), [3, 2]);
    // A year is no count.
    assert_eq!(numbers_in("Cộng năm 2023"), [0u32; 0]);
    assert_eq!(numbers_in("Cộng năm 2023: 2 mô hình"), [2]);
}

#[test]
fn subtotals_of_year_sections_are_totals() {
    let f = form(vec![
        vec![t("TỔNG HỢP MÔ HÌNH, ĐIỂN HÌNH GIAI ĐOẠN 2023 - 2024")],
        vec![
            t("STT"),
            t("Chi bộ"),
            t("Loại"),
            t("Tên mô hình"),
            t("Ngày đăng ký"),
        ],
        vec![t("I"), t("NĂM 2023")],
        vec![
            n(1.0),
            t("Văn phòng"),
            t("TT"),
            t("Một cửa"),
            t("10/02/2023"),
        ],
        vec![
            n(2.0),
            t("Thanh tra"),
            t("TT"),
            t("Tiếp dân"),
            t("10/02/2023"),
        ],
        vec![E, t("Cộng năm 2023"), E, n(2.0)],
        vec![t("II"), t("NĂM 2024")],
        vec![
            n(1.0),
            t("Văn phòng"),
            t("TT"),
            t("Số hóa"),
            t("10/02/2024"),
        ],
        vec![E, t("Cộng năm 2024"), E, n(1.0)],
        vec![E, t("Tổng cộng"), E, n(3.0)],
    ]);
    assert_eq!(excel(&f.data_rows), [4, 5, 8]);
    let totals: Vec<(usize, Option<u32>, bool)> = f
        .structure
        .totals
        .iter()
        .map(|x| (x.row + 1, x.stated, x.mismatch))
        .collect();
    assert_eq!(
        totals,
        [
            (6, Some(2), false),
            (9, Some(1), false),
            (10, Some(3), false)
        ]
    );
    // The year sections give the rows under them their year, and name no field.
    let years: Vec<(usize, Option<i32>, Option<String>)> = f
        .structure
        .sections
        .iter()
        .map(|s| (s.row + 1, s.year, s.field.clone()))
        .collect();
    assert_eq!(years, [(3, Some(2023), None), (7, Some(2024), None)]);
    assert_eq!(f.context(7).and_then(|c| c.year), Some(2024));
}

#[test]
fn marks_and_their_levels() {
    assert_eq!(leading_mark("I. TẬP THỂ"), Some((1, "TẬP THỂ")));
    assert_eq!(leading_mark("B) Văn hóa"), Some((2, "Văn hóa")));
    assert_eq!(leading_mark("2. Chi bộ Kho"), Some((3, "Chi bộ Kho")));
    assert_eq!(leading_mark("Phần II: Cá nhân"), Some((1, "Cá nhân")));
    assert_eq!(leading_mark("1.5 triệu"), None);
    assert_eq!(leading_mark("Một cửa 4.0"), None);
    assert_eq!(leading_mark("Nguyễn Văn A"), None);
}

#[test]
fn column_numbers_written_as_plain_numbers_are_not_a_data_row() {
    let f = form(vec![
        vec![
            t("STT"),
            t("Tên mô hình"),
            t("Người thực hiện"),
            t("Ngày đăng ký"),
        ],
        vec![n(1.0), n(2.0), n(3.0), n(4.0)],
        vec![n(1.0), t("Một cửa"), t("Văn phòng"), t("05/03/2025")],
        vec![E, t("Cộng: 1 tập thể, 0 cá nhân")],
    ]);
    assert_eq!(excel(&f.structure.column_numbers), [2]);
    assert_eq!(excel(&f.data_rows), [3]);
    assert_eq!(f.structure.totals.first().map(|t| t.mismatch), Some(false));
}

#[test]
fn footnotes_of_marked_headers_are_notes() {
    // «Tên mô hình (*)», «Lĩnh vực (**)», their footnotes under the table: one names a kind's
    // words ("mô hình") and is no section, the other lists fields and is no data row.
    let f = form(vec![
        vec![t("MẪU M1 - ĐĂNG KÝ MÔ HÌNH TẬP THỂ NĂM 2024")],
        vec![
            t("STT"),
            t("Tên mô hình (*)"),
            t("Lĩnh vực (**)"),
            t("Ngày đăng ký"),
        ],
        vec![n(1.0), t("Một cửa không giấy"), t("CCHC"), t("03/02/2024")],
        vec![t("(*) Ghi rõ tên mô hình")],
        vec![t("(**) Kinh tế, Văn hóa - xã hội, QP-AN, XDHTCT")],
    ]);
    assert_eq!(excel(&f.data_rows), [3]);
    assert_eq!(excel(&f.structure.notes), [4, 5]);
    assert!(f.structure.sections.is_empty());
}
