//! `samples/dang-uy-khoi/`: a second committee, Đảng bộ Khối Doanh nghiệp tỉnh (Quảng Bình),
//! with 2 đảng bộ cơ sở and 4 chi bộ cơ sở, its own `dvk.toml` (a workspace: roster, inbox),
//! files for 2025 in the shapes of issue 15: a đảng bộ's one list for its own chi bộ, headings
//! with abbreviations and without diacritics, section, total, note and closing rows, kinds by
//! x columns and "Mô hình"/"Điển hình", fields spelled otherwise, a double download "(1)", a
//! corrected "(bản sửa)", a vertical self-assessment, the Khối's decision. `samples/README.md`
//! lists what is planted where.

use std::path::Path;

use super::book::{self, SheetSpec, V};
use super::Res;

const KHOI: &str = "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH";
const TITLE: &str = "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025";

pub const D1: &str = "Đảng bộ Công ty Cổ phần Cấp thoát nước Quảng Bình";
pub const D2: &str = "Đảng bộ Công ty Điện lực Quảng Bình";
pub const C1: &str = "Chi bộ Công ty Cổ phần Sách và Thiết bị trường học Quảng Bình";
pub const C2: &str = "Chi bộ Công ty Cổ phần Dược phẩm Quảng Bình";
pub const C3: &str = "Chi bộ Quỹ Đầu tư phát triển tỉnh";
pub const C4: &str = "Chi bộ Công ty TNHH MTV Lâm nghiệp Long Đại";

const TOML: &str = r#"# dvk.toml của Đảng bộ Khối Doanh nghiệp tỉnh (hồ sơ mẫu thứ hai).
# Thư mục này là một thư mục làm việc riêng: chạy dvk ở đây (cd samples/dang-uy-khoi; dvk check).
# Chạy dvk check samples ở thư mục cha thì thư mục này được bỏ qua (other-workspace).

[committee]
name = "Đảng bộ Khối Doanh nghiệp tỉnh"
higher = "Đảng bộ tỉnh Quảng Bình"
place = "Đồng Hới"
number_prefix = "BC/ĐUK"
signer_role = "T/M BAN THƯỜNG VỤ"
signer_title = "BÍ THƯ"
fields = [
    "Kinh tế",
    "Văn hóa – xã hội",
    "Quốc phòng – an ninh",
    "Xây dựng hệ thống chính trị",
]

[workspace]
roster = "danh-sach-to-chuc-co-so-dang.xlsx"
inbox = "hop-thu"
templates = "mau-bieu"
send_to = "Văn phòng Đảng ủy Khối"
"#;

/// A text cell; "" is blank.
fn t(s: &str) -> V {
    if s.is_empty() {
        V::Blank
    } else {
        V::Text(s.to_string())
    }
}

fn texts(cells: &[&str]) -> Vec<V> {
    cells.iter().map(|c| t(c)).collect()
}

/// A sheet written row by row.
#[derive(Clone, Default)]
struct Sheet {
    rows: Vec<Vec<V>>,
    merges: Vec<(u32, u16, u32, u16)>,
}

