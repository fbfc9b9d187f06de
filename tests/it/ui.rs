//! Drives the real window through its accessibility labels, as a rep (or a screen reader) would.

use leadq::domain::Field;
use std::fs;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use leadq::domain::Lang;
use leadq::ui::{LeadqApp, build_app, install_fonts};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        // The day the snapshots were taken: due follow-ups and the overview's counts depend on
        // it, and a snapshot must look the same on every day the tests run.
        leadq::clock::fix_today(jiff::civil::date(2026, 11, 30));
        Setup {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    /// The window as a rep with these personal settings sees it.
    fn harness_sized(&self, lang: Lang, theme: &str, size: [f32; 2]) -> Harness<'static, LeadqApp> {
        let config = self.dir.path().join("config");
        fs::create_dir_all(&config).unwrap();
        fs::write(
            config.join("settings.ron"),
            format!("(lang: Some({}), theme: {theme})", lang.code()),
        )
        .unwrap();
        let app = build_app(Some(&self.data()), Some(config), None, Box::new(|| {})).unwrap();
        let mut h = Harness::builder()
            .with_size(size)
            .with_render_cursor(false)
            .with_context_setup(install_fonts)
            .build_ui_state(|ui: &mut egui::Ui, app: &mut LeadqApp| app.show(ui), app);
        h.run();
        h
    }

    fn harness(&self, lang: Lang) -> Harness<'static, LeadqApp> {
        self.harness_sized(lang, "light", [1280.0, 800.0])
    }

    fn import(&self, csv: &str) {
        let file = self.dir.path().join("in.csv");
        fs::write(&file, csv).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_leadq"))
            .arg("--data-dir")
            .arg(self.data())
            .arg("import")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn lead_files(data: &Path) -> Vec<String> {
    fs::read_dir(data.join("leads"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

fn pick(h: &mut Harness<'_, LeadqApp>, answers: &[&str]) {
    for a in answers {
        // The BANT chips sit lower in the form than an 800 px window shows.
        h.get_by_label(a).scroll_to_me();
        h.run();
        h.get_by_label(a).click();
        h.run();
    }
}

#[test]
fn new_lead_by_shortcut_then_typing_the_company_saves_it() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    assert!(h.query_by_label("Willkommen bei LeadQ").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    let company = h.get_by_label("Firma");
    assert!(
        company.is_focused(),
        "Ctrl+N puts the cursor into the company field"
    );
    company.type_text("Müller Maschinenbau GmbH");
    h.run();
    assert_eq!(
        h.state().model.selected().unwrap().lead.company,
        "Müller Maschinenbau GmbH"
    );
    h.state_mut().model.flush();
    let files = lead_files(&s.data());
    assert_eq!(files.len(), 1);
    assert!(
        files[0].contains("company: \"Müller Maschinenbau GmbH\""),
        "{}",
        files[0]
    );
}

#[test]
fn picking_answers_updates_score_class_and_reason_at_once() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Neuer Lead").click();
    h.run();
    assert!(h.query_by_label("Score –").is_some());
    assert!(h.query_by_label("Noch nicht bewertet").is_some());
    pick(
        &mut h,
        &[
            "Budget freigegeben und ausreichend",
            "Entscheider, Prozess bekannt",
            "klarer Bedarf, Lösung passt",
        ],
    );
    assert!(h.query_by_label("Score 75").is_some());
    assert!(h.query_by_label_contains("vorläufig – 1 von 4").is_some());
    // The list marks the provisional class too.
    assert!(h.query_by_label_contains("Klasse B (vorläufig)").is_some());
    // The example lead: a decision in about ten months is a B lead (docs/scoring.md).
    pick(&mut h, &["in 6–12 Monaten"]);
    assert!(h.query_by_label("Score 87").is_some());
    assert!(h.query_by_label("Klasse B").is_some());
    assert!(
        h.query_by_label_contains(
            "B-Lead mit 87 Punkten. Für einen A-Lead fehlt: Zeitrahmen „in unter 3 Monaten“"
        )
        .is_some()
    );
    assert!(h.query_by_label_contains("vorläufig").is_none());
    assert!(h.query_by_label_contains("Klasse B, Score 87").is_some());
    assert!(
        h.query_by_label_contains("Mit Zeitrahmen „in 3–6 Monaten“ wäre es ein A-Lead")
            .is_some()
    );
    pick(&mut h, &["in 3–6 Monaten"]);
    assert!(h.query_by_label("Klasse A").is_some());
}

#[test]
fn a_knockout_shows_c_with_its_reason() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Neuer Lead").click();
    h.run();
    pick(
        &mut h,
        &[
            "Entscheider, Prozess bekannt",
            "klarer Bedarf, Lösung passt",
            "in unter 3 Monaten",
            "kein Budget",
        ],
    );
    assert!(h.query_by_label("Klasse C").is_some());
    assert!(
        h.query_by_label_contains("Budget ist „kein Budget“ – das schließt den Lead aus.")
            .is_some()
    );
}

#[test]
fn contact_fields_save_and_a_malformed_email_gets_a_hint_not_a_block() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Neuer Lead").click();
    h.run();
    h.get_by_label("E-Mail").click();
    h.run();
    h.get_by_label("E-Mail").type_text("jörg.müller");
    h.run();
    // A hint, and the text is kept as typed.
    assert!(
        h.query_by_label_contains("Sieht nicht wie eine E-Mail-Adresse aus")
            .is_some()
    );
    h.get_by_label("E-Mail").type_text("@müller-söhne.de");
    h.run();
    assert!(
        h.query_by_label_contains("Sieht nicht wie eine E-Mail-Adresse aus")
            .is_none()
    );
    // The address opens the mail program from a button named for it.
    assert!(h.query_by_label("E-Mail schreiben").is_some());
    h.get_by_label("Website").click();
    h.run();
    h.get_by_label("Website").type_text("mueller-soehne.de");
    h.run();
    assert!(h.query_by_label("Website im Browser öffnen").is_some());
    h.state_mut().model.flush();
    let files = lead_files(&s.data());
    assert!(
        files[0].contains("email: \"jörg.müller@müller-söhne.de\""),
        "{}",
        files[0]
    );
    assert!(files[0].contains("website: \"mueller-soehne.de\""));
    // One undo step per field: undoing takes the website away, the e-mail stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let lead = &h.state().model.selected().unwrap().lead;
    assert_eq!(lead.text(Field::Website), "");
    assert_eq!(lead.email, "jörg.müller@müller-söhne.de");
}

/// Waits until the file given to the import is read and its preview is up.
fn wait_for_preview(h: &mut Harness<'static, LeadqApp>) {
    for _ in 0..500 {
        if !h.state().import_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

#[test]
fn a_title_above_the_table_is_found_and_one_click_reads_the_real_header() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    let file = s.dir.path().join("messe.csv");
    fs::write(
        &file,
        "sep=;\nMesse-Kontakte Q3;;\n;;\nFirma;Ansprechpartner;Branche\nNordlicht AG;Anna Alt;Energie\n",
    )
    .unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().start_import(&ctx, Some(file));
    wait_for_preview(&mut h);
    assert!(
        h.query_by_label_contains("Zeile 2 wurde als Kopfzeile gelesen")
            .is_some()
    );
    assert!(h.query_by_label("1 Lead importieren").is_none());
    h.get_by_label("Zeile 4 als Kopfzeile nehmen").click();
    // The file is read again in the background (a spinner shows meanwhile).
    h.step();
    wait_for_preview(&mut h);
    assert!(
        h.query_by_label_contains("Zeile 2 wurde als Kopfzeile")
            .is_none()
    );
    assert!(h.query_by_label("Nordlicht AG").is_some());
    h.get_by_label("1 Lead importieren").click();
    h.run();
    let names: Vec<String> = h
        .state()
        .model
        .entries()
        .iter()
        .map(|e| e.lead.company.clone())
        .collect();
    assert_eq!(names, ["Nordlicht AG"]);
}

#[test]
fn importing_a_file_previews_it_and_imports_it_as_one_undo_step() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    // What German Excel saves: Windows-1252, `;`, CRLF, the window's labels as the header, a
    // column LeadQ has no field for, and one bad row.
    let text = "Firma;Ansprechpartner;E-Mail;Umsatz in Mio. €;Kontaktinhaber\r\nMüller & Söhne GmbH;Jörg Müller;jm@mueller.de;5,5;Lisa\r\nBäckerei Groß;Zoë Weiß;;abc;Tom\r\nNordlicht AG;Jana Petersen;;48,5;Lisa\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let file = s.dir.path().join("kunden.csv");
    fs::write(&file, &bytes).unwrap();
    // As a drop on the window or the Open dialog would hand it over.
    let ctx = h.ctx.clone();
    h.state_mut().start_import(&ctx, Some(file));
    for _ in 0..500 {
        if !h.state().import_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(
        h.query_by_label_contains("gelesen als windows-1252, getrennt durch „;“ · 3 Zeilen")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Ignorierte Spalten (kein passendes Feld): „Kontaktinhaber“")
            .is_some()
    );
    h.snapshot("import_preview");
    assert!(h.query_by_label_contains("Zeile 3: Umsatz:").is_some());
    // The preview shows the rows as the fields they fill, umlauts intact.
    assert!(h.query_by_label("Müller & Söhne GmbH").is_some());
    assert!(h.query_by_label("jm@mueller.de").is_some());
    assert!(
        h.query_by_label_contains("1 fehlerhafte Zeile wird ausgelassen")
            .is_some()
    );
    h.get_by_label("2 Leads importieren").click();
    h.run();
    let names: Vec<String> = h
        .state()
        .model
        .entries()
        .iter()
        .map(|e| e.lead.company.clone())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Müller & Söhne GmbH".to_owned()));
    assert!(
        h.query_by_label_contains("Importiert: 2 neu, 0 aktualisiert")
            .is_some()
    );
    // One undo step takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().model.entries().is_empty());
}

/// Starts an import of `file` as a drop would, and waits until the preview shows.
fn preview(h: &mut Harness<'_, LeadqApp>, file: PathBuf) {
    let ctx = h.ctx.clone();
    h.state_mut().start_import(&ctx, Some(file));
    for _ in 0..500 {
        if !h.state().import_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

#[test]
fn a_column_mapped_by_drop_down_imports_and_is_remembered_and_duplicates_update() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    let file = s.dir.path().join("messe.csv");
    fs::write(
        &file,
        "Kunde,Ansprechpartner,E-Mail,Info\nAlpha GmbH,Anna Alt,anna@alpha.de,Stand 4\n",
    )
    .unwrap();
    preview(&mut h, file.clone());
    assert!(
        h.query_by_label_contains("Ignorierte Spalten (kein passendes Feld): „Kunde“, „Info“")
            .is_some()
    );
    h.get_by_label("Spalte „Kunde“").click();
    h.run();
    h.get_by_label("Firma").click();
    h.run();
    h.get_by_label("Spalte „Info“").click();
    h.run();
    h.get_by_label("Notizen").click();
    h.run();
    assert!(h.query_by_label_contains("Ignorierte Spalten").is_none());
    h.get_by_label("1 Lead importieren").click();
    h.run();
    let lead = &h.state().model.entries()[0].lead;
    assert_eq!(
        (
            lead.company.as_str(),
            lead.contact.as_str(),
            lead.notes.as_str()
        ),
        ("Alpha GmbH", "Anna Alt", "Stand 4")
    );

    // The same export again: the mapping is remembered, the row is a duplicate by e-mail and
    // updates the lead unless the rep says otherwise.
    fs::write(&file, "Kunde,Ansprechpartner,E-Mail,Info\nAlpha GmbH,Anna Alt,anna@alpha.de,Stand 7\nBeta KG,Bernd,,\n").unwrap();
    preview(&mut h, file);
    assert!(h.query_by_label_contains("Ignorierte Spalten").is_none());
    assert!(
        h.query_by_label_contains("gleiche E-Mail wie „Alpha GmbH“")
            .is_some()
    );
    h.snapshot("import_preview_duplicates");
    h.get_by_label("Dublette in Zeile 2").click();
    h.run();
    h.get_by_label("Überspringen").click();
    h.run();
    h.get_by_label("1 Lead importieren").click();
    h.run();
    let entries = h.state().model.entries();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].lead.notes, "Stand 4", "skipped, so unchanged");
}

/// A BANT folder with one lead, an A at 90 points (its budget is being planned), in German.
fn one_bant_lead_at_90() -> (Setup, Harness<'static, LeadqApp>) {
    let s = Setup::new();
    s.import("company,contact,budget,authority,need,time\nAlpha GmbH,Anna,planned,decision_maker,strong_fit,under_3_months\n");
    let h = s.harness(Lang::De);
    assert_eq!(h.state().model.entries()[0].brief.score, 90);
    (s, h)
}

#[test]
fn the_framework_editor_previews_a_change_of_points_and_saves_it() {
    let (_folder, mut h) = one_bant_lead_at_90();
    let score = |h: &Harness<'_, LeadqApp>| h.state().model.entries()[0].brief.score;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Modell bearbeiten …").click();
    h.run();
    assert!(
        h.query_by_label("Beim Speichern ändert kein Lead seine Klasse.")
            .is_some()
    );
    h.get_by_label("Punkte: Budget – Budget in Planung")
        .set_value_accesskit(0.0);
    h.run();
    assert!(
        h.query_by_label("Beim Speichern ändern 1 Leads ihre Klasse (A 1 → 0, B 0 → 1, C 0 → 0).")
            .is_some()
    );
    // A problem is named with what to fix, and Save waits until it is fixed.
    let knockout = "K.-o.: Budget – Budget freigegeben und ausreichend";
    h.get_by_label(knockout).click();
    h.run();
    assert!(
        h.query_by_label_contains("hat eine K.-o.-Antwort die meisten Punkte")
            .is_some()
    );
    h.snapshot("framework_editor");
    h.get_by_label("Speichern").click();
    h.run();
    assert_eq!(score(&h), 90, "not saved while the draft has a problem");
    h.get_by_label(knockout).click();
    h.run();
    h.get_by_label("Speichern").click();
    h.run();
    assert_eq!(score(&h), 75, "the lead is scored by the saved framework");
    assert!(
        h.query_by_label("Qualifizierungsmodell bearbeiten")
            .is_none()
    );
}

/// A file dropped on the window, as the platform integration hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `file` on the window, as a rep drags it from the mail program, and waits until
/// `label` shows.
fn drop_and_wait_for(h: &mut Harness<'_, LeadqApp>, file: PathBuf, label: &str) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file)));
    for _ in 0..500 {
        h.step();
        if h.query_by_label_contains(label).is_some() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{label:?} did not show");
}

#[test]
fn a_framework_file_from_the_manager_opens_in_the_editor_and_is_used_on_save() {
    let (s, mut h) = one_bant_lead_at_90();
    let score = |h: &Harness<'_, LeadqApp>| h.state().model.entries()[0].brief.score;

    // Not a framework: named with the file and what it should be; nothing changes.
    let broken = s.dir.path().join("Kunden.ron");
    fs::write(&broken, "Firma;Ansprechpartner\nMüller AG;Anna\n").unwrap();
    drop_and_wait_for(&mut h, broken, "Das Modell konnte nicht importiert werden");
    assert!(
        h.query_by_label_contains("Kunden.ron: das ist keine Datei mit einem Bewertungsschema")
            .is_some()
    );
    assert!(
        h.query_by_label("Qualifizierungsmodell bearbeiten")
            .is_none()
    );
    assert_eq!(h.state().model.framework().id, "bant");

    // The manager's BANT, where a budget being planned earns nothing, as Export… writes it.
    let mut team = leadq::domain::template("bant").unwrap().clone();
    team.framework.name = leadq::domain::Text::new("BANT (Vertrieb Nord)", "BANT (sales north)");
    team.framework.criteria[0].options[3].points = 0;
    let file = s.dir.path().join("BANT (Vertrieb Nord).ron");
    fs::write(&file, team.to_ron().unwrap()).unwrap();
    drop_and_wait_for(&mut h, file, "Qualifizierungsmodell bearbeiten");
    assert!(
        h.query_by_label("Beim Speichern ändern 1 Leads ihre Klasse (A 1 → 0, B 0 → 1, C 0 → 0).")
            .is_some()
    );
    assert_eq!(score(&h), 90, "nothing is used before Save");
    assert!(h.query_by_label("Exportieren …").is_some());
    h.get_by_label("Speichern").click();
    h.run();
    assert_eq!(score(&h), 75);
    assert_eq!(h.state().model.framework().name.de, "BANT (Vertrieb Nord)");
    wait_for_framework_file(&mut h, &s.data(), "Vertrieb Nord");
}

#[test]
fn a_new_folder_asks_which_framework_the_team_uses() {
    let s = Setup::new();
    let mut h = s.harness(Lang::En);
    h.get_by_label("Your team qualifies by").click();
    h.run();
    h.get_by_label("CHAMP").click();
    h.run();
    assert_eq!(h.state().model.framework().id, "champ");
    h.get_by_label("New lead").click();
    h.run();
    assert!(h.query_by_label("Step 2 · CHAMP assessment").is_some());
}

#[test]
fn the_team_switches_framework_in_the_settings_and_back_without_losing_an_answer() {
    let s = Setup::new();
    s.import("company,contact,budget,authority,need,time\nAlpha GmbH,Anna,approved,decision_maker,strong_fit,under_3_months\n");
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Alpha GmbH,").click();
    h.run();
    let score = |h: &Harness<'_, LeadqApp>| h.state().model.entries()[0].brief.score;
    assert_eq!(score(&h), 100);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    assert!(
        h.query_by_label("Das Team qualifiziert nach BANT.")
            .is_some()
    );
    h.get_by_label("Qualifizierungsmodell des Teams").click();
    h.run();
    h.get_by_label("MEDDIC").click();
    h.run();
    // Before anything changes: what the switch would do.
    assert!(
        h.query_by_label_contains("Beim Wechsel ändern 1 Leads ihre Klasse (A 1 → 0")
            .is_some()
    );
    h.get_by_label("MEDDIC übernehmen").click();
    h.run();
    assert_eq!(h.state().model.framework().id, "meddic");
    assert_eq!(score(&h), 0);
    assert!(h.query_by_label("Schritt 2 · MEDDIC-Bewertung").is_some());
    // The BANT answers stay, read-only, under "from another framework".
    assert!(
        h.query_by_label("Aus einem anderen Qualifizierungsmodell")
            .is_some()
    );
    assert!(h.query_by_label("Zeitrahmen (BANT)").is_some());
    h.snapshot("framework_meddic");

    h.get_by_label("Qualifizierungsmodell des Teams").click();
    h.run();
    h.get_by_label("BANT").click();
    h.run();
    h.get_by_label("BANT übernehmen").click();
    h.run();
    assert_eq!(score(&h), 100, "the answers count again");
    // The worker wrote the team's framework into the data folder.
    wait_for_framework_file(&mut h, &s.data(), "id: \"bant\"");
}

/// Waits until the worker has written the team's framework, with `text` in it, into the folder.
fn wait_for_framework_file(h: &mut Harness<'_, LeadqApp>, data: &Path, text: &str) {
    for _ in 0..200 {
        let written = fs::read_to_string(data.join("framework.ron")).unwrap_or_default();
        if written.contains(text) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("framework.ron was not written with {text:?}");
}

#[test]
fn switching_the_language_changes_the_labels() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Beispiel-Lead").click();
    h.run();
    assert!(h.query_by_label("Firma").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_label("Sprache").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("Company").is_some());
    assert!(h.query_by_label("Firma").is_none());
    assert!(
        h.query_by_label_contains("instead of “in 6–12 months”.")
            .is_some()
    );
}

#[test]
fn delete_then_undo_brings_the_lead_back() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Beispiel-Lead").click();
    h.run();
    h.state_mut().model.flush();
    assert_eq!(lead_files(&s.data()).len(), 1);
    // Delete is the list's key: it acts once the lead's row has the focus (a click gives it).
    h.get_by_label_contains("Max Mustermann GmbH, ").click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().model.entries().is_empty());
    assert!(h.query_by_label_contains("liegt im Papierkorb").is_some());
    h.state_mut().model.flush();
    assert!(lead_files(&s.data()).is_empty());
    h.get_by_label("Rückgängig").click();
    h.run();
    assert_eq!(h.state().model.entries().len(), 1);
    h.state_mut().model.flush();
    assert_eq!(lead_files(&s.data()).len(), 1);
    assert!(h.query_by_label("Score 87").is_some());
}

