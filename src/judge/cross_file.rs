//! The checks across rows and files: unit names spelled as the roster does (rows naming a unit
//! not on it rejected), and registrations of the same model rejected after the first.
//!
//! In: the records of one file ([`name_units`]) or of every file in file order
//! ([`reject_duplicates`]). Out: the records kept, and a finding for each one rejected.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::findings::{Code, Finding};
use crate::judge::roster::{self, Roster};
use crate::recognize::forms;
use crate::recognize::validate::{self, Record, Registration};
use crate::recognize::values::Kind;
use crate::text;

/// Spells each cell name of a file's records as the roster does, rejecting rows whose cell is
/// not on it; without a roster, as a clerk would write it ([`roster::display_name`]). Done file
/// by file, on every core, while other files are still being read: it needs nothing from them.
pub(crate) fn name_units(
    records: &mut Vec<Record>,
    roster: Option<&Roster>,
    findings: &mut Vec<Finding>,
) {
    match roster {
        Some(roster) => match_roster(records, roster, findings),
        None => {
            let (names, of_record) = per_unit_name(records, roster::display_name);
            for (record, &name) in records.iter_mut().zip(&of_record) {
                // Most names are written for display already: they are left as they are.
                if record.unit() != names[name] {
                    record.set_unit(names[name].clone());
                }
            }
        }
    }
}

/// Replaces each cell name with the roster's spelling, and rejects rows whose cell is not on
/// the roster. Roster rows are left alone: they are the roster, or another one.
///
/// The roster is searched once per distinct name, the nearest unit for a hint included:
/// 20,000 rows of a few unknown names cost a few searches, not 20,000.
fn match_roster(records: &mut Vec<Record>, roster: &Roster, findings: &mut Vec<Finding>) {
    let (cells, of_record) = per_unit_name(records, |name| {
        roster
            .find(name)
            .ok_or_else(|| roster.nearest(name).map(|c| c.name.as_str()))
    });
    let mut cell_of_record = of_record.iter().map(|&i| cells[i]);
    records.retain_mut(|record| {
        let cell = cell_of_record.next();
        if matches!(record, Record::Roster(_)) {
            return true;
        }
        match cell {
            Some(Ok(cell)) => {
                record.set_unit(cell.name.clone());
                true
            }
            None | Some(Err(_)) => {
                let hint = cell
                    .and_then(|nearest| nearest.err().flatten())
                    .map(|name| format!(" Có phải là «{name}»?"))
                    .unwrap_or_default();
                let message = format!(
                    "«{}» không có trong danh sách chi bộ: dòng này không được nhận.{hint} Sửa tên chi bộ cho đúng như trong danh sách, hoặc bổ sung chi bộ vào danh sách nếu đó là chi bộ mới",
                    record.unit()
                );
                let finding = record
                    .source()
                    .finding(Code::UnknownCell, message)
                    .column(forms::ColumnRole::Unit.label())
                    .value(record.unit());
                findings.push(finding);
                false
            }
        }
    });
}

/// `look_up` of each distinct cell name of the records, computed in parallel, and for each
/// record the index of its name's result. A consolidated sheet names a few hundred cells over
/// 100,000 rows: each name is folded once, not once per row.
fn per_unit_name<'r, T: Send>(
    records: &'r [Record],
    look_up: impl Fn(&'r str) -> T + Sync + Send,
) -> (Vec<T>, Vec<usize>) {
    let mut index: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut names = Vec::new();
    let of_record = records
        .iter()
        .map(|record| {
            *index.entry(record.unit()).or_insert_with(|| {
                names.push(record.unit());
                names.len() - 1
            })
        })
        .collect();
    (names.into_par_iter().map(look_up).collect(), of_record)
}

/// Committee, unit, year, kind, the model's name and the person's, folded.
type RegistrationKey = (String, String, i32, Kind, String, String);

/// An exemplar's committee, unit, year and name, folded: the key without the person.
type Exemplar<'k> = (&'k str, &'k str, i32, &'k str);

