//! What dvk prints for people, in Vietnamese: the check grouped by file (coloured on a terminal
//! only), the missing list, and what `report`, `init` and `template` wrote.

use std::collections::HashMap;
use std::fmt::Write as _;

use owo_colors::OwoColorize;
use rayon::prelude::*;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::figures::missing::{when_words, MissingReport, Urgency};
use crate::figures::report::{Prepared, Span};
use crate::findings::{Finding, Severity};
use crate::pipeline::check_report::{CheckReport, FileEntry, FileStatus};
use crate::rules::config::{Config, FILE_NAME};
use crate::rules::{CycleRule, RuleOrigin};
use crate::sheet::format_date;
use crate::templates::Outcome;
use crate::text::visible;

/// A path as the terminal shows it: a name that is not UTF-8 shown distinctly
/// ([`crate::text::path_name`]) and control characters escaped ([`visible`]), since folder and
/// file names come from units' names and senders' attachments, and must not forge a line.
fn shown(path: &Path) -> String {
    visible(&crate::text::path_name(path.as_os_str())).into_owned()
}

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
/// use dvk::pipeline::check_report::CheckReport;
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
        FileStatus::Skipped | FileStatus::Failed => details.push(file.status_words()),
        FileStatus::Read => {
            details.push(file.form.label().to_string());
            details.extend(file.unit.clone());
            details.extend(file.year.map(|y| format!("năm {y}")));
            details.push(format!("{} dòng", file.rows));
            details.extend(
                file.superseded_by
                    .as_ref()
                    .map(|by| format!("được thay bằng tệp {by}")),
            );
        }
    }
    // Names and cells come from the units' files: never printed raw (see `text::visible`).
    format!(
        "{mark} {} ({})",
        visible(&file.path).style(palette.strong),
        visible(&details.join(" · "))
    )
}

