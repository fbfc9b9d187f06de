//! The PDF report, opened again with lopdf: pages, searchable text, the embedded font; and
//! `leadq pdf` on the real binary with names from many scripts.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use leadq::domain::{Classification, Framework, Lang, Lead, Source, Stage};
use leadq::report::{Report, ReportOptions, render_report, sanitize_file_stem};
use lopdf::{Document, Object};
use uuid::Uuid;

const TODAY: Date = date(2026, 11, 27);

fn setup() -> (Framework, Classification) {
    let fw = Framework::builtin().unwrap();
    let rules = Classification::builtin(&fw).unwrap();
    (fw, rules)
}

fn opts(lang: Lang) -> ReportOptions {
    ReportOptions {
        lang,
        today: TODAY,
        version: "0.1.0",
    }
}

fn blank(company: &str) -> Lead {
    let t: Timestamp = "2026-11-20T09:30:00Z".parse().unwrap();
    let mut lead = Lead::new(Uuid::from_u128(7), t);
    lead.company = company.to_owned();
    lead
}

/// The example lead (Max Mustermann GmbH) with every field filled in.
fn full_lead() -> Lead {
    let mut lead = blank("Max Mustermann GmbH");
    lead.contact = "Max Mustermann".into();
    lead.role = "Geschäftsführer".into();
    lead.industry = "Maschinenbau".into();
    lead.revenue_meur = Some(5.5);
    lead.source = Source::WebForm;
    lead.stage = Stage::Sal;
    lead.follow_up = Some(date(2026, 12, 1));
    for (c, a) in [
        ("budget", "approved"),
        ("authority", "decision_maker"),
        ("need", "strong_fit"),
        ("time", "months_6_12"),
    ] {
        lead.assessment.set_answer(c, a);
    }
    lead.assessment.set_note(
        "budget",
        "Freigabe durch den Beirat im Oktober, 120.000 € eingeplant.",
    );
    lead.assessment
        .set_note("time", "Entscheidung in 10 Monaten, \"vielleicht\" früher.");
    lead.notes = "Erstgespräch auf der Messe in Hannover. Interesse an der Wartungsplanung für \
                  drei Werke; Ansprechpartner für Technik ist Frau Özdemir (Werksleitung)."
        .into();
    lead
}

