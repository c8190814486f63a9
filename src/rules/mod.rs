//! The rules of each cycle year: deadlines, quotas and the thresholds of recognition, from the
//! committee's documents; and the phases of a multi-year movement with their reviews.
//!
//! Built-in rules reproduce the seed documents: plan 61-KH/ĐUSTP for the cycles 2016–2020 and
//! its two phases, letter 821-CV/ĐUK for 2024. Any other year gets the default rule, which is
//! the plan's. A `dvk.toml` ([`crate::rules::config`]) can change all of it.
//!
//! A rule is kept as a pattern ([`RulePattern`], [`CycleDeadline`]: "10/10", "trước ngày 01/09
//! năm sau") and turned into dates for a given year by [`Rules::for_year`].

pub mod config;

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::recognize::values::VoteShare;
use crate::sheet::format_date;
use crate::text::fold;

/// A deadline as a document words it: "no later than 10/10" (the day itself is allowed) or
/// "before 26/02" (the day itself is already late).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use dvk::rules::Deadline;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let no_later_than = Deadline::on_or_before(d(2018, 10, 10));
/// assert_eq!(no_later_than.days_late(d(2018, 10, 10)), None);
/// assert_eq!(no_later_than.days_late(d(2018, 10, 12)), Some(2));
/// let before = Deadline::before(d(2024, 2, 26));
/// assert_eq!(before.days_late(d(2024, 2, 25)), None);
/// assert_eq!(before.days_late(d(2024, 2, 26)), Some(1));
/// assert_eq!(before.describe(), "trước ngày 26/02/2024");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The date the document names.
    pub date: NaiveDate,
    /// True when the document says "before" that date, so the date itself is late.
    pub exclusive: bool,
}

impl Deadline {
    /// "No later than" the date: the date itself is on time.
    pub fn on_or_before(date: NaiveDate) -> Self {
        Deadline {
            date,
            exclusive: false,
        }
    }

    /// "Before" the date: the date itself is late.
    pub fn before(date: NaiveDate) -> Self {
        Deadline {
            date,
            exclusive: true,
        }
    }

    /// The last day that is on time.
    pub fn last_day(&self) -> NaiveDate {
        if self.exclusive {
            self.date.pred_opt().unwrap_or(self.date)
        } else {
            self.date
        }
    }

    /// How many days after the last allowed day a date is, or `None` when it is on time.
    pub fn days_late(&self, date: NaiveDate) -> Option<i64> {
        let late = (date - self.last_day()).num_days();
        (late > 0).then_some(late)
    }

    /// The deadline as a clerk reads it: "10/10/2018" or "trước ngày 26/02/2024".
    pub fn describe(&self) -> String {
        if self.exclusive {
            format!("trước ngày {}", format_date(self.date))
        } else {
            format_date(self.date)
        }
    }

    /// The deadline with the words a clerk expects in a plan or a form: "chậm nhất ngày
    /// 10/10/2018" (no later than), "trước ngày 26/02/2024" (before).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dvk::rules::Deadline;
    ///
    /// let day = NaiveDate::from_ymd_opt(2018, 10, 10).unwrap();
    /// assert_eq!(Deadline::on_or_before(day).words(), "chậm nhất ngày 10/10/2018");
    /// assert_eq!(Deadline::before(day).words(), "trước ngày 10/10/2018");
    /// ```
    pub fn words(&self) -> String {
        if self.exclusive {
            self.describe()
        } else {
            format!("chậm nhất ngày {}", self.describe())
        }
    }

    /// The deadline as it follows "hạn" in a finding, "muộn 4 ngày so với hạn …": the date
    /// alone, "10/10/2018", or in brackets where the document says before, "(trước ngày
    /// 26/02/2024)".
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dvk::rules::Deadline;
    ///
    /// let day = NaiveDate::from_ymd_opt(2024, 2, 26).unwrap();
    /// assert_eq!(Deadline::on_or_before(day).words_in_finding(), "26/02/2024");
    /// assert_eq!(Deadline::before(day).words_in_finding(), "(trước ngày 26/02/2024)");
    /// ```
    pub fn words_in_finding(&self) -> String {
        if self.exclusive {
            format!("({})", self.describe())
        } else {
            self.describe()
        }
    }
}

/// Where the rule of a year came from.
///
/// # Example
///
/// ```
/// use dvk::rules::{RuleOrigin, Rules};
///
/// let rules = Rules::builtin();
/// assert_eq!(rules.for_year(2018).origin, RuleOrigin::Builtin);
/// assert_eq!(rules.for_year(2031).origin, RuleOrigin::Default);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleOrigin {
    /// A seed document built into dvk (plan 61-KH/ĐUSTP, letter 821-CV/ĐUK).
    Builtin,
    /// A `[[cycle]]` of the committee's `dvk.toml`.
    Config,
    /// No cycle covers the year: the default rule, moved to the year.
    Default,
}

