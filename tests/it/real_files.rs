//! Real files from CRMs, Excel and Windows, round 3 (issue 25), through the real binary: CSV
//! injection guarded in every CSV LeadQ writes, Excel's `sep=` line, answers written as the
//! window shows them, exports in the rep's words that import back, a mistyped data folder that
//! is named instead of created, a PDF batch run twice, and messages that point the right way.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{Folder, leadq_in};

/// What these tests do with a folder besides `support::Folder`'s basics.
trait FolderExt {
    fn import(&self, lang: &str, file: &Path) -> String;
    fn leads_by_id(&self) -> BTreeMap<String, Vec<String>>;
}

impl FolderExt for Folder {
    fn import(&self, lang: &str, file: &Path) -> String {
        let out = self.run(lang, &["import", file.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "import of {} failed: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Every lead by id, as scripts see it: the CSV export by ids, one line per lead.
    fn leads_by_id(&self) -> BTreeMap<String, Vec<String>> {
        let csv = self.ok("en", &["export", "--ids", "-"]);
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let cells: Vec<String> = r.iter().map(str::to_owned).collect();
                (cells[0].clone(), cells)
            })
            .collect()
    }
}

fn err(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The text in every text field that a spreadsheet would take for a formula, or that breaks a
/// naive CSV writer: formulas, quotes, separators, line breaks, umlauts, a leading `+`.
const HOSTILE_CSV: &str = "\
company,contact,role,email,phone,website,industry,notes,crm_id,revenue_meur,source,stage,follow_up,budget,authority,need,time
\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",\"@SUM(1+1)*cmd|' /C calc'!A0\",-Leiter,+a@b.de,+49 30 1234,=1+1,\"Maschinenbau; \"\"Sonder\"\"\",\"Zeile 1
Zeile 2 mit ä, ö; ü\",'=bereits,2.5,web_form,sal,2026-12-24,approved,decision_maker,strong_fit,months_3_6
Müller & Söhne GmbH,'s Hertogenbosch,\"Chef, \"\"Einkauf\"\"\",,'+49 89 1,,Handel,@home,,0.1,event,mql,,unknown,influencer,latent,none
";

#[test]
fn a_csv_export_never_lets_a_spreadsheet_run_a_formula() {
    let f = Folder::new();
    let input = f.write("hostile.csv", HOSTILE_CSV.as_bytes());
    f.import("en", &input);
    let out = f.path("out.csv");
    let semicolon = f.path("out-semicolon.csv");
    f.ok("de", &["export", out.to_str().unwrap()]);
    f.ok(
        "en",
        &["export", "--semicolon", semicolon.to_str().unwrap()],
    );
    let stdout = f.ok("en", &["export", "--ids", "-"]);
    let files = [
        (fs::read_to_string(&out).unwrap(), b','),
        (fs::read_to_string(&semicolon).unwrap(), b';'),
        (stdout, b','),
    ];
    for (text, delimiter) in files {
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a spreadsheet would run {cell:?}:\n{text}"
                );
            }
        }
        assert!(cells > 40, "{text}");
        assert!(text.contains("'=HYPERLINK("), "{text}");
        assert!(text.contains("'@SUM(1+1)"), "{text}");
        assert!(text.contains("'+49 30 1234"), "{text}");
    }
}

