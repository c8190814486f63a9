//! Hostile and broken input: the fault corpus.
//!
//! Every case is generated here (nothing is committed but the two small fixtures the other
//! tests share): broken zips, files that are not workbooks, workbooks with no visible sheet,
//! huge and crafted sheets, decompression bombs, odd XML, odd cells, odd dates, odd folders.
//! Each case is checked on its own (exit code, finding code, message), then the whole corpus
//! in one run, which must end without a panic or a signal, within bounded time and memory.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::book::{date, row, t, xlsx_bytes, SheetSpec, V};
use crate::common::workdir::{Run, Workdir};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const HEADER: [&str; 6] = [
    "Chi bộ",
    "Loại",
    "Tên mô hình",
    "Lĩnh vực",
    "Ngày đăng ký",
    "Năm",
];

/// The texts of a registration row accepted as of 01/10/2018, in [`HEADER`]'s order; the
/// model's name is the third.
const GOOD_ROW: [&str; 6] = [
    "Chi bộ Văn phòng",
    "TT",
    "Một cửa",
    "Kinh tế",
    "05/10/2018",
    "2018",
];

/// A registration row that is accepted as of 01/10/2018, for the model `name`.
fn good_row(name: &str) -> Vec<V> {
    let mut texts = GOOD_ROW;
    texts[2] = name;
    row(&texts)
}

/// A registration sheet: the header, then the rows.
fn registration(name: &str, rows: Vec<Vec<V>>) -> SheetSpec {
    let mut all = vec![row(&HEADER)];
    all.extend(rows);
    SheetSpec::new(name, all)
}

/// A registration row with one value replaced (column index in [`HEADER`]).
fn row_with(col: usize, value: V) -> Vec<V> {
    let mut r = good_row("Một cửa đúng hẹn");
    r[col] = value;
    r
}

fn good_xlsx() -> Vec<u8> {
    xlsx_bytes(&[registration("DS", vec![good_row("Một cửa đúng hẹn")])]).expect("xlsx")
}

/// The entries of a zip, decompressed, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read entry");
            (entry.name().expect("name").to_string(), data)
        })
        .collect()
}

