//! Parsing cell values the way clerks type them: kinds, yes/no, numbers, votes, dates, fields.
//!
//! Every parser is tolerant of the usual variations (case, missing diacritics, NFD text,
//! stray white space, Vietnamese number and date conventions) and strict about meaning:
//! a value that could be read two ways, or that only nearly matches, gives `None` or an
//! error rather than a guess, so that validation can tell the clerk what to fix.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::sheet::CellValue;
use crate::text::{clean, fold};

// ---------------------------------------------------------------------------
// Shared text helpers
// ---------------------------------------------------------------------------

/// The letter without its diacritics ("ậ" -> "a", "đ" -> "d").
fn base_letter(c: char) -> char {
    if c == 'đ' || c == 'Đ' {
        return 'd';
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    base.unwrap_or(c)
}

/// True when `typed` spells `canonical` letter by letter, each typed letter being either
/// the canonical letter or the bare letter without diacritics. A *wrong* diacritic
/// ("thẻ" for "thể") makes another Vietnamese word, so it does not match.
fn spells(typed: &str, canonical: &str) -> bool {
    let mut typed = typed.chars();
    let mut canonical = canonical.chars();
    loop {
        match (typed.next(), canonical.next()) {
            (None, None) => return true,
            (Some(t), Some(c)) if t == c || t == base_letter(c) => {}
            _ => return false,
        }
    }
}

/// A short answer as a comparison key: NFC, lowercase, trimmed, emoji variation
/// selectors dropped (so "✔️" is "✔").
fn answer_key(s: &str) -> String {
    clean(s)
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}'))
        .collect()
}

// ---------------------------------------------------------------------------
// Kind
// ---------------------------------------------------------------------------

/// Whether a registration is a collective model (tập thể, "mô hình") or an
/// individual example (cá nhân, "điển hình").
///
/// # Example
///
/// ```
/// use dvk::recognize::values::Kind;
///
/// assert!(Kind::Collective < Kind::Individual);
/// assert_eq!(Kind::Individual.label(), "Cá nhân");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Kind {
    /// Tập thể: a collective model (mô hình).
    Collective,
    /// Cá nhân: an individual example (điển hình).
    Individual,
}

impl Kind {
    /// The Vietnamese label shown to users.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::Kind;
    ///
    /// assert_eq!(Kind::Collective.label(), "Tập thể");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Kind::Collective => "Tập thể",
            Kind::Individual => "Cá nhân",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Spellings of each kind, without spaces and dots (so "T.T", "T T" and "TT" are alike).
const COLLECTIVE_WORDS: [&str; 4] = ["tậpthể", "môhình", "tt", "mh"];
const INDIVIDUAL_WORDS: [&str; 4] = ["cánhân", "điểnhình", "cn", "đh"];

/// Reads a kind: "Tập thể", "tap the", "TT", "T.T", "Mô hình", "MH" are collective;
/// "Cá nhân", "ca nhan", "CN", "C.N", "Điển hình", "ĐH" are individual; so is a value that
/// writes several words of one kind ("Mô hình tập thể", "Cá nhân (điển hình)", "MHTT").
///
/// Case, NFD text, spaces, dots, brackets, commas and missing diacritics are tolerated; a wrong
/// diacritic ("Tập thẻ"), words of both kinds ("Tập thể, cá nhân") or any other word gives
/// `None`.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::{parse_kind, Kind};
///
/// assert_eq!(parse_kind("TẬP THỂ"), Some(Kind::Collective));
/// assert_eq!(parse_kind("C.N"), Some(Kind::Individual));
/// assert_eq!(parse_kind("Mô hình tập thể"), Some(Kind::Collective));
/// assert_eq!(parse_kind("Cá nhân (điển hình)"), Some(Kind::Individual));
/// assert_eq!(parse_kind("ĐH"), Some(Kind::Individual));
/// assert_eq!(parse_kind("Tập thẻ"), None);
/// assert_eq!(parse_kind("Tập thể, cá nhân"), None);
/// assert_eq!(parse_kind(&"TT".repeat(50_000)), None);
/// ```
pub fn parse_kind(s: &str) -> Option<Kind> {
    // A kind column holds a handful of spellings down 100,000 rows.
    thread_local! {
        static SEEN: std::cell::RefCell<crate::text::Memo<Option<Kind>>> =
            std::cell::RefCell::default();
    }
    crate::text::remembered(&SEEN, s, LINE_BYTES, kind_of)
}

fn kind_of(s: &str) -> Option<Kind> {
    let key: Vec<char> = answer_key(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '(' | ')'))
        .collect();
    // A kind is a few words; a longer text is none (and the spelling below recurses once per
    // word: a cell of 50,000 "TT" must not take the stack).
    if key.is_empty() || key.len() > MAX_KIND_CHARS {
        return None;
    }
    if spelled_by(&key, &COLLECTIVE_WORDS) {
        Some(Kind::Collective)
    } else if spelled_by(&key, &INDIVIDUAL_WORDS) {
        Some(Kind::Individual)
    } else {
        None
    }
}

/// The longest kind read, in letters: "Cá nhân (điển hình)" has 15.
const MAX_KIND_CHARS: usize = 32;

/// The kind a few words name, folded ([`crate::text::fold`]): "tập thể" or "cá nhân", else
/// "mô hình" or "điển hình"; `None` when they name both or neither. Read in a section row
/// ("I. TẬP THỂ") and in a header naming one kind's column («Tên điển hình (cá nhân)»).
///
/// # Example
///
/// ```
/// use dvk::recognize::values::{kind_in_words, Kind};
///
/// assert_eq!(kind_in_words("ten dien hinh ca nhan"), Some(Kind::Individual));
/// assert_eq!(kind_in_words("i tap the"), Some(Kind::Collective));
/// assert_eq!(kind_in_words("ten mo hinh dien hinh"), None);
/// ```
pub fn kind_in_words(folded: &str) -> Option<Kind> {
    let has = |w: &str| format!(" {folded} ").contains(&format!(" {w} "));
    match (has("tap the"), has("ca nhan")) {
        (true, false) => return Some(Kind::Collective),
        (false, true) => return Some(Kind::Individual),
        (true, true) => return None,
        _ => {}
    }
    match (has("mo hinh"), has("dien hinh")) {
        (true, false) => Some(Kind::Collective),
        (false, true) => Some(Kind::Individual),
        _ => None,
    }
}

/// True when `key` is one or more of `words` one after another, each spelled as [`spells`]
/// allows ("môhìnhtậpthể", "mhtt").
fn spelled_by(key: &[char], words: &[&str]) -> bool {
    if key.is_empty() {
        return true;
    }
    words.iter().any(|word| {
        let length = word.chars().count();
        key.len() >= length
            && spells(&key[..length].iter().collect::<String>(), word)
            && spelled_by(&key[length..], words)
    })
}

// ---------------------------------------------------------------------------
// Yes / no
// ---------------------------------------------------------------------------

/// Answers read as yes: words, ticks and the marks clerks put in a tick column.
const YES_WORDS: [&str; 9] = ["có", "x", "×", "✓", "✔", "☑", "yes", "1", "true"];
/// Answers read as no. A dash is deliberately absent: it often means "not filled in".
const NO_WORDS: [&str; 7] = ["không", "k", "ko", "☐", "no", "0", "false"];

/// Reads a yes/no answer.
///
/// Yes: "Có", "co", "x", "×", "✓", "✔", "☑", "yes", "1", "TRUE".
/// No: "Không", "khong", "K", "ko", "☐", "no", "0", "FALSE".
/// Anything else is `None`, including "-" (a placeholder, not an answer), "Đạt" (an
/// assessment, not a yes/no word) and "✗" (a cross can mean either).
///
/// # Example
///
/// ```
/// use dvk::recognize::values::parse_yes_no;
///
/// assert_eq!(parse_yes_no("Có"), Some(true));
/// assert_eq!(parse_yes_no("KHONG"), Some(false));
/// assert_eq!(parse_yes_no("-"), None);
/// ```
pub fn parse_yes_no(s: &str) -> Option<bool> {
    let key = answer_key(s);
    if YES_WORDS.iter().any(|w| spells(&key, w)) {
        Some(true)
    } else if NO_WORDS.iter().any(|w| spells(&key, w)) {
        Some(false)
    } else {
        None
    }
}

/// Reads a yes/no cell: a boolean as is, the numbers 1 and 0, or text via [`parse_yes_no`].
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::cell_yes_no;
///
/// assert_eq!(cell_yes_no(&CellValue::Bool(true)), Some(true));
/// assert_eq!(cell_yes_no(&CellValue::Number(0.0)), Some(false));
/// assert_eq!(cell_yes_no(&CellValue::Text("x".into())), Some(true));
/// assert_eq!(cell_yes_no(&CellValue::Empty), None);
/// ```
pub fn cell_yes_no(cell: &CellValue) -> Option<bool> {
    match cell {
        CellValue::Bool(b) => Some(*b),
        CellValue::Number(n) if *n == 1.0 => Some(true),
        CellValue::Number(n) if *n == 0.0 => Some(false),
        CellValue::Text(s) => parse_yes_no(s),
        _ => None,
    }
}

/// Reads a yes/no cell of a column that units often answer in words («Sức lan tỏa»: "Được
/// nhân rộng ra 3 đơn vị"; «Đề nghị công nhận»: "Đề nghị công nhận"): a yes/no word as
/// [`cell_yes_no`] reads it, else a sentence whose first word is "không" or "chưa" is no and
/// any other text with a letter is yes, as a clerk reads a description of where a model
/// spread. `None` for a blank, a dash or a mark that says neither.
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::cell_yes_no_or_described;
///
/// let t = |s: &str| CellValue::Text(s.to_string());
/// assert_eq!(cell_yes_no_or_described(&t("Được nhân rộng ra 3 đơn vị")), Some(true));
/// assert_eq!(cell_yes_no_or_described(&t("Chưa nhân rộng")), Some(false));
/// assert_eq!(cell_yes_no_or_described(&t("Không")), Some(false));
/// assert_eq!(cell_yes_no_or_described(&t("x")), Some(true));
/// assert_eq!(cell_yes_no_or_described(&t("-")), None);
/// assert_eq!(cell_yes_no_or_described(&t("?")), None);
/// ```
pub fn cell_yes_no_or_described(cell: &CellValue) -> Option<bool> {
    cell_yes_no(cell).or_else(|| match cell {
        CellValue::Text(s) if s.chars().any(char::is_alphabetic) => Some(!says_no(s)),
        _ => None,
    })
}

