//! The lead files of a data folder: loading on all cores (broken files to quarantine), saving
//! that never overwrites a change from outside, all-or-nothing batches, trash and restore.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::ffi::OsString;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use thiserror::Error;
use uuid::Uuid;

use super::atomic::{
    TEMP_PREFIX, create_private_dir, remove_durably, rename_durably, write_atomic,
};
use super::cache::{self, Remember, Stamp};
use super::journal::{self, Batch, BatchKind};
use super::lead_file::{LeadFileError, lead_from_newer_ron, lead_from_ron, lead_to_ron};
use super::paths::default_cache_dir;
use crate::domain::Lead;

pub(super) const LEADS_DIR: &str = "leads";
const TRASH_DIR: &str = "trash";
const QUARANTINE_DIR: &str = "quarantine";
const CONFLICTS_DIR: &str = "conflicts";
pub(super) const EXTENSION: &str = "ron";

/// What LeadQ was doing with a file when it failed; named in every error (`could not {action}
/// {path}: {reason}`), in English here and in the rep's language by `crate::i18n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    CreateFolder,
    SaveYourVersion,
    SaveLead,
    Read,
    ReadFolder,
    MoveCopy,
    UseCopy,
    KeepReplaced,
    RemoveSettledCopy,
    MoveToTrash,
    Restore,
    RestoreLead,
    MoveBroken,
    SaveRules,
    SaveFramework,
    WriteSyncIgnore,
    SaveSettings,
    /// Completing or undoing an interrupted batch (`journal.rs`).
    Recover,
}

impl FileAction {
    pub fn english(self) -> &'static str {
        match self {
            FileAction::CreateFolder => "create the folder",
            FileAction::SaveYourVersion => "save your version to",
            FileAction::SaveLead => "save the lead to",
            FileAction::Read => "read",
            FileAction::ReadFolder => "read the folder",
            FileAction::MoveCopy => "move the copy to",
            FileAction::UseCopy => "use",
            FileAction::KeepReplaced => "keep the replaced version in",
            FileAction::RemoveSettledCopy => "remove the settled copy",
            FileAction::MoveToTrash => "move the lead to the trash at",
            FileAction::Restore => "restore",
            FileAction::RestoreLead => "restore the lead to",
            FileAction::MoveBroken => "move the broken file to",
            FileAction::SaveRules => "save the classification rules to",
            FileAction::SaveFramework => "save the framework to",
            FileAction::WriteSyncIgnore => "write the sync ignore file",
            FileAction::SaveSettings => "save your settings to",
            FileAction::Recover => "complete the interrupted batch in",
        }
    }
}

impl std::fmt::Display for FileAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.english())
    }
}

#[derive(Debug, Error)]
pub enum StoreError {
    /// The OS error is part of the message, and deliberately not also a `source`: a chain
    /// printer (`{:#}`) would repeat it.
    #[error("could not {action} {path}: {source}")]
    Io {
        action: FileAction,
        path: PathBuf,
        source: io::Error,
    },
    #[error("could not write the lead as text: {0}")]
    Serialize(#[from] ron::Error),
    /// A file changed on disk while a batch was being written; nothing of the batch was written.
    #[error("{0} was changed outside LeadQ meanwhile")]
    ChangedOutside(PathBuf),
    #[error("there is no lead {0} in {1}")]
    NotFound(Uuid, PathBuf),
    #[error("lead {0} already exists in {1}; delete it first or keep the trashed copy")]
    AlreadyExists(Uuid, PathBuf),
    /// The file changed on disk since LeadQ last read or wrote it (another program, a sync
    /// tool). Both versions are kept: the disk one stays, ours went to `ours`.
    #[error("{path} was changed outside LeadQ; your version was kept as {ours}")]
    Conflict {
        id: Uuid,
        path: PathBuf,
        ours: PathBuf,
    },
}

pub(super) fn io_err(action: FileAction, path: &Path) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// Why a batch of leads was not saved ([`LeadStore::save_batch`]): none of it is on disk,
/// unless `not_restored` names files that could not be put back.
#[derive(Debug, Error)]
#[error("{error}")]
pub struct BatchError {
    /// The lead of the batch (its index) whose file could not be written.
    pub index: usize,
    pub error: StoreError,
    pub not_restored: Vec<PathBuf>,
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
    /// A second file with an id already loaded: moved to quarantine, bytes intact.
    Duplicate,
    /// A copy a sync tool made of a conflicting edit: left in place for the rep to merge.
    SyncConflict,
}

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemCause {
    File(LeadFileError),
    /// The OS refused to read it: the error's kind and its own words.
    Unreadable(io::ErrorKind, String),
    SyncConflict,
    /// A second file for this lead id (the newer one was kept).
    Duplicate(Uuid),
}

/// A file that could not be loaded, and where its bytes are now.
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    pub file: PathBuf,
    pub kind: ProblemKind,
    pub reason: String,
    /// The reason as data, for saying it in the rep's language (`crate::i18n::problem_reason`).
    pub cause: ProblemCause,
    /// Where the file was moved, byte for byte; `None` when it was left in place.
    pub moved_to: Option<PathBuf>,
}

