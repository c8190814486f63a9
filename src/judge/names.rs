//! Unit names compared the way a clerk reads them: by their words, folded, abbreviations
//! written out, without the prefix of the unit's kind; and the parts of a heading line that may
//! name a unit. Pure functions of strings; matching them against the roster is
//! [`crate::judge::units`]'s.

use std::cell::RefCell;
use std::rc::Rc;

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
/// use dvk::judge::names::name_words;
///
/// assert_eq!(name_words("CB P. Tư pháp"), ["phong", "tu", "phap"]);
/// assert_eq!(name_words("Chi bộ Cty TNHH Hòa Bình"), ["cty", "tnhh", "hoa", "binh"]);
/// assert_eq!(name_words("ĐẢNG BỘ CTY CP MAY"), name_words("Đảng bộ Công ty Cổ phần May"));
/// ```
pub fn name_words(name: &str) -> Vec<String> {
    name_key(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The [`name_words`] of a name joined with single spaces: the key unit names are compared
/// by. Computed from the folded name in one pass (it is taken for every row a report counts).
///
/// # Example
///
/// ```
/// use dvk::judge::names::name_key;
///
/// assert_eq!(name_key("ĐẢNG BỘ CÔNG TY CỔ PHẦN MAY"), "cty cp may");
/// assert_eq!(name_key("Văn phòng"), "van phong");
/// ```
pub fn name_key(name: &str) -> String {
    /// Unit names are short; a longer text is a sentence, and rarely comes back.
    const REMEMBERED_BYTES: usize = 160;
    thread_local! {
        static SEEN: RefCell<text::Memo<String>> = RefCell::default();
    }
    // Remembered per thread: the same few hundred units' names come back in every row of
    // every file, and the checks across files key each record by its unit several times
    // (folding one name costs more than copying its key: 2% of a check of 10,000
    // workbooks went to folding names again).
    text::remembered(&SEEN, name, REMEMBERED_BYTES, key_of)
}

/// [`name_key`], worked out.
fn key_of(name: &str) -> String {
    let folded = text::fold(name);
    let mut tokens: Vec<&str> = Vec::with_capacity(8);
    for token in folded.split(' ').filter(|t| !t.is_empty()) {
        match ABBREVIATIONS.iter().find(|(short, _)| *short == token) {
            Some((_, long)) => tokens.extend(long.iter().copied()),
            None => tokens.push(token),
        }
    }
    let mut out: Vec<&str> = Vec::with_capacity(tokens.len());
    let mut at = 0;
    while let Some(rest) = tokens.get(at..).filter(|r| !r.is_empty()) {
        match CONTRACTIONS.iter().find(|(long, _)| rest.starts_with(long)) {
            Some((long, short)) => {
                out.push(short);
                at += long.len();
            }
            None => {
                out.push(rest[0]);
                at += 1;
            }
        }
    }
    let skip = PREFIXES
        .iter()
        .map(|(p, _)| *p)
        .chain(COMMITTEE_PREFIXES)
        .find(|p| out.starts_with(p))
        .map_or(0, <[&str]>::len);
    out[skip..].join(" ")
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
pub(crate) enum Anchor {
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
pub(crate) struct Segment {
    pub(crate) anchor: Anchor,
    pub(crate) words: Vec<String>,
    /// The name as written (without its prefix), trimmed.
    pub(crate) written: String,
}

/// Words that make a line about units in general, not one unit: "Kính gửi: các chi bộ trực
/// thuộc".
fn is_general(before: Option<&Word>, after: &[String]) -> bool {
    before.is_some_and(|w| w.folded == "cac" || w.folded == "gui")
        || after.first().is_some_and(|w| w == "truc")
        || after.is_empty()
}

/// The parts of a line that may name a unit.
pub(crate) fn segments(line: &str, committees: bool) -> Vec<Segment> {
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
        // A label opens the line ("Đơn vị: …", "Tên đơn vị: …"); inside a name ("Chi bộ Đơn
        // vị số 1") it is the name's.
        let opens = at == 0 || (at == 1 && all[0].folded == "ten");
        let label = LABELS.iter().filter(|_| opens).find(|l| {
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
/// use dvk::judge::names::unit_in_heading;
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
    // (the line starts with the prefix or label, the name)
    let mut found: Vec<(bool, &str)> = Vec::new();
    let candidates: Vec<Rc<[Candidate]>> = lines.iter().map(|line| candidates(line)).collect();
    for candidate in candidates.iter().flat_map(|c| c.iter()) {
        if excluded
            .iter()
            .any(|c| similarity(c, &candidate.words).0 >= 0.75)
        {
            continue;
        }
        found.push((candidate.leading, &candidate.name));
    }
    let last_leading = found.iter().rposition(|(leading, _)| *leading);
    let at = last_leading.or(found.len().checked_sub(1))?;
    found.get(at).map(|(_, name)| name.to_string())
}

/// A part of a heading line that may name the unit sending the form (see [`unit_in_heading`]).
#[derive(Debug)]
struct Candidate {
    /// The line starts with the prefix or label.
    leading: bool,
    /// The name's folded words, cut at a year.
    words: Vec<String>,
    /// The name as written, with its prefix written out: «Chi bộ CÔNG TY X».
    name: String,
}

/// The candidates of one line, remembered per thread: the same letterhead and title lines come
/// back in every file a committee's units send.
fn candidates(line: &str) -> Rc<[Candidate]> {
    thread_local! {
        static SEEN: RefCell<text::Memo<Rc<[Candidate]>>> = RefCell::default();
    }
    text::remembered(&SEEN, line, usize::MAX, line_candidates)
}

fn line_candidates(line: &str) -> Rc<[Candidate]> {
    let parts = segments(line, false);
    // A letterhead line starts with a prefix ("CHI BỘ …", "Tên chi bộ: …"); one further
    // into a sentence ("BÁO CÁO CỦA CHI BỘ TRONG NĂM …") is taken only if none does.
    let leading = parts
        .first()
        .is_some_and(|p| p.anchor != Anchor::Start || p.words == ["ten"]);
    let mut found = Vec::new();
    for mut segment in parts {
        let prefix = match segment.anchor {
            Anchor::Prefix(p) => p,
            Anchor::Label => "Chi bộ",
            Anchor::Committee | Anchor::Start => continue,
        };
        let end = cut_at_year(&segment.words);
        if end == 0 || end > 12 {
            continue;
        }
        let written = if end < segment.words.len() {
            first_words(&segment.written, end).unwrap_or_else(|| segment.written.clone())
        } else {
            segment.written.clone()
        };
        segment.words.truncate(end);
        found.push(Candidate {
            leading,
            words: segment.words,
            name: format!("{prefix} {written}"),
        });
    }
    found.into()
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
pub(crate) fn similarity(name: &[String], written: &[String]) -> (f64, usize) {
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
pub(crate) const CLOSE_ENOUGH: f64 = 0.6;

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
    fn keys_and_line_parts_agree() {
        // A heading's words after a prefix are compared with roster keys: both are read alike.
        for name in [
            "Phòng Kế toán",
            "CTY TNHH MTV Xổ số",
            "Trung tâm Y tế dự phòng",
            "P.Tư pháp – Hộ tịch",
            "Xí nghiệp 1 (cũ)",
            "Công  ty cổ\u{a0}phần Đường",
        ] {
            let parts = segments(&format!("Chi bộ {name}"), false);
            let words = parts.last().map(|p| p.words.clone()).unwrap_or_default();
            assert_eq!(words, name_words(name), "{name}");
            assert_eq!(
                name_words(&format!("Chi bộ {name}")),
                name_words(name),
                "{name}"
            );
        }
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
        let inside = segments("CHI BỘ ĐƠN VỊ SỐ 1", false);
        assert_eq!(inside.len(), 1);
        assert_eq!(inside[0].words, s(&["don", "vi", "so", "1"]));
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
        assert_eq!(
            unit(&[
                "CHI BỘ VĂN PHÒNG",
                "BÁO CÁO KẾT QUẢ CỦA CHI BỘ TRONG NĂM 2024"
            ])
            .as_deref(),
            Some("Chi bộ VĂN PHÒNG")
        );
        assert_eq!(unit(&["CHI BỘ ………………"]), None);
        assert_eq!(
            unit(&["ĐẢNG ỦY CÔNG TY X"]),
            None,
            "a committee needs a roster"
        );
    }
}
