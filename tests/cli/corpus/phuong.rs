//! Committee (c): Đảng bộ phường Đông Hà, a ward formed in the 2025 reorganisation, with the
//! chi bộ of its khu phố, its police and military, a school and the health station; year 2025.
//!
//! The roster is headed «Tên đơn vị» with a column «Tên khác» holding the old names; a khu phố
//! still sends under its old name ("CHI BỘ KHU PHỐ 3, PHƯỜNG 5", now Khu phố 2, while a
//! current "Khu phố 3" exists); a heading repeats the ward's own name ("CHI BỘ CÔNG AN PHƯỜNG
//! ĐÔNG HÀ"); "CB KHU PHO 4" without diacritics; "TRƯỜNG TH" for "Trường Tiểu học"; the kind
//! by x columns and sections; numbered rows left empty; a bare "Cộng" and a "Tổng số: 3"; a
//! row hidden in Excel; "Xác nhận của …"; a vertical self-assessment; the ward's decision.

use super::{at, cells, config, fig, list, pair, v, write, Committee, Doc, FileTruth, Role};
use crate::common::book::V;
use crate::common::workdir::Workdir;
use serde_json::json;

pub const FOLDER: &str = "phuong-dong-ha";
const INBOX: &str = "phuong-dong-ha/hop-thu";

pub const P1: &str = "Chi bộ Khu phố 1";
pub const P2: &str = "Chi bộ Khu phố 2";
pub const P3: &str = "Chi bộ Khu phố 3";
pub const P4: &str = "Chi bộ Khu phố 4";
pub const P5: &str = "Chi bộ Công an phường";
pub const P6: &str = "Chi bộ Quân sự phường";
pub const P7: &str = "Chi bộ Trường Tiểu học Nguyễn Trãi";
pub const P8: &str = "Chi bộ Trạm Y tế phường";

const TOML: &str = r#"[committee]
name = "Đảng bộ phường Đông Hà"
higher = "Đảng bộ tỉnh Quảng Trị"
place = "Đông Hà"
fields = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
    "Xây dựng đô thị văn minh",
]
"#;

const WARD: &str = "ĐẢNG BỘ PHƯỜNG ĐÔNG HÀ";
const TITLE: &str = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025";
const MIXED: [&str; 6] = [
    "STT",
    "Loại",
    "Tên mô hình, điển hình",
    "Người/tập thể thực hiện",
    "Lĩnh vực",
    "Ngày đăng ký",
];

fn roster(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Đơn vị", "roster");
    d.merged(Role::Title, 0, 3, WARD);
    d.merged(
        Role::Title,
        0,
        3,
        "DANH SÁCH CHI BỘ TRỰC THUỘC (SAU SẮP XẾP)",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&["STT", "Tên đơn vị", "Tên khác", "Bí thư"]),
    );
    for (i, (unit, other, secretary)) in [
        (P1, "Chi bộ Khu phố 1, Phường 5", "Trần Văn Lâm"),
        (P2, "Chi bộ Khu phố 3, Phường 5", "Nguyễn Thị Sen"),
        (P3, "", "Lê Văn Hòa"),
        (P4, "", "Phạm Thị Cúc"),
        (P5, "Chi bộ Công an phường 5", "Đặng Quốc Việt"),
        (P6, "", "Hồ Sỹ Lâm"),
        (P7, "", "Nguyễn Thị Ngọc Anh"),
        (P8, "", "Võ Thị Hiền"),
    ]
    .into_iter()
    .enumerate()
    {
        d.add(
            Role::Data,
            vec![V::Num(i as f64 + 1.0), v(unit), v(other), v(secretary)],
        );
    }
    let mut truth = write(dir, FOLDER, "danh-sach-don-vi.xlsx", &[d]);
    truth.path = "danh-sach-don-vi.xlsx".into();
    truth
}

fn r(texts: &[&str]) -> Vec<V> {
    cells(texts)
}

