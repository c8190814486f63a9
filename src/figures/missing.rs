//! `dvk missing`: for a cycle year, what each roster cell still lacks as of a date — pending
//! before a deadline, overdue after it — for the office's reminder list (danh sách đôn đốc).

use chrono::NaiveDate;
use serde::Serialize;

use crate::findings::Code;
use crate::judge::assess::{self, Model};
use crate::judge::roster::{self, Roster};
use crate::recognize::validate::Registration;
use crate::rules::{Deadline, Rules};

/// Whether a missing item is still within its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    /// The deadline has not passed: still pending.
    Pending,
    /// The deadline has passed.
    Overdue,
}

/// One thing a cell lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingItem {
    /// The finding code of what is missing.
    pub code: Code,
    /// What is missing, in Vietnamese.
    pub detail: String,
    /// The deadline, as a clerk reads it ("10/10/2018", "trước ngày 26/02/2024").
    pub deadline: String,
    /// The last day that is on time, `YYYY-MM-DD`.
    pub last_day: String,
    /// Pending or overdue.
    pub status: Urgency,
    /// Days left (pending) or days overdue (overdue).
    pub days: i64,
}

/// A roster cell that lacks something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingUnit {
    /// The roster's spelling.
    #[serde(rename = "cell")]
    pub unit: String,
    /// The codes of what is missing, as docs/json.md lists them.
    pub codes: Vec<Code>,
    /// The cell's secretary, where the roster names one.
    pub secretary: Option<String>,
    /// The cell's telephone, where the roster gives one.
    pub phone: Option<String>,
    /// Each missing thing with its deadline.
    pub items: Vec<MissingItem>,
}

/// The answer of `dvk missing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingReport {
    /// The cycle year.
    pub year: i32,
    /// The date judged by, `YYYY-MM-DD`.
    pub as_of: String,
    /// How many units the roster has.
    #[serde(rename = "roster_cells")]
    pub roster_units: usize,
    /// Which rule was applied, in Vietnamese.
    pub rule: String,
    /// Only the units that lack something, in roster order.
    #[serde(rename = "cells")]
    pub units: Vec<MissingUnit>,
}

impl MissingReport {
    /// True when some unit has something past its deadline (`dvk missing` then exits 1).
    pub(crate) fn has_overdue(&self) -> bool {
        self.units
            .iter()
            .flat_map(|unit| &unit.items)
            .any(|item| item.status == Urgency::Overdue)
    }
}

fn item(code: Code, detail: String, due: &Deadline, as_of: NaiveDate) -> MissingItem {
    let (status, days) = match due.days_late(as_of) {
        Some(days) => (Urgency::Overdue, days),
        None => (Urgency::Pending, (due.last_day() - as_of).num_days()),
    };
    MissingItem {
        code,
        detail,
        deadline: due.describe(),
        last_day: due.last_day().to_string(),
        status,
        days,
    }
}

/// What each roster cell lacks for cycle year `year` as of `as_of`: registrations against the
/// quotas (pending before the deadline, overdue after), and the self-assessments of its
/// registered models once they are due. `models` are those a check judged
/// ([`crate::pipeline::check_report::CheckReport::models`]).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::figures::missing::{missing, Urgency};
/// use dvk::judge::roster::Roster;
/// use dvk::rules::Rules;
///
/// let roster = Roster::from_names(["Chi bộ Văn phòng"]);
/// let as_of = NaiveDate::from_ymd_opt(2018, 10, 5).unwrap();
/// let report = missing(&[], &roster, &Rules::builtin(), 2018, as_of);
/// let item = &report.units[0].items[0];
/// assert_eq!(item.status, Urgency::Pending);
/// assert_eq!(item.days, 5);
/// ```
pub fn missing(
    models: &[Model],
    roster: &Roster,
    rules: &Rules,
    year: i32,
    as_of: NaiveDate,
) -> MissingReport {
    let rule = rules.for_year(year);
    // The models are the judged registrations of a check: nothing is judged again here.
    let registrations: Vec<&Registration> = models
        .iter()
        .map(|m| &m.registration)
        .filter(|r| r.year == year)
        .collect();
    let gaps = assess::quota_gaps(roster, &registrations, &rule);
    let sa_due = rule.self_assessment_due;
    let unassessed: Vec<&Model> = models
        .iter()
        .filter(|m| m.registration.year == year && !m.self_assessed())
        .collect();
    let mut unassessed_by_cell: std::collections::HashMap<String, Vec<&Model>> =
        std::collections::HashMap::new();
    for model in &unassessed {
        unassessed_by_cell
            .entry(roster::unit_key(&model.registration.unit))
            .or_default()
            .push(model);
    }
    let mut cells = Vec::new();
    for cell in roster.units() {
        let mut items: Vec<MissingItem> = gaps
            .iter()
            .filter(|g| g.unit == cell.name)
            .map(|g| item(g.code, g.detail.clone(), &rule.registration_due, as_of))
            .collect();
        if sa_due.days_late(as_of).is_some() {
            let of_cell = unassessed_by_cell.get(cell.key());
            for model in of_cell.into_iter().flatten() {
                let detail = format!(
                    "Chưa gửi tự đánh giá mô hình «{}» ({})",
                    model.registration.name,
                    model.registration.kind.label().to_lowercase()
                );
                items.push(item(Code::MissingSelfAssessment, detail, &sa_due, as_of));
            }
        }
        if items.is_empty() {
            continue;
        }
        let mut codes: Vec<Code> = items.iter().map(|i| i.code).collect();
        codes.dedup();
        cells.push(MissingUnit {
            unit: cell.name.clone(),
            codes,
            secretary: cell.secretary.clone(),
            phone: cell.phone.clone(),
            items,
        });
    }
    MissingReport {
        year,
        as_of: as_of.to_string(),
        roster_units: roster.units().len(),
        rule: format!(
            "{}: đăng ký hạn {}, tự đánh giá hạn {}",
            rule.source,
            rule.registration_due.describe(),
            rule.self_assessment_due.describe()
        ),
        units: cells,
    }
}

/// "quá hạn 81 ngày", "còn 5 ngày", "hạn chót hôm nay".
pub(crate) fn when_words(item: &MissingItem) -> String {
    match (item.status, item.days) {
        (Urgency::Overdue, days) => format!("quá hạn {days} ngày"),
        (Urgency::Pending, 0) => "hạn chót hôm nay".to_string(),
        (Urgency::Pending, days) => format!("còn {days} ngày"),
    }
}
