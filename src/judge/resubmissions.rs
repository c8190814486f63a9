//! Files sent twice: byte-identical copies (a double download "… (1).xlsx") read once, and a
//! later file of the same unit, year and form that repeats most of an earlier file's models
//! replacing it (issue 15, class 8).
//!
//! In: per file, what it holds ([`Submission`]: its name, its content's fingerprint, its
//! records). Out: each file's [`Fate`], and the records of the files that replace others carry
//! the first submission's dates, so that correcting a detail after the deadline does not make
//! an on-time registration late. Pure functions of their inputs; the pipeline applies them
//! ([`crate::pipeline`]).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::judge::assess::loose_name_key;
use crate::judge::roster;
use crate::recognize::validate::{Dated, Record};
use crate::recognize::values::Kind;
use crate::text;

/// The size of a file's content and two independent 64-bit hashes of it: files with the same
/// fingerprint are taken as byte-identical.
pub type Fingerprint = (u64, u64, u64);

/// One file as the checks across files see it.
#[derive(Debug)]
pub struct Submission<'a> {
    /// The file as shown to users.
    pub path: &'a str,
    /// Its content's fingerprint, when it was read.
    pub fingerprint: Option<Fingerprint>,
    /// Its accepted records.
    pub records: &'a [Record],
}

/// Why a file replaces another: the clerk reads it in the `superseded-file` finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The later file's name says it is a correction or a later version ("bản sửa", "lần 2").
    NameMark(String),
    /// The later file's dates (date line or registration dates) are later.
    LaterDate(NaiveDate, NaiveDate),
    /// The later file was saved later.
    LaterModified,
    /// Nothing tells them apart but the order of their names.
    NameOrder,
}

impl Why {
    /// The reason in Vietnamese, for the finding.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::judge::resubmissions::Why;
    ///
    /// assert_eq!(Why::NameMark("bản sửa".into()).words(), "tên tệp ghi «bản sửa»");
    /// ```
    pub fn words(&self) -> String {
        match self {
            Why::NameMark(mark) => format!("tên tệp ghi «{mark}»"),
            Why::LaterDate(earlier, later) => format!(
                "ngày trên biểu muộn hơn ({} so với {})",
                crate::sheet::format_date(*later),
                crate::sheet::format_date(*earlier)
            ),
            Why::LaterModified => "tệp được lưu sau".to_string(),
            Why::NameOrder => {
                "không phân biệt được bản nào mới hơn, lấy tệp đứng sau theo tên".to_string()
            }
        }
    }
}

/// What becomes of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Read and counted.
    Kept,
    /// The same bytes as the file at this index, which is read instead.
    Duplicate(usize),
    /// Replaced by the file at this index, for this reason.
    Superseded(usize, Why),
}

/// True when a file's name marks it as a copy the system made: "(1)", "- Copy", "Bản sao",
/// "Copy of".
fn copy_mark(path: &str) -> bool {
    let stem = file_stem(path);
    let folded = text::fold(stem);
    let numbered = stem
        .trim_end()
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    numbered || folded.contains("copy") || folded.contains("ban sao")
}

/// The name of the file without its folders and extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// For each file, the index of the copy kept when it has the same bytes as another: the copy
/// whose name has no copy mark ("(1)", "- Copy"), else the first in order.
///
/// # Example
///
/// ```
/// use dvk::judge::resubmissions::duplicate_files;
///
/// let prints = [Some((3, 1, 2)), Some((3, 1, 2)), Some((4, 1, 2)), None];
/// let names = ["vp (1).xlsx", "vp.xlsx", "tt.xlsx", "x.txt"];
/// assert_eq!(duplicate_files(&prints, &names), [Some(1), None, None, None]);
/// ```
pub fn duplicate_files(fingerprints: &[Option<Fingerprint>], paths: &[&str]) -> Vec<Option<usize>> {
    let mut groups: HashMap<Fingerprint, Vec<usize>> = HashMap::new();
    for (i, print) in fingerprints.iter().enumerate() {
        if let Some(print) = print {
            groups.entry(*print).or_default().push(i);
        }
    }
    let mut kept_of = vec![None; fingerprints.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let marked = |i: usize| paths.get(i).is_some_and(|p| copy_mark(p));
        let Some(&kept) = members.iter().min_by_key(|&&i| (marked(i), i)) else {
            continue;
        };
        for &i in members.iter().filter(|&&i| i != kept) {
            kept_of[i] = Some(kept);
        }
    }
    kept_of
}

