//! Which unit a sheet is from, when its rows do not say: the unit its heading names, else its
//! file's name, else its folder's — read the way a clerk reads them.
//!
//! A clerk's rule: a line of the title area names a unit when a unit's prefix ("Chi bộ",
//! "Đảng bộ", "Đảng bộ bộ phận", "Chi bộ cơ sở", "CB", "ĐB", "ĐBBP"; "Đảng ủy" with a roster)
//! or a label ("Tên chi bộ:", "Đơn vị:") is followed by the unit's name, whatever else the line
//! holds ("ĐẢNG BỘ KHỐI … / CHI BỘ …"). Names are compared by their words ([`name_words`]): case,
//! diacritics, punctuation and the usual abbreviations ("P." Phòng, "TT" Trung tâm, "Cty" Công
//! ty, "CP" cổ phần, "TNHH") never decide. The committee's own name and the higher committee's
//! are never a unit.
//!
//! With a roster ([`Naming`]), a name is looked up among the roster's units and their other
//! names (aliases): a name written as the roster writes it is the unit; one with a word missing,
//! added or misspelt is the unit it is closest to, with a warning (`approximate-unit`); a name
//! as close to two units as to one is no choice at all (`ambiguous-unit`). Without a roster the
//! heading's last line naming a unit by its prefix gives the name as written
//! ([`unit_in_heading`]).
//!
//! In: a sheet's title lines ([`crate::recognize::forms::Form::title_lines`]) and its file's
//! path. Out: a [`SheetUnit`]. Each distinct line is matched once per run ([`Naming`] keeps the
//! results), not once per file.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::findings::{Code, Finding};
use crate::judge::roster::Roster;
use crate::recognize::validate::Record;
use crate::text;

/// Abbreviations of the words of unit names, folded: each is read as the words it stands for.
const ABBREVIATIONS: [(&str, &[&str]); 6] = [
    ("p", &["phong"]),
    ("vp", &["van", "phong"]),
    ("xn", &["xi", "nghiep"]),
    ("bql", &["ban", "quan", "ly"]),
    ("dn", &["doanh", "nghiep"]),
    ("ct", &["cty"]),
];

/// Names of legal forms and bodies, folded, read as one word (their usual abbreviation): a
/// company's legal form is one thing a name says, however many words it takes to write.
const CONTRACTIONS: [(&[&str], &str); 6] = [
    (&["trach", "nhiem", "huu", "han"], "tnhh"),
    (&["mot", "thanh", "vien"], "mtv"),
    (&["uy", "ban", "nhan", "dan"], "ubnd"),
    (&["cong", "ty"], "cty"),
    (&["co", "phan"], "cp"),
    (&["trung", "tam"], "tt"),
];

/// The prefixes that say a unit's kind before its name, folded, longest first; the second
/// value is the prefix written out, for names shown without a roster.
const PREFIXES: [(&[&str], &str); 11] = [
    (&["dang", "bo", "bo", "phan"], "Đảng bộ bộ phận"),
    (&["dang", "bo", "co", "so"], "Đảng bộ cơ sở"),
    (&["chi", "bo", "co", "so"], "Chi bộ cơ sở"),
    (&["chi", "bo"], "Chi bộ"),
    (&["dang", "bo"], "Đảng bộ"),
    (&["dbbp"], "Đảng bộ bộ phận"),
    (&["dbcs"], "Đảng bộ cơ sở"),
    (&["cbcs"], "Chi bộ cơ sở"),
    (&["cb"], "Chi bộ"),
    (&["db"], "Đảng bộ"),
    (&["chibo"], "Chi bộ"),
];

/// The executive committees' names before a name: "ĐẢNG ỦY CÔNG TY X" heads the letter of the
/// đảng bộ of company X. Read as a unit's prefix only when a roster says which units exist.
const COMMITTEE_PREFIXES: [&[&str]; 2] = [&["dang", "uy"], &["chi", "uy"]];

/// Labels a unit's name follows ("Tên đơn vị: …", "Tổ chức đảng: …").
const LABELS: [&[&str]; 3] = [
    &["don", "vi"],
    &["to", "chuc", "dang"],
    &["co", "so", "dang"],
];

/// One word of a name, folded, with where it was written (byte range in the cleaned line).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    folded: String,
    start: usize,
    end: usize,
}

