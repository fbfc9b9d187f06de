//! Nothing lost: bad files of every kind, older formats, two writers and changes from outside.

use crate::support::{Running, app, bin, import, on_path, start_xvfb, wait_for};

use leadq::domain::Field;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use leadq::app::Edit;

fn one_lead_file(data: &Path) -> PathBuf {
    fs::read_dir(data.join("leads"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .unwrap()
}

#[test]
fn every_kind_of_bad_file_is_reported_kept_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nGute GmbH\n");
    let good = one_lead_file(&data);
    let good_text = fs::read_to_string(&good).unwrap();
    let leads = data.join("leads");
    let newer = good_text
        .replace("version: 1,", "version: 7,")
        .replace("Gute GmbH", "Zukunft AG");
    let newer_id = "11111111-2222-4333-8444-555555555555";
    let newer = {
        let id_line = good_text
            .lines()
            .find(|l| l.trim_start().starts_with("id:"))
            .unwrap();
        newer.replace(id_line, &format!("    id: \"{newer_id}\","))
    };
    let mut duplicate = good_text.replace("Gute GmbH", "Gute GmbH (alte Kopie)");
    duplicate = duplicate.replacen("updated: \"20", "updated: \"19", 1);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated.ron",
            good_text.as_bytes()[..good_text.len() / 3].to_vec(),
        ),
        ("empty.ron", Vec::new()),
        (
            "garbage.ron",
            vec![0x00, 0xff, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef],
        ),
        (
            "wrong-shape.ron",
            b"(name: \"not a lead\", items: [1, 2, 3])".to_vec(),
        ),
        ("newer.ron", newer.into_bytes()),
        ("copy-of-good.ron", duplicate.clone().into_bytes()),
    ];
    for (name, bytes) in &cases {
        fs::write(leads.join(name), bytes).unwrap();
    }
    fs::write(
        leads.join("Gute GmbH.sync-conflict-20261127-120000-ABCDEFG.ron"),
        &good_text,
    )
    .unwrap();

    // `leadq check` names every bad file and changes nothing.
    let check = bin(&data, &["check"]);
    assert!(!check.status.success());
    let report = String::from_utf8_lossy(&check.stdout);
    for (name, _) in &cases {
        if *name != "copy-of-good.ron" && *name != "newer.ron" {
            assert!(
                report.contains(name),
                "check does not name {name}: {report}"
            );
        }
    }
    assert!(
        report.contains("duplicate id") && report.contains("sync conflict copy"),
        "{report}"
    );
    assert!(
        report.contains("newer") || report.contains("version 7"),
        "{report}"
    );
    for (name, bytes) in &cases {
        assert_eq!(
            &fs::read(leads.join(name)).unwrap(),
            bytes,
            "check must not touch {name}"
        );
    }

    // The window: reports each by name, moves the broken ones byte for byte, loads the rest.
    let app = app(&data);
    let names: Vec<String> = app
        .model
        .entries()
        .iter()
        .map(|e| e.lead.company.clone())
        .collect();
    assert!(names.contains(&"Gute GmbH".to_owned()), "{names:?}");
    assert!(
        names.contains(&"Zukunft AG".to_owned()),
        "the newer file is shown: {names:?}"
    );
    assert_eq!(names.len(), 2, "{names:?}");
    let newer_uuid = uuid::Uuid::parse_str(newer_id).unwrap();
    assert!(!app.model.can_edit(newer_uuid), "a newer file is read-only");
    let quarantine = data.join("quarantine");
    for (name, bytes) in &cases {
        match *name {
            "newer.ron" => assert_eq!(
                &fs::read(leads.join(name)).unwrap(),
                bytes,
                "newer file stays in place"
            ),
            _ => assert_eq!(
                &fs::read(quarantine.join(name)).unwrap(),
                bytes,
                "{name} kept byte for byte"
            ),
        }
    }
    assert!(
        leads
            .join("Gute GmbH.sync-conflict-20261127-120000-ABCDEFG.ron")
            .exists()
    );
    let banner = format!("{:?}", app.model.banners);
    for name in [
        "truncated.ron",
        "empty.ron",
        "garbage.ron",
        "wrong-shape.ron",
        "copy-of-good.ron",
        "sync-conflict",
    ] {
        assert!(banner.contains(name), "banner lacks {name}: {banner}");
    }
}

