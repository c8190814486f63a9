//! Regenerates `samples/` and the .xls fixtures of `tests/fixtures/`, deterministically.
//!
//! ```text
//! cargo run --example make_samples
//! ```
//!
//! The samples are the files that the 10 cells of "Đảng bộ Sở Tư pháp" (Quảng Bình) send for the
//! "Dân vận khéo" movement in 2018 (plan 61-KH/ĐUSTP) and 2024 (letter 821-CV/ĐUK), with problems
//! planted on purpose: `samples/README.md` lists them. `samples/dang-uy-khoi/` is a second
//! committee, a Đảng ủy Khối with đảng bộ cơ sở (module `khoi`). The .xls files are written by
//! `tools/make_xls.py` (Python + xlwt); without them the committed .xls files are kept.

#[path = "../tests/cli/common/book.rs"]
#[allow(dead_code)] // the tests use helpers the generator does not
mod book;
#[path = "make_samples/khoi.rs"]
mod khoi;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

use bamboo_core::{encode_charset, Charset};
use book::{date, SheetSpec, V};
use unicode_normalization::UnicodeNormalization;

type Res<T = ()> = Result<T, Box<dyn Error>>;
/// A merged range: first row, first column, last row, last column (0-based).
type Merge = (u32, u16, u32, u16);

const COMMITTEE: &str = "ĐẢNG BỘ SỞ TƯ PHÁP";
const PLACE: &str = "Đồng Hới";

/// The roster: cell name, secretary, phone.
const CELLS: [(&str, &str, &str); 10] = [
    ("Chi bộ Văn phòng", "Nguyễn Văn An", "0232 3822 101"),
    ("Chi bộ Thanh tra", "Lê Thị Bình", "0232 3822 102"),
    (
        "Chi bộ Hành chính tư pháp",
        "Trần Văn Cường",
        "0232 3822 103",
    ),
    (
        "Chi bộ Phòng Bổ trợ tư pháp",
        "Phạm Thị Dung",
        "0232 3822 104",
    ),
    (
        "Chi bộ Phổ biến giáo dục pháp luật",
        "Hoàng Văn Em",
        "0232 3822 105",
    ),
    (
        "Chi bộ Trung tâm Trợ giúp pháp lý",
        "Võ Thị Giang",
        "0232 3822 106",
    ),
    (
        "Chi bộ Phòng Công chứng số 1",
        "Đặng Văn Hải",
        "0232 3822 107",
    ),
    (
        "Chi bộ Phòng Công chứng số 2",
        "Bùi Thị Lan",
        "0232 3822 108",
    ),
    (
        "Chi bộ Trung tâm Dịch vụ đấu giá tài sản",
        "Ngô Văn Minh",
        "0232 3822 109",
    ),
    (
        "Chi bộ Phòng Xây dựng và kiểm tra văn bản",
        "Đỗ Thị Nga",
        "0232 3822 110",
    ),
];

const KT: &str = "Kinh tế";
const VHXH: &str = "Văn hóa – xã hội";
const QPAN: &str = "Quốc phòng – an ninh";
const HTCT: &str = "Xây dựng hệ thống chính trị";
const CCHC: &str = "Cải cách hành chính";
const PBGDPL: &str = "Phổ biến giáo dục pháp luật";

const TT: &str = "Tập thể";
const CN: &str = "Cá nhân";

const MIXED_HEADER: [&str; 9] = [
    "STT",
    "Loại (Tập thể/Cá nhân)",
    "Tên mô hình, điển hình",
    "Tên tập thể / Họ và tên",
    "Chức vụ",
    "Lĩnh vực",
    "Nội dung, giải pháp",
    "Ngày đăng ký",
    "Ghi chú",
];

/// One registration row.
#[derive(Clone)]
struct Reg {
    kind: &'static str,
    model: &'static str,
    who: &'static str,
    role: &'static str,
    field: &'static str,
    content: &'static str,
    date: V,
}

#[allow(clippy::too_many_arguments)]
fn reg(
    kind: &'static str,
    model: &'static str,
    who: &'static str,
    role: &'static str,
    field: &'static str,
    content: &'static str,
    date: impl Into<V>,
) -> Reg {
    Reg {
        kind,
        model,
        who,
        role,
        field,
        content,
        date: date.into(),
    }
}

