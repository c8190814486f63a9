//! The corpus of issue 15: workbooks of three committees of different kinds, written as their
//! clerks write them, and the truth a clerk counted by hand.
//!
//! Each sheet is built row by row, and every row is given its role as it is written (title,
//! header, column numbers, example, section, data, numbered blank, total, note, closing, after
//! the closing): that labelling is the clerk's reading of the sheet, and the `structure` the
//! files must show in `dvk check --json` (see `/docs/json.md`). The figures per unit and the
//! missing lists are written out by hand in each committee's module, counted from the files,
//! never from dvk's output.
//!
//! - [`so`]: a Đảng ủy Sở (Sở Tài chính) with 8 chi bộ;
//! - [`khoi`]: a Đảng ủy Khối Doanh nghiệp with 4 đảng bộ cơ sở and 12 chi bộ cơ sở;
//! - [`phuong`]: a ward committee (Đảng bộ phường) with its khu phố chi bộ;
//! - [`samples`]: the second committee shipped in `samples/dang-uy-khoi/`, its truth written
//!   out literally.

mod khoi;
mod phuong;
mod property;
mod samples;
mod so;

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::book::{self, SheetSpec, V};
use crate::common::workdir::{Run, Workdir};
use serde_json::{json, Value};

/// The year of the corpus: the built-in default rule (register 01/10–10/10/2025, self-assess
/// before 01/09/2026).
pub const YEAR: i32 = 2025;
/// After every deadline of 2025: quotas and self-assessments are all due.
pub const AS_OF: &str = "2026-12-30";
/// After the registration deadline, before the self-assessments are due: `dvk missing` lists
/// quota gaps only.
pub const AS_OF_MISSING: &str = "2025-12-30";

/// What a row is, as a clerk reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    Title,
    Header,
    ColumnNumbers,
    Example,
    /// A section row and what it sets for the rows under it (`{"kind": …}`, `{"field": …}`,
    /// `{"unit": …}`, or `{}`).
    Section(Value),
    Data,
    BlankNumbered,
    /// A total row and the number it states (None: it states none).
    Total(Option<u64>),
    Note,
    Closing,
    AfterClosing,
    Blank,
}

/// One sheet, row by row, each row with its role.
#[derive(Debug, Clone)]
pub struct Doc {
    pub name: String,
    /// `registration`, `self_assessment`, `roster`, `decision`.
    pub form: &'static str,
    pub rows: Vec<(Role, Vec<V>)>,
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// A vertical form (label | value): one record.
    pub vertical: bool,
    /// Rows hidden in Excel (1-based); each keeps its role too.
    pub hidden: Vec<u64>,
}

/// A text cell, or blank for "".
pub fn v(s: &str) -> V {
    if s.is_empty() {
        V::Blank
    } else {
        V::Text(s.to_string())
    }
}

/// A row of texts ("" is blank).
pub fn cells(texts: &[&str]) -> Vec<V> {
    texts.iter().map(|s| v(s)).collect()
}

/// A row with one text at `col`.
pub fn at(col: usize, text: &str) -> Vec<V> {
    let mut row = vec![V::Blank; col];
    row.push(v(text));
    row
}

/// A row with `left` at column 0 and `right` at column `col` (a closing row: "Nơi nhận" on the
/// left, the signature block on the right).
pub fn pair(left: &str, col: usize, right: &str) -> Vec<V> {
    let mut row = at(col, right);
    row[0] = v(left);
    row
}

impl Doc {
    pub fn new(name: &str, form: &'static str) -> Doc {
        Doc {
            name: name.to_string(),
            form,
            rows: Vec::new(),
            merges: Vec::new(),
            vertical: false,
            hidden: Vec::new(),
        }
    }

    /// The 1-based Excel number of the next row.
    pub fn next(&self) -> u32 {
        self.rows.len() as u32 + 1
    }

