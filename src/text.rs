//! Text normalization done before any matching.
//!
//! Every text read from a workbook goes through here first:
//!
//! - [`clean`] gives the form shown to people: Unicode NFC, trimmed, one space between words;
//! - [`detect_legacy`] and [`decode_legacy`] repair old files typed with the 8-bit
//!   Vietnamese fonts (TCVN3 `.VnTime`, VNI-Windows), which Excel reads as mojibake;
//! - [`fold`] and [`fold_compact`] give the keys used to compare texts, so that case,
//!   diacritics, punctuation and spacing never decide whether two texts match.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

use bamboo_core::advanced::get_charset_definition;
use bamboo_core::{decode_charset, Charset};
use unicode_normalization::UnicodeNormalization;

use crate::read::{Cell, Sheet};

/// A legacy 8-bit Vietnamese encoding found in old files, read as mojibake.
///
/// Text typed with these fonts was stored as Windows-1252 characters, so a
/// workbook shows `"Chi bé V¨n phßng"` (TCVN3) or `"Chi boä Vaên phoøng"` (VNI)
/// for "Chi bộ Văn phòng".
///
/// # Example
///
/// ```
/// use dvk::text::Legacy;
///
/// assert_eq!(Legacy::Tcvn3.label(), "TCVN3 (ABC)");
/// assert_eq!(Legacy::Vni.to_string(), "VNI-Windows");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN3, also called ABC: the `.VnTime` / `.VnArial` fonts.
    Tcvn3,
    /// VNI-Windows: the `VNI-Times` / `VNI-Helve` fonts.
    Vni,
}

impl Legacy {
    /// Every legacy encoding, in the order detection tries them.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::text::Legacy;
    ///
    /// assert_eq!(Legacy::ALL, [Legacy::Tcvn3, Legacy::Vni]);
    /// ```
    pub const ALL: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

    /// The name of the encoding as Vietnamese users know it, for messages.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::text::Legacy;
    ///
    /// assert_eq!(Legacy::Tcvn3.label(), "TCVN3 (ABC)");
    /// assert_eq!(Legacy::Vni.label(), "VNI-Windows");
    /// ```
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI-Windows",
        }
    }

    /// The matching `bamboo_core` charset, which holds the conversion tables.
    ///
    /// # Example
    ///
    /// ```
    /// use bamboo_core::Charset;
    /// use dvk::text::Legacy;
    ///
    /// assert_eq!(Legacy::Vni.charset(), Charset::VniWindows);
    /// ```
    #[must_use]
    pub fn charset(self) -> Charset {
        match self {
            Legacy::Tcvn3 => Charset::Tcvn3,
            Legacy::Vni => Charset::VniWindows,
        }
    }

    fn profile(self) -> &'static Profile {
        match self {
            Legacy::Tcvn3 => &TCVN3,
            Legacy::Vni => &VNI,
        }
    }
}

impl fmt::Display for Legacy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Unicode NFC, trimmed, every run of white space collapsed to one ASCII space.
///
/// White space is anything Unicode calls so: spaces, tabs, NBSP U+00A0, line
/// breaks `\r` `\n`, U+2028 and the like. Zero-width characters (U+200B..U+200F,
/// U+2060, BOM U+FEFF) and control characters are removed. The soft hyphen
/// U+00AD is kept: TCVN3 uses it for "ư", so removing it would lose a letter.
///
/// # Example
///
/// ```
/// use dvk::text::clean;
///
/// assert_eq!(clean("  Chi\u{a0}bộ \r\n Văn   phòng "), "Chi bộ Văn phòng");
/// // Decomposed input (base letter + combining marks) comes out precomposed.
/// assert_eq!(clean("Chi bo\u{323}\u{302}"), "Chi bộ");
/// ```
#[must_use]
pub fn clean(raw: &str) -> String {
    if is_clean(raw) {
        return raw.to_string();
    }
    // Invisible characters go first, so a zero-width space between a letter
    // and its combining mark does not stop NFC from joining them.
    let visible: String = raw.chars().filter(|&c| !is_invisible(c)).collect();
    let composed: String = visible.nfc().collect();
    let mut out = String::with_capacity(composed.len());
    for word in composed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when [`clean`] would return the text unchanged: NFC already, no invisible characters,
/// single ASCII spaces between words. Most cells are, and checking is much cheaper than
/// normalizing.
fn is_clean(raw: &str) -> bool {
    if raw.is_ascii() {
        // ASCII is NFC, and its only invisible or white characters besides the space are
        // control codes.
        let bytes = raw.as_bytes();
        return bytes.first().is_some_and(|&b| b != b' ')
            && bytes.last().is_some_and(|&b| b != b' ')
            && !bytes.iter().any(|&b| b < b' ' || b == 0x7F)
            && !bytes.windows(2).any(|pair| pair == b"  ");
    }
    let plain = &*PLAIN_CHARS;
    let (mut previous_space, mut all_plain) = (true, true);
    for c in raw.chars() {
        if plain.contains(c) {
            previous_space = false;
            continue;
        }
        let space = c == ' ';
        if (space && previous_space) || (c.is_whitespace() && !space) || is_invisible(c) {
            return false;
        }
        all_plain &= space;
        previous_space = space;
    }
    // A text of plain characters is NFC: each is NFC alone and none combines with another.
    !previous_space
        && (all_plain
            || unicode_normalization::is_nfc_quick(raw.chars())
                == unicode_normalization::IsNormalized::Yes)
}

/// The characters of the Latin and Vietnamese blocks that [`is_clean`] needs to look at no
/// further: visible, not white space, NFC alone and not combining (canonical class 0), so a
/// text of them and single spaces is NFC. Derived from the Unicode tables at start-up.
static PLAIN_CHARS: LazyLock<CharBits> = LazyLock::new(|| {
    use unicode_normalization::char::canonical_combining_class;
    let mut plain = CharBits::default();
    let candidates = ('\u{21}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}');
    for c in candidates.filter(|&c| {
        !c.is_whitespace()
            && !is_invisible(c)
            && canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c))
                == unicode_normalization::IsNormalized::Yes
    }) {
        plain.insert(c);
    }
    plain
});