impl RuleOrigin {
    /// The origin as a clerk reads it.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::RuleOrigin;
    ///
    /// assert_eq!(RuleOrigin::Config.label(), "theo tệp cấu hình");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            RuleOrigin::Builtin => "có sẵn trong dvk",
            RuleOrigin::Config => "theo tệp cấu hình",
            RuleOrigin::Default => "quy tắc mặc định cho năm chưa có văn bản riêng",
        }
    }
}

/// What a self-assessment must show for the model to be recognized (plan 61-KH/ĐUSTP, section
/// 5: a public, democratic vote; "đúng tiêu chuẩn"), as numbers a form can be checked against.
///
/// The default levels are those cells write in the "tự đánh giá" column, best first. The
/// lowest level that meets the standard is «Tốt» by default: section 5 asks for a model that is
/// "đúng tiêu chuẩn" with "hiệu quả cao" and "sức lan tỏa cao", which a bare «Đạt» does not
/// claim. A committee that reads it otherwise sets `min_rating` in `dvk.toml`.
///
/// # Example
///
/// ```
/// use dvk::rules::Recognition;
/// use dvk::recognize::values::VoteShare;
///
/// let r = Recognition::default();
/// assert_eq!(r.rating_meets("TỐT"), Some(true));
/// assert_eq!(r.rating_meets("Đạt"), Some(false));
/// assert_eq!(r.rating_meets("Giỏi"), None);
/// assert!(!r.vote_passes(VoteShare::Count { favour: 10, total: 20 })); // exactly half
/// assert!(r.vote_passes(VoteShare::Count { favour: 11, total: 20 }));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Recognition {
    /// Share of votes in favour that must be exceeded (plan 61: "more than half" = 0.5,
    /// strictly above), between 0 and 1.
    pub vote_share_above: f64,
    /// Rating levels, best first, as cells write them.
    pub ratings: Vec<String>,
    /// The lowest level that meets the standard; one of `ratings`.
    pub min_rating: String,
}

impl Default for Recognition {
    fn default() -> Self {
        Recognition {
            vote_share_above: 0.5,
            ratings: ["Xuất sắc", "Tốt", "Khá", "Đạt", "Không đạt"]
                .map(String::from)
                .to_vec(),
            min_rating: "Tốt".to_string(),
        }
    }
}

/// The level a rating names, as a clerk reads it (folded): "Xếp loại: Tốt" and "Đạt loại
/// Tốt" name «Tốt»; the four levels of a Party member's yearly review name the scale's
/// («Hoàn thành xuất sắc nhiệm vụ», HTXSNV: «Xuất sắc»; «Hoàn thành tốt nhiệm vụ», HTTNV:
/// «Tốt»; «Hoàn thành nhiệm vụ», HTNV: «Đạt»; «Không hoàn thành nhiệm vụ», KHTNV: «Không
/// đạt»). Anything else is itself.
fn rating_level(folded: &str) -> &str {
    let mut level = folded;
    for prefix in ["tu xep loai ", "xep loai ", "dat loai ", "loai ", "muc "] {
        if let Some(rest) = level.strip_prefix(prefix) {
            level = rest;
            break;
        }
    }
    // A bare «Hoàn thành» says the model was carried out, not how well: no level.
    match level {
        "hoan thanh xuat sac nhiem vu" | "hoan thanh xuat sac" | "htxsnv" | "htxs" => "xuat sac",
        "hoan thanh tot nhiem vu" | "hoan thanh tot" | "httnv" | "htt" => "tot",
        "hoan thanh nhiem vu" | "htnv" => "dat",
        "khong hoan thanh nhiem vu" | "khong hoan thanh" | "khtnv" | "kht" => "khong dat",
        _ => level,
    }
}

impl Recognition {
    /// The place of a rating among the levels (0 = best), compared after
    /// [`crate::text::fold`]: case, diacritics and punctuation do not matter.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Recognition;
    ///
    /// let r = Recognition::default();
    /// assert_eq!(r.rank("xuat sac"), Some(0));
    /// assert_eq!(r.rank("Hoàn thành xuất sắc nhiệm vụ"), Some(0));
    /// assert_eq!(r.rank("HTTNV"), Some(1));
    /// assert_eq!(r.rank("Xếp loại: Khá"), Some(2));
    /// assert_eq!(r.rank("Hoàn thành nhiệm vụ"), Some(3));
    /// assert_eq!(r.rank("Giỏi"), None);
    /// ```
    pub fn rank(&self, rating: &str) -> Option<usize> {
        let folded = fold(rating);
        let key = rating_level(&folded);
        self.ratings.iter().position(|r| fold(r) == key)
    }

