//! The merged regions and hidden rows of an .xlsx worksheet, read from its XML structure.
//!
//! calamine gives a sheet's merged regions by parsing the whole worksheet part a second time
//! and building every event; dvk reads the part once more with quick-xml itself, streaming,
//! and looks at two elements only: `<row>` (for `hidden`) and `<mergeCell>` (for `ref`).
//! Everything else, cells included, is passed over as the reader finds it. Comments, CDATA
//! sections and processing instructions are not markup: a `<mergeCells>` written inside one
//! is text, and merges nothing (a byte search for the tag, which this replaced, took it for
//! real and filled a blank cell). The part is never held whole.

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader, Read};

/// Bytes of the part inflated and parsed at a time.
const CHUNK: usize = 64 * 1024;

/// What the scan of a worksheet part finds besides its cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Scan {
    /// The merged regions.
    pub(super) merges: Vec<Dimensions>,
    /// The rows hidden in Excel (0-based), from `<row r="N" hidden="1">`.
    pub(super) hidden_rows: Vec<usize>,
}

/// The merged regions and hidden rows of a worksheet part, given its inflated bytes as a
/// stream.
///
/// A region whose reference cannot be read is left out; a part without `<mergeCell>` has
/// none. A row without `r` follows the one before it, as calamine numbers it. The XML is read
/// up to its end or to its first error: what was found before an error is kept (calamine
/// reports a part broken within its cells as unreadable; one broken after them still has its
/// cells read). An I/O error (a part whose bytes do not inflate) is returned.
pub(super) fn scan(part: impl Read) -> std::io::Result<Scan> {
    scan_buffered(BufReader::with_capacity(CHUNK, part))
}

fn scan_buffered(part: impl BufRead) -> std::io::Result<Scan> {
    let mut reader = quick_xml::Reader::from_reader(part);
    // End tags are not matched against their start: the reader only needs to find elements.
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    let mut scan = Scan::default();
    // The 0-based row a `<row>` without `r` is, as calamine counts it.
    let mut row = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "row" => {
                    row = row_number(&e).unwrap_or(row);
                    if is_hidden(&e) {
                        scan.hidden_rows.push(row);
                    }
                }
                "mergeCell" => scan.merges.extend(merge_ref(&e)),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                // An empty row holds no cell and does not move calamine's count.
                "row" => {
                    if let Some(row) = row_number(&e).filter(|_| is_hidden(&e)) {
                        scan.hidden_rows.push(row);
                    }
                }
                "mergeCell" => scan.merges.extend(merge_ref(&e)),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "row" => row = row.saturating_add(1),
            Ok(Event::Eof) => break,
            Err(quick_xml::Error::Io(e)) => {
                return Err(std::io::Error::new(e.kind(), e.to_string()))
            }
            Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    scan.hidden_rows.sort_unstable();
    scan.hidden_rows.dedup();
    Ok(scan)
}

/// The value of one attribute of `element`, unescaped; `None` when absent or unreadable.
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let found = element.try_get_attribute(name).ok().flatten()?;
    let value = quick_xml::escape::unescape(&found.value).ok()?;
    Some(value.into_owned())
}

/// The 0-based row of a `<row r="N">`.
fn row_number(element: &BytesStart<'_>) -> Option<usize> {
    attribute(element, "r")?
        .trim()
        .parse::<usize>()
        .ok()?
        .checked_sub(1)
}

/// `hidden="1"` or `hidden="true"`.
fn is_hidden(element: &BytesStart<'_>) -> bool {
    attribute(element, "hidden").is_some_and(|v| matches!(v.trim(), "1" | "true"))
}

/// The region of a `<mergeCell ref="…">`.
fn merge_ref(element: &BytesStart<'_>) -> Option<Dimensions> {
    parse_range(&attribute(element, "ref")?)
}

