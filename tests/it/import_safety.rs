//! An import is all or nothing, for bad rows and for write errors alike: a disk that fills up
//! half-way leaves every lead file as it was, the message says plainly that nothing was imported
//! and why, and a retry gives each row once.

use crate::support::bin;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use leadq::domain::Lang;
use leadq::domain::{Classification, Framework, Lead};
use leadq::exchange::{
    ImportPlan, ImportRow, LeadIndex, OnDuplicate, find_matches, parse_csv, plan_import,
};
use leadq::store::{FileAction, LeadStore, StoreError, load_team_settings};

/// Every file under `dir` with its bytes, to compare a folder before and after (not the lock
/// file, which names the process holding it).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == ".leadq.lock") {
            continue;
        }
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.insert(path.clone(), fs::read(&path).unwrap());
        }
    }
    files
}

fn now() -> jiff::Timestamp {
    "2026-11-30T10:00:00Z".parse().unwrap()
}

/// The plan an import makes of `rows` in a folder with `existing`, duplicates updated.
fn plan_all(
    existing: &[Lead],
    rows: &[ImportRow],
    fw: &Framework,
    rules: &Classification,
    new_id: impl FnMut() -> uuid::Uuid,
) -> ImportPlan {
    let matches = find_matches(rows, &LeadIndex::new(existing));
    plan_import(
        |id| existing.iter().find(|l| l.id == id),
        rows,
        &matches,
        |_| OnDuplicate::Update,
        fw,
        rules,
        now(),
        new_id,
    )
}

/// New ids `base + 1`, `base + 2`, …
fn counter(base: u128) -> impl FnMut() -> uuid::Uuid {
    let mut n = base;
    move || {
        n += 1;
        uuid::Uuid::from_u128(n)
    }
}

#[test]
fn a_write_error_half_way_changes_no_lead_file_and_a_retry_gives_each_row_once() {
    let tmp = tempfile::tempdir().unwrap();
    let store = LeadStore::open(tmp.path()).unwrap();
    let team = load_team_settings(tmp.path()).unwrap();
    let (fw, rules) = (&team.framework, &team.rules);

    // Two leads already there.
    let first = parse_csv(b"company\nAlt A GmbH\nAlt B GmbH\n", fw).unwrap();
    let plan = plan_all(&[], &first.rows, fw, rules, counter(0x100));
    store
        .save_batch(&plan.leads.iter().collect::<Vec<_>>())
        .unwrap();
    let existing = store.load_all().unwrap().leads;
    let ids: Vec<String> = existing.iter().map(|l| l.id.to_string()).collect();
    let before = snapshot(tmp.path());

    // One import that updates both and adds five.
    let csv = format!(
        "id,company,budget\n{},Alt A GmbH (neu),approved\n{},Alt B GmbH (neu),planned\n\
         Neu 1,,\nNeu 2,,\nNeu 3,,\nNeu 4,,\nNeu 5,,\n",
        ids[0], ids[1]
    );
    let csv = csv.replace("\nNeu", "\n,Neu");
    let parsed = parse_csv(csv.as_bytes(), fw).unwrap();
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let plan = plan_all(&existing, &parsed.rows, fw, rules, counter(0x200));
    assert_eq!((plan.created, plan.updated), (5, 2));
    let batch: Vec<_> = plan.leads.iter().collect();

    for fail_at in [0, 3, 6] {
        // The batch is written by several threads: the write that fails is the one of the
        // lead at `fail_at`, whenever it comes.
        let marker = batch[fail_at].id.to_string();
        let result = store.save_batch_with(&batch, &|file, bytes| {
            if String::from_utf8_lossy(bytes).contains(&marker) {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            io::Write::write_all(file, bytes)
        });
        let e = result.expect_err("the injected write error is reported");
        assert_eq!(e.index, fail_at);
        assert!(e.not_restored.is_empty());
        assert!(
            matches!(
                &e.error,
                StoreError::Io { action: FileAction::SaveLead, source, .. }
                    if source.kind() == io::ErrorKind::StorageFull
            ),
            "{e:?}"
        );
        // The row that failed, as the CLI names it: the header is line 1.
        assert_eq!(plan.lines[e.index], fail_at as u64 + 2);
        let text = leadq::i18n::store_error(Lang::En, &e.error);
        assert!(text.starts_with("could not save the lead to "), "{text}");
        assert_eq!(text.matches("the disk is full").count(), 1, "{text}");
        assert_eq!(
            snapshot(tmp.path()),
            before,
            "failing write {fail_at}: every file as before, no temp file left"
        );
    }

    // The retry writes each row once.
    store.save_batch(&batch).unwrap();
    let leads = store.load_all().unwrap().leads;
    let mut names: Vec<&str> = leads.iter().map(|l| l.company.as_str()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Alt A GmbH (neu)",
            "Alt B GmbH (neu)",
            "Neu 1",
            "Neu 2",
            "Neu 3",
            "Neu 4",
            "Neu 5"
        ]
    );
}

/// A small tmpfs, unmounted when dropped.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| SmallDisk {
            dir: dir.to_path_buf(),
        })
    }

    fn grow(&self, size: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).output();
    }
}

#[test]
fn a_full_disk_imports_nothing_says_so_once_and_a_retry_gives_each_row_once() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&tmp.path().join("disk"), "256k") else {
        eprintln!(
            "note: skipped the full-disk test: `mount -t tmpfs` is not allowed here \
             (the injected write error test covers the same code path)"
        );
        return;
    };
    let data = disk.dir.join("data");
    let seed = tmp.path().join("seed.csv");
    fs::write(&seed, "company\nErster GmbH\nZweiter GmbH\n").unwrap();
    let out = bin(&data, &["import", seed.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = snapshot(&data);

    let mut csv = String::from("company,notes\n");
    for i in 0..3000 {
        csv.push_str(&format!("Firma {i} GmbH,Notiz {i}\n"));
    }
    let big = tmp.path().join("big.csv");
    fs::write(&big, &csv).unwrap();
    let out = bin(&data, &["import", big.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("leadq: nothing was imported: line "),
        "{err}"
    );
    assert_eq!(err.matches("the disk is full").count(), 1, "{err}");
    assert!(
        !err.contains("os error"),
        "the OS error once, in words: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(snapshot(&data), before, "every lead file as before");

    // Room again: the retry gives every row exactly once.
    disk.grow("64m");
    let out = bin(&data, &["import", big.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin(&data, &["list", "--json"]);
    let leads: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<&str> = leads
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["company"].as_str().unwrap())
        .collect();
    names.sort();
    let before_dedup = names.len();
    names.dedup();
    assert_eq!(before_dedup, 3002);
    assert_eq!(names.len(), 3002);
}