    /// `Some(true)` when the rating is `min_rating` or better, `Some(false)` when it is a
    /// lower level, `None` when it is none of the levels.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Recognition;
    ///
    /// let r = Recognition::default();
    /// assert_eq!(r.rating_meets("Xuất sắc"), Some(true));
    /// assert_eq!(r.rating_meets("Khá"), Some(false));
    /// ```
    pub fn rating_meets(&self, rating: &str) -> Option<bool> {
        let rank = self.rank(rating)?;
        // A min_rating outside the levels (never from a checked config) lets nothing pass.
        Some(self.rank(&self.min_rating).is_some_and(|min| rank <= min))
    }

    /// True when the share of votes in favour is strictly above `vote_share_above`: with
    /// 0.5, 11/20 passes and 10/20 ("exactly half") does not.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Recognition;
    /// use dvk::recognize::values::VoteShare;
    ///
    /// let r = Recognition::default();
    /// assert!(r.vote_passes(VoteShare::Percent(51.0)));
    /// assert!(!r.vote_passes(VoteShare::Percent(50.0)));
    /// ```
    pub fn vote_passes(&self, vote: VoteShare) -> bool {
        // Dividing two small integers rounds the same way as the threshold's literal, so a
        // share exactly at the threshold compares equal (and fails).
        let share = match vote {
            VoteShare::Count { favour, total } if total > 0 => f64::from(favour) / f64::from(total),
            VoteShare::Count { .. } => 0.0,
            VoteShare::Percent(p) => p / 100.0,
        };
        share > self.vote_share_above
    }

    /// The threshold as a clerk reads it: "trên 50% số phiếu tán thành".
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Recognition;
    ///
    /// assert_eq!(Recognition::default().describe_vote(), "trên 50% số phiếu tán thành");
    /// ```
    pub fn describe_vote(&self) -> String {
        let percent = format!("{:.2}", self.vote_share_above * 100.0);
        let percent = percent.trim_end_matches('0').trim_end_matches('.');
        format!("trên {}% số phiếu tán thành", percent.replace('.', ","))
    }
}

/// A day and month relative to a cycle year, as documents for many years word it: "10/10",
/// "01/09 năm sau" (of the year after the cycle year).
///
/// # Example
///
/// ```
/// use dvk::rules::CycleDate;
///
/// let next_september = CycleDate::new(1, 9, 1).unwrap();
/// assert_eq!(next_september.in_year(2018).to_string(), "2019-09-01");
/// assert_eq!(next_september.describe(), "01/09 năm sau");
/// assert!(CycleDate::new(31, 2, 0).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleDate {
    /// Day of the month.
    pub day: u32,
    /// Month.
    pub month: u32,
    /// Years after the cycle year: 0 the same year, 1 the next, -1 the one before.
    pub year_offset: i32,
}

impl CycleDate {
    /// The date, or `None` when the day exists in no year (31/02, 31/04, 00/10). 29/02 is
    /// accepted: see [`CycleDate::in_year`].
    pub fn new(day: u32, month: u32, year_offset: i32) -> Option<Self> {
        // 2000 is a leap year: any day that exists in some year exists in it.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(CycleDate {
            day,
            month,
            year_offset,
        })
    }

    /// The same day in a given year, with the offset that year has from the cycle year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use dvk::rules::CycleDate;
    ///
    /// let date = NaiveDate::from_ymd_opt(2024, 2, 26).unwrap();
    /// assert_eq!(CycleDate::of(date, 2024).describe(), "26/02");
    /// ```
    pub fn of(date: NaiveDate, cycle_year: i32) -> Self {
        CycleDate {
            day: date.day(),
            month: date.month(),
            year_offset: date.year() - cycle_year,
        }
    }

    /// The date in a cycle year. 29/02 falls on 28/02 in a year without it; a year beyond
    /// what the calendar library handles gives its last date (never late).
    pub fn in_year(&self, cycle_year: i32) -> NaiveDate {
        let year = cycle_year.saturating_add(self.year_offset);
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day.saturating_sub(1)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The date as written in `dvk.toml` and shown to clerks: "10/10", "01/09 năm sau",
    /// "15/12 năm trước".
    pub fn describe(&self) -> String {
        let day_month = format!("{:02}/{:02}", self.day, self.month);
        match self.year_offset {
            0 => day_month,
            1 => format!("{day_month} năm sau"),
            -1 => format!("{day_month} năm trước"),
            n if n > 1 => format!("{day_month}, {n} năm sau"),
            n => format!("{day_month}, {} năm trước", -n),
        }
    }
}

/// A deadline relative to a cycle year: "chậm nhất ngày 10/10", "trước ngày 01/09 năm sau".
///
/// # Example
///
/// ```
/// use dvk::rules::{CycleDate, CycleDeadline};
///
/// let due = CycleDeadline::before(CycleDate::new(1, 9, 1).unwrap());
/// assert_eq!(due.in_year(2018).describe(), "trước ngày 01/09/2019");
/// assert_eq!(due.describe(), "trước ngày 01/09 năm sau");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleDeadline {
    /// The day the document names.
    pub on: CycleDate,
    /// True when the document says "before" that day, so the day itself is late.
    pub exclusive: bool,
}