impl Sheet {
    fn row(&mut self, cells: Vec<V>) -> &mut Sheet {
        self.rows.push(cells);
        self
    }
    fn blank(&mut self) -> &mut Sheet {
        self.row(Vec::new())
    }
    /// `text` at `col`, merged over `col..=last` when `last > col`.
    fn at(&mut self, col: u16, last: u16, text: &str) -> &mut Sheet {
        let r = self.rows.len() as u32;
        if last > col {
            self.merges.push((r, col, r, last));
        }
        let mut cells = vec![V::Blank; col.into()];
        cells.push(t(text));
        self.row(cells)
    }
    /// `left` merged over columns 0..=2, `right` merged over `col..=last`.
    fn pair(&mut self, left: &str, col: u16, last: u16, right: &str) -> &mut Sheet {
        let r = self.rows.len() as u32;
        if !left.is_empty() {
            self.merges.push((r, 0, r, 2.min(col - 1)));
        }
        if last > col {
            self.merges.push((r, col, r, last));
        }
        let mut cells = vec![V::Blank; col.into()];
        cells[0] = t(left);
        cells.push(t(right));
        self.row(cells)
    }
    /// The Party heading: the Khối | ĐẢNG CỘNG SẢN VIỆT NAM; the unit; "*" | the date line;
    /// the number; a blank row; the title merged over the table; a blank row.
    fn heading(&mut self, unit: &str, date_line: &str, number: &str, width: u16) -> &mut Sheet {
        let right = width / 2;
        self.pair(KHOI, right, width - 1, "ĐẢNG CỘNG SẢN VIỆT NAM");
        self.at(0, right - 1, unit);
        self.pair("*", right, width - 1, date_line);
        if number.is_empty() {
            self.blank();
        } else {
            self.at(0, right - 1, number);
        }
        self.blank();
        self.at(0, width - 1, TITLE);
        self.blank()
    }
    /// The signature block at `col..=last`, "Nơi nhận" on the left when given.
    fn closing(
        &mut self,
        col: u16,
        last: u16,
        role: &str,
        title: &str,
        name: &str,
        noi_nhan: bool,
    ) -> &mut Sheet {
        self.blank();
        if noi_nhan {
            self.pair("Nơi nhận:", col, last, role);
            self.pair("- Đảng ủy Khối (b/c);", col, last, title);
            self.at(0, 2.min(col - 1), "- Lưu VP.");
        } else {
            self.at(col, last, role);
            self.at(col, last, title);
            self.blank();
        }
        self.blank();
        self.at(col, last, name)
    }
    fn spec(&self, name: &str) -> SheetSpec {
        SheetSpec {
            name: name.to_string(),
            rows: self.rows.clone(),
            merges: self.merges.clone(),
        }
    }
}

fn roster() -> SheetSpec {
    let mut s = Sheet::default();
    s.at(0, 3, KHOI);
    s.at(0, 3, "DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG TRỰC THUỘC");
    s.blank();
    s.row(texts(&[
        "STT",
        "Tên tổ chức cơ sở đảng",
        "Bí thư",
        "Số đảng viên",
    ]));
    s.at(0, 3, "I. ĐẢNG BỘ CƠ SỞ");
    for (i, (unit, secretary, members)) in [(D1, "Hồ Văn Thành", 86), (D2, "Nguyễn Đình Toàn", 142)]
        .into_iter()
        .enumerate()
    {
        s.row(vec![
            V::Num(i as f64 + 1.0),
            t(unit),
            t(secretary),
            V::Num(members.into()),
        ]);
    }
    s.at(0, 3, "II. CHI BỘ CƠ SỞ");
    for (i, (unit, secretary, members)) in [
        (C1, "Đoàn Thị Mỹ", 14),
        (C2, "Hoàng Thị Yến", 16),
        (C3, "Nguyễn Hữu Phước", 9),
        (C4, "Lê Văn Sơn", 19),
    ]
    .into_iter()
    .enumerate()
    {
        s.row(vec![
            V::Num(i as f64 + 1.0),
            t(unit),
            t(secretary),
            V::Num(members.into()),
        ]);
    }
    s.closing(
        2,
        3,
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Thị Thanh Bình",
        false,
    );
    s.spec("Danh sách")
}