// ---------------------------------------------------------------------------
// Commendation and recognition: yes/no or an award
// ---------------------------------------------------------------------------

/// True for a "no" written as a placeholder or a negative sentence: only dashes, dots and the
/// like ("-", "—", "…", "x" excepted), or a text whose first word is "không" or "chưa"
/// ("Không khen thưởng", "Chưa công nhận").
fn says_no(s: &str) -> bool {
    let t = s.trim();
    if !t.is_empty() && t.chars().all(|c| !c.is_alphanumeric()) && parse_yes_no(t).is_none() {
        return true;
    }
    let folded = fold(t);
    let first = folded.split(' ').next().unwrap_or("");
    matches!(first, "khong" | "chua" | "ko")
}

/// The commendation (khen thưởng) a cell states, as the figures count it: `None` when it says
/// no, `Some("Có")` for a bare yes, else the award as written.
///
/// No: blank, "Không", "0", "-", "—", "Chưa", "Không khen thưởng" (the first word "không" or
/// "chưa", or only dashes and dots). Yes: "x", "Có", "1", "✓" (the words of [`parse_yes_no`]).
/// Anything else is the award's name: "Giấy khen", "Bằng khen của Ban Thường vụ".
///
/// # Example
///
/// ```
/// use dvk::recognize::values::parse_commendation;
///
/// assert_eq!(parse_commendation("Giấy khen").as_deref(), Some("Giấy khen"));
/// assert_eq!(parse_commendation("x").as_deref(), Some("Có"));
/// assert_eq!(parse_commendation("Không"), None);
/// assert_eq!(parse_commendation("-"), None);
/// ```
pub fn parse_commendation(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() || says_no(t) {
        return None;
    }
    match parse_yes_no(t) {
        Some(true) => Some("Có".to_string()),
        Some(false) => None,
        None => Some(clean(t)),
    }
}

/// Reads a commendation cell: numbers 1/0 and booleans as yes/no, text via
/// [`parse_commendation`].
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::cell_commendation;
///
/// assert_eq!(cell_commendation(&CellValue::Number(0.0)), None);
/// assert_eq!(cell_commendation(&CellValue::Text("Bằng khen".into())).as_deref(), Some("Bằng khen"));
/// ```
pub fn cell_commendation(cell: &CellValue) -> Option<String> {
    match cell {
        CellValue::Text(s) => parse_commendation(s),
        other => cell_yes_no(other).and_then(|yes| yes.then(|| "Có".to_string())),
    }
}

/// Reads a «Công nhận» (recognized) answer: the words of [`parse_yes_no`]; no also for a dash
/// or a text starting with "không"/"chưa" ("Không công nhận"); yes also for "Công nhận",
/// "Được công nhận", "Đạt" and an award ("Giấy khen", "Bằng khen": an award implies
/// recognition). Anything else is `None`.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::parse_recognition;
///
/// assert_eq!(parse_recognition("Được công nhận"), Some(true));
/// assert_eq!(parse_recognition("Giấy khen"), Some(true));
/// assert_eq!(parse_recognition("-"), Some(false));
/// assert_eq!(parse_recognition("Không công nhận"), Some(false));
/// assert_eq!(parse_recognition("Tốt"), None);
/// ```
pub fn parse_recognition(s: &str) -> Option<bool> {
    if let Some(answer) = parse_yes_no(s) {
        return Some(answer);
    }
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if says_no(t) {
        return Some(false);
    }
    let folded = fold(t);
    let words: Vec<&str> = folded.split(' ').collect();
    let yes = matches!(
        words.as_slice(),
        ["cong", "nhan"] | ["duoc", "cong", "nhan"] | ["da", "cong", "nhan"] | ["dat"]
    ) || words
        .windows(2)
        .any(|w| w[1] == "khen" && matches!(w[0], "giay" | "bang"));
    yes.then_some(true)
}

/// Reads a «Công nhận» cell: booleans and 1/0 as they are, text via [`parse_recognition`].
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::cell_recognition;
///
/// assert_eq!(cell_recognition(&CellValue::Text("—".into())), Some(false));
/// assert_eq!(cell_recognition(&CellValue::Number(1.0)), Some(true));
/// ```
pub fn cell_recognition(cell: &CellValue) -> Option<bool> {
    match cell {
        CellValue::Text(s) => parse_recognition(s),
        other => cell_yes_no(other),
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// Words that scale a number; dropping them would silently give a wrong value.
const MAGNITUDE_WORDS: [&str; 8] = ["nghin", "ngan", "trieu", "ty", "ti", "tram", "tr", "k"];

/// Reads a number typed as text, the Vietnamese way.
///
/// * "1.234" and "1.234.567": dots group thousands;
/// * "1,5": a single comma is the decimal separator (so "1,234" is 1.234);
/// * "1.234,5" or "1,234.5": with both, the last one is the decimal separator;
/// * "12.5": a dot that cannot be a thousands group is a decimal point;
/// * "12 phiếu": a unit word after the number is dropped, unless it scales the number
///   ("2 triệu" is `None`);
/// * a leading "-" or "+" is kept; "%" and anything else after the number give `None`.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::parse_number;
///
/// assert_eq!(parse_number(" 1.234 "), Some(1234.0));
/// assert_eq!(parse_number("1,5"), Some(1.5));
/// assert_eq!(parse_number("12 phiếu"), Some(12.0));
/// assert_eq!(parse_number("12/20"), None);
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (sign, body) = split_sign(s);
    let end = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    let (number, unit) = body.split_at(end);
    if !is_unit_word(unit) {
        return None;
    }
    let value = sign * parse_grouped(number)?;
    value.is_finite().then_some(value)
}

/// Reads a number cell: numbers as they are (not NaN or infinite), text via
/// [`parse_number`]; anything else is `None`.
///
/// # Example
///
/// ```
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::cell_number;
///
/// assert_eq!(cell_number(&CellValue::Number(3.0)), Some(3.0));
/// assert_eq!(cell_number(&CellValue::Text("1.234".into())), Some(1234.0));
/// assert_eq!(cell_number(&CellValue::Number(f64::NAN)), None);
/// assert_eq!(cell_number(&CellValue::Text("".into())), None);
/// ```
pub fn cell_number(cell: &CellValue) -> Option<f64> {
    match cell {
        CellValue::Number(n) if n.is_finite() => Some(*n),
        CellValue::Text(s) => parse_number(s),
        _ => None,
    }
}

/// Splits a leading sign off: ("-", "5") -> (-1, "5"). The minus sign U+2212 counts too.
fn split_sign(s: &str) -> (f64, &str) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        (-1.0, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (1.0, rest)
    } else {
        (1.0, s)
    }
}

/// True for nothing, or a unit word such as "phiếu" or "người" that does not scale.
fn is_unit_word(unit: &str) -> bool {
    let unit = unit.trim();
    if unit.is_empty() {
        return true;
    }
    let starts_with_letter = unit.chars().next().is_some_and(char::is_alphabetic);
    let only_words = unit
        .chars()
        .all(|c| c.is_alphabetic() || is_combining_mark(c) || c.is_whitespace() || c == '.');
    starts_with_letter && only_words && fold(unit).split(' ').all(|w| !MAGNITUDE_WORDS.contains(&w))
}

/// Parses digits with dots and commas as separators (see [`parse_number`] for the rules).
fn parse_grouped(number: &str) -> Option<f64> {
    let digit_at_ends = number.starts_with(|c: char| c.is_ascii_digit())
        && number.ends_with(|c: char| c.is_ascii_digit());
    if !digit_at_ends {
        return None;
    }
    let plain = match (number.contains('.'), number.contains(',')) {
        (false, false) => number.to_string(),
        (true, false) => only_dots(number)?,
        (false, true) => only_commas(number)?,
        (true, true) => both_separators(number)?,
    };
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// "1.234.567" -> thousands; "12.5" or "0.500" -> decimal point; "1.2.3" -> None.
fn only_dots(number: &str) -> Option<String> {
    if is_grouped(number, '.') {
        Some(number.replace('.', ""))
    } else if number.matches('.').count() == 1 {
        Some(number.to_string())
    } else {
        None
    }
}

/// "1,5" -> decimal comma (Vietnamese); "1,234,567" -> thousands; "1,23,4" -> None.
fn only_commas(number: &str) -> Option<String> {
    if number.matches(',').count() == 1 {
        Some(number.replace(',', "."))
    } else if is_grouped(number, ',') {
        Some(number.replace(',', ""))
    } else {
        None
    }
}

/// "1.234,5" or "1,234.5": the last separator is the decimal one, the other groups thousands.
fn both_separators(number: &str) -> Option<String> {
    let last = number.rfind(['.', ','])?;
    let (int, frac) = (&number[..last], &number[last + 1..]);
    let decimal = number[last..].chars().next()?;
    let thousands = if decimal == '.' { ',' } else { '.' };
    if int.contains(decimal) || !is_grouped(int, thousands) {
        return None;
    }
    Some(format!("{}.{frac}", int.replace(thousands, "")))
}

/// True for "1.234" or "12.345.678": a first group of 1 to 3 digits not starting with 0,
/// then at least one group of exactly 3 digits.
fn is_grouped(number: &str, sep: char) -> bool {
    let mut groups = number.split(sep);
    let first = groups.next().unwrap_or("");
    let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
    let mut rest = groups.peekable();
    let has_rest = rest.peek().is_some();
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    first_ok && all_digits(first) && has_rest && rest.all(|g| g.len() == 3 && all_digits(g))
}

// ---------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------

/// A share of votes, as written in a vote column.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::VoteShare;
///
/// assert_eq!(VoteShare::Count { favour: 15, total: 20 }.percent(), 75.0);
/// assert_eq!(VoteShare::Percent(80.0).percent(), 80.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub enum VoteShare {
    /// "15/20": votes in favour out of the votes cast (never more than the total, total > 0).
    Count {
        /// Votes in favour.
        favour: u32,
        /// Votes cast.
        total: u32,
    },
    /// "75%": a percentage between 0 and 100.
    Percent(f64),
}

