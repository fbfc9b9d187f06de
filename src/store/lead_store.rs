use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;
use uuid::Uuid;

use super::atomic::{TEMP_PREFIX, create_private_dir, write_atomic};
use super::lead_file::{LeadFileError, lead_from_ron, lead_to_ron};
use crate::domain::Lead;

const LEADS_DIR: &str = "leads";
const TRASH_DIR: &str = "trash";
const QUARANTINE_DIR: &str = "quarantine";
const EXTENSION: &str = "ron";

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("could not {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("could not write the lead as text: {0}")]
    Serialize(#[from] ron::Error),
    #[error("there is no lead {0} in {1}")]
    NotFound(Uuid, PathBuf),
    #[error("lead {0} already exists in {1}; delete it first or keep the trashed copy")]
    AlreadyExists(Uuid, PathBuf),
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// Why a file did not load, which decides what happens to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Does not parse: moved to quarantine, bytes intact.
    Broken,
    /// Written by a newer LeadQ: left in place, never downgraded.
    Newer,
    /// Could not be read (permissions, an offline sync placeholder): left in place.
    Unreadable,
}

/// A file that could not be loaded, and where its bytes are now.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    pub file: PathBuf,
    pub kind: ProblemKind,
    pub reason: String,
    /// Where the file was moved, byte for byte; `None` when it was left in place.
    pub moved_to: Option<PathBuf>,
}

#[derive(Debug, Default)]
pub struct LoadReport {
    pub leads: Vec<Lead>,
    pub problems: Vec<FileProblem>,
}

/// The data folder: `leads/` holds one `<id>.ron` per lead, `trash/` deleted leads,
/// `quarantine/` files that did not parse.
#[derive(Debug, Clone)]
pub struct LeadStore {
    root: PathBuf,
}

impl LeadStore {
    /// Opens (creating if needed) the data folder at `root`.
    pub fn open(root: &Path) -> Result<LeadStore, StoreError> {
        let store = LeadStore {
            root: root.to_path_buf(),
        };
        for dir in [store.root.clone(), store.leads_dir(), store.trash_dir()] {
            create_private_dir(&dir).map_err(io_err("create the folder", &dir))?;
        }
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn leads_dir(&self) -> PathBuf {
        self.root.join(LEADS_DIR)
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join(TRASH_DIR)
    }

    pub fn quarantine_dir(&self) -> PathBuf {
        self.root.join(QUARANTINE_DIR)
    }

    pub fn lead_path(&self, id: Uuid) -> PathBuf {
        self.leads_dir().join(file_name(id))
    }

    /// Loads every lead; files that do not parse are moved to `quarantine/` and reported.
    pub fn load_all(&self) -> Result<LoadReport, StoreError> {
        let mut report = load_dir(&self.leads_dir())?;
        for problem in &mut report.problems {
            if problem.kind == ProblemKind::Broken {
                problem.moved_to = Some(self.quarantine(&problem.file)?);
            }
        }
        Ok(report)
    }

    /// Checks every lead file without moving anything (for `leadq check`).
    pub fn check_all(&self) -> Result<LoadReport, StoreError> {
        load_dir(&self.leads_dir())
    }

    pub fn save(&self, lead: &Lead) -> Result<(), StoreError> {
        let text = lead_to_ron(lead)?;
        let path = self.lead_path(lead.id);
        write_atomic(&path, text.as_bytes()).map_err(io_err("save the lead to", &path))
    }

    /// Moves a lead to the trash, from where `restore` brings it back.
    pub fn trash(&self, id: Uuid) -> Result<(), StoreError> {
        let from = self.lead_path(id);
        if !from.exists() {
            return Err(StoreError::NotFound(id, self.leads_dir()));
        }
        let to = self.trash_dir().join(file_name(id));
        fs::rename(&from, &to).map_err(io_err("move the lead to the trash at", &to))
    }

    pub fn restore(&self, id: Uuid) -> Result<Lead, StoreError> {
        let from = self.trash_dir().join(file_name(id));
        let to = self.lead_path(id);
        if !from.exists() {
            return Err(StoreError::NotFound(id, self.trash_dir()));
        }
        if to.exists() {
            return Err(StoreError::AlreadyExists(id, self.leads_dir()));
        }
        let bytes = fs::read(&from).map_err(io_err("read", &from))?;
        let lead = lead_from_ron(&bytes).map_err(|e| StoreError::Io {
            action: "restore",
            path: from.clone(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })?;
        fs::rename(&from, &to).map_err(io_err("restore the lead to", &to))?;
        Ok(lead)
    }

    /// Leads in the trash, newest first is up to the caller.
    pub fn load_trash(&self) -> Result<LoadReport, StoreError> {
        load_dir(&self.trash_dir())
    }

    /// Removes temp files a crash left behind. Only call it while holding the folder.
    pub fn remove_stale_temp_files(&self) -> usize {
        let Ok(entries) = fs::read_dir(self.leads_dir()) else {
            return 0;
        };
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .filter(|e| fs::remove_file(e.path()).is_ok())
            .count()
    }

    /// Moves a file into `quarantine/` under a name that does not overwrite an earlier one.
    fn quarantine(&self, file: &Path) -> Result<PathBuf, StoreError> {
        let dir = self.quarantine_dir();
        create_private_dir(&dir).map_err(io_err("create the folder", &dir))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut target = dir.join(&name);
        let mut n = 1;
        while target.exists() {
            target = dir.join(format!("{name}.{n}"));
            n += 1;
        }
        fs::rename(file, &target).map_err(io_err("move the broken file to", &target))?;
        Ok(target)
    }
}

fn file_name(id: Uuid) -> String {
    format!("{id}.{EXTENSION}")
}

fn is_lead_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden && path.extension().is_some_and(|e| e == EXTENSION) && path.is_file()
}

fn load_dir(dir: &Path) -> Result<LoadReport, StoreError> {
    let entries = fs::read_dir(dir).map_err(io_err("read the folder", dir))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_lead_file(p))
        .collect();
    paths.sort();
    let mut report = LoadReport::default();
    for path in paths {
        match fs::read(&path) {
            Ok(bytes) => match lead_from_ron(&bytes) {
                Ok(lead) => report.leads.push(lead),
                Err(e) => report.problems.push(problem(&path, &e)),
            },
            Err(e) => report.problems.push(FileProblem {
                file: path,
                kind: ProblemKind::Unreadable,
                reason: format!("could not read the file: {e}"),
                moved_to: None,
            }),
        }
    }
    Ok(report)
}

fn problem(path: &Path, e: &LeadFileError) -> FileProblem {
    let kind = match e {
        LeadFileError::NewerVersion(_) => ProblemKind::Newer,
        _ => ProblemKind::Broken,
    };
    FileProblem {
        file: path.to_path_buf(),
        kind,
        reason: e.to_string(),
        moved_to: None,
    }
}
