//! Integration tests of `dvk init` and of running inside a workspace: `dvk check`, `missing`
//! and `report` with no PATH.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::book::{row, t, SheetSpec, V};
use crate::common::fill::{fill_xlsx, text};
use crate::common::workdir::{Run, Workdir};
use dvk::rules::config::Config;
use dvk::rules::RuleOrigin;

/// Runs `dvk` in a folder below the scratch folder.
fn run_in(folder: &Path, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dvk"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("run dvk");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file under `root` with its bytes and modification time.
fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk");
        let relative = entry
            .path()
            .strip_prefix(root)
            .expect("inside")
            .display()
            .to_string();
        let modified = std::fs::metadata(entry.path())
            .and_then(|m| m.modified())
            .expect("a modification time");
        let bytes = if entry.file_type().is_file() {
            std::fs::read(entry.path()).expect("read")
        } else {
            Vec::new()
        };
        files.insert(relative, (bytes, modified));
    }
    files
}

#[test]
fn init_makes_a_workspace_and_a_second_run_changes_nothing() {
    let dir = Workdir::new();
    let run = dir.run(&["init", "vp", "--year", "2025"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "  đã tạo     dvk.toml",
        "  đã tạo     danh-sach-chi-bo.xlsx",
        "  đã tạo     hop-thu/2025",
        "  đã tạo     mau-bieu/M1_Đăng ký mô hình tập thể_2025.xlsx",
        "  đã tạo     mau-bieu/M2_Đăng ký điển hình cá nhân_2025.xlsx",
        "  đã tạo     mau-bieu/TĐG_Tự đánh giá mô hình, điển hình_2025.xlsx",
    ] {
        assert!(
            run.stdout.lines().any(|l| l == line),
            "«{line}» in\n{}",
            run.stdout
        );
    }
    let root = dir.path().join("vp");
    let before = snapshot(&root);
    // The folder itself, dvk.toml, the roster, hop-thu and hop-thu/2025, mau-bieu and its
    // three forms.
    assert_eq!(before.len(), 9, "{:?}", before.keys());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = dir.run(&["init", "vp", "--year", "2025"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("tạo mới 0, giữ nguyên 6"),
        "{}",
        again.stdout
    );
    assert_eq!(snapshot(&root), before, "a second init changes nothing");
}

#[test]
fn a_fresh_workspace_is_checked_without_its_empty_roster() {
    let dir = Workdir::new();
    assert_eq!(dir.run(&["init", "vp", "--year", "2025"]).code, 0);
    let root = dir.path().join("vp");
    let run = run_in(&root, &["check", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["summary"]["files"], 0);
    assert!(
        run.stderr
            .contains("chú ý: không dùng được danh sách chi bộ danh-sach-chi-bo.xlsx"),
        "{}",
        run.stderr
    );
    // dvk missing cannot go without it: it says what is wrong.
    let run = run_in(&root, &["missing", "--year", "2025"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("không tìm thấy tên chi bộ nào"),
        "{}",
        run.stderr
    );
}

#[test]
fn init_keeps_what_exists_and_fills_in_what_is_missing() {
    let dir = Workdir::new();
    std::fs::write(
        dir.file("vp/dvk.toml"),
        "[committee]\nplace = \"Huế\"\n[workspace]\ninbox = \"ho-so\"\n",
    )
    .expect("config");
    let run = dir.run(&["init", "vp", "--year", "2026"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("  giữ nguyên  dvk.toml (đã có)"),
        "{}",
        run.stdout
    );
    let config = std::fs::read_to_string(dir.path().join("vp/dvk.toml")).expect("config");
    assert!(
        config.starts_with("[committee]\nplace = \"Huế\""),
        "kept as it was"
    );
    assert!(
        dir.path().join("vp/ho-so/2026").is_dir(),
        "the config's inbox"
    );
    // The forms follow the config that was there: «Huế, ngày …».
    let form = dir
        .path()
        .join("vp/mau-bieu/M1_Đăng ký mô hình tập thể_2026.xlsx");
    let book = dvk::ingest::read::read_workbook(&form).expect("readable");
    assert!(book.sheets[0].texts().any(|t| t.starts_with("Huế, ngày")));
}

#[test]
fn the_written_config_reads_back_as_the_built_in_one() {
    let dir = Workdir::new();
    assert_eq!(dir.run(&["init", "vp", "--year", "2025"]).code, 0);
    let config = Config::load(&dir.path().join("vp/dvk.toml")).expect("a valid config");
    let builtin = Config::builtin();
    assert_eq!(config.committee, builtin.committee);
    assert_eq!(config.fields, builtin.fields);
    assert_eq!(config.workspace, builtin.workspace);
    assert_eq!(config.rules.phases(), builtin.rules.phases());
    for year in 2010..2035 {
        let (mut written, builtin) = (config.rules.for_year(year), builtin.rules.for_year(year));
        if written.origin == RuleOrigin::Config {
            written.origin = RuleOrigin::Builtin;
        }
        assert_eq!(written, builtin, "year {year}");
    }
}

/// A workspace with its roster filled in (through the roster form init wrote) and one
/// registration in the inbox of 2025.
fn filled_workspace() -> Workdir {
    let dir = Workdir::new();
    assert_eq!(dir.run(&["init", "vp", "--year", "2025"]).code, 0);
    let roster = dir.path().join("vp/danh-sach-chi-bo.xlsx");
    let book = dvk::ingest::read::read_workbook(&roster).expect("the roster form");
    let form = dvk::recognize::forms::recognize(&book.sheets[0]).expect("recognized");
    let col = |field| form.column(field).expect("a column").index;
    let first = form.header_last_row + 2;
    use dvk::recognize::forms::ColumnRole;
    fill_xlsx(
        &roster,
        1,
        &[
            (first, col(ColumnRole::Unit), text("Chi bộ Văn phòng")),
            (first, col(ColumnRole::Secretary), text("Nguyễn Văn An")),
            (first + 1, col(ColumnRole::Unit), text("Chi bộ Thanh tra")),
            (first + 1, col(ColumnRole::Secretary), text("Lê Thị Bình")),
        ],
    );
    let registration = SheetSpec::new(
        "DS",
        vec![
            row(&["CHI BỘ VĂN PHÒNG"]),
            row(&["DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH NĂM 2025"]),
            row(&["STT", "Loại", "Tên mô hình", "Họ và tên", "Ngày đăng ký"]),
            vec![
                V::Num(1.0),
                t("Tập thể"),
                t("Một cửa thân thiện"),
                t("Bộ phận một cửa"),
                t("05/10/2025"),
            ],
            vec![
                V::Num(2.0),
                t("Cá nhân"),
                t("Hướng dẫn trực tuyến"),
                t("Nguyễn Văn An"),
                t("05/10/2025"),
            ],
        ],
    );
    dir.xlsx("vp/hop-thu/2025/van-phong.xlsx", &[registration]);
    dir
}

#[test]
fn inside_a_workspace_check_needs_no_path() {
    let dir = filled_workspace();
    for folder in ["vp", "vp/hop-thu/2025", "vp/mau-bieu"] {
        let run = run_in(
            &dir.path().join(folder),
            &["check", "--as-of", "2025-12-30", "--json"],
        );
        assert_eq!(run.code, 1, "{folder}: {}", run.stderr);
        let json = run.json();
        assert_eq!(
            json["summary"]["files"], 1,
            "{folder}: only the inbox is read"
        );
        assert_eq!(json["files"][0]["path"], "2025/van-phong.xlsx");
        assert_eq!(json["summary"]["rows_accepted"], 2);
        // The workspace's roster is used: Thanh tra registered nothing.
        let missing: Vec<&str> = json["issues"]
            .as_array()
            .map(|i| {
                i.iter()
                    .filter(|i| i["code"] == "missing-registration")
                    .filter_map(|i| i["value"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(missing, ["Chi bộ Thanh tra"], "{folder}");
    }
}

#[test]
fn inside_a_workspace_missing_and_report_need_no_path() {
    let dir = filled_workspace();
    let root = dir.path().join("vp");
    let run = run_in(
        &root,
        &[
            "missing",
            "--year",
            "2025",
            "--as-of",
            "2025-12-30",
            "--json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    let cells: Vec<&str> = json["cells"]
        .as_array()
        .map(|c| c.iter().filter_map(|c| c["cell"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(cells, ["Chi bộ Thanh tra"]);
    assert_eq!(json["cells"][0]["secretary"], "Lê Thị Bình");

    let run = run_in(
        &root,
        &[
            "report",
            "--year",
            "2025",
            "--out",
            "bao-cao-2025.xlsx",
            "--json",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(root.join("bao-cao-2025.xlsx").is_file());
    let json = run.json();
    assert_eq!(json["totals"]["collective"], 1, "{json}");
    assert_eq!(json["totals"]["individual"], 1, "{json}");
}

#[test]
fn outside_a_workspace_a_path_is_needed() {
    let dir = Workdir::new();
    for args in [
        vec!["check"],
        vec!["missing", "--year", "2025"],
        vec!["report", "--year", "2025", "--out", "r.xlsx"],
    ] {
        let run = dir.run(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("thiếu PATH"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A dvk.toml without its inbox is a workspace not made (or broken): said so.
    std::fs::write(dir.file("dvk.toml"), "").expect("config");
    let run = dir.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("chưa có hộp thư hop-thu"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_inside_a_workspace_writes_to_its_templates_folder() {
    let dir = filled_workspace();
    let run = run_in(
        &dir.path().join("vp"),
        &[
            "template",
            "--year",
            "2026",
            "--roster",
            "danh-sach-chi-bo.xlsx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Đã ghi 10 biểu mẫu năm 2026 vào mau-bieu:"),
        "{}",
        run.stdout
    );
    let own = dir
        .path()
        .join("vp/mau-bieu/Chi bộ Thanh tra/TĐG_Chi bộ Thanh tra_2026.xlsx");
    assert!(own.is_file());
}