fn e01(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, pair(WARD, 3, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    d.add(Role::Title, at(0, "CHI BỘ KHU PHỐ 1"));
    d.add(
        Role::Title,
        pair("*", 3, "Đông Hà, ngày 04 tháng 10 năm 2025"),
    );
    d.blank();
    d.merged(Role::Title, 0, 5, TITLE);
    d.blank();
    d.add(Role::Header, r(&MIXED));
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Khu phố xanh, sạch, đẹp",
            "Ban công tác Mặt trận khu phố 1",
            "Xây dựng đô thị văn minh",
            "04/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Trưởng khu phố gần dân",
            "Trần Văn Lâm",
            "Xây dựng hệ thống chính trị",
            "04/10/2025",
        ]),
    );
    d.merged(Role::Total(None), 0, 1, "Cộng");
    d.blank();
    d.add(Role::Closing, pair("Nơi nhận:", 3, "T/M CHI BỘ"));
    d.add(Role::Closing, pair("- Đảng ủy phường;", 3, "BÍ THƯ"));
    d.add(Role::Closing, at(0, "- Lưu chi bộ."));
    d.blank();
    d.add(Role::Closing, at(3, "Trần Văn Lâm"));
    write(dir, INBOX, "2025/KP1.xlsx", &[d])
}

/// Khu phố 2 sends under its old name, which is also close to the current "Khu phố 3".
fn e02(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &["ĐẢNG BỘ PHƯỜNG 5", "CHI BỘ KHU PHỐ 3, PHƯỜNG 5"],
        TITLE,
        &MIXED,
        &[
            r(&[
                "1",
                "Tập thể",
                "Tổ tự quản đường hoa",
                "Chi hội Phụ nữ khu phố",
                "Xây dựng đô thị văn minh",
                "05/10/2025",
            ]),
            r(&[
                "2",
                "Cá nhân",
                "Hòa giải viên giỏi",
                "Nguyễn Thị Sen",
                "Văn hóa – xã hội",
                "05/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Thị Sen"],
        3,
    );
    write(dir, INBOX, "2025/KP3 cu (phuong 5).xlsx", &[d])
}

/// Khu phố 3: sections and a note.
fn e03(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, WARD));
    d.add(Role::Title, at(0, "CHI BỘ KHU PHỐ 3"));
    d.merged(Role::Title, 0, 4, TITLE);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Tên mô hình, điển hình",
            "Người/tập thể thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::Section(json!({"kind": "collective"})),
        r(&["I. TẬP THỂ"]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Camera giám sát an ninh khu phố",
            "Tổ bảo vệ dân phố",
            "Quốc phòng – an ninh",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Section(json!({"kind": "individual"})),
        r(&["II. CÁ NHÂN"]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Cựu chiến binh gương mẫu",
            "Lê Văn Hòa",
            "Quốc phòng – an ninh",
            "06/10/2025",
        ]),
    );
    // Numbered rows left empty by the clerk.
    d.add(Role::BlankNumbered, r(&["2"]));
    d.add(Role::BlankNumbered, r(&["3"]));
    d.add(
        Role::Note,
        at(0, "Ghi chú: chi bộ đã họp thống nhất đăng ký."),
    );
    d.blank();
    d.add(Role::Closing, at(2, "T/M CHI BỘ"));
    d.add(Role::Closing, at(2, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(2, "Lê Văn Hòa"));
    write(dir, INBOX, "2025/KP3.xlsx", &[d])
}

/// Khu phố 4: no diacritics, the kind by x columns.
fn e04(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &["DANG BO PHUONG DONG HA", "CB KHU PHO 4"],
        "DANH SACH DANG KY DAN VAN KHEO NAM 2025",
        &[
            "STT",
            "Ten mo hinh, dien hinh",
            "Tap the",
            "Ca nhan",
            "Nguoi thuc hien",
            "Linh vuc",
            "Ngay dang ky",
        ],
        &[
            r(&[
                "1",
                "Bếp ăn tình thương",
                "x",
                "",
                "Chi hội Chữ thập đỏ",
                "Văn hóa – xã hội",
                "07/10/2025",
            ]),
            r(&[
                "2",
                "Gương mẫu hiến đất mở hẻm",
                "",
                "x",
                "Phạm Thị Cúc",
                "Xây dựng đô thị văn minh",
                "07/10/2025",
            ]),
        ],
        &["T/M CHI BO", "BI THU", "Pham Thi Cuc"],
        4,
    );
    write(dir, INBOX, "2025/kp4.xlsx", &[d])
}

