//! Normalizing a sheet's texts in place: every text cleaned ([`crate::text::clean`]), and
//! legacy TCVN3/VNI text decoded where the evidence is clear ([`legacy`]).
//!
//! In: a [`Sheet`] as read. Out: the same sheet, every text clean Unicode, and the legacy
//! encoding converted, if any ([`normalize_sheet`]). A large sheet's evidence is gathered while
//! it is still being read ([`SheetEvidence`]), a block of rows at a time.

pub mod legacy;

use self::legacy::{decode_legacy, encoding_of, Around, Evidence, Legacy, Side};
use crate::sheet::{CellValue, Sheet};
use crate::text::{clean, is_clean};

/// Normalize every text cell of a sheet in place: decode the legacy encoding
/// where there is one, then [`clean`].
///
/// Old and new data end up side by side (a header retyped in Unicode over
/// TCVN3 rows, new rows typed in Unicode under old ones), so each text is first
/// judged on its own. A text that already reads as Unicode Vietnamese ("Lê Minh
/// Tâm", "bé", which TCVN3 would read as "Lờ Minh Tõm", "bộ") is converted only
/// when the evidence nearest to it says so: its font (where the format records
/// it, [`CellFonts`]), the other texts of its row, or the rows above and below it
/// in its column. Any other text without clear evidence of its own follows the
/// verdict on its column, and failing that on the whole sheet.
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
///         vec![text("Lª Minh T©m"), text("Chi bé Tµi chÝnh")],
///         vec![text("Lê Minh Tâm"), text("Chi bộ Khu phố 3")],
///     ],
/// );
/// assert_eq!(normalize_sheet(&mut sheet), Some(Legacy::Tcvn3));
/// assert_eq!(sheet.get(1, 0), &text("Nguyễn Thị Hương"));
/// assert_eq!(sheet.get(1, 1), &text("Chi bộ Văn phòng"));
/// assert_eq!(sheet.get(0, 0), &text("Họ và tên"));
/// // A word that reads as Vietnamese either way follows the rows around it...
/// assert_eq!(sheet.get(2, 1), &text("bộ"));
/// assert_eq!(sheet.get(3, 0), &text("Lê Minh Tâm"));
/// // ... and a Unicode row is not converted because older rows are in TCVN3.
/// assert_eq!(sheet.get(4, 0), &text("Lê Minh Tâm"));
/// ```
pub fn normalize_sheet(sheet: &mut Sheet) -> Option<Legacy> {
    SheetEvidence::default().normalize(sheet, &CellFonts::default())
}

/// A merged region: its rows and its columns (0-based).
pub(crate) type Region = (
    std::ops::RangeInclusive<usize>,
    std::ops::RangeInclusive<usize>,
);

/// The fonts of a sheet's text cells, as far as they tell an encoding: which cells are in a
/// legacy font (`.VnTime`, `VNI-Times`), the others being in a Unicode one, or nothing at all
/// when the format's reader gives no fonts (.xls, .ods, .xlsb as dvk reads them).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct CellFonts {
    /// Whether each cell's font is known.
    known: bool,
    /// The text cells in a legacy font, by (row, column); sorted once finished.
    legacy: Vec<((usize, usize), Legacy)>,
}

impl CellFonts {
    /// Fonts known for every cell, none of them a legacy font yet.
    pub(crate) fn known() -> Self {
        CellFonts {
            known: true,
            legacy: Vec::new(),
        }
    }

    /// Records a text cell in a legacy font.
    pub(crate) fn push(&mut self, row: usize, col: usize, legacy: Legacy) {
        self.legacy.push(((row, col), legacy));
    }

    /// Records the cells of merged regions (rows, columns) filled with the value of their
    /// top-left cell: they show that value in its font. Finishes the fonts.
    pub(crate) fn fill(&mut self, regions: &[Region]) {
        self.finish();
        if self.legacy.is_empty() {
            return;
        }
        let mut filled = Vec::new();
        for (rows, cols) in regions {
            let top_left = (*rows.start(), *cols.start());
            let Ok(i) = self.legacy.binary_search_by_key(&top_left, |&(at, _)| at) else {
                continue;
            };
            let legacy = self.legacy[i].1;
            for row in rows.clone() {
                filled.extend(cols.clone().map(|col| ((row, col), legacy)));
            }
        }
        self.legacy.extend(filled);
        self.finish();
    }

    /// Sorts the cells for look-ups; call once every cell is recorded.
    pub(crate) fn finish(&mut self) {
        self.legacy.sort_by_key(|&(at, _)| at);
        self.legacy.dedup_by_key(|&mut (at, _)| at);
    }

