//! Tests of sheet normalization: column by column, and the same whether the evidence was
//! gathered in blocks while reading or in one pass.

use bamboo_core::{encode_charset, Charset};

use super::legacy::{Evidence, Legacy};
use super::*;
use crate::sheet::{CellValue, Sheet};

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
            // Reads as Vietnamese as it stands, and nothing near it says otherwise (old
            // rows above it, none below, nothing else in its row): kept.
            "bé",
            "Email",
        ]
    );
}

/// The normalizing of a sheet as one pass over all its texts, without blocks: what
/// [`SheetEvidence`] must give however its blocks were gathered.
fn normalize_in_one_pass(sheet: &mut Sheet) -> Option<Legacy> {
    let width = sheet.width();
    let (mut columns, mut whole) = (vec![Evidence::default(); width], Evidence::default());
    let (mut own, mut clear) = (Vec::new(), Vec::new());
    for (r, row) in sheet.rows.iter().enumerate() {
        let mut verdicts = Vec::new();
        for (c, (cell, column)) in row.iter().zip(columns.iter_mut()).enumerate() {
            let found = match cell {
                CellValue::Text(text) => Evidence::of(text),
                _ => Evidence::default(),
            };
            column.add(&found);
            whole.add(&found);
            verdicts.push(found.decide());
            if let Some(side) = found.side() {
                clear.push((r, c, side));
            }
        }
        own.push(verdicts);
    }
    let whole = whole.decide();
    let columns: Vec<Option<Legacy>> = columns.iter().map(|c| c.decide().or(whole)).collect();
    let fonts = CellFonts::default();
    let clear = ClearCells::new(clear, &fonts);
    let mut converted = None;
    for (r, (row, verdicts)) in sheet.rows.iter_mut().zip(&own).enumerate() {
        for (c, ((cell, verdict), column)) in row.iter_mut().zip(verdicts).zip(&columns).enumerate()
        {
            if let CellValue::Text(raw) = cell {
                let around = Around {
                    column: *column,
                    ..clear.around(r, c, &fonts)
                };
                let legacy = verdict.or_else(|| encoding_of(raw, None, &around));
                converted = converted.or(normalize_text(raw, legacy));
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
        proptest::prop_assert_eq!(evidence.normalize(&mut sheet, &CellFonts::default()), expected_legacy);
        proptest::prop_assert_eq!(sheet, expected);
    }
}

// ---------------------------------------------------------------------------
// Clean Unicode text is never converted on the strength of other rows (issue 16, item 5).
// ---------------------------------------------------------------------------

fn tcvn3(s: &str) -> String {
    encode_charset(Charset::Tcvn3, s).into_owned()
}

fn vni(s: &str) -> String {
    encode_charset(Charset::VniWindows, s).into_owned()
}

/// A sheet of owned texts; "" is a blank cell.
fn sheet_of_strings(rows: &[Vec<String>]) -> Sheet {
    let cells = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|s| {
                    if s.is_empty() {
                        CellValue::Empty
                    } else {
                        CellValue::Text(s.clone())
                    }
                })
                .collect()
        })
        .collect();
    Sheet::from_rows("DS", cells)
}

fn texts_of(sheet: &Sheet, col: usize) -> Vec<String> {
    sheet
        .rows
        .iter()
        .map(|row| match row.get(col) {
            Some(CellValue::Text(t)) => t.clone(),
            _ => String::new(),
        })
        .collect()
}

/// Names that are Unicode with Latin-1 letters only: TCVN3 and VNI would read them as other
/// names ("Lờ Minh Tõm", "Ngơ Thanh Tâm").
const LATIN1_NAMES: [&str; 3] = ["Lê Minh Tâm", "Ngô Thanh Tâm", "Phan Thanh Hòa"];

const OLD_NAMES: [&str; 4] = [
    "Nguyễn Thị Hương",
    "Trần Văn Thắng",
    "Lê Thị Hồng",
    "Đặng Quốc Việt",
];

#[test]
fn latin1_names_under_old_rows_are_kept() {
    for encode in [tcvn3 as fn(&str) -> String, vni] {
        // A list of names only: the old rows above, the new ones at the end.
        let mut rows = vec![vec!["Họ và tên".to_string()]];
        rows.extend(OLD_NAMES.iter().map(|n| vec![encode(n)]));
        rows.extend(LATIN1_NAMES.iter().map(|n| vec![n.to_string()]));
        let mut sheet = sheet_of_strings(&rows);
        assert!(normalize_sheet(&mut sheet).is_some());
        let mut want = vec!["Họ và tên".to_string()];
        want.extend(OLD_NAMES.iter().chain(&LATIN1_NAMES).map(|n| n.to_string()));
        assert_eq!(texts_of(&sheet, 0), want);
    }
}

