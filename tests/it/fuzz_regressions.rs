//! Every input the fuzzers (`fuzz/`) ever crashed or hung on, kept under
//! `tests/fuzz_inputs/<target>/`, plus the fuzzers' seeds, run through the very checks the fuzz
//! targets run (`fuzz/src/lib.rs`), so a fixed bug stays fixed under plain `cargo test`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../../fuzz/src/lib.rs"]
mod checks;

/// Far above what any input needs even in a debug build; a hang found by the fuzzer fails here.
const SLOW: Duration = Duration::from_secs(20);

fn run_all(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("tests/fuzz_inputs").join(target),
        root.join("fuzz/seeds").join(target),
    ] {
        // Git keeps no empty folder: a target without kept inputs has none.
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    assert!(!files.is_empty(), "no inputs for {target}");
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let start = Instant::now();
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(format!("{}: fails", file.display()));
        } else if start.elapsed() > SLOW {
            failed.push(format!("{}: took {:?}", file.display(), start.elapsed()));
        }
    }
    assert!(failed.is_empty(), "{target}:\n{}", failed.join("\n"));
}

#[test]
fn lead_file_inputs() {
    run_all("lead_file", checks::lead_file);
}

#[test]
fn csv_import_inputs() {
    run_all("csv_import", checks::csv_import);
}

#[test]
fn revenue_inputs() {
    run_all("revenue", checks::revenue);
}
