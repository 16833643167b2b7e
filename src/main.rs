//! The `hero-readiness` binary: parse the arguments, run the command, map the result to an exit
//! code. With no command it prints help until the desktop window lands.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use hero_readiness::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    let code = cli::run(command, &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}
