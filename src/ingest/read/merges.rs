//! The merged regions of an .xlsx worksheet, found without parsing its cells again.
//!
//! calamine gives a sheet's merged regions by parsing the whole worksheet part a second time,
//! event by event, to reach `<mergeCells>` at its end: 16 µs of the ≈140 µs a cell's form costs,
//! and 250 ms of CPU on a consolidated workbook of 100,000 rows. The schema puts `<mergeCells>`
//! after `<sheetData>`, and XML never has a raw `<` inside text or attribute values, so the
//! element is found by looking for its tag in the inflated bytes (memchr's `memmem`, gigabytes a
//! second), and only the bytes from that tag on are parsed, with quick-xml.

use calamine::Dimensions;
use std::io::Read;

/// The element holding the merged regions, after the cells.
const CONTAINER: &[u8] = b"mergeCells";

/// The longest namespace prefix looked back over (`<x:mergeCells>`); generators use one or two
/// letters.
const MAX_PREFIX: usize = 32;

/// Bytes of the part inflated and searched at a time.
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
/// The stream is searched a chunk at a time, so a part of any size is never held whole. A
/// region whose reference cannot be read is left out; a part without `<mergeCells>` has none.
/// A hidden row is found the same way, by its attribute (`hidden="1"`, rare: a part without it
/// costs one more search of the bytes), then its row tag is read.
pub(super) fn scan(part: impl Read) -> std::io::Result<Scan> {
    scan_by_chunks(part, CHUNK)
}

fn scan_by_chunks(mut part: impl Read, chunk: usize) -> std::io::Result<Scan> {
    let finder = memchr::memmem::Finder::new(CONTAINER);
    let hidden = memchr::memmem::Finder::new(HIDDEN);
    // Enough of the previous chunk is kept to see a tag cut in two by the chunk boundary.
    let keep = CONTAINER.len() + MAX_PREFIX + 2;
    let mut buffer = Vec::with_capacity(chunk + keep);
    let mut scan = Scan::default();
    // Where the search for hidden rows goes on from, in `buffer`.
    let mut searched = 0;
    loop {
        let read = (&mut part).take(chunk as u64).read_to_end(&mut buffer)?;
        let at_end = read == 0;
        let found = find_container(&finder, &buffer, at_end);
        let end = found.unwrap_or(buffer.len());
        searched = hidden_rows(
            &hidden,
            &buffer[..end],
            searched,
            at_end || found.is_some(),
            &mut scan.hidden_rows,
        );
        if let Some(start) = found {
            let mut tail = buffer.split_off(start);
            part.read_to_end(&mut tail)?;
            scan.merges = parse_container(&tail);
            scan.hidden_rows.sort_unstable();
            scan.hidden_rows.dedup();
            return Ok(scan);
        }
        if at_end {
            scan.hidden_rows.sort_unstable();
            scan.hidden_rows.dedup();
            return Ok(scan);
        }
        let drop = buffer.len().saturating_sub(keep).min(searched);
        buffer.drain(..drop);
        searched -= drop;
    }
}

/// The attribute of a hidden row.
const HIDDEN: &[u8] = b"hidden=";

/// The longest row tag looked at: `<row r="…" spans="…" s="…" customFormat="1" ht="…"
/// customHeight="1" hidden="1" …>` is well under it.
const MAX_ROW_TAG: usize = 1024;

/// Finds the hidden rows of `bytes` from `from` on; returns where the search stopped (a row tag
/// not yet complete is left for the next chunk, unless `complete`).
fn hidden_rows(
    finder: &memchr::memmem::Finder<'_>,
    bytes: &[u8],
    from: usize,
    complete: bool,
    rows: &mut Vec<usize>,
) -> usize {
    let mut at = from;
    while let Some(found) = bytes.get(at..).and_then(|rest| finder.find(rest)) {
        let p = at + found;
        let Some(lt) = memchr::memrchr(b'<', &bytes[p.saturating_sub(MAX_ROW_TAG)..p])
            .map(|i| i + p.saturating_sub(MAX_ROW_TAG))
        else {
            at = p + 1;
            continue;
        };
        let Some(gt) = memchr::memchr(b'>', &bytes[p..]).map(|i| i + p) else {
            return if complete { bytes.len() } else { lt };
        };
        if let Some(row) = hidden_row(&bytes[lt..=gt]) {
            rows.push(row);
        }
        at = gt + 1;
    }
    // The attribute's name cut by the chunk's end is searched again with the next chunk.
    if complete {
        bytes.len()
    } else {
        bytes
            .len()
            .saturating_sub(HIDDEN.len())
            .max(at.min(bytes.len()))
    }
}

/// The 0-based row of a row tag that says it is hidden: `<row r="8" hidden="1">`,
/// `<x:row hidden='true' r="8">`.
fn hidden_row(tag: &[u8]) -> Option<usize> {
    let tag = std::str::from_utf8(tag).ok()?;
    let name_end = tag.find(|c: char| c.is_ascii_whitespace())?;
    let name = &tag[1..name_end];
    if name != "row" && !name.ends_with(":row") {
        return None;
    }
    let attribute = |key: &str| {
        let at = tag.find(&format!(" {key}="))? + key.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(&rest[..rest.find(quote)?])
    };
    matches!(attribute("hidden")?, "1" | "true").then_some(())?;
    let row: usize = attribute("r")?.parse().ok()?;
    row.checked_sub(1)
}

/// Where the first `<mergeCells` tag (with or without a namespace prefix) starts in `bytes`.
/// A match whose next byte is not there yet is left for the next chunk, unless the part ends.
fn find_container(
    finder: &memchr::memmem::Finder<'_>,
    bytes: &[u8],
    at_end: bool,
) -> Option<usize> {
    for at in finder.find_iter(bytes) {
        let after = at + CONTAINER.len();
        match bytes.get(after) {
            Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') => {}
            None if at_end => {}
            None => return None,
            Some(_) => continue,
        }
        if let Some(start) = tag_start(&bytes[..at]) {
            return Some(start);
        }
    }
    None
}

/// The position of the `<` opening a tag whose name ends where `before` ends: `<` right
/// there, or `<prefix:`.
fn tag_start(before: &[u8]) -> Option<usize> {
    match before.split_last()? {
        (b'<', _) => Some(before.len() - 1),
        (b':', rest) => {
            let name = rest
                .iter()
                .rev()
                .take(MAX_PREFIX)
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                .count();
            let lt = rest.len().checked_sub(name + 1)?;
            (name > 0 && rest[lt] == b'<').then_some(lt)
        }
        _ => None,
    }
}

/// The regions of a `<mergeCells>` element, parsed from its opening tag on.
fn parse_container(xml: &[u8]) -> Vec<Dimensions> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut regions = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "mergeCell" => {
                let reference = e.try_get_attribute("ref").ok().flatten();
                regions.extend(reference.and_then(|r| parse_range(&r.value)));
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "mergeCells" => break,
            Ok(Event::End(e)) if e.local_name().as_ref() == "mergeCells" => break,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    regions
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
