//! The command line: the same binary without a subcommand opens the window; subcommands serve
//! scripting and tests. Every error is one clear line on stderr and a non-zero exit code.

mod commands;
mod packaging;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{Class, Lang, Stage};
use crate::exchange::OnDuplicate;

#[derive(Debug, Parser)]
#[command(
    name = "leadq",
    version = crate::VERSION_AND_DATE,
    about = "Qualify sales leads by BANT or another framework (MEDDIC, CHAMP, …), offline. Without a subcommand, LeadQ opens its window.",
    after_help = "Lead files live in the data folder as one RON file per lead (see the README)."
)]
pub struct Cli {
    /// The data folder with your leads (default: the platform's data folder).
    #[arg(long, global = true, env = "LEADQ_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Language of output and reports (default: the system language).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// A spreadsheet or CRM export to import, or a framework file (.ron): the window opens with
    /// the import preview or the framework editor (what "Open with LeadQ" in a file manager
    /// does).
    #[arg(value_name = "FILE")]
    pub open: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    De,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

/// `leadq import --on-duplicate`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DuplicateArg {
    Update,
    New,
    Skip,
}

impl From<DuplicateArg> for OnDuplicate {
    fn from(d: DuplicateArg) -> OnDuplicate {
        match d {
            DuplicateArg::Update => OnDuplicate::Update,
            DuplicateArg::New => OnDuplicate::New,
            DuplicateArg::Skip => OnDuplicate::Skip,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClassArg {
    #[value(name = "A")]
    A,
    #[value(name = "B")]
    B,
    #[value(name = "C")]
    C,
}

impl From<ClassArg> for Class {
    fn from(c: ClassArg) -> Class {
        match c {
            ClassArg::A => Class::A,
            ClassArg::B => Class::B,
            ClassArg::C => Class::C,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StageArg {
    Mql,
    Sal,
    Sql,
    Disqualified,
}

impl From<StageArg> for Stage {
    fn from(s: StageArg) -> Stage {
        match s {
            StageArg::Mql => Stage::Mql,
            StageArg::Sal => Stage::Sal,
            StageArg::Sql => Stage::Sql,
            StageArg::Disqualified => Stage::Disqualified,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List leads as a table (best score first) or as JSON.
    List {
        /// Print a JSON array (id, company, contact, score, class, provisional, stage, …)
        /// instead of the table.
        #[arg(long)]
        json: bool,
        /// Only leads of this class.
        #[arg(long, value_enum, ignore_case = true)]
        class: Option<ClassArg>,
        /// Only leads in this stage.
        #[arg(long, value_enum, ignore_case = true)]
        stage: Option<StageArg>,
    },
    /// Show one lead with score, reason, open questions and what-if.
    Show {
        /// The lead's id or a unique start of it.
        id: String,
        /// Print the lead with its evaluation as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Import leads from a spreadsheet file or a CRM export (header row; columns matched by
    /// name, see the README).
    Import {
        /// The CSV or text file to import (UTF-8, UTF-16 or a legacy encoding such as
        /// Windows-1252; separated by `,`, `;` or tabs).
        file: PathBuf,
        /// Map a column by hand: `"Column name=field"` (a field id such as `company`,
        /// `first_name`, `revenue_eur`, a criterion id, or `ignore`). May be given repeatedly.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// What a row does that matches a lead already here (same CRM record id, e-mail, or
        /// company and contact): update that lead, import as a new lead, or skip the row.
        #[arg(long, value_enum, default_value = "update")]
        on_duplicate: DuplicateArg,
        /// Show the mapping, the row problems and what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The sheet of a workbook (.xlsx, .ods, .xls) to import, instead of the first one.
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Import the valid rows and list the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// Read the file in this encoding instead of detecting it (e.g. `utf-8`,
        /// `windows-1252`, `iso-8859-1`, `utf-16le`).
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// The row that names the columns, when a title or notes stand above the table (rows
        /// numbered as the spreadsheet shows them; the rows above are not imported).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        header_row: Option<u64>,
        /// Print each lead's id once its file is durably written (for tests and scripts).
        #[arg(long, hide = true)]
        report_saved: bool,
    },
    /// Export all leads to an Excel workbook (`.xlsx`) or a CSV file (`-` for standard output).
    Export {
        /// The file to write (replaced if it exists): `.xlsx` writes an Excel workbook with
        /// numbers and dates as such, any other name CSV (UTF-8 with a byte-order mark, so Excel
        /// shows umlauts); `-` writes CSV to standard output.
        file: PathBuf,
        /// CSV: separate with `;` and write decimal commas, as German Excel expects.
        #[arg(long)]
        semicolon: bool,
        /// Name columns and values by LeadQ's stable ids (`company`, `approved`, `web_form`)
        /// instead of the words the window shows in your language: for scripts. Both forms
        /// import back to the same leads.
        #[arg(long)]
        ids: bool,
    },
    /// Check every lead file in the data folder; exits non-zero if any is bad, or when an
    /// import or a framework switch was interrupted (killed, a power cut).
    Check {
        /// Complete or undo an interrupted import or framework switch now (what the next
        /// writing command or the window would do), then check.
        #[arg(long)]
        repair: bool,
    },
    /// Move a lead to the trash.
    Delete {
        /// The lead's id or a unique start of it.
        id: String,
    },
    /// Bring a lead back from the trash.
    Restore {
        /// The trashed lead's id or a unique start of it (`leadq trash` lists them).
        id: String,
    },
    /// List the leads in the trash.
    Trash {
        /// Print a JSON array instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Save qualification reports as PDF: `pdf ID -o FILE.pdf`, `pdf ID ID… -o DIR`,
    /// `pdf --all [--class A] -o DIR`.
    #[command(override_usage = "leadq pdf ID -o FILE.pdf\n       \
                                leadq pdf ID ID… -o DIR\n       \
                                leadq pdf --all [--class A|B|C] -o DIR")]
    Pdf {
        /// The leads' ids or unique starts of them.
        #[arg(required_unless_present = "all")]
        ids: Vec<String>,
        /// Every lead (with --class, every lead of that class).
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// With --all: only the leads of this class.
        #[arg(long, value_enum, ignore_case = true, requires = "all")]
        class: Option<ClassArg>,
        /// The PDF file for one lead, or the folder for several (created if missing; existing
        /// files are kept, new ones get " (2)", " (3)", … added).
        #[arg(short, long, value_name = "FILE.pdf|DIR")]
        output: PathBuf,
    },
    /// Print the qualification reports of leads (the PDF report's pages) on a printer: through
    /// CUPS on Linux and macOS, through the system's PDF program on Windows.
    Print {
        /// The leads' ids or unique starts of them.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The printer (default: the system's default printer; `lpstat -e` lists them).
        #[arg(long, value_name = "NAME")]
        printer: Option<String>,
        /// How many copies.
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=99))]
        copies: u32,
    },
    /// The day's call sheet: every lead whose follow-up is due that day or overdue, best first,
    /// with phone, the reason, the open questions and room for notes; as a PDF or printed.
    CallSheet {
        /// The day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The PDF file to write (replaced if it exists; default: `Tagesplan_DAY.pdf` or
        /// `Call sheet_DAY.pdf` in the current folder, never replacing a file).
        #[arg(short, long, value_name = "FILE.pdf", conflicts_with = "print")]
        output: Option<PathBuf>,
        /// Print it instead of writing a file.
        #[arg(long)]
        print: bool,
        /// With --print: the printer (default: the system's default printer).
        #[arg(long, value_name = "NAME", requires = "print")]
        printer: Option<String>,
        /// With --print: how many copies.
        #[arg(long, value_name = "N", default_value_t = 1, requires = "print",
              value_parser = clap::value_parser!(u32).range(1..=99))]
        copies: u32,
    },
    /// The pipeline's numbers: classes × stages, follow-ups due, unknown criteria.
    Summary {
        /// Print the numbers as JSON (the shape is in the README).
        #[arg(long)]
        json: bool,
    },
    /// Write the follow-ups as an iCalendar file (.ics) for Outlook, Apple Calendar,
    /// Thunderbird: one all-day event per lead with a follow-up date.
    Calendar {
        /// The .ics file to write (replaced if it exists).
        #[arg(short, long, value_name = "FILE.ics")]
        output: PathBuf,
        /// Only leads of this class.
        #[arg(long, value_enum, ignore_case = true)]
        class: Option<ClassArg>,
        /// Only leads in this stage.
        #[arg(long, value_enum, ignore_case = true)]
        stage: Option<StageArg>,
    },
    /// The qualification framework: the templates, the one this data folder uses, switching and
    /// checking (see "Frameworks" in the README).
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Write COUNT generated test leads into the data folder (benchmarks and scale tests).
    #[cfg(feature = "corpus")]
    #[command(hide = true)]
    GenerateCorpus {
        /// How many leads to write.
        count: usize,
        /// The same seed always writes the same leads.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write the man pages and shell completions into DIR (for packaging; see packaging/).
    #[command(hide = true)]
    PackagingFiles { dir: PathBuf },
}

/// `leadq framework …`.
#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// List the templates LeadQ ships; `*` marks the one this data folder uses.
    List,
    /// Show a framework: its criteria, answers with points and knockouts, open questions and
    /// class rules.
    Show {
        /// A template's id (`leadq framework list`), or the id of this folder's own framework.
        id: String,
        /// Print {"id", "name", "criteria": [{"id", "label", "options": [{"id", "label",
        /// "points", "knockout"}]}]} instead of text (labels in the chosen language).
        #[arg(long)]
        json: bool,
    },
    /// Make a template, or a framework file another team exported, this data folder's
    /// framework (writes framework.ron and classification.ron; lead files keep every answer).
    Use {
        /// A template's id (bant, anum, champ, faint, meddic, meddpicc, gpctba) or a .ron file
        /// as `leadq framework export` writes it.
        #[arg(value_name = "ID|FILE")]
        target: String,
    },
    /// Check a framework file before you use it: prints each problem with what to fix, and
    /// exits 1 on problems, 0 when it is fine.
    Check {
        /// The .ron file (a framework with its class rules).
        file: PathBuf,
    },
    /// Write this data folder's framework with its class rules into one .ron file, to hand to
    /// another team (`leadq framework use FILE` there). `-` for standard output.
    Export {
        /// The .ron file to write (replaced if it exists), or `-`.
        file: PathBuf,
    },
}

/// Runs a subcommand and turns any error into one line on stderr.
pub fn run(cli: Cli, command: Command) -> ExitCode {
    let lang = cli
        .lang
        .map(Lang::from)
        .unwrap_or_else(crate::i18n::system_lang);
    let result = match command {
        // Needs no data folder: it only describes the command line.
        Command::PackagingFiles { dir } => packaging::write_all(&dir)
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| format!("{e:#}")),
        command => commands::run(cli.data_dir.as_deref(), lang, command),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("leadq: {message}");
            ExitCode::FAILURE
        }
    }
}
