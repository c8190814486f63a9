//! The sector chains of a compound file (the container of .xls), checked before calamine
//! follows them.
//!
//! A compound file is a little file system: a table (the FAT) says which sector follows which,
//! and the directory and every stream are chains through it. A chain that loops back on itself
//! never ends, and a reader that follows it with a large declared size fills memory until the
//! process is killed (a 5 KB file took 3.6 GB in 4 seconds). Each chain the reader will follow
//! is walked here once, every sector visited at most once: a loop, or a sector past the end of
//! the file, makes the file unreadable before any of it is unpacked.

//!
//! The workbook stream is also scanned once for runs of CONTINUE records: calamine joins a
//! record's continuations by taking them off the front of a list one at a time, which takes
//! time in the square of their number (100,000 empty ones: 1.75 s; an 8 MB file: minutes).
//! A run longer than [`MAX_CONTINUE_RECORDS`] is refused before calamine sees it.

/// The most CONTINUE records one record of a .xls workbook stream may have. A record (the
/// shared strings, a drawing) continued with full 8,224-byte records to the 100 MB file limit
/// has about 12,700: no genuine file comes near.
pub const MAX_CONTINUE_RECORDS: usize = 16_384;

/// Why a compound file is refused.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Its structure is broken (a loop, a sector past the end); the reason in Vietnamese.
    Broken(String),
    /// Past one of the limits; the reason in Vietnamese.
    TooLarge(String),
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE_SECTOR: u32 = 0xFFFF_FFFF;
/// Sector ids from here up are markers, not sectors.
const MAX_SECTOR_ID: u32 = 0xFFFF_FFFA;
/// Streams smaller than this live in the mini stream, in 64-byte mini sectors.
const MINI_CUTOFF: u64 = 4096;

/// Checks the chains of the compound file in `bytes`: the DIFAT, the directory, the mini FAT,
/// the mini stream and every large stream; then the workbook stream's CONTINUE runs.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let workbook = check_chains(bytes).map_err(Refusal::Broken)?;
    let longest = longest_continue_run(&workbook);
    if longest > MAX_CONTINUE_RECORDS {
        return Err(Refusal::TooLarge(format!(
            "một bản ghi của tệp .xls được nối tiếp bằng {longest} bản ghi CONTINUE, quá giới hạn {MAX_CONTINUE_RECORDS} (tệp bất thường: mở bằng Excel rồi lưu lại dạng .xlsx)"
        )));
    }
    Ok(())
}

/// The most CONTINUE records (type 0x003C) in a row in a BIFF stream, in one pass.
fn longest_continue_run(stream: &[u8]) -> usize {
    const CONTINUE: u16 = 0x003C;
    let (mut at, mut run, mut longest) = (0usize, 0usize, 0usize);
    while at + 4 <= stream.len() {
        if u16_at(stream, at) == CONTINUE {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
        at += 4 + usize::from(u16_at(stream, at + 2));
    }
    longest
}

/// Walks the chains (see [`check`]) and gives the workbook stream's bytes, when it lies in
/// sectors of its own (a stream under 4 KB cannot hold a long run). The error says what is
/// broken, in Vietnamese.
fn check_chains(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("tệp hỏng: cấu trúc tệp .xls không hợp lệ ({what})");
    let header = bytes
        .get(..512)
        .ok_or_else(|| broken("thiếu phần đầu tệp"))?;
    let shift = u16_at(header, 30);
    if shift != 9 && shift != 12 {
        return Err(broken("cỡ sector lạ"));
    }
    let size = 1usize << shift;
    // The header takes the first sector's place.
    let sectors = (bytes.len() / size).saturating_sub(1);
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let mut visited = vec![false; sectors];

    // The FAT's sectors: 109 listed in the header, the rest in the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109).map(|i| u32_at(header, 76 + 4 * i)).collect();
    let mut next = u32_at(header, 68);
    while next <= MAX_SECTOR_ID {
        let difat = sector(next)
            .filter(|_| !std::mem::replace(&mut visited[next as usize], true))
            .ok_or_else(|| broken("chuỗi DIFAT lặp vòng hoặc trỏ ra ngoài tệp"))?;
        let entries = size / 4 - 1;
        fat_ids.extend((0..entries).map(|i| u32_at(difat, 4 * i)));
        next = u32_at(difat, 4 * entries);
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_ids.into_iter().filter(|&id| id <= MAX_SECTOR_ID) {
        let part = sector(id).ok_or_else(|| broken("bảng FAT trỏ ra ngoài tệp"))?;
        fat.extend((0..size / 4).map(|i| u32_at(part, 4 * i)));
    }

    // Which chain first walked each sector (0: none yet). A chain that reaches a sector of an
    // earlier chain stops there: the rest was walked already, so the whole check is linear.
    let mut owner = vec![0u32; sectors];
    let mut chains = 0u32;
    let mut walk = |start: u32, what: &str| -> Result<Vec<u32>, String> {
        chains += 1;
        let mut chain = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN && id != FREE_SECTOR {
            let index = id as usize;
            if index >= sectors || index >= fat.len() || owner[index] == chains {
                return Err(broken(&format!(
                    "chuỗi sector của {what} lặp vòng hoặc trỏ ra ngoài tệp"
                )));
            }
            if owner[index] != 0 {
                break;
            }
            owner[index] = chains;
            chain.push(id);
            id = fat[index];
        }
        Ok(chain)
    };

    let directory = walk(u32_at(header, 48), "thư mục")?;
    if u32_at(header, 64) > 0 {
        walk(u32_at(header, 60), "bảng mini FAT")?;
    }
    let mut workbook = Vec::new();
    for id in directory {
        let Some(entries) = sector(id) else {
            continue;
        };
        for entry in entries.chunks_exact(128) {
            let kind = entry[66];
            let start = u32_at(entry, 116);
            let length = if shift == 9 {
                u64::from(u32_at(entry, 120))
            } else {
                u64::from(u32_at(entry, 120)) | (u64::from(u32_at(entry, 124)) << 32)
            };
            // The root entry holds the mini stream; other streams this large are in sectors.
            let in_sectors = kind == 5 || (kind == 2 && length >= MINI_CUTOFF);
            if in_sectors && start <= MAX_SECTOR_ID {
                let chain = walk(start, "một luồng dữ liệu")?;
                if kind == 2 && workbook.is_empty() && is_workbook_stream(entry) {
                    let length = usize::try_from(length).unwrap_or(usize::MAX);
                    for id in chain {
                        workbook.extend_from_slice(sector(id).unwrap_or_default());
                    }
                    workbook.truncate(length);
                }
            }
        }
    }
    Ok(workbook)
}

/// True for the directory entry of the workbook stream ("Workbook", or "Book" in Excel 5).
fn is_workbook_stream(entry: &[u8]) -> bool {
    let length = usize::from(u16_at(entry, 64)).min(64);
    let name: Vec<u16> = entry[..length]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&c| c != 0)
        .collect();
    let name = String::from_utf16_lossy(&name);
    name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book")
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).map_or(FREE_SECTOR, |b| {
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    })
}
