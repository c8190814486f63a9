//! The floor of the benchmark: open every workbook with calamine and touch every cell, on all
//! cores. Nothing that reads these files can be faster.
//!
//! ```text
//! cargo run --release --example bench_floor -- PATH...
//! ```

use calamine::{open_workbook_auto, Data, Reader};
use rayon::prelude::*;

fn cells_of(path: &std::path::Path) -> usize {
    let Ok(mut book) = open_workbook_auto(path) else {
        return 0;
    };
    let mut touched = 0;
    for name in book.sheet_names() {
        if let Ok(range) = book.worksheet_range(&name) {
            touched += range
                .used_cells()
                .filter(|(_, _, c)| !matches!(c, Data::Empty))
                .count();
        }
    }
    touched
}

fn main() {
    let files: Vec<std::path::PathBuf> = std::env::args()
        .skip(1)
        .flat_map(|root| walkdir::WalkDir::new(root).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .map(|e| e.into_path())
        .collect();
    let cells: usize = files.par_iter().map(|f| cells_of(f)).sum();
    println!("{} files, {cells} cells", files.len());
}
