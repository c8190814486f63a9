//! The command line: arguments, and dispatch to the subcommands.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::check::{self, CheckOptions, CheckReport};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::init;
use crate::missing;
use crate::output;
use crate::report;
use crate::roster::Roster;
use crate::template;

/// dvk: đọc, kiểm tra và tổng hợp hồ sơ phong trào thi đua "Dân vận khéo" của các chi bộ.
#[derive(Debug, Parser)]
#[command(name = "dvk", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Đọc mọi bảng tính trong các đường dẫn, nhận dạng biểu mẫu, kiểm tra từng dòng.
    Check(CheckArgs),
    /// Liệt kê các chi bộ còn thiếu đăng ký, tập thể, cá nhân hoặc tự đánh giá của một năm.
    Missing(MissingArgs),
    /// Lập báo cáo tổng hợp năm (--year) hoặc sơ kết, tổng kết giai đoạn (--from, --to) ra Excel.
    Report(ReportArgs),
    /// Xem cấu hình (hạn nộp, chỉ tiêu, tiêu chí công nhận) đang áp dụng.
    Config(ConfigArgs),
    /// Ghi các biểu mẫu gửi chi bộ: M1, M2 (đăng ký), tự đánh giá, danh sách chi bộ.
    Template(TemplateArgs),
    /// Tạo thư mục làm việc mới: dvk.toml, danh sách chi bộ, hộp thư, biểu mẫu.
    Init(InitArgs),
}

/// Options shared by the commands that read the cells' files.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Tệp hoặc thư mục (đọc cả thư mục con). Bỏ trống khi chạy trong thư mục làm việc
    /// (dvk init): đọc hộp thư, với danh sách chi bộ của thư mục đó.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Danh sách chi bộ của đảng bộ (bảng tính có cột «Tên chi bộ», hoặc tệp văn bản mỗi dòng một tên).
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Tệp cấu hình dvk.toml (mặc định: dvk.toml ở thư mục hiện tại hoặc thư mục cha, nếu có).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ngày dùng để xét đến hạn, quá hạn (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định hôm nay).
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// In kết quả dạng JSON ra stdout thay cho văn bản.
    #[arg(long)]
    pub json: bool,
    /// Chỉ in những gì cần xử lý.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Arguments of `dvk check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Ghi kết quả ra bảng tính Excel (.xlsx) để lọc, in và gửi lại chi bộ.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
}

/// Arguments of `dvk missing`.
#[derive(Debug, Args)]
pub struct MissingArgs {
    /// Năm thi đua (năm đăng ký).
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Ghi danh sách đôn đốc ra bảng tính Excel (.xlsx), sẵn để in.
    #[arg(long, value_name = "FILE.xlsx")]
    pub out: Option<PathBuf>,
}

/// Arguments of `dvk report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Năm báo cáo (báo cáo hằng năm, ngày 30/12).
    #[arg(long, value_name = "YEAR", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,
    /// Năm đầu của giai đoạn (sơ kết, tổng kết).
    #[arg(long, value_name = "YEAR", requires = "to")]
    pub from: Option<i32>,
    /// Năm cuối của giai đoạn.
    #[arg(long, value_name = "YEAR", requires = "from")]
    pub to: Option<i32>,
    /// Shared options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Tệp báo cáo Excel (.xlsx) sẽ ghi.
    #[arg(long, value_name = "FILE.xlsx", required = true)]
    pub out: PathBuf,
}

/// Arguments of `dvk template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Thư mục ghi biểu mẫu (mặc định, trong thư mục làm việc: thư mục biểu mẫu của nó).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Năm thi đua ghi trên biểu mẫu (mặc định: năm nay).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Danh sách chi bộ: thêm một bộ biểu mẫu riêng cho từng chi bộ, tên chi bộ ghi sẵn.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// Tệp cấu hình dvk.toml (mặc định: dvk.toml ở thư mục hiện tại hoặc thư mục cha, nếu có).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `dvk init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục làm việc cần tạo (tạo mới nếu chưa có; tệp đã có được giữ nguyên).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Năm thi đua của hộp thư và biểu mẫu (mặc định: năm nay).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