/// A text cell; an empty text is a blank cell.
fn t(s: &str) -> V {
    if s.is_empty() {
        V::Blank
    } else {
        V::Text(s.to_string())
    }
}

fn num(n: usize) -> V {
    V::Num(n as f64)
}

/// A row with `v` in column `col`, blanks before it.
fn at(col: usize, v: V) -> Vec<V> {
    let mut row = vec![V::Blank; col];
    row.push(v);
    row
}

fn cell(i: usize) -> (&'static str, &'static str) {
    (CELLS[i - 1].0, CELLS[i - 1].1)
}

/// "Đồng Hới, ngày 05 tháng 10 năm 2018".
fn date_line(d: u32, m: u32, y: i32) -> String {
    format!("{PLACE}, ngày {d:02} tháng {m:02} năm {y}")
}

fn reg_title(year: i32) -> String {
    format!(
        "DANH SÁCH TẬP THỂ VÀ CÁ NHÂN ĐĂNG KÝ XÂY DỰNG MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}"
    )
}

/// The Party-document title rows (5 rows, so the header is Excel row 6): committee, cell in
/// capitals, blank, `title` merged across `width` columns, blank.
fn title_rows(cell: &str, title: &str, width: usize) -> (Vec<Vec<V>>, Vec<Merge>) {
    let rows = vec![
        vec![t(COMMITTEE)],
        vec![t(&cell.to_uppercase())],
        vec![],
        at(0, t(title)),
        vec![],
    ];
    (rows, vec![(3, 0, 3, width as u16 - 1)])
}

/// The closing block: a blank row, the place and date line, "T/M CHI BỘ", "BÍ THƯ", the name.
fn closing(rows: &mut Vec<Vec<V>>, col: usize, line: &str, secretary: &str) {
    rows.push(vec![]);
    for s in [line, "T/M CHI BỘ", "BÍ THƯ", "", secretary] {
        rows.push(if s.is_empty() { vec![] } else { at(col, t(s)) });
    }
}

/// The standard mixed list (header in Excel row 6, data from row 7), with or without the date
/// column.
fn mixed_list(
    sheet: &str,
    cell_no: usize,
    year: i32,
    regs: &[Reg],
    with_date: bool,
    line: &str,
) -> SheetSpec {
    let (name, secretary) = cell(cell_no);
    let header: Vec<&str> = MIXED_HEADER
        .iter()
        .copied()
        .filter(|h| with_date || *h != "Ngày đăng ký")
        .collect();
    let width = header.len();
    let (mut rows, merges) = title_rows(name, &reg_title(year), width);
    rows.push(header.iter().map(|h| t(h)).collect());
    for (i, r) in regs.iter().enumerate() {
        let mut row = vec![
            num(i + 1),
            t(r.kind),
            t(r.model),
            t(r.who),
            t(r.role),
            t(r.field),
            t(r.content),
        ];
        if with_date {
            row.push(r.date.clone());
        }
        row.push(V::Blank);
        rows.push(row);
    }
    closing(&mut rows, width - 3, line, secretary);
    SheetSpec {
        name: sheet.to_string(),
        rows,
        merges,
    }
}

/// Every text of `s` through `f` (legacy encodings, NFD).
fn map_text(mut s: SheetSpec, f: impl Fn(&str) -> String) -> SheetSpec {
    for v in s.rows.iter_mut().flatten() {
        if let V::Text(x) = v {
            *x = f(x);
        }
    }
    s
}

fn legacy(s: SheetSpec, charset: Charset) -> SheetSpec {
    map_text(s, |x| encode_charset(charset, x).into_owned())
}

// ----------------------------------------------------------------------------------------------
// Writers

struct Out {
    root: PathBuf,
    xls_kept: Vec<String>,
}

