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

/// [`read_user_file`] for a text file (a framework file): UTF-8, or an `InvalidData` error that
/// says so, never a guess with replacement characters.
pub fn read_user_text(path: &Path) -> io::Result<String> {
    String::from_utf8(read_user_file(path)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// Writes `bytes` to `path` so that readers see either the old or the new content, never a mix:
/// temp file in the same folder, flush, fsync, rename over the target, fsync the folder (Unix;
/// see [`sync_folder`] for Windows).
///
/// A file marked read-only is left alone on every system (Windows refuses to replace one; Unix
/// and Wine would let the rename through): whoever marked it meant it to stay.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder"))?;
    if is_read_only_file(path) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            ReadOnlyFile,
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    restrict_file(tmp.as_file())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| name_the_cause(path, e.error))?;
    sync_dir(dir)
}

/// The cause of an error [`write_atomic`] gives when the file it was to replace is marked
/// read-only (Windows refuses to replace such a file): the rep can take the mark off, and a
/// bare "permission denied" would send them looking for a permission problem that is not there.
#[derive(Debug)]
pub struct ReadOnlyFile;

impl std::fmt::Display for ReadOnlyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the file is read-only")
    }
}

impl std::error::Error for ReadOnlyFile {}

/// Whether an error means the file is open in another program that does not let others write
/// it (Excel with `Leads.xlsx`, Acrobat with a PDF): `ResourceBusy`, and on Windows a sharing or
/// lock violation or a file another program has mapped into memory.
pub fn is_in_use(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::ResourceBusy {
        return true;
    }
    #[cfg(windows)]
    {
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE.
        matches!(e.raw_os_error(), Some(32 | 33 | 1224))
    }
    #[cfg(not(windows))]
    {
        false
    }
}

/// Replacing `path` failed with `e`: when the file is open in another program or marked
/// read-only, says so (`ResourceBusy`, or `PermissionDenied` caused by [`ReadOnlyFile`]), so
/// that the rep's message names the cause. Windows answers "access denied" for both when a
/// file is replaced by a rename; other errors pass unchanged.
fn name_the_cause(path: &Path, e: io::Error) -> io::Error {
    if is_in_use(&e) {
        return io::Error::new(io::ErrorKind::ResourceBusy, e);
    }
    if e.kind() != io::ErrorKind::PermissionDenied {
        return e;
    }
    if is_read_only_file(path) {
        io::Error::new(io::ErrorKind::PermissionDenied, ReadOnlyFile)
    } else if path.is_file() && held_elsewhere(path) {
        io::Error::new(io::ErrorKind::ResourceBusy, e)
    } else {
        e
    }
}

/// Whether `path` is a file marked read-only (Windows's attribute; on Unix: no one may write it).
fn is_read_only_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly())
}

/// Whether another program holds `path` open without letting others write it: opening it for
/// writing (without truncating: nothing changes) then fails with a sharing violation.
#[cfg(windows)]
fn held_elsewhere(path: &Path) -> bool {
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .is_err_and(|e| is_in_use(&e))
}

/// Unix lets a file that others have open be replaced: never the cause there.
#[cfg(not(windows))]
fn held_elsewhere(_: &Path) -> bool {
    false
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
/// Each folder it creates is made durable in its parent (an fsync of the parent), so a power
/// cut cannot take away a folder a file was then written into.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    // The folders about to be made, innermost first.
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
        .collect();
    fs::create_dir_all(dir)?;
    restrict_dir(dir)?;
    for created in missing.iter().rev() {
        if let Some(parent) = folder_of(created) {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Moves a file to another folder (or another name in its own) so that the move is on disk
/// before this returns: the rename, then an fsync of the target's folder and, when it is
/// another, of the source's. Every move LeadQ makes in the data folder (trash, restore,
/// quarantine, conflict copies) goes through here, so no path can forget a folder.
pub fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    fs::rename(from, to)?;
    let to_dir = folder_of(to);
    if let Some(dir) = to_dir {
        sync_dir(dir)?;
    }
    match folder_of(from) {
        Some(dir) if Some(dir) != to_dir => sync_dir(dir),
        _ => Ok(()),
    }
}

/// Removes a file so that the removal is on disk before this returns (the folder fsynced).
pub fn remove_durably(file: &Path) -> io::Result<()> {
    fs::remove_file(file)?;
    match folder_of(file) {
        Some(dir) => sync_dir(dir),
        None => Ok(()),
    }
}

/// Makes a file LeadQ writes readable by the user only (personal data), where the OS has modes.
/// (Unix sets the mode when a batch file is made: see `journal::stage_file`.)
#[cfg(not(unix))]
pub(super) fn restrict(file: &File) -> io::Result<()> {
    restrict_file(file)
}

/// Commits every write to the file system `file` lies on, at once (Linux `syncfs`): what a
/// batch of thousands of files needs instead of an fsync each.
#[cfg(target_os = "linux")]
pub(super) fn syncfs(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: `syncfs` only reads the descriptor, which `file` keeps open for the call.
    let result = unsafe { libc::syncfs(file.as_raw_fd()) };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
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
        let denied = || io::Error::from(io::ErrorKind::PermissionDenied);
        // Replacing a file marked read-only (Windows refuses it): named as such.
        let mut perms = fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms.clone()).unwrap();
        let named = name_the_cause(&path, denied());
        assert!(named.get_ref().is_some_and(|c| c.is::<ReadOnlyFile>()));
        // And left alone on every system, named so, with no temp file left.
        let refused = write_atomic(&path, b"never").unwrap_err();
        assert!(refused.get_ref().is_some_and(|c| c.is::<ReadOnlyFile>()));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        fs::set_permissions(&path, perms).unwrap();
        // Otherwise "permission denied" stays; a busy file is named busy.
        assert!(name_the_cause(&path, denied()).get_ref().is_none());
        let busy = name_the_cause(&path, io::Error::from(io::ErrorKind::ResourceBusy));
        assert!(is_in_use(&busy));
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
