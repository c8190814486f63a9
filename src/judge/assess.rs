//! Judging the accepted rows against the rules of each cycle year: registration deadlines,
//! self-assessments matched to their registrations, quotas per cell, and each model's status on
//! the road to recognition.
//!
//! Everything here is a pure function of typed records, the rules and the date to judge by
//! (`as_of`), so each rule is tested without files.

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::findings::{Code, Finding};
use crate::judge::roster::{self, Roster};
use crate::recognize::forms::ColumnRole;
use crate::recognize::validate::{Dated, Decision, Record, Registration, SelfAssessment, Source};
use crate::recognize::values::{Kind, VoteShare};
use crate::rules::{CycleRule, Deadline, Rules, SettledRules};
use crate::text;

/// Where a model stands on the road to recognition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Registered; no self-assessment yet.
    Registered,
    /// Self-assessed, but some principle of recognition is not met (see the reasons).
    SelfAssessed,
    /// Self-assessed and meets every principle: may be recognized.
    Eligible,
    /// The committee's decision recognizes it.
    Recognized,
    /// The committee's decision does not recognize it.
    NotRecognized,
}

impl Status {
    /// The Vietnamese name shown to clerks.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::judge::assess::Status;
    ///
    /// assert_eq!(Status::Eligible.label(), "đủ điều kiện công nhận");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Status::Registered => "đã đăng ký",
            Status::SelfAssessed => "đã tự đánh giá",
            Status::Eligible => "đủ điều kiện công nhận",
            Status::Recognized => "được công nhận",
            Status::NotRecognized => "không được công nhận",
        }
    }

    /// The status a label names ([`Status::label`], case and diacritics aside): how a member
    /// committee's report states it.
    pub(crate) fn from_label(label: &str) -> Option<Status> {
        let folded = crate::text::fold(label.trim());
        [
            Status::Registered,
            Status::SelfAssessed,
            Status::Eligible,
            Status::Recognized,
            Status::NotRecognized,
        ]
        .into_iter()
        .find(|status| crate::text::fold(status.label()) == folded)
    }
}

/// One registered model with its self-assessment (if any) and its status.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The registration.
    pub registration: Registration,
    /// The matching self-assessment (boxed: most models of a consolidated list have none, and
    /// a hundred thousand models are held at once).
    pub assessment: Option<Box<SelfAssessment>>,
    /// Where it stands.
    pub status: Status,
    /// Why it is not further along (principles not met), in Vietnamese.
    pub reasons: Vec<String>,
    /// True when registered after the deadline.
    pub late: bool,
    /// The commendation (khen thưởng), from the committee's decision or the report.
    pub commendation: Option<String>,
}

impl Model {
    /// True when the model has a self-assessment: paired here, or stated by the member
    /// committee's report it was read back from.
    pub fn self_assessed(&self) -> bool {
        self.assessment.is_some()
            || self
                .registration
                .reported
                .as_ref()
                .is_some_and(|r| r.self_assessed)
    }
}

/// Everything judged about the accepted rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Judgement {
    /// Findings of the rules (late, unregistered, missing, quotas).
    pub findings: Vec<Finding>,
    /// Every accepted registration, with its status, in reading order.
    pub models: Vec<Model>,
}

/// Judges every accepted record. `roster`, when given, is checked for quotas in every cycle year
/// that appears in the records; quotas are only broken once the deadline has passed `as_of`.
/// A date after both `as_of` and `today` has not happened yet (`future-date`): a date between
/// a past `as_of` and today is a file received since, not a typo.
/// The records are moved into the models rather than copied: a consolidated report holds a
/// hundred thousand of them.
///
/// # Example
///
/// ```
/// use dvk::judge::assess::judge;
/// use dvk::rules::Rules;
///
/// let day = chrono::NaiveDate::MIN;
/// let judgement = judge(Vec::new(), &Rules::builtin(), day, day, None);
/// assert!(judgement.findings.is_empty());
/// ```
pub fn judge(
    records: Vec<Record>,
    rules: &Rules,
    as_of: NaiveDate,
    today: NaiveDate,
    roster: Option<(&Roster, &str)>,
) -> Judgement {
    let years = Record::years(&records);
    let count = |f: fn(&Record) -> bool| records.iter().filter(|r| f(r)).count();
    let mut registrations = Vec::with_capacity(count(|r| matches!(r, Record::Registration(_))));
    let mut assessments = Vec::with_capacity(count(|r| matches!(r, Record::SelfAssessment(_))));
    let mut decisions = Vec::new();
    for record in records {
        match record {
            Record::Registration(r) => registrations.push(r),
            Record::SelfAssessment(a) => assessments.push(a),
            Record::Decision(d) => decisions.push(d),
            Record::Roster(_) => {}
        }
    }
    let rules = rules.settle(&years);
    let (findings, pairs, decided) = judge_findings(
        &registrations,
        &assessments,
        &decisions,
        &rules,
        (as_of, as_of.max(today)),
        roster.map(|roster| (roster, years.as_slice())),
    );
    // Each self-assessment goes to at most one registration: it is moved there.
    let mut assessments: Vec<Option<Box<SelfAssessment>>> =
        assessments.into_iter().map(|a| Some(Box::new(a))).collect();
    let paired: Vec<Option<Box<SelfAssessment>>> = pairs
        .into_iter()
        .map(|(_, a)| a.and_then(|a| assessments.get_mut(a).and_then(Option::take)))
        .collect();
    let decisions: &[Decision] = &decisions;
    let models = registrations
        .into_par_iter()
        .zip(paired)
        .zip(decided)
        .map(|((registration, assessment), (_, decision))| {
            let rule = rules.get(registration.year);
            let decision = decision.and_then(|d| decisions.get(d));
            model(registration, assessment, decision, &rule)
        })
        .collect();
    Judgement { findings, models }
}

/// Which self-assessment (or decision) each registration was paired with, by index.
type Pairs = Vec<(usize, Option<usize>)>;