impl Out {
    fn path(&self, rel: &str) -> Res<PathBuf> {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().ok_or("no parent")?)?;
        Ok(p)
    }
    fn xlsx(&self, rel: &str, sheets: &[SheetSpec]) -> Res {
        book::write_xlsx(&self.path(rel)?, sheets)
    }
    fn ods(&self, rel: &str, sheets: &[SheetSpec]) -> Res {
        book::write_ods(&self.path(rel)?, sheets)
    }
    fn bytes(&self, rel: &str, bytes: &[u8]) -> Res {
        Ok(std::fs::write(self.path(rel)?, bytes)?)
    }
    /// Through `tools/make_xls.py`; on failure, warns and keeps the committed file.
    fn xls(&mut self, rel: &str, sheets: &[SheetSpec]) -> Res {
        let out = self.path(rel)?;
        let dir = tempfile::tempdir()?;
        let spec = dir.path().join("spec.json");
        let tmp = dir.path().join("out.xls");
        std::fs::write(&spec, serde_json::to_vec_pretty(&book::to_json(sheets))?)?;
        let run = Command::new("python3")
            .arg(self.root.join("tools/make_xls.py"))
            .arg(&spec)
            .arg(&tmp)
            .output();
        match run {
            Ok(o) if o.status.success() => {
                std::fs::copy(&tmp, &out)?;
            }
            Ok(o) => self.keep(rel, &out, String::from_utf8_lossy(&o.stderr).trim()),
            Err(e) => self.keep(rel, &out, &format!("python3: {e}")),
        }
        Ok(())
    }
    fn keep(&mut self, rel: &str, out: &Path, why: &str) {
        let what = if out.exists() {
            "the committed file is kept"
        } else {
            "THE FILE IS MISSING"
        };
        eprintln!("warning: {rel} not regenerated, {what} ({why})");
        self.xls_kept.push(rel.to_string());
    }
}

// ----------------------------------------------------------------------------------------------
// The roster

fn roster(out: &Out) -> Res {
    let mut rows = vec![
        vec![t(COMMITTEE)],
        vec![t("DANH SÁCH CHI BỘ TRỰC THUỘC")],
        vec![],
        ["STT", "Tên chi bộ", "Bí thư chi bộ", "Điện thoại"]
            .iter()
            .map(|h| t(h))
            .collect(),
    ];
    for (i, (name, sec, phone)) in CELLS.iter().enumerate() {
        rows.push(vec![num(i + 1), t(name), t(sec), t(phone)]);
    }
    let sheet = SheetSpec {
        name: "Danh sách chi bộ".into(),
        rows,
        merges: vec![(1, 0, 1, 3)],
    };
    out.xlsx("samples/danh-sach-chi-bo.xlsx", &[sheet])?;
    let txt: String = CELLS.iter().map(|c| format!("{}\n", c.0)).collect();
    out.bytes("samples/danh-sach-chi-bo.txt", txt.as_bytes())
}

// ----------------------------------------------------------------------------------------------
// 2018: plan 61-KH/ĐUSTP, register 01/10–10/10/2018, self-assessment before 01/09/2019

fn van_phong_2018(d: V) -> Vec<Reg> {
    vec![
        reg(
            TT,
            "Một cửa liên thông đúng hẹn",
            "Văn phòng Sở",
            "",
            CCHC,
            "Niêm yết công khai thủ tục; trả kết quả đúng hẹn, báo trước khi trễ hẹn",
            d.clone(),
        ),
        reg(
            CN,
            "Công chức Văn phòng tận tụy, gần dân",
            "Nguyễn Thị Hoa",
            "Chuyên viên Văn phòng",
            HTCT,
            "Hướng dẫn một lần là đủ, không để người dân đi lại nhiều lần",
            d,
        ),
    ]
}

