//! Spreadsheet workbooks in and out: `.xlsx` and `.ods` files as reps and CRMs save them, read
//! into the texts a rep would type; LeadQ's own `.xlsx` export read back to the texts of its CSV
//! export; and `leadq export FILE.xlsx` on the real binary.

use std::io::Write;
use std::process::Command;

use jiff::civil::Date;
use leadq::domain::{Classification, Framework, Lang, Lead, Source, Stage};
use leadq::exchange::workbook::{Workbook, WorkbookError, is_workbook, read_workbook};
use leadq::exchange::xlsx::write_xlsx;
use leadq::exchange::{Naming, parse_csv, write_csv};
use rust_xlsxwriter::{ExcelDateTime, Format};

const HUBSPOT_HEADER: [&str; 6] = [
    "First Name",
    "Last Name",
    "Company Name",
    "Email",
    "Annual Revenue",
    "Next Activity Date",
];

/// A HubSpot contacts export as Excel saves it (first sheet, typed cells), and a German sheet
/// kept by hand: a title row left empty, umlauts, a gap between the leads.
fn crm_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet();
    sheet.set_name("Contacts").unwrap();
    sheet.write_row(0, 0, HUBSPOT_HEADER).unwrap();
    sheet
        .write_row(
            1,
            0,
            ["Anna", "Schmidt", "Nordlicht AG", "anna@nordlicht.de"],
        )
        .unwrap();
    sheet.write_number(1, 4, 48_500_000).unwrap();
    let day = ExcelDateTime::from_ymd(2026, 12, 3).unwrap();
    sheet.write_datetime_with_format(1, 5, &day, &date).unwrap();
    sheet
        .write_row(2, 0, ["Ben", "Ober", "  Süd GmbH ", "ben@sued.de"])
        .unwrap();
    sheet.write_number(2, 4, 1_250_000.5).unwrap();
    let meeting = ExcelDateTime::parse_from_str("2027-01-15T14:30:00").unwrap();
    sheet
        .write_datetime_with_format(2, 5, &meeting, &when)
        .unwrap();

    let german = book.add_worksheet();
    german.set_name("Kunden").unwrap();
    german
        .write_row(
            1,
            0,
            [
                "Firma",
                "Ansprechpartner",
                "Umsatz in Mio. €",
                "Nächster Kontakt",
            ],
        )
        .unwrap();
    german
        .write_row(2, 0, ["Müller & Söhne GmbH", "Jörg Müller"])
        .unwrap();
    german.write_number(2, 2, 5.5).unwrap();
    let day = ExcelDateTime::from_ymd(2026, 2, 28).unwrap();
    german
        .write_datetime_with_format(2, 3, &day, &date)
        .unwrap();
    german.write_row(4, 0, ["Groß AG", "Zoë Weiß"]).unwrap();
    german.write_boolean(4, 2, true).unwrap();

    book.add_worksheet().set_name("Leer").unwrap();
    book.save_to_buffer().unwrap()
}

fn cells(book: &Workbook) -> Vec<Vec<&str>> {
    book.rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn a_hubspot_sheet_reads_as_the_rep_would_type_it() {
    let bytes = crm_workbook();
    assert!(is_workbook(&bytes));
    let book = read_workbook(&bytes, None).unwrap();
    assert_eq!(book.sheet, "Contacts");
    assert_eq!(book.sheets, ["Contacts", "Kunden", "Leer"]);
    assert_eq!(
        cells(&book),
        [
            HUBSPOT_HEADER.to_vec(),
            vec![
                "Anna",
                "Schmidt",
                "Nordlicht AG",
                "anna@nordlicht.de",
                "48500000",
                "2026-12-03"
            ],
            // Strings trimmed; a date with a time of day is its day.
            vec![
                "Ben",
                "Ober",
                "Süd GmbH",
                "ben@sued.de",
                "1250000.5",
                "2027-01-15"
            ],
        ]
    );
    let lines: Vec<u64> = book.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 3]);
}

#[test]
fn a_sheet_is_chosen_by_name_ignoring_case_and_keeps_its_row_numbers() {
    let book = read_workbook(&crm_workbook(), Some("KUNDEN")).unwrap();
    assert_eq!(book.sheet, "Kunden");
    assert_eq!(
        cells(&book),
        [
            vec![
                "Firma",
                "Ansprechpartner",
                "Umsatz in Mio. €",
                "Nächster Kontakt"
            ],
            vec!["Müller & Söhne GmbH", "Jörg Müller", "5.5", "2026-02-28"],
            vec!["Groß AG", "Zoë Weiß", "true", ""],
        ]
    );
    // The header is the first row with something in it; empty rows are left out, the row
    // numbers stay those the spreadsheet shows.
    let lines: Vec<u64> = book.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3, 5]);
}

