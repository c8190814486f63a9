//! Reading workbooks with calamine into plain grids of [`CellValue`]s.

use chrono::NaiveDate;

use crate::dvk_workbooks::Category;
use crate::ingest::normalize::legacy::{legacy_font, Legacy};
use crate::ingest::normalize::{CellFonts, Region, SheetEvidence};
use crate::sheet::{used_len, CellValue, Sheet};

mod compound;
pub mod isolated;
mod merges;
mod xlsb;

/// Fills every merged region with the value of its top-left cell; returns the regions filled.
///
/// Regions larger than [`MAX_MERGE_FILL`] cells are left alone: a title merged over a whole
/// page carries no column information, and filling it would only waste memory.
fn fill_merges(
    sheet: &mut Sheet,
    merges: &[calamine::Dimensions],
) -> Result<Vec<Region>, ReadError> {
    let mut filled = Vec::new();
    let mut cells = 0usize;
    for merge in merges {
        let (top, left) = (merge.start.0 as usize, merge.start.1 as usize);
        let (bottom, right) = (merge.end.0 as usize, merge.end.1 as usize);
        let area = (bottom.saturating_sub(top) + 1).saturating_mul(right.saturating_sub(left) + 1);
        if area > MAX_MERGE_FILL || bottom >= sheet.rows.len() {
            continue;
        }
        let value = sheet.get(top, left).clone();
        if value.is_empty() {
            continue;
        }
        cells = cells.saturating_add(area);
        if cells > MAX_MERGE_FILL_TOTAL {
            return Err(ReadError::TooLarge(format!(
                "trang «{}» có các vùng gộp ô trải trên hơn {MAX_MERGE_FILL_TOTAL} ô tổng cộng, quá giới hạn",
                sheet.name
            )));
        }
        filled.push((top..=bottom, left..=right));
        for row in &mut sheet.rows[top..=bottom] {
            if row.len() <= right {
                row.resize(right + 1, CellValue::Empty);
            }
            for cell in &mut row[left..=right] {
                *cell = value.clone();
            }
        }
    }
    Ok(filled)
}

/// The largest merged region whose value is copied into each of its cells.
pub const MAX_MERGE_FILL: usize = 10_000;

/// The most cells the merged regions of one sheet may fill, all regions together: past it the
/// file is refused (a crafted sheet of thousands of large merges would fill billions).
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_MERGE_FILL_TOTAL, 1_000_000);
/// ```
pub const MAX_MERGE_FILL_TOTAL: usize = 1_000_000;

/// The most sheets a workbook may list, visible or not (a committee's workbook has a few).
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_SHEETS, 1_000);
/// ```
pub const MAX_SHEETS: usize = 1_000;

/// The largest file dvk opens; larger ones are refused, because a committee's workbooks are
/// small and a huge file is a mistake (or an attack).
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_FILE_BYTES, 100 * 1024 * 1024);
/// ```
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The most a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) may hold once unzipped, all its parts
/// together, as its zip directory declares them. The zip reader refuses to inflate a part past
/// its declared size, so this bounds what is ever inflated, whatever the file claims.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_UNZIPPED_BYTES, 500 * 1024 * 1024);
/// ```
pub const MAX_UNZIPPED_BYTES: u64 = 500 * 1024 * 1024;

/// A part of a zipped workbook larger than this once unzipped must not have been compressed
/// more than [`MAX_ZIP_RATIO`] times: real sheets compress 5 to 30 times, padding for a
/// decompression bomb thousands of times.
///
/// # Example
///
/// ```
/// assert!(dvk::ingest::read::ZIP_RATIO_FLOOR_BYTES < dvk::ingest::read::MAX_UNZIPPED_BYTES);
/// ```
pub const ZIP_RATIO_FLOOR_BYTES: u64 = 50 * 1024 * 1024;

/// The highest compression ratio allowed for a part above [`ZIP_RATIO_FLOOR_BYTES`].
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_ZIP_RATIO, 200);
/// ```
pub const MAX_ZIP_RATIO: u64 = 200;

/// The most parts a zipped workbook may have (a real one has a few dozen).
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_ZIP_ENTRIES, 10_000);
/// ```
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// The last Excel row a sheet may hold a value in: a form has tens of rows, a committee's
/// list a few thousand, and a higher committee's consolidated list (the rollup of its member
/// committees' reports) a hundred thousand or more.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_ROWS, 300_000);
/// ```
pub const MAX_ROWS: usize = 300_000;

/// The most cells a sheet's grid may span, each row counted up to its last value; the sheets
/// of one workbook together may not span more either (a part or substream that several sheets
/// point at counts once for each).
///
/// # Example
///
/// ```
/// assert_eq!(dvk::ingest::read::MAX_CELLS, 5_000_000);
/// ```
pub const MAX_CELLS: usize = 5_000_000;

/// Why a workbook could not be read.
///
/// # Example
///
/// ```
/// use dvk::ingest::read::{read_workbook, ReadError};
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("rong.xlsx");
/// std::fs::write(&path, b"").unwrap();
/// assert!(matches!(read_workbook(&path), Err(ReadError::Unreadable(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReadError {
    /// The workbook is protected by a password.
    Encrypted,
    /// The file is corrupt, truncated, empty, unreachable or not a workbook; the reason is
    /// Vietnamese.
    Unreadable(String),
    /// The file is past one of dvk's limits ([`MAX_FILE_BYTES`], [`MAX_UNZIPPED_BYTES`],
    /// [`MAX_ZIP_RATIO`], [`MAX_ZIP_ENTRIES`], [`MAX_ROWS`], [`MAX_CELLS`]) and was not read;
    /// the reason is Vietnamese and names the limit.
    TooLarge(String),
}

impl ReadError {
    /// What went wrong, in Vietnamese.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::ingest::read::ReadError;
    ///
    /// assert_eq!(ReadError::Unreadable("tệp rỗng".into()).reason(), "tệp rỗng");
    /// ```
    pub fn reason(&self) -> String {
        match self {
            ReadError::Encrypted => "tệp có mật khẩu".to_string(),
            ReadError::Unreadable(reason) | ReadError::TooLarge(reason) => reason.clone(),
        }
    }
}

/// A workbook's visible worksheets, in workbook order.
///
/// # Example
///
/// ```no_run
/// let book = dvk::ingest::read::read_workbook(std::path::Path::new("a.xlsx")).unwrap();
/// println!("{} sheets, {} hidden", book.sheets.len(), book.hidden_sheets);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Workbook {
    /// The visible worksheets.
    pub sheets: Vec<Sheet>,
    /// How many sheets were passed over because they are hidden or are chart sheets.
    pub hidden_sheets: usize,
    /// The legacy encoding the text was converted from, if any sheet was in one.
    pub legacy: Option<crate::ingest::normalize::legacy::Legacy>,
    /// The document category when dvk wrote the workbook itself ("dvk-report",
    /// "dvk-findings", "dvk-reminders"), so its own outputs are recognized.
    pub generator: Option<String>,
    /// The size of the file and two hashes of its bytes, computed while it is in memory
    /// anyway: files with the same fingerprint are byte-identical copies (`duplicate-file`).
    pub fingerprint: Option<(u64, u64, u64)>,
}