fn samples_2018(out: &mut Out) -> Res {
    let dir = "samples/2018/dang-ky";

    // 01: no cell column, no date column: the date is only in the closing line.
    let s01 = mixed_list(
        "Sheet1",
        1,
        2018,
        &van_phong_2018(V::Blank),
        false,
        &date_line(5, 10, 2018),
    );
    out.xlsx(&format!("{dir}/01_van_phong.xlsx"), &[s01])?;

    // 02: two header rows (Excel rows 6–7), TT/CN, real dates.
    {
        let (name, secretary) = cell(2);
        let (mut rows, mut merges) = title_rows(name, &reg_title(2018), 6);
        rows.push(vec![
            t("STT"),
            t("Loại"),
            t("Mô hình, điển hình đăng ký"),
            V::Blank,
            V::Blank,
            t("Ngày đăng ký"),
        ]);
        rows.push(vec![
            V::Blank,
            V::Blank,
            t("Tên mô hình"),
            t("Người / tập thể thực hiện"),
            t("Lĩnh vực"),
            V::Blank,
        ]);
        merges.extend([(5, 0, 6, 0), (5, 1, 6, 1), (5, 2, 5, 4), (5, 5, 6, 5)]);
        let d = V::Date(date(2018, 10, 8));
        rows.push(vec![
            num(1),
            t("TT"),
            t("Tiếp công dân, giải quyết khiếu nại tại chỗ"),
            t("Thanh tra Sở"),
            t(HTCT),
            d.clone(),
        ]);
        rows.push(vec![
            num(2),
            t("CN"),
            t("Thanh tra viên nói không với phong bì"),
            t("Lê Văn Quang"),
            t(HTCT),
            d,
        ]);
        closing(&mut rows, 3, &date_line(8, 10, 2018), secretary);
        let s = SheetSpec {
            name: "Đăng ký".into(),
            rows,
            merges,
        };
        out.xlsx(&format!("{dir}/02_thanh_tra.xlsx"), &[s])?;
    }

    // 03: legacy .xls, text dates 12/10/2018: late (deadline 10/10/2018).
    let d = t("12/10/2018");
    let regs = vec![
        reg(
            TT,
            "Lý lịch tư pháp trả tận nhà",
            "Phòng Hành chính tư pháp",
            "",
            CCHC,
            "Trả phiếu lý lịch tư pháp qua bưu điện, người dân không phải đến lần hai",
            d.clone(),
        ),
        reg(
            CN,
            "Cán bộ hộ tịch tận tâm, đúng hẹn",
            "Trương Thị Mai",
            "Chuyên viên",
            CCHC,
            "Hướng dẫn hồ sơ hộ tịch đầy đủ ngay lần đầu",
            d,
        ),
    ];
    let s = mixed_list("Đăng ký", 3, 2018, &regs, true, &date_line(12, 10, 2018));
    out.xls(&format!("{dir}/03_hanh_chinh_tu_phap.xls"), &[s])?;

    // 04: .ods, a collective only (no individual), dates 09-10-2018.
    let regs = vec![reg(
        TT,
        "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa",
        "Phòng Bổ trợ tư pháp",
        "",
        KT,
        "Giải đáp pháp luật cho doanh nghiệp qua điện thoại và tại trụ sở",
        t("09-10-2018"),
    )];
    let s = mixed_list("Đăng ký", 4, 2018, &regs, true, &date_line(9, 10, 2018));
    out.ods(&format!("{dir}/04_bo_tro_tu_phap.ods"), &[s])?;

    // 05: TCVN3 (ABC); headers in capitals without diacritics, so only the body is mojibake.
    let d = t("10.10.2018");
    let regs = vec![
        reg(
            TT,
            "Tủ sách pháp luật đến thôn bản",
            "Phòng Phổ biến giáo dục pháp luật",
            "",
            PBGDPL,
            "Đưa tủ sách pháp luật về nhà văn hóa thôn, cho mượn sách tận nhà",
            d.clone(),
        ),
        reg(
            CN,
            "Tuyên truyền viên pháp luật gần dân",
            "Hoàng Thị Thu",
            "Chuyên viên",
            PBGDPL,
            "Nói chuyện pháp luật bằng tiếng địa phương tại các buổi sinh hoạt thôn",
            d,
        ),
    ];
    let mut s = mixed_list("Sheet1", 5, 2018, &regs, true, &date_line(10, 10, 2018));
    s.rows[5] = [
        "STT",
        "LOAI",
        "TEN MO HINH, DIEN HINH",
        "HO VA TEN / TEN TAP THE",
        "CHUC VU",
        "LINH VUC",
        "NOI DUNG, GIAI PHAP",
        "NGAY DANG KY",
        "GHI CHU",
    ]
    .iter()
    .map(|h| t(h))
    .collect();
    out.xlsx(
        &format!("{dir}/05_pho_bien_gdpl.xlsx"),
        &[legacy(s, Charset::Tcvn3)],
    )?;

    // 06: the file with errors (data in Excel rows 7–12).
    let d = || t("06/10/2018");
    let regs = vec![
        reg(
            TT,
            "Tiếp công dân thân thiện",
            "Trung tâm Trợ giúp pháp lý",
            "",
            CCHC,
            "Bố trí phòng tiếp dân, nước uống, hướng dẫn tận tình",
            d(),
        ),
        reg(
            CN,
            "Trợ giúp pháp lý lưu động cho đồng bào dân tộc thiểu số",
            "Võ Văn Tâm",
            "Trợ giúp viên pháp lý",
            PBGDPL,
            "Mỗi tháng một đợt trợ giúp pháp lý tại bản",
            d(),
        ),
        // Excel row 9: no model name.
        reg(
            CN,
            "",
            "Nguyễn Thị Hạnh",
            "Chuyên viên",
            VHXH,
            "Hướng dẫn người khuyết tật làm hồ sơ trợ giúp pháp lý",
            d(),
        ),
        // Excel row 10: kind misspelt.
        reg(
            "Tập thẻ",
            "Trợ giúp pháp lý cho người có công với cách mạng",
            "Phòng Nghiệp vụ",
            "",
            VHXH,
            "Đến tận nhà người có công để tư vấn pháp luật",
            d(),
        ),
        // Excel row 11: impossible date.
        reg(
            CN,
            "Nói không với phong bì",
            "Phan Văn Long",
            "Trợ giúp viên pháp lý",
            HTCT,
            "Công khai số điện thoại phản ánh, không nhận quà của người được trợ giúp",
            t("31/09/2018"),
        ),
        // Excel row 12: the model of row 7 again, other case and spacing.
        reg(
            TT,
            "TIẾP CÔNG DÂN  thân thiện",
            "Trung tâm Trợ giúp pháp lý",
            "",
            CCHC,
            "Bố trí phòng tiếp dân, nước uống, hướng dẫn tận tình",
            d(),
        ),
    ];
    let s = mixed_list("Đăng ký", 6, 2018, &regs, true, &date_line(6, 10, 2018));
    out.xlsx(&format!("{dir}/06_tro_giup_phap_ly.xlsx"), &[s])?;

    // 07: two cells in one list, a cell column, no title rows, other columns, NFD text.
    {
        let header = [
            "CHI BO",
            "HO VA TEN\n(hoac ten tap the)",
            "TEN MO HINH",
            "LOAI",
            "LINH VUC",
            "NGAY DANG KY",
            "SO DIEN THOAI",
        ];
        let d = "2018-10-03";
        let data = [
            (
                "Chi bộ Phòng Công chứng số 1",
                "Phòng Công chứng số 1",
                "Công chứng tận nơi cho người già, người bệnh",
                "tap the",
                CCHC,
                "0232 3822 107",
            ),
            (
                "Chi bộ Phòng Công chứng số 1",
                "Đặng Thị Hương",
                "Công chứng viên tận tâm, đúng luật",
                "ca nhan",
                HTCT,
                "0912 000 701",
            ),
            (
                "Chi bộ Phòng Công chứng số 3",
                "Phòng Công chứng số 3",
                "Một ngày thứ bảy vì dân",
                "tap the",
                CCHC,
                "0232 3822 113",
            ),
            (
                "Chi bộ Phòng Công chứng số 3",
                "Lê Văn Sơn",
                "Hướng dẫn hồ sơ một lần, đầy đủ",
                "ca nhan",
                CCHC,
                "0912 000 703",
            ),
        ];
        let mut rows = vec![header.iter().map(|h| t(h)).collect::<Vec<_>>()];
        for (c, who, model, kind, field, phone) in data {
            rows.push(vec![
                t(c),
                t(who),
                t(model),
                t(kind),
                t(field),
                t(d),
                t(phone),
            ]);
        }
        let s = SheetSpec::new("Tong hop", rows);
        let s = map_text(s, |x| x.nfd().collect());
        out.xlsx(&format!("{dir}/07_tong_hop_cong_chung.xlsx"), &[s])?;
    }

    // Files that are not workbooks, and a broken workbook.
    out.bytes(
        &format!("{dir}/~$01_van_phong.xlsx"),
        &lock_file("Nguyen Van An"),
    )?;
    out.bytes(
        &format!("{dir}/Cong van dang ky.docx"),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml (not a real letter)\n",
    )?;
    out.bytes(
        &format!("{dir}/ke-hoach-61.pdf"),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    )?;
    let whole = book::xlsx_bytes(&[mixed_list(
        "Sheet1",
        8,
        2018,
        &van_phong_2018(t("05/10/2018")),
        true,
        &date_line(5, 10, 2018),
    )])?;
    out.bytes(&format!("{dir}/08_hong.xlsx"), &whole[..300])?;

    // Self-assessments, before 01/09/2019.
    let dir = "samples/2018/tu-danh-gia";
    let header = [
        "STT",
        "Chi bộ",
        "Loại",
        "Tên mô hình, điển hình",
        "Kết quả đạt được",
        "Tự đánh giá (xếp loại)",
        "Số phiếu tán thành",
        "Tổng số phiếu",
        "Sức lan tỏa",
        "Đề nghị công nhận",
        "Ngày báo cáo",
    ];
    let title = "BÁO CÁO TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2018";
    type Assess = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i32,
        i32,
        &'static str,
        &'static str,
        V,
    );
    let assessment = |cell_no: usize, items: Vec<Assess>, line: &str| {
        let (name, secretary) = cell(cell_no);
        let (mut rows, merges) = title_rows(name, title, header.len());
        rows.push(header.iter().map(|h| t(h)).collect());
        for (i, (kind, model, result, rating, yes, total, spread, propose, d)) in
            items.into_iter().enumerate()
        {
            rows.push(vec![
                num(i + 1),
                t(name),
                t(kind),
                t(model),
                t(result),
                t(rating),
                V::Num(yes.into()),
                V::Num(total.into()),
                t(spread),
                t(propose),
                d,
            ]);
        }
        closing(&mut rows, header.len() - 3, line, secretary);
        SheetSpec {
            name: "Tự đánh giá".into(),
            rows,
            merges,
        }
    };
    let d = V::Date(date(2019, 8, 20));
    let s = assessment(
        1,
        vec![
            (
                TT,
                "Một cửa liên thông đúng hẹn",
                "100% hồ sơ trả đúng hẹn; không có phản ánh, kiến nghị",
                "Xuất sắc",
                18,
                20,
                "Có",
                "Có",
                d.clone(),
            ),
            (
                CN,
                "Công chức Văn phòng tận tụy, gần dân",
                "Được người dân và đồng nghiệp ghi nhận; không có hồ sơ trễ hẹn",
                "Tốt",
                18,
                20,
                "Có",
                "Có",
                d,
            ),
        ],
        &date_line(20, 8, 2019),
    );
    out.xlsx(&format!("{dir}/01_van_phong.xlsx"), &[s])?;
    let d = t("15/09/2019");
    let s = assessment(
        2,
        vec![
            (
                TT,
                "Tiếp công dân, giải quyết khiếu nại tại chỗ",
                "Giải quyết dứt điểm 12 đơn tại chỗ; không có đơn vượt cấp",
                "Tốt",
                15,
                17,
                "Có",
                "Có",
                d.clone(),
            ),
            (
                CN,
                "Hòa giải viên thanh tra nhân dân gần dân",
                "Tham gia hòa giải 5 vụ việc ở cơ sở",
                "Khá",
                12,
                17,
                "Không",
                "Không",
                d,
            ),
        ],
        &date_line(15, 9, 2019),
    );
    out.xlsx(&format!("{dir}/02_thanh_tra.xlsx"), &[s])
}

