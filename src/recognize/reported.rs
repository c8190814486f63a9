//! A member committee's report read back by the higher committee (the rollup): the member
//! committee named in the report's header block, and the judgement its models sheet states
//! for each model (self-assessed or not, the status, the commendation, the reasons).
//!
//! The higher committee never receives the units' self-assessments or the member's decisions:
//! what the report states is all there is to count, so it is kept as written rather than
//! judged again ([`crate::recognize::validate::Reported`]).

use crate::dvk_workbooks::{
    ASSESSED, ASSESSED_COLUMN, COMMENDATION_COLUMN, REASONS_COLUMN, REASONS_SEPARATOR,
    STATUS_COLUMN,
};
use crate::recognize::forms::Form;
use crate::recognize::validate::{display, Record, Reported};
use crate::sheet::Sheet;
use crate::text;

/// How far down a header block is looked for.
const HEADER_ROWS: usize = 12;

/// The committee that issued a document, from its header block: the left block's last line
/// above the "*" under it or the number line («Số …»), as written ("ĐẢNG ỦY SỞ TƯ PHÁP").
/// `None` when the sheet opens with no such block.
pub(crate) fn issuer(sheet: &Sheet) -> Option<String> {
    let mut above: Option<String> = None;
    for row in sheet.rows.iter().take(HEADER_ROWS) {
        // The left block is the row's first text; the right block («ĐẢNG CỘNG SẢN VIỆT NAM»,
        // the date line) follows it.
        let Some(first) = row
            .iter()
            .map(display)
            .map(|t| t.trim().to_string())
            .find(|t| !t.is_empty())
        else {
            continue;
        };
        let folded = text::fold_compact(&first);
        let is_star = !first.is_empty() && first.chars().all(|c| matches!(c, '*' | '-' | ' '));
        if is_star || folded.starts_with("so") && first.contains('/') {
            return above;
        }
        above = Some(first);
    }
    None
}

/// Gives each registration read from `sheet` (a report's models sheet) the judgement its row
/// states, and `committee`. A report without the judged columns (edited away) gives rows
/// judged again like a unit's.
pub(crate) fn carry(sheet: &Sheet, form: &Form, records: &mut [Record], committee: Option<&str>) {
    let header_rows: Vec<usize> = if form.structure.header.is_empty() {
        vec![form.header_last_row]
    } else {
        form.structure.header.clone()
    };
    let column = |name: &str| {
        let wanted = text::fold_compact(name);
        header_rows.iter().find_map(|&row| {
            (0..sheet.width())
                .find(|&col| text::fold_compact(&display(sheet.get(row, col))) == wanted)
        })
    };
    let assessed = column(ASSESSED_COLUMN);
    let status = column(STATUS_COLUMN);
    let commendation = column(COMMENDATION_COLUMN);
    let reasons = column(REASONS_COLUMN);
    let judged = assessed.is_some() || status.is_some();
    for record in records {
        let Record::Registration(registration) = record else {
            continue;
        };
        registration.committee = committee.map(str::to_string);
        if !judged {
            continue;
        }
        let row = (registration.source.row as usize).saturating_sub(1);
        let cell = |col: Option<usize>| {
            col.map(|col| display(sheet.get(row, col)).trim().to_string())
                .filter(|t| !t.is_empty())
        };
        registration.reported = Some(Box::new(Reported {
            self_assessed: cell(assessed)
                .is_some_and(|t| text::fold_compact(&t) == text::fold_compact(ASSESSED)),
            status: cell(status),
            commendation: cell(commendation),
            reasons: cell(reasons)
                .map(|t| {
                    t.split(REASONS_SEPARATOR.trim())
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::CellValue;

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.to_string())
    }

    #[test]
    fn the_issuer_is_the_last_line_of_the_left_block() {
        let sheet = Sheet::from_rows(
            "Báo cáo",
            vec![
                vec![
                    t("ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"),
                    t("ĐẢNG CỘNG SẢN VIỆT NAM"),
                ],
                vec![t("ĐẢNG ỦY SỞ TƯ PHÁP")],
                vec![t("*"), t("Đồng Hới, ngày 30 tháng 12 năm 2018")],
                vec![t("Số        -BC/ĐU")],
            ],
        );
        assert_eq!(issuer(&sheet).as_deref(), Some("ĐẢNG ỦY SỞ TƯ PHÁP"));
        let no_star = Sheet::from_rows(
            "Báo cáo",
            vec![vec![t("CHI BỘ XÃ AN BÌNH")], vec![t("Số 12-BC/CB")]],
        );
        assert_eq!(issuer(&no_star).as_deref(), Some("CHI BỘ XÃ AN BÌNH"));
        let table = Sheet::from_rows("DS", vec![vec![t("STT"), t("Chi bộ")]]);
        assert_eq!(issuer(&table), None);
    }
}