#[test]
fn delete_key_in_a_text_field_does_not_delete_the_lead() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Firma").type_text("ACME");
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().model.entries().len(), 1);
}

#[test]
fn search_narrows_the_list() {
    let s = Setup::new();
    s.import("company,contact,industry,notes\nAlpha Maschinenbau GmbH,Anna,Maschinenbau,\nBeta Handel KG,Bernd,Handel,\nGamma Logistik AG,Gina,Logistik,trifft Entscheidung im März\n");
    let mut h = s.harness(Lang::De);
    assert!(h.query_by_label("3 von 3 Leads").is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let search = h.get_by_label("Suche");
    assert!(search.is_focused());
    search.type_text("logist");
    h.run();
    assert!(h.query_by_label("1 von 3 Leads").is_some());
    assert!(h.query_by_label_contains("Gamma Logistik AG").is_some());
    assert!(h.query_by_label_contains("Beta Handel KG").is_none());
    // Notes are searched too.
    h.get_by_label("Suche").type_text("x");
    h.run();
    assert!(h.query_by_label("0 von 3 Leads").is_some());
}

#[test]
fn bad_revenue_shows_a_message_and_keeps_the_last_value() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Beispiel-Lead").click();
    h.run();
    let field = h.get_by_label("Umsatz in Mio. €");
    field.focus();
    h.run();
    h.get_by_label("Umsatz in Mio. €").type_text("x");
    h.run();
    assert!(
        h.query_by_label_contains("Gespeichert bleibt 5 Mio. €")
            .is_some()
    );
    assert_eq!(
        h.state().model.selected().unwrap().lead.revenue_meur,
        Some(5.0)
    );
}

