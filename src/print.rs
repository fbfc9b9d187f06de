//! Printing a PDF LeadQ made (a lead's report, several, the day's call sheet), per OS.
//!
//! - Linux and macOS: CUPS through its own commands, `lpstat` (the printers, the default first)
//!   and `lp` (the job, the PDF on its standard input), so no library is linked and any CUPS
//!   the system runs (local, a print server, AirPrint queues on a Mac) is used as it is set up.
//!   The window shows LeadQ's own small dialog over this list (printer, copies).
//! - Windows: the system prints: the PDF goes into the temp folder and the default PDF
//!   program's "print" command (`printto` for a named printer) is started by the shell. Where no
//!   program registers one, the PDF opens in the viewer and the rep is told to print it there.
//!
//! Errors are data ([`PrintError`]); `i18n::print_error` says them in the rep's language.

use std::io;
use std::path::PathBuf;

/// A printer as the system names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// What became of a print job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// In the printer's queue (CUPS): the printer and the job's id (`PDF-12`).
    Queued { printer: String, job: String },
    /// Handed to the default PDF program's print command (Windows).
    System,
    /// Nothing on this system prints a PDF by itself: it is open in the viewer, to be printed
    /// there (Windows without a PDF program that registers a print command).
    OpenedInViewer(PathBuf),
}

#[derive(Debug)]
pub enum PrintError {
    /// `lpstat` or `lp` could not be started: CUPS is not installed.
    NoCups {
        program: &'static str,
        error: io::Error,
    },
    /// The print service (cupsd) does not answer.
    ServiceDown,
    /// No printer is set up.
    NoPrinter,
    /// No printer was named and none is the default; these are set up.
    NoDefault(Vec<String>),
    /// The named printer is not set up; these are.
    Unknown { name: String, known: Vec<String> },
    /// The printer or the spooler refused the job; CUPS's own words.
    Refused { printer: String, detail: String },
    /// The PDF for the system's print command could not be written.
    Write { path: PathBuf, error: io::Error },
    /// The system could neither print nor open the PDF.
    Shell { path: PathBuf, detail: String },
}

/// Whether this system lists its printers for LeadQ's dialog (CUPS), or prints through the
/// system's own print command on its default (or a named) printer (Windows).
pub const LISTS_PRINTERS: bool = cfg!(not(target_os = "windows"));

/// The printers, the default first, the rest by name.
pub fn printers() -> Result<Vec<Printer>, PrintError> {
    #[cfg(not(target_os = "windows"))]
    {
        cups::printers()
    }
    #[cfg(target_os = "windows")]
    {
        Ok(Vec::new())
    }
}

/// The printer a job goes to: the one asked for, which must be set up, or the default.
pub fn choose(printers: &[Printer], asked: Option<&str>) -> Result<String, PrintError> {
    if printers.is_empty() {
        return Err(PrintError::NoPrinter);
    }
    let names = || printers.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    match asked {
        Some(name) => printers
            .iter()
            // CUPS matches names without regard to case.
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.name.clone())
            .ok_or_else(|| PrintError::Unknown {
                name: name.to_owned(),
                known: names(),
            }),
        None => printers
            .iter()
            .find(|p| p.is_default)
            .map(|p| p.name.clone())
            .ok_or_else(|| PrintError::NoDefault(names())),
    }
}

/// Sends `pdf` to `printer` (`None`: the system's default) as a job named `title`.
pub fn print_pdf(
    pdf: &[u8],
    title: &str,
    printer: Option<&str>,
    copies: u32,
) -> Result<Printed, PrintError> {
    #[cfg(not(target_os = "windows"))]
    {
        cups::print(pdf, title, printer, copies)
    }
    #[cfg(target_os = "windows")]
    {
        shell::print(pdf, title, printer, copies)
    }
}

#[cfg(not(target_os = "windows"))]
mod cups {
    use std::io::Write;
    use std::process::{Command, Stdio};

    use super::{PrintError, Printed, Printer};

    /// `lpstat`/`lp` in the C locale: their answers are parsed, and CUPS translates them.
    fn command(program: &'static str) -> Command {
        let mut c = Command::new(program);
        c.env("LC_ALL", "C").env("LANG", "C");
        c
    }

    pub fn printers() -> Result<Vec<Printer>, PrintError> {
        let out = command("lpstat")
            .args(["-r", "-e", "-d"])
            .stdin(Stdio::null())
            .output()
            .map_err(|error| PrintError::NoCups {
                program: "lpstat",
                error,
            })?;
        parse_lpstat(&String::from_utf8_lossy(&out.stdout))
    }