/// Characters that take no room on screen and carry nothing for matching.
fn is_invisible(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// The key used to compare texts.
///
/// The text is [`clean`]ed, lowercased and stripped of diacritics (NFD, then
/// the combining marks U+0300..U+036F dropped; "đ" becomes "d"). Every
/// character that is not a letter or a digit becomes a space, and spaces are
/// collapsed and trimmed. Decomposed and precomposed input give the same key.
///
/// # Example
///
/// ```
/// use dvk::text::fold;
///
/// assert_eq!(fold("Chi bộ  VĂN PHÒNG"), "chi bo van phong");
/// assert_eq!(fold("Ngày\nđăng ký"), "ngay dang ky");
/// assert_eq!(fold("TÊN MÔ HÌNH, ĐIỂN HÌNH"), "ten mo hinh dien hinh");
/// ```
#[must_use]
pub fn fold(s: &str) -> String {
    fold_by_table(s).unwrap_or_else(|| fold_unicode(s))
}

/// True when [`fold`] makes `s` into `word`, without building the folded text: words of a
/// sentence are compared with a few keywords ("ngày", "tháng", "năm") far more often than
/// they are needed folded.
///
/// # Example
///
/// ```
/// use dvk::text::folds_to;
///
/// assert!(folds_to("NGÀY", "ngay"));
/// assert!(folds_to("Đăng  ký", "dang ky"));
/// assert!(!folds_to("Ngày", "nga"));
/// ```
#[must_use]
pub fn folds_to(s: &str, word: &str) -> bool {
    let (mut written, mut same) = (0, true);
    let walked = fold_walk(s, |byte| {
        same &= word.as_bytes().get(written) == Some(&byte);
        written += 1;
    });
    match walked {
        Some(()) => same && written == word.len(),
        None => fold_unicode(s) == word,
    }
}

/// [`fold`] one character at a time through [`FOLD_TABLE`]: Vietnamese text, ASCII and common
/// punctuation never need the Unicode tables. `None` when some character is not in the table.
fn fold_by_table(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    fold_walk(s, |byte| out.push(char::from(byte)))?;
    Some(out)
}

/// Gives each byte [`fold`] writes for `s` to `emit`, when every character of `s` is in
/// [`FOLD_TABLE`]; `None` (after some bytes, maybe) when one is not.
fn fold_walk(s: &str, mut emit: impl FnMut(u8)) -> Option<()> {
    let table = &*FOLD_TABLE;
    let (mut gap, mut started) = (false, false);
    for c in s.chars() {
        let class = if c.is_ascii_alphanumeric() {
            FoldClass::Letter(c.to_ascii_lowercase() as u8)
        } else {
            table.class(c)?
        };
        match class {
            FoldClass::Skip => {}
            FoldClass::Gap => gap = true,
            FoldClass::Letter(letter) => {
                if gap && started {
                    emit(b' ');
                }
                gap = false;
                started = true;
                emit(letter);
            }
        }
    }
    Some(())
}

/// What [`fold`] makes of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FoldClass {
    /// Dropped without a trace: a diacritic, an invisible character, a soft hyphen.
    Skip,
    /// Separates words: space, punctuation.
    Gap,
    /// Becomes this ASCII letter or digit.
    Letter(u8),
}

/// The [`FoldClass`] of every character of the blocks Vietnamese text is written in (Basic
/// Latin, Latin-1, Latin Extended-A and -B, combining diacritics, Latin Extended Additional,
/// general punctuation). Each entry is what [`fold_unicode`] makes of the character between two
/// letters, so the table cannot drift from the rule it speeds up.
struct FoldTable {
    blocks: Vec<(u32, Vec<Option<FoldClass>>)>,
}

const FOLD_BLOCKS: [std::ops::Range<u32>; 3] = [0..0x370, 0x1E00..0x1F00, 0x2000..0x2070];

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(|| FoldTable {
    blocks: FOLD_BLOCKS
        .iter()
        .map(|block| {
            let classes = block
                .clone()
                .map(|code| char::from_u32(code).and_then(FoldTable::classify))
                .collect();
            (block.start, classes)
        })
        .collect(),
});

impl FoldTable {
    fn classify(c: char) -> Option<FoldClass> {
        match fold_unicode(&format!("a{c}b")).as_bytes() {
            b"ab" => Some(FoldClass::Skip),
            b"a b" => Some(FoldClass::Gap),
            [b'a', letter, b'b'] => Some(FoldClass::Letter(*letter)),
            _ => None,
        }
    }

    fn class(&self, c: char) -> Option<FoldClass> {
        let code = u32::from(c);
        for (start, classes) in &self.blocks {
            let index = usize::try_from(code.checked_sub(*start)?).ok()?;
            if let Some(class) = classes.get(index) {
                return *class;
            }
        }
        None
    }
}

/// [`fold`] by the Unicode tables: invisible characters dropped, lowercased, decomposed,
/// marks dropped, "đ" made "d".
fn fold_unicode(s: &str) -> String {
    let visible: String = s.chars().filter(|&c| !is_invisible(c)).collect();
    words_key(
        visible
            .to_lowercase()
            .nfd()
            // A soft hyphen is an invisible line-break hint inside a word.
            .filter(|&c| !is_diacritic(c) && c != '\u{AD}')
            // U+00F0 "ð" is what Windows-1258 and some keyboards give for "đ".
            .map(|c| if matches!(c, 'đ' | 'ð') { 'd' } else { c }),
    )
}

/// The letters and digits of a text, every run of anything else one space, trimmed.
fn words_key(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in chars {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// [`fold`] without any spaces, for header matching where people write
/// `Ngày ĐK` as well as `NgàyĐK`.
///
/// # Example
///
/// ```
/// use dvk::text::fold_compact;
///
/// assert_eq!(fold_compact("Họ và tên"), "hovaten");
/// assert_eq!(fold_compact("Ngày ĐK"), fold_compact("NgàyĐK"));
/// ```
#[must_use]
pub fn fold_compact(s: &str) -> String {
    let mut folded = fold(s);
    folded.retain(|c| c != ' ');
    folded
}

/// Combining diacritical marks, the block NFD puts Vietnamese tones and hats in.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Decide the encoding of a group of texts (all the text cells of one sheet
/// column, or of one file).
///
/// Returns `Some` only when the evidence is clear; `None` means Unicode. Each
/// word is decoded with both legacy tables: a word that is not Vietnamese as it
/// stands but becomes a valid Vietnamese syllable votes for that encoding, and
/// a word that is already valid Vietnamese which the decoding breaks (or could
/// not have come from it) votes for Unicode. An encoding wins with at least two
/// votes (one is enough when the text also holds characters that never occur in
/// Vietnamese) and at least twice as many votes as Unicode. Pure ASCII words and
/// one-letter words are no evidence either way.
///
/// # Example
///
/// ```
/// use dvk::text::{detect_legacy, Legacy};
///
/// assert_eq!(detect_legacy(["Chi bé V¨n phßng", "Hä vµ tªn"]), Some(Legacy::Tcvn3));
/// assert_eq!(detect_legacy(["Chi boä Vaên phoøng"]), Some(Legacy::Vni));
/// assert_eq!(detect_legacy(["Chi bộ Văn phòng", "bé", "pháp"]), None);
/// assert_eq!(detect_legacy(["Chi bo Van phong"]), None);
/// ```
#[must_use]
pub fn detect_legacy<'a, I: IntoIterator<Item = &'a str>>(texts: I) -> Option<Legacy> {
    let mut votes = Evidence::default();
    for text in texts {
        votes.add(&Evidence::of(text));
    }
    votes.decide()
}

/// The evidence of a text (or the sum of several) for each legacy encoding.
#[derive(Debug, Default, Clone, Copy)]
struct Evidence([Votes; Legacy::ALL.len()]);

impl Evidence {
    fn of(text: &str) -> Self {
        let mut evidence = Evidence::default();
        // Both legacy encodings show up as non-ASCII characters: plain ASCII tells nothing.
        if text.is_ascii() {
            return evidence;
        }
        for (legacy, tally) in Legacy::ALL.into_iter().zip(evidence.0.iter_mut()) {
            tally.marks = has_legacy_marks(text, legacy);
        }
        for word in words(text).filter(|w| is_evidence(w)) {
            for (tally, vote) in evidence.0.iter_mut().zip(votes_of(word)) {
                tally.count(vote);
            }
        }
        evidence
    }

    /// The evidence of a text and whether it is clean, remembered per thread for short texts:
    /// titles, headers, kinds, fields and cell names come back in every workbook.
    fn remembered(text: &str) -> (Self, bool) {
        /// Longer texts (descriptions) rarely come back, and hashing them costs.
        const REMEMBERED_BYTES: usize = 64;
        thread_local! {
            static SEEN: RefCell<Memo<(Evidence, bool)>> = RefCell::default();
        }
        let judge = || (Evidence::of(text), is_clean(text));
        if text.len() > REMEMBERED_BYTES {
            return judge();
        }
        SEEN.with_borrow_mut(|seen| seen.get(text, judge))
    }

    fn add(&mut self, other: &Evidence) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            mine.legacy += theirs.legacy;
            mine.unicode += theirs.unicode;
            mine.marks |= theirs.marks;
        }
    }

    fn decide(&self) -> Option<Legacy> {
        Legacy::ALL
            .into_iter()
            .zip(self.0)
            .filter(|(_, tally)| tally.is_clear())
            .max_by_key(|(_, tally)| tally.legacy.saturating_sub(tally.unicode))
            .map(|(legacy, _)| legacy)
    }
}