#[test]
fn old_and_new_rows_mixed_in_one_column_each_keep_their_own() {
    // Old rows in TCVN3, one of them a name that reads as Unicode too ("Lê Minh Tâm" is
    // what TCVN3 stores for "Lờ Minh Tõm"); then new rows in Unicode, some with letters
    // outside Latin-1, some without; then old rows again.
    let old = |name: &str, unit: &str| vec![tcvn3(name), tcvn3(unit), tcvn3("Cải cách hành chính")];
    let new = |name: &str, unit: &str| {
        vec![
            name.to_string(),
            unit.to_string(),
            "Cải cách hành chính".to_string(),
        ]
    };
    let rows = vec![
        new("Họ và tên", "Chi bộ"),
        old("Nguyễn Thị Hương", "Chi bộ Văn phòng"),
        old("Lờ Minh Tõm", "Chi bộ Văn phòng"),
        old("Trần Văn Thắng", "Chi bộ Khu phố 2"),
        new("Lê Minh Tâm", "Chi bộ Khu phố 3"),
        new("Đặng Quốc Việt", "Chi bộ Khu phố 3"),
        new("Ngô Thanh Tâm", "Chi bộ Khu phố 4"),
        new("Phan Thanh Hòa", "Chi bộ Khu phố 4"),
        old("Lê Thị Hồng", "Chi bộ Văn phòng"),
    ];
    let mut sheet = sheet_of_strings(&rows);
    assert_eq!(normalize_sheet(&mut sheet), Some(Legacy::Tcvn3));
    assert_eq!(
        texts_of(&sheet, 0),
        [
            "Họ và tên",
            "Nguyễn Thị Hương",
            "Lờ Minh Tõm",
            "Trần Văn Thắng",
            "Lê Minh Tâm",
            "Đặng Quốc Việt",
            "Ngô Thanh Tâm",
            "Phan Thanh Hòa",
            "Lê Thị Hồng",
        ]
    );
    assert_eq!(sheet.get(2, 1), &CellValue::Text("Chi bộ Văn phòng".into()));
}

#[test]
fn an_ambiguous_old_word_between_old_rows_is_decoded() {
    // "bé" is TCVN3 for "bộ": alone in its row, it follows the old rows around it.
    let rows = vec![
        vec![tcvn3("Chi bộ Văn phòng")],
        vec!["bé".to_string()],
        vec![tcvn3("Chi bộ Tài chính")],
    ];
    let mut sheet = sheet_of_strings(&rows);
    normalize_sheet(&mut sheet);
    assert_eq!(texts_of(&sheet, 0)[1], "bộ");
    // At the end of the list, with old rows above only, it reads as it stands.
    let mut sheet = sheet_of_strings(&rows[..2]);
    normalize_sheet(&mut sheet);
    assert_eq!(texts_of(&sheet, 0)[1], "bé");
}

#[test]
fn a_legacy_title_over_unicode_rows_converts_the_title_only() {
    let title = tcvn3("DANH SÁCH ĐĂNG KÝ MÔ HÌNH NĂM 2024");
    let mut rows = vec![
        vec![title.clone(), title.clone(), title],
        vec!["Họ và tên".into(), "Chi bộ".into(), "Lĩnh vực".into()],
    ];
    for name in LATIN1_NAMES {
        rows.push(vec![
            name.to_string(),
            "Chi bộ Khu phố 3".into(),
            "Kinh tế".into(),
        ]);
    }
    // A row whose only text reads as Vietnamese both ways, with nothing else to go by.
    rows.push(vec!["Lê Minh Tâm".into()]);
    let mut sheet = sheet_of_strings(&rows);
    assert_eq!(normalize_sheet(&mut sheet), Some(Legacy::Tcvn3));
    let names = texts_of(&sheet, 0);
    assert_eq!(names[0], "DANH SÁCH ĐĂNG KÝ MÔ HÌNH NĂM 2024");
    assert_eq!(&names[2..5], &LATIN1_NAMES);
    assert_eq!(names[5], "Lê Minh Tâm");
}

/// The sheet's texts normalized with the fonts given: every cell of `legacy_rows` in `font`.
fn normalized_with_fonts(rows: &[Vec<String>], legacy_rows: &[usize], font: Legacy) -> Sheet {
    let mut sheet = sheet_of_strings(rows);
    let mut fonts = CellFonts::known();
    for &r in legacy_rows {
        for c in 0..rows[r].len() {
            fonts.push(r, c, font);
        }
    }
    fonts.finish();
    SheetEvidence::default().normalize(&mut sheet, &fonts);
    sheet
}

