//! A data folder a sync tool keeps in step with other machines, without the sync tool: files
//! replaced, removed and brought back the way Syncthing, Nextcloud or Dropbox do it.

use crate::support::{app, bin, import, wait_for};

use leadq::domain::Field;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use leadq::app::{Banner, Edit};

fn lead_file(data: &Path, company: &str) -> PathBuf {
    fs::read_dir(data.join("leads"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).is_ok_and(|t| t.contains(company)))
        .unwrap_or_else(|| panic!("no lead file for {company}"))
}

fn id_of(file: &Path) -> uuid::Uuid {
    uuid::Uuid::parse_str(file.file_stem().unwrap().to_str().unwrap()).unwrap()
}

/// Replaces a file the way Syncthing does: a temp file beside it, renamed over, mtime kept.
fn replace_like_a_sync_tool(file: &Path, bytes: &[u8], modified: SystemTime) {
    let tmp = file.with_file_name(format!(
        ".syncthing.{}.tmp",
        file.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&tmp, bytes).unwrap();
    fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    fs::rename(&tmp, file).unwrap();
}

/// Every file below `dir` with its bytes and mtime.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.clone(), (Vec::new(), SystemTime::UNIX_EPOCH));
                stack.push(p);
            } else {
                let m = fs::metadata(&p).unwrap().modified().unwrap();
                out.insert(p.clone(), (fs::read(&p).unwrap(), m));
            }
        }
    }
    out
}

#[test]
fn read_only_commands_write_nothing_into_the_folder_and_take_no_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    // A broken file: before, `list` moved it to quarantine (a write that travels to the team).
    fs::write(data.join("leads").join("kaputt.ron"), "Lead(").unwrap();
    let id = id_of(&lead_file(&data, "Alt GmbH")).to_string();
    let before = snapshot(&data);
    let pdf = tmp.path().join("out.pdf");
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", &id],
        vec!["export", "-"],
        vec!["check"],
        vec!["trash"],
        vec!["pdf", &id, "-o", pdf.to_str().unwrap()],
    ] {
        bin(&data, &args);
    }
    assert_eq!(
        snapshot(&data),
        before,
        "a read-only command changed the folder"
    );
    assert!(!data.join(".leadq.lock").exists());
}

#[test]
fn the_window_lock_holds_when_a_sync_tool_replaces_every_file_in_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    // An old LeadQ's lock file, as a colleague's sync brings it along.
    fs::write(data.join(".leadq.lock"), "pid 4711\n").unwrap();
    let window = app(&data);
    assert!(!window.model.is_read_only());
    let id = id_of(&lead_file(&data, "Alt GmbH")).to_string();
    for (path, (bytes, modified)) in snapshot(&data) {
        if path.is_file() {
            replace_like_a_sync_tool(&path, &bytes, modified);
        }
    }
    for args in [vec!["delete", id.as_str()], vec!["restore", id.as_str()]] {
        let out = bin(&data, &args);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("already open on this folder"),
            "{args:?} must be refused while the window is open: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(bin(&data, &["list"]).status.success());
    drop(window);
    assert!(bin(&data, &["delete", &id]).status.success());
}

#[test]
fn a_new_folder_gets_a_stignore_for_lock_and_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let text = fs::read_to_string(data.join(".stignore")).unwrap();
    assert!(
        text.contains(".leadq-tmp-*") && text.contains(".leadq.lock"),
        "{text}"
    );
}

#[test]
fn notes_here_and_company_there_are_merged_field_by_field() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let mut window = app(&data);
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    let text = fs::read_to_string(&file).unwrap();
    // A keystroke here; before its save is due, the colleague's change arrives.
    window
        .model
        .edit(id, Edit::text(Field::Notes, "Rückruf".into()));
    replace_like_a_sync_tool(
        &file,
        text.replace("Alt GmbH", "Neu AG").as_bytes(),
        SystemTime::now(),
    );
    wait_for(&mut window, "the merge", |w| {
        w.model
            .entry(id)
            .is_some_and(|e| e.lead.company == "Neu AG")
    });
    window
        .model
        .edit(id, Edit::text(Field::Notes, "Rückruf Dienstag".into()));
    window.model.flush();
    let lead = &window.model.entry(id).unwrap().lead;
    assert_eq!(
        (lead.company.as_str(), lead.notes.as_str()),
        ("Neu AG", "Rückruf Dienstag")
    );
    let on_disk = fs::read_to_string(&file).unwrap();
    assert!(on_disk.contains("Neu AG") && on_disk.contains("Rückruf Dienstag"));
    assert!(!data.join("conflicts").exists());
    assert!(
        window.model.banners.is_empty(),
        "{:?}",
        window.model.banners
    );
}

