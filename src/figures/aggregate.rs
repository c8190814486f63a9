//! Aggregating the judged models with polars: per cell and year, per field, per phase, totals,
//! and the roster cells with nothing registered (an anti-join against the roster).
//!
//! The records are loaded into DataFrames once; every figure comes from a lazy query over them,
//! so no group-by loop is written by hand beside polars.

use serde::Serialize;

/// The figures counted for a cell, a year, a field or a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Collective models registered (accepted rows).
    pub collective: u32,
    /// Individual exemplars registered.
    pub individual: u32,
    /// Registrations on time.
    pub on_time: u32,
    /// Registrations after the deadline.
    pub late: u32,
    /// Models with a self-assessment.
    pub self_assessed: u32,
    /// Models that meet every principle of recognition, or are recognized.
    pub eligible: u32,
    /// Models the committee recognized.
    pub recognized: u32,
    /// Models commended (khen thưởng).
    pub commended: u32,
}

impl Counts {
    /// Models registered, collective and individual.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::aggregate::Counts;
    ///
    /// let counts = Counts { collective: 2, individual: 1, ..Counts::default() };
    /// assert_eq!(counts.registered(), 3);
    /// ```
    pub fn registered(&self) -> u32 {
        self.collective + self.individual
    }

    /// The eight figures in their order: collective, individual, on time, late, self-assessed,
    /// eligible, recognized, commended.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::aggregate::Counts;
    ///
    /// let counts = Counts { collective: 2, late: 1, ..Counts::default() };
    /// assert_eq!(counts.figures(), [2, 0, 0, 1, 0, 0, 0, 0]);
    /// assert_eq!(Counts::from_figures(counts.figures()), counts);
    /// ```
    pub fn figures(&self) -> [u32; 8] {
        [
            self.collective,
            self.individual,
            self.on_time,
            self.late,
            self.self_assessed,
            self.eligible,
            self.recognized,
            self.commended,
        ]
    }

    /// Counts from the eight figures in the order of [`Counts::figures`].
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::aggregate::Counts;
    ///
    /// assert_eq!(Counts::from_figures([1, 2, 3, 0, 0, 0, 0, 0]).on_time, 3);
    /// ```
    pub fn from_figures(figures: [u32; 8]) -> Self {
        let [collective, individual, on_time, late, self_assessed, eligible, recognized, commended] =
            figures;
        Counts {
            collective,
            individual,
            on_time,
            late,
            self_assessed,
            eligible,
            recognized,
            commended,
        }
    }

    /// The figures of both, added one by one.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::figures::aggregate::Counts;
    ///
    /// let one = Counts { late: 1, ..Counts::default() };
    /// assert_eq!(one.plus(&one).late, 2);
    /// ```
    #[must_use]
    pub fn plus(&self, other: &Counts) -> Counts {
        let (a, b) = (self.figures(), other.figures());
        Counts::from_figures(std::array::from_fn(|i| a[i] + b[i]))
    }
}

/// The figures of one cell in one cycle year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitYear {
    /// The member committee the unit belongs to, in a higher committee's consolidation of its
    /// members' reports (as their header blocks write it); `None` for the committee's own units.
    pub committee: Option<String>,
    /// The unit (the roster's spelling).
    #[serde(rename = "cell")]
    pub unit: String,
    /// The cycle year.
    pub year: i32,
    /// The figures.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The figures of one field (lĩnh vực) in one cycle year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldYear {
    /// The field; "Chưa ghi lĩnh vực" when the registration leaves it blank, "Chưa xác định
    /// lĩnh vực" when it names one that is not configured.
    pub field: String,
    /// The cycle year.
    pub year: i32,
    /// The figures.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The figures of one phase (sơ kết, tổng kết) over the years it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseFigures {
    /// The phase's name.
    pub phase: String,
    /// Its review ("sơ kết", "tổng kết").
    pub review: String,
    /// The figures over its cycle years (within the years reported).
    #[serde(flatten)]
    pub counts: Counts,
}