/// The findings of the rules, in a stable order (registrations, self-assessments, decisions,
/// missing self-assessments, quotas), and the pairings they were judged on. Each record is
/// judged on its own, in parallel; rayon's ordered collect keeps record order whatever the
/// scheduling.
fn judge_findings(
    registrations: &[Registration],
    assessments: &[SelfAssessment],
    decisions: &[Decision],
    rules: &SettledRules,
    (as_of, horizon): (NaiveDate, NaiveDate),
    roster: Option<((&Roster, &str), &[i32])>,
) -> (Vec<Finding>, Pairs, Pairs) {
    let registrations: Vec<&Registration> = registrations.iter().collect();
    let assessments: Vec<&SelfAssessment> = assessments.iter().collect();
    let decisions: Vec<&Decision> = decisions.iter().collect();
    let mut findings: Vec<Finding> = registrations
        .par_iter()
        .filter_map(|registration| {
            let rule = rules.get(registration.year);
            registration_timing(registration, &rule.registration_due, horizon)
        })
        .collect();
    let pairs = match_assessments(&registrations, &assessments);
    let matched = matched_flags(&pairs, assessments.len());
    let by_unit = RegisteredNames::new(&registrations, &matched, &decisions);
    let assessment_findings: Vec<Finding> = assessments
        .par_iter()
        .zip(&matched)
        .flat_map_iter(|(assessment, &matched)| {
            let rule = rules.get(assessment.year);
            let late = assessment_timing(assessment, &rule.self_assessment_due, horizon);
            late.into_iter()
                .chain((!matched).then(|| unregistered(*assessment, by_unit.nearest(*assessment))))
        })
        .collect();
    findings.extend(assessment_findings);
    let decided = match_assessments(&registrations, &decisions);
    let decision_matched = matched_flags(&decided, decisions.len());
    for (index, decision) in decisions.iter().enumerate() {
        if !decision_matched[index] {
            findings.push(unregistered(*decision, by_unit.nearest(*decision)));
        }
    }
    let missing: Vec<Finding> = pairs
        .par_iter()
        .filter(|(_, assessment)| assessment.is_none())
        .filter_map(|&(index, _)| {
            let registration = registrations[index];
            // A member committee's report that says it was self-assessed.
            if registration
                .reported
                .as_ref()
                .is_some_and(|r| r.self_assessed)
            {
                return None;
            }
            let due = rules.get(registration.year).self_assessment_due;
            due.days_late(as_of)
                .map(|_| missing_assessment(registration, &due))
        })
        .collect();
    findings.extend(missing);
    if let Some(((roster, roster_path), years)) = roster {
        for &year in years {
            let rule = rules.get(year);
            if rule.registration_due.days_late(as_of).is_none() {
                continue; // still open: nothing is missing yet, only pending
            }
            let gaps = quota_gaps(roster, &registrations, &rule);
            let found: Vec<Finding> = gaps
                .par_iter()
                .map(|gap| gap.finding(roster_path, year, &rule.registration_due))
                .collect();
            findings.extend(found);
        }
    }
    (findings, pairs, decided)
}

/// A registration after its deadline (`late-registration`), or with no date at all
/// (`missing-date`, a warning: lateness is never judged from file timestamps), or dated after
/// `horizon` (`future-date`, a warning: the later of the day judged by and today, a day that
/// has not come yet). A late or future date that would be on time with its day and month
/// swapped says so.
///
/// # Example
///
/// ```
/// use dvk::judge::assess::registration_timing;
/// use dvk::rules::Rules;
///
/// // A registration without a date gets a warning, whatever the rule.
/// # let registration = dvk::recognize::validate::Registration {
/// #     source: dvk::recognize::validate::Source { path: "a.xlsx".into(), sheet: "DS".into(), row: 7 },
/// #     unit: "Chi bộ Văn phòng".into(), year: 2018, kind: dvk::recognize::values::Kind::Collective,
/// #     name: "Một cửa".into(), person: None, position: None, domain: None, unknown_field: None, date: None,
/// #     sub_unit: None, committee: None, reported: None,
/// # };
/// let rule = Rules::builtin().for_year(2018);
/// let as_of = chrono::NaiveDate::from_ymd_opt(2018, 12, 30).unwrap();
/// let finding = registration_timing(&registration, &rule.registration_due, as_of).unwrap();
/// assert_eq!(finding.code, dvk::findings::Code::MissingDate);
/// ```
pub fn registration_timing(
    registration: &Registration,
    due: &Deadline,
    horizon: NaiveDate,
) -> Option<Finding> {
    let source = &registration.source;
    let Some(dated) = &registration.date else {
        let message = format!(
            "Không có ngày đăng ký (không có cột ngày và không có dòng «…, ngày … tháng … năm …»): không xác định được đúng hạn hay muộn so với hạn {}. Ghi ngày vào cột «Ngày đăng ký» hoặc thêm dòng ngày tháng cuối biểu",
            due.describe()
        );
        return Some(source.finding(Code::MissingDate, message));
    };
    late(
        source,
        Code::LateRegistration,
        "Đăng ký muộn",
        dated,
        due,
        horizon,
    )
}

/// The date with its day and month swapped, when that is another real date (a day of 12 or
/// less, not equal to the month): 02/05/2024 gives 05/02/2024.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::judge::assess::swapped_day_month;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(swapped_day_month(d(2024, 5, 2)), Some(d(2024, 2, 5)));
/// assert_eq!(swapped_day_month(d(2024, 5, 13)), None);
/// assert_eq!(swapped_day_month(d(2024, 5, 5)), None);
/// ```
pub fn swapped_day_month(date: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let (day, month) = (date.day(), date.month());
    if day > 12 || day == month {
        return None;
    }
    NaiveDate::from_ymd_opt(date.year(), day, month)
}

