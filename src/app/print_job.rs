//! Printing from the window: the print dialog's state (the document, the printers found, the
//! one chosen, copies), and the jobs off the UI thread — asking the system for its printers
//! (`lpstat` may take a while, or hang on a dead print server) and rendering and sending the
//! PDF. Modelled on the Save-PDF flow (`pdf_save.rs`); no egui in here.

use std::sync::mpsc::Receiver;

use jiff::civil::Date;

use crate::domain::{Classification, Framework, Lang, Lead};
use crate::print::{PrintError, Printed, Printer};
use crate::report::{Report, ReportOptions, render_call_sheet, render_reports};

/// Asks the system for its printers.
pub type FindPrinters = fn() -> Result<Vec<Printer>, PrintError>;
/// Sends a PDF (bytes, job title, printer, copies).
pub type SendPdf = fn(&[u8], &str, Option<&str>, u32) -> Result<Printed, PrintError>;
/// What became of a job and how many pages it had, or the error in the rep's language.
pub type JobOutcome = Result<(Printed, usize), String>;

/// Where printers come from and where jobs go: the system's (`crate::print`), or a stand-in a
/// test gives the window.
#[derive(Clone, Copy)]
pub struct PrintSystem {
    /// Whether the system lists its printers (CUPS); else jobs go to its default printer.
    pub lists_printers: bool,
    pub printers: FindPrinters,
    pub print: SendPdf,
}

impl PrintSystem {
    pub fn native() -> PrintSystem {
        PrintSystem {
            lists_printers: crate::print::LISTS_PRINTERS,
            printers: crate::print::printers,
            print: crate::print::print_pdf,
        }
    }
}

/// What is printed.
#[derive(Debug, Clone)]
pub enum PrintDocument {
    /// The report pages of these leads, one after the other.
    Leads(Vec<Lead>),
    /// The call sheet of `day`, from these leads (those due are picked when it is rendered).
    CallSheet { day: Date, leads: Vec<Lead> },
}

/// The printers as far as they are known.
#[derive(Debug)]
pub enum Printers {
    Looking(Receiver<Result<Vec<Printer>, PrintError>>),
    Found(Vec<Printer>),
    /// None found, or the system could not be asked; said in the rep's language.
    Unavailable(String),
    /// The system prints on its own default printer (Windows).
    System,
}

pub struct PrintDialog {
    pub document: PrintDocument,
    /// What the dialog says it prints ("The report of Müller GmbH").
    pub what: String,
    pub printers: Printers,
    pub chosen: Option<String>,
    pub copies: u32,
    pub sending: Option<Receiver<JobOutcome>>,
    /// The last attempt's error, shown in the dialog.
    pub error: Option<String>,
}

impl PrintDialog {
    pub fn new(
        document: PrintDocument,
        what: String,
        system: PrintSystem,
        wake: Box<dyn Fn() + Send>,
    ) -> PrintDialog {
        let printers = if system.lists_printers {
            let find = system.printers;
            Printers::Looking(super::run_once("leadq-printers", find, wake, |e| {
                Err(PrintError::Refused {
                    printer: String::new(),
                    detail: e,
                })
            }))
        } else {
            Printers::System
        };
        PrintDialog {
            document,
            what,
            printers,
            chosen: None,
            copies: 1,
            sending: None,
            error: None,
        }
    }

    /// Takes the printers once they are found; the default is chosen first. Returns whether
    /// anything changed.
    pub fn poll(&mut self, lang: Lang) -> bool {
        let mut changed = false;
        if let Printers::Looking(rx) = &self.printers {
            let found = match rx.try_recv() {
                Ok(found) => Some(found),
                Err(std::sync::mpsc::TryRecvError::Empty) => None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    Some(Err(PrintError::ServiceDown))
                }
            };
            if let Some(found) = found {
                changed = true;
                self.printers = match found {
                    Ok(list) if list.is_empty() => Printers::Unavailable(crate::i18n::print_error(
                        lang,
                        &PrintError::NoPrinter,
                    )),
                    Ok(list) => {
                        self.chosen = list
                            .iter()
                            .find(|p| p.is_default)
                            .or(list.first())
                            .map(|p| p.name.clone());
                        Printers::Found(list)
                    }
                    Err(e) => Printers::Unavailable(crate::i18n::print_error(lang, &e)),
                };
            }
        }
        changed
    }

    /// Whether Print can be pressed: a printer is chosen (or the system's is used) and no job is
    /// under way.
    pub fn can_send(&self) -> bool {
        self.sending.is_none()
            && match self.printers {
                Printers::Found(_) => self.chosen.is_some(),
                Printers::System => true,
                Printers::Looking(_) | Printers::Unavailable(_) => false,
            }
    }
}

