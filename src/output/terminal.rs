//! The human-readable report, in Vietnamese, grouped by file; coloured on a terminal only.

use std::collections::HashMap;
use std::fmt::Write as _;

use owo_colors::OwoColorize;

use crate::check::{CheckReport, FileEntry, FileStatus};
use crate::findings::{Finding, Severity};

/// Renders the report as text with ANSI colours; [`anstream`] strips them when stdout is not a
/// terminal. With `quiet`, only files with warnings or errors are listed, and no info lines.
///
/// # Example
///
/// ```
/// use dvk::check::CheckReport;
///
/// let text = dvk::output::terminal::render(&CheckReport::default(), false);
/// assert!(text.contains("0 tệp"));
/// ```
pub fn render(report: &CheckReport, quiet: bool) -> String {
    let mut out = String::new();
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for finding in &report.findings {
        if !(quiet && finding.severity == Severity::Info) {
            by_path
                .entry(finding.path.as_str())
                .or_default()
                .push(finding);
        }
    }
    for file in &report.files {
        let findings = by_path.remove(file.path.as_str()).unwrap_or_default();
        if quiet && findings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", file_heading(file, &findings));
        for finding in findings {
            let _ = writeln!(out, "  {}", finding_line(finding));
        }
    }
    // Findings about cells rather than files (quotas) are grouped under the roster.
    let mut others: Vec<&str> = Vec::new();
    for finding in &report.findings {
        let orphan = by_path.contains_key(finding.path.as_str());
        if orphan && !others.contains(&finding.path.as_str()) {
            others.push(&finding.path);
        }
    }
    for path in others {
        let _ = writeln!(
            out,
            "{} {}",
            "■".bold(),
            format!("Chi bộ theo danh sách {path}").bold()
        );
        for finding in by_path.get(path).into_iter().flatten() {
            let _ = writeln!(out, "  {}", finding_line(finding));
        }
    }
    let _ = writeln!(out);
    for rule in &report.rules {
        let _ = writeln!(
            out,
            "Năm {}: áp dụng {} — đăng ký hạn {}, tự đánh giá hạn {}.",
            rule.year, rule.source, rule.registration_due, rule.self_assessment_due
        );
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

fn file_heading(file: &FileEntry, findings: &[&Finding]) -> String {
    let worst = findings.iter().map(|f| f.severity).max();
    let mark = match (file.status, worst) {
        (FileStatus::Failed, _) | (_, Some(Severity::Error)) => "✗".red().bold().to_string(),
        (FileStatus::Skipped, _) | (_, Some(Severity::Info)) => "·".dimmed().to_string(),
        (_, Some(Severity::Warning)) => "!".yellow().bold().to_string(),
        (_, None) => "✓".green().bold().to_string(),
    };
    let mut details = Vec::new();
    match file.status {
        FileStatus::Skipped | FileStatus::Failed => details.push(file.status.label().to_string()),
        FileStatus::Read => {
            details.push(file.form.label().to_string());
            details.extend(file.cell.clone());
            details.extend(file.year.map(|y| format!("năm {y}")));
            details.push(format!("{} dòng", file.rows));
        }
    }
    format!("{mark} {} ({})", file.path.bold(), details.join(" · "))
}

fn finding_line(finding: &Finding) -> String {
    let label = format!("{:<9}", finding.severity.label());
    let label = match finding.severity {
        Severity::Error => label.red().bold().to_string(),
        Severity::Warning => label.yellow().bold().to_string(),
        Severity::Info => label.cyan().to_string(),
    };
    let mut place = Vec::new();
    if let (Some(sheet), Some(row)) = (&finding.sheet, finding.row) {
        place.push(format!("trang «{sheet}» dòng {row}"));
    } else if let Some(sheet) = &finding.sheet {
        place.push(format!("trang «{sheet}»"));
    }
    if let Some(column) = &finding.column {
        let value = finding
            .value
            .as_ref()
            .map(|v| format!(" = «{v}»"))
            .unwrap_or_default();
        place.push(format!("cột «{column}»{value}"));
    }
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("{}: ", place.join(", "))
    };
    format!(
        "{label} {place}{} {}",
        finding.message,
        format!("[{}]", finding.code.as_str()).dimmed()
    )
}

fn summary_line(report: &CheckReport) -> String {
    let s = &report.summary;
    let errors = format!("{} lỗi", s.errors);
    let errors = if s.errors > 0 {
        errors.red().bold().to_string()
    } else {
        errors.green().to_string()
    };
    format!(
        "Tổng cộng: {} tệp ({} đã đọc, {} bỏ qua, {} không đọc được); {} dòng dữ liệu ({} được nhận, {} không được nhận); {errors}, {} cảnh báo, {} thông tin.",
        s.files,
        s.files_read,
        s.files_skipped,
        s.files_failed,
        s.rows,
        s.rows_accepted,
        s.rows_rejected,
        s.warnings,
        s.infos
    )
}