impl VoteShare {
    /// The share in favour, in percent (0 to 100).
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::VoteShare;
    ///
    /// assert_eq!(VoteShare::Count { favour: 1, total: 4 }.percent(), 25.0);
    /// ```
    pub fn percent(self) -> f64 {
        match self {
            VoteShare::Count { favour, total } if total > 0 => {
                f64::from(favour) * 100.0 / f64::from(total)
            }
            VoteShare::Count { .. } => 0.0,
            VoteShare::Percent(p) => p,
        }
    }
}

/// Reads one share of votes as a clerk reads it: "15/20" (in favour / cast, a unit word such
/// as "phiếu" or "đ/c" may follow either number), "15 trên 20", "75%" / "75,5 %", with words
/// before it ("Nhất trí 100%", "Tán thành 15/17"), and a count with its percentage beside it
/// ("15/17 (88,2%)": the count). More in favour than cast, a total of 0, or a percentage
/// outside 0..=100 gives `None`.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::{parse_vote, VoteShare};
///
/// let count = |favour, total| Some(VoteShare::Count { favour, total });
/// assert_eq!(parse_vote("15/20"), count(15, 20));
/// assert_eq!(parse_vote("15/17 (88,2%)"), count(15, 17));
/// assert_eq!(parse_vote("15 trên 17"), count(15, 17));
/// assert_eq!(parse_vote("17/17 đ/c"), count(17, 17));
/// assert_eq!(parse_vote("75%"), Some(VoteShare::Percent(75.0)));
/// assert_eq!(parse_vote("Nhất trí 100%"), Some(VoteShare::Percent(100.0)));
/// assert_eq!(parse_vote("21/20"), None);
/// ```
pub fn parse_vote(s: &str) -> Option<VoteShare> {
    let s = s.trim();
    // "15/17 (88,2%)": the percentage beside the count repeats it.
    let s = match s.split_once('(') {
        Some((count, _)) if count.chars().any(|c| c.is_ascii_digit()) => count.trim(),
        _ => s,
    };
    // "đ/c" (đồng chí) is a unit word whose slash is no fraction's; "trên" is one.
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| match w.to_lowercase().trim_end_matches('.') {
            "đ/c" => "đc",
            "trên" => "/",
            _ => w,
        })
        .collect();
    let s = words.join(" ");
    // Words before the figure: "Nhất trí 100%", "Tán thành 15/17".
    let s = s.trim_start_matches(|c: char| {
        c.is_alphabetic() || is_combining_mark(c) || c.is_whitespace() || c == ':'
    });
    if let Some(number) = s.strip_suffix('%') {
        let p = parse_grouped(number.trim())?;
        return (0.0..=100.0).contains(&p).then_some(VoteShare::Percent(p));
    }
    let (favour, total) = s.split_once('/')?;
    let favour = parse_count(favour)?;
    let total = parse_count(total)?;
    (total > 0 && favour <= total).then_some(VoteShare::Count { favour, total })
}

/// A whole count such as "15" or "15 phiếu".
fn parse_count(s: &str) -> Option<u32> {
    let s = s.trim();
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(end);
    if digits.is_empty() || !is_unit_word(unit) {
        return None;
    }
    digits.parse().ok()
}

// ---------------------------------------------------------------------------
// Dates: tokens
// ---------------------------------------------------------------------------

/// Why a date could not be read.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::{parse_date_text, DateError};
///
/// assert_eq!(parse_date_text("31/02/2024"), Err(DateError::Impossible));
/// assert_eq!(parse_date_text("abc"), Err(DateError::Unreadable));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum DateError {
    /// Shaped like a date, but no such day exists (31/02, month 13, day 0, 29/02 of a
    /// common year) or the year is outside 1900..=2100.
    #[error("ngày không có thật")]
    Impossible,
    /// Not a date in any accepted form, or several different dates.
    #[error("không đọc được ngày (cần dạng ngày/tháng/năm, ví dụ 05/10/2024)")]
    Unreadable,
}

/// The years a date may fall in; anything else is a typo.
const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Num,
    Word,
    Space,
    Punct(char),
}

/// A run of ASCII digits, a run of letters, a run of white space, or one other character.
#[derive(Debug)]
struct Tok<'a> {
    kind: TokKind,
    text: &'a str,
    start: usize,
}

impl Tok<'_> {
    /// True for a word that folds to `folded` ("Ngày" is "ngay").
    fn is_word(&self, folded: &str) -> bool {
        self.kind == TokKind::Word && crate::text::folds_to(self.text, folded)
    }

    /// The value of a number token of an allowed length ("05" counts as two digits).
    fn number(&self, lengths: &[usize]) -> Option<u32> {
        if self.kind != TokKind::Num || !lengths.contains(&self.text.len()) {
            return None;
        }
        self.text.parse().ok()
    }
}

fn char_kind(c: char) -> TokKind {
    if c.is_ascii_digit() {
        TokKind::Num
    } else if is_latin_letter(c) || c.is_alphabetic() || is_combining_mark(c) {
        TokKind::Word
    } else if c.is_whitespace() {
        TokKind::Space
    } else {
        TokKind::Punct(c)
    }
}

/// Letters of the Latin blocks Vietnamese is written in, told without the Unicode tables
/// (`char::is_alphabetic` looks every non-ASCII letter up): Latin-1 but × and ÷, Latin
/// Extended-A and -B, Latin Extended Additional.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    // A token is at least one character: a byte in three is a fair guess for prose.
    let mut toks = Vec::with_capacity(s.len() / 3 + 1);
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = char_kind(c);
        let mut end = start + c.len_utf8();
        // Punctuation stays one character per token; other kinds form runs.
        if !matches!(kind, TokKind::Punct(_)) {
            while let Some(&(i, d)) = chars.peek() {
                if char_kind(d) != kind {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
        }
        toks.push(Tok {
            kind,
            text: &s[start..end],
            start,
        });
    }
    toks
}

/// The next token after `i` that is not white space or a comma.
fn next_solid(toks: &[Tok], i: usize) -> Option<usize> {
    (i + 1..toks.len()).find(|&j| !matches!(toks[j].kind, TokKind::Space | TokKind::Punct(',')))
}

/// The previous token before `i` that is not white space or a comma.
fn prev_solid(toks: &[Tok], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&j| !matches!(toks[j].kind, TokKind::Space | TokKind::Punct(',')))
}

/// A date found in a text, with the tokens it spans.
#[derive(Debug)]
struct Found {
    date: Result<NaiveDate, DateError>,
    last: usize,
}

/// Two-digit years: 00..=69 are 2000..=2069, 70..=99 are 1970..=1999.
fn expand_year(year: u32, digits: usize) -> i32 {
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    match (digits, year) {
        (2, 0..=69) => 2000 + year,
        (2, _) => 1900 + year,
        _ => year,
    }
}

fn make_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !DATE_YEARS.contains(&year) {
        return Err(DateError::Impossible);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::Impossible)
}

/// "ngày 05 tháng 10 năm 2024" (any case, with or without diacritics) starting at `i`.
fn word_date_at(toks: &[Tok], i: usize) -> Option<Found> {
    if !toks.get(i)?.is_word("ngay") {
        return None;
    }
    let d = next_solid(toks, i)?;
    let day = toks[d].number(&[1, 2])?;
    let t = next_solid(toks, d).filter(|&t| toks[t].is_word("thang"))?;
    let m = next_solid(toks, t)?;
    let month = toks[m].number(&[1, 2])?;
    let n = next_solid(toks, m).filter(|&n| toks[n].is_word("nam"))?;
    let y = next_solid(toks, n)?;
    let year = toks[y].number(&[2, 4])?;
    Some(Found {
        date: make_date(expand_year(year, toks[y].text.len()), month, day),
        last: y,
    })
}

/// Separators of numeric dates. Spaces around "/" and "-" are tolerated ("05 / 10 / 2024"),
/// not around "." which also ends sentences.
fn spaced_separator(sep: char) -> bool {
    sep == '/' || sep == '-'
}

/// From the number token at `i`, a date separator then a number: (separator, number index).
fn link_after(toks: &[Tok], i: usize) -> Option<(char, usize)> {
    let mut j = i + 1;
    if toks.get(j)?.kind == TokKind::Space {
        j += 1;
    }
    let TokKind::Punct(sep) = toks.get(j)?.kind else {
        return None;
    };
    if !matches!(sep, '/' | '-' | '.') || (j > i + 1 && !spaced_separator(sep)) {
        return None;
    }
    let mut k = j + 1;
    if toks.get(k)?.kind == TokKind::Space && spaced_separator(sep) {
        k += 1;
    }
    (toks.get(k)?.kind == TokKind::Num).then_some((sep, k))
}

/// True when the number at `i` is linked by `sep` to a number before it ("1/" in "1/05/10/2024").
fn linked_before(toks: &[Tok], i: usize, sep: char) -> bool {
    (0..i)
        .rev()
        .filter(|&j| toks[j].kind == TokKind::Num)
        .take(1)
        .any(|j| link_after(toks, j) == Some((sep, i)))
}

/// "05/10/2024", "5-10-24", "05.10.2024" (day first) or "2024-10-05" (year first) at `i`.
/// Three numbers chained to more by the same separator ("1.2.3.4") are not a date.
fn numeric_date_at(toks: &[Tok], i: usize) -> Option<Found> {
    if toks.get(i)?.kind != TokKind::Num {
        return None;
    }
    let (sep, j) = link_after(toks, i)?;
    let (sep2, k) = link_after(toks, j)?;
    let chained = linked_before(toks, i, sep) || link_after(toks, k).is_some_and(|l| l.0 == sep);
    if sep2 != sep || chained {
        return None;
    }
    let (a, b, c) = (&toks[i], &toks[j], &toks[k]);
    let date = if let Some(year) = a.number(&[4]) {
        make_date(expand_year(year, 4), b.number(&[1, 2])?, c.number(&[1, 2])?)
    } else {
        let year = c.number(&[2, 4])?;
        let year = expand_year(year, c.text.len());
        make_date(year, b.number(&[1, 2])?, a.number(&[1, 2])?)
    };
    Some(Found { date, last: k })
}

