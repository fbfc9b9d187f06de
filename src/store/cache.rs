//! The lead cache: every lead of a data folder as it was last read, so a folder of 100,000 leads
//! loads without parsing 100,000 RON files. It is only ever a cache:
//!
//! - It lives in the platform's cache folder (`LEADQ_CACHE_DIR` overrides), one file per data
//!   folder, named by a hash of the folder's path — never in the data folder, which a sync tool
//!   would ship to the team and fight over.
//! - An entry is used only while its file's name, size, modification time, change time and file
//!   id (inode) are what they were when the entry was made: an outside edit that keeps size and
//!   modification time (sync tools restore mtimes; FAT has 2-second times) changes the change
//!   time or, written by rename, the inode. Every file is checked this way at every load.
//! - A missing, truncated, corrupt or other-version cache (any other LeadQ build) is rebuilt in
//!   silence; a cache folder that cannot be written only costs speed. Deleting it is always
//!   safe. It is written atomically (temp file + rename), never half.
//!
//! On Windows the standard library gives no change time or file id without opening each file,
//! so there an entry is checked by size, modification and creation time (a file replaced by a
//! sync tool is a new file with a new creation time).

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::{Assessment, HistoryEntry, Lead, Source, Stage};

/// Bumped when the cache's layout changes; with the LeadQ version and build date it decides
/// whether a cache file can be read at all.
const CACHE_FORMAT: u32 = 1;

/// What makes a file the same file with the same content, as far as `stat` can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKey {
    size: u64,
    modified_ns: i128,
    /// Unix: the change time; Windows: the creation time.
    changed_ns: i128,
    /// Unix: the inode (with the device); Windows: 0.
    file_id: u64,
}

impl FileKey {
    pub fn of(meta: &fs::Metadata) -> FileKey {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(-1, |d| d.as_nanos() as i128)
        };
        let (changed_ns, file_id) = platform_key(meta);
        FileKey {
            size: meta.len(),
            modified_ns: ns(meta.modified()),
            changed_ns: if changed_ns == i128::MIN {
                ns(meta.created())
            } else {
                changed_ns
            },
            file_id,
        }
    }
}

#[cfg(unix)]
fn platform_key(meta: &fs::Metadata) -> (i128, u64) {
    use std::os::unix::fs::MetadataExt;
    let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
    // Device and inode in one number: a folder on another device has other inodes.
    (changed, meta.ino() ^ meta.dev().rotate_left(48))
}

/// No change time or file id from `std` without opening the file: the creation time stands in
/// (`i128::MIN` asks for it).
#[cfg(not(unix))]
fn platform_key(_meta: &fs::Metadata) -> (i128, u64) {
    (i128::MIN, 0)
}

/// One lead file as it was read: its key, the hash of its bytes (for compare-before-write) and
/// the lead.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: FileKey,
    pub hash: u64,
    #[serde(with = "LeadDef")]
    pub lead: Lead,
}

/// `Lead`'s fields for the cache's compact format, which needs every field written (the lead
/// file skips empty contact fields). Serde's remote derive checks at compile time that it has
/// exactly `Lead`'s fields: a new field that is not added here does not build.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Lead")]
struct LeadDef {
    version: u32,
    id: Uuid,
    company: String,
    contact: String,
    role: String,
    email: String,
    phone: String,
    website: String,
    industry: String,
    revenue_meur: Option<f64>,
    source: Source,
    stage: Stage,
    crm_id: String,
    assessment: Assessment,
    notes: String,
    follow_up: Option<jiff::civil::Date>,
    created: jiff::Timestamp,
    updated: jiff::Timestamp,
    history: Vec<HistoryEntry>,
}

/// The cache file: which LeadQ wrote it, for which folder, and the entries by file name.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    folder: String,
    entries: Vec<(String, Entry)>,
}

/// The entries of one data folder's cache, by file name.
#[derive(Debug, Default)]
pub struct Cache {
    path: Option<PathBuf>,
    folder: String,
    pub entries: HashMap<String, Entry>,
}

/// Which LeadQ build wrote a cache: only the same one reads it (the hashes and the layout are
/// the build's).
fn format_tag() -> String {
    format!("leadq-cache {CACHE_FORMAT} {}", crate::VERSION_AND_DATE)
}

impl Cache {
    /// The cache of the data folder `root` in `cache_dir` (none: no cache), read if it is there
    /// and this build's; otherwise empty.
    pub fn open(cache_dir: Option<&Path>, root: &Path) -> Cache {
        let folder = fs::canonicalize(root)
            .unwrap_or_else(|_| root.to_path_buf())
            .to_string_lossy()
            .into_owned();
        let Some(dir) = cache_dir else {
            return Cache::default();
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        folder.hash(&mut h);
        let path = dir
            .join("folders")
            .join(format!("{:016x}.cache", h.finish()));
        let entries = fs::read(&path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<CacheFile>(&bytes).ok())
            .filter(|file| file.format == format_tag() && file.folder == folder)
            .map(|file| file.entries.into_iter().collect())
            .unwrap_or_default();
        Cache {
            path: Some(path),
            folder,
            entries,
        }
    }

    /// The entry for `name` if the file is still the one it was made from.
    pub fn take(&self, name: &str, key: &FileKey) -> Option<&Entry> {
        self.entries.get(name).filter(|e| e.key == *key)
    }

    /// Writes `entries` as the folder's cache, atomically. Errors are swallowed: a cache that
    /// cannot be written costs speed, nothing else.
    pub fn save(&self, entries: Vec<(String, Entry)>) {
        let Some(path) = &self.path else { return };
        let file = CacheFile {
            format: format_tag(),
            folder: self.folder.clone(),
            entries,
        };
        let Ok(bytes) = postcard::to_stdvec(&file) else {
            return;
        };
        if let Some(dir) = path.parent()
            && fs::create_dir_all(dir).is_ok()
        {
            // Not `write_atomic`: no fsync needed for a cache, only no half-written file.
            let temp = path.with_extension(format!("tmp{}", std::process::id()));
            if fs::write(&temp, &bytes)
                .and_then(|()| fs::rename(&temp, path))
                .is_err()
            {
                let _ = fs::remove_file(&temp);
            }
        }
    }
}