#[test]
fn the_xlsx_export_holds_formulas_as_text() {
    let f = Folder::new();
    let input = f.write("hostile.csv", HOSTILE_CSV.as_bytes());
    f.import("en", &input);
    let out = f.path("out.xlsx");
    f.ok("de", &["export", out.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(
        strings.contains("=HYPERLINK("),
        "the text itself, no apostrophe"
    );
    assert!(!strings.contains("'=HYPERLINK("));
}

/// Every way LeadQ exports, imported into a new folder, gives the same leads: CSV with both
/// separators and .xlsx, in German and English words and by ids.
#[test]
fn every_export_imports_back_to_identical_leads() {
    let f = Folder::new();
    let input = f.write("hostile.csv", HOSTILE_CSV.as_bytes());
    f.import("en", &input);
    let original = f.leads_by_id();
    assert_eq!(original.len(), 2);
    let company = &original.values().next().unwrap()[1];
    assert!(company == "'=HYPERLINK(\"http://x\",\"click\")" || company.contains("Müller"));
    for lang in ["de", "en"] {
        for (name, extra) in [
            ("comma.csv", &[][..]),
            ("semicolon.csv", &["--semicolon"][..]),
            ("book.xlsx", &[][..]),
        ] {
            for ids in [false, true] {
                let file = f.path(&format!("{lang}-{ids}-{name}"));
                let mut args = vec!["export", file.to_str().unwrap()];
                args.extend(extra);
                if ids {
                    args.push("--ids");
                }
                f.ok(lang, &args);
                let again = Folder::new();
                // Imported by a rep of the other language: the words of both are understood.
                let other = if lang == "de" { "en" } else { "de" };
                again.import(other, &file);
                assert_eq!(
                    again.leads_by_id(),
                    original,
                    "{lang} {name} ids={ids}:\n{}",
                    String::from_utf8_lossy(&fs::read(&file).unwrap())
                );
            }
        }
    }
}

#[test]
fn an_export_for_people_speaks_the_reps_words_and_ids_stay_for_scripts() {
    let f = Folder::new();
    let input = f.write("hostile.csv", HOSTILE_CSV.as_bytes());
    f.import("en", &input);
    let out = f.path("leute.csv");
    f.ok("de", &["export", "--semicolon", out.to_str().unwrap()]);
    let text = fs::read_to_string(&out).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.contains("Firma;Ansprechpartner"), "{header}");
    assert!(header.contains("Budget"), "{header}");
    assert!(!header.contains("company"), "{header}");
    assert!(
        text.contains("Budget freigegeben und ausreichend"),
        "{text}"
    );
    assert!(text.contains("Entscheider, Prozess bekannt"), "{text}");
    assert!(text.contains("24.12.2026"), "German dates: {text}");
    assert!(text.contains("2,5"), "decimal comma: {text}");
    assert!(
        !text.contains("approved") && !text.contains("web_form"),
        "{text}"
    );
    let ids = f.ok("de", &["export", "--ids", "-"]);
    assert!(ids.starts_with("id,company,contact"), "{ids}");
    assert!(
        ids.contains("approved") && ids.contains("web_form"),
        "{ids}"
    );
}

#[test]
fn excels_separator_line_is_honoured_in_every_encoding() {
    let body =
        "Firma;Ansprechpartner;Umsatz in Mio. €\nMüller GmbH;Anna Alt;2,5\nSüd AG;Ben Bo;1\n";
    let utf8 = format!("sep=;\n{body}").into_bytes();
    let windows = format!("sep=;\r\n{body}");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&windows);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in format!("\"sep=\t\"\r\n{}", body.replace(';', "\t")).encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    for (name, bytes) in [
        ("utf8.csv", utf8),
        ("cp1252.csv", cp1252.into_owned()),
        ("utf16.txt", utf16),
    ] {
        let f = Folder::new();
        let file = f.write(name, &bytes);
        f.import("de", &file);
        let list = f.ok("en", &["list", "--json"]);
        assert!(
            list.contains("Müller GmbH") && list.contains("Süd AG"),
            "{name}: {list}"
        );
    }
}

