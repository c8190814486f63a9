//! Tests of legacy detection and decoding, and of sheet normalization.

use super::*;
use crate::ingest::normalize::*;
use crate::sheet::{CellValue, Sheet};
use crate::text::*;

#[test]
fn tcvn3_titles_in_capitals_stay_in_capitals() {
    let raw = encode_tcvn3_for_test("CHI BỘ VĂN PHÒNG");
    assert_eq!(decode_legacy(&raw, Legacy::Tcvn3), "CHI BỘ VĂN PHÒNG");
    let raw = encode_tcvn3_for_test("Bộ Tư pháp");
    assert_eq!(decode_legacy(&raw, Legacy::Tcvn3), "Bộ Tư pháp");
}

fn encode_tcvn3_for_test(s: &str) -> String {
    bamboo_core::encode_charset(bamboo_core::Charset::Tcvn3, s).into_owned()
}
use bamboo_core::encode_charset;

/// Real phrases from the forms, as Unicode.
const PHRASES: [&str; 15] = [
    "Chi bộ Văn phòng",
    "Đảng bộ Sở Tư pháp",
    "Danh sách tập thể và cá nhân đăng ký xây dựng mô hình “Dân vận khéo” năm 2018",
    "Nguyễn Thị Hương",
    "Phổ biến giáo dục pháp luật",
    "Cải cách hành chính",
    "Xây dựng hệ thống chính trị",
    "Quốc phòng – an ninh",
    "Trần Ngọc Minh",
    "Tập thể",
    "Cá nhân",
    "Ngày đăng ký",
    "Họ và tên",
    "Lĩnh vực",
    "Đồng Hới, ngày 12 tháng 10 năm 2018",
];

/// Short Unicode texts that look like legacy codes one character at a time.
const UNICODE_EXTRAS: [&str; 8] = [
    "bé",
    "pháp",
    "Hà Nội",
    "Email",
    "x",
    "05/10/2024",
    "TT",
    "CN",
];

fn encoded(legacy: Legacy) -> Vec<String> {
    PHRASES
        .iter()
        .map(|p| encode_charset(legacy.charset(), p).into_owned())
        .collect()
}

fn all_samples() -> Vec<String> {
    let mut all: Vec<String> = PHRASES
        .iter()
        .chain(&UNICODE_EXTRAS)
        .map(ToString::to_string)
        .collect();
    all.extend(encoded(Legacy::Tcvn3));
    all.extend(encoded(Legacy::Vni));
    all.extend(
        [
            "  Chi\u{a0}bộ \n Văn   phòng ",
            "Chi bo\u{323}\u{302}",
            "\u{feff}A\u{200b}\u{1}b\t",
            "İstanbul ð",
            "",
        ]
        .map(String::from),
    );
    all
}

#[test]
fn legacy_round_trips() {
    for legacy in Legacy::ALL {
        let group = encoded(legacy);
        assert_eq!(
            detect_legacy(group.iter().map(String::as_str)),
            Some(legacy),
            "{legacy}"
        );
        for (text, phrase) in group.iter().zip(PHRASES) {
            assert_eq!(decode_legacy(text, legacy), phrase, "{legacy}: {text:?}");
        }
    }
}

#[test]
fn a_single_text_is_never_taken_for_the_other_encoding() {
    for legacy in Legacy::ALL {
        for text in encoded(legacy) {
            let detected = detect_legacy([text.as_str()]);
            assert_ne!(
                detected,
                Legacy::ALL.into_iter().find(|&l| l != legacy),
                "{text:?}"
            );
        }
    }
}