/// A deflated zip of the entries.
fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in entries {
        writer.start_file(name.as_str(), options).expect("start");
        writer.write_all(data).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

/// A good workbook with one part's text edited.
fn patched_xlsx(part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(&good_xlsx())
        .into_iter()
        .map(|(name, data)| {
            if name == part {
                let text = String::from_utf8(data).expect("utf-8 part");
                (name, edit(&text).into_bytes())
            } else {
                (name, data)
            }
        })
        .collect();
    zip_of(&entries)
}

/// A zip entry written by hand, so that its declared size can be anything.
struct RawEntry {
    name: String,
    /// 0 stored, 8 deflated.
    method: u16,
    crc: u32,
    data: Vec<u8>,
    /// The uncompressed size the headers declare.
    size: u32,
}

impl RawEntry {
    fn stored(name: &str, data: Vec<u8>) -> RawEntry {
        RawEntry {
            name: name.to_string(),
            method: 0,
            crc: crc32fast::hash(&data),
            size: data.len() as u32,
            data,
        }
    }
}

/// A zip archive from hand-written entries (no zip64: every size below 4 GiB).
fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let name = entry.name.as_bytes();
        let common = |buf: &mut Vec<u8>| {
            for v in [20u16, 0, entry.method, 0, 0x21] {
                buf.extend(v.to_le_bytes());
            }
            for v in [entry.crc, entry.data.len() as u32, entry.size] {
                buf.extend(v.to_le_bytes());
            }
            buf.extend((name.len() as u16).to_le_bytes());
            buf.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name);
        out.extend(&entry.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        for v in [0u16, 0, 0] {
            central.extend(v.to_le_bytes());
        }
        central.extend(0u32.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        out.extend(v.to_le_bytes());
    }
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `chunks` × 4 MiB of spaces, and its CRC: one chunk is compressed
/// once and repeated, so that gigabytes cost milliseconds and a few megabytes.
fn spaces_deflated(chunks: u32) -> (Vec<u8>, u32, u64) {
    const CHUNK: usize = 4 * 1024 * 1024;
    let spaces = vec![b' '; CHUNK];
    let mut compressor = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(CHUNK / 100);
    compressor
        .compress_vec(&spaces, &mut block, flate2::FlushCompress::Sync)
        .expect("deflate");
    assert_eq!(
        compressor.total_in(),
        CHUNK as u64,
        "one call compresses the chunk"
    );
    let mut chunk_crc = crc32fast::Hasher::new();
    chunk_crc.update(&spaces);
    let mut crc = crc32fast::Hasher::new();
    let mut stream = Vec::with_capacity(block.len() * chunks as usize + 2);
    for _ in 0..chunks {
        stream.extend(&block);
        crc.combine(&chunk_crc);
    }
    // An empty final block with fixed codes.
    stream.extend([0x03, 0x00]);
    (stream, crc.finalize(), CHUNK as u64 * u64::from(chunks))
}

/// A good workbook whose first sheet is replaced by a deflated run of spaces, declared as
/// `declared` bytes (its true size when `None`).
fn bomb_xlsx(chunks: u32, declared: Option<u32>) -> Vec<u8> {
    let (stream, crc, size) = spaces_deflated(chunks);
    let mut entries: Vec<RawEntry> = unzip(&good_xlsx())
        .into_iter()
        .filter(|(name, _)| name != "xl/worksheets/sheet1.xml")
        .map(|(name, data)| RawEntry::stored(&name, data))
        .collect();
    entries.push(RawEntry {
        name: "xl/worksheets/sheet1.xml".to_string(),
        method: 8,
        crc,
        data: stream,
        size: declared.unwrap_or(u32::try_from(size).expect("below 4 GiB")),
    });
    raw_zip(&entries)
}

/// A good workbook with extra parts of 48 MiB of spaces each: under the ratio floor one by
/// one, over the total limit together.
fn many_parts_bomb(parts: u32) -> Vec<u8> {
    let (stream, crc, size) = spaces_deflated(12);
    let mut entries: Vec<RawEntry> = unzip(&good_xlsx())
        .into_iter()
        .map(|(name, data)| RawEntry::stored(&name, data))
        .collect();
    for i in 0..parts {
        entries.push(RawEntry {
            name: format!("xl/media/dem{i}.bin"),
            method: 8,
            crc,
            data: stream.clone(),
            size: size as u32,
        });
    }
    raw_zip(&entries)
}

/// A minimal OpenDocument spreadsheet around a `<table:table>` body.
fn ods_with_table(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    raw_zip(&[
        RawEntry::stored(
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        RawEntry::stored("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
        RawEntry::stored("content.xml", content.into_bytes()),
    ])
}

/// An ODS text cell.
fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

/// An ODS registration whose date cell is a real date.
fn ods_dated(iso: &str) -> Vec<u8> {
    let header: String = HEADER.iter().map(|h| ods_text(h)).collect();
    let cells: String = ["Chi bộ Văn phòng", "TT", "Một cửa", "Kinh tế"]
        .iter()
        .map(|s| ods_text(s))
        .collect();
    let table = format!(
        r#"<table:table table:name="DS"><table:table-row>{header}</table:table-row><table:table-row>{cells}<table:table-cell office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>{}</table:table-row></table:table>"#,
        ods_text("2018")
    );
    ods_with_table(&table)
}

/// A workbook written with rust_xlsxwriter directly, for what the test builder cannot say.
fn xlsxwriter(
    build: impl FnOnce(&mut rust_xlsxwriter::Workbook) -> Result<(), rust_xlsxwriter::XlsxError>,
) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    build(&mut workbook).expect("build workbook");
    workbook.save_to_buffer().expect("save workbook")
}

fn write_header(sheet: &mut rust_xlsxwriter::Worksheet) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (col, title) in (0u16..).zip(HEADER) {
        sheet.write_string(0, col, title)?;
    }
    Ok(())
}

fn write_good_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (col, value) in (0u16..).zip(GOOD_ROW) {
        sheet.write_string(r, col, value)?;
    }
    Ok(())
}

/// A registration of `rows` data rows, written in constant memory.
fn long_registration(rows: u32) -> Vec<u8> {
    xlsxwriter(|book| {
        let sheet = book.add_worksheet_with_constant_memory()?;
        write_header(sheet)?;
        for r in 1..=rows {
            write_good_row(sheet, r)?;
        }
        Ok(())
    })
}

/// True when the current user reads files whatever their permissions (root).
fn permissions_do_not_bite(dir: &Workdir) -> bool {
    let probe = dir.bytes("probe", b"x");
    set_mode(&probe, 0o000);
    let readable = std::fs::read(&probe).is_ok();
    set_mode(&probe, 0o644);
    readable
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

/// One fault: how to make it under a folder, and what dvk must say.
struct Case {
    name: &'static str,
    /// Writes the case into the folder (relative paths inside it).
    make: fn(&Workdir, &str),
    /// The exit code of `dvk check` on the case alone.
    exit: i32,
    /// The finding code expected (`None`: the file is read without any finding).
    code: Option<&'static str>,
    /// A part of the message of that finding.
    message: &'static str,
    /// Rows read and accepted.
    rows: (u64, u64),
}

fn put(dir: &Workdir, folder: &str, name: &str, bytes: &[u8]) {
    dir.bytes(&format!("{folder}/{name}"), bytes);
}

fn put_xlsx(dir: &Workdir, folder: &str, name: &str, sheets: &[SheetSpec]) {
    put(dir, folder, name, &xlsx_bytes(sheets).expect("xlsx"));
}

fn cases() -> Vec<Case> {
    let mut all = first_round();
    all.extend(second_round());
    all.extend(odd_entries());
    all.extend(structure_round());
    all
}

fn first_round() -> Vec<Case> {
    vec![
        Case {
            name: "truncated-zip",
            make: |d, f| {
                let bytes = good_xlsx();
                put(d, f, "cat.xlsx", &bytes[..bytes.len() / 2]);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp hỏng, bị cắt cụt hoặc không đúng định dạng",
            rows: (0, 0),
        },
        Case {
            name: "corrupt-zip-directory",
            make: |d, f| {
                let mut bytes = good_xlsx();
                // Wipe every central directory signature.
                for i in 0..bytes.len().saturating_sub(4) {
                    if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
                        bytes[i + 2] = 0xEE;
                    }
                }
                put(d, f, "hong.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp hỏng",
            rows: (0, 0),
        },
        Case {
            name: "corrupt-sheet-data",
            make: |d, f| {
                // The sheet's deflated data cut in half, its sizes declared whole.
                let raw: Vec<RawEntry> = unzip(&good_xlsx())
                    .into_iter()
                    .map(|(name, data)| {
                        if name != "xl/worksheets/sheet1.xml" {
                            return RawEntry::stored(&name, data);
                        }
                        let mut deflated = Vec::with_capacity(data.len() + 64);
                        flate2::Compress::new(flate2::Compression::default(), false)
                            .compress_vec(&data, &mut deflated, flate2::FlushCompress::Finish)
                            .expect("deflate");
                        deflated.truncate(deflated.len() / 2);
                        RawEntry {
                            name,
                            method: 8,
                            crc: crc32fast::hash(&data),
                            size: data.len() as u32,
                            data: deflated,
                        }
                    })
                    .collect();
                put(d, f, "cat-giua.xlsx", &raw_zip(&raw));
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp hỏng",
            rows: (0, 0),
        },
        Case {
            name: "docx-named-xlsx",
            make: |d, f| {
                let docx = zip_of(&[
                    ("[Content_Types].xml".into(), b"<Types/>".to_vec()),
                    (
                        "word/document.xml".into(),
                        b"<w:document><w:body>Cong van</w:body></w:document>".to_vec(),
                    ),
                ]);
                put(d, f, "cong-van.xlsx", &docx);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp hỏng, bị cắt cụt hoặc không đúng định dạng",
            rows: (0, 0),
        },
        Case {
            name: "pdf-named-xlsx",
            make: |d, f| {
                put(
                    d,
                    f,
                    "ke-hoach.xlsx",
                    b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
                )
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không phải bảng tính Excel hay OpenDocument",
            rows: (0, 0),
        },
        Case {
            name: "text-named-xlsx",
            make: |d, f| {
                put(
                    d,
                    f,
                    "ghi-chu.xlsx",
                    "Danh sách: xem thư kèm theo\n".as_bytes(),
                )
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không phải bảng tính Excel hay OpenDocument",
            rows: (0, 0),
        },
        Case {
            name: "password-protected",
            make: |d, f| {
                d.fixture("encrypted.xlsx", &format!("{f}/mat-khau.xlsx"));
            },
            exit: 1,
            code: Some("encrypted-file"),
            message: "mật khẩu",
            rows: (0, 0),
        },
        Case {
            name: "xls-named-xlsx",
            make: |d, f| {
                d.fixture("registration_title_rows.xls", &format!("{f}/doi-duoi.xlsx"));
            },
            exit: 0,
            code: None,
            message: "",
            rows: (2, 2),
        },
        Case {
            name: "xlsx-named-xls",
            make: |d, f| put(d, f, "doi-duoi.xls", &good_xlsx()),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "empty-file",
            make: |d, f| put(d, f, "rong.xlsx", b""),
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp rỗng (0 byte)",
            rows: (0, 0),
        },
        Case {
            name: "no-sheets",
            make: |d, f| {
                let bytes = patched_xlsx("xl/workbook.xml", |xml| {
                    let start = xml.find("<sheets>").unwrap_or(0);
                    let end = xml.find("</sheets>").map_or(xml.len(), |e| e + 9);
                    format!("{}<sheets/>{}", &xml[..start], &xml[end..])
                });
                put(d, f, "khong-trang.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unknown-form"),
            message: "không có trang tính nào đang hiện",
            rows: (0, 0),
        },
        Case {
            name: "only-hidden-sheets",
            make: |d, f| {
                let bytes = patched_xlsx("xl/workbook.xml", |xml| {
                    xml.replace("<sheet name=", "<sheet state=\"hidden\" name=")
                });
                put(d, f, "an.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unknown-form"),
            message: "không có trang tính nào đang hiện",
            rows: (0, 0),
        },
        Case {
            name: "only-charts",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let data = book.add_worksheet();
                    data.write_number(0, 0, 1)?;
                    data.write_number(1, 0, 2)?;
                    data.set_hidden(true);
                    let mut chart = rust_xlsxwriter::Chart::new_column();
                    chart.add_series().set_values("Sheet1!$A$1:$A$2");
                    let sheet = book.add_chartsheet();
                    sheet.insert_chart(0, 0, &chart)?;
                    sheet.set_active(true);
                    Ok(())
                });
                put(d, f, "bieu-do.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unknown-form"),
            message: "không có trang tính nào đang hiện",
            rows: (0, 0),
        },
        Case {
            name: "ten-thousand-columns",
            make: |d, f| {
                let mut header = row(&HEADER);
                let mut data = good_row("Mô hình rộng");
                for c in HEADER.len()..10_000 {
                    header.push(t(&format!("Ghi chú {c}")));
                    data.push(t("x"));
                }
                put_xlsx(
                    d,
                    f,
                    "rong.xlsx",
                    &[SheetSpec::new("DS", vec![header, data])],
                );
            },
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "rows-past-the-limit",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let sheet = book.add_worksheet_with_constant_memory()?;
                    write_header(sheet)?;
                    write_good_row(sheet, 1)?;
                    sheet.write_string(999_999, 0, "x")?;
                    Ok(())
                });
                put(d, f, "trieu-dong.xlsx", &bytes);
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "có dữ liệu ở dòng 1000000, quá giới hạn 300000 dòng",
            rows: (0, 0),
        },
        Case {
            name: "far-corner-cell",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let sheet = book.add_worksheet();
                    sheet.write_string(0, 0, "STT")?;
                    sheet.write_string(1_048_575, 16_383, "x")?;
                    Ok(())
                });
                put(d, f, "goc-xa.xlsx", &bytes);
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "dòng 1048576",
            rows: (0, 0),
        },
        Case {
            name: "cells-past-the-limit",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let sheet = book.add_worksheet_with_constant_memory()?;
                    write_header(sheet)?;
                    for r in 1..400u32 {
                        sheet.write_string(r, 16_383, "x")?;
                    }
                    Ok(())
                });
                put(d, f, "nhieu-o.xlsx", &bytes);
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "trải trên hơn 5000000 ô",
            rows: (0, 0),
        },
        Case {
            name: "file-over-100-mb",
            make: |d, f| {
                let path = d.file(&format!("{f}/qua-lon.xlsx"));
                let file = std::fs::File::create(&path).expect("create");
                // Sparse: nothing is written to disk.
                file.set_len(101 * 1024 * 1024).expect("set_len");
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "tệp nặng 101 MB, quá giới hạn 100 MB",
            rows: (0, 0),
        },
        Case {
            name: "decompression-bomb",
            make: |d, f| put(d, f, "bom.xlsx", &bomb_xlsx(1000, None)),
            exit: 1,
            code: Some("oversized-file"),
            message: "bom giải nén",
            rows: (0, 0),
        },
        Case {
            name: "bomb-in-many-parts",
            make: |d, f| put(d, f, "bom-nhieu-phan.xlsx", &many_parts_bomb(11)),
            exit: 1,
            code: Some("oversized-file"),
            message: "quá giới hạn 500 MB",
            rows: (0, 0),
        },
        Case {
            name: "bomb-lying-about-its-size",
            make: |d, f| put(d, f, "bom-noi-doi.xlsx", &bomb_xlsx(1000, Some(100_000))),
            exit: 1,
            code: Some("unreadable-file"),
            message: "tệp hỏng",
            rows: (0, 0),
        },
        Case {
            name: "ods-repeat-bomb",
            make: |d, f| {
                // 1 KB that calamine would unfold into 82 million cells (10 GB).
                let table = r#"<table:table table:name="DS"><table:table-row table:number-rows-repeated="5000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
                put(d, f, "lap-lai.ods", &ods_with_table(table));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "dòng, cột lặp lại",
            rows: (0, 0),
        },
        Case {
            name: "ods-trailing-blank-repeats",
            make: |d, f| {
                // What LibreOffice writes after the last row: blank rows and cells, repeated.
                let header: String = HEADER.iter().map(|h| ods_text(h)).collect();
                let cells: String = GOOD_ROW.iter().map(|s| ods_text(s)).collect();
                let table = format!(
                    r#"<table:table table:name="DS"><table:table-row>{header}<table:table-cell table:number-columns-repeated="16378"/></table:table-row><table:table-row>{cells}<table:table-cell table:number-columns-repeated="16378"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#
                );
                put(d, f, "libreoffice.ods", &ods_with_table(&table));
            },
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "too-many-zip-parts",
            make: |d, f| {
                let mut entries = unzip(&good_xlsx());
                for i in 0..10_001 {
                    entries.push((format!("xl/extra/p{i}.xml"), Vec::new()));
                }
                put(d, f, "nhieu-phan.xlsx", &zip_of(&entries));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "quá giới hạn 10000",
            rows: (0, 0),
        },
        Case {
            name: "deeply-nested-xml",
            make: |d, f| {
                let bytes = patched_xlsx("xl/worksheets/sheet1.xml", |xml| {
                    let depth = 200_000;
                    let nested = format!("{}{}", "<x>".repeat(depth), "</x>".repeat(depth));
                    xml.replace("<sheetData>", &format!("<sheetData>{nested}"))
                });
                put(d, f, "long-sau.xlsx", &bytes);
            },
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "entity-laden-xml",
            make: |d, f| {
                let bytes = patched_xlsx("xl/worksheets/sheet1.xml", |xml| {
                    let mut doctype = String::from("<!DOCTYPE worksheet [<!ENTITY a0 \"ha\">");
                    for i in 1..10 {
                        let p = i - 1;
                        doctype.push_str(&format!(
                            "<!ENTITY a{i} \"&a{p};&a{p};&a{p};&a{p};&a{p};&a{p};&a{p};&a{p};&a{p};&a{p};\">"
                        ));
                    }
                    doctype.push_str("]>");
                    let body = xml.replacen("?>", &format!("?>{doctype}"), 1);
                    body.replace("<sheetData>", "<sheetData><row r=\"30\"><c r=\"A30\" t=\"inlineStr\"><is><t>&a9;</t></is></c></row>")
                });
                put(d, f, "thuc-the.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "unrecognized entity",
            rows: (0, 0),
        },
        Case {
            name: "malformed-xml",
            make: |d, f| {
                let bytes = patched_xlsx("xl/worksheets/sheet1.xml", |xml| {
                    xml[..xml.len() / 2].to_string()
                });
                put(d, f, "xml-hong.xlsx", &bytes);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không đọc được trang «DS»",
            rows: (0, 0),
        },
        Case {
            name: "cell-of-32767-characters",
            make: |d, f| {
                let long = "Mô hình ".repeat(4096);
                let long: String = long.chars().take(32_767).collect();
                let date: String = "5".repeat(32_767);
                put_xlsx(
                    d,
                    f,
                    "dai.xlsx",
                    &[registration(
                        "DS",
                        vec![good_row(&long), row_with(4, t(&date))],
                    )],
                );
            },
            exit: 1,
            code: Some("invalid-date"),
            message: "Không đọc được ngày",
            rows: (2, 1),
        },
        Case {
            name: "control-characters",
            make: |d, f| {
                let name = "Một\u{1}cửa\u{7} đúng\u{1b}[31m hẹn\u{7f}";
                let kind = "T\u{0}T";
                put_xlsx(
                    d,
                    f,
                    "dieu-khien.xlsx",
                    &[registration(
                        "DS",
                        vec![row_with(1, t(kind)), good_row(name)],
                    )],
                );
            },
            exit: 0,
            code: None,
            message: "",
            rows: (2, 2),
        },
        Case {
            name: "emoji-and-right-to-left",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "emoji.xlsx",
                    &[registration(
                        "DS 👍",
                        vec![
                            good_row("Dân vận khéo 👍🏽🇻🇳"),
                            good_row("مرحبا \u{202E}ngược\u{202C} שלום"),
                            row_with(1, t("🙂")),
                        ],
                    )],
                );
            },
            exit: 1,
            code: Some("invalid-value"),
            message: "Loại «🙂» không hợp lệ",
            rows: (3, 2),
        },
        Case {
            name: "formula-errors",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let sheet = book.add_worksheet();
                    write_header(sheet)?;
                    for r in 1..=3 {
                        write_good_row(sheet, r)?;
                    }
                    let error = |formula: &str, result: &str| {
                        rust_xlsxwriter::Formula::new(formula).set_result(result)
                    };
                    sheet.write_formula(1, 4, error("=#REF!", "#REF!"))?;
                    sheet.write_formula(2, 1, error("=1/0", "#DIV/0!"))?;
                    sheet.write_formula(3, 2, error("=NA()", "#N/A"))?;
                    Ok(())
                });
                put(d, f, "loi-cong-thuc.xlsx", &bytes);
            },
            exit: 1,
            code: Some("invalid-value"),
            message: "lỗi công thức «#N/A»",
            rows: (3, 0),
        },
        Case {
            name: "date-before-1900",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "1899.xlsx",
                    &[registration("DS", vec![row_with(4, t("15/03/1899"))])],
                )
            },
            exit: 1,
            code: Some("invalid-date"),
            message: "Ngày không tồn tại",
            rows: (1, 0),
        },
        Case {
            name: "ods-date-cell-before-1900",
            make: |d, f| put(d, f, "1850.ods", &ods_dated("1850-10-05")),
            exit: 1,
            code: Some("invalid-date"),
            message: "Ngày không tồn tại",
            rows: (1, 0),
        },
        Case {
            name: "date-in-9999",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "9999.xlsx",
                    &[registration(
                        "DS",
                        vec![row_with(4, V::Date(date(9999, 12, 31)))],
                    )],
                )
            },
            exit: 1,
            code: Some("invalid-date"),
            message: "Ngày không tồn tại",
            rows: (1, 0),
        },
        Case {
            name: "phantom-29-02-1900",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let sheet = book.add_worksheet();
                    write_header(sheet)?;
                    write_good_row(sheet, 1)?;
                    let as_date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
                    sheet.write_number_with_format(1, 4, 60, &as_date)?;
                    Ok(())
                });
                put(d, f, "29-02-1900.xlsx", &bytes);
            },
            exit: 1,
            code: Some("invalid-date"),
            message: "Ngày không tồn tại",
            rows: (1, 0),
        },
        Case {
            name: "number-where-text-is-expected",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "so.xlsx",
                    &[registration(
                        "DS",
                        vec![row_with(2, V::Num(12345.0)), row_with(1, V::Num(1.0))],
                    )],
                )
            },
            // A model name that is a number is refused (the columns are likely shifted), as is
            // a kind written as a number.
            exit: 1,
            code: Some("invalid-value"),
            message: "Tên mô hình «12345» không có chữ nào",
            rows: (2, 0),
        },
        Case {
            name: "text-where-a-number-is-expected",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "chu.xlsx",
                    &[registration(
                        "DS",
                        vec![row_with(5, t("hai nghìn mười tám"))],
                    )],
                )
            },
            exit: 1,
            code: Some("invalid-value"),
            message: "Năm «hai nghìn mười tám» không hợp lệ",
            rows: (1, 0),
        },
        Case {
            name: "duplicate-sheet-names-after-normalizing",
            make: |d, f| {
                put_xlsx(
                    d,
                    f,
                    "trung-ten.xlsx",
                    &[
                        registration("Đăng ký", vec![good_row("Một cửa")]),
                        registration("Đa\u{306}ng ky\u{301}", vec![good_row("Hai cửa")]),
                    ],
                )
            },
            exit: 0,
            code: None,
            message: "",
            rows: (2, 2),
        },
        Case {
            name: "symlink-loop",
            make: |d, f| {
                put(d, f, "a/b/ok.xlsx", &good_xlsx());
                symlink("../..", &d.file(&format!("{f}/a/b/vong")));
            },
            exit: 0,
            code: Some("symlink-loop"),
            message: "trỏ ngược về thư mục gốc",
            rows: (1, 1),
        },
        Case {
            name: "dead-link",
            make: |d, f| {
                symlink("da-xoa.xlsx", &d.file(&format!("{f}/lien-ket.xlsx")));
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không tìm thấy",
            rows: (0, 0),
        },
        Case {
            name: "lock-file",
            make: |d, f| put(d, f, "~$bao-cao.xlsx", b"\x05lock"),
            exit: 0,
            code: Some("unsupported-file"),
            message: "Tệp khóa tạm",
            rows: (0, 0),
        },
    ]
}