#[test]
fn answers_as_the_window_shows_them_import_and_unknown_ones_are_named_in_words() {
    let f = Folder::new();
    let file = f.write(
        "de.csv",
        "Firma;Budget;Entscheider;Bedarf;Zeitrahmen\n\
         Alpha GmbH;Budget freigegeben und ausreichend;Entscheider, Prozess bekannt;ungeklärt;IN 3-6 MONATEN\n\
         Beta AG;budget approved and sufficient;ENTSCHEIDER PROZESS BEKANNT;Ungeklaert;months_3_6\n"
            .as_bytes(),
    );
    let header_ok = f.run("de", &["import", "--dry-run", file.to_str().unwrap()]);
    if !header_ok.status.success() {
        // The criterion columns by their English names, should the German ones differ.
        panic!("{}", err(&header_ok));
    }
    f.import("de", &file);
    let list = f.ok("en", &["list", "--json"]);
    let leads: serde_json::Value = serde_json::from_str(&list).unwrap();
    for lead in leads.as_array().unwrap() {
        let id = lead["id"].as_str().unwrap();
        let shown: serde_json::Value =
            serde_json::from_str(&f.ok("en", &["show", "--json", id])).unwrap();
        let text = shown.to_string();
        assert!(text.contains("\"approved\""), "{text}");
        assert!(text.contains("\"decision_maker\""), "{text}");
        assert!(text.contains("\"months_3_6\""), "{text}");
    }
    let bad = f.write("bad.csv", "Firma;Budget\nGamma KG;vielleicht\n".as_bytes());
    let out = f.run("de", &["import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = err(&out);
    assert!(said.contains("„vielleicht“"), "{said}");
    assert!(
        said.contains("„Budget freigegeben und ausreichend“"),
        "{said}"
    );
    assert!(
        !said.contains("approved"),
        "ids are no words for a rep: {said}"
    );
}

#[test]
fn a_mistyped_data_folder_is_named_and_never_created_by_a_read_only_command() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("LeadQ Datn");
    let pdf_out = tmp.path().join("pdfs");
    let ics = tmp.path().join("f.ics");
    let export = tmp.path().join("x.csv");
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "abc"],
        vec!["check"],
        vec!["trash"],
        vec!["summary"],
        vec!["export", export.to_str().unwrap()],
        vec!["calendar", "-o", ics.to_str().unwrap()],
        vec!["pdf", "--all", "-o", pdf_out.to_str().unwrap()],
        vec!["delete", "abc"],
        vec!["restore", "abc"],
        vec!["framework", "export", "-"],
    ];
    for args in &commands {
        let out = leadq_in("de", &typo, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", err(&out));
        let said = err(&out);
        assert!(
            said.contains("keinen LeadQ-Ordner") && said.contains("LeadQ Datn"),
            "{args:?}: {said}"
        );
        assert!(!typo.exists(), "{args:?} created the folder");
    }
    // Frameworks need no leads: listed without a folder, and still nothing created.
    let out = leadq_in("en", &typo, &["framework", "list"]);
    assert!(out.status.success(), "{}", err(&out));
    assert!(!typo.exists());
    // An import creates the folder it imports into, and says so.
    let csv = tmp.path().join("in.csv");
    fs::write(&csv, "company\nAlpha GmbH\n").unwrap();
    let out = leadq_in("de", &typo, &["import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    assert!(
        err(&out).contains("neuer LeadQ-Ordner angelegt"),
        "{}",
        err(&out)
    );
    assert!(typo.join("leads").is_dir());
}

#[test]
fn a_folder_holding_no_leads_yet_is_read_without_writing_into_it() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = leadq_in("en", &empty, &["list"]);
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(fs::read_dir(&empty).unwrap().count(), 0, "nothing written");
}

