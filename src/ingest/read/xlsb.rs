//! The row numbers of an .xlsb worksheet, checked before calamine reads its cells.
//!
//! An .xlsb worksheet part is a stream of binary records (MS-XLSB 2.1.4: a record type and a
//! size, each a little variable-length number, then the data). Each row of cells starts with a
//! row header record (`BrtRowHdr`, type 0) holding the row's 0-based number. calamine stops
//! reading a sheet at a row header past Excel's last row, as if the sheet ended there, so every
//! row after it would vanish without a word. The records are walked here once, up to the end
//! of the sheet data (`BrtEndSheetData`), and such a row header refuses the file instead.

use std::io::Read;

/// The row header record.
const ROW_HEADER: u16 = 0x0000;
/// The end of the sheet data: row headers after it are not rows.
const END_SHEET_DATA: u16 = 0x0092;
/// Excel's rows, 1,048,576; a row header's 0-based number is below it.
pub(super) const EXCEL_ROWS: u32 = 1 << 20;

/// The first row header past Excel's last row in a worksheet part, as its 0-based number, if
/// any. A part that ends early (truncated) is left to calamine, which says what is wrong.
pub(super) fn row_past_the_limit(part: impl Read) -> Option<u32> {
    let mut part = std::io::BufReader::new(part);
    let mut head = [0u8; 4];
    loop {
        let typ = record_type(&mut part)?;
        let size = record_size(&mut part)?;
        if typ == END_SHEET_DATA {
            return None;
        }
        if typ == ROW_HEADER && size >= 4 {
            part.read_exact(&mut head).ok()?;
            let row = u32::from_le_bytes(head);
            if row >= EXCEL_ROWS {
                return Some(row);
            }
            skip(&mut part, size - 4)?;
        } else {
            skip(&mut part, size)?;
        }
    }
}

fn byte(part: &mut impl Read) -> Option<u8> {
    let mut b = [0u8; 1];
    part.read_exact(&mut b).ok().map(|()| b[0])
}

/// A record type: one or two bytes, seven bits each, the high bit saying another follows.
fn record_type(part: &mut impl Read) -> Option<u16> {
    let first = byte(part)?;
    if first & 0x80 == 0 {
        return Some(u16::from(first));
    }
    let second = byte(part)?;
    Some(u16::from(first & 0x7F) | (u16::from(second & 0x7F) << 7))
}

/// A record size: one to four bytes, seven bits each, the high bit saying another follows.
fn record_size(part: &mut impl Read) -> Option<u64> {
    let mut size = 0u64;
    for shift in 0..4 {
        let b = byte(part)?;
        size |= u64::from(b & 0x7F) << (7 * shift);
        if b & 0x80 == 0 {
            break;
        }
    }
    Some(size)
}

/// Skips `count` bytes; `None` when the part ends first.
fn skip(part: &mut impl Read, count: u64) -> Option<()> {
    let skipped = std::io::copy(&mut part.take(count), &mut std::io::sink()).ok()?;
    (skipped == count).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One record: its type and size as MS-XLSB writes them, then its data.
    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
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

    fn row_header(row: u32) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend([0u8; 13]);
        record(ROW_HEADER, &data)
    }

    #[test]
    fn a_row_header_past_the_last_row_is_found_before_the_end_of_the_data() {
        let cell = record(0x0006, &[0u8; 200]);
        let mut part = record(0x0091, &[]);
        for row in [0, 5, EXCEL_ROWS - 1] {
            part.extend(row_header(row));
            part.extend(&cell);
        }
        let mut past = part.clone();
        past.extend(row_header(EXCEL_ROWS + 7));
        past.extend(row_header(9));
        assert_eq!(row_past_the_limit(past.as_slice()), Some(EXCEL_ROWS + 7));
        let mut ended = part.clone();
        ended.extend(record(END_SHEET_DATA, &[]));
        assert_eq!(row_past_the_limit(ended.as_slice()), None);
        ended.extend(row_header(u32::MAX));
        assert_eq!(row_past_the_limit(ended.as_slice()), None);
        // Truncated: left to calamine.
        assert_eq!(row_past_the_limit(&part[..part.len() - 3]), None);
    }

    #[test]
    fn record_types_and_sizes_take_several_bytes() {
        let big = record(END_SHEET_DATA, &[0u8; 300]);
        assert_eq!(&big[..4], &[0x92, 0x01, 0xAC, 0x02]);
        let mut part = big.as_slice();
        assert_eq!(record_type(&mut part), Some(END_SHEET_DATA));
        assert_eq!(record_size(&mut part), Some(300));
    }
}
