//! `dvk intake` (issue 18): a folder of downloads — a zip of 5 forms, an e-mail with 2 forms
//! and a signed PDF, a double download "(1)", a correction sent a week later, a file of a unit
//! not on the roster, a Word letter — filed under the inbox exactly as written by hand below,
//! the receipt log one row per file with its date and SHA-256, a second run changing nothing,
//! the sources untouched; and the received date deciding the lateness of an undated form.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use serde_json::Value;

use crate::common::book::{row, xlsx_bytes, SheetSpec, V};
use crate::common::workdir::Workdir;

const ROSTER: &str = "Chi bộ Văn phòng\nChi bộ Thanh tra\nChi bộ Hành chính tư pháp\nChi bộ Công chứng\nChi bộ Bổ trợ tư pháp\nChi bộ Phổ biến giáo dục pháp luật\n";

/// A workspace in the test folder: dvk.toml with a text roster of six units.
fn workspace(dir: &Workdir) {
    dir.bytes(
        "dvk.toml",
        "[workspace]\nroster = \"chi-bo.txt\"\ninbox = \"hop-thu\"\n".as_bytes(),
    );
    dir.bytes("chi-bo.txt", ROSTER.as_bytes());
    std::fs::create_dir_all(dir.file("hop-thu/2025")).expect("inbox");
}

/// A 2025 registration form of `unit` (heading "CHI BỘ …"): rows (kind, name), each dated
/// `date` when given, else no date column and no date line.
fn form(unit: &str, rows: &[(&str, &str)], date: Option<&str>) -> Vec<u8> {
    let mut all = vec![
        row(&["ĐẢNG BỘ SỞ TƯ PHÁP"]),
        row(&[&unit.to_uppercase()]),
        row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM 2025"]),
    ];
    let mut header = vec!["STT", "Loại", "Tên mô hình, điển hình"];
    if date.is_some() {
        header.push("Ngày đăng ký");
    }
    all.push(row(&header));
    for (i, (kind, name)) in rows.iter().enumerate() {
        let mut r = vec![V::Num((i + 1) as f64)];
        let mut cells = vec![*kind, *name];
        if let Some(date) = date {
            cells.push(date);
        }
        r.extend(row(&cells));
        all.push(r);
    }
    xlsx_bytes(&[SheetSpec::new("DS", all)]).expect("xlsx")
}

fn day(y: i32, m: u32, d: u32) -> SystemTime {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let seconds = date
        .and_hms_opt(10, 0, 0)
        .expect("time")
        .and_local_timezone(chrono::Local)
        .single()
        .expect("local time")
        .timestamp();
    UNIX_EPOCH + Duration::from_secs(seconds as u64)
}

fn put(dir: &Workdir, relative: &str, bytes: &[u8], modified: SystemTime) -> PathBuf {
    let path = dir.bytes(relative, bytes);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(modified))
        .expect("set the modification time");
    path
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in members {
        zip.start_file(*name, options).expect("zip member");
        zip.write_all(bytes).expect("zip bytes");
    }
    zip.finish().expect("zip");
    buffer.into_inner()
}

/// An e-mail as a mail client saves it (.eml): a text body and base64 attachments.
fn eml(from: &str, date: &str, attachments: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut text = format!(
        "From: {from}\r\nTo: vanphong@stp.gov.vn\r\nSubject: =?UTF-8?B?{}?=\r\nDate: {date}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKính gửi Văn phòng Đảng ủy hồ sơ đăng ký.\r\n",
        base64::engine::general_purpose::STANDARD.encode("Hồ sơ Dân vận khéo".as_bytes())
    );
    for (name, mime, bytes) in attachments {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        let lines: Vec<&str> = encoded
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        text.push_str(&format!(
            "--XYZ\r\nContent-Type: {mime}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            lines.join("\r\n")
        ));
    }
    text.push_str("--XYZ--\r\n");
    text.into_bytes()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file under `folder`: its path relative to it, its bytes and its modification time.
fn snapshot(folder: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(folder)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(e.path()).expect("read");
            let modified = std::fs::metadata(e.path())
                .and_then(|m| m.modified())
                .expect("mtime");
            (relative, (bytes, modified))
        })
        .collect()
}

