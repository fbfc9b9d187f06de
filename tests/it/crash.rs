//! Crash safety, proven: `leadq import` is killed with SIGKILL at random moments, again and
//! again. After every kill each lead file still parses, no temp file passes for a lead, and
//! every lead whose save was reported done is there. The next start removes the temp files.
//!
//! CI runs a short round; the full run is `LEADQ_KILLS=200 cargo test --release --test it crash::`.

use crate::support::leadq_command;

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const ROWS: usize = 300;

fn csv(rows: usize, round: usize) -> String {
    let mut out = String::from("company,contact,notes,budget,time\n");
    for i in 0..rows {
        out.push_str(&format!(
            "Firma {round}-{i} GmbH,Kontakt {i},\"Notiz {} mit Umlauten äöü\",approved,months_3_6\n",
            "x".repeat(i % 200)
        ));
    }
    out
}

/// A small deterministic generator, so a failing run can be repeated with its seed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn check_folder(leads: &Path, confirmed: &HashSet<String>) {
    let entries = match fs::read_dir(leads) {
        Ok(entries) => entries,
        // Killed before the import made the folder: fine, as long as it had said nothing saved.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                confirmed.is_empty(),
                "{} leads were reported saved, but there is no leads folder",
                confirmed.len()
            );
            return;
        }
        Err(e) => panic!("could not read {}: {e}", leads.display()),
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a temp file a kill left behind; never loaded as a lead
        }
        let bytes = fs::read(&path).unwrap();
        leadq::store::lead_from_ron(&bytes)
            .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    }
    for id in confirmed {
        let path = leads.join(format!("{id}.ron"));
        let bytes =
            fs::read(&path).unwrap_or_else(|_| panic!("lead {id} was reported saved but is gone"));
        leadq::store::lead_from_ron(&bytes).unwrap();
    }
}

#[test]
fn killing_an_import_at_random_moments_loses_nothing_reported_and_corrupts_nothing() {
    let kills: usize = std::env::var("LEADQ_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(15);
    let seed = std::env::var("LEADQ_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(125_657);
    eprintln!("crash test: {kills} kills, seed {seed}");
    let mut rng = Lcg(seed);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let leads = data.join("leads");
    // How long one full import takes here, so the kills land inside it on any machine.
    let probe = tmp.path().join("probe.csv");
    fs::write(&probe, csv(ROWS, 9999)).unwrap();
    let started = std::time::Instant::now();
    let out = leadq_command()
        .arg("--data-dir")
        .arg(tmp.path().join("probe"))
        .arg("import")
        .arg(&probe)
        .output()
        .unwrap();
    assert!(out.status.success());
    let full = started.elapsed().as_millis().max(20) as u64;
    eprintln!("crash test: one import of {ROWS} leads takes {full} ms");
    let mut confirmed = HashSet::new();
    let mut killed_mid_write = 0;
    for round in 0..kills {
        let file = tmp.path().join("in.csv");
        fs::write(&file, csv(ROWS, round)).unwrap();
        let mut child = leadq_command()
            .arg("--data-dir")
            .arg(&data)
            .args(["import", "--report-saved"])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("saved ").map(str::to_owned))
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(full / 20 + rng.next(full * 3 / 4)));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix, TerminateProcess on Windows
        child.wait().unwrap();
        let reported = reader.join().unwrap();
        if !finished && reported.len() < ROWS {
            killed_mid_write += 1;
        }
        confirmed.extend(reported);
        check_folder(&leads, &confirmed);
    }
    eprintln!(
        "crash test: {killed_mid_write} of {kills} kills hit an import mid-way; {} leads confirmed",
        confirmed.len()
    );
    assert!(
        killed_mid_write > kills / 2,
        "the kills should mostly land mid-import"
    );

    // The next start that may write (here a tiny import) removes what the kills left.
    let file = tmp.path().join("one.csv");
    fs::write(&file, "company\nNach dem Absturz GmbH\n").unwrap();
    let out = leadq_command()
        .arg("--data-dir")
        .arg(&data)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let temps: Vec<_> = fs::read_dir(&leads)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".leadq-tmp-"))
        .collect();
    assert!(temps.is_empty(), "temp files left: {temps:?}");
    let check = leadq_command()
        .arg("--data-dir")
        .arg(&data)
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

// ---- Kills at exact places, and what the system calls say (strace) -------------------------

/// `strace`, which CI installs: without it these tests say so and check nothing else.
fn strace() -> Option<&'static str> {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("crash test: strace is missing; the kills at exact places were not run");
    }
    found.then_some("strace")
}

const RENAMES: &str = "rename,renameat,renameat2";

/// `strace OPTIONS leadq --data-dir DATA --lang en ARGS…`, run to its end.
fn under_strace(
    strace: &str,
    options: &[&str],
    data: &Path,
    args: &[&str],
) -> std::process::Output {
    Command::new(strace)
        .args(["-f", "-qq"])
        .args(options)
        .arg(env!("CARGO_BIN_EXE_leadq"))
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("LEADQ_DATA_DIR")
        .output()
        .unwrap()
}