/// D1's one list for its own three chi bộ (a «Chi bộ» column not on the roster).
fn cap_thoat_nuoc() -> SheetSpec {
    let mut s = Sheet::default();
    s.heading(
        "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG BÌNH",
        "Đồng Hới, ngày 08 tháng 10 năm 2025",
        "Số 12-DS/ĐU",
        8,
    );
    s.row(texts(&[
        "STT",
        "Chi bộ",
        "Loại",
        "Tên mô hình, điển hình",
        "Người thực hiện",
        "Chức vụ",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]));
    s.row(texts(&[
        "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)",
    ]));
    for row in [
        [
            "1",
            "Chi bộ Nhà máy nước Đồng Hới",
            "TT",
            "Câu lạc bộ nước sạch học đường",
            "Nhà máy nước Đồng Hới",
            "",
            "Văn hóa – xã hội",
            "08/10/2025",
        ],
        [
            "2",
            "Chi bộ Nhà máy nước Đồng Hới",
            "CN",
            "Tổ trưởng vận hành tận tụy",
            "Lê Văn Hải",
            "Tổ trưởng",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "3",
            "Chi bộ Xí nghiệp xây lắp",
            "TT",
            "Sửa chữa đường ống trong 24 giờ",
            "Xí nghiệp xây lắp",
            "",
            "Kinh tế",
            "08/10/2025",
        ],
        [
            "4",
            "Chi bộ Phòng Kỹ thuật",
            "CN",
            "Sáng kiến giảm thất thoát nước",
            "Trần Thị Nga",
            "Bí thư chi bộ",
            "Kinh tế",
            "08/10/2025",
        ],
    ] {
        s.row(texts(&row));
    }
    s.at(0, 3, "Tổng cộng: 04 mô hình, điển hình");
    s.closing(5, 7, "T/M ĐẢNG ỦY", "BÍ THƯ", "Hồ Văn Thành", true);
    s.spec("DS")
}

/// D2's list in sections per chi bộ, the heading on one line with the Khối, a total stating 5
/// over 4 rows.
fn dien_luc() -> SheetSpec {
    let mut s = Sheet::default();
    s.at(
        0,
        5,
        "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH - ĐẢNG BỘ CÔNG TY ĐIỆN LỰC QUẢNG BÌNH",
    );
    s.at(0, 5, TITLE);
    s.blank();
    s.row(texts(&[
        "STT",
        "Loại",
        "Tên mô hình, điển hình",
        "Người thực hiện",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]));
    s.at(0, 5, "1. Chi bộ Phòng Kinh doanh");
    s.row(texts(&[
        "1",
        "Mô hình",
        "Điện lực đồng hành cùng khách hàng",
        "Phòng Kinh doanh",
        "Kinh tế",
        "09/10/2025",
    ]));
    s.row(texts(&[
        "2",
        "Điển hình",
        "Ghi chỉ số điện chính xác",
        "Phan Thị Hồng",
        "Kinh tế",
        "09/10/2025",
    ]));
    s.at(0, 5, "2. Chi bộ Điện lực Đồng Hới");
    s.row(texts(&[
        "1",
        "Mô hình",
        "Thắp sáng đường quê",
        "Điện lực Đồng Hới",
        "An ninh - Quốc phòng",
        "09/10/2025",
    ]));
    s.row(texts(&[
        "2",
        "Điển hình",
        "Thợ điện vì cộng đồng",
        "Trương Văn Lực",
        "Văn hoá – xã hội",
        "09/10/2025",
    ]));
    s.at(0, 2, "Cộng: 5");
    s.closing(3, 5, "T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Đình Toàn", false);
    s.spec("Sheet1")
}

/// C1: "CB CTY CP …", two columns «Tập thể» | «Cá nhân» marked "x", a note.
fn sach() -> SheetSpec {
    let mut s = Sheet::default();
    s.at(0, 3, KHOI);
    s.at(0, 3, "CB CTY CP SÁCH VÀ THIẾT BỊ TRƯỜNG HỌC QUẢNG BÌNH");
    s.at(0, 7, TITLE);
    s.blank();
    s.row(texts(&[
        "STT",
        "Tên mô hình, điển hình",
        "Tập thể",
        "Cá nhân",
        "Người thực hiện",
        "Chức vụ",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]));
    s.row(texts(&[
        "1",
        "Sách đến trường vùng cao",
        "x",
        "",
        "Phòng Phát hành",
        "",
        "Văn hóa – xã hội",
        "07/10/2025",
    ]));
    s.row(texts(&[
        "2",
        "Tận tình phục vụ giáo viên",
        "",
        "x",
        "Đoàn Thị Mỹ",
        "Bí thư chi bộ",
        "Kinh tế",
        "07/10/2025",
    ]));
    s.at(
        0,
        7,
        "Ghi chú: Danh sách đã được chi bộ thông qua tại cuộc họp ngày 03/10/2025.",
    );
    s.closing(5, 7, "T/M CHI BỘ", "BÍ THƯ", "Đoàn Thị Mỹ", false);
    s.spec("Sheet1")
}

