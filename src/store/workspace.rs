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

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("no data folder is known for this system; pass --data-dir DIR or set LEADQ_DATA_DIR")]
    NoDataDir,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Team(String),
}

impl Workspace {
    /// Opens `dir`, or the platform's data folder when `dir` is `None`.
    pub fn open(dir: Option<&Path>) -> Result<Workspace, WorkspaceError> {
        let dir: PathBuf = match dir {
            Some(d) => d.to_path_buf(),
            None => default_data_dir().ok_or(WorkspaceError::NoDataDir)?,
        };
        let store = LeadStore::open(&dir)?;
        let team = load_team_settings(&dir).map_err(WorkspaceError::Team)?;
        Ok(Workspace { store, team })
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