impl CycleDeadline {
    /// "No later than" the day.
    pub fn on_or_before(on: CycleDate) -> Self {
        CycleDeadline {
            on,
            exclusive: false,
        }
    }

    /// "Before" the day.
    pub fn before(on: CycleDate) -> Self {
        CycleDeadline {
            on,
            exclusive: true,
        }
    }

    /// The deadline of a cycle year.
    pub fn in_year(&self, cycle_year: i32) -> Deadline {
        Deadline {
            date: self.on.in_year(cycle_year),
            exclusive: self.exclusive,
        }
    }

    /// The pattern as a clerk reads it.
    pub fn describe(&self) -> String {
        if self.exclusive {
            format!("trước ngày {}", self.on.describe())
        } else {
            format!("chậm nhất ngày {}", self.on.describe())
        }
    }
}

/// The rules in force for one cycle year.
///
/// # Example
///
/// ```
/// use dvk::rules::Rules;
///
/// let rule = Rules::builtin().for_year(2018);
/// assert_eq!(rule.self_assessment_due.describe(), "trước ngày 01/09/2019");
/// assert_eq!((rule.min_collective, rule.min_individual), (1, 1));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CycleRule {
    /// The cycle year.
    pub year: i32,
    /// The document the rule comes from, as a clerk would cite it.
    pub source: String,
    /// Whether the rule is built in, from `dvk.toml`, or the default rule.
    pub origin: RuleOrigin,
    /// When registration opens, if the document says.
    pub registration_opens: Option<NaiveDate>,
    /// The registration deadline.
    pub registration_due: Deadline,
    /// The self-assessment deadline.
    pub self_assessment_due: Deadline,
    /// Minimum collective models per cell.
    pub min_collective: u32,
    /// Minimum individual exemplars per cell.
    pub min_individual: u32,
    /// What a self-assessment must show to be recognized.
    pub recognition: Recognition,
}

impl CycleRule {
    /// The registration window as plans and forms word it: "từ ngày 01/10/2025, chậm nhất
    /// ngày 10/10/2025", or the deadline alone when the document gives no opening day.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Rules;
    ///
    /// let rule = Rules::builtin().for_year(2018);
    /// assert_eq!(rule.registration_window(), "từ ngày 01/10/2018, chậm nhất ngày 10/10/2018");
    /// ```
    pub fn registration_window(&self) -> String {
        match self.registration_opens {
            Some(opens) => format!(
                "từ ngày {}, {}",
                format_date(opens),
                self.registration_due.words()
            ),
            None => self.registration_due.words(),
        }
    }
}

/// A complete rule for any year, as a pattern: the default rule, for years no cycle covers,
/// and the base every cycle takes what it does not say from.
///
/// # Example
///
/// ```
/// use dvk::rules::{RuleOrigin, RulePattern};
///
/// let rule = RulePattern::plan_61().rule(2019, RuleOrigin::Default);
/// assert_eq!(rule.registration_due.describe(), "10/10/2019");
/// assert_eq!(rule.source, "quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP)");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RulePattern {
    /// The document the pattern comes from.
    pub source: String,
    /// When registration opens, if the document says.
    pub registration_opens: Option<CycleDate>,
    /// The registration deadline.
    pub registration_due: CycleDeadline,
    /// The self-assessment deadline.
    pub self_assessment_due: CycleDeadline,
    /// Minimum collective models per cell.
    pub min_collective: u32,
    /// Minimum individual exemplars per cell.
    pub min_individual: u32,
    /// What a self-assessment must show to be recognized.
    pub recognition: Recognition,
}

/// A day and month of the cycle year itself (offset 0), for the built-in patterns.
fn same_year(day: u32, month: u32) -> CycleDate {
    CycleDate {
        day,
        month,
        year_offset: 0,
    }
}

impl RulePattern {
    /// Plan 61-KH/ĐUSTP (seed 002, sections III.4.2 and III.5): register from 01/10, "chậm
    /// nhất đến ngày 10/10 hàng năm"; self-assess "trước ngày 01/9 của năm sau"; "ít nhất 02
    /// mô hình, điển hình … (01 tập thể, 01 cá nhân)".
    pub fn plan_61() -> Self {
        RulePattern {
            source: "Kế hoạch 61-KH/ĐUSTP".to_string(),
            registration_opens: Some(same_year(1, 10)),
            registration_due: CycleDeadline::on_or_before(same_year(10, 10)),
            self_assessment_due: CycleDeadline::before(CycleDate {
                day: 1,
                month: 9,
                year_offset: 1,
            }),
            min_collective: 1,
            min_individual: 1,
            recognition: Recognition::default(),
        }
    }

