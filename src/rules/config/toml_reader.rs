//! Reading the TOML text of a `dvk.toml` into values: in goes the text, out come its tables
//! ([`Table`], named by dotted keys like `cycle[2].registration_due`) and the values of their
//! keys converted to what dvk needs (strings, quotas, years, shares, days of a cycle, months),
//! or a [`Problem`]: the byte offset, key and reason, which [`Problem::into_error`] turns into
//! an [`Error::Config`] naming the line.

use std::ops::RangeInclusive;
use std::path::Path;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::Error;
use crate::rules::CycleDate;
use crate::text::{clean, fold};

/// Cycle years a `dvk.toml` may name.
const YEARS: RangeInclusive<i32> = 1990..=2100;

/// The most models of one kind a rule may ask of a cell.
const MAX_QUOTA: i64 = 100;

/// What is wrong in the file: where (a byte offset), under which key, and why.
#[derive(Debug)]
pub(super) struct Problem {
    at: Option<usize>,
    key: String,
    reason: String,
}

impl Problem {
    pub(super) fn new(at: usize, key: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem {
            at: Some(at),
            key: key.into(),
            reason: reason.into(),
        }
    }

    pub(super) fn into_error(self, text: &str, path: &Path) -> Error {
        let line = self.at.map(|at| line_of(text, at));
        Error::Config {
            path: path.to_path_buf(),
            line,
            key: self.key,
            reason: self.reason,
        }
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    let end = at.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

pub(super) type Read<T> = std::result::Result<T, Problem>;

/// A value read from the file, with its dotted key and where that key is.
pub(super) struct Item<T> {
    pub(super) value: T,
    pub(super) key: String,
    pub(super) at: usize,
}

/// A table of the file with its dotted name ("" for the top, "cycle[2]",
/// "default.recognition") and where it starts.
pub(super) struct Table<'a, 'i> {
    pub(super) name: String,
    pub(super) at: usize,
    entries: &'a DeTable<'i>,
}

impl<'a, 'i> Table<'a, 'i> {
    /// The top-level table of a parsed file.
    pub(super) fn top(document: &'a Spanned<DeTable<'i>>) -> Self {
        Table {
            name: String::new(),
            at: 0,
            entries: document.get_ref(),
        }
    }

    pub(super) fn key(&self, key: &str) -> String {
        if self.name.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.name)
        }
    }

    /// The table as a message names it: "[committee]", or "«cycle[2]»" in an array.
    pub(super) fn section(&self) -> String {
        if self.name.contains('[') {
            format!("«{}»", self.name)
        } else {
            format!("[{}]", self.name)
        }
    }

    /// The table's keys, in the file's order.
    pub(super) fn keys(&self) -> Vec<String> {
        self.entries
            .keys()
            .map(|k| k.get_ref().to_string())
            .collect()
    }