/// What a clerk should check about a date read from a cell: after `horizon` (a day that has
/// not come yet), and whether it would be on time with day and month swapped. Empty when
/// nothing is odd. A date from the form's date line ("ngày … tháng … năm …", words) is never
/// swapped.
fn date_doubts(dated: &Dated, due: &Deadline, horizon: NaiveDate) -> Vec<String> {
    let mut doubts = Vec::new();
    if dated.date > horizon {
        doubts.push(format!(
            "ngày {} còn sau ngày {}",
            crate::sheet::format_date(dated.date),
            crate::sheet::format_date(horizon)
        ));
    }
    let swapped = dated
        .column
        .as_ref()
        .and_then(|_| swapped_day_month(dated.date))
        .filter(|s| due.days_late(*s).is_none() && *s <= horizon);
    if let Some(swapped) = swapped {
        if due.days_late(dated.date).is_some() || dated.date > horizon {
            doubts.push(format!(
                "có thể ngày và tháng bị đảo: nếu là ngày {} thì đúng hạn",
                crate::sheet::format_date(swapped)
            ));
        }
    }
    doubts
}

/// A date this many days before its deadline is not one a unit wrote for that year's
/// cycle (`early-date`): registrations come in the weeks before the deadline, and a unit
/// that registered early did so in the year before at the earliest.
const EARLY_DAYS: u64 = 730;

/// Where a finding on a date taken from the receipt log points: the log's column.
pub const RECEIVED_COLUMN: &str = "Ngày nhận (sổ nhận hồ sơ)";

/// A finding when `dated` is after the deadline: "<what> N ngày so với hạn …", on the date's
/// column (or the date line) with the date as the value; or, on time but dated after
/// `horizon`, a `future-date` warning. Either names a swap of day and month that would be on
/// time.
fn late(
    source: &Source,
    code: Code,
    what: &str,
    dated: &Dated,
    due: &Deadline,
    horizon: NaiveDate,
) -> Option<Finding> {
    let doubts = date_doubts(dated, due, horizon);
    let long_before = due.date - chrono::Days::new(EARLY_DAYS);
    let (code, message) = match due.days_late(dated.date) {
        None if dated.date < long_before => {
            let message = format!(
                "Ngày {} sớm hơn hai năm so với hạn {}: thường là gõ nhầm năm, hoặc cột ngày chỉ ghi một con số. Kiểm tra lại ngày",
                crate::sheet::format_date(dated.date),
                due.words_in_finding()
            );
            (Code::EarlyDate, message)
        }
        Some(days) => {
            let mut message = format!("{what} {days} ngày so với hạn {}", due.words_in_finding());
            if dated.received {
                message.push_str(&format!(
                    " (biểu không ghi ngày và không có dòng ngày tháng: tính theo ngày nhận hồ sơ {} ghi trong sổ nhận hồ sơ)",
                    crate::sheet::format_date(dated.date)
                ));
            }
            if !doubts.is_empty() {
                message.push_str(&format!(" ({}): kiểm tra lại ngày", doubts.join("; ")));
            }
            (code, message)
        }
        None if !doubts.is_empty() => {
            let mut doubts = doubts;
            let first = doubts.remove(0);
            let rest = doubts.iter().map(|d| format!("; {d}")).collect::<String>();
            let message = format!("Ngày chưa tới: {first}{rest}. Kiểm tra lại ngày (thường là gõ nhầm ngày, tháng hoặc năm)");
            (Code::FutureDate, message)
        }
        None => return None,
    };
    let column = match (&dated.column, dated.received) {
        (Some(column), _) => column.clone(),
        (None, true) => RECEIVED_COLUMN.to_string(),
        (None, false) => "Dòng ngày tháng cuối biểu".to_string(),
    };
    Some(
        source
            .finding(code, message)
            .column(column)
            .value(crate::sheet::format_date(dated.date)),
    )
}

/// Which of `count` reports a matching paired with a registration.
fn matched_flags(pairs: &[(usize, Option<usize>)], count: usize) -> Vec<bool> {
    let mut matched = vec![false; count];
    for index in pairs.iter().filter_map(|&(_, a)| a) {
        if let Some(flag) = matched.get_mut(index) {
            *flag = true;
        }
    }
    matched
}

/// A self-assessment after its deadline (`late-self-assessment`).
pub(crate) fn assessment_timing(
    assessment: &SelfAssessment,
    due: &Deadline,
    horizon: NaiveDate,
) -> Option<Finding> {
    let dated = assessment.date.as_ref()?;
    late(
        &assessment.source,
        Code::LateSelfAssessment,
        "Tự đánh giá gửi muộn",
        dated,
        due,
        horizon,
    )
}

/// `unregistered-model`; `nearest` is the registered model of that unit and year the name
/// most likely means ("Có phải là …?").
fn unregistered(claim: &(impl Claim + ?Sized), nearest: Option<&str>) -> Finding {
    let hint = nearest
        .map(|name| format!(" Có phải là «{name}»?"))
        .unwrap_or_default();
    let message = format!(
        "Mô hình «{}» của {} chưa đăng ký năm {}.{hint} Kiểm tra lại tên mô hình cho khớp với bản đăng ký, hoặc bổ sung đăng ký",
        claim.name(),
        claim.unit(),
        claim.year()
    );
    claim
        .source()
        .model_finding(Code::UnregisteredModel, message, claim.name())
}

/// The registered model names of each unit and year, built only when some claim is unpaired
/// (to name the nearest in `unregistered-model`).
struct RegisteredNames<'r> {
    names: HashMap<(String, i32), Vec<&'r Registration>>,
}

impl<'r> RegisteredNames<'r> {
    fn new(registrations: &[&'r Registration], matched: &[bool], decisions: &[&Decision]) -> Self {
        let mut names: HashMap<(String, i32), Vec<&'r Registration>> = HashMap::new();
        if matched.iter().all(|m| *m) && decisions.is_empty() {
            return RegisteredNames { names };
        }
        for r in registrations {
            names
                .entry((roster::unit_key(&r.unit), r.year))
                .or_default()
                .push(r);
        }
        RegisteredNames { names }
    }

    fn nearest(&self, claim: &(impl Claim + ?Sized)) -> Option<&'r str> {
        let registered = self
            .names
            .get(&(roster::unit_key(claim.unit()), claim.year()))?;
        let names = registered
            .iter()
            .filter(|r| claim.kind().is_none_or(|k| k == r.kind))
            .map(|r| r.name.as_str());
        nearest_model(claim.name(), names)
    }
}