/// The words of a text, folded, abbreviations written out, each with its place in `line`.
fn words(line: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |from: usize, to: usize, out: &mut Vec<Word>| {
        let folded = text::fold(&line[from..to]);
        for part in folded.split(' ').filter(|p| !p.is_empty()) {
            match ABBREVIATIONS.iter().find(|(short, _)| *short == part) {
                Some((_, long)) => out.extend(long.iter().map(|w| Word {
                    folded: (*w).to_string(),
                    start: from,
                    end: to,
                })),
                None => out.push(Word {
                    folded: part.to_string(),
                    start: from,
                    end: to,
                }),
            }
        }
    };
    for (at, c) in line.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push(from, at, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push(from, line.len(), &mut out);
    }
    contract(out)
}

/// The words with each of [`CONTRACTIONS`] made one word.
fn contract(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let rest = &words[at..];
        let long = CONTRACTIONS.iter().find(|(long, _)| {
            long.len() <= rest.len() && long.iter().zip(rest).all(|(a, b)| *a == b.folded)
        });
        match long {
            Some((long, short)) => {
                out.push(Word {
                    folded: (*short).to_string(),
                    start: rest[0].start,
                    end: rest[long.len() - 1].end,
                });
                at += long.len();
            }
            None => {
                out.push(rest[0].clone());
                at += 1;
            }
        }
    }
    out
}

/// The words a unit's name is compared by: folded, abbreviations written out, without the
/// prefix of its kind ("Chi bộ", "Đảng bộ", "CB", …).
///
/// # Example
///
/// ```
/// use dvk::judge::units::name_words;
///
/// assert_eq!(name_words("CB P. Tư pháp"), ["phong", "tu", "phap"]);
/// assert_eq!(name_words("Chi bộ Cty TNHH Hòa Bình"), ["cty", "tnhh", "hoa", "binh"]);
/// assert_eq!(name_words("ĐẢNG BỘ CTY CP MAY"), name_words("Đảng bộ Công ty Cổ phần May"));
/// ```
pub fn name_words(name: &str) -> Vec<String> {
    let line = text::clean(name);
    let all = words(&line);
    let skip = prefix_at(&all, 0, true).map_or(0, |(len, _)| len);
    all.into_iter().skip(skip).map(|w| w.folded).collect()
}

/// A unit's name split into its kind's prefix, written out ("CB" is "Chi bộ"), and the rest
/// as written: `(None, name)` when it has no prefix.
pub(crate) fn split_prefix(name: &str) -> (Option<&'static str>, String) {
    let line = text::clean(name);
    let all = words(&line);
    match prefix_at(&all, 0, false) {
        Some((len, written)) => {
            let rest = all.get(len).map_or("", |w| &line[w.start..]);
            (written, rest.trim().to_string())
        }
        None => (None, line),
    }
}

/// The prefix starting at word `at`, if any: its length in words and how it is written out
/// (`None` for an executive committee's "Đảng ủy", read only with `committees`).
fn prefix_at(words: &[Word], at: usize, committees: bool) -> Option<(usize, Option<&'static str>)> {
    let starts = |p: &[&str]| {
        p.len() <= words.len().saturating_sub(at)
            && p.iter().zip(&words[at..]).all(|(a, b)| *a == b.folded)
    };
    if let Some((p, written)) = PREFIXES.iter().find(|(p, _)| starts(p)) {
        return Some((p.len(), Some(written)));
    }
    if committees {
        if let Some(p) = COMMITTEE_PREFIXES.iter().find(|p| starts(p)) {
            return Some((p.len(), None));
        }
    }
    None
}

/// How a part of a line comes to name a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// After a unit's prefix: the prefix written out ("Chi bộ").
    Prefix(&'static str),
    /// After an executive committee's name ("Đảng ủy").
    Committee,
    /// After a label ("Đơn vị:").
    Label,
    /// At the start of the text, with nothing before it.
    Start,
}

/// A part of a line that may name a unit: the words after a prefix or label, up to the next
/// one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    anchor: Anchor,
    words: Vec<String>,
    /// The name as written (without its prefix), trimmed.
    written: String,
}

/// Words that make a line about units in general, not one unit: "Kính gửi: các chi bộ trực
/// thuộc".
fn is_general(before: Option<&Word>, after: &[String]) -> bool {
    before.is_some_and(|w| w.folded == "cac" || w.folded == "gui")
        || after.first().is_some_and(|w| w == "truc")
        || after.is_empty()
}

