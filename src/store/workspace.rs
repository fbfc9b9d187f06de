//! A data folder opened for use (its lead store and the team's framework and rules), and finding
//! a lead by the start of its id.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::lead_store::{Detail, LeadStore, LoadReport, StoreError};
use super::lock::{FolderLock, LockError};
use super::paths::default_data_dir;
use super::team::{TeamSettings, load_team_settings};
use crate::domain::Lead;

/// A data folder opened for use: its lead files and the team's framework and rules.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub store: LeadStore,
    pub team: TeamSettings,
}

/// How a command opens its data folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Creates the folder when it does not exist (the window's first start, an import, a
    /// framework switch): the rep is about to put something into it.
    Create,
    /// The folder must exist; nothing is created (every command that reads leads, and delete
    /// and restore): a mistyped path is named, never made into an empty folder.
    Existing,
    /// Nothing is created, and a missing folder reads as an empty one with the default
    /// framework (`framework list`, `show`, `check`: they need no leads).
    IfThere,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no data folder is known for this system; pass --data-dir DIR or set LEADQ_DATA_DIR")]
    NoDataDir,
    /// `Open::Existing` and no folder at that path.
    #[error("there is no LeadQ folder at {0}")]
    NoFolder(PathBuf),
    /// Something else than a folder at that path.
    #[error("{0} is a file, not a LeadQ folder")]
    NotAFolder(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Team(String),
}

impl Workspace {
    /// Opens `dir`, or the platform's data folder when `dir` is `None`, creating it if needed.
    pub fn open(dir: Option<&Path>) -> Result<Workspace, WorkspaceError> {
        Workspace::open_with(dir, Open::Create).map(|(ws, _)| ws)
    }

    /// Opens `dir` (or the platform's data folder) as `how` says; also says whether the folder
    /// was created just now.
    pub fn open_with(dir: Option<&Path>, how: Open) -> Result<(Workspace, bool), WorkspaceError> {
        let dir: PathBuf = match dir {
            Some(d) => d.to_path_buf(),
            None => default_data_dir().ok_or(WorkspaceError::NoDataDir)?,
        };
        let exists = dir.exists();
        if exists && !dir.is_dir() {
            return Err(WorkspaceError::NotAFolder(dir));
        }
        let store = match how {
            Open::Create => LeadStore::open(&dir)?,
            Open::Existing if !exists => return Err(WorkspaceError::NoFolder(dir)),
            Open::Existing | Open::IfThere => LeadStore::at(&dir),
        };
        let team = load_team_settings(&dir).map_err(WorkspaceError::Team)?;
        Ok((Workspace { store, team }, how == Open::Create && !exists))
    }

    /// Takes the folder for writing (see [`FolderLock`]).
    pub fn lock(&self) -> Result<FolderLock, LockError> {
        FolderLock::acquire(self.store.root())
    }

    /// Loads for a command that only reads: takes no lock and moves or writes nothing in the
    /// data folder (on a synced folder every write would travel to the team); problems are only
    /// reported. The load cache, outside the data folder, may be written (`store/cache.rs`).
    pub fn load(&self) -> Result<LoadReport, StoreError> {
        self.store.check_all()
    }

    /// [`Workspace::load`] with only as much of each lead as `detail` says (see [`Detail`]).
    pub fn load_with(&self, detail: Detail) -> Result<LoadReport, StoreError> {
        self.store.check_all_with(detail)
    }
}

/// Why no single lead was found for what the rep typed ([`find_by_prefix`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    #[error("give a lead id (or the start of one) as shown by `leadq list`")]
    Empty,
    #[error("no lead has an id starting with \"{0}\"")]
    NoMatch(String),
    #[error("\"{prefix}\" matches {count} leads; give more characters of the id")]
    Ambiguous {
        prefix: String,
        count: usize,
        /// Up to five of them, as "id (name)".
        examples: Vec<String>,
    },
}

/// Finds a lead by its full id or a unique prefix of it, as a rep copies it from `leadq list`.
pub fn find_by_prefix<'a>(leads: &'a [Lead], prefix: &str) -> Result<&'a Lead, FindError> {
    let wanted = prefix.trim().to_ascii_lowercase();
    if wanted.is_empty() {
        return Err(FindError::Empty);
    }
    if let Ok(id) = Uuid::parse_str(&wanted)
        && let Some(lead) = leads.iter().find(|l| l.id == id)
    {
        return Ok(lead);
    }
    let matches: Vec<&Lead> = leads
        .iter()
        .filter(|l| l.id.to_string().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(FindError::NoMatch(prefix.to_owned())),
        many => Err(FindError::Ambiguous {
            prefix: prefix.to_owned(),
            count: many.len(),
            examples: many
                .iter()
                .take(5)
                .map(|l| format!("{} ({})", l.id, l.display_name()))
                .collect(),
        }),
    }
}
