//! The merged regions and hidden rows of an .xlsx worksheet, read from its XML structure.
//!
//! calamine gives a sheet's merged regions by parsing the whole worksheet part a second time
//! and building every event; dvk reads the part once more itself, streaming, and looks at two
//! elements only: `<row>` (for `hidden`) and `<mergeCell>` (for `ref`). Everything else, cells
//! included, is passed over. Comments, CDATA sections and processing instructions are not
//! markup: a `<mergeCells>` written inside one is text, and merges nothing (a plain byte search
//! for the tag, which this replaced, took it for real and filled a blank cell). The part is
//! never held whole.
//!
//! # Why two readers
//!
//! Building an XML event for every cell of every sheet cost about 5% of a whole `dvk check`
//! of 10,000 small workbooks: a sheet part has five events per cell (`<c>`, `<v>`, its text,
//! `</v>`, `</c>`) and this scan wants none of them. So the scan first runs a lexer that
//! relies on one rule of XML: outside comments, CDATA sections and processing instructions a
//! `<` is always the start of a tag (it is not allowed unescaped in text or in an attribute
//! value). The lexer jumps (aho-corasick) from one of the few things it looks for to the
//! next: `<?`, `<!`, and the names `row` and `mergeCell`, which are a tag's when the last
//! `<` before them opens it (with a prefix at most) and a delimiter ends them. Only for
//! `<row>` and `<mergeCell>` does it find the tag's end and hand its text to quick-xml,
//! which reads the attributes. The XML declaration, comments, CDATA sections and
//! processing instructions it skips when their end is in the bytes at hand (each ends at the
//! first `?>`, `-->` or `]]>`: nothing inside them is markup). Anything else starting with
//! `<!` (a document type), or one of those three too long to hold, and the rest of the part
//! is read by quick-xml's full reader from that point on: rare parts pay the full price,
//! Excel's and LibreOffice's pay the lexer's. A test compares both on generated parts.

use calamine::Dimensions;
use memchr::memmem;
use quick_xml::errors::IllFormedError;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader, Cursor, Read};

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
/// up to its end or to its first syntax error (a tag never closed, say): what was found
/// before it is kept (calamine reports a part broken within its cells as unreadable; one
/// broken after them still has its cells read). A part that is only not well-formed (an end
/// tag that closes nothing) is read on. An I/O error (a part whose bytes do not inflate) is
/// returned.
pub(super) fn scan(part: impl Read) -> std::io::Result<Scan> {
    scan_buffered(BufReader::with_capacity(CHUNK, part))
}

/// What the lexer needs next.
#[derive(Debug, PartialEq)]
enum Next {
    /// More bytes: those from this offset on are an unfinished markup, kept for the next
    /// chunk.
    Bytes(usize),
    /// quick-xml's full reader, from this offset (a `<`) to the part's end.
    Xml(usize),
}

fn scan_buffered(mut part: impl BufRead) -> std::io::Result<Scan> {
    let mut found = Found::default();
    // The unfinished markup at the end of the last chunk, joined to the next one. The lexer
    // hands over to quick-xml before it holds more than a chunk, so this stays small.
    let mut kept: Vec<u8> = Vec::new();
    loop {
        let chunk = part.fill_buf()?;
        if chunk.is_empty() {
            // A part cut off within a markup: what was found before it is kept.
            return Ok(found.scan());
        }
        let taken = chunk.len();
        let next = if kept.is_empty() {
            let next = lex(chunk, &mut found);
            if let Next::Bytes(from) = next {
                kept.extend_from_slice(&chunk[from..]);
            }
            next
        } else {
            kept.extend_from_slice(chunk);
            let next = lex(&kept, &mut found);
            if let Next::Bytes(from) = next {
                kept.drain(..from);
            }
            next
        };
        if let Next::Xml(from) = next {
            // The bytes from `from` on, then the rest of the part, to quick-xml.
            let rest = if kept.is_empty() {
                chunk[from..].to_vec()
            } else {
                kept.split_off(from)
            };
            part.consume(taken);
            scan_xml(Cursor::new(rest).chain(part), &mut found)?;
            return Ok(found.scan());
        }
        part.consume(taken);
        if kept.len() > CHUNK {
            // One markup longer than a chunk (a row with a huge attribute, a tag never
            // closed): the lexer would read it again with every chunk, so quick-xml, which
            // reads it once, takes over.
            let rest = std::mem::take(&mut kept);
            scan_xml(Cursor::new(rest).chain(part), &mut found)?;
            return Ok(found.scan());
        }
    }
}

