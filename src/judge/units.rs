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
use crate::judge::names::{
    name_words, segments, similarity, unit_in_heading, Anchor, Segment, CLOSE_ENOUGH,
};
use crate::judge::roster::Roster;
use crate::recognize::validate::Record;

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
    /// The heading names a unit by its prefix ("CHI BỘ PHÒNG X"), but no unit of the roster
    /// is close to it, nor to the file's or folder's name: a unit not on the roster, or one
    /// misnamed beyond recognition. The rows take the name as written, and each is then
    /// `unknown-cell` with the roster's nearest name, as a row naming that unit would be.
    Unlisted {
        /// The name as the heading writes it, with its prefix ("Chi bộ PHÒNG X").
        written: String,
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

    /// The name given to the rows that do not name their unit: the settled unit's, or the
    /// name an [`SheetUnit::Unlisted`] heading writes (which the roster then rejects, row by
    /// row, with its nearest name).
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::judge::units::SheetUnit;
    ///
    /// let unlisted = SheetUnit::Unlisted { written: "Chi bộ PHÒNG MỚI".into() };
    /// assert_eq!(unlisted.unit(), None);
    /// assert_eq!(unlisted.rows_unit(), Some("Chi bộ PHÒNG MỚI"));
    /// assert_eq!(SheetUnit::Unnamed.rows_unit(), None);
    /// ```
    pub fn rows_unit(&self) -> Option<&str> {
        match self {
            SheetUnit::Unlisted { written } => Some(written),
            other => other.unit(),
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
        // Nothing the roster knows; but a heading that names a unit by its prefix is not
        // blank, and its rows are not "of no unit": they are of a unit the roster lacks.
        unit_in_heading(title_lines, &self.committees).map_or(SheetUnit::Unnamed, |written| {
            SheetUnit::Unlisted { written }
        })
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
        // A unit the roster lacks: named, not blank.
        assert_eq!(
            unit(&[
                "ĐẢNG BỘ KHỐI DOANH NGHIỆP TỈNH",
                "CHI BỘ BAN QUẢN LÝ CẢNG CÁ"
            ]),
            SheetUnit::Unlisted {
                written: "Chi bộ BAN QUẢN LÝ CẢNG CÁ".into()
            }
        );
        assert_eq!(unit(&["CHI BỘ ……"]), SheetUnit::Unnamed);
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