/// Every date-shaped part of a text, in order.
fn find_dates(toks: &[Tok]) -> Vec<Found> {
    (0..toks.len())
        .filter_map(|i| word_date_at(toks, i).or_else(|| numeric_date_at(toks, i)))
        .collect()
}

// ---------------------------------------------------------------------------
// Dates: public API
// ---------------------------------------------------------------------------

/// Reads a date typed as text. The day always comes before the month (Vietnamese order)
/// unless the year comes first.
///
/// Accepted: "05/10/2024", "5/10/24", "05-10-2024", "05.10.2024", "2024-10-05",
/// "ngày 05 tháng 10 năm 2024" (any case, with or without diacritics), all of them with
/// words around ("Đồng Hới, ngày 12 tháng 10 năm 2018") or a time after ("05/10/2024 08:30").
/// Two-digit years 00..=69 are 2000..=2069 and 70..=99 are 1970..=1999.
///
/// Errors: [`DateError::Impossible`] for a date-shaped text naming no real day or a year
/// outside 1900..=2100; [`DateError::Unreadable`] for anything else, including a text
/// holding two different dates ("01/01/2024 - 31/12/2024").
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::recognize::values::{parse_date_text, DateError};
///
/// let d = NaiveDate::from_ymd_opt(2024, 10, 5).unwrap();
/// assert_eq!(parse_date_text("05/10/2024"), Ok(d));
/// assert_eq!(parse_date_text("ngay 5 thang 10 nam 2024"), Ok(d));
/// assert_eq!(parse_date_text("29/02/2023"), Err(DateError::Impossible));
/// assert_eq!(parse_date_text("10/2024"), Err(DateError::Unreadable));
/// ```
pub fn parse_date_text(s: &str) -> Result<NaiveDate, DateError> {
    let cleaned = clean(s);
    let toks = tokenize(&cleaned);
    let found = find_dates(&toks);
    match found.as_slice() {
        [] => Err(DateError::Unreadable),
        [one] => one.date,
        // The same date written twice is still one date; different dates are ambiguous.
        [first, rest @ ..] if first.date.is_ok() && rest.iter().all(|f| f.date == first.date) => {
            first.date
        }
        _ => Err(DateError::Unreadable),
    }
}

/// Reads a day and month written without a year ("5/2", "ngày 5/2", "05.02") as a date of
/// `year`: exactly two numbers, read as [`parse_date_text`] reads a whole date. `None` for
/// anything else.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::recognize::values::parse_day_month;
///
/// let day = NaiveDate::from_ymd_opt(2024, 2, 5);
/// assert_eq!(parse_day_month("5/2", 2024), day);
/// assert_eq!(parse_day_month("ngày 5/2", 2024), day);
/// assert_eq!(parse_day_month("5/2/2023", 2024), None);
/// assert_eq!(parse_day_month("31/2", 2024), None);
/// ```
pub fn parse_day_month(text: &str, year: i32) -> Option<NaiveDate> {
    let numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .count();
    if numbers != 2 {
        return None;
    }
    parse_date_text(&format!("{}/{year}", text.trim())).ok()
}

/// Converts an Excel serial day number (1900 date system) to a date.
///
/// Serial 1 is 01/01/1900. Excel counts a 29/02/1900 that never existed: serial 60 gives
/// `None`, 59 is 28/02/1900 and 61 is 01/03/1900. The fraction (time of day) is ignored.
/// Below 1, above 2958465 (31/12/9999), NaN and infinities give `None`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::recognize::values::excel_serial_date;
///
/// assert_eq!(excel_serial_date(45570.0), NaiveDate::from_ymd_opt(2024, 10, 5));
/// assert_eq!(excel_serial_date(60.0), None);
/// ```
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // In range, so the conversion is exact.
    let days = serial.floor() as u64;
    let epoch = match days {
        60 => return None,
        // Before the phantom day, serial 1 is one day after 31/12/1899.
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        // After it, every serial is one day further than the real count.
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    epoch.checked_add_days(chrono::Days::new(days))
}

/// Reads a date cell.
///
/// Empty (or blank text) is `Ok(None)`; a date cell is taken as is; a number is an Excel
/// serial if it falls between 01/01/1900 and 31/12/2100 (serial 60, the phantom
/// 29/02/1900, is [`DateError::Impossible`]), otherwise [`DateError::Unreadable`]; text goes
/// through [`parse_date_text`]; booleans and formula errors are [`DateError::Unreadable`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::sheet::CellValue;
/// use dvk::recognize::values::{cell_date, DateError};
///
/// let d = NaiveDate::from_ymd_opt(2024, 10, 5);
/// assert_eq!(cell_date(&CellValue::Number(45570.0)), Ok(d));
/// assert_eq!(cell_date(&CellValue::Text("05/10/2024".into())), Ok(d));
/// assert_eq!(cell_date(&CellValue::Empty), Ok(None));
/// assert_eq!(cell_date(&CellValue::Bool(true)), Err(DateError::Unreadable));
/// ```
pub fn cell_date(cell: &CellValue) -> Result<Option<NaiveDate>, DateError> {
    match cell {
        CellValue::Empty => Ok(None),
        CellValue::Text(s) if s.trim().is_empty() => Ok(None),
        CellValue::Date(d) => Ok(Some(*d)),
        CellValue::Number(n) => serial_cell_date(*n).map(Some),
        CellValue::Text(s) => parse_date_text(s).map(Some),
        CellValue::Bool(_) | CellValue::Error(_) => Err(DateError::Unreadable),
    }
}

fn serial_cell_date(n: f64) -> Result<NaiveDate, DateError> {
    if n.is_finite() && n.floor() == 60.0 {
        return Err(DateError::Impossible);
    }
    excel_serial_date(n)
        .filter(|d| DATE_YEARS.contains(&d.year()))
        .ok_or(DateError::Unreadable)
}

// ---------------------------------------------------------------------------
// Date lines and title years
// ---------------------------------------------------------------------------

/// The place-and-date line that closes a Vietnamese document.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::find_date_line;
///
/// let line = find_date_line("Đồng Hới, ngày 12 tháng 10 năm 2018").unwrap();
/// assert_eq!(line.place.as_deref(), Some("Đồng Hới"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// The place as written (NFC, white space collapsed), if any.
    pub place: Option<String>,
    /// The date.
    pub date: NaiveDate,
}

/// A place longer than this is a sentence that mentions a date, not a date line.
const MAX_PLACE_WORDS: usize = 8;

/// Finds a date line: an optional place, the word "ngày" (any case, with or without
/// diacritics), then a date in words or numbers ("ngày 12 tháng 10 năm 2018",
/// "ngày 5/10/2018"), and nothing but punctuation after it.
///
/// A date without "ngày" ("12/10/2018" in a data cell) is not a date line, and a line
/// with an impossible date gives `None`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::recognize::values::find_date_line;
///
/// let line = find_date_line("Dong Hoi, ngay 12 thang 10 nam 2018").unwrap();
/// assert_eq!(line.place.as_deref(), Some("Dong Hoi"));
/// assert_eq!(line.date, NaiveDate::from_ymd_opt(2018, 10, 12).unwrap());
/// assert_eq!(find_date_line("12/10/2018"), None);
/// ```
pub fn find_date_line(s: &str) -> Option<DateLine> {
    // Written or numeric, a date has digits: most titles have none and are not tokenized.
    if !has_digit(s) {
        return None;
    }
    thread_local! {
        static SEEN: std::cell::RefCell<crate::text::Memo<Option<DateLine>>> =
            std::cell::RefCell::default();
    }
    crate::text::remembered(&SEEN, s, LINE_BYTES, date_line_of)
}

/// The longest text whose answer this module remembers per thread (see
/// [`crate::text::remembered`]): the lines of a heading and a closing block come back in file
/// after file of one committee («Hà Nội, ngày 15 tháng 3 năm 2024», «KẾ HOẠCH … NĂM 2024»),
/// a kind's or a field's few spellings down a column; a longer text is a paragraph or a
/// description, which rarely comes back.
const LINE_BYTES: usize = 160;

fn date_line_of(s: &str) -> Option<DateLine> {
    let cleaned = clean(s);
    let toks = tokenize(&cleaned);
    (0..toks.len())
        .filter(|&i| toks[i].is_word("ngay"))
        .find_map(|i| date_line_at(&cleaned, &toks, i))
}

fn date_line_at(cleaned: &str, toks: &[Tok], i: usize) -> Option<DateLine> {
    let found = word_date_at(toks, i).or_else(|| {
        // "ngày 5/10/2018" or "ngày: 5/10/2018".
        let mut j = next_solid(toks, i)?;
        if toks[j].kind == TokKind::Punct(':') {
            j = next_solid(toks, j)?;
        }
        numeric_date_at(toks, j)
    })?;
    let date = found.date.ok()?;
    let nothing_after = toks[found.last + 1..]
        .iter()
        .all(|t| matches!(t.kind, TokKind::Space | TokKind::Punct(_)));
    if !nothing_after {
        return None;
    }
    let place = cleaned[..toks[i].start].trim_matches(|c: char| !c.is_alphanumeric());
    if place.split_whitespace().count() > MAX_PLACE_WORDS {
        return None;
    }
    let place = (!place.is_empty()).then(|| place.to_string());
    Some(DateLine { place, date })
}