/// `leadq --data-dir DATA ARGS…`, killed with SIGKILL as it enters its `k`-th rename (strace's
/// fault injection): the moment between two files of a batch.
fn killed_at_rename(strace: &str, data: &Path, args: &[&str], k: usize) -> std::process::Output {
    let trace = format!("-etrace={RENAMES}");
    let inject = format!("-einject={RENAMES}:signal=SIGKILL:when={k}");
    under_strace(strace, &["-o", "/dev/null", &trace, &inject], data, args)
}

fn run(data: &Path, args: &[&str]) -> std::process::Output {
    crate::support::bin(data, args)
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The team files and every lead file, by name.
fn folder_state(data: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut state = std::collections::BTreeMap::new();
    for dir in [data.to_path_buf(), data.join("leads")] {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_file() && (name.ends_with(".ron") && !name.starts_with('.')) {
                state.insert(
                    format!("{}/{name}", dir.display()),
                    fs::read(entry.path()).unwrap(),
                );
            }
        }
    }
    state
}

#[test]
fn a_framework_switch_killed_at_any_rename_is_whole_after_the_next_write() {
    let Some(strace) = strace() else { return };
    for k in 1..=3 {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let csv = tmp.path().join("in.csv");
        fs::write(&csv, "company,budget\nAlpha GmbH,approved\n").unwrap();
        ok(&data, &["import", csv.to_str().unwrap()]);
        let out = killed_at_rename(strace, &data, &["framework", "use", "meddic"], k);
        assert!(!out.status.success(), "rename {k} was not reached");
        let check = run(&data, &["check"]);
        let said = String::from_utf8_lossy(&check.stdout).into_owned();
        // Killed before the journal is on disk (k = 1), the switch never happened; after it,
        // the next write completes it. Either way `check` names it until then.
        assert_eq!(check.status.code(), Some(1), "k={k}: {said}");
        assert!(
            said.contains("interrupted framework switch"),
            "k={k}: {said}"
        );
        let repaired = ok(&data, &["check", "--repair"]);
        let expected = if k == 1 {
            "was undone"
        } else {
            "was completed"
        };
        assert!(repaired.contains(expected), "k={k}: {repaired}");
        let list = ok(&data, &["framework", "list"]);
        let shown =
            String::from_utf8_lossy(&run(&data, &["framework", "list"]).stdout).into_owned();
        let current = if k == 1 { "* bant" } else { "* meddic" };
        assert!(shown.contains(current), "k={k}: {shown}{list}");
        // Both team files belong to one framework: no warning about rules naming criteria
        // the framework lacks.
        assert!(!list.contains("warning"), "k={k}: {list}");
        // And switching again does what it says.
        let again = ok(&data, &["framework", "use", "meddic"]);
        assert!(again.contains("MEDDIC"), "k={k}: {again}");
        assert!(run(&data, &["check"]).status.success());
    }
}

