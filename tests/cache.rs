//! The lead cache is only ever a cache: after every change to the lead files made outside
//! LeadQ, and whatever happened to the cache file itself, `leadq list --json` through the
//! cache says exactly what `list --json` without a cache (every file parsed) says.

// Helpers outside `#[test]` functions unwrap too: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Folder {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

impl Folder {
    fn new() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let cache = tmp.path().join("cache");
        Folder {
            _tmp: tmp,
            data,
            cache,
        }
    }

    /// `leadq ARGS` with the cache in `cache` (`""`: no cache at all).
    fn run(&self, cache: &Path, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(["--lang", "en"])
            .args(args)
            .env("LEADQ_CACHE_DIR", cache)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// `list --json` through the cache, checked against the files themselves.
    fn check(&self, what: &str) -> String {
        let truth = self.run(Path::new(""), &["list", "--json"]);
        let cached = self.run(&self.cache, &["list", "--json"]);
        assert_eq!(cached, truth, "{what}");
        // And once more, now from the cache the first run wrote.
        assert_eq!(
            self.run(&self.cache, &["list", "--json"]),
            truth,
            "{what}, warm"
        );
        truth
    }

    fn lead_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.data.join("leads"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        fs::read_dir(self.cache.join("folders"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    }
}

#[test]
fn every_outside_change_and_every_broken_cache_shows_what_the_files_say() {
    let f = Folder::new();
    let csv = f.data.parent().unwrap().join("in.csv");
    let mut text = String::from("company,contact,notes,budget\n");
    for i in 0..40 {
        text.push_str(&format!(
            "Firma {i:02} GmbH,Person {i},Notiz {i},approved\n"
        ));
    }
    fs::write(&csv, text).unwrap();
    f.run(&f.cache, &["import", csv.to_str().unwrap()]);
    let before = f.check("after the import");
    assert_eq!(f.cache_files().len(), 1, "the cache was written");
    assert!(
        !f.data.join("leads").read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("cache")),
        "never in the data folder"
    );

    // (a) An edit that keeps the size and puts the modification time back, as sync tools do.
    let file = &f.lead_files()[3];
    let mtime = fs::metadata(file).unwrap().modified().unwrap();
    let edited = fs::read_to_string(file)
        .unwrap()
        .replace("Notiz ", "Notiz#");
    fs::write(file, &edited).unwrap();
    fs::File::options()
        .write(true)
        .open(file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(file).unwrap().modified().unwrap(), mtime);
    let after = f.check("an edit with size and mtime kept");
    assert_ne!(after, before);
    assert!(after.contains("Notiz#"));

    // (b) One deleted, (c) one added (a copy under another id).
    fs::remove_file(&f.lead_files()[0]).unwrap();
    f.check("a file deleted");
    let source = fs::read_to_string(&f.lead_files()[1]).unwrap();
    let id = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("id: \""))
        .map(|l| l.trim_end_matches("\","))
        .unwrap()
        .to_owned();
    let new_id = "00000000-0000-4000-8000-000000000001";
    fs::write(
        f.data.join("leads").join(format!("{new_id}.ron")),
        source.replace(&id, new_id).replace("Firma", "Neu"),
    )
    .unwrap();
    let listed = f.check("a file added");
    assert!(listed.contains(new_id));

    // (d) A truncated cache, (e) one full of garbage: rebuilt in silence.
    let cache_file = f.cache_files()[0].clone();
    let bytes = fs::read(&cache_file).unwrap();
    fs::write(&cache_file, &bytes[..bytes.len() / 2]).unwrap();
    f.check("a truncated cache");
    fs::write(&cache_file, b"\xff\x00garbage".repeat(1000)).unwrap();
    f.check("a cache of garbage");
    assert_ne!(
        fs::read(&cache_file).unwrap(),
        b"\xff\x00garbage".repeat(1000)
    );

    // (f) A cache folder that cannot be written: only speed is lost.
    fs::remove_dir_all(&f.cache).unwrap();
    fs::write(&f.cache, "a file where the cache folder should be").unwrap();
    f.check("an unwritable cache folder");
}
