//! `dvk template`: write the forms the committee sends its units ([`crate::templates`]
//! decides what each holds), into the folder given or the workspace's forms folder.
//!
//! Three stages: the registration forms (`dang-ky`, the default: blank, for every unit); the
//! self-assessment forms (`tu-danh-gia`: each unit's, its registered models written in
//! advance, read from the files as `dvk check` reads them); the committee's decision sheet
//! (`binh-xet`: every registered model with what dvk judged, to decide on).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{check_files, current_dir, cycle_year, shown, use_workspace, CommonArgs};
use crate::error::{Error, Result};
use crate::judge::assess::Model;
use crate::judge::roster::Roster;
use crate::output::templates::template_workbook;
use crate::output::terminal::{print, template_text, warn};
use crate::rules::config::Config;
use crate::templates;
use crate::workspace;

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
    /// Giai đoạn: dang-ky (mẫu đăng ký, tự đánh giá trống, danh sách chi bộ), tu-danh-gia
    /// (mẫu tự đánh giá của từng chi bộ, ghi sẵn các mô hình đã đăng ký), binh-xet (bảng bình
    /// xét của Đảng ủy).
    #[arg(long, value_enum, default_value_t = Stage::DangKy)]
    pub stage: Stage,
    /// Với tu-danh-gia, binh-xet: tệp hoặc thư mục hồ sơ các chi bộ đã gửi (mặc định, trong
    /// thư mục làm việc: hộp thư).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Với binh-xet: ngày dùng để xét (mặc định hôm nay).
    #[arg(long, value_name = "DATE", value_parser = super::parse_as_of)]
    pub as_of: Option<NaiveDate>,
}

/// The stage of the cycle the forms are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// The registration forms, the blank self-assessment form and the roster form.
    #[value(name = "dang-ky")]
    DangKy,
    /// Each unit's self-assessment form, its registered models written in advance.
    #[value(name = "tu-danh-gia")]
    TuDanhGia,
    /// The committee's decision sheet.
    #[value(name = "binh-xet")]
    BinhXet,
}

/// Runs `dvk template`: into `--out`, or the workspace's forms folder.
pub fn run(args: TemplateArgs) -> Result<i32> {
    if args.stage != Stage::DangKy {
        return run_filled(args);
    }
    let year = cycle_year(args.year)?;
    let workspace = workspace::Paths::find(args.config.as_deref(), &current_dir())?;
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
        for name in templates::unreadable_units(year, &config, roster) {
            warn(&format!(
                "tên «{name}» ở tiêu đề biểu mẫu dvk không đọc ra tên chi bộ (trùng tên Đảng bộ hoặc cấp ủy cấp trên trong dvk.toml): tệp chi bộ này gửi về sẽ báo thiếu tên chi bộ; nên sửa tên trong danh sách"
            ));
        }
    }
    let files = templates::plan(year, roster.as_ref(), &templates::Template::ALL);
    let done = templates::write_files(&out, &files, year, &config, templates::Existing::Replace)?;
    print(&template_text(
        &out,
        year,
        &done,
        &config.rules.for_year(year),
    ))?;
    Ok(0)
}

/// `--stage tu-danh-gia` and `--stage binh-xet`: the forms written from the registrations the
/// units sent, read as `dvk check` reads them.
fn run_filled(args: TemplateArgs) -> Result<i32> {
    let year = cycle_year(args.year)?;
    let workspace = workspace::Paths::find(args.config.as_deref(), &current_dir())?;
    let mut common = CommonArgs {
        paths: args.paths,
        roster: args.roster,
        config: args.config,
        as_of: args.as_of,
        json: false,
        quiet: true,
    };
    use_workspace(&mut common, false)?;
    let out = match (args.out, workspace) {
        (Some(out), _) => out,
        (None, Some((paths, _))) => shown(&paths.templates),
        (None, None) => {
            return Err(Error::Usage(
                "thiếu --out THƯ_MỤC: cần biết ghi biểu mẫu vào đâu (trong thư mục làm việc thì mặc định là thư mục biểu mẫu)"
                    .to_string(),
            ))
        }
    };
    super::refuse_input_as_output(&out, &common)?;
    let (report, options, config) = check_files(&common, None)?;
    let models: Vec<&Model> = report
        .models
        .iter()
        .filter(|m| m.registration.year == year)
        .collect();
    let roster = options.roster.as_ref().map(|(roster, _)| roster);
    let units = units_in_order(&models, roster);
    let mut books = Vec::new();
    match args.stage {
        Stage::TuDanhGia => {
            let mut folders = HashSet::new();
            for (unit, of_unit) in &units {
                let name = templates::unit_title(unit);
                let folder =
                    templates::unique_name(&templates::safe_file_name(&name), &mut folders);
                let file = templates::Template::SelfAssessment.file_name(year, Some(&name));
                let contents = templates::self_assessment_book(year, &config, unit, of_unit);
                books.push((Path::new(&folder).join(file), contents));
            }
        }
        Stage::BinhXet | Stage::DangKy => {
            let ordered: Vec<&Model> = units.iter().flat_map(|(_, m)| m.iter().copied()).collect();
            let file = templates::Template::Decision.file_name(year, None);
            books.push((
                PathBuf::from(file),
                templates::decision_book(year, &config, &ordered),
            ));
        }
    }
    let mut done = Vec::with_capacity(books.len());
    for (relative, contents) in &books {
        let path = out.join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::Output {
                path: folder.to_path_buf(),
                reason: format!("không tạo được thư mục ({e})"),
            })?;
        }
        let bytes =
            template_workbook(contents).map_err(crate::output::atomic::build_error(&path))?;
        crate::output::atomic::write_atomically(&path, &bytes)?;
        done.push(templates::Outcome {
            path: relative.clone(),
            written: true,
        });
    }
    print(&crate::output::terminal::filled_template_text(
        &out,
        year,
        args.stage == Stage::BinhXet,
        &done,
        models.len(),
    ))?;
    Ok(0)
}

/// The units of the models with their models: in roster order, then the units not on it in
/// reading order; each unit's models in reading order.
fn units_in_order<'a>(
    models: &[&'a Model],
    roster: Option<&Roster>,
) -> Vec<(String, Vec<&'a Model>)> {
    let mut units: Vec<(String, Vec<&'a Model>)> = roster
        .map(Roster::units)
        .unwrap_or_default()
        .iter()
        .map(|unit| (unit.name.clone(), Vec::new()))
        .collect();
    for model in models {
        let key = crate::judge::roster::unit_key(&model.registration.unit);
        match units
            .iter_mut()
            .find(|(unit, _)| crate::judge::roster::unit_key(unit) == key)
        {
            Some((_, of_unit)) => of_unit.push(model),
            None => units.push((model.registration.unit.clone(), vec![model])),
        }
    }
    units.retain(|(_, of_unit)| !of_unit.is_empty());
    units
}