#[test]
fn literal_mojibake_decodes() {
    assert_eq!(detect_legacy(["Chi bé V¨n phßng"]), Some(Legacy::Tcvn3));
    assert_eq!(
        decode_legacy("Chi bé V¨n phßng", Legacy::Tcvn3),
        "Chi bộ Văn phòng"
    );
    assert_eq!(
        decode_legacy("§¶ng bé Së T\u{ad} ph¸p", Legacy::Tcvn3),
        "Đảng bộ Sở Tư pháp"
    );
    assert_eq!(
        decode_legacy("Danh s¸ch ®¨ng ký", Legacy::Tcvn3),
        "Danh sách đăng ký"
    );
    assert_eq!(detect_legacy(["tieáng Vieät"]), Some(Legacy::Vni));
    assert_eq!(decode_legacy("tieáng Vieät", Legacy::Vni), "tiếng Việt");
    assert_eq!(
        decode_legacy("Chi boä Vaên phoøng", Legacy::Vni),
        "Chi bộ Văn phòng"
    );
    assert_eq!(decode_legacy("Ñaûng boä", Legacy::Vni), "Đảng bộ");
}

#[test]
fn one_word_with_a_legacy_only_mark_is_enough() {
    assert_eq!(detect_legacy(["Nam", "N÷", "Nam"]), Some(Legacy::Tcvn3));
}

#[test]
fn unicode_texts_are_not_legacy() {
    let group: Vec<&str> = PHRASES.iter().chain(&UNICODE_EXTRAS).copied().collect();
    assert_eq!(detect_legacy(group.iter().copied()), None);
    for text in &group {
        assert_eq!(detect_legacy([*text]), None, "{text:?}");
    }
    let more = [
        "Ủy ban nhân dân",
        "Lê Văn Tám",
        "Hoà bình",
        "hoá đơn",
        "Tô Hoài",
        "Café",
        "Müller",
    ];
    assert_eq!(detect_legacy(more), None);
    for text in more {
        assert_eq!(detect_legacy([text]), None, "{text:?}");
    }
}

#[test]
fn ascii_and_empty_groups_are_not_legacy() {
    assert_eq!(
        detect_legacy(["Chi bo Van phong", "Ho va ten", "05/10/2024", "TT"]),
        None
    );
    assert_eq!(detect_legacy(Vec::<&str>::new()), None);
    assert_eq!(detect_legacy([""]), None);
}

#[test]
fn one_ambiguous_word_is_no_evidence() {
    // "bé" is "bộ" in TCVN3, but also a Unicode word.
    assert_eq!(detect_legacy(["Chi bé"]), None);
}

#[test]
fn unicode_cell_in_a_legacy_group_stays_intact() {
    let mut group = encoded(Legacy::Tcvn3);
    group.insert(3, "Nguyễn Thị Hương".to_string());
    assert_eq!(
        detect_legacy(group.iter().map(String::as_str)),
        Some(Legacy::Tcvn3)
    );
    assert_eq!(decode_legacy(&group[3], Legacy::Tcvn3), "Nguyễn Thị Hương");
    assert_eq!(decode_legacy(&group[0], Legacy::Tcvn3), "Chi bộ Văn phòng");

    let mut group = encoded(Legacy::Vni);
    group.push("Chi bộ Văn phòng".to_string());
    assert_eq!(
        detect_legacy(group.iter().map(String::as_str)),
        Some(Legacy::Vni)
    );
    // No letter outside Latin-1, but decoding would break "công".
    assert_eq!(decode_legacy("công an", Legacy::Vni), "công an");
    // NFD Unicode is Unicode too.
    assert_eq!(
        decode_legacy("Chi bo\u{323}\u{302}", Legacy::Tcvn3),
        "Chi bộ"
    );
}

#[test]
fn decode_of_plain_text_only_cleans() {
    assert_eq!(decode_legacy("  Email \n", Legacy::Vni), "Email");
    assert_eq!(decode_legacy("", Legacy::Tcvn3), "");
}

