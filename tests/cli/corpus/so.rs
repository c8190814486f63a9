//! Committee (a): Đảng bộ Sở Tài chính, 8 chi bộ, year 2025.
//!
//! Files in the shapes a department's cells send: the Party title block, a column-number row,
//! a total and "Nơi nhận" beside the signature; a two-row merged header with sections "I. TẬP
//! THỂ" / "II. CÁ NHÂN" and a note; dvk's own templates (the «Ví dụ» row left as is with a
//! note typed under the table; the «Ví dụ» row typed over; the generic form with its "CHI BỘ
//! ……" line left blank, saved in a folder named after the sender); headings without
//! diacritics and with "CB", "P.", "TT"; kind by two «Tập thể» | «Cá nhân» columns marked "x"
//! and by «Mô hình/Điển hình»; fields spelled "Phát triển kinh tế", "Văn hoá – xã hội"; a total
//! stated wrongly; a double download "(1)"; a corrected "(bản sửa)" file; a self-assessment
//! table, a vertical "PHIẾU TỰ ĐÁNH GIÁ" with "CLB" for "Câu lạc bộ", and the committee's
//! decision with «Khen thưởng» = "Không" and "-".

use super::{at, cells, config, pair, v, write, Committee, Doc, FileTruth, Role};
use crate::common::book::V;
use crate::common::fill::{fill_xlsx, text, type_new_row, Typed};
use crate::common::workdir::Workdir;
use chrono::NaiveDate;
use serde_json::json;

pub const FOLDER: &str = "so-tai-chinh";
const INBOX: &str = "so-tai-chinh/hop-thu";

pub const U1: &str = "Chi bộ Văn phòng";
pub const U2: &str = "Chi bộ Thanh tra";
pub const U3: &str = "Chi bộ Phòng Quản lý ngân sách";
pub const U4: &str = "Chi bộ Phòng Tài chính doanh nghiệp";
pub const U5: &str = "Chi bộ Phòng Quản lý giá và công sản";
pub const U6: &str = "Chi bộ Trung tâm Dịch vụ tài chính công";
pub const U7: &str = "Chi bộ Phòng Tin học và thống kê";
pub const U8: &str = "Chi bộ Phòng Đầu tư";

const TOML: &str = r#"[committee]
name = "Đảng bộ Sở Tài chính"
higher = "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh"
place = "Đông Hà"
fields = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
    "Cải cách hành chính",
]
"#;

const TITLE: &str = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025";

/// STT | Loại | Tên | Người | Chức vụ | Lĩnh vực | Ngày đăng ký.
const MIXED: [&str; 7] = [
    "STT",
    "Loại",
    "Tên mô hình, điển hình",
    "Người/tập thể thực hiện",
    "Chức vụ",
    "Lĩnh vực",
    "Ngày đăng ký",
];