/// The fingerprint of a file's bytes: its size and 128 bits of its BLAKE3 hash.
///
/// A cryptographic hash, so that nobody can craft a file that passes for another's copy, and
/// the same in every process: workbooks are read in separate worker processes
/// ([`isolated`]), and two copies read by two workers must still be found equal (a hash
/// seeded at random per process would not be).
fn fingerprint(bytes: &[u8]) -> (u64, u64, u64) {
    let hash = blake3::hash(bytes);
    let half = |range: std::ops::Range<usize>| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&hash.as_bytes()[range]);
        u64::from_le_bytes(word)
    };
    (bytes.len() as u64, half(0..8), half(8..16))
}

/// The container format, told from the first bytes rather than the name, because files get
/// renamed (.xls saved as .xlsx and the reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Zip,
    Cfb,
    Unknown,
}

fn sniff(bytes: &[u8]) -> Container {
    if bytes.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Cfb
    } else {
        Container::Unknown
    }
}

/// Reads a workbook file: every visible worksheet, merged regions filled, text normalized.
///
/// The format is told from the content, so a renamed file still opens. Files past dvk's
/// limits are refused before they are unpacked ([`ReadError::TooLarge`]), so memory stays
/// bounded whatever the file. A panic inside the reader (malformed files have made readers
/// panic) is caught and reported as unreadable.
///
/// # Example
///
/// ```no_run
/// use dvk::ingest::read::read_workbook;
///
/// let book = read_workbook(std::path::Path::new("samples/danh-sach-chi-bo.xlsx")).unwrap();
/// assert!(!book.sheets.is_empty());
/// ```
pub fn read_workbook(path: &std::path::Path) -> Result<Workbook, ReadError> {
    let cannot_open =
        |e: std::io::Error| ReadError::Unreadable(format!("không mở được tệp: {}", io_reason(&e)));
    // The size is asked of the open file: one look-up of the path, not two.
    let file = std::fs::File::open(path).map_err(cannot_open)?;
    let size = file.metadata().map_err(cannot_open)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(format!(
            "tệp nặng {}, quá giới hạn {}",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
    // A file growing while it is read still stops at the limit.
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_FILE_BYTES), &mut bytes)
        .map_err(cannot_open)?;
    if bytes.is_empty() {
        return Err(ReadError::Unreadable("tệp rỗng (0 byte)".to_string()));
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let print = fingerprint(&bytes);
    let mut book = std::panic::catch_unwind(|| read_bytes(bytes, &extension))
        .unwrap_or_else(|_| Err(reader_failed()))?;
    book.fingerprint = Some(print);
    Ok(book)
}

/// A reader that panicked on a malformed file: the file is reported as damaged.
fn reader_failed() -> ReadError {
    ReadError::Unreadable(
        "tệp hỏng: trình đọc bảng tính gặp lỗi khi phân tích nội dung".to_string(),
    )
}

use crate::ingest::discover::io_reason;

/// A size for people: "512 KB", "4 096 MB".
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{} MB", bytes / MB)
    }
}

/// Refuses a zip whose directory declares more than dvk will unpack: too many parts, too much
/// in all, or a part compressed like a decompression bomb.
fn check_zip(archive: &mut ZipBytes<'_>) -> Result<(), ReadError> {
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::TooLarge(format!(
            "tệp nén có {} phần, quá giới hạn {MAX_ZIP_ENTRIES}",
            archive.len()
        )));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(index) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > ZIP_RATIO_FLOOR_BYTES && size / packed > MAX_ZIP_RATIO {
            return Err(ReadError::TooLarge(format!(
                "phần «{}» nén {} mà giải nén ra {} (gấp {} lần, giới hạn {MAX_ZIP_RATIO} lần): có thể là tệp độc hại (bom giải nén)",
                entry.name().unwrap_or_default(),
                megabytes(packed),
                megabytes(size),
                size / packed
            )));
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(ReadError::TooLarge(format!(
            "tệp nén giải nén ra {}, quá giới hạn {}",
            megabytes(total),
            megabytes(MAX_UNZIPPED_BYTES)
        )));
    }
    Ok(())
}

