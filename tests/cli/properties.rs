//! Property tests: what must hold for any input, not just the ones written down.

use crate::common::book::{t, xlsx_bytes, SheetSpec, V};
use chrono::{Datelike, NaiveDate};
use dvk::findings::{Code, Severity};
use dvk::pipeline::{run, CheckOptions};
use dvk::recognize::values::{find_date_line, parse_date_text};
use dvk::sheet::format_date;
use dvk::text::{clean, fold, fold_compact};
use proptest::prelude::*;

/// Text as cells hold it: Vietnamese letters, decomposed marks, white space of every kind,
/// control and invisible characters, emoji, right-to-left scripts, and anything else.
fn cell_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Chi bộ ".to_string()),
        Just("VĂN PHÒNG".to_string()),
        Just("o\u{302}\u{323}".to_string()),
        Just("\u{a0}\t\r\n \u{2028}".to_string()),
        Just("\u{200b}\u{feff}\u{ad}".to_string()),
        Just("\u{0}\u{7}\u{1b}[31m".to_string()),
        Just("👍🏽🇻🇳".to_string()),
        Just("مرحبا \u{202e}שלום".to_string()),
        Just("İıß".to_string()),
        any::<String>(),
    ];
    proptest::collection::vec(pieces, 0..6).prop_map(|p| p.concat())
}

/// Vietnamese words, in any case, with every tone and hat.
fn vietnamese_text() -> impl Strategy<Value = String> {
    "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸ0-9 ,.-]{0,40}"
}

/// Any day from 01/01/1900 to 31/12/2100.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    (0u64..73_414).prop_map(move |days| first + chrono::Days::new(days))
}

proptest! {
    #[test]
    fn cleaning_is_idempotent(s in cell_text()) {
        let once = clean(&s);
        prop_assert_eq!(clean(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn folding_is_idempotent(s in cell_text()) {
        let folded = fold(&s);
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert_eq!(fold_compact(&folded), fold_compact(&s));
    }

    #[test]
    fn folding_ignores_case_marks_and_spacing(s in vietnamese_text()) {
        // (Case is folded the Vietnamese way: "ß" or the Turkish "İ" have no part in it.)
        prop_assert_eq!(fold(&s.to_uppercase()), fold(&s.to_lowercase()));
        let decomposed: String = unicode_normalization::UnicodeNormalization::nfd(s.as_str()).collect();
        prop_assert_eq!(fold(&decomposed), fold(&s));
        prop_assert_eq!(fold(&format!("  {}\t", s.replace(' ', "\u{a0}\n"))), fold(&s));
    }

    #[test]
    fn dates_format_and_parse_back(date in any_date()) {
        prop_assert_eq!(parse_date_text(&format_date(date)), Ok(date));
        let words = format!("ngày {} tháng {} năm {}", date.day(), date.month(), date.year());
        prop_assert_eq!(parse_date_text(&words), Ok(date));
        let line = format!("Đồng Hới, {words}");
        prop_assert_eq!(find_date_line(&line).map(|l| l.date), Some(date));
        let iso = date.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_date_text(&iso), Ok(date));
    }

    #[test]
    fn parsing_any_text_never_panics(s in cell_text()) {
        let _ = parse_date_text(&s);
        let _ = find_date_line(&s);
        let _ = dvk::recognize::values::find_title_year(&s);
        let _ = dvk::recognize::forms::match_header(&s);
    }
}

/// A registration cell of any shape: good, bad, blank, or of the wrong type.
fn value(good: &'static [&'static str], bad: &'static [&'static str]) -> impl Strategy<Value = V> {
    prop_oneof![
        4 => proptest::sample::select(good).prop_map(t),
        1 => proptest::sample::select(bad).prop_map(t),
        1 => Just(V::Blank),
        1 => (-5.0f64..50_000.0).prop_map(V::Num),
    ]
}

