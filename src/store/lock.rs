//! The one-writer lock for a data folder: a lock file per folder in a per-user place outside
//! every data folder, so a second LeadQ on the same folder only reads.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file LeadQ before 0.2 kept in the data folder. No longer created: a sync tool
/// carries it to the other machines and replaces it there. If one exists, it is only tested
/// (an older LeadQ window may hold it), never written.
pub const LOCK_FILE: &str = ".leadq.lock";

/// Where the lock files live instead: a per-user folder outside every data folder, so no sync
/// tool ever replaces them (`LEADQ_LOCK_DIR` overrides, for tests).
pub fn lock_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("LEADQ_LOCK_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let dirs = directories::ProjectDirs::from("de", "LeadQ", "LeadQ");
    match dirs {
        // Linux: $XDG_RUNTIME_DIR (private, emptied at logout); elsewhere the cache folder.
        Some(d) => match d.runtime_dir() {
            Some(run) => run.join("locks"),
            None => d.cache_dir().join("locks"),
        },
        None => std::env::temp_dir().join("leadq-locks"),
    }
}

/// The lock file for one data folder: named by a hash of its canonical path, so every LeadQ on
/// this machine finds the same file for the same folder, however the path was spelled.
pub fn lock_path(root: &Path) -> PathBuf {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let bytes = canonical.as_os_str().as_encoded_bytes();
    lock_dir().join(format!("{:016x}.lock", fnv1a(bytes)))
}

/// FNV-1a, 64 bit: stable across Rust versions and builds (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Held while this process may write to the data folder; released on drop. The OS drops the
/// lock when the process ends, crash included, so a lock can never go stale.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
    path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("LeadQ is already open on this folder ({0}); close the other window first")]
    Held(PathBuf),
    #[error("could not create the lock file {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

impl FolderLock {
    /// Takes the folder for writing, or says who has it. Never waits. Writes nothing into the
    /// data folder.
    pub fn acquire(root: &Path) -> Result<FolderLock, LockError> {
        let path = lock_path(root);
        if let Some(dir) = path.parent() {
            super::atomic::create_private_dir(dir).map_err(|e| LockError::Io(path.clone(), e))?;
        }
        let mut file = take(&path, root)?;
        // Who holds it and for which folder, for a person looking; the lock itself is what counts.
        let _ = file.set_len(0);
        let _ = writeln!(file, "pid {}\n{}", std::process::id(), root.display());
        let lock = FolderLock { _file: file, path };
        legacy_lock_is_free(root)?;
        Ok(lock)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens and locks the lock file. A holder that lets go removes its file (see `Drop`), so a
/// lock won on a file that has just been removed is tried again on the new one.
fn take(path: &Path, root: &Path) -> Result<File, LockError> {
    let mut attempts = 0;
    loop {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| LockError::Io(path.to_path_buf(), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LockError::Held(root.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(path.to_path_buf(), e)),
        }
        attempts += 1;
        if still_at(&file, path) || attempts >= 5 {
            return Ok(file);
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still held, so no lock files pile up; the file closes right after.
        remove_when_released(&self.path);
    }
}

/// Whether `path` still names the file `file` is open on.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(unix)]
fn remove_when_released(path: &Path) {
    let _ = std::fs::remove_file(path);
}

// Windows (and others): an open file is not removed from under its name, so the lock file
// simply stays (a few bytes per data folder in the cache folder) and is reused next time.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(not(unix))]
fn remove_when_released(_path: &Path) {}

/// An older LeadQ window on this machine holds `.leadq.lock` in the data folder: refuse as it
/// would. The file is only opened for reading and never created.
fn legacy_lock_is_free(root: &Path) -> Result<(), LockError> {
    let Ok(old) = File::open(root.join(LOCK_FILE)) else {
        return Ok(());
    };
    match old.try_lock_shared() {
        Err(TryLockError::WouldBlock) => Err(LockError::Held(root.to_path_buf())),
        // Free (a leftover or a copy a sync tool brought): harmless, released on drop.
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        assert!(matches!(
            FolderLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(first);
        assert!(FolderLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn the_lock_is_outside_the_folder_and_survives_a_sync_tool_replacing_files() {
        let dir = tempfile::tempdir().unwrap();
        let held = FolderLock::acquire(dir.path()).unwrap();
        assert!(!held.path().starts_with(dir.path()));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A leftover `.leadq.lock` (or one a sync tool brought along) changes nothing.
        std::fs::write(dir.path().join(LOCK_FILE), b"pid 1").unwrap();
        assert!(matches!(
            FolderLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        // The same folder spelled differently is the same lock.
        let other = dir
            .path()
            .join(".")
            .join("..")
            .join(dir.path().file_name().unwrap());
        assert!(matches!(
            FolderLock::acquire(&other),
            Err(LockError::Held(_))
        ));
        drop(held);
        let again = FolderLock::acquire(&other).unwrap();
        let file = again.path().to_path_buf();
        assert!(file.exists());
        drop(again);
        #[cfg(unix)]
        assert!(!file.exists(), "a released lock leaves no file behind");
    }

    #[test]
    fn an_older_leadq_holding_the_old_lock_file_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::fs::File::create(dir.path().join(LOCK_FILE)).unwrap();
        old.try_lock().unwrap();
        assert!(matches!(
            FolderLock::acquire(dir.path()),
            Err(LockError::Held(_))
        ));
        drop(old);
        assert!(FolderLock::acquire(dir.path()).is_ok());
    }
}