/// Refuses an .ods whose repeated rows and columns would unfold past [`MAX_CELLS`] in one
/// sheet or in all its sheets together, that lists more than [`MAX_SHEETS`] sheets, or whose
/// content is not well-formed XML. OpenDocument says "this row, 5,000 times" and "this cell,
/// 16,384 times" in a few bytes, and calamine unfolds them before dvk sees the sheet: a 1 KB
/// file could ask for gigabytes. The sizes are added up from a stream of content.xml, without
/// unfolding; a table nested in a cell is counted as one more sheet.
fn check_ods(archive: &mut ZipBytes<'_>) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    // The tables open around the current element (nested ones last) and their rows.
    let mut open_tables: Vec<(OdsTable, OdsRow)> = Vec::new();
    let (mut tables, mut cells_before) = (0usize, 0u64);
    let too_large = |what: &str| {
        ReadError::TooLarge(format!(
            "{what} trải trên hơn {MAX_CELLS} ô (dòng, cột lặp lại), quá giới hạn"
        ))
    };
    loop {
        let (element, open) = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "table-row" => {
                        if let Some((table, row)) = open_tables.last_mut() {
                            table.add_row(row);
                            if table.cells() > MAX_CELLS as u64 {
                                return Err(too_large("trang tính OpenDocument"));
                            }
                            if cells_before.saturating_add(table.cells()) > MAX_CELLS as u64 {
                                return Err(too_large("các trang của tệp OpenDocument"));
                            }
                        }
                    }
                    "table" => {
                        if let Some((table, _)) = open_tables.pop() {
                            cells_before = cells_before.saturating_add(table.cells());
                        }
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => {
                return Err(ReadError::Unreadable(format!(
                    "tệp hỏng: nội dung OpenDocument (content.xml) không đúng cú pháp XML (chi tiết kỹ thuật: {e})"
                )))
            }
            Ok(_) => {
                buf.clear();
                continue;
            }
        };
        match element.local_name().as_ref() {
            "table" => {
                tables += 1;
                if tables > MAX_SHEETS {
                    return Err(too_many_sheets(tables));
                }
                if open {
                    open_tables.push((OdsTable::default(), OdsRow::default()));
                }
            }
            "table-row" => {
                if let Some((table, row)) = open_tables.last_mut() {
                    *row = OdsRow::new(repeats(&element, "table:number-rows-repeated", 1 << 20));
                    if !open {
                        table.add_row(row);
                    }
                }
            }
            "table-cell" | "covered-table-cell" => {
                let valued = open
                    || element
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                if let Some((_, row)) = open_tables.last_mut() {
                    row.add_cell(
                        repeats(&element, "table:number-columns-repeated", 1 << 14),
                        valued,
                    );
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Refuses an .xlsx or .xlsb whose workbook part lists more than [`MAX_SHEETS`] sheets, before
/// calamine reads the list (whose time grows with the square of its length). Only a large
/// workbook part is counted: a thousand sheet entries take more than 40 KB.
fn check_sheet_count(archive: &mut ZipBytes<'_>) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    const SMALL_PART: u64 = 40 * 1024;
    let Some(index) = archive
        .file_names()
        .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case("xl/workbook.xml")))
    else {
        return Ok(());
    };
    // The size from the zip's directory first: opening the part itself sets up its inflater,
    // for every workbook read, to count the sheets of the few that have many.
    if archive
        .by_index_raw(index)
        .map_or(true, |entry| entry.size() <= SMALL_PART)
    {
        return Ok(());
    }
    let Ok(part) = archive.by_index(index) else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let (mut buf, mut count) = (Vec::new(), 0usize);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                count += 1;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    if count > MAX_SHEETS {
        return Err(too_many_sheets(count));
    }
    Ok(())
}

/// A repeat count, 1 when absent or unreadable, capped where calamine caps it.
fn repeats(element: &quick_xml::events::BytesStart<'_>, name: &str, cap: u64) -> u64 {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .min(cap)
}

/// One .ods row as calamine unfolds it: how often it repeats, how wide its values reach.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    position: u64,
    width: u64,
}

impl OdsRow {
    fn new(repeats: u64) -> Self {
        OdsRow {
            repeats,
            ..OdsRow::default()
        }
    }

    fn add_cell(&mut self, repeats: u64, valued: bool) {
        self.position = self.position.saturating_add(repeats);
        if valued {
            self.width = self.position;
        }
    }
}

/// One .ods sheet: the rows from the first to the last holding a value, and the widest.
#[derive(Default)]
struct OdsTable {
    rows: u64,
    first: Option<u64>,
    end: u64,
    width: u64,
}

impl OdsTable {
    fn add_row(&mut self, row: &OdsRow) {
        if row.width > 0 {
            self.first.get_or_insert(self.rows);
            self.end = self.rows.saturating_add(row.repeats);
            self.width = self.width.max(row.width);
        }
        self.rows = self.rows.saturating_add(row.repeats);
    }

    /// The cells calamine would lay out.
    fn cells(&self) -> u64 {
        let first = self.first.unwrap_or(self.end);
        self.end.saturating_sub(first).saturating_mul(self.width)
    }
}

type Bytes = std::io::Cursor<Vec<u8>>;

/// A zip archive read from memory, listed once for the checks made before calamine opens it.
type ZipBytes<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn read_bytes(mut bytes: Vec<u8>, extension: &str) -> Result<Workbook, ReadError> {
    let container = sniff(&bytes);
    let ods = container == Container::Zip && is_ods(&bytes);
    // A zip too broken to list is left to the workbook reader, which says what is wrong; its
    // kind is then taken from the extension.
    let mut archive = (container == Container::Zip)
        .then(|| zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).ok())
        .flatten();
    let xlsb = container == Container::Zip
        && !ods
        && archive.as_ref().map_or(extension == "xlsb", is_xlsb);
    let xlsx = container == Container::Zip && !ods && !xlsb;
    let large = bytes.len() > LARGE_WORKBOOK_BYTES;
    let mut generator = None;
    let mut merges = MergeReading::Calamine;
    let mut theme = None;
    if let Some(archive) = archive.as_mut() {
        check_zip(archive)?;
        if ods {
            check_ods(archive)?;
        } else {
            check_sheet_count(archive)?;
            generator = dvk_category(archive);
        }
        if xlsb {
            check_xlsb_rows(archive)?;
        }
        if xlsx && !large {
            if let Some(found) = sole_worksheet_merges(archive) {
                merges = MergeReading::Found(found);
            }
        }
        if xlsx {
            theme = theme_name_end(archive, &bytes);
        }
    }
    drop(archive);
    if let Some(end) = theme {
        hide_theme(&mut bytes, end);
    }
    let open = |bytes: Vec<u8>| open_sheets(bytes, container, ods, xlsb);
    if !(xlsx && large) {
        let mut workbook = read_sheets(open(bytes)?, merges, large)?;
        workbook.generator = generator;
        return Ok(workbook);
    }
    // A large workbook's merged regions are read from its bytes again, on another core, from
    // the start: while calamine reads the shared strings, that core has nothing else to do
    // (once the cells are parsed it lays them out).
    let copy = bytes.clone();
    let mut workbook = std::thread::scope(|scope| {
        let early =
            std::thread::Builder::new().spawn_scoped(scope, move || (scan_sole_part(&copy), copy));
        let merges = match early {
            Ok(early) => MergeReading::Early(early),
            Err(_) => MergeReading::Alongside(bytes.clone()),
        };
        read_sheets(open(bytes)?, merges, large)
    })?;
    workbook.generator = generator;
    Ok(workbook)
}

/// The workbook's reader, for the container its bytes are.
fn open_sheets(
    bytes: Vec<u8>,
    container: Container,
    ods: bool,
    xlsb: bool,
) -> Result<calamine::Sheets<Bytes>, ReadError> {
    use calamine::{Ods, Reader, Xls, Xlsb, Xlsx};
    let cursor = std::io::Cursor::new(bytes);
    Ok(match container {
        Container::Zip if ods => calamine::Sheets::Ods(
            Ods::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Ods(e)))?,
        ),
        Container::Zip if xlsb => calamine::Sheets::Xlsb(
            Xlsb::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xlsb(e)))?,
        ),
        Container::Zip => calamine::Sheets::Xlsx(
            Xlsx::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xlsx(e)))?,
        ),
        // An encrypted .xlsx is an OLE container too: ask the xlsx reader first, it knows.
        Container::Cfb => match compound::check(cursor.get_ref())
            .map(|()| Xlsx::new(cursor.clone()))
            .map_err(|refusal| match refusal {
                compound::Refusal::Broken(reason) => ReadError::Unreadable(reason),
                compound::Refusal::TooLarge(reason) => ReadError::TooLarge(reason),
            })?
        {
            Err(calamine::XlsxError::Password) => return Err(ReadError::Encrypted),
            _ => calamine::Sheets::Xls(
                Xls::new(cursor).map_err(|e| unreadable_or_encrypted(calamine::Error::Xls(e)))?,
            ),
        },
        Container::Unknown => {
            return Err(ReadError::Unreadable(
                "nội dung không phải bảng tính Excel hay OpenDocument (có thể là tệp văn bản, PDF, hoặc tệp bị đổi đuôi)"
                    .to_string(),
            ))
        }
    })
}