#[test]
fn clean_normalizes_space_and_composition() {
    let nfd = "Chi bo\u{323}\u{302}";
    assert_ne!(nfd, "Chi bộ");
    assert_eq!(clean(nfd), "Chi bộ");
    assert_eq!(clean("  Chi\u{a0}bộ \n Văn   phòng "), "Chi bộ Văn phòng");
    assert_eq!(clean("Chi\r\nbộ\u{2028}Văn\tphòng"), "Chi bộ Văn phòng");
    assert_eq!(clean("\u{feff}Chi\u{200b} bộ\u{7}"), "Chi bộ");
    // A zero-width space between a letter and its mark does not block NFC.
    assert_eq!(clean("bo\u{200b}\u{323}\u{302}"), "bộ");
    assert_eq!(clean(" \t\n"), "");
}

#[test]
fn fold_examples() {
    assert_eq!(fold("Chi bộ  VĂN PHÒNG"), "chi bo van phong");
    assert_eq!(fold("Ngày\nđăng ký"), "ngay dang ky");
    assert_eq!(fold("ĐẢNG BỘ"), "dang bo");
    assert_eq!(fold("TÊN MÔ HÌNH, ĐIỂN HÌNH"), "ten mo hinh dien hinh");
    assert_eq!(fold("Chi bo\u{323}\u{302}"), fold("Chi bộ"));
    assert_eq!(fold("“Dân vận khéo” (2018)"), "dan van kheo 2018");
    assert_eq!(fold_compact("Họ và tên"), "hovaten");
    assert_eq!(fold_compact("Ngày ĐK"), "ngaydk");
    assert_eq!(fold_compact("NgàyĐK"), "ngaydk");
    assert_eq!(fold(" - / "), "");
}

#[test]
fn normalization_is_idempotent() {
    for text in all_samples() {
        let cleaned = clean(&text);
        assert_eq!(clean(&cleaned), cleaned, "{text:?}");
        let folded = fold(&text);
        assert_eq!(fold(&folded), folded, "{text:?}");
        assert_eq!(fold(&cleaned), folded, "{text:?}");
        assert_eq!(fold_compact(&folded), fold_compact(&text), "{text:?}");
    }
}

#[test]
fn syllable_check_accepts_vietnamese_and_rejects_mojibake() {
    let words = PHRASES
        .iter()
        .flat_map(|p| words(p))
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()));
    for word in words {
        assert!(is_syllable(word), "{word:?}");
    }
    for word in [
        "Quỳnh",
        "khuya",
        "giường",
        "nghiêng",
        "xoong",
        "Ủy",
        "quýt",
        "gìn",
        "thuở",
        "hoá",
    ] {
        assert!(is_syllable(word), "{word:?}");
    }
    for word in [
        "V¨n", "phßng", "tieáng", "Vieät", "boä", "Ñaûng", "cơng", "Email", "cáp", "các", "cãc",
        "kẻ", "ce", "ngi", "ky",
    ] {
        let expected = matches!(word, "cáp" | "các" | "kẻ" | "ky");
        assert_eq!(is_syllable(word), expected, "{word:?}");
    }
}

#[test]
fn capitals_are_detected_too() {
    for legacy in Legacy::ALL {
        let text = encode_charset(legacy.charset(), "ĐẢNG BỘ SỞ TƯ PHÁP");
        assert_eq!(detect_legacy([text.as_ref()]), Some(legacy), "{text:?}");
        // TCVN3 has no codes of its own for toned capitals: a text in capitals is
        // decoded in capitals throughout.
        assert_eq!(decode_legacy(&text, legacy), "ĐẢNG BỘ SỞ TƯ PHÁP");
    }
}

#[test]
fn odd_input_does_not_panic() {
    let pool: Vec<char> = "aeoyuđĐ¨©ª«¬®\u{ad}¸µ¶·¹§ßÞñÑäöüøùûõïâê ôá\u{300}\u{301}\u{302}\u{323}\u{31b}\u{200b}\u{feff}\u{0}\n\t“”–-/.İ𝔸"
        .chars()
        .collect();
    let mut seed: u64 = 0x2018;
    for _ in 0..2000 {
        let len = (seed % 12) as usize;
        let text: String = (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                pool[(seed >> 33) as usize % pool.len()]
            })
            .collect();
        let _ = detect_legacy([text.as_str()]);
        for legacy in Legacy::ALL {
            let decoded = decode_legacy(&text, legacy);
            assert_eq!(clean(&decoded), decoded, "{text:?}");
        }
        let folded = fold(&text);
        assert_eq!(fold(&folded), folded, "{text:?}");
    }
}