/// Convert one text from the legacy encoding to Unicode, then [`clean`] it.
///
/// Files mix old and new cells, so a text that is already Unicode is returned
/// cleaned but not decoded. A text counts as Unicode when it holds none of the
/// marks only the legacy encoding produces, and either holds Vietnamese letters
/// the legacy encoding cannot produce (ă đ ĩ ũ ơ ư, a toned letter in
/// U+1EA0..U+1EF9, a combining mark) or would have fewer valid Vietnamese words
/// once decoded. The Latin-1 letters â ê ô á é ... are no proof of Unicode:
/// both legacy encodings use them as codes.
///
/// TCVN3 gives most capital toned letters the code of the small letter (the
/// capitals came from a separate font), so these decode as small letters.
///
/// # Example
///
/// ```
/// use dvk::text::{decode_legacy, Legacy};
///
/// assert_eq!(decode_legacy("Chi bé V¨n phßng", Legacy::Tcvn3), "Chi bộ Văn phòng");
/// assert_eq!(decode_legacy("tieáng  Vieät", Legacy::Vni), "tiếng Việt");
/// // Already Unicode: left as it is.
/// assert_eq!(decode_legacy("Nguyễn Thị Hương", Legacy::Tcvn3), "Nguyễn Thị Hương");
/// ```
#[must_use]
pub fn decode_legacy(raw: &str, legacy: Legacy) -> String {
    let decoded = decode_charset(legacy.charset(), raw);
    if is_unicode_already(raw, &decoded, legacy) {
        clean(raw)
    } else if legacy == Legacy::Tcvn3 && is_capitals(raw) {
        // TCVN3 has no codes for toned capitals: titles are typed with the capital font
        // (.VnTimeH) over small-letter codes, so "CHI BÉ" means "CHI BỘ", not "CHI Bộ".
        clean(&decoded.to_uppercase())
    } else {
        clean(&decoded)
    }
}

/// True when every ASCII letter of a text is a capital, and there are at least two of them.
fn is_capitals(raw: &str) -> bool {
    let letters = raw.chars().filter(char::is_ascii_alphabetic);
    letters.clone().count() >= 2 && letters.into_iter().all(|c| c.is_ascii_uppercase())
}

fn is_unicode_already(raw: &str, decoded: &str, legacy: Legacy) -> bool {
    if raw == decoded {
        return true;
    }
    if has_legacy_marks(raw, legacy) {
        return false;
    }
    raw.chars().any(is_unicode_only_letter) || count_valid_words(raw) > count_valid_words(decoded)
}

/// Vietnamese letters outside Latin-1, which neither legacy encoding
/// produces when read as Windows-1252, and combining marks (NFD Unicode).
fn is_unicode_only_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư'
            | '\u{1EA0}'..='\u{1EF9}'
            | '\u{300}'..='\u{36F}'
    )
}

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
/// use dvk::read::{Cell, Sheet};
/// use dvk::text::{normalize_sheet, Legacy};
///
/// let text = |s: &str| Cell::Text(s.to_string());
/// let mut sheet = Sheet::from_rows(
///     "DS",
///     vec![
///         vec![text("Họ và tên"), text("Chi bộ")],
///         vec![text("NguyÔn ThÞ H\u{ad}¬ng"), text(" Chi bé V¨n phßng ")],
///         vec![Cell::Number(1.0), text("bé")],
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

/// The encoding evidence of a sheet, gathered a block of [`crate::read::ROWS_PER_TASK`] rows at
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
    pub(crate) fn gather_before(&mut self, rows: &[Vec<Cell>], complete: usize) {
        use crate::read::ROWS_PER_TASK;
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
        use crate::read::ROWS_PER_TASK;
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
        use crate::read::ROWS_PER_TASK;
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
    fn of(rows: &[Vec<Cell>], remember: Remember) -> Self {
        let mut block = BlockEvidence {
            verdicts: Vec::new(),
            unclean: Vec::new(),
            columns: Vec::new(),
            whole: Evidence::default(),
        };
        for (r, row) in rows.iter().enumerate() {
            let kept = crate::read::used_len(row);
            if block.columns.len() < kept {
                block.columns.resize(kept, Evidence::default());
            }
            let row = &row[..kept];
            for (c, (cell, column)) in row.iter().zip(block.columns.iter_mut()).enumerate() {
                let Cell::Text(text) = cell else {
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
    fn clean(&self, rows: &mut [Vec<Cell>]) {
        for &(r, c) in &self.unclean {
            if let Some(Cell::Text(raw)) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                *raw = clean(raw);
            }
        }
    }

    /// Decodes and cleans every text: by its own verdict, else its column's, else the
    /// sheet's (`columns` already fall back on it). Returns the encoding when a text was
    /// actually converted.
    fn normalize(
        &self,
        rows: &mut [Vec<Cell>],
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
                if let Cell::Text(raw) = cell {
                    let column = columns.get(c).copied().unwrap_or(whole);
                    converted = converted.or(normalize_text(raw, own.or(column)));
                }
            }
        }
        converted
    }
}

// ---------------------------------------------------------------------------
// Detection evidence.
// ---------------------------------------------------------------------------

/// Words needed for a decision when no legacy-only character backs them.
const MIN_VOTES: usize = 2;

/// The evidence for one legacy encoding over a group of texts.
#[derive(Debug, Default, Clone, Copy)]
struct Votes {
    /// Words that are Vietnamese only once decoded.
    legacy: usize,
    /// Words that are Vietnamese as they stand and that decoding breaks,
    /// or that hold a letter the encoding cannot produce.
    unicode: usize,
    /// Some text holds a character or pair only this encoding produces.
    marks: bool,
}

impl Votes {
    fn count(&mut self, vote: Vote) {
        match vote {
            Vote::Legacy => self.legacy += 1,
            Vote::Unicode => self.unicode += 1,
            Vote::Nothing => {}
        }
    }

    fn is_clear(&self) -> bool {
        let enough = self.legacy >= MIN_VOTES || (self.legacy >= 1 && self.marks);
        enough && self.legacy >= 2 * self.unicode
    }
}

/// What one word tells about one legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vote {
    /// Valid both ways ("bé" is "bộ" in TCVN3) or neither way.
    Nothing,
    /// Vietnamese only once decoded.
    Legacy,
    /// Vietnamese as it stands and broken by decoding, or holding a letter the encoding
    /// cannot produce.
    Unicode,
}

