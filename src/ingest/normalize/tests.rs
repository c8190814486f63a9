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
