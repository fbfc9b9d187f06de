//! Printing on a real printer and the day's call sheet: `leadq print` sends a lead to CUPS's
//! `cups-pdf` virtual printer, and the PDF that comes out of the printer holds it; the call
//! sheet's text is read back with `pdftotext` (poppler), as a rep's PDF viewer would show it.
//!
//! The printer tests need CUPS with `cups-pdf` (CI installs `cups printer-driver-cups-pdf`):
//! they start `cupsd` when it does not run and add the printer `LeadQ-PDF`. Only where CUPS is
//! not installed at all do they skip, saying so.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use crate::support::Folder;

/// The virtual printer the tests print on.
pub const PRINTER: &str = "LeadQ-PDF";

fn installed(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths)
            .chain([PathBuf::from("/usr/sbin")])
            .any(|p| p.join(program).is_file())
    })
}

fn scheduler_runs() -> bool {
    Command::new("lpstat")
        .arg("-r")
        .env("LC_ALL", "C")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("scheduler is running"))
}

/// CUPS running with the `cups-pdf` printer [`PRINTER`]; `None` (and a note) where CUPS is not
/// installed.
pub fn cups_printer(test: &str) -> Option<&'static str> {
    static READY: OnceLock<bool> = OnceLock::new();
    let ready = *READY.get_or_init(|| {
        if !installed("cupsd") || !installed("lp") {
            return false;
        }
        if !scheduler_runs() {
            let cupsd = if installed("cupsd") && Path::new("/usr/sbin/cupsd").exists() {
                "/usr/sbin/cupsd"
            } else {
                "cupsd"
            };
            let started = Command::new(cupsd).status().unwrap();
            assert!(started.success(), "cupsd did not start");
            let start = Instant::now();
            while !scheduler_runs() {
                assert!(
                    start.elapsed() < Duration::from_secs(15),
                    "cupsd never answered"
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        // cups-pdf turns the job into PostScript and back into PDF; with pdftocairo as the
        // PostScript renderer the text stays text (the default one draws glyphs as shapes that
        // pdftotext cannot read).
        let added = Command::new("lpadmin")
            .args(["-p", PRINTER, "-v", "cups-pdf:/", "-E"])
            .args(["-m", "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"])
            .args(["-o", "pdftops-renderer-default=pdftocairo"])
            .output()
            .unwrap();
        assert!(
            added.status.success(),
            "could not add the cups-pdf printer (is printer-driver-cups-pdf installed?): {}",
            String::from_utf8_lossy(&added.stderr)
        );
        true
    });
    if !ready {
        eprintln!(
            "{test}: SKIPPED: CUPS is not installed (apt install cups printer-driver-cups-pdf)"
        );
        return None;
    }
    Some(PRINTER)
}

/// Where cups-pdf puts what it prints: `~/PDF` of the job's user (`Out` in
/// /etc/cups/cups-pdf.conf), or its spool folder for anonymous jobs.
fn printer_output_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from("/var/spool/cups-pdf/ANONYMOUS")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join("PDF"));
    }
    if let Ok(user) = std::env::var("USER") {
        dirs.push(Path::new("/var/spool/cups-pdf").join(user));
    }
    dirs
}

pub fn pdf_text(pdf: &Path) -> String {
    try_pdf_text(pdf).unwrap_or_else(|| panic!("pdftotext failed on {}", pdf.display()))
}