/// An Excel owner ("lock") file: 165 bytes with the user name, as Excel leaves them.
fn lock_file(user: &str) -> Vec<u8> {
    let mut b = vec![user.len() as u8];
    b.extend(user.bytes());
    b.resize(54, b' ');
    b.extend([user.len() as u8, 0]);
    b.extend(user.encode_utf16().flat_map(u16::to_le_bytes));
    b.resize(165, 0);
    b
}

// ----------------------------------------------------------------------------------------------
// 2024: letter 821-CV/ĐUK, register before 26/02/2024, forms M1 (collective) and M2 (individual)

/// A 2024 sheet with the form name top right and a "Tên chi bộ" column.
fn form_2024(
    form: &str,
    title: &str,
    header: &[&str],
    cell_no: usize,
    data: Vec<Vec<V>>,
    line: &str,
) -> SheetSpec {
    let (name, secretary) = cell(cell_no);
    let (mut rows, merges) = title_rows(name, title, header.len());
    rows[0] = vec![t(COMMITTEE)];
    rows[0].resize(header.len() - 1, V::Blank);
    rows[0].push(t(form));
    rows.push(header.iter().map(|h| t(h)).collect());
    for (i, mut r) in data.into_iter().enumerate() {
        r.insert(0, t(name));
        r.insert(0, num(i + 1));
        rows.push(r);
    }
    closing(&mut rows, header.len() - 3, line, secretary);
    SheetSpec {
        name: form.to_string(),
        rows,
        merges,
    }
}