#[test]
fn files_of_every_released_format_version_load() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(data.join("leads")).unwrap();
    for fixture in fs::read_dir("tests/fixtures/v1").unwrap() {
        let fixture = fixture.unwrap().path();
        let bytes = fs::read(&fixture).unwrap();
        let lead = leadq::store::lead_from_ron(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
        fs::write(data.join("leads").join(format!("{}.ron", lead.id)), &bytes).unwrap();
    }
    let check = bin(&data, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let full =
        leadq::store::lead_from_ron(&fs::read("tests/fixtures/v1/full.ron").unwrap()).unwrap();
    assert_eq!(full.company, "Müller & Söhne „Präzision“ GmbH");
    assert_eq!(
        full.assessment.note("need"),
        "Zeile 1\nZeile 2 mit \"Zitat\" und \\ Backslash"
    );
    assert_eq!(full.revenue_meur, Some(1250.5));
    assert_eq!(full.history.len(), 1);
}

#[test]
fn a_second_window_is_read_only_and_import_waits_for_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nErste GmbH\n");
    let mut first = app(&data);
    assert!(!first.model.is_read_only());

    let mut second = app(&data);
    assert!(second.model.is_read_only());
    assert!(format!("{:?}", second.model.banners).contains("ReadOnly"));
    let id = second.model.entries()[0].lead.id;
    second
        .model
        .edit(id, Edit::text(Field::Company, "Überschrieben".into()));
    assert_eq!(second.model.entries()[0].lead.company, "Erste GmbH");

    let csv = tmp.path().join("more.csv");
    fs::write(&csv, "company\nZweite GmbH\n").unwrap();
    let out = bin(&data, &["import", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already open on this folder"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for args in [vec!["list", "--json"], vec!["check"], vec!["export", "-"]] {
        let out = bin(&data, &args);
        assert!(
            out.status.success(),
            "{args:?} must work while the window is open"
        );
    }

    first.shutdown();
    drop(first);
    drop(second);
    let out = bin(&data, &["import", csv.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "the lock is released when the window closes"
    );
}

#[test]
fn changes_from_outside_are_reloaded_and_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\nZweite AG\n");
    let mut app = app(&data);
    let file = one_lead_file(&data);
    let text = fs::read_to_string(&file).unwrap();
    let company = if text.contains("Alt GmbH") {
        "Alt GmbH"
    } else {
        "Zweite AG"
    };
    let id = uuid::Uuid::parse_str(file.file_stem().unwrap().to_str().unwrap()).unwrap();

    // A text editor (or a sync tool) changes the file: the window follows.
    fs::write(&file, text.replace(company, "Von außen geändert")).unwrap();
    wait_for(&mut app, "the reload", |a| {
        a.model
            .entry(id)
            .is_some_and(|e| e.lead.company == "Von außen geändert")
    });

    // Both sides change the same field: the disk version wins on screen, ours is kept as a
    // conflict copy. (Different fields merge: see tests/sync_folder.rs.)
    app.model
        .edit(id, Edit::text(Field::Company, "Meine Firma".into()));
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("Von außen geändert", "Zweite Änderung von außen"),
    )
    .unwrap();
    app.model.flush();
    wait_for(&mut app, "the conflict", |a| {
        format!("{:?}", a.model.banners).contains("Conflict")
    });
    let on_disk = fs::read_to_string(&file).unwrap();
    assert!(on_disk.contains("Zweite Änderung von außen") && !on_disk.contains("Meine Firma"));
    let copies: Vec<_> = fs::read_dir(data.join("conflicts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1);
    assert!(
        fs::read_to_string(&copies[0])
            .unwrap()
            .contains("Meine Firma")
    );
    assert_eq!(
        app.model.entry(id).unwrap().lead.company,
        "Zweite Änderung von außen"
    );
}

#[test]
fn no_network_client_is_built_in() {
    let lock = include_str!("../../Cargo.lock");
    for client in [
        "reqwest",
        "hyper",
        "ureq",
        "rustls",
        "native-tls",
        "openssl",
        "curl",
        "isahc",
        "surf",
        "attohttpc",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{client}\"")),
            "{client} would let LeadQ talk to the network"
        );
    }
}

