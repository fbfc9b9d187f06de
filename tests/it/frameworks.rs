//! `leadq framework` on the real binary: switching a folder of BANT leads to MEDDIC and back
//! loses nothing (files, list, CSV export and import), the JSON of `show`, checking a file, and
//! rolling a framework out by file; the PDF names the framework.

use std::fs;
use std::path::PathBuf;
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

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&self.data)
            .args(["--lang", lang])
            .args(args)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run("en", args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn list(&self) -> Value {
        serde_json::from_str(&self.ok(&["list", "--json"])).unwrap()
    }

    fn lead_texts(&self) -> Vec<String> {
        let mut files: Vec<_> = fs::read_dir(self.data.join("leads"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect()
    }
}

const BANT_CSV: &str = "company,budget,authority,need,time
Alpha GmbH,approved,decision_maker,strong_fit,under_3_months
Beta AG,approved,decision_maker,strong_fit,months_6_12
Gamma KG,planned,influencer,partial_fit,
Delta SE,none,co_decider,latent,months_3_6
";

#[test]
fn bant_leads_switched_to_meddic_and_back_keep_answers_and_scores() {
    let f = Folder::new();
    let csv = f.file("bant.csv", BANT_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let before = f.list();
    let files_before = f.lead_texts();
    let classes: Vec<&str> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["A", "B", "C", "C"], "{before:#}");

    let out = f.run("en", &["framework", "use", "meddic"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("now qualifies by MEDDIC"), "{said}");
    // Under MEDDIC no lead has an answer yet: none is rated, none is called a C.
    assert!(
        said.contains("A 1 → 0, B 1 → 0, C 2 → 0, not rated yet 0 → 4"),
        "{said}"
    );
    let under_meddic = f.list();
    for lead in under_meddic.as_array().unwrap() {
        assert_eq!(lead["score"], 0, "{lead:#}");
        assert_eq!(lead["class"], serde_json::Value::Null);
        assert_eq!(lead["provisional"], true);
    }
    // The files were not even written, so every BANT answer is still in them …
    assert_eq!(f.lead_texts(), files_before);
    for text in f.lead_texts() {
        for criterion in ["budget", "authority", "need"] {
            assert!(text.contains(&format!("\"{criterion}\"")), "{text}");
        }
    }
    // … and they are answers of another framework, not problems.
    f.ok(&["check"]);
    let alpha = before[0]["id"].as_str().unwrap();
    let shown = f.ok(&["show", alpha]);
    assert!(shown.contains("Qualification by MEDDIC"), "{shown}");
    assert!(shown.contains("From other frameworks"), "{shown}");
    assert!(
        shown.contains("Budget (BANT): budget approved and sufficient"),
        "{shown}"
    );

    f.ok(&["framework", "use", "bant"]);
    assert_eq!(f.list(), before);
}

#[test]
fn answers_of_another_framework_survive_csv_export_and_import() {
    let f = Folder::new();
    let csv = f.file("bant.csv", BANT_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    let before = f.list();
    f.ok(&["framework", "use", "meddic"]);
    let exported = f.ok(&["export", "--ids", "-"]);
    let header = exported
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}');
    assert!(
        header.starts_with("id,company") && header.contains(",metrics,"),
        "{header}"
    );
    // The framework's criteria in their place, the others by their ids after the rest.
    assert!(
        header.ends_with(",score,class,provisional,authority,budget,need,time"),
        "{header}"
    );

    // Into another folder that uses MEDDIC, then back to BANT: the same answers and scores.
    let g = Folder::new();
    g.ok(&["framework", "use", "meddic"]);
    let file = g.file("meddic.csv", &exported);
    g.ok(&["import", file.to_str().unwrap()]);
    g.ok(&["framework", "use", "bant"]);
    let strip = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|l| {
                serde_json::json!([l["id"], l["company"], l["score"], l["class"], l["answers"]])
            })
            .collect()
    };
    assert_eq!(strip(&g.list()), strip(&before));
}

#[test]
fn show_json_has_the_documented_shape() {
    let f = Folder::new();
    let v: Value =
        serde_json::from_str(&f.ok(&["framework", "show", "meddpicc", "--json"])).unwrap();
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["criteria", "id", "name"]);
    assert_eq!(v["id"], "meddpicc");
    let criteria = v["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 8);
    assert_eq!(keys(&criteria[0]), ["id", "label", "options"]);
    let option = &criteria[0]["options"][0];
    assert_eq!(keys(option), ["id", "knockout", "label", "points"]);
    assert_eq!(option["id"], "unknown");
    let de: Value = serde_json::from_str(&String::from_utf8_lossy(
        &f.run("de", &["framework", "show", "meddic", "--json"])
            .stdout,
    ))
    .unwrap();
    assert_eq!(de["criteria"][5]["label"], "Fürsprecher");
}

#[test]
fn list_marks_the_folder_s_framework() {
    let f = Folder::new();
    let out = f.ok(&["framework", "list"]);
    assert!(out.lines().any(|l| l.starts_with("* bant")), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with('*')).count(), 2);
    f.ok(&["framework", "use", "champ"]);
    let out = f.ok(&["framework", "list"]);
    assert!(out.lines().any(|l| l.starts_with("* champ")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("  bant")), "{out}");
}

#[test]
fn a_framework_travels_as_one_file_and_is_checked_first() {
    let manager = Folder::new();
    manager.ok(&["framework", "use", "gpctba"]);
    let file = manager.data.parent().unwrap().join("ours.ron");
    manager.ok(&["framework", "export", file.to_str().unwrap()]);
    let out = manager.ok(&["framework", "check", file.to_str().unwrap()]);
    assert!(out.contains("fine – GPCTBA/C&I with 8 criteria"), "{out}");

    let rep = Folder::new();
    rep.ok(&["framework", "use", file.to_str().unwrap()]);
    let out = rep.ok(&["framework", "list"]);
    assert!(out.lines().any(|l| l.starts_with("* gpctba")), "{out}");

    // A broken copy: every problem named with what to fix, exit 1, and `use` refuses it.
    let mut text = fs::read_to_string(&file)
        .unwrap()
        .replace("min_score: 75", "min_score: 150");
    // A typo in the rule's answer (the last "significant"; the first is the answer itself).
    let at = text.rfind("\"significant\"").unwrap();
    text.replace_range(at..at + 13, "\"signifcant\"");
    let broken = rep.file("broken.ron", &text);
    let out = rep.run("en", &["framework", "check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("set min_score to 100 or less"), "{said}");
    assert!(said.contains("\"signifcant\""), "{said}");
    assert!(said.contains("2 problems"), "{said}");
    let out = rep.run("de", &["framework", "check", broken.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 Probleme"));
    let out = rep.run("en", &["framework", "use", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    let out = rep.run("en", &["framework", "use", "medic"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no template and no file \"medic\""), "{said}");
}

#[test]
fn the_pdf_names_the_framework() {
    let f = Folder::new();
    let csv = f.file("bant.csv", BANT_CSV);
    f.ok(&["import", csv.to_str().unwrap()]);
    f.ok(&["framework", "use", "faint"]);
    let id = f.list()[0]["id"].as_str().unwrap().to_owned();
    let pdf = f.data.parent().unwrap().join("r.pdf");
    f.ok(&["pdf", &id, "-o", pdf.to_str().unwrap()]);
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("QualificationbyFAINT"), "{text}");
}
