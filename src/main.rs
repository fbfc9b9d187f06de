use std::process::ExitCode;

use clap::Parser;
use leadq::cli::Cli;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => leadq::cli::run(cli, command),
        None => leadq::ui::run(cli.data_dir.as_deref(), cli.lang.map(Into::into)),
    }
}