#[test]
fn a_sheet_becomes_the_table_an_import_reads() {
    let table = read_workbook(&crm_workbook(), Some("Kunden"))
        .unwrap()
        .into_table(None);
    assert_eq!(
        table.format,
        leadq::exchange::TableFormat::Workbook {
            sheet: "Kunden".into(),
            sheets: vec!["Contacts".into(), "Kunden".into(), "Leer".into()],
        }
    );
    assert_eq!(table.header[0], "Firma");
    let lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5]);
    assert_eq!(table.rows[0].cell(2), "5.5");
    assert!(table.errors.is_empty());
}

#[test]
fn an_unknown_or_empty_sheet_is_an_error_that_says_what_there_is() {
    let bytes = crm_workbook();
    let e = read_workbook(&bytes, Some("Leads")).unwrap_err();
    assert_eq!(
        e,
        WorkbookError::UnknownSheet {
            name: "Leads".into(),
            sheets: vec!["Contacts".into(), "Kunden".into(), "Leer".into()],
        }
    );
    assert_eq!(
        leadq::i18n::workbook_error(Lang::En, &e),
        "the workbook has no sheet \"Leads\"; its sheets are \"Contacts\", \"Kunden\", \"Leer\""
    );
    assert_eq!(
        leadq::i18n::workbook_error(Lang::De, &e),
        "die Arbeitsmappe hat kein Tabellenblatt „Leads“; ihre Blätter sind „Contacts“, „Kunden“, „Leer“"
    );
    let e = read_workbook(&bytes, Some("leer")).unwrap_err();
    assert_eq!(e, WorkbookError::EmptySheet("Leer".into()));
    assert_eq!(
        leadq::i18n::workbook_error(Lang::De, &e),
        "das Tabellenblatt „Leer“ ist leer"
    );
}

#[test]
fn a_damaged_workbook_is_refused_with_a_reason() {
    let bytes = crm_workbook();
    // A download cut off halfway: still a ZIP by its first bytes, but not readable.
    let cut = &bytes[..bytes.len() / 2];
    assert!(is_workbook(cut));
    let e = read_workbook(cut, None).unwrap_err();
    assert!(matches!(e, WorkbookError::Unreadable(_)), "{e:?}");
    let said = leadq::i18n::workbook_error(Lang::En, &e);
    assert!(
        said.starts_with("the file is no Excel or OpenDocument workbook"),
        "{said}"
    );
    // Text is no workbook.
    assert!(!is_workbook(b"company,contact\n"));
    assert!(matches!(
        read_workbook(b"company,contact\n", None),
        Err(WorkbookError::Unreadable(_))
    ));
}

#[test]
fn no_damage_to_a_workbook_crashes_the_reader() {
    // Cut off anywhere or with a byte changed (a bad disk, a broken download): an error or a
    // sheet, never a panic that would take the window with it.
    let bytes = crm_workbook();
    let step = (bytes.len() / 60).max(1);
    for at in (0..bytes.len()).step_by(step) {
        let _ = read_workbook(&bytes[..at], None);
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x5a;
        let _ = read_workbook(&flipped, Some("Kunden"));
    }
}

/// An OpenDocument spreadsheet as LibreOffice saves one, reduced to what the format requires:
/// `mimetype` first and stored, the manifest, and `content.xml` with a float and a date cell.
/// Built with the `zip` crate calamine already uses (a dev-dependency of the same version and
/// features, so nothing new is compiled) rather than with `spreadsheet-ods`, which would bring
/// chrono, nom, ICU locale data and a second zip and quick-xml into the build for one test.
fn ods(rows: &str) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#,
    )
    .unwrap();
    zip.start_file("content.xml", SimpleFileOptions::default())
        .unwrap();
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:spreadsheet>
  <table:table table:name="Leads">{rows}</table:table>
  <table:table table:name="Notizen"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
 </office:spreadsheet></office:body>
</office:document-content>"#
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

fn text_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_opendocument_sheet_reads_like_an_excel_one() {
    let header: String = ["Firma", "Umsatz", "Nächster Kontakt", "Aktiv"]
        .map(text_cell)
        .concat();
    let row = format!(
        r#"{}<table:table-cell office:value-type="float" office:value="48500000"><text:p>48.500.000</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-12-03T09:15:00"><text:p>03.12.26</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSCH</text:p></table:table-cell>"#,
        text_cell("Bäckerei Öz")
    );
    let second = format!(
        r#"{}<table:table-cell office:value-type="float" office:value="0.25"/><table:table-cell office:value-type="date" office:date-value="2027-01-31"/>"#,
        text_cell("Groß &amp; Klein")
    );
    let bytes = ods(&format!(
        "<table:table-row>{header}</table:table-row><table:table-row>{row}</table:table-row><table:table-row>{second}</table:table-row>"
    ));
    assert!(is_workbook(&bytes));
    let book = read_workbook(&bytes, None).unwrap();
    assert_eq!(book.sheets, ["Leads", "Notizen"]);
    assert_eq!(
        cells(&book),
        [
            vec!["Firma", "Umsatz", "Nächster Kontakt", "Aktiv"],
            vec!["Bäckerei Öz", "48500000", "2026-12-03", "false"],
            vec!["Groß & Klein", "0.25", "2027-01-31", ""],
        ]
    );
    assert_eq!(
        read_workbook(&bytes, Some("notizen")).unwrap().rows.len(),
        1
    );
}