fn registration_row() -> impl Strategy<Value = Vec<V>> {
    (
        value(&["Chi bộ Văn phòng", "Chi bộ Thanh tra"], &["", "👍"]),
        value(&["TT", "CN", "Tập thể", "Cá nhân"], &["x", "#N/A", "TTCN"]),
        value(
            &["Một cửa", "Gần dân", "Đúng hẹn", "Sổ tay"],
            &["=1+1", "\u{7}"],
        ),
        value(&["Kinh tế", "VH-XH"], &["Thể thao"]),
        value(
            &["05/10/2018", "ngày 6 tháng 10 năm 2018", "2018-10-12"],
            &["32/10/2018", "29/02/1900", "31/12/9999", "mai"],
        ),
        value(&["2018", "2024"], &["hai nghìn"]),
    )
        .prop_map(|(a, b, c, d, e, f)| vec![a, b, c, d, e, f])
}

/// Findings that report a row without rejecting it.
const KEEPING: [Code; 4] = [
    Code::LateRegistration,
    Code::LateSelfAssessment,
    Code::UnregisteredModel,
    Code::MissingSelfAssessment,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_row_is_accepted_or_rejected_with_a_finding(
        rows in proptest::collection::vec(registration_row(), 0..25)
    ) {
        let header = ["Chi bộ", "Loại", "Tên mô hình", "Lĩnh vực", "Ngày đăng ký", "Năm"];
        let mut all = vec![header.iter().map(|h| t(h)).collect::<Vec<V>>()];
        all.extend(rows);
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let bytes = xlsx_bytes(&[SheetSpec::new("DS", all)])
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        std::fs::write(dir.path().join("a.xlsx"), bytes)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut options = CheckOptions::new(vec![dir.path().to_path_buf()]);
        options.as_of = NaiveDate::from_ymd_opt(2018, 10, 1).unwrap_or_default();
        let report = run(&options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let s = &report.summary;
        prop_assert_eq!(s.rows, s.rows_accepted + s.rows_rejected);
        let mut rejected: Vec<u32> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && !KEEPING.contains(&f.code))
            .filter_map(|f| f.row)
            .collect();
        rejected.sort_unstable();
        rejected.dedup();
        prop_assert_eq!(rejected.len(), s.rows_rejected, "{:?}", report.findings);
    }

    #[test]
    fn a_damaged_workbook_is_read_or_refused_never_a_crash(
        flips in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let sheet = SheetSpec::new("DS", vec![vec![t("Chi bộ"), t("Loại")], vec![t("Văn phòng"), t("TT")]]);
        let mut bytes = xlsx_bytes(&[sheet]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= byte | 1;
        }
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("hong.xlsx");
        std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Ok or a ReadError: either is fine, a panic or an abort is not.
        let _ = dvk::ingest::read::read_workbook(&path);
    }
}

/// Windows device names, which no file may be called, whatever its extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name made from a cell's name is one plain name, on every system.
fn assert_safe(name: &str) -> Result<(), TestCaseError> {
    let safe = dvk::templates::safe_file_name(name);
    prop_assert!(!safe.is_empty(), "{name:?} gives an empty name");
    prop_assert!(safe != "." && safe != "..", "{name:?} gives {safe:?}");
    prop_assert!(
        !safe.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
        "{safe:?}"
    );
    prop_assert!(!safe.chars().any(char::is_control), "{safe:?}");
    prop_assert!(!safe.ends_with(['.', ' ']), "{safe:?}");
    let base = safe.split('.').next().unwrap_or_default().trim_end();
    prop_assert!(
        !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(base)),
        "{name:?} gives the reserved name {safe:?}"
    );
    let components: Vec<_> = std::path::Path::new(&safe).components().collect();
    prop_assert_eq!(components.len(), 1, "{:?}", safe);
    prop_assert!(
        matches!(components[0], std::path::Component::Normal(_)),
        "{safe:?}"
    );
    Ok(())
}

proptest! {
    #[test]
    fn file_names_made_from_cell_names_are_safe(name in cell_text()) {
        assert_safe(&name)?;
    }
}

#[test]
fn file_names_refuse_traversal_and_device_names() {
    for name in [
        "../../etc/passwd",
        "..",
        ".",
        "",
        "CON",
        "nul.txt",
        "Com1 .xlsx",
        "lpt9",
        "a/b\\c:d",
        "Chi bộ\u{0}Văn phòng",
        "\u{202e}xslx.exe",
        "   ",
    ] {
        if let Err(e) = assert_safe(name) {
            panic!("{name:?}: {e}");
        }
    }
}