/// What a print job needs besides the dialog's choices.
pub struct PrintRequest {
    pub document: PrintDocument,
    pub framework: Framework,
    pub rules: Classification,
    pub lang: Lang,
    pub today: Date,
    pub printer: Option<String>,
    pub copies: u32,
    pub system: PrintSystem,
}

/// Renders the document and sends it; the receiver gets what became of it and the page count,
/// or the error in the rep's language.
pub fn start(request: PrintRequest, wake: Box<dyn Fn() + Send>) -> Receiver<JobOutcome> {
    super::run_once("leadq-print", move || send(request), wake, Err)
}

fn send(r: PrintRequest) -> JobOutcome {
    let (report, title) = render(&r.document, &r.framework, &r.rules, r.lang, r.today)?;
    let printed = (r.system.print)(&report.bytes, &title, r.printer.as_deref(), r.copies)
        .map_err(|e| crate::i18n::print_error(r.lang, &e))?;
    Ok((printed, report.pages))
}

/// The document's PDF and its title (the print job's name, and the start of its file name).
pub fn render(
    document: &PrintDocument,
    fw: &Framework,
    rules: &Classification,
    lang: Lang,
    today: Date,
) -> Result<(Report, String), String> {
    let opts = |today| ReportOptions {
        lang,
        today,
        version: crate::VERSION,
    };
    let failed = |e| crate::i18n::report_error(lang, &e);
    match document {
        PrintDocument::Leads(leads) => {
            let chosen: Vec<&Lead> = leads.iter().collect();
            let report = render_reports(&chosen, fw, rules, &opts(today)).map_err(failed)?;
            let title = crate::i18n::texts(lang).report_title;
            let title = match chosen.as_slice() {
                [lead] => format!("{title} - {}", lead.display_name()),
                _ => format!("{title} ({})", chosen.len()),
            };
            Ok((report, title))
        }
        PrintDocument::CallSheet { day, leads } => {
            let due = crate::domain::call_sheet(leads, fw, rules, *day);
            let report = render_call_sheet(&due, fw, rules, &opts(*day)).map_err(failed)?;
            let title = format!("{} {day}", crate::i18n::print_texts(lang).sheet_title);
            Ok((report, title))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_printers() -> Result<Vec<Printer>, PrintError> {
        Ok(vec![
            Printer {
                name: "Default".into(),
                is_default: true,
            },
            Printer {
                name: "Other".into(),
                is_default: false,
            },
        ])
    }

    fn no_printers() -> Result<Vec<Printer>, PrintError> {
        Ok(Vec::new())
    }

    fn fake_print(
        pdf: &[u8],
        _: &str,
        printer: Option<&str>,
        _: u32,
    ) -> Result<Printed, PrintError> {
        assert!(pdf.starts_with(b"%PDF"));
        Ok(Printed::Queued {
            printer: printer.unwrap_or_default().to_owned(),
            job: "X-1".into(),
        })
    }

    fn dialog(printers: FindPrinters) -> PrintDialog {
        let system = PrintSystem {
            lists_printers: true,
            printers,
            print: fake_print,
        };
        let mut d = PrintDialog::new(
            PrintDocument::Leads(Vec::new()),
            String::new(),
            system,
            Box::new(|| {}),
        );
        while matches!(d.printers, Printers::Looking(_)) {
            d.poll(Lang::En);
        }
        d
    }

    #[test]
    fn the_default_printer_is_chosen_and_none_at_all_is_said() {
        let d = dialog(fake_printers);
        assert_eq!(d.chosen.as_deref(), Some("Default"));
        assert!(d.can_send());
        let d = dialog(no_printers);
        assert!(matches!(&d.printers, Printers::Unavailable(m) if m == "no printer is set up"));
        assert!(!d.can_send());
    }

    #[test]
    fn a_job_renders_the_call_sheet_and_sends_it() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Müller AG".into();
        lead.follow_up = Some(jiff::civil::date(2026, 12, 1));
        let request = PrintRequest {
            document: PrintDocument::CallSheet {
                day: jiff::civil::date(2026, 12, 7),
                leads: vec![lead],
            },
            framework: fw,
            rules,
            lang: Lang::De,
            today: jiff::civil::date(2026, 12, 7),
            printer: Some("Other".into()),
            copies: 2,
            system: PrintSystem {
                lists_printers: true,
                printers: fake_printers,
                print: fake_print,
            },
        };
        let (printed, pages) = start(request, Box::new(|| {})).recv().unwrap().unwrap();
        assert_eq!(pages, 1);
        assert_eq!(
            printed,
            Printed::Queued {
                printer: "Other".into(),
                job: "X-1".into()
            }
        );
    }
}
