//! The rules of each cycle year: deadlines and quotas, from the committee's documents.
//!
//! Built-in rules reproduce the seed documents: plan 61-KH/ĐUSTP for the cycles 2016–2020 and
//! letter 821-CV/ĐUK for 2024. Any other year gets the default rule, which is the plan's.

use chrono::NaiveDate;

use crate::values::format_date;

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
}

/// The rules in force for one cycle year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleRule {
    /// The cycle year.
    pub year: i32,
    /// The document the rule comes from, as a clerk would cite it.
    pub source: String,
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
}

/// The rules of every year, with a fallback for years no document covers.
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    cycles: Vec<CycleRule>,
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Plan 61-KH/ĐUSTP (seed 002): register 01/10–10/10 of the year, self-assess before 01/09 of
/// the next year, one collective and one individual per cell.
fn plan_61(year: i32, source: &str) -> CycleRule {
    CycleRule {
        year,
        source: source.to_string(),
        registration_opens: Some(date(year, 10, 1)),
        registration_due: Deadline::on_or_before(date(year, 10, 10)),
        self_assessment_due: Deadline::before(date(year + 1, 9, 1)),
        min_collective: 1,
        min_individual: 1,
    }
}

impl Rules {
    /// The rules of the seed documents.
    pub fn builtin() -> Self {
        let mut cycles: Vec<CycleRule> = (2016..=2020)
            .map(|y| plan_61(y, "Kế hoạch 61-KH/ĐUSTP"))
            .collect();
        // Letter 821-CV/ĐUK (seed 004): register one or more models "trước ngày 26 tháng 2 năm
        // 2024". The letter sets no self-assessment date, so the plan's custom applies.
        cycles.push(CycleRule {
            registration_opens: None,
            registration_due: Deadline::before(date(2024, 2, 26)),
            ..plan_61(2024, "Công văn 821-CV/ĐUK")
        });
        Rules { cycles }
    }

    /// The rule of a cycle year; years no document covers get the default rule (that of plan
    /// 61-KH/ĐUSTP, moved to the year), and its source says so.
    pub fn for_year(&self, year: i32) -> CycleRule {
        self.cycles
            .iter()
            .find(|c| c.year == year)
            .cloned()
            .unwrap_or_else(|| plan_61(year, "quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_61_deadlines() {
        let rule = Rules::builtin().for_year(2018);
        assert_eq!(rule.registration_due.days_late(date(2018, 10, 10)), None);
        assert_eq!(rule.registration_due.days_late(date(2018, 10, 11)), Some(1));
        // The self-assessment falls in the next year, "before 01/09".
        assert_eq!(rule.self_assessment_due.days_late(date(2019, 8, 31)), None);
        assert_eq!(
            rule.self_assessment_due.days_late(date(2019, 9, 1)),
            Some(1)
        );
    }

    #[test]
    fn letter_821_and_a_leap_day() {
        let rule = Rules::builtin().for_year(2024);
        assert_eq!(rule.registration_due.days_late(date(2024, 2, 25)), None);
        assert_eq!(rule.registration_due.days_late(date(2024, 2, 29)), Some(4));
        assert_eq!(rule.source, "Công văn 821-CV/ĐUK");
    }
}