fn files_under(folder: &Path) -> Vec<String> {
    snapshot(folder).into_keys().collect()
}

/// The downloads of the scenario, and the bytes of each form, by name.
struct Downloads {
    bytes: BTreeMap<&'static str, Vec<u8>>,
}

fn downloads(dir: &Workdir) -> Downloads {
    let mut bytes = BTreeMap::new();
    let dated = Some("05/10/2025");
    let vp_m1 = form(
        "Chi bộ Văn phòng",
        &[("Tập thể", "Một cửa thân thiện"), ("Tập thể", "Gần dân")],
        dated,
    );
    let vp_m2 = form("Chi bộ Văn phòng", &[("Cá nhân", "Tận tụy với dân")], dated);
    let tt_m1 = form(
        "Chi bộ Thanh tra",
        &[
            ("Tập thể", "Tiếp dân tận tình"),
            ("Tập thể", "Giải quyết đơn thư"),
        ],
        dated,
    );
    let tt_fixed = form(
        "Chi bộ Thanh tra",
        &[
            ("Tập thể", "Tiếp dân tận tình"),
            ("Tập thể", "Giải quyết đơn thư đúng hạn"),
            ("Tập thể", "Giải quyết đơn thư"),
        ],
        Some("12/10/2025"),
    );
    // No date of its own and no date line: the receipt log dates it.
    let hc_m1 = form(
        "Chi bộ Hành chính tư pháp",
        &[("Tập thể", "Hộ tịch một ngày")],
        None,
    );
    let cc_m2 = form(
        "Chi bộ Công chứng",
        &[("Cá nhân", "Công chứng tận nơi")],
        dated,
    );
    let bt_m1 = form(
        "Chi bộ Bổ trợ tư pháp",
        &[("Tập thể", "Đấu giá minh bạch")],
        Some("07/10/2025"),
    );
    let bt_m2 = form(
        "Chi bộ Bổ trợ tư pháp",
        &[("Cá nhân", "Luật sư vì dân")],
        Some("07/10/2025"),
    );
    let pb_m1 = form(
        "Chi bộ Phổ biến giáo dục pháp luật",
        &[("Tập thể", "Pháp luật đến từng nhà")],
        dated,
    );
    let youth = form(
        "Chi bộ Đoàn thanh niên",
        &[("Tập thể", "Thanh niên tình nguyện")],
        dated,
    );
    let pdf = b"%PDF-1.4\n% cong van da ky so\n".to_vec();
    let docx = b"PK\x03\x04 cong van gui kem".to_vec();
    let zip = zip_of(&[
        ("Chi bo Van phong/M1_VP.xlsx", &vp_m1),
        ("Chi bo Van phong/M2_VP.xlsx", &vp_m2),
        ("M1_Thanh tra.xlsx", &tt_m1),
        ("M1_HCTP.xlsx", &hc_m1),
        ("M2_Cong chung.xlsx", &cc_m2),
    ]);
    let mail = eml(
        "Chi bộ Bổ trợ tư pháp <botro@stp.gov.vn>",
        "Wed, 08 Oct 2025 09:15:00 +0700",
        &[
            (
                "M1_Bo tro.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bt_m1,
            ),
            (
                "M2_Bo tro.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &bt_m2,
            ),
            ("Cong van ky.pdf", "application/pdf", &pdf),
        ],
    );
    put(dir, "tai-ve/ho-so-chi-bo.zip", &zip, day(2025, 10, 6));
    put(dir, "tai-ve/thu-bo-tro.eml", &mail, day(2025, 10, 9));
    put(
        dir,
        "tai-ve/Chi bo Pho bien/M1_PBGDPL.xlsx",
        &pb_m1,
        day(2025, 10, 7),
    );
    put(
        dir,
        "tai-ve/Chi bo Pho bien/M1_PBGDPL (1).xlsx",
        &pb_m1,
        day(2025, 10, 7),
    );
    put(
        dir,
        "tai-ve/Chi bo Pho bien/Cong van gui kem.docx",
        &docx,
        day(2025, 10, 7),
    );
    put(
        dir,
        "tai-ve/M1_Thanh tra (ban sua).xlsx",
        &tt_fixed,
        day(2025, 10, 13),
    );
    put(
        dir,
        "tai-ve/M1_Doan thanh nien.xlsx",
        &youth,
        day(2025, 10, 9),
    );
    for (name, b) in [
        ("vp_m1", vp_m1),
        ("vp_m2", vp_m2),
        ("tt_m1", tt_m1),
        ("tt_fixed", tt_fixed),
        ("hc_m1", hc_m1),
        ("cc_m2", cc_m2),
        ("bt_m1", bt_m1),
        ("bt_m2", bt_m2),
        ("pb_m1", pb_m1),
        ("youth", youth),
        ("pdf", pdf),
        ("docx", docx),
    ] {
        bytes.insert(name, b);
    }
    Downloads { bytes }
}