/// How much of each lead a load gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every field, notes and history included: what the window, `show`, `pdf`, `export` and
    /// every save need.
    Whole,
    /// Every field and answer, but each lead's history of changes left empty. For commands
    /// that print the list or its counts and never write a lead: at 100,000 leads the history
    /// is a fifth of the memory.
    NoHistory,
}

#[derive(Debug, Default)]
pub struct LoadReport {
    pub leads: Vec<Lead>,
    pub problems: Vec<FileProblem>,
    /// Leads from a newer LeadQ, shown but never written (their file keeps its format).
    pub read_only: Vec<Uuid>,
}

/// The data folder: `leads/` holds one `<id>.ron` per lead, `trash/` deleted leads,
/// `quarantine/` files that did not parse.
#[derive(Debug, Clone)]
pub struct LeadStore {
    root: PathBuf,
    /// A hash of each lead file as LeadQ last read or wrote it, to notice changes from outside
    /// before overwriting them. Shared by clones (the window's worker and its model).
    known: Arc<Mutex<HashMap<Uuid, u64>>>,
    /// The load cache's file for this folder (`cache.rs`), outside the data folder; `None` when
    /// the system names no cache folder.
    cache: Option<PathBuf>,
}

impl LeadStore {
    /// Opens (creating if needed) the data folder at `root`.
    pub fn open(root: &Path) -> Result<LeadStore, StoreError> {
        let store = LeadStore::at(root);
        let new_folder = !root.exists();
        for dir in [store.root.clone(), store.leads_dir(), store.trash_dir()] {
            create_private_dir(&dir).map_err(io_err(FileAction::CreateFolder, &dir))?;
        }
        if new_folder {
            store.write_sync_ignores()?;
        }
        Ok(store)
    }