fn roster(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Danh sách", "roster");
    d.merged(Role::Title, 0, 3, "ĐẢNG BỘ SỞ TÀI CHÍNH");
    d.merged(Role::Title, 0, 3, "DANH SÁCH CHI BỘ TRỰC THUỘC NĂM 2025");
    d.blank();
    d.add(
        Role::Header,
        cells(&["STT", "Tên chi bộ", "Bí thư chi bộ", "Số đảng viên"]),
    );
    for (i, (unit, secretary, members)) in [
        (U1, "Nguyễn Thị Hoa", 12),
        (U2, "Trần Văn Minh", 7),
        (U3, "Lê Thị Thu", 9),
        (U4, "Bí thư 1", 8),
        (U5, "Hoàng Văn Nam", 6),
        (U6, "Bí thư", 11),
        (U7, "Phạm Thị Lan", 5),
        (U8, "Võ Văn Dũng", 6),
    ]
    .into_iter()
    .enumerate()
    {
        d.add(
            Role::Data,
            vec![
                V::Num(i as f64 + 1.0),
                v(unit),
                v(secretary),
                V::Num(members.into()),
            ],
        );
    }
    d.blank();
    d.add(Role::Closing, at(1, "Người lập biểu"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(1, "Trần Thị Mai"));
    let mut truth = write(dir, FOLDER, "danh-sach-chi-bo.xlsx", &[d]);
    truth.path = "danh-sach-chi-bo.xlsx".into();
    truth
}

/// The Party title block: committee | ĐẢNG CỘNG SẢN VIỆT NAM; the unit; "*" | date line; the
/// number; a blank row; the title merged over the table. Five title rows, row 6 the last.
fn head(d: &mut Doc, committee: &str, unit: &str, date_line: &str, number: &str, last: u16) {
    d.add(Role::Title, pair(committee, 4, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    d.add(Role::Title, at(0, unit));
    d.add(Role::Title, pair("*", 4, date_line));
    if number.is_empty() {
        d.blank();
    } else {
        d.add(Role::Title, at(0, number));
    }
    d.blank();
    d.merged(Role::Title, 0, last, TITLE);
}

fn a01(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("DS", "registration");
    head(
        &mut d,
        "ĐẢNG BỘ SỞ TÀI CHÍNH",
        "CHI BỘ VĂN PHÒNG",
        "Đông Hà, ngày 06 tháng 10 năm 2025",
        "Số 05-DS/CB",
        6,
    );
    d.blank();
    d.add(Role::Header, cells(&MIXED));
    d.add(
        Role::ColumnNumbers,
        cells(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]),
    );
    d.add(
        Role::Data,
        cells(&[
            "1",
            "Tập thể",
            "Một cửa tiếp nhận hồ sơ tài chính đúng hẹn",
            "Văn phòng Sở",
            "",
            "Cải cách hành chính",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        cells(&[
            "2",
            "Cá nhân",
            "Tận tụy hướng dẫn đơn vị quyết toán",
            "Nguyễn Thị Hoa",
            "Bí thư chi bộ",
            "Kinh tế",
            "06/10/2025",
        ]),
    );
    d.merged(Role::Total(Some(2)), 0, 2, "Cộng: 02 mô hình, điển hình");
    d.blank();
    d.add(Role::Closing, pair("Nơi nhận:", 4, "T/M CHI BỘ"));
    d.add(Role::Closing, pair("- Đảng ủy Sở (b/c);", 4, "BÍ THƯ"));
    d.add(Role::Closing, at(0, "- Lưu VP."));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(4, "Nguyễn Thị Hoa"));
    write(dir, INBOX, "2025/01_van_phong.xlsx", &[d])
}

fn a02(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Đăng ký", "registration");
    d.add(
        Role::Title,
        pair("ĐẢNG BỘ SỞ TÀI CHÍNH", 4, "ĐẢNG CỘNG SẢN VIỆT NAM"),
    );
    d.add(Role::Title, at(0, "CHI BỘ THANH TRA"));
    d.add(Role::Title, at(0, "*"));
    d.blank();
    d.merged(Role::Title, 0, 5, TITLE);
    d.blank();
    // Rows 7–8: a two-row header, the group "Mô hình, điển hình đăng ký" over three columns.
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Mô hình, điển hình đăng ký",
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
            "Tên mô hình, điển hình",
            "Người/tập thể thực hiện",
            "Chức vụ",
            "",
            "",
        ]),
    );
    d.merge_down(7, 0, 8)
        .merge_across(7, 1, 3)
        .merge_down(7, 4, 8)
        .merge_down(7, 5, 8);
    d.add(
        Role::Section(json!({"kind": "collective"})),
        cells(&["I. TẬP THỂ"]),
    );
    d.merge_across(9, 0, 5);
    d.add(
        Role::Data,
        cells(&[
            "1",
            "Câu lạc bộ Thanh tra nhân dân với doanh nghiệp",
            "Chi bộ Thanh tra",
            "",
            "Xây dựng hệ thống chính trị",
            "07/10/2025",
        ]),
    );
    d.add(
        Role::Section(json!({"kind": "individual"})),
        cells(&["II. CÁ NHÂN"]),
    );
    d.merge_across(11, 0, 5);
    d.add(
        Role::Data,
        cells(&[
            "1",
            "Gương mẫu tiếp công dân",
            "Trần Văn Minh",
            "Bí thư chi bộ",
            "Xây dựng hệ thống chính trị",
            "07/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        cells(&[
            "2",
            "Hòa giải khiếu nại tại cơ sở",
            "Lê Văn Bình",
            "Thanh tra viên",
            "Văn hóa – xã hội",
            "07/10/2025",
        ]),
    );
    d.merged(Role::Total(Some(3)), 0, 3, "Tổng cộng: 03");
    d.merged(
        Role::Note,
        0,
        5,
        "Ghi chú: Danh sách đã được chi bộ thông qua tại cuộc họp ngày 03/10/2025.",
    );
    d.blank();
    d.merged(Role::Closing, 3, 5, "Đông Hà, ngày 07 tháng 10 năm 2025");
    d.merged(Role::Closing, 3, 5, "T/M CHI BỘ");
    d.merged(Role::Closing, 3, 5, "BÍ THƯ");
    d.blank();
    d.blank();
    d.merged(Role::Closing, 3, 5, "Trần Văn Minh");
    write(dir, INBOX, "2025/02_thanh_tra.xlsx", &[d])
}