/// The [`vote`] of a word for each legacy encoding, remembered per thread: names, titles and
/// field words recur across thousands of files, and spelling a word twice over is the
/// dearest step of detection.
fn votes_of(word: &str) -> [Vote; Legacy::ALL.len()] {
    thread_local! {
        static SEEN: RefCell<Memo<[Vote; Legacy::ALL.len()]>> = RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| seen.get(word, || Legacy::ALL.map(|legacy| vote(word, legacy))))
}

/// What a function gave for each text, for a function called again and again with the same
/// texts from file to file (held in a thread-local, one per thread).
#[derive(Debug)]
pub(crate) struct Memo<V> {
    seen: HashMap<Box<str>, V, foldhash::fast::RandomState>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            seen: HashMap::default(),
        }
    }
}

impl<V: Copy> Memo<V> {
    /// Past this many texts the memo starts again, so that a huge sheet of distinct texts
    /// cannot grow it for ever.
    const CAPACITY: usize = 1 << 16;

    /// The value remembered for `text`, or `make`'s, remembered.
    pub(crate) fn get(&mut self, text: &str, make: impl FnOnce() -> V) -> V {
        if let Some(&value) = self.seen.get(text) {
            return value;
        }
        if self.seen.len() >= Self::CAPACITY {
            self.seen.clear();
        }
        let value = make();
        self.seen.insert(text.into(), value);
        value
    }
}

/// What a word tells about a legacy encoding (see [`detect_legacy`]).
fn vote(word: &str, legacy: Legacy) -> Vote {
    // A letter the encoding cannot produce means the word is not its mojibake: it counts
    // for Unicode without decoding or spelling it. Most Unicode words take this short way.
    if has_foreign_char(word, legacy) {
        return Vote::Unicode;
    }
    let decoded = decode_charset(legacy.charset(), word);
    let changed = decoded != word;
    let before = is_syllable(word);
    let after = changed && is_syllable(&decoded);
    if changed && after && !before {
        Vote::Legacy
    } else if before && changed && !after {
        Vote::Unicode
    } else {
        Vote::Nothing
    }
}

/// Only words with some non-ASCII letter can tell encodings apart, and a lone
/// character ("·" used as a bullet) is too easily something else.
fn is_evidence(word: &str) -> bool {
    !word.is_ascii() && word.chars().nth(1).is_some()
}

/// Splits on white space and on punctuation neither legacy encoding uses as a
/// letter code (TCVN3 uses « ¬ · and the like, so only these are safe).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '“' | '”' | '‘' | '’' | '„' | '–' | '—' | '…' | '•')
    })
    .filter(|w| !w.is_empty())
}

fn count_valid_words(text: &str) -> usize {
    words(text).filter(|w| is_syllable(w)).count()
}

/// A non-ASCII character that appears in none of the encoding's codes.
fn has_foreign_char(word: &str, legacy: Legacy) -> bool {
    let profile = legacy.profile();
    word.chars()
        .any(|c| !c.is_ascii() && !profile.code_chars.contains(c))
}

/// A character or pair of characters that only the legacy encoding produces:
/// it never occurs in Unicode Vietnamese text.
fn has_legacy_marks(text: &str, legacy: Legacy) -> bool {
    let profile = legacy.profile();
    let mut prev = ' ';
    for c in text.chars() {
        // Plain ASCII is never a legacy mark, alone or in pairs: skip the look-ups.
        let ascii = c.is_ascii() && prev.is_ascii();
        let pair = || profile.pair_marks.contains(c) && profile.only_pairs.contains(&(prev, c));
        if !ascii && (profile.only_chars.contains(c) || pair()) {
            return true;
        }
        prev = c;
    }
    false
}

/// What the bamboo table of one legacy encoding tells about its mojibake.
struct Profile {
    /// Every non-ASCII character used in some code.
    code_chars: CharBits,
    /// Code characters that are not Vietnamese letters ("¨", "ß", "ä" ...).
    only_chars: CharBits,
    /// Two-character codes, an ASCII vowel and a mark ("aù", "eä" ...), that
    /// never occur in Unicode Vietnamese words.
    only_pairs: HashSet<(char, char), foldhash::fast::FixedState>,
    /// The marks of `only_pairs`, so most characters need no pair look-up.
    pair_marks: CharBits,
}

/// A set of characters as a bitmap. The legacy tables are Windows-1252 text, all below
/// U+2200, so the map stays small, and looking a character up is one shift: every character
/// of every text is looked up.
#[derive(Debug, Default)]
struct CharBits(Vec<u64>);

impl CharBits {
    fn insert(&mut self, c: char) {
        let (word, bit) = Self::place(c);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= bit;
    }

    fn contains(&self, c: char) -> bool {
        let (word, bit) = Self::place(c);
        self.0.get(word).is_some_and(|w| w & bit != 0)
    }

    fn place(c: char) -> (usize, u64) {
        let code = u32::from(c);
        ((code / 64) as usize, 1 << (code % 64))
    }
}

/// VNI pairs that are also Unicode spellings ("hoá", "hoàn", "hoãn").
const UNICODE_PAIRS: [(char, char); 3] = [('o', 'á'), ('o', 'à'), ('o', 'ã')];

static TCVN3: LazyLock<Profile> = LazyLock::new(|| Profile::new(Charset::Tcvn3));
static VNI: LazyLock<Profile> = LazyLock::new(|| Profile::new(Charset::VniWindows));