    /// Refuses the first key that is not one of `allowed`, so typos do not go unnoticed.
    pub(super) fn expect_keys(&self, allowed: &[&str]) -> Read<()> {
        for key in self.entries.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let place = if self.name.is_empty() {
                    "ở đầu tệp".to_string()
                } else {
                    format!("trong {}", self.section())
                };
                return Err(Problem::new(
                    key.span().start,
                    self.key(key.get_ref()),
                    format!(
                        "khóa không dùng được {place}; các khóa được dùng: {}",
                        allowed.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The value of a key, converted; a conversion error names the key.
    pub(super) fn get<T>(
        &self,
        key: &str,
        convert: impl FnOnce(&DeValue<'i>) -> std::result::Result<T, String>,
    ) -> Read<Option<Item<T>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(None);
        };
        let at = k.span().start;
        let key = self.key(key);
        match convert(v.get_ref()) {
            Ok(value) => Ok(Some(Item { value, key, at })),
            Err(reason) => Err(Problem::new(at, key, reason)),
        }
    }

    /// A key that must be there.
    pub(super) fn require<T>(
        &self,
        key: &str,
        expected: &str,
        convert: impl FnOnce(&DeValue<'i>) -> std::result::Result<T, String>,
    ) -> Read<Item<T>> {
        self.get(key, convert)?.ok_or_else(|| {
            Problem::new(
                self.at,
                self.key(key),
                format!("thiếu khóa này trong {}: cần {expected}", self.section()),
            )
        })
    }

    /// The keys of the table, in the order the reader keeps them.
    pub(super) fn key_names(&self) -> Vec<String> {
        self.entries
            .keys()
            .map(|k| k.get_ref().to_string())
            .collect()
    }

    /// A sub-table, `[name.key]` or `key = { … }`.
    pub(super) fn table(&self, key: &str) -> Read<Option<Table<'a, 'i>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Table(entries) => Ok(Some(Table {
                name: self.key(key),
                at: k.span().start,
                entries,
            })),
            other => Err(Problem::new(
                k.span().start,
                self.key(key),
                format!("cần một bảng [{}], gặp {}", self.key(key), found(other)),
            )),
        }
    }

    /// An array of tables, `[[key]]`, named `key[1]`, `key[2]`, …
    pub(super) fn tables(&self, key: &str) -> Read<Vec<Table<'a, 'i>>> {
        let Some((k, v)) = self.entries.get_key_value(key) else {
            return Ok(Vec::new());
        };
        let expected = format!("cần các bảng [[{key}]], gặp {}", found(v.get_ref()));
        let DeValue::Array(items) = v.get_ref() else {
            return Err(Problem::new(k.span().start, self.key(key), expected));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match item.get_ref() {
                DeValue::Table(entries) => Ok(Table {
                    name: format!("{}[{}]", self.key(key), i + 1),
                    at: item.span().start,
                    entries,
                }),
                _ => Err(Problem::new(
                    item.span().start,
                    self.key(key),
                    expected.clone(),
                )),
            })
            .collect()
    }
}

/// A value as a message shows it: «10/10», 12, một danh sách.
fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("«{s}»"),
        DeValue::Integer(i) => format!("số {i}"),
        DeValue::Float(f) => format!("số {f}"),
        DeValue::Boolean(b) => format!("giá trị {b}"),
        DeValue::Datetime(d) if d.time.is_none() => format!("ngày {d}"),
        DeValue::Datetime(d) => format!("ngày giờ {d}"),
        DeValue::Array(_) => "một danh sách".to_string(),
        DeValue::Table(_) => "một bảng".to_string(),
    }
}

// --- Converters: a TOML value to what dvk needs, or the reason it cannot be. ---------------

pub(super) fn text(value: &DeValue<'_>) -> std::result::Result<String, String> {
    match value {
        DeValue::String(s) => Ok(clean(s)),
        other => Err(format!("cần chuỗi trong ngoặc kép, gặp {}", found(other))),
    }
}

pub(super) fn non_empty_text(value: &DeValue<'_>) -> std::result::Result<String, String> {
    let s = text(value)?;
    if s.is_empty() {
        return Err("không được để trống".to_string());
    }
    Ok(s)
}

fn integer(value: &DeValue<'_>) -> Option<i64> {
    let DeValue::Integer(i) = value else {
        return None;
    };
    i64::from_str_radix(i.as_str(), i.radix()).ok()
}

pub(super) fn quota(value: &DeValue<'_>) -> std::result::Result<u32, String> {
    integer(value)
        .filter(|n| (0..=MAX_QUOTA).contains(n))
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| {
            format!(
                "cần số nguyên từ 0 đến {MAX_QUOTA} (ví dụ 1), gặp {}",
                found(value)
            )
        })
}

pub(super) fn year(value: &DeValue<'_>) -> std::result::Result<i32, String> {
    integer(value)
        .and_then(|n| i32::try_from(n).ok())
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            format!(
                "cần năm từ {} đến {} (ví dụ 2024), gặp {}",
                YEARS.start(),
                YEARS.end(),
                found(value)
            )
        })
}

/// "2016-2020" (or with an en dash): the first and last year.
pub(super) fn years(value: &DeValue<'_>) -> std::result::Result<(i32, i32), String> {
    let expected = || format!("cần khoảng năm dạng \"2016-2020\", gặp {}", found(value));
    let DeValue::String(s) = value else {
        return Err(expected());
    };
    let (first, last) = s.split_once(['-', '–']).ok_or_else(expected)?;
    let parse = |y: &str| y.trim().parse::<i32>().ok().filter(|y| YEARS.contains(y));
    match (parse(first), parse(last)) {
        (Some(first), Some(last)) if first <= last => Ok((first, last)),
        (Some(_), Some(_)) => Err(format!("năm đầu sau năm cuối trong «{s}»")),
        _ => Err(format!(
            "cần khoảng năm dạng \"2016-2020\" với các năm từ {} đến {}, gặp «{s}»",
            YEARS.start(),
            YEARS.end()
        )),
    }
}