/// Where the name of the theme part (`xl/theme/theme1.xml`) ends in the zip's central
/// directory, to hide it from calamine ([`hide_theme`]).
fn theme_name_end(archive: &mut ZipBytes<'_>, bytes: &[u8]) -> Option<usize> {
    const SUFFIX: &[u8] = b"theme/theme1.xml";
    const CENTRAL_HEADER: &[u8] = b"PK\x01\x02";
    /// The name follows the 46 bytes of a central directory header; its length is at 28.
    const NAME_AT: usize = 46;
    let is_theme = |name: &[u8]| {
        name.len() >= SUFFIX.len() && name[name.len() - SUFFIX.len()..].eq_ignore_ascii_case(SUFFIX)
    };
    let index = archive
        .file_names()
        .position(|name| name.is_ok_and(|name| is_theme(name.as_bytes())))?;
    let entry = archive.by_index_raw(index).ok()?;
    let name = entry.name_raw();
    if !is_theme(name) {
        return None;
    }
    let start = usize::try_from(entry.central_header_start()).ok()?;
    let header = bytes.get(start..start.checked_add(NAME_AT)?)?;
    let length = usize::from(u16::from_le_bytes([*header.get(28)?, *header.get(29)?]));
    let stored = bytes.get(start + NAME_AT..start + NAME_AT + length)?;
    (header.starts_with(CENTRAL_HEADER) && stored == name).then_some(start + NAME_AT + length)
}

/// calamine reads a workbook's theme for the colour palette of fonts and fills, which dvk never
/// looks at: a tenth of all the work of checking 10,000 small workbooks. The part is hidden by
/// changing the last letter of its name in dvk's copy of the zip directory (the file on disk
/// is never touched): calamine then takes the default palette, as for a workbook without a
/// theme. `end` is from [`theme_name_end`].
fn hide_theme(bytes: &mut [u8], end: usize) {
    if let Some(last) = end.checked_sub(1).and_then(|i| bytes.get_mut(i)) {
        *last = b'_';
    }
}

/// The document category dvk writes into its own workbooks ("dvk-report" ...), read from
/// `docProps/core.xml` alone: calamine's properties would also parse the other property parts,
/// for every file read.
fn dvk_category(archive: &mut ZipBytes<'_>) -> Option<String> {
    use quick_xml::events::Event;
    /// dvk writes a few hundred bytes; a larger part is not dvk's and is not worth reading.
    const MAX_CORE_BYTES: u64 = 64 * 1024;
    let part = archive.by_name("docProps/core.xml").ok()?;
    let mut xml = Vec::new();
    // What was read before an error is still looked at, as the XML reader would have.
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(part, MAX_CORE_BYTES), &mut xml);
    // Most workbooks are not dvk's: the XML is parsed only where "dvk-" is written, or where
    // the part is not UTF-8 (UTF-16 has a zero byte in every ASCII letter).
    if memchr::memmem::find(&xml, Category::PREFIX.as_bytes()).is_none()
        && memchr::memchr(0, &xml).is_none()
    {
        return None;
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let (mut buf, mut in_category) = (Vec::new(), false);
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) => in_category = e.local_name().as_ref() == "category",
            Event::Text(text) if in_category => {
                let category = text.xml10_content();
                return category
                    .starts_with(Category::PREFIX)
                    .then(|| category.into_owned());
            }
            Event::End(_) => in_category = false,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// An OpenDocument zip stores its mimetype uncompressed as the first entry.
fn is_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(128)];
    head.windows(b"opendocument.spreadsheet".len())
        .any(|w| w == b"opendocument.spreadsheet")
}

/// An .xlsb holds its workbook part in binary (`xl/workbook.bin`), an .xlsx or .xlsm in XML
/// (`xl/workbook.xml`): the parts tell them apart whatever the file is named, so a renamed
/// one is read for what it is.
fn is_xlsb(archive: &ZipBytes<'_>) -> bool {
    let has = |part: &str| {
        archive
            .file_names()
            .filter_map(Result::ok)
            .any(|name| name.eq_ignore_ascii_case(part))
    };
    !has("xl/workbook.xml") && has("xl/workbook.bin")
}

/// Refuses an .xlsb with a row header past Excel's last row in a worksheet part: calamine
/// would end the sheet there and the rows after it would vanish without a word
/// ([`xlsb::row_past_the_limit`]).
fn check_xlsb_rows(archive: &mut ZipBytes<'_>) -> Result<(), ReadError> {
    let parts: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            lower.starts_with("xl/worksheets/") && lower.ends_with(".bin")
        })
        .map(|name| name.into_owned())
        .collect();
    for name in parts {
        let Ok(part) = archive.by_name(&name) else {
            continue;
        };
        if let Some(row) = xlsb::row_past_the_limit(part) {
            return Err(ReadError::TooLarge(format!(
                "có dòng số {}, quá giới hạn {} dòng của Excel (tệp hỏng hoặc bị sửa); tệp không được đọc để không dòng nào bị bỏ qua mà không báo (chi tiết kỹ thuật: phần {name})",
                u64::from(row) + 1,
                xlsb::EXCEL_ROWS
            )));
        }
    }
    Ok(())
}