/// The parts of a line that may name a unit.
fn segments(line: &str, committees: bool) -> Vec<Segment> {
    let line = text::clean(line);
    let all = words(&line);
    if all.iter().take(2).any(|w| w.folded == "kinh") {
        return Vec::new(); // "Kính gửi: …" names who the letter goes to
    }
    // (first word of the name, anchor, first word of the anchor)
    let mut anchors: Vec<(usize, Anchor, usize)> = Vec::new();
    let mut at = 0;
    while at < all.len() {
        if let Some((len, written)) = prefix_at(&all, at, committees) {
            let anchor = written.map_or(Anchor::Committee, Anchor::Prefix);
            anchors.push((at + len, anchor, at));
            at += len;
            continue;
        }
        let label = LABELS.iter().find(|l| {
            l.len() <= all.len() - at && l.iter().zip(&all[at..]).all(|(a, b)| *a == b.folded)
        });
        if let Some(label) = label {
            let after = at + label.len();
            // "Tên đơn vị: Chi bộ …": the prefix that follows anchors the name.
            if prefix_at(&all, after, committees).is_none() {
                anchors.push((after, Anchor::Label, at));
            }
            at = after;
            continue;
        }
        at += 1;
    }
    if anchors.first().is_none_or(|&(_, _, from)| from > 0) {
        anchors.insert(0, (0, Anchor::Start, 0));
    }
    let mut out = Vec::new();
    for (i, &(from, anchor, anchor_at)) in anchors.iter().enumerate() {
        let to = anchors.get(i + 1).map_or(all.len(), |&(_, _, next)| next);
        let name = &all[from.min(to)..to];
        let words: Vec<String> = name.iter().map(|w| w.folded.clone()).collect();
        let before = anchor_at.checked_sub(1).and_then(|b| all.get(b));
        if anchor != Anchor::Start && is_general(before, &words) {
            continue;
        }
        if words.is_empty() {
            continue;
        }
        let written = match (name.first(), name.last()) {
            (Some(first), Some(last)) => line[first.start..last.end].trim().to_string(),
            _ => String::new(),
        };
        out.push(Segment {
            anchor,
            words,
            written,
        });
    }
    out
}

/// A name's words cut at a year ("… NĂM 2024") or a parenthesis: what a heading adds after a
/// unit's name without a roster to tell where the name ends.
fn cut_at_year(words: &[String]) -> usize {
    words
        .windows(2)
        .position(|w| w[0] == "nam" && w[1].len() == 4 && w[1].bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(words.len())
}

/// The unit a heading names without a roster to say which units exist: the last line part
/// after a unit's prefix ("Chi bộ", "Đảng bộ", "CB", …) or a label ("Tên chi bộ:", "Đơn
/// vị:"), as written — the letterhead names the higher committee first, the unit that sends
/// the form last. A part naming one of `committees` (the committee's own name, the higher
/// committee's) is never a unit.
///
/// # Example
///
/// ```
/// use dvk::judge::units::unit_in_heading;
///
/// let committees = ["Đảng bộ Khối Doanh nghiệp".to_string()];
/// let lines = ["ĐẢNG BỘ KHỐI DOANH NGHIỆP".to_string(), "CHI BỘ CÔNG TY X".to_string()];
/// assert_eq!(unit_in_heading(&lines, &committees).as_deref(), Some("Chi bộ CÔNG TY X"));
/// let one_line = ["ĐẢNG BỘ KHỐI DOANH NGHIỆP / CB P. Kế toán".to_string()];
/// assert_eq!(unit_in_heading(&one_line, &committees).as_deref(), Some("Chi bộ P. Kế toán"));
/// assert_eq!(unit_in_heading(&["CHI BỘ ……".to_string()], &committees), None);
/// ```
pub fn unit_in_heading(lines: &[String], committees: &[String]) -> Option<String> {
    let excluded: Vec<Vec<String>> = committees.iter().map(|c| name_words(c)).collect();
    let mut found = None;
    for line in lines {
        for segment in segments(line, false) {
            let prefix = match segment.anchor {
                Anchor::Prefix(p) => p,
                Anchor::Label => "Chi bộ",
                Anchor::Committee | Anchor::Start => continue,
            };
            let end = cut_at_year(&segment.words);
            let words = &segment.words[..end];
            if words.is_empty()
                || words.len() > 12
                || excluded.iter().any(|c| similarity(c, words).0 >= 0.75)
            {
                continue;
            }
            let written = if end < segment.words.len() {
                first_words(&segment.written, end).unwrap_or_else(|| segment.written.clone())
            } else {
                segment.written.clone()
            };
            found = Some(format!("{prefix} {written}"));
        }
    }
    found
}

/// The first `count` words of `written`, as written.
fn first_words(written: &str, count: usize) -> Option<String> {
    let ws = words(written);
    let last = ws.get(count.checked_sub(1)?)?;
    Some(written[..last.end].trim().to_string())
}

/// Two words are the same when equal, or, both of at least 4 letters, one letter apart (a
/// typing slip).
fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 4 && b.len() >= 4 && strsim::levenshtein(a, b) <= 1)
}