/// (original name, received, outcome, unit, form, rows, which content) of a log row.
type LogRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<u64>,
    &'static str,
);

fn rows(json: &Value) -> Vec<Value> {
    json["received"].as_array().cloned().unwrap_or_default()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

#[test]
fn a_folder_of_downloads_is_filed_logged_and_taken_in_once() {
    let dir = Workdir::new();
    workspace(&dir);
    let sent = downloads(&dir);
    let sources_before = snapshot(&dir.file("tai-ve"));

    // Written by hand before running: where each file must land.
    let expected_inbox = [
        "2025/Chi bộ Bổ trợ tư pháp/2025-10-08 Cong van ky.pdf",
        "2025/Chi bộ Bổ trợ tư pháp/2025-10-08 M1 Chi bộ Bổ trợ tư pháp.xlsx",
        "2025/Chi bộ Bổ trợ tư pháp/2025-10-08 M2 Chi bộ Bổ trợ tư pháp.xlsx",
        "2025/Chi bộ Công chứng/2025-10-06 M2 Chi bộ Công chứng.xlsx",
        "2025/Chi bộ Hành chính tư pháp/2025-10-06 M1 Chi bộ Hành chính tư pháp.xlsx",
        "2025/Chi bộ Phổ biến giáo dục pháp luật/2025-10-07 Cong van gui kem.docx",
        "2025/Chi bộ Phổ biến giáo dục pháp luật/2025-10-07 M1 Chi bộ Phổ biến giáo dục pháp luật.xlsx",
        "2025/Chi bộ Thanh tra/2025-10-13 M1 Chi bộ Thanh tra.xlsx",
        "2025/Chi bộ Văn phòng/2025-10-06 M1 Chi bộ Văn phòng.xlsx",
        "2025/Chi bộ Văn phòng/2025-10-06 M2 Chi bộ Văn phòng.xlsx",
        "2025/_thay-the/Chi bộ Thanh tra/2025-10-06 M1 Chi bộ Thanh tra.xlsx",
        "chua-xac-dinh/2025-10-09 M1_Doan thanh nien.xlsx",
    ];
    // (original name, received, outcome, unit, form, rows, content) per row of the log, in the
    // order the files were found (each folder by name, the zip and the e-mail in their order).
    let expected_log: [LogRow; 13] = [
        (
            "Cong van gui kem.docx",
            "2025-10-07",
            "filed",
            "Chi bộ Phổ biến giáo dục pháp luật",
            "Word",
            None,
            "docx",
        ),
        (
            "M1_PBGDPL (1).xlsx",
            "2025-10-07",
            "duplicate",
            "Chi bộ Phổ biến giáo dục pháp luật",
            "M1",
            None,
            "pb_m1",
        ),
        (
            "M1_PBGDPL.xlsx",
            "2025-10-07",
            "filed",
            "Chi bộ Phổ biến giáo dục pháp luật",
            "M1",
            Some(1),
            "pb_m1",
        ),
        // Its rows name a unit not on the roster: none accepted, so only "a registration".
        (
            "M1_Doan thanh nien.xlsx",
            "2025-10-09",
            "unsorted",
            "",
            "ĐK",
            Some(1),
            "youth",
        ),
        (
            "M1_Thanh tra (ban sua).xlsx",
            "2025-10-13",
            "replacing",
            "Chi bộ Thanh tra",
            "M1",
            Some(3),
            "tt_fixed",
        ),
        (
            "M1_VP.xlsx",
            "2025-10-06",
            "filed",
            "Chi bộ Văn phòng",
            "M1",
            Some(2),
            "vp_m1",
        ),
        (
            "M2_VP.xlsx",
            "2025-10-06",
            "filed",
            "Chi bộ Văn phòng",
            "M2",
            Some(1),
            "vp_m2",
        ),
        (
            "M1_Thanh tra.xlsx",
            "2025-10-06",
            "replaced",
            "Chi bộ Thanh tra",
            "M1",
            Some(2),
            "tt_m1",
        ),
        (
            "M1_HCTP.xlsx",
            "2025-10-06",
            "filed",
            "Chi bộ Hành chính tư pháp",
            "M1",
            Some(1),
            "hc_m1",
        ),
        (
            "M2_Cong chung.xlsx",
            "2025-10-06",
            "filed",
            "Chi bộ Công chứng",
            "M2",
            Some(1),
            "cc_m2",
        ),
        (
            "M1_Bo tro.xlsx",
            "2025-10-08",
            "filed",
            "Chi bộ Bổ trợ tư pháp",
            "M1",
            Some(1),
            "bt_m1",
        ),
        (
            "M2_Bo tro.xlsx",
            "2025-10-08",
            "filed",
            "Chi bộ Bổ trợ tư pháp",
            "M2",
            Some(1),
            "bt_m2",
        ),
        (
            "Cong van ky.pdf",
            "2025-10-08",
            "filed",
            "Chi bộ Bổ trợ tư pháp",
            "PDF",
            None,
            "pdf",
        ),
    ];

    let run = dir.run(&["intake", "tai-ve", "--json"]);
    assert_eq!(
        run.code, 1,
        "an unsorted file asks for the clerk\n{}\n{}",
        run.stdout, run.stderr
    );
    let json = run.json();
    assert_eq!(
        files_under(&dir.file("hop-thu")),
        expected_inbox,
        "{}",
        run.stdout
    );
    let log = rows(&json);
    assert_eq!(log.len(), expected_log.len(), "{}", run.stdout);
    for (row, (name, received, outcome, unit, form, count, content)) in log.iter().zip(expected_log)
    {
        assert_eq!(text(&row["name"]), name);
        assert_eq!(text(&row["received"]), received, "{name}");
        assert_eq!(text(&row["outcome"]), outcome, "{name}: {row}");
        assert_eq!(text(&row["cell"]), unit, "{name}");
        assert_eq!(text(&row["form"]), form, "{name}");
        assert_eq!(row["rows"].as_u64(), count, "{name}");
        assert_eq!(text(&row["sha256"]), sha256(&sent.bytes[content]), "{name}");
        // Every file filed holds exactly the bytes received.
        if let Some(filed) = row["filed"].as_str() {
            assert_eq!(
                std::fs::read(dir.file(filed)).expect("filed"),
                sent.bytes[content],
                "{name}"
            );
        }
    }
    let by_name = |name: &str| {
        log.iter()
            .find(|r| r["name"] == name)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        text(&by_name("M1_Bo tro.xlsx")["from"]),
        "Chi bộ Bổ trợ tư pháp <botro@stp.gov.vn>"
    );
    assert_eq!(
        text(&by_name("M1_VP.xlsx")["source"]),
        "tai-ve/ho-so-chi-bo.zip › Chi bo Van phong/M1_VP.xlsx"
    );
    assert_eq!(
        text(&by_name("M1_VP.xlsx")["from"]),
        "tai-ve/ho-so-chi-bo.zip"
    );
    let youth = by_name("M1_Doan thanh nien.xlsx");
    // The reason is check's own finding about the file's unit: its heading names a unit the
    // roster lacks (it is not blank).
    assert_eq!(
        text(&youth["note"]),
        "«Chi bộ ĐOÀN THANH NIÊN» không có trong danh sách chi bộ",
        "{youth}"
    );
    assert!(text(&by_name("M1_PBGDPL (1).xlsx")["note"]).contains("M1_PBGDPL.xlsx"));
    assert!(text(&by_name("M1_Thanh tra (ban sua).xlsx")["note"])
        .contains("_thay-the/Chi bộ Thanh tra/2025-10-06 M1 Chi bộ Thanh tra.xlsx"));
    assert_eq!(json["log_rows"], 13);
    assert!(dir.file("so-nhan-ho-so.xlsx").is_file());

    // The text summary of the same run, per unit.
    let summary = intake_summary_of_fresh_run();
    if let Ok(to) = std::env::var("DVK_INTAKE_SUMMARY") {
        std::fs::write(to, &summary).expect("write the summary");
    }
    assert!(
        summary.contains("Chi bộ Văn phòng, năm 2025: 2 tệp lưu vào hộp thư"),
        "{summary}"
    );

    // A second run on the same sources changes no byte and no modification time.
    let before = snapshot(dir.path());
    let again = dir.run(&["intake", "tai-ve", "--json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let again = again.json();
    assert_eq!(again["received"].as_array().map(Vec::len), Some(0));
    assert_eq!(again["already_received"], 13);
    assert_eq!(again["log_written"], false);
    assert_eq!(snapshot(dir.path()), before);
    // The sources are as they were.
    assert_eq!(snapshot(&dir.file("tai-ve")), sources_before);

    // The Văn phòng sends its M1 again a week later: the filed one moves to _thay-the.
    let vp_again = form(
        "Chi bộ Văn phòng",
        &[
            ("Tập thể", "Một cửa thân thiện"),
            ("Tập thể", "Gần dân hơn"),
            ("Tập thể", "Gần dân"),
        ],
        Some("13/10/2025"),
    );
    put(
        &dir,
        "tai-ve-2/M1_VP lan 2.xlsx",
        &vp_again,
        day(2025, 10, 13),
    );
    let third = dir.run(&["intake", "tai-ve-2", "--json"]).json();
    assert_eq!(text(&third["received"][0]["outcome"]), "replacing");
    assert_eq!(
        third["moved"],
        serde_json::json!([{
            "from": "hop-thu/2025/Chi bộ Văn phòng/2025-10-06 M1 Chi bộ Văn phòng.xlsx",
            "to": "hop-thu/2025/_thay-the/Chi bộ Văn phòng/2025-10-06 M1 Chi bộ Văn phòng.xlsx",
            "replaced_by": "hop-thu/2025/Chi bộ Văn phòng/2025-10-13 M1 Chi bộ Văn phòng.xlsx",
        }])
    );
    assert_eq!(third["log_rows"], 14);
    assert_eq!(
        std::fs::read(
            dir.file("hop-thu/2025/_thay-the/Chi bộ Văn phòng/2025-10-06 M1 Chi bộ Văn phòng.xlsx")
        )
        .expect("moved"),
        sent.bytes["vp_m1"]
    );

    // check reads the inbox without the archive, and never the log as a form.
    let check = dir
        .run(&["check", "--json", "--as-of", "2025-12-30"])
        .json();
    let paths: Vec<&str> = check["files"]
        .as_array()
        .map(|f| f.iter().map(|f| text(&f["path"])).collect())
        .unwrap_or_default();
    assert!(paths.contains(&"2025/_thay-the"), "{paths:?}");
    assert!(
        !paths.iter().any(|p| p.starts_with("2025/_thay-the/")),
        "{paths:?}"
    );
    assert!(check["issues"]
        .as_array()
        .is_some_and(|i| i.iter().any(|f| f["code"] == "replaced-archive")));
    assert!(!check["issues"].as_array().is_some_and(|i| i
        .iter()
        .any(|f| f["code"] == "superseded-file" || f["code"] == "duplicate-file")));
    let at_root = dir
        .run(&["check", ".", "--json", "--as-of", "2025-12-30"])
        .json();
    let log_entry = at_root["files"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|f| f["path"] == "so-nhan-ho-so.xlsx")
                .cloned()
        })
        .unwrap_or_default();
    assert_eq!(log_entry["status"], "skipped", "{log_entry}");
    assert_eq!(log_entry["rows"], 0);
}

/// The terminal summary of a fresh intake of the same downloads.
fn intake_summary_of_fresh_run() -> String {
    let dir = Workdir::new();
    workspace(&dir);
    downloads(&dir);
    let run = dir.run(&["intake", "tai-ve"]);
    run.stdout
}

#[test]
fn the_received_date_decides_the_lateness_of_an_undated_form() {
    let dir = Workdir::new();
    workspace(&dir);
    let late = form(
        "Chi bộ Công chứng",
        &[("Tập thể", "Công chứng tận nơi")],
        None,
    );
    let on_time = form(
        "Chi bộ Thanh tra",
        &[("Tập thể", "Tiếp dân tận tình")],
        None,
    );
    put(&dir, "ve-muon/M1_CC.xlsx", &late, day(2025, 10, 15));
    put(&dir, "ve-som/M1_TT.xlsx", &on_time, day(2025, 10, 3));
    assert_eq!(dir.run(&["intake", "ve-muon"]).code, 0);
    // --received overrides the file's own date.
    assert_eq!(
        dir.run(&["intake", "ve-som", "--received", "09/10/2025"])
            .code,
        0
    );
    let check = dir
        .run(&["check", "--json", "--as-of", "2025-12-30"])
        .json();
    let issues = check["issues"].as_array().cloned().unwrap_or_default();
    let late_findings: Vec<&Value> = issues
        .iter()
        .filter(|i| i["code"] == "late-registration")
        .collect();
    assert_eq!(late_findings.len(), 1, "{issues:#?}");
    let finding = late_findings[0];
    assert_eq!(
        text(&finding["path"]),
        "2025/Chi bộ Công chứng/2025-10-15 M1 Chi bộ Công chứng.xlsx"
    );
    assert_eq!(text(&finding["column"]), "Ngày nhận (sổ nhận hồ sơ)");
    assert_eq!(text(&finding["value"]), "15/10/2025");
    assert!(
        text(&finding["message"])
            .contains("tính theo ngày nhận hồ sơ 15/10/2025 ghi trong sổ nhận hồ sơ"),
        "{finding}"
    );
    // Neither is left undated.
    assert!(
        !issues.iter().any(|i| i["code"] == "missing-date"),
        "{issues:#?}"
    );
    // Outside the workspace, with no log, the same file has no date.
    let copy = Workdir::new();
    copy.bytes("a.xlsx", &late);
    let alone = copy
        .run(&["check", "a.xlsx", "--json", "--as-of", "2025-12-30"])
        .json();
    assert!(alone["issues"]
        .as_array()
        .is_some_and(|i| i.iter().any(|f| f["code"] == "missing-date")));
}

#[test]
fn into_a_folder_outside_a_workspace_and_an_outlook_message_kept_unread() {
    let dir = Workdir::new();
    let form_bytes = form(
        "Chi bộ Văn phòng",
        &[("Tập thể", "Một cửa")],
        Some("05/10/2025"),
    );
    put(&dir, "tai-ve/M1.xlsx", &form_bytes, day(2025, 10, 5));
    put(
        &dir,
        "tai-ve/thu.msg",
        b"\xd0\xcf\x11\xe0 outlook",
        day(2025, 10, 5),
    );
    // A zip inside a zip inside the folder.
    let m2 = form(
        "Chi bộ Văn phòng",
        &[("Cá nhân", "Tận tụy")],
        Some("05/10/2025"),
    );
    let inner = zip_of(&[("M2.xlsx", &m2)]);
    put(
        &dir,
        "tai-ve/ngoai.zip",
        &zip_of(&[("trong.zip", &inner)]),
        day(2025, 10, 5),
    );
    let outside = dir.run(&["intake", "tai-ve", "--json"]);
    assert_eq!(
        outside.code, 2,
        "no workspace and no --into: {}",
        outside.stdout
    );
    let run = dir.run(&["intake", "tai-ve", "--into", "nhan", "--json"]);
    let json = run.json();
    assert_eq!(
        files_under(&dir.file("nhan")),
        [
            "hop-thu/2025/Chi bộ Văn phòng/2025-10-05 M1 Chi bộ Văn phòng.xlsx",
            "hop-thu/2025/Chi bộ Văn phòng/2025-10-05 M2 Chi bộ Văn phòng.xlsx",
            "hop-thu/2025/Chi bộ Văn phòng/2025-10-05 thu.msg",
            "so-nhan-ho-so.xlsx",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        text(&json["received"][1]["source"]),
        "tai-ve/ngoai.zip › trong.zip › M2.xlsx"
    );
    let msg = &json["received"][2];
    assert_eq!(text(&msg["form"]), "Thư Outlook");
    assert!(text(&msg["note"]).contains("lưu các tệp đính kèm"), "{msg}");
}
