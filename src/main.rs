//! The `dvk` binary: parse the arguments, run, map the outcome to an exit code.

use clap::Parser;

// Reading allocates many small strings on every thread at once; mimalloc keeps that from
// contending on the system allocator's locks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = dvk::cli::Cli::parse();
    let code = match dvk::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dvk: lỗi: {error}");
            error.exit_code()
        }
    };
    std::process::exit(code);
}
