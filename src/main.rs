//! The `leadq` binary: the window without a subcommand, the command line with one.

// On Windows the binary is a GUI program: no console window opens behind LeadQ. Subcommands
// still print in a terminal, because `main` attaches to the console it was started from.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use leadq::cli::Cli;

fn main() -> ExitCode {
    leadq::platform::attach_parent_console();
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => leadq::cli::run(cli, command),
        None => {
            // `leadq lsit` is a typo, not a file to import: say so instead of opening a window.
            if let Some(file) = cli.open.as_ref().filter(|f| !f.exists()) {
                eprintln!(
                    "leadq: \"{}\" is neither a command nor a file; see leadq --help",
                    file.display()
                );
                return ExitCode::from(2);
            }
            leadq::ui::run(
                cli.data_dir.as_deref(),
                cli.lang.map(Into::into),
                cli.open.take(),
            )
        }
    }
}