#[test]
fn quarantined_files_are_shown_in_a_banner() {
    let s = Setup::new();
    s.import("company\nIntakt GmbH\n");
    fs::write(
        s.data().join("leads").join("kaputt.ron"),
        "Lead(version: 1, id: ",
    )
    .unwrap();
    let h = s.harness(Lang::De);
    assert!(
        h.query_by_label_contains("1 Datei(en) konnten nicht geladen werden")
            .is_some()
    );
    assert!(h.query_by_label_contains("kaputt.ron").is_some());
    assert!(s.data().join("quarantine").join("kaputt.ron").exists());
    assert!(h.query_by_label_contains("Intakt GmbH").is_some());
}

/// The main window at its minimum size, with the example lead.
fn snapshot(theme: &str, name: &str) {
    let s = Setup::new();
    let mut h = s.harness_sized(Lang::De, theme, [1024.0, 640.0]);
    h.get_by_label("Beispiel-Lead").click();
    h.run();
    h.snapshot(name);
}

#[test]
fn snapshot_light() {
    snapshot("light", "main_light");
}

#[test]
fn snapshot_dark() {
    snapshot("dark", "main_dark");
}

#[test]
fn the_pdf_button_asks_for_a_company_first() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("Als PDF speichern").scroll_to_me();
    h.run();
    h.get_by_label("Als PDF speichern").click();
    h.run();
    let message = "Für das PDF braucht der Lead einen Firmennamen.";
    assert!(h.query_by_label(message).is_some());
    // Ctrl+S is the same command.
    h.state_mut().toast = None;
    h.run();
    assert!(h.query_by_label(message).is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label(message).is_some());
}