/// The years a title may name.
const TITLE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// Finds the year a title is about: "năm 2024", "NĂM 2024", "nam 2018".
///
/// `None` for a range ("năm 2016 - 2020", "giai đoạn 2016 - 2020"), a bare number without
/// "năm" ("Số 61-KH/ĐUSTP", "2024"), a year outside 1990..=2100, the year of a full date
/// ("ngày 12 tháng 10 năm 2018" is a date, not the subject), or two different years.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::find_title_year;
///
/// let title = "DANH SÁCH ĐĂNG KÝ XÂY DỰNG MÔ HÌNH DÂN VẬN KHÉO NĂM 2024";
/// assert_eq!(find_title_year(title), Some(2024));
/// assert_eq!(find_title_year("giai đoạn 2016 - 2020"), None);
/// ```
pub fn find_title_year(s: &str) -> Option<i32> {
    if !has_digit(s) {
        return None;
    }
    thread_local! {
        static SEEN: std::cell::RefCell<crate::text::Memo<Option<i32>>> =
            std::cell::RefCell::default();
    }
    crate::text::remembered(&SEEN, s, LINE_BYTES, title_year_of)
}

fn title_year_of(s: &str) -> Option<i32> {
    let cleaned = clean(s);
    let toks = tokenize(&cleaned);
    let mut years = (0..toks.len())
        .filter(|&i| toks[i].is_word("nam"))
        .filter_map(|i| year_after(&toks, i));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// Dates and years are written with ASCII digits only (see `char_kind`).
fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// The year right after the word "năm" at `i`, unless it is part of a date or a range.
fn year_after(toks: &[Tok], i: usize) -> Option<i32> {
    let in_date = prev_solid(toks, i)
        .filter(|&m| toks[m].kind == TokKind::Num)
        .and_then(|m| prev_solid(toks, m))
        .is_some_and(|t| toks[t].is_word("thang"));
    if in_date {
        return None;
    }
    let j = next_solid(toks, i)?;
    let year = toks[j].number(&[4]).filter(|y| TITLE_YEARS.contains(y))?;
    if starts_range(toks, j) {
        return None;
    }
    i32::try_from(year).ok()
}

/// True when the year at `j` is followed by "- 2020", "/2025", "đến 2020" and the like.
fn starts_range(toks: &[Tok], j: usize) -> bool {
    let Some(k) = next_solid(toks, j) else {
        return false;
    };
    let connector = matches!(toks[k].kind, TokKind::Punct('-' | '–' | '—' | '/' | '~'))
        || toks[k].is_word("den");
    connector && next_solid(toks, k).is_some_and(|l| toks[l].kind == TokKind::Num)
}

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

/// Folded words of a field name, without "và" (so "A và B", "A & B" and "A – B" agree)
/// and without a leading "lĩnh vực".
fn field_words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && *w != "va")
        .collect();
    if words.starts_with(&["linh", "vuc"]) && words.len() > 2 {
        words.drain(..2);
    }
    words.into_iter().map(String::from).collect()
}

/// True when every typed word is either the field's next word or the initials of the
/// field's next few words: "VH-XH", "VHXH", "Xây dựng HTCT" all spell
/// "Xây dựng hệ thống chính trị". Dynamic programming over (typed, field) positions.
fn spells_with_initials(typed: &[String], field: &[String]) -> bool {
    if typed.len() > field.len() {
        return false;
    }
    let width = field.len() + 1;
    let mut reach = vec![false; (typed.len() + 1) * width];
    reach[0] = true;
    for i in 0..typed.len() {
        for j in 0..field.len() {
            if !reach[i * width + j] {
                continue;
            }
            let word = &typed[i];
            if *word == field[j] {
                reach[(i + 1) * width + j + 1] = true;
            }
            let k = word.chars().count();
            let initials_match = field.get(j..j + k).is_some_and(|next| {
                next.iter()
                    .filter_map(|w| w.chars().next())
                    .eq(word.chars())
            });
            if initials_match {
                reach[(i + 1) * width + j + k] = true;
            }
        }
    }
    reach[typed.len() * width + field.len()]
}

/// Typos tolerated by the last matching step: one edit from 6 letters, two from 12.
fn allowed_typos(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=11 => 1,
        _ => 2,
    }
}

/// What a model whose field is blank or names no configured field is counted under, in the
/// figures by field.
///
/// # Example
///
/// ```
/// assert_eq!(dvk::recognize::values::UNKNOWN_FIELD, "Chưa xác định lĩnh vực");
/// ```
pub const UNKNOWN_FIELD: &str = "Chưa xác định lĩnh vực";

/// Matches a typed field (lĩnh vực) against the configured list and returns the index of
/// the one field it names (see [`FieldList::find`], which prepares the list once for many
/// matches).
///
/// # Example
///
/// ```
/// use dvk::recognize::values::match_field;
/// use dvk::rules::config::Config;
///
/// let fields = Config::builtin().fields;
/// assert_eq!(match_field("Văn hoá - xã hội", &fields), Some(1));
/// assert_eq!(match_field("VHXH", &fields), Some(1));
/// assert_eq!(match_field("Y tế", &fields), None);
/// ```
pub fn match_field(s: &str, fields: &[String]) -> Option<usize> {
    FieldList::new(fields.to_vec()).find(s)
}

/// The parts of a field name between its separators ("–", "-", ",", "&", "/", ";", "+" and the
/// word "và"), each as folded words: "Quốc phòng – an ninh" is [["quoc", "phong"], ["an",
/// "ninh"]]. Empty parts are dropped.
fn field_parts(s: &str) -> Vec<Vec<String>> {
    let separators = ['-', '–', '—', '−', ',', '&', '/', ';', '+'];
    let mut parts = Vec::new();
    for piece in s.split(separators) {
        let mut part: Vec<String> = Vec::new();
        for word in fold(piece).split(' ').filter(|w| !w.is_empty()) {
            if word == "va" {
                if !part.is_empty() {
                    parts.push(std::mem::take(&mut part));
                }
            } else {
                part.push(word.to_string());
            }
        }
        if !part.is_empty() {
            parts.push(part);
        }
    }
    if parts
        .first()
        .is_some_and(|p| p.starts_with(&["linh".into(), "vuc".into()]))
    {
        if let Some(first) = parts.first_mut() {
            first.drain(..2);
        }
        parts.retain(|p| !p.is_empty());
    }
    parts
}

/// True when the typed parts are the spelling's parts in some order, each written out or by
/// its initials ("An ninh - Quốc phòng", "AN-QP" for "Quốc phòng – an ninh"). Up to four
/// parts (24 orders).
fn parts_in_any_order(typed: &[Vec<String>], spelling: &[Vec<String>]) -> bool {
    fn assign(typed: &[Vec<String>], spelling: &[Vec<String>], used: &mut [bool]) -> bool {
        let Some((first, rest)) = typed.split_first() else {
            return true;
        };
        for (i, part) in spelling.iter().enumerate() {
            if used[i] || !(first == part || spells_with_initials(first, part)) {
                continue;
            }
            used[i] = true;
            if assign(rest, spelling, used) {
                return true;
            }
            used[i] = false;
        }
        false
    }
    typed.len() == spelling.len()
        && (2..=4).contains(&typed.len())
        && assign(typed, spelling, &mut vec![false; spelling.len()])
}

/// One way of writing a field: the configured name or a synonym from `dvk.toml`.
#[derive(Debug, Clone)]
struct Spelling {
    /// The configured field it stands for.
    field: usize,
    /// Its folded words (see [`field_words`]).
    words: Vec<String>,
    /// Its parts between separators (see [`field_parts`]).
    parts: Vec<Vec<String>>,
}

/// The configured fields (lĩnh vực), with the words [`FieldList::find`] compares them by
/// prepared once: every registration row names a field.
///
/// # Example
///
/// ```
/// use dvk::recognize::values::FieldList;
/// use dvk::rules::config::Config;
///
/// let fields = FieldList::new(Config::builtin().fields);
/// assert_eq!(fields.find("QP-AN"), Some(2));
/// assert_eq!(fields.names()[2], "Quốc phòng – an ninh");
/// assert!(FieldList::default().names().is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct FieldList {
    /// This list's number, for the answers [`FieldList::find`] remembers.
    id: u64,
    names: Vec<String>,
    spellings: Vec<Spelling>,
    /// Every word of every spelling, and the fields it belongs to.
    vocabulary: std::collections::HashMap<String, Vec<usize>>,
}

impl FieldList {
    /// A list of field names, in the order [`FieldList::find`] numbers them.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::FieldList;
    ///
    /// let fields = FieldList::new(vec!["Kinh tế".to_string()]);
    /// assert_eq!(fields.find("kinh te"), Some(0));
    /// ```
    pub fn new(names: Vec<String>) -> Self {
        FieldList::with_synonyms(names, &[])
    }

    /// A list of field names with the committee's synonyms: each `(field, other names)` pair
    /// of `dvk.toml`'s `[committee.field_synonyms]` adds spellings of a configured field
    /// (matched by [`FieldList::find`] the same tolerant way). A synonym naming no configured
    /// field is ignored (the configuration refuses it before this).
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::FieldList;
    ///
    /// let synonyms = [("Kinh tế".to_string(), vec!["Sản xuất kinh doanh".to_string()])];
    /// let fields = FieldList::with_synonyms(vec!["Kinh tế".to_string()], &synonyms);
    /// assert_eq!(fields.find("SXKD"), Some(0));
    /// ```
    pub fn with_synonyms(names: Vec<String>, synonyms: &[(String, Vec<String>)]) -> Self {
        let spelling = |field: usize, s: &str| Spelling {
            field,
            words: field_words(s),
            parts: field_parts(s),
        };
        let mut spellings: Vec<Spelling> = names
            .iter()
            .enumerate()
            .map(|(i, name)| spelling(i, name))
            .collect();
        // Linear in the number of fields and synonyms, whatever a `dvk.toml` holds: the field
        // a synonym belongs to is looked up by its words (the first field so spelled), and
        // each word's fields are deduplicated once at the end.
        let mut by_words: std::collections::HashMap<Vec<String>, usize> =
            std::collections::HashMap::with_capacity(spellings.len());
        for s in &spellings {
            by_words.entry(s.words.clone()).or_insert(s.field);
        }
        for (field, others) in synonyms {
            let Some(&index) = by_words.get(&field_words(field)) else {
                continue;
            };
            spellings.extend(others.iter().map(|other| spelling(index, other)));
        }
        spellings.retain(|s| !s.words.is_empty());
        let mut vocabulary: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        for s in &spellings {
            for word in &s.words {
                vocabulary.entry(word.clone()).or_default().push(s.field);
            }
        }
        for fields in vocabulary.values_mut() {
            fields.sort_unstable();
            fields.dedup();
        }
        // Lists are told apart by a number of their own (0 is the empty default list), which
        // their clones keep: they are the same list.
        static LISTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        FieldList {
            id: LISTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            names,
            spellings,
            vocabulary,
        }
    }