/// What both readers find, and the row a `<row>` without `r` is.
#[derive(Debug, Default)]
struct Found {
    scan: Scan,
    /// The 0-based row a `<row>` without `r` is, as calamine counts it.
    row: usize,
}

impl Found {
    /// A `<row>` (`empty`: written `<row …/>`) or a `<mergeCell>`; any other element is
    /// passed over.
    fn element(&mut self, element: &BytesStart<'_>, empty: bool) {
        match element.local_name().as_ref() {
            // An empty row holds no cell and does not move calamine's count.
            "row" if empty => {
                if let Some(row) = row_number(element).filter(|_| is_hidden(element)) {
                    self.scan.hidden_rows.push(row);
                }
            }
            "row" => {
                self.row = row_number(element).unwrap_or(self.row);
                if is_hidden(element) {
                    self.scan.hidden_rows.push(self.row);
                }
            }
            "mergeCell" => self.scan.merges.extend(merge_ref(element)),
            _ => {}
        }
    }

    /// The end of a `<row>`.
    fn row_end(&mut self) {
        self.row = self.row.saturating_add(1);
    }

    fn scan(mut self) -> Scan {
        self.scan.hidden_rows.sort_unstable();
        self.scan.hidden_rows.dedup();
        self.scan
    }
}

/// The local name of a tag name: what follows its prefix (`x:row` → `row`), as quick-xml
/// reads it.
fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .position(|&b| b == b':')
        .map_or(name, |colon| &name[colon + 1..])
}

/// What the lexer looks for: the start of a processing instruction or of a comment, CDATA
/// section or document type, and the two names it reads. A name found is a tag's only when
/// the tag's `<` and an optional prefix come right before it and a delimiter after it: it may
/// as well be in a cell's text (`arrow`) or another name (`rowBreaks`, `mergeCells`).
static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(["<?", "<!", "row", "mergeCell"])
        .expect("four fixed patterns")
});

/// [`MARKS`]' patterns, by their index.
const PROCESSING_INSTRUCTION: usize = 0;
const BANG: usize = 1;
const ROW: usize = 2;

/// The lexer over `bytes`, which start outside any markup. Returns where it stopped.
///
/// It jumps from one of [`MARKS`] to the next (two per row and one per merged region, where
/// a jump to every `<` made five per cell). Tags are whole up to the last `<` that no `>`
/// follows: from there on, the bytes are kept for the next chunk.
fn lex(bytes: &[u8], found: &mut Found) -> Next {
    let stop = match memchr::memrchr(b'<', bytes) {
        Some(last) if memchr::memchr(b'>', &bytes[last..]).is_none() => last,
        _ => bytes.len(),
    };
    let mut at = 0;
    // Where the last markup read ends: no tag starts before it.
    let mut floor = 0;
    // The last `<` at or after `floor` found so far, and how far it was looked for: each byte
    // is looked at once, whatever the names in a long text.
    let mut open: Option<usize> = None;
    let mut searched = 0;
    while let Some(mark) = MARKS.find(aho_corasick::Input::new(bytes).span(at..stop)) {
        let start = mark.start();
        match mark.pattern().as_usize() {
            PROCESSING_INSTRUCTION => match memmem::find(&bytes[start + 2..], b"?>") {
                Some(end) => at = start + 2 + end + 2,
                None => return Next::Xml(start),
            },
            BANG => match comment_or_cdata(&bytes[start + 1..]) {
                Unparsed::Ends(end) => at = start + 1 + end,
                Unparsed::Undecided => return Next::Bytes(start),
                Unparsed::Other => return Next::Xml(start),
            },
            // `row` or `mergeCell`.
            _ => {
                let name_end = mark.end();
                at = name_end;
                let from = searched.max(floor);
                if let Some(i) = memchr::memrchr(b'<', &bytes[from..start]) {
                    open = Some(from + i);
                }
                searched = start;
                // The tag the name is in starts at the last `<` before it.
                let Some(open) = open.filter(|&o| o >= floor) else {
                    continue;
                };
                let before = &bytes[open + 1..start];
                let (end_tag, prefix) = match before.strip_prefix(b"/") {
                    Some(prefix) => (true, prefix),
                    None => (false, before),
                };
                let prefixed = prefix.is_empty()
                    || prefix.strip_suffix(b":").is_some_and(|p| {
                        !p.is_empty() && !p.iter().any(|&b| is_delimiter(b) || b == b':')
                    });
                // A name ends at `>` or a space; a start tag's also at `/`.
                let delimited = bytes.get(name_end).is_some_and(|&b| {
                    b == b'>' || b.is_ascii_whitespace() || (b == b'/' && !end_tag)
                });
                if !prefixed || !delimited {
                    continue;
                }
                if end_tag {
                    if mark.pattern().as_usize() == ROW {
                        found.row_end();
                    }
                } else {
                    let rest = &bytes[open + 1..];
                    let Some(end) = tag_end(rest) else {
                        return Next::Bytes(open);
                    };
                    let content = &rest[..end];
                    let (content, empty) = match content.strip_suffix(b"/") {
                        Some(content) => (content, true),
                        None => (content, false),
                    };
                    // A tag that is not UTF-8 stops quick-xml's reader; here it is passed over.
                    if let Ok(text) = std::str::from_utf8(content) {
                        let name = name_end - open - 1;
                        found.element(&BytesStart::from_content(text, name), empty);
                    }
                    at = open + 1 + end + 1;
                }
            }
        }
        // A markup was read or passed over.
        floor = at;
    }
    Next::Bytes(stop)
}

