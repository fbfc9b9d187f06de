//! Lead files on disk: one human-readable RON file per lead, written atomically, with
//! quarantine for files that do not parse and a trash to restore from. Depends on the domain,
//! never the other way round.

mod atomic;
mod cache;
mod journal;
mod lead_file;
mod lead_store;
mod lock;
mod paths;
mod personal;
mod sync;
mod team;
mod workspace;

pub use atomic::{
    ReadOnlyFile, create_private_dir, folder_of, is_in_use, read_user_file, read_user_text,
    write_atomic,
};
pub use journal::{BatchKind, JOURNAL_FILE, Recovered, pending, recover};
pub use lead_file::{LeadFileError, lead_from_newer_ron, lead_from_ron, lead_to_ron};
pub use lead_store::{
    BatchError, Detail, FileAction, FileProblem, LeadStore, LoadReport, ProblemCause, ProblemKind,
    StoreError, is_sync_conflict_name,
};
pub use lock::{FolderLock, LOCK_FILE, LockError, lock_dir, lock_path};
pub use paths::{default_cache_dir, default_config_dir, default_data_dir};
pub use personal::{PersonalSettings, ThemeChoice};
pub use sync::{STIGNORE, SaveOver, id_of_file, stignore_text};
pub use team::{
    CLASSIFICATION_FILE, FRAMEWORK_FILE, TeamProblem, TeamSettings, load_team_settings,
    save_classification, save_team_framework,
};
pub use workspace::{FindError, Open, Workspace, WorkspaceError, find_by_prefix};
