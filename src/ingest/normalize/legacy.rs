//! Legacy 8-bit Vietnamese encodings (TCVN3 `.VnTime`, VNI-Windows): deciding whether texts
//! are their mojibake, and decoding them.
//!
//! In: texts as a workbook stored them. Out: the encoding a group of texts was typed in
//! ([`detect_legacy`], with the evidence behind it, [`Evidence`]) and each text decoded to
//! Unicode ([`decode_legacy`]). Evidence comes from spelling: a word that is no Vietnamese
//! syllable as it stands but becomes one once decoded votes for the encoding.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use bamboo_core::advanced::get_charset_definition;
use bamboo_core::{decode_charset, Charset};
use unicode_normalization::UnicodeNormalization;

use crate::text::{clean, is_clean, CharBits, Memo};

/// A legacy 8-bit Vietnamese encoding found in old files, read as mojibake.
///
/// Text typed with these fonts was stored as Windows-1252 characters, so a
/// workbook shows `"Chi bé V¨n phßng"` (TCVN3) or `"Chi boä Vaên phoøng"` (VNI)
/// for "Chi bộ Văn phòng".
///
/// # Example
///
/// ```
/// use dvk::ingest::normalize::legacy::Legacy;
///
/// assert_eq!(Legacy::Tcvn3.label(), "TCVN3 (ABC)");
/// assert_eq!(Legacy::Vni.to_string(), "VNI-Windows");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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
    /// use dvk::ingest::normalize::legacy::Legacy;
    ///
    /// assert_eq!(Legacy::ALL, [Legacy::Tcvn3, Legacy::Vni]);
    /// ```
    pub const ALL: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

    /// The name of the encoding as Vietnamese users know it, for messages.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::ingest::normalize::legacy::Legacy;
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
    /// use dvk::ingest::normalize::legacy::Legacy;
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
/// use dvk::ingest::normalize::legacy::{detect_legacy, Legacy};
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
pub(crate) struct Evidence([Votes; Legacy::ALL.len()]);

impl Evidence {
    pub(crate) fn of(text: &str) -> Self {
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
    pub(crate) fn remembered(text: &str) -> (Self, bool) {
        /// Longer texts (descriptions) rarely come back, and hashing them costs.
        const REMEMBERED_BYTES: usize = 64;
        thread_local! {
            static SEEN: RefCell<Memo<(Evidence, bool)>> = RefCell::default();
        }
        let judge = |text: &str| (Evidence::of(text), is_clean(text));
        // Plain ASCII (numbers written as text, codes, «STT») is judged faster than it is
        // looked up.
        if text.is_ascii() {
            return judge(text);
        }
        crate::text::remembered(&SEEN, text, REMEMBERED_BYTES, judge)
    }

    pub(crate) fn add(&mut self, other: &Evidence) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            mine.legacy += theirs.legacy;
            mine.unicode += theirs.unicode;
            mine.marks |= theirs.marks;
        }
    }

    /// The side this evidence takes, when it is clear: a legacy encoding ([`Evidence::decide`]),
    /// or Unicode (some word votes for Unicode, none for a legacy encoding, no legacy mark).
    pub(crate) fn side(&self) -> Option<Side> {
        if let Some(legacy) = self.decide() {
            return Some(Side::Legacy(legacy));
        }
        let unicode = self.0.iter().all(|t| t.legacy == 0 && !t.marks)
            && self.0.iter().any(|t| t.unicode > 0);
        unicode.then_some(Side::Unicode)
    }

    pub(crate) fn decide(&self) -> Option<Legacy> {
        Legacy::ALL
            .into_iter()
            .zip(self.0)
            .filter(|(_, tally)| tally.is_clear())
            .max_by_key(|(_, tally)| tally.legacy.saturating_sub(tally.unicode))
            .map(|(legacy, _)| legacy)
    }
}