impl Profile {
    /// Derived from the table rather than typed by hand, so it stays in step
    /// with the decoder. An unknown table gives an empty profile, which only
    /// weakens detection.
    fn new(charset: Charset) -> Self {
        let mut profile = Profile {
            code_chars: CharBits::default(),
            only_chars: CharBits::default(),
            only_pairs: HashSet::default(),
            pair_marks: CharBits::default(),
        };
        let Some(table) = get_charset_definition(charset.as_str()) else {
            return profile;
        };
        // The table's keys are every non-ASCII Vietnamese letter.
        let letters: HashSet<char> = table.keys().copied().collect();
        for code in table.values() {
            let chars: Vec<char> = code.chars().collect();
            for &c in chars.iter().filter(|c| !c.is_ascii()) {
                profile.code_chars.insert(c);
                if !letters.contains(&c) {
                    profile.only_chars.insert(c);
                }
            }
            if let [first, mark] = chars[..] {
                let lower = (
                    first.to_ascii_lowercase(),
                    mark.to_lowercase().next().unwrap_or(mark),
                );
                if first.is_ascii() && !UNICODE_PAIRS.contains(&lower) {
                    profile.only_pairs.insert((first, mark));
                    profile.pair_marks.insert(mark);
                }
            }
        }
        profile
    }
}

// ---------------------------------------------------------------------------
// Vietnamese syllable check.
// ---------------------------------------------------------------------------

/// Tone marks as NFD gives them: huyền, sắc, ngã, hỏi, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const SAC: char = '\u{301}';
const NANG: char = '\u{323}';

/// Marks that make a new letter (â ê ô, ă, ơ ư), not a tone.
const HATS: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];

/// Initial consonants. "q" stands for "qu" when the rhyme keeps its "u"
/// ("quỳnh" = q + uynh), so both splits are tried.
const ONSETS: [&str; 29] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

/// Every Vietnamese rhyme (vần) without its tone.
const RHYMES: &[&str] = &[
    // Open, or closed by a glide.
    "a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu", "iêu", "o",
    "oa", "oai", "oao", "oay", "oe", "oeo", "oi", "ô", "ôi", "ơ", "ơi", "u", "ua", "uây", "uê",
    "ui", "uôi", "uơ", "uy", "uya", "uyu", "ư", "ưa", "ưi", "ưu", "ươi", "ươu", "y", "yêu",
    // Closed by a consonant.
    "ac", "ach", "am", "an", "ang", "anh", "ap", "at", "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc",
    "âm", "ân", "âng", "âp", "ât", "ec", "em", "en", "eng", "ep", "et", "êch", "êm", "ên", "ênh",
    "êp", "êt", "ich", "im", "in", "inh", "ip", "it", "oc", "om", "on", "ong", "op", "ot", "ôc",
    "ôm", "ôn", "ông", "ôp", "ôt", "ơm", "ơn", "ơp", "ơt", "uc", "um", "un", "ung", "up", "ut",
    "ưc", "ưm", "ưn", "ưng", "ưt", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oen", "oet", "ooc", "oong", "uân", "uâng", "uât", "uêch",
    "uênh", "uych", "uyn", "uynh", "uyp", "uyt", "uyên", "uyêt", "iêc", "iêm", "iên", "iêng",
    "iêp", "iêt", "yêm", "yên", "yêt", "uôc", "uôm", "uôn", "uông", "uôt", "ươc", "ươm", "ươn",
    "ương", "ươp", "ươt",
];

/// Whether `word` is one well-formed Vietnamese syllable, in any case, with
/// the tone on any of its vowels (old and new tone placement both pass).
fn is_syllable(word: &str) -> bool {
    let Some((letters, tone)) = split_tone(word) else {
        return false;
    };
    ONSETS.iter().any(|onset| {
        letters
            .strip_prefix(onset)
            .is_some_and(|rhyme| onset_fits(onset, rhyme) && rhyme_fits(rhyme, tone))
    })
}

/// Lowercase letters with their hats but no tone, and the tone if any.
/// `None` when the word holds anything but Vietnamese letters, more than one
/// tone, or a tone that is not on a vowel.
fn split_tone(word: &str) -> Option<(String, Option<char>)> {
    let mut letters = String::with_capacity(word.len());
    let mut tone = None;
    let mut last_base = ' ';
    for c in word.to_lowercase().nfd() {
        if TONES.contains(&c) {
            if tone.is_some() || !is_vowel_base(last_base) {
                return None;
            }
            tone = Some(c);
        } else if HATS.contains(&c) || c.is_ascii_lowercase() || c == 'đ' {
            letters.push(c);
            last_base = c;
        } else {
            return None;
        }
    }
    let letters: String = letters.nfc().collect();
    letters
        .chars()
        .all(is_vietnamese_letter)
        .then_some((letters, tone))
}

fn is_vowel_base(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || HATS.contains(&c)
}

fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'a'..='z' | 'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư')
        && !matches!(c, 'f' | 'j' | 'w' | 'z')
}

/// Spelling rules between the initial consonant and the rhyme.
fn onset_fits(onset: &str, rhyme: &str) -> bool {
    let front = rhyme.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        "k" => front,
        "gh" | "ngh" => front && !rhyme.starts_with('y'),
        "c" | "ng" => !front,
        "g" => !rhyme.starts_with(['e', 'ê', 'y']),
        "q" => rhyme.starts_with('u'),
        "qu" => !rhyme.starts_with(['u', 'o']),
        _ => true,
    }
}