    /// The field names as configured.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::FieldList;
    ///
    /// assert_eq!(FieldList::new(vec!["Kinh tế".into()]).names(), ["Kinh tế"]);
    /// ```
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The one field among the spellings that pass `test`: `Some(Some(i))` for one field,
    /// `Some(None)` for several (ambiguous), `None` for none.
    fn unique_field(&self, test: impl Fn(&Spelling) -> bool) -> Option<Option<usize>> {
        let mut fields = self.spellings.iter().filter(|s| test(s)).map(|s| s.field);
        let first = fields.next()?;
        Some(fields.all(|f| f == first).then_some(first))
    }

    /// True when every word of `spelling` is among the typed words and every other typed
    /// word belongs to no other field: "Phát triển kinh tế", "Xây dựng Đảng và hệ thống chính
    /// trị" name their field; "Kinh tế xã hội" does not name «Kinh tế» ("xã hội" is another
    /// field's word).
    fn contained(&self, typed: &[String], spelling: &Spelling) -> bool {
        spelling.words.iter().all(|w| typed.contains(w))
            && typed
                .iter()
                .filter(|w| !spelling.words.contains(w))
                .all(|w| {
                    self.vocabulary
                        .get(w)
                        .is_none_or(|fields| fields.iter().all(|f| *f == spelling.field))
                })
    }

    /// The index of the one field a typed text names.
    ///
    /// The rule, tried step by step in order of confidence (at the first step that matches
    /// anything, matches of several fields mean ambiguity and give `None`):
    ///
    /// 1. the same words as the field (or one of its synonyms): case, diacritics (and old
    ///    tone placement, "hoá"), punctuation, any dash, "và" vs "&", and a leading
    ///    "Lĩnh vực" do not matter;
    /// 2. the initials of the words ("VH-XH", "VHXH", "QPAN", "XDHTCT", "KT", "CCHC",
    ///    "Xây dựng HTCT");
    /// 3. the parts between dashes in another order, written out or by initials ("An ninh -
    ///    Quốc phòng", "AN-QP");
    /// 4. every word of the field, in any order, with other words that belong to no other
    ///    field ("Phát triển kinh tế", "Xây dựng Đảng và hệ thống chính trị");
    /// 5. one or two letter typos in long names.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::recognize::values::FieldList;
    /// use dvk::rules::config::Config;
    ///
    /// let fields = FieldList::new(Config::builtin().fields);
    /// assert_eq!(fields.find("Văn hoá - xã hội"), Some(1));
    /// assert_eq!(fields.find("An ninh - Quốc phòng"), Some(2));
    /// assert_eq!(fields.find("Phát triển kinh tế"), Some(0));
    /// assert_eq!(fields.find("Y tế"), None);
    /// ```
    pub fn find(&self, s: &str) -> Option<usize> {
        // A field column holds a handful of spellings down 100,000 rows: each thread remembers
        // the answers of the list it was last asked about (a run has one).
        thread_local! {
            static SEEN: std::cell::RefCell<(u64, crate::text::Memo<Option<usize>>)> =
                std::cell::RefCell::default();
        }
        if s.len() > LINE_BYTES {
            return self.search(s);
        }
        SEEN.with_borrow_mut(|(list, seen)| {
            if *list != self.id {
                *list = self.id;
                *seen = crate::text::Memo::default();
            }
            seen.get(s, || self.search(s))
        })
    }

