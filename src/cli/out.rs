//! The only place that prints for the command line: results to stdout, errors to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write as _;

/// One line of results on stdout. If stdout is closed (`factmark validate … | head`), stop
/// quietly as other command-line tools do.
pub fn result(line: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}") {
        stdout_failed(&e);
    }
}

/// Stdout cannot be written: closed by the reader (quietly, exit 0) or failed (a full
/// disk: say so, exit 1).
fn stdout_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    error(&format!(
        "cannot write to standard output: {e}; the output is incomplete"
    ));
    std::process::exit(1);
}

/// An error for the user, on stderr, prefixed with the program name.
pub fn error(message: &str) {
    eprintln!("factmark: error: {message}");
}

/// A note for the user on stderr (not a result, not an error).
pub fn note(message: &str) {
    eprintln!("factmark: {message}");
}

/// A whole result (an export) on stdout, as it is.
pub fn bytes(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        stdout_failed(&e);
    }
}