#[test]
fn exporting_the_filtered_list_writes_one_pdf_per_shown_lead() {
    let s = Setup::new();
    s.import("company,budget\nAlpha GmbH,approved\nBeta KG,none\nGamma AG,approved\n");
    let mut h = s.harness(Lang::De);
    h.get_by_label("Suche").focus();
    h.run();
    h.get_by_label("Suche").type_text("Gamma");
    h.run();
    let shown = h.state_mut().model.visible().len();
    assert!(
        (1..3).contains(&shown),
        "the search narrows the list: {shown}"
    );
    let out = s.dir.path().join("pdfs");
    let ctx = h.ctx.clone();
    h.state_mut().export_shown(
        &ctx,
        leadq::app::pdf_batch::Destination::Folder(out.clone()),
    );
    let start = std::time::Instant::now();
    while h.state().batch.is_some() {
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert!(h.query_by_label_contains("PDFs gespeichert in").is_some());
    assert_eq!(fs::read_dir(&out).unwrap().count(), shown);
}

#[test]
fn history_window_shows_the_score_over_time() {
    let s = Setup::new();
    let leads = s.data().join("leads");
    fs::create_dir_all(&leads).unwrap();
    let mut text = fs::read_to_string("tests/fixtures/v1/full.ron").unwrap();
    text = text.replace(
        "    history: [\n",
        "    history: [\n        HistoryEntry(at: \"2026-11-03T09:00:00Z\", criterion: \"need\", from: \"unknown\", to: \"latent\", score_after: 8),\n        HistoryEntry(at: \"2026-11-06T09:00:00Z\", criterion: \"authority\", from: \"unknown\", to: \"influencer\", score_after: 18),\n",
    );
    fs::write(leads.join("7d1f2c3a-9b8e-4f60-a1b2-c3d4e5f60718.ron"), text).unwrap();
    let mut h = s.harness_sized(Lang::De, "light", [1024.0, 640.0]);
    h.get_by_label("Verlauf").click();
    h.run();
    assert!(
        h.query_by_label_contains("Bedarf: ungeklärt → latenter Bedarf")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Budget: ungeklärt → Budget in Planung")
            .is_some()
    );
    h.snapshot("history");
}

/// The window at the sizes reps have (logical points): 1366×768 at 125 % less a taskbar,
/// 1280×720 at 100 %, a small 800×600 window, 1366×768 at 150 % and 1920×1080 at 200 % (each
/// less a taskbar and a title bar).
const LAPTOP_SIZES: [(f32, f32, &str); 5] = [
    (1093.0, 614.0, "laptop_1093x614"),
    (1280.0, 720.0, "laptop_1280x720"),
    (800.0, 600.0, "small_800x600"),
    (911.0, 455.0, "laptop_150_percent_911x455"),
    (960.0, 490.0, "full_hd_200_percent_960x490"),
];

fn assert_in_window(h: &Harness<'_, LeadqApp>, label: &str, size: (f32, f32)) {
    let rect = h.get_by_label(label).rect();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size.0, size.1));
    assert!(
        window.contains_rect(rect),
        "{label} at {rect:?} lies outside the {}×{} window",
        size.0,
        size.1
    );
}

#[test]
fn the_pdf_button_and_the_class_are_in_sight_at_laptop_sizes() {
    let mut snapshots = egui_kittest::SnapshotResults::new();
    for (w, h_, name) in LAPTOP_SIZES {
        let s = Setup::new();
        s.import("company\nNeukunde GmbH\n");
        let mut h = s.harness_sized(Lang::De, "light", [w, h_]);
        // A fresh lead: all four criteria unknown, sixteen open questions.
        h.key_press_modifiers(Modifiers::COMMAND, Key::N);
        h.run();
        h.get_by_label("Firma").type_text("Erstkontakt AG");
        h.run();
        for label in ["Als PDF speichern", "Noch nicht bewertet", "Score –"] {
            assert_in_window(&h, label, (w, h_));
        }
        // A blank lead is not judged: no class, no "provisional", no what-if.
        assert!(h.query_by_label("Klasse C").is_none(), "{name}");
        assert!(h.query_by_label_contains("vorläufig").is_none(), "{name}");
        assert!(h.query_by_label("Was wäre wenn").is_none(), "{name}");
        h.snapshot(name);
        snapshots.extend_harness(&mut h);
    }
}