#[test]
fn sync_conflict_copies_are_offered_and_settled_without_losing_either_side() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nOriginal GmbH\n");
    let file = one_lead_file(&data);
    let text = fs::read_to_string(&file).unwrap();
    let leads = data.join("leads");
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let take = leads.join(format!("{stem}.sync-conflict-20261127-101010-AAAAAAA.ron"));
    let keep = leads.join(format!("{stem} (conflicted copy 2026-11-27).ron"));
    fs::write(&take, text.replace("Original GmbH", "Vom Laptop GmbH")).unwrap();
    fs::write(&keep, text.replace("Original GmbH", "Vom Handy GmbH")).unwrap();

    let mut app = app(&data);
    assert_eq!(
        app.model.entries().len(),
        1,
        "copies are not loaded as leads"
    );
    assert!(format!("{:?}", app.model.banners).contains("SyncConflicts"));
    let ctx = egui::Context::default();
    app.perform(
        &ctx,
        leadq::ui::Action::ResolveSyncConflict(keep.clone(), false),
    );
    app.perform(
        &ctx,
        leadq::ui::Action::ResolveSyncConflict(take.clone(), true),
    );
    app.model.flush();
    app.model.poll();
    assert_eq!(app.model.entries()[0].lead.company, "Vom Laptop GmbH");
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Vom Laptop GmbH")
    );
    assert!(!take.exists() && !keep.exists());
    let kept: Vec<String> = fs::read_dir(data.join("conflicts"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        kept.iter().any(|t| t.contains("Original GmbH")),
        "the replaced version is kept"
    );
    assert!(
        kept.iter().any(|t| t.contains("Vom Handy GmbH")),
        "the set-aside copy is kept"
    );
    assert!(!format!("{:?}", app.model.banners).contains("SyncConflicts"));
}

#[test]
fn the_window_with_a_data_dir_creates_nothing_outside_the_folders_in_use() {
    if on_path("Xvfb").is_none() {
        eprintln!("note: skipped: Xvfb is not installed (`.ci/run` installs it)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let data = tmp.path().join("data");
    let config = tmp.path().join("config");
    // The folder lock's own folder is in use by design; here it is a temp folder.
    let locks = tmp.path().join("locks");
    fs::create_dir_all(&home).unwrap();
    // An existing (empty) folder: one named with --data-dir that is not there would first be
    // asked about (ui/ask_folder.rs; .ci/xvfb-smoke.sh answers that question).
    fs::create_dir_all(&data).unwrap();
    let (_xvfb, display) = start_xvfb();
    let mut window = Running(
        Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&data)
            .env_remove("LEADQ_DATA_DIR")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env("DISPLAY", &display)
            .env("HOME", &home)
            .env("LEADQ_CONFIG_DIR", &config)
            .env("LEADQ_LOCK_DIR", &locks)
            .env_remove("XDG_RUNTIME_DIR")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    // The window holds the data folder's lock once it is up; give eframe a moment more to set
    // up its own storage (which it does at start).
    let has_lock = || fs::read_dir(&locks).is_ok_and(|mut d| d.next().is_some());
    let started = Instant::now();
    while !has_lock() && started.elapsed() < Duration::from_secs(30) {
        assert!(
            window.0.try_wait().unwrap().is_none(),
            "the window exited early"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(has_lock(), "the window did not open the data folder");
    std::thread::sleep(Duration::from_secs(2));
    let mut created = Vec::new();
    let mut stack = vec![home.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            created.push(path);
        }
    }
    // Caches of the system's graphics and font libraries are theirs, not LeadQ's.
    created.retain(|p| !p.starts_with(home.join(".cache")));
    assert!(
        created.is_empty(),
        "the window created in the home folder: {created:?}"
    );
}

#[test]
fn a_temp_file_a_crash_left_is_removed_by_the_window_that_holds_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nGute GmbH\n");
    let stale = data.join("leads").join(".leadq-tmp-crashed.ron");
    fs::write(&stale, b"half a lead").unwrap();
    let mut app = app(&data);
    // Removed by the worker, off the first frame's path.
    wait_for(&mut app, "the temp file removed", |_| !stale.exists());
    assert_eq!(app.model.entries().len(), 1);
    assert!(app.model.banners.is_empty(), "{:?}", app.model.banners);
}