/// The police chi bộ: its heading holds the ward's own name.
fn e05(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[WARD, "CHI BỘ CÔNG AN PHƯỜNG ĐÔNG HÀ"],
        TITLE,
        &MIXED,
        &[
            r(&[
                "1",
                "TT",
                "Camera an ninh khu dân cư",
                "Công an phường",
                "Quốc phòng – an ninh",
                "03/10/2025",
            ]),
            r(&[
                "2",
                "CN",
                "Công an khu vực gần dân",
                "Đặng Quốc Việt",
                "Quốc phòng – an ninh",
                "03/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Đặng Quốc Việt"],
        3,
    );
    write(dir, INBOX, "2025/cong_an.xlsx", &[d])
}

/// The military chi bộ registers an individual only.
fn e06(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[WARD, "CHI BỘ QUÂN SỰ PHƯỜNG"],
        TITLE,
        &MIXED,
        &[r(&[
            "1",
            "Cá nhân",
            "Dân quân gương mẫu",
            "Hồ Sỹ Lâm",
            "Quốc phòng – an ninh",
            "08/10/2025",
        ])],
        &["T/M CHI BỘ", "BÍ THƯ", "Hồ Sỹ Lâm"],
        3,
    );
    write(dir, INBOX, "2025/quan_su.xlsx", &[d])
}

/// The school: "TRƯỜNG TH" for "Trường Tiểu học", a hidden data row, a total "Tổng số: 3",
/// "Xác nhận của …".
fn e07(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, WARD));
    d.add(Role::Title, at(0, "CHI BỘ TRƯỜNG TH NGUYỄN TRÃI"));
    d.merged(Role::Title, 0, 5, TITLE);
    d.blank();
    d.add(Role::Header, r(&MIXED));
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Thư viện xanh cho học sinh",
            "Tổ chuyên môn lớp 4",
            "Văn hóa – xã hội",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Cô giáo vận động học sinh khó khăn đến lớp",
            "Nguyễn Thị Ngọc Anh",
            "Văn hóa – xã hội",
            "06/10/2025",
        ]),
    );
    // Row 8, hidden by the clerk in Excel: still a model the chi bộ registered.
    d.hidden.push(u64::from(d.next()));
    d.add(
        Role::Data,
        r(&[
            "3",
            "Cá nhân",
            "Thầy giáo tình nguyện dạy bơi",
            "Phan Văn Dũng",
            "Văn hóa – xã hội",
            "06/10/2025",
        ]),
    );
    d.merged(Role::Total(Some(3)), 0, 2, "Tổng số: 3");
    d.blank();
    d.add(
        Role::Closing,
        pair("Xác nhận của Ban giám hiệu", 3, "T/M CHI BỘ"),
    );
    d.add(Role::Closing, at(3, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(3, "Nguyễn Thị Ngọc Anh"));
    write(dir, INBOX, "2025/truong_nguyen_trai.xlsx", &[d])
}

/// Khu phố 1's self-assessment of both its models.
fn e08(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Tự đánh giá", "self_assessment");
    d.add(Role::Title, at(0, WARD));
    d.add(Role::Title, at(0, "CHI BỘ KHU PHỐ 1"));
    d.merged(
        Role::Title,
        0,
        10,
        "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&[
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
        ]),
    );
    for (n, kind, name, who) in [
        (
            "1",
            "Tập thể",
            "Khu phố xanh, sạch, đẹp",
            "Ban công tác Mặt trận khu phố 1",
        ),
        ("2", "Cá nhân", "Trưởng khu phố gần dân", "Trần Văn Lâm"),
    ] {
        d.add(
            Role::Data,
            vec![
                v(n),
                v(kind),
                v(name),
                v(who),
                v("Đạt mục tiêu"),
                v("Tốt"),
                V::Num(25.0),
                V::Num(24.0),
                v("Có"),
                v("Có"),
                v("15/08/2026"),
            ],
        );
    }
    d.blank();
    d.add(Role::Closing, at(8, "T/M CHI BỘ"));
    d.add(Role::Closing, at(8, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(8, "Trần Văn Lâm"));
    write(dir, INBOX, "2025/tu-danh-gia/KP1_TDG.xlsx", &[d])
}