    pub fn add(&mut self, role: Role, row: Vec<V>) -> &mut Doc {
        self.rows.push((role, row));
        self
    }

    /// A row with one text at `col`, merged over `col..=last`.
    pub fn merged(&mut self, role: Role, col: u16, last: u16, text: &str) -> &mut Doc {
        let r = self.rows.len() as u32;
        if last > col {
            self.merges.push((r, col, r, last));
        }
        self.add(role, at(col.into(), text))
    }

    pub fn blank(&mut self) -> &mut Doc {
        self.add(Role::Blank, Vec::new())
    }

    /// Merges the cell at the given 1-based row and 0-based column down to `last_row`.
    pub fn merge_down(&mut self, row: u32, col: u16, last_row: u32) -> &mut Doc {
        self.merges.push((row - 1, col, last_row - 1, col));
        self
    }

    /// Merges the cell at the given 1-based row across to `last_col`.
    pub fn merge_across(&mut self, row: u32, col: u16, last_col: u16) -> &mut Doc {
        self.merges.push((row - 1, col, row - 1, last_col));
        self
    }

    pub fn spec(&self) -> SheetSpec {
        SheetSpec {
            name: self.name.clone(),
            rows: self.rows.iter().map(|(_, r)| r.clone()).collect(),
            merges: self.merges.clone(),
        }
    }

    /// Panics when a row's role and its content disagree: a blank row with something in it, or
    /// a row with a role and nothing in it (covered cells of a merged range are blank).
    pub fn check_labels(&self) {
        for (i, (role, row)) in self.rows.iter().enumerate() {
            let filled = row.iter().any(|c| !matches!(c, V::Blank));
            assert_eq!(
                filled,
                *role != Role::Blank,
                "sheet {}, row {}: role {role:?} with cells {row:?}",
                self.name,
                i + 1
            );
        }
    }

    /// The data rows a clerk counts.
    pub fn data_rows(&self) -> u64 {
        if self.vertical {
            return 1;
        }
        self.rows.iter().filter(|(r, _)| *r == Role::Data).count() as u64
    }

    /// The entry of `sheets` this sheet must have in `dvk check --json`.
    pub fn expected(&self) -> Value {
        let mut s = Structure::default();
        for (i, (role, row)) in self.rows.iter().enumerate() {
            let n = i as u64 + 1;
            let text = first_text(row);
            match role {
                Role::Title => s.title.push(n),
                Role::Header => s.header.push(n),
                Role::ColumnNumbers => s.column_numbers.push(n),
                Role::Example => s.examples.push(n),
                Role::Section(sets) => {
                    s.sections
                        .push(json!({"row": n, "text": text, "sets": sets.clone()}));
                }
                Role::Data => s.data.push(n),
                Role::BlankNumbered => s.blank_numbered.push(n),
                Role::Total(stated) => {
                    s.totals
                        .push(json!({"row": n, "text": text, "stated": stated}));
                }
                Role::Note => s.notes.push(n),
                Role::Closing => s.closing.push(n),
                Role::AfterClosing => s.after_closing.push(n),
                Role::Blank => {}
            }
        }
        s.hidden = self.hidden.clone();
        json!({
            "name": self.name,
            "form": self.form,
            "rows": self.data_rows(),
            "structure": s.to_json(),
        })
    }
}