/// What pairing a row with its registration needs: a self-assessment and a committee decision
/// both name a unit's model of a cycle year, and maybe its kind.
pub trait Claim {
    /// Where the row was read.
    fn source(&self) -> &Source;
    /// The unit's name.
    fn unit(&self) -> &str;
    /// The cycle year of the model.
    fn year(&self) -> i32;
    /// Collective or individual, when the row says.
    fn kind(&self) -> Option<Kind>;
    /// The model's name.
    fn name(&self) -> &str;
}

/// Implements [`Claim`] for a record type with the fields it needs.
macro_rules! claim {
    ($record:ty) => {
        impl Claim for $record {
            fn source(&self) -> &Source {
                &self.source
            }
            fn unit(&self) -> &str {
                &self.unit
            }
            fn year(&self) -> i32 {
                self.year
            }
            fn kind(&self) -> Option<Kind> {
                self.kind
            }
            fn name(&self) -> &str {
                &self.name
            }
        }
    };
}
claim!(SelfAssessment);
claim!(Decision);

fn missing_assessment(registration: &Registration, due: &Deadline) -> Finding {
    let message = format!(
        "Chưa có báo cáo tự đánh giá mô hình «{}» ({}) của {}, hạn {}: đề nghị chi bộ gửi báo cáo",
        registration.name,
        registration.kind.label().to_lowercase(),
        registration.unit,
        due.describe()
    );
    registration
        .source
        .model_finding(Code::MissingSelfAssessment, message, &registration.name)
}

/// Model names compared for matching: case and spacing ignored, diacritics kept.
fn exact_key(name: &str) -> String {
    text::clean(name).to_lowercase()
}

