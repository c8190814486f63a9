//! The human-readable report, in Vietnamese, grouped by file; coloured on a terminal only.

use std::collections::HashMap;
use std::fmt::Write as _;

use owo_colors::OwoColorize;
use rayon::prelude::*;

use crate::check::{CheckReport, FileEntry, FileStatus};
use crate::findings::{Finding, Severity};

/// The colours of the report, or none: plain text is written as it is rather than coloured
/// and then stripped, which matters when thousands of findings go to a file or a pipe.
///
/// # Example
///
/// ```
/// use dvk::output::terminal::Palette;
///
/// assert_eq!(format!("{}", owo_colors::OwoColorize::style(&"x", Palette::plain().error)), "x");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// Errors, and the mark of a file with errors.
    pub error: owo_colors::Style,
    /// Warnings.
    pub warning: owo_colors::Style,
    /// Information.
    pub info: owo_colors::Style,
    /// The mark of a file without findings.
    pub ok: owo_colors::Style,
    /// Codes and skipped files.
    pub dim: owo_colors::Style,
    /// File names and headings.
    pub strong: owo_colors::Style,
}

impl Palette {
    /// ANSI colours, for a terminal.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::output::terminal::Palette;
    ///
    /// let red = owo_colors::OwoColorize::style(&"x", Palette::coloured().error).to_string();
    /// assert!(red.starts_with('\u{1b}'));
    /// ```
    pub fn coloured() -> Self {
        let style = owo_colors::Style::new;
        Palette {
            error: style().red().bold(),
            warning: style().yellow().bold(),
            info: style().cyan(),
            ok: style().green().bold(),
            dim: style().dimmed(),
            strong: style().bold(),
        }
    }

    /// No colours, for a file or a pipe.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::output::terminal::Palette;
    ///
    /// assert_eq!(owo_colors::OwoColorize::style(&"x", Palette::plain().ok).to_string(), "x");
    /// ```
    pub fn plain() -> Self {
        let plain = owo_colors::Style::new();
        Palette {
            error: plain,
            warning: plain,
            info: plain,
            ok: plain,
            dim: plain,
            strong: plain,
        }
    }
}

/// One line of the report, before it is rendered.
enum Line<'a> {
    /// A file's heading, with the worst severity of its findings.
    File(&'a FileEntry, Option<Severity>),
    Finding(&'a Finding),
    Roster(&'a str),
}

/// Renders the report as text, grouped by file. With `quiet`, only files with warnings or
/// errors are listed, and no info lines.
///
/// # Example
///
/// ```
/// use dvk::check::CheckReport;
/// use dvk::output::terminal::{render, Palette};
///
/// let text = render(&CheckReport::default(), false, Palette::plain());
/// assert!(text.contains("0 tệp"));
/// ```
pub fn render(report: &CheckReport, quiet: bool, palette: Palette) -> String {
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for finding in &report.findings {
        if !(quiet && finding.severity == Severity::Info) {
            by_path
                .entry(finding.path.as_str())
                .or_default()
                .push(finding);
        }
    }
    let mut lines = Vec::with_capacity(report.files.len() + report.findings.len());
    for file in &report.files {
        let findings = by_path.remove(file.path.as_str()).unwrap_or_default();
        if quiet && findings.is_empty() {
            continue;
        }
        let worst = findings.iter().map(|f| f.severity).max();
        lines.push(Line::File(file, worst));
        lines.extend(findings.into_iter().map(Line::Finding));
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
        lines.push(Line::Roster(path));
        let findings = by_path.get(path).into_iter().flatten();
        lines.extend(findings.map(|f| Line::Finding(f)));
    }
    // Tens of thousands of lines are formatted in parallel, then joined in order.
    let rendered: Vec<String> = lines
        .par_iter()
        .map(|line| match line {
            Line::File(file, worst) => file_heading(file, *worst, &palette),
            Line::Finding(finding) => format!("  {}", finding_line(finding, &palette)),
            Line::Roster(path) => format!(
                "{} {}",
                "■".style(palette.strong),
                format!("Chi bộ theo danh sách {path}").style(palette.strong)
            ),
        })
        .collect();
    let mut out = String::with_capacity(rendered.iter().map(|l| l.len() + 1).sum::<usize>() + 512);
    for line in rendered {
        out.push_str(&line);
        out.push('\n');
    }
    let _ = writeln!(out);
    for rule in &report.rules {
        let _ = writeln!(
            out,
            "Năm {}: áp dụng {} — đăng ký hạn {}, tự đánh giá hạn {}.",
            rule.year, rule.source, rule.registration_due, rule.self_assessment_due
        );
    }
    let _ = writeln!(out, "{}", summary_line(report, &palette));
    out
}

fn file_heading(file: &FileEntry, worst: Option<Severity>, palette: &Palette) -> String {
    let mark = match (file.status, worst) {
        (FileStatus::Failed, _) | (_, Some(Severity::Error)) => "✗".style(palette.error),
        (FileStatus::Skipped, _) | (_, Some(Severity::Info)) => "·".style(palette.dim),
        (_, Some(Severity::Warning)) => "!".style(palette.warning),
        (_, None) => "✓".style(palette.ok),
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
    format!(
        "{mark} {} ({})",
        file.path.style(palette.strong),
        details.join(" · ")
    )
}

fn finding_line(finding: &Finding, palette: &Palette) -> String {
    let label = format!("{:<9}", finding.severity.label());
    let label = match finding.severity {
        Severity::Error => label.style(palette.error),
        Severity::Warning => label.style(palette.warning),
        Severity::Info => label.style(palette.info),
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
        format!("[{}]", finding.code.as_str()).style(palette.dim)
    )
}

fn summary_line(report: &CheckReport, palette: &Palette) -> String {
    let s = &report.summary;
    let errors = format!("{} lỗi", s.errors);
    let errors = if s.errors > 0 {
        errors.style(palette.error).to_string()
    } else {
        errors.style(palette.ok).to_string()
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