    /// The data folder at `root` for reading only: nothing is created (a folder without
    /// `leads/` holds no leads). Whether the folder exists is the caller's question
    /// (`Workspace::open_with`).
    pub fn at(root: &Path) -> LeadStore {
        let mut store = LeadStore {
            root: root.to_path_buf(),
            known: Arc::default(),
            cache: None,
        };
        store.cache = default_cache_dir().map(|dir| cache::file_for(&dir, &store.leads_dir()));
        store
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

    pub fn conflicts_dir(&self) -> PathBuf {
        self.root.join(CONFLICTS_DIR)
    }

    pub(super) fn known(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, u64>> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Loads every lead; broken files and duplicate ids are moved to `quarantine/` and
    /// reported. Only call it while holding the folder's lock (it moves files).
    pub fn load_all(&self) -> Result<LoadReport, StoreError> {
        let mut report = self.scan(Detail::Whole)?;
        for problem in &mut report.problems {
            if matches!(problem.kind, ProblemKind::Broken | ProblemKind::Duplicate) {
                problem.moved_to = Some(self.quarantine(&problem.file)?);
            }
        }
        Ok(report)
    }

    /// The one lead whose file name starts with `prefix` (a lead's file is named by its id),
    /// read from that file alone: `show`, `pdf` and `delete` of one lead among 100,000 cost one
    /// file. `None` when no single file matches, or it is not a lead with that id (renamed by
    /// hand, broken): the caller then loads the folder, which names the problem.
    pub fn find_one(&self, prefix: &str) -> Option<Lead> {
        let wanted = prefix.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return None;
        }
        let mut found = None;
        for entry in fs::read_dir(self.leads_dir()).ok()?.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&wanted) && is_lead_name(Path::new(name.as_ref())) {
                if found.is_some() {
                    return None;
                }
                found = Some(entry.path());
            }
        }
        match load_file(&found?) {
            Loaded::Lead(lead, hash) if lead.id.to_string().starts_with(&wanted) => {
                self.known().insert(lead.id, hash);
                Some(lead)
            }
            _ => None,
        }
    }

    /// Checks every lead file without moving anything (for `leadq check` and read-only use).
    pub fn check_all(&self) -> Result<LoadReport, StoreError> {
        self.scan(Detail::Whole)
    }

    /// [`LeadStore::check_all`] with only as much of each lead as `detail` says. A lead loaded
    /// with [`Detail::NoHistory`] lacks its history: never save it.
    pub fn check_all_with(&self, detail: Detail) -> Result<LoadReport, StoreError> {
        self.scan(detail)
    }

    fn scan(&self, detail: Detail) -> Result<LoadReport, StoreError> {
        let (mut report, hashes) = load_dir(&self.leads_dir(), self.cache.as_deref(), detail)?;
        self.known().extend(hashes);
        // Two files with one id (a copy made by hand or by a sync tool): keep the newer. Found
        // by sorting the ids; at 100,000 leads, with none (nearly always), nothing moves.
        let mut ids: Vec<Uuid> = report.leads.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        if ids.windows(2).all(|w| w[0] != w[1]) {
            return Ok(report);
        }
        let mut seen: HashMap<Uuid, usize> = HashMap::new();
        let mut keep = vec![true; report.leads.len()];
        for (i, lead) in report.leads.iter().enumerate() {
            if let Some(&j) = seen.get(&lead.id) {
                let older = if report.leads[j].updated > lead.updated {
                    i
                } else {
                    j
                };
                keep[older] = false;
                seen.insert(lead.id, if older == i { j } else { i });
            } else {
                seen.insert(lead.id, i);
            }
        }
        let mut leads = Vec::with_capacity(report.leads.len());
        for (lead, keep) in std::mem::take(&mut report.leads).into_iter().zip(keep) {
            if keep {
                leads.push(lead);
            } else {
                let canonical = self.lead_path(lead.id);
                let file = self.find_file_of(&lead, &canonical);
                report.problems.push(FileProblem {
                    file,
                    kind: ProblemKind::Duplicate,
                    reason: format!(
                        "a second file for lead {} (the newer one was kept)",
                        lead.id
                    ),
                    cause: ProblemCause::Duplicate(lead.id),
                    moved_to: None,
                });
            }
        }
        report.leads = leads;
        Ok(report)
    }

    /// The file `lead` was loaded from: its own `<id>.ron`, or another lead file with its id.
    pub fn file_of(&self, lead: &Lead) -> PathBuf {
        let canonical = self.lead_path(lead.id);
        if canonical.is_file() {
            canonical
        } else {
            self.find_file_of(lead, &canonical)
        }
    }

    /// The file a duplicate came from: any lead file other than the canonical one with its id.
    fn find_file_of(&self, lead: &Lead, canonical: &Path) -> PathBuf {
        let id = lead.id.to_string();
        fs::read_dir(self.leads_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_lead_file(p) && p != canonical)
            .find(|p| {
                fs::read(p)
                    .ok()
                    .and_then(|b| lead_from_ron(&b).ok())
                    .is_some_and(|l| l.id.to_string() == id && l.updated == lead.updated)
            })
            .unwrap_or_else(|| canonical.to_path_buf())
    }

    /// Writes a lead atomically. If its file changed on disk since LeadQ last read or wrote it,
    /// nothing is overwritten: ours goes to `conflicts/` and `StoreError::Conflict` says where.
    pub fn save(&self, lead: &Lead) -> Result<(), StoreError> {
        let text = lead_to_ron(lead)?;
        let path = self.lead_path(lead.id);
        let on_disk = fs::read(&path).ok().map(|b| hash(&b));
        let known = self.known().get(&lead.id).copied();
        if on_disk.is_some() && on_disk != known && on_disk != Some(hash(text.as_bytes())) {
            let dir = self.conflicts_dir();
            create_private_dir(&dir).map_err(io_err(FileAction::CreateFolder, &dir))?;
            let stamp = crate::clock::now().strftime("%Y%m%d-%H%M%S");
            let ours = unique_in(&dir, &format!("{}-{stamp}.{EXTENSION}", lead.id));
            write_atomic(&ours, text.as_bytes())
                .map_err(io_err(FileAction::SaveYourVersion, &ours))?;
            return Err(StoreError::Conflict {
                id: lead.id,
                path,
                ours,
            });
        }
        write_atomic(&path, text.as_bytes()).map_err(io_err(FileAction::SaveLead, &path))?;
        self.known().insert(lead.id, hash(text.as_bytes()));
        Ok(())
    }

    /// Writes several leads as one: either every file is written or none is. Each lead goes to
    /// a temp file first (flushed and fsynced); only when all are written are they renamed over
    /// their targets. A write error (a full disk) removes the temp files and leaves every lead
    /// file as it was; should a rename fail half-way, the renamed files are put back.
    pub fn save_batch(&self, leads: &[&Lead]) -> Result<(), BatchError> {
        self.save_batch_with(leads, &|file, bytes| file.write_all(bytes))
    }

    /// [`LeadStore::save_batch`] with the function that writes one file's bytes given, so a test
    /// can make a write fail the way a full disk does.
    ///
    /// The temp files are written and fsynced by several threads at once
    /// ([`crate::parallel::map_io`]): an fsync waits for the disk, not the processor, and the
    /// file system commits many of them together — an import of 10,000 leads takes a fraction
    /// of the time one thread needs.
    pub fn save_batch_with(
        &self,
        leads: &[&Lead],
        write: &(dyn Fn(&mut fs::File, &[u8]) -> io::Result<()> + Sync),
    ) -> Result<(), BatchError> {
        let results = crate::parallel::map_io(leads.len(), |i| self.stage_one(leads[i], write));
        // Every temp file is dropped (removed) with `results` when one lead failed.
        let mut staged = Vec::with_capacity(leads.len());
        let mut hashes = Vec::with_capacity(leads.len());
        for (index, result) in results.into_iter().enumerate() {
            let error = match result {
                Ok(Ok((id, file, h))) => {
                    staged.push(file);
                    hashes.push((id, h));
                    continue;
                }
                Ok(Err(error)) => error,
                Err(panicked) => StoreError::Io {
                    action: FileAction::SaveLead,
                    path: self.lead_path(leads[index].id),
                    source: io::Error::other(panicked),
                },
            };
            return Err(BatchError {
                index,
                error,
                not_restored: Vec::new(),
            });
        }
        let mut batch = Batch::new(&self.root, BatchKind::Import);
        batch.add(staged);
        batch.commit().map_err(|e| {
            let index = e.index.min(leads.len().saturating_sub(1));
            let path = leads
                .get(index)
                .map_or_else(|| self.leads_dir(), |l| self.lead_path(l.id));
            BatchError {
                index,
                error: io_err(FileAction::SaveLead, &path)(e.error),
                not_restored: e.not_restored,
            }
        })?;
        self.known().extend(hashes);
        Ok(())
    }

    /// One lead of a batch in a temp file beside its target, with what the target held before
    /// (to put back should a later rename fail); refused when the target changed outside
    /// LeadQ. Not yet durable: the batch makes all of them durable at once.
    fn stage_one(
        &self,
        lead: &Lead,
        write: &(dyn Fn(&mut fs::File, &[u8]) -> io::Result<()> + Sync),
    ) -> Result<(Uuid, journal::Staged, u64), StoreError> {
        let text = lead_to_ron(lead)?;
        let path = self.lead_path(lead.id);
        let previous = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_err(FileAction::Read, &path)(e)),
        };
        if let Some(bytes) = &previous {
            let on_disk = hash(bytes);
            if self.known().get(&lead.id) != Some(&on_disk) && on_disk != hash(text.as_bytes()) {
                return Err(StoreError::ChangedOutside(path));
            }
        }
        let temp = journal::stage_file(BatchKind::Import, &path, text.as_bytes(), write)
            .map_err(io_err(FileAction::SaveLead, &path))?;
        Ok((lead.id, (temp, path, previous), hash(text.as_bytes())))
    }

    /// Settles a sync tool's conflict copy: `take_copy` makes it the lead's file (the current
    /// file is kept in `conflicts/`); otherwise the copy itself moves to `conflicts/`. Nothing
    /// is deleted either way. Returns the lead as it now stands.
    pub fn resolve_sync_conflict(
        &self,
        copy: &Path,
        take_copy: bool,
    ) -> Result<Option<Lead>, StoreError> {
        let bytes = fs::read(copy).map_err(io_err(FileAction::Read, copy))?;
        let dir = self.conflicts_dir();
        create_private_dir(&dir).map_err(io_err(FileAction::CreateFolder, &dir))?;
        let stamp = crate::clock::now().strftime("%Y%m%d-%H%M%S");
        let name = copy
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !take_copy {
            let target = unique_in(&dir, &name);
            rename_durably(copy, &target).map_err(io_err(FileAction::MoveCopy, &target))?;
            return Ok(None);
        }
        let lead = lead_from_ron(&bytes).map_err(|e| StoreError::Io {
            action: FileAction::UseCopy,
            path: copy.to_path_buf(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })?;
        let path = self.lead_path(lead.id);
        if let Ok(current) = fs::read(&path) {
            let backup = unique_in(&dir, &format!("{}-replaced-{stamp}.{EXTENSION}", lead.id));
            write_atomic(&backup, &current).map_err(io_err(FileAction::KeepReplaced, &backup))?;
        }
        write_atomic(&path, &bytes).map_err(io_err(FileAction::SaveLead, &path))?;
        self.known().insert(lead.id, hash(&bytes));
        remove_durably(copy).map_err(io_err(FileAction::RemoveSettledCopy, copy))?;
        Ok(Some(lead))
    }

    /// Re-reads one lead file after a change on disk. `Ok(None)`: the file is gone or unchanged
    /// since LeadQ last saw it.
    pub fn reload(&self, id: Uuid) -> Result<Option<Lead>, LeadFileError> {
        let path = self.lead_path(id);
        let Ok(bytes) = fs::read(&path) else {
            // Forget it: a file restored later loads whatever its content, size and time.
            self.known().remove(&id);
            return Ok(None);
        };
        let h = hash(&bytes);
        if self.known().get(&id) == Some(&h) {
            return Ok(None);
        }
        let lead = lead_from_ron(&bytes)?;
        self.known().insert(id, h);
        Ok(Some(lead))
    }

    /// Moves a lead to the trash, from where `restore` brings it back.
    pub fn trash(&self, id: Uuid) -> Result<(), StoreError> {
        let from = self.lead_path(id);
        if !from.exists() {
            return Err(StoreError::NotFound(id, self.leads_dir()));
        }
        let to = self.trash_target(id);
        rename_durably(&from, &to).map_err(io_err(FileAction::MoveToTrash, &to))?;
        self.known().remove(&id);
        Ok(())
    }

    /// Moves several leads to the trash as one batch (`journal.rs`): all of them or none, also
    /// when LeadQ is killed half-way. A lead whose file is gone is left out (it is not live).
    pub fn trash_many(&self, ids: &[Uuid]) -> Result<(), BatchError> {
        let mut batch = Batch::new(&self.root, BatchKind::Delete);
        let mut moved = Vec::with_capacity(ids.len());
        for &id in ids {
            let from = self.lead_path(id);
            if from.exists() {
                batch.add_move(&from, &self.trash_target(id));
                moved.push(id);
            }
        }
        batch.commit().map_err(|e| {
            let id = moved.get(e.index).copied().unwrap_or_default();
            BatchError {
                index: e.index,
                error: io_err(FileAction::MoveToTrash, &self.lead_path(id))(e.error),
                not_restored: e.not_restored,
            }
        })?;
        let mut known = self.known();
        for id in moved {
            known.remove(&id);
        }
        Ok(())
    }

    pub fn restore(&self, id: Uuid) -> Result<Lead, StoreError> {
        let Some(from) = self.newest_trash_copy(id) else {
            return Err(StoreError::NotFound(id, self.trash_dir()));
        };
        let to = self.lead_path(id);
        if to.exists() {
            return Err(StoreError::AlreadyExists(id, self.leads_dir()));
        }
        let bytes = fs::read(&from).map_err(io_err(FileAction::Read, &from))?;
        let lead = lead_from_ron(&bytes).map_err(|e| StoreError::Io {
            action: FileAction::Restore,
            path: from.clone(),
            source: io::Error::new(io::ErrorKind::InvalidData, e.to_string()),
        })?;
        rename_durably(&from, &to).map_err(io_err(FileAction::RestoreLead, &to))?;
        self.known().insert(id, hash(&bytes));
        Ok(lead)
    }

    /// Leads in the trash, newest first is up to the caller.
    pub fn load_trash(&self) -> Result<LoadReport, StoreError> {
        load_dir(&self.trash_dir(), None, Detail::Whole).map(|(report, _)| report)
    }

    /// Removes temp files a crash left behind (and those of load-cache writes killed half-way,
    /// in the cache folder). Only call it while holding the folder.
    pub fn remove_stale_temp_files(&self) -> usize {
        if let Some(dir) = self.cache.as_deref().and_then(Path::parent) {
            cache::remove_stale_temps(dir);
        }
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
        create_private_dir(&dir).map_err(io_err(FileAction::CreateFolder, &dir))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = unique_in(&dir, &name);
        rename_durably(file, &target).map_err(io_err(FileAction::MoveBroken, &target))?;
        Ok(target)
    }
}

