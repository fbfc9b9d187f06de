//! Several files changed as one: an import's lead files, a framework switch's two team files.
//! Each new content goes into a temp file beside its target; all of them are made durable
//! together (one `syncfs` on Linux, an fsync each elsewhere); a journal naming every temp file
//! and its target is written and made durable — the commit; only then are the temp files
//! renamed into place, their folders fsynced, and the journal removed.
//!
//! Killed or cut off by a power failure anywhere in between, the folder holds the whole batch
//! or none of it as soon as the next LeadQ that writes here has looked ([`recover`], run before
//! anything else by every writer: the window, each writing command, `leadq check --repair`): a
//! journal still there means the batch was committed, and its renames are completed (every temp
//! file it names is whole on disk); batch temp files without a journal mean it never was, and
//! they are removed. Until then, `leadq check` names the interrupted batch ([`pending`]) and
//! read-only commands write nothing.
//!
//! The journal and the temp files start with [`TEMP_PREFIX`], which loaders skip and the
//! `.stignore` LeadQ writes keeps out of Syncthing: a batch is never half-synced to a colleague.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{
    TEMP_PREFIX, folder_of, remove_durably, rename_durably, sync_folder, write_atomic,
};

/// The journal's file in the data folder while a committed batch is being renamed into place.
pub const JOURNAL_FILE: &str = ".leadq-tmp-journal.ron";

/// What a batch does, so that the rep is told what was completed or undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatchKind {
    /// Leads imported from a file (`leadq import`, the window's import).
    Import,
    /// The team's framework and class rules (`leadq framework use`, the settings).
    FrameworkSwitch,
    /// One change to several leads (the window's batch stage change and the like).
    Change,
    /// Several leads moved to the trash at once (the window's batch delete).
    Delete,
}

impl BatchKind {
    const ALL: [BatchKind; 4] = [
        BatchKind::Import,
        BatchKind::FrameworkSwitch,
        BatchKind::Change,
        BatchKind::Delete,
    ];

    fn tag(self) -> &'static str {
        match self {
            BatchKind::Import => "import",
            BatchKind::FrameworkSwitch => "framework",
            BatchKind::Change => "change",
            BatchKind::Delete => "delete",
        }
    }

    fn of_tag(tag: &str) -> Option<BatchKind> {
        BatchKind::ALL.into_iter().find(|k| k.tag() == tag)
    }

    /// The start of the names of this kind's temp files.
    fn temp_prefix(self) -> String {
        format!("{TEMP_PREFIX}batch-{}-", self.tag())
    }
}

/// What [`recover`] found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovered {
    /// A committed batch whose renames a kill interrupted: completed.
    Completed(BatchKind),
    /// A batch killed before its commit: its temp files removed, nothing of it counts.
    Undone(BatchKind),
}

/// The journal as written: the batch's kind and each (temp file, target), relative to the
/// data folder.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    kind: BatchKind,
    moves: Vec<(PathBuf, PathBuf)>,
}

/// One file of a batch: its temp file, its target, and what the target held before (`None`:
/// no file), to put back should a rename fail.
pub type Staged = (tempfile::TempPath, PathBuf, Option<Vec<u8>>);

/// A batch being written: its files so far, and the files it moves as they are.
pub struct Batch {
    root: PathBuf,
    kind: BatchKind,
    staged: Vec<Staged>,
    moves: Vec<(PathBuf, PathBuf)>,
}

impl Batch {
    /// A batch of `kind` in the data folder `root`.
    pub fn new(root: &Path, kind: BatchKind) -> Batch {
        Batch {
            root: root.to_path_buf(),
            kind,
            staged: Vec::new(),
            moves: Vec::new(),
        }
    }

    /// Adds a move of a file that is on disk already (a lead to the trash): renamed from `from`
    /// to `to` with the batch's other files.
    pub fn add_move(&mut self, from: &Path, to: &Path) {
        self.moves.push((from.to_path_buf(), to.to_path_buf()));
    }