/// How well `written` (the words after a prefix, maybe followed by other words) names `name`:
/// the best, over the first m words of `written`, of the words in common (in order) divided by
/// the longer of the two; and the number of words in common.
fn similarity(name: &[String], written: &[String]) -> (f64, usize) {
    if name.is_empty() || written.is_empty() {
        return (0.0, 0);
    }
    // dp[i][j]: common words of name[..i] and written[..j], in order.
    let mut previous = vec![0usize; written.len() + 1];
    let mut current = vec![0usize; written.len() + 1];
    for a in name {
        for (j, b) in written.iter().enumerate() {
            current[j + 1] = if same_word(a, b) {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let mut best = (0.0, 0);
    for (m, &common) in previous.iter().enumerate().skip(1) {
        let score = common as f64 / name.len().max(m) as f64;
        if score > best.0 {
            best = (score, common);
        }
    }
    best
}

/// The least [`similarity`] a name written with a word missing, added or misspelt needs to
/// be read as a unit's: two words of three.
const CLOSE_ENOUGH: f64 = 0.6;

/// Where a sheet's unit was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line of the sheet's title area.
    Heading,
    /// The file's name.
    FileName,
    /// The name of a folder the file is in.
    Folder,
}

impl Place {
    /// How a message names it.
    pub fn label(self) -> &'static str {
        match self {
            Place::Heading => "tiêu đề biểu mẫu",
            Place::FileName => "tên tệp",
            Place::Folder => "tên thư mục",
        }
    }
}

/// The unit of a sheet whose rows do not name one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetUnit {
    /// Named: the roster's spelling, or the name as written without a roster.
    Named {
        /// The unit.
        unit: String,
        /// Where it was read.
        place: Place,
    },
    /// Named with a word missing, added or misspelt: read as the unit it is closest to.
    Approximate {
        /// The roster's unit.
        unit: String,
        /// What was written.
        written: String,
        /// Where it was read.
        place: Place,
    },
    /// As close to two or more units: none is chosen.
    Ambiguous {
        /// The roster's units, best first.
        candidates: Vec<String>,
        /// What was written.
        written: String,
        /// Where it was read.
        place: Place,
    },
    /// Nothing names the unit.
    Unnamed,
}

impl SheetUnit {
    /// The unit the sheet's rows count for, if one was settled on.
    pub fn unit(&self) -> Option<&str> {
        match self {
            SheetUnit::Named { unit, .. } | SheetUnit::Approximate { unit, .. } => Some(unit),
            _ => None,
        }
    }
}

/// What a name found in a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Target {
    /// The committee or the higher committee: never a unit.
    Committee,
    /// The roster's unit at this position.
    Unit(usize),
}

/// What one line part names, against the roster.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    /// The units (never the committee), best first, all equally close.
    units: Vec<usize>,
    /// 1.0 when written as the roster writes it (or an alias), less when approximate.
    score: f64,
    written: String,
}

