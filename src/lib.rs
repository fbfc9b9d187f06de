//! LeadQ: qualify sales leads by BANT, offline.
//!
//! `domain` is the pure core; `store`, `exchange`, `report`, `cli` and `ui` depend on it,
//! never the reverse.

pub mod app;
pub mod calendar;
pub mod cli;
pub mod clock;
// Unit tests (the list's search and sort) use the corpus too, without the feature.
#[cfg(any(test, feature = "corpus"))]
pub mod corpus;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod parallel;
pub mod platform;
pub mod print;
pub mod report;
pub mod store;
pub mod ui;

/// The version and build date stamped in by `build.rs`, shown in the about box and PDF footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const BUILD_DATE: &str = env!("LEADQ_BUILD_DATE");
/// What `leadq --version` prints after the name, e.g. `0.1.0 (built 2026-11-30)`.
pub const VERSION_AND_DATE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (built ",
    env!("LEADQ_BUILD_DATE"),
    ")"
);

/// `assets/THIRD-PARTY-LICENSES.txt`, deflated by `build.rs`.
const LICENSES_DEFLATED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/THIRD-PARTY-LICENSES.deflate"));

/// Our licence and every third-party licence of what is built into the binary (Help → About),
/// from `assets/THIRD-PARTY-LICENSES.txt` (made by `packaging/third-party-licenses.py`; CI checks
/// it names every crate in the binary). Inflated on first use.
pub fn licenses() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        miniz_oxide::inflate::decompress_to_vec(LICENSES_DEFLATED)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_else(|| {
                "The licence notice could not be unpacked; see THIRD-PARTY-LICENSES.txt \
                 next to the program or /usr/share/doc/leadq/copyright."
                    .to_owned()
            })
    })
}
