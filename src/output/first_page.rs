//! Page numbers from the second page in the workbooks of documents (Hướng dẫn 36-HD/VPTW: the
//! first page is not numbered), as the Word documents have them.
//!
//! Excel says so with the attribute `differentFirst="1"` of a sheet's `<headerFooter>` and no
//! first-page footer. rust_xlsxwriter (0.102, the latest release) writes no such attribute, so
//! the saved workbook is copied once, entry by entry, and the attribute added to the sheets
//! whose footer is the document's page number ([`DOCUMENT_FOOTER`]); every other entry is copied
//! as it is, still compressed. A sheet is streamed through, never held whole: a consolidated
//! report's models sheet is large.
//!
//! Whether a sheet has that footer is known only at its end (`<headerFooter>` follows the
//! cells), so each sheet is first read through without writing, and only a sheet with the
//! footer is compressed again: reading is cheap, compressing is not. The models sheet of a
//! consolidated report is a document sheet too, so it is compressed twice: 1.4 s of the
//! 7.3 s of `dvk report` on the 100,000-row workbook (97 MB of XML).

use std::io::{Read, Seek, Write};

/// The footer of a document's sheets: the page number alone, centred (`&C&P`), as the Word
/// documents print it.
pub(crate) const DOCUMENT_FOOTER: &str = "&C&P";

/// The footer as the sheet's XML holds it, and the same with the first page left unnumbered.
const WRITTEN: &[u8] = b"<headerFooter><oddFooter>&amp;C&amp;P</oddFooter>";
const FIRST_UNNUMBERED: &[u8] =
    b"<headerFooter differentFirst=\"1\"><oddFooter>&amp;C&amp;P</oddFooter>";

/// Copies the workbook `xlsx` to `out`, the document sheets' first page unnumbered.
pub(crate) fn number_from_second_page(
    xlsx: impl Read + Seek,
    out: impl Write + Seek,
) -> zip::result::ZipResult<()> {
    let mut archive = zip::ZipArchive::new(xlsx)?;
    let mut writer = zip::ZipWriter::new(out);
    for index in 0..archive.len() {
        let name = match archive.name_for_index(index) {
            Some(name) => name?.to_string(),
            None => continue,
        };
        let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        if sheet && replace_stream(&mut archive.by_index(index)?, &mut std::io::sink())? > 0 {
            let mut entry = archive.by_index(index)?;
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(entry.last_modified().unwrap_or_default());
            writer.start_file(name, options)?;
            replace_stream(&mut entry, &mut writer)?;
        } else {
            writer.raw_copy_file(archive.by_index_raw(index)?)?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// [`number_from_second_page`] of a workbook held in memory.
pub(crate) fn unnumbered_first_page(bytes: Vec<u8>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut out = std::io::Cursor::new(Vec::with_capacity(bytes.len()));
    number_from_second_page(std::io::Cursor::new(bytes), &mut out)
        .map_err(|e| rust_xlsxwriter::XlsxError::ParameterError(e.to_string()))?;
    Ok(out.into_inner())
}

/// Copies `from` to `to` with [`WRITTEN`] replaced by [`FIRST_UNNUMBERED`], across the
/// chunks it is read in. Returns how many it replaced (into [`std::io::sink`]: whether a sheet
/// has the footer).
fn replace_stream(from: &mut impl Read, to: &mut impl Write) -> std::io::Result<usize> {
    let finder = memchr::memmem::Finder::new(WRITTEN);
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut replaced = 0;
    loop {
        let read = from.read(&mut chunk)?;
        pending.extend_from_slice(&chunk[..read]);
        let mut start = 0;
        while let Some(at) = finder.find(&pending[start..]) {
            to.write_all(&pending[start..start + at])?;
            to.write_all(FIRST_UNNUMBERED)?;
            start += at + WRITTEN.len();
            replaced += 1;
        }
        if read == 0 {
            to.write_all(&pending[start..])?;
            return Ok(replaced);
        }
        // Keep what could be the start of the pattern cut by the chunk's end.
        let keep = (pending.len() - start).min(WRITTEN.len() - 1);
        let flush = pending.len() - keep;
        to.write_all(&pending[start..flush])?;
        pending.drain(..flush);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_is_marked_across_chunk_boundaries() {
        for before in [0usize, 10, 64 * 1024 - 20, 64 * 1024 + 5] {
            let mut xml = vec![b'x'; before];
            xml.extend_from_slice(WRITTEN);
            xml.extend_from_slice(b"</headerFooter></worksheet>");
            let mut out = Vec::new();
            let replaced = replace_stream(&mut xml.as_slice(), &mut out).expect("copied");
            assert_eq!(replaced, 1, "{before}");
            let mut expected = vec![b'x'; before];
            expected.extend_from_slice(FIRST_UNNUMBERED);
            expected.extend_from_slice(b"</headerFooter></worksheet>");
            assert_eq!(out, expected, "{before}");
        }
    }

    #[test]
    fn a_workbook_keeps_its_other_footers_and_entries() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_footer(DOCUMENT_FOOTER);
        book.add_worksheet().set_footer("&CTrang &P/&N");
        let bytes = book.save_to_buffer().expect("saved");
        // The same workbook with every entry stored, not compressed: an entry copied as it is
        // stays stored, one written again is compressed.
        let mut stored = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut saved = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        for index in 0..saved.len() {
            let mut entry = saved.by_index(index).expect("an entry");
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            stored
                .start_file(entry.name().expect("a name").to_string(), options)
                .expect("an entry");
            std::io::copy(&mut entry, &mut stored).expect("copied");
        }
        let stored = stored.finish().expect("a zip");
        let mut out = std::io::Cursor::new(Vec::new());
        number_from_second_page(stored, &mut out).expect("copied");
        let mut archive = zip::ZipArchive::new(out).expect("a zip");
        let method = |archive: &mut zip::ZipArchive<_>, name: &str| {
            archive.by_name(name).expect("the sheet").compression()
        };
        assert_eq!(
            method(&mut archive, "xl/worksheets/sheet1.xml"),
            zip::CompressionMethod::Deflated,
            "the sheet with the document's footer is written again"
        );
        assert_eq!(
            method(&mut archive, "xl/worksheets/sheet2.xml"),
            zip::CompressionMethod::Stored,
            "the other sheet is copied as it is"
        );
        let mut sheet = |name: &str| {
            let mut text = String::new();
            archive
                .by_name(name)
                .expect("the sheet")
                .read_to_string(&mut text)
                .expect("read");
            text
        };
        assert!(sheet("xl/worksheets/sheet1.xml").contains("differentFirst=\"1\""));
        assert!(!sheet("xl/worksheets/sheet2.xml").contains("differentFirst"));
    }
}