/// Matching names against a roster: its units' names and aliases, and the committees' names
/// that are never a unit. Shared by every file of a run; each distinct line is matched once.
///
/// # Example
///
/// ```
/// use dvk::judge::roster::Roster;
/// use dvk::judge::units::{Naming, Place, SheetUnit};
///
/// let roster = Roster::from_names(["Đảng bộ Công ty CP Cấp nước", "Chi bộ Trung tâm Kiểm định"]);
/// let naming = Naming::new(Some(&roster), &["Đảng bộ Khối Doanh nghiệp".to_string()]);
/// let heading = ["ĐẢNG BỘ KHỐI DOANH NGHIỆP / CB TT KIỂM ĐỊNH".to_string()];
/// assert_eq!(
///     naming.sheet_unit(&heading, "2024/ds.xlsx"),
///     SheetUnit::Named { unit: "Chi bộ Trung tâm Kiểm định".into(), place: Place::Heading }
/// );
/// // A blank heading: the file's name says.
/// let blank = ["CHI BỘ ……".to_string()];
/// assert_eq!(
///     naming.sheet_unit(&blank, "2024/Cty cap nuoc.xlsx").unit(),
///     Some("Đảng bộ Công ty CP Cấp nước")
/// );
/// ```
pub struct Naming<'r> {
    roster: Option<&'r Roster>,
    committees: Vec<String>,
    /// Every name to compare with: (words, target).
    entries: Vec<(Vec<String>, Target)>,
    /// Entries by their words joined with spaces.
    exact: HashMap<String, Target>,
    /// Entries by each of their words.
    by_word: HashMap<String, Vec<usize>>,
    /// Lines already matched: line → what its parts name.
    seen: Mutex<HashMap<(String, bool), Vec<Found>>>,
}

impl<'r> Naming<'r> {
    /// Matching against `roster` (if any), never taking `committees` for a unit.
    pub fn new(roster: Option<&'r Roster>, committees: &[String]) -> Self {
        let mut naming = Naming {
            roster,
            committees: committees.to_vec(),
            entries: Vec::new(),
            exact: HashMap::new(),
            by_word: HashMap::new(),
            seen: Mutex::new(HashMap::new()),
        };
        let add = |words: Vec<String>, target: Target, naming: &mut Naming| {
            if words.is_empty() {
                return;
            }
            let key = words.join(" ");
            if naming.exact.contains_key(&key) {
                return;
            }
            naming.exact.insert(key, target);
            let at = naming.entries.len();
            for word in &words {
                naming.by_word.entry(word.clone()).or_default().push(at);
            }
            naming.entries.push((words, target));
        };
        for committee in committees {
            add(name_words(committee), Target::Committee, &mut naming);
        }
        if let Some(roster) = roster {
            for (key, unit) in roster.keys() {
                let words = key.split(' ').map(str::to_string).collect();
                add(words, Target::Unit(unit), &mut naming);
            }
        }
        naming
    }

    /// The unit of a sheet whose rows do not name one: what its heading names, else its file's
    /// name, else the nearest folder's (`path` as shown, `/`-separated).
    pub fn sheet_unit(&self, title_lines: &[String], path: &str) -> SheetUnit {
        let Some(roster) = self.roster else {
            return self.sheet_unit_without_roster(title_lines, path);
        };
        let settled = self.settle(title_lines, false, Place::Heading, roster);
        if settled != SheetUnit::Unnamed {
            return settled;
        }
        let mut parts: Vec<&str> = path.split('/').collect();
        let file = parts.pop().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let settled = self.settle(&[stem.to_string()], true, Place::FileName, roster);
        if settled != SheetUnit::Unnamed {
            return settled;
        }
        for folder in parts.iter().rev() {
            let settled = self.settle(&[folder.to_string()], true, Place::Folder, roster);
            if settled != SheetUnit::Unnamed {
                return settled;
            }
        }
        SheetUnit::Unnamed
    }

    fn sheet_unit_without_roster(&self, title_lines: &[String], path: &str) -> SheetUnit {
        if let Some(unit) = unit_in_heading(title_lines, &self.committees) {
            return SheetUnit::Named {
                unit,
                place: Place::Heading,
            };
        }
        let mut parts: Vec<&str> = path.split('/').collect();
        let file = parts.pop().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let named = |text: &str| {
            let text = text.replace(['_', '-'], " ");
            unit_in_heading(&[text], &self.committees)
        };
        if let Some(unit) = named(stem) {
            return SheetUnit::Named {
                unit,
                place: Place::FileName,
            };
        }
        parts
            .iter()
            .rev()
            .find_map(|folder| named(folder))
            .map_or(SheetUnit::Unnamed, |unit| SheetUnit::Named {
                unit,
                place: Place::Folder,
            })
    }

