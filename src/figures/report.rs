//! The figures of one report, the consolidated yearly report (due 30/12) or the phase review:
//! the span of years it covers ([`Span`]), its counts with polars ([`super::aggregate`]) and,
//! per year, what each unit lacks ([`super::missing`]). Writing them is
//! [`crate::output::report`]'s.

use chrono::NaiveDate;

use crate::error::Result;
use crate::figures::aggregate::{self, Aggregates};
use crate::figures::missing::{self, MissingReport};
use crate::judge::assess::Model;
use crate::judge::roster::Roster;
use crate::pipeline::check_report::CheckReport;
use crate::rules::config::Config;

/// The cycle years a report covers: one year, or a phase from `first` to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first cycle year.
    pub first: i32,
    /// The last cycle year (equal to `first` for the yearly report).
    pub last: i32,
}

impl Span {
    /// The date of the report: 30/12 of its last year, when the office reports every year.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::report::Span;
    ///
    /// let span = Span { first: 2016, last: 2018 };
    /// assert_eq!(span.report_date().to_string(), "2018-12-30");
    /// ```
    pub fn report_date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.last, 12, 30).unwrap_or_default()
    }
}

impl Span {
    /// The models of the span's cycle years, moved out of `models`, not copied: a rollup
    /// lists a hundred thousand of them.
    pub(crate) fn models_in(&self, models: Vec<Model>) -> Vec<Model> {
        models
            .into_iter()
            .filter(|model| (self.first..=self.last).contains(&model.registration.year))
            .collect()
    }
}

/// Everything a report shows, computed from a check.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The figures.
    pub aggregates: Aggregates,
    /// What each roster cell lacks, per year (empty without a roster).
    pub missing: Vec<MissingReport>,
}

/// Computes the figures and the missing lists of a report.
pub(crate) fn prepare(
    checked: &CheckReport,
    roster: Option<&Roster>,
    config: &Config,
    span: Span,
    as_of: NaiveDate,
) -> Result<Prepared> {
    let aggregates = aggregate::aggregate(
        &checked.models,
        roster,
        &config.rules,
        span.first,
        span.last,
        &config.fields,
    )?;
    let missing = match roster {
        Some(roster) => (span.first..=span.last)
            .map(|year| missing::missing(&checked.models, roster, &config.rules, year, as_of))
            .collect(),
        None => Vec::new(),
    };
    Ok(Prepared {
        aggregates,
        missing,
    })
}