/// `dir/name`, or `dir/name.1`, `dir/name.2`, … so nothing earlier is overwritten.
pub(super) fn unique_in(dir: &Path, name: &str) -> PathBuf {
    let mut target = dir.join(name);
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{name}.{n}"));
        n += 1;
    }
    target
}

pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Names sync tools give the second copy of a file edited in two places.
pub fn is_sync_conflict_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(".sync-conflict-")
        || lower.contains(" (conflicted copy")
        || lower.contains("-conflict-")
        || lower.contains("'s conflicted copy")
        || lower.contains(" (konflikt")
}

pub(super) fn file_name(id: Uuid) -> String {
    format!("{id}.{EXTENSION}")
}

/// A lead file by its name: `*.ron`, not hidden (temp files start with a dot). Whether it is a
/// file at all is for the caller's `stat`.
fn is_lead_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    !hidden && path.extension().is_some_and(|e| e == EXTENSION)
}

fn is_lead_file(path: &Path) -> bool {
    is_lead_name(path) && path.is_file()
}

/// What one file turned out to be.
enum Loaded {
    Lead(Lead, u64),
    ReadOnly(Lead),
    Problem(FileProblem),
}

fn load_file(path: &Path) -> Loaded {
    let path = path.to_path_buf();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_sync_conflict_name(&name) {
        return Loaded::Problem(FileProblem {
            file: path,
            kind: ProblemKind::SyncConflict,
            reason: "a sync tool's copy of a conflicting edit; compare it with the lead and keep what is right".into(),
            cause: ProblemCause::SyncConflict,
            moved_to: None,
        });
    }
    match fs::read(&path) {
        Ok(bytes) => match lead_from_ron(&bytes) {
            Ok(lead) => Loaded::Lead(lead, hash(&bytes)),
            Err(e @ LeadFileError::NewerVersion(_)) => match lead_from_newer_ron(&bytes) {
                Some(lead) => Loaded::ReadOnly(lead),
                None => Loaded::Problem(problem(&path, &e)),
            },
            Err(e) => Loaded::Problem(problem(&path, &e)),
        },
        Err(e) => Loaded::Problem(FileProblem {
            file: path,
            kind: ProblemKind::Unreadable,
            reason: format!("could not read the file: {e}"),
            cause: ProblemCause::Unreadable(e.kind(), e.to_string()),
            moved_to: None,
        }),
    }
}