/// A rhyme closed by p, t, c or ch only takes the sắc or nặng tone.
fn rhyme_fits(rhyme: &str, tone: Option<char>) -> bool {
    // A set, not a scan of the list: spelling is checked for every word of every cell.
    static RHYME_SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| RHYMES.iter().copied().collect());
    if !RHYME_SET.contains(rhyme) {
        return false;
    }
    let stopped = rhyme.ends_with(['p', 't', 'c']) || rhyme.ends_with("ch");
    !stopped || matches!(tone, Some(SAC | NANG))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_fold_agrees_with_the_unicode_one() {
        for s in [
            "STT",
            "Ngay dang ky",
            "HO VA TEN\n(hoac ten tap the)",
            "a\u{1}b",
            " x--y ",
            "",
            "TÊN MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO”",
            "Chi bo\u{323}\u{302}\u{a0}Văn\u{ad}phòng",
            "İstanbul ß Æ ð ²",
        ] {
            assert_eq!(fold(s), fold_unicode(s), "{s:?}");
        }
    }

    /// [`is_clean`] without its table of plain characters: every character checked, then the
    /// Unicode NFC quick check on the whole text.
    fn is_clean_by_unicode(raw: &str) -> bool {
        let mut previous_space = true;
        for c in raw.chars() {
            let space = c == ' ';
            if (space && previous_space) || (c.is_whitespace() && !space) || is_invisible(c) {
                return false;
            }
            previous_space = space;
        }
        !previous_space
            && unicode_normalization::is_nfc_quick(raw.chars())
                == unicode_normalization::IsNormalized::Yes
    }

    proptest::proptest! {
        #[test]
        fn the_table_fold_agrees_with_the_unicode_one_on_any_text(
            s in "[a-zA-Z0-9 ,.\\-\t\n\u{0}-\u{36f}\u{1e00}-\u{1eff}\u{2000}-\u{206f}\u{feff}\u{3a3}\u{3c3}]{0,12}",
        ) {
            proptest::prop_assert_eq!(fold(&s), fold_unicode(&s));
        }

        #[test]
        fn is_clean_agrees_with_the_unicode_check(
            s in "[aAeE ,\t\u{a0}\u{300}-\u{303}\u{e0}-\u{e3}\u{1ea0}-\u{1ea3}\u{200b}\u{212b}\u{340}]{0,6}",
        ) {
            proptest::prop_assert_eq!(is_clean(&s), is_clean_by_unicode(&s));
            proptest::prop_assert!(!is_clean(&s) || clean(&s) == s);
        }

        #[test]
        fn folds_to_says_what_fold_says(
            s in "[a-dA-D ,.\\-\u{300}-\u{303}\u{e0}-\u{e3}\u{1ea0}-\u{1ea3}\u{3a3}\u{feff}]{0,6}",
            word in "[a-d ]{0,4}",
        ) {
            proptest::prop_assert!(folds_to(&s, &fold(&s)));
            proptest::prop_assert_eq!(folds_to(&s, &word), fold(&s) == word);
        }
    }

    #[test]
    fn tcvn3_titles_in_capitals_stay_in_capitals() {
        let raw = encode_tcvn3_for_test("CHI BỘ VĂN PHÒNG");
        assert_eq!(decode_legacy(&raw, Legacy::Tcvn3), "CHI BỘ VĂN PHÒNG");
        let raw = encode_tcvn3_for_test("Bộ Tư pháp");
        assert_eq!(decode_legacy(&raw, Legacy::Tcvn3), "Bộ Tư pháp");
    }

    fn encode_tcvn3_for_test(s: &str) -> String {
        bamboo_core::encode_charset(bamboo_core::Charset::Tcvn3, s).into_owned()
    }
    use bamboo_core::encode_charset;

    /// Real phrases from the forms, as Unicode.
    const PHRASES: [&str; 15] = [
        "Chi bộ Văn phòng",
        "Đảng bộ Sở Tư pháp",
        "Danh sách tập thể và cá nhân đăng ký xây dựng mô hình “Dân vận khéo” năm 2018",
        "Nguyễn Thị Hương",
        "Phổ biến giáo dục pháp luật",
        "Cải cách hành chính",
        "Xây dựng hệ thống chính trị",
        "Quốc phòng – an ninh",
        "Trần Ngọc Minh",
        "Tập thể",
        "Cá nhân",
        "Ngày đăng ký",
        "Họ và tên",
        "Lĩnh vực",
        "Đồng Hới, ngày 12 tháng 10 năm 2018",
    ];

    /// Short Unicode texts that look like legacy codes one character at a time.
    const UNICODE_EXTRAS: [&str; 8] = [
        "bé",
        "pháp",
        "Hà Nội",
        "Email",
        "x",
        "05/10/2024",
        "TT",
        "CN",
    ];

    fn encoded(legacy: Legacy) -> Vec<String> {
        PHRASES
            .iter()
            .map(|p| encode_charset(legacy.charset(), p).into_owned())
            .collect()
    }

    fn all_samples() -> Vec<String> {
        let mut all: Vec<String> = PHRASES
            .iter()
            .chain(&UNICODE_EXTRAS)
            .map(ToString::to_string)
            .collect();
        all.extend(encoded(Legacy::Tcvn3));
        all.extend(encoded(Legacy::Vni));
        all.extend(
            [
                "  Chi\u{a0}bộ \n Văn   phòng ",
                "Chi bo\u{323}\u{302}",
                "\u{feff}A\u{200b}\u{1}b\t",
                "İstanbul ð",
                "",
            ]
            .map(String::from),
        );
        all
    }

    #[test]
    fn legacy_round_trips() {
        for legacy in Legacy::ALL {
            let group = encoded(legacy);
            assert_eq!(
                detect_legacy(group.iter().map(String::as_str)),
                Some(legacy),
                "{legacy}"
            );
            for (text, phrase) in group.iter().zip(PHRASES) {
                assert_eq!(decode_legacy(text, legacy), phrase, "{legacy}: {text:?}");
            }
        }
    }

    #[test]
    fn a_single_text_is_never_taken_for_the_other_encoding() {
        for legacy in Legacy::ALL {
            for text in encoded(legacy) {
                let detected = detect_legacy([text.as_str()]);
                assert_ne!(
                    detected,
                    Legacy::ALL.into_iter().find(|&l| l != legacy),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn literal_mojibake_decodes() {
        assert_eq!(detect_legacy(["Chi bé V¨n phßng"]), Some(Legacy::Tcvn3));
        assert_eq!(
            decode_legacy("Chi bé V¨n phßng", Legacy::Tcvn3),
            "Chi bộ Văn phòng"
        );
        assert_eq!(
            decode_legacy("§¶ng bé Së T\u{ad} ph¸p", Legacy::Tcvn3),
            "Đảng bộ Sở Tư pháp"
        );
        assert_eq!(
            decode_legacy("Danh s¸ch ®¨ng ký", Legacy::Tcvn3),
            "Danh sách đăng ký"
        );
        assert_eq!(detect_legacy(["tieáng Vieät"]), Some(Legacy::Vni));
        assert_eq!(decode_legacy("tieáng Vieät", Legacy::Vni), "tiếng Việt");
        assert_eq!(
            decode_legacy("Chi boä Vaên phoøng", Legacy::Vni),
            "Chi bộ Văn phòng"
        );
        assert_eq!(decode_legacy("Ñaûng boä", Legacy::Vni), "Đảng bộ");
    }

    #[test]
    fn one_word_with_a_legacy_only_mark_is_enough() {
        assert_eq!(detect_legacy(["Nam", "N÷", "Nam"]), Some(Legacy::Tcvn3));
    }

    #[test]
    fn unicode_texts_are_not_legacy() {
        let group: Vec<&str> = PHRASES.iter().chain(&UNICODE_EXTRAS).copied().collect();
        assert_eq!(detect_legacy(group.iter().copied()), None);
        for text in &group {
            assert_eq!(detect_legacy([*text]), None, "{text:?}");
        }
        let more = [
            "Ủy ban nhân dân",
            "Lê Văn Tám",
            "Hoà bình",
            "hoá đơn",
            "Tô Hoài",
            "Café",
            "Müller",
        ];
        assert_eq!(detect_legacy(more), None);
        for text in more {
            assert_eq!(detect_legacy([text]), None, "{text:?}");
        }
    }

    #[test]
    fn ascii_and_empty_groups_are_not_legacy() {
        assert_eq!(
            detect_legacy(["Chi bo Van phong", "Ho va ten", "05/10/2024", "TT"]),
            None
        );
        assert_eq!(detect_legacy(Vec::<&str>::new()), None);
        assert_eq!(detect_legacy([""]), None);
    }

    #[test]
    fn one_ambiguous_word_is_no_evidence() {
        // "bé" is "bộ" in TCVN3, but also a Unicode word.
        assert_eq!(detect_legacy(["Chi bé"]), None);
    }

    #[test]
    fn unicode_cell_in_a_legacy_group_stays_intact() {
        let mut group = encoded(Legacy::Tcvn3);
        group.insert(3, "Nguyễn Thị Hương".to_string());
        assert_eq!(
            detect_legacy(group.iter().map(String::as_str)),
            Some(Legacy::Tcvn3)
        );
        assert_eq!(decode_legacy(&group[3], Legacy::Tcvn3), "Nguyễn Thị Hương");
        assert_eq!(decode_legacy(&group[0], Legacy::Tcvn3), "Chi bộ Văn phòng");

        let mut group = encoded(Legacy::Vni);
        group.push("Chi bộ Văn phòng".to_string());
        assert_eq!(
            detect_legacy(group.iter().map(String::as_str)),
            Some(Legacy::Vni)
        );
        // No letter outside Latin-1, but decoding would break "công".
        assert_eq!(decode_legacy("công an", Legacy::Vni), "công an");
        // NFD Unicode is Unicode too.
        assert_eq!(
            decode_legacy("Chi bo\u{323}\u{302}", Legacy::Tcvn3),
            "Chi bộ"
        );
    }

    #[test]
    fn decode_of_plain_text_only_cleans() {
        assert_eq!(decode_legacy("  Email \n", Legacy::Vni), "Email");
        assert_eq!(decode_legacy("", Legacy::Tcvn3), "");
    }

    #[test]
    fn clean_normalizes_space_and_composition() {
        let nfd = "Chi bo\u{323}\u{302}";
        assert_ne!(nfd, "Chi bộ");
        assert_eq!(clean(nfd), "Chi bộ");
        assert_eq!(clean("  Chi\u{a0}bộ \n Văn   phòng "), "Chi bộ Văn phòng");
        assert_eq!(clean("Chi\r\nbộ\u{2028}Văn\tphòng"), "Chi bộ Văn phòng");
        assert_eq!(clean("\u{feff}Chi\u{200b} bộ\u{7}"), "Chi bộ");
        // A zero-width space between a letter and its mark does not block NFC.
        assert_eq!(clean("bo\u{200b}\u{323}\u{302}"), "bộ");
        assert_eq!(clean(" \t\n"), "");
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Chi bộ  VĂN PHÒNG"), "chi bo van phong");
        assert_eq!(fold("Ngày\nđăng ký"), "ngay dang ky");
        assert_eq!(fold("ĐẢNG BỘ"), "dang bo");
        assert_eq!(fold("TÊN MÔ HÌNH, ĐIỂN HÌNH"), "ten mo hinh dien hinh");
        assert_eq!(fold("Chi bo\u{323}\u{302}"), fold("Chi bộ"));
        assert_eq!(fold("“Dân vận khéo” (2018)"), "dan van kheo 2018");
        assert_eq!(fold_compact("Họ và tên"), "hovaten");
        assert_eq!(fold_compact("Ngày ĐK"), "ngaydk");
        assert_eq!(fold_compact("NgàyĐK"), "ngaydk");
        assert_eq!(fold(" - / "), "");
    }

    #[test]
    fn normalization_is_idempotent() {
        for text in all_samples() {
            let cleaned = clean(&text);
            assert_eq!(clean(&cleaned), cleaned, "{text:?}");
            let folded = fold(&text);
            assert_eq!(fold(&folded), folded, "{text:?}");
            assert_eq!(fold(&cleaned), folded, "{text:?}");
            assert_eq!(fold_compact(&folded), fold_compact(&text), "{text:?}");
        }
    }

    #[test]
    fn syllable_check_accepts_vietnamese_and_rejects_mojibake() {
        let words = PHRASES
            .iter()
            .flat_map(|p| words(p))
            .filter(|w| !w.chars().any(|c| c.is_ascii_digit()));
        for word in words {
            assert!(is_syllable(word), "{word:?}");
        }
        for word in [
            "Quỳnh",
            "khuya",
            "giường",
            "nghiêng",
            "xoong",
            "Ủy",
            "quýt",
            "gìn",
            "thuở",
            "hoá",
        ] {
            assert!(is_syllable(word), "{word:?}");
        }
        for word in [
            "V¨n", "phßng", "tieáng", "Vieät", "boä", "Ñaûng", "cơng", "Email", "cáp", "các",
            "cãc", "kẻ", "ce", "ngi", "ky",
        ] {
            let expected = matches!(word, "cáp" | "các" | "kẻ" | "ky");
            assert_eq!(is_syllable(word), expected, "{word:?}");
        }
    }

    #[test]
    fn capitals_are_detected_too() {
        for legacy in Legacy::ALL {
            let text = encode_charset(legacy.charset(), "ĐẢNG BỘ SỞ TƯ PHÁP");
            assert_eq!(detect_legacy([text.as_ref()]), Some(legacy), "{text:?}");
            // TCVN3 has no codes of its own for toned capitals: a text in capitals is
            // decoded in capitals throughout.
            assert_eq!(decode_legacy(&text, legacy), "ĐẢNG BỘ SỞ TƯ PHÁP");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let pool: Vec<char> = "aeoyuđĐ¨©ª«¬®\u{ad}¸µ¶·¹§ßÞñÑäöüøùûõïâê ôá\u{300}\u{301}\u{302}\u{323}\u{31b}\u{200b}\u{feff}\u{0}\n\t“”–-/.İ𝔸"
            .chars()
            .collect();
        let mut seed: u64 = 0x2018;
        for _ in 0..2000 {
            let len = (seed % 12) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    pool[(seed >> 33) as usize % pool.len()]
                })
                .collect();
            let _ = detect_legacy([text.as_str()]);
            for legacy in Legacy::ALL {
                let decoded = decode_legacy(&text, legacy);
                assert_eq!(clean(&decoded), decoded, "{text:?}");
            }
            let folded = fold(&text);
            assert_eq!(fold(&folded), folded, "{text:?}");
        }
    }

    fn sheet_of(rows: &[&[&str]]) -> Sheet {
        let cells = rows
            .iter()
            .map(|row| row.iter().map(|s| Cell::Text((*s).to_string())).collect())
            .collect();
        Sheet::from_rows("DS", cells)
    }

    #[test]
    fn unicode_sheet_is_only_cleaned() {
        let mut sheet = sheet_of(&[
            &["STT", "Họ và tên", "Chi bộ"],
            &["1", " Nguyễn Thị\u{a0}Hương ", "Chi bộ Văn phòng"],
            &["2", "Trần Ngọc Minh", "bé"],
        ]);
        sheet.rows[2].push(Cell::Number(3.0));
        assert_eq!(normalize_sheet(&mut sheet), None);
        assert_eq!(sheet.get(1, 1), &Cell::Text("Nguyễn Thị Hương".into()));
        assert_eq!(sheet.get(2, 2), &Cell::Text("bé".into()));
        assert_eq!(sheet.get(2, 3), &Cell::Number(3.0));
    }

    #[test]
    fn legacy_sheet_is_decoded_column_by_column() {
        let tcvn3 = |s: &str| encode_charset(Charset::Tcvn3, s).into_owned();
        let vni = |s: &str| encode_charset(Charset::VniWindows, s).into_owned();
        let rows = [
            ["Họ và tên".to_string(), "Lĩnh vực".to_string()],
            [tcvn3("Trần Ngọc Minh"), vni("Cải cách hành chính")],
            [tcvn3("Nguyễn Thị Hương"), vni("Quốc phòng – an ninh")],
            ["bé".to_string(), "Email".to_string()],
        ];
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let mut sheet = sheet_of(&rows);
        assert!(normalize_sheet(&mut sheet).is_some());
        let texts: Vec<&str> = sheet.texts().collect();
        assert_eq!(
            texts,
            [
                "Họ và tên",
                "Lĩnh vực",
                "Trần Ngọc Minh",
                "Cải cách hành chính",
                "Nguyễn Thị Hương",
                "Quốc phòng – an ninh",
                "bộ",
                "Email",
            ]
        );
    }

    /// The normalizing of a sheet as one pass over all its texts, without blocks: what
    /// [`SheetEvidence`] must give however its blocks were gathered.
    fn normalize_in_one_pass(sheet: &mut Sheet) -> Option<Legacy> {
        let width = sheet.width();
        let (mut columns, mut whole) = (vec![Evidence::default(); width], Evidence::default());
        let mut own = Vec::new();
        for row in &sheet.rows {
            let mut verdicts = Vec::new();
            for (cell, column) in row.iter().zip(columns.iter_mut()) {
                let found = match cell {
                    Cell::Text(text) => Evidence::of(text),
                    _ => Evidence::default(),
                };
                column.add(&found);
                whole.add(&found);
                verdicts.push(found.decide());
            }
            own.push(verdicts);
        }
        let whole = whole.decide();
        let columns: Vec<Option<Legacy>> = columns.iter().map(|c| c.decide().or(whole)).collect();
        let mut converted = None;
        for (row, verdicts) in sheet.rows.iter_mut().zip(&own) {
            for ((cell, verdict), column) in row.iter_mut().zip(verdicts).zip(&columns) {
                if let Cell::Text(raw) = cell {
                    converted = converted.or(normalize_text(raw, verdict.or(*column)));
                }
            }
        }
        converted
    }

    /// A sheet as reading leaves it (no blank cell ends a row) from a pool of Unicode,
    /// TCVN3 and VNI texts, unclean ones and numbers; `legacy_rows` of its rows are in TCVN3.
    fn mixed_sheet(seed: u64, rows: usize, legacy_rows: usize) -> Sheet {
        let unicode = [
            "Chi bộ Văn phòng",
            "Nguyễn Thị Hương",
            " Cải cách  hành chính ",
            "Chi bo\u{323}\u{302} Ta\u{300}i chi\u{301}nh",
            "bé",
            "Tập thể",
            "x",
            "  ",
        ];
        let tcvn3 = |s: &str| encode_charset(Charset::Tcvn3, s).into_owned();
        let vni = |s: &str| encode_charset(Charset::VniWindows, s).into_owned();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut sheet = Sheet::from_rows("DS", Vec::new());
        for r in 0..rows {
            let mut row: Vec<Cell> = (0..rng.usize(0..6))
                .map(|_| {
                    let text = unicode[rng.usize(..unicode.len())];
                    match rng.u8(0..10) {
                        0 => Cell::Number(1.0),
                        1 => Cell::Empty,
                        2 => Cell::Text(vni(text)),
                        3 | 4 if r < legacy_rows => Cell::Text(tcvn3(text)),
                        _ => Cell::Text(text.to_string()),
                    }
                })
                .collect();
            while row.last().is_some_and(Cell::is_empty) {
                row.pop();
            }
            sheet.rows.push(row);
        }
        sheet
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Blocks gathered while reading, some forgotten, some rows changed after gathering
        /// (and forgotten): the sheet comes out as one pass over it would leave it.
        #[test]
        fn evidence_gathered_in_blocks_normalizes_as_one_pass(
            seed in 0u64..1_000_000,
            rows in 0usize..1_700,
            legacy_rows in proptest::prop_oneof![proptest::strategy::Just(0usize), 0usize..1_700],
            gathered in 0usize..1_800,
            changed in proptest::collection::vec((0usize..1_700, 0usize..6, 0usize..2), 0..4),
            forgotten in proptest::collection::vec((0usize..1_700, 0usize..600), 0..3),
        ) {
            let mut sheet = mixed_sheet(seed, rows, legacy_rows);
            let mut evidence = SheetEvidence::default();
            evidence.gather_before(&sheet.rows, gathered);
            // A TCVN3 text with evidence of its own, or a Unicode text to clean.
            let texts = [
                encode_charset(Charset::Tcvn3, "Nguyễn Thị Hương").into_owned(),
                " Nguyễn  Thị Hương".to_string(),
            ];
            for (row, col, text) in changed {
                if let Some(cells) = sheet.rows.get_mut(row) {
                    if cells.len() <= col {
                        cells.resize(col + 1, Cell::Empty);
                    }
                    cells[col] = Cell::Text(texts[text].clone());
                    evidence.forget(row..=row);
                }
            }
            for (start, length) in forgotten {
                evidence.forget(start..=start + length);
            }
            let mut expected = sheet.clone();
            let expected_legacy = normalize_in_one_pass(&mut expected);
            proptest::prop_assert_eq!(evidence.normalize(&mut sheet), expected_legacy);
            proptest::prop_assert_eq!(sheet, expected);
        }
    }

    #[test]
    fn profiles_come_from_the_tables() {
        for c in [
            '¨', '©', 'ª', '«', '¬', '®', '\u{ad}', '¸', 'µ', '¶', '·', '¹', '§', 'ß', 'Þ',
        ] {
            assert!(TCVN3.only_chars.contains(c), "{c:?}");
        }
        for c in ['é', 'á', 'ê', 'ô'] {
            assert!(!TCVN3.only_chars.contains(c), "{c:?}");
        }
        assert!(VNI.only_chars.contains('ñ') && VNI.only_chars.contains('Ñ'));
        assert!(VNI.only_pairs.contains(&('a', 'ù')) && VNI.only_pairs.contains(&('e', 'ä')));
        assert!(!VNI.only_pairs.contains(&('o', 'á')));
        assert!(!has_legacy_marks("Hoá học, hoàn thành", Legacy::Vni));
    }
}