fn unreadable_or_encrypted(error: calamine::Error) -> ReadError {
    use calamine::{Error, OdsError, XlsError, XlsxError};
    match error {
        Error::Xlsx(XlsxError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Ods(OdsError::Password) => ReadError::Encrypted,
        other => ReadError::Unreadable(format!(
            "tệp hỏng, bị cắt cụt hoặc không đúng định dạng (chi tiết kỹ thuật: {other})"
        )),
    }
}

/// From this size on, a workbook is the only one being read and gets both cores: its cells are
/// parsed on one and laid out on the other, its merged regions read alongside.
const LARGE_WORKBOOK_BYTES: usize = 1024 * 1024;

/// How a workbook's merged regions are read.
enum MergeReading<'scope> {
    /// Already found in the workbook's one worksheet part (see [`sole_worksheet_merges`]),
    /// with its hidden rows.
    Found(merges::Scan),
    /// Asked of the workbook's reader after the cells (.xls, and .xlsx of several sheets).
    Calamine,
    /// Read from the workbook's bytes on another core while the cells are read (large .xlsx).
    Alongside(Vec<u8>),
    /// The one worksheet part's, scanned on another core since before the workbook was opened
    /// (large .xlsx), with the bytes back: `None` when the workbook has several parts, whose
    /// merged regions are then read [`MergeReading::Alongside`].
    Early(std::thread::ScopedJoinHandle<'scope, (Option<merges::Scan>, Vec<u8>)>),
}

/// The visible worksheets, read, merged regions filled, text normalized. A `large` workbook's
/// .xlsx cells are laid out on another core ([`lay_out_alongside`]).
fn read_sheets(
    mut sheets: calamine::Sheets<Bytes>,
    merges: MergeReading<'_>,
    large: bool,
) -> Result<Workbook, ReadError> {
    use calamine::{Reader, SheetType, SheetVisible};
    let mut workbook = Workbook {
        sheets: Vec::new(),
        hidden_sheets: 0,
        legacy: None,
        generator: None,
        fingerprint: None,
    };
    let mut names = Vec::new();
    let mut worksheets = 0;
    if sheets.sheets_metadata().len() > MAX_SHEETS {
        return Err(too_many_sheets(sheets.sheets_metadata().len()));
    }
    for meta in sheets.sheets_metadata() {
        worksheets += usize::from(meta.typ == SheetType::WorkSheet);
        if meta.visible == SheetVisible::Visible && meta.typ == SheetType::WorkSheet {
            names.push(meta.name.clone());
        } else {
            workbook.hidden_sheets += 1;
        }
    }
    // The one worksheet part is the one worksheet's only when the workbook lists one.
    let merges = match merges {
        MergeReading::Found(_) if worksheets != 1 => MergeReading::Calamine,
        // Several worksheets: a reader of their own pairs their parts with their names.
        MergeReading::Early(early) if worksheets != 1 => {
            MergeReading::Alongside(early.join().map_err(|_| reader_failed())?.1)
        }
        other => other,
    };
    let read_grids = |sheets: &mut calamine::Sheets<Bytes>| -> Result<Vec<_>, ReadError> {
        let mut before = 0;
        names
            .iter()
            .map(|name| {
                let (rows, evidence, fonts, cells) = sheet_grid(sheets, name, large, before)?;
                before += cells;
                Ok((rows, evidence, fonts))
            })
            .collect()
    };
    let (grids, merges) = match merges {
        MergeReading::Found(found) => {
            let found = vec![found; names.len()];
            (read_grids(&mut sheets), found)
        }
        MergeReading::Alongside(bytes) => rayon::join(
            || read_grids(&mut sheets),
            || merges_from_bytes(bytes, &names, worksheets),
        ),
        MergeReading::Early(early) => {
            let grids = read_grids(&mut sheets);
            // Not found when the one worksheet's part is not where parts are kept.
            let (found, bytes) = early.join().map_err(|_| reader_failed())?;
            (grids, found_or_by_calamine(found, bytes, &names))
        }
        MergeReading::Calamine => {
            let grids = read_grids(&mut sheets);
            let merges = names
                .iter()
                .map(|name| merges::Scan {
                    merges: merged_regions(&mut sheets, name),
                    hidden_rows: Vec::new(),
                })
                .collect();
            (grids, merges)
        }
    };
    for ((name, (rows, mut evidence, mut fonts)), scan) in names.into_iter().zip(grids?).zip(merges)
    {
        let mut sheet = Sheet::from_rows(name, rows);
        sheet.hidden_rows = scan.hidden_rows;
        let filled = fill_merges(&mut sheet, &scan.merges)?;
        for (rows, _) in &filled {
            // Rows whose evidence was gathered before their merged cells were filled.
            evidence.forget(rows.clone());
        }
        fonts.fill(&filled);
        workbook.legacy = workbook.legacy.or(evidence.normalize(&mut sheet, &fonts));
        workbook.sheets.push(sheet);
    }
    Ok(workbook)
}

/// The workbook's worksheet part (`xl/worksheets/sheet1.xml`), when it has exactly one.
///
/// A workbook listing one worksheet then has it there: the part could only belong to another
/// sheet if the listed one's part were missing or stored outside `worksheets/`, which no
/// spreadsheet program does. Several parts would need workbook.xml and its relationships
/// parsed to pair names with parts; calamine does that.
fn sole_worksheet_part(archive: &ZipBytes<'_>) -> Option<String> {
    let mut parts = archive.file_names().filter_map(Result::ok).filter(|name| {
        let mut folders = name.rsplit('/');
        let file = folders.next().unwrap_or_default();
        file.get(file.len().saturating_sub(4)..)
            .is_some_and(|extension| extension.eq_ignore_ascii_case(".xml"))
            && folders
                .next()
                .is_some_and(|folder| folder.eq_ignore_ascii_case("worksheets"))
    });
    let part = parts.next()?;
    parts.next().is_none().then(|| part.into_owned())
}

/// The merged regions of the workbook's one worksheet part, when it has exactly one (see
/// [`sole_worksheet_part`]); none found when the part cannot be read (calamine then reports the
/// sheet itself as unreadable).
fn sole_worksheet_merges(archive: &mut ZipBytes<'_>) -> Option<merges::Scan> {
    let part = sole_worksheet_part(archive)?;
    let found = archive
        .by_name(&part)
        .ok()
        .and_then(|part| merges::scan(part).ok());
    Some(found.unwrap_or_default())
}

/// The merged regions of each named sheet, from the workbook's bytes: scanned from the
/// worksheet part when the workbook has one worksheet, else read by a calamine reader of
/// their own.
fn merges_from_bytes(bytes: Vec<u8>, names: &[String], worksheets: usize) -> Vec<merges::Scan> {
    let found = (worksheets == 1).then(|| scan_sole_part(&bytes)).flatten();
    found_or_by_calamine(found, bytes, names)
}

/// The merged regions `found` in the one worksheet part for each named sheet, or, when none
/// were, each sheet's read by calamine from the workbook's `bytes`.
fn found_or_by_calamine(
    found: Option<merges::Scan>,
    bytes: Vec<u8>,
    names: &[String],
) -> Vec<merges::Scan> {
    match found {
        Some(found) => vec![found; names.len()],
        None => merges_by_calamine(bytes, names),
    }
}

/// [`sole_worksheet_merges`] of a workbook's bytes; `None` when they are no zip either.
fn scan_sole_part(bytes: &[u8]) -> Option<merges::Scan> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    sole_worksheet_merges(&mut archive)
}

/// The merged regions of each named sheet, read by a calamine reader of their own (calamine
/// pairs a workbook's sheet names with their parts).
fn merges_by_calamine(bytes: Vec<u8>, names: &[String]) -> Vec<merges::Scan> {
    use calamine::Reader;
    match calamine::Xlsx::new(std::io::Cursor::new(bytes)) {
        Ok(mut book) => names
            .iter()
            .map(|name| merges::Scan {
                merges: book.merge_cells_by_sheet_name(name).unwrap_or_default(),
                hidden_rows: Vec::new(),
            })
            .collect(),
        Err(_) => vec![merges::Scan::default(); names.len()],
    }
}

