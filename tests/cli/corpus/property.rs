//! The property of issue 15: for any table with a title, a header, sections, totals, notes, an
//! example row, numbered blank rows and a closing block placed around random data rows (real
//! Vietnamese names, positions including "Bí thư chi bộ", notes including "Ghi chú"), the rows
//! counted are exactly the data rows and every other non-blank row has its role in `structure`.

use super::{at, cells, pair, Doc, Role};
use crate::common::workdir::Workdir;
use proptest::prelude::*;
use serde_json::json;

const NAMES: [&str; 10] = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Võ Thị Giang",
    "Đặng Quốc Huy",
    "Bùi Thị Kim Liên",
    "Ngô Văn Minh",
    "Huỳnh Thị Ngọc Oanh",
];
const MODELS: [&str; 8] = [
    "Tiếp công dân thân thiện",
    "Một cửa liên thông đúng hẹn",
    "Câu lạc bộ pháp luật khu dân cư",
    "Gương mẫu hòa giải ở cơ sở",
    "Số hóa hồ sơ lưu trữ",
    "Vận động hiến đất làm đường",
    "Bí thư chi bộ gần dân",
    "Tổ tự quản đường hoa",
];
const POSITIONS: [&str; 6] = [
    "Bí thư chi bộ",
    "Phó Bí thư chi bộ",
    "Chuyên viên",
    "Đảng viên",
    "Trưởng phòng",
    "",
];
const FIELDS: [&str; 4] = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
];
const TITLE_LINES: [&str; 3] = ["ĐẢNG BỘ SỞ TƯ PHÁP", "*", "Số 12-DS/CB"];
const NOTES: [&str; 3] = [
    "Ghi chú: Danh sách đã được chi bộ thông qua tại cuộc họp ngày 03/10/2025.",
    "* Mô hình số 1 tiếp tục thực hiện từ năm trước.",
    "(Danh sách gồm các mô hình, điển hình nêu trên)",
];
const HEADER: [&str; 7] = [
    "STT",
    "Loại",
    "Tên mô hình, điển hình",
    "Người/tập thể thực hiện",
    "Chức vụ",
    "Lĩnh vực",
    "Ngày đăng ký",
];

/// One data row: collective or not, model, person, position, field, day of October.
type Row = (bool, usize, usize, usize, usize, u32);

#[derive(Debug, Clone)]
struct Plan {
    title_lines: Vec<bool>,
    two_row_header: bool,
    column_numbers: bool,
    example: bool,
    sections: bool,
    rows: Vec<Row>,
    /// Numbered rows left empty under the data (as on a printed form).
    blank_numbered: usize,
    total: Option<bool>,
    notes: Vec<usize>,
    date_line: bool,
    noi_nhan: bool,
    closing_col: usize,
    closing_merged: bool,
}

fn plan() -> impl Strategy<Value = Plan> {
    let row = (
        any::<bool>(),
        0..MODELS.len(),
        0..NAMES.len(),
        0..POSITIONS.len(),
        0..FIELDS.len(),
        1u32..=10,
    );
    (
        proptest::collection::vec(any::<bool>(), 3),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        (proptest::collection::vec(row, 1..9), 0usize..3),
        proptest::option::of(any::<bool>()),
        proptest::collection::vec(0..NOTES.len(), 0..3),
        any::<bool>(),
        any::<bool>(),
        2usize..=5,
        any::<bool>(),
    )
        .prop_map(
            |(
                title_lines,
                two_row_header,
                column_numbers,
                example,
                sections,
                (rows, blank_numbered),
                total,
                notes,
                date_line,
                noi_nhan,
                closing_col,
                closing_merged,
            )| Plan {
                title_lines,
                two_row_header,
                column_numbers,
                example,
                sections,
                rows,
                blank_numbered,
                total,
                notes,
                date_line,
                noi_nhan,
                closing_col,
                closing_merged,
            },
        )
}

/// Data row `n` (its STT) of the plan's row `index`: models differ from row to row (at most 8
/// rows), so no row is a duplicate of another.
fn data_row(n: usize, index: usize, row: &Row) -> Vec<crate::common::book::V> {
    let (collective, model, person, position, field, day) = *row;
    // Two rows may draw the same model: a number keeps them two models, not a duplicate.
    let model = format!("{} – {}", MODELS[(model + index) % MODELS.len()], index + 1);
    let (kind, who, position) = if collective {
        ("Tập thể", "Tổ công tác", "")
    } else {
        ("Cá nhân", NAMES[person], POSITIONS[position])
    };
    cells(&[
        &n.to_string(),
        kind,
        &model,
        who,
        position,
        FIELDS[field],
        &format!("{day:02}/10/2025"),
    ])
}