/// The key two registrations are the same model by: cell, year, kind, and the model's name
/// (plus the person's, for individuals: two people may register exemplars of the same name).
fn registration_key(r: &Registration) -> RegistrationKey {
    let person = match r.kind {
        Kind::Individual => r.person.as_deref().map(text::fold).unwrap_or_default(),
        Kind::Collective => String::new(),
    };
    (
        // Two member committees each have their «Chi bộ Văn phòng».
        r.committee.as_deref().map(text::fold).unwrap_or_default(),
        roster::unit_key(&r.unit),
        r.year,
        r.kind,
        text::fold(&r.name),
        person,
    )
}

/// Rejects every registration after the first of the same model, naming where the first is.
pub(crate) fn reject_duplicates(
    mut records: Vec<Record>,
    findings: &mut Vec<Finding>,
) -> Vec<Record> {
    use std::hash::BuildHasher;
    let hasher = foldhash::fast::RandomState::default();
    // Keys and their hashes are computed in parallel; the pass in record order that decides
    // which registration came first only compares them.
    let keys: Vec<Option<(u64, _)>> = records
        .par_iter()
        .map(|r| match r {
            Record::Registration(registration) => {
                let key = registration_key(registration);
                Some((hasher.hash_one(&key), key))
            }
            _ => None,
        })
        .collect();
    let hash_of = |i: &usize| keys.get(*i).and_then(Option::as_ref).map_or(0, |(h, _)| *h);
    let mut first_seen: hashbrown::HashTable<usize> =
        hashbrown::HashTable::with_capacity(records.len());
    // For each duplicate, the position of the first registration of its model.
    let mut first_of: Vec<Option<usize>> = vec![None; records.len()];
    for (i, (hash, key)) in keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((i, k.as_ref()?)))
    {
        let same = |j: &usize| {
            keys.get(*j)
                .and_then(Option::as_ref)
                .is_some_and(|(_, k)| k == key)
        };
        match first_seen.find(*hash, same) {
            Some(&j) => first_of[i] = Some(j),
            None => {
                first_seen.insert_unique(*hash, i, hash_of);
            }
        }
    }
    // An exemplar written without its person («Tận tụy» in a sheet that sums up the others)
    // repeats one of the same name written with it («Tận tụy», Nguyễn Văn An): a blank is no
    // other person. Which came first does not matter: the one that names the person stays.
    // The names with a person are gathered only when some exemplar is written without one.
    let without_person: Vec<(usize, Exemplar<'_>)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, key)| match key {
            Some((_, (committee, unit, year, Kind::Individual, name, person)))
                if person.is_empty() && first_of[i].is_none() =>
            {
                Some((i, (committee.as_str(), unit.as_str(), *year, name.as_str())))
            }
            _ => None,
        })
        .collect();
    if !without_person.is_empty() {
        let mut with_person: HashMap<Exemplar<'_>, usize, foldhash::fast::RandomState> =
            HashMap::default();
        for (i, key) in keys.iter().enumerate() {
            if let Some((_, (committee, unit, year, Kind::Individual, name, person))) = key {
                if !person.is_empty() && first_of[i].is_none() {
                    with_person
                        .entry((committee, unit, *year, name))
                        .or_insert(i);
                }
            }
        }
        for (i, named) in without_person {
            first_of[i] = with_person.get(&named).copied();
        }
    }
    for (record, first) in records.iter().zip(&first_of) {
        let (Record::Registration(registration), Some(first)) =
            (record, first.and_then(|j| records.get(j)))
        else {
            continue;
        };
        findings.push(duplicate_finding(registration, first.source()));
    }
    let mut position = 0;
    records.retain(|_| {
        let first = first_of.get(position).is_none_or(Option::is_none);
        position += 1;
        first
    });
    records
}

/// `duplicate-registration`: the registration repeats the model registered at `first`.
fn duplicate_finding(registration: &Registration, first: &validate::Source) -> Finding {
    let place = if first.path != registration.source.path {
        format!(
            "tệp {}, trang «{}» dòng {}",
            first.path, first.sheet, first.row
        )
    } else if first.sheet != registration.source.sheet {
        format!("trang «{}» dòng {}", first.sheet, first.row)
    } else {
        format!("dòng {}", first.row)
    };
    let message = format!(
        "Mô hình «{}» của {} đã đăng ký ở {place} cho năm {}: dòng trùng không được tính, hãy xóa một trong hai dòng",
        registration.name, registration.unit, registration.year
    );
    registration
        .source
        .model_finding(Code::DuplicateRegistration, message, &registration.name)
}
