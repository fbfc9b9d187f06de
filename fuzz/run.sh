#!/bin/sh
# Runs the fuzz targets one after the other, each for SECONDS (default 300), starting from the
# seeds in fuzz/seeds/<target> and the inputs kept in tests/fuzz_inputs/<target>, and growing
# fuzz/corpus/<target> (not committed).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   (targets: lead_file csv_import revenue)
# Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP=1 lets a stable toolchain take the nightly
# flags cargo-fuzz uses. A crash stops with the input in fuzz/artifacts/<target>/: copy it to
# tests/fuzz_inputs/<target>/ and `cargo test --test it fuzz_regressions::` keeps it fixed.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-300}
[ $# -gt 0 ] && shift
targets=${*:-lead_file csv_import revenue}
for target in $targets; do
    mkdir -p "fuzz/corpus/$target"
    # New finds go to the first folder; the seeds and the kept crash inputs are only read.
    set -- "fuzz/corpus/$target" "fuzz/seeds/$target"
    [ -d "tests/fuzz_inputs/$target" ] && set -- "$@" "tests/fuzz_inputs/$target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run --debug-assertions "$target" "$@" -- \
        -max_total_time="$seconds" -timeout=10 -max_len=65536 -print_final_stats=1
done