fn sample_leads() -> Vec<Lead> {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    let now = jiff::Timestamp::UNIX_EPOCH;
    let mut full = Lead::new(uuid::Uuid::from_u128(1), now);
    full.company = "Müller & Söhne GmbH".into();
    full.contact = "Jörg Müller".into();
    full.email = "jm@mueller.de".into();
    full.phone = "0049 30 1234".into();
    full.crm_id = "0031".into();
    full.revenue_meur = Some(48.5);
    full.source = Source::Event;
    full.stage = Stage::Sql;
    full.notes = "zwei\nZeilen, mit \"Anführung\"".into();
    full.follow_up = Some(Date::constant(2026, 12, 3));
    for (criterion, answer) in [
        ("budget", "approved"),
        ("authority", "decision_maker"),
        ("need", "strong_fit"),
        ("time", "under_3_months"),
    ] {
        full.set_answer(&fw, &rules, criterion, answer, now);
    }
    let mut sparse = Lead::new(uuid::Uuid::from_u128(2), now);
    sparse.company = "=Formel AG".into();
    sparse.revenue_meur = Some(0.1 + 0.2);
    // An answer kept from another framework: an extra column after the derived ones.
    sparse.assessment.set_answer("decision_process", "mapped");
    let mut zero = Lead::new(uuid::Uuid::from_u128(3), now);
    zero.revenue_meur = Some(0.0);
    vec![full, sparse, zero]
}

/// The rows of LeadQ's own comma CSV export, as the importer reads its text (the apostrophe
/// that guards a formula-like cell taken away again).
fn csv_rows(
    leads: &[Lead],
    fw: &Framework,
    rules: &Classification,
    naming: Naming,
) -> Vec<Vec<String>> {
    let mut bytes = Vec::new();
    write_csv(&mut bytes, leads, fw, rules, false, naming).unwrap();
    let table = parse_csv(&bytes, fw).unwrap().table;
    std::iter::once(table.header)
        .chain(table.rows.into_iter().map(|r| r.cells))
        .collect()
}

#[test]
fn the_xlsx_export_reads_back_to_the_texts_of_the_csv_export() {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    let leads = sample_leads();
    for naming in [
        Naming::Ids,
        Naming::Words(Lang::De),
        Naming::Words(Lang::En),
    ] {
        let bytes = write_xlsx(&leads, &fw, &rules, naming).unwrap();
        let book = read_workbook(&bytes, None).unwrap();
        let mut read: Vec<Vec<String>> = book.rows.iter().map(|r| r.cells.clone()).collect();
        let csv = csv_rows(&leads, &fw, &rules, naming);
        // A workbook keeps typed cells: its date and boolean read back as ISO and true/false,
        // where a CSV file in words writes them as the language does.
        if naming != Naming::Ids {
            for (row, csv_row) in read.iter_mut().zip(&csv).skip(1) {
                for (cell, csv_cell) in row.iter_mut().zip(csv_row) {
                    let date = leadq::exchange::parse_date(csv_cell).map(|d| d.to_string());
                    if date.as_deref() == Some(cell.as_str())
                        || matches!(cell.as_str(), "true" | "false")
                        || csv_cell.replace(',', ".") == *cell
                    {
                        *cell = csv_cell.clone();
                    }
                }
            }
        }
        assert_eq!(read, csv, "{naming:?}");
        assert_eq!(read[0].last().map(String::as_str), Some("decision_process"));
        // And the CSV importer, fed those texts, gets the leads back.
        let mut again = Vec::new();
        {
            let mut writer = csv::Writer::from_writer(&mut again);
            for row in &read {
                writer.write_record(row).unwrap();
            }
        }
        let parsed = parse_csv(&again, &fw).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.rows.len(), 3);
        assert_eq!(
            parsed.rows[1].text(leadq::domain::Field::Company),
            "=Formel AG"
        );
    }
}