/// Pairs each registration with its self-assessment, by cell, year and model name compared
/// after normalizing: first case- and spacing-insensitive, then also diacritics-insensitive
/// when that finds exactly one candidate. Returns one entry per registration, in order, with
/// the index of its self-assessment.
///
/// # Example
///
/// ```
/// use dvk::judge::assess::match_assessments;
/// use dvk::recognize::validate::SelfAssessment;
///
/// let none = match_assessments::<SelfAssessment>(&[], &[]);
/// assert!(none.is_empty());
/// ```
pub fn match_assessments<C: Claim + Sync>(
    registrations: &[&Registration],
    assessments: &[&C],
) -> Vec<(usize, Option<usize>)> {
    if assessments.is_empty() {
        // Most runs hold no decisions: nothing to pair, no key worth computing.
        return (0..registrations.len()).map(|i| (i, None)).collect();
    }
    // Keys are computed once, and assessments bucketed by cell and year, so matching stays
    // linear with thousands of cells.
    let assessment_keys: Vec<(String, String, String)> = assessments
        .par_iter()
        .map(|a| {
            (
                roster::unit_key(a.unit()),
                exact_key(a.name()),
                text::fold(a.name()),
            )
        })
        .collect();
    let mut buckets: HashMap<(&str, i32), Vec<usize>> = HashMap::new();
    for (index, (a, (cell, _, _))) in assessments.iter().zip(&assessment_keys).enumerate() {
        buckets.entry((cell, a.year())).or_default().push(index);
    }
    let candidates: Vec<Vec<usize>> = registrations
        .par_iter()
        .map(|r| {
            buckets
                .get(&(roster::unit_key(&r.unit).as_str(), r.year))
                .map(|bucket| {
                    bucket
                        .iter()
                        .copied()
                        .filter(|&a| assessments[a].kind().is_none_or(|k| k == r.kind))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let exact = |a: usize| assessment_keys[a].1.as_str();
    let folded = |a: usize| assessment_keys[a].2.as_str();
    let mut taken = vec![false; assessments.len()];
    let mut pairs: Vec<(usize, Option<usize>)> =
        (0..registrations.len()).map(|i| (i, None)).collect();
    // Exact (case, spacing) matches first, so a near match never steals another's report.
    // Only a registration with candidates needs its key: most have none (another year).
    let registration_keys: Vec<String> = registrations
        .par_iter()
        .zip(&candidates)
        .map(|(r, bucket)| {
            if bucket.is_empty() {
                String::new()
            } else {
                exact_key(&r.name)
            }
        })
        .collect();
    for ((key, pair), bucket) in registration_keys
        .iter()
        .zip(pairs.iter_mut())
        .zip(&candidates)
    {
        if let Some(&a) = bucket.iter().find(|&&a| !taken[a] && exact(a) == key) {
            taken[a] = true;
            pair.1 = Some(a);
        }
    }
    for ((r, pair), bucket) in registrations.iter().zip(pairs.iter_mut()).zip(&candidates) {
        if pair.1.is_some() || bucket.iter().all(|&a| taken[a]) {
            continue;
        }
        let key = text::fold(&r.name);
        let found: Vec<usize> = bucket
            .iter()
            .copied()
            .filter(|&a| !taken[a] && folded(a) == key)
            .collect();
        if let [a] = found[..] {
            taken[a] = true;
            pair.1 = Some(a);
        }
    }
    // Last, abbreviations written out and words in any order ("CLB" for "Câu lạc bộ"), when
    // that leaves exactly one candidate. Keys are made only for what is still unpaired.
    let mut loose: HashMap<usize, String> = HashMap::new();
    for ((r, pair), bucket) in registrations.iter().zip(pairs.iter_mut()).zip(&candidates) {
        if pair.1.is_some() || bucket.iter().all(|&a| taken[a]) {
            continue;
        }
        let key = loose_name_key(&r.name);
        let found: Vec<usize> = bucket
            .iter()
            .copied()
            .filter(|&a| {
                !taken[a]
                    && *loose
                        .entry(a)
                        .or_insert_with(|| loose_name_key(assessments[a].name()))
                        == key
            })
            .collect();
        if let [a] = found[..] {
            taken[a] = true;
            pair.1 = Some(a);
        }
    }
    pairs
}

/// Abbreviations in model names and the words they stand for (folded): the ones clerks use
/// in the names of models ("CLB dân vận khéo", "ĐV giúp ND"). README "Self-assessments"
/// lists them.
pub const NAME_ABBREVIATIONS: &[(&str, &str)] = &[
    ("clb", "cau lac bo"),
    ("dv", "dang vien"),
    ("ccb", "cuu chien binh"),
    ("htx", "hop tac xa"),
    ("nd", "nhan dan"),
    ("ubnd", "uy ban nhan dan"),
    ("mttq", "mat tran to quoc"),
    ("cbcc", "can bo cong chuc"),
    ("cbccvc", "can bo cong chuc vien chuc"),
    ("cb", "can bo"),
    ("dvtn", "doan vien thanh nien"),
    ("dtn", "doan thanh nien"),
    ("tn", "thanh nien"),
    ("hpn", "hoi phu nu"),
    ("pn", "phu nu"),
    ("nct", "nguoi cao tuoi"),
    ("tdp", "to dan pho"),
    ("kdc", "khu dan cu"),
    ("cntt", "cong nghe thong tin"),
    ("cchc", "cai cach hanh chinh"),
    ("tthc", "thu tuc hanh chinh"),
    ("xd", "xay dung"),
    ("hs", "hoc sinh"),
    ("sv", "sinh vien"),
    ("dvk", "dan van kheo"),
];

/// A model name as a loose key: folded (quotes and punctuation gone), a leading "Mô hình",
/// "Điển hình" or "Đồng chí" ("Đ/c") dropped, abbreviations of [`NAME_ABBREVIATIONS`] written
/// out, "và" dropped, words sorted (so word order does not matter).
///
/// # Example
///
/// ```
/// use dvk::judge::assess::loose_name_key;
///
/// assert_eq!(loose_name_key("CLB Đảng viên trẻ"), loose_name_key("Câu lạc bộ ĐV trẻ"));
/// assert_eq!(loose_name_key("Dân vận khéo – HTX"), loose_name_key("Hợp tác xã dân vận khéo"));
/// assert_eq!(loose_name_key("Mô hình “Một cửa thân thiện”."), loose_name_key("Một cửa thân thiện"));
/// assert_eq!(loose_name_key("Đ/c Nguyễn Văn An tận tụy"), loose_name_key("Nguyễn Văn An tận tụy"));
/// assert_ne!(loose_name_key("Tổ hòa giải"), loose_name_key("Tổ tự quản"));
/// ```
pub fn loose_name_key(name: &str) -> String {
    let folded = text::fold(name);
    // "Mô hình «…»", "Đồng chí …": what the name is, or a title before a person's name.
    let folded = ["mo hinh ", "dien hinh ", "dong chi ", "d c ", "dc "]
        .iter()
        .find_map(|prefix| folded.strip_prefix(prefix))
        .unwrap_or(&folded);
    let mut words: Vec<&str> = Vec::new();
    for word in folded.split(' ').filter(|w| !w.is_empty() && *w != "va") {
        match NAME_ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            Some((_, long)) => words.extend(long.split(' ')),
            None => words.push(word),
        }
    }
    words.sort_unstable();
    words.join(" ")
}

/// The registered model a claim's name most likely means, for "Có phải là …?": the most
/// similar name (by [`loose_name_key`], at least half alike) among `registered`, when no
/// other is as close.
///
/// # Example
///
/// ```
/// use dvk::judge::assess::nearest_model;
///
/// let names = ["Tiếp công dân thân thiện", "Gần dân, hiểu dân"];
/// assert_eq!(nearest_model("Tiếp dân thân thiện", names), Some("Tiếp công dân thân thiện"));
/// assert_eq!(nearest_model("Sổ tay pháp luật", names), None);
/// ```
pub fn nearest_model<'r>(
    name: &str,
    registered: impl IntoIterator<Item = &'r str>,
) -> Option<&'r str> {
    let key = loose_name_key(name);
    let mut best: Option<(f64, &str)> = None;
    let mut tie = false;
    for candidate in registered {
        let score = strsim::normalized_damerau_levenshtein(&key, &loose_name_key(candidate));
        match best {
            Some((top, _)) if score < top => {}
            Some((top, _)) if score == top => tie = true,
            _ => {
                best = Some((score, candidate));
                tie = false;
            }
        }
    }
    best.filter(|(score, _)| *score >= 0.5 && !tie)
        .map(|(_, name)| name)
}

/// A model's status under the five principles of plan 61-KH/ĐUSTP (section 5): registered;
/// a public vote with more than the threshold in favour; a self-rating at or above the
/// standard; spread in the unit; proposed for recognition. The committee's decision, from its
/// decision sheet or a «Công nhận» column of the report, overrides the rest.
fn model(
    registration: Registration,
    assessment: Option<Box<SelfAssessment>>,
    decision_sheet: Option<&Decision>,
    rule: &CycleRule,
) -> Model {
    let decision = decision_sheet.and_then(|d| d.recognized);
    let commendation = decision_sheet
        .and_then(|d| d.commendation.clone())
        .or_else(|| assessment.as_ref().and_then(|a| a.commendation.clone()));
    let late = registration
        .date
        .as_ref()
        .is_some_and(|d| rule.registration_due.days_late(d.date).is_some());
    let mut model = Model {
        registration,
        assessment,
        status: Status::Registered,
        reasons: Vec::new(),
        late,
        commendation,
    };
    // Read back from a member committee's report: its judgement stands, unless this
    // committee holds the self-assessment or a decision itself.
    if let Some(reported) = model.registration.reported.as_deref() {
        if model.assessment.is_none() && decision.is_none() {
            if let Some(status) = reported.status.as_deref().and_then(Status::from_label) {
                model.status = status;
                model.reasons = reported.reasons.clone();
                if model.commendation.is_none() {
                    model.commendation = reported.commendation.clone();
                }
                return model;
            }
        }
    }
    let Some(assessment) = &model.assessment else {
        model
            .reasons
            .push("chưa có báo cáo tự đánh giá".to_string());
        if decision == Some(true) {
            model.status = Status::Recognized;
            model.reasons.clear();
        }
        return model;
    };
    model.reasons = unmet_principles(assessment, rule);
    model.status = match decision.or(assessment.recognized) {
        Some(true) => Status::Recognized,
        Some(false) => {
            model
                .reasons
                .insert(0, "Đảng ủy không công nhận".to_string());
            Status::NotRecognized
        }
        None if model.reasons.is_empty() => Status::Eligible,
        None => Status::SelfAssessed,
    };
    if model.status == Status::Recognized {
        model.reasons.clear();
    }
    model
}

/// The principles of recognition a self-assessment does not meet, in Vietnamese.
pub(crate) fn unmet_principles(assessment: &SelfAssessment, rule: &CycleRule) -> Vec<String> {
    let recognition = &rule.recognition;
    let threshold = recognition.vote_share_above * 100.0;
    let mut reasons = Vec::new();
    match assessment.vote {
        None => reasons.push("chưa có kết quả biểu quyết".to_string()),
        Some(vote) if !recognition.vote_passes(vote) => reasons.push(format!(
            "biểu quyết {} tán thành, chưa quá {threshold:.0}%",
            describe_vote(vote)
        )),
        Some(_) => {}
    }
    match assessment.rating.as_deref() {
        None => reasons.push("chưa tự xếp loại".to_string()),
        Some(rating) => match recognition.rating_meets(rating) {
            Some(true) => {}
            Some(false) => reasons.push(format!(
                "tự xếp loại «{rating}», dưới mức «{}»",
                recognition.min_rating
            )),
            None => reasons.push(format!(
                "xếp loại «{rating}» không thuộc các mức {}",
                recognition.ratings.join(", ")
            )),
        },
    }
    if assessment.spread != Some(true) {
        reasons.push("chưa có sức lan tỏa".to_string());
    }
    if assessment.proposed != Some(true) {
        reasons.push("chi bộ chưa đề nghị công nhận".to_string());
    }
    reasons
}

fn describe_vote(vote: VoteShare) -> String {
    match vote {
        VoteShare::Count { favour, total } => format!("{favour}/{total} phiếu"),
        VoteShare::Percent(p) => format!("{p}%"),
    }
}

/// Something a roster cell lacks for a cycle year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The roster's spelling of the cell.
    #[serde(rename = "cell")]
    pub unit: String,
    /// `missing-registration`, `missing-collective`, `missing-individual` or
    /// `missing-self-assessment`.
    pub code: Code,
    /// What is missing, in Vietnamese.
    pub detail: String,
}