#[test]
fn the_pdf_button_stays_in_sight_in_english_and_dark() {
    let s = Setup::new();
    let mut h = s.harness_sized(Lang::En, "dark", [1093.0, 614.0]);
    h.get_by_label("New lead").click();
    h.run();
    assert_in_window(&h, "Save as PDF", (1093.0, 614.0));
    assert_in_window(&h, "Not rated yet", (1093.0, 614.0));
    h.snapshot("laptop_1093x614_en_dark");
}

#[test]
fn open_questions_unfold_for_the_criterion_at_hand() {
    let budget_q = "Ist für dieses Vorhaben schon Geld eingeplant – in welchem Jahresbudget?";
    let authority_q = "Wer außer Ihnen ist an der Entscheidung beteiligt?";
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Neuer Lead").click();
    h.run();
    // The first unknown criterion is unfolded; the others are one line with their count.
    assert!(h.query_by_label("Budget: 4 offene Fragen").is_some());
    assert!(h.query_by_label(budget_q).is_some());
    assert!(h.query_by_label("Entscheider: 3 offene Fragen").is_some());
    assert!(h.query_by_label(authority_q).is_none());
    pick(&mut h, &["Budget in Planung"]);
    // Budget is settled: its fold is gone, and the next criterion's questions are open.
    assert!(h.query_by_label("Budget: 4 offene Fragen").is_none());
    assert!(h.query_by_label(budget_q).is_none());
    assert!(h.query_by_label(authority_q).is_some());
}

#[test]
fn the_list_folds_away_on_a_narrow_window_and_ctrl_l_brings_it_back() {
    let s = Setup::new();
    s.import("company\nAlpha GmbH\nBeta KG\n");
    let mut h = s.harness_sized(Lang::De, "light", [800.0, 600.0]);
    assert!(h.query_by_label("Suche").is_none(), "no room for the list");
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.query_by_label("Suche").is_some());
    // With the list open the result moves above the form and the button stays in sight.
    assert_in_window(&h, "Als PDF speichern", (800.0, 600.0));
    h.snapshot("small_800x600_with_list");
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    assert!(h.query_by_label("Suche").is_none());
}

#[test]
fn a_quick_click_on_a_lead_in_the_list_selects_it() {
    let s = Setup::new();
    s.import("company,budget\nAlpha GmbH,approved\nBeta KG,planned\n");
    let mut h = s.harness(Lang::De);
    let selected = h.state().model.selected().unwrap().lead.company.clone();
    let other = if selected == "Alpha GmbH" {
        "Beta KG"
    } else {
        "Alpha GmbH"
    };
    // A press and release in one frame, right on the company name.
    h.get_by_label_contains(other).click();
    h.run();
    assert_eq!(h.state().model.selected().unwrap().lead.company, other);
}

#[test]
fn toasts_leave_the_inputs_free() {
    let s = Setup::new();
    let mut h = s.harness_sized(Lang::De, "light", [1093.0, 614.0]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let toast = h
        .get_by_label("Für das PDF braucht der Lead einen Firmennamen.")
        .rect();
    // The toast has a strip of its own below everything else: the panels end above it.
    for label in ["Als PDF speichern", "Verlauf", "Firma"] {
        let node = h.get_by_label(label);
        assert!(
            node.rect().bottom() <= toast.top(),
            "the toast at {toast:?} covers {label} at {:?}",
            node.rect()
        );
    }
    assert_in_window(
        &h,
        "Für das PDF braucht der Lead einen Firmennamen.",
        (1093.0, 614.0),
    );
}

/// A folder like a rep's after a few weeks: every class and stage, follow-ups around today.
fn pipeline_folder(s: &Setup) {
    let today = leadq::clock::today();
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    s.import(&format!(
        "company,contact,stage,budget,authority,need,time,follow_up\n\
         Alpha GmbH,Anna,sql,approved,decision_maker,strong_fit,under_3_months,{}\n\
         Beta KG,Bernd,sal,planned,influencer,partial_fit,months_6_12,{}\n\
         Gamma AG,Gina,mql,,,latent,,{}\n\
         Delta OHG,Dora,mql,approved,,strong_fit,,\n\
         Epsilon SE,Emil,disqualified,none,decision_maker,no_fit,none,\n",
        day(-2),
        day(0),
        day(3)
    ));
}

#[test]
fn the_overview_counts_and_a_click_filters_the_list() {
    let s = Setup::new();
    pipeline_folder(&s);
    let mut h = s.harness(Lang::De);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert!(h.query_by_label("Klassen und Phasen").is_some());
    assert!(
        h.query_by_label_contains("Budget ungeklärt bei 1 von 4 offenen Leads")
            .is_some()
    );
    h.snapshot("overview");
    h.get_by_label("A · SQL – vertriebsqualifiziert: 1").click();
    h.run();
    assert!(h.query_by_label("1 von 5 Leads").is_some());
    assert!(h.query_by_label_contains("Alpha GmbH, Anna").is_some());
    // Follow-ups: overdue is one click away too.
    h.get_by_label_contains("überfällig: 1").click();
    h.run();
    assert!(h.query_by_label("1 von 5 Leads").is_some());
    assert_eq!(
        h.state().model.view().due,
        Some(leadq::app::DueFilter::Overdue)
    );
    // "What we don't know": Zeitrahmen is unknown in two open leads (Gamma and Delta).
    h.get_by_label_contains("Zeitrahmen ungeklärt bei 2 von 4")
        .click();
    h.run();
    assert!(h.query_by_label("2 von 5 Leads").is_some());
    // The chip clears it again.
    h.get_by_label("Zeitrahmen ungeklärt  ×").click();
    h.run();
    assert!(h.query_by_label("5 von 5 Leads").is_some());
}

/// On a laptop (1366×768 at 125 %) with a folder of a thousand leads, the class × stage table
/// does not fit into half the overview: the overview stacks its columns, so that "Was wir nicht
/// wissen" comes below the table and never covers its Σ column. On a wide window it stands
/// beside the table.
#[test]
fn the_overview_stacks_its_columns_where_the_table_needs_the_width() {
    let s = Setup::new();
    let ws = leadq::store::Workspace::open(Some(&s.data())).unwrap();
    leadq::corpus::write_corpus(
        &ws.store.leads_dir(),
        &ws.team.framework,
        &ws.team.rules,
        1000,
        7,
    )
    .unwrap();
    let top = |h: &Harness<'_, LeadqApp>, label: &str| h.get_by_label(label).rect().top();
    for (size, stacked) in [([1093.0, 614.0], true), ([1600.0, 900.0], false)] {
        let mut h = s.harness_sized(Lang::De, "light", size);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
        h.run();
        let (unknown, funnel) = (top(&h, "Was wir nicht wissen"), top(&h, "Trichter"));
        assert_eq!(unknown > funnel, stacked, "{size:?}: {unknown} / {funnel}");
    }
}

#[test]
fn due_follow_ups_are_mentioned_at_start_and_one_click_away() {
    let s = Setup::new();
    pipeline_folder(&s);
    let mut h = s.harness(Lang::De);
    assert!(
        h.query_by_label_contains("2 Wiedervorlagen sind fällig")
            .is_some()
    );
    h.get_by_label("Anzeigen").click();
    h.run();
    assert!(h.query_by_label("2 von 5 Leads").is_some());
}

#[test]
fn copy_summary_puts_the_lead_on_the_clipboard() {
    let s = Setup::new();
    let mut h = s.harness(Lang::De);
    h.get_by_label("Beispiel-Lead").click();
    h.run();
    // One frame with the key press, so that its output holds the text for the clipboard.
    h.event(egui::Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND | Modifiers::SHIFT,
    });
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        });
    let copied = copied.expect("the summary was copied");
    h.run();
    assert!(copied.starts_with("Max Mustermann GmbH"), "{copied}");
    assert!(copied.contains("Score 87/100 · Klasse B"), "{copied}");
    assert!(
        h.query_by_label("Zusammenfassung in der Zwischenablage.")
            .is_some()
    );
}