fn long_notes_lead() -> Lead {
    let mut lead = full_lead();
    lead.company = "Langtext Logistik und Lagerhaltung Gesellschaft mit beschränkter Haftung & \
                    Co. Kommanditgesellschaft Niederlassung Süd-West"
        .into();
    let words = [
        "Lieferkette",
        "Angebot",
        "Rückruf",
        "Vertragsverlängerung",
        "Größenordnung",
    ];
    lead.notes = (0..6000)
        .map(|i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    lead.assessment.set_note(
        "need",
        &"Sehr lange Notiz zum Bedarf mit vielen Wörtern, die umbrechen muss. ".repeat(40),
    );
    lead
}

fn render(lead: &Lead, lang: Lang) -> Report {
    let (fw, rules) = setup();
    let report = render_report(lead, &fw, &rules, &opts(lang)).unwrap();
    if let Some(dir) = std::env::var_os("LEADQ_REPORT_OUT") {
        let stem: String = lead.company.chars().take(12).collect();
        let name = format!("{}-{}.pdf", sanitize_file_stem(&stem), lang.code());
        fs::write(Path::new(&dir).join(name), &report.bytes).unwrap();
    }
    report
}

struct Pdf {
    pages: usize,
    text: String,
    doc: Document,
}

fn open(report: &Report) -> Pdf {
    let pdf = open_bytes(&report.bytes);
    assert_eq!(pdf.pages, report.pages);
    pdf
}

fn open_bytes(bytes: &[u8]) -> Pdf {
    let doc = Document::load_mem(bytes).unwrap();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&numbers).unwrap();
    Pdf {
        pages: numbers.len(),
        // lopdf breaks text runs with newlines and spaces of its own; compare without them.
        text: squash(&text),
        doc,
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_has(pdf: &Pdf, needle: &str) {
    assert!(
        pdf.text.contains(&squash(needle)),
        "{needle:?} is not in the PDF text:\n{}",
        pdf.text
    );
}

fn has_embedded_font(doc: &Document) -> bool {
    doc.objects.values().any(|o| match o {
        Object::Dictionary(d) => d.has(b"FontFile2"),
        _ => false,
    })
}

#[test]
fn a_normal_lead_is_one_page_with_all_its_content_as_text() {
    let (fw, _) = setup();
    let lead = full_lead();
    for lang in Lang::ALL {
        let report = render(&lead, lang);
        assert!(report.missing_glyphs.is_empty());
        let pdf = open(&report);
        assert_eq!(pdf.pages, 1, "{lang:?}");
        assert!(has_embedded_font(&pdf.doc));
        for needle in [
            "Max Mustermann GmbH",
            "Max Mustermann – Geschäftsführer",
            "87",
            "/ 100",
            "Maschinenbau",
            // Dates as the language writes them (files, CSV and JSON keep ISO).
            if lang == Lang::De {
                "27.11.2026"
            } else {
                "2026-11-27"
            },
            if lang == Lang::De {
                "01.12.2026"
            } else {
                "2026-12-01"
            },
            "120.000 €",
            "LeadQ 0.1.0",
        ] {
            assert_has(&pdf, needle);
        }
        for c in &fw.criteria {
            let answer = lead.assessment.answer(&c.id);
            let label = c.option(answer).unwrap().label.get(lang);
            assert_has(&pdf, label);
        }
        // Time is the only open point: no open questions, but a what-if.
        match lang {
            Lang::De => {
                for needle in [
                    "Leadqualifizierung",
                    "Klasse B",
                    "Alle Kriterien sind geklärt.",
                    "Seite 1 von 1",
                    "5,5",
                    "„in 3–6 Monaten“ wäre es ein A-Lead",
                    "25/25",
                    "12/25",
                ] {
                    assert_has(&pdf, needle);
                }
            }
            Lang::En => {
                for needle in ["Lead qualification", "Class B", "Page 1 of 1", "5.5"] {
                    assert_has(&pdf, needle);
                }
            }
        }
        // Every criterion is clarified, so the class is final.
        assert!(!pdf.text.contains("vorläufig") && !pdf.text.contains("provisional"));
    }
}

#[test]
fn an_unknown_lead_lists_every_open_question() {
    let (fw, _) = setup();
    let lead = blank("Ungeklärt AG");
    for lang in Lang::ALL {
        let report = render(&lead, lang);
        let pdf = open(&report);
        assert_has(&pdf, "Ungeklärt AG");
        // A blank lead is not judged: "not rated yet", no class, no what-if.
        assert_has(
            &pdf,
            match lang {
                Lang::De => "noch nicht bewertet",
                Lang::En => "not rated yet",
            },
        );
        for absent in [
            "vorläufig",
            "provisional",
            "Klasse C",
            "Class C",
            "Was wäre",
        ] {
            assert!(!pdf.text.contains(absent), "{absent}");
        }
        for c in &fw.criteria {
            assert_has(&pdf, c.option("unknown").unwrap().label.get(lang));
            for q in &c.open_questions {
                assert_has(&pdf, q.get(lang));
            }
        }
        assert_has(&pdf, "0/25");
    }
}

#[test]
fn long_criterion_names_are_never_broken_inside_a_word() {
    // MEDDIC's German names are single long words; the criterion column makes room for them.
    let meddic = leadq::domain::template("meddic").unwrap();
    let lead = blank("Müller & Söhne GmbH");
    let report = render_report(&lead, &meddic.framework, &meddic.rules, &opts(Lang::De)).unwrap();
    let doc = Document::load_mem(&report.bytes).unwrap();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&numbers).unwrap();
    for c in &meddic.framework.criteria {
        let name = c.name.get(Lang::De);
        for (at, _) in name.char_indices().skip(1) {
            let broken = format!("{}\n{}", &name[..at], &name[at..]);
            assert!(!raw.contains(&broken), "{name:?} is broken: {broken:?}");
        }
    }
}

#[test]
fn long_notes_flow_onto_more_pages_without_losing_text() {
    let lead = long_notes_lead();
    for lang in Lang::ALL {
        let report = render(&lead, lang);
        let pdf = open(&report);
        assert!(pdf.pages >= 2, "{} page(s)", pdf.pages);
        let last = format!(
            "{} {}",
            pdf.pages,
            if lang == Lang::De { "von" } else { "of" }
        );
        assert_has(&pdf, &last);
        // Every word of the notes made it into the PDF.
        let count = pdf.text.matches("Vertragsverlängerung").count();
        assert!(count >= 1200, "{count}");
        assert_has(&pdf, "Kommanditgesellschaft");
    }
}

#[test]
fn characters_the_font_lacks_are_reported_not_fatal() {
    let mut lead = full_lead();
    lead.company = "Café 🚀 ООО Ромашка Ελλάδα İstanbul Łódź 漢字".into();
    lead.notes = "Emoji 🚀🚀 and a flag 🇩🇪 with ZWJ 👩‍💻\u{FE0F}; DejaVu has 😀".into();
    let report = render(&lead, Lang::De);
    for c in ['🚀', '漢', '字', '🇩', '👩', '💻'] {
        assert!(report.missing_glyphs.contains(&c), "{c}");
    }
    // Each only once, and no invisible joiners or selectors.
    assert_eq!(
        report.missing_glyphs.len(),
        7,
        "{:?}",
        report.missing_glyphs
    );
    let pdf = open(&report);
    assert_has(&pdf, "ООО Ромашка Ελλάδα İstanbul Łódź");
    assert_has(&pdf, "DejaVu has 😀");
}

#[test]
fn any_text_renders_without_panic() {
    // A crude fuzz: odd characters, huge words, empty fields, control characters.
    let samples = [
        String::new(),
        "\u{0}\u{1}\u{7f}\t\r\n\u{2028}".into(),
        "x".repeat(20_000),
        "🙂".repeat(3000),
        "\u{0301}\u{0301}e\u{0301}".repeat(100),
        "ﷺ ﷽ 𒐫 \u{202e}reversed\u{202c} \u{FFFF} \u{10FFFF}".into(),
        (0..0x3000u32)
            .filter_map(char::from_u32)
            .collect::<String>(),
    ];
    for s in &samples {
        let mut lead = blank(s);
        lead.contact = s.clone();
        lead.role = s.clone();
        lead.industry = s.clone();
        lead.notes = s.clone();
        lead.assessment.set_note("budget", s);
        for lang in Lang::ALL {
            let report = render(&lead, lang);
            open(&report);
        }
    }
}

#[test]
fn size_and_speed() {
    let (fw, rules) = setup();
    let lead = full_lead();
    // The first call parses the fonts once.
    let first = Instant::now();
    let report = render_report(&lead, &fw, &rules, &opts(Lang::De)).unwrap();
    let first = first.elapsed();
    let n = 20;
    let start = Instant::now();
    for _ in 0..n {
        render_report(&lead, &fw, &rules, &opts(Lang::De)).unwrap();
    }
    let each = start.elapsed() / n;
    let long = render_report(&long_notes_lead(), &fw, &rules, &opts(Lang::De)).unwrap();
    println!(
        "report: {} bytes, 1 page; first render {first:?} (with font parsing), then {each:?} per \
         report; long notes: {} pages, {} bytes",
        report.bytes.len(),
        long.pages,
        long.bytes.len()
    );
    assert!(
        report.bytes.len() <= 30 * 1024,
        "{} bytes",
        report.bytes.len()
    );
    if !cfg!(debug_assertions) {
        assert!(each.as_millis() <= 20, "{each:?}");
    }
}

// ---- the command line ---------------------------------------------------------------------

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

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
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

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn import(&self, csv: &str) {
        let file = self.path("in.csv");
        fs::write(&file, csv).unwrap();
        self.ok(&["import", file.to_str().unwrap()]);
    }

    /// (id, company) of every lead.
    fn leads(&self) -> Vec<(String, String)> {
        let out = self.ok(&["list", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["id"].as_str().unwrap().to_owned(),
                    l["company"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

const HEADER: &str = "company,contact,role,industry,revenue_meur,source,stage,budget,authority,need,time,notes,follow_up\n";

const SCRIPTS_CSV: &str = "\
ООО Ромашка,Иван Петров,Директор,Торговля,3,event,sal,approved,decision_maker,strong_fit,under_3_months,Встреча в Москве,
Ελληνικά Τρόφιμα ΑΕ,Γιώργος Παπαδόπουλος,Διευθυντής,Τρόφιμα,7,referral,mql,planned,influencer,partial_fit,,,
Şişecam İğdır Üretim A.Ş.,Çağrı Öztürk,Satın Alma,Cam,12,web_form,sql,approved,co_decider,strong_fit,months_3_6,Görüşme çok iyi geçti,
Łódzka Spółka Żeglugowa sp. z o.o.,Zażółć Gęślą,Prezes,Żegluga,1,cold_outreach,,none,,,,,
Happy Corp 😀🚀,Sam,CEO,Fun,2,other,,approved,decision_maker,strong_fit,under_3_months,Great call 👍,
";

#[test]
fn pdf_command_handles_names_in_many_scripts() {
    let f = Folder::new();
    f.import(&format!("{HEADER}{SCRIPTS_CSV}"));
    let leads = f.leads();
    assert_eq!(leads.len(), 5);
    for (id, company) in &leads {
        let file = f.path(&format!("{}.pdf", &id[..8]));
        let out = f.ok(&["pdf", &id[..8], "-o", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let pdf = open_bytes(&fs::read(&file).unwrap());
        if company.contains('🚀') {
            // 😀 is in DejaVu Sans, 🚀 and 👍 are not.
            assert!(
                stderr.contains("warning: Happy Corp 😀🚀: the PDF font cannot show: 🚀 👍"),
                "{stderr}"
            );
            assert_has(&pdf, "Happy Corp");
        } else {
            assert!(!stderr.contains("warning"), "{stderr}");
            assert_has(&pdf, company);
        }
    }
}

#[test]
fn pdf_command_exports_many_leads_into_a_folder_with_unique_names() {
    let f = Folder::new();
    // Two leads with the same company, plus one whose name needs sanitising.
    f.import(&format!(
        "{HEADER}Same GmbH,,,,,,,approved,decision_maker,strong_fit,under_3_months,,\n\
         Same GmbH,,,,,,,approved,decision_maker,strong_fit,months_3_6,,\n\
         A/B: C?,,,,,,,planned,,,,,\n\
         con,,,,,,,none,,,,,\n"
    ));
    let leads = f.leads();
    let ids: Vec<&str> = leads.iter().map(|(id, _)| &id[..8]).collect();

    let out_dir = f.path("out/nested");
    // The folder's commands run in English: the file names start "Lead qualification_".
    let mut args = vec!["pdf"];
    args.extend(ids.iter().copied());
    args.extend(["-o", out_dir.to_str().unwrap()]);
    f.ok(&args);
    let files = pdfs_in(&out_dir);
    assert_eq!(files.len(), 4, "{files:?}");
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Lead qualification_Same GmbH_") && n.ends_with(").pdf"))
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Lead qualification_A_B_ C__"))
    );
    for file in &files {
        open_bytes(&fs::read(file).unwrap());
    }

    // --all --class A: only the two A leads; a second run the same day replaces its own two
    // reports (a weekly habit does not double the folder).
    let a_dir = f.path("a");
    let a = a_dir.to_str().unwrap();
    f.ok(&["pdf", "--all", "--class", "A", "-o", a]);
    assert_eq!(pdfs_in(&a_dir).len(), 2);
    f.ok(&["pdf", "--all", "--class", "a", "-o", a]);
    assert_eq!(pdfs_in(&a_dir).len(), 2);
}

#[test]
fn pdf_command_rejects_unclear_requests() {
    let f = Folder::new();
    f.import(&format!("{HEADER}One,,,,,,,,,,,,\nTwo,,,,,,,,,,,,\n"));
    let leads = f.leads();
    // Several leads into a .pdf file name: refuse instead of overwriting one with the next.
    let file = f.path("x.pdf");
    let out = f.run(&[
        "pdf",
        &leads[0].0[..8],
        &leads[1].0[..8],
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    // Nothing to export.
    let out = f.run(&["pdf", "-o", f.path("d").to_str().unwrap()]);
    assert!(!out.status.success());
    let out = f.run(&["pdf", "zzzz", "-o", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("zzzz"));
    // --class without any lead of that class into a folder: fine, nothing written.
    let out = f.ok(&[
        "pdf",
        "--all",
        "--class",
        "A",
        "-o",
        f.path("none").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains('0'));
}

#[test]
fn the_document_info_claims_no_pdf_x_and_has_no_empty_keys() {
    let report = render(&full_lead(), Lang::De);
    let doc = Document::load_mem(&report.bytes).unwrap();
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    // An empty /GTS_PDFXVersion makes pdfinfo report "PDF subtype: PDF/X".
    assert!(!info.has(b"GTS_PDFXVersion"), "{info:?}");
    // LeadQ has no setting for the rep's name: no Author rather than an empty one.
    for key in [&b"Author"[..], b"Subject", b"Keywords", b"Identifier"] {
        if let Ok(value) = info.get(key) {
            let bytes = value.as_str().unwrap();
            assert!(
                !bytes.is_empty() && bytes != [0xFE, 0xFF],
                "{} is empty",
                String::from_utf8_lossy(key)
            );
        }
    }
    let title = info.get(b"Title").unwrap().as_str().unwrap();
    assert!(title.len() > 2, "the title stays: {title:?}");
    // The metadata still says who made it.
    assert!(info.has(b"Creator") && info.has(b"Producer"));
}

#[test]
fn right_to_left_names_are_printed_in_visual_order_and_arabic_is_reported_unjoined() {
    // Hebrew needs no joining: right, without a warning.
    let mut lead = full_lead();
    lead.company = "אלפא ישראל".into();
    lead.contact = "דוד כהן".into();
    let report = render(&lead, Lang::De);
    assert!(
        report.missing_glyphs.is_empty(),
        "{:?}",
        report.missing_glyphs
    );
    let pdf = open(&report);
    // A PDF shows a text run left to right as given: the right-to-left name must be given
    // in visual order (reversed), or it reads backwards.
    assert_has(&pdf, "לארשי אפלא");
    assert_has(&pdf, "ןהכ דוד");
    assert!(
        !pdf.text.contains(&squash("אלפא")),
        "printed in logical order"
    );

    // Arabic: in visual order too, and reported, since its letters print unjoined.
    let mut lead = full_lead();
    lead.company = "شركة النور".into();
    let report = render(&lead, Lang::De);
    assert_has(&open(&report), "رونلا ةكرش");
    for c in ['ش', 'ر', 'ك', 'ة', 'ا', 'ل', 'ن', 'و'] {
        assert!(
            report.missing_glyphs.contains(&c),
            "{c}: {:?}",
            report.missing_glyphs
        );
    }
}

#[test]
fn pdf_command_warns_that_arabic_letters_print_unjoined() {
    let f = Folder::new();
    f.import(&format!(
        "{HEADER}شركة النور,أحمد,,,,,,,,,,,\nאלפא ישראל,דוד,,,,,,,,,,,\n"
    ));
    for (id, company) in f.leads() {
        let file = f.path(&format!("{}.pdf", &id[..8]));
        let out = f.ok(&["pdf", &id[..8], "-o", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if company.starts_with('ش') {
            assert!(
                stderr.contains(&format!(
                    "warning: {company}: Arabic letters are printed one by one, not joined"
                )),
                "{stderr}"
            );
            assert!(!stderr.contains("cannot show"), "{stderr}");
        } else {
            assert!(!stderr.contains("warning"), "{stderr}");
        }
    }
}
