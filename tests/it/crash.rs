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
use std::process::Stdio;
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