/// A byte that ends a tag's name, or that no name holds.
fn is_delimiter(b: u8) -> bool {
    matches!(b, b'<' | b'>' | b'/' | b'"' | b'\'' | b'=') || b.is_ascii_whitespace()
}

/// What follows a `<!`.
enum Unparsed {
    /// A comment or CDATA section, this many bytes long (from the `!`).
    Ends(usize),
    /// Too few bytes yet to tell.
    Undecided,
    /// A comment or CDATA section whose end is not at hand, or a document type.
    Other,
}

/// Tells a comment or CDATA section, whose text is not markup and which ends at the first
/// `-->` or `]]>`, in `rest` (the bytes after a `<`, starting with `!`).
fn comment_or_cdata(rest: &[u8]) -> Unparsed {
    for (open, close) in [(&b"!--"[..], &b"-->"[..]), (b"![CDATA[", b"]]>")] {
        if rest.starts_with(open) {
            return memmem::find(&rest[open.len()..], close).map_or(Unparsed::Other, |end| {
                Unparsed::Ends(open.len() + end + close.len())
            });
        }
        if open.starts_with(rest) {
            return Unparsed::Undecided;
        }
    }
    Unparsed::Other
}

/// The offset in `tag` (the bytes after its `<`) of the `>` that ends it: the first one
/// outside a quoted attribute value (a value may hold `>`).
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    tag.iter().position(|&b| match quote {
        Some(q) => {
            if b == q {
                quote = None;
            }
            false
        }
        None if b == b'"' || b == b'\'' => {
            quote = Some(b);
            false
        }
        None => b == b'>',
    })
}

