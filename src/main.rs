use std::process::ExitCode;

use clap::Parser;
use leadq::cli::Cli;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    match cli.command.take() {
        Some(command) => leadq::cli::run(cli, command),
        None => {
            eprintln!("leadq: the window is not built yet; use a subcommand (see `leadq --help`)");
            ExitCode::from(2)
        }
    }
}