    /// The rule of a year. With [`RuleOrigin::Default`] the source reads "quy tắc mặc định
    /// (theo …)", so a clerk sees that no document names that year.
    pub fn rule(&self, year: i32, origin: RuleOrigin) -> CycleRule {
        let source = match origin {
            RuleOrigin::Default => format!("quy tắc mặc định (theo {})", self.source),
            RuleOrigin::Builtin | RuleOrigin::Config => self.source.clone(),
        };
        CycleRule {
            year,
            source,
            origin,
            registration_opens: self.registration_opens.map(|d| d.in_year(year)),
            registration_due: self.registration_due.in_year(year),
            self_assessment_due: self.self_assessment_due.in_year(year),
            min_collective: self.min_collective,
            min_individual: self.min_individual,
            recognition: self.recognition.clone(),
        }
    }
}

/// A registration window, taken whole: when it opens (if the document says) and its deadline.
///
/// # Example
///
/// ```
/// use dvk::rules::{CycleDate, CycleDeadline, Window};
///
/// let letter_821 = Window {
///     opens: None,
///     due: CycleDeadline::before(CycleDate::new(26, 2, 0).unwrap()),
/// };
/// assert_eq!(letter_821.due.in_year(2024).describe(), "trước ngày 26/02/2024");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// When registration opens.
    pub opens: Option<CycleDate>,
    /// The registration deadline.
    pub due: CycleDeadline,
}

/// The years one document covers, and what it sets for them. Anything left `None` comes from
/// the default rule ([`RulePattern`]) when the rule of a year is asked for.
///
/// The registration window is taken whole: a cycle that sets its own deadline but no opening
/// day has none (letter 821-CV/ĐUK names only "trước ngày 26/02"), rather than the default's
/// 01/10, which would fall after its deadline.
///
/// # Example
///
/// ```
/// use dvk::rules::{Cycle, RuleOrigin, RulePattern};
///
/// let cycle = Cycle::new(2024, 2024, "Công văn 821-CV/ĐUK", RuleOrigin::Builtin);
/// let rule = cycle.rule(&RulePattern::plan_61(), 2024);
/// assert_eq!(rule.registration_due.describe(), "10/10/2024"); // nothing set: the default's
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    /// The first cycle year covered.
    pub first_year: i32,
    /// The last cycle year covered (equal to `first_year` for a one-year document).
    pub last_year: i32,
    /// The document, as a clerk would cite it.
    pub source: String,
    /// Built in, or from `dvk.toml`.
    pub origin: RuleOrigin,
    /// The registration window.
    pub registration: Option<Window>,
    /// The self-assessment deadline.
    pub self_assessment_due: Option<CycleDeadline>,
    /// Minimum collective models per cell.
    pub min_collective: Option<u32>,
    /// Minimum individual exemplars per cell.
    pub min_individual: Option<u32>,
    /// What a self-assessment must show to be recognized.
    pub recognition: Option<Recognition>,
}

impl Cycle {
    /// A cycle that sets nothing yet: every value comes from the default rule.
    pub fn new(first_year: i32, last_year: i32, source: &str, origin: RuleOrigin) -> Self {
        Cycle {
            first_year,
            last_year,
            source: source.to_string(),
            origin,
            registration: None,
            self_assessment_due: None,
            min_collective: None,
            min_individual: None,
            recognition: None,
        }
    }

    /// True when the cycle covers the year.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// The rule of a year: what the cycle sets, the default rule for the rest.
    pub fn rule(&self, default: &RulePattern, year: i32) -> CycleRule {
        let (opens, due) = match self.registration {
            Some(window) => (window.opens, window.due),
            None => (default.registration_opens, default.registration_due),
        };
        let pattern = RulePattern {
            source: self.source.clone(),
            registration_opens: opens,
            registration_due: due,
            self_assessment_due: self
                .self_assessment_due
                .unwrap_or(default.self_assessment_due),
            min_collective: self.min_collective.unwrap_or(default.min_collective),
            min_individual: self.min_individual.unwrap_or(default.min_individual),
            recognition: self
                .recognition
                .clone()
                .unwrap_or_else(|| default.recognition.clone()),
        };
        pattern.rule(year, self.origin)
    }

    /// The years as a clerk writes them: "2024", "2016–2020".
    pub fn describe_years(&self) -> String {
        describe_years(self.first_year, self.last_year)
    }
}

