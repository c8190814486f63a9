//! The `dvk` binary: parse the arguments, run, map the outcome to an exit code.

use clap::Parser;

// Reading allocates many small strings on every thread at once; mimalloc keeps that from
// contending on the system allocator's locks. Built with `no_thp`: mimalloc would otherwise ask
// for transparent huge pages, and every first touch of a 2 MB page clears all of it (the report
// on the 100,000-row workbook peaked at 302 MB with them, 263–289 MB without; no change in time).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = dvk::cli::Cli::parse();
    // Workbooks are read in copies of this binary, so that none can take the run down.
    if let Ok(program) = std::env::current_exe() {
        dvk::ingest::read::isolated::isolate_with(program);
    }
    let code = match dvk::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dvk: lỗi: {error}");
            error.exit_code()
        }
    };
    std::process::exit(code);
}