#[test]
fn the_font_comes_first() {
    // A list typed in .VnTime, all of its names reading as Vietnamese both ways, then new
    // rows in Times New Roman: the font says which is which.
    let rows: Vec<Vec<String>> = ["Lê Minh Tâm", "Chi bé", "Ngô Thanh Tâm", "Lê Minh Tâm"]
        .iter()
        .map(|s| vec![s.to_string()])
        .collect();
    let sheet = normalized_with_fonts(&rows, &[0, 1], Legacy::Tcvn3);
    assert_eq!(
        texts_of(&sheet, 0),
        ["Lờ Minh Tõm", "Chi bộ", "Ngô Thanh Tâm", "Lê Minh Tâm"]
    );
    // The same in VNI-Times.
    let sheet = normalized_with_fonts(&rows, &[2], Legacy::Vni);
    assert_eq!(texts_of(&sheet, 0)[2], "Ngơ Thanh Tâm");
    // In a Unicode font, TCVN3 text with clear evidence is still decoded (pasted text takes
    // the font of the cell it is pasted into).
    let rows = vec![
        vec![tcvn3("Nguyễn Thị Hương")],
        vec!["Lê Minh Tâm".to_string()],
    ];
    let sheet = normalized_with_fonts(&rows, &[], Legacy::Tcvn3);
    assert_eq!(texts_of(&sheet, 0), ["Nguyễn Thị Hương", "Lê Minh Tâm"]);
}

#[test]
fn a_legacy_font_over_unicode_text_is_not_believed() {
    // A file converted to Unicode that kept its .VnTime: the texts with evidence of their
    // own are Unicode, so the font is not believed for the others either.
    let mut rows: Vec<Vec<String>> = OLD_NAMES.iter().map(|n| vec![n.to_string()]).collect();
    rows.extend(LATIN1_NAMES.iter().map(|n| vec![n.to_string()]));
    // One old TCVN3 row, so that the column leans nowhere in particular.
    rows.push(vec![tcvn3("Nguyễn Văn Tuấn")]);
    let all: Vec<usize> = (0..rows.len()).collect();
    let sheet = normalized_with_fonts(&rows, &all, Legacy::Tcvn3);
    let mut want: Vec<String> = OLD_NAMES
        .iter()
        .chain(&LATIN1_NAMES)
        .map(|n| n.to_string())
        .collect();
    want.push("Nguyễn Văn Tuấn".to_string());
    assert_eq!(texts_of(&sheet, 0), want);
}

#[test]
fn without_fonts_each_cell_is_judged_on_its_own_evidence_and_its_neighbours() {
    // What .xls and .ods give: no font. VNI old rows, Unicode new ones.
    let mut rows: Vec<Vec<String>> = OLD_NAMES.iter().map(|n| vec![vni(n)]).collect();
    rows.extend(LATIN1_NAMES.iter().map(|n| vec![n.to_string()]));
    rows.push(vec!["Nguyễn Văn Tuấn".to_string()]);
    let mut sheet = sheet_of_strings(&rows);
    assert_eq!(normalize_sheet(&mut sheet), Some(Legacy::Vni));
    let mut want: Vec<String> = OLD_NAMES
        .iter()
        .chain(&LATIN1_NAMES)
        .map(|n| n.to_string())
        .collect();
    want.push("Nguyễn Văn Tuấn".to_string());
    assert_eq!(texts_of(&sheet, 0), want);
}

#[test]
fn the_rule_takes_the_nearest_evidence_first() {
    use super::legacy::Side::{Legacy as Old, Unicode};
    let t = Legacy::Tcvn3;
    let around = |font, row, between, column| Around {
        font,
        row,
        between,
        column,
    };
    let ambiguous = "Lê Minh Tâm";
    // Its own evidence decides first.
    assert_eq!(encoding_of(ambiguous, Some(t), &Around::default()), Some(t));
    // Nothing legacy around: nothing to do.
    assert_eq!(encoding_of(ambiguous, None, &Around::default()), None);
    // A column verdict alone never converts a text that reads as Vietnamese...
    assert_eq!(
        encoding_of(ambiguous, None, &around(None, None, None, Some(t))),
        None
    );
    // ... but does convert one that does not ("Hä" is no syllable).
    assert_eq!(
        encoding_of("Hä", None, &around(None, None, None, Some(t))),
        Some(t)
    );
    // The font, then the row, then the rows around.
    let font_says = around(Some(Old(t)), Some(Unicode), Some(Unicode), None);
    assert_eq!(encoding_of(ambiguous, None, &font_says), Some(t));
    let row_says = around(None, Some(Unicode), Some(Old(t)), Some(t));
    assert_eq!(encoding_of(ambiguous, None, &row_says), None);
    let between = around(None, None, Some(Old(t)), None);
    assert_eq!(encoding_of(ambiguous, None, &between), Some(t));
    let unicode_font = around(Some(Unicode), Some(Old(t)), Some(Old(t)), Some(t));
    assert_eq!(encoding_of(ambiguous, None, &unicode_font), None);
}
