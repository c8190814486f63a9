//! What `dvk intake` says: a summary per unit on the terminal ([`intake_text`]), or the
//! JSON of docs/json.md ([`intake_json`]).

use std::collections::BTreeMap;

use crate::collect::intake::Intake;
use crate::collect::receipts::{Outcome, Receipt};

/// The summary: per unit and year, each file received and what became of it; then the files
/// whose unit or year is not known, the files moved to `_thay-the`, and the totals.
///
/// # Example
///
/// ```
/// let text = dvk::output::intake::intake_text(&dvk::collect::intake::Intake::default());
/// assert!(text.starts_with("Không có tệp mới"));
/// ```
pub fn intake_text(intake: &Intake) -> String {
    let mut out = String::new();
    let mut groups: BTreeMap<(String, i32), Vec<&Receipt>> = BTreeMap::new();
    let mut unsorted: Vec<&Receipt> = Vec::new();
    for row in &intake.received {
        match (&row.unit, row.year, row.outcome) {
            (_, _, Outcome::Unsorted) | (None, _, _) | (_, None, _) => unsorted.push(row),
            (Some(unit), Some(year), _) => {
                groups.entry((unit.clone(), year)).or_default().push(row)
            }
        }
    }
    for ((unit, year), rows) in &groups {
        let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
        let filed = count(Outcome::Filed) + count(Outcome::Replacing);
        let mut parts = vec![format!("{filed} tệp lưu vào hộp thư")];
        if count(Outcome::Replacing) > 0 {
            parts.push(format!("{} thay bản trước", count(Outcome::Replacing)));
        }
        if count(Outcome::Replaced) > 0 {
            parts.push(format!("{} đã có bản sau", count(Outcome::Replaced)));
        }
        if count(Outcome::Duplicate) > 0 {
            parts.push(format!("{} trùng", count(Outcome::Duplicate)));
        }
        let errors: usize = rows.iter().filter_map(|r| r.errors).sum();
        if errors > 0 {
            parts.push(format!("{errors} lỗi cần chi bộ sửa"));
        }
        let unit = crate::text::visible(unit);
        out.push_str(&format!("{unit}, năm {year}: {}\n", parts.join(", ")));
        for row in rows {
            out.push_str(&line(row));
        }
    }
    if !unsorted.is_empty() {
        out.push_str(&format!(
            "Chưa xác định chi bộ hoặc năm: {} tệp\n",
            unsorted.len()
        ));
        for row in &unsorted {
            out.push_str(&line(row));
        }
    }
    for moved in &intake.moved {
        out.push_str(&format!(
            "Chuyển {} → {} (được thay bằng {})\n",
            moved.from, moved.to, moved.replaced_by
        ));
    }
    let total = intake.received.len();
    let count = |o: Outcome| intake.received.iter().filter(|r| r.outcome == o).count();
    if total == 0 {
        out.push_str(&format!(
            "Không có tệp mới: {} tệp đã nhận trước đây; sổ nhận hồ sơ {} không đổi ({} dòng).\n",
            intake.already_received, intake.log, intake.log_rows
        ));
        return out;
    }
    out.push_str(&format!(
        "Tổng cộng: {total} tệp mới nhận ({} lưu vào hộp thư, {} chưa xác định, {} trùng), {} tệp đã nhận trước đây; sổ nhận hồ sơ {}: {} dòng.\n",
        count(Outcome::Filed) + count(Outcome::Replacing) + count(Outcome::Replaced),
        count(Outcome::Unsorted),
        count(Outcome::Duplicate),
        intake.already_received,
        intake.log,
        intake.log_rows
    ));
    out
}

/// One file: its mark, where it went (or its name), where it came from, and why.
fn line(row: &Receipt) -> String {
    let mark = match row.outcome {
        Outcome::Filed => "+",
        Outcome::Replacing => "↻",
        Outcome::Replaced => "→",
        Outcome::Duplicate => "=",
        Outcome::Unsorted => "?",
    };
    let mut text = match &row.filed {
        Some(filed) => format!("  {mark} {filed} ← «{}»", row.name),
        None => format!("  {mark} «{}»", row.name),
    };
    if let (Some(rows), Some(errors)) = (row.rows, row.errors) {
        text.push_str(&format!(" ({rows} dòng, {errors} lỗi)"));
    }
    if !row.note.is_empty() {
        text.push_str(&format!(": {}", row.note));
    }
    // Attachment and archive names come from the senders: never printed raw (see
    // `text::visible`), so a name cannot forge a line of this summary.
    let mut text = crate::text::visible(&text).into_owned();
    text.push('\n');
    text
}

/// The JSON of `dvk intake --json` (docs/json.md): `received` (the rows added to the log),
/// `moved`, `already_received`, `log`, `log_rows`, `log_written`.
///
/// # Example
///
/// ```
/// let json = dvk::output::intake::intake_json(&dvk::collect::intake::Intake::default());
/// assert!(json.contains("\"already_received\": 0"));
/// ```
pub fn intake_json(intake: &Intake) -> String {
    serde_json::to_string_pretty(intake).unwrap_or_else(|_| "{}".to_string())
}
