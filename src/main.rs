//! The `factmark` binary: parse arguments, run a command or the app, map errors to an exit
//! status (0 success, 1 invalid input or findings, 2 usage errors).

use std::process::ExitCode;

use clap::Parser as _;
use factmark::cli::{self, Cli};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return cli::run(command);
    }
    // A path that is not there fails here, before any window opens.
    if let Some(path) = &cli.path
        && !path.exists()
    {
        cli::out::error(&format!("{}: no such file", path.display()));
        return ExitCode::FAILURE;
    }
    // Absolute, so that nothing the app does with the current folder (file dialogs start
    // there) changes which file a path names.
    let path = cli.path.map(|p| std::path::absolute(&p).unwrap_or(p));
    open_app(path.as_deref(), started)
}

#[cfg(feature = "gui")]
fn open_app(path: Option<&std::path::Path>, started: std::time::Instant) -> ExitCode {
    factmark::gui::run(path, started)
}

#[cfg(not(feature = "gui"))]
fn open_app(_path: Option<&std::path::Path>, _started: std::time::Instant) -> ExitCode {
    cli::out::error(
        "this factmark was built without the desktop app (feature `gui`); \
         use `factmark import` and `factmark validate` (see `factmark --help`)",
    );
    ExitCode::from(2)
}