/// Everything a report shows in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Aggregates {
    /// The cycle years reported, in order.
    pub years: Vec<i32>,
    /// One row per cell and year: every roster cell (or every cell seen, without a roster) for
    /// every year, in roster order then year order, with zeros where nothing was registered.
    pub rows: Vec<UnitYear>,
    /// The figures of each year.
    pub year_totals: Vec<(i32, Counts)>,
    /// All years together.
    pub totals: Counts,
    /// Per field and year, fields in the configured order, then any other.
    pub by_field: Vec<FieldYear>,
    /// Per phase that covers a reported year.
    pub by_phase: Vec<PhaseFigures>,
    /// Per year, the cells with no registration at all (roster order).
    pub missing: Vec<(i32, Vec<String>)>,
}

use std::collections::HashMap;

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::judge::assess::{Model, Status};
use crate::judge::roster::Roster;
use crate::recognize::values::Kind;
use crate::rules::Rules;

/// The count columns of the models frame, in the order of [`Counts`].
const COUNT_COLUMNS: [&str; 8] = [
    "collective",
    "individual",
    "on_time",
    "late",
    "self_assessed",
    "eligible",
    "recognized",
    "commended",
];

/// What a registration naming a field that matches none of the configured ones is counted
/// under.
pub(crate) const NO_FIELD: &str = crate::recognize::values::UNKNOWN_FIELD;

/// What a registration leaving its field blank is counted under: apart from [`NO_FIELD`],
/// since a clerk asks a unit for the field in one case and corrects its spelling in the other.
pub(crate) const BLANK_FIELD: &str = "Chưa ghi lĩnh vực";

/// Computes every figure of a report over the cycle years `first..=last`.
///
/// `roster`, when given, fixes the cells (and their order) of the per-cell rows and of the
/// missing list; otherwise the cells are those seen. `fields` orders the per-field figures.
///
/// # Example
///
/// ```
/// use dvk::figures::aggregate::aggregate;
/// use dvk::judge::roster::Roster;
/// use dvk::rules::Rules;
///
/// let roster = Roster::from_names(["Chi bộ Văn phòng"]);
/// let figures = aggregate(&[], Some(&roster), &Rules::builtin(), 2018, 2018, &[]).unwrap();
/// assert_eq!(figures.rows.len(), 1);
/// assert_eq!(figures.missing, vec![(2018, vec!["Chi bộ Văn phòng".to_string()])]);
/// ```
pub fn aggregate(
    models: &[Model],
    roster: Option<&Roster>,
    rules: &Rules,
    first: i32,
    last: i32,
    fields: &[String],
) -> Result<Aggregates> {
    let in_range: Vec<&Model> = models
        .iter()
        .filter(|m| (first..=last).contains(&m.registration.year))
        .collect();
    compute(&in_range, roster, rules, first, last, fields)
        .map_err(|e| Error::Internal(format!("tổng hợp số liệu bằng polars thất bại: {e}")))
}

fn compute(
    models: &[&Model],
    roster: Option<&Roster>,
    rules: &Rules,
    first: i32,
    last: i32,
    fields: &[String],
) -> PolarsResult<Aggregates> {
    let years: Vec<i32> = (first..=last).collect();
    let frame = models_frame(models, rules)?;
    let grid = grid_frame(&cells_of(models, roster), &years)?;
    Ok(Aggregates {
        rows: per_cell_year(&frame, &grid)?,
        year_totals: per_year(&frame, &years)?,
        totals: totals(&frame)?,
        by_field: per_field(&frame, fields)?,
        by_phase: per_phase(&frame)?,
        missing: unregistered_cells(&frame, &grid, &years)?,
        years,
    })
}

/// A model's member committee as the frames hold it: "" for the committee's own units (a
/// join never matches nulls).
fn committee_of(model: &Model) -> String {
    model.registration.committee.clone().unwrap_or_default()
}

/// The cells of the report, each with its member committee ("" for the committee's own): the
/// roster's, else those seen, in first-seen order; a consolidation's cells grouped by member
/// committee, the committees in first-seen order.
fn cells_of(models: &[&Model], roster: Option<&Roster>) -> Vec<(String, String)> {
    match roster {
        Some(roster) => roster
            .units()
            .iter()
            .map(|c| (String::new(), c.name.clone()))
            .collect(),
        None => {
            let mut seen = std::collections::HashSet::new();
            let mut cells: Vec<(String, String)> = models
                .iter()
                .map(|m| (committee_of(m), m.registration.unit.clone()))
                .filter(|cell| seen.insert(cell.clone()))
                .collect();
            let mut committees: Vec<&str> = Vec::new();
            for (committee, _) in &cells {
                if !committees.contains(&committee.as_str()) {
                    committees.push(committee);
                }
            }
            let rank: HashMap<String, usize> = committees
                .iter()
                .enumerate()
                .map(|(i, c)| (c.to_string(), i))
                .collect();
            cells.sort_by_key(|(committee, _)| rank.get(committee).copied().unwrap_or(0));
            cells
        }
    }
}