/// "2024" or "2016–2020".
fn describe_years(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// A phase of a multi-year movement, closed by a review: plan 61-KH/ĐUSTP splits 2016–2020
/// into "Đợt 1" (10/2016–10/2018, sơ kết before 01/10/2018) and "Đợt 2" (10/2018–10/2020,
/// tổng kết before 01/09/2020).
///
/// A cycle year belongs to the phase in which its registration window starts (October, under
/// the plan): the year 2018 registers in 10/2018, the month phase 2 begins, so it belongs to
/// phase 2, and phase 1 holds the cycles 2016 and 2017.
///
/// # Example
///
/// ```
/// use dvk::rules::Rules;
///
/// let rules = Rules::builtin();
/// let phase = rules.phase_of(2018).unwrap();
/// assert_eq!(phase.review, "tổng kết");
/// assert_eq!(phase.review_due.describe(), "trước ngày 01/09/2020");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// The name the document gives it: "Đợt 1".
    pub name: String,
    /// The review that closes it: "sơ kết" (interim) or "tổng kết" (final).
    pub review: String,
    /// The first day of its first month.
    pub starts: NaiveDate,
    /// The last day of its last month.
    pub ends: NaiveDate,
    /// The first cycle year in the phase.
    pub first_year: i32,
    /// The last cycle year in the phase.
    pub last_year: i32,
    /// The review's deadline.
    pub review_due: Deadline,
}

impl Phase {
    /// True when the cycle year belongs to the phase.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// The phase as a clerk reads it: "Đợt 2 (10/2018 – 10/2020; các năm 2018–2020): tổng
    /// kết trước ngày 01/09/2020".
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Rules;
    ///
    /// let rules = Rules::builtin();
    /// assert_eq!(
    ///     rules.phases()[0].describe(),
    ///     "Đợt 1 (10/2016 – 10/2018; các năm 2016–2017): sơ kết trước ngày 01/10/2018"
    /// );
    /// ```
    pub fn describe(&self) -> String {
        let years = describe_years(self.first_year, self.last_year);
        let years = if self.first_year == self.last_year {
            format!("năm {years}")
        } else {
            format!("các năm {years}")
        };
        format!(
            "{} ({} – {}; {years}): {} {}",
            self.name,
            self.starts.format("%m/%Y"),
            self.ends.format("%m/%Y"),
            self.review,
            self.review_due.describe()
        )
    }
}