/// C2: the heading without diacritics, a two-row merged header, "Phát triển kinh tế", and an
/// exemplar typed under the signature.
fn duoc_pham() -> SheetSpec {
    let mut s = Sheet::default();
    s.at(0, 3, "DANG BO KHOI DOANH NGHIEP TINH");
    s.at(0, 3, "CHI BO CONG TY CO PHAN DUOC PHAM QUANG BINH");
    s.at(0, 5, TITLE);
    s.blank();
    s.row(texts(&[
        "STT",
        "Loại",
        "Mô hình, điển hình",
        "",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]));
    s.row(texts(&[
        "",
        "",
        "Tên mô hình, điển hình",
        "Người/tập thể thực hiện",
        "",
        "",
    ]));
    for (c1, c2) in [(0, 0), (1, 1), (4, 4), (5, 5)] {
        s.merges.push((4, c1, 5, c2));
    }
    s.merges.push((4, 2, 4, 3));
    s.row(texts(&[
        "1",
        "Tập thể",
        "Thuốc tốt đến vùng biên",
        "Phòng Kinh doanh",
        "Phát triển kinh tế",
        "08/10/2025",
    ]));
    s.row(texts(&[
        "2",
        "Cá nhân",
        "Dược sĩ tận tâm",
        "Hoàng Thị Yến",
        "Xây dựng Đảng và hệ thống chính trị",
        "08/10/2025",
    ]));
    s.closing(3, 5, "T/M CHI BỘ", "BÍ THƯ", "Hoàng Thị Yến", false);
    s.blank();
    s.row(texts(&[
        "3",
        "Cá nhân",
        "Kiểm nghiệm viên mẫu mực",
        "Lý Văn Tâm",
        "Kinh tế",
        "09/10/2025",
    ]));
    s.spec("Sheet1")
}

/// C3: sections "I. TẬP THỂ" / "II. CÁ NHÂN", an exemplar row of three filled cells; the
/// corrected file writes the field of the first model otherwise.
fn quy_dau_tu(field: &str, date: &str) -> SheetSpec {
    let mut s = Sheet::default();
    s.at(0, 2, KHOI);
    s.at(0, 2, "CHI BỘ QUỸ ĐẦU TƯ PHÁT TRIỂN TỈNH");
    s.at(0, 5, TITLE);
    s.blank();
    s.row(texts(&[
        "STT",
        "Tên mô hình, điển hình",
        "Người thực hiện",
        "Chức vụ",
        "Lĩnh vực",
        "Ngày đăng ký",
    ]));
    s.at(0, 5, "I. TẬP THỂ");
    s.row(texts(&[
        "1",
        "Giải ngân vốn vay đúng hẹn",
        "Phòng Tín dụng",
        "",
        field,
        date,
    ]));
    s.at(0, 5, "II. CÁ NHÂN");
    s.row(texts(&[
        "",
        "Thẩm định nhanh, chính xác",
        "Nguyễn Hữu Phước",
        "Bí thư chi bộ",
    ]));
    s.closing(3, 5, "T/M CHI BỘ", "BÍ THƯ", "Nguyễn Hữu Phước", false);
    s.spec("Sheet1")
}

