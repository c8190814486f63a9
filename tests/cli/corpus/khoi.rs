//! Committee (b): Đảng bộ Khối Doanh nghiệp tỉnh, 4 đảng bộ cơ sở and 12 chi bộ cơ sở, year 2025.
//!
//! The đảng bộ send one list for their own chi bộ (a «Chi bộ» column or "1. Chi bộ …" sections
//! naming chi bộ that are not on the roster, under a heading naming the đảng bộ); headings
//! name the units with "ĐB", "CB", "CTY CP", without diacritics, with a word missing, on one
//! line with the Khối; the roster is headed «Tên tổ chức cơ sở đảng» with sections and a
//! signature in its «Bí thư» column; kinds from «Loại hình» TT/CN, "Mô hình"/"Điển hình", x
//! columns, sections and M1/M2 sheets; fields by sections "A. Lĩnh vực kinh tế", spelled
//! "An ninh - Quốc phòng", "Xây dựng Đảng và hệ thống chính trị", and one unknown ("Chuyển đổi
//! số"); a first data row with "Ghi chú" outside the header's columns; exemplar rows of three
//! cells with "Bí thư chi bộ"; a row typed under the signature; a "(Danh sách gồm …)" note,
//! "Người lập biểu" and "Xác nhận của …"; an .ods; vertical self-assessments (one file per
//! model, one sheet per model); "CLB" for "Câu lạc bộ"; the Khối's decision with «Khen thưởng»
//! "Bằng khen", "Giấy khen", "x", "Không", "0"; a second list that only adds a model; and the
//! files of 2024 (`hop-thu/2024/`), so that figures and missing lists are per year.

use super::{at, cells, config, fig, list, pair, v, write, Committee, Doc, FileTruth, Role};
use crate::common::book::V;
use crate::common::workdir::Workdir;
use serde_json::json;

pub const FOLDER: &str = "khoi-doanh-nghiep";
const INBOX: &str = "khoi-doanh-nghiep/hop-thu";

pub const D1: &str = "Đảng bộ Công ty Cổ phần Cấp thoát nước Quảng Trị";
pub const D2: &str = "Đảng bộ Công ty Điện lực Quảng Trị";
pub const D3: &str = "Đảng bộ Công ty TNHH MTV Xổ số kiến thiết Quảng Trị";
pub const D4: &str = "Đảng bộ Công ty Cổ phần Môi trường và Công trình đô thị Đông Hà";
pub const C1: &str = "Chi bộ Công ty Cổ phần Sách và Thiết bị trường học";
pub const C2: &str = "Chi bộ Công ty TNHH MTV Lâm nghiệp Bến Hải";
pub const C3: &str = "Chi bộ Công ty Cổ phần Tư vấn xây dựng giao thông";
pub const C4: &str = "Chi bộ Công ty Cổ phần Dược phẩm Quảng Trị";
pub const C5: &str = "Chi bộ Quỹ Đầu tư phát triển tỉnh";
pub const C6: &str = "Chi bộ Công ty Cổ phần Vận tải ô tô Quảng Trị";
pub const C7: &str = "Chi bộ Công ty Cổ phần Khoáng sản Quảng Trị";
pub const C8: &str = "Chi bộ Công ty TNHH MTV Quản lý đường sắt Quảng Trị";
pub const C9: &str = "Chi bộ Công ty Cổ phần In Quảng Trị";
pub const C10: &str = "Chi bộ Công ty Xăng dầu Quảng Trị";
pub const C11: &str = "Chi bộ Công ty Cổ phần Đầu tư và Xây dựng Thuận Phát";
pub const C12: &str = "Chi bộ Công ty Cổ phần Thương mại Quảng Trị";

const TOML: &str = r#"[committee]
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
higher = "Đảng bộ tỉnh Quảng Trị"
place = "Đông Hà"
fields = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
]
"#;