/// The rules of every year: the cycles documents set, a default rule for years no document
/// covers, and the phases of the movement.
///
/// # Example
///
/// ```
/// use dvk::rules::Rules;
///
/// let rules = Rules::builtin();
/// assert_eq!(rules.for_year(2018).registration_due.describe(), "10/10/2018");
/// assert_eq!(rules.for_year(2024).registration_due.describe(), "trước ngày 26/02/2024");
/// assert!(rules.for_year(2031).source.contains("mặc định"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    default: RulePattern,
    cycles: Vec<Cycle>,
    phases: Vec<Phase>,
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl Rules {
    /// Rules from their parts. When two cycles (or phases) cover one year, the first wins;
    /// [`crate::rules::config`] refuses such files before they get here.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::{Cycle, CycleDate, CycleDeadline, RuleOrigin, RulePattern, Rules, Window};
    ///
    /// let mut cycle = Cycle::new(2025, 2025, "Công văn 900-CV/ĐUK", RuleOrigin::Config);
    /// cycle.registration = Some(Window {
    ///     opens: None,
    ///     due: CycleDeadline::before(CycleDate::new(15, 3, 0).unwrap()),
    /// });
    /// let rules = Rules::new(RulePattern::plan_61(), vec![cycle], Vec::new());
    /// assert_eq!(rules.for_year(2025).registration_due.describe(), "trước ngày 15/03/2025");
    /// assert!(rules.phase_of(2025).is_none());
    /// ```
    pub fn new(default: RulePattern, cycles: Vec<Cycle>, phases: Vec<Phase>) -> Self {
        Rules {
            default,
            cycles,
            phases,
        }
    }

    /// The rules of the seed documents.
    pub fn builtin() -> Self {
        Rules::new(
            RulePattern::plan_61(),
            Self::builtin_cycles(),
            Self::builtin_phases(),
        )
    }

    /// The cycles of the seed documents: plan 61-KH/ĐUSTP for 2016–2020, letter 821-CV/ĐUK
    /// for 2024.
    pub(crate) fn builtin_cycles() -> Vec<Cycle> {
        let plan = RulePattern::plan_61();
        let plan_61 = Cycle {
            registration: Some(Window {
                opens: plan.registration_opens,
                due: plan.registration_due,
            }),
            self_assessment_due: Some(plan.self_assessment_due),
            min_collective: Some(plan.min_collective),
            min_individual: Some(plan.min_individual),
            ..Cycle::new(2016, 2020, &plan.source, RuleOrigin::Builtin)
        };
        // Letter 821-CV/ĐUK (seed 004): register one or more models "trước ngày 26 tháng 2
        // năm 2024". It sets no self-assessment date nor quota per kind: the default's apply.
        let letter_821 = Cycle {
            registration: Some(Window {
                opens: None,
                due: CycleDeadline::before(same_year(26, 2)),
            }),
            ..Cycle::new(2024, 2024, "Công văn 821-CV/ĐUK", RuleOrigin::Builtin)
        };
        vec![plan_61, letter_821]
    }

    /// The phases of plan 61-KH/ĐUSTP (section III.1 and III.6.1).
    pub(crate) fn builtin_phases() -> Vec<Phase> {
        vec![
            Phase {
                name: "Đợt 1".to_string(),
                review: "sơ kết".to_string(),
                starts: date(2016, 10, 1),
                ends: date(2018, 10, 31),
                first_year: 2016,
                last_year: 2017,
                review_due: Deadline::before(date(2018, 10, 1)),
            },
            Phase {
                name: "Đợt 2".to_string(),
                review: "tổng kết".to_string(),
                starts: date(2018, 10, 1),
                ends: date(2020, 10, 31),
                first_year: 2018,
                last_year: 2020,
                review_due: Deadline::before(date(2020, 9, 1)),
            },
        ]
    }

    /// The rule of a cycle year: that of the first cycle covering it, or else the default
    /// rule moved to the year (its `origin` is [`RuleOrigin::Default`] and its source says so).
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::{RuleOrigin, Rules};
    ///
    /// let rule = Rules::builtin().for_year(2031);
    /// assert_eq!(rule.origin, RuleOrigin::Default);
    /// assert_eq!(rule.registration_due.describe(), "10/10/2031");
    /// ```
    pub fn for_year(&self, year: i32) -> CycleRule {
        match self.cycle_of(year) {
            Some(cycle) => cycle.rule(&self.default, year),
            None => self.default.rule(year, RuleOrigin::Default),
        }
    }

    /// The rules of `years`, each built once: [`Rules::for_year`] builds a rule (its source
    /// text, its thresholds) at every call, and judging asks for one per record.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Rules;
    ///
    /// let rules = Rules::builtin();
    /// let settled = rules.settle(&[2018, 2024]);
    /// assert_eq!(*settled.get(2024), rules.for_year(2024));
    /// assert_eq!(*settled.get(2031), rules.for_year(2031));
    /// ```
    pub fn settle(&self, years: &[i32]) -> SettledRules<'_> {
        SettledRules {
            rules: self,
            by_year: years
                .iter()
                .map(|&year| (year, self.for_year(year)))
                .collect(),
        }
    }

    /// The cycle covering a year, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Rules;
    ///
    /// let rules = Rules::builtin();
    /// assert_eq!(rules.cycle_of(2019).unwrap().describe_years(), "2016–2020");
    /// assert!(rules.cycle_of(2022).is_none());
    /// ```
    pub fn cycle_of(&self, year: i32) -> Option<&Cycle> {
        self.cycles.iter().find(|c| c.covers(year))
    }

    /// The default rule.
    pub(crate) fn default_rule(&self) -> &RulePattern {
        &self.default
    }

    /// The cycles, in the order given.
    pub fn cycles(&self) -> &[Cycle] {
        &self.cycles
    }

    /// The phases, in the order given.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The phase a cycle year belongs to, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::Rules;
    ///
    /// let rules = Rules::builtin();
    /// assert_eq!(rules.phase_of(2017).map(|p| p.name.as_str()), Some("Đợt 1"));
    /// assert!(rules.phase_of(2021).is_none());
    /// ```
    pub fn phase_of(&self, year: i32) -> Option<&Phase> {
        self.phases.iter().find(|p| p.covers(year))
    }
}

/// The rules of a set of cycle years, each built once ([`Rules::settle`]); a year outside the
/// set is built when asked for.
#[derive(Debug)]
pub struct SettledRules<'r> {
    rules: &'r Rules,
    by_year: Vec<(i32, CycleRule)>,
}