/// Lead files one thread reads at a time: a few milliseconds of parsing, worth a thread.
const LOAD_BLOCK: usize = 256;
/// Lead files one thread `stat`s at a time.
const STAT_BLOCK: usize = 2048;

/// Reads every lead file of `dir`, on all cores: parsing dominates a cold start. With a
/// `cache_file` (`cache.rs`), a file whose stamp is the one remembered is taken from the cache
/// instead of parsed, and the cache is written again when anything differed. With
/// [`Detail::NoHistory`] each lead's history is left empty.
fn load_dir(
    dir: &Path,
    cache_file: Option<&Path>,
    detail: Detail,
) -> Result<(LoadReport, Vec<(Uuid, u64)>), StoreError> {
    let (names, stamps) = lead_files(dir)?;
    let use_cache = names.len() >= cache::MIN_LEADS;
    let open_cache = || {
        cache_file
            .filter(|_| use_cache)
            .and_then(|file| cache::Cache::open(file, dir))
    };
    let (mut loaded, misses, mut stale) = from_cache(&names, &stamps, open_cache(), detail);
    let mut problems = Vec::new();
    parse_into(&mut loaded, &misses, dir, &names, &mut problems);
    // Written again when it would hold something else: a lead parsed now, an entry of a file
    // that changed or is gone. (A broken file, a newer LeadQ's, a sync tool's copy are never
    // remembered: they are parsed each time and change nothing here.)
    stale |= misses
        .iter()
        .any(|&i| matches!(loaded[i], Some(Loaded::Lead(..))));
    if stale
        && use_cache
        && let Some(file) = cache_file
    {
        if detail == Detail::NoHistory && misses.len() < loaded.len() {
            // The cache holds whole leads only: those just taken from it without their history
            // are taken again, whole (only after an outside change, which is rare beside the
            // loads the cache speeds up).
            let parsed: Vec<(usize, Option<Loaded>)> =
                misses.iter().map(|&i| (i, loaded[i].take())).collect();
            drop(loaded);
            let (again, gone, _) = from_cache(&names, &stamps, open_cache(), Detail::Whole);
            loaded = again;
            for (i, item) in parsed {
                loaded[i] = item;
            }
            // In the cache a moment ago but not now (another LeadQ wrote it meanwhile): parsed.
            let gone: Vec<usize> = gone.into_iter().filter(|&i| loaded[i].is_none()).collect();
            parse_into(&mut loaded, &gone, dir, &names, &mut problems);
        }
        remember(file, dir, &names, &stamps, &loaded);
    }
    let mut report = LoadReport::default();
    let mut hashes = Vec::with_capacity(loaded.len());
    // Collected in place: the leads take over the memory `loaded` had, instead of a second
    // buffer of 100,000 leads beside it.
    report.leads = loaded
        .into_iter()
        .filter_map(|item| match item? {
            Loaded::Lead(lead, h) => {
                hashes.push((lead.id, h));
                Some(lead)
            }
            Loaded::ReadOnly(lead) => {
                report.read_only.push(lead.id);
                Some(lead)
            }
            Loaded::Problem(p) => {
                report.problems.push(p);
                None
            }
        })
        .collect();
    report.problems.extend(problems);
    if detail == Detail::NoHistory {
        // Those from the cache have none already; the parsed ones are cut here.
        report
            .leads
            .iter_mut()
            .for_each(|lead| lead.history = Vec::new());
    }
    Ok((report, hashes))
}

