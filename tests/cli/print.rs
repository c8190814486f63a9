//! Every workbook and Word document dvk writes (the receipt log of `dvk intake` too), printed to PDF by LibreOffice as an office prints it: no two
//! words print over each other on any page (their boxes read with poppler's `pdftotext
//! -bbox`), the header lines are whole, and the signature block shares its page with the
//! table's last rows.
//!
//! LibreOffice and poppler-utils are installed by `.ci/run`; in CI (`CI` set) a missing one
//! fails the test, elsewhere the test says it is skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::workdir::{run_in_repo, Workdir};

const ROSTER: &str = "samples/danh-sach-chi-bo.xlsx";

/// The first program of `names` that runs, if any.
fn program(names: &[&'static str], version_flag: &str) -> Option<&'static str> {
    names.iter().copied().find(|name| {
        Command::new(name)
            .arg(version_flag)
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Whether fontconfig gives a font with Calibri's metrics (Carlito) for Calibri, the default
/// font of every workbook. Column widths are counted in its digits: without it LibreOffice
/// takes DejaVu Sans, a third wider, and prints every workbook a third smaller than Excel, so
/// the pages checked here would not be the office's.
fn calibri_metrics() -> bool {
    Command::new("fc-match")
        .arg("Calibri")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Carlito"))
}

/// LibreOffice and pdftotext, or `None` (with a note) when either, or the fonts that print
/// as Excel does, is absent outside CI.
fn tools() -> Option<(&'static str, &'static str)> {
    let soffice = program(&["soffice", "libreoffice"], "--version");
    let pdftotext = program(&["pdftotext"], "-v");
    match (soffice, pdftotext) {
        (Some(soffice), Some(pdftotext)) if calibri_metrics() => Some((soffice, pdftotext)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must have LibreOffice (soffice), poppler-utils (pdftotext) and Carlito (fonts-crosextra-carlito): .ci/run installs them")
        }
        _ => {
            eprintln!(
                "SKIPPED: LibreOffice (soffice), poppler-utils (pdftotext) or Carlito (fonts-crosextra-carlito) is not installed, so the printed pages are not checked"
            );
            None
        }
    }
}

/// A word printed on a page, with its box in points.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// The words of each page of `pdftotext -bbox` output.
fn pages(html: &str) -> Vec<Vec<Word>> {
    let attribute = |tag: &str, name: &str| -> f64 {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|value| value.parse().ok())
            .unwrap_or(0.0)
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .filter_map(|word| {
                    let (tag, rest) = word.split_once('>')?;
                    let text = rest.split("</word>").next()?;
                    let text = text
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&amp;", "&");
                    Some(Word {
                        x0: attribute(tag, "xMin"),
                        y0: attribute(tag, "yMin"),
                        x1: attribute(tag, "xMax"),
                        y1: attribute(tag, "yMax"),
                        text,
                    })
                })
                .collect()
        })
        .collect()
}

/// Pairs of words whose boxes overlap: more than a point across, and more than a quarter of
/// the lower word's height down (successive lines touch by a point or so: that is not
/// printing over).
fn overlaps(words: &[Word]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            let across = a.x1.min(b.x1) - a.x0.max(b.x0);
            let down = a.y1.min(b.y1) - a.y0.max(b.y0);
            let height = (a.y1 - a.y0).min(b.y1 - b.y0);
            if across > 1.0 && down > 0.25 * height {
                found.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    found
}

/// The lines of a page: words on the same baseline, left to right, joined by spaces.
fn lines(words: &[Word]) -> Vec<String> {
    let mut sorted: Vec<&Word> = words.iter().collect();
    sorted.sort_by(|a, b| a.y1.total_cmp(&b.y1).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, Vec<&Word>)> = Vec::new();
    for word in sorted {
        match lines.last_mut() {
            Some((y, line)) if (word.y1 - *y).abs() < 1.5 => line.push(word),
            _ => lines.push((word.y1, vec![word])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut line)| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line.iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn page_has(words: &[Word], text: &str) -> bool {
    lines(words).iter().any(|line| line.contains(text))
}

/// Converts every file to PDF in one LibreOffice run; returns the pages of each, by file stem.
fn print_all(
    dir: &Path,
    files: &[PathBuf],
    (soffice, pdftotext): (&str, &str),
) -> Vec<(String, Vec<Vec<Word>>)> {
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    let pdf_dir = dir.join("pdf");
    let converted = Command::new(soffice)
        .args(["--headless", &profile, "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .args(files)
        .output()
        .expect("run LibreOffice");
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    files
        .iter()
        .map(|file| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let pdf = pdf_dir.join(format!("{stem}.pdf"));
            assert!(pdf.exists(), "LibreOffice printed no {}", pdf.display());
            let html = pdf_dir.join(format!("{stem}.html"));
            let status = Command::new(pdftotext)
                .arg("-bbox")
                .arg(&pdf)
                .arg(&html)
                .status()
                .expect("run pdftotext");
            assert!(status.success());
            let text = std::fs::read_to_string(&html).expect("pdftotext output");
            (stem, pages(&text))
        })
        .collect()
}

/// A roster of the samples' ten cells and 21 more that sent nothing: the report's table and
/// the reminder letter's list run onto a second page.
fn long_roster(dir: &Workdir) -> String {
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/danh-sach-chi-bo.txt"),
    )
    .expect("the samples' roster");
    for n in 3..24 {
        text.push_str(&format!(
            "\nChi bộ Phòng Công chứng số {n} thành phố Đồng Hới"
        ));
    }
    let path = dir.file("chi-bo-dai.txt");
    std::fs::write(&path, text).expect("write the roster");
    path.to_string_lossy().into_owned()
}

#[test]
fn every_output_prints_without_words_over_each_other() {
    let Some(tools) = tools() else {
        return;
    };
    let dir = Workdir::new();
    let out = |name: &str| dir.file(name).to_string_lossy().into_owned();
    let long = long_roster(&dir);
    // Each run: its words, then the output it writes (the last argument).
    let runs: [(Vec<&str>, &str); 11] = [
        (
            vec![
                "check",
                "samples",
                "--roster",
                ROSTER,
                "--as-of",
                "2024-12-30",
                "--out",
            ],
            "check.xlsx",
        ),
        (
            vec![
                "missing",
                "--year",
                "2018",
                "samples",
                "--roster",
                ROSTER,
                "--as-of",
                "2019-12-30",
                "--out",
            ],
            "don-doc.xlsx",
        ),
        (
            vec![
                "report", "--year", "2018", "samples", "--roster", ROSTER, "--out",
            ],
            "bao-cao.xlsx",
        ),
        (
            vec![
                "report", "--from", "2016", "--to", "2020", "samples", "--roster", ROSTER, "--out",
            ],
            "so-ket.xlsx",
        ),
        (
            vec![
                "report", "--year", "2018", "samples", "--roster", &long, "--out",
            ],
            "bao-cao-dai.xlsx",
        ),
        (
            vec![
                "missing",
                "--year",
                "2018",
                "samples",
                "--roster",
                &long,
                "--as-of",
                "2019-12-30",
                "--out",
            ],
            "don-doc-dai.xlsx",
        ),
        (vec!["template", "--year", "2025", "--out"], "mau-bieu"),
        (
            vec![
                "feedback",
                "--year",
                "2018",
                "samples",
                "--roster",
                ROSTER,
                "--as-of",
                "2019-12-30",
                "--out",
            ],
            "phan-hoi",
        ),
        (
            vec![
                "template",
                "--stage",
                "tu-danh-gia",
                "--year",
                "2018",
                "samples",
                "--roster",
                ROSTER,
                "--out",
            ],
            "tu-danh-gia",
        ),
        (
            vec![
                "template",
                "--stage",
                "binh-xet",
                "--year",
                "2018",
                "samples",
                "--roster",
                ROSTER,
                "--as-of",
                "2019-12-30",
                "--out",
            ],
            "binh-xet",
        ),
        // The receipt log of the samples taken in.
        (
            vec![
                "intake",
                "samples/2018",
                "samples/2024",
                "--roster",
                ROSTER,
                "--into",
            ],
            "nhan",
        ),
    ];
    for (words, output) in &runs {
        let output = out(output);
        let mut args = words.clone();
        args.push(&output);
        let run = run_in_repo(&args);
        assert!(run.code <= 1, "dvk {args:?}: {}", run.stderr);
    }
    let mut files: Vec<PathBuf> = [
        "check.xlsx",
        "don-doc.xlsx",
        "bao-cao.xlsx",
        "so-ket.xlsx",
        "bao-cao-dai.xlsx",
        "don-doc-dai.xlsx",
    ]
    .iter()
    .map(|name| dir.file(name))
    .collect();
    files.push(dir.file("nhan/so-nhan-ho-so.xlsx"));
    // The Word reports and letters written beside the workbooks, renamed: LibreOffice names each PDF
    // after its file, and the workbook's would be overwritten.
    for stem in ["bao-cao", "so-ket", "bao-cao-dai", "don-doc", "don-doc-dai"] {
        let word = dir.file(&format!("word-{stem}.docx"));
        std::fs::rename(dir.file(&format!("{stem}.docx")), &word).expect("the Word report");
        files.push(word);
    }
    let mut forms: Vec<PathBuf> = std::fs::read_dir(dir.file("mau-bieu"))
        .expect("the forms")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    forms.sort();
    assert_eq!(forms.len(), 4, "{forms:?}");
    files.extend(forms);
    // A return slip with findings and missing items, as a workbook and as a Word letter (renamed:
    // both would print to the same PDF); a self-assessment form written in advance; the
    // decision sheet.
    let slip = "Phiếu phản hồi_Chi bộ Thanh tra_2018";
    let slip_book = dir.file("phieu-phan-hoi.xlsx");
    std::fs::copy(dir.file(&format!("phan-hoi/{slip}.xlsx")), &slip_book).expect("the slip");
    let slip_word = dir.file("word-phieu-phan-hoi.docx");
    std::fs::copy(dir.file(&format!("phan-hoi/{slip}.docx")), &slip_word).expect("the letter");
    files.extend([
        slip_book,
        slip_word,
        dir.file("tu-danh-gia/Chi bộ Văn phòng/TĐG_Chi bộ Văn phòng_2018.xlsx"),
        dir.file("binh-xet/BX_Bảng bình xét_2018.xlsx"),
    ]);
    let printed = print_all(dir.path(), &files, tools);
    let mut failures = Vec::new();
    for (name, pages) in &printed {
        assert!(!pages.is_empty(), "{name}: no page");
        for (number, words) in (1..).zip(pages) {
            let found = overlaps(words);
            if !found.is_empty() {
                failures.push(format!(
                    "{name}, page {number}: {} words over others, e.g. {:?}",
                    found.len(),
                    &found[..found.len().min(3)]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let pages_of = |stem: &str| {
        &printed
            .iter()
            .find(|(name, _)| name == stem)
            .unwrap_or_else(|| panic!("{stem} printed"))
            .1
    };
    // The signed documents: the header block whole on the first page, the signature block
    // on a page with rows of the table.
    for (stem, row_text) in [
        ("word-bao-cao", "T/M BAN CHẤP HÀNH"),
        ("word-so-ket", "T/M BAN CHẤP HÀNH"),
        ("word-don-doc", "10/10/2018"),
        ("word-don-doc-dai", "10/10/2018"),
        ("bao-cao", "Tổng cộng"),
        ("so-ket", "Tổng cộng"),
        ("bao-cao-dai", "Tổng cộng"),
        ("don-doc", "10/10/2018"),
        ("don-doc-dai", "10/10/2018"),
        // A return slip's signature goes with its request to the unit at least.
        ("phieu-phan-hoi", "Đề nghị chi bộ"),
        ("word-phieu-phan-hoi", "Đề nghị chi bộ"),
    ] {
        let pages = pages_of(stem);
        for line in [
            "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "ĐẢNG ỦY SỞ TƯ PHÁP",
        ] {
            assert!(
                page_has(&pages[0], line),
                "{stem}: «{line}» not whole on page 1: {:?}",
                lines(&pages[0])
            );
        }
        let signed = pages
            .iter()
            .position(|words| page_has(words, "T/M BAN CHẤP HÀNH"))
            .unwrap_or_else(|| panic!("{stem}: no signature block"));
        assert!(
            page_has(&pages[signed], row_text),
            "{stem}: the signature block is on page {} without the table's rows: {:?}",
            signed + 1,
            lines(&pages[signed])
        );
    }
    // The slip, the self-assessment form and the decision sheet: the header block whole, and
    // what each holds on the page.
    for (stem, expected) in [
        ("phieu-phan-hoi", "Kính gửi: Chi bộ Thanh tra"),
        ("word-phieu-phan-hoi", "Kính gửi: Chi bộ Thanh tra"),
        ("TĐG_Chi bộ Văn phòng_2018", "Một cửa liên thông đúng hẹn"),
        ("BX_Bảng bình xét_2018", "Chưa: chưa có báo cáo"),
    ] {
        let pages = pages_of(stem);
        let all: Vec<String> = pages.iter().flat_map(|words| lines(words)).collect();
        assert!(
            all.iter().any(|line| line.contains(expected)),
            "{stem}: «{expected}» not printed: {all:?}"
        );
        assert!(page_has(&pages[0], "ĐẢNG CỘNG SẢN VIỆT NAM"), "{stem}");
    }
    for stem in ["phieu-phan-hoi", "word-phieu-phan-hoi"] {
        let all: Vec<String> = pages_of(stem)
            .iter()
            .flat_map(|words| lines(words))
            .collect();
        let all = all.join(" ");
        for expected in [
            "thời điểm sửa tệp",
            "15/09/2019",
            "quá hạn",
            "121",
            "T/M BAN CHẤP HÀNH",
        ] {
            assert!(all.contains(expected), "«{expected}» in {stem}:\n{all}");
        }
    }
    // The receipt log: its header on every page, every file's row.
    let log = pages_of("so-nhan-ho-so");
    assert!(
        log.iter().all(|words| page_has(words, "SHA-256")),
        "{:?}",
        lines(&log[0])
    );
    assert!(log.iter().any(|words| page_has(words, "ke-hoach-61.pdf")));
    // The long report and letter run onto a second page, and still keep the block with rows.
    assert!(pages_of("bao-cao-dai").len() > pages_of("bao-cao").len());
    assert!(pages_of("don-doc-dai").len() >= 2);
    // Pages are numbered from the second: the foot of page 1 is bare, that of page 2 is «2».
    for stem in [
        "bao-cao-dai",
        "don-doc-dai",
        "word-bao-cao",
        "word-don-doc-dai",
    ] {
        let pages = pages_of(stem);
        let foot = |words: &[Word]| lines(words).last().cloned().unwrap_or_default();
        assert!(pages.len() >= 2, "{stem}: one page");
        assert_ne!(foot(&pages[0]).trim(), "1", "{stem}: page 1 numbered");
        assert_eq!(foot(&pages[1]).trim(), "2", "{stem}: page 2 not numbered");
    }
    for stem in ["don-doc", "word-don-doc"] {
        let letter = lines(&pages_of(stem)[0]).join(" ");
        for expected in [
            "Số -CV/ĐU",
            "Kính gửi: Các chi bộ có tên trong danh sách dưới đây",
            "Lê Thị Bình",
            "ĐT:",
        ] {
            assert!(
                letter.contains(expected),
                "«{expected}» in {stem}:\n{letter}"
            );
        }
    }
    let letter = lines(&pages_of("don-doc")[0]).join(" ");
    for expected in [
        "Số -CV/ĐU",
        "V/v đôn đốc hoàn thành hồ sơ thi đua “Dân vận khéo” năm 2018",
        "Kính gửi: Các chi bộ có tên trong danh sách dưới đây",
        "Văn phòng Đảng ủy trước ngày 06/01/2020",
    ] {
        assert!(
            letter.contains(expected),
            "«{expected}» in the letter:\n{letter}"
        );
    }
    // The roster form prints its rows, not pages of empty ones.
    let roster = pages_of("Danh sách chi bộ");
    assert!(
        roster.len() <= 3,
        "the roster form prints {} pages",
        roster.len()
    );
    assert!(page_has(&roster[0], "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH"));
}