/// A page margin in millimetres, within [`super::Margins::RANGE_MM`].
pub(super) fn margin_mm(value: &DeValue<'_>) -> std::result::Result<f64, String> {
    let range = super::Margins::RANGE_MM;
    let number = match value {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::Integer(_) => integer(value).map(|n| n as f64),
        _ => None,
    };
    number
        .filter(|x| x.is_finite() && range.contains(x))
        .ok_or_else(|| {
            format!(
                "cần lề trang tính bằng mi-li-mét, từ {} đến {} (ví dụ 20), gặp {}",
                range.start(),
                range.end(),
                found(value)
            )
        })
}

/// A share strictly between "nobody" and "everybody": 0 ≤ x < 1.
pub(super) fn share(value: &DeValue<'_>) -> std::result::Result<f64, String> {
    let number = match value {
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        DeValue::Integer(_) => integer(value).map(|n| n as f64),
        _ => None,
    };
    number.filter(|x| (0.0..1.0).contains(x)).ok_or_else(|| {
        format!(
            "cần tỉ lệ từ 0 đến dưới 1 (ví dụ 0.5: quá nửa số phiếu), gặp {}",
            found(value)
        )
    })
}

/// A list of distinct, non-empty strings (compared after folding).
pub(super) fn texts(value: &DeValue<'_>) -> std::result::Result<Vec<String>, String> {
    let DeValue::Array(items) = value else {
        return Err(format!(
            "cần danh sách chuỗi, ví dụ [\"Kinh tế\", \"Văn hóa – xã hội\"], gặp {}",
            found(value)
        ));
    };
    let mut out: Vec<String> = Vec::new();
    // Each text folded once: a list of 20,000 fields is checked in linear time.
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let s = text(item.get_ref())
            .ok()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                format!(
                    "phần tử thứ {} phải là chuỗi không trống, gặp {}",
                    i + 1,
                    found(item.get_ref())
                )
            })?;
        if !seen.insert(fold(&s)) {
            return Err(format!("«{s}» có hai lần trong danh sách"));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err("danh sách không được để trống".to_string());
    }
    Ok(out)
}

/// Which years a date in a rule serves: every year (the default rule, a cycle of several
/// years) or one year, which may then be written in full.
#[derive(Debug, Clone, Copy)]
pub(super) enum Scope {
    Every,
    Year(i32),
}

impl Scope {
    pub(super) fn of(first: i32, last: i32) -> Scope {
        if first == last {
            Scope::Year(first)
        } else {
            Scope::Every
        }
    }
}

const DAY_FORMAT: &str = "ngày dạng dd/mm (ví dụ 10/10)";

/// "10/10", "01/09 năm sau", "15/12 năm trước", or in a one-year scope "26/02/2024" and
/// `2024-02-26`.
pub(super) fn cycle_date(
    value: &DeValue<'_>,
    scope: Scope,
) -> std::result::Result<CycleDate, String> {
    let (day, month, year, offset) = match value {
        DeValue::String(s) => {
            split_day(s).ok_or_else(|| format!("cần {DAY_FORMAT} hoặc dd/mm năm sau, gặp «{s}»"))?
        }
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => (
                u32::from(date.day),
                u32::from(date.month),
                Some(i32::from(date.year)),
                0,
            ),
            _ => return Err(format!("cần ngày, không có giờ, gặp {}", found(value))),
        },
        other => {
            return Err(format!(
                "cần {DAY_FORMAT} trong ngoặc kép, gặp {}",
                found(other)
            ))
        }
    };
    let shown = || match value {
        DeValue::String(s) => format!("«{}»", s.trim()),
        other => found(other),
    };
    let Some(year) = year else {
        return CycleDate::new(day, month, offset).ok_or_else(|| {
            format!(
                "cần {DAY_FORMAT}, gặp {}: {}",
                shown(),
                no_such_day(day, month)
            )
        });
    };
    let Scope::Year(cycle_year) = scope else {
        return Err(format!(
            "quy tắc này dùng cho nhiều năm: cần {DAY_FORMAT} hoặc dd/mm năm sau, không ghi năm, gặp {}",
            shown()
        ));
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "cần ngày có thật, gặp {}: {}",
            shown(),
            no_such_day(day, month)
        )
    })?;
    if (year - cycle_year).abs() > 1 {
        return Err(format!(
            "ngày {} cách năm {cycle_year} của chu kỳ hơn một năm",
            shown()
        ));
    }
    Ok(CycleDate::of(date, cycle_year))
}