/// An A1-style range ("B2:D3", "$A$1:$C$1", or one cell "E5") as 0-based (row, column)
/// corners, the top-left first.
///
/// ```text
/// "B2:D3" → (1, 1)..(2, 3)
/// ```
fn parse_range(range: &str) -> Option<Dimensions> {
    let (first, last) = range.split_once(':').unwrap_or((range, range));
    let (a, b) = (parse_cell(first)?, parse_cell(last)?);
    Some(Dimensions::new(
        (a.0.min(b.0), a.1.min(b.1)),
        (a.0.max(b.0), a.1.max(b.1)),
    ))
}

/// The largest row and column numbers Excel has (1-based).
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

/// One A1-style cell reference ("C7", "$C$7") as a 0-based (row, column).
fn parse_cell(reference: &str) -> Option<(u32, u32)> {
    let rest = reference.strip_prefix('$').unwrap_or(reference);
    let (letters, rest) = rest.split_at(rest.bytes().take_while(u8::is_ascii_alphabetic).count());
    let digits = rest.strip_prefix('$').unwrap_or(rest);
    if !(1..=3).contains(&letters.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = letters.bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row: u32 = digits.parse().ok()?;
    ((1..=EXCEL_ROWS).contains(&row) && column <= EXCEL_COLUMNS).then(|| (row - 1, column - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan of `xml` read `chunk` bytes at a time.
    fn scan_by_chunks(xml: &[u8], chunk: usize) -> std::io::Result<Scan> {
        scan_buffered(BufReader::with_capacity(chunk, xml))
    }

    fn regions(xml: &str, chunk: usize) -> Vec<((u32, u32), (u32, u32))> {
        scan_by_chunks(xml.as_bytes(), chunk)
            .expect("in memory")
            .merges
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect()
    }

    const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCells &lt;mergeCells&gt; text</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="$B$3:$B$4"/></mergeCells><pageMargins left="0.7"/></worksheet>"#;

    #[test]
    fn regions_are_read_after_the_cells_whatever_the_chunk_size() {
        for chunk in [1, 2, 7, 10, 11, 12, 13, 50, 64 * 1024] {
            assert_eq!(
                regions(SHEET, chunk),
                vec![((0, 0), (0, 5)), ((2, 1), (3, 1))],
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn hidden_rows_are_found_whatever_the_chunk_size() {
        let xml = r#"<worksheet><sheetData><row r="1"><c/></row><row r="3" spans="1:4" hidden="1"><c/></row><x:row hidden='true' r="12"/><row r="4" hidden="0"/><col hidden="1"/></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
        for chunk in [1, 2, 5, 9, 16, 33, 1024] {
            let scan = scan_by_chunks(xml.as_bytes(), chunk).expect("in memory");
            assert_eq!(scan.hidden_rows, vec![2, 11], "chunk {chunk}");
            assert_eq!(scan.merges.len(), 1, "chunk {chunk}");
        }
    }

    #[test]
    fn comments_cdata_and_processing_instructions_are_not_markup() {
        let xml = r#"<?xml version="1.0"?><worksheet><sheetData><!-- <row r="2" hidden="1"/> --><row r="3"><c r="A3" t="inlineStr"><is><t><![CDATA[<mergeCells><mergeCell ref="A1:C3"/></mergeCells>]]></t></is></c></row></sheetData><!--<mergeCells count="1"><mergeCell ref="A1:D9"/></mergeCells>--><?dvk <mergeCells><mergeCell ref="B1:B9"/></mergeCells>?><mergeCells count="1"><mergeCell ref="E1:F1"/><!-- <mergeCell ref="G1:H1"/> --></mergeCells></worksheet>"#;
        for chunk in [1, 2, 7, 64, 1024] {
            let scan = scan_by_chunks(xml.as_bytes(), chunk).expect("in memory");
            assert_eq!(
                scan.merges
                    .iter()
                    .map(|d| (d.start, d.end))
                    .collect::<Vec<_>>(),
                vec![((0, 4), (0, 5))],
                "chunk {chunk}"
            );
            assert!(scan.hidden_rows.is_empty(), "chunk {chunk}");
        }
    }

    #[test]
    fn rows_without_a_number_follow_the_one_before() {
        let xml = r#"<worksheet><sheetData><row r="4"><c/></row><row hidden="1"><c/></row><row/><row hidden="true"></row></sheetData></worksheet>"#;
        let scan = scan_by_chunks(xml.as_bytes(), 16).expect("in memory");
        assert_eq!(scan.hidden_rows, vec![4, 5]);
    }

    #[test]
    fn a_part_broken_after_its_merges_keeps_them() {
        let xml =
            r#"<worksheet><mergeCells><mergeCell ref="A1:B1"/></mergeCells><a b="></worksheet>"#;
        assert_eq!(regions(xml, 8), vec![((0, 0), (0, 1))]);
    }

    #[test]
    fn a_namespace_prefix_is_allowed() {
        let xml = r#"<x:worksheet xmlns:x="urn:main"><x:sheetData/><x:mergeCells count="1"><x:mergeCell ref="C2:D5"/></x:mergeCells></x:worksheet>"#;
        for chunk in [1, 3, 16, 1024] {
            assert_eq!(regions(xml, chunk), vec![((1, 2), (4, 3))]);
        }
    }

    #[test]
    fn no_merged_regions_and_unreadable_ones_give_nothing() {
        assert!(regions("<worksheet><sheetData/></worksheet>", 8).is_empty());
        assert!(regions(r#"<worksheet><mergeCells count="0"/></worksheet>"#, 8).is_empty());
        let xml = r#"<mergeCells><mergeCell ref="A0:B2"/><mergeCell ref="1A"/><mergeCell ref="A1:B2"/><mergeCell/></mergeCells>"#;
        assert_eq!(regions(xml, 5), vec![((0, 0), (1, 1))]);
        // A cut-off part: the regions before the cut are kept.
        assert_eq!(
            regions(r#"<mergeCells><mergeCell ref="A1:B2"/><mergeCe"#, 4),
            vec![((0, 0), (1, 1))]
        );
    }

    #[test]
    fn longer_names_are_not_the_container() {
        let xml = r#"<worksheet><mergeCellsExtra/><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>"#;
        assert_eq!(regions(xml, 6), vec![((0, 0), (1, 0))]);
    }

    #[test]
    fn ranges_are_read_as_excel_writes_them() {
        let range = |s| parse_range(s).map(|d| (d.start, d.end));
        assert_eq!(range("A1"), Some(((0, 0), (0, 0))));
        assert_eq!(range("b2:d3"), Some(((1, 1), (2, 3))));
        assert_eq!(range("D3:B2"), Some(((1, 1), (2, 3))));
        assert_eq!(
            range("XFD1048576"),
            Some(((1_048_575, 16_383), (1_048_575, 16_383)))
        );
        for bad in [
            "", ":", "A", "1", "XFE1", "A1048577", "AAAA1", "A-1", "A1:", "Ă1", "$$A1",
        ] {
            assert_eq!(range(bad), None, "{bad}");
        }
    }

    proptest! {
        /// Every cell reference rust_xlsxwriter writes is read back to its row and column.
        #[test]
        fn cell_references_round_trip(row in 0u32..EXCEL_ROWS, col in 0u16..16_384) {
            let a1 = rust_xlsxwriter::row_col_to_cell(row, col);
            prop_assert_eq!(parse_cell(&a1), Some((row, u32::from(col))));
            let absolute = rust_xlsxwriter::row_col_to_cell_absolute(row, col);
            prop_assert_eq!(parse_cell(&absolute), Some((row, u32::from(col))));
        }

        /// Any split of the part into chunks finds the same regions.
        #[test]
        fn chunking_never_changes_the_regions(chunk in 1usize..200, filler in "([a-z<>/ ]|mergeCells){0,80}") {
            let xml = format!(
                r#"<worksheet><sheetData>{}</sheetData><mergeCells><mergeCell ref="A1:C1"/><mergeCell ref="B5:B9"/></mergeCells></worksheet>"#,
                filler.replace('<', "&lt;")
            );
            prop_assert_eq!(regions(&xml, chunk), vec![((0, 0), (0, 2)), ((4, 1), (8, 1))]);
        }
    }
}