/// Parses the files `which` (indices into `names`) on all cores into `loaded`.
fn parse_into(
    loaded: &mut [Option<Loaded>],
    which: &[usize],
    dir: &Path,
    names: &[OsString],
    problems: &mut Vec<FileProblem>,
) {
    let parsed = crate::parallel::map(which, LOAD_BLOCK, |&i| load_file(&dir.join(&names[i])));
    for (&i, item) in which.iter().zip(parsed) {
        match item {
            Ok(item) => loaded[i] = Some(item),
            // A bug, not a broken file: the file stays where it is, and is named like one that
            // could not be read, so the lead is not silently missing from the list.
            Err(panic) => {
                let words = format!(
                    "reading it failed inside LeadQ (a bug; please report it): {}",
                    panic.0
                );
                problems.push(FileProblem {
                    file: dir.join(&names[i]),
                    kind: ProblemKind::Unreadable,
                    reason: words.clone(),
                    cause: ProblemCause::Unreadable(io::ErrorKind::Other, words),
                    moved_to: None,
                });
            }
        }
    }
}

/// The lead files of `dir` in the order of their names, each with its stamp (`None` if taking
/// it failed inside LeadQ).
///
/// Every file is `stat`ed before it is read: a change after the stat gives a stamp the next
/// load does not find remembered. What is no file (a folder, a dangling link) is left out. A
/// directory entry's `stat` is relative to the open folder (no walk of the whole path for each
/// file), but does not follow a link; a linked lead file is `stat`ed through its path.
fn lead_files(dir: &Path) -> Result<(Vec<OsString>, Vec<Option<Stamp>>), StoreError> {
    let entries = match fs::read_dir(dir) {
        // A data folder nothing was saved in yet (opened for reading, never created).
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        other => other.map_err(io_err(FileAction::ReadFolder, dir))?,
    };
    let mut entries: Vec<(OsString, fs::DirEntry)> = entries
        .flatten()
        .map(|e| (e.file_name(), e))
        .filter(|(name, _)| is_lead_name(Path::new(name)))
        .collect();
    // By their bytes, as [`from_cache`] walks them beside the cache's entries.
    entries.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    let stat = crate::parallel::map(&entries, STAT_BLOCK, |(_, entry)| {
        let meta = match entry.metadata() {
            Ok(meta) if meta.is_symlink() => fs::metadata(entry.path()),
            other => other,
        };
        meta.ok()
            .filter(fs::Metadata::is_file)
            .map(|meta| Stamp::of(&meta))
    });
    // The names only (a path each would be 100,000 more allocations at 100,000 leads).
    Ok(entries
        .into_iter()
        .zip(stat)
        .filter_map(|((name, _), stat)| match stat {
            Ok(Some(stamp)) => Some((name, Some(stamp))),
            Ok(None) => None,
            // A bug while `stat`ing: parse the file, which names whatever is wrong.
            Err(_) => Some((name, None)),
        })
        .unzip())
}

