//! What a data folder shared through a sync tool (Syncthing, Nextcloud, OneDrive, Dropbox)
//! needs from the store: saves that compare against the version an edit started from, trash
//! copies that are never overwritten, leads that are live and in the trash at once, and the
//! ignore file that keeps LeadQ's own bookkeeping out of the sync.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::atomic::{TEMP_PREFIX, create_private_dir, write_atomic};
use super::lead_file::{lead_from_ron, lead_to_ron};
use super::lead_store::{
    EXTENSION, FileAction, LeadStore, StoreError, file_name, hash, io_err, is_sync_conflict_name,
    unique_in,
};
use super::lock::LOCK_FILE;
use crate::domain::Lead;

/// Syncthing's ignore file, written into a new data folder.
pub const STIGNORE: &str = ".stignore";

/// The content of `.stignore`: LeadQ's temp files and the lock file of LeadQ versions before
/// 0.2 never travel; `(?d)` lets Syncthing remove a folder that holds only such files.
pub fn stignore_text() -> String {
    format!(
        "// LeadQ: its own temp and lock files stay on this machine (see README, Team use).\n\
         (?d){TEMP_PREFIX}*\n\
         (?d){LOCK_FILE}\n"
    )
}

/// How a compared save ended.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOver {
    /// The lead is on disk as given.
    Written,
    /// The file changed since the version the edit started from; nothing was written. This is
    /// the file's content now (LeadQ counts it as read).
    Stale(Box<Lead>),
}

impl LeadStore {
    /// Writes `lead` only if its file still holds `expected`, the version the edit started from
    /// (`None`: no file, a new lead). A file that is gone was deleted elsewhere: the edit wins
    /// and recreates it, as sync tools do. A file that no longer parses stays as it is and ours
    /// goes to `conflicts/` (`StoreError::Conflict`).
    pub fn save_over(&self, lead: &Lead, expected: Option<&Lead>) -> Result<SaveOver, StoreError> {
        let path = self.lead_path(lead.id);
        match fs::read(&path) {
            Ok(bytes) => match lead_from_ron(&bytes) {
                Ok(disk) if disk == *lead => {
                    self.known().insert(lead.id, hash(&bytes));
                    return Ok(SaveOver::Written);
                }
                Ok(disk) if Some(&disk) != expected => {
                    self.known().insert(lead.id, hash(&bytes));
                    return Ok(SaveOver::Stale(Box::new(disk)));
                }
                Ok(_) => {}
                Err(_) => {
                    let ours = self.set_aside(lead)?;
                    return Err(StoreError::Conflict {
                        id: lead.id,
                        path,
                        ours,
                    });
                }
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(FileAction::Read, &path)(e)),
        }
        let text = lead_to_ron(lead)?;
        write_atomic(&path, text.as_bytes()).map_err(io_err(FileAction::SaveLead, &path))?;
        self.known().insert(lead.id, hash(text.as_bytes()));
        Ok(SaveOver::Written)
    }

    /// Keeps a version of a lead that did not make it into its file in `conflicts/`.
    pub fn set_aside(&self, lead: &Lead) -> Result<PathBuf, StoreError> {
        let dir = self.conflicts_dir();
        create_private_dir(&dir).map_err(io_err(FileAction::CreateFolder, &dir))?;
        let stamp = crate::clock::now().strftime("%Y%m%d-%H%M%S");
        let ours = unique_in(&dir, &format!("{}-{stamp}.{EXTENSION}", lead.id));
        let text = lead_to_ron(lead)?;
        write_atomic(&ours, text.as_bytes()).map_err(io_err(FileAction::SaveYourVersion, &ours))?;
        Ok(ours)
    }

    /// Where a lead moves when it is deleted: `trash/<id>.ron`, or `trash/<id> (2).ron`, … when
    /// an earlier copy is still there (deleted on two machines, or deleted, restored elsewhere
    /// and deleted again): no trash copy is ever overwritten.
    pub(super) fn trash_target(&self, id: Uuid) -> PathBuf {
        let dir = self.trash_dir();
        let mut target = dir.join(file_name(id));
        let mut n = 2;
        while target.exists() {
            target = dir.join(format!("{id} ({n}).{EXTENSION}"));
            n += 1;
        }
        target
    }

