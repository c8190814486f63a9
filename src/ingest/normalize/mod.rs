//! Normalizing a sheet's texts in place: every text cleaned ([`crate::text::clean`]), and
//! legacy TCVN3/VNI text decoded where the evidence is clear ([`legacy`]).
//!
//! In: a [`Sheet`] as read. Out: the same sheet, every text clean Unicode, and the legacy
//! encoding converted, if any ([`normalize_sheet`]). A large sheet's evidence is gathered while
//! it is still being read ([`SheetEvidence`]), a block of rows at a time.

pub mod legacy;

use self::legacy::{decode_legacy, Evidence, Legacy};
use crate::sheet::{CellValue, Sheet};
use crate::text::{clean, is_clean};

/// Normalize every text cell of a sheet in place: decode the legacy encoding
/// where there is one, then [`clean`].
///
/// Old and new data end up side by side (a header retyped in Unicode over
/// TCVN3 rows), so each text is first judged on its own; a text without clear
/// evidence of its own (a single word, or only ambiguous ones such as "bé")
/// follows the verdict on its column, and failing that on the whole sheet.
/// Returns the legacy encoding when some text was actually converted, so the
/// caller can tell the user.
///
/// # Example
///
/// ```
/// use dvk::sheet::{CellValue, Sheet};
/// use dvk::ingest::normalize::{legacy::Legacy, normalize_sheet};
///
/// let text = |s: &str| CellValue::Text(s.to_string());
/// let mut sheet = Sheet::from_rows(
///     "DS",
///     vec![
///         vec![text("Họ và tên"), text("Chi bộ")],
///         vec![text("NguyÔn ThÞ H\u{ad}¬ng"), text(" Chi bé V¨n phßng ")],
///         vec![CellValue::Number(1.0), text("bé")],
///     ],
/// );
/// assert_eq!(normalize_sheet(&mut sheet), Some(Legacy::Tcvn3));
/// assert_eq!(sheet.get(1, 0), &text("Nguyễn Thị Hương"));
/// assert_eq!(sheet.get(1, 1), &text("Chi bộ Văn phòng"));
/// assert_eq!(sheet.get(0, 0), &text("Họ và tên"));
/// // One ambiguous word follows its column.
/// assert_eq!(sheet.get(2, 1), &text("bộ"));
/// ```
pub fn normalize_sheet(sheet: &mut Sheet) -> Option<Legacy> {
    SheetEvidence::default().normalize(sheet)
}

/// The encoding evidence of a sheet, gathered a block of [`crate::sheet::ROWS_PER_TASK`] rows at
/// a time: while a large sheet is still being read (each block once its rows are complete), and
/// for the rest when the sheet is normalized ([`SheetEvidence::normalize`]).
///
/// A block must be gathered again when its rows change after it was gathered (a cell arriving
/// out of order, a merged region filled): [`SheetEvidence::forget`] says so.
#[derive(Debug, Default)]
pub(crate) struct SheetEvidence {
    /// The blocks gathered, from the first row on; `None` for a block to gather again.
    blocks: Vec<Option<BlockEvidence>>,
}

impl SheetEvidence {
    /// Gathers every block whose rows all lie before row `complete`, that is, rows that will
    /// not change any more (rows of a worksheet are stored in order).
    pub(crate) fn gather_before(&mut self, rows: &[Vec<CellValue>], complete: usize) {
        use crate::sheet::ROWS_PER_TASK;
        let complete = complete.min(rows.len());
        while (self.blocks.len() + 1) * ROWS_PER_TASK <= complete {
            let start = self.blocks.len() * ROWS_PER_TASK;
            let block = rows
                .get(start..start + ROWS_PER_TASK)
                .map(|rows| BlockEvidence::of(rows, Remember::No));
            self.blocks.push(block);
        }
    }

    /// Marks the blocks holding `rows` as to gather again: their cells changed.
    pub(crate) fn forget(&mut self, rows: std::ops::RangeInclusive<usize>) {
        use crate::sheet::ROWS_PER_TASK;
        let blocks = rows.start() / ROWS_PER_TASK..=rows.end() / ROWS_PER_TASK;
        for block in self
            .blocks
            .iter_mut()
            .take(blocks.end() + 1)
            .skip(*blocks.start())
        {
            *block = None;
        }
    }