/// The police chi bộ's vertical form for its collective model.
fn e09(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Phiếu", "self_assessment");
    d.vertical = true;
    d.add(Role::Title, at(0, WARD));
    d.add(Role::Title, at(0, "CHI BỘ CÔNG AN PHƯỜNG"));
    d.blank();
    d.merged(
        Role::Title,
        0,
        1,
        "PHIẾU TỰ ĐÁNH GIÁ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    for (label, value) in [
        ("Tên mô hình", v("Camera an ninh khu dân cư")),
        ("Loại", v("Tập thể")),
        ("Kết quả đạt được", v("Lắp 40 camera, giảm 60% vụ trộm cắp")),
        ("Tự xếp loại", v("Xuất sắc")),
        ("Tổng số phiếu", V::Num(18.0)),
        ("Số phiếu tán thành", V::Num(18.0)),
        ("Sức lan tỏa", v("Có")),
        ("Đề nghị công nhận", v("Có")),
        ("Ngày báo cáo", v("20/08/2026")),
    ] {
        d.add(Role::Data, vec![v(label), value]);
    }
    d.blank();
    d.add(Role::Closing, at(1, "T/M CHI BỘ"));
    d.add(Role::Closing, at(1, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(1, "Đặng Quốc Việt"));
    write(dir, INBOX, "2025/tu-danh-gia/cong_an_phieu.xlsx", &[d])
}

/// The ward's decision.
fn e10(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Công nhận", "decision");
    d.add(Role::Title, at(0, WARD));
    d.merged(
        Role::Title,
        0,
        4,
        "MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN NĂM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Đơn vị",
            "Tên mô hình, điển hình",
            "Công nhận",
            "Khen thưởng",
        ]),
    );
    for row in [
        ["1", P1, "Khu phố xanh, sạch, đẹp", "Có", "Giấy khen"],
        ["2", P1, "Trưởng khu phố gần dân", "Có", "Không"],
        ["3", P5, "Camera an ninh khu dân cư", "Có", "Giấy khen"],
    ] {
        d.add(Role::Data, cells(&row));
    }
    d.blank();
    d.add(Role::Closing, at(3, "T/M ĐẢNG ỦY"));
    d.add(Role::Closing, at(3, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(3, "Lê Minh Tuấn"));
    write(dir, INBOX, "2025/quyet-dinh/cong_nhan.xlsx", &[d])
}

/// Writes the committee and returns its truth.
pub fn build(dir: &Workdir) -> Committee {
    config(dir, FOLDER, TOML);
    let roster_truth = roster(dir);
    let files = vec![
        e01(dir),
        e02(dir),
        e03(dir),
        e04(dir),
        e05(dir),
        e06(dir),
        e07(dir),
        e08(dir),
        e09(dir),
        e10(dir),
    ];
    Committee {
        folder: FOLDER.into(),
        roster: format!("{FOLDER}/danh-sach-don-vi.xlsx"),
        roster_truth,
        files,
        // P1: 1 + 1 (E01), both self-assessed (E08) and recognized, one Giấy khen. P2: 1 + 1
        // under its old name (E02). P3: 1 + 1 (E03). P4: 1 + 1 (E04). P5: 1 + 1 (E05), the
        // TT self-assessed (E09), recognized with a Giấy khen. P6: 1 CN (E06). P7: 1 + 2
        // (E07, one on a row hidden in Excel). P8: nothing.
        figures: vec![
            fig(P1, 1, 1, 2, 2, 1),
            fig(P2, 1, 1, 0, 0, 0),
            fig(P3, 1, 1, 0, 0, 0),
            fig(P4, 1, 1, 0, 0, 0),
            fig(P5, 1, 1, 1, 1, 1),
            fig(P6, 0, 1, 0, 0, 0),
            fig(P7, 1, 2, 0, 0, 0),
            fig(P8, 0, 0, 0, 0, 0),
        ],
        missing: vec![
            (P6, vec!["missing-collective"]),
            (P8, vec!["missing-registration"]),
        ],
        findings: vec![(
            "2025/truong_nguyen_trai.xlsx".to_string(),
            "hidden-row",
            Some(8),
        )],
        by_field: vec![
            ("Xây dựng đô thị văn minh", 2, 1),
            ("Quốc phòng – an ninh", 2, 3),
            ("Văn hóa – xã hội", 2, 3),
            ("Xây dựng hệ thống chính trị", 0, 1),
        ],
        earlier: None,
    }
}
