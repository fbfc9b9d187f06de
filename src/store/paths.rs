//! Where LeadQ keeps its files by default on each OS: the data folder and the config folder.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("de", "LeadQ", "LeadQ")
}

/// The platform's data folder for LeadQ (e.g. `~/.local/share/leadq`,
/// `%APPDATA%\LeadQ\LeadQ\data`, `~/Library/Application Support/de.LeadQ.LeadQ`).
pub fn default_data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

/// Where personal settings live (language, theme, last PDF folder); `LEADQ_CONFIG_DIR` overrides.
pub fn default_config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEADQ_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    project_dirs().map(|d| d.config_dir().to_path_buf())
}

/// Where the load cache lives (`src/store/cache.rs`; e.g. `~/.cache/leadq`,
/// `%LOCALAPPDATA%\LeadQ\LeadQ\cache`, `~/Library/Caches/de.LeadQ.LeadQ`); `LEADQ_CACHE_DIR`
/// overrides. Never inside the data folder, which sync tools share.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEADQ_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    project_dirs().map(|d| d.cache_dir().to_path_buf())
}