#[test]
fn a_change_arriving_between_keystroke_and_save_is_not_overwritten_even_unwatched() {
    // The watcher may be late (or missing on a network drive): the save itself compares with
    // the version the edit started from.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let mut window = app(&data);
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    let text = fs::read_to_string(&file).unwrap();
    window
        .model
        .edit(id, Edit::text(Field::Company, "Hier GmbH".into()));
    fs::write(&file, text.replace("Alt GmbH", "Dort GmbH")).unwrap();
    window.model.flush();
    wait_for(&mut window, "the conflict banner", |w| {
        w.model
            .banners
            .iter()
            .any(|b| matches!(b, Banner::Conflict { .. }))
    });
    assert!(fs::read_to_string(&file).unwrap().contains("Dort GmbH"));
    let kept: Vec<String> = fs::read_dir(data.join("conflicts"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(kept.iter().any(|t| t.contains("Hier GmbH")), "{kept:?}");
    assert_eq!(window.model.entry(id).unwrap().lead.company, "Dort GmbH");
}

#[test]
fn a_lead_deleted_and_restored_elsewhere_comes_back_into_the_open_window() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\nZweite AG\n");
    let mut window = app(&data);
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    let bytes = fs::read(&file).unwrap();
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    fs::remove_file(&file).unwrap();
    wait_for(&mut window, "the removal", |w| w.model.entry(id).is_none());
    // Restored elsewhere: the same bytes, the same size, the same mtime.
    replace_like_a_sync_tool(&file, &bytes, modified);
    wait_for(&mut window, "the lead to come back", |w| {
        w.model.entry(id).is_some()
    });
}

#[test]
fn deleted_on_one_machine_and_edited_on_the_other_is_named_everywhere_and_nothing_is_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    // The colleague deleted it (the trash copy arrived), this machine's edit was kept live.
    let old = fs::read_to_string(&file).unwrap();
    fs::write(data.join("trash").join(file.file_name().unwrap()), &old).unwrap();
    fs::write(&file, old.replace("Alt GmbH", "Alt GmbH (bearbeitet)")).unwrap();

    let check = bin(&data, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains(&id.to_string()) && report.contains("deleted on another machine"),
        "{report}"
    );
    let trash = String::from_utf8_lossy(&bin(&data, &["trash"]).stdout).into_owned();
    assert!(trash.contains("not restorable"), "{trash}");
    let json: serde_json::Value =
        serde_json::from_slice(&bin(&data, &["trash", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["live"], true);
    assert_eq!(json[0]["restorable"], false);
    assert!(!bin(&data, &["restore", &id.to_string()]).status.success());

    let mut window = app(&data);
    wait_for(&mut window, "the banner", |w| {
        w.model
            .banners
            .iter()
            .any(|b| matches!(b, Banner::DeletedElsewhere { names, .. } if names[0].0 == id))
    });
    drop(window);

    // Deleting it again keeps both trash copies.
    assert!(bin(&data, &["delete", &id.to_string()]).status.success());
    let copies: Vec<String> = fs::read_dir(data.join("trash"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(copies.len(), 2);
    assert!(copies.iter().any(|t| t.contains("Alt GmbH (bearbeitet)")));
    assert!(bin(&data, &["check"]).status.success());
    assert!(bin(&data, &["restore", &id.to_string()]).status.success());
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Alt GmbH (bearbeitet)"),
        "restore brings back the newest copy"
    );
}

#[test]
fn deleted_elsewhere_while_being_edited_here_keeps_the_edit_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let mut window = app(&data);
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    window
        .model
        .edit(id, Edit::text(Field::Notes, "noch anrufen".into()));
    // The colleague's delete arrives: the file leaves leads/, a copy lands in trash/.
    fs::rename(&file, data.join("trash").join(file.file_name().unwrap())).unwrap();
    window.model.flush();
    wait_for(&mut window, "the banner", |w| {
        w.model
            .banners
            .iter()
            .any(|b| matches!(b, Banner::DeletedElsewhere { .. }))
    });
    assert!(fs::read_to_string(&file).unwrap().contains("noch anrufen"));
    assert!(window.model.entry(id).is_some());
}

#[test]
fn restoring_the_trash_copy_of_a_lead_live_again_never_overwrites_the_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    let old = fs::read_to_string(&file).unwrap();
    fs::write(data.join("trash").join(file.file_name().unwrap()), &old).unwrap();
    fs::write(&file, old.replace("Alt GmbH", "Alt GmbH (bearbeitet)")).unwrap();
    let mut window = app(&data);
    window.model.request_trash();
    wait_for(&mut window, "the trash", |w| !w.model.trash().is_empty());
    let trashed = window.model.trash()[0].clone();
    window.model.restore(trashed);
    window.model.flush();
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Alt GmbH (bearbeitet)")
    );
    assert_eq!(
        window.model.entry(id).unwrap().lead.company,
        "Alt GmbH (bearbeitet)"
    );
    assert!(
        window
            .model
            .banners
            .iter()
            .any(|b| matches!(b, Banner::DeletedElsewhere { .. }))
    );
}

#[test]
fn closing_the_window_right_after_a_keystroke_still_merges_a_change_that_just_arrived() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    import(&data, "company\nAlt GmbH\n");
    let mut window = app(&data);
    let file = lead_file(&data, "Alt GmbH");
    let id = id_of(&file);
    let text = fs::read_to_string(&file).unwrap();
    window
        .model
        .edit(id, Edit::text(Field::Notes, "letzte Notiz".into()));
    fs::write(&file, text.replace("Alt GmbH", "Neu AG")).unwrap();
    // No frame in between: the window closes, the worker writes what is pending.
    window.shutdown();
    let on_disk = fs::read_to_string(&file).unwrap();
    assert!(
        on_disk.contains("Neu AG") && on_disk.contains("letzte Notiz"),
        "{on_disk}"
    );
}

#[test]
fn the_lock_folder_can_be_redirected_and_a_released_lock_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let locks = tmp.path().join("locks");
    let csv = tmp.path().join("in.csv");
    fs::write(&csv, "company\nAlt GmbH\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
        .arg("--data-dir")
        .arg(&data)
        .args(["import", csv.to_str().unwrap()])
        .env("LEADQ_LOCK_DIR", &locks)
        .env_remove("LEADQ_DATA_DIR")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(locks.is_dir(), "the import took its lock in LEADQ_LOCK_DIR");
    assert_eq!(fs::read_dir(&locks).unwrap().count(), 0);
    let names: Vec<String> = fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("lock")), "{names:?}");
}