    /// What the font of the cell at (row, col) says, if the fonts are known.
    fn at(&self, row: usize, col: usize) -> Option<Side> {
        if !self.known {
            return None;
        }
        match self.legacy.binary_search_by_key(&(row, col), |&(at, _)| at) {
            Ok(i) => Some(Side::Legacy(self.legacy[i].1)),
            Err(_) => Some(Side::Unicode),
        }
    }
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
    /// not gathered yet first. `fonts` must be [`CellFonts::finish`]ed.
    pub(crate) fn normalize(self, sheet: &mut Sheet, fonts: &CellFonts) -> Option<Legacy> {
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
        let unicode = whole.is_none()
            && columns.iter().all(Option::is_none)
            && blocks.iter().all(|block| block.verdicts.is_empty())
            && fonts.legacy.is_empty();
        if unicode {
            // Nothing to decode: only the texts found unclean change.
            let rows = sheet.rows.par_chunks_mut(ROWS_PER_TASK).zip(&blocks);
            rows.for_each(|(rows, block)| block.clean(rows));
            return None;
        }
        let clear: Vec<Vec<ClearCell>> = sheet
            .rows
            .par_chunks(ROWS_PER_TASK)
            .enumerate()
            .map(|(b, rows)| ClearCells::in_rows(rows, b * ROWS_PER_TASK, remember))
            .collect();
        let clear = ClearCells::new(clear.into_iter().flatten().collect(), fonts);
        sheet
            .rows
            .par_chunks_mut(ROWS_PER_TASK)
            .zip(&blocks)
            .enumerate()
            .map(|(b, (rows, block))| {
                let around = |row: usize, col: usize| Around {
                    column: columns.get(col).copied().unwrap_or(whole),
                    ..clear.around(b * ROWS_PER_TASK + row, col, fonts)
                };
                block.normalize(rows, &around)
            })
            .reduce(|| None, Option::or)
    }
}

/// A text with clear evidence of its own: (row, column, side).
type ClearCell = (usize, usize, Side);

/// The texts of a sheet with clear evidence of their own, to judge the texts around them, and
/// how far each font is to be believed.
#[derive(Debug)]
struct ClearCells {
    /// By (row, column).
    cells: Vec<ClearCell>,
    /// By column, then row.
    columns: Vec<Vec<(usize, Side)>>,
    /// Whether each kind of font is believed: a Unicode font, a TCVN3 one, a VNI one.
    believed: [bool; 1 + Legacy::ALL.len()],
}

impl ClearCells {
    /// The texts of `rows` (the first being the sheet's row `first`) with clear evidence.
    fn in_rows(rows: &[Vec<CellValue>], first: usize, remember: Remember) -> Vec<ClearCell> {
        let mut found = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let CellValue::Text(text) = cell else {
                    continue;
                };
                let evidence = match remember {
                    Remember::Yes => Evidence::remembered(text).0,
                    Remember::No => Evidence::of(text),
                };
                if let Some(side) = evidence.side() {
                    found.push((first + r, c, side));
                }
            }
        }
        found
    }

    /// `cells` sorted by (row, column). A kind of font is believed unless the clear texts in
    /// it say otherwise more often than they agree with it.
    fn new(cells: Vec<ClearCell>, fonts: &CellFonts) -> Self {
        let mut columns: Vec<Vec<(usize, Side)>> = Vec::new();
        let (mut agree, mut disagree) = ([0usize; 3], [0usize; 3]);
        for &(row, col, side) in &cells {
            if columns.len() <= col {
                columns.resize_with(col + 1, Vec::new);
            }
            columns[col].push((row, side));
            if let Some(font) = fonts.at(row, col) {
                let kind = font_kind(font);
                if font == side {
                    agree[kind] += 1;
                } else {
                    disagree[kind] += 1;
                }
            }
        }
        let believed = std::array::from_fn(|kind| disagree[kind] <= agree[kind]);
        ClearCells {
            cells,
            columns,
            believed,
        }
    }

    /// The evidence around the cell at (row, col), but its column's verdict.
    fn around(&self, row: usize, col: usize, fonts: &CellFonts) -> Around {
        let font = fonts
            .at(row, col)
            .filter(|&font| self.believed[font_kind(font)]);
        let start = self.cells.partition_point(|&(r, _, _)| r < row);
        let end = self.cells.partition_point(|&(r, _, _)| r <= row);
        let others = self.cells[start..end]
            .iter()
            .filter(|&&(_, c, _)| c != col)
            .map(|&(_, _, side)| side);
        let column = self.columns.get(col).map(Vec::as_slice).unwrap_or_default();
        let at = column.partition_point(|&(r, _)| r < row);
        let above = at.checked_sub(1).and_then(|i| column.get(i));
        let below = column[at..].iter().find(|&&(r, _)| r > row);
        let between = match (above, below) {
            (Some(&(_, a)), Some(&(_, b))) if a == b => Some(a),
            _ => None,
        };
        Around {
            font,
            row: Side::agreed(others),
            between,
            column: None,
        }
    }
}

/// The index of a font's kind in [`ClearCells::believed`].
fn font_kind(font: Side) -> usize {
    match font {
        Side::Unicode => 0,
        Side::Legacy(Legacy::Tcvn3) => 1,
        Side::Legacy(Legacy::Vni) => 2,
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

    /// Decodes and cleans every text: by its own verdict, else by the evidence around it
    /// (`around`, given a row in the block and a column; see [`encoding_of`]). Returns the
    /// encoding when a text was actually converted.
    fn normalize(
        &self,
        rows: &mut [Vec<CellValue>],
        around: &dyn Fn(usize, usize) -> Around,
    ) -> Option<Legacy> {
        let mut verdicts = self.verdicts.iter().peekable();
        let mut converted = None;
        for (r, row) in rows.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let own = verdicts
                    .next_if(|&&(vr, vc, _)| (vr, vc) == (r, c))
                    .map(|&(_, _, legacy)| legacy);
                if let CellValue::Text(raw) = cell {
                    let legacy = own.or_else(|| encoding_of(raw, None, &around(r, c)));
                    converted = converted.or(normalize_text(raw, legacy));
                }
            }
        }
        converted
    }
}

#[cfg(test)]
mod tests;