/// Merged regions, where the format gives them (calamine has none for .ods).
fn merged_regions(sheets: &mut calamine::Sheets<Bytes>, name: &str) -> Vec<calamine::Dimensions> {
    match sheets {
        calamine::Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(book) => book.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A sheet's cells laid out from A1, so that row indexes are Excel row numbers minus one, and
/// the encoding evidence gathered while reading (a large sheet's; none for the others).
///
/// .xlsx and .xlsb sheets are streamed cell by cell, so a sheet past [`MAX_ROWS`] or
/// [`MAX_CELLS`] is refused as soon as the limit is crossed, without ever holding it whole
/// (a crafted sheet with one value in A1 and one in XFD1048576 would otherwise ask for a
/// grid of 17 billion cells). .xls and .ods sheets are loaded by calamine first: .xls is
/// bounded by its format (65,536 × 256), .ods was measured beforehand by `check_ods`.
fn sheet_grid(
    sheets: &mut calamine::Sheets<Bytes>,
    name: &str,
    large: bool,
    before: usize,
) -> Result<SheetGrid, ReadError> {
    use calamine::{Reader, Sheets};
    let sheet_error = |e: &dyn std::fmt::Display| {
        ReadError::Unreadable(format!(
            "tệp hỏng, không đọc được trang «{name}» (chi tiết kỹ thuật: {e})"
        ))
    };
    let mut grid = Grid::new(name, before);
    let mut evidence = SheetEvidence::default();
    let mut fonts = CellFonts::default();
    match sheets {
        Sheets::Xlsx(book) if large => {
            let cells = book
                .worksheet_cells_reader(name)
                .map_err(|e| sheet_error(&e))?;
            let palette = FontPalette::of(cells.styles());
            (grid, evidence, fonts) = lay_out_alongside(cells, grid, palette, &sheet_error)?;
        }
        Sheets::Xlsx(book) => {
            let mut cells = book
                .worksheet_cells_reader(name)
                .map_err(|e| sheet_error(&e))?;
            let palette = FontPalette::of(cells.styles());
            fonts = palette.fonts();
            while let Some((cell, style)) = cells
                .next_cell_with_style_id()
                .map_err(|e| sheet_error(&e))?
            {
                let (position, value) = (cell.get_position(), convert_ref(cell.get_value()));
                palette.record(&mut fonts, position, style, &value);
                grid.put(position, value)?;
            }
        }
        Sheets::Xlsb(book) => {
            let mut cells = book
                .worksheet_cells_reader(name)
                .map_err(|e| sheet_error(&e))?;
            while let Some(cell) = cells.next_cell().map_err(|e| sheet_error(&e))? {
                grid.put(cell.get_position(), convert_ref(cell.get_value()))?;
            }
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| sheet_error(&e))?;
            let (top, left) = range.start().unwrap_or_default();
            for (row, col, value) in range.used_cells() {
                let position = (
                    top.saturating_add(row as u32),
                    left.saturating_add(col as u32),
                );
                grid.put(position, convert(value))?;
            }
        }
    }
    let cells = grid.cells;
    Ok((grid.finish(), evidence, fonts, cells))
}

/// A sheet's rows as read, the encoding evidence gathered while reading, its fonts, and the
/// cells it spans.
type SheetGrid = (Vec<Vec<CellValue>>, SheetEvidence, CellFonts, usize);

/// The legacy encoding of the font of each of a workbook's cell formats (.xlsx `cellXfs`,
/// by a cell's `s`), `None` for a Unicode font: a cell's font is the first evidence of the
/// encoding its text was typed in.
struct FontPalette {
    fonts: Vec<Option<Legacy>>,
    /// Whether any format's font is a legacy one: if not, no cell needs looking up.
    any_legacy: bool,
}

impl FontPalette {
    fn of(styles: &[calamine::Style]) -> Self {
        let fonts: Vec<Option<Legacy>> = styles
            .iter()
            .map(|style| {
                let name = style.font.as_ref().and_then(|font| font.name.as_deref());
                name.and_then(legacy_font)
            })
            .collect();
        let any_legacy = fonts.iter().any(Option::is_some);
        FontPalette { fonts, any_legacy }
    }

    /// The fonts of a sheet, before its cells: known when the workbook has its formats (a
    /// workbook without styles.xml records no font).
    fn fonts(&self) -> CellFonts {
        if self.fonts.is_empty() {
            CellFonts::default()
        } else {
            CellFonts::known()
        }
    }

    /// Records a text cell whose format `style` has a legacy font.
    fn record(
        &self,
        fonts: &mut CellFonts,
        (row, col): (u32, u32),
        style: usize,
        value: &CellValue,
    ) {
        if !self.any_legacy || !matches!(value, CellValue::Text(_)) {
            return;
        }
        if let Some(&Some(legacy)) = self.fonts.get(style) {
            fonts.push(row as usize, col as usize, legacy);
        }
    }
}

fn too_many_sheets(count: usize) -> ReadError {
    ReadError::TooLarge(format!(
        "tệp có {count} trang tính, quá giới hạn {MAX_SHEETS} trang"
    ))
}

/// The cells of a large .xlsx sheet: parsed on this thread, converted and laid into `grid` on
/// another, a batch of 4,096 at a time, with the encoding evidence of the rows completed. calamine's
/// parse is most of the reading, and a workbook this large is the only one being read, so the
/// other core would otherwise wait.
fn lay_out_alongside<'a, 'g>(
    mut cells: calamine::XlsxCellReader<'a, Bytes>,
    mut grid: Grid<'g>,
    palette: FontPalette,
    sheet_error: &dyn Fn(&dyn std::fmt::Display) -> ReadError,
) -> Result<(Grid<'g>, SheetEvidence, CellFonts), ReadError> {
    let (sender, batches) = std::sync::mpsc::sync_channel::<Batch<'a>>(4);
    std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            let mut evidence = SheetEvidence::default();
            let mut fonts = palette.fonts();
            for batch in batches {
                lay_out_batch(&mut grid, &mut evidence, &mut fonts, &palette, &batch)?;
            }
            Ok((grid, evidence, fonts))
        });
        let parsed = send_cells(&mut cells, &sender, sheet_error);
        drop(sender);
        let built = builder.join().unwrap_or_else(|_| Err(reader_failed()));
        parsed.and(built)
    })
}

/// Batches of values laid out by [`lay_out_alongside`]'s other thread, with their format.
type Batch<'a> = Vec<((u32, u32), calamine::DataRef<'a>, usize)>;

