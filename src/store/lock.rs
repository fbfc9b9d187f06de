use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file whose OS lock marks "a LeadQ writes to this folder". The OS drops the lock when the
/// process ends, crash included, so a lock can never go stale.
pub const LOCK_FILE: &str = ".leadq.lock";

/// Held while this process may write to the data folder; released on drop.
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
    /// Takes the folder for writing, or says who has it. Never waits.
    pub fn acquire(root: &Path) -> Result<FolderLock, LockError> {
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| LockError::Io(path.clone(), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LockError::Held(root.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(path, e)),
        }
        // Who holds it, for a person looking at the folder; the lock itself is what counts.
        let _ = file.set_len(0);
        let _ = writeln!(file, "pid {}", std::process::id());
        Ok(FolderLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
}
