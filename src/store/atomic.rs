//! Writes that never leave a half-written file: temp file in the same folder, fsync, rename
//! over the target; and private (owner-only) files and folders for personal data.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Prefix of the temp files a write uses; a crash can leave one behind, never a half-written lead.
pub const TEMP_PREFIX: &str = ".leadq-tmp-";

/// Reads a file the rep named (an import, a framework file). A folder is refused as a folder:
/// Windows answers "access denied" for one, which would send the rep looking for a permission
/// problem that is not there.
pub fn read_user_file(path: &Path) -> io::Result<Vec<u8>> {
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{} is a folder", path.display()),
        ));
    }
    std::fs::read(path)
}

/// Writes `bytes` to `path` so that readers see either the old or the new content, never a mix:
/// temp file in the same folder, flush, fsync, rename over the target, fsync the folder (Unix;
/// see [`sync_folder`] for Windows).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    restrict_file(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Writes `bytes` into a new temp file in `dir` with `write`, flushed and fsynced, and returns it
/// closed (it is deleted when dropped, unless persisted over its target). The first half of
/// [`write_atomic`], for writing many files as one (`LeadStore::save_batch`).
pub fn stage_in(
    dir: &Path,
    bytes: &[u8],
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<tempfile::TempPath> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    write(tmp.as_file_mut(), bytes)?;
    tmp.flush()?;
    restrict_file(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

/// Makes renames in `dir` durable. On Unix that takes an fsync of the folder itself. On Windows
/// it does nothing: std cannot open a folder to flush it, and `tempfile`'s rename is a plain
/// `MoveFileExW(MOVEFILE_REPLACE_EXISTING)`. NTFS journals the rename, so after a crash the
/// target holds the old or the new content, whole; only a rename in the last moments before a
/// power cut may be lost. (`MOVEFILE_WRITE_THROUGH` would not help: it only flushes a move that
/// copies across volumes, and the temp file is always in the target's folder.)
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    sync_dir(dir)
}

/// The folder `path` lies in: a bare name like `leads.csv` lies in the current folder (`.`), not
/// in the empty path `Path::parent` gives for it. `None` for a root or an empty path.
pub fn folder_of(path: &Path) -> Option<&Path> {
    match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Some(Path::new(".")),
        Some(p) => Some(p),
        None => None,
    }
}

/// Creates a folder (and its parents) that only the user can read: lead files hold personal data.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    restrict_dir(dir)
}

#[cfg(unix)]
fn restrict_file(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(unix)]
fn restrict_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// On Unix a rename is only durable once the folder entry itself is on disk.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

// Windows: files inherit their folder's ACL, and the default data and config folders lie in the
// user's profile, which is private already; a folder cannot be fsynced (see `sync_folder`).
#[cfg(not(unix))]
fn restrict_file(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn restrict_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_name_is_written_into_the_current_folder() {
        assert_eq!(folder_of(Path::new("leads.csv")), Some(Path::new(".")));
        assert_eq!(folder_of(Path::new("./leads.csv")), Some(Path::new(".")));
        assert_eq!(
            folder_of(Path::new("../x/leads.csv")),
            Some(Path::new("../x"))
        );
        assert_eq!(folder_of(Path::new("/")), None);
        assert_eq!(folder_of(Path::new("")), None);
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}
