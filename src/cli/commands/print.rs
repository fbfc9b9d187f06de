//! `leadq print ID… [--printer NAME] [--copies N]` (the leads' report pages on a printer) and
//! `leadq call-sheet [--date DAY] [-o FILE.pdf | --print]` (the day's call sheet).

use std::path::Path;
use std::process::ExitCode;

use super::{Command, Ctx, Outcome};
use crate::domain::Lead;
use crate::i18n::{fill, format_date, no_printer, print_error, print_texts, printed_text};
use crate::print::{self as printing, Printer};
use crate::report::{Report, ReportOptions, render_call_sheet, render_reports, unique_path};

/// Where a printed document goes.
struct Send<'a> {
    printer: Option<&'a str>,
    copies: u32,
}

/// `leadq print` or `leadq call-sheet`.
pub fn run(cx: &Ctx, command: Command) -> Outcome {
    match command {
        Command::Print {
            ids,
            printer,
            copies,
        } => print(cx, &ids, printer.as_deref(), copies),
        Command::CallSheet {
            date,
            output,
            print,
            printer,
            copies,
        } => call_sheet(
            cx,
            date.as_deref(),
            output.as_deref(),
            print.then_some(Send {
                printer: printer.as_deref(),
                copies,
            }),
        ),
        // `commands::run` hands only these two over.
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn print(cx: &Ctx, ids: &[String], printer: Option<&str>, copies: u32) -> Outcome {
    let mut leads: Vec<Lead> = Vec::new();
    for id in ids {
        let lead = cx.find(id)?;
        if !leads.iter().any(|l| l.id == lead.id) {
            leads.push(lead);
        }
    }
    let file = print_texts(cx.lang).file_placeholder;
    let pdf_hint = format!("leadq pdf {} -o {file}", ids.join(" "));
    // The printer first: with none there is nothing to render for.
    let printer = destination(cx, printer, &pdf_hint)?;
    let opts = options(cx, crate::clock::today());
    let chosen: Vec<&Lead> = leads.iter().collect();
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let report = render_reports(&chosen, fw, rules, &opts)
        .map_err(|e| crate::i18n::report_error(cx.lang, &e))?;
    let title = match chosen.as_slice() {
        [lead] => format!(
            "{} - {}",
            crate::i18n::texts(cx.lang).report_title,
            lead.display_name()
        ),
        _ => format!(
            "{} ({})",
            crate::i18n::texts(cx.lang).report_title,
            chosen.len()
        ),
    };
    send(cx, &report, &title, printer.as_deref(), copies)
}

fn call_sheet(cx: &Ctx, date: Option<&str>, output: Option<&Path>, print: Option<Send>) -> Outcome {
    let p = print_texts(cx.lang);
    let day = match date {
        None => crate::clock::today(),
        Some(text) => text
            .trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| fill(p.bad_date, &[text]))?,
    };
    let printer = match &print {
        Some(send) => {
            let hint = format!("leadq call-sheet -o {}", p.file_placeholder);
            destination(cx, send.printer, &hint)?
        }
        None => None,
    };
    let leads = cx.load()?;
    let (fw, rules) = (&cx.ws.team.framework, &cx.ws.team.rules);
    let due = crate::domain::call_sheet(&leads, fw, rules, day);
    let opts = options(cx, day);
    let report = render_call_sheet(&due, fw, rules, &opts)
        .map_err(|e| crate::i18n::report_error(cx.lang, &e))?;
    if let Some(send_to) = print {
        let title = format!("{} {}", p.sheet_title, day);
        return send(cx, &report, &title, printer.as_deref(), send_to.copies);
    }
    let path = match output {
        Some(path) => path.to_path_buf(),
        None => unique_path(Path::new("."), &format!("{}_{day}.pdf", p.sheet_title)),
    };
    crate::store::write_atomic(&path, &report.bytes)
        .map_err(|e| crate::i18n::write_failure(cx.lang, &path, &e))?;
    let leads_text = cx.m().leads.of(due.len(), &[]);
    eprintln!(
        "leadq: {}",
        fill(
            p.sheet_wrote,
            &[
                &format_date(cx.lang, day),
                &leads_text,
                &path.display().to_string()
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn options(cx: &Ctx, today: jiff::civil::Date) -> ReportOptions {
    ReportOptions {
        lang: cx.lang,
        today,
        version: crate::VERSION,
    }
}

/// The printer a job goes to, checked before anything is rendered: where the system lists its
/// printers (CUPS), the one named (it must exist) or the default; on Windows the name as given,
/// or the system's default. No printer at all: said, with the command that saves the PDF.
fn destination(cx: &Ctx, asked: Option<&str>, pdf_hint: &str) -> Result<Option<String>, String> {
    if !printing::LISTS_PRINTERS {
        return Ok(asked.map(str::to_owned));
    }
    let explain = |e: printing::PrintError| {
        let text = print_error(cx.lang, &e);
        if no_printer(&e) {
            format!(
                "{text}; {}",
                fill(print_texts(cx.lang).pdf_instead, &[pdf_hint])
            )
        } else {
            text
        }
    };
    let printers: Vec<Printer> = printing::printers().map_err(explain)?;
    printing::choose(&printers, asked)
        .map(Some)
        .map_err(explain)
}

fn send(cx: &Ctx, report: &Report, title: &str, printer: Option<&str>, copies: u32) -> Outcome {
    let printed = printing::print_pdf(&report.bytes, title, printer, copies)
        .map_err(|e| print_error(cx.lang, &e))?;
    eprintln!(
        "leadq: {}",
        printed_text(cx.lang, &printed, report.pages, copies)
    );
    Ok(ExitCode::SUCCESS)
}
