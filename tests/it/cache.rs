//! The load cache (src/store/cache.rs) is only ever a cache: after a warm run, whatever happens
//! to the lead files or to the cache itself, `leadq list --json` shows exactly what the files
//! say — the same bytes as a run that parses every file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use leadq::store::{Workspace, lead_to_ron};

/// Above the size from which LeadQ keeps a cache (200 lead files).
const LEADS: usize = 300;

struct Folder {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
    root: PathBuf,
}

impl Folder {
    fn new() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let ws = Workspace::open(Some(&data)).unwrap();
        leadq::corpus::write_corpus(
            &ws.store.leads_dir(),
            &ws.team.framework,
            &ws.team.rules,
            LEADS,
            7,
        )
        .unwrap();
        Folder {
            cache: tmp.path().join("cache"),
            root: tmp.path().to_path_buf(),
            data,
            _tmp: tmp,
        }
    }

    fn leads(&self) -> PathBuf {
        self.data.join("leads")
    }

    /// `leadq list --json` with the cache in `cache_dir`.
    fn list_with(&self, cache_dir: &Path) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(["--lang", "en", "list", "--json"])
            .env("LEADQ_CACHE_DIR", cache_dir)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Through the shared cache.
    fn list(&self) -> String {
        self.list_with(&self.cache)
    }

    /// What the files say: a cache folder that is new each time, so every file is parsed.
    fn truth(&self) -> String {
        let fresh = tempfile::tempdir_in(&self.root).unwrap();
        self.list_with(fresh.path())
    }

    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(&self.cache)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("leads-")
            })
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }

    fn some_lead_file(&self, nth: usize) -> PathBuf {
        let mut files: Vec<PathBuf> = fs::read_dir(self.leads())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files[nth].clone()
    }

    /// A warm run: the cache is written, and a second run finds every file in it (it does not
    /// write the cache again).
    fn warm(&self) -> String {
        let listed = self.list();
        let file = self.cache_file();
        let before = (fs::read(&file).unwrap(), modified(&file));
        let again = self.list();
        assert_eq!(again, listed);
        assert_eq!((fs::read(&file).unwrap(), modified(&file)), before);
        listed
    }
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

fn count_ids(json: &str) -> usize {
    json.matches("\"id\": \"").count()
}