impl Gap {
    fn finding(&self, roster_path: &str, year: i32, due: &Deadline) -> Finding {
        let message = format!("{} năm {year} (hạn {})", self.detail, due.describe());
        Finding::new(self.code, roster_path, message)
            .column(ColumnRole::Unit.label())
            .value(self.unit.clone())
    }
}

/// What each roster cell lacks against the quotas of a cycle year: no registration at all, or
/// fewer collective models or individual exemplars than the rule asks.
///
/// # Example
///
/// ```
/// use dvk::judge::assess::quota_gaps;
/// use dvk::judge::roster::Roster;
/// use dvk::rules::Rules;
///
/// let roster = Roster::from_names(["Chi bộ Văn phòng"]);
/// let gaps = quota_gaps(&roster, &[], &Rules::builtin().for_year(2018));
/// assert_eq!(gaps[0].code, dvk::findings::Code::MissingRegistration);
/// ```
pub fn quota_gaps(roster: &Roster, registrations: &[&Registration], rule: &CycleRule) -> Vec<Gap> {
    let keyed: Vec<(String, Kind)> = registrations
        .par_iter()
        .filter(|r| r.year == rule.year)
        .map(|r| (roster::unit_key(&r.unit), r.kind))
        .collect();
    let mut per_cell: HashMap<String, Vec<Kind>> = HashMap::new();
    for (key, kind) in keyed {
        per_cell.entry(key).or_default().push(kind);
    }
    let mut gaps = Vec::new();
    for cell in roster.units() {
        let kinds = per_cell
            .get(cell.key())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let count = |kind: Kind| kinds.iter().filter(|k| **k == kind).count();
        let gap = |code: Code, detail: String| Gap {
            unit: cell.name.clone(),
            code,
            detail,
        };
        if kinds.is_empty() {
            gaps.push(gap(
                Code::MissingRegistration,
                "Chưa đăng ký mô hình, điển hình nào".to_string(),
            ));
            continue;
        }
        let quotas = [
            (
                Kind::Collective,
                rule.min_collective,
                Code::MissingCollective,
                "mô hình tập thể",
            ),
            (
                Kind::Individual,
                rule.min_individual,
                Code::MissingIndividual,
                "điển hình cá nhân",
            ),
        ];
        for (kind, minimum, code, words) in quotas {
            let have = count(kind);
            if have < minimum as usize {
                gaps.push(gap(code, format!("Mới đăng ký {have}/{minimum} {words}")));
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn source(row: u32) -> Source {
        Source {
            path: "a.xlsx".into(),
            sheet: "DS".into(),
            row,
        }
    }

    fn registration(
        cell: &str,
        year: i32,
        kind: Kind,
        name: &str,
        on: Option<NaiveDate>,
    ) -> Registration {
        Registration {
            source: source(7),
            unit: cell.into(),
            year,
            kind,
            name: name.into(),
            person: None,
            position: None,
            domain: None,
            unknown_field: None,
            date: on.map(|date| Dated {
                date,
                column: Some("Ngày đăng ký".into()),
                received: false,
            }),
            sub_unit: None,
            committee: None,
            reported: None,
        }
    }

    fn assessment(cell: &str, year: i32, name: &str, on: NaiveDate) -> SelfAssessment {
        SelfAssessment {
            source: source(8),
            unit: cell.into(),
            year,
            kind: None,
            name: name.into(),
            person: None,
            rating: Some("Xuất sắc".into()),
            vote: Some(VoteShare::Count {
                favour: 18,
                total: 20,
            }),
            spread: Some(true),
            proposed: Some(true),
            recognized: None,
            date: Some(Dated {
                date: on,
                column: Some("Ngày báo cáo".into()),
                received: false,
            }),
            commendation: None,
        }
    }

    #[test]
    fn registration_on_the_deadline_day_is_on_time_and_the_day_after_is_late() {
        let due = Rules::builtin().for_year(2018).registration_due;
        let on_time = registration(
            "Văn phòng",
            2018,
            Kind::Collective,
            "A",
            Some(date(2018, 10, 10)),
        );
        assert_eq!(
            registration_timing(&on_time, &due, date(2018, 12, 30)),
            None
        );
        let late = registration(
            "Văn phòng",
            2018,
            Kind::Collective,
            "A",
            Some(date(2018, 10, 11)),
        );
        let finding =
            registration_timing(&late, &due, date(2018, 12, 30)).map(|f| (f.code, f.message));
        assert_eq!(
            finding,
            Some((
                Code::LateRegistration,
                "Đăng ký muộn 1 ngày so với hạn 10/10/2018".to_string()
            ))
        );
    }

    #[test]
    fn a_date_after_the_as_of_day_or_with_day_and_month_swapped_says_so() {
        let due = Rules::builtin().for_year(2024).registration_due; // before 26/02/2024
        let at = |on| registration("VP", 2024, Kind::Collective, "A", Some(on));
        // 02/05/2024 typed for 05/02/2024: late, and on time swapped.
        let swapped = registration_timing(&at(date(2024, 5, 2)), &due, date(2024, 12, 30));
        let (code, message) = swapped
            .map(|f| (f.code, f.message))
            .unwrap_or_default_pair();
        assert_eq!(code, Some(Code::LateRegistration));
        assert!(
            message.contains("có thể ngày và tháng bị đảo: nếu là ngày 05/02/2024 thì đúng hạn"),
            "{message}"
        );
        // Late, but no swap helps (13th): no hint.
        let plain = registration_timing(&at(date(2024, 5, 13)), &due, date(2024, 12, 30));
        assert!(plain.is_some_and(|f| !f.message.contains("đảo")));
        // On time, but after the day judged by: a warning.
        let future = registration_timing(&at(date(2024, 2, 20)), &due, date(2024, 2, 10));
        let (code, message) = future.map(|f| (f.code, f.message)).unwrap_or_default_pair();
        assert_eq!(code, Some(Code::FutureDate));
        assert!(message.contains("còn sau ngày 10/02/2024"), "{message}");
        // A date line is written in words: never swapped.
        let mut line = at(date(2024, 5, 2));
        if let Some(d) = line.date.as_mut() {
            d.column = None;
        }
        let by_line = registration_timing(&line, &due, date(2024, 12, 30));
        assert!(by_line.is_some_and(|f| !f.message.contains("đảo")));
    }

    #[test]
    fn a_date_years_before_its_deadline_is_doubted() {
        let due = Rules::builtin().for_year(2024).registration_due; // before 26/02/2024
        let at = |on| registration("VP", 2024, Kind::Collective, "A", Some(on));
        let code = |on| {
            registration_timing(&at(on), &due, date(2024, 12, 30)).map(|f| (f.code, f.message))
        };
        // 5 in a date column is 05/01/1900; a year typed wrong.
        for on in [date(1900, 1, 5), date(2021, 2, 5), date(2022, 2, 25)] {
            let (found, message) = code(on).unwrap_or_default_pair();
            assert_eq!(found, Some(Code::EarlyDate), "{on}");
            assert!(message.contains("sớm hơn hai năm so với hạn"), "{message}");
        }
        // Registering in the year before, or on time: nothing to doubt.
        for on in [date(2022, 2, 27), date(2023, 12, 20), date(2024, 2, 5)] {
            assert_eq!(code(on), None, "{on}");
        }
    }

    trait Pair {
        fn unwrap_or_default_pair(self) -> (Option<Code>, String);
    }
    impl Pair for Option<(Code, String)> {
        fn unwrap_or_default_pair(self) -> (Option<Code>, String) {
            match self {
                Some((code, message)) => (Some(code), message),
                None => (None, String::new()),
            }
        }
    }

    #[test]
    fn a_leap_day_counts_under_the_2024_letter() {
        let due = Rules::builtin().for_year(2024).registration_due;
        let leap = registration(
            "Văn phòng",
            2024,
            Kind::Collective,
            "A",
            Some(date(2024, 2, 29)),
        );
        let message = registration_timing(&leap, &due, date(2024, 12, 30)).map(|f| f.message);
        assert_eq!(
            message.as_deref(),
            Some("Đăng ký muộn 4 ngày so với hạn (trước ngày 26/02/2024)")
        );
    }

    #[test]
    fn self_assessment_falls_due_in_the_next_year() {
        let rules = Rules::builtin();
        let reg = registration(
            "Văn phòng",
            2018,
            Kind::Collective,
            "Tiếp dân",
            Some(date(2018, 10, 5)),
        );
        let records = vec![Record::Registration(reg.clone())];
        // Before 01/09/2019 nothing is missing; on 01/09/2019 it is.
        let before = judge(
            records.clone(),
            &rules,
            date(2019, 8, 31),
            date(2019, 8, 31),
            None,
        );
        assert!(before.findings.is_empty(), "{:?}", before.findings);
        let after = judge(records, &rules, date(2019, 9, 1), date(2019, 9, 1), None);
        let codes: Vec<Code> = after.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::MissingSelfAssessment]);
        // Sent on 01/09/2019, it is one day late.
        let sa = assessment("Văn phòng", 2018, "Tiếp dân", date(2019, 9, 1));
        let records = vec![Record::Registration(reg), Record::SelfAssessment(sa)];
        let judged = judge(
            records,
            &rules,
            date(2019, 12, 30),
            date(2019, 12, 30),
            None,
        );
        let codes: Vec<Code> = judged.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::LateSelfAssessment]);
        assert_eq!(judged.models[0].status, Status::Eligible);
    }

    #[test]
    fn names_match_ignoring_case_spacing_and_diacritics_when_unambiguous() {
        let regs = [
            registration(
                "Chi bộ Văn phòng",
                2018,
                Kind::Collective,
                "Tiếp công dân thân thiện",
                None,
            ),
            registration("Văn phòng", 2018, Kind::Individual, "Gần dân", None),
        ];
        let sas = [
            assessment(
                "VĂN PHÒNG",
                2018,
                "TIẾP CÔNG DÂN  thân thiện",
                date(2019, 8, 1),
            ),
            assessment("Van phong", 2018, "Gan dan", date(2019, 8, 1)),
            assessment("Văn phòng", 2018, "Chưa từng đăng ký", date(2019, 8, 1)),
            assessment("Văn phòng", 2019, "Gần dân", date(2019, 8, 1)),
        ];
        let regs: Vec<&Registration> = regs.iter().collect();
        let sas: Vec<&SelfAssessment> = sas.iter().collect();
        assert_eq!(
            match_assessments(&regs, &sas),
            vec![(0, Some(0)), (1, Some(1))]
        );
    }

    #[test]
    fn abbreviations_and_word_order_match_and_the_nearest_is_named() {
        let regs = [
            registration(
                "VP",
                2018,
                Kind::Collective,
                "Câu lạc bộ đảng viên trẻ",
                None,
            ),
            registration(
                "VP",
                2018,
                Kind::Collective,
                "Hợp tác xã giúp nhân dân",
                None,
            ),
            registration(
                "VP",
                2018,
                Kind::Collective,
                "Tiếp công dân thân thiện",
                None,
            ),
        ];
        let sas = [
            assessment("VP", 2018, "CLB ĐV trẻ", date(2019, 8, 1)),
            assessment("VP", 2018, "Giúp ND - HTX", date(2019, 8, 1)),
            assessment("VP", 2018, "Tiếp dân thân thiện", date(2019, 8, 1)),
        ];
        let regs_ref: Vec<&Registration> = regs.iter().collect();
        let sas_ref: Vec<&SelfAssessment> = sas.iter().collect();
        assert_eq!(
            match_assessments(&regs_ref, &sas_ref),
            vec![(0, Some(0)), (1, Some(1)), (2, None)]
        );
        let records = regs
            .iter()
            .cloned()
            .map(Record::Registration)
            .chain(sas.iter().cloned().map(Record::SelfAssessment))
            .collect();
        let judged = judge(
            records,
            &Rules::builtin(),
            date(2019, 8, 2),
            date(2019, 8, 2),
            None,
        );
        let unregistered: Vec<&str> = judged
            .findings
            .iter()
            .filter(|f| f.code == Code::UnregisteredModel)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(unregistered.len(), 1, "{unregistered:?}");
        assert!(
            unregistered[0].contains("Có phải là «Tiếp công dân thân thiện»?"),
            "{unregistered:?}"
        );
    }

    #[test]
    fn an_ambiguous_diacritic_free_name_is_not_matched() {
        let regs = [registration(
            "Văn phòng",
            2018,
            Kind::Collective,
            "Ban",
            None,
        )];
        let sas = [
            assessment("Văn phòng", 2018, "Bạn", date(2019, 8, 1)),
            assessment("Văn phòng", 2018, "Bán", date(2019, 8, 1)),
        ];
        let regs: Vec<&Registration> = regs.iter().collect();
        let sas: Vec<&SelfAssessment> = sas.iter().collect();
        assert_eq!(match_assessments(&regs, &sas), vec![(0, None)]);
    }

    #[test]
    fn principles_of_recognition() {
        let rule = Rules::builtin().for_year(2018);
        let mut sa = assessment("Văn phòng", 2018, "A", date(2019, 8, 1));
        assert!(unmet_principles(&sa, &rule).is_empty());
        sa.vote = Some(VoteShare::Count {
            favour: 10,
            total: 20,
        });
        sa.spread = Some(false);
        sa.proposed = None;
        let reasons = unmet_principles(&sa, &rule);
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].contains("10/20"), "{reasons:?}");
        let reg = registration(
            "Văn phòng",
            2018,
            Kind::Collective,
            "A",
            Some(date(2018, 10, 1)),
        );
        sa.recognized = Some(false);
        let judged = model(reg.clone(), Some(Box::new(sa.clone())), None, &rule);
        assert_eq!(judged.status, Status::NotRecognized);
        sa.recognized = Some(true);
        assert_eq!(
            model(reg.clone(), Some(Box::new(sa.clone())), None, &rule).status,
            Status::Recognized
        );
        sa.recognized = None;
        let mut decision = Decision::from(sa.clone());
        decision.recognized = Some(false);
        let overridden = model(
            reg.clone(),
            Some(Box::new(sa.clone())),
            Some(&decision),
            &rule,
        );
        assert_eq!(overridden.status, Status::NotRecognized);
        decision.recognized = Some(true);
        decision.commendation = Some("Giấy khen".into());
        let recognized = model(reg.clone(), None, Some(&decision), &rule);
        assert_eq!(recognized.status, Status::Recognized);
        assert_eq!(recognized.commendation.as_deref(), Some("Giấy khen"));
        assert_eq!(
            model(reg.clone(), None, None, &rule).status,
            Status::Registered
        );
    }

    #[test]
    fn quotas_per_cell_for_two_cycles_with_different_rules() {
        let roster = Roster::from_names(["Chi bộ Văn phòng", "Chi bộ Thanh tra", "Chi bộ Tổ chức"]);
        let regs = [
            registration("Văn phòng", 2018, Kind::Collective, "A", None),
            registration("Văn phòng", 2018, Kind::Individual, "B", None),
            registration("Thanh tra", 2018, Kind::Collective, "C", None),
            registration("Thanh tra", 2024, Kind::Individual, "D", None),
        ];
        let regs: Vec<&Registration> = regs.iter().collect();
        let rules = Rules::builtin();
        let codes = |year: i32| -> Vec<(String, Code)> {
            quota_gaps(&roster, &regs, &rules.for_year(year))
                .into_iter()
                .map(|g| (g.unit, g.code))
                .collect()
        };
        assert_eq!(
            codes(2018),
            [
                ("Chi bộ Thanh tra".to_string(), Code::MissingIndividual),
                ("Chi bộ Tổ chức".to_string(), Code::MissingRegistration),
            ]
        );
        assert_eq!(
            codes(2024),
            [
                ("Chi bộ Văn phòng".to_string(), Code::MissingRegistration),
                ("Chi bộ Thanh tra".to_string(), Code::MissingCollective),
                ("Chi bộ Tổ chức".to_string(), Code::MissingRegistration),
            ]
        );
    }
}
