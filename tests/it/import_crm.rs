//! Leads in from where reps keep them, through the real `leadq` binary: German Excel's
//! Windows-1252 with `;` and CRLF, Excel's UTF-16 "Unicode text", and HubSpot-, Salesforce- and
//! Pipedrive-shaped exports — checked through `list --json` — duplicates found by CRM id,
//! e-mail and name, `--map`, `--dry-run` and `--on-duplicate`.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

struct Folder {
    tmp: tempfile::TempDir,
    data: PathBuf,
}

impl Folder {
    fn new() -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Folder { tmp, data }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.tmp.path().join(name);
        fs::write(&path, bytes).unwrap();
        path.display().to_string()
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

    /// Runs an import that must succeed; returns what it said on stderr.
    fn import(&self, args: &[&str]) -> String {
        let mut all = vec!["import"];
        all.extend(args);
        let out = self.run(&all);
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?} failed: {said}");
        said
    }

    fn list(&self) -> Vec<Value> {
        let out = self.run(&["list", "--json"]);
        assert!(out.status.success());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array().unwrap().clone()
    }

    /// The listed lead whose company is `company`.
    fn lead(&self, company: &str) -> Value {
        self.list()
            .into_iter()
            .find(|l| l["company"] == company)
            .unwrap_or_else(|| panic!("no lead {company}"))
    }
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const HUBSPOT: &str = "Record ID,First Name,Last Name,Company Name,Job Title,Email,Phone Number,Website URL,Annual Revenue,Lifecycle Stage,Lead Status,Original Source,Contact owner,Create Date\n\
101,Jörg,Müller,Müller & Söhne GmbH,Geschäftsführer,jm@mueller.de,+49 30 1234567,https://mueller.de,48500000,Marketing Qualified Lead,Open,Trade Show,Lisa,2026-01-05\n\
102,Zoë,Weiß,Großbäckerei Weiß,Einkauf,zw@weiss.de,,weiss.de,\"EUR 18.000.000,00\",Sales Qualified Lead,In Progress,Paid Social,Tom,2026-02-11\n";

#[test]
fn a_hubspot_export_joins_names_converts_revenue_maps_stages_and_imports_again_as_updates() {
    let f = Folder::new();
    let file = f.file("hubspot-contacts.csv", HUBSPOT.as_bytes());
    let said = f.import(&[&file]);
    assert!(said.contains("ignored columns (no matching field): \"Lead Status\", \"Contact owner\", \"Create Date\""), "{said}");
    assert!(said.contains("\"Record ID\" → CRM record ID"), "{said}");
    assert!(
        said.contains("source values read as \"other\": \"Paid Social\" (1)"),
        "{said}"
    );
    let m = f.lead("Müller & Söhne GmbH");
    assert_eq!(m["contact"], "Jörg Müller");
    assert_eq!(m["role"], "Geschäftsführer");
    assert_eq!(m["email"], "jm@mueller.de");
    assert_eq!(m["phone"], "+49 30 1234567");
    assert_eq!(m["website"], "https://mueller.de");
    assert_eq!(m["revenue_meur"], 48.5);
    assert_eq!(m["stage"], "mql");
    assert_eq!(m["source"], "event");
    assert_eq!(m["crm_id"], "101");
    let w = f.lead("Großbäckerei Weiß");
    assert_eq!(w["contact"], "Zoë Weiß");
    assert_eq!(w["revenue_meur"], 18.0);
    assert_eq!(w["stage"], "sql");
    assert_eq!(w["source"], "other");

    // The same export again: both rows find their lead by the record id; no new lead.
    let said = f.import(&[&file]);
    assert!(said.contains("2 rows match a lead already here or an earlier row (CRM record ID: 2); they are updated"), "{said}");
    assert!(said.contains("0 new, 2 updated"), "{said}");
    assert_eq!(f.list().len(), 2);
}

#[test]
fn salesforce_in_iso_8859_1_and_pipedrive_shaped_exports() {
    let f = Folder::new();
    let salesforce = "Lead ID,First Name,Last Name,Title,Company / Account,Email,Phone,Lead Source,Lead Status,Annual Revenue,Lead Owner\r\n\
00Q5g00000AbCdE,Björn,Ångström,CTO,Nordlicht AG,ba@nordlicht.se,+46 8 123,Partner Referral,Working - Contacted,\"2,500,000.00\",Anna\r\n\
00Q5g00000FgHiJ,Renée,Çelik,Einkauf,Café Zoë KG,,,Web,Closed - Not Converted,,Anna\r\n";
    let file = f.file("salesforce.csv", &windows_1252(salesforce));
    let said = f.import(&[&file]);
    assert!(said.contains("read as windows-1252"), "{said}");
    let n = f.lead("Nordlicht AG");
    assert_eq!(n["contact"], "Björn Ångström");
    assert_eq!(n["role"], "CTO");
    assert_eq!(n["stage"], "sal");
    assert_eq!(n["source"], "referral");
    assert_eq!(n["revenue_meur"], 2.5);
    assert_eq!(n["crm_id"], "00Q5g00000AbCdE");
    let c = f.lead("Café Zoë KG");
    assert_eq!(c["contact"], "Renée Çelik");
    assert_eq!(c["stage"], "disqualified");
    assert_eq!(c["source"], "web_form");

    let pipedrive = "Person - ID,Person - Name,Person - Organization,Person - Email - Work,Person - Phone - Work,Person - Owner\n\
7,Jana Petersen,Küstenlogistik GmbH,jp@kueste.de,040 555,Lisa\n";
    let file = f.file("pipedrive.csv", pipedrive.as_bytes());
    f.import(&[&file]);
    let k = f.lead("Küstenlogistik GmbH");
    assert_eq!(k["contact"], "Jana Petersen");
    assert_eq!(k["email"], "jp@kueste.de");
    assert_eq!(k["phone"], "040 555");
    assert_eq!(k["crm_id"], "7");
}