/// The revision a file's name marks, and the words that mark it: "lần 2", "v2", "ver 3" give
/// their number; "bản sửa", "sửa", "chỉnh sửa", "sửa đổi", "cập nhật", "bản mới", "final" give
/// 1 (or the number after them). No mark gives 0.
///
/// # Example
///
/// ```
/// use dvk::judge::resubmissions::revision_mark;
///
/// assert_eq!(revision_mark("2024/vp (bản sửa).xlsx"), (1, Some("bản sửa".to_string())));
/// assert_eq!(revision_mark("vp_lan_2.xlsx"), (2, Some("lan 2".to_string())));
/// assert_eq!(revision_mark("VP v3.xlsx"), (3, Some("v3".to_string())));
/// assert_eq!(revision_mark("van phong.xlsx"), (0, None));
/// ```
pub fn revision_mark(path: &str) -> (u32, Option<String>) {
    let stem = file_stem(path);
    // Words as written (for the message) and folded (to compare), split alike.
    let written: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c))
        .filter(|w| !w.is_empty())
        .collect();
    let folded: Vec<String> = written.iter().map(|w| text::fold(w)).collect();
    let number = |i: usize| folded.get(i).and_then(|w| w.parse::<u32>().ok());
    let mut best: (u32, Option<String>) = (0, None);
    let mut consider = |rank: u32, from: usize, to: usize| {
        if rank > best.0 {
            best = (rank, Some(written[from..to].join(" ")));
        }
    };
    for (i, word) in folded.iter().enumerate() {
        // "v2", "ver3", "l2" written together.
        for prefix in ["ver", "v", "lan"] {
            if let Some(n) = word
                .strip_prefix(prefix)
                .filter(|rest| !rest.is_empty())
                .and_then(|rest| rest.parse::<u32>().ok())
            {
                consider(n.max(1), i, i + 1);
            }
        }
        match word.as_str() {
            "lan" | "ver" | "v" | "version" => {
                if let Some(n) = number(i + 1) {
                    consider(n, i, i + 2);
                }
            }
            "sua" | "capnhat" | "final" => match number(i + 1) {
                Some(n) => consider(n, i, i + 2),
                None => consider(1, start_of_phrase(&folded, i), i + 1),
            },
            "cap" if folded.get(i + 1).is_some_and(|w| w == "nhat") => consider(1, i, i + 2),
            "moi" if i > 0 && folded[i - 1] == "ban" => consider(1, i - 1, i + 1),
            _ => {}
        }
    }
    best
}

/// Where the phrase ending in "sửa" starts: "bản sửa", "chỉnh sửa", "đã sửa".
fn start_of_phrase(folded: &[String], i: usize) -> usize {
    match i.checked_sub(1).and_then(|j| folded.get(j)) {
        Some(w) if matches!(w.as_str(), "ban" | "chinh" | "da") => i - 1,
        _ => i,
    }
}

/// A model as resubmissions compare them: its kind (when known) and its name's loose key.
type ModelKey = (Option<Kind>, String);

fn model_key(record: &Record) -> Option<ModelKey> {
    match record {
        Record::Registration(r) => Some((Some(r.kind), loose_name_key(&r.name))),
        Record::SelfAssessment(a) => Some((a.kind, loose_name_key(&a.name))),
        _ => None,
    }
}

/// The unit, year and form every record of a file shares, or `None` (a consolidated list of
/// several units or years, a roster, a decision sheet, nothing accepted).
fn group_key(records: &[Record]) -> Option<(String, i32, bool)> {
    let first = records.first()?;
    let form = match first {
        Record::Registration(_) => true,
        Record::SelfAssessment(_) => false,
        _ => return None,
    };
    let (unit, year) = (first.unit(), first.year()?);
    let same = records.iter().all(|r| {
        r.unit() == unit
            && r.year() == Some(year)
            && matches!(
                (r, form),
                (Record::Registration(_), true) | (Record::SelfAssessment(_), false)
            )
    });
    same.then(|| (roster::unit_key(unit), year, form))
}

/// The latest date of a file's records (their own dates or the form's date line).
fn latest_date(records: &[Record]) -> Option<NaiveDate> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Registration(r) => r.date.as_ref().map(|d| d.date),
            Record::SelfAssessment(a) => a.date.as_ref().map(|d| d.date),
            _ => None,
        })
        .max()
}

/// A file of a group, with what orders it among the others.
struct Candidate {
    /// Its index among all files.
    index: usize,
    /// The revision its name marks ([`revision_mark`]).
    rank: u32,
    /// The words that mark it.
    mark: Option<String>,
    /// The latest date on the form.
    date: Option<NaiveDate>,
    /// When it was saved, if asked.
    modified: Option<std::time::SystemTime>,
}