    /// [`FieldList::find`]'s answer, worked out.
    fn search(&self, s: &str) -> Option<usize> {
        let typed = field_words(s);
        if typed.is_empty() {
            return None;
        }
        if let Some(found) = self.unique_field(|sp| sp.words == typed) {
            return found;
        }
        // A lone letter is too little to stand for a field.
        let typed_len: usize = typed.iter().map(|w| w.chars().count()).sum();
        if typed_len >= 2 {
            if let Some(found) = self.unique_field(|sp| spells_with_initials(&typed, &sp.words)) {
                return found;
            }
        }
        let parts = field_parts(s);
        if let Some(found) = self.unique_field(|sp| parts_in_any_order(&parts, &sp.parts)) {
            return found;
        }
        if let Some(found) = self.unique_field(|sp| self.contained(&typed, sp)) {
            return found;
        }
        let joined = typed.join(" ");
        let max = allowed_typos(joined.chars().count());
        self.unique_field(|sp| strsim::damerau_levenshtein(&joined, &sp.words.join(" ")) <= max)
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::config::Config;
    use crate::sheet::format_date;
    use unicode_normalization::UnicodeNormalization;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    // --- fold ---

    #[test]
    fn latin_letters_are_letters() {
        let latin = ('\u{0}'..='\u{2000}').filter(|&c| is_latin_letter(c));
        assert_eq!(latin.clone().count(), 0x250 - 0xC0 - 2 + 0x100);
        assert!(latin.clone().all(char::is_alphabetic));
        assert!(is_latin_letter('ậ') && is_latin_letter('Đ') && !is_latin_letter('a'));
    }

    #[test]
    fn fold_key_removes_diacritics_and_punctuation() {
        assert_eq!(fold("Văn hoá – Xã hội"), "van hoa xa hoi");
        assert_eq!(fold("ĐỒNG HỚI, ngày"), "dong hoi ngay");
        assert_eq!(fold(&nfd("Quốc phòng")), "quoc phong");
        assert_eq!(fold("  "), "");
    }

    // --- kind ---

    #[test]
    fn kind_accepts_usual_spellings() {
        for s in [
            "Tập thể",
            "tap the",
            "TẬP THỂ",
            "TT",
            "T.T",
            "t.t.",
            "Mô hình",
            " mo hinh ",
        ] {
            assert_eq!(parse_kind(s), Some(Kind::Collective), "{s}");
        }
        for s in [
            "Cá nhân",
            "ca nhan",
            "CÁ NHÂN",
            "CN",
            "C.N",
            "Điển hình",
            "dien hinh",
        ] {
            assert_eq!(parse_kind(s), Some(Kind::Individual), "{s}");
        }
        assert_eq!(parse_kind(&nfd("Tập thể")), Some(Kind::Collective));
        assert_eq!(parse_kind(&nfd("Cá nhân")), Some(Kind::Individual));
        // Missing diacritics on some letters only is still the same word.
        assert_eq!(parse_kind("Tập the"), Some(Kind::Collective));
    }

    #[test]
    fn kind_rejects_near_misses() {
        for s in [
            "Tập thẻ",
            "Tạp thể",
            "Tap the?",
            "",
            "x",
            "tập",
            "Cá nhân (tổ)",
            "CNN",
        ] {
            assert_eq!(parse_kind(s), None, "{s}");
        }
    }

    #[test]
    fn kind_labels() {
        assert_eq!(Kind::Collective.label(), "Tập thể");
        assert_eq!(Kind::Individual.to_string(), "Cá nhân");
    }

    // --- yes / no ---

    #[test]
    fn yes_no_words() {
        for s in [
            "Có", "co", "CÓ", "x", "X", "×", "✓", "✔", "✔️", "☑", "yes", "1", "TRUE",
        ] {
            assert_eq!(parse_yes_no(s), Some(true), "{s}");
        }
        for s in [
            "Không", "khong", "KHÔNG", "K", "ko", "0", "no", "FALSE", "☐",
        ] {
            assert_eq!(parse_yes_no(s), Some(false), "{s}");
        }
        assert_eq!(parse_yes_no(&nfd("Không")), Some(false));
        for s in ["", "-", "Đạt", "cò", "✗", "có lẽ", "2", "yes!"] {
            assert_eq!(parse_yes_no(s), None, "{s}");
        }
    }

    #[test]
    fn commendations_are_yes_no_or_an_award() {
        for s in [
            "",
            " ",
            "Không",
            "KHONG",
            "0",
            "-",
            "—",
            "--",
            "…",
            "Chưa",
            "Không khen thưởng",
            "chưa khen",
            "ko",
        ] {
            assert_eq!(parse_commendation(s), None, "{s}");
        }
        for s in ["x", "X", "Có", "1", "✓"] {
            assert_eq!(parse_commendation(s).as_deref(), Some("Có"), "{s}");
        }
        for s in ["Giấy khen", "Bằng khen của Ban Thường vụ", "Khen thưởng"] {
            assert_eq!(parse_commendation(s).as_deref(), Some(s), "{s}");
        }
        assert_eq!(cell_commendation(&CellValue::Bool(false)), None);
        assert_eq!(
            cell_commendation(&CellValue::Number(1.0)).as_deref(),
            Some("Có")
        );
        assert_eq!(cell_commendation(&CellValue::Empty), None);
    }

    #[test]
    fn recognition_answers() {
        for s in [
            "Có",
            "x",
            "Công nhận",
            "ĐƯỢC CÔNG NHẬN",
            "Đạt",
            "Giấy khen",
            "Bằng khen UBND",
        ] {
            assert_eq!(parse_recognition(s), Some(true), "{s}");
        }
        for s in [
            "Không",
            "0",
            "-",
            "Không công nhận",
            "Chưa công nhận",
            "Không đạt",
        ] {
            assert_eq!(parse_recognition(s), Some(false), "{s}");
        }
        for s in ["", "Tốt", "Xuất sắc", "có lẽ", "Công"] {
            assert_eq!(parse_recognition(s), None, "{s}");
        }
    }

    #[test]
    fn yes_no_cells() {
        assert_eq!(cell_yes_no(&CellValue::Bool(false)), Some(false));
        assert_eq!(cell_yes_no(&CellValue::Number(1.0)), Some(true));
        assert_eq!(cell_yes_no(&CellValue::Number(0.0)), Some(false));
        assert_eq!(cell_yes_no(&CellValue::Number(2.0)), None);
        assert_eq!(cell_yes_no(&CellValue::Number(f64::NAN)), None);
        assert_eq!(cell_yes_no(&CellValue::Text("Không".into())), Some(false));
        assert_eq!(cell_yes_no(&CellValue::Error("#N/A".into())), None);
        assert_eq!(cell_yes_no(&CellValue::Date(date(2024, 1, 1))), None);
    }

    // --- numbers ---

    #[test]
    fn numbers_the_vietnamese_way() {
        let cases = [
            ("12", 12.0),
            (" 1.234 ", 1234.0),
            ("1.234.567", 1_234_567.0),
            ("1,5", 1.5),
            ("1,234", 1.234),
            ("1,234,567", 1_234_567.0),
            ("1.234,5", 1234.5),
            ("1,234.5", 1234.5),
            ("12.5", 12.5),
            ("0.500", 0.5),
            ("1234.5", 1234.5),
            ("12 phiếu", 12.0),
            ("12phiếu", 12.0),
            ("3 người", 3.0),
            ("-5", -5.0),
            ("+7", 7.0),
            ("007", 7.0),
        ];
        for (s, want) in cases {
            assert_eq!(parse_number(s), Some(want), "{s}");
        }
    }

    #[test]
    fn numbers_rejected() {
        for s in [
            "",
            " ",
            "abc",
            "12/20",
            "75%",
            "1.2.3",
            "1,23,4",
            "1.234.5,6.7",
            "12.",
            ".5",
            "-",
            "2 triệu",
            "1,5 tỷ đồng",
            "5 nghìn",
            "12e5",
            "0x1F",
            "1 234",
            "khoảng 12",
            "12 - 15",
            "1.23.456",
            "12 phiếu?",
        ] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    #[test]
    fn number_cells() {
        assert_eq!(cell_number(&CellValue::Number(2.5)), Some(2.5));
        assert_eq!(cell_number(&CellValue::Number(f64::INFINITY)), None);
        assert_eq!(cell_number(&CellValue::Number(f64::NAN)), None);
        assert_eq!(cell_number(&CellValue::Text("1,5".into())), Some(1.5));
        assert_eq!(cell_number(&CellValue::Empty), None);
        assert_eq!(cell_number(&CellValue::Bool(true)), None);
        let huge = "9".repeat(400);
        assert_eq!(cell_number(&CellValue::Text(huge)), None);
        assert_eq!(parse_number("99999999999999999999"), Some(1e20));
    }

    // --- votes ---

    #[test]
    fn votes() {
        assert_eq!(
            parse_vote("15/20"),
            Some(VoteShare::Count {
                favour: 15,
                total: 20
            })
        );
        assert_eq!(
            parse_vote(" 15 / 20 phiếu "),
            Some(VoteShare::Count {
                favour: 15,
                total: 20
            })
        );
        assert_eq!(
            parse_vote("20/20"),
            Some(VoteShare::Count {
                favour: 20,
                total: 20
            })
        );
        assert_eq!(parse_vote("75%"), Some(VoteShare::Percent(75.0)));
        assert_eq!(parse_vote("75,5 %"), Some(VoteShare::Percent(75.5)));
        assert_eq!(parse_vote("100%"), Some(VoteShare::Percent(100.0)));
        for s in [
            "",
            "21/20",
            "1/0",
            "0/0",
            "120%",
            "-5%",
            "15",
            "15/",
            "/20",
            "a/b",
            "15/20/30",
            "99999999999/99999999999",
            "1.5/2",
            "%",
        ] {
            assert_eq!(parse_vote(s), None, "{s}");
        }
        assert_eq!(parse_vote("3/4").map(VoteShare::percent), Some(75.0));
    }

    // --- dates ---

    #[test]
    fn numeric_dates() {
        let d = date(2024, 10, 5);
        for s in [
            "05/10/2024",
            "5/10/2024",
            "5/10/24",
            "05-10-2024",
            "05.10.2024",
            "2024-10-05",
            "2024/10/05",
            "05 / 10 / 2024",
            "05/10/2024 08:30",
            "2024-10-05T08:30:00",
            "Ngày 05/10/2024",
            " 05/10/2024. ",
        ] {
            assert_eq!(parse_date_text(s), Ok(d), "{s}");
        }
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(parse_date_text("1/1/00"), Ok(date(2000, 1, 1)));
        assert_eq!(parse_date_text("1/1/69"), Ok(date(2069, 1, 1)));
        assert_eq!(parse_date_text("1/1/70"), Ok(date(1970, 1, 1)));
        assert_eq!(parse_date_text("31/12/99"), Ok(date(1999, 12, 31)));
        assert_eq!(
            parse_date_text("ngày 5 tháng 10 năm 18"),
            Ok(date(2018, 10, 5))
        );
    }

    #[test]
    fn word_dates() {
        let d = date(2024, 10, 5);
        for s in [
            "ngày 05 tháng 10 năm 2024",
            "Ngày 5 tháng 10 năm 2024",
            "NGÀY 05 THÁNG 10 NĂM 2024",
            "ngay 05 thang 10 nam 2024",
            "ngày 05, tháng 10, năm 2024",
            "Đồng Hới, ngày 05 tháng 10 năm 2024",
        ] {
            assert_eq!(parse_date_text(s), Ok(d), "{s}");
            assert_eq!(parse_date_text(&nfd(s)), Ok(d), "NFD {s}");
        }
        assert_eq!(
            parse_date_text("Đồng Hới, ngày 12 tháng 10 năm 2018"),
            Ok(date(2018, 10, 12))
        );
    }

    #[test]
    fn impossible_dates() {
        for s in [
            "31/02/2024",
            "31/09/2018",
            "29/02/2023",
            "05/13/2024",
            "00/10/2024",
            "32/10/2024",
            "05/00/2024",
            "05/10/1899",
            "05/10/2101",
            "2024-02-30",
            "ngày 31 tháng 9 năm 2018",
            "ngày 29 tháng 02 năm 2023",
            "ngày 0 tháng 10 năm 2024",
        ] {
            assert_eq!(parse_date_text(s), Err(DateError::Impossible), "{s}");
        }
        assert_eq!(parse_date_text("29/02/2024"), Ok(date(2024, 2, 29)));
        assert_eq!(parse_date_text("29/02/2000"), Ok(date(2000, 2, 29)));
        assert_eq!(parse_date_text("29/02/1900"), Err(DateError::Impossible));
    }

    #[test]
    fn unreadable_dates() {
        for s in [
            "",
            "abc",
            "10/2024",
            "2024",
            "ngày tháng năm",
            "ngày ... tháng ... năm 2024",
            "ngày 05 tháng 10",
            "1.2.3.4",
            "1/05/10/2024",
            "05/10/2024/7",
            "05/10-2024",
            "5/10/202",
            "123/10/2024",
            "05/10/20245",
            "01/01/2024 - 31/12/2024",
            "Số 61-KH/ĐUSTP",
            "99999999999999999999/1/1",
            "1/1/-5",
            "💥",
            "08:30",
        ] {
            assert_eq!(parse_date_text(s), Err(DateError::Unreadable), "{s}");
        }
        // The same date twice is one date.
        assert_eq!(
            parse_date_text("05/10/2024 (05/10/2024)"),
            Ok(date(2024, 10, 5))
        );
    }

    #[test]
    fn round_trip_format_parse() {
        let end = date(2100, 12, 31);
        let mut next = Some(date(1900, 1, 1));
        while let Some(d) = next.filter(|d| *d <= end) {
            assert_eq!(parse_date_text(&format_date(d)), Ok(d));
            next = d.checked_add_days(chrono::Days::new(13));
        }
        assert_eq!(parse_date_text(&format_date(end)), Ok(end));
        assert_eq!(format_date(date(2024, 10, 5)), "05/10/2024");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_date(1.0), Some(date(1900, 1, 1)));
        assert_eq!(excel_serial_date(59.0), Some(date(1900, 2, 28)));
        assert_eq!(excel_serial_date(60.0), None);
        assert_eq!(excel_serial_date(61.0), Some(date(1900, 3, 1)));
        assert_eq!(excel_serial_date(45570.0), Some(date(2024, 10, 5)));
        assert_eq!(excel_serial_date(45570.75), Some(date(2024, 10, 5)));
        assert_eq!(excel_serial_date(2_958_465.0), Some(date(9999, 12, 31)));
        for bad in [
            0.0,
            0.5,
            -1.0,
            2_958_466.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
        ] {
            assert_eq!(excel_serial_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_cells() {
        assert_eq!(cell_date(&CellValue::Empty), Ok(None));
        assert_eq!(cell_date(&CellValue::Text("  ".into())), Ok(None));
        assert_eq!(
            cell_date(&CellValue::Date(date(2018, 10, 12))),
            Ok(Some(date(2018, 10, 12)))
        );
        assert_eq!(
            cell_date(&CellValue::Number(45570.0)),
            Ok(Some(date(2024, 10, 5)))
        );
        assert_eq!(
            cell_date(&CellValue::Number(1.0)),
            Ok(Some(date(1900, 1, 1)))
        );
        assert_eq!(
            cell_date(&CellValue::Number(60.0)),
            Err(DateError::Impossible)
        );
        assert_eq!(
            cell_date(&CellValue::Number(73415.0)),
            Ok(Some(date(2100, 12, 31)))
        );
        for n in [0.0, -3.0, 73416.0, 2_958_465.0, f64::NAN] {
            assert_eq!(
                cell_date(&CellValue::Number(n)),
                Err(DateError::Unreadable),
                "{n}"
            );
        }
        assert_eq!(
            cell_date(&CellValue::Text("05/10/2024".into())),
            Ok(Some(date(2024, 10, 5)))
        );
        assert_eq!(
            cell_date(&CellValue::Text("31/02/2024".into())),
            Err(DateError::Impossible)
        );
        assert_eq!(
            cell_date(&CellValue::Text("sắp tới".into())),
            Err(DateError::Unreadable)
        );
        assert_eq!(
            cell_date(&CellValue::Bool(true)),
            Err(DateError::Unreadable)
        );
        assert_eq!(
            cell_date(&CellValue::Error("#REF!".into())),
            Err(DateError::Unreadable)
        );
    }

    #[test]
    fn date_error_messages_are_vietnamese() {
        assert_eq!(DateError::Impossible.to_string(), "ngày không có thật");
        assert!(DateError::Unreadable
            .to_string()
            .starts_with("không đọc được ngày"));
    }

    // --- date lines ---

    #[test]
    fn date_lines() {
        let want = Some(DateLine {
            place: Some("Đồng Hới".to_string()),
            date: date(2018, 10, 12),
        });
        assert_eq!(find_date_line("Đồng Hới, ngày 12 tháng 10 năm 2018"), want);
        assert_eq!(
            find_date_line(&nfd("Đồng Hới, ngày 12 tháng 10 năm 2018")),
            want
        );
        assert_eq!(
            find_date_line("  Đồng  Hới ,  ngày 12 tháng 10 năm 2018. "),
            want
        );
        assert_eq!(find_date_line("Đồng Hới, ngày 12/10/2018"), want);
        let upper = find_date_line("ĐỒNG HỚI, NGÀY 12 THÁNG 10 NĂM 2018");
        assert_eq!(
            upper.as_ref().and_then(|l| l.place.as_deref()),
            Some("ĐỒNG HỚI")
        );
        let plain = find_date_line("Dong Hoi, ngay 12 thang 10 nam 2018");
        assert_eq!(plain.as_ref().map(|l| l.date), Some(date(2018, 10, 12)));
        assert_eq!(plain.and_then(|l| l.place).as_deref(), Some("Dong Hoi"));
        let hanoi = find_date_line("Hà Nội, ngày 5/10/2018");
        assert_eq!(hanoi.as_ref().map(|l| l.date), Some(date(2018, 10, 5)));
        assert_eq!(hanoi.and_then(|l| l.place).as_deref(), Some("Hà Nội"));
        let no_place = find_date_line("Ngày 5 tháng 10 năm 2018");
        assert_eq!(
            no_place,
            Some(DateLine {
                place: None,
                date: date(2018, 10, 5)
            })
        );
        let tp = find_date_line("TP. Đồng Hới, ngày 01 tháng 3 năm 2019");
        assert_eq!(tp.and_then(|l| l.place).as_deref(), Some("TP. Đồng Hới"));
    }

    #[test]
    fn not_date_lines() {
        for s in [
            "12/10/2018",
            "Đồng Hới, ngày 31 tháng 09 năm 2018",
            "Đồng Hới, ngày    tháng    năm 2018",
            "Đồng Hới, ngày 12 tháng 10 năm 2018 và còn nhiều chữ",
            "Căn cứ Kế hoạch của Ban Thường vụ Đảng ủy ban hành trước đây vào ngày 12/10/2018",
            "",
            "ngày",
        ] {
            assert_eq!(find_date_line(s), None, "{s}");
        }
    }

    // --- title years ---

    #[test]
    fn title_years() {
        let title = "DANH SÁCH ĐĂNG KÝ XÂY DỰNG MÔ HÌNH DÂN VẬN KHÉO NĂM 2024";
        assert_eq!(find_title_year(title), Some(2024));
        assert_eq!(find_title_year(&nfd(title)), Some(2024));
        assert_eq!(find_title_year("Báo cáo kết quả năm 2018"), Some(2018));
        assert_eq!(find_title_year("MO HINH DAN VAN KHEO NAM 2018"), Some(2018));
        assert_eq!(find_title_year("Năm 2019"), Some(2019));
        assert_eq!(find_title_year("năm 2024, triển khai năm 2024"), Some(2024));
        for s in [
            "giai đoạn 2016 - 2020",
            "năm 2016 - 2020",
            "năm 2016 đến 2020",
            "năm học 2023-2024",
            "năm 2024/2025",
            "Số 61-KH/ĐUSTP",
            "Danh sách 2024",
            "năm 1989",
            "năm 2101",
            "năm 20245",
            "năm 2023 và năm 2024",
            "Đồng Hới, ngày 12 tháng 10 năm 2018",
            "",
        ] {
            assert_eq!(find_title_year(s), None, "{s}");
        }
    }

    // --- fields ---

    #[test]
    fn fields_match_tolerantly() {
        let f = Config::builtin().fields;
        let cases = [
            ("Kinh tế", 0),
            ("KINH TE", 0),
            ("KT", 0),
            ("Lĩnh vực kinh tế", 0),
            ("Văn hóa – xã hội", 1),
            ("Văn hoá - xã hội", 1),
            ("van hoa xa hoi", 1),
            ("Văn hóa và xã hội", 1),
            ("Văn hóa & xã hội", 1),
            ("VH-XH", 1),
            ("VHXH", 1),
            ("V.H.X.H", 1),
            ("Quốc phòng - an ninh", 2),
            ("QP-AN", 2),
            ("QPAN", 2),
            ("Quốc phòng an nnh", 2),
            ("Xây dựng hệ thống chính trị", 3),
            ("XDHTCT", 3),
            ("Xây dựng HTCT", 3),
            // Words around the field's, parts in another order (issue 15, class 6).
            ("Phát triển kinh tế", 0),
            ("Lĩnh vực phát triển kinh tế", 0),
            ("Xây dựng Đảng và hệ thống chính trị", 3),
            ("Xây dựng Đảng, hệ thống chính trị", 3),
            ("An ninh - Quốc phòng", 2),
            ("AN-QP", 2),
            ("An ninh và quốc phòng", 2),
            ("Văn hoá — xã hội", 1),
            ("Xã hội – văn hóa", 1),
            ("Cải cách thủ tục hành chính", 4),
        ];
        for (s, want) in cases {
            assert_eq!(match_field(s, &f), Some(want), "{s}");
            assert_eq!(match_field(&nfd(s), &f), Some(want), "NFD {s}");
        }
    }

    #[test]
    fn fields_with_other_lists() {
        let f: Vec<String> = [
            "Cải cách hành chính",
            "Phổ biến, giáo dục pháp luật",
            "Kinh tế",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(match_field("CCHC", &f), Some(0));
        assert_eq!(match_field("PBGDPL", &f), Some(1));
        assert_eq!(match_field("Phổ biến giáo dục pháp luật", &f), Some(1));
        // Two fields with the same initials: ambiguous.
        let twins: Vec<String> = ["Khoa tế", "Kinh tế"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(match_field("KT", &twins), None);
        assert_eq!(match_field("Kinh tế", &twins), Some(1));
        let dup: Vec<String> = ["Kinh tế", "Kinh te"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(match_field("kinh te", &dup), None);
    }

    #[test]
    fn fields_rejected() {
        let f = Config::builtin().fields;
        for s in [
            "",
            "-",
            "Y tế",
            "K",
            "Kinh",
            "Văn hóa",
            "VH",
            "Kinh tế xã hội",
            "ANQP",
            "x",
        ] {
            assert_eq!(match_field(s, &f), None, "{s}");
        }
        assert_eq!(match_field("Kinh tế", &[]), None);
        // Two fields' words together name neither.
        for s in ["Kinh tế, văn hóa – xã hội", "Văn hóa, giáo dục"] {
            assert_eq!(match_field(s, &f), None, "{s}");
        }
    }

    #[test]
    fn synonyms_of_a_committee_are_spellings_of_their_field() {
        let names = Config::builtin().fields;
        let synonyms = [
            (
                "Kinh tế".to_string(),
                vec!["Sản xuất kinh doanh".to_string(), "Giảm nghèo".to_string()],
            ),
            ("Lĩnh vực không có".to_string(), vec!["Y tế".to_string()]),
        ];
        let f = FieldList::with_synonyms(names, &synonyms);
        assert_eq!(f.find("Sản xuất, kinh doanh"), Some(0));
        assert_eq!(f.find("SXKD"), Some(0));
        assert_eq!(f.find("Giảm nghèo bền vững"), Some(0));
        assert_eq!(f.find("Y tế"), None);
        assert_eq!(f.find("VHXH"), Some(1));
    }

    // --- robustness ---

    #[test]
    fn no_panic_on_weird_inputs() {
        let long_digits = "1".repeat(10_000);
        let long_text = "ngày 1 tháng ".repeat(2_000);
        let long_dates = "1/".repeat(16_000);
        let max_cell = "é".repeat(32_767);
        let emoji = "💥🇻🇳👍🏽".repeat(2_000);
        let weird = [
            "",
            " ",
            "ngày tháng năm",
            "99999999999999999999/1/1",
            "1/1/-5",
            "💥",
            "\u{0}",
            "\u{FE0F}",
            "\u{301}\u{301}",
            "năm",
            "năm 9999999999999999999999",
            "ngày 99999999999 tháng 99999999 năm 99999999999",
            "1.2,3.4,5",
            ",,,",
            "...",
            "-",
            "%",
            "/",
            long_digits.as_str(),
            long_text.as_str(),
            long_dates.as_str(),
            max_cell.as_str(),
            emoji.as_str(),
        ];
        let fields = Config::builtin().fields;
        for s in weird {
            let _ = parse_kind(s);
            let _ = parse_yes_no(s);
            let _ = parse_number(s);
            let _ = parse_vote(s);
            let _ = parse_date_text(s);
            let _ = find_date_line(s);
            let _ = find_title_year(s);
            let _ = match_field(s, &fields);
            let _ = cell_date(&CellValue::Text(s.to_string()));
            let _ = cell_number(&CellValue::Text(s.to_string()));
        }
        for n in [f64::MAX, f64::MIN, f64::EPSILON, -0.0, f64::NAN, 1e18] {
            let _ = excel_serial_date(n);
            let _ = cell_date(&CellValue::Number(n));
            let _ = cell_yes_no(&CellValue::Number(n));
        }
        assert_eq!(parse_date_text(&long_digits), Err(DateError::Unreadable));
    }
}