#[test]
fn excel_unicode_text_and_german_excel_csv() {
    let f = Folder::new();
    let text = "\u{feff}Firma\tAnsprechpartner\tTelefon\tNächster Kontakt\r\nΩμέγα Α.Ε.\tΕλένη Παπαδοπούλου\t+30 210 1234567\t03.12.2026\r\n";
    let mut bytes = Vec::new();
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let file = f.file("unicode.txt", &bytes);
    f.import(&[&file]);
    let o = f.lead("Ωμέγα Α.Ε.");
    assert_eq!(o["contact"], "Ελένη Παπαδοπούλου");
    assert_eq!(o["follow_up"], "2026-12-03");

    let german = "Firma;Ansprechpartner;Umsatz in Mio. €;Phase\r\nMüller & Söhne GmbH;Jörg Müller;5,5;SQL – vertriebsqualifiziert\r\n";
    let file = f.file("excel.csv", &windows_1252(german));
    f.import(&[&file]);
    let m = f.lead("Müller & Söhne GmbH");
    assert_eq!(m["revenue_meur"], 5.5);
    assert_eq!(m["stage"], "sql");
}

#[test]
fn duplicates_by_email_and_name_update_skip_or_import_as_new() {
    let f = Folder::new();
    let first = "Firma,Ansprechpartner,E-Mail,Rolle\nAlpha GmbH,Anna Alt,anna@alpha.de,CEO\nBeta KG,Bernd Bau,,Einkauf\n";
    f.import(&[&f.file("first.csv", first.as_bytes())]);
    // Anna by e-mail (other spelling of the company), Bernd by company + contact (case and
    // accents aside); an empty role cell leaves the role.
    let second = "Company,Contact,Email,Job Title,Phone\nALPHA Gmbh (Berlin),Anna Alt,Anna@Alpha.de,,030 1\nbeta kg,Bernd Bau,,,040 2\nGamma AG,Gerd,,,\n";
    let file = f.file("second.csv", second.as_bytes());

    let said = f.import(&["--dry-run", &file]);
    assert!(said.contains("e-mail: 1, company and contact: 1"), "{said}");
    assert!(said.contains("dry run: 3 rows from"), "{said}");
    assert!(
        said.contains("1 new, 2 updated; nothing was written"),
        "{said}"
    );
    assert_eq!(f.list().len(), 2);

    let said = f.import(&["--on-duplicate", "skip", &file]);
    assert!(
        said.contains("1 new, 0 updated, 2 duplicates skipped"),
        "{said}"
    );
    assert_eq!(f.list().len(), 3);
    assert_eq!(f.lead("Alpha GmbH")["phone"], "");

    f.import(&[&file]);
    assert_eq!(f.list().len(), 3, "Gamma AG is now a duplicate by name too");
    let a = f.lead("ALPHA Gmbh (Berlin)");
    assert_eq!(a["phone"], "030 1");
    assert_eq!(a["role"], "CEO", "an empty cell leaves the value");

    f.import(&["--on-duplicate", "new", &file]);
    assert_eq!(f.list().len(), 6);

    // One duplicate is said in the singular.
    let one = f.file(
        "one.csv",
        "Firma,E-Mail\nAlpha neu,anna@alpha.de\n".as_bytes(),
    );
    let said = f.import(&["--on-duplicate", "skip", &one]);
    assert!(
        said.contains(
            "1 row matches a lead already here or an earlier row (e-mail: 1); it is skipped"
        ),
        "{said}"
    );
}

#[test]
fn a_column_mapped_by_hand_and_mistakes_in_the_mapping() {
    let f = Folder::new();
    let csv = "Kunde,Umsatz,Info\nAlpha GmbH,\"1.250.000\",ruft zurück\n";
    let file = f.file("kunden.csv", csv.as_bytes());
    // Nothing names the lead: refused, with the columns an import understands.
    let out = f.run(&["import", &file]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no column names the lead"), "{said}");

    f.import(&[
        "--map",
        "Kunde=company",
        "--map",
        "umsatz=revenue_eur",
        "--map",
        "Info=notes",
        &file,
    ]);
    let a = f.lead("Alpha GmbH");
    assert_eq!(a["revenue_meur"], 1.25);
    assert_eq!(a["notes"], "ruft zurück");

    for (args, expected) in [
        (
            vec!["--map", "Nope=company"],
            "the file has no column \"Nope\"",
        ),
        (
            vec!["--map", "Kunde=firma"],
            "\"firma\" is no field; one of: ignore, company",
        ),
        (vec!["--map", "Kunde"], "write \"column=field\""),
        (
            vec!["--map", "Kunde=company", "--map", "Info=company"],
            "columns \"Kunde\", \"Info\" fill the same field (Company)",
        ),
    ] {
        let mut all = vec!["import"];
        all.extend(args);
        all.push(&file);
        let out = f.run(&all);
        assert!(!out.status.success(), "{all:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(expected), "{all:?}: {said}");
    }
    assert_eq!(f.list().len(), 1);
}