    /// `lpstat -r -e -d`: whether the scheduler runs, the destinations, the default.
    pub(super) fn parse_lpstat(text: &str) -> Result<Vec<Printer>, PrintError> {
        let mut names = Vec::new();
        let mut default = None;
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if line == "scheduler is not running" {
                return Err(PrintError::ServiceDown);
            } else if let Some(name) = line.strip_prefix("system default destination: ") {
                default = Some(name.trim().to_owned());
            } else if line == "scheduler is running"
                || line.starts_with("no system default destination")
            {
                continue;
            } else if !line.contains(char::is_whitespace) {
                names.push(line.to_owned());
            }
        }
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup();
        let mut printers: Vec<Printer> = names
            .into_iter()
            .map(|name| Printer {
                is_default: default.as_deref() == Some(name.as_str()),
                name,
            })
            .collect();
        printers.sort_by_key(|p| !p.is_default);
        Ok(printers)
    }

    pub fn print(
        pdf: &[u8],
        title: &str,
        printer: Option<&str>,
        copies: u32,
    ) -> Result<Printed, PrintError> {
        let mut lp = command("lp");
        if let Some(printer) = printer {
            lp.args(["-d", printer]);
        }
        lp.arg("-n")
            .arg(copies.max(1).to_string())
            .args(["-t", title])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = lp.spawn().map_err(|error| PrintError::NoCups {
            program: "lp",
            error,
        })?;
        let refused = |detail: String| PrintError::Refused {
            printer: printer.unwrap_or_default().to_owned(),
            detail,
        };
        if let Some(mut stdin) = child.stdin.take() {
            // A refusing `lp` may close its input early; its own words then say why.
            let _ = stdin.write_all(pdf);
        }
        let out = child
            .wait_with_output()
            .map_err(|e| refused(e.to_string()))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let detail = stderr
                .trim()
                .trim_start_matches("lp: ")
                .trim_start_matches("Error - ")
                .to_owned();
            return Err(refused(detail));
        }
        // "request id is PDF-12 (0 file(s))"
        let job = stdout
            .split_whitespace()
            .skip_while(|w| *w != "is")
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let printer = match printer {
            Some(p) => p.to_owned(),
            None => job
                .rsplit_once('-')
                .map_or_else(String::new, |(p, _)| p.to_owned()),
        };
        Ok(Printed::Queued { printer, job })
    }
}

#[cfg(target_os = "windows")]
mod shell {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    use windows_sys::Win32::UI::Shell::{SE_ERR_NOASSOC, ShellExecuteW};
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWMINNOACTIVE;

    use super::{PrintError, Printed};

    fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
        s.encode_wide().chain(std::iter::once(0)).collect()
    }

    /// The PDF into the temp folder (the program reads it after this returns, so it stays; the
    /// system's temp cleaning takes it), then the shell's `print` or `printto` verb on it.
    /// The system's print command has no copies of its own: it is started once per copy.
    pub fn print(
        pdf: &[u8],
        title: &str,
        printer: Option<&str>,
        copies: u32,
    ) -> Result<Printed, PrintError> {
        let stem = crate::report::sanitize_file_stem(title);
        let dir = std::env::temp_dir();
        let path = crate::report::unique_path(&dir, &format!("{stem}.pdf"));
        crate::store::write_atomic(&path, pdf).map_err(|error| PrintError::Write {
            path: path.clone(),
            error,
        })?;
        let mut code = execute(&path, printer);
        for _ in 1..copies.max(1) {
            if code <= 32 {
                break;
            }
            code = execute(&path, printer);
        }
        if code > 32 {
            return Ok(Printed::System);
        }
        if code == SE_ERR_NOASSOC as isize || code == 1155 {
            // No program registers a print command for PDFs: the viewer, to print from there.
            return crate::platform::open(&path)
                .map(|()| Printed::OpenedInViewer(path.clone()))
                .map_err(|e| PrintError::Shell {
                    path: path.clone(),
                    detail: e.to_string(),
                });
        }
        Err(PrintError::Shell {
            path,
            detail: std::io::Error::last_os_error().to_string(),
        })
    }

    fn execute(path: &Path, printer: Option<&str>) -> isize {
        let verb = wide(std::ffi::OsStr::new(if printer.is_some() {
            "printto"
        } else {
            "print"
        }));
        let file = wide(path.as_os_str());
        let params = printer.map(|p| wide(std::ffi::OsStr::new(&format!("\"{p}\""))));
        let params_ptr = params.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
        // SAFETY: every pointer is to a NUL-terminated UTF-16 buffer that lives until the call
        // returns, or null where the API allows it (no window, no parameters, no folder).
        let handle = unsafe {
            ShellExecuteW(
                std::ptr::null_mut(),
                verb.as_ptr(),
                file.as_ptr(),
                params_ptr,
                std::ptr::null(),
                SW_SHOWMINNOACTIVE,
            )
        };
        handle as isize
    }
}

#[cfg(all(test, not(target_os = "windows")))]
mod tests {
    use super::*;

    #[test]
    fn lpstat_gives_the_default_first_and_a_stopped_service() {
        let p = cups::parse_lpstat(
            "scheduler is running\nzebra\nOffice_Laser\nPDF\nsystem default destination: PDF\n",
        )
        .unwrap();
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["PDF", "Office_Laser", "zebra"]);
        assert!(p[0].is_default && !p[1].is_default);
        let none = cups::parse_lpstat("scheduler is running\nno system default destination\n");
        assert!(none.unwrap().is_empty());
        assert!(matches!(
            cups::parse_lpstat("scheduler is not running\n"),
            Err(PrintError::ServiceDown)
        ));
    }

    #[test]
    fn a_job_goes_to_the_named_printer_or_the_default() {
        let printers = [
            Printer {
                name: "PDF".into(),
                is_default: true,
            },
            Printer {
                name: "Office".into(),
                is_default: false,
            },
        ];
        assert_eq!(choose(&printers, None).unwrap(), "PDF");
        assert_eq!(choose(&printers, Some("office")).unwrap(), "Office");
        assert!(matches!(
            choose(&printers, Some("Keller")),
            Err(PrintError::Unknown { .. })
        ));
        assert!(matches!(
            choose(&printers[1..], None),
            Err(PrintError::NoDefault(_))
        ));
        assert!(matches!(choose(&[], None), Err(PrintError::NoPrinter)));
    }
}