#[test]
fn company_sort_puts_umlauts_with_their_letter() {
    let s = Setup::new();
    s.import("company\nZander KG\nÄpfel AG\nBirnen GmbH\n");
    let mut h = s.harness(Lang::De);
    let mut view = h.state().model.view().clone();
    view.sort = leadq::app::SortKey::Company;
    h.state_mut().model.set_view(view);
    h.run();
    let names: Vec<String> = h
        .query_all_by_role(egui::accesskit::Role::ListItem)
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(names[0].starts_with("Äpfel AG"), "{names:?}");
    assert!(names[2].starts_with("Zander KG"), "{names:?}");
}

#[test]
fn several_leads_picked_get_a_stage_in_one_undo_step() {
    let s = Setup::new();
    s.import("company,budget\nAlpha GmbH,approved\nBeta KG,planned\nGamma AG,insufficient\n");
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Alpha GmbH,").click();
    h.run();
    h.get_by_label_contains("Gamma AG,")
        .click_modifiers(Modifiers::SHIFT);
    h.run();
    assert!(h.query_by_label_contains("3 Leads ausgewählt").is_some());
    let picked = h
        .query_all_by_role(egui::accesskit::Role::ListItem)
        .filter(|n| n.accesskit_node().is_selected() == Some(true))
        .count();
    assert_eq!(picked, 3);
    // Ctrl+click takes one out again.
    h.get_by_label_contains("Beta KG,")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    assert!(h.query_by_label_contains("2 Leads ausgewählt").is_some());
    h.get_by_label_contains("Beta KG,")
        .click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label("Bearbeiten").click();
    h.run();
    h.get_by_label("Phase der Auswahl setzen").click();
    h.run();
    h.get_by_label("SQL – vertriebsqualifiziert").click();
    h.run();
    let stages = |h: &Harness<'_, LeadqApp>| -> Vec<leadq::domain::Stage> {
        h.state()
            .model
            .entries()
            .iter()
            .map(|e| e.lead.stage)
            .collect()
    };
    assert!(
        stages(&h).iter().all(|&s| s == leadq::domain::Stage::Sql),
        "{:?}",
        stages(&h)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        stages(&h).iter().all(|&s| s == leadq::domain::Stage::Mql),
        "one undo takes all three back"
    );
    h.state_mut().model.flush();
    assert!(
        lead_files(&s.data())
            .iter()
            .all(|f| !f.contains("stage: sql"))
    );
}

#[test]
fn shift_arrows_pick_and_delete_takes_them_all_in_one_undo_step() {
    let s = Setup::new();
    s.import("company,budget\nAlpha GmbH,approved\nBeta KG,planned\nGamma AG,insufficient\n");
    let mut h = s.harness(Lang::De);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run();
    assert!(h.query_by_label_contains("2 Leads ausgewählt").is_some());
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().model.entries().len(), 1);
    assert!(
        h.query_by_label_contains("2 Leads liegen im Papierkorb.")
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().model.entries().len(), 3);
}

#[test]
fn a_misspelt_answer_is_named_in_a_banner_and_kept_when_the_lead_is_saved() {
    let s = Setup::new();
    s.import("company\nIntakt GmbH\n");
    let id = "00000000-0000-0000-0000-0000000000aa";
    let file = s.data().join("leads").join(format!("{id}.ron"));
    fs::write(
        &file,
        format!(
            "Lead(version: 1, id: \"{id}\", company: \"Tippfehler GmbH\", assessment: {{\
             \"budget\": CriterionAnswer(answer: \"aproved\", note: \"\"), \
             \"need\": CriterionAnswer(answer: \"strong_fit\", note: \"\")}}, \
             created: \"2026-11-20T09:00:00Z\", updated: \"2026-11-20T09:00:00Z\")\n"
        ),
    )
    .unwrap();
    let mut h = s.harness(Lang::De);
    assert!(
        h.query_by_label_contains("Antworten, die das Bewertungsschema nicht kennt")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "Tippfehler GmbH: unbekannte Antwort: das Kriterium „budget“ hat keine Antwort „aproved“"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("Intakt GmbH").is_some(),
        "the rest loads"
    );

    // Any other edit saves the lead with the answer it cannot interpret kept as written.
    let uuid = uuid::Uuid::parse_str(id).unwrap();
    h.state_mut().model.edit(
        uuid,
        leadq::app::Edit::text(Field::Company, "Tippfehler AG".into()),
    );
    h.state_mut().model.flush();
    h.run();
    let saved = fs::read_to_string(&file).unwrap();
    assert!(saved.contains("company: \"Tippfehler AG\""), "{saved}");
    assert!(saved.contains("answer: \"aproved\""), "{saved}");
    assert!(
        h.query_by_label_contains("Tippfehler AG: unbekannte Antwort")
            .is_some()
    );

    // Picking a real answer solves it, and the banner goes.
    h.state_mut().model.edit(
        uuid,
        leadq::app::Edit::Answer {
            criterion: "budget".into(),
            answer: "approved".into(),
        },
    );
    h.run();
    assert!(
        h.query_by_label_contains("Bewertungsschema nicht kennt")
            .is_none()
    );
}

/// What the stand-in printer got: the job's title, the printer, the copies, the PDF's text.
type Job = (String, Option<String>, u32, Vec<u8>);
static PRINTED: std::sync::Mutex<Vec<Job>> = std::sync::Mutex::new(Vec::new());

fn two_printers() -> Result<Vec<leadq::print::Printer>, leadq::print::PrintError> {
    Ok(vec![
        leadq::print::Printer {
            name: "Büro-Laser".into(),
            is_default: true,
        },
        leadq::print::Printer {
            name: "Keller".into(),
            is_default: false,
        },
    ])
}

fn no_printers() -> Result<Vec<leadq::print::Printer>, leadq::print::PrintError> {
    Ok(Vec::new())
}

fn record_job(
    pdf: &[u8],
    title: &str,
    printer: Option<&str>,
    copies: u32,
) -> Result<leadq::print::Printed, leadq::print::PrintError> {
    PRINTED.lock().unwrap().push((
        title.to_owned(),
        printer.map(str::to_owned),
        copies,
        pdf.to_vec(),
    ));
    Ok(leadq::print::Printed::Queued {
        printer: printer.unwrap_or_default().to_owned(),
        job: format!("{}-7", printer.unwrap_or_default()),
    })
}