/// Arguments of `dvk config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The config subcommand.
    #[command(subcommand)]
    pub command: ConfigCommand,
}

/// The subcommands of `dvk config`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// In các quy định áp dụng cho một năm: hạn đăng ký, hạn tự đánh giá, chỉ tiêu, tiêu chí công nhận.
    Show {
        /// Năm thi đua.
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// Tệp cấu hình dvk.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

fn parse_as_of(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| crate::values::parse_date_text(text).map_err(|e| e.to_string()))
        .map_err(|_| format!("«{text}» không phải ngày: ghi YYYY-MM-DD, ví dụ 2018-12-30"))
}

/// Runs the command line and returns the exit code: 0 no error-level finding, 1 some, 2 the
/// run itself failed (reported on stderr).
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Missing(args) => run_missing(args),
        Command::Report(args) => run_report(args),
        Command::Config(ConfigArgs {
            command: ConfigCommand::Show { year, config },
        }) => {
            let config = load_config(config.as_deref())?;
            print(&config.show(year))?;
            Ok(0)
        }
        Command::Template(args) => run_template(args),
        Command::Init(args) => run_init(args),
    }
}

/// Inside a workspace, a command given no PATH reads the workspace's inbox, with its roster
/// when no `--roster` is given; outside one, no PATH is a usage error.
///
/// A roster not filled in yet is left out, with a note on stderr, unless the command
/// `needs_roster` (then reading it says what is wrong).
fn use_workspace(common: &mut CommonArgs, needs_roster: bool) -> Result<()> {
    if !common.paths.is_empty() {
        return Ok(());
    }
    let Some((paths, _)) = init::Paths::find(common.config.as_deref(), &current_dir())? else {
        return Err(Error::Usage(
            "thiếu PATH: ghi tệp hoặc thư mục cần đọc, hoặc chạy lệnh trong thư mục làm việc có dvk.toml (tạo bằng dvk init THƯ_MỤC)"
                .to_string(),
        ));
    };
    if !paths.inbox.is_dir() {
        return Err(Error::Usage(format!(
            "thư mục làm việc {} chưa có hộp thư {}: chạy dvk init {} để tạo, hoặc ghi PATH",
            shown(&paths.root).display(),
            shown(&paths.inbox).display(),
            shown(&paths.root).display()
        )));
    }
    common.paths = vec![shown(&paths.inbox)];
    if common.roster.is_some() || !paths.roster.exists() {
        return Ok(());
    }
    let roster = shown(&paths.roster);
    match Roster::load(&roster) {
        Err(error) if !needs_roster => {
            eprintln!("dvk: chú ý: {error}; kiểm tra không đối chiếu danh sách chi bộ");
        }
        _ => common.roster = Some(roster),
    }
    Ok(())
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// A path as the user sees it: relative to the current folder when it is inside it.
fn shown(path: &Path) -> PathBuf {
    let here = current_dir();
    let here = here.canonicalize().unwrap_or(here);
    match path.strip_prefix(&here) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

/// A cycle year from the command line, or this year.
fn cycle_year(year: Option<i32>) -> Result<i32> {
    use chrono::Datelike;
    let year = year.unwrap_or_else(|| chrono::Local::now().year());
    if !(1990..=2100).contains(&year) {
        return Err(Error::Usage(format!(
            "năm {year} không hợp lệ: cần năm từ 1990 đến 2100, ví dụ --year 2025"
        )));
    }
    Ok(year)
}

fn run_template(args: TemplateArgs) -> Result<i32> {
    let year = cycle_year(args.year)?;
    let workspace = init::Paths::find(args.config.as_deref(), &current_dir())?;
    let (out, config) = match (args.out, workspace) {
        (Some(out), Some((_, config))) => (out, config),
        (Some(out), None) => (out, Config::builtin()),
        (None, Some((paths, config))) => (shown(&paths.templates), config),
        (None, None) => {
            return Err(Error::Usage(
                "thiếu --out THƯ_MỤC: cần biết ghi biểu mẫu vào đâu (trong thư mục làm việc thì mặc định là thư mục biểu mẫu)"
                    .to_string(),
            ))
        }
    };
    let roster = args.roster.as_deref().map(Roster::load).transpose()?;
    if let Some(roster) = &roster {
        for name in template::unreadable_cells(year, &config, roster) {
            eprintln!(
                "dvk: chú ý: tên «{name}» ở tiêu đề biểu mẫu dvk không đọc ra tên chi bộ (quá 14 chữ, hoặc có chữ «cơ sở», «trực thuộc»): tệp chi bộ này gửi về sẽ báo thiếu tên chi bộ; nên rút gọn tên trong danh sách"
            );
        }
    }
    let files = template::plan(year, roster.as_ref(), &template::Template::ALL);
    let done = template::write_files(&out, &files, year, &config, template::Existing::Replace)?;
    let mut text = template::render(&out, year, &done);
    let rule = config.rules.for_year(year);
    if rule.origin == crate::rules::RuleOrigin::Default {
        text.push_str(&format!(
            "Lưu ý: chưa có văn bản nào quy định riêng năm {year}; hạn ghi trong biểu mẫu theo {}. Thêm [[cycle]] cho năm {year} vào dvk.toml nếu cấp ủy quy định khác.\n",
            rule.source
        ));
    }
    print(&text)?;
    Ok(0)
}

fn run_init(args: InitArgs) -> Result<i32> {
    let year = cycle_year(args.year)?;
    let done = init::init(&args.dir, year)?;
    let config = Config::load(&args.dir.join(crate::config::FILE_NAME))?;
    print(&init::render(&args.dir, year, &config, &done))?;
    Ok(0)
}

fn load_config(explicit: Option<&Path>) -> Result<Config> {
    Config::discover(explicit, &current_dir())
}

/// Reads and checks every file, with the config and roster the options name.
fn check_files(
    common: &CommonArgs,
    default_as_of: Option<NaiveDate>,
) -> Result<(CheckReport, CheckOptions, Config)> {
    let config = load_config(common.config.as_deref())?;
    let mut options = CheckOptions::new(common.paths.clone());
    options.rules = config.rules.clone();
    options.domains = config.fields.clone();
    options.progress =
        !common.quiet && !common.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
    if let Some(as_of) = common.as_of.or(default_as_of) {
        options.as_of = as_of;
    }
    if let Some(path) = &common.roster {
        options.roster = Some((Roster::load(path)?, path.display().to_string()));
    }
    let report = check::run(&options)?;
    Ok((report, options, config))
}

fn run_check(mut args: CheckArgs) -> Result<i32> {
    use_workspace(&mut args.common, false)?;
    if let Some(out) = &args.out {
        refuse_input_as_output(out, &args.common)?;
    }
    let (report, _, _) = check_files(&args.common, None)?;
    if let Some(out) = &args.out {
        output::workbook::write_findings(&report, out)?;
    }
    if args.common.json {
        print(&output::json::check_json(&report))?;
    } else {
        print(&output::terminal::render(
            &report,
            args.common.quiet,
            stdout_palette(),
        ))?;
    }
    let code = if report.has_errors() { 1 } else { 0 };
    // The process ends here: freeing a large report's every string one by one (16 ms for a
    // consolidated sheet of 100,000 rows) is work the operating system does at once at exit.
    std::mem::forget(report);
    Ok(code)
}

fn run_missing(mut args: MissingArgs) -> Result<i32> {
    use_workspace(&mut args.common, true)?;
    if let Some(out) = &args.out {
        refuse_input_as_output(out, &args.common)?;
    }
    if args.common.roster.is_none() {
        return Err(Error::Usage(
            "dvk missing cần danh sách chi bộ để biết chi bộ nào còn thiếu: thêm --roster FILE"
                .to_string(),
        ));
    }
    let (report, options, config) = check_files(&args.common, None)?;
    // The roster was asked for above; a check always loads the one it is given.
    let Some((roster, _)) = &options.roster else {
        return Err(Error::Internal(
            "danh sách chi bộ không được nạp".to_string(),
        ));
    };
    let answer = missing::missing(
        &report.models,
        roster,
        &options.rules,
        args.year,
        options.as_of,
    );
    if let Some(out) = &args.out {
        output::reminders::write_reminders(&answer, &config.committee, out)?;
    }
    if args.common.json {
        print(&serde_json::to_string_pretty(&answer).unwrap_or_default())?;
    } else {
        print(&missing::render(&answer))?;
    }
    let overdue = answer
        .cells
        .iter()
        .flat_map(|c| &c.items)
        .any(|i| i.status == missing::Urgency::Overdue);
    Ok(if overdue { 1 } else { 0 })
}

fn run_report(mut args: ReportArgs) -> Result<i32> {
    use_workspace(&mut args.common, false)?;
    refuse_input_as_output(&args.out, &args.common)?;
    let span = match (args.year, args.from, args.to) {
        (Some(year), _, _) => report::Span { first: year, last: year },
        (None, Some(first), Some(last)) if first <= last && last - first < 30 => report::Span { first, last },
        _ => {
            return Err(Error::Usage(
                "cần --year NĂM, hoặc --from NĂM_ĐẦU --to NĂM_CUỐI (năm đầu không sau năm cuối, tối đa 30 năm)".to_string(),
            ))
        }
    };
    // The yearly report is judged as of its own date, 30/12, unless --as-of says otherwise.
    let (mut checked, options, config) = check_files(&args.common, Some(span.report_date()))?;
    let roster = options.roster.as_ref().map(|(r, _)| r);
    let prepared = report::prepare(&checked, roster, &config, span, options.as_of)?;
    // Moved, not copied: the figures are made, and a rollup lists a hundred thousand models.
    let models: Vec<_> = std::mem::take(&mut checked.models)
        .into_iter()
        .filter(|m| (span.first..=span.last).contains(&m.registration.year))
        .collect();
    let input = output::report::ReportInput {
        committee: &config.committee,
        first_year: span.first,
        last_year: span.last,
        date: span.report_date(),
        aggregates: &prepared.aggregates,
        models: &models,
        missing: &prepared.missing,
        findings: &checked.findings,
    };
    output::report::write_report(&input, &args.out)?;
    if args.common.json {
        print(&report::report_json(&prepared))?;
    } else {
        print(&report::summary_text(&prepared, span, &args.out))?;
    }
    Ok(if checked.has_errors() { 1 } else { 0 })
}

/// Colours when stdout shows them, as anstream decides (a terminal, NO_COLOR unset).
fn stdout_palette() -> output::terminal::Palette {
    match anstream::AutoStream::choice(&std::io::stdout()) {
        anstream::ColorChoice::Never => output::terminal::Palette::plain(),
        _ => output::terminal::Palette::coloured(),
    }
}

/// Prints to stdout; a closed pipe (`dvk … | head`) is not a failure.
fn print(text: &str) -> Result<()> {
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

/// dvk never writes over a file it reads: the output must not be one of the inputs, the
/// roster or the config, nor lie inside a folder it reads.
fn refuse_input_as_output(out: &Path, common: &CommonArgs) -> Result<()> {
    let Ok(out) = out.canonicalize() else {
        return Ok(()); // does not exist yet: nothing to overwrite
    };
    let inputs = common
        .paths
        .iter()
        .chain(&common.roster)
        .chain(&common.config);
    for input in inputs {
        let Ok(input) = input.canonicalize() else {
            continue;
        };
        if out == input || out.starts_with(&input) {
            return Err(Error::Usage(format!(
                "tệp kết quả {} nằm trong dữ liệu đầu vào {}: dvk không ghi đè tệp đầu vào, hãy chọn nơi khác",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}
