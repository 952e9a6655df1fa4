//! `account-desk`: opens the window, or runs one command-line task (see `--help`).
//! Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.

use account_desk::cli::{self, Cli, CliError, DataPlaces};
use clap::Parser;
use std::fmt::Display;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    env_logger::init();
    let args = Cli::parse();
    let places = DataPlaces::here();
    let db = match (args.db.clone(), &places) {
        (Some(db), _) => db,
        (None, Some(places)) => places.db.clone(),
        (None, None) => return fail(CliError::NoDataDir, None),
    };
    let Some(command) = &args.command else {
        log::info!("opening the window over {} ({places:?})", db.display());
        if let Some(places) = &places {
            places.adopt_old_prefs();
        }
        let prefs = places.map(|p| p.prefs);
        let opened: anyhow::Result<()> = account_desk::app::run(db, prefs);
        return match opened {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("{e:#}"), None),
        };
    };
    let mut stdout = std::io::stdout().lock();
    match cli::run(command, &db, &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        // `account-desk list jobs | head`: the reader has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let hint = cli::hint(&e, &db);
            fail(e, hint)
        }
    }
}

/// Prints the error (and advice, if any) on stderr; exit code 1.
fn fail(error: impl Display, hint: Option<String>) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    // Nothing more can be done when stderr itself is gone.
    let _ = writeln!(stderr, "error: {error}");
    if let Some(hint) = hint {
        let _ = writeln!(stderr, "{hint}");
    }
    ExitCode::FAILURE
}