const KHOI: &str = "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH";
const TITLE: &str = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025";
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
    let mut d = Doc::new("Sheet1", "roster");
    d.merged(Role::Title, 0, 3, KHOI);
    d.merged(Role::Title, 0, 3, "DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG TRỰC THUỘC");
    d.blank();
    d.add(
        Role::Header,
        cells(&["STT", "Tên tổ chức cơ sở đảng", "Bí thư", "Số đảng viên"]),
    );
    d.add(Role::Section(json!({})), cells(&["I. ĐẢNG BỘ CƠ SỞ"]));
    let secretaries = [
        (D1, "Hồ Văn Thành", 86),
        (D2, "Nguyễn Đình Toàn", 142),
        (D3, "Lê Thị Kim Oanh", 41),
        (D4, "Trần Văn Đức", 57),
    ];
    for (i, (unit, secretary, members)) in secretaries.into_iter().enumerate() {
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
    d.add(Role::Section(json!({})), cells(&["II. CHI BỘ CƠ SỞ"]));
    for (i, (unit, secretary, members)) in [
        (C1, "Đoàn Thị Mỹ", 14),
        (C2, "Lê Văn Sơn", 19),
        (C3, "Ngô Quang Vinh", 11),
        (C4, "Hoàng Thị Yến", 16),
        (C5, "Nguyễn Hữu Phước", 9),
        (C6, "Trần Đức Long", 13),
        (C7, "Phan Văn Lợi", 10),
        (C8, "Lê Thị Hương", 12),
        (C9, "Đỗ Văn Hùng", 8),
        (C10, "Nguyễn Văn Cường", 21),
        (C11, "Trịnh Công Lý", 7),
        (C12, "Hoàng Văn Quý", 9),
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
    d.add(Role::Closing, at(2, "Đông Hà, ngày 15 tháng 9 năm 2025"));
    d.add(Role::Closing, at(2, "T/M BAN THƯỜNG VỤ"));
    d.add(Role::Closing, at(2, "PHÓ BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(2, "Nguyễn Thị Thanh Bình"));
    let mut truth = write(dir, FOLDER, "danh-sach-to-chuc-co-so-dang.xlsx", &[d]);
    truth.path = "danh-sach-to-chuc-co-so-dang.xlsx".into();
    truth
}

fn r(texts: &[&str]) -> Vec<V> {
    cells(texts)
}

/// D1 sends one list for its three chi bộ (a «Chi bộ» column of names not on the roster).
fn b01(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("DS", "registration");
    d.add(Role::Title, pair(KHOI, 5, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    d.add(
        Role::Title,
        at(0, "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG TRỊ"),
    );
    d.add(
        Role::Title,
        pair("*", 5, "Đông Hà, ngày 08 tháng 10 năm 2025"),
    );
    d.add(Role::Title, at(0, "Số 12-DS/ĐU"));
    d.blank();
    d.merged(
        Role::Title,
        0,
        7,
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025 CỦA CÁC CHI BỘ TRỰC THUỘC",
    );
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Chi bộ",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Chức vụ",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::ColumnNumbers,
        (1..=8).map(|n| V::Num(n.into())).collect(),
    );
    let nm = "Chi bộ Nhà máy nước Đông Hà";
    let xn = "Chi bộ Xí nghiệp xây lắp";
    let kt = "Chi bộ Phòng Kỹ thuật";
    for row in [
        [
            "1",
            nm,
            "TT",
            "Nước sạch đến từng hộ nghèo",
            "Nhà máy nước Đông Hà",
            "",
            "Văn hóa – xã hội",
            "08/10/2025",
        ],
        [
            "2",
            nm,
            "CN",
            "Tổ trưởng vận hành tận tụy",
            "Lê Văn Hải",
            "Tổ trưởng",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "3",
            xn,
            "TT",
            "Sửa chữa đường ống trong 24 giờ",
            "Xí nghiệp xây lắp",
            "",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "4",
            xn,
            "CN",
            "Thợ giỏi, tận tâm với khách hàng",
            "Nguyễn Văn Phúc",
            "Công nhân",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "5",
            kt,
            "TT",
            "Ứng dụng đồng hồ nước thông minh",
            "Phòng Kỹ thuật",
            "",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "6",
            kt,
            "CN",
            "Sáng kiến giảm thất thoát nước",
            "Trần Thị Nga",
            "Bí thư chi bộ",
            "Kinh tế",
            "08/10/2025",
        ],
    ] {
        d.add(Role::Data, r(&row));
    }
    d.merged(
        Role::Total(Some(6)),
        0,
        3,
        "Tổng cộng: 06 mô hình, điển hình",
    );
    d.blank();
    d.add(Role::Closing, pair("Nơi nhận:", 5, "T/M ĐẢNG ỦY"));
    d.add(Role::Closing, pair("- Đảng ủy Khối (b/c);", 5, "BÍ THƯ"));
    d.add(Role::Closing, at(0, "- Lưu VP."));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(5, "Hồ Văn Thành"));
    write(
        dir,
        INBOX,
        "2025/DB Cap thoat nuoc/DS dang ky 2025.xlsx",
        &[d],
    )
}

/// D2 sends one list in sections per chi bộ ("1. Chi bộ Phòng Kinh doanh"), its heading on one
/// line with the Khối.
fn b02(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(
        Role::Title,
        at(
            0,
            "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH - ĐẢNG BỘ CÔNG TY ĐIỆN LỰC QUẢNG TRỊ",
        ),
    );
    d.merged(Role::Title, 0, 5, TITLE);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::Section(json!({"unit": "Chi bộ Phòng Kinh doanh"})),
        r(&["1. Chi bộ Phòng Kinh doanh"]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Điện lực đồng hành cùng khách hàng",
            "Phòng Kinh doanh",
            "Kinh tế",
            "09/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Ghi chỉ số điện chính xác",
            "Phan Thị Hồng",
            "Kinh tế",
            "09/10/2025",
        ]),
    );
    d.add(
        Role::Section(json!({"unit": "Chi bộ Điện lực Đông Hà"})),
        r(&["2. Chi bộ Điện lực Đông Hà"]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Thắp sáng đường quê",
            "Điện lực Đông Hà",
            "An ninh - Quốc phòng",
            "09/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Tập thể",
            "Xử lý sự cố trong 2 giờ",
            "Đội quản lý vận hành",
            "Kinh tế",
            "09/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "3",
            "Cá nhân",
            "Thợ điện vì cộng đồng",
            "Trương Văn Lực",
            "Văn hóa – xã hội",
            "09/10/2025",
        ]),
    );
    d.merged(Role::Total(Some(5)), 0, 2, "Cộng: 05");
    d.blank();
    d.add(Role::Closing, at(3, "T/M ĐẢNG ỦY"));
    d.add(Role::Closing, at(3, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(3, "Nguyễn Đình Toàn"));
    write(dir, INBOX, "2025/Dien luc - dang ky DVK 2025.xlsx", &[d])
}

/// D3: forms M1 and M2 as two sheets of one workbook, "ĐB CÔNG TY …" in the heading.
fn b03(dir: &Workdir) -> FileTruth {
    let sheet = |name: &str, form: &str, title: &str, header: &[&str], row: &[&str]| {
        let mut d = Doc::new(name, "registration");
        d.add(Role::Title, pair(KHOI, 3, form));
        d.add(
            Role::Title,
            at(0, "ĐB CÔNG TY TNHH MTV XỔ SỐ KIẾN THIẾT QUẢNG TRỊ"),
        );
        d.merged(Role::Title, 0, header.len() as u16 - 1, title);
        d.blank();
        d.add(Role::Header, r(header));
        d.add(Role::Data, r(row));
        d.blank();
        d.add(Role::Closing, at(3, "T/M ĐẢNG ỦY"));
        d.add(Role::Closing, at(3, "BÍ THƯ"));
        d.blank();
        d.blank();
        d.add(Role::Closing, at(3, "Lê Thị Kim Oanh"));
        d
    };
    let m1 = sheet(
        "M1",
        "Mẫu M1",
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2025",
        &[
            "STT",
            "Tên mô hình",
            "Tên tập thể thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        &[
            "1",
            "Bán vé đúng giá, vì người bán rong",
            "Phòng Kinh doanh",
            "Văn hóa – xã hội",
            "06/10/2025",
        ],
    );
    let m2 = sheet(
        "M2",
        "Mẫu M2",
        "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
        &[
            "STT",
            "Tên điển hình",
            "Họ và tên",
            "Chức vụ",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        &[
            "1",
            "Đại lý vé số nhân ái",
            "Võ Thị Thanh",
            "Nhân viên",
            "Văn hóa – xã hội",
            "06/10/2025",
        ],
    );
    write(dir, INBOX, "2025/XSKT_M1_M2.xlsx", &[m1, m2])
}

/// D4 registers a collective model only; "Người lập biểu" beside the signature.
fn b04(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, KHOI));
    d.add(
        Role::Title,
        at(
            0,
            "ĐẢNG BỘ CÔNG TY CP MÔI TRƯỜNG VÀ CÔNG TRÌNH ĐÔ THỊ ĐÔNG HÀ",
        ),
    );
    d.merged(Role::Title, 0, 6, TITLE);
    d.blank();
    d.add(Role::Header, r(&MIXED));
    d.add(
        Role::Data,
        r(&[
            "1",
            "TT",
            "Phân loại rác tại nguồn",
            "Đội vệ sinh môi trường",
            "",
            "Văn hóa – xã hội",
            "07/10/2025",
        ]),
    );
    d.blank();
    d.add(Role::Closing, pair("Người lập biểu", 4, "T/M ĐẢNG ỦY"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, pair("Lê Thị Thủy", 4, "Trần Văn Đức"));
    write(dir, INBOX, "2025/moi_truong_do_thi.xlsx", &[d])
}

/// C1: "CTY CP" in the heading, «Loại hình» TT/CN, and "Ghi chú" typed beside the first data
/// row, outside the header's columns.
fn b05(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CTY CP SÁCH VÀ THIẾT BỊ TRƯỜNG HỌC"],
        TITLE,
        &[
            "STT",
            "Loại hình",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Chức vụ",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        &[
            r(&[
                "1",
                "TT",
                "Sách đến trường vùng cao",
                "Phòng Phát hành",
                "",
                "Văn hóa – xã hội",
                "07/10/2025",
                "Ghi chú",
            ]),
            r(&[
                "2",
                "CN",
                "Tận tình phục vụ giáo viên",
                "Đoàn Thị Mỹ",
                "Bí thư chi bộ",
                "Kinh tế",
                "07/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Đoàn Thị Mỹ"],
        4,
    );
    write(dir, INBOX, "2025/sach_tbth.xlsx", &[d])
}

/// C2: sections I/II, exemplar rows of three filled cells with "Bí thư chi bộ", the date only in
/// the closing date line.
fn b06(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, KHOI));
    d.add(
        Role::Title,
        at(0, "CHI BỘ CÔNG TY TNHH MTV LÂM NGHIỆP BẾN HẢI"),
    );
    d.merged(Role::Title, 0, 4, TITLE);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Chức vụ",
            "Lĩnh vực",
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
            "Giao khoán rừng cho hộ đồng bào",
            "Đội sản xuất số 2",
            "",
            "Kinh tế",
        ]),
    );
    d.add(
        Role::Section(json!({"kind": "individual"})),
        r(&["II. CÁ NHÂN"]),
    );
    d.add(
        Role::Data,
        r(&["", "Gương mẫu giữ rừng", "Lê Văn Sơn", "Bí thư chi bộ"]),
    );
    d.add(
        Role::Data,
        r(&[
            "",
            "Tuần tra rừng không nghỉ",
            "Hồ Văn Khánh",
            "Tổ trưởng bảo vệ rừng",
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(2, "Bến Hải, ngày 07 tháng 10 năm 2025"));
    d.add(Role::Closing, at(2, "T/M CHI BỘ"));
    d.add(Role::Closing, at(2, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(2, "Lê Văn Sơn"));
    write(dir, INBOX, "2025/lam_nghiep_ben_hai.xlsx", &[d])
}

/// C3: the heading in capitals without diacritics; fields by sections "A. Lĩnh vực kinh tế".
fn b07(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, "DANG BO KHOI DOANH NGHIEP TINH"));
    d.add(
        Role::Title,
        at(0, "CHI BO CONG TY CO PHAN TU VAN XAY DUNG GIAO THONG"),
    );
    d.merged(
        Role::Title,
        0,
        4,
        "DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::Section(json!({"field": "Kinh tế"})),
        r(&["A. Lĩnh vực kinh tế"]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Thiết kế đường giao thông nông thôn miễn phí",
            "Phòng Thiết kế",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Kỹ sư vì cộng đồng",
            "Ngô Quang Vinh",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Section(json!({"field": "Văn hóa – xã hội"})),
        r(&["B. Lĩnh vực văn hóa - xã hội"]),
    );
    d.add(
        Role::Data,
        r(&[
            "3",
            "Cá nhân",
            "Vận động hiến đất làm đường",
            "Bùi Thị Xuân",
            "06/10/2025",
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(3, "T/M CHI BỘ"));
    d.add(Role::Closing, at(3, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(3, "Ngô Quang Vinh"));
    write(dir, INBOX, "2025/TVXDGT.xlsx", &[d])
}

/// C4: "CB CTY CP …", fields "An ninh - Quốc phòng" and "Xây dựng Đảng và hệ thống chính trị",
/// and a third exemplar typed under the signature (not counted, a finding).
fn b08(dir: &Workdir) -> FileTruth {
    let mut d = list(
        "Sheet1",
        &[KHOI, "CB CTY CP DƯỢC PHẨM QUẢNG TRỊ"],
        TITLE,
        &MIXED,
        &[
            r(&[
                "1",
                "TT",
                "Thuốc tốt đến vùng biên",
                "Phòng Kinh doanh",
                "",
                "An ninh - Quốc phòng",
                "08/10/2025",
            ]),
            r(&[
                "2",
                "CN",
                "Dược sĩ tận tâm",
                "Hoàng Thị Yến",
                "Bí thư chi bộ",
                "Xây dựng Đảng và hệ thống chính trị",
                "08/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Hoàng Thị Yến"],
        4,
    );
    d.blank();
    d.add(
        Role::AfterClosing,
        r(&[
            "3",
            "CN",
            "Kiểm nghiệm viên mẫu mực",
            "Lý Văn Tâm",
            "Kiểm nghiệm viên",
            "Kinh tế",
            "09/10/2025",
        ]),
    );
    write(dir, INBOX, "2025/duoc_pham.xlsx", &[d])
}

/// C5: a two-row merged header, column numbers as numbers, the date only in the title's date
/// line, and a field that matches nothing configured ("Chuyển đổi số").
fn b09(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, pair(KHOI, 4, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    d.add(Role::Title, at(0, "CHI BỘ QUỸ ĐẦU TƯ PHÁT TRIỂN TỈNH"));
    d.add(
        Role::Title,
        pair("*", 4, "Đông Hà, ngày 10 tháng 10 năm 2025"),
    );
    d.blank();
    d.merged(Role::Title, 0, 5, TITLE);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Loại",
            "Mô hình, điển hình",
            "",
            "Lĩnh vực",
            "Ghi chú",
        ]),
    );
    d.add(
        Role::Header,
        r(&[
            "",
            "",
            "Tên mô hình, điển hình",
            "Người/tập thể thực hiện",
            "",
            "",
        ]),
    );
    d.merge_down(7, 0, 8)
        .merge_down(7, 1, 8)
        .merge_across(7, 2, 3)
        .merge_down(7, 4, 8)
        .merge_down(7, 5, 8);
    d.add(
        Role::ColumnNumbers,
        (1..=6).map(|n| V::Num(n.into())).collect(),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Giải ngân vốn vay đúng hẹn",
            "Phòng Tín dụng",
            "Chuyển đổi số",
            "",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Thẩm định nhanh, chính xác",
            "Trần Quốc Bảo",
            "Kinh tế",
            "",
        ]),
    );
    d.blank();
    d.add(Role::Closing, at(4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(4, "Nguyễn Hữu Phước"));
    write(dir, INBOX, "2025/quy_dau_tu.xlsx", &[d])
}

/// C6: a "(Danh sách gồm …)" note, "Người lập biểu" beside the signature, "Xác nhận của …".
fn b10(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, KHOI));
    d.add(
        Role::Title,
        at(0, "CHI BỘ CÔNG TY CỔ PHẦN VẬN TẢI Ô TÔ QUẢNG TRỊ"),
    );
    d.merged(Role::Title, 0, 6, TITLE);
    d.blank();
    d.add(Role::Header, r(&MIXED));
    d.add(
        Role::Data,
        r(&[
            "1",
            "Tập thể",
            "Câu lạc bộ xe buýt an toàn, văn minh",
            "Đội xe buýt",
            "",
            "Văn hóa – xã hội",
            "05/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Cá nhân",
            "Lái xe nhường đường, nhường ghế",
            "Phạm Văn Tài",
            "Lái xe",
            "Văn hóa – xã hội",
            "05/10/2025",
        ]),
    );
    d.merged(Role::Note, 0, 6, "(Danh sách gồm 02 mô hình, điển hình)");
    d.blank();
    d.add(Role::Closing, pair("Người lập biểu", 4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, pair("Nguyễn Thị Hằng", 4, "Trần Đức Long"));
    d.blank();
    d.merged(
        Role::Closing,
        0,
        6,
        "Xác nhận của Đảng ủy Khối Doanh nghiệp tỉnh",
    );
    write(dir, INBOX, "2025/van_tai_o_to.xlsx", &[d])
}

/// C8 registers an individual exemplar only.
fn b11(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CTY TNHH MTV QUẢN LÝ ĐƯỜNG SẮT QUẢNG TRỊ"],
        TITLE,
        &MIXED,
        &[r(&[
            "1",
            "CN",
            "Gác chắn an toàn",
            "Lê Thị Hương",
            "Bí thư chi bộ",
            "Quốc phòng – an ninh",
            "09/10/2025",
        ])],
        &["T/M CHI BỘ", "BÍ THƯ", "Lê Thị Hương"],
        4,
    );
    write(dir, INBOX, "2025/duong_sat.xlsx", &[d])
}

/// C9, from LibreOffice: two columns «Tập thể» | «Cá nhân» marked "x".
fn b12(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Sheet1", "registration");
    d.add(Role::Title, at(0, KHOI));
    d.add(Role::Title, at(0, "CHI BỘ CÔNG TY CỔ PHẦN IN QUẢNG TRỊ"));
    d.merged(Role::Title, 0, 6, TITLE);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Tên mô hình, điển hình",
            "Tập thể",
            "Cá nhân",
            "Người thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "In tài liệu tuyên truyền miễn phí",
            "x",
            "",
            "Phân xưởng in",
            "Xây dựng hệ thống chính trị",
            "06/10/2025",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Thợ in tận tụy",
            "",
            "x",
            "Đỗ Văn Hùng",
            "Kinh tế",
            "06/10/2025",
        ]),
    );
    d.merged(Role::Total(Some(2)), 0, 1, "Cộng: 2");
    d.blank();
    d.add(Role::Closing, at(4, "T/M CHI BỘ"));
    d.add(Role::Closing, at(4, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(4, "Đỗ Văn Hùng"));
    write(dir, INBOX, "2025/in_quang_tri.ods", &[d])
}