/// Whether `later` replaces `earlier`: it repeats more than half of `earlier`'s models.
fn repeats_most(earlier: &[ModelKey], later: &[ModelKey]) -> bool {
    let repeated = earlier.iter().filter(|k| later.contains(k)).count();
    !earlier.is_empty() && repeated * 2 > earlier.len()
}

/// For each file, whether a later file of the same unit, year and form replaces it: the files
/// of a group are put in order (the name's revision mark, then the latest date on the form,
/// then `modified`, then the order of names), and each replaces every earlier file still in
/// force whose models it mostly repeats (more than half); a file that only adds new models
/// adds to them. `modified` is asked only for files that need it.
///
/// # Example
///
/// ```
/// use dvk::judge::resubmissions::{superseded_files, Fate, Submission};
///
/// let none: Vec<Submission> = Vec::new();
/// assert!(superseded_files(&none, |_| None).is_empty());
/// ```
pub fn superseded_files(
    files: &[Submission<'_>],
    modified: impl Fn(usize) -> Option<std::time::SystemTime>,
) -> Vec<Fate> {
    let mut fates = vec![Fate::Kept; files.len()];
    let mut groups: HashMap<(String, i32, bool), Vec<usize>> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        if let Some(key) = group_key(file.records) {
            groups.entry(key).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    for members in groups {
        let info: Vec<Candidate> = members
            .iter()
            .map(|&i| {
                let (rank, mark) = revision_mark(files[i].path);
                Candidate {
                    index: i,
                    rank,
                    mark,
                    date: latest_date(files[i].records),
                    modified: modified(i),
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..info.len()).collect();
        order.sort_by_key(|&a| {
            let c = &info[a];
            (c.rank, c.date, c.modified, c.index)
        });
        let keys: Vec<Vec<ModelKey>> = info
            .iter()
            .map(|c| {
                files[c.index]
                    .records
                    .iter()
                    .filter_map(model_key)
                    .collect()
            })
            .collect();
        let mut in_force: Vec<usize> = Vec::new();
        for &later in &order {
            in_force.retain(|&earlier| {
                if !repeats_most(&keys[earlier], &keys[later]) {
                    return true;
                }
                let (e, l) = (&info[earlier], &info[later]);
                let why = match (e.date, l.date) {
                    _ if l.rank > e.rank => Why::NameMark(l.mark.clone().unwrap_or_default()),
                    (Some(ed), Some(ld)) if ld > ed => Why::LaterDate(ed, ld),
                    _ if e.modified.is_some() && l.modified > e.modified => Why::LaterModified,
                    _ => Why::NameOrder,
                };
                fates[e.index] = Fate::Superseded(l.index, why);
                false
            });
            in_force.push(later);
        }
    }
    fates
}

/// Gives the later file's records the first submission's dates: a model that `earlier` holds
/// with an earlier date keeps that date, so a correction sent after the deadline does not make
/// an on-time registration late.
///
/// # Example
///
/// ```
/// use dvk::judge::resubmissions::carry_first_dates;
///
/// let mut later = Vec::new();
/// carry_first_dates(&[], &mut later);
/// assert!(later.is_empty());
/// ```
pub fn carry_first_dates(earlier: &[Record], later: &mut [Record]) {
    let mut first: HashMap<ModelKey, &Dated> = HashMap::new();
    for record in earlier {
        let dated = match record {
            Record::Registration(r) => r.date.as_ref(),
            Record::SelfAssessment(a) => a.date.as_ref(),
            _ => None,
        };
        if let (Some(key), Some(dated)) = (model_key(record), dated) {
            let slot = first.entry(key).or_insert(dated);
            if dated.date < slot.date {
                *slot = dated;
            }
        }
    }
    if first.is_empty() {
        return;
    }
    for record in later {
        let Some(key) = model_key(record) else {
            continue;
        };
        let Some(&first) = first.get(&key) else {
            continue;
        };
        let date = match record {
            Record::Registration(r) => &mut r.date,
            Record::SelfAssessment(a) => &mut a.date,
            _ => continue,
        };
        if date.as_ref().is_none_or(|d| first.date < d.date) {
            *date = Some(first.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::validate::{Registration, Source};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn reg(path: &str, unit: &str, name: &str, on: NaiveDate) -> Record {
        Record::Registration(Registration {
            source: Source {
                path: path.into(),
                sheet: "DS".into(),
                row: 5,
            },
            unit: unit.into(),
            year: 2024,
            kind: Kind::Collective,
            name: name.into(),
            person: None,
            position: None,
            domain: None,
            unknown_field: None,
            sub_unit: None,
            committee: None,
            reported: None,
            date: Some(Dated {
                date: on,
                column: Some("Ngày đăng ký".into()),
                received: false,
            }),
        })
    }

    #[test]
    fn copy_marks_and_revision_marks() {
        assert!(copy_mark("2024/vp (1).xlsx"));
        assert!(copy_mark("vp - Copy.xlsx"));
        assert!(copy_mark("Bản sao của vp.xlsx"));
        assert!(!copy_mark("vp.xlsx"));
        assert!(!copy_mark("vp (bản sửa).xlsx"));
        for (name, rank) in [
            ("vp (bản sửa).xlsx", 1),
            ("vp_sua.xlsx", 1),
            ("VP - chỉnh sửa.xlsx", 1),
            ("vp lần 2.xlsx", 2),
            ("vp_LAN3.xls", 3),
            ("vp-v2.xlsx", 2),
            ("vp ver 4.xlsx", 4),
            ("vp sửa lần 2.xlsx", 2),
            ("vp cập nhật.xlsx", 1),
            ("vp bản mới.xlsx", 1),
            ("vp.xlsx", 0),
            ("Van phong 2024.xlsx", 0),
            ("vivu.xlsx", 0),
        ] {
            assert_eq!(revision_mark(name).0, rank, "{name}");
        }
    }

    #[test]
    fn a_correction_replaces_the_original_and_an_addition_adds() {
        let original = [
            reg("vp.xlsx", "Văn phòng", "Một cửa", date(2024, 2, 5)),
            reg("vp.xlsx", "Văn phòng", "Gần dân", date(2024, 2, 5)),
        ];
        let corrected = [
            reg(
                "vp (bản sửa).xlsx",
                "Văn phòng",
                "Một cửa thân thiện",
                date(2024, 3, 1),
            ),
            reg(
                "vp (bản sửa).xlsx",
                "Văn phòng",
                "Gần dân",
                date(2024, 3, 1),
            ),
            reg(
                "vp (bản sửa).xlsx",
                "Văn phòng",
                "Một cửa",
                date(2024, 3, 1),
            ),
        ];
        let added = [reg(
            "vp bổ sung.xlsx",
            "Văn phòng",
            "Sổ tay",
            date(2024, 3, 2),
        )];
        let other = [reg("tt.xlsx", "Thanh tra", "Một cửa", date(2024, 2, 5))];
        let files = [
            Submission {
                path: "vp.xlsx",
                fingerprint: None,
                records: &original,
            },
            Submission {
                path: "vp (bản sửa).xlsx",
                fingerprint: None,
                records: &corrected,
            },
            Submission {
                path: "vp bổ sung.xlsx",
                fingerprint: None,
                records: &added,
            },
            Submission {
                path: "tt.xlsx",
                fingerprint: None,
                records: &other,
            },
        ];
        let fates = superseded_files(&files, |_| None);
        assert_eq!(
            fates,
            [
                Fate::Superseded(1, Why::NameMark("bản sửa".into())),
                Fate::Kept,
                Fate::Kept,
                Fate::Kept
            ]
        );
        // The dates of the first submission stay with the models it held.
        let mut later = corrected.to_vec();
        carry_first_dates(&original, &mut later);
        let dates: Vec<Option<NaiveDate>> = later
            .iter()
            .map(|r| match r {
                Record::Registration(r) => r.date.as_ref().map(|d| d.date),
                _ => None,
            })
            .collect();
        assert_eq!(
            dates,
            [
                Some(date(2024, 3, 1)),
                Some(date(2024, 2, 5)),
                Some(date(2024, 2, 5))
            ]
        );
    }

    #[test]
    fn without_a_mark_the_later_date_then_the_later_save_decides() {
        let a = [reg("a.xlsx", "VP", "Một cửa", date(2024, 2, 20))];
        let b = [reg("b.xlsx", "VP", "Một cửa", date(2024, 2, 5))];
        let files = [
            Submission {
                path: "a.xlsx",
                fingerprint: None,
                records: &a,
            },
            Submission {
                path: "b.xlsx",
                fingerprint: None,
                records: &b,
            },
        ];
        assert_eq!(
            superseded_files(&files, |_| None),
            [
                Fate::Kept,
                Fate::Superseded(0, Why::LaterDate(date(2024, 2, 5), date(2024, 2, 20)))
            ]
        );
        let c = [reg("c.xlsx", "VP", "Một cửa", date(2024, 2, 5))];
        let files = [
            Submission {
                path: "b.xlsx",
                fingerprint: None,
                records: &b,
            },
            Submission {
                path: "c.xlsx",
                fingerprint: None,
                records: &c,
            },
        ];
        let saved =
            |i: usize| Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(10 - i as u64));
        assert_eq!(
            superseded_files(&files, saved),
            [Fate::Kept, Fate::Superseded(0, Why::LaterModified)]
        );
    }
}