    /// Writes the new content of `target` (a file below the data folder) into a temp file
    /// beside it, with `write`; not yet durable (see [`Batch::commit`]). `previous` is what
    /// the target holds now.
    pub fn stage(
        &mut self,
        target: &Path,
        bytes: &[u8],
        previous: Option<Vec<u8>>,
        write: &dyn Fn(&mut fs::File, &[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let temp = stage_file(self.kind, target, bytes, write)?;
        self.staged.push((temp, target.to_path_buf(), previous));
        Ok(())
    }

    /// Adds files staged elsewhere (on several threads, with [`stage_file`]).
    pub fn add(&mut self, staged: Vec<Staged>) {
        self.staged.extend(staged);
    }

    /// Makes the batch count: the temp files durable, the journal written (the commit), every
    /// temp file renamed over its target, the folders fsynced, the journal removed.
    ///
    /// An error before the commit leaves every target as it was (the temp files are removed as
    /// they drop). A rename that fails after it (rare: the disk went away) puts back what the
    /// renames before it replaced and removes the journal: the batch did not happen. Only a
    /// kill or a power cut after the commit leaves the journal, and the next writer's
    /// [`recover`] completes the batch.
    pub fn commit(self) -> Result<(), CommitError> {
        let stage_error = |error| CommitError {
            index: 0,
            error,
            not_restored: Vec::new(),
        };
        let temps: Vec<&Path> = self.staged.iter().map(|(t, _, _)| t.as_ref()).collect();
        make_durable(&self.root, &temps).map_err(stage_error)?;
        let journal = Journal {
            kind: self.kind,
            moves: self
                .staged
                .iter()
                .map(|(temp, target, _)| (relative(&self.root, temp), relative(&self.root, target)))
                .chain(
                    self.moves
                        .iter()
                        .map(|(from, to)| (relative(&self.root, from), relative(&self.root, to))),
                )
                .collect(),
        };
        let text = ron::to_string(&journal)
            .map_err(|e| stage_error(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        let journal_path = self.root.join(JOURNAL_FILE);
        write_atomic(&journal_path, text.as_bytes()).map_err(stage_error)?;
        // Committed.
        let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::with_capacity(self.staged.len());
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut note_folder = |path: &Path| {
            if let Some(dir) = folder_of(path)
                && !folders.iter().any(|f| f == dir)
            {
                folders.push(dir.to_path_buf());
            }
        };
        let written = self.staged.len();
        for (index, (temp, target, previous)) in self.staged.into_iter().enumerate() {
            if let Err(e) = temp.persist(&target) {
                // The temp files not yet renamed are removed as they drop.
                let not_restored = undo(done);
                let _ = remove_durably(&journal_path);
                return Err(CommitError {
                    index,
                    error: e.error,
                    not_restored,
                });
            }
            note_folder(&target);
            done.push((target, previous));
        }
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(self.moves.len());
        for (index, (from, to)) in self.moves.into_iter().enumerate() {
            if let Err(error) = fs::rename(&from, &to) {
                let mut not_restored = undo_moves(moved);
                not_restored.extend(undo(done));
                let _ = remove_durably(&journal_path);
                return Err(CommitError {
                    index: written + index,
                    error,
                    not_restored,
                });
            }
            note_folder(&from);
            note_folder(&to);
            moved.push((from, to));
        }
        let applied = folders
            .iter()
            .try_for_each(|dir| sync_folder(dir))
            .and_then(|()| remove_durably(&journal_path));
        applied.map_err(|error| CommitError {
            index: done.len().saturating_sub(1),
            error,
            not_restored: Vec::new(),
        })
    }
}

/// Why a batch did not happen: the file (by its place in the batch) and the OS's reason, and
/// any file that could not be put back as it was.
#[derive(Debug)]
pub struct CommitError {
    pub index: usize,
    pub error: io::Error,
    pub not_restored: Vec<PathBuf>,
}

/// Moves back what a half-done batch moved; returns the files that could not be.
fn undo_moves(moved: Vec<(PathBuf, PathBuf)>) -> Vec<PathBuf> {
    moved
        .into_iter()
        .rev()
        .filter(|(from, to)| fs::rename(to, from).is_err())
        .map(|(from, _)| from)
        .collect()
}

/// Puts back what a half-done batch changed: files it created are removed, files it replaced
/// get their old bytes again. Returns the files that could not be put back.
fn undo(done: Vec<(PathBuf, Option<Vec<u8>>)>) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for (path, previous) in done.into_iter().rev() {
        let result = match &previous {
            Some(bytes) => write_atomic(&path, bytes),
            None => fs::remove_file(&path),
        };
        if result.is_err() {
            failed.push(path);
        }
    }
    failed
}

/// Writes `bytes` into a batch temp file beside `target`; the caller adds it to a [`Batch`].
pub fn stage_file(
    kind: BatchKind,
    target: &Path,
    bytes: &[u8],
    write: &dyn Fn(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<tempfile::TempPath> {
    let dir = folder_of(target)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder"))?;
    let prefix = kind.temp_prefix();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // Owner-only from its creation (Unix): one system call a file fewer than setting the mode
    // after, which counts at 100,000 files.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut tmp = builder.tempfile_in(dir)?;
    write(tmp.as_file_mut(), bytes)?;
    io::Write::flush(&mut tmp)?;
    #[cfg(not(unix))]
    super::atomic::restrict(tmp.as_file())?;
    Ok(tmp.into_temp_path())
}

/// Makes every temp file's content durable: on Linux one `syncfs` of the file system the data
/// folder is on (the disk commits them together), elsewhere an fsync of each, several at once.
fn make_durable(root: &Path, temps: &[&Path]) -> io::Result<()> {
    if temps.is_empty() {
        // Only moves of files already on disk.
        return Ok(());
    }
    #[cfg(target_os = "linux")]
    {
        let _ = temps;
        let folder = fs::File::open(root)?;
        super::atomic::syncfs(&folder)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = root;
        let results = crate::parallel::map_io(temps.len(), |i| {
            fs::OpenOptions::new()
                .write(true)
                .open(temps[i])
                .and_then(|f| f.sync_all())
        });
        for result in results {
            result.map_err(io::Error::other)??;
        }
        Ok(())
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Completes or undoes a batch a kill or a power cut interrupted; call it holding the folder's
/// lock, before anything else is written. Says what it did, once.
pub fn recover(root: &Path) -> io::Result<Vec<Recovered>> {
    let mut done = Vec::new();
    let journal_path = root.join(JOURNAL_FILE);
    match fs::read_to_string(&journal_path) {
        Ok(text) => {
            // A journal is written atomically: one that does not parse was not written by
            // LeadQ's commit and names nothing to complete.
            if let Ok(journal) = ron::from_str::<Journal>(&text) {
                // A temp file or a moved lead still where it was: its rename is still to do.
                for (from, to) in &journal.moves {
                    let (from, to) = (root.join(from), root.join(to));
                    if from.exists() {
                        rename_durably(&from, &to)?;
                    }
                }
                done.push(Recovered::Completed(journal.kind));
            }
            remove_durably(&journal_path)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    for (path, kind) in batch_temps(root) {
        remove_durably(&path)?;
        if !done.contains(&Recovered::Undone(kind)) {
            done.push(Recovered::Undone(kind));
        }
    }
    Ok(done)
}

/// An interrupted batch in the folder, without touching it (for `leadq check`): the journal of
/// one that will be completed, or the temp files of one that will be undone.
pub fn pending(root: &Path) -> Vec<Recovered> {
    let mut found = Vec::new();
    if let Ok(text) = fs::read_to_string(root.join(JOURNAL_FILE))
        && let Ok(journal) = ron::from_str::<Journal>(&text)
    {
        found.push(Recovered::Completed(journal.kind));
        return found;
    }
    for (_, kind) in batch_temps(root) {
        if !found.contains(&Recovered::Undone(kind)) {
            found.push(Recovered::Undone(kind));
        }
    }
    found
}

/// The batch temp files in the folders a batch writes into (the data folder and `leads/`),
/// each with its batch's kind.
fn batch_temps(root: &Path) -> Vec<(PathBuf, BatchKind)> {
    let prefix = format!("{TEMP_PREFIX}batch-");
    [root.to_path_buf(), root.join(super::lead_store::LEADS_DIR)]
        .iter()
        .filter_map(|dir| fs::read_dir(dir).ok())
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let tag = name.strip_prefix(&prefix)?.split('-').next()?.to_owned();
            Some((e.path(), BatchKind::of_tag(&tag)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_all(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
        io::Write::write_all(file, bytes)
    }

    fn folder() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("data");
        fs::create_dir_all(root.join("leads")).unwrap();
        (tmp, root)
    }

    #[test]
    fn a_committed_batch_replaces_every_target_and_leaves_nothing() {
        let (_tmp, root) = folder();
        fs::write(root.join("leads/a.ron"), "old a").unwrap();
        let mut batch = Batch::new(&root, BatchKind::Import);
        batch
            .stage(
                &root.join("leads/a.ron"),
                b"new a",
                Some(b"old a".to_vec()),
                &write_all,
            )
            .unwrap();
        batch
            .stage(&root.join("leads/b.ron"), b"new b", None, &write_all)
            .unwrap();
        batch.commit().unwrap();
        assert_eq!(fs::read(root.join("leads/a.ron")).unwrap(), b"new a");
        assert_eq!(fs::read(root.join("leads/b.ron")).unwrap(), b"new b");
        let mut left: Vec<String> = fs::read_dir(root.join("leads"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.ron", "b.ron"]);
        assert!(!root.join(JOURNAL_FILE).exists());
        assert!(pending(&root).is_empty());
    }

    #[test]
    fn moves_go_with_the_batch_and_a_kill_after_the_commit_completes_them() {
        let (_tmp, root) = folder();
        fs::create_dir_all(root.join("trash")).unwrap();
        for name in ["a", "b"] {
            fs::write(root.join(format!("leads/{name}.ron")), name).unwrap();
        }
        let mut batch = Batch::new(&root, BatchKind::Delete);
        batch.add_move(&root.join("leads/a.ron"), &root.join("trash/a.ron"));
        batch.add_move(&root.join("leads/b.ron"), &root.join("trash/b.ron"));
        batch.commit().unwrap();
        assert_eq!(fs::read_dir(root.join("leads")).unwrap().count(), 0);
        assert_eq!(fs::read(root.join("trash/b.ron")).unwrap(), b"b");
        // What a kill after the first of two moves leaves: the journal, one lead still live.
        for name in ["c", "d"] {
            fs::write(root.join(format!("leads/{name}.ron")), name).unwrap();
        }
        let journal = Journal {
            kind: BatchKind::Delete,
            moves: vec![
                ("leads/c.ron".into(), "trash/c.ron".into()),
                ("leads/d.ron".into(), "trash/d.ron".into()),
            ],
        };
        fs::write(root.join(JOURNAL_FILE), ron::to_string(&journal).unwrap()).unwrap();
        fs::rename(root.join("leads/c.ron"), root.join("trash/c.ron")).unwrap();
        assert_eq!(
            recover(&root).unwrap(),
            [Recovered::Completed(BatchKind::Delete)]
        );
        assert_eq!(fs::read_dir(root.join("leads")).unwrap().count(), 0);
        assert_eq!(fs::read(root.join("trash/d.ron")).unwrap(), b"d");
    }

    #[test]
    fn killed_before_the_commit_the_batch_is_undone() {
        let (_tmp, root) = folder();
        fs::write(root.join("leads/a.ron"), "old a").unwrap();
        // What a kill after staging leaves: temp files, no journal.
        let temp = stage_file(
            BatchKind::Import,
            &root.join("leads/a.ron"),
            b"new a",
            &write_all,
        )
        .unwrap();
        temp.keep().unwrap();
        assert_eq!(pending(&root), [Recovered::Undone(BatchKind::Import)]);
        assert_eq!(
            recover(&root).unwrap(),
            [Recovered::Undone(BatchKind::Import)]
        );
        assert_eq!(fs::read(root.join("leads/a.ron")).unwrap(), b"old a");
        assert_eq!(fs::read_dir(root.join("leads")).unwrap().count(), 1);
        assert!(recover(&root).unwrap().is_empty(), "said once");
    }

    #[test]
    fn killed_after_the_commit_the_batch_is_completed() {
        let (_tmp, root) = folder();
        fs::write(root.join("framework.ron"), "old framework").unwrap();
        fs::write(root.join("classification.ron"), "old rules").unwrap();
        // What a kill after the first of two renames leaves: the journal, one temp file.
        let framework = stage_file(
            BatchKind::FrameworkSwitch,
            &root.join("framework.ron"),
            b"new framework",
            &write_all,
        )
        .unwrap()
        .keep()
        .unwrap();
        let rules = stage_file(
            BatchKind::FrameworkSwitch,
            &root.join("classification.ron"),
            b"new rules",
            &write_all,
        )
        .unwrap()
        .keep()
        .unwrap();
        let journal = Journal {
            kind: BatchKind::FrameworkSwitch,
            moves: vec![
                (relative(&root, &framework), "framework.ron".into()),
                (relative(&root, &rules), "classification.ron".into()),
            ],
        };
        fs::write(root.join(JOURNAL_FILE), ron::to_string(&journal).unwrap()).unwrap();
        fs::rename(&framework, root.join("framework.ron")).unwrap();
        assert_eq!(
            pending(&root),
            [Recovered::Completed(BatchKind::FrameworkSwitch)]
        );
        assert_eq!(
            recover(&root).unwrap(),
            [Recovered::Completed(BatchKind::FrameworkSwitch)]
        );
        assert_eq!(
            fs::read(root.join("framework.ron")).unwrap(),
            b"new framework"
        );
        assert_eq!(
            fs::read(root.join("classification.ron")).unwrap(),
            b"new rules"
        );
        assert!(pending(&root).is_empty());
    }
}