/// The PDF's text, or `None` where pdftotext cannot read it (yet: cups-pdf may still write it).
fn try_pdf_text(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Waits for the PDF that came out of the printer since `since` with `needle` in its text.
pub fn printed_with(needle: &str, since: SystemTime) -> String {
    let start = Instant::now();
    loop {
        for dir in printer_output_dirs() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let new = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= since);
                if new && path.extension().is_some_and(|e| e == "pdf") {
                    // A file still being written is read again on the next round.
                    if let Some(text) = try_pdf_text(&path)
                        && text.contains(needle)
                    {
                        return text;
                    }
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "nothing with {needle:?} came out of the printer into {:?}",
            printer_output_dirs()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// A few seconds back: file times may be coarser than the clock.
fn a_moment_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(2)
}

/// The call-sheet day's leads: two due (one today, one overdue), one later, one without a date.
const LEADS: &str = "company,contact,role,phone,email,follow_up,budget,authority,need,time,notes
Berg Logistik AG,Tom Berg,Geschäftsführer,+49 89 555 0101,tom@berg.example,2026-12-01,approved,decision_maker,strong_fit,unknown,Angebot liegt vor.
Acme Druck GmbH,Jana Schneider,Einkauf,+49 30 1234567,jana@acme.example,2026-12-07,planned,unknown,unknown,months_3_6,Erstes Gespräch auf der Messe.
Später GmbH,Lisa Later,CTO,+49 40 999 111,lisa@later.example,2026-12-08,approved,,,,
Ohne Termin KG,Otto Ohne,,+49 1 222 333,otto@ohne.example,,approved,,,,
";

fn folder_with_leads() -> Folder {
    let f = Folder::new();
    crate::support::import(&f.data, LEADS);
    f
}

#[test]
fn the_call_sheet_holds_the_due_and_overdue_leads_best_first() {
    let f = folder_with_leads();
    let pdf = f.path("sheet.pdf");
    let out = f.run(
        "en",
        &[
            "call-sheet",
            "--date",
            "2026-12-07",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 leads"), "{stderr}");
    // Wrapped lines joined: a sentence may run over two lines.
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "Call sheet",
        "2026-12-07",
        "2 leads to call, 1 of them overdue",
        "Berg Logistik AG",
        "Acme Druck GmbH",
        "+49 89 555 0101",
        "+49 30 1234567",
        "jana@acme.example",
        "Tom Berg – Geschäftsführer",
        "(overdue)",
        "Reason:",
        "What if:",
        "Open questions:",
        // Acme's authority is unknown: its open questions are the anchors for the call.
        "Who besides you is involved in the decision?",
        // Every question, the last one of a criterion too (Acme's need is unknown).
        "Which requirements are a must for you, and which are nice to have?",
        "Last note:",
        "Erstes Gespräch auf der Messe.",
        "Notes from the call:",
        "Page 1 of 1",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing in:\n{text}");
    }
    for absent in [
        "Später GmbH",
        "+49 40 999 111",
        "Ohne Termin KG",
        "+49 1 222 333",
    ] {
        assert!(!text.contains(absent), "{absent:?} is not due:\n{text}");
    }
    // Best first: Berg is a B, Acme a C.
    assert!(text.find("Berg Logistik").unwrap() < text.find("Acme Druck").unwrap());
}

#[test]
fn the_call_sheet_speaks_german_and_an_empty_day_says_so() {
    let f = folder_with_leads();
    let pdf = f.path("Tagesplan.pdf");
    f.ok(
        "de",
        &[
            "call-sheet",
            "--date",
            "2026-12-08",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&pdf);
    for wanted in [
        "Tagesplan",
        "08.12.2026",
        "Später GmbH",
        "Telefon: +49 40 999 111",
        "Seite 1 von",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing in:\n{text}");
    }
    // Berg and Acme are overdue on the 8th too.
    assert!(text.contains("Berg Logistik AG") && text.contains("überfällig"));

    let empty = f.path("empty.pdf");
    f.ok(
        "de",
        &[
            "call-sheet",
            "--date",
            "2026-11-01",
            "-o",
            empty.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&empty);
    assert!(
        text.contains("Für den 01.11.2026 ist keine Wiedervorlage fällig oder überfällig."),
        "{text}"
    );
    assert!(!text.contains("Berg"), "{text}");
}

#[test]
fn bad_input_is_named_in_the_reps_language_with_a_failing_exit() {
    let f = folder_with_leads();
    let out = f.run("de", &["call-sheet", "--date", "2026-13-45", "-o", "x.pdf"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("„2026-13-45“ ist kein Datum"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = f.run("en", &["print", "ffffffff"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ffffffff"), "{stderr}");

    // No CUPS commands at all (PATH without them): said, with the PDF offered instead.
    let out = crate::support::leadq_command()
        .arg("--data-dir")
        .arg(&f.data)
        .args(["--lang", "en", "print", &lead_id(&f, "Berg Logistik AG")])
        .env("PATH", f.path("no-programs-here"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    if cfg!(target_os = "windows") {
        return;
    }
    assert!(stderr.contains("printing goes through CUPS"), "{stderr}");
    assert!(
        stderr.contains("save it as a PDF instead: leadq pdf"),
        "{stderr}"
    );
}

fn lead_id(f: &Folder, company: &str) -> String {
    let list: serde_json::Value = serde_json::from_str(&f.ok("en", &["list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|l| l["company"] == company)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn print_sends_a_lead_to_the_printer_and_the_printed_pdf_holds_it() {
    let Some(printer) = cups_printer("print_sends_a_lead_to_the_printer") else {
        return;
    };
    let f = Folder::new();
    // A name no other test prints, to find this job's PDF among the printer's output.
    let company = format!(
        "Druckprobe {} GmbH",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    crate::support::import(
        &f.data,
        &format!("company,contact,phone\n{company},Jana Schneider,+49 30 7654321\n"),
    );
    let id = lead_id(&f, &company);
    let since = a_moment_ago();
    let out = f.run("en", &["print", &id[..8], "--printer", printer]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("sent to {printer} (job {printer}-")),
        "{stderr}"
    );
    let text = printed_with(&company, since);
    for wanted in [
        "Lead qualification",
        "Jana Schneider",
        "+49 30 7654321",
        "Open questions",
    ] {
        assert!(
            text.contains(wanted),
            "{wanted:?} missing in the printed PDF:\n{text}"
        );
    }
}

#[test]
fn the_call_sheet_goes_to_the_printer_too() {
    let Some(printer) = cups_printer("the_call_sheet_goes_to_the_printer_too") else {
        return;
    };
    let f = Folder::new();
    let company = format!(
        "Anrufprobe {} AG",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    crate::support::import(
        &f.data,
        &format!("company,phone,follow_up\n{company},+49 69 24680,2026-12-07\n"),
    );
    let since = a_moment_ago();
    let out = f.run(
        "de",
        &[
            "call-sheet",
            "--date",
            "2026-12-07",
            "--print",
            "--printer",
            printer,
            "--copies",
            "1",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = printed_with(&company, since);
    assert!(
        text.contains("Tagesplan") && text.contains("+49 69 24680"),
        "{text}"
    );
}

#[test]
fn an_unknown_printer_and_a_stopped_print_service_are_said_plainly() {
    let Some(printer) = cups_printer("an_unknown_printer_and_a_stopped_print_service") else {
        return;
    };
    let f = folder_with_leads();
    let id = lead_id(&f, "Berg Logistik AG");
    let out = f.run("de", &["print", &id, "--printer", "Keller-Drucker"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("den Drucker „Keller-Drucker“ gibt es nicht") && stderr.contains(printer),
        "{stderr}"
    );
    // A print service that does not answer (a socket where no cupsd listens).
    let out = crate::support::leadq_command()
        .arg("--data-dir")
        .arg(&f.data)
        .args(["--lang", "en", "print", &id])
        .env("CUPS_SERVER", f.path("no-cupsd.sock"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the print service (CUPS) is not running"),
        "{stderr}"
    );
}