fn stand_in(printers: leadq::app::print_job::FindPrinters) -> leadq::app::print_job::PrintSystem {
    leadq::app::print_job::PrintSystem {
        lists_printers: true,
        printers,
        print: record_job,
    }
}

/// Whether the toast at the window's bottom edge says `text` (the toast is drawn, as the rep
/// sees it, and in the app's state).
fn toast_says(h: &Harness<'_, LeadqApp>, text: &str) -> bool {
    let said = h
        .state()
        .toast
        .as_ref()
        .is_some_and(|t| t.text.contains(text));
    said && h.query_by_label_contains(text).is_some()
}

/// Runs frames until `ok` holds (background jobs report between frames); fails after 30 s.
fn run_until(
    h: &mut Harness<'_, LeadqApp>,
    what: &str,
    ok: impl Fn(&Harness<'_, LeadqApp>) -> bool,
) {
    let start = std::time::Instant::now();
    loop {
        if ok(h) {
            // A few frames more: the dialog grows with what came and is centred again, so a
            // click goes where the rep would see the widget.
            h.run_steps(4);
            if ok(h) {
                return;
            }
        }
        if start.elapsed().as_secs() >= 30 {
            let labels: Vec<String> = h
                .query_all_by(|n| n.label().is_some())
                .filter_map(|n| n.accesskit_node().label())
                .collect();
            let toast = h.state().toast.as_ref().map(|t| t.text.clone());
            let jobs: Vec<String> = PRINTED
                .lock()
                .unwrap()
                .iter()
                .map(|j| j.0.clone())
                .collect();
            panic!(
                "timed out waiting for {what}; the window shows {labels:?}, toast {toast:?}, jobs {jobs:?}"
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(3);
    }
}

#[test]
fn the_print_button_opens_the_dialog_with_the_default_printer_first_and_prints_copies() {
    let s = Setup::new();
    s.import("company,contact\nDruckhaus Nord GmbH,Nina Nord\n");
    let mut h = s.harness(Lang::De);
    h.state_mut().print_system = stand_in(two_printers);
    h.get_by_label("Drucken").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Der Bericht von Druckhaus Nord GmbH")
            .is_some()
    );
    run_until(&mut h, "the printers", |h| {
        h.query_by_label("Büro-Laser (Standard)").is_some()
    });
    // The default is chosen; the rep takes the other one and two copies.
    let default = h.get_by_label("Büro-Laser (Standard)");
    assert_eq!(
        default.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    h.get_by_label("Keller").click();
    h.run_steps(3);
    h.get_by_label("Exemplare").click();
    h.run_steps(3);
    h.get_by_label("Exemplare").type_text("2");
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label("Jetzt drucken").click();
    h.run_steps(3);
    run_until(&mut h, "the job", |h| {
        toast_says(
            h,
            "an Keller gesendet (Auftrag Keller-7): 1 Seite, 2 Exemplare",
        )
    });
    // A copy: the lock is not held while other tests' jobs come in.
    let jobs = PRINTED.lock().unwrap().clone();
    let (title, printer, copies, pdf) = jobs
        .iter()
        .find(|j| j.0.contains("Druckhaus Nord"))
        .unwrap();
    assert_eq!(title, "Leadqualifizierung - Druckhaus Nord GmbH");
    assert_eq!(printer.as_deref(), Some("Keller"));
    assert_eq!(*copies, 2);
    assert!(pdf.starts_with(b"%PDF"));
    // The dialog is gone once the job is out.
    assert!(h.query_by_label("Jetzt drucken").is_none());
}

#[test]
fn without_a_printer_the_dialog_says_so_and_offers_the_pdf() {
    let s = Setup::new();
    s.import("company\nOhne Drucker AG\n");
    let mut h = s.harness(Lang::En);
    h.state_mut().print_system = stand_in(no_printers);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(3);
    run_until(&mut h, "the search for printers", |h| {
        h.query_by_label("no printer is set up").is_some()
    });
    assert!(h.get_by_label("Print now").accesskit_node().is_disabled());
    assert!(h.query_by_label("Save as PDF…").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.query_by_label("Print now").is_none());
}

#[test]
fn the_call_sheet_of_the_day_is_in_the_file_menu_and_goes_to_the_printer() {
    let s = Setup::new();
    pipeline_folder(&s);
    let mut h = s.harness(Lang::De);
    h.state_mut().print_system = stand_in(two_printers);
    h.get_by_label("Datei").click();
    h.run_steps(3);
    h.get_by_label("Tagesplan…").click();
    h.run_steps(3);
    // Alpha is overdue, Beta due today (the tests' today is 30.11.2026); Gamma is later.
    assert!(
        h.query_by_label("Tagesplan für den 30.11.2026: 2 Leads anzurufen")
            .is_some()
    );
    run_until(&mut h, "the printers", |h| {
        h.query_by_label("Keller").is_some()
    });
    // Prepared the evening before: tomorrow's sheet (Alpha and Beta are overdue by then).
    h.get_by_label("Morgen").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Tagesplan für den 01.12.2026: 2 Leads anzurufen")
            .is_some()
    );
    h.get_by_label("Jetzt drucken").click();
    h.run_steps(3);
    run_until(&mut h, "the job", |h| {
        toast_says(
            h,
            "an Büro-Laser gesendet (Auftrag Büro-Laser-7): 1 Seite, 1 Exemplar",
        )
    });
    let jobs = PRINTED.lock().unwrap().clone();
    let (_, printer, _, pdf) = jobs
        .iter()
        .find(|j| j.0 == "Tagesplan 2026-12-01")
        .expect("the call sheet was printed");
    assert_eq!(printer.as_deref(), Some("Büro-Laser"));
    let file = s.dir.path().join("sheet.pdf");
    fs::write(&file, pdf).unwrap();
    let text = crate::printing::pdf_text(&file);
    assert!(
        text.contains("Alpha GmbH") && text.contains("Beta KG"),
        "{text}"
    );
    assert!(
        !text.contains("Gamma AG") && !text.contains("Delta OHG"),
        "{text}"
    );
}

#[test]
fn the_print_dialog_lists_the_cups_printer_and_what_it_prints_comes_out() {
    let Some(printer) = crate::printing::cups_printer("the_print_dialog_lists_the_cups_printer")
    else {
        return;
    };
    let s = Setup::new();
    let company = format!(
        "Fensterdruck {} GmbH",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    s.import(&format!(
        "company,contact,phone\n{company},Frieda Fenster,+49 211 55 66 77\n"
    ));
    let mut h = s.harness(Lang::En);
    // The system's own printers, from CUPS.
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run_steps(3);
    run_until(&mut h, "CUPS's printers", |h| {
        h.query_by_label_contains(printer).is_some()
    });
    let label = h
        .get_by_label_contains(printer)
        .accesskit_node()
        .label()
        .unwrap_or_default();
    h.get_by_label(&label).click();
    h.run_steps(3);
    let since = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    h.get_by_label("Print now").click();
    h.run_steps(3);
    run_until(&mut h, "the job in the queue", |h| {
        h.query_by_label_contains(&format!("sent to {printer} (job {printer}-"))
            .is_some()
    });
    let text = crate::printing::printed_with(&company, since);
    assert!(
        text.contains("Frieda Fenster") && text.contains("+49 211 55 66 77"),
        "{text}"
    );
}

/// Which lead is selected, by company.
fn selected_company(h: &Harness<'_, LeadqApp>) -> String {
    h.state().model.selected().unwrap().lead.company.clone()
}

const THREE_LEADS: &str =
    "company,budget\nAlpha GmbH,approved\nBeta KG,planned\nGamma AG,insufficient\n";

#[test]
fn the_lists_keys_act_on_the_list_when_it_has_the_focus() {
    let s = Setup::new();
    s.import(THREE_LEADS);
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Alpha GmbH, ").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected_company(&h), "Beta KG");
    h.key_press(Key::End);
    h.run();
    assert_eq!(selected_company(&h), "Gamma AG");
    h.key_press(Key::Home);
    h.run();
    assert_eq!(selected_company(&h), "Alpha GmbH");
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(h.state().model.entries().len(), 2);
    // Said politely, with the way back.
    let toast = h.get_by_label_contains("„Alpha GmbH“ liegt im Papierkorb. Rückgängig (");
    assert_eq!(toast.accesskit_node().live(), egui::accesskit::Live::Polite);
}

#[test]
fn keys_on_an_answer_a_button_or_a_field_never_change_another_lead() {
    let s = Setup::new();
    s.import(THREE_LEADS);
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Beta KG, ").click();
    h.run();
    let before = lead_files(&s.data());
    // An answer (radio button) of the selected lead has the focus.
    h.get_by_label("Budget zu gering").focus();
    h.run();
    for key in [
        Key::Delete,
        Key::ArrowDown,
        Key::ArrowUp,
        Key::Home,
        Key::End,
        Key::PageDown,
    ] {
        h.key_press(key);
        h.run();
        assert_eq!(h.state().model.entries().len(), 3, "{key:?} on an answer");
        assert_eq!(selected_company(&h), "Beta KG", "{key:?} on an answer");
    }
    // A button.
    h.get_by_label("Verlauf").focus();
    h.run();
    for key in [Key::Delete, Key::ArrowDown, Key::End] {
        h.key_press(key);
        h.run();
        assert_eq!(h.state().model.entries().len(), 3, "{key:?} on a button");
        assert_eq!(selected_company(&h), "Beta KG", "{key:?} on a button");
    }
    // A text field.
    h.get_by_label("Telefon").focus();
    h.run();
    for key in [Key::Delete, Key::ArrowDown, Key::ArrowUp, Key::End] {
        h.key_press(key);
        h.run();
        assert_eq!(h.state().model.entries().len(), 3, "{key:?} in a field");
        assert_eq!(selected_company(&h), "Beta KG", "{key:?} in a field");
    }
    assert!(h.query_by_label_contains("liegt im Papierkorb").is_none());
    h.state_mut().model.flush();
    assert_eq!(lead_files(&s.data()).len(), before.len());
}

#[test]
fn arrows_in_a_group_of_answers_choose_as_a_radio_group_does() {
    let s = Setup::new();
    s.import(THREE_LEADS);
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Beta KG, ").click();
    h.run();
    let budget = |h: &Harness<'_, LeadqApp>| {
        h.state()
            .model
            .selected()
            .unwrap()
            .lead
            .assessment
            .answer("budget")
            .to_owned()
    };
    assert_eq!(budget(&h), "planned");
    h.get_by_label("Budget zu gering").focus();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(budget(&h), "planned", "the next answer after 'zu gering'");
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(budget(&h), "approved");
    // The focus went with the choice: Left goes back from there.
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(budget(&h), "planned");
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(budget(&h), "insufficient");
    // Still the same lead, and no other lead changed.
    assert_eq!(selected_company(&h), "Beta KG");
    let answers: Vec<String> = h
        .state()
        .model
        .entries()
        .iter()
        .map(|e| e.lead.assessment.answer("budget").to_owned())
        .collect();
    assert!(
        answers.contains(&"approved".to_owned()),
        "Alpha kept its answer"
    );
    assert!(answers.contains(&"insufficient".to_owned()));
}

#[test]
fn the_due_filter_is_a_checkbox_that_says_what_it_does() {
    let s = Setup::new();
    s.import("company,follow_up\nFällig GmbH,2026-11-29\nSpäter AG,2026-12-24\n");
    let mut h = s.harness(Lang::De);
    let due = h.get_by_label("Nur fällige Wiedervorlagen");
    assert_eq!(due.accesskit_node().role(), egui::accesskit::Role::CheckBox);
    due.click();
    h.run();
    assert_eq!(h.state().model.visible().len(), 1);
    assert!(h.query_by_label_contains("Fällig GmbH, ").is_some());
    assert!(h.query_by_label_contains("Später AG, ").is_none());
}

#[test]
fn after_a_choice_in_a_drop_down_the_focus_is_back_on_it() {
    let s = Setup::new();
    s.import("company\nAlpha GmbH\n");
    let mut h = s.harness(Lang::De);
    h.get_by_label_contains("Alpha GmbH, ").click();
    h.run();
    h.get_by_label("Quelle").click();
    h.run();
    h.get_by_label("Webformular").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().model.selected().unwrap().lead.source,
        leadq::domain::Source::WebForm
    );
    assert!(
        h.get_by_label("Quelle").accesskit_node().is_focused(),
        "the focus is back on the drop-down"
    );
}

#[test]
fn search_finds_by_the_starts_of_words_and_ctrl_f_selects_the_old_query() {
    let s = Setup::new();
    s.import(
        "company,contact,industry\nIsar Maschinenbau GmbH,Jörg Müller,Maschinenbau\n\
         Isartal Logistik AG,Anna Alt,Logistik\nMüller & Söhne KG,Max Mayr,Handel\n",
    );
    let mut h = s.harness(Lang::De);
    let found = |h: &mut Harness<'_, LeadqApp>, query: &str| -> Vec<String> {
        let view = leadq::app::ListView {
            query: query.into(),
            ..h.state().model.view().clone()
        };
        h.state_mut().model.set_view(view);
        h.run();
        let model = &h.state().model;
        let mut names: Vec<String> = model
            .visible()
            .iter()
            .map(|&i| model.entries()[i].lead.company.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(found(&mut h, "isar masch"), ["Isar Maschinenbau GmbH"]);
    assert_eq!(
        found(&mut h, "mueller"),
        ["Isar Maschinenbau GmbH", "Müller & Söhne KG"]
    );
    assert_eq!(found(&mut h, "MULLER soh"), ["Müller & Söhne KG"]);
    assert!(found(&mut h, "xqzv").is_empty(), "nonsense finds nothing");
    assert!(found(&mut h, "schinen").is_empty(), "not inside a word");
    // Ctrl+F: the old query selected, so typing replaces it.
    found(&mut h, "isar");
    h.get_by_label("Telefon").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.run();
    h.get_by_label("Suche").type_text("logi");
    h.run();
    assert_eq!(h.state().model.view().query, "logi");
}