fn day(d: u32) -> Typed {
    Typed::Date(NaiveDate::from_ymd_opt(2025, 10, d).expect("a day of October 2025"))
}

/// The templates dvk writes for the committee, in `so-tai-chinh/mau`.
fn templates(dir: &Workdir) {
    let run = dir.run(&[
        "template",
        "--out",
        &format!("{FOLDER}/mau"),
        "--year",
        "2025",
        "--roster",
        &format!("{FOLDER}/danh-sach-chi-bo.xlsx"),
        "--config",
        &format!("{FOLDER}/dvk.toml"),
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

fn copy_template(dir: &Workdir, template: &str, to: &str) -> std::path::PathBuf {
    let from = dir.path().join(FOLDER).join("mau").join(template);
    let target = dir.file(&format!("{INBOX}/{to}"));
    std::fs::copy(&from, &target).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    target
}

/// The rows of dvk's template as a clerk sees them in Excel: title rows 1, 2, 3, 5, 6; the
/// header on row 8; the «Ví dụ» row 9; numbered rows 10–19; "T/M CHI BỘ" and "BÍ THƯ" on rows
/// 21–22, room to sign, the name on row 26.
fn template_structure(
    examples: &[u64],
    examples_used: &[u64],
    data: &[[u64; 2]],
    notes: &[u64],
    closing: &[u64],
) -> serde_json::Value {
    let filled: Vec<u64> = data.iter().flat_map(|r| r[0]..=r[1]).collect();
    let blank: Vec<u64> = (10..=19).filter(|r| !filled.contains(r)).collect();
    json!({
        "title": [1, 2, 3, 5, 6],
        "header": [8],
        "column_numbers": [],
        "examples": examples,
        "examples_used": examples_used,
        "sections": [],
        "data": data,
        "blank_numbered": blank,
        "totals": [],
        "notes": notes,
        "closing": closing,
        "after_closing": [],
        "hidden": [],
    })
}

/// U3's own M1: the «Ví dụ» row left as is, one model on row 10, and a note typed under the
/// table on row 20; the date line and the secretary's name filled in.
fn a03(dir: &Workdir) -> FileTruth {
    let path = "2025/03_ql_ngan_sach_M1.xlsx";
    let target = copy_template(dir, &format!("{U3}/M1_{U3}_2025.xlsx"), path);
    fill_xlsx(
        &target,
        1,
        &[
            (2, 4, text("Đông Hà, ngày 08 tháng 10 năm 2025")),
            (9, 1, text("Quản lý ngân sách công khai, minh bạch")),
            (9, 2, text("Phòng Quản lý ngân sách")),
            (9, 3, text("Kinh tế")),
            (
                9,
                4,
                text("Công khai dự toán, quyết toán trên cổng thông tin"),
            ),
            (9, 5, text("100% đơn vị được công khai")),
            (9, 6, text("Năm 2025")),
            (9, 7, day(8)),
            (25, 6, text("Lê Thị Thu")),
        ],
    );
    type_new_row(
        &target,
        1,
        19,
        0,
        "Ghi chú: danh sách đã được chi bộ thông qua ngày 03/10/2025",
    );
    FileTruth {
        path: path.into(),
        sheets: vec![json!({
            "name": "Đăng ký M1",
            "form": "registration",
            "rows": 1,
            "structure": template_structure(&[9], &[], &[[10, 10]], &[20], &[21, 22, 26]),
        })],
        rows: Some(1),
    }
}

/// U3's own M2: a real exemplar typed over the «Ví dụ» row (its STT and «Ghi chú» cells left
/// as the template had them), a second one on row 10.
fn a04(dir: &Workdir) -> FileTruth {
    let path = "2025/03_ql_ngan_sach_M2.xlsx";
    let target = copy_template(dir, &format!("{U3}/M2_{U3}_2025.xlsx"), path);
    fill_xlsx(
        &target,
        1,
        &[
            (8, 1, text("Tận tâm hướng dẫn quyết toán ngân sách xã")),
            (8, 2, text("Lê Thị Thu")),
            (8, 3, text("Bí thư chi bộ")),
            (8, 4, text("Kinh tế")),
            (8, 5, text("Hướng dẫn tận nơi cho kế toán xã")),
            (8, 6, text("Không có xã quyết toán chậm")),
            (8, 7, text("Năm 2025")),
            (8, 8, day(8)),
            (9, 1, text("Số hóa chứng từ kế toán")),
            (9, 2, text("Đặng Văn Quang")),
            (9, 3, text("Chuyên viên")),
            (9, 4, text("Cải cách hành chính")),
            (9, 8, day(8)),
        ],
    );
    FileTruth {
        path: path.into(),
        sheets: vec![json!({
            "name": "Đăng ký M2",
            "form": "registration",
            "rows": 2,
            "structure": template_structure(&[], &[9], &[[9, 10]], &[], &[21, 22]),
        })],
        rows: Some(2),
    }
}

/// U4 used the generic M1 and left its "CHI BỘ ……" line blank; the clerk saved the attachment
/// in a folder named after the sender.
fn a05(dir: &Workdir) -> FileTruth {
    let path = "2025/Phòng Tài chính doanh nghiệp/M1_Đăng ký mô hình tập thể_2025.xlsx";
    let target = copy_template(dir, "M1_Đăng ký mô hình tập thể_2025.xlsx", path);
    fill_xlsx(
        &target,
        1,
        &[
            (2, 4, text("Đông Hà, ngày 09 tháng 10 năm 2025")),
            (9, 1, text("Đồng hành cùng doanh nghiệp nhỏ và vừa")),
            (9, 2, text("Phòng Tài chính doanh nghiệp")),
            (9, 3, text("Kinh tế")),
            (9, 7, day(9)),
        ],
    );
    FileTruth {
        path: path.into(),
        sheets: vec![json!({
            "name": "Đăng ký M1",
            "form": "registration",
            "rows": 1,
            "structure": template_structure(&[9], &[], &[[10, 10]], &[], &[21, 22]),
        })],
        rows: Some(1),
    }
}

/// U4's individual exemplar on a list of its own: "CB P. TÀI CHÍNH DOANH NGHIỆP", kind "CN".
fn a06(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, "ĐẢNG BỘ SỞ TÀI CHÍNH"));
    d.add(Role::Title, at(0, "CB P. TÀI CHÍNH DOANH NGHIỆP"));
    d.blank();
    d.merged(Role::Title, 0, 6, TITLE);
    d.add(Role::Header, cells(&MIXED));
    d.add(
        Role::Data,
        cells(&[
            "1",
            "CN",
            "Tư vấn sắp xếp doanh nghiệp nhà nước",
            "Hồ Thị Duyên",
            "Phó Trưởng phòng",
            "Kinh tế",
            "09/10/2025",
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(4, "Đông Hà, ngày 09 tháng 10 năm 2025"));
    d.add(Role::Closing, at(4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(4, "Phan Văn Tuấn"));
    write(
        dir,
        INBOX,
        "2025/Phòng Tài chính doanh nghiệp/Danh sach ca nhan.xlsx",
        &[d],
    )
}

/// U5: no diacritics in the heading, the kind by two columns marked "x", fields spelled
/// "Phát triển kinh tế" and "Văn hoá – xã hội", a total stating 4 over 3 rows, a "*" note.
fn a07(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, "DANG BO SO TAI CHINH"));
    d.add(Role::Title, at(0, "CHI BO PHONG QUAN LY GIA VA CONG SAN"));
    d.merged(
        Role::Title,
        0,
        6,
        "DANH SACH DANG KY MO HINH, DIEN HINH DAN VAN KHEO NAM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Tên mô hình, điển hình",
            "Tập thể",
            "Cá nhân",
            "Người thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    for row in [
        [
            "1",
            "Niêm yết giá công khai tại chợ",
            "x",
            "",
            "Phòng Quản lý giá",
            "Phát triển kinh tế",
            "08/10/2025",
        ],
        [
            "2",
            "Kiểm kê tài sản công minh bạch",
            "x",
            "",
            "Tổ Công sản",
            "Văn hoá – xã hội",
            "08/10/2025",
        ],
        [
            "3",
            "Gương mẫu thẩm định giá",
            "",
            "x",
            "Hoàng Văn Nam",
            "Phát triển kinh tế",
            "08/10/2025",
        ],
    ] {
        d.add(Role::Data, cells(&row));
    }
    d.merged(Role::Total(Some(4)), 0, 1, "Tổng số: 4 mô hình");
    d.add(
        Role::Note,
        at(0, "* Mô hình số 2 tiếp tục thực hiện từ năm 2024."),
    );
    d.blank();
    d.add(Role::Closing, at(4, "T/M CHI BO"));
    d.add(Role::Closing, at(4, "BI THU"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(4, "Hoang Van Nam"));
    write(dir, INBOX, "2025/05_gia_cong_san.xlsx", &[d])
}

/// U6: "CHI BỘ TT DỊCH VỤ …", kind in «Mô hình/Điển hình», the date only in the title's date
/// line; sent twice (a double download "(1)", byte for byte the same).
fn a08(dir: &Workdir) -> Vec<FileTruth> {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(
        Role::Title,
        pair("ĐẢNG BỘ SỞ TÀI CHÍNH", 4, "ĐẢNG CỘNG SẢN VIỆT NAM"),
    );
    d.add(Role::Title, at(0, "CHI BỘ TT DỊCH VỤ TÀI CHÍNH CÔNG"));
    d.add(
        Role::Title,
        pair("*", 4, "Đông Hà, ngày 09 tháng 10 năm 2025"),
    );
    d.blank();
    d.merged(
        Role::Title,
        0,
        5,
        "DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Mô hình/Điển hình",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Chức vụ",
            "Lĩnh vực",
        ]),
    );
    d.add(
        Role::Data,
        cells(&[
            "1",
            "Mô hình",
            "Thanh toán không dùng tiền mặt",
            "Tổ Nghiệp vụ",
            "",
            "Kinh tế",
        ]),
    );
    d.add(
        Role::Data,
        cells(&[
            "2",
            "Điển hình",
            "Nhiệt tình phục vụ khách hàng",
            "Ngô Thị Hạnh",
            "Viên chức",
            "Văn hóa – xã hội",
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "K/T BÍ THƯ"));
    d.add(Role::Closing, at(4, "PHÓ BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(4, "Đinh Văn Khoa"));
    let first = write(dir, INBOX, "2025/06_tt_dich_vu.xlsx", &[d.clone()]);
    let mut copy = write(dir, INBOX, "2025/06_tt_dich_vu (1).xlsx", &[d]);
    copy.rows = None;
    let mut first_truth = first;
    first_truth.rows = None;
    vec![first_truth, copy]
}

fn tin_hoc(kind_field: &str, date: &str, position: &str) -> Doc {
    let mut d = Doc::new("DS", "registration");
    d.add(Role::Title, at(0, "ĐẢNG BỘ SỞ TÀI CHÍNH"));
    d.add(Role::Title, at(0, "CHI BỘ PHÒNG TIN HỌC VÀ THỐNG KÊ"));
    d.merged(Role::Title, 0, 6, TITLE);
    d.blank();
    d.add(Role::Header, cells(&MIXED));
    d.add(
        Role::Data,
        cells(&[
            "1",
            "Tập thể",
            "Số hóa hồ sơ lưu trữ",
            "Phòng Tin học và thống kê",
            "",
            kind_field,
            date,
        ]),
    );
    d.add(
        Role::Data,
        cells(&[
            "2",
            "Cá nhân",
            "Hỗ trợ ứng dụng phần mềm kế toán",
            "Phạm Thị Lan",
            position,
            "Cải cách hành chính",
            date,
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(4, "Phạm Thị Lan"));
    d
}

/// U7 sent its list, then a corrected "(bản sửa)" repeating both models with one field and a
/// position corrected.
fn a09(dir: &Workdir) -> Vec<FileTruth> {
    let mut first = write(
        dir,
        INBOX,
        "2025/07_tin_hoc.xlsx",
        &[tin_hoc("Kinh tế", "05/10/2025", "")],
    );
    first.rows = None;
    let second = write(
        dir,
        INBOX,
        "2025/07_tin_hoc (bản sửa).xlsx",
        &[tin_hoc(
            "Cải cách hành chính",
            "08/10/2025",
            "Bí thư chi bộ",
        )],
    );
    vec![first, second]
}

const SA_HEADER: [&str; 11] = [
    "STT",
    "Loại (Tập thể/Cá nhân)",
    "Tên mô hình, điển hình",
    "Họ và tên / Tên tập thể",
    "Kết quả đạt được",
    "Tự đánh giá (xếp loại)",
    "Tổng số phiếu",
    "Số phiếu tán thành",
    "Sức lan tỏa",
    "Đề nghị công nhận",
    "Ngày báo cáo",
];

/// U1's self-assessment of both its models, a table.
fn a10(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Tự đánh giá", "self_assessment");
    d.add(Role::Title, at(0, "ĐẢNG BỘ SỞ TÀI CHÍNH"));
    d.add(Role::Title, at(0, "CHI BỘ VĂN PHÒNG"));
    d.blank();
    d.merged(
        Role::Title,
        0,
        10,
        "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    d.add(Role::Header, cells(&SA_HEADER));
    d.add(
        Role::Data,
        vec![
            v("1"),
            v("Tập thể"),
            v("Một cửa tiếp nhận hồ sơ tài chính đúng hẹn"),
            v("Văn phòng Sở"),
            v("Trả 100% hồ sơ đúng hẹn"),
            v("Xuất sắc"),
            V::Num(12.0),
            V::Num(12.0),
            v("Có"),
            v("Có"),
            v("20/08/2026"),
        ],
    );
    d.add(
        Role::Data,
        vec![
            v("2"),
            v("Cá nhân"),
            v("Tận tụy hướng dẫn đơn vị quyết toán"),
            v("Nguyễn Thị Hoa"),
            v("Hướng dẫn 40 đơn vị quyết toán đúng hạn"),
            v("Tốt"),
            V::Num(12.0),
            V::Num(11.0),
            v("Có"),
            v("Có"),
            v("20/08/2026"),
        ],
    );
    d.blank();
    d.add(Role::Closing, at(7, "T/M CHI BỘ"));
    d.add(Role::Closing, at(7, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(7, "Nguyễn Thị Hoa"));
    write(dir, INBOX, "2025/tu-danh-gia/01_van_phong_TDG.xlsx", &[d])
}

/// U2's vertical "PHIẾU TỰ ĐÁNH GIÁ" of its collective model, named "CLB …" where the
/// registration says "Câu lạc bộ …".
fn a11(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Phiếu", "self_assessment");
    d.vertical = true;
    d.add(Role::Title, at(0, "ĐẢNG BỘ SỞ TÀI CHÍNH"));
    d.add(Role::Title, at(0, "CHI BỘ THANH TRA"));
    d.blank();
    d.merged(Role::Title, 0, 2, "PHIẾU TỰ ĐÁNH GIÁ");
    d.merged(
        Role::Title,
        0,
        2,
        "KẾT QUẢ THỰC HIỆN MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    for (label, value) in [
        ("Loại:", v("Tập thể")),
        ("Tên mô hình:", v("CLB Thanh tra nhân dân với doanh nghiệp")),
        ("Tập thể thực hiện:", v("Chi bộ Thanh tra")),
        (
            "Kết quả đạt được:",
            v("Giải quyết 12 kiến nghị của doanh nghiệp"),
        ),
        ("Tự đánh giá (xếp loại):", v("Tốt")),
        ("Tổng số phiếu:", V::Num(7.0)),
        ("Số phiếu tán thành:", V::Num(7.0)),
        ("Sức lan tỏa:", v("Có")),
        ("Đề nghị công nhận:", v("Có")),
        ("Ngày báo cáo:", v("25/08/2026")),
    ] {
        d.add(Role::Data, vec![v(label), value]);
    }
    d.blank();
    d.add(Role::Closing, at(1, "T/M CHI BỘ"));
    d.add(Role::Closing, at(1, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(1, "Trần Văn Minh"));
    write(dir, INBOX, "2025/tu-danh-gia/02_thanh_tra_phieu.xlsx", &[d])
}

/// The committee's decision: three models recognized; «Khen thưởng» "Giấy khen", "Không", "-".
fn a12(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Công nhận", "decision");
    d.add(Role::Title, at(0, "ĐẢNG BỘ SỞ TÀI CHÍNH"));
    d.merged(
        Role::Title,
        0,
        4,
        "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN NĂM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Chi bộ",
            "Tên mô hình, điển hình",
            "Công nhận",
            "Khen thưởng",
        ]),
    );
    for row in [
        [
            "1",
            U1,
            "Một cửa tiếp nhận hồ sơ tài chính đúng hẹn",
            "Có",
            "Giấy khen",
        ],
        [
            "2",
            U1,
            "Tận tụy hướng dẫn đơn vị quyết toán",
            "Có",
            "Không",
        ],
        [
            "3",
            U2,
            "Câu lạc bộ Thanh tra nhân dân với doanh nghiệp",
            "Có",
            "-",
        ],
    ] {
        d.add(Role::Data, cells(&row));
    }
    d.blank();
    d.add(Role::Closing, at(3, "T/M BAN THƯỜNG VỤ"));
    d.add(Role::Closing, at(3, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(3, "Lê Quang Huy"));
    write(dir, INBOX, "2025/quyet-dinh/cong-nhan-2025.xlsx", &[d])
}

/// Writes the committee and returns its truth.
pub fn build(dir: &Workdir) -> Committee {
    config(dir, FOLDER, TOML);
    let roster_truth = roster(dir);
    templates(dir);
    let mut files = vec![
        a01(dir),
        a02(dir),
        a03(dir),
        a04(dir),
        a05(dir),
        a06(dir),
        a07(dir),
    ];
    files.extend(a08(dir));
    files.extend(a09(dir));
    files.extend([a10(dir), a11(dir), a12(dir)]);
    let p = |s: &str| s.to_string();
    Committee {
        folder: FOLDER.into(),
        roster: format!("{FOLDER}/danh-sach-chi-bo.xlsx"),
        roster_truth,
        files,
        // Counted from the files: U1 2 rows (A01), both self-assessed (A10), both recognized,
        // one with a Giấy khen (the other "Không"); U2 1 + 2 (A02), the "CLB" self-assessed
        // (A11) and recognized, "-" is no award; U3 1 (A03) + 2 (A04, the example row typed
        // over); U4 1 (A05) + 1 (A06); U5 2 + 1 (A07); U6 1 + 1 once (A08, twice sent);
        // U7 1 + 1 once (A09, replaced by its corrected file); U8 nothing.
        figures: vec![
            super::fig(U1, 1, 1, 2, 2, 1),
            super::fig(U2, 1, 2, 1, 1, 0),
            super::fig(U3, 1, 2, 0, 0, 0),
            super::fig(U4, 1, 1, 0, 0, 0),
            super::fig(U5, 2, 1, 0, 0, 0),
            super::fig(U6, 1, 1, 0, 0, 0),
            super::fig(U7, 1, 1, 0, 0, 0),
            super::fig(U8, 0, 0, 0, 0, 0),
        ],
        missing: vec![(U8, vec!["missing-registration"])],
        findings: vec![
            (
                p("2025/03_ql_ngan_sach_M2.xlsx"),
                "example-row-used",
                Some(9),
            ),
            (p("2025/05_gia_cong_san.xlsx"), "total-mismatch", Some(9)),
            (p("2025/06_tt_dich_vu (1).xlsx"), "duplicate-file", None),
            (p("2025/07_tin_hoc.xlsx"), "superseded-file", None),
        ],
        // Fields as the clerk reads them: "Phát triển kinh tế" is Kinh tế, "Văn hoá – xã hội"
        // is Văn hóa – xã hội.
        by_field: vec![
            ("Kinh tế", 4, 4),
            ("Văn hóa – xã hội", 1, 2),
            ("Xây dựng hệ thống chính trị", 1, 1),
            ("Cải cách hành chính", 2, 2),
        ],
        earlier: None,
    }
}

#[test]
fn templates_are_written_for_every_unit_of_a_roster_whose_secretary_says_bi_thu_1() {
    // The roster's 4th unit has "Bí thư 1" and the 6th "Bí thư" as secretary: every unit
    // still gets its own set of forms.
    let dir = Workdir::new();
    config(&dir, FOLDER, TOML);
    roster(&dir);
    templates(&dir);
    let missing: Vec<&str> = [U1, U2, U3, U4, U5, U6, U7, U8]
        .into_iter()
        .filter(|unit| {
            !dir.path()
                .join(FOLDER)
                .join("mau")
                .join(unit)
                .join(format!("M1_{unit}_2025.xlsx"))
                .is_file()
        })
        .collect();
    assert!(missing.is_empty(), "no forms for {missing:?}");
}