/// C10: kinds "Mô hình"/"Điển hình" in «Loại».
fn b13(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CÔNG TY XĂNG DẦU QUẢNG TRỊ"],
        TITLE,
        &[
            "STT",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        &[
            r(&[
                "1",
                "Mô hình",
                "Cửa hàng xăng dầu văn minh",
                "Cửa hàng số 1",
                "Kinh tế",
                "07/10/2025",
            ]),
            r(&[
                "2",
                "Điển hình",
                "Nhân viên bán hàng thân thiện",
                "Mai Thị Thu",
                "Kinh tế",
                "07/10/2025",
            ]),
            r(&[
                "3",
                "Điển hình",
                "Cứu hộ xăng dầu mùa lũ",
                "Nguyễn Văn Cường",
                "Quốc phòng – an ninh",
                "07/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn Cường"],
        3,
    );
    write(dir, INBOX, "2025/xang_dau.xlsx", &[d])
}

/// C11: a «Chi bộ» column naming itself with "CP" for "Cổ phần".
fn b14(dir: &Workdir) -> FileTruth {
    let unit = "Chi bộ Công ty CP Đầu tư và Xây dựng Thuận Phát";
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CÔNG TY CP ĐẦU TƯ VÀ XÂY DỰNG THUẬN PHÁT"],
        TITLE,
        &[
            "STT",
            "Chi bộ",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        &[
            r(&[
                "1",
                unit,
                "Tập thể",
                "Xây nhà tình nghĩa",
                "Đội thi công số 3",
                "Văn hóa – xã hội",
                "09/10/2025",
            ]),
            r(&[
                "2",
                unit,
                "Cá nhân",
                "Kỹ sư trẻ tình nguyện",
                "Trịnh Minh Khôi",
                "Kinh tế",
                "09/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Trịnh Công Lý"],
        4,
    );
    write(dir, INBOX, "2025/thuan_phat.xlsx", &[d])
}

/// C12: the heading misses a word of the roster's name ("Cổ phần").
fn b15(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CÔNG TY THƯƠNG MẠI QUẢNG TRỊ"],
        TITLE,
        &MIXED,
        &[
            r(&[
                "1",
                "Tập thể",
                "Bình ổn giá mùa lũ",
                "Phòng Kinh doanh",
                "",
                "Kinh tế",
                "06/10/2025",
            ]),
            r(&[
                "2",
                "Cá nhân",
                "Bán hàng lưu động vùng sâu",
                "Hoàng Văn Quý",
                "Bí thư chi bộ",
                "Kinh tế",
                "06/10/2025",
            ]),
        ],
        &["T/M CHI BỘ", "BÍ THƯ", "Hoàng Văn Quý"],
        4,
    );
    write(dir, INBOX, "2025/thuong_mai.xlsx", &[d])
}

/// C12 sends, two days later, a second list that only adds a new exemplar: it adds to the
/// first (no model repeated, so nothing is replaced).
fn b15b(dir: &Workdir) -> FileTruth {
    let d = list(
        "Sheet1",
        &[KHOI, "CHI BỘ CÔNG TY CỔ PHẦN THƯƠNG MẠI QUẢNG TRỊ"],
        "DANH SÁCH ĐĂNG KÝ BỔ SUNG “DÂN VẬN KHÉO” NĂM 2025",
        &MIXED,
        &[r(&[
            "1",
            "Cá nhân",
            "Thu mua nông sản giúp bà con",
            "Lê Thị Mến",
            "Nhân viên",
            "Kinh tế",
            "08/10/2025",
        ])],
        &["T/M CHI BỘ", "BÍ THƯ", "Hoàng Văn Quý"],
        4,
    );
    write(dir, INBOX, "2025/thuong_mai_bo_sung.xlsx", &[d])
}

/// A vertical self-assessment sheet: the heading lines, the form's title, label | value rows.
fn vertical(name: &str, lines: &[&str], title: &str, pairs: &[(&str, V)], signer: &str) -> Doc {
    let mut d = Doc::new(name, "self_assessment");
    d.vertical = true;
    for line in lines {
        d.add(Role::Title, at(0, line));
    }
    d.blank();
    d.merged(Role::Title, 0, 2, title);
    d.merged(Role::Title, 0, 2, "“DÂN VẬN KHÉO” NĂM 2025");
    d.blank();
    for (label, value) in pairs {
        d.add(Role::Data, vec![v(label), value.clone()]);
    }
    d.blank();
    d.add(Role::Closing, at(1, "T/M CHI BỘ"));
    d.add(Role::Closing, at(1, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(1, signer));
    d
}

fn assessed(
    kind: &str,
    name: &str,
    who: &str,
    rating: &str,
    total: f64,
    favour: f64,
    date: &str,
) -> Vec<(&'static str, V)> {
    vec![
        ("Loại", v(kind)),
        ("Tên mô hình, điển hình", v(name)),
        ("Người/tập thể thực hiện", v(who)),
        ("Kết quả đạt được", v("Đạt và vượt mục tiêu đăng ký")),
        ("Tự đánh giá (xếp loại)", v(rating)),
        ("Tổng số phiếu", V::Num(total)),
        ("Số phiếu tán thành", V::Num(favour)),
        ("Sức lan tỏa", v("Có")),
        ("Đề nghị công nhận", v("Có")),
        ("Ngày báo cáo", v(date)),
    ]
}

/// D1's chi bộ report their models on vertical forms, one file per model, under a heading
/// naming D1 and then the chi bộ.
fn b16(dir: &Workdir) -> Vec<FileTruth> {
    let lines = [
        "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG TRỊ",
        "CHI BỘ NHÀ MÁY NƯỚC ĐÔNG HÀ",
    ];
    let a = vertical(
        "Sheet1",
        &lines,
        "BÁO CÁO KẾT QUẢ THỰC HIỆN MÔ HÌNH",
        &assessed(
            "Tập thể",
            "Nước sạch đến từng hộ nghèo",
            "Nhà máy nước Đông Hà",
            "Xuất sắc",
            15.0,
            15.0,
            "18/08/2026",
        ),
        "Lê Văn Hải",
    );
    let lines2 = [
        "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG TRỊ",
        "CHI BỘ PHÒNG KỸ THUẬT",
    ];
    let b = vertical(
        "Sheet1",
        &lines2,
        "PHIẾU TỰ ĐÁNH GIÁ",
        &assessed(
            "Cá nhân",
            "Sáng kiến giảm thất thoát nước",
            "Trần Thị Nga",
            "Tốt",
            9.0,
            8.0,
            "19/08/2026",
        ),
        "Trần Thị Nga",
    );
    vec![
        write(
            dir,
            INBOX,
            "2025/tu-danh-gia/DB Cap thoat nuoc/Bao cao mo hinh nuoc sach.xlsx",
            &[a],
        ),
        write(
            dir,
            INBOX,
            "2025/tu-danh-gia/DB Cap thoat nuoc/Phieu tu danh gia - Tran Thi Nga.xlsx",
            &[b],
        ),
    ]
}

/// D2 reports two models on one workbook, one vertical sheet per model.
fn b17(dir: &Workdir) -> FileTruth {
    let lines = [KHOI, "ĐẢNG BỘ CÔNG TY ĐIỆN LỰC QUẢNG TRỊ"];
    let a = vertical(
        "Mô hình 1",
        &lines,
        "PHIẾU TỰ ĐÁNH GIÁ",
        &assessed(
            "Tập thể",
            "Điện lực đồng hành cùng khách hàng",
            "Phòng Kinh doanh",
            "Tốt",
            20.0,
            19.0,
            "21/08/2026",
        ),
        "Nguyễn Đình Toàn",
    );
    let b = vertical(
        "Mô hình 2",
        &lines,
        "PHIẾU TỰ ĐÁNH GIÁ",
        &assessed(
            "Cá nhân",
            "Thợ điện vì cộng đồng",
            "Trương Văn Lực",
            "Khá",
            20.0,
            12.0,
            "21/08/2026",
        ),
        "Nguyễn Đình Toàn",
    );
    write(
        dir,
        INBOX,
        "2025/tu-danh-gia/Dien luc - tu danh gia.xlsx",
        &[a, b],
    )
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

fn sa_row(n: &str, kind: &str, name: &str, who: &str, rating: &str, date: &str) -> Vec<V> {
    vec![
        v(n),
        v(kind),
        v(name),
        v(who),
        v("Đạt mục tiêu đăng ký"),
        v(rating),
        V::Num(11.0),
        V::Num(10.0),
        v("Có"),
        v("Có"),
        v(date),
    ]
}

/// A self-assessment table of a chi bộ.
fn sa_table(unit_line: &str, rows: Vec<Vec<V>>, signer: &str) -> Doc {
    let mut d = Doc::new("Tự đánh giá", "self_assessment");
    d.add(Role::Title, at(0, KHOI));
    d.add(Role::Title, at(0, unit_line));
    d.merged(
        Role::Title,
        0,
        10,
        "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    d.add(Role::Header, cells(&SA_HEADER));
    for row in rows {
        d.add(Role::Data, row);
    }
    d.blank();
    d.add(Role::Closing, at(8, "T/M CHI BỘ"));
    d.add(Role::Closing, at(8, "BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(8, signer));
    d
}

fn b18(dir: &Workdir) -> Vec<FileTruth> {
    let c1 = sa_table(
        "CHI BỘ CÔNG TY CỔ PHẦN SÁCH VÀ THIẾT BỊ TRƯỜNG HỌC",
        vec![
            sa_row(
                "1",
                "Tập thể",
                "Sách đến trường vùng cao",
                "Phòng Phát hành",
                "Xuất sắc",
                "25/08/2026",
            ),
            sa_row(
                "2",
                "Cá nhân",
                "Tận tình phục vụ giáo viên",
                "Đoàn Thị Mỹ",
                "Tốt",
                "25/08/2026",
            ),
        ],
        "Đoàn Thị Mỹ",
    );
    // C6 names its club "CLB" where it registered "Câu lạc bộ".
    let c6 = sa_table(
        "CHI BỘ CÔNG TY CỔ PHẦN VẬN TẢI Ô TÔ QUẢNG TRỊ",
        vec![
            sa_row(
                "1",
                "Tập thể",
                "CLB xe buýt an toàn, văn minh",
                "Đội xe buýt",
                "Tốt",
                "26/08/2026",
            ),
            sa_row(
                "2",
                "Cá nhân",
                "Lái xe nhường đường, nhường ghế",
                "Phạm Văn Tài",
                "Tốt",
                "26/08/2026",
            ),
        ],
        "Trần Đức Long",
    );
    vec![
        write(dir, INBOX, "2025/tu-danh-gia/sach_tbth_TDG.xlsx", &[c1]),
        write(dir, INBOX, "2025/tu-danh-gia/van_tai_TDG.xlsx", &[c6]),
    ]
}

/// The Khối's decision: recognized or not, and the award as written.
fn b19(dir: &Workdir) -> FileTruth {
    let mut d = Doc::new("Quyết định", "decision");
    d.add(
        Role::Title,
        pair("ĐẢNG BỘ TỈNH QUẢNG TRỊ", 3, "ĐẢNG CỘNG SẢN VIỆT NAM"),
    );
    d.add(Role::Title, at(0, "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH"));
    d.merged(
        Role::Title,
        0,
        4,
        "KẾT QUẢ CÔNG NHẬN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    d.blank();
    d.add(
        Role::Header,
        cells(&[
            "STT",
            "Tổ chức cơ sở đảng",
            "Tên mô hình, điển hình",
            "Công nhận",
            "Khen thưởng",
        ]),
    );
    for row in [
        ["1", D1, "Nước sạch đến từng hộ nghèo", "Có", "Bằng khen"],
        ["2", D1, "Sáng kiến giảm thất thoát nước", "Có", "Không"],
        [
            "3",
            D2,
            "Điện lực đồng hành cùng khách hàng",
            "Có",
            "Giấy khen",
        ],
        ["4", D2, "Thợ điện vì cộng đồng", "Không", ""],
        ["5", C1, "Sách đến trường vùng cao", "Có", "x"],
        ["6", C6, "Câu lạc bộ xe buýt an toàn, văn minh", "Có", "0"],
        [
            "7",
            C6,
            "Lái xe nhường đường, nhường ghế",
            "Có",
            "Giấy khen",
        ],
    ] {
        d.add(Role::Data, cells(&row));
    }
    d.blank();
    d.add(Role::Closing, at(3, "T/M BAN THƯỜNG VỤ"));
    d.add(Role::Closing, at(3, "PHÓ BÍ THƯ"));
    d.blank();
    d.blank();
    d.add(Role::Closing, at(3, "Nguyễn Thị Thanh Bình"));
    write(
        dir,
        INBOX,
        "2025/quyet-dinh/ket_qua_cong_nhan_2025.xlsx",
        &[d],
    )
}

const TITLE_2024: &str = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024";

/// The files of 2024 (letter 821-CV/ĐUK: register before 26/02/2024), in `hop-thu/2024/`: six
/// units registered, one of them an individual only.
fn year_2024(dir: &Workdir) -> Vec<FileTruth> {
    let mut files = Vec::new();
    // D1: one list for its chi bộ, as in 2025.
    let mut d = Doc::new("DS", "registration");
    d.add(Role::Title, pair(KHOI, 5, "ĐẢNG CỘNG SẢN VIỆT NAM"));
    d.add(
        Role::Title,
        at(0, "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG TRỊ"),
    );
    d.add(
        Role::Title,
        pair("*", 5, "Đông Hà, ngày 20 tháng 02 năm 2024"),
    );
    d.blank();
    d.merged(Role::Title, 0, 7, TITLE_2024);
    d.blank();
    d.add(
        Role::Header,
        r(&[
            "STT",
            "Chi bộ",
            "Loại",
            "Tên mô hình, điển hình",
            "Người thực hiện",
            "Chức vụ",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "1",
            "Chi bộ Nhà máy nước Đông Hà",
            "TT",
            "Tổ tự quản đường ống",
            "Nhà máy nước Đông Hà",
            "",
            "Kinh tế",
            "20/02/2024",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "2",
            "Chi bộ Xí nghiệp xây lắp",
            "TT",
            "Lắp đặt nước sạch cho hộ nghèo",
            "Xí nghiệp xây lắp",
            "",
            "Văn hóa – xã hội",
            "20/02/2024",
        ]),
    );
    d.add(
        Role::Data,
        r(&[
            "3",
            "Chi bộ Phòng Kỹ thuật",
            "CN",
            "Kỹ sư giỏi tiết kiệm nước",
            "Trần Thị Nga",
            "Bí thư chi bộ",
            "Kinh tế",
            "20/02/2024",
        ]),
    );
    d.merged(Role::Total(Some(3)), 0, 3, "Cộng: 03");
    d.blank();
    d.add(Role::Closing, at(5, "T/M ĐẢNG ỦY"));
    d.add(Role::Closing, at(5, "BÍ THƯ"));
    d.blank();
    d.add(Role::Closing, at(5, "Hồ Văn Thành"));
    files.push(write(
        dir,
        INBOX,
        "2024/DB Cap thoat nuoc/DS dang ky 2024.xlsx",
        &[d],
    ));

    let simple = |lines: [&str; 2], rows: Vec<Vec<V>>, signer: &str| {
        list(
            "Sheet1",
            &lines,
            TITLE_2024,
            &MIXED,
            &rows,
            &["T/M CHI BỘ", "BÍ THƯ", signer],
            4,
        )
    };
    files.push(write(
        dir,
        INBOX,
        "2024/Dien luc 2024.xlsx",
        &[simple(
            [KHOI, "ĐẢNG BỘ CÔNG TY ĐIỆN LỰC QUẢNG TRỊ"],
            vec![
                r(&[
                    "1",
                    "Mô hình",
                    "Điện sáng vùng biên",
                    "Điện lực Hướng Hóa",
                    "",
                    "Quốc phòng – an ninh",
                    "22/02/2024",
                ]),
                r(&[
                    "2",
                    "Điển hình",
                    "Thợ điện trẻ xung kích",
                    "Lê Quang Huy",
                    "Công nhân",
                    "Kinh tế",
                    "22/02/2024",
                ]),
            ],
            "Nguyễn Đình Toàn",
        )],
    ));
    let mut m1 = Doc::new("M1", "registration");
    m1.add(Role::Title, pair(KHOI, 3, "Mẫu M1"));
    m1.add(
        Role::Title,
        at(0, "CHI BỘ CTY CP SÁCH VÀ THIẾT BỊ TRƯỜNG HỌC"),
    );
    m1.merged(
        Role::Title,
        0,
        4,
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024",
    );
    m1.blank();
    m1.add(
        Role::Header,
        r(&[
            "STT",
            "Tên mô hình",
            "Tên tập thể thực hiện",
            "Lĩnh vực",
            "Ngày đăng ký",
        ]),
    );
    m1.add(
        Role::Data,
        r(&[
            "1",
            "Tủ sách dùng chung",
            "Phòng Phát hành",
            "Văn hóa – xã hội",
            "19/02/2024",
        ]),
    );
    let mut m2 = Doc::new("M2", "registration");
    m2.add(Role::Title, pair(KHOI, 3, "Mẫu M2"));
    m2.add(
        Role::Title,
        at(0, "CHI BỘ CTY CP SÁCH VÀ THIẾT BỊ TRƯỜNG HỌC"),
    );
    m2.merged(
        Role::Title,
        0,
        4,
        "DANH SÁCH ĐĂNG KÝ ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024",
    );
    m2.blank();
    m2.add(
        Role::Header,
        r(&[
            "STT",
            "Tên điển hình",
            "Họ và tên",
            "Chức vụ",
            "Ngày đăng ký",
        ]),
    );
    m2.add(
        Role::Data,
        r(&[
            "1",
            "Nhân viên phát hành tận tâm",
            "Võ Văn Tú",
            "Nhân viên",
            "19/02/2024",
        ]),
    );
    files.push(write(dir, INBOX, "2024/sach_tbth_2024.xlsx", &[m1, m2]));
    files.push(write(
        dir,
        INBOX,
        "2024/duoc_pham_2024.xlsx",
        &[simple(
            [KHOI, "CB CTY CP DƯỢC PHẨM QUẢNG TRỊ"],
            vec![
                r(&[
                    "1",
                    "TT",
                    "Nhà thuốc bình ổn giá",
                    "Chuỗi nhà thuốc",
                    "",
                    "Kinh tế",
                    "25/02/2024",
                ]),
                r(&[
                    "2",
                    "CN",
                    "Dược sĩ vùng cao",
                    "Hồ Thị Lành",
                    "Dược sĩ",
                    "Văn hóa – xã hội",
                    "25/02/2024",
                ]),
            ],
            "Hoàng Thị Yến",
        )],
    ));
    files.push(write(
        dir,
        INBOX,
        "2024/khoang_san_2024.xlsx",
        &[simple(
            [KHOI, "CHI BỘ CTY CP KHOÁNG SẢN QUẢNG TRỊ"],
            vec![
                r(&[
                    "1",
                    "Tập thể",
                    "Hoàn nguyên môi trường mỏ",
                    "Đội khai thác",
                    "",
                    "Kinh tế",
                    "21/02/2024",
                ]),
                r(&[
                    "2",
                    "Cá nhân",
                    "Thợ mỏ an toàn",
                    "Phan Văn Lợi",
                    "Bí thư chi bộ",
                    "Quốc phòng – an ninh",
                    "21/02/2024",
                ]),
            ],
            "Phan Văn Lợi",
        )],
    ));
    files.push(write(
        dir,
        INBOX,
        "2024/xang_dau_2024.xlsx",
        &[simple(
            [KHOI, "CHI BỘ CÔNG TY XĂNG DẦU QUẢNG TRỊ"],
            vec![r(&[
                "1",
                "Điển hình",
                "Cửa hàng trưởng mẫu mực",
                "Mai Thị Thu",
                "Cửa hàng trưởng",
                "Kinh tế",
                "23/02/2024",
            ])],
            "Nguyễn Văn Cường",
        )],
    ));
    files
}

/// Writes the committee and returns its truth.
pub fn build(dir: &Workdir) -> Committee {
    config(dir, FOLDER, TOML);
    let roster_truth = roster(dir);
    let mut files = vec![
        b01(dir),
        b02(dir),
        b03(dir),
        b04(dir),
        b05(dir),
        b06(dir),
        b07(dir),
        b08(dir),
        b09(dir),
        b10(dir),
        b11(dir),
        b12(dir),
        b13(dir),
        b14(dir),
        b15(dir),
        b15b(dir),
    ];
    files.extend(b16(dir));
    files.push(b17(dir));
    files.extend(b18(dir));
    files.push(b19(dir));
    files.extend(year_2024(dir));
    let p = |s: &str| s.to_string();
    Committee {
        folder: FOLDER.into(),
        roster: format!("{FOLDER}/danh-sach-to-chuc-co-so-dang.xlsx"),
        roster_truth,
        files,
        // Counted from the files. D1: 3 TT + 3 CN of its chi bộ (B01); two self-assessed
        // (B16), both recognized, one Bằng khen ("Không" is no award). D2: 3 TT + 2 CN (B02),
        // two self-assessed (B17), one recognized with a Giấy khen, "Thợ điện" not recognized.
        // D3: 1 + 1 (B03). D4: 1 TT (B04). C1: 1 + 1 (B05), both self-assessed (B18), the TT
        // recognized with "x" (an award). C2: 1 + 2 (B06). C3: 1 + 2 (B07). C4: 1 + 1 (B08;
        // the row under the signature is not counted). C5: 1 + 1 (B09). C6: 1 + 1 (B10), both
        // self-assessed (B18, "CLB"), both recognized, one Giấy khen ("0" is none). C7:
        // nothing. C8: 1 CN (B11). C9: 1 + 1 (B12). C10: 1 + 2 (B13). C11: 1 + 1 (B14).
        // C12: 1 + 1 (B15) and 1 more individual added by a second list (B15b). 18
        // collective, 21 individual.
        figures: vec![
            fig(D1, 3, 3, 2, 2, 1),
            fig(D2, 3, 2, 2, 1, 1),
            fig(D3, 1, 1, 0, 0, 0),
            fig(D4, 1, 0, 0, 0, 0),
            fig(C1, 1, 1, 2, 1, 1),
            fig(C2, 1, 2, 0, 0, 0),
            fig(C3, 1, 2, 0, 0, 0),
            fig(C4, 1, 1, 0, 0, 0),
            fig(C5, 1, 1, 0, 0, 0),
            fig(C6, 1, 1, 2, 2, 1),
            fig(C7, 0, 0, 0, 0, 0),
            fig(C8, 0, 1, 0, 0, 0),
            fig(C9, 1, 1, 0, 0, 0),
            fig(C10, 1, 2, 0, 0, 0),
            fig(C11, 1, 1, 0, 0, 0),
            fig(C12, 1, 2, 0, 0, 0),
        ],
        missing: vec![
            (D4, vec!["missing-individual"]),
            (C7, vec!["missing-registration"]),
            (C8, vec!["missing-collective"]),
        ],
        findings: vec![
            (p("2025/duoc_pham.xlsx"), "row-after-closing", Some(15)),
            (p("2025/quy_dau_tu.xlsx"), "unknown-field", Some(10)),
        ],
        by_field: vec![
            ("Kinh tế", 8, 12),
            ("Văn hóa – xã hội", 6, 4),
            ("Quốc phòng – an ninh", 2, 2),
            ("Xây dựng hệ thống chính trị", 1, 1),
            ("Chưa xác định lĩnh vực", 1, 0),
            ("Chưa ghi lĩnh vực", 0, 2),
        ],
        // 2024, counted from hop-thu/2024: D1 2 TT + 1 CN, D2 1 + 1, C1 1 (M1) + 1 (M2),
        // C4 1 + 1 (on the last day, 25/02), C7 1 + 1, C10 1 CN; the other ten units nothing.
        earlier: Some(super::Earlier {
            figures: vec![
                fig(D1, 2, 1, 0, 0, 0),
                fig(D2, 1, 1, 0, 0, 0),
                fig(D3, 0, 0, 0, 0, 0),
                fig(D4, 0, 0, 0, 0, 0),
                fig(C1, 1, 1, 0, 0, 0),
                fig(C2, 0, 0, 0, 0, 0),
                fig(C3, 0, 0, 0, 0, 0),
                fig(C4, 1, 1, 0, 0, 0),
                fig(C5, 0, 0, 0, 0, 0),
                fig(C6, 0, 0, 0, 0, 0),
                fig(C7, 1, 1, 0, 0, 0),
                fig(C8, 0, 0, 0, 0, 0),
                fig(C9, 0, 0, 0, 0, 0),
                fig(C10, 0, 1, 0, 0, 0),
                fig(C11, 0, 0, 0, 0, 0),
                fig(C12, 0, 0, 0, 0, 0),
            ],
            missing: vec![
                (D3, vec!["missing-registration"]),
                (D4, vec!["missing-registration"]),
                (C2, vec!["missing-registration"]),
                (C3, vec!["missing-registration"]),
                (C5, vec!["missing-registration"]),
                (C6, vec!["missing-registration"]),
                (C8, vec!["missing-registration"]),
                (C9, vec!["missing-registration"]),
                (C10, vec!["missing-collective"]),
                (C11, vec!["missing-registration"]),
                (C12, vec!["missing-registration"]),
            ],
        }),
    }
}