/// D1's vertical self-assessment of its club, named "CLB …".
fn phieu() -> SheetSpec {
    let mut s = Sheet::default();
    s.at(0, 1, "ĐẢNG BỘ CÔNG TY CP CẤP THOÁT NƯỚC QUẢNG BÌNH");
    s.at(0, 1, "CHI BỘ NHÀ MÁY NƯỚC ĐỒNG HỚI");
    s.blank();
    s.at(0, 1, "PHIẾU TỰ ĐÁNH GIÁ");
    s.at(0, 1, "KẾT QUẢ THỰC HIỆN MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2025");
    s.blank();
    for (label, value) in [
        ("Loại", t("Tập thể")),
        ("Tên mô hình", t("CLB nước sạch học đường")),
        ("Tập thể thực hiện", t("Nhà máy nước Đồng Hới")),
        (
            "Kết quả đạt được",
            t("12 trường học có nước sạch, 3.000 học sinh được hướng dẫn"),
        ),
        ("Tự đánh giá (xếp loại)", t("Xuất sắc")),
        ("Tổng số phiếu", V::Num(15.0)),
        ("Số phiếu tán thành", V::Num(15.0)),
        ("Sức lan tỏa", t("Có")),
        ("Đề nghị công nhận", t("Có")),
        ("Ngày báo cáo", t("18/08/2026")),
    ] {
        s.row(vec![t(label), value]);
    }
    s.closing(1, 1, "T/M CHI BỘ", "BÍ THƯ", "Lê Văn Hải", false);
    s.spec("Phiếu")
}

/// The Khối's decision: recognized, and «Khen thưởng» "Giấy khen" or "Không".
fn quyet_dinh() -> SheetSpec {
    let mut s = Sheet::default();
    s.pair("ĐẢNG BỘ TỈNH QUẢNG BÌNH", 3, 4, "ĐẢNG CỘNG SẢN VIỆT NAM");
    s.at(0, 2, "ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH");
    s.at(
        0,
        4,
        "KẾT QUẢ CÔNG NHẬN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025",
    );
    s.blank();
    s.row(texts(&[
        "STT",
        "Tổ chức cơ sở đảng",
        "Tên mô hình, điển hình",
        "Công nhận",
        "Khen thưởng",
    ]));
    s.row(texts(&[
        "1",
        D1,
        "Câu lạc bộ nước sạch học đường",
        "Có",
        "Giấy khen",
    ]));
    s.row(texts(&[
        "2",
        D1,
        "Sáng kiến giảm thất thoát nước",
        "Có",
        "Không",
    ]));
    s.closing(
        3,
        4,
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Thị Thanh Bình",
        false,
    );
    s.spec("Quyết định")
}

/// Writes `samples/dang-uy-khoi/` under `root`.
pub fn write(root: &Path) -> Res {
    let dir = root.join("samples/dang-uy-khoi");
    let inbox = dir.join("hop-thu/2025");
    for folder in [
        inbox.join("DB Cap thoat nuoc"),
        inbox.join("tu-danh-gia"),
        inbox.join("quyet-dinh"),
    ] {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(dir.join("dvk.toml"), TOML)?;
    book::write_xlsx(&dir.join("danh-sach-to-chuc-co-so-dang.xlsx"), &[roster()])?;
    book::write_xlsx(
        &inbox.join("DB Cap thoat nuoc/Danh sach dang ky 2025.xlsx"),
        &[cap_thoat_nuoc()],
    )?;
    book::write_xlsx(
        &inbox.join("Dien luc - dang ky DVK 2025.xlsx"),
        &[dien_luc()],
    )?;
    book::write_xlsx(&inbox.join("sach_tbth.xlsx"), &[sach()])?;
    book::write_xlsx(&inbox.join("duoc_pham.xlsx"), &[duoc_pham()])?;
    std::fs::copy(
        inbox.join("duoc_pham.xlsx"),
        inbox.join("duoc_pham (1).xlsx"),
    )?;
    book::write_xlsx(
        &inbox.join("quy_dau_tu.xlsx"),
        &[quy_dau_tu("Kinh tế", "06/10/2025")],
    )?;
    book::write_xlsx(
        &inbox.join("quy_dau_tu (bản sửa).xlsx"),
        &[quy_dau_tu("Văn hoá – xã hội", "09/10/2025")],
    )?;
    book::write_xlsx(
        &inbox.join("tu-danh-gia/Phieu tu danh gia - nuoc sach hoc duong.xlsx"),
        &[phieu()],
    )?;
    book::write_xlsx(
        &inbox.join("quyet-dinh/Ket qua cong nhan 2025.xlsx"),
        &[quyet_dinh()],
    )?;
    Ok(())
}