/// Lays one batch into `grid`, then gathers the evidence of the rows it completed: rows come
/// in order, so the rows before the batch's last are complete, and their evidence is gathered
/// while calamine parses the next batch. A cell out of order sends its row's block to be
/// gathered again.
fn lay_out_batch(
    grid: &mut Grid<'_>,
    evidence: &mut SheetEvidence,
    fonts: &mut CellFonts,
    palette: &FontPalette,
    batch: &Batch<'_>,
) -> Result<(), ReadError> {
    for &((row, col), ref value, style) in batch {
        evidence.forget(row as usize..=row as usize);
        let value = convert_ref(value);
        palette.record(fonts, (row, col), style, &value);
        grid.put((row, col), value)?;
    }
    if let Some(&((row, _), _, _)) = batch.last() {
        evidence.gather_before(&grid.rows, row as usize);
    }
    Ok(())
}

/// Parses every cell and sends them on in batches. A failed send means the builder stopped at
/// a limit: its error is the one to report, so parsing just ends.
fn send_cells<'a>(
    cells: &mut calamine::XlsxCellReader<'a, Bytes>,
    sender: &std::sync::mpsc::SyncSender<Batch<'a>>,
    sheet_error: &dyn Fn(&dyn std::fmt::Display) -> ReadError,
) -> Result<(), ReadError> {
    const BATCH: usize = 4096;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some((cell, style)) = cells
        .next_cell_with_style_id()
        .map_err(|e| sheet_error(&e))?
    {
        batch.push((cell.get_position(), cell.get_value().clone(), style));
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if sender.send(full).is_err() {
                return Ok(());
            }
        }
    }
    // The last send may fail the same way: the builder's error is reported then.
    let _ = sender.send(batch);
    Ok(())
}

/// A sheet's rows as they are filled, cell by cell, within [`MAX_ROWS`] and [`MAX_CELLS`].
struct Grid<'a> {
    sheet: &'a str,
    rows: Vec<Vec<CellValue>>,
    cells: usize,
    /// The cells of the workbook's sheets read before this one.
    before: usize,
}

impl<'a> Grid<'a> {
    fn new(sheet: &'a str, before: usize) -> Self {
        Grid {
            sheet,
            rows: Vec::new(),
            cells: 0,
            before,
        }
    }