#[test]
fn the_xlsx_export_has_typed_cells() {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    let bytes = write_xlsx(&sample_leads(), &fw, &rules, Naming::Ids).unwrap();
    let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
    // Frozen below the header, filtered, revenue a number, the follow-up a date serial
    // (46359 = 2026-12-03), provisional a boolean.
    assert!(
        sheet.contains(r#"<pane ySplit="1" topLeftCell="A2""#),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "{sheet}");
    assert!(sheet.contains("<v>48.5</v>"), "{sheet}");
    assert!(sheet.contains("<v>46359</v>"), "{sheet}");
    assert!(sheet.contains(r#"t="b"><v>0</v>"#), "{sheet}");
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(
        styles.contains("yyyy-mm-dd") && styles.contains("<b/>"),
        "{styles}"
    );
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn leadq_export_writes_a_workbook_for_an_xlsx_name() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en"])
            .args(args)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let input = tmp.path().join("in.csv");
    std::fs::write(
        &input,
        "company,contact,revenue_meur,follow_up,budget\nMüller & Söhne GmbH,Jörg Müller,48.5,2026-12-03,approved\nGroß AG,Zoë Weiß,,,\n",
    )
    .unwrap();
    run(&["import", input.to_str().unwrap()]);
    let xlsx = tmp.path().join("Leads.XLSX");
    let said = run(&["export", "--ids", xlsx.to_str().unwrap()]);
    assert!(said.contains("exported 2 leads to"), "{said}");
    let book = read_workbook(&std::fs::read(&xlsx).unwrap(), None).unwrap();
    // The same texts as the CSV export (after its byte-order mark).
    let csv_path = tmp.path().join("out.csv");
    run(&["export", "--ids", csv_path.to_str().unwrap()]);
    let csv_bytes = std::fs::read(&csv_path).unwrap();
    assert!(csv_bytes.starts_with(b"\xEF\xBB\xBF"));
    let from_csv: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let from_xlsx: Vec<Vec<String>> = book.rows.iter().map(|r| r.cells.clone()).collect();
    assert_eq!(from_xlsx, from_csv);
    let head = &from_xlsx[0];
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    // Both leads were imported at the same moment: their order is by id, so find them by name.
    let row = |company: &str| {
        from_xlsx
            .iter()
            .find(|r| r[at("company")] == company)
            .unwrap()
    };
    assert_eq!(row("Müller & Söhne GmbH")[at("revenue_meur")], "48.5");
    assert_eq!(row("Müller & Söhne GmbH")[at("follow_up")], "2026-12-03");
    assert_eq!(row("Groß AG")[at("contact")], "Zoë Weiß");
    assert_eq!(from_xlsx.len(), 3);
}

/// `leadq import` of a workbook: the first sheet as a HubSpot export (names joined, revenue in
/// euros converted, a date cell), `--sheet` for the German one, and the same file again changes
/// no count (the leads are found by e-mail).
#[test]
fn leadq_import_reads_workbooks_sheet_by_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let file = tmp.path().join("export.xlsx");
    std::fs::write(&file, crm_workbook()).unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--lang", "en"])
            .args(args)
            .env_remove("LEADQ_DATA_DIR")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        // 3: imported, with bad rows left out (--skip-invalid).
        assert!(matches!(out.status.code(), Some(0 | 3)), "{args:?}: {said}");
        (String::from_utf8(out.stdout).unwrap(), said)
    };
    let path = file.to_str().unwrap();
    let (_, said) = run(&["import", path]);
    assert!(said.contains("read the sheet \"Contacts\""), "{said}");
    // The German sheet has a row with text in the revenue: left out, and named.
    let (_, said) = run(&["import", "--sheet", "kunden", "--skip-invalid", path]);
    assert!(said.contains("export.xlsx:5: Revenue:"), "{said}");
    assert!(said.contains("1 new, 0 updated"), "{said}");
    let (_, said) = run(&["import", path]);
    assert!(said.contains("0 new, 2 updated"), "{said}");
    let (json, _) = run(&["list", "--json"]);
    let leads: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(leads.len(), 3);
    let lead = |company: &str| {
        leads
            .iter()
            .find(|l| l["company"] == company)
            .unwrap_or_else(|| panic!("{company}"))
            .clone()
    };
    let nordlicht = lead("Nordlicht AG");
    assert_eq!(nordlicht["contact"], "Anna Schmidt");
    assert_eq!(nordlicht["revenue_meur"], 48.5);
    assert_eq!(nordlicht["follow_up"], "2026-12-03");
    assert_eq!(lead("Süd GmbH")["follow_up"], "2027-01-15");
    let mueller = lead("Müller & Söhne GmbH");
    assert_eq!(mueller["contact"], "Jörg Müller");
    assert_eq!(mueller["revenue_meur"], 5.5);
    assert_eq!(mueller["follow_up"], "2026-02-28");
}
