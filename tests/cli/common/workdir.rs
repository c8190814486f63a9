//! A scratch folder per test, and a way to run the real `dvk` binary in it (as xsv's tests do).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::book::{self, SheetSpec};

/// A temporary folder that disappears with the test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

/// The outcome of one run of `dvk`.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout parsed as JSON; panics with the output when it is not JSON (test only).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the folder, with its parent folders created.
    pub fn file(&self, relative: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        path
    }

    pub fn xlsx(&self, relative: &str, sheets: &[SheetSpec]) -> PathBuf {
        let path = self.file(relative);
        book::write_xlsx(&path, sheets).expect("write xlsx");
        path
    }

    pub fn ods(&self, relative: &str, sheets: &[SheetSpec]) -> PathBuf {
        let path = self.file(relative);
        book::write_ods(&path, sheets).expect("write ods");
        path
    }

    pub fn bytes(&self, relative: &str, bytes: &[u8]) -> PathBuf {
        let path = self.file(relative);
        std::fs::write(&path, bytes).expect("write file");
        path
    }

    /// Copies a file of tests/fixtures into the folder.
    pub fn fixture(&self, name: &str, relative: &str) -> PathBuf {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let path = self.file(relative);
        std::fs::copy(&source, &path).expect("copy fixture");
        path
    }

    /// Runs `dvk` with the arguments, in the folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args, &[])
    }

    /// Runs `dvk` in the folder with more environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.dir.path(), args, env)
    }
}

/// Runs `dvk` from the repository root (for the shipped samples).
pub fn run_in_repo(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, &[])
}

/// Runs `dvk` in `folder` with more environment variables.
pub fn run_in(folder: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_dvk"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(folder)
        .output()
        .expect("run dvk");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