/// One row per model: its cell, year, field, phase, and a 0/1 flag per count.
fn models_frame(models: &[&Model], rules: &Rules) -> PolarsResult<DataFrame> {
    let flag = |test: &dyn Fn(&Model) -> bool| -> Vec<u32> {
        models.iter().map(|m| u32::from(test(m))).collect()
    };
    let has_date = |m: &Model| m.registration.date.is_some();
    let phase_of = |m: &&Model| rules.phase_of(m.registration.year);
    let mut frame = df!(
        "committee" => models.iter().map(|m| committee_of(m)).collect::<Vec<_>>(),
        "cell" => models.iter().map(|m| m.registration.unit.clone()).collect::<Vec<_>>(),
        "year" => models.iter().map(|m| m.registration.year).collect::<Vec<_>>(),
        "field" => models
            .iter()
            .map(|m| match (&m.registration.domain, &m.registration.unknown_field) {
                (Some(field), _) => field.clone(),
                (None, Some(_)) => NO_FIELD.to_string(),
                (None, None) => BLANK_FIELD.to_string(),
            })
            .collect::<Vec<_>>(),
        "phase" => models.iter().map(|m| phase_of(m).map(|p| p.name.clone())).collect::<Vec<_>>(),
        "review" => models.iter().map(|m| phase_of(m).map(|p| p.review.clone())).collect::<Vec<_>>(),
    )?;
    let flags: [Vec<u32>; 8] = [
        flag(&|m| m.registration.kind == Kind::Collective),
        flag(&|m| m.registration.kind == Kind::Individual),
        flag(&|m| has_date(m) && !m.late),
        flag(&|m| m.late),
        flag(&|m| m.self_assessed()),
        flag(&|m| matches!(m.status, Status::Eligible | Status::Recognized)),
        flag(&|m| m.status == Status::Recognized),
        flag(&|m| {
            m.commendation
                .as_deref()
                .is_some_and(|c| !c.trim().is_empty())
        }),
    ];
    for (name, values) in COUNT_COLUMNS.iter().zip(flags) {
        frame.with_column(Column::new((*name).into(), values))?;
    }
    Ok(frame)
}

/// Every cell for every year, with its position for a stable order.
fn grid_frame(cells: &[(String, String)], years: &[i32]) -> PolarsResult<DataFrame> {
    let mut committee = Vec::new();
    let mut cell = Vec::new();
    let mut year = Vec::new();
    for (k, c) in cells {
        for y in years {
            committee.push(k.clone());
            cell.push(c.clone());
            year.push(*y);
        }
    }
    let order: Vec<u32> = (0..cell.len() as u32).collect();
    df!("committee" => committee, "cell" => cell, "year" => year, "order" => order)
}

/// The sums of every count column, as 64-bit integers.
fn sums() -> Vec<Expr> {
    COUNT_COLUMNS
        .iter()
        .map(|c| col(*c).sum().cast(DataType::Int64).alias(*c))
        .collect()
}

fn counts_at(frame: &DataFrame, row: usize) -> PolarsResult<Counts> {
    let mut values = [0u32; 8];
    for (value, name) in values.iter_mut().zip(COUNT_COLUMNS) {
        let column = frame.column(name)?.cast(&DataType::Int64)?;
        *value = column
            .i64()?
            .get(row)
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0);
    }
    Ok(Counts::from_figures(values))
}

fn strings(frame: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(frame
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect())
}

fn integers(frame: &DataFrame, name: &str) -> PolarsResult<Vec<i32>> {
    Ok(frame
        .column(name)?
        .cast(&DataType::Int32)?
        .i32()?
        .iter()
        .map(Option::unwrap_or_default)
        .collect())
}

