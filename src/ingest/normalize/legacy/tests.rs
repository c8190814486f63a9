//! Tests of legacy detection and decoding, and of the text functions it relies on.

use super::*;
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