    /// Rows of a list a đảng bộ sends for its own chi bộ: their «Chi bộ» column names
    /// sub-cells, not on the roster, under a heading naming `unit`, a roster unit. The rows
    /// count for `unit`, each keeping its sub-cell's name; the finding (info, placed on the
    /// file) names the sub-cells. Rows naming roster units count for their own (each distinct
    /// name is looked up once). Nothing without a roster.
    pub fn cover_sub_units(&self, records: &mut [Record], unit: &str) -> Option<Finding> {
        let roster = self.roster?;
        let unit = roster.find(unit)?.name.clone();
        let mut on_roster: HashMap<String, bool> = HashMap::new();
        let mut covered: Vec<String> = Vec::new();
        let mut path = None;
        for record in records.iter_mut() {
            if matches!(record, Record::Roster(_)) {
                continue;
            }
            let name = record.unit().to_string();
            let known = *on_roster
                .entry(name.clone())
                .or_insert_with(|| roster.find(&name).is_some());
            if known {
                continue;
            }
            if !covered.contains(&name) {
                covered.push(name.clone());
            }
            path.get_or_insert_with(|| record.source().path.clone());
            record.set_unit(unit.clone());
            if let Record::Registration(r) = record {
                r.sub_unit = Some(name);
            }
        }
        let shown: Vec<String> = covered.iter().map(|c| format!("«{c}»")).collect();
        let message = format!(
            "Cột «Chi bộ» ghi {} không có trong danh sách chi bộ, dưới tiêu đề của «{unit}»: các dòng này được tính cho «{unit}», tên chi bộ trực thuộc được giữ trong danh sách mô hình",
            shown.join(", ")
        );
        Some(Finding::new(Code::SubUnit, path?, message))
    }

    /// What `lines` name, together: one unit written as the roster writes it; else the unit
    /// closest to what is written, when no other is as close.
    fn settle(&self, lines: &[String], whole: bool, place: Place, roster: &Roster) -> SheetUnit {
        let found: Vec<Found> = lines
            .iter()
            .flat_map(|line| self.line(line, whole))
            .collect();
        let name = |i: usize| roster.units().get(i).map(|u| u.name.clone());
        let exact: Vec<&Found> = found.iter().filter(|f| f.score >= 1.0).collect();
        let mut units: Vec<usize> = exact.iter().flat_map(|f| f.units.clone()).collect();
        units.sort_unstable();
        units.dedup();
        let written = |f: &[&Found]| {
            f.iter()
                .map(|f| f.written.as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        };
        match units.as_slice() {
            [one] => {
                return SheetUnit::Named {
                    unit: name(*one).unwrap_or_default(),
                    place,
                }
            }
            [_, _, ..] => {
                return SheetUnit::Ambiguous {
                    candidates: units.iter().filter_map(|&i| name(i)).collect(),
                    written: written(&exact),
                    place,
                }
            }
            [] => {}
        }
        let best = found.iter().map(|f| f.score).fold(0.0, f64::max);
        if best < CLOSE_ENOUGH {
            return SheetUnit::Unnamed;
        }
        let closest: Vec<&Found> = found.iter().filter(|f| f.score >= best).collect();
        let mut units: Vec<usize> = closest.iter().flat_map(|f| f.units.clone()).collect();
        units.sort_unstable();
        units.dedup();
        match units.as_slice() {
            [one] => SheetUnit::Approximate {
                unit: name(*one).unwrap_or_default(),
                written: written(&closest),
                place,
            },
            _ => SheetUnit::Ambiguous {
                candidates: units.iter().filter_map(|&i| name(i)).collect(),
                written: written(&closest),
                place,
            },
        }
    }

    /// What the parts of one line name (remembered per distinct line). `whole`: a file's or
    /// folder's name, which may name a unit approximately without a prefix.
    fn line(&self, line: &str, whole: bool) -> Vec<Found> {
        let key = (line.to_string(), whole);
        if let Some(found) = self
            .seen
            .lock()
            .ok()
            .and_then(|seen| seen.get(&key).cloned())
        {
            return found;
        }
        let found: Vec<Found> = segments(line, true)
            .into_iter()
            .filter_map(|segment| self.segment(&segment, whole))
            .collect();
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(key, found.clone());
        }
        found
    }