/// Per cell and year: the grid left-joined to the sums, zeros where nothing matched.
fn per_cell_year(frame: &DataFrame, grid: &DataFrame) -> PolarsResult<Vec<UnitYear>> {
    let keys = [col("committee"), col("cell"), col("year")];
    let sums = frame.clone().lazy().group_by(keys.clone()).agg(sums());
    let filled: Vec<Expr> = COUNT_COLUMNS
        .iter()
        .map(|c| col(*c).fill_null(lit(0i64)))
        .collect();
    let rows = grid
        .clone()
        .lazy()
        .join(sums, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .with_columns(filled)
        .sort(["order"], SortMultipleOptions::default())
        .collect()?;
    let (cells, years) = (strings(&rows, "cell")?, integers(&rows, "year")?);
    let committees = strings(&rows, "committee")?;
    (0..rows.height())
        .map(|i| {
            Ok(UnitYear {
                committee: Some(committees[i].clone()).filter(|c| !c.is_empty()),
                unit: cells[i].clone(),
                year: years[i],
                counts: counts_at(&rows, i)?,
            })
        })
        .collect()
}

fn per_year(frame: &DataFrame, years: &[i32]) -> PolarsResult<Vec<(i32, Counts)>> {
    let grouped = frame
        .clone()
        .lazy()
        .group_by([col("year")])
        .agg(sums())
        .collect()?;
    let seen = integers(&grouped, "year")?;
    years
        .iter()
        .map(|year| {
            let counts = match seen.iter().position(|y| y == year) {
                Some(i) => counts_at(&grouped, i)?,
                None => Counts::default(),
            };
            Ok((*year, counts))
        })
        .collect()
}

fn totals(frame: &DataFrame) -> PolarsResult<Counts> {
    if frame.height() == 0 {
        return Ok(Counts::default());
    }
    let summed = frame.clone().lazy().select(sums()).collect()?;
    counts_at(&summed, 0)
}

/// Per field and year, the configured fields first in their order, then any other by name.
fn per_field(frame: &DataFrame, fields: &[String]) -> PolarsResult<Vec<FieldYear>> {
    let grouped = frame
        .clone()
        .lazy()
        .group_by([col("field"), col("year")])
        .agg(sums())
        .collect()?;
    let (names, years) = (strings(&grouped, "field")?, integers(&grouped, "year")?);
    let mut out: Vec<FieldYear> = (0..grouped.height())
        .map(|i| {
            Ok(FieldYear {
                field: names[i].clone(),
                year: years[i],
                counts: counts_at(&grouped, i)?,
            })
        })
        .collect::<PolarsResult<_>>()?;
    let rank = |field: &str| {
        fields
            .iter()
            .position(|f| f == field)
            .unwrap_or(fields.len())
    };
    out.sort_by(|a, b| (rank(&a.field), &a.field, a.year).cmp(&(rank(&b.field), &b.field, b.year)));
    Ok(out)
}

fn per_phase(frame: &DataFrame) -> PolarsResult<Vec<PhaseFigures>> {
    let grouped = frame
        .clone()
        .lazy()
        .filter(col("phase").is_not_null())
        .group_by_stable([col("phase"), col("review")])
        .agg(sums())
        .collect()?;
    let (phases, reviews) = (strings(&grouped, "phase")?, strings(&grouped, "review")?);
    (0..grouped.height())
        .map(|i| {
            Ok(PhaseFigures {
                phase: phases[i].clone(),
                review: reviews[i].clone(),
                counts: counts_at(&grouped, i)?,
            })
        })
        .collect()
}

/// The cells with no registration in a year: the grid anti-joined with the models.
fn unregistered_cells(
    frame: &DataFrame,
    grid: &DataFrame,
    years: &[i32],
) -> PolarsResult<Vec<(i32, Vec<String>)>> {
    let keys = [col("committee"), col("cell"), col("year")];
    let missing = grid
        .clone()
        .lazy()
        .join(
            frame.clone().lazy().select(keys.clone()),
            keys.clone(),
            keys,
            JoinArgs::new(JoinType::Anti),
        )
        .sort(["order"], SortMultipleOptions::default())
        .collect()?;
    let (cells, of_year) = (strings(&missing, "cell")?, integers(&missing, "year")?);
    Ok(years
        .iter()
        .map(|year| {
            let list = cells
                .iter()
                .zip(&of_year)
                .filter(|(_, y)| *y == year)
                .map(|(c, _)| c.clone())
                .collect();
            (*year, list)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::validate::{Dated, Registration, Source};

    fn model(
        cell: &str,
        year: i32,
        kind: Kind,
        field: Option<&str>,
        late: bool,
        status: Status,
    ) -> Model {
        Model {
            registration: Registration {
                source: Source {
                    path: "a.xlsx".into(),
                    sheet: "DS".into(),
                    row: 7,
                },
                unit: cell.into(),
                year,
                kind,
                name: "M".into(),
                person: None,
                position: None,
                domain: field.map(String::from),
                unknown_field: None,
                date: Some(Dated {
                    date: chrono::NaiveDate::from_ymd_opt(year, 10, 5).unwrap_or_default(),
                    column: None,
                    received: false,
                }),
                sub_unit: None,
                committee: None,
                reported: None,
            },
            assessment: None,
            status,
            reasons: Vec::new(),
            late,
            commendation: (status == Status::Recognized).then(|| "Giấy khen".to_string()),
        }
    }

    #[test]
    fn figures_per_cell_year_field_phase_and_the_missing() {
        let roster = Roster::from_names(["Chi bộ A", "Chi bộ B", "Chi bộ C"]);
        let models = [
            model(
                "Chi bộ A",
                2018,
                Kind::Collective,
                Some("Kinh tế"),
                false,
                Status::Recognized,
            ),
            model(
                "Chi bộ A",
                2018,
                Kind::Individual,
                None,
                true,
                Status::Registered,
            ),
            model(
                "Chi bộ B",
                2018,
                Kind::Collective,
                Some("Kinh tế"),
                false,
                Status::Eligible,
            ),
            model(
                "Chi bộ B",
                2019,
                Kind::Individual,
                Some("Văn hóa – xã hội"),
                false,
                Status::Registered,
            ),
            model(
                "Chi bộ B",
                2024,
                Kind::Individual,
                None,
                false,
                Status::Registered,
            ),
        ];
        let fields = vec!["Văn hóa – xã hội".to_string(), "Kinh tế".to_string()];
        let figures = aggregate(
            &models,
            Some(&roster),
            &Rules::builtin(),
            2018,
            2019,
            &fields,
        )
        .expect("aggregated");
        assert_eq!(figures.years, [2018, 2019]);
        let row = |cell: &str, year: i32| {
            figures
                .rows
                .iter()
                .find(|r| r.unit == cell && r.year == year)
                .map(|r| r.counts)
                .unwrap_or_default()
        };
        assert_eq!(figures.rows.len(), 6);
        assert_eq!(figures.rows[0].unit, "Chi bộ A");
        let a = row("Chi bộ A", 2018);
        assert_eq!(
            (a.collective, a.individual, a.on_time, a.late),
            (1, 1, 1, 1)
        );
        assert_eq!((a.eligible, a.recognized, a.commended), (1, 1, 1));
        assert_eq!(row("Chi bộ C", 2018), Counts::default());
        assert_eq!(figures.totals.registered(), 4, "2024 is outside the years");
        assert_eq!(
            figures.year_totals[1],
            (
                2019,
                Counts {
                    individual: 1,
                    on_time: 1,
                    ..Counts::default()
                }
            )
        );
        let fields: Vec<(&str, i32, u32)> = figures
            .by_field
            .iter()
            .map(|f| (f.field.as_str(), f.year, f.counts.registered()))
            .collect();
        assert_eq!(
            fields,
            [
                ("Văn hóa – xã hội", 2019, 1),
                ("Kinh tế", 2018, 2),
                (BLANK_FIELD, 2018, 1)
            ]
        );
        // 2018 belongs to the second phase of plan 61 (10/2018–10/2020), 2019 too.
        assert_eq!(figures.by_phase.len(), 1);
        assert_eq!(figures.by_phase[0].counts.registered(), 4);
        assert_eq!(
            figures.missing,
            [
                (2018, vec!["Chi bộ C".to_string()]),
                (2019, vec!["Chi bộ A".to_string(), "Chi bộ C".to_string()]),
            ]
        );
    }
}