/// The legacy encoding a font was made for, from its name: the TCVN3 fonts are named
/// `.Vn…` (.VnTime, .VnTimeH, .VnArial, .VnArialH, .VnCentury Schoolbook…), the VNI ones
/// `VNI-…` (VNI-Times, VNI-Helve…). Any other font (Times New Roman, Arial, Calibri…) shows
/// Unicode text as it is: `None`.
///
/// A font is what a person sees a cell through: "Lê Minh Tâm" typed in `.VnTime` shows as
/// "Lờ Minh Tõm", because the font draws a TCVN3 letter at the code of "ê".
///
/// # Example
///
/// ```
/// use dvk::ingest::normalize::legacy::{legacy_font, Legacy};
///
/// assert_eq!(legacy_font(".VnTimeH"), Some(Legacy::Tcvn3));
/// assert_eq!(legacy_font("VNI-Times"), Some(Legacy::Vni));
/// assert_eq!(legacy_font("Times New Roman"), None);
/// ```
#[must_use]
pub fn legacy_font(name: &str) -> Option<Legacy> {
    let name = name.trim();
    let starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if starts(".vn") {
        Some(Legacy::Tcvn3)
    } else if starts("vni-") || starts("vni ") || starts("vni_") {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// Which way a piece of evidence points: a legacy encoding, or Unicode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Legacy(Legacy),
    Unicode,
}

impl Side {
    /// The side every one of `sides` takes, if they all take the same (and there is one).
    pub(crate) fn agreed(mut sides: impl Iterator<Item = Side>) -> Option<Side> {
        let first = sides.next()?;
        sides.all(|side| side == first).then_some(first)
    }
}

/// The evidence around a text for the encoding it was typed in, besides its own, nearest
/// first (see [`encoding_of`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Around {
    /// The cell's font, where the format records it, unless the sheet's texts in that font
    /// say otherwise more often than not (a file converted to Unicode keeps its `.VnTime`).
    pub(crate) font: Option<Side>,
    /// The other texts of the cell's row that have clear evidence, when they agree: a row is
    /// typed at one time, in one encoding.
    pub(crate) row: Option<Side>,
    /// The nearest texts with clear evidence above and below the cell in its column, when
    /// both exist and agree: the cell lies inside a run of old (or new) rows.
    pub(crate) between: Option<Side>,
    /// The verdict on the cell's column, failing that on its sheet.
    pub(crate) column: Option<Legacy>,
}

impl Around {
    fn has_legacy(&self) -> bool {
        let legacy = |side: Option<Side>| matches!(side, Some(Side::Legacy(_)));
        legacy(self.font) || legacy(self.row) || legacy(self.between) || self.column.is_some()
    }
}

/// The encoding to decode a text from, given its own verdict (`own`, from [`Evidence`]) and
/// the evidence around it; `None` leaves it as it is.
///
/// A text with clear evidence of its own follows it. A text that already reads as Unicode
/// Vietnamese (every word with a non-ASCII letter a Vietnamese syllable, no character only a
/// legacy encoding produces) is converted only on evidence near enough to overrule it: its
/// font, its row, or the rows around it in its column, in that order, the first that says
/// something deciding. "Lê Minh Tâm" reads as Vietnamese both as it stands and decoded from
/// TCVN3 ("Lờ Minh Tõm"): a column of older TCVN3 rows is no reason to convert it. Other
/// texts follow their font, then their column (or sheet), as before.
pub(crate) fn encoding_of(text: &str, own: Option<Legacy>, around: &Around) -> Option<Legacy> {
    if own.is_some() {
        return own;
    }
    if !around.has_legacy() {
        return None;
    }
    if !reads_as_vietnamese(text) {
        return match around.font {
            Some(Side::Legacy(legacy)) => Some(legacy),
            _ => around.column,
        };
    }
    match [around.font, around.row, around.between]
        .into_iter()
        .flatten()
        .next()?
    {
        Side::Legacy(legacy) => Some(legacy),
        Side::Unicode => None,
    }
}

/// True when a text reads as Unicode Vietnamese as it stands: it has a non-ASCII letter, no
/// character or pair that only a legacy encoding produces, and every word holding a
/// non-ASCII character is a Vietnamese syllable.
pub(crate) fn reads_as_vietnamese(text: &str) -> bool {
    !text.is_ascii()
        && Legacy::ALL
            .into_iter()
            .all(|legacy| !has_legacy_marks(text, legacy))
        && words(text).filter(|w| !w.is_ascii()).all(is_syllable)
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
/// use dvk::ingest::normalize::legacy::{decode_legacy, Legacy};
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
    fn count(&mut self, vote: EncodingVote) {
        match vote {
            EncodingVote::Legacy => self.legacy += 1,
            EncodingVote::Unicode => self.unicode += 1,
            EncodingVote::Nothing => {}
        }
    }

    fn is_clear(&self) -> bool {
        let enough = self.legacy >= MIN_VOTES || (self.legacy >= 1 && self.marks);
        enough && self.legacy >= 2 * self.unicode
    }
}

/// What one word tells about one legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EncodingVote {
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
fn votes_of(word: &str) -> [EncodingVote; Legacy::ALL.len()] {
    thread_local! {
        static SEEN: RefCell<Memo<[EncodingVote; Legacy::ALL.len()]>> = RefCell::default();
    }
    crate::text::remembered(&SEEN, word, usize::MAX, |word| {
        Legacy::ALL.map(|legacy| vote(word, legacy))
    })
}

/// What a word tells about a legacy encoding (see [`detect_legacy`]).
fn vote(word: &str, legacy: Legacy) -> EncodingVote {
    // A letter the encoding cannot produce means the word is not its mojibake: it counts
    // for Unicode without decoding or spelling it. Most Unicode words take this short way.
    if has_foreign_char(word, legacy) {
        return EncodingVote::Unicode;
    }
    let decoded = decode_charset(legacy.charset(), word);
    let changed = decoded != word;
    let before = is_syllable(word);
    let after = changed && is_syllable(&decoded);
    if changed && after && !before {
        EncodingVote::Legacy
    } else if before && changed && !after {
        EncodingVote::Unicode
    } else {
        EncodingVote::Nothing
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
mod tests;