impl SettledRules<'_> {
    /// The rule of `year`: the one settled, or one built now for a year outside the set.
    pub fn get(&self, year: i32) -> Cow<'_, CycleRule> {
        match self.by_year.iter().find(|(y, _)| *y == year) {
            Some((_, rule)) => Cow::Borrowed(rule),
            None => Cow::Owned(self.rules.for_year(year)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_61_deadlines() {
        let rule = Rules::builtin().for_year(2018);
        assert_eq!(rule.origin, RuleOrigin::Builtin);
        assert_eq!(rule.source, "Kế hoạch 61-KH/ĐUSTP");
        assert_eq!(rule.registration_opens, Some(date(2018, 10, 1)));
        // "Chậm nhất đến ngày 10/10": the day itself is on time, the next is late.
        assert_eq!(rule.registration_due.days_late(date(2018, 10, 10)), None);
        assert_eq!(rule.registration_due.days_late(date(2018, 10, 11)), Some(1));
        // The self-assessment falls in the next year, "before 01/09".
        assert_eq!(rule.self_assessment_due.date, date(2019, 9, 1));
        assert_eq!(rule.self_assessment_due.days_late(date(2019, 8, 31)), None);
        assert_eq!(
            rule.self_assessment_due.days_late(date(2019, 9, 1)),
            Some(1)
        );
    }

    #[test]
    fn letter_821_and_a_leap_day() {
        let rule = Rules::builtin().for_year(2024);
        assert_eq!(rule.registration_opens, None);
        // "Trước ngày 26/02": the 25th is the last day, the 26th is a day late.
        assert_eq!(rule.registration_due.days_late(date(2024, 2, 25)), None);
        assert_eq!(rule.registration_due.days_late(date(2024, 2, 26)), Some(1));
        assert_eq!(rule.registration_due.days_late(date(2024, 2, 29)), Some(4));
        assert_eq!(rule.self_assessment_due.describe(), "trước ngày 01/09/2025");
        assert_eq!(rule.source, "Công văn 821-CV/ĐUK");
    }

    #[test]
    fn two_cycles_differ() {
        let rules = Rules::builtin();
        let (a, b) = (rules.for_year(2018), rules.for_year(2024));
        assert_eq!(a.registration_due.date, date(2018, 10, 10));
        assert_eq!(b.registration_due.date, date(2024, 2, 26));
        assert!(!a.registration_due.exclusive && b.registration_due.exclusive);
    }

    #[test]
    fn an_unconfigured_year_gets_the_default_rule() {
        let rule = Rules::builtin().for_year(2031);
        assert_eq!(rule.origin, RuleOrigin::Default);
        assert_eq!(rule.source, "quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP)");
        assert_eq!(
            rule.registration_due,
            Deadline::on_or_before(date(2031, 10, 10))
        );
        assert_eq!(rule.self_assessment_due, Deadline::before(date(2032, 9, 1)));
        assert_eq!(rule.recognition, Recognition::default());
    }

    #[test]
    fn phases_of_plan_61() {
        let rules = Rules::builtin();
        let name = |y| rules.phase_of(y).map(|p| p.name.clone());
        assert_eq!(name(2015), None);
        assert_eq!(name(2016).as_deref(), Some("Đợt 1"));
        assert_eq!(name(2017).as_deref(), Some("Đợt 1"));
        assert_eq!(name(2018).as_deref(), Some("Đợt 2"));
        assert_eq!(name(2020).as_deref(), Some("Đợt 2"));
        assert_eq!(name(2021), None);
        let first = &rules.phases()[0];
        assert_eq!(first.review_due.days_late(date(2018, 9, 30)), None);
        assert_eq!(first.review_due.days_late(date(2018, 10, 1)), Some(1));
    }

    #[test]
    fn votes_at_the_edge() {
        let r = Recognition::default();
        let count = |favour, total| VoteShare::Count { favour, total };
        assert!(
            !r.vote_passes(count(10, 20)),
            "exactly half is not more than half"
        );
        assert!(r.vote_passes(count(11, 20)));
        assert!(!r.vote_passes(count(0, 0)));
        assert!(r.vote_passes(VoteShare::Percent(51.0)));
        assert!(!r.vote_passes(VoteShare::Percent(50.0)));
        let two_thirds = Recognition {
            vote_share_above: 0.6,
            ..Recognition::default()
        };
        assert!(!two_thirds.vote_passes(count(3, 5)));
        assert!(!two_thirds.vote_passes(VoteShare::Percent(60.0)));
        assert!(two_thirds.vote_passes(count(4, 5)));
    }

    #[test]
    fn ratings_at_the_edge() {
        let r = Recognition::default();
        assert_eq!(r.rating_meets("Xuất sắc"), Some(true));
        assert_eq!(r.rating_meets("tốt"), Some(true));
        assert_eq!(r.rating_meets("TOT"), Some(true));
        assert_eq!(r.rating_meets("Khá"), Some(false));
        assert_eq!(r.rating_meets("Không đạt"), Some(false));
        assert_eq!(r.rating_meets("Hoàn thành"), None);
        let lenient = Recognition {
            min_rating: "Đạt".to_string(),
            ..Recognition::default()
        };
        assert_eq!(lenient.rating_meets("Đạt"), Some(true));
        assert_eq!(lenient.rating_meets("Không đạt"), Some(false));
        assert_eq!(
            Recognition {
                vote_share_above: 2.0 / 3.0,
                ..r
            }
            .describe_vote(),
            "trên 66,67% số phiếu tán thành"
        );
    }

    #[test]
    fn cycle_dates() {
        assert!(CycleDate::new(31, 2, 0).is_none());
        assert!(CycleDate::new(31, 4, 0).is_none());
        assert!(CycleDate::new(0, 10, 0).is_none());
        let leap = CycleDate::new(29, 2, 0).unwrap();
        assert_eq!(leap.in_year(2024), date(2024, 2, 29));
        assert_eq!(leap.in_year(2023), date(2023, 2, 28));
        assert_eq!(
            CycleDate::new(15, 12, -1).unwrap().describe(),
            "15/12 năm trước"
        );
        assert_eq!(
            CycleDeadline::on_or_before(same_year(10, 10)).describe(),
            "chậm nhất ngày 10/10"
        );
    }
}