fn finding_line(finding: &Finding, palette: &Palette) -> String {
    let label = format!("{:<9}", finding.severity.label());
    let label = match finding.severity {
        Severity::Error => label.style(palette.error),
        Severity::Warning => label.style(palette.warning),
        Severity::Info => label.style(palette.info),
    };
    let place = super::finding_place(finding);
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("{place}: ")
    };
    format!(
        "{label} {}{} {}",
        visible(&place),
        visible(&finding.message),
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

/// The report as text for the terminal, in Vietnamese.
///
/// # Example
///
/// ```
/// use dvk::figures::missing::MissingReport;
/// use dvk::output::terminal::missing_text;
///
/// let report = MissingReport { year: 2018, as_of: "2018-12-30".into(), roster_units: 10,
///     rule: "Kế hoạch 61-KH/ĐUSTP".into(), units: vec![] };
/// assert!(missing_text(&report).contains("không chi bộ nào còn thiếu"));
/// ```
pub fn missing_text(report: &MissingReport) -> String {
    use owo_colors::OwoColorize;
    let as_of = NaiveDate::parse_from_str(&report.as_of, "%Y-%m-%d")
        .map(format_date)
        .unwrap_or_else(|_| report.as_of.clone());
    let mut out = format!(
        "Năm {} — tính đến ngày {as_of} — {}\n",
        report.year, report.rule
    );
    if report.units.is_empty() {
        out.push_str(&format!(
            "{} Cả {} chi bộ đã đủ: không chi bộ nào còn thiếu.\n",
            "✓".green().bold(),
            report.roster_units
        ));
        return out;
    }
    out.push_str(&format!(
        "{}/{} chi bộ còn thiếu:\n",
        report.units.len(),
        report.roster_units
    ));
    for cell in &report.units {
        let secretary = cell
            .secretary
            .as_ref()
            .map(|s| format!(" (Bí thư: {})", visible(s)))
            .unwrap_or_default();
        out.push_str(&format!("\n{}{secretary}\n", visible(&cell.unit).bold()));
        for item in &cell.items {
            let when = when_words(item);
            let when = match item.status {
                Urgency::Overdue => when.red().bold().to_string(),
                Urgency::Pending => when.yellow().to_string(),
            };
            out.push_str(&format!(
                "  {when}  {} (hạn {}) {}\n",
                visible(&item.detail),
                item.deadline,
                format!("[{}]", item.code.as_str()).dimmed()
            ));
        }
    }
    out
}

/// A few lines for the terminal about the report written (the workbook, the Word document).
pub(crate) fn report_text(prepared: &Prepared, span: Span, paths: &[std::path::PathBuf]) -> String {
    let written: Vec<String> = paths.iter().map(|p| shown(p)).collect();
    let a = &prepared.aggregates;
    let t = &a.totals;
    let years = if span.first == span.last {
        format!("năm {}", span.first)
    } else {
        format!("giai đoạn {}–{}", span.first, span.last)
    };
    let cells: Vec<&str> = a
        .rows
        .iter()
        .map(|r| r.unit.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    format!(
        "Đã ghi báo cáo {years}: {}\n{} chi bộ; {} mô hình tập thể, {} điển hình cá nhân; {} đúng hạn, {} muộn; {} đã tự đánh giá, {} đủ điều kiện, {} được công nhận, {} được khen thưởng.\n",
        written.join(", "),
        cells.len(),
        t.collective,
        t.individual,
        t.on_time,
        t.late,
        t.self_assessed,
        t.eligible,
        t.recognized,
        t.commended
    )
}

/// What `dvk init` prints: what was created, what was kept, and what to do next.
///
/// # Example
///
/// ```
/// use std::path::{Path, PathBuf};
/// use dvk::rules::config::Config;
/// use dvk::templates::Outcome;
///
/// let done = [Outcome { path: PathBuf::from("dvk.toml"), written: false }];
/// let text = dvk::output::terminal::init_text(Path::new("vp"), 2025, &Config::builtin(), &done);
/// assert!(text.contains("  giữ nguyên  dvk.toml (đã có)"));
/// ```
pub fn init_text(dir: &Path, year: i32, config: &Config, outcomes: &[Outcome]) -> String {
    let created = outcomes.iter().filter(|o| o.written).count();
    let mut lines = vec![format!(
        "Thư mục làm việc {}: tạo mới {created}, giữ nguyên {}.",
        shown(dir),
        outcomes.len() - created
    )];
    for outcome in outcomes {
        lines.push(if outcome.written {
            format!("  đã tạo     {}", shown(&outcome.path))
        } else {
            format!("  giữ nguyên  {} (đã có)", shown(&outcome.path))
        });
    }
    let workspace = &config.workspace;
    let (roster, inbox, templates) = (
        shown(&workspace.roster),
        workspace.inbox.join(year.to_string()),
        shown(&workspace.templates),
    );
    lines.extend([
        String::new(),
        "Việc tiếp theo:".to_string(),
        format!("  1. Sửa {FILE_NAME}: tên đảng bộ, các lĩnh vực, hạn đăng ký của năm {year} ([[cycle]]), nơi gửi."),
        format!("  2. Điền danh sách chi bộ vào {roster}."),
        format!(
            "  3. Lập biểu mẫu riêng cho từng chi bộ: dvk template --year {year} --roster {roster} --out {templates}"
        ),
        format!(
            "  4. Gửi biểu mẫu cho các chi bộ; tệp gửi về để vào {}.",
            shown(&inbox)
        ),
        format!(
            "  5. Trong thư mục làm việc: dvk check, dvk missing --year {year}, dvk report --year {year} --out bao-cao-{year}.xlsx"
        ),
    ]);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// What `dvk template` prints: the folder, the year and each file written.
///
/// # Example
///
/// ```
/// use std::path::{Path, PathBuf};
/// use dvk::output::terminal::template_text;
/// use dvk::templates::Outcome;
///
/// let done = [Outcome { path: PathBuf::from("M1_Đăng ký mô hình tập thể_2025.xlsx"), written: true }];
/// let rule = dvk::rules::Rules::builtin().for_year(2025);
/// let text = template_text(Path::new("mau-bieu"), 2025, &done, &rule);
/// assert!(text.starts_with("Đã ghi 1 biểu mẫu năm 2025 vào mau-bieu:"));
/// ```
///
/// When no document rules the year (`rule` is the default one), a last line says which rule the
/// deadlines in the forms follow, and how to give the year its own.
pub fn template_text(out: &Path, year: i32, outcomes: &[Outcome], rule: &CycleRule) -> String {
    let written = outcomes.iter().filter(|o| o.written).count();
    let mut lines = vec![format!(
        "Đã ghi {written} biểu mẫu năm {year} vào {}:",
        shown(out)
    )];
    for outcome in outcomes {
        let note = if outcome.written {
            ""
        } else {
            " (đã có, giữ nguyên)"
        };
        lines.push(format!("  {}{note}", shown(&outcome.path)));
    }
    lines.push(
        "Gửi mỗi chi bộ các mẫu M1, M2 (đăng ký) và TĐG (tự đánh giá); tệp gửi về để vào \
         thư mục hộp thư của năm rồi chạy dvk check."
            .to_string(),
    );
    let mut text = lines.join("\n");
    text.push('\n');
    if rule.origin == RuleOrigin::Default {
        text.push_str(&format!(
            "Lưu ý: chưa có văn bản nào quy định riêng năm {year}; hạn ghi trong biểu mẫu theo {}. Thêm [[cycle]] cho năm {year} vào dvk.toml nếu cấp ủy quy định khác.\n",
            rule.source
        ));
    }
    text
}

/// What `dvk template --stage tu-danh-gia` or `--stage binh-xet` wrote.
///
/// # Example
///
/// ```
/// use std::path::{Path, PathBuf};
/// use dvk::output::terminal::filled_template_text;
/// use dvk::templates::Outcome;
///
/// let done = [Outcome { path: PathBuf::from("BX_Bảng bình xét_2025.xlsx"), written: true }];
/// let text = filled_template_text(Path::new("mau-bieu"), 2025, true, &done, 7);
/// assert!(text.starts_with("Đã ghi bảng bình xét năm 2025 (7 mô hình, điển hình)"));
/// ```
pub fn filled_template_text(
    out: &Path,
    year: i32,
    decision: bool,
    outcomes: &[Outcome],
    models: usize,
) -> String {
    let mut lines = vec![if decision {
        format!(
            "Đã ghi bảng bình xét năm {year} ({models} mô hình, điển hình) vào {}:",
            shown(out)
        )
    } else {
        format!(
            "Đã ghi {} mẫu tự đánh giá năm {year} ({models} mô hình, điển hình đã đăng ký) vào {}:",
            outcomes.len(),
            shown(out)
        )
    }];
    for outcome in outcomes {
        lines.push(format!("  {}", shown(&outcome.path)));
    }
    lines.push(if decision {
        format!(
            "Đảng ủy ghi cột «Công nhận», «Khen thưởng», lưu tệp vào hộp thư của năm rồi chạy dvk report --year {year}."
        )
    } else {
        "Gửi mỗi chi bộ mẫu của mình: tên mô hình, điển hình đã ghi sẵn, đúng như đã đăng ký; tệp gửi về để vào hộp thư của năm rồi chạy dvk check.".to_string()
    });
    lines.join("\n") + "\n"
}

/// What `dvk feedback` wrote: one line per unit (its files, errors and missing items, the
/// slip's name), and the files of no unit.
///
/// # Example
///
/// ```
/// use std::path::Path;
/// use dvk::output::terminal::feedback_text;
///
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 30).unwrap();
/// let text = feedback_text(2025, day, Path::new("phan-hoi"), &[], &[], &[]);
/// assert!(text.starts_with("Phiếu phản hồi năm 2025"));
/// ```
pub fn feedback_text(
    year: i32,
    as_of: NaiveDate,
    out: &Path,
    slips: &[crate::figures::feedback::Slip],
    written: &[[String; 3]],
    unattributed: &[String],
) -> String {
    let mut lines = vec![format!(
        "Phiếu phản hồi năm {year}, tính đến ngày {}: {} chi bộ, ghi vào {}:",
        format_date(as_of),
        slips.len(),
        shown(out)
    )];
    for (slip, files) in slips.iter().zip(written) {
        let errors = slip
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let name = Path::new(&files[0])
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        lines.push(format!(
            "  {}: {} tệp, {errors} lỗi, {} mục còn thiếu → {} (.xlsx, .docx, .txt)",
            visible(&slip.unit),
            slip.files.len(),
            slip.missing.len(),
            visible(&name)
        ));
    }
    if !unattributed.is_empty() {
        lines.push(format!(
            "Tệp không rõ chi bộ nào (không có phiếu, Văn phòng xem lại): {}",
            visible(&unattributed.join(", "))
        ));
    }
    lines.join("\n") + "\n"
}

/// Writes a note on stderr, "dvk: chú ý: …": something the run went on despite, which the user
/// should know (stdout stays the command's output).
pub(crate) fn warn(message: &str) {
    // Names and paths in the message come from files and folders: escaped (`text::visible`).
    eprintln!("dvk: chú ý: {}", visible(message));
}

/// Colours when stdout shows them, as anstream decides (a terminal, NO_COLOR unset).
pub(crate) fn stdout_palette() -> Palette {
    match anstream::AutoStream::choice(&std::io::stdout()) {
        anstream::ColorChoice::Never => Palette::plain(),
        _ => Palette::coloured(),
    }
}

/// Prints to stdout; a closed pipe (`dvk … | head`) is not a failure.
pub(crate) fn print(text: &str) -> Result<()> {
    if !text.contains('\u{1b}') {
        // Nothing to strip or translate: straight to stdout.
        return write_out(&mut std::io::stdout().lock(), text);
    }
    write_out(&mut anstream::stdout(), text)
}

fn write_out(stdout: &mut impl std::io::Write, text: &str) -> Result<()> {
    let printed = if text.ends_with('\n') {
        write!(stdout, "{text}")
    } else {
        writeln!(stdout, "{text}")
    }
    .and_then(|()| stdout.flush());
    match printed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output {
            path: PathBuf::from("<stdout>"),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}