#[test]
fn an_import_killed_at_any_rename_is_all_or_nothing_after_the_next_write() {
    let Some(strace) = strace() else { return };
    const NEW: usize = 30;
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    let first = tmp.path().join("first.csv");
    fs::write(&first, csv(5, 1)).unwrap();
    ok(&template, &["import", first.to_str().unwrap()]);
    let before = folder_state(&template);
    let second = tmp.path().join("second.csv");
    fs::write(&second, csv(NEW, 2)).unwrap();
    // Renames: the journal (1), then each lead (2 … NEW + 1); a sample of them.
    for k in [1, 2, 3, NEW / 2, NEW + 1] {
        let data = tmp.path().join(format!("data-{k}"));
        copy_folder(&template, &data);
        let out = killed_at_rename(strace, &data, &["import", second.to_str().unwrap()], k);
        assert!(!out.status.success(), "rename {k} was not reached");
        let check = run(&data, &["check"]);
        assert_eq!(check.status.code(), Some(1), "k={k}");
        assert!(
            String::from_utf8_lossy(&check.stdout).contains("interrupted import"),
            "k={k}"
        );
        // Any write completes or undoes it first; here a dry run would not, a real one does.
        let repaired = ok(&data, &["check", "--repair"]);
        let leads = fs::read_dir(data.join("leads")).unwrap().count();
        if k == 1 {
            assert!(repaired.contains("import was undone"), "{repaired}");
            assert_eq!(folder_state(&data).len(), before.len(), "k={k}");
            assert_eq!(leads, 5, "k={k}: nothing of the import");
        } else {
            assert!(repaired.contains("import was completed"), "{repaired}");
            assert_eq!(leads, 5 + NEW, "k={k}: all of the import");
        }
        assert!(run(&data, &["check"]).status.success(), "k={k}");
    }
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The system calls of `leadq ARGS` that make files durable, with the paths of their file
/// descriptors (`strace -y`), one call a line.
fn traced(strace: &str, data: &Path, args: &[&str]) -> Vec<String> {
    let log = data.with_extension("strace");
    let log_arg = log.display().to_string();
    let trace = format!("-etrace=fsync,fdatasync,syncfs,{RENAMES},unlink,unlinkat");
    let out = under_strace(strace, &["-y", "-o", &log_arg, &trace], data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every rename into the data folder is preceded by an fsync of the file it renames (or, in a
/// batch, by a `syncfs` after it was written) and followed by an fsync of its target's folder
/// before the command ends.
fn assert_durable(calls: &[String], data: &Path, what: &str) {
    let data = data.display().to_string();
    let mut renames = 0;
    for (i, call) in calls.iter().enumerate() {
        // rename("from", "to"), renameat(dirfd, "from", dirfd, "to"), renameat2(…, flags)
        let Some(args) = ["rename(", "renameat(", "renameat2("]
            .iter()
            .find_map(|name| call.split_once(name).map(|(_, a)| a))
        else {
            continue;
        };
        let mut quoted = args.split('"').skip(1).step_by(2);
        let (Some(from), Some(to)) = (quoted.next(), quoted.next()) else {
            continue; // an unfinished call, shown again when it resumes
        };
        if !to.starts_with(&data) {
            continue;
        }
        renames += 1;
        let folder = Path::new(to).parent().unwrap().display().to_string();
        let before = &calls[..i];
        // A file written for this rename (a temp file) must be on disk before it; a lead file
        // moved as it is (to the trash, back) was made durable when it was written.
        let written_now = Path::new(from)
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".leadq-tmp-"));
        let synced_file = before.iter().any(|c| {
            (c.contains("fsync(") || c.contains("fdatasync(")) && c.contains(&format!("<{from}>"))
        }) || before.iter().any(|c| c.contains("syncfs("));
        assert!(
            !written_now || synced_file,
            "{what}: {from} was renamed before it was made durable:\n{}",
            calls.join("\n")
        );
        let synced_folder = calls[i + 1..]
            .iter()
            .any(|c| c.contains("fsync(") && c.contains(&format!("<{folder}>")));
        assert!(
            synced_folder,
            "{what}: {folder} was not fsynced after {to}:\n{}",
            calls.join("\n")
        );
        // A move out of another folder of the data folder: that folder too.
        let from_folder = Path::new(from).parent().unwrap().display().to_string();
        if from_folder != folder && from_folder.starts_with(&data) {
            assert!(
                calls[i + 1..]
                    .iter()
                    .any(|c| c.contains("fsync(") && c.contains(&format!("<{from_folder}>"))),
                "{what}: {from_folder} was not fsynced after the move out of it"
            );
        }
    }
    assert!(renames > 0, "{what}: no rename seen:\n{}", calls.join("\n"));
}

#[test]
fn every_write_path_makes_its_files_and_folders_durable_before_it_reports_success() {
    let Some(strace) = strace() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let csv_file = tmp.path().join("in.csv");
    fs::write(&csv_file, csv(20, 3)).unwrap();
    let calls = traced(strace, &data, &["import", csv_file.to_str().unwrap()]);
    assert_durable(&calls, &data, "import into a new folder");
    // The new folder itself is fsynced into its parent.
    let parent = tmp.path().display().to_string();
    assert!(
        calls
            .iter()
            .any(|c| c.contains("fsync(") && c.contains(&format!("<{parent}>"))),
        "the new data folder was not made durable in {parent}"
    );
    let id = fs::read_dir(data.join("leads"))
        .unwrap()
        .flatten()
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".ron")
                .to_owned()
        })
        .next()
        .unwrap();
    let calls = traced(strace, &data, &["delete", &id]);
    assert_durable(&calls, &data, "delete");
    let calls = traced(strace, &data, &["restore", &id]);
    assert_durable(&calls, &data, "restore");
    let calls = traced(strace, &data, &["framework", "use", "champ"]);
    assert_durable(&calls, &data, "framework use");
}

#[test]
fn the_window_completes_an_interrupted_import_before_it_shows_the_leads() {
    let Some(strace) = strace() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let first = tmp.path().join("first.csv");
    fs::write(&first, csv(2, 1)).unwrap();
    ok(&data, &["import", first.to_str().unwrap()]);
    let second = tmp.path().join("second.csv");
    fs::write(&second, csv(10, 2)).unwrap();
    // Killed after the journal and two of the ten leads.
    let out = killed_at_rename(strace, &data, &["import", second.to_str().unwrap()], 4);
    assert!(!out.status.success());
    let app = crate::support::app(&data);
    assert_eq!(app.model.entries().len(), 12, "the whole import, completed");
    assert!(leadq::store::pending(&data).is_empty());
    let said = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(said.contains("interrupted import was completed"), "{said}");
}
