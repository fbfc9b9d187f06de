//! Runs the real `leadq` binary on temporary data folders, as a script or a rep would.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Folder {
    _tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Folder {
    fn new() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Folder { _tmp: tmp, data }
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.data.parent().unwrap().join(name);
        fs::write(&path, content).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(["--lang", "en"])
            .args(args)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn list(&self) -> Vec<Value> {
        let v: Value = serde_json::from_str(&self.ok(&["list", "--json"])).unwrap();
        v.as_array().unwrap().clone()
    }

    fn lead_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<_> = fs::read_dir(self.data.join("leads"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const SEED_CSV: &str = "company,contact,role,industry,revenue_meur,source,stage,budget,authority,need,time,notes,follow_up
Max Mustermann GmbH,Max Mustermann,Geschäftsführer,Maschinenbau,5,web_form,sal,approved,decision_maker,strong_fit,months_6_12,\"Entscheidung in 10 Monaten, \"\"vielleicht\"\" früher\",2026-12-01
Knockout KG,Klara Nein,Einkauf,Handel,12.5,event,,none,decision_maker,strong_fit,under_3_months,,
Ungeklärt AG,,,,,,,planned,influencer,partial_fit,,,
";

#[test]
fn import_list_export_import_round_trips_without_duplicates() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let leads = f.list();
    assert_eq!(leads.len(), 3);
    let seed = leads
        .iter()
        .find(|l| l["company"] == "Max Mustermann GmbH")
        .unwrap();
    assert_eq!(
        (seed["score"].as_u64(), seed["class"].as_str()),
        (Some(87), Some("B"))
    );
    assert_eq!(seed["provisional"], false);
    assert_eq!(seed["stage"], "sal");
    assert_eq!(seed["follow_up"], "2026-12-01");
    for key in [
        "id",
        "company",
        "contact",
        "score",
        "class",
        "provisional",
        "stage",
        "follow_up",
        "updated",
    ] {
        assert!(seed.get(key).is_some(), "missing {key}");
    }
    let ko = leads
        .iter()
        .find(|l| l["company"] == "Knockout KG")
        .unwrap();
    assert_eq!(
        (ko["score"].as_u64(), ko["class"].as_str()),
        (Some(75), Some("C"))
    );
    let open = leads
        .iter()
        .find(|l| l["company"] == "Ungeklärt AG")
        .unwrap();
    assert_eq!(
        (
            open["score"].as_u64(),
            open["class"].as_str(),
            open["provisional"].as_bool()
        ),
        (Some(40), Some("C"), Some(true))
    );

    let export = f.data.parent().unwrap().join("out.csv");
    f.ok(&["export", export.to_str().unwrap()]);
    let exported = fs::read_to_string(&export).unwrap();
    assert!(exported.starts_with("id,company,contact,role,industry,revenue_meur,source,stage,budget,authority,need,time,notes,follow_up,score,class,provisional\n"));
    assert!(exported.contains("\"Entscheidung in 10 Monaten, \"\"vielleicht\"\" früher\""));

    // Importing the export updates the same leads instead of duplicating them.
    f.ok(&["import", export.to_str().unwrap()]);
    let again = f.list();
    assert_eq!(again.len(), 3);
    assert_eq!(f.lead_files().len(), 3);
    let mut ids: Vec<_> = leads
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    let mut ids_again: Vec<_> = again
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids_again.sort();
    assert_eq!(ids, ids_again);
    // And an export of the re-import is byte-identical: nothing was lost or changed.
    let export2 = f.data.parent().unwrap().join("out2.csv");
    f.ok(&["export", export2.to_str().unwrap()]);
    assert_eq!(fs::read_to_string(export2).unwrap(), exported);
}

#[test]
fn list_filters_by_class_and_stage() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let c: Value = serde_json::from_str(&f.ok(&["list", "--json", "--class", "C"])).unwrap();
    assert_eq!(c.as_array().unwrap().len(), 2);
    let sal: Value = serde_json::from_str(&f.ok(&["list", "--json", "--stage", "sal"])).unwrap();
    assert_eq!(sal.as_array().unwrap().len(), 1);
    let table = f.ok(&["list"]);
    assert!(
        table.contains("Max Mustermann GmbH") && table.contains("87"),
        "{table}"
    );
}

#[test]
fn semicolon_csv_with_decimal_comma() {
    let f = Folder::new();
    let csv = f.file(
        "excel.csv",
        "\u{feff}company;contact;revenue_meur;budget;authority;need;time\nMüller & Söhne GmbH;Jörg Müller;5,5;approved;decision_maker;strong_fit;under_3_months\nGroß AG;;1.250,5;;;;\n",
    );
    f.ok(&["import", csv.to_str().unwrap()]);
    let leads = f.list();
    let m = leads
        .iter()
        .find(|l| l["company"] == "Müller & Söhne GmbH")
        .unwrap();
    assert_eq!(m["revenue_meur"].as_f64(), Some(5.5));
    assert_eq!(m["class"], "A");
    let g = leads.iter().find(|l| l["company"] == "Groß AG").unwrap();
    assert_eq!(g["revenue_meur"].as_f64(), Some(1250.5));
}

#[test]
fn bad_rows_import_nothing_and_are_listed_by_line() {
    let f = Folder::new();
    let csv = f.file(
        "bad.csv",
        "company,revenue_meur,budget,follow_up\nGood GmbH,5,approved,\nBad GmbH,abc,,\nWorse GmbH,,rich,\n,,,\nAlso Bad,,,31.12.2026\n",
    );
    let out = f.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:3: revenue_meur"), "{err}");
    assert!(err.contains("bad.csv:4: budget \"rich\""), "{err}");
    assert!(err.contains("bad.csv:6: follow_up"), "{err}");
    assert!(err.contains("nothing imported"), "{err}");
    assert!(f.list().is_empty());

    let out = f.run(&["import", "--skip-invalid", csv.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "partial import reports the skipped rows with a non-zero exit"
    );
    let leads = f.list();
    assert_eq!(leads.len(), 1);
    assert_eq!(leads[0]["company"], "Good GmbH");
}

#[test]
fn truncated_file_is_quarantined_byte_for_byte_and_others_still_load() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let victim = f.lead_files()[0].clone();
    let bytes = fs::read(&victim).unwrap();
    let truncated = &bytes[..bytes.len() / 2];
    fs::write(&victim, truncated).unwrap();

    let check = f.run(&["check"]);
    assert!(!check.status.success());
    let name = victim.file_name().unwrap().to_str().unwrap();
    assert!(String::from_utf8_lossy(&check.stdout).contains(name));

    // Reading commands name it and move nothing (on a synced folder every move travels).
    let out = f.run(&["list", "--json"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains(name), "{err}");
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(fs::read(&victim).unwrap(), truncated);

    // A writing command moves it to quarantine, byte for byte.
    let more = f.file("more.csv", "company\nDritte GmbH\n");
    let out = f.run(&["import", more.to_str().unwrap()]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains(name) && err.contains("quarantine"), "{err}");
    let kept = fs::read(f.data.join("quarantine").join(name)).unwrap();
    assert_eq!(kept, truncated);
    assert!(!victim.exists());
    f.ok(&["check"]);
}

#[test]
fn delete_and_restore() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let id = f
        .list()
        .iter()
        .find(|l| l["company"] == "Knockout KG")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    f.ok(&["delete", &id[..8]]);
    assert_eq!(f.list().len(), 2);
    let trash: Value = serde_json::from_str(&f.ok(&["trash", "--json"])).unwrap();
    assert_eq!(trash[0]["id"], id.as_str());
    f.ok(&["restore", &id[..8]]);
    assert_eq!(f.list().len(), 3);
    let out = f.run(&["restore", &id]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no lead in the trash"));
}

#[test]
fn show_accepts_a_prefix_and_explains_the_class() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let id = f
        .list()
        .iter()
        .find(|l| l["company"] == "Max Mustermann GmbH")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = f.ok(&["show", &id[..6]]);
    assert!(text.contains("Score: 87/100"), "{text}");
    assert!(text.contains("Time = “in 6–12 months”, A needs"), "{text}");
    assert!(text.contains("would make it an A lead"), "{text}");
    let json: Value = serde_json::from_str(&f.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["what_if"]["to"], "months_3_6");
    let open: Value = serde_json::from_str(
        &f.ok(&[
            "show",
            "--json",
            &f.list()
                .iter()
                .find(|l| l["company"] == "Ungeklärt AG")
                .unwrap()["id"]
                .as_str()
                .unwrap()[..8],
        ]),
    )
    .unwrap();
    assert_eq!(open["open_questions"][0]["criterion"], "time");
    assert!(
        open["open_questions"][0]["questions"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
}

#[test]
fn errors_are_one_clear_line_without_panics() {
    let f = Folder::new();
    for args in [
        vec!["show", "zzzz"],
        vec!["import", "/definitely/not/here.csv"],
        vec!["restore", "0000"],
        vec!["delete", ""],
    ] {
        let out = f.run(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("leadq: "), "{args:?}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
            "{err}"
        );
    }
    let garbage = f.file("garbage.csv", "\u{0}\u{1}binary;;;\n");
    let out = f.run(&["import", garbage.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn files_are_private_on_unix() {
    let f = Folder::new();
    let csv = f.file("in.csv", SEED_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&f.data), 0o700);
        for file in f.lead_files() {
            assert_eq!(mode(&file), 0o600);
        }
    }
}