    /// Every file in `trash/` that holds a copy of lead `id` (by its name).
    pub fn trashed_copies(&self, id: Uuid) -> Vec<PathBuf> {
        let prefix = id.to_string();
        let mut copies: Vec<PathBuf> = fs::read_dir(self.trash_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".ron"))
            })
            .collect();
        copies.sort();
        copies
    }

    /// The trash copy `restore` brings back: the most recently changed one (by the lead's
    /// `updated`; when equal, the one deleted last).
    pub(super) fn newest_trash_copy(&self, id: Uuid) -> Option<PathBuf> {
        self.trashed_copies(id)
            .into_iter()
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| is_sync_conflict_name(&n.to_string_lossy()))
            })
            .filter_map(|p| {
                let lead = lead_from_ron(&fs::read(&p).ok()?).ok()?;
                (lead.id == id).then_some(((lead.updated, trash_number(&p)), p))
            })
            .max_by_key(|(newest, _)| *newest)
            .map(|(_, p)| p)
    }

    /// Leads that are in `leads/` and in `trash/` at once: deleted on one machine while edited
    /// on another, and the sync tool kept the edit. Each with its trash copies.
    pub fn live_and_trashed(&self) -> Vec<(Uuid, Vec<PathBuf>)> {
        let mut ids: Vec<Uuid> = fs::read_dir(self.trash_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name();
                let name = name.to_str()?;
                Uuid::parse_str(name.get(..36)?).ok()
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .filter(|id| self.lead_path(*id).is_file())
            .map(|id| (id, self.trashed_copies(id)))
            .collect()
    }

    /// Writes `.stignore` for Syncthing (only into a new folder; an existing one is the
    /// team's to configure).
    pub(super) fn write_sync_ignores(&self) -> Result<(), StoreError> {
        let path = self.root().join(STIGNORE);
        if path.exists() {
            return Ok(());
        }
        write_atomic(&path, stignore_text().as_bytes())
            .map_err(io_err(FileAction::WriteSyncIgnore, &path))
    }
}

/// Which deletion of its lead a trash file is: `<id>.ron` the first, `<id> (n).ron` the n-th.
fn trash_number(path: &Path) -> u64 {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.get(36..))
        .and_then(|rest| rest.strip_prefix(" (")?.strip_suffix(')')?.parse().ok())
        .unwrap_or(1)
}

/// The lead id a file in `leads/` or `trash/` is named after, if any.
pub fn id_of_file(path: &Path) -> Option<Uuid> {
    let name = path.file_name()?.to_str()?;
    Uuid::parse_str(name.get(..36)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(company: &str) -> Lead {
        let mut l = Lead::new(
            Uuid::parse_str("5b0d5f5e-3c4f-4f43-9a51-2b8f0f1f6d2a").unwrap(),
            "2026-11-01T10:00:00Z".parse().unwrap(),
        );
        l.company = company.into();
        l
    }

    #[test]
    fn a_save_over_a_changed_file_writes_nothing_and_returns_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = LeadStore::open(&dir.path().join("data")).unwrap();
        let base = lead("Alt");
        assert_eq!(store.save_over(&base, None).unwrap(), SaveOver::Written);
        let theirs = lead("Dort");
        store.save(&theirs).unwrap();
        let ours = lead("Hier");
        assert_eq!(
            store.save_over(&ours, Some(&base)).unwrap(),
            SaveOver::Stale(Box::new(theirs.clone()))
        );
        let on_disk = lead_from_ron(&fs::read(store.lead_path(ours.id)).unwrap()).unwrap();
        assert_eq!(on_disk, theirs);
        assert_eq!(
            store.save_over(&ours, Some(&theirs)).unwrap(),
            SaveOver::Written
        );
        // Deleted elsewhere: the edit comes back.
        fs::remove_file(store.lead_path(ours.id)).unwrap();
        assert_eq!(
            store.save_over(&ours, Some(&theirs)).unwrap(),
            SaveOver::Written
        );
        assert!(store.lead_path(ours.id).exists());
    }

    #[test]
    fn a_second_delete_keeps_the_first_trash_copy_and_both_are_reported_live() {
        let dir = tempfile::tempdir().unwrap();
        let store = LeadStore::open(&dir.path().join("data")).unwrap();
        let first = lead("Erste Fassung");
        store.save(&first).unwrap();
        store.trash(first.id).unwrap();
        let mut second = lead("Zweite Fassung");
        second.updated = "2026-11-02T10:00:00Z".parse().unwrap();
        store.save_over(&second, None).unwrap();
        assert_eq!(store.live_and_trashed().len(), 1);
        store.trash(second.id).unwrap();
        let copies = store.trashed_copies(first.id);
        assert_eq!(copies.len(), 2, "{copies:?}");
        let texts: Vec<String> = copies
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.iter().any(|t| t.contains("Erste Fassung")));
        assert!(texts.iter().any(|t| t.contains("Zweite Fassung")));
        assert!(store.live_and_trashed().is_empty());
        assert_eq!(store.restore(first.id).unwrap().company, "Zweite Fassung");
        assert_eq!(store.trashed_copies(first.id).len(), 1);
    }

    #[test]
    fn trash_copies_are_numbered_by_deletion() {
        let id = "5b0d5f5e-3c4f-4f43-9a51-2b8f0f1f6d2a";
        assert_eq!(trash_number(Path::new(&format!("t/{id}.ron"))), 1);
        assert_eq!(trash_number(Path::new(&format!("t/{id} (2).ron"))), 2);
        assert_eq!(trash_number(Path::new(&format!("t/{id} (13).ron"))), 13);
    }

    #[test]
    fn a_new_folder_gets_a_stignore_an_existing_one_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        LeadStore::open(&data).unwrap();
        let text = fs::read_to_string(data.join(STIGNORE)).unwrap();
        assert!(text.contains("(?d).leadq-tmp-*") && text.contains(".leadq.lock"));
        let old = dir.path().join("old");
        fs::create_dir_all(&old).unwrap();
        LeadStore::open(&old).unwrap();
        assert!(!old.join(STIGNORE).exists());
    }
}
