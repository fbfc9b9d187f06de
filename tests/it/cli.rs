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
        self.run_in_lang("en", args)
    }

    fn run_in_lang(&self, lang: &str, args: &[&str]) -> Output {
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
fn a_german_excel_file_in_windows_1252_imports_with_names_exact() {
    let f = Folder::new();
    let text = "Firma;Ansprechpartner;Telefon;Umsatz in Mio. €;Kontaktinhaber\r\nMüller & Söhne GmbH;Jörg Müller;+49 89 12345;5,5;Lisa\r\nBäckerei Groß;Zoë Weiß;;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let file = f.data.parent().unwrap().join("excel.csv");
    fs::write(&file, &bytes).unwrap();
    let out = f.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("read as windows-1252"), "{err}");
    assert!(
        err.contains("ignored columns (no matching field): \"Kontaktinhaber\""),
        "{err}"
    );
    let leads = f.list();
    let names: Vec<(&str, &str)> = leads
        .iter()
        .map(|l| {
            (
                l["company"].as_str().unwrap(),
                l["contact"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        names.contains(&("Müller & Söhne GmbH", "Jörg Müller")),
        "{names:?}"
    );
    assert!(names.contains(&("Bäckerei Groß", "Zoë Weiß")), "{names:?}");
    let m = leads
        .iter()
        .find(|l| l["contact"] == "Jörg Müller")
        .unwrap();
    assert_eq!(m["phone"], "+49 89 12345");
    assert_eq!(m["revenue_meur"].as_f64(), Some(5.5));
    // Forcing the wrong encoding refuses the file and writes nothing.
    let out = f.run(&["import", "--encoding", "utf-8", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not text in UTF-8"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["import", "--encoding", "klingon", file.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.list().len(), 2);
}

#[test]
fn contact_fields_go_through_import_json_show_export_and_back() {
    let f = Folder::new();
    let csv = f.file(
        "contacts.csv",
        "company;contact;email;phone;website\nBäckerei Sonnenschein;Ali Yılmaz;ali@sonnenschein.de;+49 30 1234-5;sonnenschein.de\n",
    );
    f.ok(&["import", csv.to_str().unwrap()]);
    let leads = f.list();
    let lead = &leads[0];
    assert_eq!(lead["email"], "ali@sonnenschein.de");
    assert_eq!(lead["phone"], "+49 30 1234-5");
    assert_eq!(lead["website"], "sonnenschein.de");
    let id = lead["id"].as_str().unwrap().to_owned();
    let shown = f.ok(&["show", &id]);
    for line in [
        "Email: ali@sonnenschein.de",
        "Phone: +49 30 1234-5",
        "Website: sonnenschein.de",
    ] {
        assert!(shown.contains(line), "{line} in {shown}");
    }
    // A lead without them shows no empty contact lines.
    let bare = f.file("bare.csv", "company\nOhne Kontakt GmbH\n");
    f.ok(&["import", bare.to_str().unwrap()]);
    let other = f.list();
    let bare_id = other
        .iter()
        .find(|l| l["company"] == "Ohne Kontakt GmbH")
        .and_then(|l| l["id"].as_str())
        .unwrap()
        .to_owned();
    let shown = f.ok(&["show", &bare_id]);
    assert!(!shown.contains("Email"), "{shown}");

    let export = f.data.parent().unwrap().join("contacts-out.csv");
    f.ok(&["export", export.to_str().unwrap()]);
    let exported = fs::read_to_string(&export).unwrap();
    // The phone number starts with `+`: guarded against Excel taking it for a formula.
    assert!(
        exported.contains(",ali@sonnenschein.de,'+49 30 1234-5,sonnenschein.de,"),
        "{exported}"
    );
    f.ok(&["import", export.to_str().unwrap()]);
    assert_eq!(f.list().len(), 2);
    let file = fs::read_to_string(f.data.join("leads").join(format!("{id}.ron"))).unwrap();
    assert!(file.contains("email: \"ali@sonnenschein.de\""), "{file}");
}

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
    f.ok(&["export", "--ids", export.to_str().unwrap()]);
    let exported = fs::read_to_string(&export).unwrap();
    // A byte-order mark first, so Excel reads the file as UTF-8 (umlauts); the import skips it.
    assert!(exported.starts_with("\u{feff}id,company,contact,role,email,phone,website,industry,revenue_meur,source,stage,crm_id,budget,authority,need,time,notes,follow_up,score,class,provisional\n"));
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
    f.ok(&["export", "--ids", export2.to_str().unwrap()]);
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
    // German Excel's export reads back: `;`, decimal commas, the byte-order mark.
    let out = f.data.parent().unwrap().join("excel-out.csv");
    f.ok(&["export", "--semicolon", "--ids", out.to_str().unwrap()]);
    let exported = fs::read_to_string(&out).unwrap();
    assert!(exported.starts_with("\u{feff}id;company;"), "{exported}");
    assert!(
        exported.contains(";Groß AG;") && exported.contains(";1250,5;"),
        "{exported}"
    );
    f.ok(&["import", out.to_str().unwrap()]);
    assert_eq!(f.list().len(), 2);
    // Standard output gets no byte-order mark: it goes into pipes and scripts.
    assert!(f.ok(&["export", "--ids", "-"]).starts_with("id,company,"));
    assert!(f.ok(&["export", "-"]).starts_with("LeadQ-ID,Company,"));
}

#[test]
fn bad_rows_import_nothing_and_are_listed_by_line() {
    let f = Folder::new();
    let csv = f.file(
        "bad.csv",
        "company,revenue_meur,budget,follow_up\nGood GmbH,5,approved,\nBad GmbH,abc,,\nWorse GmbH,,rich,\n,,,\nAlso Bad,,,12/31/2026\n",
    );
    let out = f.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Each problem names the column as the window does, not by its id.
    assert!(err.contains("bad.csv:3: Revenue:"), "{err}");
    assert!(err.contains("bad.csv:4: Budget \"rich\""), "{err}");
    assert!(
        err.contains("bad.csv:6: Next follow-up \"12/31/2026\""),
        "{err}"
    );
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
    assert!(
        text.contains("For an A lead: Time “in under 3 months” or “in 3–6 months” instead of"),
        "{text}"
    );
    assert!(text.contains("it would be an A lead"), "{text}");
    let json: Value = serde_json::from_str(&f.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["what_if"]["to"], "months_3_6");
    // The sentence for people, the exact rule for scripts.
    assert!(
        json["reason"]
            .as_str()
            .unwrap()
            .starts_with("B lead with 87 points.")
    );
    assert!(json["rule"].as_str().unwrap().contains("A needs"));
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
        // A mistyped command is no file to open: no window, a line that says so.
        vec!["lsit"],
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

/// The binary run from `cwd`, with `home` as the home folder, as a rep types a command there.
fn run_in(cwd: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leadq"))
        .current_dir(cwd)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("LEADQ_DATA_DIR")
        .env_remove("LEADQ_CONFIG_DIR")
        // The folder lock lives in a lock folder by design (a folder in use, outside the data
        // folder so sync tools never see it); here it is one next to the home folder.
        .env("LEADQ_LOCK_DIR", home.with_file_name("locks"))
        .env_remove("XDG_RUNTIME_DIR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .output()
        .unwrap()
}

fn ok_in(cwd: &Path, home: &Path, args: &[&str]) -> String {
    let out = run_in(cwd, home, args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    stderr(&out)
}

#[test]
fn user_named_files_are_written_with_bare_relative_and_absolute_names() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    let cwd = tmp.path().join("work");
    fs::create_dir_all(&cwd).unwrap();
    fs::create_dir_all(&home).unwrap();
    let data = tmp.path().join("data");
    let d = data.to_str().unwrap();
    fs::write(cwd.join("in.csv"), SEED_CSV).unwrap();
    ok_in(&cwd, &home, &["--data-dir", d, "import", "in.csv"]);
    let listed = run_in(&cwd, &home, &["--data-dir", d, "list", "--json"]);
    let v: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = v[0]["id"].as_str().unwrap()[..8].to_owned();
    let abs = tmp.path().join("abs");
    fs::create_dir_all(&abs).unwrap();

    // export: bare, ./, ../, a sub folder, absolute.
    let abs_csv = abs.join("leads.csv");
    for (name, lands) in [
        ("leads.csv", cwd.join("leads.csv")),
        ("./dot.csv", cwd.join("dot.csv")),
        ("../up.csv", tmp.path().join("up.csv")),
        ("abs/../abs/rel.csv", tmp.path().join("abs/rel.csv")),
        (abs_csv.to_str().unwrap(), abs_csv.clone()),
    ] {
        let cwd_here = if name.starts_with("abs/") {
            tmp.path().to_path_buf()
        } else {
            cwd.clone()
        };
        let err = ok_in(&cwd_here, &home, &["--data-dir", d, "export", name]);
        assert!(err.contains("exported 3 leads"), "{name}: {err}");
        assert!(
            fs::read_to_string(&lands)
                .unwrap()
                .starts_with("\u{feff}LeadQ-ID,Company"),
            "{name}"
        );
    }

    // pdf -o FILE.pdf: bare, ./, ../, absolute.
    let abs_pdf = abs.join("one.pdf");
    for (name, lands) in [
        ("one.pdf", cwd.join("one.pdf")),
        ("./two.pdf", cwd.join("two.pdf")),
        ("../three.pdf", tmp.path().join("three.pdf")),
        ("new/four.pdf", cwd.join("new/four.pdf")),
        (abs_pdf.to_str().unwrap(), abs_pdf.clone()),
    ] {
        ok_in(&cwd, &home, &["--data-dir", d, "pdf", &id, "-o", name]);
        assert!(fs::read(&lands).unwrap().starts_with(b"%PDF-"), "{name}");
    }

    // pdf --all -o DIR: bare, ./, ../, `.`, absolute.
    let abs_dir = abs.join("batch");
    for (name, lands) in [
        ("out", cwd.join("out")),
        ("./out2", cwd.join("out2")),
        ("../out3", tmp.path().join("out3")),
        (".", cwd.clone()),
        (abs_dir.to_str().unwrap(), abs_dir.clone()),
    ] {
        let err = ok_in(&cwd, &home, &["--data-dir", d, "pdf", "--all", "-o", name]);
        assert!(err.contains("wrote 3 PDFs"), "{name}: {err}");
        let pdfs = fs::read_dir(&lands)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("Lead qualification_")
            })
            .count();
        assert!(pdfs >= 3, "{name}: {pdfs}");
    }
}

#[test]
fn a_quote_never_closed_imports_nothing_and_names_the_line_it_opened() {
    let f = Folder::new();
    let csv = f.file(
        "quote.csv",
        "company,contact,notes\nA GmbH,Anna,ok\nB GmbH,\"Bernd,notes\nC GmbH,Carla,\nD GmbH,Dora,\n",
    );
    let out = f.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("quote.csv cannot be imported: line 3:"),
        "{err}"
    );
    assert!(err.contains("never closed"), "{err}");
    assert!(f.list().is_empty(), "nothing is imported");

    // A company running over several lines: the quote closed too late.
    let csv = f.file(
        "late.csv",
        "company;contact\n\"A GmbH;Anna\nB GmbH;Bernd\nC GmbH\";Carla\n",
    );
    let out = f.run(&["import", "--skip-invalid", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("line 2: the company field has a line break"),
        "{err}"
    );
    assert!(f.list().is_empty());
}

#[test]
fn a_row_with_more_fields_than_the_header_is_a_bad_row() {
    let f = Folder::new();
    let csv = f.file(
        "wide.csv",
        "company,contact,role,industry,notes\nA GmbH,Anna,CEO,IT,notes,lost\nB GmbH;x,Bob,,,,,,\nC GmbH,Carla\n",
    );
    let out = f.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("wide.csv:2: line 2 has 6 fields, the header has 5"),
        "{err}"
    );
    assert!(err.contains("nothing imported: 1 bad row in"), "{err}");
    assert!(f.list().is_empty());

    let out = f.run(&["import", "--skip-invalid", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("wide.csv: line 4 has fewer fields than the header"),
        "{err}"
    );
    assert!(err.contains("imported 2 rows"), "{err}");
    let mut names: Vec<String> = f
        .list()
        .iter()
        .map(|l| l["company"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["B GmbH;x", "C GmbH"]);
}

/// A lead file as a rep might hand-edit it, with `budget` and `time` given as written here.
fn hand_edited(id: &str, budget: &str, time_key: &str) -> String {
    format!(
        "Lead(version: 1, id: \"{id}\", company: \"Tippfehler GmbH\", assessment: {{\
         \"budget\": CriterionAnswer(answer: \"{budget}\", note: \"\"), \
         \"{time_key}\": CriterionAnswer(answer: \"months_3_6\", note: \"bald\")}}, \
         created: \"2026-11-20T09:00:00Z\", updated: \"2026-11-20T09:00:00Z\")\n"
    )
}

#[test]
fn check_names_misspelt_answers_and_criteria() {
    let f = Folder::new();
    let csv = f.file("in.csv", "company\nIntakt GmbH\n");
    f.ok(&["import", csv.to_str().unwrap()]);
    f.ok(&["check"]);
    let id = "00000000-0000-0000-0000-0000000000aa";
    let file = f.data.join("leads").join(format!("{id}.ron"));
    let text = hand_edited(id, "aproved", "tiem");
    fs::write(&file, &text).unwrap();

    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let shown = file.display().to_string();
    assert!(
        stdout.contains(&format!(
            "{shown}: unknown answer: criterion \"budget\" has no answer \"aproved\""
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{shown}: unknown criterion \"tiem\"")),
        "{stdout}"
    );
    // The lead still loads (it is not broken), and nothing rewrote the file.
    assert_eq!(f.list().len(), 2);
    assert_eq!(fs::read_to_string(&file).unwrap(), text);

    let out = f.run_in_lang("de", &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("unbekannte Antwort: das Kriterium „budget“ hat keine Antwort „aproved“"),
        "{stdout}"
    );
}

#[test]
fn german_output_speaks_german_with_proper_plurals() {
    let f = Folder::new();
    // An existing folder without leads (a read-only command creates none).
    fs::create_dir_all(&f.data).unwrap();
    let de = |args: &[&str]| f.run_in_lang("de", args);
    let out = de(&[
        "export",
        f.data.parent().unwrap().join("leer.csv").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("0 Leads nach"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("(s)"));

    let out = de(&["show", "zzzz"]);
    assert_eq!(
        stderr(&out).trim_end(),
        "leadq: kein Lead hat eine ID, die mit „zzzz“ beginnt"
    );
    let out = de(&["import", "/definitely/not/here.csv"]);
    assert_eq!(
        stderr(&out).trim_end(),
        "leadq: /definitely/not/here.csv konnte nicht gelesen werden: nicht vorhanden"
    );
    let out = de(&["export", "/definitely/not/here/x.csv"]);
    assert!(
        stderr(&out)
            .starts_with("leadq: /definitely/not/here/x.csv konnte nicht geschrieben werden: "),
        "{}",
        stderr(&out)
    );
    let bad = f.file("bad.csv", "company,budget\nA,rich\nB,\n");
    let out = de(&["import", bad.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv:2: Budget „rich“ ist keiner der Werte „ungeklärt“"),
        "{err}"
    );
    assert!(
        err.contains("nichts importiert: 1 fehlerhafte Zeile in"),
        "{err}"
    );
    assert!(err.contains("--skip-invalid die 1 gültige Zeile"), "{err}");
    let out = de(&["restore", "0000"]);
    assert!(
        stderr(&out).contains("kein Lead im Papierkorb"),
        "{}",
        stderr(&out)
    );
    for out in [de(&["delete", ""]), de(&["pdf", "zz", "-o", "x.pdf"])] {
        let err = stderr(&out);
        for english in ["could not", "no lead", "give a lead"] {
            assert!(!err.contains(english), "{err}");
        }
    }

    let good = f.file("good.csv", "company\nA\nB\n");
    let out = de(&["import", good.to_str().unwrap()]);
    assert!(stderr(&out).contains("2 Zeilen aus"), "{}", stderr(&out));
    let out = de(&["check"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("2 Lead-Dateien in"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A broken file, named in German by check and by a command that quarantines it.
    fs::write(f.data.join("leads").join("leer.ron"), "").unwrap();
    let out = de(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("leer.ron: defekt: die Datei ist leer"),
        "{stdout}"
    );
    let out = de(&["list"]);
    let err = stderr(&out);
    assert!(
        err.contains("leer.ron konnte nicht geladen werden") && err.contains("die Datei ist leer"),
        "{err}"
    );

    // A team file that cannot be used: the defaults apply, said in German.
    fs::write(f.data.join("framework.ron"), "kaputt").unwrap();
    let out = de(&["list"]);
    assert!(
        stderr(&out).contains("; es gilt das eingebaute BANT-Bewertungsschema"),
        "{}",
        stderr(&out)
    );

    // The folder taken by a window: refused in German.
    let _lock = leadq::store::FolderLock::acquire(&f.data).unwrap();
    let out = de(&["import", good.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("LeadQ ist für diesen Ordner bereits geöffnet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_data_dir_creates_nothing_outside_the_folders_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let data = tmp.path().join("data");
    let d = data.to_str().unwrap();
    fs::write(tmp.path().join("in.csv"), SEED_CSV).unwrap();
    for args in [
        vec!["--data-dir", d, "import", "in.csv"],
        vec!["--data-dir", d, "list"],
        vec!["--data-dir", d, "check"],
        vec!["--data-dir", d, "export", "out.csv"],
        vec!["--data-dir", d, "pdf", "--all", "-o", "pdfs"],
    ] {
        ok_in(tmp.path(), &home, &args);
    }
    let created: Vec<_> = walk(&home);
    assert!(
        created.is_empty(),
        "created in the home folder: {created:?}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

#[test]
fn list_help_describes_every_option() {
    let f = Folder::new();
    for (command, options) in [
        ("list", &["--json", "--class", "--stage"][..]),
        ("show", &["--json", "<ID>"][..]),
        ("trash", &["--json"][..]),
        ("export", &["<FILE>", "--semicolon"][..]),
        ("import", &["<FILE>", "--skip-invalid"][..]),
        ("pdf", &["--all", "--class", "--output", "[IDS]"][..]),
        ("delete", &["<ID>"][..]),
        ("restore", &["<ID>"][..]),
    ] {
        let help = f.ok(&[command, "--help"]);
        let lines: Vec<&str> = help.lines().collect();
        for option in options {
            let at = lines
                .iter()
                .position(|l| {
                    l.trim_start()
                        .split(", ")
                        .any(|part| part.starts_with(option))
                })
                .unwrap_or_else(|| panic!("{command} --help lacks {option}:\n{help}"));
            // A description follows on the option's line (after two spaces) or on the next one;
            // clap's own "[possible values: …]" is no description.
            let on_line = lines[at]
                .trim_start()
                .split_once("  ")
                .map_or("", |(_, d)| d.trim());
            let next = lines.get(at + 1).map_or("", |l| l.trim());
            let described = (!on_line.is_empty() && !on_line.starts_with("[possible"))
                || (on_line.is_empty() && !next.is_empty() && !next.starts_with(['-', '<', '[']));
            assert!(
                described,
                "{command} --help: {option} has no description:\n{help}"
            );
        }
    }
}

#[test]
fn pdf_without_arguments_mentions_all() {
    let f = Folder::new();
    let out = f.run(&["pdf"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("--all"), "{err}");
}

#[test]
fn summary_json_agrees_with_list_json_around_today() {
    let f = Folder::new();
    let today = leadq::clock::today();
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let csv = format!(
        "company,stage,budget,authority,need,time,follow_up\n\
         Alpha,sql,approved,decision_maker,strong_fit,under_3_months,{}\n\
         Beta,sal,planned,influencer,partial_fit,months_6_12,{}\n\
         Gamma,mql,,,latent,,{}\n\
         Delta,mql,approved,,strong_fit,,{}\n\
         Epsilon,disqualified,none,decision_maker,no_fit,none,{}\n\
         Zeta,mql,,,,,\n",
        day(-1),
        day(0),
        day(7),
        day(8),
        day(-30),
    );
    let file = f.file("in.csv", &csv);
    f.ok(&["import", file.to_str().unwrap()]);
    let list = f.list();
    let summary: Value = serde_json::from_str(&f.ok(&["summary", "--json"])).unwrap();
    assert_eq!(summary["total"], list.len());
    for class in ["A", "B", "C"] {
        let n = list.iter().filter(|l| l["class"] == class).count();
        assert_eq!(summary["by_class"][class], n, "{class}");
        for stage in ["mql", "sal", "sql", "disqualified"] {
            let cell = list
                .iter()
                .filter(|l| l["class"] == class && l["stage"] == stage)
                .count();
            assert_eq!(
                summary["class_stage"][class][stage], cell,
                "{class} {stage}"
            );
        }
    }
    for stage in ["mql", "sal", "sql", "disqualified"] {
        let n = list.iter().filter(|l| l["stage"] == stage).count();
        assert_eq!(summary["by_stage"][stage], n, "{stage}");
    }
    let provisional = list.iter().filter(|l| l["provisional"] == true).count();
    assert_eq!(summary["provisional"], provisional);
    let follow = |pred: &dyn Fn(jiff::civil::Date) -> bool| {
        list.iter()
            .filter_map(|l| l["follow_up"].as_str())
            .map(|d| d.parse::<jiff::civil::Date>().unwrap())
            .filter(|&d| pred(d))
            .count()
    };
    let week = today.checked_add(jiff::Span::new().days(7)).unwrap();
    assert_eq!(summary["follow_ups"]["overdue"], follow(&|d| d < today));
    assert_eq!(summary["follow_ups"]["today"], follow(&|d| d == today));
    assert_eq!(
        summary["follow_ups"]["next_7_days"],
        follow(&|d| d > today && d <= week)
    );
    // Overdue: Alpha and Epsilon; today: Beta; the next seven days: Gamma (day 8 is out).
    assert_eq!(summary["follow_ups"]["overdue"], 2);
    assert_eq!(summary["follow_ups"]["next_7_days"], 1);
    // Open leads (not disqualified) with budget unknown: Gamma and Zeta.
    assert_eq!(summary["unknown_by_criterion"]["budget"], 2);
    assert_eq!(summary["unknown_by_criterion"]["time"], 3);
    // The table speaks the language.
    let out = f.run_in_lang("de", &["summary"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Budget ungeklärt bei 2 von 5 offenen Leads"),
        "{text}"
    );
}

#[test]
fn calendar_command_writes_stable_events_for_follow_ups() {
    let f = Folder::new();
    let file = f.file(
        "in.csv",
        "company,follow_up\nAlpha,2026-12-03\nBeta,\nGamma,2027-01-15\n",
    );
    f.ok(&["import", file.to_str().unwrap()]);
    let out = f.data.parent().unwrap().join("followups.ics");
    f.ok(&["calendar", "-o", out.to_str().unwrap()]);
    let first = fs::read_to_string(&out).unwrap();
    f.ok(&["calendar", "-o", out.to_str().unwrap()]);
    let second = fs::read_to_string(&out).unwrap();
    let uids = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(uids(&first).len(), 2);
    assert_eq!(uids(&first), uids(&second));
    assert!(first.contains("DTSTART;VALUE=DATE:20261203"));
    assert!(first.contains("DTSTART;VALUE=DATE:20270115"));
    let stderr =
        String::from_utf8(f.run(&["calendar", "-o", out.to_str().unwrap()]).stderr).unwrap();
    assert!(stderr.contains("exported 2 follow-ups to"), "{stderr}");
}

#[test]
fn the_table_writes_dates_as_the_language_does() {
    let f = Folder::new();
    let file = f.file("in.csv", SEED_CSV);
    f.ok(&["import", file.to_str().unwrap()]);
    let de = String::from_utf8(f.run_in_lang("de", &["list"]).stdout).unwrap();
    assert!(de.contains("01.12.2026"), "{de}");
    let en = f.ok(&["list"]);
    assert!(en.contains("2026-12-01"), "{en}");
    // JSON keeps ISO whatever the language.
    let json = String::from_utf8(f.run_in_lang("de", &["list", "--json"]).stdout).unwrap();
    assert!(json.contains("\"2026-12-01\""), "{json}");
}