#[test]
fn a_cold_and_a_warm_run_list_the_same() {
    let folder = Folder::new();
    let truth = folder.truth();
    assert_eq!(count_ids(&truth), LEADS);
    assert_eq!(folder.warm(), truth);
    // The cache lives outside the data folder, which sync tools share.
    assert!(folder.cache_file().starts_with(&folder.cache));
    let in_data: Vec<_> = fs::read_dir(&folder.data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bin"))
        .collect();
    assert!(in_data.is_empty(), "{in_data:?}");
}

#[test]
fn an_edit_that_keeps_size_and_modification_time_is_seen() {
    let folder = Folder::new();
    let before = folder.warm();
    let file = folder.some_lead_file(17);
    let mtime = modified(&file);
    let text = fs::read_to_string(&file).unwrap();
    let start = text.find("company: \"").unwrap() + "company: \"".len();
    // One letter of the company name changed: the same size.
    let old = text[start..].chars().next().unwrap();
    let new = if old == 'Q' { 'X' } else { 'Q' };
    assert_eq!(old.len_utf8(), 1);
    let edited = format!("{}{new}{}", &text[..start], &text[start + 1..]);
    assert_eq!(edited.len(), text.len());
    fs::write(&file, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(modified(&file), mtime);
    let after = folder.list();
    assert_ne!(after, before, "the edit was not seen");
    assert_eq!(after, folder.truth());
}

#[test]
fn a_deleted_and_an_added_lead_are_seen() {
    let folder = Folder::new();
    folder.warm();
    fs::remove_file(folder.some_lead_file(3)).unwrap();
    let after = folder.list();
    assert_eq!(count_ids(&after), LEADS - 1);
    assert_eq!(after, folder.truth());

    let ws = Workspace::open(Some(&folder.data)).unwrap();
    let lead = leadq::corpus::corpus_lead(&ws.team.framework, &ws.team.rules, 99, 0);
    fs::write(
        ws.store.lead_path(lead.id),
        lead_to_ron(&lead).unwrap().as_bytes(),
    )
    .unwrap();
    let after = folder.list();
    assert_eq!(count_ids(&after), LEADS);
    assert!(after.contains(&lead.id.to_string()));
    assert_eq!(after, folder.truth());
}

#[test]
fn a_truncated_or_garbage_cache_is_rebuilt_in_silence() {
    let folder = Folder::new();
    let truth = folder.warm();
    let file = folder.cache_file();
    let bytes = fs::read(&file).unwrap();
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(folder.list(), truth);
    // Rebuilt: whole again.
    assert_eq!(fs::read(&file).unwrap().len(), bytes.len());

    let garbage: Vec<u8> = (0..bytes.len())
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
    fs::write(&file, &garbage).unwrap();
    assert_eq!(folder.list(), truth);
    // Garbage that keeps the header: every block is checked.
    let mut damaged = bytes.clone();
    for b in damaged.iter_mut().skip(bytes.len() / 3).step_by(97) {
        *b ^= 0x5a;
    }
    fs::write(&file, &damaged).unwrap();
    assert_eq!(folder.list(), truth);
    assert_eq!(fs::read(&file).unwrap(), bytes);
}

#[test]
fn an_unwritable_cache_folder_only_costs_speed() {
    let folder = Folder::new();
    let truth = folder.truth();
    // A cache folder that cannot be made: a file stands where it should be (even root cannot
    // write there).
    let blocked = folder.root.join("blocked");
    fs::write(&blocked, "not a folder").unwrap();
    assert_eq!(folder.list_with(&blocked.join("cache")), truth);
    fs::remove_file(folder.some_lead_file(5)).unwrap();
    let after = folder.list_with(&blocked.join("cache"));
    assert_eq!(count_ids(&after), LEADS - 1);
    assert_eq!(after, folder.truth());
}

#[test]
fn a_broken_file_is_parsed_each_time_without_writing_the_cache_again() {
    let folder = Folder::new();
    fs::write(folder.leads().join("broken.ron"), "Lead(version: 1, id: ").unwrap();
    // `warm` checks that the second run leaves the cache as it was.
    let listed = folder.warm();
    assert_eq!(count_ids(&listed), LEADS);
    assert_eq!(listed, folder.truth());
}

/// A cache write killed half-way leaves a temp file as big as the cache: the next writer removes
/// it once it is old enough that no other LeadQ can still be writing it.
#[test]
fn a_cache_write_killed_half_way_leaves_nothing_for_long() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    fs::create_dir_all(&cache).unwrap();
    let leadq = |args: &[&str]| {
        let out = crate::support::leadq_command()
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en"])
            .args(args)
            .env("LEADQ_CACHE_DIR", &cache)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let csv = tmp.path().join("in.csv");
    fs::write(&csv, "company\nAlpha GmbH\n").unwrap();
    leadq(&["import", csv.to_str().unwrap()]);
    let old = cache.join(".leadq-cache-killed");
    let fresh = cache.join(".leadq-cache-being-written");
    for temp in [&old, &fresh] {
        fs::write(temp, vec![0u8; 4096]).unwrap();
    }
    let an_hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    // A read-only command leaves the cache folder's temp files alone; a writer tidies.
    leadq(&["list"]);
    assert!(old.exists());
    fs::write(&csv, "company\nBeta AG\n").unwrap();
    leadq(&["import", csv.to_str().unwrap()]);
    assert!(!old.exists(), "the killed write's temp file is gone");
    assert!(fresh.exists(), "one that may still be written is kept");
}