fn sheet_of(rows: &[&[&str]]) -> Sheet {
    let cells = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|s| CellValue::Text((*s).to_string()))
                .collect()
        })
        .collect();
    Sheet::from_rows("DS", cells)
}

#[test]
fn unicode_sheet_is_only_cleaned() {
    let mut sheet = sheet_of(&[
        &["STT", "Họ và tên", "Chi bộ"],
        &["1", " Nguyễn Thị\u{a0}Hương ", "Chi bộ Văn phòng"],
        &["2", "Trần Ngọc Minh", "bé"],
    ]);
    sheet.rows[2].push(CellValue::Number(3.0));
    assert_eq!(normalize_sheet(&mut sheet), None);
    assert_eq!(sheet.get(1, 1), &CellValue::Text("Nguyễn Thị Hương".into()));
    assert_eq!(sheet.get(2, 2), &CellValue::Text("bé".into()));
    assert_eq!(sheet.get(2, 3), &CellValue::Number(3.0));
}

#[test]
fn legacy_sheet_is_decoded_column_by_column() {
    let tcvn3 = |s: &str| encode_charset(Charset::Tcvn3, s).into_owned();
    let vni = |s: &str| encode_charset(Charset::VniWindows, s).into_owned();
    let rows = [
        ["Họ và tên".to_string(), "Lĩnh vực".to_string()],
        [tcvn3("Trần Ngọc Minh"), vni("Cải cách hành chính")],
        [tcvn3("Nguyễn Thị Hương"), vni("Quốc phòng – an ninh")],
        ["bé".to_string(), "Email".to_string()],
    ];
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let mut sheet = sheet_of(&rows);
    assert!(normalize_sheet(&mut sheet).is_some());
    let texts: Vec<&str> = sheet.texts().collect();
    assert_eq!(
        texts,
        [
            "Họ và tên",
            "Lĩnh vực",
            "Trần Ngọc Minh",
            "Cải cách hành chính",
            "Nguyễn Thị Hương",
            "Quốc phòng – an ninh",
            "bộ",
            "Email",
        ]
    );
}

/// The normalizing of a sheet as one pass over all its texts, without blocks: what
/// [`SheetEvidence`] must give however its blocks were gathered.
fn normalize_in_one_pass(sheet: &mut Sheet) -> Option<Legacy> {
    let width = sheet.width();
    let (mut columns, mut whole) = (vec![Evidence::default(); width], Evidence::default());
    let mut own = Vec::new();
    for row in &sheet.rows {
        let mut verdicts = Vec::new();
        for (cell, column) in row.iter().zip(columns.iter_mut()) {
            let found = match cell {
                CellValue::Text(text) => Evidence::of(text),
                _ => Evidence::default(),
            };
            column.add(&found);
            whole.add(&found);
            verdicts.push(found.decide());
        }
        own.push(verdicts);
    }
    let whole = whole.decide();
    let columns: Vec<Option<Legacy>> = columns.iter().map(|c| c.decide().or(whole)).collect();
    let mut converted = None;
    for (row, verdicts) in sheet.rows.iter_mut().zip(&own) {
        for ((cell, verdict), column) in row.iter_mut().zip(verdicts).zip(&columns) {
            if let CellValue::Text(raw) = cell {
                converted = converted.or(normalize_text(raw, verdict.or(*column)));
            }
        }
    }
    converted
}