/// Each file's lead from `cache` where its stamp is the one remembered, else `None` and its
/// index among the misses to parse; and whether the cache holds entries of files that changed
/// or are gone (or there was none).
fn from_cache(
    names: &[OsString],
    stamps: &[Option<Stamp>],
    cache: Option<cache::Cache>,
    detail: Detail,
) -> (Vec<Option<Loaded>>, Vec<usize>, bool) {
    let mut loaded: Vec<Option<Loaded>> = Vec::with_capacity(names.len());
    loaded.resize_with(names.len(), || None);
    let mut stale = false;
    // The files and the entries are both in the order of their names: walked side by side,
    // the entries as the cache decodes them.
    let mut next = 0;
    let read = cache.and_then(|cache| {
        cache.each_entry(detail, |cached, hit| {
            // Files before this entry have none: parsed.
            while names
                .get(next)
                .is_some_and(|n| n.as_encoded_bytes() < cached.as_bytes())
            {
                next += 1;
            }
            match names.get(next) {
                Some(name) if name.as_encoded_bytes() == cached.as_bytes() => {
                    if stamps[next] == Some(hit.stamp) && !is_sync_conflict_name(cached) {
                        loaded[next] = Some(Loaded::Lead(hit.lead, hit.hash));
                    } else {
                        // Changed since: parsed.
                        stale = true;
                    }
                    next += 1;
                }
                // The file is gone.
                _ => stale = true,
            }
        })
    });
    if read.is_none() {
        // No cache, or one that turned out damaged: every file is parsed.
        loaded.iter_mut().for_each(|item| *item = None);
        stale = true;
    }
    let misses = (0..names.len()).filter(|&i| loaded[i].is_none()).collect();
    (loaded, misses, stale)
}

