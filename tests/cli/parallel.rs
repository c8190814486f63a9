//! The output is the same, byte for byte, whatever the number of threads and their scheduling.

use std::process::Command;

fn check_with_threads(threads: &str) -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("ket-qua.xlsx");
    let output = Command::new(env!("CARGO_BIN_EXE_dvk"))
        .args([
            "check",
            "samples",
            "--roster",
            "samples/danh-sach-chi-bo.xlsx",
        ])
        .args(["--as-of", "2024-12-30", "--json", "--out"])
        .arg(&out)
        .env("RAYON_NUM_THREADS", threads)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run dvk");
    let workbook = std::fs::read(&out).expect("findings workbook");
    (output.stdout, workbook)
}

#[test]
fn output_does_not_depend_on_threads() {
    let one = check_with_threads("1");
    for threads in ["2", "8", "8", "8"] {
        let many = check_with_threads(threads);
        assert!(one.0 == many.0, "JSON differs with {threads} threads");
        assert!(one.1 == many.1, "workbook differs with {threads} threads");
    }
}