/// A sheet as reading leaves it (no blank cell ends a row) from a pool of Unicode,
/// TCVN3 and VNI texts, unclean ones and numbers; `legacy_rows` of its rows are in TCVN3.
fn mixed_sheet(seed: u64, rows: usize, legacy_rows: usize) -> Sheet {
    let unicode = [
        "Chi bộ Văn phòng",
        "Nguyễn Thị Hương",
        " Cải cách  hành chính ",
        "Chi bo\u{323}\u{302} Ta\u{300}i chi\u{301}nh",
        "bé",
        "Tập thể",
        "x",
        "  ",
    ];
    let tcvn3 = |s: &str| encode_charset(Charset::Tcvn3, s).into_owned();
    let vni = |s: &str| encode_charset(Charset::VniWindows, s).into_owned();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut sheet = Sheet::from_rows("DS", Vec::new());
    for r in 0..rows {
        let mut row: Vec<CellValue> = (0..rng.usize(0..6))
            .map(|_| {
                let text = unicode[rng.usize(..unicode.len())];
                match rng.u8(0..10) {
                    0 => CellValue::Number(1.0),
                    1 => CellValue::Empty,
                    2 => CellValue::Text(vni(text)),
                    3 | 4 if r < legacy_rows => CellValue::Text(tcvn3(text)),
                    _ => CellValue::Text(text.to_string()),
                }
            })
            .collect();
        while row.last().is_some_and(CellValue::is_empty) {
            row.pop();
        }
        sheet.rows.push(row);
    }
    sheet
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Blocks gathered while reading, some forgotten, some rows changed after gathering
    /// (and forgotten): the sheet comes out as one pass over it would leave it.
    #[test]
    fn evidence_gathered_in_blocks_normalizes_as_one_pass(
        seed in 0u64..1_000_000,
        rows in 0usize..1_700,
        legacy_rows in proptest::prop_oneof![proptest::strategy::Just(0usize), 0usize..1_700],
        gathered in 0usize..1_800,
        changed in proptest::collection::vec((0usize..1_700, 0usize..6, 0usize..2), 0..4),
        forgotten in proptest::collection::vec((0usize..1_700, 0usize..600), 0..3),
    ) {
        let mut sheet = mixed_sheet(seed, rows, legacy_rows);
        let mut evidence = SheetEvidence::default();
        evidence.gather_before(&sheet.rows, gathered);
        // A TCVN3 text with evidence of its own, or a Unicode text to clean.
        let texts = [
            encode_charset(Charset::Tcvn3, "Nguyễn Thị Hương").into_owned(),
            " Nguyễn  Thị Hương".to_string(),
        ];
        for (row, col, text) in changed {
            if let Some(cells) = sheet.rows.get_mut(row) {
                if cells.len() <= col {
                    cells.resize(col + 1, CellValue::Empty);
                }
                cells[col] = CellValue::Text(texts[text].clone());
                evidence.forget(row..=row);
            }
        }
        for (start, length) in forgotten {
            evidence.forget(start..=start + length);
        }
        let mut expected = sheet.clone();
        let expected_legacy = normalize_in_one_pass(&mut expected);
        proptest::prop_assert_eq!(evidence.normalize(&mut sheet), expected_legacy);
        proptest::prop_assert_eq!(sheet, expected);
    }
}

#[test]
fn profiles_come_from_the_tables() {
    for c in [
        '¨', '©', 'ª', '«', '¬', '®', '\u{ad}', '¸', 'µ', '¶', '·', '¹', '§', 'ß', 'Þ',
    ] {
        assert!(TCVN3.only_chars.contains(c), "{c:?}");
    }
    for c in ['é', 'á', 'ê', 'ô'] {
        assert!(!TCVN3.only_chars.contains(c), "{c:?}");
    }
    assert!(VNI.only_chars.contains('ñ') && VNI.only_chars.contains('Ñ'));
    assert!(VNI.only_pairs.contains(&('a', 'ù')) && VNI.only_pairs.contains(&('e', 'ä')));
    assert!(!VNI.only_pairs.contains(&('o', 'á')));
    assert!(!has_legacy_marks("Hoá học, hoàn thành", Legacy::Vni));
}