#[test]
fn the_same_pdf_batch_twice_replaces_its_own_reports_and_nothing_else() {
    let f = Folder::new();
    let csv = f.write(
        "in.csv",
        "company,contact\nAlpha GmbH,Anna\nAlpha GmbH,Bert\nBeta AG,Carl\n".as_bytes(),
    );
    f.import("en", &csv);
    let dir = f.path("berichte");
    f.ok("en", &["pdf", "--all", "-o", dir.to_str().unwrap()]);
    let first: Vec<PathBuf> = files(&dir);
    assert_eq!(first.len(), 3);
    // A file of the rep's own under the name of the next report: never replaced.
    let own = dir.join("notes.pdf");
    fs::write(&own, b"%PDF-1.4 the rep's own").unwrap();
    let out = f.run("en", &["pdf", "--all", "-o", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", err(&out));
    assert!(err(&out).contains("3 of them replaced"), "{}", err(&out));
    assert_eq!(files(&dir).len(), 4, "{:?}", files(&dir));
    assert_eq!(fs::read(&own).unwrap(), b"%PDF-1.4 the rep's own");
    // A foreign file with a report's name gets a copy beside it, not overwritten.
    let alpha = first
        .iter()
        .find(|p| p.to_string_lossy().contains("Beta"))
        .unwrap();
    fs::write(alpha, b"%PDF-1.4 someone else's").unwrap();
    f.ok("en", &["pdf", "--all", "-o", dir.to_str().unwrap()]);
    assert_eq!(fs::read(alpha).unwrap(), b"%PDF-1.4 someone else's");
    assert_eq!(files(&dir).len(), 5);
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

#[test]
fn revenue_with_its_unit_written_out_is_read_and_a_foreign_currency_refused() {
    let f = Folder::new();
    let csv = f.write(
        "umsatz.csv",
        "Firma;Umsatz in Mio. €\nA;2,5 Mio.\nB;€ 2,5 Mio.\nC;2.5M\nD;1,5 Mrd. €\n".as_bytes(),
    );
    f.import("de", &csv);
    let list: serde_json::Value = serde_json::from_str(&f.ok("en", &["list", "--json"])).unwrap();
    let mut revenues: Vec<(String, f64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let id = l["id"].as_str().unwrap();
            let shown: serde_json::Value =
                serde_json::from_str(&f.ok("en", &["show", "--json", id])).unwrap();
            (
                shown["company"].as_str().unwrap().to_owned(),
                shown["revenue_meur"].as_f64().unwrap(),
            )
        })
        .collect();
    revenues.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        revenues,
        [
            ("A".to_owned(), 2.5),
            ("B".to_owned(), 2.5),
            ("C".to_owned(), 2.5),
            ("D".to_owned(), 1500.0)
        ]
    );
    let chf = f.write(
        "chf.csv",
        "Firma;Umsatz in Mio. €\nE;2,5 Mio. CHF\n".as_bytes(),
    );
    let out = f.run("de", &["import", chf.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(err(&out).contains("CHF"), "{}", err(&out));
}

#[test]
fn a_control_character_is_named_with_its_line_and_column() {
    let f = Folder::new();
    let csv = f.write(
        "nul.csv",
        b"company,notes\nAlpha GmbH,fine\nBeta AG,bro\x00ken\n",
    );
    let out = f.run("en", &["import", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = err(&out);
    assert!(said.contains(":3:"), "the line: {said}");
    assert!(
        said.contains("column 2") && said.contains("notes"),
        "{said}"
    );
    assert!(said.contains("U+0000 (NUL)"), "{said}");
    assert!(!said.contains("not text in UTF-8"), "{said}");
}

#[test]
fn importing_a_folder_says_it_is_a_folder() {
    let f = Folder::new();
    let dir = f.path("Exporte");
    fs::create_dir(&dir).unwrap();
    let out = f.run("de", &["import", dir.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = err(&out);
    assert!(said.contains("Ordner"), "{said}");
    assert!(!said.contains("Berechtigung"), "{said}");
}

/// A sheet with a title and an empty row above its table.
fn titled_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Messe-Kontakte Q3").unwrap();
    sheet
        .write_row(2, 0, ["Firma", "Ansprechpartner", "Branche"])
        .unwrap();
    sheet
        .write_row(3, 0, ["Nordlicht AG", "Anna Alt", "Energie"])
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_header_below_a_title_is_found_and_can_be_named() {
    let f = Folder::new();
    let file = f.write("messe.xlsx", &titled_workbook());
    let out = f.run("de", &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let said = err(&out);
    assert!(
        said.contains("Zeile 1 wurde als Kopfzeile gelesen"),
        "{said}"
    );
    assert!(said.contains("--header-row 3"), "{said}");
    let out = f.run(
        "de",
        &["import", "--header-row", "3", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", err(&out));
    assert!(f.ok("en", &["list"]).contains("Nordlicht AG"));
    // The same in a CSV file.
    let g = Folder::new();
    let csv = g.write(
        "messe.csv",
        "Messe-Kontakte Q3\n\nFirma,Branche\nSüd AG,Handel\n".as_bytes(),
    );
    let out = g.run("en", &["import", csv.to_str().unwrap()]);
    assert!(err(&out).contains("--header-row 3"), "{}", err(&out));
    let out = g.run(
        "en",
        &["import", "--header-row", "3", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", err(&out));
}

#[test]
fn two_leads_of_one_name_stay_two_when_their_export_is_imported_elsewhere() {
    let f = Folder::new();
    let csv = f.write(
        "twins.csv",
        b"company,contact,notes\nGleich GmbH,Anna Alt,erste\nGleich GmbH,Anna Alt,zweite\n",
    );
    // Imported with --on-duplicate new: two leads of one name, as a rep may keep them.
    let out = f.run(
        "en",
        &["import", "--on-duplicate", "new", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", err(&out));
    assert_eq!(f.leads_by_id().len(), 2);
    for ids in [false, true] {
        let export = f.path(&format!("export-{ids}.csv"));
        let mut args = vec!["export", export.to_str().unwrap()];
        if ids {
            args.push("--ids");
        }
        f.ok("de", &args);
        let elsewhere = Folder::new();
        elsewhere.import("de", &export);
        assert_eq!(elsewhere.leads_by_id(), f.leads_by_id(), "ids={ids}");
    }
}