/// The cases whose permissions deny reading: meaningless for root, who reads anything.
fn permission_cases() -> Vec<Case> {
    vec![
        Case {
            name: "unreadable-file",
            make: |d, f| {
                put(d, f, "khoa.xlsx", &good_xlsx());
                set_mode(&d.file(&format!("{f}/khoa.xlsx")), 0o000);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không có quyền đọc",
            rows: (0, 0),
        },
        Case {
            name: "unreadable-folder",
            make: |d, f| {
                put(d, f, "kin/a.xlsx", &good_xlsx());
                put(d, f, "mo/b.xlsx", &good_xlsx());
                set_mode(&d.path().join(format!("{f}/kin")), 0o000);
            },
            exit: 1,
            code: Some("unreadable-folder"),
            message: "không có quyền đọc",
            rows: (1, 1),
        },
    ]
}

// ---------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------

fn issues(json: &Value) -> Vec<(String, String)> {
    json["issues"]
        .as_array()
        .map(|issues| {
            issues
                .iter()
                .map(|i| {
                    (
                        i["code"].as_str().unwrap_or_default().to_string(),
                        i["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What is wrong with a run on one case, if anything.
fn judge(case: &Case, run: &Run) -> Option<String> {
    if let Some(problem) = crash(run) {
        return Some(problem);
    }
    let json: Value = match serde_json::from_str(&run.stdout) {
        Ok(json) => json,
        Err(e) => return Some(format!("not JSON ({e}): {}", run.stderr)),
    };
    let found: Vec<(String, String)> = issues(&json)
        .into_iter()
        .map(|(c, m)| (c, m.chars().take(200).collect()))
        .collect();
    let summary = &json["summary"];
    let rows = (
        summary["rows"].as_u64().unwrap_or(99),
        summary["rows_accepted"].as_u64().unwrap_or(99),
    );
    let code_ok = match case.code {
        Some(code) => issues(&json)
            .iter()
            .any(|(c, m)| c == code && m.contains(case.message)),
        None => found.is_empty(),
    };
    let adds_up = summary["rows"].as_u64()
        == Some(
            summary["rows_accepted"].as_u64().unwrap_or(0)
                + summary["rows_rejected"].as_u64().unwrap_or(0),
        );
    if run.code != case.exit || !code_ok || rows != case.rows || !adds_up {
        return Some(format!(
            "exit {} (want {}), rows {rows:?} (want {:?}), findings {found:?} (want {:?} «{}»)",
            run.code, case.exit, case.rows, case.code, case.message
        ));
    }
    None
}

/// A panic, a signal or an exit code outside 0..=2.
fn crash(run: &Run) -> Option<String> {
    let panicked = run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE");
    if panicked || !(0..=2).contains(&run.code) {
        return Some(format!("crashed: exit {} {}", run.code, run.stderr));
    }
    None
}

/// The largest resident memory of any child process that has ended, in MiB.
fn children_peak_mib() -> i64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    usage.ru_maxrss / 1024
}

fn check(dir: &Workdir, path: &str) -> Run {
    dir.run(&["check", "--as-of", "2018-10-01", "--json", path])
}

#[test]
fn every_fault_gives_its_finding_and_the_whole_corpus_runs() {
    let dir = Workdir::new();
    let mut all = cases();
    if permissions_do_not_bite(&dir) {
        eprintln!("skipped: the permission cases (this user reads every file, as root does)");
    } else {
        all.extend(permission_cases());
    }
    assert!(all.len() >= 30, "{} cases", all.len());
    for case in &all {
        (case.make)(&dir, &format!("corpus/{}", case.name));
    }
    let mut failures = Vec::new();
    for case in &all {
        let run = check(&dir, &format!("corpus/{}", case.name));
        if let Some(problem) = judge(case, &run) {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));

    // The whole corpus at once, with the findings workbook: no crash, bounded.
    let started = Instant::now();
    let run = dir.run(&[
        "check",
        "--as-of",
        "2018-10-01",
        "--json",
        "corpus",
        "--out",
        "phat-hien.xlsx",
    ]);
    let elapsed = started.elapsed();
    assert_eq!(crash(&run), None);
    assert_eq!(run.code, 1);
    let json = run.json();
    let codes: Vec<String> = issues(&json).into_iter().map(|(c, _)| c).collect();
    for case in &all {
        if let Some(code) = case.code {
            assert!(codes.iter().any(|c| c == code), "{code} missing");
        }
    }
    let summary = &json["summary"];
    // Cases whose file repeats another case's (the same bytes, or the same unit's models for
    // the same year) are read once at the whole corpus (issue 15, class 8): their rows leave
    // the sum.
    let files = json["files"].as_array().cloned().unwrap_or_default();
    let rows_of = |path: &Value| {
        files
            .iter()
            .find(|f| f["path"] == *path)
            .and_then(|f| f["rows"].as_u64())
            .unwrap_or(0)
    };
    let repeated: u64 = files
        .iter()
        .map(|f| {
            if !f["superseded_by"].is_null() {
                f["rows"].as_u64().unwrap_or(0)
            } else if !f["duplicate_of"].is_null() {
                rows_of(&f["duplicate_of"])
            } else {
                0
            }
        })
        .sum();
    let want_rows: u64 = all.iter().map(|c| c.rows.0).sum::<u64>() - repeated;
    assert_eq!(summary["rows"].as_u64(), Some(want_rows), "{summary}");
    assert!(dir.path().join("phat-hien.xlsx").exists());
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
    let peak = children_peak_mib();
    assert!(peak < 1024, "a run used {peak} MiB");
    // Give the folder back its permissions, so that it can be removed.
    for locked in ["unreadable-folder/kin", "unreadable-file/khoa.xlsx"] {
        let path = dir.path().join("corpus").join(locked);
        if path.exists() {
            set_mode(&path, 0o755);
        }
    }
    eprintln!(
        "corpus of {} cases: {elapsed:?}, peak {peak} MiB",
        all.len()
    );
}

/// A full sheet of a million rows: refused at the row limit, in bounded time and memory.
/// Writing the workbook takes minutes in a debug build, hence ignored by default:
/// `cargo test --release --test cli faults:: -- --ignored`.
#[test]
#[ignore = "writes a 1,000,000-row workbook (minutes in a debug build)"]
fn a_million_rows_are_refused_in_bounded_memory() {
    let dir = Workdir::new();
    dir.bytes("trieu/trieu-dong.xlsx", &long_registration(1_000_000));
    let started = Instant::now();
    let run = check(&dir, "trieu");
    let elapsed = started.elapsed();
    assert_eq!(crash(&run), None);
    let found = issues(&run.json());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "oversized-file");
    assert!(found[0].1.contains("dòng 300001"), "{}", found[0].1);
    let peak = children_peak_mib();
    eprintln!("1,000,000 rows: {elapsed:?}, peak {peak} MiB");
    assert!(peak < 1024, "{peak} MiB");
}

/// A long sheet, well within the limits, is read whole: every row counted.
#[test]
fn a_long_sheet_is_read_whole() {
    let dir = Workdir::new();
    let rows = 20_000;
    dir.bytes("dai/dai.xlsx", &long_registration(rows));
    let run = check(&dir, "dai");
    assert_eq!(crash(&run), None);
    let json = run.json();
    assert_eq!(json["summary"]["rows"], rows, "{}", json["summary"]);
}

/// Text that does not compress (deterministic): a few thousand cells of it make a workbook
/// large enough for the reading of large workbooks (past 1 MB: cells laid out on another core,
/// merged regions read alongside).
fn noise(rng: &mut fastrand::Rng) -> String {
    (0..96).map(|_| rng.alphanumeric()).collect()
}

/// Checks `bytes` as the only workbook of `folder`, after making sure it is large enough to be
/// read as a large workbook.
fn check_large(dir: &Workdir, folder: &str, bytes: &[u8]) -> Run {
    const MIB: usize = 1024 * 1024;
    assert!(
        bytes.len() > MIB,
        "{} bytes: not a large workbook",
        bytes.len()
    );
    dir.bytes(&format!("{folder}/lon.xlsx"), bytes);
    let run = check(dir, folder);
    assert_eq!(crash(&run), None);
    run
}

/// A large workbook is read whole, and the limits hold while its cells are laid out on
/// another core.
#[test]
fn a_large_workbook_is_read_whole_and_within_the_limits() {
    let dir = Workdir::new();
    let mut rng = fastrand::Rng::with_seed(6);
    let rows = 12_000;
    let long = xlsxwriter(|book| {
        let sheet = book.add_worksheet();
        write_header(sheet)?;
        sheet.merge_range(0, 20, 0, 21, "Ghi chú", &rust_xlsxwriter::Format::new())?;
        for r in 1..=rows {
            write_good_row(sheet, r)?;
            sheet.write_string(r, 20, noise(&mut rng))?;
        }
        Ok(())
    });
    let run = check_large(&dir, "dai", &long);
    assert_eq!(run.json()["summary"]["rows"], rows, "{}", run.stdout);

    let wide = xlsxwriter(|book| {
        let sheet = book.add_worksheet_with_constant_memory()?;
        write_header(sheet)?;
        for r in 1..400u32 {
            sheet.write_string(r, 16_383, "x")?;
        }
        let notes = book.add_worksheet();
        for r in 0..14_000 {
            notes.write_string(r, 0, noise(&mut rng))?;
        }
        Ok(())
    });
    let run = check_large(&dir, "rong", &wide);
    let found = issues(&run.json());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "oversized-file");
    assert!(
        found[0].1.contains("trải trên hơn 5000000 ô"),
        "{}",
        found[0].1
    );
}

// ---------------------------------------------------------------------------
// Outputs: no formula injection, inputs never touched, interrupted writes harmless
// ---------------------------------------------------------------------------

/// A committee whose names, models, values and file names begin like formulas.
fn hostile_workspace(dir: &Workdir) {
    dir.bytes(
        "roster.txt",
        "=Chi bộ Một\n+Chi bộ Hai\n-Chi bộ Ba\n@Chi bộ Bốn\n".as_bytes(),
    );
    let rows = vec![
        row(&[
            "Chi bộ Một",
            "TT",
            "=1+1 mô hình",
            "Kinh tế",
            "05/10/2018",
            "2018",
        ]),
        vec![
            t("Chi bộ Hai"),
            t("CN"),
            t("+Mô hình"),
            t("Kinh tế"),
            t("05/10/2018"),
            t("2018"),
            t("@Nguyễn Văn A"),
        ],
        row(&[
            "Chi bộ Ba",
            "-TT",
            "Mô hình",
            "Kinh tế",
            "05/10/2018",
            "2018",
        ]),
    ];
    let mut header = row(&HEADER);
    header.push(t("Họ và tên"));
    let mut all = vec![header];
    all.extend(rows);
    dir.xlsx("in/2018/dk.xlsx", &[SheetSpec::new("DS", all)]);
    dir.bytes("in/\t=tab.xlsx", b"not a workbook");
    dir.bytes("in/\r=cr.xlsx", b"not a workbook");
    std::fs::create_dir_all(dir.path().join("ra")).expect("output folder");
}

/// Every text cell of every sheet of a workbook, and whether any sheet holds a formula.
fn strings_and_formulas(path: &Path) -> (Vec<String>, bool) {
    use calamine::{open_workbook_auto, Data, Reader};
    let bytes = std::fs::read(path).expect("read output");
    let formulas = unzip(&bytes).iter().any(|(name, data)| {
        let xml = String::from_utf8_lossy(data);
        name.starts_with("xl/worksheets/") && (xml.contains("<f>") || xml.contains("<f "))
    });
    let mut book = open_workbook_auto(path).expect("open output");
    let mut strings = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        strings.extend(range.used_cells().filter_map(|(_, _, v)| match v {
            Data::String(s) => Some(s.clone()),
            _ => None,
        }));
    }
    (strings, formulas)
}

fn assert_written_as_text(path: &Path, texts: &[&str]) {
    let (strings, formulas) = strings_and_formulas(path);
    assert!(!formulas, "{} holds a formula", path.display());
    for text in texts {
        assert!(
            strings.iter().any(|s| s.contains(text)),
            "{} lacks the text {text:?}",
            path.display()
        );
    }
}

/// Every file under a folder with its bytes.
fn snapshot(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).expect("read input");
            (e.path().display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn outputs_write_formula_like_texts_as_text_and_never_touch_inputs() {
    let dir = Workdir::new();
    hostile_workspace(&dir);
    let before = (
        snapshot(&dir.path().join("in")),
        snapshot(&dir.path().join("roster.txt")),
    );
    let common = ["in", "--roster", "roster.txt", "--as-of", "2019-12-30"];
    let check = dir.run(&[&["check", "--out", "ra/kiem-tra.xlsx"][..], &common].concat());
    assert_eq!(check.code, 1, "{}", check.stderr);
    let missing = dir.run(
        &[
            &["missing", "--year", "2018", "--out", "ra/don-doc.xlsx"][..],
            &common,
        ]
        .concat(),
    );
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    let report = dir.run(
        &[
            &["report", "--year", "2018", "--out", "ra/bao-cao.xlsx"][..],
            &common,
        ]
        .concat(),
    );
    assert_eq!(report.code, 1, "{}", report.stderr);

    let out = |name: &str| dir.path().join("ra").join(name);
    assert_written_as_text(
        &out("kiem-tra.xlsx"),
        &["-TT", "\t=tab.xlsx", "\r=cr.xlsx", "@Chi bộ Bốn"],
    );
    assert_written_as_text(
        &out("don-doc.xlsx"),
        &["=Chi bộ Một", "+Chi bộ Hai", "@Chi bộ Bốn"],
    );
    assert_written_as_text(
        &out("bao-cao.xlsx"),
        &[
            "=1+1 mô hình",
            "+Mô hình",
            "@Nguyễn Văn A",
            "=Chi bộ Một",
            "\t=tab.xlsx",
        ],
    );
    // Not one byte of an input has changed.
    let after = (
        snapshot(&dir.path().join("in")),
        snapshot(&dir.path().join("roster.txt")),
    );
    assert!(before == after, "an input was modified");

    // dvk refuses to write over its own inputs, whatever the command.
    for command in [
        &["check", "--out", "in/2018/dk.xlsx"][..],
        &["missing", "--year", "2018", "--out", "in/2018/dk.xlsx"][..],
        &["report", "--year", "2018", "--out", "in/2018/dk.xlsx"][..],
    ] {
        let run = dir.run(&[command, &common].concat());
        assert_eq!(run.code, 2, "{command:?}: {}", run.stderr);
    }
    let after = (
        snapshot(&dir.path().join("in")),
        snapshot(&dir.path().join("roster.txt")),
    );
    assert!(before == after, "an input was overwritten");
}

/// Runs dvk with a file-size limit, so that the write of the output dies half-way (SIGXFSZ),
/// as a run killed or a disk filled would.
fn run_with_file_size_limit(dir: &Workdir, blocks: u32, args: &[&str]) -> Option<i32> {
    let script = format!("ulimit -f {blocks}; exec \"$0\" \"$@\"");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_dvk"))
        .args(args)
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run dvk")
        .code()
}

#[test]
fn an_interrupted_write_leaves_the_previous_output_intact() {
    let dir = Workdir::new();
    hostile_workspace(&dir);
    let common = ["in", "--roster", "roster.txt", "--as-of", "2019-12-30"];
    for (command, out) in [
        (&["check"][..], "ra/kiem-tra.xlsx"),
        (&["missing", "--year", "2018"][..], "ra/don-doc.xlsx"),
        (&["report", "--year", "2018"][..], "ra/bao-cao.xlsx"),
    ] {
        let args = [command, &["--out", out], &common].concat();
        assert_eq!(dir.run(&args).code, 1);
        let path = dir.path().join(out);
        let previous = std::fs::read(&path).expect("first output");
        // More to write the second time, and only a few kilobytes allowed: killed mid-write.
        dir.xlsx(
            "in/2018/them.xlsx",
            &[registration(
                "DS",
                vec![good_row(&"Mô hình mới ".repeat(400))],
            )],
        );
        let code = run_with_file_size_limit(&dir, 2, &args);
        assert_ne!(code, Some(0), "{command:?} should have been stopped");
        assert_eq!(
            std::fs::read(&path).expect("output still there"),
            previous,
            "{command:?}: the previous output was damaged"
        );
        std::fs::remove_file(dir.path().join("in/2018/them.xlsx")).expect("remove");
    }
}

/// Writes the corpus, and the million-row sheet, to the folder `DVK_CORPUS_DIR`, to measure
/// dvk on it by hand: `DVK_CORPUS_DIR=/tmp/corpus cargo test --test cli -- --ignored
/// write_the_corpus`, then `/usr/bin/time -v dvk check /tmp/corpus/...`.
#[test]
#[ignore = "writes the corpus to DVK_CORPUS_DIR for measurements by hand"]
fn write_the_corpus() {
    let Some(target) = std::env::var_os("DVK_CORPUS_DIR") else {
        eprintln!("set DVK_CORPUS_DIR");
        return;
    };
    let dir = Workdir::new();
    for case in cases() {
        (case.make)(&dir, &format!("corpus/{}", case.name));
    }
    // DVK_CORPUS_SKIP_MILLION=1 leaves out the million rows (minutes to write in a debug build).
    if std::env::var_os("DVK_CORPUS_SKIP_MILLION").is_none() {
        dir.bytes(
            "corpus/million-rows/trieu-dong.xlsx",
            &long_registration(1_000_000),
        );
    }
    std::fs::rename(dir.path().join("corpus"), &target).expect("move the corpus");
}

// ---------------------------------------------------------------------------
// Isolation: a reader that dies or hangs takes only its file
// ---------------------------------------------------------------------------

/// Six good workbooks, each with its own model, under `folder`.
fn six_good_files(dir: &Workdir, folder: &str) {
    for (i, name) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
        let sheets = [registration(
            "DS",
            vec![good_row(&format!("Mô hình số {i}"))],
        )];
        put_xlsx(dir, folder, &format!("{name}.xlsx"), &sheets);
    }
}

/// A worker killed mid-file by the test-only switch (it aborts, spins past the time budget, or
/// allocates past its memory cap): that file is reported with the reason in words, every other
/// file is read, and the run exits 1 by itself, not by a signal. With one worker, the files
/// queued behind the bad one go to its replacement.
#[test]
fn a_reader_that_dies_or_hangs_takes_only_its_file() {
    let dir = Workdir::new();
    six_good_files(&dir, "hop");
    let faults = [
        ("abort", "unreadable-file", "bộ đọc dừng lại đột ngột"),
        ("spin", "oversized-file", "bộ đọc dừng lại: quá 1 giây"),
        (
            "memory",
            "oversized-file",
            "bộ đọc dừng lại: vượt quá 1 GB bộ nhớ",
        ),
    ];
    for (fault, code, message) in faults {
        for threads in ["1", "2"] {
            let switch = format!("{fault}:c.xlsx");
            let run = dir.run_env(
                &["check", "--as-of", "2018-10-01", "--json", "hop"],
                &[
                    ("DVK_TEST_READER_FAULT", &switch),
                    ("DVK_TEST_READ_SECONDS", "1"),
                    ("RAYON_NUM_THREADS", threads),
                ],
            );
            assert_eq!(crash(&run), None, "{fault}, {threads} threads");
            assert_eq!(run.code, 1, "{fault}: {}", run.stdout);
            let json = run.json();
            let summary = &json["summary"];
            assert_eq!(summary["files_read"], 5, "{fault}: {summary}");
            assert_eq!(summary["files_failed"], 1, "{fault}: {summary}");
            assert_eq!(summary["rows_accepted"], 5, "{fault}: {summary}");
            let issue = &json["issues"][0];
            assert_eq!(issue["path"], "c.xlsx", "{fault}: {issue}");
            assert_eq!(issue["code"], code, "{fault}: {issue}");
            let said = issue["message"].as_str().unwrap_or_default();
            assert!(said.contains(message), "{fault}: {said}");
        }
    }
}

/// A roster whose reading kills the worker ends the run with exit 2 and the reason, not a
/// signal.
#[test]
fn a_roster_that_kills_its_reader_is_an_error_not_a_crash() {
    let dir = Workdir::new();
    six_good_files(&dir, "hop");
    put_xlsx(
        &dir,
        ".",
        "ds.xlsx",
        &[SheetSpec::new(
            "DS",
            vec![row(&["Tên chi bộ"]), row(&["Chi bộ Văn phòng"])],
        )],
    );
    let run = dir.run_env(
        &[
            "check",
            "--as-of",
            "2018-10-01",
            "--roster",
            "ds.xlsx",
            "hop",
        ],
        &[("DVK_TEST_READER_FAULT", "abort:ds.xlsx")],
    );
    assert_eq!(crash(&run), None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("bộ đọc dừng lại đột ngột"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Legacy .xls files written by hand: BIFF8 records in a compound file
// ---------------------------------------------------------------------------

/// One BIFF record.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut record = typ.to_le_bytes().to_vec();
    record.extend((data.len() as u16).to_le_bytes());
    record.extend(data);
    record
}

fn biff_bof(kind: u16) -> Vec<u8> {
    let mut data = 0x0600u16.to_le_bytes().to_vec();
    data.extend(kind.to_le_bytes());
    data.extend([0u8; 12]);
    biff(0x0809, &data)
}

/// A LABEL record (row, column, text in Latin-1 or UTF-16).
fn biff_label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let mut data = Vec::new();
    data.extend(row.to_le_bytes());
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    let units: Vec<u16> = text.encode_utf16().collect();
    data.extend((units.len() as u16).to_le_bytes());
    data.push(1);
    for unit in units {
        data.extend(unit.to_le_bytes());
    }
    biff(0x0204, &data)
}

fn biff_dimensions(rows: u32, cols: u16) -> Vec<u8> {
    let mut data = 0u32.to_le_bytes().to_vec();
    data.extend(rows.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(cols.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    biff(0x0200, &data)
}

/// MERGECELLS records of the regions (first row, last row, first column, last column).
fn biff_merges(regions: &[(u16, u16, u16, u16)]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in regions.chunks(1000) {
        let mut data = (chunk.len() as u16).to_le_bytes().to_vec();
        for &(r0, r1, c0, c1) in chunk {
            for v in [r0, r1, c0, c1] {
                data.extend(v.to_le_bytes());
            }
        }
        out.extend(biff(0x00E5, &data));
    }
    out
}

/// The sheet records of a registration with one good row, then `extra` records.
fn xls_registration_records(extra: &[u8]) -> Vec<u8> {
    let mut records = Vec::new();
    for (col, title) in (0u16..).zip(HEADER) {
        records.extend(biff_label(0, col, title));
    }
    for (col, value) in (0u16..).zip(GOOD_ROW) {
        records.extend(biff_label(1, col, value));
    }
    records.extend(extra);
    records
}

/// A workbook stream: the globals (with `globals` records), then one substream per sheet;
/// `shared` makes every sheet entry point at the first sheet's substream.
fn xls_stream(sheets: &[(&str, Vec<u8>)], globals: &[u8], shared: bool) -> Vec<u8> {
    let bound = |name: &str, pos: u32| {
        let mut data = pos.to_le_bytes().to_vec();
        data.extend([0u8, 0u8, name.len() as u8, 0u8]);
        data.extend(name.as_bytes());
        biff(0x0085, &data)
    };
    let head_len = biff_bof(5).len()
        + globals.len()
        + sheets.iter().map(|(n, _)| bound(n, 0).len()).sum::<usize>()
        + biff(0x000A, &[]).len();
    let mut bodies = Vec::new();
    let mut positions = Vec::new();
    for (_, records) in sheets {
        positions.push((head_len + bodies.len()) as u32);
        bodies.extend(biff_bof(0x10));
        bodies.extend(records);
        bodies.extend(biff(0x000A, &[]));
    }
    let mut stream = biff_bof(5);
    stream.extend(globals);
    for (i, (name, _)) in sheets.iter().enumerate() {
        stream.extend(bound(name, positions[if shared { 0 } else { i }]));
    }
    stream.extend(biff(0x000A, &[]));
    stream.extend(bodies);
    stream
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;

/// A compound file (version 3, 512-byte sectors) holding `stream` as "Workbook": the FAT
/// sectors first, then the directory sector, then the stream's sectors in a row.
fn cfb(stream: &[u8]) -> Vec<u8> {
    let mut data = stream.to_vec();
    data.resize(data.len().max(4096).next_multiple_of(512), 0);
    let n = data.len() / 512;
    let mut fat_sectors = 1;
    while fat_sectors * 128 < fat_sectors + 1 + n {
        fat_sectors += 1;
    }
    assert!(fat_sectors <= 109, "stream too large for this writer");
    let dir = fat_sectors as u32;
    let mut fat = vec![FREESECT; fat_sectors * 128];
    for entry in fat.iter_mut().take(fat_sectors) {
        *entry = 0xFFFF_FFFD;
    }
    fat[dir as usize] = ENDOFCHAIN;
    for i in 0..n {
        let sector = dir as usize + 1 + i;
        fat[sector] = if i + 1 == n {
            ENDOFCHAIN
        } else {
            sector as u32 + 1
        };
    }
    let mut out = vec![0u8; 512];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let mut put = |at: usize, bytes: &[u8]| out[at..at + bytes.len()].copy_from_slice(bytes);
    put(24, &0x003Eu16.to_le_bytes());
    put(26, &3u16.to_le_bytes());
    put(28, &0xFFFEu16.to_le_bytes());
    put(30, &9u16.to_le_bytes());
    put(32, &6u16.to_le_bytes());
    put(44, &(fat_sectors as u32).to_le_bytes());
    put(48, &dir.to_le_bytes());
    put(56, &4096u32.to_le_bytes());
    put(60, &ENDOFCHAIN.to_le_bytes());
    put(68, &ENDOFCHAIN.to_le_bytes());
    for i in 0..109u32 {
        let id = if (i as usize) < fat_sectors {
            i
        } else {
            FREESECT
        };
        put(76 + 4 * i as usize, &id.to_le_bytes());
    }
    for entry in fat {
        out.extend(entry.to_le_bytes());
    }
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREESECT.to_le_bytes());
        e[72..76].copy_from_slice(&FREESECT.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    out.extend(entry("Root Entry", 5, 1, ENDOFCHAIN, 0));
    out.extend(entry("Workbook", 2, FREESECT, dir + 1, data.len() as u32));
    out.extend(vec![0u8; 256]);
    out.extend(data);
    out
}

/// Sets entry `index` of the compound file's (first) FAT sector.
fn patch_fat(file: &mut [u8], index: usize, value: u32) {
    let at = 512 + 4 * index;
    file[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

/// The byte offset of directory entry `index` (the directory follows the FAT sectors).
fn dir_entry_at(file: &[u8], index: usize) -> usize {
    let dir = u32::from_le_bytes([file[48], file[49], file[50], file[51]]) as usize;
    512 + dir * 512 + index * 128
}

/// A registration .xls with one good row (and `extra` sheet records).
fn xls_registration(extra: &[u8]) -> Vec<u8> {
    cfb(&xls_stream(
        &[("DS", xls_registration_records(extra))],
        &[],
        false,
    ))
}

/// A good workbook with several parts' text edited: `edit(name, text)` gives the new text.
fn patched_parts(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(&good_xlsx())
        .into_iter()
        .map(|(name, data)| match String::from_utf8(data) {
            Ok(text) => {
                let edited = edit(&name, text).into_bytes();
                (name, edited)
            }
            Err(e) => (name, e.into_bytes()),
        })
        .collect();
    zip_of(&entries)
}

/// `count` sheet entries in workbook.xml, all pointing at the one worksheet part, which holds
/// one value at column `col` of each of `rows` rows (after the good rows).
fn xlsx_sheets_on_one_part(count: usize, rows: u32, col: &str) -> Vec<u8> {
    patched_parts(|name, text| match name {
        "xl/workbook.xml" => {
            let (start, end) = (text.find("<sheets>"), text.find("</sheets>"));
            let (Some(start), Some(end)) = (start, end) else {
                return text;
            };
            let entries: String = (1..=count)
                .map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#))
                .collect();
            format!("{}<sheets>{entries}{}", &text[..start], &text[end..])
        }
        "xl/worksheets/sheet1.xml" => {
            let far: String = (10..10 + rows)
                .map(|r| {
                    format!(
                        r#"<row r="{r}"><c r="{col}{r}" t="inlineStr"><is><t>x</t></is></c></row>"#
                    )
                })
                .collect();
            text.replace("</sheetData>", &format!("{far}</sheetData>"))
        }
        _ => text,
    })
}

/// The good workbook with `count` merged regions `region` over its sheet, and a value in
/// row `last_row` so that the regions lie within the sheet.
fn xlsx_merges(count: usize, region: &str, last_row: u32) -> Vec<u8> {
    patched_xlsx("xl/worksheets/sheet1.xml", |xml| {
        let merges: String = (0..count)
            .map(|_| format!(r#"<mergeCell ref="{region}"/>"#))
            .collect();
        let row = if last_row > 2 {
            format!(
                r#"<row r="{last_row}"><c r="A{last_row}" t="inlineStr"><is><t>x</t></is></c></row>"#
            )
        } else {
            String::new()
        };
        let far = format!(r#"{row}</sheetData><mergeCells count="{count}">{merges}</mergeCells>"#);
        xml.replace("</sheetData>", &far)
    })
}

/// `tables` .ods sheets, each of `rows` repeated rows of `cols` repeated valued cells.
fn ods_repeated(tables: usize, rows: u32, cols: u32) -> Vec<u8> {
    let table = |i: usize| {
        format!(
            r#"<table:table table:name="T{i}"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#
        )
    };
    ods_with_table(&(0..tables).map(table).collect::<String>())
}

/// The good registration .xls, its Workbook stream's last sector chained back to its first
/// and its size declared as 2 GB: the chain never ends.
fn cfb_stream_loop(root: bool) -> Vec<u8> {
    let mut file = xls_registration(&[]);
    let fat_sectors = u32::from_le_bytes([file[44], file[45], file[46], file[47]]) as usize;
    let first = fat_sectors + 1;
    let sectors = (file.len() - 512) / 512;
    patch_fat(&mut file, sectors - 1, first as u32);
    let entry = dir_entry_at(&file, if root { 0 } else { 1 });
    if root {
        // The root entry holds the mini stream: point it at the looping chain, and declare a
        // mini FAT so that the mini stream is loaded.
        file[entry + 116..entry + 120].copy_from_slice(&(first as u32).to_le_bytes());
        file[60..64].copy_from_slice(&(first as u32).to_le_bytes());
        file[64..68].copy_from_slice(&1u32.to_le_bytes());
    }
    file[entry + 120..entry + 124].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    file
}

/// The second round of hostile files (issue 16): each must end in its finding, the run going on.
fn second_round() -> Vec<Case> {
    vec![
        Case {
            name: "xls-hand-written",
            make: |d, f| put(d, f, "dk.xls", &xls_registration(&[])),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "xls-cell-at-column-65535",
            make: |d, f| {
                put(
                    d,
                    f,
                    "xa.xls",
                    &xls_registration(&biff_label(65535, 0xFFFF, "x")),
                )
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "bộ đọc dừng lại: vượt quá 1 GB bộ nhớ",
            rows: (0, 0),
        },
        Case {
            name: "xls-four-billion-rows",
            make: |d, f| {
                put(
                    d,
                    f,
                    "dai.xls",
                    &xls_registration(&biff_dimensions(0xFFFF_FFFF, 256)),
                )
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "bộ đọc dừng lại: vượt quá 1 GB bộ nhớ",
            rows: (0, 0),
        },
        Case {
            name: "xls-sheets-sharing-a-substream",
            make: |d, f| {
                // 11 sheet entries on one substream of 2,000 rows reaching column 256: half
                // a million cells each, 5.6 million together.
                let mut records = xls_registration_records(&[]);
                for r in 10..2_010u16 {
                    records.extend(biff_label(r, 255, "x"));
                }
                let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"];
                let sheets: Vec<(&str, Vec<u8>)> =
                    names.iter().map(|n| (*n, records.clone())).collect();
                put(d, f, "chung.xls", &cfb(&xls_stream(&sheets, &[], true)));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "các trang của tệp trải trên hơn 5000000 ô tổng cộng",
            rows: (0, 0),
        },
        Case {
            name: "xls-merged-region-bomb",
            make: |d, f| {
                // 2,000 merges of 40 rows × 250 columns from A1: 20 M cells to fill.
                let mut extra = biff_label(40, 0, "x");
                extra.extend(biff_merges(&vec![(0, 39, 0, 249); 2000]));
                put(d, f, "gop.xls", &xls_registration(&extra));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "vùng gộp ô trải trên hơn 1000000 ô tổng cộng",
            rows: (0, 0),
        },
        Case {
            name: "xls-truncated-record",
            make: |d, f| {
                let mut stream = xls_stream(&[("DS", xls_registration_records(&[]))], &[], false);
                stream.extend(biff(0x0203, &[0u8; 14]));
                let at = stream.len() - 16;
                stream[at + 2..at + 4].copy_from_slice(&0xFFFFu16.to_le_bytes());
                put(d, f, "cut.xls", &cfb(&stream));
            },
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "cfb-without-workbook-stream",
            make: |d, f| {
                let mut file = xls_registration(&[]);
                let entry = dir_entry_at(&file, 1);
                file[entry] = b'X';
                put(d, f, "rong.xls", &file);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "Không đọc được tệp",
            rows: (0, 0),
        },
        Case {
            name: "cfb-stream-chain-loops",
            make: |d, f| put(d, f, "vong.xls", &cfb_stream_loop(false)),
            exit: 1,
            code: Some("unreadable-file"),
            message: "lặp vòng hoặc trỏ ra ngoài tệp",
            rows: (0, 0),
        },
        Case {
            name: "cfb-mini-stream-bomb",
            make: |d, f| put(d, f, "mini.xls", &cfb_stream_loop(true)),
            exit: 1,
            code: Some("unreadable-file"),
            message: "lặp vòng hoặc trỏ ra ngoài tệp",
            rows: (0, 0),
        },
        Case {
            name: "cfb-directory-chain-loops",
            make: |d, f| {
                let mut file = xls_registration(&[]);
                let dir = u32::from_le_bytes([file[48], file[49], file[50], file[51]]);
                patch_fat(&mut file, dir as usize, dir);
                put(d, f, "thu-muc.xls", &file);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "lặp vòng hoặc trỏ ra ngoài tệp",
            rows: (0, 0),
        },
        Case {
            name: "cfb-fat-points-past-the-end",
            make: |d, f| {
                let mut file = xls_registration(&[]);
                let fat_sectors = u32::from_le_bytes([file[44], file[45], file[46], file[47]]);
                patch_fat(&mut file, fat_sectors as usize + 1, 0x00FF_FFFF);
                put(d, f, "xa.xls", &file);
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "trỏ ra ngoài tệp",
            rows: (0, 0),
        },
        Case {
            name: "xlsx-merged-region-bomb",
            make: |d, f| put(d, f, "gop.xlsx", &xlsx_merges(2000, "A1:J1000", 1001)),
            exit: 1,
            code: Some("oversized-file"),
            message: "vùng gộp ô trải trên hơn 1000000 ô tổng cộng",
            rows: (0, 0),
        },
        Case {
            name: "xlsx-many-small-merges",
            // 500 merges of one cell each, well within the limits.
            make: |d, f| put(d, f, "gop-nho.xlsx", &xlsx_merges(500, "F2:F2", 2)),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "xlsx-sixty-sheets-one-part",
            make: |d, f| {
                put(
                    d,
                    f,
                    "sau-muoi.xlsx",
                    &xlsx_sheets_on_one_part(60, 100, "AMJ"),
                )
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "các trang của tệp trải trên hơn 5000000 ô tổng cộng",
            rows: (0, 0),
        },
        Case {
            name: "xlsx-too-many-sheet-entries",
            make: |d, f| put(d, f, "nhieu.xlsx", &xlsx_sheets_on_one_part(1500, 0, "A")),
            exit: 1,
            code: Some("oversized-file"),
            message: "tệp có 1500 trang tính, quá giới hạn 1000 trang",
            rows: (0, 0),
        },
        Case {
            name: "ods-mismatched-end-tag",
            make: |d, f| {
                let table = r#"<table:table table:name="DS"><table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-row></table:table>"#;
                put(d, f, "lech.ods", &ods_with_table(table));
            },
            exit: 1,
            code: Some("unreadable-file"),
            message: "không đúng cú pháp XML",
            rows: (0, 0),
        },
        Case {
            name: "ods-nested-table",
            make: |d, f| {
                let inner = r#"<table:table table:name="Con"><table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="10000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
                let table = format!(
                    r#"<table:table table:name="DS"><table:table-row><table:table-cell>{inner}</table:table-cell></table:table-row></table:table>"#
                );
                put(d, f, "long.ods", &ods_with_table(&table));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "trải trên hơn 5000000 ô",
            rows: (0, 0),
        },
        Case {
            name: "ods-sheets-each-under-the-limit",
            make: |d, f| put(d, f, "hai-lam.ods", &ods_repeated(25, 500, 500)),
            exit: 1,
            code: Some("oversized-file"),
            message: "các trang của tệp OpenDocument trải trên hơn 5000000 ô",
            rows: (0, 0),
        },
        Case {
            name: "ods-too-many-sheets",
            make: |d, f| put(d, f, "nghin.ods", &ods_repeated(1001, 1, 1)),
            exit: 1,
            code: Some("oversized-file"),
            message: "tệp có 1001 trang tính, quá giới hạn 1000 trang",
            rows: (0, 0),
        },
    ]
}

/// A named pipe at `relative` inside the folder.
fn fifo(dir: &Workdir, folder: &str, name: &str) {
    let path = dir.file(&format!("{folder}/{name}"));
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Entries that are not what their names say, and a date cell no date can come from.
fn odd_entries() -> Vec<Case> {
    vec![
        Case {
            name: "date-cell-holding-minus-1e308",
            make: |d, f| {
                let bytes = xlsxwriter(|book| {
                    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
                    let sheet = book.add_worksheet();
                    sheet.set_name("DS")?;
                    write_header(sheet)?;
                    write_good_row(sheet, 1)?;
                    sheet.write_number_with_format(1, 4, -1e308, &date)?;
                    Ok(())
                });
                put(d, f, "ngay-am.xlsx", &bytes);
            },
            exit: 1,
            code: Some("invalid-date"),
            message: "Không đọc được ngày «-1E308»",
            rows: (1, 0),
        },
        Case {
            name: "xls-shared-strings-continued-20000-times",
            make: |d, f| put(d, f, "noi-dai.xls", &xls_continued(20_000)),
            exit: 1,
            code: Some("oversized-file"),
            message: "được nối tiếp bằng 20000 bản ghi CONTINUE, quá giới hạn 16384",
            rows: (0, 0),
        },
        Case {
            name: "named-pipe-called-xlsx",
            make: |d, f| fifo(d, f, "ong-dan.xlsx"),
            exit: 0,
            code: Some("unsupported-file"),
            message: "Không phải tệp thường",
            rows: (0, 0),
        },
        Case {
            name: "link-to-a-device",
            make: |d, f| {
                std::fs::create_dir_all(d.file(f)).expect("mkdir");
                symlink("/dev/zero", &d.file(&format!("{f}/vo-tan.xlsx")));
            },
            exit: 0,
            code: Some("unsupported-file"),
            message: "Không phải tệp thường",
            rows: (0, 0),
        },
    ]
}

/// A file named straight on the command line that is a pipe is reported, not waited on.
#[test]
fn a_pipe_named_on_the_command_line_is_reported_not_waited_on() {
    let dir = Workdir::new();
    fifo(&dir, "hop", "ong-dan.xlsx");
    let run = dir.run(&["check", "--json", "hop/ong-dan.xlsx"]);
    assert_eq!(crash(&run), None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["issues"][0]["code"], "unsupported-file", "{json}");
    assert_eq!(json["files"][0]["status"], "skipped", "{json}");
    let roster = dir.run(&["check", "hop", "--roster", "hop/ong-dan.xlsx"]);
    assert_eq!(roster.code, 2, "{}", roster.stderr);
    assert!(
        roster.stderr.contains("không phải tệp thường"),
        "{}",
        roster.stderr
    );
}

/// File names are escaped on the terminal: a line break in a name cannot forge a line of
/// output, and two names that are not UTF-8 never show alike; the JSON keeps the name.
#[test]
fn odd_file_names_cannot_forge_the_terminal_output() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Workdir::new();
    let forged = "a.xlsx\n✓ b.xlsx (đăng ký · năm 2018 · 1 dòng)";
    let sheets = [registration("DS", vec![good_row("Một cửa")])];
    put_xlsx(&dir, "hop", forged, &sheets);
    let sheets = [registration("DS", vec![good_row("Hai cửa")])];
    let bytes = xlsx_bytes(&sheets).expect("xlsx");
    for raw in [&b"b\xe1o.xlsx"[..], &b"b\xe2o.xlsx"[..]] {
        let name = std::ffi::OsStr::from_bytes(raw);
        std::fs::write(dir.file("hop").join(name), &bytes).expect("write");
    }
    let run = dir.run(&["check", "--as-of", "2018-10-01", "hop"]);
    assert_eq!(crash(&run), None);
    assert!(
        run.stdout.lines().all(|line| !line.starts_with("✓ b.xlsx")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("a.xlsx\\n✓ b.xlsx"), "{}", run.stdout);
    assert!(run.stdout.contains("b\\xE1o.xlsx"), "{}", run.stdout);
    assert!(run.stdout.contains("b\\xE2o.xlsx"), "{}", run.stdout);
    let json = dir
        .run(&["check", "--as-of", "2018-10-01", "--json", "hop"])
        .json();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(paths.contains(&forged), "{paths:?}");
}

/// `--out` goes only onto a regular file or a new path, never inside what the run reads.
#[test]
fn the_output_is_refused_inside_the_inputs_and_onto_a_pipe() {
    let dir = Workdir::new();
    six_good_files(&dir, "hop");
    fifo(&dir, "ra", "ong-dan.xlsx");
    for out in ["hop/moi.xlsx", "hop/con/moi.xlsx", "ra/ong-dan.xlsx"] {
        let run = dir.run(&["check", "--as-of", "2018-10-01", "hop", "--out", out]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(!dir.file(out).is_file(), "{out} written");
    }
    let run = dir.run(&[
        "check",
        "--as-of",
        "2018-10-01",
        "hop",
        "--out",
        "ra/ket-qua.xlsx",
    ]);
    assert!(run.code < 2, "{}", run.stderr);
    assert!(dir.file("ra/ket-qua.xlsx").is_file());
}

/// A registration .xls whose shared-string table (empty) is followed by `continues` empty
/// CONTINUE records: calamine joins them in time growing with their square.
fn xls_continued(continues: usize) -> Vec<u8> {
    let mut globals = biff(0x00FC, &[0u8; 8]);
    for _ in 0..continues {
        globals.extend(biff(0x003C, &[]));
    }
    cfb(&xls_stream(
        &[("DS", xls_registration_records(&[]))],
        &globals,
        false,
    ))
}

/// The inputs of the linear-time classes at 1×, 4× and 16× their size, for measuring by hand:
/// `DVK_LINEAR_DIR=/tmp/lin cargo test --test cli write_the_linear_time_inputs -- --ignored`,
/// then time `dvk check` on each folder (README, "Limits and hostile input").
#[test]
#[ignore = "writes the linear-time inputs to DVK_LINEAR_DIR for measurements by hand"]
fn write_the_linear_time_inputs() {
    let Some(target) = std::env::var_os("DVK_LINEAR_DIR") else {
        eprintln!("set DVK_LINEAR_DIR");
        return;
    };
    let target = std::path::PathBuf::from(target);
    let write = |folder: &str, name: &str, bytes: &[u8]| {
        let folder = target.join(folder);
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join(name), bytes).expect("write");
    };
    for scale in [1usize, 4, 16] {
        // CONTINUE records: 1,000 (under the limit, read by calamine), then past it.
        write(
            &format!("continue-{scale}"),
            "a.xls",
            &xls_continued(1_000 * scale),
        );
        write(
            &format!("continue-big-{scale}"),
            "a.xls",
            &xls_continued(25_000 * scale),
        );
        // Sheet entries in workbook.xml.
        let sheets = 25_000 * scale;
        write(
            &format!("sheets-{scale}"),
            "a.xlsx",
            &xlsx_sheets_on_one_part(sheets, 0, "A"),
        );
        // Fields in dvk.toml, and a registration naming the last one.
        let fields = 1_250 * scale;
        let list: Vec<String> = (0..fields)
            .map(|i| format!("\"Lĩnh vực số {i}\""))
            .collect();
        let config = format!("[committee]\nfields = [{}]\n", list.join(", "));
        write(&format!("fields-{scale}"), "dvk.toml", config.as_bytes());
        let sheets = [registration("DS", vec![good_row("Một cửa")])];
        write(
            &format!("fields-{scale}/hop"),
            "a.xlsx",
            &xlsx_bytes(&sheets).expect("xlsx"),
        );
        // Unit names not on a 300-unit roster: 5,000 × scale rows, each name written on four
        // rows (the roster's nearest name is searched once per distinct name).
        let roster: Vec<String> = (1..=300).map(|i| format!("Chi bộ Đơn vị số {i}")).collect();
        write(
            &format!("names-{scale}"),
            "roster.txt",
            roster.join("\n").as_bytes(),
        );
        let count = 5_000 * scale;
        let rows: Vec<Vec<V>> = (0..count)
            .map(|i| {
                let mut r = good_row(&format!("Mô hình {i}"));
                r[0] = t(&format!("Chi bộ Không có số {}", i % (count / 4)));
                r
            })
            .collect();
        let sheets = [registration("DS", rows)];
        write(
            &format!("names-{scale}/hop"),
            "a.xlsx",
            &xlsx_bytes(&sheets).expect("xlsx"),
        );
    }
}

// ---------------------------------------------------------------------------
// Issue 16, item 4: merged regions from the XML structure, .xlsb told by content, .xlsb rows
// past Excel's last row.
// ---------------------------------------------------------------------------

/// A registration of `unit` of two rows, the second without its model's name, whose worksheet
/// part gets `hidden` (markup that is not markup) after its cells: a merged region C2:C3
/// written inside it would fill the blank name.
fn xlsx_merge_hidden_in(unit: &str, hidden: &str) -> Vec<u8> {
    let mut rows = vec![good_row("Một cửa đúng hẹn"), row_with(2, V::Blank)];
    for r in &mut rows {
        r[0] = t(unit);
    }
    let book = xlsx_bytes(&[registration("DS", rows)]).expect("xlsx");
    let entries: Vec<(String, Vec<u8>)> = unzip(&book)
        .into_iter()
        .map(|(name, data)| {
            if name == "xl/worksheets/sheet1.xml" {
                let text = String::from_utf8(data).expect("utf-8 part");
                let edited = text.replace("</sheetData>", &format!("</sheetData>{hidden}"));
                (name, edited.into_bytes())
            } else {
                (name, data)
            }
        })
        .collect();
    zip_of(&entries)
}

const FAKE_MERGES: &str = r#"<mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>"#;

/// One .xlsb record: its type and size as MS-XLSB writes them (seven bits a byte), then its
/// data.
fn xlsb_record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = if typ < 0x80 {
        vec![typ as u8]
    } else {
        vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8]
    };
    let mut size = data.len();
    loop {
        let b = (size & 0x7F) as u8;
        size >>= 7;
        if size == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(data);
    out
}

/// An XLWideString: a length in UTF-16 units, then the units.
fn xlsb_wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend(u.to_le_bytes());
    }
    out
}

/// A row header (BrtRowHdr) for the 0-based row `row`.
fn xlsb_row(row: u32) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend([0u8; 13]);
    xlsb_record(0x0000, &data)
}

/// A text cell (BrtCellSt) in the 0-based column `col`.
fn xlsb_text(col: u32, text: &str) -> Vec<u8> {
    let mut data = col.to_le_bytes().to_vec();
    data.extend([0u8; 4]);
    data.extend(xlsb_wide(text));
    xlsb_record(0x0006, &data)
}

/// An .xlsb workbook written record by record: one visible sheet «DS» holding the
/// registration header and `rows` (0-based row, texts), in that order.
fn xlsb_of(rows: &[(u32, Vec<&str>)]) -> Vec<u8> {
    let mut sheet = xlsb_record(0x0081, &[]);
    let last = rows.iter().map(|(r, _)| *r).max().unwrap_or(0);
    let mut dim = Vec::new();
    for v in [0u32, last, 0, HEADER.len() as u32 - 1] {
        dim.extend(v.to_le_bytes());
    }
    sheet.extend(xlsb_record(0x0094, &dim));
    sheet.extend(xlsb_record(0x0091, &[]));
    let header: Vec<&str> = HEADER.to_vec();
    for (r, texts) in std::iter::once(&(0, header)).chain(rows) {
        sheet.extend(xlsb_row(*r));
        for (c, text) in texts.iter().enumerate() {
            sheet.extend(xlsb_text(c as u32, text));
        }
    }
    sheet.extend(xlsb_record(0x0092, &[]));
    sheet.extend(xlsb_record(0x0082, &[]));

    let mut bundle = 0u32.to_le_bytes().to_vec();
    bundle.extend(1u32.to_le_bytes());
    bundle.extend(xlsb_wide("rId1"));
    bundle.extend(xlsb_wide("DS"));
    let mut workbook = xlsb_record(0x0083, &[]);
    workbook.extend(xlsb_record(0x008F, &[]));
    workbook.extend(xlsb_record(0x009C, &bundle));
    workbook.extend(xlsb_record(0x0090, &[]));
    workbook.extend(xlsb_record(0x009D, &[0u8; 26]));
    workbook.extend(xlsb_record(0x0084, &[]));

    let types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>"#;
    let package = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;
    let book_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>"#;
    zip_of(&[
        ("[Content_Types].xml".to_string(), types.as_bytes().to_vec()),
        ("_rels/.rels".to_string(), package.as_bytes().to_vec()),
        ("xl/workbook.bin".to_string(), workbook),
        (
            "xl/_rels/workbook.bin.rels".to_string(),
            book_rels.as_bytes().to_vec(),
        ),
        ("xl/worksheets/sheet1.bin".to_string(), sheet),
    ])
}

/// The cases of item 4 of issue 16: each must end in its finding (or none), the run going on.
fn structure_round() -> Vec<Case> {
    vec![
        Case {
            name: "xlsx-merge-inside-a-comment",
            make: |d, f| {
                let hidden = format!("<!-- {FAKE_MERGES} -->");
                put(
                    d,
                    f,
                    "chu-thich.xlsx",
                    &xlsx_merge_hidden_in("Chi bộ Khu phố 7", &hidden),
                );
            },
            exit: 1,
            code: Some("missing-value"),
            message: "tên mô hình",
            rows: (2, 1),
        },
        Case {
            name: "xlsx-merge-inside-cdata",
            make: |d, f| {
                // A CDATA section is text, whatever it holds.
                let hidden = format!("<![CDATA[{FAKE_MERGES}]]>");
                put(
                    d,
                    f,
                    "cdata.xlsx",
                    &xlsx_merge_hidden_in("Chi bộ Khu phố 8", &hidden),
                );
            },
            exit: 1,
            code: Some("missing-value"),
            message: "tên mô hình",
            rows: (2, 1),
        },
        Case {
            name: "xlsx-merge-inside-a-processing-instruction",
            make: |d, f| {
                let hidden = format!("<?dvk {FAKE_MERGES}?>");
                put(
                    d,
                    f,
                    "pi.xlsx",
                    &xlsx_merge_hidden_in("Chi bộ Khu phố 9", &hidden),
                );
            },
            exit: 1,
            code: Some("missing-value"),
            message: "tên mô hình",
            rows: (2, 1),
        },
        Case {
            name: "xlsb-hand-written",
            make: |d, f| put(d, f, "dk.xlsb", &xlsb_of(&[(1, GOOD_ROW.to_vec())])),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "xlsb-row-past-the-last-row",
            make: |d, f| {
                // A second row after a row header numbered past Excel's 1,048,576 rows: calamine
                // ends the sheet there, and both rows after it would vanish.
                let far = 1 << 20;
                let rows = [
                    (1, GOOD_ROW.to_vec()),
                    (far + 5, GOOD_ROW.to_vec()),
                    (3, GOOD_ROW.to_vec()),
                ];
                put(d, f, "xa.xlsb", &xlsb_of(&rows));
            },
            exit: 1,
            code: Some("oversized-file"),
            message: "có dòng số 1048582, quá giới hạn 1048576 dòng của Excel",
            rows: (0, 0),
        },
        Case {
            name: "xlsb-named-xlsx",
            make: |d, f| put(d, f, "doi-duoi.xlsx", &xlsb_of(&[(1, GOOD_ROW.to_vec())])),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
        Case {
            name: "xlsx-named-xlsb",
            make: |d, f| put(d, f, "doi-duoi.xlsb", &good_xlsx()),
            exit: 0,
            code: None,
            message: "",
            rows: (1, 1),
        },
    ]
}