/// quick-xml's full reader over `part`, which starts outside any markup.
fn scan_xml(part: impl BufRead, found: &mut Found) -> std::io::Result<()> {
    let mut reader = quick_xml::Reader::from_reader(part);
    // End tags are not matched against their start: the reader only needs to find elements.
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::with_capacity(1024);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => found.element(&e, false),
            Ok(Event::Empty(e)) => found.element(&e, true),
            Ok(Event::End(e)) if e.local_name().as_ref() == "row" => found.row_end(),
            Ok(Event::Eof) => return Ok(()),
            Err(quick_xml::Error::Io(e)) => {
                return Err(std::io::Error::new(e.kind(), e.to_string()))
            }
            // A part that is not well-formed (an end tag that closes nothing, or one that
            // closes another element): quick-xml reads on, as the lexer does. The lexer hands
            // over in the middle of the part, where every end tag of an element opened before
            // closes nothing as far as this reader knows.
            Err(quick_xml::Error::IllFormed(IllFormedError::UnmatchedEndTag(name))) => {
                if local(name.as_bytes()) == b"row" {
                    found.row_end();
                }
            }
            Err(quick_xml::Error::IllFormed(_)) => {}
            Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// `read` of the value of one attribute of `element`, unescaped; `None` when absent or
/// unreadable.
fn attribute<T>(
    element: &BytesStart<'_>,
    name: &str,
    read: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    let found = element.try_get_attribute(name).ok().flatten()?;
    // Read where it lies: every row has its number read.
    read(&quick_xml::escape::unescape(&found.value).ok()?)
}

/// The 0-based row of a `<row r="N">`.
fn row_number(element: &BytesStart<'_>) -> Option<usize> {
    attribute(element, "r", |r| {
        r.trim().parse::<usize>().ok()?.checked_sub(1)
    })
}

/// `hidden="1"` or `hidden="true"`.
fn is_hidden(element: &BytesStart<'_>) -> bool {
    attribute(element, "hidden", |v| {
        Some(matches!(v.trim(), "1" | "true"))
    })
    .unwrap_or(false)
}

/// The region of a `<mergeCell ref="…">`.
fn merge_ref(element: &BytesStart<'_>) -> Option<Dimensions> {
    attribute(element, "ref", parse_range)
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

    /// The full reader's scan of the whole of `xml`.
    fn scan_by_xml(xml: &[u8]) -> Scan {
        let mut found = Found::default();
        scan_xml(xml, &mut found).expect("in memory");
        found.scan()
    }

    /// Pieces of a worksheet part: what Excel and LibreOffice write, and what a crafted
    /// part may hold (comments, CDATA, processing instructions, a document type, `>` in a
    /// value, prefixes, rows without a number).
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            (1u32..40, any::<bool>()).prop_map(|(r, hidden)| format!(
                r#"<row r="{r}"{}>"#,
                if hidden { r#" hidden="1""# } else { "" }
            )),
            Just("<row hidden='true' spans=\"1:3\">".to_string()),
            Just("<row>".to_string()),
            Just("</row>".to_string()),
            Just("</x:row >".to_string()),
            (1u32..40).prop_map(|r| format!(r#"<x:row r="{r}" hidden="1"/>"#)),
            Just(r#"<c r="A1" t="s"><v>3</v></c>"#.to_string()),
            Just(r#"<c r="B2" t="inlineStr"><is><t>a &lt;row&gt; b</t></is></c>"#.to_string()),
            Just(r#"<c r="C3" note="x > y"/>"#.to_string()),
            Just(
                r#"<c r="D4" t="inlineStr"><is><t>arrow row mergeCell row></t></is></c>"#
                    .to_string()
            ),
            (1u32..40).prop_map(|r| format!(r#"<row:row r="{r}" hidden="1">"#)),
            Just("</row:row>".to_string()),
            Just("<mergeCell:mergeCell ref='C1:C2'/>".to_string()),
            (0u32..9, 0u32..9).prop_map(|(a, b)| format!(
                r#"<mergeCell ref="A{}:C{}"/>"#,
                a + 1,
                b + 1
            )),
            Just(r#"<x:mergeCell ref='B1:B4' note="a>b"></x:mergeCell>"#.to_string()),
            Just("<mergeCells count=\"2\">".to_string()),
            Just("</mergeCells>".to_string()),
            Just(r#"<!-- <mergeCell ref="A1:Z9"/> <row r="7" hidden="1"> -->"#.to_string()),
            Just(r#"<![CDATA[<mergeCell ref="D1:D9"/>]]>"#.to_string()),
            Just(r#"<?dvk <row r="9" hidden="1"/> ?>"#.to_string()),
            Just("<rowBreaks count=\"1\"/><mergeCellsX/>".to_string()),
            Just("<!DOCTYPE worksheet>".to_string()),
            Just("text &amp; more".to_string()),
            Just("a & b".to_string()),
        ]
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

        /// The lexer finds what quick-xml's full reader finds, however the part is cut into
        /// chunks.
        #[test]
        fn the_lexer_reads_as_the_full_reader(pieces in proptest::collection::vec(piece(), 0..40), chunk in 1usize..64) {
            let xml = format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>{}</sheetData></worksheet>"#,
                pieces.concat()
            );
            prop_assert_eq!(scan_by_chunks(xml.as_bytes(), chunk).expect("in memory"), scan_by_xml(xml.as_bytes()));
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