/// Writes the cache with every lead that loaded (not the broken, newer or conflicting files).
fn remember(
    file: &Path,
    dir: &Path,
    names: &[OsString],
    stamps: &[Option<Stamp>],
    loaded: &[Option<Loaded>],
) {
    let entries: Vec<Remember> = names
        .iter()
        .zip(stamps)
        .zip(loaded)
        // A name that is no Unicode (never one of LeadQ's) is not remembered: always parsed.
        .filter_map(|((name, stamp), item)| match (item, stamp, name.to_str()) {
            (Some(Loaded::Lead(lead, hash)), Some(stamp), Some(name)) => Some(Remember {
                name,
                stamp: *stamp,
                hash: *hash,
                lead,
            }),
            _ => None,
        })
        .collect();
    // Only speed depends on it: an unwritable cache folder, a full disk, leave it be.
    let _ = cache::write(file, dir, &entries);
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
        cause: ProblemCause::File(e.clone()),
        moved_to: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Classification, Framework};

    fn without_history(leads: &[Lead]) -> Vec<Lead> {
        let mut leads = leads.to_vec();
        leads.iter_mut().for_each(|lead| lead.history = Vec::new());
        leads
    }

    /// A load without history takes what it can from the cache; when the cache must be written
    /// again (cold, or after an outside edit), it is written with every lead whole, so that a
    /// whole load through it gives each lead's history as the file has it.
    #[test]
    fn a_load_without_history_writes_the_cache_with_whole_leads() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("leads");
        fs::create_dir(&dir).unwrap();
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        crate::corpus::write_corpus(&dir, &fw, &rules, 300, 7).unwrap();
        let cache = tmp.path().join("cache").join("leads.bin");
        let parsed = |dir: &Path| load_dir(dir, None, Detail::Whole).unwrap().0.leads;
        let through_cache = |detail: Detail| load_dir(&dir, Some(&cache), detail).unwrap().0.leads;

        let truth = parsed(&dir);
        assert!(truth.iter().any(|l| l.history.len() > 2));
        // Cold: every file parsed, the cache written.
        assert_eq!(through_cache(Detail::NoHistory), without_history(&truth));
        assert!(cache.exists());
        assert_eq!(through_cache(Detail::Whole), truth);
        // Warm, the cache used as it is.
        let written = fs::read(&cache).unwrap();
        assert_eq!(through_cache(Detail::NoHistory), without_history(&truth));
        assert_eq!(fs::read(&cache).unwrap(), written);

        // An outside edit: the load without history writes the cache again, whole.
        let mut edited = truth[10].clone();
        edited.company = "Anders GmbH".into();
        let file = dir.join(file_name(edited.id));
        fs::write(&file, lead_to_ron(&edited).unwrap()).unwrap();
        let truth = parsed(&dir);
        assert_eq!(through_cache(Detail::NoHistory), without_history(&truth));
        assert_ne!(fs::read(&cache).unwrap(), written);
        let written = fs::read(&cache).unwrap();
        assert_eq!(through_cache(Detail::Whole), truth);
        // …and that whole load found every lead in it (nothing to write again).
        assert_eq!(fs::read(&cache).unwrap(), written);

        // A new lead file, and one gone: the same.
        let mut added = truth[20].clone();
        added.id = Uuid::from_u128(42);
        fs::write(dir.join(file_name(added.id)), lead_to_ron(&added).unwrap()).unwrap();
        fs::remove_file(dir.join(file_name(truth[30].id))).unwrap();
        let truth = parsed(&dir);
        assert_eq!(through_cache(Detail::NoHistory), without_history(&truth));
        let written = fs::read(&cache).unwrap();
        assert_eq!(through_cache(Detail::Whole), truth);
        assert_eq!(fs::read(&cache).unwrap(), written);
    }
}