    /// Normalizes every text cell of `sheet` (see [`normalize_sheet`]), gathering the blocks
    /// not gathered yet first.
    pub(crate) fn normalize(self, sheet: &mut Sheet) -> Option<Legacy> {
        use crate::sheet::ROWS_PER_TASK;
        use rayon::prelude::*;
        // A form's texts come back from workbook to workbook; a consolidated sheet's rows
        // are mostly new (model names, people), and remembering them costs more than it saves.
        let remember = if sheet.rows.len() <= ROWS_PER_TASK {
            Remember::Yes
        } else {
            Remember::No
        };
        let mut gathered = self.blocks;
        gathered.resize_with(sheet.rows.len().div_ceil(ROWS_PER_TASK), || None);
        let blocks: Vec<BlockEvidence> = sheet
            .rows
            .par_chunks(ROWS_PER_TASK)
            .zip(gathered)
            .map(|(rows, block)| block.unwrap_or_else(|| BlockEvidence::of(rows, remember)))
            .collect();
        let mut columns: Vec<Evidence> = Vec::new();
        let mut whole = Evidence::default();
        for block in &blocks {
            if columns.len() < block.columns.len() {
                columns.resize(block.columns.len(), Evidence::default());
            }
            for (column, found) in columns.iter_mut().zip(&block.columns) {
                column.add(found);
            }
            whole.add(&block.whole);
        }
        let whole = whole.decide();
        let columns: Vec<Option<Legacy>> = columns.iter().map(|c| c.decide().or(whole)).collect();
        let rows = sheet.rows.par_chunks_mut(ROWS_PER_TASK).zip(&blocks);
        let unicode = whole.is_none()
            && columns.iter().all(Option::is_none)
            && blocks.iter().all(|block| block.verdicts.is_empty());
        if unicode {
            // Nothing to decode: only the texts found unclean change.
            rows.for_each(|(rows, block)| block.clean(rows));
            return None;
        }
        rows.map(|(rows, block)| block.normalize(rows, &columns, whole))
            .reduce(|| None, Option::or)
    }
}

/// Decodes a text from `legacy` where there is one, and cleans it. Returns the encoding
/// when the text was actually converted.
fn normalize_text(raw: &mut String, legacy: Option<Legacy>) -> Option<Legacy> {
    match legacy {
        Some(legacy) => {
            let decoded = decode_legacy(raw, legacy);
            let converted = (decoded != clean(raw)).then_some(legacy);
            *raw = decoded;
            converted
        }
        // Most texts are clean already: checking is cheaper than rebuilding them.
        None if !is_clean(raw) => {
            *raw = clean(raw);
            None
        }
        None => None,
    }
}

/// Whether the evidence of short texts is remembered from one workbook to the next
/// ([`Evidence::remembered`]).
#[derive(Debug, Clone, Copy)]
enum Remember {
    Yes,
    No,
}

/// The encoding evidence of a block of rows.
#[derive(Debug)]
struct BlockEvidence {
    /// The texts with clear evidence of their own, with their verdict, by (row in the block,
    /// column) in reading order. Few texts have one: most follow their column.
    verdicts: Vec<(usize, usize, Legacy)>,
    /// The texts that [`clean`] changes, by (row in the block, column).
    unclean: Vec<(usize, usize)>,
    /// The sums by column.
    columns: Vec<Evidence>,
    /// The sum of the block.
    whole: Evidence,
}

impl BlockEvidence {
    /// The evidence of `rows`, each up to its last value: cells after it are dropped when a
    /// sheet is read, and a block gathered while reading must not count them.
    fn of(rows: &[Vec<CellValue>], remember: Remember) -> Self {
        let mut block = BlockEvidence {
            verdicts: Vec::new(),
            unclean: Vec::new(),
            columns: Vec::new(),
            whole: Evidence::default(),
        };
        for (r, row) in rows.iter().enumerate() {
            let kept = crate::sheet::used_len(row);
            if block.columns.len() < kept {
                block.columns.resize(kept, Evidence::default());
            }
            let row = &row[..kept];
            for (c, (cell, column)) in row.iter().zip(block.columns.iter_mut()).enumerate() {
                let CellValue::Text(text) = cell else {
                    continue;
                };
                let (found, clean) = match remember {
                    Remember::Yes => Evidence::remembered(text),
                    Remember::No => (Evidence::of(text), is_clean(text)),
                };
                column.add(&found);
                block.whole.add(&found);
                if let Some(legacy) = found.decide() {
                    block.verdicts.push((r, c, legacy));
                }
                if !clean {
                    block.unclean.push((r, c));
                }
            }
        }
        block
    }

    /// Cleans the texts found unclean (a sheet with nothing to decode).
    fn clean(&self, rows: &mut [Vec<CellValue>]) {
        for &(r, c) in &self.unclean {
            if let Some(CellValue::Text(raw)) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                *raw = clean(raw);
            }
        }
    }

    /// Decodes and cleans every text: by its own verdict, else its column's, else the
    /// sheet's (`columns` already fall back on it). Returns the encoding when a text was
    /// actually converted.
    fn normalize(
        &self,
        rows: &mut [Vec<CellValue>],
        columns: &[Option<Legacy>],
        whole: Option<Legacy>,
    ) -> Option<Legacy> {
        let mut verdicts = self.verdicts.iter().peekable();
        let mut converted = None;
        for (r, row) in rows.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let own = verdicts
                    .next_if(|&&(vr, vc, _)| (vr, vc) == (r, c))
                    .map(|&(_, _, legacy)| legacy);
                if let CellValue::Text(raw) = cell {
                    let column = columns.get(c).copied().unwrap_or(whole);
                    converted = converted.or(normalize_text(raw, own.or(column)));
                }
            }
        }
        converted
    }
}

#[cfg(test)]
mod tests;
