//! LeadQ's integration tests, one binary with a module per area: each test binary links egui,
//! wgpu and printpdf on its own, so 21 of them spent most of `cargo test` in the linker (issue
//! 32). Helpers the areas share live in `support`. Run one area with `cargo test --test it
//! cli::`, one test by its name as usual.
//!
//! What stays apart: `benches/scale.rs` (a harness of its own) and the unit tests inside
//! `src/` (they see private items). Nothing here needs a process of its own: the one global
//! (`leadq::clock::fix_today`, set by the window tests for their snapshots) only changes what
//! "today" is for windows built in this process, and no other test depends on the calendar day.

// Helpers outside `#[test]` functions unwrap too: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod accessibility;
mod architecture;
mod cache;
mod calendar;
mod cli;
mod crash;
mod data_safety;
mod engine_props;
mod frameworks;
mod fuzz_regressions;
mod import_crm;
mod import_safety;
mod not_rated;
mod packaging;
mod printing;
mod readme;
mod real_files;
mod report;
mod start;
mod store_props;
mod sync_folder;
mod team_sync;
mod ui;
mod ui_sync;
mod workbooks;