fn build(p: &Plan) -> Doc {
    let mut d = Doc::new("DS", "registration");
    for (i, line) in TITLE_LINES.iter().enumerate() {
        if p.title_lines[i] {
            d.add(Role::Title, at(0, line));
        }
    }
    d.add(Role::Title, at(0, "CHI BỘ VĂN PHÒNG"));
    d.merged(
        Role::Title,
        0,
        6,
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    if p.two_row_header {
        let first = d.next();
        d.add(
            Role::Header,
            cells(&[
                "STT",
                "Loại",
                "Mô hình, điển hình",
                "",
                "",
                "Lĩnh vực",
                "Ngày đăng ký",
            ]),
        );
        d.add(
            Role::Header,
            cells(&[
                "",
                "",
                "Tên mô hình, điển hình",
                "Người/tập thể thực hiện",
                "Chức vụ",
                "",
                "",
            ]),
        );
        d.merge_down(first, 0, first + 1)
            .merge_down(first, 1, first + 1)
            .merge_across(first, 2, 4)
            .merge_down(first, 5, first + 1)
            .merge_down(first, 6, first + 1);
    } else {
        d.add(Role::Header, cells(&HEADER));
    }
    if p.column_numbers {
        d.add(
            Role::ColumnNumbers,
            cells(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]),
        );
    }
    if p.example {
        d.add(
            Role::Example,
            cells(&[
                "Ví dụ",
                "Tập thể",
                "Tiếp công dân thân thiện, trả kết quả đúng hẹn",
                "Văn phòng Sở",
                "",
                "Kinh tế",
                "10/01/2025",
            ]),
        );
    }
    if p.sections {
        let groups = [
            ("I. TẬP THỂ", "collective", true),
            ("II. CÁ NHÂN", "individual", false),
        ];
        for (text, kind, collective) in groups {
            let rows: Vec<(usize, &Row)> = p
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.0 == collective)
                .collect();
            if rows.is_empty() {
                continue;
            }
            d.add(Role::Section(json!({ "kind": kind })), at(0, text));
            for (n, (index, row)) in rows.into_iter().enumerate() {
                d.add(Role::Data, data_row(n + 1, index, row));
            }
        }
    } else {
        for (i, row) in p.rows.iter().enumerate() {
            d.add(Role::Data, data_row(i + 1, i, row));
        }
    }
    // Only without sections: under "II. CÁ NHÂN" the numbering restarts.
    if !p.sections {
        for n in 0..p.blank_numbered {
            d.add(
                Role::BlankNumbered,
                cells(&[&(p.rows.len() + n + 1).to_string()]),
            );
        }
    }
    match p.total {
        Some(true) => {
            let n = p.rows.len();
            d.merged(
                Role::Total(Some(n as u64)),
                0,
                2,
                &format!("Cộng: {n} mô hình, điển hình"),
            );
        }
        Some(false) => {
            d.merged(Role::Total(None), 0, 2, "Tổng cộng");
        }
        None => {}
    }
    for &note in &p.notes {
        d.add(Role::Note, at(0, NOTES[note]));
    }
    d.blank();
    let col = p.closing_col;
    let closing = |d: &mut Doc, left: &str, right: &str| {
        if p.closing_merged && left.is_empty() {
            d.merged(Role::Closing, col as u16, 6, right);
        } else if left.is_empty() {
            d.add(Role::Closing, at(col, right));
        } else {
            d.add(Role::Closing, pair(left, col, right));
        }
    };
    if p.date_line {
        closing(&mut d, "", "Đồng Hới, ngày 05 tháng 10 năm 2025");
    }
    closing(
        &mut d,
        if p.noi_nhan { "Nơi nhận:" } else { "" },
        "T/M CHI BỘ",
    );
    closing(
        &mut d,
        if p.noi_nhan {
            "- Đảng ủy Sở;"
        } else {
            ""
        },
        "BÍ THƯ",
    );
    if p.noi_nhan {
        d.add(Role::Closing, at(0, "- Lưu VP."));
    }
    d.blank();
    d.blank();
    closing(&mut d, "", NAMES[p.rows.len() % NAMES.len()]);
    d
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The generator itself: every non-blank row has a role, every data row of the plan is
    /// written once.
    #[test]
    fn the_generated_tables_are_labelled_completely(p in plan()) {
        let doc = build(&p);
        doc.check_labels();
        prop_assert_eq!(doc.data_rows(), p.rows.len() as u64);
    }

    #[test]
    fn every_row_is_data_or_has_its_role(p in plan()) {
        let doc = build(&p);
        let dir = Workdir::new();
        let _ = super::write(&dir, ".", "ds.xlsx", std::slice::from_ref(&doc));
        let run = dir.run(&["check", "ds.xlsx", "--as-of", "2025-12-30", "--json"]);
        let json = run.json();
        let want = doc.expected();
        prop_assert_eq!(&json["summary"]["rows"], &want["rows"]);
        let sheet = &json["files"][0]["sheets"][0];
        prop_assert_eq!(&sheet["rows"], &want["rows"]);
        prop_assert_eq!(&sheet["structure"], &want["structure"]);
        // Nothing outside the table is a row with a finding of its own.
        let errors: Vec<_> = json["issues"].as_array().cloned().unwrap_or_default()
            .into_iter().filter(|i| i["severity"] == "error").collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }
}
