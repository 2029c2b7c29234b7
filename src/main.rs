//! The `factmark` binary: parse arguments, run a command or the app, map errors to an exit
//! status (0 success, 1 invalid input or findings, 2 usage errors).

use std::process::ExitCode;

use clap::Parser as _;
use factmark::cli::{self, Cli, out};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(command),
        None => open_app(cli.path.as_deref()),
    }
}

fn open_app(_path: Option<&std::path::Path>) -> ExitCode {
    out::error(
        "the desktop app is not part of this version yet; \
         use `factmark import` and `factmark validate` (see `factmark --help`)",
    );
    ExitCode::from(2)
}