/// The text of the first non-blank text cell of a row.
fn first_text(row: &[V]) -> String {
    row.iter()
        .find_map(|c| match c {
            V::Text(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The lists of one sheet's `structure`, as counted.
#[derive(Debug, Default, Clone)]
pub struct Structure {
    pub title: Vec<u64>,
    pub header: Vec<u64>,
    pub column_numbers: Vec<u64>,
    pub examples: Vec<u64>,
    pub examples_used: Vec<u64>,
    pub sections: Vec<Value>,
    pub data: Vec<u64>,
    pub blank_numbered: Vec<u64>,
    pub totals: Vec<Value>,
    pub notes: Vec<u64>,
    pub closing: Vec<u64>,
    pub after_closing: Vec<u64>,
    pub hidden: Vec<u64>,
}

impl Structure {
    pub fn to_json(&self) -> Value {
        json!({
            "title": self.title,
            "header": self.header,
            "column_numbers": self.column_numbers,
            "examples": self.examples,
            "examples_used": self.examples_used,
            "sections": self.sections,
            "data": ranges(&self.data),
            "blank_numbered": self.blank_numbered,
            "totals": self.totals,
            "notes": self.notes,
            "closing": self.closing,
            "after_closing": self.after_closing,
            "hidden": self.hidden,
        })
    }
}

/// Consecutive row numbers as inclusive ranges: [10, 11, 12, 15] → [[10, 12], [15, 15]].
pub fn ranges(rows: &[u64]) -> Vec<[u64; 2]> {
    let mut out: Vec<[u64; 2]> = Vec::new();
    for &r in rows {
        match out.last_mut() {
            Some(last) if last[1] + 1 == r => last[1] = r,
            _ => out.push([r, r]),
        }
    }
    out
}

/// The expected reading of one file.
#[derive(Debug, Clone)]
pub struct FileTruth {
    /// The path as `dvk check` shows it (relative to the inbox).
    pub path: String,
    /// The sheets to check, by name (other sheets, such as a template's «Hướng dẫn», are not
    /// asserted).
    pub sheets: Vec<Value>,
    /// The data rows of the file (`files[i].rows`); None for a copy or a replaced file, whose
    /// row count depends on how the resubmission is reported.
    pub rows: Option<u64>,
}

/// One workbook of the corpus: written to `path` under the inbox, with its truth.
pub fn write(dir: &Workdir, inbox: &str, path: &str, docs: &[Doc]) -> FileTruth {
    for doc in docs {
        doc.check_labels();
    }
    let specs: Vec<SheetSpec> = docs.iter().map(Doc::spec).collect();
    let full = dir.file(&format!("{inbox}/{path}"));
    if path.ends_with(".ods") {
        book::write_ods(&full, &specs).expect("write ods");
    } else {
        book::write_xlsx(&full, &specs).expect("write xlsx");
        for (i, doc) in docs.iter().enumerate() {
            if !doc.hidden.is_empty() {
                crate::common::fill::hide_rows(&full, i + 1, &doc.hidden);
            }
        }
    }
    FileTruth {
        path: path.to_string(),
        sheets: docs.iter().map(Doc::expected).collect(),
        rows: Some(docs.iter().map(Doc::data_rows).sum()),
    }
}

/// A unit's report figures for the year, counted by hand.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub unit: &'static str,
    pub collective: u64,
    pub individual: u64,
    pub self_assessed: u64,
    pub recognized: u64,
    pub commended: u64,
}

/// `Figures` in one line: unit, collective, individual, self-assessed, recognized, commended.
pub const fn fig(
    unit: &'static str,
    collective: u64,
    individual: u64,
    self_assessed: u64,
    recognized: u64,
    commended: u64,
) -> Figures {
    Figures {
        unit,
        collective,
        individual,
        self_assessed,
        recognized,
        commended,
    }
}

/// A committee of the corpus, written into its own folder: `dvk.toml`, the roster, the inbox.
pub struct Committee {
    /// The folder under the test's work folder.
    pub folder: String,
    /// The roster, relative to the work folder.
    pub roster: String,
    /// The roster read as a file of its own (`dvk check ROSTER --json`).
    pub roster_truth: FileTruth,
    pub files: Vec<FileTruth>,
    pub figures: Vec<Figures>,
    /// `dvk missing --year 2025 --as-of 2025-12-30`: the units listed and their codes.
    pub missing: Vec<(&'static str, Vec<&'static str>)>,
    /// The findings of the watched codes a clerk expects: (path, code, row).
    pub findings: Vec<(String, &'static str, Option<u64>)>,
    /// A unit's figures by field, where asserted: (field, collective, individual).
    pub by_field: Vec<(&'static str, u64, u64)>,
    /// The year before (2024), when the committee's inbox holds it too.
    pub earlier: Option<Earlier>,
}

/// The truth of the year before: the figures per unit, and `dvk missing --year 2024 --as-of
/// 2024-12-30`.
pub struct Earlier {
    pub figures: Vec<Figures>,
    pub missing: Vec<(&'static str, Vec<&'static str>)>,
}

/// One year's truth for the report and `missing`: the year, the figures, the figures by field,
/// the as-of day of `missing`.
type YearTruth<'a> = (
    i32,
    &'a [Figures],
    &'a [(&'static str, u64, u64)],
    &'static str,
);

/// The year before [`YEAR`] (built-in rule: letter 821-CV/ĐUK, register before 26/02/2024).
pub const EARLIER: i32 = 2024;

impl Committee {
    pub fn inbox(&self) -> String {
        format!("{}/hop-thu", self.folder)
    }
    pub fn config(&self) -> String {
        format!("{}/dvk.toml", self.folder)
    }
}

/// The codes whose every occurrence the truth lists: a false one (a signature read as a row)
/// or a missed one fails the test.
pub const WATCHED: [&str; 14] = [
    "total-mismatch",
    "row-after-closing",
    "example-row-used",
    "duplicate-file",
    "superseded-file",
    "unknown-field",
    "unknown-cell",
    "missing-column",
    "invalid-value",
    "invalid-date",
    "unregistered-model",
    "duplicate-registration",
    "unknown-form",
    "hidden-row",
];

/// Error-level codes that are expected in the corpus beyond the watched ones (quota and
/// self-assessment gaps, which `missing` lists).
const GAP_CODES: [&str; 4] = [
    "missing-registration",
    "missing-collective",
    "missing-individual",
    "missing-self-assessment",
];

/// Compares the `files[].sheets` of a `check --json` with the truth; returns the differences.
pub fn compare_files(json: &Value, truth: &[FileTruth]) -> Vec<String> {
    let mut problems = Vec::new();
    let files = json["files"].as_array().cloned().unwrap_or_default();
    for expected in truth {
        let Some(file) = files.iter().find(|f| f["path"] == expected.path.as_str()) else {
            problems.push(format!("{}: not in files", expected.path));
            continue;
        };
        if let Some(rows) = expected.rows {
            if file["rows"] != rows {
                problems.push(format!(
                    "{}: rows {} (truth {rows})",
                    expected.path, file["rows"]
                ));
            }
        }
        let sheets = file["sheets"].as_array().cloned().unwrap_or_default();
        for want in &expected.sheets {
            let Some(got) = sheets.iter().find(|s| s["name"] == want["name"]) else {
                problems.push(format!(
                    "{}: sheet {} not in `sheets` (got {})",
                    expected.path, want["name"], file["sheets"]
                ));
                continue;
            };
            for key in ["form", "rows"] {
                if got[key] != want[key] {
                    problems.push(format!(
                        "{} [{}]: {key} {} (truth {})",
                        expected.path, want["name"], got[key], want[key]
                    ));
                }
            }
            let (g, w) = (&got["structure"], &want["structure"]);
            for key in w
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
            {
                if g[&key] != w[&key] {
                    problems.push(format!(
                        "{} [{}]: structure.{key} {} (truth {})",
                        expected.path, want["name"], g[&key], w[&key]
                    ));
                }
            }
        }
    }
    problems
}

/// Compares the watched findings and the error-level ones with the truth.
pub fn compare_findings(json: &Value, c: &Committee) -> Vec<String> {
    let mut problems = Vec::new();
    let issues = json["issues"].as_array().cloned().unwrap_or_default();
    let got: BTreeSet<(String, String, Option<u64>)> = issues
        .iter()
        .filter(|i| WATCHED.contains(&i["code"].as_str().unwrap_or_default()))
        .map(|i| {
            (
                i["path"].as_str().unwrap_or_default().to_string(),
                i["code"].as_str().unwrap_or_default().to_string(),
                i["row"].as_u64(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, Option<u64>)> = c
        .findings
        .iter()
        .map(|(p, code, row)| (p.clone(), code.to_string(), *row))
        .collect();
    for w in want.difference(&got) {
        problems.push(format!("finding missing: {w:?}"));
    }
    for g in got.difference(&want) {
        problems.push(format!("finding not in the truth: {g:?}"));
    }
    for i in &issues {
        let code = i["code"].as_str().unwrap_or_default();
        if i["severity"] == "error" && !WATCHED.contains(&code) && !GAP_CODES.contains(&code) {
            problems.push(format!(
                "unexpected error {code} at {} row {}: {}",
                i["path"], i["row"], i["message"]
            ));
        }
    }
    problems
}

/// Compares `dvk report --year Y --json`'s rows with the figures counted by hand.
pub fn compare_figures(
    json: &Value,
    figures: &[Figures],
    by_field: &[(&'static str, u64, u64)],
    year: i32,
) -> Vec<String> {
    let mut problems = Vec::new();
    let rows = json["rows"].as_array().cloned().unwrap_or_default();
    for f in figures {
        let Some(row) = rows
            .iter()
            .find(|r| r["cell"] == f.unit && r["year"] == year)
        else {
            problems.push(format!("report {year}: no row for {}", f.unit));
            continue;
        };
        for (key, want) in [
            ("collective", f.collective),
            ("individual", f.individual),
            ("self_assessed", f.self_assessed),
            ("recognized", f.recognized),
            ("commended", f.commended),
        ] {
            if row[key] != want {
                problems.push(format!(
                    "report {year} {}: {key} {} (truth {want})",
                    f.unit, row[key]
                ));
            }
        }
    }
    if rows.len() != figures.len() {
        problems.push(format!(
            "report {year}: {} rows (truth {}: one per roster unit)",
            rows.len(),
            figures.len()
        ));
    }
    let total = |key: &str, f: fn(&Figures) -> u64| -> Option<String> {
        let want: u64 = figures.iter().map(f).sum();
        (json["totals"][key] != want).then(|| {
            format!(
                "report {year} totals: {key} {} (truth {want})",
                json["totals"][key]
            )
        })
    };
    problems.extend(total("collective", |f| f.collective));
    problems.extend(total("individual", |f| f.individual));
    problems.extend(total("recognized", |f| f.recognized));
    problems.extend(total("commended", |f| f.commended));
    for (field, collective, individual) in by_field {
        let found = json["by_field"].as_array().and_then(|a| {
            a.iter()
                .find(|r| r["field"] == *field && r["year"] == year)
                .cloned()
        });
        let (gc, gi) = found
            .map(|r| {
                (
                    r["collective"].as_u64().unwrap_or(0),
                    r["individual"].as_u64().unwrap_or(0),
                )
            })
            .unwrap_or((0, 0));
        if (gc, gi) != (*collective, *individual) {
            problems.push(format!(
                "report by_field «{field}»: {gc} collective, {gi} individual (truth {collective}, {individual})"
            ));
        }
    }
    let no_registration: Vec<&str> = figures
        .iter()
        .filter(|f| f.collective + f.individual == 0)
        .map(|f| f.unit)
        .collect();
    let listed: Vec<String> = json["missing"]
        .as_array()
        .and_then(|m| m.iter().find(|y| y["year"] == year).cloned())
        .and_then(|y| y["cells"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect();
    if listed != no_registration {
        problems.push(format!(
            "report {year} missing: {listed:?} (truth {no_registration:?})"
        ));
    }
    problems
}

/// Compares `dvk missing --json` with the units and codes counted by hand.
pub fn compare_missing(
    json: &Value,
    truth: &[(&'static str, Vec<&'static str>)],
    year: i32,
) -> Vec<String> {
    let got: Vec<(String, BTreeSet<String>)> = json["cells"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|u| {
            (
                u["cell"].as_str().unwrap_or_default().to_string(),
                u["codes"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|s| s.as_str().unwrap_or_default().to_string())
                    .collect(),
            )
        })
        .collect();
    let want: Vec<(String, BTreeSet<String>)> = truth
        .iter()
        .map(|(u, codes)| (u.to_string(), codes.iter().map(|s| s.to_string()).collect()))
        .collect();
    if got == want {
        Vec::new()
    } else {
        vec![format!("missing {year}: {got:?}\n   truth: {want:?}")]
    }
}

fn run_check(run: &dyn Fn(&[&str]) -> Run, c: &Committee) -> Run {
    run(&[
        "check",
        &c.inbox(),
        "--roster",
        &c.roster,
        "--config",
        &c.config(),
        "--as-of",
        AS_OF,
        "--json",
    ])
}

/// The JSON of a run, or a difference saying why there is none (a roster dvk cannot read ends
/// the run with exit code 2 and nothing on stdout).
fn json_of(run: &Run, what: &str, problems: &mut Vec<String>) -> Option<Value> {
    match serde_json::from_str(&run.stdout) {
        Ok(json) => Some(json),
        Err(_) => {
            problems.push(format!(
                "{what}: exit code {}, no JSON: {}",
                run.code,
                run.stderr.trim()
            ));
            None
        }
    }
}

/// Runs every assertion of one committee, written in a test's folder.
pub fn assert_committee(dir: &Workdir, c: &Committee) {
    let out = dir.path().join("bao-cao.xlsx");
    assert_committee_with(&|args| dir.run(args), c, &out.to_string_lossy());
}

/// Runs every assertion of one committee through `run` (dvk in the right folder), the report
/// written to `out`; fails with the full list of differences.
pub fn assert_committee_with(run: &dyn Fn(&[&str]) -> Run, c: &Committee, out: &str) {
    let mut problems = Vec::new();
    let check = run_check(run, c);
    match json_of(&check, "check --roster", &mut problems) {
        Some(json) => {
            problems.extend(compare_files(&json, &c.files));
            problems.extend(compare_findings(&json, c));
        }
        None => {
            // The structure of the files does not depend on the roster: compare it anyway.
            let alone = run(&[
                "check",
                &c.inbox(),
                "--config",
                &c.config(),
                "--as-of",
                AS_OF,
                "--json",
            ]);
            if let Some(json) = json_of(&alone, "check without roster", &mut problems) {
                problems.extend(compare_files(&json, &c.files));
            }
        }
    }

    let roster = run(&["check", &c.roster, "--config", &c.config(), "--json"]);
    if let Some(json) = json_of(&roster, "check ROSTER", &mut problems) {
        problems.extend(compare_files(&json, std::slice::from_ref(&c.roster_truth)));
    }

    let years: Vec<YearTruth> = std::iter::once((
        YEAR,
        c.figures.as_slice(),
        c.by_field.as_slice(),
        AS_OF_MISSING,
    ))
    .chain(
        c.earlier
            .iter()
            .map(|e| (EARLIER, e.figures.as_slice(), &[][..], "2024-12-30")),
    )
    .collect();
    for (year, figures, by_field, as_of_missing) in years {
        let year_text = year.to_string();
        let report = run(&[
            "report",
            "--year",
            &year_text,
            &c.inbox(),
            "--roster",
            &c.roster,
            "--config",
            &c.config(),
            "--as-of",
            AS_OF,
            "--out",
            out,
            "--json",
        ]);
        if let Some(json) = json_of(&report, &format!("report {year}"), &mut problems) {
            problems.extend(compare_figures(&json, figures, by_field, year));
        }
        let missing = run(&[
            "missing",
            "--year",
            &year_text,
            &c.inbox(),
            "--roster",
            &c.roster,
            "--config",
            &c.config(),
            "--as-of",
            as_of_missing,
            "--json",
        ]);
        if let Some(json) = json_of(&missing, &format!("missing {year}"), &mut problems) {
            let truth = if year == YEAR {
                c.missing.as_slice()
            } else {
                c.earlier.as_ref().map_or(&[][..], |e| e.missing.as_slice())
            };
            problems.extend(compare_missing(&json, truth, year));
        }
    }

    assert!(
        problems.is_empty(),
        "{}: {} differences from the truth:\n - {}",
        c.folder,
        problems.len(),
        problems.join("\n - ")
    );
}

/// A plain list: title lines at column 0, the title merged over the table, a blank row, the
/// header, the data rows, a blank row, and the closing lines at column `col` with two blank
/// rows of signing room before the last one (the name).
pub fn list(
    sheet: &str,
    lines: &[&str],
    title: &str,
    header: &[&str],
    data: &[Vec<V>],
    closing: &[&str],
    col: usize,
) -> Doc {
    let mut d = Doc::new(sheet, "registration");
    for line in lines {
        d.add(Role::Title, at(0, line));
    }
    d.merged(Role::Title, 0, header.len() as u16 - 1, title);
    d.blank();
    d.add(Role::Header, cells(header));
    for row in data {
        d.add(Role::Data, row.clone());
    }
    d.blank();
    for (i, line) in closing.iter().enumerate() {
        if i + 1 == closing.len() && i > 0 {
            d.blank();
            d.blank();
        }
        d.add(Role::Closing, at(col, line));
    }
    d
}

/// Writes `dvk.toml` for a committee.
pub fn config(dir: &Workdir, folder: &str, toml: &str) {
    std::fs::write(dir.file(&format!("{folder}/dvk.toml")), toml).expect("dvk.toml");
}

/// The number of workbooks a committee's folder holds (for the corpus size test).
pub fn count_workbooks(folder: &Path) -> usize {
    walk(folder)
        .iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "xlsx" || e == "ods" || e == "xls")
        })
        .count()
}

fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(folder) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn the_corpus_has_at_least_40_workbooks_from_three_committees() {
    let dir = Workdir::new();
    let committees = [so::build(&dir), khoi::build(&dir), phuong::build(&dir)];
    let mut total = 0;
    for c in &committees {
        // The inbox and the roster (the templates dvk wrote in `mau/` are not the corpus).
        let n = count_workbooks(&dir.path().join(c.inbox())) + 1;
        assert!(n >= 8, "{}: {n} workbooks", c.folder);
        total += n;
    }
    assert!(total >= 40, "{total} workbooks");
}

#[test]
fn so_tai_chinh_reads_as_its_clerk_counted() {
    let dir = Workdir::new();
    let c = so::build(&dir);
    assert_committee(&dir, &c);
}

#[test]
fn dang_uy_khoi_doanh_nghiep_reads_as_its_clerk_counted() {
    let dir = Workdir::new();
    let c = khoi::build(&dir);
    assert_committee(&dir, &c);
}

#[test]
fn dang_bo_phuong_reads_as_its_clerk_counted() {
    let dir = Workdir::new();
    let c = phuong::build(&dir);
    assert_committee(&dir, &c);
}

/// Copies `from` into `to`, folders and files.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the folder");
    for entry in std::fs::read_dir(from).expect("list the folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

#[test]
#[ignore = "writes the issue-15 corpus to DVK_CORPUS15_DIR, to look at or measure by hand"]
fn write_the_corpus_to_a_folder() {
    let Ok(target) = std::env::var("DVK_CORPUS15_DIR") else {
        return;
    };
    let dir = Workdir::new();
    so::build(&dir);
    khoi::build(&dir);
    phuong::build(&dir);
    copy_tree(dir.path(), Path::new(&target));
}
