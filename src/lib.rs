//! LeadQ: qualify sales leads by BANT, offline.
//!
//! `domain` is the pure core; `store`, `exchange`, `report`, `cli` and `ui` depend on it,
//! never the reverse.

pub mod app;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod corpus;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod platform;
pub mod report;
pub mod store;
pub mod ui;

/// The version and build date stamped in by `build.rs`, shown in the about box and PDF footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const BUILD_DATE: &str = env!("LEADQ_BUILD_DATE");