/// "tháng 2 không có ngày 31", "không có tháng 13".
fn no_such_day(day: u32, month: u32) -> String {
    if (1..=12).contains(&month) {
        format!("tháng {month} không có ngày {day}")
    } else {
        format!("không có tháng {month}")
    }
}

/// Day, month, year if written, and the year offset of "năm sau"/"năm trước".
fn split_day(s: &str) -> Option<(u32, u32, Option<i32>, i32)> {
    let s = s.trim();
    let (date, rest) = s.split_once(char::is_whitespace).unwrap_or((s, ""));
    let offset = match fold(rest).as_str() {
        "" => 0,
        "nam sau" => 1,
        "nam truoc" => -1,
        _ => return None,
    };
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let number = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts[..] {
        [d, m] => Some((number(d)?, number(m)?, None, offset)),
        [d, m, y] if offset == 0 && y.len() == 4 => Some((
            number(d)?,
            number(m)?,
            Some(i32::try_from(number(y)?).ok()?),
            0,
        )),
        _ => None,
    }
}

/// A full date, "01/10/2018" or `2018-10-01`.
pub(super) fn full_date(value: &DeValue<'_>) -> std::result::Result<NaiveDate, String> {
    let expected = || {
        format!(
            "cần ngày dạng dd/mm/yyyy (ví dụ 01/10/2018), gặp {}",
            found(value)
        )
    };
    match value {
        DeValue::String(s) => {
            let (day, month, year, _) = split_day(s).ok_or_else(expected)?;
            let year = year.ok_or_else(expected)?;
            NaiveDate::from_ymd_opt(year, month, day)
                .ok_or_else(|| format!("cần ngày có thật, gặp «{s}»: {}", no_such_day(day, month)))
        }
        DeValue::Datetime(d) => match (d.date, d.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(expected),
            _ => Err(expected()),
        },
        _ => Err(expected()),
    }
}

/// A month, "10/2016", as its first day (or its last, for the end of a phase); a full date
/// stands for itself.
pub(super) fn month(value: &DeValue<'_>, last_day: bool) -> std::result::Result<NaiveDate, String> {
    if let DeValue::String(s) = value {
        if let Some((m, y)) = s.trim().split_once('/').filter(|(_, y)| !y.contains('/')) {
            let first = m
                .trim()
                .parse::<u32>()
                .ok()
                .zip(y.trim().parse::<i32>().ok())
                .and_then(|(m, y)| NaiveDate::from_ymd_opt(y, m, 1))
                .ok_or_else(|| format!("cần tháng dạng mm/yyyy (ví dụ 10/2016), gặp «{s}»"))?;
            return Ok(if last_day { end_of_month(first) } else { first });
        }
    }
    full_date(value).map_err(|_| {
        format!(
            "cần tháng dạng mm/yyyy (ví dụ 10/2016), gặp {}",
            found(value)
        )
    })
}

fn end_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// The text of a file as TOML: its top-level table, or the syntax problem.
pub(super) fn parse(text: &str) -> Read<Spanned<DeTable<'_>>> {
    DeTable::parse(text).map_err(|e| syntax_problem(text, &e))
}

/// A TOML syntax error, with the few messages clerks meet in Vietnamese.
fn syntax_problem(text: &str, error: &toml::de::Error) -> Problem {
    let span = error.span();
    let message = error.message();
    let (key, reason) = if message.starts_with("duplicate key") {
        let key = span
            .clone()
            .and_then(|s| text.get(s))
            .unwrap_or_default()
            .trim_matches(['"', '\'', '[', ']'])
            .to_string();
        (
            key,
            "khóa này đã có ở trên; mỗi khóa chỉ ghi một lần".to_string(),
        )
    } else if message.contains("must be quoted") {
        (
            String::new(),
            "chuỗi phải đặt trong ngoặc kép, ví dụ name = \"Đảng bộ Sở Tư pháp\"".to_string(),
        )
    } else {
        (
            String::new(),
            format!("không đúng cú pháp TOML ({message})"),
        )
    };
    Problem {
        at: span.map(|s| s.start),
        key,
        reason,
    }
}
