//! Comparing and showing texts: the functions every stage uses on a string.
//!
//! - [`clean`] gives the form shown to people: Unicode NFC, trimmed, one space between words;
//! - [`fold`] and [`fold_compact`] give the keys used to compare texts, so that case,
//!   diacritics, punctuation and spacing never decide whether two texts match;
//! - [`visible`] and [`path_name`] give what a terminal may print of a name nobody checked.
//!
//! Pure functions of one string, depending on no other module. Repairing legacy TCVN3/VNI text
//! is [`crate::ingest::normalize`]'s.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

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
pub(crate) fn is_clean(raw: &str) -> bool {
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

impl<V: Clone> Memo<V> {
    /// The most texts remembered: past it, a new text's value is worked out each time.
    ///
    /// The texts that come back (headers, headings, kinds, units' names) are met in the first
    /// files, so the memo keeps them; a run over many distinct texts (10,000 workbooks of
    /// model names and people) neither grows it for ever nor makes it start again and again,
    /// each time growing and rehashing its table anew (measured: more time in the memo than in
    /// the work it spared).
    const CAPACITY: usize = 1 << 16;

    /// The value remembered for `text`, or `make`'s, remembered while there is room.
    pub(crate) fn get(&mut self, text: &str, make: impl FnOnce() -> V) -> V {
        if let Some(value) = self.seen.get(text) {
            return value.clone();
        }
        let value = make();
        if self.seen.len() < Self::CAPACITY {
            self.seen.insert(text.into(), value.clone());
        }
        value
    }
}

/// `make`'s answer for `text`, remembered in `memo` (a memo held per thread) when `text` is at
/// most `max_bytes` long; worked out each time for a longer one, which rarely comes back and
/// costs more to hash than it saves.
///
/// The functions that remember their answers this way are pure functions of one short text
/// that comes back in file after file: a header, a heading line, a unit's name, a word.
pub(crate) fn remembered<V: Clone>(
    memo: &'static std::thread::LocalKey<std::cell::RefCell<Memo<V>>>,
    text: &str,
    max_bytes: usize,
    make: impl FnOnce(&str) -> V,
) -> V {
    if text.len() > max_bytes {
        return make(text);
    }
    memo.with_borrow_mut(|seen| seen.get(text, || make(text)))
}

/// A set of characters as a bitmap. The legacy tables are Windows-1252 text, all below
/// U+2200, so the map stays small, and looking a character up is one shift: every character
/// of every text is looked up.
#[derive(Debug, Default)]
pub(crate) struct CharBits(Vec<u64>);

impl CharBits {
    pub(crate) fn insert(&mut self, c: char) {
        let (word, bit) = Self::place(c);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= bit;
    }

    pub(crate) fn contains(&self, c: char) -> bool {
        let (word, bit) = Self::place(c);
        self.0.get(word).is_some_and(|w| w & bit != 0)
    }

    fn place(c: char) -> (usize, u64) {
        let code = u32::from(c);
        ((code / 64) as usize, 1 << (code % 64))
    }
}

/// The text with its first letter in capitals, as a sentence opens ("tên tệp ghi …" →
/// "Tên tệp ghi …").
///
/// # Example
///
/// ```
/// assert_eq!(dvk::text::capitalized("tiêu đề biểu mẫu"), "Tiêu đề biểu mẫu");
/// assert_eq!(dvk::text::capitalized(""), "");
/// ```
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A text as a terminal may print it: control characters (a line break, an escape sequence)
/// and the invisible marks that reorder a line (bidirectional overrides) written as escapes,
/// so that a file name or a cell can never forge a line of dvk's output or hide its own end.
///
/// # Example
///
/// ```
/// use dvk::text::visible;
///
/// assert_eq!(visible("Chi bộ Văn phòng"), "Chi bộ Văn phòng");
/// assert_eq!(visible("a.xlsx\n✓ b.xlsx"), "a.xlsx\\n✓ b.xlsx");
/// assert_eq!(visible("\u{1b}[2J\u{202e}xslx.exe"), "\\u{1b}[2J\\u{202e}xslx.exe");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if hidden(c) => shown.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// A file or folder name as text: as it is when it is UTF-8, else its valid parts with each
/// byte that is not UTF-8 written `\xNN` (names copied from an old system, a zip made on a
/// Vietnamese Windows), so two such names never show alike.
///
/// # Example
///
/// ```
/// use std::ffi::OsStr;
/// use dvk::text::path_name;
///
/// assert_eq!(path_name(OsStr::new("Chi bộ 1.xlsx")), "Chi bộ 1.xlsx");
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// assert_eq!(path_name(OsStr::from_bytes(b"b\xe1o c\xe1o.xlsx")), "b\\xE1o c\\xE1o.xlsx");
/// # }
/// ```
pub fn path_name(name: &std::ffi::OsStr) -> String {
    if let Some(name) = name.to_str() {
        return name.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut shown = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            shown.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(shown, "\\x{byte:02X}");
            }
        }
        shown
    }
    #[cfg(not(unix))]
    {
        // Windows names are UTF-16: what is not valid is an unpaired surrogate, rare enough
        // to be shown lossily with a marker.
        format!("{} (tên tệp có ký tự lỗi)", name.to_string_lossy())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