    /// Puts a value at a 0-based (row, column); blank cells take no room.
    fn put(&mut self, (row, col): (u32, u32), cell: CellValue) -> Result<(), ReadError> {
        if cell == CellValue::Empty {
            return Ok(());
        }
        let (row, col) = (row as usize, col as usize);
        if row >= MAX_ROWS {
            return Err(ReadError::TooLarge(format!(
                "trang «{}» có dữ liệu ở dòng {}, quá giới hạn {MAX_ROWS} dòng (nếu phía dưới chỉ là dòng trống, hãy xóa các dòng đó rồi gửi lại)",
                self.sheet,
                row + 1
            )));
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let line = &mut self.rows[row];
        if line.len() <= col {
            self.cells += col + 1 - line.len();
            if self.cells > MAX_CELLS {
                return Err(ReadError::TooLarge(format!(
                    "trang «{}» trải trên hơn {MAX_CELLS} ô, quá giới hạn (thường do có ô ghi ở cột hay dòng rất xa phần biểu mẫu: xóa các cột, dòng thừa đó rồi gửi lại)",
                    self.sheet
                )));
            }
            if self.cells.saturating_add(self.before) > MAX_CELLS {
                return Err(workbook_too_large());
            }
            line.resize(col + 1, CellValue::Empty);
        }
        line[col] = cell;
        Ok(())
    }

    /// The rows, without blank cells at their ends or blank rows at the bottom.
    fn finish(mut self) -> Vec<Vec<CellValue>> {
        for row in &mut self.rows {
            row.truncate(used_len(row));
        }
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        self.rows
    }
}

fn workbook_too_large() -> ReadError {
    ReadError::TooLarge(format!(
        "các trang của tệp trải trên hơn {MAX_CELLS} ô tổng cộng, quá giới hạn"
    ))
}

/// Converts one streamed calamine value.
fn convert_ref(data: &calamine::DataRef<'_>) -> CellValue {
    convert(&calamine::Data::from(data.clone()))
}

/// The years a date cell may fall in to be taken as a date; others are kept as the text
/// Excel shows, so that they are judged (and refused) like a typed date.
const DATE_CELL_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Converts one calamine value. Dates are matched before numbers, because calamine would
/// happily turn any number into a date.
fn convert(data: &calamine::Data) -> CellValue {
    use calamine::Data;
    match data {
        Data::Empty => CellValue::Empty,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Float(f) => CellValue::Number(*f),
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => convert_date(dt),
        Data::DateTime(dt) => CellValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => date_cell(date),
                Err(_) => CellValue::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
    }
}

/// Serial numbers safely converted as dates: far wider than Excel's 1 (01/01/1900) to
/// 2,958,465 (31/12/9999), in either date system, and far inside what calamine's conversion
/// to milliseconds can hold.
const DATE_SERIALS: std::ops::Range<f64> = -10_000_000.0..10_000_000.0;

/// An Excel date. Serial 60 is the 29/02/1900 Excel invents (1900 was no leap year), which
/// calamine turns into 28/02/1900: it is kept as Excel shows it, a day that never was.
///
/// A serial Excel cannot show as a date (-1e308, a NaN written by another tool) stays a
/// number: calamine's conversion would overflow on it (and panic, losing the whole file),
/// where the number is only that row's `invalid-date`.
fn convert_date(dt: &calamine::ExcelDateTime) -> CellValue {
    let serial = dt.as_f64();
    if !DATE_SERIALS.contains(&serial) {
        return CellValue::Number(serial);
    }
    let phantom = NaiveDate::from_ymd_opt(1900, 2, 28);
    match dt.as_datetime() {
        Some(datetime) if dt.as_f64().floor() == 60.0 && Some(datetime.date()) == phantom => {
            CellValue::Text("29/02/1900".to_string())
        }
        Some(datetime) => date_cell(datetime.date()),
        None => CellValue::Number(dt.as_f64()),
    }
}

fn date_cell(date: NaiveDate) -> CellValue {
    if DATE_CELL_YEARS.contains(&chrono::Datelike::year(&date)) {
        CellValue::Date(date)
    } else {
        CellValue::Text(crate::sheet::format_date(date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_refuses_rows_and_cells_past_the_limits() {
        let mut grid = Grid::new("DS", 0);
        let text = || CellValue::Text("x".to_string());
        assert!(grid.put((0, 0), text()).is_ok());
        assert!(grid.put((5, 2), CellValue::Empty).is_ok());
        assert!(matches!(
            grid.put((MAX_ROWS as u32, 0), text()),
            Err(ReadError::TooLarge(_))
        ));
        assert!(matches!(
            grid.put((1, MAX_CELLS as u32), text()),
            Err(ReadError::TooLarge(_))
        ));
        assert_eq!(grid.finish(), vec![vec![text()]]);
    }

    /// A sheet of several blocks of rows, with TCVN3 text in some of them (the first block
    /// Unicode), merged regions over data rows across a block boundary, and unclean text.
    fn blocks_of_mixed_text() -> Vec<u8> {
        let tcvn3 =
            |s: &str| bamboo_core::encode_charset(bamboo_core::Charset::Tcvn3, s).into_owned();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let plain = rust_xlsxwriter::Format::new();
        let written = (|| -> Result<(), rust_xlsxwriter::XlsxError> {
            sheet.merge_range(0, 0, 0, 3, "DANH SÁCH MÔ HÌNH", &plain)?;
            for row in 1..3_000u32 {
                let name = match row {
                    600..=700 | 2_000..=2_100 => tcvn3("Nguyễn Thị Hương"),
                    _ => format!(" Chi bộ  {row}"),
                };
                sheet.write_string(row, 0, name)?;
                sheet.write_number(row, 1, f64::from(row))?;
                sheet.write_string(row, 2, "Cải cách hành chính")?;
            }
            // A TCVN3 text of its own in a Unicode column: each of its cells must be judged
            // on its own evidence.
            sheet.merge_range(1_020, 2, 1_030, 2, &tcvn3("Nguyễn Thị Hương"), &plain)?;
            Ok(())
        })();
        assert!(written.is_ok(), "{written:?}");
        book.save_to_buffer().unwrap_or_default()
    }

    #[test]
    fn a_sheet_laid_out_alongside_reads_as_one_laid_out_in_place() {
        use calamine::Reader;
        let bytes = blocks_of_mixed_text();
        let read = |large| {
            let book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone()));
            let sheets = calamine::Sheets::Xlsx(book.map_err(|e| e.to_string())?);
            read_sheets(sheets, MergeReading::Calamine, large).map_err(|e| e.reason())
        };
        let (alongside, in_place) = (read(true), read(false));
        assert_eq!(alongside, in_place);
        let Ok(book) = alongside else {
            panic!("not read: {alongside:?}");
        };
        assert_eq!(
            book.legacy,
            Some(crate::ingest::normalize::legacy::Legacy::Tcvn3)
        );
        let sheet = &book.sheets[0];
        let text = |s: &str| CellValue::Text(s.to_string());
        assert_eq!(sheet.get(0, 3), &text("DANH SÁCH MÔ HÌNH"));
        assert_eq!(sheet.get(650, 0), &text("Nguyễn Thị Hương"));
        assert_eq!(sheet.get(2_050, 0), &text("Nguyễn Thị Hương"));
        assert_eq!(sheet.get(1_025, 2), &text("Nguyễn Thị Hương"));
        assert_eq!(sheet.get(1_035, 2), &text("Cải cách hành chính"));
        assert_eq!(sheet.get(1_500, 0), &text("Chi bộ 1500"));
    }

    #[test]
    fn a_cell_out_of_order_is_judged_with_its_row() {
        let (mut grid, mut evidence) = (Grid::new("DS", 0), SheetEvidence::default());
        let (palette, mut fonts) = (FontPalette::of(&[]), CellFonts::default());
        let text = |s: &str| CellValue::Text(s.to_string());
        let value = |s: &str| calamine::DataRef::String(s.to_string());
        let rows: Batch = (0..1_100)
            .map(|row| ((row, 0), value("Chi bộ"), 0))
            .collect();
        let mut lay_out = |batch: &Batch| {
            lay_out_batch(&mut grid, &mut evidence, &mut fonts, &palette, batch).is_ok()
        };
        assert!(lay_out(&rows));
        let late = vec![((3, 0), value(" Chi  bộ "), 0)];
        assert!(lay_out(&late));
        let mut sheet = Sheet::from_rows("DS", grid.finish());
        assert_eq!(evidence.normalize(&mut sheet, &fonts), None);
        assert_eq!(sheet.get(3, 0), &text("Chi bộ"));
    }

    #[test]
    fn the_theme_is_hidden_from_calamine_and_the_cells_read_the_same() {
        use calamine::Reader;
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        let color =
            rust_xlsxwriter::Format::new().set_font_color(rust_xlsxwriter::Color::Theme(4, 2));
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 2, 20);
        let written = day.and_then(|day| {
            sheet.write_string_with_format(0, 0, "Chi bộ Văn phòng", &color)?;
            sheet.write_datetime_with_format(0, 1, &day, &date)?;
            sheet.write_number(0, 2, 3.5)?;
            Ok(())
        });
        assert!(written.is_ok(), "{written:?}");
        let bytes = book.save_to_buffer().unwrap_or_default();
        let names = |bytes: &[u8]| -> Vec<String> {
            zip::ZipArchive::new(std::io::Cursor::new(bytes))
                .map(|a| {
                    a.file_names()
                        .filter_map(Result::ok)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let end = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))
            .ok()
            .and_then(|mut archive| theme_name_end(&mut archive, &bytes));
        let mut hidden = bytes.clone();
        hide_theme(&mut hidden, end.unwrap_or_default());
        assert!(names(&bytes).iter().any(|n| n == "xl/theme/theme1.xml"));
        assert!(!names(&hidden).iter().any(|n| n.ends_with("theme1.xml")));
        assert_eq!(names(&hidden).len(), names(&bytes).len());
        let cells = |bytes: Vec<u8>| {
            calamine::Xlsx::new(std::io::Cursor::new(bytes))
                .map_err(|e| e.to_string())
                .and_then(|mut book| book.worksheet_range("Sheet1").map_err(|e| e.to_string()))
                .map(|range| {
                    range
                        .cells()
                        .map(|(_, _, c)| convert(c))
                        .collect::<Vec<_>>()
                })
        };
        let read = cells(hidden);
        assert_eq!(read, cells(bytes.clone()));
        let expected = NaiveDate::from_ymd_opt(2024, 2, 20).map(CellValue::Date);
        assert_eq!(read.ok().and_then(|cells| cells.get(1).cloned()), expected);
        // Bytes that are not that zip's directory are left alone.
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()));
        assert!(archive.is_ok_and(|mut a| theme_name_end(&mut a, &[0; 64]).is_none()));
    }

    #[test]
    fn impossible_date_cells_keep_their_text() {
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        assert_eq!(date_cell(far), CellValue::Text("31/12/9999".to_string()));
        let serial = |value| {
            calamine::Data::DateTime(calamine::ExcelDateTime::new(
                value,
                calamine::ExcelDateTimeType::DateTime,
                false,
            ))
        };
        assert_eq!(
            convert(&serial(60.0)),
            CellValue::Text("29/02/1900".to_string())
        );
        assert_eq!(
            convert(&serial(61.0)),
            CellValue::Date(NaiveDate::from_ymd_opt(1900, 3, 1).unwrap_or_default())
        );
    }

    #[test]
    fn sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(megabytes(1), "1 KB");
        assert_eq!(megabytes(500 * 1024 * 1024), "500 MB");
    }
}