fn samples_2024(out: &mut Out) -> Res {
    let dir = "samples/2024";
    let s = form_2024(
        "Mẫu M1",
        "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024",
        &[
            "STT",
            "Tên chi bộ",
            "Tên mô hình",
            "Lĩnh vực",
            "Nội dung, giải pháp thực hiện",
            "Ngày đăng ký",
        ],
        1,
        vec![vec![
            t("Số hóa hồ sơ, trả kết quả trực tuyến"),
            t(CCHC),
            t("Tiếp nhận hồ sơ trực tuyến, trả kết quả qua bưu chính công ích"),
            V::Date(date(2024, 2, 20)),
        ]],
        &date_line(20, 2, 2024),
    );
    out.xlsx(&format!("{dir}/01_van_phong_M1.xlsx"), &[s])?;
    let s = form_2024(
        "Mẫu M2",
        "ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2024",
        &[
            "STT",
            "Tên chi bộ",
            "Họ và tên",
            "Chức vụ",
            "Tên điển hình",
            "Lĩnh vực",
            "Ngày đăng ký",
        ],
        1,
        vec![vec![
            t("Trần Thị Thanh"),
            t("Phó Chánh Văn phòng"),
            t("Cán bộ Văn phòng gần dân, trọng dân"),
            t(HTCT),
            t("20/02/2024"),
        ]],
        &date_line(20, 2, 2024),
    );
    out.xlsx(&format!("{dir}/01_van_phong_M2.xlsx"), &[s])?;

    // 02: two-digit years; two individuals and no collective (missing-collective).
    let d = t("5/2/24");
    let regs = vec![
        reg(
            CN,
            "Tiếp công dân chu đáo, giải quyết dứt điểm",
            "Nguyễn Thị Thu",
            "Thanh tra viên",
            HTCT,
            "Lịch tiếp dân công khai; theo dõi từng đơn đến khi giải quyết xong",
            d.clone(),
        ),
        reg(
            CN,
            "Thanh tra viên công tâm, khách quan",
            "Lê Văn Quang",
            "Chánh Thanh tra",
            HTCT,
            "Kết luận thanh tra rõ ràng, công khai, đúng hạn",
            d,
        ),
    ];
    let s = mixed_list("Đăng ký", 2, 2024, &regs, true, &date_line(5, 2, 2024));
    out.xlsx(&format!("{dir}/02_thanh_tra.xlsx"), &[s])?;

    // 03: .ods, real dates.
    let d = V::Date(date(2024, 2, 22));
    let regs = vec![
        reg(
            TT,
            "Đăng ký hộ tịch trực tuyến không chờ đợi",
            "Phòng Hành chính tư pháp",
            "",
            CCHC,
            "Hướng dẫn nộp hồ sơ hộ tịch trên Cổng dịch vụ công",
            d.clone(),
        ),
        reg(
            CN,
            "Hướng dẫn thủ tục lý lịch tư pháp một lần",
            "Trương Thị Mai",
            "Phó Trưởng phòng",
            CCHC,
            "Bảng hướng dẫn và mẫu điền sẵn cho từng trường hợp",
            d,
        ),
    ];
    let s = mixed_list("Đăng ký", 3, 2024, &regs, true, &date_line(22, 2, 2024));
    out.ods(&format!("{dir}/03_hanh_chinh_tu_phap.ods"), &[s])?;

    // 04: date written out, 28/02/2024: late by 3 days ("before 26/02": the last day allowed is 25/02).
    let d = t("ngày 28 tháng 02 năm 2024");
    let regs = vec![
        reg(
            TT,
            "Đồng hành cùng doanh nghiệp trong thủ tục bổ trợ tư pháp",
            "Phòng Bổ trợ tư pháp",
            "",
            KT,
            "Hướng dẫn thủ tục cấp phép cho tổ chức hành nghề qua điện thoại, thư điện tử",
            d.clone(),
        ),
        reg(
            CN,
            "Chuyên viên bổ trợ tư pháp tận tụy",
            "Phạm Văn Khoa",
            "Chuyên viên",
            CCHC,
            "Giải quyết hồ sơ trước hạn, không để tổ chức đi lại nhiều lần",
            d,
        ),
    ];
    let s = mixed_list("Đăng ký", 4, 2024, &regs, true, &date_line(28, 2, 2024));
    out.xlsx(&format!("{dir}/04_bo_tro_tu_phap.xlsx"), &[s])?;

    // 05: VNI-Windows, every text (title, header, body).
    let d = V::Date(date(2024, 2, 23));
    let regs = vec![
        reg(
            TT,
            "Sân khấu hóa tuyên truyền pháp luật",
            "Phòng Phổ biến giáo dục pháp luật",
            "",
            PBGDPL,
            "Tuyên truyền pháp luật qua tiểu phẩm tại nhà văn hóa thôn",
            d.clone(),
        ),
        reg(
            CN,
            "Báo cáo viên pháp luật nói dễ hiểu, làm dễ theo",
            "Hoàng Thị Thu",
            "Phó Trưởng phòng",
            PBGDPL,
            "Tài liệu hỏi – đáp ngắn gọn, ví dụ gần gũi với người dân",
            d,
        ),
    ];
    let s = mixed_list("Sheet1", 5, 2024, &regs, true, &date_line(23, 2, 2024));
    out.xlsx(
        &format!("{dir}/05_pho_bien_gdpl.xlsx"),
        &[legacy(s, Charset::VniWindows)],
    )?;

    // 06: two collectives and one individual.
    let d = V::Date(date(2024, 2, 21));
    let regs = vec![
        reg(
            TT,
            "Trợ giúp pháp lý tại nhà cho người khuyết tật",
            "Trung tâm Trợ giúp pháp lý",
            "",
            VHXH,
            "Trợ giúp viên đến tận nhà tiếp nhận yêu cầu của người khuyết tật",
            d.clone(),
        ),
        reg(
            TT,
            "Điểm tiếp nhận trợ giúp pháp lý tại xã biên giới",
            "Chi nhánh Trợ giúp pháp lý số 1",
            "",
            QPAN,
            "Điểm tiếp nhận tại trụ sở đồn biên phòng, phối hợp với bộ đội biên phòng",
            d.clone(),
        ),
        reg(
            CN,
            "Trợ giúp viên pháp lý tận tâm với người nghèo",
            "Võ Văn Tâm",
            "Trợ giúp viên pháp lý",
            VHXH,
            "Nhận và theo vụ việc đến cùng, không để người nghèo thiếu người bảo vệ",
            d,
        ),
    ];
    let s = mixed_list("Đăng ký", 6, 2024, &regs, true, &date_line(21, 2, 2024));
    out.xlsx(&format!("{dir}/06_tro_giup_phap_ly.xlsx"), &[s])
}

// ----------------------------------------------------------------------------------------------
// Test fixtures

fn fixtures(out: &mut Out) -> Res {
    let s = mixed_list(
        "Đăng ký",
        1,
        2018,
        &van_phong_2018(t("05/10/2018")),
        true,
        &date_line(5, 10, 2018),
    );
    out.xls("tests/fixtures/registration_title_rows.xls", &[s])
}

fn main() -> Res {
    let mut out = Out {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        xls_kept: Vec::new(),
    };
    roster(&out)?;
    samples_2018(&mut out)?;
    samples_2024(&mut out)?;
    khoi::write(&out.root)?;
    fixtures(&mut out)?;
    if out.xls_kept.is_empty() {
        println!("samples/ and tests/fixtures/ regenerated");
    } else {
        println!(
            "samples/ regenerated; {} .xls file(s) kept as committed (needs python3 and xlwt: pip install xlwt)",
            out.xls_kept.len()
        );
    }
    Ok(())
}