    /// What one line part names: the longest run of its first words that is a name exactly,
    /// else the closest names.
    fn segment(&self, segment: &Segment, whole: bool) -> Option<Found> {
        let words = &segment.words;
        for m in (1..=words.len()).rev() {
            match self.exact.get(&words[..m].join(" ")) {
                Some(Target::Committee) => return None,
                Some(&Target::Unit(unit)) => {
                    return Some(Found {
                        units: vec![unit],
                        score: 1.0,
                        written: segment.written.clone(),
                    })
                }
                None => {}
            }
        }
        // Approximate names only after a prefix or label, or as a file's whole name: a title
        // line ("DANH SÁCH ĐĂNG KÝ …") shares words with many names without naming any.
        if segment.anchor == Anchor::Start && !whole {
            return None;
        }
        let mut candidates: Vec<usize> = words
            .iter()
            .filter_map(|w| self.by_word.get(w))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best = 0.0;
        let mut targets: Vec<Target> = Vec::new();
        for i in candidates {
            let Some((name, target)) = self.entries.get(i) else {
                continue;
            };
            let (score, common) = similarity(name, words);
            if common < 2.min(name.len()) || (name.len() == 1 && score < 1.0) {
                continue;
            }
            if score > best + 1e-9 {
                best = score;
                targets = vec![*target];
            } else if (score - best).abs() <= 1e-9 {
                targets.push(*target);
            }
        }
        if best < CLOSE_ENOUGH || targets.contains(&Target::Committee) {
            return None;
        }
        let mut units: Vec<usize> = targets
            .into_iter()
            .filter_map(|t| match t {
                Target::Unit(u) => Some(u),
                Target::Committee => None,
            })
            .collect();
        units.sort_unstable();
        units.dedup();
        Some(Found {
            units,
            score: best,
            written: segment.written.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_are_compared_by_their_words() {
        assert_eq!(name_words("Chi bộ Văn phòng"), s(&["van", "phong"]));
        assert_eq!(name_words("CHI BO VAN PHONG"), s(&["van", "phong"]));
        assert_eq!(name_words("ĐBBP Xí nghiệp 1"), s(&["xi", "nghiep", "1"]));
        assert_eq!(
            name_words("Chi bộ cơ sở P.Kế toán"),
            s(&["phong", "ke", "toan"])
        );
        assert_eq!(
            name_words("Đảng bộ Cty TNHH MTV Xổ số"),
            name_words("Đảng bộ Công ty Trách nhiệm hữu hạn một thành viên Xổ số")
        );
        assert_eq!(name_words("TT Y tế"), name_words("Trung tâm Y tế"));
        assert_eq!(name_words("Đảng bộ bộ phận Kho"), s(&["kho"]));
    }

    #[test]
    fn parts_of_a_line() {
        let parts = segments("ĐẢNG BỘ KHỐI DN TỈNH / CHI BỘ CÔNG TY X", false);
        let words: Vec<Vec<String>> = parts.iter().map(|p| p.words.clone()).collect();
        assert_eq!(
            words,
            vec![s(&["khoi", "doanh", "nghiep", "tinh"]), s(&["cty", "x"])]
        );
        assert_eq!(parts[1].written, "CÔNG TY X");
        assert!(segments("Kính gửi: Các chi bộ trực thuộc", false).is_empty());
        let general = segments("Các chi bộ trực thuộc", false);
        assert!(general.iter().all(|p| p.anchor == Anchor::Start));
        let label = segments("Tên đơn vị: Phòng Kế toán", false);
        assert_eq!(label.last().map(|p| p.anchor), Some(Anchor::Label));
        assert!(segments("CHI BỘ ……", false)
            .iter()
            .all(|p| p.anchor == Anchor::Start));
    }

    #[test]
    fn without_a_roster_the_last_prefixed_part() {
        let committees = s(&["Đảng bộ Sở Tư pháp", "Đảng ủy Khối các cơ quan tỉnh"]);
        let unit = |lines: &[&str]| unit_in_heading(&s(lines), &committees);
        assert_eq!(
            unit(&["CHI BỘ VĂN PHÒNG"]).as_deref(),
            Some("Chi bộ VĂN PHÒNG")
        );
        assert_eq!(
            unit(&["Tên chi bộ: Văn phòng"]).as_deref(),
            Some("Chi bộ Văn phòng")
        );
        assert_eq!(unit(&["ĐẢNG BỘ SỞ TƯ PHÁP"]), None);
        assert_eq!(
            unit(&["ĐẢNG BỘ SỞ TƯ PHÁP", "CHI BỘ THANH TRA"]).as_deref(),
            Some("Chi bộ THANH TRA")
        );
        assert_eq!(
            unit(&["DANH SÁCH CỦA CHI BỘ PHÒNG CÔNG CHỨNG SỐ 1 NĂM 2024"]).as_deref(),
            Some("Chi bộ PHÒNG CÔNG CHỨNG SỐ 1")
        );
        assert_eq!(unit(&["Kính gửi: Các chi bộ trực thuộc"]), None);
        assert_eq!(unit(&["CHI BỘ ………………"]), None);
        assert_eq!(
            unit(&["ĐẢNG ỦY CÔNG TY X"]),
            None,
            "a committee needs a roster"
        );
    }

    fn khoi() -> Roster {
        Roster::from_names([
            "Đảng bộ Công ty Cổ phần Cấp nước",
            "Đảng bộ Công ty TNHH MTV Xổ số kiến thiết",
            "Chi bộ Trung tâm Kiểm định chất lượng",
            "Chi bộ Phòng Kế toán",
            "Chi bộ Phòng Kế hoạch",
            "Chi bộ Công ty Cổ phần May",
        ])
    }

    fn committees() -> Vec<String> {
        s(&["Đảng bộ Khối Doanh nghiệp tỉnh", "Tỉnh ủy"])
    }

    #[test]
    fn a_heading_names_a_roster_unit_in_any_spelling() {
        let roster = khoi();
        let naming = Naming::new(Some(&roster), &committees());
        let unit = |lines: &[&str]| naming.sheet_unit(&s(lines), "a.xlsx");
        let named = |u: &str| SheetUnit::Named {
            unit: u.to_string(),
            place: Place::Heading,
        };
        for heading in [
            &[
                "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH",
                "ĐẢNG ỦY CÔNG TY CP CẤP NƯỚC",
            ][..],
            &["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH / ĐẢNG BỘ CTY CỔ PHẦN CẤP NƯỚC"],
            &["DANG BO CONG TY CO PHAN CAP NUOC"],
            &["ĐB Công ty CP Cấp nước", "DANH SÁCH ĐĂNG KÝ NĂM 2024"],
        ] {
            assert_eq!(
                unit(heading),
                named("Đảng bộ Công ty Cổ phần Cấp nước"),
                "{heading:?}"
            );
        }
        assert_eq!(unit(&["CB P. Kế toán"]), named("Chi bộ Phòng Kế toán"));
        // A word missing: read as the closest unit, with a warning.
        let approximate = unit(&["CHI BỘ TRUNG TÂM KIỂM ĐỊNH"]);
        assert_eq!(
            approximate.unit(),
            Some("Chi bộ Trung tâm Kiểm định chất lượng")
        );
        assert!(matches!(approximate, SheetUnit::Approximate { .. }));
        // A word added.
        let added = unit(&["CHI BỘ CÔNG TY CỔ PHẦN MAY MẶC"]);
        assert_eq!(added.unit(), Some("Chi bộ Công ty Cổ phần May"));
        // As close to two units: no choice.
        match unit(&["CHI BỘ PHÒNG KẾ"]) {
            SheetUnit::Ambiguous { candidates, .. } => assert_eq!(
                candidates,
                s(&["Chi bộ Phòng Kế toán", "Chi bộ Phòng Kế hoạch"])
            ),
            other => panic!("{other:?}"),
        }
        // The committee is never a unit, nor a line that only shares words.
        assert_eq!(
            unit(&["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH"]),
            SheetUnit::Unnamed
        );
        assert_eq!(unit(&["DANH SÁCH CÔNG TY CỔ PHẦN"]), SheetUnit::Unnamed);
    }

    #[test]
    fn a_blank_heading_takes_the_file_or_folder_name() {
        let roster = khoi();
        let naming = Naming::new(Some(&roster), &committees());
        let blank = s(&["ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH", "CHI BỘ ……", "DANH SÁCH"]);
        assert_eq!(
            naming.sheet_unit(&blank, "2024/CB Phong Ke toan - dang ky.xlsx"),
            SheetUnit::Named {
                unit: "Chi bộ Phòng Kế toán".into(),
                place: Place::FileName
            }
        );
        assert_eq!(
            naming
                .sheet_unit(&blank, "2024/Cty Xo so kien thiet/dang-ky.xlsx")
                .unit(),
            Some("Đảng bộ Công ty TNHH MTV Xổ số kiến thiết")
        );
        assert_eq!(
            naming.sheet_unit(&blank, "2024/dang-ky.xlsx"),
            SheetUnit::Unnamed
        );
        let without = Naming::new(None, &committees());
        assert_eq!(
            without
                .sheet_unit(&blank, "2024/Chi bo Van phong.xlsx")
                .unit(),
            Some("Chi bộ Van phong")
        );
        assert_eq!(
            without.sheet_unit(&blank, "2024/ds.xlsx"),
            SheetUnit::Unnamed
        );
    }
}
